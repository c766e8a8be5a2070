/* chart_int — what the chart files share (chart.c: the frame and the public
 * entry points; chart_text.c: text, wrapping and small drawing helpers;
 * chart_ticks.c: value axes and the chart's number formats; chart_time.c:
 * dates and time axes; chart_order.c: the order of categories;
 * chart_ends.c: a line chart's end labels; chart_cats.c: category labels;
 * chart_pie.c: pie and donut; chart_axes.c: bar and hbar; chart_line.c:
 * line).  Private to src/chart*.c. */
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
	double leader_room;     /* between a line's last point and its end label,
				   with 2+ series: room for a leader */
	double end_label_share; /* an end label wraps to this share of the width */
	double separator_width; /* 1 pt between slices */
	double line_width;      /* series lines */
	double marker_radius;   /* line markers */
	size_t markers_below;   /* a series of fewer points has a marker at each */
	double dash[CHART_SERIES_PATTERNS][2]; /* a line's dash (on, off) per
				   pattern: solid, dashed, dotted */
	double hatch_gap;       /* a hatched bar: white diagonals this far apart */
	double hatch_width;     /*   and this wide */
	double outline_width;   /* an outlined bar's border */
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
	double scale;                 /* the unit of its numbers: 1, or 1e6, 1e9,
					 1e12 (chart_value_scale) */
	struct diag_list *warn;       /* warnings (may be NULL) */
	int may_grow;                 /* the chart has the default height: a plot
					 whose labels need more may ask for it */
	double grow;                  /* and asks for this height */
	int failed;                   /* out of memory somewhere: give up at the end */
};

