/* chart — the public entry points (include/chart.h): the aggregate as a
 * scene: the frame every chart shares (title, subtitle ·
 * unit, notes and source under the plot), the palette, default heights and
 * file names.  The plots themselves are in chart_pie.c, chart_axes.c and
 * chart_line.c; text helpers in chart_text.c, ticks in chart_ticks.c. */
#include "chart_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "num.h"
#include "slug.h"
#include "strbuf.h"

/* ---- palette and style -------------------------------------------------- */

#define RGB(r, g, b) { (r) / 255.0, (g) / 255.0, (b) / 255.0, 1 }

const struct rgba chart_palette[7] = {
	RGB(0x00, 0x72, 0xB2), RGB(0xE6, 0x9F, 0x00), RGB(0x00, 0x9E, 0x73),
	RGB(0xCC, 0x79, 0xA7), RGB(0x56, 0xB4, 0xE9), RGB(0xD5, 0x5E, 0x00),
	RGB(0xF0, 0xE4, 0x42),
};

const struct rgba chart_other_grey = RGB(0x99, 0x99, 0x99);

const struct chart_style chart_style = {
	.title_size = 11,
	.sub_size = 9,
	.note_size = 7.5,
	.tick_size = 8,
	.value_size = 8,
	.legend_size = 8,
	.pie_size = 8,
	.pie_pct_size = 8.5,
	.min_pie_size = 6.5,
	.leading = 1.25,
	.text = RGB(0x1a, 0x1a, 0x1a),
	.sub = RGB(0x66, 0x66, 0x66),
	.tick = RGB(0x55, 0x55, 0x55),
	.label = RGB(0x33, 0x33, 0x33),
	.baseline = RGB(0x33, 0x33, 0x33),
	.grid = RGB(0xe3, 0xe3, 0xe3),
	.leader = RGB(0x99, 0x99, 0x99),
	.white = RGB(0xff, 0xff, 0xff),
	.baseline_width = 0.75,
	.grid_width = 0.5,
	.leader_width = 0.5,
	.separator_width = 1,
	.line_width = 1.75,
	.marker_radius = 2.5,
	.time_tick = 3,
	.bar_share = 0.65,
	.small_slice = 0.08,
	.donut_hole = 0.55,
	.swatch = 8,
	.gap = 4,
	.max_ticks = 6,
	.max_label_lines = 3,
};

/* ---- checks before drawing ---------------------------------------------- */

static int hex_digit(char ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	if (ch >= 'A' && ch <= 'F')
		return ch - 'A' + 10;
	return -1;
}

/* One "#rrggbb" of len bytes into *out; 0 or -1. */
static int parse_color(const char *s, size_t len, struct rgba *out)
{
	double v[3];

	if (len != 7 || s[0] != '#')
		return -1;
	for (int i = 0; i < 3; i++) {
		int hi = hex_digit(s[1 + 2 * i]), lo = hex_digit(s[2 + 2 * i]);

		if (hi < 0 || lo < 0)
			return -1;
		v[i] = (hi * 16 + lo) / 255.0;
	}
	*out = (struct rgba){ v[0], v[1], v[2], 1 };
	return 0;
}

/* The block's colors: list into x->user (spec_chart.c has checked it; a bad
 * entry is still an error here, at the block). */
static int parse_colors(struct chart_ctx *x)
{
	const char *p = x->c->colors;

	while (p && *p) {
		size_t len;
		struct rgba col, *u;

		p += strspn(p, " \t,");
		len = strcspn(p, ",");
		while (len > 0 && (p[len - 1] == ' ' || p[len - 1] == '\t'))
			len--;
		if (len == 0)
			break;
		if (parse_color(p, len, &col) < 0) {
			diag_error(x->d, EXIT_DATAERR, x->c->q.spec_file, x->c->q.spec_line, 0,
				   "bad color \"%.*s\" in colors: expected #rrggbb", (int)len, p);
			return -1;
		}
		if (!(u = realloc(x->user, (x->nuser + 1) * sizeof *u))) {
			return diag_oom(x->d);
		}
		u[x->nuser++] = col;
		x->user = u;
		p += strcspn(p, ",");
	}
	return 0;
}

/* Bars and lines: at most CHART_MAX_SERIES series, a line at most
 * CHART_LINE_MAX_POINTS points; checked before the grid (categories x
 * series values) is made. */
