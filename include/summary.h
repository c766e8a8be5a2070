/* summary — the plain-text summary of a briefing for an e-mail body
 * (--summary FILE): title, report date, the key figures, one line per chart
 * with its headline number, and the files written.  Text only: main writes
 * it. */
#ifndef BRIEFING_SUMMARY_H
#define BRIEFING_SUMMARY_H

#include <stddef.h>
#include "diag.h"
#include "doc.h"

/* What the run made, for the summary's last lines. */
struct summary_files {
	const char *pdf;          /* the PDF's path */
	long long pdf_bytes;      /* its size */
	int pages;                /* its page count */
	const char *const *pngs;  /* per block: the chart's PNG path, or NULL
				     (no chart there, or --no-chart-files); may be NULL */
};

/* The summary of doc (after spec_expand()) as UTF-8 text in *out (malloc'ed,
 * NUL-terminated, *len bytes).  0, or -1 with d filled (out of memory). */
int summary_text(const struct doc *doc, const char *date_text, const struct summary_files *f,
		 char **out, size_t *len, struct diag *d);

/* The headline number of a chart block, as one phrase: the value of its last
 * category for lines and bars in data order (time series), the largest for
 * pies and bars sorted by value, e.g. "2024: 406.3 USD million" or "largest
 * Azerbaijan, 45 % of output (45 % of the total)".  Empty when the chart has
 * no groups. */
void summary_chart_headline(const struct chart_block *c, char *buf, size_t size);

#endif
