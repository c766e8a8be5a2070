/* data_int.h — what the files of the data module share (private: only
 * src/data*.c include it).  The module answers queries (query.h) on a CSV
 * read once with libcsv (data.h); its files, in the order a pass uses them:
 *
 *   data.c         the driver: one pass over a file, again in one thread
 *                  when the worker threads cannot give its exact answer
 *   data_ctx.c     a pass's context made and freed, progress reported (the
 *                  driver and the workers both make contexts)
 *   data_input.c   the files a pass reads: one, or a folder's parts, each
 *                  with the same header
 *   data_open.c    the path checks: confinement to the roots, a regular file
 *   data_source.c  a file's bytes as UTF-8 text: hashed as stored, inflated
 *                  (gzip), converted (iconv)
 *   data_feed.c    reading and feeding libcsv (the SIMD scan, whole blocks)
 *   data_split.c   the field splitter for blocks the scan proves simple,
 *                  fields sliced in place (libcsv for every other line)
 *   data_dialect.c the dialect on the text: skipped and comment lines, the
 *                  delimiter detected, decimal-comma numbers
 *   data_rows.c    libcsv's callbacks: the row's cells, where:, groups, sources
 *   data_acc.c     what a query gathers: accumulators (exact sums, merged),
 *                  its sources
 *   data_where.c   where: conditions beyond the plain ones (or, in, contains,
 *                  is empty, dates, year()…), row by row
 *   data_defer.c   where: with latest: matching rows kept apart by slice
 *                  (period) until latest is known
 *   data_latest.c  the latest value of a column; at the end, the slices
 *                  chosen and made into the query's answer
 *   data_header.c  the header row: names checked, every query's columns
 *   data_dict.c    the distinct values of group columns, the pair map
 *   data_loc.c     where a row or field is in the file, and the errors there
 *   data_result.c  exact sums, then the groups sorted, top-N and "Other"
 *   data_pipe.c    worker threads parsing chunks of a large file, merged
 *
 * Names: a public function (declared in data.h) and a function one file
 * defines for the others (declared here, grouped by file) both carry the
 * module prefix, data_…, and the header that declares a name tells which
 * it is; a function only its own file uses is a bare static name
 * (row_matches, feed_block), so a name without the prefix is never looked
 * for elsewhere.  Types and macros declared here keep the prefix too.
 */
#ifndef BRIEFING_DATA_INT_H
#define BRIEFING_DATA_INT_H

#include <csv.h>
#include <stdint.h>
#include <sys/types.h>

#include "data.h"
#include "num.h"
#include "period.h"
#include "strset.h"

struct data_source; /* data_source.c: a file's bytes as text (struct data_reader) */

#define DATA_CHUNK (256 * 1024)        /* read() buffer (the issue asks >= 64 KiB) */
#define DATA_CELL_MAX (1024 * 1024)    /* largest cell accepted */
#define DATA_ROWBYTES_MAX (64u << 20)  /* row bytes kept for error columns */
#define DATA_REDO 1                    /* a pass's answer: read again, one thread */

/* Exact sums: a wide integer (128 bits where the compiler has them). */
#ifdef __SIZEOF_INT128__
__extension__ typedef __int128 data_wide;
__extension__ typedef unsigned __int128 data_uwide;
#else
typedef int64_t data_wide;
typedef uint64_t data_uwide;
#endif

/* One group being accumulated.  Sums are kept exactly while every value is a
 * short decimal (num_parse_dec()): isum / 10^iscale, so the sum does not
 * depend on the order of the rows; else in double arithmetic. */
struct data_acc {
	data_wide isum;  /* exact sum of the values, in units of 10^-iscale */
	int iscale;      /* 0..18 */
	int inexact;     /* some value (or the sum) is not exact: use sum */
	double sum;      /* sum of the values in double arithmetic */
	double min, max; /* extremes of the values (valid when count > dates) */
	size_t count;    /* values seen (non-empty cells), dates included */
	size_t dates;    /* of them dates (agg min and max over a date column) */
	struct period pmin, pmax; /* the earliest and latest date (dates > 0) */
	size_t rows;     /* rows matched */
	long line;       /* line of the first row */
};

