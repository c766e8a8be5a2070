/* data_defer — where: conditions on latest, in one pass.  "month = latest"
 * cannot be decided for a row until the whole file has been read, so a
 * query whose where: refers to latest keeps its matching rows apart by
 * slice: the groups of its where: whose other conditions hold (a mask) and
 * the row's texts in the columns compared with latest ("2024-06").  Each
 * slice has its own partial aggregate per group (a part), its sources (with
 * the line each was first seen at) and, for a rows query, its kept rows.
 * At the end (data_latest.c), with every latest known, each slice is
 * decided once and the chosen slices' parts are added up into the groups,
 * in the order of their first chosen row: what reading the file again
 * with the latest values written out would give.
 *
 * Memory: one part per group and slice, so at most groups × periods (times
 * the or-groups a row can satisfy, usually one) accumulators; a rows query
 * keeps at most max_rows rows per slice.  Chunks of a file read in
 * parallel (data_pipe.c) keep their own slices, merged by their texts. */
#include "data_int.h"

#include <stdlib.h>
#include <string.h>

#include "grow.h"

/* ---- set-up ------------------------------------------------------------- */

/* The entry of c->lat for column col, made when new; SIZE_MAX on OOM. */
static size_t latest_for(struct data_ctx *c, int col)
{
	struct data_latest *l;

	for (size_t i = 0; i < c->nlat; i++)
		if (c->lat[i].col == col)
			return i;
	if (!(l = realloc(c->lat, (c->nlat + 1) * sizeof *l)))
		return SIZE_MAX;
	c->lat = l;
	l += c->nlat;
	memset(l, 0, sizeof *l);
	l->col = col;
	l->all_period = l->all_number = 1;
	return c->nlat++;
}

/* Set up s's deferred state: the columns of its conditions on latest, each
 * followed in c->lat.  0, or -1 on OOM (reported). */
int data_defer_setup(struct data_ctx *c, struct data_qstate *s)
{
	const struct query *q = s->q;
	struct data_defer *df = calloc(1, sizeof *df);

	if (!df || !(df->cdyn = calloc(q->nwhere + 1, sizeof *df->cdyn)) ||
	    !(df->dcol = calloc(q->nwhere + 1, sizeof *df->dcol)) ||
	    !(df->dlat = calloc(q->nwhere + 1, sizeof *df->dlat))) {
		data_defer_free(df);
		data_oom(c);
		return -1;
	}
	s->defer = df;
	df->last_slice = -1;
	for (size_t i = 0; i < q->nwhere; i++) {
		size_t j = 0;

		df->cdyn[i] = SIZE_MAX;
		if (!q->where[i].latest)
			continue;
		while (j < df->ndcol && df->dcol[j] != s->wcol[i])
			j++;
		if (j == df->ndcol) {
			df->dcol[j] = s->wcol[i];
			if ((df->dlat[j] = latest_for(c, s->wcol[i])) == SIZE_MAX) {
				data_oom(c);
				return -1;
			}
			df->ndcol++;
		}
		df->cdyn[i] = j;
	}
	return 0;
}

/* Empty the slices, parts, sources and kept-row slices (a chunk context
 * between chunks); the set-up stays. */
void data_defer_reset(struct data_defer *df)
{
	if (!df)
		return;
	strset_free(&df->slices);
	strset_free(&df->idkeys);
	df->last_slice = -1;
	df->last_part = 0;
	data_imap_free(&df->parts);
	data_imap_free(&df->srcs);
	df->npart = df->nsu = 0;
}

void data_defer_free(struct data_defer *df)
{
	if (!df)
		return;
	data_defer_reset(df);
	free(df->dcol);
	free(df->dlat);
	free(df->cdyn);
	free(df->sl);
	free(df->key);
	free(df->last);
	free(df->pacc);
	free(df->pg);
	free(df->ps);
	free(df->su);
	free(df->row_slice);
	free(df);
}

/* ---- rows, by slice ------------------------------------------------------ */

/* The slice of the current row, which passes the groups in mask without
 * their conditions on latest: counted in, made when new.  -1 on OOM. */
