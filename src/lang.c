/* lang — month names, number separators and fixed words of each language
 * (include/lang.h).  Russian month names are the genitive forms a date
 * uses ("28 ноября 2026 г."); Russian groups thousands with U+00A0 NO-BREAK
 * SPACE (CLDR), so a number never breaks across lines. */
#include "lang.h"

#include <stdio.h>
#include <string.h>

#define NBSP "\xc2\xa0"

static const struct lang lang_table[] = {
	{
		.code = "en",
		.num = { ".", "," },
		.months = { "January", "February", "March", "April", "May", "June", "July",
			    "August", "September", "October", "November", "December" },
		.year_after = "",
		.contents = "Contents",
		.sources = "Sources",
		.other = "Other",
		.page = { "page ", " of ", "" },
		.source_one = "Source: ",
		.source_many = "Sources: ",
		.more = { " and ", " more" },
		.illustrative = "Illustrative data.",
		.cut_off = "Cut off at the axis: ",
		.shares = { "Published shares add up to ", " %; shown normalised." },
		.quote = { "\xe2\x80\x9c", "\xe2\x80\x9d" }, /* “ ” */
		.users = { { "chart ", "charts " }, { "table ", "tables " },
			   { "value ", "values " } },
		.table_of = { "of ", "" },
		.col_source = "Source",
		.col_used_by = "Used by",
		.sources_cited = "Sources cited",
		.col_file = "File",
		.col_rows = "Rows",
		.input_files = "Input files",
		.made_heading = "How this document was made",
		.sum_date = "Report date: ",
		.sum_figures = "Key figures",
		.sum_charts = "Charts",
		.sum_largest = "Largest: ",
		.sum_share = { " (", " of the total)" },
		.sum_published = { " (published ", ")" },
		.sum_image = "Image: ",
		.sum_pdf = { "(", " pages, ", " page, " },
		.sum_kb = " KB)",
		.mail_attached = "The full briefing is attached: ",
		.made = { "Made by briefing ", " from ", " for the report date ", "",
			  ", with this command:", "." },
		.desc_type = { "Pie chart", "Donut chart", "Bar chart", "Horizontal bar chart",
			       "Line chart" },
		.desc_largest = "Largest ",
		.desc_highest = { "Highest ", "highest " },
		.desc_lowest = "lowest ",
		.desc_first = "first ",
		.desc_last = "last ",
		.desc_count = { "", " values, ", " to " },
		.desc_series = { "", " series" },
	},
	{
		.code = "ru",
		.num = { ",", NBSP },
		.months = { "января", "февраля", "марта", "апреля", "мая", "июня", "июля",
			    "августа", "сентября", "октября", "ноября", "декабря" },
		.year_after = " г.",
		.contents = "Содержание",
		.sources = "Источники",
		.other = "Прочие",
		.page = { "страница ", " из ", "" },
		.source_one = "Источник: ",
		.source_many = "Источники: ",
		.more = { " и ещё ", "" },
		.illustrative = "Данные приведены для иллюстрации.",
		.cut_off = "Обрезано краем оси: ",
		.shares = { "Опубликованные доли в сумме составляют ",
			    " %; показаны нормированными." },
		.quote = { "\xc2\xab", "\xc2\xbb" }, /* « » */
		.users = { { "диаграмма ", "диаграммы " }, { "таблица ", "таблицы " },
			   { "показатель ", "показатели " } },
		.table_of = { "из файла ", "" },
		.col_source = "Источник",
		.col_used_by = "Где использован",
		.sources_cited = "Использованные источники",
		.col_file = "Файл",
		.col_rows = "Строки",
		.input_files = "Входные файлы",
		.made_heading = "Как создан этот документ",
		.sum_date = "Дата отчёта: ",
		.sum_figures = "Ключевые показатели",
		.sum_charts = "Диаграммы",
		.sum_largest = "Больше всего: ",
		.sum_share = { " (", " от общего)" },
		.sum_published = { " (опубликовано: ", ")" },
		.sum_image = "Изображение: ",
		.sum_pdf = { "(страниц: ", ", ", ", " },
		.sum_kb = " КБ)",
		.mail_attached = "Полный текст брифинга во вложении: ",
		.made = { "Создано программой briefing ", " из файла ", " на дату отчёта ", "",
			  " следующей командой:", "." },
		.desc_type = { "Круговая диаграмма", "Кольцевая диаграмма", "Столбчатая диаграмма",
			       "Горизонтальная столбчатая диаграмма", "Линейный график" },
		.desc_largest = "Наибольшая доля: ",
		.desc_highest = { "Максимум: ", "максимум " },
		.desc_lowest = "минимум ",
		.desc_first = "первое значение ",
		.desc_last = "последнее ",
		.desc_count = { "значений: ", ", с ", " по " },
		.desc_series = { "рядов данных: ", "" },
	},
	{
		.code = "az",
		.num = { ",", "." },
		.months = { "yanvar", "fevral", "mart", "aprel", "may", "iyun", "iyul",
			    "avqust", "sentyabr", "oktyabr", "noyabr", "dekabr" },
		.year_after = "",
		.contents = "Mündəricat",
		.sources = "Mənbələr",
		.other = "Digər",
		.page = { "səhifə ", " / ", "" },
		.source_one = "Mənbə: ",
		.source_many = "Mənbələr: ",
		.more = { " və daha ", "" },
		.illustrative = "Məlumatlar illüstrativdir.",
		.cut_off = "Oxun kənarında kəsilib: ",
		.shares = { "Dərc olunmuş payların cəmi ",
			    " % təşkil edir; normallaşdırılaraq göstərilib." },
		.quote = { "\xe2\x80\x9c", "\xe2\x80\x9d" }, /* “ ” */
		.users = { { "diaqram ", "diaqramlar " }, { "cədvəl ", "cədvəllər " },
			   { "göstərici ", "göstəricilər " } },
		.table_of = { "", " faylından" },
		.col_source = "Mənbə",
		.col_used_by = "Harada istifadə olunub",
		.sources_cited = "İstinad edilən mənbələr",
		.col_file = "Fayl",
		.col_rows = "Sətirlər",
		.input_files = "Giriş faylları",
		.made_heading = "Bu sənəd necə hazırlanıb",
		.sum_date = "Hesabat tarixi: ",
		.sum_figures = "Əsas göstəricilər",
		.sum_charts = "Diaqramlar",
		.sum_largest = "Ən çox: ",
		.sum_share = { " (cəmin ", "-i)" },
		.sum_published = { " (dərc olunmuş: ", ")" },
		.sum_image = "Şəkil: ",
		.sum_pdf = { "(səhifə sayı: ", ", ", ", " },
		.sum_kb = " KB)",
		.mail_attached = "Brifinqin tam mətni əlavədədir: ",
		.made = { "Sənəd briefing ", " proqramı ilə hazırlanıb. Spesifikasiya faylı: ",
			  "; hesabat tarixi: ", "", ". Əmr:", "." },
		.desc_type = { "Dairəvi diaqram", "Həlqəvi diaqram", "Sütunlu diaqram",
			       "Üfüqi sütunlu diaqram", "Xətti qrafik" },
		.desc_largest = "Ən böyük pay: ",
		.desc_highest = { "Ən yüksək: ", "ən yüksək " },
		.desc_lowest = "ən aşağı ",
		.desc_first = "ilk dəyər ",
		.desc_last = "son ",
		.desc_count = { "dəyərlərin sayı: ", ", ", " – " },
		.desc_series = { "seriyaların sayı: ", "" },
	},
};

#define LANG_N (sizeof lang_table / sizeof lang_table[0])

const struct lang *lang_find(const char *code)
{
	for (size_t i = 0; code && i < LANG_N; i++)
		if (strcmp(lang_table[i].code, code) == 0)
			return &lang_table[i];
	return NULL;
}

const struct lang *lang_default(void)
{
	return &lang_table[0];
}

const struct lang *lang_or_default(const struct lang *l)
{
	return l ? l : &lang_table[0];
}

const char *lang_codes(void)
{
	return "en, ru or az";
}

void lang_page(const struct lang *l, char *buf, size_t size, size_t page, size_t pages)
{
	l = lang_or_default(l);
	snprintf(buf, size, "%s%zu%s%zu%s", l->page[0], page, l->page[1], pages, l->page[2]);
}
