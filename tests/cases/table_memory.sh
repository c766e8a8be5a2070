#!/bin/sh
# Large tables cost about 1 KB of memory a row (issue 11: each cell kept a
# broken textflow with room for 16 lines, 11 KB a row of 8 columns, 236 MB
# peak for 20,000 rows).  Peak resident size (/usr/bin/time -f %M) of a
# 10,000-row and a 30,000-row table of 8 columns: what the 20,000 rows
# between them cost beyond their own bytes in the PDF must stay under 2 KB
# a row.  The PDF is held in memory to be written whole, and tagged (issue
# 15) a row is about 1 KB of it: a TR and 8 TD structure elements, objects
# PDF/A-1 cannot compress (it was 50 bytes of compressed page content).
# Not a timing test.  Under AddressSanitizer (shadow memory, quarantine)
# only the runs are checked.
set -eu
bin=$1 tmp=$2
fail() { echo "table_memory: $*"; exit 1; }

# table ROWS: a table of ROWS rows (max-rows raised to let it through);
# prints the peak RSS in KB
table() {
	awk -v n="$1" 'BEGIN { print "period,flow,partner,value_usd_m,a,b,c,d,source";
		for (i = 0; i < n; i++)
			printf "%d,export,Partner %d,%d.5,x%d,%d,yy,%d.25,Belstat\n",
				2000 + i % 25, i % 50, i, i % 7, i * 3, i % 100 }' >"$tmp/t$1.csv"
	cat >"$tmp/t$1.md" <<MD
---
title: Rows
---
# Rows

\`\`\`table
data: t$1.csv
columns: period, flow, partner, value_usd_m, a, b, c, d
max-rows: 100000
\`\`\`
MD
	/usr/bin/time -f %M -o "$tmp/rss" "$bin" -q --date 2022-06-14 -o "$tmp/t$1.pdf" "$tmp/t$1.md" ||
		fail "$1 rows: exit $?"
	tail -1 "$tmp/rss"
}
small=$(table 10000)
big=$(table 30000)
# the table is all there: its last row, numbers aligned text intact
pdftotext "$tmp/t30000.pdf" - | grep -qx 'Partner 49' || fail "rows missing"
pdftotext "$tmp/t30000.pdf" - | grep -q '^29999\.5' || fail "the last row is missing"
if grep -q __asan_init "$bin" 2>/dev/null; then
	echo "AddressSanitizer build: peak RSS $small KB and $big KB not checked"
	exit 0
fi
pdf_row=$(( ($(wc -c <"$tmp/t30000.pdf") - $(wc -c <"$tmp/t10000.pdf")) / 20000 ))
per_row=$(( (big - small) * 1024 / 20000 - pdf_row ))
echo "peak RSS $small KB (10,000 rows), $big KB (30,000 rows): $per_row bytes a row" \
	"beyond the PDF's $pdf_row"
[ "$per_row" -le 2048 ] || fail "$per_row bytes a row beyond the PDF's, more than 2 KB"
