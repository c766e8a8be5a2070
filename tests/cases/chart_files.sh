#!/bin/sh
# Chart files: a PNG and an SVG per chart, named from name: or the title's
# slug; PNGs at --dpi with the right pixel size; SVGs a real reader accepts;
# no chart is an image inside the PDF; --no-chart-files writes none.
set -eu
bin=$1 tmp=$2
"$bin" -q --dpi 100 --charts "$tmp/charts" -o "$tmp/c.pdf" tests/regress/charts.md
[ -z "$(pdfimages -list "$tmp/c.pdf" | tail -n +3)" ] || { echo "images in the PDF"; exit 1; }
n=$(ls "$tmp/charts"/*.png | wc -l)
[ "$n" = 7 ] || { echo "$n PNG files"; ls "$tmp/charts"; exit 1; }
[ "$(ls "$tmp/charts"/*.svg | wc -l)" = 7 ] || { echo "SVG count"; exit 1; }
for f in shares-pie even-split turnover-by-year turnover-by-direction \
	 turnover-by-direction-stacked goods-with-long-names-top-4 running-total; do
	[ -f "$tmp/charts/$f.png" ] && [ -f "$tmp/charts/$f.svg" ] || { echo "missing $f"; ls "$tmp/charts"; exit 1; }
	rsvg-convert -o "$tmp/check.png" "$tmp/charts/$f.svg" || { echo "bad SVG $f"; exit 1; }
done
# PNG size: width in points (the A4 text column, 481.89 pt) at 100 dpi.
w=$(od -An -tu1 -j16 -N4 "$tmp/charts/shares-pie.png" | awk '{ print $1*16777216 + $2*65536 + $3*256 + $4 }')
[ "$w" = 669 ] || { echo "PNG width $w, expected 669"; exit 1; }
if ls -A "$tmp/charts" | grep -q '^\.'; then echo "temporary file left"; exit 1; fi
"$bin" -q --no-chart-files --charts "$tmp/none" -o "$tmp/d.pdf" tests/regress/charts.md
[ ! -e "$tmp/none" ] || { echo "--no-chart-files wrote charts"; exit 1; }
cmp "$tmp/c.pdf" "$tmp/d.pdf"
