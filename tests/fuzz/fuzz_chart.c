/* fuzz_chart — chart layout fed random aggregates (src/chart*.c), painted
 * with the cairo renderer now and then (src/render_cairo.c).
 *
 * The input bytes are decoded into a chart block and its query result: a
 * type, 1–30 groups (one or two keys, labels of any UTF-8, values of every
 * kind a query can produce: zero, small, huge, tiny, negative, an "Other"
 * group), a size, title and notes, colors:, sources, the illustrative
 * flag and the language (en, ru, az or none).  chart_build must either give a scene or fail with a diagnostic;
 * the file stem and default height must not crash either. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart.h"
#include "render.h"
#include "utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fuzz_assert(int ok, const char *what)
{
	if (!ok) {
		fprintf(stderr, "fuzz_chart: %s\n", what);
		abort();
	}
}

/* The input, read front to back; zeros once it runs out. */
struct fuzz_in {
	const uint8_t *p;
	size_t n;
};

static unsigned fuzz_byte(struct fuzz_in *in)
{
	if (!in->n)
		return 0;
	in->n--;
	return *in->p++;
}

/* A string of up to max bytes from the input, made valid UTF-8 (the data
 * layer refuses invalid UTF-8, so charts never see it). */
static char *fuzz_text(struct fuzz_in *in, size_t max)
{
	size_t len = fuzz_byte(in) % (max + 1);

	if (len > in->n)
		len = in->n;
	char *s = utf8_sanitize((const char *)in->p, len);
	in->p += len;
	in->n -= len;
	return s;
}

/* A value of the kinds a query gives: sums of CSV numbers are finite, but
 * may be huge, tiny, negative or zero. */
static double fuzz_value(struct fuzz_in *in)
{
	unsigned kind = fuzz_byte(in) % 8;
	double v;
	uint64_t bits = 0;

	switch (kind) {
	case 0: return 0;
	case 1: return (double)(fuzz_byte(in) | fuzz_byte(in) << 8);
	case 2: return -(double)fuzz_byte(in);
	case 3: return (fuzz_byte(in) + 1) * 1e-9;
	case 4: return 1.7e308;
	default:
		for (int i = 0; i < 8; i++)
			bits |= (uint64_t)fuzz_byte(in) << (8 * i);
		memcpy(&v, &bits, sizeof v);
		return isfinite(v) ? v : 1.0;
	}
}

static struct fonts *fuzz_fonts(void)
{
	static struct fonts *f;
	struct diag d = { 0 };
	const char *dir = getenv("BRIEFING_FONTS");

	if (!f) {
		f = fonts_load(dir && *dir ? dir : "fonts", &d);
		if (!f) {
			fprintf(stderr, "fuzz_chart: %s (set BRIEFING_FONTS)\n", d.msg);
			abort();
		}
	}
	return f;
}

/* Groups: one key (and a series key from a few names when two), values,
 * a line each, the last maybe "Other". */
static int fuzz_groups(struct fuzz_in *in, struct chart_block *c, int series)
{
	static const char *const names[] = { "export", "import", "Экспорт", "total" };
	struct query_result *r = &c->q.res;
	size_t n = 1 + fuzz_byte(in) % 30;

	if (!(r->groups = calloc(n, sizeof *r->groups)))
		return -1;
	for (size_t i = 0; i < n; i++) {
		struct group *g = &r->groups[i];

		r->ngroups = i + 1;
		g->key[0] = fuzz_text(in, 24);
		g->key[1] = series ? strdup(names[fuzz_byte(in) % 4]) : NULL;
		if (!g->key[0] || (series && !g->key[1]))
			return -1;
		g->value = fuzz_value(in);
		g->sum = g->value;
		g->count = 1 + fuzz_byte(in) % 3;
		g->line = (long)i + 2;
		g->is_other = i + 1 == n && (fuzz_byte(in) & 1);
	}
	r->ncategories = n;
	return 0;
}

/* Sources, the illustrative flag, the texts, colors: and the language. */
static int fuzz_notes(struct fuzz_in *in, struct chart_block *c)
{
	struct query_result *r = &c->q.res;
	unsigned flags = fuzz_byte(in);
	size_t ns = fuzz_byte(in) % 6;

	r->illustrative = flags & 1;
	if (ns && !(r->sources = calloc(ns, sizeof *r->sources)))
		return -1;
	for (; r->nsources < ns; r->nsources++)
		if (!(r->sources[r->nsources] = fuzz_text(in, 40)))
			return -1;
	c->title = fuzz_text(in, 80);
	c->subtitle = flags & 2 ? fuzz_text(in, 60) : NULL;
	c->unit = flags & 4 ? fuzz_text(in, 20) : NULL;
	c->source = flags & 8 ? fuzz_text(in, 60) : NULL;
	c->name = flags & 16 ? strdup("fuzz-chart") : NULL;
	c->colors = flags & 32 ? strdup("#112233, #abcdef,#000000") : NULL;
	c->lang = lang_find((const char *const[]){ "en", "ru", "az", "xx" }[flags >> 6 & 3]);
	return c->title ? 0 : -1;
}

/* Paint the scene to PNG (at 36 dpi, cheap) and SVG, in memory. */
static void fuzz_paint(const struct scene *s, struct fonts *f)
{
	unsigned char *buf = NULL;
	size_t len = 0;
	struct diag d = { 0 };

	if (render_png_data(s, f, 36, "fuzz.png", &buf, &len, &d) == 0)
		free(buf);
	if (render_svg_data(s, f, "fuzz.svg", &buf, &len, &d) == 0)
		free(buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in in = { data, size };
	struct chart_block c;
	struct fonts *f = fuzz_fonts();
	struct diag d = { 0 };
	struct diag_list warn = { 0 };
	unsigned head = fuzz_byte(&in);
	int series = (head >> 3) & 1;
	double w = 36 + fuzz_byte(&in) * 3, h;
	char stem[256];
	struct scene *s;

	memset(&c, 0, sizeof c);
	query_init(&c.q);
	c.type = (enum chart_type)(head % 5);
	c.stacked = (head >> 4) & 1;
	c.sort_set = (head >> 5) & 1;
	c.q.path = strdup("fuzz.csv");
	c.q.spec_file = strdup("fuzz.md");
	c.q.spec_line = 4;
	c.q.group[0] = strdup("x");
	c.q.group[1] = series ? strdup("s") : NULL;
	c.q.ngroup = series ? 2 : 1;
	c.q.value = strdup("y");
	if (fuzz_groups(&in, &c, series) < 0 || fuzz_notes(&in, &c) < 0)
		goto done;
	h = chart_default_height(&c, w);
	fuzz_assert(isfinite(h) && h > 0, "default height not a positive number");
	if (fuzz_byte(&in) & 1)
		h = 36 + fuzz_byte(&in) * 3;
	chart_file_stem(&c, stem, sizeof stem);
	s = chart_build(&c, w, h, f, &d, &warn);
	if (!s) {
		fuzz_assert(d.msg[0] != '\0', "chart_build failed without a message");
		goto done;
	}
	if (head & 0x80)
		fuzz_paint(s, f);
	scene_free(s);
done:
	chart_block_free(&c);
	diag_list_free(&warn);
	return 0;
}
