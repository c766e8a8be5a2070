/* layout — the document model flowed onto PDF pages with libharu.
 *
 * One pass over the blocks places them top to bottom, starting a page when
 * the next piece does not fit: the cover (title block, and the blocks before
 * the first heading), the contents list (its space reserved), the body, the
 * sources page.  Pages are kept in a list: headers and footers ("page N of
 * M"), the contents entries and links to headings are drawn once the page
 * count and all heading positions are known.  libharu's error handler only
 * records the first error in the context; every step checks it and turns it
 * into a diag.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fonts.h"
#include "grow.h"
#include "layout_int.h"
#include "render.h"
#include "scene.h"
#include "slurp.h"
#include "utf8.h"

static HPDF_Font lay_font(struct lay *L, int face);
static void font_path(const struct lay *L, int face, char *path, size_t size);

#ifndef BRIEFING_VERSION
#define BRIEFING_VERSION "0"
#endif

/* The house style (LOOK.md): every size, margin and colour in one place. */
const struct style lay_style = {
	.page_a4 = { 595.276, 841.89 },
	.page_letter = { 612, 792 },
	.margin_left = MM(20), .margin_right = MM(20),
	.margin_top = MM(22), .margin_bottom = MM(20),
	.ascent = 0.8,
	.body = { 10.5, 14, HEX(0x1a1a1a) },
	.para_after = 6, .figure_space = 10,
	.h = { { 20, 24, HEX(0x1a1a1a) }, { 14, 18, HEX(0x1a1a1a) },
	       { 11, 14, HEX(0x1a1a1a) } },
	.h_before = { 18, 14, 10 },
	.h_after = { 8, 6, 4 },
	.h1_rule = 2, .h1_rule_gap = 3,
	.accent = HEX(0x0b4f8a),
	.code_fg = HEX(0x9b1c1c),
	.title = { 24, 29, HEX(0x1a1a1a) },
	.subtitle = { 14, 18, HEX(0x444444) },
	.byline = { 10, 13, HEX(0x666666) },
	.subtitle_gap = 4, .byline_gap = 8, .title_after = 22,
	.header = { 8, 10, HEX(0x666666) },
	.footer = { 8, 10, HEX(0x666666) },
	.header_base = 24,
	.header_rule = 0.5, .header_rule_gap = 4,
	.hairline = HEX(0xcccccc),
	.footer_base = 30,
	.list_indent_min = 12, .list_number_gap = 4, .list_gap = 2,
	.bullets = { "\xe2\x80\xa2", "\xe2\x97\xa6", "\xe2\x96\xaa" }, /* • ◦ ▪ */
	.cell = { 9, 12, HEX(0x1a1a1a) },
	.cell_pad = 4,
	.head_bg = HEX(0xeef3f8), .zebra = HEX(0xf7f7f7),
	.head_rule = 0.75, .end_rule = 0.5,
	.head_rule_color = HEX(0x333333), .end_rule_color = HEX(0xcccccc),
	.caption = { 9, 12, HEX(0x1a1a1a) },
	.caption_gap = 3,
	.code = { 9, 12, HEX(0x1a1a1a) },
	.code_pad = 6,
	.code_bg = HEX(0xf3f3f3),
	.tab_width = 4,
	.quote = { 10.5, 14, HEX(0x444444) },
	.quote_indent = 14, .quote_rule = 2,
	.quote_rule_color = HEX(0xcccccc),
	.note = { 7.5, 10, HEX(0x666666) },
	.note_gap = 4,
	.link_ascent = 0.9, .link_descent = 0.25,
	.cover_title = { 28, 34, HEX(0x1a1a1a) },
	.cover_sub = { 14, 19, HEX(0x444444) },
	.cover_byline = { 10, 14, HEX(0x666666) },
	.cover_drop = 170,
	.cover_bar_w = 56, .cover_bar_h = 5, .cover_bar_gap = 18,
	.cover_sub_gap = 8, .cover_byline_gap = 18, .cover_after = 36,
	.tile_num = { 22, 26, HEX(0x0b4f8a) },
	.tile_cap = { 8.5, 11, HEX(0x555555) },
	.tile_num_min = 14,
	.tile_bg = HEX(0xf2f6fa),
	.tile_pad = 6, .tile_gap = 8, .tile_cap_gap = 3, .tile_after = 16,
	.toc1 = { 10.5, 14, HEX(0x1a1a1a) },
	.toc2 = { 10, 13, HEX(0x333333) },
	.toc_indent = 14, .toc_num_w = 36,
	.toc1_before = 7, .toc2_before = 2,
	.leader = HEX(0x999999), .leader_step = 4,
};

/* Make room for one more element in a VEC. */
int lay_vec_grow(void **v, size_t *cap, size_t n, size_t size)
{
	return grow_array(v, cap, n + 1, size);
}

/* libharu calls this on every error: remember the first, never longjmp. */
static void on_hpdf_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void *user)
{
	struct lay *L = user;

	if (!L->err) {
		L->err = error_no;
		L->detail = detail_no;
	}
}

/* -1 if libharu or malloc failed so far (the caller then stops). */
int lay_failed(const struct lay *L)
{
	return L->err || L->oom ? -1 : 0;
}

/* Turn the recorded failure into a diagnostic.  Out of memory first: a
 * font that failed for want of memory is not a bad font. */
