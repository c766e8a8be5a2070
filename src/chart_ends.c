/* chart_ends — the end labels of a line chart's series (issue 18): each
 * names its series (with two or more) and gives its last value, beside its
 * own line's last point; labels that would overlap are nudged apart, and
 * one moved off its point's height gets a thin leader back to it; none
 * crosses the plot's bottom axis.  With more than CHART_DIRECT_LABELS
 * series they are the chart's key: no legend (chart_line.c decides). */
#include "chart_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Height of one line of an end label. */
static double line_h(const struct chart_ctx *x)
{
	return chart_line_height(x, x->st->value_size);
}

double chart_ends_measure(struct chart_ctx *x, struct chart_end *e, size_t n, double maxw)
{
	const struct chart_style *st = x->st;
	double fs = st->value_size, widest = 0;
	double sp = chart_text_width(x, FONT_REGULAR, fs, " ");

	for (size_t j = 0; j < n; j++) {
		double vw = chart_text_width(x, FONT_BOLD, fs, e[j].value), last;

		chart_lines_free(&e[j].lines);
		e[j].value_own_line = 0;
		e[j].w = vw;
		if (!e[j].value[0]) {
			e[j].w = e[j].h = 0;
			continue;
		}
		/* the name wrapped to the room, never cut (a word wider than
		   the room is broken) */
		if (e[j].name && chart_wrap(x, e[j].name, FONT_REGULAR, fs, fmax(maxw, 8), 0,
					    &e[j].lines) < 0)
			return -1;
		e[j].w = 0;
		for (size_t k = 0; k < e[j].lines.n; k++)
			e[j].w = fmax(e[j].w, chart_text_width(x, FONT_REGULAR, fs, e[j].lines.v[k]));
		last = e[j].lines.n ? chart_text_width(x, FONT_REGULAR, fs,
						       e[j].lines.v[e[j].lines.n - 1]) + sp : 0;
		if (e[j].lines.n && last + vw > fmax(maxw, e[j].w))
			e[j].value_own_line = 1; /* the value under the name */
		e[j].w = fmax(e[j].w, e[j].value_own_line ? vw : last + vw);
		e[j].h = line_h(x) * (double)(e[j].lines.n + e[j].value_own_line +
					      (e[j].lines.n == 0));
		widest = fmax(widest, e[j].w);
	}
	return widest;
}

double chart_ends_offset(const struct chart_ctx *x, size_t nser)
{
	const struct chart_style *st = x->st;

	/* room for a leader between the point and its label with 2+ series */
	return st->marker_radius + st->gap + (nser > 1 ? st->leader_room : 0);
}

/* The labels' order from the top: by the height of their points (larger
 * values higher up), the first series first among equal ones. */
static void by_height(const struct chart_end *e, size_t *idx, size_t m)
{
	for (size_t i = 1; i < m; i++)
		for (size_t k = i; k > 0 && e[idx[k]].py < e[idx[k - 1]].py; k--) {
			size_t t = idx[k];

			idx[k] = idx[k - 1];
			idx[k - 1] = t;
		}
}

/* Spread the labels (the centres in got[], by idx) within lo..hi; 0, or -1
 * when they need more room than that. */
static int spread(const struct chart_end *e, size_t *idx, size_t m, double lo, double hi,
		  double *want, double *hs, double *got)
{
	for (size_t i = 0; i < m; i++) {
		/* a point beyond y-min:/y-max: pulls its label to the edge */
		want[i] = fmin(fmax(e[idx[i]].py, lo + e[idx[i]].h / 2), hi - e[idx[i]].h / 2);
		hs[i] = e[idx[i]].h;
	}
	return chart_spread(want, hs, m, 0, lo, hi, got);
}

/* One label with its top left corner at (lx, top): the name's lines, the
 * value (bold) after the last one or on its own line. */
static void draw_one(struct chart_ctx *x, const struct chart_end *e, double lx, double top)
{
	const struct chart_style *st = x->st;
	double fs = st->value_size, lh = line_h(x);
	double base = top + lh / 2 + (chart_ascent(x, FONT_BOLD, fs) -
				      chart_descent(x, FONT_BOLD, fs)) / 2;
	size_t k = 0;

	for (; k < e->lines.n; k++)
		chart_text(x, e->lines.v[k], FONT_REGULAR, fs, lx, base + (double)k * lh,
			   SCENE_LEFT, &st->label);
	if (e->lines.n && !e->value_own_line)
		chart_text(x, e->value, FONT_BOLD, fs,
			   lx + chart_text_width(x, FONT_REGULAR, fs, e->lines.v[k - 1]) +
				   chart_text_width(x, FONT_REGULAR, fs, " "),
			   base + (double)(k - 1) * lh, SCENE_LEFT, &st->label);
	else
		chart_text(x, e->value, FONT_BOLD, fs, lx, base + (double)k * lh, SCENE_LEFT,
			   &st->label);
}

int chart_ends_fit(const struct chart_ctx *x, const struct chart_end *e, size_t n, double lo,
		   double hi)
{
	double h = 0;

	(void)x;
	for (size_t j = 0; j < n; j++)
		h += e[j].value[0] ? e[j].h : 0;
	return h <= hi - lo + 1e-9;
}

void chart_ends_draw(struct chart_ctx *x, const struct chart_end *e, size_t n, double lo,
		     double hi)
{
	const struct chart_style *st = x->st;
	size_t m = 0, *idx = calloc(n ? n : 1, sizeof *idx);
	double *want = calloc(3 * (n ? n : 1), sizeof *want), *hs = want + n, *got = want + 2 * n;
	double off = chart_ends_offset(x, n);

	if (!idx || !want) {
		free(idx);
		free(want);
		x->failed = 1;
		return;
	}
	for (size_t j = 0; j < n; j++)
		if (e[j].value[0])
			idx[m++] = j;
	by_height(e, idx, m);
	/* more than the plot's height holds would run over the axis, the
	   category labels and the notes: then none (the caller has checked) */
	if (spread(e, idx, m, lo, hi, want, hs, got) < 0)
		m = 0;
	for (size_t i = 0; i < m; i++) {
		const struct chart_end *l = &e[idx[i]];
		double lx = l->px + off;

		/* moved off its point's height: a leader from the point */
		if (n > 1 && l->shown && fabs(got[i] - l->py) > l->h / 2)
			chart_segment(x, l->px + st->marker_radius + 1, l->py, lx - 2, got[i],
				      &st->leader, st->leader_width);
		draw_one(x, l, lx, got[i] - l->h / 2);
	}
	free(idx);
	free(want);
}

void chart_ends_free(struct chart_end *e, size_t n)
{
	if (!e)
		return;
	for (size_t j = 0; j < n; j++)
		chart_lines_free(&e[j].lines);
	free(e);
}
