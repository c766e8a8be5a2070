# 200 places, one row each: more rows than the largest chart holds
awk 'BEGIN { print "place,value"; for (i = 1; i <= 200; i++) printf "Place %d,%d\n", i, i }' >t.csv
