#!/bin/sh
# make bench: the performance figures of issues 6 and 17.  Not part of make test.
#   sh tests/bench/run.sh BRIEFING TOOLS_DIR      (from the repository root)
# TOOLS_DIR holds gen, floor and runner (built by the Makefile); the DuckDB
# peer's npm package is installed into TOOLS_DIR/node_modules here, by make
# bench only.  Generates tests/bench/trade-{1m,3m,10m}.csv once, then times
#   (1) the libcsv floor, (2) briefing on tests/bench/big.md, (2c) the same
#   with --check, DuckDB and pandas on the same aggregates (in rounds, so
#   that each ratio compares runs made under the same load);
#   (2') and (2c') on one CPU;
#   (3) the default briefing with and without chart files, and the ReportLab
#   peer (tests/bench/reportlab_peer.py) with and without chart files;
#   (4) scale: big.md at 1, 3 and 10 million rows, a 2,000- and a 20,000-row
#   table, 12 and 120 charts, with the growth ratios;
#   (5) briefing on the same rows as a .csv.gz (issue 14: compressed once
#   into tests/bench/trade-10m.csv.gz, git-ignored like the CSV), and gzip -dc
#   alone, the inflate floor of the reading thread;
# checks that (2) reads the CSV once and prints progress only on a terminal,
# and writes tests/bench/RESULTS.md.  BENCH_RUNS sets the timed runs per
# figure (default 5, after one warm-up), BENCH_ROUNDS the rounds (default 3).
set -eu
bin=${1:-./briefing}
tools=${2:-build/bench}
runs=${BENCH_RUNS:-5}
rounds=${BENCH_ROUNDS:-3}
dir=tests/bench
csv=$dir/trade-10m.csv
big=$dir/big.md
out=$dir/RESULTS.md
BRIEFING_FONTS=${BRIEFING_FONTS:-$PWD/fonts}
export BRIEFING_FONTS
LC_ALL=C
export LC_ALL
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
load_start=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?")

for n in 1 3 10; do
	if [ ! -f "$dir/trade-${n}m.csv" ]; then
		echo "bench: generating $dir/trade-${n}m.csv ($n million rows)"
		"$tools/gen" "$dir/trade-${n}m.csv" "${n}000000"
	fi
