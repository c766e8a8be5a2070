#!/bin/sh
# Tagged PDF (issue 15), read back with poppler, qpdf and MuPDF, for the
# default briefing and a Russian one:
#  - pdfinfo says "Tagged: yes"; the structure tree (pdfinfo -struct-text)
#    has H1-H3 exactly as the outline has them, in the same order, the
#    paragraphs, a list (L, LI, Lbl, LBody), tables (Table, Caption,
#    THead/TH with /Scope /Column, TBody/TD), each chart a Figure named by
#    its title with its Caption inside and its source note the paragraph
#    after it, the contents list (TOC, TOCI, Link), all in reading order;
#    running heads and page numbers are not in it (artifacts);
#  - each chart's /Alt is its description from its data (qpdf --json), in
#    the briefing's language;
#  - the catalog's /Lang is the locale, spans marked [text](lang:ru) have
#    their own /Lang, the viewer shows the document's title;
#  - in the content, the contents entries come right after their heading,
#    before the body (pdftotext -raw, mutool draw -F txt), also when the
#    list goes on over a second page (whose stream for them is its first).
# tests/tools/pdfcheck.sh checks the plumbing (every painting tagged or an
# artifact, the parent tree) and PDF/A.
set -eu
bin=$1 tmp=$2
fail() { echo "tagged: $*"; exit 1; }

# headings PDF: "LEVEL TITLE" of the structure tree's H1-H3, in order
headings() {
	pdfinfo -struct-text "$1" | awk '
		h { sub(/^ *"/, ""); sub(/"$/, ""); print h, $0; h = ""; next }
		/^ *H[1-3] / { h = substr($1, 2) }'
}
# outline PDF: "LEVEL TITLE" of the outline's items, in order
outline() {
	mutool show "$1" outline | awk -F '\t' '{
		n = 0; while ($(n + 1) == "|" || $(n + 1) == "-" || $(n + 1) == "+" || $(n + 1) == "") n++
		t = $(n + 1); gsub(/^"|"$/, "", t); print n, t }'
}
# types PDF: the structure tree's element types, one a line, in order
types() {
	pdfinfo -struct-text "$1" | awk '$1 ~ /^[A-Z][A-Za-z0-9]*:?$/ { sub(/:$/, "", $1); print $1 }'
}
# alts PDF: every /Alt (qpdf decodes the text strings: "u:...")
alts() {
	qpdf --json=2 --json-key=qpdf "$1" | sed -n 's/^ *"\/Alt": "u:\(.*\)",\{0,1\}$/\1/p'
}
# in_order FILE LINE...: the lines occur in FILE in this order
in_order() {
	f=$1; shift
	awk -v n=$# 'BEGIN { for (i = 1; i <= n; i++) want[i] = ARGV[i + 1]; ARGC = 2; k = 1 }
		k <= n && index($0, want[k]) { k++ }
		END { if (k <= n) { print "missing, or out of order: " want[k]; exit 1 } }' "$f" "$@"
}

# --- the default briefing
"$bin" -q --no-chart-files -o "$tmp/a.pdf" input/briefing.md
pdfinfo "$tmp/a.pdf" | grep -q '^Tagged: *yes$' || fail "pdfinfo: not tagged"
headings "$tmp/a.pdf" >"$tmp/h"
outline "$tmp/a.pdf" >"$tmp/o"
[ "$(wc -l <"$tmp/h")" -ge 15 ] || fail "only $(wc -l <"$tmp/h") headings"
diff -u "$tmp/o" "$tmp/h" || fail "the headings are not the outline's"
head -3 "$tmp/h" | tr '\n' '|' | grep -qx '1 Contents|1 Trade turnover and its direction|2 Full years|' ||
	fail "first headings: $(head -3 "$tmp/h" | tr '\n' '|')"
pdfinfo -struct-text "$tmp/a.pdf" >"$tmp/s"
types "$tmp/a.pdf" >"$tmp/t"
for t in Document P H1 H2 TOC TOCI Link L LI Lbl LBody Table Caption THead TBody TR TH TD \
	 Figure Span; do
	grep -qx "$t" "$tmp/t" || fail "no $t element"
