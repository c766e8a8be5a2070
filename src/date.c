/* date — report dates without locale or time-zone dependence (include/date.h). */
#include "date.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "lang.h"

static int is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

/* Read exactly n ASCII digits; -1 if any is not a digit. */
static int read_digits(const char *s, int n)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

int date_parse(const char *s, struct report_date *out)
{
	int y, m, d;

	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	y = read_digits(s, 4);
	m = read_digits(s + 5, 2);
	d = read_digits(s + 8, 2);
	if (y < 1 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
		return -1;
	out->year = y;
	out->month = m;
	out->day = d;
	return 0;
}

/* Civil date from days since 1970-01-01 (Howard Hinnant's algorithm), so no
 * gmtime/TZ is involved and the result is the same in every time zone. */
void date_from_epoch(time_t t, struct report_date *out)
{
	long long z = (long long)(t >= 0 ? t / 86400 : (t - 86399) / 86400) + 719468;
	long long era = (z >= 0 ? z : z - 146096) / 146097;
	long long doe = z - era * 146097;
	long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long long mp = (5 * doy + 2) / 153;

	out->day = (int)(doy - (153 * mp + 2) / 5 + 1);
	out->month = (int)(mp < 10 ? mp + 3 : mp - 9);
	out->year = (int)(yoe + era * 400 + (out->month <= 2));
}

void date_format_long(const struct report_date *d, const struct lang *l, char *buf,
		      size_t size)
{
	l = lang_or_default(l);
	snprintf(buf, size, "%d %s %d%s", d->day, l->months[d->month - 1], d->year,
		 l->year_after);
}

void date_format_iso(const struct report_date *d, char *buf, size_t size)
{
	snprintf(buf, size, "%04d-%02d-%02d", d->year, d->month, d->day);
}

int date_strftime(const struct report_date *d, const char *pattern, char *buf, size_t size)
{
	struct tm tm = { 0 };
	locale_t c;
	size_t n;

	if (!strchr(pattern, '%')) {
		n = strlen(pattern);
		if (n == 0 || n >= size)
			return -1;
		memcpy(buf, pattern, n + 1);
		return 0;
	}
	tm.tm_year = d->year - 1900;
	tm.tm_mon = d->month - 1;
	tm.tm_mday = d->day;
	/* timegm() fills in the weekday and day of the year (%a, %j, %U …)
	 * without consulting TZ. */
	if (timegm(&tm) == (time_t)-1)
		return -1;
	if ((c = newlocale(LC_ALL_MASK, "C", (locale_t)0)) == (locale_t)0)
		return -1;
	n = strftime_l(buf, size, pattern, &tm, c);
	freelocale(c);
	return n > 0 ? 0 : -1;
}
