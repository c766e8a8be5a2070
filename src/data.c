/* data — the driver: one streaming pass over a CSV answers every query on
 * it (include/data.h); the other files of the module are listed in
 * src/data_int.h. */
#include "data_int.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sha256.h"

#define PARALLEL_MIN (32LL << 20) /* files smaller than this: one thread */
#define PIPE_CHUNK (1u << 20)     /* default bytes per chunk */
#define PIPE_MIN 64               /* smallest chunk (tests) */

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
		free(s->wlen);
		free(s->rcol);
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

/* Worker threads for a file of size bytes (0: one thread reads alone). */
static size_t workers_for(int threads, int cpus, int regular, long long size)
{
	if (!regular || threads == 1)
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

/* One pass over the file with `threads` (see data_options), answering
 * every query: 0, -1 (d filled) or DATA_REDO.  *bytes counts what it read. */
static int read_pass(const char *path, struct query **qs, size_t nq,
		     const struct data_options *o, int threads, long long *bytes,
		     struct diag *d)
{
	struct data_ctx c;
	struct data_reader rd = { 0 };
	struct sha256 hash;
	struct stat st;
	long long size = 0;
	size_t workers, cap = o && o->chunk ? o->chunk : PIPE_CHUNK;
	unsigned char digest[32];
	char hex[65] = "";
	int fd, rc = 0, regular = 0, merged = 0;

	for (size_t i = 0; i < nq; i++)
		query_clear_result(qs[i]);
	if ((fd = data_open(path, qs, nq, o, d)) < 0)
		return -1;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
		size = (long long)st.st_size;
		regular = 1;
	}
	sha256_init(&hash); /* on failure: no digest (res.sha256 "") */
	if (data_ctx_init(&c, path, qs, nq, d) < 0 || !(rd.buf = malloc(DATA_CHUNK))) {
		close(fd);
		data_oom(&c);
		data_ctx_free(&c);
		sha256_clear(&hash);
		return -1;
	}
	if (cap < PIPE_MIN)
		cap = PIPE_MIN;
	workers = workers_for(threads, o ? o->cpus : 0, regular, size);
	rd.fd = fd;
	rd.first = 1;
	rd.hash = &hash;
	rd.step = workers && cap < DATA_CHUNK ? cap : DATA_CHUNK;
	/* workers: this thread reads the header, up to a record start */
	while (workers && !c.failed && !rd.done &&
	       !(c.hdr.done && c.loc.at_line_start && c.p.pstate == 0 /* ROW_NOT_BEGUN */)) {
		data_read_step(&c, &rd);
		data_report(o, &c, size);
	}
	if (workers && !c.failed && !rd.done)
		rc = data_pipe_run(&c, &rd, workers, cap, o, size, &merged);
	rd.step = DATA_CHUNK;
	while (rc == 0 && !c.failed && !rd.done) {
		data_read_step(&c, &rd);
		data_report(o, &c, size);
	}
	free(rd.buf);
	close(fd);
	*bytes += c.bytes;
	if (rc == 0)
		data_finish_read(&c);
	/* an error one thread might report otherwise; double sums of chunks */
	if (rc == 0 && workers && (c.failed ? c.redo : merged && !data_all_exact(&c)))
		rc = DATA_REDO;
	if (rc == 0 && o && o->progress && o->progress->fn)
		o->progress->fn(o->progress->ctx, path, -1, size);
	if (rc == 0 && !c.failed && sha256_final(&hash, digest) == 0)
		sha256_to_hex(digest, hex);
	sha256_clear(&hash);
	for (size_t i = 0; i < nq && rc == 0 && !c.failed; i++) {
		qs[i]->res.bytes_read = *bytes;
		memcpy(qs[i]->res.sha256, hex, sizeof hex);
		if (data_finish_query(&c, &c.qst[i]) < 0)
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
	long long bytes = 0;
	int rc;

	(void)warn;
	rc = read_pass(path, qs, nq, o, o ? o->threads : 0, &bytes, d);
	if (rc == DATA_REDO)
		rc = read_pass(path, qs, nq, o, 1, &bytes, d);
	return rc;
}

int data_run(const char *path, struct query **qs, size_t nq, struct diag *d,
	     struct diag_list *warn)
{
	return data_run_opts(path, qs, nq, NULL, d, warn);
}
