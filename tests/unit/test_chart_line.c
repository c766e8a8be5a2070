/* Line charts against an oracle that is not the chart code (issue 13): the
 * value axis read back from the scene (chart_read.h), days from the
 * calendar (civil_days), and then, within 0.01 pt:
 *   - on a time axis every point stands at its period's first day, spaced
 *     by real time, whatever the mix of granularities;
 *   - the calendar ticks stand on calendar boundaries (1 January, the first
 *     of a month), labelled in the chart's language, never finer than the
 *     data's own periods;
 *   - the line breaks where a period of a regular series is missing, and
 *     runs on across the gaps of a sparse one;
 *   - the value axis is a nice range around the data (from zero only when
 *     zero is near), or exactly y-min: to y-max:, the line cut off at its
 *     ends with a note and a warning.
 * Run from the repository root (the fonts are loaded from fonts/). */
#include "chart_read.h"

#include "lang.h"

/* ---- reading a line chart back ------------------------------------------- */

/* The series lines (stroked, wider than any rule) as runs of points split
 * at each move, and the markers' centres, in painting order. */
struct line_read {
	double x[128], y[128]; /* the points of every run, one after another */
	size_t start[32];      /* where run r begins in x/y */
	size_t len[32];        /* its number of points */
	size_t nruns, npts;
	double mx[128], my[128]; /* marker centres */
	size_t nm;
	double tick_x[64], tick_y0, tick_y1; /* the time axis's tick marks */
	size_t nticks;
};

/* Does the path hold a curve (a marker's circle)? */
static bool path_has_curve(const struct scene_item *it)
{
	const cairo_path_t *p = it->path;

	for (int k = 0; k < p->num_data; k += p->data[k].header.length)
		if (p->data[k].header.type == CAIRO_PATH_CURVE_TO)
			return true;
	return false;
}

static void read_line(const struct scene *s, struct line_read *r)
{
	memset(r, 0, sizeof *r);
	for (size_t i = 0; i < scene_count(s); i++) {
		const struct scene_item *it = scene_get(s, i);
		const cairo_path_t *path;

		if (it->kind != SCENE_PATH)
			continue;
		path = it->path;
		if (it->has_fill && path_has_curve(it)) { /* a marker: its box's centre */
			struct pts p;
			double xa = INFINITY, xb = -INFINITY, ya = INFINITY, yb = -INFINITY;

			path_points(it, &p);
			for (int k = 0; k < p.n; k++) {
				xa = fmin(xa, p.x[k]);
				xb = fmax(xb, p.x[k]);
				ya = fmin(ya, p.y[k]);
				yb = fmax(yb, p.y[k]);
			}
			assert_true(r->nm < 128);
			r->mx[r->nm] = (xa + xb) / 2;
			r->my[r->nm++] = (ya + yb) / 2;
			continue;
		}
		if (it->has_fill || !it->has_stroke)
			continue;
		if (it->line_width < 1) { /* a rule: a time tick is short and upright */
			struct pts p;

			path_points(it, &p);
			if (p.n == 2 && fabs(p.x[0] - p.x[1]) < 1e-9 && fabs(p.y[1] - p.y[0]) < 5 &&
			    r->nticks < 64) {
				r->tick_x[r->nticks++] = p.x[0];
				r->tick_y0 = fmin(p.y[0], p.y[1]);
				r->tick_y1 = fmax(p.y[0], p.y[1]);
			}
			continue;
		}
		for (int k = 0; k < path->num_data; k += path->data[k].header.length) {
			const cairo_path_data_t *d = &path->data[k];

			if (d->header.type == CAIRO_PATH_MOVE_TO) {
				assert_true(r->nruns < 32);
				r->start[r->nruns] = r->npts;
				r->len[r->nruns++] = 0;
			}
			if (d->header.type != CAIRO_PATH_MOVE_TO && d->header.type != CAIRO_PATH_LINE_TO)
				fail_msg("a series line with a curve or a close");
			assert_true(r->npts < 128);
			r->x[r->npts] = d[1].point.x;
			r->y[r->npts++] = d[1].point.y;
			r->len[r->nruns - 1]++;
		}
	}
}

