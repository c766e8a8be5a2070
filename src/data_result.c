/* data_result — a query's answer from its accumulated groups: exact sums
 * as doubles, categories ranked, top-N with the rest folded into "Other",
 * the sort; and the answers every query gets (counts, header, sources). */
#include "data_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "num.h"

/* The exact sum isum / 10^scale (scale 0..18) as the nearest double: one
 * division when both are exact doubles, else strtod_l() (through
 * num_parse()) of its digits. */
static double wide_double(data_wide isum, int scale, double fallback)
{
	char buf[64], *p = buf + 44, *e = p;
	int neg = isum < 0;
	data_uwide u = neg ? -(data_uwide)isum : (data_uwide)isum;
	double v;

	if (u <= (data_uwide)1 << 53)
		return (neg ? -(double)u : (double)u) / (double)data_p10[scale];
	do
		*--p = (char)('0' + (int)(u % 10));
	while ((u /= 10) != 0);
	if (neg)
		*--p = '-';
	e += snprintf(e, 16, "e-%d", scale);
	return num_parse(p, (size_t)(e - p), &v) == 0 ? v : fallback;
}

/* Sum of a's values: exact when it could be kept so. */
static double acc_sum(const struct data_acc *a)
{
	if (a->inexact)
		return a->sum;
	if (a->isum == 0)
		return a->sum == 0 ? a->sum : 0.0; /* keeps -0 for "-0" */
	return wide_double(a->isum, a->iscale, a->sum);
}

/* The aggregate of an accumulator (0 when it saw no value: see
 * acc_missing()); the earliest or latest of dates as its first day
 * (period_start_days()). */
static double acc_value(const struct data_acc *a, enum agg_kind k)
{
	switch (k) {
	case AGG_SUM: return acc_sum(a);
	case AGG_MEAN: return a->count ? acc_sum(a) / (double)a->count : 0;
	case AGG_COUNT: return (double)a->count;
	case AGG_MIN: return a->dates ? (double)period_start_days(&a->pmin) : a->count ? a->min : 0;
	case AGG_MAX: return a->dates ? (double)period_start_days(&a->pmax) : a->count ? a->max : 0;
	}
	return 0;
}

/* Whether the aggregate of a has no value: a sum, mean, min or max over
 * rows whose value cells were all empty is missing, not 0 (a count of
 * them is 0). */
static int acc_missing(const struct data_acc *a, enum agg_kind k)
{
	return k != AGG_COUNT && a->count == 0;
}

/* Fill g from a with copies of the labels; -1 on OOM. */
static int fill_group(struct group *g, const struct data_acc *a, enum agg_kind k,
		      const char *k0, const char *k1, int is_other)
{
	memset(g, 0, sizeof *g);
	g->value = acc_value(a, k);
	g->sum = k == AGG_COUNT ? (double)a->count : acc_sum(a);
	g->count = a->count;
	g->line = a->line;
	g->is_other = is_other;
	g->missing = acc_missing(a, k);
	if (a->dates)
		g->period = k == AGG_MIN ? a->pmin : a->pmax;
	if ((k0 && !(g->key[0] = strdup(k0))) || (k1 && !(g->key[1] = strdup(k1)))) {
		free(g->key[0]);
		g->key[0] = NULL;
		return -1;
	}
	return 0;
}

/* Labels compare as numbers when both are numbers, numbers before text,
 * else bytewise. */
static int label_cmp(const char *a, const char *b)
{
	double x, y;
	int na = num_parse(a, strlen(a), &x) == 0, nb = num_parse(b, strlen(b), &y) == 0;

	if (na && nb && x != y)
		return x < y ? -1 : 1;
	if (na != nb)
		return na ? -1 : 1;
	return strcmp(a, b);
}

/* A category (first group column value) being ranked. */
struct rank {
	double total;       /* sum of its groups' values */
	const char *label;  /* its label */
	size_t idx;         /* first-seen index: the tie-break */
	int valued;         /* some group of it has a value (not missing) */
	int is_date;        /* the label is a date (of a date column) */
	struct period per;  /* that date */
};

static int rank_by_index(const void *pa, const void *pb)
{
	const struct rank *a = pa, *b = pb;

	return a->idx < b->idx ? -1 : a->idx > b->idx;
}

