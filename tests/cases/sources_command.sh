#!/bin/sh
# The command the sources page quotes leaves out every option that only
# names an output place or says how much is printed (-o, --charts,
# --summary, --dpi, --no-chart-files, -q, -v, however spelled), so the PDF
# is byte-identical wherever its files and its summary go; the other words
# are kept in the order given, "--" and the operands after it included.
set -u
bin=$1 tmp=$2
spec=input/briefing.md
fail=0
mkdir -p "$tmp/a" "$tmp/b"
"$bin" -q -o "$tmp/a/b.pdf" "$spec" || { echo "run a failed"; exit 1; }
"$bin" --summary "$tmp/b/sum.txt" -qv --dpi=100 --charts "$tmp/b/ch" --out "$tmp/b/b.pdf" \
	--summ="$tmp/b/sum2.txt" -q "$spec" || { echo "run b failed"; exit 1; }
cmp -s "$tmp/a/b.pdf" "$tmp/b/b.pdf" || { echo "the PDF changed with the output options"; fail=1; }
cmd=$(pdftotext "$tmp/b/b.pdf" - | grep -A1 'with this command:' | tail -1)
[ "$cmd" = "briefing $spec" ] || { echo "command quoted: $cmd"; fail=1; }
# options that change the PDF stay, in order, and so does what follows "--"
"$bin" -q --strict -o "$tmp/c.pdf" --summary - --date=2024-06-14 -- "$spec" >/dev/null ||
	{ echo "run c failed"; exit 1; }
cmd=$(pdftotext "$tmp/c.pdf" - | grep -A1 'with this command:' | tail -1)
[ "$cmd" = "briefing --strict --date=2024-06-14 -- $spec" ] || { echo "command quoted: $cmd"; fail=1; }
exit $fail
