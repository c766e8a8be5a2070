/* Unit tests for num: locale-independent parsing and formatting, and
 * sign-dependent formats (positive;negative;zero) with every check error at
 * its column.
 * main() calls setlocale(LC_ALL, ""), so running this under a decimal-comma
 * locale (LC_ALL=de_DE.UTF-8) checks that nothing depends on it. */
#include "testutil.h"

#include <float.h>
#include <locale.h>
#include <math.h>

#include "diag.h"
#include "num.h"

/* Parse a C string with num_parse. */
static int parse(const char *s, double *v)
{
	return num_parse(s, strlen(s), v);
}

static void test_parse_accepts(void **state)
{
	static const struct {
		const char *text;
		double want;
	} cases[] = {
		{ "1234.5", 1234.5 },
		{ "-3", -3 },
		{ "1e3", 1000 },
		{ "1E3", 1000 },
		{ "2.5e-3", 0.0025 },
		{ "1e+2", 100 },
		{ "+7", 7 },
		{ "  42  ", 42 },
		{ "\t42\t", 42 },
		{ " -0.5 ", -0.5 },
		{ "0.1", 0.1 },
		{ ".5", 0.5 },
		{ "5.", 5 },
		{ "007", 7 },
		{ "0", 0 },
		{ "0.000", 0 },
		{ "424.4", 424.4 },
		{ "3.14159265358979323846", 3.141592653589793 },
		{ "123456789012345678901234567890", 1.2345678901234568e29 },
		{ "9007199254740993", 9007199254740992.0 },
		{ "1.7976931348623157e308", DBL_MAX },
		{ "2.2250738585072014e-308", DBL_MIN },
		{ "0.000000000000000000000000001", 1e-27 },
		{ "1e22", 1e22 },
		{ "1e23", 1e23 },
		{ "123456789012345e-20", 123456789012345e-20 },
	};
	double v;

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		v = -12345;
		if (parse(cases[i].text, &v) != 0)
			fail_msg("rejected \"%s\"", cases[i].text);
		if (v != cases[i].want)
			fail_msg("\"%s\" gave %.17g, want %.17g", cases[i].text, v, cases[i].want);
	}
	assert_int_equal(parse("-0", &v), 0);
	assert_true(v == 0 && signbit(v));
	/* the length bounds the text: "12345" read as "12" */
	assert_int_equal(num_parse("12345", 2, &v), 0);
	assert_true(v == 12);
	assert_int_equal(num_parse("7,5", 1, &v), 0);
	assert_true(v == 7);
}

static void test_parse_rejects(void **state)
{
	static const char *const bad[] = {
		"12,5", "", " ", "\t", "nan", "NaN", "inf", "-inf", "Infinity", "0x10",
		"0X1p3", "1e999", "-1e999", "1.2.3", "1e", "1e+", "e3", "+", "-", ".",
		"+.", "1 2", "1e3.5", "++1", "--1", "+-1", "1,000", "12a", "a12",
		"1_000", "\xef\xbc\x91", "1e5e5", "- 1", "1.5 %",
	};
	double v = 99;

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		if (parse(bad[i], &v) == 0)
			fail_msg("accepted \"%s\" as %g", bad[i], v);
	assert_true(v == 99); /* untouched on failure */
	assert_int_equal(num_parse(NULL, 0, &v), -1);
	assert_int_equal(num_parse("1\0" "2", 3, &v), -1); /* embedded NUL */
}

/* The fast path must agree bit for bit with a correctly rounded strtod. */
static void test_parse_matches_strtod(void **state)
{
	locale_t c = newlocale(LC_ALL_MASK, "C", (locale_t)0);
	unsigned seed = 12345;
	char s[64];

	(void)state;
	assert_non_null(c);
	for (int i = 0; i < 20000; i++) {
		int n = 0, ndig = 1 + (int)((seed = seed * 1103515245 + 12345) >> 16) % 18;
		int dot = (int)((seed = seed * 1103515245 + 12345) >> 16) % (ndig + 1);
		int ex = (int)((seed = seed * 1103515245 + 12345) >> 16) % 61 - 30;
		double got, want;

		for (int k = 0; k < ndig; k++) {
			if (k == dot)
				s[n++] = '.';
			s[n++] = (char)('0' + ((seed = seed * 1103515245 + 12345) >> 16) % 10);
		}
		if (i % 2)
			n += snprintf(s + n, sizeof s - (size_t)n, "e%d", ex);
		s[n] = '\0';
		want = strtod_l(s, NULL, c);
		assert_int_equal(parse(s, &got), 0);
		if (memcmp(&got, &want, sizeof got) != 0)
			fail_msg("\"%s\": %.17g, strtod says %.17g", s, got, want);
	}
	freelocale(c);
}