static void fail_diag(const struct lay *L, struct diag *d)
{
	char path[1024];

	if (L->oom || L->err == HPDF_FAILD_TO_ALLOC_MEM) {
		diag_error(d, EXIT_SOFTWARE, "", 0, 0, "out of memory");
	} else if (L->font_failed) {
		font_path(L, L->font_failed - 1, path, sizeof path);
		if (L->err == HPDF_TTF_CANNOT_EMBEDDING_FONT)
			diag_error(d, EXIT_NOINPUT, path, 0, 0,
				   "cannot load font %s: its licence (OS/2 fsType) forbids embedding",
				   path);
		else
			diag_error(d, EXIT_NOINPUT, path, 0, 0,
				   "cannot load font %s: libharu error 0x%04X (detail %u)", path,
				   (unsigned)L->err, (unsigned)L->detail);
	} else {
		diag_error(d, EXIT_SOFTWARE, "", 0, 0, "libharu error 0x%04X (detail %u)",
			   (unsigned)L->err, (unsigned)L->detail);
	}
}

/* Long text is measured and shown in slices of at most this many bytes:
 * libharu refuses strings over HPDF_LIMIT_MAX_STRING_LEN (65,535). */
#define LAY_SLICE 4096

/* Width callback for textflow, in 1/1000 of the size.  libharu 2.3.0 measures
 * UTF-8 correctly: its UTF-8 encoder hands whole code points to the glyph
 * width lookup (checked for Cyrillic and ə ğ ı ş in test_layout.c).  It only
 * refuses strings over HPDF_LIMIT_MAX_STRING_LEN bytes, so long text is
 * measured in slices cut at code point boundaries. */
static double measure(void *ctx, int face, const char *s, size_t len)
{
	struct lay *L = ctx;
	double w = 0;

	while (len > 0) {
		size_t n = utf8_cut(s, len, LAY_SLICE);
		HPDF_Font font = lay_font(L, face);
		if (!font)
			return 0;
		HPDF_TextWidth tw = HPDF_Font_TextWidth(font, (const HPDF_BYTE *)s, (HPDF_UINT)n);
		w += tw.width;
		s += n;
		len -= n;
	}
	return w;
}

double lay_text_width(struct lay *L, int face, double size, const char *s)
{
	return measure(L, face, s, strlen(s)) * size / 1000.0;
}

/* A NUL-terminated copy of s[0..len) in the scratch buffer. */
static const char *scratch(struct lay *L, const char *s, size_t len)
{
	if (len + 1 > L->bufcap) {
		char *p = realloc(L->buf, len + 1);
		if (!p) {
			L->oom = 1;
			return NULL;
		}
		L->buf = p;
		L->bufcap = len + 1;
	}
	memcpy(L->buf, s, len);
	L->buf[len] = '\0';
	return L->buf;
}

/* Keep a malloc'ed string until the end of the layout. */
const char *lay_own(struct lay *L, char *s)
{
	if (!s || VEC_PUSH(L, L->owned, s)) {
		free(s);
		L->oom = 1;
		return NULL;
	}
	return s;
}

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
	set_fill(L->page, c);
	HPDF_Page_Rectangle(L->page, (HPDF_REAL)x, (HPDF_REAL)y, (HPDF_REAL)w, (HPDF_REAL)h);
	HPDF_Page_Fill(L->page);
}

/* A horizontal rule of width `w` points whose top edge is at y. */
void lay_hrule(HPDF_Page p, double x0, double x1, double y, double w, struct rgb c)
{
	set_fill(p, c);
	HPDF_Page_Rectangle(p, (HPDF_REAL)x0, (HPDF_REAL)(y - w), (HPDF_REAL)(x1 - x0),
			    (HPDF_REAL)w);
	HPDF_Page_Fill(p);
}

/* Show s[0..len) with its start at (x, y), inside BeginText: a string
 * longer than libharu takes in one piece continues in slices
 * (render_pdf_show); what is short goes as one TextOut, as always. */
static void text_out(struct lay *L, HPDF_Page p, double x, double y, const char *s,
		     size_t len)
{
	size_t n = utf8_cut(s, len, LAY_SLICE);
	const char *t = scratch(L, s, n);
	if (!t)
		return;
	HPDF_Page_TextOut(p, (HPDF_REAL)x, (HPDF_REAL)y, t);
	if (n < len)
		render_pdf_show(p, s + n, len - n);
}

/* Draw a plain string with its left edge (align 0), right edge (2) or centre
 * (1) at x, baseline y. */
void lay_draw_string(struct lay *L, HPDF_Page p, int face, const struct type *t,
			double x, double y, const char *s, int align)
{
	if (!s || !*s)
		return;
	if (align)
		x -= lay_text_width(L, face, t->size, s) / (align == 2 ? 1 : 2);
	HPDF_Page_BeginText(p);
	HPDF_Page_SetFontAndSize(p, lay_font(L, face), (HPDF_REAL)t->size);
	set_fill(p, t->color);
	text_out(L, p, x, y, s, strlen(s));
	HPDF_Page_EndText(p);
}

/* What lay_fit_string asks utf8_fit_prefix: does s[0..n), trailing spaces
 * dropped, fit in maxw with "…" after it?  Widths add up (libharu sums
 * glyph widths without kerning; measure() already relies on it), so the
 * ellipsis is measured once. */
struct fit_ask {
	struct lay *L;
	int face;
	const char *s;
	double ell;      /* the ellipsis' width, in 1/1000 of the size */
	double size, maxw;
};

static int prefix_fits(void *ctx, size_t n)
{
	const struct fit_ask *a = ctx;

	while (n > 0 && a->s[n - 1] == ' ')
		n--;
	return (measure(a->L, a->face, a->s, n) + a->ell) * a->size / 1000.0 <= a->maxw;
}

/* s, shortened with "…" at a code point so it fits in maxw (into a new
 * owned string when shortened).  Measures s once and then only prefixes
 * about as long as what fits (utf8_fit_prefix), so a 60,000-character
 * heading in the running header costs what a short one does. */
