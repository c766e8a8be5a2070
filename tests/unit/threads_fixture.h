/* threads_fixture — what the worker-thread tests share (test_data_threads.c,
 * test_data_threads_dialects.c): the big CSV they read in every style, the
 * queries they ask of it, runs with threads and chunks, and the check that
 * two runs gave the same results bit for bit.  Functions are static inline
 * so a test program need not use them all. */
#ifndef BRIEFING_THREADS_FIXTURE_H
#define BRIEFING_THREADS_FIXTURE_H

#include "data_fixture.h"

static inline const char *big_csv2(const char *name, const char *extra_at_start, int n, int nl,
				   const char *extra_at_end);

/* How big_csv2() writes: the delimiter, the decimal mark, and a comment
 * character that starts a note line before every 37th row (0: none). */
static struct {
	char delim, decimal, comment;
} style = { ',', '.', 0 };

/* Progress calls for one run. */
struct progress_log {
	long long last, total;
	int calls, ended, decreasing;
};

static inline void progress_cb(void *ctx, const char *path, long long done, long long total)
{
	struct progress_log *p = ctx;

	assert_non_null(path);
	if (done < 0) {
		p->ended++;
		return;
	}
	if (done < p->last)
		p->decreasing = 1;
	p->last = done;
	p->total = total;
	p->calls++;
}

/* A CSV of n rows for the thread tests: quoted fields with commas, CRLF
 * lines, UTF-8, sources (one illustrative), empty cells, decimals, groups
 * first seen late, and every `nl`-th note holding a newline (0: none); then
 * the rows in extra_at_end, if any. */
static inline const char *big_csv(const char *name, int n, int nl, const char *extra_at_end)
{
	return big_csv2(name, NULL, n, nl, extra_at_end);
}

/* big_csv() with rows extra_at_start (if any) before the n rows. */
static inline const char *big_csv2(const char *name, const char *extra_at_start, int n, int nl,
				   const char *extra_at_end)
{
	static const char *const region[] = { "north", "south", "east", "west" };
	static const char *const item[] = {
		"\"Caf\xc3\xa9, au lait\"", "tea", "\"\"\"quoted\"\"\"", "cocoa", "water"
	};
	static const char *const source[] = {
		"Azernews", "BelTA", "\"Report, 2021\"", "Illustrative estimate", "Trend"
	};
	size_t cap = (size_t)n * 120 + 4096 + (extra_at_end ? strlen(extra_at_end) : 0) +
		     (extra_at_start ? strlen(extra_at_start) : 0), len = 0;
	char *buf = malloc(cap);
	const char *path;

	char d = style.delim;

	assert_non_null(buf);
	len += (size_t)snprintf(buf, cap, "region%citem%cqty%cprice%csource%cillustrative%cnote\n%s",
				d, d, d, d, d, d, extra_at_start ? extra_at_start : "");
	for (int i = 0; i < n; i++) {
		const char *r = i > n * 3 / 4 && i % 7 == 0 ? "late" : region[i % 4];
		char qty[16] = "";

		if (i % 13)
			snprintf(qty, sizeof qty, "%d", (i * 7) % 23);
		if (style.comment && i % 37 == 3) /* a note line, its quote unmatched */
			len += (size_t)snprintf(buf + len, cap - len, "%c note %d: \"open%s\n",
						style.comment, i, i % 2 ? "\r" : "");
		len += (size_t)snprintf(buf + len, cap - len, "%s%c%s%c%s%c%d%c%02d%c%s%c%s%c%s%s%s",
					r, d, item[(i / 3) % 5], d, qty, d, (i * 37) % 1000,
					style.decimal, (i * 11) % 100, d, source[(i / 17) % 5], d,
					i % 101 == 0 ? "yes" : "no", d,
					nl && i % nl == 0 ? "\"two\nlines\"" : "\"n, ote\"",
					i % 5 == 0 ? "\r" : "", "\n");
	}
	if (extra_at_end)
		len += (size_t)snprintf(buf + len, cap - len, "%s", extra_at_end);
	path = tmpfile_bytes(name, buf, len);
	free(buf);
	return path;
}

