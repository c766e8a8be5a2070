/* layout_int — private to the layout module: the house style, the layout
 * context and the primitives the block files share.  Not a public
 * interface.
 *
 * Calls go one way, from the top down, never back up:
 *   layout.c          the driver: the document from start to save
 *   layout_cover.c    the cover page          } the block files; a file
 *   layout_nav.c      contents, heads, links  } calls only files below it
 *   layout_sources.c  the sources page        } in this list (cover and
 *   layout_block.c    headings, text blocks   } the driver call blocks;
 *   layout_table.c    tables                  } nav and sources call
 *   layout_tiles.c    key-figure tiles        } headings and tables)
 *   layout_chart.c    charts (render_pdf)     }
 *   layout_draw.c     drawing text, strings and rules, flowing text
 *   layout_page.c     the state: pages, fonts, measuring, failure
 *   layout_tag.c      the structure tree and marking what is drawn
 *   layout_style.c    the house style (data)
 *   hpdf_tag.c, hpdf_fix.c  the libharu workarounds, then libharu itself. */
#ifndef BRIEFING_LAYOUT_INT_H
#define BRIEFING_LAYOUT_INT_H

#include <stddef.h>

#include <hpdf.h>

#include "grow.h"
#include "hpdf_tag.h"
#include "layout.h"
#include "doc.h"
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

/* The house style (doc/LOOK.md): every size, margin and colour in one
 * place. */
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
	struct type note;         /* source notes under data tables */
	double note_gap;            /* note below its table */
	double link_ascent, link_descent; /* link rectangle around the baseline, in sizes */
	/* the cover page */
	struct type cover_title, cover_sub, cover_byline;
	double cover_drop;          /* text area top to the accent bar */
	double cover_bar_w, cover_bar_h, cover_bar_gap; /* accent bar above the title */
	double cover_sub_gap;       /* title to subtitle */
	double cover_byline_gap;    /* subtitle to the date and author lines */
	double cover_after;         /* byline to the tiles and what follows */
	/* key-figure tiles */
	struct type tile_num;       /* the big number (bold, accent) */
	struct type tile_cap;       /* its caption */
	double tile_num_min;        /* smallest number size when shrinking to fit */
	struct rgb tile_bg;
	double tile_pad, tile_gap;  /* inside a tile; between tiles */
	double tile_cap_gap;        /* number to caption */
	double tile_after;          /* space after a strip of tiles */
	/* the contents list */
	struct type toc1, toc2;     /* entries for H1 (bold) and H2 */
	double toc_indent;          /* H2 entries */
	double toc_num_w;           /* column of page numbers */
	double toc1_before, toc2_before; /* space above an entry */
	struct rgb leader;          /* dot leaders */
	double leader_step;         /* dot to dot */
};

/* The one house style (layout_style.c). */
extern const struct style lay_style;

/* One page and the section named in its header. */
struct page_rec {
	HPDF_Page page;
	const char *section; /* plain text of the H1 in force, or NULL */
	int section_here;    /* an H1 started on this page (it names the page) */
};

/* Keys of headings that no block of the spec wrote. */
#define KEY_NONE ((size_t)-1)      /* no contents entry */
#define KEY_SOURCES ((size_t)-2)   /* the sources page */
#define KEY_CONTENTS ((size_t)-3)  /* the contents list */

/* The tagging of one layout (layout_tag.c): what the text drawn next is
 * (an element, or an artifact of a kind), the marked-content sequence open
 * on a page, and the inline element (Link, Span) of the text being drawn. */
struct lay_tags {
	struct hpdf_tag *tree;      /* the document's structure tree */
	hpdf_tag_id cur;            /* element of the text drawn next; 0: artifact */
	const char *art[2];         /* when cur is 0: the artifact's type, subtype
				       (NULL, NULL: a plain one) */
	int open;                   /* 0 nothing open, 1 an element's, 2 an artifact */
	hpdf_tag_id open_elem;      /* the element open */
	const char *open_art[2];    /* the artifact open */
	size_t open_page;           /* the page it is open on */
	int open_in_text;           /* opened inside a text object (closed at its ET) */
	int in_text;                /* a text object is open */
	const struct inlines *inl_in; /* the text of the last inline element */
	const struct run *inl_run;  /*   its last run */
	hpdf_tag_id inl;            /*   the element (a kid of cur) */
	struct hpdf_tag_saved saved; /* a page's streams while drawing into a slot */
};

