/* spec_table — a ```table block: rows of a CSV with columns:, headers:,
 * widths:, max-rows:, sort:, top:, formats: and source:; and, once layout
 * knows the text width, the check that the widths fit it (src/spec_int.h,
 * include/spec.h).  The rows are sorted, cut and formatted once read
 * (spec_rows.c). */
#include "spec_int.h"

#include <stdlib.h>
#include <string.h>

#include "num.h"
#include "utf8.h"

static const char *const table_keys[] = { "data", "columns", "where", "caption", "widths",
					   "headers", "max-rows", "sort", "top", "formats", "source",
					   NULL };

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

/* sort: none (the file's order, the default), or a column of columns:,
 * smallest (earliest, first) first, or -column for the largest first. */
static int set_sort(struct spec_parser *p, struct table_block *t, const struct spec_kv_entry *e)
{
	const char *name = e->val;

	t->sort_col = DOC_NO_SORT;
	if (strcmp(name, "none") == 0)
		return 0;
	t->sort_desc = name[0] == '-';
	name += t->sort_desc;
	for (size_t c = 0; c < t->q.ncolumns; c++)
		if (strcmp(name, t->q.columns[c]) == 0) {
			t->sort_col = c;
			return 0;
		}
	return spec_fail(p, e->line, e->col, "unknown sort \"%s\": expected none or a column of "
			 "columns: (with - before it for the largest first)", e->val);
}

/* top: the first N rows, after sort:; at most max-rows: of them.  Without
 * sort: the first N of the file are all that is needed, so the query keeps
 * no more (and more matching rows are no error). */
static int set_top(struct spec_parser *p, struct table_block *t, const struct spec_kv_entry *e)
{
	struct query q;
	int rc;

	query_init(&q);
	rc = spec_set_top(p, &q, e);
	if (rc == 0 && q.top > t->q.max_rows)
		rc = spec_fail(p, e->line, e->col, "bad top \"%s\": more than max-rows (%zu); set "
			       "max-rows: to raise it", e->val, t->q.max_rows);
	if (rc == 0) {
		t->top = q.top;
		if (t->sort_col == DOC_NO_SORT)
			t->q.max_rows = t->top;
	}
	query_clear(&q);
	return rc;
}

/* One format of formats:, s[a..b) at line:col: "-" (the cell as
 * written), else a number or date format, its "\," made a ','. */
static int set_one_format(struct spec_parser *p, struct table_block *t, size_t c, const char *s,
			  size_t a, size_t b, int line, int col)
{
	char *f;
	size_t o = 0;

	t->format_cols[c] = col;
	if (b - a == 1 && s[a] == '-') {
		t->col_fmt[c] = COL_AS_WRITTEN;
		return 0;
	}
	if (!(f = malloc(b - a + 1)))
		return spec_oom(p);
	for (size_t i = a; i < b; i++) {
		if (s[i] == '\\' && s[i + 1] == ',')
			i++;
		f[o++] = s[i];
	}
	f[o] = '\0';
	t->formats[c] = f;
	return spec_check_format(p, f, line, col, &t->col_fmt[c]);
}

/* formats: one per column, separated by commas ("\," is a comma inside a
 * format): a number format (%'.0f, %.1f %%, sign sections), a date format
 * (%B %Y) for a column of ISO periods, or - for the cell as written.  Each
 * is checked at its own column. */
static int set_formats(struct spec_parser *p, struct table_block *t, const struct spec_kv_entry *e)
{
	const char *s = e->val;
	size_t n = t->q.ncolumns, k = 0, a = 0;

	t->formats = calloc(n, sizeof *t->formats);
	t->col_fmt = calloc(n, sizeof *t->col_fmt);
	t->format_cols = calloc(n, sizeof *t->format_cols);
	if (!t->formats || !t->col_fmt || !t->format_cols)
		return spec_oom(p);
	t->formats_line = e->line;
	for (size_t i = 0;; i++) {
		size_t b;

		if (s[i] == '\\' && s[i + 1] == ',') {
			i++;
			continue;
		}
		if (s[i] && s[i] != ',')
			continue;
		for (b = i; b > a && spec_is_blank((unsigned char)s[b - 1]); b--)
			;
		while (a < b && spec_is_blank((unsigned char)s[a]))
			a++;
		if (k == n)
			return spec_fail(p, e->line, e->col + (int)utf8_count(s, a), "formats: gives "
					 "more than %zu format%s for %zu column%s", n, n == 1 ? "" : "s",
					 n, n == 1 ? "" : "s");
		if (a == b) /* at the ',' that ends it */
			return spec_fail(p, e->line, e->col + (int)utf8_count(s, i),
					 "empty format in formats: (- shows a column as written)");
		if (set_one_format(p, t, k++, s, a, b, e->line,
				   e->col + (int)utf8_count(s, a)) < 0)
			return -1;
		if (!s[i])
			break;
		a = i + 1;
	}
	if (k < n)
		return spec_fail(p, e->line, e->col, "formats: gives %zu format%s for %zu column%s",
				 k, k == 1 ? "" : "s", n, n == 1 ? "" : "s");
	return 0;
}

static int table_apply(struct spec_parser *p, struct spec_kv_set *s, int fence_line)
{
	struct block *b;
	struct table_block *t;
	struct spec_kv_entry *data = spec_kvset_get(s, "data");
	struct spec_kv_entry *cols = spec_kvset_get(s, "columns");
	struct spec_kv_entry *cap = spec_kvset_get(s, "caption"), *e;

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
	t->sort_col = DOC_NO_SORT;
	if (spec_set_data(p, &t->q, data) < 0 || set_columns(p, &t->q, cols) < 0 ||
	    spec_set_where(p, &t->q, spec_kvset_get(s, "where")) < 0 ||
	    spec_set_string(p, &t->caption, cap) < 0 ||
	    spec_set_string(p, &t->source, spec_kvset_get(s, "source")) < 0 ||
	    set_max_rows(p, &t->q, spec_kvset_get(s, "max-rows")) < 0)
		return -1;
	if ((e = spec_kvset_get(s, "sort")) && set_sort(p, t, e) < 0)
		return -1;
	if ((e = spec_kvset_get(s, "top")) && set_top(p, t, e) < 0)
		return -1;
	if ((e = spec_kvset_get(s, "formats")) && set_formats(p, t, e) < 0)
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
