/* Unit tests for fonts, scene and the renderers (render_pdf,
 * render_png_data, render_svg_data).  Run from the repository root: fonts come from "fonts/". */
#include "testutil.h"

#include <math.h>
#include <sys/stat.h>
#include <unistd.h>

#include <hpdf.h>

#include "fonts.h"
#include "outfile.h"
#include "render.h"
#include "scene.h"

#define FONT_DIR "fonts"

static const struct rgba blue = { 0, 0.447, 0.698, 1 };
static const struct rgba orange = { 0.902, 0.624, 0, 1 };
static const struct rgba grey = { 0.2, 0.2, 0.2, 1 };
static const struct rgba half = { 0.8, 0.475, 0.655, 0.5 };

static struct fonts *load(void)
{
	struct diag d = { 0 };
	struct fonts *f = fonts_load(FONT_DIR, &d);

	if (!f)
		fail_msg("fonts_load: %s", d.msg);
	return f;
}

/* A fresh temporary folder name in buf. */
static void tmpdir(char *buf, size_t size)
{
	snprintf(buf, size, "/tmp/test_scene.XXXXXX");
	assert_non_null(mkdtemp(buf));
}

static int run(const char *cmd)
{
	int rc = system(cmd);
	return rc == -1 ? -1 : WEXITSTATUS(rc);
}

/* Whole output of a shell command (at most size - 1 bytes). */
static void capture(const char *cmd, char *buf, size_t size)
{
	FILE *p = popen(cmd, "r");
	size_t n;

	assert_non_null(p);
	n = fread(buf, 1, size - 1, p);
	buf[n] = '\0';
	pclose(p);
}

/* ---- fonts ---- */

static void test_fonts_file_name(void **state)
{
	(void)state;
	assert_string_equal(fonts_file_name(FONT_REGULAR), "LiberationSans-Regular.ttf");
	assert_string_equal(fonts_file_name(FONT_BOLD), "LiberationSans-Bold.ttf");
	assert_string_equal(fonts_file_name(FONT_ITALIC), "LiberationSans-Italic.ttf");
	assert_string_equal(fonts_file_name(FONT_BOLD_ITALIC), "LiberationSans-BoldItalic.ttf");
	assert_string_equal(fonts_file_name(FONT_MONO), "LiberationMono-Regular.ttf");
	assert_string_equal(fonts_file_name(FONT_MONO_BOLD), "LiberationMono-Bold.ttf");
	assert_string_equal(fonts_file_name(FONT_FILES), "LiberationSans-Regular.ttf");
}

static void test_fonts_widths(void **state)
{
	struct fonts *f = load();
	const char *t = "Exports 2023 (million USD)";
	double w10 = fonts_text_width(f, FONT_REGULAR, 10, t);
	double w7 = fonts_text_width(f, FONT_REGULAR, 7.5, t);

	(void)state;
	assert_true(w10 > 50 && w10 < 200);
	assert_true(fabs(w10 * 0.75 - w7) < 1e-9);
	assert_true(fabs(fonts_text_width(f, FONT_REGULAR, 20, t) - 2 * w10) < 1e-9);
	assert_true(fonts_text_width(f, FONT_BOLD, 10, t) > w10);
	assert_true(fonts_text_width(f, FONT_BOLD_ITALIC, 10, t) > 0);
	/* The design width: 'a' is 1139/2048 em in Liberation Sans. */
	assert_true(fabs(fonts_text_width(f, FONT_REGULAR, 2048, "a") - 1139) < 1e-6);
	assert_true(fonts_text_width(f, FONT_REGULAR, 10, "Азәрбайҹан Республикасы") > 50);
	assert_true(fonts_text_width(f, FONT_ITALIC, 10, "Ğ ş ı ö ü ç ə") > 0);
	assert_true(fonts_text_width(f, FONT_REGULAR, 10, "") == 0);
	/* invalid UTF-8 is measured as U+FFFD and does not poison the face */
	assert_true(fonts_text_width(f, FONT_REGULAR, 10, "a\xff") > 0);
	assert_true(fabs(fonts_text_width(f, FONT_REGULAR, 10, t) - w10) < 1e-12);
	fonts_free(f);
}