static int check_grid_size(struct chart_ctx *x)
{
	const struct chart_block *c = x->c;
	size_t ncat, nser;

	if (chart_grid_count(c, &ncat, &nser) < 0)
		return diag_oom(x->d);
	if (nser > CHART_MAX_SERIES) {
		diag_error(x->d, EXIT_DATAERR, c->q.spec_file, c->q.spec_line, 1,
			   "chart \"%s\" has %zu series, more than %d; choose fewer with where:",
			   c->title ? c->title : "", nser, CHART_MAX_SERIES);
		return -1;
	}
	if (c->type == CHART_LINE && ncat > CHART_LINE_MAX_POINTS) {
		diag_error(x->d, EXIT_DATAERR, c->q.spec_file, c->q.spec_line, 1,
			   "chart \"%s\" has %zu points, more than %d; choose fewer with where:",
			   c->title ? c->title : "", ncat, CHART_LINE_MAX_POINTS);
		return -1;
	}
	return 0;
}

/* Data a chart cannot draw: a negative slice (at its CSV line; the data
 * layer has already refused a negative cell, at its column, so only an
 * aggregate gone negative gets here), only empty cells, nothing but zeros,
 * or nothing at all (at the block's data: line, column 1). */
static int check_values(struct chart_ctx *x)
{
	const struct chart_block *c = x->c;
	const struct query_result *r = &c->q.res;
	int pie = c->type == CHART_PIE || c->type == CHART_DONUT;
	size_t nonzero = 0, valued = 0;

	for (size_t i = 0; i < r->ngroups; i++) {
		double v = r->groups[i].value;

		valued += !r->groups[i].missing;

		if (pie && v < 0) {
			char num[64];

			num_format_auto(num, sizeof num, v, 2, 1);
			diag_error(x->d, EXIT_DATAERR, c->q.path, (int)r->groups[i].line, 0,
				   "negative value %s in a %s chart (column %s)", num,
				   c->type == CHART_PIE ? "pie" : "donut",
				   c->q.value ? c->q.value : "count");
			return -1;
		}
		nonzero += isfinite(v) && v != 0;
	}
	if (r->ngroups == 0) {
		diag_error(x->d, EXIT_DATAERR, c->q.spec_file, c->q.spec_line, 1,
			   "chart \"%s\" has no data", c->title ? c->title : "");
		return -1;
	}
	if (valued == 0) {
		diag_error(x->d, EXIT_DATAERR, c->q.spec_file, c->q.spec_line, 1,
			   "chart \"%s\" has no values: the %s cells of its %zu matching row%s are "
			   "empty", c->title ? c->title : "", c->q.value ? c->q.value : "",
			   r->rows_matched, r->rows_matched == 1 ? "" : "s");
		return -1;
	}
	if (nonzero == 0) {
		diag_error(x->d, EXIT_DATAERR, c->q.spec_file, c->q.spec_line, 1,
			   "chart \"%s\" has only zero values", c->title ? c->title : "");
		return -1;
	}
	return pie ? 0 : check_grid_size(x);
}

/* ---- the frame: title, subtitle · unit, notes ------------------------- */

/* Draw s wrapped to the scene width, first baseline at *y + ascent; move
 * *y below the last line. */
static void draw_wrapped(struct chart_ctx *x, const char *s, enum font_face face, double size,
			 const struct rgba *color, double *y)
{
	struct chart_lines l;
	double lh = chart_line_height(x, size), asc = chart_ascent(x, face, size);

	if (chart_wrap(x, s, face, size, scene_width(x->s), CHART_TEXT_MAX_LINES, 1, &l) < 0)
		return;
	for (size_t i = 0; i < l.n; i++)
		chart_text(x, l.v[i], face, size, 0, *y + asc + i * lh, SCENE_LEFT, color);
	*y += l.n * lh;
	chart_lines_free(&l);
}

/* Height of s wrapped to the scene width. */
static double wrapped_height(struct chart_ctx *x, const char *s, enum font_face face,
			     double size)
{
	struct chart_lines l;
	double h;

	if (chart_wrap(x, s, face, size, scene_width(x->s), CHART_TEXT_MAX_LINES, 1, &l) < 0)
		return 0;
	h = l.n * chart_line_height(x, size);
	chart_lines_free(&l);
	return h;
}

/* Title, then "subtitle · unit" (charts with a value axis show the unit
 * as its title instead, so it is not said twice); returns where the plot
 * may start. */
static double draw_header(struct chart_ctx *x)
{
	const struct chart_block *c = x->c;
	const struct chart_style *st = x->st;
	int pie = c->type == CHART_PIE || c->type == CHART_DONUT;
	const char *unit = pie ? c->unit : NULL;
	double y = 0;
	char *sub = NULL;

	if (c->title && *c->title)
		draw_wrapped(x, c->title, FONT_BOLD, st->title_size, &st->text, &y);
	if (c->subtitle && unit) {
		if (asprintf(&sub, "%s \xC2\xB7 %s", c->subtitle, unit) < 0)
			sub = NULL;
	} else if (c->subtitle || unit) {
		sub = strdup(c->subtitle ? c->subtitle : unit);
	}
	if ((c->subtitle || unit) && !sub)
		x->failed = 1;
	if (sub) {
		y += 1;
		draw_wrapped(x, sub, FONT_REGULAR, st->sub_size, &st->sub, &y);
		free(sub);
	}
	return y + 2 * st->gap;
}

