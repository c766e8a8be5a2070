/* Unit tests for dates as a type and latest (issue 13): latest over
 * months, quarters, days, years and numbers, "latest - N" in the column's
 * own periods, year-to-date across a year boundary, latest over the whole
 * file whatever else where: says, or with latest, rows and sources of the
 * chosen rows only; date columns in chronological order (key_is_date),
 * roll-ups (x: year(month)), dates as values (value_is_date), and the
 * errors, at their CSV cell or at the condition in the spec. */
#include "data_fixture.h"

/* A monthly series over a year boundary (to 2024-01, then last_rows), not
 * in file order everywhere, two flows, and a source per year. */
static const char *monthly(const char *name, const char *last_rows)
{
	static char buf[4096];

	snprintf(buf, sizeof buf,
		 "month,flow,value,source\n"
		 "2023-01,export,1,Y23\n2023-02,export,2,Y23\n2023-03,export,3,Y23\n"
		 "2023-04,export,4,Y23\n2023-05,export,5,Y23\n2023-06,export,6,Y23\n"
		 "2023-07,export,7,Y23\n2023-08,export,8,Y23\n2023-09,export,9,Y23\n"
		 "2023-11,export,11,Y23\n2023-10,export,10,Y23\n2023-12,export,12,Y23\n"
		 "2024-01,export,100,Y24\n2024-01,import,50,Y24\n"
		 "%s", last_rows);
	return tmpfile_text(name, buf);
}

/* A sum of value with where: text on path; its groups must be want. */
static void check_sum(const char *path, const char *g0, const char *where, const char *want)
{
	struct query *q = qagg(path, g0, NULL, "value", AGG_SUM);

	qwhere(q, where);
	run_ok(q);
	if (strcmp(groups_str(q), want) != 0)
		fail_msg("%s where: %s\n  got  %s\n  want %s", path, where, groups_str(q), want);
	qfree(q);
}

/* latest over months: - N in months, year-to-date across a year boundary,
 * the last twelve months, latest of the whole file (not of the rows the
 * other conditions keep). */
static void test_latest_months(void **state)
{
	const char *may = monthly("may.csv", "2024-02,export,200,Y24\n2024-03,export,300,Y24\n"
				  "2024-04,export,400,Y24\n2024-05,export,500,Y24\n");
	const char *jun = monthly("jun.csv", "2024-02,export,200,Y24\n2024-03,export,300,Y24\n"
				  "2024-04,export,400,Y24\n2024-05,export,500,Y24\n"
				  "2024-06,import,600,Y24\n");
	const char *jan = monthly("jan.csv", "");

	(void)state;
	check_sum(may, NULL, "month = latest", "(null)=500");
	check_sum(may, NULL, "month = latest - 1", "(null)=400");
	check_sum(may, NULL, "month = latest - 12", "(null)=5");
	check_sum(may, NULL, "month >= latest - 2, flow = export", "(null)=1200");
	check_sum(may, NULL, "month > latest - 12", "(null)=1613"); /* 2023-06 .. 2024-05 */
	check_sum(may, NULL, "year(month) = year(latest)", "(null)=1550");
	check_sum(may, NULL, "year(month) = year(latest) - 1, month <= latest - 12", "(null)=15");
	check_sum(may, NULL, "quarter(month) = quarter(latest)", "(null)=900");
	check_sum(may, NULL, "quarter(month) = quarter(latest) - 1", "(null)=650");
	check_sum(may, NULL, "month in (latest, latest - 12, 2023-01)", "(null)=506");
	check_sum(may, NULL, "month != latest, month >= 2024-03", "(null)=700");
	/* June's data: the same spec follows the data */
	check_sum(jun, NULL, "month = latest", "(null)=600");
	check_sum(jun, NULL, "month = latest - 1", "(null)=500");
	check_sum(jun, NULL, "month = latest - 12", "(null)=6");
	check_sum(jun, NULL, "year(month) = year(latest)", "(null)=2150");
	/* latest is the file's: June has only imports, so exports match none */
	check_sum(jun, NULL, "month = latest, flow = export", "");
	/* January: year-to-date is January alone; a year earlier is 2023-01 */
	check_sum(jan, "flow", "year(month) = year(latest)", "export=100; import=50");
	check_sum(jan, NULL, "month = latest - 12", "(null)=1");
	check_sum(jan, NULL, "month > latest - 3", "(null)=173"); /* 2023-11 .. 2024-01 */
	check_sum(jan, NULL, "year(month) = year(latest) - 1", "(null)=78");
	/* or, latest on one side */
	check_sum(may, "flow", "flow = import or month = latest", "import=50; export=500");
	check_sum(may, NULL, "month = latest or month = latest - 1, flow = export", "(null)=900");
}

