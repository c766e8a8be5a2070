/* Chart craft (issue 18), read back from the scene (chart_read.h):
 *   - axis headroom: the top tick is the next nice step above the data;
 *   - large numbers: a chart whose largest value is a million or more
 *     writes its ticks, value labels and summary numbers in millions,
 *     billions or trillions with the language's word ("50 bn", "50 млрд",
 *     "50 mlrd"), unless its format: says otherwise.
 * Run from the repository root (the fonts are loaded from fonts/). */
#include "chart_read.h"

#include "lang.h"

/* ---- axis headroom --------------------------------------------------------- */

/* The default briefing's turnover (424.4 at most): at any height from 180
 * to 400 pt the axis ends at 500 (or 450), never at 600, a whole step of
 * 200 past 400; other maxima likewise end at the next nice step. */
static void test_top_tick_next_nice_step(void **state)
{
	static const struct {
		double max, top;
	} want[] = { { 424.4, 500 }, { 188.7, 200 }, { 1486.7, 1500 }, { 17.4, 20 },
		     { 0.73, 0.75 }, { 61, 75 } };
	struct chart_block c;
	struct scene *s;
	struct axis ax;

	(void)state;
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
		for (double h = 180; h <= 400; h += 5) {
			struct fake g[4] = { { "2012", NULL, want[i].max / 2, 0 },
					     { "2018", NULL, want[i].max / 2.1, 0 },
					     { "2020", NULL, want[i].max / 1.4, 0 },
					     { "2021", NULL, want[i].max, 0 } };

			make_chart(&c, CHART_BAR, "Headroom", g, 4);
			c.subtitle = strdup("Goods, both directions");
			c.unit = strdup("USD million");
			s = build(&c, 481.89, h);
			read_axis(s, false, &ax);
			if (ax.hi < want[i].max || ax.hi > want[i].top * (1 + 1e-9))
				fail_msg("%g at most, %g pt tall: the top tick is %g, expected %g",
					 want[i].max, h, ax.hi, want[i].top);
			scene_free(s);
			chart_block_free(&c);
		}
}

/* ---- large numbers ----------------------------------------------------------- */

#define NB "\xC2\xA0" /* U+00A0 between a number and its word */

/* chart_value_text of v for chart c in language code (NULL: English). */
static void text_in(struct chart_block *c, const char *code, double v, char *buf, size_t size)
{
	c->lang = code ? lang_find(code) : NULL;
	chart_value_text(c, v, buf, size);
}

static void test_large_number_words(void **state)
{
	static const struct fake gdp[] = {
		{ "Azerbaijan", NULL, 21443003646, 0 }, { "Belarus", NULL, 27380244578, 0 },
		{ "Georgia", NULL, 5987225425, 0 },     { "Kazakhstan", NULL, 43547280239, 0 },
	};
	static const struct fake flat[] = { { "a", NULL, 5e10, 0 }, { "b", NULL, 1.25e10, 0 } };
	static const struct fake small[] = { { "a", NULL, 999999, 0 }, { "b", NULL, 12, 0 } };
	static const struct fake mixed[] = { { "a", NULL, 2e9, 0 }, { "b", NULL, 3.5e6, 0 },
					     { "c", NULL, 0, 0 } };
	struct chart_block c;
	char buf[64];
	struct scene *s;

	(void)state;
	make_chart(&c, CHART_BAR, "Shares", flat, 2);
	text_in(&c, NULL, 5e10, buf, sizeof buf);
	assert_string_equal(buf, "50.0" NB "bn");
	text_in(&c, NULL, 1.25e10, buf, sizeof buf);
	assert_string_equal(buf, "12.5" NB "bn");
	text_in(&c, "ru", 5e10, buf, sizeof buf);
	assert_string_equal(buf, "50,0" NB "млрд");
	text_in(&c, "az", 1.25e10, buf, sizeof buf);
	assert_string_equal(buf, "12,5" NB "mlrd");
	text_in(&c, "en", -3e9, buf, sizeof buf);
	assert_string_equal(buf, "\xE2\x88\x92" "3.0" NB "bn");
	/* the ticks: "50 bn" in every language, 0 without a word */
	for (int k = 0; k < 3; k++) {
		static const char *const codes[] = { "en", "ru", "az" };
		static const char *const want[][2] = { { "50" NB "bn", "10" NB "bn" },
						       { "50" NB "млрд", "10" NB "млрд" },
						       { "50" NB "mlrd", "10" NB "mlrd" } };

		c.lang = lang_find(codes[k]);
		s = build(&c, 480, 264);
		if (!find_text(s, want[k][0]) || !find_text(s, want[k][1]) || !find_text(s, "0"))
			fail_msg("%s: no tick labels %s, %s and 0", codes[k], want[k][0], want[k][1]);
		scene_free(s);
	}
	/* format: says how, whatever the size */
	c.format = strdup("%'.0f");
	c.lang = NULL;
	chart_value_text(&c, 5e10, buf, sizeof buf);
	assert_string_equal(buf, "50,000,000,000");
	chart_block_free(&c);

	/* the GDP panel: every value in billions, two decimals */
	make_chart(&c, CHART_BAR, "GDP", gdp, 4);
	text_in(&c, NULL, 43547280239, buf, sizeof buf);
	assert_string_equal(buf, "43.55" NB "bn");
	text_in(&c, NULL, 5987225425, buf, sizeof buf);
	assert_string_equal(buf, "5.99" NB "bn");
	chart_block_free(&c);

	/* under a million: as before */
	make_chart(&c, CHART_BAR, "Small", small, 2);
	text_in(&c, NULL, 999999, buf, sizeof buf);
	assert_string_equal(buf, "999,999");
	chart_block_free(&c);

	/* a value that would read 0.00 bn is given in its own unit; 0 is 0 */
	make_chart(&c, CHART_BAR, "Mixed", mixed, 3);
	text_in(&c, NULL, 3.5e6, buf, sizeof buf);
	assert_string_equal(buf, "3.5" NB "mn");
	text_in(&c, "ru", 3.5e6, buf, sizeof buf);
	assert_string_equal(buf, "3,5" NB "млн");
	text_in(&c, NULL, 2e9, buf, sizeof buf);
	assert_string_equal(buf, "2.00" NB "bn");
	text_in(&c, NULL, 0, buf, sizeof buf);
	assert_string_equal(buf, "0.00");
	text_in(&c, NULL, 420, buf, sizeof buf);
	assert_string_equal(buf, "420");
	text_in(&c, "az", 42000, buf, sizeof buf);
	assert_string_equal(buf, "42" NB "min");
	chart_block_free(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_top_tick_next_nice_step),
		cmocka_unit_test(test_large_number_words),
	};

	return cmocka_run_group_tests_name("chart craft", tests, load_fonts, free_fonts);
}
