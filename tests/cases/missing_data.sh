#!/bin/sh
# Issue 11: empty cells are missing data, never zeros, in what the charts
# draw (tests/regress/missing.md; its text is checked by regress.sh):
#   - a line has a gap where a year's cells are all empty: its path breaks
#     into separate pieces and has no point there (read from the chart's SVG);
#   - a bar chart leaves such a year's slot empty: no value label stands
#     above the slot's category label, for plain and stacked bars (read
#     with pdftotext -bbox), where a "0" used to be drawn;
#   - the --summary headline of a time series is its last year with a value.
set -u
bin=$1 tmp=$2
fail=0
no() { echo "missing_data: $*"; fail=1; }

"$bin" -q --date 2022-06-14 -o "$tmp/m.pdf" --charts "$tmp/charts" --summary "$tmp/sum.txt" \
	tests/regress/missing.md 2>"$tmp/err" || { echo "exit $?: $(cat "$tmp/err")"; exit 1; }

# --- the summary: 2023 has no North output, so the line's headline is 2022
# (a chart's title, then its headline on the next line)
tr '\n' '|' <"$tmp/sum.txt" >"$tmp/sum.one"
for want in "- North output by year|  2022: 160 tonnes|" "- Mean output by year|  2022: 130.5 tonnes|" \
	    "- Exports by region|  2023: North 58 tonnes, South 41 tonnes|" \
	    "|- North output in 2023: not published|"; do
	grep -qF -- "$want" "$tmp/sum.one" || no "summary lacks \"$want\": $(cat "$tmp/sum.txt")"
done

# --- lines: the series stroke (1.75 pt wide) and its markers (filled circles
# with a white edge) in the SVG.  pieces SVG COLOR: "subpaths markers".
pieces() {
	awk -v col="$2" '
		/<path / && index($0, "stroke-width=\"1.75\"") && index($0, "stroke=\"" col "\"") {
			d = $0; sub(/.* d="/, "", d); sub(/".*/, "", d)
			n = split(d, t, " "); for (i = 1; i <= n; i++) if (t[i] == "M") sub_++
		}
		/<path / && index($0, "fill=\"" col "\"") && index($0, "stroke=\"#ffffff\"") { m++ }
		END { printf "%d %d\n", sub_, m }' "$1"
}
blue="#0072b2" orange="#e69f00"

# North output: 2018, 2019 | gap 2020 | 2021, 2022 | 2023 empty
got=$(pieces "$tmp/charts/north-line.svg" "$blue")
[ "$got" = "2 4" ] || no "north-line.svg: $got subpaths and markers, expected 2 pieces and 4 points"
# Exports: North 2018-2019 | 2021-2023; South 2018-2019 | 2022-2023
got=$(pieces "$tmp/charts/exports-lines.svg" "$blue")
[ "$got" = "2 5" ] || no "exports-lines.svg North: $got, expected 2 pieces and 5 points"
got=$(pieces "$tmp/charts/exports-lines.svg" "$orange")
[ "$got" = "2 4" ] || no "exports-lines.svg South: $got, expected 2 pieces and 4 points"

# --- bars: the words of the chart titled TITLE (from its title to its source
# note); above the category label YEAR, within 12 pt of its centre, nothing.
pdftotext -bbox "$tmp/m.pdf" "$tmp/m.html" 2>/dev/null || no "pdftotext -bbox failed"
empty_slot() { # TITLE YEAR
	awk -v title="$1" -v year="$2" '
		/<page / { page++ }
		/<word / {
			w = $0; sub(/.*">/, "", w); sub(/<\/word>.*/, "", w)
			split($0, a, "\""); x0 = a[2]; y0 = a[4]; x1 = a[6]; y1 = a[8]
			words[++n] = w; X0[n] = x0; Y0[n] = y0; X1[n] = x1; Y1[n] = y1; P[n] = page
		}
		END {
			k = split(title, tw, " ")
			for (i = 1; i + k - 1 <= n && !start; i++) {
				ok = 1
				for (j = 1; j <= k; j++) if (words[i + j - 1] != tw[j]) ok = 0
				if (ok) start = i + k
			}
			if (!start) { print "no chart titled " title; exit 1 }
			for (end = start; end <= n && words[end] != "Source:"; end++)
				;
			for (i = start; i < end; i++)
				if (words[i] == year && P[i] == P[start]) lab = i
			if (!lab) { print "no category label " year; exit 1 }
			cx = (X0[lab] + X1[lab]) / 2
			for (i = start; i < end; i++) {
				if (i == lab || P[i] != P[start] || Y1[i] > Y0[lab]) continue
				c = (X0[i] + X1[i]) / 2
				if (c > cx - 12 && c < cx + 12) { print "\"" words[i] "\" above " year; bad = 1 }
			}
			exit bad
		}' "$tmp/m.html"
}
for y in 2020 2023; do
	out=$(empty_slot "Mean output by year" $y) || no "Mean output by year: $out"
done
out=$(empty_slot "Exports by year, stacked" 2020) || no "Exports by year, stacked: $out"
# and the slots with values do carry their labels (the check can fail)
empty_slot "Mean output by year" 2019 >/dev/null && no "Mean output by year: no label above 2019"
empty_slot "Exports by year, stacked" 2021 >/dev/null && no "stacked: no label above 2021"
[ "$fail" = 0 ]
