/* layout_chart — a chart block on the page: its scene (title, plot, notes,
 * all built by chart_build) replayed as PDF vector operators and real text,
 * kept whole on one page.  Tagged as a Figure with the chart's title (/T)
 * and its description in words (/Alt, the scene's label), its title and
 * subtitle a Caption inside it, then its notes as a paragraph after it. */
#include "layout_int.h"
#include "render.h"

/* Does s have items of role r? */
static int has_role(const struct scene *s, enum scene_role r)
{
	for (size_t i = 0; i < scene_count(s); i++)
		if (scene_get(s, i)->role == r)
			return 1;
	return 0;
}

int lay_chart(struct lay *L, size_t bi, double *lead)
{
	const struct scene *sc = L->opt->scenes ? L->opt->scenes[bi] : NULL;
	struct render_pdf_tags tags = { L->tags.tree, 0, 0, 0, 0 };
	struct diag d = { 0 };
	double h;

	if (!sc)
		return 0; /* no scene: the caller chose to lay out without charts */
	h = scene_height(sc);
	if (lead) {
		*lead = h;
		return 0;
	}
	if (lay_open_block(L, lay_style.figure_space, h))
		return -1;
	tags.page = (int)L->page_no;
	tags.figure = lay_tag_block(L, "Figure");
	if (has_role(sc, SCENE_CAPTION))
		tags.caption = lay_tag_elem(L, tags.figure, "Caption");
	if (has_role(sc, SCENE_NOTE))
		tags.note = lay_tag_elem(L, 0, "P");
	lay_tag_set(L, tags.figure, "Alt", *scene_desc(sc) ? scene_desc(sc) : scene_title(sc));
	if (*scene_title(sc))
		lay_tag_set(L, tags.figure, "T", scene_title(sc));
	lay_tag_bbox(L, tags.figure, L->left, L->y - h, L->left + scene_width(sc), L->y);
	lay_mark_close(L);
	if (lay_failed(L))
		return -1;
	if (render_pdf(sc, L->pdf, L->page, L->font, L->left, L->y, &tags, &d) < 0)
		return -1; /* libharu's error handler has recorded the cause */
	L->y -= h;
	L->gap = lay_style.figure_space;
	return lay_failed(L);
}
