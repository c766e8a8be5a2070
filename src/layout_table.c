/* layout_table — tables: pipe tables, data tables and tables of plain
 * strings (the sources page).  Columns sized from content or from widths:,
 * numbers right-aligned on their decimal point, rows never split (unless
 * taller than a page), the caption kept with the header and first rows, the
 * header row repeated on every page the table reaches, no last row alone
 * on a page.  Tagged as one Table (Caption, THead with TH cells scoped to
 * their column, TBody) however many pages it takes; a repeated header,
 * the row tints and the rules are artifacts. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout_int.h"
#include "num.h"


/* A table to draw, row 0 the header: cells of inline text (pipe tables),
 * or plain strings (data tables, the sources page) made into one-run text
 * only while a cell is measured, broken or drawn (grid_cell), so that a
 * table of strings holds nothing per cell but its string. */
struct grid {
	size_t ncols, nrows;         /* nrows counts the header row */
	const struct inlines *cells; /* nrows * ncols inline cells, or NULL: */
	const char *const *head;     /*   the header's strings, ncols */
	const char *const *body;     /*   the body's, (nrows - 1) * ncols */
	const enum cell_align *align;/* ncols */
	const double *frac;          /* ncols: a column of numbers in the document's
					style aligned on the decimal point: its widest
					fraction (point and digits); 0 = not; or NULL */
	const unsigned char *styled; /* ncols: 1 = the cells are written in the
					document's style already (formats:), 0 =
					CSV numbers to restyle; or NULL (all 0) */
	const struct col_width *widths; /* ncols given widths, or NULL (from content) */
};

/* One cell as inline text, with what it needs to stay valid. */
struct cell_text {
	struct run run;
	struct inlines in;
	char buf[256];   /* a number restyled with the document's decimal point */
};

/* Width of the fraction of a number (from the decimal point on), 0 when it
 * has none. */
static double frac_width(struct lay *L, const char *s)
{
	const char *dot = s ? strstr(s, lay_lang(L)->num.decimal) : NULL;

	return dot ? lay_text_width(L, TF_REGULAR, lay_style.cell.size, dot) : 0;
}

/* Cell (r, c) as inline text (in t when the grid holds strings); *rpad (if
 * not NULL) gets the space right of it that aligns it on the decimal
 * point.  The same cell always gives the same text. */
static const struct inlines *grid_cell(struct lay *L, const struct grid *g, size_t r, size_t c,
				       struct cell_text *t, double *rpad)
{
	int decimal = r && g->frac && g->frac[c] > 0;
	const char *s;

	if (rpad)
		*rpad = 0;
	if (g->cells)
		return &g->cells[r * g->ncols + c];
	s = r ? g->body[(r - 1) * g->ncols + c] : g->head[c];
	if (decimal) {
		int styled = g->styled && g->styled[c];

		if (!styled)
			s = num_restyle(t->buf, sizeof t->buf, &lay_lang(L)->num, s);
		/* a format's words without a number ("unchanged") stand flush
		 * right, not where a number's decimal point would be */
		if (rpad && (!styled || s[strcspn(s, "0123456789")]))
			*rpad = g->frac[c] - frac_width(L, s);
	}
	lay_one_run(&t->run, &t->in, s, 0);
	return &t->in;
}

/* A table measured for the text width: column widths and row heights.
 * Cells are broken into lines again when their row is drawn, into one
 * textflow per column kept here, rather than kept broken from the start: a
 * textflow holds room for 16 lines and 16 fragments (about 1 KB) where a
 * cell uses one, and a 20,000-row table took 10 KB of memory per row. */
struct tprep {
	double *colw;            /* column widths, padding included */
	double tw;               /* the table's width (their sum) */
	double *rowh;            /* row heights, padding included */
	size_t *rowl;            /* lines in the row's tallest cell */
	struct textflow *head;   /* ncols: the header row's cells, broken */
	struct textflow *row;    /* ncols: the cells of the body row being drawn */
	size_t head_at, row_at;  /* 1 + the row head and row hold, 0 = none */
	hpdf_tag_id table, body; /* the Table element and its TBody */
	hpdf_tag_id *cells;      /* ncols: the TH or TD elements of row cells_at - 1 */
	size_t cells_at;         /* 1 + the row they are of, 0 = none */
	int head_drawn;          /* the header row is tagged once, then repeated */
};

