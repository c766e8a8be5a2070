/* Unit tests for layout: line breaking (textflow) with a fixed-width fake
 * font, UTF-8 measuring with the real embedded font through libharu, and
 * whole documents through layout_document_data (pages, errors, identical
 * bytes).
 * Run from the repository root (fonts/ there, else Debian's copies). */
#include "testutil.h"

#include <locale.h>
#include <math.h>
#include <unistd.h>

#include <hpdf.h>

#include "layout.h"
#include "textflow.h"
#include "utf8.h"

#define FONT_FALLBACK "/usr/share/fonts/truetype/liberation2"

/* cmocka 1.1 has no assert_double_equal */
#define assert_near(a, b) assert_true(fabs((double)(a) - (double)(b)) < 1e-9)

/* ---- fake font: every code point 500 units, a space 250, bold 600 ---- */

static double fake_measure(void *ctx, int face, const char *s, size_t len)
{
	double w = 0;
	(void)ctx;
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		i += (size_t)utf8_decode(s + i, len - i, &cp);
		w += cp == ' ' ? 250 : (face & TF_BOLD) ? 600 : 500;
	}
	return w;
}

static const struct tf_measurer fake = { fake_measure, NULL };

/* Inlines over buf (room for 8 runs) from (text, style) pairs, NULL-ended. */
static struct inlines mk(struct run *buf, const char *text, ...)
{
	va_list ap;
	size_t n = 0;

	va_start(ap, text);
	for (const char *t = text; t && n < 8; t = va_arg(ap, const char *)) {
		buf[n] = (struct run){ (char *)t, va_arg(ap, unsigned), NULL, 0, 0 };
		n++;
	}
	va_end(ap);
	return (struct inlines){ buf, n };
}

/* Line li of tf as text (its fragments joined), into buf. */
static const char *line_text(const struct textflow *tf, const struct inlines *in, size_t li,
			     char *buf, size_t size)
{
	const struct tf_line *ln = &tf->lines[li];
	size_t n = 0;

	for (size_t k = ln->first; k < ln->first + ln->count; k++) {
		const struct tf_frag *f = &tf->frags[k];
		assert_true(n + f->len < size);
		memcpy(buf + n, in->runs[f->run].text + f->off, f->len);
		n += f->len;
	}
	buf[n] = '\0';
	return buf;
}

/* Break at font size 10 (a letter is 5 pt, a space 2.5 pt) and compare. */
static void expect_lines(const struct inlines *in, double width, const char *const *want,
			 size_t nwant)
{
	struct textflow tf = { 0 };
	char buf[256];

	assert_int_equal(textflow_break(&tf, in, 0, 10, width, &fake), 0);
	for (size_t i = 0; i < tf.nlines && i < nwant; i++)
		assert_string_equal(line_text(&tf, in, i, buf, sizeof buf), want[i]);
	assert_int_equal(tf.nlines, nwant);
	for (size_t i = 0; i < tf.nlines; i++)
		assert_true(tf.lines[i].width <= width + 1e-9 || tf.lines[i].count == 1);
	textflow_free(&tf);
}

static void test_break_at_spaces(void **state)
{
	struct inlines in = mk((struct run[8]){ { 0 } }, "aaa bbb ccc ddd", 0u, NULL);
	/* "aaa bbb" = 6 letters + 1 space = 32.5 pt */
	const char *const two[] = { "aaa bbb", "ccc ddd" };
	const char *const one[] = { "aaa bbb ccc ddd" };
	const char *const each[] = { "aaa", "bbb", "ccc", "ddd" };
	(void)state;
	expect_lines(&in, 32.5, two, 2);
	expect_lines(&in, 40, two, 2);
	expect_lines(&in, 1000, one, 1);
	expect_lines(&in, 20, each, 4);
}

static void test_line_widths(void **state)
{
	struct inlines in = mk((struct run[8]){ { 0 } }, "aa ", 0u, "bb", (unsigned)RUN_BOLD, " cc", 0u, NULL);
	struct textflow tf = { 0 };
	(void)state;

	assert_int_equal(textflow_break(&tf, &in, 0, 10, 1000, &fake), 0);
	assert_int_equal(tf.nlines, 1);
	assert_int_equal(tf.lines[0].count, 3);
	/* aa + space = 12.5, bold bb = 12, space + cc = 12.5 */
	assert_near(tf.frags[0].width, 12.5);
	assert_near(tf.frags[1].x, 12.5);
	assert_near(tf.frags[1].width, 12);
	assert_int_equal(tf.frags[1].face, TF_BOLD);
	assert_near(tf.frags[2].x, 24.5);
	assert_near(tf.lines[0].width, 37);
	textflow_free(&tf);
}

