/* data — CSV files read with libcsv, streaming, and queries answered on them
 * (include/data.h). */
#include "data.h"

#include <csv.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "num.h"
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

/* memcmp(a, b, n) == 0 for the short strings of the hot path (labels,
 * sources), eight bytes at a time without a library call. */
static int data_eq(const char *a, const char *b, size_t n)
{
	uint64_t x, y;

	for (; n >= 8; a += 8, b += 8, n -= 8) {
		memcpy(&x, a, 8);
		memcpy(&y, b, 8);
		if (x != y)
			return 0;
	}
	for (; n; a++, b++, n--)
		if (*a != *b)
			return 0;
	return 1;
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

void query_init(struct query *q)
{
	if (!q)
		return;
	memset(q, 0, sizeof *q);
	q->mode = QUERY_AGGREGATE;
	q->agg = AGG_SUM;
	q->sort = SORT_NONE;
}

static void data_free_strv(char **v, size_t n)
{
	if (!v)
		return;
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* Free a result's groups, lines, sources and header (cells need the query's
 * ncolumns and are freed by query_clear) and zero it. */
static void query_result_clear(struct query_result *r)
{
	for (size_t i = 0; r->groups && i < r->ngroups; i++) {
		free(r->groups[i].key[0]);
		free(r->groups[i].key[1]);
	}
	free(r->groups);
	free(r->lines);
	data_free_strv(r->sources, r->nsources);
	data_free_strv(r->header, r->nheader);
	memset(r, 0, sizeof *r);
}

void query_clear(struct query *q)
{
	if (!q)
		return;
	free(q->path);
	free(q->spec_file);
	for (size_t i = 0; q->where && i < q->nwhere; i++) {
		free(q->where[i].column);
		free(q->where[i].text);
	}
	free(q->where);
	free(q->group[0]);
	free(q->group[1]);
	free(q->value);
	if (q->res.cells) {
		for (size_t i = 0; i < q->res.nrows * q->ncolumns; i++)
			free(q->res.cells[i]);
		free(q->res.cells);
		q->res.cells = NULL;
	}
	data_free_strv(q->columns, q->ncolumns);
	query_result_clear(&q->res);
	query_init(q);
}

static int data_is_op_char(char c)
{
	return c == '=' || c == '!' || c == '<' || c == '>';
}

/* Parse one condition text[a..b) (b excludes the comma) into c.  Columns
 * reported are file columns: col0 + byte offset within text. */
static int query_parse_cond(const char *text, size_t a, size_t b, struct cond *c,
			    const char *file, int line, int col0, struct diag *d)
{
	static const char *const ops[] = { "=", "!=", "<", "<=", ">", ">=" };
	size_t ca, cb, oa, ob, va, vb;

	data_trim(text, &a, &b);
	if (a == b) {
		diag_error(d, EXIT_DATAERR, file, line, col0 + (int)a,
			   "empty condition in where:");
		return -1;
	}
	for (oa = a; oa < b && !data_is_op_char(text[oa]); oa++)
		;
	for (ob = oa; ob < b && data_is_op_char(text[ob]); ob++)
		;
	ca = a, cb = oa, va = ob, vb = b;
	data_trim(text, &ca, &cb);
	data_trim(text, &va, &vb);
	if (oa == b || ca == cb || va == vb) {
		diag_error(d, EXIT_DATAERR, file, line, col0 + (int)a,
			   "bad condition \"%.*s\": expected column, operator "
			   "(= != < <= > >=) and value", (int)(b - a), text + a);
		return -1;
	}
	c->op = (enum cond_op)-1;
	for (int i = 0; i < 6; i++)
		if (strlen(ops[i]) == ob - oa && memcmp(ops[i], text + oa, ob - oa) == 0)
			c->op = (enum cond_op)i;
	if ((int)c->op < 0) {
		diag_error(d, EXIT_DATAERR, file, line, col0 + (int)oa,
			   "unknown operator \"%.*s\" in where:", (int)(ob - oa), text + oa);
		return -1;
	}
	c->is_number = num_parse(text + va, vb - va, &c->number) == 0;
	if (c->op >= COND_LT && !c->is_number) {
		diag_error(d, EXIT_DATAERR, file, line, col0 + (int)va,
			   "\"%.*s\" is not a number (operator %s needs numbers, in where:)",
			   (int)(vb - va), text + va, ops[c->op]);
		return -1;
	}
	c->column = strndup(text + ca, cb - ca);
	c->text = strndup(text + va, vb - va);
	if (!c->column || !c->text) {
		free(c->column);
		free(c->text);
		diag_error(d, EXIT_SOFTWARE, file, line, 0, "out of memory");
		return -1;
	}
	return 0;
}

/* Conditions are split at every comma (values cannot contain commas); each
 * piece must be "column op value".  On error nothing is returned. */
int query_parse_where(const char *text, struct cond **out, size_t *nout,
		      const char *file, int line, int col0, struct diag *d)
{
	struct cond *v = NULL;
	size_t n = 0, a = 0, len;

	*out = NULL;
	*nout = 0;
	if (!text)
		return 0;
	if (col0 < 1)
		col0 = 1;
	len = strlen(text);
	for (;;) {
		const char *comma = memchr(text + a, ',', len - a);
		size_t b = comma ? (size_t)(comma - text) : len;
		struct cond *nv = realloc(v, (n + 1) * sizeof *v);

		if (!nv) {
			diag_error(d, EXIT_SOFTWARE, file, line, 0, "out of memory");
			goto fail;
		}
		v = nv;
		memset(&v[n], 0, sizeof v[n]);
		if (query_parse_cond(text, a, b, &v[n], file, line, col0, d) < 0)
			goto fail;
		n++;
		if (!comma)
			break;
		a = b + 1;
	}
	*out = v;
	*nout = n;
	return 0;
fail:
	for (size_t i = 0; i < n; i++) {
		free(v[i].column);
		free(v[i].text);
	}
	free(v);
	return -1;
}

int query_agg_from_name(const char *name, enum agg_kind *out)
{
	static const char *const names[] = { "sum", "mean", "count", "min", "max" };

	for (int i = 0; name && i < 5; i++)
		if (strcmp(name, names[i]) == 0) {
			*out = (enum agg_kind)i;
			return 0;
		}
	return -1;
}

int query_sort_from_name(const char *name, enum sort_kind *out)
{
	static const char *const names[] = { "none", "value", "-value", "label" };

	for (int i = 0; name && i < 4; i++)
		if (strcmp(name, names[i]) == 0) {
			*out = (enum sort_kind)i;
			return 0;
		}
	return -1;
}


/* ---------------------------------------------------------------------------
 * A string set: byte strings (no NULs inside, as cells cannot hold NULs) to
 * dense indices in insertion order, with an open-addressing hash.  Groups use
 * it keyed by "key0\0key1", sources by the source text.
 */

struct data_set_ent {
	char *key;      /* owned copy, NUL-terminated */
	size_t len;     /* key length in bytes */
	uint64_t hash;  /* data_hash(key) */
};

struct data_set {
	struct data_set_ent *ents; /* entries in insertion order */
	size_t n, cap;             /* used and allocated entries */
	uint32_t *slots;           /* entry index + 1, 0 = empty */
	size_t nslots;             /* power of two, > 2 * n */
};

/* Hash of a byte string (group keys and sources are hashed once per row):
 * eight bytes at a time, the tail read as two overlapping loads, mixed by
 * multiply-xorshift; good enough for open addressing with linear probing. */
static uint64_t data_hash(const char *s, size_t n)
{
	uint64_t h = 0x9e3779b97f4a7c15ULL ^ n, w;
	uint32_t a, b;

	for (; n >= 8; s += 8, n -= 8) {
		memcpy(&w, s, 8);
		h = (h ^ w) * 0xff51afd7ed558ccdULL;
		h ^= h >> 32;
	}
	if (n >= 4) {
		memcpy(&a, s, 4);
		memcpy(&b, s + n - 4, 4);
		w = a | (uint64_t)b << 32;
	} else if (n) {
		w = (unsigned char)s[0] | (uint64_t)(unsigned char)s[n / 2] << 8 |
		    (uint64_t)(unsigned char)s[n - 1] << 16;
	} else {
		w = 0;
	}
	h = (h ^ w) * 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	return h ^ (h >> 29);
}

static void data_set_free(struct data_set *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->ents[i].key);
	free(s->ents);
	free(s->slots);
	memset(s, 0, sizeof *s);
}

