/* Unit tests for data's worker threads: results, errors, progress and the
 * SHA-256 digest are those of one thread, for two threads and for chunks of
 * 64 bytes up that cut records in every position (quoted newlines, quoted
 * commas, "" escapes, CRLF, a BOM), and the fallbacks that read a file
 * again in one thread; the same for where: with latest, or, in and dates,
 * roll-ups and dates as values (issue 13), still reading the file once.
 * The dialects of issue 14 are test_data_threads_dialects.c's. */
#include "threads_fixture.h"

#include "sha256.h"

/* Run the thread queries on path with one thread and with two; both must
 * succeed with identical results.  Returns the bytes the two-thread run
 * read (the file's size when the split was clean). */
static long long check_threads_same(const char *path)
{
	struct query *one[16], *two[16];
	size_t n = thread_queries(path, one), n2 = thread_queries(path, two);
	struct diag d = { 0 };
	struct stat st;
	long long bytes;

	assert_int_equal(n, n2);
	assert_int_equal(stat(path, &st), 0);
	if (run_threads(one, n, 1, &d, NULL) != 0)
		fail_msg("one thread: %s:%d: %s", d.file, d.line, d.msg);
	if (run_threads(two, n, 2, &d, NULL) != 0)
		fail_msg("two threads: %s:%d: %s", d.file, d.line, d.msg);
	for (size_t i = 0; i < n; i++) {
		check_same_results(one[i], two[i]);
		assert_int_equal(one[i]->res.bytes_read, st.st_size);
	}
	assert_true(one[0]->res.ngroups > 0 && one[6]->res.nrows > 0);
	assert_int_equal(one[7]->res.nrows, 10);
	bytes = two[0]->res.bytes_read;
	for (size_t i = 0; i < n; i++) {
		qfree(one[i]);
		qfree(two[i]);
	}
	return bytes;
}

/* Two threads give exactly the one-thread results: a clean split (rows
 * with quoted newlines here and there), a split inside a quoted field, and
 * sums that cannot be exact (both fall back to reading on in one thread). */
static void test_threads_same(void **state)
{
	char *tail = malloc(70000);
	struct stat st;
	const char *path;

	(void)state;
	path = big_csv("threads.csv", 20000, 97, NULL);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(check_threads_same(path), st.st_size); /* read once */

	/* one quoted note of 400000 lines across the middle: the split is inside
	 * it, so the first part ends inside a row and one thread reads on */
	{
		char *mid = malloc(810000);
		size_t o = 0;

		assert_non_null(mid);
		o += (size_t)snprintf(mid, 810000, "mid,tea,1,1.00,BelTA,no,\"");
		for (int i = 0; i < 400000; i++)
			mid[o++] = 'x', mid[o++] = '\n';
		snprintf(mid + o, 810000 - o, "\"\n");
		path = big_csv("threads_quoted_mid.csv", 6000, 0, mid);
		free(mid);
		assert_int_equal(stat(path, &st), 0);
		/* part 2 is read again (the thread may have read some of it) */
		assert_true(check_threads_same(path) >= st.st_size);
	}
	/* a value that is not a short decimal: sums in doubles, one thread */
	snprintf(tail, 70000, "east,tea,1,1e300,BelTA,no,x\nwest,tea,1,0.1234567890123456789,BelTA,no,x\n");
	path = big_csv("threads_inexact.csv", 20000, 0, tail);
	assert_int_equal(stat(path, &st), 0);
	assert_true(check_threads_same(path) > st.st_size);
	/* the second part alone would overflow a sum, the file does not */
	path = big_csv2("threads_overflow.csv", "east,tea,1,-1.5e308,BelTA,no,x\n", 20000, 0,
			"east,tea,1,1e308,BelTA,no,x\neast,tea,1,1e308,BelTA,no,x\n");
	check_threads_same(path);
	free(tail);
}

/* With two threads the first error of the file is reported, at the same
 * place as with one: in the second part, lines count from the file's start. */
