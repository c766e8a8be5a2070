/* Unit tests for the query model: the where: parser (every construct of
 * the grammar in include/query.h, and each error at its file column), the
 * grouping-key parser (x: year(month)), the coarse comparison of periods,
 * the aggregate and sort names, and query_init/query_clear. */
#include "testutil.h"

#include "query.h"

#define BAD_COND(t) "bad condition \"" t "\": expected column, operator (= != < <= > >=, " \
		    "in, not in, contains, is empty) and value"
#define AND_MSG "\"and\" does not join conditions in where: write a comma (\"a = 1, b = 2\"), " \
		"or quote a value that holds it"

/* A where: text's conditions, one line each: "g column op values", with
 * the column as part(name), the values as <text> with n (a number) and p
 * (a period) after, latest as "latest" and its steps (-N back, .part). */
static const char *dump(const struct cond *c, size_t n)
{
	static char buf[4096];
	size_t o = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		o += (size_t)snprintf(buf + o, sizeof buf - o, "%s%zu ", i ? "; " : "", c[i].group);
		if (c[i].part != PART_WHOLE)
			o += (size_t)snprintf(buf + o, sizeof buf - o, "%s(%s)",
					      query_part_name(c[i].part), c[i].column);
		else
			o += (size_t)snprintf(buf + o, sizeof buf - o, "%s", c[i].column);
		o += (size_t)snprintf(buf + o, sizeof buf - o, " %s", query_op_name(c[i].op));
		for (size_t k = 0; k < c[i].nvals; k++) {
			const struct cond_value *v = &c[i].vals[k];

			assert_int_equal(v->len, strlen(v->text));
			if (v->latest) {
				o += (size_t)snprintf(buf + o, sizeof buf - o, " latest");
				for (size_t j = 0; j < v->nsteps; j++) {
					if (v->steps[j].back)
						o += (size_t)snprintf(buf + o, sizeof buf - o, "-%ld",
								      v->steps[j].n);
					else
						o += (size_t)snprintf(buf + o, sizeof buf - o, ".%s",
								      query_part_name(v->steps[j].part));
				}
				continue;
			}
			o += (size_t)snprintf(buf + o, sizeof buf - o, " <%s>%s%s", v->text,
					      v->is_number ? "n" : "", v->is_period ? "p" : "");
		}
	}
	return buf;
}

/* Parse text (at b.md:3 from column 8), which must succeed, and compare
 * its dump. */
static void check_parse(const char *text, const char *want)
{
	struct cond *c;
	size_t n;
	struct diag d = { 0 };

	if (query_parse_where(text, &c, &n, "b.md", 3, 8, &d) != 0)
		fail_msg("\"%s\": %d: %s", text, d.col, d.msg);
	if (strcmp(dump(c, n), want) != 0)
		fail_msg("\"%s\":\n  got  %s\n  want %s", text, dump(c, n), want);
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(c[i].line, 3);
		assert_true(c[i].col >= 8);
	}
	query_free_where(c, n);
}

