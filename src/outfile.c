/* outfile — the output set: checked first, written to temporaries, committed
 * all or nothing (include/outfile.h). */
#include "outfile.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "grow.h"
#include "samefile.h"

/* The temporaries that exist now, for the signal handler: malloc'ed names,
 * NULL in a free slot.  The table and its names change only while the
 * caught signals are blocked, and the handler runs only in the thread that
 * changes them (outfile.h), so it never sees them half changed; it only
 * reads them and calls unlink.  This is the one piece of process-wide
 * state: a signal handler has no other way to find the files. */
static char **outfile_temps;
static size_t outfile_ntemps, outfile_cap;

/* The signals that remove the temporaries before ending the process. */
static const int outfile_signals[] = { SIGINT, SIGTERM, SIGHUP };
#define OUTFILE_NSIGNALS (sizeof outfile_signals / sizeof outfile_signals[0])

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

/* Block the caught signals (the old mask saved in *old) while the table
 * of temporaries changes together with the files it names. */
static void outfile_block(sigset_t *old)
{
	sigset_t set;

	sigemptyset(&set);
	for (size_t i = 0; i < OUTFILE_NSIGNALS; i++)
		sigaddset(&set, outfile_signals[i]);
	sigprocmask(SIG_BLOCK, &set, old);
}

static void outfile_unblock(const sigset_t *old)
{
	sigprocmask(SIG_SETMASK, old, NULL);
}

/* Record name (malloc'ed; the table owns it now) in a free slot.  The
 * slot, or -1 when out of memory (name freed).  Signals blocked. */
static int temps_add(char *name)
{
	size_t i;

	for (i = 0; i < outfile_ntemps; i++)
		if (!outfile_temps[i])
			break;
	if (i == outfile_ntemps) {
		if (i >= INT_MAX ||
		    grow_array(&outfile_temps, &outfile_cap, i + 1, sizeof *outfile_temps) < 0) {
			free(name);
			return -1;
		}
		outfile_temps[i] = NULL;
		outfile_ntemps++;
	}
	outfile_temps[i] = name;
	return (int)i;
}

/* Free slot (removing its temporary first when unlink_it), atomically with
 * respect to the signal handler. */
static void temps_release(int slot, int unlink_it)
{
	sigset_t old;
	char *name;

	outfile_block(&old);
	name = outfile_temps[slot];
	if (unlink_it)
		unlink(name);
	outfile_temps[slot] = NULL;
	outfile_unblock(&old);
	free(name);
}

/* The handler: unlink every live temporary (unlink is async-signal-safe),
 * then end the process by the same signal with its default action, so the
 * parent sees "killed by SIGTERM" and not an exit code.  The signal is
 * blocked while the handler runs; raise() leaves it pending until return. */
static void outfile_on_signal(int sig)
{
	struct sigaction dfl;
	int saved = errno;

	for (size_t i = 0; i < outfile_ntemps; i++)
		if (outfile_temps[i])
			unlink(outfile_temps[i]);
	memset(&dfl, 0, sizeof dfl);
	dfl.sa_handler = SIG_DFL;
	sigemptyset(&dfl.sa_mask);
	sigaction(sig, &dfl, NULL);
	raise(sig);
	errno = saved;
}

void outfile_catch_signals(void)
{
	struct sigaction sa, old;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = outfile_on_signal;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < OUTFILE_NSIGNALS; i++)
		sigaddset(&sa.sa_mask, outfile_signals[i]);
	for (size_t i = 0; i < OUTFILE_NSIGNALS; i++) {
		/* a signal ignored on purpose (nohup, a background job) stays ignored */
		if (sigaction(outfile_signals[i], NULL, &old) == 0 && old.sa_handler == SIG_IGN)
			continue;
		sigaction(outfile_signals[i], &sa, NULL);
	}
}

struct outset *outset_new(void)
{
	struct outset *o = calloc(1, sizeof(struct outset));

	if (o)
		clock_gettime(CLOCK_REALTIME, &o->start);
	return o;
}

static int outset_oom(struct diag *d)
{
	diag_error(d, EXIT_SOFTWARE, NULL, 0, 0, "out of memory");
	return -1;
}

