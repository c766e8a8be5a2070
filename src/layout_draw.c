/* layout_draw — drawing on the page, above layout_page (see layout_int.h):
 * filled rectangles and rules, plain strings, inline text broken into lines
 * (textflow) and set line by line with its faces, colours and links, and
 * text blocks placed over as many pages as they need, without orphans or
 * widows.  What is painted is marked as it is painted (layout_tag.c):
 * rectangles and rules as artifacts, text as the current element's, or
 * its links' and spans'. */
#include <stdlib.h>
#include <string.h>

#include "hpdf_fix.h"
#include "layout_int.h"

/* Inline text as one plain string (hard breaks become spaces). */
const char *lay_plain_text(struct lay *L, const struct inlines *in)
{
	size_t n = 0;
	for (size_t i = 0; i < in->n; i++)
		n += in->runs[i].text ? strlen(in->runs[i].text) : 0;
	char *s = malloc(n + 1), *p = s;
	if (!s)
		return lay_own(L, NULL);
	for (size_t i = 0; i < in->n; i++)
		for (const char *t = in->runs[i].text; t && *t; t++)
			*p++ = *t == '\n' ? ' ' : *t;
	*p = '\0';
	return lay_own(L, s);
}

/* One-run inlines around a plain string (tables, chart titles). */
void lay_one_run(struct run *r, struct inlines *in, const char *text, unsigned style)
{
	*r = (struct run){ (char *)(text ? text : ""), style, NULL, 0, 0 };
	*in = (struct inlines){ r, 1 };
}

static void set_fill(HPDF_Page p, struct rgb c)
{
	HPDF_Page_SetRGBFill(p, c.r, c.g, c.b);
}

void lay_fill_rect(struct lay *L, double x, double y, double w, double h, struct rgb c)
{
	lay_mark_path(L);
	set_fill(L->page, c);
	HPDF_Page_Rectangle(L->page, (HPDF_REAL)x, (HPDF_REAL)y, (HPDF_REAL)w, (HPDF_REAL)h);
	HPDF_Page_Fill(L->page);
}

/* A horizontal rule of width `w` points whose top edge is at y. */
void lay_hrule(struct lay *L, double x0, double x1, double y, double w, struct rgb c)
{
	lay_fill_rect(L, x0, y - w, x1 - x0, w, c);
}

/* Set face and colour in text object ts where they change. */
static void text_set(struct lay *L, struct text_state *ts, int face, double size, struct rgb c)
{
	if (face != ts->face)
		HPDF_Page_SetFontAndSize(L->page, lay_font(L, face), (HPDF_REAL)size);
	ts->face = face;
	if (!ts->has_color || c.r != ts->color.r || c.g != ts->color.g || c.b != ts->color.b)
		set_fill(L->page, c);
	ts->color = c;
	ts->has_color = 1;
}

/* A plain string with its left edge (align 0), right edge (2) or centre
 * (1) at x, baseline y, as the current element's text. */
void lay_show_string(struct lay *L, struct text_state *ts, int face, const struct type *t,
		     double x, double y, const char *s, int align)
{
	if (!s || !*s)
		return;
	if (align)
		x -= lay_text_width(L, face, t->size, s) / (align == 2 ? 1 : 2);
	text_set(L, ts, face, t->size, t->color);
	lay_mark_text(L, L->tags.cur);
	hpdf_fix_text_out(L->page, x, y, s, strlen(s));
}


/* Break `in` into tf, `width` points wide. */
int lay_flow(struct lay *L, struct textflow *tf, const struct inlines *in,
		unsigned base, double size, double width)
{
	if (textflow_break(tf, in, base, size, width, &L->meas)) {
		L->oom = 1;
		return -1;
	}
	return lay_failed(L);
}

/* The link annotation of fragment f (set at x, baseline base, in size)
 * of a run linking to href, with its Link element elem: an http(s) or
 * mailto target at once, an #anchor once all headings are known. */
static void add_link(struct lay *L, const struct tf_frag *f, const char *href, hpdf_tag_id elem,
		     double x, double base, double size)
{
	HPDF_Rect r = { (HPDF_REAL)(x + f->x), (HPDF_REAL)(base - lay_style.link_descent * size),
			(HPDF_REAL)(x + f->x + f->width),
			(HPDF_REAL)(base + lay_style.link_ascent * size) };

	if (href[0] == '#') {
		VEC_PUSH(L, L->links, ((struct link_rec){ L->page_no, r, href + 1, elem }));
	} else if (!strncmp(href, "http://", 7) || !strncmp(href, "https://", 8) ||
		   !strncmp(href, "mailto:", 7)) {
		HPDF_Annotation a = HPDF_Page_CreateURILinkAnnot(L->page, r, href);
		if (a) {
			hpdf_fix_link(L->pdf, a, href);
			lay_tag_link(L, L->page_no, elem, a);
		}
	}
}

/* A text object opened on the current page: nothing set in it yet. */
void lay_text_begin(struct lay *L, struct text_state *ts)
{
	lay_mark_text_begin(L);
	HPDF_Page_BeginText(L->page);
	*ts = (struct text_state){ -1, { 0, 0, 0 }, 0 };
}

void lay_text_end(struct lay *L)
{
	lay_mark_text_end(L);
	HPDF_Page_EndText(L->page);
}

