/* Unit tests for the bounds and time bombs of issue 11: the longest
 * fitting prefix (how much it measures), numbers too large for fixed
 * notation, the percentage shared by pies and the summary, line charts of
 * thousands of points (labels apart, markers thinned), the series and
 * legend bounds, and the summary's headline of a pie drawn normalised.  Run
 * from the repository root (fonts/). */
#include "testutil.h"

#include <math.h>

#include "chart.h"
#include "lang.h"
#include "num.h"
#include "summary.h"
#include "utf8.h"

/* ---- utf8_fit_prefix ----------------------------------------------------- */

/* A width model: every code point 1 unit wide; fits while the width is at
 * most max.  Counts the calls and the bytes they would have measured. */
struct model {
	const char *s;
	size_t max;
	size_t calls, bytes;
};

static int model_fits(void *ctx, size_t n)
{
	struct model *m = ctx;

	m->calls++;
	m->bytes += n;
	return utf8_count(m->s, n) <= m->max;
}

static void test_fit_prefix_answers(void **state)
{
	const char *s = "Gəncə avtomobil zavodu";
	size_t len = strlen(s);

	(void)state;
	/* every width from nothing to all of it: the longest prefix, at code
	 * point boundaries */
	for (size_t max = 0; max <= 24; max++) {
		struct model m = { s, max, 0, 0 };
		size_t n = utf8_fit_prefix(s, len, 0, model_fits, &m);
		size_t want = max >= utf8_count(s, len) ? len : 0;

		if (want == 0)
			for (size_t k = 0; k < max; k++)
				want += (size_t)utf8_decode(s + want, len - want, &(uint32_t){ 0 });
		assert_int_equal(n, want);
	}
	/* at least min_chars, even when nothing fits */
	struct model none = { s, 0, 0, 0 };
	assert_int_equal(utf8_fit_prefix(s, len, 2, model_fits, &none), strlen("Gə"));
	assert_int_equal(utf8_fit_prefix("", 0, 1, model_fits, &none), 0);
}

/* The cost follows what fits, not the string: cutting a 1 MiB string to 100
 * characters measures a few hundred bytes a few dozen times (the old loop
 * measured the whole string once per character taken off: 5e11 bytes). */
static void test_fit_prefix_cost(void **state)
{
	size_t len = 1 << 20;
	char *s = malloc(len + 1);
	struct model m = { NULL, 100, 0, 0 };

	(void)state;
	memset(s, 'x', len);
	s[len] = '\0';
	m.s = s;
	assert_int_equal(utf8_fit_prefix(s, len, 0, model_fits, &m), 100);
	assert_true(m.calls <= 20);
	assert_true(m.bytes <= 20 * 200);
	free(s);
}

/* ---- numbers ------------------------------------------------------------- */

static void test_huge_numbers(void **state)
{
	static const struct num_style ru = { ",", "\xc2\xa0" };
	char buf[64];

	(void)state;
	num_format_auto(buf, sizeof buf, 1e308, 2, 1);
	assert_string_equal(buf, "1e+308");
	num_format_auto(buf, sizeof buf, 1e307, 2, 1);
	assert_string_equal(buf, "1e+307");
	num_format_auto(buf, sizeof buf, -2.5e15, 2, 1);
	assert_string_equal(buf, "-2.5e+15");
	num_format_auto_style(buf, sizeof buf, &ru, 1.5e18, 2, 1);
	assert_string_equal(buf, "1,5e+18");
	/* below the bound, as always */
	num_format_auto(buf, sizeof buf, 999999999999999.0, 2, 1);
	assert_string_equal(buf, "999,999,999,999,999");
}

static void test_percent(void **state)
{
	static const struct num_style ru = { ",", "\xc2\xa0" };
	char buf[32];

	(void)state;
	num_format_percent(buf, sizeof buf, NULL, 60.0 / 103.0);
	assert_string_equal(buf, "58 %");
	num_format_percent(buf, sizeof buf, NULL, 1.0 / 11.0);
	assert_string_equal(buf, "9.1 %");
	num_format_percent(buf, sizeof buf, &ru, 1.0 / 11.0);
	assert_string_equal(buf, "9,1 %");
	num_format_percent(buf, sizeof buf, NULL, 0.0001);
	assert_string_equal(buf, "<0.1 %");
	num_format_percent(buf, sizeof buf, NULL, 0);
	assert_string_equal(buf, "0 %");
}

/* ---- charts -------------------------------------------------------------- */

static struct fonts *fonts;

