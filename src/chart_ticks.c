/* chart_ticks — "nice" value axes: ticks in steps of 1, 2 or 5 times a power
 * of ten, their labels, and the linear map from values to points. */
#include "chart_int.h"

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "num.h"

int chart_nice_ticks(double lo, double hi, int max_ticks, double *first, double *step,
		     int *n)
{
	static const double mult[] = { 1, 2, 5, 10, 20, 50, 100 };
	double span, raw, mag;

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
	span = hi - lo;
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

/* A true minus sign (U+2212) for a leading '-'. */
static void real_minus(char *buf, size_t size)
{
	size_t len = strlen(buf);

	if (buf[0] != '-' || len + 3 > size)
		return;
	memmove(buf + 3, buf + 1, len); /* with the NUL */
	memcpy(buf, "\xE2\x88\x92", 3);
}

void chart_value_label(char *buf, size_t size, const struct num_style *ns, double v)
{
	num_format_auto_style(buf, size, ns, v, 2, 1);
	real_minus(buf, size);
}

void chart_value_text(const struct chart_block *c, double v, char *buf, size_t size)
{
	chart_value_label(buf, size, &lang_or_default(c->lang)->num, v);
}

void chart_tick_label(char *buf, size_t size, const struct num_style *ns, double v,
		      double step)
{
	char fmt[16];
	int dec = step >= 1 ? 0 : (int)ceil(-log10(step) - 1e-9);

	if (fabs(v) < step * 1e-6)
		v = 0; /* no "-0" from first + i * step */
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

		chart_tick_label(buf, sizeof buf, &x->lang->num, a->first + i * a->step, a->step);
		w = fmax(w, chart_text_width(x, FONT_REGULAR, size, buf));
	}
	return w;
}

int chart_tick_count(const struct chart_ctx *x, double len, double per)
{
	int n = (int)(len / per);

	return n < 4 ? 4 : n > x->st->max_ticks ? x->st->max_ticks : n;
}
