/* chart_fixture — what the chart unit tests share (test_chart.c,
 * test_chart_geometry.c): the fonts, fake chart blocks over fake query
 * results, building their scenes, and finding what a scene holds.  Run from
 * the repository root (the fonts are loaded from fonts/).  Functions are
 * static inline so a test program need not use them all. */
#ifndef BRIEFING_CHART_FIXTURE_H
#define BRIEFING_CHART_FIXTURE_H

#include "testutil.h"

#include <math.h>

#include "chart.h"

/* The chart palette as doc/LOOK.md gives it (Okabe–Ito), written out here so
 * that the tests fix the colours rather than compare the code with itself,
 * and the grey of "Other". */
static const struct rgba okabe_ito[7] __attribute__((unused)) = {
	{ 0x00 / 255.0, 0x72 / 255.0, 0xB2 / 255.0, 1 }, /* #0072B2 blue */
	{ 0xE6 / 255.0, 0x9F / 255.0, 0x00 / 255.0, 1 }, /* #E69F00 orange */
	{ 0x00 / 255.0, 0x9E / 255.0, 0x73 / 255.0, 1 }, /* #009E73 green */
	{ 0xCC / 255.0, 0x79 / 255.0, 0xA7 / 255.0, 1 }, /* #CC79A7 purple */
	{ 0x56 / 255.0, 0xB4 / 255.0, 0xE9 / 255.0, 1 }, /* #56B4E9 sky */
	{ 0xD5 / 255.0, 0x5E / 255.0, 0x00 / 255.0, 1 }, /* #D55E00 vermillion */
	{ 0xF0 / 255.0, 0xE4 / 255.0, 0x42 / 255.0, 1 }, /* #F0E442 yellow */
};
static const struct rgba other_grey __attribute__((unused)) = { 0x99 / 255.0, 0x99 / 255.0, 0x99 / 255.0, 1 };

static struct fonts *fonts __attribute__((unused)); /* load_fonts, the group setup */

static inline int load_fonts(void **state)
{
	struct diag d = { 0 };

	(void)state;
	fonts = fonts_load("fonts", &d);
	if (!fonts)
		fprintf(stderr, "chart tests: %s (run from the repository root)\n", d.msg);
	return fonts ? 0 : -1;
}

static inline int free_fonts(void **state)
{
	(void)state;
	fonts_free(fonts);
	return 0;
}

/* One group of a fake result. */
struct fake {
	const char *k0, *k1;
	double v;
	int other;
};

/* A chart block of type t titled title over n fake groups (CSV lines 2..),
 * with the query's own fields filled as the spec reader and data.c would. */
static inline void make_chart(struct chart_block *c, enum chart_type t, const char *title,
			      const struct fake *g, size_t n)
{
	memset(c, 0, sizeof *c);
	query_init(&c->q);
	c->type = t;
	c->title = strdup(title);
	c->q.path = strdup("input/t.csv");
	c->q.spec_file = strdup("input/briefing.md");
	c->q.spec_line = 40;
	c->q.group[0] = strdup("item");
	c->q.ngroup = 1;
	c->q.value = strdup("value");
	c->q.res.groups = calloc(n, sizeof *c->q.res.groups);
	c->q.res.ngroups = n;
	for (size_t i = 0; i < n; i++) {
		struct group *gr = &c->q.res.groups[i];

		gr->key[0] = strdup(g[i].k0);
		gr->key[1] = g[i].k1 ? strdup(g[i].k1) : NULL;
		gr->value = g[i].v;
		gr->is_other = g[i].other;
		gr->line = (long)i + 2;
		if (g[i].k1 && !c->q.group[1]) {
			c->q.group[1] = strdup("series");
			c->q.ngroup = 2;
		}
	}
}

static inline struct scene *build(const struct chart_block *c, double w, double h)
{
	struct diag d = { 0 };
	struct scene *s = chart_build(c, w, h, fonts, &d, NULL);

	if (!s)
		fail_msg("chart_build failed: %s:%d: %s", d.file, d.line, d.msg);
	return s;
}

/* The text item whose text is exactly t, or NULL. */
static inline const struct scene_item *find_text(const struct scene *s, const char *t)
{
	for (size_t i = 0; i < scene_count(s); i++) {
		const struct scene_item *it = scene_get(s, i);

		if (it->kind == SCENE_TEXT && strcmp(it->text, t) == 0)
			return it;
	}
	return NULL;
}

/* Does any text item contain t? */
static inline int has_text_part(const struct scene *s, const char *t)
{
	for (size_t i = 0; i < scene_count(s); i++) {
		const struct scene_item *it = scene_get(s, i);

		if (it->kind == SCENE_TEXT && strstr(it->text, t))
			return 1;
	}
	return 0;
}

static inline size_t count_kind(const struct scene *s, enum scene_kind k)
{
	size_t n = 0;

	for (size_t i = 0; i < scene_count(s); i++)
		n += scene_get(s, i)->kind == k;
	return n;
}

static inline int same_color(const struct rgba *a, const struct rgba *b)
{
	return fabs(a->r - b->r) < 1e-6 && fabs(a->g - b->g) < 1e-6 && fabs(a->b - b->b) < 1e-6;
}

/* Filled paths in painting order whose fill is not white, grey gridline
 * or the like: the marks (bars, slices, swatches). */
static inline size_t fills(const struct scene *s, struct rgba *out, size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < scene_count(s) && n < max; i++) {
		const struct scene_item *it = scene_get(s, i);

		if (it->kind == SCENE_PATH && it->has_fill)
			out[n++] = it->fill;
	}
	return n;
}


#endif