/* Tricky inputs for the fast paths: the boundaries of 15 digits and of the
 * exact powers of ten, halfway cases, subnormals, long zero runs.  Every one
 * must give strtod's double, bit for bit (and its sign for zeros). */
static void test_parse_tricky(void **state)
{
	static const char *const cases[] = {
		"0.1", "0.2", "0.3", "0.7", "1.1", "2.675", "1.005", "0.000001",
		"123456789012345", "999999999999999", "100000000000000", "1000000000000000",
		"9999999999999999", "12345678901234567", "99999999999999999999",
		"0.123456789012345", "1.23456789012345", "12345678.9012345",
		"0.999999999999999", "999999999999999e7", "999999999999999e8",
		"123456789012345e-22", "123456789012345e-23", "1e-22", "1e-23",
		"1e15", "1e16", "1e22", "1e23", "4.35", "8.41", "9007199254740991",
		"9007199254740992", "9007199254740993", "9007199254740995",
		"0.30000000000000004", "2.2250738585072011e-308", "2.2250738585072012e-308",
		"4.9406564584124654e-324", "2.4703282292062327e-324", "1e-400",
		"1.7976931348623157e308", "5e-324", "-0.0", "-0", "+0", "0e5", "0.0e-999",
		"00000000000000000000001.5", "1.50000000000000000000000",
		"0.00000000000000000000000000000000001", "3.141592653589793",
		"2.718281828459045", "1234.5678e-2", "-98765.4321e+3", " 7.5 ", "\t-2.25\t",
		"7.", ".7", "-.7", "+.7e1", "1E+10", "1e-0", "123456789012345.",
		".123456789012345", "0.0000000000000000000000123456789012345",
	};
	locale_t c = newlocale(LC_ALL_MASK, "C", (locale_t)0);

	(void)state;
	assert_non_null(c);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		double got, want = strtod_l(cases[i], NULL, c);

		if (parse(cases[i], &got) != 0)
			fail_msg("rejected \"%s\"", cases[i]);
		if (memcmp(&got, &want, sizeof got) != 0)
			fail_msg("\"%s\": %.17g, strtod says %.17g", cases[i], got, want);
	}
	freelocale(c);
}

