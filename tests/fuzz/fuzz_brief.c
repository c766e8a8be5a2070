/* fuzz_brief — a whole run (src/pipeline.c): a spec and its CSV files read,
 * every query answered, the placeholders expanded, the charts built, the
 * PDF laid out in memory, the summary made, and all of it written and
 * committed through the output set (src/outfile*.c), as briefing does.
 *
 * The input is a spec, then up to FUZZ_MAX_FILES files beside it, each
 * after a line of its own "==> NAME <==" (NAME: letters, digits, '_', '-'
 * and '.', not first, at most 32 bytes; a CR may end the line; another
 * line, or a name taken, stays content).  An optional first line
 * "#! WORDS" asks for more: "charts" writes the chart PNG (at 36 dpi) and
 * SVG files, "summary-file" writes the summary to a file rather than
 * handing its text back.  Everything goes into a scratch folder made for
 * each input (/tmp/fuzz_brief.XXXXXX: the spec as
 * spec.md, the files beside it, the outputs in out/) and removed after it
 * (only a crash leaves one behind).  FUZZ_BRIEF_VERBOSE=1 in the
 * environment prints each run's outcome.
 *
 * Beyond "no crash" (and no leak, under libFuzzer):
 *   - a failure is the input's fault: a spec or data error (65) naming a
 *     file and a line, or a data file missing (66) naming it — never an
 *     internal error (70) or one of the outputs (64, 73, 74);
 *     every warning names a file and says something;
 *   - a failed run leaves out/ empty: no PDF, no chart file or folder, no
 *     summary, no temporary;
 *   - a good run leaves exactly the PDF (starting "%PDF-", ending "%%EOF",
 *     of the size and with the pages pipeline_write reported), the
 *     summary file if asked, and the chart files if asked (each NAME.png
 *     with its NAME.svg, nothing else): no temporary, no backup; the
 *     summary is valid UTF-8 and starts with the spec's title, wrapped as
 *     the summary wraps its lines (at 72 characters: a break between two
 *     words may be a line end);
 *   - the same run again over those outputs replaces them all (no backup
 *     left behind) with the same PDF, byte for byte, and removes a killed
 *     run's temporary planted beside the PDF;
 *   - the spec and the data files are unchanged, whatever happened. */
#include <dirent.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "date.h"
#include "pipeline.h"
#include "utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Bounds that keep one input well under a second. */
#define FUZZ_MAX_INPUT (64 * 1024)
#define FUZZ_MAX_FILES 8
#define FUZZ_MAX_NAME 32

static void fuzz_assert(int ok, const char *what)
{
	if (!ok) {
		fprintf(stderr, "fuzz_brief: %s\n", what);
		abort();
	}
}

/* ---- the scratch folder ---------------------------------------------------- */

static char scratch[64];

/* Remove everything in dir (files, and folders one level down), keeping
 * dir.  Returns how many entries there were. */
static size_t empty_folder(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char path[512];
	size_t n = 0;

	if (!d)
		return 0;
	while ((e = readdir(d)) != NULL) {
		struct stat st;

		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		n++;
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
			empty_folder(path);
			rmdir(path);
		} else {
			unlink(path);
		}
	}
	closedir(d);
	return n;
}

/* A new scratch folder with an empty out/ in it. */
static void scratch_new(void)
{
	char out[128];

	snprintf(scratch, sizeof scratch, "/tmp/fuzz_brief.XXXXXX");
	fuzz_assert(mkdtemp(scratch) != NULL, "cannot make a scratch folder in /tmp");
	snprintf(out, sizeof out, "%s/out", scratch);
	fuzz_assert(mkdir(out, 0700) == 0, "cannot make the scratch out/ folder");
}

static void scratch_remove(void)
{
	empty_folder(scratch);
	rmdir(scratch);
}

/* ---- the input cut into its files ---------------------------------------- */

