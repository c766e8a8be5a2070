/* layout_block — the title block (documents without a cover), headings
 * (kept with what follows, with bookmarks, #link targets and contents
 * entries), lists, block quotes and code blocks, each with its structure
 * element (Title, H1-H3, P, L/LI/Lbl/LBody, BlockQuote, Code). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hpdf_fix.h"
#include "layout_int.h"

/* A code block: lines as written (tabs expanded), in a grey box that
 * continues on the next page when needed. */
int lay_code_block(struct lay *L, const char *code, double *lead)
{
	size_t n = 0, col = 0;
	char *s;
	struct run r;
	struct inlines in;
	struct textflow tf = { 0 };
	double inner = L->right - L->left - 2 * lay_style.code_pad;
	int rc;

	for (const char *p = code; *p; p++)
		n += *p == '\t' ? (size_t)lay_style.tab_width : 1;
	if (!(s = malloc(n + 1))) {
		L->oom = 1;
		return -1;
	}
	n = 0;
	for (const char *p = code; *p; p++) {
		if (*p == '\t') {
			do
				s[n++] = ' ', col++;
			while (col % (size_t)lay_style.tab_width);
		} else {
			s[n++] = *p;
			col = *p == '\n' ? 0 : col + 1;
		}
	}
	while (n > 0 && s[n - 1] == '\n')
		n--;
	s[n] = '\0';
	lay_one_run(&r, &in, s, 0);
	rc = lay_flow(L, &tf, &in, 0, lay_style.code.size, inner);
	if (!rc && lead)
		*lead = lay_text_lead(&tf, &lay_style.code) + 2 * lay_style.code_pad;
	if (!rc && !lead)
		rc = lay_open_block(L, lay_style.figure_space,
				    lay_text_lead(&tf, &lay_style.code) + 2 * lay_style.code_pad);
	if (!rc && !lead)
		lay_tag_block(L, "Code");
	for (size_t i = 0; !rc && !lead && i < tf.nlines;) {
		size_t fit = lay_lines_left(L, lay_style.code.leading, 2 * lay_style.code_pad);
		size_t take = tf.nlines - i;
		if (fit < take && (fit < 2 || tf.nlines - i - fit < 2) && !L->at_top) {
			rc = lay_page_new(L);
			continue;
		}
		if (fit < take)
			take = fit ? fit : 1;
		double h = (double)take * lay_style.code.leading + 2 * lay_style.code_pad;
		lay_fill_rect(L, L->left, L->y - h, L->right - L->left, h, lay_style.code_bg);
		L->y -= lay_style.code_pad;
		lay_draw_chunk(L, &in, &tf, i, i + take, L->left + lay_style.code_pad,
			       &lay_style.code, NULL);
		L->y -= lay_style.code_pad;
		L->at_top = 0;
		i += take;
		if (i < tf.nlines)
			rc = lay_page_new(L);
	}
	if (!lead)
		L->gap = lay_style.figure_space;
	textflow_free(&tf);
	free(s);
	return rc ? -1 : lay_failed(L);
}

/* The structure of list item it (an L per nesting depth, the nested list
 * in its parent item's LBody; LI with Lbl and LBody): its Lbl, and its
 * LBody made what the text drawn next is.  lists[d] is the L open at
 * depth d, bodies[d] the LBody of the last item there. */
static hpdf_tag_id list_item_tags(struct lay *L, const struct list_item *it, int d,
				  hpdf_tag_id *lists, hpdf_tag_id *bodies)
{
	hpdf_tag_id li, lbl;

	if (!lists[d]) {
		lists[d] = lay_tag_elem(L, d ? bodies[d - 1] : 0, "L");
		lay_tag_attr(L, lists[d], "List", "ListNumbering", it->number ? "Decimal" : "Disc");
	}
	for (int k = d + 1; k < 8 && lists[k]; k++)
		lists[k] = 0; /* a deeper list ended: the next one is new */
	li = lay_tag_elem(L, lists[d], "LI");
	lbl = li ? lay_tag_elem(L, li, "Lbl") : 0;
	bodies[d] = li ? lay_tag_elem(L, li, "LBody") : 0;
	lay_tag_use(L, bodies[d]);
	return lbl;
}

/* A list: items with hanging markers, nested by depth; a nested item's
 * marker sits where its parent's text starts. */
