/* date — report dates: parsed from YYYY-MM-DD, taken from SOURCE_DATE_EPOCH or
 * the clock, and printed as "14 June 2022" (or in the spec's language, lang.h).
 * Independent of the C locale and the time zone. */
#ifndef BRIEFING_DATE_H
#define BRIEFING_DATE_H

#include <stddef.h>
#include <time.h>

struct report_date {
	int year, month, day; /* month 1..12, day 1..31 */
};

/* Parse "YYYY-MM-DD" exactly (a real calendar date, year 1..9999). 0 or -1. */
int date_parse(const char *s, struct report_date *out);

/* The UTC calendar date of a Unix time. */
void date_from_epoch(time_t t, struct report_date *out);

struct lang;

/* The date in words in language l (NULL = English): "14 June 2022",
 * "14 июня 2022 г.", "14 iyun 2022". */
void date_format_long(const struct report_date *d, const struct lang *l, char *buf,
		      size_t size);

/* "2022-06-14" */
void date_format_iso(const struct report_date *d, char *buf, size_t size);

/* Expand the strftime(3) conversions of pattern with the date d (at
 * midnight), always in the C locale and UTC whatever the environment, so
 * `-o 'out/briefing-%Y-%m.pdf'` names the same file everywhere.  A pattern
 * without '%' is copied.  Returns 0, or -1 when the result is empty or does
 * not fit in size bytes. */
int date_strftime(const struct report_date *d, const char *pattern, char *buf, size_t size);

#endif
