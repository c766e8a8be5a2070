/* data_dialect — a dataset's dialect applied to its text (data.h's struct
 * data_dialect, from a ```data block): the lines skipped before each file's
 * header (skip:) and those a comment character starts (comment:), the
 * delimiter detected from the header line or checked against it, numbers
 * with a decimal comma (decimal: ,), and where a chunk of text with comment
 * lines can be cut for the worker threads (data_pipe.c).
 *
 * Skipped and comment lines never reach libcsv: data_feed() asks
 * data_text_line() about each line start while one is due, and the block
 * fast path (data_feed.c) is taken only for blocks without them, so its
 * rows are still its non-blank lines. */
#include "data_int.h"

#include <string.h>

#include "num.h"

/* The delimiters a header line is tried with, in the order a tie goes. */
static const char candidates[4] = { ',', ';', '\t', '|' };

const char *data_delim_name(char delim)
{
	switch (delim) {
	case '\t':
		return "tab";
	case ';':
		return ";";
	case '|':
		return "|";
	default:
		return ",";
	}
}

/* A delimiter as a message names it: tab, or quoted. */
static const char *delim_word(char delim)
{
	return delim == '\t' ? "tab" : delim == ';' ? "\";\"" : delim == '|' ? "\"|\"" : "\",\"";
}

/* Whether the text's lines need looking at one by one. */
static void update_lines(struct data_text *t)
{
	t->lines = data_text_due(t) || t->comment;
}

void data_text_init(struct data_ctx *c, const struct data_dialect *dd)
{
	struct data_text *t = &c->text;

	memset(t, 0, sizeof *t);
	t->parse_num = num_parse_dec;
	if (dd) {
		t->delim = dd->delimiter;
		t->comment = dd->comment;
		if (dd->decimal == ',')
			t->parse_num = data_num_comma;
		t->pad = dd->ragged_pad;
		t->skip = dd->skip > 0 ? dd->skip : 0;
	}
	if (t->delim)
		csv_set_delim(&c->p, (unsigned char)t->delim);
	data_text_file_start(c);
}

/* A chunk's context (data_pipe.c) reads as c0 does, from a record start
 * after the header. */
void data_text_copy(struct data_ctx *c, const struct data_ctx *c0)
{
	c->text = c0->text;
	c->text.skip_left = 0;
	c->text.in_skip = 0;
	c->text.at_header = 0;
	update_lines(&c->text);
	if (c->text.delim)
		csv_set_delim(&c->p, (unsigned char)c->text.delim);
}

/* A file of the pass starts: its own skip: lines, then its header line. */
void data_text_file_start(struct data_ctx *c)
{
	c->text.skip_left = c->text.skip;
	c->text.in_skip = 0;
	c->text.at_header = 1;
	update_lines(&c->text);
}

/* Whether s[0..n) is a line libcsv skips: only blanks and line ends. */
static int blank_line(const char *s, size_t n, char delim)
{
	for (size_t i = 0; i < n; i++)
		if (!data_is_blank(s[i], delim) && s[i] != '\r' && s[i] != '\n')
			return 0;
	return 1;
}

/* The header line s[0..n): the delimiter detected (the candidate that
 * splits it into the most fields outside quotes, the first on a tie), or
 * the given one checked: one column where another delimiter gives more is
 * an error at the line. */
static void header_line(struct data_ctx *c, const char *s, size_t n)
{
	struct data_text *t = &c->text;
	size_t count[4] = { 0 }, best = 0, given = 0;
	int inq = 0;

	for (size_t i = 0; i < n && (s[i] != '\n' || inq); i++) {
		if (s[i] == '"')
			inq ^= 1;
		for (size_t k = 0; !inq && k < 4; k++)
			count[k] += s[i] == candidates[k];
	}
	for (size_t k = 1; k < 4; k++)
		if (count[k] > count[best])
			best = k;
	if (!t->delim) {
		t->delim = candidates[best];
		t->detected = 1;
		csv_set_delim(&c->p, (unsigned char)t->delim);
		return;
	}
	for (size_t k = 0; k < 4; k++)
		if (candidates[k] == t->delim)
			given = count[k];
	if (given == 0 && count[best] > 0)
		data_byte_error(c, 0, "the header is one column with delimiter %s but %zu with %s: "
				"set delimiter: %s (or leave delimiter: out to detect it)",
				delim_word(t->delim), count[best] + 1, delim_word(candidates[best]),
				data_delim_name(candidates[best]));
}

/* A segment s[0..n) of a line (complete: it ends the line) is about to be
 * parsed, and c->text.lines is set: 1 when it is skipped (a skip: line, a
 * comment line, or the rest of one), else 0 after noting the header line. */
