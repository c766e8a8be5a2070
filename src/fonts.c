/* fonts — the family's TTF files loaded with FreeType and wrapped as cairo
 * faces; the one metric source for chart text (see include/fonts.h). */
#include "fonts.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo-ft.h>
#include <ft2build.h>
#include FT_FREETYPE_H

#include "utf8.h"

/* Widths are measured at this size and scaled linearly. */
#define FONTS_REF_SIZE 1000.0

static const char *const fonts_files[FONT_FILES] = {
	"LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf",
	"LiberationSans-Italic.ttf", "LiberationSans-BoldItalic.ttf",
	"LiberationMono-Regular.ttf", "LiberationMono-Bold.ttf",
};

/* The FreeType library, shared by the faces and counted: cairo may keep a
 * font face (and so its FT_Face) alive in its caches after fonts_free, so
 * the library is released only when the last face and struct fonts are. */
struct fonts_lib {
	FT_Library lib; /* FreeType instance */
	int refs;       /* struct fonts + live faces */
};

/* User data of a cairo face: the FT_Face it reads, freed with it. */
struct fonts_face_ref {
	struct fonts_lib *lib; /* library the face belongs to */
	FT_Face face;          /* the FreeType face */
};

struct fonts {
	struct fonts_lib *lib;                     /* shared FreeType library */
	cairo_font_face_t *face[FONT_FACES];       /* cairo-ft faces (owned refs) */
	cairo_scaled_font_t *scaled[FONT_FACES];   /* at FONTS_REF_SIZE, unhinted */
	char family[128];                          /* the regular face's family name */
};

static const cairo_user_data_key_t fonts_key;

const char *fonts_file_name(enum font_face face)
{
	if ((int)face < 0 || face >= FONT_FILES)
		return fonts_files[FONT_REGULAR];
	return fonts_files[face];
}

static void fonts_lib_unref(struct fonts_lib *l)
{
	if (l && --l->refs == 0) {
		FT_Done_FreeType(l->lib);
		free(l);
	}
}

/* cairo's destroy callback for a face's user data. */
static void fonts_face_release(void *p)
{
	struct fonts_face_ref *r = p;

	FT_Done_Face(r->face);
	fonts_lib_unref(r->lib);
	free(r);
}

/* The font options every measurement and every cairo rendering uses:
 * unhinted metrics and outlines, so advances are the design widths. */
