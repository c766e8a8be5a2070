/* fuzz_split — the splitter of simple blocks (src/data_split.c) against
 * libcsv, the reference: the same bytes read both ways (and by worker
 * threads over 64-byte chunks) must give the same rows, cells, groups,
 * errors and line:col locations (tests/unit/split_diff.h).
 *
 * The input's first byte picks the dialect: its low bits the delimiter
 * (detected, ',', ';', tab or '|'), then ragged: pad, decimal commas, and a
 * header of one column instead of three; the header line (a,b,c with the
 * delimiter, or a) is written before the rest of the input, so that the
 * fuzzer spends its time on the data lines the splitter reads. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "../unit/split_diff.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int fuzz_fd = -1;
static char fuzz_path[64];

/* Write header + data[0..size) to the memfd file. */
static int fuzz_file(const char *header, const uint8_t *data, size_t size)
{
	size_t hl = strlen(header);

	if (fuzz_fd < 0) {
		fuzz_fd = memfd_create("split.csv", 0);
		if (fuzz_fd < 0)
			return -1;
		snprintf(fuzz_path, sizeof fuzz_path, "/proc/self/fd/%d", fuzz_fd);
	}
	if (ftruncate(fuzz_fd, 0) < 0 || pwrite(fuzz_fd, header, hl, 0) != (ssize_t)hl)
		return -1;
	for (size_t off = 0; off < size;) {
		ssize_t w = pwrite(fuzz_fd, data + off, size - off, (off_t)(hl + off));

		if (w <= 0)
			return -1;
		off += (size_t)w;
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char delims[] = { 0, ',', ';', '\t', '|' };
	struct data_dialect dd;
	char header[16], d;
	int one;
	char *report;

	if (size < 1 || size > (64 << 10))
		return 0;
	data_dialect_init(&dd);
	dd.delimiter = delims[data[0] % 5];
	dd.ragged_pad = (data[0] / 5) & 1;
	dd.decimal = (data[0] / 10) & 1 && dd.delimiter != ',' ? ',' : '.';
	one = (data[0] / 20) & 1;
	d = dd.delimiter ? dd.delimiter : ',';
	if (one)
		snprintf(header, sizeof header, "a\n");
	else
		snprintf(header, sizeof header, "a%cb%cc\n", d, d);
	if (fuzz_file(header, data + 1, size - 1) < 0)
		return 0;
	report = split_diff(fuzz_path, &dd, one);
	if (report) {
		fprintf(stderr, "fuzz_split: the splitter and libcsv differ\n%s\n", report);
		free(report);
		abort();
	}
	return 0;
}
