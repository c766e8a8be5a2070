/* spec_table — a ```table block: rows of a CSV with columns:, headers:,
 * widths: and max-rows:; and, once layout knows the text width, the check
 * that the widths fit it (src/spec_int.h, include/spec.h). */
#include "spec_int.h"

#include <stdlib.h>
#include <string.h>

#include "num.h"

static const char *const table_keys[] = { "data", "columns", "where", "caption", "widths",
					   "headers", "max-rows", NULL };

/* max-rows: a positive whole number (default DOC_TABLE_MAX_ROWS): a table
 * with more matching rows is an error rather than a PDF of endless pages. */
static int set_max_rows(struct spec_parser *p, struct query *q, const struct spec_kv_entry *e)
{
	unsigned long long v = 0;
	size_t i;

	q->max_rows = DOC_TABLE_MAX_ROWS;
	if (!e)
		return 0;
	for (i = 0; spec_is_digit((unsigned char)e->val[i]) && v <= DOC_TABLE_MAX_ROWS_LIMIT; i++)
		v = v * 10 + (unsigned long long)(e->val[i] - '0');
	if (e->val[i] || v == 0 || v > DOC_TABLE_MAX_ROWS_LIMIT)
		return spec_fail(p, e->line, e->col,
				 "bad max-rows \"%s\": expected a whole number from 1 to %d", e->val,
				 DOC_TABLE_MAX_ROWS_LIMIT);
	q->max_rows = (size_t)v;
	return 0;
}

/* "a, b, c" → (*out)[0..n) (trimmed, none empty); what = the key's name. */
static int split_list(struct spec_parser *p, const struct spec_kv_entry *e, const char *what,
		      char ***out, size_t *nout)
{
	size_t n = 1;
	const char *s = e->val;

	for (const char *t = s; *t; t++)
		n += *t == ',';
	*out = calloc(n, sizeof **out);
	if (!*out)
		return spec_oom(p);
	for (size_t i = 0; i < n; i++) {
		size_t a, b;
		const char *end = spec_list_item(s, &a, &b);

		if (a == b)
			return spec_fail(p, e->line, e->col,
					 "bad %s \"%s\": expected %s separated by commas", what, e->val,
					 strcmp(what, "columns") ? "labels" : "column names");
		if (!((*out)[i] = strndup(s + a, b - a)))
			return spec_oom(p);
		*nout = i + 1;
		s = end ? end + 1 : s + b;
	}
	return 0;
}

/* columns: a, b, c → q.columns. */
static int set_columns(struct spec_parser *p, struct query *q, const struct spec_kv_entry *e)
{
	return split_list(p, e, "columns", &q->columns, &q->ncolumns);
}

/* headers: one label per column for the header row. */
static int set_headers(struct spec_parser *p, struct table_block *t, const struct spec_kv_entry *e)
{
	char **h = NULL;
	size_t n = 0;
	int rc = split_list(p, e, "headers", &h, &n);

	if (rc == 0 && n != t->q.ncolumns)
		rc = spec_fail(p, e->line, e->col, "headers: gives %zu label%s for %zu column%s", n,
			       n == 1 ? "" : "s", t->q.ncolumns, t->q.ncolumns == 1 ? "" : "s");
	if (rc == 0) {
		t->headers = h;
		return 0;
	}
	for (size_t i = 0; h && i < n; i++)
		free(h[i]);
	free(h);
	return -1;
}

/* widths: one entry per column, each a number of points ("120") or a
 * percentage of the text width ("25%"); percentages add up to 100 at most. */