static void test_fonts_no_kerning(void **state)
{
	struct fonts *f = load();
	const char *pairs[][2] = { { "a", "b" }, { "A", "V" }, { "T", "o" }, { "Ж", "ə" } };

	(void)state;
	for (size_t i = 0; i < sizeof pairs / sizeof *pairs; i++) {
		char both[16];
		snprintf(both, sizeof both, "%s%s", pairs[i][0], pairs[i][1]);
		for (int face = 0; face < FONT_FACES; face++) {
			double w = fonts_text_width(f, face, 9, both);
			double sum = fonts_text_width(f, face, 9, pairs[i][0]) +
				     fonts_text_width(f, face, 9, pairs[i][1]);
			assert_true(fabs(w - sum) < 1e-6);
		}
	}
	fonts_free(f);
}

static void test_fonts_extents(void **state)
{
	struct fonts *f = load();
	double a = 0, d = 0, a2 = 0, d2 = 0;

	(void)state;
	fonts_extents(f, FONT_REGULAR, 10, &a, &d);
	fonts_extents(f, FONT_REGULAR, 20, &a2, &d2);
	assert_true(a > 8 && a < 10.5);
	assert_true(d > 1.5 && d < 3);
	assert_true(fabs(a2 - 2 * a) < 1e-9 && fabs(d2 - 2 * d) < 1e-9);
	assert_non_null(fonts_cairo_face(f, FONT_BOLD));
	fonts_free(f);
	fonts_free(NULL);
}

static void test_fonts_missing(void **state)
{
	struct diag d = { 0 };

	(void)state;
	assert_null(fonts_load("no/such/folder", &d));
	assert_int_equal(d.code, EXIT_NOINPUT);
	assert_string_equal(d.file, "no/such/folder/LiberationSans-Regular.ttf");
	assert_string_equal(d.msg, "cannot open font no/such/folder/LiberationSans-Regular.ttf: "
				   "No such file or directory");
}

/* A folder with the regular face but a text file as the bold one. */
static void test_fonts_bad(void **state)
{
	char dir[64], cmd[512], want[256];
	struct diag d = { 0 };

	(void)state;
	tmpdir(dir, sizeof dir);
	snprintf(cmd, sizeof cmd,
		 "cp " FONT_DIR "/LiberationSans-Regular.ttf %s/ && "
		 "echo 'not a font' > %s/LiberationSans-Bold.ttf", dir, dir);
	assert_int_equal(run(cmd), 0);
	assert_null(fonts_load(dir, &d));
	assert_int_equal(d.code, EXIT_DATAERR);
	snprintf(want, sizeof want, "cannot load font %s/LiberationSans-Bold.ttf: "
		 "not a TrueType font", dir);
	assert_string_equal(d.msg, want);
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	run(cmd);
}

/* ---- scene ---- */

static int path_count(const cairo_path_t *p, cairo_path_data_type_t type)
{
	int n = 0;

	for (int i = 0; i < p->num_data; i += p->data[i].header.length)
		n += p->data[i].header.type == type;
	return n;
}

static void test_scene_paths(void **state)
{
	struct scene *s = scene_new(200, 100);
	cairo_t *cr = scene_cairo(s);
	const struct scene_item *it;

	(void)state;
	assert_non_null(cr);
	assert_true(scene_width(s) == 200 && scene_height(s) == 100);
	cairo_rectangle(cr, 10, 20, 30, 40);
	assert_int_equal(scene_add_path(s, &blue, NULL, 0), 0);
	cairo_move_to(cr, 100, 50);
	cairo_arc(cr, 100, 50, 40, -M_PI / 2, M_PI / 3);
	cairo_close_path(cr);
	assert_int_equal(scene_add_path(s, &orange, &grey, 1), 0);
	assert_int_equal(scene_count(s), 2);
	/* the path was taken: nothing left to add */
	assert_int_equal(scene_add_path(s, &blue, NULL, 0), -1);
	assert_int_equal(scene_count(s), 2);

	it = scene_get(s, 0);
	assert_int_equal(it->kind, SCENE_PATH);
	assert_true(it->has_fill && !it->has_stroke);
	assert_int_equal(path_count(it->path, CAIRO_PATH_LINE_TO), 3);
	assert_int_equal(path_count(it->path, CAIRO_PATH_CURVE_TO), 0);
	it = scene_get(s, 1);
	assert_true(it->has_fill && it->has_stroke && it->line_width == 1);
	assert_true(it->stroke.r == grey.r && it->fill.g == orange.g);
	assert_true(path_count(it->path, CAIRO_PATH_CURVE_TO) >= 2);  /* 150° of arc */
	assert_int_equal(path_count(it->path, CAIRO_PATH_CLOSE_PATH), 1);
	assert_null(scene_get(s, 2));

	/* transforms apply: the copy is in user space at the time of the add */
	cairo_save(cr);
	cairo_translate(cr, 50, 0);
	cairo_rectangle(cr, 0, 0, 10, 10);
	cairo_restore(cr);
	assert_int_equal(scene_add_path(s, NULL, &grey, 0.5), 0);
	assert_true(scene_get(s, 2)->path->data[1].point.x == 50);
	scene_free(s);
	scene_free(NULL);
}

