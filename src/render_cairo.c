/* render_cairo — paint a scene as PNG file bytes with cairo (see
 * include/render.h); the caller writes them.  Text goes through the same
 * cairo-ft faces and font options that measured it, so positions match the
 * PDF renderer's.  SVG files are written from the scene (render_svg.c). */
#include "render.h"

#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <png.h>
#include <setjmp.h>

/* A growable memory buffer the PNG bytes are written into. */
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

/* How the rows of a painted image (CAIRO_FORMAT_RGB24: native-endian
 * 0x00RRGGBB words) become a PNG's. */
struct render_png_form {
	int color_type;           /* PNG_COLOR_TYPE_RGB or PNG_COLOR_TYPE_PALETTE */
	size_t bytes_per_px;      /* 3 or 1 */
	int level;                /* zlib's compression level */
	int mem_level;            /* zlib's memLevel: its hash table and block sizes */
	const png_color *pal;     /* the palette (PNG_COLOR_TYPE_PALETTE) */
	int npal;
	/* one row of w pixels src as the PNG's bytes dst */
	void (*row)(const struct render_png_form *f, const uint32_t *src, int w, png_bytep dst);
	const void *ctx;          /* for row */
};

/* An RGB row: the words as packed RGB bytes. */
static void render_png_row_rgb(const struct render_png_form *f, const uint32_t *px, int w,
			       png_bytep dst)
{
	(void)f;
	for (int x = 0; x < w; x++) {
		dst[3 * x] = (png_byte)(px[x] >> 16);
		dst[3 * x + 1] = (png_byte)(px[x] >> 8);
		dst[3 * x + 2] = (png_byte)px[x];
	}
}

/* Encode the painted image as an 8-bit PNG of form f, with libpng directly
 * and unfiltered, the pHYs chunk recording dpi.  libpng reports errors by
 * longjmp; that is contained here. */
static cairo_status_t render_png_write_image(cairo_surface_t *img, double dpi,
					     const struct render_png_form *f, struct render_buf *o)
{
	int w = cairo_image_surface_get_width(img), h = cairo_image_surface_get_height(img);
	int stride = cairo_image_surface_get_stride(img);
	const unsigned char *data = cairo_image_surface_get_data(img);
	png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
	png_infop info = png ? png_create_info_struct(png) : NULL;
	png_bytep row = malloc((size_t)w * f->bytes_per_px + 1);
	cairo_status_t st = CAIRO_STATUS_NO_MEMORY;

	if (!png || !info || !row || !data)
		goto done;
	if (setjmp(png_jmpbuf(png)))
		goto done;
	png_set_write_fn(png, o, render_png_write, render_png_flush);
	png_set_IHDR(png, info, (png_uint_32)w, (png_uint_32)h, 8, f->color_type,
		     PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
	if (f->pal)
		png_set_PLTE(png, info, f->pal, f->npal);
	png_set_pHYs(png, info, (png_uint_32)lround(dpi / 0.0254),
		     (png_uint_32)lround(dpi / 0.0254), PNG_RESOLUTION_METER);
	png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_NONE);
	png_set_compression_level(png, f->level);
	png_set_compression_mem_level(png, f->mem_level);
	png_write_info(png, info);
	for (int y = 0; y < h; y++) {
		f->row(f, (const uint32_t *)(const void *)(data + (size_t)y * (size_t)stride), w, row);
		png_write_row(png, row);
	}
	png_write_end(png, info);
	st = CAIRO_STATUS_SUCCESS;
done:
	png_destroy_write_struct(png ? &png : NULL, info ? &info : NULL);
	free(row);
	return st;
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
 * level 3, no filter.  Measured again for issue 17 (CPU of one thread, the
 * best of seven): every level from 1 to 3 and every filter costs the same
 * 17-18 ms for the five charts, zlib's Adler-32 and window copies being
 * most of it; memLevel 5 in place of zlib's default 8 (a 4 K-entry hash
 * table and 2 K-symbol blocks for 32 K and 16 K, which stay in cache)
 * takes 16.3 ms for 248 KB against 18.5 ms for 252 KB, and 4 to 6 are as
 * good, 9 slower.  So memLevel 5.  (libdeflate 1.14 would make the files 15 % smaller in the
 * same time: a dependency for size, not taken; see README.) */
static cairo_status_t render_png_encode(cairo_surface_t *img, double dpi, struct render_buf *o)
{
	static const struct render_png_form rgb = { PNG_COLOR_TYPE_RGB, 3, 3, 5, NULL, 0,
						    render_png_row_rgb, NULL };

	return render_png_write_image(img, dpi, &rgb, o);
}