/* Every construct of the grammar, and the texts that stay plain text. */
static void test_parse_where(void **state)
{
	static const struct {
		const char *text, *want;
	} good[] = {
		/* the plain conditions of old */
		{ " flow = total ,period>=2020, source != A B ,x<-1.5e3",
		  "0 flow = <total>; 0 period >= <2020>np; 0 source != <A B>; 0 x < <-1.5e3>n" },
		{ "a<=1", "0 a <= <1>n" },
		{ "a>1", "0 a > <1>n" },
		/* "and", "not" inside a value, an apostrophe, an operator
		 * character in a value: plain text */
		{ "region = Trinidad and Tobago, name = Cote d'Ivoire, age = <5, note = not stated, "
		  "x = Gold ore",
		  "0 region = <Trinidad and Tobago>; 0 name = <Cote d'Ivoire>; 0 age = <<5>; "
		  "0 note = <not stated>; 0 x = <Gold ore>" },
		/* dates */
		{ "month >= 2023-06, q = 2024-Q2, d < 2024-02-29",
		  "0 month >= <2023-06>p; 0 q = <2024-Q2>p; 0 d < <2024-02-29>p" },
		{ "month = 2024-6", "0 month = <2024-6>" },
		/* quotes: commas, "or", keywords and quotes kept as text */
		{ "firm = \"General Motors, Inc.\"", "0 firm = <General Motors, Inc.>" },
		{ "firm = 'IBM', note = \"say \"\"hi\"\" or not\"",
		  "0 firm = <IBM>; 0 note = <say \"hi\" or not>" },
		{ "status = \"latest\", w = 'it''s'", "0 status = <latest>; 0 w = <it's>" },
		{ "\"firm name\" = IBM, \"in\" = x", "0 firm name = <IBM>; 0 in = <x>" },
		{ "x = \"\"", "0 x = <>" },
		{ "size = 5\" pipe", "0 size = <5\" pipe>" },
		/* or: comma binds tighter */
		{ "a = 1, b = 2 or c = 3", "0 a = <1>n; 0 b = <2>n; 1 c = <3>n" },
		{ "flow = export OR flow = import or Flow = re-export",
		  "0 flow = <export>; 1 flow = <import>; 2 Flow = <re-export>" },
		{ "color = orange or x = order", "0 color = <orange>; 1 x = <order>" },
		/* in, not in */
		{ "firm in (IBM, \"General Motors, Inc.\", 3)",
		  "0 firm in <IBM> <General Motors, Inc.> <3>n" },
		{ "firm NOT IN(a,b) , y in ( 2020 )", "0 firm not in <a> <b>; 0 y in <2020>np" },
		{ "Value in USD > 5", "0 Value in USD > <5>n" },
		/* contains, is empty */
		{ "name contains steel, name not contains Steel Co",
		  "0 name contains <steel>; 0 name not contains <Steel Co>" },
		{ "note is empty or note is not empty, x IS  NOT EMPTY",
		  "0 note is empty; 1 note is not empty; 1 x is not empty" },
		{ "is active = yes", "0 is active = <yes>" },
		/* parts of a date column */
		{ "year(month) = 2024, quarter( month ) >= 2024-Q2, MONTH(day) in (2024-01, 2024-02)",
		  "0 year(month) = <2024>np; 0 quarter(month) >= <2024-Q2>p; "
		  "0 month(day) in <2024-01>p <2024-02>p" },
		{ "year(\"the month\") = 2024", "0 year(the month) = <2024>np" },
		{ "month = 3", "0 month = <3>n" },
		/* latest */
		{ "month = latest", "0 month = latest" },
		{ "month = latest - 1, m = LATEST-12, n > latest - 0",
		  "0 month = latest-1; 0 m = latest-12; 0 n > latest-0" },
		{ "year(month) = year(latest)", "0 year(month) = latest.year" },
		{ "year(month) = year(latest) - 1, month <= latest - 12",
		  "0 year(month) = latest.year-1; 0 month <= latest-12" },
		{ "quarter(m) = quarter(latest - 3) - 1", "0 quarter(m) = latest-3.quarter-1" },
		{ "month in (latest, latest - 12, 2020-01)",
		  "0 month in latest latest-12 <2020-01>p" },
		{ "month = latest or flow = x", "0 month = latest; 1 flow = <x>" },
		{ "note = year (s)", "0 note = <year (s)>" },
	};
	static const struct {
		const char *text;
		int col;
		const char *msg;
	} bad[] = {
		{ "period 2021", 8, BAD_COND("period 2021") },
		{ "flow = x, period 2021", 18, BAD_COND("period 2021") },
		{ "period => 2021", 15, "unknown operator \"=>\" in where:" },
		{ "a == 1", 10, "unknown operator \"==\" in where:" },
		{ "a <> 1", 10, "unknown operator \"<>\" in where:" },
		{ "a ! 1", 10, "unknown operator \"!\" in where:" },
		{ "flow = x, , b = 1", 18, "empty condition in where:" },
		{ "flow = x,", 17, "empty condition in where:" },
		{ "", 8, "empty condition in where:" },
		{ "   ", 11, "empty condition in where:" },
		{ "a = 1 or", 16, "empty condition in where:" },
		{ "or a = 1", 8, "empty condition in where:" },
		{ "a = 1 or , b = 2", 17, "empty condition in where:" },
		{ "= 3", 8, BAD_COND("= 3") },
		{ "a =", 8, BAD_COND("a =") },
		{ "a = or b = 1", 8, BAD_COND("a =") },
		{ "firm = \"IBM\" or x", 24, BAD_COND("x") },
		{ "year >= abc", 16, "\"abc\" is not a number or a date (operator >= compares numbers "
				     "and dates, in where:)" },
		{ "month < 2024-6", 16, "\"2024-6\" is not a number or a date (operator < compares "
					"numbers and dates, in where:)" },
		{ "flow = total and period = 2020", 21, AND_MSG },
		{ "period >= 2020 and flow in (a)", 23, AND_MSG },
		{ "flow not = total", 13, "\"not\" goes before in or contains; to compare, write != "
					  "(\"flow != total\")" },
		{ "firm = \"General Motors", 15, "unterminated quote in where: a quoted value ends "
						"with a \"" },
		{ "firm = 'IBM", 15, "unterminated quote in where: a quoted value ends with a '" },
		{ "firm = \"IBM\" Corp", 21, "unexpected text after the closing quote: a quoted value "
					     "ends the condition" },
		{ "firm in (\"IBM\" x)", 23, "unexpected text after the closing quote: a quoted value "
					     "ends the condition's item" },
		{ "\"firm = IBM", 8, "unterminated quote in where: a quoted value ends with a \"" },
		{ "firm in ()", 17, "empty list after in: write the values, \"in (a, b)\"" },
		{ "firm in (a, , b)", 20, "missing value in the list after in" },
		{ "firm in (a, b", 21, "expected \")\" to close the list after in" },
		{ "firm in (a) b", 20, "unexpected \"b\" after a condition: conditions are joined by "
				       "commas (and) or by \"or\"" },
		{ "x is empty y", 19, "unexpected \"y\" after a condition: conditions are joined by "
				      "commas (and) or by \"or\"" },
		{ "year(month = 2024", 18, "expected \")\" to close year(" },
		{ "year() = 2024", 13, "year() needs a column name" },
		{ "year(month) = abc", 22, "\"abc\" is not a date: year(month) compares with a year, "
					   "quarter, month or day such as 2024, 2024-Q2, 2024-06 or "
					   "2024-06-14" },
		{ "quarter(m) in (2024-Q1, 2)", 32, "\"2\" is not a date: quarter(m) compares with a "
						    "year, quarter, month or day such as 2024, 2024-Q2, "
						    "2024-06 or 2024-06-14" },
		{ "year(m) contains 20", 8, "year() gives a date: compare it with = != < <= > >= or "
					    "in, not contains" },
		{ "year(m) is empty", 8, "is empty looks at the column itself: write \"m is empty\"" },
		{ "latest = month", 8, "latest belongs on the right: write \"column = latest\"" },
		{ "year(latest) = year(m)", 13, "latest belongs on the right: write \"year(column) = "
						"year(latest)\"" },
		{ "m = latest + 1", 19, "unexpected text after latest: a value relative to latest is "
					"\"latest - N\" (N periods back)" },
		{ "m = latest - x", 21, "expected a whole number after \"latest -\" (periods back: "
					"latest - 12)" },
		{ "m = latest - 1.5", 21, "expected a whole number after \"latest -\" (periods back: "
					  "latest - 12)" },
		{ "m = latest - 999999999999", 21, "\"latest - N\": N is too large" },
		{ "m = year(latest", 23, "expected \")\" to close year(" },
		{ "m = latest news", 19, "unexpected text after latest: a value relative to latest is "
					 "\"latest - N\" (N periods back)" },
		{ "name contains latest", 22, "latest is a date or a number: compare it with = != < <= "
					      "> >= or in, not contains" },
		/* columns count characters, not bytes */
		{ "a = 1, \xd1\x81\xd1\x82\xd1\x80\xd0\xb0\xd0\xbd\xd0\xb0 = \"x", 24,
		  "unterminated quote in where: a quoted value ends with a \"" },
		{ "\xd1\x81\xd1\x82\xd1\x80\xd0\xb0\xd0\xbd\xd0\xb0 => 1", 15,
		  "unknown operator \"=>\" in where:" },
	};
	struct cond *c;
	size_t n;
	struct diag d;
	char many[1024];
	size_t o = 0;

	(void)state;
	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++)
		check_parse(good[i].text, good[i].want);
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		memset(&d, 0, sizeof d);
		c = (struct cond *)&d; /* must be reset */
		n = 99;
		assert_int_equal(query_parse_where(bad[i].text, &c, &n, "b.md", 3, 8, &d), -1);
		assert_null(c);
		assert_int_equal(n, 0);
		if (strcmp(d.msg, bad[i].msg) != 0 || d.col != bad[i].col)
			fail_msg("\"%s\": %d \"%s\", want %d \"%s\"", bad[i].text, d.col, d.msg,
				 bad[i].col, bad[i].msg);
		assert_string_equal(d.file, "b.md");
		assert_int_equal(d.line, 3);
		assert_int_equal(d.code, EXIT_DATAERR);
	}
	/* 64 groups joined by or at most: the 65th "or" is refused */
	for (int i = 0; i < 64; i++)
		o += (size_t)snprintf(many + o, sizeof many - o, "%sa = %d", i ? " or " : "", i);
	assert_int_equal(query_parse_where(many, &c, &n, "b.md", 3, 1, &d), 0);
	assert_int_equal(n, 64);
	assert_int_equal(c[63].group, 63);
	query_free_where(c, n);
	snprintf(many + o, sizeof many - o, " or a = 64");
	assert_int_equal(query_parse_where(many, &c, &n, "b.md", 3, 1, &d), -1);
	assert_string_equal(d.msg, "too many \"or\": at most 64 groups of conditions");
	assert_int_equal(d.col, (int)o + 2);
	/* a condition's column is where its column name starts */
	assert_int_equal(query_parse_where("a = 1,  b = 2 or   \"c\" = 3", &c, &n, "b.md", 3, 8, &d),
			 0);
	assert_int_equal(c[0].col, 8);
	assert_int_equal(c[1].col, 16);
	assert_int_equal(c[2].col, 27);
	assert_int_equal(c[2].vals[0].col, 33);
	query_free_where(c, n);
	query_free_where(NULL, 0);
	assert_int_equal(query_parse_where(NULL, &c, &n, "b.md", 3, 8, &d), 0);
	assert_null(c);
	assert_int_equal(n, 0);
}