/* Does the text after fragment f go on after a space (or a hard break)?
 * Then a line ending at f is drawn with that space after it, so text read
 * from the structure (screen readers, pdfinfo -struct-text), which joins
 * lines as they are, keeps its words apart. */
static int space_follows(const struct inlines *in, const struct tf_frag *f)
{
	size_t r = f->run, at = f->off + f->len;

	for (; r < in->n; r++, at = 0) {
		const char *t = in->runs[r].text;
		if (t && t[at])
			return t[at] == ' ' || t[at] == '\n';
	}
	return 0;
}

/* Draw line li of tf with its left edge at x and baseline `base`: each
 * fragment in its face; links in the accent colour, code in the code colour. */
void lay_draw_line(struct lay *L, const struct inlines *in, const struct textflow *tf,
		   size_t li, double x, double base, const struct type *t,
		   struct text_state *ts)
{
	const struct tf_line *ln = &tf->lines[li];
	struct text_state own;

	if (!ln->count)
		return;
	if (!ts)
		lay_text_begin(L, ts = &own);
	for (size_t k = ln->first; k < ln->first + ln->count; k++) {
		const struct tf_frag *f = &tf->frags[k];
		const struct run *r = &in->runs[f->run];
		struct rgb c = r->href ? lay_style.accent
			       : (r->style & RUN_CODE) ? lay_style.code_fg : t->color;
		hpdf_tag_id elem = lay_tag_inline(L, in, f->run);
		text_set(L, ts, f->face, t->size, c);
		lay_mark_text(L, elem);
		hpdf_fix_text_out(L->page, x + f->x, base, r->text + f->off, f->len);
		if (k + 1 == ln->first + ln->count && li + 1 < tf->nlines && space_follows(in, f))
			hpdf_fix_show(L->page, " ", 1);
		if (r->href && *r->href)
			add_link(L, f, r->href, elem, x, base, t->size);
	}
	if (ts == &own)
		lay_text_end(L);
}

/* Baseline of a line whose top is at `top`. */
double lay_baseline(const struct type *t, double top)
{
	return top - (t->leading - t->size) / 2 - lay_style.ascent * t->size;
}

/* Lines first..last-1 of tf, one chunk on the current page, in one text
 * object (one marked-content sequence for a chunk of plain text); a list
 * marker is its element's (Lbl) text. */
void lay_draw_chunk(struct lay *L, const struct inlines *in, const struct textflow *tf,
		       size_t first, size_t last, double x, const struct type *t,
		       const struct deco *deco)
{
	double top = L->y;
	struct text_state ts;
	hpdf_tag_id body = L->tags.cur;

	lay_text_begin(L, &ts);
	for (size_t i = first; i < last; i++) {
		double base = lay_baseline(t, L->y);
		if (i == 0 && deco && deco->marker) {
			lay_tag_use(L, deco->marker_elem);
			lay_show_string(L, &ts, TF_REGULAR, t, deco->marker_x, base, deco->marker,
					deco->marker_right ? 2 : 0);
			lay_tag_use(L, body);
		}
		lay_draw_line(L, in, tf, i, x, base, t, &ts);
		L->y -= t->leading;
	}
	lay_text_end(L);
	if (deco && deco->rule_x > 0)
		lay_fill_rect(L, deco->rule_x - lay_style.quote_rule / 2, L->y, lay_style.quote_rule,
			      top - L->y, lay_style.quote_rule_color);
}

/* Place the broken lines of a text block, continuing on new pages as
 * needed, never leaving a single first line at the foot of a page (orphan)
 * nor a single last line at the head of the next (widow). */
int lay_place_lines(struct lay *L, const struct inlines *in, const struct textflow *tf,
		       double x, const struct type *t, const struct deco *deco)
{
	size_t n = tf->nlines, i = 0;

	while (i < n) {
		size_t fit = lay_lines_left(L, t->leading, 0), take = n - i;
		if (fit < take) {
			take = fit;
			if (take > 0 && n - i - take < 2 && n - i >= 3)
				take = n - i - 2;
			if (!L->at_top && (take == 0 || (i == 0 && take < 2))) {
				if (lay_page_new(L))
					return -1;
				continue;
			}
			if (take == 0)
				take = 1; /* a page shorter than a line: overflow */
		}
		lay_draw_chunk(L, in, tf, i, i + take, x, t, deco);
		L->at_top = 0;
		i += take;
		if (i < n && lay_page_new(L))
			return -1;
	}
	return lay_failed(L);
}

/* Height that must stay together at the start of a text: its first two
 * lines (or its only one). */
double lay_text_lead(const struct textflow *tf, const struct type *t)
{
	return (tf->nlines < 2 ? (double)tf->nlines : 2) * t->leading;
}

/* A paragraph-like block: text `in` set in `t` at x, `width` wide. */
int lay_text_block(struct lay *L, const struct inlines *in, unsigned base,
		      const struct type *t, double x, double width, double before,
		      const struct deco *deco)
{
	struct textflow tf = { 0 };
	int rc = lay_flow(L, &tf, in, base, t->size, width);

	if (!rc)
		rc = lay_open_block(L, before, lay_text_lead(&tf, t));
	if (!rc)
		rc = lay_place_lines(L, in, &tf, x, t, deco);
	textflow_free(&tf);
	return rc;
}
