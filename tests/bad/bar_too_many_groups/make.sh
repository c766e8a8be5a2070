#!/bin/sh
# t.csv: 1500 categories, more than a bar chart's 1000.
awk 'BEGIN { print "id,v,source"; for (i = 0; i < 1500; i++) print "item" i "," i ",S" }' >t.csv
