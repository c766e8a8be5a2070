/* doc — the document model's lifecycle and questions it answers about
 * itself (include/doc.h). */
#include "doc.h"

#include <stdlib.h>
#include <string.h>

#include "expr.h"

static const char *const chart_type_names[] = { "pie", "donut", "bar", "hbar", "line" };

#define NTYPES (sizeof chart_type_names / sizeof chart_type_names[0])

const char *doc_chart_type_name(enum chart_type t)
{
	return (unsigned)t < NTYPES ? chart_type_names[t] : "?";
}

int doc_chart_type_from_name(const char *name, enum chart_type *t)
{
	for (size_t i = 0; i < NTYPES; i++)
		if (strcmp(name, chart_type_names[i]) == 0) {
			*t = (enum chart_type)i;
			return 0;
		}
	return -1;
}

/* The query of a table or chart block, else NULL.  Not const: the model's
 * blocks hold their tables and charts by pointer, and data_run() answers
 * the queries of a document everyone else only reads. */
static struct query *block_query(const struct block *b)
{
	if (b->type == BLOCK_DATA_TABLE)
		return &b->table->q;
	if (b->type == BLOCK_CHART)
		return &b->chart->q;
	return NULL;
}

/* Values and blocks are each in document order: merge them by spec line.
 * A computed value (expr:) has no query of its own. */
struct query **doc_queries(const struct doc *doc, size_t *n)
{
	size_t total = 0, v = 0, b = 0, k = 0;
	struct query **qs;

	for (size_t i = 0; i < doc->nvalues; i++)
		total += !doc->values[i].expr;
	for (size_t i = 0; i < doc->nblocks; i++)
		total += block_query(&doc->blocks[i]) != NULL;
	*n = 0;
	qs = malloc((total ? total : 1) * sizeof *qs);
	if (!qs)
		return NULL;
	while (k < total) {
		while (b < doc->nblocks && !block_query(&doc->blocks[b]))
			b++;
		while (v < doc->nvalues && doc->values[v].expr)
			v++;
		if (v < doc->nvalues &&
		    (b == doc->nblocks || doc->values[v].line <= doc->blocks[b].line))
			qs[k++] = &doc->values[v++].q;
		else
			qs[k++] = block_query(&doc->blocks[b++]);
	}
	*n = total;
	return qs;
}

static void inlines_free(struct inlines *in)
{
	for (size_t i = 0; i < in->n; i++) {
		free(in->runs[i].text);
		free(in->runs[i].href);
		free(in->runs[i].lang);
	}
	free(in->runs);
}

void chart_block_free(struct chart_block *c)
{
	if (!c)
		return;
	query_clear(&c->q);
	free(c->name);
	free(c->title);
	free(c->subtitle);
	free(c->unit);
	free(c->source);
	free(c->colors);
	free(c->format);
	free(c->alt);
	memset(c, 0, sizeof *c);
}

static void table_block_free(struct table_block *t)
{
	if (!t)
		return;
	/* headers and formats before query_clear: it zeroes q.ncolumns, their count
	 * (found by fuzz_spec: tests/fuzz/regressions/fuzz_spec/) */
	for (size_t i = 0; t->headers && i < t->q.ncolumns; i++)
		free(t->headers[i]);
	free(t->headers);
	for (size_t i = 0; t->formats && i < t->q.ncolumns; i++)
		free(t->formats[i]);
	free(t->formats);
	free(t->col_fmt);
	free(t->format_cols);
	query_clear(&t->q);
	free(t->caption);
	free(t->widths);
	free(t->source);
	free(t);
}

static void figures_block_free(struct figures_block *f)
{
	if (!f)
		return;
	for (size_t i = 0; i < f->n; i++) {
		free(f->items[i].name);
		free(f->items[i].caption);
		free(f->items[i].text);
	}
	free(f->items);
	free(f);
}

static void pipe_table_free(struct pipe_table *t)
{
	if (!t)
		return;
	for (size_t i = 0; t->cells && i < (1 + t->nrows) * t->ncols; i++)
		inlines_free(&t->cells[i]);
	free(t->cells);
	free(t->align);
	free(t);
}

static void block_free(struct block *b)
{
	free(b->anchor);
	inlines_free(&b->text);
	for (size_t i = 0; i < b->nitems; i++)
		inlines_free(&b->items[i].text);
	free(b->items);
	pipe_table_free(b->ptable);
	free(b->code);
	figures_block_free(b->figures);
	table_block_free(b->table);
	chart_block_free(b->chart);
	free(b->chart);
}

static void value_def_free(struct value_def *v)
{
	query_clear(&v->q);
	expr_free(v->expr);
	free(v->inputs);
	free(v->source);
	free(v->name);
	free(v->format);
	free(v->missing);
	free(v->text);
}

void doc_free(struct doc *doc)
{
	if (!doc)
		return;
	for (size_t i = 0; i < doc->nblocks; i++)
		block_free(&doc->blocks[i]);
	free(doc->blocks);
	for (size_t i = 0; i < doc->nvalues; i++)
		value_def_free(&doc->values[i]);
	free(doc->values);
	for (size_t i = 0; i < doc->ndatasets; i++) {
		free(doc->datasets[i].name);
		free(doc->datasets[i].path);
		free(doc->datasets[i].encoding);
	}
	free(doc->datasets);
	free(doc->front.title);
	free(doc->front.short_title);
	free(doc->front.subtitle);
	free(doc->front.author);
	free(doc->front.keywords);
	free(doc->front.date);
	free(doc->front.mail_to);
	free(doc->front.mail_cc);
	free(doc->front.mail_from);
	free(doc->front.mail_subject);
	free(doc->path);
	free(doc->dir);
	free(doc);
}
