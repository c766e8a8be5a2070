#!/bin/sh
# The default briefing: 4+ pages, every font embedded, qpdf-clean, text in
# Cyrillic and Azerbaijani extracted exactly, and the same bytes on a second
# run under a decimal-comma locale and another time zone.
set -eu
bin=$1 tmp=$2
"$bin" -q -o "$tmp/a.pdf" input/briefing.md
pages=$(pdfinfo "$tmp/a.pdf" | awk '/^Pages:/ { print $2 }')
[ "$pages" -ge 4 ] || { echo "only $pages pages"; exit 1; }
qpdf --check "$tmp/a.pdf" >/dev/null
pdffonts "$tmp/a.pdf" | tail -n +3 | awk '$(NF-4) != "yes" { print "not embedded: " $1; exit 1 }'
pdftotext "$tmp/a.pdf" "$tmp/a.txt"
for s in "Belarus – Azerbaijan" "Gəncə" "Борисовский" "1993" "424.4"; do
	grep -qF -- "$s" "$tmp/a.txt" || { echo "missing text: $s"; exit 1; }
done
# A decimal-comma locale built into a scratch folder (no system change needed).
mkdir -p "$tmp/loc"
localedef -i de_DE -f UTF-8 "$tmp/loc/de_DE.UTF-8" 2>/dev/null || true
[ -d "$tmp/loc/de_DE.UTF-8" ] || { echo "cannot build the de_DE.UTF-8 locale"; exit 1; }
LOCPATH=$tmp/loc LC_ALL=de_DE.UTF-8 TZ=Asia/Baku "$bin" -q -o "$tmp/b.pdf" input/briefing.md
cmp "$tmp/a.pdf" "$tmp/b.pdf"
