/* render_cairo — paint a scene to PNG and SVG files with cairo (see
 * include/render.h).  Text goes through the same cairo-ft faces and font
 * options that measured it, so positions match the PDF renderer's. */
#include "render.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo-svg.h>
#include <png.h>
#include <setjmp.h>

/* A FILE that cairo writes to, remembering the first write error. */
struct render_out {
	FILE *fp;  /* open output file */
	int err;   /* errno of the first failed write, 0 if none */
};

static cairo_status_t render_write(void *closure, const unsigned char *data, unsigned len)
{
	struct render_out *o = closure;

	if (o->err)
		return CAIRO_STATUS_WRITE_ERROR;
	if (len && fwrite(data, 1, len, o->fp) != len) {
		o->err = errno ? errno : EIO;
		return CAIRO_STATUS_WRITE_ERROR;
	}
	return CAIRO_STATUS_SUCCESS;
}

/* Open path for writing; -1 with d filled (EXIT_CANTCREAT) when it cannot. */
static int render_open(struct render_out *o, const char *path, struct diag *d)
{
	o->err = 0;
	o->fp = fopen(path, "wb");
	if (!o->fp) {
		diag_error(d, EXIT_CANTCREAT, path, 0, 0, "cannot write chart %s: %s", path,
			   strerror(errno));
		return -1;
	}
	return 0;
}

/* Close the file; report a write error (EXIT_IOERR) seen before or by fclose,
 * or a cairo failure `st` (EXIT_CANTCREAT).  0 or -1. */
static int render_close(struct render_out *o, cairo_status_t st, const char *path,
			struct diag *d)
{
	int err = o->err;

	if (fclose(o->fp) && !err)
		err = errno ? errno : EIO;
	if (err) {
		diag_error(d, EXIT_IOERR, path, 0, 0, "cannot write chart %s: %s", path,
			   strerror(err));
		return -1;
	}
	if (st != CAIRO_STATUS_SUCCESS) {
		diag_error(d, EXIT_CANTCREAT, path, 0, 0, "cannot write chart %s: %s", path,
			   cairo_status_to_string(st));
		return -1;
	}
	return 0;
}

static void render_source(cairo_t *cr, const struct rgba *c)
{
	cairo_set_source_rgba(cr, c->r, c->g, c->b, c->a);
}

/* Fill, then stroke, one path item. */
static void render_cairo_path(cairo_t *cr, const struct scene_item *it)
{
	cairo_new_path(cr);
	cairo_append_path(cr, it->path);
	if (it->has_fill) {
		render_source(cr, &it->fill);
		cairo_fill_preserve(cr);
	}
	if (it->has_stroke) {
		render_source(cr, &it->stroke);
		cairo_set_line_width(cr, it->line_width);
		cairo_stroke_preserve(cr);
	}
	cairo_new_path(cr);
}

/* Distance from the anchor back to the start of the text along its
 * baseline: 0, half or all of the measured width. */
static double render_align_offset(const struct scene_item *it)
{
	switch (it->align) {
	case SCENE_CENTER:
		return it->width / 2;
	case SCENE_RIGHT:
		return it->width;
	default:
		return 0.0;
	}
}

/* One text run: rotate about the anchor (counter-clockwise on the page is
 * negative in cairo's y-down space) and start at the aligned offset. */
