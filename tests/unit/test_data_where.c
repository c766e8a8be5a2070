/* Unit tests for the richer where: on real files (issue 13): quoted values,
 * in and not in, contains, is empty, groups joined by or (comma binds
 * tighter), dates compared as dates at the coarser granularity,
 * year()/quarter()/month() of a column, and the errors found reading the
 * data, at their CSV line and column. */
#include "data_fixture.h"

/* The CSV most tests read: firms with commas in names, empty cells, months
 * and days. */
static const char *firms_csv(void)
{
	return tmpfile_text("firms.csv",
			    "firm,country,month,day,value,note\n"
			    "\"General Motors, Inc.\",US,2023-11,2023-11-30,10,\n"
			    "IBM,US,2023-12,2023-12-31,20,big\n"
			    "Tata Steel,India,2024-01,2024-01-15,30,steel maker\n"
			    "\"Steel \"\"Works\"\"\",India,2024-02,2024-02-29,40,\n"
			    "Orange,France,2024-03,2024-03-01,50,  \n"
			    "Acme,US,2024-04,2024-04-30,60,or else\n"
			    "Latest Ltd,UK,2024-06,2024-06-14,70,latest\n");
}

/* Run a sum of value by firm with where: text and compare the groups. */
static void check_where(const char *where, const char *want)
{
	struct query *q = qagg(firms_csv(), "firm", NULL, "value", AGG_SUM);

	qwhere(q, where);
	run_ok(q);
	if (strcmp(groups_str(q), want) != 0)
		fail_msg("where: %s\n  got  %s\n  want %s", where, groups_str(q), want);
	qfree(q);
}

/* Quotes, in, not in, contains, is empty. */
static void test_operators(void **state)
{
	(void)state;
	check_where("firm = \"General Motors, Inc.\"", "General Motors, Inc.=10");
	check_where("firm = 'IBM'", "IBM=20");
	check_where("firm = \"Steel \"\"Works\"\"\"", "Steel \"Works\"=40");
	check_where("firm in (IBM, \"General Motors, Inc.\", Nobody)",
		    "General Motors, Inc.=10; IBM=20");
	check_where("country not in (US, India)", "Orange=50; Latest Ltd=70");
	check_where("value in (20, 30.0, 5e1)", "IBM=20; Tata Steel=30; Orange=50");
	check_where("note contains steel", "Tata Steel=30");
	check_where("firm contains Steel", "Tata Steel=30; Steel \"Works\"=40");
	/* bytes as written: case counts */
	check_where("firm not contains a, country != UK", "IBM=20; Steel \"Works\"=40; Acme=60");
	/* a blank cell is empty */
	check_where("note is empty", "General Motors, Inc.=10; Steel \"Works\"=40; Orange=50");
	check_where("note is not empty", "IBM=20; Tata Steel=30; Acme=60; Latest Ltd=70");
	check_where("note = \"\"", "General Motors, Inc.=10; Steel \"Works\"=40; Orange=50");
	/* != and not in hold for an empty cell, = and in do not */
	check_where("note != big, value < 45", "General Motors, Inc.=10; Tata Steel=30; "
		    "Steel \"Works\"=40");
	check_where("note not in (big, \"latest\"), value >= 50", "Orange=50; Acme=60");
	/* quoted keywords are text */
	check_where("note = \"latest\"", "Latest Ltd=70");
	check_where("note = \"or else\"", "Acme=60");
}

/* or joins groups of comma-joined conditions; comma binds tighter. */
static void test_or(void **state)
{
	struct query *q;

	(void)state;
	check_where("country = US, value > 15 or country = India",
		    "IBM=20; Tata Steel=30; Steel \"Works\"=40; Acme=60");
	check_where("country = India or country = US, value > 15",
		    "IBM=20; Tata Steel=30; Steel \"Works\"=40; Acme=60");
	check_where("firm = Orange OR firm = Acme or firm = Nobody", "Orange=50; Acme=60");
	check_where("country = UK or country = UK", "Latest Ltd=70");
	/* a row is counted once, whichever groups hold */
	check_where("value > 0 or value > 10", "General Motors, Inc.=10; IBM=20; Tata Steel=30; "
		    "Steel \"Works\"=40; Orange=50; Acme=60; Latest Ltd=70");
	/* a group that holds stops the others: "firm > 5" is never asked of
	 * a firm's name while the first group holds */
	check_where("value > 0 or firm > 5", "General Motors, Inc.=10; IBM=20; Tata Steel=30; "
		    "Steel \"Works\"=40; Orange=50; Acme=60; Latest Ltd=70");
	q = qagg(firms_csv(), "firm", NULL, "value", AGG_SUM);
	qwhere(q, "value > 15 or firm > 5");
	check_error(q, EXIT_DATAERR, firms_csv(), 2, 1, "\"General Motors, Inc.\" is not a "
		    "number (column firm, in where:)");
	qfree(q);
}

