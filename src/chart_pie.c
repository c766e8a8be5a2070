/* chart_pie — pie and donut charts.
 *
 * Slices run clockwise from 12 o'clock, largest first unless the block
 * wrote a sort: (then the query's order stands); "Other" is grey and last.
 * A slice of ~8 % or more shows its percentage inside; every slice has its
 * name outside, beside it, in a column left or right of the pie, and the
 * labels of each side are spread vertically so that none overlaps another
 * or the pie.  Small slices carry their percentage outside too, with a thin
 * leader line. */
#include "chart_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "num.h"

#define TAU (2 * M_PI)

struct slice {
	const char *name;         /* category label */
	double value;             /* the aggregate */
	double share;             /* of the total, 0..1 */
	double a0, a1, mid;       /* angles clockwise from 12 o'clock, radians */
	struct rgba color;        /* fill */
	char pct[32];             /* "58 %" */
	int inside;               /* percentage drawn inside the slice */
	struct chart_lines lines; /* the outside label, wrapped */
	int pct_line;             /* outside pct: 0 none, 1 after the last line, 2 own line */
	double w, h;              /* outside label block size */
	double want, yc;          /* wanted and final centre of the block (y) */
	double lx;                /* anchor x: left edge (right side), right edge (left) */
	int right;                /* label right of the pie */
	int other;                /* the "Other" group of top: */
	size_t order;             /* position in the query's result */
};

/* The pie being laid out. */
struct pie {
	struct slice *sl;
	size_t n;
	double cx, cy, r, hole;   /* centre, radius, inner radius (donut) */
	double fs;                /* outside label size */
	double gap;               /* from the arc to the labels */
};

/* ---- the share note ------------------------------------------------------ */

/* Case-insensitive substring test (ASCII). */
static int has_word(const char *s, const char *w)
{
	size_t n = strlen(w);

	for (; s && *s; s++)
		if (strncasecmp(s, w, n) == 0)
			return 1;
	return 0;
}

int chart_share_note(const struct chart_block *c, char *buf, size_t size)
{
	const struct lang *lg = lang_or_default(c->lang);
	const struct query_result *r = &c->q.res;
	const char *y = c->q.value;
	double sum = 0;
	char num[64];

	if (size)
		buf[0] = '\0';
	if (c->type != CHART_PIE && c->type != CHART_DONUT)
		return 0;
	if (!(c->unit && strchr(c->unit, '%')) &&
	    !(has_word(y, "share") || has_word(y, "pct") || has_word(y, "percent")))
		return 0;
	for (size_t i = 0; i < r->ngroups; i++)
		sum += r->groups[i].value;
	if (!(fabs(sum - 100) > 0.5))
		return 0;
	num_format_auto_style(num, sizeof num, &lg->num, sum, 1, 1);
	snprintf(buf, size, "%s%s%s", lg->shares[0], num, lg->shares[1]);
	return 1;
}

/* ---- slices -------------------------------------------------------------- */

/* Largest first, "Other" last, ties in query order (a stable sort). */
static int slice_cmp(const void *pa, const void *pb)
{
	const struct slice *a = pa, *b = pb;

	if (a->other != b->other)
		return a->other - b->other;
	if (a->value != b->value)
		return a->value < b->value ? 1 : -1;
	return a->order < b->order ? -1 : a->order > b->order;
}

/* What a pie's shares are of: the sum of its positive values (zero and
 * negative groups are not drawn), each value times *scale first: 1, or
 * when that sum overflows (two values near 1e308) one over the largest
 * value.  A group's share is value * scale / total. */
static double pie_total(const struct query_result *r, double *scale)
{
	double total = 0, max = 0;

	*scale = 1;
	for (size_t i = 0; i < r->ngroups; i++)
		if (r->groups[i].value > 0) {
			total += r->groups[i].value;
			max = fmax(max, r->groups[i].value);
		}
	if (isfinite(total))
		return total;
	*scale = 1 / max;
	total = 0;
	for (size_t i = 0; i < r->ngroups; i++)
		if (r->groups[i].value > 0)
			total += r->groups[i].value * *scale;
	return total;
}

double chart_pie_share(const struct chart_block *c, size_t g)
{
	double scale, total = pie_total(&c->q.res, &scale), v = c->q.res.groups[g].value;

	return v > 0 && total > 0 ? v * scale / total : 0;
}