/* The time axis as the points give it: x = a + b * day, from the first and
 * the last point of the runs (the first and last categories have values in
 * these tests). */
struct time_map {
	double a, b;
};

static struct time_map time_map(const struct line_read *r, long d0, long d1)
{
	double x0 = r->x[0], x1 = r->x[r->npts - 1];
	struct time_map m = { 0, (x1 - x0) / (double)(d1 - d0) };

	m.a = x0 - m.b * (double)d0;
	return m;
}

static long day_of(const char *key)
{
	long d = 0;

	if (key_day(key, &d) < 0)
		fail_msg("not a date: %s", key);
	return d;
}

/* Build line chart c (the caller frees it) over g[0..n) at 480 x 264, read
 * its axis and line back. */
static struct scene *line_of(struct chart_block *c, const struct fake *g, size_t n,
			     struct axis *ax, struct line_read *r)
{
	struct scene *s;

	make_chart(c, CHART_LINE, "Line", g, n);
	s = build(c, 480, 264);
	read_axis(s, false, ax);
	read_line(s, r);
	return s;
}

/* ---- time axes ------------------------------------------------------------- */

/* The default briefing's Ganja running total: years, then months of
 * report. */
static const struct fake ganja[] = {
	{ "2007", NULL, 426, 0 },       { "2014", NULL, 6500, 0 },
	{ "2018-04", NULL, 10000, 0 },  { "2020-11", NULL, 11000, 0 },
	{ "2022-05", NULL, 12000, 0 },  { "2024-06", NULL, 15000, 0 },
};

/* Each point at its period's first day, spaced by real time: 2018-04 to
 * 2020-11 (945 days) wider than 2020-11 to 2022-05 (546), years and months
 * mixed; quarters, a day and a month likewise. */
static void test_points_spaced_by_time(void **state)
{
	static const struct fake mixed[] = { /* quarters, a day and a month */
		{ "2023-Q1", NULL, 5, 0 }, { "2023-Q2", NULL, 6, 0 }, { "2023-08-15", NULL, 7, 0 },
		{ "2023-10", NULL, 6.5, 0 }, { "2024-Q1", NULL, 8, 0 },
	};
	const struct { const struct fake *g; size_t n; } cases[] = { { ganja, 6 }, { mixed, 5 } };
	struct chart_block c;
	struct axis ax;
	struct line_read r;

	(void)state;
	for (size_t t = 0; t < 2; t++) {
		const struct fake *g = cases[t].g;
		size_t n = cases[t].n;
		struct scene *s = line_of(&c, g, n, &ax, &r);
		struct time_map m;

		assert_int_equal(r.nruns, 1); /* sparse reports: joined throughout */
		assert_int_equal(r.npts, n);
		assert_int_equal(r.nm, n);
		m = time_map(&r, day_of(g[0].k0), day_of(g[n - 1].k0));
		for (size_t k = 0; k < n; k++) {
			double want = m.a + m.b * (double)day_of(g[k].k0);

			if (fabs(r.x[k] - want) > TOL || fabs(r.mx[k] - want) > TOL)
				fail_msg("%s at x %.3f (marker %.3f), its day puts it at %.3f", g[k].k0,
					 r.x[k], r.mx[k], want);
			if (fabs(r.y[k] - axis_pos(&ax, g[k].v)) > TOL)
				fail_msg("%s at y %.3f, the axis says %.3f", g[k].k0, r.y[k],
					 axis_pos(&ax, g[k].v));
		}
		if (t == 0) /* 945 against 546 days */
			assert_true(fabs((r.x[3] - r.x[2]) - (r.x[4] - r.x[3]) * 945 / 546) < TOL);
		scene_free(s);
		chart_block_free(&c);
	}
}

/* A series kept per period (most steps one period) breaks where a period
 * is missing: no segment across the missing month, the missing year, the
 * missing working day; its points keep their true places (months of 28
 * to 31 days), and a point with no neighbour keeps its marker. */
