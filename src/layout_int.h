/* layout_int — private to the layout module (layout.c, layout_block.c,
 * layout_table.c): the house style, the layout context and the drawing
 * primitives the block files share.  Not a public interface. */
#ifndef BRIEFING_LAYOUT_INT_H
#define BRIEFING_LAYOUT_INT_H

#include <stddef.h>

#include <hpdf.h>

#include "layout.h"
#include "spec.h"
#include "textflow.h"

struct rgb {
	float r, g, b;
};

#define HEX(c) { ((c) >> 16 & 0xff) / 255.0f, ((c) >> 8 & 0xff) / 255.0f, \
		 ((c) & 0xff) / 255.0f }
#define MM(x) ((x) * 72.0 / 25.4)

/* A text setting. */
struct type {
	double size;      /* font size, pt */
	double leading;   /* baseline to baseline, pt */
	struct rgb color; /* text colour */
};

/* The house style (LOOK.md): every size, margin and colour in one place. */
struct style {
	double page_a4[2], page_letter[2];  /* width, height in pt */
	double margin_left, margin_right, margin_top, margin_bottom;
	double ascent;            /* baseline below a line's top, in sizes, plus half the spare leading */
	struct type body;         /* paragraphs */
	double para_after;        /* space after a paragraph or list */
	double figure_space;      /* space around tables, charts and code blocks */
	struct type h[3];         /* H1, H2, H3 (bold) */
	double h_before[3], h_after[3];
	double h1_rule, h1_rule_gap; /* accent rule under H1: width, gap above */
	struct rgb accent;        /* rules, links */
	struct rgb code_fg;       /* inline code */
	struct type title, subtitle, byline; /* title block on page 1 */
	double subtitle_gap, byline_gap, title_after;
	struct type header, footer;
	double header_base;       /* header baseline above the text area's top */
	double header_rule, header_rule_gap; /* hairline under the header */
	struct rgb hairline;
	double footer_base;       /* footer baseline above the page's bottom edge */
	double list_indent_min;   /* hang of a bullet: marker to text */
	double list_number_gap;   /* number label to text */
	double list_gap;          /* space between items */
	const char *bullets[3];   /* by depth, repeating */
	struct type cell;         /* table cells */
	double cell_pad;
	struct rgb head_bg, zebra;
	double head_rule, end_rule;
	struct rgb head_rule_color, end_rule_color;
	struct type caption;      /* data table caption, above */
	double caption_gap;
	struct type code;         /* code blocks */
	double code_pad;
	struct rgb code_bg;
	int tab_width;            /* code blocks: spaces per tab stop */
	struct type quote;        /* block quotes (italic) */
	double quote_indent, quote_rule;
	struct rgb quote_rule_color;
	struct type chart_title, chart_sub, note;
	double note_gap;            /* note below its table */
	double link_ascent, link_descent; /* link rectangle around the baseline, in sizes */
};

/* The one house style, defined in layout.c; S is its short name here. */
extern const struct style lay_style;
#define S lay_style

/* One page and the section named in its header. */
struct page_rec {
	HPDF_Page page;
	const char *section; /* plain text of the H1 in force, or NULL */
	int section_here;    /* an H1 started on this page (it names the page) */
};

/* A heading's anchor and where it is, for #links. */
struct anchor_rec {
	const char *anchor;
	HPDF_Destination dst;
};

/* A link to #anchor, resolved once every heading is placed. */
struct link_rec {
	size_t page;
	HPDF_Rect rect;
	const char *anchor;
};

/* A simple growable array. */
#define VEC(T) struct { T *v; size_t n, cap; }

struct lay {
	HPDF_Doc pdf;
	HPDF_Font font[4];          /* by enum tf_face */
	HPDF_STATUS err, detail;    /* first libharu error, 0 = none */
	int oom;                    /* out of memory */
	const struct doc *doc;
	const struct layout_options *opt;
	struct tf_measurer meas;    /* widths from the fonts above */
	double pw, ph;              /* page size */
	double left, right, top, bottom; /* text area */
	HPDF_Page page;             /* current page */
	double y;                   /* top of the free space on it */
	int at_top;                 /* nothing placed on it yet */
	double gap;                 /* space owed after the previous block */
	int break_due;              /* a page break waits for the next block */
	const char *section;        /* plain text of the current H1 */
	HPDF_Outline outline[3];    /* last bookmark at each heading level */
	VEC(struct page_rec) pages;
	VEC(struct anchor_rec) anchors;
	VEC(struct link_rec) links;
	VEC(char *) owned;          /* strings freed at the end */
	char *buf;                  /* scratch for NUL-terminated text */
	size_t bufcap;
};

#define VEC_PUSH(L, vec, item) \
	(lay_vec_grow((void **)&(vec).v, &(vec).cap, (vec).n, sizeof *(vec).v) \
	 ? ((L)->oom = 1, -1) : ((vec).v[(vec).n++] = (item), 0))

/* What goes beside a text block's lines. */
struct deco {
	const char *marker; /* list marker on the first line, or NULL */
	double marker_x;    /* its left edge (or right edge if marker_right) */
	int marker_right;
	double rule_x;      /* quote: a rule at this x beside every line, 0 = none */
};

/* layout.c: context, pages, text */
int lay_vec_grow(void **v, size_t *cap, size_t n, size_t size);
int lay_failed(const struct lay *L);
double lay_text_width(struct lay *L, int face, double size, const char *s);
const char *lay_own(struct lay *L, char *s);
const char *lay_plain_text(struct lay *L, const struct inlines *in);
void lay_one_run(struct run *r, struct inlines *in, const char *text, unsigned style);
void lay_fill_rect(struct lay *L, double x, double y, double w, double h, struct rgb c);
void lay_hrule(HPDF_Page p, double x0, double x1, double y, double w, struct rgb c);
void lay_draw_string(struct lay *L, HPDF_Page p, int face, const struct type *t,
		     double x, double y, const char *s, int align);
int lay_page_new(struct lay *L);
int lay_open_block(struct lay *L, double before, double need);
size_t lay_lines_left(const struct lay *L, double leading, double reserve);
double lay_page_room(const struct lay *L);
int lay_flow(struct lay *L, struct textflow *tf, const struct inlines *in,
	     unsigned base, double size, double width);
void lay_draw_line(struct lay *L, const struct inlines *in, const struct textflow *tf,
		   size_t li, double x, double base, const struct type *t);
double lay_baseline(const struct type *t, double top);
void lay_draw_chunk(struct lay *L, const struct inlines *in, const struct textflow *tf,
		    size_t first, size_t last, double x, const struct type *t,
		    const struct deco *deco);
int lay_place_lines(struct lay *L, const struct inlines *in, const struct textflow *tf,
		    double x, const struct type *t, const struct deco *deco);
double lay_text_lead(const struct textflow *tf, const struct type *t);
int lay_text_block(struct lay *L, const struct inlines *in, unsigned base,
		   const struct type *t, double x, double width, double before,
		   const struct deco *deco);

/* layout_block.c: the title block and every block of the document */
int lay_title(struct lay *L);
int lay_block(struct lay *L, size_t bi);

/* layout_table.c: tables; with lead != NULL they only measure what must
 * stay together at their start (kept with a heading) */
int lay_pipe_table(struct lay *L, const struct pipe_table *pt, double *lead);
int lay_data_table(struct lay *L, const struct table_block *tb, double *lead);

/* layout_chart.c: block bi's chart scene, kept whole on one page (same
 * lead convention) */
int lay_chart(struct lay *L, size_t bi, double *lead);

#endif
