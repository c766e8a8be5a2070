#!/bin/sh
# Time axes, end to end (issue 13), on tests/regress/time_axes.md:
#   - in the PDF (pdftotext -bbox), the calendar tick labels of the monthly
#     chart stand where their first days put them: the distances between
#     their centres are proportional to the days between (59 from January
#     to March, 61 from March to May, ...), within 0.05 pt;
#   - in the PNGs (tests/tools/pngprobe ink), the lines break where the
#     data say and nowhere else: no ink between August and October 2023 in
#     the monthly chart (September is not in the file), nor between 2014
#     and April 2018 in the reports (the 2016 report has no figure); ink
#     between the points on either side;
#   - values beyond y-max: are named under that chart, and warned about at
#     the y-max: line, an error under --strict.
set -u
bin=$1 tmp=$2
probe=${BRIEFING_TEST_TOOLS:-build/tools}/pngprobe
fail=0
no() { echo "time_axis: $*"; fail=1; }
[ -x "$probe" ] || { echo "time_axis: no $probe (make test-tools builds it)"; exit 1; }
spec=tests/regress/time_axes.md

"$bin" --dpi 100 --charts "$tmp/charts" -o "$tmp/t.pdf" "$spec" 2>"$tmp/err" ||
	{ echo "time_axis: the run failed: $(cat "$tmp/err")"; exit 1; }

# --- the PDF: tick labels of the first chart (page 2), "Jan 2023" .. "May"
pdftotext -bbox -f 2 -l 2 "$tmp/t.pdf" "$tmp/words.html" || { echo "time_axis: pdftotext"; exit 1; }
awk -F'"' '/<word / { w = $9; sub(/^>/, "", w); sub(/<\/word>.*/, "", w)
	print $2, $4, $6, w }' "$tmp/words.html" >"$tmp/words"
# the row of the first "Jan": its words, a label's year joined to its month
awk '
	$4 == "Jan" && !row { row = $2 }
	row && $2 == row { print }' "$tmp/words" | awk '
	{ if ($4 ~ /^[0-9]+$/ && n) { x1[n] = $3; next } n++; m[n] = $4; x0[n] = $1; x1[n] = $3 }
	END {
		split("0 59 120 181 243 304 365 425 486", day, " ")
		split("Jan Mar May Jul Sep Nov Jan Mar May", want, " ")
		if (n != 9) { printf "%d tick labels, expected 9\n", n; exit 1 }
		for (i = 1; i <= n; i++) {
			if (m[i] != want[i]) { printf "label %d is %s, expected %s\n", i, m[i], want[i]; bad = 1 }
			c[i] = (x0[i] + x1[i]) / 2
		}
		scale = (c[n] - c[1]) / day[n]
		for (i = 2; i < n; i++)
			if ((d = c[i] - c[1] - day[i] * scale) > 0.05 || d < -0.05) {
				printf "%s (label %d) at %.3f, its day puts it at %.3f\n", m[i], i, c[i],
					c[1] + day[i] * scale; bad = 1 }
		exit bad
	}' >"$tmp/ticks" || no "monthly tick labels: $(cat "$tmp/ticks")"

# --- the PNGs: where the line breaks, no ink; where it runs on, ink
pdftotext -bbox "$tmp/t.pdf" "$tmp/all.html" || { echo "time_axis: pdftotext"; exit 1; }
awk -F'"' '/<page / { p++ } /<word / { w = $9; sub(/^>/, "", w); sub(/<\/word>.*/, "", w)
	print p, $2, $4, $6, $8, w }' "$tmp/all.html" >"$tmp/all"