/* A heading placed: which (block index or KEY_*), its page and destination. */
struct head_rec {
	size_t key;
	size_t page;
	HPDF_Destination dst;
};

/* A contents entry: space reserved while laying out, drawn at the end. */
struct toc_slot {
	size_t key;        /* the heading it lists (struct head_rec key) */
	const char *text;  /* the heading's plain text */
	int level;         /* 1 or 2 */
	size_t page;       /* where the entry is drawn */
	double y;          /* top of the entry */
	HPDF_Dict stream;  /* the content stream it is drawn into (read where the
			      list is, though drawn last), shared by the
			      entries of one page */
};

/* A heading's anchor and where it is, for #links. */
struct anchor_rec {
	const char *anchor;
	HPDF_Destination dst;
	const char *text;    /* the heading's plain text (a link's description) */
};

/* A link to #anchor, resolved once every heading is placed. */
struct link_rec {
	size_t page;
	HPDF_Rect rect;
	const char *anchor;
	hpdf_tag_id elem;  /* its Link element */
};

/* A simple growable array. */
#define VEC(T) struct { T *v; size_t n, cap; }

struct hpdf_font_file;

struct lay {
	HPDF_Doc pdf;
	HPDF_Font font[4];          /* by enum tf_face, loaded on first use (NULL before) */
	struct hpdf_font_file *font_file[4]; /* the copy of each face's file libharu
					        reads from (freed after HPDF_Free) */
	int font_failed;            /* 1 + the face that failed to load, or 0 */
	HPDF_STATUS err, detail;    /* first libharu error, 0 = none */
	int oom;                    /* out of memory */
	const struct doc *doc;
	const struct layout_options *opt;
	struct tf_measurer meas;    /* widths from the fonts above */
	double pw, ph;              /* page size */
	double left, right, top, bottom; /* text area */
	HPDF_Page page;             /* current page */
	size_t page_no;             /* its index in pages */
	double y;                   /* top of the free space on it */
	int at_top;                 /* nothing placed on it yet */
	double gap;                 /* space owed after the previous block */
	int break_due;              /* a page break waits for the next block */
	const char *section;        /* plain text of the current H1 */
	HPDF_Outline outline[3];    /* last bookmark at each heading level */
	VEC(struct page_rec) pages;
	VEC(struct anchor_rec) anchors;
	VEC(struct link_rec) links;
	VEC(struct head_rec) heads;  /* every heading placed, in order */
	VEC(struct toc_slot) toc;    /* the contents list's entries */
	size_t cover_pages;         /* pages before the body: 1 with a cover, else 0 */
	size_t first_body;          /* first block of the body (blocks before it go on the cover) */
	VEC(char *) owned;          /* strings freed at the end */
	struct lay_tags tags;       /* the structure tree */
	hpdf_tag_id toc_elem;       /* the contents list's TOC element */
};

/* The document's language (locale: front matter): month names are already
 * in opt->date_text; numbers and fixed words come from here. */
static inline const struct lang *lay_lang(const struct lay *L)
{
	return lang_or_default(L->doc->front.lang);
}

#define VEC_PUSH(L, vec, item) \
	(grow_array(&(vec).v, &(vec).cap, (vec).n + 1, sizeof *(vec).v) \
	 ? ((L)->oom = 1, -1) : ((vec).v[(vec).n++] = (item), 0))

/* What goes beside a text block's lines. */
struct deco {
	const char *marker; /* list marker on the first line, or NULL */
	double marker_x;    /* its left edge (or right edge if marker_right) */
	int marker_right;
	double rule_x;      /* quote: a rule at this x beside every line, 0 = none */
	hpdf_tag_id marker_elem; /* the marker's element (Lbl), or 0 */
};

/* layout_page.c: the state of one layout */

