/* spec_src — the parser's base, which every spec file calls and which
 * calls none: the spec's text as lines (where each starts, the line and
 * column of a byte, a line's text), the located errors every spec file
 * reports through, and the document's growing list of blocks
 * (src/spec_int.h). */
#include "spec_int.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grow.h"
#include "utf8.h"

int spec_src_init(struct spec_src *s, const char *text, size_t len)
{
	size_t n = 1;

	for (size_t i = 0; i < len; i++)
		n += text[i] == '\n';
	if (n > (size_t)INT32_MAX)
		return -1;
	s->text = text;
	s->len = len;
	s->starts = malloc(n * sizeof *s->starts);
	if (!s->starts)
		return -1;
	s->starts[0] = 0;
	s->nstarts = 1;
	for (size_t i = 0; i < len; i++)
		if (text[i] == '\n')
			s->starts[s->nstarts++] = i + 1;
	s->nlines = (len > 0 && text[len - 1] == '\n') ? s->nstarts - 1 : s->nstarts;
	return 0;
}

/* 1-based line of byte offset off. */
static int src_line(const struct spec_src *s, size_t off)
{
	int lo = 0, hi = s->nstarts - 1;

	while (lo < hi) {
		int mid = lo + (hi - lo + 1) / 2;

		if (s->starts[mid] <= off)
			lo = mid;
		else
			hi = mid - 1;
	}
	return lo + 1;
}

/* Line and 1-based character column of p, if p points into the source
 * (md4c hands out pointers into our buffer for ordinary text).  1 or 0. */
int spec_src_where(const struct spec_src *s, const char *p, int *line, int *col)
{
	size_t off, start;

	if (!p || p < s->text || p >= s->text + s->len)
		return 0;
	off = (size_t)(p - s->text);
	*line = src_line(s, off);
	start = s->starts[*line - 1];
	*col = (int)utf8_count(s->text + start, off - start) + 1;
	return 1;
}

/* The text of line (1-based) without its line ending, or NULL past the end. */
const char *spec_src_line_text(const struct spec_src *s, int line, size_t *len)
{
	size_t a, b;

	if (line < 1 || line > s->nlines)
		return NULL;
	a = s->starts[line - 1];
	b = line < s->nstarts ? s->starts[line] : s->len;
	if (b > a && s->text[b - 1] == '\n')
		b--;
	if (b > a && s->text[b - 1] == '\r')
		b--;
	*len = b - a;
	return s->text + a;
}

int spec_check_line_lengths(struct spec_parser *p, const char *text, size_t len,
			    int first_line)
{
	size_t start = 0;
	int line = first_line;

	for (size_t i = 0; i <= len; i++) {
		if (i < len && text[i] != '\n')
			continue;
		if (i - start > SPEC_LINE_MAX)
			return spec_fail(p, line, 1, "line too long (limit %d bytes)",
					 SPEC_LINE_MAX);
		start = i + 1;
		line++;
	}
	return 0;
}

/* Skip what container blocks put before a line's content: indentation and
 * block-quote markers. */
size_t spec_skip_prefix(const char *t, size_t n)
{
	size_t i = 0;

	while (i < n && (spec_is_blank((unsigned char)t[i]) || t[i] == '>'))
		i++;
	return i;
}

/* The first error wins: later ones (often caused by it) are not reported. */
int spec_fail(struct spec_parser *p, int line, int col, const char *fmt, ...)
{
	char msg[sizeof p->d->msg];
	va_list ap;

	if (p->failed)
		return -1;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	diag_error(p->d, EXIT_DATAERR, p->doc->path, line, col, "%s", msg);
	p->failed = 1;
	return -1;
}

int spec_oom(struct spec_parser *p)
{
	if (!p->failed)
		diag_oom(p->d);
	p->failed = 1;
	return -1;
}

void spec_note_line(struct spec_parser *p, int line)
{
	if (line > p->last_line)
		p->last_line = line;
}

/* The first spec line after the last located one that satisfies pred, or
 * last_line + 1: locates blocks that carry no text (page breaks). */
int spec_find_line(struct spec_parser *p, int (*pred)(const char *, size_t))
{
	size_t n;

	for (int line = p->last_line + 1; line <= p->src.nlines; line++) {
		const char *t = spec_src_line_text(&p->src, line, &n);

		if (t && pred(t, n))
			return line;
	}
	return p->last_line + 1;
}

/* Append a block of type t; returns it (valid until the next append) or NULL. */
struct block *spec_add_block(struct spec_parser *p, enum block_type t, int line)
{
	struct doc *doc = p->doc;
	struct block *b;

	if (grow_array(&doc->blocks, &p->blocks_cap, doc->nblocks + 1, sizeof *doc->blocks) < 0) {
		spec_oom(p);
		return NULL;
	}
	b = &doc->blocks[doc->nblocks++];
	memset(b, 0, sizeof *b);
	b->type = t;
	b->line = line;
	return b;
}
