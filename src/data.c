/* data — CSV files read with libcsv, streaming, and queries answered on them
 * (include/data.h). */
#include "data.h"

#include <csv.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "grow.h"
#include "num.h"
#include "sha256.h"
#include "strset.h"
#include "utf8.h"

static int data_is_space(char c)
{
	return c == ' ' || c == '\t';
}

/* Narrow s[*a..*b) to exclude surrounding spaces and tabs. */
static void data_trim(const char *s, size_t *a, size_t *b)
{
	while (*a < *b && data_is_space(s[*a]))
		(*a)++;
	while (*b > *a && data_is_space(s[*b - 1]))
		(*b)--;
}

/* memcpy(d, s, n) for short cells, in eight-byte steps; d must have room for
 * n rounded up to a multiple of 8 (s is read only within its n bytes). */
static void data_copy(char *d, const char *s, size_t n)
{
	uint64_t x;

	if (n > 64) {
		memcpy(d, s, n);
		return;
	}
	for (; n >= 8; d += 8, s += 8, n -= 8) {
		memcpy(&x, s, 8);
		memcpy(d, &x, 8);
	}
	for (; n; n--)
		*d++ = *s++;
}

static void data_free_strv(char **v, size_t n)
{
	if (!v)
		return;
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* Grow *v (elements of size sz) so that it holds at least need; -1 on OOM. */
static int data_reserve(void *v, size_t *cap, size_t need, size_t sz)
{
	return grow_array(v, cap, need, sz);
}

/* data_reserve() for an array whose new elements must read as 0. */
static int data_reserve_zero(void *v, size_t *cap, size_t need, size_t sz)
{
	size_t old = *cap;

	if (data_reserve(v, cap, need, sz) < 0)
		return -1;
	memset(*(char **)v + old * sz, 0, (*cap - old) * sz);
	return 0;
}

/* ---------------------------------------------------------------------------
 * An integer map: nonzero 64-bit keys to 32-bit values, open addressing.
 * Two-column groups use it keyed by the two column dictionary ids.
 */

struct data_imap {
	uint64_t *keys;  /* 0 = empty slot */
	uint32_t *vals;
	size_t n, nslots; /* used slots; power of two, > 2 * n */
};

static size_t data_imap_slot(const struct data_imap *m, uint64_t key)
{
	uint64_t h = key * 0x9e3779b97f4a7c15ULL;

	return (size_t)(h ^ (h >> 31)) & (m->nslots - 1);
}

/* The value of key, 0 when absent. */
static uint32_t data_imap_get(const struct data_imap *m, uint64_t key)
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

/* Add key (absent) with value val; -1 on OOM. */
static int data_imap_put(struct data_imap *m, uint64_t key, uint32_t val)
{
	size_t j;

	if ((m->n + 1) * 2 > m->nslots) {
		struct data_imap g = { 0 };

		g.nslots = m->nslots ? 2 * m->nslots : 64;
		g.keys = calloc(g.nslots, sizeof *g.keys);
		g.vals = calloc(g.nslots, sizeof *g.vals);
		if (!g.keys || !g.vals) {
			free(g.keys);
			free(g.vals);
			return -1;
		}
		for (size_t i = 0; i < m->nslots; i++) {
			if (!m->keys[i])
				continue;
			for (j = data_imap_slot(&g, m->keys[i]); g.keys[j]; j = (j + 1) & (g.nslots - 1))
				;
			g.keys[j] = m->keys[i];
			g.vals[j] = m->vals[i];
		}
		g.n = m->n;
		free(m->keys);
		free(m->vals);
		*m = g;
	}
	for (j = data_imap_slot(m, key); m->keys[j]; j = (j + 1) & (m->nslots - 1))
		;
	m->keys[j] = key;
	m->vals[j] = val;
	m->n++;
	return 0;
}

static void data_imap_free(struct data_imap *m)
{
	free(m->keys);
	free(m->vals);
	memset(m, 0, sizeof *m);
}

/* ---------------------------------------------------------------------------
 * Reading state.
 */

#define DATA_CHUNK (256 * 1024)        /* read() buffer (the issue asks >= 64 KiB) */
#define DATA_CELL_MAX (1024 * 1024)    /* largest cell accepted */
#define DATA_ROWBYTES_MAX (64u << 20)  /* row bytes kept for error columns */

/* Exact sums: a wide integer (128 bits where the compiler has them). */
#ifdef __SIZEOF_INT128__
__extension__ typedef __int128 data_wide;
__extension__ typedef unsigned __int128 data_uwide;
#else
typedef int64_t data_wide;
typedef uint64_t data_uwide;
#endif

/* Powers of ten as integers, 10^0 .. 10^18. */
static const int64_t data_p10[19] = {
	1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000,
	10000000000, 100000000000, 1000000000000, 10000000000000, 100000000000000,
	1000000000000000, 10000000000000000, 100000000000000000, 1000000000000000000
};

/* One group being accumulated.  Sums are kept exactly while every value is a
 * short decimal (num_parse_dec()): isum / 10^iscale, so the sum does not
 * depend on the order of the rows; else in double arithmetic. */
struct data_acc {
	data_wide isum;  /* exact sum of the values, in units of 10^-iscale */
	int iscale;      /* 0..18 */
	int inexact;     /* some value (or the sum) is not exact: use sum */
	double sum;      /* sum of the values in double arithmetic */
	double min, max; /* extremes of the values (valid when count > 0) */
	size_t count;    /* values seen (non-empty cells) */
	size_t rows;     /* rows matched */
	long line;       /* line of the first row */
};

/* Per-query state while reading. */
struct data_qstate {
	struct query *q;
	struct query_result *res; /* where rows are counted and kept: q->res, or
				     part below in a chunk's context (data_pipe_run()) */
	struct query_result part;
	int *wcol;             /* column of each where: condition */
	size_t *wlen;          /* strlen of each condition's text */
	int gcol[2];           /* group-by columns */
	int vcol;              /* value column, -1 for none */
	int *rcol;             /* rows mode: the kept columns */
	struct strset groups;/* group keys, first-seen order */
	struct data_acc *acc;  /* parallel to groups.ents */
	size_t acc_cap;
	uint32_t *gmap;        /* one group column: group + 1 per dictionary id */
	size_t gmap_cap;
	struct data_imap pairs;/* two group columns: (id0, id1) + 1 -> group + 1 */
	size_t *src_order;     /* ids (in c->sources) of its sources, first-seen order */
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
	size_t off, len;  /* raw cell at scratch + off */
	size_t ta, tb;    /* trimmed cell is scratch[ta..tb) */
	int num;          /* 0 not parsed yet, 1 number, 2 empty, 3 not a number */
	int k;            /* num == 1: the number is m / 10^k exactly, or k = -1 */
	double v;         /* the number when num == 1 */
	int64_t m;
	long id;          /* id in the column's dictionary, -1 not looked up yet */
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
	struct strset set;     /* trimmed texts by id, first-seen order */
	struct data_short *slots;/* short texts: open addressing */
	size_t nshort, nslots;   /* used; power of two, > 2 * nshort */
	struct data_short last;  /* the previous row's value (id1 0: none) */
};

struct data_ctx {
	const char *path;        /* CSV path, for diagnostics */
	struct query **qs;       /* the queries */
	size_t nq;
	struct data_qstate *qst; /* one per query */
	struct diag *d;          /* where the first error goes */
	int failed;              /* an error is in d; callbacks do nothing */
	struct csv_parser p;

	/* where we are: see data_feed() */
	long line;               /* physical line of the segment being parsed */
	int at_line_start;       /* the next segment starts a physical line */
	int seg_line_start;      /* the current segment started a physical line */
	const char *seg;         /* the segment being parsed */
	size_t seg_len;
	long base_line;          /* line at which rb starts */
	size_t row_skip;         /* rows ended since the start of rb */
	long row_line;           /* line where the current row starts */
	char *rb;                /* bytes from base_line's start to seg */
	size_t rb_len, rb_cap;
	int rb_lost;             /* rb exceeded DATA_ROWBYTES_MAX: columns unknown */

	/* the current row */
	size_t nfields;          /* fields delivered so far */
	int have_header;         /* the header row has been read */
	char **header;           /* column names */
	size_t nnames;           /* names stored in header so far */
	size_t nheader, header_cap;
	unsigned char *needed;   /* per column: some query reads it */
	struct data_cell *cells; /* per column (needed ones filled) */
	struct data_dict *dicts; /* per column (group columns use theirs) */
	char *scratch;           /* cell bytes of the current row */
	size_t sc_len, sc_cap;
	char *key;               /* group key being built */
	size_t key_cap;
	int col_source;          /* column "source", -1 */
	struct strset sources; /* distinct sources of the whole file */
	unsigned char *src_illus;/* per source id: its text says "illustrative" */
	size_t illus_cap;
	long row_source;         /* source id of this row; -1 none, -2 not looked up */
	long last_source[2];     /* source ids of the last two lookups, -1 */
	int buf_clean;           /* the lines being fed are ASCII without NULs */
	int fast;                /* a whole block is being parsed: see data_feed_block() */
	size_t w_off;            /* fast: offset in seg of the line the walker is on */
	long w_line;             /* fast: that line's number */
	size_t w_rows;           /* fast: rows that start before w_off */
	int col_illus;           /* column "illustrative", -1 */
	size_t rows_read;        /* data rows so far */
	long long bytes;         /* bytes read from the file */
	int chunk;               /* a chunk's context: groups keep their accumulators
				    zeroed between chunks, touched ones listed in order */
	int redo;                /* an error found here may not be the one-thread
				    error (see data_pipe_run()): on error, read
				    the file again in one thread */
};

static void data_oom(struct data_ctx *c)
{
	if (!c->failed)
		diag_error(c->d, EXIT_SOFTWARE, c->path, 0, 0, "out of memory");
	c->failed = 1;
}

/* Where an error about the file itself goes: the data: line of the first
 * query (column 1), else the file. */
static void data_file_where(const char *path, struct query *const *qs, size_t nq,
			    const char **file, int *line, int *col)
{
	const struct query *q0 = nq ? qs[0] : NULL;

	*file = q0 && q0->spec_file ? q0->spec_file : path;
	*line = q0 && q0->spec_file ? q0->spec_line : 0;
	*col = *line ? 1 : 0;
}

/* A read() of the file failed (EIO on a bad disk, ...): an I/O error at
 * the data: line, so that the user knows which block's file it was. */
static void data_read_error(struct data_ctx *c, int err)
{
	const char *file;
	int line, col;

	data_file_where(c->path, c->qs, c->nq, &file, &line, &col);
	diag_error(c->d, EXIT_IOERR, file, line, col, "cannot read %s: %s", c->path,
		   strerror(err));
	c->failed = 1;
}

/* ---------------------------------------------------------------------------
 * Locations.  libcsv's callbacks carry no position.  Blocks of lines where
 * rows and lines coincide (no newline inside quotes, CR only in CRLF, valid
 * UTF-8 without NULs) go to libcsv whole: a row is a non-blank line there, and
 * data_row_line() counts them when asked.  Other lines go one physical line
 * at a time (data_feed()), and rb keeps the bytes of the lines of a row that
 * spans lines (or of a line split across reads).  Either way rb + seg starts
 * at the beginning of line base_line, and an error finds a field's position
 * by rescanning those bytes, honouring quotes, only when it happens.
 */

/* Whether s[0..n) holds only spaces, tabs and CRs (a line libcsv skips; in
 * a block a CR comes only before the line's '\n'). */
static int data_blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!data_is_space(s[i]) && s[i] != '\r')
			return 0;
	return 1;
}

/* Line where the current row starts.  Known directly when libcsv is fed a
 * line at a time; in a block (see data_scan(): every non-blank line is one
 * row) a walker finds the row_skip-th non-blank line, moving forward only,
 * so a block costs at most one extra pass and only when lines are asked. */
static long data_row_line(struct data_ctx *c)
{
	while (c->fast && c->w_off < c->seg_len) {
		const char *ls = c->seg + c->w_off;
		const char *e = memchr(ls, '\n', c->seg_len - c->w_off);
		size_t len = e ? (size_t)(e - ls) : c->seg_len - c->w_off;

		if (!data_blank(ls, len)) {
			if (c->w_rows == c->row_skip)
				return c->w_line;
			c->w_rows++;
		}
		c->w_off += len + 1;
		c->w_line++;
	}
	return c->fast ? c->w_line : c->row_line;
}

/* rb + seg as one buffer: *tmp is set when it had to be allocated. */
static const char *data_row_bytes(struct data_ctx *c, size_t *n, char **tmp)
{
	*tmp = NULL;
	if (c->rb_len == 0) {
		*n = c->seg_len;
		return c->seg ? c->seg : "";
	}
	if (c->seg_len == 0) {
		*n = c->rb_len;
		return c->rb;
	}
	*tmp = malloc(c->rb_len + c->seg_len);
	if (!*tmp) {
		*n = c->rb_len;
		return c->rb;
	}
	memcpy(*tmp, c->rb, c->rb_len);
	memcpy(*tmp + c->rb_len, c->seg, c->seg_len);
	*n = c->rb_len + c->seg_len;
	return *tmp;
}

