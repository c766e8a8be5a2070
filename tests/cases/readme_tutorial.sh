#!/bin/sh
# The README's five-minute tutorial, run as written: its blocks are marked
# with an HTML comment on the line before the fence,
#   <!-- tutorial: sh -->                  commands, run with sh -e
#   <!-- tutorial: file PATH -->           the block is written to PATH
#   <!-- tutorial: append PATH -->         the block is appended to PATH
# and are played in README order in an empty folder, with the binary under
# test installed as `briefing` on PATH the way `make install` lays it out
# (PREFIX/bin, PREFIX/share/briefing/{fonts,template}).  Then the PDF must
# show what the README says it shows: the two values (checked against sums
# computed here from the tutorial's CSV), every row of the table, the chart
# labels, and the CSV's source on the sources page; and it is a valid
# PDF/A-1b file, tagged (tests/tools/pdfcheck.sh).
set -eu
bin=$1
tmp=$(cd "$2" && pwd)
readme=$PWD/README.md
fail() { echo "readme_tutorial: $*"; exit 1; }

# --- the installed layout, with the binary under test
prefix=$tmp/prefix
mkdir -p "$prefix/bin" "$prefix/share/briefing/fonts" "$prefix/share/briefing/template"
cp "$bin" "$prefix/bin/briefing"
cp fonts/*.ttf "$prefix/share/briefing/fonts/"
cp input/briefing.md input/*.csv "$prefix/share/briefing/template/"
PATH=$prefix/bin:$PATH
export PATH
unset BRIEFING_FONTS BRIEFING_TEMPLATE

# --- the marked blocks, in order: $tmp/blocks/N.{sh,file,append} with the
# target path in N.path
mkdir "$tmp/blocks"
awk -v dir="$tmp/blocks" -v tag=tutorial -f "$PWD/tests/tools/readme_blocks.awk" "$readme" || fail "cannot read the tutorial's blocks"
nblocks=$(ls "$tmp/blocks" | grep -c '\.kind$' || true)
[ "$nblocks" -ge 4 ] || fail "found $nblocks tutorial blocks in README.md, expected 4 or more"

work=$tmp/work
mkdir "$work"
cd "$work"

# --- play the blocks
i=1
while [ "$i" -le "$nblocks" ]; do
	kind=$(cat "$tmp/blocks/$i.kind")
	path=$(cat "$tmp/blocks/$i.path")
	body=$tmp/blocks/$i.body
	case $kind in
	sh) rc=0; sh -e "$body" >"$tmp/out.$i" 2>&1 || rc=$?
		[ "$rc" = 0 ] || { cat "$tmp/out.$i"; fail "block $i (sh) exit $rc: $(cat "$body")"; } ;;
	file) [ -n "$path" ] || fail "block $i: file without a path"
		cp "$body" "$path" ;;
	append) [ -f "$path" ] || fail "block $i: append to $path, which does not exist"
		cat "$body" >>"$path" ;;
	*) fail "block $i: unknown kind $kind" ;;
	esac
	i=$((i + 1))
done

# --- what the README promises
pdf=mybrief/briefing.pdf
csv=mybrief/sales.csv
[ -f "$pdf" ] || fail "no $pdf"
[ -f "$csv" ] || fail "no $csv"
grep -q "briefing mybrief/briefing.md -o mybrief/briefing.pdf" "$tmp/out.1" ||
	fail "--new did not print the next command"
qpdf --check "$pdf" >/dev/null || fail "qpdf --check $pdf"
pdftotext "$pdf" - | tr -s ' \n' '  ' >"$tmp/text"
has() { grep -qF -- "$1" "$tmp/text" || fail "the PDF does not show \"$1\""; }
# 12345 -> 12,345
group() { echo "$1" | sed -e ':a' -e 's/\([0-9]\)\([0-9]\{3\}\)\($\|,\)/\1,\2\3/; ta'; }
total=$(awk -F, 'NR > 1 { s += $3 } END { print s }' "$csv")
north=$(awk -F, 'NR > 1 && $2 == "North" { s += $3 } END { print s }' "$csv")
has "we sold EUR $(group "$total") worth of goods, EUR $(group "$north") of it in the North."
grep -qF "we sold EUR $(group "$total") worth of goods," "$readme" || fail "README states another total"
has "Sales in the first quarter"
pdftotext -f 2 -l 2 "$pdf" - | grep -q "^Sales in the first quarter" ||
	fail "the contents page does not list the new section"
has "Monthly sales by region"
has "Sales by month"
rows=$(awk 'END { print NR - 1 }' "$csv")
[ "$rows" -ge 6 ] || fail "the tutorial CSV has $rows rows"
tail -n +2 "$csv" | while IFS=, read -r month region sales _; do
	has "$month $region $sales"   # the table row
	has "$(group "$sales")"       # the bar label
done
has "Sales ledger 2024"
has "sales.csv"
[ -f mybrief/charts/sales-by-month.png ] && [ -f mybrief/charts/sales-by-month.svg ] ||
	fail "no mybrief/charts/sales-by-month.png and .svg"
# the tutorial's PDF is PDF/A-1b and tagged right (PDFBox Preflight, PdfCheck)
sh "$(dirname "$readme")/tests/tools/pdfcheck.sh" "$pdf" >"$tmp/pdfcheck" 2>&1 ||
	{ cat "$tmp/pdfcheck"; fail "$pdf: not PDF/A-1b, or tagged wrong"; }
echo "readme_tutorial: $nblocks blocks played, $rows rows shown"
