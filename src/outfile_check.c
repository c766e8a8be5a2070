/* outfile_check — the output set's inputs and outputs, declared and checked
 * before anything is written (include/outfile.h, src/outfile_int.h). */
#include "outfile_int.h"

#include <errno.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "grow.h"
#include "samefile.h"

long outset_add_entry(struct outset *o, const char *path, const char *what, int kind,
		      struct diag *d)
{
	struct entry *e;

	if (kind == ENTRY_FILE && o->nfiles >= OUTFILE_MAX_FILES) {
		diag_error(d, EXIT_CANTCREAT, path, 0, 0,
			   "cannot create output: more than %d output files", OUTFILE_MAX_FILES);
		return -1;
	}
	if (grow_array(&o->e, &o->cap, o->n + 1, sizeof *o->e) < 0)
		return diag_oom(d);
	e = &o->e[o->n];
	memset(e, 0, sizeof *e);
	e->slot = -1;
	e->what = what;
	e->kind = kind;
	if (!(e->path = strdup(path)))
		return diag_oom(d);
	o->nfiles += kind == ENTRY_FILE;
	return (long)o->n++;
}

int outset_input(struct outset *o, const char *path, const char *what, struct diag *d)
{
	for (size_t i = 0; i < o->n; i++)
		if (o->e[i].kind == ENTRY_INPUT && strcmp(o->e[i].path, path) == 0)
			return 0;
	return outset_add_entry(o, path, what, ENTRY_INPUT, d) < 0 ? -1 : 0;
}

int outset_output(struct outset *o, const char *path, const char *what,
		  enum outset_kind kind, struct diag *d)
{
	return outset_add_entry(o, path, what, (int)kind, d) < 0 ? -1 : 0;
}

size_t outset_room(const struct outset *o)
{
	return o->nfiles < OUTFILE_MAX_FILES ? OUTFILE_MAX_FILES - o->nfiles : 0;
}

void outfile_split_path(const char *path, char *dir, char *base)
{
	char a[PATH_MAX], b[PATH_MAX];

	snprintf(a, sizeof a, "%s", path);
	snprintf(b, sizeof b, "%s", path);
	snprintf(dir, PATH_MAX, "%s", dirname(a));
	snprintf(base, PATH_MAX, "%s", basename(b));
}

size_t outfile_stem_len(const char *base)
{
	size_t n = strlen(base), max = NAME_MAX - TEMP_EXTRA;

	if (n <= max)
		return n;
	n = max;
	while (n > 0 && ((unsigned char)base[n] & 0xC0) == 0x80)
		n--;
	return n;
}

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
 * in the way.  A target that does not exist yet is fine. */
int outfile_check_target(const struct outset *o, const char *path, struct dir_answer *planned,
			 struct diag *d)
{
	char dir[PATH_MAX], base[PATH_MAX];
	size_t len = strlen(path);
	struct stat st;
	int err = 0, exists, stat_err;

	outfile_split_path(path, dir, base);
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
	outfile_split_path(e->path, parent, base);
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
		return diag_oom(d);
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
		return diag_oom(d);
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
