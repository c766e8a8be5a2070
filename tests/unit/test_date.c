/* Unit tests for date.c: strict parsing, epoch conversion, formatting. */
#include <stdlib.h>
#include "testutil.h"

#include "date.h"

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
	date_format_long(&d, buf, sizeof buf);
	assert_string_equal(buf, "14 June 2022");
	d = (struct report_date){ 1993, 12, 1 };
	date_format_long(&d, buf, sizeof buf);
	assert_string_equal(buf, "1 December 1993");
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
	};

	return cmocka_run_group_tests_name("date", tests, NULL, NULL);
}
