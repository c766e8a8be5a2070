/* Chart craft (issue 18), read back from the scene (chart_read.h):
 *   - axis headroom: the top tick is the next nice step above the data.
 * Run from the repository root (the fonts are loaded from fonts/). */
#include "chart_read.h"

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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_top_tick_next_nice_step),
	};

	return cmocka_run_group_tests_name("chart craft", tests, load_fonts, free_fonts);
}
