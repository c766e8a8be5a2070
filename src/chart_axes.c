/* chart_axes — bar and hbar charts (one series, grouped series, stacked),
 * and the category x series grid they share with line charts.
 *
 * A bar chart is: the legend (2+ series), the unit as the value axis title,
 * light gridlines at "nice" ticks with their labels (no tick marks), the bars
 * (65 % of each category band), value labels where they fit, the zero
 * baseline, and the category labels, wrapped and shortened so that none
 * overlaps another. */
#include "chart_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "num.h"
#include "strset.h"

/* ---- the grid ------------------------------------------------------------ */

/* The distinct strings of one axis of the grid, in first-seen order, found
 * through the one string map (strset), so that building a grid of 100,000
 * points is linear, not a scan of every name per group. */
struct axis_names {
	const char **v;   /* the names (pointers into the groups' keys) */
	size_t n;         /* how many */
	struct strset set; /* name -> its index in v */
};

static int names_init(struct axis_names *a, size_t most)
{
	a->n = 0;
	a->v = malloc((most ? most : 1) * sizeof *a->v);
	return a->v ? 0 : -1;
}

/* Index of s, added at the end when new (there is room: names_init was told
 * the most there can be); -1 when out of memory. */
static long names_find_or_add(struct axis_names *a, const char *s)
{
	int added;
	long id = strset_add(&a->set, s, strlen(s), &added);

	if (id >= 0 && added)
		a->v[a->n++] = s;
	return id;
}

/* The categories and series of c's groups, indexed; ci/si (NULL or one per
 * group) get each group's category and series.  0 or -1 (out of memory). */
static int grid_names(const struct chart_block *c, struct axis_names *cats,
		      struct axis_names *sers, long *ci, long *si)
{
	const struct query_result *r = &c->q.res;

	if (names_init(cats, r->ngroups) < 0 || names_init(sers, r->ngroups + 1) < 0)
		return -1;
	for (size_t i = 0; i < r->ngroups; i++) {
		const struct group *gr = &r->groups[i];
		const char *ser = c->q.group[1] && gr->key[1] ? gr->key[1] : "";
		long a = names_find_or_add(cats, gr->key[0] ? gr->key[0] : "");
		long b = names_find_or_add(sers, ser);

		if (a < 0 || b < 0)
			return -1;
		if (ci)
			ci[i] = a, si[i] = b;
	}
	if (sers->n == 0 && names_find_or_add(sers, "") < 0)
		return -1;
	return 0;
}

static void names_free(struct axis_names *a)
{
	free(a->v);
	strset_free(&a->set);
}

int chart_grid_count(const struct chart_block *c, size_t *ncat, size_t *nser)
{
	struct axis_names cats = { 0 }, sers = { 0 };
	int rc = grid_names(c, &cats, &sers, NULL, NULL);

	*ncat = cats.n;
	*nser = sers.n;
	names_free(&cats);
	names_free(&sers);
	return rc;
}

int chart_grid_build(const struct chart_block *c, struct chart_grid *g)
{
	const struct query_result *r = &c->q.res;
	long *ci = calloc(r->ngroups ? r->ngroups : 1, sizeof *ci);
	long *si = calloc(r->ngroups ? r->ngroups : 1, sizeof *si);
	struct axis_names cats = { 0 }, sers = { 0 };
	int rc = -1;

	memset(g, 0, sizeof *g);
	if (!ci || !si || grid_names(c, &cats, &sers, ci, si) < 0)
		goto done;
	g->cat = cats.v, g->ncat = cats.n, cats.v = NULL;
	g->ser = sers.v, g->nser = sers.n, sers.v = NULL;
	g->v = calloc(g->ncat * g->nser + 1, sizeof *g->v);
	g->has = calloc(g->ncat * g->nser + 1, 1);
	g->other = calloc(g->ncat + 1, 1);
	if (!g->v || !g->has || !g->other)
		goto done;
	for (size_t i = 0; i < r->ngroups; i++) {
		size_t k = (size_t)ci[i] * g->nser + (size_t)si[i];

		if (r->groups[i].missing)
			continue; /* no value: the slot stays empty (a gap in a line) */
		g->v[k] += r->groups[i].value;
		g->has[k] = 1;
		g->other[ci[i]] |= r->groups[i].is_other != 0;
	}
	rc = chart_grid_chrono(c, g);
done:
	free(ci);
	free(si);
	names_free(&cats);
	names_free(&sers);
	if (rc < 0)
		chart_grid_free(g);
	return rc;
}

