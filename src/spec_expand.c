/* spec_expand — after data_run(): each value's number formatted (or its
 * missing: text), and every {{name}} replaced by its value's text, once
 * (include/spec.h). */
#include "spec_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

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

/* Each value's number and text from its answered query. */
static int format_values(struct doc *doc, struct diag *d)
{
	const struct num_style *ns = &lang_or_default(doc->front.lang)->num;

	for (size_t i = 0; i < doc->nvalues; i++) {
		struct value_def *v = &doc->values[i];
		char buf[1024];

		if (v->q.res.ngroups == 0 || v->q.res.groups[0].missing) {
			/* no number: missing: says what to print instead; no row
			 * or only empty cells is never a zero */
			if (value_missing(doc, v, d) < 0)
				return -1;
			continue;
		}
		v->number = v->q.res.groups[0].value;
		if (!v->format)
			num_format_auto_style(buf, sizeof buf, ns, v->number, 2, 1);
		else if (num_format_style(buf, sizeof buf, ns, v->format, v->number) < 0) {
			diag_error(d, EXIT_DATAERR, doc->path, v->line, 1,
				   "bad format \"%s\": expected one number conversion such as %%.1f",
				   v->format);
			return -1;
		}
		free(v->text);
		if (!(v->text = strdup(buf)))
			return diag_oom(d);
	}
	return 0;
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

		/* a name of 256 bytes or more is not looked up (reported
		 * undefined, though spec_parse accepted it): kept as it was */
		if (len && nlen < 256)
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
	struct strset names = { 0 };
	int rc = 0;

	if (format_values(doc, d) < 0)
		return -1;
	for (size_t i = 0; i < doc->nvalues; i++) {
		if (!spec_name_find(&names, doc->values[i].name) &&
		    spec_name_add(&names, doc->values[i].name, i) < 0) {
			rc = diag_oom(d);
			break;
		}
	}
	for (size_t i = 0; rc == 0 && i < doc->nblocks; i++)
		rc = expand_block(doc, &names, &doc->blocks[i], d);
	strset_free(&names);
	return rc;
}
