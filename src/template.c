/* template — a new briefing from the template folder (include/template.h). */
#include "template.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "slurp.h"

/* The template's files: visible regular files, in name order (so what is
 * copied, and said, is the same on every machine). */
static int template_pick(const struct dirent *e)
{
	return e->d_name[0] != '.';
}

/* src and dst of one name; 0 when it is not a regular file of the
 * template (a folder or a device is not part of it). */
static int template_paths(const char *from, const char *to, const char *name, char *src,
			  char *dst)
{
	struct stat st;

	snprintf(src, PATH_MAX, "%s/%s", from, name);
	snprintf(dst, PATH_MAX, "%s/%s", to, name);
	return stat(src, &st) == 0 && S_ISREG(st.st_mode);
}

/* Copy one file of the template into the output set. */
static int copy_one(const char *src, const char *dst, struct outset *out, struct diag *d)
{
	char *data;
	size_t len;

	if (slurp_file(src, &data, &len) < 0) {
		diag_error(d, EXIT_NOINPUT, src, 0, 0, "cannot read the template: %s",
			   strerror(errno));
		return -1;
	}
	return outset_write_owned(out, dst, data, len, d);
}

/* Copy the template's files (checked first, so a file already in the way
 * stops the run before anything is made; the folder, if made, goes again
 * with the output set unless it is committed). */
static int copy_all(const char *from, const char *to, struct dirent **names, int n,
		    struct outset *out, size_t *nfiles, struct diag *d)
{
	char src[PATH_MAX], dst[PATH_MAX];
	struct stat st;

	for (int i = 0; i < n; i++) {
		if (template_paths(from, to, names[i]->d_name, src, dst) && lstat(dst, &st) == 0) {
			diag_error(d, EXIT_CANTCREAT, dst, 0, 0,
				   "already exists: --new never overwrites");
			return -1;
		}
	}
	if (outset_make_folder(out, to, "folder", d) < 0)
		return -1;
	for (int i = 0; i < n; i++) {
		if (!template_paths(from, to, names[i]->d_name, src, dst))
			continue;
		if (copy_one(src, dst, out, d) < 0)
			return -1;
		++*nfiles;
	}
	return 0;
}

int template_copy(const char *from, const char *to, struct outset *out, size_t *nfiles,
		  struct diag *d)
{
	struct dirent **names = NULL;
	char spec[PATH_MAX];
	int n, rc;

	*nfiles = 0;
	snprintf(spec, sizeof spec, "%s/briefing.md", from);
	if (access(spec, R_OK) < 0) {
		diag_error(d, EXIT_NOINPUT, spec, 0, 0, "cannot read the template: %s",
			   strerror(errno));
		return -1;
	}
	if ((n = scandir(from, &names, template_pick, alphasort)) < 0) {
		diag_error(d, EXIT_NOINPUT, from, 0, 0, "cannot read the template: %s",
			   strerror(errno));
		return -1;
	}
	rc = copy_all(from, to, names, n, out, nfiles, d);
	for (int i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return rc;
}