/* Advance over a row terminator at b[*pos] ('\r', '\n' or "\r\n"). */
static void data_skip_newline(const char *b, size_t n, size_t *pos, long *line, size_t *ls)
{
	if (b[*pos] == '\r' && *pos + 1 < n && b[*pos + 1] == '\n')
		(*pos)++;
	if (b[*pos] == '\n') {
		(*line)++;
		*ls = *pos + 1;
	}
	(*pos)++;
}

/* Skip what libcsv skips before a row: spaces, tabs and line ends. */
static void data_skip_blank(const char *b, size_t n, size_t *pos, long *line, size_t *ls)
{
	while (*pos < n && (data_is_space(b[*pos]) || b[*pos] == '\r' || b[*pos] == '\n')) {
		if (data_is_space(b[*pos]))
			(*pos)++;
		else
			data_skip_newline(b, n, pos, line, ls);
	}
}

/* Skip a quoted field starting at b[pos] == '"'; returns the position of
 * its closing quote (or n), counting the lines inside. */
static size_t data_skip_quoted(const char *b, size_t n, size_t pos, long *line, size_t *ls)
{
	for (pos++; pos < n; pos++) {
		if (b[pos] == '"' && pos + 1 < n && b[pos + 1] == '"')
			pos++;
		else if (b[pos] == '"')
			break;
		else if (b[pos] == '\n')
			(*line)++, *ls = pos + 1;
	}
	return pos;
}

/* Line and 1-based character column where field `field` (0-based) of the
 * current row starts: its first non-blank byte, the opening quote for a
 * quoted field.  Scans rb + seg as libcsv does: skips blank lines and the
 * row_skip rows that ended earlier in these bytes.  col 0 when the bytes
 * were not kept. */
static void data_field_pos(struct data_ctx *c, size_t field, long *line, int *col)
{
	size_t n, pos = 0, ls = 0, k = 0, skip = c->row_skip;
	char *tmp;
	const char *b;
	long ln = c->base_line;

	if (c->rb_lost) {
		*line = data_row_line(c);
		*col = 0;
		return;
	}
	b = data_row_bytes(c, &n, &tmp);
	data_skip_blank(b, n, &pos, &ln, &ls);
	for (;;) {
		while (pos < n && data_is_space(b[pos]))
			pos++;
		if ((skip == 0 && k == field) || pos >= n)
			break;
		if (b[pos] == '"')
			pos = data_skip_quoted(b, n, pos, &ln, &ls);
		while (pos < n && b[pos] != ',' && b[pos] != '\r' && b[pos] != '\n')
			pos++;
		if (pos >= n)
			break;
		if (b[pos] == ',') {
			k++;
			pos++;
			continue;
		}
		if (skip == 0)
			break; /* the row has fewer fields: point at its end */
		skip--;
		k = 0;
		data_skip_newline(b, n, &pos, &ln, &ls);
		data_skip_blank(b, n, &pos, &ln, &ls);
	}
	*line = ln;
	*col = (int)utf8_count(b + ls, pos - ls) + 1;
	free(tmp);
}

/* Line and column of byte `off` of the current segment. */
static void data_byte_pos(struct data_ctx *c, size_t off, long *line, int *col)
{
	size_t chars = utf8_count(c->seg, off);

	*line = c->line;
	if (c->fast) { /* a block of lines: count them */
		const char *ls = c->seg;

		for (const char *p = c->seg; p < c->seg + off; p++)
			if (*p == '\n')
				(*line)++, ls = p + 1;
		*col = (int)utf8_count(ls, (size_t)(c->seg + off - ls)) + 1;
		return;
	}
	if (!c->seg_line_start) {
		const char *nl;

		if (c->rb_lost) {
			*col = 0;
			return;
		}
		nl = memrchr(c->rb, '\n', c->rb_len);
		nl = nl ? nl + 1 : c->rb;
		chars += utf8_count(nl, (size_t)(c->rb + c->rb_len - nl));
	}
	*col = (int)chars + 1;
}

/* Report the error fmt at line:col of the file and stop the pass: what
 * data_field_error() and data_byte_error() share. */
static void data_verror(struct data_ctx *c, long line, int col, const char *fmt, va_list ap)
{
	char msg[sizeof c->d->msg];

	vsnprintf(msg, sizeof msg, fmt, ap);
	diag_error(c->d, EXIT_DATAERR, c->path, (int)line, col, "%s", msg);
	c->failed = 1;
}

/* Report an error about field `field` of the current row (unless the pass
 * has already failed: the first error stands). */
