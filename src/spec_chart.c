/* spec_chart — a ```chart block: its query (x, series, y, agg, sort, top,
 * where) and its look (title, subtitle, unit, source, name, colors,
 * stacked, width, height, y-min, y-max, format, alt) (src/spec_int.h). */
#include "spec_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "lang.h"
#include "num.h"
#include "utf8.h"

static const char *const chart_keys[] = {
	"type", "data", "x", "y", "series", "stacked", "where", "agg", "sort", "top", "other",
	"title", "subtitle", "unit", "source", "name", "colors", "width", "height",
	"y-min", "y-max", "format", "alt", NULL
};

static int set_chart_type(struct spec_parser *p, struct chart_block *c,
			  const struct spec_kv_entry *e)
{
	if (doc_chart_type_from_name(e->val, &c->type) == 0)
		return 0;
	return spec_fail(p, e->line, e->col,
			 "unknown chart type \"%s\": expected pie, donut, bar, hbar or line", e->val);
}

/* width:/height: a number of points from DOC_CHART_MIN_PT to
 * DOC_CHART_MAX_PT: a chart smaller than half an inch has no room for its
 * title, and a huge one cannot be painted (cairo images stop at 32767
 * pixels; width: 1e300 overflowed the pixel count). */
static int set_points(struct spec_parser *p, double *dst, const char *key,
		      const struct spec_kv_entry *e)
{
	double v;

	if (!e)
		return 0;
	if (num_parse(e->val, strlen(e->val), &v) < 0 || !(v >= DOC_CHART_MIN_PT) ||
	    !(v <= DOC_CHART_MAX_PT))
		return spec_fail(p, e->line, e->col, "bad %s \"%s\": expected a number of points "
				 "from %d to %d", key, e->val, DOC_CHART_MIN_PT, DOC_CHART_MAX_PT);
	*dst = v;
	return 0;
}

/* colors: comma-separated #rrggbb. */
static int check_colors(struct spec_parser *p, const struct spec_kv_entry *e)
{
	const char *s = e->val;

	for (;;) {
		size_t a, b, i;
		const char *end = spec_list_item(s, &a, &b);

		for (i = 1; i < 7 && a + i < b; i++) {
			int c = (unsigned char)s[a + i];

			if (!spec_is_digit(c) && !((c | 32) >= 'a' && (c | 32) <= 'f'))
				break;
		}
		if (b - a != 7 || s[a] != '#' || i != 7)
			return spec_fail(p, e->line, e->col,
					 "bad color \"%.*s\" in colors: expected #rrggbb",
					 (int)utf8_cut(s + a, b - a, 80), s + a);
		if (!end)
			return 0;
		s = end + 1;
	}
}

/* name: names chart files, so it must be a plain file name. */
static int check_chart_name(struct spec_parser *p, const struct spec_kv_entry *e)
{
	if (!spec_is_name(e->val, strlen(e->val)))
		return spec_fail(p, e->line, e->col,
				 "bad chart name \"%s\": expected letters, digits, _ and -", e->val);
	return 0;
}

/* x: or series: (group column k of q): a column, or year(col),
 * quarter(col), month(col) to group by that part of a date column. */
static int set_group(struct spec_parser *p, struct query *q, int k, const struct spec_kv_entry *e)
{
	if (!e)
		return 0;
	if (query_parse_column(e->val, &q->group[k], &q->group_part[k], p->doc->path, e->line,
			       e->col, p->d) < 0) {
		p->failed = 1;
		return -1;
	}
	return 0;
}

/* other: yes (the default: top:'s rest added up as "Other") or no (the
 * rest dropped), which only means something with top:. */
static int set_other(struct spec_parser *p, struct query *q, const struct spec_kv_entry *e)
{
	int other = 1;

	if (spec_set_yes_no(p, &other, "other", e) < 0)
		return -1;
	if (!other && !q->top)
		return spec_fail(p, e->line, e->col, "other: no without top: (it drops what is "
				 "left after the first N groups; set top: N)");
	q->no_other = !other;
	return 0;
}

/* y-min: or y-max: (key) into *dst, *has set: a number, and only on a line
 * chart (a bar starts at zero, a pie has no value axis). */
static int set_y_bound(struct spec_parser *p, struct chart_block *c, const char *key,
		       const struct spec_kv_entry *e, double *dst, int *has)
{
	if (!e)
		return 0;
	if (c->type != CHART_LINE)
		return spec_fail(p, e->line, e->col, "%s: is for line charts only: bars start at "
				 "zero, and a pie has no value axis", key);
	if (num_parse(e->val, strlen(e->val), dst) < 0)
		return spec_fail(p, e->line, e->col, "bad %s \"%s\": expected a number", key,
				 e->val);
	if (!c->has_y_min && !c->has_y_max) {
		c->y_line = e->line;
		c->y_col = e->col;
	}
	*has = 1;
	return 0;
}

/* The value axis of a line chart: y-min: below y-max: (the axis runs from
 * one to the other, so it must have a length, and one a double can hold). */
static int set_y_range(struct spec_parser *p, struct chart_block *c, struct spec_kv_set *s)
{
	struct spec_kv_entry *lo = spec_kvset_get(s, "y-min"), *hi = spec_kvset_get(s, "y-max");

	if (set_y_bound(p, c, "y-min", lo, &c->y_min, &c->has_y_min) < 0 ||
	    set_y_bound(p, c, "y-max", hi, &c->y_max, &c->has_y_max) < 0)
		return -1;
	if (lo && hi && !(c->y_min < c->y_max && isfinite(c->y_max - c->y_min)))
		return spec_fail(p, hi->line, hi->col, "y-max: %s must be greater than y-min: %s",
				 hi->val, lo->val);
	return 0;
}

