#!/bin/sh
# Small PDFs (issue 6; issue 15: tagged and PDF/A-1b, the default briefing
# stays under 120 KB, 120,000 bytes; it was 250 KB).  Only the
# faces the text uses are embedded (the default briefing has no bold italic
# text, so no BoldItalic font), a document that does use bold italic gets
# it, and the trimmed fonts (no glyph names, widths and glyph map for the
# glyphs used only) still render and extract the same text.
set -eu
bin=$1 tmp=$2
"$bin" -q --no-chart-files -o "$tmp/a.pdf" input/briefing.md
size=$(wc -c <"$tmp/a.pdf")
[ "$size" -lt 120000 ] || { echo "default briefing is $size bytes, not under 120 KB"; exit 1; }
pdffonts "$tmp/a.pdf" | tail -n +3 | awk '{ print $1 }' | sed 's/^[A-Z]*+//' | sort >"$tmp/fonts"
printf '%s\n' LiberationSans LiberationSans-Bold,Bold LiberationSans-Italic,Italic |
	sort | diff -u - "$tmp/fonts"
! grep -aq BoldItalic "$tmp/a.pdf" || { echo "an unused face is in the PDF"; exit 1; }
qpdf --check "$tmp/a.pdf" >/dev/null
# every page renders without complaint from poppler or MuPDF
pdftoppm -r 20 -png "$tmp/a.pdf" "$tmp/p" 2>"$tmp/err"
[ ! -s "$tmp/err" ] || { echo "pdftoppm:"; cat "$tmp/err"; exit 1; }
mutool draw -q -r 20 -o "$tmp/m-%d.png" "$tmp/a.pdf" 2>"$tmp/err" ||
	{ echo "mutool draw failed:"; cat "$tmp/err"; exit 1; }
! grep -iv "ICC" "$tmp/err" | grep -q . || { echo "mutool:"; cat "$tmp/err"; exit 1; }
[ "$(ls "$tmp"/m-*.png | wc -l)" = "$(pdfinfo "$tmp/a.pdf" | awk '/^Pages:/ { print $2 }')" ] ||
	{ echo "mutool drew $(ls "$tmp"/m-*.png | wc -l) pages"; exit 1; }
# bold italic text: the fourth face comes in, its words extract
cat >"$tmp/bi.md" <<'MD'
---
title: Faces
---
Plain, **bold**, *italic* and ***bold italic Gəncə*** words.
MD
"$bin" -q -o "$tmp/bi.pdf" "$tmp/bi.md"
pdffonts "$tmp/bi.pdf" | grep -q "LiberationSans-BoldItalic" || { echo "no BoldItalic"; exit 1; }
[ "$(pdffonts "$tmp/bi.pdf" | tail -n +3 | wc -l)" = 4 ] || { echo "expected 4 fonts"; exit 1; }
pdftotext "$tmp/bi.pdf" - | grep -qF "bold italic Gəncə words" || { echo "bold italic text lost"; exit 1; }
