#!/bin/sh
# The monthly report of issue 13: one spec, never edited, run from cron on
# a CSV that grows by a month each time.  Its values say `latest` (the last
# month in the file), `latest - 1` (the month before), `latest - 12` (the
# same month a year earlier) and year to date (`year(month) =
# year(latest)`); the month's name is the latest month as a date value
# (`agg: max`, `format: %B %Y`), the changes are computed (`expr:`) and
# printed by sign (`up …;down …;unchanged`); its table shows the last month
# as the file has it, its chart the last six months in time order (the rows
# are not).  Run on data ending in May 2024, then on the same data and June,
# each PDF must give that month's figures: the month's name, its total, its
# regions, the changes on the month before and on a year earlier, the year
# to date — and nothing of the other run.  Both runs also pass --check,
# which reads the data too.
set -eu
bin=$1
tmp=$(cd "$2" && pwd)
fail() { echo "monthly_report: $*"; exit 1; }

mkdir -p "$tmp/monthly"
cd "$tmp/monthly"
cat >briefing.md <<'EOF'
---
title: Monthly sales
sources: no
---
```values
[total]
data: sales.csv
value: sales_eur
where: month = latest
format: %'.0f
[north]
data: sales.csv
value: sales_eur
where: month = latest, region = North
format: %'.0f
[south]
data: sales.csv
value: sales_eur
where: month = latest, region = South
format: %'.0f
[before]
data: sales.csv
value: sales_eur
where: month = latest - 1
format: %'.0f
[year_ago]
data: sales.csv
value: sales_eur
where: month = latest - 12
format: %'.0f
[ytd]
data: sales.csv
value: sales_eur
where: year(month) = year(latest)
format: %'.0f
[ytd_year_ago]
data: sales.csv
value: sales_eur
where: year(month) = year(latest) - 1, month <= latest - 12
format: %'.0f
[month_name]
data: sales.csv
value: month
agg: max
format: %B %Y
[change_month]
expr: (total - before) / before * 100
format: up %.1f %%;down %.1f %%;unchanged
[change_year]
expr: (total - year_ago) / year_ago * 100
format: up %.1f %%;down %.1f %%;unchanged
```
# {{month_name}}

Sales in {{month_name}} came to EUR {{total}} (North {{north}}, South {{south}}),
{{change_month}} on the month before (EUR {{before}}) and {{change_year}} on the same
month a year earlier (EUR {{year_ago}}). Since January: EUR {{ytd}}, against EUR
{{ytd_year_ago}} in the same months a year earlier.

```table
data: sales.csv
columns: month, region, sales_eur
where: month = latest
caption: The last month as the shop database has it
```

```chart
type: bar
data: sales.csv
x: month
y: sales_eur
where: month > latest - 6
title: Sales, the last six months
unit: EUR
```
EOF

# May 2023 to May 2024, the months out of order in places (an export is
# not sorted), and a month missing (latest - 12 is a month, not a row
# count); June's file is May's and June.
may_rows='2023-05,North,1000 2023-05,South,800 2023-06,North,1100 2023-06,South,850
2024-01,North,1200 2023-12,North,1300 2023-12,South,900 2024-01,South,700
2024-02,North,1150 2024-02,South,750 2024-04,North,1180 2024-03,North,1250
2024-03,South,820 2024-04,South,840 2024-05,North,1220 2024-05,South,880'
csv() { # FILE ROWS...
	out=$1; shift
	echo 'month,region,sales_eur,source' >"$out"
	for r in "$@"; do echo "$r,Shop database" >>"$out"; done
}

# run NAME: build the PDF (and --check) from sales.csv; its text on one
# line; and the chart's month labels, left to right (the words YYYY-MM on
# the line that has most of them: the axis, not the table)
run() {
	"$bin" -q --check briefing.md || fail "$1: --check exit $?"
	"$bin" -q --date 2024-06-02 -o "$1.pdf" briefing.md || fail "$1: exit $?"
	pdftotext "$1.pdf" - | tr -s ' \n' '  ' >"$1.txt"
	pdftotext -bbox "$1.pdf" - |
		sed -n 's/.*xMin="\([0-9.]*\)" yMin="\([0-9.]*\)".*>\(20[0-9][0-9]-[0-9][0-9]\)<.*/\2 \1 \3/p' |
		awk '{ n[$1]++; line[NR] = $0 } END { for (y in n) if (n[y] > best) { best = n[y]; by = y }
			for (i = 1; i <= NR; i++) { split(line[i], f, " "); if (f[1] == by) print f[2], f[3] } }' |
		sort -n | awk '{ printf "%s%s", (NR > 1 ? " " : ""), $2 } END { print "" }' >"$1.axis"
}
axis() { [ "$(cat "$1.axis")" = "$2" ] || fail "$1: the chart's months are \"$(cat "$1.axis")\", expected \"$2\""; }
has() { grep -qF -- "$2" "$1.txt" || fail "$1: the PDF does not say \"$2\": $(cat "$1.txt")"; }
hasnt() { ! grep -qF -- "$2" "$1.txt" || fail "$1: the PDF says \"$2\""; }

# shellcheck disable=SC2086
csv sales.csv $may_rows
run may
has may "Sales in May 2024 came to EUR 2,100 (North 1,220, South 880), up 4.0 % on the month before (EUR 2,020) and up 16.7 % on the same month a year earlier (EUR 1,800)."
has may "Since January: EUR 9,990, against EUR 1,800 in the same months a year earlier."
has may "month region sales_eur 2024-05 North 1220 2024-05 South 880"
# the chart: December to May, in time order, though the file is not
axis may "2023-12 2024-01 2024-02 2024-03 2024-04 2024-05"
hasnt may "2024-06"
hasnt may "2023-06"
hasnt may "in June"

# shellcheck disable=SC2086
csv sales.csv $may_rows 2024-06,North,1000 2024-06,South,900
run jun
has jun "Sales in June 2024 came to EUR 1,900 (North 1,000, South 900), down 9.5 % on the month before (EUR 2,100) and down 2.6 % on the same month a year earlier (EUR 1,950)."
has jun "Since January: EUR 11,890, against EUR 3,750 in the same months a year earlier."
has jun "month region sales_eur 2024-06 North 1000 2024-06 South 900"
axis jun "2024-01 2024-02 2024-03 2024-04 2024-05 2024-06"
hasnt jun "2023-12"
hasnt jun "2024-05 North"
hasnt jun "May 2024"

# the spec was not edited between the runs
cmp -s may.pdf jun.pdf && fail "the two runs made the same PDF"
echo "monthly_report: May and June 2024 from one spec, each with its own figures"
