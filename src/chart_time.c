/* chart_time — charts over dates (issue 13): whether a chart's x holds
 * dates (the one function that decides), date categories in chronological
 * order, and a line chart's time axis: each period at its first day,
 * calendar ticks labelled in the chart's language (period_ticks), and
 * where a line breaks because periods are missing. */
#include "chart_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "period.h"

int chart_x_is_date(const struct chart_block *c)
{
	const struct query_result *r = &c->q.res;
	size_t dates = 0;

	if (r->key_is_date[0])
		return 1;
	/* until the data engine says so, every key but "Other" an ISO period */
	for (size_t i = 0; i < r->ngroups; i++) {
		const char *k = r->groups[i].key[0];
		struct period p;

		if (r->groups[i].is_other)
			continue;
		if (!k || period_parse(k, strlen(k), &p) < 0)
			return 0;
		dates++;
	}
	return dates > 0;
}

/* One category while sorting: its rank (0 a period, 1 not a period, 2
 * "Other"), its period, and where it was. */
struct chrono_key {
	int rank;
	struct period p;
	size_t at;
};

static int chrono_cmp(const void *a, const void *b)
{
	const struct chrono_key *x = a, *y = b;
	int c = x->rank - y->rank;

	if (c == 0 && x->rank == 0)
		c = period_cmp(&x->p, &y->p);
	if (c == 0) /* stable: first seen first */
		c = x->at < y->at ? -1 : x->at > y->at;
	return c;
}

/* Whether g's categories go in chronological order: dates on a line chart
 * always (its axis is time), on a bar chart unless sorted by value. */
static int wants_chrono(const struct chart_block *c)
{
	if (c->type == CHART_LINE)
		return chart_x_is_date(c);
	if (c->type != CHART_BAR && c->type != CHART_HBAR)
		return 0;
	return c->q.sort != SORT_VALUE && c->q.sort != SORT_VALUE_DESC && chart_x_is_date(c);
}

int chart_grid_chrono(const struct chart_block *c, struct chart_grid *g)
{
	struct chrono_key *k;
	const char **cat;
	double *v;
	unsigned char *has, *other;
	size_t n = g->ncat, m = g->nser;

	if (n < 2 || !wants_chrono(c))
		return 0;
	k = malloc(n * sizeof *k);
	cat = malloc(n * sizeof *cat);
	v = malloc(n * m * sizeof *v);
	has = malloc(n * m);
	other = malloc(n);
	if (!k || !cat || !v || !has || !other) {
		free(k);
		free(cat);
		free(v);
		free(has);
		free(other);
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		k[i].at = i;
		k[i].rank = g->other[i] ? 2 : period_parse(g->cat[i], strlen(g->cat[i]), &k[i].p) < 0;
	}
	qsort(k, n, sizeof *k, chrono_cmp);
	for (size_t i = 0; i < n; i++) {
		size_t from = k[i].at;

		cat[i] = g->cat[from];
		memcpy(v + i * m, g->v + from * m, m * sizeof *v);
		memcpy(has + i * m, g->has + from * m, m);
		other[i] = g->other[from];
	}
	free(k);
	free(g->cat);
	free(g->v);
	free(g->has);
	free(g->other);
	g->cat = cat;
	g->v = v;
	g->has = has;
	g->other = other;
	return 0;
}

/* ---- the time axis of a line chart --------------------------------------- */

#define MONDAY_0 4 /* 1970-01-05, the first Monday after the epoch: day 4 */

/* Day of the week of day (days since 1970-01-01): 0 Monday .. 6 Sunday. */
static int weekday(long day)
{
	long w = (day - MONDAY_0) % 7;

	return (int)(w < 0 ? w + 7 : w);
}

/* Are days[0..n) all Monday to Friday?  Then the series is kept per
 * working day (rates, prices): a weekend is no missing period. */
static int business_days(const long *days, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (weekday(days[i]) >= 5)
			return 0;
	return 1;
}

/* The count of working days (Monday to Friday) from the first Monday
 * after the epoch to day, a working day: one apart from the next. */
static long business_day_index(long day)
{
	long d = day - MONDAY_0, weeks = (d >= 0 ? d : d - 6) / 7;

	return 5 * weeks + weekday(day);
}

int chart_time_make(const struct chart_block *c, const struct chart_grid *g,
		    struct chart_time *t)
{
	struct period *p;
	enum period_gran fine = PERIOD_YEAR;
	size_t n = g->ncat, single = 0;

