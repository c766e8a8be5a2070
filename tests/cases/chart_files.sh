#!/bin/sh
# Chart files: a PNG and an SVG per chart, named from name: or the title's
# slug; PNGs at --dpi with the right pixel size; no chart is an image inside
# the PDF; --no-chart-files writes none.  And what the files show, read back
# with tests/tools/pngprobe (BRIEFING_TEST_TOOLS):
#   - every bar, slice and legend swatch in its series' colour, taken from
#     doc/LOOK.md's Okabe–Ito table written out below (not from the code), in the
#     order and at the length or area the data in tests/regress/charts.csv
#     gives it;
#   - every word the PDF shows inside a chart (pdftotext -bbox; the chart's
#     origin is its title's first word) stands in the PNG too: the PNG is
#     not blank where the label is;
#   - the SVG parses, and rasterised by rsvg-convert at the PNG's size it is
#     the same picture (under 1 % of pixels differ), with ink at every one of
#     those words; parsed as XML (python3), its <text> elements hold every
#     one of those words, in the embedded fonts' family, and no glyph is an
#     outline.
set -u
bin=$1 tmp=$2
probe=${BRIEFING_TEST_TOOLS:-build/tools}/pngprobe
dpi=100
fail=0
no() { echo "chart_files: $*"; fail=1; }
[ -x "$probe" ] || { echo "chart_files: no $probe (make test-tools builds it)"; exit 1; }

# doc/LOOK.md: #0072B2 blue, #E69F00 orange, #009E73 green, #CC79A7 purple,
# #56B4E9 sky, #D55E00 vermillion, #F0E442 yellow, then #999999 for "Other".
blue=0072b2 orange=e69f00 green=009e73 grey=999999
palette="0072b2 e69f00 009e73 cc79a7 56b4e9 d55e00 f0e442 999999"

"$bin" -q --dpi $dpi --charts "$tmp/charts" -o "$tmp/c.pdf" tests/regress/charts.md ||
	{ echo "chart_files: the run failed"; exit 1; }
pdfimages -list "$tmp/c.pdf" >"$tmp/images" || { echo "chart_files: pdfimages failed"; exit 1; }
[ "$(tail -n +3 "$tmp/images" | wc -l)" = 0 ] || no "images in the PDF: $(cat "$tmp/images")"

# stem|title of every chart of tests/regress/charts.md
charts="shares-pie|Output by destination
even-split|Even split
turnover-by-year|Turnover by year
turnover-by-direction|Turnover by direction
turnover-by-direction-stacked|Turnover by direction, stacked
goods-with-long-names-top-4|Goods with long names, top 4
running-total|Running total"
echo "$charts" | cut -d'|' -f1 | sed 's/$/.png/; p; s/png$/svg/' | sort >"$tmp/want.ls"
ls -A "$tmp/charts" | sort | diff -u "$tmp/want.ls" - || no "chart files differ from the list above"

# PNG size: width in points (the A4 text column, 481.89 pt) and the pie's
# default height (half of it) at 100 dpi, with a 12 pt margin on each side
# (doc/LOOK.md): 505.89 x 264.95 pt.
margin=12
[ "$("$probe" size "$tmp/charts/shares-pie.png")" = "703 368" ] ||
	no "shares-pie.png is $("$probe" size "$tmp/charts/shares-pie.png") pixels, expected 703 x 368"

# --- the margin: 12 pt of white (16 pixels at 100 dpi) around every chart,
# in the PNG and in the SVG: no ink there, white at the corners
for stem in $(echo "$charts" | cut -d'|' -f1); do
	for f in "$tmp/charts/$stem.png" "$tmp/$stem.margin.png"; do
		if [ "$f" = "$tmp/$stem.margin.png" ]; then
			size=$("$probe" size "$tmp/charts/$stem.png")
			rsvg-convert -w "${size% *}" -h "${size#* }" -b white -o "$f" \
				"$tmp/charts/$stem.svg" || { no "$stem.svg: rsvg-convert failed"; continue; }
		fi
		set -- $("$probe" size "$f")
		W=$1 H=$2 m=$((margin * dpi / 72))
		ink=$("$probe" ink "$f" 0 0 "$W" "$m" 0 $((H - m)) "$W" "$H" 0 0 "$m" "$H" \
			$((W - m)) 0 "$W" "$H" | tr '\n' ' ')
		[ "$ink" = "0 0 0 0 " ] || no "$(basename "$f"): ink in the margin (top, bottom, left, right: $ink)"
		for xy in "0 0" "$((W - 1)) 0" "0 $((H - 1))" "$((W - 1)) $((H - 1))"; do
			# shellcheck disable=SC2086
			[ "$("$probe" pixel "$f" $xy)" = ffffff ] || no "$(basename "$f"): corner $xy is not white"
		done
	done
done

# --- colours, order and size of the marks
# regions STEM: "rrggbb x0 y0 x1 y1 area" of each patch of a palette colour
regions() { "$probe" regions "$tmp/charts/$1.png" $palette; }