int data_text_line(struct data_ctx *c, const char *s, size_t n, int complete)
{
	struct data_text *t = &c->text;
	int skip = t->in_skip;

	if (!skip && c->loc.seg_line_start && c->p.pstate == 0 /* ROW_NOT_BEGUN */) {
		if (t->skip_left > 0) {
			t->skip_left--;
			skip = 1;
		} else if (t->comment && n && s[0] == t->comment) {
			skip = 1;
		} else if (t->at_header && !blank_line(s, n, t->delim)) {
			t->at_header = 0;
			header_line(c, s, n);
		}
	}
	if (skip)
		t->in_skip = !complete;
	update_lines(t);
	return skip;
}

/* Whether a line of s[0..n) (which starts at a line start) starts with
 * the comment character. */
int data_comment_lines(char comment, const char *s, size_t n)
{
	const char *p = memchr(s, comment, n);

	for (; p; p = memchr(p + 1, comment, (size_t)(s + n - p - 1)))
		if (p == s || p[-1] == '\n')
			return 1;
	return 0;
}

/* Quotes in s[0..n), odd or even. */
static int quotes_odd(const char *s, size_t n)
{
	int odd = 0;

	for (const char *q = memchr(s, '"', n); q; q = memchr(q + 1, '"', (size_t)(s + n - q - 1)))
		odd ^= 1;
	return odd;
}

/* Where to cut s[0..n), which starts at a record start, for a chunk: just
 * past the last '\n' outside quotes, where quotes in comment lines do not
 * count (data_pipe.c's record_cut() counts every quote).  0: none. */
size_t data_comment_cut(const char *s, size_t n, char comment)
{
	size_t i = 0, cut = 0;
	int odd = 0;

	while (i < n) {
		const char *nl = memchr(s + i, '\n', n - i);
		size_t e;

		if (!nl)
			break;
		e = (size_t)(nl - s);
		if (odd || s[i] != comment)
			odd ^= quotes_odd(s + i, e - i);
		i = e + 1;
		if (!odd)
			cut = i;
	}
	return cut;
}

/* A thousands separator at t[i] (decimal: ,): its kind (1 space, 2 '.',
 * 3 no-break space, 4 narrow no-break space) and *len bytes, else 0. */
static int group_sep(const char *t, size_t n, size_t i, size_t *len)
{
	const unsigned char *u = (const unsigned char *)t + i;

	*len = 1;
	if (t[i] == ' ')
		return 1;
	if (t[i] == '.')
		return 2;
	*len = 2;
	if (n - i >= 2 && u[0] == 0xc2 && u[1] == 0xa0)
		return 3;
	*len = 3;
	if (n - i >= 3 && u[0] == 0xe2 && u[1] == 0x80 && u[2] == 0xaf)
		return 4;
	return 0;
}

/* A number written with a decimal comma, t[0..n) trimmed: "1234,5",
 * "1 234,5", "1.234.567,89", "-0,5", "1,5E+03".  Thousands are grouped in
 * threes by one kind of separator (a space, a no-break space or '.');
 * "1.5" and "12 34" are not numbers.  num_parse_dec() of the same number
 * with a decimal point: 0 and its results, or -1. */
int data_num_comma(const char *t, size_t n, double *v, int64_t *m, int *k)
{
	char buf[96];
	size_t i = 0, o = 0, run = 0, len;
	int sep = 0, kind;

	if (n >= sizeof buf)
		return -1;
	if (i < n && (t[i] == '-' || t[i] == '+'))
		buf[o++] = t[i++];
	while (i < n) {
		if (t[i] >= '0' && t[i] <= '9') {
			buf[o++] = t[i++];
			run++;
		} else if ((kind = group_sep(t, n, i, &len)) != 0) {
			if (run == 0 || (sep && (kind != sep || run != 3)) || run > 3)
				return -1;
			sep = kind;
			run = 0;
			i += len;
		} else {
			break;
		}
	}
	if (sep && run != 3)
		return -1;
	if (i < n && t[i] == ',') {
		buf[o++] = '.';
		for (i++; i < n && t[i] >= '0' && t[i] <= '9'; i++)
			buf[o++] = t[i];
	}
	if (i < n && (t[i] == 'e' || t[i] == 'E')) {
		buf[o++] = t[i++];
		if (i < n && (t[i] == '-' || t[i] == '+'))
			buf[o++] = t[i++];
		while (i < n && t[i] >= '0' && t[i] <= '9')
			buf[o++] = t[i++];
	}
	if (i != n)
		return -1;
	return num_parse_dec(buf, o, v, m, k);
}

void data_dialect_init(struct data_dialect *dd)
{
	memset(dd, 0, sizeof *dd);
	dd->decimal = '.';
}
