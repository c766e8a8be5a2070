/* Chart craft (issue 18), read back from the scene (chart_read.h):
 *   - axis headroom: the top tick is the next nice step above the data;
 *   - large numbers: a chart whose largest value is a million or more
 *     writes its ticks, value labels and summary numbers in millions,
 *     billions or trillions with the language's word ("50 bn", "50 млрд",
 *     "50 mlrd"), unless its format: says otherwise;
 *   - order: numbers and dates run in ascending order unless sort: is
 *     written (sort: none keeps the file's order), in the drawing and in
 *     the answer the summary reads;
 *   - colours: the 8 Okabe–Ito colours, then the same colours dashed
 *     (lines) or hatched (bars), then dotted or outlined: 24 series, no two
 *     alike;
 *   - markers: at every point of a series of fewer than 40 points, else at
 *     its last point only (and at a point with no neighbour);
 *   - end labels: each names its series beside its own line's last point,
 *     nudged apart with a thin leader when they would overlap, never over
 *     the bottom axis; with more than 6 series, no legend;
 *   - no label is ever cut: category labels wrap onto up to three lines,
 *     else stand at 45 degrees, else the bars become rows (the chart
 *     growing when it has the default height); legend entries, pie and
 *     end labels wrap; never a "…";
 *   - the chart files' frame: the same chart with 12 pt of white around.
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

/* ---- order -------------------------------------------------------------- */

/* The category label t (centred under a column, or right-aligned left of a
 * row; tick labels stand elsewhere): its position along the category axis. */
static double cat_at(const struct scene *s, const char *t, bool rows)
{
	for (size_t i = 0; i < scene_count(s); i++) {
		const struct scene_item *it = scene_get(s, i);

		if (it->kind == SCENE_TEXT && strcmp(it->text, t) == 0 &&
		    it->align == (rows ? SCENE_RIGHT : SCENE_CENTER) && it->angle == 0)
			return rows ? it->y : it->x;
	}
	fail_msg("no category label %s", t);
	return 0;
}

/* Are labels want[0..n) drawn in this order along the category axis? */
static bool drawn_in_order(const struct scene *s, const char *const *want, size_t n, bool rows)
{
	for (size_t i = 1; i < n; i++)
		if (!(cat_at(s, want[i - 1], rows) < cat_at(s, want[i], rows)))
			return false;
	return true;
}

/* The months of New York's 1973 air quality as an export sorted by
 * temperature gives them (8, 6, 9, 7, 5): drawn 5 to 9, unless sort: none
 * is written; the answer the summary reads goes the same way, its last
 * group the last month; "Other" stays last; labels that are not all
 * numbers or dates keep the file's order. */
