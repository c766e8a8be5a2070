/* Unit tests for the chart module: a chart's aggregate as a scene: every
 * chart type, label layout without overlaps, notes, palette, errors,
 * default heights and file names.  Run from the repository root (the
 * fonts are loaded from fonts/). */
#include "chart_fixture.h"

/* ---- scenes -------------------------------------------------------------- */

/* How many text items are exactly t. */
static size_t count_text(const struct scene *s, const char *t)
{
	size_t n = 0;

	for (size_t i = 0; i < scene_count(s); i++) {
		const struct scene_item *it = scene_get(s, i);

		n += it->kind == SCENE_TEXT && strcmp(it->text, t) == 0;
	}
	return n;
}

/* How many text items are in face f. */
static size_t count_face(const struct scene *s, enum font_face f)
{
	size_t n = 0;

	for (size_t i = 0; i < scene_count(s); i++) {
		const struct scene_item *it = scene_get(s, i);

		n += it->kind == SCENE_TEXT && it->face == f;
	}
	return n;
}

static int path_has(const struct scene_item *it, cairo_path_data_type_t type)
{
	const cairo_path_t *p = it->path;

	for (int k = 0; k < p->num_data; k += p->data[k].header.length)
		if (p->data[k].header.type == type)
			return 1;
	return 0;
}

/* The ink box of a text item, from its anchor, alignment, width and the
 * font's ascent and descent. */
struct box {
	double x0, y0, x1, y1;
};

static struct box text_box(const struct scene_item *it)
{
	double asc, desc, left = it->x;

	fonts_extents(fonts, it->face, it->size, &asc, &desc);
	if (it->align == SCENE_CENTER)
		left -= it->width / 2;
	else if (it->align == SCENE_RIGHT)
		left -= it->width;
	return (struct box){ left, it->y - asc, left + it->width, it->y + desc };
}

/* No two level text items overlap (a hair of slack for touching runs). */
static void assert_no_overlap(const struct scene *s)
{
	for (size_t i = 0; i < scene_count(s); i++) {
		const struct scene_item *a = scene_get(s, i);
		struct box ba;

		if (a->kind != SCENE_TEXT)
			continue;
		ba = text_box(a);
		for (size_t j = i + 1; j < scene_count(s); j++) {
			const struct scene_item *b = scene_get(s, j);
			struct box bb;

			if (b->kind != SCENE_TEXT)
				continue;
			bb = text_box(b);
			if (ba.x0 < bb.x1 - 0.05 && bb.x0 < ba.x1 - 0.05 && ba.y0 < bb.y1 - 0.05 &&
			    bb.y0 < ba.y1 - 0.05)
				fail_msg("\"%s\" (%.1f,%.1f-%.1f,%.1f) overlaps \"%s\" (%.1f,%.1f-%.1f,%.1f)",
					 a->text, ba.x0, ba.y0, ba.x1, ba.y1, b->text, bb.x0, bb.y0,
					 bb.x1, bb.y1);
		}
	}
}

/* Every text item and every path point lies inside the scene. */
static void assert_inside(const struct scene *s)
{
	double w = scene_width(s), h = scene_height(s);

	for (size_t i = 0; i < scene_count(s); i++) {
		const struct scene_item *it = scene_get(s, i);

		if (it->kind == SCENE_TEXT) {
			struct box b = text_box(it);

			if (b.x0 < -0.05 || b.y0 < -0.05 || b.x1 > w + 0.05 || b.y1 > h + 0.05)
				fail_msg("\"%s\" (%.1f,%.1f-%.1f,%.1f) leaves the %gx%g scene", it->text,
					 b.x0, b.y0, b.x1, b.y1, w, h);
			continue;
		}
		for (int k = 0; k < it->path->num_data; k += it->path->data[k].header.length) {
			const cairo_path_data_t *d = &it->path->data[k];

			for (int p = 1; p < d->header.length; p++)
				if (d[p].point.x < -1 || d[p].point.x > w + 1 || d[p].point.y < -1 ||
				    d[p].point.y > h + 1)
					fail_msg("path point (%.1f,%.1f) leaves the scene", d[p].point.x,
						 d[p].point.y);
		}
	}
}

static const struct fake factory[] = {
	{ "Exported", NULL, 60, 0 },
	{ "Belarusian Railways enterprises", NULL, 33, 0 },
	{ "Spot purchases in Belarus", NULL, 10, 0 },
};

