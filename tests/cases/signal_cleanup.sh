#!/bin/sh
# SIGTERM, SIGINT and SIGHUP while the output files are being written remove
# every temporary, leave the earlier PDF and charts byte-identical, and end
# the process by that signal (exit status 128 + N).
#
# No race with the run: tests/tools/failwrite.so (LD_PRELOAD, from
# BRIEFING_TEST_TOOLS) stalls write() for good once half the bytes the run
# writes are out, so the run is certainly in the middle of writing, with
# its temporaries on disk, when the signal comes.
set -u
bin=$1 tmp=$2
spec=tests/regress/charts.md
shim=${BRIEFING_TEST_TOOLS:-build/tools}/failwrite.so
fail=0
[ -f "$shim" ] || { echo "signal_cleanup: no $shim (make test-tools builds it)"; exit 1; }
mkdir -p "$tmp/out"
"$bin" -q --dpi 100 -o "$tmp/out/c.pdf" --charts "$tmp/out/charts" "$spec" || { echo "good run failed"; exit 1; }
cp -r "$tmp/out" "$tmp/ref"
total=$(cat "$tmp/ref/c.pdf" "$tmp/ref/charts"/* | wc -c)

# temps: the ".NAME.XXXXXX" temporaries in the output folders
temps() {
	ls -A "$tmp/out" "$tmp/out/charts" 2>/dev/null | grep '^\.'
}

# interrupt SIG N: start a run that stalls half-way through its writes,
# wait (up to a minute) until it has a temporary, send SIG.  A background
# job of a non-interactive shell ignores SIGINT; env --default-signal gives
# the run the default dispositions back.
interrupt() {
	LD_PRELOAD=$shim FAILWRITE_AFTER=$((total / 2)) FAILWRITE_STALL=1 \
	ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0 \
		env --default-signal=INT,TERM,HUP "$bin" -q --dpi 100 -o "$tmp/out/c.pdf" \
		--charts "$tmp/out/charts" "$spec" 2>"$tmp/err" &
	pid=$!
	i=0
	while [ -z "$(temps)" ] && kill -0 "$pid" 2>/dev/null && [ $i -lt 600 ]; do
		sleep 0.1; i=$((i + 1))
	done
	if [ -z "$(temps)" ]; then
		echo "$1: the run never had a temporary on disk ($(kill -0 "$pid" 2>/dev/null &&
			echo still running || echo it ended))"
		kill -9 "$pid" 2>/dev/null
		wait "$pid"
		fail=1
		return
	fi
	kill -s "$1" "$pid"
	wait "$pid"
	rc=$?
	[ "$rc" = $((128 + $2)) ] || { echo "$1: exit $rc, expected $((128 + $2))"; cat "$tmp/err"; fail=1; }
	if [ -n "$(temps)" ]; then echo "$1: temporary left: $(temps)"; fail=1; fi
	diff -r "$tmp/ref" "$tmp/out" >/dev/null || { echo "$1: earlier files changed"; fail=1; }
}

interrupt TERM 15
interrupt INT 2
interrupt HUP 1
exit $fail
