/* data_latest — the latest value of a column, and what where: does with
 * it once the file is read.  While reading, every distinct value of a
 * column that a condition compares with latest is looked at once (through
 * the column's dictionary), matching rows or not: the largest date, or
 * number, of the whole file.  At the end each condition's values are
 * worked out from it ("latest - 12" is the month a year before), every
 * slice of the query's rows (data_defer.c) is decided once, and the
 * chosen slices' parts become the query's groups, rows and sources. */
#include "data_int.h"

#include <stdlib.h>
#include <string.h>

/* ---- the latest value of a column ---------------------------------------- */

/* A cell's number as the dataset writes them (decimal: , too): the
 * parser data_cell_number() uses, so latest sees what sums see. */
static int cell_num(const struct data_ctx *c, const char *t, size_t len, double *x)
{
	int64_t m;
	int k;

	return c->text.parse_num(t, len, x, &m, &k);
}

/* Look at one new distinct value t[0..len) of l's column (the current
 * row's cell): the largest period and number so far; a column that is
 * neither all dates nor all numbers is an error at the cell. */
static void latest_see(struct data_ctx *c, struct data_latest *l, const char *t, size_t len)
{
	struct period p;
	double v;
	int isp, isn;

	if (len == 0)
		return;
	isp = period_parse(t, len, &p) == 0;
	isn = cell_num(c, t, len, &v) == 0;
	if (isp && (!l->has_p || period_cmp(&p, &l->maxp) > 0))
		l->maxp = p;
	if (isn && (!l->has_n || v > l->maxn))
		l->maxn = v;
	l->has_p |= isp;
	l->has_n |= isn;
	l->all_period &= isp;
	l->all_number &= isn;
	if (l->all_period || l->all_number)
		return;
	if (c->chunk)
		c->redo = 1; /* an earlier chunk may have the first such cell */
	if (!isp && !isn)
		data_field_error(c, (size_t)l->col, "\"%.*s\" is neither a date nor a number: "
				 "latest needs a column of dates or of numbers (column %s)",
				 data_quote_len(t, len), t, c->hdr.names[l->col]);
	else
		data_field_error(c, (size_t)l->col, "\"%.*s\" is a %s, but column %s has %s "
				 "before it: latest needs a column of dates or of numbers",
				 data_quote_len(t, len), t, isp ? "date" : "number",
				 c->hdr.names[l->col], isp ? "numbers" : "dates");
}

/* Every row: the values of the columns compared with latest that the
 * column's dictionary has not had yet (so each distinct value is parsed
 * once). */
void data_latest_row(struct data_ctx *c)
{
	for (size_t i = 0; i < c->nlat && !c->failed; i++) {
		struct data_latest *l = &c->lat[i];
		long id = data_col_id(c, l->col);
		const struct strset *set = &c->dicts[l->col].set;

		for (; id >= 0 && l->nseen <= (size_t)id && !c->failed; l->nseen++)
			latest_see(c, l, set->ents[l->nseen].key, set->ents[l->nseen].len);
	}
}

/* Fold a chunk context's latest values (c1) into c0's.  0, or DATA_REDO
 * when the column mixes dates and numbers only across the two: the error
 * needs its cell, which one thread finds. */
int data_latest_merge(struct data_ctx *c0, const struct data_ctx *c1)
{
	for (size_t i = 0; i < c0->nlat && i < c1->nlat; i++) {
		struct data_latest *a = &c0->lat[i];
		const struct data_latest *b = &c1->lat[i];

		if (b->has_p && (!a->has_p || period_cmp(&b->maxp, &a->maxp) > 0))
			a->maxp = b->maxp;
		if (b->has_n && (!a->has_n || b->maxn > a->maxn))
			a->maxn = b->maxn;
		a->has_p |= b->has_p;
		a->has_n |= b->has_n;
		a->all_period &= b->all_period;
		a->all_number &= b->all_number;
		if (!a->all_period && !a->all_number)
			return DATA_REDO;
	}
	return 0;
}