void chart_grid_free(struct chart_grid *g)
{
	if (!g)
		return;
	free(g->cat);
	free(g->ser);
	free(g->v);
	free(g->has);
	free(g->other);
	memset(g, 0, sizeof *g);
}

/* ---- what bar and hbar share --------------------------------------------- */

/* One bar chart being drawn. */
struct bars {
	struct chart_grid g;
	int stacked;              /* stacked: yes with 2+ series */
	struct chart_axis ax;     /* the value axis */
	struct chart_box area;    /* the plot proper (bars and gridlines) */
	double band;              /* category band (width or height) */
	double vsize;             /* value label size, 0 = no value labels */
	struct chart_lines *cat;  /* wrapped category labels */
	double catx;              /* hbar: right edge of the category labels */
};

/* Smallest and largest value the axis must show (stacks: their sums). */
static void value_range(const struct bars *b, double *lo, double *hi)
{
	*lo = 0;
	*hi = 0;
	for (size_t i = 0; i < b->g.ncat; i++) {
		double pos = 0, neg = 0;

		for (size_t j = 0; j < b->g.nser; j++) {
			double v = b->g.has[i * b->g.nser + j] ? b->g.v[i * b->g.nser + j] : 0;

			if (!isfinite(v))
				continue;
			if (b->stacked) {
				*(v < 0 ? &neg : &pos) += v;
			} else {
				*lo = fmin(*lo, v);
				*hi = fmax(*hi, v);
			}
		}
		*lo = fmin(*lo, neg);
		*hi = fmax(*hi, pos);
	}
}

/* The colour of bar (category i, series j): "Other" is grey in a
 * one-series chart. */
static struct rgba bar_color(const struct chart_ctx *x, const struct bars *b, size_t i,
			     size_t j)
{
	if (b->g.nser == 1 && b->g.other[i])
		return chart_other_grey;
	return chart_series_color(x, j);
}

/* The total of category i's stack. */
static double stack_total(const struct bars *b, size_t i)
{
	double t = 0;

	for (size_t j = 0; j < b->g.nser; j++)
		if (b->g.has[i * b->g.nser + j] && isfinite(b->g.v[i * b->g.nser + j]))
			t += b->g.v[i * b->g.nser + j];
	return t;
}

/* Whether category i has any value: one without is an empty slot, with no
 * bar and no label (not a total of 0). */
static int cat_has_value(const struct bars *b, size_t i)
{
	for (size_t j = 0; j < b->g.nser; j++)
		if (b->g.has[i * b->g.nser + j])
			return 1;
	return 0;
}

/* The widest value label beyond a bar end (of bars, or of stack totals
 * when stacked), at size; negative values counted apart in *wneg. */
static double widest_value(struct chart_ctx *x, const struct bars *b, double size,
			   double *wneg)
{
	size_t n = b->stacked ? b->g.ncat : b->g.ncat * b->g.nser;
	double w = 0;

	*wneg = 0;
	for (size_t k = 0; k < n; k++) {
		double v = b->stacked ? stack_total(b, k) : b->g.v[k], tw;
		char buf[64];

		if (b->stacked ? !cat_has_value(b, k) : !b->g.has[k])
			continue;
		chart_value_label(x, v, buf, sizeof buf);
		tw = chart_text_width(x, b->stacked ? FONT_BOLD : FONT_REGULAR, size, buf);
		if (v < 0)
			*wneg = fmax(*wneg, tw);
		else
			w = fmax(w, tw);
	}
	return w;
}

void chart_value_grid(struct chart_ctx *x, const struct chart_axis *ax,
		      const struct chart_box *a, int horizontal)
{
	const struct chart_style *st = x->st;
	double fs = st->tick_size;
	double mid = (chart_ascent(x, FONT_REGULAR, fs) - chart_descent(x, FONT_REGULAR, fs)) / 2;

	for (int i = 0; i < ax->n; i++) {
		double v = ax->first + i * ax->step, p = chart_axis_pos(ax, v);
		char buf[64];

		chart_tick_label(x, v, ax->step, buf, sizeof buf);
		if (horizontal) {
			if (fabs(v) > ax->step * 1e-6)
				chart_segment(x, p, a->y0, p, a->y1, &st->grid, st->grid_width);
			chart_text(x, buf, FONT_REGULAR, fs, p,
				   a->y1 + st->gap + chart_ascent(x, FONT_REGULAR, fs),
				   SCENE_CENTER, &st->tick);
		} else {
			if (fabs(v) > ax->step * 1e-6)
				chart_segment(x, a->x0, p, a->x1, p, &st->grid, st->grid_width);
			chart_text(x, buf, FONT_REGULAR, fs, a->x0 - 1.5 * st->gap, p + mid,
				   SCENE_RIGHT, &st->tick);
		}
	}
}