/* A file of the input: its name and bytes (pointing into the input). */
struct fuzz_file {
	char name[FUZZ_MAX_NAME + 1];
	const char *text;
	size_t len;
};

/* What the input asks for. */
struct fuzz_run {
	int charts;        /* "#! charts": write the chart files */
	int summary_file;  /* "#! summary-file": the summary into a file */
	struct fuzz_file files[1 + FUZZ_MAX_FILES]; /* spec.md first */
	size_t nfiles;
};

/* Is line (len bytes, no newline) "==> NAME <==" with a good NAME?  Then
 * NAME into name. */
static int file_header(const char *line, size_t len, char *name)
{
	size_t n;

	if (len && line[len - 1] == '\r') /* a CRLF line */
		len--;
	if (len < 9 || memcmp(line, "==> ", 4) != 0 || memcmp(line + len - 4, " <==", 4) != 0)
		return 0;
	n = len - 8;
	if (n > FUZZ_MAX_NAME || line[4] == '.')
		return 0;
	for (size_t i = 0; i < n; i++) {
		char c = line[4 + i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '_' || c == '-' || c == '.'))
			return 0;
	}
	memcpy(name, line + 4, n);
	name[n] = '\0';
	return strcmp(name, "spec.md") != 0 && strcmp(name, "out") != 0;
}

/* Cut the input into the spec and its files; read the "#!" line. */
static void fuzz_cut(const char *p, size_t n, struct fuzz_run *r)
{
	const char *end = p + n, *line = p;
	struct fuzz_file *f = &r->files[0];

	memset(r, 0, sizeof *r);
	if (n >= 2 && p[0] == '#' && p[1] == '!') {
		const char *nl = memchr(p, '\n', n);
		size_t len = nl ? (size_t)(nl - p) : n;

		r->charts = memmem(p, len, "charts", 6) != NULL;
		r->summary_file = memmem(p, len, "summary-file", 12) != NULL;
		line = nl ? nl + 1 : end;
	}
	strcpy(f->name, "spec.md");
	f->text = line;
	r->nfiles = 1;
	while (line < end) {
		const char *nl = memchr(line, '\n', (size_t)(end - line));
		const char *next = nl ? nl + 1 : end;
		char name[FUZZ_MAX_NAME + 1];
		int dup = 0;

		if (r->nfiles <= FUZZ_MAX_FILES &&
		    file_header(line, (size_t)((nl ? nl : end) - line), name)) {
			for (size_t i = 0; i < r->nfiles; i++)
				dup |= strcmp(r->files[i].name, name) == 0;
			if (!dup) {
				f->len = (size_t)(line - f->text);
				f = &r->files[r->nfiles++];
				strcpy(f->name, name);
				f->text = next;
			}
		}
		line = next;
	}
	f->len = (size_t)(end - f->text);
}

static void path_in(char *buf, size_t size, const char *name)
{
	snprintf(buf, size, "%s/%s", scratch, name);
}

static void put_files(const struct fuzz_run *r)
{
	char path[256];

	for (size_t i = 0; i < r->nfiles; i++) {
		FILE *f;

		path_in(path, sizeof path, r->files[i].name);
		f = fopen(path, "wb");
		fuzz_assert(f != NULL, "cannot write an input file in the scratch folder");
		fuzz_assert(fwrite(r->files[i].text, 1, r->files[i].len, f) == r->files[i].len &&
			    fclose(f) == 0, "cannot write an input file in the scratch folder");
	}
}

/* The whole file at path, NUL-terminated (malloc'ed), its length in
 * *len; NULL when it cannot be read. */
static char *read_whole(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, got;

	*len = 0;
	if (!f)
		return NULL;
	do {
		if (*len + 1 >= cap) {
			char *b = realloc(buf, cap = cap ? 2 * cap : 65536);

			fuzz_assert(b != NULL, "out of memory reading an output");
			buf = b;
		}
		got = fread(buf + *len, 1, cap - 1 - *len, f);
		*len += got;
	} while (got > 0);
	fclose(f);
	buf[*len] = '\0';
	return buf;
}

