/* layout_tiles — the key-figure tiles of a ```figures block, on the cover
 * or anywhere in the body: per figure a big number, perhaps its change
 * small under it ("▲ 35.5 % on 2020"), and its caption on a tinted tile, up
 * to four to a row; each tile's text one paragraph ("424.4 ▲ 35.5 % on 2020
 * Trade turnover in 2021, USD million"), its tint an artifact. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hpdf_fix.h"
#include "layout_int.h"

/* Tiles per row for n figures: up to four, rows as even as can be, never
 * fewer than two (a single figure takes half the width). */
static size_t tile_columns(size_t n)
{
	size_t rows = (n + 3) / 4, cols = rows ? (n + rows - 1) / rows : 1;

	return cols < 2 ? 2 : cols;
}

/* A figure's change as shown: "▲ text" above zero, "▼ text" below, the
 * text alone otherwise (kept until the end of the layout); NULL for none. */
static const char *change_label(struct lay *L, const struct figure *f)
{
	const char *arrow = figure_arrow(f);
	size_t n;
	char *s;

	if (!f->change || !f->change_text)
		return NULL;
	n = strlen(arrow) + strlen(f->change_text) + 1;
	if (!(s = malloc(n)))
		return lay_own(L, NULL);
	snprintf(s, n, "%s%s", arrow, f->change_text);
	return lay_own(L, s);
}

/* The size the changes of a block share: the house size, or smaller when
 * one would not fit its tile (never below tile_change_min). */
static double change_size(struct lay *L, const char *const *labels, size_t n, double inner)
{
	double size = lay_style.tile_change.size;

	for (size_t i = 0; i < n; i++) {
		double w = labels[i] ? lay_text_width(L, TF_REGULAR, lay_style.tile_change.size,
						       labels[i])
				     : 0;
		if (w > inner && lay_style.tile_change.size * inner / w < size)
			size = lay_style.tile_change.size * inner / w;
	}
	return size < lay_style.tile_change_min ? lay_style.tile_change_min : size;
}

/* The tiles of a figures block: per figure its value's text as a big number
 * in the accent colour, its change (if any) small under it, and its caption
 * below, on a tinted tile.  All numbers of a block share one size, and all
 * changes another: the house size, or smaller when one would not fit its
 * tile.  Rows of tiles may go to the next page between rows. */
int lay_figures(struct lay *L, const struct figures_block *fb, double *lead)
{
	size_t n = fb->n, cols = tile_columns(n), nrows = (n + cols - 1) / cols;
	double W = L->right - L->left;
	double tw = (W - (double)(cols - 1) * lay_style.tile_gap) / (double)cols;
	double inner = tw - 2 * lay_style.tile_pad, size = lay_style.tile_num.size;
	struct textflow *tfs = calloc(n ? n : 1, sizeof *tfs);
	struct run *runs = calloc(n ? n : 1, sizeof *runs);
	struct inlines *ins = calloc(n ? n : 1, sizeof *ins);
	double *rowh = calloc(nrows ? nrows : 1, sizeof *rowh);
	const char **changes = calloc(n ? n : 1, sizeof *changes);
	struct text_state ts;
	int rc = 0;

	if (!tfs || !runs || !ins || !rowh || !changes) {
		L->oom = 1;
		rc = -1;
	}
	for (size_t i = 0; !rc && i < n; i++)
		if (fb->items[i].change && !(changes[i] = change_label(L, &fb->items[i])))
			rc = -1;
	for (size_t i = 0; !rc && i < n; i++) {
		double w = lay_text_width(L, TF_BOLD, lay_style.tile_num.size, fb->items[i].text);
		if (w > inner && lay_style.tile_num.size * inner / w < size)
			size = lay_style.tile_num.size * inner / w;
		lay_one_run(&runs[i], &ins[i], fb->items[i].caption, 0);
		rc = lay_flow(L, &tfs[i], &ins[i], 0, lay_style.tile_cap.size, inner);
	}
	if (size < lay_style.tile_num_min)
		size = lay_style.tile_num_min;
	struct type num = { size, lay_style.tile_num.leading * size / lay_style.tile_num.size,
			    lay_style.tile_num.color };
	double csize = rc ? 0 : change_size(L, changes, n, inner);
	struct type chg = { csize,
			    lay_style.tile_change.leading * csize / lay_style.tile_change.size,
			    lay_style.tile_change.color };
	/* a row with a change gives every tile of it the change's line */
	double *chgh = calloc(nrows ? nrows : 1, sizeof *chgh);
	if (!rc && !chgh) {
		L->oom = 1;
		rc = -1;
	}
	for (size_t r = 0; !rc && r < nrows; r++) {
		size_t lines = 0;
		for (size_t i = r * cols; i < n && i < (r + 1) * cols; i++) {
			if (tfs[i].nlines > lines)
				lines = tfs[i].nlines;
			if (changes[i])
				chgh[r] = chg.leading;
		}
		double cap = (double)lines * lay_style.tile_cap.leading;
		rowh[r] = 2 * lay_style.tile_pad + num.leading + chgh[r] +
			  (lines ? lay_style.tile_cap_gap + cap : 0);
	}
	if (!rc && lead)
		*lead = rowh[0];
	if (!rc && !lead)
		rc = lay_open_block(L, lay_style.tile_after, rowh[0]);
	for (size_t r = 0; !rc && !lead && r < nrows; r++) {
		if (r > 0) {
			if (L->y - lay_style.tile_gap - rowh[r] < L->bottom - 0.01)
				rc = lay_page_new(L);
			else
				L->y -= lay_style.tile_gap;
		}
		double top = L->y;
		for (size_t i = r * cols; !rc && i < n && i < (r + 1) * cols; i++) {
			double x = L->left + (double)(i - r * cols) * (tw + lay_style.tile_gap);
			const char *t = lay_fit_string(L, TF_BOLD, size, fb->items[i].text, inner);
			lay_tag_block(L, "P");
			lay_fill_rect(L, x, top - rowh[r], tw, rowh[r], lay_style.tile_bg);
			lay_text_begin(L, &ts);
			lay_show_string(L, &ts, TF_BOLD, &num, x + lay_style.tile_pad,
					lay_baseline(&num, top - lay_style.tile_pad), t, 0);
			/* parts number, change and caption in the text read from
			 * the structure */
			hpdf_fix_show(L->page, " ", 1);
			if (changes[i]) {
				const char *c = lay_fit_string(L, TF_REGULAR, csize, changes[i], inner);
				lay_show_string(L, &ts, TF_REGULAR, &chg, x + lay_style.tile_pad,
						lay_baseline(&chg, top - lay_style.tile_pad - num.leading),
						c, 0);
				hpdf_fix_show(L->page, " ", 1);
			}
			lay_text_end(L);
			L->y = top - lay_style.tile_pad - num.leading - chgh[r] - lay_style.tile_cap_gap;
			lay_draw_chunk(L, &ins[i], &tfs[i], 0, tfs[i].nlines,
				       x + lay_style.tile_pad, &lay_style.tile_cap, NULL);
		}
		L->y = top - rowh[r];
		L->at_top = 0;
	}
	if (!rc && !lead)
		L->gap = lay_style.tile_after;
	for (size_t i = 0; tfs && i < n; i++)
		textflow_free(&tfs[i]);
	free(tfs);
	free(runs);
	free(ins);
	free(rowh);
	free(chgh);
	free(changes);
	return rc ? -1 : lay_failed(L);
}
