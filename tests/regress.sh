#!/bin/sh
# Regression runs, in three sections, each counted and compared with the
# cases on disk (a case that is not run is a failure, not a silent skip):
#
#  1. good specs: build a PDF from each tests/regress/NAME.md and check its
#     text (tests/regress/NAME.txt, from pdftotext), qpdf --check, that every
#     font is embedded, the page count (optional NAME.pages) and the running
#     footer "page N of M" of every page against pdfinfo's page count; then
#     all of them at once (one JVM) with tests/tools/pdfcheck.sh: PDFBox
#     Preflight says each is a valid PDF/A-1b file, and its tagging holds;
#  2. bad inputs: run each tests/bad/NAME/ and check the exit code, the first
#     diagnostic line, and that nothing was changed or left behind;
#  3. scripted cases: tests/cases/*.sh, each run with BIN and a scratch
#     folder; exit 0 = pass, and no case may print "note" or "skip".
#
#   sh tests/regress.sh BINARY        (from the repository root)
#   REGEN=1 sh tests/regress.sh ...   rewrite the expected text files (review the diff!)
#
# Cases that need the test helpers (tests/tools/, built by make check-regress
# into build/tools) find them through BRIEFING_TEST_TOOLS.
set -u
bin=${1:-./briefing}
case $bin in /*) ;; *) bin=$PWD/$bin ;; esac
repo=$PWD
# Built binaries live in build/ or build-asan/, away from fonts/: say where it is.
BRIEFING_FONTS=${BRIEFING_FONTS:-$repo/fonts}
export BRIEFING_FONTS
BRIEFING_TEMPLATE=${BRIEFING_TEMPLATE:-$repo/input}
export BRIEFING_TEMPLATE
BRIEFING_TEST_TOOLS=${BRIEFING_TEST_TOOLS:-$repo/build/tools}
export BRIEFING_TEST_TOOLS
# Messages are compared exactly: keep them untranslated.
LC_ALL=C.UTF-8
export LC_ALL
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

# section NAME RAN ON_DISK: every case on disk was run, and there were some.
section() {
	if [ "$3" -eq 0 ]; then bad "$1: no cases found"
	elif [ "$2" != "$3" ]; then bad "$1: ran $2 of the $3 cases on disk"
	else ok; fi
	echo "regress: $1: $2 run of $3 on disk"
}

# footers PDF: the running footer "page N of M" (en, ru, az) of every page
# agrees with pdfinfo's page count: a cover (page 1 without a footer) is
# left out of the numbering, every other page has exactly one footer.
footers() {
	pages=$(pdfinfo "$1" 2>/dev/null | awk '/^Pages:/ { print $2 }')
	[ -n "$pages" ] && [ "$pages" -gt 0 ] || { echo "pdfinfo gives no page count"; return 1; }
	p=1 cover=0
	while [ "$p" -le "$pages" ]; do
		f=$(pdftotext -f "$p" -l "$p" "$1" - 2>/dev/null |
		    grep -E '^(page [0-9]+ of|страница [0-9]+ из|səhifə [0-9]+ /) [0-9]+$')
		if [ "$p" = 1 ] && [ -z "$f" ]; then
			cover=1
		else
			n=$((p - cover)) m=$((pages - cover))
			case $f in
			"page $n of $m"|"страница $n из $m"|"səhifə $n / $m") ;;
			*) echo "page $p of $pages: footer \"$f\", expected page $n of $m"; return 1 ;;
			esac
		fi
		p=$((p + 1))
	done
}

# --- 1. good specs: tests/regress/NAME.md, expected tests/regress/NAME.txt
# (pdftotext) and optional tests/regress/NAME.pages (page count).
ran=0
for spec in tests/regress/*.md; do
	[ -f "$spec" ] || continue
	name=$(basename "$spec" .md)
	pdf=$tmp/$name.pdf
	ran=$((ran + 1))
	"$bin" -q --date 2022-06-14 -o "$pdf" "$spec" 2>"$tmp/$name.err"
	rc=$?
	if [ "$rc" != 0 ]; then
		bad "$name: exit $rc ($(head -1 "$tmp/$name.err"))"; continue
	fi
	if [ -s "$tmp/$name.err" ]; then bad "$name: printed on stderr with -q:"; cat "$tmp/$name.err"; fi
	pdftotext "$pdf" "$tmp/$name.txt" 2>/dev/null
	if [ "${REGEN:-}" = 1 ]; then cp "$tmp/$name.txt" "tests/regress/$name.txt"; fi
	if diff -u "tests/regress/$name.txt" "$tmp/$name.txt" >"$tmp/diff"; then ok
	else bad "$name: text differs"; head -40 "$tmp/diff"; fi
	if qpdf --check "$pdf" >/dev/null 2>&1; then ok; else bad "$name: qpdf --check"; fi
	pdffonts "$pdf" >"$tmp/fonts" 2>/dev/null
	if tail -n +3 "$tmp/fonts" | awk '$(NF-4) != "yes" { exit 1 }' &&
	   [ "$(tail -n +3 "$tmp/fonts" | wc -l)" -gt 0 ]; then ok
	else bad "$name: a font is not embedded, or none is listed"; cat "$tmp/fonts"; fi
	if [ -f "tests/regress/$name.pages" ]; then
		want=$(cat "tests/regress/$name.pages")
		got=$(pdfinfo "$pdf" 2>/dev/null | awk '/^Pages:/ { print $2 }')
		if [ "$want" = "$got" ]; then ok; else bad "$name: $got pages, expected $want"; fi
	fi
	if footers "$pdf" >"$tmp/footers"; then ok; else bad "$name: $(cat "$tmp/footers")"; fi
done
if [ "$ran" -gt 0 ]; then
	if sh tests/tools/pdfcheck.sh "$tmp"/*.pdf >"$tmp/pdfcheck" 2>&1 &&
	   [ "$(grep -c ': ok (' "$tmp/pdfcheck")" = "$(ls "$tmp"/*.pdf | wc -l)" ]; then ok
	else bad "good specs: not PDF/A-1b, or tagged wrong:"
		grep -v ': ok (\|is a valid PDF/A-1b file$' "$tmp/pdfcheck" | head -40; fi
fi
section "good specs (tests/regress/*.md)" "$ran" "$(ls tests/regress/*.md 2>/dev/null | wc -l)"

# --- 2. bad inputs: tests/bad/NAME/ holds spec.md (and its CSVs), optional
# args (extra command-line words) and expected: line 1 the exit code, line 2
# the first line printed on stderr.  An optional make.sh makes inputs too big
# to commit (a 10 MB line).
#
# Each case runs from a scratch copy of the tree (tests/bad/NAME copied, the
# rest linked), so paths in messages read as in the tree while make.sh and a
# failing run can change nothing in it.  The runner passes its own -o and
# --charts first (a case's args come later and win): a previous PDF and a
# chart folder with a previous chart file.  After the run these, the case's
# folder, and every output its args name (-o, --charts, --summary, --mail)
# must be as they were, with no temporary (".NAME.XXXXXX") beside them and
# no folder made for them.

# state PATH: what is at PATH, recursively (type, name, size, checksum).
state() {
	if [ -d "$1" ]; then
		(cd "$1" && find . -printf '%y %p %s\n' | sort &&
		 find . -type f -exec sha256sum {} + | sort)
	elif [ -e "$1" ] || [ -L "$1" ]; then
		find "$1" -maxdepth 0 -printf '%y %s\n'
		[ ! -f "$1" ] || sha256sum <"$1"
	else
		echo missing
	fi
}

# outputs ARGS: the output paths ARGS name, one a line.
outputs() {
	set -f
	# shellcheck disable=SC2086
	set -- $1
	set +f
	while [ $# -gt 0 ]; do
		case $1 in
		-o|--output|--charts|--summary|--mail) [ $# -gt 1 ] && echo "$2"; shift ;;
		--output=*|--charts=*|--summary=*|--mail=*) echo "${1#*=}" ;;
		-o?*) echo "${1#-o}" ;;
		esac
		shift
	done
}

# watch PATH: record what a run must leave as it is for output PATH: PATH,
# the temporaries beside it, and the first missing folder on its way.
watch() {
	p=$1
	while [ ! -e "$(dirname "$p")" ] && [ "$(dirname "$p")" != "$p" ]; do p=$(dirname "$p"); done
	{
		echo "== $1"; state "$1"
		echo "== first missing: $p"; [ -e "$p" ] && echo exists
		d=$(dirname "$1") b=$(basename "$1")
		[ -d "$d" ] && find "$d" -maxdepth 1 -name ".$b.*" 2>/dev/null | sort
	}
}

mkdir -p "$tmp/tree/tests"
for f in "$repo"/* "$repo"/.[!.]*; do
	[ -e "$f" ] && [ "$(basename "$f")" != tests ] && ln -s "$f" "$tmp/tree/$(basename "$f")"
done
for f in "$repo"/tests/*; do
	[ "$(basename "$f")" != bad ] && ln -s "$f" "$tmp/tree/tests/$(basename "$f")"
done
mkdir -p "$tmp/tree/tests/bad"
ran=0
for dir in tests/bad/*/; do
	[ -d "$dir" ] || continue
	name=$(basename "$dir")
	ran=$((ran + 1))
	if [ ! -f "$dir/expected" ]; then bad "bad/$name: no expected file"; continue; fi
	want_rc=$(sed -n 1p "$dir/expected")
	want_msg=$(sed -n 2p "$dir/expected")
	case $want_rc in
	[0-9]*) ;;
	*) bad "bad/$name: expected: line 1 is not an exit code: $want_rc"; continue ;;
	esac
	if [ -z "$want_msg" ]; then bad "bad/$name: expected: no message on line 2"; continue; fi
	case=$tmp/tree/tests/bad/$name
	cp -R "$dir" "$case"
	if [ -f "$case/make.sh" ] && ! (cd "$case" && sh ./make.sh); then
		bad "bad/$name: make.sh failed"; rm -rf "$case"; continue
	fi
	out=$tmp/bad/$name
	mkdir -p "$out/charts"
	printf 'previous output\n' >"$out/b.pdf"
	printf 'previous chart\n' >"$out/charts/old.png"
	args=$(cat "$dir/args" 2>/dev/null || true)
	(cd "$tmp/tree" && state "tests/bad/$name" && state "$out" &&
	 outputs "$args" | while read -r o; do watch "$o"; done) >"$tmp/before" 2>&1
	# shellcheck disable=SC2086
	(cd "$tmp/tree" && exec "$bin" -o "$out/b.pdf" --charts "$out/charts" $args \
		"tests/bad/${name}/spec.md" >/dev/null 2>"$tmp/bad.err" </dev/null)
	rc=$?
	(cd "$tmp/tree" && state "tests/bad/$name" && state "$out" &&
	 outputs "$args" | while read -r o; do watch "$o"; done) >"$tmp/after" 2>&1
	got_msg=$(head -1 "$tmp/bad.err")
	if [ "$rc" != "$want_rc" ]; then bad "bad/$name: exit $rc, expected $want_rc ($got_msg)"
	elif [ "$got_msg" != "$want_msg" ]; then bad "bad/$name: message differs"
		echo "  expected: $want_msg"; echo "  got:      $got_msg"
	elif ! diff "$tmp/before" "$tmp/after" >"$tmp/diff"; then
		bad "bad/$name: the previous output, the case's files or an output folder changed" \
		    "(or a temporary was left):"
		head -20 "$tmp/diff"
	else ok; fi
	rm -rf "$case"