done
size=$(wc -c <"$csv")
in_size=$(cat input/*.csv | wc -c)
gz=$dir/trade-10m.csv.gz
if [ ! -f "$gz" ] || [ "$gz" -ot "$csv" ]; then
	echo "bench: compressing $csv into $gz (gzip -6, once)"
	gzip -6 -n -c "$csv" >"$gz.tmp" && mv "$gz.tmp" "$gz"
fi
gz_size=$(wc -c <"$gz")

# ---- helpers ----------------------------------------------------------------
# runner prints: wall-median wall-fastest peak-RSS-KiB rchar CPU-median run1 ...
median() { printf '%s\n' $* | sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print "-"; else print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
maxof() { [ "$1" -gt "$2" ] && echo "$1" || echo "$2"; }
# div A B: A / B to 4 places, or - when either is missing
div() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "-" || b == "-" || b == 0) print "-"; else printf "%.4f", a / b }'; }
# two places
r2() { awk -v v="$1" 'BEGIN { if (v == "-" || v == "") print "-"; else printf "%.2f", v }'; }
ms() { awk -v s="$1" 'BEGIN { if (s == "-") print "-"; else printf "%.1f ms", s * 1000 }'; }
sec() { awk -v s="$1" 'BEGIN { if (s == "-") print "-"; else printf "%.2f s", s }'; }
mib() { awk -v k="$1" 'BEGIN { if (k == "-") print "-"; else printf "%.1f MiB", k / 1024 }'; }
mbs() { awk -v b="$1" -v s="$2" 'BEGIN { if (s == "-") print "-"; else printf "%.0f", b / s / 1e6 }'; }
# verdict FIGURE LIMIT: met when FIGURE <= LIMIT; else by how much (FIGURE / LIMIT)
verdict() { awk -v v="$1" -v t="$2" 'BEGIN { if (v == "-" || v == "") print "not measured";
	else if (v + 0 <= t + 0) print "**met**"; else printf "**NOT met** (%.2f x the target)\n", v / t }'; }
# linear RATIO SIZE_RATIO: linear when the growth is within 25 % of the size's
linear() { awk -v g="$1" -v s="$2" 'BEGIN { if (g == "-") print "not measured";
	else if (g <= 1.25 * s) print "linear"; else printf "**NOT linear** (%.2f x the size ratio)\n", g / s }'; }
# time VAR RUNS CMD...: sets VAR_w (wall median), VAR_c (CPU median), VAR_m (peak RSS KiB),
# VAR_r (rchar); on failure all four are -
time_it() {
	_v=$1 _n=$2
	shift 2
	if _o=$("$tools/runner" "$_n" "$@" 2>"$tmp/runner.err"); then
		set -- $_o
		eval "${_v}_w=$1 ${_v}_m=$3 ${_v}_r=$4 ${_v}_c=$5"
	else
		echo "bench: $* failed: $(head -c 300 "$tmp/runner.err")"
		eval "${_v}_w=- ${_v}_m=- ${_v}_r=- ${_v}_c=-"
	fi
}

# ---- the peers: present or not, each says so --------------------------------
# DuckDB: the npm package, installed here (never by make test) when node and
# npm are present and the registry answers.
duckdb_pkg=@duckdb/node-api@1.5.6-r.1
duckdb="absent"
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
	duckdb="absent: no node or npm"
elif [ -d "$tools/node_modules/@duckdb/node-api" ] ||
     npm install --prefix "$tools" --no-save --no-audit --no-fund "$duckdb_pkg" \
	     >"$tmp/npm.log" 2>&1; then
	if node "$dir/duckdb.js" "$tools/node_modules" "$dir/trade-1m.csv" >"$tmp/duck.out" 2>&1; then
		duckdb="DuckDB $(node -e "process.stdout.write(require('$PWD/$tools/node_modules/@duckdb/node-api/package.json').version)") (node $(node --version))"
	else
		duckdb="absent: $(head -c 200 "$tmp/duck.out")"
	fi
else
	duckdb="absent: npm install $duckdb_pkg failed: $(tail -1 "$tmp/npm.log")"
fi
py=/usr/bin/python3
if "$py" -c 'import pandas' 2>/dev/null; then
	pandas="pandas $("$py" -c 'import pandas; print(pandas.__version__)') (Debian python3-pandas)"
else
	pandas="absent: no python3-pandas for $py"
fi
if "$py" -c 'import reportlab.graphics.renderPM, reportlab.graphics.renderSVG' 2>/dev/null; then
	reportlab="ReportLab $("$py" -c 'import reportlab; print(reportlab.Version)') (Debian python3-reportlab, python3-renderpm)"
else
	reportlab="absent: no python3-reportlab and python3-renderpm for $py"
fi
echo "bench: peers: $duckdb; $pandas; $reportlab"
case $duckdb in absent*) have_duck=no ;; *) have_duck=yes ;; esac
case $pandas in absent*) have_pd=no ;; *) have_pd=yes ;; esac
case $reportlab in absent*) have_rl=no ;; *) have_rl=yes ;; esac

# ---- (1), (2), (2c) and the peers, in rounds ---------------------------------
# A time is the median of all its runs, a ratio the median of the rounds' ratios.
f_w="" f_c="" b_w="" b_c="" c_w="" c_c="" d_w="" d_c="" p_w="" p_c=""
rb_w="" rb_c="" rc_w="" rc_c="" rd_w="" rd_c="" rp_w="" rp_c="" rdc_c="" rdc_w=""
f_rss=0 b_rss=0 c_rss=0 d_rss=0 p_rss=0 b_rchar=-1
i=0
while [ "$i" -lt "$rounds" ]; do
	i=$((i + 1))
	echo "bench: round $i of $rounds: (1) floor: libcsv alone, 64 KiB reads, no-op callbacks"
	time_it F "$runs" "$tools/floor" "$csv"
	echo "bench: round $i of $rounds: (2) briefing $big"
	time_it B "$runs" "$bin" -q -o "$tmp/big.pdf" --charts "$tmp/charts" "$big"
	echo "bench: round $i of $rounds: (2c) briefing --check $big (read and aggregate only)"
	time_it C "$runs" "$bin" -q --check "$big"
	f_w="$f_w $F_w" f_c="$f_c $F_c" b_w="$b_w $B_w" b_c="$b_c $B_c" c_w="$c_w $C_w" c_c="$c_c $C_c"
	f_rss=$(maxof "$F_m" "$f_rss") b_rss=$(maxof "$B_m" "$b_rss") c_rss=$(maxof "$C_m" "$c_rss")
	b_rchar=$(maxof "$B_r" "$b_rchar")
	rb_w="$rb_w $(div "$B_w" "$F_w")" rb_c="$rb_c $(div "$B_c" "$F_c")"
	rc_w="$rc_w $(div "$C_w" "$F_w")" rc_c="$rc_c $(div "$C_c" "$F_c")"
	if [ "$have_duck" = yes ]; then
		echo "bench: round $i of $rounds: DuckDB, the same aggregates in one scan, 2 threads"
		time_it D "$runs" node "$dir/duckdb.js" "$tools/node_modules" "$csv"
		if [ "$D_w" != - ]; then
			d_w="$d_w $D_w" d_c="$d_c $D_c" d_rss=$(maxof "$D_m" "$d_rss")
			rd_w="$rd_w $(div "$B_w" "$D_w")" rd_c="$rd_c $(div "$B_c" "$D_c")"
			rdc_c="$rdc_c $(div "$C_c" "$D_c")" rdc_w="$rdc_w $(div "$C_w" "$D_w")"
		fi
	fi
	if [ "$have_pd" = yes ]; then
		echo "bench: round $i of $rounds: pandas, the same aggregates"
		time_it P "$runs" "$py" "$dir/pandas_peer.py" "$csv"
		if [ "$P_w" != - ]; then
			p_w="$p_w $P_w" p_c="$p_c $P_c" p_rss=$(maxof "$P_m" "$p_rss")
			rp_w="$rp_w $(div "$B_w" "$P_w")" rp_c="$rp_c $(div "$B_c" "$P_c")"
		fi
	fi
done
for v in f_w f_c b_w b_c c_w c_c d_w d_c p_w p_c rb_w rb_c rc_w rc_c rd_w rd_c rdc_c rdc_w rp_w rp_c; do
	eval "m_$v=\$(median \$$v)"
done
[ "$have_duck" = yes ] && [ -n "$d_w" ] || { d_rss=-; }
[ "$have_pd" = yes ] && [ -n "$p_w" ] || { p_rss=-; }

# ---- (2') and (2c'): one CPU -------------------------------------------------
b1_w=- b1_c=- b1_m=- c1_w=- c1_c=- same="not checked (no taskset)"
if command -v taskset >/dev/null 2>&1; then
	echo "bench: (2') the same on one CPU (taskset -c 0: one thread), and --check"
	time_it B1 "$runs" taskset -c 0 "$bin" -q -o "$tmp/big1.pdf" --charts "$tmp/charts1" "$big"
	time_it C1 "$runs" taskset -c 0 "$bin" -q --check "$big"
	b1_w=$B1_w b1_c=$B1_c b1_m=$B1_m c1_w=$C1_w c1_c=$C1_c
	cmp -s "$tmp/big.pdf" "$tmp/big1.pdf" && same=yes || same=NO
fi

# ---- (3) the default briefing and the ReportLab peer, in rounds --------------
dn=$((2 * runs + 1))
e_w="" e_c="" n_w="" n_c="" l_w="" l_c="" k_w="" k_c="" re_w="" re_c="" rn_w="" rn_c=""
e_rss=0 l_rss=0
i=0
while [ "$i" -lt "$rounds" ]; do
	i=$((i + 1))
	echo "bench: round $i of $rounds: (3) the default briefing, input/briefing.md"
	time_it E "$dn" "$bin" -q -o "$tmp/def.pdf" --charts "$tmp/defcharts" input/briefing.md
	time_it N "$dn" "$bin" -q --no-chart-files -o "$tmp/def2.pdf" input/briefing.md
	e_w="$e_w $E_w" e_c="$e_c $E_c" n_w="$n_w $N_w" n_c="$n_c $N_c" e_rss=$(maxof "$E_m" "$e_rss")
	if [ "$have_rl" = yes ]; then
		echo "bench: round $i of $rounds: (3r) ReportLab: a similar briefing, with and without chart files"
		time_it L "$runs" "$py" "$dir/reportlab_peer.py" fonts input "$tmp/rl.pdf" "$tmp/rlcharts"
		time_it K "$runs" "$py" "$dir/reportlab_peer.py" fonts input "$tmp/rl2.pdf"
		if [ "$L_w" != - ] && [ "$K_w" != - ]; then
			l_w="$l_w $L_w" l_c="$l_c $L_c" k_w="$k_w $K_w" k_c="$k_c $K_c"
			l_rss=$(maxof "$L_m" "$l_rss")
			re_w="$re_w $(div "$E_w" "$L_w")" re_c="$re_c $(div "$E_c" "$L_c")"
			rn_w="$rn_w $(div "$N_w" "$K_w")" rn_c="$rn_c $(div "$N_c" "$K_c")"
		fi
	fi
done
for v in e_w e_c n_w n_c l_w l_c k_w k_c re_w re_c rn_w rn_c; do
	eval "m_$v=\$(median \$$v)"
done
[ -n "$l_w" ] || l_rss=-
pdf_size=$(wc -c <"$tmp/def.pdf")
png_size=$(cat "$tmp"/defcharts/*.png | wc -c)
svg_size=$(cat "$tmp"/defcharts/*.svg | wc -c)
nsvg=$(ls "$tmp"/defcharts/*.svg | wc -l)
rl_pages=- rl_png=- rl_svg=-
if [ -f "$tmp/rl.pdf" ]; then
	rl_pages=$(pdfinfo "$tmp/rl.pdf" 2>/dev/null | sed -n 's/^Pages: *//p')
	rl_png=$(cat "$tmp"/rlcharts/*.png | wc -c)
	rl_svg=$(cat "$tmp"/rlcharts/*.svg | wc -c)
fi
def_pages=$(pdfinfo "$tmp/def.pdf" 2>/dev/null | sed -n 's/^Pages: *//p')

# ---- (4) scale ---------------------------------------------------------------
# 10 M again here, so that the three sizes are timed one after the other
# under the same load (the rounds above may have run under another).
echo "bench: (4) scale: big.md at 1, 3 and 10 million rows"
root=$(cd "$dir" && pwd)
for n in 1 3 10; do
	sed "s|trade-10m\.csv|$root/trade-${n}m.csv|g" "$big" >"$tmp/big-${n}m.md"
	time_it S "$runs" "$bin" -q --data-root "$root" -o "$tmp/s.pdf" --charts "$tmp/scharts" \
		"$tmp/big-${n}m.md"
	eval "s${n}_w=\$S_w s${n}_c=\$S_c s${n}_m=\$S_m"
	time_it S "$runs" "$bin" -q --data-root "$root" --check "$tmp/big-${n}m.md"
	eval "t${n}_w=\$S_w t${n}_c=\$S_c t${n}_m=\$S_m"
done
size1=$(wc -c <"$dir/trade-1m.csv") size3=$(wc -c <"$dir/trade-3m.csv")

# table ROWS: a spec with one table of ROWS rows of 8 columns, from gen's CSV
table_spec() {
	"$tools/gen" "$tmp/rows-$1.csv" "$1"
	cat >"$tmp/table-$1.md" <<MD
---
title: Customs lines
---
# Customs lines

\`\`\`table
data: rows-$1.csv
columns: year, month, flow, hs_code, commodity, partner, value_usd, net_kg
max-rows: $1
caption: Every customs line
\`\`\`
MD
}
# charts N: a spec with N charts (bar, hbar, line, pie in turn) over a 2,000-row CSV
charts_spec() {
	[ -f "$tmp/rows-2000.csv" ] || "$tools/gen" "$tmp/rows-2000.csv" 2000
	{
		printf -- '---\ntitle: Many charts\n---\n# Many charts\n\n'
		awk -v n="$1" 'BEGIN {
			split("bar hbar line pie", type, " ")
			split("year month partner flow", x, " ")
			for (i = 0; i < n; i++) {
				t = type[i % 4 + 1]
				printf "```chart\ntype: %s\nname: c%d\ndata: rows-2000.csv\nx: %s\n", t, i,
					t == "line" ? "year" : t == "pie" ? "flow" : x[i % 3 + 1]
				printf "y: value_usd\nagg: sum\n"
				if (t == "hbar") printf "sort: -value\ntop: 10\n"
				printf "title: Chart %d of %d\nunit: USD\nsource: make bench (synthetic)\n```\n\n", i + 1, n
			}
		}'
	} >"$tmp/charts-$1.md"
}
echo "bench: (4) scale: a 2,000- and a 20,000-row table"
for n in 2000 20000; do
	table_spec "$n"
	time_it S "$runs" "$bin" -q -o "$tmp/table.pdf" "$tmp/table-$n.md"
	eval "tb${n}_w=\$S_w tb${n}_c=\$S_c tb${n}_m=\$S_m"
