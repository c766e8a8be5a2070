/* outfile — a set of output files written atomically (include/outfile.h). */
#include "outfile.h"

#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct outfile {
	char *path;   /* final name */
	char *tmp;    /* temporary name in the same folder */
	int renamed;  /* committed: tmp no longer exists */
};

struct outset {
	struct outfile *files;
	size_t n, cap;
};

struct outset *outset_new(void)
{
	return calloc(1, sizeof(struct outset));
}

/* ".NAME.XXXXXX" beside path, created with mkstemp and given the mode a new
 * file would get (mkstemp makes it 0600; a report is read like any file). */
static char *make_temp(const char *path, struct diag *d)
{
	char base[PATH_MAX], dir[PATH_MAX];
	size_t size = strlen(path) + 16;
	char *tmp = malloc(size);
	mode_t mask;
	int fd;

	if (!tmp) {
		diag_error(d, EXIT_SOFTWARE, NULL, 0, 0, "out of memory");
		return NULL;
	}
	snprintf(base, sizeof base, "%s", path);
	snprintf(dir, sizeof dir, "%s", path);
	snprintf(tmp, size, "%s/.%s.XXXXXX", dirname(dir), basename(base));
	fd = mkstemp(tmp);
	if (fd < 0) {
		diag_error(d, EXIT_CANTCREAT, path, 0, 0, "cannot create output: %s", strerror(errno));
		free(tmp);
		return NULL;
	}
	mask = umask(0);
	umask(mask);
	if (fchmod(fd, 0666 & ~mask) < 0) {
		diag_error(d, EXIT_CANTCREAT, path, 0, 0, "cannot create output: %s", strerror(errno));
		close(fd);
		unlink(tmp);
		free(tmp);
		return NULL;
	}
	close(fd);
	return tmp;
}

const char *outset_add(struct outset *o, const char *path, struct diag *d)
{
	struct stat st;
	struct outfile f = { 0 };

	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		diag_error(d, EXIT_CANTCREAT, path, 0, 0, "cannot create output: Is a directory");
		return NULL;
	}
	if (o->n == o->cap) {
		size_t cap = o->cap ? 2 * o->cap : 8;
		struct outfile *v = realloc(o->files, cap * sizeof *v);

		if (!v) {
			diag_error(d, EXIT_SOFTWARE, NULL, 0, 0, "out of memory");
			return NULL;
		}
		o->files = v;
		o->cap = cap;
	}
	f.path = strdup(path);
	f.tmp = f.path ? make_temp(path, d) : NULL;
	if (!f.tmp) {
		if (!f.path)
			diag_error(d, EXIT_SOFTWARE, NULL, 0, 0, "out of memory");
		free(f.path);
		return NULL;
	}
	o->files[o->n++] = f;
	return f.tmp;
}

int outset_commit(struct outset *o, struct diag *d)
{
	for (size_t i = 0; i < o->n; i++) {
		struct outfile *f = &o->files[i];

		if (f->renamed)
			continue;
		if (rename(f->tmp, f->path) < 0) {
			diag_error(d, EXIT_CANTCREAT, f->path, 0, 0, "cannot create output: %s",
				   strerror(errno));
			return -1;
		}
		f->renamed = 1;
	}
	return 0;
}

void outset_free(struct outset *o)
{
	if (!o)
		return;
	for (size_t i = 0; i < o->n; i++) {
		if (!o->files[i].renamed)
			unlink(o->files[i].tmp);
		free(o->files[i].tmp);
		free(o->files[i].path);
	}
	free(o->files);
	free(o);
}
