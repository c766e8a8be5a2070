/* data_header — the header row: its names kept and checked (no two alike),
 * then every query's columns resolved (an unknown one is reported with the
 * closest name), the columns some query reads marked, and the per-column
 * state of the rows set up. */
#include "data_int.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "grow.h"

/* Keep header name k (trimmed). */
void data_header_name(struct data_ctx *c, size_t k, const char *t, size_t len)
{
	size_t a = 0, b = len;

	if (c->hdr.check) { /* a later part of a folder (data_input.c) */
		data_part_header_field(c, k, t, len);
		return;
	}

	data_trim(t, &a, &b);
	if (grow_array(&c->hdr.names, &c->hdr.names_cap, k + 1, sizeof *c->hdr.names) < 0 ||
	    !(c->hdr.names[k] = strndup(t + a, b - a))) {
		data_oom(c);
		return;
	}
	c->hdr.nnames = k + 1;
}

static int find_column(const struct data_ctx *c, const char *name)
{
	for (size_t i = 0; name && i < c->hdr.ncols; i++)
		if (strcmp(c->hdr.names[i], name) == 0)
			return (int)i;
	return -1;
}

#define NAME_NEAR 64 /* longest names name_distance() compares */

/* Edit distance (insertions, deletions, substitutions of bytes) between a
 * and b, both at most NAME_NEAR bytes, ASCII letters compared without
 * case; any answer >= limit once no cell of a row is below it (so that
 * 100,000 unrelated names cost a few rows each). */
