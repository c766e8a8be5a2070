#!/bin/sh
# Data as it comes (issue 14), through the command line: -v says what each
# dataset's one pass read (the delimiter when it was detected, a folder's
# parts with their bytes and rows); each dataset is read once, its bytes
# as stored (a .csv.gz's compressed bytes); the sources page lists every
# file and part with the SHA-256 sha256sum gives for it; a folder's stray
# file and an unused dataset are warnings (errors under --strict); and a
# large .csv.gz read by worker threads gives the PDF one thread gives.
set -u
bin=$1 tmp=$2
fail=0
no() { echo "data_dialects: $*"; fail=1; }
spec=tests/regress/dialects.md
dir=tests/regress/dialects

"$bin" -v --check "$spec" 2>"$tmp/v.err" || { no "the check of $spec failed:"; cat "$tmp/v.err"; exit 1; }
size() { wc -c <"$1" | tr -d ' '; }
# one "read" line per dataset, its bytes as stored
for f in belstat-az-1251.csv belstat-az-koi8r.csv ganja-unicode.txt borisov.tsv \
	 trade-by-direction.csv.gz debian.csv; do
	n=$(grep -c "^briefing: read $dir/$f: " "$tmp/v.err")
	[ "$n" = 1 ] || no "$f: read $n times"
	grep -q "^briefing: read $dir/$f: $(size "$dir/$f") bytes, " "$tmp/v.err" ||
		no "$f: not its size as stored: $(grep "read $dir/$f:" "$tmp/v.err")"
done
grep -qx "briefing: read $dir/ganja-unicode.txt: 1010 bytes, 5 rows, 2 queries in one pass; delimiter tab (detected from the header line)" "$tmp/v.err" ||
	no "the detected tab is not said: $(grep ganja "$tmp/v.err")"
grep -qx "briefing: read $dir/belstat-az-1251.csv: 598 bytes, 8 rows, 4 queries in one pass" "$tmp/v.err" ||
	no "a given delimiter is said as detected: $(grep 1251 "$tmp/v.err")"
total=0
for p in "$dir"/spark-trade/part-*.csv; do
	b=$(size "$p")
	total=$((total + b))
	grep -qx "briefing:   part $p: $b bytes, 1 rows" "$tmp/v.err" || no "part $p not said"
done
grep -q "^briefing: read $dir/spark-trade/: $total bytes, 3 rows, 2 queries in one pass" "$tmp/v.err" ||
	no "the folder's line: $(grep 'spark-trade/:' "$tmp/v.err")"

# the sources page: every file and part with its SHA-256 as sha256sum gives it
"$bin" -q --date 2022-06-14 -o "$tmp/d.pdf" "$spec" || { no "the PDF of $spec failed"; exit 1; }
pdftotext "$tmp/d.pdf" "$tmp/d.txt"
for f in "$dir"/*.csv "$dir"/*.csv.gz "$dir"/*.txt "$dir"/*.tsv "$dir"/spark-trade/part-*; do
	[ "$f" = "$dir/SOURCE.txt" ] && continue
	grep -q "$(sha256sum "$f" | cut -d' ' -f1)" "$tmp/d.txt" || no "no SHA-256 of $f on the sources page"
done
for f in "$dir"/spark-trade/_SUCCESS "$dir"/spark-trade/.part-00000-*.crc; do
	grep -q "$(sha256sum "$f" | cut -d' ' -f1)" "$tmp/d.txt" && no "$f is listed as an input"
done

# a folder's stray file and an unused dataset: warnings, errors with --strict
mkdir -p "$tmp/w/parts"
printf 'year,v\n2021,1\n' >"$tmp/w/parts/part-0.csv"
printf 'notes\n' >"$tmp/w/parts/README.txt"
printf 'k,v\na,1\n' >"$tmp/w/spare.csv"
cat >"$tmp/w/s.md" <<'EOF'
---
title: Warnings
---
```data
[parts]
file: parts

[spare]
file: spare.csv
```
```values
[v]
data: parts
value: v
```
Total {{v}}.
EOF
"$bin" -o "$tmp/w/out.pdf" --no-chart-files "$tmp/w/s.md" 2>"$tmp/w/err" || no "warnings made the run fail"
grep -qx "$tmp/w/s.md:8:1: warning: dataset \"spare\" is not used: no data: names it" "$tmp/w/err" ||
	no "no unused-dataset warning: $(cat "$tmp/w/err")"
grep -qx "$tmp/w/s.md:6:7: warning: 1 file in $tmp/w/parts not read (neither \*.csv nor \*.csv.gz): README.txt" "$tmp/w/err" ||
	no "no stray-file warning: $(cat "$tmp/w/err")"
rm -f "$tmp/w/out.pdf"
"$bin" -q --strict -o "$tmp/w/out.pdf" --no-chart-files "$tmp/w/s.md" 2>"$tmp/w/err"
rc=$?
[ "$rc" = 65 ] || no "--strict: exit $rc"
[ ! -e "$tmp/w/out.pdf" ] || no "--strict: a PDF was written"

# an output that would overwrite a part of a folder is refused, nothing written
rm -f "$tmp/w/out.pdf"
"$bin" -q -o "$tmp/w/parts/part-0.csv" --no-chart-files "$tmp/w/s.md" 2>"$tmp/w/err"
rc=$?
[ "$rc" = 64 ] || no "-o onto a part: exit $rc"
grep -qx "briefing: error: -o $tmp/w/parts/part-0.csv would overwrite data file $tmp/w/parts/part-0.csv" "$tmp/w/err" ||
	no "-o onto a part: $(head -1 "$tmp/w/err")"
[ "$(cat "$tmp/w/parts/part-0.csv")" = "$(printf 'year,v\n2021,1')" ] || no "-o onto a part: the part changed"

# a large .csv.gz: worker threads (two CPUs) give the PDF of one thread (one CPU)
awk 'BEGIN { print "id,region,value"
	for (i = 0; i < 2500000; i++) printf "%d,r%d,%d.%02d\n", i, (i * 7) % 13, i % 997, i % 100 }' |
	gzip -1n >"$tmp/big.csv.gz"
cat >"$tmp/big.md" <<'EOF'
---
title: Big gzip
date: 2022-06-14
---
```values
[total]
data: big.csv.gz
value: value
format: %.2f
```
Total {{total}}.

```chart
type: bar
data: big.csv.gz
x: region
y: value
sort: label
title: By region
```
EOF
"$bin" -v -o "$tmp/big1.pdf" --no-chart-files "$tmp/big.md" 2>"$tmp/big.err" || no "the big gzip failed: $(cat "$tmp/big.err")"
grep -q "^briefing: read $tmp/big.csv.gz: $(size "$tmp/big.csv.gz") bytes, 2500000 rows, 2 queries in one pass" "$tmp/big.err" ||
	no "the big gzip is not read once: $(cat "$tmp/big.err")"
taskset -c 0 "$bin" -q -o "$tmp/big2.pdf" --no-chart-files "$tmp/big.md" || no "one CPU: the big gzip failed"
cmp -s "$tmp/big1.pdf" "$tmp/big2.pdf" || no "worker threads and one thread give other PDFs"
exit $fail
