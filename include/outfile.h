/* outfile — a set of output files written atomically.
 *
 * Each file's bytes are written to a temporary file in its target folder
 * (".NAME.XXXXXX"), in full, and fsync'ed; outset_commit renames them all
 * into place only once every one is complete, so a failed run leaves earlier
 * files byte-identical and no half-written file behind.  outset_free removes
 * the temporaries not committed, and so does a SIGINT, SIGTERM or SIGHUP once
 * outfile_catch_signals() has been called.  Diagnostics always name the
 * final path, never the temporary. */
#ifndef BRIEFING_OUTFILE_H
#define BRIEFING_OUTFILE_H

#include <stddef.h>
#include "diag.h"

/* How many temporaries may exist at once (each PDF or chart file is one
 * until the commit): the signal handler's fixed table has this many slots. */
#define OUTFILE_MAX_TEMPS 512

struct outset;

struct outset *outset_new(void);

/* Write data (len bytes) as the next content of path: to a new temporary
 * beside it, written in full, fsync'ed and closed.  Returns 0, or -1 with d
 * filled and no temporary left:
 *   EXIT_CANTCREAT "cannot create output: REASON" — the folder is missing or
 *     not writable, path is a folder or exists but is not a regular file
 *     (a device such as /dev/full: there is no folder to put a temporary
 *     in), or more than OUTFILE_MAX_TEMPS files;
 *   EXIT_IOERR "cannot write output: REASON" — writing failed (disk full,
 *     file-size limit, I/O error). */
int outset_write(struct outset *o, const char *path, const void *data, size_t len,
		 struct diag *d);

/* outset_write(), then free(data) whatever happened: for callers that hand
 * over a malloc'ed buffer they no longer need. */
int outset_write_owned(struct outset *o, const char *path, void *data, size_t len,
		       struct diag *d);

/* Make the folder dir for files of the set, unless one is already there
 * (its parent must exist).  mkdir comes first, so another run making the
 * same folder at the same time is no error.  A folder made here is removed
 * again by outset_free() unless outset_commit() succeeded (if it is still
 * empty then), so a failed run leaves no empty folder behind.  0, or -1
 * with d filled: EXIT_CANTCREAT "cannot create WHAT: not a folder" (a file
 * is in the way) or "cannot create WHAT: REASON". */
int outset_make_folder(struct outset *o, const char *dir, const char *what, struct diag *d);

/* Rename every temporary onto its final path, the first written last (so
 * the main file, written first, appears only when the others are in place).
 * 0, or -1 with d filled (EXIT_CANTCREAT). */
int outset_commit(struct outset *o, struct diag *d);

/* Remove the temporaries not yet committed and free the set (NULL is ok). */
void outset_free(struct outset *o);

/* Install handlers for SIGINT, SIGTERM and SIGHUP (unless the signal is
 * ignored, as under nohup) that remove every temporary not yet committed and
 * then end the process by the same signal.  For main, once, at start. */
void outfile_catch_signals(void);

#endif