static void test_spaces_dropped_at_soft_breaks(void **state)
{
	struct inlines in = mk((struct run[8]){ { 0 } }, "aaa    bbb   ", 0u, NULL);
	const char *const want[] = { "aaa", "bbb" };
	struct textflow tf = { 0 };
	(void)state;

	expect_lines(&in, 20, want, 2);
	assert_int_equal(textflow_break(&tf, &in, 0, 10, 20, &fake), 0);
	assert_near(tf.lines[0].width, 15);
	assert_near(tf.lines[1].width, 15);
	textflow_free(&tf);
}

static void test_hard_breaks(void **state)
{
	struct inlines in = mk((struct run[8]){ { 0 } }, "one", 0u, "\n", 0u, "two", 0u, NULL);
	struct inlines code = mk((struct run[8]){ { 0 } }, "if x:\n    y\n\nz", 0u, NULL);
	const char *const want[] = { "one", "two" };
	const char *const want_code[] = { "if x:", "    y", "", "z" };
	(void)state;

	expect_lines(&in, 1000, want, 2);
	expect_lines(&code, 1000, want_code, 4);
}

static void test_break_after_hyphen_and_dash(void **state)
{
	struct inlines hy = mk((struct run[8]){ { 0 } }, "well-known", 0u, NULL);
	struct inlines en = mk((struct run[8]){ { 0 } }, "2020\xe2\x80\x93" "2022", 0u, NULL);
	struct inlines lead = mk((struct run[8]){ { 0 } }, "-5 -5", 0u, NULL);
	struct inlines date = mk((struct run[8]){ { 0 } }, "2022-06-14", 0u, NULL);
	const char *const want_date[] = { "2022-06-14" };
	const char *const want_hy[] = { "well-", "known" };
	const char *const want_en[] = { "2020\xe2\x80\x93", "2022" };
	const char *const want_lead[] = { "-5", "-5" };
	(void)state;

	expect_lines(&hy, 30, want_hy, 2);
	expect_lines(&en, 30, want_en, 2);
	expect_lines(&lead, 10, want_lead, 2);
	/* no break in a date: it is one word, wider than the line (split) or not */
	expect_lines(&date, 50, want_date, 1);
}

static void test_break_after_slash(void **state)
{
	struct inlines url = mk((struct run[8]){ { 0 } }, "https://az.az/bb/cc", 0u, NULL);
	const char *const want[] = { "https://az.az/", "bb/cc" };
	(void)state;

	/* "https://az.az/" is 14 letters = 70 pt; "https:/" must not end a line */
	expect_lines(&url, 72, want, 2);
}

static void test_long_word_split_by_characters(void **state)
{
	struct inlines in = mk((struct run[8]){ { 0 } }, "xy abcdefghij z", 0u, NULL);
	const char *const want[] = { "xy", "abc", "def", "ghi", "j z" };
	(void)state;

	expect_lines(&in, 15, want, 5);
}

static void test_no_break_between_styled_runs(void **state)
{
	/* "**bold**," is one word: the comma stays with it */
	struct inlines in = mk((struct run[8]){ { 0 } }, "aaaa ", 0u, "bold", (unsigned)RUN_BOLD, ", x", 0u, NULL);
	const char *const want[] = { "aaaa", "bold, x" };
	(void)state;

	expect_lines(&in, 40, want, 2);
}

