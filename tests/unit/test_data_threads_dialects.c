/* Unit tests for data's worker threads in every dialect (issue 14): the
 * reading thread inflates (gzip) and converts (iconv) the text and cuts it
 * at record ends with the dialect's rules (comment lines' quotes do not
 * count, a folder's parts are read one after the other); the results,
 * digests, parts and errors are one thread's, with latest (issue 13) too. */
#include "threads_fixture.h"

/* ---------------------------------------------------------------------------
 * Dialects (issue 14): the worker threads get the reading thread's text,
 * inflated and converted, cut at record ends with the dialect's rules
 * (comment lines' quotes do not count); the results are one thread's.
 */

/* A file `name` holding the bytes of the file at path, transformed: into
 * encoding `to` (NULL: as they are), then gzipped (gz). */
static const char *variant(const char *name, const char *path, const char *to, int gz)
{
	size_t n, m;
	char *b = file_bytes(path, &n), *c;
	const char *r;

	if (to) {
		c = recode(to, b, n, &m);
		free(b);
		b = c;
		n = m;
	}
	if (gz) {
		c = gzip_bytes(b, n, &m);
		free(b);
		b = c;
		n = m;
	}
	r = tmpfile_bytes(name, b, n);
	free(b);
	return r;
}

/* The file at path as the folder `dir` of three parts, each with the
 * header, cut at record ends; the second one gzipped. */
static const char *parts_of(const char *dir, const char *path)
{
	size_t n, hdr, cuts[4], k = 1;
	char *b = file_bytes(path, &n), name[96];
	const char *d = tmpdir_make(dir);
	int odd = 0;

	hdr = (size_t)((char *)memchr(b, '\n', n) - b) + 1;
	cuts[0] = hdr;
	for (size_t i = hdr; i < n && k < 3; i++) {
		odd ^= b[i] == '"';
		if (b[i] == '\n' && !odd && i + 1 >= hdr + k * (n - hdr) / 3)
			cuts[k++] = i + 1;
	}
	cuts[3] = n;
	for (size_t p = 0; p < 3; p++) {
		size_t len = hdr + cuts[p + 1] - cuts[p], gzn;
		char *part = malloc(len), *gz;

		assert_non_null(part);
		memcpy(part, b, hdr);
		memcpy(part + hdr, b + cuts[p], cuts[p + 1] - cuts[p]);
		snprintf(name, sizeof name, "%s/part-%05zu.csv%s", dir, p, p == 1 ? ".gz" : "");
		if (p == 1) {
			gz = gzip_bytes(part, len, &gzn);
			tmpfile_bytes(name, gz, gzn);
			free(gz);
		} else {
			tmpfile_bytes(name, part, len);
		}
		free(part);
	}
	free(b);
	return d;
}

/* The thread queries on path with dialect dd: with one thread, then with
 * `threads` workers and each chunk size of chunks[0..nch): the same
 * results, digests and parts, and the input read once.  The one-thread
 * queries go to one[] (the caller frees them). */
static size_t check_dialect_same(const char *path, const struct data_dialect *dd, int threads,
				 const size_t *chunks, size_t nch, struct query **one)
{
	struct query *many[16];
	size_t n = thread_queries(path, one);
	struct diag d = { 0 };

	for (size_t i = 0; i < n; i++)
		one[i]->dialect = dd;
	if (run_chunks(one, n, 1, 0, &d, NULL) != 0)
		fail_msg("%s, one thread: %s:%d:%d: %s", path, d.file, d.line, d.col, d.msg);
	for (size_t k = 0; k < nch; k++) {
		assert_int_equal(thread_queries(path, many), n);
		for (size_t i = 0; i < n; i++)
			many[i]->dialect = dd;
		if (run_chunks(many, n, threads, chunks[k], &d, NULL) != 0)
			fail_msg("%s, chunk %zu: %s:%d:%d: %s", path, chunks[k], d.file, d.line, d.col,
				 d.msg);
		for (size_t i = 0; i < n; i++) {
			const struct query_result *x = &one[i]->res, *y = &many[i]->res;

			check_same_results(one[i], many[i]);
			assert_string_equal(x->sha256, y->sha256);
			assert_int_equal(x->bytes_read, y->bytes_read);
			assert_int_equal(x->nparts, y->nparts);
			for (size_t p = 0; p < x->nparts; p++) {
				assert_string_equal(x->parts[p].sha256, y->parts[p].sha256);
				assert_int_equal(x->parts[p].rows, y->parts[p].rows);
			}
			qfree(many[i]);
		}
	}
	return n;
}

