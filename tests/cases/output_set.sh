#!/bin/sh
# The output set is all or nothing, and a killed run's temporaries do not
# pile up:
#  1. a run whose PDF cannot be created (-o out/b.pdf/: a folder's name)
#     fails (73) before renaming anything: the earlier chart files beside
#     the earlier PDF are the same files (inodes) with the same bytes;
#  2. stale ".NAME.XXXXXX" temporaries of the run's own targets, older than
#     the run, are removed by the next run (-v says how many); other hidden
#     files, even of the same shape for another target, stay;
#  3. after a SIGKILL mid-run, the next run leaves no temporary behind;
#  4. a run never takes a running run's temporaries for stale, however old
#     they look (each holds a lock on the folders it writes into).
set -u
bin=$1 tmp=$2
spec=input/briefing.md
fail=0

# inodes DIR: "inode name" of every file in DIR and DIR/charts
inodes() { ls -iA "$1" "$1/charts" | sort; }
# temps DIR: the hidden entries in DIR and DIR/charts
temps() { ls -A "$1" "$1/charts" 2>/dev/null | grep '^\.'; }

# --- 1. nothing renamed when one target fails
mkdir -p "$tmp/out"
"$bin" -q -o "$tmp/out/b.pdf" "$spec" || { echo "good run failed"; exit 1; }
cp -rp "$tmp/out" "$tmp/ref"
inodes "$tmp/out" >"$tmp/inodes.before"
# another --dpi: had the chart files been renamed, their bytes would differ
"$bin" -q --dpi 100 -o "$tmp/out/b.pdf/" "$spec" 2>"$tmp/err"
rc=$?
want="$tmp/out/b.pdf/: error: cannot create output: Not a directory"
[ "$rc" = 73 ] && [ "$(head -1 "$tmp/err")" = "$want" ] ||
	{ echo "1: exit $rc: $(head -1 "$tmp/err")"; fail=1; }
diff -r "$tmp/ref" "$tmp/out" >/dev/null || { echo "1: earlier files changed"; fail=1; }
inodes "$tmp/out" | cmp -s - "$tmp/inodes.before" || { echo "1: files were replaced"; fail=1; }
[ -z "$(temps "$tmp/out")" ] || { echo "1: left $(temps "$tmp/out")"; fail=1; }

# --- 2. stale temporaries of this run's targets go, nothing else
old='2000-01-01 00:00'
for f in .b.pdf.AbC123 .b.pdf.q1W2e3 charts/.trade-direction.png.Zz9Zz9; do
	echo stale >"$tmp/out/$f"; touch -d "$old" "$tmp/out/$f"
done
keep=".b.pdf.AbC12 .b.pdf.AbC1234 .b.pdf.AbC-12 .other.pdf.AbC123 .notes charts/.x.png.AbC123"
for f in $keep; do echo keep >"$tmp/out/$f"; touch -d "$old" "$tmp/out/$f"; done
mkdir "$tmp/out/.b.pdf.Folder"
touch -d "$old" "$tmp/out/.b.pdf.Folder"
"$bin" -v -o "$tmp/out/b.pdf" "$spec" 2>"$tmp/err" || { echo "2: run failed"; cat "$tmp/err"; fail=1; }
grep -qx "briefing: removed 3 temporaries a killed run left behind" "$tmp/err" ||
	{ echo "2: -v did not say 3 were removed:"; cat "$tmp/err"; fail=1; }
for f in .b.pdf.AbC123 .b.pdf.q1W2e3 charts/.trade-direction.png.Zz9Zz9; do
	[ -e "$tmp/out/$f" ] && { echo "2: stale $f left"; fail=1; }
done
for f in $keep .b.pdf.Folder; do
	[ -e "$tmp/out/$f" ] || { echo "2: $f removed"; fail=1; }
done
for f in $keep; do rm "$tmp/out/$f"; done
rmdir "$tmp/out/.b.pdf.Folder"

# --- 3. SIGKILL while the temporaries exist, then a run: none left.  The
#     charts at 600 dpi, so the run spends a while with temporaries on disk.
slow=tests/regress/charts.md
killed=0
for attempt in 1 2 3; do
	"$bin" -q --dpi 600 -o "$tmp/out/c.pdf" "$slow" 2>/dev/null &
	pid=$!
	i=0
	while [ -z "$(temps "$tmp/out")" ] && kill -0 "$pid" 2>/dev/null && [ $i -lt 2000 ]; do
		sleep 0.005; i=$((i + 1))
	done
	if [ -n "$(temps "$tmp/out")" ]; then
		kill -KILL "$pid"; wait "$pid"; killed=1; break
	fi
	wait "$pid"
done
if [ "$killed" = 1 ]; then
	[ -n "$(temps "$tmp/out")" ] || { echo "3: SIGKILL left no temporary to clean"; fail=1; }
	sleep 0.1 # the next run starts later than the killed run's files
	"$bin" -q --dpi 100 -o "$tmp/out/c.pdf" "$slow" || { echo "3: run after SIGKILL failed"; fail=1; }
	[ -z "$(temps "$tmp/out")" ] || { echo "3: left after SIGKILL: $(temps "$tmp/out")"; fail=1; }
else
	echo "3: never caught the run with its temporaries"; fail=1
fi

# --- 4. a running run's temporaries, made to look old, are not stale to
#     another run writing the same PDF at the same time: both succeed.
#     1100 dpi: slow, yet under the PNG limit with the files' 12 pt margin
#     (at 1200 dpi the widest chart would be 40.6 megapixels).
for attempt in 1 2 3; do
	"$bin" -q --dpi 1100 -o "$tmp/out/c.pdf" "$slow" 2>"$tmp/errA" &
	pid=$!
	i=0
	while ! ls -A "$tmp/out" | grep -q '^\.c\.pdf\.' && kill -0 "$pid" 2>/dev/null && [ $i -lt 4000 ]; do
		sleep 0.005; i=$((i + 1))
	done
	if ls -A "$tmp/out" | grep -q '^\.c\.pdf\.'; then
		for f in "$tmp"/out/.c.pdf.*; do touch -d "$old" "$f"; done
		"$bin" -q --no-chart-files -o "$tmp/out/c.pdf" "$slow" 2>"$tmp/errB" ||
			{ echo "4: the second run failed: $(cat "$tmp/errB")"; fail=1; }
		wait "$pid" || { echo "4: the first run failed: $(cat "$tmp/errA")"; fail=1; }
		qpdf --check "$tmp/out/c.pdf" >/dev/null || { echo "4: bad PDF"; fail=1; }
		break
	fi
	wait "$pid"
	[ "$attempt" = 3 ] && { echo "4: never caught the first run writing"; fail=1; }
done
[ -z "$(temps "$tmp/out")" ] || { echo "4: left $(temps "$tmp/out")"; fail=1; }
exit $fail
