/* chart_ticks — "nice" value axes: ticks in steps of 1, 2 or 5 times a power
 * of ten, the range of a line chart's axis (y-min:, y-max:, or a nice range
 * around the data), the linear map from values to points, and the one
 * formatter of a chart's numbers (value labels, tick labels, the summary's
 * number: format:, or one shared precision). */
#include "chart_int.h"

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "num.h"

/* Nice ticks covering lo..hi (lo <= hi) as they are, zero or not: see
 * chart_nice_ticks(). */
static int nice_cover(double lo, double hi, int max_ticks, double *first, double *step, int *n)
{
	static const double mult[] = { 1, 2, 5, 10, 20, 50, 100 };
	double span = hi - lo, raw, mag;

	if (!isfinite(span))
		return -1;
	raw = span / max_ticks;
	if (raw < DBL_MIN) { /* nothing to show (0..0): one unit step */
		*first = 0;
		*step = 1;
		*n = 2;
		return 0;
	}
	mag = pow(10, floor(log10(raw)));
	for (size_t k = 0; k < sizeof mult / sizeof mult[0]; k++) {
		double st = mult[k] * mag, f, l, iv;

		if (st < raw * (1 - 1e-12) || !isfinite(st))
			continue;
		/* the small slack keeps 0.3/0.1 = 2.9999… from adding a tick */
		f = floor(lo / st + 1e-9) * st;
		l = ceil(hi / st - 1e-9) * st;
		iv = round((l - f) / st);
		if (!isfinite(l) || iv > max_ticks)
			continue;
		*first = f;
		*step = st;
		*n = (int)iv + 1;
		return 0;
	}
	return -1;
}

/* Nice ticks covering lo..hi with the least room past the data, for a
 * bar or line axis that asked for about max_ticks intervals.  nice_cover's
 * ticks, unless steps of 1, 2, 2.5 or 5 times a power of ten, in from
 * max_ticks / 2 (and 2) to one more than max_ticks intervals (the style's
 * most at most), end nearer the data: 0..424.4 in 4 intervals would be
 * 0..600 in steps of 200, and 0..500 in steps of 100 is chosen (the top
 * tick is the next nice step above the data, not nearly a whole step
 * more; 61 ends at 75, not 80).  Of those with the least room, the one
 * nearest max_ticks intervals. */
static int least_room(double lo, double hi, int max_ticks, double *first, double *step, int *n)
{
	static const double mult[] = { 1, 2, 2.5, 5 };
	int most = max_ticks < chart_style.max_ticks ? max_ticks + 1 : max_ticks;
	int fewest = max_ticks / 2 > 2 ? max_ticks / 2 : 2;
	double span = hi - lo, best, bestd = INFINITY, mag;

	if (nice_cover(lo, hi, max_ticks, first, step, n) < 0)
		return -1;
	if (!(span > DBL_MIN))
		return 0;
	best = (lo - *first) + (*first + (*n - 1) * *step - hi);
	mag = pow(10, floor(log10(span / most)) - 1);
	for (int e = 0; e < 3; e++, mag *= 10)
		for (size_t k = 0; k < sizeof mult / sizeof mult[0]; k++) {
			double st = mult[k] * mag, f = floor(lo / st + 1e-9) * st;
			double l = ceil(hi / st - 1e-9) * st, iv = round((l - f) / st);
			double room = (lo - f) + (l - hi), d = fabs(iv - max_ticks);

			int better = room < best - 1e-6 * span;
			/* as little room as the best so far, which improved on nice_cover */
			int as_near = isfinite(bestd) && room < best + 1e-6 * span && d < bestd;

			if (!isfinite(l) || iv < fewest || iv > most || !(better || as_near))
				continue;
			best = room;
			bestd = d;
			*first = f;
			*step = st;
			*n = (int)iv + 1;
		}
	return 0;
}

