/* Chart geometry against an oracle that is not the chart code: the value
 * axis is read back from the scene itself (its tick labels, parsed as
 * numbers, and the gridlines and baseline they label), and then every mark
 * must stand where that axis puts its value, within 0.01 pt:
 *   - each bar (vertical, horizontal, grouped, stacked, negative) from the
 *     baseline (or the stack below it) to its value;
 *   - each point of a line, and its marker, at its value, the categories
 *     evenly spaced, or dates at their day on a time axis (more of time
 *     axes in test_chart_line.c);
 *   - each pie and donut slice from 12 o'clock clockwise, its angle
 *     proportional to its share of the total, largest first, "Other" last.
 * Run from the repository root (the fonts are loaded from fonts/). */
#include "chart_read.h"

/* The bars: filled rectangles inside the plot the gridlines span (the
 * legend's swatches stand above it), in painting order. */
static size_t read_bars(const struct scene *s, const struct axis *ax, bool horizontal,
			struct rect *out, size_t max)
{
	double lo = fmin(ax->plo, ax->phi) - TOL, hi = fmax(ax->plo, ax->phi) + TOL;
	size_t n = 0;

	for (size_t i = 0; i < scene_count(s) && n < max; i++) {
		struct rect r;

		if (!as_rect(scene_get(s, i), &r))
			continue;
		if (horizontal ? r.x0 < lo || r.x1 > hi : r.y0 < lo || r.y1 > hi)
			continue;
		if (horizontal ? r.y0 < ax->c0 - TOL || r.y1 > ax->c1 + TOL
			       : r.x0 < ax->c0 - TOL || r.x1 > ax->c1 + TOL)
			continue;
		r.order = i;
		out[n++] = r;
	}
	return n;
}

/* Bar from value `from` to value `to` along the axis: both ends within
 * TOL of where the axis puts them. */
static void assert_bar(const struct rect *r, const struct axis *ax, bool horizontal,
		       double from, double to, const char *what)
{
	double p0 = axis_pos(ax, from), p1 = axis_pos(ax, to);
	double lo = fmin(p0, p1), hi = fmax(p0, p1);
	double got_lo = horizontal ? r->x0 : r->y0, got_hi = horizontal ? r->x1 : r->y1;

	if (fabs(got_lo - lo) > TOL || fabs(got_hi - hi) > TOL)
		fail_msg("%s: bar %g..%g drawn over %.3f..%.3f, the axis says %.3f..%.3f", what,
			 from, to, got_lo, got_hi, lo, hi);
}

/* Order bars along the category axis (by their centre: x for columns,
 * y for rows), then in painting order (the segments of a stack). */
static int cmp_rect_along(const struct rect *x, const struct rect *y, bool rows)
{
	double cx = rows ? x->y0 + x->y1 : x->x0 + x->x1, cy = rows ? y->y0 + y->y1 : y->x0 + y->x1;

	if (fabs(cx - cy) > 2e-6)
		return cx < cy ? -1 : 1;
	return x->order < y->order ? -1 : x->order > y->order;
}

static int cmp_rect_band(const void *a, const void *b)
{
	return cmp_rect_along(a, b, false);
}

static int cmp_rect_row(const void *a, const void *b)
{
	return cmp_rect_along(a, b, true);
}

/* ---- bars ------------------------------------------------------------------ */

/* Build a bar chart of type over g[0..n) (stacked or not) at w x h, read
 * its axis and its bars back, sorted along the category axis.  The chart
 * block c is the caller's to free with the scene. */
static struct scene *bars_of(struct chart_block *c, enum chart_type type, const struct fake *g,
			     size_t n, int stacked, double w, double h, struct axis *ax,
			     struct rect *bars, size_t *nb)
{
	bool horizontal = type == CHART_HBAR;
	struct scene *s;

	make_chart(c, type, stacked ? "Stacked" : "Geometry", g, n);
	c->stacked = stacked;
	s = build(c, w, h);
	read_axis(s, horizontal, ax);
	if (!(ax->lo <= 0 && ax->hi >= 0)) /* bars stand on zero */
		fail_msg("the axis %g..%g leaves out zero", ax->lo, ax->hi);
	*nb = read_bars(s, ax, horizontal, bars, 64);
	assert_int_equal(*nb, n);
	qsort(bars, *nb, sizeof *bars, horizontal ? cmp_rect_row : cmp_rect_band);
	return s;
}

