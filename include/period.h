/* period — ISO calendar periods as a type (issue 13, "dates are a type"):
 * years "2024", quarters "2024-Q2", months "2024-06" and days "2024-06-14",
 * parsed exactly, ordered chronologically, moved by whole periods
 * ("latest - 12"), cut to a coarser period (year(month)), placed on a time
 * axis in days, and printed with strftime-style conversions in the
 * briefing's language (lang.h), never the C library's locale.
 */
#ifndef BRIEFING_PERIOD_H
#define BRIEFING_PERIOD_H

#include <stddef.h>
#include "diag.h"

struct lang;

/* Coarse to fine: a finer granularity compares greater. */
enum period_gran { PERIOD_YEAR, PERIOD_QUARTER, PERIOD_MONTH, PERIOD_DAY };

#define PERIOD_YEAR_MIN 1
#define PERIOD_YEAR_MAX 9999

/* A period: its granularity and its place in a linear count of periods of
 * that granularity, so that the next period is ord + 1 and periods compare
 * and subtract as integers. */
struct period {
	enum period_gran gran;
	long ord;       /* YEAR: the year; QUARTER: year * 4 + quarter - 1;
			   MONTH: year * 12 + month - 1; DAY: days since 1970-01-01
			   (negative before) */
};

/* Parse s[0..len): "YYYY", "YYYY-Qn" (n 1-4, capital Q), "YYYY-MM" or
 * "YYYY-MM-DD", a real calendar date (2023-02-29 is not), year 1-9999, four
 * digits, spaces and tabs around allowed.  Nothing else: "2024-6",
 * "2024/06", "202406", "2024-q2", "24-06" are not periods.  0 or -1. */
int period_parse(const char *s, size_t len, struct period *out);

/* The period of granularity gran containing year-month-day (month and day
 * ignored where gran does not need them).  0, or -1 for a date outside the
 * calendar or years 1-9999. */
int period_from_ymd(enum period_gran gran, int year, int month, int day, struct period *out);

/* The parts of p's first day: year, quarter 1-4, month 1-12, day 1-31
 * (2024-Q2: 2024, 2, 4, 1). */
int period_year(const struct period *p);
int period_quarter(const struct period *p);
int period_month(const struct period *p);
int period_day(const struct period *p);

/* p moved by n periods of its own granularity (n < 0: earlier): the month
 * 12 before 2024-03 is 2023-03, the quarter 1 before 2024-Q1 is 2023-Q4.
 * 0, or -1 when the result leaves years 1-9999 (*out unchanged). */
int period_add(const struct period *p, long n, struct period *out);

/* The period of granularity gran (as coarse as p's or coarser) containing
 * p: year(2024-06-14) is 2024, quarter(2024-06) is 2024-Q2.  0, or -1 when
 * gran is finer than p's (a month has no one day). */
int period_truncate(const struct period *p, enum period_gran gran, struct period *out);

/* Chronological order: <0, 0 or >0.  Periods of one granularity by ord;
 * of two granularities by their first days, and on the same first day the
 * coarser first (2024 < 2024-Q1 < 2024-01 < 2024-01-01 < 2024-01-02), so
 * sorting is total and a year's heading comes before its parts. */
int period_cmp(const struct period *a, const struct period *b);

/* The first day of p, and the first day after it, in days since
 * 1970-01-01: a time axis places p at period_start_days() (2018-04 to
 * 2020-11 is 945 days, 2020-11 to 2022-05 is 546). */
long period_start_days(const struct period *p);
long period_end_days(const struct period *p);

/* The period of granularity gran containing day (days since 1970-01-01).
 * 0, or -1 outside years 1-9999. */
int period_from_days(long day, enum period_gran gran, struct period *out);

/* The ISO text of p: "2024", "2024-Q2", "2024-06", "2024-06-14". */
void period_format_iso(const struct period *p, char *buf, size_t size);

/* "year", "quarter", "month", "day": for messages. */
const char *period_gran_name(enum period_gran gran);

/* The default format of a granularity in language l (NULL = English):
 * year "%Y"; quarter "%Q %Y" ("Q2 2024", "2-й кв. 2024"); month "%B %Y"
 * ("June 2024", "июнь 2024", "iyun 2024"); day "%-d %B %Y" ("14 June 2024",
 * in Russian "14 июня 2024 г." as date_format_long()). */
const char *period_default_format(enum period_gran gran, const struct lang *l);

/* Format p by fmt in language l (NULL = English) into buf.  Conversions:
 *   %Y year (4 digits)   %y year (2 digits)   %q quarter 1-4
 *   %Q the quarter in l's words: "Q2", "2-й кв.", "2-ci kv."
 *   %m month 01-12       %-m month 1-12
 *   %B month name        %b abbreviated month ("Jun", "июнь", "iyn")
 *   %d day 01-31         %-d day 1-31         %% a '%'
 * %B and %b take the form that stands alone ("июнь 2024") unless fmt has a
 * day (%d or %-d), then the form that follows a day ("14 июня 2024").
 * A conversion finer than p (%m of a year, %d of a month) is an error, as
 * is any other conversion; %e is left out on purpose: in a number format it
 * is the exponent form, and the two sets must not overlap so a format tells
 * by itself whether it is for a date or a number.  Returns 0, or -1 (bad
 * format, or the text does not fit: buf is then ""). */
int period_format(const struct period *p, const char *fmt, const struct lang *l, char *buf,
		  size_t size);

/* Check fmt as period_format() would for periods of granularity gran
 * (PERIOD_DAY allows every conversion: use it when the granularity is not
 * known yet, as when the spec is read), written at file:line from column
 * col0.  Errors (EXIT_DATAERR) at the conversion's column:
 *   unknown conversion "%x" in date format: expected %Y %y %q %Q %m %B %b %d or %%
 *   "%d" needs a day, but the values are months
 * Returns 0 or -1 with d filled. */
int period_format_check(const char *fmt, enum period_gran gran, const char *file, int line,
			int col0, struct diag *d);

/* Does fmt hold a date conversion (and no number conversion)?  For a
 * caller that must tell a value's date format from a number format. */
int period_format_is_date(const char *fmt);

/* One tick of a time axis. */
struct period_tick {
	long day;               /* its position: days since 1970-01-01 */
	char label[64];         /* "2024", "Apr", "Jan 2025", "7 Jun" in the language */
};

/* Ticks for a time axis over days first..last (inclusive, any order): the
 * finest calendar step giving at most target ticks (a target below 2 counts
 * as 2) — 1, 2 or 7 days (weeks from Monday), 1, 2, 3 or 6 months (from
 * January), 1, 2, 5, 10, 20, 50 … years (from a multiple) — every boundary
 * of it inside the range, labelled in l: years "%Y"; months "%b", with the year on the first
 * tick and where the year changes ("Jan 2024", "Apr", "Jul", "Oct", "Jan
 * 2025"); days "%-d %b", the year likewise.  When no step fits (four
 * Mondays but no month start, target 3), the coarsest step with a tick,
 * rather than none.  Writes at most cap ticks to out and returns how many
 * (0 when the range leaves years 1-9999 or cap is 0). */
size_t period_ticks(long first, long last, size_t target, const struct lang *l,
		    struct period_tick *out, size_t cap);

#endif
