/* Unit tests for spec: the Markdown spec read into the document model, the
 * queries of values/table/chart blocks, every spec error with its exact
 * location, and spec_expand() with hand-filled query results. */
#include "spec_fixture.h"

static void assert_run(const struct run *r, const char *text, unsigned style,
		       const char *href, int line, int col)
{
	assert_string_equal(r->text, text);
	assert_int_equal(r->style, style);
	if (href)
		assert_string_equal(r->href, href);
	else
		assert_null(r->href);
	assert_int_equal(r->line, line);
	assert_int_equal(r->col, col);
}

/* ---- front matter ---- */

static void test_front_matter(void **state)
{
	struct doc *doc = ok("---\n"
			     "title: Belarus – Azerbaijan Cooperation\n"
			     "# a comment\n"
			     "; another\n"
			     "subtitle: Trade; industry # and projects\n"
			     "author: Ministry: desk = 3\n"
			     "date: 2022-06-14\n"
			     "paper: letter\n"
			     "---\n"
			     "Text.\n");

	(void)state;
	assert_string_equal(doc->front.title, "Belarus – Azerbaijan Cooperation");
	assert_string_equal(doc->front.subtitle, "Trade; industry # and projects");
	assert_string_equal(doc->front.author, "Ministry: desk = 3");
	assert_string_equal(doc->front.date, "2022-06-14");
	assert_int_equal(doc->front.date_line, 7);
	assert_int_equal(doc->front.paper, PAPER_LETTER);
	assert_string_equal(doc->path, PATH);
	assert_string_equal(doc->dir, "input");
	assert_int_equal(doc->nblocks, 1);
	assert_int_equal(doc->blocks[0].line, 10);
	doc_free(doc);

	doc = ok("\xef\xbb\xbf---\r\ntitle: T\r\n---\r\n# H\r\n");
	assert_string_equal(doc->front.title, "T");
	assert_null(doc->front.subtitle);
	assert_null(doc->front.date);
	assert_int_equal(doc->front.paper, PAPER_A4);
	assert_int_equal(doc->blocks[0].line, 4);
	assert_string_equal(doc->blocks[0].text.runs[0].text, "H");
	doc_free(doc);
}

static void test_front_matter_errors(void **state)
{
	(void)state;
	expect_error("# No front matter\n", "input/b.md:1:1: error: missing title in front matter");
	expect_error("", "input/b.md:1:1: error: missing title in front matter");
	expect_error("---\nauthor: A\n---\n", "input/b.md:1:1: error: missing title in front matter");
	expect_error("---\ntitle:\n---\n", "input/b.md:1:1: error: missing title in front matter");
	expect_error("---\ntitle: T\n", "input/b.md:1:1: error: unterminated front matter");
	expect_error("---\ntitle: T\ndate: 2022-13-01\n---\n",
		     "input/b.md:3:7: error: bad date \"2022-13-01\": expected YYYY-MM-DD");
	expect_error("---\ntitle: T\ndate:   2023-02-29\n---\n",
		     "input/b.md:3:9: error: bad date \"2023-02-29\": expected YYYY-MM-DD");
	expect_error("---\ntitle: T\ndate: 14 June 2022\n---\n",
		     "input/b.md:3:7: error: bad date \"14 June 2022\": expected YYYY-MM-DD");
	expect_error("---\ntitle: T\ntitel: U\n---\n",
		     "input/b.md:3:1: error: unknown front matter key \"titel\"");
	expect_error("---\ntitle: T\npaper: a5\n---\n",
		     "input/b.md:3:8: error: unknown paper size \"a5\": expected a4 or letter");
	expect_error("---\ntitle: T\npaper: a4 # or letter\n---\n",
		     "input/b.md:3:8: error: unknown paper size \"a4 # or letter\": expected a4 or letter");
	expect_error("---\ntitle: T\ntitle: U\n---\n",
		     "input/b.md:3:1: error: duplicate key \"title\" in front matter");
	expect_error("---\ntitle: T\njust words\n---\n",
		     "input/b.md:3:1: error: expected \"key: value\"");
	expect_error("---\ntitle: T\n[x]\n---\n",
		     "input/b.md:3:1: error: unexpected section \"[x]\" in front matter");
}

static void fake_result(struct query *q, double v);

/* locale: picks the language of dates, numbers and fixed words; the chart
 * blocks and their queries ("Other") carry it; absent means English. */
static void test_front_locale(void **state)
{
	static const char chart[] = "```chart\ntype: pie\ndata: t.csv\nx: a\ny: b\ntitle: T\n```\n";
	char text[512];
	struct doc *doc;

	(void)state;
	snprintf(text, sizeof text, "---\ntitle: T\nlocale: ru\n---\n%s", chart);
	doc = ok(text);
	assert_ptr_equal(doc->front.lang, lang_find("ru"));
	assert_ptr_equal(doc->blocks[0].chart->lang, lang_find("ru"));
	assert_string_equal(doc->blocks[0].chart->q.other_label, "Прочие");
	doc_free(doc);
	snprintf(text, sizeof text, "---\ntitle: T\nlocale: az\n---\n%s", chart);
	doc = ok(text);
	assert_string_equal(doc->blocks[0].chart->q.other_label, "Digər");
	doc_free(doc);
	snprintf(text, sizeof text, FM "%s", chart);
	doc = ok(text);
	assert_ptr_equal(doc->front.lang, lang_find("en"));
	assert_string_equal(doc->blocks[0].chart->q.other_label, "Other");
	doc_free(doc);
	expect_error("---\ntitle: T\nlocale: de\n---\n",
		     "input/b.md:3:9: error: unknown locale \"de\": expected en, ru or az");
	expect_error("---\ntitle: T\nlocale:   ru_RU\n---\n",
		     "input/b.md:3:11: error: unknown locale \"ru_RU\": expected en, ru or az");
	expect_error("---\ntitle: T\nlocale: ru\nlocale: az\n---\n",
		     "input/b.md:4:1: error: duplicate key \"locale\" in front matter");
}

