/* layout — the driver: the document model flowed onto PDF pages with
 * libharu, from opening the document to saving it (the files below it are
 * listed in layout_int.h).
 *
 * One pass over the blocks places them top to bottom, starting a page when
 * the next piece does not fit: the cover (title block, and the blocks before
 * the first heading), the contents list (its space reserved), the body, the
 * sources page.  Pages are kept in a list: headers and footers ("page N of
 * M"), the contents entries and links to headings are drawn once the page
 * count and all heading positions are known.  libharu's error handler only
 * records the first error in the context (layout_page.c); every step checks
 * it, and a failure ends here as a diag.
 *
 * The PDF is PDF/A-1b and tagged (the PDF/UA-1 model): each block file says
 * what its text is in the structure tree (layout_tag.c); the libharu
 * workarounds make the rest of PDF/A (hpdf_fix_pdfa.c) at the start and
 * just before saving.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hpdf_fix.h"
#include "layout_int.h"
#include "scene.h"
#include "utf8.h"

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
		hpdf_fix_set_dates(L->pdf, y, m, dd);
	}
	return lay_failed(L);
}

double layout_text_width(enum paper paper)
{
	const double *size = paper == PAPER_LETTER ? lay_style.page_letter : lay_style.page_a4;

	return size[0] - lay_style.margin_left - lay_style.margin_right;
}

void layout_options_defaults(struct layout_options *opt)
{
	opt->fonts_dir = "fonts";
	opt->date_text = "";
	opt->date_iso = NULL;
	opt->version = NULL; /* main passes the program's */
	opt->scenes = NULL;
	opt->files = NULL;
	opt->nfiles = 0;
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
	if (hpdf_fix_pdfa_start(L->pdf) != HPDF_OK ||
	    HPDF_SetCompressionMode(L->pdf, HPDF_COMP_ALL) != HPDF_OK ||
	    HPDF_UseUTFEncodings(L->pdf) != HPDF_OK) {
		lay_fail_diag(L, d);
		return -1;
	}
	if (check_headings(L, d) || lay_fonts_check(L, d))
		return -1;
	if (load_chart_fonts(L))
		goto fail;
	L->first_body = 0;
	if (L->doc->front.cover != FM_NO)
		while (L->first_body < L->doc->nblocks &&
		       L->doc->blocks[L->first_body].type != BLOCK_HEADING)
			L->first_body++;
	if (set_info(L) || lay_tag_start(L) || lay_page_new(L))
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
			lay_fail_diag(L, d);
		return -1;
	}
	if (lay_running_heads(L) || lay_links_resolve(L) || lay_toc_draw(L) || lay_navigation(L))
		goto fail;
	/* the end, in this order: the last marked-content sequence closed, the
	 * fonts made from the glyphs used, PDF/A's parts (the ID hashes every
	 * stream), the structure tree numbered as the last objects */
	lay_mark_close(L);
	if (lay_fonts_trim(L) || hpdf_fix_pdfa_finish(L->pdf, lay_lang(L)->code) != HPDF_OK ||
	    lay_tag_finish(L) || lay_failed(L))
		goto fail;
	return 0;
fail:
	lay_fail_diag(L, d);
	return -1;
}

/* The finished PDF as bytes in a new malloc'ed buffer (hpdf_fix_save), so
 * the caller writes the file with a write loop of its own that knows errno
 * (HPDF_SaveToFile reports only "file I/O error", and would name the
 * temporary file).  0 or -1 with d. */
static int save_to_memory(struct lay *L, unsigned char **data, size_t *len, struct diag *d)
{
	HPDF_STATUS st = hpdf_fix_save(L->pdf, data, len);

	if (st == HPDF_FAILD_TO_ALLOC_MEM)
		return diag_oom(d);
	if (st != HPDF_OK) {
		lay_fail_diag(L, d);
		return -1;
	}
	return 0;
}

int layout_document_data(const struct doc *doc, const struct layout_options *opt,
			 unsigned char **data, size_t *len, int *pages, struct diag *d)
{
	struct lay *L = lay_new(doc, opt);
	int rc = -1;

	if (!L)
		return diag_oom(d);
	if (!L->pdf)
		diag_error(d, EXIT_SOFTWARE, "", 0, 0, "cannot create PDF document");
	else if (!lay_all(L, d))
		rc = save_to_memory(L, data, len, d);
	if (pages)
		*pages = (int)L->pages.n;
	lay_free(L);
	return rc;
}