static unsigned long long rng_next(unsigned long long *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

/* Random decimal strings of at most 15 significant digits, in every shape
 * the fast paths take (sign, leading zeros, a point anywhere, an exponent,
 * spaces around), must give strtod's double bit for bit, and num_parse_dec()
 * their exact decimal value: 300 000 of them. */
static void test_parse_random_15(void **state)
{
	locale_t c = newlocale(LC_ALL_MASK, "C", (locale_t)0);
	unsigned long long seed = 0x9e3779b97f4a7c15ULL;
	char s[96];

	(void)state;
	assert_non_null(c);
	for (int i = 0; i < 300000; i++) {
		unsigned long long r = rng_next(&seed);
		int ndig = 1 + (int)(r % 15), lead = (r >> 8) % 4 == 0 ? (int)((r >> 12) % 4) : 0;
		int dot = (int)((r >> 16) % (unsigned)(ndig + lead + 2)) - 1; /* -1: none */
		int ex = (r >> 24) % 3 == 0 ? (int)((r >> 28) % 61) - 30 : 0;
		int n = 0, frac = 0, neg = (r >> 40) & 1;
		long long mant = 0;
		double got, want;
		int64_t m;
		int k;

		if ((r >> 41) % 8 == 0)
			s[n++] = ' ';
		if (neg)
			s[n++] = '-';
		else if ((r >> 42) % 4 == 0)
			s[n++] = '+';
		for (int d = 0; d < lead + ndig; d++) {
			int digit = d < lead ? 0 : (int)(rng_next(&seed) % 10);

			if (d == dot)
				s[n++] = '.';
			if (dot >= 0 && d >= dot)
				frac++;
			s[n++] = (char)('0' + digit);
			mant = mant * 10 + digit;
		}
		if (dot == lead + ndig)
			s[n++] = '.';
		if (ex)
			n += snprintf(s + n, sizeof s - (size_t)n, "e%d", ex);
		if ((r >> 45) % 8 == 0)
			s[n++] = '\t';
		s[n] = '\0';
		want = strtod_l(s, NULL, c);
		if (num_parse_dec(s, (size_t)n, &got, &m, &k) != 0)
			fail_msg("rejected \"%s\"", s);
		if (memcmp(&got, &want, sizeof got) != 0)
			fail_msg("\"%s\": %.17g, strtod says %.17g", s, got, want);
		assert_true(parse(s, &got) == 0 && memcmp(&got, &want, sizeof got) == 0);
		/* the exact form: mant / 10^(frac - ex) when that scale is 0..18 */
		if (frac - ex >= 0 && frac - ex <= 18) {
			if (k < 0)
				fail_msg("\"%s\": no exact form", s);
			/* m / 10^k == mant / 10^(frac - ex), up to trailing zeros */
			for (int e = k; e < frac - ex; e++)
				m *= 10;
			for (int e = frac - ex; e < k; e++)
				mant *= 10;
			if (m != (neg ? -mant : mant))
				fail_msg("\"%s\": exact form %lld / 10^%d", s, (long long)m, k);
		}
	}
	freelocale(c);
}

/* num_parse_dec() on its own: the exact form, or -1 for none. */
static void test_parse_dec(void **state)
{
	static const struct {
		const char *text;
		long long mant;
		int scale;
	} cases[] = {
		{ "1234.56", 123456, 2 }, { "-3", -3, 0 }, { "2.5e-3", 25, 4 },
		{ "1e3", 1000, 0 }, { "0.10", 10, 2 }, { " +7.000 ", 7000, 3 },
		{ "0", 0, 0 }, { "-0.0", 0, 1 }, { "123456789012345", 123456789012345, 0 },
		{ "1.5e18", 0, -1 }, { "1e30", 0, -1 }, { "1234567890123456", 0, -1 },
		{ "0.1234567890123456789", 0, -1 }, { "1e-19", 0, -1 }, { "1e-18", 1, 18 },
	};
	double v;
	int64_t m;
	int k;

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		assert_int_equal(num_parse_dec(cases[i].text, strlen(cases[i].text), &v, &m, &k), 0);
		if (k != cases[i].scale || (k >= 0 && m != cases[i].mant))
			fail_msg("\"%s\": %lld / 10^%d", cases[i].text, (long long)m, k);
	}
	assert_int_equal(num_parse_dec("12,5", 4, &v, &m, &k), -1);
	assert_int_equal(num_parse_dec(NULL, 0, &v, &m, &k), -1);
}

/* num_parse_dec16() gives num_parse_dec()'s answer, bit for bit, on texts
 * of every length up to 18 in a buffer with 16 readable bytes past them:
 * digits and one or two '.' (its fast shape and the edges of it: 15 and 16
 * digits, "." alone, "5.", ".5"), and signs, spaces, exponents, commas and
 * letters now and then (the fallback), from a fixed seed. */
static void test_parse_dec16(void **state)
{
	static const char alphabet[] = "0123456789012345678901234567890123456789....-+ e,x";
	uint64_t seed = 0x2545f4914f6cdd1dULL;
	char buf[48];

	(void)state;
	for (int i = 0; i < 400000; i++) {
		size_t len;
		double v1 = 0, v2 = 0;
		int64_t m1 = 0, m2 = 0;
		int k1 = 0, k2 = 0, r1, r2, plain;

		seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
		len = (size_t)((seed >> 40) % 19);
		plain = (seed >> 20) % 4 != 0; /* mostly digits and dots */
		memset(buf, (seed >> 10) & 1 ? '7' : ',', sizeof buf); /* what follows the text */
		for (size_t j = 0; j < len; j++) {
			seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
			buf[j] = alphabet[(seed >> 33) % (plain ? 44 : sizeof alphabet - 1)];
		}
		r1 = num_parse_dec(buf, len, &v1, &m1, &k1);
		r2 = num_parse_dec16(buf, len, &v2, &m2, &k2);
		if (r1 != r2 || memcmp(&v1, &v2, sizeof v1) != 0 || k1 != k2 || (k1 >= 0 && m1 != m2))
			fail_msg("\"%.*s\": num_parse_dec %d %a %lld/10^%d, num_parse_dec16 %d %a %lld/10^%d",
				 (int)len, buf, r1, v1, (long long)m1, k1, r2, v2, (long long)m2, k2);
	}
}