/* ---- the end: latest known, slices chosen --------------------------------- */

/* A condition's value against its column's latest value. */
struct resolved {
	enum { RV_NONE, RV_NUMBER, RV_PERIOD, RV_TEXT } kind; /* none: the column has
							  no value; text: not latest */
	double n;
	struct period p;
};

/* Resolve value v of condition w with l, its column's latest: the steps
 * applied.  0, or -1 with the error at the value in the spec. */
static int resolve(struct data_ctx *c, const struct query *q, const struct cond *w,
		   const struct cond_value *v, const struct data_latest *l, struct resolved *out)
{
	char iso[32];

	memset(out, 0, sizeof *out);
	if (w->part != PART_WHOLE && (l->has_p || l->has_n) && !l->all_period) {
		data_spec_error_at(c, q, w->line, w->col, "%s(%s) needs dates, but column %s "
				   "holds numbers", query_part_name(w->part), w->column, w->column);
		return -1;
	}
	if (!v->latest) {
		out->kind = RV_TEXT;
		return 0;
	}
	if (!l->has_p && !l->has_n)
		return 0; /* no value: RV_NONE equals nothing */
	if (!l->all_period) {
		out->kind = RV_NUMBER;
		out->n = l->maxn;
		for (size_t k = 0; k < v->nsteps; k++) {
			if (!v->steps[k].back) {
				data_spec_error_at(c, q, w->line, v->col, "%s(latest) needs dates, but "
						   "column %s holds numbers", query_part_name(v->steps[k].part),
						   w->column);
				return -1;
			}
			out->n -= (double)v->steps[k].n;
		}
		return 0;
	}
	out->kind = RV_PERIOD;
	out->p = l->maxp;
	for (size_t k = 0; k < v->nsteps; k++) {
		const struct cond_step *st = &v->steps[k];

		period_format_iso(&out->p, iso, sizeof iso);
		if (st->back && period_add(&out->p, -st->n, &out->p) < 0) {
			data_spec_error_at(c, q, w->line, v->col, "%ld %ss before %s is before the "
					   "year 1", st->n, period_gran_name(out->p.gran), iso);
			return -1;
		}
		if (!st->back && period_truncate(&out->p, (enum period_gran)query_part_gran(st->part),
						 &out->p) < 0) {
			data_spec_error_at(c, q, w->line, v->col, "%s(latest): %s is a %s, with no "
					   "single %s", query_part_name(st->part), iso,
					   period_gran_name(out->p.gran), query_part_name(st->part));
			return -1;
		}
	}
	return 0;
}

/* The value of a slice's text t[0..len) in a column whose latest is l, cut
 * to w's part: 1 (period or number), 0 for an empty cell, -1 error. */
static int slice_value(struct data_ctx *c, const struct query *q, const struct cond *w,
		       const struct data_latest *l, const char *t, size_t len, struct period *p,
		       double *x)
{
	if (len == 0)
		return 0;
	if (!l->all_period)
		return cell_num(c, t, len, x) == 0 ? 1 : -1;
	if (period_parse(t, len, p) < 0)
		return -1;
	if (w->part != PART_WHOLE &&
	    period_truncate(p, (enum period_gran)query_part_gran(w->part), p) < 0) {
		data_spec_error_at(c, q, w->line, w->col, "%s(%s): \"%s\" is a %s, with no single %s",
				   query_part_name(w->part), w->column, t, period_gran_name(p->gran),
				   query_part_name(w->part));
		return -1;
	}
	return 1;
}

/* Compare a slice's value with a resolved value: <0, 0, >0, or 2 when they
 * cannot be compared (different kinds, no latest). */
static int slice_cmp(const struct period *p, double x, int isp, const struct resolved *rv)
{
	if (rv->kind == RV_PERIOD && isp)
		return query_period_cmp(p, &rv->p);
	if (rv->kind == RV_NUMBER && !isp)
		return (x > rv->n) - (x < rv->n);
	return 2;
}

