/* data_ctx — a pass's context made and freed, and its progress reported:
 * below both the driver (data.c) and the worker threads (data_pipe.c),
 * which each make contexts, so neither calls the other back. */
#include "data_int.h"

#include <stdlib.h>
#include <string.h>

/* Set up c to read for the queries: -1 on OOM (c is then freeable). */
int data_ctx_init(struct data_ctx *c, const char *path, struct query **qs, size_t nq,
		  struct diag *d)
{
	memset(c, 0, sizeof *c);
	c->path = path;
	c->qs = qs;
	c->nq = nq;
	c->d = d;
	c->loc.line = c->loc.base_line = c->loc.row_line = 1;
	c->loc.at_line_start = 1;
	c->hdr.col_source = c->hdr.col_illus = -1;
	c->row.source = -2;
	c->src.last[0] = c->src.last[1] = -1;
	if (csv_init(&c->p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
		c->qst = NULL;
		return -1;
	}
	if (!(c->qst = calloc(nq + 1, sizeof *c->qst)))
		return -1;
	for (size_t i = 0; i < nq; i++) {
		c->qst[i].q = qs[i];
		c->qst[i].res = &qs[i]->res;
		c->qst[i].vcol = -1;
	}
	return 0;
}

void data_ctx_free(struct data_ctx *c)
{
	for (size_t i = 0; c->qst && i < c->nq; i++) {
		struct data_qstate *s = &c->qst[i];

		free(s->wcol);
		free(s->rcol);
		data_defer_free(s->defer);
		for (int k = 0; k < 2; k++) {
			strset_free(&s->rolled[k]);
			free(s->roll[k]);
		}
		strset_free(&s->groups);
		free(s->acc);
		free(s->gmap);
		data_imap_free(&s->pairs);
		free(s->src_order);
		free(s->src_seen);
		free(s->order);
		free(s->g0);
	}
	for (size_t i = 0; c->qst && i < c->nq; i++) {
		struct query_result *r = &c->qst[i].part;

		for (size_t k = 0; r->cells && k < r->nrows * c->qs[i]->ncolumns; k++)
			free(r->cells[k]);
		free(r->cells);
		free(r->lines);
	}
	free(c->qst);
	free(c->lat);
	strset_free(&c->src.set);
	free(c->src.illus);
	for (size_t i = 0; c->hdr.names && i < c->hdr.nnames; i++)
		free(c->hdr.names[i]);
	free(c->hdr.names);
	free(c->hdr.needed);
	free(c->row.cells);
	for (size_t i = 0; c->dicts && i < c->hdr.ncols; i++)
		data_dict_free(&c->dicts[i]);
	free(c->dicts);

	free(c->row.scratch);
	free(c->row.key);
	free(c->loc.rb);
	csv_free(&c->p);
}

/* Report progress: the bytes read so far. */
void data_report(const struct data_options *o, const struct data_ctx *c,
		 long long total)
{
	if (o && o->progress && o->progress->fn)
		o->progress->fn(o->progress->ctx, c->path, c->bytes, total);
}