static void test_utf8_counts_code_points(void **state)
{
	/* 8 Cyrillic letters of 2 bytes each: 8 * 5 pt, not 16 * 5 */
	struct inlines in = mk((struct run[8]){ { 0 } }, "\xd0\x91\xd0\xb5\xd0\xbb\xd0\xb0\xd1\x80\xd1\x83\xd1\x81\xd1\x8c",
			       0u, NULL);
	struct inlines az = mk((struct run[8]){ { 0 } }, "G\xc9\x99nc\xc9\x99 a\xc4\x9f\xc4\xb1r i\xc5\x9f\xc3\xa7i", 0u, NULL);
	const char *const want_az[] = { "G\xc9\x99nc\xc9\x99", "a\xc4\x9f\xc4\xb1r",
					 "i\xc5\x9f\xc3\xa7i" };
	const char *const want_split[] = { "\xd0\x91\xd0\xb5\xd0\xbb",
					   "\xd0\xb0\xd1\x80\xd1\x83",
					   "\xd1\x81\xd1\x8c" };
	double nat, min;
	(void)state;

	assert_int_equal(textflow_measure(&in, 0, 10, &fake, &nat, &min), 0);
	assert_near(nat, 40);
	assert_near(min, 40);
	expect_lines(&az, 26, want_az, 3);
	expect_lines(&in, 15, want_split, 3);
}

static void test_measure_natural_and_minimum(void **state)
{
	struct inlines in = mk((struct run[8]){ { 0 } }, "aa bbbb", 0u, "\n", 0u, "c", 0u, NULL);
	double nat, min;
	(void)state;

	assert_int_equal(textflow_measure(&in, 0, 10, &fake, &nat, &min), 0);
	assert_near(nat, 32.5);
	assert_near(min, 20);
}

static void test_faces(void **state)
{
	(void)state;
	assert_int_equal(textflow_face(0, 0), TF_REGULAR);
	assert_int_equal(textflow_face(0, RUN_BOLD | RUN_ITALIC), TF_BOLD_ITALIC);
	assert_int_equal(textflow_face(RUN_ITALIC, 0), TF_ITALIC);
	/* code: monospaced, upright, bold where its surroundings are */
	assert_int_equal(textflow_face(0, RUN_CODE | RUN_ITALIC), TF_MONO);
	assert_int_equal(textflow_face(RUN_ITALIC, RUN_CODE), TF_MONO);
	assert_int_equal(textflow_face(RUN_BOLD, RUN_CODE), TF_MONO_BOLD);
	assert_int_equal(textflow_face(0, RUN_CODE | RUN_BOLD), TF_MONO_BOLD);
	/* a text that is all code (a code block, a checksum column) */
	assert_int_equal(textflow_face(RUN_CODE, 0), TF_MONO);
}

static void test_empty_text(void **state)
{
	struct inlines in = { NULL, 0 };
	struct textflow tf = { 0 };
	(void)state;

	assert_int_equal(textflow_break(&tf, &in, 0, 10, 100, &fake), 0);
	assert_int_equal(tf.nlines, 0);
	textflow_free(&tf);
	textflow_free(NULL);
}

/* ---- libharu measures UTF-8 per code point ---------------------------- */

static const char *fonts_dir(void)
{
	return access("fonts/LiberationSans-Regular.ttf", R_OK) == 0 ? "fonts" : FONT_FALLBACK;
}

/* Whole-string widths from HPDF_Font_TextWidth equal the sum of the glyph
 * widths of the string's code points: multibyte UTF-8 is measured right. */
static void test_libharu_measures_utf8(void **state)
{
	static const char *const texts[] = {
		"\xd0\x91\xd0\xb5\xd0\xbb\xd0\xb0\xd1\x80\xd1\x83\xd1\x81\xd1\x8c \xe2\x80\x93 "
		"\xd0\x90\xd0\xb7\xd0\xb5\xd1\x80\xd0\xb1\xd0\xb0\xd0\xb9\xd0\xb4\xd0\xb6\xd0\xb0\xd0\xbd",
		"G\xc9\x99nc\xc9\x99 Avtomobil Zavodu, a\xc4\x9f\xc4\xb1r, i\xc5\x9f\xc3\xa7i",
		"\xc9\x99\xc4\x9f\xc4\xb1\xc5\x9f",
	};
	char path[512];
	HPDF_Doc pdf = HPDF_New(NULL, NULL);
	(void)state;

	assert_non_null(pdf);
	HPDF_UseUTFEncodings(pdf);
	snprintf(path, sizeof path, "%s/LiberationSans-Regular.ttf", fonts_dir());
	const char *name = HPDF_LoadTTFontFromFile(pdf, path, HPDF_TRUE);
	assert_non_null(name);
	HPDF_Font font = HPDF_GetFont(pdf, name, "UTF-8");
	assert_non_null(font);
	for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
		const char *s = texts[i];
		size_t len = strlen(s), ncp = 0;
		HPDF_INT sum = 0;
		HPDF_TextWidth tw = HPDF_Font_TextWidth(font, (const HPDF_BYTE *)s, (HPDF_UINT)len);
		for (size_t k = 0; k < len; ncp++) {
			uint32_t cp;
			k += (size_t)utf8_decode(s + k, len - k, &cp);
			HPDF_INT w = HPDF_Font_GetUnicodeWidth(font, (HPDF_UNICODE)cp);
			assert_true(w > 0);
			sum += w;
		}
		assert_int_equal(tw.numchars, ncp);
		assert_int_equal(tw.width, sum);
	}
	/* dotless ı is narrower than ş */
	assert_true(HPDF_Font_GetUnicodeWidth(font, 0x131) < HPDF_Font_GetUnicodeWidth(font, 0x15F));
	HPDF_Free(pdf);
}

