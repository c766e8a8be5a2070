/* outfile — a set of output files written atomically (include/outfile.h). */
#include "outfile.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "grow.h"

/* The temporaries that exist now, in fixed buffers that a signal handler
 * may read (it cannot follow malloc'ed lists safely).  A slot is in use when
 * its name is not empty; slots [0, outfile_ntemps) have been used.  Names are
 * written and cleared only with the caught signals blocked, so the handler
 * never sees half a name.  This is the one piece of process-wide state: a
 * signal handler has no other way to find the files. */
static char outfile_temps[OUTFILE_MAX_TEMPS][PATH_MAX];
static volatile sig_atomic_t outfile_ntemps;

/* The signals that remove the temporaries before ending the process. */
static const int outfile_signals[] = { SIGINT, SIGTERM, SIGHUP };
#define OUTFILE_NSIGNALS (sizeof outfile_signals / sizeof outfile_signals[0])

struct outfile {
	char *path;   /* final name */
	int slot;     /* its temporary's name: outfile_temps[slot]; -1 once renamed */
};

struct outset {
	struct outfile *files; /* in the order written */
	size_t n, cap;         /* used / allocated */
	char **dirs;           /* folders made for the set (outset_make_folder) */
	size_t ndirs;
	int committed;         /* outset_commit() succeeded: keep the folders */
};

/* Block the caught signals (the old mask saved in *old) while a name in
 * outfile_temps changes together with the file it names. */
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

/* A free slot in outfile_temps, or -1 when all are taken.  Signals blocked. */
static int outfile_slot_take(void)
{
	for (int i = 0; i < outfile_ntemps; i++)
		if (!outfile_temps[i][0])
			return i;
	if (outfile_ntemps >= OUTFILE_MAX_TEMPS)
		return -1;
	return outfile_ntemps++;
}

/* Remove slot's temporary (when unlink_it) and free the slot, atomically
 * with respect to the signal handler. */
static void outfile_slot_release(int slot, int unlink_it)
{
	sigset_t old;

	outfile_block(&old);
	if (unlink_it)
		unlink(outfile_temps[slot]);
	outfile_temps[slot][0] = '\0';
	outfile_unblock(&old);
}

/* The handler: unlink every live temporary (unlink is async-signal-safe),
 * then end the process by the same signal with its default action, so the
 * parent sees "killed by SIGTERM" and not an exit code.  The signal is
 * blocked while the handler runs; raise() leaves it pending until return. */
static void outfile_on_signal(int sig)
{
	struct sigaction dfl;
	int saved = errno;

	for (int i = 0; i < outfile_ntemps; i++)
		if (outfile_temps[i][0])
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
	return calloc(1, sizeof(struct outset));
}

/* Refuse a target that cannot be replaced by renaming a file beside it: a
 * folder, or something that is not a regular file (a device like /dev/full,
 * a FIFO).  A target that does not exist yet is fine.  0 or -1 with d. */
static int outfile_check_target(const char *path, struct diag *d)
{
	struct stat st;

	if (stat(path, &st) < 0)
		return 0; /* missing (fine) or unreachable: mkstemp says why */
	if (S_ISDIR(st.st_mode)) {
		diag_error(d, EXIT_CANTCREAT, path, 0, 0, "cannot create output: Is a directory");
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		diag_error(d, EXIT_CANTCREAT, path, 0, 0,
			   "cannot create output: not a regular file (output is written "
			   "beside it and renamed)");
		return -1;
	}
	return 0;
}

/* Create ".NAME.XXXXXX" beside path in a free slot (its name recorded before
 * any signal can be delivered) with the mode a new file would get (mkstemp
 * makes it 0600; a report is read like any file).  Returns the open file
 * descriptor and sets *slot, or -1 with d filled (EXIT_CANTCREAT). */