/* num_format(fmt, v) must give want. */
static void check_format(const char *fmt, double v, const char *want)
{
	char buf[128];

	memset(buf, 'x', sizeof buf);
	if (num_format(buf, sizeof buf, fmt, v) != 0)
		fail_msg("num_format rejected \"%s\"", fmt);
	if (strcmp(buf, want) != 0)
		fail_msg("num_format(\"%s\", %.17g) = \"%s\", want \"%s\"", fmt, v, buf, want);
	assert_int_equal(num_format_check(fmt), 0);
}

static void test_format(void **state)
{
	(void)state;
	check_format("%.1f", 424.4, "424.4");
	check_format("%'.0f", 1234567, "1,234,567");
	check_format("USD %.1f million", 12.345, "USD 12.3 million");
	check_format("%.2f%%", 12.5, "12.50%");
	check_format("100%% of %.0f", 3, "100% of 3");
	check_format("%'.2f", -1234567.891, "-1,234,567.89");
	check_format("%'.0f", 999, "999");
	check_format("%'.0f", 1000, "1,000");
	check_format("%'.0f", 100000, "100,000");
	check_format("%'.1f", 0.25, "0.2");
	check_format("%'10.0f", 1234, "     1,234");
	check_format("[%-'10.0f]", 1234, "[1,234     ]");
	check_format("%'010.0f", -1234, "-00001,234");
	check_format("%'+.0f", 1234, "+1,234");
	check_format("%.3e", 12345, "1.234e+04");
	check_format("%E", 0.5, "5.000000E-01");
	check_format("%g", 0.5, "0.5");
	check_format("%g", 1234567, "1.23457e+06");
	check_format("%'g", 123456, "123,456");
	check_format("%f", 1.5, "1.500000");
	check_format("%F", 2, "2.000000");
	check_format("%+.1f", 3, "+3.0");
	check_format("% .1f", 3, " 3.0");
	check_format("%5.1f", 3, "  3.0");
	check_format("%05.1f", -3, "-03.0");
	check_format("%#.0f", 3, "3.");
	check_format("%.0f", 2.5, "2");
	check_format("%.1f", 1e21, "1000000000000000000000.0");
	check_format("%'.0f", 1e21, "1,000,000,000,000,000,000,000");
}

static void test_format_rejects(void **state)
{
	static const char *const bad[] = {
		"", "abc", "%", "%d", "%s", "%x", "%.1f %.1f", "%5", "%.1", "%lf", "%Lf",
		"%*f", "%.*f", "%n", "100%", "%.1f%", "%1$f", "%1234f", "%.1234f",
		"%%", "%'", "%-", "%.f%d",
	};
	char buf[32] = "untouched";

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		if (num_format(buf, sizeof buf, bad[i], 1) != -1)
			fail_msg("num_format accepted \"%s\"", bad[i]);
		if (num_format_check(bad[i]) != -1)
			fail_msg("num_format_check accepted \"%s\"", bad[i]);
	}
	assert_int_equal(num_format_check(NULL), -1);
	assert_int_equal(num_format(buf, sizeof buf, NULL, 1), -1);
	assert_int_equal(num_format_check("%.f"), 0); /* precision 0, as printf */
}

static void test_format_truncates(void **state)
{
	char buf[8];

	(void)state;
	assert_int_equal(num_format(buf, sizeof buf, "USD %'.1f million", 1234567), 0);
	assert_string_equal(buf, "USD 1,2");
	assert_int_equal(num_format(buf, 1, "%.1f", 5), 0);
	assert_string_equal(buf, "");
}

/* num_format_auto(v, maxdec, group) must give want. */
static void check_auto(double v, int maxdec, int group, const char *want)
{
	char buf[64];

	num_format_auto(buf, sizeof buf, v, maxdec, group);
	if (strcmp(buf, want) != 0)
		fail_msg("num_format_auto(%.17g, %d, %d) = \"%s\", want \"%s\"", v, maxdec,
			 group, buf, want);
}

