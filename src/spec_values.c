/* spec_values — a ```values block: "[name]" sections, each a query for one
 * number (or date) or a computation over other values (expr:), and how to
 * show it; and, once every value is known, the check of the computations
 * (src/spec_int.h). */
#include "spec_int.h"

#include <stdlib.h>
#include <string.h>

#include "expr.h"
#include "grow.h"
#include "num.h"
#include "utf8.h"

static const char *const value_keys[] = { "data", "value", "agg", "where", "expr", "format",
					   "missing", "source", NULL };

/* One values block being read: the section in progress. */
struct values_state {
	struct spec_kv_set set;
	size_t cur;      /* index in doc->values of the open section, or SPEC_NO_INDEX */
};

/* format: and missing: give a value's text, which is not expanded again: a
 * {{name}} in them would be printed as is, or, were it expanded, could
 * refer back to the value itself.  0, or -1 at the placeholder. */
static int value_no_placeholder(struct spec_parser *p, const struct spec_kv_entry *e,
				const char *key)
{
	const char *ph = e ? strstr(e->val, "{{") : NULL;

	if (!ph)
		return 0;
	return spec_fail(p, e->line, e->col + (int)utf8_count(e->val, (size_t)(ph - e->val)),
			 "placeholder in %s: a value cannot use another value", key);
}

/* A value read from its CSV: data:, value: (not for a count), agg:, where:. */
static int value_query(struct spec_parser *p, struct value_def *v, struct spec_kv_set *s)
{
	struct spec_kv_entry *data = spec_kvset_get(s, "data");
	struct spec_kv_entry *val = spec_kvset_get(s, "value");

	if (!data)
		return spec_missing(p, v->line, "data", "values block");
	if (spec_set_data(p, &v->q, data) < 0 ||
	    spec_set_agg(p, &v->q, spec_kvset_get(s, "agg")) < 0)
		return -1;
	if (!val && v->q.agg != AGG_COUNT)
		return spec_missing(p, v->line, "value", "values block");
	if (spec_set_string(p, &v->q.value, val) < 0 ||
	    spec_set_where(p, &v->q, spec_kvset_get(s, "where")) < 0)
		return -1;
	return spec_set_string(p, &v->source, spec_kvset_get(s, "source"));
}

/* A computed value: expr: alone, none of the keys that read a CSV (its
 * sources are its inputs' sources, so source: is not for it either). */
static int value_expr(struct spec_parser *p, struct value_def *v, struct spec_kv_set *s,
		      const struct spec_kv_entry *ex)
{
	static const char *const query_keys[] = { "data", "value", "agg", "where", "source" };

	for (size_t i = 0; i < sizeof query_keys / sizeof *query_keys; i++) {
		const struct spec_kv_entry *e = spec_kvset_get(s, query_keys[i]);

		if (!e)
			continue;
		if (strcmp(query_keys[i], "source") == 0)
			return spec_fail(p, e->line, e->col, "source: in a computed value: its "
					 "sources are those of the values its expr: uses");
		return spec_fail(p, e->line, e->col, "%s: and expr: in one value: a value is "
				 "read from data: or computed by expr:, not both", query_keys[i]);
	}
	v->expr_line = ex->line;
	if (expr_parse(ex->val, p->doc->path, ex->line, ex->col, &v->expr, p->d) < 0) {
		p->failed = 1;
		return -1;
	}
	return 0;
}

/* format: a number format, or a date format for a value that is a date;
 * a computed value is always a number. */
static int value_format(struct spec_parser *p, struct value_def *v, struct spec_kv_entry *fmt)
{
	enum col_format kind;

	if (!fmt)
		return 0;
	if (value_no_placeholder(p, fmt, "format") < 0 ||
	    spec_check_format(p, fmt->val, fmt->line, fmt->col, &kind) < 0)
		return -1;
	if (kind == COL_DATE && v->expr)
		return spec_fail(p, fmt->line, fmt->col, "date format \"%s\" for a computed value: "
				 "expr: gives a number; use a number format such as %%.1f",
				 fmt->val);
	v->format_date = kind == COL_DATE;
	v->format_line = fmt->line;
	v->format_col = fmt->col;
	return spec_set_string(p, &v->format, fmt);
}

/* The open section is complete: its keys become the value's query, or
 * its computation. */
static int value_finish(struct spec_parser *p, struct values_state *vs)
{
	struct value_def *v;
	struct spec_kv_entry *ex, *miss;
	int rc;

	if (vs->cur == SPEC_NO_INDEX)
		return 0;
	v = &p->doc->values[vs->cur];
	ex = spec_kvset_get(&vs->set, "expr");
	miss = spec_kvset_get(&vs->set, "missing");
	rc = ex ? value_expr(p, v, &vs->set, ex) : value_query(p, v, &vs->set);
	if (rc == 0)
		rc = value_format(p, v, spec_kvset_get(&vs->set, "format"));
	if (rc == 0 && value_no_placeholder(p, miss, "missing") == 0)
		rc = spec_set_string(p, &v->missing, miss);
	spec_kvset_clear(&vs->set);
	vs->cur = SPEC_NO_INDEX;
	return rc;
}

/* The line of the value at index i (spec_section_name's duplicate error). */
static int value_first_line(const struct doc *doc, size_t i)
{
	return doc->values[i].line;
}