/* Does a chart's source: already start with the word "Source" (English, or
 * the chart's language), so that no "Source: " goes before it? */
static int says_source(const struct chart_ctx *x, const char *s)
{
	const char *w = x->lang->col_source;

	return strncasecmp(s, "source", 6) == 0 || strncmp(s, w, strlen(w)) == 0;
}

/* "Source: …": the block's source:, else the CSV's source column values:
 * up to four in full, else the first three and "and N more" (a chart's note
 * stays short; every source is listed in full in the data tables).  NULL when there is none (or out of
 * memory, then x->failed). */
static char *source_note(struct chart_ctx *x)
{
	const struct chart_block *c = x->c;
	const struct query_result *r = &c->q.res;
	const struct lang *lg = x->lang;
	size_t n = r->nsources <= 4 ? r->nsources : 3;
	char *s = NULL, *t;

	if (c->source && *c->source) {
		if (says_source(x, c->source))
			s = strdup(c->source);
		else if (asprintf(&s, "%s%s", lg->source_one, c->source) < 0)
			s = NULL;
		x->failed |= !s;
		return s;
	}
	if (n == 0)
		return NULL;
	if (!(s = strdup(n == 1 ? lg->source_one : lg->source_many)))
		goto oom;
	for (size_t i = 0; i < n; i++, s = t)
		if (asprintf(&t, "%s%s%s", s, i ? "; " : "", r->sources[i]) < 0)
			goto oom;
		else
			free(s);
	if (r->nsources > n) {
		if (asprintf(&t, "%s%s%zu%s", s, lg->more[0], r->nsources - n, lg->more[1]) < 0)
			goto oom;
		free(s);
		s = t;
	}
	return s;
oom:
	free(s);
	x->failed = 1;
	return NULL;
}

/* Is group g of line chart c beyond its y-min: or y-max:? */
static int cut_off(const struct chart_block *c, const struct group *g)
{
	return !g->missing && ((c->has_y_min && g->value < c->y_min) ||
			       (c->has_y_max && g->value > c->y_max));
}

/* The values a line chart's y-min:/y-max: cut off, as "2024-06 (123.4)"
 * ("2024-06, export (123.4)" with series), the first three in the query's
 * order and "and N more"; in the chart's language and number format.  NULL
 * when none is (or out of memory: x->failed). */
static char *cut_off_list(struct chart_ctx *x)
{
	const struct query_result *r = &x->c->q.res;
	struct strbuf b = { 0 };
	size_t n = 0;
	char num[64], *s;

	for (size_t i = 0; i < r->ngroups; i++) {
		const struct group *g = &r->groups[i];

		if (x->c->type != CHART_LINE || !cut_off(x->c, g) || n++ >= 3)
			continue;
		chart_value_label(x, g->value, num, sizeof num);
		strbuf_str(&b, n > 1 ? ", " : "");
		strbuf_str(&b, g->key[0] ? g->key[0] : "");
		if (g->key[1]) {
			strbuf_str(&b, ", ");
			strbuf_str(&b, g->key[1]);
		}
		strbuf_str(&b, " (");
		strbuf_str(&b, num);
		strbuf_str(&b, ")");
	}
	if (n == 0)
		return NULL;
	if (n > 3) {
		snprintf(num, sizeof num, "%zu", n - 3);
		strbuf_str(&b, x->lang->more[0]);
		strbuf_str(&b, num);
		strbuf_str(&b, x->lang->more[1]);
	}
	if (strbuf_take(&b, &s, NULL, x->d) < 0) {
		x->failed = 1;
		return NULL;
	}
	return s;
}

/* The note for values cut off at the axis (and the warning, at y-min: or
 * y-max:): the chart keeps the axis its spec asks for, and says what
 * falls outside it rather than hiding it.  NULL when nothing is cut off. */
static char *cut_off_note(struct chart_ctx *x)
{
	const struct chart_block *c = x->c;
	char *list = cut_off_list(x), *note;

	if (!list)
		return NULL;
	diag_warn(x->warn, c->q.spec_file, c->y_line, c->y_col,
		  "chart \"%s\": values outside y-min:/y-max: are cut off at the axis: %s",
		  c->title ? c->title : "", list);
	if (asprintf(&note, "%s%s.", x->lang->cut_off, list) < 0) {
		note = NULL;
		x->failed = 1;
	}
	free(list);
	return note;
}

