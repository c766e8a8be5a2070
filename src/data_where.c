/* data_where — where: conditions row by row, beyond the plain ones that
 * data_rows.c's row_matches() tests itself: groups joined by "or", in,
 * contains, is empty, dates compared as dates, year()/quarter()/month() of
 * a column; and, for a where: with latest, which groups hold without the
 * conditions on latest (data_defer.c decides the rest at the end).  The
 * semantics are struct cond's (include/query.h). */
#include "data_int.h"

#include <string.h>

/* The period in column col of this row: 1 and *p, 0 for an empty cell, -1
 * for anything else.  Parsed once per row however many conditions ask. */
int data_cell_period(struct data_ctx *c, int col, struct period *p)
{
	struct data_cell *cl = &c->row.cells[col];

	if (cl->per_seq != c->row.seq) {
		cl->per_seq = c->row.seq;
		if (cl->tb == cl->ta)
			cl->per = 2;
		else
			cl->per = period_parse(c->row.base + cl->ta, cl->tb - cl->ta, &cl->p) == 0 ?
				  1 : 3;
	}
	*p = cl->p;
	return cl->per == 1 ? 1 : cl->per == 2 ? 0 : -1;
}

/* The cell of condition w cut to its part: 1 and *p, 0 empty, -1 error
 * (reported: not a date, or a date finer parts cannot be cut from). */
static int cell_part(struct data_ctx *c, int col, const struct cond *w, struct period *p)
{
	int r = data_cell_period(c, col, p);
	char what[160];

	if (r <= 0) {
		if (r < 0) {
			snprintf(what, sizeof what, "in %s(%s), in where:", query_part_name(w->part),
				 w->column);
			data_not_date(c, col, what);
		}
		return r;
	}
	if (period_truncate(p, (enum period_gran)query_part_gran(w->part), p) < 0) {
		size_t len;
		const char *t = data_cell_text(c, col, &len);

		data_field_error(c, (size_t)col, "\"%.*s\" is a %s: it has no single %s (column "
				 "%s, in %s(%s), in where:)", data_quote_len(t, len), t,
				 period_gran_name(p->gran), query_part_name(w->part), w->column,
				 query_part_name(w->part), w->column);
		return -1;
	}
	return 1;
}

/* Does the cell of w equal value v (= semantics)?  1, 0, -1 error. */
static int value_eq(struct data_ctx *c, int col, const struct cond *w,
		    const struct cond_value *v)
{
	struct period p;
	size_t len;
	const char *t;
	double x;
	int r;

	if (w->part != PART_WHOLE) {
		if ((r = cell_part(c, col, w, &p)) <= 0)
			return r;
		return query_period_cmp(&p, &v->period) == 0;
	}
	if (v->is_number && data_cell_number(c, col, &x) == 1)
		return x == v->number;
	if (v->is_period && data_cell_period(c, col, &p) == 1)
		return query_period_cmp(&p, &v->period) == 0;
	t = data_cell_text(c, col, &len);
	return len == v->len && strset_bytes_eq(t, v->text, len);
}

/* < <= > >= of the cell of w against v: 1, 0 (an empty cell), -1 error. */
static int value_order(struct data_ctx *c, int col, const struct cond *w,
		       const struct cond_value *v)
{
	struct period p;
	double x;
	int r, cmp;

	if (w->part != PART_WHOLE) {
		if ((r = cell_part(c, col, w, &p)) <= 0)
			return r;
		cmp = query_period_cmp(&p, &v->period);
	} else if (v->is_number && (r = data_cell_number(c, col, &x)) >= 0) {
		if (r == 0)
			return 0;
		cmp = (x > v->number) - (x < v->number);
	} else if (v->is_period && (r = data_cell_period(c, col, &p)) >= 0) {
		if (r == 0)
			return 0;
		cmp = query_period_cmp(&p, &v->period);
	} else {
		if (v->is_number)
			data_not_number(c, col, ", in where:");
		else
			data_not_date(c, col, "in where:");
		return -1;
	}
	switch (w->op) {
	case COND_LT: return cmp < 0;
	case COND_LE: return cmp <= 0;
	case COND_GT: return cmp > 0;
	default: return cmp >= 0;
	}
}

int data_where_cond(struct data_ctx *c, const struct data_qstate *s, size_t i)
{
	const struct cond *w = &s->q->where[i];
	int col = s->wcol[i], r = 0;
	size_t len;
	const char *t;

	switch (w->op) {
	case COND_EQ:
	case COND_NE:
		if ((r = value_eq(c, col, w, &w->vals[0])) < 0)
			return -1;
		return w->op == COND_EQ ? r : !r;
	case COND_LT:
	case COND_LE:
	case COND_GT:
	case COND_GE:
		return value_order(c, col, w, &w->vals[0]);
	case COND_IN:
	case COND_NOT_IN:
		for (size_t k = 0; k < w->nvals && r == 0; k++)
			if ((r = value_eq(c, col, w, &w->vals[k])) < 0)
				return -1;
		return w->op == COND_IN ? r : !r;
	case COND_CONTAINS:
	case COND_NOT_CONTAINS:
		t = data_cell_text(c, col, &len);
		r = memmem(t, len, w->vals[0].text, w->vals[0].len) != NULL;
		return w->op == COND_CONTAINS ? r : !r;
	case COND_EMPTY:
	case COND_NOT_EMPTY:
		data_cell_text(c, col, &len);
		return w->op == COND_EMPTY ? len == 0 : len > 0;
	}
	return 0;
}

/* The groups of s's where: whose conditions hold for the current row: bit
 * g of *mask for group g; conditions on latest are left out (decided at the
 * end) when skip_latest; with first, the first group that holds ends it.
 * Conditions come group by group (query_parse_where()).  0, or -1 on
 * error. */
static int groups_holding(struct data_ctx *c, const struct data_qstate *s, int skip_latest,
			  int first, uint64_t *mask)
{
	const struct query *q = s->q;
	size_t i = 0;

	*mask = 0;
	while (i < q->nwhere) {
		size_t g = q->where[i].group;
		int ok = 1, r;

		for (; i < q->nwhere && q->where[i].group == g; i++) {
			if (!ok || (skip_latest && q->where[i].latest))
				continue;
			if ((r = data_where_cond(c, s, i)) < 0)
				return -1;
			ok = r;
		}
		if (ok) {
			*mask |= (uint64_t)1 << g;
			if (first)
				return 0;
		}
	}
	return 0;
}

/* Where: of a query without latest: some group whose conditions all hold.
 * 1, 0, -1 error. */
int data_where_match(struct data_ctx *c, const struct data_qstate *s)
{
	uint64_t mask;

	if (groups_holding(c, s, 0, 1, &mask) < 0)
		return -1;
	return s->q->nwhere == 0 || mask != 0;
}

/* Where: of a query with latest: bit g of *mask for each group g whose
 * conditions without latest all hold (those with latest are decided at
 * the end).  0, or -1 on error. */
int data_where_mask(struct data_ctx *c, const struct data_qstate *s, uint64_t *mask)
{
	return groups_holding(c, s, 1, 0, mask);
}

/* = of condition i (plain, one value) for the current row, for a cell that
 * is not the value's text: a date, or a number written otherwise. */
int data_where_eq(struct data_ctx *c, const struct data_qstate *s, size_t i)
{
	return value_eq(c, s->wcol[i], &s->q->where[i], &s->q->where[i].vals[0]);
}
