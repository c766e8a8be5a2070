/* Unit tests for doc.c, the document model's lifecycle: chart type names
 * both ways, chart_block_free on a block the caller holds, doc_queries on
 * a hand-built document (values and blocks merged by spec line), and
 * freeing NULL.  Leaks show under valgrind and ASan (make test). */
#include "testutil.h"

#include "doc.h"

static void test_chart_type_names(void **state)
{
	static const char *const names[] = { "pie", "donut", "bar", "hbar", "line" };
	enum chart_type t = CHART_LINE;

	(void)state;
	for (int i = 0; i < 5; i++) {
		assert_int_equal(doc_chart_type_from_name(names[i], &t), 0);
		assert_int_equal(t, i);
		assert_string_equal(doc_chart_type_name(t), names[i]);
	}
	assert_int_equal(doc_chart_type_from_name("Pie", &t), -1);
	assert_int_equal(doc_chart_type_from_name("", &t), -1);
	assert_int_equal(t, CHART_LINE); /* left alone */
	assert_string_equal(doc_chart_type_name((enum chart_type)7), "?");
}

/* A chart block on the stack, as the chart tests make them: freed and
 * zeroed, so freeing again (or NULL) is harmless. */
static void test_chart_block_free(void **state)
{
	struct chart_block c = { 0 };

	(void)state;
	query_init(&c.q);
	c.type = CHART_BAR;
	c.title = strdup("Trade");
	c.subtitle = strdup("2021");
	c.unit = strdup("USD million");
	c.source = strdup("Belstat");
	c.colors = strdup("#0072B2");
	c.name = strdup("trade");
	c.q.path = strdup("t.csv");
	c.q.group[0] = strdup("year");
	c.q.ngroup = 1;
	c.q.res.groups = calloc(1, sizeof *c.q.res.groups);
	c.q.res.groups[0].key[0] = strdup("2021");
	c.q.res.ngroups = 1;
	chart_block_free(&c);
	assert_null(c.title);
	assert_null(c.q.path);
	assert_int_equal(c.q.res.ngroups, 0);
	chart_block_free(&c);
	chart_block_free(NULL);
}

/* Two values around a table and a chart: document order is spec line
 * order, and a value on a block's line comes first. */
static void test_queries_in_document_order(void **state)
{
	struct table_block table = { 0 };
	struct chart_block chart = { 0 };
	struct block blocks[3] = {
		{ .type = BLOCK_DATA_TABLE, .line = 10, .table = &table },
		{ .type = BLOCK_PARAGRAPH, .line = 15 },
		{ .type = BLOCK_CHART, .line = 20, .chart = &chart },
	};
	struct value_def values[2] = { { .line = 5 }, { .line = 20 } };
	const struct doc doc = { .blocks = blocks, .nblocks = 3, .values = values, .nvalues = 2 };
	struct query **qs;
	size_t n = 99;

	(void)state;
	qs = doc_queries(&doc, &n);
	assert_non_null(qs);
	assert_int_equal(n, 4);
	assert_ptr_equal(qs[0], &values[0].q);
	assert_ptr_equal(qs[1], &table.q);
	assert_ptr_equal(qs[2], &values[1].q);
	assert_ptr_equal(qs[3], &chart.q);
	free(qs);
}

static void test_empty_and_null(void **state)
{
	const struct doc doc = { 0 };
	struct query **qs;
	size_t n = 99;

	(void)state;
	qs = doc_queries(&doc, &n);
	assert_non_null(qs); /* an empty array, not an error */
	assert_int_equal(n, 0);
	free(qs);
	doc_free(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_chart_type_names),
		cmocka_unit_test(test_chart_block_free),
		cmocka_unit_test(test_queries_in_document_order),
		cmocka_unit_test(test_empty_and_null),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
