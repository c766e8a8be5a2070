/* layout — flows the document model onto PDF pages with libharu: typography,
 * its own UTF-8 line breaking (not HPDF_Page_TextRect), lists, tables split
 * across pages with the header repeated, page breaks.  Owns the house style
 * (struct style in layout.c: every size, margin and colour in one place). */
#ifndef BRIEFING_LAYOUT_H
#define BRIEFING_LAYOUT_H

#include "diag.h"
#include "scene.h"
#include "spec.h"

struct layout_options {
	const char *fonts_dir;  /* folder with the TTF files named in layout.c */
	const char *date_text;  /* report date as printed, e.g. "14 June 2022" */
	const char *date_iso;   /* report date YYYY-MM-DD (metadata) */
	const char *version;    /* program version for the Creator field */
	const struct scene *const *scenes; /* per block: a chart's scene (chart_build),
					      NULL for other blocks */
};

/* Width of the text column on this paper, in points: a chart's default width. */
double layout_text_width(enum paper paper);

void layout_options_defaults(struct layout_options *opt);

/* Lay out doc and save the PDF to pdf_path (the caller makes that a temporary
 * file and renames it).  Errors: a font missing/unreadable (EXIT_NOINPUT, naming
 * the font file), libharu failures (EXIT_SOFTWARE), the file cannot be written
 * (EXIT_CANTCREAT / EXIT_IOERR).  Returns 0 or -1; on -1 pdf_path may hold a
 * partial file that the caller removes.  *pages (if not NULL) = page count. */
int layout_document(const struct doc *doc, const struct layout_options *opt,
		    const char *pdf_path, int *pages, struct diag *d);

#endif