/* latest over quarters, days, years and numbers: - N counts the column's
 * own periods; for numbers it is plain N. */
static void test_latest_kinds(void **state)
{
	const char *q = tmpfile_text("quarters.csv", "q,value\n2023-Q3,1\n2023-Q4,2\n2024-Q1,3\n"
				     "2024-Q2,4\n");
	const char *d = tmpfile_text("days.csv", "day,value\n2024-02-27,1\n2024-02-28,2\n"
				     "2024-02-29,3\n2024-03-01,4\n2023-03-01,5\n");
	const char *y = tmpfile_text("years.csv", "year,value\n2019,1\n2020,2\n2021,3\n2022,4\n");
	const char *n = tmpfile_text("numbers.csv", "week,value\n1,1\n2,2\n10,3\n9.5,4\n,6\n"
				     "-3,5\n");

	(void)state;
	check_sum(q, NULL, "q = latest", "(null)=4");
	check_sum(q, NULL, "q = latest - 2", "(null)=2");
	check_sum(q, NULL, "q > latest - 4", "(null)=10");
	check_sum(q, NULL, "year(q) = year(latest)", "(null)=7");
	check_sum(d, NULL, "day = latest - 1", "(null)=3"); /* 2024 is a leap year */
	check_sum(d, NULL, "day >= latest - 2", "(null)=9");
	check_sum(d, NULL, "month(day) = month(latest) - 12", "(null)=5");
	check_sum(d, NULL, "month(day) = month(latest - 1)", "(null)=6");
	check_sum(y, NULL, "year = latest", "(null)=4");
	check_sum(y, NULL, "year > latest - 2", "(null)=7");
	check_sum(n, NULL, "week = latest", "(null)=3");
	check_sum(n, NULL, "week >= latest - 1", "(null)=7");
	check_sum(n, NULL, "week < latest - 9", "(null)=5");
}

/* A rows query with latest keeps the chosen rows in file order, and at
 * most max_rows of them; rows_matched counts them all.  Sources and the
 * illustrative mark come from the chosen rows only. */
static void test_latest_rows_sources(void **state)
{
	static const char *const cols[] = { "month", "flow", "value", NULL };
	const char *path = tmpfile_text("rows.csv",
					"month,flow,value,source,illustrative\n"
					"2024-05,export,1,A,no\n2024-04,export,2,B,yes\n"
					"2024-05,import,3,C,no\n2024-05,export,4,A,no\n"
					"2024-03,export,5,Illustrative guess,no\n"
					"2024-05,export,6,D,no\n");
	struct query *q = qrows(path, cols);

	(void)state;
	qwhere(q, "month = latest, flow = export");
	run_ok(q);
	assert_int_equal(q->res.nrows, 3);
	assert_int_equal(q->res.rows_matched, 3);
	assert_string_equal(q->res.cells[0], "2024-05");
	assert_string_equal(q->res.cells[3 * 1 + 2], "4");
	assert_string_equal(q->res.cells[3 * 2 + 2], "6");
	assert_int_equal(q->res.lines[0], 2);
	assert_int_equal(q->res.lines[1], 5);
	assert_int_equal(q->res.lines[2], 7);
	assert_int_equal(q->res.nsources, 2);
	assert_string_equal(q->res.sources[0], "A");
	assert_string_equal(q->res.sources[1], "D");
	assert_int_equal(q->res.illustrative, 0);
	qfree(q);

	q = qrows(path, cols);
	q->max_rows = 2;
	qwhere(q, "month = latest or month = latest - 2");
	run_ok(q);
	assert_int_equal(q->res.nrows, 2);
	assert_int_equal(q->res.rows_matched, 5);
	assert_int_equal(q->res.lines[0], 2);
	assert_int_equal(q->res.lines[1], 4);
	qfree(q);

	/* sources in the order of their first chosen row; illustrative from
	 * a chosen row's source or column */
	q = qagg(path, NULL, NULL, "value", AGG_SUM);
	qwhere(q, "month < latest");
	check_groups(q, "(null)=7");
	assert_int_equal(q->res.rows_matched, 2);
	assert_int_equal(q->res.nsources, 2);
	assert_string_equal(q->res.sources[0], "B");
	assert_string_equal(q->res.sources[1], "Illustrative guess");
	assert_int_equal(q->res.illustrative, 1);
	assert_int_equal(q->res.groups[0].line, 3);
	qfree(q);
}

