/* render_svg — a scene as SVG 1.1 file bytes, written straight from the
 * display list (see include/render.h): each path as a <path> of its own
 * move, line, curve and close segments, each text run as a <text> element in
 * the embedded fonts' family, named (Liberation Sans, then the fonts metric-
 * compatible with it).  Text stays text: a reader can select, search and
 * read it, and a file is 2-4 KB where cairo's SVG surface wrote 80-130 KB
 * (every glyph an outline, every coordinate through printf), at 0.3 % of the
 * default run's CPU where cairo's surface took a fifth.
 *
 * The picture is the PNG's: the same coordinates, paints and painting
 * order (fill, then stroke; cairo's non-zero winding and miter limit 10),
 * text anchored where the scene anchors it, with text-anchor doing the
 * centring and right alignment, so a renderer with a substitute font still
 * centres and aligns. Numbers are written by hand with two decimals
 * (1/7200 inch): no locale can turn a point into a comma, and no printf
 * runs per coordinate.  The same scene always gives the same bytes. */
#include "render.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"
#include "utf8.h"

/* Append v rounded to two decimals, trailing zeros dropped ("12.5", "-3",
 * "0.07").  Values beyond +-1e12 (never a chart's coordinates) are
 * clamped. */
static void svg_num(struct strbuf *b, double v)
{
	char t[32], *p = t + sizeof t;
	long long c;
	int neg, frac;

	if (!isfinite(v))
		v = 0;
	if (v > 1e12)
		v = 1e12;
	if (v < -1e12)
		v = -1e12;
	c = llround(v * 100);
	neg = c < 0;
	if (neg)
		c = -c;
	frac = (int)(c % 100);
	c /= 100;
	if (frac) {
		if (frac % 10)
			*--p = (char)('0' + frac % 10);
		*--p = (char)('0' + frac / 10);
		*--p = '.';
	}
	do
		*--p = (char)('0' + c % 10);
	while ((c /= 10) != 0);
	if (neg) /* c was not 0 */
		*--p = '-';
	strbuf_add(b, p, (size_t)(t + sizeof t - p));
}

/* Append an attribute value's colour as #rrggbb, and its opacity as a
 * second attribute (name-opacity) when it is not opaque. */
static void svg_paint(struct strbuf *b, const char *name, const struct rgba *c)
{
	static const char hex[] = "0123456789abcdef";
	const double ch[3] = { c->r, c->g, c->b };
	char t[8] = "#";

	for (int i = 0; i < 3; i++) {
		double v = ch[i] < 0 ? 0 : ch[i] > 1 ? 1 : ch[i];
		int x = (int)lround(v * 255);

		t[1 + 2 * i] = hex[x >> 4];
		t[2 + 2 * i] = hex[x & 15];
	}
	strbuf_str(b, " ");
	strbuf_str(b, name);
	strbuf_str(b, "=\"");
	strbuf_add(b, t, 7);
	strbuf_str(b, "\"");
	if (c->a < 1) {
		strbuf_str(b, " ");
		strbuf_str(b, name);
		strbuf_str(b, "-opacity=\"");
		svg_num(b, c->a < 0 ? 0 : c->a);
		strbuf_str(b, "\"");
	}
}

/* Append text as XML character data: & < > escaped, the C0 controls XML
 * 1.0 forbids dropped (tab and newline kept), invalid UTF-8 replaced as
 * the fonts measured it (utf8_sanitize). */
static void svg_text(struct strbuf *b, const char *text)
{
	size_t len = strlen(text);
	int invalid = utf8_invalid_at(text, len) >= 0;
	char *clean = invalid ? utf8_sanitize(text, len) : NULL;
	const char *s = clean ? clean : text, *run = s;

	if (invalid && !clean) {
		b->oom = 1;
		return;
	}
	for (; *s; s++) {
		unsigned char u = (unsigned char)*s;
		const char *e = u == '&' ? "&amp;" : u == '<' ? "&lt;" : u == '>' ? "&gt;" : NULL;

		if (!e && (u >= 0x20 || u == '\t' || u == '\n'))
			continue;
		strbuf_add(b, run, (size_t)(s - run));
		if (e)
			strbuf_str(b, e);
		run = s + 1;
	}
	strbuf_add(b, run, (size_t)(s - run));
	free(clean);
}

