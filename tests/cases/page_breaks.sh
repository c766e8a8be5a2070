#!/bin/sh
# Page breaks (issue 18), read from pdftotext -bbox:
#  - keep with next: a heading is never the last thing on a page; it goes
#    with the first two lines of the paragraph after it, with a short intro
#    (three lines or fewer) and the table's header plus its first three rows
#    after that, or with a whole chart;
#  - tables: a table of up to 8 rows is never split, a split leaves at least
#    3 rows on each page;
#  - the running header names the section in force at the top of the page;
#  - the default briefing: "Timeline since 1993", its intro and the start of
#    its table on one page (they were split over two), and the page that
#    holds the table is headed "Timeline since 1993".
# Each spec is laid out after 0 to 44 lines of filler, so every one of these
# blocks meets the foot of a page somewhere.
set -eu
bin=$1 tmp=$2
fail() { echo "page_breaks: $*"; exit 1; }

# words PDF: "PAGE YMIN XMIN WORD" for every word, one a line
words() {
	pdftotext -bbox "$1" - | awk '
		/<page / { p++ }
		/<word / {
			match($0, /yMin="[0-9.]+"/); y = substr($0, RSTART + 6, RLENGTH - 7)
			match($0, /xMin="[0-9.]+"/); x = substr($0, RSTART + 6, RLENGTH - 7)
			w = $0; sub(/^.*">/, "", w); sub(/<\/word>.*$/, "", w)
			printf "%d %.1f %.1f %s\n", p, y, x, w }'
}
# page_of WORDS WORD: the first page WORD is on (in the body: below the header)
page_of() { awk -v w="$2" '$4 == w && $2 > 60 { print $1; exit }' "$1"; }
# lines_on WORDS PAGE REGEX: how many lines of page PAGE hold a word matching REGEX
lines_on() { awk -v p="$2" -v re="$3" '$1 == p && $4 ~ re { print $2 }' "$1" | sort -u | wc -l; }
# section_of WORDS PAGE: the right half of the running header of PAGE
section_of() { awk -v p="$2" '$1 == p && $2 < 60 && $3 > 297 { printf "%s ", $4 }' "$1"; }

printf 'label,value\n' >"$tmp/c.csv"
for i in 1 2 3 4 5; do printf 'c%d,%d\n' "$i" $((i * 7)) >>"$tmp/c.csv"; done

# spec K: K one-line filler paragraphs, then each case
spec() {
	printf -- '---\ntitle: Breaks\ncover: no\nsources: no\n---\n# Alphasection\n\n'
	i=0
	while [ "$i" -lt "$1" ]; do printf 'Filler line %d.\n\n' "$i"; i=$((i + 1)); done
	printf '## Parahead\n\n'
	printf 'w%02d ' $(seq 1 90); printf '\n\n'
	printf '## Tablehead\n\nShort intro to the table below.\n\n| Key | Value |\n|---|---|\n'
	for r in $(seq -w 1 12); do printf '| t12r%s | %s |\n' "$r" "$r"; done
	printf '\n## Charthead\n\n```chart\ntype: bar\nname: c\ndata: %s/c.csv\nx: label\ny: value\ntitle: Chartitle of five bars\nheight: 380\n```\n\n' "$tmp"
	printf '## Smallhead\n\n| Key | Value |\n|---|---|\n'
	for r in 1 2 3 4 5 6; do printf '| t6r%s | %s |\n' "$r" "$r"; done
	printf '\n# Betasection\n\nThe end.\n'
}

k=0
while [ "$k" -le 44 ]; do
	spec "$k" >"$tmp/b.md"
	"$bin" -q --no-chart-files -o "$tmp/b.pdf" "$tmp/b.md" || fail "k=$k: exit $?"
	words "$tmp/b.pdf" >"$tmp/w"
	at="after $k filler lines"

	p=$(page_of "$tmp/w" Parahead)
	[ "$p" = "$(page_of "$tmp/w" w01)" ] || fail "$at: Parahead on page $p, its paragraph on $(page_of "$tmp/w" w01)"
	[ "$(lines_on "$tmp/w" "$p" '^w[0-9][0-9]$')" -ge 2 ] ||
		fail "$at: Parahead on page $p with fewer than two lines of its paragraph"

	p=$(page_of "$tmp/w" Tablehead)
	for w in Short Key t12r01 t12r02 t12r03; do
		[ "$p" = "$(page_of "$tmp/w" $w)" ] ||
			fail "$at: Tablehead on page $p, '$w' on $(page_of "$tmp/w" $w)"
	done
	for q in $(awk '$4 ~ /^t12r/ { print $1 }' "$tmp/w" | sort -u); do
		n=$(awk -v p="$q" '$1 == p && $4 ~ /^t12r/' "$tmp/w" | wc -l)
		[ "$n" -ge 3 ] || fail "$at: the 12-row table leaves $n row(s) on page $q"
	done

	p=$(page_of "$tmp/w" Charthead)
	[ "$p" = "$(page_of "$tmp/w" Chartitle)" ] || fail "$at: Charthead on page $p, its chart on $(page_of "$tmp/w" Chartitle)"

	p=$(page_of "$tmp/w" Smallhead)
	[ "$p" = "$(awk '$4 ~ /^t6r/ { print $1 }' "$tmp/w" | sort -u | tr '\n' ' ' | sed 's/ $//')" ] ||
		fail "$at: the 6-row table under Smallhead (page $p) is split or apart from it"

	# the header: the section in force at the top of each page
	last=$(awk 'END { print $1 }' "$tmp/w")
	q=2
	while [ "$q" -le "$last" ]; do
		beta=$(page_of "$tmp/w" Betasection)
		# Betasection opens its page, or is in force from the page after it
		if [ "$q" -gt "$beta" ] || { [ "$q" = "$beta" ] &&
			awk -v p="$q" '$1 == p && $2 > 60' "$tmp/w" | head -1 | grep -q Betasection; }; then
			want=Betasection
		else
			want=Alphasection
		fi
		got=$(section_of "$tmp/w" "$q")
		[ "$got" = "$want " ] || fail "$at: page $q is headed '$got', not '$want'"
		q=$((q + 1))
	done
	k=$((k + 1))
done

# the default briefing
"$bin" -q --no-chart-files -o "$tmp/d.pdf" input/briefing.md || fail "default: exit $?"
words "$tmp/d.pdf" >"$tmp/w"
p=$(awk '$4 == "Timeline" && $2 > 60 { print $1 }' "$tmp/w" | tail -1)
for w in dates Milestones 1993-06-11 2007 2014-12; do
	awk -v p="$p" -v w="$w" '$1 == p && $4 == w' "$tmp/w" | grep -q . ||
		fail "default: 'Timeline since 1993' on page $p without '$w'"
done
[ "$(section_of "$tmp/w" "$(page_of "$tmp/w" 1993-06-11)")" = "Timeline since 1993 " ] ||
	fail "default: the page of the Timeline table is headed '$(section_of "$tmp/w" "$(page_of "$tmp/w" 1993-06-11)")'"
echo "page_breaks: headings kept with what follows, tables split 3+, headers in force, at 45 offsets"