static void data_field_error(struct data_ctx *c, size_t field, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void data_field_error(struct data_ctx *c, size_t field, const char *fmt, ...)
{
	long line;
	int col;
	va_list ap;

	if (c->failed)
		return;
	data_field_pos(c, field, &line, &col);
	va_start(ap, fmt);
	data_verror(c, line, col, fmt, ap);
	va_end(ap);
}

/* Length of cell text to quote in a message: at most ~100 bytes, cut on a
 * UTF-8 boundary, so the rest of the message survives. */
static int data_quote_len(const char *s, size_t n)
{
	if (n <= 100)
		return (int)n;
	n = 100;
	while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
		n--;
	return (int)n;
}

/* ---------------------------------------------------------------------------
 * Cells of the current row.
 */

/* The trimmed text of column col in the current row. */
static const char *data_cell_text(struct data_ctx *c, int col, size_t *len)
{
	struct data_cell *cl = &c->cells[col];

	*len = cl->tb - cl->ta;
	return c->scratch + cl->ta;
}

/* The number in column col: 1 and *v, 0 for an empty cell, -1 for text.
 * Parsed once per row however many queries ask. */
static int data_cell_number(struct data_ctx *c, int col, double *v)
{
	struct data_cell *cl = &c->cells[col];

	if (cl->num == 0) {
		const char *t = c->scratch + cl->ta;

		if (cl->tb == cl->ta)
			cl->num = 2;
		else
			cl->num = num_parse_dec(t, cl->tb - cl->ta, &cl->v, &cl->m, &cl->k) == 0 ?
				  1 : 3;
	}
	*v = cl->v;
	return cl->num == 1 ? 1 : cl->num == 2 ? 0 : -1;
}

/* Error: column col of this row holds text where a number is needed. */
static void data_not_number(struct data_ctx *c, int col, const char *what)
{
	size_t len;
	const char *s = data_cell_text(c, col, &len);
	int ql = data_quote_len(s, len);

	data_field_error(c, (size_t)col, "\"%.*s%s\" is not a number (column %s%s)", ql, s,
			 (size_t)ql < len ? "..." : "", c->header[col], what);
}

/* Error: column col of this row holds a negative number where the query
 * allows none (the slices of a pie or donut chart). */
static void data_negative(struct data_ctx *c, int col, const char *what)
{
	size_t len;
	const char *s = data_cell_text(c, col, &len);
	int ql = data_quote_len(s, len);

	data_field_error(c, (size_t)col, "negative value %.*s%s in a %s (column %s)", ql, s,
			 (size_t)ql < len ? "..." : "", what, c->header[col]);
}

/* Error: the number in column col of this row makes its group's sum
 * overflow a double (1e308 + 1e308): "inf" would reach the text. */
static void data_too_large(struct data_ctx *c, int col)
{
	size_t len;
	const char *s = data_cell_text(c, col, &len);
	int ql = data_quote_len(s, len);

	c->redo = 1; /* the sum of a chunk alone is not the sum so far */
	data_field_error(c, (size_t)col, "\"%.*s%s\" makes the sum of column %s too large "
			 "(over 1.8e308)", ql, s, (size_t)ql < len ? "..." : "", c->header[col]);
}

/* ---------------------------------------------------------------------------
 * Header.
 */

static int data_column(const struct data_ctx *c, const char *name)
{
	for (size_t i = 0; name && i < c->nheader; i++)
		if (strcmp(c->header[i], name) == 0)
			return (int)i;
	return -1;
}

/* An error about query q itself, at its spec location (column 1). */
static void data_spec_error(struct data_ctx *c, const struct query *q, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void data_spec_error(struct data_ctx *c, const struct query *q, const char *fmt, ...)
{
	char msg[sizeof c->d->msg];
	va_list ap;

	if (c->failed)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (q->spec_file)
		diag_error(c->d, EXIT_DATAERR, q->spec_file, q->spec_line, 1, "%s", msg);
	else
		diag_error(c->d, EXIT_DATAERR, c->path, 0, 0, "%s", msg);
	c->failed = 1;
}

#define DATA_NAME_NEAR 64 /* longest names data_name_distance() compares */

/* Edit distance (insertions, deletions, substitutions of bytes) between a
 * and b, both at most DATA_NAME_NEAR bytes, ASCII letters compared without
 * case; any answer >= limit once no cell of a row is below it (so that
 * 100,000 unrelated names cost a few rows each). */
static size_t data_name_distance(const char *a, size_t la, const char *b, size_t lb,
				 size_t limit)
{
	size_t row[2][DATA_NAME_NEAR + 1];

	for (size_t j = 0; j <= lb; j++)
		row[0][j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t *prev = row[(i - 1) & 1], *cur = row[i & 1], low;

		low = cur[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t sub = prev[j - 1] + (strncasecmp(a + i - 1, b + j - 1, 1) != 0);
			size_t del = prev[j] + 1, ins = cur[j - 1] + 1;

			cur[j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
			if (cur[j] < low)
				low = cur[j];
		}
		if (low >= limit)
			return limit;
	}
	return row[la & 1][lb];
}

/* Error: name is not a column of the file.  The message quotes at most one
 * column name, the closest to name (up to two edits, one for short names;
 * else the first column whose name starts with it), and never the header
 * line: a data: path may name a file that is not CSV, whose first line is
 * not the spec's to print. */
static void data_unknown_column(struct data_ctx *c, const struct query *q, const char *name)
{
	size_t ln = strlen(name), best = (size_t)-1, bestd = ln <= 4 ? 2 : 3;

	for (size_t i = 0; ln <= DATA_NAME_NEAR && i < c->nheader; i++) {
		size_t lh = strlen(c->header[i]), dist;

		if (lh > DATA_NAME_NEAR || (lh > ln ? lh - ln : ln - lh) >= bestd)
			continue;
		dist = data_name_distance(name, ln, c->header[i], lh, bestd);
		if (dist < bestd) {
			bestd = dist;
			best = i;
		}
	}
	for (size_t i = 0; best == (size_t)-1 && ln >= 3 && i < c->nheader; i++)
		if (strncasecmp(c->header[i], name, ln) == 0 &&
		    strlen(c->header[i]) <= DATA_NAME_NEAR)
			best = i; /* "valu" for value_usd_m */
	if (best != (size_t)-1)
		data_spec_error(c, q, "unknown column \"%s\" in %s (did you mean \"%s\"?)", name,
				c->path, c->header[best]);
	else
		data_spec_error(c, q, "unknown column \"%s\" in %s (none of its %zu column%s is "
				"named so)", name, c->path, c->nheader, c->nheader == 1 ? "" : "s");
}

/* Resolve a column name of query q to an index and mark it needed. */
static int data_need(struct data_ctx *c, const struct query *q, const char *name)
{
	int col = data_column(c, name);

	if (col < 0) {
		data_unknown_column(c, q, name);
		return -1;
	}
	c->needed[col] = 1;
	return col;
}

/* Resolve every column a query names; -1 (and d filled) on the first unknown. */
static int data_resolve(struct data_ctx *c, struct data_qstate *s)
{
	struct query *q = s->q;

	s->wcol = calloc(q->nwhere + 1, sizeof *s->wcol);
	s->wlen = calloc(q->nwhere + 1, sizeof *s->wlen);
	s->rcol = calloc(q->ncolumns + 1, sizeof *s->rcol);
	if (!s->wcol || !s->wlen || !s->rcol) {
		data_oom(c);
		return -1;
	}
	for (size_t i = 0; i < q->nwhere; i++) {
		if ((s->wcol[i] = data_need(c, q, q->where[i].column)) < 0)
			return -1;
		s->wlen[i] = strlen(q->where[i].text);
	}
	if (q->mode == QUERY_ROWS) {
		for (size_t i = 0; i < q->ncolumns; i++)
			if ((s->rcol[i] = data_need(c, q, q->columns[i])) < 0)
				return -1;
		return 0;
	}
	if (q->ngroup > 2) {
		data_spec_error(c, q, "at most two group columns");
		return -1;
	}
	for (size_t i = 0; i < q->ngroup; i++)
		if ((s->gcol[i] = data_need(c, q, q->group[i])) < 0)
			return -1;
	s->vcol = -1;
	if (q->value && (s->vcol = data_need(c, q, q->value)) < 0)
		return -1;
	if (s->vcol < 0 && q->agg != AGG_COUNT) {
		data_spec_error(c, q, "this aggregate needs a value column");
		return -1;
	}
	return 0;
}

static void data_setup_columns(struct data_ctx *c);

/* The header row is complete: check names (through a string set, so that
 * a header of 100,000 names costs as many lookups, not a comparison of every
 * pair), resolve every query. */
static void data_header_done(struct data_ctx *c)
{
	struct strset names = { 0 };
	int added;

	c->nheader = c->nnames;
	for (size_t j = 0; j < c->nheader; j++) {
		long i = strset_add(&names, c->header[j], strlen(c->header[j]), &added);

		if (i < 0) {
			strset_free(&names);
			data_oom(c);
			return;
		}
		if (!added) {
			data_field_error(c, j, "duplicate column name \"%s\" (also column %ld)",
					 c->header[j], i + 1);
			strset_free(&names);
			return;
		}
	}
	strset_free(&names);
	data_setup_columns(c);
}

/* With the header known: per-column state, the columns every query names
 * (marked needed), then reading rows can start. */
static void data_setup_columns(struct data_ctx *c)
{
	c->needed = calloc(c->nheader + 1, 1);
	c->cells = calloc(c->nheader + 1, sizeof *c->cells);
	c->dicts = calloc(c->nheader + 1, sizeof *c->dicts);
	if (!c->needed || !c->cells || !c->dicts) {
		data_oom(c);
		return;
	}
	c->col_source = data_column(c, "source");
	c->col_illus = data_column(c, "illustrative");
	if (c->col_source >= 0)
		c->needed[c->col_source] = 1;
	if (c->col_illus >= 0)
		c->needed[c->col_illus] = 1;
	for (size_t i = 0; i < c->nq; i++)
		if (data_resolve(c, &c->qst[i]) < 0)
			return;
	c->have_header = 1;
}

/* ---------------------------------------------------------------------------
 * Rows.
 */

/* Does the current row pass q's where:?  1 yes, 0 no, -1 error.  An empty
 * cell fails an ordered condition; a non-empty non-number is an error. */
static int data_match(struct data_ctx *c, const struct data_qstate *s)
{
	const struct query *q = s->q;

	for (size_t i = 0; i < q->nwhere; i++) {
		const struct cond *w = &q->where[i];
		int col = s->wcol[i], r, ok;
		double v;

		if (w->op == COND_EQ || w->op == COND_NE) {
			if (w->is_number && data_cell_number(c, col, &v) == 1) {
				ok = v == w->number;
			} else {
				size_t len;
				const char *t = data_cell_text(c, col, &len);

				ok = len == s->wlen[i] && strset_bytes_eq(t, w->text, len);
			}
			if (w->op == COND_NE)
				ok = !ok;
		} else {
			r = data_cell_number(c, col, &v);
			if (r < 0) {
				data_not_number(c, col, ", in where:");
				return -1;
			}
			if (r == 0)
				return 0; /* an empty cell has no value to compare */
			ok = w->op == COND_LT ? v < w->number : w->op == COND_LE ? v <= w->number :
			     w->op == COND_GT ? v > w->number : v >= w->number;
		}
		if (!ok)
			return 0;
	}
	return 1;
}

static int data_casecontains(const char *s, size_t n, const char *word)
{
	size_t wl = strlen(word);

	for (size_t i = 0; i + wl <= n; i++)
		if (strncasecmp(s + i, word, wl) == 0)
			return 1;
	return 0;
}

/* Source id of the current row (looked up once per row, whatever the number
 * of queries, and not hashed when it is one of the last two seen); -1 when the
 * file has no source column or the cell is empty, -2 on OOM. */
static long data_row_source(struct data_ctx *c)
{
	const struct strset_ent *e;
	const char *t;
	size_t len;
	int added;
	long i;

	if (c->row_source != -2 || c->col_source < 0)
		return c->col_source < 0 ? -1 : c->row_source;
	t = data_cell_text(c, c->col_source, &len);
	if (len == 0)
		return c->row_source = -1;
	for (int j = 0; j < 2 && c->last_source[j] >= 0; j++) {
		e = &c->sources.ents[c->last_source[j]];
		if (e->len == len && strset_bytes_eq(e->key, t, len))
			return c->row_source = c->last_source[j];
	}
	i = strset_add(&c->sources, t, len, &added);
	if (i < 0 || data_reserve(&c->src_illus, &c->illus_cap, (size_t)i + 1, 1) < 0) {
		data_oom(c);
		return -2;
	}
	if (added)
		c->src_illus[i] = (unsigned char)data_casecontains(t, len, "illustrative");
	c->last_source[1] = c->last_source[0];
	return c->row_source = c->last_source[0] = i;
}

static void data_note_source_id(struct data_ctx *c, struct data_qstate *s, long id);

/* Note the source and the illustrative mark of a matching row. */
static void data_note_source(struct data_ctx *c, struct data_qstate *s)
{
	struct query_result *r = s->res;
	size_t len;
	const char *t;
	long id;

	if (c->col_illus >= 0 && !r->illustrative) {
		t = data_cell_text(c, c->col_illus, &len);
		if ((len == 3 && strncasecmp(t, "yes", 3) == 0) ||
		    (len == 4 && strncasecmp(t, "true", 4) == 0) || (len == 1 && t[0] == '1'))
			r->illustrative = 1;
	}
	if ((id = data_row_source(c)) >= 0)
		data_note_source_id(c, s, id);
}

/* Note source id (in c->sources) as one of s's sources. */
static void data_note_source_id(struct data_ctx *c, struct data_qstate *s, long id)
{
	struct query_result *r = s->res;

	if ((size_t)id < s->seen_cap && s->src_seen[id])
		return;
	if (data_reserve_zero(&s->src_seen, &s->seen_cap, (size_t)id + 1, 1) < 0 ||
	    data_reserve(&s->src_order, &s->src_cap, s->nsrc + 1, sizeof *s->src_order) < 0) {
		data_oom(c);
		return;
	}
	s->src_seen[id] = 1;
	s->src_order[s->nsrc++] = (size_t)id;
	if (c->src_illus[id])
		r->illustrative = 1;
}

/* Rows mode: keep copies of the query's columns of this row. */
static void data_keep_row(struct data_ctx *c, struct data_qstate *s)
{
	struct query *q = s->q;
	struct query_result *r = s->res;
	size_t nc = q->ncolumns, cap = s->rows_cap;

	if (data_reserve(&r->lines, &cap, r->nrows + 1, sizeof *r->lines) < 0) {
		data_oom(c);
		return;
	}
	if (cap != s->rows_cap) {
		char **cells = realloc(r->cells, (cap * nc + 1) * sizeof *cells);

		if (!cells) {
			data_oom(c);
			return;
		}
		r->cells = cells;
		s->rows_cap = cap;
	}
	for (size_t j = 0; j < nc; j++) {
		const struct data_cell *cl = &c->cells[s->rcol[j]];
		char *v = strndup(c->scratch + cl->off, cl->len);

		if (!v) {
			for (size_t k = 0; k < j; k++)
				free(r->cells[r->nrows * nc + k]);
			data_oom(c);
			return;
		}
		r->cells[r->nrows * nc + j] = v;
	}
	r->lines[r->nrows++] = data_row_line(c);
}

/* The words of a short text s[0..len), len <= 16, of a row's scratch
 * buffer: 16 bytes can be read at s (data_store_cell() leaves room), and the
 * bytes past len are masked off, without a branch on the length. */
static inline void data_short_of(const char *s, size_t len, struct data_short *w)
{
	static const uint64_t mask[17][2] = {
#define DATA_M(n) ((n) >= 8 ? ~0ULL : (1ULL << (8 * (n))) - 1)
#define DATA_MM(n) { DATA_M(n), (n) <= 8 ? 0 : DATA_M((n) - 8) }
		DATA_MM(0), DATA_MM(1), DATA_MM(2), DATA_MM(3), DATA_MM(4), DATA_MM(5),
		DATA_MM(6), DATA_MM(7), DATA_MM(8), DATA_MM(9), DATA_MM(10), DATA_MM(11),
		DATA_MM(12), DATA_MM(13), DATA_MM(14), DATA_MM(15), DATA_MM(16)
#undef DATA_MM
#undef DATA_M
	};

	memcpy(&w->w0, s, 8);
	memcpy(&w->w1, s + 8, 8);
	w->w0 &= mask[len][0];
	w->w1 &= mask[len][1];
	w->len = (uint32_t)len;
}

static inline size_t data_short_slot(const struct data_short *w, size_t nslots)
{
	uint64_t h = (w->w0 ^ (w->w1 * 0x9e3779b97f4a7c15ULL) ^ w->len) * 0xff51afd7ed558ccdULL;

	return (size_t)(h ^ (h >> 29)) & (nslots - 1);
}

static inline int data_short_eq(const struct data_short *a, const struct data_short *b)
{
	return a->w0 == b->w0 && a->w1 == b->w1 && a->len == b->len;
}

/* Put w (with its id1) into the short table, growing it; -1 on OOM. */
static int data_dict_put_short(struct data_dict *dd, const struct data_short *w)
{
	size_t j;

	if ((dd->nshort + 1) * 2 > dd->nslots) {
		size_t ns = dd->nslots ? 2 * dd->nslots : 64;
		struct data_short *t = calloc(ns, sizeof *t);

		if (!t)
			return -1;
		for (size_t i = 0; i < dd->nslots; i++) {
			if (!dd->slots[i].id1)
				continue;
			for (j = data_short_slot(&dd->slots[i], ns); t[j].id1; j = (j + 1) & (ns - 1))
				;
			t[j] = dd->slots[i];
		}
		free(dd->slots);
		dd->slots = t;
		dd->nslots = ns;
	}
	for (j = data_short_slot(w, dd->nslots); dd->slots[j].id1; j = (j + 1) & (dd->nslots - 1))
		;
	dd->slots[j] = *w;
	dd->nshort++;
	return 0;
}

static void data_dict_free(struct data_dict *dd)
{
	strset_free(&dd->set);
	free(dd->slots);
	memset(dd, 0, sizeof *dd);
}

/* A value not in the short table: through the set (adding it), then into
 * the table when short.  -1 on OOM. */
static __attribute__((noinline)) long data_dict_add(struct data_dict *dd, const char *t,
						    size_t len, struct data_short *w)
{
	int added;
	long id = strset_add(&dd->set, t, len, &added);

	if (id < 0)
		return -1;
	if (len <= 16) {
		w->id1 = (uint32_t)id + 1;
		if (data_dict_put_short(dd, w) < 0)
			return -1;
	}
	return id;
}

/* Id of this row's cell of group column col in the column's dictionary
 * (looked up once per row, and not hashed when it repeats the previous
 * row's); -1 on OOM. */
static inline long data_col_id(struct data_ctx *c, int col)
{
	struct data_cell *cl = &c->cells[col];
	struct data_dict *dd = &c->dicts[col];
	struct data_short w;
	const char *t;
	size_t len;
	long id;

	if (cl->id >= 0)
		return cl->id;
	t = data_cell_text(c, col, &len);
	if (len <= 16) {
		data_short_of(t, len, &w);
		if (dd->last.id1 && data_short_eq(&w, &dd->last))
			return cl->id = (long)dd->last.id1 - 1;
		if (dd->nslots) {
			for (size_t j = data_short_slot(&w, dd->nslots); dd->slots[j].id1;
			     j = (j + 1) & (dd->nslots - 1)) {
				if (data_short_eq(&w, &dd->slots[j])) {
					dd->last = dd->slots[j];
					return cl->id = (long)dd->slots[j].id1 - 1;
				}
			}
		}
		if ((id = data_dict_add(dd, t, len, &w)) < 0) {
			data_oom(c);
			return -1;
		}
		dd->last = w;
		return cl->id = id;
	}
	{
		int added;

		if ((id = strset_add(&dd->set, t, len, &added)) < 0) {
			data_oom(c);
			return -1;
		}
	}
	return cl->id = id;
}

/* The group of s with key[0..len), made (first-seen now) unless merged
 * from a chunk already (see data_pipe_run()); -1 on OOM. */
static long data_new_group(struct data_ctx *c, struct data_qstate *s, const char *key,
			   size_t len)
{
	int added;
	long g = strset_add(&s->groups, key, len, &added);

	if (g < 0 || data_reserve(&s->acc, &s->acc_cap, (size_t)g + 1, sizeof *s->acc) < 0) {
		data_oom(c);
		return -1;
	}
	if (!added)
		return g;
	memset(&s->acc[g], 0, sizeof s->acc[g]);
	s->acc[g].line = data_row_line(c);
	return g;
}

/* The group of this row in s (made when new); -1 on OOM.  Group keys are
 * the columns' dictionary ids: one array index with one group column, one
 * integer hash with two; the texts are copied only for a new group. */
static long data_group(struct data_ctx *c, struct data_qstate *s)
{
	const struct query *q = s->q;
	long id0, id1, g;
	uint64_t pair;
	uint32_t hit;

	if (q->ngroup == 0)
		return s->groups.n ? 0 : data_new_group(c, s, "", 0);
	if ((id0 = data_col_id(c, s->gcol[0])) < 0)
		return -1;
	if (q->ngroup == 1) {
		const struct strset_ent *e;

		if ((size_t)id0 < s->gmap_cap && s->gmap[id0])
			return (long)s->gmap[id0] - 1;
		e = &c->dicts[s->gcol[0]].set.ents[id0];
		if ((g = data_new_group(c, s, e->key, e->len)) < 0)
			return -1;
		if (data_reserve_zero(&s->gmap, &s->gmap_cap, (size_t)id0 + 1, sizeof *s->gmap) < 0) {
			data_oom(c);
			return -1;
		}
		s->gmap[id0] = (uint32_t)g + 1;
		return g;
	}
	if ((id1 = data_col_id(c, s->gcol[1])) < 0)
		return -1;
	pair = ((uint64_t)id0 << 32 | (uint64_t)id1) + 1;
	if ((hit = data_imap_get(&s->pairs, pair)) != 0)
		return (long)hit - 1;
	{
		/* two labels as one key: "key0\0key1" (cells hold no NULs) */
		const struct strset_ent *e0 = &c->dicts[s->gcol[0]].set.ents[id0];
		const struct strset_ent *e1 = &c->dicts[s->gcol[1]].set.ents[id1];
		size_t klen = e0->len + 1 + e1->len;

		if (data_reserve(&c->key, &c->key_cap, klen, 1) < 0) {
			data_oom(c);
			return -1;
		}
		memcpy(c->key, e0->key, e0->len);
		c->key[e0->len] = '\0';
		memcpy(c->key + e0->len + 1, e1->key, e1->len);
		if ((g = data_new_group(c, s, c->key, klen)) < 0)
			return -1;
	}
	if (data_imap_put(&s->pairs, pair, (uint32_t)g + 1) < 0) {
		data_oom(c);
		return -1;
	}
	return g;
}

/* Add m / 10^k to a's exact sum (k in 0..18, or -1: not exact). */
static void data_acc_exact(struct data_acc *a, data_wide m, int k)
{
	data_wide t;

	if (a->inexact)
		return;
	if (k < 0)
		goto inexact;
	if (k > a->iscale) {
		if (__builtin_mul_overflow(a->isum, (data_wide)data_p10[k - a->iscale], &t))
			goto inexact;
		a->isum = t;
		a->iscale = k;
	} else if (k < a->iscale &&
		   __builtin_mul_overflow(m, (data_wide)data_p10[a->iscale - k], &m)) {
		goto inexact;
	}
	if (__builtin_add_overflow(a->isum, m, &t))
		goto inexact;
	a->isum = t;
	return;
inexact:
	a->inexact = 1;
}

/* Aggregate mode: add this row to its group. */
static void data_add_row(struct data_ctx *c, struct data_qstate *s)
{
	const struct query *q = s->q;
	struct data_acc *a;
	int r = 0, counted = 0;
	double v = 0;
	long g;

	if (q->agg == AGG_COUNT) {
		/* count counts the non-empty cells of the value column (every
		 * row without one); the cells need not be numbers */
		size_t len = 0;

		if (s->vcol >= 0)
			data_cell_text(c, s->vcol, &len);
		counted = s->vcol < 0 || len > 0;
	} else if ((r = data_cell_number(c, s->vcol, &v)) < 0) {
		data_not_number(c, s->vcol, "");
		return;
	}
	if (r == 1 && v < 0 && q->nonneg_for) {
		data_negative(c, s->vcol, q->nonneg_for);
		return;
	}
	if ((g = data_group(c, s)) < 0)
		return;
	a = &s->acc[g];
	if (c->chunk && a->rows == 0) {
		/* first row of the group in this chunk */
		if (data_reserve(&s->order, &s->order_cap, s->norder + 1, sizeof *s->order) < 0) {
			data_oom(c);
			return;
		}
		s->order[s->norder++] = (size_t)g;
		a->line = data_row_line(c);
	}
	a->rows++;
	a->count += counted;
	if (r == 1) {
		const struct data_cell *cl = &c->cells[s->vcol];

		if (a->count == 0 || v < a->min)
			a->min = v;
		if (a->count == 0 || v > a->max)
			a->max = v;
		a->sum += v;
		a->count++;
		if (__builtin_expect(!isfinite(a->sum), 0)) {
			data_too_large(c, s->vcol);
			return;
		}
		if (cl->k == a->iscale && !a->inexact) {
			data_wide t;

			if (__builtin_add_overflow(a->isum, (data_wide)cl->m, &t))
				a->inexact = 1;
			else
				a->isum = t;
			return;
		}
		data_acc_exact(a, cl->m, cl->k);
	}
}

/* A data row is complete: check its width, then hand it to every query. */
static void data_row_done(struct data_ctx *c)
{
	if (c->nfields != c->nheader) {
		diag_error(c->d, EXIT_DATAERR, c->path, (int)data_row_line(c), 1,
			   "row has %zu fields, header has %zu", c->nfields, c->nheader);
		c->failed = 1;
		return;
	}
	c->rows_read++;
	for (size_t i = 0; i < c->nq && !c->failed; i++) {
		struct data_qstate *s = &c->qst[i];
		int m = data_match(c, s);

		if (m <= 0)
			continue;
		s->res->rows_matched++;
		if (c->col_source >= 0 || c->col_illus >= 0)
			data_note_source(c, s);
		if (s->q->mode == QUERY_ROWS) {
			/* past max_rows the block is refused later: keep counting
			 * (rows_matched) but stop copying, so memory stays bounded */
			if (!s->q->max_rows || s->res->nrows < s->q->max_rows)
				data_keep_row(c, s);
		} else
			data_add_row(c, s);
	}
}

/* Keep header name k (trimmed). */
static void data_header_name(struct data_ctx *c, size_t k, const char *t, size_t len)
{
	size_t a = 0, b = len;

	data_trim(t, &a, &b);
	if (data_reserve(&c->header, &c->header_cap, k + 1, sizeof *c->header) < 0 ||
	    !(c->header[k] = strndup(t + a, b - a))) {
		data_oom(c);
		return;
	}
	c->nnames = k + 1;
}

/* Copy cell k of the current row into the scratch buffer.  Kept out of
 * line so that data_on_field() stays a leaf for the fields nobody needs. */
static __attribute__((noinline)) void data_store_cell(struct data_ctx *c, size_t k,
						       const char *t, size_t len)
{
	struct data_cell *cl;

	if (c->sc_len + len + 16 > c->sc_cap &&
	    data_reserve(&c->scratch, &c->sc_cap, c->sc_len + len + 16, 1) < 0) {
		data_oom(c);
		return;
	}
	cl = &c->cells[k];
	data_copy(c->scratch + c->sc_len, t, len);
	c->scratch[c->sc_len + len] = '\0';
	cl->off = cl->ta = c->sc_len;
	cl->len = len;
	cl->tb = c->sc_len + len;
	if (len && (data_is_space(t[0]) || data_is_space(t[len - 1])))
		data_trim(c->scratch, &cl->ta, &cl->tb);
	cl->num = 0;
	cl->id = -1;
	c->sc_len += len + 1;
}

/* The rare cases of data_on_field(): a cell too large, a header name. */
static __attribute__((noinline)) void data_field_slow(struct data_ctx *c, size_t k,
						       const char *t, size_t len)
{
	if (len > DATA_CELL_MAX)
		data_field_error(c, k, "cell larger than 1 MiB");
	else if (!c->failed)
		data_header_name(c, k, t, len);
}

/* libcsv field callback: keep the header names, or copy the cells some
 * query needs into the row's scratch buffer.  This runs for every field of
 * the file: fields nobody needs cost a counter and three tests. */
static void data_on_field(void *s, size_t len, void *arg)
{
	struct data_ctx *c = arg;
	size_t k = c->nfields++;
	const char *t = s ? s : "";

	if (__builtin_expect(len > DATA_CELL_MAX || !c->have_header, 0))
		data_field_slow(c, k, t, len);
	else if (k < c->nheader && c->needed[k])
		data_store_cell(c, k, t, len);
}

/* libcsv row callback. */
static void data_on_row(int term, void *arg)
{
	struct data_ctx *c = arg;

	(void)term;
	if (!c->failed) {
		if (!c->have_header)
			data_header_done(c);
		else
			data_row_done(c);
	}
	c->nfields = 0;
	c->sc_len = 0;
	c->row_source = -2;
	c->row_skip++;
	c->row_line = c->line; /* a next row can only start here or later */
}

/* ---------------------------------------------------------------------------
 * Feeding libcsv.
 */

/* Append the current segment to rb (up to DATA_ROWBYTES_MAX). */
static void data_keep_segment(struct data_ctx *c)
{
	if (c->rb_lost)
		return;
	if (c->rb_len + c->seg_len > DATA_ROWBYTES_MAX) {
		c->rb_lost = 1;
		return;
	}
	if (data_reserve(&c->rb, &c->rb_cap, c->rb_len + c->seg_len, 1) < 0) {
		data_oom(c);
		return;
	}
	memcpy(c->rb + c->rb_len, c->seg, c->seg_len);
	c->rb_len += c->seg_len;
}

/* Error at byte off of the current segment. */
static void data_byte_error(struct data_ctx *c, size_t off, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void data_byte_error(struct data_ctx *c, size_t off, const char *fmt, ...)
{
	long line;
	int col;
	va_list ap;

	data_byte_pos(c, off, &line, &col);
	va_start(ap, fmt);
	data_verror(c, line, col, fmt, ap);
	va_end(ap);
}

/* What data_scan() found in a block of complete lines. */
struct data_scan {
	int plain;       /* ASCII without NUL bytes: no UTF-8 or NUL checks needed */
	int rows_lines;  /* no '\n' inside quotes and every '\r' before a '\n':
			    starting outside any row, every non-blank line is one row */
	size_t newlines; /* '\n' bytes */
};

/* Sixteen bytes as a GCC/Clang vector (SSE2 on x86-64, NEON on arm64);
 * comparisons give 0 or -1 per byte. */
typedef unsigned char data_v16 __attribute__((vector_size(16)));
typedef signed char data_m16 __attribute__((vector_size(16)));

/* Sum of the 16 per-byte counters in acc. */
static size_t data_lanes_sum(data_v16 acc)
{
	unsigned char b[16];
	size_t sum = 0;

	memcpy(b, &acc, 16);
	for (int i = 0; i < 16; i++)
		sum += b[i];
	return sum;
}

/* Whether any byte of m is non-zero. */
static int data_lanes_any(data_m16 m)
{
	uint64_t w[2];

	memcpy(w, &m, 16);
	return (w[0] | w[1]) != 0;
}

/* Quote state over s[i..e): *inq flips at each '"'; a '\n' inside quotes or
 * a '\r' not followed by '\n' (within s[0..n)) sets *bad. */
static void data_scan_quotes(const char *s, size_t i, size_t e, size_t n, int *inq, int *bad)
{
	for (; i < e; i++) {
		if (s[i] == '"')
			*inq ^= 1;
		else if (s[i] == '\n')
			*bad |= *inq;
		else if (s[i] == '\r')
			*bad |= i + 1 >= n || s[i + 1] != '\n';
	}
}

#if defined(__SSE2__)
#include <emmintrin.h>

/* The sixteen per-byte flags of m as bits. */
static unsigned data_bits(data_m16 m)
{
	return (unsigned)_mm_movemask_epi8((__m128i)m);
}

/* data_scan_quotes() for the sixteen bytes at s[i], from their bit masks:
 * the prefix XOR of the quote bits says which bytes are inside quotes. */
static void data_scan_quotes16(const char *s, size_t i, size_t n, data_m16 isq,
			       data_m16 islf, data_m16 iscr, int *inq, int *bad)
{
	unsigned q = data_bits(isq), lf = data_bits(islf), cr = data_bits(iscr), x = q;

	x ^= x << 1;
	x ^= x << 2;
	x ^= x << 4;
	x ^= x << 8;
	x = (x ^ (*inq ? 0xffffu : 0)) & 0xffffu;
	*bad |= (x & lf) != 0 || (cr & ~(lf >> 1) & 0x7fffu) != 0;
	if (cr & 0x8000u)
		*bad |= i + 16 >= n || s[i + 16] != '\n';
	*inq = (x >> 15) & 1;
}
#else
static void data_scan_quotes16(const char *s, size_t i, size_t n, data_m16 isq,
			       data_m16 islf, data_m16 iscr, int *inq, int *bad)
{
	(void)isq;
	(void)islf;
	(void)iscr;
	data_scan_quotes(s, i, i + 16, n, inq, bad);
}
#endif

/* One pass over a block, sixteen bytes at a time: high bits and NULs, a
 * count of newlines (per-byte counters summed every 255 steps, before any
 * can overflow), and whether rows and lines coincide: quotes are followed
 * only in the sixteen-byte steps that hold a quote or a CR. */
static void data_scan(const char *s, size_t n, struct data_scan *sc)
{
	data_m16 bad = { 0 };
	data_v16 acc = { 0 };
	size_t i = 0, k = 0, nl = 0;
	int bad1 = 0, inq = 0, split = 0;

	for (; i + 16 <= n; i += 16) {
		data_v16 v;
		data_m16 isq, islf, iscr;

		memcpy(&v, s + i, 16);
		isq = (data_m16)(v == '"');
		islf = (data_m16)(v == '\n');
		iscr = (data_m16)(v == '\r');
		bad |= (data_m16)(v >= 0x80) | (data_m16)(v == 0);
		acc -= (data_v16)islf; /* unsigned: -(-1) wraps to +1 */
		if (data_lanes_any(isq | iscr))
			data_scan_quotes16(s, i, n, isq, islf, iscr, &inq, &split);
		else if (inq)
			split |= data_lanes_any(islf);
		if (++k == 255) {
			nl += data_lanes_sum(acc);
			acc = (data_v16){ 0 };
			k = 0;
		}
	}
	nl += data_lanes_sum(acc);
	data_scan_quotes(s, i, n, n, &inq, &split);
	for (; i < n; i++) {
		unsigned char b = (unsigned char)s[i];

		bad1 |= b >= 0x80 || b == 0;
		nl += b == '\n';
	}
	sc->plain = !bad1 && !data_lanes_any(bad);
	sc->rows_lines = !split && !inq;
	sc->newlines = nl;
}

/* Parse s[0..n): one physical line (complete = ends with '\n') or a piece of
 * one.  Checks NUL bytes and UTF-8 first, then lets libcsv call back, and
 * afterwards keeps the bytes in rb when the row goes on past this line. */
static void data_feed(struct data_ctx *c, const char *s, size_t n, int complete)
{
	const char *nul;
	long bad;
	size_t done;

	c->seg_line_start = c->at_line_start;
	if (c->at_line_start && c->p.pstate == 0 /* ROW_NOT_BEGUN */) {
		c->rb_len = 0;
		c->rb_lost = 0;
		c->base_line = c->row_line = c->line;
		c->row_skip = 0;
	}
	c->seg = s;
	c->seg_len = n;
	if (c->buf_clean)
		goto parse;
	nul = memchr(s, '\0', n);
	bad = utf8_invalid_at(s, nul ? (size_t)(nul - s) : n);
	if (bad >= 0) {
		data_byte_error(c, (size_t)bad, "invalid UTF-8 byte 0x%02x", (unsigned char)s[bad]);
		return;
	}
	if (nul) {
		data_byte_error(c, (size_t)(nul - s), "NUL byte in data");
		return;
	}
parse:
	done = csv_parse(&c->p, s, n, data_on_field, data_on_row, c);
	if (c->failed)
		return;
	if (done < n) {
		data_byte_error(c, done, "malformed CSV (libcsv: %s)",
				csv_strerror(csv_error(&c->p)));
		return;
	}
	if (c->p.entry_pos > DATA_CELL_MAX) {
		data_field_error(c, c->nfields, "cell larger than 1 MiB");
		return;
	}
	if (!complete || c->p.pstate != 0)
		data_keep_segment(c);
	c->at_line_start = complete;
	if (complete)
		c->line++;
}

/* Longest prefix of s[0..n) that does not end inside a UTF-8 sequence. */
static size_t data_utf8_cut(const char *s, size_t n)
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

/* Parse a block of complete lines where rows are lines (data_scan()), checked
 * for UTF-8 and NULs, in one call:
 * rows cannot span lines there, so locations are found afterwards, only
 * when needed (data_row_line(), data_field_pos()), and lines need not be
 * fed one by one.  This is the hot path for plain files. */
static void data_feed_block(struct data_ctx *c, const char *s, size_t n, size_t newlines)
{
	size_t done;

	c->seg_line_start = 1;
	c->rb_len = 0;
	c->rb_lost = 0;
	c->base_line = c->row_line = c->w_line = c->line;
	c->row_skip = c->w_rows = c->w_off = 0;
	c->seg = s;
	c->seg_len = n;
	c->fast = 1;
	done = csv_parse(&c->p, s, n, data_on_field, data_on_row, c);
	if (!c->failed && done < n)
		data_byte_error(c, done, "malformed CSV (libcsv: %s)",
				csv_strerror(csv_error(&c->p)));
	c->fast = 0;
	if (c->failed)
		return;
	c->line += (long)newlines;
	c->at_line_start = 1;
	c->row_line = c->line;
}

/* Feed s[0..n), complete lines: as one block when rows are lines there
 * and no row is open, else line by line. */
static void data_feed_lines(struct data_ctx *c, const char *s, size_t n)
{
	struct data_scan sc;
	const char *nl;
	size_t p0 = 0;

	data_scan(s, n, &sc);
	if (sc.rows_lines && c->at_line_start && c->p.pstate == 0 /* ROW_NOT_BEGUN */ &&
	    (sc.plain || (!memchr(s, '\0', n) && utf8_invalid_at(s, n) < 0))) {
		data_feed_block(c, s, n, sc.newlines);
		return;
	}
	c->buf_clean = sc.plain;
	while (!c->failed && (nl = memchr(s + p0, '\n', n - p0))) {
		size_t e = (size_t)(nl - s) + 1;

		data_feed(c, s + p0, e - p0, 1);
		p0 = e;
	}
	c->buf_clean = 0;
}

/* A file read in steps of up to DATA_CHUNK bytes (data_read_step()). */
struct data_reader {
	int fd;
	char *buf;        /* DATA_CHUNK bytes */
	size_t step;      /* bytes per read, at most DATA_CHUNK (less only before
			     the worker threads start: see data_pass()) */
	size_t have;      /* bytes in buf not fed yet (part of a line) */
	int first;        /* at the start of the file: strip a UTF-8 BOM */
	int done;         /* the end is reached and everything fed */
	struct sha256 *hash; /* every byte read is hashed, in file order */
};

/* One read of up to step bytes, then feed libcsv the complete lines in the
 * buffer (a line longer than the buffer goes in pieces); a partial last
 * line waits for the next read, or is fed at the end.  A UTF-8 BOM at the
 * start of the file is dropped (after hashing: the digest is the file's). */
static void data_read_step(struct data_ctx *c, struct data_reader *rd)
{
	size_t want = rd->step - rd->have, p0, rest;
	const char *nl;
	ssize_t r;
	int eof;

	do
		r = read(rd->fd, rd->buf + rd->have, want);
	while (r < 0 && errno == EINTR);
	if (r < 0) {
		data_read_error(c, errno);
		rd->done = 1;
		return;
	}
	sha256_update(rd->hash, rd->buf + rd->have, (size_t)r);
	rd->have += (size_t)r;
	c->bytes += r;
	eof = r == 0;
	if (rd->first) {
		if (rd->have < 3 && !eof)
			return;
		if (rd->have >= 3 && memcmp(rd->buf, "\xef\xbb\xbf", 3) == 0) {
			rd->have -= 3;
			memmove(rd->buf, rd->buf + 3, rd->have);
		}
		rd->first = 0;
	}
	nl = memrchr(rd->buf, '\n', rd->have);
	p0 = nl ? (size_t)(nl - rd->buf) + 1 : 0;
	if (p0)
		data_feed_lines(c, rd->buf, p0);
	rest = rd->have - p0;
	if (c->failed || eof) {
		if (!c->failed && rest)
			data_feed(c, rd->buf + p0, rest, 0);
		rd->have = 0;
		rd->done = 1;
		return;
	}
	if (rest == rd->step) {
		if (rd->step < DATA_CHUNK)
			c->redo = 1; /* one thread would cut this line elsewhere */
		p0 = data_utf8_cut(rd->buf, rest);
		data_feed(c, rd->buf, p0, 0);
		rest -= p0;
	}
	memmove(rd->buf, rd->buf + p0, rest);
	rd->have = rest;
}

/* End of input: let libcsv flush the last row, then check what must be. */
static void data_finish_read(struct data_ctx *c)
{
	if (c->failed)
		return;
	c->seg = NULL;
	c->seg_len = 0;
	c->seg_line_start = c->at_line_start;
	if (csv_fini(&c->p, data_on_field, data_on_row, c) != 0 && !c->failed) {
		if (csv_error(&c->p) == CSV_EPARSE)
			data_field_error(c, c->nfields, "unterminated quoted field");
		else
			diag_error(c->d, EXIT_DATAERR, c->path, (int)c->line, 0,
				   "malformed CSV (libcsv: %s)", csv_strerror(csv_error(&c->p)));
		c->failed = 1;
	}
	if (!c->failed && !c->have_header) {
		diag_error(c->d, EXIT_DATAERR, c->path, 1, 1, "empty file: no header row");
		c->failed = 1;
	}
}

/* ---------------------------------------------------------------------------
 * Results.
 */

/* The exact sum isum / 10^scale (scale 0..18) as the nearest double: one
 * division when both are exact doubles, else strtod_l() (through
 * num_parse()) of its digits. */
static double data_wide_double(data_wide isum, int scale, double fallback)
{
	char buf[64], *p = buf + 44, *e = p;
	int neg = isum < 0;
	data_uwide u = neg ? -(data_uwide)isum : (data_uwide)isum;
	double v;

	if (u <= (data_uwide)1 << 53)
		return (neg ? -(double)u : (double)u) / (double)data_p10[scale];
	do
		*--p = (char)('0' + (int)(u % 10));
	while ((u /= 10) != 0);
	if (neg)
		*--p = '-';
	e += snprintf(e, 16, "e-%d", scale);
	return num_parse(p, (size_t)(e - p), &v) == 0 ? v : fallback;
}

/* Sum of a's values: exact when it could be kept so. */
static double data_acc_sum(const struct data_acc *a)
{
	if (a->inexact)
		return a->sum;
	if (a->isum == 0)
		return a->sum == 0 ? a->sum : 0.0; /* keeps -0 for "-0" */
	return data_wide_double(a->isum, a->iscale, a->sum);
}

/* The aggregate of an accumulator (0 when it saw no value: see
 * data_acc_missing()). */
static double data_acc_value(const struct data_acc *a, enum agg_kind k)
{
	switch (k) {
	case AGG_SUM: return data_acc_sum(a);
	case AGG_MEAN: return a->count ? data_acc_sum(a) / (double)a->count : 0;
	case AGG_COUNT: return (double)a->count;
	case AGG_MIN: return a->count ? a->min : 0;
	case AGG_MAX: return a->count ? a->max : 0;
	}
	return 0;
}

/* Whether the aggregate of a has no value: a sum, mean, min or max over
 * rows whose value cells were all empty is missing, not 0 (a count of
 * them is 0). */
static int data_acc_missing(const struct data_acc *a, enum agg_kind k)
{
	return k != AGG_COUNT && a->count == 0;
}

/* Fold accumulator a into `into` (for "Other", and the parts of a file read
 * in parallel). */
static void data_acc_merge(struct data_acc *into, const struct data_acc *a)
{
	if (a->count) {
		if (!into->count || a->min < into->min)
			into->min = a->min;
		if (!into->count || a->max > into->max)
			into->max = a->max;
	}
	if (a->inexact)
		into->inexact = 1;
	else
		data_acc_exact(into, a->isum, a->iscale);
	into->sum += a->sum;
	into->count += a->count;
	into->rows += a->rows;
	if (!into->line || (a->line && a->line < into->line))
		into->line = a->line;
}

/* Fill g from a with copies of the labels; -1 on OOM. */
static int data_group_set(struct group *g, const struct data_acc *a, enum agg_kind k,
			  const char *k0, const char *k1, int is_other)
{
	memset(g, 0, sizeof *g);
	g->value = data_acc_value(a, k);
	g->sum = k == AGG_COUNT ? (double)a->count : data_acc_sum(a);
	g->count = a->count;
	g->line = a->line;
	g->is_other = is_other;
	g->missing = data_acc_missing(a, k);
	if ((k0 && !(g->key[0] = strdup(k0))) || (k1 && !(g->key[1] = strdup(k1)))) {
		free(g->key[0]);
		g->key[0] = NULL;
		return -1;
	}
	return 0;
}

/* Labels compare as numbers when both are numbers, numbers before text,
 * else bytewise. */
static int data_label_cmp(const char *a, const char *b)
{
	double x, y;
	int na = num_parse(a, strlen(a), &x) == 0, nb = num_parse(b, strlen(b), &y) == 0;

	if (na && nb && x != y)
		return x < y ? -1 : 1;
	if (na != nb)
		return na ? -1 : 1;
	return strcmp(a, b);
}

/* A category (first group column value) being ranked. */
struct data_rank {
	double total;       /* sum of its groups' values */
	const char *label;  /* its label */
	size_t idx;         /* first-seen index: the tie-break */
	int valued;         /* some group of it has a value (not missing) */
};

static int data_rank_idx(const void *pa, const void *pb)
{
	const struct data_rank *a = pa, *b = pb;

	return a->idx < b->idx ? -1 : a->idx > b->idx;
}

/* Ranked by value, categories without any value come last, whichever
 * the direction: a missing value is neither small nor large. */
static int data_rank_asc(const void *pa, const void *pb)
{
	const struct data_rank *a = pa, *b = pb;

	if (a->valued != b->valued)
		return a->valued ? -1 : 1;
	if (a->total != b->total)
		return a->total < b->total ? -1 : 1;
	return data_rank_idx(pa, pb);
}

static int data_rank_desc(const void *pa, const void *pb)
{
	const struct data_rank *a = pa, *b = pb;

	if (a->valued != b->valued)
		return a->valued ? -1 : 1;
	if (a->total != b->total)
		return a->total > b->total ? -1 : 1;
	return data_rank_idx(pa, pb);
}

static int data_rank_label(const void *pa, const void *pb)
{
	const struct data_rank *a = pa, *b = pb;
	int r = data_label_cmp(a->label, b->label);

	return r ? r : data_rank_idx(pa, pb);
}

/* Working arrays of data_finish_groups(). */
struct data_order {
	size_t *cat;            /* category of each group */
	struct data_rank *rank; /* categories */
	size_t *start;          /* ncat + 1: members of cat c are by_cat[start[c]..start[c+1]) */
	size_t *by_cat;         /* groups ordered by category, first-seen within */
	unsigned char *kept;    /* per category: not folded into Other */
};

static void data_order_free(struct data_order *o)
{
	free(o->cat);
	free(o->rank);
	free(o->start);
	free(o->by_cat);
	free(o->kept);
}

/* Second label of group g ("" with one group column). */
static const char *data_key1(const struct strset *gs, size_t g)
{
	const struct strset_ent *e = &gs->ents[g];
	size_t l0 = strlen(e->key);

	return l0 < e->len ? e->key + l0 + 1 : NULL;
}

/* Categories: each group with one group column; each distinct first label
 * with two.  Fills o (cat, rank with totals, by_cat) and returns ncat, or
 * (size_t)-1 on OOM. */
static size_t data_categories(const struct data_qstate *s, struct data_order *o)
{
	const struct strset *gs = &s->groups;
	struct strset cats = { 0 };
	size_t n = gs->n, ncat = 0;
	int added;

	o->cat = calloc(n + 1, sizeof *o->cat);
	o->rank = calloc(n + 1, sizeof *o->rank);
	o->start = calloc(n + 2, sizeof *o->start);
	o->by_cat = calloc(n + 1, sizeof *o->by_cat);
	o->kept = calloc(n + 1, 1);
	if (!o->cat || !o->rank || !o->start || !o->by_cat || !o->kept)
		return (size_t)-1;
	for (size_t g = 0; g < n; g++) {
		const char *k0 = gs->ents[g].key;
		long ci = strset_add(&cats, k0, strlen(k0), &added);

		if (ci < 0) {
			strset_free(&cats);
			return (size_t)-1;
		}
		o->cat[g] = (size_t)ci;
		if (added) {
			o->rank[ci].label = k0;
			o->rank[ci].idx = (size_t)ci;
			ncat++;
		}
		o->rank[ci].total += data_acc_value(&s->acc[g], s->q->agg);
		o->rank[ci].valued |= !data_acc_missing(&s->acc[g], s->q->agg);
		o->start[ci + 1]++;
	}
	strset_free(&cats);
	for (size_t c = 0; c < ncat; c++)
		o->start[c + 1] += o->start[c];
	{
		size_t *fill = calloc(ncat + 1, sizeof *fill);

		if (!fill)
			return (size_t)-1;
		for (size_t g = 0; g < n; g++)
			o->by_cat[o->start[o->cat[g]] + fill[o->cat[g]]++] = g;
		free(fill);
	}
	return ncat;
}

/* Fold the groups of categories not kept into "Other" groups (one, or one
 * per second label), appended to out at *no. */
static int data_others(const struct data_qstate *s, const struct data_order *o,
		       struct group *out, size_t *no)
{
	const struct strset *gs = &s->groups;
	struct strset seconds = { 0 };
	struct data_acc *acc = calloc(gs->n + 1, sizeof *acc);
	size_t nb = 0;
	int rc = 0, added;

	if (!acc)
		return -1;
	for (size_t g = 0; g < gs->n; g++) {
		const char *k1 = data_key1(gs, g);
		long b = 0;

		if (o->kept[o->cat[g]])
			continue;
		if (k1 && (b = strset_add(&seconds, k1, strlen(k1), &added)) < 0) {
			rc = -1;
			goto out;
		}
		if ((size_t)b + 1 > nb)
			nb = (size_t)b + 1;
		data_acc_merge(&acc[b], &s->acc[g]);
	}
	for (size_t b = 0; b < nb && rc == 0; b++, (*no)++)
		rc = data_group_set(&out[*no], &acc[b], s->q->agg,
				    s->q->other_label ? s->q->other_label : "Other",
				    s->q->ngroup == 2 ? seconds.ents[b].key : NULL, 1);
out:
	strset_free(&seconds);
	free(acc);
	return rc;
}

/* Turn the accumulated groups into res.groups: values, top-N with "Other",
 * then the sort.  Categories (groups, or first labels with two group
 * columns) are ranked as a whole, keeping their groups together in
 * first-seen order; Other always comes last.  -1 on OOM. */
static int data_finish_groups(struct data_qstate *s)
{
	struct query *q = s->q;
	const struct strset *gs = &s->groups;
	struct data_order o = { 0 };
	struct group *out;
	size_t ncat, no = 0, nkept, top;
	int rc = -1;

	if (q->ngroup == 0) {
		if (gs->n == 0)
			return 0;
		if (!(q->res.groups = calloc(1, sizeof *q->res.groups)))
			return -1;
		q->res.ngroups = 1;
		return data_group_set(&q->res.groups[0], &s->acc[0], q->agg, NULL, NULL, 0);
	}
	ncat = data_categories(s, &o);
	out = calloc(2 * gs->n + 1, sizeof *out);
	if (ncat == (size_t)-1 || !out)
		goto done;
	q->res.groups = out;
	q->res.ncategories = nkept = ncat;
	top = q->top;
	if (!top && q->auto_top && ncat > q->auto_top)
		top = q->auto_top - 1; /* room for "Other" within auto_top */
	if (top > 0 && ncat > top) {
		qsort(o.rank, ncat, sizeof *o.rank, data_rank_desc);
		nkept = top;
	}
	for (size_t i = 0; i < nkept; i++)
		o.kept[o.rank[i].idx] = 1;
	qsort(o.rank, nkept, sizeof *o.rank,
	      q->sort == SORT_VALUE ? data_rank_asc : q->sort == SORT_VALUE_DESC ?
	      data_rank_desc : q->sort == SORT_LABEL ? data_rank_label : data_rank_idx);
	for (size_t i = 0; i < nkept; i++) {
		size_t c = o.rank[i].idx;

		for (size_t m = o.start[c]; m < o.start[c + 1]; m++, no++) {
			size_t g = o.by_cat[m];

			q->res.ngroups = no;
			if (data_group_set(&out[no], &s->acc[g], q->agg, gs->ents[g].key,
					   data_key1(gs, g), 0) < 0)
				goto done;
		}
	}
	q->res.ngroups = no;
	if (nkept < ncat && data_others(s, &o, out, &no) < 0)
		goto done;
	rc = 0;
done:
	q->res.ngroups = no;
	data_order_free(&o);
	return rc;
}

/* Every group's value finite: a sum may still overflow where data_add_row
 * cannot see it (parts of a file read apart added up, or "Other").  An error
 * at the group's first row (its cell is gone by now: no column). */
static void data_check_finite(struct data_ctx *c, struct data_qstate *s)
{
	const struct query *q = s->q;

	for (size_t i = 0; i < q->res.ngroups; i++) {
		const struct group *g = &q->res.groups[i];

		if (isfinite(g->value) && isfinite(g->sum))
			continue;
		diag_error(c->d, EXIT_DATAERR, c->path, (int)g->line, 0,
			   "the sum of column %s is too large (over 1.8e308)",
			   q->value ? q->value : "?");
		c->failed = 1;
		return;
	}
}

/* Copy the answers every query gets: counts, header, sources; check the
 * sums.  -1 when out of memory (other errors set c->failed). */
static int data_finish_query(struct data_ctx *c, struct data_qstate *s)
{
	struct query_result *r = &s->q->res;

	r->rows_read = c->rows_read;
	if (!(r->header = calloc(c->nheader + 1, sizeof *r->header)))
		return -1;
	for (; r->nheader < c->nheader; r->nheader++)
		if (!(r->header[r->nheader] = strdup(c->header[r->nheader])))
			return -1;
	if (s->nsrc) {
		if (!(r->sources = calloc(s->nsrc, sizeof *r->sources)))
			return -1;
		for (; r->nsources < s->nsrc; r->nsources++) {
			const char *src = c->sources.ents[s->src_order[r->nsources]].key;

			if (!(r->sources[r->nsources] = strdup(src)))
				return -1;
		}
	}
	if (s->q->mode != QUERY_AGGREGATE)
		return 0;
	if (data_finish_groups(s) < 0)
		return -1;
	data_check_finite(c, s);
	return 0;
}

static void data_ctx_free(struct data_ctx *c)
{
	for (size_t i = 0; c->qst && i < c->nq; i++) {
		struct data_qstate *s = &c->qst[i];

		free(s->wcol);
		free(s->wlen);
		free(s->rcol);
		strset_free(&s->groups);
		free(s->acc);
		free(s->gmap);
		data_imap_free(&s->pairs);
		free(s->src_order);
		free(s->src_seen);
		free(s->order);
		free(s->g0);
	}
	for (size_t i = 0; c->qst && i < c->nq; i++) {
		struct query_result *r = &c->qst[i].part;

		for (size_t k = 0; r->cells && k < r->nrows * c->qs[i]->ncolumns; k++)
			free(r->cells[k]);
		free(r->cells);
		free(r->lines);
	}
	free(c->qst);
	strset_free(&c->sources);
	free(c->src_illus);
	data_free_strv(c->header, c->nnames);
	free(c->needed);
	free(c->cells);
	for (size_t i = 0; c->dicts && i < c->nheader; i++)
		data_dict_free(&c->dicts[i]);
	free(c->dicts);

	free(c->scratch);
	free(c->key);
	free(c->rb);
	csv_free(&c->p);
}

/* Whether the resolved path p lies in the resolved folder dir. */
static int data_path_in(const char *p, const char *dir)
{
	size_t n = strlen(dir);

	if (strcmp(dir, "/") == 0)
		return 1;
	return strncmp(p, dir, n) == 0 && (p[n] == '/' || p[n] == '\0');
}

/* The confinement rule (data_options.roots): real, the file's path with
 * every symlink and ".." resolved, must lie in one of the roots, and never
 * under /proc, /dev or /sys, whatever the roots.  0, or -1 with d filled
 * (EXIT_DATAERR at the data: line). */
static int data_check_place(const char *path, const char *real, const struct data_options *o,
			    const char *file, int line, int col, struct diag *d)
{
	static const char *const system_dirs[] = { "/proc", "/dev", "/sys" };

	for (size_t k = 0; k < 3; k++)
		if (data_path_in(real, system_dirs[k])) {
			diag_error(d, EXIT_DATAERR, file, line, col, "data: %s is under %s: system "
				   "files are never read as data", path, system_dirs[k]);
			return -1;
		}
	for (size_t k = 0; k < o->nroots; k++) {
		char *root = o->roots[k] ? realpath(o->roots[k], NULL) : NULL;
		int in = root && data_path_in(real, root);

		free(root);
		if (in)
			return 0;
	}
	diag_error(d, EXIT_DATAERR, file, line, col, "data: %s is outside the spec's folder%s: "
		   "data files must lie in it (links included), or under a folder given with "
		   "--data-root or BRIEFING_DATA_ROOT", path,
		   o->nroots > 1 ? " and the --data-root folders" : "");
	return -1;
}

/* Open path for reading, or fill d at the first query's spec location:
 * confined to the roots of o (see data_check_place()), and only a regular
 * file, opened without blocking so that a FIFO is refused, not waited on. */
static int data_open(const char *path, struct query **qs, size_t nq,
		     const struct data_options *o, struct diag *d)
{
	const char *file, *kind;
	int line, col, fd, flags, confined = o && o->nroots;
	char *real = NULL;
	struct stat st;

	data_file_where(path, qs, nq, &file, &line, &col);
	if (confined && !(real = realpath(path, NULL))) {
		diag_error(d, errno == ENOMEM ? EXIT_SOFTWARE : EXIT_NOINPUT, file, line, col,
			   "cannot open %s: %s", path, strerror(errno));
		return -1;
	}
	if (confined && data_check_place(path, real, o, file, line, col, d) < 0) {
		free(real);
		return -1;
	}
	/* the resolved path, not followed again: what was checked is opened */
	fd = open(confined ? real : path,
		  O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY | (confined ? O_NOFOLLOW : 0));
	free(real);
	if (fd < 0) {
		diag_error(d, EXIT_NOINPUT, file, line, col, "cannot open %s: %s", path,
			   strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) < 0) {
		diag_error(d, EXIT_NOINPUT, file, line, col, "cannot read %s: %s", path,
			   strerror(errno));
		close(fd);
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		kind = S_ISDIR(st.st_mode) ? NULL : S_ISFIFO(st.st_mode) ? "a FIFO" :
		       S_ISSOCK(st.st_mode) ? "a socket" : "a device";
		if (!kind)
			diag_error(d, EXIT_NOINPUT, file, line, col, "cannot read %s: %s", path,
				   strerror(EISDIR));
		else
			diag_error(d, EXIT_NOINPUT, file, line, col, "cannot read %s: it is %s, "
				   "not a regular file", path, kind);
		close(fd);
		return -1;
	}
	flags = fcntl(fd, F_GETFL);
	if (flags >= 0)
		fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
	return fd;
}

/* Set up c to read for the queries: -1 on OOM (c is then freeable). */
static int data_ctx_init(struct data_ctx *c, const char *path, struct query **qs, size_t nq,
			 struct diag *d)
{
	memset(c, 0, sizeof *c);
	c->path = path;
	c->qs = qs;
	c->nq = nq;
	c->d = d;
	c->line = c->base_line = c->row_line = 1;
	c->at_line_start = 1;
	c->col_source = c->col_illus = -1;
	c->row_source = -2;
	c->last_source[0] = c->last_source[1] = -1;
	if (csv_init(&c->p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
		c->qst = NULL;
		return -1;
	}
	if (!(c->qst = calloc(nq + 1, sizeof *c->qst)))
		return -1;
	for (size_t i = 0; i < nq; i++) {
		c->qst[i].q = qs[i];
		c->qst[i].res = &qs[i]->res;
		c->qst[i].vcol = -1;
	}
	return 0;
}

/* ---------------------------------------------------------------------------
 * Worker threads for one large file.  SHA-256 is sequential and the file is
 * read once, so one thread (the caller's) reads it: read(), hash, and cut
 * what it read into chunks of whole records, which worker threads parse,
 * each chunk with a context of its own, as if a file began there after the
 * header.  A record ends at a '\n' outside quotes: RFC 4180 quotes toggle
 * (an escaped "" toggles twice), so the parity of the quotes seen since the
 * last cut says where; libcsv in strict mode agrees with that parity up to
 * the first syntax error, which is then inside a chunk cut right and found
 * there.  The reading thread merges the chunks' results in chunk order
 * (data_merge()), which gives what one pass would: groups and sources in
 * first-seen order, kept rows in file order, exact sums (the sum of short
 * decimals does not depend on the order; see struct data_acc), line numbers
 * shifted by the lines before the chunk; the first error of the file, at
 * its line and column in the file.  A fixed number of chunk buffers is in
 * flight, so memory stays bounded.
 *
 * What cannot be made identical is read again in one thread (the file is
 * then read twice; rare): sums that are not exact (double sums depend on
 * the order), an error whose report depends on what came before (a sum's
 * overflow), or found near a line the one-thread reader would have fed in
 * pieces (lines of DATA_CHUNK bytes or more), or after the reading thread
 * had to go on alone (a record longer than a chunk).  See data_run_opts().
 */

#define DATA_PARALLEL_MIN (32LL << 20) /* files smaller than this: one thread */
#define DATA_PIPE_CHUNK (1u << 20)     /* default bytes per chunk */
#define DATA_PIPE_MIN 64               /* smallest chunk (tests) */
#define DATA_REDO 1                    /* data_pass(): read again, one thread */

enum data_slot_state { SLOT_FREE, SLOT_FILLING, SLOT_QUEUED, SLOT_DONE };

/* A chunk buffer and the context that parses it. */
struct data_slot {
	char *buf;             /* cap bytes */
	size_t len;            /* bytes read into buf */
	size_t cut;            /* the chunk: whole records buf[0..cut) */
	unsigned long seq;     /* chunk number: merge order */
	enum data_slot_state state; /* under the pipe's mutex */
	struct data_ctx c;     /* the worker's context for this chunk */
	struct diag d;         /* its error, lines counted from the chunk's start */
};

/* The worker threads and their chunks. */
struct data_pipe {
	const struct data_ctx *c0; /* the header and the queries (read-only) */
	struct data_slot *slots;
	size_t nslots;         /* workers + 2: one filling, one waiting to merge */
	size_t cap;            /* bytes per chunk buffer */
	size_t *queue;         /* ring of slots waiting for a worker, in order */
	size_t qhead, qlen;
	pthread_mutex_t mu;
	pthread_cond_t work;   /* a chunk is queued, or stop */
	pthread_cond_t done;   /* a chunk is parsed */
	int sync;              /* mu and the conditions are initialised */
	pthread_t *tids;
	size_t nthreads;       /* started */
	int stop;              /* workers: exit (queued chunks are dropped) */
	unsigned long next_seq;  /* chunks queued */
	unsigned long merge_seq; /* chunks merged (the next to merge) */
};

/* Feed c the complete lines s[0..n) (n is just past a '\n'), at most
 * DATA_CHUNK bytes at a time as the one-thread reader does: each piece
 * ends at a '\n'.  A line of DATA_CHUNK bytes or more goes whole, where one
 * thread would have fed it in pieces: c->redo. */
static void data_feed_span(struct data_ctx *c, const char *s, size_t n)
{
	size_t p = 0;

	while (p < n && !c->failed) {
		size_t want = n - p < DATA_CHUNK ? n - p : DATA_CHUNK, e;
		const char *nl = memrchr(s + p, '\n', want);

		if (!nl) {
			c->redo = 1;
			nl = memchr(s + p + want, '\n', n - p - want);
		}
		e = nl ? (size_t)(nl - s) + 1 : n;
		data_feed_lines(c, s + p, e - p);
		p = e;
	}
}

/* Bytes equal to ch in s[0..n), sixteen at a time (see data_scan()). */
static size_t data_count_byte(const char *s, size_t n, char ch)
{
	data_v16 acc = { 0 };
	size_t i = 0, k = 0, count = 0;

	for (; i + 16 <= n; i += 16) {
		data_v16 v;

		memcpy(&v, s + i, 16);
		acc -= (data_v16)(v == (unsigned char)ch);
		if (++k == 255) {
			count += data_lanes_sum(acc);
			acc = (data_v16){ 0 };
			k = 0;
		}
	}
	count += data_lanes_sum(acc);
	for (; i < n; i++)
		count += s[i] == ch;
	return count;
}

/* Where to cut s[0..n), which starts outside quotes and holds an odd
 * number of quotes when `odd`: just past its last '\n' outside quotes,
 * found backwards from the end; 0 when there is none. */
static size_t data_cut(const char *s, size_t n, int odd)
{
	for (size_t i = n; i > 0; i--) {
		if (s[i - 1] == '"')
			odd ^= 1;
		else if (s[i - 1] == '\n' && !odd)
			return i;
	}
	return 0;
}

/* Set up a chunk's context: c0's header, columns and query plans. */
static int data_chunk_ctx(struct data_ctx *c, const struct data_ctx *c0, struct diag *d)
{
	if (data_ctx_init(c, c0->path, c0->qs, c0->nq, d) < 0)
		return -1;
	for (size_t i = 0; i < c->nq; i++)
		c->qst[i].res = &c->qst[i].part;
	if (!(c->header = calloc(c0->nheader + 1, sizeof *c->header)))
		return -1;
	c->header_cap = c0->nheader + 1;
	for (; c->nnames < c0->nheader; c->nnames++)
		if (!(c->header[c->nnames] = strdup(c0->header[c->nnames])))
			return -1;
	c->nheader = c->nnames;
	c->chunk = 1;
	data_setup_columns(c);
	return c->failed || !c->have_header ? -1 : 0;
}

/* Ready a chunk's context for its slot's next chunk, its results merged:
 * results go and the touched groups' accumulators are zeroed; the header,
 * the query plans, the column dictionaries, the groups and the sources
 * (with their ids, and the groups' indices in c0) stay, so that a chunk
 * neither copies nor hashes every label anew, and merging one is mostly
 * array lookups. */
static void data_chunk_reset(struct data_ctx *c)
{
	for (size_t i = 0; i < c->nq; i++) {
		struct data_qstate *s = &c->qst[i];
		struct query_result *r = &s->part;

		for (size_t k = 0; k < s->norder; k++)
			memset(&s->acc[s->order[k]], 0, sizeof *s->acc);
		s->norder = 0;
		if (s->src_seen)
			memset(s->src_seen, 0, s->seen_cap);
		s->nsrc = 0;
		for (size_t k = 0; r->cells && k < r->nrows * c->qs[i]->ncolumns; k++)
			free(r->cells[k]);
		free(r->cells);
		free(r->lines);
		memset(r, 0, sizeof *r);
		s->rows_cap = 0;
	}
	c->rows_read = 0;
	c->line = c->base_line = c->row_line = 1;
	c->at_line_start = 1;
	c->rb_len = 0;
	c->rb_lost = 0;
	c->row_skip = 0;
	c->bytes = 0;
	c->redo = 0;
}

/* A worker: parse queued chunks, in the order queued, until told to stop. */
static void *data_pipe_main(void *arg)
{
	struct data_pipe *pp = arg;

	for (;;) {
		struct data_slot *sl;

		pthread_mutex_lock(&pp->mu);
		while (!pp->stop && pp->qlen == 0)
			pthread_cond_wait(&pp->work, &pp->mu);
		if (pp->stop) {
			pthread_mutex_unlock(&pp->mu);
			return NULL;
		}
		sl = &pp->slots[pp->queue[pp->qhead]];
		pp->qhead = (pp->qhead + 1) % pp->nslots;
		pp->qlen--;
		pthread_mutex_unlock(&pp->mu);

		memset(&sl->d, 0, sizeof sl->d);
		if (!sl->c.have_header && data_chunk_ctx(&sl->c, pp->c0, &sl->d) < 0)
			data_oom(&sl->c);
		else
			data_feed_span(&sl->c, sl->buf, sl->cut);

		pthread_mutex_lock(&pp->mu);
		sl->state = SLOT_DONE;
		pthread_cond_signal(&pp->done);
		pthread_mutex_unlock(&pp->mu);
	}
}

/* Stop the workers (a chunk being parsed is finished first) and wait. */
static void data_pipe_stop(struct data_pipe *pp)
{
	if (!pp->sync)
		return;
	pthread_mutex_lock(&pp->mu);
	pp->stop = 1;
	pthread_cond_broadcast(&pp->work);
	pthread_mutex_unlock(&pp->mu);
	for (size_t i = 0; i < pp->nthreads; i++)
		pthread_join(pp->tids[i], NULL);
	pp->nthreads = 0;
}

static void data_pipe_free(struct data_pipe *pp)
{
	data_pipe_stop(pp);
	for (size_t i = 0; pp->slots && i < pp->nslots; i++) {
		data_ctx_free(&pp->slots[i].c);
		free(pp->slots[i].buf);
	}
	free(pp->slots);
	free(pp->queue);
	free(pp->tids);
	if (pp->sync) {
		pthread_mutex_destroy(&pp->mu);
		pthread_cond_destroy(&pp->work);
		pthread_cond_destroy(&pp->done);
	}
	memset(pp, 0, sizeof *pp);
}

/* Buffers and workers threads: -1 when not even one thread could start
 * (then the caller reads on alone; pp is freeable either way). */
static int data_pipe_start(struct data_pipe *pp, const struct data_ctx *c0, size_t workers,
			   size_t cap)
{
	memset(pp, 0, sizeof *pp);
	pp->c0 = c0;
	pp->cap = cap;
	pp->nslots = workers + 2;
	if (pthread_mutex_init(&pp->mu, NULL) != 0)
		return -1;
	if (pthread_cond_init(&pp->work, NULL) != 0) {
		pthread_mutex_destroy(&pp->mu);
		return -1;
	}
	if (pthread_cond_init(&pp->done, NULL) != 0) {
		pthread_cond_destroy(&pp->work);
		pthread_mutex_destroy(&pp->mu);
		return -1;
	}
	pp->sync = 1;
	pp->slots = calloc(pp->nslots, sizeof *pp->slots);
	pp->queue = calloc(pp->nslots, sizeof *pp->queue);
	pp->tids = calloc(workers, sizeof *pp->tids);
	if (!pp->slots || !pp->queue || !pp->tids)
		return -1;
	for (size_t i = 0; i < pp->nslots; i++)
		if (!(pp->slots[i].buf = malloc(cap)))
			return -1;
	while (pp->nthreads < workers &&
	       pthread_create(&pp->tids[pp->nthreads], NULL, data_pipe_main, pp) == 0)
		pp->nthreads++;
	return pp->nthreads ? 0 : -1;
}

/* Hand chunk sl (buf[0..cut)) to the workers. */
static void data_pipe_queue(struct data_pipe *pp, struct data_slot *sl)
{
	pthread_mutex_lock(&pp->mu);
	sl->seq = pp->next_seq++;
	sl->state = SLOT_QUEUED;
	pp->queue[(pp->qhead + pp->qlen) % pp->nslots] = (size_t)(sl - pp->slots);
	pp->qlen++;
	pthread_cond_signal(&pp->work);
	pthread_mutex_unlock(&pp->mu);
}

/* Whether every accumulator of c still has its exact sum. */
static int data_all_exact(const struct data_ctx *c)
{
	for (size_t i = 0; i < c->nq; i++)
		for (size_t g = 0; c->qst[i].acc && g < c->qst[i].groups.n; g++)
			if (c->qst[i].acc[g].inexact)
				return 0;
	return 1;
}

static int data_merge(struct data_ctx *c0, struct data_ctx *c1, long off, int *inexact);

/* Merge a parsed chunk into c0 (whose line is where the chunk starts):
 * 0 (the chunk's context is ready for the slot's next chunk); -1 with c0
 * failed (the chunk's error, at its line in the file); DATA_REDO. */
static int data_pipe_merge(struct data_ctx *c0, struct data_slot *sl)
{
	struct data_ctx *c = &sl->c;
	long off = c0->line - 1;
	int rc = 0, inexact = 0;

	if (c->failed && c->redo) {
		rc = DATA_REDO;
	} else if (c->failed) {
		*c0->d = sl->d;
		if (c0->d->line > 0)
			c0->d->line += (int)off;
		c0->failed = 1;
		rc = -1;
	} else if (data_merge(c0, c, off, &inexact) < 0) {
		data_oom(c0);
		rc = -1;
	} else if (inexact) {
		/* a sum not kept exactly (in the chunk, or its exact sum overflowed
		 * in c0): double sums in chunk order are not one thread's */
		rc = DATA_REDO;
	} else {
		c0->line += c->line - 1;
		data_chunk_reset(c);
		return 0;
	}
	data_ctx_free(c); /* the pipe stops */
	memset(c, 0, sizeof *c);
	return rc;
}

/* The parsed chunk that is next in order, or NULL (under the mutex). */
static struct data_slot *data_pipe_next_done(struct data_pipe *pp)
{
	for (size_t i = 0; i < pp->nslots; i++)
		if (pp->slots[i].state == SLOT_DONE && pp->slots[i].seq == pp->merge_seq)
			return &pp->slots[i];
	return NULL;
}

/* Merge parsed chunks in order; with `all`, until every queued chunk is
 * merged, else until a slot is free, which is returned (as filling).
 * Stops at an error or a redo (*rc; NULL is returned then). */
static struct data_slot *data_pipe_wait(struct data_pipe *pp, struct data_ctx *c0, int all,
					int *rc)
{
	struct data_slot *sl = NULL;

	pthread_mutex_lock(&pp->mu);
	for (;;) {
		struct data_slot *m;

		while (*rc == 0 && (m = data_pipe_next_done(pp)) != NULL) {
			pthread_mutex_unlock(&pp->mu);
			*rc = data_pipe_merge(c0, m);
			pthread_mutex_lock(&pp->mu);
			m->state = SLOT_FREE;
			pp->merge_seq++;
		}
		if (*rc != 0 || (all && pp->merge_seq == pp->next_seq))
			break;
		for (size_t i = 0; !all && !sl && i < pp->nslots; i++)
			if (pp->slots[i].state == SLOT_FREE)
				sl = &pp->slots[i];
		if (sl) {
			sl->state = SLOT_FILLING;
			break;
		}
		pthread_cond_wait(&pp->done, &pp->mu);
	}
	pthread_mutex_unlock(&pp->mu);
	return sl;
}

/* Report progress: the bytes read so far. */
static void data_report(const struct data_options *o, const struct data_ctx *c,
			long long total)
{
	if (o && o->progress && o->progress->fn)
		o->progress->fn(o->progress->ctx, c->path, c->bytes, total);
}

/* Read into sl after its first sl->len bytes until it is full: hash each
 * read, count its quotes into *quotes.  1 at the end of the file, 0 when
 * full, -1 on a read error (c0 failed). */
static int data_pipe_fill(struct data_ctx *c0, struct data_reader *rd, struct data_slot *sl,
			  size_t cap, size_t *quotes, const struct data_options *o,
			  long long size)
{
	while (sl->len < cap) {
		size_t want = cap - sl->len < DATA_CHUNK ? cap - sl->len : DATA_CHUNK;
		ssize_t r;

		do
			r = read(rd->fd, sl->buf + sl->len, want);
		while (r < 0 && errno == EINTR);
		if (r < 0) {
			data_read_error(c0, errno);
			return -1;
		}
		if (r == 0)
			return 1;
		sha256_update(rd->hash, sl->buf + sl->len, (size_t)r);
		*quotes += data_count_byte(sl->buf + sl->len, (size_t)r, '"');
		sl->len += (size_t)r;
		c0->bytes += r;
		data_report(o, c0, size);
	}
	return 0;
}

/* c0 reads on alone from s[0..n), the rest of the file from a record start
 * on: all of it at the end of the file; else (a record longer than a chunk)
 * the bytes rd reads next follow, and from here reads are not cut where one
 * thread cuts them: c0->redo. */
static void data_pipe_rest(struct data_ctx *c0, struct data_reader *rd, const char *s,
			   size_t n, int eof)
{
	const char *nl = memrchr(s, '\n', n);
	size_t p0 = nl ? (size_t)(nl - s) + 1 : 0, rest = n - p0, k;

	data_feed_span(c0, s, p0);
	if (c0->failed)
		return;
	if (eof) {
		if (rest >= DATA_CHUNK)
			c0->redo = 1;
		if (rest)
			data_feed(c0, s + p0, rest, 0);
		rd->done = 1;
		return;
	}
	c0->redo = 1;
	k = data_utf8_cut(s + p0, rest);
	if (k)
		data_feed(c0, s + p0, k, 0);
	memcpy(rd->buf, s + p0 + k, rest - k);
	rd->have = rest - k;
}

/* Read the rest of the file (from rd->buf[0..rd->have), at a record start)
 * with `workers` threads parsing chunks of cap bytes; see above.  Returns
 * 0 (c0 failed on an error; rd->done unless c0 must read on alone) or
 * DATA_REDO; *merged when some chunk was merged into c0.  When no thread
 * starts, nothing is read: c0 reads on alone. */
static int data_pipe_run(struct data_ctx *c0, struct data_reader *rd, size_t workers,
			 size_t cap, const struct data_options *o, long long size, int *merged)
{
	struct data_pipe pp;
	const char *carry = rd->buf;
	size_t ncarry = rd->have;
	int rc = 0, eof = 0;

	if (data_pipe_start(&pp, c0, workers, cap) < 0) {
		data_pipe_free(&pp);
		return 0;
	}
	while (rc == 0 && !c0->failed) {
		struct data_slot *sl = data_pipe_wait(&pp, c0, 0, &rc);
		size_t quotes, cut;

		if (!sl)
			break;
		memmove(sl->buf, carry, ncarry); /* carry may be in sl->buf itself */
		sl->len = ncarry;
		rd->have = 0;
		quotes = data_count_byte(sl->buf, ncarry, '"');
		if ((eof = data_pipe_fill(c0, rd, sl, cap, &quotes, o, size)) < 0)
			break;
		cut = data_cut(sl->buf, sl->len, (int)(quotes & 1));
		carry = sl->buf + cut;
		ncarry = sl->len - cut;
		if (cut > 0) {
			sl->cut = cut;
			data_pipe_queue(&pp, sl);
		}
		if (cut == 0 || eof) {
			/* the end, or a record longer than a chunk: c0 goes on */
			data_pipe_wait(&pp, c0, 1, &rc);
			if (rc == 0 && !c0->failed)
				data_pipe_rest(c0, rd, carry, ncarry, eof);
			break;
		}
	}
	*merged = pp.merge_seq > 0;
	data_pipe_free(&pp);
	return rc == DATA_REDO ? DATA_REDO : 0;
}

/* Append a chunk's results (c1) to those of everything before it (c0),
 * lines shifted by off; *inexact is set when a sum it merged is not exact
 * (only the groups the chunk touched are looked at).  -1 on OOM. */
static int data_merge(struct data_ctx *c0, struct data_ctx *c1, long off, int *inexact)
{
	c0->rows_read += c1->rows_read;
	for (size_t i = 0; i < c0->nq; i++) {
		struct data_qstate *s0 = &c0->qst[i], *s1 = &c1->qst[i];
		struct query_result *r0 = s0->res, *r1 = s1->res;
		const struct query *q = s0->q;
		int added;

		r0->rows_matched += r1->rows_matched;
		r0->illustrative |= r1->illustrative;
		for (size_t k = 0; k < s1->nsrc; k++) {
			const struct strset_ent *e = &c1->sources.ents[s1->src_order[k]];
			long id = strset_add(&c0->sources, e->key, e->len, &added);

			if (id < 0 || data_reserve(&c0->src_illus, &c0->illus_cap, (size_t)id + 1, 1) < 0)
				return -1;
			if (added)
				c0->src_illus[id] = c1->src_illus[s1->src_order[k]];
			data_note_source_id(c0, s0, id);
			if (c0->failed)
				return -1;
		}
		for (size_t k = 0; k < s1->norder; k++) {
			size_t g = s1->order[k];
			struct data_acc a = s1->acc[g];
			long g0;

			if (g < s1->g0_cap && s1->g0[g]) {
				g0 = (long)s1->g0[g] - 1;
				added = 0;
			} else {
				const struct strset_ent *e = &s1->groups.ents[g];

				g0 = strset_add(&s0->groups, e->key, e->len, &added);
				if (g0 < 0 || data_reserve_zero(&s1->g0, &s1->g0_cap, g + 1,
								sizeof *s1->g0) < 0)
					return -1;
				s1->g0[g] = (size_t)g0 + 1;
			}
			if (data_reserve(&s0->acc, &s0->acc_cap, (size_t)g0 + 1, sizeof *s0->acc) < 0)
				return -1;
			a.line += off;
			if (added)
				s0->acc[g0] = a;
			else
				data_acc_merge(&s0->acc[g0], &a);
			*inexact |= s0->acc[g0].inexact;
		}
		if (q->mode == QUERY_ROWS && r1->nrows) {
			size_t nc = q->ncolumns, keep = r1->nrows, cap = s0->rows_cap;

			if (q->max_rows && r0->nrows + keep > q->max_rows)
				keep = q->max_rows > r0->nrows ? q->max_rows - r0->nrows : 0;
			if (data_reserve(&r0->lines, &cap, r0->nrows + keep + 1, sizeof *r0->lines) < 0)
				return -1;
			if (cap != s0->rows_cap) {
				char **cells = realloc(r0->cells, (cap * nc + 1) * sizeof *cells);

				if (!cells)
					return -1;
				r0->cells = cells;
				s0->rows_cap = cap;
			}
			for (size_t k = 0; k < keep; k++) {
				memcpy(&r0->cells[(r0->nrows + k) * nc], &r1->cells[k * nc],
				       nc * sizeof *r1->cells);
				r0->lines[r0->nrows + k] = r1->lines[k] + off;
			}
			for (size_t k = keep * nc; k < r1->nrows * nc; k++)
				free(r1->cells[k]);
			r0->nrows += keep;
			r1->nrows = 0;
		}
	}
	return 0;
}

/* Worker threads for a file of size bytes (0: one thread reads alone). */
static size_t data_workers(int threads, int cpus, int regular, long long size)
{
	if (!regular || threads == 1)
		return 0;
	if (threads >= 2)
		return threads > 16 ? 16 : (size_t)threads;
	if (size < DATA_PARALLEL_MIN || cpus < 2)
		return 0;
	return cpus > 8 ? 8 : (size_t)cpus;
}

void data_options_defaults(struct data_options *o)
{
	memset(o, 0, sizeof *o);
}

/* One pass over the file with `threads` (see data_options), answering
 * every query: 0, -1 (d filled) or DATA_REDO.  *bytes counts what it read. */
static int data_pass(const char *path, struct query **qs, size_t nq,
		     const struct data_options *o, int threads, long long *bytes,
		     struct diag *d)
{
	struct data_ctx c;
	struct data_reader rd = { 0 };
	struct sha256 hash;
	struct stat st;
	long long size = 0;
	size_t workers, cap = o && o->chunk ? o->chunk : DATA_PIPE_CHUNK;
	unsigned char digest[32];
	char hex[65] = "";
	int fd, rc = 0, regular = 0, merged = 0;

	for (size_t i = 0; i < nq; i++)
		query_clear_result(qs[i]);
	if ((fd = data_open(path, qs, nq, o, d)) < 0)
		return -1;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
		size = (long long)st.st_size;
		regular = 1;
	}
	sha256_init(&hash); /* on failure: no digest (res.sha256 "") */
	if (data_ctx_init(&c, path, qs, nq, d) < 0 || !(rd.buf = malloc(DATA_CHUNK))) {
		close(fd);
		data_oom(&c);
		data_ctx_free(&c);
		sha256_clear(&hash);
		return -1;
	}
	if (cap < DATA_PIPE_MIN)
		cap = DATA_PIPE_MIN;
	workers = data_workers(threads, o ? o->cpus : 0, regular, size);
	rd.fd = fd;
	rd.first = 1;
	rd.hash = &hash;
	rd.step = workers && cap < DATA_CHUNK ? cap : DATA_CHUNK;
	/* workers: this thread reads the header, up to a record start */
	while (workers && !c.failed && !rd.done &&
	       !(c.have_header && c.at_line_start && c.p.pstate == 0 /* ROW_NOT_BEGUN */)) {
		data_read_step(&c, &rd);
		data_report(o, &c, size);
	}
	if (workers && !c.failed && !rd.done)
		rc = data_pipe_run(&c, &rd, workers, cap, o, size, &merged);
	rd.step = DATA_CHUNK;
	while (rc == 0 && !c.failed && !rd.done) {
		data_read_step(&c, &rd);
		data_report(o, &c, size);
	}
	free(rd.buf);
	close(fd);
	*bytes += c.bytes;
	if (rc == 0)
		data_finish_read(&c);
	/* an error one thread might report otherwise; double sums of chunks */
	if (rc == 0 && workers && (c.failed ? c.redo : merged && !data_all_exact(&c)))
		rc = DATA_REDO;
	if (rc == 0 && o && o->progress && o->progress->fn)
		o->progress->fn(o->progress->ctx, path, -1, size);
	if (rc == 0 && !c.failed && sha256_final(&hash, digest) == 0)
		sha256_to_hex(digest, hex);
	sha256_clear(&hash);
	for (size_t i = 0; i < nq && rc == 0 && !c.failed; i++) {
		qs[i]->res.bytes_read = *bytes;
		memcpy(qs[i]->res.sha256, hex, sizeof hex);
		if (data_finish_query(&c, &c.qst[i]) < 0)
			data_oom(&c);
	}
	data_ctx_free(&c);
	if (rc != 0 || c.failed) {
		for (size_t i = 0; i < nq; i++)
			query_clear_result(qs[i]);
		return rc != 0 ? rc : -1;
	}
	return 0;
}

/* One streaming pass over the file answers every query: see data.h.  When
 * worker threads cannot give exactly the one-thread answer (see data_pipe_run()),
 * the file is read again by one thread: a second read, in those rare cases. */
int data_run_opts(const char *path, struct query **qs, size_t nq, const struct data_options *o,
		  struct diag *d, struct diag_list *warn)
{
	long long bytes = 0;
	int rc;

	(void)warn;
	rc = data_pass(path, qs, nq, o, o ? o->threads : 0, &bytes, d);
	if (rc == DATA_REDO)
		rc = data_pass(path, qs, nq, o, 1, &bytes, d);
	return rc;
}

int data_run(const char *path, struct query **qs, size_t nq, struct diag *d,
	     struct diag_list *warn)
{
	return data_run_opts(path, qs, nq, NULL, d, warn);
}