done
tb_pages=$(pdfinfo "$tmp/table.pdf" 2>/dev/null | sed -n 's/^Pages: *//p')
echo "bench: (4) scale: 12 and 120 charts, with chart files"
for n in 12 120; do
	charts_spec "$n"
	time_it S "$runs" "$bin" -q -o "$tmp/ch.pdf" --charts "$tmp/chcharts" "$tmp/charts-$n.md"
	eval "ch${n}_w=\$S_w ch${n}_c=\$S_c ch${n}_m=\$S_m"
	time_it S "$runs" "$bin" -q --no-chart-files -o "$tmp/ch.pdf" "$tmp/charts-$n.md"
	eval "cn${n}_w=\$S_w cn${n}_c=\$S_c cn${n}_m=\$S_m"
done
ch_pages=$(pdfinfo "$tmp/ch.pdf" 2>/dev/null | sed -n 's/^Pages: *//p')

# ---- (5) the same rows as a .csv.gz ------------------------------------------
# The reading thread inflates and hashes, the workers parse; gzip -dc alone is
# the inflate floor of that thread.  The spec is big.md reading the .gz.
echo "bench: (5) briefing on $gz ($gz_size bytes), then --check, then gzip -dc alone"
sed "s|^data: trade-10m.csv$|data: $root/trade-10m.csv.gz|" "$big" >"$tmp/big-gz.md"
time_it G "$runs" "$bin" -q --data-root "$root" -o "$tmp/gz.pdf" --charts "$tmp/gzcharts" \
	"$tmp/big-gz.md"
