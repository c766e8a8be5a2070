/* query — the query model and the where: parser (part of the spec language).
 *
 * A query is: one file, optional filter (where:), group by one or two columns,
 * an aggregate (sum, mean, count, min, max), a sort, and top-N with the rest
 * summed into "Other".  A rows query instead keeps the listed columns of every
 * matching row (data tables).  The spec fills queries; the data engine
 * (data.h) answers them into query.res; charts, tables and values read the
 * results.
 */
#ifndef BRIEFING_QUERY_H
#define BRIEFING_QUERY_H

#include <stddef.h>
#include "diag.h"
#include "period.h"

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

/* One file of a folder dataset, as the sources page lists it (issue 14). */
struct query_part {
	char *path;            /* the folder's path and the part's name */
	size_t rows;           /* its data rows */
	long long bytes;       /* its size as stored */
	char sha256[65];       /* SHA-256 of its bytes as stored (compressed, for
				  a .gz), 64 hex digits */
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
	struct query_part *parts; /* a folder's parts in the order read, NULL
				   for one file; one allocation with their
				   paths (free(parts) frees all) */
	size_t nparts;
	char delimiter;         /* the field delimiter the file was read with */
	int delimiter_detected; /* it was detected from the header line */
	/* dates (issue 13): a column whose non-empty cells are all ISO periods
	   (YYYY, YYYY-MM, YYYY-MM-DD, YYYY-Qn; period.h) is a date column */
	int key_is_date[2];     /* aggregate: group column i is a date column (or
				   a year()/quarter()/month() of one): its keys
				   are ISO periods, ordered chronologically */
	int value_is_date;      /* aggregate without groups, agg min or max over
				   a date column: the answer is value_period, not
				   a number (groups: each group's value likewise) */
	struct period value_period; /* that date, when value_is_date */
};

struct data_dialect;

struct query {
	/* filled by the caller */
	enum query_mode mode;
	char *path;             /* CSV path as opened and as named in diagnostics */
	const struct data_dialect *dialect; /* how to read the file (data.h; the
				   spec's ```data block), NULL: the defaults */
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

/* Free a query's results (res, the kept rows' cells included), leaving res
 * zeroed and the query's inputs as they are, so that it can be run again. */
void query_clear_result(struct query *q);

/* Parse a where: text ("flow = total, period >= 2020").  Operators: = != < <= >
 * >=.  On error returns -1 and fills d at file:line, col = 1-based column of the
 * problem within `text` plus col0 (the column where text starts in the file). */
int query_parse_where(const char *text, struct cond **out, size_t *nout,
		      const char *file, int line, int col0, struct diag *d);

/* Name parsers for spec keys: 0 ok, -1 unknown name. */
int query_agg_from_name(const char *name, enum agg_kind *out);
int query_sort_from_name(const char *name, enum sort_kind *out);

#endif
