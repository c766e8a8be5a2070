#!/bin/sh
# Issue 11: a header of 100,000 columns is checked for duplicate names with
# a hash set, not by comparing every pair (that took 13-19 s in the issue,
# 9 s of CPU here).  The runs get a CPU-time limit (ulimit -t: CPU seconds,
# so the machine's load does not count) of 2 s: the linear check needs
# 0.03 s (0.1 s under AddressSanitizer), so only a quadratic one hits it.
set -u
bin=$1 tmp=$2
fail=0
no() { echo "wide_header: $*"; fail=1; }

# 100,000 names c0..c99999 and a row; dup.csv repeats c5 as its last name
awk 'BEGIN { n = 100000
	for (i = 0; i < n; i++) printf "%sc%d", i ? "," : "", i; print ""
	for (i = 0; i < n; i++) printf "%s%d", i ? "," : "", i; print "" }' >"$tmp/wide.csv"
awk 'BEGIN { n = 100000
	for (i = 0; i < n - 1; i++) printf "%sc%d", i ? "," : "", i; print ",c5"
	for (i = 0; i < n; i++) printf "%s%d", i ? "," : "", i; print "" }' >"$tmp/dup.csv"
for f in wide dup; do
	printf -- '---\ntitle: Wide\n---\n```values\n[last]\ndata: %s.csv\nvalue: c99999\n```\nLast: {{last}}.\n' \
		"$f" >"$tmp/$f.md"
done

(ulimit -t 2; exec "$bin" -q --no-chart-files -o "$tmp/wide.pdf" "$tmp/wide.md") 2>"$tmp/err"
rc=$?
[ "$rc" = 0 ] || no "100,000 distinct names: exit $rc (over 2 s of CPU?): $(head -1 "$tmp/err")"
pdftotext "$tmp/wide.pdf" - 2>/dev/null | grep -q "^Last: 99,999\.$" || no "the last column was not read"

# the duplicate: the 100,000th name, after "c0,...,c99998," (588,889 characters)
col=$(head -1 "$tmp/dup.csv" | awk '{ print length($0) - 1 }')
(ulimit -t 2; exec "$bin" -q --check "$tmp/dup.md") 2>"$tmp/err"
rc=$?
[ "$rc" = 65 ] || no "a duplicate name: exit $rc (over 2 s of CPU?)"
want="$tmp/dup.csv:1:$col: error: duplicate column name \"c5\" (also column 6)"
[ "$(head -1 "$tmp/err")" = "$want" ] || no "got: $(head -1 "$tmp/err"), want: $want"
[ "$fail" = 0 ]