/* The queries of the thread tests, on path, into qs (returns how many). */
static inline size_t thread_queries(const char *path, struct query **qs)
{
	static const char *const cols[] = { "region", "item", "note", "qty", NULL };
	size_t n = 0;

	qs[n++] = qagg(path, "region", NULL, "price", AGG_SUM);
	qs[n] = qagg(path, "region", "item", "qty", AGG_SUM);
	qs[n]->top = 3;
	qs[n++]->sort = SORT_VALUE_DESC;
	qs[n] = qagg(path, NULL, NULL, "price", AGG_MEAN);
	qwhere(qs[n++], "region != north");
	qs[n] = qagg(path, "item", NULL, NULL, AGG_COUNT);
	qs[n++]->sort = SORT_LABEL;
	qs[n++] = qagg(path, "region", NULL, "price", AGG_MIN);
	qs[n] = qagg(path, "source", NULL, "qty", AGG_MAX);
	qs[n++]->top = 2;
	qs[n] = qrows(path, cols);
	qwhere(qs[n++], "qty > 20");
	qs[n] = qrows(path, cols);
	qs[n]->max_rows = 10;
	qwhere(qs[n++], "item = tea");
	qs[n] = qagg(path, NULL, NULL, "price", AGG_SUM);
	qwhere(qs[n++], "item = cocoa, region = late");
	return n;
}

static inline int run_threads(struct query **qs, size_t n, int threads, struct diag *d,
			      struct progress_log *log)
{
	struct data_options o;
	struct data_progress p = { progress_cb, log };

	data_options_defaults(&o);
	o.threads = threads;
	if (log)
		o.progress = &p;
	return data_run_opts(qs[0]->path, qs, n, &o, d, NULL);
}

/* a and b hold the same results, bit for bit. */
static inline void check_same_results(const struct query *a, const struct query *b)
{
	const struct query_result *x = &a->res, *y = &b->res;

	assert_int_equal(x->ngroups, y->ngroups);
	for (size_t i = 0; i < x->ngroups; i++) {
		const struct group *g = &x->groups[i], *h = &y->groups[i];

		for (int k = 0; k < 2; k++) {
			assert_true((g->key[k] == NULL) == (h->key[k] == NULL));
			if (g->key[k])
				assert_string_equal(g->key[k], h->key[k]);
		}
		if (memcmp(&g->value, &h->value, sizeof g->value) ||
		    memcmp(&g->sum, &h->sum, sizeof g->sum))
			fail_msg("group %zu (%s): value %.17g / %.17g, sum %.17g / %.17g, count %zu / %zu",
				 i, g->key[0] ? g->key[0] : "-", g->value, h->value, g->sum, h->sum,
				 g->count, h->count);
		assert_int_equal(g->count, h->count);
		assert_int_equal(g->line, h->line);
		assert_int_equal(g->is_other, h->is_other);
		assert_int_equal(g->missing, h->missing);
		assert_int_equal(g->period.gran, h->period.gran);
		assert_int_equal(g->period.ord, h->period.ord);
	}
	assert_int_equal(x->ncategories, y->ncategories);
	assert_int_equal(x->key_is_date[0], y->key_is_date[0]);
	assert_int_equal(x->key_is_date[1], y->key_is_date[1]);
	assert_int_equal(x->value_is_date, y->value_is_date);
	assert_int_equal(x->value_period.gran, y->value_period.gran);
	assert_int_equal(x->value_period.ord, y->value_period.ord);
	assert_int_equal(x->nrows, y->nrows);
	for (size_t i = 0; i < x->nrows; i++) {
		assert_int_equal(x->lines[i], y->lines[i]);
		for (size_t k = 0; k < a->ncolumns; k++)
			assert_string_equal(x->cells[i * a->ncolumns + k], y->cells[i * a->ncolumns + k]);
	}
	assert_int_equal(x->nsources, y->nsources);
	for (size_t i = 0; i < x->nsources; i++)
		assert_string_equal(x->sources[i], y->sources[i]);
	assert_int_equal(x->illustrative, y->illustrative);
	assert_int_equal(x->rows_read, y->rows_read);
	assert_int_equal(x->rows_matched, y->rows_matched);
	assert_int_equal(x->nheader, y->nheader);
}

/* data_run_opts() with threads and chunk bytes per chunk. */
static inline int run_chunks(struct query **qs, size_t n, int threads, size_t chunk,
			     struct diag *d, struct progress_log *log)
{
	struct data_options o;
	struct data_progress p = { progress_cb, log };

	data_options_defaults(&o);
	o.threads = threads;
	o.chunk = chunk;
	if (log)
		o.progress = &p;
	return data_run_opts(qs[0]->path, qs, n, &o, d, NULL);
}

#endif
