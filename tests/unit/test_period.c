/* Unit tests for period: parsing (real calendar dates only), parts,
 * arithmetic in each granularity, order, days, formatting in en/ru/az,
 * format checks at their column, and calendar ticks for time axes. */
#include "testutil.h"

#include <limits.h>
#include <locale.h>

#include "lang.h"
#include "period.h"

static struct period P(const char *s)
{
	struct period p;

	if (period_parse(s, strlen(s), &p) < 0)
		fail_msg("\"%s\" is not a period", s);
	return p;
}

/* The ISO text of p. */
static const char *iso(const struct period *p)
{
	static char buf[4][32];
	static int k;

	k = (k + 1) % 4;
	period_format_iso(p, buf[k], sizeof buf[k]);
	return buf[k];
}

static void test_parse_valid(void **state)
{
	static const struct {
		const char *text, *iso;
		enum period_gran gran;
	} ok[] = {
		{ "2024", "2024", PERIOD_YEAR },
		{ "2024-Q1", "2024-Q1", PERIOD_QUARTER },
		{ "2024-Q4", "2024-Q4", PERIOD_QUARTER },
		{ "2024-06", "2024-06", PERIOD_MONTH },
		{ "2024-06-14", "2024-06-14", PERIOD_DAY },
		{ "2024-02-29", "2024-02-29", PERIOD_DAY },
		{ "2000-02-29", "2000-02-29", PERIOD_DAY },
		{ " 2024-06\t", "2024-06", PERIOD_MONTH },
		{ "0001-01-01", "0001-01-01", PERIOD_DAY },
		{ "9999-12-31", "9999-12-31", PERIOD_DAY },
		{ "1969-12-31", "1969-12-31", PERIOD_DAY },
	};

	(void)state;
	for (size_t i = 0; i < sizeof ok / sizeof *ok; i++) {
		struct period p = P(ok[i].text);

		assert_int_equal(p.gran, ok[i].gran);
		assert_string_equal(iso(&p), ok[i].iso);
	}
	assert_int_equal(P("2024").ord, 2024);
	assert_int_equal(P("2024-Q2").ord, 2024 * 4 + 1);
	assert_int_equal(P("2024-06").ord, 2024 * 12 + 5);
	assert_int_equal(P("2024-06-14").ord, 19888);
	assert_int_equal(P("1970-01-01").ord, 0);
	assert_int_equal(P("1969-12-31").ord, -1);
	/* only len bytes are read */
	{
		struct period p;

		assert_int_equal(period_parse("2024-06-14", 7, &p), 0);
		assert_string_equal(iso(&p), "2024-06");
	}
}

static void test_parse_invalid(void **state)
{
	static const char *const bad[] = {
		"2023-02-29", "1900-02-29", "2024-04-31", "2024-13", "2024-00", "2024-00-10",
		"2024-Q0", "2024-Q5", "2024-q2", "2024Q2", "Q2 2024", "2024-6", "2024/06",
		"202406", "24-06", "0000", "0000-01", "abcd", "", "   ", "2024-06-14T00:00",
		"2024-W23", "-2024", "+2024", "2024-06-1", "12345", "2024-", "2024-1a",
		"20 24", "2024.5", "2024-06 14",
	};
	struct period p;

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		if (period_parse(bad[i], strlen(bad[i]), &p) == 0)
			fail_msg("\"%s\" was taken for a period", bad[i]);
	assert_int_equal(period_parse(NULL, 0, &p), -1);
	assert_int_equal(period_from_ymd(PERIOD_DAY, 2023, 2, 29, &p), -1);
	assert_int_equal(period_from_ymd(PERIOD_MONTH, 2023, 13, 1, &p), -1);
	assert_int_equal(period_from_ymd(PERIOD_YEAR, 10000, 1, 1, &p), -1);
	assert_int_equal(period_from_ymd(PERIOD_YEAR, 0, 1, 1, &p), -1);
	assert_int_equal(period_from_ymd(PERIOD_QUARTER, 2024, 8, 0, &p), 0);
	assert_string_equal(iso(&p), "2024-Q3");
}

