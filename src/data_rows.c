/* data_rows — libcsv's callbacks: each field of a needed column copied into
 * the row's buffer, then each complete row checked and handed to every
 * query: where:, the sources and the illustrative mark, and either the
 * row's group (aggregate) or a copy of its cells (rows); a where: with
 * latest puts the row in its slice (data_defer.c).  This is the hot
 * path: it runs for every field and row of the file. */
#include "data_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "grow.h"
#include "num.h"

/* Does the current row pass q's plain where:?  1 yes, 0 no, -1 error.  A
 * number on both sides, or the same text, decides at once; a date, an
 * empty cell or an error goes to data_where.c, as does every other where:
 * (or, in, year(), …: row_full()). */
static inline __attribute__((always_inline)) int row_matches(struct data_ctx *c,
							     const struct data_qstate *s)
{
	const struct query *q = s->q;

	for (size_t i = 0; i < q->nwhere; i++) {
		const struct cond *w = &q->where[i];
		const struct cond_value *wv = w->vals;
		int col = s->wcol[i], ok;
		double v;

		if (w->op == COND_EQ || w->op == COND_NE) {
			if (wv->is_number && data_cell_number(c, col, &v) == 1) {
				ok = v == wv->number;
			} else {
				size_t len;
				const char *t = data_cell_text(c, col, &len);

				ok = len == wv->len && strset_bytes_eq(t, wv->text, len);
				if (!ok && wv->is_period && (ok = data_where_eq(c, s, i)) < 0)
					return -1; /* "2024-06" = 2024 */
			}
			if (w->op == COND_NE)
				ok = !ok;
		} else if (wv->is_number && data_cell_number(c, col, &v) == 1) {
			ok = w->op == COND_LT ? v < wv->number : w->op == COND_LE ? v <= wv->number :
			     w->op == COND_GT ? v > wv->number : v >= wv->number;
		} else if ((ok = data_where_cond(c, s, i)) < 0) {
			return -1; /* dates, an empty cell, or not a number */
		}
		if (!ok)
			return 0;
	}
	return 1;
}

static int contains_nocase(const char *s, size_t n, const char *word)
{
	size_t wl = strlen(word);

	for (size_t i = 0; i + wl <= n; i++)
		if (strncasecmp(s + i, word, wl) == 0)
			return 1;
	return 0;
}

/* Source id of the current row (looked up once per row, whatever the number
 * of queries, and not hashed when it is one of the last two seen); -1 when the
 * file has no source column or the cell is empty, -2 on OOM. */
static long source_of_row(struct data_ctx *c)
{
	const struct strset_ent *e;
	const char *t;
	size_t len;
	int added;
	long i;

	if (c->row.source != -2 || c->hdr.col_source < 0)
		return c->hdr.col_source < 0 ? -1 : c->row.source;
	t = data_cell_text(c, c->hdr.col_source, &len);
	if (len == 0)
		return c->row.source = -1;
	for (int j = 0; j < 2 && c->src.last[j] >= 0; j++) {
		e = &c->src.set.ents[c->src.last[j]];
		if (e->len == len && strset_bytes_eq(e->key, t, len))
			return c->row.source = c->src.last[j];
	}
	i = strset_add(&c->src.set, t, len, &added);
	if (i < 0 || grow_array(&c->src.illus, &c->src.illus_cap, (size_t)i + 1, 1) < 0) {
		data_oom(c);
		return -2;
	}
	if (added)
		c->src.illus[i] = (unsigned char)contains_nocase(t, len, "illustrative");
	c->src.last[1] = c->src.last[0];
	return c->row.source = c->src.last[0] = i;
}

/* Note the source and the illustrative mark of a matching row (of slice
 * `slice` of a where: with latest, else -1). */
