/* split_diff — the same file read by both parsers of the data layer, as
 * text to compare byte for byte: every line through libcsv, the reference
 * (data_options.libcsv_only), and the splitter of simple blocks
 * (src/data_split.c) in one thread and with worker threads over 64-byte
 * chunks (many blocks, many boundaries).  Shared by the differential unit
 * test (test_data_split.c) and the fuzz harness (tests/fuzz/fuzz_split.c);
 * needs no cmocka.  The file's columns are a, b and c, or a alone (its
 * header line is the caller's: one_column). */
#ifndef BRIEFING_SPLIT_DIFF_H
#define BRIEFING_SPLIT_DIFF_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data.h"

/* How a run reads the file. */
struct split_how {
	int libcsv_only;  /* the reference */
	int threads;      /* data_options.threads */
	size_t chunk;     /* data_options.chunk */
};

static inline void split_query(struct query *q, const char *path, int line)
{
	query_init(q);
	q->path = strdup(path);
	q->spec_file = strdup("split.md");
	q->spec_line = line;
}

/* Everything a run answers, as text: the return code and the error (code,
 * place, message), then per query the counts, the groups (keys, value in
 * hexadecimal, count, first line) and the kept rows (cells, lines).  Two
 * sets of queries: on texts only (no cell can be an error), and sums (a
 * cell that is not a number is). */
static inline char *split_answer(const char *path, const struct data_dialect *dd,
				 int one_column, const struct split_how *how)
{
	const char *b = one_column ? "a" : "b", *cc = one_column ? "a" : "c";
	enum { NQ = 6 };
	struct query qv[NQ], *qs[NQ];
	struct data_options o;
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	if (!f)
		abort();
	data_options_defaults(&o);
	o.libcsv_only = how->libcsv_only;
	o.threads = how->threads;
	o.chunk = how->chunk;
	for (int set = 0; set < 2; set++) {
		struct diag d = { 0 };
		struct diag_list warn = { 0 };
		size_t nq = set == 0 ? 5 : 6;
		int rc;

		for (size_t i = 0; i < nq; i++) {
			split_query(&qv[i], path, (int)i + 1);
			qv[i].dialect = dd;
			qs[i] = &qv[i];
		}
		qv[0].agg = AGG_COUNT;
		qv[1].agg = AGG_COUNT;
		qv[1].group[qv[1].ngroup++] = strdup("a");
		qv[2].agg = AGG_COUNT;
		qv[2].group[qv[2].ngroup++] = strdup("a");
		qv[2].group[qv[2].ngroup++] = strdup(b);
		qv[2].value = strdup(cc);
		query_parse_where(one_column ? "a != x" : "c != x", &qv[2].where, &qv[2].nwhere,
				  "split.md", 3, 1, &d);
		qv[3].mode = QUERY_ROWS;
		qv[3].columns = calloc(4, sizeof *qv[3].columns);
		qv[3].columns[0] = strdup("a");
		qv[3].columns[1] = strdup(b);
		qv[3].columns[2] = strdup(cc);
		qv[3].ncolumns = 3;
		qv[4].agg = AGG_COUNT;
		qv[4].group[qv[4].ngroup++] = strdup(cc);
		qv[4].value = strdup(b);
		if (set == 1) {
			qv[5].agg = AGG_SUM;
			qv[5].group[qv[5].ngroup++] = strdup("a");
			qv[5].value = strdup(b);
			qv[4].agg = AGG_MAX;
		}
		rc = data_run_opts(path, qs, nq, &o, &d, &warn);
		fprintf(f, "set %d: rc %d, error %d %s:%d:%d: %s\n", set, rc, d.code,
			d.file, d.line, d.col, d.msg);
		for (size_t i = 0; i < nq; i++) {
			const struct query_result *r = &qv[i].res;

			fprintf(f, "q%zu: read %zu matched %zu delim %d%s sha %s\n", i, r->rows_read,
				r->rows_matched, r->delimiter, r->delimiter_detected ? " detected" : "",
				r->sha256);
			for (size_t g = 0; g < r->ngroups; g++) {
				const struct group *gr = &r->groups[g];

				fprintf(f, "  [%s|%s] %a n%zu line %ld%s%s\n", gr->key[0],
					gr->key[1] ? gr->key[1] : "-", gr->value, gr->count, gr->line,
					gr->is_other ? " other" : "", gr->missing ? " missing" : "");
			}
			for (size_t k = 0; k < r->nrows; k++) {
				fprintf(f, "  line %ld:", r->lines[k]);
				for (size_t j = 0; j < qv[i].ncolumns; j++)
					fprintf(f, " <%s>", r->cells[k * qv[i].ncolumns + j]);
				fputc('\n', f);
			}
		}
		for (size_t i = 0; i < nq; i++)
			query_clear(&qv[i]);
		diag_list_free(&warn);
	}
	fclose(f);
	return text;
}

/* Read the file at path the three ways: NULL when all agree, else a
 * malloc'ed report of the first difference (both texts). */
static inline char *split_diff(const char *path, const struct data_dialect *dd, int one_column)
{
	static const struct split_how ways[] = {
		{ 1, 1, 0 }, /* the reference: libcsv, one thread */
		{ 0, 1, 0 }, /* the splitter, one thread */
		{ 0, 2, 64 }, /* the splitter, two workers, 64-byte chunks */
	};
	char *ref = split_answer(path, dd, one_column, &ways[0]), *report = NULL;

	for (size_t w = 1; w < sizeof ways / sizeof ways[0] && !report; w++) {
		char *got = split_answer(path, dd, one_column, &ways[w]);

		if (strcmp(ref, got) != 0) {
			size_t n = strlen(ref) + strlen(got) + 200;

			report = malloc(n);
			if (!report)
				abort();
			snprintf(report, n, "libcsv, one thread:\n%s\nthe splitter, %d thread(s), "
				 "chunk %zu:\n%s", ref, ways[w].threads, ways[w].chunk, got);
		}
		free(got);
	}
	free(ref);
	return report;
}

#endif
