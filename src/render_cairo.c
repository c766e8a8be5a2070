/* render_cairo — paint a scene as PNG and SVG file bytes with cairo (see
 * include/render.h); the caller writes them.  Text goes through the same cairo-ft faces and font
 * options that measured it, so positions match the PDF renderer's. */
#include "render.h"

#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo-svg.h>
#include <png.h>
#include <setjmp.h>

/* A growable memory buffer the PNG and SVG bytes are written into. */
struct render_buf {
	unsigned char *data; /* bytes written (NUL-terminated for strstr) */
	size_t n;            /* used */
	size_t cap;          /* allocated */
};

/* Append len bytes to the buffer: a cairo_write_func_t, also used directly. */
static cairo_status_t render_buf_write(void *closure, const unsigned char *data, unsigned len)
{
	struct render_buf *b = closure;

	if (b->n + len + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 16384;
		while (cap < b->n + len + 1)
			cap *= 2;
		unsigned char *p = realloc(b->data, cap);
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

/* The painting failed (cairo's status st, in practice memory): fill d,
 * drop the buffer.  Always -1. */
static int render_fail(struct render_buf *b, cairo_status_t st, const char *name,
		       struct diag *d)
{
	free(b->data);
	diag_error(d, EXIT_SOFTWARE, name, 0, 0, "cannot paint chart %s: %s", name,
		   cairo_status_to_string(st));
	return -1;
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

/* libpng calls this to write; it cannot fail softly, so running out of
 * memory ends the encoding through png_error. */
static void render_png_write(png_structp png, png_bytep data, size_t len)
{
	struct render_buf *b = png_get_io_ptr(png);

	if (len > UINT_MAX ||
	    render_buf_write(b, data, (unsigned)len) != CAIRO_STATUS_SUCCESS)
		png_error(png, "out of memory");
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
 * unfiltered.  Measured on the default briefing's five charts (3.5 million
 * pixels at 200 dpi), no filter: zlib level 6 gives 207 KB in all, level 3
 * 248 KB in half the instructions (levels 1 to 3 use zlib's fast matcher and
 * cost the same; 4 and up cost as much as 6); the sub or up filter, or
 * Z_RLE, made the files 10 % to 3.5 times larger at no gain in time.  So
 * level 3, no filter.  The pHYs chunk records the dpi.  libpng reports
 * errors by longjmp; that is contained here. */
static cairo_status_t render_png_encode(cairo_surface_t *img, double dpi, struct render_buf *o)
{
	int w = cairo_image_surface_get_width(img), h = cairo_image_surface_get_height(img);
	int stride = cairo_image_surface_get_stride(img);
	const unsigned char *data = cairo_image_surface_get_data(img);
	png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
	png_infop info = png ? png_create_info_struct(png) : NULL;
	png_bytep row = malloc((size_t)w * 3 + 1);
	cairo_status_t st = CAIRO_STATUS_NO_MEMORY;

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
	png_set_compression_level(png, 3);
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

/* The pixel size of s painted at dpi, rounded as painted. */
static void png_size(const struct scene *s, double dpi, double *w, double *h)
{
	*w = round(scene_width(s) * dpi / 72.0);
	*h = round(scene_height(s) * dpi / 72.0);
}

int render_png_check(const struct scene *s, double dpi, const char *title, const char *file,
		     int line, struct diag *d)
{
	double w, h;

	png_size(s, dpi, &w, &h);
	if (w * h <= RENDER_PNG_MAX_PIXELS)
		return 0;
	diag_error(d, EXIT_DATAERR, file, line, 1,
		   "chart \"%s\" as PNG at %g dpi would be %.0f x %.0f pixels, more than %.0f "
		   "megapixels; lower --dpi or the chart's width: and height:",
		   title ? title : "", dpi, w, h, RENDER_PNG_MAX_PIXELS / 1e6);
	return -1;
}

int render_png_data(const struct scene *s, struct fonts *f, double dpi, const char *name,
		    unsigned char **data, size_t *len, struct diag *d)
{
	double wd, hd;
	cairo_surface_t *img;
	cairo_status_t st;
	struct render_buf b = { 0 };
	int w, h;

	/* cairo's images stop at 32767 pixels a side, and a larger double
	 * would not convert to int; callers check RENDER_PNG_MAX_PIXELS first
	 * (render_png_check) */
	png_size(s, dpi, &wd, &hd);
	if (!(wd >= 1 && wd <= 32767 && hd >= 1 && hd <= 32767 &&
	      wd * hd <= RENDER_PNG_MAX_PIXELS))
		return render_fail(&b, CAIRO_STATUS_INVALID_SIZE, name, d);
	w = (int)lround(wd);
	h = (int)lround(hd);
	img = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
	st = cairo_surface_status(img);
	if (st == CAIRO_STATUS_SUCCESS)
		st = render_png_paint(img, s, f, dpi);
	if (st == CAIRO_STATUS_SUCCESS)
		st = render_png_encode(img, dpi, &b);
	cairo_surface_destroy(img);
	if (st != CAIRO_STATUS_SUCCESS)
		return render_fail(&b, st, name, d);
	*data = b.data;
	*len = b.n;
	return 0;
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

/* The XML element <tag>text</tag>, text escaped (& < >; the C0 controls
 * XML 1.0 forbids dropped), when text is not empty. */
static cairo_status_t render_svg_element(struct render_buf *o, const char *tag, const char *text)
{
	cairo_status_t st = CAIRO_STATUS_SUCCESS;
	char open[16];

	if (!*text)
		return st;
	snprintf(open, sizeof open, "<%s>", tag);
	st = render_buf_write(o, (const unsigned char *)open, (unsigned)strlen(open));
	for (; *text && st == CAIRO_STATUS_SUCCESS; text++) {
		const char *e = *text == '&' ? "&amp;" : *text == '<' ? "&lt;" : *text == '>' ? "&gt;"
			      : NULL;
		if (e)
			st = render_buf_write(o, (const unsigned char *)e, (unsigned)strlen(e));
		else if ((unsigned char)*text >= 0x20 || *text == '\t' || *text == '\n')
			st = render_buf_write(o, (const unsigned char *)text, 1);
	}
	snprintf(open, sizeof open, "</%s>", tag);
	return st ? st : render_buf_write(o, (const unsigned char *)open, (unsigned)strlen(open));
}

/* Copy the SVG in b to o with the scene's label as the document's <title>
 * and <desc> (what screen readers and image viewers show for it) right
 * after the <svg> start tag: cairo's SVG surface has no way to write
 * either, so they go into its bytes here, the one place that edits them.
 * cairo's process-wide surface number ("surface40", which depends on how
 * many surfaces the process made before) is renamed to "surface1", so the
 * same scene always gives the same bytes.  Returns cairo's status: only
 * memory can fail. */
static cairo_status_t render_svg_emit(struct render_buf *o, const struct render_buf *b,
				      const struct scene *s)
{
	const char *p = (const char *)b->data, *end = p + b->n;
	const char *svg = strstr(p, "<svg"), *g;
	cairo_status_t st = CAIRO_STATUS_SUCCESS;
	char id[32];
	size_t idlen;

	if (svg && (svg = strchr(svg, '>')) != NULL) {
		st = render_buf_write(o, b->data, (unsigned)(svg + 1 - p));
		if (st == CAIRO_STATUS_SUCCESS)
			st = render_svg_element(o, "title", scene_title(s));
		if (st == CAIRO_STATUS_SUCCESS)
			st = render_svg_element(o, "desc", scene_desc(s));
		p = svg + 1;
	}
	g = strstr(p, "<g id=\"surface");
	if (!g || st != CAIRO_STATUS_SUCCESS)
		return st ? st : render_buf_write(o, (const unsigned char *)p, (unsigned)(end - p));
	g += strlen("<g id=\"");
	idlen = strlen("surface") + strspn(g + strlen("surface"), "0123456789");
	snprintf(id, sizeof id, "%.*s", (int)(idlen < sizeof id ? idlen : sizeof id - 1), g);
	for (const char *q; st == CAIRO_STATUS_SUCCESS && (q = strstr(p, id)) != NULL;
	     p = q + idlen) {
		if (q[idlen] >= '0' && q[idlen] <= '9') {
			st = render_buf_write(o, (const unsigned char *)p, (unsigned)(q + idlen - p));
			continue;
		}
		st = render_buf_write(o, (const unsigned char *)p, (unsigned)(q - p));
		if (st == CAIRO_STATUS_SUCCESS)
			st = render_buf_write(o, (const unsigned char *)"surface1", 8);
	}
	if (st == CAIRO_STATUS_SUCCESS)
		st = render_buf_write(o, (const unsigned char *)p, (unsigned)(end - p));
	return st;
}

int render_svg_data(const struct scene *s, struct fonts *f, const char *name,
		    unsigned char **data, size_t *len, struct diag *d)
{
	struct render_buf b = { 0 }, out = { 0 };
	cairo_status_t st = render_svg_paint(&b, s, f);

	if (st == CAIRO_STATUS_SUCCESS && !b.data)
		st = CAIRO_STATUS_NO_MEMORY;
	if (st == CAIRO_STATUS_SUCCESS)
		st = render_svg_emit(&out, &b, s);
	free(b.data);
	if (st != CAIRO_STATUS_SUCCESS)
		return render_fail(&out, st, name, d);
	*data = out.data;
	*len = out.n;
	return 0;
}