int chart_nice_ticks(double lo, double hi, int max_ticks, double *first, double *step,
		     int *n)
{
	if (max_ticks < 1 || !isfinite(lo) || !isfinite(hi))
		return -1;
	if (lo > hi) {
		double t = lo;

		lo = hi;
		hi = t;
	}
	lo = fmin(lo, 0); /* the zero baseline is always on the axis */
	hi = fmax(hi, 0);
	if (lo < 0 && hi > 0 && max_ticks < 2)
		max_ticks = 2; /* one interval cannot hold both signs around zero */
	return nice_cover(lo, hi, max_ticks, first, step, n);
}

/* A true minus sign (U+2212) for the number's '-': the first one before a
 * digit that does not follow a digit ("-3.2", "USD -3.2", "USD-3.2"; a
 * format's own "2020-21" is left alone). */
static void real_minus(char *buf, size_t size)
{
	size_t len = strlen(buf);

	for (size_t i = 0; i + 1 < len; i++) {
		if (buf[i] != '-' || buf[i + 1] < '0' || buf[i + 1] > '9' ||
		    (i > 0 && buf[i - 1] >= '0' && buf[i - 1] <= '9'))
			continue;
		if (len + 3 > size)
			return;
		memmove(buf + i + 3, buf + i + 1, len - i); /* with the NUL */
		memcpy(buf + i, "\xE2\x88\x92", 3);
		return;
	}
}

/* The decimals (0 to 2) v needs as a value label: 1.5: 1, 2: 0, 2.25: 2,
 * 2.125: 2 (at most two), none from NUM_SCI_FROM on.  By arithmetic, not
 * by printing: the summary asks for every value of a chart each time it
 * writes one. */
static int value_decimals(double v)
{
	double x, r;

	if (!isfinite(v) || fabs(v) >= NUM_SCI_FROM)
		return 0;
	x = fabs(v) * 100;
	r = nearbyint(x);
	if (fabs(x - r) > 1e-6 * fmax(1, x))
		return 2; /* more than two decimals: two */
	return fmod(r, 100) == 0 ? 0 : fmod(r, 10) == 0 ? 1 : 2;
}

double chart_value_scale(const struct chart_block *c)
{
	const struct query_result *r = &c->q.res;
	double most = 0;

	if (c->format)
		return 1;
	for (size_t i = 0; i < r->ngroups; i++)
		if (!r->groups[i].missing && isfinite(r->groups[i].value))
			most = fmax(most, fabs(r->groups[i].value));
	/* from NUM_SCI_FROM on numbers are written with an exponent, as
	   everywhere: "1.23e+18", not "1.23e+06 tn" */
	if (most >= NUM_SCI_FROM)
		return 1;
	return most >= 1e12 ? 1e12 : most >= 1e9 ? 1e9 : most >= CHART_SCALE_FROM ? 1e6 : 1;
}

int chart_value_decimals(const struct chart_block *c)
{
	const struct query_result *r = &c->q.res;
	double scale = chart_value_scale(c);
	int dec = 0;

	for (size_t i = 0; i < r->ngroups && dec < 2; i++)
		if (!r->groups[i].missing) {
			int d = value_decimals(r->groups[i].value / scale);

			dec = d > dec ? d : dec;
		}
	return dec;
}

/* v with exactly dec decimals (fewer where a double has no more digits),
 * grouped, in style ns; scientific from NUM_SCI_FROM on, as everywhere. */
static void fixed_decimals(char *buf, size_t size, const struct num_style *ns, double v, int dec)
{
	char fmt[16];

	if (!isfinite(v) || fabs(v) >= NUM_SCI_FROM) {
		num_format_auto_style(buf, size, ns, v, dec, 1);
		return;
	}
	if (v != 0) {
		int room = 15 - ((int)floor(log10(fabs(v))) + 1);

		dec = dec < room ? dec : room < 0 ? 0 : room;
	}
	if (round(fabs(v) * pow(10, dec)) == 0)
		v = 0; /* -0.001 is "0.00", never "-0.00" */
	snprintf(fmt, sizeof fmt, "%%'.%df", dec);
	if (num_format_style(buf, size, ns, fmt, v) < 0)
		num_format_auto_style(buf, size, ns, v, dec, 1);
}

