/* samefile — which of a run's paths name the same file (include/samefile.h). */
#include "samefile.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* parent joined with base, "." and ".." taken by name (parent has no
 * symlinks left, so its last part's ".." is its own folder). */
static char *join_name(const char *parent, const char *base)
{
	size_t pl = strlen(parent);
	char *s;

	if (strcmp(base, ".") == 0 || !*base)
		return strdup(parent);
	if (strcmp(base, "..") == 0) {
		const char *slash = strrchr(parent, '/');

		if (!slash) /* a relative parent: the cwd is gone; keep it as written */
			return strdup(parent);
		return slash == parent ? strdup("/") : strndup(parent, (size_t)(slash - parent));
	}
	if (!(s = malloc(pl + strlen(base) + 2)))
		return NULL;
	sprintf(s, "%s%s%s", parent, pl && parent[pl - 1] == '/' ? "" : "/", base);
	return s;
}

char *samefile_name(const char *path)
{
	char *copy = strdup(path), *slash, *parent, *name;
	const char *dir, *base;
	size_t n;

	if (!copy)
		return NULL;
	n = strlen(copy);
	while (n > 1 && copy[n - 1] == '/')
		copy[--n] = '\0';
	slash = strrchr(copy, '/');
	if (!slash) {
		dir = ".";
		base = copy;
	} else if (slash == copy) {
		dir = "/";
		base = copy + 1;
	} else {
		*slash = '\0';
		dir = copy;
		base = slash + 1;
	}
	parent = realpath(dir, NULL);
	if (!parent && errno != ENOMEM) {
		/* a folder not made yet (or not reachable): resolve what exists
		 * above it, the rest by name */
		parent = strcmp(dir, ".") == 0 || strcmp(dir, "/") == 0 ? strdup(dir)
									 : samefile_name(dir);
	}
	name = parent ? join_name(parent, base) : NULL;
	free(parent);
	free(copy);
	return name;
}

/* One way a path is known: by its resolved name, or by the file it is. */
struct key {
	size_t idx;        /* which path */
	const char *name;  /* a name key, or NULL */
	dev_t dev;         /* a file key */
	ino_t ino;
};

static int key_cmp(const void *pa, const void *pb)
{
	const struct key *a = pa, *b = pb;
	int c = 0;

	if (a->name && b->name)
		c = strcmp(a->name, b->name);
	else if (a->dev != b->dev)
		c = a->dev < b->dev ? -1 : 1;
	else if (a->ino != b->ino)
		c = a->ino < b->ino ? -1 : 1;
	if (c)
		return c;
	return a->idx < b->idx ? -1 : a->idx > b->idx;
}

static int key_same(const struct key *a, const struct key *b)
{
	if (a->name)
		return strcmp(a->name, b->name) == 0;
	return a->dev == b->dev && a->ino == b->ino;
}

/* In keys[0..n) (sorted), the best pair (see samefile_find) into *first and
 * *second, if better than the one there (*second == n: none yet). */
static void best_pair(const struct key *k, size_t n, const unsigned char *quiet,
		      size_t npaths, size_t *first, size_t *second)
{
	for (size_t g = 0; g < n;) {
		size_t end = g + 1, loud = quiet[k[g].idx] ? npaths : k[g].idx;

		while (end < n && key_same(&k[g], &k[end]))
			end++;
		/* members in index order: the first that has an earlier partner */
		for (size_t j = g + 1; j < end; j++) {
			size_t b = k[j].idx, a = quiet[b] ? loud : k[g].idx;

			if (a != npaths && a != b &&
			    (b < *second || (b == *second && a < *first))) {
				*first = a;
				*second = b;
				break;
			}
			if (!quiet[b] && loud == npaths)
				loud = b;
		}
		g = end;
	}
}

int samefile_find(const char *const *paths, const unsigned char *quiet, size_t n,
		  size_t *first, size_t *second)
{
	struct key *names = calloc(n ? n : 1, sizeof *names);
	struct key *files = calloc(n ? 2 * n : 1, sizeof *files);
	size_t nfiles = 0, i;
	int rc = -1;

	if (!names || !files)
		goto done;
	for (i = 0; i < n; i++) {
		struct stat l, s;
		int hl = lstat(paths[i], &l) == 0, hs = stat(paths[i], &s) == 0;

		names[i].idx = i;
		if (!(names[i].name = samefile_name(paths[i])))
			goto done;
		if (hl)
			files[nfiles++] = (struct key){ i, NULL, l.st_dev, l.st_ino };
		if (hs && !(hl && l.st_dev == s.st_dev && l.st_ino == s.st_ino))
			files[nfiles++] = (struct key){ i, NULL, s.st_dev, s.st_ino };
	}
	qsort(names, n, sizeof *names, key_cmp);
	qsort(files, nfiles, sizeof *files, key_cmp);
	*first = *second = n;
	best_pair(names, n, quiet, n, first, second);
	best_pair(files, nfiles, quiet, n, first, second);
	rc = *second < n;
done:
	if (names) {
		for (i = 0; i < n; i++)
			free((char *)names[i].name);
	}
	free(names);
	free(files);
	return rc;
}
