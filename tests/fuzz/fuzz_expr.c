/* fuzz_expr — the value syntax of issue 13: expressions (src/expr.c,
 * src/expr_set.c), sign-dependent number formats (src/num.c) and
 * periods with their formats and ticks (src/period.c, src/period_ticks.c).
 *
 * Input: EXPR '\n' NUMBER-FORMAT '\n' PERIOD '\n' DATE-FORMAT.  Checks,
 * beyond "no crash, no sanitizer report": an evaluated expression is finite
 * and never -0; every error column lies inside the text; names used are
 * reported at their column; num_format_style accepts exactly what num_format_check_at
 * accepts; a period prints and parses back to itself, moves by +n and -n
 * back to itself, and formats exactly when period_format_check says so;
 * ticks lie in their range, in order. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "expr.h"
#include "lang.h"
#include "num.h"
#include "period.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fuzz_assert(int ok, const char *what)
{
	if (!ok) {
		fprintf(stderr, "fuzz_expr: %s\n", what);
		abort();
	}
}

/* Every name is a value whose number is its length, except "d" (a date: no
 * number) and names starting with 'u' (undefined). */
static int fuzz_lookup(void *ctx, const char *name, double *out)
{
	(void)ctx;
	if (name[0] == 'u')
		return -1;
	if (out)
		*out = (double)strlen(name) - 3;
	return strcmp(name, "d") == 0;
}

/* Characters in text (the columns an error may point at: col0 .. end). */
static int fuzz_chars(const char *s)
{
	int n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

static void fuzz_expr_text(const char *text)
{
	struct diag d = { 0 };
	struct expr *e;
	struct expr_item item;
	const struct expr_ref *refs;
	size_t nrefs, order[1];
	double v;
	int last = 5 + fuzz_chars(text);

	if (expr_parse(text, "f.md", 3, 5, &e, &d) < 0) {
		fuzz_assert(d.col >= 5 && d.col <= last, "parse error column outside the text");
		return;
	}
	refs = expr_refs(e, &nrefs);
	for (size_t i = 0; i < nrefs; i++)
		fuzz_assert(refs[i].col >= 5 && refs[i].col < last, "name column outside the text");
	if (expr_eval(e, fuzz_lookup, NULL, &v, &d) == 0)
		fuzz_assert(isfinite(v) && !(v == 0 && signbit(v)), "result not finite, or -0");
	else
		fuzz_assert(d.col >= 5 && d.col <= last && d.line == 3, "eval error outside the text");
	/* as a set of one named "x": a use of x is a cycle */
	item.name = "x";
	item.e = e;
	if (expr_order(&item, 1, fuzz_lookup, NULL, order, &d) == 0)
		fuzz_assert(order[0] == 0, "order of one is not itself");
	else
		fuzz_assert(d.col >= 5 && d.col <= last, "order error outside the text");
	expr_free(e);
}

static void fuzz_numfmt(const char *fmt)
{
	static const double values[] = { 1234.5678, -1234.5678, 0, -0.0, 0.04, -0.04, 1e300 };
	const struct lang *ru = lang_find("ru");
	int ok = num_format_check_at(fmt, NULL, 0, 1, NULL) == 0;
	char buf[256];

	for (size_t i = 0; i < sizeof values / sizeof *values; i++) {
		fuzz_assert((num_format_style(buf, sizeof buf, NULL, fmt, values[i]) == 0) == ok,
			    "num_format_style and num_format_check_at disagree");
		fuzz_assert(memchr(buf, '\0', sizeof buf) != NULL, "num_format_style: no NUL");
		num_format_style(buf, 7, &ru->num, fmt, values[i]);
		fuzz_assert(memchr(buf, '\0', 7) != NULL, "num_format_style: small buffer not ended");
	}
}

static void fuzz_period(const char *text, size_t len, const char *fmt, uint8_t salt)
{
	static const char *const codes[] = { "en", "ru", "az" };
	struct period p, q, r;
	struct period_tick ticks[16];
	size_t cap = strlen(fmt) * 8 + 64, n;
	char iso[32], *buf = malloc(cap);
	long n_move = (long)salt * 37 - 4000, first, last;

	if (!buf || period_parse(text, len, &p) < 0) {
		free(buf);
		return;
	}
	period_format_iso(&p, iso, sizeof iso);
	fuzz_assert(period_parse(iso, strlen(iso), &q) == 0 && period_cmp(&p, &q) == 0 &&
		    p.ord == q.ord, "ISO text does not parse back to the period");
	if (period_add(&p, n_move, &q) == 0)
		fuzz_assert(period_add(&q, -n_move, &r) == 0 && r.ord == p.ord,
			    "+n then -n is not the period");
	for (int g = PERIOD_YEAR; g <= (int)p.gran; g++)
		fuzz_assert(period_truncate(&p, (enum period_gran)g, &q) == 0 &&
			    period_start_days(&q) <= period_start_days(&p) &&
			    period_end_days(&p) <= period_end_days(&q), "truncation does not contain");
	for (int i = 0; i < 3; i++) {
		int ok = period_format_check(fmt, p.gran, NULL, 0, 1, NULL) == 0;

		fuzz_assert((period_format(&p, fmt, lang_find(codes[i]), buf, cap) == 0) == ok,
			    "period_format and period_format_check disagree");
	}
	first = period_start_days(&p);
	last = first + (long)salt * salt * 11;
	n = period_ticks(first, last, salt % 14, lang_find(codes[salt % 3]), ticks, 16);
	for (size_t i = 0; i < n; i++)
		fuzz_assert(ticks[i].day >= first && ticks[i].day <= last &&
			    (i == 0 || ticks[i].day > ticks[i - 1].day), "tick out of range or order");
	free(buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *copy = malloc(size + 1), *part[4] = { NULL, NULL, NULL, NULL };
	size_t k = 0;

	if (!copy)
		return 0;
	memcpy(copy, data, size);
	copy[size] = '\0';
	/* an input with a NUL inside is cut there: spec lines have none */
	part[k++] = copy;
	for (char *p = copy; *p && k < 4; p++)
		if (*p == '\n') {
			*p = '\0';
			part[k++] = p + 1;
		}
	fuzz_expr_text(part[0]);
	if (part[1])
		fuzz_numfmt(part[1]);
	if (part[2])
		fuzz_period(part[2], strlen(part[2]), part[3] ? part[3] : "%B %Y",
			    size ? data[size - 1] : 0);
	free(copy);
	return 0;
}
