#!/bin/sh
# PDF/A-1b (issue 15): Apache PDFBox Preflight, run exactly as the issue
# gives it, says the default briefing "is a valid PDF/A-1b file"; and what
# it rests on, read back with qpdf and poppler: PDF 1.4, an sRGB output
# intent with the ICC profile embedded, XMP metadata that says what the
# Info dictionary says (and pdfaid part 1, conformance B), a trailer /ID
# made from the content (the same for the same input, another for another
# report date), no transparency, every link printable with a description,
# outline items with direct destinations.  (The regression PDFs, the ru and
# az ones among them, are validated in tests/regress.sh; the README
# tutorial's in readme_tutorial.sh.)
set -eu
bin=$1 tmp=$2
fail() { echo "pdfa: $*"; exit 1; }
j=/usr/share/java
cp=$j/preflight.jar:$j/pdfbox2.jar:$j/fontbox2.jar:$j/xmpbox.jar:$j/commons-logging.jar:$j/javax.activation.jar:$j/jaxb-api.jar

"$bin" -q --no-chart-files -o "$tmp/a.pdf" input/briefing.md
java -cp "$cp" org.apache.pdfbox.preflight.Validator_A1b "$tmp/a.pdf" >"$tmp/pf" 2>&1 || true
grep -qx "The file a.pdf is a valid PDF/A-1b file" "$tmp/pf" ||
	{ cat "$tmp/pf"; fail "Preflight: not a valid PDF/A-1b file"; }

pdfinfo "$tmp/a.pdf" >"$tmp/info"
grep -q '^PDF version: *1.4$' "$tmp/info" || fail "not PDF 1.4"
qpdf --json=2 --json-key=qpdf "$tmp/a.pdf" >"$tmp/json"
tr -d '\n' <"$tmp/json" | sed 's/  */ /g; s/ *\([][{}:,]\) */\1/g' >"$tmp/flat"
grep -q '"/OutputIntents":\[{"/DestOutputProfile":"[0-9]* 0 R","/Info":"u:sRGB IEC61966-2.1","/OutputConditionIdentifier":"u:sRGB IEC61966-2.1","/RegistryName":"u:http://www.color.org","/S":"/GTS_PDFA1","/Type":"/OutputIntent"}\]' "$tmp/flat" ||
	fail "no sRGB output intent"
prof=$(sed -n 's/.*"\/DestOutputProfile":"\([0-9]*\) 0 R".*/\1/p' "$tmp/flat")
qpdf --show-object="$prof" --filtered-stream-data "$tmp/a.pdf" | cmp - icc/sRGB.icc ||
	fail "the output intent's profile is not icc/sRGB.icc"
cmp icc/sRGB.icc /usr/share/color/icc/sRGB.icc || fail "icc/sRGB.icc is not icc-profiles-free's"
! grep -q '"/ca"\|"/CA"\|"/SMask"' "$tmp/json" || fail "transparency in the PDF"
# XMP = Info: title, author, subject, keywords, dates with their zone
pdfinfo -meta "$tmp/a.pdf" >"$tmp/xmp"
for s in '<dc:title><rdf:Alt><rdf:li xml:lang="x-default">Belarus – Azerbaijan Cooperation</rdf:li></rdf:Alt></dc:title>' \
	 '<dc:creator><rdf:Seq><rdf:li>Briefing desk, compiled from published news reports</rdf:li></rdf:Seq></dc:creator>' \
	 '<xmp:CreateDate>2024-06-14T00:00:00+00:00</xmp:CreateDate>' \
	 '<pdf:Producer>Haru Free PDF Library 2.3.0</pdf:Producer>' \
	 '<dc:language><rdf:Bag><rdf:li>en</rdf:li></rdf:Bag></dc:language>' \
	 '<pdfaid:part>1</pdfaid:part>' '<pdfaid:conformance>B</pdfaid:conformance>'; do
	grep -qF "$s" "$tmp/xmp" || fail "XMP lacks $s"
done
grep -q '^Title: *Belarus – Azerbaijan Cooperation$' "$tmp/info" || fail "Info title"
# XML special characters in the Info values are escaped in the XMP
cat >"$tmp/amp.md" <<'MD'
---
title: Trade & <goods>
keywords: a & b
---
Text.
MD
"$bin" -q --date 2022-06-14 -o "$tmp/amp.pdf" "$tmp/amp.md"
pdfinfo -meta "$tmp/amp.pdf" | grep -qF 'Trade &amp; &lt;goods&gt;</rdf:li>' || fail "XMP not escaped"
# every link: Print flag and /Contents; outline destinations direct
[ "$(grep -c '"/Subtype": "/Link"' "$tmp/json")" -ge 19 ] || fail "links missing"
[ "$(grep -c '"/F": 4,' "$tmp/json")" = "$(grep -c '"/Subtype": "/Link"' "$tmp/json")" ] ||
	fail "a link without the Print flag"
qpdf --json=2 --json-key=outlines "$tmp/a.pdf" | grep -q '"dest": \[$' || fail "outline without /Dest"
[ "$(grep -o '"/Dest":\[[^{}]*"/Title"' "$tmp/flat" | wc -l)" -ge 20 ] ||
	fail "outline items without a direct /Dest"
! grep -q '"/Dest":"[0-9]* 0 R"[^{}]*"/Title"' "$tmp/flat" || fail "an outline /Dest given by reference"
# the trailer /ID: from the content, so equal inputs give equal IDs
id() { qpdf --show-object=trailer "$1" | sed -n 's/.*\/ID \[ <\([0-9a-fA-F]*\)>.*/\1/p'; }
a=$(id "$tmp/a.pdf")
[ "${#a}" = 32 ] || fail "no trailer /ID"
sleep 1
"$bin" -q --no-chart-files -o "$tmp/b.pdf" input/briefing.md
[ "$(id "$tmp/b.pdf")" = "$a" ] || fail "the /ID changed between two runs"
"$bin" -q --no-chart-files --date 2024-06-15 -o "$tmp/c.pdf" input/briefing.md
[ "$(id "$tmp/c.pdf")" != "$a" ] || fail "the /ID does not depend on the content"
