/* Unit tests for strbuf.c: appending, the empty string, handing over, and
 * the sticky out-of-memory flag. */
#include "testutil.h"

#include "strbuf.h"

static void test_add_and_take(void **state)
{
	struct strbuf b = { 0 };
	struct diag d = { 0 };
	char *out = NULL;
	size_t len = 0;

	(void)state;
	strbuf_str(&b, "Gəncə");
	strbuf_add(&b, ", Minsk", 2);
	for (int i = 0; i < 100; i++) /* past the first allocations */
		strbuf_add(&b, "x", 1);
	assert_int_equal(b.n, strlen("Gəncə") + 2 + 100);
	assert_int_equal(b.s[b.n], '\0');
	assert_int_equal(strbuf_take(&b, &out, &len, &d), 0);
	assert_int_equal(len, strlen(out));
	assert_memory_equal(out, "Gəncə, x", strlen("Gəncə, x"));
	assert_null(b.s); /* handed over: b owns nothing */
	free(out);
}

/* An empty string is "" once anything (even nothing) was added, and
 * strbuf_take hands over "" for a string never added to. */
static void test_empty(void **state)
{
	struct strbuf b = { 0 };
	struct diag d = { 0 };
	char *out = NULL;

	(void)state;
	strbuf_add(&b, "", 0);
	assert_non_null(b.s);
	assert_string_equal(b.s, "");
	strbuf_free(&b);
	assert_null(b.s);
	strbuf_free(&b); /* freed is zeroed: freeing again is safe */
	assert_int_equal(strbuf_take(&b, &out, NULL, &d), 0);
	assert_string_equal(out, "");
	free(out);
}

/* After a failed addition nothing more is added, and strbuf_take reports
 * the one out-of-memory error. */
static void test_oom_is_sticky(void **state)
{
	struct strbuf b = { 0 };
	struct diag d = { 0 };
	char *out = NULL;

	(void)state;
	strbuf_str(&b, "ab");
	b.oom = 1; /* as if an allocation had failed */
	strbuf_str(&b, "cd");
	assert_int_equal(b.n, 2);
	assert_int_equal(strbuf_take(&b, &out, NULL, &d), -1);
	assert_null(out);
	assert_null(b.s);
	assert_int_equal(d.code, EXIT_SOFTWARE);
	assert_string_equal(d.msg, "out of memory");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_add_and_take),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_oom_is_sticky),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
