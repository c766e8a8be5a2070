/* spec_md — md4c's block events turned into blocks: block quotes, lists
 * (flattened, with depth), paragraphs, headings, page breaks, pipe tables;
 * raw HTML blocks are marked (spec_inline.c warns about their text), code
 * blocks go to spec_fence.c.  Also runs md4c (src/spec_int.h). */
#include "spec_int.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "grow.h"

static int push_ctr(struct spec_parser *p, enum spec_ctr_kind kind)
{
	if (grow_array(&p->md.ctrs, &p->md.ctrs_cap, p->md.nctrs + 1, sizeof *p->md.ctrs) < 0)
		return spec_oom(p);
	memset(&p->md.ctrs[p->md.nctrs++], 0, sizeof *p->md.ctrs);
	p->md.ctrs[p->md.nctrs - 1].kind = kind;
	return 0;
}

static int list_enter(struct spec_parser *p, int ordered, unsigned start)
{
	if (push_ctr(p, CTR_LIST) < 0)
		return -1;
	p->md.ctrs[p->md.nctrs - 1].ordered = ordered;
	p->md.ctrs[p->md.nctrs - 1].next = start;
	if (p->md.list_depth++ == 0)
		p->md.cur_list = SPEC_NO_INDEX;
	return 0;
}

/* A list item joins the current list block, or starts a new one when some
 * other block came in between (a list interrupted by a code block goes on in
 * a second list block). */
static int item_enter(struct spec_parser *p)
{
	struct spec_ctr *list = &p->md.ctrs[p->md.nctrs - 1];
	struct list_item *items;
	struct block *b;
	int number = list->ordered ? (int)list->next++ : 0;

	if (p->md.cur_list == SPEC_NO_INDEX || p->md.cur_list != p->doc->nblocks - 1) {
		if (!spec_add_block(p, BLOCK_LIST, 0))
			return -1;
		p->md.cur_list = p->doc->nblocks - 1;
	}
	b = &p->doc->blocks[p->md.cur_list];
	if (grow_array(&b->items, &b->items_cap, b->nitems + 1, sizeof *b->items) < 0)
		return spec_oom(p);
	items = b->items;
	memset(&items[b->nitems], 0, sizeof *items);
	items[b->nitems].depth = p->md.list_depth - 1;
	items[b->nitems].number = number;
	if (push_ctr(p, CTR_ITEM) < 0)
		return -1;
	p->md.ctrs[p->md.nctrs - 1].block = p->md.cur_list;
	p->md.ctrs[p->md.nctrs - 1].item = b->nitems++;
	return spec_set_target(p, TGT_ITEM, p->md.cur_list, b->nitems - 1);
}

/* Text after a paragraph or heading ends goes to the innermost list item, if
 * the innermost container is one (tight lists have no paragraphs). */
static int retarget(struct spec_parser *p)
{
	if (p->md.nctrs && p->md.ctrs[p->md.nctrs - 1].kind == CTR_ITEM)
		return spec_set_target(p, TGT_ITEM, p->md.ctrs[p->md.nctrs - 1].block,
				       p->md.ctrs[p->md.nctrs - 1].item);
	return spec_set_target(p, TGT_NONE, 0, 0);
}

/* A paragraph: more text of a list item (joined by a space), a quote
 * paragraph, or a plain paragraph. */
static int para_enter(struct spec_parser *p)
{
	int in_item = p->md.nctrs && p->md.ctrs[p->md.nctrs - 1].kind == CTR_ITEM;
	int in_quote = p->md.nctrs && p->md.ctrs[p->md.nctrs - 1].kind == CTR_QUOTE;

	if (in_item) {
		struct spec_ctr *c = &p->md.ctrs[p->md.nctrs - 1];

		if (spec_set_target(p, TGT_ITEM, c->block, c->item) < 0)
			return -1;
		if (p->doc->blocks[c->block].items[c->item].text.n)
			return spec_inline_add(p, " ", 1, NULL, 0);
		return 0;
	}
	if (!spec_add_block(p, in_quote ? BLOCK_QUOTE : BLOCK_PARAGRAPH, 0))
		return -1;
	return spec_set_target(p, TGT_BLOCK, p->doc->nblocks - 1, 0);
}

