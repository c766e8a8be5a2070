#!/bin/sh
# make bench: the performance figures of issue 6.  Not part of make test.
#   sh tests/bench/run.sh BRIEFING TOOLS_DIR      (from the repository root)
# TOOLS_DIR holds gen, floor and runner (built by the Makefile).  Generates
# tests/bench/trade-10m.csv once, times (1) the libcsv floor, (2) briefing on
# tests/bench/big.md (worker threads, and one CPU for reference), (3) the
# default briefing, (4) briefing on the same rows as a .csv.gz (issue 14:
# compressed once into tests/bench/trade-10m.csv.gz, git-ignored like the
# CSV), checks that (2) and (4) read their file once (the data pass, which
# also hashes it for the sources page) and that (2) prints progress only on
# a terminal, and writes tests/bench/RESULTS.md.  BENCH_RUNS sets the timed
# runs per figure (default 5, after one warm-up).
set -eu
bin=${1:-./briefing}
tools=${2:-build/bench}
runs=${BENCH_RUNS:-5}
csv=tests/bench/trade-10m.csv
big=tests/bench/big.md
out=tests/bench/RESULTS.md
BRIEFING_FONTS=${BRIEFING_FONTS:-$PWD/fonts}
export BRIEFING_FONTS
LC_ALL=C
export LC_ALL
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

if [ ! -f "$csv" ]; then
	echo "bench: generating $csv (10 million rows)"
	t0=$(date +%s)
	"$tools/gen" "$csv"
	echo "bench: generated in $(( $(date +%s) - t0 )) s"