static void test_format_auto(void **state)
{
	char small[4];

	(void)state;
	check_auto(1234.50, 2, 1, "1,234.5");
	check_auto(1234.50, 2, 0, "1234.5");
	check_auto(1234, 2, 1, "1,234");
	check_auto(1234567.26, 1, 1, "1,234,567.3");
	check_auto(-1234567.26, 1, 1, "-1,234,567.3");
	check_auto(0.126, 2, 0, "0.13");
	check_auto(0.1, 3, 0, "0.1");
	check_auto(12.0, 3, 0, "12");
	check_auto(2.75, 0, 0, "3");
	check_auto(-0.001, 2, 0, "0");
	check_auto(-0.0, 2, 0, "0");
	check_auto(0, 2, 1, "0");
	check_auto(999.999, 2, 1, "1,000");
	check_auto(1e6, 0, 1, "1,000,000");
	check_auto(-5, 2, 1, "-5");
	check_auto(424.4, 1, 1, "424.4");
	check_auto(1.23456, 30, 0, "1.23456"); /* 15 significant digits at most */
	check_auto(1234.56, 20, 0, "1234.56");
	check_auto(0.000123, 8, 0, "0.000123");
	check_auto(7.5, -1, 0, "8");
	check_auto(NAN, 2, 0, "nan");
	check_auto(-INFINITY, 2, 0, "-inf");
	num_format_auto(small, sizeof small, 123456, 0, 1);
	assert_string_equal(small, "123");
}

static const struct num_style ru = { ",", "\xc2\xa0" }; /* U+00A0 groups */
static const struct num_style az = { ",", "." };

/* num_format_auto_style(st, v, maxdec, group) must give want. */
static void check_auto_style(const struct num_style *st, double v, int maxdec, int group,
			     const char *want)
{
	char buf[64];

	num_format_auto_style(buf, sizeof buf, st, v, maxdec, group);
	if (strcmp(buf, want) != 0)
		fail_msg("num_format_auto_style(\"%s\", %.17g, %d, %d) = \"%s\", want \"%s\"",
			 st ? st->decimal : "NULL", v, maxdec, group, buf, want);
}

/* num_format_style(st, fmt, v) must give want. */
static void check_format_style(const struct num_style *st, const char *fmt, double v,
			       const char *want)
{
	char buf[128];

	if (num_format_style(buf, sizeof buf, st, fmt, v) != 0)
		fail_msg("num_format_style rejected \"%s\"", fmt);
	if (strcmp(buf, want) != 0)
		fail_msg("num_format_style(\"%s\", %.17g) = \"%s\", want \"%s\"", fmt, v, buf,
			 want);
}

/* Russian: decimal comma, NO-BREAK SPACE between thousands (CLDR). */
static void test_style_ru(void **state)
{
	(void)state;
	check_auto_style(&ru, 1234.5, 2, 1, "1\xc2\xa0" "234,5");
	check_auto_style(&ru, 1234.5, 2, 0, "1234,5");
	check_auto_style(&ru, -1234567.26, 1, 1, "-1\xc2\xa0" "234\xc2\xa0" "567,3");
	check_auto_style(&ru, 999, 2, 1, "999");
	check_auto_style(&ru, 0.25, 2, 1, "0,25");
	check_format_style(&ru, "%'.1f", 1234.5, "1\xc2\xa0" "234,5");
	check_format_style(&ru, "%.2f", 3.14159, "3,14");
	/* only the number is restyled: the text around keeps its '.' and ',' */
	check_format_style(&ru, "USD %'.1f mln., approx.", 1234567, "USD 1\xc2\xa0" "234\xc2\xa0"
			   "567,0 mln., approx.");
	check_format_style(&ru, "%.1f %%", 12.34, "12,3 %");
	check_format_style(&ru, "%.1e", 12345, "1,2e+04");
	/* widths count characters: U+00A0 is two bytes but one character */
	check_format_style(&ru, "%'10.0f|", 1234567, " 1\xc2\xa0" "234\xc2\xa0" "567|");
	check_format_style(&ru, "%-'10.0f|", 1234567, "1\xc2\xa0" "234\xc2\xa0" "567 |");
	check_format_style(&ru, "%'010.0f", -1234, "-00001\xc2\xa0" "234");
}

/* Azerbaijani: decimal comma, '.' between thousands. */
static void test_style_az(void **state)
{
	(void)state;
	check_auto_style(&az, 1234.5, 2, 1, "1.234,5");
	check_auto_style(&az, 1234567.26, 1, 1, "1.234.567,3");
	check_auto_style(&az, 1234.5, 2, 0, "1234,5");
	check_auto_style(&az, -0.5, 1, 1, "-0,5");
	check_format_style(&az, "%'.0f", 28000, "28.000");
	check_format_style(&az, "%'.2f manat", 1234.5, "1.234,50 manat");
	check_format_style(&az, "%g", 0.5, "0,5");
}