static void test_numbers_ascending(void **state)
{
	static const struct fake months[] = {
		{ "8", NULL, 83.97, 0 }, { "6", NULL, 79.1, 0 }, { "9", NULL, 76.9, 0 },
		{ "7", NULL, 83.9, 0 },  { "5", NULL, 65.55, 0 },
	};
	static const char *const up[] = { "5", "6", "7", "8", "9" };
	static const char *const file[] = { "8", "6", "9", "7", "5" };
	static const struct fake years[] = {
		{ "2016", "a", 1, 0 }, { "2016", "b", 2, 0 }, { "2022", "a", 3, 0 },
		{ "2015", "a", 4, 0 }, { "2015", "b", 5, 0 }, { "Other", "a", 6, 1 },
	};
	static const struct fake words[] = {
		{ "Jan\xE2\x80\x93Sep 2022", NULL, 3, 0 }, { "2020", NULL, 2, 0 },
		{ "Jan\xE2\x80\x93Jul 2019", NULL, 1, 0 },
	};
	static const struct fake negative[] = {
		{ "10", NULL, 1, 0 }, { "-2.5", NULL, 2, 0 }, { "1e3", NULL, 3, 0 }, { "0", NULL, 4, 0 },
	};
	struct chart_block c;
	struct scene *s;

	(void)state;
	/* ascending by default; sort: none (sort_set) keeps the file's order */
	for (int t = 0; t < 6; t++) {
		enum chart_type type = t % 3 == 0 ? CHART_BAR : t % 3 == 1 ? CHART_HBAR : CHART_LINE;
		const char *const *want = t < 3 ? up : file;

		make_chart(&c, type, "Mean temperature by month", months, 5);
		c.sort_set = t >= 3;
		s = build(&c, 480, 300);
		if (!drawn_in_order(s, want, 5, type == CHART_HBAR))
			fail_msg("type %d, sort_set %d: the months are not drawn %s", (int)type,
				 c.sort_set, t < 3 ? "5 to 9" : "in the file's order");
		scene_free(s);
		assert_int_equal(chart_order_answer(&c), 0);
		for (size_t i = 0; i < 5; i++)
			assert_string_equal(c.q.res.groups[i].key[0], want[i]);
		chart_block_free(&c);
	}

	/* years with series: each year's groups together, in their order;
	   "Other" last */
	make_chart(&c, CHART_BAR, "Years", years, 6);
	assert_int_equal(chart_order_answer(&c), 0);
	{
		static const char *const k0[] = { "2015", "2015", "2016", "2016", "2022", "Other" };
		static const char *const k1[] = { "a", "b", "a", "b", "a", "a" };

		for (size_t i = 0; i < 6; i++) {
			assert_string_equal(c.q.res.groups[i].key[0], k0[i]);
			assert_string_equal(c.q.res.groups[i].key[1], k1[i]);
		}
	}
	chart_block_free(&c);

	/* numbers by value, not as text */
	make_chart(&c, CHART_BAR, "Numbers", negative, 4);
	assert_int_equal(chart_order_answer(&c), 0);
	assert_string_equal(c.q.res.groups[0].key[0], "-2.5");
	assert_string_equal(c.q.res.groups[1].key[0], "0");
	assert_string_equal(c.q.res.groups[2].key[0], "10");
	assert_string_equal(c.q.res.groups[3].key[0], "1e3");
	chart_block_free(&c);

	/* partial periods in words: as the file has them */
	make_chart(&c, CHART_BAR, "Words", words, 3);
	assert_int_equal(chart_order_answer(&c), 0);
	assert_string_equal(c.q.res.groups[0].key[0], words[0].k0);
	assert_string_equal(c.q.res.groups[2].key[0], words[2].k0);
	chart_block_free(&c);

	/* a line over dates runs in time even under sort: none (its axis is
	   time); a pie keeps its slices' order */
	make_chart(&c, CHART_LINE, "Dates", years, 5);
	c.sort_set = 1;
	assert_int_equal(chart_order_answer(&c), 0);
	assert_string_equal(c.q.res.groups[0].key[0], "2015");
	assert_string_equal(c.q.res.groups[4].key[0], "2022");
	chart_block_free(&c);
	make_chart(&c, CHART_PIE, "Pie", months, 5);
	assert_int_equal(chart_order_answer(&c), 0);
	assert_string_equal(c.q.res.groups[0].key[0], "8");
	chart_block_free(&c);
}

/* ---- colours and patterns ----------------------------------------------------- */

static size_t nser;

/* Three years of nser series; series j's value 10 + j. */
static void series_groups(struct fake *g, char (*names)[16])
{
	static const char *const years[] = { "2001", "2002", "2003" };

	for (size_t i = 0; i < 3 * nser; i++) {
		snprintf(names[i % nser], 16, "Firm %02d", (int)(i % nser));
		g[i] = (struct fake){ years[i / nser], names[i % nser], 10 + (double)(i % nser), 0 };
	}
}

/* The pieces of a stroked path: sub-paths and the longest of them. */
static void pieces(const struct scene_item *it, size_t *n, double *longest)
{
	const cairo_path_t *p = it->path;
	double x = 0, y = 0, run = 0;

	*n = 0;
	*longest = 0;
	for (int k = 0; k < p->num_data; k += p->data[k].header.length) {
		const cairo_path_data_t *d = &p->data[k];

		if (d->header.type == CAIRO_PATH_MOVE_TO) {
			(*n)++;
			run = 0;
		} else if (d->header.type == CAIRO_PATH_LINE_TO) {
			run += hypot(d[1].point.x - x, d[1].point.y - y);
			*longest = fmax(*longest, run);
		}
		x = d[1].point.x;
		y = d[1].point.y;
	}
}