static size_t name_distance(const char *a, size_t la, const char *b, size_t lb,
			    size_t limit)
{
	size_t row[2][NAME_NEAR + 1];

	for (size_t j = 0; j <= lb; j++)
		row[0][j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t *prev = row[(i - 1) & 1], *cur = row[i & 1], low;

		low = cur[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t sub = prev[j - 1] + (strncasecmp(a + i - 1, b + j - 1, 1) != 0);
			size_t del = prev[j] + 1, ins = cur[j - 1] + 1;

			cur[j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
			if (cur[j] < low)
				low = cur[j];
		}
		if (low >= limit)
			return limit;
	}
	return row[la & 1][lb];
}

/* Error: name is not a column of the file.  The message quotes at most one
 * column name, the closest to name (up to two edits, one for short names;
 * else the first column whose name starts with it), and never the header
 * line: a data: path may name a file that is not CSV, whose first line is
 * not the spec's to print.  At line:col of the spec (a where: condition),
 * or at the query's location when line is 0. */
static void unknown_column(struct data_ctx *c, const struct query *q, const char *name,
			   int line, int col)
{
	size_t ln = strlen(name), best = (size_t)-1, bestd = ln <= 4 ? 2 : 3;

	for (size_t i = 0; ln <= NAME_NEAR && i < c->hdr.ncols; i++) {
		size_t lh = strlen(c->hdr.names[i]), dist;

		if (lh > NAME_NEAR || (lh > ln ? lh - ln : ln - lh) >= bestd)
			continue;
		dist = name_distance(name, ln, c->hdr.names[i], lh, bestd);
		if (dist < bestd) {
			bestd = dist;
			best = i;
		}
	}
	for (size_t i = 0; best == (size_t)-1 && ln >= 3 && i < c->hdr.ncols; i++)
		if (strncasecmp(c->hdr.names[i], name, ln) == 0 &&
		    strlen(c->hdr.names[i]) <= NAME_NEAR)
			best = i; /* "valu" for value_usd_m */
	if (best != (size_t)-1)
		data_spec_error_at(c, q, line, col, "unknown column \"%s\" in %s (did you mean "
				   "\"%s\"?)", name, c->path, c->hdr.names[best]);
	else
		data_spec_error_at(c, q, line, col, "unknown column \"%s\" in %s (none of its %zu "
				   "column%s is named so)", name, c->path, c->hdr.ncols,
				   c->hdr.ncols == 1 ? "" : "s");
}

/* Resolve a column name of query q to an index and mark it needed; an
 * unknown one is an error at line:col of the spec (0: the query's). */
static int need_column(struct data_ctx *c, const struct query *q, const char *name,
			  int line, int col0)
{
	int col = find_column(c, name);

	if (col < 0) {
		unknown_column(c, q, name, line, col0);
		return -1;
	}
	c->hdr.needed[col] = 1;
	return col;
}

/* Whether where: is plain: one group of "column op value" conditions on
 * whole columns, without latest (data_rows.c's row_matches() alone). */
static int where_is_plain(const struct query *q)
{
	for (size_t i = 0; i < q->nwhere; i++) {
		const struct cond *w = &q->where[i];

		if (w->group != 0 || w->op > COND_GE || w->part != PART_WHOLE || w->latest)
			return 0;
	}
	return 1;
}

/* Resolve every column a query names; -1 (and d filled) on the first unknown. */
static int resolve_query(struct data_ctx *c, struct data_qstate *s)
{
	struct query *q = s->q;
	int latest = 0;

	s->wcol = calloc(q->nwhere + 1, sizeof *s->wcol);
	s->rcol = calloc(q->ncolumns + 1, sizeof *s->rcol);
	if (!s->wcol || !s->rcol) {
		data_oom(c);
		return -1;
	}
	for (size_t i = 0; i < q->nwhere; i++) {
		if ((s->wcol[i] = need_column(c, q, q->where[i].column, q->where[i].line,
						 q->where[i].col)) < 0)
			return -1;
		latest |= q->where[i].latest;
	}
	s->plain = where_is_plain(q);
	if (latest && data_defer_setup(c, s) < 0)
		return -1;
	s->fast = data_qstate_fast(s);
	if (q->mode == QUERY_ROWS) {
		for (size_t i = 0; i < q->ncolumns; i++)
			if ((s->rcol[i] = need_column(c, q, q->columns[i], 0, 0)) < 0)
				return -1;
		return 0;
	}
	if (q->ngroup > 2) {
		data_spec_error(c, q, "at most two group columns");
		return -1;
	}
	for (size_t i = 0; i < q->ngroup; i++)
		if ((s->gcol[i] = need_column(c, q, q->group[i], 0, 0)) < 0)
			return -1;
	s->vcol = -1;
	if (q->value && (s->vcol = need_column(c, q, q->value, 0, 0)) < 0)
		return -1;
	if (s->vcol < 0 && q->agg != AGG_COUNT) {
		data_spec_error(c, q, "this aggregate needs a value column");
		return -1;
	}
	return 0;
}

/* The header row is complete: check names (through a string set, so that
 * a header of 100,000 names costs as many lookups, not a comparison of every
 * pair), resolve every query. */
void data_header_done(struct data_ctx *c)
{
	struct strset names = { 0 };
	int added;

	if (c->hdr.check) {
		data_part_header_done(c);
		return;
	}
	c->hdr.ncols = c->hdr.nnames;
	for (size_t j = 0; j < c->hdr.ncols; j++) {
		long i = strset_add(&names, c->hdr.names[j], strlen(c->hdr.names[j]), &added);

		if (i < 0) {
			strset_free(&names);
			data_oom(c);
			return;
		}
		if (!added) {
			data_field_error(c, j, "duplicate column name \"%s\" (also column %ld)",
					 c->hdr.names[j], i + 1);
			strset_free(&names);
			return;
		}
	}
	strset_free(&names);
	data_setup_columns(c);
}

/* With the header known: per-column state, the columns every query names
 * (marked needed), then reading rows can start. */
void data_setup_columns(struct data_ctx *c)
{
	c->hdr.needed = calloc(c->hdr.ncols + 1, 1);
	c->row.cells = calloc(c->hdr.ncols + 1, sizeof *c->row.cells);
	c->dicts = calloc(c->hdr.ncols + 1, sizeof *c->dicts);
	if (!c->hdr.needed || !c->row.cells || !c->dicts) {
		data_oom(c);
		return;
	}
	c->hdr.col_source = find_column(c, "source");
	c->hdr.col_illus = find_column(c, "illustrative");
	if (c->hdr.col_source >= 0)
		c->hdr.needed[c->hdr.col_source] = 1;
	if (c->hdr.col_illus >= 0)
		c->hdr.needed[c->hdr.col_illus] = 1;
	for (size_t i = 0; i < c->nq; i++)
		if (resolve_query(c, &c->qst[i]) < 0)
			return;
	c->hdr.done = 1;
}
