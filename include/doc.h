/* doc — the document model: what a briefing spec says, as the parser
 * (spec.h) builds it and every later stage reads it.  Knows nothing of
 * Markdown, PDF or cairo.
 *
 * A document is front matter, then blocks in reading order (headings,
 * paragraphs, lists, tables, charts, key figures …), and the values a
 * ```values block defines.  Tables, charts and values each hold a query
 * (query.h) that data_run() answers; spec_expand() then writes the values'
 * text into every {{name}}.  After that the model is read-only.
 *
 * Whoever made a doc frees it with doc_free(); every string and array in
 * it is the doc's own.
 */
#ifndef BRIEFING_DOC_H
#define BRIEFING_DOC_H

#include <stddef.h>
#include "data.h"
#include "query.h"
#include "lang.h"

enum run_style { RUN_BOLD = 1, RUN_ITALIC = 2, RUN_CODE = 4 };

/* A stretch of inline text in one style.  A run whose text is "\n" is a hard
 * line break; soft breaks are already spaces. */
struct run {
	char *text;     /* UTF-8 */
	unsigned style; /* RUN_* bits */
	char *href;     /* link target, or NULL */
	int line, col;  /* spec location of the run's first byte (placeholders) */
	char *lang;     /* the language of a span marked [text](lang:ru): a
			   language tag, or NULL (the document's) */
};

struct inlines {
	struct run *runs;
	size_t n;
	size_t cap;     /* allocated runs (grow_array, while parsing) */
};

/* One list item; nested lists are flattened with depth (0 = outermost). */
struct list_item {
	int depth;           /* nesting depth */
	int number;          /* ordered lists: the item's number; 0 = bullet */
	struct inlines text; /* the item's text (several paragraphs joined by a space) */
};

enum cell_align { ALIGN_DEFAULT, ALIGN_LEFT, ALIGN_CENTER, ALIGN_RIGHT };

/* A GitHub-style pipe table written in the Markdown. */
struct pipe_table {
	size_t ncols;
	enum cell_align *align;  /* ncols alignments from the :---: row */
	size_t nrows;            /* body rows (header not counted) */
	struct inlines *cells;   /* (1 + nrows) * ncols, row 0 = header row */
};

/* One column width from a table's widths: key. */
struct col_width {
	double value;   /* points, or a percentage of the text width */
	int percent;    /* 1 when written as "N%" */
};

/* A table block's row limit when it sets no max-rows: (about 50 pages of
 * one-line rows), and the most max-rows: may say. */
#define DOC_TABLE_MAX_ROWS 2500
#define DOC_TABLE_MAX_ROWS_LIMIT 1000000

/* The range of a chart's width: and height:, in points (half an inch to
 * 20 inches: at the largest --dpi, 1200, 1440 pt is 24000 pixels, within
 * cairo's 32767). */
#define DOC_CHART_MIN_PT 36
#define DOC_CHART_MAX_PT 1440

/* How a data table writes the cells of one column. */
enum col_format {
	COL_AUTO,        /* no formats: numbers in the document's style, as read */
	COL_AS_WRITTEN,  /* formats: "-": the cell exactly as the CSV has it */
	COL_NUMBER,      /* a number format (num.h), sign sections included */
	COL_DATE         /* a date format (period.h) of ISO periods */
};

/* ```table: rows of a CSV (query mode QUERY_ROWS; q.max_rows = max-rows:,
 * or top: when there is no sort: only the first rows are needed).  Once
 * the query is answered, spec_expand() sorts the rows by sort:, cuts them
 * to top: and writes each cell by its column's format. */
struct table_block {
	struct query q;  /* q.columns = the columns: key */
	char *caption;   /* caption: or NULL (may hold {{placeholders}}) */
	int caption_line;
	struct col_width *widths; /* widths: one per column, or NULL (from content) */
	int widths_line, widths_col; /* where widths: is written (its value) */
	char **headers;  /* headers: one label per column, or NULL (the column names) */
	size_t sort_col; /* sort: the index in q.columns of the column sorted by,
			    or DOC_NO_SORT (rows in file order) */
	int sort_desc;   /* sort: -column: largest (latest, last) first */
	size_t top;      /* top: show the first N rows (after sort:); 0 = all */
	char **formats;  /* formats: one per column (NULL for "-"), or NULL */
	enum col_format *col_fmt; /* per column how its cells are written, or
				     NULL (every column COL_AUTO) */
	int formats_line;  /* where formats: is written: its line, and the column */
	int *format_cols;  /* of each column's format (NULL without formats:) */
	char *source;    /* source: for a CSV without a source column, or NULL */
};

