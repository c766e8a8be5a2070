#!/bin/sh
# The finished document's structure, on tests/regress/document.md and
# tests/regress/flow.md: outline entries nested by level, each landing on the
# page that shows its heading; the contents list's numbers and links agree
# with the outline; internal and external links; page labels (i, then 1…);
# the viewer opens on page 1 with the outline shown; metadata; "page N of M"
# on every page but the cover; no heading, table caption or table header
# last on a page in a spec built to provoke it; the sources page lists every
# source and every input's SHA-256.
set -eu
bin=$1 tmp=$2
fail() { echo "document.sh: $*"; exit 1; }
pdf=$tmp/doc.pdf
"$bin" -q --date 2022-06-14 -o "$pdf" tests/regress/document.md
pages=$(pdfinfo "$pdf" | awk '/^Pages:/ { print $2 }')
[ "$pages" = 3 ] || fail "$pages pages, expected 3"

# --- outline: title, depth and page of each entry, in order
mutool show "$pdf" outline >"$tmp/outline.raw"
awk -F'\t' '{ depth = NF - 3; t = $(NF - 1); gsub(/"/, "", t)
	      p = $NF; sub(/^#page=/, "", p); sub(/&.*/, "", p); print depth "\t" t "\t" p }' \
	"$tmp/outline.raw" >"$tmp/outline"
cat >"$tmp/outline.want" <<'EOF'
0	Contents
0	Trade
1	Figures in a table
0	More figures
0	Notes
1	First note
1	Second note
0	Sources
1	Sources cited
1	Input files
1	How this document was made
EOF
cut -f1,2 "$tmp/outline" | diff -u "$tmp/outline.want" - || fail "outline entries differ"
# each entry's page shows its heading as a line of its own
while IFS='	' read -r depth title page; do
	pdftotext -f "$page" -l "$page" "$pdf" - | grep -qxF -- "$title" ||
		fail "outline \"$title\" goes to page $page, which does not show it"
done <"$tmp/outline"
page_of() { awk -F'\t' -v t="$1" '$2 == t { print $3; exit }' "$tmp/outline"; }

# --- the contents list on page 2: "Title  N", N the body page number
pdftotext -layout -f 2 -l 2 "$pdf" - |
	awk '/^Contents$/ { on = 1; next } on && /^Trade$/ { exit }
	     on && NF > 1 && $NF ~ /^[0-9]+$/ { n = $NF; $NF = ""; sub(/^ +/, ""); sub(/ +$/, "")
						print $0 "\t" n }' >"$tmp/toc"
[ "$(wc -l <"$tmp/toc")" = 7 ] || { cat "$tmp/toc"; fail "contents list has not 7 entries"; }
while IFS='	' read -r title n; do
	[ "$(page_of "$title")" = $((n + 1)) ] ||
		fail "contents says \"$title\" is on page $n, the outline says page $(page_of "$title")"
done <"$tmp/toc"

# --- links (mupdf's JavaScript): page, target, box
cat >"$tmp/links.js" <<'EOF'
var doc = new Document(scriptArgs[0]);
for (var i = 0; i < doc.countPages(); i++) {
	var links = doc.loadPage(i).getLinks();
	for (var k = 0; k < links.length; k++) {
		var b = links[k].bounds;
		print((i + 1) + "\t" + links[k].uri + "\t" + b[0].toFixed(1) + "\t" +
		      b[1].toFixed(1) + "\t" + b[2].toFixed(1));
	}
}
EOF
mutool run "$tmp/links.js" "$pdf" >"$tmp/links"
# contents entries: links across the full width on page 2, top to bottom,
# each to the page the outline gives for that entry
awk -F'\t' '$1 == 2 && $5 > 538 && $2 ~ /^#page=/ { p = $2; sub(/^#page=/, "", p)
	sub(/&.*/, "", p); print $4 "\t" p }' "$tmp/links" | sort -n | cut -f2 >"$tmp/toc.links"
while IFS='	' read -r title n; do page_of "$title"; done <"$tmp/toc" >"$tmp/toc.pages"
diff -u "$tmp/toc.pages" "$tmp/toc.links" || fail "contents links do not match the outline"
# [the table](#figures-in-a-table) and [the notes](#notes) in the text
awk -F'\t' '$1 == 2 && $5 <= 538 && $2 ~ /^#page=/ { p = $2; sub(/^#page=/, "", p)
	sub(/&.*/, "", p); print p }' "$tmp/links" | sort -u >"$tmp/text.links"