/* English (and NULL) stays as num_format and num_format_auto. */
static void test_style_en(void **state)
{
	static const struct num_style en = { ".", "," };

	(void)state;
	check_auto_style(&en, 1234.5, 2, 1, "1,234.5");
	check_auto_style(NULL, 1234.5, 2, 1, "1,234.5");
	check_format_style(&en, "%'.1f", 1234.5, "1,234.5");
	check_format_style(NULL, "%'.1f", 1234.5, "1,234.5");
	check_auto_style(&ru, NAN, 2, 1, "nan");
}

/* A CSV number restyled for print: the decimal point only, never grouped. */
static void test_restyle(void **state)
{
	char buf[32], tiny[3];
	const char *s = "1234.5";

	(void)state;
	assert_string_equal(num_restyle(buf, sizeof buf, &ru, "1234.5"), "1234,5");
	assert_string_equal(num_restyle(buf, sizeof buf, &az, "-0.25"), "-0,25");
	assert_string_equal(num_restyle(buf, sizeof buf, &ru, "2022"), "2022");
	assert_string_equal(num_restyle(buf, sizeof buf, &ru, "2.5e3"), "2,5e3");
	assert_ptr_equal(num_restyle(buf, sizeof buf, NULL, s), s);
	assert_ptr_equal(num_restyle(tiny, sizeof tiny, &ru, s), s); /* does not fit */
	assert_null(num_restyle(buf, sizeof buf, &ru, NULL));
}

/* ---- sign-dependent formats (positive;negative;zero) ---- */

/* num_format_style in English, asserted. */
static void assert_fmt(const char *fmt, double v, const char *want)
{
	char buf[256];

	if (num_format_style(buf, sizeof buf, NULL, fmt, v) < 0)
		fail_msg("\"%s\" of %g: refused", fmt, v);
	if (strcmp(buf, want) != 0)
		fail_msg("\"%s\" of %g: got \"%s\", want \"%s\"", fmt, v, buf, want);
}

static void test_three_sections(void **state)
{
	static const char *const f = "up %.1f %%;down %.1f %%;unchanged";

	(void)state;
	assert_fmt(f, 10.44, "up 10.4 %");
	assert_fmt(f, -3.25, "down 3.2 %"); /* the absolute value; %.1f of 3.25 (binary 3.25) */
	assert_fmt(f, -3.26, "down 3.3 %");
	assert_fmt(f, 0, "unchanged");
	assert_fmt(f, -0.0, "unchanged");
	/* values that print as zero are zero: the word matches the number */
	assert_fmt(f, 0.04, "unchanged");
	assert_fmt(f, -0.04, "unchanged");
	assert_fmt(f, 0.05, "up 0.1 %");
	assert_fmt(f, -0.06, "down 0.1 %");
	assert_fmt(f, 1e-300, "unchanged");
	/* the zero section may have a number too */
	assert_fmt("+%.1f;-%.1f;%.2f", 0.001, "0.00");
	/* each sign decides by its own section's precision */
	assert_fmt("%.0f;(%.2f);nil", 0.3, "nil");
	assert_fmt("%.0f;(%.2f);nil", -0.3, "(0.30)");
}

static void test_two_sections(void **state)
{
	(void)state;
	/* zero takes the positive section, as 0 */
	assert_fmt("%.1f;(%.1f)", 5, "5.0");
	assert_fmt("%.1f;(%.1f)", -5, "(5.0)");
	assert_fmt("%.1f;(%.1f)", 0, "0.0");
	assert_fmt("%.1f;(%.1f)", -0.01, "0.0");
	assert_fmt("%+.1f;minus %.1f", -0.01, "+0.0");
	assert_fmt("%+.1f;minus %.1f", 2, "+2.0");
	assert_fmt("%+.1f;minus %.1f", -2, "minus 2.0");
}

