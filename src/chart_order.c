/* chart_order — the order of a bar or line chart's categories (issue 18):
 * when every x but "Other" is a number or a date, they run in ascending
 * order (numbers by value, dates chronologically) unless sort: says
 * otherwise (sort: none keeps the file's order); a line over dates always
 * runs in time, its axis being time.  "Other" stays last.  The same order
 * is given to the chart's grid (what it draws) and to its answer in the
 * document model (what the summary and the description read), so that
 * "the latest point" is the last point drawn. */
#include "chart_int.h"

#include <stdlib.h>
#include <string.h>

#include "num.h"
#include "period.h"

/* What a chart's x holds: dates, numbers, or anything else. */
enum x_kind { X_OTHER, X_DATES, X_NUMBERS };

/* Is every x of c but "Other" a number (num_parse: "5", "11", "2016",
 * "-1.5")?  At least one must be. */
static int x_is_number(const struct chart_block *c)
{
	const struct query_result *r = &c->q.res;
	size_t numbers = 0;

	for (size_t i = 0; i < r->ngroups; i++) {
		const char *k = r->groups[i].key[0];
		double v;

		if (r->groups[i].is_other)
			continue;
		if (!k || num_parse(k, strlen(k), &v) < 0)
			return 0;
		numbers++;
	}
	return numbers > 0;
}

/* The order c's categories take: X_OTHER for the order the query gives
 * (first seen, or sort:'s), else ascending dates or numbers. */
static enum x_kind order_of(const struct chart_block *c)
{
	int dates;

	if (c->type == CHART_PIE || c->type == CHART_DONUT)
		return X_OTHER;
	dates = chart_x_is_date(c);
	if (c->type == CHART_LINE && dates)
		return X_DATES; /* a time axis has one order */
	if (c->sort_set || c->q.sort != SORT_NONE)
		return X_OTHER; /* sort: says how (sort: none: as the file has them) */
	return dates ? X_DATES : x_is_number(c) ? X_NUMBERS : X_OTHER;
}

/* One category while sorting: its rank (0 a date or number, 1 neither,
 * 2 "Other"), its period or number, and where it was. */
struct order_key {
	int rank;
	struct period p;
	double num;
	size_t at;
};

static int order_cmp(const void *a, const void *b)
{
	const struct order_key *x = a, *y = b;
	int c = x->rank - y->rank;

	if (c == 0 && x->rank == 0)
		c = x->num != y->num ? (x->num < y->num ? -1 : 1) : period_cmp(&x->p, &y->p);
	if (c == 0) /* stable: first seen first */
		c = x->at < y->at ? -1 : x->at > y->at;
	return c;
}

/* The sort key of category label s (NULL as "") at position at. */
static void key_of(enum x_kind kind, const char *s, int other, size_t at, struct order_key *k)
{
	size_t len = s ? strlen(s) : 0;

	memset(k, 0, sizeof *k);
	k->at = at;
	if (other)
		k->rank = 2;
	else if (kind == X_DATES)
		k->rank = !s || period_parse(s, len, &k->p) < 0;
	else
		k->rank = !s || num_parse(s, len, &k->num) < 0;
}

int chart_grid_order(const struct chart_block *c, struct chart_grid *g)
{
	enum x_kind kind = g->ncat < 2 ? X_OTHER : order_of(c);
	struct order_key *k;
	const char **cat;
	double *v;
	unsigned char *has, *other;
	size_t n = g->ncat, m = g->nser;

	if (kind == X_OTHER)
		return 0;
	k = malloc(n * sizeof *k);
	cat = malloc(n * sizeof *cat);
	v = malloc(n * m * sizeof *v);
	has = malloc(n * m);
	other = malloc(n);
	if (!k || !cat || !v || !has || !other) {
		free(k);
		free(cat);
		free(v);
		free(has);
		free(other);
		return -1;
	}
	for (size_t i = 0; i < n; i++)
		key_of(kind, g->cat[i], g->other[i], i, &k[i]);
	qsort(k, n, sizeof *k, order_cmp);
	for (size_t i = 0; i < n; i++) {
		size_t from = k[i].at;

		cat[i] = g->cat[from];
		memcpy(v + i * m, g->v + from * m, m * sizeof *v);
		memcpy(has + i * m, g->has + from * m, m);
		other[i] = g->other[from];
	}
	free(k);
	free(g->cat);
	free(g->v);
	free(g->has);
	free(g->other);
	g->cat = cat;
	g->v = v;
	g->has = has;
	g->other = other;
	return 0;
}

int chart_order_answer(struct chart_block *c)
{
	struct query_result *r = &c->q.res;
	enum x_kind kind = r->ngroups < 2 ? X_OTHER : order_of(c);
	struct order_key *k;
	struct group *out;

	if (kind == X_OTHER)
		return 0;
	k = malloc(r->ngroups * sizeof *k);
	out = malloc(r->ngroups * sizeof *out);
	if (!k || !out) {
		free(k);
		free(out);
		return -1;
	}
	/* groups of one category stay together in their order: the sort is
	   stable, and equal labels have equal keys */
	for (size_t i = 0; i < r->ngroups; i++)
		key_of(kind, r->groups[i].key[0], r->groups[i].is_other, i, &k[i]);
	qsort(k, r->ngroups, sizeof *k, order_cmp);
	for (size_t i = 0; i < r->ngroups; i++)
		out[i] = r->groups[k[i].at];
	free(k);
	free(r->groups);
	r->groups = out;
	return 0;
}

int chart_order_answers(struct doc *doc, struct diag *d)
{
	for (size_t i = 0; i < doc->nblocks; i++)
		if (doc->blocks[i].type == BLOCK_CHART && chart_order_answer(doc->blocks[i].chart) < 0)
			return diag_oom(d);
	return 0;
}
