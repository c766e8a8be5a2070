/* Unit tests for date.c: strict parsing, epoch conversion, formatting. */
#include <stdlib.h>
#include "testutil.h"

#include "date.h"
#include "lang.h"

static void test_parse_valid(void **state)
{
	struct report_date d;

	(void)state;
	assert_int_equal(date_parse("2022-06-14", &d), 0);
	assert_int_equal(d.year, 2022);
	assert_int_equal(d.month, 6);
	assert_int_equal(d.day, 14);
	assert_int_equal(date_parse("2024-02-29", &d), 0);
	assert_int_equal(date_parse("2000-02-29", &d), 0);
}

static void test_parse_invalid(void **state)
{
	static const char *const bad[] = {
		"2022-13-01", "2022-02-30", "2023-02-29", "1900-02-29", "2022-6-14",
		"2022/06/14", "22-06-14", "2022-06-14 ", "", "0000-01-01", "2022-00-10",
		"2022-06-00", "abcd-ef-gh",
	};
	struct report_date d;

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		assert_int_equal(date_parse(bad[i], &d), -1);
	assert_int_equal(date_parse(NULL, &d), -1);
}

static void test_from_epoch(void **state)
{
	struct report_date d;
	char buf[32];

	(void)state;
	date_from_epoch(0, &d);
	date_format_iso(&d, buf, sizeof buf);
	assert_string_equal(buf, "1970-01-01");
	date_from_epoch(1655164800, &d); /* 2022-06-14T00:00:00Z */
	date_format_iso(&d, buf, sizeof buf);
	assert_string_equal(buf, "2022-06-14");
	date_from_epoch(1655251199, &d); /* last second of that day */
	date_format_iso(&d, buf, sizeof buf);
	assert_string_equal(buf, "2022-06-14");
	date_from_epoch(951782400, &d); /* 2000-02-29 */
	date_format_iso(&d, buf, sizeof buf);
	assert_string_equal(buf, "2000-02-29");
}

static void test_format_long(void **state)
{
	struct report_date d = { 2022, 6, 14 };
	char buf[32];

	(void)state;
	date_format_long(&d, NULL, buf, sizeof buf);
	assert_string_equal(buf, "14 June 2022");
	d = (struct report_date){ 1993, 12, 1 };
	date_format_long(&d, lang_find("en"), buf, sizeof buf);
	assert_string_equal(buf, "1 December 1993");
}

/* Every month in each language: Russian in the genitive with "г.",
 * Azerbaijani in lower case. */
static void test_format_long_locales(void **state)
{
	static const char *const ru[12] = {
		"1 января 2026 г.", "1 февраля 2026 г.", "1 марта 2026 г.", "1 апреля 2026 г.",
		"1 мая 2026 г.", "1 июня 2026 г.", "1 июля 2026 г.", "1 августа 2026 г.",
		"1 сентября 2026 г.", "1 октября 2026 г.", "1 ноября 2026 г.",
		"1 декабря 2026 г.",
	};
	static const char *const az[12] = {
		"1 yanvar 2026", "1 fevral 2026", "1 mart 2026", "1 aprel 2026", "1 may 2026",
		"1 iyun 2026", "1 iyul 2026", "1 avqust 2026", "1 sentyabr 2026",
		"1 oktyabr 2026", "1 noyabr 2026", "1 dekabr 2026",
	};
	static const char *const en[12] = {
		"1 January 2026", "1 February 2026", "1 March 2026", "1 April 2026",
		"1 May 2026", "1 June 2026", "1 July 2026", "1 August 2026",
		"1 September 2026", "1 October 2026", "1 November 2026", "1 December 2026",
	};
	struct report_date d = { 2026, 11, 28 };
	char buf[64];

	(void)state;
	date_format_long(&d, lang_find("ru"), buf, sizeof buf);
	assert_string_equal(buf, "28 ноября 2026 г.");
	date_format_long(&d, lang_find("az"), buf, sizeof buf);
	assert_string_equal(buf, "28 noyabr 2026");
	date_format_long(&d, lang_find("en"), buf, sizeof buf);
	assert_string_equal(buf, "28 November 2026");
	for (int m = 1; m <= 12; m++) {
		d = (struct report_date){ 2026, m, 1 };
		date_format_long(&d, lang_find("ru"), buf, sizeof buf);
		assert_string_equal(buf, ru[m - 1]);
		date_format_long(&d, lang_find("az"), buf, sizeof buf);
		assert_string_equal(buf, az[m - 1]);
		date_format_long(&d, lang_find("en"), buf, sizeof buf);
		assert_string_equal(buf, en[m - 1]);
	}
}

/* Codes are exact: unknown, upper case or regional forms are not found. */
static void test_lang_find(void **state)
{
	(void)state;
	assert_non_null(lang_find("en"));
	assert_non_null(lang_find("ru"));
	assert_non_null(lang_find("az"));
	assert_ptr_equal(lang_default(), lang_find("en"));
	assert_ptr_equal(lang_or_default(NULL), lang_find("en"));
	assert_null(lang_find("fr"));
	assert_null(lang_find("RU"));
	assert_null(lang_find("ru_RU"));
	assert_null(lang_find(""));
	assert_null(lang_find(NULL));
}

/* "page N of M" in each language. */
static void test_lang_page(void **state)
{
	char buf[64];

	(void)state;
	lang_page(lang_find("en"), buf, sizeof buf, 3, 10);
	assert_string_equal(buf, "page 3 of 10");
	lang_page(lang_find("ru"), buf, sizeof buf, 3, 10);
	assert_string_equal(buf, "страница 3 из 10");
	lang_page(lang_find("az"), buf, sizeof buf, 3, 10);
	assert_string_equal(buf, "səhifə 3 / 10");
	lang_page(NULL, buf, sizeof buf, 1, 1);
	assert_string_equal(buf, "page 1 of 1");
}

/* -o patterns: the report date, in the C locale and UTC whatever the
 * environment says. */
static void test_strftime(void **state)
{
	struct report_date d = { 2026, 11, 28 };
	char buf[64];

	(void)state;
	setenv("TZ", "Asia/Baku", 1);
	assert_int_equal(date_strftime(&d, "output/briefing-%Y-%m.pdf", buf, sizeof buf), 0);
	assert_string_equal(buf, "output/briefing-2026-11.pdf");
	assert_int_equal(date_strftime(&d, "%F %a %b %d %j %%", buf, sizeof buf), 0);
	assert_string_equal(buf, "2026-11-28 Sat Nov 28 332 %");
	assert_int_equal(date_strftime(&d, "plain.pdf", buf, sizeof buf), 0);
	assert_string_equal(buf, "plain.pdf");
	assert_int_equal(date_strftime(&d, "%Y-%m-%d-too-long", buf, 8), -1);
	assert_int_equal(date_strftime(&d, "", buf, sizeof buf), -1);
	assert_int_equal(date_strftime(&d, "%p", buf, sizeof buf), 0); /* "AM": C locale */
	assert_string_equal(buf, "AM");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_valid),
		cmocka_unit_test(test_parse_invalid),
		cmocka_unit_test(test_from_epoch),
		cmocka_unit_test(test_format_long),
		cmocka_unit_test(test_strftime),
		cmocka_unit_test(test_format_long_locales),
		cmocka_unit_test(test_lang_find),
		cmocka_unit_test(test_lang_page),
	};

	return cmocka_run_group_tests_name("date", tests, NULL, NULL);
}
