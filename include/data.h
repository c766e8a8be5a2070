/* data — CSV files read with libcsv, streaming, and the queries answered on them.
 *
 * A query is: one file, optional filter (where:), group by one or two columns,
 * an aggregate (sum, mean, count, min, max), a sort, and top-N with the rest
 * summed into "Other".  A rows query instead keeps the listed columns of every
 * matching row (data tables).  data_run() answers every query on one file in a
 * single streaming pass: memory grows with the number of groups (and with the
 * rows a rows-query keeps), never with the size of the file.
 */
#ifndef BRIEFING_DATA_H
#define BRIEFING_DATA_H

#include <stddef.h>
#include "diag.h"

enum agg_kind { AGG_SUM, AGG_MEAN, AGG_COUNT, AGG_MIN, AGG_MAX };

/* none = first-seen order; value = ascending; value_desc ("-value") = largest
 * first; label = by group label (numbers numerically, else bytewise). */
enum sort_kind { SORT_NONE, SORT_VALUE, SORT_VALUE_DESC, SORT_LABEL };

enum cond_op { COND_EQ, COND_NE, COND_LT, COND_LE, COND_GT, COND_GE };

/* One where: condition.  = and != compare numerically when both sides parse as
 * numbers, else as trimmed strings; < <= > >= need numbers on both sides. */
struct cond {
	char *column;   /* column name */
	enum cond_op op;
	char *text;     /* right-hand side as written, trimmed */
	double number;  /* right-hand side as a number, if is_number */
	int is_number;  /* text parsed as a number */
};

enum query_mode { QUERY_AGGREGATE, QUERY_ROWS };

/* One result group: its key(s) and the aggregate over its rows.  Empty
 * cells are missing, never zero: a group whose value cells are all empty
 * has no sum, mean, min or max (missing = 1; a chart leaves its slot empty),
 * and count counts the non-empty cells. */
struct group {
	char *key[2];   /* group labels; key[1] NULL with one group column */
	double value;   /* the aggregate (sum, mean, count, min or max); 0 when missing */
	double sum;     /* sum of the values (for merging into Other) */
	size_t count;   /* rows in the group whose value cell is non-empty (every
			   matching row when the query has no value column) */
	long line;      /* CSV line of the group's first row */
	int is_other;   /* 1 for the "Other" group made by top: */
	int missing;    /* 1 when the aggregate has no value: sum, mean, min or
			   max over rows whose value cells are all empty */
};

struct query_result {
	/* QUERY_AGGREGATE */
	struct group *groups;   /* in final order (sort, then top/Other) */
	size_t ngroups;
	size_t ncategories;     /* categories (distinct first keys) before top/Other */
	/* QUERY_ROWS: nrows * ncolumns cells, row-major, NUL-terminated copies */
	char **cells;
	long *lines;            /* CSV line of each kept row */
	size_t nrows;
	/* both modes */
	char **sources;         /* distinct values of the file's "source" column over
				   matching rows, first-seen order (none if no such column) */
	size_t nsources;
	int illustrative;       /* a matching row is marked illustrative: column
				   "illustrative" is yes/true/1, or its source says "illustrative" */
	size_t rows_read;       /* data rows in the file */
	size_t rows_matched;    /* rows that passed where: */
	long long bytes_read;   /* bytes the pass read from the file (the same for
				   every query of one data_run; the file's size
				   when it was read once) */
	char sha256[65];        /* SHA-256 of the file's bytes (all of them, a BOM
				   included) as 64 hex digits, computed on the bytes
				   the pass read; "" when it could not be (out of
				   memory): then hash the file itself */
	char **header;          /* the file's column names */
	size_t nheader;
};