static void test_parts(void **state)
{
	struct period q = P("2024-Q2"), d = P("2024-06-14"), y = P("2024"), m = P("1999-12");

	(void)state;
	assert_int_equal(period_year(&q), 2024);
	assert_int_equal(period_quarter(&q), 2);
	assert_int_equal(period_month(&q), 4);
	assert_int_equal(period_day(&q), 1);
	assert_int_equal(period_year(&d), 2024);
	assert_int_equal(period_quarter(&d), 2);
	assert_int_equal(period_month(&d), 6);
	assert_int_equal(period_day(&d), 14);
	assert_int_equal(period_quarter(&y), 1);
	assert_int_equal(period_month(&y), 1);
	assert_int_equal(period_quarter(&m), 4);
	assert_int_equal(period_year(&m), 1999);
	assert_string_equal(period_gran_name(PERIOD_QUARTER), "quarter");
}

/* p + n, as ISO text ("fail" when refused). */
static const char *plus(const char *s, long n)
{
	struct period p = P(s), out;

	if (period_add(&p, n, &out) < 0)
		return "fail";
	return iso(&out);
}

static void test_add(void **state)
{
	(void)state;
	/* months across years, both ways */
	assert_string_equal(plus("2024-03", -12), "2023-03");
	assert_string_equal(plus("2024-01", -1), "2023-12");
	assert_string_equal(plus("2023-12", 1), "2024-01");
	assert_string_equal(plus("2022-11", 25), "2024-12");
	assert_string_equal(plus("2024-06", 0), "2024-06");
	/* quarters */
	assert_string_equal(plus("2024-Q1", -1), "2023-Q4");
	assert_string_equal(plus("2024-Q4", 1), "2025-Q1");
	assert_string_equal(plus("2024-Q2", -8), "2022-Q2");
	/* days: leap years and month ends */
	assert_string_equal(plus("2024-02-28", 1), "2024-02-29");
	assert_string_equal(plus("2024-02-29", 1), "2024-03-01");
	assert_string_equal(plus("2023-02-28", 1), "2023-03-01");
	assert_string_equal(plus("2024-03-01", -1), "2024-02-29");
	assert_string_equal(plus("2024-12-31", 1), "2025-01-01");
	assert_string_equal(plus("2024-02-29", 365), "2025-02-28");
	assert_string_equal(plus("1970-01-01", -1), "1969-12-31");
	/* years */
	assert_string_equal(plus("2024", -1), "2023");
	/* the calendar's ends */
	assert_string_equal(plus("2024", -2023), "0001");
	assert_string_equal(plus("2024", -2024), "fail");
	assert_string_equal(plus("9999-12", 1), "fail");
	assert_string_equal(plus("9999-Q4", 1), "fail");
	assert_string_equal(plus("0001-01", -1), "fail");
	assert_string_equal(plus("9999-12-31", 1), "fail");
	assert_string_equal(plus("0001-01-01", -1), "fail");
	assert_string_equal(plus("2024-06", LONG_MAX), "fail");
	assert_string_equal(plus("2024-06", LONG_MIN), "fail");
	assert_string_equal(plus("2024-06-14", LONG_MIN), "fail");
}

/* p cut to gran, as ISO text. */
static const char *cut(const char *s, enum period_gran gran)
{
	struct period p = P(s), out;

	if (period_truncate(&p, gran, &out) < 0)
		return "fail";
	return iso(&out);
}

static void test_truncate(void **state)
{
	(void)state;
	assert_string_equal(cut("2024-06-14", PERIOD_YEAR), "2024");
	assert_string_equal(cut("2024-06-14", PERIOD_QUARTER), "2024-Q2");
	assert_string_equal(cut("2024-06-14", PERIOD_MONTH), "2024-06");
	assert_string_equal(cut("2024-12-31", PERIOD_QUARTER), "2024-Q4");
	assert_string_equal(cut("2024-03", PERIOD_QUARTER), "2024-Q1");
	assert_string_equal(cut("2024-04", PERIOD_QUARTER), "2024-Q2");
	assert_string_equal(cut("2024-Q3", PERIOD_YEAR), "2024");
	assert_string_equal(cut("2024-06", PERIOD_MONTH), "2024-06");
	assert_string_equal(cut("2024-06", PERIOD_DAY), "fail");
	assert_string_equal(cut("2024", PERIOD_QUARTER), "fail");
}

static int cmp(const char *a, const char *b)
{
	struct period x = P(a), y = P(b);

	return period_cmp(&x, &y);
}