# marks STEM AXIS COLOUR VALUE...: the marks (patches of 300 pixels or
# more) along the category axis (v: left to right, h: top to bottom; a
# stack bottom up) are these colours, each as long as its value says, all
# on one baseline.  AXIS pie: by area, largest first, each its share of the
# disc.
marks() {
	stem=$1 axis=$2; shift 2
	regions "$stem" | awk -v axis="$axis" -v want="$*" -v stem="$stem" '
	$6 >= 300 { n++; c[n] = $1; x0[n] = $2; y0[n] = $3; x1[n] = $4; y1[n] = $5; a[n] = $6
		    k[n] = axis == "v" ? $2 * 10000 - $5 : axis == "h" ? $3 : -$6 }
	END {
		m = split(want, w, " ") / 2
		if (n != m) { printf "%s: %d marks, expected %d\n", stem, n, m; exit 1 }
		for (i = 2; i <= n; i++)          # sort by key
			for (j = i; j > 1 && k[j] < k[j - 1]; j--) {
				t = k[j]; k[j] = k[j - 1]; k[j - 1] = t; t = c[j]; c[j] = c[j - 1]; c[j - 1] = t
				t = x0[j]; x0[j] = x0[j - 1]; x0[j - 1] = t; t = y0[j]; y0[j] = y0[j - 1]; y0[j - 1] = t
				t = x1[j]; x1[j] = x1[j - 1]; x1[j - 1] = t; t = y1[j]; y1[j] = y1[j - 1]; y1[j - 1] = t
				t = a[j]; a[j] = a[j - 1]; a[j - 1] = t
			}
		for (i = 1; i <= n; i++) {
			col = w[2 * i - 1]; v = w[2 * i]
			if (c[i] != col) { printf "%s: mark %d is #%s, expected #%s\n", stem, i, c[i], col; bad = 1 }
			len[i] = axis == "v" ? y1[i] - y0[i] + 1 : axis == "h" ? x1[i] - x0[i] + 1 : a[i]
			sl += len[i]; sv += v; val[i] = v
		}
		for (i = 1; i <= n; i++) {
			if (axis == "pie") {
				if ((d = len[i] / sl - val[i] / sv) > 0.02 || d < -0.02) {
					printf "%s: slice %d is %.3f of the disc, its share %.3f\n", stem, i,
						len[i] / sl, val[i] / sv; bad = 1 }
				continue
			}
			if ((d = len[i] - val[i] * sl / sv) > 2.5 || d < -2.5) {
				printf "%s: mark %d is %d pixels long, its value %s gives %.1f\n", stem, i,
					len[i], val[i], val[i] * sl / sv; bad = 1 }
		}
		exit bad
	}' || fail=1
}

# swatches STEM COLOUR...: the legend's swatches, left to right
swatches() {
	stem=$1; shift
	got=$(regions "$stem" | awk '$6 < 300 { print $2, $1 }' | sort -n | cut -d' ' -f2 | tr '\n' ' ')
	[ "$got" = "$* " ] || no "$stem: legend swatches #$got, expected #$*"
}

marks shares-pie pie $blue 60 $orange 33 $green 10
marks even-split pie $blue 50 $orange 50
# slices run clockwise from 12 o'clock: the first one is the right half
regions even-split | awk -v b=$blue '$6 >= 300 { x[$1] = $2 } END { exit !(x[b] > x["e69f00"]) }' ||
	no "even-split: the first slice is not the right half"
marks turnover-by-year v $blue 120.5 $blue 313.1 $blue 424.4
marks turnover-by-direction v $blue 148.2 $orange 164.9 $blue 188.7 $orange 84.4
swatches turnover-by-direction $blue $orange
marks turnover-by-direction-stacked v $blue 148.2 $orange 164.9 $blue 188.7 $orange 84.4
swatches turnover-by-direction-stacked $blue $orange
marks goods-with-long-names-top-4 h $blue 90 $blue 45.5 $blue 30 $blue 25 $grey 20
# the line has colors: #D55E00, and nothing else of the palette
got=$(regions running-total | awk '$6 >= 12 { print $1 }' | sort -u | tr '\n' ' ')
[ "$got" = "d55e00 " ] || no "running-total: colours #$got, expected #d55e00 only"

# --- text: every word the PDF shows inside a chart is in its PNG and SVG
pdftotext -bbox "$tmp/c.pdf" "$tmp/words.html" || { echo "chart_files: pdftotext failed"; exit 1; }
# page xMin yMin xMax yMax word
awk -F'"' '/<page / { p++ } /<word / { w = $9; sub(/^>/, "", w); sub(/<\/word>.*/, "", w)
	print p, $2, $4, $6, $8, w }' "$tmp/words.html" >"$tmp/words"
