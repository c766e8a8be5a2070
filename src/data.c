/* data — the driver: one streaming pass over a CSV (or over the parts of a
 * folder, one after the other) answers every query on it
 * (include/data.h); the other files of the module are listed in
 * src/data_int.h. */
#include "data_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PARALLEL_MIN (32LL << 20) /* files smaller than this: one thread */
#define PIPE_CHUNK (2u << 20)     /* default bytes per chunk (1 MiB cost 5 % more CPU: chunk set-up and merges) */
#define PIPE_MIN 64               /* smallest chunk (tests) */

/* Worker threads for a file of size bytes of text (0: one thread reads
 * alone). */
static size_t workers_for(int threads, int cpus, long long size)
{
	if (threads == 1)
		return 0;
	if (threads >= 2)
		return threads > 16 ? 16 : (size_t)threads;
	if (size < PARALLEL_MIN || cpus < 2)
		return 0;
	return cpus > 8 ? 8 : (size_t)cpus;
}

void data_options_defaults(struct data_options *o)
{
	memset(o, 0, sizeof *o);
}

/* Read file k of the input into c, from its first byte to its last: this
 * thread reads the header, then worker threads parse the rest in chunks
 * when the file is large (data_pipe.c), else this thread reads on.  0 or
 * DATA_REDO; c->failed on an error.  *threaded when workers ran, *merged
 * when a chunk was merged. */
static int read_file(struct data_ctx *c, struct data_reader *rd, struct data_input *in,
		     size_t k, const struct data_options *o, int threads, size_t cap,
		     int *threaded, int *merged)
{
	const struct data_dialect *dd = c->nq ? c->qs[0]->dialect : NULL;
	size_t workers, rows = c->rows_read;
	long long text;
	char hex[65];
	int rc = 0;

	data_input_begin(c, in, k);
	if (!(rd->src = data_source_open(c, in->files[k].path, dd ? dd->encoding : NULL, o)))
		return 0;
	/* a gzip file's text is several times its size */
	text = data_source_size(rd->src) * (data_source_gzip(rd->src) ? 4 : 1);
	workers = workers_for(threads, o ? o->cpus : 0, text);
	*threaded |= workers > 0;
	rd->first = 1;
	rd->have = 0;
	rd->done = 0;
	rd->step = workers && cap < DATA_CHUNK ? cap : DATA_CHUNK;
	/* workers: this thread reads the header, up to a record start */
	while (workers && !c->failed && !rd->done &&
	       !(c->hdr.done && c->loc.at_line_start && c->p.pstate == 0 /* ROW_NOT_BEGUN */)) {
		data_read_step(c, rd);
		data_report(o, c, in->total);
	}
	if (workers && !c->failed && !rd->done)
		rc = data_pipe_run(c, rd, workers, cap, o, in->total, merged);
	rd->step = DATA_CHUNK;
	while (rc == 0 && !c->failed && !rd->done) {
		data_read_step(c, rd);
		data_report(o, c, in->total);
	}
	if (rc == 0 && data_source_end(c, rd->src, hex) == 0) {
		/* a decoding error is reported where the text ended, else the end */
		data_finish_read(c);
		data_input_end(c, in, k, data_source_stored(rd->src), hex, rows);
	}
	if (c->failed)
		data_source_check(c, rd->src); /* a CSV error from a corrupt gzip stream */
	data_source_close(rd->src);
	rd->src = NULL;
	return rc;
}

/* One pass over the input (a file, or a folder's parts) with `threads`
 * (see data_options), answering every query: 0, -1 (d filled) or
 * DATA_REDO.  *bytes counts what it read. */
static int read_pass(const char *path, struct query **qs, size_t nq, struct data_input *in,
		     const struct data_options *o, int threads, long long *bytes,
		     struct diag *d)
{
	struct data_ctx c;
	struct data_reader rd = { 0 };
	size_t cap = o && o->chunk ? o->chunk : PIPE_CHUNK;
	int rc = 0, threaded = 0, merged = 0;

	for (size_t i = 0; i < nq; i++)
		query_clear_result(qs[i]);
	if (data_ctx_init(&c, path, qs, nq, d) < 0 || !(rd.buf = malloc(DATA_CHUNK))) {
		data_oom(&c);
		data_ctx_free(&c);
		return -1;
	}
	data_text_init(&c, nq ? qs[0]->dialect : NULL);
	c.text.libcsv_only = o && o->libcsv_only;
	if (cap < PIPE_MIN)
		cap = PIPE_MIN;
	for (size_t k = 0; k < in->n && rc == 0 && !c.failed; k++)
		rc = read_file(&c, &rd, in, k, o, threads, cap, &threaded, &merged);
	free(rd.buf);
	*bytes += c.bytes;
	if (rc == 0)
		data_input_finish(&c, path);
	/* an error one thread might report otherwise; double sums of chunks */
	if (rc == 0 && threaded && (c.failed ? c.redo : merged && !data_all_exact(&c)))
		rc = DATA_REDO;
	if (rc == 0 && o && o->progress && o->progress->fn)
		o->progress->fn(o->progress->ctx, path, -1, in->total);
	for (size_t i = 0; i < nq && rc == 0 && !c.failed; i++) {
		struct query_result *r = &qs[i]->res;

		r->bytes_read = *bytes;
		/* a folder's digests are its parts' (res.parts) */
		snprintf(r->sha256, sizeof r->sha256, "%s", in->folder ? "" : in->files[0].sha256);
		r->delimiter = c.text.delim;
		r->delimiter_detected = c.text.detected;
		if (data_input_results(in, r) < 0 || data_finish_query(&c, &c.qst[i]) < 0)
			data_oom(&c);
	}
	data_ctx_free(&c);
	if (rc != 0 || c.failed) {
		for (size_t i = 0; i < nq; i++)
			query_clear_result(qs[i]);
		return rc != 0 ? rc : -1;
	}
	return 0;
}

/* One streaming pass over the file answers every query: see data.h.  When
 * worker threads cannot give exactly the one-thread answer (see data_pipe_run()),
 * the file is read again by one thread: a second read, in those rare cases. */
int data_run_opts(const char *path, struct query **qs, size_t nq, const struct data_options *o,
		  struct diag *d, struct diag_list *warn)
{
	struct data_input in;
	long long bytes = 0;
	int rc;

	for (size_t i = 0; i < nq; i++)
		query_clear_result(qs[i]);
	if (data_input_open(&in, path, qs, nq, o, d, warn) < 0)
		return -1;
	rc = read_pass(path, qs, nq, &in, o, o ? o->threads : 0, &bytes, d);
	if (rc == DATA_REDO)
		rc = read_pass(path, qs, nq, &in, o, 1, &bytes, d);
	data_input_free(&in);
	return rc;
}

int data_run(const char *path, struct query **qs, size_t nq, struct diag *d,
	     struct diag_list *warn)
{
	return data_run_opts(path, qs, nq, NULL, d, warn);
}