printf '%s\n%s\n' "$(page_of "Figures in a table")" "$(page_of "Notes")" | sort -u |
	diff -u - "$tmp/text.links" || fail "internal links do not land on their headings"
grep -q "	https://example.org/	" "$tmp/links" || fail "no external link"

# --- page labels, page mode, opening page
qpdf --json --json-key=pagelabels "$pdf" | tr -d ' \n' >"$tmp/labels"
grep -qF '"index":0,"label":{"/S":"/r","/St":1}' "$tmp/labels" || fail "cover not labelled i"
grep -qF '"index":1,"label":{"/S":"/D","/St":1}' "$tmp/labels" || fail "body not labelled 1…"
qpdf --json --json-key=qpdf "$pdf" | grep -q '"/PageMode": "/UseOutlines"' ||
	fail "the outline is not shown on opening"
open=$(qpdf --show-object=trailer "$pdf" | sed -n 's|.*/Root \([0-9]*\) 0 R.*|\1|p')
dest=$(qpdf --show-object="$open" "$pdf" | sed -n 's|.*/OpenAction \([0-9]*\) 0 R.*|\1|p')
first=$(qpdf --show-npages "$pdf" >/dev/null && qpdf --show-pages "$pdf" |
	sed -n 's|^page 1: \([0-9]*\) 0 R|\1|p')
qpdf --show-object="$dest" "$pdf" | grep -q "^\[ $first 0 R /Fit \]" ||
	fail "the PDF does not open on page 1"

# --- metadata
pdfinfo -isodates "$pdf" >"$tmp/info"
version=$("$bin" --version)
for want in "Title:           A Finished Document" \
	    "Subject:         Cover, key figures, contents and sources" \
	    "Author:          Test desk" "Keywords:        cover, tiles, contents, sources" \
	    "Creator:         $version" "CreationDate:    2022-06-14T00:00:00Z"; do
	grep -qxF -- "$want" "$tmp/info" || fail "pdfinfo lacks: $want"
done

# --- running footers: none on the cover, "page N of M" on the others
pdftotext -f 1 -l 1 "$pdf" - | grep -q "^page [0-9]* of" && fail "footer on the cover"
for p in $(seq 2 "$pages"); do
	pdftotext -f "$p" -l "$p" "$pdf" - | grep -qx "page $((p - 1)) of $((pages - 1))" ||
		fail "page $p lacks \"page $((p - 1)) of $((pages - 1))\""
	pdftotext -f "$p" -l "$p" "$pdf" - | grep -qx "14 June 2022" || fail "page $p lacks the date"
done

# --- the sources page: every source of the data, every input's checksum
pdftotext -f "$pages" -l "$pages" "$pdf" "$tmp/sources.txt"
grep -qx "Sources" "$tmp/sources.txt" || fail "no sources page"
tail -n +2 tests/regress/document.csv | awk -F, '{ print $NF }' | sort -u |
while read -r src; do
	grep -qF -- "$src" "$tmp/sources.txt" || fail "sources page lacks \"$src\""
done
for f in tests/regress/document.md tests/regress/document.csv; do
	grep -qF "$(sha256sum "$f" | cut -d' ' -f1)" "$tmp/sources.txt" ||
		fail "sources page lacks the SHA-256 of $f"
done
grep -qxF "briefing --date 2022-06-14 tests/regress/document.md" "$tmp/sources.txt" ||
	fail "sources page lacks the command"

# --- flow: no heading, table caption or table header last on a page
flow=$tmp/flow.pdf
"$bin" -q --date 2022-06-14 -o "$flow" tests/regress/flow.md
n=$(pdfinfo "$flow" | awk '/^Pages:/ { print $2 }')
for p in $(seq 1 "$n"); do
	last=$(pdftotext -layout -f "$p" -l "$p" "$flow" - |
	       grep -v '^[[:space:]]*$' | grep -v 'page [0-9]* of [0-9]*$' | tail -1)
	case $last in
	*Heading*|*"Part "*|*"Table caption"*|*"id region"*|*"Flow rules"*)
		fail "page $p ends with \"$last\"";;
	esac
done
# h1-new-page: each Part starts a page (right under the running header)
for part in 2 3; do
	p=$(for q in $(seq 1 "$n"); do
		pdftotext -layout -f "$q" -l "$q" "$flow" - | grep -v '^[[:space:]]*$' |
		sed -n 2p | grep -qx "Part $part" && echo "$q"; done; true)
	[ -n "$p" ] || fail "Part $part does not start a page"
done
exit 0