static int load_fonts(void **state)
{
	struct diag d = { 0 };

	(void)state;
	fonts = fonts_load("fonts", &d);
	if (!fonts)
		fprintf(stderr, "test_limits: %s (run from the repository root)\n", d.msg);
	return fonts ? 0 : -1;
}

static int free_fonts(void **state)
{
	(void)state;
	fonts_free(fonts);
	return 0;
}

/* A chart of type t over n groups: category i is cat(i), series ser(i)
 * (NULL: none), value val(i). */
static void make_chart(struct chart_block *c, enum chart_type t, size_t n,
		       void (*group)(size_t i, char *cat, char *ser, double *v))
{
	memset(c, 0, sizeof *c);
	query_init(&c->q);
	c->type = t;
	c->title = strdup("Limits");
	c->q.path = strdup("t.csv");
	c->q.spec_file = strdup("s.md");
	c->q.spec_line = 7;
	c->q.group[0] = strdup("x");
	c->q.ngroup = 1;
	c->q.value = strdup("y");
	c->q.res.groups = calloc(n, sizeof *c->q.res.groups);
	c->q.res.ngroups = n;
	for (size_t i = 0; i < n; i++) {
		char cat[64], ser[64] = "";
		struct group *g = &c->q.res.groups[i];

		group(i, cat, ser, &g->value);
		g->key[0] = strdup(cat);
		g->line = (long)i + 2;
		if (*ser) {
			g->key[1] = strdup(ser);
			if (!c->q.group[1]) {
				c->q.group[1] = strdup("s");
				c->q.ngroup = 2;
			}
		}
	}
}

static void daily(size_t i, char *cat, char *ser, double *v)
{
	(void)ser;
	sprintf(cat, "2015-%05zu", i);
	*v = 100 + (double)((i * 37) % 500);
}

/* 2,000 points: the x labels shown stand apart, the last point is
 * labelled, and the markers are thinned to a handful (one per point would
 * be 2,000 circles smeared into a band). */
static void test_dense_line(void **state)
{
	struct chart_block c;
	struct diag d = { 0 };
	struct scene *s;
	size_t labels = 0, markers = 0;
	double right = -1e9;

	(void)state;
	make_chart(&c, CHART_LINE, 2000, daily);
	s = chart_build(&c, 480, 264, fonts, &d, NULL);
	assert_non_null(s);
	for (size_t i = 0; i < scene_count(s); i++) {
		const struct scene_item *it = scene_get(s, i);

		if (it->kind == SCENE_PATH) {
			markers += it->has_fill;
			continue;
		}
		if (strncmp(it->text, "2015-", 5) != 0)
			continue;
		labels++;
		assert_true(it->x - it->width / 2 > right); /* apart, in order */
		right = it->x + it->width / 2;
		assert_true(right <= scene_width(s) + 0.01);
	}
	assert_true(labels >= 3 && labels <= 30);
	assert_true(right > 0);
	int last = 0;
	for (size_t i = 0; i < scene_count(s); i++)
		last |= scene_get(s, i)->kind == SCENE_TEXT &&
			!strcmp(scene_get(s, i)->text, "2015-01999");
	assert_true(last);
	assert_true(markers <= 3);
	scene_free(s);
	chart_block_free(&c);
}

/* Sparse lines keep a marker at every point. */
static void test_sparse_line_markers(void **state)
{
	struct chart_block c;
	struct diag d = { 0 };
	struct scene *s;
	size_t markers = 0;

	(void)state;
	make_chart(&c, CHART_LINE, 12, daily);
	s = chart_build(&c, 480, 264, fonts, &d, NULL);
	assert_non_null(s);
	for (size_t i = 0; i < scene_count(s); i++)
		markers += scene_get(s, i)->kind == SCENE_PATH && scene_get(s, i)->has_fill;
	assert_int_equal(markers, 12);
	scene_free(s);
	chart_block_free(&c);
}

static size_t nseries;

static void by_country(size_t i, char *cat, char *ser, double *v)
{
	sprintf(cat, "%zu", 2020 + i / nseries);
	sprintf(ser, "Country number %zu", i % nseries);
	*v = 10 + (double)(i % nseries);
}

/* 21 series: a legend naming every one, inside the chart; 22: an error at
 * the chart; a legend taller than the chart's room: an error, not names
 * drawn over the notes and the page's footer. */
