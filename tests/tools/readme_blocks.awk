# The README's marked blocks, for the cases that run a recipe as written
# (tests/cases/readme_tutorial.sh, readme_monthly.sh): each
#   <!-- TAG: KIND [PATH] -->
# followed by a fenced block becomes dir/N.kind, dir/N.path and dir/N.body,
# numbered in order.  Run as
#   awk -v dir=DIR -v tag=TAG -f tests/tools/readme_blocks.awk README.md
$0 ~ ("^<!-- " tag ": [a-z]+( [^ ]+)? -->$") {
	n++; kind = $3; path = ($4 == "-->") ? "" : $4
	printf "%s\n", path > (dir "/" n ".path"); close(dir "/" n ".path")
	printf "%s\n", kind > (dir "/" n ".kind"); close(dir "/" n ".kind")
	want = 1; next
}
want && /^(```|~~~~)/ { fence = $0; sub(/[a-z]+$/, "", fence); want = 0; body = 1
	out = dir "/" n ".body"; printf "" > out; next }
want && NF { printf "marker %d is not followed by a fenced block\n", n > "/dev/stderr"; exit 1 }
body && $0 == fence { body = 0; close(out); next }
body { print > out }
END { if (body) { print "unterminated " tag " block" > "/dev/stderr"; exit 1 } }
