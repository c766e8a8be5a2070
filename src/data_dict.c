/* data_dict — the distinct values of each group column (ids in first-seen
 * order, so that a row's cell is hashed once however many queries group by
 * it, and not at all when it repeats the previous row's), and the integer
 * map that finds a two-column group by its pair of ids. */
#include "data_int.h"

#include "grow.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The words of a short text s[0..len), len <= 16: 16 bytes can be read at
 * s (data_rows.c's store_cell() leaves room in the scratch buffer;
 * data_col_id() copies a cell near the end of a block), and the bytes past len are masked off, without a branch on the
 * length. */
static inline void short_of(const char *s, size_t len, struct data_short *w)
{
	static const uint64_t mask[17][2] = {
#define MASK_LOW(n) ((n) >= 8 ? ~0ULL : (1ULL << (8 * (n))) - 1)
#define MASK_PAIR(n) { MASK_LOW(n), (n) <= 8 ? 0 : MASK_LOW((n) - 8) }
		MASK_PAIR(0), MASK_PAIR(1), MASK_PAIR(2), MASK_PAIR(3), MASK_PAIR(4),
		MASK_PAIR(5), MASK_PAIR(6), MASK_PAIR(7), MASK_PAIR(8), MASK_PAIR(9),
		MASK_PAIR(10), MASK_PAIR(11), MASK_PAIR(12), MASK_PAIR(13), MASK_PAIR(14),
		MASK_PAIR(15), MASK_PAIR(16)
#undef MASK_PAIR
#undef MASK_LOW
	};

	memcpy(&w->w0, s, 8);
	memcpy(&w->w1, s + 8, 8);
	w->w0 &= mask[len][0];
	w->w1 &= mask[len][1];
	w->len = (uint32_t)len;
}

static inline size_t short_slot(const struct data_short *w, size_t nslots)
{
	uint64_t h = (w->w0 ^ (w->w1 * 0x9e3779b97f4a7c15ULL) ^ w->len) * 0xff51afd7ed558ccdULL;

	return (size_t)(h ^ (h >> 29)) & (nslots - 1);
}

static inline int short_eq(const struct data_short *a, const struct data_short *b)
{
	return a->w0 == b->w0 && a->w1 == b->w1 && a->len == b->len;
}

/* Put w (with its id1) into the short table, growing it; -1 on OOM. */
static int put_short(struct data_dict *dd, const struct data_short *w)
{
	size_t j;

	if ((dd->nshort + 1) * 2 > dd->nslots) {
		size_t ns = dd->nslots ? 2 * dd->nslots : 64;
		struct data_short *t = calloc(ns, sizeof *t);

		if (!t)
			return -1;
		for (size_t i = 0; i < dd->nslots; i++) {
			if (!dd->slots[i].id1)
				continue;
			for (j = short_slot(&dd->slots[i], ns); t[j].id1; j = (j + 1) & (ns - 1))
				;
			t[j] = dd->slots[i];
		}
		free(dd->slots);
		dd->slots = t;
		dd->nslots = ns;
	}
	for (j = short_slot(w, dd->nslots); dd->slots[j].id1; j = (j + 1) & (dd->nslots - 1))
		;
	dd->slots[j] = *w;
	dd->nshort++;
	return 0;
}

void data_dict_free(struct data_dict *dd)
{
	strset_free(&dd->set);
	free(dd->slots);
	memset(dd, 0, sizeof *dd);
}

/* A value not in the short table: through the set (adding it), then into
 * the table when short.  -1 on OOM. */
static __attribute__((noinline)) long dict_add(struct data_dict *dd, const char *t,
					       size_t len, struct data_short *w)
{
	int added;
	long id = strset_add(&dd->set, t, len, &added);

	if (id < 0)
		return -1;
	if (len <= 16) {
		w->id1 = (uint32_t)id + 1;
		if (put_short(dd, w) < 0)
			return -1;
	}
	return id;
}

/* Id of this row's cell of group column col in the column's dictionary
 * (looked up once per row, and not hashed when it repeats the previous
 * row's); -1 on OOM. */