/* A paragraph ends; one that kept no text (only raw HTML) is dropped. */
static int para_leave(struct spec_parser *p)
{
	struct doc *doc = p->doc;
	struct block *last = doc->nblocks ? &doc->blocks[doc->nblocks - 1] : NULL;
	int own = p->in.tgt.kind == TGT_BLOCK;

	if (spec_close_run(p) < 0)
		return -1;
	if (own && last && (last->type == BLOCK_PARAGRAPH || last->type == BLOCK_QUOTE) &&
	    last->text.n == 0) {
		free(last->text.runs);
		doc->nblocks--;
	}
	return retarget(p);
}

static int heading_enter(struct spec_parser *p, unsigned level)
{
	struct block *b = spec_add_block(p, BLOCK_HEADING, 0);

	if (!b)
		return -1;
	p->md.heading_level = (int)level;
	b->level = level > 3 ? 3 : (int)level;
	return spec_set_target(p, TGT_BLOCK, p->doc->nblocks - 1, 0);
}

/* The heading is complete: its line, the level warning, its anchor. */
static int heading_leave(struct spec_parser *p)
{
	size_t bi = p->in.tgt.block;
	struct block *b;

	if (spec_close_run(p) < 0)
		return -1;
	b = &p->doc->blocks[bi];
	if (b->line == 0)
		b->line = p->last_line ? p->last_line : 1;
	if (p->md.heading_level > 3)
		diag_warn(p->warn, p->doc->path, b->line, 1,
			  "heading level %d is not supported: shown as level 3",
			  p->md.heading_level);
	if (!(b->anchor = spec_anchor_make(p, &b->text)))
		return spec_oom(p);
	return retarget(p);
}

/* A thematic break line (***, ___ or ---, spaces allowed between). */
static int is_break_line(const char *t, size_t n)
{
	size_t i = spec_skip_prefix(t, n);
	int count = 0;
	char c = i < n ? t[i] : 0;

	if (c != '*' && c != '_' && c != '-')
		return 0;
	for (; i < n; i++) {
		if (t[i] == c)
			count++;
		else if (!spec_is_blank((unsigned char)t[i]))
			return 0;
	}
	return count >= 3;
}

static int page_break(struct spec_parser *p)
{
	int line = spec_find_line(p, is_break_line);

	spec_note_line(p, line);
	return spec_add_block(p, BLOCK_PAGE_BREAK, line) ? 0 : -1;
}

static enum cell_align cell_align(MD_ALIGN a)
{
	switch (a) {
	case MD_ALIGN_LEFT: return ALIGN_LEFT;
	case MD_ALIGN_CENTER: return ALIGN_CENTER;
	case MD_ALIGN_RIGHT: return ALIGN_RIGHT;
	default: return ALIGN_DEFAULT;
	}
}

static int table_enter(struct spec_parser *p, const MD_BLOCK_TABLE_DETAIL *t)
{
	struct block *b;
	struct pipe_table *pt = calloc(1, sizeof *pt);

	if (!pt)
		return spec_oom(p);
	if (!(b = spec_add_block(p, BLOCK_PIPE_TABLE, 0))) {
		free(pt);
		return -1;
	}
	b->ptable = pt;
	pt->ncols = t->col_count;
	pt->nrows = t->body_row_count;
	pt->align = calloc(pt->ncols ? pt->ncols : 1, sizeof *pt->align);
	pt->cells = calloc((1 + pt->nrows) * (pt->ncols ? pt->ncols : 1), sizeof *pt->cells);
	if (!pt->align || !pt->cells)
		return spec_oom(p);
	p->md.row = -1;
	return spec_set_target(p, TGT_NONE, 0, 0);
}

/* A header or body cell: the header row sets the column alignments. */
static int cell_enter(struct spec_parser *p, const MD_BLOCK_TD_DETAIL *td)
{
	size_t bi = p->doc->nblocks - 1;
	struct pipe_table *pt = p->doc->blocks[bi].ptable;
	size_t col = p->md.col++;

	if (p->md.row < 0 || (size_t)p->md.row > pt->nrows || col >= pt->ncols)
		return spec_set_target(p, TGT_NONE, 0, 0);
	if (p->md.row == 0)
		pt->align[col] = cell_align(td->align);
	return spec_set_target(p, TGT_CELL, bi, (size_t)p->md.row * pt->ncols + col);
}

