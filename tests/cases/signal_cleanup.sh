#!/bin/sh
# SIGTERM, SIGINT and SIGHUP while the output files are being written remove
# every temporary, leave the earlier PDF and charts byte-identical, and end
# the process by that signal (exit status 128 + N).  The charts are painted
# at 600 dpi so the run spends long enough with its temporaries on disk.
set -u
bin=$1 tmp=$2
spec=tests/regress/charts.md
fail=0
mkdir -p "$tmp/out"
"$bin" -q --dpi 100 -o "$tmp/out/c.pdf" --charts "$tmp/out/charts" "$spec" || { echo "good run failed"; exit 1; }
cp -r "$tmp/out" "$tmp/ref"

# has_temp: a ".NAME.XXXXXX" temporary exists in the output folders
has_temp() {
	ls -A "$tmp/out" "$tmp/out/charts" 2>/dev/null | grep -q '^\.'
}

# interrupt SIG N: start a run, wait until it has a temporary, send SIG.
# A background job of a non-interactive shell ignores SIGINT; env
# --default-signal gives the run the default dispositions back.
interrupt() {
	for attempt in 1 2 3; do
		env --default-signal=INT,TERM,HUP "$bin" -q --dpi 600 -o "$tmp/out/c.pdf" \
			--charts "$tmp/out/charts" "$spec" 2>"$tmp/err" &
		pid=$!
		i=0
		while ! has_temp && kill -0 "$pid" 2>/dev/null && [ $i -lt 2000 ]; do
			sleep 0.005; i=$((i + 1))
		done
		if has_temp; then
			kill -s "$1" "$pid"
			wait "$pid"
			rc=$?
			[ "$rc" = $((128 + $2)) ] || { echo "$1: exit $rc, expected $((128 + $2))"; cat "$tmp/err"; fail=1; }
			if has_temp; then echo "$1: temporary left: $(ls -A "$tmp/out" "$tmp/out/charts")"; fail=1; fi
			diff -r "$tmp/ref" "$tmp/out" >/dev/null || { echo "$1: earlier files changed"; fail=1; }
			return
		fi
		wait "$pid"
		# the run ended before we saw its temporary: restore and try again
		rm -rf "$tmp/out" && cp -r "$tmp/ref" "$tmp/out"
	done
	echo "$1: never caught the run while it was writing"; fail=1
}

interrupt TERM 15
interrupt INT 2
interrupt HUP 1
exit $fail
