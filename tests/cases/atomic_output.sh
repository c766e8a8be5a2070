#!/bin/sh
# Atomic output: runs that fail while writing (file-size limit; disk full on
# a tiny tmpfs when we may mount one) or that cannot create their output
# (/dev/full, a missing folder, a file where a folder is expected, a
# read-only folder) exit 73/74 with a message naming the real output, leave
# the previous PDF and chart files byte-identical, and leave no temporary.
set -u
bin=$1 tmp=$2
spec=input/briefing.md
fail=0

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

# same_as_before: the earlier PDF and charts unchanged, no temporaries
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

# 2. Disk full half-way: a tmpfs just big enough for the earlier files, so
#    the PDF's temporary fits and a chart's does not (ENOSPC, exit 74).
#    Needs root (mount in a private mount namespace, nothing left behind).
if [ "$(id -u)" = 0 ] && unshare -m true 2>/dev/null; then
	mkdir -p "$tmp/mnt" "$tmp/full"
	unshare -m sh -c '
		m=$1 bin=$2 spec=$3 keep=$4
		mount -t tmpfs -o size=1400k tmpfs "$m" || exit 99
		"$bin" -q -o "$m/b.pdf" --charts "$m/charts" "$spec" || exit 98
		cp -r "$m" "$keep/ref"
		"$bin" -q -o "$m/b.pdf" --charts "$m/charts" "$spec" 2>"$keep/err"
		echo $? >"$keep/rc"
		cp -r "$m" "$keep/after"
	' sh "$tmp/mnt" "$bin" "$spec" "$tmp/full"
	r=$?
	if [ "$r" = 99 ]; then
		echo "note: cannot mount a tmpfs here; ENOSPC not tested"
	elif [ "$r" != 0 ]; then
		echo "disk full: the tmpfs run failed ($r)"; fail=1
	else
		rc=$(cat "$tmp/full/rc")
		got=$(head -1 "$tmp/full/err")
		case $rc:$got in
		"74:$tmp/mnt/"*": error: cannot write output: No space left on device") ;;
		*) echo "disk full: exit $rc: $got"; fail=1 ;;
		esac
		# cp -r copied any temporary too: the folders must match exactly
		diff -r "$tmp/full/ref" "$tmp/full/after" \
			|| { echo "disk full: files changed or temporary left"; fail=1; }
	fi
else
	echo "note: not root; ENOSPC not tested (ulimit -f covers the write error)"
fi

# 3. Output to a device (like /dev/full): no folder to put a temporary in
#    beside it: 73.  As root the device is a node made in the scratch
#    folder, not /dev/full itself: a build that renamed its temporary over
#    the target would replace the system's /dev/full with a file.
dev=/dev/full
if [ "$(id -u)" = 0 ]; then
	dev=$tmp/devfull
	mknod "$dev" c 1 7 2>/dev/null || dev=
fi
if [ -n "$dev" ] && [ -c "$dev" ]; then
	"$bin" -q -o "$dev" --no-chart-files "$spec" 2>"$tmp/err"
	rc=$?
	expect 73 "$dev: error: cannot create output: not a regular file (output is written beside it and renamed)"
	[ -c "$dev" ] || { echo "$dev is no longer a device"; fail=1; }
else
	echo "note: no device node to write to here; not tested"
fi

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

# 6. A read-only folder: chmod for an ordinary user; root ignores modes, so
#    a read-only bind mount of the folder instead (when we may mount).
mkdir -p "$tmp/ro"
cp "$tmp/out/b.pdf" "$tmp/ro/b.pdf"
if [ "$(id -u)" != 0 ]; then
	chmod 555 "$tmp/ro"
	"$bin" -q --no-chart-files -o "$tmp/ro/b.pdf" "$spec" 2>"$tmp/err"
	rc=$?
	chmod 755 "$tmp/ro"
	expect 73 "$tmp/ro/b.pdf: error: cannot create output: Permission denied"
elif unshare -m true 2>/dev/null; then
	unshare -m sh -c 'mount --bind "$1" "$1" && mount -o remount,bind,ro "$1" || exit 99
		"$2" -q --no-chart-files -o "$1/b.pdf" "$3"' sh "$tmp/ro" "$bin" "$spec" 2>"$tmp/err"
	rc=$?
	if [ "$rc" = 99 ]; then echo "note: no read-only bind mount here; not tested"
	else expect 73 "$tmp/ro/b.pdf: error: cannot create output: Read-only file system"; fi
fi
cmp -s "$tmp/ro/b.pdf" "$tmp/out/b.pdf" || { echo "read-only: earlier PDF changed"; fail=1; }
no_temps "$tmp/ro" || fail=1

exit $fail