/* Is the file at path exactly len bytes of text? */
static int file_is(const char *path, const char *text, size_t len)
{
	FILE *f = fopen(path, "rb");
	char buf[4096];
	size_t at = 0, got;
	int same = f != NULL;

	while (same && (got = fread(buf, 1, sizeof buf, f)) > 0) {
		same = at + got <= len && memcmp(buf, text + at, got) == 0;
		at += got;
	}
	if (f)
		fclose(f);
	return same && at == len;
}

/* ---- the checks ------------------------------------------------------------- */

static void check_inputs_unchanged(const struct fuzz_run *r)
{
	char path[256];

	for (size_t i = 0; i < r->nfiles; i++) {
		path_in(path, sizeof path, r->files[i].name);
		fuzz_assert(file_is(path, r->files[i].text, r->files[i].len),
			    "an input file was changed");
	}
}

/* A failure: what the spec or the data files did wrong (65), or a data
 * file missing (66), located.  Nothing else can be the input's fault here:
 * the outputs' folder exists, is writable and holds no input, so 64, 73
 * and 74 would be the program's mistake, and so would 70 (an internal
 * error: ASan aborts when memory runs out rather than return NULL). */
static void check_failure(const struct diag *d)
{
	fuzz_assert(d->msg[0] != '\0', "failed without a message");
	fuzz_assert(d->code == EXIT_DATAERR || d->code == EXIT_NOINPUT,
		    "a failure that is not 65 or 66 (not the input's fault)");
	fuzz_assert(d->file[0] && (d->line > 0 || d->code == EXIT_NOINPUT),
		    "a spec or data error without FILE:LINE");
}

static void check_warnings(const struct diag_list *warn)
{
	for (size_t i = 0; i < warn->n; i++)
		fuzz_assert(warn->items[i].file[0] && warn->items[i].msg[0],
			    "a warning without a file or a message");
}

/* The PDF at path: pdf_bytes long, "%PDF-" to "%%EOF", with as many page
 * objects as pages (libharu writes no object streams, so each page is a
 * plain "/Type /Page"). */
static void check_pdf(const char *path, long long pdf_bytes, int pages)
{
	size_t len, k, n = 0;
	char *pdf = read_whole(path, &len);
	const char *at;

	fuzz_assert(pdf != NULL, "a good run wrote no PDF");
	fuzz_assert((long long)len == pdf_bytes, "the PDF is not the size reported");
	fuzz_assert(len >= 16 && memcmp(pdf, "%PDF-", 5) == 0, "the PDF does not start with %PDF-");
	for (k = len; k > 0 && (pdf[k - 1] == '\n' || pdf[k - 1] == '\r'); k--)
		;
	fuzz_assert(k >= 5 && memcmp(pdf + k - 5, "%%EOF", 5) == 0,
		    "the PDF does not end with %%EOF");
	for (at = pdf; (at = memmem(at, len - (size_t)(at - pdf), "/Type /Page", 11)) != NULL;
	     at += 11)
		n += at + 11 < pdf + len && at[11] != 's';
	fuzz_assert(n == (size_t)pages, "the PDF has another number of pages than reported");
	free(pdf);
}

/* out/charts: pairs NAME.png and NAME.svg, nothing else. */
static void check_chart_files(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t png = 0, svg = 0;
	char other[512];
	struct stat st;

	if (!d)
		return; /* no chart in the spec */
	while ((e = readdir(d)) != NULL) {
		size_t n = strlen(e->d_name);

		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		fuzz_assert(e->d_name[0] != '.', "a temporary left in the charts folder");
		fuzz_assert(n > 4 && (strcmp(e->d_name + n - 4, ".png") == 0 ||
				      strcmp(e->d_name + n - 4, ".svg") == 0),
			    "a chart file that is neither PNG nor SVG");
		snprintf(other, sizeof other, "%s/%.*s.%s", dir, (int)(n - 4), e->d_name,
			 e->d_name[n - 3] == 'p' ? "svg" : "png");
		fuzz_assert(stat(other, &st) == 0, "a chart's PNG without its SVG, or the reverse");
		png += e->d_name[n - 3] == 'p';
		svg += e->d_name[n - 3] == 's';
	}
	closedir(d);
	fuzz_assert(png == svg && png > 0, "a charts folder without pairs of chart files");
}