/* Dates compare as dates, at the coarser granularity; parts of a column. */
static void test_dates(void **state)
{
	(void)state;
	check_where("month >= 2024-02", "Steel \"Works\"=40; Orange=50; Acme=60; Latest Ltd=70");
	check_where("month < 2024", "General Motors, Inc.=10; IBM=20");
	check_where("month <= 2023", "General Motors, Inc.=10; IBM=20");
	check_where("month > 2023, month <= 2024-Q1", "Tata Steel=30; Steel \"Works\"=40; "
		    "Orange=50");
	check_where("month = 2024-Q2", "Acme=60; Latest Ltd=70");
	check_where("month = 2023", "General Motors, Inc.=10; IBM=20");
	check_where("month != 2024", "General Motors, Inc.=10; IBM=20");
	check_where("day >= 2024-02-29, day < 2024-06", "Steel \"Works\"=40; Orange=50; Acme=60");
	check_where("day in (2024-01, 2024-Q2)", "Tata Steel=30; Acme=60; Latest Ltd=70");
	check_where("year(month) = 2024, quarter(day) < 2024-Q2",
		    "Tata Steel=30; Steel \"Works\"=40; Orange=50");
	check_where("month(day) = 2024-02", "Steel \"Works\"=40");
	check_where("quarter(month) in (2023-Q4, 2024-Q2)", "General Motors, Inc.=10; IBM=20; "
		    "Acme=60; Latest Ltd=70");
	/* month = 2024-06 is a date; a text that is not one stays text */
	check_where("month = 2024-06", "Latest Ltd=70");
	check_where("month = 2024-6", "");
}

/* Errors found reading the data: at the CSV cell, exit 65. */
static void test_errors(void **state)
{
	const char *path = tmpfile_text("bad_dates.csv", "month,value\n2024-01,1\n2024-02,2\n"
					"n/a,3\n2024,4\n");
	static const struct {
		const char *where;
		int line, col;
		const char *msg;
	} bad[] = {
		{ "year(month) = 2024", 4, 1, "\"n/a\" is not a date such as 2024, 2024-Q2, 2024-06 "
					      "or 2024-06-14 (column month, in year(month), in "
					      "where:)" },
		{ "month(month) = 2024-04, value > 3", 4, 1, "\"n/a\" is not a date such as 2024, "
							      "2024-Q2, 2024-06 or 2024-06-14 (column "
							      "month, in month(month), in where:)" },
		{ "month > 2024-01", 4, 1, "\"n/a\" is not a date such as 2024, 2024-Q2, 2024-06 or "
					   "2024-06-14 (column month, in where:)" },
		{ "month > 2023", 4, 1, "\"n/a\" is not a number (column month, in where:)" },
	};
	struct query *q;

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		q = qagg(path, NULL, NULL, "value", AGG_SUM);
		qwhere(q, bad[i].where);
		check_error(q, EXIT_DATAERR, path, bad[i].line, bad[i].col, bad[i].msg);
		qfree(q);
	}
	/* a year has no single month */
	path = tmpfile_text("years.csv", "month,value\n2024-01,1\n2024,4\n");
	q = qagg(path, NULL, NULL, "value", AGG_SUM);
	qwhere(q, "month(month) = 2024-01");
	check_error(q, EXIT_DATAERR, path, 3, 1, "\"2024\" is a year: it has no single month "
		    "(column month, in month(month), in where:)");
	qfree(q);
	/* = never fails: a text that is not a date is not equal */
	q = qagg(tmpfile_text("bad_dates.csv", "month,value\n2024-01,1\n2024-02,2\nn/a,3\n"), NULL,
		 NULL, "value", AGG_SUM);
	qwhere(q, "month = 2024");
	check_groups(q, "(null)=3");
	qfree(q);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_operators),
		cmocka_unit_test(test_or),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_errors),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