void chart_baseline(struct chart_ctx *x, const struct chart_axis *ax, const struct chart_box *a,
		    int horizontal)
{
	double p = chart_axis_pos(ax, 0);

	if (!(ax->lo <= 0 && ax->hi >= 0))
		return; /* a line's axis need not reach zero: no baseline then */
	if (horizontal)
		chart_segment(x, p, a->y0, p, a->y1, &x->st->baseline, x->st->baseline_width);
	else
		chart_segment(x, a->x0, p, a->x1, p, &x->st->baseline, x->st->baseline_width);
}

/* Lay bar (i, j) out along the band axis: its start and its thickness. */
static void bar_slot(const struct chart_ctx *x, const struct bars *b, size_t i, size_t j,
		     double origin, double *start, double *thick)
{
	double group = b->band * x->st->bar_share;
	double centre = origin + (i + 0.5) * b->band;
	size_t per = b->stacked ? 1 : b->g.nser;
	double one = group / (double)per;

	*start = centre - group / 2 + (b->stacked ? 0 : (double)j * one);
	/* a hairline of white between grouped bars */
	*thick = per > 1 ? one - fmin(1, one * 0.1) : one;
}

/* Choose the value label size: the largest of 8 and 7 pt at which every
 * label fits its slot (room across the bar); 0 when none does. */
static double value_label_size(struct chart_ctx *x, const struct bars *b, double room,
			       int horizontal)
{
	static const double sizes[] = { 8, 7 };

	for (size_t k = 0; k < 2; k++) {
		double s = sizes[k], wneg, w = widest_value(x, b, s, &wneg);

		if (horizontal ? room >= s * 1.05 : fmax(w, wneg) <= room)
			return s;
	}
	return 0;
}

/* ---- vertical bars ------------------------------------------------------- */

void chart_cat_labels(struct chart_ctx *x, const struct chart_lines *cat, const double *cx,
		      size_t n, double top)
{
	double fs = x->st->tick_size, lh = chart_line_height(x, fs);
	double asc = chart_ascent(x, FONT_REGULAR, fs);

	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < cat[i].n; k++)
			chart_text(x, cat[i].v[k], FONT_REGULAR, fs, cx[i], top + asc + k * lh,
				   SCENE_CENTER, &x->st->label);
}

int chart_wrap_cats(struct chart_ctx *x, const char *const *cat, size_t n, double width,
		    size_t maxlines, struct chart_lines **out, size_t *nlines)
{
	double fs = x->st->tick_size;

	*nlines = 0;
	if (!(*out = calloc(n ? n : 1, sizeof **out))) {
		x->failed = 1;
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		if (chart_wrap(x, cat[i], FONT_REGULAR, fs, fmax(width, 8), maxlines, 0,
			       &(*out)[i]) < 0)
			return -1;
		if ((*out)[i].n > *nlines)
			*nlines = (*out)[i].n;
	}
	return 0;
}

void chart_free_cats(struct chart_lines *cat, size_t n)
{
	if (!cat)
		return;
	for (size_t i = 0; i < n; i++)
		chart_lines_free(&cat[i]);
	free(cat);
}

/* A value label for a bar from p0 to p1 (value v), above or below its end;
 * inside for a stack segment when it fits (skipped when not). */
static void draw_value_v(struct chart_ctx *x, const struct bars *b, double cx, double thick,
			 double p0, double p1, double v, const struct rgba *fill)
{
	double fs = b->vsize, asc = chart_ascent(x, FONT_REGULAR, fs);
	char buf[64];

	chart_value_label(x, v, buf, sizeof buf);
	if (b->stacked) {
		double w = chart_text_width(x, FONT_REGULAR, fs, buf);

		if (fabs(p1 - p0) >= asc + 4 && w <= thick - 2)
			chart_text(x, buf, FONT_REGULAR, fs, cx, (p0 + p1) / 2 + asc / 2 - 0.5,
				   SCENE_CENTER, chart_text_on(x, fill));
		return;
	}
	if (v >= 0)
		chart_text(x, buf, FONT_REGULAR, fs, cx, p1 - 3, SCENE_CENTER, &x->st->label);
	else
		chart_text(x, buf, FONT_REGULAR, fs, cx, p1 + 3 + asc, SCENE_CENTER, &x->st->label);
}

