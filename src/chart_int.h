/* chart_int — what the chart files share (chart.c: the frame and the public
 * entry points; chart_text.c: text, wrapping and small drawing helpers;
 * chart_ticks.c: axis ticks; chart_pie.c: pie and donut; chart_axes.c: bar
 * and hbar; chart_line.c: line).  Private to src/chart*.c. */
#ifndef BRIEFING_CHART_INT_H
#define BRIEFING_CHART_INT_H

#include <stddef.h>

#include "chart.h"
#include "diag.h"

/* The chart style (doc/LOOK.md), every value in one place. */
struct chart_style {
	double title_size;      /* title, bold */
	double sub_size;        /* subtitle · unit line */
	double note_size;       /* source and other notes, italic */
	double tick_size;       /* tick and category labels */
	double value_size;      /* value labels on bars and lines */
	double legend_size;     /* legend entries */
	double pie_size;        /* pie labels (outside) */
	double pie_pct_size;    /* percentages inside slices, bold */
	double min_pie_size;    /* crowded pies shrink their labels down to this */
	double leading;         /* line height as a multiple of the size */
	struct rgba text;       /* titles and labels, #1a1a1a */
	struct rgba sub;        /* subtitle and notes, #666 */
	struct rgba tick;       /* tick labels, #555 */
	struct rgba label;      /* category labels and value labels, #333 */
	struct rgba baseline;   /* the zero line, #333 */
	struct rgba grid;       /* gridlines, #e3e3e3 */
	struct rgba leader;     /* pie leader lines, #999 */
	struct rgba white;      /* slice separators, light text */
	double baseline_width;  /* 0.75 pt */
	double grid_width;      /* 0.5 pt */
	double leader_width;    /* 0.5 pt */
	double separator_width; /* 1 pt between slices */
	double line_width;      /* series lines */
	double marker_radius;   /* line markers */
	double bar_share;       /* bar (or bar group) width / category band */
	double small_slice;     /* below this share a slice's label goes outside */
	double donut_hole;      /* inner radius / outer radius */
	double swatch;          /* legend swatch side */
	double gap;             /* the basic spacing unit, points */
	int max_ticks;          /* value axis intervals at most */
	int max_label_lines;    /* category labels wrap to at most this many lines */
};

extern const struct chart_style chart_style;

/* A rectangle in scene points. */
struct chart_box {
	double x0, y0, x1, y1; /* left, top, right, bottom */
};

/* The state of one chart_build call. */
struct chart_ctx {
	const struct chart_block *c;  /* the block drawn */
	const struct chart_style *st; /* its style */
	struct scene *s;              /* the scene being built */
	struct fonts *f;              /* the one metric source */
	struct diag *d;               /* errors */
	struct rgba *user;            /* colors: from the block, in order */
	size_t nuser;                 /* how many */
	struct chart_box plot;        /* what the frame leaves for the plot */
	const struct lang *lang;      /* numbers and fixed words (c->lang or English) */
	int failed;                   /* out of memory somewhere: give up at the end */
};

/* Lines of wrapped text (chart_wrap); free with chart_lines_free. */
struct chart_lines {
	char **v;  /* the lines, UTF-8 */
	size_t n;  /* how many */
};

/* ---- chart_text.c ----------------------------------------------------- */

double chart_text_width(struct chart_ctx *x, enum font_face face, double size, const char *s);
double chart_ascent(struct chart_ctx *x, enum font_face face, double size);
double chart_descent(struct chart_ctx *x, enum font_face face, double size);

/* Line height for text of `size` points. */
double chart_line_height(const struct chart_ctx *x, double size);

/* Add a level text run; on failure mark x->failed. */
void chart_text(struct chart_ctx *x, const char *s, enum font_face face, double size,
		double px, double py, enum scene_align align, const struct rgba *color);

/* Add a text run rotated by angle degrees counter-clockwise. */
void chart_text_rotated(struct chart_ctx *x, const char *s, enum font_face face,
			double size, double px, double py, enum scene_align align,
			double angle, const struct rgba *color);

/* Word-wrap s to lines no wider than maxw, at most maxlines lines (0 = no
 * limit); the last kept line ends in "…" when text is cut.  A word wider
 * than maxw is broken between characters when hard_break, else shortened
 * with "…".  Returns 0, or -1 when out of memory. */
int chart_wrap(struct chart_ctx *x, const char *s, enum font_face face, double size,
	       double maxw, size_t maxlines, int hard_break, struct chart_lines *out);

void chart_lines_free(struct chart_lines *l);

/* s shortened with "…" to fit maxw (a copy of s when it fits); NULL when
 * out of memory. */
char *chart_ellipsize(struct chart_ctx *x, const char *s, enum font_face face, double size,
		      double maxw);

/* Fill (and/or stroke) a rectangle given by two corners in any order. */
void chart_rect(struct chart_ctx *x, double x0, double y0, double x1, double y1,
		const struct rgba *fill, const struct rgba *stroke, double lw);

/* Stroke a straight segment. */
void chart_segment(struct chart_ctx *x, double x0, double y0, double x1, double y1,
		   const struct rgba *color, double lw);

/* Colour of series (or slice) i: the block's colors: first, then the
 * palette from there on, lighter once the palette is used up. */