int chart_pie_decimals(const struct chart_block *c)
{
	const struct query_result *r = &c->q.res;
	double scale, total = pie_total(r, &scale);
	int dec = 0;

	for (size_t g = 0; total > 0 && g < r->ngroups; g++)
		if (!r->groups[g].missing && r->groups[g].value > 0)
			if (num_percent_decimals(r->groups[g].value * scale / total) > dec)
				dec = 1;
	return dec;
}

/* The colour of the k-th slice that is not "Other": the series colours,
 * lighter once the palette comes round again (a pie's slices are named
 * beside them and take no pattern; at most PIPELINE_PIE_MAX_SLICES). */
static struct rgba slice_color(const struct chart_ctx *x, size_t k)
{
	struct rgba c = chart_series_color(x, k);
	double t = fmin(0.6, 0.35 * (double)chart_series_pattern(x, k));

	c.r += (1 - c.r) * t;
	c.g += (1 - c.g) * t;
	c.b += (1 - c.b) * t;
	return c;
}

/* The slices of the query, sorted, with angles and colours.  Zero slices
 * are left out (nothing to draw).  Returns 0 or -1 (out of memory). */
static int make_slices(struct chart_ctx *x, struct pie *p)
{
	const struct chart_block *c = x->c;
	const struct query_result *r = &c->q.res;
	double scale, total = pie_total(r, &scale), cum = 0;
	int dec = chart_pie_decimals(c);
	size_t k = 0;

	if (!(p->sl = calloc(r->ngroups ? r->ngroups : 1, sizeof *p->sl)))
		return -1;
	for (size_t i = 0; i < r->ngroups; i++) {
		const struct group *g = &r->groups[i];
		struct slice *s = &p->sl[p->n];

		if (g->missing || !(g->value > 0))
			continue; /* no value, or nothing to draw: no slice */
		s->name = g->key[0] ? g->key[0] : "";
		s->value = g->value;
		s->order = i;
		s->other = g->is_other;
		p->n++;
	}
	if (!c->sort_set) /* a written sort: (none, label, …) keeps the query's order */
		qsort(p->sl, p->n, sizeof *p->sl, slice_cmp);
	for (size_t i = 0; i < p->n; i++) {
		struct slice *s = &p->sl[i];

		s->color = s->other ? chart_other_grey : slice_color(x, k++);
		s->share = s->value * scale / total;
		s->a0 = cum * TAU;
		cum += s->share;
		s->a1 = i + 1 == p->n ? TAU : cum * TAU;
		s->mid = (s->a0 + s->a1) / 2;
		s->right = s->mid <= M_PI;
		num_format_percent(s->pct, sizeof s->pct, &x->lang->num, s->share, dec);
	}
	return 0;
}

static void free_labels(struct pie *p)
{
	for (size_t i = 0; i < p->n; i++)
		chart_lines_free(&p->sl[i].lines);
}

/* ---- inside labels ------------------------------------------------------- */

/* Is point (px, py) inside slice s, keeping margin points from its edges? */
static int in_slice(const struct pie *p, const struct slice *s, double px, double py,
		    double margin)
{
	double dx = px - p->cx, dy = py - p->cy, d = hypot(dx, dy);
	double a = atan2(dx, -dy), m;

	if (a < 0)
		a += TAU;
	if (d > p->r - margin || d < p->hole + margin)
		return 0;
	if (s->a1 - s->a0 >= TAU - 1e-9)
		return 1;
	m = d > 0 ? margin / d : TAU;
	return a >= s->a0 + m && a <= s->a1 - m;
}

/* Place the percentage inside s if it fits at some radius along the middle
 * angle; sets s->inside and the text's centre (*tx, *ty). */
static int fit_inside(struct chart_ctx *x, const struct pie *p, struct slice *s, double *tx,
		      double *ty)
{
	static const double at[] = { 0.62, 0.7, 0.54, 0.78 };
	double size = x->st->pie_pct_size;
	double w = chart_text_width(x, FONT_BOLD, size, s->pct);
	double h = chart_ascent(x, FONT_BOLD, size) + chart_descent(x, FONT_BOLD, size);

	if (s->share < x->st->small_slice)
		return 0;
	for (size_t k = 0; k < sizeof at / sizeof at[0]; k++) {
		double rr = p->hole > 0 ? (p->hole + p->r) / 2 : at[k] * p->r;
		double mx = p->cx + rr * sin(s->mid), my = p->cy - rr * cos(s->mid);
		int ok = 1;

		for (int i = -1; i <= 1 && ok; i++)
			for (int j = -1; j <= 1 && ok; j++)
				ok = in_slice(p, s, mx + i * w / 2, my + j * h / 2, 1.5);
		if (ok) {
			*tx = mx;
			*ty = my;
			return 1;
		}
		if (p->hole > 0)
			break;
	}
	return 0;
}

