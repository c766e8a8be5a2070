/* data_feed — reading the file and feeding libcsv.  Each read is scanned
 * sixteen bytes at a time (SSE2 or NEON through GCC vectors): a block of
 * lines that is plain (rows are lines, valid UTF-8, no NUL) goes to libcsv in
 * one call, the fast path; other lines go one at a time, checked, with
 * their bytes kept for locations (data_loc.c). */
#include "data_int.h"

#include <string.h>

#include "grow.h"
#include "utf8.h"

/* Append the current segment to rb (up to DATA_ROWBYTES_MAX). */
static void keep_segment(struct data_ctx *c)
{
	if (c->loc.rb_lost)
		return;
	if (c->loc.rb_len + c->loc.seg_len > DATA_ROWBYTES_MAX) {
		c->loc.rb_lost = 1;
		return;
	}
	if (grow_array(&c->loc.rb, &c->loc.rb_cap, c->loc.rb_len + c->loc.seg_len, 1) < 0) {
		data_oom(c);
		return;
	}
	memcpy(c->loc.rb + c->loc.rb_len, c->loc.seg, c->loc.seg_len);
	c->loc.rb_len += c->loc.seg_len;
}

/* What scan_block() found in a block of complete lines. */
struct block_scan {
	int plain;       /* ASCII without NUL bytes: no UTF-8 or NUL checks needed */
	int rows_lines;  /* no '\n' inside quotes and every '\r' before a '\n':
			    starting outside any row, every non-blank line is one row */
	size_t newlines; /* '\n' bytes */
};

/* Sixteen bytes as a GCC/Clang vector (SSE2 on x86-64, NEON on arm64);
 * comparisons give 0 or -1 per byte. */
typedef unsigned char v16 __attribute__((vector_size(16)));
typedef signed char m16 __attribute__((vector_size(16)));

/* Sum of the 16 per-byte counters in acc. */
static size_t lanes_sum(v16 acc)
{
	unsigned char b[16];
	size_t sum = 0;

	memcpy(b, &acc, 16);
	for (int i = 0; i < 16; i++)
		sum += b[i];
	return sum;
}

/* Whether any byte of m is non-zero. */
static int lanes_any(m16 m)
{
	uint64_t w[2];

	memcpy(w, &m, 16);
	return (w[0] | w[1]) != 0;
}

/* Quote state over s[i..e): *inq flips at each '"'; a '\n' inside quotes or
 * a '\r' not followed by '\n' (within s[0..n)) sets *bad. */
static void scan_quotes(const char *s, size_t i, size_t e, size_t n, int *inq, int *bad)
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
static unsigned lane_bits(m16 m)
{
	return (unsigned)_mm_movemask_epi8((__m128i)m);
}

/* scan_quotes() for the sixteen bytes at s[i], from their bit masks:
 * the prefix XOR of the quote bits says which bytes are inside quotes. */