static void tprep_free(struct tprep *tp, size_t ncols)
{
	for (size_t i = 0; tp->row && i < ncols; i++)
		textflow_free(&tp->row[i]);
	for (size_t i = 0; tp->head && i < ncols; i++)
		textflow_free(&tp->head[i]);
	free(tp->colw);
	free(tp->rowh);
	free(tp->rowl);
	free(tp->row);
	free(tp->head);
	free(tp->cells);
	memset(tp, 0, sizeof *tp);
}

/* The cells of row r broken into lines: the header's, broken once, or a
 * body row's, broken again unless it is the last one asked for (a row
 * taller than a page is drawn over many pages, the header between). */
static const struct textflow *flow_row(struct lay *L, const struct grid *g, struct tprep *tp,
				       size_t r)
{
	struct textflow *tf = r ? tp->row : tp->head;
	size_t *held = r ? &tp->row_at : &tp->head_at;
	struct cell_text t;

	if (*held == r + 1)
		return tf;
	*held = 0;
	for (size_t c = 0; c < g->ncols; c++)
		if (lay_flow(L, &tf[c], grid_cell(L, g, r, c, &t, NULL), r ? 0 : RUN_BOLD,
			     lay_style.cell.size, tp->colw[c] - 2 * lay_style.cell_pad))
			return NULL;
	*held = r + 1;
	return tf;
}

/* When even the widest words of all columns do not fit side by side, cap
 * them at the level that makes them fit: narrow columns keep their words
 * whole and only the columns with the longest words (URLs) get split. */
static void cap_minimums(double *min, size_t n, double avail)
{
	double cap = avail / (double)n, prev = -1;

	while (cap != prev) {
		double fixed = 0;
		size_t k = 0;
		for (size_t c = 0; c < n; c++) {
			if (min[c] <= cap)
				fixed += min[c];
			else
				k++;
		}
		prev = cap;
		if (k == 0)
			break;
		cap = (avail - fixed) / (double)k;
	}
	for (size_t c = 0; c < n; c++)
		if (min[c] > cap)
			min[c] = cap;
}

/* Column widths from content: every column gets its widest unbreakable word,
 * then the rest of the text width is shared in proportion to how much more
 * each column would need to set its cells unbroken.  Tables that fit take the
 * full width anyway, the spare shared by natural width. */
static int size_columns(struct lay *L, const struct grid *g, double *colw, double avail)
{
	double *nat = calloc(g->ncols, sizeof *nat), *min = calloc(g->ncols, sizeof *min);
	double snat = 0, smin = 0, pad = 2 * lay_style.cell_pad;

	if (!nat || !min) {
		free(nat), free(min);
		L->oom = 1;
		return -1;
	}
	if (g->widths) {
		double sum = 0;
		for (size_t c = 0; c < g->ncols; c++) {
			colw[c] = g->widths[c].percent ? avail * g->widths[c].value / 100
						       : g->widths[c].value;
			sum += colw[c];
		}
		for (size_t c = 0; sum > avail && c < g->ncols; c++)
			colw[c] *= avail / sum;
		free(nat), free(min);
		return 0;
	}
	for (size_t r = 0; r < g->nrows; r++)
		for (size_t c = 0; c < g->ncols; c++) {
			struct cell_text t;
			double n, m, rp;
			if (textflow_measure(grid_cell(L, g, r, c, &t, &rp), r ? 0 : RUN_BOLD,
					     lay_style.cell.size, &L->meas, &n, &m)) {
				L->oom = 1;
				break;
			}
			if (n + rp + pad > nat[c])
				nat[c] = n + rp + pad;
			if (m + rp + pad > min[c])
				min[c] = m + rp + pad;
		}
	for (size_t c = 0; c < g->ncols; c++)
		smin += min[c];
	if (smin > avail)
		cap_minimums(min, g->ncols, avail);
	smin = 0;
	for (size_t c = 0; c < g->ncols; c++)
		snat += nat[c], smin += min[c];
	for (size_t c = 0; c < g->ncols; c++) {
		if (snat <= avail)
			colw[c] = nat[c] + (avail - snat) * nat[c] / snat;
		else if (snat - smin < 1e-9)
			colw[c] = min[c];
		else
			colw[c] = min[c] + (avail - smin) * (nat[c] - min[c]) / (snat - smin);
	}
	free(nat), free(min);
	return lay_failed(L);
}

