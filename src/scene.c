/* scene — a chart as a display list in points (see include/scene.h). */
#include "scene.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "grow.h"
#include "utf8.h"

struct scene {
	double width, height;      /* size in points */
	cairo_surface_t *surface;  /* recording surface under cr */
	cairo_t *cr;               /* context for building geometry */
	struct scene_item *items;  /* display list, in painting order */
	size_t n;                  /* items used */
	size_t cap;                /* items allocated */
	enum scene_role role;      /* of the items added next */
	char *title, *desc;        /* the label, or NULL */
};

struct scene *scene_new(double width, double height)
{
	struct scene *s = calloc(1, sizeof *s);

	if (!s)
		return NULL;
	s->width = width;
	s->height = height;
	s->surface = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, NULL);
	s->cr = cairo_create(s->surface);
	if (cairo_surface_status(s->surface) != CAIRO_STATUS_SUCCESS ||
	    cairo_status(s->cr) != CAIRO_STATUS_SUCCESS) {
		scene_free(s);
		return NULL;
	}
	return s;
}

void scene_free(struct scene *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->n; i++) {
		if (s->items[i].path)
			cairo_path_destroy(s->items[i].path);
		free(s->items[i].text);
	}
	free(s->items);
	free(s->title);
	free(s->desc);
	if (s->cr)
		cairo_destroy(s->cr);
	if (s->surface)
		cairo_surface_destroy(s->surface);
	free(s);
}

double scene_width(const struct scene *s)
{
	return s ? s->width : 0.0;
}

double scene_height(const struct scene *s)
{
	return s ? s->height : 0.0;
}

cairo_t *scene_cairo(struct scene *s)
{
	return s ? s->cr : NULL;
}

/* A new zeroed item at the end of the list, or NULL when out of memory. */
static struct scene_item *scene_push(struct scene *s)
{
	if (grow_array(&s->items, &s->cap, s->n + 1, sizeof *s->items) < 0)
		return NULL;
	memset(&s->items[s->n], 0, sizeof s->items[s->n]);
	s->items[s->n].role = s->role;
	return &s->items[s->n++];
}

void scene_set_role(struct scene *s, enum scene_role role)
{
	if (s)
		s->role = role;
}

int scene_set_label(struct scene *s, const char *title, const char *desc)
{
	char *t = strdup(title ? title : ""), *d = strdup(desc ? desc : "");

	if (!s || !t || !d) {
		free(t);
		free(d);
		return -1;
	}
	free(s->title);
	free(s->desc);
	s->title = t;
	s->desc = d;
	return 0;
}

const char *scene_title(const struct scene *s)
{
	return s && s->title ? s->title : "";
}

const char *scene_desc(const struct scene *s)
{
	return s && s->desc ? s->desc : "";
}

int scene_add_path(struct scene *s, const struct rgba *fill, const struct rgba *stroke,
		   double line_width)
{
	cairo_path_t *path;
	struct scene_item *it;

	if (!s)
		return -1;
	path = cairo_copy_path(s->cr);
	cairo_new_path(s->cr);
	if (path->status != CAIRO_STATUS_SUCCESS || path->num_data == 0 ||
	    !(it = scene_push(s))) {
		cairo_path_destroy(path);
		return -1;
	}
	it->kind = SCENE_PATH;
	it->path = path;
	it->has_fill = fill != NULL;
	if (fill)
		it->fill = *fill;
	it->has_stroke = stroke != NULL;
	if (stroke)
		it->stroke = *stroke;
	it->line_width = line_width;
	return 0;
}

/* A well-formed copy of s, so both renderers and the measurement get valid
 * UTF-8.  NULL when out of memory. */
static char *scene_clean_text(const char *s)
{
	return utf8_sanitize(s, strlen(s));
}

int scene_add_text(struct scene *s, struct fonts *f, const char *utf8, enum font_face face,
		   double size, double x, double y, enum scene_align align, double angle,
		   const struct rgba *color)
{
	static const struct rgba black = { 0, 0, 0, 1 };
	struct scene_item *it;
	char *text;

	if (!s || !utf8)
		return -1;
	if (!(text = scene_clean_text(utf8)))
		return -1;
	if (!(it = scene_push(s))) {
		free(text);
		return -1;
	}
	it->kind = SCENE_TEXT;
	it->text = text;
	it->face = face;
	it->size = size;
	it->x = x;
	it->y = y;
	it->align = align;
	it->angle = angle;
	it->width = fonts_text_width(f, face, size, text);
	it->color = color ? *color : black;
	return 0;
}

size_t scene_count(const struct scene *s)
{
	return s ? s->n : 0;
}

const struct scene_item *scene_get(const struct scene *s, size_t i)
{
	return s && i < s->n ? &s->items[i] : NULL;
}
