#!/bin/sh
# Monospace where it belongs (issue 18): code spans, code blocks, the
# command on the sources page and its SHA-256 column are set in Liberation
# Mono (bold in a heading), embedded only when the text uses it.  Geometry
# from pdftotext -bbox: in a monospaced face "iiiiiiii" and "MMMMMMMM" are
# equally wide (0.6 em a character), in Liberation Sans they are not.
set -eu
bin=$1 tmp=$2
fail() { echo "monospace: $*"; exit 1; }
# width HTML WORD: the widths of every WORD in pdftotext -bbox output, one a line
width() {
	awk -v w="$2" 'index($0, ">" w "</word>") {
		match($0, /xMin="[0-9.]+"/); a = substr($0, RSTART + 6, RLENGTH - 7)
		match($0, /xMax="[0-9.]+"/); b = substr($0, RSTART + 6, RLENGTH - 7)
		printf "%.2f\n", b - a }' "$1"
}
# near A B: A and B within 0.05 pt
near() { awk -v a="$1" -v b="$2" 'BEGIN { d = a - b; exit !(a != "" && b != "" && d < 0.05 && d > -0.05) }'; }

cat >"$tmp/m.md" <<'MD'
---
title: Code
cover: no
sources: no
---
# The `MMMMMMMM` heading

Plain iiiiiiii and MMMMMMMM then code `iiiiiiii` and `MMMMMMMM` too.

```
iiiiiiii
MMMMMMMM
```
MD
"$bin" -q -o "$tmp/m.pdf" "$tmp/m.md" || fail "exit $?"
pdffonts "$tmp/m.pdf" | tail -n +3 | awk '{ print $1 }' | sed 's/^[A-Z]*+//' | sort >"$tmp/fonts"
printf '%s\n' LiberationMono LiberationMono-Bold,Bold LiberationSans LiberationSans-Bold,Bold |
	sort | diff -u - "$tmp/fonts" || fail "fonts: $(tr '\n' ' ' <"$tmp/fonts")"
pdftotext -bbox "$tmp/m.pdf" "$tmp/m.html"
# the words in order: heading (bold mono, 20 pt), plain (sans), code span and
# code block (mono, 10.5 and 9 pt)
set -- $(width "$tmp/m.html" iiiiiiii)
[ $# = 3 ] || fail "$# words iiiiiiii, expected 3"
sans_i=$1 span_i=$2 block_i=$3
set -- $(width "$tmp/m.html" MMMMMMMM)
[ $# = 4 ] || fail "$# words MMMMMMMM, expected 4"
head_m=$1 sans_m=$2 span_m=$3 block_m=$4
! near "$sans_i" "$sans_m" || fail "Liberation Sans sets iiiiiiii as wide as MMMMMMMM ($sans_i): the test cannot tell"
near "$span_i" "$span_m" || fail "code span: iiiiiiii $span_i pt, MMMMMMMM $span_m pt: not monospaced"
near "$block_i" "$block_m" || fail "code block: iiiiiiii $block_i pt, MMMMMMMM $block_m pt: not monospaced"
near "$span_m" 50.40 || fail "code span: 8 characters are $span_m pt, not 8 x 0.6 x 10.5 pt"
near "$block_m" 43.20 || fail "code block: 8 characters are $block_m pt, not 8 x 0.6 x 9 pt"
near "$head_m" 96.00 || fail "heading code: 8 characters are $head_m pt, not 8 x 0.6 x 20 pt"

# no code, no sources page: no monospaced face in the PDF
printf -- '---\ntitle: Prose\ncover: no\n---\nJust **words** and *more*.\n' >"$tmp/p.md"
"$bin" -q -o "$tmp/p.pdf" "$tmp/p.md" || fail "prose: exit $?"
! pdffonts "$tmp/p.pdf" | grep -q LiberationMono || fail "a PDF without code embeds Liberation Mono"
! grep -aq LiberationMono "$tmp/p.pdf" || fail "a PDF without code names Liberation Mono"

# the default briefing's sources page: each SHA-256 (64 hex digits, 8 pt, a
# little under the 9 pt of other cells: 307.2 pt wide) and the command in the
# monospaced face
"$bin" -q --no-chart-files -o "$tmp/d.pdf" input/briefing.md || fail "default: exit $?"
pages=$(pdfinfo "$tmp/d.pdf" | awk '/^Pages:/ { print $2 }')
pdffonts -f "$pages" -l "$pages" "$tmp/d.pdf" | grep -q 'LiberationMono ' ||
	fail "the last page (sources) has no Liberation Mono"
pdftotext -bbox "$tmp/d.pdf" "$tmp/d.html"
n=0
for f in input/briefing.md input/*.csv; do
	sum=$(sha256sum "$f" | cut -d' ' -f1)
	w=$(width "$tmp/d.html" "$sum")
	near "$w" 307.20 || fail "the SHA-256 of $f is $w pt wide, not 64 x 0.6 x 8 pt"
	n=$((n + 1))
done
w=$(width "$tmp/d.html" input/briefing.md | tail -1)
near "$w" 91.80 || fail "the command's input/briefing.md is $w pt wide, not 17 x 0.6 x 9 pt"
echo "monospace: code spans, code blocks, heading code, $n checksums and the command in Liberation Mono"
