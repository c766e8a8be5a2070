/* layout — flows the document model onto PDF pages with libharu: a cover
 * with key-figure tiles, a contents list with links, typography, its own
 * UTF-8 line breaking (not HPDF_Page_TextRect), lists, tables split across
 * pages with the header repeated, page breaks, running heads with "page N
 * of M", outline, page labels, metadata and a generated sources page (every
 * source, every input file with its SHA-256, the command).  Owns the house
 * style (struct style in layout.c: every size, margin and colour in one
 * place). */
#ifndef BRIEFING_LAYOUT_H
#define BRIEFING_LAYOUT_H

#include "diag.h"
#include "scene.h"
#include "doc.h"

struct layout_options {
	const char *fonts_dir;  /* folder with the TTF files named in layout.c */
	const char *date_text;  /* report date as printed, e.g. "14 June 2022" */
	const char *date_iso;   /* report date YYYY-MM-DD (metadata) */
	const char *version;    /* program version for the Creator field */
	const struct scene *const *scenes; /* per block: a chart's scene (chart_build),
					      NULL for other blocks */
	const struct query *const *files; /* per data file the document reads, in the
					     order of its first use: the first query
					     reading it (its path, rows read and
					     SHA-256), for the sources page (the
					     pipeline batches its queries by the
					     same files) */
	size_t nfiles;
	int argc;               /* the command that made this PDF, printed on the */
	char *const *argv;      /*   sources page (layout_command_line): main leaves
				     out the options that only name an output place
				     or say how much is printed, so the PDF does not
				     depend on them */
};

/* The command as the sources page prints it: argv[0]'s base name, then the
 * other words, quoted for the shell where needed.  A new malloc'ed string,
 * or NULL (no argv, or out of memory). */
char *layout_command_line(int argc, char *const *argv);

/* Width of the text column on this paper, in points: a chart's default width. */
double layout_text_width(enum paper paper);

void layout_options_defaults(struct layout_options *opt);

/* The most characters (code points) a heading may have: it is set whole at
 * the head of a page, named in the outline, the contents and the running
 * header; a longer one is a mistake (often a paragraph turned into a
 * heading), refused at its line.  1,000 characters are at most 4,000 bytes,
 * far below libharu's 65,535-byte string limit for outline titles. */
#define LAYOUT_HEADING_MAX_CHARS 1000

/* Lay out doc into the PDF's bytes: a new malloc'ed buffer *data of *len
 * bytes that the caller writes (through the output set, atomically: the
 * layout writes no file).
 * Errors: a heading over LAYOUT_HEADING_MAX_CHARS (EXIT_DATAERR at its
 * line), a font missing/unreadable (EXIT_NOINPUT, naming the font file),
 * libharu failures (EXIT_SOFTWARE).  0 or -1.  *pages (if not NULL) = page
 * count. */
int layout_document_data(const struct doc *doc, const struct layout_options *opt,
			 unsigned char **data, size_t *len, int *pages, struct diag *d);

#endif