static void test_missing_period_breaks_line(void **state)
{
	static const struct fake months[] = {
		{ "2023-01", NULL, 12, 0 }, { "2023-02", NULL, 14, 0 }, { "2023-03", NULL, 13, 0 },
		/* 2023-04 missing */
		{ "2023-05", NULL, 17, 0 }, { "2023-06", NULL, 16, 0 }, { "2023-07", NULL, 19, 0 },
	};
	static const struct fake years[] = {
		{ "2015", NULL, 3, 0 }, { "2016", NULL, 4, 0 }, { "2017", NULL, 3.5, 0 },
		/* 2018 missing */
		{ "2019", NULL, 5, 0 }, { "2020", NULL, 4.5, 0 },
	};
	static const struct fake alone[] = { /* 2022 stands alone */
		{ "2018", NULL, 3, 0 }, { "2019", NULL, 4, 0 }, { "2020", NULL, 3.5, 0 },
		{ "2022", NULL, 5, 0 }, { "2024", NULL, 4, 0 }, { "2025", NULL, 4.5, 0 },
	};
	struct chart_block c;
	struct axis ax;
	struct line_read r;
	struct scene *s;
	struct time_map m;

	(void)state;
	s = line_of(&c, months, 6, &ax, &r);
	assert_int_equal(r.nruns, 2);
	assert_int_equal(r.len[0], 3); /* January to March */
	assert_int_equal(r.len[1], 3); /* May to July */
	assert_int_equal(r.nm, 6);
	m = time_map(&r, day_of("2023-01"), day_of("2023-07"));
	for (size_t k = 0; k < 6; k++)
		assert_true(fabs(r.x[k] - (m.a + m.b * (double)day_of(months[k].k0))) < TOL);
	/* January is 31 days, February 28: true spacing, not even */
	assert_true(fabs((r.x[2] - r.x[1]) - (r.x[1] - r.x[0]) * 28 / 31) < TOL);
	scene_free(s);
	chart_block_free(&c);

	s = line_of(&c, years, 5, &ax, &r);
	assert_int_equal(r.nruns, 2);
	assert_int_equal(r.len[0], 3);
	assert_int_equal(r.len[1], 2);
	scene_free(s);
	chart_block_free(&c);

	/* working days (rates, prices): a weekend is no gap, a missing
	 * Wednesday is; days with weekends: a missing Sunday is a gap */
	{
		static const struct fake work[] = {
			{ "2024-06-05", NULL, 1.5, 0 }, { "2024-06-06", NULL, 1.7, 0 },
			{ "2024-06-07", NULL, 1.6, 0 }, /* Friday, then Monday */
			{ "2024-06-10", NULL, 1.9, 0 }, { "2024-06-11", NULL, 1.8, 0 },
			/* no Wednesday 12 */
			{ "2024-06-13", NULL, 2.1, 0 }, { "2024-06-14", NULL, 2.0, 0 },
		};
		static const struct fake week[] = {
			{ "2024-06-07", NULL, 1.5, 0 }, { "2024-06-08", NULL, 1.7, 0 },
			/* no Sunday 9 */
			{ "2024-06-10", NULL, 1.6, 0 }, { "2024-06-11", NULL, 1.9, 0 },
		};

		s = line_of(&c, work, 7, &ax, &r);
		assert_int_equal(r.nruns, 2);
		assert_int_equal(r.len[0], 5); /* Wednesday 5 to Tuesday 11 */
		assert_int_equal(r.len[1], 2);
		scene_free(s);
		chart_block_free(&c);
		s = line_of(&c, week, 4, &ax, &r);
		assert_int_equal(r.nruns, 2);
		assert_int_equal(r.len[0], 2);
		scene_free(s);
		chart_block_free(&c);
	}

	/* steps 1, 1, 2, 2, 1: regular (3 of 5 single); 2020-2022 and
	 * 2022-2024 miss a year each, so 2022 is a lone marker */
	s = line_of(&c, alone, 6, &ax, &r);
	assert_int_equal(r.nruns, 2);
	assert_int_equal(r.len[0], 3);
	assert_int_equal(r.len[1], 2);
	assert_int_equal(r.nm, 6);
	scene_free(s);
	chart_block_free(&c);
}

