/* chart_line — line charts: one or more series over a time axis when x
 * holds dates (points at their true distance in time, calendar ticks, a
 * break where periods are missing: chart_time.c), else over an ordered
 * category axis (partial periods such as "Jan–Sep 2022" keep their label,
 * in the order the query gives); small circle markers at the points, the
 * last value of each series labelled right of its line; the value axis a
 * nice range around the data or y-min: to y-max:, the line cut off at its
 * ends. */
#include "chart_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>


/* One line chart being laid out. */
struct lines {
	struct chart_grid g;
	struct chart_axis ax;    /* value axis (vertical) */
	struct chart_box area;   /* the plot proper */
	double px0, px1;         /* x of the first and the last category */
	size_t every;            /* label every k-th category (the last always) */
	struct chart_lines *cat; /* wrapped category labels */
	size_t nl;               /* most lines of a category label */
	char (*last)[64];        /* per series: its last value, formatted */
	size_t *lasti;           /* per series: the category of its last value */
	int timed;               /* x is a time axis (time holds it) */
	struct chart_time time;
	struct period_tick tick[CHART_TIME_MAX_TICKS]; /* its calendar ticks */
	size_t ntick;
};

/* Smallest and largest value of any series (0 and 0 when none has one). */
static void line_range(const struct lines *l, double *lo, double *hi)
{
	*lo = INFINITY;
	*hi = -INFINITY;
	for (size_t k = 0; k < l->g.ncat * l->g.nser; k++)
		if (l->g.has[k] && isfinite(l->g.v[k])) {
			*lo = fmin(*lo, l->g.v[k]);
			*hi = fmax(*hi, l->g.v[k]);
		}
	if (*lo > *hi)
		*lo = *hi = 0;
}

/* x of category i: at its day on a time axis, else evenly spaced. */
static double cat_x(const struct lines *l, size_t i)
{
	if (l->timed)
		return chart_time_x(&l->time, l->time.day[i], l->px0, l->px1);
	if (l->g.ncat < 2)
		return (l->px0 + l->px1) / 2;
	return l->px0 + (l->px1 - l->px0) * (double)i / (double)(l->g.ncat - 1);
}

static int shown(const struct lines *l, size_t i)
{
	return (l->g.ncat - 1 - i) % l->every == 0;
}

/* The last value of each series, and the room its label needs. */
static double last_values(struct chart_ctx *x, struct lines *l)
{
	double w = 0;

	for (size_t j = 0; j < l->g.nser; j++) {
		l->last[j][0] = '\0';
		for (size_t i = l->g.ncat; i-- > 0;)
			if (l->g.has[i * l->g.nser + j] && isfinite(l->g.v[i * l->g.nser + j])) {
				chart_value_label(x, l->g.v[i * l->g.nser + j], l->last[j],
						  sizeof l->last[j]);
				l->lasti[j] = i;
				break;
			}
		w = fmax(w, chart_text_width(x, FONT_BOLD, x->st->value_size, l->last[j]));
	}
	return w;
}

/* Width of words[a..b) of s joined by single spaces (as chart_wrap joins
 * them), built in buf. */
static double words_width(struct chart_ctx *x, const char *s, const size_t (*w)[2], size_t a,
			  size_t b, char *buf, double fs)
{
	char *p = buf;

	for (size_t k = a; k < b; k++) {
		if (k > a)
			*p++ = ' ';
		memcpy(p, s + w[k][0], w[k][1]);
		p += w[k][1];
	}
	*p = '\0';
	return chart_text_width(x, FONT_REGULAR, fs, buf);
}

/* The narrowest room in which label s wraps to at most two lines with no
 * "…": chart_wrap fills greedily, so that is the least over the splits
 * between words of the wider part.  The first part widens and the second
 * narrows as the split moves right, so the split is found by bisection:
 * a few measurements per label.  0 for a label with a "…" of its own
 * (it never counts as cut).  -1 when out of memory. */
