#!/bin/sh
# Inputs of any size stream: a 2 million-row CSV (45 MB, made here with awk)
# read by a count, a filtered sum, a grouped bar chart and a filtered table
# in one run, with a peak resident size under 40 MB (the run itself needs
# about 15 MB; the file alone would be 45).  Not a timing test.  Under
# AddressSanitizer (its shadow memory inflates the figure) the limit is
# 120 MB.
set -eu
bin=$1 tmp=$2
limit_kb=40000
awk 'BEGIN { print "period,flow,value_usd_m,source";
	for (i = 0; i < 2000000; i++)
		printf "%d,%s,%d.%d,Src%d\n", 1990 + i % 33, (i % 3 ? "export" : "import"), i % 997, i % 10, i % 5 }' \
	>"$tmp/big.csv"
cat >"$tmp/big.md" <<'MD'
---
title: Two million rows
---
```values
[rows]
data: big.csv
agg: count
[exports]
data: big.csv
value: value_usd_m
where: flow = export
format: %.1f
```
Rows: {{rows}}; exports {{exports}}.

```chart
type: bar
data: big.csv
x: period
y: value_usd_m
series: flow
title: By year
```

```table
data: big.csv
columns: period, flow, value_usd_m
where: value_usd_m >= 996.9
```
MD
/usr/bin/time -f %M -o "$tmp/rss" "$bin" -q -o "$tmp/big.pdf" --charts "$tmp/charts" "$tmp/big.md"
rss=$(tail -1 "$tmp/rss")
# the answers: every row counted; exports = rows with i % 3 != 0
pdftotext "$tmp/big.pdf" - | tr -s ' \n' ' ' >"$tmp/text"
grep -q "Rows: 2,000,000;" "$tmp/text" || { echo "count wrong: $(head -c 300 "$tmp/text")"; exit 1; }
want=$(awk 'BEGIN { for (i = 0; i < 2000000; i++) if (i % 3) s += (i % 997) + (i % 10) / 10; printf "%.1f", s }')
grep -q "exports $want" "$tmp/text" || { echo "sum wrong, want $want: $(head -c 300 "$tmp/text")"; exit 1; }
# AddressSanitizer's shadow memory and quarantine about triple the figure
# (46 MB where the plain build needs 15): a looser bound there, still well
# under what holding the rows would take.
if grep -q __asan_init "$bin" 2>/dev/null; then
	limit_kb=120000
	echo "AddressSanitizer build: the limit is $limit_kb KB"
fi
echo "peak RSS $rss KB (limit $limit_kb KB)"
[ "$rss" -lt "$limit_kb" ] || { echo "peak RSS $rss KB: memory grows with the rows"; exit 1; }