/* Bars of one series (or grouped: series side by side in the order they
 * come), each from zero to its value: sorted along the category axis they
 * must be g[0], g[1], … in the data's order. */
static void check_side_by_side(enum chart_type type, const struct fake *g, size_t n,
			       double w, double h)
{
	struct chart_block c;
	struct axis ax;
	struct rect bars[64];
	size_t nb;
	struct scene *s = bars_of(&c, type, g, n, 0, w, h, &ax, bars, &nb);

	for (size_t i = 0; i < n; i++) {
		char what[96];

		snprintf(what, sizeof what, "%s %s", g[i].k0, g[i].k1 ? g[i].k1 : "");
		assert_bar(&bars[i], &ax, type == CHART_HBAR, 0, g[i].v, what);
	}
	scene_free(s);
	chart_block_free(&c);
}

static const struct fake years[] = {
	{ "2019", NULL, 120.5, 0 }, { "2020", NULL, 313.1, 0 }, { "2021", NULL, 424.4, 0 },
	{ "2022", NULL, 7.25, 0 },
};

static const struct fake net[] = {
	{ "2019", NULL, -35.5, 0 }, { "2020", NULL, 80, 0 }, { "2021", NULL, -120.25, 0 },
	{ "2022", NULL, 12, 0 },
};

static const struct fake big[] = {
	{ "Jan", NULL, 1234567, 0 }, { "Feb", NULL, 2500000, 0 }, { "Mar", NULL, 987654.5, 0 },
};

static const struct fake pairs[] = {
	{ "2020", "export", 148.2, 0 },         { "2020", "import", 164.9, 0 },
	{ "Jan–Sep 2022", "export", 188.7, 0 }, { "Jan–Sep 2022", "import", 84.4, 0 },
	{ "2023", "export", 12, 0 },            { "2023", "import", 230.5, 0 },
};

static const struct fake named[] = {
	{ "Railway coaches", NULL, 90, 0 }, { "Fibreboard", NULL, 45.5, 0 },
	{ "Butter", NULL, 30, 0 },          { "Medicaments", NULL, -25, 0 },
	{ "Other", NULL, 20, 1 },
};

static void test_bars_at_their_values(void **state)
{
	(void)state;
	check_side_by_side(CHART_BAR, years, 4, 480, 264);
	check_side_by_side(CHART_BAR, years, 4, 240, 180);
	check_side_by_side(CHART_BAR, net, 4, 480, 264);
	check_side_by_side(CHART_BAR, big, 3, 400, 240);
	check_side_by_side(CHART_BAR, pairs, 6, 480, 264);
	check_side_by_side(CHART_HBAR, named, 5, 480, 200);
	check_side_by_side(CHART_HBAR, named, 5, 300, 160);
}

/* Stacks: each segment from the sum of the segments below it (positive
 * and negative values stacked apart) to that sum plus its value. */
static void check_stacked(enum chart_type type, const struct fake *g, size_t n, size_t nser)
{
	struct chart_block c;
	struct axis ax;
	struct rect bars[64];
	size_t nb;
	struct scene *s = bars_of(&c, type, g, n, 1, 480, 280, &ax, bars, &nb);

	/* one band per category; within it, the series in painting order */
	for (size_t i = 0; i < n; i += nser) {
		double pos = 0, neg = 0;

		for (size_t j = 0; j < nser; j++) {
			double v = g[i + j].v, from = v < 0 ? neg : pos;
			char what[96];

			snprintf(what, sizeof what, "%s %s", g[i + j].k0, g[i + j].k1);
			assert_bar(&bars[i + j], &ax, type == CHART_HBAR, from, from + v, what);
			*(v < 0 ? &neg : &pos) = from + v;
		}
	}
	scene_free(s);
	chart_block_free(&c);
}

static void test_stacks_at_their_sums(void **state)
{
	static const struct fake mixed[] = {
		{ "North", "a", 40, 0 }, { "North", "b", -15.5, 0 }, { "North", "c", 22, 0 },
		{ "South", "a", -8, 0 }, { "South", "b", 61.25, 0 }, { "South", "c", -30, 0 },
	};

	(void)state;
	check_stacked(CHART_BAR, pairs, 6, 2);
	check_stacked(CHART_BAR, mixed, 6, 3);
	check_stacked(CHART_HBAR, mixed, 6, 3);
}