/* Groups from a where: with latest come in the order of their first
 * chosen row, as one pass with the dates written out would give. */
static void test_latest_group_order(void **state)
{
	const char *path = tmpfile_text("order.csv", "month,region,value\n2024-04,north,1\n"
					"2024-05,south,2\n2024-04,east,3\n2024-05,north,4\n"
					"2024-05,east,5\n");
	struct query *q = qagg(path, "region", NULL, "value", AGG_SUM);

	(void)state;
	qwhere(q, "month = latest");
	check_groups(q, "south=2; north=4; east=5");
	assert_int_equal(q->res.groups[0].line, 3);
	assert_int_equal(q->res.groups[1].line, 5);
	assert_int_equal(q->res.groups[2].line, 6);
	assert_int_equal(q->res.rows_matched, 3);
	qfree(q);
	/* no row chosen: no group at all */
	q = qagg(path, "region", NULL, "value", AGG_SUM);
	qwhere(q, "month = latest - 5");
	check_groups(q, "");
	assert_int_equal(q->res.rows_matched, 0);
	qfree(q);
	/* a column with no value: latest matches nothing, != everything */
	path = tmpfile_text("empty_latest.csv", "month,value\n,1\n  ,2\n");
	check_sum(path, NULL, "month = latest", "");
	check_sum(path, NULL, "month != latest", "(null)=3");
}

/* Errors of latest: a column neither all dates nor all numbers (at the
 * first cell that makes it so), and parts of a number column (at the
 * condition in the spec: qwhere() puts it at brief.md:14 from column 8; a
 * negative line below). */