static void test_scene_text(void **state)
{
	struct fonts *f = load();
	struct scene *s = scene_new(100, 100);
	const struct scene_item *it;

	(void)state;
	assert_int_equal(scene_add_text(s, f, "Азәрбайҹан", FONT_BOLD, 9, 50, 60, SCENE_CENTER,
					90, &grey), 0);
	assert_int_equal(scene_add_text(s, f, "bad \xc3 byte", FONT_REGULAR, 8, 0, 0, SCENE_LEFT,
					0, NULL), 0);
	assert_int_equal(scene_count(s), 2);
	it = scene_get(s, 0);
	assert_int_equal(it->kind, SCENE_TEXT);
	assert_string_equal(it->text, "Азәрбайҹан");
	assert_true(it->width > 0);
	assert_true(it->width == fonts_text_width(f, FONT_BOLD, 9, "Азәрбайҹан"));
	assert_true(it->face == FONT_BOLD && it->size == 9 && it->x == 50 && it->y == 60);
	assert_true(it->align == SCENE_CENTER && it->angle == 90);
	assert_true(it->color.r == grey.r);
	it = scene_get(s, 1);
	assert_string_equal(it->text, "bad \xEF\xBF\xBD byte");
	assert_true(it->color.r == 0 && it->color.a == 1);
	scene_free(s);
	fonts_free(f);
}

/* ---- renderers ---- */

/* The test picture: bars, a pie slice, level, centred and rotated text. */
static struct scene *sample(struct fonts *f)
{
	struct scene *s = scene_new(200, 100);
	cairo_t *cr = scene_cairo(s);

	cairo_rectangle(cr, 20, 30, 30, 50);
	scene_add_path(s, &blue, NULL, 0);
	cairo_rectangle(cr, 60, 50, 30, 30);
	scene_add_path(s, &half, NULL, 0);
	cairo_move_to(cr, 150, 50);
	cairo_arc(cr, 150, 50, 35, -M_PI / 2, M_PI / 4);
	cairo_close_path(cr);
	scene_add_path(s, &orange, &(struct rgba){ 1, 1, 1, 1 }, 1);
	cairo_move_to(cr, 15, 80.5);
	cairo_line_to(cr, 100, 80.5);
	scene_add_path(s, NULL, &grey, 0.75);
	scene_add_text(s, f, "Экспорт", FONT_REGULAR, 8, 35, 92, SCENE_CENTER, 0, &grey);
	scene_add_text(s, f, "Azərbaycan", FONT_BOLD, 8, 12, 80, SCENE_LEFT, 90, &grey);
	scene_add_text(s, f, "42,5 %", FONT_ITALIC, 7.5, 195, 95, SCENE_RIGHT, 0, &grey);
	return s;
}

/* Reads a PNG held in memory for cairo_image_surface_create_from_png_stream. */
struct png_reader {
	const unsigned char *data;
	size_t len, pos;
};

static cairo_status_t png_read(void *closure, unsigned char *out, unsigned int n)
{
	struct png_reader *r = closure;

	if (r->len - r->pos < n)
		return CAIRO_STATUS_READ_ERROR;
	memcpy(out, r->data + r->pos, n);
	r->pos += n;
	return CAIRO_STATUS_SUCCESS;
}

/* Write bytes to path the way the program does: through an output set. */
static void write_out(const char *path, const unsigned char *data, size_t len)
{
	struct diag d = { 0 };
	struct outset *o = outset_new();

	assert_non_null(o);
	if (outset_write(o, path, data, len, &d) < 0 || outset_commit(o, &d) < 0)
		fail_msg("writing %s: %s", path, d.msg);
	outset_free(o);
}

