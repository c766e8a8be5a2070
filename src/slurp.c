/* slurp — a whole file in memory (include/slurp.h). */
#include "slurp.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

int slurp_file(const char *path, char **data, size_t *len)
{
	FILE *f = fopen(path, "rb");
	struct stat st;
	char *buf = NULL;
	size_t n = 0, cap = 0, r;
	int err = 0;

	if (!f)
		return -1;
	if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode))
		err = EISDIR;
	/* grow as read rather than trust st_size: a file may change meanwhile,
	 * and /dev/stdin or a FIFO has none */
	for (; !err; n += r) {
		if (n + 1 >= cap) {
			char *b = realloc(buf, cap = cap ? cap * 2 : 64 * 1024);

			if (!b) {
				err = ENOMEM;
				break;
			}
			buf = b;
		}
		if ((r = fread(buf + n, 1, cap - n - 1, f)) == 0) {
			if (ferror(f))
				err = errno ? errno : EIO;
			break;
		}
	}
	fclose(f);
	if (err) {
		free(buf);
		errno = err;
		return -1;
	}
	buf[n] = '\0';
	*data = buf;
	*len = n;
	return 0;
}
