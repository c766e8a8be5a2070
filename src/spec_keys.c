/* spec_keys — the keys several blocks share, from text to the model: data:
 * (a dataset or a path relative to the spec), where:, agg:, sort:, top:,
 * plain strings and yes/no (src/spec_int.h). */
#include "spec_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_TOP 1000000000UL         /* largest top: accepted */

int spec_missing(struct spec_parser *p, int line, const char *key, const char *what)
{
	return spec_fail(p, line, 1, "missing \"%s:\" in %s", key, what);
}

/* data: → q.path as written: a dataset's name or a path, which
 * spec_resolve_data() (spec_dataset.c) resolves once every ```data block
 * is read; the query's spec location is the data: line. */
int spec_set_data(struct spec_parser *p, struct query *q, const struct spec_kv_entry *e)
{
	q->path = strdup(e->val);
	q->spec_file = strdup(p->doc->path);
	q->spec_line = e->line;
	if (!q->path || !q->spec_file)
		return spec_oom(p);
	return 0;
}

int spec_set_where(struct spec_parser *p, struct query *q, const struct spec_kv_entry *e)
{
	if (!e)
		return 0;
	if (query_parse_where(e->val, &q->where, &q->nwhere, p->doc->path, e->line,
			      e->col, p->d) < 0) {
		p->failed = 1;
		return -1;
	}
	return 0;
}

int spec_set_agg(struct spec_parser *p, struct query *q, const struct spec_kv_entry *e)
{
	if (e && query_agg_from_name(e->val, &q->agg) < 0)
		return spec_fail(p, e->line, e->col,
				 "unknown aggregate \"%s\": expected sum, mean, count, min or max", e->val);
	return 0;
}

int spec_set_sort(struct spec_parser *p, struct query *q, const struct spec_kv_entry *e)
{
	if (e && query_sort_from_name(e->val, &q->sort) < 0)
		return spec_fail(p, e->line, e->col,
				 "unknown sort \"%s\": expected none, value, -value or label", e->val);
	return 0;
}

int spec_set_top(struct spec_parser *p, struct query *q, const struct spec_kv_entry *e)
{
	unsigned long v = 0;
	size_t i;

	if (!e)
		return 0;
	for (i = 0; spec_is_digit((unsigned char)e->val[i]) && v <= MAX_TOP; i++)
		v = v * 10 + (unsigned long)(e->val[i] - '0');
	if (e->val[i] || v == 0 || v > MAX_TOP)
		return spec_fail(p, e->line, e->col,
				 "bad top \"%s\": expected a positive whole number", e->val);
	q->top = (size_t)v;
	return 0;
}

/* A copy of e's value into *dst (NULL when e is NULL). */
int spec_set_string(struct spec_parser *p, char **dst, const struct spec_kv_entry *e)
{
	if (!e)
		return 0;
	*dst = strdup(e->val);
	return *dst ? 0 : spec_oom(p);
}

/* A yes/no key (also true/false) into *dst; absent leaves *dst alone. */
int spec_set_yes_no(struct spec_parser *p, int *dst, const char *key, const struct spec_kv_entry *e)
{
	if (!e)
		return 0;
	if (strcmp(e->val, "yes") == 0 || strcmp(e->val, "true") == 0)
		*dst = 1;
	else if (strcmp(e->val, "no") == 0 || strcmp(e->val, "false") == 0)
		*dst = 0;
	else
		return spec_fail(p, e->line, e->col, "bad %s \"%s\": expected yes or no", key,
				 e->val);
	return 0;
}

const char *spec_list_item(const char *s, size_t *a, size_t *b)
{
	const char *end = strchr(s, ',');

	*a = 0;
	*b = end ? (size_t)(end - s) : strlen(s);
	while (*a < *b && spec_is_blank((unsigned char)s[*a]))
		(*a)++;
	while (*b > *a && spec_is_blank((unsigned char)s[*b - 1]))
		(*b)--;
	return end;
}
