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

/* none = first-seen order (a date column's categories chronologically);
 * value = ascending; value_desc ("-value") = largest first; label = by
 * group label (dates chronologically, numbers numerically, else bytewise). */
enum sort_kind { SORT_NONE, SORT_VALUE, SORT_VALUE_DESC, SORT_LABEL };

/* A column, or a part of a date column cut to a coarser period (period.h's
 * period_truncate): year(month) of 2024-06 is 2024, quarter(month) is
 * 2024-Q2, month(day) of 2024-06-14 is 2024-06.  In where: and in a
 * chart's x: and series:. */
enum col_part { PART_WHOLE, PART_YEAR, PART_QUARTER, PART_MONTH };

/* The operators of where:.  EQ to GE take one value; IN and NOT_IN a list;
 * CONTAINS and NOT_CONTAINS one text; EMPTY and NOT_EMPTY none. */
enum cond_op {
	COND_EQ, COND_NE, COND_LT, COND_LE, COND_GT, COND_GE,
	COND_IN, COND_NOT_IN, COND_CONTAINS, COND_NOT_CONTAINS, COND_EMPTY, COND_NOT_EMPTY
};

/* One step from the column's latest value to a condition's value, applied
 * in order: "quarter(latest - 3) - 1" is back 3, part quarter, back 1. */
struct cond_step {
	int back;                 /* 1: n periods earlier (of the value's own
				     granularity; n less for a number column) */
	long n;                   /* back: how many */
	enum col_part part;       /* !back: cut to this part (year, quarter, month) */
};

#define COND_STEPS_MAX 8

/* A value of a condition: a text as written (quotes removed), or a
 * reference to the largest value of the condition's column in the file
 * ("latest", "latest - 12", "year(latest)"), known only when the file has
 * been read. */
struct cond_value {
	char *text;               /* as written, trimmed, without quotes ("" for latest) */
	size_t len;               /* strlen(text) */
	double number;            /* text as a number, if is_number */
	int is_number;
	struct period period;     /* text as an ISO period, if is_period ("2024" is
				     both a number and a year) */
	int is_period;
	int latest;               /* a reference to latest: steps[0..nsteps) */
	struct cond_step steps[COND_STEPS_MAX];
	size_t nsteps;
	int col;                  /* its file column in the spec */
};

/* One where: condition: column (or a part of it), operator, values.
 *
 * Comparing: = and != compare two dates as dates, two numbers as numbers,
 * else the trimmed texts; < <= > >= compare numbers or dates only (an
 * empty cell holds none of them).  Two periods compare at the coarser of
 * their granularities: "month = 2024" holds for every month of 2024,
 * "month < 2024" for the months before it, "month <= 2024" up to December
 * 2024.  A part of a column (year(month)) is a date: its cells must be
 * dates, its values too.  in is = with any of the list's values; contains
 * looks for the text in the cell, bytes as written (case counts); is empty
 * holds for an empty (or blank) cell.  != and not in hold for an empty
 * cell, every other operator but is empty does not. */