/* 17 series: on lines, the 1st, 9th and 17th are blue, solid, dashed (no
 * piece longer than 5 pt) and dotted (1.5 pt); on bars, the 9th's bars are
 * blue with white diagonals over them, the 17th's white with a blue
 * border; every legend key follows its series.  25 series: an error. */
static void test_series_patterns(void **state)
{
	struct fake g[3 * 25];
	char names[25][16];
	struct chart_block c;
	struct scene *s;
	size_t solid = 0, dashed = 0, dotted = 0, hatched = 0, outlined = 0;
	struct diag d = { 0 };

	(void)state;
	nser = 17;
	series_groups(g, names);
	make_chart(&c, CHART_LINE, "Patterns", g, 3 * nser);
	s = build(&c, 481.89, 400);
	for (size_t i = 0; i < scene_count(s); i++) {
		const struct scene_item *it = scene_get(s, i);
		size_t n;
		double longest;

		if (it->kind != SCENE_PATH || it->has_fill || !it->has_stroke ||
		    it->line_width < 1.5 || !same_color(&it->stroke, &okabe_ito[0]))
			continue;
		pieces(it, &n, &longest);
		if (n == 1 && longest > 20)
			solid++;
		else if (n > 5 && fabs(longest - 5) < 1e-6)
			dashed++;
		else if (n > 5 && fabs(longest - 1.5) < 1e-6)
			dotted++;
	}
	if (solid != 1 || dashed != 1 || dotted != 1)
		fail_msg("blue lines: %zu solid, %zu dashed, %zu dotted; expected one each", solid,
			 dashed, dotted);
	scene_free(s);
	chart_block_free(&c);

	make_chart(&c, CHART_BAR, "Patterns", g, 3 * nser);
	s = build(&c, 481.89, 400);
	for (size_t i = 0; i + 1 < scene_count(s); i++) {
		const struct scene_item *it = scene_get(s, i), *next = scene_get(s, i + 1);
		struct rect r;

		if (!as_rect(it, &r))
			continue;
		if (same_color(&it->fill, &okabe_ito[0]) && next->kind == SCENE_PATH &&
		    !next->has_fill && next->has_stroke && same_color(&next->stroke, &(struct rgba){ 1, 1, 1, 1 }))
			hatched++;
		if (same_color(&it->fill, &(struct rgba){ 1, 1, 1, 1 }) && it->has_stroke &&
		    same_color(&it->stroke, &okabe_ito[0]))
			outlined++;
	}
	/* three years' bars and one legend key each */
	if (hatched != 4 || outlined != 4)
		fail_msg("blue bars: %zu hatched, %zu outlined; expected 4 each", hatched, outlined);
	scene_free(s);
	chart_block_free(&c);

	nser = 25;
	series_groups(g, names);
	make_chart(&c, CHART_LINE, "Too many", g, 3 * nser);
	assert_null(chart_build(&c, 481.89, 400, fonts, &d, NULL));
	assert_int_equal(d.code, EXIT_DATAERR);
	assert_string_equal(d.msg, "chart \"Too many\" has 25 series, more than 24 (8 colours, "
			    "each solid, dashed and dotted); choose fewer with where:");
	chart_block_free(&c);
}

/* ---- markers --------------------------------------------------------------- */

/* Markers (filled circles: paths with curves) in s. */
static size_t markers(const struct scene *s)
{
	size_t n = 0;

	for (size_t i = 0; i < scene_count(s); i++) {
		const struct scene_item *it = scene_get(s, i);
		struct pts p;

		if (it->kind != SCENE_PATH || !it->has_fill)
			continue;
		path_points(it, &p);
		n += p.curves > 0;
	}
	return n;
}

/* 39 monthly points: 39 markers; 40: one, at the last point, beside its
 * label; a point with no neighbour keeps its marker. */