/* An integer map: nonzero 64-bit keys to 32-bit values, open addressing.
 * Two-column groups use it keyed by the two column dictionary ids. */
struct data_imap {
	uint64_t *keys;  /* 0 = empty slot */
	uint32_t *vals;
	size_t n, nslots; /* used slots; power of two, > 2 * n */
};

#define DATA_MASK_BYTES 8 /* a slice's key starts with its mask of or-groups */

/* One slice of a query's matching rows. */
struct data_slice {
	size_t rows;   /* rows in it */
	size_t kept;   /* rows mode: rows kept (at most max_rows) */
	int illus;     /* a row's "illustrative" column says yes */
};

/* A source first seen in a slice (df->su keeps them in first-use order). */
struct data_defer_src {
	uint32_t slice, src;   /* the slice; the source's id in c->src.set */
};

/* A query whose where: compares with latest (data_defer.c, data_latest.c). */
struct data_defer {
	/* set up from the query (kept across a chunk context's chunks) */
	int *dcol;               /* the columns compared with latest, ndcol */
	size_t *dlat;            /* each one's entry in c->lat */
	size_t ndcol;
	size_t *cdyn;            /* per condition: its column's index in dcol, or
				    SIZE_MAX for a condition without latest */
	/* the slices */
	struct strset slices;    /* key: the mask (DATA_MASK_BYTES), then each dcol
				    text and a NUL */
	struct data_slice *sl;
	size_t sl_cap;
	struct strset idkeys;    /* key: the mask and each dcol's dictionary id;
				    val: the slice */
	char *key;               /* key being built */
	size_t key_cap;
	char *last;              /* the previous row's idkeys key (rows of one
				    period come together), and its slice or -1 */
	size_t last_cap;
	long last_slice;
	/* the parts: one accumulator per group and slice */
	struct data_imap parts;  /* (group << 32 | slice) + 1 -> part + 1 */
	struct data_acc *pacc;
	uint32_t *pg, *ps;       /* per part: its group and its slice */
	size_t npart, pacc_cap, pgs_cap;
	uint64_t last_part;      /* the previous row's parts key (0: none) */
	size_t last_pidx;        /* and its part */
	/* sources by slice */
	struct data_imap srcs;   /* (slice << 32 | source id) + 1 -> use + 1 */
	struct data_defer_src *su;
	size_t nsu, su_cap;
	/* rows mode: the slice of each kept row */
	size_t *row_slice;
	size_t rs_cap;
};

/* Per-query state while reading. */
struct data_qstate {
	struct query *q;
	struct query_result *res; /* where rows are counted and kept: q->res, or
				     part below in a chunk's context (data_pipe_run()) */
	struct query_result part;
	int *wcol;             /* column of each where: condition */
	int plain;             /* where: is conditions joined by commas, each
				  "column op value" (= != < <= > >=) without a
				  part or latest: row_matches() alone */
	int fast;              /* plain, no latest, no part of a date column to
				  group by, no date as a value (yet): data_rows.c's
				  hot path (data_qstate_fast()) */
	struct data_defer *defer; /* where: uses latest (data_defer.c), or NULL */
	int vdates;            /* the value column gave dates (agg min or max) */
	int gcol[2];           /* group-by columns */
	struct strset rolled[2]; /* group column i cut to a part (year(month)):
				  the parts' ISO texts, by id */
	uint32_t *roll[2];     /* per dictionary id of the column: rolled id + 1 */
	size_t roll_cap[2];
	int vcol;              /* value column, -1 for none */
	int *rcol;             /* rows mode: the kept columns */
	struct strset groups;  /* group keys, first-seen order */
	struct data_acc *acc;  /* parallel to groups.ents */
	size_t acc_cap;
	uint32_t *gmap;        /* one group column: group + 1 per dictionary id */
	size_t gmap_cap;
	struct data_imap pairs;/* two group columns: (id0, id1) + 1 -> group + 1 */
	size_t *src_order;     /* ids (in c->src.set) of its sources, first-seen order */
	size_t nsrc, src_cap;
	unsigned char *src_seen; /* per source id: already in src_order */
	size_t seen_cap;
	size_t rows_cap;       /* rows mode: rows allocated in res.cells/lines */
	/* chunk contexts (see data_pipe_run()), whose groups outlive a chunk: */
	size_t *order;         /* the groups this chunk touched, first-seen order */
	size_t norder, order_cap;
	size_t *g0;            /* per group: its index in the reading thread's
				  context + 1, 0 = not known yet */
	size_t g0_cap;
};

