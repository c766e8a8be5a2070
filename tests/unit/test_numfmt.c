/* Unit tests for numfmt: sign-dependent formats (positive;negative;zero),
 * what counts as zero, escapes, styles, and every check error at its column. */
#include "testutil.h"

#include <locale.h>
#include <math.h>

#include "lang.h"
#include "numfmt.h"

/* numfmt_format in English, asserted. */
static void assert_fmt(const char *fmt, double v, const char *want)
{
	char buf[256];

	if (numfmt_format(buf, sizeof buf, NULL, fmt, v) < 0)
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
	assert_int_equal(numfmt_sections("%.0f\\; more"), 1);
	assert_int_equal(numfmt_sections("a;b;c"), 3);
	assert_int_equal(numfmt_sections("a;b;c;d"), 4);
}

static void test_styles(void **state)
{
	const struct lang *ru = lang_find("ru"), *az = lang_find("az");
	char buf[128];

	(void)state;
	assert_int_equal(numfmt_format(buf, sizeof buf, &ru->num,
				       "рост на %'.1f %%;снижение на %'.1f %%;без изменений",
				       -1234.56), 0);
	assert_string_equal(buf, "снижение на 1\xc2\xa0" "234,6 %");
	assert_int_equal(numfmt_format(buf, sizeof buf, &ru->num,
				       "рост на %'.1f %%;снижение на %'.1f %%;без изменений",
				       0.01), 0);
	assert_string_equal(buf, "без изменений");
	assert_int_equal(numfmt_format(buf, sizeof buf, &az->num, "%.2f;(%.2f)", -0.5), 0);
	assert_string_equal(buf, "(0,50)");
	/* a short buffer is cut, not overrun */
	assert_int_equal(numfmt_format(buf, 6, NULL, "unchanged;x;y", 5), 0);
	assert_string_equal(buf, "uncha");
}

static void test_not_finite(void **state)
{
	(void)state;
	assert_fmt("up %.1f;down %.1f;same", INFINITY, "up inf");
	assert_fmt("up %.1f;down %.1f;same", -INFINITY, "up -inf");
}

/* The error of numfmt_check(fmt) at line 8, the format from column 9. */
static void assert_check(const char *fmt, int col, const char *msg)
{
	struct diag d = { 0 };
	char buf[64];

	if (numfmt_check(fmt, "s.md", 8, 9, &d) == 0)
		fail_msg("\"%s\" was accepted", fmt);
	if (strcmp(d.msg, msg) != 0 || d.col != col || d.line != 8 || strcmp(d.file, "s.md"))
		fail_msg("\"%s\": got %s:%d:%d \"%s\", want col %d \"%s\"", fmt, d.file, d.line,
			 d.col, d.msg, col, msg);
	assert_int_equal(d.code, EXIT_DATAERR);
	assert_int_equal(numfmt_check(fmt, NULL, 0, 0, NULL), -1);
	assert_int_equal(numfmt_format(buf, sizeof buf, NULL, fmt, 1), -1);
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
		if (numfmt_check(ok[i], "s.md", 1, 1, &d) < 0)
			fail_msg("\"%s\": %s", ok[i], d.msg);
	assert_int_equal(numfmt_check(NULL, "s.md", 1, 1, &d), -1);
}

int main(void)
{
	/* a decimal-comma locale must change nothing */
	setlocale(LC_ALL, "");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_three_sections),
		cmocka_unit_test(test_two_sections),
		cmocka_unit_test(test_one_section),
		cmocka_unit_test(test_words_only),
		cmocka_unit_test(test_spaces_escapes),
		cmocka_unit_test(test_styles),
		cmocka_unit_test(test_not_finite),
		cmocka_unit_test(test_check_errors),
		cmocka_unit_test(test_check_accepts),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