/* The PNG of a scene: its size and pixels as painted, the same bytes each
 * time. */
static void test_render_png(void **state)
{
	struct fonts *f = load();
	struct scene *s = sample(f);
	unsigned char *a, *b;
	size_t n, n2;
	struct diag d = { 0 };
	cairo_surface_t *img;

	(void)state;
	assert_int_equal(render_png_data(s, f, 200, "a.png", &a, &n, &d), 0);
	assert_int_equal(render_png_data(s, f, 200, "b.png", &b, &n2, &d), 0);
	assert_true(n > 33);
	assert_memory_equal(a, "\x89PNG\r\n\x1a\n", 8);
	assert_memory_equal(a + 12, "IHDR", 4);
	assert_memory_equal(a + 16, "\0\0\x02\x2c", 4); /* 556 */
	assert_memory_equal(a + 20, "\0\0\x01\x16", 4); /* 278 */
	assert_int_equal(n2, n);
	assert_memory_equal(a, b, n);

	img = cairo_image_surface_create_from_png_stream(png_read,
							 &(struct png_reader){ a, n, 0 });
	assert_int_equal(cairo_surface_status(img), CAIRO_STATUS_SUCCESS);
	assert_int_equal(cairo_image_surface_get_width(img), 556);
	assert_int_equal(cairo_image_surface_get_height(img), 278);
	{
		const uint32_t *px = (const uint32_t *)cairo_image_surface_get_data(img);
		int stride = cairo_image_surface_get_stride(img) / 4;
		assert_int_equal(px[0] & 0xffffff, 0xffffff);
		assert_int_equal(px[277 * stride + 555] & 0xffffff, 0xffffff);
		/* inside the blue bar at (35, 55) pt */
		assert_int_equal(px[(int)(55 * 200 / 72.0) * stride + (int)(35 * 200 / 72.0)] &
				 0xffffff, 0x0072b2);
	}
	cairo_surface_destroy(img);
	free(a);
	free(b);
	scene_free(s);
	fonts_free(f);
}

/* The pixels of a PNG in memory (cairo decodes palette PNGs too); the
 * caller destroys the surface. */
static cairo_surface_t *png_decode(const unsigned char *data, size_t len)
{
	cairo_surface_t *img = cairo_image_surface_create_from_png_stream(
		png_read, &(struct png_reader){ data, len, 0 });

	assert_int_equal(cairo_surface_status(img), CAIRO_STATUS_SUCCESS);
	return img;
}

/* How many pixels of a and b (of one size) differ. */
static long pixels_differ(cairo_surface_t *a, cairo_surface_t *b)
{
	int w = cairo_image_surface_get_width(a), h = cairo_image_surface_get_height(a);
	int sa = cairo_image_surface_get_stride(a) / 4, sb = cairo_image_surface_get_stride(b) / 4;
	const uint32_t *pa = (const uint32_t *)cairo_image_surface_get_data(a);
	const uint32_t *pb = (const uint32_t *)cairo_image_surface_get_data(b);
	long n = 0;

	assert_int_equal(cairo_image_surface_get_width(b), w);
	assert_int_equal(cairo_image_surface_get_height(b), h);
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++)
			n += (pa[y * sa + x] & 0xffffff) != (pb[y * sb + x] & 0xffffff);
	return n;
}

/* The e-mail's PNG: a chart (flat colours, anti-aliased edges and text)
 * becomes an 8-bit palette PNG (colour type 3), smaller than the RGB one,
 * whose pixels are the RGB one's but for at most 1 % (edge pixels beyond
 * the 256 most frequent colours), the same bytes each time; an image of
 * more colours than that stays RGB (colour type 2). */
