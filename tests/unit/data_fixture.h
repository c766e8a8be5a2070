/* data_fixture — what the data unit tests share (test_data.c,
 * test_data_csv.c, test_data_files.c, test_data_threads.c): a temporary
 * folder for generated CSV files (setup and teardown), queries made in one
 * call, running them, and checking results and errors exactly.  Run from
 * the repository root (tests/data/ holds the csv-spectrum suite and
 * trade.csv).  Functions are static inline so a test program need not use
 * them all. */
#ifndef BRIEFING_DATA_FIXTURE_H
#define BRIEFING_DATA_FIXTURE_H

#include "testutil.h"

#include <errno.h>
#include <iconv.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "data.h"
#include "num.h"

#define SPECTRUM "tests/data/csv-spectrum"
#define TRADE "tests/data/trade.csv"

/* The temporary folder and the files and folders made in it (removed at
 * the end). */
static char tmpdir[64];
static char *tmpfiles[128];
static size_t ntmpfiles;
static char tmpdirs[8][160];
static size_t ntmpdirs;

/* Write len bytes to a new file `name` in the temporary folder; returns its
 * path (static storage, valid until the end of the run). */
static inline const char *tmpfile_bytes(const char *name, const char *bytes, size_t len)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", tmpdir, name);
	f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(bytes, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
	for (size_t i = 0; i < ntmpfiles; i++)
		if (strcmp(tmpfiles[i], path) == 0)
			return tmpfiles[i];
	assert_true(ntmpfiles < sizeof tmpfiles / sizeof tmpfiles[0]);
	tmpfiles[ntmpfiles] = strdup(path);
	return tmpfiles[ntmpfiles++];
}

static inline const char *tmpfile_text(const char *name, const char *text)
{
	return tmpfile_bytes(name, text, strlen(text));
}

/* Make the folder `name` in the temporary folder: its path. */
static inline const char *tmpdir_make(const char *name)
{
	assert_true(ntmpdirs < sizeof tmpdirs / sizeof tmpdirs[0]);
	snprintf(tmpdirs[ntmpdirs], sizeof tmpdirs[ntmpdirs], "%s/%s", tmpdir, name);
	assert_int_equal(mkdir(tmpdirs[ntmpdirs], 0700), 0);
	return tmpdirs[ntmpdirs++];
}

/* text[0..n) as gzip (one member, zlib level `level`: 0 stores it) into a
 * new buffer, *out long. */
static inline char *gzip_bytes_level(const char *text, size_t n, int level, size_t *out)
{
	z_stream z = { 0 };
	size_t cap = n + n / 100 + 4096;
	char *buf = malloc(cap);

	assert_non_null(buf);
	assert_int_equal(deflateInit2(&z, level, Z_DEFLATED, 16 + MAX_WBITS, 8,
				      Z_DEFAULT_STRATEGY), Z_OK);
	z.next_in = (unsigned char *)text;
	z.avail_in = (unsigned)n;
	z.next_out = (unsigned char *)buf;
	z.avail_out = (unsigned)cap;
	assert_int_equal(deflate(&z, Z_FINISH), Z_STREAM_END);
	*out = cap - z.avail_out;
	deflateEnd(&z);
	return buf;
}

static inline char *gzip_bytes(const char *text, size_t n, size_t *out)
{
	return gzip_bytes_level(text, n, 6, out);
}

/* The UTF-8 text[0..n) in encoding `to` (a new buffer, *out long). */
static inline char *recode(const char *to, const char *text, size_t n, size_t *out)
{
	iconv_t cd = iconv_open(to, "UTF-8");
	size_t cap = 4 * n + 16, left = cap;
	char *buf = malloc(cap), *o = buf, *in = (char *)text;

	assert_true(cd != (iconv_t)-1);
	assert_non_null(buf);
	assert_int_not_equal(iconv(cd, &in, &n, &o, &left), (size_t)-1);
	iconv_close(cd);
	*out = cap - left;
	return buf;
}

/* The whole file at path (malloc'ed, *n long). */
static inline char *file_bytes(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long len;

	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	len = ftell(f);
	rewind(f);
	buf = malloc((size_t)len + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)len, f), (size_t)len);
	fclose(f);
	*n = (size_t)len;
	return buf;
}

/* A new query on path, located at brief.md:12 for spec errors. */
static inline struct query *qnew(enum query_mode mode, const char *path)
{
	struct query *q = calloc(1, sizeof *q);

	assert_non_null(q);
	query_init(q);
	q->mode = mode;
	q->path = strdup(path);
	q->spec_file = strdup("brief.md");
	q->spec_line = 12;
	return q;
}

/* An aggregate query: group columns (NULL for none), value column, agg. */
static inline struct query *qagg(const char *path, const char *g0, const char *g1,
				 const char *value, enum agg_kind agg)
{
	struct query *q = qnew(QUERY_AGGREGATE, path);

	if (g0)
		q->group[q->ngroup++] = strdup(g0);
	if (g1)
		q->group[q->ngroup++] = strdup(g1);
	q->value = value ? strdup(value) : NULL;
	q->agg = agg;
	return q;
}