static const struct fake turnover[] = {
	{ "2012", NULL, 223.3, 0 }, { "2018", NULL, 204, 0 },
	{ "2020", NULL, 313.1, 0 }, { "2021", NULL, 424.4, 0 },
};

static const struct fake direction[] = {
	{ "Jan–Jul 2019", "export", 109.62, 0 }, { "Jan–Jul 2019", "import", 11.44, 0 },
	{ "2020", "export", 148.2, 0 },           { "2020", "import", 164.9, 0 },
	{ "Jan–Sep 2022", "export", 188.7, 0 },   { "Jan–Sep 2022", "import", 84.4, 0 },
};

/* Twelve slices, several of them tiny, the last one "Other". */
static const struct fake crowd[] = {
	{ "Machinery and transport equipment", NULL, 31, 0 }, { "Food products", NULL, 18, 0 },
	{ "Chemicals", NULL, 12, 0 },  { "Metals", NULL, 9, 0 },
	{ "Textiles and clothing", NULL, 7, 0 }, { "Timber and paper", NULL, 6, 0 },
	{ "Plastics", NULL, 1.2, 0 },  { "Glass", NULL, 0.9, 0 },
	{ "Fertilisers", NULL, 0.6, 0 }, { "Pharmaceuticals", NULL, 0.5, 0 },
	{ "Tyres", NULL, 0.3, 0 },     { "Other", NULL, 13.5, 1 },
};

/* Ten long category names, one value negative. */
static const struct fake longcats[] = {
	{ "Machinery and transport equipment", NULL, 310, 0 },
	{ "Food products and live animals", NULL, 180, 0 },
	{ "Chemicals and related products", NULL, 120, 0 },
	{ "Basic metals and articles of metal", NULL, 90, 0 },
	{ "Textiles, clothing and footwear", NULL, -70, 0 },
	{ "Timber, wood and paper products", NULL, 60, 0 },
	{ "Plastics and rubber articles", NULL, 50, 0 },
	{ "Glass and ceramic products", NULL, 40, 0 },
	{ "Mineral fertilisers (potash)", NULL, 30, 0 },
	{ "Pharmaceutical products", NULL, 20, 0 },
};

/* The palette is doc/LOOK.md's Okabe–Ito colours in doc/LOOK.md's order, then the
 * grey of "Other" (the drawn colours below are compared with the same
 * literal table). */
static void test_palette_is_okabe_ito(void **state)
{
	(void)state;
	for (int i = 0; i < 7; i++)
		if (!same_color(&chart_palette[i], &okabe_ito[i]))
			fail_msg("palette colour %d is #%02X%02X%02X", i,
				 (int)lround(chart_palette[i].r * 255),
				 (int)lround(chart_palette[i].g * 255),
				 (int)lround(chart_palette[i].b * 255));
	assert_true(same_color(&chart_other_grey, &other_grey));
}

static void test_pie_scene(void **state)
{
	struct chart_block c;
	struct scene *s;
	int curves = 0;

	(void)state;
	make_chart(&c, CHART_PIE, "Where the output goes", factory, 3);
	c.subtitle = strdup("Mid-2022");
	c.unit = strdup("% of output");
	s = build(&c, 480, 240);
	assert_non_null(find_text(s, "Where the output goes"));
	assert_int_equal(find_text(s, "Where the output goes")->face, FONT_BOLD);
	assert_non_null(find_text(s, "Mid-2022 \xC2\xB7 % of output"));
	assert_non_null(find_text(s, "Exported"));
	assert_non_null(find_text(s, "Belarusian Railways enterprises"));
	assert_non_null(find_text(s, "58 %"));  /* 60 / 103 */
	assert_non_null(find_text(s, "32 %"));
	assert_non_null(find_text(s, "9.7 %"));
	for (size_t i = 0; i < scene_count(s); i++) {
		const struct scene_item *it = scene_get(s, i);

		if (it->kind == SCENE_PATH && it->has_fill && path_has(it, CAIRO_PATH_CURVE_TO))
			curves++;
	}
	assert_int_equal(curves, 3); /* three slices, arcs kept as curves */
	assert_no_overlap(s);
	assert_inside(s);
	scene_free(s);
	chart_block_free(&c);
}

/* Slices go clockwise from 12 o'clock, largest first when the block wrote
 * no sort:, in the query's order with sort: none; colours follow the
 * palette in slice order. */
