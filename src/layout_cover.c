/* layout_cover — the cover page: accent bar, title, subtitle, author,
 * report date, then the blocks written before the first heading (typically
 * a strip of key-figure tiles and a short summary), laid out as blocks, and
 * the chart named by cover-chart: on the lower half.  The title is the
 * structure's Title, the lines under it paragraphs, the bar an artifact. */
#include <string.h>

#include "layout_int.h"
#include "scene.h"

/* The block index of the chart named by cover-chart:, or nblocks (none). */
static size_t cover_chart_block(const struct lay *L)
{
	const char *name = L->doc->front.cover_chart;
	size_t i;

	for (i = 0; name && i < L->doc->nblocks; i++)
		if (L->doc->blocks[i].type == BLOCK_CHART && L->doc->blocks[i].chart->name &&
		    !strcmp(L->doc->blocks[i].chart->name, name))
			break;
	return name ? i : L->doc->nblocks;
}

/* The cover's chart, centred in the lower half of the text area (or, when
 * taller, standing on its foot), below the cover's text; one that does not
 * fit there is an error at cover-chart:. */
static int cover_chart(struct lay *L, size_t bi, struct diag *d)
{
	const struct scene *sc = L->opt->scenes ? L->opt->scenes[bi] : NULL;
	const struct front_matter *f = &L->doc->front;
	double half = (L->top - L->bottom) / 2, h, top, room;

	if (!sc)
		return 0; /* laid out without charts */
	h = scene_height(sc);
	top = h <= half ? L->bottom + half - (half - h) / 2 : L->bottom + h;
	room = L->y - lay_style.figure_space - L->bottom;
	if (top > L->y - lay_style.figure_space)
		top = L->y - lay_style.figure_space;
	if (top - h < L->bottom - 0.01) {
		diag_error(d, EXIT_DATAERR, L->doc->path, f->cover_chart_line, f->cover_chart_col,
			   "cover-chart \"%s\" is %.0f pt tall, but the cover has %.0f pt below "
			   "its text: give the chart a smaller height:", f->cover_chart, h,
			   room > 0 ? room : 0);
		return -1;
	}
	L->y = top;
	return lay_chart_here(L, sc);
}

/* A plain line or paragraph of the cover in setting t, after `gap` points,
 * a structure element of `type`. */
static int cover_text(struct lay *L, const char *text, const char *type, unsigned base,
		      const struct type *t, double gap)
{
	struct run r;
	struct inlines in;

	if (!text || !*text)
		return 0;
	lay_tag_block(L, type);
	lay_one_run(&r, &in, text, 0);
	L->gap = gap;
	return lay_text_block(L, &in, base, t, L->left, L->right - L->left, 0, NULL);
}

int lay_cover(struct lay *L, struct diag *d)
{
	size_t chart = cover_chart_block(L);
	const struct front_matter *f = &L->doc->front;
	int rc;

	L->y = L->top - (chart < L->doc->nblocks ? lay_style.cover_drop_chart : lay_style.cover_drop);
	lay_tag_artifact(L, NULL, NULL);
	lay_fill_rect(L, L->left, L->y - lay_style.cover_bar_h, lay_style.cover_bar_w,
		      lay_style.cover_bar_h, lay_style.accent);
	L->y -= lay_style.cover_bar_h + lay_style.cover_bar_gap;
	L->at_top = 0;
	rc = cover_text(L, f->title, "Title", RUN_BOLD, &lay_style.cover_title, 0);
	if (!rc)
		rc = cover_text(L, f->subtitle, "P", 0, &lay_style.cover_sub,
				lay_style.cover_sub_gap);
	if (!rc)
		rc = cover_text(L, f->author, "P", 0, &lay_style.cover_byline,
				lay_style.cover_byline_gap);
	if (!rc)
		rc = cover_text(L, L->opt->date_text, "P", 0, &lay_style.cover_byline,
				f->author && *f->author ? 0 : lay_style.cover_byline_gap);
	L->gap = lay_style.cover_after;
	for (size_t i = 0; !rc && i < L->first_body; i++)
		if (i != chart) /* a cover block named by cover-chart: goes below */
			rc = lay_block(L, i);
	if (!rc && chart < L->doc->nblocks && cover_chart(L, chart, d))
		return -1;
	return rc ? -1 : lay_failed(L);
}