struct query {
	/* filled by the caller */
	enum query_mode mode;
	char *path;             /* CSV path as opened and as named in diagnostics */
	char *spec_file;        /* spec location of the block, for errors about */
	int spec_line;          /*   the query itself (unknown column, missing file) */
	struct cond *where;     /* conditions joined by "and" */
	size_t nwhere;
	char *group[2];         /* aggregate: group-by columns, ngroup of them (0-2) */
	size_t ngroup;
	char *value;            /* aggregate: the numeric column (NULL only for count) */
	enum agg_kind agg;
	enum sort_kind sort;
	size_t top;             /* keep the top N groups by value, rest "Other"; 0 = all */
	size_t auto_top;        /* with top 0: more than auto_top categories are cut to
				   the largest auto_top - 1 and "Other" (pies); 0 = never */
	const char *other_label; /* aggregate: the name of the top: remainder group,
				   static text (the spec's locale); NULL = "Other" */
	const char *nonneg_for; /* aggregate: when set, a negative value is an error at
				   its cell, "in a <nonneg_for>" ("pie chart"); static text */
	char **columns;         /* rows: the columns kept, in this order */
	size_t ncolumns;
	size_t max_rows;        /* rows: keep at most this many (0 = all); res.rows_matched
				   still counts every match, so the caller can refuse */
	/* filled by data_run */
	struct query_result res;
};

/* Zero a query (mode aggregate, agg sum, sort none, top 0). */
void query_init(struct query *q);

/* Free everything a query owns (inputs and results), leaving it zeroed. */
void query_clear(struct query *q);

/* Parse a where: text ("flow = total, period >= 2020").  Operators: = != < <= >
 * >=.  On error returns -1 and fills d at file:line, col = 1-based column of the
 * problem within `text` plus col0 (the column where text starts in the file). */
int query_parse_where(const char *text, struct cond **out, size_t *nout,
		      const char *file, int line, int col0, struct diag *d);

/* Name parsers for spec keys: 0 ok, -1 unknown name. */
int query_agg_from_name(const char *name, enum agg_kind *out);
int query_sort_from_name(const char *name, enum sort_kind *out);

/* Progress of a long pass (main prints it; the data layer never prints). */
struct data_progress {
	/* Called in the thread that called data_run_opts(), after every read
	 * (every 256 KiB or so), with the bytes read so far and the file's size
	 * (0 when unknown: not a regular file); then once with done = -1 when
	 * the pass ends, whether it succeeded or not. */
	void (*fn)(void *ctx, const char *path, long long done, long long total);
	void *ctx;
};

struct data_options {
	const struct data_progress *progress; /* NULL: none */
	int threads;   /* 0: worker threads for a regular file of 32 MiB or more
			  when cpus is 2 or more (one per CPU, at most 8), else
			  one thread; 1: one; n >= 2: n workers for any
			  regular file (for tests).  Results never depend on it. */
	int cpus;      /* the CPUs the run may use (main: cpus_usable()); 0 = 1 */
	size_t chunk;  /* bytes the reading thread hands to a worker at a time
			  (0: 1 MiB); tests make it small to cross many chunk
			  boundaries */
	const char *const *roots; /* the folders data files must lie in, after
			  resolving symlinks and "..": the spec's folder first,
			  then those the user allows (--data-root); a file
			  under /proc, /dev or /sys is refused whatever they
			  are.  nroots 0: no confinement (tests).  Either way
			  only a regular file is read (not a FIFO, a device or
			  a folder). */
	size_t nroots;
};

/* Defaults: no progress, threads 0, cpus 0 (one thread). */
void data_options_defaults(struct data_options *o);

/* Read the CSV at path once and answer all nq queries (each with q->path equal
 * to path).  Errors: file missing/unreadable/a directory/not a regular file
 * (EXIT_NOINPUT, at the first query's spec location), outside the roots of
 * data_options (EXIT_DATAERR, there too), a read error (EXIT_IOERR, there
 * too), CSV syntax, ragged rows, invalid UTF-8, NUL
 * bytes, empty file, duplicate header names, cells over 1 MiB, non-numbers
 * where numbers are needed (EXIT_DATAERR, at the CSV line and column), unknown
 * columns (EXIT_DATAERR, at the query's spec line).  Returns 0 or -1.
 * Every query's res.sha256 is the digest of the bytes the pass read. */
int data_run(const char *path, struct query **qs, size_t nq, struct diag *d,
	     struct diag_list *warn);

/* data_run() with options (NULL: the defaults).  A large file is read once
 * by the calling thread, which hashes it and hands chunks of whole records
 * to worker threads (see src/data.c); the results are those of one thread. */
int data_run_opts(const char *path, struct query **qs, size_t nq, const struct data_options *o,
		  struct diag *d, struct diag_list *warn);

#endif
