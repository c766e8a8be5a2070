/* Unit tests for the query model: the where: parser (structure, refused
 * words and quotes, errors at their file column), the aggregate and sort
 * names, and query_init/query_clear. */
#include "testutil.h"

#include "query.h"

#define WORD(w) "unknown word \"" w "\" in where: conditions are \"column operator value\", " \
		"joined by commas, and every one must hold"
#define QUOTES "quotes are not supported in where: write the value as it is in the file, " \
	       "without quotes"

/* query_parse_where: structure, and errors at the condition's column
 * (col0 = file column of the text's first character). */
static void test_parse_where(void **state)
{
	static const struct {
		const char *text;
		int col;
		const char *msg;
	} bad[] = {
		{ "period 2021", 8, "bad condition \"period 2021\": expected column, operator "
				    "(= != < <= > >=) and value" },
		{ "flow = x, period 2021", 18, "bad condition \"period 2021\": expected column, "
					       "operator (= != < <= > >=) and value" },
		{ "period => 2021", 15, "unknown operator \"=>\" in where:" },
		{ "a == 1", 10, "unknown operator \"==\" in where:" },
		{ "a <> 1", 10, "unknown operator \"<>\" in where:" },
		{ "a ! 1", 10, "unknown operator \"!\" in where:" },
		{ "flow = x, , b = 1", 18, "empty condition in where:" },
		{ "flow = x,", 17, "empty condition in where:" },
		{ "", 8, "empty condition in where:" },
		{ "   ", 11, "empty condition in where:" },
		{ "= 3", 8, "bad condition \"= 3\": expected column, operator "
			    "(= != < <= > >=) and value" },
		{ "a =", 8, "bad condition \"a =\": expected column, operator "
			    "(= != < <= > >=) and value" },
		{ "year >= abc", 16, "\"abc\" is not a number (operator >= needs numbers, in where:)" },
		/* issue 11: no "or", no "in", no quotes yet: errors at their column,
		 * not conditions that silently match nothing */
		{ "firm = IBM or firm = Chrysler", 19, WORD("or") },
		{ "firm = IBM OR Chrysler", 19, WORD("OR") },
		{ "flow = total and period = 2020", 21, WORD("and") },
		{ "firm in (IBM, GM)", 13, WORD("in") },
		{ "flow not = total", 13, WORD("not") },
		{ "firm = \"General Motors\"", 15, QUOTES },
		{ "firm = 'IBM'", 15, QUOTES },
		{ "\"firm\" = IBM", 8, QUOTES },
		{ "a = 1, \xd1\x81\xd1\x82\xd1\x80\xd0\xb0\xd0\xbd\xd0\xb0 = \"x\"", 24, QUOTES },
		{ "\xd1\x81\xd1\x82\xd1\x80\xd0\xb0\xd0\xbd\xd0\xb0 => 1", 15,
		  "unknown operator \"=>\" in where:" },
	};
	struct cond *c;
	size_t n;
	struct diag d;

	(void)state;
	assert_int_equal(query_parse_where(" flow = total ,period>=2020, source != A B ,x<-1.5e3",
					   &c, &n, "b.md", 3, 8, &d), 0);
	assert_int_equal(n, 4);
	assert_string_equal(c[0].column, "flow");
	assert_int_equal(c[0].op, COND_EQ);
	assert_string_equal(c[0].text, "total");
	assert_int_equal(c[0].is_number, 0);
	assert_string_equal(c[1].column, "period");
	assert_int_equal(c[1].op, COND_GE);
	assert_int_equal(c[1].is_number, 1);
	assert_true(c[1].number == 2020);
	assert_string_equal(c[2].column, "source");
	assert_int_equal(c[2].op, COND_NE);
	assert_string_equal(c[2].text, "A B");
	assert_int_equal(c[3].op, COND_LT);
	assert_true(c[3].number == -1500);
	for (size_t i = 0; i < n; i++) {
		free(c[i].column);
		free(c[i].text);
	}
	free(c);

	/* "and", "or", "not" inside a value, an apostrophe inside a word, an
	 * operator character in a value: still plain text */
	assert_int_equal(query_parse_where("region = Trinidad and Tobago, name = Cote d'Ivoire,"
					   " age = <5, note = not stated, x = Gold ore",
					   &c, &n, "b.md", 3, 8, &d), 0);
	assert_int_equal(n, 5);
	assert_string_equal(c[0].text, "Trinidad and Tobago");
	assert_string_equal(c[1].text, "Cote d'Ivoire");
	assert_string_equal(c[2].text, "<5");
	assert_string_equal(c[3].text, "not stated");
	assert_string_equal(c[4].text, "Gold ore");
	for (size_t i = 0; i < n; i++) {
		free(c[i].column);
		free(c[i].text);
	}
	free(c);

	assert_int_equal(query_parse_where("a<=1", &c, &n, "b.md", 3, 8, &d), 0);
	assert_int_equal(c[0].op, COND_LE);
	free(c[0].column);
	free(c[0].text);
	free(c);
	assert_int_equal(query_parse_where("a>1", &c, &n, "b.md", 3, 8, &d), 0);
	assert_int_equal(c[0].op, COND_GT);
	free(c[0].column);
	free(c[0].text);
	free(c);

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

/* query_init/query_clear: defaults, and clear is safe on NULL and zeroed. */
static void test_init_clear(void **state)
{
	struct query q;

	(void)state;
	memset(&q, 0x5a, sizeof q);
	query_init(&q);
	assert_int_equal(q.mode, QUERY_AGGREGATE);
	assert_int_equal(q.agg, AGG_SUM);
	assert_int_equal(q.sort, SORT_NONE);
	assert_int_equal(q.top, 0);
	assert_null(q.path);
	assert_null(q.res.groups);
	query_clear(&q);
	query_clear(&q);
	query_clear(NULL);
	query_init(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_where),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_init_clear),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