/* Double the slot table and reinsert every entry.  -1 on OOM. */
static int data_set_grow(struct data_set *s)
{
	size_t ns = s->nslots ? 2 * s->nslots : 64;
	uint32_t *slots = calloc(ns, sizeof *slots);

	if (!slots)
		return -1;
	for (size_t i = 0; i < s->n; i++) {
		size_t j = (size_t)s->ents[i].hash & (ns - 1);

		while (slots[j])
			j = (j + 1) & (ns - 1);
		slots[j] = (uint32_t)(i + 1);
	}
	free(s->slots);
	s->slots = slots;
	s->nslots = ns;
	return 0;
}


/* A NUL-terminated copy of key[0..len); unlike strndup it keeps the NUL bytes
 * that separate the parts of a two-column group key. */
static char *data_memdup(const char *key, size_t len)
{
	char *r = malloc(len + 1);

	if (r) {
		memcpy(r, key, len);
		r[len] = '\0';
	}
	return r;
}

/* Index of key in s, adding it (with *added = 1) when new.  -1 on OOM. */
static long data_set_add(struct data_set *s, const char *key, size_t len, int *added)
{
	uint64_t h = data_hash(key, len);
	size_t j;

	*added = 0;
	if ((s->n + 1) * 2 > s->nslots && data_set_grow(s) < 0)
		return -1;
	for (j = (size_t)h & (s->nslots - 1); s->slots[j]; j = (j + 1) & (s->nslots - 1)) {
		struct data_set_ent *e = &s->ents[s->slots[j] - 1];

		if (e->hash == h && e->len == len && data_eq(e->key, key, len))
			return (long)(s->slots[j] - 1);
	}
	if (s->n == s->cap) {
		size_t cap = s->cap ? 2 * s->cap : 16;
		struct data_set_ent *ents = realloc(s->ents, cap * sizeof *ents);

		if (!ents)
			return -1;
		s->ents = ents;
		s->cap = cap;
	}
	s->ents[s->n].key = data_memdup(key, len);
	if (!s->ents[s->n].key)
		return -1;
	s->ents[s->n].len = len;
	s->ents[s->n].hash = h;
	s->slots[j] = (uint32_t)(s->n + 1);
	*added = 1;
	return (long)s->n++;
}