/* The calendar ticks: each label centred on a short mark under the plot
 * at a calendar boundary — 1 January for years, the first of the month
 * for months ("Jan 2023", then "Apr", ... the year again where it
 * changes) — and the labels stand apart, in order. */
static void test_ticks_on_calendar_boundaries(void **state)
{
	static const struct fake year[] = {
		{ "2023-01", NULL, 1, 0 }, { "2023-02", NULL, 2, 0 },  { "2023-03", NULL, 3, 0 },
		{ "2023-04", NULL, 2, 0 }, { "2023-05", NULL, 3, 0 },  { "2023-06", NULL, 4, 0 },
		{ "2023-07", NULL, 5, 0 }, { "2023-08", NULL, 4, 0 },  { "2023-09", NULL, 5, 0 },
		{ "2023-10", NULL, 6, 0 }, { "2023-11", NULL, 5, 0 },  { "2023-12", NULL, 6, 0 },
		{ "2024-01", NULL, 7, 0 }, { "2024-02", NULL, 6, 0 },
	};
	static const char *const mon[12] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
					     "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	const struct { const struct fake *g; size_t n; } cases[] = { { ganja, 6 }, { year, 14 } };
	struct chart_block c;
	struct axis ax;
	struct line_read r;

	(void)state;
	for (size_t t = 0; t < 2; t++) {
		const struct fake *g = cases[t].g;
		size_t n = cases[t].n, labels = 0;
		struct scene *s = line_of(&c, g, n, &ax, &r);
		struct time_map m = time_map(&r, day_of(g[0].k0), day_of(g[n - 1].k0));
		double prev_right = -INFINITY;
		int cur_year = 0, prev_month = 0;

		for (size_t i = 0; i < scene_count(s); i++) {
			const struct scene_item *it = scene_get(s, i);
			char name[8];
			int y = 0, mo = 1, got;
			long day;

			if (it->kind != SCENE_TEXT || it->align != SCENE_CENTER ||
			    it->y < ax.plo) /* under the plot */
				continue;
			if (sscanf(it->text, "%d", &y) == 1 && strlen(it->text) == 4) {
				cur_year = y;
			} else if ((got = sscanf(it->text, "%3s %d", name, &y)) >= 1) {
				for (mo = 1; mo <= 12 && strcmp(mon[mo - 1], name) != 0; mo++)
					;
				assert_true(mo <= 12);
				if (got == 2)
					cur_year = y;
				else if (mo <= prev_month)
					fail_msg("%s: a new year without its number", it->text);
				prev_month = mo;
			}
			assert_true(cur_year > 0);
			day = civil_days(cur_year, mo, 1);
			if (fabs(it->x - (m.a + m.b * (double)day)) > TOL)
				fail_msg("tick \"%s\" at %.3f, its day puts it at %.3f", it->text, it->x,
					 m.a + m.b * (double)day);
			/* its mark above it, at the same x */
			{
				size_t k = 0;

				while (k < r.nticks && fabs(r.tick_x[k] - it->x) > TOL)
					k++;
				if (k == r.nticks)
					fail_msg("tick \"%s\" has no mark", it->text);
			}
			assert_true(it->x - it->width / 2 > prev_right);
			prev_right = it->x + it->width / 2;
			labels++;
		}
		assert_int_equal(labels, r.nticks);
		assert_true(labels >= 3);
		assert_true(fabs(r.tick_y0 - ax.plo) < TOL); /* marks hang from the plot */
		if (t == 1) /* monthly: month labels, with the year on the first */
			assert_true(prev_month > 0);
		scene_free(s);
		chart_block_free(&c);
	}
}

/* Ticks are never finer than the data's periods (no "Jul" between yearly
 * points, however wide the chart), and speak the chart's language. */
