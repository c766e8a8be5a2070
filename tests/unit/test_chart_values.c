/* A chart's numbers and the order of its dates (issue 13): the value
 * labels of one chart share one precision (1.50, 2.00, 2.25); format:
 * writes its value labels, its tick labels and the summary's number, with
 * a section per sign; date categories of a bar chart go in chronological
 * order.  Run from the repository root (the fonts are loaded from fonts/). */
#include "chart_fixture.h"

#include "lang.h"
#include "summary.h"

/* Is some text item t, among the tick labels (right-aligned, left of a
 * vertical plot) when ticks, else among the others (value labels and the
 * rest)? */
static int has_label(const struct scene *s, const char *t, int ticks)
{
	for (size_t i = 0; i < scene_count(s); i++) {
		const struct scene_item *it = scene_get(s, i);

		if (it->kind == SCENE_TEXT && (it->align == SCENE_RIGHT) == ticks &&
		    strcmp(it->text, t) == 0)
			return 1;
	}
	return 0;
}

#define tick_has(s, t) has_label(s, t, 1)
#define value_has(s, t) has_label(s, t, 0)

static const struct fake shares[] = {
	{ "A", NULL, 1.5, 0 }, { "B", NULL, 2, 0 }, { "C", NULL, 2.25, 0 },
};

/* One precision for all the labels of a chart: the most any value needs,
 * at most two decimals; the same through chart_value_text (the summary). */
static void test_shared_precision(void **state)
{
	static const struct fake whole[] = {
		{ "A", NULL, 1200, 0 }, { "B", NULL, 980, 0 }, { "C", NULL, 1500, 0 },
	};
	static const struct fake tenths[] = {
		{ "A", NULL, 12.5, 0 }, { "B", NULL, 7, 0 }, { "C", NULL, -3.25, 0 },
	};
	struct chart_block c;
	struct scene *s;
	char buf[64];

	(void)state;
	make_chart(&c, CHART_BAR, "Shared", shares, 3);
	s = build(&c, 400, 260);
	assert_non_null(find_text(s, "1.50"));
	assert_non_null(find_text(s, "2.00"));
	assert_non_null(find_text(s, "2.25"));
	assert_false(value_has(s, "1.5")); /* (a tick may say 1.5) */
	chart_value_text(&c, 2, buf, sizeof buf);
	assert_string_equal(buf, "2.00");
	chart_value_text(&c, -1234.5, buf, sizeof buf);
	assert_string_equal(buf, "\xE2\x88\x92" "1,234.50");
	chart_value_text(&c, -0.001, buf, sizeof buf); /* never "-0.00" */
	assert_string_equal(buf, "0.00");
	scene_free(s);
	chart_block_free(&c);

	/* a sum's binary noise (0.1 + 0.2 is 0.30000000000000004) is no
	 * precision: one decimal, as the sum is written */
	make_chart(&c, CHART_BAR, "Noise", whole, 3);
	c.q.res.groups[0].value = 0.1 + 0.2;
	c.q.res.groups[1].value = 1;
	c.q.res.groups[2].value = 2;
	chart_value_text(&c, 2, buf, sizeof buf);
	assert_string_equal(buf, "2.0");
	chart_block_free(&c);

	make_chart(&c, CHART_BAR, "Whole", whole, 3); /* whole numbers stay whole */
	s = build(&c, 400, 260);
	assert_non_null(find_text(s, "1,200"));
	assert_non_null(find_text(s, "980"));
	scene_free(s);
	chart_block_free(&c);

	make_chart(&c, CHART_HBAR, "Доли", tenths, 3);
	c.lang = lang_find("ru");
	s = build(&c, 400, 260);
	assert_non_null(find_text(s, "12,50"));
	assert_non_null(find_text(s, "7,00"));
	assert_non_null(find_text(s, "\xE2\x88\x92" "3,25"));
	scene_free(s);
	chart_block_free(&c);
}

/* format: writes the value labels, the tick labels and chart_value_text;
 * a negative number keeps its true minus sign. */
static void test_format(void **state)
{
	static const struct fake growth[] = {
		{ "2021", NULL, 1.5, 0 }, { "2022", NULL, 2, 0 }, { "2023", NULL, 2.4, 0 },
	};
	static const struct fake money[] = {
		{ "A", NULL, 1234.5, 0 }, { "B", NULL, -3, 0 },
	};
	struct chart_block c;
	struct scene *s;
	char buf[64];

	(void)state;
	make_chart(&c, CHART_BAR, "Growth", growth, 3);
	c.format = strdup("%.1f %%");
	s = build(&c, 400, 260);
	assert_non_null(find_text(s, "1.5 %"));
	assert_non_null(find_text(s, "2.0 %"));
	assert_non_null(find_text(s, "2.4 %"));
	assert_true(tick_has(s, "0.0 %"));
	assert_true(tick_has(s, "0.5 %"));
	chart_value_text(&c, 3, buf, sizeof buf);
	assert_string_equal(buf, "3.0 %");
	scene_free(s);
	chart_block_free(&c);

	make_chart(&c, CHART_BAR, "Money", money, 2);
	c.format = strdup("USD %'.1f");
	c.lang = lang_find("ru");
	s = build(&c, 400, 260);
	assert_non_null(find_text(s, "USD 1\xC2\xA0" "234,5"));
	assert_non_null(find_text(s, "USD \xE2\x88\x92" "3,0"));
	scene_free(s);
	chart_block_free(&c);
}

