/* fuzz_csv — the CSV reader and the queries on it (src/data*.c).
 *
 * The input is written to a memfd and read by data_run through
 * /proc/self/fd/N, like any file.  Its first line (split naively at commas)
 * names the columns the queries use, so the fuzzer reaches past the header:
 * a count; a sum by the first column, largest first, top 3; a mean by the
 * first two columns with a where: on the third; a pie-like query (no
 * negatives, automatic top); rows of two columns with max_rows.  Beyond "no
 * crash": an answered query has at most as many groups as rows matched (+1
 * for Other), every value is a finite number, and a count's value is the
 * number of rows read. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "data.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fuzz_assert(int ok, const char *what)
{
	if (!ok) {
		fprintf(stderr, "fuzz_csv: %s\n", what);
		abort();
	}
}

/* The file the input is written to, made once. */
static int fuzz_fd = -1;
static char fuzz_path[64];

static int fuzz_file(const uint8_t *data, size_t size)
{
	if (fuzz_fd < 0) {
		fuzz_fd = memfd_create("fuzz.csv", 0);
		if (fuzz_fd < 0)
			return -1;
		snprintf(fuzz_path, sizeof fuzz_path, "/proc/self/fd/%d", fuzz_fd);
	}
	if (ftruncate(fuzz_fd, 0) < 0)
		return -1;
	for (size_t off = 0; off < size;) {
		ssize_t w = pwrite(fuzz_fd, data + off, size - off, (off_t)off);
		if (w <= 0)
			return -1;
		off += (size_t)w;
	}
	return 0;
}

/* Up to three column names from the first line (naive: no quotes). */
static size_t fuzz_columns(const uint8_t *data, size_t size, char *cols[3])
{
	size_t n = 0, a = 0;

	for (size_t i = 0; i <= size && n < 3; i++) {
		if (i < size && data[i] != ',' && data[i] != '\n' && data[i] != '\r')
			continue;
		cols[n++] = strndup((const char *)data + a, i - a);
		a = i + 1;
		if (i == size || data[i] != ',')
			break;
	}
	for (size_t k = n; k < 3; k++)
		cols[k] = strdup(n ? cols[0] : "a");
	return n ? n : 1;
}

/* A query on the fuzz file at "spec" line `line`. */
static void fuzz_query(struct query *q, int line)
{
	query_init(q);
	q->path = strdup(fuzz_path);
	q->spec_file = strdup("fuzz.md");
	q->spec_line = line;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	enum { NQ = 5 };
	struct query qv[NQ], *qs[NQ];
	struct diag d = { 0 };
	struct diag_list warn = { 0 };
	char *cols[3];
	int rc;

	if (size > (1 << 20) || fuzz_file(data, size) < 0)
		return 0;
	fuzz_columns(data, size, cols);
	for (int i = 0; i < NQ; i++) {
		fuzz_query(&qv[i], i + 1);
		qs[i] = &qv[i];
	}
	qv[0].agg = AGG_COUNT;
	qv[1].group[0] = strdup(cols[0]);
	qv[1].ngroup = 1;
	qv[1].value = strdup(cols[1]);
	qv[1].sort = SORT_VALUE_DESC;
	qv[1].top = 3;
	qv[2].group[0] = strdup(cols[0]);
	qv[2].group[1] = strdup(cols[1]);
	qv[2].ngroup = 2;
	qv[2].value = strdup(cols[2]);
	qv[2].agg = AGG_MEAN;
	qv[2].sort = SORT_LABEL;
	{
		char where[300];
		snprintf(where, sizeof where, "%.100s != x, %.100s <= 1e6", cols[2], cols[1]);
		query_parse_where(where, &qv[2].where, &qv[2].nwhere, "fuzz.md", 3, 1, &d);
	}
	qv[3].group[0] = strdup(cols[1]);
	qv[3].ngroup = 1;
	qv[3].value = strdup(cols[2]);
	qv[3].nonneg_for = "pie chart";
	qv[3].auto_top = 12;
	qv[4].mode = QUERY_ROWS;
	qv[4].columns = calloc(2, sizeof *qv[4].columns);
	if (qv[4].columns) {
		qv[4].columns[0] = strdup(cols[0]);
		qv[4].columns[1] = strdup(cols[2]);
		qv[4].ncolumns = 2;
	}
	qv[4].max_rows = 7;
	rc = data_run(fuzz_path, qs, NQ, &d, &warn);
	if (rc == 0) {
		const struct query_result *c = &qv[0].res;
		fuzz_assert(c->ngroups == 0 ? c->rows_read == 0 :
			    c->ngroups == 1 && c->groups[0].value == (double)c->rows_read,
			    "count is not the number of rows");
		for (int i = 1; i < 4; i++) {
			fuzz_assert(qv[i].res.ngroups <= qv[i].res.rows_matched + 1,
				    "more groups than rows");
			for (size_t k = 0; k < qv[i].res.ngroups; k++)
				fuzz_assert(isfinite(qv[i].res.groups[k].value),
					    "a value that is not a finite number");
		}
		fuzz_assert(qv[4].res.nrows <= 7 && qv[4].res.nrows <= qv[4].res.rows_matched,
			    "rows kept beyond max_rows");
		fuzz_assert(qv[3].res.ngroups <= 12, "a pie query kept more than 12 groups");
	} else {
		fuzz_assert(d.msg[0] != '\0' && d.code != 0, "failed without a diagnostic");
	}
	for (int i = 0; i < NQ; i++)
		query_clear(&qv[i]);
	for (int k = 0; k < 3; k++)
		free(cols[k]);
	diag_list_free(&warn);
	return 0;
}