static void test_threads_errors(void **state)
{
	struct query *one[16], *two[16];
	struct diag d1 = { 0 }, d2 = { 0 };
	const char *paths[3];
	size_t n;

	(void)state;
	paths[0] = big_csv("threads_err2.csv", 20000, 0, "west,tea,12;5,1.00,BelTA,no,x\n");
	paths[1] = big_csv("threads_ragged.csv", 20000, 0, "west,tea,1\n");
	paths[2] = big_csv("threads_unterminated.csv", 20000, 0, "west,tea,1,2,x,no,\"open\n");
	for (int f = 0; f < 3; f++) {
		n = thread_queries(paths[f], one);
		thread_queries(paths[f], two);
		memset(&d1, 0, sizeof d1);
		memset(&d2, 0, sizeof d2);
		assert_int_equal(run_threads(one, n, 1, &d1, NULL), -1);
		assert_int_equal(run_threads(two, n, 2, &d2, NULL), -1);
		assert_string_equal(d1.msg, d2.msg);
		assert_string_equal(d1.file, d2.file);
		assert_int_equal(d1.line, 20002);
		assert_int_equal(d1.line, d2.line);
		assert_int_equal(d1.col, d2.col);
		for (size_t i = 0; i < n; i++) {
			assert_int_equal(two[i]->res.ngroups, 0);
			qfree(one[i]);
			qfree(two[i]);
		}
	}
}

/* Progress: after every read, never backwards, the file's size as total,
 * and one last call with done = -1; bytes_read is the file's size. */
static void test_progress(void **state)
{
	const char *path = big_csv("progress.csv", 20000, 0, NULL);
	struct progress_log log = { 0 }, log2 = { 0 };
	struct query *qs[16];
	struct diag d = { 0 };
	struct stat st;
	size_t n = thread_queries(path, qs);

	(void)state;
	assert_int_equal(stat(path, &st), 0);
	assert_true(st.st_size > 2 * 256 * 1024);
	assert_int_equal(run_threads(qs, n, 1, &d, &log), 0);
	assert_true(log.calls >= 3);
	assert_int_equal(log.ended, 1);
	assert_int_equal(log.decreasing, 0);
	assert_int_equal(log.total, st.st_size);
	assert_int_equal(log.last, st.st_size);
	assert_int_equal(qs[0]->res.bytes_read, st.st_size);
	assert_int_equal(run_threads(qs, n, 2, &d, &log2), 0);
	assert_int_equal(log2.ended, 1);
	assert_int_equal(log2.decreasing, 0);
	assert_int_equal(log2.last, st.st_size);
	for (size_t i = 0; i < n; i++)
		qfree(qs[i]);
}

/* ---------------------------------------------------------------------------
 * Worker threads with small chunks: many chunk boundaries, each at a record
 * end found by quote parity, in every position relative to quoted newlines,
 * quoted commas, "" escapes, CRLF and a BOM.
 */

/* The file at path with a UTF-8 BOM in front, as `name`. */
static const char *with_bom(const char *name, const char *path)
{
	size_t n;
	char *old = file_bytes(path, &n), *buf = malloc(n + 3);
	const char *r;

	assert_non_null(buf);
	memcpy(buf, "\xef\xbb\xbf", 3);
	memcpy(buf + 3, old, n);
	r = tmpfile_bytes(name, buf, n + 3);
	free(old);
	free(buf);
	return r;
}

/* The file at path with every '~' made a NUL byte (rewritten in place). */
static const char *nul_for_tilde(const char *path)
{
	size_t n;
	char *buf = file_bytes(path, &n);
	FILE *f;

	for (size_t i = 0; i < n; i++)
		if (buf[i] == '~')
			buf[i] = '\0';
	f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(buf, 1, n, f), n);
	assert_int_equal(fclose(f), 0);
	free(buf);
	return path;
}

/* A maker of the queries of a test, on path, into qs (returns how many). */
typedef size_t (*queries_fn)(const char *path, struct query **qs);

/* The queries make() makes on path, with threads workers and each chunk
 * size of chunks[0..nch), give the one-thread results, bit for bit, and
 * the file's SHA-256; with `once`, the file is read once (no second
 * one-thread read). */