/* The current row's copy of one needed cell. */
struct data_cell {
	size_t off, len;  /* raw cell at base + off (data_row.base) */
	size_t ta, tb;    /* trimmed cell is base[ta..tb) */
	int num;          /* 0 not parsed yet, 1 number, 2 empty, 3 not a number */
	int k;            /* num == 1: the number is m / 10^k exactly, or k = -1 */
	double v;         /* the number when num == 1 */
	int64_t m;
	long id;          /* id in the column's dictionary, -1 not looked up yet */
	unsigned long per_seq; /* the row (data_row.seq) per and p are of: so a
			     stored cell needs no reset (data_where.c) */
	int per;          /* 1 a period (p), 2 empty, 3 not a period */
	struct period p;
};

/* A text of up to 16 bytes as two words, zero-padded, and its length. */
struct data_short {
	uint64_t w0, w1;
	uint32_t len;
	uint32_t id1;     /* in a dictionary slot: id + 1, 0 = empty */
};

/* The distinct values of a group column, so that each row's cell is hashed
 * once however many queries group by it.  Texts of up to 16 bytes (nearly
 * all labels) are found in a table of their words without touching the
 * texts; longer ones through the set. */
struct data_dict {
	struct strset set;       /* trimmed texts by id, first-seen order */
	struct data_short *slots;/* short texts: open addressing */
	size_t nshort, nslots;   /* used; power of two, > 2 * nshort */
	struct data_short last;  /* the previous row's value (id1 0: none) */
};

/* Where the parse is in the file: data_feed.c moves it, data_loc.c reads it
 * when an error needs a line and column.  rb + seg always starts at the
 * beginning of line base_line. */
struct data_loc {
	long line;               /* physical line of the segment being parsed */
	int at_line_start;       /* the next segment starts a physical line */
	int seg_line_start;      /* the current segment started a physical line */
	const char *seg;         /* the segment being parsed */
	size_t seg_len;
	long base_line;          /* line at which rb starts */
	size_t row_skip;         /* rows ended since the start of rb */
	long row_line;           /* line where the current row starts (line at a time) */
	char *rb;                /* bytes from base_line's start to seg */
	size_t rb_len, rb_cap;
	int rb_lost;             /* rb exceeded DATA_ROWBYTES_MAX: columns unknown */
};

/* The fast paths of data_feed.c: lines known clean, and a block of lines
 * parsed whole, whose rows' lines a walker finds afterwards, only when
 * asked (data_row_line()). */
struct data_fast {
	int clean;               /* the lines being fed are ASCII without NULs */
	int block;               /* a whole block is being parsed (seg) */
	size_t w_off;            /* offset in seg of the line the walker is on */
	long w_line;             /* that line's number */
	size_t w_rows;           /* rows that start before w_off */
	size_t split_rows;       /* rows data_split.c split itself (the rest
				    went to libcsv): tests look */
};

