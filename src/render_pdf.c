/* render_pdf — replay a scene on a libharu page as vector operators and real
 * PDF text (see include/render.h), marked for tagged PDF. */
#include "render.h"

#include "hpdf_fix.h"
#include "hpdf_tag.h"

#include <math.h>
#include <string.h>


struct render_pdf_ctx {
	HPDF_Page page;                         /* page drawn on */
	double left, top;                       /* scene origin in PDF space */
	int spaced;                             /* a space after each text run */
};

static HPDF_REAL render_unit(double v)
{
	return (HPDF_REAL)(v < 0 ? 0 : v > 1 ? 1 : v);
}

static double render_pdf_x(const struct render_pdf_ctx *c, double x)
{
	return c->left + x;
}

static double render_pdf_y(const struct render_pdf_ctx *c, double y)
{
	return c->top - y;
}

/* A colour with alpha a, flattened over the white page: PDF/A-1 forbids
 * transparency (an ExtGState with /ca or /CA below 1 is "4.1.2 :
 * Transparency error"), so a colour cairo would blend in the PNG and SVG
 * files is blended here with white, c' = a c + (1 - a) per channel: what
 * it shows on the page.  Where such an item overlapped another, the PDF
 * would show it opaque; no chart of today uses alpha at all. */
static void render_flat(const struct rgba *c, HPDF_REAL out[3])
{
	double a = render_unit(c->a), v[3] = { c->r, c->g, c->b };

	for (int i = 0; i < 3; i++)
		out[i] = render_unit(a * render_unit(v[i]) + (1 - a));
}

/* Emit the path's segments, flipping y. */
static HPDF_STATUS render_pdf_segments(const struct render_pdf_ctx *c, const cairo_path_t *p)
{
	HPDF_STATUS st = HPDF_OK;

	for (int i = 0; i < p->num_data && st == HPDF_OK; i += p->data[i].header.length) {
		const cairo_path_data_t *d = &p->data[i];
#define PX(k) ((HPDF_REAL)render_pdf_x(c, d[k].point.x))
#define PY(k) ((HPDF_REAL)render_pdf_y(c, d[k].point.y))
		switch (d->header.type) {
		case CAIRO_PATH_MOVE_TO:
			st = HPDF_Page_MoveTo(c->page, PX(1), PY(1));
			break;
		case CAIRO_PATH_LINE_TO:
			st = HPDF_Page_LineTo(c->page, PX(1), PY(1));
			break;
		case CAIRO_PATH_CURVE_TO:
			st = HPDF_Page_CurveTo(c->page, PX(1), PY(1), PX(2), PY(2), PX(3), PY(3));
			break;
		case CAIRO_PATH_CLOSE_PATH:
			st = HPDF_Page_ClosePath(c->page);
			break;
		}
#undef PX
#undef PY
	}
	return st;
}

/* Colours and line width of a path item, set before its segments. */
static HPDF_STATUS render_pdf_paint_state(struct render_pdf_ctx *c, const struct scene_item *it)
{
	HPDF_STATUS st = HPDF_OK;
	HPDF_REAL rgb[3];

	if (it->has_fill) {
		render_flat(&it->fill, rgb);
		st = HPDF_Page_SetRGBFill(c->page, rgb[0], rgb[1], rgb[2]);
	}
	if (st == HPDF_OK && it->has_stroke) {
		render_flat(&it->stroke, rgb);
		st = HPDF_Page_SetRGBStroke(c->page, rgb[0], rgb[1], rgb[2]);
		if (st == HPDF_OK)
			st = HPDF_Page_SetLineWidth(c->page,
						    (HPDF_REAL)(it->line_width > 0 ? it->line_width : 0));
	}
	return st;
}

/* One path item: state, segments, then fill and/or stroke. */
static HPDF_STATUS render_pdf_path(struct render_pdf_ctx *c, const struct scene_item *it)
{
	HPDF_STATUS st = render_pdf_paint_state(c, it);

	if (st == HPDF_OK)
		st = render_pdf_segments(c, it->path);
	if (st != HPDF_OK)
		return st;
	if (it->has_fill && it->has_stroke)
		return HPDF_Page_FillStroke(c->page);
	if (it->has_fill)
		return HPDF_Page_Fill(c->page);
	if (it->has_stroke)
		return HPDF_Page_Stroke(c->page);
	return HPDF_Page_EndPath(c->page);
}

/* One text run: font, colour, a text matrix rotating about the anchor
 * (counter-clockwise on the page), starting back along the baseline by the
 * alignment offset of the measured width. */