/* A new layout of doc (geometry from its paper, a libharu document whose
 * errors are recorded in the context); NULL when out of memory.  L->pdf is
 * NULL when libharu could not make a document. */
struct lay *lay_new(const struct doc *doc, const struct layout_options *opt);
/* The libharu document and everything the layout kept (NULL is ok). */
void lay_free(struct lay *L);
/* -1 if libharu or malloc failed so far (the caller then stops), else 0. */
int lay_failed(const struct lay *L);
/* The recorded failure as a diagnostic. */
void lay_fail_diag(const struct lay *L, struct diag *d);
/* Keep a malloc'ed string until the end of the layout; NULL (and out of
 * memory recorded) when s is NULL or cannot be kept. */
const char *lay_own(struct lay *L, char *s);
/* Check the four faces' files before anything is laid out. */
int lay_fonts_check(struct lay *L, struct diag *d);
/* The libharu font of a face (enum tf_face), loaded on first use; NULL
 * once loading a face has failed. */
HPDF_Font lay_font(struct lay *L, int face);
/* Trim every face loaded to the glyphs used (after the last text). */
int lay_fonts_trim(struct lay *L);
double lay_text_width(struct lay *L, int face, double size, const char *s);
/* s, shortened with "…" so it fits in maxw points (an owned copy if cut). */
const char *lay_fit_string(struct lay *L, int face, double size, const char *s,
			   double maxw);
int lay_page_new(struct lay *L);
/* Go back to page i (index in pages) to draw on it. */
void lay_page_go(struct lay *L, size_t i);
int lay_open_block(struct lay *L, double before, double need);
size_t lay_lines_left(const struct lay *L, double leading, double reserve);
double lay_page_room(const struct lay *L);

/* layout_draw.c: drawing and flowing text */
const char *lay_plain_text(struct lay *L, const struct inlines *in);
void lay_one_run(struct run *r, struct inlines *in, const char *text, unsigned style);
void lay_fill_rect(struct lay *L, double x, double y, double w, double h, struct rgb c);
void lay_hrule(struct lay *L, double x0, double x1, double y, double w, struct rgb c);
int lay_flow(struct lay *L, struct textflow *tf, const struct inlines *in,
	     unsigned base, double size, double width);
/* What one text object (BT .. ET) has set so far: lines drawn into it set
 * the font and the colour only when they change (a table row's cells share
 * one object: a cell's text is then about 40 bytes of page content, not
 * 90, and a 20,000-row table's pages take half the memory). */
struct text_state {
	int face;          /* the font set, -1 = none yet */
	struct rgb color;  /* the fill set, when has_color */
	int has_color;
};

/* Open / close a text object on the current page for lay_draw_line. */
void lay_text_begin(struct lay *L, struct text_state *ts);
void lay_text_end(struct lay *L);
/* A plain string inside the text object ts, with its left edge (align 0),
 * right edge (2) or centre (1) at x, baseline y. */
void lay_show_string(struct lay *L, struct text_state *ts, int face, const struct type *t,
		     double x, double y, const char *s, int align);

/* Line li of tf, left edge x, baseline base, in setting t: inside the text
 * object ts (lay_text_begin), or in one of its own when ts is NULL. */
void lay_draw_line(struct lay *L, const struct inlines *in, const struct textflow *tf,
		   size_t li, double x, double base, const struct type *t,
		   struct text_state *ts);
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
/* A heading of `level` (1-3) kept with `next` points of what follows: a
 * bookmark, a target for #anchor (may be NULL), an H1 names its pages; key
 * (a block index or KEY_*) finds it again for the contents list. */
int lay_heading(struct lay *L, const struct inlines *in, int level, const char *anchor,
		double next, size_t key);
/* A code-style box of text lines (tabs expanded); lead != NULL: measure only. */
int lay_code_block(struct lay *L, const char *code, double *lead);
/* The page of the heading with this key, or (size_t)-1. */
size_t lay_head_page(const struct lay *L, size_t key, HPDF_Destination *dst);

/* layout_cover.c: the cover page */
int lay_cover(struct lay *L);

/* layout_tiles.c: the key-figure tiles of a figures block (same lead
 * convention as tables) */
