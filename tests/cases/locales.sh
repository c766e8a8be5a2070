#!/bin/sh
# Locales: the same spec in en (no locale: key), ru and az.  Each prints its
# own month names, separators and fixed words (the full texts are the
# goldens tests/regress/locale_ru.txt and locale_az.txt; here the en run of
# the same spec and the points pdftotext cannot show); Russian groups with
# U+00A0 NO-BREAK SPACE, which poppler extracts as a plain space, so that is
# checked in the PDF's text strings; and no run depends on the C locale.
set -eu
bin=$1 tmp=$2
dir=tests/regress
fail=0
mkdir -p "$tmp/loc"
localedef -i de_DE -f UTF-8 "$tmp/loc/de_DE.UTF-8" 2>/dev/null || true
[ -d "$tmp/loc/de_DE.UTF-8" ] || { echo "cannot build the de_DE.UTF-8 locale"; exit 1; }

# the spec without its locale: line is English (beside copies of its CSVs)
mkdir -p "$tmp/en"
cp "$dir/locale.csv" "$dir/locale_big.csv" "$tmp/en/"
grep -v '^locale:' "$dir/locale_ru.md" >"$tmp/en/locale_en.md"
run() { # NAME SPEC [ENV...]: NAME.pdf and NAME.txt
	name=$1 spec=$2; shift 2
	env "$@" "$bin" -q --date 2026-11-28 -o "$tmp/$name.pdf" --no-chart-files "$spec"
	pdftotext "$tmp/$name.pdf" "$tmp/$name.txt"
}
run en "$tmp/en/locale_en.md"
run ru "$dir/locale_ru.md"
run az "$dir/locale_az.md"
run ru_de "$dir/locale_ru.md" LOCPATH="$tmp/loc" LC_ALL=de_DE.UTF-8
run az_de "$dir/locale_az.md" LOCPATH="$tmp/loc" LC_ALL=de_DE.UTF-8
cmp "$tmp/ru.pdf" "$tmp/ru_de.pdf" || fail=1
cmp "$tmp/az.pdf" "$tmp/az_de.pdf" || fail=1

# has NAME TEXT...: each TEXT is a line (or part of one) of NAME.txt
has() {
	name=$1; shift
	for t in "$@"; do
		grep -qF -- "$t" "$tmp/$name.txt" || { echo "$name: no \"$t\""; fail=1; }
	done
}
has en "28 November 2026" "62,593" "17,250.8" "20,000" "12,345.6" "5400.5" "Other 6.8 %" \
	"Contents" "page 1 of 4" "Sources cited" "Input files" "Rows" "1,200" \
	"Published shares add up to 97.5 %; shown normalised." "Illustrative data." \
	"Sources: Region 1; Region 2; Region 3 and 2 more" "table “of"
has ru "28 ноября 2026 г." "62 593" "17 250,8" "20 000" "12 345,6" "5400,5" "Прочие 6,8 %" \
	"Содержание" "страница 1 из 4" "Использованные источники" "Входные файлы" "Строки" \
	"1 200" "Опубликованные доли в сумме составляют 97,5 %; показаны нормированными." \
	"Данные приведены для иллюстрации." "Источники: Region 1; Region 2; Region 3 и ещё 2" \
	"таблица «из файла tests/regress/"
has az "28 noyabr 2026" "62.593" "17.250,8" "20.000" "12.345,6" "5400,5" "Digər 6,8 %" \
	"Mündəricat" "səhifə 1 / 4" "İstinad edilən mənbələr" "Giriş faylları" "Sətirlər" \
	"1.200" "Dərc olunmuş payların cəmi 97,5 % təşkil edir; normallaşdırılaraq göstərilib." \
	"Məlumatlar illüstrativdir." "Mənbələr: Region 1; Region 2; Region 3 və daha 2" \
	"faylından”"
# no English fixed word is left in the ru and az texts
for name in ru az; do
	for w in "Contents" "Other" "page " "Source" "Illustrative data" "Rows" "Made by" "chart "; do
		! grep -qF -- "$w" "$tmp/$name.txt" || { echo "$name: English \"$w\" left"; fail=1; }
	done
done

# U+00A0 in the Russian PDF's text (two-byte codes, Identity-H): the tile
# "62 593", the tick "20 000", the sources page's "1 200"; none in az
qpdf --qdf --object-streams=disable "$tmp/ru.pdf" "$tmp/ru.qdf"
qpdf --qdf --object-streams=disable "$tmp/az.pdf" "$tmp/az.qdf"
for hex in 0036003200a0003500390033 0032003000a0003000300030 003100a0003200300030; do
	grep -aqi "<$hex>" "$tmp/ru.qdf" || { echo "ru: no U+00A0 in <$hex>"; fail=1; }
done
! grep -aqi "<[0-9a-f]*00a0[0-9a-f]*> *Tj" "$tmp/az.qdf" || { echo "az: U+00A0 in text"; fail=1; }
exit $fail