static HPDF_STATUS render_pdf_text(struct render_pdf_ctx *c, const struct scene_item *it,
				   HPDF_Font font)
{
	double a = it->angle * M_PI / 180.0, cs = cos(a), sn = sin(a);
	double off = it->align == SCENE_CENTER ? it->width / 2
		     : it->align == SCENE_RIGHT ? it->width : 0.0;
	double x = render_pdf_x(c, it->x) - off * cs, y = render_pdf_y(c, it->y) - off * sn;
	HPDF_REAL rgb[3];
	HPDF_STATUS st;

	if (!it->text || !*it->text)
		return HPDF_OK;
	if (!font)
		return HPDF_INVALID_FONT;
	render_flat(&it->color, rgb);
	st = HPDF_Page_BeginText(c->page);
	if (st == HPDF_OK)
		st = HPDF_Page_SetFontAndSize(c->page, font, (HPDF_REAL)it->size);
	if (st == HPDF_OK)
		st = HPDF_Page_SetRGBFill(c->page, rgb[0], rgb[1], rgb[2]);
	if (st == HPDF_OK)
		st = HPDF_Page_SetTextMatrix(c->page, (HPDF_REAL)cs, (HPDF_REAL)sn,
					     (HPDF_REAL)-sn, (HPDF_REAL)cs, (HPDF_REAL)x,
					     (HPDF_REAL)y);
	if (st == HPDF_OK)
		st = hpdf_fix_show(c->page, it->text, strlen(it->text));
	/* text read from the structure joins runs as they are: "Trade
	 * turnoverGoods, both…" without it (it is after the run, so the run
	 * stays where it was aligned) */
	if (st == HPDF_OK && c->spaced)
		st = hpdf_fix_show(c->page, " ", 1);
	if (st == HPDF_OK)
		st = HPDF_Page_EndText(c->page);
	return st;
}

/* One item inside its own GSave/GRestore, so nothing leaks to the next. */
static HPDF_STATUS render_pdf_item(struct render_pdf_ctx *c, const struct scene_item *it,
				   HPDF_Font fonts[FONT_FACES])
{
	HPDF_STATUS st = HPDF_Page_GSave(c->page);

	if (st != HPDF_OK)
		return st;
	if (it->kind == SCENE_PATH && it->path)
		st = render_pdf_path(c, it);
	else if (it->kind == SCENE_TEXT)
		st = render_pdf_text(c, it,
				     (int)it->face >= 0 && it->face < FONT_FACES ? fonts[it->face]
										 : NULL);
	if (st != HPDF_OK)
		return st;
	return HPDF_Page_GRestore(c->page);
}

/* The items of one role, in one marked-content sequence of elem (when
 * tagged and there are any). */
static HPDF_STATUS render_pdf_role(struct render_pdf_ctx *c, const struct scene *s,
				   enum scene_role role, hpdf_tag_id elem,
				   const struct render_pdf_tags *tags, HPDF_Font fonts[FONT_FACES])
{
	HPDF_STATUS st = HPDF_OK;
	int open = 0;

	for (size_t i = 0; i < scene_count(s) && st == HPDF_OK; i++) {
		const struct scene_item *it = scene_get(s, i);
		if (tags && it->role != role)
			continue;
		if (tags && elem && !open) {
			if (hpdf_tag_begin(tags->tree, tags->page, elem))
				return HPDF_FAILD_TO_ALLOC_MEM;
			open = 1;
		}
		st = render_pdf_item(c, it, fonts);
	}
	if (open)
		hpdf_tag_end(tags->tree, tags->page);
	return st;
}

int render_pdf(const struct scene *s, HPDF_Doc pdf, HPDF_Page page,
	       HPDF_Font fonts[FONT_FACES], double left, double top,
	       const struct render_pdf_tags *tags, struct diag *d)
{
	struct render_pdf_ctx c = { .page = page, .left = left, .top = top, .spaced = tags != NULL };
	HPDF_STATUS st = pdf && page && fonts ? HPDF_OK : HPDF_INVALID_PAGE;

	if (st == HPDF_OK)
		st = render_pdf_role(&c, s, SCENE_CAPTION, tags ? tags->caption : 0, tags, fonts);
	if (st == HPDF_OK && tags) /* untagged: every item went above, in order */
		st = render_pdf_role(&c, s, SCENE_PLOT, tags->figure, tags, fonts);
	if (st == HPDF_OK && tags)
		st = render_pdf_role(&c, s, SCENE_NOTE, tags->note, tags, fonts);
	if (st != HPDF_OK) {
		diag_error(d, EXIT_SOFTWARE, "", 0, 0, "libharu error while drawing a chart");
		return -1;
	}
	return 0;
}
