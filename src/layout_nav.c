/* layout_nav — finding one's way through the PDF: the printed contents list
 * (its space reserved before the body is laid out, its entries drawn with
 * page numbers and links once every heading has a page, into content
 * streams reserved where the list is, so its entries come before the body
 * in the content as they do on the page; a TOC element of TOCI > Link),
 * the running heads (artifacts)
 * with "page N of M", links to #anchors (once every heading is placed),
 * page labels ("i" for the cover, 1… for the body) and the viewer's
 * opening state (first page, outline panel shown). */
#include <stdio.h>
#include <string.h>

#include "hpdf_fix.h"
#include "layout_int.h"

/* toc: yes/no, or by default a contents list with three or more H1s. */
static int toc_wanted(const struct lay *L)
{
	size_t h1 = 0;

	if (L->doc->front.toc != FM_AUTO)
		return L->doc->front.toc;
	for (size_t i = 0; i < L->doc->nblocks; i++)
		h1 += L->doc->blocks[i].type == BLOCK_HEADING && L->doc->blocks[i].level == 1;
	return h1 >= 3;
}

/* An entry's setting, left edge and the width its text may take. */
static const struct type *entry_type(const struct lay *L, const struct toc_slot *e,
				     unsigned *base, double *x, double *w)
{
	*base = e->level == 1 ? RUN_BOLD : 0;
	*x = L->left + (e->level == 1 ? 0 : lay_style.toc_indent);
	*w = L->right - lay_style.toc_num_w - *x;
	return e->level == 1 ? &lay_style.toc1 : &lay_style.toc2;
}

/* Break an entry's text into tf; its height into *h. */
static int entry_flow(struct lay *L, const struct toc_slot *e, struct textflow *tf,
		      struct inlines *in, struct run *r, double *h)
{
	unsigned base;
	double x, w;
	const struct type *t = entry_type(L, e, &base, &x, &w);

	lay_one_run(r, in, e->text, 0);
	if (lay_flow(L, tf, in, base, t->size, w))
		return -1;
	*h = (double)(tf->nlines ? tf->nlines : 1) * t->leading;
	return 0;
}

/* The contents list: a "Contents" heading and, under it, room for one entry
 * per H1 and H2 of the body (and the sources page).  Their page numbers are
 * not known yet; lay_toc_draw() fills the room in. */
int lay_toc_reserve(struct lay *L)
{
	const struct doc *doc = L->doc;
	struct run r;
	struct inlines in;
	struct textflow tf = { 0 };
	double h = 0;
	int rc = 0;

	if (!toc_wanted(L))
		return 0;
	for (size_t i = L->first_body; i < doc->nblocks; i++) {
		const struct block *b = &doc->blocks[i];
		const char *text;
		if (b->type != BLOCK_HEADING || b->level > 2)
			continue;
		if (!(text = lay_plain_text(L, &b->text)) ||
		    VEC_PUSH(L, L->toc, ((struct toc_slot){ i, text, b->level, 0, 0, NULL })))
			return -1;
	}
	if (lay_sources_wanted(L) &&
	    VEC_PUSH(L, L->toc, ((struct toc_slot){ KEY_SOURCES, lay_lang(L)->sources, 1, 0, 0,
						    NULL })))
		return -1;
	if (!L->toc.n)
		return 0;
	lay_one_run(&r, &in, lay_lang(L)->contents, 0);
	rc = entry_flow(L, &L->toc.v[0], &tf, &in, &r, &h);
	lay_one_run(&r, &in, lay_lang(L)->contents, 0);
	if (!rc)
		rc = lay_heading(L, &in, 1, NULL, h + lay_style.toc1_before, KEY_CONTENTS);
	if (!rc)
		L->toc_elem = lay_tag_elem(L, 0, "TOC");
	for (size_t i = 0; !rc && i < L->toc.n; i++) {
		struct toc_slot *e = &L->toc.v[i];
		rc = entry_flow(L, e, &tf, &in, &r, &h);
		if (!rc)
			rc = lay_open_block(L, e->level == 1 ? lay_style.toc1_before
							   : lay_style.toc2_before, h);
		e->page = L->pages.n - 1;
		e->y = L->y;
		/* the entries of a page are drawn into one stream, put here */
		e->stream = i && e->page == e[-1].page ? e[-1].stream : lay_tag_slot(L);
		L->y -= h;
	}
	L->gap = lay_style.h_before[0];
	textflow_free(&tf);
	return rc ? -1 : lay_failed(L);
}

