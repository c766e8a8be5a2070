/* outfile — a set of output files written atomically.
 *
 * Each file is first written to a temporary file in its target folder
 * (".NAME.XXXXXX"); outset_commit renames them all into place only once every
 * one is complete, so a failed run leaves earlier files byte-identical and no
 * half-written file behind.  outset_free removes temporaries not committed. */
#ifndef BRIEFING_OUTFILE_H
#define BRIEFING_OUTFILE_H

#include "diag.h"

struct outset;

struct outset *outset_new(void);

/* Reserve a temporary file for the final path; returns its name (owned by
 * the set) to write to, or NULL with d filled (EXIT_CANTCREAT, naming path):
 * the folder is missing or not writable, or path is a folder. */
const char *outset_add(struct outset *o, const char *path, struct diag *d);

/* Rename every temporary onto its final path.  0, or -1 with d filled. */
int outset_commit(struct outset *o, struct diag *d);

/* Remove the temporaries not yet committed and free the set (NULL is ok). */
void outset_free(struct outset *o);

#endif