static int list_block(struct lay *L, const struct block *b)
{
	enum { MAXD = 8 };
	double textx[MAXD], hang[MAXD] = { 0 };
	hpdf_tag_id lists[MAXD] = { 0 }, bodies[MAXD] = { 0 };
	char label[32];

	for (int d = 0; d < MAXD; d++) /* for a list that starts nested */
		textx[d] = L->left + (d + 1) * lay_style.list_indent_min;

	/* number labels of one depth share a hang wide enough for the widest */
	for (size_t i = 0; i < b->nitems; i++) {
		int d = b->items[i].depth < 0 ? 0 : b->items[i].depth % MAXD;
		double w = lay_style.list_indent_min;
		if (b->items[i].number) {
			snprintf(label, sizeof label, "%d.", b->items[i].number);
			w = lay_text_width(L, TF_REGULAR, lay_style.body.size, label) +
			    lay_style.list_number_gap;
		}
		if (w > hang[d])
			hang[d] = w;
	}
	for (size_t i = 0; i < b->nitems; i++) {
		const struct list_item *it = &b->items[i];
		int d = it->depth < 0 ? 0 : it->depth % MAXD;
		double mx = d ? textx[d - 1] : L->left;
		double h = hang[d] > lay_style.list_indent_min ? hang[d]
							       : lay_style.list_indent_min;
		struct deco deco = { lay_style.bullets[d % 3], mx, 0, 0, 0 };
		textx[d] = mx + h;
		deco.marker_elem = list_item_tags(L, it, d, lists, bodies);
		if (it->number) {
			snprintf(label, sizeof label, "%d.", it->number);
			deco.marker = label;
			deco.marker_x = textx[d] - lay_style.list_number_gap;
			deco.marker_right = 1;
		}
		if (lay_text_block(L, &it->text, 0, &lay_style.body, textx[d], L->right - textx[d],
			       i ? lay_style.list_gap : lay_style.para_after, &deco))
			return -1;
		L->gap = lay_style.list_gap;
	}
	L->gap = lay_style.para_after;
	return 0;
}

/* Height of what must stay on the page with a heading before block bi:
 * the first lines of that block (for a heading, the heading and what follows
 * it).  Capped at half a page so a heading never waits on a huge block. */
static int block_lead(struct lay *L, size_t bi, double *h);

static int heading_height(struct lay *L, const struct inlines *in, int lv,
			  struct textflow *tf, double *h)
{
	if (lay_flow(L, tf, in, RUN_BOLD, lay_style.h[lv].size, L->right - L->left))
		return -1;
	*h = tf->nlines * lay_style.h[lv].leading +
	     (lv == 0 ? lay_style.h1_rule_gap + lay_style.h1_rule : 0);
	return 0;
}

static int lead_within(struct lay *L, size_t bi, double budget, double *h);

static int block_lead(struct lay *L, size_t bi, double *h)
{
	return lead_within(L, bi, lay_page_room(L) / 2, h);
}

/* block_lead, where only the first `budget` points matter (the caller caps
 * the total at half a page). */
static int lead_within(struct lay *L, size_t bi, double budget, double *h)
{
	const struct block *b = bi < L->doc->nblocks ? &L->doc->blocks[bi] : NULL;
	struct textflow tf = { 0 };
	int rc = 0;

	*h = 0;
	if (!b)
		return 0;
	switch (b->type) {
	case BLOCK_HEADING: {
		double next = 0;
		int lv = b->level < 1 ? 0 : b->level > 3 ? 2 : b->level - 1;
		rc = heading_height(L, &b->text, lv, &tf, h);
		/* a heading keeps the start of what follows, itself perhaps a
		 * heading; the lead is capped at half a page, so once that is
		 * reached the rest need not be measured: a run of 12,000
		 * headings took 12 s, each measuring all after it */
		if (!rc && *h + lay_style.h_after[lv] < budget)
			rc = lead_within(L, bi + 1, budget - *h - lay_style.h_after[lv], &next);
		*h += lay_style.h_after[lv] + next;
		break;
	}
	case BLOCK_PARAGRAPH:
	case BLOCK_QUOTE:
		rc = lay_flow(L, &tf, &b->text, 0, lay_style.body.size, L->right - L->left);
		*h = lay_text_lead(&tf, &lay_style.body);
		break;
	case BLOCK_LIST:
		if (b->nitems)
			rc = lay_flow(L, &tf, &b->items[0].text, 0, lay_style.body.size,
				  L->right - L->left - lay_style.list_indent_min);
		*h = lay_text_lead(&tf, &lay_style.body);
		break;
	case BLOCK_CODE:
		rc = lay_code_block(L, b->code ? b->code : "", h);
		break;
	case BLOCK_PIPE_TABLE:
		rc = b->ptable ? lay_pipe_table(L, b->ptable, h) : 0;
		break;
	case BLOCK_DATA_TABLE:
		rc = b->table ? lay_data_table(L, b->table, h) : 0;
		break;
	case BLOCK_CHART:
		rc = lay_chart(L, bi, h);
		break;
	case BLOCK_FIGURES:
		rc = lay_figures(L, b->figures, h);
		break;
	case BLOCK_PAGE_BREAK:
		break;
	}
	textflow_free(&tf);
	if (*h > lay_page_room(L) / 2)
		*h = lay_page_room(L) / 2;
	return rc;
}

