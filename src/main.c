/* main — the command line (read by include/cmdline.h), paths, the
 * environment and the clock read once and passed down, the pipeline
 * (include/pipeline.h) run, what it returns printed, and the exit code.
 * Only this file prints, exits or reads the environment (see print_diag
 * for how errors are printed). */
#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <locale.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cmdline.h"
#include "cpus.h"
#include "data.h"
#include "date.h"
#include "diag.h"
#include "outfile.h"
#include "pipeline.h"

/* The program's version (the Makefile's VERSION): --version, the PDF's
 * Creator and its sources page all take it from here. */
#ifndef BRIEFING_VERSION
#define BRIEFING_VERSION "unknown"
#endif
/* Where `make install` puts the fonts and the template (PREFIX/share/briefing). */
#ifndef BRIEFING_DATADIR
#define BRIEFING_DATADIR "/usr/local/share/briefing"
#endif
#define BRIEFING_FONTDIR BRIEFING_DATADIR "/fonts"

static const char usage_text[] =
	"usage: briefing [options] [SPEC]     make a PDF (SPEC: default input/briefing.md)\n"
	"       briefing --new DIR            start a new briefing in DIR from the template\n"
	"  -o, --output FILE     PDF to write (default output/briefing.pdf)\n"
	"      --charts DIR      where chart PNG and SVG files go (default: charts/\n"
	"                        beside the PDF)\n"
	"      --summary FILE    also write a plain-text summary for an e-mail (- = stdout)\n"
	"      --mail FILE       also write the e-mail, ready for sendmail -t (- = stdout):\n"
	"                        the summary as text and as HTML with the charts\n"
	"                        inline, the PDF attached\n"
	"      --mail-to ADDR    a recipient (repeatable; default: mail-to: in the spec)\n"
	"      --mail-cc ADDR    a copy recipient (repeatable; default: mail-cc:)\n"
	"      --mail-from ADDR  the sender, needed for --mail (default: mail-from:)\n"
	"      --mail-subject TEXT  the subject, with {{title}}, {{date}} and {{value}}\n"
	"                        (default: mail-subject:, else title and date)\n"
	"      --no-chart-files  write no chart PNG or SVG files\n"
	"      --dpi N           resolution of the chart PNGs (36 to 1200, default 200)\n"
	"      --date YYYY-MM-DD report date (default: front matter date:, else\n"
	"                        SOURCE_DATE_EPOCH, else today)\n"
	"      --data-root DIR   data: files may also lie under DIR (repeatable; also\n"
	"                        $BRIEFING_DATA_ROOT, colon-separated); by default only\n"
	"                        the spec's folder\n"
	"      --fonts DIR       folder of the TrueType fonts (default: $BRIEFING_FONTS,\n"
	"                        else fonts/ or ../share/briefing/fonts beside the\n"
	"                        program, else " BRIEFING_FONTDIR ")\n"
	"      --new DIR         copy the template briefing into DIR and exit\n"
	"      --check           read and validate the spec and every CSV it uses;\n"
	"                        write nothing\n"
	"      --strict          warnings are errors\n"
	"  -q, --quiet           print nothing but errors\n"
	"  -v, --verbose         say what is read and written\n"
	"  -h, --help            show this help\n"
	"  -V, --version         show the version\n"
	"-o, --charts, --summary and --mail expand strftime(3) conversions of the report\n"
	"date (-o 'out/briefing-%Y-%m.pdf').\n"
	"Exit codes: 0 ok, 64 usage, 65 bad data or spec, 66 input missing,\n"
	"70 internal error, 73 output cannot be created, 74 I/O error.\n"
	"The spec format, every option and examples: man briefing\n";

/* Errors reach the user two ways, both printed here and nowhere else:
 * what the modules report comes back as a struct diag (print_diag); main's
 * own errors about the command line and the environment (main_error) quote
 * the user's words whole, which may be longer than the 1,023 bytes a
 * struct diag holds, so they are formatted here, as diag_format formats an
 * error with no file: "briefing: error: MESSAGE". */
