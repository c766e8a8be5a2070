#!/bin/sh
# A data table's formats: (issue 13) as laid out: a number format's column is
# right-aligned on its decimal point whatever text its sign sections add
# ("18.4 % down" and "3.2 %" put their points one above the other), a
# section of words only ("flat") stands flush right, and in Russian the
# formatted numbers keep the style they were written in (not restyled a
# second time) while a column shown as written ("-") keeps the CSV's text
# and one without formats: gets the decimal comma.  Geometry from
# pdftotext -bbox.
set -eu
bin=$1 tmp=$2
fail() { echo "table_formats: $*"; exit 1; }
printf 'item,change,raw\nA,3.25,1234.5\nB,-18.44,1234.5\nC,0.01,1234.5\nD,12,1234.5\n' >"$tmp/t.csv"
spec() { # LOCALE FORMATS
	printf -- '---\ntitle: T\ncover: no\nsources: no\nlocale: %s\n---\n' "$1"
	printf '```table\ndata: t.csv\ncolumns: item, change, raw\nformats: %s\n```\n' "$2"
	printf '```table\ndata: t.csv\ncolumns: item, raw\n```\n'
}
spec en '-, %.1f %%;%.1f %% down;flat, -' >"$tmp/en.md"
"$bin" -q -o "$tmp/en.pdf" "$tmp/en.md" || fail "en: exit $?"
pdftotext -bbox "$tmp/en.pdf" "$tmp/en.html"
# xmax WORD: the right edges of every WORD, one a line
xmax() { sed -n "s/.*xMax=\"\([0-9.]*\)\".*>$2<\/word>/\1/p" "$1"; }
# same A B: the two x positions agree within a hundredth of a point
same() { awk -v a="$1" -v b="$2" 'BEGIN { d = a - b; exit !(a != "" && b != "" && d < 0.01 && d > -0.01) }'; }
p1=$(xmax "$tmp/en.html" 3.2) p2=$(xmax "$tmp/en.html" 18.4) p3=$(xmax "$tmp/en.html" 12.0)
same "$p1" "$p2" && same "$p1" "$p3" ||
	fail "the numbers 3.2, 18.4 and 12.0 end at $p1, $p2, $p3, not at one x (their decimal points)"
flat=$(xmax "$tmp/en.html" flat) down=$(xmax "$tmp/en.html" down)
same "$flat" "$down" || fail "\"flat\" ends at $flat, not flush right with \"down\" at $down"
awk -v a="$p1" -v b="$flat" 'BEGIN { exit !(b > a + 20) }' ||
	fail "the words end at $flat, the numbers at $p1: no room for the decimals"
# Russian: formatted once, as written left alone, the plain table restyled
spec ru "-, %'.1f, -" >"$tmp/ru.md"
"$bin" -q -o "$tmp/ru.pdf" "$tmp/ru.md" || fail "ru: exit $?"
pdftotext -layout "$tmp/ru.pdf" - | tr -s ' ' >"$tmp/ru.txt"
grep -q "^ *B −18,4 1234.5$" "$tmp/ru.txt" || grep -q "^ *B -18,4 1234.5$" "$tmp/ru.txt" ||
	fail "ru: row B is not \"B -18,4 1234.5\": $(grep '^ *B ' "$tmp/ru.txt" | head -1)"
grep -q "^ *A 1234,5$" "$tmp/ru.txt" || fail "ru: the plain table does not write 1234,5"
echo "table_formats: decimal points at x=$p1, words flush right at $flat"