static void test_series_bounds(void **state)
{
	struct chart_block c;
	struct diag d = { 0 };
	struct scene *s;

	(void)state;
	nseries = 21;
	make_chart(&c, CHART_LINE, 21 * 3, by_country);
	s = chart_build(&c, 480, 300, fonts, &d, NULL);
	assert_non_null(s);
	for (size_t k = 0; k < 21; k++) {
		char name[64];
		int found = 0;

		sprintf(name, "Country number %zu", k);
		for (size_t i = 0; i < scene_count(s); i++) {
			const struct scene_item *it = scene_get(s, i);
			if (it->kind == SCENE_TEXT && !strcmp(it->text, name)) {
				found = 1;
				assert_true(it->y < scene_height(s));
			}
		}
		assert_true(found);
	}
	scene_free(s);
	s = chart_build(&c, 480, 80, fonts, &d, NULL);
	assert_null(s);
	assert_int_equal(d.code, EXIT_DATAERR);
	assert_int_equal(d.line, 7);
	assert_non_null(strstr(d.msg, "the legend of 21 series needs"));
	chart_block_free(&c);

	nseries = 22;
	make_chart(&c, CHART_BAR, 22 * 2, by_country);
	memset(&d, 0, sizeof d);
	assert_null(chart_build(&c, 480, 300, fonts, &d, NULL));
	assert_int_equal(d.code, EXIT_DATAERR);
	assert_string_equal(d.msg,
			    "chart \"Limits\" has 22 series, more than 21; choose fewer with where:");
	chart_block_free(&c);
}

static void too_many_points(size_t i, char *cat, char *ser, double *v)
{
	(void)ser;
	sprintf(cat, "d%06zu", i);
	*v = 1;
}

static void test_point_bound(void **state)
{
	struct chart_block c;
	struct diag d = { 0 };

	(void)state;
	make_chart(&c, CHART_LINE, CHART_LINE_MAX_POINTS + 1, too_many_points);
	assert_null(chart_build(&c, 480, 264, fonts, &d, NULL));
	assert_int_equal(d.code, EXIT_DATAERR);
	assert_string_equal(d.msg, "chart \"Limits\" has 10001 points, more than 10000; "
				   "choose fewer with where:");
	chart_block_free(&c);
}

/* ---- the summary says what the PDF shows ---------------------------------- */

static const char *const shares_names[] = { "Exported", "Home market", "Stock" };
static const double shares_values[] = { 60, 30, 13 }; /* published: 103 % */

static void shares(size_t i, char *cat, char *ser, double *v)
{
	(void)ser;
	strcpy(cat, shares_names[i]);
	*v = shares_values[i];
}

static void huge(size_t i, char *cat, char *ser, double *v)
{
	(void)ser;
	strcpy(cat, i ? "B" : "A");
	*v = i ? 1e307 : 1e308;
}

static void test_summary_headline(void **state)
{
	struct chart_block c;
	struct diag d = { 0 };
	struct scene *s;
	char buf[256];

	(void)state;
	make_chart(&c, CHART_PIE, 3, shares);
	c.unit = strdup("% of output");
	summary_chart_headline(&c, buf, sizeof buf);
	assert_string_equal(buf, "Largest: Exported, 58 % of output (published 60 % of output)");
	s = chart_build(&c, 480, 300, fonts, &d, NULL); /* the slice says the same */
	assert_non_null(s);
	int found = 0;
	for (size_t i = 0; i < scene_count(s); i++)
		found |= scene_get(s, i)->kind == SCENE_TEXT && !strcmp(scene_get(s, i)->text, "58 %");
	assert_true(found);
	scene_free(s);
	chart_block_free(&c);

	make_chart(&c, CHART_PIE, 2, huge);
	c.unit = strdup("tonnes");
	summary_chart_headline(&c, buf, sizeof buf);
	assert_string_equal(buf, "Largest: A, 1e+308 tonnes (91 % of the total)");
	chart_block_free(&c);

	/* two values near the largest double: their sum overflows, the shares
	 * do not */
	make_chart(&c, CHART_PIE, 2, huge);
	c.q.res.groups[1].value = 1e308;
	assert_true(fabs(chart_pie_share(&c, 0) - 0.5) < 1e-12);
	chart_block_free(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fit_prefix_answers),
		cmocka_unit_test(test_fit_prefix_cost),
		cmocka_unit_test(test_huge_numbers),
		cmocka_unit_test(test_percent),
		cmocka_unit_test(test_dense_line),
		cmocka_unit_test(test_sparse_line_markers),
		cmocka_unit_test(test_series_bounds),
		cmocka_unit_test(test_point_bound),
		cmocka_unit_test(test_summary_headline),
	};

	return cmocka_run_group_tests_name("limits", tests, load_fonts, free_fonts);
}
