/* Unit tests for expr: parsing (precedence, associativity, unary signs,
 * functions), errors at exact columns, evaluation errors, and sets of
 * computed values in any order (cycles, undefined names). */
#include "testutil.h"

#include <locale.h>
#include <math.h>

#include "expr.h"

/* cmocka 1.1 has no assert_double_equal */
#define assert_near(a, b, eps) assert_true(fabs((a) - (b)) <= (eps))

/* Values known from data: the lookup of these tests. */
static const struct {
	const char *name;
	double value;
} known[] = {
	{ "a", 5 }, { "b", 2 }, { "zero", 0 }, { "exp_now", 424.4 }, { "exp_prev", 313.1 },
	{ "exp-now", 7 }, { "min", 11 }, { "big", 1e308 }, { "nan_value", NAN },
	{ "latest_month", 0 }, /* a date: no number */
};

static int lookup(void *ctx, const char *name, double *out)
{
	(void)ctx;
	for (size_t i = 0; i < sizeof known / sizeof *known; i++)
		if (strcmp(known[i].name, name) == 0) {
			if (out)
				*out = known[i].value;
			return strcmp(name, "latest_month") == 0;
		}
	return -1;
}

/* Parse and evaluate text (at column 7 of line 3, after "expr: "). */
static int calc(const char *text, double *v, struct diag *d)
{
	struct expr *e;
	int rc;

	if (expr_parse(text, "spec.md", 3, 7, &e, d) < 0)
		return -1;
	rc = expr_eval(e, lookup, NULL, v, d);
	expr_free(e);
	return rc;
}

static double value_of(const char *text)
{
	struct diag d = { 0 };
	double v = -12345;

	if (calc(text, &v, &d) < 0)
		fail_msg("\"%s\": %s (col %d)", text, d.msg, d.col);
	return v;
}

/* The error of text: its column and message. */
static void assert_error(const char *text, int col, const char *msg)
{
	struct diag d = { 0 };
	double v;

	if (calc(text, &v, &d) == 0)
		fail_msg("\"%s\" was accepted", text);
	if (strcmp(d.msg, msg) != 0 || d.col != col || d.line != 3 || strcmp(d.file, "spec.md"))
		fail_msg("\"%s\": got %s:%d:%d \"%s\", want col %d \"%s\"", text, d.file, d.line,
			 d.col, d.msg, col, msg);
	assert_int_equal(d.code, EXIT_DATAERR);
}

static void test_precedence(void **state)
{
	(void)state;
	assert_true(value_of("1 + 2 * 3") == 7);
	assert_true(value_of("(1 + 2) * 3") == 9);
	assert_true(value_of("2 * 3 + 4 * 5") == 26);
	assert_true(value_of("10 - 4 / 2") == 8);
	assert_true(value_of("a + b * a") == 15);
	assert_true(value_of("((a))") == 5);
	assert_near(value_of("(exp_now - exp_prev) / exp_prev * 100"),
			    (424.4 - 313.1) / 313.1 * 100, 1e-12);
}

static void test_associativity(void **state)
{
	(void)state;
	assert_true(value_of("8 - 3 - 2") == 3);
	assert_true(value_of("8 / 4 / 2") == 1);
	assert_true(value_of("2 - 3 + 4") == 3);
	assert_true(value_of("12 / 2 * 3") == 18);
}

static void test_unary(void **state)
{
	(void)state;
	assert_true(value_of("-2 * 3") == -6);
	assert_true(value_of("3 * -2") == -6);
	assert_true(value_of("- -2") == 2);
	assert_true(value_of("--2") == 2);
	assert_true(value_of("2 - -3") == 5);
	assert_true(value_of("-(1 + 2)") == -3);
	assert_true(value_of("+4") == 4);
	assert_true(value_of("-a") == -5);
	assert_true(value_of("-a + b") == -3); /* binds tighter than + */
	/* never -0, which would print as "-0.0" */
	assert_false(signbit(value_of("-0")));
	assert_false(signbit(value_of("-zero * 1")));
}