const char *lay_fit_string(struct lay *L, int face, double size, const char *s,
			   double maxw)
{
	static const char ell[] = "\xe2\x80\xa6";
	size_t len = strlen(s), n;

	if (lay_text_width(L, face, size, s) <= maxw)
		return s;
	struct fit_ask a = { L, face, s, measure(L, face, ell, sizeof ell - 1), size, maxw };
	n = utf8_fit_prefix(s, len, 0, prefix_fits, &a);
	while (n > 0 && s[n - 1] == ' ')
		n--;
	char *t = malloc(n + sizeof ell);
	if (!t)
		return lay_own(L, NULL);
	memcpy(t, s, n);
	memcpy(t + n, ell, sizeof ell);
	return lay_own(L, t);
}

/* ---- pages ------------------------------------------------------------- */

/* Start a new page; the cursor goes to the top of its text area. */
int lay_page_new(struct lay *L)
{
	HPDF_Page p = HPDF_AddPage(L->pdf);

	if (!p)
		return -1;
	HPDF_Page_SetWidth(p, (HPDF_REAL)L->pw);
	HPDF_Page_SetHeight(p, (HPDF_REAL)L->ph);
	if (VEC_PUSH(L, L->pages, ((struct page_rec){ p, L->section, 0 })))
		return -1;
	L->page = p;
	L->y = L->top;
	L->at_top = 1;
	return lay_failed(L);
}

/* Before a block: add the space owed (the larger of the previous block's
 * space after and this one's space before; none at the top of a page), and
 * start a new page when a page break is due or when `need` points (what must
 * stay together at the start of the block) do not fit below. */
int lay_open_block(struct lay *L, double before, double need)
{
	double g = L->gap > before ? L->gap : before;

	if (L->at_top)
		g = 0;
	if (!L->at_top && (L->break_due || L->y - g - need < L->bottom - 0.01)) {
		if (lay_page_new(L))
			return -1;
		g = 0;
	}
	L->y -= g;
	L->gap = 0;
	L->at_top = 0;
	L->break_due = 0;
	return 0;
}

/* Room left on the current page, in whole lines of `leading`. */
size_t lay_lines_left(const struct lay *L, double leading, double reserve)
{
	double room = L->y - L->bottom - reserve + 0.01;
	return room > 0 ? (size_t)(room / leading) : 0;
}

/* The text area's height (what one page can hold). */
double lay_page_room(const struct lay *L)
{
	return L->top - L->bottom;
}

/* ---- text -------------------------------------------------------------- */

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

/* Link annotations for the fragments of one line that carry a link:
 * http(s) and mailto targets at once, #anchors once all headings are known. */
static void add_links(struct lay *L, const struct inlines *in, const struct textflow *tf,
		      size_t li, double x, double base, double size)
{
	const struct tf_line *ln = &tf->lines[li];

	for (size_t k = ln->first; k < ln->first + ln->count; k++) {
		const struct tf_frag *f = &tf->frags[k];
		const char *href = in->runs[f->run].href;
		HPDF_Rect r = { (HPDF_REAL)(x + f->x),
				(HPDF_REAL)(base - S.link_descent * size),
				(HPDF_REAL)(x + f->x + f->width),
				(HPDF_REAL)(base + S.link_ascent * size) };
		if (!href || !*href)
			continue;
		if (href[0] == '#') {
			VEC_PUSH(L, L->links, ((struct link_rec){ L->pages.n - 1, r, href + 1 }));
		} else if (!strncmp(href, "http://", 7) || !strncmp(href, "https://", 8) ||
			   !strncmp(href, "mailto:", 7)) {
			HPDF_Annotation a = HPDF_Page_CreateURILinkAnnot(L->page, r, href);
			if (a)
				HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0);
		}
	}
}

/* Draw line li of tf with its left edge at x and baseline `base`: each
 * fragment in its face; links in the accent colour, code in the code colour. */
void lay_text_begin(struct lay *L, struct text_state *ts)
{
	HPDF_Page_BeginText(L->page);
	*ts = (struct text_state){ -1, { 0, 0, 0 }, 0 };
}

void lay_text_end(struct lay *L)
{
	HPDF_Page_EndText(L->page);
}

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
		struct rgb c = r->href ? S.accent : (r->style & RUN_CODE) ? S.code_fg : t->color;
		if (f->face != ts->face)
			HPDF_Page_SetFontAndSize(L->page, lay_font(L, f->face), (HPDF_REAL)t->size);
		ts->face = f->face;
		if (!ts->has_color || c.r != ts->color.r || c.g != ts->color.g ||
		    c.b != ts->color.b)
			set_fill(L->page, c);
		ts->color = c;
		ts->has_color = 1;
		text_out(L, L->page, x + f->x, base, r->text + f->off, f->len);
	}
	if (ts == &own)
		lay_text_end(L);
	add_links(L, in, tf, li, x, base, t->size);
}

/* Baseline of a line whose top is at `top`. */
double lay_baseline(const struct type *t, double top)
{
	return top - (t->leading - t->size) / 2 - S.ascent * t->size;
}