static void check_chunks_same_q(const char *path, queries_fn make, int threads,
				const size_t *chunks, size_t nch, int once)
{
	struct query *one[16], *many[16];
	size_t n = make(path, one);
	struct diag d = { 0 };
	struct stat st;
	char hex[65];

	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(sha256_file(path, hex), 0);
	if (run_chunks(one, n, 1, 0, &d, NULL) != 0)
		fail_msg("one thread: %s:%d: %s", d.file, d.line, d.msg);
	assert_string_equal(one[0]->res.sha256, hex);
	assert_int_equal(one[0]->res.bytes_read, st.st_size);
	for (size_t k = 0; k < nch; k++) {
		assert_int_equal(make(path, many), n);
		if (run_chunks(many, n, threads, chunks[k], &d, NULL) != 0)
			fail_msg("chunk %zu: %s:%d: %s", chunks[k], d.file, d.line, d.msg);
		for (size_t i = 0; i < n; i++) {
			check_same_results(one[i], many[i]);
			assert_string_equal(many[i]->res.sha256, hex);
			if (once)
				assert_int_equal(many[i]->res.bytes_read, st.st_size);
			else
				assert_true(many[i]->res.bytes_read > st.st_size);
			qfree(many[i]);
		}
	}
	for (size_t i = 0; i < n; i++)
		qfree(one[i]);
}

/* check_chunks_same_q() with the thread queries. */
static void check_chunks_same(const char *path, int threads, const size_t *chunks, size_t nch,
			      int once)
{
	check_chunks_same_q(path, thread_queries, threads, chunks, nch, once);
}

/* Chunks of 64 to 400 bytes (records are 40 to 90): cuts land at
 * another place relative to the quoted newlines (every third row has one),
 * CRLFs and quoted commas; two and three workers; with a BOM too.  Kept
 * rows keep their order, top-N its Other, groups their first-seen order. */
static void test_chunks_same(void **state)
{
	size_t chunks[200], nch = 0;
	const char *path = big_csv("chunks.csv", 150, 3, NULL);

	(void)state;
	for (size_t c = 64; c < 256; c += 2)
		chunks[nch++] = c;
	check_chunks_same(path, 2, chunks, nch, 1);
	for (size_t i = 0; i < nch / 4; i++)
		chunks[i] = 65 + 7 * i;
	check_chunks_same(path, 3, chunks, nch / 4, 1);
	path = with_bom("chunks_bom.csv", path);
	check_chunks_same(path, 2, chunks, nch / 4, 1);
	/* the default chunk, a file read in many steps */
	path = big_csv("chunks_big.csv", 30000, 7, NULL);
	chunks[0] = 0;
	chunks[1] = 100000;
	check_chunks_same(path, 2, chunks, 2, 1);
}

/* Records longer than a chunk (a note of 600 bytes over 200 lines): the
 * reading thread goes on alone from there, still reading once; a value
 * that is not a short decimal, or a sum that only overflows in a chunk:
 * the file is read again by one thread (bytes_read shows it). */
static void test_chunks_fallbacks(void **state)
{
	static const size_t chunks[] = { 64, 100, 333, 1000 };
	char *tail = malloc(4096);
	size_t o = 0;
	const char *path;

	(void)state;
	assert_non_null(tail);
	o += (size_t)snprintf(tail, 4096, "east,tea,1,1.00,BelTA,no,\"");
	for (int i = 0; i < 200; i++)
		o += (size_t)snprintf(tail + o, 4096 - o, "ab\n");
	snprintf(tail + o, 4096 - o, "\"\nwest,tea,2,2.00,Trend,no,x\n");
	path = big_csv("chunks_long.csv", 200, 5, tail);
	check_chunks_same(path, 2, chunks, 4, 1);
	path = big_csv("chunks_inexact.csv", 300, 0, "east,tea,1,1e300,BelTA,no,x\n"
		       "west,tea,1,0.1234567890123456789,BelTA,no,x\n");
	check_chunks_same(path, 2, chunks, 4, 0);
	path = big_csv2("chunks_overflow.csv", "east,tea,1,-1.5e308,BelTA,no,x\n", 300, 0,
			"east,tea,1,1e308,BelTA,no,x\neast,tea,1,1e308,BelTA,no,x\n");
	check_chunks_same(path, 2, chunks, 4, 0);
	free(tail);
}

/* Errors with small chunks: the first error of the file wins, reported
 * exactly as one thread reports it (message, line, column), whichever chunk
 * finds it; line is where we expect it in the file (100 rows, 25 of them
 * two lines long, after the header: the last rows start at line 127). */
