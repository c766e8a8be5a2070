/* layout_cover — the cover page: accent bar, title, subtitle, author,
 * report date, then the blocks written before the first heading (typically
 * a strip of key-figure tiles and a short summary), laid out as blocks.  The
 * title is the structure's Title, the lines under it paragraphs, the bar
 * an artifact. */
#include "layout_int.h"

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

int lay_cover(struct lay *L)
{
	const struct front_matter *f = &L->doc->front;
	int rc;

	L->y = L->top - lay_style.cover_drop;
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
		rc = lay_block(L, i);
	return rc ? -1 : lay_failed(L);
}