/* The header row and the columns the queries read (data_header.c). */
struct data_header {
	int done;                /* the header row has been read */
	char **names;            /* column names, trimmed */
	size_t nnames;           /* names stored so far */
	size_t ncols;            /* columns: nnames once the header row is done */
	size_t names_cap;
	unsigned char *needed;   /* per column: some query reads it */
	int col_source;          /* column "source", -1 */
	int col_illus;           /* column "illustrative", -1 */
	int check;               /* the header row being read is a later part's:
				    compared with names, not kept (data_input.c) */
	const char *from;        /* the part whose header names holds */
};

/* The dialect as a pass applies it to the text (data_dialect.c): what the
 * line feeder, libcsv and the callbacks must know. */
struct data_text {
	char delim;              /* the field delimiter; 0 until detected */
	int detected;            /* it was detected from the header line */
	char comment;            /* lines starting with it are skipped; 0 none */
	int (*parse_num)(const char *s, size_t n, double *v, int64_t *m, int *k);
				 /* a cell's number: num_parse_dec(), or with
				    decimal: , data_num_comma() (one call either
				    way: the plain path costs nothing more) */
	int pad;                 /* ragged: pad */
	long skip;               /* lines every file skips before its header */
	long skip_left;          /* lines this file still skips */
	int in_skip;             /* the rest of a skipped line follows (pieces) */
	int at_header;           /* this file's header line is still to come */
	int lines;               /* one of the above is due, or a comment
				    character: data_feed() looks at line starts */
	int libcsv_only;         /* every line through libcsv, the splitter
				    (data_split.c) unused: data_options */
};

/* The row being parsed (data_rows.c). */
struct data_row {
	size_t nfields;          /* fields delivered so far */
	struct data_cell *cells; /* per column (needed ones filled) */
	char *scratch;           /* cell bytes of the row (libcsv's fields) */
	const char *base;        /* the cells' offsets are into this: scratch,
				    or the block the splitter slices in place */
	const char *base_end;    /* end of the bytes readable at base */
	size_t sc_len, sc_cap;
	char *key;               /* two-column group key being built */
	size_t key_cap;
	long source;             /* its source id; -1 none, -2 not looked up */
	unsigned long seq;       /* data rows seen by this context, never reset
				    (chunk contexts included): 1 for the first */
};

/* The distinct texts of the file's "source" column. */
struct data_sources {
	struct strset set;       /* by id, first-seen order */
	unsigned char *illus;    /* per id: the text says "illustrative" */
	size_t illus_cap;
	long last[2];            /* ids of the last two looked up, -1 */
};

/* The latest value of a column that where: compares with latest: every
 * distinct value of the column (its dictionary ids, data_dict.c) is looked
 * at once, in the order the file first has it, whether or not a row
 * matches (data_defer.c). */
struct data_latest {
	int col;                 /* the column */
	size_t nseen;            /* dictionary ids looked at so far */
	int all_period;          /* every non-empty cell is an ISO period */
	int all_number;          /* every non-empty cell is a number */
	int has_p, has_n;        /* some cell is a period; a number */
	struct period maxp;      /* the latest period (has_p) */
	double maxn;             /* the largest number (has_n) */
};

/* A pass over one file, or over one chunk of it (data_pipe.c). */
struct data_ctx {
	const char *path;        /* CSV path, for diagnostics */
	struct query **qs;       /* the queries */
	size_t nq;
	struct data_qstate *qst; /* one per query */
	struct diag *d;          /* where the first error goes */
	int failed;              /* an error is in d; callbacks do nothing */
	struct csv_parser p;
	struct data_loc loc;     /* where we are */
	struct data_fast fast;
	struct data_header hdr;
	struct data_row row;
	struct data_dict *dicts; /* per column (group columns use theirs) */
	struct data_sources src;
	struct data_latest *lat; /* the columns some where: compares with latest */
	size_t nlat;
	size_t rows_read;        /* data rows so far */
	long long bytes;         /* bytes read from the file */
	int chunk;               /* a chunk's context: groups keep their accumulators
				    zeroed between chunks, touched ones listed in order */
	int redo;                /* an error found here may not be the one-thread
				    error (see data_pipe_run()): on error, read
				    the file again in one thread */
	struct data_text text;   /* the dialect on the text (last: the hot
				    fields above keep their places) */
};