/* Ranked by value, categories without any value come last, whichever
 * the direction: a missing value is neither small nor large. */
static int rank_ascending(const void *pa, const void *pb)
{
	const struct rank *a = pa, *b = pb;

	if (a->valued != b->valued)
		return a->valued ? -1 : 1;
	if (a->total != b->total)
		return a->total < b->total ? -1 : 1;
	return rank_by_index(pa, pb);
}

static int rank_descending(const void *pa, const void *pb)
{
	const struct rank *a = pa, *b = pb;

	if (a->valued != b->valued)
		return a->valued ? -1 : 1;
	if (a->total != b->total)
		return a->total > b->total ? -1 : 1;
	return rank_by_index(pa, pb);
}

static int rank_by_label(const void *pa, const void *pb)
{
	const struct rank *a = pa, *b = pb;
	int r = label_cmp(a->label, b->label);

	return r ? r : rank_by_index(pa, pb);
}

/* Labels of a date column: dates first, chronologically (period_cmp()),
 * then an empty label; 0 for two of the same date or two empty. */
static int date_label_cmp(int a_is_date, const struct period *a, int b_is_date,
			  const struct period *b)
{
	if (a_is_date != b_is_date)
		return a_is_date ? -1 : 1;
	return a_is_date ? period_cmp(a, b) : 0;
}

static int rank_by_date(const void *pa, const void *pb)
{
	const struct rank *a = pa, *b = pb;
	int r = date_label_cmp(a->is_date, &a->per, b->is_date, &b->per);

	return r ? r : rank_by_index(pa, pb);
}

/* Working arrays of finish_groups(). */
struct order {
	size_t *cat;            /* category of each group */
	struct rank *rank; /* categories */
	size_t *start;          /* ncat + 1: members of cat c are by_cat[start[c]..start[c+1]) */
	size_t *by_cat;         /* groups ordered by category, first-seen within
				   (chronologically when the second key is a date) */
	unsigned char *kept;    /* per category: not folded into Other */
};

static void order_free(struct order *o)
{
	free(o->cat);
	free(o->rank);
	free(o->start);
	free(o->by_cat);
	free(o->kept);
}

/* Second label of group g ("" with one group column). */
static const char *second_label(const struct strset *gs, size_t g)
{
	const struct strset_ent *e = &gs->ents[g];
	size_t l0 = strlen(e->key);

	return l0 < e->len ? e->key + l0 + 1 : NULL;
}

/* Whether group column k (0 or 1) of s is a date column: every non-empty
 * key an ISO period, and one at least (query.h's key_is_date). */
static int keys_are_dates(const struct data_qstate *s, int k)
{
	const struct strset *gs = &s->groups;
	struct period p;
	int any = 0;

	if ((size_t)k >= s->q->ngroup)
		return 0;
	for (size_t g = 0; g < gs->n; g++) {
		const char *t = k == 0 ? gs->ents[g].key : second_label(gs, g);
		size_t len = t ? strlen(t) : 0;

		if (!len)
			continue;
		if (period_parse(t, len, &p) < 0)
			return 0;
		any = 1;
	}
	return any;
}

/* A group of a category, ordered by its second key's date. */
struct member {
	size_t g;
	int is_date;
	struct period per;
};

static int member_by_date(const void *pa, const void *pb)
{
	const struct member *a = pa, *b = pb;
	int r = date_label_cmp(a->is_date, &a->per, b->is_date, &b->per);

	return r ? r : (a->g > b->g) - (a->g < b->g);
}

/* The groups of each category in the order of their second keys' dates
 * (x: flow, series: year).  0 or -1 (OOM). */
static int members_by_date(const struct data_qstate *s, struct order *o, size_t ncat)
{
	const struct strset *gs = &s->groups;
	struct member *m = calloc(gs->n + 1, sizeof *m);

	if (!m)
		return -1;
	for (size_t c = 0; c < ncat; c++) {
		size_t a = o->start[c], n = o->start[c + 1] - a;

		for (size_t i = 0; i < n; i++) {
			const char *t = second_label(gs, o->by_cat[a + i]);

			m[i].g = o->by_cat[a + i];
			m[i].is_date = t && period_parse(t, strlen(t), &m[i].per) == 0;
		}
		qsort(m, n, sizeof *m, member_by_date);
		for (size_t i = 0; i < n; i++)
			o->by_cat[a + i] = m[i].g;
	}
	free(m);
	return 0;
}

