#!/bin/sh
# Issue 11: a spec reads data only from its own folder (symbolic links and
# ".." resolved), or from folders the user allows with --data-root or
# BRIEFING_DATA_ROOT; never from /proc, /dev or /sys; and only regular
# files: a FIFO is refused at once (it used to hang).  A folder is read as
# its parts (issue 14): the folder and each part obey the same rules, so a
# part that links out of the folder is refused.  Every refusal is a located
# error at the data: line, with the exit code and the previous PDF left as
# it was.
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1") # runs below change folder
tmp=$(cd "$2" && pwd)
fail=0
no() { echo "data_confinement: $*"; fail=1; }

mkdir -p "$tmp/specs/sub" "$tmp/shared" "$tmp/secret"
printf 'k,v\na,1\nb,2\n' >"$tmp/specs/in.csv"
printf 'k,v\na,10\n' >"$tmp/specs/sub/deeper.csv"
printf 'k,v\na,100\nb,200\nc,300\n' >"$tmp/shared/common.csv"
printf 'password,hash\nroot,x\n' >"$tmp/secret/keys.csv"
ln -s ../secret/keys.csv "$tmp/specs/escape.csv"      # a link out of the folder
ln -s sub/deeper.csv "$tmp/specs/inside.csv"          # a link that stays in it
mkfifo "$tmp/specs/pipe.csv"
mkdir "$tmp/specs/folder.csv"
mkdir "$tmp/specs/parts" "$tmp/specs/leaky" "$tmp/specs/piped" "$tmp/shared/parts"
printf 'k,v\na,1\n' >"$tmp/specs/parts/part-0.csv"
printf 'k,v\nb,2\nc,3\n' >"$tmp/specs/parts/part-1.csv"
cp "$tmp/specs/parts/part-0.csv" "$tmp/specs/leaky/part-0.csv"
ln -s ../../secret/keys.csv "$tmp/specs/leaky/part-1.csv"  # a part that links out
cp "$tmp/specs/parts/part-0.csv" "$tmp/specs/piped/part-0.csv"
mkfifo "$tmp/specs/piped/part-1.csv"
cp "$tmp/specs/parts/part-0.csv" "$tmp/shared/parts/part-0.csv"
ln -s ../shared/parts "$tmp/specs/linked"                  # a folder that links out
ln -s parts "$tmp/specs/current"                           # one that stays inside

# spec DATA: a spec in specs/ counting the rows of DATA
spec() {
	printf -- '---\ntitle: T\n---\n```values\n[n]\ndata: %s\nagg: count\n```\nRows: {{n}}.\n' \
		"$1" >"$tmp/specs/s.md"
}
# ok DATA ROWS [ARGS]: the run succeeds and counts ROWS rows
ok() {
	d=$1 rows=$2; shift 2
	spec "$d"
	if ! timeout 20 "$bin" -q --no-chart-files -o "$tmp/ok.pdf" "$@" "$tmp/specs/s.md" 2>"$tmp/err"; then
		no "data: $d ($*): exit $?: $(head -1 "$tmp/err")"; return
	fi
	pdftotext "$tmp/ok.pdf" - | grep -q "^Rows: $rows\.$" || no "data: $d: not $rows rows"
}
# refused DATA CODE MESSAGE [ARGS]: exit CODE, first line "s.md:6:1: error: MESSAGE",
# the previous output untouched
refused() {
	d=$1 code=$2 msg=$3; shift 3
	spec "$d"
	printf 'previous\n' >"$tmp/out.pdf"
	timeout 20 "$bin" -q --no-chart-files -o "$tmp/out.pdf" "$@" "$tmp/specs/s.md" 2>"$tmp/err"
	rc=$?
	[ "$rc" = 124 ] && { no "data: $d: hangs"; return; }
	[ "$rc" = "$code" ] || no "data: $d: exit $rc, expected $code: $(head -1 "$tmp/err")"
	want="$tmp/specs/s.md:6:1: error: $msg"
	[ "$(head -1 "$tmp/err")" = "$want" ] || { no "data: $d: message"; echo "  got:  $(head -1 "$tmp/err")"; echo "  want: $want"; }
	[ "$(cat "$tmp/out.pdf")" = previous ] || no "data: $d: the previous PDF changed"
}
rule="data files must lie in it (links included), or under a folder given with --data-root or BRIEFING_DATA_ROOT"

