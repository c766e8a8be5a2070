/* Unit tests for chart_describe (src/chart_describe.c): a chart said in
 * words from its data, in English, Russian and Azerbaijani; long series
 * summed up; grouped charts per series; alt: in place of it; and the
 * same text as the label of the chart's scene (the PDF's /Alt, the SVG's
 * <desc>). */
#include "chart_fixture.h"

#include "strbuf.h"

/* The description of c with at most max values read out. */
static char *describe(const struct chart_block *c, size_t max)
{
	struct strbuf b = { 0 };

	assert_int_equal(chart_describe(c, max, &b), 0);
	assert_non_null(b.s);
	return b.s;
}

static const struct fake full_years[] = {
	{ "2012", NULL, 223.3, 0 }, { "2018", NULL, 204, 0 },
	{ "2020", NULL, 313.1, 0 }, { "2021", NULL, 424.4, 0 },
};

/* The example, word for word: type, title, unit, every value, the
 * highest. */
static void test_bar_en(void **state)
{
	struct chart_block c;
	char *s;

	(void)state;
	make_chart(&c, CHART_BAR, "Trade turnover in full years", full_years, 4);
	c.unit = strdup("USD million");
	s = describe(&c, 12);
	assert_string_equal(s, "Bar chart, Trade turnover in full years, USD million: 2012 223.3; "
			       "2018 204.0; 2020 313.1; 2021 424.4. Highest 2021.");
	free(s);
	chart_block_free(&c);
}

/* In the briefing's language: its words and its numbers (decimal comma,
 * thousands separated by a no-break space in Russian, a dot in
 * Azerbaijani). */
static void test_bar_ru_az(void **state)
{
	static const struct fake big[] = { { "2019", NULL, 12345.5, 0 }, { "2020", NULL, 204, 0 } };
	struct chart_block c;
	char *s;

	(void)state;
	make_chart(&c, CHART_BAR, "Товарооборот", big, 2);
	c.unit = strdup("млн долларов США");
	c.lang = lang_find("ru");
	s = describe(&c, 12);
	assert_string_equal(s, "Столбчатая диаграмма, Товарооборот, млн долларов США: "
			       "2019 12\xc2\xa0" "345,5; 2020 204,0. Максимум: 2019.");
	free(s);
	chart_block_free(&c);

	make_chart(&c, CHART_LINE, "Ticarət dövriyyəsi", big, 2);
	c.lang = lang_find("az");
	s = describe(&c, 12);
	assert_string_equal(s, "Xətti qrafik, Ticarət dövriyyəsi: 2019 12.345,5; 2020 204,0. "
			       "Ən yüksək: 2019.");
	free(s);
	chart_block_free(&c);
}

/* A pie: each slice with its share of the whole, as the pie labels it;
 * the largest named. */
static void test_pie(void **state)
{
	static const struct fake shares[] = {
		{ "Exported", NULL, 60, 0 }, { "Railways", NULL, 33, 0 }, { "Spot", NULL, 10, 0 },
		{ "None", NULL, 0, 0 },
	};
	struct chart_block c;
	char *s;

	(void)state;
	make_chart(&c, CHART_PIE, "Output", shares, 4);
	c.unit = strdup("% of output");
	s = describe(&c, 12);
	/* the zero slice is not drawn, so not read */
	assert_string_equal(s, "Pie chart, Output, % of output: Exported 60 (58 %); Railways 33 "
			       "(32 %); Spot 10 (9.7 %). Largest Exported.");
	free(s);
	chart_block_free(&c);
}

/* More values than the reader wants: how many, from and to, first and
 * last values, highest and lowest with their labels. */
static void test_long_series(void **state)
{
	struct fake g[30];
	char labels[30][16];
	struct chart_block c;
	char *s;

	(void)state;
	for (int i = 0; i < 30; i++) {
		snprintf(labels[i], sizeof labels[i], "%d", 1991 + i);
		g[i] = (struct fake){ labels[i], NULL, 100 + (i == 7 ? 900 : i == 20 ? -90 : i), 0 };
	}
	make_chart(&c, CHART_LINE, "Exports", g, 30);
	c.unit = strdup("tonnes");
	s = describe(&c, 12);
	assert_string_equal(s, "Line chart, Exports, tonnes: 30 values, 1991 to 2020; first 100; "
			       "last 129; highest 1998 1,000; lowest 2011 10.");
	free(s);
	/* max 0: no limit, all thirty read out */
	s = describe(&c, 0);
	assert_non_null(strstr(s, "1991 100; 1992 101;"));
	assert_non_null(strstr(s, "2020 129. Highest 1998."));
	free(s);
	chart_block_free(&c);

	/* in Russian, the same parts in its words */
	make_chart(&c, CHART_LINE, "Экспорт", g, 30);
	c.lang = lang_find("ru");
	s = describe(&c, 12);
	assert_string_equal(s, "Линейный график, Экспорт: значений: 30, с 1991 по 2020; первое "
			       "значение 100; последнее 129; максимум 1998 1\xc2\xa0" "000; минимум 2011 10.");
	free(s);
	chart_block_free(&c);
}

