/* Unit tests for chart.c: a chart's aggregate as a table (one series, and two
 * group columns pivoted into one column per series). */
#include "testutil.h"

#include "chart.h"

/* Give c->q a result of n groups (keys borrowed from string literals are
 * copied so query_clear can free them). */
static void set_groups(struct chart_block *c, const char *const keys[][2],
		       const double *values, size_t n)
{
	c->q.res.groups = calloc(n, sizeof *c->q.res.groups);
	c->q.res.ngroups = n;
	for (size_t i = 0; i < n; i++) {
		c->q.res.groups[i].key[0] = strdup(keys[i][0]);
		c->q.res.groups[i].key[1] = keys[i][1] ? strdup(keys[i][1]) : NULL;
		c->q.res.groups[i].value = values[i];
	}
}

static void test_one_series(void **state)
{
	static const char *const keys[][2] = { { "2020", NULL }, { "2021", NULL } };
	static const double values[] = { 313.1, 1424.4 };
	struct chart_block c = { 0 };
	struct chart_table t;

	(void)state;
	query_init(&c.q);
	c.q.group[0] = strdup("period");
	c.q.ngroup = 1;
	c.q.value = strdup("value_usd_m");
	c.unit = "USD million";
	set_groups(&c, keys, values, 2);
	assert_int_equal(chart_table_build(&c, &t), 0);
	assert_int_equal(t.ncols, 2);
	assert_int_equal(t.nrows, 2);
	assert_string_equal(t.cells[0], "period");
	assert_string_equal(t.cells[1], "USD million");
	assert_string_equal(t.cells[2], "2020");
	assert_string_equal(t.cells[3], "313.1");
	assert_string_equal(t.cells[5], "1,424.4");
	assert_int_equal(t.numeric[0], 0);
	assert_int_equal(t.numeric[1], 1);
	chart_table_free(&t);
	query_clear(&c.q);
}

static void test_two_series_pivot(void **state)
{
	static const char *const keys[][2] = {
		{ "2020", "export" }, { "2020", "import" }, { "Jan–Sep 2022", "export" },
	};
	static const double values[] = { 148.2, 164.9, 188.7 };
	struct chart_block c = { 0 };
	struct chart_table t;

	(void)state;
	query_init(&c.q);
	c.q.group[0] = strdup("period");
	c.q.group[1] = strdup("flow");
	c.q.ngroup = 2;
	set_groups(&c, keys, values, 3);
	assert_int_equal(chart_table_build(&c, &t), 0);
	assert_int_equal(t.ncols, 3);
	assert_int_equal(t.nrows, 2);
	assert_string_equal(t.cells[1], "export");
	assert_string_equal(t.cells[2], "import");
	assert_string_equal(t.cells[3], "2020");
	assert_string_equal(t.cells[4], "148.2");
	assert_string_equal(t.cells[5], "164.9");
	assert_string_equal(t.cells[6], "Jan–Sep 2022");
	assert_string_equal(t.cells[7], "188.7");
	assert_string_equal(t.cells[8], ""); /* no import figure published */
	chart_table_free(&t);
	chart_table_free(&t); /* a freed table is zeroed: freeing again is safe */
	query_clear(&c.q);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_one_series),
		cmocka_unit_test(test_two_series_pivot),
	};

	return cmocka_run_group_tests_name("chart", tests, NULL, NULL);
}