/* Lines first..last-1 of tf, one chunk on the current page. */
void lay_draw_chunk(struct lay *L, const struct inlines *in, const struct textflow *tf,
		       size_t first, size_t last, double x, const struct type *t,
		       const struct deco *deco)
{
	double top = L->y;

	for (size_t i = first; i < last; i++) {
		double base = lay_baseline(t, L->y);
		if (i == 0 && deco && deco->marker)
			lay_draw_string(L, L->page, TF_REGULAR, t, deco->marker_x, base,
				    deco->marker, deco->marker_right ? 2 : 0);
		lay_draw_line(L, in, tf, i, x, base, t, NULL);
		L->y -= t->leading;
	}
	if (deco && deco->rule_x > 0) {
		set_fill(L->page, S.quote_rule_color);
		HPDF_Page_Rectangle(L->page, (HPDF_REAL)(deco->rule_x - S.quote_rule / 2),
				    (HPDF_REAL)L->y, (HPDF_REAL)S.quote_rule,
				    (HPDF_REAL)(top - L->y));
		HPDF_Page_Fill(L->page);
	}
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


/* Links to #anchors, now that every heading has a destination.  A link to
 * an anchor no heading has stays coloured text. */
static int resolve_links(struct lay *L)
{
	for (size_t i = 0; i < L->links.n; i++) {
		const struct link_rec *k = &L->links.v[i];
		for (size_t j = 0; j < L->anchors.n; j++) {
			if (strcmp(L->anchors.v[j].anchor, k->anchor))
				continue;
			HPDF_Annotation a = HPDF_Page_CreateLinkAnnot(L->pages.v[k->page].page,
								      k->rect, L->anchors.v[j].dst);
			if (a)
				HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0);
			break;
		}
	}
	return lay_failed(L);
}

/* libharu 2.3.0 writes the ToUnicode CMap of its UTF-8 fonts with
 * "begincidrange", which poppler and MuPDF reject ("Invalid 'begincidrange'
 * operator in ToUnicode CMap") before falling back.  Text is shown with
 * Identity-H and two-byte codes that are the UCS-2 code points, so the right
 * map is the identity: rewrite the stream as bfranges, one per high byte
 * (surrogates left out), at most 100 to a section.  The one workaround for it. */
