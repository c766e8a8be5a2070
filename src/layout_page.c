/* layout_page — the state of one layout, at the bottom of the layout files
 * (see layout_int.h): the context and its libharu document, the failure
 * state (libharu's error handler only records the first error here; every
 * step checks it, and the driver turns it into a diag), strings kept to the
 * end, the fonts (checked up front, loaded on first use, trimmed at the
 * end), measuring text, and the pages with the cursor on them. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fonts.h"
#include "hpdf_fix.h"
#include "layout_int.h"
#include "utf8.h"

/* ---- the context and the failure state ----------------------------------- */

/* libharu calls this on every error: remember the first, never longjmp. */
static void on_hpdf_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void *user)
{
	struct lay *L = user;

	if (!L->err) {
		L->err = error_no;
		L->detail = detail_no;
	}
}

/* Width callback for textflow, in 1/1000 of the size: the glyph widths of
 * the face's font (hpdf_fix_text_width: any length). */
static double measure(void *ctx, int face, const char *s, size_t len)
{
	struct lay *L = ctx;
	HPDF_Font font;

	if (len == 0)
		return 0; /* loads no font */
	font = lay_font(L, face);
	return font ? hpdf_fix_text_width(font, s, len) : 0;
}

struct lay *lay_new(const struct doc *doc, const struct layout_options *opt)
{
	struct lay *L = calloc(1, sizeof *L);
	const double *size = doc->front.paper == PAPER_LETTER ? lay_style.page_letter
							      : lay_style.page_a4;

	if (!L)
		return NULL;
	L->doc = doc;
	L->opt = opt;
	L->pw = size[0], L->ph = size[1];
	L->left = lay_style.margin_left, L->right = L->pw - lay_style.margin_right;
	L->top = L->ph - lay_style.margin_top, L->bottom = lay_style.margin_bottom;
	L->meas = (struct tf_measurer){ measure, L };
	L->pdf = HPDF_New(on_hpdf_error, L);
	return L;
}

void lay_free(struct lay *L)
{
	if (!L)
		return;
	lay_tag_free(L); /* first: it takes its objects out of libharu's table */
	if (L->pdf)
		HPDF_Free(L->pdf);
	for (int i = 0; i < 4; i++)
		hpdf_font_file_free(L->font_file[i]);
	for (size_t i = 0; i < L->owned.n; i++)
		free(L->owned.v[i]);
	free(L->owned.v);
	free(L->pages.v);
	free(L->anchors.v);
	free(L->links.v);
	free(L->heads.v);
	free(L->toc.v);
	free(L);
}

int lay_failed(const struct lay *L)
{
	return L->err || L->oom ? -1 : 0;
}

/* DIR/FILE of a face. */
static void font_path(const struct lay *L, int face, char *path, size_t size)
{
	const char *dir = L->opt->fonts_dir ? L->opt->fonts_dir : "fonts";

	snprintf(path, size, "%s/%s", dir, fonts_file_name((enum font_face)face));
}

/* Out of memory first: a font that failed for want of memory is not a bad
 * font. */
void lay_fail_diag(const struct lay *L, struct diag *d)
{
	char path[1024];

	if (L->oom || L->err == HPDF_FAILD_TO_ALLOC_MEM) {
		diag_oom(d);
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

const char *lay_own(struct lay *L, char *s)
{
	if (!s || VEC_PUSH(L, L->owned, s)) {
		free(s);
		L->oom = 1;
		return NULL;
	}
	return s;
}

/* ---- fonts ---------------------------------------------------------------- */

/* Check the four faces' files before anything is laid out, so a missing or
 * broken font is named plainly (and never crashes libharu) whichever faces
 * the document turns out to use. */
int lay_fonts_check(struct lay *L, struct diag *d)
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
		const char *why = hpdf_fix_check_ttf(f);
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
	int oom = 0;

	font_path(L, face, path, sizeof path);
	L->font[face] = hpdf_fix_load_font(L->pdf, path, &L->font_file[face], &oom);
	if (oom)
		L->oom = 1;
	if (!L->font[face] || lay_failed(L)) {
		L->font[face] = NULL;
		L->font_failed = face + 1;
		if (!L->err)
			L->err = HPDF_INVALID_FONT_NAME;
	}
	return L->font[face];
}

HPDF_Font lay_font(struct lay *L, int face)
{
	if (face < 0 || face >= 4)
		face = TF_REGULAR;
	if (L->font[face] || L->font_failed)
		return L->font[face];
	return load_font(L, face);
}

/* hpdf_fix_trim_font() for every face loaded, once the last text is drawn:
 * the PDF then holds the widths and glyph map of the code points used. */
int lay_fonts_trim(struct lay *L)
{
	for (int i = 0; i < 4; i++) {
		HPDF_STATUS st = L->font[i] ? hpdf_fix_trim_font(L->pdf, L->font[i]) : HPDF_OK;

		if (st != HPDF_OK && !L->err)
			L->err = st;
		if (st != HPDF_OK || lay_failed(L))
			return -1;
	}
	return 0;
}

/* ---- measuring ------------------------------------------------------------ */

double lay_text_width(struct lay *L, int face, double size, const char *s)
{
	return measure(L, face, s, strlen(s)) * size / 1000.0;
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

/* ---- pages ---------------------------------------------------------------- */

/* Start a new page (its content marked from the start: what was open on
 * the page before closes there); the cursor goes to the top of its text
 * area. */
int lay_page_new(struct lay *L)
{
	HPDF_Page p;

	lay_mark_close(L);
	if (!(p = HPDF_AddPage(L->pdf)))
		return -1;
	HPDF_Page_SetWidth(p, (HPDF_REAL)L->pw);
	HPDF_Page_SetHeight(p, (HPDF_REAL)L->ph);
	if (VEC_PUSH(L, L->pages, ((struct page_rec){ p, L->section, 0 })) ||
	    lay_tag_page(L, p))
		return -1;
	L->page = p;
	L->page_no = L->pages.n - 1;
	L->y = L->top;
	L->at_top = 1;
	return lay_failed(L);
}

void lay_page_go(struct lay *L, size_t i)
{
	lay_mark_close(L);
	L->page = L->pages.v[i].page;
	L->page_no = i;
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