/* Append an entry; its index, or -1 with d filled. */
static long outset_add(struct outset *o, const char *path, const char *what, int kind,
		       struct diag *d)
{
	struct entry *e;

	if (kind == ENTRY_FILE && o->nfiles >= OUTFILE_MAX_FILES) {
		diag_error(d, EXIT_CANTCREAT, path, 0, 0,
			   "cannot create output: more than %d output files", OUTFILE_MAX_FILES);
		return -1;
	}
	if (grow_array(&o->e, &o->cap, o->n + 1, sizeof *o->e) < 0)
		return outset_oom(d);
	e = &o->e[o->n];
	memset(e, 0, sizeof *e);
	e->slot = -1;
	e->what = what;
	e->kind = kind;
	if (!(e->path = strdup(path)))
		return outset_oom(d);
	o->nfiles += kind == ENTRY_FILE;
	return (long)o->n++;
}

int outset_input(struct outset *o, const char *path, const char *what, struct diag *d)
{
	for (size_t i = 0; i < o->n; i++)
		if (o->e[i].kind == ENTRY_INPUT && strcmp(o->e[i].path, path) == 0)
			return 0;
	return outset_add(o, path, what, ENTRY_INPUT, d) < 0 ? -1 : 0;
}

int outset_output(struct outset *o, const char *path, const char *what,
		  enum outset_kind kind, struct diag *d)
{
	return outset_add(o, path, what, (int)kind, d) < 0 ? -1 : 0;
}

size_t outset_room(const struct outset *o)
{
	return o->nfiles < OUTFILE_MAX_FILES ? OUTFILE_MAX_FILES - o->nfiles : 0;
}

size_t outset_stale_removed(const struct outset *o)
{
	return o->stale;
}

/* path's folder into dir and its last part into base (PATH_MAX each). */
static void split_path(const char *path, char *dir, char *base)
{
	char a[PATH_MAX], b[PATH_MAX];

	snprintf(a, sizeof a, "%s", path);
	snprintf(b, sizeof b, "%s", path);
	snprintf(dir, PATH_MAX, "%s", dirname(a));
	snprintf(base, PATH_MAX, "%s", basename(b));
}

/* How much of a target's name its temporaries and backups carry: all of
 * it, or, when ".NAME.XXXXXX" would be longer than a file name may be, as
 * much as fits, cut at a UTF-8 character boundary.  A legal 250-byte name
 * must not fail for want of room for our own temporary's name. */
static size_t temp_stem_len(const char *base)
{
	size_t n = strlen(base), max = NAME_MAX - TEMP_EXTRA;

	if (n <= max)
		return n;
	n = max;
	while (n > 0 && ((unsigned char)base[n] & 0xC0) == 0x80)
		n--;
	return n;
}

/* The mkstemp template for a temporary (or backup) of path: the full
 * "DIR/.STEM.XXXXXX" in tmpl.  0, or -1 when it is too long. */
static int temp_template(const char *path, char *tmpl, size_t size)
{
	char dir[PATH_MAX], base[PATH_MAX];
	int n;

	split_path(path, dir, base);
	n = snprintf(tmpl, size, "%s/.%.*s.XXXXXX", dir, (int)temp_stem_len(base), base);
	return n < 0 || (size_t)n >= size ? -1 : 0;
}

/* The answer for the last folder asked about: a set's files share few
 * folders, and each question costs a few system calls. */
struct dir_answer {
	char dir[PATH_MAX];
	int answer; /* -1: nothing asked yet */
};

/* Is dir (a folder that does not exist yet) one the set will make: a
 * declared output folder of the same name once resolved? */
static int outset_will_make(const struct outset *o, const char *dir, struct dir_answer *last)
{
	char *name;
	int yes = 0;

	if (last->answer >= 0 && strcmp(last->dir, dir) == 0)
		return last->answer;
	if (!(name = samefile_name(dir)))
		return 0;
	for (size_t i = 0; i < o->n && !yes; i++) {
		char *other;

		if (o->e[i].kind != ENTRY_FOLDER || !(other = samefile_name(o->e[i].path)))
			continue;
		yes = strcmp(name, other) == 0;
		free(other);
	}
	free(name);
	snprintf(last->dir, sizeof last->dir, "%s", dir);
	last->answer = yes;
	return yes;
}