static void test_ticks_follow_data_and_language(void **state)
{
	static const struct fake years[] = {
		{ "2018", NULL, 120, 0 }, { "2019", NULL, 135, 0 }, { "2020", NULL, 150, 0 },
		{ "2021", NULL, 160, 0 },
	};
	static const struct fake quarters[] = {
		{ "2023-Q1", NULL, 5, 0 }, { "2023-Q2", NULL, 6, 0 }, { "2023-Q3", NULL, 7, 0 },
		{ "2023-Q4", NULL, 6, 0 }, { "2024-Q1", NULL, 8, 0 },
	};
	struct chart_block c;
	struct scene *s;

	(void)state;
	make_chart(&c, CHART_LINE, "Years", years, 4);
	s = build(&c, 900, 264);
	assert_non_null(find_text(s, "2018"));
	assert_non_null(find_text(s, "2021"));
	assert_false(has_text_part(s, "Jul"));
	assert_false(has_text_part(s, "Jan"));
	scene_free(s);
	chart_block_free(&c);

	make_chart(&c, CHART_LINE, "Quarters", quarters, 5);
	s = build(&c, 900, 264);
	assert_non_null(find_text(s, "Jan 2023"));
	assert_non_null(find_text(s, "Apr"));
	assert_non_null(find_text(s, "Jan 2024"));
	assert_null(find_text(s, "Feb")); /* no month between quarters */
	scene_free(s);
	chart_block_free(&c);

	make_chart(&c, CHART_LINE, "Кварталы", quarters, 5);
	c.lang = lang_find("ru");
	s = build(&c, 900, 264);
	assert_non_null(find_text(s, "янв. 2023"));
	assert_null(find_text(s, "Jan 2023"));
	scene_free(s);
	chart_block_free(&c);
}

/* Categories that are not all dates keep an evenly spaced category axis
 * with their labels as written; "Other" has no place in time either. */
static void test_not_dates_keep_categories(void **state)
{
	static const struct fake partial[] = {
		{ "2019", NULL, 1, 0 }, { "Jan–Sep 2020", NULL, 2, 0 }, { "2021", NULL, 3, 0 },
	};
	static const struct fake other[] = {
		{ "2019", NULL, 1, 0 }, { "2020", NULL, 2, 0 }, { "Other", NULL, 3, 1 },
	};
	struct chart_block c;
	struct scene *s;

	(void)state;
	make_chart(&c, CHART_LINE, "Partial", partial, 3);
	s = build(&c, 480, 264);
	assert_non_null(find_text(s, "Jan–Sep 2020"));
	scene_free(s);
	chart_block_free(&c);
	make_chart(&c, CHART_LINE, "Other", other, 3);
	s = build(&c, 480, 264);
	assert_non_null(find_text(s, "Other"));
	scene_free(s);
	chart_block_free(&c);
}

/* ---- the value axis ---------------------------------------------------------- */

/* Is there a baseline (0.75 pt) across the plot? */
static bool has_baseline(const struct scene *s)
{
	for (size_t i = 0; i < scene_count(s); i++) {
		const struct scene_item *it = scene_get(s, i);

		if (it->kind == SCENE_PATH && it->has_stroke && fabs(it->line_width - 0.75) < 1e-9 &&
		    !it->has_fill)
			return true;
	}
	return false;
}

/* Without y-min:/y-max: a nice range around the data, reaching zero only
 * when the data would still fill half the plot; the baseline only where
 * zero is on the axis. */