/* One path item: its segments as path data, then its fill and stroke. */
static void svg_path(struct strbuf *b, const struct scene_item *it)
{
	const cairo_path_t *p = it->path;

	strbuf_str(b, "<path d=\"");
	for (int i = 0; i < p->num_data; i += p->data[i].header.length) {
		const cairo_path_data_t *d = &p->data[i];
		static const char op[] = { 'M', 'L', 'C', 'Z' };
		int npts = d->header.type == CAIRO_PATH_CURVE_TO ? 3 :
			   d->header.type == CAIRO_PATH_CLOSE_PATH ? 0 : 1;

		/* cairo_copy_path follows a close with a move to the subpath's
		 * start; as the path's last segment it draws nothing */
		if (d->header.type == CAIRO_PATH_MOVE_TO && i + d->header.length >= p->num_data)
			break;
		if (i)
			strbuf_str(b, " ");
		strbuf_add(b, &op[d->header.type], 1);
		for (int k = 1; k <= npts; k++) {
			strbuf_str(b, " ");
			svg_num(b, d[k].point.x);
			strbuf_str(b, " ");
			svg_num(b, d[k].point.y);
		}
	}
	strbuf_str(b, "\"");
	if (it->has_fill)
		svg_paint(b, "fill", &it->fill);
	else
		strbuf_str(b, " fill=\"none\"");
	if (it->has_stroke) {
		svg_paint(b, "stroke", &it->stroke);
		strbuf_str(b, " stroke-width=\"");
		svg_num(b, it->line_width);
		strbuf_str(b, "\"");
	}
	strbuf_str(b, "/>\n");
}

/* One text run: at its anchor, rotated about it, aligned by text-anchor. */
static void svg_text_run(struct strbuf *b, const struct scene_item *it)
{
	if (!it->text || !*it->text)
		return;
	strbuf_str(b, "<text x=\"");
	svg_num(b, it->x);
	strbuf_str(b, "\" y=\"");
	svg_num(b, it->y);
	strbuf_str(b, "\" font-size=\"");
	svg_num(b, it->size);
	strbuf_str(b, "\"");
	if (it->face == FONT_BOLD || it->face == FONT_BOLD_ITALIC)
		strbuf_str(b, " font-weight=\"bold\"");
	if (it->face == FONT_ITALIC || it->face == FONT_BOLD_ITALIC)
		strbuf_str(b, " font-style=\"italic\"");
	if (it->align == SCENE_CENTER)
		strbuf_str(b, " text-anchor=\"middle\"");
	else if (it->align == SCENE_RIGHT)
		strbuf_str(b, " text-anchor=\"end\"");
	if (it->angle != 0) {
		strbuf_str(b, " transform=\"rotate(");
		svg_num(b, -it->angle);
		strbuf_str(b, " ");
		svg_num(b, it->x);
		strbuf_str(b, " ");
		svg_num(b, it->y);
		strbuf_str(b, ")\"");
	}
	svg_paint(b, "fill", &it->color);
	strbuf_str(b, ">");
	svg_text(b, it->text);
	strbuf_str(b, "</text>\n");
}

/* The element <tag>text</tag> when text is not empty. */
static void svg_element(struct strbuf *b, const char *tag, const char *text)
{
	if (!*text)
		return;
	strbuf_str(b, "<");
	strbuf_str(b, tag);
	strbuf_str(b, ">");
	svg_text(b, text);
	strbuf_str(b, "</");
	strbuf_str(b, tag);
	strbuf_str(b, ">\n");
}

int render_svg_data(const struct scene *s, struct fonts *f, const char *name,
		    unsigned char **data, size_t *len, struct diag *d)
{
	struct strbuf b = { 0 };
	char *out;

	strbuf_str(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		       "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"");
	svg_num(&b, scene_width(s));
	strbuf_str(&b, "pt\" height=\"");
	svg_num(&b, scene_height(s));
	strbuf_str(&b, "pt\" viewBox=\"0 0 ");
	svg_num(&b, scene_width(s));
	strbuf_str(&b, " ");
	svg_num(&b, scene_height(s));
	/* the text's family for every <text>: the embedded fonts', then the
	 * faces with the same metrics (Liberation Sans was drawn to Arial's);
	 * no kerning, as the PNG and the PDF place glyphs by advance width */
	strbuf_str(&b, "\" font-family=\"'");
	svg_text(&b, fonts_family(f));
	strbuf_str(&b, "', Arial, Helvetica, sans-serif\" font-kerning=\"none\" "
		       "stroke-miterlimit=\"10\" xml:space=\"preserve\">\n");
	svg_element(&b, "title", scene_title(s));
	svg_element(&b, "desc", scene_desc(s));
	for (size_t i = 0; i < scene_count(s); i++) {
		const struct scene_item *it = scene_get(s, i);

		if (it->kind == SCENE_PATH && it->path && it->path->num_data > 0 &&
		    (it->has_fill || it->has_stroke))
			svg_path(&b, it);
		else if (it->kind == SCENE_TEXT)
			svg_text_run(&b, it);
	}
	strbuf_str(&b, "</svg>\n");
	if (b.oom) {
		strbuf_free(&b);
		diag_error(d, EXIT_SOFTWARE, name, 0, 0, "cannot paint chart %s: out of memory",
			   name);
		return -1;
	}
	if (strbuf_take(&b, &out, len, d) < 0)
		return -1;
	*data = (unsigned char *)out;
	return 0;
}
