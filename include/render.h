/* render — the two renderers of a scene.
 *
 * render_pdf replays a scene onto a libharu page as vector operators (MoveTo,
 * LineTo, CurveTo, ClosePath, fill, stroke) and its text as real PDF text in
 * the embedded fonts, so chart labels can be selected and searched.
 * render_png_data and render_svg_data paint it with cairo (text through
 * cairo-ft from the same TTF files) into file bytes in memory, which the
 * caller writes (through the output set: no renderer writes a file).  None
 * knows what the scene shows. */
#ifndef BRIEFING_RENDER_H
#define BRIEFING_RENDER_H

#include <stdint.h>

#include <hpdf.h>
#include "diag.h"
#include "fonts.h"
#include "scene.h"

struct hpdf_tag;

/* Where a chart's items go in the structure tree of a tagged PDF
 * (src/hpdf_tag.h): page is the page's number there; the caption items
 * are the content of element caption, the plot's figure's, the notes
 * note's (hpdf_tag_id values; 0 when the scene has none).  Each group is
 * drawn in one marked-content sequence, in reading order: caption, plot,
 * notes. */
struct render_pdf_tags {
	struct hpdf_tag *tree;
	int page;
	uint32_t caption, figure, note;
};

/* Draw s on page (of document pdf) with its top-left corner at (left, top)
 * in PDF user space (points, y up), opaque (PDF/A-1 has no transparency: a
 * colour with alpha < 1 is blended with the white page), its items by role
 * as tags says (NULL: untagged, in the scene's order).  fonts[] are the
 * page's embedded fonts by enum font_face, loaded in UTF-8 mode.  Leaves
 * the page's graphics state as it found it.  Returns 0, or -1 with d
 * filled (EXIT_SOFTWARE) when libharu fails. */
int render_pdf(const struct scene *s, HPDF_Doc pdf, HPDF_Page page,
	       HPDF_Font fonts[FONT_FACES], double left, double top,
	       const struct render_pdf_tags *tags, struct diag *d);

/* The most pixels a chart's PNG may have (40 megapixels, 160 MB painted):
 * a 1440-point chart at 1200 dpi would be 576 megapixels, and the charts
 * are painted side by side in threads. */
#define RENDER_PNG_MAX_PIXELS 40000000.0

/* Check that s painted at dpi stays within RENDER_PNG_MAX_PIXELS, before
 * anything is painted.  Over it: an error (EXIT_DATAERR) at file:line
 * naming the chart `title` and its size.  0 or -1 with d filled. */
int render_png_check(const struct scene *s, double dpi, const char *title, const char *file,
		     int line, struct diag *d);

/* Paint s as PNG file bytes at dpi (opaque white background; the image is
 * round(width * dpi / 72) x round(height * dpi / 72) pixels) into a new
 * malloc'ed buffer *data of *len bytes, for the caller to write (chartfiles
 * writes it through the output set).  name only names the chart in diagnostics:
 * painting fails only for want of memory, or for a size over
 * RENDER_PNG_MAX_PIXELS (EXIT_SOFTWARE: callers check first).  0 or -1. */
int render_png_data(const struct scene *s, struct fonts *f, double dpi, const char *name,
		    unsigned char **data, size_t *len, struct diag *d);

/* The same, as small as a palette makes it, for an e-mail: an 8-bit
 * palette PNG of the image's 256 most frequent colours when the others
 * (anti-aliased edges) cover at most 1 % of the pixels, each of those
 * taking the nearest of the 256, and the file is smaller than the RGB one;
 * else the RGB PNG of render_png_data. */
int render_png_small_data(const struct scene *s, struct fonts *f, double dpi, const char *name,
			  unsigned char **data, size_t *len, struct diag *d);

/* The same as SVG 1.1 file bytes (width x height points), written from the
 * scene by render_svg.c: paths as <path>, text as <text> in the fonts'
 * family (fonts_family), the scene's label as <title> and <desc>.  Fails
 * only for want of memory (EXIT_SOFTWARE). */
int render_svg_data(const struct scene *s, struct fonts *f, const char *name,
		    unsigned char **data, size_t *len, struct diag *d);

#endif
