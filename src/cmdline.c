/* cmdline — the command line read into a struct (include/cmdline.h):
 * getopt_long over the options, the data roots, the e-mail's addresses,
 * and the command the sources page quotes. */
#include "cmdline.h"

#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "diag.h"
#include "mime.h"
#include "num.h"

/* The long options' values beyond the short options' letters. */
enum { OPT_CHARTS = 256, OPT_DATE, OPT_CHECK, OPT_STRICT, OPT_FONTS, OPT_DPI, OPT_NO_CHARTS,
       OPT_SUMMARY, OPT_NEW, OPT_DATA_ROOT, OPT_MAIL, OPT_MAIL_TO, OPT_MAIL_CC, OPT_MAIL_FROM,
       OPT_MAIL_SUBJECT };

static const struct option cmdline_longopts[] = {
	{ "output", required_argument, NULL, 'o' },
	{ "charts", required_argument, NULL, OPT_CHARTS },
	{ "date", required_argument, NULL, OPT_DATE },
	{ "fonts", required_argument, NULL, OPT_FONTS },
	{ "data-root", required_argument, NULL, OPT_DATA_ROOT },
	{ "dpi", required_argument, NULL, OPT_DPI },
	{ "no-chart-files", no_argument, NULL, OPT_NO_CHARTS },
	{ "summary", required_argument, NULL, OPT_SUMMARY },
	{ "mail", required_argument, NULL, OPT_MAIL },
	{ "mail-to", required_argument, NULL, OPT_MAIL_TO },
	{ "mail-cc", required_argument, NULL, OPT_MAIL_CC },
	{ "mail-from", required_argument, NULL, OPT_MAIL_FROM },
	{ "mail-subject", required_argument, NULL, OPT_MAIL_SUBJECT },
	{ "new", required_argument, NULL, OPT_NEW },
	{ "check", no_argument, NULL, OPT_CHECK },
	{ "strict", no_argument, NULL, OPT_STRICT },
	{ "quiet", no_argument, NULL, 'q' },
	{ "verbose", no_argument, NULL, 'v' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};
/* ':' first: a missing value is ':', not '?' (opterr is 0 as well) */
static const char cmdline_shortopts[] = ":o:qvhV";

/* The options the sources page leaves out of the command it quotes: those
 * that only name an output place or say how much is printed, so the PDF
 * does not change with where its files go, and the e-mail's: the PDF
 * attached to a message is the one written without --mail, and a PDF that
 * is forwarded does not carry its first recipients' addresses. */
static const char *const unrecorded_options[] = {
	"output", "charts", "summary", "dpi", "no-chart-files", "quiet", "verbose", "mail",
	"mail-to", "mail-cc", "mail-from", "mail-subject", NULL
};

/* Fill e: code, whether to point to --help, and the message (NULL when
 * there is no memory for it).  Returns -1. */
static int cmdline_fail(struct cmdline_error *e, int code, int hint, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static int cmdline_fail(struct cmdline_error *e, int code, int hint, const char *fmt, ...)
{
	va_list ap;

	e->code = code;
	e->hint = hint;
	va_start(ap, fmt);
	if (vasprintf(&e->msg, fmt, ap) < 0) {
		e->msg = NULL;
		e->code = EXIT_SOFTWARE;
		e->hint = 0;
	}
	va_end(ap);
	return -1;
}

/* Out of memory: the one message main prints for it (diag_oom). */
static int cmdline_oom(struct cmdline_error *e)
{
	e->code = EXIT_SOFTWARE;
	e->hint = 0;
	e->msg = NULL;
	return -1;
}

/* --dpi: a plain number of dots per inch within sane bounds (a 10 000 dpi
 * PNG of an A4-wide chart would need gigabytes). */
static int parse_dpi(const char *s, double *out)
{
	double v;

	if (num_parse(s, strlen(s), &v) < 0 || v < 36 || v > 1200)
		return -1;
	*out = v;
	return 0;
}

/* Is the option getopt_long returned as c (a short option's letter or a
 * long option's val) one the sources page quotes? */
static int option_recorded(int c)
{
	for (const struct option *p = cmdline_longopts; p->name; p++) {
		if (p->val != c)
			continue;
		for (const char *const *u = unrecorded_options; *u; u++)
			if (strcmp(*u, p->name) == 0)
				return 0;
		return 1;
	}
	return 1;
}

/* argv without the unrecorded options (c->argc, c->argv), read by
 * getopt_long itself, in order (a "-" before shortopts returns operands as
 * 1 where they stand), so abbreviations, --opt=value, -ofile, bundles such
 * as -qv and "--" are taken exactly as cmdline_parse takes them.  A word
 * (with its value) is left out only when every option in it is.  Run
 * before the options are read, which reorders argv; optind is reset for
 * that.  0, or -1 (out of memory). */
static int record_command(int argc, char **argv, struct cmdline *c)
{
	char order[64], **kept = malloc((size_t)(argc + 1) * sizeof *kept);
	int n = 0, start = 1, keep = 0, opt;

	if (!kept)
		return -1;
	snprintf(order, sizeof order, "-%s", cmdline_shortopts);
	kept[n++] = argv[0];
	optind = 0; /* glibc: start afresh, reading the "-" */
	while ((opt = getopt_long(argc, argv, order, cmdline_longopts, NULL)) != -1) {
		keep |= opt == 1 || option_recorded(opt);
		if (optind > start) { /* the words argv[start, optind) are read */
			for (int i = start; keep && i < optind; i++)
				kept[n++] = argv[i];
			start = optind;
			keep = 0;
		}
	}
	for (int i = start; i < argc; i++) /* "--" and the operands after it */
		kept[n++] = argv[i];
	kept[n] = NULL;
	c->argc = n;
	c->argv = kept;
	optind = 0;
	return 0;
}

/* The addresses of an --mail-* option (opt): a list of mailboxes, or with
 * list 0 exactly one (mime.h).  0, or -1 with e filled: 64 naming the
 * option and what is wrong (no --help hint: the option is right, its
 * address is not), or the module's own error (out of memory). */
static int check_addresses(const char *opt, const char *text, int list,
			   struct cmdline_error *e)
{
	struct diag d = { 0 };
	char **v = NULL;
	size_t n = 0;
	int rc = list ? mime_mailbox_list(text, &v, &n, &d) : mime_mailbox_check(text, &d);

	mime_mailbox_list_free(v, n);
	if (rc == 0 && list && n == 0)
		return cmdline_fail(e, EXIT_USAGE, 0, "%s names no e-mail address", opt);
	if (rc == 0)
		return 0;
	if (d.code == EXIT_SOFTWARE)
		return cmdline_fail(e, EXIT_SOFTWARE, 0, "%s", d.msg);
	return cmdline_fail(e, EXIT_USAGE, 0, "%s: %s", opt, d.msg);
}

/* Add dir to the data roots: it must be a folder (a typo would otherwise
 * only show as a refused data: line).  from names where it came from.  0,
 * or -1 with e filled. */
static int add_data_root(struct cmdline *c, const char *dir, const char *from,
			 struct cmdline_error *e)
{
	struct stat st;

	if (stat(dir, &st) < 0 || !S_ISDIR(st.st_mode))
		return cmdline_fail(e, EXIT_USAGE, 1, "%s names no folder: %s", from, dir);
	c->roots[c->nroots++] = dir;
	return 0;
}

int cmdline_add_env_roots(struct cmdline *c, const char *env, struct cmdline_error *e)
{
	size_t n = 1;
	const char **v;

	if (!env || !*env)
		return 0;
	for (const char *p = env; *p; p++)
		n += *p == ':';
	if (!(c->env_roots = strdup(env)) ||
	    !(v = realloc(c->roots, (c->nroots + n) * sizeof *v)))
		return cmdline_oom(e);
	c->roots = v;
	for (char *p = c->env_roots, *end; p; p = end) {
		if ((end = strchr(p, ':')))
			*end++ = '\0';
		if (*p && add_data_root(c, p, "BRIEFING_DATA_ROOT", e) < 0)
			return -1;
	}
	return 0;
}

/* One option getopt_long returned (opt, its value in optarg) into c.
 * 0, 1 to stop reading (-h, -V), or -1 with e filled. */
static int take_option(int opt, char **argv, struct cmdline *c, struct cmdline_error *e)
{
	switch (opt) {
	case 'o': c->output = optarg; break;
	case OPT_CHARTS: c->charts = optarg; break;
	case OPT_DATE: c->date = optarg; break;
	case OPT_FONTS: c->fonts = optarg; break;
	case OPT_DATA_ROOT: return add_data_root(c, optarg, "--data-root", e);
	case OPT_DPI:
		if (parse_dpi(optarg, &c->dpi) < 0)
			return cmdline_fail(e, EXIT_USAGE, 1,
					    "bad --dpi (expected a number from 36 to 1200): %s",
					    optarg);
		break;
	case OPT_NO_CHARTS: c->no_chart_files = 1; break;
	case OPT_SUMMARY: c->summary = optarg; break;
	case OPT_MAIL: c->mail = optarg; break;
	case OPT_MAIL_TO:
		if (check_addresses("--mail-to", optarg, 1, e) < 0)
			return -1;
		c->mail_to[c->nmail_to++] = optarg;
		break;
	case OPT_MAIL_CC:
		if (check_addresses("--mail-cc", optarg, 1, e) < 0)
			return -1;
		c->mail_cc[c->nmail_cc++] = optarg;
		break;
	case OPT_MAIL_FROM:
		if (check_addresses("--mail-from", optarg, 0, e) < 0)
			return -1;
		c->mail_from = optarg;
		break;
	case OPT_MAIL_SUBJECT: c->mail_subject = optarg; break;
	case OPT_NEW: c->new_dir = optarg; break;
	case OPT_CHECK: c->check = 1; break;
	case OPT_STRICT: c->strict = 1; break;
	case 'q': c->verbosity = -1; break;
	case 'v': c->verbosity = 1; break;
	case 'h': c->action = CMDLINE_HELP; return 1;
	case 'V': c->action = CMDLINE_VERSION; return 1;
	case ':': return cmdline_fail(e, EXIT_USAGE, 1, "option needs a value: %s", argv[optind - 1]);
	default: return cmdline_fail(e, EXIT_USAGE, 1, "unknown option: %s", argv[optind - 1]);
	}
	return 0;
}

int cmdline_parse(int argc, char **argv, struct cmdline *c, struct cmdline_error *e)
{
	int opt, rc;

	*c = (struct cmdline){
		.action = CMDLINE_RUN,
		.spec = "input/briefing.md",
		.output = "output/briefing.pdf",
		.dpi = 200,
	};
	*e = (struct cmdline_error){ 0 };
	opterr = 0; /* getopt_long prints nothing: errors come back in e */
	/* every --data-root, --mail-to, --mail-cc: at most argc of each */
	if (!(c->roots = calloc((size_t)argc + 1, sizeof *c->roots)) ||
	    !(c->mail_to = calloc((size_t)argc + 1, sizeof *c->mail_to)) ||
	    !(c->mail_cc = calloc((size_t)argc + 1, sizeof *c->mail_cc)) ||
	    record_command(argc, argv, c) < 0)
		return cmdline_oom(e);
	while ((opt = getopt_long(argc, argv, cmdline_shortopts, cmdline_longopts, NULL)) != -1)
		if ((rc = take_option(opt, argv, c, e)) != 0)
			return rc > 0 ? 0 : -1;
	if (optind < argc && c->new_dir)
		return cmdline_fail(e, EXIT_USAGE, 1, "--new takes no SPEC: %s", argv[optind]);
	if (optind < argc)
		c->spec = argv[optind++];
	if (optind < argc)
		return cmdline_fail(e, EXIT_USAGE, 1, "more than one SPEC given: %s", argv[optind]);
	if (!*c->output || (c->summary && !*c->summary) || (c->new_dir && !*c->new_dir) ||
	    (c->mail && !*c->mail))
		return cmdline_fail(e, EXIT_USAGE, 1, "empty file name");
	if (c->mail && c->summary && strcmp(c->mail, "-") == 0 && strcmp(c->summary, "-") == 0)
		return cmdline_fail(e, EXIT_USAGE, 1,
				    "--summary - and --mail - would both write to standard output");
	if (c->new_dir)
		c->action = CMDLINE_NEW;
	return 0;
}

void cmdline_free(struct cmdline *c)
{
	if (!c)
		return;
	free(c->argv);
	free(c->roots);
	free(c->env_roots);
	free(c->mail_to);
	free(c->mail_cc);
	c->argv = NULL;
	c->roots = NULL;
	c->env_roots = NULL;
	c->mail_to = NULL;
	c->mail_cc = NULL;
	c->argc = 0;
	c->nroots = 0;
	c->nmail_to = 0;
	c->nmail_cc = 0;
}

void cmdline_error_free(struct cmdline_error *e)
{
	if (!e)
		return;
	free(e->msg);
	e->msg = NULL;
}