/* Values are formatted in the spec's language: automatic and format:. */
static void test_expand_locale(void **state)
{
	static const char *const want[][3] = {
		{ "ru", "1\xc2\xa0" "234,5", "USD 1\xc2\xa0" "234,6 mln." },
		{ "az", "1.234,5", "USD 1.234,6 mln." },
	};
	char text[512];

	(void)state;
	for (size_t i = 0; i < 2; i++) {
		snprintf(text, sizeof text,
			 "---\ntitle: T\nlocale: %s\n---\n```values\n[a]\ndata: t.csv\nvalue: v\n"
			 "[b]\ndata: t.csv\nvalue: v\nformat: USD %%'.1f mln.\n```\nA {{a}}.\n",
			 want[i][0]);
		struct doc *doc = ok(text);

		fake_result(&doc->values[0].q, 1234.5);
		fake_result(&doc->values[1].q, 1234.56);
		assert_int_equal(spec_expand(doc, &d), 0);
		assert_string_equal(doc->values[0].text, want[i][1]);
		assert_string_equal(doc->values[1].text, want[i][2]);
		doc_free(doc);
	}
}

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

/* ---- Markdown ---- */

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

/* ---- values, table and chart blocks ---- */

static void test_values_block(void **state)
{
	struct doc *doc = ok(FM "```values\n"
			     "# comment\n"
			     "[turnover_2021]\n"
			     "data: trade.csv\n"
			     "value: value_usd_m\n"
			     "agg: sum\n"
			     "where: period = 2021, flow = total\n"
			     "format: %.1f\n"
			     "\n"
			     "[rows-2021]\n"
			     "data: /abs/trade.csv\n"
			     "agg: count\n"
			     "```\n");
	const struct value_def *v;

	(void)state;
	assert_int_equal(doc->nblocks, 0);
	assert_int_equal(doc->nvalues, 2);
	v = &doc->values[0];
	assert_string_equal(v->name, "turnover_2021");
	assert_int_equal(v->line, 6);
	assert_string_equal(v->format, "%.1f");
	assert_int_equal(v->q.mode, QUERY_AGGREGATE);
	assert_string_equal(v->q.path, "input/trade.csv");
	assert_string_equal(v->q.spec_file, PATH);
	assert_int_equal(v->q.spec_line, 7);
	assert_int_equal(v->q.ngroup, 0);
	assert_string_equal(v->q.value, "value_usd_m");
	assert_int_equal(v->q.agg, AGG_SUM);
	assert_int_equal(v->q.nwhere, 2);
	assert_string_equal(v->q.where[0].column, "period");
	assert_int_equal(v->q.where[0].op, COND_EQ);
	assert_string_equal(v->q.where[0].vals[0].text, "2021");
	assert_string_equal(v->q.where[1].column, "flow");
	assert_string_equal(v->q.where[1].vals[0].text, "total");
	v = &doc->values[1];
	assert_string_equal(v->name, "rows-2021");
	assert_string_equal(v->q.path, "/abs/trade.csv");
	assert_int_equal(v->q.agg, AGG_COUNT);
	assert_null(v->q.value);
	assert_null(v->format);
	doc_free(doc);
}

static void test_table_block(void **state)
{
	struct doc *doc = ok(FM "Intro\n\n"
			     "```table\n"
			     "data: trade.csv\n"
			     "columns: period, flow ,value_usd_m,  source\n"
			     "where: flow = total\n"
			     "caption: Trade turnover, USD million\n"
			     "```\n");
	const struct table_block *t;

	(void)state;
	assert_int_equal(doc->nblocks, 2);
	assert_int_equal(doc->blocks[1].type, BLOCK_DATA_TABLE);
	assert_int_equal(doc->blocks[1].line, 6);
	t = doc->blocks[1].table;
	assert_int_equal(t->q.mode, QUERY_ROWS);
	assert_string_equal(t->q.path, "input/trade.csv");
	assert_int_equal(t->q.spec_line, 7);
	assert_int_equal(t->q.ncolumns, 4);
	assert_string_equal(t->q.columns[0], "period");
	assert_string_equal(t->q.columns[1], "flow");
	assert_string_equal(t->q.columns[2], "value_usd_m");
	assert_string_equal(t->q.columns[3], "source");
	assert_int_equal(t->q.nwhere, 1);
	assert_string_equal(t->caption, "Trade turnover, USD million");
	assert_int_equal(t->caption_line, 10);
	doc_free(doc);
}

