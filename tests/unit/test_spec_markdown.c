/* Unit tests for spec's Markdown grammar: headings, inline runs, lists,
 * pipe tables, breaks, code, quotes, images and HTML, long lines, line
 * endings and encoding errors, each to the document model with its exact
 * location (split from test_spec.c, which keeps the fenced blocks). */
#include "spec_fixture.h"

static void test_long_line(void **state)
{
	size_t n = 70000;
	char *text = malloc(n + 64);
	struct doc *doc;

	(void)state;
	strcpy(text, "---\ntitle: T\nsubtitle: ");
	memset(text + strlen(text), 'x', n);
	strcpy(text + 23 + n, "\n---\n");
	expect_error(text, "input/b.md:3:1: error: line too long (limit 65536 bytes)");

	/* 60000 bytes is fine: inih's buffer grows */
	strcpy(text, "---\ntitle: T\nsubtitle: ");
	memset(text + 23, 'y', 60000);
	strcpy(text + 23 + 60000, "\n---\n");
	doc = ok(text);
	assert_int_equal(strlen(doc->front.subtitle), 60000);
	doc_free(doc);
	free(text);
}

static void test_headings(void **state)
{
	struct doc *doc = ok(FM "# Trade turnover\n"
			     "## Trade turnover\n"
			     "### Trade turnover!\n"
			     "#### Belarus – Azerbaijan Cooperation\n"
			     "# Əməkdaşlıq ÖLKƏ, 2021\n"
			     "# ...\n");

	(void)state;
	assert_int_equal(doc->nblocks, 6);
	assert_int_equal(doc->blocks[0].type, BLOCK_HEADING);
	assert_int_equal(doc->blocks[0].level, 1);
	assert_int_equal(doc->blocks[0].line, 4);
	assert_string_equal(doc->blocks[0].anchor, "trade-turnover");
	assert_int_equal(doc->blocks[1].level, 2);
	assert_string_equal(doc->blocks[1].anchor, "trade-turnover-1");
	assert_int_equal(doc->blocks[2].level, 3);
	assert_string_equal(doc->blocks[2].anchor, "trade-turnover-2");
	assert_int_equal(doc->blocks[3].level, 3);
	assert_string_equal(doc->blocks[3].anchor, "belarus--azerbaijan-cooperation");
	assert_string_equal(doc->blocks[4].anchor, "əməkdaşlıq-ölkə-2021");
	assert_string_equal(doc->blocks[5].anchor, "section");
	assert_run(&doc->blocks[0].text.runs[0], "Trade turnover", 0, NULL, 4, 3);
	assert_int_equal(warn.n, 1);
	assert_string_equal(formatted(&warn.items[0]),
			    "input/b.md:7:1: warning: heading level 4 is not supported: shown as level 3");
	doc_free(doc);

	doc = ok(FM "Setext\n======\n\n`a` b\n---\n");
	assert_int_equal(doc->blocks[0].level, 1);
	assert_string_equal(doc->blocks[0].anchor, "setext");
	assert_int_equal(doc->blocks[1].level, 2);
	assert_string_equal(doc->blocks[1].anchor, "a-b");
	doc_free(doc);
}

static void test_runs(void **state)
{
	struct doc *doc = ok(FM "Text **bold**, *it* `code` [a **link**](https://example.org/?a=1&amp;b) é\n"
			     "next line ***both***  \n"
			     "after &amp; &#233; &unknown; x\n");
	const struct inlines *t;

	(void)state;
	assert_int_equal(doc->nblocks, 1);
	assert_int_equal(doc->blocks[0].type, BLOCK_PARAGRAPH);
	t = &doc->blocks[0].text;
	assert_int_equal(t->n, 13);
	assert_run(&t->runs[0], "Text ", 0, NULL, 4, 1);
	assert_run(&t->runs[1], "bold", RUN_BOLD, NULL, 4, 8);
	assert_run(&t->runs[2], ", ", 0, NULL, 4, 14);
	assert_run(&t->runs[3], "it", RUN_ITALIC, NULL, 4, 17);
	assert_run(&t->runs[4], " ", 0, NULL, 4, 20);
	assert_run(&t->runs[5], "code", RUN_CODE, NULL, 4, 22);
	assert_run(&t->runs[6], " ", 0, NULL, 4, 27);
	assert_run(&t->runs[7], "a ", 0, "https://example.org/?a=1&b", 4, 29);
	assert_run(&t->runs[8], "link", RUN_BOLD, "https://example.org/?a=1&b", 4, 33);
	/* a soft break joins the next line into one run */
	assert_run(&t->runs[9], " é next line ", 0, NULL, 4, 72);
	assert_run(&t->runs[10], "both", RUN_BOLD | RUN_ITALIC, NULL, 5, 14);
	/* a hard break is a run of its own */
	assert_string_equal(t->runs[11].text, "\n");
	assert_int_equal(t->runs[11].line, 5);
	assert_run(&t->runs[12], "after & é &unknown; x", 0, NULL, 6, 1);
	doc_free(doc);

	doc = ok(FM "a  \nafter &amp; &#233; &unknown; x\n");
	t = &doc->blocks[0].text;
	assert_int_equal(t->n, 3);
	assert_string_equal(t->runs[1].text, "\n");
	assert_run(&t->runs[2], "after & é &unknown; x", 0, NULL, 5, 1);
	doc_free(doc);

	doc = ok(FM "see <https://a.org> and www.b.org\n");
	t = &doc->blocks[0].text;
	assert_int_equal(t->n, 4);
	assert_run(&t->runs[1], "https://a.org", 0, "https://a.org", 4, 6);
	assert_string_equal(t->runs[3].text, "www.b.org");
	assert_string_equal(t->runs[3].href, "http://www.b.org");
	doc_free(doc);
}

