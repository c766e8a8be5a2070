#!/bin/sh
# --check on a spec whose CSV has a bad number: the located error, exit 65,
# and nothing written.
set -u
bin=$1 tmp=$2
cat >"$tmp/trade.csv" <<'CSV'
period,flow,value_usd_m,source
2020,total,313.1,Azernews
2021,total,"12,5",Azernews
CSV
cat >"$tmp/spec.md" <<'MD'
---
title: Check
---
```values
[t]
data: trade.csv
value: value_usd_m
where: flow = total
```
Total {{t}}.
MD
"$bin" --check -o "$tmp/out.pdf" "$tmp/spec.md" 2>"$tmp/err"
rc=$?
[ "$rc" = 65 ] || { echo "exit $rc"; cat "$tmp/err"; exit 1; }
want="$tmp/trade.csv:3:12: error: \"12,5\" is not a number (column value_usd_m)"
[ "$(head -1 "$tmp/err")" = "$want" ] || { echo "got: $(cat "$tmp/err")"; echo "want: $want"; exit 1; }
[ ! -e "$tmp/out.pdf" ] || { echo "--check wrote a file"; exit 1; }
