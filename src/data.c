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
