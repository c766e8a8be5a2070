/* data_loc — where a row or a field is in the file, found only when an
 * error needs it, and the errors reported there.
 *
 * libcsv's callbacks carry no position.  Blocks of lines where rows and
 * lines coincide (no newline inside quotes, CR only in CRLF, valid UTF-8
 * without NULs) go to libcsv whole: a row is a non-blank line there, and
 * data_row_line() counts them when asked.  Other lines go one physical line
 * at a time (data_feed()), and rb keeps the bytes of the lines of a row
 * that spans lines (or of a line split across reads).  Either way rb + seg
 * starts at the beginning of line base_line, and an error finds a field's
 * position by rescanning those bytes, honouring quotes, only when it
 * happens. */
#include "data_int.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"

/* The pass ran out of memory: diag_oom() (unless an error is already
 * reported), and the pass stops. */
void data_oom(struct data_ctx *c)
{
	if (!c->failed)
		diag_oom(c->d);
	c->failed = 1;
}

/* Where an error about the file itself goes: its dataset's file: line
 * (a ```data block), else the data: line of the first query (column 1),
 * else the file. */
void data_file_where(const char *path, struct query *const *qs, size_t nq,
		     const char **file, int *line, int *col)
{
	const struct query *q0 = nq ? qs[0] : NULL;
	const struct data_dialect *dd = q0 ? q0->dialect : NULL;

	if (dd && dd->spec_file && dd->spec_line > 0) {
		*file = dd->spec_file;
		*line = dd->spec_line;
		*col = dd->spec_col > 0 ? dd->spec_col : 1;
		return;
	}
	*file = q0 && q0->spec_file ? q0->spec_file : path;
	*line = q0 && q0->spec_file ? q0->spec_line : 0;
	*col = *line ? 1 : 0;
}

/* A read() of the file failed (EIO on a bad disk, ...): an I/O error at
 * the data: line, so that the user knows which block's file it was. */
void data_read_error(struct data_ctx *c, int err)
{
	const char *file;
	int line, col;

	data_file_where(c->path, c->qs, c->nq, &file, &line, &col);
	diag_error(c->d, EXIT_IOERR, file, line, col, "cannot read %s: %s", c->path,
		   strerror(err));
	c->failed = 1;
}

/* Whether s[0..n) holds only blanks and CRs (a line libcsv skips; in a
 * block a CR comes only before the line's '\n'). */
static int is_blank_line(const char *s, size_t n, char delim)
{
	for (size_t i = 0; i < n; i++)
		if (!data_is_blank(s[i], delim) && s[i] != '\r')
			return 0;
	return 1;
}

/* Line where the current row starts.  Known directly when libcsv is fed a
 * line at a time; in a block (see data_feed.c: every non-blank line is one
 * row) a walker finds the row_skip-th non-blank line, moving forward only,
 * so a block costs at most one extra pass and only when lines are asked. */
long data_row_line(struct data_ctx *c)
{
	const struct data_loc *l = &c->loc;
	struct data_fast *f = &c->fast;

	while (f->block && f->w_off < l->seg_len) {
		const char *ls = l->seg + f->w_off;
		const char *e = memchr(ls, '\n', l->seg_len - f->w_off);
		size_t len = e ? (size_t)(e - ls) : l->seg_len - f->w_off;

		if (!is_blank_line(ls, len, c->text.delim)) {
			if (f->w_rows == l->row_skip)
				return f->w_line;
			f->w_rows++;
		}
		f->w_off += len + 1;
		f->w_line++;
	}
	return f->block ? f->w_line : l->row_line;
}

/* rb + seg as one buffer: *tmp is set when it had to be allocated. */
static const char *row_bytes(const struct data_loc *l, size_t *n, char **tmp)
{
	*tmp = NULL;
	if (l->rb_len == 0) {
		*n = l->seg_len;
		return l->seg ? l->seg : "";
	}
	if (l->seg_len == 0) {
		*n = l->rb_len;
		return l->rb;
	}
	*tmp = malloc(l->rb_len + l->seg_len);
	if (!*tmp) {
		*n = l->rb_len;
		return l->rb;
	}
	memcpy(*tmp, l->rb, l->rb_len);
	memcpy(*tmp + l->rb_len, l->seg, l->seg_len);
	*n = l->rb_len + l->seg_len;
	return *tmp;
}

