/* chart_text — text measuring, wrapping and shortening for charts, and the
 * small drawing helpers every chart type uses (rectangles, segments, colours,
 * the legend, spreading labels apart).  All widths come from fonts_text_width,
 * the one metric source of both renderers. */
#include "chart_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"

#define ELLIPSIS "\xE2\x80\xA6" /* U+2026 */

double chart_text_width(struct chart_ctx *x, enum font_face face, double size, const char *s)
{
	return fonts_text_width(x->f, face, size, s);
}

double chart_ascent(struct chart_ctx *x, enum font_face face, double size)
{
	double a = 0, d = 0;

	fonts_extents(x->f, face, size, &a, &d);
	return a;
}

double chart_descent(struct chart_ctx *x, enum font_face face, double size)
{
	double a = 0, d = 0;

	fonts_extents(x->f, face, size, &a, &d);
	return d;
}

double chart_line_height(const struct chart_ctx *x, double size)
{
	return size * x->st->leading;
}

void chart_text_rotated(struct chart_ctx *x, const char *s, enum font_face face,
			double size, double px, double py, enum scene_align align,
			double angle, const struct rgba *color)
{
	if (scene_add_text(x->s, x->f, s, face, size, px, py, align, angle, color) < 0)
		x->failed = 1;
}

void chart_text(struct chart_ctx *x, const char *s, enum font_face face, double size,
		double px, double py, enum scene_align align, const struct rgba *color)
{
	chart_text_rotated(x, s, face, size, px, py, align, 0, color);
}

/* Copy of the first len bytes of s, trailing spaces dropped, then suffix. */
static char *prefix_with(const char *s, size_t len, const char *suffix)
{
	size_t sl = strlen(suffix);
	char *out;

	while (len > 0 && s[len - 1] == ' ')
		len--;
	if (!(out = malloc(len + sl + 1)))
		return NULL;
	memcpy(out, s, len);
	memcpy(out + len, suffix, sl + 1);
	return out;
}

/* Width of the first len bytes of s followed by suffix. */
static double prefix_width(struct chart_ctx *x, const char *s, size_t len, const char *suffix,
			   enum font_face face, double size)
{
	char *t = prefix_with(s, len, suffix);
	double w;

	if (!t) {
		x->failed = 1;
		return 0;
	}
	w = chart_text_width(x, face, size, t);
	free(t);
	return w;
}

/* What fit_prefix asks utf8_fit_prefix: does the prefix of n bytes, with
 * the suffix, fit maxw? */
struct fit_ask {
	struct chart_ctx *x;
	const char *s, *suffix;
	enum font_face face;
	double size, maxw;
};

static int prefix_fits(void *ctx, size_t n)
{
	const struct fit_ask *a = ctx;

	return prefix_width(a->x, a->s, n, a->suffix, a->face, a->size) <= a->maxw;
}

/* The longest prefix of s[0..len) (in characters, at least min_chars) that
 * fits maxw followed by suffix.  Widths grow with the prefix, so utf8_fit_prefix
 * gallops and bisects, measuring only prefixes about as long as the answer:
 * breaking a 1 MiB word into lines costs linear time, not quadratic.
 * Returns its byte length. */
static size_t fit_prefix(struct chart_ctx *x, const char *s, size_t len, const char *suffix,
			 enum font_face face, double size, double maxw, size_t min_chars)
{
	struct fit_ask a = { x, s, suffix, face, size, maxw };

	return utf8_fit_prefix(s, len, min_chars, prefix_fits, &a);
}

void chart_lines_free(struct chart_lines *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = 0;
	l->broken = 0;
}

/* One wrapping: the text's face, size and room, where to stop, and the
 * lines made so far. */
struct wrap {
	struct chart_ctx *x;
	enum font_face face;
	double size, maxw;
	size_t stop;             /* stop once l has this many lines (0 = never) */
	struct chart_lines *l;
};

/* Append line (taken over; NULL means out of memory) to w's lines. */
static int lines_push(struct wrap *w, char *line)
{
	char **v;

	if (!line)
		return -1;
	if (!(v = realloc(w->l->v, (w->l->n + 1) * sizeof *v))) {
		free(line);
		return -1;
	}
	v[w->l->n++] = line;
	w->l->v = v;
	return 0;
}

/* Push a word of len bytes wider than the room, broken between
 * characters into pieces that fit: nothing of it is lost. */
static int push_long_word(struct wrap *w, const char *p, size_t len)
{
	int rc = 0;

	w->l->broken = 1;
	while (len > 0 && rc == 0 && (w->stop == 0 || w->l->n < w->stop)) {
		size_t n = fit_prefix(w->x, p, len, "", w->face, w->size, w->maxw, 1);

		rc = lines_push(w, strndup(p, n));
		p += n;
		len -= n;
	}
	return rc;
}

