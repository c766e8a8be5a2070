# The path of a user who has never seen the project, in a scratch folder:
# install to a prefix, start a briefing with --new, point it at their own
# CSV, run it the way cron would (-q, a dated -o pattern), mail-ready
# summary; then DESTDIR staging and uninstall.  $1 = binary under test,
# $2 = scratch folder.
#
# The Makefile's own install and uninstall recipes run, but on a copy of
# what they install from (Makefile, man page, fonts/, input/) with the
# binary under test as its ./briefing, and `make -o briefing` so it is
# installed as it is, never rebuilt: the tree and its build outputs are
# never touched (under check-asan the binary under test is the sanitizer
# build, and make's variables must not leak into a build of the tree).
set -eu
repo=$PWD
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
scratch=$(cd "$2" && pwd)
prefix=$scratch/prefix
fail() { echo "install_path: $*"; exit 1; }

src=$scratch/src
mkdir "$src"
cp -R Makefile briefing.1 fonts input "$src/"
cp "$bin" "$src/briefing"
mk() {
	env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL -u MAKEOVERRIDES -u B -u CFLAGS -u LDFLAGS -u CC \
		make -s -o briefing -C "$src" "$@"
}
# fonts_embedded PDF: every font pdffonts lists is embedded, and there is one
fonts_embedded() {
	pdffonts "$1" | tail -n +3 >"$scratch/fonts.list"
	[ -s "$scratch/fonts.list" ] && awk '$(NF-4) != "yes" { exit 1 }' "$scratch/fonts.list"
}

mk install PREFIX="$prefix" >/dev/null
cmp "$prefix/bin/briefing" "$bin" || fail "make install did not install the binary under test"
for f in bin/briefing share/man/man1/briefing.1 share/briefing/fonts/LiberationSans-Regular.ttf \
	 share/briefing/template/briefing.md share/briefing/template/trade.csv; do
	[ -f "$prefix/$f" ] || fail "make install did not install $f"
done

# The installed program finds its own fonts and template: no BRIEFING_FONTS
# or BRIEFING_TEMPLATE,
# run from a folder with no fonts/ beside it.
mkdir "$scratch/work"
cd "$scratch/work"
export PATH="$prefix/bin:$PATH"
unset BRIEFING_FONTS BRIEFING_TEMPLATE
[ "$(command -v briefing)" = "$prefix/bin/briefing" ] || fail "briefing is not the installed one"
briefing --new sales >new.out || fail "--new exit $?"
grep -q "briefing sales/briefing.md -o sales/briefing.pdf" new.out || fail "--new did not say what to run next"
cmp sales/briefing.md "$prefix/share/briefing/template/briefing.md" || fail "--new copied the spec wrongly"
cmp sales/trade.csv "$repo/input/trade.csv" || fail "--new copied trade.csv wrongly"
briefing -q --date 2024-06-14 sales/briefing.md -o sales/briefing.pdf || fail "the template does not run"

# Their own CSV and a spec of their own over it.
cat >sales/sales.csv <<'CSV'
year,region,units,source
2024,Baku,1200,Sales ledger 2024
2024,Ganja,800,Sales ledger 2024
2025,Baku,1500.5,Sales ledger 2025
2025,Ganja,900,Sales ledger 2025
CSV
cat >sales/briefing.md <<'SPEC'
---
title: Sales briefing
---
# Sales

```values
[units_2025]
data: sales.csv
value: units
where: year = 2025
```

Units sold in 2025: {{units_2025}}.

```chart
type: bar
data: sales.csv
x: year
y: units
title: Units sold by year
unit: units
```
SPEC
mkdir out
briefing -q --date 2025-12-31 sales/briefing.md -o 'out/sales-%Y-%m.pdf' --charts 'out/charts-%Y' \
	--summary 'out/summary-%Y-%m-%d.txt' >run.out 2>&1 || fail "own briefing: exit $?: $(cat run.out)"
[ ! -s run.out ] || fail "-q printed something on success: $(cat run.out)"
[ -f out/sales-2025-12.pdf ] || fail "-o pattern not expanded: $(ls out)"
[ -f out/charts-2025/units-sold-by-year.png ] || fail "--charts pattern: $(ls out)"
pdftotext out/sales-2025-12.pdf - | grep -q "Units sold in 2025: 2,400.5." || fail "value not in the PDF"
fonts_embedded out/sales-2025-12.pdf || fail "fonts not embedded (or none listed)"
grep -qx "Sales briefing" out/summary-2025-12-31.txt || fail "summary has no title"
grep -A1 -x -- "- Units sold by year" out/summary-2025-12-31.txt | grep -qx "  2025: 2,400.5 units" \
	|| fail "summary headline: $(cat out/summary-2025-12-31.txt)"
grep -q "^PDF: sales-2025-12.pdf (" out/summary-2025-12-31.txt || fail "summary names no PDF"

# The line a crontab would hold runs the same from another folder.
cd /
briefing -q --date 2025-12-31 "$scratch/work/sales/briefing.md" -o "$scratch/work/out/cron-%Y.pdf" \
	|| fail "cron-style run: exit $?"
[ -f "$scratch/work/out/cron-2025.pdf" ] || fail "cron-style run wrote nothing"

# The man page is where man looks.
MANPATH="$prefix/share/man" man -w briefing >/dev/null 2>&1 || fail "man -w briefing finds nothing"

cd "$repo"
mk uninstall PREFIX="$prefix" >/dev/null
left=$(find "$prefix" -type f)
[ -z "$left" ] || fail "make uninstall left: $left"

# A staged install (packagers): everything under DESTDIR, nothing outside.
mk install DESTDIR="$scratch/stage" PREFIX=/usr >/dev/null
cmp "$scratch/stage/usr/bin/briefing" "$bin" || fail "DESTDIR install has not the binary under test"
[ -f "$scratch/stage/usr/share/briefing/fonts/LiberationSans-Bold.ttf" ] || fail "DESTDIR fonts"
"$scratch/stage/usr/bin/briefing" -q --date 2024-06-14 -o "$scratch/staged.pdf" --no-chart-files \
	input/briefing.md || fail "the staged binary does not find its fonts"
mk uninstall DESTDIR="$scratch/stage" PREFIX=/usr >/dev/null
[ -z "$(find "$scratch/stage" -type f)" ] || fail "DESTDIR uninstall left files"
echo "install_path: ok"
