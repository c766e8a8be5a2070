/* chart_describe — a chart said in words, from its own data, for readers
 * who cannot see it (include/chart.h): the PDF's /Alt, each SVG file's
 * <title> and <desc>, and the mail summary read it.
 *
 * "Bar chart, Trade turnover in full years, USD million: 2012 223.3; 2018
 * 204; 2020 313.1; 2021 424.4. Highest 2021."  Type, title and unit, then
 * every value as the chart draws it (its labels in its order, numbers as
 * chart_value_text writes them, a pie's share of the whole after each
 * value); a series with more values than the caller wants read out is
 * summed up: how many, from which label to which, the first and last
 * values, the highest and lowest with their labels.  Grouped and stacked
 * charts say it per series.  Values a chart does not draw (missing, a
 * pie's zero slice) are not read either.  Words and number style are the
 * chart's language's (lang.h). */
#include "chart_int.h"

#include <stdlib.h>
#include <string.h>

#include "num.h"
#include "strbuf.h"

/* One series as it is read: n slots (label[i], v[i * stride]) of which
 * those with has[i * stride] hold a value; share[i] a pie's share, or NULL. */
struct seq {
	const char *const *label;
	const double *v;
	const unsigned char *has;
	const double *share;
	size_t n, stride;
};

static int seq_has(const struct seq *s, size_t i)
{
	return s->has[i * s->stride];
}

static double seq_v(const struct seq *s, size_t i)
{
	return s->v[i * s->stride];
}

static size_t seq_count(const struct seq *s)
{
	size_t k = 0;

	for (size_t i = 0; i < s->n; i++)
		k += seq_has(s, i) != 0;
	return k;
}

/* The slot of the highest (dir 1) or lowest (dir -1) value, the first of
 * equals; n when the series has none. */
static size_t seq_extreme(const struct seq *s, int dir)
{
	size_t best = s->n;

	for (size_t i = 0; i < s->n; i++)
		if (seq_has(s, i) &&
		    (best == s->n || (dir > 0 ? seq_v(s, i) > seq_v(s, best)
					      : seq_v(s, i) < seq_v(s, best))))
			best = i;
	return best;
}

/* "LABEL VALUE" (and " (SHARE)" for a pie) of slot i; no label when
 * label is 0. */
static void say_value(struct strbuf *b, const struct chart_block *c, const struct seq *s,
		      size_t i, int label)
{
	char num[64];

	if (label) {
		strbuf_str(b, s->label[i]);
		strbuf_str(b, " ");
	}
	chart_value_text(c, seq_v(s, i), num, sizeof num);
	strbuf_str(b, num);
	if (s->share) {
		num_format_percent(num, sizeof num, &lang_or_default(c->lang)->num, s->share[i]);
		strbuf_str(b, " (");
		strbuf_str(b, num);
		strbuf_str(b, ")");
	}
}

/* Every value: "2012 223.3; 2018 204". */
static void say_all(struct strbuf *b, const struct chart_block *c, const struct seq *s)
{
	int first = 1;

	for (size_t i = 0; i < s->n; i++) {
		if (!seq_has(s, i))
			continue;
		if (!first)
			strbuf_str(b, "; ");
		first = 0;
		say_value(b, c, s, i, 1);
	}
}

/* A long series summed up: "120 values, 2010 to 2019; first 3.2; last
 * 4.5; highest 2015 9.1; lowest 2011 1". */
static void say_summary(struct strbuf *b, const struct chart_block *c, const struct seq *s,
			const struct lang *lg)
{
	size_t first = s->n, last = 0, n = seq_count(s);
	char count[32];

	for (size_t i = 0; i < s->n; i++)
		if (seq_has(s, i)) {
			first = first == s->n ? i : first;
			last = i;
		}
	if (first == s->n)
		return;
	num_format_auto_style(count, sizeof count, &lg->num, (double)n, 0, 1);
	strbuf_str(b, lg->desc_count[0]), strbuf_str(b, count), strbuf_str(b, lg->desc_count[1]);
	strbuf_str(b, s->label[first]), strbuf_str(b, lg->desc_count[2]);
	strbuf_str(b, s->label[last]);
	strbuf_str(b, "; "), strbuf_str(b, lg->desc_first), say_value(b, c, s, first, 0);
	strbuf_str(b, "; "), strbuf_str(b, lg->desc_last), say_value(b, c, s, last, 0);
	strbuf_str(b, "; "), strbuf_str(b, lg->desc_highest[1]);
	say_value(b, c, s, seq_extreme(s, 1), 1);
	strbuf_str(b, "; "), strbuf_str(b, lg->desc_lowest);
	say_value(b, c, s, seq_extreme(s, -1), 1);
}