/* ---- lines ----------------------------------------------------------------- */

/* Where category k of n stands when the first is at x0 and the last at
 * x0 + w: at its day when every category is a date (a time axis), else
 * evenly spaced. */
static double expected_x(const struct fake *g, size_t n, size_t nser, size_t k, double x0,
			 double w)
{
	long d0, d1, dk;

	for (size_t i = 0; i < n; i++)
		if (key_day(g[i * nser].k0, &dk) < 0)
			return x0 + w * (double)k / (double)(n - 1);
	key_day(g[0].k0, &d0);
	key_day(g[(n - 1) * nser].k0, &d1);
	key_day(g[k * nser].k0, &dk);
	return x0 + w * (double)(dk - d0) / (double)(d1 - d0);
}

/* Each series' polyline and its markers: point i at category i's x (evenly
 * spaced, or at its date, left to right) and at its value's y. */
static void check_line(const struct fake *g, size_t ncat, size_t nser)
{
	struct chart_block c;
	struct scene *s;
	struct axis ax;
	double mx[64], my[64], x0 = 0, w = 0;
	size_t nm = 0, npoly = 0;

	make_chart(&c, CHART_LINE, "Line", g, ncat * nser);
	s = build(&c, 480, 264);
	read_axis(s, false, &ax);
	for (size_t i = 0; i < scene_count(s); i++) {
		const struct scene_item *it = scene_get(s, i);
		struct pts p;

		if (it->kind != SCENE_PATH)
			continue;
		path_points(it, &p);
		if (it->has_fill && p.curves >= 2 && p.closes == 1 && nm < 64) {
			/* a marker: a circle, its centre the middle of its points */
			double xa = p.x[0], xb = p.x[0], ya = p.y[0], yb = p.y[0];

			for (int k = 1; k < p.n; k++) {
				xa = fmin(xa, p.x[k]);
				xb = fmax(xb, p.x[k]);
				ya = fmin(ya, p.y[k]);
				yb = fmax(yb, p.y[k]);
			}
			mx[nm] = (xa + xb) / 2;
			my[nm++] = (ya + yb) / 2;
		} else if (!it->has_fill && p.n == (int)ncat && p.lines == (int)ncat - 1) {
			/* a series line: its points in category order */
			size_t j = npoly++;

			assert_true(j < nser);
			if (j == 0) {
				x0 = p.x[0];
				w = p.x[ncat - 1] - p.x[0];
				assert_true(w > (double)ncat);
			}
			for (size_t k = 0; k < ncat; k++) {
				double v = g[k * nser + j].v;
				double want = expected_x(g, ncat, nser, k, x0, w);

				if (fabs(p.x[k] - want) > TOL)
					fail_msg("series %zu point %zu at x %.3f, not %.3f", j, k, p.x[k],
						 want);
				if (fabs(p.y[k] - axis_pos(&ax, v)) > TOL)
					fail_msg("series %zu point %zu (%g) at y %.3f, the axis says %.3f",
						 j, k, v, p.y[k], axis_pos(&ax, v));
			}
		}
	}
	assert_int_equal(npoly, nser);
	assert_int_equal(nm, ncat * nser);
	/* markers come series by series, category by category */
	for (size_t j = 0; j < nser; j++)
		for (size_t k = 0; k < ncat; k++) {
			size_t m = j * ncat + k;
			double v = g[k * nser + j].v;

			double want = expected_x(g, ncat, nser, k, x0, w);

			if (fabs(mx[m] - want) > TOL || fabs(my[m] - axis_pos(&ax, v)) > TOL)
				fail_msg("marker of series %zu at %zu: (%.3f, %.3f), expected (%.3f, %.3f)",
					 j, k, mx[m], my[m], want, axis_pos(&ax, v));
		}
	scene_free(s);
	chart_block_free(&c);
}