static int fix_tounicode(struct lay *L, HPDF_Font font)
{
	HPDF_Dict cmap = HPDF_Dict_GetItem(font, "ToUnicode", HPDF_OCLASS_DICT);
	HPDF_Stream st = cmap ? cmap->stream : NULL;
	char line[64];
	int ranges[256], n = 0, ret = 0;

	if (!st)
		return 0; /* nothing to fix: leave libharu's font alone */
	for (int hi = 0; hi < 256; hi++)
		if (hi < 0xD8 || hi > 0xDF)
			ranges[n++] = hi;
	HPDF_MemStream_FreeData(st);
	ret += HPDF_Stream_WriteStr(st,
		"/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
		"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
		"/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
		"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
	for (int i = 0; i < n; i += 100) {
		int k = n - i < 100 ? n - i : 100;
		snprintf(line, sizeof line, "%d beginbfrange\n", k);
		ret += HPDF_Stream_WriteStr(st, line);
		for (int j = i; j < i + k; j++) {
			snprintf(line, sizeof line, "<%02X00> <%02XFF> <%02X00>\n", ranges[j],
				 ranges[j], ranges[j]);
			ret += HPDF_Stream_WriteStr(st, line);
		}
		ret += HPDF_Stream_WriteStr(st, "endbfrange\n");
	}
	ret += HPDF_Stream_WriteStr(st, "endcmap\nCMapName currentdict /CMap defineresource pop\n"
				    "end\nend\n");
	return ret ? -1 : lay_failed(L);
}

static unsigned long be(const unsigned char *p, int n)
{
	unsigned long v = 0;
	while (n-- > 0)
		v = v << 8 | *p++;
	return v;
}

/* Check that f looks like a TrueType-outline font whose table directory
 * points inside the file: libharu 2.3.0 reads a truncated or foreign file
 * past its end and crashes, so it must never see one.  NULL if fine, else
 * the reason. */
static const char *check_ttf(FILE *f)
{
	static const char *const need[] = { "cmap", "glyf", "head", "hhea", "hmtx",
					    "loca", "maxp", "name", "post" };
	unsigned char hd[12], e[16];
	unsigned found = 0;
	long size;

	if (fseek(f, 0, SEEK_END) || (size = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) ||
	    fread(hd, 1, sizeof hd, f) != sizeof hd)
		return ferror(f) ? strerror(errno) : "not a TrueType font";
	if (!memcmp(hd, "OTTO", 4))
		return "OpenType-CFF fonts cannot be embedded, use a TrueType-outline .ttf";
	if (be(hd, 4) != 0x00010000UL && memcmp(hd, "true", 4))
		return "not a TrueType font";
	for (unsigned long i = 0, n = be(hd + 4, 2); i < n; i++) {
		if (fread(e, 1, sizeof e, f) != sizeof e ||
		    be(e + 8, 4) + be(e + 12, 4) > (unsigned long)size)
			return "truncated or damaged TrueType font";
		for (unsigned k = 0; k < sizeof need / sizeof *need; k++)
			if (!memcmp(e, need[k], 4))
				found |= 1u << k;
	}
	if (found != (1u << (sizeof need / sizeof *need)) - 1)
		return "TrueType font without the tables PDF embedding needs";
	return NULL;
}

/* ---- libharu 2.3.0 font workarounds -----------------------------------
 * Besides fix_tounicode above: libharu embeds, for every UTF-8 TrueType
 * font, things a document never reads, about half of each font's bytes in
 * the PDF: the 'post' table's glyph names (Liberation Sans: 27 KB, 12 KB
 * deflated), a W array with the width of each of the font's 2 600 glyphs
 * (10 KB, written uncompressed), a CIDToGIDMap of 65 536 entries (128 KB
 * to deflate, 4.5 KB after) and, though it keeps only the glyphs used, the
 * metrics of all of them (4.5 KB deflated).  shrink_post(), trim_font()
 * and blank_unused_metrics() cut these down, and get_font() spares libharu
 * building the full W array and map.  They reach into libharu's font
 * structures (its installed headers) and are the only code that does.
 * Pages render pixel for pixel as with libharu's own fonts (poppler and
 * MuPDF, every regression spec, when this was written); the tests check
 * that they render cleanly and extract (tests/cases/pdf_size.sh). */

/* A font file in memory that libharu reads through the callbacks below,
 * as it would read the file (owned by the layout: freed after HPDF_Free). */
struct font_file {
	unsigned char *data; /* the file's bytes, 'post' and 'hmtx' edited */
	HPDF_UINT len;       /* its size */
	HPDF_UINT pos;       /* libharu's read position (may pass the end) */
};

static HPDF_STATUS font_file_read(HPDF_Stream st, HPDF_BYTE *p, HPDF_UINT *n)
{
	struct font_file *f = st->attr;
	HPDF_UINT left = f->pos < f->len ? f->len - f->pos : 0;

	if (*n <= left) {
		memcpy(p, f->data + f->pos, *n);
		f->pos += *n;
		return HPDF_OK;
	}
	memcpy(p, f->data + f->pos, left); /* as a short fread at the end */
	f->pos += left;
	*n = left;
	return HPDF_STREAM_EOF;
}

static HPDF_STATUS font_file_seek(HPDF_Stream st, HPDF_INT pos, HPDF_WhenceMode mode)
{
	struct font_file *f = st->attr;
	long long to = pos;

	if (mode == HPDF_SEEK_CUR)
		to += f->pos;
	else if (mode == HPDF_SEEK_END)
		to += f->len;
	if (to < 0 || to > 0x7FFFFFFF)
		return HPDF_SetError(st->error, HPDF_FILE_IO_ERROR, 0);
	f->pos = (HPDF_UINT)to;
	return HPDF_OK;
}

static HPDF_INT32 font_file_tell(HPDF_Stream st)
{
	return (HPDF_INT32)((struct font_file *)st->attr)->pos;
}

static HPDF_UINT32 font_file_size(HPDF_Stream st)
{
	return ((struct font_file *)st->attr)->len;
}

/* Give libharu the font file in memory to read from, its 'post' table cut
 * to the 32-byte header marked version 3.0 ("no glyph names"), the form
 * font subsetters (cairo's, for one) embed: the header layout is the same
 * in versions 2.0 and 3.0, so only the version and the table's length
 * change; libharu copies the tables from this stream when it saves.  It
 * also reads faster than libharu's fseek and fread per field, and
 * blank_unused_metrics() edits it.  Best effort: on failure libharu keeps
 * its file and embeds the table whole.  -1 only when out of memory. */
static int shrink_post(struct lay *L, const char *name, const char *path)
{
	HPDF_FontDef def = HPDF_Doc_FindFontDef(L->pdf, name);
	HPDF_TTFontDefAttr a = def ? (HPDF_TTFontDefAttr)def->attr : NULL;
	HPDF_TTFTable *post = NULL;
	struct font_file *f;
	unsigned char *buf;
	char *text;
	size_t len = 0;
	HPDF_Stream st;

	for (unsigned i = 0; a && i < a->offset_tbl.num_tables; i++)
		if (!memcmp(a->offset_tbl.table[i].tag, "post", 4))
			post = &a->offset_tbl.table[i];
	if (!post || post->length <= 32 || slurp_file(path, &text, &len) < 0)
		return 0;
	buf = (unsigned char *)text;
	if ((size_t)post->offset + 32 > len || len > 0x7FFFFFFF) {
		free(buf);
		return 0;
	}
	if (!lay_own(L, (char *)buf) || !(f = calloc(1, sizeof *f)) || !lay_own(L, (char *)f))
		return -1;
	f->data = buf;
	f->len = (HPDF_UINT)len;
	st = HPDF_CallbackReader_New(L->pdf->mmgr, font_file_read, font_file_seek,
				     font_file_tell, font_file_size, f);
	if (!st)
		return -1;
	memcpy(buf + post->offset, "\x00\x03\x00\x00", 4);
	post->length = 32;
	HPDF_Stream_Free(a->stream);
	a->stream = st;
	return 0;
}

/* libharu's HPDF_GetFont builds a W array and a CIDToGIDMap for all 65 536
 * code points (CIDs here are the code points: the UTF-8 encoder shows text
 * as UCS-2), looking each one up in the cmap by a linear search over its
 * segments: 50 million instructions a face, more than half of what laying
 * out the default briefing cost.
 * trim_font() rebuilds both from the glyphs used anyway, so while GetFont
 * runs the font definition gets a cmap of one segment that maps every code
 * point to glyph 0 at once (its W array is then empty, every width being
 * the default); the real cmap is back before any text is measured. */
static HPDF_Font get_font(struct lay *L, const char *name)
{
	HPDF_FontDef def = HPDF_Doc_FindFontDef(L->pdf, name);
	HPDF_TTFontDefAttr a = def ? (HPDF_TTFontDefAttr)def->attr : NULL;
	HPDF_UINT16 end = 0xFFFF, start = 0xFFFF, range = 0;
	HPDF_INT16 delta = 1; /* 0xFFFF + 1: glyph 0 */
	HPDF_TTF_CmapRange real;
	HPDF_Font font;

	if (!a || a->cmap.format != 4)
		return HPDF_GetFont(L->pdf, name, "UTF-8");
	real = a->cmap;
	a->cmap.seg_count_x2 = 2;
	a->cmap.end_count = &end;
	a->cmap.start_count = &start;
	a->cmap.id_delta = &delta;
	a->cmap.id_range_offset = &range;
	font = HPDF_GetFont(L->pdf, name, "UTF-8");
	a->cmap = real;
	return font;
}

/* Zero the 'hmtx' metrics of the glyphs the document did not use in the
 * copy of the font libharu embeds from (shrink_post's font_file): libharu
 * keeps the metrics of all 2 600 glyphs, 4.5 KB a face deflated, and zeros
 * deflate to nothing.  No reader looks at an unused glyph's metrics (PDF
 * takes advances from W); the last full entry stays, as its advance also
 * serves the glyphs after it. */
static void blank_unused_metrics(HPDF_FontDef def)
{
	HPDF_TTFontDefAttr a = (HPDF_TTFontDefAttr)def->attr;
	struct font_file *f = a->stream && a->stream->read_fn == font_file_read ?
		a->stream->attr : NULL;
	HPDF_TTFTable *hmtx = NULL;
	HPDF_UINT nlong = a->num_h_metric;
	unsigned char *m;

	for (unsigned i = 0; f && i < a->offset_tbl.num_tables; i++)
		if (!memcmp(a->offset_tbl.table[i].tag, "hmtx", 4))
			hmtx = &a->offset_tbl.table[i];
	if (!hmtx || !nlong || nlong > a->num_glyphs ||
	    hmtx->length < 4 * nlong + 2 * (a->num_glyphs - nlong) ||
	    hmtx->offset > f->len || f->len - hmtx->offset < hmtx->length)
		return; /* libharu's own file (shrink_post gave up) or an odd table */
	m = f->data + hmtx->offset;
	for (HPDF_UINT g = 1; g < a->num_glyphs; g++) {
		if (a->glyph_tbl.flgs[g] || g == nlong - 1)
			continue;
		if (g < nlong)
			memset(m + 4 * g, 0, 4);
		else
			memset(m + 4 * nlong + 2 * (g - nlong), 0, 2);
	}
}

/* Rebuild a face's W array and CIDToGIDMap for the code points whose
 * glyphs the document used, by libharu's own marks (every glyph measured
 * or shown, and the parts of composite glyphs), found through the font's
 * real cmap: other code points map to glyph 0 with the default width,
 * which no reader asks for since no text uses them, and the map ends at
 * the last code point kept.  Called once, after the last text is drawn.
 * 0, or -1 when libharu or memory fails. */
static int trim_font(struct lay *L, HPDF_Font font)
{
	HPDF_FontAttr fa = (HPDF_FontAttr)font->attr;
	HPDF_FontDef def = fa->fontdef;
	HPDF_TTFontDefAttr a = (HPDF_TTFontDefAttr)def->attr;
	const HPDF_TTF_CmapRange *cm = &a->cmap;
	HPDF_Stream st = fa->map_stream ? fa->map_stream->stream : NULL;
	HPDF_Array w = fa->descendant_font ?
		HPDF_Dict_GetItem(fa->descendant_font, "W", HPDF_OCLASS_ARRAY) : NULL;
	HPDF_Array run = NULL;
	HPDF_UINT16 *gids;
	HPDF_UINT keep = 0;
	HPDF_STATUS ret = HPDF_OK;
	unsigned char be[2];

	if (!st || !w || cm->format != 4) {
		L->err = HPDF_INVALID_FONTDEF_DATA; /* not the structure get_font() assumed */
		return -1;
	}
	if (!(gids = calloc(65536, sizeof *gids))) {
		L->oom = 1;
		return -1;
	}
	for (HPDF_UINT i = 0; i < cm->seg_count_x2 / 2u; i++) {
		for (HPDF_UINT c = cm->start_count[i]; c <= cm->end_count[i] && c < 0xFFFF; c++) {
			HPDF_UINT16 gid = HPDF_TTFontDef_GetGlyphid(def, (HPDF_UINT16)c);
			if (gid && gid < a->num_glyphs && a->glyph_tbl.flgs[gid]) {
				gids[c] = gid;
				keep = c + 1 > keep ? c + 1 : keep;
			}
		}
	}
	HPDF_Array_Clear(w);
	HPDF_MemStream_FreeData(st);
	for (HPDF_UINT c = 0; c < (keep ? keep : 1) && ret == HPDF_OK; c++) {
		HPDF_INT16 gw = gids[c] ? HPDF_TTFontDef_GetGidWidth(def, gids[c]) : 0;

		be[0] = (unsigned char)(gids[c] >> 8);
		be[1] = (unsigned char)gids[c];
		ret = HPDF_Stream_Write(st, be, 2);
		if (!gids[c] || gw == def->missing_width) {
			run = NULL; /* the default width, DW */
			continue;
		}
		if (!run && ret == HPDF_OK) {
			run = HPDF_Array_New(L->pdf->mmgr);
			ret = run ? HPDF_Array_AddNumber(w, (HPDF_INT32)c) : HPDF_FAILD_TO_ALLOC_MEM;
			if (ret == HPDF_OK)
				ret = HPDF_Array_Add(w, run);
		}
		if (ret == HPDF_OK)
			ret = HPDF_Array_AddNumber(run, gw);
	}
	free(gids);
	blank_unused_metrics(def);
	return ret == HPDF_OK ? lay_failed(L) : -1;
}

/* trim_font() for every face loaded. */
static int trim_fonts(struct lay *L)
{
	for (int i = 0; i < 4; i++)
		if (L->font[i] && trim_font(L, L->font[i]))
			return -1;
	return 0;
}

/* DIR/FILE of a face. */
static void font_path(const struct lay *L, int face, char *path, size_t size)
{
	const char *dir = L->opt->fonts_dir ? L->opt->fonts_dir : "fonts";

	snprintf(path, size, "%s/%s", dir, fonts_file_name((enum font_face)face));
}

/* Check the four faces' files before anything is laid out, so a missing or
 * broken font is named plainly (and never crashes libharu) whichever faces
 * the document turns out to use. */
static int check_fonts(struct lay *L, struct diag *d)
{
	char path[1024];

	for (int i = 0; i < 4; i++) {
		font_path(L, i, path, sizeof path);
		FILE *f = fopen(path, "rb");
		if (!f) {
			diag_error(d, EXIT_NOINPUT, path, 0, 0, "cannot open font %s: %s", path,
				   strerror(errno));
			return -1;
		}
		const char *why = check_ttf(f);
		fclose(f);
		if (why) {
			diag_error(d, EXIT_NOINPUT, path, 0, 0, "cannot load font %s: %s", path, why);
			return -1;
		}
	}
	return 0;
}

/* Load one face into libharu (embedded, UTF-8).  Each face costs time
 * (reading and parsing the file, making the font, subsetting it on save)
 * and room (the embedded font program and its maps: some 25 KB), so a
 * face is loaded only when first measured or drawn: a document with no
 * bold italic text embeds no bold italic font.  On failure the face is
 * remembered in font_failed for the diagnostic and NULL returned. */
static HPDF_Font load_font(struct lay *L, int face)
{
	char path[1024];
	const char *name;

	font_path(L, face, path, sizeof path);
	name = HPDF_LoadTTFontFromFile(L->pdf, path, HPDF_TRUE);
	if (name && shrink_post(L, name, path))
		name = NULL; /* out of memory */
	L->font[face] = name ? get_font(L, name) : NULL;
	if (!L->font[face] || fix_tounicode(L, L->font[face])) {
		L->font[face] = NULL;
		L->font_failed = face + 1;
		if (!L->err)
			L->err = HPDF_INVALID_FONT_NAME;
	}
	return L->font[face];
}

/* The libharu font of a face (enum tf_face), loaded on first use; NULL
 * once loading a face has failed (the layout then stops). */
static HPDF_Font lay_font(struct lay *L, int face)
{
	if (face < 0 || face >= 4)
		face = TF_REGULAR;
	if (L->font[face] || L->font_failed)
		return L->font[face];
	return load_font(L, face);
}

/* The faces chart text uses, loaded before layout: render_pdf draws with
 * the array of faces it is given. */
static int load_chart_fonts(struct lay *L)
{
	for (size_t i = 0; L->opt->scenes && i < L->doc->nblocks; i++) {
		const struct scene *sc = L->opt->scenes[i];

		for (size_t k = 0; sc && k < scene_count(sc); k++) {
			const struct scene_item *it = scene_get(sc, k);
			if (it->kind == SCENE_TEXT && !lay_font(L, (int)it->face))
				return -1;
		}
	}
	return 0;
}

/* Document information: title, subject, author, creator and a creation
 * date from the report date at 00:00 UTC, so equal inputs give equal bytes.
 * Strings are UTF-16 (the UTF-8 encoder is made current for them). */
static int set_info(struct lay *L)
{
	const struct front_matter *f = &L->doc->front;
	char creator[128];
	int y, m, dd;

	HPDF_SetCurrentEncoder(L->pdf, "UTF-8");
	if (f->title)
		HPDF_SetInfoAttr(L->pdf, HPDF_INFO_TITLE, f->title);
	if (f->subtitle && *f->subtitle)
		HPDF_SetInfoAttr(L->pdf, HPDF_INFO_SUBJECT, f->subtitle);
	if (f->author && *f->author)
		HPDF_SetInfoAttr(L->pdf, HPDF_INFO_AUTHOR, f->author);
	if (f->keywords && *f->keywords)
		HPDF_SetInfoAttr(L->pdf, HPDF_INFO_KEYWORDS, f->keywords);
	snprintf(creator, sizeof creator, "briefing %s",
		 L->opt->version ? L->opt->version : "");
	HPDF_SetInfoAttr(L->pdf, HPDF_INFO_CREATOR, creator);
	if (L->opt->date_iso && sscanf(L->opt->date_iso, "%4d-%2d-%2d", &y, &m, &dd) == 3) {
		HPDF_Date date = { y, m, dd, 0, 0, 0, 'Z', 0, 0 };
		HPDF_SetInfoDateAttr(L->pdf, HPDF_INFO_CREATION_DATE, date);
		HPDF_SetInfoDateAttr(L->pdf, HPDF_INFO_MOD_DATE, date);
	}
	return lay_failed(L);
}

double layout_text_width(enum paper paper)
{
	const double *size = paper == PAPER_LETTER ? S.page_letter : S.page_a4;

	return size[0] - S.margin_left - S.margin_right;
}

void layout_options_defaults(struct layout_options *opt)
{
	opt->fonts_dir = "fonts";
	opt->date_text = "";
	opt->date_iso = NULL;
	opt->version = BRIEFING_VERSION;
	opt->scenes = NULL;
	opt->argc = 0;
	opt->argv = NULL;
}

/* Refuse, at its line, a heading longer than LAYOUT_HEADING_MAX_CHARS
 * (after placeholders are filled in), before anything is drawn. */
static int check_headings(const struct lay *L, struct diag *d)
{
	for (size_t i = 0; i < L->doc->nblocks; i++) {
		const struct block *b = &L->doc->blocks[i];
		size_t n = 0;

		if (b->type != BLOCK_HEADING)
			continue;
		for (size_t k = 0; k < b->text.n; k++)
			if (b->text.runs[k].text)
				n += utf8_count(b->text.runs[k].text, strlen(b->text.runs[k].text));
		if (n > LAYOUT_HEADING_MAX_CHARS) {
			diag_error(d, EXIT_DATAERR, L->doc->path, b->line, 1,
				   "heading has %zu characters, more than %d", n,
				   LAYOUT_HEADING_MAX_CHARS);
			return -1;
		}
	}
	return 0;
}

/* Everything between opening the document and saving it. */
static int lay_all(struct lay *L, struct diag *d)
{
	const double *size = L->doc->front.paper == PAPER_LETTER ? S.page_letter : S.page_a4;

	L->pw = size[0], L->ph = size[1];
	L->left = S.margin_left, L->right = L->pw - S.margin_right;
	L->top = L->ph - S.margin_top, L->bottom = S.margin_bottom;
	L->meas = (struct tf_measurer){ measure, L };
	if (HPDF_SetCompressionMode(L->pdf, HPDF_COMP_ALL) != HPDF_OK ||
	    HPDF_UseUTFEncodings(L->pdf) != HPDF_OK) {
		fail_diag(L, d);
		return -1;
	}
	if (check_headings(L, d) || check_fonts(L, d))
		return -1;
	if (load_chart_fonts(L))
		goto fail;
	L->first_body = 0;
	if (L->doc->front.cover != FM_NO)
		while (L->first_body < L->doc->nblocks &&
		       L->doc->blocks[L->first_body].type != BLOCK_HEADING)
			L->first_body++;
	if (set_info(L) || lay_page_new(L))
		goto fail;
	if (L->doc->front.cover != FM_NO) {
		if (lay_cover(L))
			goto fail;
		L->cover_pages = 1;
		if (L->first_body < L->doc->nblocks && lay_page_new(L))
			goto fail;
	} else if (lay_title(L)) {
		goto fail;
	}
	size_t h0 = L->first_body; /* the contents list goes before the first heading */
	while (h0 < L->doc->nblocks && L->doc->blocks[h0].type != BLOCK_HEADING)
		h0++;
	for (size_t i = L->first_body; i < L->doc->nblocks; i++) {
		if (i == h0 && lay_toc_reserve(L))
			goto fail;
		if (lay_block(L, i) || lay_failed(L))
			goto fail;
	}
	if (lay_sources(L, d)) {
		if (!d->code)
			fail_diag(L, d);
		return -1;
	}
	if (lay_running_heads(L) || resolve_links(L) || lay_toc_draw(L) || lay_navigation(L) ||
	    trim_fonts(L))
		goto fail;
	return 0;
fail:
	fail_diag(L, d);
	return -1;
}

/* The finished PDF as bytes in a new malloc'ed buffer: libharu saves into
 * its own memory stream, copied out here, so the caller writes the file with
 * a write loop of its own that knows errno (HPDF_SaveToFile reports only
 * "file I/O error", and would name the temporary file).  0 or -1 with d. */
static int save_to_memory(struct lay *L, unsigned char **data, size_t *len, struct diag *d)
{
	HPDF_UINT32 size, got;
	HPDF_STATUS st;
	unsigned char *buf;

	if (HPDF_SaveToStream(L->pdf) != HPDF_OK) {
		fail_diag(L, d);
		return -1;
	}
	size = got = HPDF_GetStreamSize(L->pdf);
	buf = malloc(size ? size : 1);
	if (!buf) {
		diag_error(d, EXIT_SOFTWARE, "", 0, 0, "out of memory");
		return -1;
	}
	HPDF_ResetStream(L->pdf);
	st = HPDF_ReadFromStream(L->pdf, buf, &got);
	if ((st != HPDF_OK && st != HPDF_STREAM_EOF) || got != size) {
		free(buf);
		fail_diag(L, d);
		return -1;
	}
	*data = buf;
	*len = size;
	return 0;
}

int layout_document_data(const struct doc *doc, const struct layout_options *opt,
			 unsigned char **data, size_t *len, int *pages, struct diag *d)
{
	struct lay *L = calloc(1, sizeof *L);
	int rc = -1;

	if (!L) {
		diag_error(d, EXIT_SOFTWARE, "", 0, 0, "out of memory");
		return -1;
	}
	L->doc = doc;
	L->opt = opt;
	L->pdf = HPDF_New(on_hpdf_error, L);
	if (!L->pdf)
		diag_error(d, EXIT_SOFTWARE, "", 0, 0, "cannot create PDF document");
	else if (!lay_all(L, d))
		rc = save_to_memory(L, data, len, d);
	if (pages)
		*pages = (int)L->pages.n;
	if (L->pdf)
		HPDF_Free(L->pdf);
	for (size_t i = 0; i < L->owned.n; i++)
		free(L->owned.v[i]);
	free(L->owned.v);
	free(L->pages.v);
	free(L->anchors.v);
	free(L->links.v);
	free(L->heads.v);
	free(L->toc.v);
	free(L->buf);
	free(L);
	return rc;
}

int layout_document(const struct doc *doc, const struct layout_options *opt,
		    const char *pdf_path, int *pages, struct diag *d)
{
	unsigned char *data;
	size_t len;
	FILE *fp;
	int err = 0;

	if (layout_document_data(doc, opt, &data, &len, pages, d) < 0)
		return -1;
	fp = fopen(pdf_path, "wb");
	if (!fp) {
		free(data);
		diag_error(d, EXIT_CANTCREAT, "", 0, 0, "cannot write PDF to %s", pdf_path);
		return -1;
	}
	if (fwrite(data, 1, len, fp) != len)
		err = errno ? errno : EIO;
	if (fclose(fp) && !err)
		err = errno ? errno : EIO;
	free(data);
	if (err) {
		diag_error(d, EXIT_IOERR, pdf_path, 0, 0, "cannot write PDF to %s: %s", pdf_path,
			   strerror(err));
		return -1;
	}
	return 0;
}
