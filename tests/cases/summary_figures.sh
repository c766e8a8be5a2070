#!/bin/sh
# The summary says what the PDF shows (issue 11): a pie of published shares
# that add up to 103 is drawn normalised, so its slice says 58 % where the
# CSV says 60: the summary gives 58 % and the published figure in brackets,
# as the chart's note does; numbers near the largest double are written as
# the chart writes them (1e+308), never 309 digits cut at 63 or "inf %".
set -eu
bin=$1 tmp=$2
fail() { echo "summary_figures: $*"; exit 1; }

"$bin" -q --date 2022-06-14 --no-chart-files -o "$tmp/c.pdf" --summary "$tmp/c.txt" \
	tests/regress/charts.md
# headline: the line after the chart's title
headline() { grep -A1 -xF -- "- $1" "$2" | sed -n 2p; }
[ "$(headline "Output by destination" "$tmp/c.txt")" = \
  "  Largest: Exported, 58 % of output (published 60 % of output)" ] ||
	fail "shares pie: $(grep -A1 'Output by' "$tmp/c.txt")"
pdftotext "$tmp/c.pdf" - | grep -qxF "58 %" || fail "the PDF's pie does not say 58 %"
pdftotext "$tmp/c.pdf" - | grep -qF "Published shares add up to 103 %" || fail "no share note in the PDF"

printf 'item,v,source\nA,1e308,S\nB,1e307,S\n' >"$tmp/big.csv"
cat >"$tmp/big.md" <<'MD'
---
title: Big
---
# Big

```chart
type: pie
data: big.csv
x: item
y: v
title: Pie
unit: tonnes
```

```chart
type: bar
data: big.csv
x: item
y: v
title: Bars
```
MD
"$bin" -q --date 2022-06-14 --no-chart-files -o "$tmp/big.pdf" --summary "$tmp/big.txt" "$tmp/big.md"
[ "$(headline Pie "$tmp/big.txt")" = "  Largest: A, 1e+308 tonnes (91 % of the total)" ] ||
	fail "huge pie: $(grep -A1 Pie "$tmp/big.txt")"
[ "$(headline Bars "$tmp/big.txt")" = "  B: 1e+307" ] || fail "huge bars: $(grep -A1 Bars "$tmp/big.txt")"
pdftotext "$tmp/big.pdf" - >"$tmp/big.pdf.txt"
grep -qxF "91 %" "$tmp/big.pdf.txt" || fail "the PDF's pie does not say 91 %"
grep -qxF "1e+308" "$tmp/big.pdf.txt" || fail "the PDF's bar does not say 1e+308"
! grep -q '[0-9],[0-9][0-9][0-9],[0-9][0-9][0-9],[0-9][0-9][0-9],[0-9][0-9][0-9],[0-9]' "$tmp/big.pdf.txt" ||
	fail "the PDF writes a huge number in full"
