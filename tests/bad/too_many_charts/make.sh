#!/bin/sh
# spec.md: 5000 small bar charts of t.csv, one more than the 4999 whose
# files fit beside the PDF in a run's 10000 output files.
[ -f spec.md ] && [ -f t.csv ] && exit 0
printf 'k,v,source\na,1,S\nb,2,S\n' >t.csv
awk 'BEGIN {
	printf "---\ntitle: Many charts\ndate: 2024-01-01\n---\n# Charts\n\n"
	for (i = 1; i <= 5000; i++)
		printf "```chart\ntype: bar\ndata: t.csv\nx: k\ny: v\ntitle: Chart %d\nwidth: 100\nheight: 60\n```\n\n", i
}' >spec.md
