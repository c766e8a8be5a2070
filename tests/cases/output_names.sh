#!/bin/sh
# Output names and counts:
#  1. a legal 250-byte (and 255-byte) PDF name is written: the temporary's
#     name is shortened, not the user's;
#  2. 260 charts (520 chart files, past the old 512-file table) are written;
#  3. charts named x, x and x-2 get three different files (x, x-3, x-2);
#  4. -o naming one of the fonts (through a symlinked folder) is refused
#     (64, naming both) and the font is unchanged.
set -u
bin=$1 tmp=$2
fail=0

# --- 1. long names
long=$(printf '%0250d' 0 | tr 0 n)
"$bin" -q --no-chart-files -o "$tmp/$long" input/briefing.md 2>"$tmp/err" ||
	{ echo "1: 250-byte name: exit $?: $(head -1 "$tmp/err")"; fail=1; }
[ -s "$tmp/$long" ] || { echo "1: no $long"; fail=1; }
long=$(printf '%0255d' 0 | tr 0 m)
"$bin" -q --no-chart-files -o "$tmp/$long" input/briefing.md 2>"$tmp/err" ||
	{ echo "1: 255-byte name: exit $?: $(head -1 "$tmp/err")"; fail=1; }
"$bin" -q --no-chart-files -o "$tmp/$long" input/briefing.md 2>"$tmp/err" ||
	{ echo "1: 255-byte name, replaced: exit $?: $(head -1 "$tmp/err")"; fail=1; }
[ "$(ls -A "$tmp" | grep -c '^\.')" = 0 ] || { echo "1: temporary left"; fail=1; }

# --- 2. many charts: tiny bar charts of a three-line CSV, PNGs at 36 dpi
mkdir -p "$tmp/many"
printf 'k,v,source\na,1,S\nb,2,S\n' >"$tmp/many/t.csv"
awk 'BEGIN {
	printf "---\ntitle: Many charts\ndate: 2024-01-01\n---\n# Charts\n\n"
	for (i = 1; i <= 260; i++)
		printf "```chart\ntype: bar\ndata: t.csv\nx: k\ny: v\ntitle: Chart %d\nwidth: 100\nheight: 60\n```\n\n", i
}' >"$tmp/many/spec.md"
"$bin" -q --dpi 36 -o "$tmp/many/out.pdf" "$tmp/many/spec.md" 2>"$tmp/err" ||
	{ echo "2: 260 charts: exit $?: $(head -1 "$tmp/err")"; fail=1; }
n=$(ls "$tmp/many/charts" 2>/dev/null | wc -l)
[ "$n" = 520 ] || { echo "2: $n chart files, expected 520"; fail=1; }
[ -f "$tmp/many/charts/chart-260.svg" ] || { echo "2: no chart-260.svg"; fail=1; }

# --- 3. chart names that would clash
mkdir -p "$tmp/names"
printf 'k,v,source\na,1,S\nb,2,S\n' >"$tmp/names/t.csv"
{
	printf -- '---\ntitle: Names\ndate: 2024-01-01\n---\n# Charts\n\n'
	for n in x x x-2; do
		printf '```chart\ntype: bar\ndata: t.csv\nx: k\ny: v\ntitle: Chart %s\nname: %s\n```\n\n' "$n" "$n"
	done
} >"$tmp/names/spec.md"
"$bin" -q --dpi 36 -o "$tmp/names/out.pdf" --summary "$tmp/names/sum.txt" "$tmp/names/spec.md" \
	2>"$tmp/err" || { echo "3: exit $?: $(head -1 "$tmp/err")"; fail=1; }
got=$(cd "$tmp/names/charts" && ls | tr '\n' ' ')
[ "$got" = "x-2.png x-2.svg x-3.png x-3.svg x.png x.svg " ] || { echo "3: files: $got"; fail=1; }
# the summary pairs each chart with its file: x-2 is the third chart's own
got=$(sed -n 's|^  Image: ||p' "$tmp/names/sum.txt" | tr '\n' ' ')
[ "$got" = "x.png x-3.png x-2.png " ] || { echo "3: summary names: $got"; fail=1; }

# --- 4. a font as the output, through a symlinked folder
cp -r "${BRIEFING_FONTS:-fonts}" "$tmp/fonts"
ln -s fonts "$tmp/fontlink"
cp "$tmp/fonts/LiberationSans-Bold.ttf" "$tmp/bold.keep"
BRIEFING_FONTS=$tmp/fonts "$bin" -q -o "$tmp/fontlink/LiberationSans-Bold.ttf" input/briefing.md 2>"$tmp/err"
rc=$?
want="briefing: error: -o $tmp/fontlink/LiberationSans-Bold.ttf would overwrite font $tmp/fonts/LiberationSans-Bold.ttf"
[ "$rc" = 64 ] && [ "$(head -1 "$tmp/err")" = "$want" ] || { echo "4: exit $rc: $(head -1 "$tmp/err")"; fail=1; }
cmp -s "$tmp/bold.keep" "$tmp/fonts/LiberationSans-Bold.ttf" || { echo "4: the font changed"; fail=1; }
[ ! -e "$tmp/fontlink/charts" ] || { echo "4: charts written"; fail=1; }
exit $fail