static void test_whitespace_numbers(void **state)
{
	(void)state;
	assert_true(value_of(" \t1+2 \t") == 3);
	assert_true(value_of("a*b") == 10);
	assert_true(value_of("2.5e3") == 2500);
	assert_true(value_of("1E-2 * 100") == 1);
	assert_true(value_of(".5 + 5.") == 5.5);
	assert_true(value_of("007") == 7);
	/* a '-' between name characters is part of the name; spaced, it subtracts */
	assert_true(value_of("exp-now") == 7);
	assert_true(value_of("exp-now - 1") == 6);
	assert_true(value_of("a -b") == 3);
	assert_true(value_of("a- b") == 3);
	/* function names are names when no '(' follows */
	assert_true(value_of("min + 1") == 12);
	assert_true(value_of("min (3, 1)") == 1);
}

static void test_functions(void **state)
{
	(void)state;
	assert_true(value_of("abs(-3)") == 3);
	assert_true(value_of("abs(b - a)") == 3);
	assert_true(value_of("min(3, 1, 2)") == 1);
	assert_true(value_of("max(3, 1, 2)") == 3);
	assert_true(value_of("max(3)") == 3);
	assert_true(value_of("min(a, max(b, 4))") == 4);
	/* ROUND as a spreadsheet: decimal halves away from zero */
	assert_true(value_of("round(2.675, 2)") == 2.68);
	assert_true(value_of("round(1.005, 2)") == 1.01);
	assert_true(value_of("round(0.125, 2)") == 0.13);
	assert_true(value_of("round(-1.5, 0)") == -2);
	assert_true(value_of("round(2.5, 0)") == 3);
	assert_true(value_of("round(2.4999, 0)") == 2);
	assert_true(value_of("round(1234.5, -2)") == 1200);
	assert_true(value_of("round(1250, -2)") == 1300);
	assert_true(value_of("round(49, -2)") == 0);
	assert_true(value_of("round(51, -2)") == 100);
	assert_true(value_of("round(0.4, -3)") == 0);
	assert_true(value_of("round(999.96, 1)") == 1000);
	assert_true(value_of("round(35.54632, 1)") == 35.5);
	assert_true(value_of("round(1e20, 2)") == 1e20);
	assert_true(value_of("round(a / 3, 3)") == 1.667);
	assert_false(signbit(value_of("round(-0.0001, 2)")));
}

