/* Unit tests for cmdline.c: the options read into a struct, the command
 * the sources page quotes (output places, the e-mail's options and
 * verbosity left out, however spelled), -h and -V stopping where they
 * stand, the e-mail's addresses checked, and every error with its exit
 * code and whole message. */
#include "testutil.h"

#include "cmdline.h"
#include "diag.h"

/* Parse the words (NULL-terminated, "briefing" first) into c: 0 or -1. */
static int parse(struct cmdline *c, struct cmdline_error *e, char **words)
{
	int argc = 0;

	while (words[argc])
		argc++;
	return cmdline_parse(argc, words, c, e);
}

/* c->argv joined with spaces. */
static const char *recorded(const struct cmdline *c)
{
	static char buf[1024];
	size_t n = 0;

	buf[0] = '\0';
	for (int i = 0; i < c->argc; i++)
		n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%s", i ? " " : "", c->argv[i]);
	return buf;
}

static void test_defaults(void **state)
{
	char *w[] = { "briefing", NULL };
	struct cmdline c;
	struct cmdline_error e;

	(void)state;
	assert_int_equal(parse(&c, &e, w), 0);
	assert_int_equal(c.action, CMDLINE_RUN);
	assert_string_equal(c.spec, "input/briefing.md");
	assert_string_equal(c.output, "output/briefing.pdf");
	assert_null(c.charts);
	assert_null(c.summary);
	assert_null(c.mail);
	assert_null(c.mail_from);
	assert_null(c.mail_subject);
	assert_int_equal(c.nmail_to, 0);
	assert_int_equal(c.nmail_cc, 0);
	assert_true(c.dpi == 200);
	assert_int_equal(c.verbosity, 0);
	assert_int_equal(c.nroots, 0);
	assert_string_equal(recorded(&c), "briefing");
	cmdline_free(&c);
	cmdline_free(&c); /* freed twice: safe */
	cmdline_free(NULL);
}

/* Every option read; the quoted command keeps only those that change the
 * PDF, in order, "--" and what follows it included. */
static void test_options_and_record(void **state)
{
	char *w[] = { "briefing", "--summary", "s.txt", "-qv", "--dpi=100", "--strict",
		      "--charts", "ch", "--out", "b.pdf", "--date=2024-06-14", "--no-chart",
		      "--check", "--fonts", "f", "--data-root", "/", "--", "x.md", NULL };
	struct cmdline c;
	struct cmdline_error e;

	(void)state;
	assert_int_equal(parse(&c, &e, w), 0);
	assert_int_equal(c.action, CMDLINE_RUN);
	assert_string_equal(c.summary, "s.txt");
	assert_string_equal(c.charts, "ch");
	assert_string_equal(c.output, "b.pdf");
	assert_string_equal(c.date, "2024-06-14");
	assert_string_equal(c.fonts, "f");
	assert_string_equal(c.spec, "x.md");
	assert_true(c.dpi == 100);
	assert_int_equal(c.verbosity, 1);
	assert_int_equal(c.no_chart_files, 1);
	assert_int_equal(c.check, 1);
	assert_int_equal(c.strict, 1);
	assert_int_equal(c.nroots, 1);
	assert_string_equal(c.roots[0], "/");
	assert_string_equal(recorded(&c), "briefing --strict --date=2024-06-14 --check --fonts f "
					   "--data-root / -- x.md");
	cmdline_free(&c);
}

/* -ofile and a bundle of output options go; an operand before the
 * options stays where it stood. */
static void test_record_short_forms(void **state)
{
	char *w[] = { "briefing", "x.md", "-qob.pdf", "-o", "--strict", "--new=d", NULL };
	struct cmdline c;
	struct cmdline_error e;

	(void)state;
	assert_int_equal(parse(&c, &e, w), -1); /* --new with a SPEC */
	assert_string_equal(recorded(&c), "briefing x.md --new=d");
	assert_int_equal(e.code, EXIT_USAGE);
	assert_int_equal(e.hint, 1);
	assert_string_equal(e.msg, "--new takes no SPEC: x.md");
	cmdline_error_free(&e);
	cmdline_free(&c);
}