static void test_chunks_errors(void **state)
{
	static const struct { const char *name, *start, *end; int line; } cases[] = {
		{ "ce_number.csv", NULL, "west,tea,12;5,1.00,BelTA,no,x\n", 127 },
		{ "ce_ragged.csv", NULL, "west,tea,1\n", 127 },
		{ "ce_unterminated.csv", NULL, "west,tea,1,2,x,no,\"open\nmore\n", 127 },
		{ "ce_quote.csv", NULL, "west,tea,1,2,x,no,ab\"c\n", 127 },
		{ "ce_utf8.csv", NULL, "west,tea,1,2,x,no,\"a\nb\xff\"\n", 128 },
		{ "ce_nul.csv", NULL, "west,tea,1,2,x,no,a\n\"b~\"\n", 128 },
		{ "ce_multiline.csv", NULL, "west,tea,1,2,x,no,\"a\nb\",zz\n", 127 },
		{ "ce_spanning.csv", NULL, "west,\"t\ne\na\",zz,2,x,no,n\n", 129 },
		/* two errors: the first one in the file wins */
		{ "ce_first.csv", "a,b,1,1,x,no,n\na,b,1,zz,x,no,n\n", "west,tea,1\n", 3 },
	};
	struct query *one[16], *many[16];
	struct diag d1, d2;
	size_t n;

	(void)state;
	for (size_t f = 0; f < sizeof cases / sizeof cases[0]; f++) {
		const char *path = big_csv2(cases[f].name, cases[f].start, 100, 4, cases[f].end);

		if (strchr(cases[f].end, '~'))
			path = nul_for_tilde(path);
		n = thread_queries(path, one);
		memset(&d1, 0, sizeof d1);
		assert_int_equal(run_chunks(one, n, 1, 0, &d1, NULL), -1);
		if (d1.line != cases[f].line)
			fail_msg("%s: one thread: line %d: %s", cases[f].name, d1.line, d1.msg);
		for (size_t i = 0; i < n; i++)
			qfree(one[i]);
		for (size_t c = 64; c < 400; c += 23) {
			thread_queries(path, many);
			memset(&d2, 0, sizeof d2);
			assert_int_equal(run_chunks(many, n, 2, c, &d2, NULL), -1);
			if (strcmp(d1.msg, d2.msg) || d1.line != d2.line || d1.col != d2.col)
				fail_msg("%s, chunk %zu: %d:%d: %s; one thread: %d:%d: %s",
					 cases[f].name, c, d2.line, d2.col, d2.msg, d1.line, d1.col,
					 d1.msg);
			assert_string_equal(d1.file, d2.file);
			assert_int_equal(d1.code, d2.code);
			for (size_t i = 0; i < n; i++) {
				assert_int_equal(many[i]->res.ngroups, 0);
				assert_string_equal(many[i]->res.sha256, "");
				qfree(many[i]);
			}
		}
	}
}

/* A monthly CSV of n rows for the date tests: months over six years, out
 * of order here and there, days, regions, decimals and empty values,
 * sources (one illustrative), notes with commas and, every nl-th row, a
 * quoted newline; CRLF on some lines; then the rows in extra_at_end. */
static const char *dated_csv(const char *name, int n, int nl, const char *extra_at_end)
{
	static const char *const region[] = { "north", "south", "east", "\"west, far\"" };
	static const char *const source[] = { "Azernews", "BelTA", "Illustrative estimate" };
	size_t cap = (size_t)n * 120 + 4096 + (extra_at_end ? strlen(extra_at_end) : 0), len = 0;
	char *buf = malloc(cap);
	const char *path;

	assert_non_null(buf);
	len += (size_t)snprintf(buf, cap, "month,day,region,value,source,note\n");
	for (int i = 0; i < n; i++) {
		int m = (i * 72) / n + (i % 9 == 4 ? -3 : 0) + 12, y = 2018 + m / 12;
		char value[16] = "";

		if (i % 11)
			snprintf(value, sizeof value, "%d.%d", (i * 13) % 97, i % 10);
		len += (size_t)snprintf(buf + len, cap - len,
					"%04d-%02d,%04d-%02d-%02d,%s,%s,%s,%s%s\n", y, m % 12 + 1, y,
					m % 12 + 1, 1 + i % 28, region[i % 4], value,
					source[(i / 7) % 3],
					nl && i % nl == 0 ? "\"two\nlines, a note\"" : "\"n, ote\"",
					i % 6 == 0 ? "\r" : "");
	}
	if (extra_at_end)
		len += (size_t)snprintf(buf + len, cap - len, "%s", extra_at_end);
	path = tmpfile_bytes(name, buf, len);
	free(buf);
	return path;
}

/* The queries of the date tests: latest, or, in, contains, is empty,
 * roll-ups, dates as values, chronological keys, rows with latest. */
