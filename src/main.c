/* main — the command line: options, the pipeline (spec → data → expand →
 * layout), diagnostics and the exit code.  Only this file prints or exits. */
#include <errno.h>
#include <getopt.h>
#include <libgen.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "data.h"
#include "date.h"
#include "diag.h"
#include "layout.h"
#include "spec.h"

#ifndef BRIEFING_VERSION
#define BRIEFING_VERSION "unknown"
#endif
#ifndef BRIEFING_FONTDIR
#define BRIEFING_FONTDIR "/usr/local/share/briefing/fonts"
#endif

/* Everything the command line sets. */
struct options {
	const char *spec;     /* SPEC, default input/briefing.md */
	const char *output;   /* -o, default output/briefing.pdf */
	const char *charts;   /* --charts, default output/charts */
	const char *date;     /* --date YYYY-MM-DD or NULL */
	const char *fonts;    /* --fonts DIR or NULL */
	int check;            /* --check: validate only */
	int strict;           /* --strict: warnings are errors */
	int verbosity;        /* -1 quiet, 0 normal, 1 verbose */
};

static const char usage_text[] =
	"usage: briefing [options] [SPEC]        SPEC defaults to input/briefing.md\n"
	"  -o, --output FILE     PDF to write (default output/briefing.pdf)\n"
	"      --charts DIR      where chart images go (default output/charts)\n"
	"      --date YYYY-MM-DD report date (default: front matter, else\n"
	"                        SOURCE_DATE_EPOCH, else today)\n"
	"      --fonts DIR       folder of the TrueType fonts (default: $BRIEFING_FONTS,\n"
	"                        else fonts/ beside the program, else " BRIEFING_FONTDIR ")\n"
	"      --check           read and validate the spec and every CSV it uses;\n"
	"                        write nothing\n"
	"      --strict          warnings are errors\n"
	"  -q, --quiet           print nothing but errors\n"
	"  -v, --verbose         say what is read and written\n"
	"  -h, --help            show this help\n"
	"  -V, --version         show the version\n"
	"Exit codes: 0 ok, 64 usage, 65 bad data or spec, 66 input missing,\n"
	"70 internal error, 73 output cannot be created, 74 I/O error.\n";

static void print_diag(const struct diag *d)
{
	char line[2048];

	diag_format(d, line, sizeof line);
	fprintf(stderr, "%s\n", line);
}

static int usage_error(const char *msg, const char *arg)
{
	fprintf(stderr, "briefing: error: %s%s\nTry 'briefing --help'.\n", msg, arg ? arg : "");
	return EXIT_USAGE;
}

/* Parse argv into o.  Returns -1 to go on, or the exit code to exit with. */
static int parse_options(int argc, char **argv, struct options *o)
{
	enum { OPT_CHARTS = 256, OPT_DATE, OPT_CHECK, OPT_STRICT, OPT_FONTS };
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "charts", required_argument, NULL, OPT_CHARTS },
		{ "date", required_argument, NULL, OPT_DATE },
		{ "fonts", required_argument, NULL, OPT_FONTS },
		{ "check", no_argument, NULL, OPT_CHECK },
		{ "strict", no_argument, NULL, OPT_STRICT },
		{ "quiet", no_argument, NULL, 'q' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	int c;

	opterr = 0;
	while ((c = getopt_long(argc, argv, ":o:qvhV", longopts, NULL)) != -1) {
		switch (c) {
		case 'o': o->output = optarg; break;
		case OPT_CHARTS: o->charts = optarg; break;
		case OPT_DATE: o->date = optarg; break;
		case OPT_FONTS: o->fonts = optarg; break;
		case OPT_CHECK: o->check = 1; break;
		case OPT_STRICT: o->strict = 1; break;
		case 'q': o->verbosity = -1; break;
		case 'v': o->verbosity = 1; break;
		case 'h': fputs(usage_text, stdout); return EXIT_OK;
		case 'V': printf("briefing %s\n", BRIEFING_VERSION); return EXIT_OK;
		case ':': return usage_error("option needs a value: ", argv[optind - 1]);
		default: return usage_error("unknown option: ", argv[optind - 1]);
		}
	}
	if (optind < argc)
		o->spec = argv[optind++];
	if (optind < argc)
		return usage_error("more than one SPEC given: ", argv[optind]);
	if (!*o->output)
		return usage_error("empty output file name", NULL);
	return -1;
}