static int on_enter_block(MD_BLOCKTYPE type, void *detail, void *user)
{
	struct spec_parser *p = user;

	switch (type) {
	case MD_BLOCK_QUOTE: push_ctr(p, CTR_QUOTE); break;
	case MD_BLOCK_UL: list_enter(p, 0, 0); break;
	case MD_BLOCK_OL: list_enter(p, 1, ((MD_BLOCK_OL_DETAIL *)detail)->start); break;
	case MD_BLOCK_LI: item_enter(p); break;
	case MD_BLOCK_HR: page_break(p); break;
	case MD_BLOCK_H: heading_enter(p, ((MD_BLOCK_H_DETAIL *)detail)->level); break;
	case MD_BLOCK_CODE: spec_code_enter(p, detail); break;
	case MD_BLOCK_HTML: p->md.in_html = 1; p->md.html_warned = 0; break;
	case MD_BLOCK_P: para_enter(p); break;
	case MD_BLOCK_TABLE: table_enter(p, detail); break;
	case MD_BLOCK_TR: p->md.row++; p->md.col = 0; break;
	case MD_BLOCK_TH:
	case MD_BLOCK_TD: cell_enter(p, detail); break;
	default: break;
	}
	return p->failed;
}

static int on_leave_block(MD_BLOCKTYPE type, void *detail, void *user)
{
	struct spec_parser *p = user;

	(void)detail;
	switch (type) {
	case MD_BLOCK_QUOTE:
	case MD_BLOCK_LI:
		if (spec_close_run(p) == 0) {
			p->md.nctrs--;
			retarget(p);
		}
		break;
	case MD_BLOCK_UL:
	case MD_BLOCK_OL:
		p->md.nctrs--;
		if (--p->md.list_depth == 0)
			p->md.cur_list = SPEC_NO_INDEX;
		retarget(p);
		break;
	case MD_BLOCK_H: heading_leave(p); break;
	case MD_BLOCK_P: para_leave(p); break;
	case MD_BLOCK_CODE: spec_code_leave(p); break;
	case MD_BLOCK_HTML: p->md.in_html = 0; break;
	case MD_BLOCK_TH:
	case MD_BLOCK_TD: spec_set_target(p, TGT_NONE, 0, 0); break;
	default: break;
	}
	return p->failed;
}

/* md4c's text callback: the text of a code block goes to spec_fence.c,
 * any other to spec_inline.c. */
static int on_text(MD_TEXTTYPE type, const MD_CHAR *text, MD_SIZE size, void *user)
{
	struct spec_parser *p = user;

	if (p->code.in)
		return spec_code_text(p, text, size) < 0;
	return spec_on_text(type, text, size, user);
}

int spec_parse_markdown(struct spec_parser *p, size_t off)
{
	MD_PARSER md;
	int rc;

	memset(&md, 0, sizeof md);
	md.abi_version = 0;
	md.flags = MD_FLAG_TABLES | MD_FLAG_PERMISSIVEAUTOLINKS;
	md.enter_block = on_enter_block;
	md.leave_block = on_leave_block;
	md.enter_span = spec_on_enter_span;
	md.leave_span = spec_on_leave_span;
	md.text = on_text;
	if (p->src.len - off > UINT32_MAX)
		return spec_fail(p, 0, 0, "spec too large");
	rc = md_parse(p->src.text + off, (MD_SIZE)(p->src.len - off), &md, p);
	if (p->failed)
		return -1;
	if (rc != 0)
		return spec_oom(p);
	/* a block no located text came to (an empty list item) takes the line
	 * of the block before it */
	for (size_t i = 0; i < p->doc->nblocks; i++)
		if (p->doc->blocks[i].line == 0)
			p->doc->blocks[i].line = i ? p->doc->blocks[i - 1].line : 1;
	return spec_close_run(p);
}
