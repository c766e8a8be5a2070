/* outfile_int — what the output set's files share (outfile.c: the
 * temporaries, the signal handler, writing and the commit; outfile_check.c:
 * declaring and checking inputs and outputs; outfile_stale.c: the folder
 * locks and the cleanup of a killed run's temporaries).  Private to
 * src/outfile*.c. */
#ifndef BRIEFING_OUTFILE_INT_H
#define BRIEFING_OUTFILE_INT_H

#include <limits.h>
#include <stddef.h>
#include <sys/types.h>
#include <time.h>

#include "outfile.h"

/* ".NAME.XXXXXX": the dot, the dot before the six letters, the six. */
#define TEMP_EXTRA 8

enum entry_kind { ENTRY_FILE = OUTSET_FILE, ENTRY_FOLDER = OUTSET_FOLDER, ENTRY_INPUT };

/* A declared path: an input, or an output file or folder. */
struct entry {
	char *path;        /* as given (messages) */
	const char *what;  /* names it in messages */
	int kind;          /* enum entry_kind */
	int written;       /* a file: outset_write() made its temporary */
	int slot;          /* that temporary: outfile_temps[slot]; -1 none (yet, or renamed) */
	int renamed;       /* a file: in place (during or after the commit) */
	char *backup;      /* during the commit: where the file it replaced is kept */
	int moved;         /* that backup is the old file renamed away, not a link */
};

/* A folder the set writes into, locked (flock) while the set lives. */
struct locked_dir {
	dev_t dev;
	ino_t ino;
	int fd;            /* -1: the file system has no locks; no cleanup there */
};

struct outset {
	struct entry *e;           /* declared, in order */
	size_t n, cap;
	size_t *order;             /* indices in e of the files written, in order */
	size_t norder, ordercap;
	size_t nfiles;             /* output files declared (OUTFILE_MAX_FILES) */
	size_t hint;               /* where outset_write starts looking */
	char **dirs;               /* folders made for the set (outset_make_folder) */
	size_t ndirs, dircap;
	struct locked_dir *locks;
	size_t nlocks, lockcap;
	struct timespec start;     /* outset_new(): older temporaries are stale */
	size_t stale;              /* stale temporaries removed */
	int committed;             /* outset_commit() succeeded: keep the folders */
};

/* The answer for the last folder asked about: a set's files share few
 * folders, and each question costs a few system calls. */
struct dir_answer {
	char dir[PATH_MAX];
	int answer; /* -1: nothing asked yet */
};

/* Append an entry to o; its index, or -1 with d filled (more than
 * OUTFILE_MAX_FILES files, out of memory). */
long outset_add_entry(struct outset *o, const char *path, const char *what, int kind,
		      struct diag *d);

/* path's folder into dir and its last part into base (PATH_MAX each). */
void outfile_split_path(const char *path, char *dir, char *base);

/* How much of a target's name (its last part) its temporaries and backups
 * carry: all of it, or, when ".NAME.XXXXXX" would be longer than a file
 * name may be (NAME_MAX), as much as fits, cut at a UTF-8 character
 * boundary.  A legal 250-byte name must not fail for want of room for our
 * own temporary's name. */
size_t outfile_stem_len(const char *base);

/* Refuse a target that cannot be replaced by renaming a file beside it
 * (see outset_check).  A missing parent folder is fine when planned is
 * given and the set makes it.  0 or -1 with d. */
int outfile_check_target(const struct outset *o, const char *path, struct dir_answer *planned,
			 struct diag *d);

/* Before the set's first temporary in the folder dir: lock it, and remove
 * stale temporaries there when no other run holds it (see outset_write). */
void outset_lock_folder(struct outset *o, const char *dir);

#endif