static void test_one_section(void **state)
{
	(void)state;
	assert_fmt("%.1f", 1234.56, "1234.6");
	assert_fmt("%+.1f %%", 10.44, "+10.4 %");
	assert_fmt("%+.1f %%", -3.26, "-3.3 %");
	/* never "-0.0" */
	assert_fmt("%.1f", -0.04, "0.0");
	assert_fmt("%+.1f %%", -0.04, "+0.0 %");
	assert_fmt("%.1f", -0.0, "0.0");
	assert_fmt("%.2e", -1e-300, "-1.00e-300");
	assert_fmt("%.3g", -0.0001, "-0.0001");
	assert_fmt("%'.0f", -1234567, "-1,234,567");
}

static void test_words_only(void **state)
{
	(void)state;
	assert_fmt("rising;falling;flat", 3, "rising");
	assert_fmt("rising;falling;flat", -3, "falling");
	assert_fmt("rising;falling;flat", 0, "flat");
	/* without a number only an exact 0 is zero */
	assert_fmt("rising;falling;flat", 1e-9, "rising");
	assert_fmt("up 100 %%;%.1f", 2, "up 100 %");
}

static void test_spaces_escapes(void **state)
{
	(void)state;
	assert_fmt("up %.1f ; down %.1f ; same", 2, "up 2.0");
	assert_fmt("up %.1f ; down %.1f ; same", -2, "down 2.0");
	assert_fmt("up %.1f ; down %.1f ; same", 0, "same");
	assert_fmt("a\\;b %.1f;c %.1f", 1, "a;b 1.0");
	assert_fmt("a\\;b %.1f;c %.1f", -1, "c 1.0");
	assert_fmt("%.1f \\\\ x;y", 1, "1.0 \\ x");
	assert_fmt("%.1f \\n", 1, "1.0 \\n"); /* other backslashes stay */
	assert_fmt("%.0f\\; more", 7, "7; more"); /* one section with a ';' */
	assert_int_equal(num_format_sections("%.0f\\; more"), 1);
	assert_int_equal(num_format_sections("a;b;c"), 3);
	assert_int_equal(num_format_sections("a;b;c;d"), 4);
}

static void test_styles(void **state)
{
	char buf[128];

	(void)state;
	assert_int_equal(num_format_style(buf, sizeof buf, &ru,
				       "рост на %'.1f %%;снижение на %'.1f %%;без изменений",
				       -1234.56), 0);
	assert_string_equal(buf, "снижение на 1\xc2\xa0" "234,6 %");
	assert_int_equal(num_format_style(buf, sizeof buf, &ru,
				       "рост на %'.1f %%;снижение на %'.1f %%;без изменений",
				       0.01), 0);
	assert_string_equal(buf, "без изменений");
	assert_int_equal(num_format_style(buf, sizeof buf, &az, "%.2f;(%.2f)", -0.5), 0);
	assert_string_equal(buf, "(0,50)");
	/* a short buffer is cut, not overrun */
	assert_int_equal(num_format_style(buf, 6, NULL, "unchanged;x;y", 5), 0);
	assert_string_equal(buf, "uncha");
}

static void test_not_finite(void **state)
{
	(void)state;
	assert_fmt("up %.1f;down %.1f;same", INFINITY, "up inf");
	assert_fmt("up %.1f;down %.1f;same", -INFINITY, "up -inf");
}

/* The error of num_format_check_at(fmt) at line 8, the format from column 9. */
static void assert_check(const char *fmt, int col, const char *msg)
{
	struct diag d = { 0 };
	char buf[64];

	if (num_format_check_at(fmt, "s.md", 8, 9, &d) == 0)
		fail_msg("\"%s\" was accepted", fmt);
	if (strcmp(d.msg, msg) != 0 || d.col != col || d.line != 8 || strcmp(d.file, "s.md"))
		fail_msg("\"%s\": got %s:%d:%d \"%s\", want col %d \"%s\"", fmt, d.file, d.line,
			 d.col, d.msg, col, msg);
	assert_int_equal(d.code, EXIT_DATAERR);
	assert_int_equal(num_format_check_at(fmt, NULL, 0, 0, NULL), -1);
	assert_int_equal(num_format_style(buf, sizeof buf, NULL, fmt, 1), -1);
	assert_string_equal(buf, "");
}

