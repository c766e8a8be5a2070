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
# The default briefing's summary is the golden tests/data/summary/briefing.txt
# (reviewed by hand against the PDF: every number is one the PDF prints).
"$bin" -q --date 2024-06-14 -o "$s/briefing.pdf" --summary "$s/r.txt" input/briefing.md >"$s/out" ||
	fail "--summary FILE: exit $?"
[ ! -s "$s/out" ] || fail "--summary FILE -q printed: $(cat "$s/out")"
size=$(( ($(stat -c %s "$s/briefing.pdf") + 1023) / 1024 ))
pages=$(pdfinfo "$s/briefing.pdf" | awk '/^Pages:/ { print $2 }')
grep -qx "PDF: briefing.pdf ($pages pages, $size KB)" "$s/r.txt" || fail "summary PDF line: $(tail -1 "$s/r.txt")"
cmp -s "$s/r.txt" tests/data/summary/briefing.txt ||
	fail "the summary differs from tests/data/summary/briefing.txt: $(diff tests/data/summary/briefing.txt "$s/r.txt")"
# every line at most 72 characters, none ending in white space
python3 - "$s/r.txt" <<'EOF2' || fail "summary lines too long or with trailing space"
import sys
bad = [l for l in open(sys.argv[1], encoding='utf-8').read().split('\n') if len(l) > 72 or l != l.rstrip()]
print('\n'.join(bad))
sys.exit(1 if bad else 0)
EOF2
# the summary's numbers are the PDF's: each chart's headline value is printed there
pdftotext "$s/briefing.pdf" "$s/briefing.txt"
for n in 424.4 188.70 84.40 30.4 "58 %" 15,000; do
	grep -q "^$n\$" "$s/briefing.txt" || fail "$n is in the summary but not a label of the PDF"
done
[ -f "$s/charts/trade-full-years.png" ] || fail "charts not beside the PDF: $(ls "$s")"
"$bin" -q --date 2024-06-14 -o "$s/r2.pdf" --no-chart-files --summary - input/briefing.md >"$s/out" ||
	fail "--summary -: exit $?"
# (no chart files: no image lines; another PDF name)
grep -v '^  Image: \|^PDF: ' "$s/r.txt" >"$s/a"
grep -v '^PDF: ' "$s/out" >"$s/b2"
cmp -s "$s/a" "$s/b2" || fail "--summary - differs from the file (less the images): $(diff "$s/a" "$s/b2")"
grep -q "^PDF: r2.pdf (" "$s/out" || fail "--summary - names no PDF"
grep -q Image "$s/out" && fail "--no-chart-files summary names images"

# The summary speaks the briefing's locale: words, numbers, the date.
"$bin" -q -o "$s/ru.pdf" --no-chart-files --summary - tests/regress/locale_ru.md >"$s/out" ||
	fail "ru summary: exit $?"
grep -qx "Дата отчёта: 28 ноября 2026 г." "$s/out" || fail "ru summary date: $(cat "$s/out")"
nb=$(printf '\302\240') # U+00A0 NO-BREAK SPACE groups Russian thousands
grep -qx -- "- Оборот в 2023 году: 17${nb}250,8" "$s/out" || fail "ru summary figure: $(cat "$s/out")"
# (the pie's values share the precision of its most precise one, 1 800,25)
grep -A1 -x -- "- Регионы, четыре крупнейших" "$s/out" |
	grep -qx -- "  Больше всего: Bakı, 5${nb}400,50 (49 % от общего)" || fail "ru summary chart: $(cat "$s/out")"
grep -q "^PDF: ru.pdf (страниц: 5, [0-9]* КБ)\$" "$s/out" || fail "ru summary PDF line"

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