	memset(t, 0, sizeof *t);
	if (c->type != CHART_LINE || n < 2 || !chart_x_is_date(c))
		return 0;
	if (!(p = malloc(n * sizeof *p)))
		return -1;
	for (size_t i = 0; i < n; i++) {
		/* "Other", or an empty x cell: no place in time */
		if (g->other[i] || period_parse(g->cat[i], strlen(g->cat[i]), &p[i]) < 0) {
			free(p);
			return 0;
		}
		fine = p[i].gran > fine ? p[i].gran : fine;
	}
	t->day = malloc(n * sizeof *t->day);
	t->joined = calloc(n, 1);
	if (!t->day || !t->joined) {
		free(p);
		chart_time_free(t);
		return -1;
	}
	for (size_t i = 0; i < n; i++)
		t->day[i] = period_start_days(&p[i]);
	t->first = t->day[0];
	t->last = t->day[n - 1];
	if (t->last <= t->first) { /* all on one day: nothing to spread */
		free(p);
		chart_time_free(t);
		return 0;
	}
	/* each period as a count of the finest granularity: its steps */
	for (size_t i = 0; i < n; i++)
		period_from_days(t->day[i], fine, &p[i]);
	t->periods = p[n - 1].ord - p[0].ord + 1;
	if (fine == PERIOD_DAY && business_days(t->day, n))
		for (size_t i = 0; i < n; i++)
			p[i].ord = business_day_index(t->day[i]);
	for (size_t i = 1; i < n; i++)
		single += p[i].ord - p[i - 1].ord <= 1;
	/* a series that mostly moves one period at a time (at least half its
	 * steps) is kept per period, and a longer step means periods are
	 * missing: the line breaks there; a sparse one (reports at irregular
	 * dates) says nothing of the periods between, and is joined */
	for (size_t i = 1; i < n; i++)
		t->joined[i] = 2 * single < n - 1 || p[i].ord - p[i - 1].ord <= 1;
	free(p);
	return 1;
}

void chart_time_free(struct chart_time *t)
{
	if (!t)
		return;
	free(t->day);
	free(t->joined);
	memset(t, 0, sizeof *t);
}

double chart_time_x(const struct chart_time *t, long day, double x0, double x1)
{
	return x0 + (x1 - x0) * (double)(day - t->first) / (double)(t->last - t->first);
}

/* Do the labels of ticks tk[0..n) at x0..x1 stand apart (a gap between
 * neighbours) and inside lim0..lim1?  w[] gets their widths. */
static int ticks_fit(struct chart_ctx *x, const struct chart_time *t, const struct period_tick *tk,
		     size_t n, double x0, double x1, double lim0, double lim1, double *w)
{
	double fs = x->st->tick_size, prev = lim0 - x->st->gap;

	for (size_t i = 0; i < n; i++) {
		double cx = chart_time_x(t, tk[i].day, x0, x1);

		w[i] = chart_text_width(x, FONT_REGULAR, fs, tk[i].label);
		if (cx - w[i] / 2 < prev + x->st->gap || cx + w[i] / 2 > lim1)
			return 0;
		prev = cx + w[i] / 2;
	}
	return 1;
}

size_t chart_time_ticks(struct chart_ctx *x, const struct chart_time *t, double x0, double x1,
			double lim0, double lim1, struct period_tick *out, size_t cap)
{
	double w[CHART_TIME_MAX_TICKS], fs = x->st->tick_size, prev;
	size_t n = 0, k = 0;
	size_t target = (size_t)((x1 - x0) / (3.5 * fs));

	if (cap > CHART_TIME_MAX_TICKS)
		cap = CHART_TIME_MAX_TICKS;
	if (target > cap)
		target = cap;
	/* a step finer than the data's periods has more ticks than they have
	 * starts in the range (which begins and ends on one), so at most that
	 * many keeps the ticks on the data's own calendar */
	if ((long)target > t->periods)
		target = (size_t)t->periods;
	/* the finest calendar step whose labels all stand apart */
	for (; target >= 2; target--) {
		n = period_ticks(t->first, t->last, target, x->lang, out, cap);
		if (ticks_fit(x, t, out, n, x0, x1, lim0, lim1, w))
			return n;
	}
	/* none does (a narrow chart): the coarsest ticks, leaving out a
	 * label that would run into the one before or out of the chart */
	n = period_ticks(t->first, t->last, 2, x->lang, out, cap);
	prev = lim0 - x->st->gap;
	for (size_t i = 0; i < n; i++) {
		double cx = chart_time_x(t, out[i].day, x0, x1);
		double wi = chart_text_width(x, FONT_REGULAR, fs, out[i].label);

		if (cx - wi / 2 < prev + x->st->gap || cx + wi / 2 > lim1)
			continue;
		out[k++] = out[i];
		prev = cx + wi / 2;
	}
	return k;
}

void chart_time_overhang(struct chart_ctx *x, const struct chart_time *t,
			 const struct period_tick *tk, size_t n, double x0, double x1, double lim0,
			 double lim1, double *left, double *right)
{
	*left = *right = 0;
	for (size_t i = 0; i < n; i++) {
		double cx = chart_time_x(t, tk[i].day, x0, x1);
		double w = chart_text_width(x, FONT_REGULAR, x->st->tick_size, tk[i].label);

		*left = fmax(*left, lim0 - (cx - w / 2));
		*right = fmax(*right, cx + w / 2 - lim1);
	}
}
