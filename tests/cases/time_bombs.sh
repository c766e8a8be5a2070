#!/bin/sh
# No quadratic time bombs (issue 11): inputs that took minutes run in well
# under a second, or are refused at once with a located error.  Not a timing
# test: each run gets 20 s of CPU (ulimit -t), twenty times what it needs
# even under AddressSanitizer, and far less than the old code took (it was
# killed): a 16,000-character title shortened for the running header of every
# page (116 s), a 60,000-character heading (111 s), 30,000 headings in a
# row (over a minute), a 1 MiB unbreakable source in a chart's note (233 s),
# x labels of a 10,000-point line chart fitted by trying every spacing
# (minutes).
set -eu
bin=$1 tmp=$2
fail() { echo "time_bombs: $*"; exit 1; }

# run NAME WANT_RC ARGS...: the run under the CPU limit, its exit code checked
run() {
	name=$1 want=$2
	shift 2
	rc=0
	(ulimit -t 20; exec "$bin" -q --date 2022-06-14 "$@") >"$tmp/$name.out" 2>"$tmp/$name.err" ||
		rc=$?
	[ "$rc" = "$want" ] ||
		fail "$name: exit $rc, expected $want (killed over the CPU limit?) $(head -1 "$tmp/$name.err")"
}

# A 16,000-character title (one word: shortened with "…" in the header) over
# a 12-page document.
awk 'BEGIN { printf "---\ntitle: "; for (i = 0; i < 16000; i++) printf "x";
	printf "\n---\n# Body\n\n";
	for (p = 0; p < 400; p++) print "A paragraph of body text that fills the pages.\n" }' \
	>"$tmp/title.md"
run title 0 --no-chart-files -o "$tmp/title.pdf" "$tmp/title.md"
pages=$(pdfinfo "$tmp/title.pdf" | awk '/^Pages:/ { print $2 }')
[ "$pages" -ge 8 ] || fail "title: only $pages pages"
# the running header of page 3: the title cut to the header's width
pdftotext -f 3 -l 3 "$tmp/title.pdf" - | head -1 | grep -q '^xxxxxxxxxx*…$' ||
	fail "title: page 3's header is '$(pdftotext -f 3 -l 3 "$tmp/title.pdf" - | head -1)'"

# A 60,000-character heading: refused at its line.
awk 'BEGIN { printf "---\ntitle: T\n---\n# "; for (i = 0; i < 60000; i++) printf "y";
	printf "\n\nText.\n" }' >"$tmp/heading.md"
run heading 65 --no-chart-files -o "$tmp/heading.pdf" "$tmp/heading.md"
[ "$(head -1 "$tmp/heading.err")" = \
  "$tmp/heading.md:4:1: error: heading has 60000 characters, more than 1000" ] ||
	fail "heading: $(head -1 "$tmp/heading.err")"

# 30,000 headings in a row: each keeps the start of what follows with it,
# measured only as far as half a page (each measured all the rest: 12 s for
# 12,000).
awk 'BEGIN { printf "---\ntitle: T\ntoc: no\n---\n";
	for (i = 0; i < 30000; i++) printf "## Heading %d\n\n", i; print "The end." }' >"$tmp/headings.md"
run headings 0 --no-chart-files -o "$tmp/headings.pdf" "$tmp/headings.md"
pdftotext "$tmp/headings.pdf" - | grep -qx 'Heading 29999' || fail "headings: the last one is missing"

# A source of 1 MiB less a little, with no space, in a chart's note: cut to
# three lines with "…" (the sources page lists it in full).
awk 'BEGIN { print "period,value,source"; printf "2020,1,";
	for (i = 0; i < 104000; i++) printf "0123456789"; print "" }' >"$tmp/src.csv"
cat >"$tmp/src.md" <<'MD'
---
title: T
---
# A