static void test_render_png_small(void **state)
{
	struct fonts *f = load();
	struct scene *s = sample(f), *many = scene_new(200, 100);
	unsigned char *rgb, *pal, *pal2;
	size_t nrgb, npal, npal2;
	struct diag d = { 0 };
	cairo_surface_t *a, *b;
	cairo_t *cr = scene_cairo(many);

	(void)state;
	assert_int_equal(render_png_data(s, f, 200, "a.png", &rgb, &nrgb, &d), 0);
	assert_int_equal(render_png_small_data(s, f, 200, "a.png", &pal, &npal, &d), 0);
	assert_int_equal(render_png_small_data(s, f, 200, "a.png", &pal2, &npal2, &d), 0);
	assert_int_equal(npal2, npal);
	assert_memory_equal(pal, pal2, npal);
	assert_memory_equal(pal + 12, "IHDR", 4);
	assert_int_equal(pal[24], 8); /* bit depth */
	assert_int_equal(pal[25], 3); /* PNG_COLOR_TYPE_PALETTE */
	assert_memory_equal(pal + 16, rgb + 16, 8); /* the same size */
	assert_true(npal < nrgb);
	a = png_decode(rgb, nrgb);
	b = png_decode(pal, npal);
	assert_true(pixels_differ(a, b) * 100 <= 556L * 278);
	cairo_surface_destroy(a);
	cairo_surface_destroy(b);
	free(rgb);
	free(pal);
	free(pal2);

	/* 2,000 cells of 2,000 colours: no palette holds them */
	for (int i = 0; i < 2000; i++) {
		struct rgba c = { (i % 20) / 19.0, (i / 20 % 10) / 9.0, (i / 200) / 9.0, 1 };

		cairo_rectangle(cr, (i % 50) * 4, (i / 50) * 2.5, 4, 2.5);
		assert_int_equal(scene_add_path(many, &c, NULL, 0), 0);
	}
	assert_int_equal(render_png_small_data(many, f, 72, "m.png", &pal, &npal, &d), 0);
	assert_int_equal(pal[25], 2); /* PNG_COLOR_TYPE_RGB */
	assert_int_equal(render_png_data(many, f, 72, "m.png", &rgb, &nrgb, &d), 0);
	assert_int_equal(nrgb, npal);
	assert_memory_equal(rgb, pal, nrgb);
	free(rgb);
	free(pal);
	scene_free(many);
	scene_free(s);
	fonts_free(f);
}

/* Write n bytes of SVG to a temporary file and run the shell command
 * `check FILE` on it, its standard output discarded; its exit status. */
static int svg_check(const unsigned char *svg, size_t n, const char *check)
{
	char dir[64], path[128], cmd[512];
	int rc;

	tmpdir(dir, sizeof dir);
	snprintf(path, sizeof path, "%s/a.svg", dir);
	write_out(path, svg, n);
	snprintf(cmd, sizeof cmd, "%s %s >/dev/null", check, path);
	rc = run(cmd);
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	run(cmd);
	return rc;
}

/* The SVG of a scene: the same bytes each time, and a file a real reader
 * (rsvg-convert) accepts. */
static void test_render_svg(void **state)
{
	struct fonts *f = load();
	struct scene *s = sample(f);
	unsigned char *a, *b;
	size_t n, n2;
	struct diag d = { 0 };

	(void)state;
	assert_int_equal(render_svg_data(s, f, "a.svg", &a, &n, &d), 0);
	assert_int_equal(render_svg_data(s, f, "b.svg", &b, &n2, &d), 0);
	assert_true(n > 100);
	assert_memory_equal(a, "<?xml", 5);
	assert_non_null(memmem(a, n, "width=\"200pt\"", 13));
	assert_int_equal(n2, n);
	assert_memory_equal(a, b, n);
	/* a real reader accepts it (make deps installs librsvg2-bin) */
	if (run("command -v rsvg-convert >/dev/null 2>&1") != 0)
		fail_msg("rsvg-convert is not installed: run make deps");
	assert_int_equal(svg_check(a, n, "rsvg-convert"), 0);
	free(a);
	free(b);
	scene_free(s);
	fonts_free(f);
}

/* The SVG is written from the scene: a path as its own segments and paint,
 * text as <text> in the fonts' family (escaped, aligned by text-anchor,
 * rotated about its anchor, bold and italic as attributes), numbers with
 * two decimals and no locale, the label as <title> and <desc>; and the
 * file parses as XML (python3's parser, as tests/cases/chart_files.sh). */