/* Refuse a target that cannot be replaced by renaming a file beside it: a
 * name too long, one ending in "/" (a folder's name), a missing parent
 * folder (unless planned is given and the set makes it), a folder or
 * something that is not a regular file (a device like /dev/full, a FIFO)
 * in the way.  A target that does not exist yet is fine.  0 or -1 with d. */
static int outfile_check_target(const struct outset *o, const char *path,
				struct dir_answer *planned, struct diag *d)
{
	char dir[PATH_MAX], base[PATH_MAX];
	size_t len = strlen(path);
	struct stat st;
	int err = 0, exists, stat_err;

	split_path(path, dir, base);
	if (len >= PATH_MAX || strlen(base) > NAME_MAX)
		err = ENAMETOOLONG;
	else if (stat(dir, &st) < 0)
		err = errno;
	else if (!S_ISDIR(st.st_mode))
		err = ENOTDIR;
	if (err == ENOENT && planned && outset_will_make(o, dir, planned))
		err = 0; /* in the folder the set makes (the charts folder) */
	if (!err) {
		exists = stat(path, &st) == 0;
		stat_err = errno;
		if (exists && S_ISDIR(st.st_mode))
			err = EISDIR;
		else if (path[len - 1] == '/') /* "b.pdf/": a folder's name, as open(2) says */
			err = !exists && stat_err == ENOTDIR ? ENOTDIR : EISDIR;
		else if (exists && !S_ISREG(st.st_mode)) {
			diag_error(d, EXIT_CANTCREAT, path, 0, 0,
				   "cannot create output: not a regular file (output is written "
				   "beside it and renamed)");
			return -1;
		}
	}
	if (err) {
		diag_error(d, EXIT_CANTCREAT, path, 0, 0, "cannot create output: %s", strerror(err));
		return -1;
	}
	return 0;
}

/* A folder the set will make: fine if it is a folder or its parent is. */
static int outfile_check_folder(const struct entry *e, struct diag *d)
{
	char parent[PATH_MAX], base[PATH_MAX];
	struct stat st;
	int err;

	if (stat(e->path, &st) == 0) {
		if (S_ISDIR(st.st_mode))
			return 0;
		diag_error(d, EXIT_CANTCREAT, e->path, 0, 0, "cannot create %s: not a folder", e->what);
		return -1;
	}
	err = errno;
	split_path(e->path, parent, base);
	if (err == ENOENT && stat(parent, &st) == 0)
		err = S_ISDIR(st.st_mode) ? 0 : ENOTDIR;
	else if (err == ENOENT)
		err = errno;
	if (err) {
		diag_error(d, EXIT_CANTCREAT, e->path, 0, 0, "cannot create %s: %s", e->what,
			   strerror(err));
		return -1;
	}
	return 0;
}

/* The first pair of declared paths that are the same file, as a message;
 * 0 when there is none. */
static int outset_check_same(const struct outset *o, struct diag *d)
{
	const char **paths = calloc(o->n ? o->n : 1, sizeof *paths);
	unsigned char *quiet = calloc(o->n ? o->n : 1, 1);
	size_t a, b;
	int rc;

	if (!paths || !quiet) {
		free(paths);
		free(quiet);
		return outset_oom(d);
	}
	/* only a file the set writes replaces something: an input, or a folder
	 * the set makes, may be the same as another (a folder where an input
	 * is fails later, as one that cannot be made) */
	for (size_t i = 0; i < o->n; i++) {
		paths[i] = o->e[i].path;
		quiet[i] = o->e[i].kind != ENTRY_FILE;
	}
	rc = samefile_find(paths, quiet, o->n, &a, &b);
	free(paths);
	free(quiet);
	if (rc < 0)
		return outset_oom(d);
	if (rc == 0)
		return 0;
	if (o->e[a].kind == ENTRY_INPUT || o->e[b].kind == ENTRY_INPUT) {
		const struct entry *in = o->e[a].kind == ENTRY_INPUT ? &o->e[a] : &o->e[b];
		const struct entry *out = in == &o->e[a] ? &o->e[b] : &o->e[a];

		diag_error(d, EXIT_USAGE, NULL, 0, 0, "%s %s would overwrite %s %s", out->what,
			   out->path, in->what, in->path);
	} else {
		diag_error(d, EXIT_USAGE, NULL, 0, 0, "%s %s and %s %s name the same file",
			   o->e[b].what, o->e[b].path, o->e[a].what, o->e[a].path);
	}
	return -1;
}