static inline void note_source(struct data_ctx *c, struct data_qstate *s, long slice)
{
	struct query_result *r = s->res;
	size_t len;
	const char *t;
	int illus = 0;
	long id;

	if (c->hdr.col_illus >= 0 && (slice >= 0 || !r->illustrative)) {
		t = data_cell_text(c, c->hdr.col_illus, &len);
		illus = (len == 3 && strncasecmp(t, "yes", 3) == 0) ||
			(len == 4 && strncasecmp(t, "true", 4) == 0) || (len == 1 && t[0] == '1');
	}
	id = source_of_row(c);
	if (slice >= 0) {
		data_defer_source(c, s, slice, illus, id);
		return;
	}
	if (illus)
		r->illustrative = 1;
	if (id >= 0)
		data_note_source_id(c, s, id);
}

/* Rows mode: keep copies of the query's columns of this row. */
static void keep_row(struct data_ctx *c, struct data_qstate *s)
{
	struct query *q = s->q;
	struct query_result *r = s->res;
	size_t nc = q->ncolumns, cap = s->rows_cap;

	if (grow_array(&r->lines, &cap, r->nrows + 1, sizeof *r->lines) < 0) {
		data_oom(c);
		return;
	}
	if (cap != s->rows_cap) {
		char **cells = realloc(r->cells, (cap * nc + 1) * sizeof *cells);

		if (!cells) {
			data_oom(c);
			return;
		}
		r->cells = cells;
		s->rows_cap = cap;
	}
	for (size_t j = 0; j < nc; j++) {
		const struct data_cell *cl = &c->row.cells[s->rcol[j]];
		char *v = strndup(c->row.base + cl->off, cl->len);

		if (!v) {
			for (size_t k = 0; k < j; k++)
				free(r->cells[r->nrows * nc + k]);
			data_oom(c);
			return;
		}
		r->cells[r->nrows * nc + j] = v;
	}
	r->lines[r->nrows++] = data_row_line(c);
}

/* The group of s with key[0..len), made (first-seen now) unless merged
 * from a chunk already (see data_pipe_run()); -1 on OOM. */
static long new_group(struct data_ctx *c, struct data_qstate *s, const char *key,
		      size_t len)
{
	int added;
	long g = strset_add(&s->groups, key, len, &added);

	if (g < 0 || grow_array(&s->acc, &s->acc_cap, (size_t)g + 1, sizeof *s->acc) < 0) {
		data_oom(c);
		return -1;
	}
	if (!added)
		return g;
	memset(&s->acc[g], 0, sizeof s->acc[g]);
	s->acc[g].line = data_row_line(c);
	return g;
}

/* The dictionary entry of group column k's id (cut to its part, like
 * year(month), when the query asks: data_roll_id()). */
static const struct strset_ent *key_ent(struct data_ctx *c, const struct data_qstate *s,
					int k, long id)
{
	if (s->q->group_part[k] != PART_WHOLE)
		return &s->rolled[k].ents[id];
	return &c->dicts[s->gcol[k]].set.ents[id];
}

/* The id of this row's key in group column k; -1 on error (reported).
 * parts: the query may group by a part of a date column (a constant once
 * inlined: row_done()'s fast path has none). */
static inline __attribute__((always_inline)) long key_id(struct data_ctx *c,
							 struct data_qstate *s, int k, int parts)
{
	long id = data_col_id(c, s->gcol[k]);

	if (parts && s->q->group_part[k] != PART_WHOLE && id >= 0)
		return data_roll_id(c, s, k, id);
	return id;
}

/* The group of this row in s (made when new); -1 on OOM.  Group keys are
 * the columns' dictionary ids: one array index with one group column, one
 * integer hash with two; the texts are copied only for a new group.
 * parts: as key_id(). */
static inline __attribute__((always_inline)) long group_of_row(struct data_ctx *c,
							       struct data_qstate *s, int parts)
{
	const struct query *q = s->q;
	long id0, id1, g;
	uint64_t pair;
	uint32_t hit;