static void test_render_svg_from_scene(void **state)
{
	static const struct rgba fill = { 0, 0.447, 0.698, 1 };
	static const struct rgba seethrough = { 1, 0, 0, 0.25 };
	struct fonts *f = load();
	struct scene *s = scene_new(120.5, 40);
	cairo_t *cr = scene_cairo(s);
	unsigned char *svg;
	size_t n;
	struct diag d = { 0 };
	char *text;

	(void)state;
	assert_string_equal(fonts_family(f), "Liberation Sans");
	assert_string_equal(fonts_family(NULL), "sans-serif");
	/* paths are cairo's fixed point (1/256): exact here */
	cairo_rectangle(cr, 1.25, -2.25, 10, 0.5);
	assert_int_equal(scene_add_path(s, &fill, &seethrough, 0.5), 0);
	cairo_move_to(cr, 0, 0);
	cairo_curve_to(cr, 1, 2, 3, 4, 5.5546875, 6.0078125);
	assert_int_equal(scene_add_path(s, NULL, &fill, 1), 0);
	assert_int_equal(scene_add_text(s, f, "A & B <C> \x01", FONT_BOLD, 9, 60.004, 19.996, SCENE_CENTER,
					0, &grey), 0);
	assert_int_equal(scene_add_text(s, f, "right", FONT_ITALIC, 7.5, 120, 30, SCENE_RIGHT,
					90, &grey), 0);
	assert_int_equal(scene_add_text(s, f, "", FONT_REGULAR, 7.5, 0, 0, SCENE_LEFT, 0, &grey),
			 0);
	assert_int_equal(scene_add_text(s, f, "0", FONT_REGULAR, 8, -0.004, -0.006, SCENE_LEFT, 0,
					&seethrough), 0);
	assert_int_equal(scene_set_label(s, "T <1>", "D & 2"), 0);
	assert_int_equal(render_svg_data(s, f, "x.svg", &svg, &n, &d), 0);
	text = strndup((const char *)svg, n);
	assert_non_null(text);
	assert_string_equal(text,
		"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"120.5pt\" "
		"height=\"40pt\" viewBox=\"0 0 120.5 40\" font-family=\"'Liberation Sans', Arial, "
		"Helvetica, sans-serif\" font-kerning=\"none\" stroke-miterlimit=\"10\" "
		"xml:space=\"preserve\">\n"
		"<title>T &lt;1&gt;</title>\n"
		"<desc>D &amp; 2</desc>\n"
		"<path d=\"M 1.25 -2.25 L 11.25 -2.25 L 11.25 -1.75 L 1.25 -1.75 Z\" fill=\"#0072b2\" "
		"stroke=\"#ff0000\" stroke-opacity=\"0.25\" stroke-width=\"0.5\"/>\n"
		"<path d=\"M 0 0 C 1 2 3 4 5.55 6.01\" fill=\"none\" stroke=\"#0072b2\" "
		"stroke-width=\"1\"/>\n"
		"<text x=\"60\" y=\"20\" font-size=\"9\" font-weight=\"bold\" "
		"text-anchor=\"middle\" fill=\"#333333\">A &amp; B &lt;C&gt; </text>\n"
		"<text x=\"120\" y=\"30\" font-size=\"7.5\" font-style=\"italic\" "
		"text-anchor=\"end\" transform=\"rotate(-90 120 30)\" fill=\"#333333\">right</text>\n"
		"<text x=\"0\" y=\"-0.01\" font-size=\"8\" fill=\"#ff0000\" "
		"fill-opacity=\"0.25\">0</text>\n"
		"</svg>\n");
	assert_int_equal(svg_check(svg, n, "python3 -c 'import sys, xml.etree.ElementTree as E; "
					   "E.parse(sys.argv[1])'"), 0);
	free(text);
	free(svg);
	scene_free(s);
	fonts_free(f);
}

static void pdf_error(HPDF_STATUS e, HPDF_STATUS detail, void *data)
{
	(void)detail;
	*(HPDF_STATUS *)data = e;
}

/* Load the four faces into pdf as layout does (UTF-8 encoding). */
static void pdf_fonts(HPDF_Doc pdf, HPDF_Font fonts[FONT_FACES])
{
	char path[256];

	assert_int_equal(HPDF_UseUTFEncodings(pdf), HPDF_OK);
	for (int i = 0; i < FONT_FACES; i++) {
		snprintf(path, sizeof path, FONT_DIR "/%s", fonts_file_name(i));
		const char *name = HPDF_LoadTTFontFromFile(pdf, path, HPDF_TRUE);
		assert_non_null(name);
		fonts[i] = HPDF_GetFont(pdf, name, "UTF-8");
		assert_non_null(fonts[i]);
	}
}

