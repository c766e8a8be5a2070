#!/bin/sh
# The man page briefing.1: it renders without a warning (mandoc -Tlint and
# groff -ww), and it documents what the code accepts.  Every list below is
# read from the source, so an option or key added to the code without a line
# in the man page fails here:
#   - the long options of `briefing --help`, of the OPTIONS section and of
#     the README's "Command line" block are the same set, and every option
#     in src/cmdline.c's getopt table is in --help;
#   - every key of front_keys, value_keys, table_keys, chart_keys and
#     dataset_keys (src/spec_*.c) is an item of its subsection (".B key:");
#   - every chart type (src/doc.c), aggregate and sort name (src/query.c),
#     where: operator and function (src/query_where.c), exit code
#     (include/diag.h) and environment variable the code reads (getenv in
#     src/) is named in its section.
set -eu
bin=$1 tmp=$2
man=briefing.1
fail=0
no() { echo "man_page: $*"; fail=1; }

# --- renders cleanly
out=$(mandoc -Tlint -Wstyle "$man" 2>&1) || true
[ -z "$out" ] || no "mandoc -Tlint: $out"
out=$(groff -ww -man -Tutf8 "$man" 2>&1 >/dev/null) || no "groff failed"
[ -z "$out" ] || no "groff -ww: $out"
MANWIDTH=80 man -l "$man" >"$tmp/man.txt" 2>"$tmp/man.err" || no "man -l failed"
[ -s "$tmp/man.err" ] && no "man -l: $(cat "$tmp/man.err")"
grep -q '^THE SPEC' "$tmp/man.txt" || no "man -l: no THE SPEC section in the output"

# The man source with \- as -, for matching keys and options.
sed 's/\\-/-/g' "$man" >"$tmp/src"

# Lines of section (.SH) or subsection (.SS) $2 of the source, up to the next
# heading of that level or above.
section() {
	awk -v m="$1" -v t="$2" '
		$0 == m " " t { on = 1; next }
		on && ($1 == ".SH" || (m == ".SS" && $1 == ".SS")) { exit }
		on' "$tmp/src"
}

# Long options as words: --name.
longopts() { grep -o -- '--[a-z][a-z-]*' | sort -u; }

# --- options: --help, the OPTIONS section, and src/cmdline.c's getopt table
"$bin" --help >"$tmp/help" || no "--help exit $?"
longopts <"$tmp/help" >"$tmp/help.opts"
section .SH OPTIONS | grep -E '^\.(B|BI|BR) ' | longopts >"$tmp/man.opts"
[ -s "$tmp/man.opts" ] || no "no options found in the OPTIONS section"
comm -23 "$tmp/help.opts" "$tmp/man.opts" | while read -r o; do
	echo "man_page: $o is in --help but not in the OPTIONS section"; done >"$tmp/d1"
comm -13 "$tmp/help.opts" "$tmp/man.opts" | while read -r o; do
	echo "man_page: $o is in the OPTIONS section but not in --help"; done >>"$tmp/d1"
sed -n 's/^[[:space:]]*{ "\([a-z][a-z-]*\)", *[a-z_]*argument.*/--\1/p' src/cmdline.c |
	sort -u >"$tmp/code.opts"
[ -s "$tmp/code.opts" ] || no "no getopt table found in src/cmdline.c"
comm -23 "$tmp/code.opts" "$tmp/help.opts" | while read -r o; do
	echo "man_page: $o is accepted by src/cmdline.c but not in --help"; done >>"$tmp/d1"
# The README's copy of the help (the first block under "## Command line").
awk '/^## Command line/ { on = 1; next } on && /^```/ { if (in_b) exit; in_b = 1; next }
     in_b' README.md | longopts >"$tmp/readme.opts"
cmp -s "$tmp/help.opts" "$tmp/readme.opts" ||
	echo "man_page: README's Command line block and --help differ in options:" \
	     "$(diff "$tmp/help.opts" "$tmp/readme.opts" | grep '^[<>]' | tr '\n' ' ')" >>"$tmp/d1"
if [ -s "$tmp/d1" ]; then cat "$tmp/d1"; fail=1; fi

