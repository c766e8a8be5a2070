/* chart — turns a chart block's aggregate into what layout draws.
 *
 * Charts are not drawn yet (that is the scene and renderers' work to come); for
 * now a chart is shown as its title and its aggregated data as a table:
 * one row per category, one value column per series (or one "value" column). */
#ifndef BRIEFING_CHART_H
#define BRIEFING_CHART_H

#include <stddef.h>
#include "spec.h"

struct chart_table {
	size_t ncols;    /* label column + one column per series */
	size_t nrows;    /* body rows (categories) */
	char **cells;    /* (1 + nrows) * ncols UTF-8 strings, row 0 = header */
	int *numeric;    /* per column: 1 if it holds numbers (right-aligned) */
};

/* Build the table for c from c->q.res.  Values are formatted with
 * num_format_auto (grouped thousands, up to 2 decimals); a series/category
 * pair with no data is an empty cell.  Returns 0 or -1 (out of memory). */
int chart_table_build(const struct chart_block *c, struct chart_table *out);

void chart_table_free(struct chart_table *t);

#endif