static void test_chart_block(void **state)
{
	struct doc *doc = ok(FM "```chart\n"
			     "type: hbar\n"
			     "data: trade.csv\n"
			     "x: period\n"
			     "y: value_usd_m\n"
			     "series: flow\n"
			     "stacked: yes\n"
			     "where: flow != total\n"
			     "agg: mean\n"
			     "sort: -value\n"
			     "top: 6\n"
			     "title: Trade by direction\n"
			     "subtitle: 2015-2021\n"
			     "unit: USD million\n"
			     "source: Azernews\n"
			     "name: trade-by-direction\n"
			     "colors: #1f77b4, #FF7F0E\n"
			     "width: 240.5\n"
			     "height: 180\n"
			     "```\n"
			     "~~~chart\n"
			     "type: pie\n"
			     "data: trade.csv\n"
			     "x: flow\n"
			     "agg: count\n"
			     "title: Rows\n"
			     "~~~\n");
	const struct chart_block *c;

	(void)state;
	assert_int_equal(doc->nblocks, 2);
	assert_int_equal(doc->blocks[0].type, BLOCK_CHART);
	assert_int_equal(doc->blocks[0].line, 4);
	c = doc->blocks[0].chart;
	assert_int_equal(c->type, CHART_HBAR);
	assert_string_equal(doc_chart_type_name(c->type), "hbar");
	assert_int_equal(c->q.mode, QUERY_AGGREGATE);
	assert_string_equal(c->q.path, "input/trade.csv");
	assert_int_equal(c->q.spec_line, 6);
	assert_int_equal(c->q.ngroup, 2);
	assert_string_equal(c->q.group[0], "period");
	assert_string_equal(c->q.group[1], "flow");
	assert_string_equal(c->q.value, "value_usd_m");
	assert_int_equal(c->q.agg, AGG_MEAN);
	assert_int_equal(c->q.sort, SORT_VALUE_DESC);
	assert_int_equal(c->q.top, 6);
	assert_int_equal(c->q.nwhere, 1);
	assert_int_equal(c->q.where[0].op, COND_NE);
	assert_int_equal(c->stacked, 1);
	assert_string_equal(c->title, "Trade by direction");
	assert_int_equal(c->title_line, 15);
	assert_string_equal(c->subtitle, "2015-2021");
	assert_string_equal(c->unit, "USD million");
	assert_string_equal(c->source, "Azernews");
	assert_string_equal(c->name, "trade-by-direction");
	assert_string_equal(c->colors, "#1f77b4, #FF7F0E");
	assert_true(c->width == 240.5);
	assert_true(c->height == 180);
	c = doc->blocks[1].chart;
	assert_int_equal(c->type, CHART_PIE);
	assert_int_equal(c->q.ngroup, 1);
	assert_null(c->q.group[1]);
	assert_null(c->q.value);
	assert_int_equal(c->q.agg, AGG_COUNT);
	assert_int_equal(c->q.sort, SORT_NONE);
	assert_int_equal(c->q.top, 0);
	assert_int_equal(c->stacked, 0);
	assert_null(c->subtitle);
	assert_true(c->width == 0);
	doc_free(doc);
}

static void test_paths_and_queries(void **state)
{
	const char *text = FM "```chart\ntype: bar\ndata: c.csv\nx: a\ny: b\ntitle: C\n```\n"
		"```values\n[v1]\ndata: v.csv\nvalue: x\n```\n"
		"```table\ndata: t.csv\ncolumns: a\n```\n"
		"```values\n[v2]\ndata: sub/w.csv\nvalue: x\n```\n";
	struct doc *doc = parse_as("briefing.md", text);
	struct query **qs;
	size_t n;

	(void)state;
	assert_non_null(doc);
	assert_string_equal(doc->dir, ".");
	qs = doc_queries(doc, &n);
	assert_int_equal(n, 4);
	assert_string_equal(qs[0]->path, "c.csv");
	assert_string_equal(qs[1]->path, "v.csv");
	assert_string_equal(qs[2]->path, "t.csv");
	assert_string_equal(qs[3]->path, "sub/w.csv");
	assert_ptr_equal(qs[1], &doc->values[0].q);
	assert_ptr_equal(qs[2], &doc->blocks[1].table->q);
	free(qs);
	doc_free(doc);

	doc = parse_as("/srv/specs/b.md", text);
	assert_non_null(doc);
	assert_string_equal(doc->dir, "/srv/specs");
	assert_string_equal(doc->values[1].q.path, "/srv/specs/sub/w.csv");
	doc_free(doc);

	doc = parse_as("/b.md", text);
	assert_non_null(doc);
	assert_string_equal(doc->dir, "/");
	assert_string_equal(doc->values[0].q.path, "/v.csv");
	doc_free(doc);
}