/* A bookmark, a link target and a contents record for a heading; an H1
 * also names the pages in the running header. */
static int mark_heading(struct lay *L, const struct inlines *in, int lv, const char *anchor,
			double top, size_t key)
{
	HPDF_Destination dst = HPDF_Page_CreateDestination(L->page);
	const char *text = lay_plain_text(L, in);
	HPDF_Outline parent = NULL;

	if (!dst || !text)
		return -1;
	HPDF_Destination_SetFitH(dst, (HPDF_REAL)(top + lay_style.h_before[lv]));
	for (int k = lv - 1; k >= 0 && !parent; k--)
		parent = L->outline[k];
	HPDF_Outline o = HPDF_CreateOutline(L->pdf, parent, text,
					    HPDF_GetEncoder(L->pdf, "UTF-8"));
	if (!o)
		return -1;
	hpdf_fix_outline_dest(L->pdf, o, L->page, top + lay_style.h_before[lv]);
	if (lv == 0)
		HPDF_Outline_SetOpened(o, HPDF_TRUE);
	L->outline[lv] = o;
	for (int k = lv + 1; k < 3; k++)
		L->outline[k] = NULL;
	if (anchor && VEC_PUSH(L, L->anchors, ((struct anchor_rec){ anchor, dst, text })))
		return -1;
	if (VEC_PUSH(L, L->heads, ((struct head_rec){ key, L->pages.n - 1, dst })))
		return -1;
	if (lv == 0) {
		struct page_rec *pr = &L->pages.v[L->pages.n - 1];
		L->section = text;
		if (!pr->section_here)
			pr->section = text, pr->section_here = 1;
	}
	return lay_failed(L);
}

size_t lay_head_page(const struct lay *L, size_t key, HPDF_Destination *dst)
{
	for (size_t i = 0; i < L->heads.n; i++)
		if (L->heads.v[i].key == key) {
			if (dst)
				*dst = L->heads.v[i].dst;
			return L->heads.v[i].page;
		}
	return (size_t)-1;
}

int lay_heading(struct lay *L, const struct inlines *in, int level, const char *anchor,
		double next, size_t key)
{
	int lv = level < 1 ? 0 : level > 3 ? 2 : level - 1;
	struct textflow tf = { 0 };
	double h;
	int rc = heading_height(L, in, lv, &tf, &h);

	if (!rc && lv == 0 && L->doc->front.h1_new_page == FM_YES && !L->at_top && L->heads.n)
		L->break_due = 1;
	/* a heading taller than a page (wide glyphs can make 1,000 characters
	 * that tall) goes on over the next page, as a paragraph does */
	int tall = h > lay_page_room(L);
	if (!rc)
		rc = lay_open_block(L, lay_style.h_before[lv],
				    tall ? lay_text_lead(&tf, &lay_style.h[lv])
					 : h + lay_style.h_after[lv] + next);
	if (!rc)
		rc = mark_heading(L, in, lv, anchor, L->y, key);
	if (!rc)
		lay_tag_block(L, (const char *[]){ "H1", "H2", "H3" }[lv]);
	if (!rc && tall)
		rc = lay_place_lines(L, in, &tf, L->left, &lay_style.h[lv], NULL);
	if (!rc) {
		if (!tall)
			lay_draw_chunk(L, in, &tf, 0, tf.nlines, L->left, &lay_style.h[lv], NULL);
		if (lv == 0) {
			L->y -= lay_style.h1_rule_gap;
			lay_hrule(L, L->left, L->right, L->y, lay_style.h1_rule, lay_style.accent);
			L->y -= lay_style.h1_rule;
		}
		L->gap = lay_style.h_after[lv];
	}
	textflow_free(&tf);
	return rc ? -1 : lay_failed(L);
}

