/* period_ticks — calendar ticks for a time axis (period_ticks() in
 * include/period.h): the steps a reader counts in (days, weeks, months,
 * quarters, half-years, years and round multiples of years), never "every
 * 37 days".  Pure: days in, positions and labels out. */
#include "period.h"

#include <string.h>

/* One step: n days, n months or n years. */
struct tick_step {
	enum period_gran unit;  /* PERIOD_DAY, PERIOD_MONTH or PERIOD_YEAR */
	long n;
};

/* Fine to coarse.  Months divide 12, so every step of months has a tick in
 * January; weeks start on Monday; years fall on multiples of the step. */
static const struct tick_step tick_steps[] = {
	{ PERIOD_DAY, 1 }, { PERIOD_DAY, 2 }, { PERIOD_DAY, 7 },
	{ PERIOD_MONTH, 1 }, { PERIOD_MONTH, 2 }, { PERIOD_MONTH, 3 }, { PERIOD_MONTH, 6 },
	{ PERIOD_YEAR, 1 }, { PERIOD_YEAR, 2 }, { PERIOD_YEAR, 5 }, { PERIOD_YEAR, 10 },
	{ PERIOD_YEAR, 20 }, { PERIOD_YEAR, 50 }, { PERIOD_YEAR, 100 }, { PERIOD_YEAR, 200 },
	{ PERIOD_YEAR, 500 }, { PERIOD_YEAR, 1000 }, { PERIOD_YEAR, 2000 },
	{ PERIOD_YEAR, 5000 },
};

#define TICK_NSTEPS (sizeof tick_steps / sizeof *tick_steps)
#define TICK_MONDAY 4   /* 1970-01-05, the first Monday after the epoch */

/* a mod n in 0..n-1, for negative a too (days before 1970). */
static long tick_mod(long a, long n)
{
	long r = a % n;

	return r < 0 ? r + n : r;
}

/* The first boundary of step s on or after day (inside years 1-9999). */
static long tick_first(const struct tick_step *s, long day)
{
	struct period p;
	long ord;

	switch (s->unit) {
	case PERIOD_DAY:
		if (s->n == 7)
			return day + tick_mod(TICK_MONDAY - day, 7);
		return day + tick_mod(-day, s->n);
	default:
		period_from_days(day, s->unit, &p);
		ord = p.ord + (period_start_days(&p) < day);
		p.ord = ord + tick_mod(-ord, s->n);
		return period_start_days(&p);
	}
}

/* The boundary after boundary day. */
static long tick_next(const struct tick_step *s, long day)
{
	struct period p;

	if (s->unit == PERIOD_DAY)
		return day + s->n;
	/* day is a boundary inside the calendar, so this cannot fail */
	period_from_days(day, s->unit, &p);
	p.ord += s->n;
	return period_start_days(&p);
}

/* How many ticks step s puts in first..last, counting no further than max + 1. */
static size_t tick_count(const struct tick_step *s, long first, long last, size_t max)
{
	size_t n = 0;

	for (long b = tick_first(s, first); b <= last && n <= max; b = tick_next(s, b))
		n++;
	return n;
}

/* The step for first..last: the finest with 1..target ticks (counts only
 * fall as steps coarsen, so this is the finest with two or more when any
 * has; one tick only for a range too short for two); else, when every step
 * with a tick has too many (a short range between month starts, target 3),
 * the coarsest that has a tick, rather than none. */
static const struct tick_step *tick_choose(long first, long last, size_t target)
{
	const struct tick_step *some = NULL;

	for (size_t i = 0; i < TICK_NSTEPS; i++) {
		size_t n = tick_count(&tick_steps[i], first, last, target);

		if (n >= 1 && n <= target)
			return &tick_steps[i];
		if (n > 0)
			some = &tick_steps[i];
	}
	return some;
}

size_t period_ticks(long first, long last, size_t target, const struct lang *l,
		    struct period_tick *out, size_t cap)
{
	const struct tick_step *s;
	struct period lo, hi, p;
	size_t n = 0;
	int prev_year = 0;

	if (first > last) {
		long t = first;

		first = last;
		last = t;
	}
	if (cap == 0 || period_from_days(first, PERIOD_DAY, &lo) < 0 ||
	    period_from_days(last, PERIOD_DAY, &hi) < 0)
		return 0;
	if (target < 2)
		target = 2;
	if (!(s = tick_choose(first, last, target)))
		return 0;
	for (long b = tick_first(s, first); b <= last && n < cap; b = tick_next(s, b)) {
		const char *fmt;
		int year;

		period_from_days(b, PERIOD_DAY, &p);
		year = period_year(&p);
		if (s->unit == PERIOD_YEAR)
			fmt = "%Y";
		else if (s->unit == PERIOD_MONTH)
			fmt = n == 0 || year != prev_year ? "%b %Y" : "%b";
		else
			fmt = n == 0 || year != prev_year ? "%-d %b %Y" : "%-d %b";
		out[n].day = b;
		if (period_format(&p, fmt, l, out[n].label, sizeof out[n].label) < 0)
			out[n].label[0] = '\0';
		prev_year = year;
		n++;
	}
	return n;
}