time_it GC "$runs" "$bin" -q --data-root "$root" --check "$tmp/big-gz.md"
time_it GF "$runs" gzip -dc "$gz"
gz_read=- gz_once="not measured (the run failed)" gz_digest=- gz_same=-
if [ "$G_w" != - ]; then
	"$bin" -v --data-root "$root" -o "$tmp/gzv.pdf" --charts "$tmp/gzvcharts" "$tmp/big-gz.md" \
		2>"$tmp/gzv.err"
	gz_read=$(sed -n "s|^briefing: read $root/trade-10m.csv.gz: \([0-9]*\) bytes.*|\1|p" "$tmp/gzv.err")
	[ "$gz_read" = "$gz_size" ] && gz_once=yes || gz_once="NO ($gz_read of $gz_size bytes)"
	gz_sum=$(sha256sum "$gz" | cut -d' ' -f1)
	pdftotext "$tmp/gz.pdf" - 2>/dev/null | grep -q "$gz_sum" && gz_digest=yes || gz_digest=NO
	# the figures are (2)'s: the text before the sources page is the same
	pdftotext "$tmp/big.pdf" - 2>/dev/null | sed '/^Sources$/,$d' >"$tmp/plain.txt"
	pdftotext "$tmp/gz.pdf" - 2>/dev/null | sed '/^Sources$/,$d' >"$tmp/gz.txt"
	cmp -s "$tmp/plain.txt" "$tmp/gz.txt" && gz_same=yes || gz_same=NO
