#!/bin/sh
# SOURCE_DATE_EPOCH gives the report date when neither --date nor the
# front matter does, within the bounds of --date (0001-01-01 to
# 9999-12-31): outside them, or not a plain integer, it is exit 64 with
# the bounds named, before anything is written.
set -u
bin=$1 tmp=$2
fail=0
printf -- '---\ntitle: Dates\n---\n# Body\n\nText.\n' >"$tmp/s.md"
range='(-62135596800 to 253402300799: 0001-01-01 to 9999-12-31, as for --date)'

# sde VALUE WANT_RC [WANT_MSG]
sde() {
	rm -f "$tmp/o.pdf"
	SOURCE_DATE_EPOCH=$1 "$bin" -q --no-chart-files -o "$tmp/o.pdf" "$tmp/s.md" 2>"$tmp/err"
	rc=$?
	if [ "$rc" != "$2" ] || [ "$(head -1 "$tmp/err")" != "${3:-}" ]; then
		echo "SOURCE_DATE_EPOCH=$1: exit $rc: $(head -1 "$tmp/err")"; fail=1
	fi
	if [ "$2" != 0 ] && [ -e "$tmp/o.pdf" ]; then echo "SOURCE_DATE_EPOCH=$1: wrote a PDF"; fail=1; fi
}

sde 253402300799 0
# the last second of 9999-12-31, and the PDF says so
pdftotext "$tmp/o.pdf" - | grep -q '31 December 9999' || { echo "no 31 December 9999"; fail=1; }
qpdf --qdf --object-streams=disable "$tmp/o.pdf" - | grep -aq '/CreationDate (D:99991231' ||
	{ echo "no CreationDate 9999-12-31"; fail=1; }
sde -62135596800 0
pdftotext "$tmp/o.pdf" - | grep -q '1 January 1$' || { echo "no 1 January 1"; fail=1; }
sde 253402300800 64 "briefing: error: SOURCE_DATE_EPOCH is out of range $range: 253402300800"
sde -62135596801 64 "briefing: error: SOURCE_DATE_EPOCH is out of range $range: -62135596801"
sde 99999999999999999999 64 \
	"briefing: error: SOURCE_DATE_EPOCH is out of range $range: 99999999999999999999"
sde 12abc 64 "briefing: error: SOURCE_DATE_EPOCH is not a number of seconds: 12abc"
sde ' 5' 64 "briefing: error: SOURCE_DATE_EPOCH is not a number of seconds:  5"
sde +5 64 "briefing: error: SOURCE_DATE_EPOCH is not a number of seconds: +5"
exit $fail