```chart
type: bar
data: src.csv
x: period
y: value
title: One bar
```
MD
run source 0 --no-chart-files -o "$tmp/source.pdf" "$tmp/src.md"
pdftotext -f 2 -l 2 "$tmp/source.pdf" - | grep -c '0123456789' >"$tmp/n" || true
[ "$(cat "$tmp/n")" -le 4 ] || fail "source: the note has $(cat "$tmp/n") lines"
pdftotext -f 2 -l 2 "$tmp/source.pdf" - | grep -q '^[0-9]*…$' || fail "source: the note is not cut with …"

# A line chart of 10,000 points with long labels: every label shown is whole
# and apart from the next (checked from the PDF's words), markers thinned.
awk 'BEGIN { print "day,value,source";
	for (i = 0; i < 10000; i++) printf "Day %05d of the survey,%d,S\n", i, 100 + (i * 37) % 500 }' \
	>"$tmp/line.csv"
cat >"$tmp/line.md" <<'MD'
---
title: T
---
```chart
type: line
data: line.csv
x: day
y: value
title: Ten thousand points
```
MD
run line 0 --charts "$tmp/charts" -o "$tmp/line.pdf" "$tmp/line.md"
pdftotext -bbox "$tmp/line.pdf" - | grep -o 'xMin="[0-9.]*" yMin="[0-9.]*" xMax="[0-9.]*" yMax="[0-9.]*">Day' |
	sed 's/[a-zA-Z]*="\([0-9.]*\)"/\1/g; s/>Day//' >"$tmp/days"
n=$(wc -l <"$tmp/days")
[ "$n" -ge 2 ] && [ "$n" -le 40 ] || fail "line: $n x labels"
# labels on one row are apart (a label may wrap to a second row below)
sort -k2,2n -k1,1n "$tmp/days" | awk '$2 == y && $1 < x + 2 { bad = 1 } { y = $2; x = $3 } END { exit bad }' ||
	fail "line: x labels overlap: $(cat "$tmp/days")"
# the last category is labelled
pdftotext "$tmp/line.pdf" - | grep -q '09999' || fail "line: the last point has no label"
# the markers: far fewer circles than points in the SVG
m=$(grep -c '<path' "$tmp/charts/ten-thousand-points.svg" || true)
[ "$m" -lt 200 ] || fail "line: $m paths in the SVG (markers not thinned)"

# 100,000 points: refused at the chart.
awk 'BEGIN { print "day,value,source"; for (i = 0; i < 100000; i++) printf "d%06d,%d,S\n", i, i % 7 }' \
	>"$tmp/line.csv"
run many 65 --no-chart-files -o "$tmp/many.pdf" "$tmp/line.md"
[ "$(head -1 "$tmp/many.err")" = \
  "$tmp/line.md:6:1: error: chart \"Ten thousand points\" has 100000 points, more than 10000; choose fewer with where:" ] ||
	fail "many: $(head -1 "$tmp/many.err")"

# 160,000 distinct sources, all listed on the sources page: looked up by
# hash, not each compared with every one before it (the old code was killed).
# Not under AddressSanitizer: the 1,800-page table would need over 2 GB there.
if grep -q __asan_init "$bin" 2>/dev/null; then
	echo "AddressSanitizer build: 160,000 sources not run"
	exit 0
fi
awk 'BEGIN { print "period,value,source"; for (i = 0; i < 160000; i++) printf "%d,%d,S%d\n", 2000 + i % 20, i, i }' \
	>"$tmp/sources.csv"
cat >"$tmp/sources.md" <<'MD'
---
title: T
---
# A

```values
[n]
data: sources.csv
agg: count
```
Rows: {{n}}.
MD
run sources 0 --no-chart-files -o "$tmp/sources.pdf" "$tmp/sources.md"
pages=$(pdfinfo "$tmp/sources.pdf" | awk '/^Pages:/ { print $2 }')
pdftotext -f $((pages - 20)) "$tmp/sources.pdf" - | grep -qx 'S159999' ||
	fail "sources: the last source is not listed"
