#!/bin/sh
# Atomic output: runs that fail while writing or that cannot create their
# output exit 73/74 with a message naming the real output, leave the
# previous PDF and chart files byte-identical, and leave no temporary.
# Every case runs in every environment, as root or not, with no mount, no
# tmpfs and nothing tuned to today's output sizes:
#  1. a file-size limit (ulimit -f): EFBIG, exit 74;
#  2. a full disk and a failing disk half-way: tests/tools/failwrite.so
#     (LD_PRELOAD, from BRIEFING_TEST_TOOLS) makes write() fail with ENOSPC
#     or EIO once N bytes are written, N from nothing to all but the last
#     byte the run writes: exit 74; given exactly enough, the run succeeds;
#  3. an output that is not a regular file (a FIFO; /dev/full, as an
#     ordinary user so that a faulty build could not replace it): exit 73;
#  4. a missing folder, a file where a folder is expected: exit 73;
#  5. a chart file that cannot be replaced (a folder in its place): exit 73;
#  6. a read-only folder, as an ordinary user (root ignores modes: as root
#     the run drops to nobody with setpriv): exit 73.
set -u
bin=$1 tmp=$2
spec=input/briefing.md
shim=${BRIEFING_TEST_TOOLS:-build/tools}/failwrite.so
fail=0
[ -f "$shim" ] || { echo "atomic_output: no $shim (make test-tools builds it)"; exit 1; }
case $bin in /*) ;; *) bin=$PWD/$bin ;; esac

# as_user CMD...: run CMD as an ordinary user (nobody when we are root)
as_user() {
	if [ "$(id -u)" = 0 ]; then setpriv --reuid=65534 --regid=65534 --clear-groups -- "$@"
	else "$@"; fi
}

# no_temps DIR...: no ".NAME.XXXXXX" temporary in any of the folders
no_temps() {
	for d in "$@"; do
		if ls -A "$d" 2>/dev/null | grep -q '^\.'; then
			echo "temporary left in $d: $(ls -A "$d" | grep '^\.')"; return 1
		fi
	done
}

# expect WANT_RC WANT_MSG: compare $rc and the first line of $tmp/err
expect() {
	got=$(head -1 "$tmp/err")
	if [ "$rc" != "$1" ] || [ "$got" != "$2" ]; then
		echo "expected exit $1: $2"; echo "got      exit $rc: $got"; fail=1
	fi
}

# A good run, kept as the reference "earlier files".
mkdir -p "$tmp/out"
"$bin" -q -o "$tmp/out/b.pdf" --charts "$tmp/out/charts" "$spec" || { echo "good run failed"; exit 1; }
cp -r "$tmp/out" "$tmp/ref"
[ "$(ls "$tmp/ref/charts" | wc -l)" -ge 2 ] || { echo "the good run wrote no chart files"; exit 1; }

# same_as_before WHAT: the earlier PDF and charts unchanged, no temporaries
same_as_before() {
	diff -r "$tmp/ref" "$tmp/out" >/dev/null || { echo "$1: earlier files changed"; fail=1; }
	no_temps "$tmp/out" "$tmp/out/charts" || fail=1
}

# 1. A file-size limit (ulimit -f, in 1 KiB blocks under dash and bash):
#    the PDF (over 100 KiB) cannot be written: EFBIG, exit 74.
(ulimit -f 100; exec "$bin" -q -o "$tmp/out/b.pdf" --charts "$tmp/out/charts" "$spec") 2>"$tmp/err"
rc=$?
expect 74 "$tmp/out/b.pdf: error: cannot write output: File too large"
same_as_before "ulimit -f"

# 2. write() fails after N bytes.  The run writes exactly the bytes of its
#    files (the same as the reference run's: output is reproducible).
total=$(cat "$tmp/ref/b.pdf" "$tmp/ref/charts"/* | wc -c)
# shim_run N ERRNO: one run with writes failing after N bytes
shim_run() {
	LD_PRELOAD=$shim FAILWRITE_AFTER=$1 FAILWRITE_ERRNO=$2 \
	ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0 \
		"$bin" -q -o "$tmp/out/b.pdf" --charts "$tmp/out/charts" "$spec" 2>"$tmp/err"
}
for t in "0 ENOSPC" "$((total / 2)) ENOSPC" "$((total - 1)) ENOSPC" "0 EIO" "$((total / 3)) EIO" \
	 "$((total - 1)) EIO"; do
	set -- $t
	case $2 in ENOSPC) why="No space left on device" ;; *) why="Input/output error" ;; esac
	shim_run "$1" "$2"
	rc=$?
	got=$(head -1 "$tmp/err")
	named=${got%%: error: *}
	if [ "$rc" != 74 ] || [ "$got" != "$named: error: cannot write output: $why" ]; then
		echo "$2 after $1 of $total bytes: exit $rc: $got"; fail=1
	fi
	# the message names one of the run's own files
	case $named in
	"$tmp/out/b.pdf"|"$tmp/out/charts/"*.png|"$tmp/out/charts/"*.svg)
		[ -f "$tmp/ref/${named#"$tmp/out/"}" ] || { echo "$2: names $named, not an output"; fail=1; } ;;
	*) echo "$2 after $1 bytes: the message names $named"; fail=1 ;;
	esac
	same_as_before "$2 after $1 of $total bytes"
done
# Exactly enough room: the shim lets every byte through, the run succeeds.
rm -rf "$tmp/out" && cp -r "$tmp/ref" "$tmp/out"
shim_run "$total" ENOSPC
rc=$?
[ "$rc" = 0 ] || { echo "room for $total bytes: exit $rc: $(head -1 "$tmp/err")"; fail=1; }
same_as_before "room for exactly $total bytes"

# 3. An output that is not a regular file: there is no folder beside it to
#    put a temporary in (or no way to rename over it): 73, and it stays what
#    it was.  A FIFO in the scratch folder; /dev/full as an ordinary user.
mkfifo "$tmp/fifo"
timeout 60 "$bin" -q -o "$tmp/fifo" --no-chart-files "$spec" 2>"$tmp/err"
rc=$?
expect 73 "$tmp/fifo: error: cannot create output: not a regular file (output is written beside it and renamed)"
[ -p "$tmp/fifo" ] || { echo "$tmp/fifo is no longer a FIFO"; fail=1; }
no_temps "$tmp" || fail=1
as_user env BRIEFING_FONTS="${BRIEFING_FONTS:-$PWD/fonts}" \
	timeout 60 "$bin" -q -o /dev/full --no-chart-files "$spec" 2>"$tmp/err"
rc=$?
expect 73 "/dev/full: error: cannot create output: not a regular file (output is written beside it and renamed)"
[ -c /dev/full ] || { echo "/dev/full is no longer a device"; fail=1; }

# 4. A missing folder; a file where a folder is expected: 73, nothing made.
"$bin" -q -o "$tmp/out/nope/b.pdf" --charts "$tmp/out/charts" "$spec" 2>"$tmp/err"
rc=$?
expect 73 "$tmp/out/nope/b.pdf: error: cannot create output: No such file or directory"
"$bin" -q -o "$tmp/out/b.pdf/x.pdf" --charts "$tmp/out/charts" "$spec" 2>"$tmp/err"
rc=$?
expect 73 "$tmp/out/b.pdf/x.pdf: error: cannot create output: Not a directory"
same_as_before "missing folder"

# 5. A chart file that cannot be replaced (a folder in its place): the PDF,
#    already written to its temporary, is not renamed either.
mv "$tmp/out/charts/trade-direction.svg" "$tmp/svg.keep"
mkdir "$tmp/out/charts/trade-direction.svg"
"$bin" -q -o "$tmp/out/b.pdf" --charts "$tmp/out/charts" "$spec" 2>"$tmp/err"
rc=$?
expect 73 "$tmp/out/charts/trade-direction.svg: error: cannot create output: Is a directory"
rmdir "$tmp/out/charts/trade-direction.svg"
mv "$tmp/svg.keep" "$tmp/out/charts/trade-direction.svg"
same_as_before "chart in the way"

# 6. A read-only folder, for an ordinary user.  The folder is made with
#    mktemp under /tmp, where nobody can reach it (the scratch folder may
#    not be), and removed at the end.
ro=$(mktemp -d)
trap 'chmod -R u+w "$ro"; rm -rf "$ro"' EXIT
cp "$tmp/out/b.pdf" "$ro/b.pdf"
chmod 755 "$ro"
chmod 644 "$ro/b.pdf"
chmod 555 "$ro"
as_user env BRIEFING_FONTS="${BRIEFING_FONTS:-$PWD/fonts}" \
	"$bin" -q --no-chart-files -o "$ro/b.pdf" "$spec" 2>"$tmp/err"
rc=$?
expect 73 "$ro/b.pdf: error: cannot create output: Permission denied"
cmp -s "$ro/b.pdf" "$tmp/out/b.pdf" || { echo "read-only: earlier PDF changed"; fail=1; }
no_temps "$ro" || fail=1

exit $fail