/* What a good run left in out/: exactly the PDF, the summary and the
 * charts folder it asked for, no temporary. */
static void check_outputs(const struct fuzz_run *r, const char *out)
{
	DIR *d = opendir(out);
	struct dirent *e;

	fuzz_assert(d != NULL, "out/ is gone");
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		fuzz_assert(e->d_name[0] != '.', "a temporary or backup left in out/");
		fuzz_assert(strcmp(e->d_name, "brief.pdf") == 0 ||
			    (r->summary_file && strcmp(e->d_name, "summary.txt") == 0) ||
			    (r->charts && strcmp(e->d_name, "charts") == 0),
			    "a file in out/ that the run was not asked for");
	}
	closedir(d);
}

/* Does text start with title's words in order, each break between two a
 * run of spaces or one line end (the summary wraps at 72 characters), the
 * last ending its line?  A title without a word: text may start anyhow. */
static int starts_with_wrapped(const char *text, const char *title)
{
	const char *t = text, *p = title;

	for (;;) {
		size_t n;

		p += strspn(p, " \n");
		if (!*p)
			return t == text || *t == '\n';
		n = strcspn(p, " \n");
		if (t != text && *t == '\n')
			t++;
		else if (t != text && *t == ' ')
			t += strspn(t, " ");
		else if (t != text)
			return 0;
		if (strncmp(t, p, n) != 0)
			return 0;
		t += n;
		p += n;
	}
}

static void check_summary(const char *text, size_t len, const struct doc *doc)
{
	fuzz_assert(len > 0 && strlen(text) == len, "an empty summary, or one with a NUL");
	fuzz_assert(utf8_invalid_at(text, len) < 0, "a summary that is not UTF-8");
	fuzz_assert(starts_with_wrapped(text, doc->front.title ? doc->front.title : ""),
		    "a summary not starting with the title");
}

/* The summary file written: the same checks. */
static void check_summary_file(const char *path, const struct doc *doc)
{
	size_t len;
	char *text = read_whole(path, &len);

	fuzz_assert(text != NULL, "the summary file is missing");
	check_summary(text, len, doc);
	free(text);
}

/* ---- the run ---------------------------------------------------------------- */

static const char *fonts_dir(void)
{
	const char *dir = getenv("BRIEFING_FONTS");

	return dir && *dir ? dir : "fonts";
}

/* Read, then write through the output set, as briefing would with -o
 * out/brief.pdf, --no-chart-files unless asked, --summary - or
 * out/summary.txt; the report date is the spec's date: or 2022-06-14.
 * Checks what happened (fresh: out/ was empty before, so a failure must
 * leave it empty).  0 for a good run, -1 for a failed one. */
