#!/bin/sh
# Reproducible without a date in the spec: the report date comes from
# SOURCE_DATE_EPOCH (or --date), and the same inputs and command line give
# byte-identical PDF, PNG and SVG files run after run, under a decimal-comma
# locale and another time zone.  (Each run writes the same names, since the
# PDF may quote its command line; the results are moved aside.)
set -eu
bin=$1 tmp=$2
spec=tests/regress/charts.md   # no date: in its front matter
! grep -q '^date:' "$spec" || { echo "$spec has a date:"; exit 1; }
mkdir -p "$tmp/loc"
localedef -i de_DE -f UTF-8 "$tmp/loc/de_DE.UTF-8" 2>/dev/null || true
[ -d "$tmp/loc/de_DE.UTF-8" ] || { echo "cannot build the de_DE.UTF-8 locale"; exit 1; }

# run NAME [ARGS...]: one run into out.pdf + charts/, kept as NAME.pdf + NAME/
run() {
	name=$1; shift
	"$bin" -q -o "$tmp/out.pdf" --charts "$tmp/charts" "$@" "$spec"
	mv "$tmp/out.pdf" "$tmp/$name.pdf"
	mv "$tmp/charts" "$tmp/$name"
}
# 1655164800 = 2022-06-14T00:00:00Z; in Baku (UTC+4) the clock says 04:00,
# in Los Angeles still 13 June.
SOURCE_DATE_EPOCH=1655164800 run a
sleep 1
SOURCE_DATE_EPOCH=1655164800 LOCPATH=$tmp/loc LC_ALL=de_DE.UTF-8 TZ=Asia/Baku run b
SOURCE_DATE_EPOCH=1655164800 TZ=America/Los_Angeles run c
cmp "$tmp/a.pdf" "$tmp/b.pdf"
cmp "$tmp/a.pdf" "$tmp/c.pdf"
diff -r "$tmp/a" "$tmp/b"
diff -r "$tmp/a" "$tmp/c"
[ "$(ls "$tmp/a" | wc -l)" = 14 ] || { echo "expected 14 chart files: $(ls "$tmp/a")"; exit 1; }
pdftotext "$tmp/a.pdf" - | grep -q "14 June 2022" || { echo "report date not 14 June 2022"; exit 1; }
pdfinfo "$tmp/a.pdf" | grep -q "^CreationDate:.*Jun 14 .*2022" || { echo "CreationDate wrong"; pdfinfo "$tmp/a.pdf"; exit 1; }
# --date gives the same date the same way, twice
LC_ALL=C run d --date 2022-06-14
LOCPATH=$tmp/loc LC_ALL=de_DE.UTF-8 TZ=Asia/Baku run e --date 2022-06-14
cmp "$tmp/d.pdf" "$tmp/e.pdf"
diff -r "$tmp/a" "$tmp/d"
diff -r "$tmp/d" "$tmp/e"
pdftotext "$tmp/d.pdf" - | grep -q "14 June 2022" || { echo "--date not used"; exit 1; }
# another day gives another PDF (the date is really used)
SOURCE_DATE_EPOCH=1655251200 run f
! cmp -s "$tmp/a.pdf" "$tmp/f.pdf" || { echo "SOURCE_DATE_EPOCH ignored"; exit 1; }