static void test_pie_order_and_palette(void **state)
{
	static const struct fake small_first[] = {
		{ "A", NULL, 10, 0 }, { "B", NULL, 30, 0 }, { "C", NULL, 60, 0 },
	};
	struct chart_block c;
	struct scene *s;
	struct rgba f[8];

	(void)state;
	make_chart(&c, CHART_PIE, "Order", small_first, 3);
	s = build(&c, 400, 220);
	assert_int_equal(fills(s, f, 8), 3);
	for (int i = 0; i < 3; i++)
		assert_true(same_color(&f[i], &okabe_ito[i]));
	/* the first slice drawn is C (60 %): it starts at 12 o'clock */
	{
		const struct scene_item *first = NULL;

		for (size_t i = 0; i < scene_count(s) && !first; i++)
			if (scene_get(s, i)->kind == SCENE_PATH && scene_get(s, i)->has_fill)
				first = scene_get(s, i);
		/* move_to centre, then the arc starts straight above it */
		const cairo_path_data_t *d = first->path->data;

		assert_int_equal(d[0].header.type, CAIRO_PATH_MOVE_TO);
		assert_int_equal(d[2].header.type, CAIRO_PATH_LINE_TO);
		assert_true(fabs(d[3].point.x - d[1].point.x) < 1e-6);
		assert_true(d[3].point.y < d[1].point.y);
	}
	assert_non_null(find_text(s, "60 %"));
	scene_free(s);

	c.sort_set = 1;
	c.q.sort = SORT_NONE;
	s = build(&c, 400, 220);
	assert_int_equal(fills(s, f, 8), 3);
	assert_true(same_color(&f[0], &okabe_ito[0])); /* A, still first colour */
	scene_free(s);
	chart_block_free(&c);
}

/* "Other" is grey; the rest take the palette in order. */
static void test_pie_other_grey(void **state)
{
	static const struct fake g[] = {
		{ "A", NULL, 50, 0 }, { "B", NULL, 30, 0 }, { "Other", NULL, 40, 1 },
	};
	struct chart_block c;
	struct scene *s;
	struct rgba f[8];

	(void)state;
	make_chart(&c, CHART_DONUT, "Other", g, 3);
	s = build(&c, 400, 220);
	assert_int_equal(fills(s, f, 8), 3);
	assert_true(same_color(&f[0], &okabe_ito[0]));
	assert_true(same_color(&f[1], &okabe_ito[1]));
	assert_true(same_color(&f[2], &other_grey)); /* last, though not smallest */
	assert_true(fabs(chart_other_grey.r - 0x99 / 255.0) < 1e-9);
	scene_free(s);
	chart_block_free(&c);
}

/* A crowded pie: twelve slices, five under 2 %: no two labels overlap,
 * small slices get their percentage outside with a leader line. */
static void test_pie_crowded_no_overlap(void **state)
{
	static const double widths[] = { 480, 360, 300 };
	struct chart_block c;

	(void)state;
	for (int t = 0; t < 2; t++)
		for (size_t k = 0; k < 3; k++) {
			struct scene *s;
			size_t leaders = 0;

			make_chart(&c, t ? CHART_DONUT : CHART_PIE, "A crowded pie", crowd, 12);
			c.unit = strdup("USD million");
			s = build(&c, widths[k], chart_default_height(&c, widths[k]));
			assert_no_overlap(s);
			assert_inside(s);
			assert_true(has_text_part(s, "Tyres"));
			assert_non_null(find_text(s, "0.3 %"));
			for (size_t i = 0; i < scene_count(s); i++) {
				const struct scene_item *it = scene_get(s, i);

				leaders += it->kind == SCENE_PATH && !it->has_fill &&
					   it->line_width == 0.5;
			}
			assert_true(leaders >= 5);
			scene_free(s);
			chart_block_free(&c);
		}
}

