/* hpdf_fix — private to the program (layout and render_pdf): every
 * workaround for a limit or a bug of libharu, in one place (see the comment
 * at the top of hpdf_fix.c for why each exists and which versions were
 * checked).  Nothing here knows about the document or the layout. */
#ifndef BRIEFING_HPDF_FIX_H
#define BRIEFING_HPDF_FIX_H

#include <stddef.h>
#include <stdio.h>

#include <hpdf.h>

/* An in-memory copy of a font file that libharu reads from instead of the
 * file (hpdf_fix_load_font); it must outlive the document. */
struct hpdf_font_file;

/* Free one (NULL is ok); only after HPDF_Free of the document using it. */
void hpdf_font_file_free(struct hpdf_font_file *f);

/* NULL if f looks like a TrueType-outline font whose table directory
 * points inside the file (libharu may safely read it), else the reason
 * ("truncated or damaged TrueType font", ...). */
const char *hpdf_fix_check_ttf(FILE *f);

/* Load the TrueType font at path (checked with hpdf_fix_check_ttf) into
 * pdf, embedded, for UTF-8 text (HPDF_UseUTFEncodings done), with the
 * font workarounds applied.  *kept gets the font file copy libharu reads
 * from, for the caller to free after HPDF_Free (NULL when libharu kept
 * its own file).  NULL on failure: *oom set to 1 when memory ran out, else
 * libharu's error handler has been told the cause (or none: a ToUnicode
 * map it could not rewrite). */
HPDF_Font hpdf_fix_load_font(HPDF_Doc pdf, const char *path, struct hpdf_font_file **kept,
			     int *oom);

/* Rebuild font's W array and CIDToGIDMap for the glyphs the document
 * used (call once, after the last text is drawn with it).  HPDF_OK, or
 * why not: HPDF_INVALID_FONTDEF_DATA (not a font hpdf_fix_load_font made),
 * HPDF_FAILD_TO_ALLOC_MEM, or what libharu returned. */
HPDF_STATUS hpdf_fix_trim_font(HPDF_Doc pdf, HPDF_Font font);

/* Width of s[0..len) in font, in 1/1000 of the font size, whatever the
 * length (libharu measures at most HPDF_LIMIT_MAX_STRING_LEN bytes). */
double hpdf_fix_text_width(HPDF_Font font, const char *s, size_t len);

/* Show s[0..len) at the current text position (Tj), inside BeginText with
 * a font set, whatever the length (each Tj moves the position on by what
 * it showed).  s need not end at len.  Returns libharu's status. */
HPDF_STATUS hpdf_fix_show(HPDF_Page page, const char *s, size_t len);

/* Show s[0..len) starting at (x, y), inside BeginText with a font set:
 * what is short goes as one TextOut, as libharu writes it; a longer string
 * goes on with hpdf_fix_show. */
void hpdf_fix_text_out(HPDF_Page page, double x, double y, const char *s, size_t len);

/* A row of round dots `dot` wide and `step` apart, the first centred at
 * x = first and the last at x = last, on the line y, in colour (r, g, b):
 * one stroked dashed line (libharu refuses the zero-length dash that is a
 * dot in PDF). */
void hpdf_fix_dots(HPDF_Page page, double first, double last, double y, double step,
		   double dot, float r, float g, float b);

#endif