/* A file read in steps of up to DATA_CHUNK bytes (data_read_step()). */
struct data_reader {
	struct data_source *src; /* the file's text (hashed as stored as it is read) */
	char *buf;        /* DATA_CHUNK bytes */
	size_t step;      /* bytes per read, at most DATA_CHUNK (less only before
			     the worker threads start: data.c) */
	size_t have;      /* bytes in buf not fed yet (part of a line) */
	int first;        /* at the start of the file: strip a UTF-8 BOM */
	int done;         /* the end is reached and everything fed */
};

/* The files one pass reads (data_input.c): the dataset's file, or the
 * parts of its folder, in name order. */
struct data_infile {
	char *path;       /* as messages name it: the folder's path and the name */
	long long size;   /* as stored (0 until opened) */
	size_t rows;      /* data rows read from it */
	char sha256[65];  /* of its bytes as stored; "" until read */
};

struct data_input {
	struct data_infile *files;
	size_t n;
	int folder;       /* the path names a folder */
	long long total;  /* the files' sizes together (progress) */
};

static inline int data_is_space(char c)
{
	return c == ' ' || c == '\t';
}

/* What libcsv skips as space before and after an unquoted field and on a
 * blank line: a space, or a tab unless tab is the delimiter. */
static inline int data_is_blank(char c, char delim)
{
	return c == ' ' || (c == '\t' && delim != '\t');
}

/* Longest prefix of s[0..n) that does not end inside a UTF-8 sequence. */
static inline size_t data_utf8_cut(const char *s, size_t n)
{
	for (size_t i = n, k = 0; i > 0 && k < 4; i--, k++) {
		unsigned char b = (unsigned char)s[i - 1];
		size_t need;

		if ((b & 0xc0) == 0x80)
			continue;
		need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
		return need > n - (i - 1) ? i - 1 : n;
	}
	return n;
}

/* Lines of the file must be fed one at a time: a skipped line or the
 * header line is due (see data_feed_lines()). */
static inline int data_text_due(const struct data_text *t)
{
	return t->skip_left > 0 || t->in_skip || t->at_header;
}

/* Narrow s[*a..*b) to exclude surrounding spaces and tabs. */
static inline void data_trim(const char *s, size_t *a, size_t *b)
{
	while (*a < *b && data_is_space(s[*a]))
		(*a)++;
	while (*b > *a && data_is_space(s[*b - 1]))
		(*b)--;
}

/* The trimmed text of column col in the current row. */
static inline const char *data_cell_text(struct data_ctx *c, int col, size_t *len)
{
	struct data_cell *cl = &c->row.cells[col];

	*len = cl->tb - cl->ta;
	return c->row.base + cl->ta;
}

/* Whether s can take data_rows.c's fast path (before any date value). */
static inline int data_qstate_fast(const struct data_qstate *s)
{
	return s->plain && !s->defer && s->q->group_part[0] == PART_WHOLE &&
	       s->q->group_part[1] == PART_WHOLE;
}

/* The number in column col of this row: 1 and *v, 0 for an empty cell, -1
 * for text.  Parsed once per row however many queries ask (inline: the
 * value of every aggregated row). */
static inline int data_cell_number(struct data_ctx *c, int col, double *v)
{
	struct data_cell *cl = &c->row.cells[col];

	if (cl->num == 0) {
		const char *t = c->row.base + cl->ta;

		if (cl->tb == cl->ta)
			cl->num = 2;
		else if (c->text.parse_num == num_parse_dec && c->row.base_end - t >= 16)
			/* the same, faster: 16 bytes can be read at t */
			cl->num = num_parse_dec16(t, cl->tb - cl->ta, &cl->v, &cl->m, &cl->k) == 0 ?
				  1 : 3;
		else /* num_parse_dec(), or the decimal comma's (data_dialect.c) */
			cl->num = c->text.parse_num(t, cl->tb - cl->ta, &cl->v, &cl->m, &cl->k) == 0 ?
				  1 : 3;
	}
	*v = cl->v;
	return cl->num == 1 ? 1 : cl->num == 2 ? 0 : -1;
}