static double label_need(struct chart_ctx *x, const char *s, double fs)
{
	size_t len = strlen(s), m = 0, lo, hi;
	size_t (*w)[2] = malloc((len / 2 + 1) * sizeof *w);
	char *buf = malloc(len + 1);
	double need = 0;

	if (!w || !buf) {
		need = -1;
		goto done;
	}
	if (strstr(s, "\xE2\x80\xA6"))
		goto done;
	for (size_t i = 0; i < len;) { /* the words */
		i += strspn(s + i, " ");
		if (i < len) {
			w[m][0] = i;
			w[m][1] = strcspn(s + i, " ");
			i += w[m++][1];
		}
	}
	if (m == 0)
		goto done;
	/* the first split k in 1..m where the first part is at least as wide
	 * as the rest (k = m: one line); the best is k or k - 1 */
	for (lo = 1, hi = m; lo < hi;) {
		size_t mid = (lo + hi) / 2;
		if (words_width(x, s, w, 0, mid, buf, fs) >= words_width(x, s, w, mid, m, buf, fs))
			hi = mid;
		else
			lo = mid + 1;
	}
	need = fmax(words_width(x, s, w, 0, lo, buf, fs), words_width(x, s, w, lo, m, buf, fs));
	if (lo > 1)
		need = fmin(need, fmax(words_width(x, s, w, 0, lo - 1, buf, fs),
				       words_width(x, s, w, lo - 1, m, buf, fs)));
done:
	free(w);
	free(buf);
	return need;
}

/* Label every k-th category (counting back from the last, always shown),
 * k as small as lets every shown label fit its room without "…" (up to two
 * lines), decided in one pass over each label's need (label_need, measured
 * once); then wrap only the shown labels.  *widest gets the widest shown
 * line, l->nl the most lines of a shown label. */
static int wrap_cats(struct chart_ctx *x, struct lines *l, const double *need, double sp,
		     double *widest)
{
	double fs = x->st->tick_size, room = l->px1 - l->px0;
	size_t n = l->g.ncat;

	l->every = 1;
	if (n > 1) {
		for (;; l->every++) {
			size_t i = n - 1, k = l->every;

			room = sp * (double)k - x->st->gap;
			while (need[i] <= fmax(room, 8) && i >= k)
				i -= k;
			if ((need[i] <= fmax(room, 8) && i < k) || k >= n)
				break;
		}
	}
	chart_free_cats(l->cat, n);
	l->nl = 0;
	*widest = 0;
	if (!(l->cat = calloc(n ? n : 1, sizeof *l->cat)))
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (!shown(l, i))
			continue;
		if (chart_wrap(x, l->g.cat[i], FONT_REGULAR, fs, fmax(room, 8), 2, 0, &l->cat[i]) < 0)
			return -1;
		l->nl = l->cat[i].n > l->nl ? l->cat[i].n : l->nl;
		for (size_t k = 0; k < l->cat[i].n; k++)
			*widest = fmax(*widest, chart_text_width(x, FONT_REGULAR, fs, l->cat[i].v[k]));
	}
	return 0;
}

/* The plot's top and bottom: room for the top tick label above, the
 * category (or time) labels under it. */
static int vertical(struct chart_ctx *x, struct lines *l, struct chart_box box)
{
	const struct chart_style *st = x->st;
	double fs = st->tick_size, lh = chart_line_height(x, fs);
	double asc = chart_ascent(x, FONT_REGULAR, fs);

	l->area.y0 = box.y0 + asc + 3;
	l->area.y1 = box.y1 - (double)l->nl * lh - asc / 2 - st->gap / 2;
	if (l->area.y1 < l->area.y0 + 10)
		l->area.y1 = l->area.y0 + 10;
	l->ax.p0 = l->area.y1;
	l->ax.p1 = l->area.y0;
	return 0;
}

/* Where everything goes: tick labels left, the last values right, the
 * category labels under the plot; the first and last labels kept inside. */