/* Column widths, then the height of the first `rows` rows (all of them
 * to draw the table; the few table_lead needs to measure its start). */
static int table_prepare(struct lay *L, const struct grid *g, struct tprep *tp, size_t rows)
{
	tp->colw = calloc(g->ncols ? g->ncols : 1, sizeof *tp->colw);
	tp->rowh = calloc(g->nrows ? g->nrows : 1, sizeof *tp->rowh);
	tp->rowl = calloc(g->nrows ? g->nrows : 1, sizeof *tp->rowl);
	tp->row = calloc(g->ncols ? g->ncols : 1, sizeof *tp->row);
	tp->head = calloc(g->ncols ? g->ncols : 1, sizeof *tp->head);
	tp->cells = calloc(g->ncols ? g->ncols : 1, sizeof *tp->cells);
	if (!tp->colw || !tp->rowh || !tp->rowl || !tp->row || !tp->head || !tp->cells) {
		L->oom = 1;
		return -1;
	}
	if (size_columns(L, g, tp->colw, L->right - L->left))
		return -1;
	for (size_t c = 0; c < g->ncols; c++)
		tp->tw += tp->colw[c];
	for (size_t r = 0; r < rows && r < g->nrows; r++) {
		const struct textflow *tf = flow_row(L, g, tp, r);
		size_t lines = 1;
		if (!tf)
			return -1;
		for (size_t c = 0; c < g->ncols; c++)
			if (tf[c].nlines > lines)
				lines = tf[c].nlines;
		tp->rowl[r] = lines;
		tp->rowh[r] = lines * lay_style.cell.leading + 2 * lay_style.cell_pad;
	}
	return 0;
}

/* The structure of row r, made when it is first drawn: a TR in THead
 * with TH cells (the header) or in TBody with TD cells; the same elements
 * again for the rest of a row taller than a page.  The header drawn again
 * on the next pages is a pagination artifact: NULL, no cells. */
static hpdf_tag_id *row_tags(struct lay *L, const struct grid *g, struct tprep *tp, size_t r)
{
	hpdf_tag_id tr;

	if (r == 0 && tp->head_drawn) {
		lay_tag_artifact(L, "Pagination", NULL);
		return NULL;
	}
	if (tp->cells_at != r + 1) {
		memset(tp->cells, 0, g->ncols * sizeof *tp->cells);
		tp->cells_at = r + 1;
		tp->head_drawn |= r == 0;
		if (r > 0 && !tp->body)
			tp->body = lay_tag_elem(L, tp->table, "TBody");
		tr = lay_tag_elem(L, r ? tp->body : lay_tag_elem(L, tp->table, "THead"), "TR");
		for (size_t c = 0; tr && c < g->ncols; c++) {
			tp->cells[c] = lay_tag_elem(L, tr, r ? "TD" : "TH");
			if (!r)
				lay_tag_attr(L, tp->cells[c], "Table", "Scope", "Column");
		}
	}
	lay_tag_use(L, tp->table); /* the row's tint is then a plain artifact */
	return tp->cells;
}

/* Lines from..to-1 of row r at the cursor: background, then each cell's
 * lines aligned in its column. */
