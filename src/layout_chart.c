/* layout_chart — a chart block on the page: its scene (title, plot, notes,
 * all built by chart_build) replayed as PDF vector operators and real text,
 * kept whole on one page. */
#include "layout_int.h"
#include "render.h"

int lay_chart(struct lay *L, size_t bi, double *lead)
{
	const struct scene *sc = L->opt->scenes ? L->opt->scenes[bi] : NULL;
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
	if (render_pdf(sc, L->pdf, L->page, L->font, L->left, L->y, &d) < 0)
		return -1; /* libharu's error handler has recorded the cause */
	L->y -= h;
	L->gap = lay_style.figure_space;
	return lay_failed(L);
}