/* = of a slice's text (its value p or x) and value v of w (rv resolved). */
static int slice_eq(const struct data_ctx *c, const struct cond *w, const struct cond_value *v,
		    const struct resolved *rv, const char *t, size_t len, const struct period *p,
		    double x, int isp)
{
	struct period q;
	double y;

	if (rv->kind != RV_TEXT)
		return slice_cmp(p, x, isp, rv) == 0;
	if (w->part != PART_WHOLE || (isp && v->is_period))
		return v->is_period && isp && query_period_cmp(p, &v->period) == 0;
	if (v->is_number && cell_num(c, t, len, &y) == 0)
		return y == v->number;
	if (v->is_period && period_parse(t, len, &q) == 0)
		return query_period_cmp(&q, &v->period) == 0;
	return len == v->len && memcmp(t, v->text, len) == 0;
}

/* Does condition w (its values resolved in rv) hold for a slice whose text
 * in w's column is t?  1, 0, -1 error. */
static int slice_holds(struct data_ctx *c, const struct query *q, const struct cond *w,
		       const struct resolved *rv, const struct data_latest *l, const char *t)
{
	size_t len = strlen(t);
	struct period p = { 0 };
	double x = 0;
	int r = slice_value(c, q, w, l, t, len, &p, &x), isp = l->all_period, cmp, eq = 0;

	if (r < 0)
		return c->failed ? -1 : 0;
	if (r == 0)
		return w->op == COND_NE || w->op == COND_NOT_IN; /* an empty cell */
	switch (w->op) {
	case COND_LT:
	case COND_LE:
	case COND_GT:
	case COND_GE:
		if ((cmp = slice_cmp(&p, x, isp, &rv[0])) == 2)
			return 0;
		return w->op == COND_LT ? cmp < 0 : w->op == COND_LE ? cmp <= 0 :
		       w->op == COND_GT ? cmp > 0 : cmp >= 0;
	default:
		for (size_t k = 0; k < w->nvals && !eq; k++)
			eq = slice_eq(c, w, &w->vals[k], &rv[k], t, len, &p, x, isp);
		return w->op == COND_EQ || w->op == COND_IN ? eq : !eq;
	}
}

/* Decide every slice of s: selected[k].  0 or -1 (error reported). */
static int choose_slices(struct data_ctx *c, struct data_qstate *s, unsigned char *selected)
{
	const struct query *q = s->q;
	struct data_defer *df = s->defer;
	size_t nv = 0, *first = calloc(q->nwhere + 1, sizeof *first);
	const char **texts = calloc(df->ndcol + 1, sizeof *texts);
	struct resolved *rv = NULL;
	int rc = -1;

	for (size_t i = 0; first && i < q->nwhere; i++) {
		first[i] = nv;
		nv += q->where[i].nvals;
	}
	if (!first || !texts || !(rv = calloc(nv + 1, sizeof *rv))) {
		data_oom(c);
		goto out;
	}
	for (size_t i = 0; i < q->nwhere; i++) {
		const struct cond *w = &q->where[i];

		for (size_t k = 0; w->latest && k < w->nvals; k++)
			if (resolve(c, q, w, &w->vals[k], &c->lat[df->dlat[df->cdyn[i]]],
				    &rv[first[i] + k]) < 0)
				goto out;
	}
	for (size_t k = 0; k < df->slices.n; k++) {
		const char *key = df->slices.ents[k].key, *t = key + DATA_MASK_BYTES;
		uint64_t mask;

		memcpy(&mask, key, DATA_MASK_BYTES);
		for (size_t j = 0; j < df->ndcol; j++) {
			texts[j] = t;
			t += strlen(t) + 1;
		}
		for (size_t i = 0; i < q->nwhere; i++) {
			const struct cond *w = &q->where[i];
			int r;

			if (!w->latest || !(mask >> w->group & 1))
				continue;
			r = slice_holds(c, q, w, &rv[first[i]], &c->lat[df->dlat[df->cdyn[i]]],
					texts[df->cdyn[i]]);
			if (r < 0)
				goto out;
			if (!r)
				mask &= ~((uint64_t)1 << w->group);
		}
		selected[k] = mask != 0;
	}
	rc = 0;
out:
	free(first);
	free(texts);
	free(rv);
	return rc;
}