/* Shares that add up to 103 are normalised with a note; 50 + 50 not. */
static void test_pie_normalised_shares_say_so(void **state)
{
	static const struct fake half[] = { { "A", NULL, 50, 0 }, { "B", NULL, 50, 0 } };
	struct chart_block c;
	struct scene *s;

	(void)state;
	make_chart(&c, CHART_PIE, "Shares", factory, 3);
	c.unit = strdup("% of output");
	s = build(&c, 480, 240);
	assert_non_null(find_text(s, "Published shares add up to 103 %; shown normalised."));
	scene_free(s);
	chart_block_free(&c);

	/* the column name says so too */
	make_chart(&c, CHART_PIE, "Shares", factory, 3);
	free(c.q.value);
	c.q.value = strdup("share_pct");
	s = build(&c, 480, 240);
	assert_true(has_text_part(s, "add up to 103 %"));
	scene_free(s);
	chart_block_free(&c);

	make_chart(&c, CHART_PIE, "Shares", half, 2);
	c.unit = strdup("%");
	s = build(&c, 480, 240);
	assert_false(has_text_part(s, "normalised"));
	assert_non_null(find_text(s, "50 %"));
	scene_free(s);
	chart_block_free(&c);

	/* not shares: no note however they add up */
	make_chart(&c, CHART_PIE, "Money", factory, 3);
	c.unit = strdup("USD million");
	s = build(&c, 480, 240);
	assert_false(has_text_part(s, "normalised"));
	scene_free(s);
	chart_block_free(&c);
}

/* Issue 11: a group without a value (its cells all empty) is no zero: no
 * bar and no label in its slot (the category keeps its label), no line
 * point, no slice; a chart of only such groups is an error at its data:
 * line. */
static void test_missing_groups(void **state)
{
	static const struct fake g[] = {
		{ "A", NULL, 5, 0 }, { "C", NULL, 3, 0 }, { "B", NULL, 0, 0 },
	};
	static const enum chart_type types[] = { CHART_BAR, CHART_HBAR, CHART_LINE, CHART_PIE };
	struct chart_block c;
	struct diag d = { 0 };

	(void)state;
	for (size_t i = 0; i < 4; i++) {
		struct scene *s;

		make_chart(&c, types[i], "Gaps", g, 3);
		c.q.res.groups[2].missing = 1;
		s = build(&c, 400, 220);
		/* "0" only as the zero tick of the bars (none on a pie, and a
		 * line's axis runs around its data, 3 to 5): no bar label 0,
		 * and the line's last value is C's 3, not a 0 for B */
		assert_int_equal(count_text(s, "0"),
				 types[i] == CHART_PIE || types[i] == CHART_LINE ? 0 : 1);
		assert_non_null(find_text(s, types[i] == CHART_PIE ? "C" : "3"));
		if (types[i] != CHART_PIE)
			assert_non_null(find_text(s, "B")); /* the empty slot keeps its label */
		else
			assert_null(find_text(s, "B"));
		scene_free(s);
		chart_block_free(&c);
	}
	make_chart(&c, CHART_LINE, "Nothing yet", g + 2, 1);
	c.q.res.groups[0].missing = 1;
	c.q.res.rows_matched = 2;
	assert_null(chart_build(&c, 400, 200, fonts, &d, NULL));
	assert_int_equal(d.code, EXIT_DATAERR);
	assert_string_equal(d.file, "input/briefing.md");
	assert_int_equal(d.line, 40);
	assert_string_equal(d.msg, "chart \"Nothing yet\" has no values: the value cells of its "
			    "2 matching rows are empty");
	chart_block_free(&c);
}

static void test_pie_errors(void **state)
{
	static const struct fake neg[] = {
		{ "A", NULL, 60, 0 }, { "B", NULL, -3, 0 }, { "C", NULL, 10, 0 },
	};
	static const struct fake zero[] = { { "A", NULL, 0, 0 }, { "B", NULL, 0, 0 } };
	struct chart_block c;
	struct diag d = { 0 };

	(void)state;
	make_chart(&c, CHART_PIE, "Shares", neg, 3);
	assert_null(chart_build(&c, 400, 200, fonts, &d, NULL));
	assert_int_equal(d.code, EXIT_DATAERR);
	assert_string_equal(d.file, "input/t.csv");
	assert_int_equal(d.line, 3);
	assert_int_equal(d.col, 0);
	assert_string_equal(d.msg, "negative value -3 in a pie chart (column value)");
	chart_block_free(&c);

	memset(&d, 0, sizeof d);
	make_chart(&c, CHART_DONUT, "Nothing", zero, 2);
	assert_null(chart_build(&c, 400, 200, fonts, &d, NULL));
	assert_int_equal(d.code, EXIT_DATAERR);
	assert_string_equal(d.file, "input/briefing.md");
	assert_int_equal(d.line, 40);
	assert_string_equal(d.msg, "chart \"Nothing\" has only zero values");
	chart_block_free(&c);

	/* negative bars are fine */
	make_chart(&c, CHART_BAR, "Net", neg, 3);
	{
		struct scene *s = build(&c, 400, 220);

		assert_non_null(find_text(s, "\xE2\x88\x92" "3")); /* a true minus */
		scene_free(s);
	}
	chart_block_free(&c);

	memset(&d, 0, sizeof d);
	make_chart(&c, CHART_BAR, "Colours", neg, 3);
	c.colors = strdup("#0072B2, red");
	assert_null(chart_build(&c, 400, 200, fonts, &d, NULL));
	assert_int_equal(d.code, EXIT_DATAERR);
	assert_string_equal(d.msg, "bad color \"red\" in colors: expected #rrggbb");
	chart_block_free(&c);
}