struct rgba chart_series_color(const struct chart_ctx *x, size_t i);

/* White or dark text, whichever reads better on bg. */
const struct rgba *chart_text_on(const struct chart_ctx *x, const struct rgba *bg);

/* Draw a legend (swatch + name per series) left-aligned at the top of box,
 * wrapping to more rows when needed (only measuring when !draw); returns the
 * height it takes. */
double chart_legend(struct chart_ctx *x, const struct chart_box *box, const char *const *names,
		    size_t n, int draw);

/* Spread n intervals (centres want[i], heights h[i], sorted by want) so that
 * none overlaps the next (gap between them) and all lie in [lo, hi] if they
 * can; the result goes to got[].  Used for pie and line end labels.  Returns
 * 0, or -1 when they need more room than [lo, hi] (then they start at lo and
 * run past hi, still apart). */
int chart_spread(const double *want, const double *h, size_t n, double gap, double lo,
		  double hi, double *got);

/* ---- chart_ticks.c ---------------------------------------------------- */

/* The label of tick value v on an axis with steps of `step`: as many decimals
 * as the step needs, thousands grouped, a true minus sign. */
void chart_tick_label(char *buf, size_t size, const struct num_style *ns, double v,
		      double step);

/* A value label: num_format_auto (grouped, up to 2 decimals), a true minus
 * sign. */
void chart_value_label(char *buf, size_t size, const struct num_style *ns, double v);

/* ---- the chart types ---------------------------------------------------- */

int chart_pie(struct chart_ctx *x);   /* pie and donut (chart_pie.c) */

int chart_bars(struct chart_ctx *x);  /* bar and hbar (chart_axes.c) */
int chart_lines(struct chart_ctx *x); /* line (chart_line.c) */

/* ---- the category x series grid of bar and line charts (chart_axes.c) -- */

struct chart_grid {
	size_t ncat, nser;       /* categories (x), series (1 without series:) */
	const char **cat;        /* category labels, first-seen order */
	const char **ser;        /* series labels (ser[0] = "" without series:) */
	double *v;               /* ncat * nser values, v[cat * nser + ser] */
	unsigned char *has;      /* 1 where a group gave that value */
	unsigned char *other;    /* per category: the "Other" group of top: */
};

int chart_grid_build(const struct chart_block *c, struct chart_grid *g);

/* The number of categories and series chart_grid_build would find, without
 * building the grid (whose size is their product).  0 or -1 (out of memory). */
int chart_grid_count(const struct chart_block *c, size_t *ncat, size_t *nser);
void chart_grid_free(struct chart_grid *g);

/* The unit (if any) as the value axis title, 8 pt at the top left of box;
 * moves box->y0 under it. */
void chart_axis_title(struct chart_ctx *x, struct chart_box *box);

/* Draw the legend of g's series (2+ only) at the top of the plot box; *box
 * gets the box left under it.  A legend taller than the plot box (it would
 * run over the notes, the page's footer, and lose entries) is an error at
 * the chart (EXIT_DATAERR): 0, or -1 with x->d filled. */
int chart_legend_box(struct chart_ctx *x, const struct chart_grid *g, struct chart_box *box);

/* The value axis of bar and line charts: ticks and the linear map
 * (chart_ticks.c; its drawing in chart_axes.c). */
struct chart_axis {
	double first, step;      /* ticks first + i * step */
	int n;                   /* number of ticks */
	double lo, hi;           /* first and last tick values */
	double p0, p1;           /* positions of lo and hi in points */
};

/* Gridlines at the ticks of ax across box a (none at zero: the baseline
 * goes there) and their labels: left of a (vertical axis) or under it
 * (horizontal). */
void chart_value_grid(struct chart_ctx *x, const struct chart_axis *ax,
		      const struct chart_box *a, int horizontal);

/* The zero baseline across a (0.75 pt #333). */
void chart_baseline(struct chart_ctx *x, const struct chart_axis *ax, const struct chart_box *a,
		    int horizontal);

/* Wrap each of n category labels to width (at most maxlines lines, then
 * "…") into a new array *out; *nlines gets the most lines any label took.
 * Free with chart_free_cats (also after an error). */
int chart_wrap_cats(struct chart_ctx *x, const char *const *cat, size_t n, double width,
		    size_t maxlines, struct chart_lines **out, size_t *nlines);
void chart_free_cats(struct chart_lines *cat, size_t n);

/* Draw wrapped category labels centred on cx[i], first line's top at top. */
void chart_cat_labels(struct chart_ctx *x, const struct chart_lines *cat, const double *cx,
		      size_t n, double top);

/* Ticks for [vmin, vmax] (zero included), mapped to positions p0..p1. */
void chart_axis_make(struct chart_axis *a, double vmin, double vmax, int max_ticks, double p0,
		     double p1);

/* How many tick intervals to ask for: about one per `per` points along
 * len, 4 at least, the style's max_ticks at most. */
int chart_tick_count(const struct chart_ctx *x, double len, double per);

/* Position of value v on axis a. */
double chart_axis_pos(const struct chart_axis *a, double v);

/* The widest tick label on axis a at `size` points. */
double chart_axis_label_width(struct chart_ctx *x, const struct chart_axis *a, double size);

#endif