static void test_block_errors(void **state)
{
	(void)state;
	expect_error(FM "\n```chart\ntype: radar\ndata: t.csv\nx: a\ny: b\ntitle: T\n```\n",
		     "input/b.md:6:7: error: unknown chart type \"radar\": expected pie, donut, bar, hbar or line");
	expect_error(FM "```chart\ntype: bar\nx: a\ny: b\ntitle: T\n```\n",
		     "input/b.md:4:1: error: missing \"data:\" in chart block");
	expect_error(FM "```chart\ndata: t.csv\nx: a\ny: b\ntitle: T\n```\n",
		     "input/b.md:4:1: error: missing \"type:\" in chart block");
	expect_error(FM "```chart\ntype: bar\ndata: t.csv\nx: a\ntitle: T\n```\n",
		     "input/b.md:4:1: error: missing \"y:\" in chart block");
	expect_error(FM "```chart\ntype: bar\ndata: t.csv\nx: a\ny: b\n```\n",
		     "input/b.md:4:1: error: missing \"title:\" in chart block");
	expect_error(FM "```chart\ntype: bar\ncolour: red\n```\n",
		     "input/b.md:6:1: error: unknown key \"colour\" in chart block");
	expect_error(FM "```table\ndata: a.csv\ncolumns: a\ndata: b.csv\n```\n",
		     "input/b.md:7:1: error: duplicate key \"data\" in table block");
	expect_error(FM "```table\ndata: a.csv\n```\n",
		     "input/b.md:4:1: error: missing \"columns:\" in table block");
	expect_error(FM "```table\ncolumns: a\n```\n",
		     "input/b.md:4:1: error: missing \"data:\" in table block");
	expect_error(FM "```table\ndata: a.csv\ncolumns: a,,b\n```\n",
		     "input/b.md:6:10: error: bad columns \"a,,b\": expected column names separated by commas");
	expect_error(FM "```table\ndata: a.csv\ncolumns: a\nrows: 5\n```\n",
		     "input/b.md:7:1: error: unknown key \"rows\" in table block");
	expect_error(FM "```table\ndata: a.csv\n[x]\n```\n",
		     "input/b.md:6:1: error: unexpected section \"[x]\" in table block");
	expect_error(FM "```table\ndata a.csv\n```\n",
		     "input/b.md:5:1: error: expected \"key: value\"");
	expect_error(FM "```chart\ntype: bar\ndata: t.csv\nx: a\ny: b\ntitle: T\nagg: avg\n```\n",
		     "input/b.md:10:6: error: unknown aggregate \"avg\": expected sum, mean, count, min or max");
	expect_error(FM "```chart\ntype: bar\ndata: t.csv\nx: a\ny: b\ntitle: T\nsort: up\n```\n",
		     "input/b.md:10:7: error: unknown sort \"up\": expected none, value, -value or label");
	expect_error(FM "```chart\ntype: bar\ndata: t.csv\nx: a\ny: b\ntitle: T\ntop: x\n```\n",
		     "input/b.md:10:6: error: bad top \"x\": expected a positive whole number");
	expect_error(FM "```chart\ntype: bar\ndata: t.csv\nx: a\ny: b\ntitle: T\ntop: 0\n```\n",
		     "input/b.md:10:6: error: bad top \"0\": expected a positive whole number");
	expect_error(FM "```chart\ntype: bar\ndata: t.csv\nx: a\ny: b\ntitle: T\ntop: -3\n```\n",
		     "input/b.md:10:6: error: bad top \"-3\": expected a positive whole number");
	expect_error(FM "```chart\ntype: bar\ndata: t.csv\nx: a\ny: b\ntitle: T\nstacked: maybe\n```\n",
		     "input/b.md:10:10: error: bad stacked \"maybe\": expected yes or no");
	expect_error(FM "```chart\ntype: bar\ndata: t.csv\nx: a\ny: b\ntitle: T\nwidth: -2\n```\n",
		     "input/b.md:10:8: error: bad width \"-2\": expected a number of points from 36 to 1440");
	expect_error(FM "```chart\ntype: bar\ndata: t.csv\nx: a\ny: b\ntitle: T\nheight: 12,5\n```\n",
		     "input/b.md:10:9: error: bad height \"12,5\": expected a number of points from 36 to 1440");
	expect_error(FM "```chart\ntype: bar\ndata: t.csv\nx: a\ny: b\ntitle: T\ncolors: #112233, red\n```\n",
		     "input/b.md:10:9: error: bad color \"red\" in colors: expected #rrggbb");
	expect_error(FM "```chart\ntype: bar\ndata: t.csv\nx: a\ny: b\ntitle: T\nname: ../x\n```\n",
		     "input/b.md:10:7: error: bad chart name \"../x\": expected letters, digits, _ and -");
	expect_error(FM "```chart\ntype: bar\ndata: t.csv\nx: a\ny: b\ntitle: T\nwhere: flow ~ total\n```\n",
		     "input/b.md:10:8: error: bad condition \"flow ~ total\": expected column, "
		     "operator (= != < <= > >=, in, not in, contains, is empty) and value");
	expect_error(FM "```chart\ntype: bar\n",
		     "input/b.md:4:1: error: unterminated ```chart block");
	expect_error(FM "- item\n\n  ```table\n  data: t.csv\n- next\n",
		     "input/b.md:6:1: error: unterminated ```table block");
	expect_error(FM "````values\n[a]\ndata: t.csv\nvalue: v\n```\n",
		     "input/b.md:4:1: error: unterminated ```values block");
}

