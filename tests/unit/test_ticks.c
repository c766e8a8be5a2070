/* Unit tests for chart_nice_ticks: "nice" axis ticks in steps of 1, 2 or 5
 * times a power of ten, covering the data and zero, at most max_ticks
 * intervals. */
#include "testutil.h"

#include <float.h>
#include <math.h>

#include "chart.h"

/* The table: lo, hi, max_ticks -> first, step, n. */
static void test_table(void **state)
{
	static const struct {
		double lo, hi;
		int max;
		double first, step;
		int n;
	} cases[] = {
		{ 0, 424.4, 5, 0, 100, 6 },       /* the default briefing's turnover */
		{ 0, 424.4, 6, 0, 100, 6 },
		{ 0, 424.4, 10, 0, 50, 10 },
		{ 0, 424.4, 2, 0, 500, 2 },
		{ 0, 424.4, 1, 0, 500, 2 },
		{ 0, 1, 5, 0, 0.2, 6 },
		{ 0, 1, 4, 0, 0.5, 3 },
		{ 0, 188.7, 5, 0, 50, 5 },
		{ 0, 15000, 6, 0, 5000, 4 },
		{ 10000, 15000, 6, 0, 5000, 4 },  /* zero is always on the axis */
		{ -70, 310, 5, -100, 100, 6 },    /* negative and positive */
		{ -70, 310, 4, -200, 200, 4 },
		{ -5, -1, 5, -5, 1, 6 },          /* all negative: up to zero */
		{ -0.3, 0, 3, -0.3, 0.1, 4 },     /* 0.3 / 0.1 is 2.999…: no extra tick */
		{ 0, 3e12, 5, 0, 1e12, 4 },       /* huge */
		{ 0, 7.5e200, 4, 0, 2e200, 5 },
		{ 0, 0.0042, 5, 0, 0.001, 6 },    /* tiny */
		{ 424.4, 0, 5, 0, 100, 6 },       /* lo > hi: swapped */
		{ 0, 100, 5, 0, 20, 6 },          /* exactly on a tick */
		{ -1, 1, 1, -1, 1, 3 },           /* both signs: two intervals at least */
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		double first = -1, step = -1;
		int n = -1;

		assert_int_equal(chart_nice_ticks(cases[i].lo, cases[i].hi, cases[i].max, &first,
						  &step, &n), 0);
		if (fabs(first - cases[i].first) > 1e-9 * fabs(cases[i].step) ||
		    fabs(step - cases[i].step) > 1e-9 * cases[i].step || n != cases[i].n)
			fail_msg("case %zu (%g..%g max %d): got first %g step %g n %d, want %g %g %d",
				 i, cases[i].lo, cases[i].hi, cases[i].max, first, step, n,
				 cases[i].first, cases[i].step, cases[i].n);
	}
}

/* Every answer covers the range (with zero) in at most max intervals and
 * its step is 1, 2 or 5 times a power of ten. */
static void test_properties(void **state)
{
	static const double his[] = { 0.07, 1, 9.99, 10, 11, 99, 123.4, 999, 1001, 5e7, 2.2e15 };

	(void)state;
	for (size_t i = 0; i < sizeof his / sizeof his[0]; i++)
		for (int max = 1; max <= 10; max++) {
			double lo = -his[i] / 3, first, step, mant;
			int n;

			assert_int_equal(chart_nice_ticks(lo, his[i], max, &first, &step, &n), 0);
			/* both signs need two intervals at least */
			assert_true(n >= 2 && n - 1 <= (max < 2 ? 2 : max));
			assert_true(first <= lo + 1e-9 * step);
			assert_true(first + (n - 1) * step >= his[i] - 1e-9 * step);
			mant = step / pow(10, floor(log10(step) + 1e-9));
			assert_true(fabs(mant - 1) < 1e-6 || fabs(mant - 2) < 1e-6 ||
				    fabs(mant - 5) < 1e-6);
		}
}

/* 0..0 has nothing to scale: a sane default axis of one unit. */
static void test_zero_range(void **state)
{
	double first, step;
	int n;

	(void)state;
	assert_int_equal(chart_nice_ticks(0, 0, 5, &first, &step, &n), 0);
	assert_true(first == 0 && step == 1 && n == 2);
}

static void test_errors(void **state)
{
	double first, step;
	int n;

	(void)state;
	assert_int_equal(chart_nice_ticks(0, 10, 0, &first, &step, &n), -1);
	assert_int_equal(chart_nice_ticks(0, NAN, 5, &first, &step, &n), -1);
	assert_int_equal(chart_nice_ticks(-INFINITY, 1, 5, &first, &step, &n), -1);
	assert_int_equal(chart_nice_ticks(0, INFINITY, 5, &first, &step, &n), -1);
	/* the span itself overflows */
	assert_int_equal(chart_nice_ticks(-DBL_MAX, DBL_MAX, 5, &first, &step, &n), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_properties),
		cmocka_unit_test(test_zero_range),
		cmocka_unit_test(test_errors),
	};

	return cmocka_run_group_tests_name("ticks", tests, NULL, NULL);
}