int outset_check(struct outset *o, struct diag *d)
{
	struct dir_answer planned = { "", -1 };

	if (outset_check_same(o, d) < 0)
		return -1;
	for (size_t i = 0; i < o->n; i++) {
		const struct entry *e = &o->e[i];

		if ((e->kind == ENTRY_FILE && outfile_check_target(o, e->path, &planned, d) < 0) ||
		    (e->kind == ENTRY_FOLDER && outfile_check_folder(e, d) < 0))
			return -1;
	}
	return 0;
}

/* Does the entry name a file in the folder (dev, ino)? */
static int entry_in_folder(const struct entry *e, dev_t dev, ino_t ino, struct dir_answer *last)
{
	char dir[PATH_MAX], base[PATH_MAX];
	struct stat st;

	split_path(e->path, dir, base);
	if (last->answer < 0 || strcmp(dir, last->dir) != 0) {
		snprintf(last->dir, sizeof last->dir, "%s", dir);
		last->answer = stat(dir, &st) == 0 && st.st_dev == dev && st.st_ino == ino;
	}
	return last->answer;
}

/* A target's name as its temporaries carry it (for the sort and search). */
struct stem {
	const char *s;
	size_t len;
};

static int stem_cmp(const void *pa, const void *pb)
{
	const struct stem *a = pa, *b = pb;
	int c = memcmp(a->s, b->s, a->len < b->len ? a->len : b->len);

	return c ? c : (a->len > b->len) - (a->len < b->len);
}

/* The stem of a name ".STEM.XXXXXX" (X a letter or digit), or len 0. */
static struct stem temp_name_stem(const char *name)
{
	struct stem s = { name + 1, 0 };
	size_t n = strlen(name);