/* ---- outside labels ------------------------------------------------------ */

/* Width of the outside label of s on one line (name, and pct if small). */
static double label_width(struct chart_ctx *x, const struct slice *s, double fs)
{
	double w = chart_text_width(x, FONT_REGULAR, fs, s->name);

	if (s->share < x->st->small_slice)
		w += chart_text_width(x, FONT_REGULAR, fs, " ") +
		     chart_text_width(x, FONT_BOLD, fs, s->pct);
	return w;
}

/* The radius: as large as the height allows, unless the labels beside the
 * pie need the width (then they wrap, down to a smallest sensible pie). */
static void choose_radius(struct chart_ctx *x, struct pie *p, double fs, double scale)
{
	const struct chart_box *b = &x->plot;
	double pw = b->x1 - b->x0, ph = b->y1 - b->y0, wmax = 0, rh, rw, rmin;

	for (size_t i = 0; i < p->n; i++)
		wmax = fmax(wmax, label_width(x, &p->sl[i], fs));
	rh = ph / 2 - 2;
	rw = pw / 2 - p->gap - wmax - 2;
	rmin = fmin(rh, fmax(36, 0.2 * pw));
	p->r = fmax(fmin(rh, fmax(rw, rmin)) * scale, 4);
	p->hole = x->c->type == CHART_DONUT ? x->st->donut_hole * p->r : 0;
	p->cx = b->x0 + pw / 2;
	p->cy = b->y0 + ph / 2;
}

/* Wrap the outside label of s to the room beside the pie. */
static int wrap_label(struct chart_ctx *x, const struct pie *p, struct slice *s)
{
	double fs = p->fs, lh = chart_line_height(x, fs);
	double room = (x->plot.x1 - x->plot.x0) / 2 - p->r - p->gap - 2;
	double sp = chart_text_width(x, FONT_REGULAR, fs, " ");
	double pw = chart_text_width(x, FONT_BOLD, fs, s->pct);

	if (chart_wrap(x, s->name, FONT_REGULAR, fs, room, 0, &s->lines) < 0) /* never cut */
		return -1;
	s->w = 0;
	for (size_t i = 0; i < s->lines.n; i++)
		s->w = fmax(s->w, chart_text_width(x, FONT_REGULAR, fs, s->lines.v[i]));
	s->pct_line = 0;
	if (!s->inside) {
		double last = s->lines.n
			      ? chart_text_width(x, FONT_REGULAR, fs, s->lines.v[s->lines.n - 1])
			      : 0;

		s->pct_line = s->lines.n && last + sp + pw <= room ? 1 : 2;
		s->w = fmax(s->w, s->pct_line == 1 ? last + sp + pw : pw);
	}
	s->h = lh * (double)(s->lines.n + (s->pct_line == 2));
	s->want = p->cy - (p->r + p->gap) * cos(s->mid);
	return 0;
}

/* Spread the labels of one side; then put each beside the circle at its
 * height.  Returns 0 when they fit, -1 when the side is too crowded. */