# --- keys: the NULL-terminated string arrays of the spec files
keys() {
	awk -v a="$1" '
		index($0, "const " a "[] = {") { on = 1 }
		on { print; if (index($0, "NULL")) exit }' src/spec*.c |
	grep -o '"[^"]*"' | tr -d '"'
}
check_keys() { # ARRAY SUBSECTION
	n=0
	for k in $(keys "$1"); do
		n=$((n + 1))
		section .SS "$2" | grep -qxF ".B $k:" || no "key $k: ($1) is not an item of \"$2\""
	done
	[ "$n" -gt 0 ] || no "no keys found in $1"
}
check_keys front_keys "Front matter"
check_keys value_keys "The values block"
check_keys table_keys "The table block"
check_keys chart_keys "The chart block"
check_keys dataset_keys "The data block"

# --- names and operators in the prose
check_words() { # SUBSECTION WORD...
	s=$1; shift
	section .SS "$s" >"$tmp/sec"
	[ $# -gt 0 ] || no "no names for \"$s\""
	for w; do grep -qF -- "$w" "$tmp/sec" || no "\"$w\" is not in \"$s\""; done
}
types=$(awk '/chart_type_names\[\] = \{/' src/doc.c | grep -o '"[^"]*"' | tr -d '"')
# shellcheck disable=SC2086
check_words "Chart types" $types
aggs=$(grep -A2 '^int query_agg_from_name' src/query.c | grep -o '"[^"]*"' | tr -d '"')
# shellcheck disable=SC2086
check_words "Queries" $aggs
sorts=$(grep -A2 '^int query_sort_from_name' src/query.c | grep -o '"[^"]*"' | tr -d '"')
# shellcheck disable=SC2086
check_words "The chart block" $sorts
# where: operators (an item ".IB column \" OP ...") and functions
awk '/const op_names\[\] = \{/ { on = 1 } on { print } on && /\};/ { exit }' src/query_where.c |
	grep -o '"[^"]*"' | tr -d '"' >"$tmp/ops"
[ "$(wc -l <"$tmp/ops")" -ge 12 ] || no "no where: operators found in src/query_where.c"
section .SS Queries >"$tmp/queries"
while read -r o; do
	grep -qF ".IB column \" $o" "$tmp/queries" || no "operator $o is not in Queries"
done <"$tmp/ops"
funcs=$(awk '/part_names\[\] = \{/' src/query_where.c | grep -o '"[a-z]*"' | tr -d '"')
[ -n "$funcs" ] || no "no where: functions found in src/query_where.c"
for f in $funcs latest; do
	grep -qF "$f" "$tmp/queries" || no "\"$f\" is not in Queries"
	grep -qE "^\.BI? $f(\(| |\$)" "$tmp/queries" || no "\"$f\" is not an item (.B $f) of Queries"
done

# --- exit codes: every EXIT_ code of include/diag.h is an item of EXIT STATUS
codes=$(sed -n 's/^[[:space:]]*EXIT_[A-Z]* = \([0-9]*\).*/\1/p' include/diag.h)
[ -n "$codes" ] || no "no exit codes found in include/diag.h"
for c in $codes; do
	section .SH "EXIT STATUS" | grep -qxF ".B $c" || no "exit code $c is not in EXIT STATUS"
done

# --- the sections the page must have
for s in NAME SYNOPSIS DESCRIPTION OPTIONS "THE SPEC" "EXIT STATUS" ENVIRONMENT FILES \
	 EXAMPLES "SEE ALSO"; do
	grep -qxF ".SH $s" "$tmp/src" || no "no section $s"
done
# Every variable the code reads with getenv(), and TZ (localtime's).
envs=$(grep -oh 'getenv("[A-Z_]*")' src/*.c | sed 's/getenv("\(.*\)")/\1/' | sort -u)
[ -n "$envs" ] || no "no getenv() found in src/"
for v in $envs TZ; do
	section .SH ENVIRONMENT | grep -q "$v" || no "$v is not in ENVIRONMENT"
done
[ "$fail" = 0 ]