struct cond {
	char *column;             /* column name */
	enum col_part part;       /* the column, or year()/quarter()/month() of it */
	enum cond_op op;
	struct cond_value *vals;  /* nvals values: 1, a list for in, 0 for is empty */
	size_t nvals;
	size_t group;             /* conditions of one group are joined by "and"
				     (commas); groups by "or" (0, 1, …, in order) */
	int latest;               /* some value refers to latest */
	int line, col;            /* where the condition is in the spec (col: its
				     column name), for errors found reading the data */
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
	struct period period; /* res.value_is_date: the value as a date (the
			   earliest or latest of the group's dates); value is
			   then its first day, period_start_days() */
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
	   (YYYY, YYYY-MM, YYYY-MM-DD, YYYY-Qn; period.h) is a date column.  A
	   column of four-digit years is one when it groups or filters (x: year
	   is a date axis) and numbers when it is the value column (max of a
	   year column is the number 2024) */
	int key_is_date[2];     /* aggregate: group column i is a date column (or
				   a year()/quarter()/month() of one): every
				   non-empty key is an ISO period, and the
				   categories come chronologically (but for
				   sort: value and -value) */
	int value_is_date;      /* aggregate, agg min or max over a value column
				   of dates (periods that are not numbers:
				   2024-06, 2024-Q2; a cell 2024 is the number
				   2024 here, and a column mixing numbers and
				   dates is an error): every group's value is a
				   date (group.period), not a number */
	struct period value_period; /* that date, when value_is_date: the value
				   of groups[0] (the one group without group
				   columns) */
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
	struct cond *where;     /* the conditions, group by group: a row matches
				   when every condition of some group holds */
	size_t nwhere;
	char *group[2];         /* aggregate: group-by columns, ngroup of them (0-2) */
	enum col_part group_part[2]; /* each, or year()/quarter()/month() of it:
				   the groups are those periods (x: year(month)) */
	size_t ngroup;
	char *value;            /* aggregate: the numeric column (NULL only for count) */
	enum agg_kind agg;
	enum sort_kind sort;
	size_t top;             /* keep the top N groups by value, rest "Other"; 0 = all */
	size_t auto_top;        /* with top 0: more than auto_top categories are cut to
				   the largest auto_top - 1 and "Other" (pies); 0 = never */
	const char *other_label; /* aggregate: the name of the top: remainder group,
				   static text (the spec's locale); NULL = "Other" */
	int no_other;           /* aggregate: top: drops the rest instead (other: no) */
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

/* Parse a where: text (see briefing(1), THE SPEC):
 *
 *   where   := group { "or" group }          a row matches if some group holds
 *   group   := cond { "," cond }             a group holds if all its conds do
 *   cond    := column op value | column [not] in ( value {, value} )
 *            | column [not] contains value | column is [not] empty
 *   column  := name | "name" | year(name) | quarter(name) | month(name)
 *   op      := = | != | < | <= | > | >=
 *   value   := text | "text" | 'text' | ref
 *   ref     := latest | year(ref) | quarter(ref) | month(ref), then "- N"
 *
 * Comma binds tighter than or: "a = 1, b = 2 or c = 3" is (a and b) or c.
 * Keywords (or, in, not, contains, is, empty, latest) are any case; a
 * bare text runs to the next comma or "or" (in a list, to "," or ")");
 * quotes ("" or '' doubling a quote) keep commas, "or" and keywords as
 * text.  On error returns -1 and fills d at file:line, col = 1-based
 * column of the problem within `text` plus col0 (the column where text
 * starts in the file). */
int query_parse_where(const char *text, struct cond **out, size_t *nout,
		      const char *file, int line, int col0, struct diag *d);

/* Free n conditions and the array. */
void query_free_where(struct cond *w, size_t n);

/* Parse a grouping key: a column name, or year(name), quarter(name),
 * month(name) (any case; spaces allowed inside the parentheses).  Any
 * other text is a column name as it is ("value (USD)").  *name is
 * malloc'ed.  -1 with d filled at line:col0 (plus the column within text)
 * for a part without a name, "year()". */
int query_parse_column(const char *text, char **name, enum col_part *part, const char *file,
		       int line, int col0, struct diag *d);

/* An operator as written in where: ("=", "not in", "is empty"). */
const char *query_op_name(enum cond_op op);

/* The granularity of a part (PART_YEAR: PERIOD_YEAR …); PART_WHOLE has
 * none (-1). */
int query_part_gran(enum col_part part);

/* The name of a part, "year" …, for messages; "" for PART_WHOLE. */
const char *query_part_name(enum col_part part);

/* Two periods compared at the coarser of their granularities (see struct
 * cond): <0, 0, >0. */
int query_period_cmp(const struct period *a, const struct period *b);

/* Name parsers for spec keys: 0 ok, -1 unknown name. */
int query_agg_from_name(const char *name, enum agg_kind *out);
int query_sort_from_name(const char *name, enum sort_kind *out);

#endif
