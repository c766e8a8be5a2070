/* textflow — line breaking of styled UTF-8 runs for layout.
 *
 * Knows nothing of PDF: glyph widths come from a callback, so the breaking
 * rules can be tested alone.  Lines break at spaces, after a dash inside a
 * word ("well-|known", "2020–|2022", but not in "2022-06-14"), and after a
 * slash inside a word ("azernews.az/|business/|x.html", not inside "//"); a
 * word wider than the line is split between characters.  A '\n' in a run's
 * text breaks the line there (hard break).  Spaces after a soft break are
 * dropped, spaces after a hard break kept (code lines keep their indent).
 */
#ifndef BRIEFING_TEXTFLOW_H
#define BRIEFING_TEXTFLOW_H

#include <stddef.h>
#include "doc.h"

/* The four faces of the font family, then the monospaced ones code is set
 * in (same numbering as fonts.h's enum font_face). */
enum tf_face {
	TF_REGULAR = 0, TF_BOLD = 1, TF_ITALIC = 2, TF_BOLD_ITALIC = 3,
	TF_MONO = 4, TF_MONO_BOLD = 5
};
#define TF_FACES 6

/* Width of s[0..len) (valid UTF-8, no newline) set in `face`, in thousandths
 * of the font size (PDF glyph space units). */
typedef double (*tf_measure_fn)(void *ctx, int face, const char *s, size_t len);

struct tf_measurer {
	tf_measure_fn fn; /* the width callback */
	void *ctx;        /* passed to fn */
};

/* A piece of one run set on one line: runs[run].text[off .. off+len). */
struct tf_frag {
	size_t run;      /* index into the inlines' runs */
	size_t off, len; /* byte range within that run's text */
	int face;        /* enum tf_face */
	double x;        /* start, in points from the line's left edge */
	double width;    /* width in points */
};

/* One line: frags[first .. first+count). */
struct tf_line {
	size_t first, count; /* its fragments */
	double width;        /* points, trailing spaces not counted */
};

/* The broken lines of one text.  Zero it before the first textflow_break. */
struct textflow {
	struct tf_frag *frags; /* all fragments, line after line */
	size_t nfrags, fcap;   /* used / allocated */
	struct tf_line *lines; /* the lines */
	size_t nlines, lcap;   /* used / allocated */
};

/* The face a run is set in: the run's style bits plus base (RUN_BOLD for
 * headings and table headers, RUN_ITALIC for quotes, RUN_CODE for text
 * that is all code: code blocks, checksums).  Code is monospaced and
 * upright, bold where its surroundings are. */
int textflow_face(unsigned base, unsigned style);

/* Break `in` into lines no wider than `width` points at font size `size`.
 * Replaces what tf held.  Returns 0, or -1 when out of memory. */
int textflow_break(struct textflow *tf, const struct inlines *in, unsigned base,
		   double size, double width, const struct tf_measurer *m);

/* Natural width (widest hard line, unbroken) and minimum width (widest
 * unbreakable word) of `in`, in points.  Returns 0, or -1 when out of memory. */
int textflow_measure(const struct inlines *in, unsigned base, double size,
		     const struct tf_measurer *m, double *natural, double *minimum);

/* Free what tf holds and zero it; tf may be NULL. */
void textflow_free(struct textflow *tf);

#endif
