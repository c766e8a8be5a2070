/* spec_expand — after data_run(): each value read from data formatted (a
 * number, a date, or its missing: text), each computed value evaluated
 * after the values it uses, the data tables' rows put in order
 * (spec_rows.c), and every {{name}} replaced by its value's text, once
 * (include/spec.h). */
#include "spec_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "expr.h"
#include "lang.h"
#include "num.h"
#include "utf8.h"

/* A value without a number (its query matched no row, or only rows whose
 * value cells are empty): the text of its missing: key, else an error at
 * its [name] line.  0 or -1. */
static int value_missing(struct doc *doc, struct value_def *v, struct diag *d)
{
	const struct query_result *r = &v->q.res;

	if (v->missing) {
		v->number = NAN;
		free(v->text);
		if (!(v->text = strdup(v->missing)))
			return diag_oom(d);
		return 0;
	}
	if (r->ngroups == 0)
		diag_error(d, EXIT_DATAERR, doc->path, v->line, 1,
			   "value \"%s\" matched no rows in %s", v->name,
			   v->q.path ? v->q.path : "");
	else
		diag_error(d, EXIT_DATAERR, doc->path, v->line, 1,
			   "value \"%s\" has no number: the %s cells of its %zu matching row%s "
			   "in %s are empty (set missing: to print a text instead)", v->name,
			   v->q.value ? v->q.value : "", r->rows_matched,
			   r->rows_matched == 1 ? "" : "s", v->q.path ? v->q.path : "");
	return -1;
}

/* v's text from buf, replacing any it had.  0 or -1. */
static int value_set_text(struct value_def *v, const char *buf, struct diag *d)
{
	free(v->text);
	if (!(v->text = strdup(buf)))
		return diag_oom(d);
	return 0;
}

/* Is v a date: agg: min or max over a date column that found one? */
static int value_is_date(const struct value_def *v)
{
	const struct query_result *r = &v->q.res;

	return !v->expr && r->value_is_date && r->ngroups > 0 && !r->groups[0].missing;
}

/* A number's text: by format: (sign sections included), else automatic
 * (up to two decimals, grouped).  A date format on a number is an error
 * at it: the value is not the date its format expects. */
static int value_number_text(struct doc *doc, struct value_def *v, struct diag *d)
{
	const struct num_style *ns = &lang_or_default(doc->front.lang)->num;
	char buf[1024];

	if (v->format && v->format_date) {
		diag_error(d, EXIT_DATAERR, doc->path, v->format_line, v->format_col,
			   "date format \"%s\" for value \"%s\", which is a number: use a number "
			   "format such as %%.1f (a date comes from agg: min or max over a column "
			   "of dates)", v->format, v->name);
		return -1;
	}
	if (!v->format)
		num_format_auto_style(buf, sizeof buf, ns, v->number, 2, 1);
	else if (num_format_style(buf, sizeof buf, ns, v->format, v->number) < 0) {
		diag_error(d, EXIT_SOFTWARE, doc->path, v->format_line, v->format_col,
			   "format \"%s\" was checked but does not format", v->format);
		return -1;
	}
	return value_set_text(v, buf, d);
}

/* A date's text: by its date format, else the default of its granularity
 * ("%B %Y" for a month), in the document's language.  A number format on
 * a date is an error at it. */
static int value_date_text(struct doc *doc, struct value_def *v, struct diag *d)
{
	const struct query_result *r = &v->q.res;
	struct spec_format_at at = { doc->path, v->format_line, v->format_col };
	char buf[1024];

	if (v->format && !v->format_date) {
		diag_error(d, EXIT_DATAERR, doc->path, v->format_line, v->format_col,
			   "number format \"%s\" for value \"%s\", which is a date (%s of the "
			   "%ss in %s): use a date format such as %%B %%Y", v->format, v->name,
			   v->q.agg == AGG_MIN ? "the earliest" : "the latest",
			   period_gran_name(r->value_period.gran), v->q.value ? v->q.value : "");
		return -1;
	}
	if (spec_format_period(&r->value_period, v->format, doc->front.lang, &at, buf, sizeof buf,
			       d) < 0)
		return -1;
	v->number = NAN;
	return value_set_text(v, buf, d);
}

