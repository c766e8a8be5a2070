/* period — ISO calendar periods (include/period.h): parsing, arithmetic,
 * order, days, and formatting in the briefing's language.  Calendar dates
 * are checked by date.c (date_parse, date_from_epoch), so there is one
 * proleptic Gregorian calendar in the program. */
#include "period.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "date.h"
#include "lang.h"
#include "utf8.h"

/* Month and quarter words a period needs beyond lang.h's months (which are
 * the forms that follow a day: "14 июня").  Kept here, keyed by the
 * language's code, so lang.h need not change while others edit it; a
 * language missing here borrows lang.h's months and English abbreviations
 * (see period_words_of). */
struct period_words {
	const char *code;
	const char *month[12];          /* standing alone: "июнь 2024"; none where
					   it is lang.h's form (en, az) */
	const char *abbr[12];           /* standing alone, short: axis ticks "июнь" */
	const char *abbr_day[12];       /* short, after a day: "14 июн."; none where
					   it is abbr */
	const char *quarter[4];         /* %Q: "Q2", "2-й кв." */
	const char *day_format;         /* the default format of a day */
};

/* CLDR's stand-alone and format forms (wide and abbreviated) for ru and
 * az; English has one form.  Azerbaijani and Russian months are written
 * lower case inside a sentence, as the examples are. */
static const struct period_words period_words_table[] = {
	{
		.code = "en",
		.abbr = { "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
			  "Nov", "Dec" },
		.quarter = { "Q1", "Q2", "Q3", "Q4" },
		.day_format = "%-d %B %Y",
	},
	{
		.code = "ru",
		.month = { "январь", "февраль", "март", "апрель", "май", "июнь", "июль",
			   "август", "сентябрь", "октябрь", "ноябрь", "декабрь" },
		.abbr = { "янв.", "февр.", "март", "апр.", "май", "июнь", "июль", "авг.",
			  "сент.", "окт.", "нояб.", "дек." },
		.abbr_day = { "янв.", "февр.", "мар.", "апр.", "мая", "июн.", "июл.", "авг.",
			      "сент.", "окт.", "нояб.", "дек." },
		.quarter = { "1-й кв.", "2-й кв.", "3-й кв.", "4-й кв." },
		.day_format = "%-d %B %Y г.",
	},
	{
		.code = "az",
		.abbr = { "yan", "fev", "mar", "apr", "may", "iyn", "iyl", "avq", "sen", "okt",
			  "noy", "dek" },
		.quarter = { "1-ci kv.", "2-ci kv.", "3-cü kv.", "4-cü kv." },
		.day_format = "%-d %B %Y",
	},
};

/* The words of language l; English for a language not in the table. */
static const struct period_words *period_words_of(const struct lang *l)
{
	l = lang_or_default(l);
	for (size_t i = 0; i < sizeof period_words_table / sizeof *period_words_table; i++)
		if (strcmp(period_words_table[i].code, l->code) == 0)
			return &period_words_table[i];
	return &period_words_table[0];
}

/* ------------------------------------------------------------------------ */
/* The calendar                                                             */

/* Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
 * days_from_civil, the inverse of date_from_epoch()); any year. */
