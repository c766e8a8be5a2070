/* fonts — the font family's files, and the one metric source for chart text.
 *
 * Chart text is measured here, once, with cairo-ft from the same TTF files the
 * PDF embeds (hint metrics off, hinting off, so widths scale linearly with the
 * size and match the fonts' advance widths).  Both renderers place text at the
 * positions computed from these widths, so a label that fits in the PDF fits
 * in the PNG and the SVG.
 *
 * Threads: load and free in one thread while no other uses the fonts.  In
 * between, any number of threads may measure and paint with them at once
 * (main paints chart files in worker threads): every use goes through
 * cairo, which locks a face's FT_Face while it reads it, and FreeType
 * allows different faces of one FT_Library to be used at the same time;
 * only FT_New_Face and FT_Done_Face must not run concurrently, and they
 * run only in fonts_load and when the last reference to a face goes (after
 * fonts_free, once the painting threads are joined). */
#ifndef BRIEFING_FONTS_H
#define BRIEFING_FONTS_H

#include <cairo.h>
#include "diag.h"

/* The four faces of the family, then the monospaced faces the PDF sets
 * code in; same numbering as enum tf_face.  Charts use the first
 * FONT_FACES (fonts_load loads those); the PDF may embed any of the
 * FONT_FILES, each only when its text uses it. */
enum font_face {
	FONT_REGULAR = 0, FONT_BOLD = 1, FONT_ITALIC = 2, FONT_BOLD_ITALIC = 3,
	FONT_MONO = 4, FONT_MONO_BOLD = 5
};
#define FONT_FACES 4
#define FONT_FILES 6

/* File name of a face inside the fonts folder ("LiberationSans-Bold.ttf",
 * "LiberationMono-Regular.ttf"), for any of the FONT_FILES. */
const char *fonts_file_name(enum font_face face);

struct fonts;

/* Load the four faces from dir.  A missing or unreadable file is an
 * EXIT_NOINPUT error naming it (`cannot open font DIR/FILE: No such file or
 * directory`); a file FreeType cannot read is EXIT_DATAERR. */
struct fonts *fonts_load(const char *dir, struct diag *d);

void fonts_free(struct fonts *f);

/* Advance width of a UTF-8 string in points at `size` points. */
double fonts_text_width(struct fonts *f, enum font_face face, double size, const char *utf8);

/* Ascent and descent (both positive) in points at `size`, from the font's
 * own metrics. */
void fonts_extents(struct fonts *f, enum font_face face, double size,
		   double *ascent, double *descent);

/* The family name the font files give (FreeType's family_name of the
 * regular face: "Liberation Sans"), for SVG text; "sans-serif" when f is
 * NULL or the file names none.  Owned by f. */
const char *fonts_family(const struct fonts *f);

/* The cairo font face for painting (owned by f). */
cairo_font_face_t *fonts_cairo_face(struct fonts *f, enum font_face face);

#endif