long data_defer_row(struct data_ctx *c, struct data_qstate *s, uint64_t mask)
{
	struct data_defer *df = s->defer;
	size_t klen = DATA_MASK_BYTES + 4 * df->ndcol, tlen = DATA_MASK_BYTES;
	long ik, sl;
	int added;

	if (klen > df->key_cap && grow_array(&df->key, &df->key_cap, klen, 1) < 0)
		goto oom;
	memcpy(df->key, &mask, DATA_MASK_BYTES);
	for (size_t j = 0; j < df->ndcol; j++) {
		long id = data_col_id(c, df->dcol[j]);
		uint32_t u = (uint32_t)id;

		if (id < 0)
			return -1;
		memcpy(df->key + DATA_MASK_BYTES + 4 * j, &u, 4);
	}
	if (df->last_slice >= 0 && strset_bytes_eq(df->key, df->last, klen)) {
		df->sl[df->last_slice].rows++;
		return df->last_slice;
	}
	if ((ik = strset_add(&df->idkeys, df->key, klen, &added)) < 0 ||
	    (klen > df->last_cap && grow_array(&df->last, &df->last_cap, klen, 1) < 0))
		goto oom;
	memcpy(df->last, df->key, klen);
	if (!added) {
		sl = (long)df->idkeys.ents[ik].val;
	} else {
		/* new here: the slice by its texts (a chunk's context may have had
		 * it under other ids) */
		for (size_t j = 0; j < df->ndcol; j++)
			tlen += c->dicts[df->dcol[j]].set.ents[c->row.cells[df->dcol[j]].id].len + 1;
		if (grow_array(&df->key, &df->key_cap, tlen, 1) < 0)
			goto oom;
		tlen = DATA_MASK_BYTES;
		for (size_t j = 0; j < df->ndcol; j++) {
			const struct strset_ent *e =
				&c->dicts[df->dcol[j]].set.ents[c->row.cells[df->dcol[j]].id];

			memcpy(df->key + tlen, e->key, e->len + 1);
			tlen += e->len + 1;
		}
		if ((sl = strset_add(&df->slices, df->key, tlen, &added)) < 0 ||
		    grow_array_zero(&df->sl, &df->sl_cap, (size_t)sl + 1, sizeof *df->sl) < 0)
			goto oom;
		if (added)
			memset(&df->sl[sl], 0, sizeof *df->sl);
		df->idkeys.ents[ik].val = (size_t)sl;
	}
	df->sl[sl].rows++;
	return df->last_slice = sl;
oom:
	data_oom(c);
	return -1;
}

/* The part of group g in slice sl, made (at this row's line) when new. */
static struct data_acc *part_of(struct data_defer *df, size_t g, size_t sl, long line)
{
	uint64_t key = ((uint64_t)g << 32 | sl) + 1;
	uint32_t hit = data_imap_get(&df->parts, key);
	size_t cap = df->pgs_cap;

	if (hit)
		return &df->pacc[hit - 1];
	if (grow_array(&df->pacc, &df->pacc_cap, df->npart + 1, sizeof *df->pacc) < 0 ||
	    grow_array(&df->pg, &cap, df->npart + 1, sizeof *df->pg) < 0 ||
	    (cap != df->pgs_cap && !(df->ps = realloc(df->ps, cap * sizeof *df->ps))))
		return NULL;
	df->pgs_cap = cap;
	if (data_imap_put(&df->parts, key, (uint32_t)df->npart + 1) < 0)
		return NULL;
	memset(&df->pacc[df->npart], 0, sizeof *df->pacc);
	df->pacc[df->npart].line = line;
	df->pg[df->npart] = (uint32_t)g;
	df->ps[df->npart] = (uint32_t)sl;
	return &df->pacc[df->npart++];
}

/* The accumulator the current row adds to: group g's part in slice (the
 * previous row's, most often). */
struct data_acc *data_defer_acc(struct data_ctx *c, struct data_qstate *s, size_t g,
				long slice)
{
	struct data_defer *df = s->defer;
	uint64_t key = ((uint64_t)g << 32 | (size_t)slice) + 1;
	uint32_t hit;
	struct data_acc *a;

	if (key == df->last_part)
		return &df->pacc[df->last_pidx];
	if ((hit = data_imap_get(&df->parts, key)) != 0) {
		a = &df->pacc[hit - 1];
	} else if (!(a = part_of(df, g, (size_t)slice, data_row_line(c)))) {
		data_oom(c);
		return NULL;
	}
	df->last_part = key;
	df->last_pidx = (size_t)(a - df->pacc);
	return a;
}

/* Rows mode: whether to keep the current row (its slice has kept fewer
 * than max_rows), noting its slice.  1 or 0 (-1 on OOM). */
int data_defer_keep(struct data_ctx *c, struct data_qstate *s, long slice)
{
	struct data_defer *df = s->defer;
	size_t n = s->res->nrows;

	if (s->q->max_rows && df->sl[slice].kept >= s->q->max_rows)
		return 0;
	if (grow_array(&df->row_slice, &df->rs_cap, n + 1, sizeof *df->row_slice) < 0) {
		data_oom(c);
		return -1;
	}
	df->row_slice[n] = (size_t)slice;
	df->sl[slice].kept++;
	return 1;
}

/* Note source id (c->src.set, or -1) as first seen in slice sl now: df->su
 * stays in first-use order (rows come in file order, chunks merge so). */
static int note_use(struct data_defer *df, size_t sl, long id)
{
	uint64_t key = ((uint64_t)sl << 32 | (size_t)id) + 1;

	if (data_imap_get(&df->srcs, key))
		return 0;
	if (grow_array(&df->su, &df->su_cap, df->nsu + 1, sizeof *df->su) < 0 ||
	    data_imap_put(&df->srcs, key, (uint32_t)df->nsu + 1) < 0)
		return -1;
	df->su[df->nsu++] = (struct data_defer_src){ (uint32_t)sl, (uint32_t)id };
	return 0;
}

