/* chart_int — what the chart files share (chart.c: the frame and the public
 * entry points; chart_text.c: text, wrapping and small drawing helpers;
 * chart_ticks.c: value axes and the chart's number formats; chart_time.c:
 * dates and time axes; chart_pie.c: pie and donut; chart_axes.c: bar and
 * hbar; chart_line.c: line).  Private to src/chart*.c. */
#ifndef BRIEFING_CHART_INT_H
#define BRIEFING_CHART_INT_H

#include <stddef.h>

#include "chart.h"
#include "diag.h"
#include "period.h"

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
	double time_tick;       /* length of a time axis's tick marks, under the plot */
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
	int decimals;                 /* of every value label without format:
					 (chart_value_decimals) */
	struct diag_list *warn;       /* warnings (may be NULL) */
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

/* The label of tick value v on an axis with steps of `step`: by the
 * chart's format:, else as many decimals as the step needs, thousands
 * grouped, a true minus sign. */
void chart_tick_label(const struct chart_ctx *x, double v, double step, char *buf,
		      size_t size);

/* A value label: chart_value_text() with the precision worked out once per
 * chart (x->decimals). */
void chart_value_label(const struct chart_ctx *x, double v, char *buf, size_t size);

/* The decimals every value label of c shares when it has no format:: the
 * most any of its values needs, at most 2 (1.5, 2 and 2.25 are written
 * 1.50, 2.00 and 2.25). */
int chart_value_decimals(const struct chart_block *c);

/* ---- the chart types ---------------------------------------------------- */

int chart_pie(struct chart_ctx *x);   /* pie and donut (chart_pie.c) */

int chart_bars(struct chart_ctx *x);  /* bar and hbar (chart_axes.c) */
int chart_lines(struct chart_ctx *x); /* line (chart_line.c) */

/* ---- the category x series grid of bar and line charts (chart_axes.c) -- */

struct chart_grid {
	size_t ncat, nser;       /* categories (x), series (1 without series:) */
	const char **cat;        /* category labels, first-seen order (dates in
				    chronological order: chart_grid_chrono) */
	const char **ser;        /* series labels (ser[0] = "" without series:) */
	double *v;               /* ncat * nser values, v[cat * nser + ser] */
	unsigned char *has;      /* 1 where a group gave that value */
	unsigned char *other;    /* per category: the "Other" group of top: */
};

/* The grid of c's groups.  0, or -1 when out of memory. */
int chart_grid_build(const struct chart_block *c, struct chart_grid *g);

/* ---- dates and time axes (chart_time.c) ---------------------------------- */

/* Does c's x hold dates?  The one place that decides: when the data engine
 * says its x column is a date column (key_is_date[0]), or when every
 * category but "Other" is an ISO period (2024, 2024-Q2, 2024-06,
 * 2024-06-14; period.h). */
int chart_x_is_date(const struct chart_block *c);

/* Put g's date categories in chronological order (on a line chart always,
 * on a bar chart unless sorted by value), keeping "Other" last; anything
 * else is left as it is.  chart_grid_build does it.  0 or -1 (out of
 * memory, g unchanged). */
int chart_grid_chrono(const struct chart_block *c, struct chart_grid *g);

/* The most ticks a time axis has. */
#define CHART_TIME_MAX_TICKS 64

/* A line chart's time axis: where each category stands, in days, and
 * where its line may go on from one category to the next. */
struct chart_time {
	long *day;              /* per category: the first day of its period */
	unsigned char *joined;  /* per category i > 0: a line may join i - 1 to i
				   (0: the periods between are missing) */
	long first, last;       /* day of the first and the last category */
	long periods;           /* periods of the finest granularity among them
				   from the first to the last, both counted */
};

/* A time axis for line chart c over grid g (its categories in
 * chronological order): 1 when made, 0 when c does not get one (not a line,
 * not dates, fewer than two days, "Other" or an empty x among the
 * categories: then it keeps a category axis, and t is zeroed), -1 when out
 * of memory.  Every period stands at its first day, whatever its
 * granularity (2014 on 1 January 2014, 2018-04 on 1 April 2018), where its
 * calendar tick is.  The line breaks between two categories when periods
 * of the finest granularity among them are missing between them, on a
 * series that mostly (at least half of its steps) moves one period at a
 * time; a sparse series, reported at irregular dates, is joined
 * throughout.  Days all Monday to Friday count in working days (a
 * weekend is no gap in a series of rates). */
int chart_time_make(const struct chart_block *c, const struct chart_grid *g,
		    struct chart_time *t);
void chart_time_free(struct chart_time *t);

/* Position of day on t when t->first is at x0 and t->last at x1. */
double chart_time_x(const struct chart_time *t, long day, double x0, double x1);

/* Calendar ticks for t drawn from x0 to x1 (period_ticks, in the chart's
 * language): the finest step, but none finer than the data's own periods
 * (no month ticks between yearly points), whose labels (tick size,
 * centred) stand apart and inside lim0..lim1; when none, the coarsest with
 * the labels that do.
 * At most cap (and CHART_TIME_MAX_TICKS) into out; returns how many. */
size_t chart_time_ticks(struct chart_ctx *x, const struct chart_time *t, double x0, double x1,
			double lim0, double lim1, struct period_tick *out, size_t cap);

/* How far the labels of ticks tk[0..n) (t drawn from x0 to x1) reach out
 * of lim0..lim1: *left and *right (0 when they do not). */
void chart_time_overhang(struct chart_ctx *x, const struct chart_time *t,
			 const struct period_tick *tk, size_t n, double x0, double x1, double lim0,
			 double lim1, double *left, double *right);

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
	double lo, hi;           /* the ends of the axis: the first and last tick,
				    or a line chart's y-min: and y-max: */
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

/* The value axis of line chart c whose values run from vmin to vmax: from
 * its y-min: to its y-max: when given (ticks at the nice values between;
 * an end not given is the nice tick past the data), else a nice range
 * around the data, from zero only when zero is near (the data would fill
 * at least half the plot). */
void chart_axis_line(struct chart_axis *a, const struct chart_block *c, double vmin,
		     double vmax, int max_ticks, double p0, double p1);

/* How many tick intervals to ask for: about one per `per` points along
 * len, 4 at least, the style's max_ticks at most. */
int chart_tick_count(const struct chart_ctx *x, double len, double per);

/* Position of value v on axis a. */
double chart_axis_pos(const struct chart_axis *a, double v);

/* The widest tick label on axis a at `size` points. */
double chart_axis_label_width(struct chart_ctx *x, const struct chart_axis *a, double size);

#endif
