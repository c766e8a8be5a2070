#!/bin/sh
# t.csv: 9000 rows, more than a table's default max-rows (2500).
awk 'BEGIN { print "period,value_usd_m,source"; for (i = 0; i < 9000; i++) print 1000 + i "," i ",S" }' >t.csv