fi

# ---- checks ------------------------------------------------------------------
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

# ---- RESULTS.md --------------------------------------------------------------
ncpu=$(nproc 2>/dev/null || echo "?")
cpu=$(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo 2>/dev/null | head -1)
mem=$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo 2>/dev/null)
load=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?")
commit=$(git rev-parse --short HEAD 2>/dev/null || echo "?")
dirty=$(git status --porcelain 2>/dev/null | grep -q . && echo " + local changes" || true)
# ratios of the one-CPU runs to the floor's medians
r1_w=$(div "$b1_w" "$m_f_w") r1_c=$(div "$b1_c" "$m_f_c")
r1c_w=$(div "$c1_w" "$m_f_w") r1c_c=$(div "$c1_c" "$m_f_c")
# growth ratios
g_s3_c=$(div "$s3_c" "$s1_c") g_s10_c=$(div "$s10_c" "$s3_c")
g_s3_w=$(div "$s3_w" "$s1_w") g_s10_w=$(div "$s10_w" "$s3_w")
g_t3_c=$(div "$t3_c" "$t1_c") g_t10_c=$(div "$t10_c" "$t3_c")
g_s3_m=$(div "$s3_m" "$s1_m") g_s10_m=$(div "$s10_m" "$s3_m")
z3=$(div "$size3" "$size1") z10=$(div "$size" "$size3")
g_tb_c=$(div "$tb20000_c" "$tb2000_c") g_tb_w=$(div "$tb20000_w" "$tb2000_w") g_tb_m=$(div "$tb20000_m" "$tb2000_m")
g_ch_c=$(div "$ch120_c" "$ch12_c") g_ch_w=$(div "$ch120_w" "$ch12_w") g_ch_m=$(div "$ch120_m" "$ch12_m")
g_cn_c=$(div "$cn120_c" "$cn12_c")
util() { awk -v c="$1" -v w="$2" 'BEGIN { if (c == "-" || w == "-" || w == 0) print "-"; else printf "%.2f", c / w }'; }

