/* pngprobe — looks at a PNG for the test scripts (tests/cases/chart_files.sh),
 * so they can assert what a chart file shows rather than that it exists.
 *
 *   pngprobe size FILE                 "W H"
 *   pngprobe pixel FILE X Y            "rrggbb" of the pixel at (X, Y)
 *   pngprobe regions FILE RRGGBB...    one line per connected region (4-way)
 *                                      of pixels within TOL of one of the
 *                                      colours, of MIN_AREA pixels or more:
 *                                      "rrggbb x0 y0 x1 y1 area" (x1, y1
 *                                      inclusive), in the order their first
 *                                      pixel comes, row by row
 *   pngprobe ink FILE X0 Y0 X1 Y1...   per box (x1, y1 exclusive) the number
 *                                      of pixels that stand out from the
 *                                      box's background (its most common
 *                                      colour): the ink of a label, dark on
 *                                      white or light on a bar
 *   pngprobe diff A B                  "DIFFERENT TOTAL": pixels whose colour
 *                                      differs by more than DIFF_TOL in some
 *                                      channel; exit 1 when the sizes differ
 *
 * Transparent pixels are composited onto white, as a viewer shows them.
 * Exit 0, or 1 with a message on standard error. */
#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TOL 6          /* a region's pixels: each channel within this of its colour */
#define MIN_AREA 12    /* smaller regions are anti-aliasing or text, not marks */
#define INK 40         /* a pixel this far from its box's background is ink */
#define DIFF_TOL 64    /* pngprobe diff: a pixel that differs by more than this */

struct image {
	unsigned w, h;
	unsigned char *rgb; /* w * h * 3 bytes, on white */
};

static int image_read(const char *path, struct image *im)
{
	png_image png;
	unsigned char *rgba;

	memset(&png, 0, sizeof png);
	png.version = PNG_IMAGE_VERSION;
	if (!png_image_begin_read_from_file(&png, path)) {
		fprintf(stderr, "pngprobe: %s: %s\n", path, png.message);
		return -1;
	}
	png.format = PNG_FORMAT_RGBA;
	rgba = malloc(PNG_IMAGE_SIZE(png));
	im->rgb = malloc((size_t)png.width * png.height * 3 + 1);
	if (!rgba || !im->rgb || !png_image_finish_read(&png, NULL, rgba, 0, NULL)) {
		fprintf(stderr, "pngprobe: %s: %s\n", path, rgba ? png.message : "out of memory");
		free(rgba);
		free(im->rgb);
		png_image_free(&png);
		return -1;
	}
	im->w = png.width;
	im->h = png.height;
	for (size_t i = 0; i < (size_t)im->w * im->h; i++) {
		unsigned a = rgba[4 * i + 3];

		for (int c = 0; c < 3; c++)
			im->rgb[3 * i + c] =
				(unsigned char)((rgba[4 * i + c] * a + 255 * (255 - a) + 127) / 255);
	}
	free(rgba);
	return 0;
}

static int parse_hex(const char *s, int rgb[3])
{
	unsigned v;
	char end;

	if (*s == '#')
		s++;
	if (strlen(s) != 6 || sscanf(s, "%6x%c", &v, &end) != 1) {
		fprintf(stderr, "pngprobe: bad colour %s (expected rrggbb)\n", s);
		return -1;
	}
	rgb[0] = (int)(v >> 16);
	rgb[1] = (int)(v >> 8 & 0xff);
	rgb[2] = (int)(v & 0xff);
	return 0;
}

static int near(const unsigned char *p, const int rgb[3], int tol)
{
	for (int c = 0; c < 3; c++)
		if (abs(p[c] - rgb[c]) > tol)
			return 0;
	return 1;
}

/* Connected regions of each listed colour, flood-filled with an explicit
 * stack (a chart PNG is at most a few million pixels). */
static int regions(const struct image *im, int ncol, char **hex)
{
	size_t n = (size_t)im->w * im->h;
	int *label = malloc(n * sizeof *label), (*cols)[3] = malloc((size_t)ncol * sizeof *cols);
	size_t *stack = malloc(n * sizeof *stack);

	if (!label || !cols || !stack) {
		fprintf(stderr, "pngprobe: out of memory\n");
		return 1;
	}
	for (int k = 0; k < ncol; k++)
		if (parse_hex(hex[k], cols[k]) < 0)
			return 1;
	for (size_t i = 0; i < n; i++) {
		label[i] = -1;
		for (int k = 0; k < ncol && label[i] < 0; k++)
			if (near(im->rgb + 3 * i, cols[k], TOL))
				label[i] = k;
	}
	for (size_t i = 0; i < n; i++) {
		int k = label[i];
		unsigned x0 = im->w, y0 = im->h, x1 = 0, y1 = 0;
		size_t top = 0, area = 0;

		if (k < 0)
			continue;
		label[i] = -2; /* seen */
		stack[top++] = i;
		while (top) {
			size_t p = stack[--top];
			unsigned x = (unsigned)(p % im->w), y = (unsigned)(p / im->w);
			size_t nb[4];
			int m = 0;

			area++;
			x0 = x < x0 ? x : x0;
			y0 = y < y0 ? y : y0;
			x1 = x > x1 ? x : x1;
			y1 = y > y1 ? y : y1;
			if (x > 0)
				nb[m++] = p - 1;
			if (x + 1 < im->w)
				nb[m++] = p + 1;
			if (y > 0)
				nb[m++] = p - im->w;
			if (y + 1 < im->h)
				nb[m++] = p + im->w;
			for (int j = 0; j < m; j++)
				if (label[nb[j]] == k) {
					label[nb[j]] = -2;
					stack[top++] = nb[j];
				}
		}
		if (area >= MIN_AREA)
			printf("%02x%02x%02x %u %u %u %u %zu\n", cols[k][0], cols[k][1], cols[k][2],
			       x0, y0, x1, y1, area);
	}
	free(label);
	free(cols);
	free(stack);
	return 0;
}

