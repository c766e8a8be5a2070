#!/bin/sh
# cover-chart: NAME (issue 18): the named chart drawn on the cover's lower
# half, below the cover's text, tagged as a Figure; a chart in the body stays
# there too, one written before the first heading is drawn once, on the
# lower half.  Geometry from pdftotext -bbox.  The errors are in tests/bad/
# (cover_chart_*).
set -eu
bin=$1 tmp=$2
fail() { echo "cover_chart: $*"; exit 1; }

# words PDF PAGE: "YMIN YMAX WORD" of every word on PAGE
words() {
	pdftotext -f "$2" -l "$2" -bbox "$1" - | awk '
		/<word / {
			match($0, /yMin="[0-9.]+"/); a = substr($0, RSTART + 6, RLENGTH - 7)
			match($0, /yMax="[0-9.]+"/); b = substr($0, RSTART + 6, RLENGTH - 7)
			w = $0; sub(/^.*">/, "", w); sub(/<\/word>.*$/, "", w)
			printf "%.1f %.1f %s\n", a, b, w }'
}
# top WORDS WORD / bottom WORDS WORD: of WORD's first occurrence
top() { awk -v w="$2" '$3 == w { print $1; exit }' "$1"; }
bottom() { awk -v w="$2" '$3 == w { print $2; exit }' "$1"; }
lt() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a + 0 < b + 0) }'; }

# the default briefing: the full-year turnover chart on the cover's lower half
"$bin" -q --no-chart-files -o "$tmp/d.pdf" input/briefing.md || fail "default: exit $?"
words "$tmp/d.pdf" 1 >"$tmp/w1"
half=$(pdfinfo "$tmp/d.pdf" | awk '/^Page size:/ { print $5 / 2 }')
t=$(top "$tmp/w1" full)
[ -n "$t" ] || fail "default: no chart title on the cover"
lt "$half" "$t" || fail "default: the cover's chart starts at $t pt, above the middle ($half pt)"
# below the cover's last paragraph, and with its bars' labels and the source
lt "$(bottom "$tmp/w1" readers.)" "$t" || fail "default: the chart is not below the cover's text"
for w in 223.3 204.0 313.1 424.4 2012 2021 Sources:; do
	grep -q " $w\$" "$tmp/w1" || fail "default: '$w' is not on the cover"
done
# still in the body, and one more Figure in the structure
n=$(pdftotext "$tmp/d.pdf" - | grep -c "^Trade turnover in full years$")
[ "$n" = 2 ] || fail "default: the chart's title is there $n times, not 2 (cover and body)"
pdfinfo -struct-text "$tmp/d.pdf" | grep -q '^  Figure "Trade turnover in full years"' ||
	fail "default: the cover's chart is not a Figure"

# a chart written on the cover (before the first heading) is drawn once
cp input/trade.csv "$tmp/"
cat >"$tmp/c.md" <<'MD'
---
title: One chart on the cover
cover-chart: turnover
---
Text on the cover.

```chart
type: bar
name: turnover
data: trade.csv
x: period
y: value_usd_m
where: flow = total, months = 12
agg: sum
sort: none
title: Chartitle on the cover
height: 200
```

Words after the chart.

# Body

Text.
MD
"$bin" -q --no-chart-files -o "$tmp/c.pdf" "$tmp/c.md" || fail "cover block: exit $?"
[ "$(pdftotext "$tmp/c.pdf" - | grep -cx "Chartitle on the cover")" = 1 ] || fail "a cover block's chart is drawn twice"
words "$tmp/c.pdf" 1 >"$tmp/w1"
lt "$half" "$(top "$tmp/w1" Chartitle)" || fail "a cover block's chart is not on the lower half"
lt "$(bottom "$tmp/w1" after)" "$(top "$tmp/w1" Chartitle)" || fail "the cover's text after the chart block is under the chart"
echo "cover_chart: on the cover's lower half, below its text, in the body too"