static void scan_quotes16(const char *s, size_t i, size_t n, m16 isq,
			  m16 islf, m16 iscr, int *inq, int *bad)
{
	unsigned q = lane_bits(isq), lf = lane_bits(islf), cr = lane_bits(iscr), x = q;

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

static void scan_quotes16(const char *s, size_t i, size_t n, m16 isq,
			  m16 islf, m16 iscr, int *inq, int *bad)
{
	(void)isq;
	(void)islf;
	(void)iscr;
	scan_quotes(s, i, i + 16, n, inq, bad);
}

#endif

/* One pass over a block, sixteen bytes at a time: high bits and NULs, a
 * count of newlines (per-byte counters summed every 255 steps, before any
 * can overflow), and whether rows and lines coincide: quotes are followed
 * only in the sixteen-byte steps that hold a quote or a CR. */
static void scan_block(const char *s, size_t n, struct block_scan *sc)
{
	m16 bad = { 0 };
	v16 acc = { 0 };
	size_t i = 0, k = 0, nl = 0;
	int bad1 = 0, inq = 0, split = 0;

	for (; i + 16 <= n; i += 16) {
		v16 v;
		m16 isq, islf, iscr;

		memcpy(&v, s + i, 16);
		isq = (m16)(v == '"');
		islf = (m16)(v == '\n');
		iscr = (m16)(v == '\r');
		bad |= (m16)(v >= 0x80) | (m16)(v == 0);
		acc -= (v16)islf; /* unsigned: -(-1) wraps to +1 */
		if (lanes_any(isq | iscr))
			scan_quotes16(s, i, n, isq, islf, iscr, &inq, &split);
		else if (inq)
			split |= lanes_any(islf);
		if (++k == 255) {
			nl += lanes_sum(acc);
			acc = (v16){ 0 };
			k = 0;
		}
	}
	nl += lanes_sum(acc);
	scan_quotes(s, i, n, n, &inq, &split);
	for (; i < n; i++) {
		unsigned char b = (unsigned char)s[i];

		bad1 |= b >= 0x80 || b == 0;
		nl += b == '\n';
	}
	sc->plain = !bad1 && !lanes_any(bad);
	sc->rows_lines = !split && !inq;
	sc->newlines = nl;
}

/* Bytes equal to ch in s[0..n), sixteen at a time (see scan_block()). */
size_t data_count_byte(const char *s, size_t n, char ch)
{
	v16 acc = { 0 };
	size_t i = 0, k = 0, count = 0;

	for (; i + 16 <= n; i += 16) {
		v16 v;

		memcpy(&v, s + i, 16);
		acc -= (v16)(v == (unsigned char)ch);
		if (++k == 255) {
			count += lanes_sum(acc);
			acc = (v16){ 0 };
			k = 0;
		}
	}
	count += lanes_sum(acc);
	for (; i < n; i++)
		count += s[i] == ch;
	return count;
}

/* The segment about to be parsed starts at a row's line: rb (the bytes
 * kept for locations) starts afresh there. */
static void rows_start_here(struct data_loc *l)
{
	l->rb_len = 0;
	l->rb_lost = 0;
	l->base_line = l->row_line = l->line;
	l->row_skip = 0;
}

/* Parse s[0..n): one physical line (complete = ends with '\n') or a piece of
 * one.  Checks NUL bytes and UTF-8 first, then lets libcsv call back, and
 * afterwards keeps the bytes in rb when the row goes on past this line. */
void data_feed(struct data_ctx *c, const char *s, size_t n, int complete)
{
	const char *nul;
	long bad;
	size_t done;

	c->loc.seg_line_start = c->loc.at_line_start;
	if (c->loc.at_line_start && c->p.pstate == 0 /* ROW_NOT_BEGUN */)
		rows_start_here(&c->loc);
	c->loc.seg = s;
	c->loc.seg_len = n;
	if (__builtin_expect(c->text.lines, 0) && data_text_line(c, s, n, complete)) {
		/* a skip: or comment line (data_dialect.c), kept for locations */
		if (!complete)
			keep_segment(c);
		goto next;
	}
	if (c->failed)
		return;
	if (c->fast.clean)
		goto parse;
	nul = memchr(s, '\0', n);
	bad = utf8_invalid_at(s, nul ? (size_t)(nul - s) : n);
	if (bad > 0 && s[bad - 1] == '\x1f' && s[bad] == '\x8b') {
		/* gzip's magic bytes: a file is inflated only from its first byte */
		data_byte_error(c, (size_t)bad - 1, "gzip data inside the text (bytes 0x1f 0x8b): "
				"a .gz file joined to another? Only a whole file is read as gzip");
		return;
	}
	if (bad >= 0) {
		data_byte_error(c, (size_t)bad, "invalid UTF-8 byte 0x%02x: set encoding: in a data "
				"block if the file is not UTF-8 (windows-1251, iso-8859-1, ...)",
				(unsigned char)s[bad]);
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
		data_field_error(c, c->row.nfields, "cell larger than 1 MiB");
		return;
	}
	if (!complete || c->p.pstate != 0)
		keep_segment(c);
next:
	c->loc.at_line_start = complete;
	if (complete)
		c->loc.line++;
}

/* Parse a block of complete lines where rows are lines, checked for UTF-8
 * and NULs, in one call: rows cannot span lines there, so locations are
 * found afterwards, only when needed (data_row_line(), data_field_error()),
 * and lines need not be fed one by one.  This is the hot path: the
 * splitter (split, data_split.c), which makes the scan's checks itself as
 * it goes and may stop at the first line that fails them, or libcsv where
 * scan_block() proved the block (newlines: its lines).  Returns the bytes
 * taken. */
static size_t feed_block(struct data_ctx *c, const char *s, size_t n, size_t newlines,
			 int split)
{
	size_t done;

	rows_start_here(&c->loc);
	c->loc.seg_line_start = 1;
	c->fast.w_line = c->loc.line;
	c->fast.w_rows = c->fast.w_off = 0;
	c->loc.seg = s;
	c->loc.seg_len = n;
	c->fast.block = 1;
	if (split) {
		done = data_split_block(c, s, n, &newlines); /* libcsv parses its odd lines */
	} else {
		done = csv_parse(&c->p, s, n, data_on_field, data_on_row, c);
		if (!c->failed && done < n)
			data_byte_error(c, done, "malformed CSV (libcsv: %s)",
					csv_strerror(csv_error(&c->p)));
	}
	c->fast.block = 0;
	if (c->failed)
		return n;
	c->loc.line += (long)newlines;
	c->loc.at_line_start = 1;
	c->loc.row_line = c->loc.line;
	return done;
}

/* Feed s[0..n), complete lines: to the splitter when it may split them,
 * up to a line that fails its checks; else (and from that line) as one
 * block to libcsv when the scan finds rows are lines there and no row is
 * open, else line by line. */
void data_feed_lines(struct data_ctx *c, const char *s, size_t n)
{
	struct block_scan sc;
	const char *nl;
	size_t p0 = 0;

	/* skip: lines and the header line one at a time (data_dialect.c) */
	while (__builtin_expect(c->text.lines, 0) && data_text_due(&c->text) && p0 < n &&
	       !c->failed) {
		const char *eol = memchr(s + p0, '\n', n - p0);
		size_t e = eol ? (size_t)(eol - s) + 1 : n;

		data_feed(c, s + p0, e - p0, eol != NULL);
		p0 = e;
	}
	if (p0 == n || c->failed)
		return;
	s += p0;
	n -= p0;
	p0 = 0;
	if (data_split_usable(c) && c->loc.at_line_start && c->p.pstate == 0 /* ROW_NOT_BEGUN */ &&
	    !(c->text.comment && data_comment_lines(c->text.comment, s, n))) {
		size_t done = feed_block(c, s, n, 0, 1);

		if (done == n || c->failed)
			return;
		s += done;
		n -= done;
	}
	scan_block(s, n, &sc);
	if (sc.rows_lines && c->loc.at_line_start && c->p.pstate == 0 /* ROW_NOT_BEGUN */ &&
	    (sc.plain || (!memchr(s, '\0', n) && utf8_invalid_at(s, n) < 0)) &&
	    !(c->text.comment && data_comment_lines(c->text.comment, s, n))) {
		feed_block(c, s, n, sc.newlines, 0);
		return;
	}
	c->fast.clean = sc.plain;
	while (!c->failed && (nl = memchr(s + p0, '\n', n - p0))) {
		size_t e = (size_t)(nl - s) + 1;

		data_feed(c, s + p0, e - p0, 1);
		p0 = e;
	}
	c->fast.clean = 0;
}

/* One read of up to step bytes of the file's text (data_source.c: hashed
 * as stored, decoded), then feed libcsv the complete lines in the buffer
 * (a line longer than the buffer goes in pieces); a partial last line
 * waits for the next read, or is fed at the end.  A UTF-8 BOM at the start
 * of the text is dropped (after hashing: the digest is the file's). */
void data_read_step(struct data_ctx *c, struct data_reader *rd)
{
	size_t want = rd->step - rd->have, p0, rest;
	const char *nl;
	ssize_t r = data_source_read(c, rd->src, rd->buf + rd->have, want);
	int eof;

	if (r < 0) {
		rd->done = 1;
		return;
	}
	rd->have += (size_t)r;
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

/* The end of a file's text: let libcsv flush the last row (which resets
 * it for the next file of a folder).  The file without a header is
 * data_input_end()'s to judge. */
void data_finish_read(struct data_ctx *c)
{
	if (c->failed)
		return;
	c->loc.seg = NULL;
	c->loc.seg_len = 0;
	c->loc.seg_line_start = c->loc.at_line_start;
	if (csv_fini(&c->p, data_on_field, data_on_row, c) != 0 && !c->failed) {
		if (csv_error(&c->p) == CSV_EPARSE)
			data_field_error(c, c->row.nfields, "unterminated quoted field");
		else
			diag_error(c->d, EXIT_DATAERR, c->path, (int)c->loc.line, 0,
				   "malformed CSV (libcsv: %s)", csv_strerror(csv_error(&c->p)));
		c->failed = 1;
	}
}
