/* chart — turns a chart block's aggregate into a scene: pie, donut, bar, hbar
 * (grouped or stacked with series:), line.  Owns the chart craft: nice ticks,
 * label placement, legends, palette, number formats, the source note. */
#ifndef BRIEFING_CHART_H
#define BRIEFING_CHART_H

#include <stddef.h>
#include "doc.h"

struct strbuf;

/* ---- charts drawn as scenes ------------------------------------------- */

#include "fonts.h"
#include "scene.h"

/* The chart palette (doc/LOOK.md, Okabe–Ito), in the order used everywhere, and
 * the grey for "Other". */
extern const struct rgba chart_palette[7];
extern const struct rgba chart_other_grey;

/* A chart's title, its subtitle line and each note under the plot (the
 * source, ...) wrap to at most this many lines, the last ending in "…" when
 * text is cut: the plot keeps its room, and a chart's note stays short
 * (the sources page lists every source in full). */
#define CHART_TEXT_MAX_LINES 3

/* The most series a bar, hbar or line chart may have: the palette's 7
 * colours in 3 tints (chart_series_color) tell 21 apart, and the legend
 * names every one of them (more is an error at the chart, never a legend
 * that silently loses entries). */
#define CHART_MAX_SERIES 21

/* The most points (x categories) a line chart may have: 10,000 is a daily
 * series of 27 years, already far more points than the plot has widths of
 * a marker. */
#define CHART_LINE_MAX_POINTS 10000

/* Height in points a chart of type c gets when its block sets no height:,
 * for a figure width points wide. */
double chart_default_height(const struct chart_block *c, double width);

/* Build the whole figure for c from c->q.res as a scene of width x height
 * points: title, subtitle/unit, legend (2+ series only), the plot, and the
 * notes under it (normalisation, "Illustrative data", "Source: ...").
 * Errors (EXIT_DATAERR): a negative value in a pie or donut, at the CSV line
 * of its group (c->q.path:line); all values zero, more than CHART_MAX_SERIES
 * series or more than CHART_LINE_MAX_POINTS points on a line, at the block's
 * spec line (c->q.spec_file:c->q.spec_line); a bad colors: entry.  Returns NULL with d
 * filled on error. */
struct scene *chart_build(const struct chart_block *c, double width, double height,
			  struct fonts *f, struct diag *d, struct diag_list *warn);

/* The share (0..1) of group g of pie or donut c as the pie draws it and
 * labels it (num_format_percent): of the sum of the positive values. */
double chart_pie_share(const struct chart_block *c, size_t g);

/* For a pie or donut of shares (unit has "%", or y is named share, pct or
 * percent) that do not add up to 100 (by more than 0.5): the note saying
 * they are shown normalised, in buf; returns 1, else 0 (buf ""). */
int chart_share_note(const struct chart_block *c, char *buf, size_t size);

/* Value v as chart c labels values — the one formatter of a chart's
 * numbers, for text that must say what the chart shows (the summary): by
 * c->format (num.h, a section per sign) when set, else with the
 * decimals every value label of c shares (the most any of its values
 * needs, at most two: 1.50, 2.00, 2.25); its language's separators, a true
 * minus sign. */
void chart_value_text(const struct chart_block *c, double v, char *buf, size_t size);

/* A description of chart c's data for readers who cannot see it (the
 * summary's and the e-mail's alt text): its kind, then its categories in
 * the chart's order with the values the chart labels, at most max_items of
 * them (then how many more), in c->lang's language, appended to out.  0,
 * or -1 when memory ran out (out->oom). */
struct strbuf;
int chart_describe(const struct chart_block *c, size_t max_items, struct strbuf *out);

/* "Nice" axis ticks covering [lo, hi] (lo <= 0 <= hi after including the
 * zero baseline): steps of 1, 2 or 5 times a power of ten, at most max_ticks
 * intervals (2 when max_ticks is 1 and the range has both signs).  Sets
 * *first (the lowest tick, <= lo), *step and *n (number of ticks,
 * first + (n-1)*step >= hi).  Returns 0, or -1 for max_ticks < 1 or
 * non-finite input. */
int chart_nice_ticks(double lo, double hi, int max_ticks, double *first, double *step,
		     int *n);

/* The chart said in words, from its data, in its language (c->lang), for
 * readers who cannot see it; alt: when the block gives one, else: type,
 * title, unit, then every value with its label ("Bar chart, Trade
 * turnover in full years, USD million: 2012 223.3; 2018 204; 2020 313.1;
 * 2021 424.4. Highest 2021."), per series for grouped charts; more than
 * max_items values (0: no limit) are summed up: count, first and last
 * label, first and last value, highest and lowest.  Appended to out.  0,
 * or -1 when out of memory. */
int chart_describe(const struct chart_block *c, size_t max_items, struct strbuf *out);

/* How many values a chart's description reads out in the PDF and SVG
 * files before it sums them up instead. */
#define CHART_DESCRIBE_ITEMS 12

/* File name stem for the chart's PNG/SVG: the block's name:, else the
 * SLUG_FILE slug of its title (slug.h), at most 64 bytes; "chart" if empty. */
void chart_file_stem(const struct chart_block *c, char *buf, size_t size);

#endif