/* The notes under the plot, bottom-aligned in the scene: values cut off
 * at the axis, normalisation, "Illustrative data.", the source.  Returns
 * where the plot must end. */
static double draw_notes(struct chart_ctx *x)
{
	const struct chart_style *st = x->st;
	char norm[160];
	const char *notes[4] = { NULL, NULL, NULL, NULL };
	char *src = source_note(x), *cut = cut_off_note(x);
	double h = 0, y;

	notes[0] = cut;
	if (chart_share_note(x->c, norm, sizeof norm))
		notes[1] = norm;
	if (x->c->q.res.illustrative)
		notes[2] = x->lang->illustrative;
	notes[3] = src;
	for (int i = 0; i < 4; i++)
		if (notes[i])
			h += wrapped_height(x, notes[i], FONT_ITALIC, st->note_size);
	y = scene_height(x->s) - h - chart_descent(x, FONT_ITALIC, st->note_size);
	for (int i = 0; i < 4; i++)
		if (notes[i])
			draw_wrapped(x, notes[i], FONT_ITALIC, st->note_size, &st->sub, &y);
	free(src);
	free(cut);
	return scene_height(x->s) - h - (h > 0 ? 3 * st->gap : st->gap);
}

struct scene *chart_build(const struct chart_block *c, double width, double height,
			  struct fonts *f, struct diag *d, struct diag_list *warn)
{
	struct chart_ctx x = { .c = c, .st = &chart_style, .f = f, .d = d,
			       .lang = lang_or_default(c->lang), .warn = warn,
			       .decimals = chart_value_decimals(c) };
	double top, bottom;
	int rc;

	if (check_values(&x) < 0 || parse_colors(&x) < 0) {
		free(x.user);
		return NULL;
	}
	if (!(x.s = scene_new(width, height))) {
		free(x.user);
		diag_oom(d);
		return NULL;
	}
	/* roles for tagged PDF (scene.h): read caption, plot, then notes */
	scene_set_role(x.s, SCENE_CAPTION);
	top = draw_header(&x);
	scene_set_role(x.s, SCENE_NOTE);
	bottom = draw_notes(&x);
	scene_set_role(x.s, SCENE_PLOT);
	x.plot = (struct chart_box){ 0, top, width, fmax(bottom, top + 1) };
	if (c->type == CHART_PIE || c->type == CHART_DONUT)
		rc = chart_pie(&x);
	else if (c->type == CHART_LINE)
		rc = chart_lines(&x);
	else
		rc = chart_bars(&x);
	free(x.user);
	if (rc == 0 && !x.failed) { /* the scene's label: /Alt, <desc> */
		struct strbuf desc = { 0 };
		x.failed = chart_describe(c, CHART_DESCRIBE_ITEMS, &desc) < 0 ||
			   scene_set_label(x.s, c->title, desc.s) < 0;
		strbuf_free(&desc);
	}
	if (rc < 0 || x.failed) {
		if (rc == 0 || x.failed)
			diag_oom(d);
		scene_free(x.s);
		return NULL;
	}
	return x.s;
}

/* ---- sizes and names ---------------------------------------------------- */

double chart_default_height(const struct chart_block *c, double width)
{
	struct chart_grid g;
	double h, per;

	switch (c->type) {
	case CHART_PIE:
	case CHART_DONUT:
		return fmax(200, 0.5 * width);
	case CHART_BAR:
	case CHART_LINE:
		return fmax(180, 0.55 * width);
	case CHART_HBAR:
		break;
	}
	if (chart_grid_build(c, &g) < 0)
		return fmax(180, 0.55 * width);
	/* about 22 pt per category, more for grouped bars, plus the frame */
	per = g.nser > 1 && !c->stacked ? 8 + 11 * (double)g.nser : 22;
	h = 120 + per * (double)g.ncat + (g.nser > 1 ? 14 : 0);
	chart_grid_free(&g);
	return fmin(fmax(h, 150), 680);
}

/* A file name with at most 64 bytes of slug stays short and readable. */
void chart_file_stem(const struct chart_block *c, char *buf, size_t size)
{
	const char *title = c->title ? c->title : "";

	if (size == 0)
		return;
	if (c->name && *c->name) {
		snprintf(buf, size, "%s", c->name);
		return;
	}
	slug_write(buf, size < 65 ? size : 65, title, strlen(title), SLUG_FILE);
	if (!buf[0])
		snprintf(buf, size, "chart");
}