/* ---- whole documents ---------------------------------------------------- */

static struct run plain_runs[8];

static struct block para(size_t i, const char *text)
{
	struct block b = { 0 };
	plain_runs[i] = (struct run){ (char *)text, 0, NULL, 0, 0 };
	b.type = BLOCK_PARAGRAPH;
	b.text = (struct inlines){ &plain_runs[i], 1 };
	return b;
}

static void opts(struct layout_options *o)
{
	layout_options_defaults(o);
	o->fonts_dir = fonts_dir();
	o->date_text = "14 June 2022";
	o->date_iso = "2022-06-14";
	o->version = "test";
}

static char *read_all(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long len;

	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)len + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)len, f), (size_t)len);
	fclose(f);
	*n = (size_t)len;
	return buf;
}

/* Lay doc out: its page count, with the bytes checked to be a PDF; or -1
 * with d filled and no bytes handed out. */
static int layout_pages(const struct doc *doc, const struct layout_options *o, struct diag *d)
{
	unsigned char *data = NULL;
	size_t len = 0;
	int pages = -1;

	if (layout_document_data(doc, o, &data, &len, &pages, d) < 0) {
		assert_null(data);
		return -1;
	}
	assert_true(len > 5 && !memcmp(data, "%PDF-", 5));
	free(data);
	return pages;
}

/* Page breaks start a page, but never an empty one: not at the top of a
 * page, not one after another, not at the end. */
static void test_document_page_breaks(void **state)
{
	struct block blocks[6];
	struct doc doc = { 0 };
	struct layout_options o;
	struct diag d = { 0 };
	(void)state;

	blocks[0] = (struct block){ .type = BLOCK_PAGE_BREAK };
	blocks[1] = para(0, "Page one: \xd0\x91\xd0\xb5\xd0\xbb\xd0\xb0\xd1\x80\xd1\x83\xd1\x81\xd1\x8c.");
	blocks[2] = (struct block){ .type = BLOCK_PAGE_BREAK };
	blocks[3] = (struct block){ .type = BLOCK_PAGE_BREAK };
	blocks[4] = para(1, "Page two: G\xc9\x99nc\xc9\x99.");
	blocks[5] = (struct block){ .type = BLOCK_PAGE_BREAK };
	doc.front.title = "Test";
	doc.blocks = blocks;
	doc.nblocks = 6;
	opts(&o);
	/* page 1: the title; 2: page one; 3: page two; no empty pages */
	assert_int_equal(layout_pages(&doc, &o, &d), 3);
}