static void test_parse_errors(void **state)
{
	(void)state;
	assert_error("", 7, "empty expr:");
	assert_error("   ", 10, "empty expr:");
	assert_error("2 ^ 3", 9, "no power operator \"^\" in expr: (multiply instead: x * x)");
	assert_error("(2^3)", 9, "no power operator \"^\" in expr: (multiply instead: x * x)");
	assert_error("2 ** 3", 9, "no power operator \"**\" in expr: (multiply instead: x * x)");
	assert_error("abs(1, 2)", 7, "abs() takes 1 argument, not 2");
	assert_error("1 + abs()", 15, "expected a number, a name or \"(\" in expr:, found \")\"");
	assert_error("round(a)", 7, "round() takes 2 arguments (a number and its decimals), not 1");
	assert_error("round(a, 1, 2)", 7,
		     "round() takes 2 arguments (a number and its decimals), not 3");
	assert_error("min(a,,b)", 13, "expected a number, a name or \"(\" in expr:, found \",\"");
	assert_error("sqrt(a)", 7, "unknown function \"sqrt\" in expr: expected abs, min, max or "
		     "round");
	assert_error("max(a, b", 10, "\"(\" of max() is not closed");
	assert_error("max(a b)", 13, "expected \",\" or \")\" in max(), found \"b\"");
	assert_error("(1 + 2", 7, "\"(\" is not closed in expr:");
	assert_error("2 * (1 + 2", 11, "\"(\" is not closed in expr:");
	assert_error("(1 + 2 3)", 14, "expected \")\" in expr:, found \"3\"");
	assert_error("1 + 2)", 12, "\")\" without a matching \"(\" in expr:");
	assert_error("1 +", 10, "expected a number, a name or \"(\" in expr:, found the end");
	assert_error("1 2", 9, "expected an operator (+ - * /) or the end of expr:, found \"2\"");
	assert_error("a b", 9, "expected an operator (+ - * /) or the end of expr:, found \"b\"");
	assert_error("a % b", 9, "expected an operator (+ - * /) or the end of expr:, found \"%\"");
	assert_error("a = b", 9, "expected an operator (+ - * /) or the end of expr:, found \"=\"");
	assert_error("2x + 1", 7, "bad number \"2x\" in expr: (a name cannot start with a digit)");
	assert_error("1.2.3", 7, "bad number \"1.2.3\" in expr: (a name cannot start with a "
		     "digit)");
	assert_error("1e999", 7, "bad number \"1e999\" in expr:");
	assert_error("12,5", 9, "expected an operator (+ - * /) or the end of expr:, found \",\"");
	/* columns count characters, not bytes */
	assert_error("\xc3\xa9 + 1", 7, "expected a number, a name or \"(\" in expr:, found "
		     "\"\xc3\xa9\"");
	assert_error("(\"\xc3\xa9\xc3\xa9\") / 2", 8, "expected a number, a name or \"(\" in expr:, "
		     "found \"\"\"");
	assert_error("1 + \xc3\xa9", 11, "expected a number, a name or \"(\" in expr:, found "
		     "\"\xc3\xa9\"");
}

static void test_nesting_limit(void **state)
{
	char deep[400];
	struct diag d = { 0 };
	double v;

	(void)state;
	/* 64 levels are fine; 65 are refused (the parser recurses) */
	memset(deep, 0, sizeof deep);
	memset(deep, '(', 63);
	strcat(deep, "1");
	memset(deep + strlen(deep), ')', 63);
	assert_true(value_of(deep) == 1);
	memset(deep, 0, sizeof deep);
	memset(deep, '-', 300);
	strcat(deep, "1");
	assert_int_equal(calc(deep, &v, &d), -1);
	assert_string_equal(d.msg, "expr: nested too deeply (more than 64 levels)");
	assert_int_equal(d.col, 7 + 64);
}

static void test_eval_errors(void **state)
{
	(void)state;
	assert_error("a / zero", 11, "division by zero in expr: \"zero\" is 0");
	assert_error("a / (b - b)", 11, "division by zero in expr: \"(b - b)\" is 0");
	assert_error("1 + a / 0", 15, "division by zero in expr: \"0\" is 0");
	assert_error("min(1, 2 / (a - 5))", 18,
		     "division by zero in expr: \"(a - 5)\" is 0");
	assert_error("big * 10", 7, "\"big * 10\" is too large for a number in expr:");
	assert_error("1 + (big + big)", 11, "\"(big + big)\" is too large for a number in expr:");
	assert_error("-big - big", 7, "\"-big - big\" is too large for a number in expr:");
	assert_error("nan_value + 1", 7, "value \"nan_value\" is not a finite number");
	assert_error("1 + latest_month", 11, "value \"latest_month\" is not a number");
	assert_error("a + missing", 11, "undefined name \"missing\" in expr:");
	assert_error("a + ( missing)", 13, "undefined name \"missing\" in expr:");
	assert_error("2 * ((missing))", 13, "undefined name \"missing\" in expr:");
	assert_error("a-b", 7, "undefined name \"a-b\" in expr: (to subtract, put spaces around "
		     "the \"-\")");
	assert_error("a-1", 7, "undefined name \"a-1\" in expr: (to subtract, put spaces around "
		     "the \"-\")");
	assert_error("a-c", 7, "undefined name \"a-c\" in expr:");
	assert_error("round(a, 0.5)", 16, "round(): decimals must be a whole number from -15 to "
		     "15, not 0.5");
	assert_error("round(a, 16)", 16, "round(): decimals must be a whole number from -15 to 15, "
		     "not 16");
	assert_error("round(a, b - 20)", 16, "round(): decimals must be a whole number from -15 "
		     "to 15, not -18");
}

