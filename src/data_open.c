/* data_open — the checks before a data file is read: where it lies (the
 * confinement to the spec's folder and the --data-root folders, never
 * /proc, /dev or /sys) and what it is (a regular file, not a FIFO, a device
 * or a folder).  A folder of parts (data_input.c) is confined the same
 * way, and then each of its parts. */
#include "data_int.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Whether the resolved path p lies in the resolved folder dir. */
static int path_in(const char *p, const char *dir)
{
	size_t n = strlen(dir);

	if (strcmp(dir, "/") == 0)
		return 1;
	return strncmp(p, dir, n) == 0 && (p[n] == '/' || p[n] == '\0');
}

/* The confinement rule (data_options.roots): real, the file's path with
 * every symlink and ".." resolved, must lie in one of the roots, and never
 * under /proc, /dev or /sys, whatever the roots.  0, or -1 with d filled
 * (EXIT_DATAERR at the data: line). */
static int check_place(const char *path, const char *real, const struct data_options *o,
		       const char *file, int line, int col, struct diag *d)
{
	static const char *const system_dirs[] = { "/proc", "/dev", "/sys" };

	for (size_t k = 0; k < 3; k++)
		if (path_in(real, system_dirs[k])) {
			diag_error(d, EXIT_DATAERR, file, line, col, "data: %s is under %s: system "
				   "files are never read as data", path, system_dirs[k]);
			return -1;
		}
	for (size_t k = 0; k < o->nroots; k++) {
		char *root = o->roots[k] ? realpath(o->roots[k], NULL) : NULL;
		int in = root && path_in(real, root);

		free(root);
		if (in)
			return 0;
	}
	diag_error(d, EXIT_DATAERR, file, line, col, "data: %s is outside the spec's folder%s: "
		   "data files must lie in it (links included), or under a folder given with "
		   "--data-root or BRIEFING_DATA_ROOT", path,
		   o->nroots > 1 ? " and the --data-root folders" : "");
	return -1;
}

/* The folder at path, resolved and confined as data_open() confines a
 * file: its real path (malloc'ed; the caller lists it and frees it), or
 * NULL with d filled. */
char *data_open_dir(const char *path, struct query **qs, size_t nq,
		    const struct data_options *o, struct diag *d)
{
	const char *file;
	int line, col;
	char *real;

	data_file_where(path, qs, nq, &file, &line, &col);
	if (!(real = realpath(path, NULL))) {
		if (errno == ENOMEM)
			diag_oom(d);
		else
			diag_error(d, EXIT_NOINPUT, file, line, col, "cannot open %s: %s", path,
				   strerror(errno));
		return NULL;
	}
	if (o && o->nroots && check_place(path, real, o, file, line, col, d) < 0) {
		free(real);
		return NULL;
	}
	return real;
}

/* Open path for reading, or fill d at the first query's spec location:
 * confined to the roots of o (see check_place()), and only a regular
 * file, opened without blocking so that a FIFO is refused, not waited on. */
int data_open(const char *path, struct query **qs, size_t nq,
	      const struct data_options *o, struct diag *d)
{
	const char *file, *kind;
	int line, col, fd, flags, confined = o && o->nroots;
	char *real = NULL;
	struct stat st;

	data_file_where(path, qs, nq, &file, &line, &col);
	if (confined && !(real = realpath(path, NULL))) {
		if (errno == ENOMEM)
			return diag_oom(d);
		diag_error(d, EXIT_NOINPUT, file, line, col, "cannot open %s: %s", path,
			   strerror(errno));
		return -1;
	}
	if (confined && check_place(path, real, o, file, line, col, d) < 0) {
		free(real);
		return -1;
	}
	/* the resolved path, not followed again: what was checked is opened */
	fd = open(confined ? real : path,
		  O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY | (confined ? O_NOFOLLOW : 0));
	free(real);
	if (fd < 0) {
		diag_error(d, EXIT_NOINPUT, file, line, col, "cannot open %s: %s", path,
			   strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) < 0) {
		diag_error(d, EXIT_NOINPUT, file, line, col, "cannot read %s: %s", path,
			   strerror(errno));
		close(fd);
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		kind = S_ISDIR(st.st_mode) ? NULL : S_ISFIFO(st.st_mode) ? "a FIFO" :
		       S_ISSOCK(st.st_mode) ? "a socket" : "a device";
		if (!kind)
			diag_error(d, EXIT_NOINPUT, file, line, col, "cannot read %s: %s", path,
				   strerror(EISDIR));
		else
			diag_error(d, EXIT_NOINPUT, file, line, col, "cannot read %s: it is %s, "
				   "not a regular file", path, kind);
		close(fd);
		return -1;
	}
	flags = fcntl(fd, F_GETFL);
	if (flags >= 0)
		fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
	return fd;
}