/* A value label for a horizontal bar from p0 to p1: beside its end
 * (right of positive bars, left of negative ones); inside a stack segment
 * when it fits. */
static void draw_value_h(struct chart_ctx *x, const struct bars *b, double start, double thick,
			 double p0, double p1, double v, const struct rgba *fill)
{
	double fs = b->vsize, asc = chart_ascent(x, FONT_REGULAR, fs);
	double base = start + thick / 2 + (asc - chart_descent(x, FONT_REGULAR, fs)) / 2;
	char buf[64];

	chart_value_label(x, v, buf, sizeof buf);
	if (b->stacked) {
		double w = chart_text_width(x, FONT_REGULAR, fs, buf);

		if (fabs(p1 - p0) >= w + 4 && thick >= fs * 1.05)
			chart_text(x, buf, FONT_REGULAR, fs, (p0 + p1) / 2, base, SCENE_CENTER,
				   chart_text_on(x, fill));
		return;
	}
	if (v >= 0)
		chart_text(x, buf, FONT_REGULAR, fs, p1 + 3, base, SCENE_LEFT, &x->st->label);
	else
		chart_text(x, buf, FONT_REGULAR, fs, p1 - 3, base, SCENE_RIGHT, &x->st->label);
}

/* The total of stack i beyond its end (bold): above or right of it,
 * below or left of it when negative. */
static void draw_total(struct chart_ctx *x, const struct bars *b, size_t i, double pos,
		       double neg, double origin, int horizontal)
{
	double t = stack_total(b, i), fs = b->vsize, start, thick, end;
	double asc = chart_ascent(x, FONT_REGULAR, fs), dsc = chart_descent(x, FONT_REGULAR, fs);
	char buf[64];

	chart_value_label(x, t, buf, sizeof buf);
	bar_slot(x, b, i, 0, origin, &start, &thick);
	end = chart_axis_pos(&b->ax, t < 0 ? neg : pos);
	if (horizontal)
		chart_text(x, buf, FONT_BOLD, fs, t < 0 ? end - 3 : end + 3,
			   start + thick / 2 + (asc - dsc) / 2, t < 0 ? SCENE_RIGHT : SCENE_LEFT,
			   &x->st->label);
	else
		chart_text(x, buf, FONT_BOLD, fs, start + thick / 2,
			   t < 0 ? end + 3 + asc : end - 3, SCENE_CENTER, &x->st->label);
}

/* The bars (and their value labels) of every category, vertical or
 * horizontal. */
static void draw_bars(struct chart_ctx *x, const struct bars *b, int horizontal)
{
	double origin = horizontal ? b->area.y0 : b->area.x0;
	double zero = chart_axis_pos(&b->ax, 0);

	for (size_t i = 0; i < b->g.ncat; i++) {
		double pos = 0, neg = 0;

		for (size_t j = 0; j < b->g.nser; j++) {
			size_t k = i * b->g.nser + j;
			double v = b->g.v[k], start, thick, from, to, p0, p1;
			struct rgba col = bar_color(x, b, i, j);

			if (!b->g.has[k] || !isfinite(v))
				continue;
			bar_slot(x, b, i, j, origin, &start, &thick);
			from = b->stacked ? (v < 0 ? neg : pos) : 0;
			to = from + v;
			if (b->stacked)
				*(v < 0 ? &neg : &pos) = to;
			p0 = b->stacked ? chart_axis_pos(&b->ax, from) : zero;
			p1 = chart_axis_pos(&b->ax, to);
			if (horizontal)
				chart_rect(x, p0, start, p1, start + thick, &col,
					   b->stacked ? &x->st->white : NULL, 0.5);
			else
				chart_rect(x, start, p0, start + thick, p1, &col,
					   b->stacked ? &x->st->white : NULL, 0.5);
			if (b->vsize <= 0)
				continue;
			if (horizontal)
				draw_value_h(x, b, start, thick, p0, p1, v, &col);
			else
				draw_value_v(x, b, start + thick / 2, thick, p0, p1, v, &col);
		}
		if (b->stacked && b->vsize > 0 && cat_has_value(b, i))
			draw_total(x, b, i, pos, neg, origin, horizontal);
	}
}

/* Room across one bar for its value label: the bar itself when bars stand
 * side by side, else most of the category band. */