/* Categories: each group with one group column; each distinct first label
 * with two.  Fills o (cat, rank with totals, by_cat) and returns ncat, or
 * (size_t)-1 on OOM. */
static size_t categories(const struct data_qstate *s, struct order *o, int dates)
{
	const struct strset *gs = &s->groups;
	struct strset cats = { 0 };
	size_t n = gs->n, ncat = 0;
	int added;

	o->cat = calloc(n + 1, sizeof *o->cat);
	o->rank = calloc(n + 1, sizeof *o->rank);
	o->start = calloc(n + 2, sizeof *o->start);
	o->by_cat = calloc(n + 1, sizeof *o->by_cat);
	o->kept = calloc(n + 1, 1);
	if (!o->cat || !o->rank || !o->start || !o->by_cat || !o->kept)
		return (size_t)-1;
	for (size_t g = 0; g < n; g++) {
		const char *k0 = gs->ents[g].key;
		long ci = strset_add(&cats, k0, strlen(k0), &added);

		if (ci < 0) {
			strset_free(&cats);
			return (size_t)-1;
		}
		o->cat[g] = (size_t)ci;
		if (added) {
			o->rank[ci].label = k0;
			o->rank[ci].idx = (size_t)ci;
			o->rank[ci].is_date = dates && *k0 &&
					      period_parse(k0, strlen(k0), &o->rank[ci].per) == 0;
			ncat++;
		}
		o->rank[ci].total += acc_value(&s->acc[g], s->q->agg);
		o->rank[ci].valued |= !acc_missing(&s->acc[g], s->q->agg);
		o->start[ci + 1]++;
	}
	strset_free(&cats);
	for (size_t c = 0; c < ncat; c++)
		o->start[c + 1] += o->start[c];
	{
		size_t *fill = calloc(ncat + 1, sizeof *fill);

		if (!fill)
			return (size_t)-1;
		for (size_t g = 0; g < n; g++)
			o->by_cat[o->start[o->cat[g]] + fill[o->cat[g]]++] = g;
		free(fill);
	}
	return ncat;
}

/* Fold the groups of categories not kept into "Other" groups (one, or one
 * per second label), appended to out at *no. */
static int fold_others(const struct data_qstate *s, const struct order *o,
		       struct group *out, size_t *no)
{
	const struct strset *gs = &s->groups;
	struct strset seconds = { 0 };
	struct data_acc *acc = calloc(gs->n + 1, sizeof *acc);
	size_t nb = 0;
	int rc = 0, added;

	if (!acc)
		return -1;
	for (size_t g = 0; g < gs->n; g++) {
		const char *k1 = second_label(gs, g);
		long b = 0;

		if (o->kept[o->cat[g]])
			continue;
		if (k1 && (b = strset_add(&seconds, k1, strlen(k1), &added)) < 0) {
			rc = -1;
			goto out;
		}
		if ((size_t)b + 1 > nb)
			nb = (size_t)b + 1;
		data_acc_merge(&acc[b], &s->acc[g]);
	}
	for (size_t b = 0; b < nb && rc == 0; b++, (*no)++)
		rc = fill_group(&out[*no], &acc[b], s->q->agg,
				s->q->other_label ? s->q->other_label : "Other",
				s->q->ngroup == 2 ? seconds.ents[b].key : NULL, 1);
out:
	strset_free(&seconds);
	free(acc);
	return rc;
}

/* Turn the accumulated groups into res.groups: values, top-N with "Other"
 * (or without, the rest dropped, for other: no), then the sort (a date
 * column's categories chronologically, but for sort: value and -value).
 * Categories (groups, or first labels with two group columns) are ranked
 * as a whole, keeping their groups together in first-seen order (in time
 * order with a date as second key); Other always comes last.  -1 on OOM. */