static void draw_row(struct lay *L, const struct grid *g, struct tprep *tp, size_t r,
		     size_t from, size_t to)
{
	double h = (double)(to - from) * lay_style.cell.leading + 2 * lay_style.cell_pad;
	double x = L->left;

	const struct textflow *row = flow_row(L, g, tp, r);

	if (!row)
		return;
	hpdf_tag_id *cells = row_tags(L, g, tp, r);
	if (r == 0)
		lay_fill_rect(L, L->left, L->y - h, tp->tw, h, lay_style.head_bg);
	else if (r % 2 == 0)
		lay_fill_rect(L, L->left, L->y - h, tp->tw, h, lay_style.zebra);
	struct text_state ts;
	lay_text_begin(L, &ts);
	for (size_t c = 0; c < g->ncols; c++) {
		const struct textflow *tf = &row[c];
		double inner = tp->colw[c] - 2 * lay_style.cell_pad, rpad;
		struct cell_text t;
		const struct inlines *in = grid_cell(L, g, r, c, &t, &rpad);
		if (cells)
			lay_tag_use(L, cells[c]);
		for (size_t i = from; i < to && i < tf->nlines; i++) {
			double top = L->y - lay_style.cell_pad -
				     (double)(i - from) * lay_style.cell.leading;
			double dx = 0, slack = inner - tf->lines[i].width;
			if (g->align[c] == ALIGN_RIGHT)
				dx = slack - rpad;
			else if (g->align[c] == ALIGN_CENTER)
				dx = slack / 2;
			lay_draw_line(L, in, tf, i, x + lay_style.cell_pad + dx,
				      lay_baseline(&lay_style.cell, top), &lay_style.cell, &ts);
		}
		x += tp->colw[c];
	}
	lay_text_end(L);
	L->y -= h;
	if (r == 0)
		lay_hrule(L, L->left, L->left + tp->tw, L->y + lay_style.head_rule / 2,
			  lay_style.head_rule, lay_style.head_rule_color);
	L->at_top = 0;
}

/* A new page that continues the table: the header row again. */
static int table_continue(struct lay *L, const struct grid *g, struct tprep *tp)
{
	if (lay_page_new(L))
		return -1;
	draw_row(L, g, tp, 0, 0, tp->rowl[0]);
	return 0;
}

/* A row taller than a page: as many of its lines as fit on each page. */
static int draw_tall_row(struct lay *L, const struct grid *g, struct tprep *tp, size_t r)
{
	size_t from = 0, n = tp->rowl[r];

	while (from < n) {
		size_t fit = lay_lines_left(L, lay_style.cell.leading, 2 * lay_style.cell_pad), to;
		if (fit == 0) {
			if (table_continue(L, g, tp))
				return -1;
			fit = lay_lines_left(L, lay_style.cell.leading, 2 * lay_style.cell_pad);
			if (fit == 0)
				fit = 1;
		}
		to = from + fit < n ? from + fit : n;
		draw_row(L, g, tp, r, from, to);
		from = to;
		if (from < n && table_continue(L, g, tp))
			return -1;
	}
	return 0;
}

/* Draw a prepared table at the cursor (the caller has made room for the
 * header and first rows).  A row that does not fit goes to the next page
 * under a repeated header; `tail` is kept with the last row (source note),
 * and the last row is not left alone on a page when two rows can go. */
static int draw_table(struct lay *L, const struct grid *g, struct tprep *tp, double tail)
{
	size_t placed = 0; /* body rows on this page */

	draw_row(L, g, tp, 0, 0, tp->rowl[0]);
	for (size_t r = 1; r < g->nrows; r++, placed++) {
		double need = tp->rowh[r] + (r + 1 == g->nrows ? tail : 0);
		if (r + 2 == g->nrows && placed >= 2 &&
		    L->y - need >= L->bottom - 0.01 &&
		    L->y - need - tp->rowh[r + 1] - tail < L->bottom - 0.01)
			need += tp->rowh[r + 1] + tail;
		if (L->y - need < L->bottom - 0.01) {
			placed = 0;
			if (tp->rowh[r] > lay_page_room(L) - tp->rowh[0]) {
				if (draw_tall_row(L, g, tp, r))
					return -1;
				continue;
			}
			if (table_continue(L, g, tp))
				return -1;
		}
		draw_row(L, g, tp, r, 0, tp->rowl[r]);
	}
	lay_hrule(L, L->left, L->left + tp->tw, L->y, lay_style.end_rule,
		  lay_style.end_rule_color);
	L->gap = lay_style.figure_space;
	return lay_failed(L);
}