static int fuzz_pipeline(const struct fuzz_run *r, int fresh, size_t *stale)
{
	char spec[256], pdf[256], charts[256], summary[256], out[256];
	char *argv[] = { "briefing", "--date=2022-06-14", spec, NULL };
	struct pipeline_options po = { .spec = spec, .fonts_dir = fonts_dir(), .cpus = 1 };
	struct report_date date = { 2022, 6, 14 };
	struct pipeline_outputs o = { .pdf = pdf, .dpi = 36, .date = &date, .version = "fuzz",
				      .argc = 3, .argv = argv };
	struct pipeline_written w = { 0 };
	struct diag d = { 0 };
	struct diag_list warn = { 0 };
	struct pipeline *p = pipeline_new(&d);
	const struct doc *doc;
	const char *failed = "read failed";

	path_in(spec, sizeof spec, "spec.md");
	path_in(pdf, sizeof pdf, "out/brief.pdf");
	path_in(charts, sizeof charts, "out/charts");
	path_in(summary, sizeof summary, "out/summary.txt");
	path_in(out, sizeof out, "out");
	o.charts = r->charts ? charts : NULL;
	o.summary = r->summary_file ? summary : "-";
	fuzz_assert(p != NULL, "pipeline_new failed");
	if (pipeline_read(p, &po, &d, &warn) < 0) {
		check_failure(&d);
		goto done;
	}
	doc = pipeline_doc(p);
	if (doc->front.date)
		date_parse(doc->front.date, &date);
	failed = "write failed";
	if (pipeline_write(p, &o, &w, &d) < 0) {
		check_failure(&d);
		fuzz_assert(w.summary_text == NULL, "a failed write handed back a summary");
		goto done;
	}
	fuzz_assert(w.pages >= 1, "a good run with no page");
	check_pdf(pdf, w.pdf_bytes, w.pages);
	check_outputs(r, out);
	if (r->charts)
		check_chart_files(charts);
	if (r->summary_file) {
		fuzz_assert(w.summary_text == NULL, "a summary handed back and written");
		check_summary_file(summary, doc);
	} else {
		fuzz_assert(w.summary_text != NULL, "no summary handed back");
		check_summary(w.summary_text, strlen(w.summary_text), doc);
	}
	*stale = w.stale;
	failed = NULL;
done:
	if (getenv("FUZZ_BRIEF_VERBOSE")) /* what happened, to study a finding */
		fprintf(stderr, "fuzz_brief: %s %d %s:%d:%d: %s (%zu warnings, %d pages)\n",
			failed ? failed : "ok", d.code, d.file, d.line, d.col, d.msg, warn.n,
			w.pages);
	check_warnings(&warn);
	free(w.summary_text);
	pipeline_free(p);
	diag_list_free(&warn);
	if (failed && fresh)
		fuzz_assert(empty_folder(out) == 0, "a failed run left something in out/");
	return failed ? -1 : 0;
}

/* A good run made again over its own outputs: the output set replaces
 * every file (the old ones kept as hidden backups until the last rename,
 * which must not be left behind), removes the temporary a killed run left
 * beside the PDF (planted here, an hour old), and the same input gives
 * the same PDF, byte for byte. */
static void fuzz_again(const struct fuzz_run *r)
{
	char pdf[256], killed[256];
	struct timespec hour_ago[2] = { { time(NULL) - 3600, 0 }, { time(NULL) - 3600, 0 } };
	size_t n1, n2, stale = 0;
	char *first, *second;
	FILE *f;

	path_in(pdf, sizeof pdf, "out/brief.pdf");
	path_in(killed, sizeof killed, "out/.brief.pdf.k1ll3d");
	first = read_whole(pdf, &n1);
	fuzz_assert(first != NULL, "the PDF is gone");
	fuzz_assert((f = fopen(killed, "wb")) != NULL && fclose(f) == 0 &&
		    utimensat(AT_FDCWD, killed, hour_ago, 0) == 0,
		    "cannot plant a killed run's temporary");
	fuzz_assert(fuzz_pipeline(r, 0, &stale) == 0, "the same run failed over its own outputs");
	fuzz_assert(stale == 1, "a killed run's temporary was not removed");
	second = read_whole(pdf, &n2);
	fuzz_assert(second != NULL && n1 == n2 && memcmp(first, second, n1) == 0,
		    "the same input gave another PDF");
	free(first);
	free(second);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_run r;
	size_t stale;

	if (size > FUZZ_MAX_INPUT)
		return 0;
	fuzz_cut((const char *)data, size, &r);
	scratch_new();
	put_files(&r);
	if (fuzz_pipeline(&r, 1, &stale) == 0)
		fuzz_again(&r);
	check_inputs_unchanged(&r);
	scratch_remove();
	return 0;
}