/* -h and -V stop where they stand: a mistake after them is not read. */
static void test_help_version(void **state)
{
	char *h[] = { "briefing", "-q", "--help", "--bogus", NULL };
	char *v[] = { "briefing", "-V", "a", "b", NULL };
	char *late[] = { "briefing", "--bogus", "-h", NULL };
	struct cmdline c;
	struct cmdline_error e;

	(void)state;
	assert_int_equal(parse(&c, &e, h), 0);
	assert_int_equal(c.action, CMDLINE_HELP);
	cmdline_free(&c);
	assert_int_equal(parse(&c, &e, v), 0);
	assert_int_equal(c.action, CMDLINE_VERSION);
	cmdline_free(&c);
	assert_int_equal(parse(&c, &e, late), -1);
	assert_string_equal(e.msg, "unknown option: --bogus");
	cmdline_error_free(&e);
	cmdline_free(&c);
}

/* The words after "briefing" (at most 4, NULL-terminated) refused:
 * EXIT_USAGE, the pointer to --help or not (hint), the whole message want. */
static void expect_usage_error(char *const *args, int hint, const char *want)
{
	char *w[6] = { "briefing" };
	struct cmdline c;
	struct cmdline_error e;

	for (int k = 0; args[k]; k++)
		w[k + 1] = args[k];
	assert_int_equal(parse(&c, &e, w), -1);
	assert_int_equal(e.code, EXIT_USAGE);
	assert_int_equal(e.hint, hint);
	assert_string_equal(e.msg, want);
	cmdline_error_free(&e);
	cmdline_error_free(&e); /* freed twice: safe */
	cmdline_free(&c);
}

/* Each mistake: EXIT_USAGE, a pointer to --help, the user's words whole. */
static void test_errors(void **state)
{
	static char long_dpi[3000];
	char *dpi[] = { "briefing", "--dpi", long_dpi, NULL };
	char *cases[][4] = {
		{ "--dpi=35", NULL },
		{ "-o", NULL },
		{ "--summary", "", NULL },
		{ "a.md", "b.md", NULL },
		{ "--data-root", "/nowhere/at/all", NULL },
		{ "--n", "x", NULL }, /* --new or --no-chart-files */
		{ "-o", "", NULL },
	};
	const char *want[] = {
		"bad --dpi (expected a number from 36 to 1200): 35",
		"option needs a value: -o",
		"empty file name",
		"more than one SPEC given: b.md",
		"--data-root names no folder: /nowhere/at/all",
		"unknown option: --n",
		"empty file name",
	};
	struct cmdline c;
	struct cmdline_error e;

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
		expect_usage_error(cases[i], 1, want[i]);
	/* quoted whole, past what a struct diag holds */
	memset(long_dpi, '9', sizeof long_dpi - 1);
	assert_int_equal(parse(&c, &e, dpi), -1);
	assert_int_equal(strlen(e.msg), strlen("bad --dpi (expected a number from 36 to 1200): ") +
						sizeof long_dpi - 1);
	cmdline_error_free(&e);
	cmdline_free(&c);
}

/* The e-mail's options: --mail-to and --mail-cc repeatable, each a comma
 * list kept whole; --mail FILE may be "-"; none of them quoted, however
 * spelled or abbreviated. */
