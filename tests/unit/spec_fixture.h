/* spec_fixture — what the spec unit tests share (test_spec.c,
 * test_spec_values.c, test_spec_data.c): parsing spec text in one call, its error asserted
 * exactly, and a value's query answered by hand as data_run would.
 * Functions are static so a test program need not use them all. */
#ifndef BRIEFING_SPEC_FIXTURE_H
#define BRIEFING_SPEC_FIXTURE_H

#include "testutil.h"

#include <math.h>
#include <sys/stat.h>
#include <unistd.h>

#include "spec.h"

#define PATH "input/b.md"
/* Front matter of three lines: Markdown starts on line 4. */
#define FM "---\ntitle: T\n---\n"

static struct diag d;
static struct diag_list warn;

static inline struct doc *parse_as(const char *path, const char *text)
{
	memset(&d, 0, sizeof d);
	diag_list_free(&warn);
	return spec_parse(path, text, strlen(text), &d, &warn);
}

static inline struct doc *parse(const char *text)
{
	return parse_as(PATH, text);
}

static inline const char *formatted(const struct diag *x)
{
	static char buf[2048];

	diag_format(x, buf, sizeof buf);
	return buf;
}

/* Parsing text fails with exactly this diagnostic. */
static inline void expect_error(const char *text, const char *want)
{
	struct doc *doc = parse(text);

	if (doc)
		fail_msg("parsed, but expected: %s", want);
	assert_int_equal(d.code, EXIT_DATAERR);
	assert_string_equal(formatted(&d), want);
}

/* Parse text that must be fine. */
static inline struct doc *ok(const char *text)
{
	struct doc *doc = parse(text);

	if (!doc)
		fail_msg("unexpected error: %s", formatted(&d));
	return doc;
}

/* Give a value's query one result group, as data_run would. */
static inline void fake_result(struct query *q, double v)
{
	q->res.groups = calloc(1, sizeof *q->res.groups);
	assert_non_null(q->res.groups);
	q->res.groups[0].value = v;
	q->res.ngroups = 1;
}

static inline int teardown(void **state)
{
	(void)state;
	diag_list_free(&warn);
	return 0;
}

#endif