static inline size_t data_imap_slot(const struct data_imap *m, uint64_t key)
{
	uint64_t h = key * 0x9e3779b97f4a7c15ULL;

	return (size_t)(h ^ (h >> 31)) & (m->nslots - 1);
}

/* The value of key, 0 when absent (inline: looked up for every row of a
 * two-column group). */
static inline uint32_t data_imap_get(const struct data_imap *m, uint64_t key)
{
	if (!m->nslots)
		return 0;
	for (size_t j = data_imap_slot(m, key);; j = (j + 1) & (m->nslots - 1)) {
		if (m->keys[j] == key)
			return m->vals[j];
		if (!m->keys[j])
			return 0;
	}
}

/* data_ctx.c: a pass's context */
int data_ctx_init(struct data_ctx *c, const char *path, struct query **qs, size_t nq,
		  struct diag *d);
void data_ctx_free(struct data_ctx *c);
void data_report(const struct data_options *o, const struct data_ctx *c, long long total);

/* data_input.c: the files of a pass */
int data_input_open(struct data_input *in, const char *path, struct query **qs, size_t nq,
		    const struct data_options *o, struct diag *d, struct diag_list *warn);
void data_input_free(struct data_input *in);
void data_input_begin(struct data_ctx *c, const struct data_input *in, size_t k);
void data_input_end(struct data_ctx *c, struct data_input *in, size_t k, long long stored,
		    const char *sha256, size_t rows_before);
void data_input_finish(struct data_ctx *c, const char *path);
int data_input_results(const struct data_input *in, struct query_result *r);
void data_part_header_field(struct data_ctx *c, size_t k, const char *t, size_t len);
void data_part_header_done(struct data_ctx *c);

/* data_open.c */
int data_open(const char *path, struct query **qs, size_t nq, const struct data_options *o,
	      struct diag *d);
char *data_open_dir(const char *path, struct query **qs, size_t nq,
		    const struct data_options *o, struct diag *d);

/* data_source.c: a file's text */
struct data_source *data_source_open(struct data_ctx *c, const char *path, const char *encoding,
				     const struct data_options *o);
ssize_t data_source_read(struct data_ctx *c, struct data_source *s, char *buf, size_t want);
int data_source_end(struct data_ctx *c, struct data_source *s, char hex[65]);
void data_source_check(struct data_ctx *c, struct data_source *s);
long long data_source_size(const struct data_source *s);
long long data_source_stored(const struct data_source *s);
int data_source_gzip(const struct data_source *s);
void data_source_close(struct data_source *s);

/* data_feed.c */
void data_feed(struct data_ctx *c, const char *s, size_t n, int complete);
void data_feed_lines(struct data_ctx *c, const char *s, size_t n);
size_t data_count_byte(const char *s, size_t n, char ch);
void data_read_step(struct data_ctx *c, struct data_reader *rd);
void data_finish_read(struct data_ctx *c);

/* data_split.c: the splitter for simple blocks */
int data_split_usable(const struct data_ctx *c);
size_t data_split_block(struct data_ctx *c, const char *s, size_t n, size_t *lines);

/* data_dialect.c: the dialect on the text */
void data_text_init(struct data_ctx *c, const struct data_dialect *dd);
void data_text_copy(struct data_ctx *c, const struct data_ctx *c0);
void data_text_file_start(struct data_ctx *c);
int data_text_line(struct data_ctx *c, const char *s, size_t n, int complete);
int data_comment_lines(char comment, const char *s, size_t n);
size_t data_comment_cut(const char *s, size_t n, char comment);
int data_num_comma(const char *t, size_t n, double *v, int64_t *m, int *k);
const char *data_delim_name(char delim);

