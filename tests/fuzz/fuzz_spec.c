/* fuzz_spec — the spec reader: Markdown (md4c), front matter and block
 * keys, placeholders (src/spec*.c).
 *
 * spec_parse reads the input as tests/fuzz/spec.md; when it succeeds, every
 * query gets a fake answer (values: one number chosen by the input's last
 * byte, or no rows at all) and spec_expand substitutes the placeholders.
 * Beyond "no crash": a failure always comes with a located diagnostic
 * naming the spec at a line and column. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "spec.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fuzz_assert(int ok, const char *what)
{
	if (!ok) {
		fprintf(stderr, "fuzz_spec: %s\n", what);
		abort();
	}
}

/* The numbers a value may take: ordinary, large, tiny, negative, zero. */
static const double fuzz_numbers[] = { 424.4, 1234567.891, -3, 0, 1e300, -1e-300, 0.005, 1e15 };

/* Answer every values query with one group (or none for some inputs);
 * tables and charts keep empty results (spec_expand does not read them). */
static void fuzz_answer(struct doc *doc, uint8_t pick)
{
	for (size_t i = 0; i < doc->nvalues; i++) {
		struct query_result *r = &doc->values[i].q.res;

		if (pick % 9 == 8)
			continue; /* "matched no rows" */
		r->groups = calloc(1, sizeof *r->groups);
		if (!r->groups)
			return;
		r->ngroups = 1;
		r->groups[0].value = fuzz_numbers[(pick + i) % 8];
		r->groups[0].count = 1;
	}
}

/* The failure is located: it names the spec (and a line when it has one). */
static void fuzz_check_diag(const struct diag *d)
{
	fuzz_assert(d->msg[0] != '\0', "failed without a message");
	fuzz_assert(d->code == EXIT_DATAERR || d->code == EXIT_SOFTWARE,
		    "a spec error that is not 65 (or out of memory)");
	if (d->code == EXIT_DATAERR)
		fuzz_assert(strcmp(d->file, "tests/fuzz/spec.md") == 0 && d->line > 0 && d->col > 0,
			    "a spec error without FILE:LINE:COL");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag d = { 0 };
	struct diag_list warn = { 0 };
	struct doc *doc;

	if (size > (1 << 20))
		return 0;
	doc = spec_parse("tests/fuzz/spec.md", (const char *)data, size, &d, &warn);
	if (!doc) {
		fuzz_check_diag(&d);
	} else {
		size_t nq = 0;
		struct query **qs = doc_queries(doc, &nq);

		free(qs);
		fuzz_answer(doc, size ? data[size - 1] : 0);
		if (spec_expand(doc, &d) < 0)
			fuzz_check_diag(&d);
	}
	doc_free(doc);
	diag_list_free(&warn);
	return 0;
}