/* Height of the table's start that must not be split: the header and the
 * first two rows (all of a table of three rows or fewer).  It reads the
 * heights of rows 0..TABLE_LEAD_ROWS-1 at most. */
#define TABLE_LEAD_ROWS 4

static double table_lead(const struct grid *g, const struct tprep *tp)
{
	double h = tp->rowh[0];

	for (size_t r = 1; r < g->nrows && (r <= 2 || g->nrows <= 4); r++)
		h += tp->rowh[r];
	return h;
}

/* A table with optional lines above it (caption, chart title, subtitle: set
 * as given) and a note below; the lines above stay with the table's start. */
struct table_texts {
	struct inlines above[2];
	const struct type *above_type[2];
	unsigned above_style[2];
	struct inlines note;  /* n == 0: none */
};

/* Height of the lines above a table, and the flows for them. */
static int texts_above(struct lay *L, const struct table_texts *tt, struct textflow *tf,
		       double *h)
{
	*h = 0;
	for (int i = 0; i < 2; i++) {
		if (!tt->above[i].n)
			continue;
		if (lay_flow(L, &tf[i], &tt->above[i], tt->above_style[i], tt->above_type[i]->size,
			 L->right - L->left))
			return -1;
		*h += tf[i].nlines * tt->above_type[i]->leading;
	}
	if (*h > 0)
		*h += lay_style.caption_gap;
	return 0;
}

/* A whole table block: texts above, the table, the note; `lead` (if not NULL)
 * only measures what must stay together at its start. */
static int table_block(struct lay *L, const struct grid *g, const struct table_texts *tt,
		       double *lead)
{
	struct tprep tp = { 0 };
	struct textflow above[2] = { { 0 } }, note = { 0 };
	double ha = 0, hn = 0;
	int rc;

	if (g->ncols == 0 || g->nrows == 0)
		return 0;
	rc = table_prepare(L, g, &tp, lead ? TABLE_LEAD_ROWS : g->nrows);

	if (!rc)
		rc = texts_above(L, tt, above, &ha);
	if (!rc && tt->note.n) {
		rc = lay_flow(L, &note, &tt->note, RUN_ITALIC, lay_style.note.size,
			      L->right - L->left);
		hn = lay_style.note_gap + note.nlines * lay_style.note.leading;
	}
	if (!rc && lead)
		*lead = ha + table_lead(g, &tp);
	if (!rc && !lead)
		rc = lay_open_block(L, lay_style.figure_space, ha + table_lead(g, &tp));
	size_t page0 = L->page_no;
	double top = L->y;
	if (!rc && !lead) {
		tp.table = lay_tag_block(L, "Table");
		if (ha > 0)
			lay_tag_use(L, lay_tag_elem(L, tp.table, "Caption"));
	}
	for (int i = 0; !rc && !lead && i < 2; i++)
		if (tt->above[i].n)
			lay_draw_chunk(L, &tt->above[i], &above[i], 0, above[i].nlines, L->left,
				   tt->above_type[i], NULL);
	if (!rc && !lead && ha > 0)
		L->y -= lay_style.caption_gap;
	if (!rc && !lead)
		rc = draw_table(L, g, &tp, hn);
	if (!rc && !lead && L->page_no == page0) /* a table on one page: its box */
		lay_tag_bbox(L, tp.table, L->left, L->y, L->left + tp.tw, top);
	if (!rc && !lead && note.nlines) {
		L->y -= lay_style.note_gap;
		lay_tag_block(L, "P");
		rc = lay_place_lines(L, &tt->note, &note, L->left, &lay_style.note, NULL);
		L->gap = lay_style.figure_space;
	}
	tprep_free(&tp, g->ncols);
	textflow_free(&above[0]);
	textflow_free(&above[1]);
	textflow_free(&note);
	return rc;
}