/* The default briefing's turnover: one series, value labels on the bars,
 * nice ticks with the unit as axis title, the sources. */
static void test_bar_scene(void **state)
{
	struct chart_block c;
	struct scene *s;
	struct rgba f[16];
	size_t nf;

	(void)state;
	make_chart(&c, CHART_BAR, "Trade turnover in full years", turnover, 4);
	c.unit = strdup("USD million");
	c.q.res.sources = calloc(5, sizeof *c.q.res.sources);
	c.q.res.nsources = 5;
	for (int i = 0; i < 5; i++) {
		char buf[32];

		snprintf(buf, sizeof buf, "Report %d", i + 1);
		c.q.res.sources[i] = strdup(buf);
	}
	s = build(&c, 480, chart_default_height(&c, 480));
	assert_non_null(find_text(s, "Trade turnover in full years"));
	assert_non_null(find_text(s, "USD million"));
	for (int i = 0; i < 4; i++)
		assert_non_null(find_text(s, turnover[i].k0));
	assert_non_null(find_text(s, "424.4"));
	assert_non_null(find_text(s, "223.3"));
	assert_non_null(find_text(s, "0"));
	assert_non_null(find_text(s, "500"));
	assert_non_null(find_text(s, "Sources: Report 1; Report 2; Report 3 and 2 more"));
	assert_int_equal(find_text(s, "Sources: Report 1; Report 2; Report 3 and 2 more")->face,
			 FONT_ITALIC);
	assert_null(find_text(s, "export")); /* no legend for one series */
	nf = fills(s, f, 16);
	assert_int_equal(nf, 4);
	for (size_t i = 0; i < nf; i++)
		assert_true(same_color(&f[i], &okabe_ito[0]));
	assert_no_overlap(s);
	assert_inside(s);
	scene_free(s);
	chart_block_free(&c);
}

/* Two series: grouped bars in palette order, a legend; stacked too. */
static void test_grouped_and_stacked(void **state)
{
	struct chart_block c;
	struct scene *s;
	struct rgba f[16];

	(void)state;
	for (int stacked = 0; stacked < 2; stacked++) {
		make_chart(&c, CHART_BAR, "Trade by direction", direction, 6);
		c.stacked = stacked;
		c.unit = strdup("USD million");
		s = build(&c, 480, 264);
		assert_non_null(find_text(s, "export"));
		assert_non_null(find_text(s, "import"));
		assert_non_null(find_text(s, "Jan–Sep 2022")); /* partial periods keep their label */
		assert_int_equal(fills(s, f, 16), 2 + 6);        /* two swatches, six bars */
		assert_true(same_color(&f[0], &okabe_ito[0]));
		assert_true(same_color(&f[1], &okabe_ito[1]));
		assert_true(same_color(&f[2], &okabe_ito[0]));
		assert_true(same_color(&f[3], &okabe_ito[1]));
		if (stacked) /* the 2020 total, as precise as 109.62 */
			assert_non_null(find_text(s, "313.10"));
		else
			assert_non_null(find_text(s, "109.62"));
		assert_no_overlap(s);
		assert_inside(s);
		scene_free(s);
		chart_block_free(&c);
	}
}

/* colors: overrides the palette, in order. */
static void test_colors_override(void **state)
{
	struct chart_block c;
	struct scene *s;
	struct rgba f[16];

	(void)state;
	make_chart(&c, CHART_BAR, "Trade by direction", direction, 6);
	c.colors = strdup("#ff0000, #00FF00");
	s = build(&c, 480, 264);
	assert_true(fills(s, f, 16) >= 4);
	assert_true(same_color(&f[0], &(struct rgba){ 1, 0, 0, 1 }));
	assert_true(same_color(&f[1], &(struct rgba){ 0, 1, 0, 1 }));
	scene_free(s);
	chart_block_free(&c);
}