static long period_days_from_civil(long y, int m, int d)
{
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* The date of a day since 1970-01-01. */
static void period_civil(long day, struct report_date *out)
{
	date_from_epoch((time_t)day * 86400, out);
}

/* The first day of period ord of granularity gran, for any ord (even one
 * past year 9999, for the end of the last period). */
static long period_ord_start(enum period_gran gran, long ord)
{
	switch (gran) {
	case PERIOD_YEAR:
		return period_days_from_civil(ord, 1, 1);
	case PERIOD_QUARTER:
		return period_days_from_civil(ord / 4, (int)(ord % 4) * 3 + 1, 1);
	case PERIOD_MONTH:
		return period_days_from_civil(ord / 12, (int)(ord % 12) + 1, 1);
	case PERIOD_DAY:
		break;
	}
	return ord;
}

/* The ords of the first and last periods of granularity gran in years
 * 1-9999. */
static void period_ord_range(enum period_gran gran, long *lo, long *hi)
{
	static const long per_year[] = { 1, 4, 12 };

	if (gran == PERIOD_DAY) {
		*lo = period_days_from_civil(PERIOD_YEAR_MIN, 1, 1);
		*hi = period_days_from_civil(PERIOD_YEAR_MAX, 12, 31);
		return;
	}
	*lo = PERIOD_YEAR_MIN * per_year[gran];
	*hi = (PERIOD_YEAR_MAX + 1) * per_year[gran] - 1;
}

int period_from_ymd(enum period_gran gran, int year, int month, int day, struct period *out)
{
	struct report_date back;
	long ord;

	if (year < PERIOD_YEAR_MIN || year > PERIOD_YEAR_MAX)
		return -1;
	if (gran != PERIOD_YEAR && (month < 1 || month > 12))
		return -1;
	switch (gran) {
	case PERIOD_YEAR:
		ord = year;
		break;
	case PERIOD_QUARTER:
		ord = (long)year * 4 + (month - 1) / 3;
		break;
	case PERIOD_MONTH:
		ord = (long)year * 12 + month - 1;
		break;
	default:
		/* a real date is one that comes back the same from its day */
		if (day < 1 || day > 31)
			return -1;
		ord = period_days_from_civil(year, month, day);
		period_civil(ord, &back);
		if (back.year != year || back.month != month || back.day != day)
			return -1;
		break;
	}
	out->gran = gran;
	out->ord = ord;
	return 0;
}

int period_parse(const char *s, size_t len, struct period *out)
{
	char buf[11];
	struct report_date d;
	enum period_gran gran;
	int month;

	if (!s)
		return -1;
	while (len > 0 && (*s == ' ' || *s == '\t'))
		s++, len--;
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	/* every shape is checked by date_parse() as a whole date */
	if (len == 4) {
		gran = PERIOD_YEAR;
		memcpy(buf, s, 4);
		memcpy(buf + 4, "-01-01", 7);
	} else if (len == 7 && s[4] == '-' && s[5] == 'Q') {
		if (s[6] < '1' || s[6] > '4')
			return -1;
		gran = PERIOD_QUARTER;
		memcpy(buf, s, 4);
		memcpy(buf + 4, "-01-01", 7);
	} else if (len == 7) {
		gran = PERIOD_MONTH;
		memcpy(buf, s, 7);
		memcpy(buf + 7, "-01", 4);
	} else if (len == 10) {
		gran = PERIOD_DAY;
		memcpy(buf, s, 10);
		buf[10] = '\0';
	} else {
		return -1;
	}
	if (date_parse(buf, &d) < 0)
		return -1;
	month = gran == PERIOD_QUARTER ? (s[6] - '1') * 3 + 1 : d.month;
	return period_from_ymd(gran, d.year, month, d.day, out);
}

/* The date of p's first day. */
static void period_first_date(const struct period *p, struct report_date *out)
{
	period_civil(period_start_days(p), out);
}

int period_year(const struct period *p)
{
	struct report_date d;

	period_first_date(p, &d);
	return d.year;
}

int period_quarter(const struct period *p)
{
	return (period_month(p) - 1) / 3 + 1;
}

int period_month(const struct period *p)
{
	struct report_date d;

	period_first_date(p, &d);
	return d.month;
}

int period_day(const struct period *p)
{
	struct report_date d;

	period_first_date(p, &d);
	return d.day;
}

int period_add(const struct period *p, long n, struct period *out)
{
	long lo, hi;

	period_ord_range(p->gran, &lo, &hi);
	/* compared before adding, so a huge n cannot overflow */
	if (p->ord < lo || p->ord > hi || n > hi - p->ord || n < lo - p->ord)
		return -1;
	out->gran = p->gran;
	out->ord = p->ord + n;
	return 0;
}

int period_truncate(const struct period *p, enum period_gran gran, struct period *out)
{
	struct report_date d;

	if (gran > p->gran)
		return -1;
	period_first_date(p, &d);
	return period_from_ymd(gran, d.year, d.month, d.day, out);
}

int period_cmp(const struct period *a, const struct period *b)
{
	long x, y;

	if (a->gran == b->gran)
		return (a->ord > b->ord) - (a->ord < b->ord);
	x = period_start_days(a);
	y = period_start_days(b);
	if (x != y)
		return (x > y) - (x < y);
	return a->gran < b->gran ? -1 : 1;
}

long period_start_days(const struct period *p)
{
	return period_ord_start(p->gran, p->ord);
}

long period_end_days(const struct period *p)
{
	return period_ord_start(p->gran, p->ord + 1);
}

int period_from_days(long day, enum period_gran gran, struct period *out)
{
	struct report_date d;
	long lo, hi;

	period_ord_range(PERIOD_DAY, &lo, &hi);
	if (day < lo || day > hi)
		return -1;
	period_civil(day, &d);
	return period_from_ymd(gran, d.year, d.month, d.day, out);
}

void period_format_iso(const struct period *p, char *buf, size_t size)
{
	struct report_date d;

	period_first_date(p, &d);
	switch (p->gran) {
	case PERIOD_YEAR:
		snprintf(buf, size, "%04d", d.year);
		break;
	case PERIOD_QUARTER:
		snprintf(buf, size, "%04d-Q%d", d.year, (d.month - 1) / 3 + 1);
		break;
	case PERIOD_MONTH:
		snprintf(buf, size, "%04d-%02d", d.year, d.month);
		break;
	case PERIOD_DAY:
		date_format_iso(&d, buf, size);
		break;
	}
}

const char *period_gran_name(enum period_gran gran)
{
	static const char *const names[] = { "year", "quarter", "month", "day" };

	return (unsigned)gran < 4 ? names[gran] : "period";
}

const char *period_default_format(enum period_gran gran, const struct lang *l)
{
	switch (gran) {
	case PERIOD_YEAR:
		return "%Y";
	case PERIOD_QUARTER:
		return "%Q %Y";
	case PERIOD_MONTH:
		return "%B %Y";
	case PERIOD_DAY:
		break;
	}
	return period_words_of(l)->day_format;
}

/* ------------------------------------------------------------------------ */
/* Formatting                                                               */

/* One conversion of a date format. */
struct period_conv {
	size_t len;             /* bytes from the '%', 0 for an unknown one */
	char letter;            /* Y y q Q m B b d %, or the unknown character */
	int nopad;              /* the '-' flag: "%-d" */
	enum period_gran needs; /* the finest granularity it needs */
};

/* Read the conversion at fmt[i] == '%'. */
static void period_conv_read(const char *fmt, size_t i, struct period_conv *c)
{
	static const char letters[] = "YyqQmBbd%";
	static const enum period_gran needs[] = { PERIOD_YEAR, PERIOD_YEAR, PERIOD_QUARTER,
						  PERIOD_QUARTER, PERIOD_MONTH, PERIOD_MONTH,
						  PERIOD_MONTH, PERIOD_DAY, PERIOD_YEAR };
	const char *at;
	size_t k = i + 1;

	memset(c, 0, sizeof *c);
	if (fmt[k] == '-' && (fmt[k + 1] == 'd' || fmt[k + 1] == 'm'))
		c->nopad = 1, k++;
	c->letter = fmt[k];
	if (!fmt[k] || !(at = strchr(letters, fmt[k])))
		return;
	c->len = k + 1 - i;
	c->needs = needs[at - letters];
}

/* Does fmt have a day-of-month conversion (then month names take the form
 * that follows a day)? */
static int period_fmt_has_day(const char *fmt)
{
	struct period_conv c;

	for (size_t i = 0; fmt[i]; i++) {
		if (fmt[i] != '%')
			continue;
		period_conv_read(fmt, i, &c);
		if (c.len && c.letter == 'd')
			return 1;
		if (c.len)
			i += c.len - 1;
	}
	return 0;
}

/* Append text to buf (of size bytes, *o used); -1 when it does not fit. */
static int period_put(char *buf, size_t size, size_t *o, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static int period_put(char *buf, size_t size, size_t *o, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf + *o, size - *o, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= size - *o)
		return -1;
	*o += (size_t)n;
	return 0;
}

int period_format(const struct period *p, const char *fmt, const struct lang *l, char *buf,
		  size_t size)
{
	const struct period_words *w = period_words_of(l);
	const char *const *full, *const *abbr;
	struct report_date d;
	struct period_conv c;
	int after_day, rc = 0;
	size_t o = 0;

	if (!buf || size == 0)
		return -1;
	buf[0] = '\0';
	if (!fmt || period_format_check(fmt, p->gran, NULL, 0, 1, NULL) < 0)
		return -1;
	l = lang_or_default(l);
	after_day = period_fmt_has_day(fmt);
	/* after a day, lang.h's months (the forms date_format_long() uses); a
	 * language without its own standing-alone forms keeps those too */
	full = after_day || !w->month[0] || strcmp(w->code, l->code) ? l->months : w->month;
	abbr = after_day && w->abbr_day[0] ? w->abbr_day : w->abbr;
	period_first_date(p, &d);
	for (size_t i = 0; fmt[i] && rc == 0; i++) {
		if (fmt[i] != '%') {
			rc = period_put(buf, size, &o, "%c", fmt[i]);
			continue;
		}
		period_conv_read(fmt, i, &c);
		i += c.len - 1;
		switch (c.letter) {
		case 'Y': rc = period_put(buf, size, &o, "%04d", d.year); break;
		case 'y': rc = period_put(buf, size, &o, "%02d", d.year % 100); break;
		case 'q': rc = period_put(buf, size, &o, "%d", (d.month - 1) / 3 + 1); break;
		case 'Q': rc = period_put(buf, size, &o, "%s", w->quarter[(d.month - 1) / 3]); break;
		case 'm': rc = period_put(buf, size, &o, c.nopad ? "%d" : "%02d", d.month); break;
		case 'd': rc = period_put(buf, size, &o, c.nopad ? "%d" : "%02d", d.day); break;
		case 'B':
			rc = period_put(buf, size, &o, "%s", full[d.month - 1]);
			break;
		case 'b':
			rc = period_put(buf, size, &o, "%s", abbr[d.month - 1]);
			break;
		default: rc = period_put(buf, size, &o, "%%"); break;
		}
	}
	if (rc < 0)
		buf[0] = '\0';
	return rc;
}

int period_format_check(const char *fmt, enum period_gran gran, const char *file, int line,
			int col0, struct diag *d)
{
	struct period_conv c;
	static const char *const plural[] = { "years", "quarters", "months", "days" };

	if (!fmt)
		return -1;
	if (col0 < 1)
		col0 = 1;
	for (size_t i = 0; fmt[i]; i++) {
		int col;
		uint32_t cp;

		if (fmt[i] != '%')
			continue;
		period_conv_read(fmt, i, &c);
		col = col0 + (int)utf8_count(fmt, i);
		if (!c.len) {
			int n = c.letter ? utf8_decode(fmt + i + 1, strlen(fmt + i + 1), &cp) : 0;

			if (d)
				diag_error(d, EXIT_DATAERR, file, line, col, "unknown conversion "
					   "\"%%%.*s\" in date format: expected %%Y %%y %%q %%Q %%m "
					   "%%B %%b %%d or %%%%", n, fmt + i + 1);
			return -1;
		}
		if (c.needs > gran) {
			if (d)
				diag_error(d, EXIT_DATAERR, file, line, col, "\"%.*s\" needs a %s, but "
					   "the values are %s", (int)c.len, fmt + i,
					   period_gran_name(c.needs), plural[gran]);
			return -1;
		}
		i += c.len - 1;
	}
	return 0;
}

int period_format_is_date(const char *fmt)
{
	struct period_conv c;

	if (!fmt || period_format_check(fmt, PERIOD_DAY, NULL, 0, 1, NULL) < 0)
		return 0;
	for (size_t i = 0; fmt[i]; i++) {
		if (fmt[i] != '%')
			continue;
		period_conv_read(fmt, i, &c);
		if (c.letter != '%')
			return 1;
		i += c.len - 1;
	}
	return 0;
}
