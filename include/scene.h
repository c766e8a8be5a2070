/* scene — a chart as a display list in points, knowing no output format.
 *
 * Coordinates: origin at the scene's top-left corner, x to the right, y down
 * (cairo's convention); the scene is width x height points.  Items are painted
 * in the order added.  Paths are built with cairo (arcs, rectangles,
 * transforms) on the scene's own context and stored with cairo_copy_path, so
 * curves stay curves (never the flattened copy).  Text runs are UTF-8 strings
 * with a face, a size, an anchor point on the baseline and an alignment; their
 * widths are measured once with fonts_text_width().
 *
 * For readers who cannot see it, each item has a role (what it is in the
 * figure: caption, plot or note, which render_pdf tags as Caption, Figure
 * and P, in that reading order), and the scene a label: the chart's
 * title and a description of what it shows in words (PDF /T and /Alt,
 * SVG <title> and <desc>). */
#ifndef BRIEFING_SCENE_H
#define BRIEFING_SCENE_H

#include <stddef.h>
#include <cairo.h>
#include "fonts.h"

struct rgba {
	double r, g, b, a; /* 0..1 */
};

enum scene_align { SCENE_LEFT, SCENE_CENTER, SCENE_RIGHT };

enum scene_kind { SCENE_PATH, SCENE_TEXT };

/* What an item is to a reader: the plot (marks, axes, their labels, the
 * legend), the caption above it (title, subtitle) or a note under it
 * (source, remarks). */
enum scene_role { SCENE_PLOT, SCENE_CAPTION, SCENE_NOTE };

struct scene_item {
	enum scene_kind kind;
	enum scene_role role;     /* scene_set_role when it was added */
	/* SCENE_PATH */
	cairo_path_t *path;       /* owned by the scene, in scene coordinates */
	int has_fill;             /* fill the path (non-zero winding) */
	struct rgba fill;
	int has_stroke;           /* then stroke it */
	struct rgba stroke;
	double line_width;        /* points */
	/* SCENE_TEXT */
	char *text;               /* UTF-8, one line */
	enum font_face face;
	double size;              /* points */
	double x, y;              /* anchor point on the baseline */
	enum scene_align align;   /* where the anchor is: start, middle, end of the text */
	double angle;             /* degrees counter-clockwise about (x, y); 0 = level */
	double width;             /* advance width in points (fonts_text_width) */
	struct rgba color;
};

struct scene;

/* A new empty scene of width x height points; NULL when out of memory. */
struct scene *scene_new(double width, double height);

void scene_free(struct scene *s);

double scene_width(const struct scene *s);
double scene_height(const struct scene *s);

/* The scene's cairo context, for building geometry (a recording surface;
 * painting on it has no effect on the scene).  Owned by the scene. */
cairo_t *scene_cairo(struct scene *s);

/* Take the current path of scene_cairo(s) (cairo_copy_path, in user space
 * under the current transform), store it with its paint, and clear the path.
 * fill and/or stroke may be NULL.  0, or -1 when out of memory or the path is
 * empty. */
int scene_add_path(struct scene *s, const struct rgba *fill, const struct rgba *stroke,
		   double line_width);

/* Add a text run measured with f.  Returns 0 or -1 (out of memory). */
int scene_add_text(struct scene *s, struct fonts *f, const char *utf8, enum font_face face,
		   double size, double x, double y, enum scene_align align, double angle,
		   const struct rgba *color);

/* The role of the items added from now on (SCENE_PLOT until set). */
void scene_set_role(struct scene *s, enum scene_role role);

/* The scene's label: title (the chart's) and desc (what it shows, in
 * words), copied.  0, or -1 when out of memory. */
int scene_set_label(struct scene *s, const char *title, const char *desc);

/* The label's parts; "" when not set. */
const char *scene_title(const struct scene *s);
const char *scene_desc(const struct scene *s);

size_t scene_count(const struct scene *s);
const struct scene_item *scene_get(const struct scene *s, size_t i);

#endif
