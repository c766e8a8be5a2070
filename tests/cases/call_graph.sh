#!/bin/sh
# No loop of calls between source files: the files of src/ call each other
# one way only (main -> pipeline -> layout.c -> the block files ->
# layout_draw -> layout_page -> hpdf_fix, and so on), never A -> B -> A nor
# round a longer loop.  Read from the objects the build made beside BIN:
# file A calls file B when A's object uses a function (nm: T) that B's
# object defines.  Data both read (the house style, the chart palette) is
# not a call.  tsort finds a loop among the edges; the pairs that call
# each other are listed too.
set -eu
bin=$1 tmp=$2
objs=$(dirname "$bin")
no() { echo "call_graph: $*"; exit 1; }

: >"$tmp/syms"
n=0
for c in src/*.c; do
	name=$(basename "$c" .c)
	o="$objs/$name.o"
	[ -f "$o" ] || no "no object $o for $c (build first)"
	nm -g --defined-only "$o" | awk -v f="$name" '$2 == "T" { print "def", f, $3 }' >>"$tmp/syms"
	nm -u "$o" | awk -v f="$name" '{ print "use", f, $NF }' >>"$tmp/syms"
	n=$((n + 1))
done
[ "$n" -gt 40 ] || no "only $n source files found"

# "A B": A calls a function B defines; "A A" for every file, so tsort
# sees each one.
awk '$1 == "def" { at[$3] = $2; files[$2] = 1 }
     $1 == "use" { use[++k] = $2 " " $3 }
     END {
	for (f in files) print f, f
	for (i = 1; i <= k; i++) {
		split(use[i], u, " ")
		if ((u[2] in at) && at[u[2]] != u[1]) print u[1], at[u[2]]
	}
     }' "$tmp/syms" | sort -u >"$tmp/edges"
[ "$(awk '$1 != $2' "$tmp/edges" | wc -l)" -gt 40 ] || no "too few calls found: $tmp/edges"

fail=0
awk '$1 != $2 { e[$1 " " $2] = 1 } END { for (x in e) { split(x, p, " ");
	if ((p[2] " " p[1]) in e && p[1] < p[2]) print p[1], p[2] } }' "$tmp/edges" >"$tmp/pairs"
while read -r a b; do
	echo "call_graph: $a and $b call each other"
	fail=1
done <"$tmp/pairs"
if ! tsort "$tmp/edges" >/dev/null 2>"$tmp/tsort"; then
	echo "call_graph: a loop of calls between files:"
	sed 's/^tsort: //' "$tmp/tsort"
	fail=1
fi
[ "$fail" = 0 ] || exit 1
echo "call_graph: $n files, $(awk '$1 != $2' "$tmp/edges" | wc -l) calling pairs, no loop"