done
# reading order: cover, contents, the first section, its chart with the
# caption inside and the source after it, the statements table, a list
in_order "$tmp/s" '"Belarus – Azerbaijan Cooperation"' '"424.4 "' 'Trade turnover in 2021' \
	'H1 (block)' '"Contents"' 'TOC' '"Trade turnover and its direction 1"' '"Sources 7"' \
	'"Trade turnover and its direction"' 'H2 (block)' '"Full years"' \
	'Figure "Trade turnover in full years":' 'Caption' \
	'"Trade turnover in full years Goods, both directions.' \
	'"Sources: 313news.net, 2013' 'Figure "Trade by direction, where published":' \
	'Table (block):' 'Caption' 'Trade turnover as stated by officials' 'THead' '/Scope /Column' \
	'"Year"' 'TBody' '"Yagub Eyyubov"' \
	'Figure "Where the Borisov plant' 'L (block):' '/ListNumbering /Disc' 'Lbl' \
	'"by April 2018, 10,000 tractors' 'Figure "Tractors assembled in Ganja' \
	'"Sources"' '"Sources cited"' '"Input files"' >"$tmp/err" || fail "default: $(cat "$tmp/err")"
# (the report date is on the cover once, then in every footer)
! grep -q 'page [0-9]* of [0-9]*' "$tmp/s" && [ "$(grep -c '"14 June 2024"$' "$tmp/s")" = 1 ] ||
	fail "the running heads are in the structure tree, not artifacts"
# the five charts' descriptions, from their data
alts "$tmp/a.pdf" >"$tmp/alt"
grep -qxF "Bar chart, Trade turnover in full years, USD million: 2012 223.3; 2018 204.0; 2020 313.1; 2021 424.4. Highest 2021." "$tmp/alt" ||
	fail "the first chart's /Alt: $(head -1 "$tmp/alt")"
grep -qxF "Pie chart, Where the Borisov plant's output goes, mid-2022, % of output: Exported 60 (58 %); Belarusian Railways enterprises 33 (32 %); Spot purchases in Belarus 10 (9.7 %). Largest Exported." "$tmp/alt" ||
	fail "the pie's /Alt: $(sed -n 4p "$tmp/alt")"
[ "$(wc -l <"$tmp/alt")" = 5 ] || fail "$(wc -l <"$tmp/alt") /Alt entries, expected one per chart (5)"
# languages: the catalog's, and the spans the spec marks
qpdf --json=2 --json-key=qpdf "$tmp/a.pdf" >"$tmp/json"
tr -d ' \n' <"$tmp/json" | grep -q '"/Lang":"u:en","/MarkInfo":{"/Marked":true}' ||
	fail "the catalog lacks /Lang (en) or /MarkInfo"
[ "$(grep -c '"/Lang": "u:ru"' "$tmp/json")" = 3 ] && [ "$(grep -c '"/Lang": "u:az"' "$tmp/json")" = 2 ] ||
	fail "expected 3 spans in Russian and 2 in Azerbaijani"
in_order "$tmp/s" 'Span (inline)' '"ОАО «Борисовский шпалопропиточный завод»"' >/dev/null ||
	fail "the Russian name is not a Span"
tr -d ' \n' <"$tmp/json" | grep -q '"/ViewerPreferences":{"/DisplayDocTitle":true}' ||
	fail "no /DisplayDocTitle"
# the contents page reads in order: its heading, its entries, then the body
pdftotext -raw -f 2 -l 2 "$tmp/a.pdf" "$tmp/raw"
in_order "$tmp/raw" Contents 'Trade turnover and its direction 1' 'Full years 1' \
	'How to read the data 6' 'Sources 7' 'Figures on goods trade between' >"$tmp/err" ||
	fail "pdftotext -raw: $(cat "$tmp/err")"
mutool draw -q -F txt -o "$tmp/mu.txt" "$tmp/a.pdf" 2 2>/dev/null
in_order "$tmp/mu.txt" Contents 'Trade turnover and its direction' 'Full years' \
	'How to read the data' 'Sources' 'Figures on goods trade between' >"$tmp/err" ||
	fail "mutool draw -F txt: $(cat "$tmp/err")"

