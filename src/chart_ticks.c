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

int chart_value_decimals(const struct chart_block *c)
{
	const struct query_result *r = &c->q.res;
	int dec = 0;

	for (size_t i = 0; i < r->ngroups && dec < 2; i++)
		if (!r->groups[i].missing) {
			int d = value_decimals(r->groups[i].value);

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

/* Chart c's text for v: by its format:, else with dec decimals; a true
 * minus sign. */
static void value_format(const struct chart_block *c, int dec, double v, char *buf,
			 size_t size)
{
	const struct num_style *ns = &lang_or_default(c->lang)->num;

	if (size == 0)
		return;
	if (!c->format || num_format_style(buf, size, ns, c->format, v) < 0)
		fixed_decimals(buf, size, ns, v, dec);
	real_minus(buf, size);
}

void chart_value_text(const struct chart_block *c, double v, char *buf, size_t size)
{
	value_format(c, chart_value_decimals(c), v, buf, size);
}

void chart_value_label(const struct chart_ctx *x, double v, char *buf, size_t size)
{
	value_format(x->c, x->decimals, v, buf, size);
}

void chart_tick_label(const struct chart_ctx *x, double v, double step, char *buf,
		      size_t size)
{
	const struct num_style *ns = &x->lang->num;
	char fmt[16];
	int dec = step >= 1 ? 0 : (int)ceil(-log10(step) - 1e-9);

	if (fabs(v) < step * 1e-6)
		v = 0; /* no "-0" from first + i * step */
	if (x->c->format && num_format_style(buf, size, ns, x->c->format, v) == 0) {
		real_minus(buf, size);
		return;
	}
	if (dec > 10)
		dec = 10;
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
	if (chart_nice_ticks(vmin, vmax, max_ticks, &a->first, &a->step, &a->n) < 0) {
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
		if (!(lo < hi) || nice_cover(lo, hi, max_ticks, &a->first, &a->step, &a->n) < 0) {
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