/* "Source: …" from the table's source:, else the CSV's source column
 * (every source: a table's note may be long, unlike a chart's), then
 * "Illustrative data." when the data says so (in the document's language).
 * NULL when there is neither. */
static const char *source_note(struct lay *L, const struct table_block *tb)
{
	const struct query *q = &tb->q;
	const struct lang *lg = lay_lang(L);
	char *given[1] = { tb->source };
	char *const *src = tb->source ? given : q->res.sources;
	size_t nsrc = tb->source ? 1 : q->res.nsources;
	size_t n = 16 + strlen(lg->source_one) + strlen(lg->illustrative);
	for (size_t i = 0; i < nsrc; i++)
		n += strlen(src[i]) + 2;
	char *s = malloc(n);
	if (!s)
		return lay_own(L, NULL);
	s[0] = '\0';
	if (nsrc) {
		strcpy(s, lg->source_one);
		for (size_t i = 0; i < nsrc; i++)
			strcat(strcat(s, i ? "; " : ""), src[i]);
	}
	if (q->res.illustrative) {
		size_t len = strlen(s);
		if (len)
			strcat(s, s[len - 1] == '.' ? " " : ". ");
		strcat(s, lg->illustrative);
	}
	if (!*s) {
		free(s);
		return NULL;
	}
	return lay_own(L, s);
}

/* The widest fraction (decimal point and digits) of numeric column c, its
 * numbers written in the document's style (restyled, unless styled says
 * they are already): the cells of a column aligned on the decimal point
 * each get, right of them, what their fraction falls short of it
 * (grid_cell).  0 for a column of whole numbers (nothing to restyle or
 * align). */
static double widest_fraction(struct lay *L, const char *const *cells, size_t nc, size_t nr,
			      size_t c, int styled)
{
	const struct num_style *ns = &lay_lang(L)->num;
	double maxf = 0;
	char buf[256];

	for (size_t r = 0; r < nr; r++) {
		const char *s = cells[r * nc + c];
		double w = frac_width(L, styled ? s : num_restyle(buf, sizeof buf, ns, s));
		if (w > maxf)
			maxf = w;
	}
	return maxf;
}

/* A column whose non-empty cells all read as numbers (num_parse); an
 * all-empty column is not.  A cell of nothing but spaces (quoted in the
 * CSV: libcsv trims unquoted ones) is empty too: missing, not text. */
static int numeric_column(const char *const *cells, size_t nc, size_t nr, size_t c)
{
	int numeric = 0;

	for (size_t r = 0; r < nr; r++) {
		const char *cell = cells[r * nc + c];
		double v;
		if (!cell || !cell[strspn(cell, " \t")])
			continue;
		if (num_parse(cell, strlen(cell), &v))
			return 0;
		numeric = 1;
	}
	return numeric;
}

/* How a table of strings sets its columns: given alignments, or numeric
 * columns found (right-aligned, the header too) and, when decimal, their
 * CSV numbers written with the document's decimal point and aligned on it;
 * fmt (NULL = all COL_AUTO) says how a data table's formats: wrote each
 * column: a number format's column is right-aligned on its decimal point
 * as written, a date's left, one shown as written ("-") is right-aligned
 * when numeric but not restyled. */
struct strings_cols {
	const enum cell_align *align;
	int decimal;
	const enum col_format *fmt;
};