static cairo_font_options_t *fonts_options(void)
{
	cairo_font_options_t *o = cairo_font_options_create();

	cairo_font_options_set_hint_metrics(o, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(o, CAIRO_HINT_STYLE_NONE);
	return o;
}

/* Create the cairo face for an FT_Face and tie the FT_Face's life to it.
 * On failure the FT_Face is freed and NULL returned. */
static cairo_font_face_t *fonts_wrap(struct fonts_lib *lib, FT_Face ftf)
{
	struct fonts_face_ref *r = malloc(sizeof *r);
	cairo_font_face_t *cf;

	if (!r) {
		FT_Done_Face(ftf);
		return NULL;
	}
	cf = cairo_ft_font_face_create_for_ft_face(ftf, 0);
	if (cairo_font_face_status(cf) != CAIRO_STATUS_SUCCESS) {
		cairo_font_face_destroy(cf);
		FT_Done_Face(ftf);
		free(r);
		return NULL;
	}
	r->lib = lib;
	r->face = ftf;
	lib->refs++;
	if (cairo_font_face_set_user_data(cf, &fonts_key, r, fonts_face_release)) {
		cairo_font_face_destroy(cf);
		fonts_face_release(r);
		return NULL;
	}
	return cf;
}

/* Scaled font at the reference size for measuring. */
static cairo_scaled_font_t *fonts_scaled(cairo_font_face_t *cf)
{
	cairo_matrix_t fm, ctm;
	cairo_font_options_t *o = fonts_options();
	cairo_scaled_font_t *sf;

	cairo_matrix_init_scale(&fm, FONTS_REF_SIZE, FONTS_REF_SIZE);
	cairo_matrix_init_identity(&ctm);
	sf = cairo_scaled_font_create(cf, &fm, &ctm, o);
	cairo_font_options_destroy(o);
	if (cairo_scaled_font_status(sf) != CAIRO_STATUS_SUCCESS) {
		cairo_scaled_font_destroy(sf);
		return NULL;
	}
	return sf;
}

/* Load one face: check the file opens (a plain message naming it), then
 * FreeType, then cairo.  0, or -1 with d filled. */
static int fonts_load_face(struct fonts *f, const char *dir, int i, struct diag *d)
{
	char path[1024];
	FT_Face ftf;
	FILE *fp;

	snprintf(path, sizeof path, "%s/%s", dir, fonts_files[i]);
	fp = fopen(path, "rb");
	if (!fp) {
		diag_error(d, EXIT_NOINPUT, path, 0, 0, "cannot open font %s: %s", path,
			   strerror(errno));
		return -1;
	}
	fclose(fp);
	if (FT_New_Face(f->lib->lib, path, 0, &ftf)) {
		diag_error(d, EXIT_DATAERR, path, 0, 0, "cannot load font %s: not a TrueType font",
			   path);
		return -1;
	}
	if (i == FONT_REGULAR && ftf->family_name)
		snprintf(f->family, sizeof f->family, "%s", ftf->family_name);
	f->face[i] = fonts_wrap(f->lib, ftf);
	f->scaled[i] = f->face[i] ? fonts_scaled(f->face[i]) : NULL;
	if (!f->scaled[i]) {
		diag_error(d, EXIT_SOFTWARE, path, 0, 0, "cannot load font %s: out of memory",
			   path);
		return -1;
	}
	return 0;
}

struct fonts *fonts_load(const char *dir, struct diag *d)
{
	struct fonts *f = calloc(1, sizeof *f);

	if (!dir)
		dir = "fonts";
	if (!f || !(f->lib = calloc(1, sizeof *f->lib))) {
		free(f);
		diag_error(d, EXIT_SOFTWARE, "", 0, 0, "out of memory loading fonts");
		return NULL;
	}
	f->lib->refs = 1;
	if (FT_Init_FreeType(&f->lib->lib)) {
		free(f->lib);
		free(f);
		diag_error(d, EXIT_SOFTWARE, "", 0, 0, "cannot initialise FreeType");
		return NULL;
	}
	for (int i = 0; i < FONT_FACES; i++) {
		if (fonts_load_face(f, dir, i, d)) {
			fonts_free(f);
			return NULL;
		}
	}
	return f;
}

void fonts_free(struct fonts *f)
{
	if (!f)
		return;
	for (int i = 0; i < FONT_FACES; i++) {
		if (f->scaled[i])
			cairo_scaled_font_destroy(f->scaled[i]);
		if (f->face[i])
			cairo_font_face_destroy(f->face[i]);
	}
	fonts_lib_unref(f->lib);
	free(f);
}

static int fonts_face_ok(const struct fonts *f, enum font_face face)
{
	return f && (int)face >= 0 && face < FONT_FACES && f->scaled[face];
}

/* Width of valid UTF-8 at the reference size; 0 on a cairo failure. */
static double fonts_ref_width(cairo_scaled_font_t *sf, const char *utf8)
{
	cairo_text_extents_t e;

	cairo_scaled_font_text_extents(sf, utf8, &e);
	return cairo_scaled_font_status(sf) == CAIRO_STATUS_SUCCESS ? e.x_advance : 0.0;
}

double fonts_text_width(struct fonts *f, enum font_face face, double size, const char *utf8)
{
	size_t len;
	double w;

	if (!fonts_face_ok(f, face) || !utf8 || !*utf8)
		return 0.0;
	len = strlen(utf8);
	if (utf8_invalid_at(utf8, len) < 0) {
		w = fonts_ref_width(f->scaled[face], utf8);
	} else {
		char *clean = utf8_sanitize(utf8, len);
		w = clean ? fonts_ref_width(f->scaled[face], clean) : 0.0;
		free(clean);
	}
	return w * size / FONTS_REF_SIZE;
}

void fonts_extents(struct fonts *f, enum font_face face, double size, double *ascent,
		   double *descent)
{
	cairo_font_extents_t e = { 0 };

	if (fonts_face_ok(f, face))
		cairo_scaled_font_extents(f->scaled[face], &e);
	if (ascent)
		*ascent = e.ascent * size / FONTS_REF_SIZE;
	if (descent)
		*descent = e.descent * size / FONTS_REF_SIZE;
}

const char *fonts_family(const struct fonts *f)
{
	return f && f->family[0] ? f->family : "sans-serif";
}

cairo_font_face_t *fonts_cairo_face(struct fonts *f, enum font_face face)
{
	if (!f || (int)face < 0 || face >= FONT_FACES)
		return NULL;
	return f->face[face];
}
