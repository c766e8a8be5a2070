#!/bin/sh
# An oracle that is not the program: a CSV of 3,000 sales lines made here
# (a fixed pseudo-random sequence; empty cells and negative prices among
# them), a spec that asks for sums, means, counts, minima and maxima with
# where: filters (=, !=, <, <=, >, >=, several at once) in a values block,
# and the same per category in bar charts (top-N with "Other", agg: mean,
# count, max and min); then every number the PDF prints is compared with
# what awk computes from the CSV on its own.
set -u
bin=$1 tmp=$2
fail=0
no() { echo "awk_oracle: $*"; fail=1; }

# region,product,year,qty,price,source -- Park–Miller (x * 16807 mod 2^31-1,
# exact in awk's doubles); qty empty on one line in twenty
awk 'BEGIN {
	split("North South East West Centre", region, " ")
	split("Tractors Trucks Buses Tyres Potash Milk Butter Timber Glass", product, " ")
	x = 20240614
	print "region,product,year,qty,price,source"
	for (i = 0; i < 3000; i++) {
		x = (x * 16807) % 2147483647; r = region[x % 5 + 1]
		x = (x * 16807) % 2147483647; p = product[x % 9 + 1]
		x = (x * 16807) % 2147483647; y = 2019 + x % 6
		x = (x * 16807) % 2147483647; q = x % 20 == 0 ? "" : x % 500 + 1
		x = (x * 16807) % 2147483647; c = x % 100000 - 5000
		printf "%s,%s,%d,%s,%s%d.%02d,Ledger %s\n", r, p, y, q, c < 0 ? "-" : "",
			(c < 0 ? -c : c) / 100, (c < 0 ? -c : c) % 100, i % 2 ? "A" : "B"
	}
}' >"$tmp/sales.csv"

cat >"$tmp/oracle.md" <<'MD'
---
title: Oracle
date: 2022-06-14
cover: no
---
# Values

```values
[total]
data: sales.csv
value: price
format: %.4f
[mean_2021]
data: sales.csv
value: price
agg: mean
where: year = 2021
format: %.6f
[count_north]
data: sales.csv
agg: count
where: region = North
format: %.0f
[min_qty]
data: sales.csv
value: qty
agg: min
where: year >= 2022
format: %.0f
[max_qty]
data: sales.csv
value: qty
agg: max
where: region != South, year < 2023
format: %.0f
[sum_big]
data: sales.csv
value: price
where: price > 500, year <= 2020, product != Milk
format: %.4f
[mean_qty]
data: sales.csv
value: qty
agg: mean
where: qty > 0, region = West
format: %.6f
```

V total {{total}}

V mean_2021 {{mean_2021}}

V count_north {{count_north}}

V min_qty {{min_qty}}

V max_qty {{max_qty}}

V sum_big {{sum_big}}

V mean_qty {{mean_qty}}

# Charts

```chart
type: hbar
data: sales.csv
x: product
y: price
sort: -value
top: 4
title: Top four products by value
```

```chart
type: hbar
data: sales.csv
x: year
y: price
agg: mean
where: region = East
title: Mean price in the East by year
```

```chart
type: hbar
data: sales.csv
x: region
agg: count
where: year >= 2021
title: Lines by region since 2021
```

```chart
type: hbar
data: sales.csv
x: region
y: qty
agg: max
where: price < 100
title: Largest quantity by region under 100
```

```chart
type: hbar
data: sales.csv
x: product
y: price
agg: min
where: qty >= 250
title: Lowest price by product, quantity 250 and up
```
MD
"$bin" -q -o "$tmp/oracle.pdf" --no-chart-files "$tmp/oracle.md" || { echo "awk_oracle: the run failed"; exit 1; }
pdftotext -layout "$tmp/oracle.pdf" "$tmp/oracle.txt"

# close NAME GOT WANT DECIMALS: GOT (as printed: grouped, maybe with a true
# minus) is WANT rounded to DECIMALS places
close() {
	awk -v name="$1" -v got="$2" -v want="$3" -v dec="$4" 'BEGIN {
		g = got; gsub(/,/, "", g); sub(/^\342\210\222/, "-", g)
		if (g !~ /^-?[0-9]+(\.[0-9]+)?$/) { printf "%s: \"%s\" is not a number\n", name, got; exit 1 }
		tol = 0.5 * 10 ^ -dec + 1e-9 * (want < 0 ? -want : want)
		d = g - want
		if (d > tol || d < -tol) { printf "%s: the PDF says %s, awk says %.*f\n", name, got, dec + 2, want; exit 1 }
	}' || fail=1
}

# --- the values block: "V NAME NUMBER" lines
value() { sed -n "s/^ *V $1 \([^ ]*\) *\$/\1/p" "$tmp/oracle.txt"; }
csv=$tmp/sales.csv
close total "$(value total)" "$(awk -F, 'NR > 1 { s += $5 } END { printf "%.6f", s }' "$csv")" 4
close mean_2021 "$(value mean_2021)" \
	"$(awk -F, 'NR > 1 && $3 == 2021 { s += $5; n++ } END { printf "%.9f", s / n }' "$csv")" 6