static void test_markers_sparse_only(void **state)
{
	struct fake g[42];
	char keys[42][16];
	struct chart_block c;
	struct scene *s;

	(void)state;
	for (size_t n = 39; n <= 40; n++) {
		for (size_t i = 0; i < n; i++) {
			snprintf(keys[i], sizeof keys[i], "%04d-%02d", 2020 + (int)(i / 12),
				 1 + (int)(i % 12));
			g[i] = (struct fake){ keys[i], NULL, 10 + (double)(i % 7), 0 };
		}
		make_chart(&c, CHART_LINE, "Monthly", g, n);
		s = build(&c, 481.89, 264);
		if (markers(s) != (n < 40 ? n : 1))
			fail_msg("%zu points: %zu markers", n, markers(s));
		if (n == 40) { /* the one marker is the last point's */
			const struct scene_item *last = NULL;

			for (size_t i = 0; i < scene_count(s); i++) /* the bold "14" */
				if (scene_get(s, i)->kind == SCENE_TEXT &&
				    scene_get(s, i)->face == FONT_BOLD &&
				    !strcmp(scene_get(s, i)->text, "14"))
					last = scene_get(s, i);
			assert_non_null(last);
			for (size_t i = 0; i < scene_count(s); i++) {
				const struct scene_item *it = scene_get(s, i);
				struct pts p;

				if (it->kind != SCENE_PATH || !it->has_fill)
					continue;
				path_points(it, &p);
				if (p.curves && fabs(p.y[0] - last->y) > 10)
					fail_msg("the marker is not at the last point");
			}
		}
		scene_free(s);
		chart_block_free(&c);
	}
	/* 40 points in 42 months, the 20th alone between two missing
	   months: marked */
	for (size_t i = 0; i < 42; i++) {
		snprintf(keys[i], sizeof keys[i], "%04d-%02d", 2020 + (int)(i / 12), 1 + (int)(i % 12));
		g[i] = (struct fake){ keys[i], NULL, 10 + (double)(i % 7), 0 };
	}
	make_chart(&c, CHART_LINE, "Monthly", g, 42);
	c.q.res.groups[18].missing = 1;
	c.q.res.groups[20].missing = 1;
	s = build(&c, 481.89, 264);
	assert_int_equal(markers(s), 2);
	scene_free(s);
	chart_block_free(&c);
}

/* ---- end labels ---------------------------------------------------------- */

/* The Grunfeld panel's nine firms (tests/regress/craft/grunfeld.csv),
 * 1952 to 1954 (1954 last): eight of them end below 200 on an axis to
 * 1,500, Goodyear lowest at 49.34 (which used to sit on the x axis). */
static const char *const firms[9] = {
	"General Motors", "US Steel", "General Electric", "Chrysler", "Atlantic Refining",
	"IBM", "Union Oil", "Westinghouse", "Goodyear",
};
static const double invest[3][9] = {
	{ 891.2, 645.5, 157.3, 145, 85.4, 99.49, 72.68, 71.78, 65.98 },
	{ 1304.4, 641, 179.5, 174.93, 91.9, 127.52, 73.86, 90.08, 66.11 },
	{ 1486.7, 459.3, 189.6, 172.49, 81.43, 135.72, 89.51, 68.6, 49.34 },
};

/* The end label of firm f: its name's text item and the value after it. */
static const struct scene_item *end_label(const struct scene *s, const char *name)
{
	const struct scene_item *found = NULL;
	size_t n = 0;

	for (size_t i = 0; i < scene_count(s); i++) {
		const struct scene_item *it = scene_get(s, i);

		if (it->kind == SCENE_TEXT && strcmp(it->text, name) == 0) {
			found = it;
			n++;
		}
	}
	if (n != 1)
		fail_msg("\"%s\" is written %zu times", name, n);
	return found;
}