static double label_room(const struct chart_ctx *x, const struct bars *b)
{
	double start, thick;

	bar_slot(x, b, 0, 0, 0, &start, &thick);
	return b->g.nser > 1 && !b->stacked ? thick : b->band * 0.92;
}

/* Vertical bars: tick labels left, category labels under the plot,
 * headroom for the value labels above the bars (and under negative ones). */
static int layout_v(struct chart_ctx *x, struct bars *b, struct chart_box box)
{
	const struct chart_style *st = x->st;
	double fs = st->tick_size, lh = chart_line_height(x, fs);
	double asc = chart_ascent(x, FONT_REGULAR, fs), lo, hi, head, foot;
	size_t nl;

	value_range(b, &lo, &hi);
	chart_axis_make(&b->ax, lo, hi, chart_tick_count(x, box.y1 - box.y0, 30), 0, 1);
	b->area.x0 = box.x0 + chart_axis_label_width(x, &b->ax, fs) + 1.5 * st->gap;
	b->area.x1 = box.x1 - 1;
	b->band = (b->area.x1 - b->area.x0) / (double)b->g.ncat;
	if (chart_wrap_cats(x, b->g.cat, b->g.ncat, b->band - st->gap, st->max_label_lines,
			    &b->cat, &nl) < 0)
		return -1;
	b->vsize = value_label_size(x, b, label_room(x, b), 0);
	head = b->vsize > 0 ? chart_ascent(x, FONT_REGULAR, b->vsize) + 4 : asc;
	foot = b->vsize > 0 && lo < 0 ? chart_ascent(x, FONT_REGULAR, b->vsize) + 4 : asc / 2;
	b->area.y0 = box.y0 + head;
	b->area.y1 = box.y1 - (double)nl * lh - foot - st->gap / 2;
	if (b->area.y1 < b->area.y0 + 10)
		b->area.y1 = b->area.y0 + 10;
	b->ax.p0 = b->area.y1;
	b->ax.p1 = b->area.y0;
	return 0;
}

static void draw_v(struct chart_ctx *x, struct bars *b)
{
	double *cx = calloc(b->g.ncat ? b->g.ncat : 1, sizeof *cx), lo = b->ax.lo, foot;

	if (!cx) {
		x->failed = 1;
		return;
	}
	chart_value_grid(x, &b->ax, &b->area, 0);
	draw_bars(x, b, 0);
	chart_baseline(x, &b->ax, &b->area, 0);
	for (size_t i = 0; i < b->g.ncat; i++)
		cx[i] = b->area.x0 + (i + 0.5) * b->band;
	foot = b->vsize > 0 && lo < 0 ? chart_ascent(x, FONT_REGULAR, b->vsize) + 4
				       : chart_ascent(x, FONT_REGULAR, x->st->tick_size) / 2;
	chart_cat_labels(x, b->cat, cx, b->g.ncat, b->area.y1 + foot + x->st->gap / 2);
	free(cx);
}

/* Horizontal bars: category labels in a column on the left (wrapped to the
 * band), tick labels and the axis title under the plot, room right of the
 * bars (and left of negative ones) for the value labels. */
static int layout_h(struct chart_ctx *x, struct bars *b, struct chart_box box)
{
	const struct chart_style *st = x->st;
	double fs = st->tick_size, lh = chart_line_height(x, fs), lo, hi;
	double col = 0, wpos = 0, wneg = 0, half;
	size_t nl, maxl;

	b->area.y0 = box.y0;
	b->area.y1 = box.y1 - st->gap - lh - (x->c->unit ? lh + 2 : 0);
	if (b->area.y1 < b->area.y0 + 10)
		b->area.y1 = b->area.y0 + 10;
	b->band = (b->area.y1 - b->area.y0) / (double)b->g.ncat;
	maxl = (size_t)fmax(1, fmin(st->max_label_lines, floor((b->band - 2) / lh)));
	for (size_t i = 0; i < b->g.ncat; i++)
		col = fmax(col, chart_text_width(x, FONT_REGULAR, fs, b->g.cat[i]));
	col = fmin(col, 0.38 * (box.x1 - box.x0));
	if (chart_wrap_cats(x, b->g.cat, b->g.ncat, col, maxl, &b->cat, &nl) < 0)
		return -1;
	col = 0;
	for (size_t i = 0; i < b->g.ncat; i++)
		for (size_t k = 0; k < b->cat[i].n; k++)
			col = fmax(col, chart_text_width(x, FONT_REGULAR, fs, b->cat[i].v[k]));
	b->catx = box.x0 + col;
	b->area.x0 = b->catx + 2 * st->gap;
	b->area.x1 = box.x1;
	b->vsize = value_label_size(x, b, label_room(x, b), 1);
	if (b->vsize > 0)
		wpos = widest_value(x, b, b->vsize, &wneg);
	value_range(b, &lo, &hi);
	chart_axis_make(&b->ax, lo, hi, chart_tick_count(x, b->area.x1 - b->area.x0, 50), 0, 1);
	half = chart_axis_label_width(x, &b->ax, fs) / 2 + 1;
	b->ax.p0 = b->area.x0 + (wneg > 0 ? wneg + 4 : 0);
	b->ax.p1 = b->area.x1 - fmax(wpos > 0 ? wpos + 4 : 0, half);
	if (b->ax.p1 < b->ax.p0 + 10)
		b->ax.p1 = b->ax.p0 + 10;
	b->area.x0 = b->ax.p0;
	b->area.x1 = b->ax.p1;
	return 0;
}

