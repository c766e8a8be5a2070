# --new, --summary and dated output names: what they make, and their errors
# (exit code, exact message, nothing half-made).  $1 = binary, $2 = scratch.
set -u
bin=$1
s=$2
fail() { echo "new_summary: $*"; exit 1; }
expect() { # expect CODE MESSAGE -- command…: exit code and first stderr line
	code=$1 msg=$2; shift 3
	"$@" >"$s/out" 2>"$s/err"
	rc=$?
	[ "$rc" = "$code" ] || fail "$*: exit $rc, expected $code ($(head -1 "$s/err"))"
	[ "$(head -1 "$s/err")" = "$msg" ] || fail "$*: said '$(head -1 "$s/err")', expected '$msg'"
}

# --new: the template's files, the next command; then never overwrite.
"$bin" --new "$s/b" >"$s/out" || fail "--new: exit $?"
[ "$(ls "$s/b" | wc -l)" = "$(ls input | wc -l)" ] || fail "--new copied $(ls "$s/b")"
grep -q "^  briefing $s/b/briefing.md -o $s/b/briefing.pdf\$" "$s/out" || fail "--new: $(cat "$s/out")"
"$bin" -q --new "$s/quiet" >"$s/out" && [ ! -s "$s/out" ] || fail "--new -q printed or failed"
cp "$s/b/trade.csv" "$s/trade.before"
expect 73 "$s/b/agrifood.csv: error: already exists: --new never overwrites" -- "$bin" --new "$s/b"
cmp -s "$s/b/trade.csv" "$s/trade.before" || fail "--new changed an existing briefing"
ls -A "$s/b" | grep -q '^\.' && fail "temporaries left: $(ls -A "$s/b")"
expect 73 "$s/no/such: error: cannot create folder: No such file or directory" -- "$bin" --new "$s/no/such"
[ ! -e "$s/no" ] || fail "--new made a parent folder"
expect 64 "briefing: error: --new takes no SPEC: x.md" -- "$bin" --new "$s/c" x.md
[ ! -e "$s/c" ] || fail "--new with a SPEC made a folder"

# --summary: to a file with the PDF (atomically, together), or to stdout.
"$bin" -q --date 2024-06-14 -o "$s/r.pdf" --summary "$s/r.txt" input/briefing.md >"$s/out" ||
	fail "--summary FILE: exit $?"
[ ! -s "$s/out" ] || fail "--summary FILE -q printed: $(cat "$s/out")"
head -3 "$s/r.txt" | tr '\n' '|' | grep -qx "Belarus – Azerbaijan Cooperation|Trade, industry and joint projects since 1993|Report date: 14 June 2024|" ||
	fail "summary head: $(head -3 "$s/r.txt")"
grep -qx -- "- Trade turnover in 2021, USD million: 424.4" "$s/r.txt" || fail "summary key figure"
grep -qx -- "- Trade turnover in full years: 2021: 424.4 USD million" "$s/r.txt" || fail "summary line chart"
grep -qx -- "- Agri-food trade in 2020: largest Belarus → Azerbaijan, 30.4 USD million" "$s/r.txt" ||
	fail "summary ranked bars"
grep -qx -- "  image: $s/charts/trade-full-years.png" "$s/r.txt" || fail "summary image path"
[ -f "$s/charts/trade-full-years.png" ] || fail "charts not beside the PDF: $(ls "$s")"
size=$(( ($(stat -c %s "$s/r.pdf") + 1023) / 1024 ))
pages=$(pdfinfo "$s/r.pdf" | awk '/^Pages:/ { print $2 }')
grep -qx "PDF: $s/r.pdf ($pages pages, $size KB)" "$s/r.txt" || fail "summary PDF line: $(tail -1 "$s/r.txt")"
"$bin" -q --date 2024-06-14 -o "$s/r2.pdf" --no-chart-files --summary - input/briefing.md >"$s/out" ||
	fail "--summary -: exit $?"
# (the PDF line differs: the sources page quotes each command line)
grep -v '^  image: \|^PDF: ' "$s/r.txt" >"$s/a"
grep -v '^PDF: ' "$s/out" >"$s/b2"
cmp -s "$s/a" "$s/b2" || fail "--summary - differs from the file (less the images): $(diff "$s/a" "$s/b2")"
grep -q "^PDF: $s/r2.pdf (" "$s/out" || fail "--summary - names no PDF"
grep -q image "$s/out" && fail "--no-chart-files summary names images"

# The summary speaks the briefing's locale: words, numbers, the date.
"$bin" -q -o "$s/ru.pdf" --no-chart-files --summary - tests/regress/locale_ru.md >"$s/out" ||
	fail "ru summary: exit $?"
grep -qx "Дата отчёта: 28 ноября 2026 г." "$s/out" || fail "ru summary date: $(cat "$s/out")"
nb=$(printf '\302\240') # U+00A0 NO-BREAK SPACE groups Russian thousands
grep -qx -- "- Оборот в 2023 году: 17${nb}250,8" "$s/out" || fail "ru summary figure: $(cat "$s/out")"
# (the pie's values share the precision of its most precise one, 1 800,25)
grep -qx -- "- Регионы, четыре крупнейших: больше всего: Bakı, 5${nb}400,50 (49 % от общего)" "$s/out" ||
	fail "ru summary chart"
grep -q "^PDF: $s/ru.pdf (страниц: 5, [0-9]* КБ)\$" "$s/out" || fail "ru summary PDF line"

# A summary that cannot be written leaves the PDF as it was.
printf 'previous\n' >"$s/keep.pdf"
expect 73 "$s/nodir/s.txt: error: cannot create output: No such file or directory" -- \
	"$bin" -q -o "$s/keep.pdf" --summary "$s/nodir/s.txt" input/briefing.md
[ "$(cat "$s/keep.pdf")" = previous ] || fail "failed --summary changed the PDF"
# … and no charts folder made for it: a failed run leaves no empty folder.
mkdir "$s/fresh"
expect 73 "$s/nodir/s.txt: error: cannot create output: No such file or directory" -- \
	"$bin" -q -o "$s/fresh/x.pdf" --summary "$s/nodir/s.txt" input/briefing.md
[ -z "$(ls -A "$s/fresh")" ] || fail "a failed run left $(ls -A "$s/fresh")"

# Dated names: the report date (front matter or --date), not the clock.
"$bin" -q --date 2023-02-01 -o "$s/d-%Y-%m-%d-%%.pdf" --no-chart-files input/briefing.md ||
	fail "pattern: exit $?"
[ -f "$s/d-2023-02-01-%.pdf" ] || fail "pattern gave $(ls "$s")"
long=$(printf '%%Y%.0s' $(seq 1 2100))
expect 64 "briefing: error: -o $long: the date pattern gives an empty or too long name" -- \
	"$bin" -q -o "$long" input/briefing.md
echo "new_summary: ok"