/* Is there a thin grey segment from (ax, ay) to (bx, by), within tol? */
static bool leader_between(const struct scene *s, double ax, double ay, double bx, double by,
			   double tol)
{
	for (size_t i = 0; i < scene_count(s); i++) {
		const struct scene_item *it = scene_get(s, i);
		struct pts p;

		if (it->kind != SCENE_PATH || it->has_fill || !it->has_stroke ||
		    it->line_width > 0.6 || fabs(it->stroke.r - 0x99 / 255.0) > 1e-6)
			continue;
		path_points(it, &p);
		if (p.n == 2 && fabs(p.x[0] - ax) < tol && fabs(p.y[0] - ay) < tol &&
		    fabs(p.x[1] - bx) < tol && fabs(p.y[1] - by) < tol)
			return true;
	}
	return false;
}

static void test_end_labels(void **state)
{
	static const char *const years[] = { "1952", "1953", "1954" };
	struct fake g[27];
	struct chart_block c;
	struct scene *s;
	struct axis ax;
	double bottom[9], top[9], lx = -1;
	size_t leaders = 0;

	(void)state;
	for (size_t i = 0; i < 27; i++)
		g[i] = (struct fake){ years[i / 9], firms[i % 9], invest[i / 9][i % 9], 0 };
	make_chart(&c, CHART_LINE, "Gross investment", g, 27);
	s = build(&c, 481.89, 265);
	read_axis(s, false, &ax);
	for (size_t f = 0; f < 9; f++) {
		const struct scene_item *name = end_label(s, firms[f]);
		double py = axis_pos(&ax, invest[2][f]), mid = name->y - 3;
		const struct scene_item *v;

		/* the value, bold, after the name on its line */
		if (f == 0) {
			v = find_text(s, "1,486.70");
			assert_non_null(v);
			assert_int_equal(v->face, FONT_BOLD);
			assert_true(fabs(v->y - name->y) < 1e-9 && v->x > name->x + name->width);
		}
		/* one column, right of the points */
		if (lx < 0)
			lx = name->x;
		assert_true(fabs(name->x - lx) < 1e-9);
		/* beside its point, or a leader from the point to it */
		if (fabs(mid - py) > 5) {
			/* from 1 pt right of the marker (2.5 pt) to 2 pt left of the
			   label, which stands 4 + 8 pt (a gap and a leader's room)
			   right of the marker */
			if (!leader_between(s, lx - 12 + 1, py, lx - 2, mid, 1.5))
				fail_msg("%s: its label is %.1f pt off its point, with no leader",
					 firms[f], mid - py);
			leaders++;
		}
		/* never over the bottom axis */
		bottom[f] = name->y + 2;
		top[f] = name->y - 8;
		if (bottom[f] > ax.plo + TOL)
			fail_msg("%s: its label reaches %.2f, under the axis at %.2f", firms[f],
				 bottom[f], ax.plo);
	}
	/* no two overlap */
	for (size_t a = 0; a < 9; a++)
		for (size_t b = a + 1; b < 9; b++)
			if (top[a] < bottom[b] - 0.5 && top[b] < bottom[a] - 0.5)
				fail_msg("the labels of %s and %s overlap", firms[a], firms[b]);
	assert_true(leaders > 0);
	/* nine series: the labels are the key, no legend swatch */
	for (size_t i = 0; i < scene_count(s); i++) {
		struct rect r;

		if (as_rect(scene_get(s, i), &r) && fabs(r.x1 - r.x0 - 8) < 1e-6 &&
		    fabs(r.y1 - r.y0 - 8) < 1e-6)
			fail_msg("a legend swatch at %.1f, %.1f", r.x0, r.y0);
	}
	scene_free(s);
	chart_block_free(&c);

	/* three series: the legend, and the labels naming them too */
	make_chart(&c, CHART_LINE, "Gross investment", g, 27);
	for (size_t i = 0, k = 0; i < 27; i++)
		if (i % 9 < 3)
			c.q.res.groups[k++] = c.q.res.groups[i];
		else
			free(c.q.res.groups[i].key[0]), free(c.q.res.groups[i].key[1]);
	c.q.res.ngroups = 9;
	s = build(&c, 481.89, 265);
	for (size_t f = 0; f < 3; f++) {
		size_t n = 0;

		for (size_t i = 0; i < scene_count(s); i++)
			n += scene_get(s, i)->kind == SCENE_TEXT && !strcmp(scene_get(s, i)->text, firms[f]);
		if (n != 2)
			fail_msg("%s is written %zu times, expected in the legend and at its line",
				 firms[f], n);
	}
	scene_free(s);
	chart_block_free(&c);
}

