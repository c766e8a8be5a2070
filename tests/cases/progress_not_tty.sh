#!/bin/sh
# Progress of a large input (issue 6): a CSV of 64 MB or more read with
# standard error not a terminal prints no progress line — nothing at all by
# default, only the "read" and "wrote" lines with -v, no carriage return —
# and the -v line says the file was read once.  On a terminal (script(1))
# one progress line is drawn and cleared.
set -eu
bin=$1 tmp=$2
{ echo "k,v"; yes "even,123.4" | head -n 6999999; } >"$tmp/p.csv"
size=$(wc -c <"$tmp/p.csv")
[ "$size" -ge 67108864 ] || { echo "test file too small: $size"; exit 1; }
cat >"$tmp/p.md" <<'MD'
---
title: Progress
---
```values
[total]
data: p.csv
value: v
format: %.1f
```
Total {{total}}.
MD
"$bin" -o "$tmp/p.pdf" --no-chart-files "$tmp/p.md" 2>"$tmp/err"
[ ! -s "$tmp/err" ] || { echo "stderr not empty:"; od -c "$tmp/err" | head; exit 1; }
"$bin" -v -o "$tmp/p.pdf" --no-chart-files "$tmp/p.md" 2>"$tmp/err"
if grep -q "$(printf '\r')" "$tmp/err"; then echo "carriage return on stderr"; exit 1; fi
grep -q "^briefing: read $tmp/p.csv: $size bytes, 6999999 rows, 1 queries in one pass; delimiter ',' (detected from the header line)$" "$tmp/err" \
	|| { echo "no read line:"; cat "$tmp/err"; exit 1; }
[ "$(grep -vc '^briefing: \(read\|wrote\) ' "$tmp/err")" = 0 ] || { echo "other output:"; cat "$tmp/err"; exit 1; }
# script(1) is util-linux's (bsdutils, essential on Debian): always there
script -qec "$bin -o $tmp/p.pdf --no-chart-files $tmp/p.md" /dev/null >"$tmp/tty" 2>&1 ||
	{ echo "the run on a terminal failed:"; tail -5 "$tmp/tty"; exit 1; }
grep -q "reading $tmp/p.csv: .*MB/s" "$tmp/tty" || { echo "no progress on a terminal:"; od -c "$tmp/tty" | head; exit 1; }