static void test_line_points_at_their_values(void **state)
{
	static const struct fake ganja[] = {
		{ "2018-04", NULL, 10000, 0 }, { "2020-11", NULL, 11000, 0 },
		{ "2022-05", NULL, 12000, 0 }, { "2024-06", NULL, 15000, 0 },
		{ "2025-01", NULL, 14250.5, 0 },
	};
	static const struct fake swing[] = {
		{ "Q1", NULL, -3.5, 0 }, { "Q2", NULL, 2.25, 0 }, { "Q3", NULL, 0, 0 },
		{ "Q4", NULL, 7.75, 0 },
	};

	(void)state;
	check_line(ganja, 5, 1);
	check_line(swing, 4, 1);
	check_line(pairs, 3, 2);
}

/* ---- pies ------------------------------------------------------------------ */

/* Angle of (x, y) about (cx, cy), clockwise from 12 o'clock, in [0, 2π). */
static double clock_angle(double cx, double cy, double x, double y)
{
	double a = atan2(x - cx, cy - y);

	return a < 0 ? a + 2 * M_PI : a;
}

/* The outer arc of a slice: its first point (a pie's comes after the
 * centre) and the end of its last curve before anything else. */
static void outer_arc(const struct pts *p, bool donut, int *first, int *last)
{
	*first = donut ? 0 : 1;
	*last = *first;
	for (int k = *first + 1; k < p->n && p->type[k] != CAIRO_PATH_LINE_TO; k++)
		if (p->type[k] == CAIRO_PATH_CURVE_TO)
			*last = k;
}

/* The centre of the circle through three points. */
static void circumcentre(const double *x, const double *y, double *cx, double *cy)
{
	double d = 2 * (x[0] * (y[1] - y[2]) + x[1] * (y[2] - y[0]) + x[2] * (y[0] - y[1]));
	double a = x[0] * x[0] + y[0] * y[0], b = x[1] * x[1] + y[1] * y[1];
	double c = x[2] * x[2] + y[2] * y[2];

	assert_true(fabs(d) > 1e-6);
	*cx = (a * (y[1] - y[2]) + b * (y[2] - y[0]) + c * (y[0] - y[1])) / d;
	*cy = (a * (x[2] - x[1]) + b * (x[0] - x[2]) + c * (x[1] - x[0])) / d;
}

/* A donut's centre: the circle through the three points of the slices'
 * outer arcs (their ends, not control points) that lie farthest apart. */
static void donut_centre(const struct pts *sl, size_t n, double *cx, double *cy)
{
	double px[128], py[128], best = -1, x[3] = { 0 }, y[3] = { 0 };
	size_t m = 0;

	for (size_t i = 0; i < n; i++) {
		int first, last;

		outer_arc(&sl[i], true, &first, &last);
		for (int k = first; k <= last && m < 128; k++)
			if (k == first || k % 3 == 0) {
				px[m] = sl[i].x[k];
				py[m++] = sl[i].y[k];
			}
	}
	for (size_t a = 0; a < m; a++)
		for (size_t b = a + 1; b < m; b++)
			for (size_t c = b + 1; c < m; c++) {
				double area = fabs((px[b] - px[a]) * (py[c] - py[a]) -
						   (py[b] - py[a]) * (px[c] - px[a]));

				if (area > best) {
					best = area;
					x[0] = px[a], y[0] = py[a], x[1] = px[b], y[1] = py[b];
					x[2] = px[c], y[2] = py[c];
				}
			}
	assert_true(best > 0);
	circumcentre(x, y, cx, cy);
}

/* Slices in painting order must be the groups sorted largest first, "Other"
 * last, each sweeping its share of the full turn from where the last one
 * ended, starting at 12 o'clock; every arc on one circle (and, for a donut,
 * the hole on another about the same centre). */