# --- a Russian briefing: its own words in the tree and the descriptions
mkdir -p "$tmp/ru"
cp tests/regress/locale.csv "$tmp/ru/"
cat >"$tmp/ru/ru.md" <<'MD'
---
title: Торговая сводка
locale: ru
toc: yes
---
# Торговля

Оборот рос пять лет подряд; [trade turnover](lang:en) — так это называют в отчётах.

## По годам

- первый пункт списка;
- второй пункт списка.

```table
data: locale.csv
columns: year, value
headers: Год, Значение
where: set = trade
caption: Торговля по годам
```

```chart
type: bar
data: locale.csv
x: year
y: value
where: set = trade
title: Оборот по годам
unit: млн долларов
```

# Регионы

Доли регионов.
MD
"$bin" -q --date 2022-06-14 -o "$tmp/ru.pdf" "$tmp/ru/ru.md"
pdfinfo "$tmp/ru.pdf" | grep -q '^Tagged: *yes$' || fail "ru: not tagged"
headings "$tmp/ru.pdf" >"$tmp/h"
outline "$tmp/ru.pdf" >"$tmp/o"
diff -u "$tmp/o" "$tmp/h" || fail "ru: the headings are not the outline's"
pdfinfo -struct-text "$tmp/ru.pdf" >"$tmp/s"
in_order "$tmp/s" '"Торговая сводка"' '"Содержание"' 'TOCI' '"Торговля 1"' \
	'H1 (block)' '"Торговля"' 'P (block)' 'Span (inline)' '"trade turnover"' \
	'H2 (block)' '"По годам"' 'L (block):' 'LBody' '"первый пункт списка;"' \
	'Table (block):' '"Торговля по годам"' 'TH' '"Год"' 'TD' '"2019"' \
	'Figure "' 'Caption' '"Оборот по годам ' \
	'"Источник' '"Регионы"' '"Доли регионов."' '"Источники"' >"$tmp/err" || fail "ru: $(cat "$tmp/err")"
alts "$tmp/ru.pdf" >"$tmp/alt"
nb=$(printf '\302\240') # thousands are grouped with a no-break space in Russian
grep -qxF "Столбчатая диаграмма, Оборот по годам, млн долларов: 2019 8${nb}120,40; 2020 9${nb}874,25; 2021 12${nb}345,60; 2022 15${nb}002,00; 2023 17${nb}250,75. Максимум: 2023." "$tmp/alt" ||
	fail "ru: the chart's /Alt: $(cat "$tmp/alt")"
qpdf --json=2 --json-key=qpdf "$tmp/ru.pdf" >"$tmp/json"
# (pdfinfo prints a title in UTF-16 as its raw bytes: qpdf reads it)
grep -q '"/T": "u:Оборот по годам"' "$tmp/json" || fail "ru: the Figure's /T is not the chart's title"
tr -d ' \n' <"$tmp/json" | grep -q '"/Lang":"u:ru","/MarkInfo"' || fail "ru: the catalog's /Lang is not ru"
grep -q '"/Lang": "u:en"' "$tmp/json" || fail "ru: the English span has no /Lang en"
# --- a contents list over two pages, no cover: on its second page the
# entries' stream is the page's first (libharu deflated an empty stream to
# nothing: MuPDF said "premature end of data in flate filter")
{ printf -- '---\ntitle: Long contents\ncover: no\ntoc: yes\n---\n'
  i=1; while [ $i -le 45 ]; do printf '# Section %d\n\nText %d.\n\n' $i $i; i=$((i + 1)); done; } >"$tmp/long.md"
"$bin" -q --date 2022-06-14 -o "$tmp/long.pdf" "$tmp/long.md"
mutool draw -q -o /dev/null "$tmp/long.pdf" 2>&1 | grep -v 'ICC support' >"$tmp/err" || true
[ ! -s "$tmp/err" ] || fail "long contents: mutool: $(cat "$tmp/err")"
pdftotext -raw -f 2 -l 2 "$tmp/long.pdf" "$tmp/raw"
in_order "$tmp/raw" 'Section 30 5' 'Section 45 6' 'Section 1' 'Text 1.' >"$tmp/err" ||
	fail "long contents, page 2: $(cat "$tmp/err")"
sh tests/tools/pdfcheck.sh "$tmp/a.pdf" "$tmp/ru.pdf" "$tmp/long.pdf"