/* Start a new line with the word wd (taken over): as it is when it fits,
 * else broken.  *cur gets the open line. */
static int start_line(struct wrap *w, char *wd, char **cur)
{
	int rc;

	if (chart_text_width(w->x, w->face, w->size, wd) <= w->maxw) {
		*cur = wd;
		return 0;
	}
	rc = push_long_word(w, wd, strlen(wd));
	free(wd);
	return rc;
}

/* Greedy word wrap of s: each word goes on the open line when the line
 * still fits, else starts the next one.  Stops once there are w->stop
 * lines: a caller keeping maxlines needs only maxlines + 1 of them, so a
 * 1 MiB source note is not wrapped to its end only to be cut. */
static int wrap_words(struct wrap *w, const char *s)
{
	char *cur = NULL; /* the open line */
	int rc = 0;

	while (rc == 0 && (w->stop == 0 || w->l->n < w->stop)) {
		char *cand = NULL, *word;
		size_t len;

		s += strspn(s, " ");
		if (!*s)
			break;
		len = strcspn(s, " ");
		if (!(word = strndup(s, len))) {
			rc = -1;
			break;
		}
		s += len;
		if (cur && asprintf(&cand, "%s %s", cur, word) < 0) {
			free(word);
			rc = -1;
		} else if (cand && chart_text_width(w->x, w->face, w->size, cand) <= w->maxw) {
			free(cur);
			free(word);
			cur = cand;
		} else {
			free(cand);
			if (cur)
				rc = lines_push(w, cur);
			cur = NULL;
			if (rc == 0)
				rc = start_line(w, word, &cur);
			else
				free(word);
		}
	}
	if (rc == 0 && cur)
		return lines_push(w, cur);
	free(cur);
	return rc;
}

/* Keep the first maxlines lines of w's; the last one takes the rest of
 * the text and is shortened with "…". */
static int cut_lines(struct wrap *w, size_t maxlines)
{
	struct chart_lines *l = w->l;
	char *rest, *last;
	size_t k = maxlines - 1;

	if (asprintf(&rest, "%s %s", l->v[k], l->v[k + 1]) < 0)
		return -1;
	last = prefix_with(rest, fit_prefix(w->x, rest, strlen(rest), ELLIPSIS, w->face, w->size,
					    w->maxw, 0),
			   ELLIPSIS);
	free(rest);
	if (!last)
		return -1;
	for (size_t i = k; i < l->n; i++)
		free(l->v[i]);
	l->v[k] = last;
	l->n = maxlines;
	return 0;
}

int chart_wrap(struct chart_ctx *x, const char *s, enum font_face face, double size,
	       double maxw, size_t maxlines, struct chart_lines *out)
{
	struct wrap w = { x, face, size, maxw, maxlines ? maxlines + 1 : 0, out };

	out->v = NULL;
	out->n = 0;
	out->broken = 0;
	if (!s)
		return 0;
	if (wrap_words(&w, s) < 0 ||
	    (maxlines > 0 && out->n > maxlines && cut_lines(&w, maxlines) < 0)) {
		chart_lines_free(out);
		x->failed = 1;
		return -1;
	}
	return 0;
}

void chart_rect(struct chart_ctx *x, double x0, double y0, double x1, double y1,
		const struct rgba *fill, const struct rgba *stroke, double lw)
{
	cairo_t *cr = scene_cairo(x->s);

	if (fabs(x1 - x0) < 1e-9 || fabs(y1 - y0) < 1e-9)
		return; /* an empty bar draws nothing */
	cairo_rectangle(cr, fmin(x0, x1), fmin(y0, y1), fabs(x1 - x0), fabs(y1 - y0));
	if (scene_add_path(x->s, fill, stroke, lw) < 0)
		x->failed = 1;
}

void chart_segment(struct chart_ctx *x, double x0, double y0, double x1, double y1,
		   const struct rgba *color, double lw)
{
	cairo_t *cr = scene_cairo(x->s);

	cairo_move_to(cr, x0, y0);
	cairo_line_to(cr, x1, y1);
	if (scene_add_path(x->s, NULL, color, lw) < 0)
		x->failed = 1;
}

struct rgba chart_series_color(const struct chart_ctx *x, size_t i)
{
	if (i < x->nuser)
		return x->user[i];
	return chart_palette[i % CHART_PALETTE_SIZE];
}