static void test_refs(void **state)
{
	struct diag d = { 0 };
	struct expr *e;
	const struct expr_ref *r;
	size_t n;

	(void)state;
	assert_int_equal(expr_parse("a + max(b, a) * c-d", "s.md", 9, 7, &e, &d), 0);
	r = expr_refs(e, &n);
	assert_int_equal(n, 3);
	assert_string_equal(r[0].name, "a");
	assert_int_equal(r[0].col, 7);
	assert_string_equal(r[1].name, "b");
	assert_int_equal(r[1].col, 15);
	assert_string_equal(r[2].name, "c-d");
	assert_int_equal(r[2].col, 23);
	assert_string_equal(expr_text(e), "a + max(b, a) * c-d");
	expr_free(e);
	expr_free(NULL);
	assert_int_equal(expr_parse("1 + 2", NULL, 1, 0, &e, &d), 0);
	r = expr_refs(e, &n);
	assert_int_equal(n, 0);
	expr_free(e);
}

/* A set of computed values from name/text pairs, each on its own line
 * (line = 10 + index), its text at column 7. */
struct set {
	struct expr_item items[16];
	struct expr *e[16];
	size_t n;
};

static void set_make(struct set *s, const char *const *defs, size_t n)
{
	struct diag d = { 0 };

	memset(s, 0, sizeof *s);
	for (size_t i = 0; i < n; i++) {
		if (expr_parse(defs[2 * i + 1], "spec.md", 10 + (int)i, 7, &s->e[i], &d) < 0)
			fail_msg("%s: %s", defs[2 * i + 1], d.msg);
		s->items[i].name = defs[2 * i];
		s->items[i].e = s->e[i];
	}
	s->n = n;
}

static void set_free(struct set *s)
{
	for (size_t i = 0; i < s->n; i++)
		expr_free(s->e[i]);
}

/* The error of evaluating the set defs: line, column and message. */
static void assert_set_error(const char *const *defs, size_t n, int line, int col,
			     const char *msg)
{
	struct set s;
	struct diag d = { 0 };
	size_t order[16];

	set_make(&s, defs, n);
	/* expr_order alone (as under --check) finds it too */
	assert_int_equal(expr_order(s.items, s.n, lookup, NULL, order, &d), -1);
	if (strcmp(d.msg, msg) != 0 || d.line != line || d.col != col)
		fail_msg("got %d:%d \"%s\", want %d:%d \"%s\"", d.line, d.col, d.msg, line, col,
			 msg);
	memset(&d, 0, sizeof d);
	assert_int_equal(expr_eval_all(s.items, s.n, lookup, NULL, &d), -1);
	assert_string_equal(d.msg, msg);
	assert_int_equal(d.line, line);
	assert_int_equal(d.col, col);
	assert_string_equal(d.file, "spec.md");
	assert_int_equal(d.code, EXIT_DATAERR);
	set_free(&s);
}