static void test_lists(void **state)
{
	struct doc *doc = ok(FM "- a\n"
			     "- b\n"
			     "  1. c\n"
			     "  2. d\n"
			     "     - e\n"
			     "- f\n"
			     "\n"
			     "3. x\n"
			     "4. y\n");
	const struct block *b;

	(void)state;
	assert_int_equal(doc->nblocks, 2);
	b = &doc->blocks[0];
	assert_int_equal(b->type, BLOCK_LIST);
	assert_int_equal(b->line, 4);
	assert_int_equal(b->nitems, 6);
	assert_int_equal(b->items[0].depth, 0);
	assert_int_equal(b->items[0].number, 0);
	assert_run(&b->items[0].text.runs[0], "a", 0, NULL, 4, 3);
	assert_int_equal(b->items[2].depth, 1);
	assert_int_equal(b->items[2].number, 1);
	assert_run(&b->items[2].text.runs[0], "c", 0, NULL, 6, 6);
	assert_int_equal(b->items[3].number, 2);
	assert_int_equal(b->items[4].depth, 2);
	assert_int_equal(b->items[4].number, 0);
	assert_int_equal(b->items[5].depth, 0);
	assert_string_equal(b->items[5].text.runs[0].text, "f");
	b = &doc->blocks[1];
	assert_int_equal(b->nitems, 2);
	assert_int_equal(b->items[0].number, 3);
	assert_int_equal(b->items[1].number, 4);
	doc_free(doc);

	/* loose item: paragraphs joined by a space; a code block splits the list */
	doc = ok(FM "1. one\n\n   more\n2. two\n\n   ```\n   code\n   ```\n3. three\n");
	assert_int_equal(doc->nblocks, 3);
	assert_int_equal(doc->blocks[0].items[0].text.n, 2);
	assert_string_equal(doc->blocks[0].items[0].text.runs[0].text, "one");
	assert_run(&doc->blocks[0].items[0].text.runs[1], " more", 0, NULL, 6, 0);
	assert_int_equal(doc->blocks[1].type, BLOCK_CODE);
	assert_string_equal(doc->blocks[1].code, "code");
	assert_int_equal(doc->blocks[2].type, BLOCK_LIST);
	assert_int_equal(doc->blocks[2].items[0].number, 3);
	doc_free(doc);
}

static void test_pipe_table(void **state)
{
	struct doc *doc = ok(FM "| a | b | c | d |\n"
			     "|:--|:-:|--:|---|\n"
			     "| 1 | **2** |\n"
			     "| x | y | z | w | extra |\n");
	const struct pipe_table *pt;

	(void)state;
	assert_int_equal(doc->nblocks, 1);
	assert_int_equal(doc->blocks[0].type, BLOCK_PIPE_TABLE);
	assert_int_equal(doc->blocks[0].line, 4);
	pt = doc->blocks[0].ptable;
	assert_int_equal(pt->ncols, 4);
	assert_int_equal(pt->nrows, 2);
	assert_int_equal(pt->align[0], ALIGN_LEFT);
	assert_int_equal(pt->align[1], ALIGN_CENTER);
	assert_int_equal(pt->align[2], ALIGN_RIGHT);
	assert_int_equal(pt->align[3], ALIGN_DEFAULT);
	assert_run(&pt->cells[0].runs[0], "a", 0, NULL, 4, 3);
	assert_run(&pt->cells[5].runs[0], "2", RUN_BOLD, NULL, 6, 9);
	assert_int_equal(pt->cells[6].n, 0);
	assert_string_equal(pt->cells[11].runs[0].text, "w");
	doc_free(doc);
}