static int layout(struct chart_ctx *x, struct lines *l, struct chart_box box)
{
	const struct chart_style *st = x->st;
	double fs = st->tick_size, lo, hi, right, widest = 0;

	line_range(l, &lo, &hi);
	chart_axis_line(&l->ax, x->c, lo, hi, chart_tick_count(x, box.y1 - box.y0, 30), 0, 1);
	l->area.x0 = box.x0 + chart_axis_label_width(x, &l->ax, fs) + 1.5 * st->gap;
	l->area.x1 = box.x1 - 1;
	right = last_values(x, l) + st->marker_radius + st->gap + 2;
	l->px0 = l->area.x0 + 2 * st->gap;
	l->px1 = l->area.x1 - right;
	if (l->timed) {
		/* calendar ticks under the plot, one line of labels, the first
		 * and last inside the chart: the ends move in until they are */
		for (int pass = 0; pass < 3 && l->px1 - l->px0 > 10; pass++) {
			double in0, in1;

			l->ntick = chart_time_ticks(x, &l->time, l->px0, l->px1, -INFINITY, INFINITY,
						    l->tick, CHART_TIME_MAX_TICKS);
			chart_time_overhang(x, &l->time, l->tick, l->ntick, l->px0, l->px1, box.x0,
					    box.x1, &in0, &in1);
			if (in0 <= 0 && in1 <= 0)
				break;
			l->px0 += fmax(in0, 0);
			l->px1 -= fmax(in1, 0);
		}
		l->ntick = chart_time_ticks(x, &l->time, l->px0, l->px1, box.x0, box.x1, l->tick,
					    CHART_TIME_MAX_TICKS);
		l->nl = 1;
		return vertical(x, l, box);
	}
	double *need = calloc(l->g.ncat ? l->g.ncat : 1, sizeof *need);
	if (!need)
		return -1;
	for (size_t i = 0; i < l->g.ncat; i++)
		if ((need[i] = label_need(x, l->g.cat[i], fs)) < 0) {
			free(need);
			return -1;
		}
	for (int pass = 0; pass < 2; pass++) {
		double sp = l->g.ncat > 1 ? (l->px1 - l->px0) / (double)(l->g.ncat - 1) : 0;

		if (wrap_cats(x, l, need, sp, &widest) < 0) {
			free(need);
			return -1;
		}
		/* keep the first and last category labels inside the plot */
		l->px0 = l->area.x0 + fmax(2 * st->gap, fmin(widest, sp) / 2);
		l->px1 = l->area.x1 - fmax(right, fmin(widest, sp) / 2);
	}
	free(need);
	if (l->px1 < l->px0)
		l->px1 = l->px0;
	return vertical(x, l, box);
}

/* Does series j have a value at category i? */
static int has_point(const struct lines *l, size_t i, size_t j)
{
	size_t k = i * l->g.nser + j;

	return i < l->g.ncat && l->g.has[k] && isfinite(l->g.v[k]);
}

/* Does series j's line join category i - 1 to i?  Both have a value, and
 * on a time axis no period is missing between them. */
static int linked(const struct lines *l, size_t i, size_t j)
{
	return i > 0 && has_point(l, i - 1, j) && has_point(l, i, j) &&
	       (!l->timed || l->time.joined[i]);
}

/* Is value v on the axis (not beyond y-min: or y-max:)? */
static int on_axis(const struct lines *l, double v)
{
	return v >= l->ax.lo && v <= l->ax.hi;
}

/* Markers stand at every point while they stand apart.  On a dense line
 * (points closer than a marker is wide, plus 1 pt: thousands of points
 * would be a smear of circles, and as many paths in the PDF) only where a
 * point would not show otherwise: one with no neighbour to draw a segment
 * to, and the series' last, which carries the value label. */
static int marker_wanted(const struct lines *l, size_t i, size_t j, int dense)
{
	if (!dense || i == l->lasti[j])
		return 1;
	return !linked(l, i, j) && !linked(l, i + 1, j);
}

/* Are any two neighbouring points closer than a marker is wide (plus 1 pt)? */
static int is_dense(const struct chart_ctx *x, const struct lines *l)
{
	for (size_t i = 1; i < l->g.ncat; i++)
		if (cat_x(l, i) - cat_x(l, i - 1) < 2 * x->st->marker_radius + 1)
			return 1;
	return 0;
}