	if (q->ngroup == 0)
		return s->groups.n ? 0 : new_group(c, s, "", 0);
	if ((id0 = key_id(c, s, 0, parts)) < 0)
		return -1;
	if (q->ngroup == 1) {
		const struct strset_ent *e;

		if ((size_t)id0 < s->gmap_cap && s->gmap[id0])
			return (long)s->gmap[id0] - 1;
		e = key_ent(c, s, 0, id0);
		if ((g = new_group(c, s, e->key, e->len)) < 0)
			return -1;
		if (grow_array_zero(&s->gmap, &s->gmap_cap, (size_t)id0 + 1, sizeof *s->gmap) < 0) {
			data_oom(c);
			return -1;
		}
		s->gmap[id0] = (uint32_t)g + 1;
		return g;
	}
	if ((id1 = key_id(c, s, 1, parts)) < 0)
		return -1;
	pair = ((uint64_t)id0 << 32 | (uint64_t)id1) + 1;
	if ((hit = data_imap_get(&s->pairs, pair)) != 0)
		return (long)hit - 1;
	{
		/* two labels as one key: "key0\0key1" (cells hold no NULs) */
		const struct strset_ent *e0 = key_ent(c, s, 0, id0);
		const struct strset_ent *e1 = key_ent(c, s, 1, id1);
		size_t klen = e0->len + 1 + e1->len;

		if (grow_array(&c->row.key, &c->row.key_cap, klen, 1) < 0) {
			data_oom(c);
			return -1;
		}
		memcpy(c->row.key, e0->key, e0->len);
		c->row.key[e0->len] = '\0';
		memcpy(c->row.key + e0->len + 1, e1->key, e1->len);
		if ((g = new_group(c, s, c->row.key, klen)) < 0)
			return -1;
	}
	if (data_imap_put(&s->pairs, pair, (uint32_t)g + 1) < 0) {
		data_oom(c);
		return -1;
	}
	return g;
}

/* The value cell of this row is not a number: a date (2, in *p) when the
 * query takes the earliest or latest value, else an error (-1, reported).
 * A value column is dates or numbers, never both. */
static int value_date(struct data_ctx *c, struct data_qstate *s, struct period *p)
{
	if (data_cell_period(c, s->vcol, p) != 1) {
		data_not_number(c, s->vcol, "");
		return -1;
	}
	if (s->q->agg != AGG_MIN && s->q->agg != AGG_MAX) {
		size_t len;
		const char *t = data_cell_text(c, s->vcol, &len);

		data_field_error(c, (size_t)s->vcol, "\"%.*s\" is a date, not a number (column %s): "
				 "agg min and max take dates, %s needs numbers",
				 data_quote_len(t, len), t, c->hdr.names[s->vcol],
				 s->q->agg == AGG_SUM ? "sum" : "mean");
		return -1;
	}
	if (!s->vdates) {
		/* the first date: no number may have come before it */
		if (data_numbers_seen(s)) {
			data_mixed_values(c, s->vcol, 1);
			return -1;
		}
		s->vdates = 1;
		s->fast = 0; /* from now on a number is an error */
	}
	return 2;
}

/* Aggregate mode: add this row to its group (to the group's part in
 * slice, for a where: with latest; else slice is -1).  full: the query
 * may have latest, parts of date columns or dates as values (row_full());
 * 0 (a constant once inlined) for row_done()'s fast path. */