/* Each value read from data: its number (or date) and text from its
 * answered query. */
static int format_read_values(struct doc *doc, struct diag *d)
{
	for (size_t i = 0; i < doc->nvalues; i++) {
		struct value_def *v = &doc->values[i];
		int rc;

		if (v->expr)
			continue;
		if (v->q.res.ngroups == 0 || v->q.res.groups[0].missing) {
			/* no number: missing: says what to print instead; no row
			 * or only empty cells is never a zero */
			rc = value_missing(doc, v, d);
		} else if (value_is_date(v)) {
			rc = value_date_text(doc, v, d);
		} else {
			v->number = v->q.res.groups[0].value;
			rc = value_number_text(doc, v, d);
		}
		if (rc < 0)
			return -1;
	}
	return 0;
}

/* The values by name, for the computations and the placeholders. */
struct value_names {
	struct doc *doc;
	struct strset names;    /* each value's name, val its index */
};

/* expr_eval()'s lookup: a value's number; 1 for a value without one (a
 * date, or missing: the computation checks that first). */
static int value_number(void *ctx, const char *name, double *out)
{
	const struct value_names *vn = ctx;
	const struct strset_ent *e = spec_name_find(&vn->names, name);
	const struct value_def *w;

	if (!e)
		return -1;
	w = &vn->doc->values[e->val];
	if (isnan(w->number) || value_is_date(w))
		return 1;
	if (out)
		*out = w->number;
	return 0;
}

/* Computed value v, its inputs known: a name that has no number because
 * no row gave it one makes v print its own missing: text, or is an error
 * at the name; anything else expr_eval() judges (a date is not a number,
 * division by zero). */
static int compute_value(const struct value_names *vn, struct value_def *v, struct diag *d)
{
	struct doc *doc = vn->doc;
	size_t nref;
	const struct expr_ref *refs = expr_refs(v->expr, &nref);

	for (size_t r = 0; r < nref; r++) {
		const struct value_def *w =
			&doc->values[spec_name_find(&vn->names, refs[r].name)->val];

		if (!isnan(w->number) || value_is_date(w))
			continue;
		if (v->missing)
			return value_missing(doc, v, d);
		diag_error(d, EXIT_DATAERR, doc->path, v->expr_line, refs[r].col,
			   "value \"%s\" has no number to compute with: it printed its missing: "
			   "text (set missing: on \"%s\" too to print a text instead)", w->name,
			   v->name);
		return -1;
	}
	if (expr_eval(v->expr, value_number, (void *)vn, &v->number, d) < 0)
		return -1;
	return value_number_text(doc, v, d);
}

/* Every computed value, each after the values it uses. */
static int compute_values(const struct value_names *vn, struct diag *d)
{
	size_t n, *order;
	int rc = 0;

	if (spec_exprs_order(vn->doc, value_number, (void *)vn, &order, &n, d) < 0)
		return -1;
	for (size_t k = 0; rc == 0 && k < n; k++)
		rc = compute_value(vn, &vn->doc->values[order[k]], d);
	free(order);
	return rc;
}

/* Replace every {{name}} in *s by its value's text (once: substituted text
 * is not scanned again).  line:col locate *s for the (normally impossible
 * after spec_parse) errors. */