static int outfile_make_temp(const char *path, int *slot, struct diag *d)
{
	char base[PATH_MAX], dir[PATH_MAX], tmpl[PATH_MAX];
	sigset_t old;
	mode_t mask;
	int fd, n, err;

	snprintf(base, sizeof base, "%s", path);
	snprintf(dir, sizeof dir, "%s", path);
	n = snprintf(tmpl, sizeof tmpl, "%s/.%s.XXXXXX", dirname(dir), basename(base));
	if (n < 0 || (size_t)n >= sizeof tmpl) {
		diag_error(d, EXIT_CANTCREAT, path, 0, 0, "cannot create output: %s",
			   strerror(ENAMETOOLONG));
		return -1;
	}
	outfile_block(&old);
	*slot = outfile_slot_take();
	if (*slot < 0) {
		outfile_unblock(&old);
		diag_error(d, EXIT_CANTCREAT, path, 0, 0,
			   "cannot create output: more than %d output files", OUTFILE_MAX_TEMPS);
		return -1;
	}
	memcpy(outfile_temps[*slot], tmpl, (size_t)n + 1);
	fd = mkstemp(outfile_temps[*slot]);
	err = errno;
	if (fd < 0)
		outfile_temps[*slot][0] = '\0';
	outfile_unblock(&old);
	if (fd < 0) {
		diag_error(d, EXIT_CANTCREAT, path, 0, 0, "cannot create output: %s", strerror(err));
		return -1;
	}
	mask = umask(0);
	umask(mask);
	if (fchmod(fd, 0666 & ~mask) < 0) {
		diag_error(d, EXIT_CANTCREAT, path, 0, 0, "cannot create output: %s", strerror(errno));
		close(fd);
		outfile_slot_release(*slot, 1);
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

/* Room for one more file in o.  0 or -1 with d filled. */
static int outset_grow(struct outset *o, struct diag *d)
{
	if (grow_array(&o->files, &o->cap, o->n + 1, sizeof *o->files) < 0) {
		diag_error(d, EXIT_SOFTWARE, NULL, 0, 0, "out of memory");
		return -1;
	}
	return 0;
}

int outset_write(struct outset *o, const char *path, const void *data, size_t len,
		 struct diag *d)
{
	struct outfile f = { 0 };
	int fd, err;

	if (outfile_check_target(path, d) < 0 || outset_grow(o, d) < 0)
		return -1;
	f.path = strdup(path);
	if (!f.path) {
		diag_error(d, EXIT_SOFTWARE, NULL, 0, 0, "out of memory");
		return -1;
	}
	fd = outfile_make_temp(path, &f.slot, d);
	if (fd < 0) {
		free(f.path);
		return -1;
	}
	err = outfile_finish(fd, data, len);
	if (err) {
		outfile_slot_release(f.slot, 1);
		free(f.path);
		diag_error(d, EXIT_IOERR, path, 0, 0, "cannot write output: %s", strerror(err));
		return -1;
	}
	o->files[o->n++] = f;
	return 0;
}

/* fsync the folder holding path so the renames in it survive a crash,
 * unless it is the folder in prev (synced just before; prev is updated).
 * Best effort: the files are already in place, and a folder some file
 * systems cannot sync is no reason to fail the run. */
static void outfile_sync_dir(const char *path, char prev[PATH_MAX])
{
	char buf[PATH_MAX];
	const char *dir;
	int fd;

	snprintf(buf, sizeof buf, "%s", path);
	dir = dirname(buf);
	if (strcmp(dir, prev) == 0)
		return;
	snprintf(prev, PATH_MAX, "%s", dir);
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
}

int outset_commit(struct outset *o, struct diag *d)
{
	for (size_t i = o->n; i-- > 0;) {
		struct outfile *f = &o->files[i];
		sigset_t old;
		int rc, err;

		if (f->slot < 0)
			continue;
		outfile_block(&old);
		rc = rename(outfile_temps[f->slot], f->path);
		err = errno;
		if (rc == 0)
			outfile_temps[f->slot][0] = '\0';
		outfile_unblock(&old);
		if (rc < 0) {
			diag_error(d, EXIT_CANTCREAT, f->path, 0, 0, "cannot create output: %s",
				   strerror(err));
			return -1;
		}
		f->slot = -1;
	}
	char prev[PATH_MAX] = "";

	for (size_t i = 0; i < o->n; i++)
		outfile_sync_dir(o->files[i].path, prev);
	o->committed = 1;
	return 0;
}

void outset_free(struct outset *o)
{
	if (!o)
		return;
	for (size_t i = 0; i < o->n; i++) {
		if (o->files[i].slot >= 0)
			outfile_slot_release(o->files[i].slot, 1);
		free(o->files[i].path);
	}
	/* the folders made for a set never committed go too, newest first
	 * (rmdir leaves one that something else has put a file in since) */
	for (size_t i = o->ndirs; i-- > 0;) {
		if (!o->committed)
			rmdir(o->dirs[i]);
		free(o->dirs[i]);
	}
	free(o->dirs);
	free(o->files);
	free(o);
}

int outset_write_owned(struct outset *o, const char *path, void *data, size_t len,
		       struct diag *d)
{
	int rc = outset_write(o, path, data, len, d);

	free(data);
	return rc;
}

int outset_make_folder(struct outset *o, const char *dir, const char *what, struct diag *d)
{
	struct stat st;
	int err = mkdir(dir, 0777) < 0 ? errno : 0;
	char **dirs;

	if (err == 0) {
		/* remember it, to remove it if the set is never committed */
		dirs = realloc(o->dirs, (o->ndirs + 1) * sizeof *dirs);
		if (!dirs || !(dirs[o->ndirs] = strdup(dir))) {
			if (dirs)
				o->dirs = dirs;
			rmdir(dir);
			diag_error(d, EXIT_SOFTWARE, NULL, 0, 0, "out of memory");
			return -1;
		}
		o->dirs = dirs;
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