static void render_cairo_text(cairo_t *cr, struct fonts *f, const struct scene_item *it)
{
	cairo_font_face_t *face = fonts_cairo_face(f, it->face);
	cairo_font_options_t *o;

	if (!face || !it->text || !*it->text)
		return;
	cairo_save(cr);
	cairo_set_font_face(cr, face);
	cairo_set_font_size(cr, it->size);
	o = cairo_font_options_create();
	cairo_font_options_set_hint_metrics(o, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(o, CAIRO_HINT_STYLE_NONE);
	cairo_set_font_options(cr, o);
	cairo_font_options_destroy(o);
	render_source(cr, &it->color);
	cairo_translate(cr, it->x, it->y);
	cairo_rotate(cr, -it->angle * M_PI / 180.0);
	cairo_move_to(cr, -render_align_offset(it), 0.0);
	cairo_show_text(cr, it->text);
	cairo_new_path(cr);
	cairo_restore(cr);
}

/* Paint every item of s on cr in order; the status of cr after. */
static cairo_status_t render_cairo_scene(cairo_t *cr, const struct scene *s, struct fonts *f)
{
	for (size_t i = 0; i < scene_count(s); i++) {
		const struct scene_item *it = scene_get(s, i);
		if (it->kind == SCENE_PATH && it->path)
			render_cairo_path(cr, it);
		else if (it->kind == SCENE_TEXT)
			render_cairo_text(cr, f, it);
	}
	return cairo_status(cr);
}

/* Paint s on an image surface: white first, then the scene at dpi/72. */
static cairo_status_t render_png_paint(cairo_surface_t *img, const struct scene *s,
				       struct fonts *f, double dpi)
{
	cairo_t *cr = cairo_create(img);
	cairo_status_t st;

	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	cairo_scale(cr, dpi / 72.0, dpi / 72.0);
	st = render_cairo_scene(cr, s, f);
	cairo_destroy(cr);
	cairo_surface_flush(img);
	return st;
}

/* libpng calls this to write; it cannot fail softly, so a write error is
 * remembered in o and ends the encoding through png_error. */
static void render_png_write(png_structp png, png_bytep data, size_t len)
{
	struct render_out *o = png_get_io_ptr(png);

	if (render_write(o, data, (unsigned)len) != CAIRO_STATUS_SUCCESS)
		png_error(png, "write error");
}

static void render_png_flush(png_structp png)
{
	(void)png;
}

/* One row of a CAIRO_FORMAT_RGB24 surface (native-endian 0x00RRGGBB words)
 * as packed RGB bytes. */
static void render_png_row(const unsigned char *src, int w, png_bytep dst)
{
	const uint32_t *px = (const uint32_t *)(const void *)src;

	for (int x = 0; x < w; x++) {
		dst[3 * x] = (png_byte)(px[x] >> 16);
		dst[3 * x + 1] = (png_byte)(px[x] >> 8);
		dst[3 * x + 2] = (png_byte)px[x];
	}
}

/* Encode the painted image as an 8-bit RGB PNG, with libpng directly rather
 * than cairo_surface_write_to_png: cairo leaves libpng's adaptive filtering
 * on, which tries every filter on every row and made PNG encoding two thirds
 * of a whole run.  Charts are large flat areas that zlib compresses well
 * unfiltered: measured on the default briefing's five charts, no filter at
 * zlib level 6 gives files 9 % smaller than cairo's in 55 % of the time
 * (Z_RLE was faster still but tripled the size).  The pHYs chunk records the
 * dpi.  libpng reports errors by longjmp; that is contained here. */
static cairo_status_t render_png_encode(cairo_surface_t *img, double dpi, struct render_out *o)
{
	int w = cairo_image_surface_get_width(img), h = cairo_image_surface_get_height(img);
	int stride = cairo_image_surface_get_stride(img);
	const unsigned char *data = cairo_image_surface_get_data(img);
	png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
	png_infop info = png ? png_create_info_struct(png) : NULL;
	png_bytep row = malloc((size_t)w * 3 + 1);
	cairo_status_t st = CAIRO_STATUS_WRITE_ERROR;

	if (!png || !info || !row || !data)
		goto done;
	if (setjmp(png_jmpbuf(png)))
		goto done;
	png_set_write_fn(png, o, render_png_write, render_png_flush);
	png_set_IHDR(png, info, (png_uint_32)w, (png_uint_32)h, 8, PNG_COLOR_TYPE_RGB,
		     PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
	png_set_pHYs(png, info, (png_uint_32)lround(dpi / 0.0254),
		     (png_uint_32)lround(dpi / 0.0254), PNG_RESOLUTION_METER);
	png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_NONE);
	png_set_compression_level(png, 6);
	png_write_info(png, info);
	for (int y = 0; y < h; y++) {
		render_png_row(data + (size_t)y * (size_t)stride, w, row);
		png_write_row(png, row);
	}
	png_write_end(png, info);
	st = CAIRO_STATUS_SUCCESS;
done:
	png_destroy_write_struct(png ? &png : NULL, info ? &info : NULL);
	free(row);
	return st;
}

int render_png(const struct scene *s, struct fonts *f, const char *path, double dpi,
	       struct diag *d)
{
	int w = (int)lround(scene_width(s) * dpi / 72.0);
	int h = (int)lround(scene_height(s) * dpi / 72.0);
	cairo_surface_t *img = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
	cairo_status_t st = cairo_surface_status(img);
	struct render_out o;

	if (st == CAIRO_STATUS_SUCCESS)
		st = render_png_paint(img, s, f, dpi);
	if (st != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(img);
		diag_error(d, EXIT_CANTCREAT, path, 0, 0, "cannot write chart %s: %s", path,
			   cairo_status_to_string(st));
		return -1;
	}
	if (render_open(&o, path, d)) {
		cairo_surface_destroy(img);
		return -1;
	}
	st = render_png_encode(img, dpi, &o);
	cairo_surface_destroy(img);
	return render_close(&o, st, path, d);
}

/* A growable memory buffer cairo writes the SVG into. */
struct render_buf {
	char *data;  /* bytes written */
	size_t n;    /* used */
	size_t cap;  /* allocated */
};

static cairo_status_t render_buf_write(void *closure, const unsigned char *data, unsigned len)
{
	struct render_buf *b = closure;

	if (b->n + len + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 16384;
		while (cap < b->n + len + 1)
			cap *= 2;
		char *p = realloc(b->data, cap);
		if (!p)
			return CAIRO_STATUS_NO_MEMORY;
		b->data = p;
		b->cap = cap;
	}
	memcpy(b->data + b->n, data, len);
	b->n += len;
	b->data[b->n] = '\0';
	return CAIRO_STATUS_SUCCESS;
}

/* Paint s into an SVG 1.1 document in memory. */
static cairo_status_t render_svg_paint(struct render_buf *b, const struct scene *s,
				       struct fonts *f)
{
	cairo_surface_t *svg = cairo_svg_surface_create_for_stream(
		render_buf_write, b, scene_width(s), scene_height(s));
	cairo_status_t st;

	cairo_svg_surface_restrict_to_version(svg, CAIRO_SVG_VERSION_1_1);
	st = cairo_surface_status(svg);
	if (st == CAIRO_STATUS_SUCCESS) {
		cairo_t *cr = cairo_create(svg);
		st = render_cairo_scene(cr, s, f);
		cairo_destroy(cr);
	}
	cairo_surface_finish(svg);
	if (st == CAIRO_STATUS_SUCCESS)
		st = cairo_surface_status(svg);
	cairo_surface_destroy(svg);
	return st;
}

/* Write the SVG to o with cairo's process-wide surface number ("surface40",
 * which depends on how many surfaces the process made before) renamed to
 * "surface1", so the same scene always gives the same bytes. */
static void render_svg_emit(struct render_out *o, const struct render_buf *b)
{
	const char *p = b->data, *end = b->data + b->n, *g = strstr(p, "<g id=\"surface");
	char id[32];
	size_t idlen;

	if (!g) {
		render_write(o, (const unsigned char *)p, (unsigned)b->n);
		return;
	}
	g += strlen("<g id=\"");
	idlen = strlen("surface") + strspn(g + strlen("surface"), "0123456789");
	snprintf(id, sizeof id, "%.*s", (int)(idlen < sizeof id ? idlen : sizeof id - 1), g);
	for (const char *q; (q = strstr(p, id)) != NULL; p = q + idlen) {
		if (q[idlen] >= '0' && q[idlen] <= '9') {
			render_write(o, (const unsigned char *)p, (unsigned)(q + idlen - p));
			continue;
		}
		render_write(o, (const unsigned char *)p, (unsigned)(q - p));
		render_write(o, (const unsigned char *)"surface1", 8);
	}
	render_write(o, (const unsigned char *)p, (unsigned)(end - p));
}

int render_svg(const struct scene *s, struct fonts *f, const char *path, struct diag *d)
{
	struct render_buf b = { 0 };
	struct render_out o;
	cairo_status_t st = render_svg_paint(&b, s, f);

	if (st == CAIRO_STATUS_SUCCESS && !b.data)
		st = CAIRO_STATUS_NO_MEMORY;
	if (st != CAIRO_STATUS_SUCCESS) {
		free(b.data);
		diag_error(d, EXIT_CANTCREAT, path, 0, 0, "cannot write chart %s: %s", path,
			   cairo_status_to_string(st));
		return -1;
	}
	if (render_open(&o, path, d)) {
		free(b.data);
		return -1;
	}
	render_svg_emit(&o, &b);
	free(b.data);
	return render_close(&o, CAIRO_STATUS_SUCCESS, path, d);
}
