/* outfile — the output set: every file one run writes, checked before
 * anything is written and committed all or nothing.
 *
 * A run first declares what it reads (outset_input) and what it will write
 * (outset_output); outset_check then refuses an output that is one of the
 * inputs or another output of the run (after resolving symlinks and "..")
 * and one that cannot be created, before anything is written.  Each file's
 * bytes go to a temporary beside it (".NAME.XXXXXX"), in full, fsync'ed.
 * outset_commit renames them all into place with SIGINT, SIGTERM and SIGHUP
 * blocked throughout; the files they replace stay as hidden backups beside
 * them (".NAME.XXXXXX" again) until the last rename has succeeded, and are
 * put back if one fails, so the set is either all new or all as before.
 * outset_free removes the temporaries not committed, and so does one of
 * those signals once outfile_catch_signals() has been called.  Temporaries
 * a killed run left behind (SIGKILL, a crash) are removed by the next run
 * that writes the same target (see outset_write).  Diagnostics name the
 * final path, never a temporary.
 *
 * Threads: one thread uses a set; any other thread alive while temporaries
 * exist must block the caught signals (chartfiles' painters do), so that
 * the handler runs only in that thread, never while the list of
 * temporaries changes. */
#ifndef BRIEFING_OUTFILE_H
#define BRIEFING_OUTFILE_H

#include <stddef.h>
#include "diag.h"

/* At most this many files in one set (the PDF, the summary, two per
 * chart): a generated spec cannot fill a folder with files without end,
 * and a commit stays a bounded number of renames to undo. */
#define OUTFILE_MAX_FILES 10000

/* What a declared output is. */
enum outset_kind { OUTSET_FILE, OUTSET_FOLDER };

struct outset;

/* A new, empty set; the time of the call is the run's start for the
 * cleanup of stale temporaries (outset_write).  NULL when out of memory. */
struct outset *outset_new(void);

/* Declare a file the run reads (the spec, a CSV file, a font): no output
 * may be it.  what names it in messages ("the spec", "data file").  0, or
 * -1 with d filled (out of memory).  A path declared twice counts once. */
int outset_input(struct outset *o, const char *path, const char *what, struct diag *d);

/* Declare a file (or a folder the set makes, OUTSET_FOLDER) the run will
 * write, before writing it.  what names it in messages ("-o", "--summary",
 * "chart file", "charts folder"); it must outlive the set (a string
 * constant).  0, or -1 with d filled: EXIT_CANTCREAT "cannot create output:
 * more than OUTFILE_MAX_FILES output files", or out of memory. */
int outset_output(struct outset *o, const char *path, const char *what,
		  enum outset_kind kind, struct diag *d);

/* How many more files the set may hold (OUTFILE_MAX_FILES less those
 * declared or written). */
size_t outset_room(const struct outset *o);

/* Check every declared output, before anything is written.  0, or -1 with
 * d filled, the first problem in this order:
 *   EXIT_USAGE "OUT PATH would overwrite IN PATH" — an output is an input
 *     (the same name once the folders' symlinks and ".." are resolved, or
 *     the same file: a symlink or a hard link to it);
 *   EXIT_USAGE "OUT PATH and OUT PATH name the same file" — two outputs;
 *   EXIT_CANTCREAT, as outset_write() and outset_make_folder() would say
 *     it: a missing parent folder, a folder or a device in the way, a name
 *     ending in "/" (a folder's name), a name too long. */
int outset_check(struct outset *o, struct diag *d);

/* Write data (len bytes) as the next content of path: to a new temporary
 * beside it, written in full, fsync'ed and closed (path is declared now
 * if it was not).  Before the first temporary in a folder, temporaries of
 * the set's declared targets there that a killed run left behind are
 * removed: regular files named exactly ".NAME.XXXXXX" (NAME the target's
 * name, shortened like the set's own temporaries; X a letter or digit),
 * last changed before the set was made, and only while no other run
 * writes into that folder (each run holds a shared flock(2) on the
 * folders it writes into; the cleanup needs it exclusive).  Returns 0, or
 * -1 with d filled and no temporary left:
 *   EXIT_CANTCREAT "cannot create output: REASON" — the folder is missing or
 *     not writable, path is a folder, names one ("out/b.pdf/") or exists
 *     but is not a regular file (a device such as /dev/full: there is no
 *     folder to put a temporary in), or more than OUTFILE_MAX_FILES files;
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
 * the main file, written first, appears only when the others are in
 * place), with the caught signals blocked from the first rename to the
 * last.  Every target is checked again before the first rename.  A rename
 * that fails puts back the files already replaced (and removes those that
 * were new), so nothing changes.  0, or -1 with d filled (EXIT_CANTCREAT;
 * when a file could not be put back, the message says where it was kept). */
int outset_commit(struct outset *o, struct diag *d);

/* How many stale temporaries outset_write() removed. */
size_t outset_stale_removed(const struct outset *o);

/* Remove the temporaries not yet committed and free the set (NULL is ok). */
void outset_free(struct outset *o);

/* Install handlers for SIGINT, SIGTERM and SIGHUP (unless the signal is
 * ignored, as under nohup) that remove every temporary not yet committed and
 * then end the process by the same signal.  For main, once, at start. */
void outfile_catch_signals(void);

#endif