	if (n < TEMP_EXTRA + 1 || name[0] != '.' || name[n - 7] != '.')
		return s;
	for (size_t i = n - 6; i < n; i++) {
		char c = name[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')))
			return s;
	}
	s.len = n - TEMP_EXTRA;
	return s;
}

/* Remove the stale temporaries of the set's file targets in the folder
 * dirfd (dev, ino): see outset_write.  The caller holds the folder's lock
 * exclusive, so no other run is writing there.  Best effort. */
static void outset_clean_stale(struct outset *o, int dirfd, dev_t dev, ino_t ino)
{
	struct stem *stems = calloc(o->n ? o->n : 1, sizeof *stems);
	struct dir_answer last = { "", -1 };
	size_t ns = 0;
	struct dirent *de;
	DIR *dir;
	int fd;

	if (!stems)
		return;
	for (size_t i = 0; i < o->n; i++) {
		const char *slash, *base;

		if (o->e[i].kind != ENTRY_FILE || !entry_in_folder(&o->e[i], dev, ino, &last))
			continue;
		slash = strrchr(o->e[i].path, '/');
		base = slash ? slash + 1 : o->e[i].path;
		stems[ns++] = (struct stem){ base, temp_stem_len(base) };
	}
	qsort(stems, ns, sizeof *stems, stem_cmp);
	fd = ns ? dup(dirfd) : -1;
	dir = fd >= 0 ? fdopendir(fd) : NULL;
	if (!dir && fd >= 0)
		close(fd);
	while (dir && (de = readdir(dir)) != NULL) {
		struct stem s = temp_name_stem(de->d_name);
		struct stat st;

		if (!s.len || !bsearch(&s, stems, ns, sizeof *stems, stem_cmp) ||
		    fstatat(dirfd, de->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0 || !S_ISREG(st.st_mode))
			continue;
		if ((st.st_mtim.tv_sec < o->start.tv_sec ||
		     (st.st_mtim.tv_sec == o->start.tv_sec && st.st_mtim.tv_nsec < o->start.tv_nsec)) &&
		    unlinkat(dirfd, de->d_name, 0) == 0)
			o->stale++;
	}
	if (dir)
		closedir(dir);
	free(stems);
}

/* Before the set's first temporary in the folder dir: lock it for the rest
 * of the set, shared, so no other run takes our temporaries for stale; if
 * no other run holds it, first exclusive, to remove stale temporaries (no
 * temporary of ours is there yet, so the lock may be let go for a moment
 * when it turns shared).  A folder that cannot be opened or locked (no
 * flock on its file system) gets no cleanup. */
static void outset_lock_folder(struct outset *o, const char *dir)
{
	struct stat st;
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd < 0)
		return;
	if (fstat(fd, &st) < 0) {
		close(fd);
		return;
	}
	for (size_t i = 0; i < o->nlocks; i++) {
		if (o->locks[i].dev == st.st_dev && o->locks[i].ino == st.st_ino) {
			close(fd);
			return;
		}
	}
	if (grow_array(&o->locks, &o->lockcap, o->nlocks + 1, sizeof *o->locks) < 0) {
		close(fd);
		return;
	}
	if (flock(fd, LOCK_EX | LOCK_NB) == 0) {
		outset_clean_stale(o, fd, st.st_dev, st.st_ino);
		flock(fd, LOCK_SH);
	} else if (errno == EWOULDBLOCK) {
		while (flock(fd, LOCK_SH) < 0 && errno == EINTR)
			;
	} else {
		close(fd);
		fd = -1;
	}
	o->locks[o->nlocks++] = (struct locked_dir){ st.st_dev, st.st_ino, fd };
}

/* Create the temporary for path in a new slot (its name recorded before
 * any signal can be delivered) with the mode a new file would get (mkstemp
 * makes it 0600; a report is read like any file).  Returns the open file
 * descriptor and sets *slot, or -1 with d filled (EXIT_CANTCREAT). */
static int outfile_make_temp(const char *path, int *slot, struct diag *d)
{
	char tmpl[PATH_MAX], *name;
	sigset_t old;
	mode_t mask;
	int fd, err;

	if (temp_template(path, tmpl, sizeof tmpl) < 0) {
		diag_error(d, EXIT_CANTCREAT, path, 0, 0, "cannot create output: %s",
			   strerror(ENAMETOOLONG));
		return -1;
	}
	if (!(name = strdup(tmpl)))
		return outset_oom(d);
	outfile_block(&old);
	*slot = temps_add(name);
	if (*slot < 0) {
		outfile_unblock(&old);
		return outset_oom(d);
	}
	fd = mkstemp(name);
	err = errno;
	outfile_unblock(&old);
	if (fd < 0) {
		temps_release(*slot, 0);
		diag_error(d, EXIT_CANTCREAT, path, 0, 0, "cannot create output: %s", strerror(err));
		return -1;
	}
	mask = umask(0);
	umask(mask);
	if (fchmod(fd, 0666 & ~mask) < 0) {
		diag_error(d, EXIT_CANTCREAT, path, 0, 0, "cannot create output: %s", strerror(errno));
		close(fd);
		temps_release(*slot, 1);
		return -1;
	}
	return fd;
}

/* write() until all of data is out, retrying after signals and short
 * writes.  0, or the errno of the failure (ENOSPC, EFBIG with SIGXFSZ
 * ignored, EIO...). */
static int outfile_write_all(int fd, const unsigned char *data, size_t len)
{
	while (len > 0) {
		ssize_t w = write(fd, data, len);

		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return errno;
		if (w == 0)
			return EIO;
		data += w;
		len -= (size_t)w;
	}
	return 0;
}

/* Write, fsync and close fd; 0 or the errno of the first failure (fd is
 * closed either way).  fsync before the rename, so that after a crash the
 * new name never points at a file whose data is not on disk; EINVAL means
 * the file system has nothing to sync. */
static int outfile_finish(int fd, const void *data, size_t len)
{
	int err = outfile_write_all(fd, data, len);

	if (!err && fsync(fd) < 0 && errno != EINVAL)
		err = errno;
	if (close(fd) < 0 && !err && errno != EINTR)
		err = errno;
	return err;
}

/* The declared, not yet written file entry for path (declared now if there
 * is none).  Its index, or -1 with d filled.  Files are mostly written in
 * the order declared, so the search starts after the last one found. */
static long outset_find_file(struct outset *o, const char *path, struct diag *d)
{
	for (size_t k = 0; k < o->n; k++) {
		size_t i = (o->hint + k) % o->n;
		const struct entry *e = &o->e[i];

		if (e->kind == ENTRY_FILE && !e->written && strcmp(e->path, path) == 0) {
			o->hint = i + 1;
			return (long)i;
		}
	}
	return outset_add(o, path, "output", ENTRY_FILE, d);
}

int outset_write(struct outset *o, const char *path, const void *data, size_t len,
		 struct diag *d)
{
	char dir[PATH_MAX], base[PATH_MAX];
	long i;
	int fd, err, slot = -1;