int lay_figures(struct lay *L, const struct figures_block *fb, double *lead);

/* layout_nav.c: contents list (reserved, then drawn), links to #anchors,
 * running heads, page labels and the viewer's opening state */
int lay_toc_reserve(struct lay *L);
int lay_toc_draw(struct lay *L);
int lay_links_resolve(struct lay *L);
int lay_running_heads(struct lay *L);
int lay_navigation(struct lay *L);

/* layout_sources.c: the generated sources page (sources: yes, or by default
 * when the document reads any CSV); file errors go to d */
int lay_sources_wanted(const struct lay *L);
int lay_sources(struct lay *L, struct diag *d);

/* layout_table.c: tables; with lead != NULL they only measure what must
 * stay together at their start (kept with a heading) */
int lay_pipe_table(struct lay *L, const struct pipe_table *pt, double *lead);
int lay_data_table(struct lay *L, const struct table_block *tb, double *lead);
/* A table of plain strings: cells[(1 + nrows) * ncols], row 0 the header;
 * align per column; widths per column or NULL; caption or NULL. */
int lay_string_table(struct lay *L, size_t ncols, size_t nrows, const char *const *cells,
		     const enum cell_align *align, const struct col_width *widths,
		     const char *caption, double *lead);

/* layout_chart.c: block bi's chart scene, kept whole on one page (same
 * lead convention) */
int lay_chart(struct lay *L, size_t bi, double *lead);

/* layout_tag.c: the structure tree (tagged PDF) */
int lay_tag_start(struct lay *L);
void lay_tag_free(struct lay *L);
/* Register the page just added (the last of pages). */
int lay_tag_page(struct lay *L, HPDF_Page page);
/* A new element of `type` under parent (0: the Document), kids in the
 * order made; lay_tag_block also makes it what the text drawn next is. */
hpdf_tag_id lay_tag_elem(struct lay *L, hpdf_tag_id parent, const char *type);
hpdf_tag_id lay_tag_block(struct lay *L, const char *type);
/* The text drawn next belongs to elem / is an artifact (type and subtype
 * as /Artifact's properties, NULL for none: a plain one). */
void lay_tag_use(struct lay *L, hpdf_tag_id elem);
void lay_tag_artifact(struct lay *L, const char *type, const char *subtype);
/* An element's text entry (/Alt, /T, /Lang), its attribute, its BBox. */
void lay_tag_set(struct lay *L, hpdf_tag_id elem, const char *key, const char *value);
void lay_tag_attr(struct lay *L, hpdf_tag_id elem, const char *owner, const char *key,
		  const char *value);
void lay_tag_bbox(struct lay *L, hpdf_tag_id elem, double x0, double y0, double x1, double y1);
/* The element of run `run` of in, drawn now: its Link (href) or Span
 * (lang) under the current element, made when its text starts, or the
 * current element. */
hpdf_tag_id lay_tag_inline(struct lay *L, const struct inlines *in, size_t run);
/* Make elem of another type (a Link that links nowhere: a Span). */
void lay_tag_retype(struct lay *L, hpdf_tag_id elem, const char *type);
/* Annotation a on page is elem's (a Link). */
void lay_tag_link(struct lay *L, size_t page, hpdf_tag_id elem, HPDF_Annotation a);
/* Mark what is painted next on the current page: text of elem (0: the
 * current artifact) inside a text object; a path (an artifact) outside. */
void lay_mark_text(struct lay *L, hpdf_tag_id elem);
void lay_mark_path(struct lay *L);
/* A text object begins / ends (lay_text_begin, lay_text_end). */
void lay_mark_text_begin(struct lay *L);
void lay_mark_text_end(struct lay *L);
/* Close the sequence open (before a page or a stream changes). */
void lay_mark_close(struct lay *L);
/* A content-stream slot on the current page; draw into it later. */
HPDF_Dict lay_tag_slot(struct lay *L);
void lay_tag_slot_enter(struct lay *L, HPDF_Dict slot);
void lay_tag_slot_leave(struct lay *L);
/* Number the tree's elements: the last step before saving. */
int lay_tag_finish(struct lay *L);

#endif