static void test_values_errors(void **state)
{
	(void)state;
	expect_error(FM "```values\n[bad name]\ndata: t.csv\n```\n",
		     "input/b.md:5:1: error: bad value name \"bad name\": expected letters, digits, _ and -");
	expect_error(FM "```values\n[]\n```\n",
		     "input/b.md:5:1: error: bad value name \"\": expected letters, digits, _ and -");
	expect_error(FM "```values\n[open\n```\n",
		     "input/b.md:5:1: error: bad value name \"open\": expected letters, digits, _ and -");
	expect_error(FM "```values\ndata: t.csv\n[a]\n```\n",
		     "input/b.md:5:1: error: key outside a [name] section in values block");
	expect_error(FM "```values\n[x]\ndata: t.csv\nvalue: v\n```\n\n```values\n[x]\ndata: t.csv\nvalue: v\n```\n",
		     "input/b.md:11:1: error: value \"x\" defined twice (first at line 5)");
	/* (a "%d" is a date format now: tests/unit/test_spec_values.c) */
	expect_error(FM "```values\n[x]\ndata: t.csv\nvalue: v\nformat: %i\n```\n",
		     "input/b.md:8:9: error: bad format \"%i\": expected one number conversion such as %.1f");
	expect_error(FM "```values\n[x]\nvalue: v\n[y]\n```\n",
		     "input/b.md:5:1: error: missing \"data:\" in values block");
	expect_error(FM "```values\n[x]\ndata: t.csv\n```\n",
		     "input/b.md:5:1: error: missing \"value:\" in values block");
	expect_error(FM "```values\n[x]\ndata: t.csv\nvalue: v\nsort: value\n```\n",
		     "input/b.md:8:1: error: unknown key \"sort\" in values block");
	expect_error(FM "```values\n[x]\ndata: t.csv\nvalue: v\nvalue: w\n```\n",
		     "input/b.md:8:1: error: duplicate key \"value\" in values block");
	expect_error(FM "> ```values\n> [x]\n> data: t.csv\n> value: v\n> where: a = 1, b >= x\n> ```\n",
		     "input/b.md:8:22: error: \"x\" is not a number or a date (operator >= compares numbers and dates, in where:)");
}

/* ---- placeholders ---- */

static const char values_x[] = "```values\n[x]\ndata: t.csv\nvalue: v\n```\n";

static void test_placeholder_errors(void **state)
{
	char text[1024];

	(void)state;
	snprintf(text, sizeof text, FM "%sLine one *x*\nand é {{ nope }} here\n", values_x);
	expect_error(text, "input/b.md:10:7: error: undefined value \"nope\"");
	snprintf(text, sizeof text, FM "%s# {{x}} and {{turnover_2022}}\n", values_x);
	expect_error(text, "input/b.md:9:13: error: undefined value \"turnover_2022\"");
	snprintf(text, sizeof text, FM "%sLine one\nand é {{turnover here\n", values_x);
	expect_error(text, "input/b.md:10:7: error: malformed placeholder \"{{turnover\"");
	snprintf(text, sizeof text, FM "%s- {{ two words }}\n", values_x);
	expect_error(text, "input/b.md:9:3: error: malformed placeholder \"{{ two words }}\"");
	snprintf(text, sizeof text, FM "%s| a |\n|---|\n| {{}} |\n", values_x);
	expect_error(text, "input/b.md:11:3: error: malformed placeholder \"{{}}\"");
	snprintf(text, sizeof text, FM "%s```table\ndata: t.csv\ncolumns: a\ncaption: Total {{y}}\n```\n",
		 values_x);
	expect_error(text, "input/b.md:12:16: error: undefined value \"y\"");
	snprintf(text, sizeof text,
		 FM "%s```chart\ntype: bar\ndata: t.csv\nx: a\ny: b\ntitle: T {{x}}\nunit: {{x\n```\n",
		 values_x);
	expect_error(text, "input/b.md:15:7: error: malformed placeholder \"{{x\"");
	/* a placeholder used before the values block that defines it is fine */
	snprintf(text, sizeof text, FM "Now {{x}}.\n\n%s", values_x);
	doc_free(ok(text));
}

static void test_expand(void **state)
{
	struct doc *doc = ok(FM "```values\n"
			     "[turnover_2021]\ndata: trade.csv\nvalue: v\nformat: USD %.1f million\n"
			     "[share]\ndata: trade.csv\nvalue: v\n"
			     "[tricky]\ndata: trade.csv\nvalue: v\nformat: {share} %.0f\n"
			     "```\n"
			     "# Turnover {{turnover_2021}}\n"
			     "Trade was {{ turnover_2021 }}, *share {{share}}*; {{tricky}}.\n"
			     "\n"
			     "| a | b |\n|---|---|\n| {{share}} | x |\n"
			     "\n- item {{share}}\n"
			     "\n> quote {{share}}\n"
			     "\n`{{share}}`\n"
			     "```table\ndata: t.csv\ncolumns: a\ncaption: Total {{turnover_2021}}\n```\n"
			     "```chart\ntype: bar\ndata: t.csv\nx: a\ny: b\ntitle: T {{share}}\n"
			     "subtitle: S {{share}}\nunit: U {{share}}\n```\n");

	(void)state;
	fake_result(&doc->values[0].q, 1234.56);
	fake_result(&doc->values[1].q, 1234.5);
	fake_result(&doc->values[2].q, 7);
	assert_int_equal(spec_expand(doc, &d), 0);
	assert_string_equal(doc->values[0].text, "USD 1234.6 million");
	assert_true(doc->values[0].number == 1234.56);
	assert_string_equal(doc->values[1].text, "1,234.5");
	assert_string_equal(doc->values[2].text, "{share} 7");
	assert_string_equal(doc->blocks[0].text.runs[0].text, "Turnover USD 1234.6 million");
	assert_string_equal(doc->blocks[0].anchor, "turnover-turnover_2021");
	assert_string_equal(doc->blocks[1].text.runs[0].text, "Trade was USD 1234.6 million, ");
	assert_string_equal(doc->blocks[1].text.runs[1].text, "share 1,234.5");
	assert_string_equal(doc->blocks[1].text.runs[2].text, "; {share} 7.");
	assert_string_equal(doc->blocks[2].ptable->cells[2].runs[0].text, "1,234.5");
	assert_string_equal(doc->blocks[3].items[0].text.runs[0].text, "item 1,234.5");
	assert_string_equal(doc->blocks[4].text.runs[0].text, "quote 1,234.5");
	assert_string_equal(doc->blocks[5].text.runs[0].text, "1,234.5");
	assert_string_equal(doc->blocks[6].table->caption, "Total USD 1234.6 million");
	assert_string_equal(doc->blocks[7].chart->title, "T 1,234.5");
	assert_string_equal(doc->blocks[7].chart->subtitle, "S 1,234.5");
	assert_string_equal(doc->blocks[7].chart->unit, "U 1,234.5");
	doc_free(doc);
}