/* query_parse_column: year(), quarter(), month() of a column, else the
 * text as the name; an empty part is an error at its column. */
static void test_parse_column(void **state)
{
	static const struct {
		const char *text, *name;
		enum col_part part;
	} good[] = {
		{ "month", "month", PART_WHOLE },
		{ "year(month)", "month", PART_YEAR },
		{ " Quarter ( period ) ", "period", PART_QUARTER },
		{ "month(day)", "day", PART_MONTH },
		{ "value (USD)", "value (USD)", PART_WHOLE },
		{ "year(month) total", "year(month) total", PART_WHOLE },
		{ "yearly(x)", "yearly(x)", PART_WHOLE },
	};
	char *name;
	enum col_part part;
	struct diag d = { 0 };

	(void)state;
	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
		assert_int_equal(query_parse_column(good[i].text, &name, &part, "b.md", 4, 4, &d), 0);
		assert_string_equal(name, good[i].name);
		assert_int_equal(part, good[i].part);
		free(name);
	}
	assert_int_equal(query_parse_column("year( )", &name, &part, "b.md", 4, 4, &d), -1);
	assert_null(name);
	assert_string_equal(d.msg, "year() needs a column name");
	assert_int_equal(d.line, 4);
	assert_int_equal(d.col, 10);
	assert_int_equal(d.code, EXIT_DATAERR);
	assert_int_equal(query_part_gran(PART_YEAR), PERIOD_YEAR);
	assert_int_equal(query_part_gran(PART_QUARTER), PERIOD_QUARTER);
	assert_int_equal(query_part_gran(PART_MONTH), PERIOD_MONTH);
	assert_int_equal(query_part_gran(PART_WHOLE), -1);
	assert_string_equal(query_part_name(PART_QUARTER), "quarter");
	assert_string_equal(query_part_name(PART_WHOLE), "");
}