/* The results of a and b but their lines (which comment lines and parts
 * move). */
static void check_same_but_lines(struct query *a, struct query *b)
{
	for (size_t g = 0; g < a->res.ngroups && g < b->res.ngroups; g++)
		a->res.groups[g].line = b->res.groups[g].line = 0;
	for (size_t r = 0; r < a->res.nrows && r < b->res.nrows; r++)
		a->res.lines[r] = b->res.lines[r] = 0;
	check_same_results(a, b);
}

/* Each dialect with 2 and 3 workers and chunks of 64 bytes up: gzip,
 * ISO-8859-1 and UTF-16 through iconv (gzipped too), ';' with decimal
 * commas, comment lines holding quotes, a folder of parts; each gives the
 * plain file's results (lines too, where the lines are the same). */
static void test_dialects_threads(void **state)
{
	struct data_dialect plain, latin, semi, hash, u16;
	struct query *ref[16], *one[16];
	size_t chunks[16], nch = 0, n;
	const char *path, *p;

	(void)state;
	data_dialect_init(&plain);
	data_dialect_init(&latin);
	latin.encoding = "iso-8859-1";
	data_dialect_init(&semi);
	semi.delimiter = ';';
	semi.decimal = ',';
	data_dialect_init(&hash);
	hash.comment = '#';
	data_dialect_init(&u16);
	u16.encoding = "utf-16le";
	for (size_t c = 64; c < 700; c += 53)
		chunks[nch++] = c;
	chunks[nch++] = 4096;
	path = big_csv("d_plain.csv", 400, 3, NULL);
	n = thread_queries(path, ref);
	assert_int_equal(run_chunks(ref, n, 1, 0, &(struct diag){ 0 }, NULL), 0);

	/* same bytes of text: the same results, lines and all */
	{
		static const struct { const char *name, *to; int gz, dd; } v[] = {
			{ "d.csv.gz", NULL, 1, 0 },
			{ "d_latin1.csv", "ISO-8859-1", 0, 1 },
			{ "d_latin1.csv.gz", "ISO-8859-1", 1, 1 },
			{ "d_u16.csv", "UTF-16LE", 0, 2 },
			{ "d_u16.csv.gz", "UTF-16LE", 1, 2 },
		};
		const struct data_dialect *dds[3] = { &plain, &latin, &u16 };

		for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
			p = variant(v[i].name, path, v[i].to, v[i].gz);
			check_dialect_same(p, dds[v[i].dd], 2, chunks, nch, one);
			for (size_t k = 0; k < n; k++) {
				check_same_results(ref[k], one[k]);
				qfree(one[k]);
			}
		}
	}
	/* ';' and decimal commas */
	style.delim = ';';
	style.decimal = ',';
	p = big_csv("d_semi.csv", 400, 3, NULL);
	check_dialect_same(p, &semi, 3, chunks, nch, one);
	for (size_t k = 0; k < n; k++) {
		check_same_results(ref[k], one[k]);
		qfree(one[k]);
	}
	/* comment lines with an odd quote, one before every 37th row */
	style.delim = ',';
	style.decimal = '.';
	style.comment = '#';
	p = big_csv("d_hash.csv", 400, 3, NULL);
	style.comment = 0;
	check_dialect_same(p, &hash, 2, chunks, nch, one);
	for (size_t k = 0; k < n; k++) {
		check_same_but_lines(ref[k], one[k]);
		qfree(one[k]);
	}
	/* a folder of three parts, one of them gzipped */
	p = parts_of("d_parts", path);
	check_dialect_same(p, &plain, 2, chunks, nch, one);
	assert_int_equal(one[0]->res.nparts, 3);
	for (size_t k = 0; k < n; k++) {
		check_same_but_lines(ref[k], one[k]);
		qfree(one[k]);
		qfree(ref[k]);
	}
}

/* A decoding error with workers: reported as one thread reports it, at
 * the line and column where the text ends. */