static void test_breaks_code_quote(void **state)
{
	struct doc *doc = ok(FM "Before\n\n***\n\n```c\nint x;\n\nreturn;\n```\n"
			     "___\n\n    indented\n\n> quoted *text*\n>\n> second\n\n```\nplain\n```\n");

	(void)state;
	assert_int_equal(doc->nblocks, 8);
	assert_int_equal(doc->blocks[1].type, BLOCK_PAGE_BREAK);
	assert_int_equal(doc->blocks[1].line, 6);
	assert_int_equal(doc->blocks[2].type, BLOCK_CODE);
	assert_int_equal(doc->blocks[2].line, 8);
	assert_string_equal(doc->blocks[2].code, "int x;\n\nreturn;");
	assert_int_equal(doc->blocks[3].type, BLOCK_PAGE_BREAK);
	assert_int_equal(doc->blocks[3].line, 13);
	assert_int_equal(doc->blocks[4].type, BLOCK_CODE);
	assert_string_equal(doc->blocks[4].code, "indented");
	assert_int_equal(doc->blocks[5].type, BLOCK_QUOTE);
	assert_run(&doc->blocks[5].text.runs[0], "quoted ", 0, NULL, 17, 3);
	assert_int_equal(doc->blocks[5].text.runs[1].style, RUN_ITALIC);
	assert_int_equal(doc->blocks[6].type, BLOCK_QUOTE);
	assert_int_equal(doc->blocks[6].line, 19);
	assert_int_equal(doc->blocks[7].type, BLOCK_CODE);
	assert_string_equal(doc->blocks[7].code, "plain");
	doc_free(doc);
}

static void test_image_and_html(void **state)
{
	struct doc *doc = ok(FM "See ![the *map*](map.png) here <b>x</b>.\n\n<div>\nblock\n</div>\n");
	const struct inlines *t;

	(void)state;
	assert_int_equal(doc->nblocks, 1);
	t = &doc->blocks[0].text;
	assert_int_equal(t->n, 1);
	assert_string_equal(t->runs[0].text, "See the map here x.");
	assert_int_equal(warn.n, 4);
	assert_string_equal(formatted(&warn.items[0]),
			    "input/b.md:4:18: warning: image \"map.png\" is not supported: "
			    "its alt text is shown instead");
	assert_string_equal(formatted(&warn.items[1]), "input/b.md:4:32: warning: raw HTML is ignored");
	assert_string_equal(formatted(&warn.items[3]), "input/b.md:6:1: warning: raw HTML is ignored");
	doc_free(doc);
}

static void test_encoding_errors(void **state)
{
	static const char nul[] = FM "ab\0c\n";
	struct doc *doc;

	(void)state;
	expect_error(FM "ok\nbad \xff here\n", "input/b.md:5:5: error: invalid UTF-8");
	expect_error(FM "é \xc3\x28\n", "input/b.md:4:3: error: invalid UTF-8");
	doc = spec_parse(PATH, nul, sizeof nul - 1, &d, &warn);
	assert_null(doc);
	assert_string_equal(formatted(&d), "input/b.md:4:3: error: NUL byte in spec");
}

/* Issue 11: CR, LF and CRLF line ends read alike (a CR-only spec said
 * "missing title" at 1:1), with the lines of the file. */
static void test_line_endings(void **state)
{
	static const char *const ends[] = { "\n", "\r\n", "\r" };

	(void)state;
	for (size_t i = 0; i < 3; i++) {
		const char *e = ends[i];
		char text[512];
		struct doc *doc;

		snprintf(text, sizeof text, "---%stitle: T%s---%s# Head%s%s```values%s[v]%s"
			 "data: t.csv%svalue: x%s```%sText {{v}}.%s", e, e, e, e, e, e, e, e, e, e,
			 e);
		doc = ok(text);
		assert_string_equal(doc->front.title, "T");
		assert_int_equal(doc->nblocks, 2);
		assert_string_equal(doc->blocks[0].text.runs[0].text, "Head");
		assert_int_equal(doc->blocks[0].line, 4);
		assert_int_equal(doc->values[0].line, 7);
		assert_string_equal(doc->values[0].q.path, "input/t.csv");
		assert_string_equal(doc->values[0].q.value, "x");
		assert_int_equal(doc->values[0].q.spec_line, 8);
		assert_int_equal(doc->blocks[1].text.runs[0].line, 11);
		doc_free(doc);
		/* an error keeps its line and column */
		snprintf(text, sizeof text, "---%stitle: T%s---%s```values%s[v]%s  bogus: 1%s```%s",
			 e, e, e, e, e, e, e);
		expect_error(text, "input/b.md:6:3: error: unknown key \"bogus\" in values block");
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_long_line, teardown),
		cmocka_unit_test_teardown(test_headings, teardown),
		cmocka_unit_test_teardown(test_runs, teardown),
		cmocka_unit_test_teardown(test_lists, teardown),
		cmocka_unit_test_teardown(test_pipe_table, teardown),
		cmocka_unit_test_teardown(test_breaks_code_quote, teardown),
		cmocka_unit_test_teardown(test_image_and_html, teardown),
		cmocka_unit_test_teardown(test_encoding_errors, teardown),
		cmocka_unit_test_teardown(test_line_endings, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
