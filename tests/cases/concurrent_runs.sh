#!/bin/sh
# Eight runs writing the same PDF and chart files at once: all succeed, and
# they leave one complete, valid PDF (qpdf --check), the same bytes as a run
# alone, complete charts, and no temporary.
set -u
bin=$1 tmp=$2
spec=input/briefing.md
"$bin" -q -o "$tmp/alone.pdf" --charts "$tmp/alone" "$spec" || { echo "single run failed"; exit 1; }
mkdir -p "$tmp/out"
pids=""
for i in 1 2 3 4 5 6 7 8; do
	"$bin" -q -o "$tmp/out/b.pdf" --charts "$tmp/out/charts" "$spec" 2>"$tmp/err$i" &
	pids="$pids $!"
done
fail=0
for p in $pids; do
	wait "$p" || { echo "a run failed: $(cat "$tmp"/err*)"; fail=1; }
done
qpdf --check "$tmp/out/b.pdf" >/dev/null || { echo "qpdf --check failed"; fail=1; }
cmp "$tmp/alone.pdf" "$tmp/out/b.pdf" || fail=1
diff -r "$tmp/alone" "$tmp/out/charts" || { echo "chart files differ"; fail=1; }
if ls -A "$tmp/out" "$tmp/out/charts" | grep '^\.'; then echo "temporary left"; fail=1; fi
[ "$(ls "$tmp/out")" = "b.pdf
charts" ] || { echo "unexpected files: $(ls "$tmp/out")"; fail=1; }
exit $fail