/* Pixels of box b (x0 y0 x1 y1, x1 and y1 exclusive, clipped to the image)
 * that stand out from the box's background, its most common colour: ink of
 * dark text on white and of light text on a coloured bar alike. */
static long ink_box(const struct image *im, long x0, long y0, long x1, long y1)
{
	static long hist[4096];
	long best = -1, count = 0, sum[3] = { 0, 0, 0 }, n = 0;
	int bg[3] = { 255, 255, 255 }, mode = 0;

	x0 = x0 < 0 ? 0 : x0;
	y0 = y0 < 0 ? 0 : y0;
	x1 = x1 > (long)im->w ? (long)im->w : x1;
	y1 = y1 > (long)im->h ? (long)im->h : y1;
	memset(hist, 0, sizeof hist);
	for (long y = y0; y < y1; y++)
		for (long x = x0; x < x1; x++) {
			const unsigned char *p = im->rgb + 3 * ((size_t)y * im->w + (size_t)x);
			int bin = p[0] >> 4 << 8 | p[1] >> 4 << 4 | p[2] >> 4;

			if (++hist[bin] > best) {
				best = hist[bin];
				mode = bin;
			}
		}
	/* the background: the mean of the pixels in the most common bin */
	for (long y = y0; y < y1; y++)
		for (long x = x0; x < x1; x++) {
			const unsigned char *p = im->rgb + 3 * ((size_t)y * im->w + (size_t)x);

			if ((p[0] >> 4 << 8 | p[1] >> 4 << 4 | p[2] >> 4) == mode) {
				for (int c = 0; c < 3; c++)
					sum[c] += p[c];
				n++;
			}
		}
	for (int c = 0; n && c < 3; c++)
		bg[c] = (int)(sum[c] / n);
	for (long y = y0; y < y1; y++)
		for (long x = x0; x < x1; x++)
			count += !near(im->rgb + 3 * ((size_t)y * im->w + (size_t)x), bg, INK);
	return count;
}

static int ink(const struct image *im, int nbox, char **v)
{
	for (int b = 0; b + 3 < nbox; b += 4)
		printf("%ld\n", ink_box(im, atol(v[b]), atol(v[b + 1]), atol(v[b + 2]), atol(v[b + 3])));
	return 0;
}

static int diff(const struct image *a, const struct image *b)
{
	size_t n = (size_t)a->w * a->h, count = 0;

	if (a->w != b->w || a->h != b->h) {
		fprintf(stderr, "pngprobe: sizes differ: %ux%u and %ux%u\n", a->w, a->h, b->w, b->h);
		return 1;
	}
	for (size_t i = 0; i < 3 * n; i += 3) {
		int d = 0;

		for (int c = 0; c < 3; c++)
			if (abs(a->rgb[i + c] - b->rgb[i + c]) > DIFF_TOL)
				d = 1;
		count += (size_t)d;
	}
	printf("%zu %zu\n", count, n);
	return 0;
}

int main(int argc, char **argv)
{
	struct image im, other;
	int rc = 1;

	if (argc < 3) {
		fprintf(stderr, "usage: pngprobe size|pixel|regions|ink|diff FILE ...\n");
		return 1;
	}
	if (image_read(argv[2], &im) < 0)
		return 1;
	if (strcmp(argv[1], "size") == 0 && argc == 3) {
		printf("%u %u\n", im.w, im.h);
		rc = 0;
	} else if (strcmp(argv[1], "pixel") == 0 && argc == 5) {
		long x = atol(argv[3]), y = atol(argv[4]);

		if (x < 0 || y < 0 || x >= (long)im.w || y >= (long)im.h) {
			fprintf(stderr, "pngprobe: (%ld, %ld) is outside %ux%u\n", x, y, im.w, im.h);
		} else {
			const unsigned char *p = im.rgb + 3 * ((size_t)y * im.w + (size_t)x);

			printf("%02x%02x%02x\n", p[0], p[1], p[2]);
			rc = 0;
		}
	} else if (strcmp(argv[1], "regions") == 0 && argc > 3) {
		rc = regions(&im, argc - 3, argv + 3);
	} else if (strcmp(argv[1], "ink") == 0 && argc > 3 && (argc - 3) % 4 == 0) {
		rc = ink(&im, argc - 3, argv + 3);
	} else if (strcmp(argv[1], "diff") == 0 && argc == 4) {
		if (image_read(argv[3], &other) == 0) {
			rc = diff(&im, &other);
			free(other.rgb);
		}
	} else {
		fprintf(stderr, "pngprobe: bad arguments for %s\n", argv[1]);
	}
	free(im.rgb);
	return rc;
}