static size_t date_queries(const char *path, struct query **qs)
{
	static const char *const cols[] = { "month", "region", "value", "note", NULL };
	size_t n = 0;

	qs[n] = qagg(path, NULL, NULL, "value", AGG_SUM);
	qwhere(qs[n++], "month = latest");
	qs[n] = qagg(path, "region", "month", "value", AGG_SUM);
	qwhere(qs[n++], "month > latest - 12");
	qs[n] = qagg(path, "month", "region", "value", AGG_MEAN);
	qs[n]->group_part[0] = PART_QUARTER;
	qwhere(qs[n++], "region in (north, \"west, far\") or note contains lines");
	qs[n] = qrows(path, cols);
	qs[n]->max_rows = 25;
	qwhere(qs[n++], "month = latest - 1 or month = latest, value is not empty");
	qs[n] = qagg(path, "region", NULL, "day", AGG_MAX);
	qwhere(qs[n++], "year(month) = year(latest)");
	qs[n] = qagg(path, NULL, NULL, NULL, AGG_COUNT);
	qwhere(qs[n++], "value is empty or month = latest - 3");
	qs[n] = qagg(path, "region", NULL, "value", AGG_SUM);
	qs[n]->top = 2;
	qwhere(qs[n++], "year(month) = year(latest) - 1, month <= latest - 12");
	qs[n] = qagg(path, "month", NULL, NULL, AGG_COUNT);
	qs[n]->group_part[0] = PART_YEAR;
	qs[n]->top = 3;
	qs[n++]->sort = SORT_VALUE_DESC;
	qs[n] = qagg(path, NULL, NULL, "month", AGG_MIN);
	qwhere(qs[n++], "region != east, day >= 2019-07-01");
	qs[n] = qagg(path, "month", NULL, "value", AGG_SUM);
	qwhere(qs[n++], "month not in (latest, latest - 2), source != BelTA");
	return n;
}

/* The date queries with chunks cutting records everywhere, two and three
 * workers, a large file in the default chunk: the one-thread results,
 * reading the file once. */
static void test_dates_chunks_same(void **state)
{
	size_t chunks[200], nch = 0;
	const char *path = dated_csv("dates_chunks.csv", 400, 5, NULL);
	struct query *qs[16];
	struct diag d = { 0 };
	size_t n;

	(void)state;
	for (size_t c = 64; c < 400; c += 3)
		chunks[nch++] = c;
	check_chunks_same_q(path, date_queries, 2, chunks, nch, 1);
	check_chunks_same_q(path, date_queries, 3, chunks, nch / 3, 1);
	/* what the queries found, so that the comparison compares something */
	n = date_queries(path, qs);
	assert_int_equal(run_chunks(qs, n, 1, 0, &d, NULL), 0);
	assert_true(qs[0]->res.ngroups == 1 && qs[0]->res.rows_matched > 0);
	assert_true(qs[1]->res.ngroups > 12 && qs[1]->res.key_is_date[1]);
	assert_true(qs[2]->res.key_is_date[0] && !qs[2]->res.key_is_date[1]);
	assert_true(qs[3]->res.nrows > 0 && qs[3]->res.nsources > 0);
	assert_true(qs[4]->res.value_is_date && qs[4]->res.ngroups == 4);
	assert_true(qs[6]->res.ngroups == 3 && qs[6]->res.groups[2].is_other);
	assert_true(qs[8]->res.value_is_date);
	for (size_t i = 0; i < n; i++)
		qfree(qs[i]);
	path = dated_csv("dates_big.csv", 30000, 7, NULL);
	chunks[0] = 0;
	chunks[1] = 100000;
	check_chunks_same_q(path, date_queries, 2, chunks, 2, 1);
}

/* The latest date in column "month", alone. */
static size_t max_month_query(const char *path, struct query **qs)
{
	qs[0] = qagg(path, NULL, NULL, "month", AGG_MAX);
	return 1;
}

/* Errors that only the whole file shows (a latest column that turns to
 * text or numbers, dates then numbers as values), found in a chunk or only
 * at a merge: reported as one thread reports them. */