static void test_expand_errors(void **state)
{
	struct doc *doc = ok(FM "```values\n[turnover_2021]\ndata: trade.csv\nvalue: v\n```\n"
			     "Text {{turnover_2021}}.\n");

	(void)state;
	assert_int_equal(spec_expand(doc, &d), -1);
	assert_int_equal(d.code, EXIT_DATAERR);
	assert_string_equal(formatted(&d),
			    "input/b.md:5:1: error: value \"turnover_2021\" matched no rows in input/trade.csv");
	/* a run changed behind spec_parse's back is still checked */
	fake_result(&doc->values[0].q, 3);
	free(doc->blocks[0].text.runs[0].text);
	doc->blocks[0].text.runs[0].text = strdup("Text {{nope}}");
	assert_int_equal(spec_expand(doc, &d), -1);
	assert_string_equal(formatted(&d), "input/b.md:9:6: error: undefined value \"nope\"");
	doc_free(doc);
}

/* Issue 11: a value whose matching cells are all empty has no number: its
 * missing: text is printed instead (a figure too), else it is an error at
 * its [name] line; no row at all is the same with missing: set.  The text
 * is not a format and holds no placeholder. */
static void test_expand_missing(void **state)
{
	struct doc *doc = ok(FM "```values\n"
			     "[gdp]\ndata: trade.csv\nvalue: v\nmissing: not published\n"
			     "[none]\ndata: trade.csv\nvalue: v\nformat: %.1f\nmissing: n/a\n"
			     "[n]\ndata: trade.csv\nvalue: v\n"
			     "```\n"
			     "GDP {{gdp}}, {{none}}, {{n}}.\n"
			     "```figures\ngdp: GDP, USD billion\n```\n");

	(void)state;
	fake_result(&doc->values[0].q, 0);
	doc->values[0].q.res.groups[0].missing = 1;
	doc->values[0].q.res.rows_matched = 2;
	fake_result(&doc->values[2].q, 4);
	assert_string_equal(doc->values[0].missing, "not published");
	assert_null(doc->values[2].missing);
	assert_int_equal(spec_expand(doc, &d), 0);
	assert_string_equal(doc->values[0].text, "not published");
	assert_true(isnan(doc->values[0].number));
	assert_string_equal(doc->values[1].text, "n/a"); /* no row */
	assert_string_equal(doc->blocks[0].text.runs[0].text, "GDP not published, n/a, 4.");
	assert_string_equal(doc->blocks[1].figures->items[0].text, "not published");
	doc_free(doc);

	/* without missing: all-empty cells are an error at the value's line */
	doc = ok(FM "```values\n[n]\ndata: trade.csv\nvalue: value_usd_m\n```\nN {{n}}.\n");
	fake_result(&doc->values[0].q, 0);
	doc->values[0].q.res.groups[0].missing = 1;
	doc->values[0].q.res.rows_matched = 3;
	assert_int_equal(spec_expand(doc, &d), -1);
	assert_int_equal(d.code, EXIT_DATAERR);
	assert_string_equal(formatted(&d), "input/b.md:5:1: error: value \"n\" has no number: the "
			    "value_usd_m cells of its 3 matching rows in input/trade.csv are empty "
			    "(set missing: to print a text instead)");
	doc->values[0].q.res.rows_matched = 1;
	assert_int_equal(spec_expand(doc, &d), -1);
	assert_non_null(strstr(d.msg, "of its 1 matching row in"));
	doc_free(doc);

	expect_error(FM "```values\n[n]\ndata: t.csv\nvalue: v\nmissing: see {{m}}\n```\n",
		     "input/b.md:8:14: error: placeholder in missing: a value cannot use another "
		     "value");
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

/* ---- the finished document: front matter keys, figures, table widths ---- */

static void test_document_keys(void **state)
{
	struct doc *doc = ok("---\ntitle: A long title\nshort-title: Short\nkeywords: a, b\n"
			     "cover: no\ntoc: yes\nh1-new-page: true\nsources: false\n---\n");

	(void)state;
	assert_string_equal(doc->front.short_title, "Short");
	assert_string_equal(doc->front.keywords, "a, b");
	assert_int_equal(doc->front.cover, FM_NO);
	assert_int_equal(doc->front.toc, FM_YES);
	assert_int_equal(doc->front.h1_new_page, FM_YES);
	assert_int_equal(doc->front.sources, FM_NO);
	doc_free(doc);
	/* defaults: a cover, contents and sources page decided by the layout */
	doc = ok(FM);
	assert_null(doc->front.short_title);
	assert_null(doc->front.keywords);
	assert_int_equal(doc->front.cover, FM_YES);
	assert_int_equal(doc->front.toc, FM_AUTO);
	assert_int_equal(doc->front.h1_new_page, FM_NO);
	assert_int_equal(doc->front.sources, FM_AUTO);
	doc_free(doc);
	expect_error("---\ntitle: T\ntoc: maybe\n---\n",
		     "input/b.md:3:6: error: bad toc \"maybe\": expected yes or no");
	expect_error("---\ntitle: T\nh1-new-page: 1\n---\n",
		     "input/b.md:3:14: error: bad h1-new-page \"1\": expected yes or no");
	expect_error("---\ntitle: T\ncover: none\n---\n",
		     "input/b.md:3:8: error: bad cover \"none\": expected yes or no");
}

static void test_figures_block(void **state)
{
	struct doc *doc = ok(FM "```figures\n"
			     "turnover: Trade turnover 2021, USD million\n"
			     "# a comment\n"
			     "  since:   Relations since {{turnover}}: yes\n"
			     "bare:\n"
			     "```\n"
			     "```values\n[turnover]\ndata: t.csv\nvalue: v\nformat: %.1f\n"
			     "[since]\ndata: t.csv\nvalue: y\nformat: %.0f\n"
			     "[bare]\ndata: t.csv\nagg: count\n```\n");
	const struct figures_block *fb;

	(void)state;
	assert_int_equal(doc->nblocks, 1);
	assert_int_equal(doc->blocks[0].type, BLOCK_FIGURES);
	assert_int_equal(doc->blocks[0].line, 4);
	fb = doc->blocks[0].figures;
	assert_int_equal(fb->n, 3);
	assert_string_equal(fb->items[0].name, "turnover");
	assert_string_equal(fb->items[0].caption, "Trade turnover 2021, USD million");
	assert_int_equal(fb->items[0].line, 5);
	assert_int_equal(fb->items[0].col, 1);
	assert_string_equal(fb->items[1].name, "since");
	assert_string_equal(fb->items[1].caption, "Relations since {{turnover}}: yes");
	assert_int_equal(fb->items[1].line, 7);
	assert_int_equal(fb->items[1].col, 3);
	assert_string_equal(fb->items[2].caption, "");
	assert_null(fb->items[0].text);
	fake_result(&doc->values[0].q, 424.4);
	fake_result(&doc->values[1].q, 1993);
	fake_result(&doc->values[2].q, 6);
	assert_int_equal(spec_expand(doc, &d), 0);
	assert_string_equal(fb->items[0].text, "424.4");
	assert_string_equal(fb->items[1].text, "1993");
	assert_string_equal(fb->items[1].caption, "Relations since 424.4: yes");
	assert_string_equal(fb->items[2].text, "6");
	doc_free(doc);
}

static void test_figures_errors(void **state)
{
	(void)state;
	/* an undefined name is reported like a placeholder, at its line:col */
	expect_error(FM "```values\n[a]\ndata: t.csv\nvalue: v\n```\n"
		     "```figures\na: A\n   nope: Nope\n```\n",
		     "input/b.md:11:4: error: undefined value \"nope\"");
	expect_error(FM "```figures\na: A {{nope}}\n```\n```values\n[a]\ndata: t.csv\nvalue: v\n```\n",
		     "input/b.md:5:6: error: undefined value \"nope\"");
	expect_error(FM "```figures\n```\n",
		     "input/b.md:4:1: error: empty figures block: expected \"value_name: caption\" lines");
	expect_error(FM "```figures\n[x]\n```\n",
		     "input/b.md:5:1: error: unexpected section \"[x]\" in figures block");
	expect_error(FM "```figures\nbad name: A\n```\n",
		     "input/b.md:5:1: error: bad value name \"bad name\" in figures block: expected "
		     "letters, digits, _ and -");
	expect_error(FM "```figures\njust words\n```\n",
		     "input/b.md:5:1: error: expected \"key: value\"");
	expect_error(FM "```figures\na: A\n",
		     "input/b.md:4:1: error: unterminated ```figures block");
}

static void test_table_widths_headers(void **state)
{
	struct doc *doc = ok(FM "```table\ndata: t.csv\ncolumns: a, b, c\n"
			     "widths: 20%, 120pt, 30.5\nheaders: Year, Flow, USD million\n```\n");
	const struct table_block *t;

	(void)state;
	t = doc->blocks[0].table;
	assert_non_null(t->widths);
	assert_true(t->widths[0].value == 20 && t->widths[0].percent);
	assert_true(t->widths[1].value == 120 && !t->widths[1].percent);
	assert_true(t->widths[2].value == 30.5 && !t->widths[2].percent);
	assert_string_equal(t->headers[0], "Year");
	assert_string_equal(t->headers[2], "USD million");
	doc_free(doc);
	doc = ok(FM "```table\ndata: t.csv\ncolumns: a\n```\n");
	assert_null(doc->blocks[0].table->widths);
	assert_null(doc->blocks[0].table->headers);
	doc_free(doc);
	expect_error(FM "```table\ndata: t.csv\ncolumns: a, b\nwidths: 50%\n```\n",
		     "input/b.md:7:9: error: widths: gives 1 width for 2 columns");
	expect_error(FM "```table\ndata: t.csv\ncolumns: a, b\nwidths: 60%, 50%\n```\n",
		     "input/b.md:7:9: error: bad widths \"60%, 50%\": the percentages add up to "
		     "more than 100");
	expect_error(FM "```table\ndata: t.csv\ncolumns: a, b\nwidths: 60%, wide\n```\n",
		     "input/b.md:7:9: error: bad widths \"60%, wide\": expected a width per column, "
		     "in points (120) or percent (25%)");
	expect_error(FM "```table\ndata: t.csv\ncolumns: a, b\nwidths: 0, 10\n```\n",
		     "input/b.md:7:9: error: bad widths \"0, 10\": expected a width per column, "
		     "in points (120) or percent (25%)");
	/* issue 11: widths fit the text width, which the caller passes */
	doc = ok(FM "```table\ndata: t.csv\ncolumns: a, b\nwidths: 1e308pt, 20%\n```\n");
	assert_int_equal(spec_check_widths(doc, 481.9, &d), -1);
	assert_int_equal(d.code, EXIT_DATAERR);
	assert_string_equal(formatted(&d), "input/b.md:7:9: error: bad widths: the columns add up "
			    "to 1e+308 pt, more than the text width (481.9 pt)");
	doc_free(doc);
	doc = ok(FM "```table\ndata: t.csv\ncolumns: a, b\nwidths:   300, 50%\n```\n");
	assert_int_equal(spec_check_widths(doc, 481.9, &d), -1);
	assert_string_equal(formatted(&d), "input/b.md:7:11: error: bad widths: the columns add "
			    "up to 540.95 pt, more than the text width (481.9 pt)");
	assert_int_equal(spec_check_widths(doc, 600, &d), 0);
	doc_free(doc);
	doc = ok(FM "```table\ndata: t.csv\ncolumns: a, b\nwidths: 240.95, 50%\n```\n"
		 "```table\ndata: t.csv\ncolumns: a\n```\n");
	assert_int_equal(spec_check_widths(doc, 481.9, &d), 0); /* exactly the width */
	doc_free(doc);
	expect_error(FM "```table\ndata: t.csv\ncolumns: a, b, c\nheaders: A, B\n```\n",
		     "input/b.md:7:10: error: headers: gives 2 labels for 3 columns");
	expect_error(FM "```table\ndata: t.csv\ncolumns: a, b\nheaders: A,\n```\n",
		     "input/b.md:7:10: error: bad headers \"A,\": expected labels separated by commas");
}

/* ---- files ---- */

static void test_read(void **state)
{
	char dir[] = "/tmp/test_spec.XXXXXX", path[256];
	struct doc *doc;
	FILE *f;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/nope.md", dir);
	memset(&d, 0, sizeof d);
	assert_null(spec_read(path, &d, &warn));
	assert_int_equal(d.code, EXIT_NOINPUT);
	assert_string_equal(d.file, path);
	assert_int_equal(d.line, 0);
	assert_non_null(strstr(d.msg, "cannot open "));
	assert_non_null(strstr(d.msg, ": No such file or directory"));

	assert_null(spec_read(dir, &d, &warn));
	assert_int_equal(d.code, EXIT_NOINPUT);
	assert_non_null(strstr(d.msg, ": Is a directory"));
	assert_true(strncmp(d.msg, "cannot read ", 12) == 0);

	snprintf(path, sizeof path, "%s/b.md", dir);
	f = fopen(path, "wb");
	assert_non_null(f);
	fputs("\xef\xbb\xbf---\ntitle: T\n---\n```values\n[v]\ndata: trade.csv\nvalue: x\n```\n", f);
	fclose(f);
	doc = spec_read(path, &d, &warn);
	assert_non_null(doc);
	assert_string_equal(doc->front.title, "T");
	assert_string_equal(doc->dir, dir);
	assert_int_equal(doc->values[0].q.spec_line, 6);
	doc_free(doc);
	unlink(path);
	rmdir(dir);
	doc_free(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_front_matter, teardown),
		cmocka_unit_test_teardown(test_front_matter_errors, teardown),
		cmocka_unit_test_teardown(test_front_locale, teardown),
		cmocka_unit_test_teardown(test_expand_locale, teardown),
		cmocka_unit_test_teardown(test_long_line, teardown),
		cmocka_unit_test_teardown(test_headings, teardown),
		cmocka_unit_test_teardown(test_runs, teardown),
		cmocka_unit_test_teardown(test_lists, teardown),
		cmocka_unit_test_teardown(test_pipe_table, teardown),
		cmocka_unit_test_teardown(test_breaks_code_quote, teardown),
		cmocka_unit_test_teardown(test_image_and_html, teardown),
		cmocka_unit_test_teardown(test_encoding_errors, teardown),
		cmocka_unit_test_teardown(test_values_block, teardown),
		cmocka_unit_test_teardown(test_table_block, teardown),
		cmocka_unit_test_teardown(test_chart_block, teardown),
		cmocka_unit_test_teardown(test_paths_and_queries, teardown),
		cmocka_unit_test_teardown(test_block_errors, teardown),
		cmocka_unit_test_teardown(test_values_errors, teardown),
		cmocka_unit_test_teardown(test_placeholder_errors, teardown),
		cmocka_unit_test_teardown(test_expand, teardown),
		cmocka_unit_test_teardown(test_expand_errors, teardown),
		cmocka_unit_test_teardown(test_expand_missing, teardown),
		cmocka_unit_test_teardown(test_line_endings, teardown),
		cmocka_unit_test_teardown(test_read, teardown),
		cmocka_unit_test_teardown(test_document_keys, teardown),
		cmocka_unit_test_teardown(test_figures_block, teardown),
		cmocka_unit_test_teardown(test_figures_errors, teardown),
		cmocka_unit_test_teardown(test_table_widths_headers, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
