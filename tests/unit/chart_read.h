/* chart_read — reading a chart's scene back for the geometry tests
 * (test_chart_geometry.c, test_chart_time.c): an oracle that is not the
 * chart code.  The value axis comes from the scene itself (its tick labels,
 * parsed as numbers, and the gridlines and baseline they label); paths give
 * their points.  Functions are static inline so a test program need not use
 * them all. */
#ifndef BRIEFING_CHART_READ_H
#define BRIEFING_CHART_READ_H

#include "chart_fixture.h"

#include <stdbool.h>

#define TOL 0.01 /* points */

/* ---- reading the scene back ---------------------------------------------- */

/* A tick label as a number: thousands commas dropped, U+2212 MINUS SIGN
 * read as '-'.  0, or -1 when the text is not a number. */
static inline int tick_value(const char *text, double *v)
{
	char buf[64], *end;
	size_t n = 0;

	for (const char *p = text; *p && n + 1 < sizeof buf; p++) {
		if (*p == ',')
			continue;
		if (strncmp(p, "\xE2\x88\x92", 3) == 0) {
			buf[n++] = '-';
			p += 2;
			continue;
		}
		buf[n++] = *p;
	}
	buf[n] = '\0';
	if (!n)
		return -1;
	*v = strtod(buf, &end);
	return *end == '\0' ? 0 : -1;
}

/* The points of a path, in order (control points included), and the
 * count of each kind of element.  The move cairo adds after a close_path
 * (to where the closed part began) is left out. */
struct pts {
	double x[64], y[64];
	cairo_path_data_type_t type[64]; /* of the element each point ends or belongs to */
	int n, moves, lines, curves, closes;
};

static inline void path_points(const struct scene_item *it, struct pts *p)
{
	const cairo_path_t *path = it->path;

	int closed = 0;

	memset(p, 0, sizeof *p);
	for (int k = 0; k < path->num_data; k += path->data[k].header.length) {
		const cairo_path_data_t *d = &path->data[k];

		if (closed && d->header.type == CAIRO_PATH_MOVE_TO) {
			closed = 0;
			continue;
		}
		closed = d->header.type == CAIRO_PATH_CLOSE_PATH;
		switch (d->header.type) {
		case CAIRO_PATH_MOVE_TO: p->moves++; break;
		case CAIRO_PATH_LINE_TO: p->lines++; break;
		case CAIRO_PATH_CURVE_TO: p->curves++; break;
		case CAIRO_PATH_CLOSE_PATH: p->closes++; break;
		}
		for (int j = 1; j < d->header.length && p->n < 64; j++) {
			p->x[p->n] = d[j].point.x;
			p->y[p->n] = d[j].point.y;
			p->type[p->n] = j + 1 == d->header.length ? d->header.type : CAIRO_PATH_CLOSE_PATH;
			p->n++;
		}
	}
}

/* A filled rectangle (a bar or a swatch): its box. */
struct rect {
	double x0, y0, x1, y1;
	size_t order; /* painting order */
};

static inline bool as_rect(const struct scene_item *it, struct rect *r)
{
	struct pts p;

	if (it->kind != SCENE_PATH || !it->has_fill)
		return false;
	path_points(it, &p);
	if (p.moves != 1 || p.lines != 3 || p.curves || p.n != 4)
		return false;
	r->x0 = fmin(fmin(p.x[0], p.x[1]), fmin(p.x[2], p.x[3]));
	r->x1 = fmax(fmax(p.x[0], p.x[1]), fmax(p.x[2], p.x[3]));
	r->y0 = fmin(fmin(p.y[0], p.y[1]), fmin(p.y[2], p.y[3]));
	r->y1 = fmax(fmax(p.y[0], p.y[1]), fmax(p.y[2], p.y[3]));
	return true;
}

/* The value axis as the scene shows it: value v is drawn at pos(v) =
 * a + b * v (y for vertical charts, x for horizontal ones). */
struct axis {
	double a, b;
	double lo, hi;   /* the lowest and highest tick */
	double plo, phi; /* where they are drawn */
	double c0, c1;   /* how far the gridlines reach across the axis */
	int n;           /* ticks */
};

static inline double axis_pos(const struct axis *ax, double v)
{
	return ax->a + ax->b * v;
}

static inline int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* Read the axis: the numeric tick labels (aligned right of nothing else:
 * SCENE_RIGHT left of vertical plots, SCENE_CENTER under horizontal ones)
 * and the straight lines across the plot (gridlines and the baseline),
 * paired in order; every pair must sit on one straight line a + b * v. */
