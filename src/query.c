/* query — the query model's lifecycle and the where: parser (include/query.h). */
#include "query.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "grow.h"
#include "num.h"
#include "utf8.h"

static int is_space(char c)
{
	return c == ' ' || c == '\t';
}

/* Narrow s[*a..*b) to exclude surrounding spaces and tabs. */
static void trim(const char *s, size_t *a, size_t *b)
{
	while (*a < *b && is_space(s[*a]))
		(*a)++;
	while (*b > *a && is_space(s[*b - 1]))
		(*b)--;
}

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
	for (size_t i = 0; q->where && i < q->nwhere; i++) {
		free(q->where[i].column);
		free(q->where[i].text);
	}
	free(q->where);
	free(q->group[0]);
	free(q->group[1]);
	free(q->value);
	query_clear_result(q);
	free_strv(q->columns, q->ncolumns);
	query_init(q);
}

static int is_op_char(char c)
{
	return c == '=' || c == '!' || c == '<' || c == '>';
}

/* File column of byte off of a where: text that starts at column col0. */
static int where_col(const char *text, size_t off, int col0)
{
	return col0 + (int)utf8_count(text, off);
}

/* Words a where: condition cannot hold yet (the query language has no
 * "or", no "in" and no quoting): the first offending word of text[a..b),
 * whose operator starts at oa (b when there is none), or 0 with *wa unset.
 * "or" is refused anywhere; "and" when an operator follows it (a second
 * condition: "flow = total and period = 2020"), not inside a value
 * ("Trinidad and Tobago"); "in", "not", "like", "is" and "between" after
 * the column's first word when they stand before the operator or there is
 * none ("firm in (IBM"). */
static int where_bad_word(const char *text, size_t a, size_t b, size_t oa, size_t *wa,
			  size_t *wl)
{
	static const char *const before_op[] = { "in", "not", "like", "is", "between" };
	size_t i = a, nwords = 0;

	while (i < b) {
		size_t s, e;
		int after_op;

		while (i < b && (is_space(text[i]) || is_op_char(text[i])))
			i++;
		for (s = i; i < b && !is_space(text[i]) && !is_op_char(text[i]); i++)
			;
		e = i;
		if (s == e)
			break;
		nwords++;
		after_op = s > oa;
		*wa = s;
		*wl = e - s;
		if (e - s == 2 && strncasecmp(text + s, "or", 2) == 0)
			return 1;
		if (e - s == 3 && strncasecmp(text + s, "and", 3) == 0 && nwords > 1) {
			for (size_t k = e; k < b; k++)
				if (is_op_char(text[k]))
					return 1;
		}
		for (size_t k = 0; !after_op && nwords > 1 && k < 5; k++)
			if (e - s == strlen(before_op[k]) &&
			    strncasecmp(text + s, before_op[k], e - s) == 0)
				return 1;
	}
	return 0;
}

/* Parse one condition text[a..b) (b excludes the comma) into c.  Columns
 * reported are file columns: col0 + characters before the place within
 * text. */
static int parse_cond(const char *text, size_t a, size_t b, struct cond *c, const char *file,
		      int line, int col0, struct diag *d)
{
	static const char *const ops[] = { "=", "!=", "<", "<=", ">", ">=" };
	size_t ca, cb, oa, ob, va, vb, wa, wl;
	const char *quote;

	trim(text, &a, &b);
	if (a == b) {
		diag_error(d, EXIT_DATAERR, file, line, where_col(text, a, col0),
			   "empty condition in where:");
		return -1;
	}
	for (oa = a; oa < b && !is_op_char(text[oa]); oa++)
		;
	for (ob = oa; ob < b && is_op_char(text[ob]); ob++)
		;
	ca = a, cb = oa, va = ob, vb = b;
	trim(text, &ca, &cb);
	trim(text, &va, &vb);
	/* a quote compares as text: firm = "General Motors" matched nothing */
	quote = memchr(text + a, '"', b - a);
	if (!quote && va < vb && text[va] == '\'')
		quote = text + va;
	if (quote) {
		diag_error(d, EXIT_DATAERR, file, line,
			   where_col(text, (size_t)(quote - text), col0),
			   "quotes are not supported in where: write the value as it is in "
			   "the file, without quotes");
		return -1;
	}
	if (where_bad_word(text, a, b, oa, &wa, &wl)) {
		diag_error(d, EXIT_DATAERR, file, line, where_col(text, wa, col0),
			   "unknown word \"%.*s\" in where: conditions are \"column operator "
			   "value\", joined by commas, and every one must hold", (int)wl, text + wa);
		return -1;
	}
	if (oa == b || ca == cb || va == vb) {
		diag_error(d, EXIT_DATAERR, file, line, where_col(text, a, col0),
			   "bad condition \"%.*s\": expected column, operator "
			   "(= != < <= > >=) and value", (int)(b - a), text + a);
		return -1;
	}
	c->op = (enum cond_op)-1;
	for (int i = 0; i < 6; i++)
		if (strlen(ops[i]) == ob - oa && memcmp(ops[i], text + oa, ob - oa) == 0)
			c->op = (enum cond_op)i;
	if ((int)c->op < 0) {
		diag_error(d, EXIT_DATAERR, file, line, where_col(text, oa, col0),
			   "unknown operator \"%.*s\" in where:", (int)(ob - oa), text + oa);
		return -1;
	}
	c->is_number = num_parse(text + va, vb - va, &c->number) == 0;
	if (c->op >= COND_LT && !c->is_number) {
		diag_error(d, EXIT_DATAERR, file, line, where_col(text, va, col0),
			   "\"%.*s\" is not a number (operator %s needs numbers, in where:)",
			   (int)(vb - va), text + va, ops[c->op]);
		return -1;
	}
	c->column = strndup(text + ca, cb - ca);
	c->text = strndup(text + va, vb - va);
	if (!c->column || !c->text) {
		free(c->column);
		free(c->text);
		return diag_oom(d);
	}
	return 0;
}

/* Conditions are split at every comma (values cannot contain commas); each
 * piece must be "column op value".  On error nothing is returned. */
int query_parse_where(const char *text, struct cond **out, size_t *nout,
		      const char *file, int line, int col0, struct diag *d)
{
	struct cond *v = NULL;
	size_t n = 0, cap = 0, a = 0, len;

	*out = NULL;
	*nout = 0;
	if (!text)
		return 0;
	if (col0 < 1)
		col0 = 1;
	len = strlen(text);
	for (;;) {
		const char *comma = memchr(text + a, ',', len - a);
		size_t b = comma ? (size_t)(comma - text) : len;

		if (grow_array(&v, &cap, n + 1, sizeof *v) < 0) {
			diag_oom(d);
			goto fail;
		}
		memset(&v[n], 0, sizeof v[n]);
		if (parse_cond(text, a, b, &v[n], file, line, col0, d) < 0)
			goto fail;
		n++;
		if (!comma)
			break;
		a = b + 1;
	}
	*out = v;
	*nout = n;
	return 0;
fail:
	for (size_t i = 0; i < n; i++) {
		free(v[i].column);
		free(v[i].text);
	}
	free(v);
	return -1;
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