/* Periods compare at the coarser granularity: month <= 2024 reaches
 * December 2024. */
static void test_period_cmp(void **state)
{
	static const struct {
		const char *a, *b;
		int cmp;
	} cases[] = {
		{ "2024-06", "2024-06", 0 }, { "2024-05", "2024-06", -1 }, { "2025-01", "2024-12", 1 },
		{ "2024-06", "2024", 0 }, { "2024-12", "2024", 0 }, { "2023-12", "2024", -1 },
		{ "2025-01", "2024", 1 }, { "2024", "2024-06-14", 0 }, { "2024-Q2", "2024-04", 0 },
		{ "2024-Q2", "2024-07", -1 }, { "2024-06-30", "2024-Q2", 0 },
		{ "2024-07-01", "2024-Q2", 1 }, { "2024-Q1", "2024-Q2", -1 },
	};
	struct period a, b;

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		assert_int_equal(period_parse(cases[i].a, strlen(cases[i].a), &a), 0);
		assert_int_equal(period_parse(cases[i].b, strlen(cases[i].b), &b), 0);
		if (query_period_cmp(&a, &b) != cases[i].cmp || query_period_cmp(&b, &a) != -cases[i].cmp)
			fail_msg("%s vs %s: %d", cases[i].a, cases[i].b, query_period_cmp(&a, &b));
	}
}