/* The word of unit u (1e3, 1e6, 1e9 or 1e12) in language l, after a
 * no-break space, appended to buf. */
static void add_scale_word(char *buf, size_t size, const struct lang *l, double u)
{
	int k = u >= 1e12 ? 3 : u >= 1e9 ? 2 : u >= 1e6 ? 1 : 0;
	size_t used = strlen(buf);

	if (used < size)
		snprintf(buf + used, size - used, "\xC2\xA0%s", l->scale[k]);
}

/* v in unit `scale` (chart_value_scale) with dec decimals and the unit's
 * word: "50.00 bn".  Zero is "0" (dec decimals) without a word.  A value
 * that would show as zero at dec decimals in that unit (3.5 million in a
 * chart of billions) is written in the largest unit it reaches ("3.5 mn"),
 * or in full under a thousand: never a "0.00 bn" for a value that is not
 * zero. */
static void scaled_value(char *buf, size_t size, const struct lang *l, double v, int dec,
			 double scale)
{
	double u = scale;

	if (v != 0 && round(fabs(v) / u * pow(10, dec)) == 0) {
		for (u = 1e12; u >= 1e3 && fabs(v) < u; u /= 1e3)
			;
		if (u < 1e3)
			u = 1;
		dec = value_decimals(v / u);
	}
	fixed_decimals(buf, size, &l->num, v / u, dec);
	if (v != 0 && u > 1)
		add_scale_word(buf, size, l, u);
}

/* Chart c's text for v: by its format:, else with dec decimals in unit
 * scale (1: as it is); a true minus sign. */
static void value_format(const struct chart_block *c, int dec, double scale, double v,
			 char *buf, size_t size)
{
	const struct lang *l = lang_or_default(c->lang);

	if (size == 0)
		return;
	if (c->format && num_format_style(buf, size, &l->num, c->format, v) == 0)
		;
	else if (scale > 1 && isfinite(v))
		scaled_value(buf, size, l, v, dec, scale);
	else
		fixed_decimals(buf, size, &l->num, v, dec);
	real_minus(buf, size);
}

void chart_value_text(const struct chart_block *c, double v, char *buf, size_t size)
{
	value_format(c, chart_value_decimals(c), chart_value_scale(c), v, buf, size);
}

void chart_value_label(const struct chart_ctx *x, double v, char *buf, size_t size)
{
	value_format(x->c, x->decimals, x->scale, v, buf, size);
}

/* The decimals a tick step has: 5 none, 0.5 one, 0.25 two (at most 10). */
static int step_decimals(double step)
{
	int dec = 0;

	while (dec < 10 && fabs(step * pow(10, dec) - nearbyint(step * pow(10, dec))) >
				   1e-6 * step * pow(10, dec))
		dec++;
	return dec;
}

void chart_tick_label(const struct chart_ctx *x, double v, double step, char *buf,
		      size_t size)
{
	const struct num_style *ns = &x->lang->num;
	char fmt[16];
	int dec = step_decimals(step / x->scale);

	if (fabs(v) < step * 1e-6)
		v = 0; /* no "-0" from first + i * step */
	if (x->c->format && num_format_style(buf, size, ns, x->c->format, v) == 0) {
		real_minus(buf, size);
		return;
	}
	if (x->scale > 1) { /* "50 bn": the unit's word after every tick but 0 */
		fixed_decimals(buf, size, ns, v / x->scale, dec);
		if (v != 0)
			add_scale_word(buf, size, x->lang, x->scale);
		real_minus(buf, size);
		return;
	}
	snprintf(fmt, sizeof fmt, "%%'.%df", dec);
	if (fabs(v) >= NUM_SCI_FROM) /* as value labels write it */
		num_format_auto_style(buf, size, ns, v, dec, 1);
	else if (num_format_style(buf, size, ns, fmt, v) < 0)
		num_format_auto_style(buf, size, ns, v, dec, 1);
	real_minus(buf, size);
}