/* Ten long category names: wrapped and shortened, never overlapping, in
 * vertical bars (narrow bands) and horizontal ones. */
static void test_long_categories_no_overlap(void **state)
{
	static const double widths[] = { 480, 320 };
	struct chart_block c;

	(void)state;
	for (int t = 0; t < 2; t++)
		for (size_t k = 0; k < 2; k++) {
			struct scene *s;

			make_chart(&c, t ? CHART_HBAR : CHART_BAR, "Ten long names", longcats, 10);
			c.unit = strdup("USD thousand");
			s = build(&c, widths[k], chart_default_height(&c, widths[k]));
			assert_no_overlap(s);
			assert_inside(s);
			if (!t)
				assert_true(has_text_part(s, "\xE2\x80\xA6")); /* something shortened */
			assert_true(has_text_part(s, "Ma"));
			scene_free(s);
			chart_block_free(&c);
		}
}

/* The hbar of the default briefing: long labels with arrows, values right
 * of the bars, "Other" grey in a one-series chart. */
static void test_hbar_scene(void **state)
{
	static const struct fake agri[] = {
		{ "Belarus → Azerbaijan", NULL, 30.4, 0 },
		{ "Azerbaijan → Belarus", NULL, 4.6, 0 },
		{ "Other", NULL, 1.5, 1 },
	};
	struct chart_block c;
	struct scene *s;
	struct rgba f[8];
	const struct scene_item *lab, *val;

	(void)state;
	make_chart(&c, CHART_HBAR, "Agri-food trade in 2020", agri, 3);
	c.unit = strdup("USD million");
	s = build(&c, 480, chart_default_height(&c, 480));
	lab = find_text(s, "Belarus → Azerbaijan");
	val = find_text(s, "30.4");
	assert_non_null(lab);
	assert_non_null(val);
	assert_int_equal(lab->align, SCENE_RIGHT);
	assert_true(val->x > lab->x);
	assert_int_equal(fills(s, f, 8), 3);
	assert_true(same_color(&f[0], &okabe_ito[0]));
	assert_true(same_color(&f[2], &other_grey));
	assert_no_overlap(s);
	assert_inside(s);
	scene_free(s);
	chart_block_free(&c);
}

/* A line: markers at the points, the last value labelled, categories in
 * the query's order. */
static void test_line_scene(void **state)
{
	static const struct fake ganja[] = {
		{ "2018-04", NULL, 10000, 0 }, { "2020-11", NULL, 11000, 0 },
		{ "2022-05", NULL, 12000, 0 }, { "2024-06", NULL, 15000, 0 },
	};
	struct chart_block c;
	struct scene *s;
	size_t markers = 0, lines = 0;
	const struct scene_item *a, *b;

	(void)state;
	make_chart(&c, CHART_LINE, "Tractors assembled in Ganja", ganja, 4);
	c.unit = strdup("tractors");
	c.q.res.illustrative = 1;
	s = build(&c, 480, chart_default_height(&c, 480));
	assert_non_null(find_text(s, "15,000"));
	/* only the last value: one bold label besides the title */
	assert_int_equal(count_face(s, FONT_BOLD), 2);
	assert_non_null(find_text(s, "Illustrative data."));
	/* the months are dates: a time axis, labelled by the calendar */
	assert_null(find_text(s, "2018-04"));
	a = find_text(s, "2019");
	b = find_text(s, "2024");
	assert_non_null(a);
	assert_non_null(b);
	assert_true(a->x < b->x);
	for (size_t i = 0; i < scene_count(s); i++) {
		const struct scene_item *it = scene_get(s, i);

		if (it->kind != SCENE_PATH)
			continue;
		markers += it->has_fill && path_has(it, CAIRO_PATH_CURVE_TO);
		lines += !it->has_fill && it->line_width > 1;
	}
	assert_int_equal(markers, 4);
	assert_int_equal(lines, 1);
	assert_no_overlap(s);
	assert_inside(s);
	scene_free(s);
	chart_block_free(&c);

	/* two series: a legend, two lines, both last values */
	make_chart(&c, CHART_LINE, "Trade by direction", direction, 6);
	s = build(&c, 480, 264);
	assert_non_null(find_text(s, "export"));
	assert_non_null(find_text(s, "188.70")); /* as precise as 109.62 */
	assert_non_null(find_text(s, "84.40"));
	assert_no_overlap(s);
	assert_inside(s);
	scene_free(s);
	chart_block_free(&c);
}

