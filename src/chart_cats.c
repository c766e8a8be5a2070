/* chart_cats — the category labels of bar charts, never cut (issue 18):
 * under columns, level and wrapped onto up to three lines when every word
 * fits its band, else one line each at 45 degrees when neighbours stand
 * apart and the labels leave the plot most of the height; else the chart
 * is drawn as rows (horizontal bars), whose label column wraps every label
 * whole.  A word is broken between characters only where even a row's
 * column is too narrow for it; nothing is shortened with "…".  Also the
 * level labels a line chart's category axis shares. */
#include "chart_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* sin 45°: rotated labels run at 45 degrees. */
#define DIAG 0.70710678118654752

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

void chart_free_cats(struct chart_lines *cat, size_t n)
{
	if (!cat)
		return;
	for (size_t i = 0; i < n; i++)
		chart_lines_free(&cat[i]);
	free(cat);
}

void chart_cats_free(struct chart_cats *c)
{
	chart_free_cats(c->lines, c->n);
	memset(c, 0, sizeof *c);
}

/* Wrap each of the n labels to width into c->lines (never cut): 1 when
 * every one keeps its words whole in at most maxlines lines (0: any
 * number), 0 when not, -1 when out of memory.  c->nlines: the most lines. */
static int wrap_all(struct chart_ctx *x, const char *const *cat, size_t n, double width,
		    size_t maxlines, struct chart_cats *c)
{
	double fs = x->st->tick_size;
	int whole = 1;

	chart_free_cats(c->lines, c->n);
	c->n = n;
	c->nlines = 0;
	if (!(c->lines = calloc(n ? n : 1, sizeof *c->lines))) {
		x->failed = 1;
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		if (chart_wrap(x, cat[i], FONT_REGULAR, fs, fmax(width, 8), 0, &c->lines[i]) < 0)
			return -1;
		c->nlines = c->lines[i].n > c->nlines ? c->lines[i].n : c->nlines;
		whole &= !c->lines[i].broken && (maxlines == 0 || c->lines[i].n <= maxlines);
	}
	return whole;
}

double chart_cats_rotate_band(const struct chart_ctx *x)
{
	/* neighbours' lines stand band * sin 45° apart: a line of text */
	return chart_line_height(x, x->st->tick_size) / DIAG;
}

/* Rotated labels: one line each; the band wide enough for neighbours to
 * stand apart, the labels at most 45 % of the box's height, and the plot
 * moved right (c->x0) until the first labels stay in the chart.  1 when
 * they fit, 0 when not. */
static int rotate(struct chart_ctx *x, const char *const *cat, size_t n, double x0, double x1,
		  const struct chart_box *box, struct chart_cats *c)
{
	double fs = x->st->tick_size, asc = chart_ascent(x, FONT_REGULAR, fs);
	double dsc = chart_descent(x, FONT_REGULAR, fs), wmax = 0;

	c->x0 = x0;
	for (size_t i = 0; i < n; i++)
		wmax = fmax(wmax, chart_text_width(x, FONT_REGULAR, fs, cat[i]));
	c->height = DIAG * (wmax + asc + dsc);
	if (c->height > 0.45 * (box->y1 - box->y0))
		return 0;
	for (int pass = 0; pass < 3; pass++) {
		double band = (x1 - c->x0) / (double)n, need = 0;

		/* label i reaches left of its centre by its width and ascent
		   along the diagonal */
		for (size_t i = 0; i < n; i++)
			need = fmax(need, DIAG * (chart_text_width(x, FONT_REGULAR, fs, cat[i]) + asc) -
						  (c->x0 - box->x0 + (i + 0.5) * band));
		if (need <= 1e-9)
			break;
		c->x0 += need;
	}
	return (x1 - c->x0) / (double)n >= chart_cats_rotate_band(x);
}

int chart_cats_columns(struct chart_ctx *x, const char *const *cat, size_t n, double x0,
		       double x1, const struct chart_box *box, struct chart_cats *c)
{
	double fs = x->st->tick_size, band = (x1 - x0) / (double)(n ? n : 1);
	int level = wrap_all(x, cat, n, band - x->st->gap, x->st->max_label_lines, c);

	if (level < 0)
		return -1;
	c->rotated = 0;
	c->x0 = x0;
	c->height = (double)c->nlines * chart_line_height(x, fs);
	if (level)
		return 0;
	chart_cats_free(c);
	if (!rotate(x, cat, n, x0, x1, box, c))
		return 1;
	c->rotated = 1;
	c->n = n;
	return 0;
}

void chart_cats_draw_columns(struct chart_ctx *x, const struct chart_cats *c,
			     const char *const *cat, const double *cx, double top)
{
	double fs = x->st->tick_size, asc = chart_ascent(x, FONT_REGULAR, fs);
	double dsc = chart_descent(x, FONT_REGULAR, fs);

	if (!c->rotated) {
		chart_cat_labels(x, c->lines, cx, c->n, top);
		return;
	}
	/* the end of each label under its column: the middle of its end edge
	   at cx, its top corner at top */
	for (size_t i = 0; i < c->n; i++)
		chart_text_rotated(x, cat[i], FONT_REGULAR, fs, cx[i] + DIAG * (asc - dsc) / 2,
				   top + DIAG * asc, SCENE_RIGHT, 45, &x->st->label);
}

int chart_cats_rows(struct chart_ctx *x, const char *const *cat, size_t n, double band,
		    double width, struct chart_cats *c)
{
	double fs = x->st->tick_size, lh = chart_line_height(x, fs);
	double tall = chart_ascent(x, FONT_REGULAR, fs) + chart_descent(x, FONT_REGULAR, fs);
	double col = 0, word = 0;

	/* the column: as wide as the widest label, up to 38 % of the chart,
	   and at least as wide as its widest word, up to half of it */
	for (size_t i = 0; i < n; i++) {
		const char *s = cat[i];

		col = fmax(col, chart_text_width(x, FONT_REGULAR, fs, s));
		while (*s) {
			size_t len = strcspn(s, " ");
			char *w = strndup(s, len);

			if (!w) {
				x->failed = 1;
				return -1;
			}
			word = fmax(word, chart_text_width(x, FONT_REGULAR, fs, w));
			free(w);
			s += len;
			s += strspn(s, " ");
		}
	}
	col = fmin(fmax(fmin(col, 0.38 * width), fmin(word, 0.5 * width)), col);
	if (wrap_all(x, cat, n, col, 0, c) < 0)
		return -1;
	c->rotated = 0;
	c->width = 0;
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < c->lines[i].n; k++)
			c->width = fmax(c->width, chart_text_width(x, FONT_REGULAR, fs, c->lines[i].v[k]));
	c->height = (double)(c->nlines ? c->nlines - 1 : 0) * lh + tall;
	return c->height <= band + 1e-9 ? 0 : 1;
}