int chart_series_pattern(const struct chart_ctx *x, size_t i)
{
	size_t round = i < x->nuser ? 0 : i / CHART_PALETTE_SIZE;

	return round < CHART_SERIES_PATTERNS ? (int)round : CHART_SERIES_PATTERNS - 1;
}

/* Where dashing one sub-path stands: on a dash (on) or a gap, with left
 * points of it to go; pen: the path's current point is where the walk is
 * (a dash is being drawn). */
struct dash_walk {
	int on, pen;
	double left;
};

/* Walk the segment (ax, ay)..(bx, by), emitting the dashes on it. */
static void dash_segment(cairo_t *cr, const double dash[2], struct dash_walk *w, double ax,
			 double ay, double bx, double by)
{
	double len = hypot(bx - ax, by - ay), done = 0;

	while (done < len) {
		double step = fmin(w->left, len - done), t = (done + step) / len;

		if (w->on) {
			if (!w->pen)
				cairo_move_to(cr, ax + (bx - ax) * done / len, ay + (by - ay) * done / len);
			cairo_line_to(cr, ax + (bx - ax) * t, ay + (by - ay) * t);
			w->pen = 1;
		}
		done += step;
		w->left -= step;
		if (w->left <= 1e-9) {
			w->on = !w->on;
			w->pen = 0;
			w->left = dash[w->on ? 0 : 1];
		}
	}
}

void chart_dash_path(struct chart_ctx *x, const double dash[2])
{
	cairo_t *cr = scene_cairo(x->s);
	cairo_path_t *p = cairo_copy_path(cr);
	struct dash_walk w = { 1, 0, dash[0] };
	double cx = 0, cy = 0, sx = 0, sy = 0;

	cairo_new_path(cr);
	if (!p || p->status != CAIRO_STATUS_SUCCESS || dash[0] <= 0 || dash[1] <= 0) {
		if (p)
			cairo_append_path(cr, p); /* nothing to dash: as it was */
		cairo_path_destroy(p);
		return;
	}
	for (int k = 0; k < p->num_data; k += p->data[k].header.length) {
		const cairo_path_data_t *d = &p->data[k];

		switch (d->header.type) {
		case CAIRO_PATH_MOVE_TO: /* each sub-path starts on a dash */
			w = (struct dash_walk){ 1, 0, dash[0] };
			sx = cx = d[1].point.x;
			sy = cy = d[1].point.y;
			break;
		case CAIRO_PATH_LINE_TO:
			dash_segment(cr, dash, &w, cx, cy, d[1].point.x, d[1].point.y);
			cx = d[1].point.x;
			cy = d[1].point.y;
			break;
		case CAIRO_PATH_CURVE_TO: /* series are straight: the end point */
			dash_segment(cr, dash, &w, cx, cy, d[3].point.x, d[3].point.y);
			cx = d[3].point.x;
			cy = d[3].point.y;
			break;
		case CAIRO_PATH_CLOSE_PATH:
			dash_segment(cr, dash, &w, cx, cy, sx, sy);
			cx = sx;
			cy = sy;
			break;
		}
	}
	cairo_path_destroy(p);
}

/* White diagonals (bottom left to top right) across the box x0..x1,
 * y0..y1, gap apart on a grid shared by every bar, so neighbouring bars'
 * stripes line up. */
static void hatch(struct chart_ctx *x, double x0, double y0, double x1, double y1)
{
	cairo_t *cr = scene_cairo(x->s);
	double step = x->st->hatch_gap * M_SQRT2; /* along x + y = k */
	int any = 0;

	for (double k = ceil((x0 + y0) / step) * step; k < x1 + y1; k += step) {
		double xa = fmax(x0, k - y1), xb = fmin(x1, k - y0);

		if (xb - xa < 0.5)
			continue;
		cairo_move_to(cr, xa, k - xa);
		cairo_line_to(cr, xb, k - xb);
		any = 1;
	}
	if (any && scene_add_path(x->s, NULL, &x->st->white, x->st->hatch_width) < 0)
		x->failed = 1;
	cairo_new_path(cr);
}

struct rgba chart_pattern_rect(struct chart_ctx *x, double x0, double y0, double x1, double y1,
			       const struct rgba *col, int pattern, const struct rgba *sep)
{
	double lw = x->st->outline_width;

	if (pattern == 2) { /* white, a border in the colour inside the box */
		if (fabs(x1 - x0) > lw && fabs(y1 - y0) > lw) {
			double ix = x0 < x1 ? lw / 2 : -lw / 2, iy = y0 < y1 ? lw / 2 : -lw / 2;

			chart_rect(x, x0 + ix, y0 + iy, x1 - ix, y1 - iy, &x->st->white, col, lw);
			return x->st->white;
		}
		chart_rect(x, x0, y0, x1, y1, col, NULL, 0); /* too thin for a border */
		return *col;
	}
	chart_rect(x, x0, y0, x1, y1, col, sep, 0.5);
	if (pattern == 1)
		hatch(x, fmin(x0, x1), fmin(y0, y1), fmax(x0, x1), fmax(y0, y1));
	return *col;
}