static void test_cmp(void **state)
{
	static const char *const sorted[] = {
		"2023", "2023-12", "2023-12-31", "2024", "2024-Q1", "2024-01", "2024-01-01",
		"2024-01-02", "2024-02", "2024-03-31", "2024-Q2", "2024-04", "2025",
	};

	(void)state;
	assert_true(cmp("2024-05", "2024-06") < 0);
	assert_true(cmp("2024-06", "2024-06") == 0);
	assert_true(cmp("2023-12", "2024-01") < 0);
	assert_true(cmp("2024-Q2", "2024-03-31") > 0);
	for (size_t i = 0; i < sizeof sorted / sizeof *sorted; i++)
		for (size_t j = 0; j < sizeof sorted / sizeof *sorted; j++) {
			int c = cmp(sorted[i], sorted[j]);

			if ((i < j && c >= 0) || (i == j && c != 0) || (i > j && c <= 0))
				fail_msg("%s vs %s: %d", sorted[i], sorted[j], c);
		}
}

static void test_days(void **state)
{
	struct period a = P("2018-04"), b = P("2020-11"), c = P("2022-05"), p;

	(void)state;
	/* a time axis: the first gap is wider than the second */
	assert_int_equal(period_start_days(&b) - period_start_days(&a), 945);
	assert_int_equal(period_start_days(&c) - period_start_days(&b), 546);
	/* lengths */
	p = P("2024-02");
	assert_int_equal(period_end_days(&p) - period_start_days(&p), 29);
	p = P("2023-02");
	assert_int_equal(period_end_days(&p) - period_start_days(&p), 28);
	p = P("2024");
	assert_int_equal(period_end_days(&p) - period_start_days(&p), 366);
	p = P("2100");
	assert_int_equal(period_end_days(&p) - period_start_days(&p), 365);
	p = P("2000");
	assert_int_equal(period_end_days(&p) - period_start_days(&p), 366);
	p = P("2024-Q1");
	assert_int_equal(period_end_days(&p) - period_start_days(&p), 91);
	p = P("9999-12-31");
	assert_int_equal(period_end_days(&p) - period_start_days(&p), 1);
	p = P("9999");
	assert_int_equal(period_end_days(&p), 2932897);
	p = P("0001-01-01");
	assert_int_equal(period_start_days(&p), -719162);
	/* from days */
	assert_int_equal(period_from_days(19888, PERIOD_QUARTER, &p), 0);
	assert_string_equal(iso(&p), "2024-Q2");
	assert_int_equal(period_from_days(-1, PERIOD_MONTH, &p), 0);
	assert_string_equal(iso(&p), "1969-12");
	assert_int_equal(period_from_days(-719163, PERIOD_DAY, &p), -1);
	assert_int_equal(period_from_days(2932897, PERIOD_DAY, &p), -1);
}

/* Every 7th day of the calendar: days -> text -> period -> days again. */
static void test_days_round_trip(void **state)
{
	char buf[16];
	struct period p, q;

	(void)state;
	for (long day = -719162; day <= 2932896; day += 7) {
		assert_int_equal(period_from_days(day, PERIOD_DAY, &p), 0);
		period_format_iso(&p, buf, sizeof buf);
		assert_int_equal(period_parse(buf, strlen(buf), &q), 0);
		if (q.ord != day)
			fail_msg("day %ld -> %s -> %ld", day, buf, q.ord);
		assert_int_equal(period_from_days(day, PERIOD_MONTH, &q), 0);
		assert_true(period_start_days(&q) <= day && day < period_end_days(&q));
	}
}

/* p formatted by fmt in language code, asserted. */
static void assert_format(const char *s, const char *fmt, const char *code, const char *want)
{
	struct period p = P(s);
	char buf[128];

	if (period_format(&p, fmt, lang_find(code), buf, sizeof buf) < 0)
		fail_msg("%s by \"%s\" in %s: refused", s, fmt, code);
	if (strcmp(buf, want) != 0)
		fail_msg("%s by \"%s\" in %s: got \"%s\", want \"%s\"", s, fmt, code, buf, want);
}

