/* Unit tests for utf8.c: validation, decoding, encoding, counting, sanitizing. */
#include "testutil.h"

#include "utf8.h"

static void test_invalid_at(void **state)
{
	(void)state;
	assert_int_equal(utf8_invalid_at("Gəncə, Борисов", strlen("Gəncə, Борисов")), -1);
	assert_int_equal(utf8_invalid_at("ab\xff", 3), 2);
	assert_int_equal(utf8_invalid_at("\xc0\xaf", 2), 0);          /* overlong '/' */
	assert_int_equal(utf8_invalid_at("x\xed\xa0\x80", 4), 1);     /* surrogate */
	assert_int_equal(utf8_invalid_at("\xf4\x90\x80\x80", 4), 0);  /* > U+10FFFF */
	assert_int_equal(utf8_invalid_at("\xe2\x82", 2), 0);          /* truncated */
}

static void test_decode_and_count(void **state)
{
	uint32_t cp;

	(void)state;
	assert_int_equal(utf8_decode("ə", 2, &cp), 2);
	assert_int_equal(cp, 0x259);
	assert_int_equal(utf8_decode("€", 3, &cp), 3);
	assert_int_equal(cp, 0x20ac);
	assert_int_equal(utf8_decode("\xff", 1, &cp), 1);
	assert_int_equal(cp, 0xfffd);
	assert_int_equal(utf8_count("Şəki", strlen("Şəki")), 4);
	assert_int_equal(utf8_count("a\xffz", 3), 3);
}

/* Every length of encoding, at its edges, decodes back to the same code
 * point with the same length. */
static void test_encode(void **state)
{
	static const struct {
		uint32_t cp;
		const char *want;
	} cases[] = {
		{ 'A', "A" }, { 0x7f, "\x7f" }, { 0x80, "\xc2\x80" }, { 0x259, "ə" },
		{ 0x7ff, "\xdf\xbf" }, { 0x800, "\xe0\xa0\x80" }, { 0x20ac, "€" },
		{ 0xfffd, "\xef\xbf\xbd" }, { 0xffff, "\xef\xbf\xbf" },
		{ 0x10000, "\xf0\x90\x80\x80" }, { 0x10ffff, "\xf4\x8f\xbf\xbf" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char out[4];
		uint32_t cp;
		int n = utf8_encode(cases[i].cp, out);

		assert_int_equal(n, (int)strlen(cases[i].want));
		assert_memory_equal(out, cases[i].want, (size_t)n);
		assert_int_equal(utf8_decode(out, (size_t)n, &cp), n);
		assert_int_equal(cp, cases[i].cp);
	}
}

static void test_sanitize(void **state)
{
	char *s;

	(void)state;
	s = utf8_sanitize("Az\xff" "ə", 5);
	assert_string_equal(s, "Az\xef\xbf\xbd" "ə");
	free(s);
	s = utf8_sanitize("plain", 5);
	assert_string_equal(s, "plain");
	free(s);
	s = utf8_sanitize("", 0);
	assert_string_equal(s, "");
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_invalid_at),
		cmocka_unit_test(test_decode_and_count),
		cmocka_unit_test(test_encode),
		cmocka_unit_test(test_sanitize),
	};

	return cmocka_run_group_tests_name("utf8", tests, NULL, NULL);
}