/* ---- palette PNGs ---------------------------------------------------------
 *
 * A chart is a few flat colours plus the anti-aliasing at their edges and
 * in its text.  Painted at 1,200 pixels across, the default briefing's five
 * charts have 258 to 1,169 distinct colours (the pie has the most: its
 * slices meet each other and white), but the 256 most frequent colours
 * cover all but 0.001 % to 0.43 % of their pixels; those few edge pixels
 * take the nearest of the 256 (no visible change at any zoom we tried) and
 * the image becomes an 8-bit palette PNG, 40 % to 55 % of the RGB file's
 * size.  An image whose colours beyond the 256 most frequent cover more
 * than RENDER_PALETTE_REST of its pixels (a gradient, a photograph) stays
 * RGB. */

/* The share of pixels that may take a neighbouring palette colour. */
#define RENDER_PALETTE_REST 0.01
/* More distinct colours than this: no palette (and no more counting). */
#define RENDER_PALETTE_MAX_COLOURS 65536

/* One distinct colour: 0xRRGGBB, how many pixels have it, its palette
 * index once chosen. */
struct render_colour {
	uint32_t rgb;
	size_t count;
	int index;
	int used; /* the slot holds a colour */
};

/* Open-addressing table of the distinct colours of an image. */
struct render_colours {
	struct render_colour *v;
	size_t cap, n; /* cap a power of two */
};

static size_t render_colour_hash(uint32_t rgb, size_t cap)
{
	return (size_t)((rgb * 2654435761u) >> 8) & (cap - 1);
}

/* The slot of rgb (a free one when it is not in the table). */
static struct render_colour *render_colour_slot(const struct render_colours *t, uint32_t rgb)
{
	size_t i = render_colour_hash(rgb, t->cap);

	while (t->v[i].used && t->v[i].rgb != rgb)
		i = (i + 1) & (t->cap - 1);
	return &t->v[i];
}

/* Count rgb once more: 0, or -1 when memory ran out or there are more than
 * RENDER_PALETTE_MAX_COLOURS colours. */
static int render_colour_count(struct render_colours *t, uint32_t rgb)
{
	struct render_colour *c = render_colour_slot(t, rgb);

	if (c->used) {
		c->count++;
		return 0;
	}
	if (t->n >= RENDER_PALETTE_MAX_COLOURS)
		return -1;
	if (2 * (t->n + 1) > t->cap) { /* keep the table at most half full */
		struct render_colours g = { calloc(2 * t->cap, sizeof *g.v), 2 * t->cap, t->n };

		if (!g.v)
			return -1;
		for (size_t i = 0; i < t->cap; i++)
			if (t->v[i].used)
				*render_colour_slot(&g, t->v[i].rgb) = t->v[i];
		free(t->v);
		*t = g;
		c = render_colour_slot(t, rgb);
	}
	*c = (struct render_colour){ rgb, 1, 0, 1 };
	t->n++;
	return 0;
}

/* Most pixels first; equal counts by colour, so the palette is the same
 * every time. */
static int render_colour_cmp(const void *a, const void *b)
{
	const struct render_colour *x = *(const struct render_colour *const *)a;
	const struct render_colour *y = *(const struct render_colour *const *)b;

	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	return x->rgb < y->rgb ? -1 : x->rgb > y->rgb;
}

/* The distance between two colours as the eye weighs the channels (green
 * most, blue least: the usual 3-4-2 weights of a cheap perceptual match). */
static long render_colour_dist(uint32_t a, const png_color *p)
{
	long dr = (long)(a >> 16 & 0xff) - p->red, dg = (long)(a >> 8 & 0xff) - p->green,
	     db = (long)(a & 0xff) - p->blue;

	return 3 * dr * dr + 4 * dg * dg + 2 * db * db;
}

/* The palette of the painted image (CAIRO_FORMAT_RGB24 words) in pal,
 * *npal colours, and each distinct colour's index in t: the most frequent
 * 256 as they are, the rest the nearest of those.  1 when a palette will
 * do, 0 when it will not (see above), -1 when memory ran out. */
static int render_palette_make(const unsigned char *data, int w, int h, int stride,
			       struct render_colours *t, png_color pal[256], int *npal)
{
	struct render_colour **order;
	size_t covered = 0, pixels = (size_t)w * (size_t)h, k = 0;
	int n;