/* data_rows.c */
void data_on_field(void *s, size_t len, void *arg);
void data_on_row(int term, void *arg);

/* data_where.c */
int data_where_match(struct data_ctx *c, const struct data_qstate *s);
int data_where_cond(struct data_ctx *c, const struct data_qstate *s, size_t i);
int data_where_eq(struct data_ctx *c, const struct data_qstate *s, size_t i);
int data_where_mask(struct data_ctx *c, const struct data_qstate *s, uint64_t *mask);
int data_cell_period(struct data_ctx *c, int col, struct period *p);

/* data_defer.c */
int data_defer_setup(struct data_ctx *c, struct data_qstate *s);
void data_defer_free(struct data_defer *df);
void data_defer_reset(struct data_defer *df);
long data_defer_row(struct data_ctx *c, struct data_qstate *s, uint64_t mask);
struct data_acc *data_defer_acc(struct data_ctx *c, struct data_qstate *s, size_t g,
				long slice);
int data_defer_keep(struct data_ctx *c, struct data_qstate *s, long slice);
void data_defer_source(struct data_ctx *c, struct data_qstate *s, long slice, int illus,
		       long id);
int data_defer_merge(struct data_ctx *c0, struct data_qstate *s0, struct data_ctx *c1,
		     struct data_qstate *s1, long off);
int data_defer_exact(const struct data_qstate *s);
int data_numbers_seen(const struct data_qstate *s);

/* data_latest.c */
void data_latest_row(struct data_ctx *c);
int data_latest_merge(struct data_ctx *c0, const struct data_ctx *c1);
int data_defer_finish(struct data_ctx *c, struct data_qstate *s);

/* data_header.c */
void data_header_name(struct data_ctx *c, size_t k, const char *t, size_t len);
void data_header_done(struct data_ctx *c);
void data_setup_columns(struct data_ctx *c);

/* data_dict.c */
long data_col_id(struct data_ctx *c, int col);
long data_roll_id(struct data_ctx *c, struct data_qstate *s, int k, long id);
void data_dict_free(struct data_dict *dd);
int data_imap_put(struct data_imap *m, uint64_t key, uint32_t val);
void data_imap_free(struct data_imap *m);

/* data_loc.c: locations, and the errors reported at them */
void data_oom(struct data_ctx *c);
void data_file_where(const char *path, struct query *const *qs, size_t nq, const char **file,
		     int *line, int *col);
void data_read_error(struct data_ctx *c, int err);
long data_row_line(struct data_ctx *c);
void data_field_error(struct data_ctx *c, size_t field, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void data_byte_error(struct data_ctx *c, size_t off, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void data_spec_error(struct data_ctx *c, const struct query *q, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void data_spec_error_at(struct data_ctx *c, const struct query *q, int line, int col,
			const char *fmt, ...) __attribute__((format(printf, 5, 6)));
int data_quote_len(const char *s, size_t n);
void data_not_number(struct data_ctx *c, int col, const char *what);
void data_not_date(struct data_ctx *c, int col, const char *what);
void data_mixed_values(struct data_ctx *c, int col, int is_date);
void data_negative(struct data_ctx *c, int col, const char *what);
void data_too_large(struct data_ctx *c, int col);

/* data_acc.c */
extern const int64_t data_p10[19];
void data_acc_exact(struct data_acc *a, data_wide m, int k);
void data_acc_merge(struct data_acc *into, const struct data_acc *a);
void data_note_source_id(struct data_ctx *c, struct data_qstate *s, long id);

/* data_result.c */
int data_finish_query(struct data_ctx *c, struct data_qstate *s);

/* data_pipe.c */
int data_pipe_run(struct data_ctx *c0, struct data_reader *rd, size_t workers, size_t cap,
		  const struct data_options *o, long long size, int *merged);
int data_all_exact(const struct data_ctx *c);

#endif