/* A heading of the spec: kept with the start of what follows. */
static int heading_block(struct lay *L, size_t bi)
{
	const struct block *b = &L->doc->blocks[bi];
	double next = 0;

	if (block_lead(L, bi + 1, &next))
		return -1;
	return lay_heading(L, &b->text, b->level, b->anchor, next, bi);
}

int lay_block(struct lay *L, size_t bi)
{
	const struct block *b = &L->doc->blocks[bi];
	double w = L->right - L->left;
	struct deco quote = { NULL, 0, 0, L->left + lay_style.quote_rule / 2 };

	switch (b->type) {
	case BLOCK_HEADING:
		return heading_block(L, bi);
	case BLOCK_PARAGRAPH:
		lay_tag_block(L, "P");
		if (lay_text_block(L, &b->text, 0, &lay_style.body, L->left, w,
				   lay_style.para_after, NULL))
			return -1;
		L->gap = lay_style.para_after;
		return 0;
	case BLOCK_QUOTE:
		lay_tag_block(L, "BlockQuote");
		if (lay_text_block(L, &b->text, RUN_ITALIC, &lay_style.quote,
				   L->left + lay_style.quote_indent, w - lay_style.quote_indent,
				   lay_style.para_after, &quote))
			return -1;
		L->gap = lay_style.para_after;
		return 0;
	case BLOCK_LIST:
		return list_block(L, b);
	case BLOCK_CODE:
		return lay_code_block(L, b->code ? b->code : "", NULL);
	case BLOCK_PIPE_TABLE:
		return b->ptable ? lay_pipe_table(L, b->ptable, NULL) : 0;
	case BLOCK_DATA_TABLE:
		return b->table ? lay_data_table(L, b->table, NULL) : 0;
	case BLOCK_CHART:
		return lay_chart(L, bi, NULL);
	case BLOCK_FIGURES:
		return lay_figures(L, b->figures, NULL);
	case BLOCK_PAGE_BREAK:
		/* taken by the next block, so a break at the top of a page or at
		 * the end of the document makes no empty page */
		L->break_due = !L->at_top;
		return 0;
	}
	return 0;
}

/* Page 1 opens with the title, subtitle and the author and date line. */
int lay_title(struct lay *L)
{
	const struct front_matter *f = &L->doc->front;
	const char *date = L->opt->date_text;
	struct run r;
	struct inlines in;
	char *by;
	size_t n;

	lay_one_run(&r, &in, f->title, RUN_BOLD);
	if (f->title)
		lay_tag_block(L, "Title");
	if (f->title && lay_text_block(L, &in, RUN_BOLD, &lay_style.title, L->left,
				   L->right - L->left, 0, NULL))
		return -1;
	if (f->subtitle && *f->subtitle) {
		lay_one_run(&r, &in, f->subtitle, 0);
		lay_tag_block(L, "P");
		L->gap = lay_style.subtitle_gap;
		if (lay_text_block(L, &in, 0, &lay_style.subtitle, L->left, L->right - L->left, 0,
				   NULL))
			return -1;
	}
	n = (f->author ? strlen(f->author) : 0) + (date ? strlen(date) : 0) + 8;
	by = malloc(n);
	if (!lay_own(L, by))
		return -1;
	snprintf(by, n, "%s%s%s", f->author ? f->author : "",
		 f->author && *f->author && date && *date ? " \xc2\xb7 " : "", date ? date : "");
	if (*by) {
		lay_one_run(&r, &in, by, 0);
		lay_tag_block(L, "P");
		L->gap = lay_style.byline_gap;
		if (lay_text_block(L, &in, 0, &lay_style.byline, L->left, L->right - L->left, 0,
				   NULL))
			return -1;
	}
	L->gap = lay_style.title_after;
	return 0;
}