static void test_dialects_thread_errors(void **state)
{
	struct data_dialect w1251;
	struct query *one[16], *many[16];
	struct diag d1, d2;
	size_t n, len, gn;
	char *b, *g;
	const char *paths[2];

	(void)state;
	data_dialect_init(&w1251);
	w1251.encoding = "windows-1251";
	/* a byte windows-1251 does not have, in row 300 (its 4th character) */
	paths[0] = big_csv("e_1251.csv", 400, 0, NULL);
	b = file_bytes(paths[0], &len);
	{
		char *at = b;

		for (int i = 0; i < 300; i++)
			at = memchr(at, '\n', len - (size_t)(at - b)) + 1;
		at[3] = (char)0x98;
		/* the rest must be windows-1251: é is 0xe9 in it */
		for (char *e = b; (e = memmem(e, len - (size_t)(e - b), "\xc3\xa9", 2)) != NULL;) {
			e[0] = 'e';
			e[1] = 'e';
		}
	}
	paths[0] = tmpfile_bytes("e_1251.csv", b, len);
	/* a gzip stream cut short */
	g = gzip_bytes(b, len, &gn);
	paths[1] = tmpfile_bytes("e_cut.csv.gz", g, gn * 2 / 3);
	free(g);
	free(b);
	for (int f = 0; f < 2; f++) {
		n = thread_queries(paths[f], one);
		for (size_t i = 0; i < n; i++)
			one[i]->dialect = f == 0 ? &w1251 : NULL;
		memset(&d1, 0, sizeof d1);
		assert_int_equal(run_chunks(one, n, 1, 0, &d1, NULL), -1);
		if (f == 0) { /* line 301: the header's newline, then 299 rows' */
			assert_int_equal(d1.line, 301);
			assert_int_equal(d1.col, 4);
		}
		assert_non_null(strstr(d1.msg, f == 0 ? "byte 0x98 is not windows-1251 text"
					       : "truncated gzip stream"));
		for (size_t i = 0; i < n; i++)
			qfree(one[i]);
		for (size_t c = 64; c < 900; c += 97) {
			thread_queries(paths[f], many);
			for (size_t i = 0; i < n; i++)
				many[i]->dialect = f == 0 ? &w1251 : NULL;
			memset(&d2, 0, sizeof d2);
			assert_int_equal(run_chunks(many, n, 2, c, &d2, NULL), -1);
			if (strcmp(d1.msg, d2.msg) || d1.line != d2.line || d1.col != d2.col)
				fail_msg("%s, chunk %zu: %d:%d: %s; one thread: %d:%d: %s", paths[f], c,
					 d2.line, d2.col, d2.msg, d1.line, d1.col, d1.msg);
			for (size_t i = 0; i < n; i++)
				qfree(many[i]);
		}
	}
}

/* Queries with latest on path (a number column's latest: qty's largest). */
static void latest_queries(const char *path, struct query **qs)
{
	static const char *const cols[] = { "region", "item", "qty", NULL };

	qs[0] = qagg(path, "region", NULL, "price", AGG_SUM);
	qwhere(qs[0], "qty = latest");
	qs[1] = qagg(path, "source", "item", "price", AGG_MAX);
	qwhere(qs[1], "qty > latest - 3");
	qs[2] = qrows(path, cols);
	qwhere(qs[2], "qty = latest - 1");
}

/* A folder read with latest (issue 13) through the workers: the groups,
 * sources and kept rows come in the plain file's order (first chosen row
 * across the parts, whose lines start again), whatever the chunks. */
static void test_dialects_latest_folder(void **state)
{
	struct query *ref[3], *got[3];
	const char *path, *dir;
	struct diag d = { 0 };

	(void)state;
	path = big_csv("l_plain.csv", 400, 3, NULL);
	dir = parts_of("l_parts", path);
	latest_queries(path, ref);
	assert_int_equal(run_chunks(ref, 3, 1, 0, &d, NULL), 0);
	assert_true(ref[0]->res.ngroups > 1);
	for (size_t c = 64; c < 900; c += 131) {
		latest_queries(dir, got);
		if (run_chunks(got, 3, c == 64 ? 1 : 2, c, &d, NULL) != 0)
			fail_msg("chunk %zu: %s:%d:%d: %s", c, d.file, d.line, d.col, d.msg);
		assert_int_equal(got[0]->res.nparts, 3);
		for (size_t i = 0; i < 3; i++) {
			check_same_but_lines(ref[i], got[i]);
			qfree(got[i]);
		}
	}
	for (size_t i = 0; i < 3; i++)
		qfree(ref[i]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dialects_threads),
		cmocka_unit_test(test_dialects_thread_errors),
		cmocka_unit_test(test_dialects_latest_folder),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