static void check_pie(enum chart_type type, const struct fake *g, size_t n)
{
	struct chart_block c;
	struct scene *s;
	struct pts sl[16];
	size_t ns = 0, order[16];
	double total = 0, cum = 0, cx, cy, r = 0;
	bool donut = type == CHART_DONUT;

	assert_true(n <= 16);
	make_chart(&c, type, "Shares", g, n);
	s = build(&c, 480, 260);
	for (size_t i = 0; i < scene_count(s); i++) {
		const struct scene_item *it = scene_get(s, i);

		if (it->kind == SCENE_PATH && it->has_fill && ns < 16) {
			path_points(it, &sl[ns]);
			if (sl[ns].curves > 0)
				ns++;
		}
	}
	assert_int_equal(ns, n);
	/* the expected order: by value, largest first, ties as given, Other last */
	for (size_t i = 0; i < n; i++) {
		order[i] = i;
		total += g[i].v;
	}
	for (size_t i = 1; i < n; i++)
		for (size_t k = i; k > 0; k--) {
			const struct fake *a = &g[order[k]], *b = &g[order[k - 1]];

			if (a->other > b->other || (a->other == b->other && a->v <= b->v))
				break;
			size_t t = order[k];
			order[k] = order[k - 1];
			order[k - 1] = t;
		}
	/* the centre: a pie's slices start there; a donut's is found from
	 * its outer arcs */
	if (donut) {
		donut_centre(sl, n, &cx, &cy);
	} else {
		cx = sl[0].x[0];
		cy = sl[0].y[0];
	}
	for (size_t i = 0; i < n; i++) {
		const struct pts *p = &sl[i];
		int first, last;
		double share = g[order[i]].v / total, a0, a1, sweep, tol;

		outer_arc(p, donut, &first, &last);
		assert_true(last > first);
		if (fabs(hypot(p->x[last] - cx, p->y[last] - cy) - hypot(p->x[first] - cx,
									  p->y[first] - cy)) > TOL)
			fail_msg("slice %zu: its arc does not keep its radius", i);
		if (i == 0)
			r = hypot(p->x[first] - cx, p->y[first] - cy);
		tol = TOL / r;
		if (fabs(hypot(p->x[first] - cx, p->y[first] - cy) - r) > TOL)
			fail_msg("slice %zu: its arc is not on the pie's circle", i);
		a0 = clock_angle(cx, cy, p->x[first], p->y[first]);
		a1 = clock_angle(cx, cy, p->x[last], p->y[last]);
		sweep = fmod(a1 - a0 + 4 * M_PI, 2 * M_PI);
		if (share > 0.999)
			sweep = 2 * M_PI;
		if (fabs(fmod(a0 - cum * 2 * M_PI + 5 * M_PI, 2 * M_PI) - M_PI) > tol)
			fail_msg("slice %zu (%s) starts at %.5f rad, expected %.5f", i, g[order[i]].k0,
				 a0, cum * 2 * M_PI);
		if (fabs(sweep - share * 2 * M_PI) > tol)
			fail_msg("slice %zu (%s, %.4f of the total) sweeps %.5f rad, expected %.5f", i,
				 g[order[i]].k0, share, sweep, share * 2 * M_PI);
		if (donut) {
			double hole = hypot(p->x[p->n - 1] - cx, p->y[p->n - 1] - cy);

			assert_true(hole > 0.2 * r && hole < r - 1);
		}
		cum += share;
	}
	scene_free(s);
	chart_block_free(&c);
}

static void test_slices_proportional_to_shares(void **state)
{
	static const struct fake factory[] = {
		{ "Exported", NULL, 60, 0 },
		{ "Belarusian Railways enterprises", NULL, 33, 0 },
		{ "Spot purchases in Belarus", NULL, 10, 0 },
	};
	static const struct fake unsorted[] = {
		{ "A", NULL, 5, 0 },  { "B", NULL, 42.5, 0 }, { "C", NULL, 17, 0 },
		{ "D", NULL, 30, 0 }, { "Other", NULL, 9, 1 },
	};
	static const struct fake tiny[] = {
		{ "Big", NULL, 97, 0 }, { "Small", NULL, 2, 0 }, { "Tiny", NULL, 0.6, 0 },
		{ "Speck", NULL, 0.4, 0 },
	};

	(void)state;
	check_pie(CHART_PIE, factory, 3);
	check_pie(CHART_PIE, unsorted, 5);
	check_pie(CHART_PIE, tiny, 4);
	check_pie(CHART_DONUT, factory, 3);
	check_pie(CHART_DONUT, unsorted, 5);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bars_at_their_values),
		cmocka_unit_test(test_stacks_at_their_sums),
		cmocka_unit_test(test_line_points_at_their_values),
		cmocka_unit_test(test_slices_proportional_to_shares),
	};

	return cmocka_run_group_tests_name("chart geometry", tests, load_fonts, free_fonts);
}