/* Sections per sign: positive; negative (its absolute value); zero, also
 * for a value that prints as zero. */
static void test_sign_format(void **state)
{
	static const struct fake change[] = {
		{ "2021", NULL, 1.5, 0 }, { "2022", NULL, -2, 0 }, { "2023", NULL, 0, 0 },
		{ "2024", NULL, 0.75, 0 },
	};
	struct chart_block c;
	struct scene *s;
	char buf[64];

	(void)state;
	make_chart(&c, CHART_BAR, "Change", change, 4);
	c.format = strdup("up %.1f;down %.1f;flat");
	s = build(&c, 480, 260);
	assert_non_null(find_text(s, "up 1.5"));
	assert_non_null(find_text(s, "down 2.0"));
	assert_non_null(find_text(s, "flat"));
	assert_non_null(find_text(s, "up 0.8"));
	assert_true(tick_has(s, "flat")); /* the zero tick */
	assert_true(tick_has(s, "down 2.0"));
	chart_value_text(&c, -0.04, buf, sizeof buf);
	assert_string_equal(buf, "flat");
	chart_value_text(&c, -7.25, buf, sizeof buf);
	assert_string_equal(buf, "down 7.2");
	scene_free(s);
	chart_block_free(&c);
}

/* The summary's headline number comes through chart_value_text: the
 * chart's format:, or its shared precision. */
static void test_summary_number(void **state)
{
	static const struct fake months[] = {
		{ "2024-04", NULL, 12.25, 0 }, { "2024-05", NULL, 13, 0 }, { "2024-06", NULL, 14, 0 },
	};
	struct chart_block c;
	char buf[256];

	(void)state;
	make_chart(&c, CHART_LINE, "Monthly", months, 3);
	c.unit = strdup("USD million");
	summary_chart_headline(&c, buf, sizeof buf);
	assert_string_equal(buf, "2024-06: 14.00 USD million");
	c.format = strdup("%+.1f");
	summary_chart_headline(&c, buf, sizeof buf);
	assert_string_equal(buf, "2024-06: +14.0 USD million");
	chart_block_free(&c);
}

/* The x position of the category label t (centred under its bar). */
static double label_x(const struct scene *s, const char *t)
{
	const struct scene_item *it = find_text(s, t);

	if (!it)
		fail_msg("no label \"%s\"", t);
	return it->x;
}

/* Date categories of a bar chart go in chronological order, whatever the
 * order of the file (years, quarters, months; a year before its parts),
 * "Other" last; sorted by value, they stay as sorted; other categories
 * keep the query's order. */
static void test_bars_in_chronological_order(void **state)
{
	static const struct fake years[] = {
		{ "2021", NULL, 3, 0 }, { "2019", NULL, 1, 0 }, { "2020-Q2", NULL, 2, 0 },
		{ "2020", NULL, 2, 0 }, { "2019-12", NULL, 1, 0 }, { "Other", NULL, 4, 1 },
	};
	static const char *const order[] = { "2019", "2019-12", "2020", "2020-Q2", "2021", "Other" };
	static const struct fake words[] = {
		{ "North", NULL, 3, 0 }, { "East", NULL, 1, 0 }, { "West", NULL, 2, 0 },
	};
	struct chart_block c;
	struct scene *s;

	(void)state;
	for (int hbar = 0; hbar < 2; hbar++) {
		make_chart(&c, hbar ? CHART_HBAR : CHART_BAR, "Years", years, 6);
		s = build(&c, 480, 300);
		for (size_t i = 1; i < 6; i++) {
			const struct scene_item *a = find_text(s, order[i - 1]), *b = find_text(s, order[i]);

			assert_non_null(a);
			assert_non_null(b);
			if (hbar ? !(a->y < b->y) : !(a->x < b->x))
				fail_msg("%s is not before %s", order[i - 1], order[i]);
		}
		scene_free(s);
		chart_block_free(&c);
	}

	make_chart(&c, CHART_BAR, "By value", years, 6);
	c.q.sort = SORT_VALUE; /* as the data layer sorted them: kept */
	s = build(&c, 480, 300);
	assert_true(label_x(s, "2021") < label_x(s, "2019"));
	scene_free(s);
	chart_block_free(&c);

	make_chart(&c, CHART_BAR, "Words", words, 3);
	s = build(&c, 480, 300);
	assert_true(label_x(s, "North") < label_x(s, "East"));
	assert_true(label_x(s, "East") < label_x(s, "West"));
	scene_free(s);
	chart_block_free(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shared_precision),
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_sign_format),
		cmocka_unit_test(test_summary_number),
		cmocka_unit_test(test_bars_in_chronological_order),
	};

	return cmocka_run_group_tests_name("chart values", tests, load_fonts, free_fonts);
}