/* ---- labels never cut ------------------------------------------------------ */

#define ELLIPSIS "\xE2\x80\xA6"

/* No text run of s holds a "…". */
static void assert_nothing_cut(const struct scene *s, const char *what)
{
	for (size_t i = 0; i < scene_count(s); i++) {
		const struct scene_item *it = scene_get(s, i);

		if (it->kind == SCENE_TEXT && strstr(it->text, ELLIPSIS))
			fail_msg("%s: \"%s\" is cut", what, it->text);
	}
}

/* The text run whose text is exactly t: its angle, or -1 when there is
 * none. */
static double angle_of(const struct scene *s, const char *t)
{
	const struct scene_item *it = find_text(s, t);

	return it ? it->angle : -1;
}

static void test_labels_never_cut(void **state)
{
	static const char *const states[] = {
		"Alabama", "Alaska", "Arizona", "Arkansas", "California", "Colorado", "Connecticut",
		"Delaware", "Florida", "Georgia", "Hawaii", "Idaho", "Illinois", "Indiana", "Iowa",
		"Kansas", "Kentucky", "Louisiana", "Maine", "Maryland", "Massachusetts",
		"Michigan", "Minnesota", "Mississippi", "Missouri", "Montana", "Nebraska",
		"Nevada", "New Hampshire", "New Jersey", "New Mexico", "New York",
		"North Carolina", "North Dakota", "Ohio", "Oklahoma", "Oregon", "Pennsylvania",
		"Rhode Island", "South Carolina", "South Dakota", "Tennessee", "Texas", "Utah",
		"Vermont", "Virginia", "Washington", "West Virginia", "Wisconsin", "Wyoming",
	};
	struct fake g[50];
	struct chart_block c;
	struct scene *s;
	struct diag d = { 0 };
	double h;

	(void)state;
	/* nine firms: "Westinghouse" is wider than its band; all at 45 degrees */
	for (size_t f = 0; f < 9; f++)
		g[f] = (struct fake){ firms[f], NULL, invest[2][f], 0 };
	make_chart(&c, CHART_BAR, "Gross investment in 1954", g, 9);
	s = build(&c, 481.89, chart_default_height(&c, 481.89));
	assert_nothing_cut(s, "nine firms");
	for (size_t f = 0; f < 9; f++)
		if (angle_of(s, firms[f]) != 45)
			fail_msg("%s: not one label at 45 degrees (%g)", firms[f], angle_of(s, firms[f]));
	scene_free(s);
	chart_block_free(&c);

	/* four of them fit level, wrapped: "General" over "Motors" */
	make_chart(&c, CHART_BAR, "Four firms", g, 4);
	s = build(&c, 200, 200);
	assert_nothing_cut(s, "four firms");
	assert_true(angle_of(s, "General") == 0 && angle_of(s, "Motors") == 0);
	scene_free(s);
	chart_block_free(&c);

	/* fifty states: rows, every name whole, the default height grown to
	   a row each */
	for (size_t i = 0; i < 50; i++)
		g[i] = (struct fake){ states[i], NULL, 1 + (double)(i % 17), 0 };
	make_chart(&c, CHART_BAR, "Rates by state", g, 50);
	h = chart_default_height(&c, 481.89);
	s = build(&c, 481.89, h);
	assert_nothing_cut(s, "fifty states");
	assert_true(scene_height(s) > h);
	for (size_t i = 0; i < 50; i++) {
		const struct scene_item *it = find_text(s, states[i]);

		if (!it || it->align != SCENE_RIGHT || it->angle != 0)
			fail_msg("%s: no row label", states[i]);
	}
	scene_free(s);
	/* ... but with height: written, too small for them: an error that
	   says what would do */
	c.height = 300;
	assert_null(chart_build(&c, 481.89, 300, fonts, &d, NULL));
	assert_int_equal(d.code, EXIT_DATAERR);
	assert_int_equal(d.line, 40);
	if (!strstr(d.msg, "chart \"Rates by state\": its 50 category labels need") ||
	    !strstr(d.msg, "raise height: to") || !strstr(d.msg, "or show fewer with top:"))
		fail_msg("message: %s", d.msg);
	chart_block_free(&c);

	/* a legend entry and a pie label wider than the chart: wrapped */
	{
		static const char *const longname =
			"Belarusian Railways enterprises and their subsidiaries in the Minsk, Gomel "
			"and Brest regions, including repair depots";
		struct fake two[4] = { { "2020", longname, 1, 0 }, { "2020", "b", 2, 0 },
				       { "2021", longname, 3, 0 }, { "2021", "b", 4, 0 } };
		struct fake slices[2] = { { longname, NULL, 3, 0 }, { "Exported", NULL, 60, 0 } };

		make_chart(&c, CHART_BAR, "Legend", two, 4);
		s = build(&c, 300, 300);
		assert_nothing_cut(s, "legend");
		assert_non_null(find_text(s, "b"));
		assert_true(has_text_part(s, "depots"));
		scene_free(s);
		chart_block_free(&c);
		make_chart(&c, CHART_PIE, "Pie", slices, 2);
		s = build(&c, 300, 300);
		assert_nothing_cut(s, "pie");
		assert_true(has_text_part(s, "depots"));
		scene_free(s);
		chart_block_free(&c);
	}
}