static void print_diag(const struct diag *d)
{
	char line[2048];

	diag_format(d, line, sizeof line);
	fprintf(stderr, "%s\n", line);
}

/* Print the error d; its exit code. */
static int report_error(const struct diag *d)
{
	print_diag(d);
	return d->code ? d->code : EXIT_SOFTWARE;
}

static int out_of_memory(void)
{
	struct diag d = { 0 };

	diag_oom(&d);
	return report_error(&d);
}

/* One of main's own errors (see print_diag), then, with hint, where to
 * read more.  Returns code. */
static int main_verror(int code, int hint, const char *fmt, va_list ap)
{
	fputs("briefing: error: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputs(hint ? "\nTry 'briefing --help'.\n" : "\n", stderr);
	return code;
}

static int main_error(int code, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int main_error(int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	code = main_verror(code, 0, fmt, ap);
	va_end(ap);
	return code;
}

/* A mistake on the command line: EXIT_USAGE, and a pointer to --help. */
static int usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static int usage_error(const char *fmt, ...)
{
	va_list ap;
	int code;

	va_start(ap, fmt);
	code = main_verror(EXIT_USAGE, 1, fmt, ap);
	va_end(ap);
	return code;
}

/* A folder of the program's own data: `local` beside the executable (a
 * build tree: fonts/, input/), else `installed` under ../share/briefing
 * beside it (an installed program, wherever its PREFIX was moved), else
 * under BRIEFING_DATADIR.  buf holds the answer when it is not the last. */
static const char *find_data_dir(const char *local, const char *installed, char *buf,
				 size_t size)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	struct stat st;

	if (n > 0) {
		const char *dir;

		exe[n] = '\0';
		dir = dirname(exe);
		snprintf(buf, size, "%s/%s", dir, local);
		if (stat(buf, &st) == 0 && S_ISDIR(st.st_mode))
			return buf;
		snprintf(buf, size, "%s/../share/briefing/%s", dir, installed);
		if (stat(buf, &st) == 0 && S_ISDIR(st.st_mode))
			return buf;
	}
	snprintf(buf, size, "%s/%s", BRIEFING_DATADIR, installed);
	return buf;
}

/* The fonts folder: --fonts, else $BRIEFING_FONTS, else the program's own
 * (find_data_dir). */
static const char *find_fonts_dir(const char *opt, char *buf, size_t size)
{
	const char *env = getenv("BRIEFING_FONTS");

	if (opt)
		return opt;
	if (env && *env)
		return env;
	return find_data_dir("fonts", "fonts", buf, size);
}

/* Today's date in the local time zone. */
static void today_local(struct report_date *out)
{
	time_t now = time(NULL);
	struct tm tm;

	if (!localtime_r(&now, &tm)) {
		date_from_epoch(now, out);
		return;
	}
	out->year = tm.tm_year + 1900;
	out->month = tm.tm_mon + 1;
	out->day = tm.tm_mday;
}

/* The seconds of SOURCE_DATE_EPOCH for 0001-01-01 and 9999-12-31 23:59:59 UTC. */
#define SDE_MIN (-62135596800LL)
#define SDE_MAX 253402300799LL

/* SOURCE_DATE_EPOCH's seconds: 0 and *t, 1 when it is not a whole number,
 * 2 when it is out of the dates --date takes (0001-01-01 to 9999-12-31 UTC). */
static int sde_seconds(const char *sde, long long *t)
{
	char *end;

	errno = 0;
	*t = strtoll(sde, &end, 10);
	if (*end || end == sde || !(*sde == '-' || (*sde >= '0' && *sde <= '9')))
		return 1;
	return errno || *t < SDE_MIN || *t > SDE_MAX ? 2 : 0;
}

/* The report date: --date, else the spec's date:, else SOURCE_DATE_EPOCH (a
 * UTC date, as reproducible builds define it), else today where the user is
 * (TZ): a cron job at 00:30 in Baku dates its report that day, not the day
 * before.  Returns 0 or an exit code after printing the error. */
static int report_date(const struct cmdline *o, const struct doc *doc,
		       struct report_date *out)
{
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	long long t;

	if (o->date) {
		if (date_parse(o->date, out) < 0)
			return usage_error("bad --date (expected YYYY-MM-DD): %s", o->date);
		return 0;
	}
	if (doc->front.date && date_parse(doc->front.date, out) == 0)
		return 0;
	if (sde && *sde) {
		switch (sde_seconds(sde, &t)) {
		case 1:
			return main_error(EXIT_USAGE,
					  "SOURCE_DATE_EPOCH is not a number of seconds: %s", sde);
		case 2:
			return main_error(EXIT_USAGE,
					  "SOURCE_DATE_EPOCH is out of range (%lld to %lld: "
					  "0001-01-01 to 9999-12-31, as for --date): %s",
					  SDE_MIN, SDE_MAX, sde);
		}
		date_from_epoch((time_t)t, out);
		return 0;
	}
	today_local(out);
	return 0;
}

/* The run's time for the e-mail's Date header, and the local time zone's
 * offset from UTC then (minutes east): SOURCE_DATE_EPOCH in UTC when it is
 * set (a reproducible build's clock), else the clock where the user is. */
static void run_clock(time_t *now, int *utc_offset_min)
{
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	long long t;
	struct tm tm;

	*utc_offset_min = 0;
	if (sde && *sde && sde_seconds(sde, &t) == 0) {
		*now = (time_t)t;
		return;
	}
	*now = time(NULL);
	if (localtime_r(now, &tm))
		*utc_offset_min = (int)(tm.tm_gmtoff / 60);
}

/* The progress line of a long read: on a terminal only (see run),
 * for files of 64 MB or more, redrawn in place at most four times a second
 * and cleared when the file is done. */
struct progress {
	struct timespec start, last;
	int shown;
};

static double seconds_between(const struct timespec *a, const struct timespec *b)
{
	return (double)(b->tv_sec - a->tv_sec) + (double)(b->tv_nsec - a->tv_nsec) / 1e9;
}

static void show_progress(void *ctx, const char *path, long long done, long long total)
{
	struct progress *p = ctx;
	struct timespec now;
	double el, rate;

	if (done < 0) { /* the file is done */
		if (p->shown)
			fputs("\r\033[K", stderr);
		memset(p, 0, sizeof *p);
		return;
	}
	if (total < (64LL << 20))
		return;
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (!p->start.tv_sec && !p->start.tv_nsec)
		p->start = now;
	if ((p->shown && seconds_between(&p->last, &now) < 0.25) || done > total)
		return;
	p->last = now;
	el = seconds_between(&p->start, &now);
	rate = el > 0 ? (double)done / el : 0;
	fprintf(stderr, "\rbriefing: reading %s: %3d %%, %.0f MB/s, %.0f s left\033[K", path,
		(int)(100 * done / total), rate / 1e6,
		rate > 0 ? (double)(total - done) / rate : 0.0);
	p->shown = 1;
}

/* Print the warnings; under --strict they are errors.  Returns 0 or 65. */
static int report_warnings(const struct cmdline *o, struct diag_list *warn)
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

static void say_written(const struct cmdline *o, int pages, size_t stale)
{
	struct stat st;

	if (o->verbosity > 0 && stale)
		fprintf(stderr, "briefing: removed %zu temporar%s a killed run left behind\n", stale,
			stale == 1 ? "y" : "ies");
	if (o->verbosity > 0 && stat(o->output, &st) == 0)
		fprintf(stderr, "briefing: wrote %s (%d pages, %lld bytes)\n", o->output, pages,
			(long long)st.st_size);
	if (o->verbosity > 0 && o->mail && strcmp(o->mail, "-") != 0 && stat(o->mail, &st) == 0)
		fprintf(stderr, "briefing: wrote %s (the e-mail, %lld bytes)\n", o->mail,
			(long long)st.st_size);
}

/* The output paths with their strftime conversions expanded with the report
 * date (-o 'out/briefing-%Y-%m.pdf'): o's pointers then point into p. */
struct out_paths {
	char output[PATH_MAX], charts[PATH_MAX], summary[PATH_MAX], mail[PATH_MAX];
};

static int expand_one(const char *opt, const char **path, const struct report_date *date,
		      char *buf, size_t size)
{
	if (!*path || strcmp(*path, "-") == 0)
		return 0;
	if (date_strftime(date, *path, buf, size) < 0)
		return main_error(EXIT_USAGE,
				  "%s %s: the date pattern gives an empty or too long name", opt, *path);
	*path = buf;
	return 0;
}

static int expand_paths(struct cmdline *o, const struct report_date *date, struct out_paths *p)
{
	int rc;

	if ((rc = expand_one("-o", &o->output, date, p->output, sizeof p->output)) ||
	    (rc = expand_one("--charts", &o->charts, date, p->charts, sizeof p->charts)) ||
	    (rc = expand_one("--summary", &o->summary, date, p->summary, sizeof p->summary)) ||
	    (rc = expand_one("--mail", &o->mail, date, p->mail, sizeof p->mail)))
		return rc;
	if (!o->charts) {
		/* the default: a charts folder beside the PDF (output/charts for
		 * the default output/briefing.pdf) */
		char dir[PATH_MAX];

		snprintf(dir, sizeof dir, "%s", o->output);
		snprintf(p->charts, sizeof p->charts, "%s/charts", dirname(dir));
		o->charts = p->charts;
	}
	return 0;
}

/* -v: what the one pass over a data file (or a folder's parts) read, and
 * the delimiter when it was detected. */
static void say_read(void *ctx, const struct pipeline_file *f)
{
	const struct query_result *r = &f->queries[0]->res;

	(void)ctx;
	fprintf(stderr, "briefing: read %s: %lld bytes, %zu rows, %zu queries in one pass%s%s%s\n",
		f->path, r->bytes_read, r->rows_read, f->n, r->delimiter_detected ?
		"; delimiter " : "", r->delimiter_detected ? (r->delimiter == '\t' ? "tab" :
		r->delimiter == ';' ? "';'" : r->delimiter == '|' ? "'|'" : "','") : "",
		r->delimiter_detected ? " (detected from the header line)" : "");
	for (size_t i = 0; i < r->nparts; i++)
		fprintf(stderr, "briefing:   part %s: %lld bytes, %zu rows\n", r->parts[i].path,
			r->parts[i].bytes, r->parts[i].rows);
}

/* --new DIR: copy the template ($BRIEFING_TEMPLATE, else input/ of a build
 * tree, else the installed share/briefing/template) into DIR and say what to
 * do next. */
static int new_briefing(const struct cmdline *o)
{
	struct diag d = { 0 };
	char buf[PATH_MAX];
	const char *env = getenv("BRIEFING_TEMPLATE");
	const char *from = env && *env ? env : find_data_dir("input", "template", buf, sizeof buf);
	size_t n = 0;

	if (pipeline_copy_template(from, o->new_dir, &n, &d) < 0)
		return report_error(&d);
	if (o->verbosity >= 0)
		printf("briefing: made %s/briefing.md and %zu data file%s from %s\n"
		       "Edit the spec, then run:\n  briefing %s/briefing.md -o %s/briefing.pdf\n",
		       o->new_dir, n - 1, n == 2 ? "" : "s", from, o->new_dir, o->new_dir);
	return EXIT_OK;
}

/* The pipeline after option parsing: read and check everything, then (but
 * for --check) write every output.  Returns the exit code. */
static int run(struct cmdline *o)
{
	struct diag d = { 0 };
	struct diag_list warn = { 0 };
	struct progress prog = { 0 };
	struct data_progress dp = { show_progress, &prog };
	struct pipeline_outputs out;
	struct pipeline_written w = { 0 };
	struct report_date date;
	struct out_paths paths;
	char fonts_buf[PATH_MAX];
	struct pipeline_options po = {
		.spec = o->spec,
		.fonts_dir = find_fonts_dir(o->fonts, fonts_buf, sizeof fonts_buf),
		.roots = o->roots,
		.nroots = o->nroots,
		.cpus = cpus_usable(),
		.progress = o->verbosity >= 0 && isatty(STDERR_FILENO) ? &dp : NULL,
		.file_read = o->verbosity > 0 ? say_read : NULL,
	};
	/* made first: its temporaries' cleanup takes older files for stale */
	struct pipeline *p = pipeline_new(&d);
	int rc = EXIT_OK;

	if (!p || pipeline_read(p, &po, &d, &warn) < 0)
		goto failed;
	if ((rc = report_warnings(o, &warn)) != 0 ||
	    (rc = report_date(o, pipeline_doc(p), &date)) != 0 ||
	    (rc = expand_paths(o, &date, &paths)) != 0)
		goto done;
	out = (struct pipeline_outputs){
		.pdf = o->output,
		.charts = o->no_chart_files ? NULL : o->charts,
		.dpi = o->dpi,
		.summary = o->summary,
		.date = &date,
		.version = BRIEFING_VERSION,
		.argc = o->argc,
		.argv = o->argv,
		.mail = {
			.path = o->mail,
			.from = o->mail_from,
			.to = o->mail_to,
			.nto = o->nmail_to,
			.cc = o->mail_cc,
			.ncc = o->nmail_cc,
			.subject = o->mail_subject,
		},
	};
	run_clock(&out.mail.now, &out.mail.utc_offset_min);
	if (o->check) {
		if (pipeline_check_mail(p, &out, &d) < 0)
			goto failed;
		if (o->verbosity > 0)
			fprintf(stderr, "briefing: %s: ok\n", o->spec);
		goto done;
	}
	if (pipeline_write(p, &out, &w, &d) < 0)
		goto failed;
	if (w.summary_text)
		fputs(w.summary_text, stdout);
	if (w.mail_text &&
	    (fwrite(w.mail_text, 1, w.mail_len, stdout) != w.mail_len || fflush(stdout) != 0))
		rc = main_error(EXIT_IOERR, "cannot write the e-mail to standard output: %s",
				strerror(errno));
	say_written(o, w.pages, w.stale);
	goto done;
failed:
	rc = report_error(&d);
done:
	free(w.summary_text);
	free(w.mail_text);
	pipeline_free(p);
	diag_list_free(&warn);
	return rc;
}

/* A command-line error cmdline found, printed as main's own (see
 * print_diag).  Returns its exit code. */
static int report_cmdline_error(const struct cmdline_error *e)
{
	if (!e->msg)
		return out_of_memory();
	return e->hint && e->code == EXIT_USAGE ? usage_error("%s", e->msg)
						: main_error(e->code, "%s", e->msg);
}

/* Read the command line (and BRIEFING_DATA_ROOT) into o, then do what it
 * asks.  Returns the exit code. */
static int run_command(int argc, char **argv, struct cmdline *o)
{
	struct cmdline_error e;
	int rc = -1;

	if (cmdline_parse(argc, argv, o, &e) < 0 ||
	    (o->action == CMDLINE_RUN && cmdline_add_env_roots(o, getenv("BRIEFING_DATA_ROOT"),
							       &e) < 0)) {
		rc = report_cmdline_error(&e);
		cmdline_error_free(&e);
		return rc;
	}
	switch (o->action) {
	case CMDLINE_HELP: fputs(usage_text, stdout); return EXIT_OK;
	case CMDLINE_VERSION: printf("briefing %s\n", BRIEFING_VERSION); return EXIT_OK;
	case CMDLINE_NEW: return new_briefing(o);
	case CMDLINE_RUN: break;
	}
	return run(o);
}

int main(int argc, char **argv)
{
	struct cmdline o;
	int rc;

	/* Honour the user's locale (messages, terminal), on purpose: every number
	 * we read or print goes through num.c, which ignores it, and the tests run
	 * under a decimal-comma locale to prove that. */
	setlocale(LC_ALL, "");
	/* A file-size limit (ulimit -f) must be a write error we report (EFBIG,
	 * exit 74), not a SIGXFSZ that kills us with the temporary left behind. */
	signal(SIGXFSZ, SIG_IGN);
	/* Ctrl-C, kill or a closed terminal mid-run removes our temporaries. */
	outfile_catch_signals();
	rc = run_command(argc, argv, &o);
	cmdline_free(&o);
	return rc;
}
