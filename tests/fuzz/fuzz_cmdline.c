/* fuzz_cmdline — the command line (src/cmdline.c): getopt_long over the
 * options, the data roots, the e-mail's addresses, the command the sources
 * page quotes; then what
 * main does with a good one: the --date parsed and the output paths'
 * strftime patterns expanded (date_strftime).
 *
 * The input is the words after "briefing", one a line (a word may be
 * empty; at most 64 words).  A line "BRIEFING_DATA_ROOT=VALUE" is not a
 * word: VALUE is passed as that variable would be (cmdline_add_env_roots).
 * Beyond "no crash":
 *   - a failure is EXIT_USAGE with a message and a pointer to --help, but
 *     for a wrong address of --mail-to, --mail-cc or --mail-from, which
 *     names its option and has no pointer (or out of memory: EXIT_SOFTWARE);
 *   - each address list taken holds at least one mailbox, each of which
 *     mime_mailbox_check takes on its own, and --mail-from's is one;
 *   - the quoted command is "briefing" then a subsequence of the words, in
 *     the order given;
 *   - for a good command, the quoted command read again is good too, asks
 *     for the same thing (action, SPEC, --date, --fonts, --check, --strict,
 *     --new, --data-root), leaves every output place, the e-mail's options
 *     (--mail, --mail-to, --mail-cc, --mail-from, --mail-subject) and the
 *     verbosity at their defaults (the PDF must not change with where its
 *     files go or whom it is mailed to) and quotes itself unchanged. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmdline.h"
#include "date.h"
#include "diag.h"
#include "mime.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_MAX_WORDS 64

static void fuzz_assert(int ok, const char *what)
{
	if (!ok) {
		fprintf(stderr, "fuzz_cmdline: %s\n", what);
		abort();
	}
}

/* Both NULL or both the same string. */
static int same_text(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

/* An error as cmdline_parse promises it. */
static void check_error(const struct cmdline_error *e)
{
	if (e->code == EXIT_SOFTWARE) {
		fuzz_assert(e->msg == NULL, "out of memory with a message");
		return;
	}
	fuzz_assert(e->code == EXIT_USAGE, "a command-line error that is not 64");
	fuzz_assert(e->msg && e->msg[0], "a command-line error without a message");
	fuzz_assert(e->hint || strncmp(e->msg, "--mail-to", 9) == 0 ||
			    strncmp(e->msg, "--mail-cc", 9) == 0 ||
			    strncmp(e->msg, "--mail-from", 11) == 0,
		    "a command-line error without the pointer to --help");
}

/* Each address list of a good command line: at least one mailbox, each
 * one mime_mailbox_check takes alone (what the message's headers are built
 * from); --mail-from exactly one. */
static void check_list(const char *text)
{
	struct diag d = { 0 };
	char **v = NULL;
	size_t n = 0;

	if (mime_mailbox_list(text, &v, &n, &d) < 0) {
		fuzz_assert(d.code == EXIT_SOFTWARE, "an address list taken is refused when read again");
		mime_mailbox_list_free(v, n);
		return;
	}
	fuzz_assert(n > 0, "an address list taken names no mailbox");
	for (size_t i = 0; i < n; i++) {
		struct diag one = { 0 };

		fuzz_assert(mime_mailbox_check(v[i], &one) == 0 || one.code == EXIT_SOFTWARE,
			    "a mailbox of a list taken is refused alone");
	}
	mime_mailbox_list_free(v, n);
}

static void check_addresses(const struct cmdline *c)
{
	struct diag d = { 0 };

	for (size_t i = 0; i < c->nmail_to; i++)
		check_list(c->mail_to[i]);
	for (size_t i = 0; i < c->nmail_cc; i++)
		check_list(c->mail_cc[i]);
	if (c->mail_from)
		fuzz_assert(mime_mailbox_check(c->mail_from, &d) == 0 || d.code == EXIT_SOFTWARE,
			    "--mail-from taken is refused when read again");
	fuzz_assert(!(c->mail && c->summary && strcmp(c->mail, "-") == 0 &&
		      strcmp(c->summary, "-") == 0),
		    "--summary - and --mail - taken together");
}

/* c->argv is argv[0] and then words of argv (as given, before getopt
 * reordered them), in order. */
static void check_subsequence(const struct cmdline *c, char *const *given, int argc)
{
	int j = 1;

	fuzz_assert(c->argc >= 1 && c->argc <= argc && c->argv[0] == given[0],
		    "the quoted command does not start with the program");
	fuzz_assert(c->argv[c->argc] == NULL, "the quoted command is not NULL-terminated");
	for (int i = 1; i < c->argc; i++) {
		while (j < argc && given[j] != c->argv[i])
			j++;
		fuzz_assert(j < argc, "the quoted command has a word not given, or out of order");
		j++;
	}
}

/* The quoted command of a good command line c, read again; the first
 * nroots of c's data roots came from the command line. */
static void check_requote(const struct cmdline *c, size_t nroots)
{
	char **words = malloc(((size_t)c->argc + 1) * sizeof *words);
	struct cmdline again;
	struct cmdline_error e;
	int rc;

	if (!words)
		return;
	memcpy(words, c->argv, ((size_t)c->argc + 1) * sizeof *words);
	rc = cmdline_parse(c->argc, words, &again, &e);
	if (rc < 0 && e.code == EXIT_SOFTWARE)
		goto done; /* out of memory */
	fuzz_assert(rc == 0, "the quoted command is not a good command line");
	fuzz_assert(again.action == c->action, "the quoted command asks for something else");
	fuzz_assert(same_text(again.spec, c->spec) && same_text(again.date, c->date) &&
		    same_text(again.fonts, c->fonts) && same_text(again.new_dir, c->new_dir) &&
		    again.check == c->check && again.strict == c->strict,
		    "the quoted command reads differently");
	fuzz_assert(again.nroots == nroots, "the quoted command has other data roots");
	for (size_t i = 0; i < nroots; i++)
		fuzz_assert(strcmp(again.roots[i], c->roots[i]) == 0,
			    "the quoted command has other data roots");
	fuzz_assert(strcmp(again.output, "output/briefing.pdf") == 0 && !again.charts &&
		    !again.summary && again.dpi == 200 && !again.no_chart_files &&
		    again.verbosity == 0,
		    "the quoted command keeps an output place or the verbosity");
	fuzz_assert(!again.mail && !again.mail_from && !again.mail_subject && again.nmail_to == 0 &&
		    again.nmail_cc == 0,
		    "the quoted command keeps an e-mail option");
	fuzz_assert(again.argc == c->argc, "the quoted command quotes itself differently");
	for (int i = 0; i < c->argc; i++)
		fuzz_assert(strcmp(again.argv[i], c->argv[i]) == 0,
			    "the quoted command quotes itself differently");
done:
	cmdline_error_free(&e);
	cmdline_free(&again);
	free(words);
}

/* What main does next with a good command: the report date and the output
 * paths' strftime patterns (a failure there is main's usage error). */
static void check_paths(const struct cmdline *c)
{
	struct report_date date = { 2022, 6, 14 };
	const char *paths[] = { c->output, c->charts, c->summary, c->mail, c->new_dir };
	char buf[4096];

	if (c->date && date_parse(c->date, &date) == 0)
		fuzz_assert(date.year >= 1 && date.year <= 9999 && date.month >= 1 &&
			    date.month <= 12 && date.day >= 1 && date.day <= 31,
			    "--date gave a date out of range");
	for (size_t i = 0; i < sizeof paths / sizeof *paths; i++)
		if (paths[i] && date_strftime(&date, paths[i], buf, sizeof buf) == 0)
			fuzz_assert(buf[0] != '\0' && strlen(buf) < sizeof buf,
				    "an expanded path is empty or too long");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text, *argv[FUZZ_MAX_WORDS + 2], *given[FUZZ_MAX_WORDS + 2];
	const char *env = NULL;
	int argc = 1, rc;
	size_t nroots;
	struct cmdline c;
	struct cmdline_error e;

	if (size > 16384 || !(text = malloc(size + 1)))
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	argv[0] = "briefing";
	for (char *p = text, *end; p && argc <= FUZZ_MAX_WORDS; p = end) {
		if ((end = memchr(p, '\n', (size_t)(text + size - p))))
			*end++ = '\0';
		if (!end && !*p)
			break; /* the last line's newline ends no word */
		if (strncmp(p, "BRIEFING_DATA_ROOT=", 19) == 0)
			env = p + 19;
		else
			argv[argc++] = p;
	}
	argv[argc] = NULL;
	memcpy(given, argv, sizeof argv);
	rc = cmdline_parse(argc, argv, &c, &e);
	nroots = c.nroots; /* those of --data-root */
	if (rc == 0 && c.action == CMDLINE_RUN)
		rc = cmdline_add_env_roots(&c, env, &e);
	if (rc < 0) {
		check_error(&e);
		if (c.argv)
			check_subsequence(&c, given, argc);
	} else {
		check_subsequence(&c, given, argc);
		if (c.action == CMDLINE_RUN || c.action == CMDLINE_NEW) {
			check_addresses(&c);
			check_requote(&c, nroots);
			check_paths(&c);
		}
	}
	cmdline_error_free(&e);
	cmdline_free(&c);
	free(text);
	return 0;
}