/* "Bar chart, TITLE, UNIT". */
static void say_head(struct strbuf *b, const struct chart_block *c, const struct lang *lg)
{
	strbuf_str(b, lg->desc_type[c->type <= CHART_LINE ? c->type : CHART_BAR]);
	if (c->title && *c->title)
		strbuf_str(b, ", "), strbuf_str(b, c->title);
	if (c->unit && *c->unit)
		strbuf_str(b, ", "), strbuf_str(b, c->unit);
}

/* One series (a pie, or a chart without series:): ": VALUES." and the
 * highest, or the summary when it has more than max values. */
static void say_one(struct strbuf *b, const struct chart_block *c, const struct seq *s,
		    size_t max, const struct lang *lg)
{
	int pie = c->type == CHART_PIE || c->type == CHART_DONUT;
	size_t n = seq_count(s), top = seq_extreme(s, 1);

	strbuf_str(b, ": ");
	if (max && n > max) {
		say_summary(b, c, s, lg);
		strbuf_str(b, ".");
		return;
	}
	say_all(b, c, s);
	strbuf_str(b, ".");
	if (n >= 2) {
		strbuf_str(b, " "), strbuf_str(b, pie ? lg->desc_largest : lg->desc_highest[0]);
		strbuf_str(b, s->label[top]), strbuf_str(b, ".");
	}
}

/* A pie or donut: its slices (value above zero) in the chart's order. */
static int describe_pie(struct strbuf *b, const struct chart_block *c, size_t max,
			const struct lang *lg)
{
	const struct query_result *r = &c->q.res;
	size_t n = r->ngroups ? r->ngroups : 1;
	const char **label = calloc(n, sizeof *label);
	double *v = calloc(n, sizeof *v), *share = calloc(n, sizeof *share);
	unsigned char *has = calloc(n, 1);
	struct seq s = { label, v, has, share, r->ngroups, 1 };

	if (!label || !v || !share || !has) {
		free(label), free(v), free(share), free(has);
		return -1;
	}
	for (size_t i = 0; i < r->ngroups; i++) {
		label[i] = r->groups[i].key[0] ? r->groups[i].key[0] : "";
		v[i] = r->groups[i].value;
		has[i] = !r->groups[i].missing && v[i] > 0;
		share[i] = chart_pie_share(c, i);
	}
	say_one(b, c, &s, max, lg);
	free(label), free(v), free(share), free(has);
	return 0;
}

/* Bars and lines: the category x series grid, one series as the pie is
 * said, several each in turn, then the highest of all. */
static int describe_grid(struct strbuf *b, const struct chart_block *c, size_t max,
			 const struct lang *lg)
{
	struct chart_grid g;
	size_t total = 0, best_s = 0, best_c;
	char count[32];

	if (chart_grid_build(c, &g) < 0)
		return -1;
	if (g.nser < 2) {
		struct seq s = { g.cat, g.v, g.has, NULL, g.ncat, 1 };
		say_one(b, c, &s, max, lg);
		chart_grid_free(&g);
		return 0;
	}
	for (size_t k = 0; k < g.ncat * g.nser; k++)
		total += g.has[k] != 0;
	num_format_auto_style(count, sizeof count, &lg->num, (double)g.nser, 0, 1);
	strbuf_str(b, ", "), strbuf_str(b, lg->desc_series[0]), strbuf_str(b, count);
	strbuf_str(b, lg->desc_series[1]);
	best_c = g.ncat;
	for (size_t j = 0; j < g.nser; j++) {
		struct seq s = { g.cat, g.v + j, g.has + j, NULL, g.ncat, g.nser };
		size_t top = seq_extreme(&s, 1);
		if (top == g.ncat)
			continue; /* no value in this series */
		if (best_c == g.ncat || g.v[top * g.nser + j] > g.v[best_c * g.nser + best_s])
			best_c = top, best_s = j;
		strbuf_str(b, ". "), strbuf_str(b, g.ser[j]), strbuf_str(b, ": ");
		if (max && total > max)
			say_summary(b, c, &s, lg);
		else
			say_all(b, c, &s);
	}
	strbuf_str(b, ".");
	if (!(max && total > max) && total >= 2 && best_c < g.ncat) {
		strbuf_str(b, " "), strbuf_str(b, lg->desc_highest[0]);
		strbuf_str(b, g.ser[best_s]), strbuf_str(b, ", "), strbuf_str(b, g.cat[best_c]);
		strbuf_str(b, ".");
	}
	chart_grid_free(&g);
	return 0;
}

int chart_describe(const struct chart_block *c, size_t max_items, struct strbuf *out)
{
	const struct lang *lg = lang_or_default(c->lang);
	int rc;

	if (c->alt && *c->alt) {
		strbuf_str(out, c->alt);
		return out->oom ? -1 : 0;
	}
	say_head(out, c, lg);
	rc = c->type == CHART_PIE || c->type == CHART_DONUT ? describe_pie(out, c, max_items, lg)
							     : describe_grid(out, c, max_items, lg);
	return rc || out->oom ? -1 : 0;
}