/* "[name]" opens a value: the name must be new and well formed. */
static int value_section(struct spec_kv_reader *r, const char *name, size_t len, int closed)
{
	struct spec_parser *p = r->p;
	struct values_state *vs = r->user;
	struct doc *doc = p->doc;
	struct value_def *v;
	char *nm;

	if (value_finish(p, vs) < 0)
		return -1;
	if (spec_section_name(r, name, len, closed, "value", &p->names.values, value_first_line,
			      &nm) < 0)
		return -1;
	if (grow_array(&doc->values, &p->values_cap, doc->nvalues + 1, sizeof *doc->values) < 0) {
		free(nm);
		return spec_oom(p);
	}
	v = &doc->values[doc->nvalues];
	memset(v, 0, sizeof *v);
	query_init(&v->q);
	v->name = nm;
	v->line = r->line;
	if (spec_name_add(&p->names.values, nm, doc->nvalues) < 0)
		return spec_oom(p);
	vs->cur = doc->nvalues++;
	return 0;
}

static int value_key(struct spec_kv_reader *r, const char *key, const char *val,
		     int key_col, int val_col)
{
	struct values_state *vs = r->user;

	if (vs->cur == SPEC_NO_INDEX)
		return spec_fail(r->p, r->line, key_col,
				 "key outside a [name] section in values block");
	return spec_kvset_put(r->p, &vs->set, key, val, r->line, key_col, val_col);
}

int spec_values_block(struct spec_parser *p, const char *body, size_t len, int fence_line)
{
	struct values_state vs;
	int rc;

	spec_kvset_init(&vs.set, value_keys, "values block");
	vs.cur = SPEC_NO_INDEX;
	rc = spec_kv_read(p, body, len, fence_line + 1, "values block", value_section, value_key,
			  &vs);
	if (rc == 0)
		rc = value_finish(p, &vs);
	spec_kvset_clear(&vs.set);
	return rc;
}

/* ---- the computations, once every value is known -------------------------- */

/* expr_order()'s lookup while parsing: a name that is a value read from
 * data is defined (its number comes with the data). */
static int value_defined(void *ctx, const char *name, double *out)
{
	struct spec_parser *p = ctx;
	const struct strset_ent *e = spec_name_find(&p->names.values, name);

	(void)out;
	return e && !p->doc->values[e->val].expr ? 0 : -1;
}

/* v's inputs: for each name it uses, that value if it is read from data,
 * or that computed value's inputs (known: dependencies come first in the
 * order).  mark[i] == stamp means value i is already one of them. */
static int value_inputs(struct spec_parser *p, struct value_def *v, size_t *mark, size_t stamp)
{
	struct doc *doc = p->doc;
	size_t nref, cap = 0;
	const struct expr_ref *refs = expr_refs(v->expr, &nref);

	for (size_t r = 0; r < nref; r++) {
		size_t w = spec_name_find(&p->names.values, refs[r].name)->val;
		const size_t *from = doc->values[w].expr ? doc->values[w].inputs : &w;
		size_t nfrom = doc->values[w].expr ? doc->values[w].ninputs : 1;

		for (size_t k = 0; k < nfrom; k++) {
			if (mark[from[k]] == stamp)
				continue;
			mark[from[k]] = stamp;
			if (grow_array(&v->inputs, &cap, v->ninputs + 1, sizeof *v->inputs) < 0)
				return spec_oom(p);
			v->inputs[v->ninputs++] = from[k];
		}
	}
	return 0;
}

int spec_exprs_order(struct doc *doc, expr_lookup_fn lookup, void *ctx, size_t **order,
		     size_t *n, struct diag *d)
{
	struct expr_item *items = NULL;
	size_t *of = NULL, *ord = NULL;
	int rc = -1;

	*order = NULL;
	*n = 0;
	for (size_t i = 0; i < doc->nvalues; i++)
		*n += doc->values[i].expr != NULL;
	if (*n == 0)
		return 0;
	items = calloc(*n, sizeof *items);
	of = calloc(*n, sizeof *of);
	ord = calloc(*n, sizeof *ord);
	if (!items || !of || !ord) {
		diag_oom(d);
		goto done;
	}
	for (size_t i = 0, k = 0; i < doc->nvalues; i++) {
		if (!doc->values[i].expr)
			continue;
		items[k] = (struct expr_item){ doc->values[i].name, doc->values[i].expr, 0 };
		of[k++] = i;
	}
	if (expr_order(items, *n, lookup, ctx, ord, d) < 0)
		goto done;
	for (size_t k = 0; k < *n; k++)
		ord[k] = of[ord[k]];
	*order = ord;
	ord = NULL;
	rc = 0;
done:
	free(items);
	free(of);
	free(ord);
	return rc;
}

int spec_check_exprs(struct spec_parser *p)
{
	struct doc *doc = p->doc;
	size_t n, *order, *mark;
	int rc = 0;

	if (spec_exprs_order(doc, value_defined, p, &order, &n, p->d) < 0) {
		p->failed = 1;
		return -1;
	}
	if (n == 0)
		return 0;
	if (!(mark = calloc(doc->nvalues, sizeof *mark)))
		rc = spec_oom(p);
	for (size_t k = 0; rc == 0 && k < n; k++)
		rc = value_inputs(p, &doc->values[order[k]], mark, k + 1);
	free(order);
	free(mark);
	return rc;
}