/* The part t0..t1 (0 <= t0 <= t1 <= 1) of the segment from value a to
 * value b that lies on the axis (lo..hi); 0, or -1 when none does. */
static int clip_segment(const struct lines *l, double a, double b, double *t0, double *t1)
{
	*t0 = 0;
	*t1 = 1;
	if (a == b)
		return on_axis(l, a) ? 0 : -1;
	for (int end = 0; end < 2; end++) {
		double t = ((end ? l->ax.hi : l->ax.lo) - a) / (b - a);

		/* rising through lo or falling through hi enters the axis */
		if ((b > a) == !end)
			*t0 = fmax(*t0, t);
		else
			*t1 = fmin(*t1, t);
	}
	return *t0 <= *t1 ? 0 : -1;
}

/* Series j as a polyline, broken where a category has no value or (on a
 * time axis) periods are missing, and cut off where it leaves the axis;
 * then its markers, at the points on the axis. */
static void draw_series(struct chart_ctx *x, const struct lines *l, size_t j, int dense)
{
	cairo_t *cr = scene_cairo(x->s);
	struct rgba col = chart_series_color(x, j);
	size_t n = l->g.nser;
	int pen = 0, segs = 0; /* pen: the path ends at point i - 1 */

	for (size_t i = 1; i < l->g.ncat; i++) {
		double a, b, xa, xb, t0, t1;

		if (!linked(l, i, j)) {
			pen = 0;
			continue;
		}
		a = l->g.v[(i - 1) * n + j];
		b = l->g.v[i * n + j];
		xa = cat_x(l, i - 1);
		xb = cat_x(l, i);
		if (clip_segment(l, a, b, &t0, &t1) < 0) {
			pen = 0;
			continue;
		}
		if (!pen || t0 > 0)
			cairo_move_to(cr, t0 > 0 ? xa + t0 * (xb - xa) : xa,
				      chart_axis_pos(&l->ax, t0 > 0 ? a + t0 * (b - a) : a));
		cairo_line_to(cr, t1 < 1 ? xa + t1 * (xb - xa) : xb,
			      chart_axis_pos(&l->ax, t1 < 1 ? a + t1 * (b - a) : b));
		segs++;
		pen = t1 >= 1;
	}
	if (segs > 0 && scene_add_path(x->s, NULL, &col, x->st->line_width) < 0)
		x->failed = 1;
	cairo_new_path(cr);
	for (size_t i = 0; i < l->g.ncat; i++) {
		size_t k = i * n + j;

		if (!has_point(l, i, j) || !on_axis(l, l->g.v[k]) || !marker_wanted(l, i, j, dense))
			continue;
		cairo_new_sub_path(cr);
		cairo_arc(cr, cat_x(l, i), chart_axis_pos(&l->ax, l->g.v[k]), x->st->marker_radius,
			  0, 2 * M_PI);
		cairo_close_path(cr);
		if (scene_add_path(x->s, &col, &x->st->white, 0.75) < 0)
			x->failed = 1;
	}
}

/* The last value of every series right of its last point, spread so that
 * no two overlap (none when they cannot all be). */