/* ---- the files' margin ------------------------------------------------------ */

/* chart_framed: 24 pt wider and taller, every text run and path point 12
 * pt right and down, nothing else changed. */
static void test_framed_margin(void **state)
{
	struct chart_block c;
	struct scene *s, *t;
	struct fake g[9];

	(void)state;
	for (size_t f = 0; f < 9; f++)
		g[f] = (struct fake){ firms[f], NULL, invest[2][f], 0 };
	make_chart(&c, CHART_BAR, "Gross investment in 1954", g, 9);
	s = build(&c, 481.89, 265);
	t = chart_framed(s, CHART_FILE_MARGIN, fonts);
	assert_non_null(t);
	assert_int_equal(CHART_FILE_MARGIN, 12);
	assert_true(fabs(scene_width(t) - scene_width(s) - 24) < 1e-9);
	assert_true(fabs(scene_height(t) - scene_height(s) - 24) < 1e-9);
	assert_int_equal(scene_count(t), scene_count(s));
	for (size_t i = 0; i < scene_count(s); i++) {
		const struct scene_item *a = scene_get(s, i), *b = scene_get(t, i);

		assert_int_equal(a->kind, b->kind);
		if (a->kind == SCENE_TEXT) {
			assert_string_equal(a->text, b->text);
			assert_true(fabs(b->x - a->x - 12) < 1e-9 && fabs(b->y - a->y - 12) < 1e-9);
			assert_true(a->angle == b->angle && a->align == b->align && a->size == b->size);
			continue;
		}
		assert_int_equal(a->path->num_data, b->path->num_data);
		for (int k = 0; k < a->path->num_data; k += a->path->data[k].header.length)
			for (int p = 1; p < a->path->data[k].header.length; p++)
				assert_true(fabs(b->path->data[k + p].point.x - a->path->data[k + p].point.x - 12) < 1e-9 &&
					    fabs(b->path->data[k + p].point.y - a->path->data[k + p].point.y - 12) < 1e-9);
		assert_true(a->has_fill == b->has_fill && a->has_stroke == b->has_stroke &&
			    a->line_width == b->line_width);
	}
	scene_free(t);
	scene_free(s);
	chart_block_free(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_top_tick_next_nice_step),
		cmocka_unit_test(test_large_number_words),
		cmocka_unit_test(test_numbers_ascending),
		cmocka_unit_test(test_series_patterns),
		cmocka_unit_test(test_markers_sparse_only),
		cmocka_unit_test(test_end_labels),
		cmocka_unit_test(test_labels_never_cut),
		cmocka_unit_test(test_framed_margin),
	};

	return cmocka_run_group_tests_name("chart craft", tests, load_fonts, free_fonts);
}