/* Advance over a row terminator at b[*pos] ('\r', '\n' or "\r\n"). */
static void skip_newline(const char *b, size_t n, size_t *pos, long *line, size_t *ls)
{
	if (b[*pos] == '\r' && *pos + 1 < n && b[*pos + 1] == '\n')
		(*pos)++;
	if (b[*pos] == '\n') {
		(*line)++;
		*ls = *pos + 1;
	}
	(*pos)++;
}

/* Skip what libcsv skips before a row: blanks and line ends. */
static void skip_blank(const char *b, size_t n, size_t *pos, long *line, size_t *ls,
		       char delim)
{
	while (*pos < n && (data_is_blank(b[*pos], delim) || b[*pos] == '\r' || b[*pos] == '\n')) {
		if (data_is_blank(b[*pos], delim))
			(*pos)++;
		else
			skip_newline(b, n, pos, line, ls);
	}
}

/* Skip a quoted field starting at b[pos] == '"'; returns the position of
 * its closing quote (or n), counting the lines inside. */
static size_t skip_quoted(const char *b, size_t n, size_t pos, long *line, size_t *ls)
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
static void field_pos(struct data_ctx *c, size_t field, long *line, int *col)
{
	size_t n, pos = 0, ls = 0, k = 0, skip = c->loc.row_skip;
	char *tmp, delim = c->text.delim ? c->text.delim : ',';
	const char *b;
	long ln = c->loc.base_line;

	if (c->loc.rb_lost) {
		*line = data_row_line(c);
		*col = 0;
		return;
	}
	b = row_bytes(&c->loc, &n, &tmp);
	skip_blank(b, n, &pos, &ln, &ls, delim);
	for (;;) {
		while (pos < n && data_is_blank(b[pos], delim))
			pos++;
		if ((skip == 0 && k == field) || pos >= n)
			break;
		if (b[pos] == '"')
			pos = skip_quoted(b, n, pos, &ln, &ls);
		while (pos < n && b[pos] != delim && b[pos] != '\r' && b[pos] != '\n')
			pos++;
		if (pos >= n)
			break;
		if (b[pos] == delim) {
			k++;
			pos++;
			continue;
		}
		if (skip == 0)
			break; /* the row has fewer fields: point at its end */
		skip--;
		k = 0;
		skip_newline(b, n, &pos, &ln, &ls);
		skip_blank(b, n, &pos, &ln, &ls, delim);
	}
	*line = ln;
	*col = (int)utf8_count(b + ls, pos - ls) + 1;
	free(tmp);
}

/* Line and column of byte `off` of the current segment. */
static void byte_pos(const struct data_ctx *c, size_t off, long *line, int *col)
{
	const struct data_loc *l = &c->loc;
	size_t chars = utf8_count(l->seg, off);

	*line = l->line;
	if (c->fast.block) { /* a block of lines: count them */
		const char *ls = l->seg;

		for (const char *p = l->seg; p < l->seg + off; p++)
			if (*p == '\n')
				(*line)++, ls = p + 1;
		*col = (int)utf8_count(ls, (size_t)(l->seg + off - ls)) + 1;
		return;
	}
	if (!l->seg_line_start) {
		const char *nl;

		if (l->rb_lost) {
			*col = 0;
			return;
		}
		nl = memrchr(l->rb, '\n', l->rb_len);
		nl = nl ? nl + 1 : l->rb;
		chars += utf8_count(nl, (size_t)(l->rb + l->rb_len - nl));
	}
	*col = (int)chars + 1;
}

/* Report the error fmt at line:col of the file and stop the pass: what
 * data_field_error() and data_byte_error() share. */
static void verror(struct data_ctx *c, long line, int col, const char *fmt, va_list ap)
{
	char msg[sizeof c->d->msg];

	vsnprintf(msg, sizeof msg, fmt, ap);
	diag_error(c->d, EXIT_DATAERR, c->path, (int)line, col, "%s", msg);
	c->failed = 1;
}

/* Report an error about field `field` of the current row (unless the pass
 * has already failed: the first error stands). */
void data_field_error(struct data_ctx *c, size_t field, const char *fmt, ...)
{
	long line;
	int col;
	va_list ap;

	if (c->failed)
		return;
	field_pos(c, field, &line, &col);
	va_start(ap, fmt);
	verror(c, line, col, fmt, ap);
	va_end(ap);
}

/* Report an error at byte off of the current segment. */
void data_byte_error(struct data_ctx *c, size_t off, const char *fmt, ...)
{
	long line;
	int col;
	va_list ap;

	byte_pos(c, off, &line, &col);
	va_start(ap, fmt);
	verror(c, line, col, fmt, ap);
	va_end(ap);
}

