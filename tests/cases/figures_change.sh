#!/bin/sh
# Key-figure tiles with a change (issue 18): "name: caption; change_name"
# shows the second value small under the big number, with ▲ above zero, ▼
# below and no arrow at zero, in the value's sign-dependent format; in the
# PDF (text and geometry from pdftotext -bbox: number, change, caption top to
# bottom, the change smaller than the number), the summary and the --mail
# HTML.  A caption whose text after ";" is not a value name keeps it.
set -eu
bin=$1 tmp=$2
fail() { echo "figures_change: $*"; exit 1; }

cat >"$tmp/t.csv" <<'CSV'
period,value,source
2020,313.1,Azernews
2021,424.4,Belta
2022,407.4,Invented for a test
CSV
cat >"$tmp/f.md" <<MD
---
title: Changes
---
\`\`\`values
[t2020]
data: $tmp/t.csv
value: value
where: period = 2020
format: %.1f
[t2021]
data: $tmp/t.csv
value: value
where: period = 2021
format: %.1f
[t2022]
data: $tmp/t.csv
value: value
where: period = 2022
format: %.1f
[up]
expr: (t2021 - t2020) / t2020 * 100
format: %.1f %% on 2020;%.1f %% on 2020;unchanged on 2020
[down]
expr: (t2022 - t2021) / t2021 * 100
format: %.1f %% on 2021;%.1f %% on 2021;unchanged on 2021
[flat]
expr: t2021 - t2021
format: up %.1f;down %.1f;unchanged
\`\`\`

\`\`\`figures
t2021: Turnover in 2021; up
t2022: Turnover in 2022 ; down
t2020: Turnover in 2020;flat
t2020: Semicolon; kept as written
\`\`\`

# Body

Text.
MD
"$bin" -q --date 2024-06-14 -o "$tmp/f.pdf" --summary "$tmp/s.txt" --mail "$tmp/m.eml" \
	--mail-from "a@example.org" --mail-to "b@example.org" "$tmp/f.md" || fail "exit $?"

pdftotext -f 1 -l 1 -bbox "$tmp/f.pdf" - | awk '
	/<word / {
		match($0, /yMin="[0-9.]+"/); y0 = substr($0, RSTART + 6, RLENGTH - 7)
		match($0, /yMax="[0-9.]+"/); y1 = substr($0, RSTART + 6, RLENGTH - 7)
		match($0, /xMin="[0-9.]+"/); x = substr($0, RSTART + 6, RLENGTH - 7)
		w = $0; sub(/^.*">/, "", w); sub(/<\/word>.*$/, "", w)
		printf "%s %.1f %.1f %.1f\n", w, x, y0, y1 }' >"$tmp/w"
# at WORD N: field N (2 x, 3 top, 4 bottom) of WORD's first occurrence
at() { awk -v w="$1" -v n="$2" '$1 == w { print $n; exit }' "$tmp/w"; }
lt() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a + 0 < b + 0) }'; }

for t in "424.4 ▲ 35.5 on 2020 Turnover" "407.4 ▼ 4.0 on 2021 Turnover"; do
	set -- $t
	num=$1 arrow=$2 pct=$3
	[ "$(at "$arrow" 1)" = "$arrow" ] || fail "no $arrow on the cover"
	[ "$(at "$pct" 1)" = "$pct" ] || fail "no change $pct on the cover"
	# the number, then the change under it, then the caption, in one column
	lt "$(at "$num" 4)" "$(at "$pct" 3)" || fail "the change $pct is not under $num"
	[ "$(at "$arrow" 2)" = "$(at "$num" 2)" ] || fail "$arrow does not start where $num does"
	h_num=$(awk -v a="$(at "$num" 4)" -v b="$(at "$num" 3)" 'BEGIN { print a - b }')
	h_pct=$(awk -v a="$(at "$pct" 4)" -v b="$(at "$pct" 3)" 'BEGIN { print a - b }')
	lt "$h_pct" "$h_num" || fail "the change $pct ($h_pct pt) is not smaller than $num ($h_num pt)"
done
# each caption under its change
awk '$1 == "Turnover" { print $3 }' "$tmp/w" | head -1 >"$tmp/cap"
lt "$(at 35.5 4)" "$(cat "$tmp/cap")" || fail "the caption is not under the change"
text=$(pdftotext -f 1 -l 1 "$tmp/f.pdf" -)
echo "$text" | grep -qx "unchanged" || fail "no 'unchanged' for a change of zero"
! echo "$text" | grep -q "[▲▼] unchanged" || fail "an arrow on a change of zero"
echo "$text" | grep -q "Semicolon; kept as written" || fail "a caption's own ';' was taken for a change"
# the structure reads each tile as one paragraph, parts apart
pdfinfo -struct-text "$tmp/f.pdf" | grep -A1 '"424.4 ▲ 35.5 % on 2020 "' | tail -1 |
	grep -q '"Turnover in 2021"' ||
	fail "the tagged text of the tile: $(pdfinfo -struct-text "$tmp/f.pdf" | grep -A1 424.4)"

grep -qx -- "- Turnover in 2021: 424.4 (▲ 35.5 % on 2020)" "$tmp/s.txt" || fail "summary: $(grep 2021 "$tmp/s.txt")"
grep -qx -- "- Turnover in 2022: 407.4 (▼ 4.0 % on 2021)" "$tmp/s.txt" || fail "summary: $(grep 2022 "$tmp/s.txt")"
grep -qx -- "- Turnover in 2020: 313.1 (unchanged)" "$tmp/s.txt" || fail "summary: $(grep 2020 "$tmp/s.txt")"

python3 - "$tmp/m.eml" <<'PY' || fail "the e-mail's HTML tiles lack the changes"
import email, email.policy, sys
msg = email.message_from_binary_file(open(sys.argv[1], "rb"), policy=email.policy.default)
html = msg.get_body(preferencelist=("html",)).get_content()
for want in ("▲ 35.5 % on 2020", "▼ 4.0 % on 2021"):
    i = html.find(want)
    assert i > 0, want
    # under the number and above the caption
    assert html.rfind("424.4" if "35" in want else "407.4", 0, i) > 0
    assert html.find("Turnover in", i) > i
PY

# the default briefing uses it, with the figures of its sources (2021 on 2020)
"$bin" -q --no-chart-files -o "$tmp/d.pdf" input/briefing.md || fail "default: exit $?"
pdftotext -f 1 -l 1 "$tmp/d.pdf" - | grep -qx "▲ 35.5 % on 2020" || fail "default: no change under 424.4"
echo "figures_change: ▲ ▼ and unchanged in the PDF, the summary and the e-mail"