/* A rows query keeping the NULL-terminated list of columns. */
static inline struct query *qrows(const char *path, const char *const *cols)
{
	struct query *q = qnew(QUERY_ROWS, path);

	while (cols && cols[q->ncolumns])
		q->ncolumns++;
	q->columns = calloc(q->ncolumns + 1, sizeof *q->columns);
	for (size_t i = 0; i < q->ncolumns; i++)
		q->columns[i] = strdup(cols[i]);
	return q;
}

/* Set q's where: from text, which must parse. */
static inline void qwhere(struct query *q, const char *text)
{
	struct diag d = { 0 };

	if (query_parse_where(text, &q->where, &q->nwhere, "brief.md", 14, 8, &d) != 0)
		fail_msg("where \"%s\": %s", text, d.msg);
}

static inline void qfree(struct query *q)
{
	query_clear(q);
	free(q);
}

/* Run one query on its file, which must succeed. */
static inline void run_ok(struct query *q)
{
	struct diag d = { 0 };
	struct query *qs[1] = { q };

	if (data_run(q->path, qs, 1, &d, NULL) != 0) {
		char buf[2048];

		diag_format(&d, buf, sizeof buf);
		fail_msg("data_run failed: %s", buf);
	}
}

/* The groups of a result as "key=value" items joined by "; ", two keys as
 * "k0/k1", Other marked "*".  Values with up to 6 decimals; a missing value
 * (no non-empty cell) as "-" (its value must be 0). */
static inline const char *groups_str(const struct query *q)
{
	static char buf[4096];
	size_t o = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < q->res.ngroups; i++) {
		const struct group *g = &q->res.groups[i];
		char v[64];

		num_format_auto(v, sizeof v, g->value, 6, 0);
		if (g->missing) {
			assert_true(g->value == 0 && g->count == 0);
			strcpy(v, "-");
		}
		o += (size_t)snprintf(buf + o, sizeof buf - o, "%s%s%s%s%s=%s", i ? "; " : "",
				      g->is_other ? "*" : "", g->key[0] ? g->key[0] : "(null)",
				      g->key[1] ? "/" : "", g->key[1] ? g->key[1] : "", v);
	}
	return buf;
}

/* Run q and compare its groups with want (see groups_str). */
static inline void check_groups(struct query *q, const char *want)
{
	run_ok(q);
	assert_string_equal(groups_str(q), want);
}

/* Run the queries and expect exactly this error. */
static inline void check_error_n(struct query **qs, size_t nq, int code, const char *file,
				 int line, int col, const char *msg)
{
	struct diag d = { 0 };

	assert_int_equal(data_run(qs[0]->path, qs, nq, &d, NULL), -1);
	assert_string_equal(d.msg, msg);
	assert_string_equal(d.file, file);
	assert_int_equal(d.line, line);
	assert_int_equal(d.col, col);
	assert_int_equal(d.code, code);
	assert_int_equal(d.level, DIAG_ERROR);
	for (size_t i = 0; i < nq; i++) {
		assert_int_equal(qs[i]->res.ngroups, 0);
		assert_int_equal(qs[i]->res.nrows, 0);
		assert_null(qs[i]->res.header);
	}
}

static inline void check_error(struct query *q, int code, const char *file, int line, int col,
			       const char *msg)
{
	check_error_n(&q, 1, code, file, line, col, msg);
}

/* Read a CSV as a rows query over the named columns and expect this error
 * at its path. */
static inline void check_csv_error(const char *name, const char *text, size_t len, int line,
				   int col, const char *msg)
{
	const char *path = tmpfile_bytes(name, text, len);
	struct query *q = qagg(path, NULL, NULL, NULL, AGG_COUNT);

	check_error(q, EXIT_DATAERR, path, line, col, msg);
	qfree(q);
}

/* check_csv_error() on a string literal (NULs included). */
#define check_csv_lit(name, lit, line, col, msg) \
	check_csv_error(name, lit, sizeof(lit) - 1, line, col, msg)

/* Make the temporary folder (the group setup). */
static inline int setup(void **state)
{
	(void)state;
	strcpy(tmpdir, "/tmp/briefing-test-data-XXXXXX");
	return mkdtemp(tmpdir) ? 0 : -1;
}

/* Remove the files written, the folders made and those test_confinement
 * made. */
static inline int teardown(void **state)
{
	static const char *const dirs[] = { "root/sub", "root" }; /* test_confinement */
	char p[128];

	(void)state;
	for (size_t i = 0; i < ntmpfiles; i++) {
		unlink(tmpfiles[i]);
		free(tmpfiles[i]);
	}
	while (ntmpdirs)
		rmdir(tmpdirs[--ntmpdirs]);
	for (size_t i = 0; i < 2; i++) {
		snprintf(p, sizeof p, "%s/%s", tmpdir, dirs[i]);
		rmdir(p);
	}
	return rmdir(tmpdir);
}

#endif