static void test_set_cycles(void **state)
{
	static const char *const one[] = { "x", "a + 1", "c1", "2 * c1 + 1" };
	static const char *const two[] = { "p", "q - 1", "q", "a * p" };
	/* x uses c; c -> e -> d -> c: named from c, the member defined first */
	static const char *const three[] = { "x", "c", "c", "b + e", "d", "c / 2", "e", "d * 3" };
	static const char *const later[] = { "x", "a", "e", "d * 3", "d", "c / 2", "c", "b + e" };
	/* the walk enters at a2 (from x) but b2 is defined first */
	static const char *const enter[] = { "x", "a2", "b2", "c2 + 1", "c2", "a2 * 2",
					     "a2", "b2 - 1" };

	(void)state;
	assert_set_error(one, 2, 11, 11, "cycle in expr: c1 -> c1");
	assert_set_error(two, 2, 10, 7, "cycle in expr: p -> q -> p");
	assert_set_error(three, 4, 11, 11, "cycle in expr: c -> e -> d -> c");
	assert_set_error(later, 4, 11, 7, "cycle in expr: e -> d -> c -> e");
	assert_set_error(enter, 4, 11, 7, "cycle in expr: b2 -> c2 -> a2 -> b2");
}

static void test_set_undefined(void **state)
{
	static const char *const undef[] = { "p", "a + q", "q", "b * r2" };
	static const char *const hint[] = { "p", "a + q", "q", "p-a" };
	static const char *const div0[] = { "p", "a / q", "q", "b - 2" };
	static const char *const date[] = { "p", "latest_month - 1" };

	(void)state;
	assert_set_error(undef, 2, 11, 11, "undefined name \"r2\" in expr:");
	assert_set_error(hint, 2, 11, 7, "undefined name \"p-a\" in expr: (to subtract, put "
			 "spaces around the \"-\")");
	/* a value without a number exists (the order is fine) but cannot be used */
	{
		struct set s;
		struct diag d = { 0 };
		size_t order[1];

		set_make(&s, date, 1);
		assert_int_equal(expr_order(s.items, s.n, lookup, NULL, order, &d), 0);
		assert_int_equal(expr_eval_all(s.items, s.n, lookup, NULL, &d), -1);
		assert_string_equal(d.msg, "value \"latest_month\" is not a number");
		assert_int_equal(d.col, 7);
		set_free(&s);
	}
	/* evaluation errors are at the failing item, not the first */
	{
		struct set s;
		struct diag d = { 0 };

		set_make(&s, div0, 2);
		assert_int_equal(expr_eval_all(s.items, s.n, lookup, NULL, &d), -1);
		assert_string_equal(d.msg, "division by zero in expr: \"q\" is 0");
		assert_int_equal(d.line, 10);
		assert_int_equal(d.col, 11);
		set_free(&s);
	}
}

/* The same values defined in any order give the same results. */
static void test_set_order_independent(void **state)
{
	static const char *const fwd[] = {
		"change", "(exp_now - exp_prev) / exp_prev * 100",
		"diff", "exp_now - exp_prev",
		"share", "round(diff / total * 100, 1)",
		"total", "exp_now + exp_prev",
		"twice", "share * 2",
	};
	const char *rev[10];
	struct set s;
	struct diag d = { 0 };
	size_t order[16], pos[16];

	(void)state;
	for (size_t i = 0; i < 5; i++) {
		rev[2 * i] = fwd[2 * (4 - i)];
		rev[2 * i + 1] = fwd[2 * (4 - i) + 1];
	}
	for (int pass = 0; pass < 2; pass++) {
		const char *const *defs = pass ? rev : fwd;

		set_make(&s, defs, 5);
		assert_int_equal(expr_order(s.items, s.n, lookup, NULL, order, &d), 0);
		for (size_t k = 0; k < 5; k++)
			pos[order[k]] = k;
		/* each item after what it uses */
		for (size_t i = 0; i < 5; i++) {
			size_t nrefs;
			const struct expr_ref *r = expr_refs(s.items[i].e, &nrefs);

			for (size_t k = 0; k < nrefs; k++)
				for (size_t j = 0; j < 5; j++)
					if (strcmp(s.items[j].name, r[k].name) == 0)
						assert_true(pos[j] < pos[i]);
		}
		assert_int_equal(expr_eval_all(s.items, s.n, lookup, NULL, &d), 0);
		for (size_t i = 0; i < 5; i++) {
			const char *name = s.items[i].name;
			double v = s.items[i].value;

			if (!strcmp(name, "change"))
				assert_near(v, (424.4 - 313.1) / 313.1 * 100, 1e-12);
			else if (!strcmp(name, "diff"))
				assert_near(v, 111.3, 1e-9);
			else if (!strcmp(name, "share"))
				assert_true(v == 15.1);
			else if (!strcmp(name, "total"))
				assert_near(v, 737.5, 1e-9);
			else
				assert_true(v == 30.2);
		}
		set_free(&s);
	}
}