cat >"$out" <<EOT
# make bench: results

$(date -u '+%Y-%m-%d %H:%M UTC'), nproc $ncpu ($cpu, $mem), commit $commit$dirty.
Load average $load_start at the start and $load at the end: other work on the
machine slows every wall time, so **CPU seconds** (user + system of the process and
all its threads, from \`wait4\`) are the stable figure; wall times are quoted beside them.
Every time is a median of $runs runs after one warm-up ($dn for the default briefing);
(1), (2), (2c) and the peers run in $rounds rounds one after the other, and a ratio is
the median of the rounds' ratios. Peak RSS is the largest of the runs.
CSV: $csv, $size bytes, 10 000 000 rows (\`gen.c\`).
Peers: $duckdb; $pandas; $reportlab.

## The data pass: 10 million rows, tests/bench/big.md

| run | CPU | wall | CPU / wall | MB/s (wall) | peak RSS |
|---|---:|---:|---:|---:|---:|
| (1) floor: libcsv only, tests/bench/floor.c | $(ms "$m_f_c") | $(ms "$m_f_w") | $(util "$m_f_c" "$m_f_w") | $(mbs "$size" "$m_f_w") | $(mib "$f_rss") |
| (2) briefing tests/bench/big.md | $(ms "$m_b_c") | $(ms "$m_b_w") | $(util "$m_b_c" "$m_b_w") | $(mbs "$size" "$m_b_w") | $(mib "$b_rss") |
| (2c) the same with --check: read and aggregate only | $(ms "$m_c_c") | $(ms "$m_c_w") | $(util "$m_c_c" "$m_c_w") | $(mbs "$size" "$m_c_w") | $(mib "$c_rss") |
| (2') (2) on one CPU (taskset -c 0) | $(ms "$b1_c") | $(ms "$b1_w") | $(util "$b1_c" "$b1_w") | $(mbs "$size" "$b1_w") | $(mib "$b1_m") |
| (2c') (2c) on one CPU | $(ms "$c1_c") | $(ms "$c1_w") | $(util "$c1_c" "$c1_w") | $(mbs "$size" "$c1_w") | |
| (D) DuckDB, GROUPING SETS in one scan, 2 threads (tests/bench/duckdb.js) | $(ms "$m_d_c") | $(ms "$m_d_w") | $(util "$m_d_c" "$m_d_w") | $(mbs "$size" "$m_d_w") | $(mib "$d_rss") |
| (P) pandas, read_csv and groupby (tests/bench/pandas_peer.py) | $(ms "$m_p_c") | $(ms "$m_p_w") | $(util "$m_p_c" "$m_p_w") | $(mbs "$size" "$m_p_w") | $(mib "$p_rss") |

Per-round ratios, (2) / (1): CPU $(echo $rb_c), wall $(echo $rb_w); (2) / DuckDB: CPU $(echo $rd_c), wall $(echo $rd_w).

| goal (issue 17) | CPU ratio | wall ratio | verdict (on CPU) |
|---|---:|---:|---|
| 1. (2) / (1) at most 1.0 (stretch 0.5) | $(r2 "$m_rb_c") | $(r2 "$m_rb_w") | $(verdict "$m_rb_c" 1.0) (stretch $(verdict "$m_rb_c" 0.5)) |
| 1. (2c) / (1), the data pass alone | $(r2 "$m_rc_c") | $(r2 "$m_rc_w") | $(verdict "$m_rc_c" 1.0) |
| 1. (2) / DuckDB at most 0.5 | $(r2 "$m_rd_c") | $(r2 "$m_rd_w") | $(verdict "$m_rd_c" 0.5) |
| 1. (2c) / DuckDB | $(r2 "$m_rdc_c") | $(r2 "$m_rdc_w") | |
| 1. peak RSS of (2) at most 32 MiB | $(mib "$b_rss") | | $(verdict "$b_rss" 32768) |
| 2. (2') one CPU / (1) at most 1.2 | $(r2 "$r1_c") | $(r2 "$r1_w") | $(verdict "$r1_c" 1.2) |
| 2. (2c') one CPU / (1) | $(r2 "$r1c_c") | $(r2 "$r1c_w") | |
| 5. (2) / pandas | $(r2 "$m_rp_c") | $(r2 "$m_rp_w") | |

## The default briefing against ReportLab

| run | CPU | wall | peak RSS | output |
|---|---:|---:|---:|---|
| (3) briefing input/briefing.md, with chart files | $(ms "$m_e_c") | $(ms "$m_e_w") | $(mib "$e_rss") | $def_pages pages, $pdf_size bytes; $nsvg charts: PNGs $png_size bytes, SVGs $svg_size bytes |
| (3') the same, --no-chart-files | $(ms "$m_n_c") | $(ms "$m_n_w") | | |
| (3r) ReportLab peer (tests/bench/reportlab_peer.py), with chart files | $(ms "$m_l_c") | $(ms "$m_l_w") | $(mib "$l_rss") | $rl_pages pages; PNGs $rl_png bytes, SVGs $rl_svg bytes |
| (3r') the ReportLab peer, PDF only | $(ms "$m_k_c") | $(ms "$m_k_w") | | |

| goal (issue 17) | CPU ratio | wall ratio | verdict (on wall, as the goal says) |
|---|---:|---:|---|
| 3. (3) / (3r), chart files included, at most 0.1 | $(r2 "$m_re_c") | $(r2 "$m_re_w") | $(verdict "$m_re_w" 0.1) (on CPU: $(verdict "$m_re_c" 0.1)) |
| 3. (3') / (3r'), PDF only | $(r2 "$m_rn_c") | $(r2 "$m_rn_w") | $(verdict "$m_rn_w" 0.1) |

## Scale (goal 4): time and peak memory as the input grows

| run | CPU | wall | peak RSS |
|---|---:|---:|---:|
| big.md, 1 M rows ($size1 bytes) | $(ms "$s1_c") | $(ms "$s1_w") | $(mib "$s1_m") |
| big.md, 3 M rows ($size3 bytes) | $(ms "$s3_c") | $(ms "$s3_w") | $(mib "$s3_m") |
| big.md, 10 M rows ($size bytes) | $(ms "$s10_c") | $(ms "$s10_w") | $(mib "$s10_m") |
| big.md --check, 1 M rows | $(ms "$t1_c") | $(ms "$t1_w") | $(mib "$t1_m") |
| big.md --check, 3 M rows | $(ms "$t3_c") | $(ms "$t3_w") | $(mib "$t3_m") |
| big.md --check, 10 M rows | $(ms "$t10_c") | $(ms "$t10_w") | $(mib "$t10_m") |
| a table of 2,000 rows, 8 columns | $(ms "$tb2000_c") | $(ms "$tb2000_w") | $(mib "$tb2000_m") |
| a table of 20,000 rows, 8 columns ($tb_pages pages) | $(ms "$tb20000_c") | $(ms "$tb20000_w") | $(mib "$tb20000_m") |
| 12 charts, with chart files | $(ms "$ch12_c") | $(ms "$ch12_w") | $(mib "$ch12_m") |
| 120 charts, with chart files ($ch_pages pages) | $(ms "$ch120_c") | $(ms "$ch120_w") | $(mib "$ch120_m") |
| 12 charts, --no-chart-files | $(ms "$cn12_c") | $(ms "$cn12_w") | $(mib "$cn12_m") |
| 120 charts, --no-chart-files | $(ms "$cn120_c") | $(ms "$cn120_w") | $(mib "$cn120_m") |

| growth | size ratio | CPU ratio | wall ratio | RSS ratio | |
|---|---:|---:|---:|---:|---|
| big.md, 1 M to 3 M rows | $(r2 "$z3") | $(r2 "$g_s3_c") | $(r2 "$g_s3_w") | $(r2 "$g_s3_m") | $(linear "$g_s3_c" "$z3") |
| big.md, 3 M to 10 M rows | $(r2 "$z10") | $(r2 "$g_s10_c") | $(r2 "$g_s10_w") | $(r2 "$g_s10_m") | $(linear "$g_s10_c" "$z10") |
| big.md --check, 1 M to 3 M rows | $(r2 "$z3") | $(r2 "$g_t3_c") | | | $(linear "$g_t3_c" "$z3") |
| big.md --check, 3 M to 10 M rows | $(r2 "$z10") | $(r2 "$g_t10_c") | | | $(linear "$g_t10_c" "$z10") |
| a table, 2,000 to 20,000 rows | 10.00 | $(r2 "$g_tb_c") | $(r2 "$g_tb_w") | $(r2 "$g_tb_m") | $(linear "$g_tb_c" 10) |
| charts with files, 12 to 120 | 10.00 | $(r2 "$g_ch_c") | $(r2 "$g_ch_w") | $(r2 "$g_ch_m") | $(linear "$g_ch_c" 10) |
| charts without files, 12 to 120 | 10.00 | $(r2 "$g_cn_c") | | | $(linear "$g_cn_c" 10) |

A run's fixed cost (start-up, fonts, the PDF's fixed parts) makes small inputs' growth
ratios fall below the size ratio; "linear" means at most 1.25 times the size ratio.

## The same rows compressed (issue 14)

| run | CPU | wall | MB/s of text (wall) | peak RSS |
|---|---:|---:|---:|---:|
| (5) briefing big.md on $gz ($gz_size bytes) | $(ms "$G_c") | $(ms "$G_w") | $(mbs "$size" "$G_w") | $(mib "$G_m") |
| (5c) the same with --check | $(ms "$GC_c") | $(ms "$GC_w") | $(mbs "$size" "$GC_w") | |
| (5f) gzip -dc alone: the inflate floor of the reading thread | $(ms "$GF_c") | $(ms "$GF_w") | $(mbs "$size" "$GF_w") | |

Ratio (5c) / (5f), parsing on top of inflating: CPU $(r2 "$(div "$GC_c" "$GF_c")"), wall $(r2 "$(div "$GC_w" "$GF_w")").

## Checks

| check | |
|---|---|
| (2) reads the CSV once: bytes of the data pass (-v): $read_bytes | $once |
| (2) reads the CSV once: bytes the process read (rchar): $b_rchar | $proc_once |
| (2) the sources page's SHA-256 of the CSV is sha256sum's | $digest |
| no progress output when stderr is not a terminal | $quiet |
| progress line on a terminal (script(1)) | $tty |
| (2) and (2') give the same PDF | $same |
| (5) reads the .csv.gz once: bytes of the data pass (-v): $gz_read | $gz_once |
| (5) the sources page's SHA-256 is the compressed file's (sha256sum) | $gz_digest |
| (5) gives (2)'s figures (the text before the sources page) | $gz_same |

Run with \`make bench\` (tests/bench/run.sh).
EOT
cat "$out"