static void test_mail_options(void **state)
{
	char *w[] = { "briefing", "--mail", "m.eml", "--strict",
		      "--mail-to", "\"Doe, John\" <john@example.com>, ann@example.org",
		      "--mail-t=Desk <desk@example.org>", "--mail-cc", "ivan@example.by",
		      "--mail-from=Briefing <b@example.net>", "--mail-s", "{{title}} ({{date}})",
		      "x.md", NULL };
	char *dash[] = { "briefing", "--mail", "-", "--summary", "s.txt", NULL };
	struct cmdline c;
	struct cmdline_error e;

	(void)state;
	assert_int_equal(parse(&c, &e, w), 0);
	assert_string_equal(c.mail, "m.eml");
	assert_int_equal(c.nmail_to, 2);
	assert_string_equal(c.mail_to[0], "\"Doe, John\" <john@example.com>, ann@example.org");
	assert_string_equal(c.mail_to[1], "Desk <desk@example.org>");
	assert_int_equal(c.nmail_cc, 1);
	assert_string_equal(c.mail_cc[0], "ivan@example.by");
	assert_string_equal(c.mail_from, "Briefing <b@example.net>");
	assert_string_equal(c.mail_subject, "{{title}} ({{date}})");
	assert_string_equal(c.spec, "x.md");
	assert_string_equal(recorded(&c), "briefing --strict x.md");
	cmdline_free(&c);
	assert_null(c.mail_to);
	assert_int_equal(c.nmail_to, 0);

	assert_int_equal(parse(&c, &e, dash), 0);
	assert_string_equal(c.mail, "-");
	assert_string_equal(recorded(&c), "briefing");
	cmdline_free(&c);
}

/* A wrong address: 64, the option named, the address module's reason,
 * and no pointer to --help (the option is right, its value is not). */
static void test_mail_errors(void **state)
{
	char *cases[][4] = {
		{ "--mail-to", "bob@example.org, ann@@example.org", NULL },
		{ "--mail-cc", "Ann, Lee <ann@example.org>", NULL },
		{ "--mail-from", "a@example.org, b@example.org", NULL },
		{ "--mail-to", " , ", NULL },
		{ "--mail-cc", "", NULL },
	};
	const char *want[] = {
		"--mail-to: \"ann@@example.org\" is not an e-mail address: '@' is not allowed "
		"in the domain",
		"--mail-cc: \"Ann, Lee <ann@example.org>\" is not an e-mail address: ',' is not "
		"allowed in a display name (put the name in double quotes)",
		"--mail-from: \"a@example.org, b@example.org\" is not an e-mail address: ',' is "
		"not allowed in the domain", /* one mailbox only */
		"--mail-to names no e-mail address",
		"--mail-cc names no e-mail address",
	};
	char *both[] = { "--summary", "-", "--mail=-", NULL };
	char *empty[] = { "--mail", "", NULL };

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
		expect_usage_error(cases[i], 0, want[i]);
	/* mistakes in the command: with the pointer */
	expect_usage_error(both, 1, "--summary - and --mail - would both write to standard output");
	expect_usage_error(empty, 1, "empty file name");
}

/* BRIEFING_DATA_ROOT's folders come after --data-root's; empty parts are
 * skipped; one that is no folder is an error naming the variable. */
static void test_env_roots(void **state)
{
	char *w[] = { "briefing", "--data-root=/tmp", NULL };
	struct cmdline c;
	struct cmdline_error e;

	(void)state;
	assert_int_equal(parse(&c, &e, w), 0);
	assert_int_equal(cmdline_add_env_roots(&c, "/::/usr:", &e), 0);
	assert_int_equal(c.nroots, 3);
	assert_string_equal(c.roots[0], "/tmp");
	assert_string_equal(c.roots[1], "/");
	assert_string_equal(c.roots[2], "/usr");
	cmdline_free(&c);

	assert_int_equal(parse(&c, &e, w), 0);
	assert_int_equal(cmdline_add_env_roots(&c, NULL, &e), 0);
	assert_int_equal(cmdline_add_env_roots(&c, "", &e), 0);
	assert_int_equal(c.nroots, 1);
	assert_int_equal(cmdline_add_env_roots(&c, "/:/etc/passwd", &e), -1);
	assert_int_equal(e.code, EXIT_USAGE);
	assert_string_equal(e.msg, "BRIEFING_DATA_ROOT names no folder: /etc/passwd");
	cmdline_error_free(&e);
	cmdline_free(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_options_and_record),
		cmocka_unit_test(test_record_short_forms),
		cmocka_unit_test(test_help_version),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_mail_options),
		cmocka_unit_test(test_mail_errors),
		cmocka_unit_test(test_env_roots),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
