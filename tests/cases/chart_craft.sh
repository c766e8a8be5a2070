#!/bin/sh
# Chart craft (issue 18), end to end on tests/regress/craft.md (real data:
# tests/regress/craft/SOURCE.txt), read back from the PDF (pdftotext -bbox;
# MuPDF's text for the labels at 45 degrees, which poppler splits), its
# drawing (mutool trace) and the summary:
#   - no label is cut: no "…" anywhere; the nine firms' names each whole on
#     one line at 45 degrees; the fifty states each a row label, right-aligned
#     in one column;
#   - line end labels: each of the nine firms named once (no legend), its
#     value bold after its name on its line, beside its own last point or
#     joined to it by a leader, none below the bottom axis, none over another;
#   - dense lines: the 600 weekly points have one marker, the last, and so
#     have the 53 weeks of 1960, which stand apart;
#   - colours: the ninth firm's line is dashed, its bars hatched;
#   - legends wrap: the nine firms' legend in two rows inside the frame (a
#     legend that does not fit: tests/bad/chart_legend_too_tall);
#   - order: months drawn 5 to 9 (the file has 8, 6, 9, 7, 5), as the file has
#     them under sort: none, and the summary's latest point is the last drawn;
#   - large numbers: ticks "50 bn", values "43.55 bn" and "16.55 mn", in the
#     PDF and the summary, "млрд"/"mlrd" in ru and az (craft_ru.md, craft_az.md);
#   - a pie's shares in one precision (54.4 % beside 6.9 %);
#   - dates in words in the summary and the descriptions (20 September 1969,
#     31 декабря 1960 г., June 2024), never an ISO key;
#   - axis headroom: the default briefing's turnover (424.4) ends at 500.
set -u
bin=$1 tmp=$2
fail=0
no() { echo "chart_craft: $*"; fail=1; }
NB=$(printf '\302\240') # U+00A0 between a number and its word
ELL=$(printf '\342\200\246')

run() { # run SPEC NAME: PDF and summary
	"$bin" -q --date 2022-06-14 --no-chart-files -o "$tmp/$2.pdf" --summary "$tmp/$2.txt" "$1" \
		2>"$tmp/$2.err" || { echo "chart_craft: $1 failed: $(cat "$tmp/$2.err")"; exit 1; }
}
run tests/regress/craft.md craft
run tests/regress/craft_ru.md ru
run tests/regress/craft_az.md az
run input/briefing.md briefing

# words PDF: "page x0 y0 x1 y1 word" for every word of the PDF
words() {
	pdftotext -bbox "$1" - | awk -F'"' '/<page / { p++ }
		/<word / { w = $9; sub(/^>/, "", w); sub(/<\/word>.*/, "", w)
			   print p, $2, $4, $6, $8, w }'
}
words "$tmp/craft.pdf" >"$tmp/craft.words"
words "$tmp/briefing.pdf" >"$tmp/briefing.words"

# chart WORDS TITLE_START: the words of the chart whose title starts so,
# from its title down to its source note ("page x0 y0 x1 y1 word")
chart() {
	awk -v title="$2" '
		{ p[NR] = $1; y[NR] = $3; line[NR] = $0; w[NR] = $6 }
		END {
			n = split(title, tw, " ")
			for (i = 1; i <= NR && !at; i++) {
				ok = 1
				for (k = 1; k <= n; k++)
					ok = ok && w[i + k - 1] == tw[k] && p[i + k - 1] == p[i]
				if (ok) at = i
			}
			if (!at) exit 1
			for (i = at; i <= NR && p[i] == p[at]; i++) {
				if (w[i] == "Source:" || w[i] == "Sources:") break
				print line[i]
			}
		}' "$1"
}