static int expand_string(struct doc *doc, const struct strset *names, char **s, int line,
			 int col, struct diag *d)
{
	struct strbuf b = { 0 };
	const char *t = *s, *ph;

	if (!t || !strstr(t, "{{"))
		return 0;
	while ((ph = strstr(t, "{{")) != NULL) {
		const char *name;
		size_t nlen, len = spec_placeholder_parse(ph, &name, &nlen);
		long id = -1;

		if (len)
			id = strset_find(names, name, nlen);
		if (id < 0) {
			int c = col ? col + (int)utf8_count(*s, (size_t)(ph - *s)) : 0;

			if (len)
				diag_error(d, EXIT_DATAERR, doc->path, line, c,
					   "undefined value \"%.*s\"",
					   (int)utf8_cut(name, nlen, 200), name);
			else
				diag_error(d, EXIT_DATAERR, doc->path, line, c,
					   "malformed placeholder \"%.*s\"",
					   (int)utf8_cut(ph, spec_placeholder_extent(ph), 80), ph);
			strbuf_free(&b);
			return -1;
		}
		strbuf_add(&b, t, (size_t)(ph - t));
		strbuf_str(&b, doc->values[names->ents[id].val].text);
		t = ph + len;
	}
	strbuf_str(&b, t);
	if (b.oom) {
		strbuf_free(&b);
		return diag_oom(d);
	}
	free(*s);
	*s = b.s;
	return 0;
}

static int expand_inlines(struct doc *doc, const struct strset *names, struct inlines *in,
			  struct diag *d)
{
	for (size_t i = 0; i < in->n; i++)
		if (expand_string(doc, names, &in->runs[i].text, in->runs[i].line,
				  in->runs[i].col, d) < 0)
			return -1;
	return 0;
}

static int expand_block(struct doc *doc, const struct strset *names, struct block *b,
			struct diag *d)
{
	switch (b->type) {
	case BLOCK_HEADING:
	case BLOCK_PARAGRAPH:
	case BLOCK_QUOTE:
		return expand_inlines(doc, names, &b->text, d);
	case BLOCK_LIST:
		for (size_t i = 0; i < b->nitems; i++)
			if (expand_inlines(doc, names, &b->items[i].text, d) < 0)
				return -1;
		return 0;
	case BLOCK_PIPE_TABLE:
		for (size_t i = 0; i < (1 + b->ptable->nrows) * b->ptable->ncols; i++)
			if (expand_inlines(doc, names, &b->ptable->cells[i], d) < 0)
				return -1;
		return 0;
	case BLOCK_DATA_TABLE:
		return expand_string(doc, names, &b->table->caption, b->table->caption_line, 0, d);
	case BLOCK_FIGURES:
		for (size_t i = 0; i < b->figures->n; i++) {
			struct figure *f = &b->figures->items[i];
			const struct strset_ent *e = spec_name_find(names, f->name);

			if (!e) {
				diag_error(d, EXIT_DATAERR, doc->path, f->line, f->col,
					   "undefined value \"%s\"", f->name);
				return -1;
			}
			free(f->text);
			if (!(f->text = strdup(doc->values[e->val].text)))
				return diag_oom(d);
			if (expand_string(doc, names, &f->caption, f->line, 0, d) < 0)
				return -1;
		}
		return 0;
	case BLOCK_CHART:
		if (expand_string(doc, names, &b->chart->title, b->chart->title_line, 0, d) < 0 ||
		    expand_string(doc, names, &b->chart->subtitle, b->line, 0, d) < 0 ||
		    expand_string(doc, names, &b->chart->unit, b->line, 0, d) < 0 ||
		    expand_string(doc, names, &b->chart->alt, b->line, 0, d) < 0)
			return -1;
		return 0;
	default:
		return 0;
	}
}

int spec_expand(struct doc *doc, struct diag *d)
{
	struct value_names vn = { doc, { 0 } };
	int rc = 0;

	for (size_t i = 0; i < doc->nvalues; i++)
		doc->values[i].number = NAN;
	for (size_t i = 0; rc == 0 && i < doc->nvalues; i++) {
		if (!spec_name_find(&vn.names, doc->values[i].name) &&
		    spec_name_add(&vn.names, doc->values[i].name, i) < 0)
			rc = diag_oom(d);
	}
	if (rc == 0 && (format_read_values(doc, d) < 0 || compute_values(&vn, d) < 0 ||
			spec_rows_finish(doc, d) < 0))
		rc = -1;
	for (size_t i = 0; rc == 0 && i < doc->nblocks; i++)
		rc = expand_block(doc, &vn.names, &doc->blocks[i], d);
	strset_free(&vn.names);
	return rc;
}