# ink STEM TITLE_WORD A DAY_A B DAY_B D0 D1: the pixels that stand out in
# the chart's plot between days D0 and D1 (3 pt in from each: a marker's
# radius), days counted on the time axis from its labels A and B (their
# centres, at DAY_A and DAY_B); rows from the top value tick label down to
# a label's height above the bottom one (clear of the plot's bottom rule
# and the tick marks under it).  The
# chart's origin is its title's first word (as in chart_files.sh).
ink() {
	stem=$1; shift
	size=$("$probe" size "$tmp/charts/$stem.png") || { no "$stem.png cannot be read"; return; }
	box=$(awk -v title="$1" -v a="$2" -v da="$3" -v b="$4" -v db="$5" -v d0="$6" -v d1="$7" \
		  -v size="$size" '
		{ p[NR] = $1; x0[NR] = $2; y0[NR] = $3; x1[NR] = $4; y1[NR] = $5; t[NR] = $6 }
		END {
			sc = 100 / 72; split(size, wh, " "); H = wh[2] / sc
			for (i = 1; i <= NR && !at; i++) if (t[i] == title) at = i
			if (!at) exit 1
			ox = x0[at]; oy = y0[at]; top = 1e9; bot = -1
			for (i = 1; i <= NR; i++) {
				if (p[i] != p[at] || y0[i] < oy || y1[i] > oy + H) continue
				if (t[i] == a && !xa) xa = (x0[i] + x1[i]) / 2
				if (t[i] == b && !xb) xb = (x0[i] + x1[i]) / 2
				if (t[i] ~ /^[0-9.,]+$/ && x0[i] < ox + 30) {
					if (y0[i] < top) top = y0[i]
					if (y0[i] > bot) { bot = y0[i]; bh = y1[i] - y0[i] }
				}
			}
			if (!xa || !xb || bot < 0) exit 1
			s = (xb - xa) / (db - da)
			printf "%d %d %d %d\n", (xa + (d0 - da) * s + 3 - ox) * sc, (top - oy) * sc,
				(xa + (d1 - da) * s - 3 - ox) * sc, (bot - bh - oy) * sc
		}' "$tmp/all") || { no "$stem: its title or labels are not in the PDF"; return; }
	# shellcheck disable=SC2086
	"$probe" ink "$tmp/charts/$stem.png" $box
}
# the monthly line: from July (181) to August (212), not from August to
# October (273); days from 1 January 2023
jul_aug=$(ink monthly-exports-one-month-missing Monthly Jul 181 Nov 304 181 212)
aug_oct=$(ink monthly-exports-one-month-missing Monthly Jul 181 Nov 304 212 273)
[ "${jul_aug:-0}" -gt 20 ] || no "monthly: no line from July to August ($jul_aug)"
[ "$aug_oct" = 0 ] || no "monthly: $aug_oct pixels of ink across the missing September"
# the reports: from 2007 to 2014, not from 2014 to 2018-04 (the 2016
# report has no figure); days from 1 January 2008
y07_14=$(ink running-total-at-each-report Running 2008 0 2014 2192 -365 2192)
y14_18=$(ink running-total-at-each-report Running 2008 0 2014 2192 2192 3743)
[ "${y07_14:-0}" -gt 20 ] || no "reports: no line from 2007 to 2014 ($y07_14)"
[ "$y14_18" = 0 ] || no "reports: $y14_18 pixels of ink across the missing 2016"

# --- the values cut off: a note under the chart, a warning at y-max:
grep -qF "Cut off at the axis: 2024-03 (52.3), 2024-04 (53.1), 2024-06 (54.2)." "$tmp/words.html" ||
	pdftotext -f 3 -l 3 "$tmp/t.pdf" - | grep -qF \
	"Cut off at the axis: 2024-03 (52.3), 2024-04 (53.1), 2024-06 (54.2)." ||
	no "no cut-off note under the fixed-scale chart"
want="$spec:45:8: warning: chart \"Exports against a fixed scale\": values outside y-min:/y-max: are cut off at the axis: 2024-03 (52.3), 2024-04 (53.1), 2024-06 (54.2)"
[ "$(cat "$tmp/err")" = "$want" ] || no "the warning: $(cat "$tmp/err")"
"$bin" --strict -o "$tmp/s.pdf" --no-chart-files "$spec" 2>"$tmp/err"
rc=$?
[ $rc = 65 ] || no "--strict: exit $rc, expected 65"
[ "$(cat "$tmp/err")" = "$(echo "$want" | sed 's/: warning: /: error: /')" ] ||
	no "--strict: $(cat "$tmp/err")"
[ -e "$tmp/s.pdf" ] && no "--strict wrote the PDF"
exit $fail