echo "$charts" >"$tmp/charts.list"
while IFS='|' read -r stem title; do
	png=$tmp/charts/$stem.png svg=$tmp/charts/$stem.svg
	size=$("$probe" size "$png") || { no "$stem.png cannot be read"; continue; }
	rsvg-convert -w "${size% *}" -h "${size#* }" -b white -o "$tmp/$stem.svg.png" "$svg" ||
		{ no "$stem.svg: rsvg-convert cannot read it"; continue; }
	set -- $("$probe" diff "$png" "$tmp/$stem.svg.png")
	[ $# = 2 ] && [ $(($1 * 100)) -lt "$2" ] || no "$stem: the SVG and the PNG differ in $1 of $2 pixels"
	# the chart's words, as pixel boxes around the middle of their letters
	awk -v title="$title" -v dpi="$dpi" -v size="$size" -v margin="$margin" '
		{ p[NR] = $1; x0[NR] = $2; y0[NR] = $3; x1[NR] = $4; y1[NR] = $5; t[NR] = $6 }
		END {
			sc = dpi / 72; split(size, wh, " ")
			m = split(title, tw, " ")
			for (i = 1; i + m - 1 <= NR && !at; i++) {
				ok = 1
				for (k = 1; k <= m; k++)
					ok = ok && t[i + k - 1] == tw[k] && p[i + k - 1] == p[i] &&
					     y0[i + k - 1] == y0[i]
				if (ok) at = i
			}
			if (!at) exit 1
			# the file has a margin around the chart, whose title
			# starts at the chart'"'"'s top left corner
			ox = x0[at] - margin; oy = y0[at] - margin; W = wh[1] / sc; H = wh[2] / sc
			for (i = 1; i <= NR; i++) {
				if (p[i] != p[at] || x0[i] < ox - 0.5 || y0[i] < oy - 0.5 ||
				    x1[i] > ox + W + 0.5 || y1[i] > oy + H + 0.5)
					continue
				fs = (y1[i] - y0[i]) / 1.116; base = y0[i] + 0.905 * fs
				printf "%s %d %d %d %d\n", t[i], int((x0[i] - ox + 0.3) * sc),
					int((base - 0.55 * fs - oy) * sc), int((x1[i] - ox - 0.3) * sc + 1),
					int((base - oy) * sc + 1)
			}
		}' "$tmp/words" >"$tmp/$stem.words" || { no "$stem: title \"$title\" not found in the PDF"; continue; }
	n=$(wc -l <"$tmp/$stem.words")
	[ "$n" -ge 5 ] || { no "$stem: only $n words found in the chart"; continue; }
	# shellcheck disable=SC2046
	"$probe" ink "$png" $(cut -d' ' -f2- "$tmp/$stem.words") >"$tmp/$stem.ink.png"
	# shellcheck disable=SC2046
	"$probe" ink "$tmp/$stem.svg.png" $(cut -d' ' -f2- "$tmp/$stem.words") >"$tmp/$stem.ink.svg"
	paste -d' ' "$tmp/$stem.words" "$tmp/$stem.ink.png" "$tmp/$stem.ink.svg" |
		awk -v stem="$stem" '$6 < 3 || $7 < 3 { printf "%s: no ink where \"%s\" stands (PNG %d, SVG %d pixels)\n",
			stem, $1, $6, $7; bad = 1 } END { exit bad }' || fail=1
	# the SVG's text is text: parsed as XML, its <text> elements hold every
	# word the PDF shows in the chart, in the embedded fonts' family, and
	# no glyph is drawn as an outline
	python3 - "$svg" "$tmp/$stem.words" <<'PY' || no "$stem.svg: its text is not the chart's words (above)"
import html, sys, xml.etree.ElementTree as E
ns = "{http://www.w3.org/2000/svg}"
root = E.parse(sys.argv[1]).getroot()
text = " ".join(t.text or "" for t in root.iter(ns + "text"))
bad = []
if not root.get("font-family", "").startswith("'Liberation Sans'"):
    bad.append("font-family %r" % root.get("font-family"))
if any(True for _ in root.iter(ns + "use")) or any(True for _ in root.iter(ns + "symbol")):
    bad.append("glyphs drawn as outlines (<use>, <symbol>)")
for line in open(sys.argv[2], encoding="utf-8"):
    word = html.unescape(line.split(" ")[0])
    if word not in text:
        bad.append("no %r in its <text>" % word)
for b in bad:
    print(sys.argv[1].rsplit("/", 1)[-1] + ": " + b)
sys.exit(1 if bad else 0)
PY
done <"$tmp/charts.list"

if ls -A "$tmp/charts" | grep -q '^\.'; then no "temporary file left"; fi
"$bin" -q --no-chart-files --charts "$tmp/none" -o "$tmp/d.pdf" tests/regress/charts.md ||
	no "--no-chart-files run failed"
[ ! -e "$tmp/none" ] || no "--no-chart-files wrote charts"
cmp "$tmp/c.pdf" "$tmp/d.pdf" || no "--no-chart-files changed the PDF"
exit $fail