static void draw_h(struct chart_ctx *x, struct bars *b)
{
	const struct chart_style *st = x->st;
	double fs = st->tick_size, lh = chart_line_height(x, fs);
	double asc = chart_ascent(x, FONT_REGULAR, fs), dsc = chart_descent(x, FONT_REGULAR, fs);

	chart_value_grid(x, &b->ax, &b->area, 1);
	draw_bars(x, b, 1);
	chart_baseline(x, &b->ax, &b->area, 1);
	for (size_t i = 0; i < b->g.ncat; i++) {
		double mid = b->area.y0 + (i + 0.5) * b->band;
		double top = mid - (double)b->cat[i].n * lh / 2 + (lh - asc - dsc) / 2;

		for (size_t k = 0; k < b->cat[i].n; k++)
			chart_text(x, b->cat[i].v[k], FONT_REGULAR, fs, b->catx, top + asc + k * lh,
				   SCENE_RIGHT, &st->label);
	}
	if (x->c->unit)
		chart_text(x, x->c->unit, FONT_REGULAR, fs, (b->ax.p0 + b->ax.p1) / 2,
			   b->area.y1 + st->gap + lh + 2 + asc, SCENE_CENTER, &st->tick);
}

void chart_axis_title(struct chart_ctx *x, struct chart_box *box)
{
	double fs = x->st->tick_size;

	if (!x->c->unit)
		return;
	chart_text(x, x->c->unit, FONT_REGULAR, fs, box->x0,
		   box->y0 + chart_ascent(x, FONT_REGULAR, fs), SCENE_LEFT, &x->st->tick);
	box->y0 += chart_line_height(x, fs) + 2;
}

int chart_legend_box(struct chart_ctx *x, const struct chart_grid *g, struct chart_box *box)
{
	const struct chart_block *c = x->c;
	double h;

	*box = x->plot;
	if (g->nser < 2)
		return 0;
	h = chart_legend(x, box, g->ser, g->nser, 0);
	if (h > box->y1 - box->y0) {
		diag_error(x->d, EXIT_DATAERR, c->q.spec_file, c->q.spec_line, 1,
			   "chart \"%s\": the legend of %zu series needs %.0f pt, more than the "
			   "%.0f pt the chart has for it and the plot; raise height:",
			   c->title ? c->title : "", g->nser, ceil(h), floor(box->y1 - box->y0));
		return -1;
	}
	box->y0 += chart_legend(x, box, g->ser, g->nser, 1) + 2 * x->st->gap;
	return 0;
}

int chart_bars(struct chart_ctx *x)
{
	struct bars b = { 0 };
	struct chart_box box;
	int horizontal = x->c->type == CHART_HBAR, rc = -1;

	if (chart_grid_build(x->c, &b.g) < 0) {
		x->failed = 1;
		return -1;
	}
	b.stacked = x->c->stacked && b.g.nser > 1;
	if (chart_legend_box(x, &b.g, &box) < 0)
		goto done;
	if (!horizontal)
		chart_axis_title(x, &box);
	if (horizontal ? layout_h(x, &b, box) < 0 : layout_v(x, &b, box) < 0) {
		x->failed = 1;
		goto done;
	}
	if (horizontal)
		draw_h(x, &b);
	else
		draw_v(x, &b);
	rc = 0;
done:
	chart_free_cats(b.cat, b.g.ncat);
	chart_grid_free(&b.g);
	return rc;
}