	if (outfile_check_target(o, path, NULL, d) < 0 || (i = outset_find_file(o, path, d)) < 0)
		return -1;
	if (grow_array(&o->order, &o->ordercap, o->norder + 1, sizeof *o->order) < 0)
		return outset_oom(d);
	split_path(path, dir, base);
	outset_lock_folder(o, dir);
	fd = outfile_make_temp(path, &slot, d);
	if (fd < 0)
		return -1;
	err = outfile_finish(fd, data, len);
	if (err) {
		temps_release(slot, 1);
		diag_error(d, EXIT_IOERR, path, 0, 0, "cannot write output: %s", strerror(err));
		return -1;
	}
	o->e[i].slot = slot;
	o->e[i].written = 1;
	o->order[o->norder++] = (size_t)i;
	return 0;
}

int outset_write_owned(struct outset *o, const char *path, void *data, size_t len,
		       struct diag *d)
{
	int rc = outset_write(o, path, data, len, d);

	free(data);
	return rc;
}

/* fsync the folder holding path so the renames in it survive a crash,
 * unless it is the folder in prev (synced just before; prev is updated).
 * Best effort: the files are already in place, and a folder some file
 * systems cannot sync is no reason to fail the run. */
static void outfile_sync_dir(const char *path, char prev[PATH_MAX])
{
	char dir[PATH_MAX], base[PATH_MAX];
	int fd;

	split_path(path, dir, base);
	if (strcmp(dir, prev) == 0)
		return;
	snprintf(prev, PATH_MAX, "%s", dir);
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
}

/* Keep the file now at f->path as a hidden backup beside it (the
 * temporaries' pattern, so a run killed before the end of the commit
 * leaves only what the next run removes as stale): a hard link, so the
 * name keeps the old file until the rename replaces it; where the file
 * system has no hard links, the old file is renamed away (its name is then
 * missing for a moment, with the signals blocked).  0 or an errno. */
static int outfile_backup(struct entry *f)
{
	char tmpl[PATH_MAX], name[PATH_MAX];
	int fd;

	if (temp_template(f->path, tmpl, sizeof tmpl) < 0)
		return ENAMETOOLONG;
	for (int tries = 0; tries < 100; tries++) {
		memcpy(name, tmpl, sizeof name);
		if ((fd = mkstemp(name)) < 0)
			return errno;
		close(fd);
		unlink(name); /* mkstemp only found a free name; link needs it free */
		if (link(f->path, name) == 0) {
			f->moved = 0;
		} else if (errno == EEXIST) {
			continue; /* taken meanwhile */
		} else if (rename(f->path, name) == 0) {
			f->moved = 1; /* EPERM, ENOTSUP … : no hard links here */
		} else {
			return errno;
		}
		if (!(f->backup = strdup(name))) {
			if (f->moved)
				rename(name, f->path);
			else
				unlink(name);
			return ENOMEM;
		}
		return 0;
	}
	return EEXIST;
}

/* Put back what f replaced (or remove f when it was new).  0, or an errno
 * (the backup is then left where it is). */
static int outfile_put_back(struct entry *f)
{
	if (!f->backup) {
		if (f->renamed && unlink(f->path) < 0 && errno != ENOENT)
			return errno;
	} else if (f->renamed || f->moved) {
		if (rename(f->backup, f->path) < 0)
			return errno;
	} else {
		unlink(f->backup); /* a link to the file still in place */
	}
	free(f->backup);
	f->backup = NULL;
	f->renamed = 0;
	return 0;
}

/* Rename f's temporary onto its path, keeping what was there.  0 or an
 * errno (nothing changed then).  Signals blocked. */
static int outfile_commit_one(struct entry *f)
{
	struct stat st;
	int err = 0;

	if (lstat(f->path, &st) == 0)
		err = outfile_backup(f);
	if (!err && rename(outfile_temps[f->slot], f->path) < 0) {
		err = errno;
		outfile_put_back(f);
	}
	if (err)
		return err;
	temps_release(f->slot, 0);
	f->slot = -1;
	f->renamed = 1;
	return 0;
}

/* A commit failed at o->order[failed]: put back every file renamed after
 * it in the loop (those later in the order), the last renamed first.  d
 * already says why; a file that could not be put back is added to it. */
static void outset_roll_back(struct outset *o, size_t failed, struct diag *d)
{
	for (size_t k = failed + 1; k < o->norder; k++) {
		struct entry *f = &o->e[o->order[k]];
		size_t len = strlen(d->msg);
		int err;

		if (!f->renamed)
			continue;
		if ((err = outfile_put_back(f)) != 0)
			snprintf(d->msg + len, sizeof d->msg - len,
				 "; could not put back %s (%s): its previous content is in %s",
				 f->path, strerror(err), f->backup ? f->backup : "no file");
	}
}

int outset_commit(struct outset *o, struct diag *d)
{
	char prev[PATH_MAX] = "";
	sigset_t old;
	size_t i;
	int err;

	outfile_block(&old);
	/* every target can still be replaced: nothing is renamed otherwise */
	for (i = 0; i < o->norder; i++) {
		const struct entry *f = &o->e[o->order[i]];

		if (f->slot >= 0 && outfile_check_target(o, f->path, NULL, d) < 0) {
			outfile_unblock(&old);
			return -1;
		}
	}
	for (i = o->norder; i-- > 0;) {
		struct entry *f = &o->e[o->order[i]];

		if (f->slot < 0)
			continue;
		if ((err = outfile_commit_one(f)) != 0) {
			diag_error(d, EXIT_CANTCREAT, f->path, 0, 0, "cannot create output: %s",
				   strerror(err));
			outset_roll_back(o, i, d);
			outfile_unblock(&old);
			return -1;
		}
	}
	/* the whole set is in place: the old files can go */
	for (i = 0; i < o->norder; i++) {
		struct entry *f = &o->e[o->order[i]];

		if (f->backup)
			unlink(f->backup);
		free(f->backup);
		f->backup = NULL;
	}
	outfile_unblock(&old);
	for (i = 0; i < o->norder; i++)
		outfile_sync_dir(o->e[o->order[i]].path, prev);
	o->committed = 1;
	return 0;
}

void outset_free(struct outset *o)
{
	if (!o)
		return;
	for (size_t i = 0; i < o->n; i++) {
		if (o->e[i].slot >= 0)
			temps_release(o->e[i].slot, 1);
		free(o->e[i].path);
		free(o->e[i].backup);
	}
	for (size_t i = 0; i < o->nlocks; i++)
		if (o->locks[i].fd >= 0)
			close(o->locks[i].fd);
	/* the folders made for a set never committed go too, newest first
	 * (rmdir leaves one that something else has put a file in since) */
	for (size_t i = o->ndirs; i-- > 0;) {
		if (!o->committed)
			rmdir(o->dirs[i]);
		free(o->dirs[i]);
	}
	free(o->dirs);
	free(o->locks);
	free(o->order);
	free(o->e);
	free(o);
}

int outset_make_folder(struct outset *o, const char *dir, const char *what, struct diag *d)
{
	struct stat st;
	int err = mkdir(dir, 0777) < 0 ? errno : 0;

	if (err == 0) {
		/* remember it, to remove it if the set is never committed */
		if (grow_array(&o->dirs, &o->dircap, o->ndirs + 1, sizeof *o->dirs) < 0 ||
		    !(o->dirs[o->ndirs] = strdup(dir))) {
			rmdir(dir);
			return outset_oom(d);
		}
		o->ndirs++;
		return 0;
	}
	if (err == EEXIST && stat(dir, &st) == 0 && S_ISDIR(st.st_mode))
		return 0;
	if (err == EEXIST)
		diag_error(d, EXIT_CANTCREAT, dir, 0, 0, "cannot create %s: not a folder", what);
	else
		diag_error(d, EXIT_CANTCREAT, dir, 0, 0, "cannot create %s: %s", what, strerror(err));
	return -1;
}