static void draw_last_values(struct chart_ctx *x, const struct lines *l)
{
	const struct chart_style *st = x->st;
	double fs = st->value_size, h = chart_line_height(x, fs);
	double asc = chart_ascent(x, FONT_BOLD, fs), dsc = chart_descent(x, FONT_BOLD, fs);
	size_t n = l->g.nser, m = 0;
	size_t *idx = calloc(n, sizeof *idx);
	double *want = calloc(3 * n, sizeof *want), *hs = want + n, *got = want + 2 * n;

	if (!idx || !want) {
		free(idx);
		free(want);
		x->failed = 1;
		return;
	}
	for (size_t j = 0; j < n; j++)
		if (l->last[j][0])
			idx[m++] = j;
	for (size_t i = 1; i < m; i++) /* by height: insertion sort */
		for (size_t k = i; k > 0; k--) {
			double a = l->g.v[l->lasti[idx[k]] * n + idx[k]];
			double b = l->g.v[l->lasti[idx[k - 1]] * n + idx[k - 1]];

			if (a <= b) /* larger values are higher up (smaller y) */
				break;
			size_t t = idx[k];
			idx[k] = idx[k - 1];
			idx[k - 1] = t;
		}
	for (size_t i = 0; i < m; i++) {
		want[i] = chart_axis_pos(&l->ax, l->g.v[l->lasti[idx[i]] * n + idx[i]]);
		hs[i] = h;
	}
	/* more labels than the plot's height holds apart would run down over
	 * the category labels and the notes: then none (the legend still
	 * names every series) */
	if (chart_spread(want, hs, m, 0, l->area.y0 - asc, l->area.y1 + asc, got) < 0)
		m = 0;
	for (size_t i = 0; i < m; i++)
		chart_text(x, l->last[idx[i]], FONT_BOLD, fs,
			   cat_x(l, l->lasti[idx[i]]) + st->marker_radius + st->gap,
			   got[i] + (asc - dsc) / 2, SCENE_LEFT, &st->label);
	free(idx);
	free(want);
}

/* The time axis under the plot: a short mark at each calendar tick and
 * its label centred under it. */
static void draw_time_ticks(struct chart_ctx *x, const struct lines *l)
{
	const struct chart_style *st = x->st;
	double fs = st->tick_size, asc = chart_ascent(x, FONT_REGULAR, fs);

	for (size_t i = 0; i < l->ntick; i++) {
		double tx = chart_time_x(&l->time, l->tick[i].day, l->px0, l->px1);

		chart_segment(x, tx, l->area.y1, tx, l->area.y1 + st->time_tick, &st->tick,
			      st->grid_width);
		chart_text(x, l->tick[i].label, FONT_REGULAR, fs, tx,
			   l->area.y1 + asc / 2 + st->gap / 2 + asc, SCENE_CENTER, &st->tick);
	}
}

static void draw(struct chart_ctx *x, const struct lines *l)
{
	size_t n = l->g.ncat ? l->g.ncat : 1;
	double *cx, top;
	struct chart_lines none = { 0 }, *cats;
	int dense = is_dense(x, l);

	chart_value_grid(x, &l->ax, &l->area, 0);
	chart_baseline(x, &l->ax, &l->area, 0);
	for (size_t j = 0; j < l->g.nser; j++)
		draw_series(x, l, j, dense);
	draw_last_values(x, l);
	if (l->timed) {
		draw_time_ticks(x, l);
		return;
	}
	cx = calloc(n, sizeof *cx);
	cats = calloc(n, sizeof *cats);
	if (!cats || !cx) {
		free(cats);
		free(cx);
		x->failed = 1;
		return;
	}
	for (size_t i = 0; i < l->g.ncat; i++) {
		cx[i] = cat_x(l, i);
		cats[i] = shown(l, i) ? l->cat[i] : none;
	}
	top = l->area.y1 + chart_ascent(x, FONT_REGULAR, x->st->tick_size) / 2 + x->st->gap / 2;
	chart_cat_labels(x, cats, cx, l->g.ncat, top);
	free(cats); /* the lines themselves belong to l->cat */
	free(cx);
}

int chart_lines(struct chart_ctx *x)
{
	struct lines l = { 0 };
	struct chart_box box;
	int rc = -1;

	if (chart_grid_build(x->c, &l.g) < 0 || (l.timed = chart_time_make(x->c, &l.g, &l.time)) < 0)
		goto oom;
	l.last = calloc(l.g.nser, sizeof *l.last);
	l.lasti = calloc(l.g.nser, sizeof *l.lasti);
	if (!l.last || !l.lasti)
		goto oom;
	if (chart_legend_box(x, &l.g, &box) < 0)
		goto done;
	chart_axis_title(x, &box);
	if (layout(x, &l, box) < 0)
		goto oom;
	draw(x, &l);
	rc = 0;
	goto done;
oom:
	x->failed = 1;
done:
	chart_free_cats(l.cat, l.g.ncat);
	chart_time_free(&l.time);
	free(l.last);
	free(l.lasti);
	chart_grid_free(&l.g);
	return rc;
}