/* Length of cell text to quote in a message: at most ~100 bytes, cut on a
 * UTF-8 boundary, so the rest of the message survives. */
int data_quote_len(const char *s, size_t n)
{
	if (n <= 100)
		return (int)n;
	n = 100;
	while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
		n--;
	return (int)n;
}

/* Error: column col of this row holds text where a number is needed. */
void data_not_number(struct data_ctx *c, int col, const char *what)
{
	size_t len;
	const char *s = data_cell_text(c, col, &len);
	int ql = data_quote_len(s, len);

	data_field_error(c, (size_t)col, "\"%.*s%s\" is not a number (column %s%s)", ql, s,
			 (size_t)ql < len ? "..." : "", c->hdr.names[col], what);
}

/* Error: column col of this row holds text where a date is needed; what
 * says where ("in where:", "in x: year(month)"). */
void data_not_date(struct data_ctx *c, int col, const char *what)
{
	size_t len;
	const char *s = data_cell_text(c, col, &len);
	int ql = data_quote_len(s, len);

	data_field_error(c, (size_t)col, "\"%.*s%s\" is not a date such as 2024, 2024-Q2, 2024-06 "
			 "or 2024-06-14 (column %s, %s)", ql, s, (size_t)ql < len ? "..." : "",
			 c->hdr.names[col], what);
}

/* Error: the value column col of this row holds a date (is_date) after
 * numbers, or a number after dates. */
void data_mixed_values(struct data_ctx *c, int col, int is_date)
{
	size_t len;
	const char *s = data_cell_text(c, col, &len);

	if (c->chunk)
		c->redo = 1; /* the numbers (or dates) may be in an earlier chunk */
	data_field_error(c, (size_t)col, "\"%.*s\" is a %s, but column %s has %s before it: a "
			 "value column holds numbers or dates, not both", data_quote_len(s, len), s,
			 is_date ? "date" : "number", c->hdr.names[col], is_date ? "numbers" : "dates");
}

/* Error: column col of this row holds a negative number where the query
 * allows none (the slices of a pie or donut chart). */
void data_negative(struct data_ctx *c, int col, const char *what)
{
	size_t len;
	const char *s = data_cell_text(c, col, &len);
	int ql = data_quote_len(s, len);

	data_field_error(c, (size_t)col, "negative value %.*s%s in a %s (column %s)", ql, s,
			 (size_t)ql < len ? "..." : "", what, c->hdr.names[col]);
}

/* Error: the number in column col of this row makes its group's sum
 * overflow a double (1e308 + 1e308): "inf" would reach the text. */
void data_too_large(struct data_ctx *c, int col)
{
	size_t len;
	const char *s = data_cell_text(c, col, &len);
	int ql = data_quote_len(s, len);

	c->redo = 1; /* the sum of a chunk alone is not the sum so far */
	data_field_error(c, (size_t)col, "\"%.*s%s\" makes the sum of column %s too large "
			 "(over 1.8e308)", ql, s, (size_t)ql < len ? "..." : "", c->hdr.names[col]);
}

/* Report an error about query q itself at line:col of its spec (its
 * data: line, column 1, when line is 0), unless the pass has already
 * failed. */
static void spec_verror(struct data_ctx *c, const struct query *q, int line, int col,
			const char *fmt, va_list ap)
{
	char msg[sizeof c->d->msg];

	if (c->failed)
		return;
	vsnprintf(msg, sizeof msg, fmt, ap);
	if (q->spec_file)
		diag_error(c->d, EXIT_DATAERR, q->spec_file, line ? line : q->spec_line,
			   line ? col : 1, "%s", msg);
	else
		diag_error(c->d, EXIT_DATAERR, c->path, 0, 0, "%s", msg);
	c->failed = 1;
}

/* Report an error about query q itself, at its spec location (column 1),
 * unless the pass has already failed. */
void data_spec_error(struct data_ctx *c, const struct query *q, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	spec_verror(c, q, 0, 0, fmt, ap);
	va_end(ap);
}

/* data_spec_error() at line:col of the spec (a where: condition); line 0:
 * the query's spec location. */
void data_spec_error_at(struct data_ctx *c, const struct query *q, int line, int col,
			const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	spec_verror(c, q, line, col, fmt, ap);
	va_end(ap);
}