/* The current row's source id (or -1) and illustrative mark, in slice. */
void data_defer_source(struct data_ctx *c, struct data_qstate *s, long slice, int illus,
		       long id)
{
	struct data_defer *df = s->defer;

	if (illus)
		df->sl[slice].illus = 1;
	if (id >= 0 && note_use(df, (size_t)slice, id) < 0)
		data_oom(c);
}

/* ---- merging a chunk ------------------------------------------------------ */

/* Fold the slices, parts, sources and kept rows of a chunk's query s1 (in
 * context c1, lines from off + 1) into s0's, after merge_chunk() has
 * mapped the chunk's groups (s1->g0).  0, or -1 on OOM. */
int data_defer_merge(struct data_ctx *c0, struct data_qstate *s0, struct data_ctx *c1,
		     struct data_qstate *s1, long off)
{
	struct data_defer *d0 = s0->defer, *d1 = s1->defer;
	struct query_result *r0 = s0->res, *r1 = s1->res;
	size_t *map = calloc(d1->slices.n + 1, sizeof *map), nc = s0->q->ncolumns;
	int added, rc = -1;

	if (!map)
		return -1;
	for (size_t k = 0; k < d1->slices.n; k++) {
		const struct strset_ent *e = &d1->slices.ents[k];
		long sl = strset_add(&d0->slices, e->key, e->len, &added);

		if (sl < 0 || grow_array_zero(&d0->sl, &d0->sl_cap, (size_t)sl + 1, sizeof *d0->sl) < 0)
			goto out;
		if (added)
			memset(&d0->sl[sl], 0, sizeof *d0->sl);
		d0->sl[sl].rows += d1->sl[k].rows;
		d0->sl[sl].illus |= d1->sl[k].illus;
		map[k] = (size_t)sl;
	}
	for (size_t p = 0; p < d1->npart; p++) {
		struct data_acc a = d1->pacc[p], *t;
		size_t g0 = s1->g0[d1->pg[p]] - 1;
		uint32_t hit = data_imap_get(&d0->parts, ((uint64_t)g0 << 32 | map[d1->ps[p]]) + 1);

		a.line += off;
		if (hit) {
			data_acc_merge(&d0->pacc[hit - 1], &a);
			continue;
		}
		if (!(t = part_of(d0, g0, map[d1->ps[p]], a.line)))
			goto out;
		*t = a;
	}
	for (size_t k = 0; k < d1->nsu; k++) {
		const struct strset_ent *e = &c1->src.set.ents[d1->su[k].src];
		long id = strset_add(&c0->src.set, e->key, e->len, &added);

		if (id < 0 || grow_array(&c0->src.illus, &c0->src.illus_cap, (size_t)id + 1, 1) < 0)
			goto out;
		if (added)
			c0->src.illus[id] = c1->src.illus[d1->su[k].src];
		if (note_use(d0, map[d1->su[k].slice], id) < 0)
			goto out;
	}
	if (r1->nrows) {
		/* room for every row first, so that moving them cannot fail */
		size_t cap = s0->rows_cap, need = r0->nrows + r1->nrows + 1;

		if (grow_array(&r0->lines, &cap, need, sizeof *r0->lines) < 0 ||
		    grow_array(&d0->row_slice, &d0->rs_cap, need, sizeof *d0->row_slice) < 0)
			goto out;
		if (cap != s0->rows_cap) {
			char **cells = realloc(r0->cells, (cap * nc + 1) * sizeof *cells);

			if (!cells)
				goto out;
			r0->cells = cells;
			s0->rows_cap = cap;
		}
	}
	for (size_t k = 0; k < r1->nrows; k++) {
		size_t sl = map[d1->row_slice[k]];

		if (s0->q->max_rows && d0->sl[sl].kept >= s0->q->max_rows) {
			for (size_t j = 0; j < nc; j++)
				free(r1->cells[k * nc + j]);
			continue;
		}
		memcpy(&r0->cells[r0->nrows * nc], &r1->cells[k * nc], nc * sizeof *r1->cells);
		r0->lines[r0->nrows] = r1->lines[k] + off;
		d0->row_slice[r0->nrows++] = sl;
		d0->sl[sl].kept++;
	}
	r1->nrows = 0;
	rc = 0;
out:
	free(map);
	return rc;
}

/* Whether some accumulator of s (a group's, or a part's) has a number. */
int data_numbers_seen(const struct data_qstate *s)
{
	for (size_t g = 0; g < s->groups.n; g++)
		if (s->acc[g].count > s->acc[g].dates)
			return 1;
	for (size_t p = 0; s->defer && p < s->defer->npart; p++)
		if (s->defer->pacc[p].count > s->defer->pacc[p].dates)
			return 1;
	return 0;
}

/* Whether every part still has its exact sum (see data_all_exact()). */
int data_defer_exact(const struct data_qstate *s)
{
	for (size_t p = 0; s->defer && p < s->defer->npart; p++)
		if (s->defer->pacc[p].inexact)
			return 0;
	return 1;
}