void chart_axis_make(struct chart_axis *a, double vmin, double vmax, int max_ticks, double p0,
		     double p1)
{
	double lo = fmin(fmin(vmin, vmax), 0), hi = fmax(fmax(vmin, vmax), 0);

	if (lo < 0 && hi > 0 && max_ticks < 2)
		max_ticks = 2;
	if (max_ticks < 1 || !isfinite(lo) || !isfinite(hi) ||
	    least_room(lo, hi, max_ticks, &a->first, &a->step, &a->n) < 0) {
		a->first = 0;
		a->step = 1;
		a->n = 2;
	}
	a->lo = a->first;
	a->hi = a->first + (a->n - 1) * a->step;
	a->p0 = p0;
	a->p1 = p1;
}

/* The range of a line chart's axis without y-min: or y-max:: the data's,
 * reaching to zero when zero is near (the data would still fill half the
 * plot or more: 2 to 10 is drawn from 0, 10,000 to 15,000 is not); a
 * series of one value from zero, so that it shows as a level line. */
static void data_range(double *lo, double *hi)
{
	double span = *hi - *lo;

	if (*lo > 0 && *lo <= span)
		*lo = 0;
	if (*hi < 0 && -*hi <= span)
		*hi = 0;
	if (!(*lo < *hi)) {
		*lo = fmin(*lo, 0);
		*hi = fmax(*hi, 0);
	}
}

void chart_axis_line(struct chart_axis *a, const struct chart_block *c, double vmin,
		     double vmax, int max_ticks, double p0, double p1)
{
	double lo = c->has_y_min ? c->y_min : vmin, hi = c->has_y_max ? c->y_max : vmax;

	if (!c->has_y_min && !c->has_y_max) {
		data_range(&lo, &hi);
		if (!(lo < hi) || least_room(lo, hi, max_ticks, &a->first, &a->step, &a->n) < 0) {
			chart_axis_make(a, lo, hi, max_ticks, p0, p1);
			return;
		}
		a->lo = a->first;
		a->hi = a->first + (a->n - 1) * a->step;
		a->p0 = p0;
		a->p1 = p1;
		return;
	}
	if (!(lo < hi)) { /* one bound, and every value beyond it */
		double span = fabs(c->has_y_min ? lo : hi) > 0 ? fabs(c->has_y_min ? lo : hi) : 1;

		if (c->has_y_min)
			hi = lo + span;
		else
			lo = hi - span;
	}
	if (nice_cover(lo, hi, max_ticks, &a->first, &a->step, &a->n) < 0) {
		a->first = lo;
		a->step = hi - lo;
		a->n = 2;
	}
	/* the given ends are the axis's; the ticks are the nice values
	 * between them, and a free end is the nice tick past the data */
	a->lo = c->has_y_min ? lo : a->first;
	a->hi = c->has_y_max ? hi : a->first + (a->n - 1) * a->step;
	a->first = ceil(a->lo / a->step - 1e-9) * a->step;
	a->n = (int)floor((a->hi - a->first) / a->step + 1e-9) + 1;
	if (a->n < 0)
		a->n = 0;
	a->p0 = p0;
	a->p1 = p1;
}

double chart_axis_pos(const struct chart_axis *a, double v)
{
	if (a->hi <= a->lo)
		return a->p0;
	return a->p0 + (v - a->lo) / (a->hi - a->lo) * (a->p1 - a->p0);
}

double chart_axis_label_width(struct chart_ctx *x, const struct chart_axis *a, double size)
{
	double w = 0;

	for (int i = 0; i < a->n; i++) {
		char buf[64];

		chart_tick_label(x, a->first + i * a->step, a->step, buf, sizeof buf);
		w = fmax(w, chart_text_width(x, FONT_REGULAR, size, buf));
	}
	return w;
}

int chart_tick_count(const struct chart_ctx *x, double len, double per)
{
	int n = (int)(len / per);

	return n < 4 ? 4 : n > x->st->max_ticks ? x->st->max_ticks : n;
}