static inline void read_axis(const struct scene *s, bool horizontal, struct axis *ax)
{
	double tv[32], tp[32], tp2[32], lp[32], off = 0, c0 = INFINITY, c1 = -INFINITY;
	int nt = 0, nl = 0;

	for (size_t i = 0; i < scene_count(s); i++) {
		const struct scene_item *it = scene_get(s, i);
		double v;
		struct pts p;

		if (it->kind == SCENE_TEXT) {
			if (it->align != (horizontal ? SCENE_CENTER : SCENE_RIGHT) ||
			    tick_value(it->text, &v) < 0 || nt == 32)
				continue;
			tv[nt] = v;
			tp2[nt] = horizontal ? it->y : it->x; /* across the axis */
			tp[nt++] = horizontal ? it->x : it->y;
			continue;
		}
		/* rules only: a series line (1.75 pt) of equal values is as
		 * straight, cairo joining its collinear segments into one */
		if (it->has_fill || !it->has_stroke || it->line_width > 1)
			continue;
		path_points(it, &p);
		if (p.n != 2 || p.moves != 1 || p.lines != 1 || nl == 32)
			continue;
		if (horizontal ? fabs(p.x[0] - p.x[1]) > 1e-9 || fabs(p.y[0] - p.y[1]) < 20
			       : fabs(p.y[0] - p.y[1]) > 1e-9 || fabs(p.x[0] - p.x[1]) < 20)
			continue;
		lp[nl] = horizontal ? p.x[0] : p.y[0];
		c0 = fmin(c0, horizontal ? fmin(p.y[0], p.y[1]) : fmin(p.x[0], p.x[1]));
		c1 = fmax(c1, horizontal ? fmax(p.y[0], p.y[1]) : fmax(p.x[0], p.x[1]));
		nl++;
	}
	/* the ticks share one line of text (under a horizontal plot, left of
	 * a vertical one): leave out numbers elsewhere, such as the values
	 * inside stacked bars */
	{
		double edge = tp2[0];
		int k = 0;

		for (int i = 1; i < nt; i++)
			edge = horizontal ? fmax(edge, tp2[i]) : fmin(edge, tp2[i]);
		for (int i = 0; i < nt; i++)
			if (fabs(tp2[i] - edge) < 1e-6) {
				tv[k] = tv[i];
				tp[k++] = tp[i];
			}
		nt = k;
	}
	if (nt < 2 || nt != nl)
		fail_msg("axis: %d tick labels, %d gridlines and baseline", nt, nl);
	/* sort the ticks by value, the lines by position, and pair them:
	 * values grow up (y falls) on vertical axes, right on horizontal */
	for (int i = 0; i < nt; i++)
		for (int j = i + 1; j < nt; j++)
			if (tv[j] < tv[i]) {
				double t = tv[i];
				tv[i] = tv[j];
				tv[j] = t;
				t = tp[i];
				tp[i] = tp[j];
				tp[j] = t;
			}
	qsort(lp, (size_t)nl, sizeof *lp, cmp_double);
	if (!horizontal)
		for (int i = 0; i < nl / 2; i++) {
			double t = lp[i];
			lp[i] = lp[nl - 1 - i];
			lp[nl - 1 - i] = t;
		}
	ax->n = nt;
	ax->c0 = c0;
	ax->c1 = c1;
	ax->lo = tv[0];
	ax->hi = tv[nt - 1];
	ax->plo = lp[0];
	ax->phi = lp[nl - 1];
	ax->b = (ax->phi - ax->plo) / (ax->hi - ax->lo);
	ax->a = ax->plo - ax->b * ax->lo;
	for (int i = 0; i < nt; i++) {
		/* each label the same distance from its line, every line on the map */
		if (i == 0)
			off = tp[0] - lp[0];
		if (fabs(tp[i] - lp[i] - off) > TOL)
			fail_msg("tick %g: label at %.3f, its line at %.3f (others %.3f apart)", tv[i],
				 tp[i], lp[i], off);
		if (fabs(axis_pos(ax, tv[i]) - lp[i]) > TOL)
			fail_msg("tick %g at %.3f, the axis puts it at %.3f", tv[i], lp[i],
				 axis_pos(ax, tv[i]));
		if (i > 0 && !(tv[i] > tv[i - 1]))
			fail_msg("two ticks labelled %g", tv[i]);
	}
}

/* Days from 1970-01-01 to year-month-day in the proleptic Gregorian
 * calendar (H. Hinnant's days_from_civil), written out here so that the
 * time axis is checked against the calendar, not against period.c. */
static inline long civil_days(long y, long m, long d)
{
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* The first day of an ISO period written as "YYYY", "YYYY-Qn", "YYYY-MM"
 * or "YYYY-MM-DD" (days since 1970-01-01), where a time axis puts it; 0,
 * or -1 when key is none of them. */
static inline int key_day(const char *key, long *day)
{
	int y, m, d, n = 0;
	size_t len = strlen(key);

	if (len == 4 && sscanf(key, "%4d%n", &y, &n) == 1 && n == 4)
		*day = civil_days(y, 1, 1);
	else if (len == 7 && sscanf(key, "%4d-Q%1d%n", &y, &m, &n) == 2 && n == 7 && m >= 1 &&
		 m <= 4)
		*day = civil_days(y, 3 * m - 2, 1);
	else if (len == 7 && sscanf(key, "%4d-%2d%n", &y, &m, &n) == 2 && n == 7)
		*day = civil_days(y, m, 1);
	else if (len == 10 && sscanf(key, "%4d-%2d-%2d%n", &y, &m, &d, &n) == 3 && n == 10)
		*day = civil_days(y, m, d);
	else
		return -1;
	return 0;
}

#endif