static int set_widths(struct spec_parser *p, struct table_block *t, const struct spec_kv_entry *e)
{
	const char *s = e->val;
	size_t n = 1, i = 0;
	double pct = 0;

	for (const char *c = s; *c; c++)
		n += *c == ',';
	if (n != t->q.ncolumns)
		return spec_fail(p, e->line, e->col, "widths: gives %zu width%s for %zu column%s",
				 n, n == 1 ? "" : "s", t->q.ncolumns, t->q.ncolumns == 1 ? "" : "s");
	if (!(t->widths = calloc(n, sizeof *t->widths)))
		return spec_oom(p);
	t->widths_line = e->line;
	t->widths_col = e->col;
	for (;; i++) {
		size_t a, b;
		const char *end = spec_list_item(s, &a, &b);
		struct col_width *w = &t->widths[i];

		if (b > a && s[b - 1] == '%') {
			w->percent = 1;
			b--;
		} else if (b - a > 2 && memcmp(s + b - 2, "pt", 2) == 0) {
			b -= 2;
		}
		if (num_parse(s + a, b - a, &w->value) < 0 || !(w->value > 0))
			return spec_fail(p, e->line, e->col, "bad widths \"%s\": expected a width "
					 "per column, in points (120) or percent (25%%)", e->val);
		if (w->percent)
			pct += w->value;
		if (!end)
			break;
		s = end + 1;
	}
	if (pct > 100.001)
		return spec_fail(p, e->line, e->col, "bad widths \"%s\": the percentages add up to "
				 "more than 100", e->val);
	return 0;
}

static int table_apply(struct spec_parser *p, struct spec_kv_set *s, int fence_line)
{
	struct block *b;
	struct table_block *t;
	struct spec_kv_entry *data = spec_kvset_get(s, "data");
	struct spec_kv_entry *cols = spec_kvset_get(s, "columns");
	struct spec_kv_entry *cap = spec_kvset_get(s, "caption");

	if (!data)
		return spec_missing(p, fence_line, "data", "table block");
	if (!cols)
		return spec_missing(p, fence_line, "columns", "table block");
	if (!(t = calloc(1, sizeof *t)))
		return spec_oom(p);
	query_init(&t->q);
	if (!(b = spec_add_block(p, BLOCK_DATA_TABLE, fence_line))) {
		free(t);
		return -1;
	}
	b->table = t;
	t->q.mode = QUERY_ROWS;
	if (spec_set_data(p, &t->q, data) < 0 || set_columns(p, &t->q, cols) < 0 ||
	    spec_set_where(p, &t->q, spec_kvset_get(s, "where")) < 0 ||
	    spec_set_string(p, &t->caption, cap) < 0 ||
	    set_max_rows(p, &t->q, spec_kvset_get(s, "max-rows")) < 0)
		return -1;
	if (spec_kvset_get(s, "widths") && set_widths(p, t, spec_kvset_get(s, "widths")) < 0)
		return -1;
	if (spec_kvset_get(s, "headers") && set_headers(p, t, spec_kvset_get(s, "headers")) < 0)
		return -1;
	if (cap) {
		t->caption_line = cap->line;
		return spec_scan_string(p, t->caption, cap->line, cap->col);
	}
	return 0;
}

/* widths: in points and percent must fit the text width together: a
 * column of 1e308pt is an error at its line, not a table scaled to
 * nothing.  The text width is the page's less its margins, which layout
 * knows: the caller passes it. */
int spec_check_widths(const struct doc *doc, double text_width, struct diag *d)
{
	for (size_t i = 0; i < doc->nblocks; i++) {
		const struct table_block *t = doc->blocks[i].table;
		double total = 0;

		if (doc->blocks[i].type != BLOCK_DATA_TABLE || !t->widths)
			continue;
		for (size_t c = 0; c < t->q.ncolumns; c++)
			total += t->widths[c].percent ? text_width * t->widths[c].value / 100
						      : t->widths[c].value;
		if (!(total <= text_width + 0.05)) {
			diag_error(d, EXIT_DATAERR, doc->path, t->widths_line, t->widths_col,
				   "bad widths: the columns add up to %.6g pt, more than the text "
				   "width (%.1f pt)", total, text_width);
			return -1;
		}
	}
	return 0;
}

int spec_table_block(struct spec_parser *p, const char *body, size_t len, int fence_line)
{
	struct spec_kv_set set;

	spec_kvset_init(&set, table_keys, "table block");
	return spec_kv_block(p, &set, body, len, fence_line + 1, table_apply);
}
