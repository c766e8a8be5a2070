/* summary — the plain-text summary of a briefing, the body of an e-mail
 * (--summary FILE, and the text part of --mail): title, subtitle, report
 * date, the cover's prose, the key figures, each chart with its headline
 * number, a description of its data and its image's file name, then the
 * PDF's name, pages and size.  Lines are wrapped at SUMMARY_WIDTH columns;
 * a value is written "424.4 USD million" or "58 % of output", number then
 * unit, every number as the PDF prints it (the value's format:, the
 * chart's labels through chart_value_text, the briefing's locale).  Files
 * are named by their file names, as a recipient sees them attached, never
 * by a local path.  Text only: the caller writes it. */
#ifndef BRIEFING_SUMMARY_H
#define BRIEFING_SUMMARY_H

#include <stddef.h>
#include "diag.h"
#include "doc.h"

/* The width lines are wrapped at, in characters (a word longer than that,
 * such as a long link, stays whole on a line of its own). */
#define SUMMARY_WIDTH 72

/* At most this many categories in a chart's description (then "and N
 * more"): a summary line per chart, not its table. */
#define SUMMARY_DESCRIBE_ITEMS 8

/* What the run made, for the summary's chart and last lines. */
struct summary_files {
	const char *pdf;          /* the PDF's file name ("briefing.pdf") */
	long long pdf_bytes;      /* its size */
	int pages;                /* its page count */
	const char *const *images; /* per block: the chart's image file name
				     ("trade-full-years.png"), or NULL (no
				     chart there, or no image); may be NULL */
};

/* The summary of doc (after spec_expand()) as UTF-8 text in *out (malloc'ed,
 * NUL-terminated, *len bytes), LF line ends.  0, or -1 with d filled (out
 * of memory). */
int summary_text(const struct doc *doc, const char *date_text, const struct summary_files *f,
		 char **out, size_t *len, struct diag *d);

/* The headline number of a chart block, as one phrase: the value of its last
 * category for lines and bars in data order (time series), with every
 * series' value in it, the largest for pies and bars sorted by value, e.g.
 * "2024: 406.3 USD million", "Jan–Sep 2022: Belarus → Azerbaijan 188.7 USD
 * million, Azerbaijan → Belarus 84.4 USD million" or "largest Azerbaijan,
 * 45 % of output".  Empty when the chart has no groups. */
void summary_chart_headline(const struct chart_block *c, char *buf, size_t size);

/* "briefing.pdf (9 pages, 90 KB)" in l's words: a PDF's file name, its
 * pages and its size in KB rounded up. */
void summary_pdf_phrase(const struct lang *l, const char *name, int pages, long long bytes,
			char *buf, size_t size);

/* How many blocks come before doc's first heading: the cover's blocks,
 * which the PDF's cover page shows under the title. */
size_t summary_cover_blocks(const struct doc *doc);

#endif