static void test_check_errors(void **state)
{
	(void)state;
	/* one section: the message of earlier versions, at the value */
	assert_check("%d", 9, "bad format \"%d\": expected one number conversion such as %.1f");
	assert_check("%.1f of %.1f", 9, "bad format \"%.1f of %.1f\": expected one number "
		     "conversion such as %.1f");
	assert_check("unchanged", 9, "bad format \"unchanged\": expected one number conversion "
		     "such as %.1f");
	/* sections: at the fault */
	assert_check("a;b;c;d", 14, "more than three sections in format (positive;negative;zero)");
	assert_check("up %.1f;", 16, "empty negative section in format (positive;negative;zero)");
	assert_check("up %.1f;  ;x", 16, "empty negative section in format "
		     "(positive;negative;zero)");
	assert_check(";down %.1f", 9, "empty positive section in format (positive;negative;zero)");
	assert_check("a;b;", 12, "empty zero section in format (positive;negative;zero)");
	assert_check("up %.1f;down %d", 22, "bad number conversion \"%d\" in the negative section "
		     "of format: expected one such as %.1f");
	assert_check("up %.1f;down %", 22, "bad number conversion \"%\" in the negative section "
		     "of format: expected one such as %.1f");
	assert_check("up %.1f;%.1f or %.2f;same", 25, "two numbers in the negative section of "
		     "format: one conversion per section");
	assert_check("%.1q;b", 9, "bad number conversion \"%.1q\" in the positive section of "
		     "format: expected one such as %.1f");
	assert_check("%9999f;b", 9, "bad number conversion \"%9999f\" in the positive section of "
		     "format: expected one such as %.1f");
	/* columns count characters */
	assert_check("рост %.1f;спад %z", 24, "bad number conversion \"%z\" in the negative "
		     "section of format: expected one such as %.1f");
	assert_check("%\xc3\xa9;b", 9, "bad number conversion \"%\xc3\xa9\" in the positive "
		     "section of format: expected one such as %.1f");
}

static void test_check_accepts(void **state)
{
	static const char *const ok[] = {
		"%.1f", "%+.1f %%", "up %.1f %%;down %.1f %%;unchanged", "%.1f;(%.1f)",
		"rising;falling;flat", "a\\;b %.1f;c", "100 %%;%.0f", "%'.0f;-%'.0f;0",
	};
	struct diag d = { 0 };

	(void)state;
	for (size_t i = 0; i < sizeof ok / sizeof *ok; i++)
		if (num_format_check_at(ok[i], "s.md", 1, 1, &d) < 0)
			fail_msg("\"%s\": %s", ok[i], d.msg);
	assert_int_equal(num_format_check_at(NULL, "s.md", 1, 1, &d), -1);
}

/* A number conversion anywhere tells a number format from a date format. */
static void test_has_number(void **state)
{
	(void)state;
	assert_int_equal(num_format_has_number("%.1f %%"), 1);
	assert_int_equal(num_format_has_number("up %'.0f;%d"), 1);
	assert_int_equal(num_format_has_number("rising;falling;%e"), 1);
	assert_int_equal(num_format_has_number("%B %Y"), 0);
	assert_int_equal(num_format_has_number("%d %B"), 0);
	assert_int_equal(num_format_has_number("100 %%f"), 0);
	assert_int_equal(num_format_has_number("a\\;%"), 0);
	assert_int_equal(num_format_has_number(NULL), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_accepts),
		cmocka_unit_test(test_parse_rejects),
		cmocka_unit_test(test_parse_matches_strtod),
		cmocka_unit_test(test_parse_tricky),
		cmocka_unit_test(test_parse_random_15),
		cmocka_unit_test(test_parse_dec),
		cmocka_unit_test(test_parse_dec16),
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_format_rejects),
		cmocka_unit_test(test_format_truncates),
		cmocka_unit_test(test_format_auto),
		cmocka_unit_test(test_style_ru),
		cmocka_unit_test(test_style_az),
		cmocka_unit_test(test_style_en),
		cmocka_unit_test(test_restyle),
		cmocka_unit_test(test_three_sections),
		cmocka_unit_test(test_two_sections),
		cmocka_unit_test(test_one_section),
		cmocka_unit_test(test_words_only),
		cmocka_unit_test(test_spaces_escapes),
		cmocka_unit_test(test_styles),
		cmocka_unit_test(test_not_finite),
		cmocka_unit_test(test_check_errors),
		cmocka_unit_test(test_check_accepts),
		cmocka_unit_test(test_has_number),
	};

	/* Take the locale from the environment (a decimal-comma one in the
	 * locale run); results must not change. */
	setlocale(LC_ALL, "");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
