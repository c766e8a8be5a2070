#!/bin/sh
# Robustness: every W3C CSVW input (tests/data/csvw, see its SOURCE.txt) either
# loads or is rejected with a located error and exit 65/66; none crashes or
# hangs.  Each file is read by a count query, which reads it whole.
set -u
bin=$1 tmp=$2
fail=0 loaded=0 rejected=0
for csv in $(find tests/data/csvw/tests -type f | sort); do
	abs=$(cd "$(dirname "$csv")" && pwd)/$(basename "$csv")
	printf -- '---\ntitle: CSVW\n---\n```values\n[n]\ndata: %s\nagg: count\n```\nRows: {{n}}.\n' \
		"$abs" >"$tmp/spec.md"
	timeout 10 "$bin" --check --data-root tests/data/csvw "$tmp/spec.md" 2>"$tmp/err"
	rc=$?
	case $rc in
	0) loaded=$((loaded + 1)) ;;
	65|66)
		# a located message: FILE:LINE[:COL]: error: …
		if grep -qE '^[^:]+:[0-9]+(:[0-9]+)?: error: ' "$tmp/err"; then
			rejected=$((rejected + 1))
		else
			echo "unlocated error for $csv: $(head -1 "$tmp/err")"; fail=1
		fi ;;
	*) echo "exit $rc for $csv: $(head -1 "$tmp/err")"; fail=1 ;;
	esac
done
echo "csvw: $loaded loaded, $rejected rejected with a located error"
[ "$fail" = 0 ] && [ "$loaded" -gt 100 ]