/* A chart in the spec's language: tick and value labels with its
 * separators (Russian groups with U+00A0), pie percentages with a decimal
 * comma, the source note, the "and N more" and illustrative notes in its
 * words. */
static void test_locale_labels(void **state)
{
	static const struct fake bars[] = {
		{ "2021", NULL, 12345.6, 0 }, { "2022", NULL, 15002, 0 },
	};
	static const struct fake pie[] = {
		{ "A", NULL, 91.5, 0 }, { "B", NULL, 5, 0 }, { "Прочие", NULL, 3.5, 1 },
	};
	struct chart_block c;
	struct scene *s;

	(void)state;
	make_chart(&c, CHART_BAR, "Оборот", bars, 2);
	c.lang = lang_find("ru");
	c.q.res.sources = calloc(5, sizeof *c.q.res.sources);
	c.q.res.nsources = 5;
	for (size_t i = 0; i < 5; i++) {
		char buf[16];

		snprintf(buf, sizeof buf, "S%zu", i + 1);
		c.q.res.sources[i] = strdup(buf);
	}
	c.q.res.illustrative = 1;
	s = build(&c, 400, 260);
	assert_non_null(find_text(s, "12\xc2\xa0" "345,6"));
	assert_non_null(find_text(s, "15\xc2\xa0" "002,0")); /* as precise as 12 345,6 */
	assert_non_null(find_text(s, "10\xc2\xa0" "000"));
	assert_true(has_text_part(s, "Источники: S1; S2; S3 и ещё 2"));
	assert_true(has_text_part(s, "Данные приведены для иллюстрации."));
	assert_false(has_text_part(s, "Source"));
	scene_free(s);
	chart_block_free(&c);

	make_chart(&c, CHART_PIE, "Доли", pie, 3);
	c.lang = lang_find("az");
	c.unit = strdup("%");
	s = build(&c, 400, 260);
	assert_non_null(find_text(s, "5 %"));
	assert_non_null(find_text(s, "3,5 %"));
	assert_non_null(find_text(s, "92 %"));
	scene_free(s);
	chart_block_free(&c);
}

/* A long title wraps inside the width; the source: key wins over the CSV's
 * sources. */
static void test_title_wraps_and_source_key(void **state)
{
	struct chart_block c;
	struct scene *s;
	size_t bold = 0;

	(void)state;
	make_chart(&c, CHART_BAR, "", turnover, 4);
	free(c.title);
	c.title = strdup("A very long chart title that cannot possibly fit on one line of a "
			 "narrow figure and must wrap");
	c.source = strdup("Belstat");
	c.q.res.sources = calloc(1, sizeof *c.q.res.sources);
	c.q.res.sources[0] = strdup("CSV source");
	c.q.res.nsources = 1;
	s = build(&c, 240, 260);
	for (size_t i = 0; i < scene_count(s); i++)
		bold += scene_get(s, i)->kind == SCENE_TEXT && scene_get(s, i)->face == FONT_BOLD;
	assert_true(bold >= 2);
	assert_non_null(find_text(s, "Source: Belstat"));
	assert_false(has_text_part(s, "CSV source"));
	assert_no_overlap(s);
	assert_inside(s);
	assert_true(count_kind(s, SCENE_PATH) >= 4);
	scene_free(s);
	chart_block_free(&c);
}

/* Odd sizes and shapes still give a scene: tiny figures, one category,
 * one slice, a series with gaps. */