/* A long table runs over several pages; two runs give the same bytes. */
static void test_document_long_table_is_deterministic(void **state)
{
	enum { ROWS = 120 };
	static char cellbuf[ROWS][2][32];
	char *cells[ROWS * 2], *cols[] = { "year", "value" };
	struct table_block tb = { 0 };
	struct block blocks[2];
	struct doc doc = { 0 };
	struct layout_options o;
	struct diag d = { 0 };
	unsigned char *a, *b;
	int pages = 0;
	size_t n1, n2;
	(void)state;

	for (int i = 0; i < ROWS; i++) {
		snprintf(cellbuf[i][0], 32, "%d", 1900 + i);
		snprintf(cellbuf[i][1], 32, "%d.5", i * 7);
		cells[2 * i] = cellbuf[i][0];
		cells[2 * i + 1] = cellbuf[i][1];
	}
	tb.q.mode = QUERY_ROWS;
	tb.q.columns = cols;
	tb.q.ncolumns = 2;
	tb.q.res.cells = cells;
	tb.q.res.nrows = ROWS;
	tb.caption = "Values by year";
	blocks[0] = para(2, "A table follows.");
	blocks[1] = (struct block){ .type = BLOCK_DATA_TABLE, .table = &tb };
	doc.front.title = "Test";
	doc.front.paper = PAPER_LETTER;
	doc.blocks = blocks;
	doc.nblocks = 2;
	opts(&o);
	assert_int_equal(layout_document_data(&doc, &o, &a, &n1, &pages, &d), 0);
	assert_true(pages >= 3);
	assert_int_equal(layout_document_data(&doc, &o, &b, &n2, NULL, &d), 0);
	assert_true(n1 > 5 && !memcmp(a, "%PDF-", 5));
	assert_int_equal(n1, n2);
	assert_memory_equal(a, b, n1);
	free(a);
	free(b);
}

static void test_missing_font_is_named(void **state)
{
	struct doc doc = { 0 };
	struct layout_options o;
	struct diag d = { 0 };
	(void)state;

	doc.front.title = "Test";
	opts(&o);
	o.fonts_dir = "/nonexistent-fonts";
	assert_int_equal(layout_pages(&doc, &o, &d), -1);
	assert_int_equal(d.code, EXIT_NOINPUT);
	assert_string_equal(d.file, "/nonexistent-fonts/LiberationSans-Regular.ttf");
	assert_string_equal(d.msg, "cannot open font /nonexistent-fonts/LiberationSans-Regular.ttf: "
			    "No such file or directory");
}

static void test_broken_font_is_refused(void **state)
{
	char dir[] = "/tmp/test_layout_fonts_XXXXXX", path[600], src[600];
	static const char *const names[] = { "Regular", "Bold", "Italic", "BoldItalic" };
	struct doc doc = { 0 };
	struct layout_options o;
	struct diag d = { 0 };
	(void)state;

	assert_non_null(mkdtemp(dir));
	for (int i = 0; i < 4; i++) {
		snprintf(src, sizeof src, "%s/LiberationSans-%s.ttf", fonts_dir(), names[i]);
		snprintf(path, sizeof path, "%s/LiberationSans-%s.ttf", dir, names[i]);
		size_t n;
		char *data = read_all(src, &n);
		FILE *f = fopen(path, "wb");
		assert_non_null(f);
		/* Bold is cut short: libharu itself would read past its end */
		fwrite(data, 1, i == 1 ? 3000 : n, f);
		fclose(f);
		free(data);
	}
	doc.front.title = "Test";
	opts(&o);
	o.fonts_dir = dir;
	assert_int_equal(layout_pages(&doc, &o, &d), -1);
	assert_int_equal(d.code, EXIT_NOINPUT);
	snprintf(path, sizeof path, "%s/LiberationSans-Bold.ttf", dir);
	assert_string_equal(d.file, path);
	assert_non_null(strstr(d.msg, "truncated or damaged TrueType font"));
	for (int i = 0; i < 4; i++) {
		snprintf(path, sizeof path, "%s/LiberationSans-%s.ttf", dir, names[i]);
		unlink(path);
	}
	rmdir(dir);
}

/* The command the sources page prints: the program's base name, then the
 * words main kept (it leaves out the output-only options), quoted for the
 * shell where needed. */
static void test_command_line(void **state)
{
	char *argv[] = { "./build/briefing", "--date", "2022-06-14", "--strict", "my spec's.md",
			 "a b", "", "--", "-q", NULL };
	char *argv2[] = { "briefing", "--fonts", "f", NULL };
	char *s;
	(void)state;

	s = layout_command_line(9, argv);
	assert_string_equal(s, "briefing --date 2022-06-14 --strict 'my spec'\\''s.md' 'a b' '' "
			       "-- -q");
	free(s);
	s = layout_command_line(3, argv2);
	assert_string_equal(s, "briefing --fonts f");
	free(s);
	s = layout_command_line(1, argv2);
	assert_string_equal(s, "briefing");
	free(s);
	assert_null(layout_command_line(0, argv2));
	assert_null(layout_command_line(1, NULL));
}