static void test_render_pdf(void **state)
{
	struct fonts *f = load();
	struct scene *s = sample(f);
	HPDF_STATUS err = 0;
	HPDF_Doc pdf = HPDF_New(pdf_error, &err);
	HPDF_Font fonts[FONT_FACES];
	HPDF_Page page;
	struct diag d = { 0 };
	char dir[64], path[128], cmd[300], out[4096];

	(void)state;
	assert_non_null(pdf);
	HPDF_SetCompressionMode(pdf, HPDF_COMP_NONE);
	pdf_fonts(pdf, fonts);
	page = HPDF_AddPage(pdf);
	HPDF_Page_SetWidth(page, 300);
	HPDF_Page_SetHeight(page, 200);
	assert_int_equal(render_pdf(s, pdf, page, fonts, 50, 150, NULL, &d), 0);
	/* the page state is as before: a second run on top works too */
	assert_int_equal(HPDF_Page_GetGMode(page), HPDF_GMODE_PAGE_DESCRIPTION);
	assert_int_equal(render_pdf(s, pdf, page, fonts, 50, 150, NULL, &d), 0);
	assert_int_equal(err, 0);
	tmpdir(dir, sizeof dir);
	snprintf(path, sizeof path, "%s/t.pdf", dir);
	assert_int_equal(HPDF_SaveToFile(pdf, path), HPDF_OK);
	HPDF_Free(pdf);

	snprintf(cmd, sizeof cmd, "pdftotext -q %s - 2>/dev/null", path);
	capture(cmd, out, sizeof out);
	assert_non_null(strstr(out, "Экспорт"));
	assert_non_null(strstr(out, "Azərbaycan"));
	assert_non_null(strstr(out, "42,5 %"));
	snprintf(cmd, sizeof cmd, "pdfimages -list %s 2>/dev/null | tail -n +3 | wc -l", path);
	capture(cmd, out, sizeof out);
	assert_int_equal(atoi(out), 0);
	/* no transparency (PDF/A-1): the half-transparent square's colour is
	 * blended with the white page, 0.5 c + 0.5 (two calls) */
	snprintf(cmd, sizeof cmd, "grep -c '/ca' %s", path);
	capture(cmd, out, sizeof out);
	assert_int_equal(atoi(out), 0);
	snprintf(cmd, sizeof cmd, "grep -c '^0.9 0.7375 0.8275 rg' %s", path);
	capture(cmd, out, sizeof out);
	assert_int_equal(atoi(out), 2);
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	run(cmd);
	scene_free(s);
	fonts_free(f);
}

/* A libharu failure (text outside PAGE_DESCRIPTION mode) is reported. */
static void test_render_pdf_error(void **state)
{
	struct fonts *f = load();
	struct scene *s = sample(f);
	HPDF_STATUS err = 0;
	HPDF_Doc pdf = HPDF_New(pdf_error, &err);
	HPDF_Font fonts[FONT_FACES];
	HPDF_Page page;
	struct diag d = { 0 };

	(void)state;
	pdf_fonts(pdf, fonts);
	page = HPDF_AddPage(pdf);
	HPDF_Page_BeginText(page);
	assert_int_equal(render_pdf(s, pdf, page, fonts, 0, 100, NULL, &d), -1);
	assert_int_equal(d.code, EXIT_SOFTWARE);
	assert_string_equal(d.msg, "libharu error while drawing a chart");
	HPDF_Free(pdf);
	scene_free(s);
	fonts_free(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fonts_file_name),
		cmocka_unit_test(test_fonts_widths),
		cmocka_unit_test(test_fonts_no_kerning),
		cmocka_unit_test(test_fonts_extents),
		cmocka_unit_test(test_fonts_missing),
		cmocka_unit_test(test_fonts_bad),
		cmocka_unit_test(test_scene_paths),
		cmocka_unit_test(test_scene_text),
		cmocka_unit_test(test_render_png),
		cmocka_unit_test(test_render_png_small),
		cmocka_unit_test(test_render_svg),
		cmocka_unit_test(test_render_svg_from_scene),
		cmocka_unit_test(test_render_pdf),
		cmocka_unit_test(test_render_pdf_error),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);

	/* cairo keeps font faces in global caches; empty them so valgrind and
	 * LeakSanitizer see every FreeType face released (only after a clean
	 * run: a failed test leaves its objects alive, and cairo asserts). */
	if (rc == 0)
		cairo_debug_reset_static_data();
	return rc;
}