/* Lines of wrapped text (chart_wrap); free with chart_lines_free. */
struct chart_lines {
	char **v;    /* the lines, UTF-8 */
	size_t n;    /* how many */
	int broken;  /* a word wider than the room was broken between characters */
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

/* Word-wrap s to lines no wider than maxw.  A word wider than maxw is
 * broken between characters (out->broken says so): nothing is lost.  With
 * maxlines (0 = no limit) the last kept line takes the rest and ends in
 * "…" when text is cut: only a chart's title, subtitle and notes are cut
 * so (CHART_TEXT_MAX_LINES); labels are never cut.  Returns 0, or -1 when
 * out of memory. */
int chart_wrap(struct chart_ctx *x, const char *s, enum font_face face, double size,
	       double maxw, size_t maxlines, struct chart_lines *out);

void chart_lines_free(struct chart_lines *l);

/* Fill (and/or stroke) a rectangle given by two corners in any order. */
void chart_rect(struct chart_ctx *x, double x0, double y0, double x1, double y1,
		const struct rgba *fill, const struct rgba *stroke, double lw);

/* Stroke a straight segment. */
void chart_segment(struct chart_ctx *x, double x0, double y0, double x1, double y1,
		   const struct rgba *color, double lw);

/* Colour of series (or slice) i: the block's colors: first, then the
 * palette from there on, round again once it is used up (the series then
 * tell themselves apart by chart_series_pattern). */
struct rgba chart_series_color(const struct chart_ctx *x, size_t i);

/* The pattern of series i: 0 solid, then one more each round of the
 * palette (1 dashed lines and hatched bars, 2 dotted lines and outlined
 * bars); 0 for a colour from the block's colors:. */
int chart_series_pattern(const struct chart_ctx *x, size_t i);

/* Replace the current path of the scene's cairo context (straight lines)
 * by its dashes, dash[0] on and dash[1] off along each sub-path: the
 * scene knows no dash patterns, and a dashed path is plain geometry that
 * every renderer draws alike. */
void chart_dash_path(struct chart_ctx *x, const double dash[2]);

/* A bar (or a legend swatch) of series colour col and pattern from corner
 * to corner: filled; hatched with white diagonals (pattern 1); white with a
 * border in col (pattern 2).  sep: a white separator around it (stacks),
 * or NULL.  Returns the colour text on it stands on. */
struct rgba chart_pattern_rect(struct chart_ctx *x, double x0, double y0, double x1, double y1,
			       const struct rgba *col, int pattern, const struct rgba *sep);

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
 * most any of its values needs (in the unit of chart_value_scale), at most
 * 2 (1.5, 2 and 2.25 are written 1.50, 2.00 and 2.25). */
int chart_value_decimals(const struct chart_block *c);

/* The unit chart c writes its numbers in: 1 (as they are), or, without a
 * format: and when its largest value (in magnitude) is at least
 * CHART_SCALE_FROM (and under NUM_SCI_FROM, where numbers take an
 * exponent), millions, billions or trillions (1e6, 1e9, 1e12), the
 * largest its largest value reaches: its tick labels, value labels and the
 * summary's numbers are then "50 bn", "3.75 bn" (the words of lang's
 * scale[]). */
double chart_value_scale(const struct chart_block *c);

/* ---- the chart types ---------------------------------------------------- */

int chart_pie(struct chart_ctx *x);   /* pie and donut (chart_pie.c) */

/* bar and hbar (chart_axes.c): 0, -1, or 1 when the chart, of the default
 * height, must be drawn again x->grow tall (its labels need rows) */
int chart_bars(struct chart_ctx *x);

/* The default height of bars drawn as rows: ncat categories of nser
 * series (about 22 pt a category), 150 to 680 pt. */
double chart_rows_height(const struct chart_block *c, size_t ncat, size_t nser);
int chart_lines(struct chart_ctx *x); /* line (chart_line.c) */

/* ---- the category x series grid of bar and line charts (chart_axes.c) -- */

struct chart_grid {
	size_t ncat, nser;       /* categories (x), series (1 without series:) */
	const char **cat;        /* category labels, in the order drawn
				    (chart_grid_order) */
	const char **ser;        /* series labels (ser[0] = "" without series:) */
	double *v;               /* ncat * nser values, v[cat * nser + ser] */
	unsigned char *has;      /* 1 where a group gave that value */
	unsigned char *other;    /* per category: the "Other" group of top: */
};

/* The grid of c's groups.  0, or -1 when out of memory. */
int chart_grid_build(const struct chart_block *c, struct chart_grid *g);

/* ---- the end labels of a line chart's series (chart_ends.c) ------------- */

/* With more than this many series a line chart labels its lines at their
 * ends instead of drawing a legend (when the labels fit its height). */
#define CHART_DIRECT_LABELS 6

/* One series' end label. */
struct chart_end {
	const char *name;        /* the series' name; NULL with one series (the
				    value alone) */
	char value[64];          /* its last value, formatted; "" for none */
	double px, py;           /* its last point */
	int shown;               /* the point is on the axis (a leader may go to it) */
	struct chart_lines lines; /* the name wrapped (chart_ends_measure) */
	int value_own_line;      /* the value under the name */
	double w, h;             /* the label's size */
};

/* Wrap each label's name to maxw (never cut) and size the labels; returns
 * the widest, or -1 when out of memory. */
double chart_ends_measure(struct chart_ctx *x, struct chart_end *e, size_t n, double maxw);

/* How far right of its point a label starts (with 2+ series, room for a
 * leader). */
double chart_ends_offset(const struct chart_ctx *x, size_t nser);

/* Do the n labels fit between lo and hi stacked? */
int chart_ends_fit(const struct chart_ctx *x, const struct chart_end *e, size_t n, double lo,
		   double hi);

/* Draw the labels right of their points, nudged apart within lo..hi (the
 * plot's top to its bottom axis), each moved off its point's height with
 * a thin leader to it; none when they do not fit. */
void chart_ends_draw(struct chart_ctx *x, const struct chart_end *e, size_t n, double lo,
		     double hi);

/* Free an array of n labels (NULL is fine). */
void chart_ends_free(struct chart_end *e, size_t n);

/* ---- dates and time axes (chart_time.c) ---------------------------------- */

/* Does c's x hold dates?  The one place that decides: when the data engine
 * says its x column is a date column (key_is_date[0]), or when every
 * category but "Other" is an ISO period (2024, 2024-Q2, 2024-06,
 * 2024-06-14; period.h). */
int chart_x_is_date(const struct chart_block *c);

/* Date key of chart c in words, in c's language, by its granularity's
 * default format (period_default_format: "June 2024", "Q2 2024",
 * "20 September 1969"; a year stays "2024"); a key that is not an ISO
 * period (an "Other") as it is.  Into buf (size bytes). */
void chart_date_words(const struct chart_block *c, const char *key, char *buf, size_t size);

/* Put g's categories in the order chart c draws them (chart_order.c):
 * ascending when every x but "Other" is a number or a date and sort: is
 * not written (a line over dates always), "Other" last; else as they are.
 * chart_grid_build does it.  0 or -1 (out of memory, g unchanged). */
int chart_grid_order(const struct chart_block *c, struct chart_grid *g);

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

/* The unit (if any) as the value axis title, 8 pt at the top left of box
 * (only measured when !draw); moves box->y0 under it. */
void chart_axis_title(struct chart_ctx *x, struct chart_box *box, int draw);

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

/* ---- category labels, never cut (chart_cats.c) ----------------------------- */

/* The category labels of a bar chart as laid out. */
struct chart_cats {
	struct chart_lines *lines; /* per category: its label's lines (level
				      labels and rows; none when rotated) */
	size_t n;                  /* categories */
	size_t nlines;             /* the most lines of a label */
	int rotated;               /* columns: one line each at 45 degrees */
	double height;             /* columns: the room under the plot; rows: a
				      label's height at most */
	double x0;                 /* columns: where the plot starts (moved right
				      for rotated labels reaching left) */
	double width;              /* rows: the label column's width */
};

/* The labels of n columns from x0 to x1 in box: level, each wrapped to
 * its band onto at most max_label_lines lines with every word whole; else
 * one line each at 45 degrees (the band at least chart_cats_rotate_band,
 * the labels at most 45 % of the box's height).  0 laid out in *c, 1 when
 * neither fits (draw rows instead), -1 when out of memory.  *c zeroed
 * before the first call; free with chart_cats_free. */
int chart_cats_columns(struct chart_ctx *x, const char *const *cat, size_t n, double x0,
		       double x1, const struct chart_box *box, struct chart_cats *c);

/* The narrowest band in which labels at 45 degrees stand apart. */
double chart_cats_rotate_band(const struct chart_ctx *x);

/* Draw column labels under cx[i], their tops at top. */
void chart_cats_draw_columns(struct chart_ctx *x, const struct chart_cats *c,
			     const char *const *cat, const double *cx, double top);

/* The labels of n rows band high in a chart width wide: a column as wide
 * as the widest label up to 38 % of the width (at least the widest word,
 * up to half), each label wrapped whole into it.  0, 1 when a label needs
 * more height than a band (c->height says how much), -1 when out of
 * memory. */
int chart_cats_rows(struct chart_ctx *x, const char *const *cat, size_t n, double band,
		    double width, struct chart_cats *c);

void chart_cats_free(struct chart_cats *c);

/* Free an array of n wrapped labels (NULL is fine). */
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