/* Column c's alignment, fraction and whether its cells are styled. */
static void set_column(struct lay *L, const struct strings_cols *sc, const char *const *cells,
		       size_t nc, size_t nr, size_t c, enum cell_align *al, double *frac,
		       unsigned char *styled)
{
	enum col_format f = sc->fmt ? sc->fmt[c] : COL_AUTO;

	*al = sc->align ? sc->align[c] : ALIGN_LEFT;
	if (sc->align || f == COL_DATE)
		return;
	if (f == COL_NUMBER) {
		*al = ALIGN_RIGHT;
		*styled = 1;
		*frac = widest_fraction(L, cells, nc, nr, c, 1);
	} else if (numeric_column(cells, nc, nr, c)) {
		*al = ALIGN_RIGHT;
		if (sc->decimal && f == COL_AUTO)
			*frac = widest_fraction(L, cells, nc, nr, c, 0);
	}
}

/* A table of strings: body cells[nr * nc] under header[nc], its columns
 * set by sc; a caption above and a note below when given. */
static int strings_table(struct lay *L, size_t nc, size_t nr, const char *const *header,
			 const char *const *cells, const struct strings_cols *sc,
			 const struct col_width *widths, const char *caption, const char *note,
			 double *lead)
{
	struct table_texts tt = { 0 };
	struct run texts[2];
	enum cell_align *al = malloc((nc ? nc : 1) * sizeof *al);
	double *frac = calloc(nc ? nc : 1, sizeof *frac);
	unsigned char *styled = calloc(nc ? nc : 1, 1);
	int rv = 0;

	if (!al || !frac || !styled) {
		free(al);
		free(frac);
		free(styled);
		L->oom = 1;
		return -1;
	}
	for (size_t c = 0; c < nc; c++)
		set_column(L, sc, cells, nc, nr, c, &al[c], &frac[c], &styled[c]);
	struct grid g = { nc, nr + 1, NULL, header, cells, al, frac, styled, widths };
	if (caption) {
		lay_one_run(&texts[0], &tt.above[0], caption, RUN_BOLD);
		tt.above_type[0] = &lay_style.caption;
	}
	if (note)
		lay_one_run(&texts[1], &tt.note, note, 0);
	rv = table_block(L, &g, &tt, lead);
	free(al);
	free(frac);
	free(styled);
	return rv ? -1 : lay_failed(L);
}

/* A data table (```table): the kept CSV columns (sorted, cut and
 * formatted by spec_rows.c), numbers right-aligned on the decimal point
 * (aligning single numeric cells of a text column would leave it ragged, so
 * only whole numeric columns are), the source note. */
int lay_data_table(struct lay *L, const struct table_block *tb, double *lead)
{
	const struct query *q = &tb->q;
	const char *note = source_note(L, tb);
	struct strings_cols sc = { NULL, 1, tb->col_fmt };

	if (L->oom)
		return -1;
	return strings_table(L, q->ncolumns, q->res.nrows,
			     (const char *const *)(tb->headers ? tb->headers : q->columns),
			     (const char *const *)q->res.cells, &sc, tb->widths, tb->caption,
			     note, lead);
}

int lay_string_table(struct lay *L, size_t ncols, size_t nrows, const char *const *cells,
		     const enum cell_align *align, const struct col_width *widths,
		     const char *caption, double *lead)
{
	struct strings_cols sc = { align, 0, NULL };

	return strings_table(L, ncols, nrows, cells, cells + ncols, &sc, widths, caption, NULL,
			     lead);
}

/* A pipe table written in the Markdown, its alignments as given. */
int lay_pipe_table(struct lay *L, const struct pipe_table *pt, double *lead)
{
	size_t n = pt->ncols;
	enum cell_align *al = malloc((n ? n : 1) * sizeof *al);
	struct table_texts tt = { 0 };
	int rc;

	if (!al) {
		L->oom = 1;
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		enum cell_align a = pt->align ? pt->align[i] : ALIGN_DEFAULT;
		al[i] = a == ALIGN_DEFAULT ? ALIGN_LEFT : a;
	}
	struct grid g = { pt->ncols, pt->nrows + 1, pt->cells, NULL, NULL, al, NULL, NULL, NULL };
	rc = table_block(L, &g, &tt, lead);
	free(al);
	return rc;
}
