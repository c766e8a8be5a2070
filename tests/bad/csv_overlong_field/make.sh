#!/bin/sh
# t.csv: a row whose second cell is 1.1 MB (the limit is 1 MiB), made here
# rather than committed.
awk 'BEGIN { print "period,note,source"; printf "2020,"; for (i = 0; i < 110000; i++) printf "0123456789"; print ",S" }' >t.csv