#define DOC_NO_SORT ((size_t)-1)

/* One key figure of a ```figures block: a value shown big with a caption. */
struct figure {
	char *name;      /* the value's name */
	char *caption;   /* the caption as written (may hold {{placeholders}}) */
	char *text;      /* the value's formatted text, set by spec_expand() */
	int line, col;   /* spec location of the name */
};

/* ```figures: lines "value_name: caption", drawn as a strip of tiles. */
struct figures_block {
	struct figure *items;
	size_t n;
	size_t cap;      /* allocated items (grow_array, while parsing) */
};

enum chart_type { CHART_PIE, CHART_DONUT, CHART_BAR, CHART_HBAR, CHART_LINE };

/* ```chart: an aggregate drawn as a chart (query mode QUERY_AGGREGATE,
 * q.group[0] = x, q.group[1] = series if any, q.value = y). */
struct chart_block {
	enum chart_type type;
	struct query q;
	char *name;       /* name: file name for chart files, or NULL */
	char *title;      /* title: (required) */
	char *subtitle;   /* subtitle: or NULL */
	char *unit;       /* unit: or NULL */
	char *source;     /* source: or NULL (then the CSV's source column) */
	char *colors;     /* colors: comma-separated #rrggbb, or NULL */
	char *alt;        /* alt: the chart's description for readers who cannot
			     see it, or NULL (chart_describe writes one) */
	int stacked;      /* stacked: yes/no */
	double width;     /* width: in points, 0 = full text width */
	double height;    /* height: in points, 0 = default */
	int title_line;   /* spec line of title: (placeholders) */
	int sort_set;     /* 1 when the block wrote sort: (pies sort largest first
			     unless sort: none is written) */
	char *format;     /* format: of the value labels, tick labels and the
			     summary's number (num.h), or NULL: automatic,
			     one precision for all of the chart's values */
	int has_y_min, has_y_max; /* a line chart's y-min:/y-max: were given */
	double y_min, y_max;      /* then the value axis runs exactly from y_min
				     to y_max (else a nice range around the data) */
	int y_line, y_col;        /* where the first of them was written (the
				     warning about values beyond them) */
	const struct lang *lang; /* the document's locale: (numbers, fixed words);
				    NULL = English */
};

enum block_type {
	BLOCK_HEADING,
	BLOCK_PARAGRAPH,
	BLOCK_LIST,
	BLOCK_PIPE_TABLE,
	BLOCK_CODE,       /* a fenced or indented code block of another language */
	BLOCK_QUOTE,      /* a paragraph inside a block quote (text) */
	BLOCK_DATA_TABLE, /* ```table */
	BLOCK_CHART,      /* ```chart */
	BLOCK_FIGURES,    /* ```figures: key-figure tiles */
	BLOCK_PAGE_BREAK  /* a thematic break: *** or ___ (or ---) */
};

struct block {
	enum block_type type;
	int line;                   /* spec line where the block starts */
	int level;                  /* heading: 1..3 */
	char *anchor;               /* heading: slug for #links ("trade-turnover") */
	struct inlines text;        /* heading, paragraph, quote */
	struct list_item *items;    /* list */
	size_t nitems;
	size_t items_cap;           /* allocated items (grow_array, while parsing) */
	struct pipe_table *ptable;  /* pipe table */
	char *code;                 /* code block text */
	struct table_block *table;  /* ```table */
	struct chart_block *chart;  /* ```chart */
	struct figures_block *figures; /* ```figures */
};

struct expr;

/* A named value from a ```values block section: [name] then either its
 * query keys (data:, value:, agg:, where:) or expr:, a computation over
 * other values. */
