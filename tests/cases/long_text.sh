#!/bin/sh
# Text as long as the spec and the CSV allow (issue 11): libharu refuses a
# string over 65,535 bytes (it exited 70, "libharu error 0x105B", with no
# location), and a line's width is no guard against it: a paragraph of
# combining accents or a table cell of zero-width spaces is one line of
# 60,000+ bytes.  Such text is set, and stays in the PDF.  A heading of 1,000
# wide letters, taller than a page, goes on over the next page instead of
# running off its foot.
set -eu
bin=$1 tmp=$2
fail() { echo "long_text: $*"; exit 1; }

# a paragraph (three spec lines) of 60,000 combining acute accents after
# an "a", and a table cell of 30,000 zero-width spaces
awk 'BEGIN { printf "---\ntitle: Long text\n---\n# Marks\n\nBefore ";
	for (l = 0; l < 3; l++) { printf "a"; for (i = 0; i < 10000; i++) printf "\xcc\x81\xcc\x81"; print "" }
	print " after.\n\n```table\ndata: zw.csv\ncolumns: period, note\n```" }' >"$tmp/marks.md"
awk 'BEGIN { print "period,note,source"; printf "2020,start";
	for (i = 0; i < 30000; i++) printf "\xe2\x80\x8b"; print "end,S" }' >"$tmp/zw.csv"
"$bin" -q --no-chart-files -o "$tmp/marks.pdf" "$tmp/marks.md" 2>"$tmp/err" ||
	fail "marks: exit $? ($(head -1 "$tmp/err"))"
pdftotext "$tmp/marks.pdf" - | tr -d '\n' >"$tmp/text"
grep -q 'Before a' "$tmp/text" || fail "the paragraph's start is missing"
grep -q 'after\.' "$tmp/text" || fail "the paragraph's end is missing"
grep -q 'start' "$tmp/text" && grep -q 'end' "$tmp/text" || fail "the cell's text is missing"
qpdf --check "$tmp/marks.pdf" >/dev/null || fail "qpdf --check"

# a heading of 200 words of four W's (999 characters): taller than a page
{
	printf -- '---\ntitle: Tall\n---\n# '
	i=0
	while [ $i -lt 199 ]; do printf 'WWWW '; i=$((i + 1)); done
	printf 'WWWW\n\nText after the heading.\n'
} >"$tmp/tall.md"
"$bin" -q --no-chart-files -o "$tmp/tall.pdf" "$tmp/tall.md" 2>"$tmp/err" ||
	fail "tall: exit $? ($(head -1 "$tmp/err"))"
# every word of the heading inside the text area: not below 20 mm from the
# foot of the A4 page (841.89 pt high; pdftotext measures y down)
pdftotext -bbox "$tmp/tall.pdf" - | grep '>WWWW<' |
	sed 's/.*yMax="\([0-9.]*\)".*/\1/' | awk '$1 > 841.89 - 56.69 + 0.5 { bad = 1 } END { exit bad }' ||
	fail "the heading runs below the text area"
# all its words, set at the heading's size (the running header repeats it
# small, shortened)
n=$(pdftotext -bbox "$tmp/tall.pdf" - | grep '>WWWW<' |
	sed 's/.*yMin="\([0-9.]*\)".*yMax="\([0-9.]*\)".*/\1 \2/' | awk '$2 - $1 > 15' | wc -l)
[ "$n" = 200 ] || fail "$n of the heading's 200 words in the PDF"
pages=$(pdfinfo "$tmp/tall.pdf" | awk '/^Pages:/ { print $2 }')
[ "$pages" -ge 3 ] || fail "the heading did not go on over a page ($pages pages)"
pdftotext "$tmp/tall.pdf" - | grep -q 'Text after the heading' || fail "the text after it is missing"