static void test_nice_range_around_data(void **state)
{
	static const struct {
		struct fake g[3];
		double lo, hi; /* the lowest and highest tick */
		bool zero;     /* zero on the axis, and its baseline */
	} cases[] = {
		{ { { "A", NULL, 10000, 0 }, { "B", NULL, 12000, 0 }, { "C", NULL, 15000, 0 } },
		  10000, 15000, false },
		{ { { "A", NULL, 2, 0 }, { "B", NULL, 7, 0 }, { "C", NULL, 10, 0 } }, 0, 10, true },
		{ { { "A", NULL, -15, 0 }, { "B", NULL, -12, 0 }, { "C", NULL, -10, 0 } },
		  -15, -10, false },
		{ { { "A", NULL, -3, 0 }, { "B", NULL, 7, 0 }, { "C", NULL, 2, 0 } }, -4, 8, true },
		{ { { "A", NULL, 5, 0 }, { "B", NULL, 5, 0 }, { "C", NULL, 5, 0 } }, 0, 5, true },
		{ { { "A", NULL, 97.5, 0 }, { "B", NULL, 99.25, 0 }, { "C", NULL, 98, 0 } },
		  97.5, 99.5, false },
	};
	struct chart_block c;
	struct axis ax;

	(void)state;
	for (size_t t = 0; t < sizeof cases / sizeof cases[0]; t++) {
		struct scene *s;

		make_chart(&c, CHART_LINE, "Range", cases[t].g, 3);
		s = build(&c, 480, 264);
		read_axis(s, false, &ax);
		if (fabs(ax.lo - cases[t].lo) > 1e-9 || fabs(ax.hi - cases[t].hi) > 1e-9)
			fail_msg("case %zu: axis %g..%g, expected %g..%g", t, ax.lo, ax.hi,
				 cases[t].lo, cases[t].hi);
		assert_int_equal(has_baseline(s), cases[t].zero);
		for (size_t k = 0; k < 3; k++) /* every value on the axis */
			assert_true(cases[t].g[k].v >= ax.lo && cases[t].g[k].v <= ax.hi);
		scene_free(s);
		chart_block_free(&c);
	}
}

static const struct fake ganja4[] = {
	{ "2018-04", NULL, 10000, 0 }, { "2020-11", NULL, 11000, 0 },
	{ "2022-05", NULL, 12000, 0 }, { "2024-06", NULL, 15000, 0 },
};

/* y-min: and y-max: are the axis's ends, exactly: the plot's bottom (where
 * the time ticks hang) is y-min, its top y-max; the ticks are the nice
 * values between.  One end alone: the other is the nice tick past the
 * data. */
static void test_y_min_max_are_the_ends(void **state)
{
	static const struct {
		int has_min, has_max;
		double min, max;
		double lo, hi; /* lowest and highest tick */
	} cases[] = {
		{ 1, 1, 0, 20000, 0, 20000 },
		{ 1, 1, 9000, 16500, 10000, 16000 },
		{ 1, 0, 0, 0, 0, 15000 },
		{ 0, 1, 0, 30000, 10000, 30000 },
	};
	struct chart_block c;
	struct axis ax;
	struct line_read r;

	(void)state;
	for (size_t t = 0; t < sizeof cases / sizeof cases[0]; t++) {
		struct scene *s;

		make_chart(&c, CHART_LINE, "Fixed", ganja4, 4);
		c.has_y_min = cases[t].has_min;
		c.has_y_max = cases[t].has_max;
		c.y_min = cases[t].min;
		c.y_max = cases[t].max;
		s = build(&c, 480, 264);
		read_axis(s, false, &ax);
		read_line(s, &r);
		if (fabs(ax.lo - cases[t].lo) > 1e-9 || fabs(ax.hi - cases[t].hi) > 1e-9)
			fail_msg("case %zu: ticks %g..%g, expected %g..%g", t, ax.lo, ax.hi,
				 cases[t].lo, cases[t].hi);
		for (size_t k = 0; k < 4; k++)
			assert_true(fabs(r.y[k] - axis_pos(&ax, ganja4[k].v)) < TOL);
		/* the plot's bottom is y-min (where the tick marks start) */
		if (cases[t].has_min)
			assert_true(fabs(axis_pos(&ax, cases[t].min) - r.tick_y0) < TOL);
		assert_false(has_text_part(s, "Cut off"));
		scene_free(s);
		chart_block_free(&c);
	}
}

/* Values beyond y-max: (or under y-min:) are cut off: the line runs to the
 * axis's end and stops, where it crosses it; no marker off the axis; a note
 * under the chart names them, and a warning at the y-max: line. */