static inline __attribute__((always_inline)) void add_row(struct data_ctx *c,
							  struct data_qstate *s, long slice,
							  int full)
{
	const struct query *q = s->q;
	struct data_acc *a;
	struct period p;
	int r = 0, counted = 0;
	double v = 0;
	long g;

	if (q->agg == AGG_COUNT) {
		/* count counts the non-empty cells of the value column (every
		 * row without one); the cells need not be numbers */
		size_t len = 0;

		if (s->vcol >= 0)
			data_cell_text(c, s->vcol, &len);
		counted = s->vcol < 0 || len > 0;
	} else if ((r = data_cell_number(c, s->vcol, &v)) < 0) {
		if ((r = value_date(c, s, &p)) < 0)
			return;
	} else if (full && s->vdates && r == 1) {
		data_mixed_values(c, s->vcol, 0);
		return;
	}
	if (r == 1 && v < 0 && q->nonneg_for) {
		data_negative(c, s->vcol, q->nonneg_for);
		return;
	}
	if ((g = group_of_row(c, s, full)) < 0)
		return;
	a = &s->acc[g];
	if (c->chunk && a->rows == 0) {
		/* first row of the group in this chunk */
		if (grow_array(&s->order, &s->order_cap, s->norder + 1, sizeof *s->order) < 0) {
			data_oom(c);
			return;
		}
		s->order[s->norder++] = (size_t)g;
		/* the line matters only for a group the reading thread does
		 * not know yet (data_pipe.c): finding it walks the block */
		a->line = (size_t)g < s->g0_cap && s->g0[g] ? 0 : data_row_line(c);
	}
	if (full && slice >= 0) {
		/* the group only counts rows (for chunks): the values go to the
		 * group's part in the slice */
		a->rows++;
		if (!(a = data_defer_acc(c, s, (size_t)g, slice)))
			return;
	}
	a->rows++;
	a->count += counted;
	if (r == 1) {
		const struct data_cell *cl = &c->row.cells[s->vcol];

		if (a->count == 0 || v < a->min)
			a->min = v;
		if (a->count == 0 || v > a->max)
			a->max = v;
		a->sum += v;
		a->count++;
		if (__builtin_expect(!isfinite(a->sum), 0)) {
			data_too_large(c, s->vcol);
			return;
		}
		if (cl->k == a->iscale && !a->inexact) {
			data_wide t;

			if (__builtin_add_overflow(a->isum, (data_wide)cl->m, &t))
				a->inexact = 1;
			else
				a->isum = t;
			return;
		}
		data_acc_exact(a, cl->m, cl->k);
	} else if (r == 2) {
		if (!a->dates || period_cmp(&p, &a->pmin) < 0)
			a->pmin = p;
		if (!a->dates || period_cmp(&p, &a->pmax) > 0)
			a->pmax = p;
		a->dates++;
		a->count++;
	}
}

/* A row with another number of fields than the header: with ragged: pad
 * a short one gets empty cells up to the header's width, through the
 * field callback as if libcsv had given them (0); else it is an error
 * (-1).  Out of line: the rows of a good file never come here. */
static __attribute__((noinline, cold)) int row_ragged(struct data_ctx *c)
{
	if (c->row.nfields < c->hdr.ncols && c->text.pad) {
		while (c->row.nfields < c->hdr.ncols && !c->failed)
			data_on_field(NULL, 0, c);
		return c->failed ? -1 : 0;
	}
	diag_error(c->d, EXIT_DATAERR, c->path, (int)data_row_line(c), 1,
		   "row has %zu fields, header has %zu%s", c->row.nfields, c->hdr.ncols,
		   c->row.nfields < c->hdr.ncols ? " (ragged: pad in a data block pads short "
		   "rows)" : "");
	c->failed = 1;
	return -1;
}

/* Hand the current row to query s when it is not plain (row_done()'s
 * fast path): where: with or, in, dates …, latest (the row goes to its
 * slice, data_defer.c, and counts only if the slice is chosen at the
 * end), parts of date columns, dates as values. */
static __attribute__((noinline)) void row_full(struct data_ctx *c, struct data_qstate *s)
{
	long slice = -1;

	if (s->defer) {
		uint64_t mask;

		if (data_where_mask(c, s, &mask) < 0 || !mask ||
		    (slice = data_defer_row(c, s, mask)) < 0)
			return;
	} else {
		if ((s->plain ? row_matches(c, s) : data_where_match(c, s)) <= 0)
			return;
		s->res->rows_matched++;
	}
	if (c->hdr.col_source >= 0 || c->hdr.col_illus >= 0)
		note_source(c, s, slice);
	if (s->q->mode == QUERY_ROWS) {
		/* past max_rows the block is refused later: keep counting but
		 * stop copying (per slice with latest: any may be chosen) */
		if (slice >= 0 ? data_defer_keep(c, s, slice) > 0 :
		    !s->q->max_rows || s->res->nrows < s->q->max_rows)
			keep_row(c, s);
	} else
		add_row(c, s, slice, 1);
}

/* A data row is complete: check its width, then hand it to every query,
 * plain ones here (the hot path), the others to row_full(). */
