/* layout_tiles — the key-figure tiles of a ```figures block, on the cover
 * or anywhere in the body: per figure a big number and its caption on a
 * tinted tile, up to four to a row; each tile's number and caption one
 * paragraph ("424.4 Trade turnover in 2021, USD million"), its tint an
 * artifact. */
#include <stdlib.h>

#include "hpdf_fix.h"
#include "layout_int.h"

/* Tiles per row for n figures: up to four, rows as even as can be, never
 * fewer than two (a single figure takes half the width). */
static size_t tile_columns(size_t n)
{
	size_t rows = (n + 3) / 4, cols = rows ? (n + rows - 1) / rows : 1;

	return cols < 2 ? 2 : cols;
}

/* The tiles of a figures block: per figure its value's text as a big number
 * in the accent colour and its caption below, on a tinted tile.  All numbers
 * of a block share one size: the house size, or smaller when one would not
 * fit its tile.  Rows of tiles may go to the next page between rows. */
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
	struct text_state ts;
	int rc = 0;

	if (!tfs || !runs || !ins || !rowh) {
		L->oom = 1;
		rc = -1;
	}
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
	for (size_t r = 0; !rc && r < nrows; r++) {
		size_t lines = 0;
		for (size_t i = r * cols; i < n && i < (r + 1) * cols; i++)
			if (tfs[i].nlines > lines)
				lines = tfs[i].nlines;
		double cap = (double)lines * lay_style.tile_cap.leading;
		rowh[r] = 2 * lay_style.tile_pad + num.leading +
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
			/* parts number and caption in the text read from the structure */
			hpdf_fix_show(L->page, " ", 1);
			lay_text_end(L);
			L->y = top - lay_style.tile_pad - num.leading - lay_style.tile_cap_gap;
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
	return rc ? -1 : lay_failed(L);
}