/* Grouped bars: per series, then the highest of all; a value a group
 * lacks is not read. */
static void test_series(void **state)
{
	static const struct fake g[] = {
		{ "2019", "Exports", 109.62, 0 }, { "2019", "Imports", 11.44, 0 },
		{ "2020", "Exports", 148.2, 0 },  { "2020", "Imports", 164.9, 0 },
		{ "2022", "Exports", 188.7, 0 },
	};
	struct chart_block c;
	char *s;

	(void)state;
	make_chart(&c, CHART_BAR, "Trade", g, 5);
	c.unit = strdup("USD million");
	s = describe(&c, 12);
	assert_string_equal(s, "Bar chart, Trade, USD million, 2 series. Exports: 2019 109.62; "
			       "2020 148.20; 2022 188.70. Imports: 2019 11.44; 2020 164.90. "
			       "Highest Exports, 2022.");
	free(s);
	/* more values than wanted: each series summed up */
	s = describe(&c, 4);
	assert_string_equal(s, "Bar chart, Trade, USD million, 2 series. Exports: 3 values, 2019 "
			       "to 2022; first 109.62; last 188.70; highest 2022 188.70; lowest 2019 "
			       "109.62. Imports: 2 values, 2019 to 2020; first 11.44; last 164.90; "
			       "highest 2020 164.90; lowest 2019 11.44.");
	free(s);
	chart_block_free(&c);
}

/* alt: says it instead, as written; the scene's label carries it (and the
 * generated one when there is none), with the title. */
static void test_alt_and_label(void **state)
{
	struct chart_block c;
	struct scene *sc;
	char *s;

	(void)state;
	make_chart(&c, CHART_BAR, "Trade turnover in full years", full_years, 4);
	sc = build(&c, 400, 250);
	assert_string_equal(scene_title(sc), "Trade turnover in full years");
	assert_string_equal(scene_desc(sc), "Bar chart, Trade turnover in full years: 2012 223.3; "
					    "2018 204.0; 2020 313.1; 2021 424.4. Highest 2021.");
	scene_free(sc);
	c.alt = strdup("Turnover nearly doubled from 2018 to 2021.");
	s = describe(&c, 12);
	assert_string_equal(s, "Turnover nearly doubled from 2018 to 2021.");
	free(s);
	sc = build(&c, 400, 250);
	assert_string_equal(scene_desc(sc), "Turnover nearly doubled from 2018 to 2021.");
	scene_free(sc);
	chart_block_free(&c);
}

/* The scene's items have roles in reading order: title and subtitle the
 * caption, the source the note, the rest the plot. */
static void test_roles(void **state)
{
	struct chart_block c;
	struct scene *sc;
	const struct scene_item *it;

	(void)state;
	make_chart(&c, CHART_BAR, "Turnover", full_years, 4);
	c.subtitle = strdup("Goods");
	c.source = strdup("Belstat");
	sc = build(&c, 400, 250);
	assert_non_null(it = find_text(sc, "Turnover"));
	assert_int_equal(it->role, SCENE_CAPTION);
	assert_non_null(it = find_text(sc, "Goods"));
	assert_int_equal(it->role, SCENE_CAPTION);
	assert_non_null(it = find_text(sc, "Source: Belstat"));
	assert_int_equal(it->role, SCENE_NOTE);
	assert_non_null(it = find_text(sc, "2021"));
	assert_int_equal(it->role, SCENE_PLOT);
	scene_free(sc);
	chart_block_free(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bar_en),
		cmocka_unit_test(test_bar_ru_az),
		cmocka_unit_test(test_pie),
		cmocka_unit_test(test_long_series),
		cmocka_unit_test(test_series),
		cmocka_unit_test(test_alt_and_label),
		cmocka_unit_test(test_roles),
	};

	return cmocka_run_group_tests(tests, load_fonts, free_fonts);
}