/* A chain of 5000 values, each using the next (defined later): no
 * recursion over the chain, and the last is computed first. */
static void test_set_long_chain(void **state)
{
	enum { N = 5000 };
	struct expr_item *items = calloc(N, sizeof *items);
	struct expr **e = calloc(N, sizeof *e);
	char (*names)[16] = calloc(N, sizeof *names);
	struct diag d = { 0 };
	char text[32];

	(void)state;
	assert_non_null(items);
	for (size_t i = 0; i < N; i++) {
		snprintf(names[i], sizeof names[i], "v%zu", i);
		if (i + 1 < N)
			snprintf(text, sizeof text, "v%zu + 1", i + 1);
		else
			snprintf(text, sizeof text, "a");
		assert_int_equal(expr_parse(text, "spec.md", (int)i + 1, 7, &e[i], &d), 0);
		items[i].name = names[i];
		items[i].e = e[i];
	}
	assert_int_equal(expr_eval_all(items, N, lookup, NULL, &d), 0);
	assert_true(items[0].value == 5 + N - 1);
	/* closing the chain makes a cycle of 5000, reported shortened */
	expr_free(e[N - 1]);
	assert_int_equal(expr_parse("v0", "spec.md", N, 7, &e[N - 1], &d), 0);
	items[N - 1].e = e[N - 1];
	assert_int_equal(expr_eval_all(items, N, lookup, NULL, &d), -1);
	assert_int_equal(strncmp(d.msg, "cycle in expr: v0 -> v1 -> v2 -> ", 33), 0);
	assert_non_null(strstr(d.msg, " -> \xe2\x80\xa6"));
	assert_int_equal(d.line, 1);
	for (size_t i = 0; i < N; i++)
		expr_free(e[i]);
	free(items);
	free(e);
	free(names);
}

/* Names known only to the set (no lookup), and an empty set. */
static void test_set_no_lookup(void **state)
{
	static const char *const defs[] = { "p", "q * 2", "q", "21" };
	struct set s;
	struct diag d = { 0 };
	size_t order[1];

	(void)state;
	set_make(&s, defs, 2);
	assert_int_equal(expr_eval_all(s.items, s.n, NULL, NULL, &d), 0);
	assert_true(s.items[0].value == 42);
	set_free(&s);
	assert_int_equal(expr_order(NULL, 0, NULL, NULL, order, &d), 0);
	assert_int_equal(expr_eval_all(NULL, 0, NULL, NULL, &d), 0);
}

int main(void)
{
	/* under a decimal-comma locale numbers still read and round the same */
	setlocale(LC_ALL, "");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_precedence),
		cmocka_unit_test(test_associativity),
		cmocka_unit_test(test_unary),
		cmocka_unit_test(test_whitespace_numbers),
		cmocka_unit_test(test_functions),
		cmocka_unit_test(test_parse_errors),
		cmocka_unit_test(test_nesting_limit),
		cmocka_unit_test(test_eval_errors),
		cmocka_unit_test(test_refs),
		cmocka_unit_test(test_set_cycles),
		cmocka_unit_test(test_set_undefined),
		cmocka_unit_test(test_set_order_independent),
		cmocka_unit_test(test_set_long_chain),
		cmocka_unit_test(test_set_no_lookup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