done
section "bad inputs (tests/bad/*/)" "$ran" "$(find tests/bad -mindepth 1 -maxdepth 1 -type d | wc -l)"

# --- 3. scripted cases: tests/cases/*.sh, each run with BIN and a scratch
# folder, exit 0 = pass.  A case that says it did not test something
# ("note: …", "skipping …") fails: make deps installs every tool they use.
ran=0
for t in tests/cases/*.sh; do
	[ -f "$t" ] || continue
	ran=$((ran + 1))
	mkdir -p "$tmp/case"
	if sh "$t" "$bin" "$tmp/case" >"$tmp/case.log" 2>&1; then
		if grep -Eiq '(^|[^a-z])(note|skip|skipped|skipping)([^a-z]|$)' "$tmp/case.log"; then
			bad "$(basename "$t") passed but says it skipped something:"
			grep -Ei '(^|[^a-z])(note|skip|skipped|skipping)([^a-z]|$)' "$tmp/case.log"
		else ok; fi
	else bad "$(basename "$t")"; tail -20 "$tmp/case.log"; fi
	chmod -R u+rwX "$tmp/case" 2>/dev/null
	rm -rf "$tmp/case"
done
section "scripted cases (tests/cases/*.sh)" "$ran" "$(ls tests/cases/*.sh 2>/dev/null | wc -l)"

echo "regress: $pass passed, $fail failed"
[ "$fail" = 0 ]