static void test_dates_chunks_errors(void **state)
{
	static const struct {
		const char *name, *end;  /* end NULL: the file of dates, then numbers */
		queries_fn make;
		int line, col;
	} cases[] = {
		{ "de_latest_text.csv", "n/a,2024-01-01,north,1,x,y\n", date_queries, 122, 1 },
		{ "de_latest_number.csv", "17,2024-01-01,north,1,x,y\n", date_queries, 122, 1 },
		{ "de_value_number.csv", "2024-01,7,north,1,x,y\n", date_queries, 122, 9 },
		{ "de_value_text.csv", "2024-01,soon,north,1,x,y\n", date_queries, 122, 9 },
		{ "de_flip.csv", NULL, date_queries, 4, 1 },
		{ "de_flip.csv", NULL, max_month_query, 4, 1 },
	};
	struct query *one[16], *many[16];
	struct diag d1, d2;
	char *flip = malloc(20000);
	size_t n, o = 0;

	(void)state;
	/* two dates, then only numbers in month: a chunk of numbers alone is a
	 * column of numbers (for latest, and as the values of a max), and only
	 * the merge sees the mix */
	assert_non_null(flip);
	o += (size_t)snprintf(flip, 20000, "month,day,region,value,source,note\n"
			      "2024-01,2024-01-01,north,1,x,y\n2024-02,2024-02-01,north,1,x,y\n");
	for (int i = 0; i < 300; i++)
		o += (size_t)snprintf(flip + o, 20000 - o, "%d,2024-03-01,south,2,x,y\n", i + 1);
	for (size_t f = 0; f < sizeof cases / sizeof cases[0]; f++) {
		const char *path = cases[f].end ? dated_csv(cases[f].name, 100, 5, cases[f].end) :
				   tmpfile_bytes(cases[f].name, flip, o);

		n = cases[f].make(path, one);
		memset(&d1, 0, sizeof d1);
		assert_int_equal(run_chunks(one, n, 1, 0, &d1, NULL), -1);
		if (d1.line != cases[f].line || d1.col != cases[f].col)
			fail_msg("%s: one thread: %d:%d: %s", cases[f].name, d1.line, d1.col, d1.msg);
		for (size_t i = 0; i < n; i++)
			qfree(one[i]);
		for (size_t c = 64; c < 600; c += 29) {
			cases[f].make(path, many);
			memset(&d2, 0, sizeof d2);
			assert_int_equal(run_chunks(many, n, 2, c, &d2, NULL), -1);
			if (strcmp(d1.msg, d2.msg) || d1.line != d2.line || d1.col != d2.col)
				fail_msg("%s, chunk %zu: %d:%d: %s; one thread: %d:%d: %s",
					 cases[f].name, c, d2.line, d2.col, d2.msg, d1.line, d1.col,
					 d1.msg);
			for (size_t i = 0; i < n; i++)
				qfree(many[i]);
		}
	}
	free(flip);
}

/* Progress with workers: after every read, never backwards, ends once; the
 * digest of a known vector (a file "abc": a header, no rows). */
static void test_chunks_progress_digest(void **state)
{
	const char *path = big_csv("chunks_progress.csv", 3000, 11, NULL);
	const char *abc = tmpfile_text("abc.csv", "abc");
	struct progress_log log = { 0 };
	struct query *qs[16];
	struct diag d = { 0 };
	struct stat st;
	size_t n = thread_queries(path, qs);

	(void)state;
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(run_chunks(qs, n, 2, 4096, &d, &log), 0);
	assert_true(log.calls >= (int)(st.st_size / 4096));
	assert_int_equal(log.ended, 1);
	assert_int_equal(log.decreasing, 0);
	assert_int_equal(log.last, st.st_size);
	assert_int_equal(log.total, st.st_size);
	for (size_t i = 0; i < n; i++)
		qfree(qs[i]);
	qs[0] = qagg(abc, NULL, NULL, NULL, AGG_COUNT);
	for (int t = 1; t <= 2; t++) {
		assert_int_equal(run_chunks(qs, 1, t, 64, &d, NULL), 0);
		assert_string_equal(qs[0]->res.sha256,
			"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	}
	qfree(qs[0]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_threads_same),
		cmocka_unit_test(test_threads_errors),
		cmocka_unit_test(test_progress),
		cmocka_unit_test(test_chunks_same),
		cmocka_unit_test(test_chunks_fallbacks),
		cmocka_unit_test(test_chunks_errors),
		cmocka_unit_test(test_chunks_progress_digest),
		cmocka_unit_test(test_dates_chunks_same),
		cmocka_unit_test(test_dates_chunks_errors),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