/* Dot leaders from x0 to x1 on baseline y, on a grid shared by all entries
 * so the dots of consecutive lines stand in columns.  Drawn as one stroked
 * dashed line (hpdf_fix_dots): a dot per path (four Bezier curves each)
 * made the contents page 51 KB of the PDF. */
static void leaders(struct lay *L, HPDF_Page p, double x0, double x1, double y)
{
	const double step = lay_style.leader_step;
	double x = L->right - lay_style.toc_num_w + step, last;

	while (x > x0)
		x -= step;
	x += step;
	if (x > x1)
		return;
	last = x + step * (double)(long)((x1 - x) / step);
	lay_mark_path(L);
	hpdf_fix_dots(p, x, last, y + 0.6, step, 1.1, lay_style.leader.r, lay_style.leader.g,
		      lay_style.leader.b);
}

/* Every contents entry, now that its heading has a page, into the stream
 * reserved for it: dot leaders, the text and the page number as printed
 * in the footer (one text object: one TOCI > Link, read "Full years 1"),
 * and a link over the whole entry to the heading. */
int lay_toc_draw(struct lay *L)
{
	struct textflow tf = { 0 };
	struct run r;
	struct inlines in;
	struct text_state ts;
	HPDF_Dict in_slot = NULL;
	char num[32];

	for (size_t i = 0; i < L->toc.n && !lay_failed(L); i++) {
		const struct toc_slot *e = &L->toc.v[i];
		HPDF_Destination dst = NULL;
		size_t pg = lay_head_page(L, e->key, &dst);
		unsigned base;
		double x, w, h;
		const struct type *t = entry_type(L, e, &base, &x, &w);

		if (pg == (size_t)-1 || !dst || entry_flow(L, e, &tf, &in, &r, &h))
			continue;
		if (e->stream != in_slot) {
			if (in_slot)
				lay_tag_slot_leave(L);
			lay_page_go(L, e->page);
			lay_tag_slot_enter(L, in_slot = e->stream);
		}
		hpdf_tag_id link = lay_tag_elem(L, lay_tag_elem(L, L->toc_elem, "TOCI"), "Link");
		double base_y = lay_baseline(t, e->y - (double)(tf.nlines - 1) * t->leading);
		double end = x + (tf.nlines ? tf.lines[tf.nlines - 1].width : 0);
		int face = e->level == 1 ? TF_BOLD : TF_REGULAR;
		/* the space keeps title and number apart in text read from the structure */
		snprintf(num, sizeof num, " %zu", pg - L->cover_pages + 1);
		double nw = lay_text_width(L, face, t->size, num + 1);
		leaders(L, L->page, end + 3, L->right - nw - 4, base_y);
		lay_tag_use(L, link);
		lay_text_begin(L, &ts);
		for (size_t k = 0; k < tf.nlines; k++)
			lay_draw_line(L, &in, &tf, k, x, lay_baseline(t, e->y - (double)k * t->leading),
				      t, &ts);
		lay_show_string(L, &ts, face, t, L->right, base_y, num, 2);
		lay_text_end(L);
		HPDF_Rect rect = { (HPDF_REAL)x, (HPDF_REAL)(e->y - h), (HPDF_REAL)L->right,
				   (HPDF_REAL)e->y };
		HPDF_Annotation a = HPDF_Page_CreateLinkAnnot(L->page, rect, dst);
		if (a) {
			hpdf_fix_link(L->pdf, a, e->text);
			lay_tag_link(L, e->page, link, a);
		}
	}
	if (in_slot)
		lay_tag_slot_leave(L);
	textflow_free(&tf);
	return lay_failed(L);
}

/* Links to #anchors, now that every heading has a destination.  A link to
 * an anchor no heading has stays coloured text, a Span: a Link element
 * without its annotation would promise a link there is not. */