/* Grow *v (elements of size sz) so that it holds at least need; -1 on OOM. */
static int data_reserve(void *v, size_t *cap, size_t need, size_t sz)
{
	void **pv = v;
	size_t nc;
	void *nv;

	if (need <= *cap)
		return 0;
	nc = *cap ? *cap : 16;
	while (nc < need)
		nc *= 2;
	nv = realloc(*pv, nc * sz);
	if (!nv)
		return -1;
	*pv = nv;
	*cap = nc;
	return 0;
}

/* data_reserve() for a byte array whose new bytes must read as 0. */
static int data_reserve_zero(unsigned char **v, size_t *cap, size_t need)
{
	size_t old = *cap;

	if (data_reserve(v, cap, need, 1) < 0)
		return -1;
	memset(*v + old, 0, *cap - old);
	return 0;
}

/* ---------------------------------------------------------------------------
 * Reading state.
 */

#define DATA_CHUNK (256 * 1024)        /* read() buffer (the issue asks >= 64 KiB) */
#define DATA_CELL_MAX (1024 * 1024)    /* largest cell accepted */
#define DATA_ROWBYTES_MAX (64u << 20)  /* row bytes kept for error columns */

/* One group being accumulated. */
struct data_acc {
	double sum;      /* sum of the values */
	double min, max; /* extremes of the values (valid when count > 0) */
	size_t count;    /* values seen (non-empty cells) */
	size_t rows;     /* rows matched */
	long line;       /* line of the first row */
};