close count_north "$(value count_north)" "$(awk -F, 'NR > 1 && $1 == "North" { n++ } END { print n }' "$csv")" 0
close min_qty "$(value min_qty)" \
	"$(awk -F, 'NR > 1 && $3 >= 2022 && $4 != "" && (m == "" || $4 < m) { m = $4 + 0 } END { print m }' "$csv")" 0
close max_qty "$(value max_qty)" \
	"$(awk -F, 'NR > 1 && $1 != "South" && $3 < 2023 && $4 != "" && $4 > m { m = $4 + 0 } END { print m }' "$csv")" 0
close sum_big "$(value sum_big)" \
	"$(awk -F, 'NR > 1 && $5 > 500 && $3 <= 2020 && $2 != "Milk" { s += $5 } END { printf "%.6f", s }' "$csv")" 4
close mean_qty "$(value mean_qty)" \
	"$(awk -F, 'NR > 1 && $4 != "" && $4 > 0 && $1 == "West" { s += $4; n++ } END { printf "%.9f", s / n }' "$csv")" 6

# --- the charts: the lines of one chart's text (from its title to its
# source note), each "CATEGORY  VALUE" of an hbar; compared with awk's
# table "CATEGORY VALUE", in awk's order when ORDERED
chart() { # TITLE: "category<TAB>value label" for each bar
	awk -v t="$1" '
		on && /^Sources?: / { exit }
		$0 == t { on = 1; next }
		on && match($0, /[^ ].*[^ ]   +[^ ]+ *$/) {
			line = substr($0, RSTART, RLENGTH); sub(/ +$/, "", line)
			v = line; sub(/.* /, "", v); c = line; sub(/ +[^ ]+$/, "", c)
			# (the tick labels under the plot are a row of numbers far apart)
			if (v ~ /^(\342\210\222)?[0-9][0-9,]*(\.[0-9]+)?$/ && c !~ /   /) print c "\t" v
		}' "$tmp/oracle.txt"
}
compare() { # TITLE ORDERED: stdin awk's "category<TAB>value", in order
	sort -t'	' -k1,1 >"$tmp/want"
	chart "$1" >"$tmp/got.ordered"
	sort -t'	' -k1,1 "$tmp/got.ordered" >"$tmp/got"
	[ "$(cut -f1 "$tmp/want")" = "$(cut -f1 "$tmp/got")" ] ||
		{ no "$1: categories $(cut -f1 "$tmp/got" | tr '\n' ' '), awk: $(cut -f1 "$tmp/want" | tr '\n' ' ')"; return; }
	paste "$tmp/got" "$tmp/want" | while IFS='	' read -r cat got _ want; do
		close "$1: $cat" "$got" "$want" 2
	done >"$tmp/compare.out"
	if [ -s "$tmp/compare.out" ]; then cat "$tmp/compare.out"; fail=1; fi
	[ -z "${2:-}" ] || [ "$(cut -f1 "$tmp/got.ordered")" = "$(cut -f1 "$tmp/want.ordered")" ] ||
		no "$1: order $(cut -f1 "$tmp/got.ordered" | tr '\n' ' '), awk: $(cut -f1 "$tmp/want.ordered" | tr '\n' ' ')"
}

# top four products by value, largest first, then Other (the rest summed)
awk -F, 'NR > 1 { s[$2] += $5 } END { for (p in s) printf "%s\t%.6f\n", p, s[p] }' "$csv" |
	sort -t'	' -k2,2 -g -r | awk -F'\t' 'NR <= 4 { print; next } { o += $2 } END { printf "Other\t%.6f\n", o }' \
	>"$tmp/want.ordered"
compare "Top four products by value" ordered <"$tmp/want.ordered"
awk -F, 'NR > 1 && $1 == "East" { s[$3] += $5; n[$3]++ } END { for (y in s) printf "%s\t%.9f\n", y, s[y] / n[y] }' \
	"$csv" | compare "Mean price in the East by year"
awk -F, 'NR > 1 && $3 >= 2021 { n[$1]++ } END { for (r in n) printf "%s\t%d\n", r, n[r] }' "$csv" |
	compare "Lines by region since 2021"
awk -F, 'NR > 1 && $5 < 100 && $4 != "" { if (!($1 in m) || $4 + 0 > m[$1]) m[$1] = $4 + 0 }
	END { for (r in m) printf "%s\t%d\n", r, m[r] }' "$csv" | compare "Largest quantity by region under 100"
awk -F, 'NR > 1 && $4 != "" && $4 >= 250 { if (!($2 in m) || $5 + 0 < m[$2]) m[$2] = $5 + 0 }
	END { for (p in m) printf "%s\t%.2f\n", p, m[p] }' "$csv" | compare "Lowest price by product, quantity 250 and up"

# each chart showed all its bars (a parse that finds nothing must not pass)
for t in "Top four products by value:5" "Mean price in the East by year:6" "Lines by region since 2021:5" \
	 "Largest quantity by region under 100:5" "Lowest price by product, quantity 250 and up:9"; do
	[ "$(chart "${t%:*}" | wc -l)" = "${t##*:}" ] || no "${t%:*}: $(chart "${t%:*}" | wc -l) bars read, expected ${t##*:}"
done
exit $fail