static void test_cut_off_at_the_axis(void **state)
{
	struct chart_block c;
	struct axis ax;
	struct line_read r;
	struct diag_list warn = { 0 };
	struct diag d = { 0 };
	struct scene *s;
	struct time_map m;
	double t, want_x;

	(void)state;
	make_chart(&c, CHART_LINE, "Cut", ganja4, 4);
	c.has_y_max = 1;
	c.y_max = 13500;
	c.y_line = 47;
	c.y_col = 8;
	s = chart_build(&c, 480, 264, fonts, &d, &warn);
	assert_non_null(s);
	read_axis(s, false, &ax);
	read_line(s, &r);
	assert_int_equal(r.nruns, 1);
	assert_int_equal(r.npts, 4);
	assert_int_equal(r.nm, 3); /* 15,000 has no marker */
	/* 12,000 to 15,000 crosses 13,500 half way, in time too */
	m = time_map(&(struct line_read){ .x = { r.x[0], r.x[1] }, .npts = 2 }, day_of("2018-04"),
		     day_of("2020-11"));
	t = 0.5;
	want_x = m.a + m.b * (day_of("2022-05") + t * (day_of("2024-06") - day_of("2022-05")));
	assert_true(fabs(r.x[3] - want_x) < TOL);
	assert_true(fabs(r.y[3] - axis_pos(&ax, 13500)) < TOL);
	assert_true(has_text_part(s, "Cut off at the axis: 2024-06 (15,000)."));
	assert_non_null(find_text(s, "15,000")); /* the last value still says so */
	assert_int_equal(warn.n, 1);
	assert_string_equal(warn.items[0].file, "input/briefing.md");
	assert_int_equal(warn.items[0].line, 47);
	assert_int_equal(warn.items[0].col, 8);
	assert_string_equal(warn.items[0].msg, "chart \"Cut\": values outside y-min:/y-max: are "
			    "cut off at the axis: 2024-06 (15,000)");
	diag_list_free(&warn);
	scene_free(s);
	chart_block_free(&c);

	/* under y-min:, two series: A enters the axis at 2, B only from 1.4
	 * to 3; every value cut off is named, in the chart's language, the
	 * fourth on as "and N more" */
	{
		static const struct fake two[] = {
			{ "2020", "A", 1, 0 }, { "2020", "B", 1.5, 0 }, { "2021", "A", 2.5, 0 },
			{ "2021", "B", 1.2, 0 }, { "2022", "A", 4, 0 }, { "2022", "B", 1.4, 0 },
			{ "2023", "A", 5, 0 }, { "2023", "B", 3, 0 },
		};

		for (int ru = 0; ru < 2; ru++) {
			make_chart(&c, CHART_LINE, "Two", two, 8);
			c.lang = ru ? lang_find("ru") : NULL;
			c.has_y_min = 1;
			c.y_min = 2;
			s = build(&c, 480, 264);
			if (ru) {
				assert_true(has_text_part(s, "Обрезано краем оси: 2020, A (1,0), "
							  "2020, B (1,5), 2021, B (1,2) и ещё 1."));
			} else { /* "2,5" would not read as a tick: the geometry in English */
				read_axis(s, false, &ax);
				read_line(s, &r);
				assert_int_equal(r.nruns, 2);
				assert_int_equal(r.len[0], 4);
				assert_true(fabs(r.y[0] - axis_pos(&ax, 2)) < TOL);
				assert_true(fabs(r.y[1] - axis_pos(&ax, 2.5)) < TOL);
				assert_int_equal(r.len[1], 2);
				assert_true(fabs(r.y[r.start[1]] - axis_pos(&ax, 2)) < TOL);
				assert_true(fabs(r.y[r.start[1] + 1] - axis_pos(&ax, 3)) < TOL);
				assert_int_equal(r.nm, 4); /* 2.5, 4, 5 and 3 */
				assert_true(has_text_part(s, "Cut off at the axis: 2020, A (1.0), "
							  "2020, B (1.5), 2021, B (1.2) and 1 more."));
			}
			scene_free(s);
			chart_block_free(&c);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_points_spaced_by_time),
		cmocka_unit_test(test_missing_period_breaks_line),
		cmocka_unit_test(test_ticks_on_calendar_boundaries),
		cmocka_unit_test(test_ticks_follow_data_and_language),
		cmocka_unit_test(test_not_dates_keep_categories),
		cmocka_unit_test(test_nice_range_around_data),
		cmocka_unit_test(test_y_min_max_are_the_ends),
		cmocka_unit_test(test_cut_off_at_the_axis),
	};

	return cmocka_run_group_tests_name("line charts", tests, load_fonts, free_fonts);
}
