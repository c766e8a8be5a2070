/* spec_fence — code blocks: their text gathered as md4c hands it over,
 * their fence line found, and at their end either a plain code block or
 * one of ours (```values, ```table, ```chart, ```figures, ```data), which must be
 * closed by a fence of its own (src/spec_int.h). */
#include "spec_int.h"

#include <string.h>

/* The length of the run of fence characters (` or ~) starting a line's
 * content, or 0. */
static int fence_run(const char *t, size_t n, char fc, size_t *after)
{
	size_t i = spec_skip_prefix(t, n), j;

	for (j = i; j < n && t[j] == fc; j++)
		;
	*after = j;
	return j - i >= 3 ? (int)(j - i) : 0;
}

/* The length of the opening fence on the fence line. */
static int open_fence_len(struct spec_parser *p)
{
	size_t n, after;
	const char *t = spec_src_line_text(&p->src, p->code.line, &n);

	return t ? fence_run(t, n, p->code.fence_char, &after) : 3;
}

static int is_fence_line(const char *t, size_t n)
{
	size_t after;

	return fence_run(t, n, '`', &after) || fence_run(t, n, '~', &after);
}

/* Was the fenced block at p->code.line closed by a fence line of its own
 * (and not by the end of the document or of its container)? */
static int fence_closed(struct spec_parser *p)
{
	size_t n, after;
	int line = p->code.line + 1 + p->code.nl;
	const char *t = spec_src_line_text(&p->src, line, &n);
	int len;

	if (!t)
		return 0;
	len = fence_run(t, n, p->code.fence_char, &after);
	if (!len || len < open_fence_len(p))
		return 0;
	for (; after < n; after++)
		if (!spec_is_blank((unsigned char)t[after]))
			return 0;
	return 1;
}

int spec_code_enter(struct spec_parser *p, const MD_BLOCK_CODE_DETAIL *c)
{
	static const char *const kinds[] = { "values", "table", "chart", "figures", "data" };
	int col;

	p->code.in = 1;
	p->code.kind = CODE_PLAIN;
	p->code.buf.n = 0;
	p->code.line = p->code.body_line = p->code.nl = 0;
	p->code.fence_char = c->fence_char;
	for (int i = 0; c->fence_char && i < 5; i++)
		if (c->lang.size == strlen(kinds[i]) &&
		    memcmp(c->lang.text, kinds[i], c->lang.size) == 0)
			p->code.kind = (enum spec_code_kind)(i + 1);
	if (c->info.size && !spec_src_where(&p->src, c->info.text, &p->code.line, &col))
		p->code.line = 0;
	return spec_set_target(p, TGT_NONE, 0, 0);
}

int spec_code_text(struct spec_parser *p, const char *s, size_t n)
{
	int line, col;

	if (!p->code.body_line && spec_src_where(&p->src, s, &line, &col))
		p->code.body_line = line;
	for (size_t i = 0; i < n; i++)
		p->code.nl += s[i] == '\n';
	strbuf_add(&p->code.buf, s, n);
	return p->code.buf.oom ? spec_oom(p) : 0;
}

/* A code block ends: a plain code block, or one of ours read as keys. */
int spec_code_leave(struct spec_parser *p)
{
	const char *body = p->code.buf.n ? p->code.buf.s : "";
	size_t len = p->code.buf.n;
	struct block *b;

	p->code.in = 0;
	if (!p->code.line) {
		if (!p->code.fence_char && p->code.body_line)
			p->code.line = p->code.body_line;
		else if (p->code.body_line)
			p->code.line = p->code.body_line - 1;
		else
			p->code.line = spec_find_line(p, is_fence_line);
	}
	spec_note_line(p, p->code.line + p->code.nl + (p->code.fence_char ? 1 : 0));
	if (p->code.kind == CODE_PLAIN) {
		if (!(b = spec_add_block(p, BLOCK_CODE, p->code.line)))
			return -1;
		if (len && body[len - 1] == '\n')
			len--;
		if (!(b->code = strndup(body, len)))
			return spec_oom(p);
		return 0;
	}
	if (!fence_closed(p))
		return spec_fail(p, p->code.line, 1, "unterminated %.3s%s block",
				 p->code.fence_char == '~' ? "~~~" : "```",
				 p->code.kind == CODE_VALUES ? "values"
				 : p->code.kind == CODE_TABLE ? "table"
				 : p->code.kind == CODE_FIGURES ? "figures"
				 : p->code.kind == CODE_DATA ? "data" : "chart");
	if (p->code.kind == CODE_VALUES)
		return spec_values_block(p, body, len, p->code.line);
	if (p->code.kind == CODE_FIGURES)
		return spec_figures_block(p, body, len, p->code.line);
	if (p->code.kind == CODE_TABLE)
		return spec_table_block(p, body, len, p->code.line);
	if (p->code.kind == CODE_DATA)
		return spec_data_block(p, body, len, p->code.line);
	return spec_chart_block(p, body, len, p->code.line);
}
