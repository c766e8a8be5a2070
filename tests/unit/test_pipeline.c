/* Unit tests for the pipeline (the run's policy, out of main): queries
 * batched one pass per file in the order of first use, the limits on what
 * they gave tables and charts (pie slices folded, too many bars, max-rows,
 * no data), the charts' sizes, and a whole run written through the output
 * set.  Run from the repository root (fonts/ there). */
#include "testutil.h"

#include <sys/stat.h>
#include <unistd.h>

#include "chart.h"
#include "layout.h"
#include "pipeline.h"

/* A scratch folder for one test's files. */
struct scratch {
	char dir[64];
};

static void scratch_new(struct scratch *s)
{
	snprintf(s->dir, sizeof s->dir, "/tmp/test_pipeline.XXXXXX");
	assert_non_null(mkdtemp(s->dir));
}

static void scratch_free(struct scratch *s)
{
	char cmd[128];

	snprintf(cmd, sizeof cmd, "rm -rf '%s'", s->dir);
	assert_int_equal(system(cmd), 0);
}

/* DIR/name, in buf. */
static const char *in_dir(const struct scratch *s, const char *name, char *buf, size_t size)
{
	snprintf(buf, size, "%s/%s", s->dir, name);
	return buf;
}

static void put_file(const struct scratch *s, const char *name, const char *text)
{
	char path[256];
	FILE *f = fopen(in_dir(s, name, path, sizeof path), "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, strlen(text), f), strlen(text));
	assert_int_equal(fclose(f), 0);
}

/* A CSV "k,v" of n rows k1..kn with values n..1. */
static void put_rows(const struct scratch *s, const char *name, int n)
{
	char *text = malloc((size_t)n * 24 + 8), *p = text;

	assert_non_null(text);
	p += sprintf(p, "k,v\n");
	for (int i = 1; i <= n; i++)
		p += sprintf(p, "k%d,%d\n", i, n + 1 - i);
	put_file(s, name, text);
	free(text);
}

/* The spec at DIR/spec.md, read and not yet answered. */
static struct doc *read_spec(const struct scratch *s, const char *text)
{
	char path[256];
	struct diag d = { 0 };
	struct doc *doc;

	put_file(s, "spec.md", text);
	doc = spec_read(in_dir(s, "spec.md", path, sizeof path), &d, NULL);
	if (!doc)
		fail_msg("spec_read: %s", d.msg);
	return doc;
}

static int ends_with(const char *s, const char *end)
{
	size_t n = strlen(s), k = strlen(end);

	return n >= k && strcmp(s + n - k, end) == 0;
}

/* What the file_read callback saw: each file's name and query count. */
struct seen {
	char names[4][256];
	size_t nq[4];
	size_t n;
};

static void on_file(void *ctx, const struct pipeline_file *f)
{
	struct seen *s = ctx;

	assert_true(s->n < 4);
	snprintf(s->names[s->n], sizeof s->names[s->n], "%s", f->path);
	s->nq[s->n++] = f->n;
}

/* Queries are answered one pass per file, the files in the order the
 * document first uses them (a value before the blocks), and the first
 * query of each is what the sources page lists. */
static void test_queries_batched_by_file(void **state)
{
	struct scratch s;
	struct seen seen = { 0 };
	struct pipeline_options o = { .cpus = 1, .file_read = on_file, .ctx = &seen };
	struct pipeline_files files;
	struct diag d = { 0 };
	struct doc *doc;

	(void)state;
	scratch_new(&s);
	put_rows(&s, "a.csv", 3);
	put_rows(&s, "b.csv", 2);
	doc = read_spec(&s, "---\ntitle: T\n---\n"
			    "```values\n[n]\ndata: b.csv\nagg: count\n```\n"
			    "# One\n\n"
			    "```table\ndata: a.csv\ncolumns: k, v\n```\n\n"
			    "```chart\ntype: bar\ndata: a.csv\nx: k\ny: v\ntitle: Bars\n```\n\n"
			    "```table\ndata: b.csv\ncolumns: k\n```\n");
	assert_int_equal(pipeline_queries(doc, &o, &files, &d, NULL), 0);
	assert_int_equal(files.n, 2);
	assert_true(ends_with(files.v[0].path, "/b.csv"));
	assert_int_equal(files.v[0].n, 2);
	assert_ptr_equal(files.v[0].queries[0], &doc->values[0].q);
	assert_ptr_equal(files.v[0].queries[1], &doc->blocks[3].table->q);
	assert_true(ends_with(files.v[1].path, "/a.csv"));
	assert_int_equal(files.v[1].n, 2);
	assert_ptr_equal(files.first[0], &doc->values[0].q);
	assert_ptr_equal(files.first[1], &doc->blocks[1].table->q);
	/* one callback per pass, in that order */
	assert_int_equal(seen.n, 2);
	assert_true(ends_with(seen.names[0], "/b.csv") && seen.nq[0] == 2);
	assert_true(ends_with(seen.names[1], "/a.csv") && seen.nq[1] == 2);
	/* every query has its answer */
	assert_int_equal(doc->values[0].q.res.ngroups, 1);
	assert_int_equal(doc->blocks[1].table->q.res.nrows, 3);
	assert_int_equal(doc->blocks[2].chart->q.res.ngroups, 3);
	assert_int_equal(doc->blocks[3].table->q.res.nrows, 2);
	pipeline_files_free(&files);
	pipeline_files_free(&files); /* a freed list is empty: freeing again is safe */
	doc_free(doc);
	scratch_free(&s);
}

/* A pie without top: shows PIPELINE_PIE_MAX_SLICES slices, the smallest
 * folded into "Other", with a warning; with top: it shows what it asks. */
static void test_pie_slices_folded(void **state)
{
	struct scratch s;
	struct pipeline_options o = { .cpus = 1 };
	struct pipeline_files files;
	struct diag d = { 0 };
	struct diag_list warn = { 0 };
	struct doc *doc;
	const struct query_result *r;

	(void)state;
	scratch_new(&s);
	put_rows(&s, "a.csv", PIPELINE_PIE_MAX_SLICES + 3);
	doc = read_spec(&s, "---\ntitle: T\n---\n"
			    "```chart\ntype: pie\ndata: a.csv\nx: k\ny: v\ntitle: Pie\n```\n\n"
			    "```chart\ntype: donut\ndata: a.csv\nx: k\ny: v\ntop: 3\ntitle: Ring\n```\n");
	assert_int_equal(pipeline_queries(doc, &o, &files, &d, &warn), 0);
	r = &doc->blocks[0].chart->q.res;
	assert_int_equal(r->ngroups, PIPELINE_PIE_MAX_SLICES);
	assert_true(r->groups[PIPELINE_PIE_MAX_SLICES - 1].is_other);
	assert_int_equal(doc->blocks[1].chart->q.res.ngroups, 4); /* 3 and Other */
	assert_int_equal(pipeline_check_blocks(doc, &d, &warn), 0);
	assert_int_equal(warn.n, 1);
	assert_int_equal(warn.items[0].line, 4);
	assert_string_equal(warn.items[0].msg, "chart \"Pie\" has 15 slices: showing the largest 11 "
						"and \"Other\" (set top: to choose)");
	diag_list_free(&warn);
	pipeline_files_free(&files);
	doc_free(doc);
	scratch_free(&s);
}

/* Answer doc's queries and check its blocks: pipeline_check_blocks' result. */
static int answer_and_check(struct doc *doc, struct diag *d, struct diag_list *warn)
{
	struct pipeline_options o = { .cpus = 1 };
	struct pipeline_files files;

	assert_int_equal(pipeline_queries(doc, &o, &files, d, warn), 0);
	pipeline_files_free(&files);
	return pipeline_check_blocks(doc, d, warn);
}

/* More bars than PIPELINE_BAR_MAX_GROUPS, a chart with no data and a
 * table over its max-rows: are errors at the block; a table without rows
 * is a warning. */
static void test_block_limits(void **state)
{
	struct scratch s;
	struct diag d = { 0 };
	struct diag_list warn = { 0 };
	struct doc *doc;
	char msg[256];

	(void)state;
	scratch_new(&s);
	put_rows(&s, "many.csv", PIPELINE_BAR_MAX_GROUPS + 1);
	put_rows(&s, "few.csv", 3);

	doc = read_spec(&s, "---\ntitle: T\n---\n"
			    "```chart\ntype: hbar\ndata: many.csv\nx: k\ny: v\ntitle: Bars\n```\n");
	assert_int_equal(answer_and_check(doc, &d, &warn), -1);
	assert_int_equal(d.code, EXIT_DATAERR);
	assert_true(ends_with(d.file, "/spec.md"));
	assert_int_equal(d.line, 4);
	snprintf(msg, sizeof msg, "chart \"Bars\" has %d bars, more than %d; set top: to show the "
		 "largest", PIPELINE_BAR_MAX_GROUPS + 1, PIPELINE_BAR_MAX_GROUPS);
	assert_string_equal(d.msg, msg);
	doc_free(doc);

	doc = read_spec(&s, "---\ntitle: T\n---\n"
			    "```chart\ntype: bar\ndata: few.csv\nx: k\ny: v\nwhere: v > 10\n"
			    "title: None\n```\n");
	assert_int_equal(answer_and_check(doc, &d, &warn), -1);
	assert_int_equal(d.line, 4);
	assert_true(strstr(d.msg, "chart \"None\" has no data: no rows of ") == d.msg);
	doc_free(doc);

	doc = read_spec(&s, "---\ntitle: T\n---\n"
			    "```table\ndata: few.csv\ncolumns: k\nwhere: v > 10\n```\n\n"
			    "```table\ndata: few.csv\ncolumns: k\nmax-rows: 2\n```\n");
	assert_int_equal(answer_and_check(doc, &d, &warn), -1);
	assert_int_equal(d.line, 10);
	assert_string_equal(d.msg, "table has 3 rows, more than max-rows (2); set max-rows: to "
			    "raise it");
	assert_int_equal(warn.n, 1);
	assert_int_equal(warn.items[0].line, 4);
	assert_true(strstr(warn.items[0].msg, "table has no rows: no rows of ") ==
		    warn.items[0].msg);
	diag_list_free(&warn);
	doc_free(doc);
	scratch_free(&s);
}

/* A chart is as wide as its width: says, else the text column of its
 * paper; as tall as its height: says, else its type's default height. */
static void test_scene_sizes(void **state)
{
	struct scratch s;
	struct diag d = { 0 };
	struct diag_list warn = { 0 };
	struct fonts *f = fonts_load("fonts", &d);
	struct scene **scenes;
	struct doc *doc;
	double w;

	(void)state;
	assert_non_null(f);
	scratch_new(&s);
	put_rows(&s, "a.csv", 3);
	doc = read_spec(&s, "---\ntitle: T\npaper: letter\n---\n"
			    "```chart\ntype: bar\ndata: a.csv\nx: k\ny: v\ntitle: Default\n```\n\n"
			    "Text.\n\n"
			    "```chart\ntype: line\ndata: a.csv\nx: k\ny: v\ntitle: Sized\n"
			    "width: 300\nheight: 200\n```\n");
	assert_int_equal(answer_and_check(doc, &d, &warn), 0);
	scenes = pipeline_scenes(doc, f, &d, &warn);
	assert_non_null(scenes);
	w = layout_text_width(PAPER_LETTER);
	assert_true(w > 0 && w != layout_text_width(PAPER_A4));
	assert_true(scene_width(scenes[0]) == w);
	assert_true(scene_height(scenes[0]) == chart_default_height(doc->blocks[0].chart, w));
	assert_null(scenes[1]); /* the paragraph */
	assert_true(scene_width(scenes[2]) == 300);
	assert_true(scene_height(scenes[2]) == 200);
	pipeline_scenes_free(scenes, doc->nblocks);
	pipeline_scenes_free(NULL, 0);
	diag_list_free(&warn);
	doc_free(doc);
	fonts_free(f);
	scratch_free(&s);
}

static long file_size(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 ? (long)st.st_size : -1;
}

/* A whole run: the PDF, both chart files and the summary (handed back for
 * "-"), all through the output set; an output that would overwrite an
 * input is refused before anything is written. */
static void test_whole_run(void **state)
{
	struct scratch s;
	struct diag d = { 0 };
	struct diag_list warn = { 0 };
	struct report_date date = { 2022, 6, 14 };
	char spec[256], pdf[256], charts[256], png[256], svg[256];
	struct pipeline_options o = { .fonts_dir = "fonts", .cpus = 2 };
	struct pipeline_outputs out = { .dpi = 72, .summary = "-", .date = &date,
					.version = "test" };
	struct pipeline_written w;
	struct pipeline *p;

	(void)state;
	scratch_new(&s);
	put_rows(&s, "a.csv", 4);
	put_file(&s, "spec.md", "---\ntitle: Whole run\n---\n# One\n\n"
				"```chart\ntype: bar\ndata: a.csv\nx: k\ny: v\ntitle: Bars\n"
				"name: bars\n```\n");
	o.spec = in_dir(&s, "spec.md", spec, sizeof spec);
	out.pdf = in_dir(&s, "out.pdf", pdf, sizeof pdf);
	out.charts = in_dir(&s, "charts", charts, sizeof charts);

	assert_non_null(p = pipeline_new(&d));
	assert_int_equal(pipeline_read(p, &o, &d, &warn), 0);
	assert_string_equal(pipeline_doc(p)->front.title, "Whole run");
	assert_int_equal(pipeline_write(p, &out, &w, &d), 0);
	assert_true(w.pages >= 2); /* the body and the sources page */
	assert_int_equal(w.pdf_bytes, file_size(pdf));
	assert_true(file_size(in_dir(&s, "charts/bars.png", png, sizeof png)) > 0);
	assert_true(file_size(in_dir(&s, "charts/bars.svg", svg, sizeof svg)) > 0);
	assert_non_null(w.summary_text);
	assert_true(strncmp(w.summary_text, "Whole run\n", 10) == 0);
	/* the chart named by its file name, as a recipient sees it, not a path */
	assert_non_null(strstr(w.summary_text, "\n  Image: bars.png\n"));
	assert_null(strstr(w.summary_text, "charts/"));
	assert_non_null(strstr(w.summary_text, "\nPDF: out.pdf ("));
	free(w.summary_text);
	pipeline_free(p);

	/* -o naming the data file: refused, and nothing is written */
	assert_int_equal(unlink(pdf), 0);
	out.pdf = in_dir(&s, "a.csv", pdf, sizeof pdf);
	out.summary = NULL;
	assert_non_null(p = pipeline_new(&d));
	assert_int_equal(pipeline_read(p, &o, &d, &warn), 0);
	assert_int_equal(pipeline_write(p, &out, &w, &d), -1);
	assert_int_equal(d.code, EXIT_USAGE);
	assert_non_null(strstr(d.msg, "would overwrite"));
	assert_null(w.summary_text);
	pipeline_free(p);
	pipeline_free(NULL);
	assert_true(file_size(pdf) > 0 && file_size(pdf) < 100); /* still the CSV */
	diag_list_free(&warn);
	scratch_free(&s);
}

/* --new: the template copied, committed all at once. */
static void test_copy_template(void **state)
{
	struct scratch s;
	struct diag d = { 0 };
	char dir[256], path[256];
	size_t n = 0;

	(void)state;
	scratch_new(&s);
	assert_int_equal(pipeline_copy_template("input", in_dir(&s, "new", dir, sizeof dir), &n,
						&d), 0);
	assert_true(n >= 2);
	assert_true(file_size(in_dir(&s, "new/briefing.md", path, sizeof path)) > 0);
	/* a second copy into the same folder is refused */
	assert_int_equal(pipeline_copy_template("input", dir, &n, &d), -1);
	assert_true(d.code != 0);
	scratch_free(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_queries_batched_by_file),
		cmocka_unit_test(test_pie_slices_folded),
		cmocka_unit_test(test_block_limits),
		cmocka_unit_test(test_scene_sizes),
		cmocka_unit_test(test_whole_run),
		cmocka_unit_test(test_copy_template),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