/* Per-query state while reading. */
struct data_qstate {
	struct query *q;
	int *wcol;             /* column of each where: condition */
	size_t *wlen;          /* strlen of each condition's text */
	int gcol[2];           /* group-by columns */
	int vcol;              /* value column, -1 for none */
	int *rcol;             /* rows mode: the kept columns */
	struct data_set groups;/* group keys, first-seen order */
	struct data_acc *acc;  /* parallel to groups.ents */
	size_t acc_cap;
	size_t *src_order;     /* ids (in c->sources) of its sources, first-seen order */
	size_t nsrc, src_cap;
	unsigned char *src_seen; /* per source id: already in src_order */
	size_t seen_cap;
	size_t rows_cap;       /* rows mode: rows allocated in res.cells/lines */
};

/* The current row's copy of one needed cell. */
struct data_cell {
	size_t off, len;  /* raw cell at scratch + off */
	size_t ta, tb;    /* trimmed cell is scratch[ta..tb) */
	int num;          /* 0 not parsed yet, 1 number, 2 empty, 3 not a number */
	double v;         /* the number when num == 1 */
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
	char *scratch;           /* cell bytes of the current row */
	size_t sc_len, sc_cap;
	char *key;               /* group key being built */
	size_t key_cap;
	int col_source;          /* column "source", -1 */
	struct data_set sources; /* distinct sources of the whole file */
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
};

static void data_oom(struct data_ctx *c)
{
	if (!c->failed)
		diag_error(c->d, EXIT_SOFTWARE, c->path, 0, 0, "out of memory");
	c->failed = 1;
}

/* ---------------------------------------------------------------------------
 * Locations.  libcsv's callbacks carry no position.  Plain blocks of lines
 * (no quotes, no CR) go to libcsv whole: a row is a non-blank line there, and
 * data_row_line() counts them when asked.  Other lines go one physical line
 * at a time (data_feed()), and rb keeps the bytes of the lines of a row that
 * spans lines (or of a line split across reads).  Either way rb + seg starts
 * at the beginning of line base_line, and an error finds a field's position
 * by rescanning those bytes, honouring quotes, only when it happens.
 */

/* Whether s[0..n) holds only spaces and tabs (a line libcsv skips). */
static int data_blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!data_is_space(s[i]))
			return 0;
	return 1;
}