struct value_def {
	char *name;
	struct query q;  /* aggregate with no group columns: one number (a date
			    when q.res.value_is_date); unused (q.path NULL)
			    for a computed value */
	struct expr *expr; /* expr: the computation, or NULL (read from q) */
	int expr_line;   /* spec line of expr: */
	size_t *inputs;  /* computed: the values read from data that it rests on,
			    directly or through other computed values (indices
			    into doc->values, first use first): their sources
			    are its sources */
	size_t ninputs;
	char *format;    /* format: a number format (num.h, sign sections
			    included) or a date format (period.h), or NULL
			    (automatic; a month prints as "June 2024") */
	int format_date; /* format: holds date conversions */
	int format_line, format_col; /* where format: is written (its value) */
	char *missing;   /* missing: the text shown when the value has no number
			    (no matching row, or only empty cells), or NULL:
			    then that is an error */
	char *source;    /* source: for a CSV without a source column, or NULL */
	char *text;      /* the formatted value, set by spec_expand() */
	double number;   /* the value, set by spec_expand(); NAN when missing
			    or a date */
	int line;        /* spec line of the [name] section */
};

/* A dataset a ```data block names once, [name] then its keys: a file (a
 * CSV, a .csv.gz, or a folder of parts) and how to read it.  A query whose
 * data: is the name reads path with this dialect (q.dialect points here). */
struct dataset {
	char *name;
	char *path;        /* file:, relative to the spec's folder (absolute kept) */
	char *encoding;    /* encoding: (dialect.encoding points here), or NULL */
	struct data_dialect dialect; /* its spec_file is the doc's path */
	int line;          /* spec line of the [name] section */
	int used;          /* some data: names it */
};

enum paper { PAPER_A4, PAPER_LETTER };

/* yes/no front matter switches; AUTO = decided from the document. */
enum { FM_NO = 0, FM_YES = 1, FM_AUTO = -1 };

struct front_matter {
	char *title;       /* title: (required) */
	char *short_title; /* short-title: for the running header, or NULL (title) */
	char *subtitle;    /* subtitle: */
	char *author;      /* author: */
	char *keywords;    /* keywords: (PDF metadata), or NULL */
	char *date;        /* date: YYYY-MM-DD as written, or NULL */
	int date_line;     /* its spec line, for errors */
	enum paper paper;  /* paper: a4 (default) or letter */
	int cover;         /* cover: a cover page (default yes) */
	int toc;           /* toc: a contents list (default FM_AUTO: yes with
			      3 or more level-1 headings) */
	int h1_new_page;   /* h1-new-page: each H1 starts a page (default no) */
	int sources;       /* sources: the generated sources page (default
			      FM_AUTO: yes when the document reads any CSV) */
	const struct lang *lang; /* locale: en (default), ru or az: month names,
				    number separators, fixed words; NULL = en */
	/* the e-mail of --mail: defaults that --mail-to, --mail-cc, --mail-from
	   and --mail-subject replace (checked when the spec is read) */
	char *mail_to;      /* mail-to: a comma-separated list of mailboxes, or NULL */
	char *mail_cc;      /* mail-cc: likewise */
	char *mail_from;    /* mail-from: one mailbox, or NULL */
	char *mail_subject; /* mail-subject: text with {{name}} of values and
			       {{title}}, {{date}}, or NULL */
};

struct doc {
	char *path;               /* the spec's path as given (diagnostics) */
	char sha256[65];          /* SHA-256 of the spec text as read, in hex
				     ("" when it could not be computed) */
	char *dir;                /* the spec's folder ("." when none) */
	struct front_matter front;
	struct block *blocks;
	size_t nblocks;
	struct value_def *values;
	size_t nvalues;
	struct dataset *datasets; /* the ```data blocks' datasets, in order */
	size_t ndatasets;
};

/* Free the document and all it holds (NULL is ok). */
void doc_free(struct doc *doc);

/* Free what the chart block c holds (its strings, its query and the
 * query's result) and zero it; c may be NULL.  c's own storage is its
 * holder's: a struct block frees it after this, a test's block on the
 * stack needs nothing more. */
void chart_block_free(struct chart_block *c);

/* Every query of the document (values, tables, charts) in document order.
 * Returns a malloc'ed array of pointers into doc (the caller frees the
 * array, not the queries), or NULL when out of memory.  The queries are
 * not const: data_run() writes their results (the document is read-only
 * once they are answered and spec_expand() has run). */
struct query **doc_queries(const struct doc *doc, size_t *n);

/* The spec's name of a chart type ("pie", "donut", "bar", "hbar",
 * "line"), for messages and renderers; "?" for a value out of range. */
const char *doc_chart_type_name(enum chart_type t);

/* The chart type the spec calls name: 0, or -1 for no such type (*t left
 * alone). */
int doc_chart_type_from_name(const char *name, enum chart_type *t);

#endif