long data_col_id(struct data_ctx *c, int col)
{
	struct data_cell *cl = &c->row.cells[col];
	struct data_dict *dd = &c->dicts[col];
	struct data_short w;
	const char *t;
	size_t len;
	long id;

	if (cl->id >= 0)
		return cl->id;
	t = data_cell_text(c, col, &len);
	if (len <= 16) {
		char tail[16];

		if (c->row.base_end - t < 16) { /* near the end of a block sliced in place */
			memset(tail, 0, sizeof tail);
			t = memcpy(tail, t, len);
		}
		short_of(t, len, &w);
		if (dd->last.id1 && short_eq(&w, &dd->last))
			return cl->id = (long)dd->last.id1 - 1;
		if (dd->nslots) {
			for (size_t j = short_slot(&w, dd->nslots); dd->slots[j].id1;
			     j = (j + 1) & (dd->nslots - 1)) {
				if (short_eq(&w, &dd->slots[j])) {
					dd->last = dd->slots[j];
					return cl->id = (long)dd->slots[j].id1 - 1;
				}
			}
		}
		if ((id = dict_add(dd, t, len, &w)) < 0) {
			data_oom(c);
			return -1;
		}
		dd->last = w;
		return cl->id = id;
	}
	{
		int added;

		if ((id = strset_add(&dd->set, t, len, &added)) < 0) {
			data_oom(c);
			return -1;
		}
	}
	return cl->id = id;
}

/* The id, among group column k's parts (year(month): "2024"), of the
 * column's dictionary id: each distinct cell is cut once.  -1 when the
 * cell is not a date, or is one too coarse for the part (reported), or
 * on OOM. */
long data_roll_id(struct data_ctx *c, struct data_qstate *s, int k, long id)
{
	enum col_part part = s->q->group_part[k];
	int col = s->gcol[k], added;
	const struct strset_ent *e;
	struct period p;
	char iso[32] = "", what[160];
	long rid;

	if ((size_t)id < s->roll_cap[k] && s->roll[k][id])
		return (long)s->roll[k][id] - 1;
	e = &c->dicts[col].set.ents[id];
	if (e->len) {
		snprintf(what, sizeof what, "in %s(%s)", query_part_name(part), s->q->group[k]);
		if (period_parse(e->key, e->len, &p) < 0) {
			data_not_date(c, col, what);
			return -1;
		}
		if (period_truncate(&p, (enum period_gran)query_part_gran(part), &p) < 0) {
			data_field_error(c, (size_t)col, "\"%.*s\" is a %s: it has no single %s "
					 "(column %s, %s)", data_quote_len(e->key, e->len), e->key,
					 period_gran_name(p.gran), query_part_name(part),
					 c->hdr.names[col], what);
			return -1;
		}
		period_format_iso(&p, iso, sizeof iso);
	}
	if ((rid = strset_add(&s->rolled[k], iso, strlen(iso), &added)) < 0 ||
	    grow_array_zero(&s->roll[k], &s->roll_cap[k], (size_t)id + 1, sizeof *s->roll[k]) < 0) {
		data_oom(c);
		return -1;
	}
	s->roll[k][id] = (uint32_t)rid + 1;
	return rid;
}

/* Add key (absent) with value val; -1 on OOM. */
int data_imap_put(struct data_imap *m, uint64_t key, uint32_t val)
{
	size_t j;

	if ((m->n + 1) * 2 > m->nslots) {
		struct data_imap g = { 0 };

		g.nslots = m->nslots ? 2 * m->nslots : 64;
		g.keys = calloc(g.nslots, sizeof *g.keys);
		g.vals = calloc(g.nslots, sizeof *g.vals);
		if (!g.keys || !g.vals) {
			free(g.keys);
			free(g.vals);
			return -1;
		}
		for (size_t i = 0; i < m->nslots; i++) {
			if (!m->keys[i])
				continue;
			for (j = data_imap_slot(&g, m->keys[i]); g.keys[j]; j = (j + 1) & (g.nslots - 1))
				;
			g.keys[j] = m->keys[i];
			g.vals[j] = m->vals[i];
		}
		g.n = m->n;
		free(m->keys);
		free(m->vals);
		*m = g;
	}
	for (j = data_imap_slot(m, key); m->keys[j]; j = (j + 1) & (m->nslots - 1))
		;
	m->keys[j] = key;
	m->vals[j] = val;
	m->n++;
	return 0;
}

void data_imap_free(struct data_imap *m)
{
	free(m->keys);
	free(m->vals);
	memset(m, 0, sizeof *m);
}
