/* replay — feeds files to a libFuzzer harness's LLVMFuzzerTestOneInput
 * without libFuzzer, so the committed corpus and every past finding run in
 * `make test` (check-fuzz-regressions) with a plain gcc + ASan/UBSan build.
 *
 *   replay_csv DIR_OR_FILE...   runs every file (folders: their files,
 *                               sorted), prints how many; exit 0 if none
 *                               crashed (a sanitizer report aborts).
 * Each input ends right before an unmapped page (see replay_file). */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Read the whole file; NULL (and a message) when it cannot. */
static uint8_t *replay_read(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf = NULL;
	size_t cap = 0, n = 0, got;

	if (!f) {
		perror(path);
		return NULL;
	}
	do {
		if (n == cap) {
			uint8_t *b = realloc(buf, cap = cap ? 2 * cap : 65536);
			if (!b) {
				free(buf);
				fclose(f);
				return NULL;
			}
			buf = b;
		}
		got = fread(buf + n, 1, cap - n, f);
		n += got;
	} while (got > 0);
	fclose(f);
	*len = n;
	return buf;
}

/* Run one file through the harness, its bytes placed at the very end of a
 * mapping followed by an inaccessible page: a read past the end crashes
 * even in libraries built without ASan (md4c read past its input; see
 * regressions/fuzz_spec/md4c-overread).  0, or -1 when it cannot be read. */
static int replay_file(const char *path)
{
	size_t len = 0, page = (size_t)sysconf(_SC_PAGESIZE), size;
	uint8_t *data = replay_read(path, &len), *map;

	if (!data)
		return -1;
	size = (len + page - 1) / page * page + page;
	map = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (map == MAP_FAILED || mprotect(map + size - page, page, PROT_NONE) < 0) {
		perror("mmap");
		free(data);
		return -1;
	}
	memcpy(map + size - page - len, data, len);
	free(data);
	LLVMFuzzerTestOneInput(map + size - page - len, len);
	munmap(map, size);
	return 0;
}

static int replay_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every regular file in dir, in name order (so runs are repeatable).
 * Returns the number run, or -1. */
static long replay_dir(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **names = NULL, path[4096];
	size_t n = 0, cap = 0;
	long done = 0;

	if (!d) {
		perror(dir);
		return -1;
	}
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		if (n == cap) {
			char **v = realloc(names, (cap = cap ? 2 * cap : 64) * sizeof *v);
			if (!v)
				break;
			names = v;
		}
		names[n++] = strdup(e->d_name);
	}
	closedir(d);
	if (n)
		qsort(names, n, sizeof *names, replay_cmp);
	for (size_t i = 0; i < n; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, names[i]);
		if (done >= 0 && replay_file(path) == 0)
			done++;
		else
			done = -1;
		free(names[i]);
	}
	free(names);
	return done;
}

int main(int argc, char **argv)
{
	long total = 0;

	for (int i = 1; i < argc; i++) {
		struct stat st;
		long n;

		if (stat(argv[i], &st) < 0) {
			perror(argv[i]);
			return 1;
		}
		n = S_ISDIR(st.st_mode) ? replay_dir(argv[i]) : replay_file(argv[i]) == 0 ? 1 : -1;
		if (n < 0)
			return 1;
		total += n;
	}
	printf("%s: %ld inputs replayed\n", argv[0], total);
	return 0;
}