static int finish_groups(struct data_qstate *s)
{
	struct query *q = s->q;
	const struct strset *gs = &s->groups;
	struct order o = { 0 };
	struct group *out;
	size_t ncat, no = 0, nkept, top;
	int rc = -1;

	if (q->ngroup == 0) {
		if (gs->n == 0)
			return 0;
		if (!(q->res.groups = calloc(1, sizeof *q->res.groups)))
			return -1;
		q->res.ngroups = 1;
		return fill_group(&q->res.groups[0], &s->acc[0], q->agg, NULL, NULL, 0);
	}
	q->res.key_is_date[0] = keys_are_dates(s, 0);
	q->res.key_is_date[1] = keys_are_dates(s, 1);
	ncat = categories(s, &o, q->res.key_is_date[0]);
	out = calloc(2 * gs->n + 1, sizeof *out);
	if (ncat == (size_t)-1 || !out ||
	    (q->res.key_is_date[1] && members_by_date(s, &o, ncat) < 0))
		goto done;
	q->res.groups = out;
	q->res.ncategories = nkept = ncat;
	top = q->top;
	if (!top && q->auto_top && ncat > q->auto_top)
		top = q->auto_top - 1; /* room for "Other" within auto_top */
	if (top > 0 && ncat > top) {
		qsort(o.rank, ncat, sizeof *o.rank, rank_descending);
		nkept = top;
	}
	for (size_t i = 0; i < nkept; i++)
		o.kept[o.rank[i].idx] = 1;
	/* dates come chronologically unless sorted by value */
	qsort(o.rank, nkept, sizeof *o.rank,
	      q->sort == SORT_VALUE ? rank_ascending : q->sort == SORT_VALUE_DESC ?
	      rank_descending : q->res.key_is_date[0] ? rank_by_date :
	      q->sort == SORT_LABEL ? rank_by_label : rank_by_index);
	for (size_t i = 0; i < nkept; i++) {
		size_t c = o.rank[i].idx;

		for (size_t m = o.start[c]; m < o.start[c + 1]; m++, no++) {
			size_t g = o.by_cat[m];

			q->res.ngroups = no;
			if (fill_group(&out[no], &s->acc[g], q->agg, gs->ents[g].key,
				       second_label(gs, g), 0) < 0)
				goto done;
		}
	}
	q->res.ngroups = no;
	if (nkept < ncat && !q->no_other && fold_others(s, &o, out, &no) < 0)
		goto done;
	rc = 0;
done:
	q->res.ngroups = no;
	order_free(&o);
	return rc;
}

/* Every group's value finite: a sum may still overflow where add_row
 * cannot see it (parts of a file read apart added up, or "Other").  An error
 * at the group's first row (its cell is gone by now: no column). */
static void check_finite(struct data_ctx *c, struct data_qstate *s)
{
	const struct query *q = s->q;

	for (size_t i = 0; i < q->res.ngroups; i++) {
		const struct group *g = &q->res.groups[i];

		if (isfinite(g->value) && isfinite(g->sum))
			continue;
		diag_error(c->d, EXIT_DATAERR, c->path, (int)g->line, 0,
			   "the sum of column %s is too large (over 1.8e308)",
			   q->value ? q->value : "?");
		c->failed = 1;
		return;
	}
}

/* Copy the answers every query gets: counts, header, sources; check the
 * sums.  -1 when out of memory (other errors set c->failed). */
int data_finish_query(struct data_ctx *c, struct data_qstate *s)
{
	struct query_result *r = &s->q->res;

	if (s->defer && data_defer_finish(c, s) < 0)
		return c->failed ? 0 : -1;

	r->rows_read = c->rows_read;
	if (!(r->header = calloc(c->hdr.ncols + 1, sizeof *r->header)))
		return -1;
	for (; r->nheader < c->hdr.ncols; r->nheader++)
		if (!(r->header[r->nheader] = strdup(c->hdr.names[r->nheader])))
			return -1;
	if (s->nsrc) {
		if (!(r->sources = calloc(s->nsrc, sizeof *r->sources)))
			return -1;
		for (; r->nsources < s->nsrc; r->nsources++) {
			const char *src = c->src.set.ents[s->src_order[r->nsources]].key;

			if (!(r->sources[r->nsources] = strdup(src)))
				return -1;
		}
	}
	if (s->q->mode != QUERY_AGGREGATE)
		return 0;
	if (finish_groups(s) < 0)
		return -1;
	if (s->vdates && (s->q->agg == AGG_MIN || s->q->agg == AGG_MAX)) {
		r->value_is_date = 1;
		if (r->ngroups)
			r->value_period = r->groups[0].period;
	}
	check_finite(c, s);
	return 0;
}