static void row_done(struct data_ctx *c)
{
	if (c->row.nfields != c->hdr.ncols && row_ragged(c) < 0)
		return;
	c->rows_read++;
	c->row.seq++;
	if (__builtin_expect(c->nlat != 0, 0))
		data_latest_row(c);
	for (size_t i = 0; i < c->nq && !c->failed; i++) {
		struct data_qstate *s = &c->qst[i];

		if (__builtin_expect(!s->fast, 0)) {
			row_full(c, s);
			continue;
		}
		if (row_matches(c, s) <= 0)
			continue;
		s->res->rows_matched++;
		if (c->hdr.col_source >= 0 || c->hdr.col_illus >= 0)
			note_source(c, s, -1);
		if (s->q->mode == QUERY_ROWS) {
			/* past max_rows the block is refused later: keep counting
			 * (rows_matched) but stop copying, so memory stays bounded */
			if (!s->q->max_rows || s->res->nrows < s->q->max_rows)
				keep_row(c, s);
		} else
			add_row(c, s, -1, 0);
	}
}

/* memcpy(d, s, n) for short cells, in eight-byte steps; d must have room for
 * n rounded up to a multiple of 8 (s is read only within its n bytes). */
static void copy_cell(char *d, const char *s, size_t n)
{
	uint64_t x;

	if (n > 64) {
		memcpy(d, s, n);
		return;
	}
	for (; n >= 8; d += 8, s += 8, n -= 8) {
		memcpy(&x, s, 8);
		memcpy(d, &x, 8);
	}
	for (; n; n--)
		*d++ = *s++;
}

/* Copy cell k of the current row into the scratch buffer.  Kept out of
 * line so that data_on_field() stays a leaf for the fields nobody needs. */
static __attribute__((noinline)) void store_cell(struct data_ctx *c, size_t k,
						 const char *t, size_t len)
{
	struct data_cell *cl;

	if (c->row.sc_len + len + 16 > c->row.sc_cap &&
	    grow_array(&c->row.scratch, &c->row.sc_cap, c->row.sc_len + len + 16, 1) < 0) {
		data_oom(c);
		return;
	}
	cl = &c->row.cells[k];
	copy_cell(c->row.scratch + c->row.sc_len, t, len);
	c->row.scratch[c->row.sc_len + len] = '\0';
	cl->off = cl->ta = c->row.sc_len;
	cl->len = len;
	cl->tb = c->row.sc_len + len;
	if (len && (data_is_space(t[0]) || data_is_space(t[len - 1])))
		data_trim(c->row.scratch, &cl->ta, &cl->tb);
	cl->num = 0;
	cl->id = -1;
	c->row.sc_len += len + 1;
	c->row.base = c->row.scratch;
	c->row.base_end = c->row.scratch + c->row.sc_cap;
}

/* The rare cases of data_on_field(): a cell too large, a header name. */
static __attribute__((noinline)) void field_slow(struct data_ctx *c, size_t k,
						 const char *t, size_t len)
{
	if (len > DATA_CELL_MAX)
		data_field_error(c, k, "cell larger than 1 MiB");
	else if (!c->failed)
		data_header_name(c, k, t, len);
}

/* libcsv field callback: keep the header names, or copy the cells some
 * query needs into the row's scratch buffer.  This runs for every field of
 * the file: fields nobody needs cost a counter and three tests. */
void data_on_field(void *s, size_t len, void *arg)
{
	struct data_ctx *c = arg;
	size_t k = c->row.nfields++;
	const char *t = s ? s : "";

	if (__builtin_expect(len > DATA_CELL_MAX || !c->hdr.done, 0))
		field_slow(c, k, t, len);
	else if (k < c->hdr.ncols && c->hdr.needed[k])
		store_cell(c, k, t, len);
}

/* libcsv row callback. */
void data_on_row(int term, void *arg)
{
	struct data_ctx *c = arg;

	(void)term;
	if (!c->failed) {
		if (!c->hdr.done)
			data_header_done(c);
		else
			row_done(c);
	}
	c->row.nfields = 0;
	c->row.sc_len = 0;
	c->row.source = -2;
	c->loc.row_skip++;
	c->loc.row_line = c->loc.line; /* a next row can only start here or later */
}
