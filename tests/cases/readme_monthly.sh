#!/bin/sh
# The README's monthly recipe, run as written: its blocks are marked with an
# HTML comment on the line before the fence,
#   <!-- monthly: file PATH -->   the block is written to PATH
#   <!-- monthly: crontab -->     the cron line, which must run this spec
# Then the same spec runs on two CSVs of the README's shape, one ending in
# May 2024 and one a month longer, and each PDF must say what the README
# says it says: the month's name, its total, the change on the month before
# (a sign-dependent format: up, then down), on a year earlier, and the year
# to date — with no edit between the runs.
set -eu
bin=$1
tmp=$(cd "$2" && pwd)
readme=$PWD/README.md
fail() { echo "readme_monthly: $*"; exit 1; }

mkdir "$tmp/blocks"
awk -v dir="$tmp/blocks" -v tag=monthly -f "$PWD/tests/tools/readme_blocks.awk" "$readme" || fail "cannot read the recipe's blocks"
n=$(ls "$tmp/blocks" | grep -c '\.kind$' || true)
[ "$n" = 3 ] || fail "found $n monthly blocks in README.md, expected 3"

work=$tmp/work
mkdir "$work"
cd "$work"
i=1
while [ "$i" -le "$n" ]; do
	kind=$(cat "$tmp/blocks/$i.kind")
	path=$(cat "$tmp/blocks/$i.path")
	case $kind in
	file) mkdir -p "$(dirname "$path")"; cp "$tmp/blocks/$i.body" "$path" ;;
	crontab) grep -q 'briefing -q -o .* monthly/briefing.md$' "$tmp/blocks/$i.body" ||
			fail "the cron line does not run monthly/briefing.md" ;;
	*) fail "block $i: unknown kind $kind" ;;
	esac
	i=$((i + 1))
done
[ -f monthly/briefing.md ] && [ -f monthly/sales.csv ] || fail "no monthly/briefing.md and sales.csv"
head -1 monthly/sales.csv | grep -qx 'month,region,sales_eur,source' || fail "the CSV shape changed"

# The README's shape, May 2023 to May 2024 (a gap in the months between is
# no matter: latest - 12 is a month, not a row count), then June 2024.
{
	echo 'month,region,sales_eur,source'
	for r in 2023-05,North,1000 2023-05,South,800 2023-06,North,1100 2023-06,South,850 \
		 2023-12,North,1300 2023-12,South,900 2024-01,North,1200 2024-01,South,700 \
		 2024-02,North,1150 2024-02,South,750 2024-03,North,1250 2024-03,South,820 \
		 2024-04,North,1180 2024-04,South,840 2024-05,North,1220 2024-05,South,880; do
		echo "$r,Shop database"
	done
} >monthly/sales.csv

# run NAME: the PDF's text, on one line
run() {
	"$bin" -q --date 2024-06-02 -o "$1.pdf" monthly/briefing.md || fail "$1: exit $?"
	pdftotext "$1.pdf" - | tr -s ' \n' '  ' >"$1.txt"
}
has() { grep -qF -- "$2" "$1.txt" || fail "$1: the PDF does not say \"$2\""; }

run may
may="Sales in May 2024 came to EUR 2,100, up 4.0 % on the month before and up 16.7 % on the same month a year earlier. Since January: EUR 9,990."
has may "$may"
has may "Sales in May 2024"

printf '2024-06,North,1190,Shop database\n2024-06,South,860,Shop database\n' >>monthly/sales.csv
run june
june="Sales in June 2024 came to EUR 2,050, down 2.4 % on the month before and up 5.1 % on the same month a year earlier. Since January: EUR 12,040."
has june "$june"
! grep -qF "May 2024 came" june.txt || fail "june: still says May"

# the README quotes the same sentences
tr -s ' \n' '  ' <"$readme" >readme.flat
for s in "Sales in May 2024 came to EUR 2,100, up 4.0 % on the month before and up 16.7 %" \
	 "Sales in June 2024 came to EUR 2,050, down 2.4 % on the month before and up 5.1 %"; do
	grep -qF -- "$s" readme.flat || fail "README does not quote: $s"
done
echo "readme_monthly: May and June runs say their own month"
