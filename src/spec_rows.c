/* spec_rows — a data table's rows once data_run() has read them: sorted by
 * the table's sort:, cut to its top:, and each cell written by its
 * column's formats: in the document's language (src/spec_int.h).  The
 * model's cells are replaced in place, so layout, the summary and every
 * later reader see the rows the table shows. */
#include "spec_int.h"

#include <stdlib.h>
#include <string.h>

#include "lang.h"
#include "num.h"
#include "utf8.h"

/* A cell of the sort column, read once. */
struct sort_key {
	int rank;               /* 0 a number or a period, 1 text, 2 empty (always last) */
	double num;             /* a number */
	struct period per;      /* a period (when the column is one of dates) */
	const char *text;       /* the cell */
	size_t row;             /* its row in the file's order: the tie-break */
};

/* How the sort column compares: by period when every non-empty cell is an
 * ISO period (a date column, chronological), else numbers by value before
 * text bytewise. */
struct sort_ctx {
	int dates;
	int desc;
};

static int is_empty(const char *s)
{
	return !s || !s[strspn(s, " \t")];
}

static int key_cmp(const void *pa, const void *pb, void *arg)
{
	const struct sort_key *a = pa, *b = pb;
	const struct sort_ctx *cx = arg;
	int r = 0;

	if (a->rank != b->rank)
		return a->rank < b->rank ? -1 : 1; /* empties last, either way */
	if (a->rank == 0 && cx->dates)
		r = period_cmp(&a->per, &b->per);
	else if (a->rank == 0)
		r = a->num < b->num ? -1 : a->num > b->num;
	else if (a->rank == 1)
		r = strcmp(a->text, b->text);
	if (cx->desc)
		r = -r;
	return r ? r : (a->row > b->row) - (a->row < b->row);
}

/* The rows of t in the order of its sort: (stable: equal cells keep the
 * file's order).  0, or -1 out of memory. */
static int sort_rows(struct table_block *t)
{
	struct query_result *r = &t->q.res;
	size_t nc = t->q.ncolumns, n = r->nrows;
	struct sort_key *keys = calloc(n ? n : 1, sizeof *keys);
	char **cells = malloc((n * nc > 0 ? n * nc : 1) * sizeof *cells);
	long *lines = malloc((n ? n : 1) * sizeof *lines);
	struct sort_ctx cx = { 1, t->sort_desc };

	if (!keys || !cells || !lines) {
		free(keys);
		free(cells);
		free(lines);
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		struct sort_key *k = &keys[i];
		const char *s = r->cells[i * nc + t->sort_col];

		k->row = i;
		k->text = s;
		k->rank = is_empty(s) ? 2 : 1;
		if (k->rank == 2)
			continue;
		if (period_parse(s, strlen(s), &k->per) < 0)
			cx.dates = 0;
		if (num_parse(s, strlen(s), &k->num) == 0)
			k->rank = 0;
	}
	/* a date column sorts every cell by its period; otherwise a period
	 * that is not a number ("2024-06" among text) is text */
	for (size_t i = 0; cx.dates && i < n; i++)
		if (keys[i].rank == 1)
			keys[i].rank = 0;
	qsort_r(keys, n, sizeof *keys, key_cmp, &cx);
	for (size_t i = 0; i < n; i++) {
		memcpy(&cells[i * nc], &r->cells[keys[i].row * nc], nc * sizeof *cells);
		lines[i] = r->lines[keys[i].row];
	}
	free(r->cells);
	free(r->lines);
	r->cells = cells;
	r->lines = lines;
	free(keys);
	return 0;
}

/* The first top rows are kept; the others' cells freed. */
static void cut_rows(struct table_block *t)
{
	struct query_result *r = &t->q.res;
	size_t nc = t->q.ncolumns;

	if (!t->top || r->nrows <= t->top)
		return;
	for (size_t i = t->top * nc; i < r->nrows * nc; i++) {
		free(r->cells[i]);
		r->cells[i] = NULL;
	}
	r->nrows = t->top;
}

/* The cell of row i, column c, written by its column's format into buf.
 * A cell the format cannot read is an error at its CSV line; an empty cell
 * stays empty (missing is not zero). */
static int format_cell(const struct doc *doc, const struct table_block *t, size_t i, size_t c,
		       char *buf, size_t size, struct diag *d)
{
	const struct query_result *r = &t->q.res;
	const char *s = r->cells[i * t->q.ncolumns + c], *fmt = t->formats[c];
	struct spec_format_at at = { doc->path, t->formats_line, t->format_cols[c] };
	const struct lang *l = lang_or_default(doc->front.lang);
	struct period per;
	double v;

	if (t->col_fmt[c] == COL_NUMBER) {
		if (num_parse(s, strlen(s), &v) == 0)
			return num_format_style(buf, size, &l->num, fmt, v) < 0 ? -1 : 0;
		diag_error(d, EXIT_DATAERR, t->q.path, (int)r->lines[i], 0,
			   "\"%.*s\" in column %s is not a number, which its format \"%s\" "
			   "(formats:, %s:%d:%d) needs", (int)utf8_cut(s, strlen(s), 80), s,
			   t->q.columns[c], fmt, doc->path, at.line, at.col);
		return -1;
	}
	if (period_parse(s, strlen(s), &per) == 0)
		return spec_format_period(&per, fmt, doc->front.lang, &at, buf, size, d);
	diag_error(d, EXIT_DATAERR, t->q.path, (int)r->lines[i], 0,
		   "\"%.*s\" in column %s is not a date (YYYY, YYYY-Qn, YYYY-MM or YYYY-MM-DD), "
		   "which its format \"%s\" (formats:, %s:%d:%d) needs",
		   (int)utf8_cut(s, strlen(s), 80), s, t->q.columns[c], fmt, doc->path, at.line,
		   at.col);
	return -1;
}

/* Every cell of a column with a number or date format, written by it. */
static int format_rows(const struct doc *doc, struct table_block *t, struct diag *d)
{
	struct query_result *r = &t->q.res;
	char buf[1024];

	for (size_t c = 0; t->col_fmt && c < t->q.ncolumns; c++) {
		if (t->col_fmt[c] != COL_NUMBER && t->col_fmt[c] != COL_DATE)
			continue;
		for (size_t i = 0; i < r->nrows; i++) {
			char **cell = &r->cells[i * t->q.ncolumns + c], *s;

			if (is_empty(*cell))
				continue;
			if (format_cell(doc, t, i, c, buf, sizeof buf, d) < 0)
				return -1;
			if (!(s = strdup(buf)))
				return diag_oom(d);
			free(*cell);
			*cell = s;
		}
	}
	return 0;
}

int spec_rows_finish(struct doc *doc, struct diag *d)
{
	for (size_t i = 0; i < doc->nblocks; i++) {
		struct table_block *t = doc->blocks[i].table;

		if (doc->blocks[i].type != BLOCK_DATA_TABLE)
			continue;
		if (t->sort_col != DOC_NO_SORT && sort_rows(t) < 0)
			return diag_oom(d);
		cut_rows(t);
		if (format_rows(doc, t, d) < 0)
			return -1;
	}
	return 0;
}