/* A document with a cover (title and tiles), a contents list, three
 * sections and the sources page: cover, one body page, the sources page;
 * an input that cannot be read again for its checksum is an error. */
static void test_document_cover_contents_sources(void **state)
{
	static struct run runs[8];
	static struct figure figs[3] = {
		{ "a", "Turnover in 2021, USD million", "424.4", 1, 1 },
		{ "b", "Relations since", "1993", 2, 1 },
		{ "c", "A figure whose text is far too wide for its tile", "USD 1,234,567.8 million",
		  3, 1 },
	};
	static struct figures_block fb = { figs, 3 };
	static char *cols[] = { "year", "value" }, *cells[] = { "2020", "1.5", "2021", "10.25" };
	static char *sources[] = { "Source A" };
	char csv[] = "/tmp/test_layout_csv_XXXXXX";
	const char *heads[3] = { "One", "Two", "Three" };
	struct table_block tb = { 0 };
	struct block blocks[6];
	struct doc doc = { 0 };
	struct layout_options o;
	struct diag d = { 0 };
	int fd = mkstemp(csv);
	(void)state;

	assert_true(fd >= 0);
	assert_int_equal(write(fd, "year,value\n", 11), 11);
	close(fd);
	blocks[0] = (struct block){ .type = BLOCK_FIGURES, .figures = &fb };
	for (int i = 0; i < 3; i++) {
		runs[i] = (struct run){ (char *)heads[i], 0, NULL, 0, 0 };
		blocks[1 + i] = (struct block){ .type = BLOCK_HEADING, .level = 1,
						.text = { &runs[i], 1 }, .anchor = (char *)heads[i] };
	}
	tb.q.mode = QUERY_ROWS;
	tb.q.path = csv;
	tb.q.columns = cols;
	tb.q.ncolumns = 2;
	tb.q.res.cells = cells;
	tb.q.res.nrows = 2;
	tb.q.res.rows_read = 2;
	tb.q.res.sources = sources;
	tb.q.res.nsources = 1;
	blocks[4] = (struct block){ .type = BLOCK_DATA_TABLE, .table = &tb };
	blocks[5] = (struct block){ .type = BLOCK_FIGURES, .figures = &fb };
	doc.front = (struct front_matter){ .title = "Test", .subtitle = "Sub", .author = "Desk",
					   .keywords = "k", .cover = FM_YES, .toc = FM_AUTO,
					   .sources = FM_AUTO };
	doc.path = csv;
	doc.blocks = blocks;
	doc.nblocks = 6;
	opts(&o);
	assert_int_equal(layout_pages(&doc, &o, &d), 3);
	/* without the cover, contents and sources page: one page */
	doc.front.cover = doc.front.toc = doc.front.sources = FM_NO;
	assert_int_equal(layout_pages(&doc, &o, &d), 1);
	doc.front.sources = FM_YES;
	unlink(csv);
	assert_int_equal(layout_pages(&doc, &o, &d), -1);
	assert_int_equal(d.code, EXIT_NOINPUT);
	assert_string_equal(d.file, csv);
	assert_non_null(strstr(d.msg, "for its checksum: No such file or directory"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_break_at_spaces),
		cmocka_unit_test(test_line_widths),
		cmocka_unit_test(test_spaces_dropped_at_soft_breaks),
		cmocka_unit_test(test_hard_breaks),
		cmocka_unit_test(test_break_after_hyphen_and_dash),
		cmocka_unit_test(test_break_after_slash),
		cmocka_unit_test(test_long_word_split_by_characters),
		cmocka_unit_test(test_no_break_between_styled_runs),
		cmocka_unit_test(test_utf8_counts_code_points),
		cmocka_unit_test(test_measure_natural_and_minimum),
		cmocka_unit_test(test_faces),
		cmocka_unit_test(test_empty_text),
		cmocka_unit_test(test_libharu_measures_utf8),
		cmocka_unit_test(test_document_page_breaks),
		cmocka_unit_test(test_document_long_table_is_deterministic),
		cmocka_unit_test(test_missing_font_is_named),
		cmocka_unit_test(test_broken_font_is_refused),
		cmocka_unit_test(test_command_line),
		cmocka_unit_test(test_document_cover_contents_sources),
	};

	/* Take the locale from the environment (a decimal-comma one in the
	 * locale run); the PDF must not change. */
	setlocale(LC_ALL, "");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
