#!/bin/sh
# Regression runs: build PDFs from the specs in tests/regress/ and check them;
# run the bad inputs in tests/bad/ and check exit code, first diagnostic line,
# and that a previous output file is left untouched.
#   sh tests/regress.sh BINARY        (from the repository root)
#   REGEN=1 sh tests/regress.sh ...   rewrite the expected text files (review the diff!)
set -u
bin=${1:-./briefing}
# Built binaries live in build/ or build-asan/, away from fonts/: say where it is.
BRIEFING_FONTS=${BRIEFING_FONTS:-$PWD/fonts}
export BRIEFING_FONTS
BRIEFING_TEMPLATE=${BRIEFING_TEMPLATE:-$PWD/input}
export BRIEFING_TEMPLATE
# Messages are compared exactly: keep them untranslated.
LC_ALL=C.UTF-8
export LC_ALL
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

# --- good specs: tests/regress/NAME.md, expected tests/regress/NAME.txt (pdftotext)
# and optional tests/regress/NAME.pages (page count).
for spec in tests/regress/*.md; do
	name=$(basename "$spec" .md)
	pdf=$tmp/$name.pdf
	if ! "$bin" -q --date 2022-06-14 -o "$pdf" "$spec" 2>"$tmp/$name.err"; then
		bad "$name: exit $? ($(head -1 "$tmp/$name.err"))"; continue
	fi
	[ -s "$tmp/$name.err" ] && { bad "$name: printed on stderr with -q:"; cat "$tmp/$name.err"; }
	pdftotext "$pdf" "$tmp/$name.txt" 2>/dev/null
	if [ "${REGEN:-}" = 1 ]; then cp "$tmp/$name.txt" "tests/regress/$name.txt"; fi
	if diff -u "tests/regress/$name.txt" "$tmp/$name.txt" >"$tmp/diff"; then ok
	else bad "$name: text differs"; head -40 "$tmp/diff"; fi
	if qpdf --check "$pdf" >/dev/null 2>&1; then ok; else bad "$name: qpdf --check"; fi
	if pdffonts "$pdf" 2>/dev/null | tail -n +3 | awk '$(NF-4) != "yes" { exit 1 }' \
	   && [ "$(pdffonts "$pdf" 2>/dev/null | tail -n +3 | wc -l)" -gt 0 ]; then ok
	else bad "$name: a font is not embedded"; pdffonts "$pdf"; fi
	if [ -f "tests/regress/$name.pages" ]; then
		want=$(cat "tests/regress/$name.pages")
		got=$(pdfinfo "$pdf" 2>/dev/null | awk '/^Pages:/ { print $2 }')
		if [ "$want" = "$got" ]; then ok; else bad "$name: $got pages, expected $want"; fi
	fi
done

# --- bad inputs: tests/bad/NAME/ holds spec.md (and its CSVs), optional args
# (extra command-line words), and expected: line 1 the exit code, line 2 the
# first line printed on stderr.  An optional make.sh is run in the case's
# folder first, to generate inputs too big to commit (a 10 MB line); what it
# makes is listed in the case's own .gitignore.
for dir in tests/bad/*/; do
	name=$(basename "$dir")
	[ -f "$dir/expected" ] || continue
	if [ -f "$dir/make.sh" ] && ! (cd "$dir" && sh ./make.sh); then
		bad "bad/$name: make.sh failed"; continue
	fi
	want_rc=$(sed -n 1p "$dir/expected")
	want_msg=$(sed -n 2p "$dir/expected")
	out=$tmp/bad-$name.pdf
	printf 'previous output\n' >"$out"
	args=$(cat "$dir/args" 2>/dev/null || true)
	# shellcheck disable=SC2086
	"$bin" -o "$out" $args "${dir}spec.md" >/dev/null 2>"$tmp/bad.err" </dev/null
	rc=$?
	got_msg=$(head -1 "$tmp/bad.err")
	if [ "$rc" != "$want_rc" ]; then bad "bad/$name: exit $rc, expected $want_rc ($got_msg)"
	elif [ "$got_msg" != "$want_msg" ]; then bad "bad/$name: message differs"
		echo "  expected: $want_msg"; echo "  got:      $got_msg"
	elif [ "$(cat "$out")" != "previous output" ]; then bad "bad/$name: previous output changed"
	else ok; fi
	ls "$tmp"/.bad-"$name".pdf.* >/dev/null 2>&1 && bad "bad/$name: temporary file left behind"
done

# --- scripted cases: tests/cases/*.sh, each run with BIN and a scratch folder,
# exit 0 = pass.
for t in tests/cases/*.sh; do
	[ -f "$t" ] || continue
	mkdir -p "$tmp/case"
	if sh "$t" "$bin" "$tmp/case" >"$tmp/case.log" 2>&1; then ok
	else bad "$(basename "$t")"; tail -20 "$tmp/case.log"; fi
	rm -rf "$tmp/case"
done

echo "regress: $pass passed, $fail failed"
[ "$fail" = 0 ]