/* The groups from the chosen slices' parts, in the order of their first
 * chosen row (what one pass with latest written out would have made). */
static int regroup(struct data_qstate *s, const unsigned char *selected)
{
	struct data_defer *df = s->defer;
	size_t n = s->groups.n, nk = 0;
	struct data_acc *acc = calloc(n + 1, sizeof *acc), *out = NULL;
	size_t *order = calloc(n + 1, sizeof *order);
	struct strset kept = { 0 };
	int added, rc = -1;

	if (!acc || !order)
		goto done;
	/* the parts were made in the order of their first rows (chunks merge
	 * in file order), so a group's first chosen part says where it comes;
	 * not its line, which in a folder starts again in each part */
	for (size_t p = 0; p < df->npart; p++) {
		size_t g = df->pg[p];

		if (!selected[df->ps[p]])
			continue;
		if (!acc[g].rows && df->pacc[p].rows)
			order[nk++] = g;
		data_acc_merge(&acc[g], &df->pacc[p]);
	}
	if (!(out = calloc(nk + 1, sizeof *out)))
		goto done;
	for (size_t i = 0; i < nk; i++) {
		const struct strset_ent *e = &s->groups.ents[order[i]];

		if (strset_add(&kept, e->key, e->len, &added) < 0)
			goto done;
		out[i] = acc[order[i]];
	}
	strset_free(&s->groups);
	s->groups = kept;
	memset(&kept, 0, sizeof kept);
	free(s->acc);
	s->acc = out;
	s->acc_cap = nk + 1;
	out = NULL;
	rc = 0;
done:
	strset_free(&kept);
	free(out);
	free(acc);
	free(order);
	return rc;
}

/* Once the file is read (in the reading thread's context): choose the
 * slices, then make s's groups (or kept rows), matching-row count, sources
 * and illustrative mark from the chosen ones.  0, or -1 (reported, or out
 * of memory). */
int data_defer_finish(struct data_ctx *c, struct data_qstate *s)
{
	struct data_defer *df = s->defer;
	struct query_result *r = s->res;
	unsigned char *selected = calloc(df->slices.n + 1, 1);
	size_t nc = s->q->ncolumns, o = 0;

	if (!selected) {
		data_oom(c);
		return -1;
	}
	if (choose_slices(c, s, selected) < 0) {
		free(selected);
		return -1;
	}
	r->rows_matched = 0;
	for (size_t k = 0; k < df->slices.n; k++)
		if (selected[k]) {
			r->rows_matched += df->sl[k].rows;
			r->illustrative |= df->sl[k].illus;
		}
	/* df->su is in the order of first use already (rows in file order,
	 * chunks merged in file order): no sort by line, which in a folder
	 * starts again in each part */
	for (size_t k = 0; k < df->nsu && !c->failed; k++)
		if (selected[df->su[k].slice])
			data_note_source_id(c, s, (long)df->su[k].src);
	for (size_t k = 0; k < r->nrows; k++) {
		if (selected[df->row_slice[k]] && (!s->q->max_rows || o < s->q->max_rows)) {
			memmove(&r->cells[o * nc], &r->cells[k * nc], nc * sizeof *r->cells);
			r->lines[o++] = r->lines[k];
		} else {
			for (size_t j = 0; j < nc; j++)
				free(r->cells[k * nc + j]);
		}
	}
	r->nrows = o;
	if (s->q->mode == QUERY_AGGREGATE && regroup(s, selected) < 0)
		data_oom(c);
	free(selected);
	return c->failed ? -1 : 0;
}
