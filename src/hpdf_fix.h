/* hpdf_fix — private to the program (layout and render_pdf): every
 * workaround for a limit or a bug of libharu, in one place: the fonts and
 * text in hpdf_fix.c, the document-level parts of PDF/A-1b in
 * hpdf_fix_pdfa.c (the comment at the top of each says why each exists and
 * which versions were checked; the tagged-PDF layer libharu lacks is
 * hpdf_tag.h).  Nothing here knows about the document or the layout. */
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
 * libharu's error handler has been told the cause. */
HPDF_Font hpdf_fix_load_font(HPDF_Doc pdf, const char *path, struct hpdf_font_file **kept,
			     int *oom);

/* Finish font for the glyphs the document used (call once, after the
 * last text is drawn with it): its W array, CIDToGIDMap and ToUnicode map
 * for the code points used, embedded unhinted, and its descriptor made
 * with CapHeight and a CIDSet (PDF/A-1).  HPDF_OK, or why not:
 * HPDF_INVALID_FONTDEF_DATA (not a font hpdf_fix_load_font made),
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

/* Save pdf into a new malloc'ed buffer *data of *len bytes for the caller
 * to write and free.  HPDF_OK, HPDF_FAILD_TO_ALLOC_MEM, or libharu's
 * status (its error handler told). */
HPDF_STATUS hpdf_fix_save(HPDF_Doc pdf, unsigned char **data, size_t *len);

/* ---- PDF/A-1b (hpdf_fix_pdfa.c) ------------------------------------------ */

/* The sRGB profile of the output intent (icc/sRGB.icc, compiled in by the
 * Makefile as build/icc_srgb.c). */
extern const unsigned char icc_srgb[];
extern const unsigned long icc_srgb_len;

/* Make pdf, just made, a PDF 1.4 file whose viewer shows the document's
 * title rather than its file name.  HPDF_OK or libharu's status. */
HPDF_STATUS hpdf_fix_pdfa_start(HPDF_Doc pdf);

/* The creation and modification dates: year-month-day at 00:00 UTC,
 * written with the zone as +00'00' so the XMP can match them. */
HPDF_STATUS hpdf_fix_set_dates(HPDF_Doc pdf, int year, int month, int day);

/* A PDF text string object for UTF-8 s (a literal when it is printable
 * ASCII, else UTF-16BE with its byte order mark), for /Alt, /T, /Lang,
 * /Contents; NULL when out of memory. */
void *hpdf_fix_text(HPDF_Doc pdf, const char *utf8);

/* The bytes of UTF-8 s as a PDF text string in UTF-16BE with its byte
 * order mark, in a new malloc'ed buffer of *len bytes; NULL when out of
 * memory. */
unsigned char *hpdf_fix_utf16(const char *utf8, size_t *len);

/* A link annotation as PDF/A and PDF/UA want it: no border, printed, and
 * described by `contents` (NULL or "": none). */
HPDF_STATUS hpdf_fix_link(HPDF_Doc pdf, HPDF_Annotation a, const char *contents);

/* Outline item o goes to page at height top (/FitH), by a direct array. */
HPDF_STATUS hpdf_fix_outline_dest(HPDF_Doc pdf, HPDF_Outline o, HPDF_Page page, double top);

/* The last step before saving, once every font is finished
 * (hpdf_fix_trim_font) and every other object made: the sRGB output
 * intent, the XMP metadata from the Info dictionary (with dc:language
 * `lang` when not NULL, and the PDF/A-1b claim), and the trailer /ID from
 * the content.  HPDF_OK or the first failure. */
HPDF_STATUS hpdf_fix_pdfa_finish(HPDF_Doc pdf, const char *lang);

#endif