static int place_side(struct chart_ctx *x, struct pie *p, int right)
{
	size_t n = p->n ? p->n : 1, m = 0;
	size_t *idx = malloc(n * sizeof *idx);
	double *want = calloc(3 * n, sizeof *want), *h = want + n, *got = want + 2 * n;
	int rc;

	if (!idx || !want) {
		free(idx);
		free(want);
		x->failed = 1;
		return 0;
	}
	for (size_t i = 0; i < p->n; i++)
		if (p->sl[i].right == right)
			idx[m++] = i;
	/* by wanted height: insertion sort, the lists are short */
	for (size_t i = 1; i < m; i++)
		for (size_t j = i; j > 0 && p->sl[idx[j]].want < p->sl[idx[j - 1]].want; j--) {
			size_t t = idx[j];

			idx[j] = idx[j - 1];
			idx[j - 1] = t;
		}
	for (size_t i = 0; i < m; i++) {
		want[i] = p->sl[idx[i]].want;
		h[i] = p->sl[idx[i]].h;
	}
	rc = chart_spread(want, h, m, 1, x->plot.y0, x->plot.y1, got);
	for (size_t i = 0; i < m; i++) {
		struct slice *s = &p->sl[idx[i]];
		double near = fmax(0, fabs(got[i] - p->cy) - s->h / 2), R = p->r + p->gap;
		double off = near < R ? sqrt(R * R - near * near) : 0;

		s->yc = got[i];
		off = fmax(off, 3);
		s->lx = right ? p->cx + off : p->cx - off;
	}
	free(idx);
	free(want);
	return rc;
}

/* Lay the pie out at label size fs and radius scale: 1 when the labels
 * fit, 0 when not, -1 out of memory.  *moved gets how far the labels of
 * small slices had to move from beside their slice. */
static int try_layout(struct chart_ctx *x, struct pie *p, double fs, double scale, double *moved)
{
	int fits;

	p->fs = fs;
	choose_radius(x, p, fs, scale);
	for (size_t i = 0; i < p->n; i++) {
		double tx, ty;

		p->sl[i].inside = fit_inside(x, p, &p->sl[i], &tx, &ty);
		chart_lines_free(&p->sl[i].lines);
		if (wrap_label(x, p, &p->sl[i]) < 0)
			return -1;
	}
	fits = place_side(x, p, 1) == 0;
	fits = place_side(x, p, 0) == 0 && fits;
	*moved = 0;
	for (size_t i = 0; i < p->n; i++) {
		const struct slice *s = &p->sl[i];
		double want = fmin(fmax(s->want, x->plot.y0 + s->h / 2), x->plot.y1 - s->h / 2);

		if (!s->inside)
			*moved = fmax(*moved, fabs(s->yc - want));
	}
	return fits;
}

/* Choose the label size and the radius: the largest labels and pie where
 * the labels fit and stay near their slices; else the largest where they
 * fit; else the smallest labels. */
static int layout_labels(struct chart_ctx *x, struct pie *p)
{
	static const double scales[] = { 1, 0.9, 0.8, 0.7 };
	const struct chart_style *st = x->st;
	double best_fs = -1, best_scale = 1, moved, fs;
	int rc;

	for (fs = st->pie_size; fs >= st->min_pie_size - 1e-9; fs -= 0.5)
		for (size_t k = 0; k < sizeof scales / sizeof scales[0]; k++) {
			if ((rc = try_layout(x, p, fs, scales[k], &moved)) < 0)
				return -1;
			if (rc == 1 && moved <= 2 * chart_line_height(x, fs))
				return 0;
			if (rc == 1 && best_fs < 0) {
				best_fs = fs;
				best_scale = scales[k];
			}
		}
	if (best_fs < 0)
		best_fs = st->min_pie_size;
	return try_layout(x, p, best_fs, best_scale, &moved) < 0 ? -1 : 0;
}

/* ---- drawing ------------------------------------------------------------- */

/* The slice's outline as a cairo path: wedge (pie) or ring sector (donut). */
static void slice_path(cairo_t *cr, const struct pie *p, const struct slice *s, int whole)
{
	double a0 = s->a0 - M_PI / 2, a1 = s->a1 - M_PI / 2; /* cairo: 0 = 3 o'clock */

	if (whole) {
		cairo_new_sub_path(cr);
		cairo_arc(cr, p->cx, p->cy, p->r, 0, TAU);
		cairo_close_path(cr);
		if (p->hole > 0) {
			cairo_new_sub_path(cr);
			cairo_arc_negative(cr, p->cx, p->cy, p->hole, TAU, 0);
			cairo_close_path(cr);
		}
		return;
	}
	if (p->hole > 0) {
		cairo_arc(cr, p->cx, p->cy, p->r, a0, a1);
		cairo_arc_negative(cr, p->cx, p->cy, p->hole, a1, a0);
	} else {
		cairo_move_to(cr, p->cx, p->cy);
		cairo_arc(cr, p->cx, p->cy, p->r, a0, a1);
	}
	cairo_close_path(cr);
}

