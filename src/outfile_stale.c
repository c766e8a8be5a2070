/* outfile_stale — the folder locks of a set and the cleanup of the
 * temporaries a killed run left behind (include/outfile.h: outset_write;
 * src/outfile_int.h). */
#include "outfile_int.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "grow.h"

/* Does the entry name a file in the folder (dev, ino)? */
static int entry_in_folder(const struct entry *e, dev_t dev, ino_t ino, struct dir_answer *last)
{
	char dir[PATH_MAX], base[PATH_MAX];
	struct stat st;

	outfile_split_path(e->path, dir, base);
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
		stems[ns++] = (struct stem){ base, outfile_stem_len(base) };
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

/* Before the set\'s first temporary in the folder dir: lock it for the rest
 * of the set, shared, so no other run takes our temporaries for stale; if
 * no other run holds it, first exclusive, to remove stale temporaries (no
 * temporary of ours is there yet, so the lock may be let go for a moment
 * when it turns shared).  A folder that cannot be opened or locked (no
 * flock on its file system) gets no cleanup. */
void outset_lock_folder(struct outset *o, const char *dir)
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