const struct rgba *chart_text_on(const struct chart_ctx *x, const struct rgba *bg)
{
	double lum = 0.2126 * bg->r + 0.7152 * bg->g + 0.0722 * bg->b;

	return lum > 0.5 ? &x->st->text : &x->st->white;
}

/* The key of a legend entry, sw wide and a swatch tall from (px, top): a
 * square of the series' colour and pattern; a line's dashed or dotted
 * series as a sample of its line. */
static void legend_key(struct chart_ctx *x, double px, double top, double sw,
		       const struct rgba *col, int pattern, int line)
{
	const struct chart_style *st = x->st;

	if (!line || pattern == 0) {
		chart_pattern_rect(x, px, top, px + sw, top + st->swatch, col, pattern, NULL);
		return;
	}
	cairo_move_to(scene_cairo(x->s), px, top + st->swatch / 2);
	cairo_line_to(scene_cairo(x->s), px + sw, top + st->swatch / 2);
	chart_dash_path(x, st->dash[pattern]);
	if (scene_add_path(x->s, NULL, col, st->line_width) < 0)
		x->failed = 1;
}

double chart_legend(struct chart_ctx *x, const struct chart_box *box, const char *const *names,
		    size_t n, int draw)
{
	const struct chart_style *st = x->st;
	int line = x->c->type == CHART_LINE;
	double size = st->legend_size, tl = chart_line_height(x, size), lh = tl + 2;
	double asc = chart_ascent(x, FONT_REGULAR, size);
	double maxw = box->x1 - box->x0, px = box->x0, top = box->y0, row = lh;

	for (size_t i = 0; i < n; i++) {
		struct rgba col = chart_series_color(x, i);
		int pattern = chart_series_pattern(x, i);
		/* a dashed or dotted line shows in a sample two swatches long */
		double sw = line && pattern ? 2 * st->swatch : st->swatch, w = 0, base;
		struct chart_lines name;

		/* a name wider than the whole legend wraps (never cut) */
		if (chart_wrap(x, names[i], FONT_REGULAR, size, fmax(maxw - sw - st->gap, 8), 0,
			       &name) < 0)
			return 0;
		for (size_t k = 0; k < name.n; k++)
			w = fmax(w, chart_text_width(x, FONT_REGULAR, size, name.v[k]));
		w += sw + st->gap;
		if (px > box->x0 && px + w > box->x1) { /* the next row */
			px = box->x0;
			top += row;
			row = lh;
		}
		row = fmax(row, lh + tl * (double)(name.n > 1 ? name.n - 1 : 0));
		base = top + (lh - 2 - size) / 2 + asc;
		if (draw) {
			legend_key(x, px, base + 0.5 - st->swatch, sw, &col, pattern, line);
			for (size_t k = 0; k < name.n; k++)
				chart_text(x, name.v[k], FONT_REGULAR, size, px + sw + st->gap,
					   base + tl * (double)k, SCENE_LEFT, &st->label);
		}
		chart_lines_free(&name);
		px += w + 3 * st->gap;
	}
	return n ? top + row - box->y0 : 0;
}

int chart_spread(const double *want, const double *h, size_t n, double gap, double lo,
		 double hi, double *got)
{
	if (n == 0)
		return 0;
	got[0] = fmax(want[0], lo + h[0] / 2);
	for (size_t i = 1; i < n; i++)
		got[i] = fmax(want[i], got[i - 1] + (h[i - 1] + h[i]) / 2 + gap);
	if (got[n - 1] + h[n - 1] / 2 <= hi)
		return 0;
	got[n - 1] = hi - h[n - 1] / 2;
	for (size_t i = n - 1; i-- > 0;)
		got[i] = fmin(got[i], got[i + 1] - (h[i] + h[i + 1]) / 2 - gap);
	if (got[0] - h[0] / 2 >= lo - 1e-9)
		return 0;
	/* too many: keep them apart, starting at lo */
	got[0] = lo + h[0] / 2;
	for (size_t i = 1; i < n; i++)
		got[i] = got[i - 1] + (h[i - 1] + h[i]) / 2 + gap;
	return -1;
}
