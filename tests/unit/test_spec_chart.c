/* Unit tests for the chart block's look keys of issue 13 (src/spec_chart.c):
 * y-min: and y-max: (numbers, on line charts, min below max) and format:
 * (num.h, a section per sign), each error at its line and column. */
#include "testutil.h"

#include "spec.h"

#define PATH "input/b.md"
/* Front matter of three lines, then the chart block's fence on line 4, its
 * keys from line 5: type, data, x, y, title (5-9), the key tested on 10. */
#define CHART(type, more) "---\ntitle: T\n---\n```chart\ntype: " type "\ndata: t.csv\n" \
	"x: month\ny: v\ntitle: T\n" more "```\n"

static struct diag d;

static struct doc *parse(const char *text)
{
	memset(&d, 0, sizeof d);
	return spec_parse(PATH, text, strlen(text), &d, NULL);
}

/* Parsing text fails with exactly this diagnostic (exit 65). */
static void expect_error(const char *text, const char *want)
{
	struct doc *doc = parse(text);
	char buf[1024];

	if (doc)
		fail_msg("parsed, but expected: %s", want);
	assert_int_equal(d.code, EXIT_DATAERR);
	diag_format(&d, buf, sizeof buf);
	assert_string_equal(buf, want);
}

static const struct chart_block *chart_of(const struct doc *doc)
{
	assert_non_null(doc);
	assert_int_equal(doc->nblocks, 1);
	assert_int_equal(doc->blocks[0].type, BLOCK_CHART);
	return doc->blocks[0].chart;
}

static void test_keys_read(void **state)
{
	struct doc *doc;
	const struct chart_block *c;

	(void)state;
	doc = parse(CHART("line", "y-min: -2.5\ny-max: 1e3\nformat: up %.1f %%;down %.1f %%;flat\n"));
	c = chart_of(doc);
	assert_true(c->has_y_min && c->has_y_max);
	assert_true(c->y_min == -2.5);
	assert_true(c->y_max == 1000);
	assert_int_equal(c->y_line, 10); /* the first of them: the warning's place */
	assert_int_equal(c->y_col, 8);
	assert_string_equal(c->format, "up %.1f %%;down %.1f %%;flat");
	doc_free(doc);

	doc = parse(CHART("line", "y-max: 100\n"));
	c = chart_of(doc);
	assert_false(c->has_y_min);
	assert_true(c->has_y_max && c->y_max == 100);
	assert_int_equal(c->y_line, 10);
	assert_null(c->format);
	doc_free(doc);

	/* format: on every type (the summary's number of a pie too) */
	doc = parse(CHART("pie", "format: %'.0f\n"));
	assert_string_equal(chart_of(doc)->format, "%'.0f");
	doc_free(doc);

	doc = parse(CHART("bar", ""));
	c = chart_of(doc);
	assert_false(c->has_y_min || c->has_y_max);
	assert_null(c->format);
	doc_free(doc);
}

static void test_key_errors(void **state)
{
	(void)state;
	expect_error(CHART("line", "y-min: low\n"),
		     "input/b.md:10:8: error: bad y-min \"low\": expected a number");
	expect_error(CHART("line", "y-max: 12,5\n"),
		     "input/b.md:10:8: error: bad y-max \"12,5\": expected a number");
	expect_error(CHART("line", "y-max: nan\n"),
		     "input/b.md:10:8: error: bad y-max \"nan\": expected a number");
	expect_error(CHART("line", "y-min: 10\ny-max: 5\n"),
		     "input/b.md:11:8: error: y-max: 5 must be greater than y-min: 10");
	expect_error(CHART("line", "y-max: 10\ny-min: 10\n"),
		     "input/b.md:10:8: error: y-max: 10 must be greater than y-min: 10");
	expect_error(CHART("line", "y-min: -1e308\ny-max: 1e308\n"),
		     "input/b.md:11:8: error: y-max: 1e308 must be greater than y-min: -1e308");
	expect_error(CHART("bar", "y-max: 100\n"),
		     "input/b.md:10:8: error: y-max: is for line charts only: bars start at zero, "
		     "and a pie has no value axis");
	expect_error(CHART("pie", "y-min: 0\n"),
		     "input/b.md:10:8: error: y-min: is for line charts only: bars start at zero, "
		     "and a pie has no value axis");
	expect_error(CHART("line", "format: %d\n"),
		     "input/b.md:10:9: error: bad format \"%d\": expected one number conversion such "
		     "as %.1f");
	expect_error(CHART("bar", "format: up %.1f;;flat\n"),
		     "input/b.md:10:16: error: empty negative section in format "
		     "(positive;negative;zero)");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_keys_read),
		cmocka_unit_test(test_key_errors),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
