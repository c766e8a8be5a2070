/* cmdline — the command line read into a struct: every option, the SPEC
 * operand, the data roots, and the command the PDF's sources page quotes.
 * Nothing here prints, exits or reads the environment: main passes
 * BRIEFING_DATA_ROOT in (cmdline_add_env_roots), prints the help, the
 * version and the errors, and runs what was asked.  Out of main so tests
 * and tests/fuzz/fuzz_cmdline.c can call it.
 *
 * Errors come back as a struct cmdline_error rather than a struct diag:
 * they quote the user's words whole, which may be longer than the 1,023
 * bytes a diag holds. */
#ifndef BRIEFING_CMDLINE_H
#define BRIEFING_CMDLINE_H

#include <stddef.h>

/* What the command line asks for. */
enum cmdline_action {
	CMDLINE_RUN,     /* make the PDF (or only check, with --check) */
	CMDLINE_NEW,     /* --new DIR */
	CMDLINE_HELP,    /* -h: print the usage */
	CMDLINE_VERSION  /* -V: print the version */
};

/* Everything the command line sets.  The strings point into argv. */
struct cmdline {
	enum cmdline_action action;
	const char *spec;     /* SPEC, default input/briefing.md */
	const char *output;   /* -o, default output/briefing.pdf */
	const char *charts;   /* --charts, or NULL: charts/ beside the PDF */
	const char *date;     /* --date YYYY-MM-DD or NULL */
	const char *fonts;    /* --fonts DIR or NULL */
	const char *summary;  /* --summary FILE ("-" = standard output) or NULL */
	const char *new_dir;  /* --new DIR or NULL */
	const char *mail;     /* --mail FILE ("-" = standard output) or NULL */
	const char *mail_from;    /* --mail-from ADDR (one mailbox, checked) or NULL */
	const char *mail_subject; /* --mail-subject TEXT or NULL */
	const char **mail_to; /* each --mail-to, a list of mailboxes, checked
				 (malloc'ed: at most argc of them) */
	size_t nmail_to;
	const char **mail_cc; /* each --mail-cc, likewise */
	size_t nmail_cc;
	double dpi;           /* --dpi: PNG resolution, default 200 */
	int no_chart_files;   /* --no-chart-files */
	int check;            /* --check: validate only */
	int strict;           /* --strict: warnings are errors */
	int verbosity;        /* -1 quiet, 0 normal, 1 verbose */
	const char **roots;   /* the folders data: files may lie in besides the
				 spec's: each --data-root, then
				 BRIEFING_DATA_ROOT's folders (malloc'ed) */
	size_t nroots;
	char *env_roots;      /* a copy of BRIEFING_DATA_ROOT, cut at its colons */
	int argc;             /* the command line as the sources page quotes it */
	char **argv;          /*   (malloc'ed; argv's strings) */
};

/* What is wrong with the command line. */
struct cmdline_error {
	int code;    /* EXIT_USAGE, or EXIT_SOFTWARE when out of memory */
	int hint;    /* a mistake in the command: point the user to --help */
	char *msg;   /* the message, quoting the user's words whole
			(malloc'ed; NULL when out of memory) */
};

/* Read argv into c (defaults first: see struct cmdline).  -h and -V stop
 * the reading where they stand (the action says which).  The options the
 * sources page leaves out of c->argv are those that only name an output
 * place or say how much is printed (-o, --charts, --summary, --dpi,
 * --no-chart-files, -q, -v, however spelled or abbreviated), so the PDF
 * does not change with where its files go, and the e-mail's (--mail,
 * --mail-to, --mail-cc, --mail-from, --mail-subject); the other words stay,
 * in order, "--" and the operands after it included.  The addresses of
 * --mail-to, --mail-cc and --mail-from are checked here (mime.h), so a
 * wrong one stops the run before anything is read.  0, or -1 with e filled
 * (free it with cmdline_error_free).  Free c with cmdline_free either way.
 * Uses getopt_long, so it is not reentrant. */
int cmdline_parse(int argc, char **argv, struct cmdline *c, struct cmdline_error *e);

/* The folders of env (BRIEFING_DATA_ROOT's value: colon-separated, empty
 * parts skipped; NULL is none) after those of --data-root.  Each must be a
 * folder.  0, or -1 with e filled. */
int cmdline_add_env_roots(struct cmdline *c, const char *env, struct cmdline_error *e);

void cmdline_free(struct cmdline *c);

void cmdline_error_free(struct cmdline_error *e);

#endif