fi
size=$(wc -c <"$csv")
in_size=$(cat input/*.csv | wc -c)
gz=tests/bench/trade-10m.csv.gz
if [ ! -f "$gz" ] || [ "$gz" -ot "$csv" ]; then
	echo "bench: compressing $csv into $gz (gzip -6, once)"
	t0=$(date +%s)
	gzip -6 -n -c "$csv" >"$gz.tmp" && mv "$gz.tmp" "$gz"
	echo "bench: compressed in $(( $(date +%s) - t0 )) s"
fi
gz_size=$(wc -c <"$gz")
mb() { awk -v b="$1" -v s="$2" 'BEGIN { printf "%.0f", b / s / 1e6 }'; }

# runner prints: median fastest peak-RSS-KiB bytes-read(rchar) run1 run2 ...
# (1), (2) and (2c) are timed in ROUNDS rounds (default 3) one after the
# other, so that each ratio compares runs made under the same load (other
# work on a shared machine comes and goes); a ratio is the median of the
# rounds' ratios, a time the median of all the runs.
rounds=${BENCH_ROUNDS:-3}
f_all="" b_all="" c_all="" r_all="" rc_all="" f_rss=0 b_rss=0 c_rss=0 b_rchar=-1
maxof() { [ "$1" -gt "$2" ] && echo "$1" || echo "$2"; }
i=0
while [ "$i" -lt "$rounds" ]; do
	i=$((i + 1))
	echo "bench: round $i of $rounds: (1) floor: libcsv alone, 64 KiB reads, no-op callbacks"
	set -- $("$tools/runner" "$runs" "$tools/floor" "$csv")
	f=$1 f_rss=$(maxof "$3" "$f_rss"); shift 4; f_all="$f_all $*"
	echo "bench: round $i of $rounds: (2) briefing $big"
	set -- $("$tools/runner" "$runs" "$bin" -q -o "$tmp/big.pdf" --charts "$tmp/charts" "$big")
	b=$1 b_rss=$(maxof "$3" "$b_rss") b_rchar=$(maxof "$4" "$b_rchar"); shift 4; b_all="$b_all $*"
	echo "bench: round $i of $rounds: (2c) briefing --check $big (read and aggregate only)"
	set -- $("$tools/runner" "$runs" "$bin" -q --check "$big")
	c=$1 c_rss=$(maxof "$3" "$c_rss"); shift 4; c_all="$c_all $*"
	r_all="$r_all $(awk -v a="$b" -v b="$f" 'BEGIN { printf "%.4f", a / b }')"
	rc_all="$rc_all $(awk -v a="$c" -v b="$f" 'BEGIN { printf "%.4f", a / b }')"
done
median() { printf '%s\n' $* | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
f_med=$(median $f_all) b_med=$(median $b_all) c_med=$(median $c_all)
ratio=$(awk -v r="$(median $r_all)" 'BEGIN { printf "%.2f", r }')
ratio_c=$(awk -v r="$(median $rc_all)" 'BEGIN { printf "%.2f", r }')
b1_med=- b1_rss=- c1_med=-
if command -v taskset >/dev/null 2>&1; then
	echo "bench: (2') the same on one CPU (taskset -c 0: one thread), and --check"
	set -- $("$tools/runner" "$runs" taskset -c 0 "$bin" -q -o "$tmp/big1.pdf" \
		 --charts "$tmp/charts1" "$big")
	b1_med=$1 b1_rss=$3
	cmp -s "$tmp/big.pdf" "$tmp/big1.pdf" && same=yes || same=NO
	set -- $("$tools/runner" "$runs" taskset -c 0 "$bin" -q --check "$big")
	c1_med=$1
else
	same="not checked (no taskset)"
fi
echo "bench: (3) the default briefing, input/briefing.md"
set -- $("$tools/runner" $((4 * runs + 1)) "$bin" -q -o "$tmp/def.pdf" --charts "$tmp/defcharts" \
	 input/briefing.md)
d_med=$1 d_rss=$3
set -- $("$tools/runner" $((4 * runs + 1)) "$bin" -q --no-chart-files -o "$tmp/def2.pdf" \
	 input/briefing.md)
dn_med=$1
pdf_size=$(wc -c <"$tmp/def.pdf")

# (4) the same rows as a .csv.gz: the reading thread inflates and hashes,
# the workers parse; (4f) gzip -dc alone, the inflate floor of that thread.
# The spec is big.md reading the .gz, from $tmp: --data-root allows it.
sed "s|^data: trade-10m.csv$|data: $PWD/$gz|" "$big" >"$tmp/big-gz.md"
echo "bench: (4) briefing on $gz ($gz_size bytes), then --check, then gzip -dc alone"
set -- $("$tools/runner" "$runs" "$bin" -q --data-root tests/bench -o "$tmp/gz.pdf" \
	 --charts "$tmp/gzcharts" "$tmp/big-gz.md")
g_med=$1 g_rss=$3
set -- $("$tools/runner" "$runs" "$bin" -q --data-root tests/bench --check "$tmp/big-gz.md")
gc_med=$1
set -- $("$tools/runner" "$runs" gzip -dc "$gz")
gf_med=$1
"$bin" -v --data-root tests/bench -o "$tmp/gzv.pdf" --charts "$tmp/gzvcharts" "$tmp/big-gz.md" \
	2>"$tmp/gzv.err"
gz_read=$(sed -n "s|^briefing: read $PWD/$gz: \([0-9]*\) bytes.*|\1|p" "$tmp/gzv.err")
[ "$gz_read" = "$gz_size" ] && gz_once=yes || gz_once="NO ($gz_read of $gz_size bytes)"
gz_sum=$(sha256sum "$gz" | cut -d' ' -f1)
pdftotext "$tmp/gz.pdf" - 2>/dev/null | grep -q "$gz_sum" && gz_digest=yes || gz_digest=NO
# the figures are (2)'s: the text before the sources page is the same
pdftotext "$tmp/big.pdf" - 2>/dev/null | sed '/^Sources$/,$d' >"$tmp/plain.txt"
pdftotext "$tmp/gz.pdf" - 2>/dev/null | sed '/^Sources$/,$d' >"$tmp/gz.txt"
cmp -s "$tmp/plain.txt" "$tmp/gz.txt" && gz_same=yes || gz_same=NO

# (2) must read the CSV once: the data layer counts the bytes of its pass (-v).
"$bin" -v -o "$tmp/v.pdf" --charts "$tmp/vcharts" "$big" 2>"$tmp/v.err"
read_bytes=$(sed -n "s|^briefing: read $csv: \([0-9]*\) bytes.*|\1|p" "$tmp/v.err")
[ "$read_bytes" = "$size" ] && once=yes || once="NO ($read_bytes of $size bytes)"
# ... and the whole process (rchar: every read(), fonts and spec included)
# reads less than the CSV's size plus 64 MiB.
if [ "$b_rchar" -lt 0 ]; then proc_once="not measured (no /proc/PID/io)"
elif [ "$b_rchar" -lt $((size + 67108864)) ]; then proc_once=yes
else proc_once="NO: $(awk -v a="$b_rchar" -v b="$size" 'BEGIN { printf "%.2f", a / b }') x the CSV"; fi
# The sources page lists the CSV's SHA-256, computed in the data pass on the
# bytes it read: it must be sha256sum's.
sum=$(sha256sum "$csv" | cut -d' ' -f1)
pdftotext "$tmp/big.pdf" - 2>/dev/null | grep -q "$sum" && digest=yes || digest=NO
# No progress line when stderr is not a terminal; one on a terminal (script(1)).
"$bin" -o "$tmp/p.pdf" --charts "$tmp/pcharts" "$big" 2>"$tmp/p.err"
[ -s "$tmp/p.err" ] && quiet="NO: $(head -c 200 "$tmp/p.err")" || quiet=yes
tty=-
if command -v script >/dev/null 2>&1; then
	script -qc "$bin -o $tmp/t.pdf --charts $tmp/tcharts $big" /dev/null >"$tmp/t.out" 2>&1 || true
	grep -q "reading $csv: .* MB/s" "$tmp/t.out" && tty=yes || tty=NO
fi

ratio1=$(awk -v a="$b1_med" -v b="$f_med" 'BEGIN { if (a == "-") print "-"; else printf "%.2f", a / b }')
verdict() { awk -v v="$1" -v t="$2" 'BEGIN { if (v == "-") print "-"; else print (v + 0 <= t + 0 ? "met" : "NOT met") }'; }
ms() { awk -v s="$1" 'BEGIN { printf "%.1f", s * 1000 }'; }
mib() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }
ncpu=$(nproc 2>/dev/null || echo "?")
cpu=$(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo 2>/dev/null | head -1)
load=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?")
commit=$(git rev-parse --short HEAD 2>/dev/null || echo "?")
dirty=$(git status --porcelain 2>/dev/null | grep -q . && echo " + local changes" || true)

cat >"$out" <<EOT
# make bench: results

$(date -u '+%Y-%m-%d %H:%M UTC'), nproc $ncpu ($cpu), commit $commit$dirty,
load average $load at the end (other work on the machine slows every figure).
Median of $runs runs after one warm-up ($((4 * runs + 1)) for the default briefing); (1), (2)
and (2c) in $rounds rounds of $runs runs each, a ratio being the median of the rounds' ratios
(per round: $(echo $r_all)); peak RSS is the largest of the runs. CSV: $csv, $size bytes, 10 000 000 rows.

| run | median | MB/s | peak RSS |
|---|---:|---:|---:|
| (1) floor: libcsv only, tests/bench/floor.c | $(ms "$f_med") ms | $(mb "$size" "$f_med") | $(mib "$f_rss") MiB |
| (2) briefing tests/bench/big.md | $(ms "$b_med") ms | $(mb "$size" "$b_med") | $(mib "$b_rss") MiB |
| (2c) the same with --check: read and aggregate only | $(ms "$c_med") ms | $(mb "$size" "$c_med") | $(mib "$c_rss") MiB |
| (2c') --check on one CPU | $( [ "$c1_med" = - ] && echo - || echo "$(ms "$c1_med") ms") | $( [ "$c1_med" = - ] && echo - || mb "$size" "$c1_med") | |
| (2') the same on one CPU (taskset -c 0) | $( [ "$b1_med" = - ] && echo - || echo "$(ms "$b1_med") ms") | $( [ "$b1_med" = - ] && echo - || mb "$size" "$b1_med") | $( [ "$b1_rss" = - ] && echo - || echo "$(mib "$b1_rss") MiB") |
| (3) default briefing, input/briefing.md | $(ms "$d_med") ms | ($in_size bytes of CSV) | $(mib "$d_rss") MiB |
| (3') the same, --no-chart-files | $(ms "$dn_med") ms | | |
| (4) briefing on the same rows as $gz ($gz_size bytes) | $(ms "$g_med") ms | $(mb "$size" "$g_med") of text | $(mib "$g_rss") MiB |
| (4c) the same with --check | $(ms "$gc_med") ms | $(mb "$size" "$gc_med") of text | |
| (4f) gzip -dc alone: the inflate floor of the reading thread | $(ms "$gf_med") ms | $(mb "$size" "$gf_med") of text | |

| target | figure | |
|---|---:|---|
| ratio (2) / (1) at most 1.5 (stretch 1.2) | $ratio | $(verdict "$ratio" 1.5) (stretch $(verdict "$ratio" 1.2)) |
| ratio (2') / (1), one thread | $ratio1 | $(verdict "$ratio1" 1.5) |
| peak RSS of (2) under 32 MiB | $(mib "$b_rss") MiB | $(verdict "$b_rss" 32767) |
| (3) median under 50 ms | $(ms "$d_med") ms | $(verdict "$d_med" 0.05) |
| ratio (2c) / (1): the data pass alone | $ratio_c | $(verdict "$ratio_c" 1.5) (stretch $(verdict "$ratio_c" 1.2)) |
| ratio (2c') / (1): the data pass alone, one thread | $(awk -v a="$c1_med" -v b="$f_med" 'BEGIN { if (a == "-") print "-"; else printf "%.2f", a / b }') | $(verdict "$(awk -v a="$c1_med" -v b="$f_med" 'BEGIN { if (a == "-") print "-"; else printf "%.2f", a / b }')" 1.5) |
| (2) reads the CSV once: bytes of the data pass (-v) | $read_bytes | $once |
| (2) reads the CSV once: bytes the process read (rchar) | $b_rchar | $proc_once |
| (2) the sources page's SHA-256 of the CSV is sha256sum's | | $digest |
| no progress output when stderr is not a terminal | | $quiet |
| progress line on a terminal (script(1)) | | $tty |
| (2) and (2') give the same PDF | | $same |
| (4) reads the .csv.gz once: bytes of the data pass (-v) | $gz_read | $gz_once |
| (4) the sources page's SHA-256 is the compressed file's (sha256sum) | | $gz_digest |
| (4) gives (2)'s figures (the text before the sources page) | | $gz_same |
| ratio (4c) / (4f): parsing on top of inflating | $(awk -v a="$gc_med" -v b="$gf_med" 'BEGIN { printf "%.2f", a / b }') | |

The default briefing PDF is $pdf_size bytes. Run with \`make bench\`.
EOT
cat "$out"