# inside the spec's folder: by name, in a subfolder, by "..", by a link that stays inside
ok in.csv 2
ok sub/deeper.csv 1
ok sub/../in.csv 2
ok inside.csv 1
ok "$tmp/specs/in.csv" 2

# outside: "..", an absolute path, a link that leads out, a system file
refused ../shared/common.csv 65 "data: $tmp/specs/../shared/common.csv is outside the spec's folder: $rule"
refused "$tmp/shared/common.csv" 65 "data: $tmp/shared/common.csv is outside the spec's folder: $rule"
refused escape.csv 65 "data: $tmp/specs/escape.csv is outside the spec's folder: $rule"
refused /etc/passwd 65 "data: /etc/passwd is outside the spec's folder: $rule"
refused /proc/self/status 65 "data: /proc/self/status is under /proc: system files are never read as data"
refused /dev/zero 65 "data: /dev/zero is under /dev: system files are never read as data"

# not regular files: refused at once, even where they are allowed
refused pipe.csv 66 "cannot read $tmp/specs/pipe.csv: it is a FIFO, not a regular file"
refused folder.csv 66 "$tmp/specs/folder.csv is a folder without *.csv or *.csv.gz files"
refused piped 66 "cannot read $tmp/specs/piped/part-1.csv: it is a FIFO, not a regular file"

# a folder of parts: inside, or allowed; a folder or a part that leads out is not
ok parts 3
ok current/ 3
ok ../shared/parts 1 --data-root "$tmp/shared"
refused ../shared/parts 65 "data: $tmp/specs/../shared/parts is outside the spec's folder: $rule"
refused linked 65 "data: $tmp/specs/linked is outside the spec's folder: $rule"
refused leaky 65 "data: $tmp/specs/leaky/part-1.csv is outside the spec's folder: $rule"

# --data-root (repeatable, relative to the working folder) and BRIEFING_DATA_ROOT
ok ../shared/common.csv 3 --data-root "$tmp/shared"
ok "$tmp/shared/common.csv" 3 --data-root "$tmp/secret" --data-root "$tmp/shared"
(cd "$tmp" && ok ../shared/common.csv 3 --data-root shared)
BRIEFING_DATA_ROOT="$tmp/secret::$tmp/shared" ok ../shared/common.csv 3
refused ../shared/common.csv 65 "data: $tmp/specs/../shared/common.csv is outside the spec's folder and the --data-root folders: $rule" --data-root "$tmp/secret"
# an allowed folder does not open /proc, /dev or /sys
refused /proc/self/status 65 "data: /proc/self/status is under /proc: system files are never read as data" --data-root /
refused /dev/zero 65 "data: /dev/zero is under /dev: system files are never read as data" --data-root /dev

# a root that is no folder is a usage error, from the option or the environment
spec in.csv
"$bin" -q --check --data-root "$tmp/nowhere" "$tmp/specs/s.md" 2>"$tmp/err"
rc=$?
[ "$rc" = 64 ] || no "--data-root nowhere: exit $rc"
[ "$(head -1 "$tmp/err")" = "briefing: error: --data-root names no folder: $tmp/nowhere" ] ||
	no "--data-root nowhere: $(head -1 "$tmp/err")"
BRIEFING_DATA_ROOT="$tmp/shared:$tmp/specs/in.csv" "$bin" -q --check "$tmp/specs/s.md" 2>"$tmp/err"
rc=$?
[ "$rc" = 64 ] || no "BRIEFING_DATA_ROOT with a file: exit $rc"
[ "$(head -1 "$tmp/err")" = "briefing: error: BRIEFING_DATA_ROOT names no folder: $tmp/specs/in.csv" ] ||
	no "BRIEFING_DATA_ROOT with a file: $(head -1 "$tmp/err")"

# the run of a crontab, from another folder: the spec's folder is still the rule
(cd / && "$bin" -q --check "$tmp/specs/s.md") || no "a run from / refused the spec's own data"
[ "$fail" = 0 ]
