/* spec — the briefing spec (Markdown read with md4c, key: value text read
 * with inih) turned into the document model (doc.h).  Knows nothing of PDF
 * or cairo.
 *
 * A spec is front matter between "---" lines, then Markdown.  Fenced blocks
 * whose info string is `values`, `table` or `chart` hold key: value lines and
 * become queries on CSV files (paths relative to the spec's folder); a
 * `figures` block lists value names with captions (key-figure tiles).  Text
 * may say {{name}} for a value; spec_expand() substitutes them once
 * data_run() has answered the queries.
 */
#ifndef BRIEFING_SPEC_H
#define BRIEFING_SPEC_H

#include <stddef.h>
#include "diag.h"
#include "doc.h"

/* Read and parse the spec at path.  Errors (EXIT_NOINPUT if unreadable,
 * EXIT_DATAERR for bad spec) name path:line:col.  Returns NULL on error. */
struct doc *spec_read(const char *path, struct diag *d, struct diag_list *warn);

/* Parse spec text already in memory; path names it in diagnostics and its
 * folder resolves data: paths.  The caller frees the doc with doc_free(). */
struct doc *spec_parse(const char *path, const char *text, size_t len,
		       struct diag *d, struct diag_list *warn);

/* After data_run(): format every value (format: or automatic) and replace
 * every {{name}} in headings, paragraphs, list items, pipe-table cells,
 * captions, chart titles/subtitles and figure captions; give each figure
 * its value's text.  Undefined or malformed placeholders, and values whose
 * query matched no row, are errors at their spec location.  0 or -1. */
int spec_expand(struct doc *doc, struct diag *d);

/* Parse the placeholder starting at s ("{{"): "{{ name }}", a name of
 * letters, digits, _ and -.  Sets the name span and returns the
 * placeholder's byte length, or 0 when malformed (for text that takes
 * placeholders outside the spec too: the e-mail's subject). */
size_t spec_placeholder_parse(const char *s, const char **name, size_t *nlen);

/* How much of a malformed placeholder at s to quote in a message. */
size_t spec_placeholder_extent(const char *s);

/* Every table's widths: (points, and percentages of text_width) must add up
 * to text_width at most, the page's width less its margins (layout knows it:
 * the caller passes it).  0, or -1 with an error at the widths: value. */
int spec_check_widths(const struct doc *doc, double text_width, struct diag *d);

#endif