int lay_links_resolve(struct lay *L)
{
	for (size_t i = 0; i < L->links.n; i++) {
		const struct link_rec *k = &L->links.v[i];
		size_t j = 0;
		while (j < L->anchors.n && strcmp(L->anchors.v[j].anchor, k->anchor))
			j++;
		if (j == L->anchors.n) {
			lay_tag_retype(L, k->elem, "Span");
			continue;
		}
		HPDF_Annotation a = HPDF_Page_CreateLinkAnnot(L->pages.v[k->page].page, k->rect,
							      L->anchors.v[j].dst);
		if (a) {
			hpdf_fix_link(L->pdf, a, L->anchors.v[j].text);
			lay_tag_link(L, k->page, k->elem, a);
		}
	}
	return lay_failed(L);
}

/* The last string lay_fit_string fitted for the running header, so a
 * title or section repeated on every page is measured once, not once per
 * page. */
struct fit_memo {
	const char *in;  /* the string as given */
	double maxw;     /* the width it was fitted to */
	const char *out; /* the result */
};

static const char *fit_memo(struct lay *L, struct fit_memo *m, const char *s, double maxw)
{
	if (!s)
		return NULL;
	if (s != m->in || maxw != m->maxw)
		*m = (struct fit_memo){ s, maxw,
					lay_fit_string(L, TF_REGULAR, lay_style.header.size, s,
						       maxw) };
	return m->out;
}

/* Headers and footers, once the page count is known: on every page but the
 * cover, the report date left and "page N of M" right at the foot (N and M
 * count the body pages, as the page labels do); the short title and the
 * current section at the head of every page but the first, over a
 * hairline.  All pagination artifacts, the strings of a page in one text
 * object. */
int lay_running_heads(struct lay *L)
{
	const struct front_matter *f = &L->doc->front;
	char num[64];
	double w = L->right - L->left;
	struct fit_memo title_memo = { 0 }, sec_memo = { 0 };
	struct text_state ts;

	for (size_t i = L->cover_pages; i < L->pages.n && !lay_failed(L); i++) {
		const char *title = f->short_title ? f->short_title : f->title;
		const char *sec = L->pages.v[i].section;
		double hy = L->top + lay_style.header_base;
		lang_page(lay_lang(L), num, sizeof num, i - L->cover_pages + 1,
			  L->pages.n - L->cover_pages);
		lay_page_go(L, i);
		lay_tag_artifact(L, "Pagination", "Footer");
		lay_text_begin(L, &ts);
		lay_show_string(L, &ts, TF_REGULAR, &lay_style.footer, L->left,
				lay_style.footer_base, L->opt->date_text, 0);
		lay_show_string(L, &ts, TF_REGULAR, &lay_style.footer, L->right,
				lay_style.footer_base, num, 2);
		if (i > 0) {
			if (sec && title && !strcmp(sec, title))
				sec = NULL;
			sec = fit_memo(L, &sec_memo, sec, w / 2 - 6);
			double sw = sec ? lay_text_width(L, TF_REGULAR, lay_style.header.size, sec)
					: 0;
			title = fit_memo(L, &title_memo, title, w - sw - 12);
			lay_tag_artifact(L, "Pagination", "Header");
			lay_show_string(L, &ts, TF_REGULAR, &lay_style.header, L->left, hy, title, 0);
			lay_show_string(L, &ts, TF_REGULAR, &lay_style.header, L->right, hy, sec, 2);
		}
		lay_text_end(L);
		if (i > 0)
			lay_hrule(L, L->left, L->right, hy - lay_style.header_rule_gap,
				  lay_style.header_rule, lay_style.hairline);
	}
	lay_mark_close(L);
	return lay_failed(L);
}

/* The viewer opens on the first page with the outline shown; page labels
 * number the cover "i" and the body from 1, as the footers do. */
int lay_navigation(struct lay *L)
{
	HPDF_Destination dst;

	if (!L->pages.n)
		return 0;
	HPDF_SetPageMode(L->pdf, HPDF_PAGE_MODE_USE_OUTLINE);
	dst = HPDF_Page_CreateDestination(L->pages.v[0].page);
	if (dst) {
		HPDF_Destination_SetFit(dst);
		HPDF_SetOpenAction(L->pdf, dst);
	}
	if (L->cover_pages)
		HPDF_AddPageLabel(L->pdf, 0, HPDF_PAGE_NUM_STYLE_LOWER_ROMAN, 1, NULL);
	if (L->pages.n > L->cover_pages)
		HPDF_AddPageLabel(L->pdf, (HPDF_UINT)L->cover_pages, HPDF_PAGE_NUM_STYLE_DECIMAL,
				  1, NULL);
	return lay_failed(L);
}