/* Line where the current row starts.  Known directly when libcsv is fed a
 * line at a time; in a block (no quotes, no CR: every non-blank line is one
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

/* Report an error about field `field` of the current row. */
static void data_field_error(struct data_ctx *c, size_t field, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void data_field_error(struct data_ctx *c, size_t field, const char *fmt, ...)
{
	char msg[sizeof c->d->msg];
	long line;
	int col;
	va_list ap;

	if (c->failed)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	data_field_pos(c, field, &line, &col);
	diag_error(c->d, EXIT_DATAERR, c->path, (int)line, col, "%s", msg);
	c->failed = 1;
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
			cl->num = num_parse(t, cl->tb - cl->ta, &cl->v) == 0 ? 1 : 3;
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

/* Error: name is not a column of the file. */
static void data_unknown_column(struct data_ctx *c, const struct query *q, const char *name)
{
	char cols[800];
	size_t o = 0;

	cols[0] = '\0';
	for (size_t i = 0; i < c->nheader && o < sizeof cols; i++)
		o += (size_t)snprintf(cols + o, sizeof cols - o, "%s%s", i ? ", " : "",
				      c->header[i]);
	data_spec_error(c, q, "unknown column \"%s\" in %s (columns: %s)", name, c->path, cols);
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

/* The header row is complete: check names, resolve every query. */
static void data_header_done(struct data_ctx *c)
{
	c->nheader = c->nnames;
	for (size_t j = 1; j < c->nheader; j++)
		for (size_t i = 0; i < j; i++)
			if (strcmp(c->header[i], c->header[j]) == 0) {
				data_field_error(c, j, "duplicate column name \"%s\" "
						 "(also column %zu)", c->header[j], i + 1);
				return;
			}
	c->needed = calloc(c->nheader + 1, 1);
	c->cells = calloc(c->nheader + 1, sizeof *c->cells);
	if (!c->needed || !c->cells) {
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

				ok = len == s->wlen[i] && data_eq(t, w->text, len);
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
	const struct data_set_ent *e;
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
		if (e->len == len && data_eq(e->key, t, len))
			return c->row_source = c->last_source[j];
	}
	i = data_set_add(&c->sources, t, len, &added);
	if (i < 0 || data_reserve(&c->src_illus, &c->illus_cap, (size_t)i + 1, 1) < 0) {
		data_oom(c);
		return -2;
	}
	if (added)
		c->src_illus[i] = (unsigned char)data_casecontains(t, len, "illustrative");
	c->last_source[1] = c->last_source[0];
	return c->row_source = c->last_source[0] = i;
}

/* Note the source and the illustrative mark of a matching row. */
static void data_note_source(struct data_ctx *c, struct data_qstate *s)
{
	struct query_result *r = &s->q->res;
	size_t len;
	const char *t;
	long id;

	if (c->col_illus >= 0 && !r->illustrative) {
		t = data_cell_text(c, c->col_illus, &len);
		if ((len == 3 && strncasecmp(t, "yes", 3) == 0) ||
		    (len == 4 && strncasecmp(t, "true", 4) == 0) || (len == 1 && t[0] == '1'))
			r->illustrative = 1;
	}
	if ((id = data_row_source(c)) < 0)
		return;
	if ((size_t)id < s->seen_cap && s->src_seen[id])
		return;
	if (data_reserve_zero(&s->src_seen, &s->seen_cap, (size_t)id + 1) < 0 ||
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
	struct query_result *r = &q->res;
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

/* Aggregate mode: add this row to its group. */
static void data_add_row(struct data_ctx *c, struct data_qstate *s)
{
	const struct query *q = s->q;
	size_t klen = 0, len;
	struct data_acc *a;
	const char *key = "", *t;
	int added, r = 0;
	double v = 0;
	long g;

	if (q->ngroup == 1) {
		key = data_cell_text(c, s->gcol[0], &klen);
	} else if (q->ngroup == 2) {
		/* two labels as one key: "key0\0key1" (cells hold no NULs) */
		const char *t0 = data_cell_text(c, s->gcol[0], &klen);

		t = data_cell_text(c, s->gcol[1], &len);
		if (data_reserve(&c->key, &c->key_cap, klen + len + 1, 1) < 0) {
			data_oom(c);
			return;
		}
		memcpy(c->key, t0, klen);
		c->key[klen++] = '\0';
		memcpy(c->key + klen, t, len);
		klen += len;
		key = c->key;
	}
	if (q->agg != AGG_COUNT && (r = data_cell_number(c, s->vcol, &v)) < 0) {
		data_not_number(c, s->vcol, "");
		return;
	}
	g = data_set_add(&s->groups, key, klen, &added);
	if (g < 0 || data_reserve(&s->acc, &s->acc_cap, (size_t)g + 1, sizeof *s->acc) < 0) {
		data_oom(c);
		return;
	}
	a = &s->acc[g];
	if (added) {
		memset(a, 0, sizeof *a);
		a->line = data_row_line(c);
	}
	a->rows++;
	if (r == 1) {
		if (a->count == 0 || v < a->min)
			a->min = v;
		if (a->count == 0 || v > a->max)
			a->max = v;
		a->sum += v;
		a->count++;
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
		s->q->res.rows_matched++;
		data_note_source(c, s);
		if (s->q->mode == QUERY_ROWS)
			data_keep_row(c, s);
		else
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

	if (c->sc_len + len + 8 > c->sc_cap &&
	    data_reserve(&c->scratch, &c->sc_cap, c->sc_len + len + 8, 1) < 0) {
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
	char msg[sizeof c->d->msg];
	long line;
	int col;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	data_byte_pos(c, off, &line, &col);
	diag_error(c->d, EXIT_DATAERR, c->path, (int)line, col, "%s", msg);
	c->failed = 1;
}

/* What data_scan() found in a block of complete lines. */
struct data_scan {
	int plain;       /* ASCII without NUL bytes: no UTF-8 or NUL checks needed */
	int simple;      /* plain, and no '"' or '\r': every non-blank line is a row */
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

/* One pass over a block, sixteen bytes at a time: high bits and NULs,
 * quotes and CRs, and a count of newlines (per-byte counters summed every
 * 255 steps, before any can overflow). */
static void data_scan(const char *s, size_t n, struct data_scan *sc)
{
	data_m16 bad = { 0 }, special = { 0 };
	data_v16 acc = { 0 };
	size_t i = 0, k = 0, nl = 0;
	int bad1 = 0, special1 = 0;

	for (; i + 16 <= n; i += 16) {
		data_v16 v;

		memcpy(&v, s + i, 16);
		bad |= (data_m16)(v >= 0x80) | (data_m16)(v == 0);
		special |= (data_m16)(v == '"') | (data_m16)(v == '\r');
		acc -= (data_v16)(v == '\n'); /* unsigned: -(-1) wraps to +1 */
		if (++k == 255) {
			nl += data_lanes_sum(acc);
			acc = (data_v16){ 0 };
			k = 0;
		}
	}
	nl += data_lanes_sum(acc);
	for (; i < n; i++) {
		unsigned char b = (unsigned char)s[i];

		bad1 |= b >= 0x80 || b == 0;
		special1 |= b == '"' || b == '\r';
		nl += b == '\n';
	}
	sc->plain = !bad1 && !data_lanes_any(bad);
	sc->simple = sc->plain && !special1 && !data_lanes_any(special);
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

/* Parse a block of complete lines with no quotes and no CRs in one call:
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

/* Feed s[0..n), complete lines: as one block when it is plain and simple
 * and no row is open, else line by line. */
static void data_feed_lines(struct data_ctx *c, const char *s, size_t n)
{
	struct data_scan sc;
	const char *nl;
	size_t p0 = 0;

	data_scan(s, n, &sc);
	if (sc.simple && c->at_line_start && c->p.pstate == 0 /* ROW_NOT_BEGUN */) {
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

/* Read fd to the end in DATA_CHUNK reads, strip a UTF-8 BOM, and feed
 * libcsv the complete lines of each read (a line longer than the buffer
 * goes in pieces).  A partial last line waits for the next read. */
static void data_read(struct data_ctx *c, int fd)
{
	char *buf = malloc(DATA_CHUNK);
	size_t have = 0;
	int eof = 0, first = 1;

	if (!buf) {
		data_oom(c);
		return;
	}
	while (!c->failed) {
		size_t p0, rest;
		const char *nl;

		if (!eof) {
			ssize_t r = read(fd, buf + have, DATA_CHUNK - have);

			if (r < 0 && errno == EINTR)
				continue;
			if (r < 0) {
				diag_error(c->d, EXIT_NOINPUT, c->path, 0, 0, "cannot read %s: %s",
					   c->path, strerror(errno));
				c->failed = 1;
				break;
			}
			eof = r == 0;
			have += (size_t)r;
		}
		if (first) {
			if (have < 3 && !eof)
				continue;
			if (have >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0) {
				have -= 3;
				memmove(buf, buf + 3, have);
			}
			first = 0;
		}
		nl = memrchr(buf, '\n', have);
		p0 = nl ? (size_t)(nl - buf) + 1 : 0;
		if (p0)
			data_feed_lines(c, buf, p0);
		rest = have - p0;
		if (c->failed || eof) {
			if (!c->failed && rest)
				data_feed(c, buf + p0, rest, 0);
			break;
		}
		if (rest == DATA_CHUNK) {
			p0 = data_utf8_cut(buf, rest);
			data_feed(c, buf, p0, 0);
			rest -= p0;
		}
		memmove(buf, buf + p0, rest);
		have = rest;
	}
	free(buf);
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

/* The aggregate of an accumulator (0 when it saw no value). */
static double data_acc_value(const struct data_acc *a, enum agg_kind k)
{
	switch (k) {
	case AGG_SUM: return a->sum;
	case AGG_MEAN: return a->count ? a->sum / (double)a->count : 0;
	case AGG_COUNT: return (double)a->rows;
	case AGG_MIN: return a->count ? a->min : 0;
	case AGG_MAX: return a->count ? a->max : 0;
	}
	return 0;
}

/* Fold accumulator a into `into` (for "Other"). */
static void data_acc_merge(struct data_acc *into, const struct data_acc *a)
{
	if (a->count) {
		if (!into->count || a->min < into->min)
			into->min = a->min;
		if (!into->count || a->max > into->max)
			into->max = a->max;
	}
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
	g->sum = k == AGG_COUNT ? (double)a->rows : a->sum;
	g->count = k == AGG_COUNT ? a->rows : a->count;
	g->line = a->line;
	g->is_other = is_other;
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
};

static int data_rank_idx(const void *pa, const void *pb)
{
	const struct data_rank *a = pa, *b = pb;

	return a->idx < b->idx ? -1 : a->idx > b->idx;
}

static int data_rank_asc(const void *pa, const void *pb)
{
	const struct data_rank *a = pa, *b = pb;

	if (a->total != b->total)
		return a->total < b->total ? -1 : 1;
	return data_rank_idx(pa, pb);
}

static int data_rank_desc(const void *pa, const void *pb)
{
	const struct data_rank *a = pa, *b = pb;

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
static const char *data_key1(const struct data_set *gs, size_t g)
{
	const struct data_set_ent *e = &gs->ents[g];
	size_t l0 = strlen(e->key);

	return l0 < e->len ? e->key + l0 + 1 : NULL;
}

/* Categories: each group with one group column; each distinct first label
 * with two.  Fills o (cat, rank with totals, by_cat) and returns ncat, or
 * (size_t)-1 on OOM. */
static size_t data_categories(const struct data_qstate *s, struct data_order *o)
{
	const struct data_set *gs = &s->groups;
	struct data_set cats = { 0 };
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
		long ci = data_set_add(&cats, k0, strlen(k0), &added);

		if (ci < 0) {
			data_set_free(&cats);
			return (size_t)-1;
		}
		o->cat[g] = (size_t)ci;
		if (added) {
			o->rank[ci].label = k0;
			o->rank[ci].idx = (size_t)ci;
			ncat++;
		}
		o->rank[ci].total += data_acc_value(&s->acc[g], s->q->agg);
		o->start[ci + 1]++;
	}
	data_set_free(&cats);
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
	const struct data_set *gs = &s->groups;
	struct data_set seconds = { 0 };
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
		if (k1 && (b = data_set_add(&seconds, k1, strlen(k1), &added)) < 0) {
			rc = -1;
			goto out;
		}
		if ((size_t)b + 1 > nb)
			nb = (size_t)b + 1;
		data_acc_merge(&acc[b], &s->acc[g]);
	}
	for (size_t b = 0; b < nb && rc == 0; b++, (*no)++)
		rc = data_group_set(&out[*no], &acc[b], s->q->agg, "Other",
				    s->q->ngroup == 2 ? seconds.ents[b].key : NULL, 1);
out:
	data_set_free(&seconds);
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
	const struct data_set *gs = &s->groups;
	struct data_order o = { 0 };
	struct group *out;
	size_t ncat, no = 0, nkept;
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
	nkept = ncat;
	if (q->top > 0 && ncat > q->top) {
		qsort(o.rank, ncat, sizeof *o.rank, data_rank_desc);
		nkept = q->top;
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

/* Copy the answers every query gets: counts, header, sources. */
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
	return s->q->mode == QUERY_AGGREGATE ? data_finish_groups(s) : 0;
}

/* Drop a query's results (rows cells included), leaving res zeroed. */
static void data_result_reset(struct query *q)
{
	if (q->res.cells) {
		for (size_t i = 0; i < q->res.nrows * q->ncolumns; i++)
			free(q->res.cells[i]);
		free(q->res.cells);
		q->res.cells = NULL;
	}
	query_result_clear(&q->res);
}

static void data_ctx_free(struct data_ctx *c)
{
	for (size_t i = 0; c->qst && i < c->nq; i++) {
		struct data_qstate *s = &c->qst[i];

		free(s->wcol);
		free(s->wlen);
		free(s->rcol);
		data_set_free(&s->groups);
		free(s->acc);
		free(s->src_order);
		free(s->src_seen);
	}
	free(c->qst);
	data_set_free(&c->sources);
	free(c->src_illus);
	data_free_strv(c->header, c->nnames);
	free(c->needed);
	free(c->cells);
	free(c->scratch);
	free(c->key);
	free(c->rb);
	csv_free(&c->p);
}

/* Open path for reading, or fill d at the first query's spec location. */
static int data_open(const char *path, struct query **qs, size_t nq, struct diag *d)
{
	const struct query *q0 = nq ? qs[0] : NULL;
	const char *file = q0 && q0->spec_file ? q0->spec_file : path;
	int line = q0 && q0->spec_file ? q0->spec_line : 0;
	struct stat st;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0) {
		diag_error(d, EXIT_NOINPUT, file, line, 1, "cannot open %s: %s", path,
			   strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		diag_error(d, EXIT_NOINPUT, file, line, 1, "cannot read %s: %s", path,
			   strerror(EISDIR));
		close(fd);
		return -1;
	}
	return fd;
}

/* One streaming pass over the file answers every query: see data.h. */
int data_run(const char *path, struct query **qs, size_t nq, struct diag *d,
	     struct diag_list *warn)
{
	struct data_ctx c;
	int fd;

	(void)warn;
	for (size_t i = 0; i < nq; i++)
		data_result_reset(qs[i]);
	if ((fd = data_open(path, qs, nq, d)) < 0)
		return -1;
	memset(&c, 0, sizeof c);
	c.path = path;
	c.qs = qs;
	c.nq = nq;
	c.d = d;
	c.line = c.base_line = c.row_line = 1;
	c.at_line_start = 1;
	c.col_source = c.col_illus = -1;
	c.row_source = -2;
	c.last_source[0] = c.last_source[1] = -1;
	if (csv_init(&c.p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0 ||
	    !(c.qst = calloc(nq + 1, sizeof *c.qst))) {
		close(fd);
		data_oom(&c);
		csv_free(&c.p);
		return -1;
	}
	for (size_t i = 0; i < nq; i++) {
		c.qst[i].q = qs[i];
		c.qst[i].vcol = -1;
	}
	data_read(&c, fd);
	close(fd);
	data_finish_read(&c);
	for (size_t i = 0; i < nq && !c.failed; i++)
		if (data_finish_query(&c, &c.qst[i]) < 0)
			data_oom(&c);
	data_ctx_free(&c);
	if (c.failed) {
		for (size_t i = 0; i < nq; i++)
			data_result_reset(qs[i]);
		return -1;
	}
	return 0;
}