static void test_names(void **state)
{
	static const char *const aggs[] = { "sum", "mean", "count", "min", "max" };
	static const char *const sorts[] = { "none", "value", "-value", "label" };
	enum agg_kind a;
	enum sort_kind s;

	(void)state;
	for (int i = 0; i < 5; i++) {
		assert_int_equal(query_agg_from_name(aggs[i], &a), 0);
		assert_int_equal(a, (enum agg_kind)i);
	}
	for (int i = 0; i < 4; i++) {
		assert_int_equal(query_sort_from_name(sorts[i], &s), 0);
		assert_int_equal(s, (enum sort_kind)i);
	}
	assert_int_equal(query_agg_from_name("average", &a), -1);
	assert_int_equal(query_agg_from_name("Sum", &a), -1);
	assert_int_equal(query_agg_from_name(NULL, &a), -1);
	assert_int_equal(query_sort_from_name("+value", &s), -1);
	assert_int_equal(query_sort_from_name("", &s), -1);
}

/* query_init/query_clear: defaults, and clear is safe on NULL and zeroed,
 * and frees a parsed where:. */
static void test_init_clear(void **state)
{
	struct query q;
	struct diag d;

	(void)state;
	memset(&q, 0x5a, sizeof q);
	query_init(&q);
	assert_int_equal(q.mode, QUERY_AGGREGATE);
	assert_int_equal(q.agg, AGG_SUM);
	assert_int_equal(q.sort, SORT_NONE);
	assert_int_equal(q.top, 0);
	assert_int_equal(q.group_part[0], PART_WHOLE);
	assert_null(q.path);
	assert_null(q.res.groups);
	assert_int_equal(query_parse_where("a in (1, 2) or b = latest", &q.where, &q.nwhere,
					   "b.md", 1, 1, &d), 0);
	query_clear(&q);
	assert_null(q.where);
	query_clear(&q);
	query_clear(NULL);
	query_init(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_where),
		cmocka_unit_test(test_parse_column),
		cmocka_unit_test(test_period_cmp),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_init_clear),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
