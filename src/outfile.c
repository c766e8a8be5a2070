/* outfile — the output set: checked first, written to temporaries, committed
 * all or nothing (include/outfile.h). */
#include "outfile_int.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "grow.h"

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

/* The mkstemp template for a temporary (or backup) of path: the full
 * "DIR/.STEM.XXXXXX" in tmpl.  0, or -1 when it is too long. */
static int temp_template(const char *path, char *tmpl, size_t size)
{
	char dir[PATH_MAX], base[PATH_MAX];
	int n;

	outfile_split_path(path, dir, base);
	n = snprintf(tmpl, size, "%s/.%.*s.XXXXXX", dir, (int)outfile_stem_len(base), base);
	return n < 0 || (size_t)n >= size ? -1 : 0;
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
		return diag_oom(d);
	outfile_block(&old);
	*slot = temps_add(name);
	if (*slot < 0) {
		outfile_unblock(&old);
		return diag_oom(d);
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
	return outset_add_entry(o, path, "output", ENTRY_FILE, d);
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
		return diag_oom(d);
	outfile_split_path(path, dir, base);
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

	outfile_split_path(path, dir, base);
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

size_t outset_stale_removed(const struct outset *o)
{
	return o->stale;
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
			return diag_oom(d);
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
