/* chart — a chart block's aggregate as a table, until charts are drawn
 * (include/chart.h). */
#include "chart.h"

#include <stdlib.h>
#include <string.h>

#include "num.h"

/* Distinct labels in first-seen order: a small list, since a chart has few
 * categories and series (data_run has already grouped the rows). */
struct labels {
	const char **v;
	size_t n;
};

static long labels_find(const struct labels *l, const char *s)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->v[i], s) == 0)
			return (long)i;
	return -1;
}

static int labels_add(struct labels *l, const char *s)
{
	if (labels_find(l, s) >= 0)
		return 0;
	const char **v = realloc(l->v, (l->n + 1) * sizeof *v);

	if (!v)
		return -1;
	v[l->n++] = s;
	l->v = v;
	return 0;
}

/* The header of the value column(s) when there is one series: the unit, else
 * the aggregated column's name, else "count". */
static const char *value_header(const struct chart_block *c)
{
	if (c->unit)
		return c->unit;
	if (c->q.value)
		return c->q.value;
	return "count";
}

static char *format_value(double v)
{
	char buf[64];

	num_format_auto(buf, sizeof buf, v, 2, 1);
	return strdup(buf);
}

static int fill_cells(const struct chart_block *c, struct chart_table *t,
		      const struct labels *cats, const struct labels *series)
{
	const struct query_result *r = &c->q.res;

	t->cells[0] = strdup(c->q.group[0] ? c->q.group[0] : "");
	for (size_t s = 0; s < series->n; s++)
		t->cells[1 + s] = strdup(series->n == 1 && !c->q.group[1]
					 ? value_header(c) : series->v[s]);
	for (size_t i = 0; i < cats->n; i++)
		t->cells[(1 + i) * t->ncols] = strdup(cats->v[i]);
	for (size_t g = 0; g < r->ngroups; g++) {
		const struct group *gr = &r->groups[g];
		long row = labels_find(cats, gr->key[0] ? gr->key[0] : "");
		long col = c->q.group[1] ? labels_find(series, gr->key[1] ? gr->key[1] : "") : 0;
		char **cell = &t->cells[(size_t)(1 + row) * t->ncols + 1 + (size_t)col];

		free(*cell);
		*cell = format_value(gr->value);
	}
	for (size_t i = 0; i < (1 + t->nrows) * t->ncols; i++)
		if (!t->cells[i] && !(t->cells[i] = strdup("")))
			return -1;
	return 0;
}

int chart_table_build(const struct chart_block *c, struct chart_table *out)
{
	const struct query_result *r = &c->q.res;
	struct labels cats = { 0 }, series = { 0 };
	int rc = -1;

	memset(out, 0, sizeof *out);
	for (size_t g = 0; g < r->ngroups; g++) {
		const struct group *gr = &r->groups[g];

		if (labels_add(&cats, gr->key[0] ? gr->key[0] : "") < 0 ||
		    (c->q.group[1] && labels_add(&series, gr->key[1] ? gr->key[1] : "") < 0))
			goto done;
	}
	if (!c->q.group[1] && labels_add(&series, value_header(c)) < 0)
		goto done;
	out->ncols = 1 + series.n;
	out->nrows = cats.n;
	out->cells = calloc((1 + out->nrows) * out->ncols, sizeof *out->cells);
	out->numeric = calloc(out->ncols, sizeof *out->numeric);
	if (!out->cells || !out->numeric)
		goto done;
	for (size_t i = 1; i < out->ncols; i++)
		out->numeric[i] = 1;
	rc = fill_cells(c, out, &cats, &series);
done:
	free(cats.v);
	free(series.v);
	if (rc < 0)
		chart_table_free(out);
	return rc;
}

void chart_table_free(struct chart_table *t)
{
	if (!t)
		return;
	if (t->cells)
		for (size_t i = 0; i < (1 + t->nrows) * t->ncols; i++)
			free(t->cells[i]);
	free(t->cells);
	free(t->numeric);
	memset(t, 0, sizeof *t);
}