static void test_latest_errors(void **state)
{
	static const struct {
		const char *csv, *where;
		int line, col;    /* in the CSV; in the spec (brief.md:14) when csv is NULL */
		const char *msg;
	} bad[] = {
		{ "month,value\n2024-01,1\n2024-02,2\ntotal,3\n", "month = latest", 4, 1,
		  "\"total\" is neither a date nor a number: latest needs a column of dates or of "
		  "numbers (column month)" },
		/* whether or not the row matches */
		{ "month,value\n2024-01,1\n2024-02,2\ntotal,3\n", "value < 3, month = latest", 4, 1,
		  "\"total\" is neither a date nor a number: latest needs a column of dates or of "
		  "numbers (column month)" },
		{ "month,value\n2024-01,1\n12,2\n", "month = latest", 3, 1, "\"12\" is a number, but "
		  "column month has dates before it: latest needs a column of dates or of numbers" },
		{ "value,month\n1,12\n2,2024-01\n", "month = latest", 3, 3, "\"2024-01\" is a date, "
		  "but column month has numbers before it: latest needs a column of dates or of "
		  "numbers" },
		{ "week,value\n1,1\n2,2\n", "week = year(latest)", -14, 15, "year(latest) needs "
		  "dates, but column week holds numbers" },
		{ "week,value\n1,1\n2,2\n", "year(week) = year(latest)", -14, 8, "year(week) needs "
		  "dates, but column week holds numbers" },
		{ "year,value\n2023,1\n2024,2\n", "year = month(latest)", -14, 15, "month(latest): "
		  "2024 is a year, with no single month" },
		{ "year,value\n0001,1\n0002,2\n", "year = latest - 5", -14, 15, "5 years before 0002 "
		  "is before the year 1" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char name[32];
		const char *path;
		struct query *q;

		snprintf(name, sizeof name, "latest_error%zu.csv", i);
		path = tmpfile_text(name, bad[i].csv);
		q = qagg(path, NULL, NULL, "value", AGG_SUM);
		qwhere(q, bad[i].where);
		check_error(q, EXIT_DATAERR, bad[i].line < 0 ? "brief.md" : path,
			    bad[i].line < 0 ? -bad[i].line : bad[i].line, bad[i].col, bad[i].msg);
		qfree(q);
	}
}

/* Date columns: keys chronological whatever the file's order (sort: none
 * and label), by value when asked; series too; key_is_date; a column of
 * years is a date column; mixed granularities; an empty key last. */
static void test_chronological(void **state)
{
	const char *path = tmpfile_text("chrono.csv",
					"month,flow,value,code\n2024-03,export,1,b\n"
					"2023-12,import,2,a\n2024-01,export,3,c\n2023-12,export,4,a\n"
					"2024-Q1,export,5,a\n,export,6,a\n2024,export,7,a\n");
	struct query *q;

	(void)state;
	q = qagg(path, "month", NULL, "value", AGG_SUM);
	check_groups(q, "2023-12=6; 2024=7; 2024-Q1=5; 2024-01=3; 2024-03=1; =6");
	assert_int_equal(q->res.key_is_date[0], 1);
	assert_int_equal(q->res.key_is_date[1], 0);
	qfree(q);
	q = qagg(path, "month", NULL, "value", AGG_SUM);
	q->sort = SORT_LABEL;
	check_groups(q, "2023-12=6; 2024=7; 2024-Q1=5; 2024-01=3; 2024-03=1; =6");
	qfree(q);
	q = qagg(path, "month", NULL, "value", AGG_SUM);
	q->sort = SORT_VALUE_DESC;
	check_groups(q, "2024=7; 2023-12=6; =6; 2024-Q1=5; 2024-01=3; 2024-03=1");
	qfree(q);
	q = qagg(path, "month", NULL, "value", AGG_SUM);
	q->top = 2;
	q->sort = SORT_NONE;
	check_groups(q, "2023-12=6; 2024=7; *Other=15");
	qfree(q);
	/* series: each category's groups chronologically */
	q = qagg(path, "flow", "month", "value", AGG_SUM);
	check_groups(q, "export/2023-12=4; export/2024=7; export/2024-Q1=5; export/2024-01=3; "
		     "export/2024-03=1; export/=6; import/2023-12=2");
	assert_int_equal(q->res.key_is_date[0], 0);
	assert_int_equal(q->res.key_is_date[1], 1);
	qfree(q);
	/* not a date column: first-seen order, key_is_date 0 */
	q = qagg(path, "code", NULL, "value", AGG_SUM);
	check_groups(q, "b=1; a=24; c=3");
	assert_int_equal(q->res.key_is_date[0], 0);
	qfree(q);
	/* years group as dates; as values they are numbers */
	path = tmpfile_text("years3.csv", "year,value\n2021,1\n2019,2\n2020,3\n");
	q = qagg(path, "year", NULL, "value", AGG_SUM);
	check_groups(q, "2019=2; 2020=3; 2021=1");
	assert_int_equal(q->res.key_is_date[0], 1);
	qfree(q);
	q = qagg(path, NULL, NULL, "year", AGG_MAX);
	check_groups(q, "(null)=2021");
	assert_int_equal(q->res.value_is_date, 0);
	qfree(q);
}

/* x: year(month), quarter(), month(): groups by the larger period; cells
 * that are not dates, or too coarse, are errors at their cell. */
static void test_rollups(void **state)
{
	const char *path = monthly("roll.csv", "2024-02,export,200,Y24\n2024-04,export,400,Y24\n");
	struct query *q;

	(void)state;
	q = qagg(path, "month", NULL, "value", AGG_SUM);
	q->group_part[0] = PART_YEAR;
	check_groups(q, "2023=78; 2024=750");
	assert_int_equal(q->res.key_is_date[0], 1);
	qfree(q);
	q = qagg(path, "month", "flow", "value", AGG_SUM);
	q->group_part[0] = PART_QUARTER;
	check_groups(q, "2023-Q1/export=6; 2023-Q2/export=15; 2023-Q3/export=24; "
		     "2023-Q4/export=33; 2024-Q1/export=300; 2024-Q1/import=50; 2024-Q2/export=400");
	qfree(q);
	q = qagg(path, "flow", "month", "value", AGG_SUM);
	q->group_part[1] = PART_YEAR;
	q->sort = SORT_VALUE_DESC;
	check_groups(q, "export/2023=78; export/2024=700; import/2024=50");
	assert_int_equal(q->res.key_is_date[1], 1);
	qfree(q);
	path = tmpfile_text("days2.csv", "day,value\n2024-02-29,1\n2024-03-01,2\n2024-02-01,4\n");
	q = qagg(path, "day", NULL, "value", AGG_SUM);
	q->group_part[0] = PART_MONTH;
	check_groups(q, "2024-02=5; 2024-03=2");
	qfree(q);
	path = tmpfile_text("roll_bad.csv", "month,value\n2024-01,1\n,2\nQ1 2024,3\n");
	q = qagg(path, "month", NULL, "value", AGG_SUM);
	q->group_part[0] = PART_YEAR;
	check_error(q, EXIT_DATAERR, path, 4, 1, "\"Q1 2024\" is not a date such as 2024, "
		    "2024-Q2, 2024-06 or 2024-06-14 (column month, in year(month))");
	qfree(q);
	path = tmpfile_text("roll_coarse.csv", "month,value\n2024-01,1\n2024-Q1,3\n");
	q = qagg(path, "month", NULL, "value", AGG_SUM);
	q->group_part[0] = PART_MONTH;
	check_error(q, EXIT_DATAERR, path, 3, 1, "\"2024-Q1\" is a quarter: it has no single "
		    "month (column month, in month(month))");
	qfree(q);
}

/* agg min and max over a date column give dates (value_is_date, the
 * group's period); sum and mean over dates, and a column mixing dates and
 * numbers, are errors at the cell. */
static void test_date_values(void **state)
{
	const char *path = monthly("dv.csv", "2024-02,export,200,Y24\n2024-03,export,300,Y24\n");
	char iso[16];
	struct query *q;

	(void)state;
	q = qagg(path, NULL, NULL, "month", AGG_MAX);
	run_ok(q);
	assert_int_equal(q->res.value_is_date, 1);
	period_format_iso(&q->res.value_period, iso, sizeof iso);
	assert_string_equal(iso, "2024-03");
	assert_true(q->res.groups[0].value == (double)period_start_days(&q->res.value_period));
	qfree(q);
	q = qagg(path, "flow", NULL, "month", AGG_MIN);
	q->sort = SORT_LABEL;
	run_ok(q);
	assert_int_equal(q->res.value_is_date, 1);
	period_format_iso(&q->res.groups[0].period, iso, sizeof iso);
	assert_string_equal(iso, "2023-01");
	period_format_iso(&q->res.groups[1].period, iso, sizeof iso);
	assert_string_equal(iso, "2024-01");
	qfree(q);
	/* with latest and a top: "Other" takes the latest of its groups */
	q = qagg(path, "flow", NULL, "month", AGG_MAX);
	q->top = 1;
	qwhere(q, "month > latest - 3");
	run_ok(q);
	assert_int_equal(q->res.ngroups, 2);
	period_format_iso(&q->res.groups[1].period, iso, sizeof iso);
	assert_string_equal(iso, "2024-01");
	qfree(q);
	/* count counts dates */
	q = qagg(path, NULL, NULL, "month", AGG_COUNT);
	check_groups(q, "(null)=16");
	assert_int_equal(q->res.value_is_date, 0);
	qfree(q);
	q = qagg(path, NULL, NULL, "month", AGG_SUM);
	check_error(q, EXIT_DATAERR, path, 2, 1, "\"2023-01\" is a date, not a number (column "
		    "month): agg min and max take dates, sum needs numbers");
	qfree(q);
	path = tmpfile_text("dvmix.csv", "when,value\n2024-01,1\n,2\n7,3\n");
	q = qagg(path, NULL, NULL, "when", AGG_MAX);
	check_error(q, EXIT_DATAERR, path, 4, 1, "\"7\" is a number, but column when has dates "
		    "before it: a value column holds numbers or dates, not both");
	qfree(q);
	path = tmpfile_text("dvmix2.csv", "when,value\n7,1\n2024-01,3\n");
	q = qagg(path, NULL, NULL, "when", AGG_MIN);
	check_error(q, EXIT_DATAERR, path, 3, 1, "\"2024-01\" is a date, but column when has "
		    "numbers before it: a value column holds numbers or dates, not both");
	qfree(q);
	q = qagg(path, NULL, NULL, "value", AGG_MIN);
	qwhere(q, "when = \"n/a\"");
	check_groups(q, "");
	qfree(q);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_latest_months),
		cmocka_unit_test(test_latest_kinds),
		cmocka_unit_test(test_latest_rows_sources),
		cmocka_unit_test(test_latest_group_order),
		cmocka_unit_test(test_latest_errors),
		cmocka_unit_test(test_chronological),
		cmocka_unit_test(test_rollups),
		cmocka_unit_test(test_date_values),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