static void test_format_names(void **state)
{
	(void)state;
	/* the examples: a month standing alone */
	assert_format("2024-06", "%B %Y", "en", "June 2024");
	assert_format("2024-06", "%B %Y", "ru", "июнь 2024");
	assert_format("2024-06", "%B %Y", "az", "iyun 2024");
	/* after a day, the form a date uses */
	assert_format("2024-06-14", "%-d %B %Y", "en", "14 June 2024");
	assert_format("2024-06-14", "%-d %B %Y", "ru", "14 июня 2024");
	assert_format("2024-06-14", "%d %B", "az", "14 iyun");
	assert_format("2024-06-14", "%B %Y", "ru", "июнь 2024");
	/* abbreviations: axis ticks, and after a day */
	assert_format("2024-01", "%b", "en", "Jan");
	assert_format("2024-01", "%b", "ru", "янв.");
	assert_format("2024-01", "%b", "az", "yan");
	assert_format("2024-05", "%b %Y", "ru", "май 2024");
	assert_format("2024-05-09", "%-d %b", "ru", "9 мая");
	assert_format("2024-09", "%b", "ru", "сент.");
	assert_format("2024-06", "%b", "az", "iyn");
	/* quarters */
	assert_format("2024-Q2", "%Q %Y", "en", "Q2 2024");
	assert_format("2024-Q2", "%Q %Y", "ru", "2-й кв. 2024");
	assert_format("2024-Q3", "%Q %Y", "az", "3-cü kv. 2024");
	assert_format("2024-08", "Q%q/%y", "en", "Q3/24");
	/* numbers */
	assert_format("2024-06-04", "%Y-%m-%d", "en", "2024-06-04");
	assert_format("2024-06-04", "%-d.%-m.%Y", "ru", "4.6.2024");
	assert_format("0099", "%Y %y", "en", "0099 99");
	assert_format("2024", "100 %% of %Y", "en", "100 % of 2024");
	assert_format("2024", "plain", "en", "plain");
	/* a month of a quarter or year: its first */
	assert_format("2024-Q2", "%q", "ru", "2");
}