static void test_odd_inputs(void **state)
{
	static const struct fake one[] = { { "Only", NULL, 5, 0 } };
	static const struct fake gaps[] = {
		{ "2019", "a", 1, 0 }, { "2020", "b", 2, 0 }, { "2021", "a", 3, 0 },
	};
	static const enum chart_type types[] = { CHART_PIE, CHART_DONUT, CHART_BAR, CHART_HBAR,
						  CHART_LINE };
	static const double sizes[][2] = { { 60, 40 }, { 120, 90 }, { 480, 120 } };
	struct chart_block c;

	(void)state;
	for (size_t t = 0; t < 5; t++)
		for (size_t k = 0; k < 3; k++) {
			struct scene *s;

			make_chart(&c, types[t], "A title", factory, 3);
			c.unit = strdup("% of output");
			s = build(&c, sizes[k][0], sizes[k][1]);
			assert_true(scene_count(s) > 3);
			scene_free(s);
			chart_block_free(&c);

			make_chart(&c, types[t], "One", one, 1);
			s = build(&c, 300, 200);
			assert_true(scene_count(s) > 1);
			if (types[t] == CHART_PIE || types[t] == CHART_DONUT)
				assert_non_null(find_text(s, "100 %"));
			else
				assert_non_null(find_text(s, "Only"));
			scene_free(s);
			chart_block_free(&c);

			if (types[t] == CHART_PIE || types[t] == CHART_DONUT)
				continue;
			make_chart(&c, types[t], "Gaps", gaps, 3);
			c.stacked = k == 1;
			s = build(&c, 400, 240);
			assert_non_null(find_text(s, "a"));
			assert_non_null(find_text(s, "b"));
			assert_no_overlap(s);
			scene_free(s);
			chart_block_free(&c);
		}
}

static void test_default_height(void **state)
{
	struct chart_block c;
	struct fake many[30];
	char names[30][16];
	double h4, h30;

	(void)state;
	make_chart(&c, CHART_PIE, "P", factory, 3);
	assert_true(chart_default_height(&c, 480) >= 200);
	assert_true(chart_default_height(&c, 200) >= 200);
	chart_block_free(&c);
	make_chart(&c, CHART_BAR, "B", turnover, 4);
	assert_true(fabs(chart_default_height(&c, 480) - 0.55 * 480) < 1e-9);
	chart_block_free(&c);
	for (int i = 0; i < 30; i++) {
		snprintf(names[i], sizeof names[i], "cat %d", i);
		many[i] = (struct fake){ names[i], NULL, i + 1, 0 };
	}
	make_chart(&c, CHART_HBAR, "H", many, 4);
	h4 = chart_default_height(&c, 480);
	chart_block_free(&c);
	make_chart(&c, CHART_HBAR, "H", many, 30);
	h30 = chart_default_height(&c, 480);
	chart_block_free(&c);
	assert_true(h30 > h4);
	assert_true(h30 <= 700); /* capped */
}

static void test_file_stem(void **state)
{
	static const struct {
		const char *title, *name, *want;
	} cases[] = {
		{ "Trade turnover in full years", NULL, "trade-turnover-in-full-years" },
		{ "Any title", "trade-full-years", "trade-full-years" },
		{ "Gəncə avtomobil zavodu: İstehsal", NULL, "gence-avtomobil-zavodu-istehsal" },
		{ "Товарооборот 2021", NULL, "tovarooborot-2021" },
		{ "Ağ şəhər — ÇÖL", NULL, "ag-seher-col" },
		{ "  ---  ", NULL, "chart" },
		{ "日本", NULL, "chart" },
		{ "Azerbaijan's exports, 2020", NULL, "azerbaijans-exports-2020" },
	};
	struct chart_block c = { 0 };
	char buf[128], tiny[6];

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		c.title = (char *)cases[i].title;
		c.name = (char *)cases[i].name;
		chart_file_stem(&c, buf, sizeof buf);
		assert_string_equal(buf, cases[i].want);
	}
	c.title = "Trade turnover";
	c.name = NULL;
	chart_file_stem(&c, tiny, sizeof tiny);
	assert_string_equal(tiny, "trade");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_palette_is_okabe_ito),
		cmocka_unit_test(test_pie_scene),
		cmocka_unit_test(test_pie_order_and_palette),
		cmocka_unit_test(test_pie_other_grey),
		cmocka_unit_test(test_pie_crowded_no_overlap),
		cmocka_unit_test(test_pie_normalised_shares_say_so),
		cmocka_unit_test(test_pie_errors),
		cmocka_unit_test(test_missing_groups),
		cmocka_unit_test(test_bar_scene),
		cmocka_unit_test(test_grouped_and_stacked),
		cmocka_unit_test(test_colors_override),
		cmocka_unit_test(test_long_categories_no_overlap),
		cmocka_unit_test(test_hbar_scene),
		cmocka_unit_test(test_line_scene),
		cmocka_unit_test(test_title_wraps_and_source_key),
		cmocka_unit_test(test_locale_labels),
		cmocka_unit_test(test_odd_inputs),
		cmocka_unit_test(test_default_height),
		cmocka_unit_test(test_file_stem),
	};

	return cmocka_run_group_tests_name("chart", tests, load_fonts, free_fonts);
}
