/* floor — the benchmark's floor: parse a CSV file with libcsv and nothing
 * else.  64 KiB read()s, no-op callbacks, the same parser options as the
 * data layer (src/data.c).  Prints rows and bytes so the work cannot be
 * optimised away.
 *   floor FILE
 */
#include <csv.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

static void on_field(void *s, size_t len, void *arg)
{
	(void)s;
	(void)len;
	(void)arg;
}

static void on_row(int term, void *arg)
{
	(void)term;
	++*(long long *)arg;
}

int main(int argc, char **argv)
{
	static char buf[64 * 1024];
	struct csv_parser p;
	long long rows = 0, bytes = 0;
	ssize_t n;
	int fd;

	if (argc != 2) {
		fprintf(stderr, "usage: floor FILE\n");
		return 64;
	}
	if ((fd = open(argv[1], O_RDONLY)) < 0) {
		perror(argv[1]);
		return 66;
	}
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
		return 70;
	while ((n = read(fd, buf, sizeof buf)) > 0) {
		bytes += n;
		if (csv_parse(&p, buf, (size_t)n, on_field, on_row, &rows) != (size_t)n) {
			fprintf(stderr, "%s: %s\n", argv[1], csv_strerror(csv_error(&p)));
			return 65;
		}
	}
	if (n < 0) {
		perror(argv[1]);
		return 66;
	}
	csv_fini(&p, on_field, on_row, &rows);
	csv_free(&p);
	close(fd);
	printf("floor: %lld bytes, %lld rows\n", bytes, rows);
	return 0;
}
