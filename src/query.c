/* query — the query model's lifecycle and its names (include/query.h); the
 * where: parser is src/query_where.c. */
#include "query.h"

#include <stdlib.h>
#include <string.h>

void query_init(struct query *q)
{
	if (!q)
		return;
	memset(q, 0, sizeof *q);
	q->mode = QUERY_AGGREGATE;
	q->agg = AGG_SUM;
	q->sort = SORT_NONE;
}

static void free_strv(char **v, size_t n)
{
	if (!v)
		return;
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

void query_clear_result(struct query *q)
{
	struct query_result *r = &q->res;

	for (size_t i = 0; r->cells && i < r->nrows * q->ncolumns; i++)
		free(r->cells[i]);
	free(r->cells);
	for (size_t i = 0; r->groups && i < r->ngroups; i++) {
		free(r->groups[i].key[0]);
		free(r->groups[i].key[1]);
	}
	free(r->groups);
	free(r->lines);
	free_strv(r->sources, r->nsources);
	free_strv(r->header, r->nheader);
	free(r->parts);
	memset(r, 0, sizeof *r);
}

void query_clear(struct query *q)
{
	if (!q)
		return;
	free(q->path);
	free(q->spec_file);
	query_free_where(q->where, q->nwhere);
	free(q->group[0]);
	free(q->group[1]);
	free(q->value);
	query_clear_result(q);
	free_strv(q->columns, q->ncolumns);
	query_init(q);
}

int query_agg_from_name(const char *name, enum agg_kind *out)
{
	static const char *const names[] = { "sum", "mean", "count", "min", "max" };

	for (int i = 0; name && i < 5; i++)
		if (strcmp(name, names[i]) == 0) {
			*out = (enum agg_kind)i;
			return 0;
		}
	return -1;
}

int query_sort_from_name(const char *name, enum sort_kind *out)
{
	static const char *const names[] = { "none", "value", "-value", "label" };

	for (int i = 0; name && i < 4; i++)
		if (strcmp(name, names[i]) == 0) {
			*out = (enum sort_kind)i;
			return 0;
		}
	return -1;
}