	if (!(t->v = calloc(t->cap = 4096, sizeof *t->v)))
		return -1;
	for (int y = 0; y < h; y++) {
		const uint32_t *px = (const uint32_t *)(const void *)(data + (size_t)y * (size_t)stride);

		for (int x = 0; x < w; x++)
			if (render_colour_count(t, px[x] & 0xffffff) < 0)
				return t->n >= RENDER_PALETTE_MAX_COLOURS ? 0 : -1;
	}
	if (!(order = malloc(t->n * sizeof *order)))
		return -1;
	for (size_t i = 0; i < t->cap; i++)
		if (t->v[i].used)
			order[k++] = &t->v[i];
	qsort(order, t->n, sizeof *order, render_colour_cmp);
	n = t->n < 256 ? (int)t->n : 256;
	for (int i = 0; i < n; i++) {
		covered += order[i]->count;
		order[i]->index = i;
		pal[i] = (png_color){ (png_byte)(order[i]->rgb >> 16), (png_byte)(order[i]->rgb >> 8),
				      (png_byte)order[i]->rgb };
	}
	if ((double)(pixels - covered) > RENDER_PALETTE_REST * (double)pixels) {
		free(order);
		return 0;
	}
	for (size_t i = (size_t)n; i < t->n; i++) {
		long best = -1;

		for (int j = 0; j < n; j++) {
			long dist = render_colour_dist(order[i]->rgb, &pal[j]);

			if (best < 0 || dist < best) {
				best = dist;
				order[i]->index = j;
			}
		}
	}
	*npal = n;
	free(order);
	return 1;
}

/* A palette row: each pixel's index (render_palette_make). */
static void render_png_row_index(const struct render_png_form *f, const uint32_t *px, int w,
				 png_bytep dst)
{
	for (int x = 0; x < w; x++)
		dst[x] = (png_byte)render_colour_slot(f->ctx, px[x] & 0xffffff)->index;
}

/* Encode the painted image as an 8-bit palette PNG (render_palette_make's
 * palette) at zlib level 9: the rows of indices are a third of the RGB
 * bytes and level 9 gains another fifth over level 3 on them for
 * about 20 ms a chart.  CAIRO_STATUS_SUCCESS, or CAIRO_STATUS_INVALID_FORMAT
 * when a palette will not do (o untouched), or CAIRO_STATUS_NO_MEMORY. */
static cairo_status_t render_png_encode_palette(cairo_surface_t *img, double dpi,
						struct render_buf *o)
{
	struct render_colours t = { 0 };
	png_color pal[256];
	struct render_png_form form = { PNG_COLOR_TYPE_PALETTE, 1, 9, 8, pal, 0,
					render_png_row_index, &t };
	const unsigned char *data = cairo_image_surface_get_data(img);
	cairo_status_t st = CAIRO_STATUS_NO_MEMORY;
	int ok;

	if (data && (ok = render_palette_make(data, cairo_image_surface_get_width(img),
					      cairo_image_surface_get_height(img),
					      cairo_image_surface_get_stride(img), &t, pal,
					      &form.npal)) >= 0)
		st = ok ? render_png_write_image(img, dpi, &form, o) : CAIRO_STATUS_INVALID_FORMAT;
	free(t.v);
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

/* The PNG of the painted image into b: RGB, or with small the smaller of
 * the palette and RGB files (the palette one when the image has one). */
static cairo_status_t render_png_choose(cairo_surface_t *img, double dpi, int small,
					struct render_buf *b)
{
	struct render_buf rgb = { 0 };
	cairo_status_t st;

	if (!small)
		return render_png_encode(img, dpi, b);
	st = render_png_encode_palette(img, dpi, b);
	if (st == CAIRO_STATUS_INVALID_FORMAT) /* no palette for this image */
		return render_png_encode(img, dpi, b);
	if (st == CAIRO_STATUS_SUCCESS)
		st = render_png_encode(img, dpi, &rgb);
	if (st == CAIRO_STATUS_SUCCESS && rgb.n < b->n) {
		free(b->data);
		*b = rgb;
		rgb.data = NULL;
	}
	free(rgb.data);
	return st;
}

/* Paint s at dpi and encode it (render_png_choose). */
static int render_png_make(const struct scene *s, struct fonts *f, double dpi, int small,
			   const char *name, unsigned char **data, size_t *len, struct diag *d)
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
		st = render_png_choose(img, dpi, small, &b);
	cairo_surface_destroy(img);
	if (st != CAIRO_STATUS_SUCCESS)
		return render_fail(&b, st, name, d);
	*data = b.data;
	*len = b.n;
	return 0;
}

int render_png_data(const struct scene *s, struct fonts *f, double dpi, const char *name,
		    unsigned char **data, size_t *len, struct diag *d)
{
	return render_png_make(s, f, dpi, 0, name, data, len, d);
}

int render_png_small_data(const struct scene *s, struct fonts *f, double dpi, const char *name,
			  unsigned char **data, size_t *len, struct diag *d)
{
	return render_png_make(s, f, dpi, 1, name, data, len, d);
}
