/* data_acc — what a query gathers while reading: accumulators with their
 * exact sums, accumulators folded together (into "Other", from the chunks
 * of a file read in parallel, from the slices of a where: with latest),
 * and its sources in first-seen order.  Below every file that reads rows,
 * merges or finishes, so they all call down to it. */
#include "data_int.h"

#include "grow.h"

/* Powers of ten as integers, 10^0 .. 10^18. */
const int64_t data_p10[19] = {
	1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000,
	10000000000, 100000000000, 1000000000000, 10000000000000, 100000000000000,
	1000000000000000, 10000000000000000, 100000000000000000, 1000000000000000000
};

/* Add m / 10^k to a's exact sum (k in 0..18, or -1: not exact). */
void data_acc_exact(struct data_acc *a, data_wide m, int k)
{
	data_wide t;

	if (a->inexact)
		return;
	if (k < 0)
		goto inexact;
	if (k > a->iscale) {
		if (__builtin_mul_overflow(a->isum, (data_wide)data_p10[k - a->iscale], &t))
			goto inexact;
		a->isum = t;
		a->iscale = k;
	} else if (k < a->iscale &&
		   __builtin_mul_overflow(m, (data_wide)data_p10[a->iscale - k], &m)) {
		goto inexact;
	}
	if (__builtin_add_overflow(a->isum, m, &t))
		goto inexact;
	a->isum = t;
	return;
inexact:
	a->inexact = 1;
}

/* Fold accumulator a into `into` (for "Other", the parts of a file read in
 * parallel, the slices of a where: with latest). */
void data_acc_merge(struct data_acc *into, const struct data_acc *a)
{
	if (a->count > a->dates) { /* numbers */
		int none = into->count == into->dates;

		if (none || a->min < into->min)
			into->min = a->min;
		if (none || a->max > into->max)
			into->max = a->max;
	}
	if (a->dates) {
		if (!into->dates || period_cmp(&a->pmin, &into->pmin) < 0)
			into->pmin = a->pmin;
		if (!into->dates || period_cmp(&a->pmax, &into->pmax) > 0)
			into->pmax = a->pmax;
		into->dates += a->dates;
	}
	if (a->inexact)
		into->inexact = 1;
	else
		data_acc_exact(into, a->isum, a->iscale);
	into->sum += a->sum;
	into->count += a->count;
	into->rows += a->rows;
	/* merges come in first-seen order (chunks in file order, groups into
	 * Other, a latest query's parts in the order they were made): the first
	 * line stays; not the least, which in a folder's later parts (their
	 * lines count from 1 again) is not the first */
	if (!into->line)
		into->line = a->line;
}

/* Note source id (in c->src.set) as one of s's sources. */
void data_note_source_id(struct data_ctx *c, struct data_qstate *s, long id)
{
	struct query_result *r = s->res;

	if ((size_t)id < s->seen_cap && s->src_seen[id])
		return;
	if (grow_array_zero(&s->src_seen, &s->seen_cap, (size_t)id + 1, 1) < 0 ||
	    grow_array(&s->src_order, &s->src_cap, s->nsrc + 1, sizeof *s->src_order) < 0) {
		data_oom(c);
		return;
	}
	s->src_seen[id] = 1;
	s->src_order[s->nsrc++] = (size_t)id;
	if (c->src.illus[id])
		r->illustrative = 1;
}