/* format: as num_format_check_at() reads it (sections for the signs allowed). */
static int set_chart_format(struct spec_parser *p, struct chart_block *c,
			    const struct spec_kv_entry *e)
{
	if (!e)
		return 0;
	if (num_format_check_at(e->val, p->doc->path, e->line, e->col, p->d) < 0) {
		p->failed = 1;
		return -1;
	}
	return spec_set_string(p, &c->format, e);
}

/* The query of a chart: aggregate y by x (and series). */
static int chart_query(struct spec_parser *p, struct chart_block *c, struct spec_kv_set *s)
{
	struct query *q = &c->q;
	struct spec_kv_entry *series = spec_kvset_get(s, "series"), *e;

	if (spec_set_data(p, q, spec_kvset_get(s, "data")) < 0 ||
	    set_group(p, q, 0, spec_kvset_get(s, "x")) < 0 || set_group(p, q, 1, series) < 0 ||
	    spec_set_string(p, &q->value, spec_kvset_get(s, "y")) < 0 ||
	    spec_set_where(p, q, spec_kvset_get(s, "where")) < 0 ||
	    spec_set_sort(p, q, spec_kvset_get(s, "sort")) < 0 ||
	    spec_set_top(p, q, spec_kvset_get(s, "top")) < 0)
		return -1;
	if ((e = spec_kvset_get(s, "other")) && set_other(p, q, e) < 0)
		return -1;
	q->ngroup = series ? 2 : 1;
	c->sort_set = spec_kvset_get(s, "sort") != NULL;
	/* the front matter is read before any block: its locale names "Other" */
	c->lang = p->doc->front.lang;
	q->other_label = lang_or_default(c->lang)->other;
	/* a slice cannot be negative: an error at its CSV cell (how many
	 * slices a pie shows is the run's rule: pipeline.c) */
	if (c->type == CHART_PIE || c->type == CHART_DONUT)
		q->nonneg_for = c->type == CHART_PIE ? "pie chart" : "donut chart";
	return 0;
}

/* The chart's text and look: title, subtitle, unit, source, name, colors,
 * stacked, width, height, y-min, y-max, format. */
static int chart_look(struct spec_parser *p, struct chart_block *c, struct spec_kv_set *s)
{
	struct spec_kv_entry *title = spec_kvset_get(s, "title");
	struct spec_kv_entry *sub = spec_kvset_get(s, "subtitle");
	struct spec_kv_entry *unit = spec_kvset_get(s, "unit"), *alt = spec_kvset_get(s, "alt"), *e;

	c->title_line = title->line;
	if (spec_set_string(p, &c->title, title) < 0 || spec_set_string(p, &c->subtitle, sub) < 0 ||
	    spec_set_string(p, &c->unit, unit) < 0 ||
	    spec_set_string(p, &c->source, spec_kvset_get(s, "source")) < 0 ||
	    spec_set_string(p, &c->alt, alt) < 0 ||
	    spec_set_yes_no(p, &c->stacked, "stacked", spec_kvset_get(s, "stacked")) < 0 ||
	    set_points(p, &c->width, "width", spec_kvset_get(s, "width")) < 0 ||
	    set_points(p, &c->height, "height", spec_kvset_get(s, "height")) < 0)
		return -1;
	if ((e = spec_kvset_get(s, "name")) &&
	    (check_chart_name(p, e) < 0 || spec_set_string(p, &c->name, e) < 0))
		return -1;
	if ((e = spec_kvset_get(s, "colors")) &&
	    (check_colors(p, e) < 0 || spec_set_string(p, &c->colors, e) < 0))
		return -1;
	if (set_y_range(p, c, s) < 0 || set_chart_format(p, c, spec_kvset_get(s, "format")) < 0)
		return -1;
	if (spec_scan_string(p, c->title, title->line, title->col) < 0 ||
	    (sub && spec_scan_string(p, c->subtitle, sub->line, sub->col) < 0) ||
	    (unit && spec_scan_string(p, c->unit, unit->line, unit->col) < 0) ||
	    (alt && spec_scan_string(p, c->alt, alt->line, alt->col) < 0))
		return -1;
	return 0;
}

static int chart_apply(struct spec_parser *p, struct spec_kv_set *s, int fence_line)
{
	struct chart_block *c;
	struct block *b;
	enum agg_kind agg = AGG_SUM;
	struct spec_kv_entry *agg_e = spec_kvset_get(s, "agg");
	static const char *const required[] = { "type", "data", "x" };

	for (int i = 0; i < 3; i++)
		if (!spec_kvset_get(s, required[i]))
			return spec_missing(p, fence_line, required[i], "chart block");
	if (agg_e)
		query_agg_from_name(agg_e->val, &agg);
	if (!spec_kvset_get(s, "y") && agg != AGG_COUNT)
		return spec_missing(p, fence_line, "y", "chart block");
	if (!spec_kvset_get(s, "title"))
		return spec_missing(p, fence_line, "title", "chart block");
	if (!(c = calloc(1, sizeof *c)))
		return spec_oom(p);
	query_init(&c->q);
	if (!(b = spec_add_block(p, BLOCK_CHART, fence_line))) {
		free(c);
		return -1;
	}
	b->chart = c;
	if (set_chart_type(p, c, spec_kvset_get(s, "type")) < 0 ||
	    spec_set_agg(p, &c->q, agg_e) < 0 || chart_query(p, c, s) < 0)
		return -1;
	return chart_look(p, c, s);
}

int spec_chart_block(struct spec_parser *p, const char *body, size_t len, int fence_line)
{
	struct spec_kv_set set;

	spec_kvset_init(&set, chart_keys, "chart block");
	return spec_kv_block(p, &set, body, len, fence_line + 1, chart_apply);
}