/* The fonts folder: --fonts, else $BRIEFING_FONTS, else fonts/ beside the
 * executable (a build tree), else the installed share folder. */
static const char *find_fonts_dir(const char *opt, char *buf, size_t size)
{
	const char *env = getenv("BRIEFING_FONTS");
	char exe[PATH_MAX];
	ssize_t n;
	struct stat st;

	if (opt)
		return opt;
	if (env && *env)
		return env;
	n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = '\0';
		snprintf(buf, size, "%s/fonts", dirname(exe));
		if (stat(buf, &st) == 0 && S_ISDIR(st.st_mode))
			return buf;
	}
	return BRIEFING_FONTDIR;
}

/* The report date: --date, else the spec's date:, else SOURCE_DATE_EPOCH, else
 * today (UTC).  Returns 0 or an exit code after printing the error. */
static int report_date(const struct options *o, const struct doc *doc,
		       struct report_date *out)
{
	const char *sde = getenv("SOURCE_DATE_EPOCH");

	if (o->date) {
		if (date_parse(o->date, out) < 0)
			return usage_error("bad --date (expected YYYY-MM-DD): ", o->date);
		return 0;
	}
	if (doc->front.date && date_parse(doc->front.date, out) == 0)
		return 0;
	if (sde && *sde) {
		char *end;
		long long t;

		errno = 0;
		t = strtoll(sde, &end, 10);
		if (errno || *end || t < 0) {
			fprintf(stderr, "briefing: error: SOURCE_DATE_EPOCH is not a number of seconds: %s\n", sde);
			return EXIT_USAGE;
		}
		date_from_epoch((time_t)t, out);
		return 0;
	}
	date_from_epoch(time(NULL), out);
	return 0;
}

/* Answer every query of the spec, one data_run (one pass) per distinct file. */
static int run_queries(struct doc *doc, struct diag *d, struct diag_list *warn)
{
	size_t n, nsame;
	struct query **qs = spec_queries(doc, &n);
	struct query **same = qs ? malloc((n ? n : 1) * sizeof *same) : NULL;
	char *done = calloc(n ? n : 1, 1);
	int rc = 0;

	if ((n && !qs) || !same || !done) {
		diag_error(d, EXIT_SOFTWARE, NULL, 0, 0, "out of memory");
		rc = -1;
	}
	for (size_t i = 0; rc == 0 && i < n; i++) {
		if (done[i])
			continue;
		nsame = 0;
		for (size_t j = i; j < n; j++) {
			if (!done[j] && strcmp(qs[j]->path, qs[i]->path) == 0) {
				same[nsame++] = qs[j];
				done[j] = 1;
			}
		}
		rc = data_run(qs[i]->path, same, nsame, d, warn);
	}
	free(done);
	free(same);
	free(qs);
	return rc;
}

/* Blocks that came out empty: a chart with nothing to draw is an error, a
 * table with no rows a warning. */
static int check_empty_blocks(const struct doc *doc, struct diag *d, struct diag_list *warn)
{
	for (size_t i = 0; i < doc->nblocks; i++) {
		const struct block *b = &doc->blocks[i];

		if (b->type == BLOCK_CHART && b->chart->q.res.ngroups == 0) {
			diag_error(d, EXIT_DATAERR, doc->path, b->line, 1,
				   "chart \"%s\" has no data: no rows of %s match",
				   b->chart->title, b->chart->q.path);
			return -1;
		}
		if (b->type == BLOCK_DATA_TABLE && b->table->q.res.nrows == 0)
			diag_warn(warn, doc->path, b->line, 1, "table has no rows: no rows of %s match",
				  b->table->q.path);
	}
	return 0;
}

/* Print the warnings; under --strict they are errors.  Returns 0 or 65. */
static int report_warnings(const struct options *o, struct diag_list *warn)
{
	for (size_t i = 0; i < warn->n; i++) {
		if (o->strict) {
			warn->items[i].level = DIAG_ERROR;
			print_diag(&warn->items[i]);
		} else if (o->verbosity >= 0) {
			print_diag(&warn->items[i]);
		}
	}
	return o->strict && warn->n ? EXIT_DATAERR : 0;
}