static void test_format_defaults(void **state)
{
	static const struct {
		const char *period, *code, *want;
	} cases[] = {
		{ "2024", "en", "2024" },
		{ "2024-Q2", "en", "Q2 2024" },
		{ "2024-Q2", "ru", "2-й кв. 2024" },
		{ "2024-06", "en", "June 2024" },
		{ "2024-06", "ru", "июнь 2024" },
		{ "2024-06", "az", "iyun 2024" },
		{ "2024-06-14", "en", "14 June 2024" },
		{ "2024-06-14", "ru", "14 июня 2024 г." },
		{ "2024-06-14", "az", "14 iyun 2024" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct period p = P(cases[i].period);

		assert_format(cases[i].period, period_default_format(p.gran, lang_find(cases[i].code)),
			      cases[i].code, cases[i].want);
	}
	/* NULL language: English */
	assert_string_equal(period_default_format(PERIOD_DAY, NULL), "%-d %B %Y");
}

/* A language this module has no words for keeps lang.h's months. */
static void test_format_other_language(void **state)
{
	struct lang de = *lang_default();
	static const char *const monate[12] = { "Januar", "Februar", "März", "April", "Mai",
						"Juni", "Juli", "August", "September", "Oktober",
						"November", "Dezember" };
	struct period p = P("2024-03-05");
	char buf[64];

	(void)state;
	de.code = "de";
	memcpy(de.months, monate, sizeof monate);
	assert_int_equal(period_format(&p, "%B %Y", &de, buf, sizeof buf), 0);
	assert_string_equal(buf, "März 2024");
	assert_int_equal(period_format(&p, "%-d. %B", &de, buf, sizeof buf), 0);
	assert_string_equal(buf, "5. März");
}

static void test_format_refused(void **state)
{
	struct period m = P("2024-06"), y = P("2024");
	char buf[8];

	(void)state;
	assert_int_equal(period_format(&m, "%d %B", NULL, buf, sizeof buf), -1);
	assert_string_equal(buf, "");
	assert_int_equal(period_format(&y, "%m", NULL, buf, sizeof buf), -1);
	assert_int_equal(period_format(&m, "%e", NULL, buf, sizeof buf), -1);
	/* too long for the buffer: refused, not cut */
	assert_int_equal(period_format(&m, "%B %Y", NULL, buf, sizeof buf), -1);
	assert_string_equal(buf, "");
	assert_int_equal(period_format(&m, "%B", NULL, buf, sizeof buf), 0);
	assert_string_equal(buf, "June");
	assert_int_equal(period_format(&m, "%B", NULL, buf, 0), -1);
	assert_int_equal(period_format(&m, NULL, NULL, buf, sizeof buf), -1);
}

/* period_format_check's error for fmt at line 4, from column 9. */
static void assert_check(const char *fmt, enum period_gran gran, int col, const char *msg)
{
	struct diag d = { 0 };

	if (period_format_check(fmt, gran, "s.md", 4, 9, &d) == 0)
		fail_msg("\"%s\" was accepted", fmt);
	if (strcmp(d.msg, msg) != 0 || d.col != col || d.line != 4 || strcmp(d.file, "s.md"))
		fail_msg("\"%s\": got %s:%d:%d \"%s\", want col %d \"%s\"", fmt, d.file, d.line,
			 d.col, d.msg, col, msg);
	assert_int_equal(d.code, EXIT_DATAERR);
}

static void test_format_check(void **state)
{
	struct diag d = { 0 };

	(void)state;
	assert_check("%B %d", PERIOD_MONTH, 12, "\"%d\" needs a day, but the values are months");
	assert_check("%-d %B", PERIOD_QUARTER, 9, "\"%-d\" needs a day, but the values are "
		     "quarters");
	assert_check("%Y-%m", PERIOD_YEAR, 12, "\"%m\" needs a month, but the values are years");
	assert_check("%Q %b", PERIOD_QUARTER, 12, "\"%b\" needs a month, but the values are "
		     "quarters");
	assert_check("%q", PERIOD_YEAR, 9, "\"%q\" needs a quarter, but the values are years");
	assert_check("%e %B", PERIOD_DAY, 9, "unknown conversion \"%e\" in date format: expected "
		     "%Y %y %q %Q %m %B %b %d or %%");
	assert_check("%.1f", PERIOD_DAY, 9, "unknown conversion \"%.\" in date format: expected "
		     "%Y %y %q %Q %m %B %b %d or %%");
	assert_check("%Y %", PERIOD_DAY, 12, "unknown conversion \"%\" in date format: expected "
		     "%Y %y %q %Q %m %B %b %d or %%");
	assert_check("%-x", PERIOD_DAY, 9, "unknown conversion \"%-\" in date format: expected "
		     "%Y %y %q %Q %m %B %b %d or %%");
	/* columns count characters */
	assert_check("июнь %é", PERIOD_DAY, 14, "unknown conversion \"%é\" in date format: "
		     "expected %Y %y %q %Q %m %B %b %d or %%");
	assert_int_equal(period_format_check("%B %Y %% %-m %d %y %q %Q %b", PERIOD_DAY, "s.md", 1,
					     1, &d), 0);
	assert_int_equal(period_format_check("%Y", PERIOD_YEAR, NULL, 0, 0, NULL), 0);
	assert_int_equal(period_format_check(NULL, PERIOD_YEAR, NULL, 0, 0, NULL), -1);
}

static void test_format_is_date(void **state)
{
	(void)state;
	assert_true(period_format_is_date("%B %Y"));
	assert_true(period_format_is_date("as of %-d %b"));
	assert_false(period_format_is_date("%.1f"));
	assert_false(period_format_is_date("%+.1f %%"));
	assert_false(period_format_is_date("%Y %.1f"));
	assert_false(period_format_is_date("100 %%"));
	assert_false(period_format_is_date("plain"));
	assert_false(period_format_is_date(NULL));
}

/* Ticks for first..last (ISO days), their labels joined by '|'. */
static const char *ticks(const char *first, const char *last, size_t target, const char *code)
{
	static char out[1024];
	struct period_tick t[64];
	struct period a = P(first), b = P(last);
	size_t n = period_ticks(period_start_days(&a), period_start_days(&b), target,
				lang_find(code), t, 64);

	out[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		if (i)
			strcat(out, "|");
		strcat(out, t[i].label);
		/* each tick on its calendar boundary, inside the range */
		assert_true(t[i].day >= period_start_days(&a) && t[i].day <= period_start_days(&b));
		assert_true(i == 0 || t[i].day > t[i - 1].day);
	}
	return out;
}

static void test_ticks(void **state)
{
	(void)state;
	/* twelve months, room for six: every second month from January */
	assert_string_equal(ticks("2024-01", "2024-12", 6, "en"), "Jan 2024|Mar|May|Jul|Sep|Nov");
	assert_string_equal(ticks("2024-01", "2024-12", 5, "en"), "Jan 2024|Apr|Jul|Oct");
	assert_string_equal(ticks("2024-01", "2024-12", 12, "en"),
			    "Jan 2024|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec");
	/* the year where it changes */
	assert_string_equal(ticks("2023-10", "2024-03", 6, "en"),
			    "Oct 2023|Nov|Dec|Jan 2024|Feb|Mar");
	assert_string_equal(ticks("2023-10", "2024-03", 6, "ru"),
			    "окт. 2023|нояб.|дек.|янв. 2024|февр.|март");
	assert_string_equal(ticks("2023-10", "2024-03", 6, "az"),
			    "okt 2023|noy|dek|yan 2024|fev|mar");
	assert_string_equal(ticks("2022-05", "2024-05", 6, "en"),
			    "Jul 2022|Jan 2023|Jul|Jan 2024");
	/* years */
	assert_string_equal(ticks("2018-04", "2022-05", 6, "en"), "2019|2020|2021|2022");
	assert_string_equal(ticks("1960-01-01", "1969-12-31", 6, "en"), "1960|1962|1964|1966|1968");
	assert_string_equal(ticks("0001-01-01", "9999-12-31", 5, "en"), "2000|4000|6000|8000");
	assert_string_equal(ticks("1900", "2024", 8, "en"), "1900|1920|1940|1960|1980|2000|2020");
	/* days and weeks (from Monday), after-a-day forms */
	assert_string_equal(ticks("2024-06-03", "2024-06-07", 5, "en"),
			    "3 Jun 2024|4 Jun|5 Jun|6 Jun|7 Jun");
	assert_string_equal(ticks("2024-06-03", "2024-06-05", 5, "ru"),
			    "3 июн. 2024|4 июн.|5 июн.");
	assert_string_equal(ticks("2024-06-01", "2024-06-30", 5, "en"),
			    "3 Jun 2024|10 Jun|17 Jun|24 Jun");
	assert_string_equal(ticks("2024-12-30", "2025-01-02", 4, "en"),
			    "30 Dec 2024|31 Dec|1 Jan 2025|2 Jan");
	/* one day: one tick */
	assert_string_equal(ticks("2024-06-14", "2024-06-14", 5, "en"), "14 Jun 2024");
	/* between month starts with room for three: weeks, one too many
	 * rather than none */
	assert_string_equal(ticks("2024-03-02", "2024-03-30", 3, "en"),
			    "4 Mar 2024|11 Mar|18 Mar|25 Mar");
}

static void test_ticks_limits(void **state)
{
	struct period_tick t[4];
	struct period a = P("2024-01"), b = P("2024-12");
	long x = period_start_days(&a), y = period_start_days(&b);

	(void)state;
	/* any order; target below 2 counts as 2; cap respected */
	assert_int_equal(period_ticks(y, x, 2, NULL, t, 4), 2);
	assert_string_equal(t[0].label, "Jan 2024");
	assert_string_equal(t[1].label, "Jul");
	assert_int_equal(period_ticks(x, y, 0, NULL, t, 4), 2);
	assert_int_equal(period_ticks(x, y, 12, NULL, t, 4), 4);
	assert_int_equal(period_ticks(x, y, 12, NULL, t, 0), 0);
	/* outside the calendar */
	assert_int_equal(period_ticks(-719163, x, 5, NULL, t, 4), 0);
	assert_int_equal(period_ticks(x, 2932897, 5, NULL, t, 4), 0);
}

int main(void)
{
	/* the C library's locale must change nothing */
	setlocale(LC_ALL, "");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_valid),
		cmocka_unit_test(test_parse_invalid),
		cmocka_unit_test(test_parts),
		cmocka_unit_test(test_add),
		cmocka_unit_test(test_truncate),
		cmocka_unit_test(test_cmp),
		cmocka_unit_test(test_days),
		cmocka_unit_test(test_days_round_trip),
		cmocka_unit_test(test_format_names),
		cmocka_unit_test(test_format_defaults),
		cmocka_unit_test(test_format_other_language),
		cmocka_unit_test(test_format_refused),
		cmocka_unit_test(test_format_check),
		cmocka_unit_test(test_format_is_date),
		cmocka_unit_test(test_ticks),
		cmocka_unit_test(test_ticks_limits),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