static void draw_slices(struct chart_ctx *x, const struct pie *p)
{
	cairo_t *cr = scene_cairo(x->s);

	for (size_t i = 0; i < p->n; i++) {
		slice_path(cr, p, &p->sl[i], p->n == 1);
		if (scene_add_path(x->s, &p->sl[i].color, &x->st->white,
				   x->st->separator_width) < 0)
			x->failed = 1;
	}
}

/* A leader from the slice's arc, out along its middle angle, then to the
 * label: for small slices, and labels pushed away from their slice. */
static void draw_leader(struct chart_ctx *x, const struct pie *p, const struct slice *s)
{
	cairo_t *cr = scene_cairo(x->s);
	double sn = sin(s->mid), cs = cos(s->mid), e = p->r + p->gap * 0.45;
	double lh = chart_line_height(x, p->fs);
	double ty = s->yc - s->h / 2 + lh / 2; /* middle of the first line */

	cairo_move_to(cr, p->cx + (p->r - 2) * sn, p->cy - (p->r - 2) * cs);
	cairo_line_to(cr, p->cx + e * sn, p->cy - e * cs);
	cairo_line_to(cr, s->lx + (s->right ? -2 : 2), ty);
	if (scene_add_path(x->s, NULL, &x->st->leader, x->st->leader_width) < 0)
		x->failed = 1;
}

/* The outside label block of s: the name's lines, and the percentage in
 * bold after the last line or on its own line. */
static void draw_label(struct chart_ctx *x, const struct pie *p, const struct slice *s)
{
	double fs = p->fs, lh = chart_line_height(x, fs);
	double asc = chart_ascent(x, FONT_REGULAR, fs), dsc = chart_descent(x, FONT_REGULAR, fs);
	double top = s->yc - s->h / 2, pad = (lh - asc - dsc) / 2;
	double sp = chart_text_width(x, FONT_REGULAR, fs, " ");
	double pw = chart_text_width(x, FONT_BOLD, fs, s->pct);
	enum scene_align al = s->right ? SCENE_LEFT : SCENE_RIGHT;
	size_t n = s->lines.n;

	for (size_t i = 0; i < n; i++) {
		double lx = s->lx, base = top + i * lh + pad + asc;

		if (i + 1 == n && s->pct_line == 1) {
			double lw = chart_text_width(x, FONT_REGULAR, fs, s->lines.v[i]);

			if (s->right)
				chart_text(x, s->pct, FONT_BOLD, fs, lx + lw + sp, base, SCENE_LEFT,
					   &x->st->label);
			else {
				chart_text(x, s->pct, FONT_BOLD, fs, lx, base, SCENE_RIGHT,
					   &x->st->label);
				lx -= pw + sp;
			}
		}
		chart_text(x, s->lines.v[i], FONT_REGULAR, fs, lx, base, al, &x->st->label);
	}
	if (s->pct_line == 2)
		chart_text(x, s->pct, FONT_BOLD, fs, s->lx, top + n * lh + pad + asc, al,
			   &x->st->label);
}

static void draw_labels(struct chart_ctx *x, const struct pie *p)
{
	const struct chart_style *st = x->st;
	double size = st->pie_pct_size;
	double mid = (chart_ascent(x, FONT_BOLD, size) - chart_descent(x, FONT_BOLD, size)) / 2;

	for (size_t i = 0; i < p->n; i++) {
		const struct slice *s = &p->sl[i];

		if (!s->inside || fabs(s->yc - s->want) > chart_line_height(x, p->fs))
			draw_leader(x, p, s);
	}
	for (size_t i = 0; i < p->n; i++) {
		const struct slice *s = &p->sl[i];
		double tx, ty;

		if (s->inside && fit_inside(x, p, &p->sl[i], &tx, &ty))
			chart_text(x, s->pct, FONT_BOLD, size, tx, ty + mid, SCENE_CENTER,
				   chart_text_on(x, &s->color));
		draw_label(x, p, s);
	}
}

int chart_pie(struct chart_ctx *x)
{
	struct pie p = { .gap = 12 };
	int rc = -1;

	if (make_slices(x, &p) < 0 || layout_labels(x, &p) < 0) {
		x->failed = 1;
		goto done;
	}
	draw_slices(x, &p);
	draw_labels(x, &p);
	rc = 0;
done:
	free_labels(&p);
	free(p.sl);
	return rc;
}