/* A temporary file next to path, so that rename() into place is atomic. */
static int make_temp(const char *path, char *tmp, size_t size, struct diag *d)
{
	char base[PATH_MAX], dir[PATH_MAX];
	mode_t mask;
	int fd;

	snprintf(base, sizeof base, "%s", path);
	snprintf(dir, sizeof dir, "%s", path);
	snprintf(tmp, size, "%s/.%s.XXXXXX", dirname(dir), basename(base));
	fd = mkstemp(tmp);
	if (fd < 0) {
		diag_error(d, EXIT_CANTCREAT, path, 0, 0, "cannot create output: %s", strerror(errno));
		return -1;
	}
	/* mkstemp makes the file 0600; a report is read like any new file. */
	mask = umask(0);
	umask(mask);
	if (fchmod(fd, 0666 & ~mask) < 0) {
		diag_error(d, EXIT_CANTCREAT, path, 0, 0, "cannot create output: %s", strerror(errno));
		close(fd);
		unlink(tmp);
		return -1;
	}
	close(fd);
	return 0;
}

/* Lay out the PDF into a temporary file and rename it over the output. */
static int write_pdf(const struct options *o, const struct doc *doc,
		     const struct layout_options *lo, struct diag *d)
{
	char tmp[PATH_MAX + 32];
	int pages = 0;
	struct stat st;

	if (stat(o->output, &st) == 0 && S_ISDIR(st.st_mode)) {
		diag_error(d, EXIT_CANTCREAT, o->output, 0, 0, "cannot create output: Is a directory");
		return -1;
	}
	if (make_temp(o->output, tmp, sizeof tmp, d) < 0)
		return -1;
	if (layout_document(doc, lo, tmp, &pages, d) < 0) {
		unlink(tmp);
		return -1;
	}
	if (rename(tmp, o->output) < 0) {
		diag_error(d, EXIT_CANTCREAT, o->output, 0, 0, "cannot create output: %s", strerror(errno));
		unlink(tmp);
		return -1;
	}
	if (o->verbosity > 0 && stat(o->output, &st) == 0)
		fprintf(stderr, "briefing: wrote %s (%d pages, %lld bytes)\n", o->output, pages,
			(long long)st.st_size);
	return 0;
}

/* The pipeline after option parsing.  Returns the exit code. */
static int run(const struct options *o)
{
	struct diag d = { 0 };
	struct diag_list warn = { 0 };
	struct doc *doc = spec_read(o->spec, &d, &warn);
	struct report_date date;
	char date_text[64], date_iso[16], fonts_buf[PATH_MAX];
	struct layout_options lo;
	int rc = EXIT_OK;

	if (!doc || run_queries(doc, &d, &warn) < 0 || spec_expand(doc, &d) < 0 ||
	    check_empty_blocks(doc, &d, &warn) < 0) {
		print_diag(&d);
		rc = d.code ? d.code : EXIT_SOFTWARE;
		goto done;
	}
	if ((rc = report_warnings(o, &warn)) != 0)
		goto done;
	if ((rc = report_date(o, doc, &date)) != 0)
		goto done;
	if (o->check) {
		if (o->verbosity > 0)
			fprintf(stderr, "briefing: %s: ok\n", o->spec);
		goto done;
	}
	date_format_long(&date, date_text, sizeof date_text);
	date_format_iso(&date, date_iso, sizeof date_iso);
	layout_options_defaults(&lo);
	lo.fonts_dir = find_fonts_dir(o->fonts, fonts_buf, sizeof fonts_buf);
	lo.date_text = date_text;
	lo.date_iso = date_iso;
	lo.version = BRIEFING_VERSION;
	if (write_pdf(o, doc, &lo, &d) < 0) {
		print_diag(&d);
		rc = d.code ? d.code : EXIT_SOFTWARE;
	}
done:
	spec_free(doc);
	diag_list_free(&warn);
	return rc;
}

int main(int argc, char **argv)
{
	struct options o = {
		.spec = "input/briefing.md",
		.output = "output/briefing.pdf",
		.charts = "output/charts",
	};
	int rc;

	/* Honour the user's locale (messages, terminal), on purpose: every number
	 * we read or print goes through num.c, which ignores it, and the tests run
	 * under a decimal-comma locale to prove that. */
	setlocale(LC_ALL, "");
	rc = parse_options(argc, argv, &o);
	if (rc >= 0)
		return rc;
	return run(&o);
}