# --- no label is cut
pdftotext "$tmp/craft.pdf" - | grep -q "$ELL" && no "a label is cut with …: $(pdftotext "$tmp/craft.pdf" - | grep "$ELL")"
page=$(chart "$tmp/craft.words" "Gross investment in 1954" | awk 'NR == 1 { print $1 }')
mutool draw -F stext -o - "$tmp/craft.pdf" "$page" 2>/dev/null | awk '
	/<line / { match($0, /dir="[^"]*"/); dir = substr($0, RSTART + 5, RLENGTH - 6); t = "" }
	/<char / { match($0, / c="[^"]*"/); t = t substr($0, RSTART + 4, RLENGTH - 5) }
	/<\/line>/ { sub(/ +$/, "", t); print dir "|" t }' >"$tmp/lines"
for firm in "General Motors" "US Steel" "General Electric" Chrysler "Atlantic Refining" IBM \
	"Union Oil" Westinghouse Goodyear; do
	grep -qx ".70710679 -.70710679|$firm" "$tmp/lines" ||
		no "nine firms: \"$firm\" is not one label at 45 degrees"
done
chart "$tmp/craft.words" "Murder arrests per 100,000" >"$tmp/states"
cut -d, -f1 tests/regress/craft/state_rates.csv | tail -n +2 | while read -r state; do
	# the state's last word, right-aligned with Alabama's
	last=${state##* }
	awk -v w="$last" -v s="$state" '$6 == "Alabama" { r = $4 } $6 == w { x = $4 }
		END { if (!r || !x) { print s ": no row label"; exit 1 }
		      if ((d = x - r) > 0.05 || d < -0.05) { printf "%s ends at %.2f, Alabama at %.2f\n", s, x, r; exit 1 } }' \
		"$tmp/states"
done >"$tmp/rows"
[ -s "$tmp/rows" ] && no "fifty states: $(cat "$tmp/rows")"

# --- line end labels
chart "$tmp/craft.words" "Gross investment of nine US" >"$tmp/nine"
awk '
	BEGIN { n = split("General Motors|US Steel|General Electric|Chrysler|Atlantic Refining|IBM|Union Oil|Westinghouse|Goodyear", f, "|") }
	{ x0[NR] = $2; y0[NR] = $3; x1[NR] = $4; y1[NR] = $5; w[NR] = $6 }
	$6 == "0" && !zero { zero = ($3 + $5) / 2 }  # the bottom tick, centred on the axis
	END {
		for (k = 1; k <= n; k++) {
			m = split(f[k], fw, " "); seen = 0
			for (i = 1; i + m - 1 <= NR; i++) {
				ok = 1
				for (j = 1; j <= m; j++) ok = ok && w[i + j - 1] == fw[j]
				if (!ok) continue
				seen++; last = i + m - 1
				# the value: the next word, on the same line, to the right
				if (y0[last + 1] != y0[last] || x0[last + 1] <= x1[last] ||
				    w[last + 1] !~ /^[0-9,.]+$/) {
					printf "%s: no value after its name\n", f[k]; bad = 1 }
				top[k] = y0[i]; bot[k] = y1[last]; at[k] = x0[i]
			}
			if (seen != 1) { printf "%s is named %d times (no legend: once)\n", f[k], seen; bad = 1 }
			if (bot[k] > zero) { printf "%s: its label reaches %.2f, below the axis at %.2f\n", f[k], bot[k], zero; bad = 1 }
			if (at[k] != at[1]) { printf "%s: its label starts at %.2f, not with the others at %.2f\n", f[k], at[k], at[1]; bad = 1 }
		}
		for (a = 1; a <= n; a++)
			for (b = a + 1; b <= n; b++)
				if (top[a] < bot[b] - 0.5 && top[b] < bot[a] - 0.5) {
					printf "the labels of %s and %s overlap\n", f[a], f[b]; bad = 1 }
		exit bad
	}' "$tmp/nine" >"$tmp/ends" || no "end labels: $(cat "$tmp/ends")"
grep -q "^.* Goodyear$" "$tmp/nine" && awk '$6 == "Goodyear" { g = $3 } $6 == "49.34" { v = $3 }
	END { exit !(g && g == v) }' "$tmp/nine" || no "Goodyear's 49.34 is not on its label's line"

# the drawing of a page (mutool trace): "kind colour linewidth moves curves y0 y1"
# per path, y from the top of the page
trace() {
	mutool draw -F trace -o - "$1" "$2" 2>/dev/null | awk '
		/<(fill|stroke)_path / {
			kind = $1; sub(/^</, "", kind)
			match($0, /color="[^"]*"/); col = substr($0, RSTART + 7, RLENGTH - 8)
			lw = ""; if (match($0, /linewidth="[^"]*"/)) lw = substr($0, RSTART + 11, RLENGTH - 12)
			match($0, /transform="[^"]*"/); split(substr($0, RSTART + 11, RLENGTH - 12), m, " ")
			moves = curves = 0; lo = 1e9; hi = -1e9; next
		}
		/<moveto / { moves++ }
		/<curveto / { curves++ }
		/<(moveto|lineto|curveto) / { # a curve by its end point
			match($0, / y3?="[^"]*"/); v = substr($0, RSTART, RLENGTH); sub(/^ y3?="/, "", v)
			y = m[4] * v + m[6]; if (y < lo) lo = y; if (y > hi) hi = y }
		/<\/(fill|stroke)_path>/ { gsub(/ /, ",", col); print kind, col, (lw == "" ? "-" : lw), moves, curves, lo, hi }'
}
# the vertical extent of a chart: its title's top to its last word's bottom
extent() { awk 'NR == 1 { t = $3 } { b = $5 } END { print t, b }' "$1"; }
blue=0,.44706,.69804

# the nine firms: Goodyear (the ninth) dashed in blue, General Motors solid
set -- $(extent "$tmp/nine")
trace "$tmp/craft.pdf" "$(awk 'NR == 1 { print $1 }' "$tmp/nine")" |
	awk -v t="$1" -v b="$2" -v blue="$blue" '$1 == "stroke_path" && $2 == blue && $3 == 1.75 &&
		$6 >= t && $7 <= b { if ($4 == 1) solid++; else if ($4 > 20) dashed++ }
		END { if (solid != 1 || dashed != 1) { printf "%d solid and %d dashed blue lines\n", solid, dashed; exit 1 } }' \
	>"$tmp/dash" || no "nine firms' lines: $(cat "$tmp/dash")"

# --- dense lines: one marker (a filled circle) on the 600 weekly points
chart "$tmp/craft.words" "Carbon dioxide at Mauna" >"$tmp/co2"
set -- $(extent "$tmp/co2")
n=$(trace "$tmp/craft.pdf" "$(awk 'NR == 1 { print $1 }' "$tmp/co2")" |
	awk -v t="$1" -v b="$2" '$1 == "fill_path" && $5 > 0 && $6 >= t && $7 <= b' | wc -l)
[ "$n" = 1 ] || no "weekly CO2: $n markers, expected 1 (the last point)"
# and on the 53 weeks of 1960, which stand apart (every one was marked)
chart "$tmp/craft.words" "Carbon dioxide at Mauna Loa, weekly, 1960" >"$tmp/co2y"
set -- $(extent "$tmp/co2y")
n=$(trace "$tmp/craft.pdf" "$(awk 'NR == 1 { print $1 }' "$tmp/co2y")" |
	awk -v t="$1" -v b="$2" '$1 == "fill_path" && $5 > 0 && $6 >= t && $7 <= b' | wc -l)
[ "$n" = 1 ] || no "weekly CO2 in 1960: $n markers, expected 1 (the last point)"

# --- colours past eight: the ninth firm's bars hatched (white diagonals over
# its three bars and its legend key)
chart "$tmp/craft.words" "Gross investment by" >"$tmp/bars9"
set -- $(extent "$tmp/bars9")
n=$(trace "$tmp/craft.pdf" "$(awk 'NR == 1 { print $1 }' "$tmp/bars9")" |
	awk -v t="$1" -v b="$2" '$1 == "stroke_path" && $2 == "1,1,1" && $3 == 1 && $4 > 1 &&
		$6 >= t && $7 <= b' | wc -l)
[ "$n" = 4 ] || no "nine firms' bars: $n hatched marks, expected 4 (three bars and the key)"

# --- legends wrap: the nine firms' legend, between the title and the unit,
# names each firm once, whole, in two rows, inside the chart's frame (the
# text column, 56.69 to 538.58 pt)
awk 'BEGIN { n = split("General Motors|US Steel|General Electric|Chrysler|Atlantic Refining|IBM|Union Oil|Westinghouse|Goodyear", f, "|") }
	$6 == "million" { stop = 1 }
	NR == 1 { ty = $3 }
	$3 != ty && !stop { line = line " " $6; rows[$3] = 1
		if ($2 < 56.6 || $4 > 538.6) { printf "\"%s\" at %.2f to %.2f, outside the frame\n", $6, $2, $4; bad = 1 } }
	END {
		line = line " "
		for (k = 1; k <= n; k++) {
			s = line; c = gsub(" " f[k] " ", "", s)
			if (c != 1) { printf "%s is in the legend %d times\n", f[k], c; bad = 1 }
		}
		for (r in rows) nr++
		if (nr != 2) { printf "%d legend rows, expected 2\n", nr; bad = 1 }
		exit bad
	}' "$tmp/bars9" >"$tmp/legend" || no "nine firms' legend: $(cat "$tmp/legend")"

# --- order: the months' labels left to right
order() { # order TITLE_START: the month labels under the chart, left to right
	chart "$tmp/craft.words" "$1" | awk '$6 == "0" && !z { z = $3 } z && $3 > z + 5 && $6 ~ /^[5-9]$/ { print $2, $6 }' |
		sort -n | cut -d' ' -f2 | tr -d '\n'
}
[ "$(order "Mean temperature by")" = 56789 ] ||
	no "mean temperature: months drawn $(order "Mean temperature by"), expected 56789"
[ "$(order "Highest ozone by")" = 56789 ] ||
	no "highest ozone: months drawn $(order "Highest ozone by"), expected 56789"
[ "$(order "Hottest day by")" = 86975 ] ||
	no "sort: none: months drawn $(order "Hottest day by"), expected the file's 86975"
# the summary's headlines, one line each: "- TITLE: HEADLINE" (the lines
# under a chart's title up to its description, joined)
awk '/^- / { if (t != "") print "- " t ": " h; t = substr($0, 3); h = ""; head = 1; next }
	/^  (Bar|Line|Pie|Donut) chart/ || !/^  / { head = 0 }
	head { sub(/^  /, ""); h = h (h == "" ? "" : " ") $0 }
	END { if (t != "") print "- " t ": " h }' "$tmp/craft.txt" >"$tmp/headlines"
for want in "- Mean temperature by month, New York 1973: 9: 76.90 degrees Fahrenheit" \
	"- Highest ozone by month, New York 1973: 9: 96 ppb" \
	"- Hottest day by month, in the file's order: 5: 81 degrees Fahrenheit" \
	"- GDP, 1995 to 2011: 2011: Azerbaijan 21.44${NB}bn constant 2000 US dollars, Belarus 27.38${NB}bn constant 2000 US dollars, Georgia 5.99${NB}bn constant 2000 US dollars, Kazakhstan 43.55${NB}bn constant 2000 US dollars" \
	"- Population in 2011: Kazakhstan: 16.55${NB}mn"; do
	grep -qxF -- "$want" "$tmp/headlines" || no "summary: no headline \"$want\""
done

# --- large numbers in the PDF, in every language (pdftotext gives the
# no-break space between a number and its word as a space)
text() { pdftotext -f "$2" -l "$2" "$1" -; }
for c in "GDP, 1995 to 2011|50 bn|10 bn|Kazakhstan 43.55 bn|Georgia 5.99 bn" \
	"Population in 2011|20 mn|16.55 mn|4.20 mn"; do
	page=$(chart "$tmp/craft.words" "${c%%|*}" | awk 'NR == 1 { print $1 }')
	text "$tmp/craft.pdf" "$page" >"$tmp/page"
	echo "${c#*|}" | tr '|' '\n' | while read -r w; do
		grep -qxF "$w" "$tmp/page" || echo "${c%%|*}: no \"$w\" on page $page"
	done
done >"$tmp/large"
[ -s "$tmp/large" ] && no "large numbers: $(cat "$tmp/large")"
for l in "ru 50 млрд|Kazakhstan 43,55 млрд|16,55 млн" "az 50 mlrd|Kazakhstan 43,55 mlrd|16,55 mln"; do
	code=${l%% *}
	echo "${l#* }" | tr '|' '\n' | while read -r w; do
		pdftotext "$tmp/$code.pdf" - | grep -qxF "$w" || echo "$code: no \"$w\""
	done
done >"$tmp/words.lang"
[ -s "$tmp/words.lang" ] && no "$(cat "$tmp/words.lang")"
grep -qF "Kazakhstan: 16,55${NB}млн" "$tmp/ru.txt" || no "ru summary: no \"16,55 млн\""
grep -qF "Kazakhstan: 16,55${NB}mln" "$tmp/az.txt" || no "az summary: no \"16,55 mln\""

flat() { sed 's/^ *//' "$1" | tr '\n' ' '; } # a summary as one line

# --- a pie's shares in one precision: the five firms and Other, each with
# one decimal (IBM's 4.97 % is "5.0 %", not "5 %"; General Motors "54.4 %",
# not "54 %"), in the PDF, the description and the summary's headline
chart "$tmp/craft.words" "Shares of gross investment" >"$tmp/pie"
awk '$6 == "%" { print p } { p = $6 }' "$tmp/pie" | sort -n | tr '\n' ' ' >"$tmp/pcts"
[ "$(cat "$tmp/pcts")" = "5.0 6.3 6.9 10.6 16.8 54.4 " ] ||
	no "pie shares: $(cat "$tmp/pcts"), expected 5.0 6.3 6.9 10.6 16.8 54.4"
grep -qxF -- "- Shares of gross investment in 1954: Largest: General Motors, 1,486.70 million 1947 dollars (54.4 % of the total)" \
	"$tmp/headlines" || no "pie: no headline with 54.4 %"
flat "$tmp/craft.txt" | grep -qF "(6.9 %); Chrysler 172.49 (6.3 %); IBM 135.72 (5.0 %); Other 288.88 (10.6 %)." ||
	no "pie: the description does not give every share with one decimal"

# --- dates in words, not ISO keys, in the summary's headlines and the
# descriptions (the PDF's /Alt and the SVG's <desc> say the same): en, ru,
# and the default briefing's months
grep -qxF -- "- Carbon dioxide at Mauna Loa, weekly, 1958 to 1969: 20 September 1969: 322.8 ppmv" "$tmp/headlines" ||
	no "weekly CO2: the headline does not name 20 September 1969"
flat "$tmp/craft.txt" | grep -qF "547 values, 29 March 1958 to 20 September 1969; first 316.1; last 322.8; highest 10 May 1969 327.8; lowest 8 November 1958 313.0." ||
	no "weekly CO2: the description does not give its dates in words"
grep -qxF "  31 декабря 1960 г.: 316,6" "$tmp/ru.txt" || no "ru: the CO2 headline does not say 31 декабря 1960 г."
flat "$tmp/ru.txt" | grep -qF "с 2 января 1960 г. по 31 декабря 1960 г." ||
	no "ru: the CO2 description does not give its dates in words"
grep -qxF "  June 2024: 15,000 tractors" "$tmp/briefing.txt" || no "briefing: the tractors' headline is not \"June 2024\""
flat "$tmp/briefing.txt" | grep -qF "April 2018 10,000; November 2020 11,000; May 2022 12,000; June 2024 15,000. Highest June 2024." ||
	no "briefing: the tractors' description does not name its months"
grep -E '[0-9]{4}-[0-9]{2}(-[0-9]{2})?([^0-9]|$)' "$tmp/craft.txt" "$tmp/ru.txt" "$tmp/briefing.txt" >"$tmp/iso" &&
	no "an ISO date in a summary: $(cat "$tmp/iso")"

# --- axis headroom: the default briefing's turnover (424.4 at most) ends at 500
ticks=$(chart "$tmp/briefing.words" "Trade turnover in full years" |
	awk 'NR == 1 { x = $2 } $6 ~ /^[0-9]+$/ && $4 < x + 30 { print $6 }' | sort -n | tr '\n' ' ')
[ "$ticks" = "0 100 200 300 400 500 " ] || no "turnover: ticks $ticks, expected 0 to 500 by 100"
exit $fail
