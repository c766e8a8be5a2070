#!/bin/sh
# The default briefing: 6 to 10 pages (a cover with its four key figures,
# contents, the body, the generated sources page with a checksum for every
# input), every font embedded, qpdf-clean, text in Cyrillic and Azerbaijani
# extracted exactly, and the same bytes (the PDF and
# every chart PNG and SVG) on a second run under a decimal-comma locale and
# another time zone.  Both runs get the same command line (the PDF may
# quote it), so the first run's files are moved aside before the second.
set -eu
bin=$1 tmp=$2
"$bin" -q -o "$tmp/out.pdf" --charts "$tmp/charts" input/briefing.md
mv "$tmp/out.pdf" "$tmp/a.pdf"
mv "$tmp/charts" "$tmp/ca"
pages=$(pdfinfo "$tmp/a.pdf" | awk '/^Pages:/ { print $2 }')
[ "$pages" -ge 6 ] && [ "$pages" -le 10 ] || { echo "$pages pages, expected 6 to 10"; exit 1; }
qpdf --check "$tmp/a.pdf" >/dev/null
pdffonts "$tmp/a.pdf" | tail -n +3 >"$tmp/fonts"
[ -s "$tmp/fonts" ] || { echo "pdffonts lists no font"; exit 1; }
awk '$(NF-4) != "yes" { print "not embedded: " $1; exit 1 }' "$tmp/fonts"
pdftotext "$tmp/a.pdf" "$tmp/a.txt"
for s in "Belarus – Azerbaijan" "Gəncə" "Борисовский" "1993" "424.4" "Contents" \
	 "Sources cited" "How this document was made"; do
	grep -qF -- "$s" "$tmp/a.txt" || { echo "missing text: $s"; exit 1; }
done
# issue 13: the figures worked out from the published ones are in the text,
# computed by expr: (313.1 -> 424.4 is +35.5 %; 188.7 and 84.4 of 273.1; the
# 2020 balance 148.2 - 164.9; 10,000 -> about 15,000 tractors from 2018-04 to
# 2024-06, 74 months), never typed into the spec, and each is on the sources
# page under the sources of the figures it comes from
tr -s ' \n' '  ' <"$tmp/a.txt" >"$tmp/a.flat"
for s in "put 2021 USD 111.3 million above 2020, a change of +35.5 % in a year" \
	 "Belarusian goods made up 69.1 % of the nine months' turnover of USD 273.1 million" \
	 "Azerbaijani goods 30.9 %" "leaving a Belarusian deficit of USD 16.7 million" \
	 "6.2 years apart" "grew by about 5,000: some 810 tractors a year"; do
	grep -qF -- "$s" "$tmp/a.flat" || { echo "missing computed text: $s"; exit 1; }
done
for n in 111.3 35.5 69.1 30.9 16.7 6.2 5,000 810; do
	! grep -qF -- "$n" input/briefing.md || { echo "input/briefing.md types in $n"; exit 1; }
done
for v in ganja_per_year turnover_growth_2021; do
	[ "$(grep -o "$v" "$tmp/a.flat" | wc -l)" = 2 ] ||
		{ echo "the sources page does not list $v under both its sources"; exit 1; }
done
# the cover: title and the four key figures, no running footer
pdftotext -f 1 -l 1 "$tmp/a.pdf" "$tmp/cover.txt"
for s in "Belarus – Azerbaijan Cooperation" "424.4" "1993" "60 %" "15,000"; do
	grep -qxF -- "$s" "$tmp/cover.txt" || { echo "cover lacks: $s"; exit 1; }
done
! grep -Eq '^page [0-9]+ of' "$tmp/cover.txt" || { echo "the cover has a footer"; exit 1; }
# every other page: "page N of M", numbered after the cover, M from pdfinfo
p=2
while [ "$p" -le "$pages" ]; do
	pdftotext -f "$p" -l "$p" "$tmp/a.pdf" - | grep -qx "page $((p - 1)) of $((pages - 1))" ||
		{ echo "page $p lacks \"page $((p - 1)) of $((pages - 1))\""; exit 1; }
	p=$((p + 1))
done
# the sources page lists every input file with its SHA-256
for f in input/briefing.md input/*.csv; do
	sum=$(sha256sum "$f" | cut -d' ' -f1)
	grep -qF "$f" "$tmp/a.txt" && grep -qF "$sum" "$tmp/a.txt" ||
		{ echo "sources page lacks $f with $sum"; exit 1; }
done
# A decimal-comma locale built into a scratch folder (no system change needed).
mkdir -p "$tmp/loc"
localedef -i de_DE -f UTF-8 "$tmp/loc/de_DE.UTF-8" 2>/dev/null || true
[ -d "$tmp/loc/de_DE.UTF-8" ] || { echo "cannot build the de_DE.UTF-8 locale"; exit 1; }
LOCPATH=$tmp/loc LC_ALL=de_DE.UTF-8 TZ=Asia/Baku "$bin" -q -o "$tmp/out.pdf" --charts "$tmp/charts" \
	input/briefing.md
mv "$tmp/out.pdf" "$tmp/b.pdf"
mv "$tmp/charts" "$tmp/cb"
cmp "$tmp/a.pdf" "$tmp/b.pdf"
n=0
for f in "$tmp"/ca/*.png "$tmp"/ca/*.svg; do
	cmp "$f" "$tmp/cb/$(basename "$f")"
	n=$((n + 1))
done
# issue 3: at least five charts, each as PNG and SVG
[ "$n" -ge 10 ] || { echo "only $n chart files"; exit 1; }
[ "$(ls "$tmp/ca" | wc -l)" = "$(ls "$tmp/cb" | wc -l)" ] || { echo "chart file count differs"; exit 1; }
