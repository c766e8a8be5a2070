/* Unit tests for data's queries on tests/data/trade.csv and generated
 * files: where:, aggregates, missing values, sorts, top-N and Other, two
 * group columns, rows, sources, one pass for many queries, exact sums, and
 * the errors about a query's columns and values with their exact
 * messages. */
#include "data_fixture.h"

/* ---------------------------------------------------------------------------
 * Queries on tests/data/trade.csv:
 *
 *  1 period,flow,partner,value_usd_m,source
 *  2 2020,export,DE,100,Statistics A
 *  3 2020,import,DE,50,Statistics A
 *  4 2020,export,FR,30,Statistics A
 *  5 2021,export,DE,120,Statistics B
 *  6 2021,import,FR,,Statistics B
 *  7 2021,export,US,200,Statistics B
 *  8 2022,export,FR,40.5,Statistics B
 *  9 2022,import,US,10,Statistics A
 */

static void test_where_ops(void **state)
{
	static const struct {
		const char *where;
		size_t matched;
	} cases[] = {
		{ "flow = export", 5 },
		{ "flow != export", 3 },
		{ "period = 2020", 3 },
		{ "period = 2020.0", 3 },  /* numeric when both are numbers */
		{ "period = 2.02e3", 3 },
		{ "period != 2020", 5 },
		{ "period < 2021", 3 },
		{ "period <= 2021", 6 },
		{ "period > 2021", 2 },
		{ "period >= 2021", 5 },
		{ "value_usd_m > 50", 3 },
		{ "value_usd_m <= 50", 4 },      /* the empty cell matches no < <= > >= */
		{ "value_usd_m != 50", 7 },
		{ "value_usd_m = 40.50", 1 },
		{ "value_usd_m = 40.5x", 0 }, /* string compare */
		{ "partner = DE", 3 },
		{ "partner = de", 0 },
		{ "flow = export, period >= 2021", 3 },
		{ "flow = export,period>=2021,partner!=US", 2 },
		{ "source = Statistics A", 4 },
		{ "value_usd_m = ", 0 },
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct query *q = qagg(TRADE, NULL, NULL, NULL, AGG_COUNT);
		struct diag d = { 0 };
		struct query *qs[1] = { q };

		if (strcmp(cases[i].where, "value_usd_m = ") == 0) {
			/* empty right-hand side is a parse error */
			assert_int_equal(query_parse_where(cases[i].where, &q->where, &q->nwhere,
							   "b.md", 3, 8, &d), -1);
			qfree(q);
			continue;
		}
		qwhere(q, cases[i].where);
		assert_int_equal(data_run(TRADE, qs, 1, &d, NULL), 0);
		if (q->res.rows_matched != cases[i].matched)
			fail_msg("where %s: %zu rows, want %zu", cases[i].where,
				 q->res.rows_matched, cases[i].matched);
		assert_int_equal(q->res.rows_read, 8);
		assert_int_equal(q->res.ngroups, cases[i].matched ? 1 : 0);
		qfree(q);
	}
}

/* Cells and values compare trimmed; group keys are trimmed too. */
static void test_trimmed(void **state)
{
	const char *path = tmpfile_text("trim.csv", "k,v\n\" a \",1\n a,2\n\"a\",3\n\"b \",4\n");
	struct query *q = qagg(path, "k", NULL, "v", AGG_SUM);
	struct query *w = qagg(path, NULL, NULL, "v", AGG_SUM);
	static const char *const cols[] = { "k", NULL };
	struct query *r = qrows(path, cols);

	(void)state;
	check_groups(q, "a=6; b=4");
	qwhere(w, "k = a");
	check_groups(w, "(null)=6");
	run_ok(r);
	assert_string_equal(r->res.cells[0], " a "); /* rows keep cells as read */
	qfree(q);
	qfree(w);
	qfree(r);
}

static void test_aggregates_one_group(void **state)
{
	struct query *q;

	(void)state;
	q = qagg(TRADE, "partner", NULL, "value_usd_m", AGG_SUM);
	check_groups(q, "DE=270; FR=70.5; US=210");
	assert_int_equal(q->res.groups[0].line, 2);
	assert_int_equal(q->res.groups[1].line, 4);
	assert_int_equal(q->res.groups[2].line, 7);
	assert_int_equal(q->res.groups[1].count, 2); /* the empty cell is skipped */
	assert_true(q->res.groups[1].sum == 70.5);
	assert_null(q->res.groups[0].key[1]);
	assert_int_equal(q->res.groups[0].is_other, 0);
	qfree(q);

	q = qagg(TRADE, "partner", NULL, "value_usd_m", AGG_MEAN);
	check_groups(q, "DE=90; FR=35.25; US=105"); /* FR: (30 + 40.5) / 2 */
	qfree(q);

	q = qagg(TRADE, "partner", NULL, NULL, AGG_COUNT);
	check_groups(q, "DE=3; FR=3; US=2"); /* rows, the empty one too */
	assert_int_equal(q->res.groups[1].count, 3);
	qfree(q);

	/* with a value column, count counts its non-empty cells (issue 11):
	 * FR's empty cell is missing, not a row to count */
	q = qagg(TRADE, "partner", NULL, "value_usd_m", AGG_COUNT);
	check_groups(q, "DE=3; FR=2; US=2");
	assert_int_equal(q->res.groups[1].count, 2);
	assert_true(q->res.groups[1].sum == 2);
	qfree(q);

	q = qagg(TRADE, "partner", NULL, "value_usd_m", AGG_MIN);
	check_groups(q, "DE=50; FR=30; US=10");
	qfree(q);

	q = qagg(TRADE, "partner", NULL, "value_usd_m", AGG_MAX);
	check_groups(q, "DE=120; FR=40.5; US=200");
	qfree(q);

	q = qagg(TRADE, "flow", NULL, "value_usd_m", AGG_SUM);
	qwhere(q, "period = 2021");
	check_groups(q, "export=320; import=-");
	assert_int_equal(q->res.groups[1].count, 0);
	assert_int_equal(q->res.groups[0].missing, 0);
	qfree(q);
}

/* Empty cells are missing, never zero (issue 11): a group whose value
 * cells are all empty has no sum, mean, min or max (missing = 1, value 0),
 * its count is 0; ranked by value it comes last either way; folded into
 * Other it adds nothing, and an Other of such groups is missing too. */
static void test_missing_values(void **state)
{
	static const enum agg_kind aggs[] = { AGG_SUM, AGG_MEAN, AGG_MIN, AGG_MAX };
	const char *path = tmpfile_text("missing.csv",
					"year,firm,v\n"
					"2019,A,5\n"
					"2020,A,\n"
					"2020,B,  \n"
					"2021,A,-2\n"
					"2021,B,3\n"
					"2022,C,\n");
	struct query *q;

	(void)state;
	for (size_t i = 0; i < 4; i++) {
		q = qagg(path, "year", NULL, "v", aggs[i]);
		run_ok(q);
		assert_int_equal(q->res.ngroups, 4);
		assert_int_equal(q->res.groups[1].missing, 1); /* 2020: "" and "  " */
		assert_int_equal(q->res.groups[3].missing, 1); /* 2022 */
		assert_int_equal(q->res.groups[0].missing, 0);
		assert_int_equal(q->res.groups[2].missing, 0);
		qfree(q);
	}
	static const struct {
		const char *value;
		enum agg_kind agg;
		enum sort_kind sort;
		size_t top;
		const char *want;
	} cases[] = {
		{ "v", AGG_SUM, SORT_NONE, 0, "2019=5; 2020=-; 2021=1; 2022=-" },
		{ "v", AGG_MEAN, SORT_NONE, 0, "2019=5; 2020=-; 2021=0.5; 2022=-" },
		/* a count is never missing: non-empty cells, or rows */
		{ "v", AGG_COUNT, SORT_NONE, 0, "2019=1; 2020=0; 2021=2; 2022=0" },
		{ NULL, AGG_COUNT, SORT_NONE, 0, "2019=1; 2020=2; 2021=2; 2022=1" },
		/* sorted by value either way, missing last, in first-seen order */
		{ "v", AGG_SUM, SORT_VALUE, 0, "2021=1; 2019=5; 2020=-; 2022=-" },
		{ "v", AGG_SUM, SORT_VALUE_DESC, 0, "2019=5; 2021=1; 2020=-; 2022=-" },
		/* top keeps values over missing ones; an Other of only missing is missing */
		{ "v", AGG_SUM, SORT_NONE, 2, "2019=5; 2021=1; *Other=-" },
		{ "v", AGG_SUM, SORT_NONE, 1, "2019=5; *Other=1" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		q = qagg(path, "year", NULL, cases[i].value, cases[i].agg);
		q->sort = cases[i].sort;
		q->top = cases[i].top;
		check_groups(q, cases[i].want);
		qfree(q);
	}
	/* two group columns: a pair with only empty cells is missing */
	q = qagg(path, "year", "firm", "v", AGG_MAX);
	check_groups(q, "2019/A=5; 2020/A=-; 2020/B=-; 2021/A=-2; 2021/B=3; 2022/C=-");
	qfree(q);
	/* no group column: one group, missing when every cell is empty */
	q = qagg(path, NULL, NULL, "v", AGG_SUM);
	qwhere(q, "year = 2020");
	check_groups(q, "(null)=-");
	assert_int_equal(q->res.rows_matched, 2);
	qfree(q);
}

static void test_no_group(void **state)
{
	struct query *q;

	(void)state;
	q = qagg(TRADE, NULL, NULL, "value_usd_m", AGG_SUM);
	check_groups(q, "(null)=550.5");
	assert_int_equal(q->res.ngroups, 1);
	assert_null(q->res.groups[0].key[0]);
	assert_int_equal(q->res.groups[0].line, 2);
	qfree(q);

	q = qagg(TRADE, NULL, NULL, "value_usd_m", AGG_MEAN);
	check_groups(q, "(null)=78.642857");
	qfree(q);

	q = qagg(TRADE, NULL, NULL, "value_usd_m", AGG_SUM);
	qwhere(q, "partner = CN");
	run_ok(q);
	assert_int_equal(q->res.ngroups, 0);
	assert_int_equal(q->res.rows_matched, 0);
	qfree(q);
}

static void test_sorts(void **state)
{
	struct query *q;
	const char *path;

	(void)state;
	q = qagg(TRADE, "partner", NULL, "value_usd_m", AGG_SUM);
	q->sort = SORT_VALUE;
	check_groups(q, "FR=70.5; US=210; DE=270");
	qfree(q);

	q = qagg(TRADE, "partner", NULL, "value_usd_m", AGG_SUM);
	q->sort = SORT_VALUE_DESC;
	check_groups(q, "DE=270; US=210; FR=70.5");
	qfree(q);

	/* labels: numbers numerically and first, then text bytewise */
	path = tmpfile_text("labels.csv", "k,v\nb,1\n10,1\n9,1\nB,1\na,1\n-1.5,1\n");
	q = qagg(path, "k", NULL, "v", AGG_SUM);
	q->sort = SORT_LABEL;
	check_groups(q, "-1.5=1; 9=1; 10=1; B=1; a=1; b=1");
	qfree(q);

	/* ties keep first-seen order */
	path = tmpfile_text("ties.csv", "k,v\nc,1\na,2\nb,1\nd,2\n");
	q = qagg(path, "k", NULL, "v", AGG_SUM);
	q->sort = SORT_VALUE_DESC;
	check_groups(q, "a=2; d=2; c=1; b=1");
	qfree(q);
	q = qagg(path, "k", NULL, "v", AGG_SUM);
	q->sort = SORT_VALUE;
	check_groups(q, "c=1; b=1; a=2; d=2");
	qfree(q);
}

static void test_top_other(void **state)
{
	struct query *q;

	(void)state;
	/* kept groups stay in first-seen order unless sorted; Other is last */
	q = qagg(TRADE, "partner", NULL, "value_usd_m", AGG_SUM);
	q->top = 2;
	check_groups(q, "DE=270; US=210; *Other=70.5");
	assert_int_equal(q->res.groups[2].is_other, 1);
	assert_null(q->res.groups[2].key[1]);
	assert_int_equal(q->res.groups[2].line, 4);
	qfree(q);

	q = qagg(TRADE, "partner", NULL, "value_usd_m", AGG_SUM);
	q->top = 2;
	q->sort = SORT_VALUE;
	check_groups(q, "US=210; DE=270; *Other=70.5");
	qfree(q);

	q = qagg(TRADE, "partner", NULL, "value_usd_m", AGG_SUM);
	q->top = 1;
	q->sort = SORT_LABEL;
	check_groups(q, "DE=270; *Other=280.5");
	assert_int_equal(q->res.groups[1].count, 4);
	qfree(q);

	/* top at or above the number of groups: no Other */
	q = qagg(TRADE, "partner", NULL, "value_usd_m", AGG_SUM);
	q->top = 3;
	check_groups(q, "DE=270; FR=70.5; US=210");
	qfree(q);

	/* mean: Other is sum / count of the rest's values (not a mean of means) */
	q = qagg(TRADE, "partner", NULL, "value_usd_m", AGG_MEAN);
	q->top = 1;
	check_groups(q, "US=105; *Other=68.1"); /* (270 + 70.5) / 5 */
	qfree(q);

	q = qagg(TRADE, "partner", NULL, NULL, AGG_COUNT);
	q->top = 1;
	check_groups(q, "DE=3; *Other=5");
	qfree(q);

	q = qagg(TRADE, "partner", NULL, "value_usd_m", AGG_MIN);
	q->top = 1;
	check_groups(q, "DE=50; *Other=10");
	qfree(q);

	q = qagg(TRADE, "partner", NULL, "value_usd_m", AGG_MAX);
	q->top = 1;
	q->sort = SORT_VALUE_DESC;
	check_groups(q, "US=200; *Other=120");
	qfree(q);

	/* other: no: the rest is dropped, not added up (the categories are
	 * still counted) */
	q = qagg(TRADE, "partner", NULL, "value_usd_m", AGG_SUM);
	q->top = 2;
	q->no_other = 1;
	q->sort = SORT_VALUE;
	check_groups(q, "US=210; DE=270");
	assert_int_equal(q->res.ncategories, 3);
	qfree(q);
}

static void test_two_groups(void **state)
{
	struct query *q;
	const char *path;

	(void)state;
	q = qagg(TRADE, "period", "flow", "value_usd_m", AGG_SUM);
	check_groups(q, "2020/export=130; 2020/import=50; 2021/export=320; 2021/import=-; "
			"2022/export=40.5; 2022/import=10");
	assert_string_equal(q->res.groups[0].key[1], "export");
	qfree(q);

	/* value sorts rank the periods by their total across flows */
	q = qagg(TRADE, "period", "flow", "value_usd_m", AGG_SUM);
	q->sort = SORT_VALUE_DESC;
	check_groups(q, "2021/export=320; 2021/import=-; 2020/export=130; 2020/import=50; "
			"2022/export=40.5; 2022/import=10");
	qfree(q);

	q = qagg(TRADE, "period", "flow", "value_usd_m", AGG_SUM);
	q->sort = SORT_VALUE;
	check_groups(q, "2022/export=40.5; 2022/import=10; 2020/export=130; 2020/import=50; "
			"2021/export=320; 2021/import=-");
	qfree(q);

	/* top keeps whole periods; Other is per flow, in first-seen order */
	q = qagg(TRADE, "period", "flow", "value_usd_m", AGG_SUM);
	q->top = 1;
	check_groups(q, "2021/export=320; 2021/import=-; *Other/export=170.5; "
			"*Other/import=60");
	assert_int_equal(q->res.groups[2].is_other, 1);
	assert_int_equal(q->res.groups[3].is_other, 1);
	assert_int_equal(q->res.groups[3].line, 3);
	qfree(q);

	q = qagg(TRADE, "partner", "flow", "value_usd_m", AGG_MEAN);
	q->top = 2;
	q->sort = SORT_LABEL;
	/* totals: DE 110+50, FR 35.25+0, US 200+10: keep DE and US */
	check_groups(q, "DE/export=110; DE/import=50; US/export=200; US/import=10; "
			"*Other/export=35.25; *Other/import=-");
	qfree(q);

	/* groups of a category stay together even when seen interleaved */
	path = tmpfile_text("interleaved.csv", "c,s,v\nA,x,1\nB,x,2\nA,y,3\nC,y,4\nB,y,5\n");
	q = qagg(path, "c", "s", "v", AGG_SUM);
	check_groups(q, "A/x=1; A/y=3; B/x=2; B/y=5; C/y=4");
	qfree(q);

	q = qagg(path, "c", "s", "v", AGG_SUM);
	q->top = 1;
	check_groups(q, "B/x=2; B/y=5; *Other/x=1; *Other/y=7");
	qfree(q);
}

/* Thousands of groups (hashed), in first-seen order with exact sums. */
static void test_many_groups(void **state)
{
	size_t cap = 1u << 20, o = 0;
	char *text = malloc(cap);
	const char *path;
	struct query *q;

	(void)state;
	o += (size_t)snprintf(text + o, cap - o, "k,v\n");
	for (int rep = 0; rep < 3; rep++)
		for (int i = 0; i < 5000; i++)
			o += (size_t)snprintf(text + o, cap - o, "g%d,%d\n", (i * 7919) % 5000, i);
	path = tmpfile_bytes("many.csv", text, o);
	q = qagg(path, "k", NULL, "v", AGG_SUM);
	run_ok(q);
	assert_int_equal(q->res.ngroups, 5000);
	for (int i = 0; i < 5000; i++) {
		char key[16];

		snprintf(key, sizeof key, "g%d", (i * 7919) % 5000);
		assert_string_equal(q->res.groups[i].key[0], key);
		assert_true(q->res.groups[i].value == 3.0 * i);
		assert_int_equal(q->res.groups[i].line, i + 2);
	}
	qfree(q);
	free(text);
}

static void test_rows_mode(void **state)
{
	static const char *const cols[] = { "value_usd_m", "partner", NULL };
	struct query *q = qrows(TRADE, cols);

	(void)state;
	qwhere(q, "flow = import");
	run_ok(q);
	assert_int_equal(q->res.nrows, 3);
	assert_string_equal(q->res.cells[0], "50");
	assert_string_equal(q->res.cells[1], "DE");
	assert_string_equal(q->res.cells[2], "");
	assert_string_equal(q->res.cells[3], "FR");
	assert_string_equal(q->res.cells[4], "10");
	assert_string_equal(q->res.cells[5], "US");
	assert_int_equal(q->res.lines[0], 3);
	assert_int_equal(q->res.lines[1], 6);
	assert_int_equal(q->res.lines[2], 9);
	assert_int_equal(q->res.ngroups, 0);
	assert_int_equal(q->res.nheader, 5);
	assert_string_equal(q->res.header[4], "source");
	qfree(q);
}

static void test_sources_illustrative(void **state)
{
	struct query *q;
	const char *path;

	(void)state;
	q = qagg(TRADE, NULL, NULL, NULL, AGG_COUNT);
	qwhere(q, "flow = import");
	run_ok(q);
	assert_int_equal(q->res.nsources, 2);
	assert_string_equal(q->res.sources[0], "Statistics A");
	assert_string_equal(q->res.sources[1], "Statistics B");
	assert_int_equal(q->res.illustrative, 0);
	qfree(q);

	q = qagg(TRADE, NULL, NULL, NULL, AGG_COUNT);
	qwhere(q, "period = 2021");
	run_ok(q);
	assert_int_equal(q->res.nsources, 1);
	assert_string_equal(q->res.sources[0], "Statistics B");
	qfree(q);

	/* no source column: no sources */
	path = tmpfile_text("nosource.csv", "k,v\na,1\n");
	q = qagg(path, NULL, NULL, "v", AGG_SUM);
	run_ok(q);
	assert_int_equal(q->res.nsources, 0);
	assert_null(q->res.sources);
	qfree(q);

	/* illustrative: the column (yes/true/1, any case) or the source's text */
	path = tmpfile_text("illus.csv",
			    "k,v,illustrative,source\n"
			    "a,1,no,S1\n" "b,1,YES,S1\n" "c,1,True,S2\n" "d,1,1,S2\n"
			    "e,1,,Made up (ILLUSTRATIVE)\n" "f,1,0, S3 \n" "g,1,,\n");
	{
		static const struct {
			const char *where;
			int illustrative;
			size_t nsources;
		} cases[] = {
			{ "k = a", 0, 1 }, { "k = b", 1, 1 }, { "k = c", 1, 1 },
			{ "k = d", 1, 1 }, { "k = e", 1, 1 }, { "k = f", 0, 1 },
			{ "k = g", 0, 0 }, { "k != b, k != c, k != d, k != e", 0, 2 },
		};

		for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
			q = qagg(path, NULL, NULL, "v", AGG_SUM);
			qwhere(q, cases[i].where);
			run_ok(q);
			if (q->res.illustrative != cases[i].illustrative ||
			    q->res.nsources != cases[i].nsources)
				fail_msg("where %s: illustrative %d sources %zu", cases[i].where,
					 q->res.illustrative, q->res.nsources);
			qfree(q);
		}
	}
	q = qagg(path, NULL, NULL, "v", AGG_SUM);
	qwhere(q, "k = f");
	run_ok(q);
	assert_string_equal(q->res.sources[0], "S3"); /* trimmed */
	qfree(q);
}

/* All queries given to one data_run are answered by it. */
static void test_one_pass(void **state)
{
	static const char *const cols[] = { "period", NULL };
	struct query *a = qagg(TRADE, "partner", NULL, "value_usd_m", AGG_SUM);
	struct query *b = qagg(TRADE, "flow", NULL, NULL, AGG_COUNT);
	struct query *c = qrows(TRADE, cols);
	struct query *qs[3] = { a, b, c };
	struct diag d = { 0 };

	(void)state;
	qwhere(c, "partner = US");
	assert_int_equal(data_run(TRADE, qs, 3, &d, NULL), 0);
	assert_string_equal(groups_str(a), "DE=270; FR=70.5; US=210");
	assert_string_equal(groups_str(b), "export=5; import=3");
	assert_int_equal(c->res.nrows, 2);
	assert_string_equal(c->res.cells[0], "2021");
	assert_string_equal(c->res.cells[1], "2022");
	/* running again replaces the results */
	assert_int_equal(data_run(TRADE, qs, 3, &d, NULL), 0);
	assert_string_equal(groups_str(b), "export=5; import=3");
	assert_int_equal(c->res.nrows, 2);
	qfree(a);
	qfree(b);
	qfree(c);
}

/* ---------------------------------------------------------------------------
 * Speed features: exact sums, blocks with quotes, progress, two threads.
 */

/* Sums of short decimals are exact, whatever the order: 0.1 ten times is 1,
 * and mixed scales add up; other numbers (1e300) fall back to doubles. */
static void test_exact_sums(void **state)
{
	const char *path = tmpfile_text("exact.csv",
		"k,v\na,0.1\na,0.1\na,0.1\na,0.1\na,0.1\na,0.1\na,0.1\na,0.1\na,0.1\na,0.1\n"
		"b,0.1\nb,0.2\nc,1.5\nc,2.25\nc,-0.75\nc,1e2\n"
		"d,12345678901234.56\nd,12345678901234.56\nd,12345678901234.56\n"
		"e,1e300\ne,1\nf,-0\n");
	struct query *q = qagg(path, "k", NULL, "v", AGG_SUM);
	struct query *m = qagg(path, "k", NULL, "v", AGG_MEAN);

	(void)state;
	run_ok(q);
	run_ok(m);
	assert_int_equal(q->res.ngroups, 6);
	assert_true(q->res.groups[0].value == 1.0);
	assert_true(q->res.groups[1].value == 0.3);
	assert_true(q->res.groups[2].value == 103.0);
	assert_true(q->res.groups[3].value == 37037036703703.68);
	assert_true(q->res.groups[4].value == 1e300);
	assert_true(q->res.groups[5].value == 0);
	assert_true(m->res.groups[0].value == 0.1);
	assert_true(m->res.groups[1].value == 0.15);
	qfree(q);
	qfree(m);
}

static void test_error_unknown_column(void **state)
{
	/* one column name, the nearest, is quoted: never the header line */
	static const char *const msg =
		"unknown column \"valu\" in " TRADE " (did you mean \"value_usd_m\"?)";
	static const char *const cols[] = { "period", "valu", NULL };
	struct query *q;

	(void)state;
	q = qagg(TRADE, "partner", NULL, "valu", AGG_SUM);
	check_error(q, EXIT_DATAERR, "brief.md", 12, 1, msg);
	qfree(q);

	q = qagg(TRADE, "partner", "valu", "value_usd_m", AGG_SUM);
	check_error(q, EXIT_DATAERR, "brief.md", 12, 1, msg);
	qfree(q);

	q = qagg(TRADE, "valu", NULL, NULL, AGG_COUNT);
	check_error(q, EXIT_DATAERR, "brief.md", 12, 1, msg);
	qfree(q);

	/* a where: column is reported at its condition (qwhere: line 14 from
	 * column 8, "valu" at byte 15) */
	q = qagg(TRADE, NULL, NULL, NULL, AGG_COUNT);
	qwhere(q, "flow = export, valu > 3");
	check_error(q, EXIT_DATAERR, "brief.md", 14, 23, msg);
	qfree(q);

	q = qrows(TRADE, cols);
	q->spec_line = 30;
	check_error(q, EXIT_DATAERR, "brief.md", 30, 1, msg);
	qfree(q);

	/* the nearest name: another case, two edits; else none, never the list */
	static const struct { const char *name, *msg; } near[] = {
		{ "PARTNER", "unknown column \"PARTNER\" in " TRADE " (did you mean \"partner\"?)" },
		{ "parnter", "unknown column \"parnter\" in " TRADE " (did you mean \"partner\"?)" },
		{ "flows", "unknown column \"flows\" in " TRADE " (did you mean \"flow\"?)" },
		{ "year", "unknown column \"year\" in " TRADE " (none of its 5 columns is named so)" },
	};
	for (size_t i = 0; i < sizeof near / sizeof near[0]; i++) {
		q = qagg(TRADE, near[i].name, NULL, NULL, AGG_COUNT);
		check_error(q, EXIT_DATAERR, "brief.md", 12, 1, near[i].msg);
		qfree(q);
	}
}

/* Issue 11: an unknown column does not echo the file's first line, which
 * is the header of a CSV but may be a secret of any other file. */
static void test_error_unknown_column_quotes_no_file(void **state)
{
	const char *path = tmpfile_text("shadow.csv",
		"root:$6$Zk3vQ9xPp0aLmN2b$Vd8e2Y1uX4wq7T0rS5nM3kJ6hG9fD2sA1zC8vB5nX7mL4kP0oI3uY6tR"
		":19000:0:99999:7:::\ndaemon:*:19000:0:99999:7:::\n");
	char msg[512];
	struct query *q = qagg(path, "root", NULL, NULL, AGG_COUNT);

	(void)state;
	snprintf(msg, sizeof msg, "unknown column \"root\" in %s (none of its 1 column is "
		 "named so)", path);
	check_error(q, EXIT_DATAERR, "brief.md", 12, 1, msg);
	qfree(q);
}

static void test_error_not_number(void **state)
{
	const char *path = tmpfile_text("trade_bad.csv",
					"period,flow,value_usd_m,source\n"
					"2020,total,313.1,A\n"
					"2021,total,\"12,5\",B\n");
	const char *multi = tmpfile_text("multi.csv",
					 "name,note,value\n"
					 "a,\"multi\nline\",1\n"
					 "b,x,2\n"
					 "c,\"\xc3\xa4\",oops\n");
	const char *inrow = tmpfile_text("inrow.csv",
					 "name,note,value\n"
					 "a,1,1\n"
					 "d,\"x\ny\xc3\xa4\", bad\n");
	struct query *q;
	struct diag d = { 0 };
	struct query *qs[1];
	char buf[1024];

	(void)state;
	q = qagg(path, "flow", NULL, "value_usd_m", AGG_SUM);
	qs[0] = q;
	assert_int_equal(data_run(path, qs, 1, &d, NULL), -1);
	diag_format(&d, buf, sizeof buf);
	snprintf(buf + 512, 512, "%s:3:12: error: \"12,5\" is not a number (column value_usd_m)",
		 path);
	assert_string_equal(buf, buf + 512);
	assert_int_equal(d.code, EXIT_DATAERR);
	qfree(q);

	/* a quoted newline earlier moves the physical line of a later row */
	q = qagg(multi, NULL, NULL, "value", AGG_MAX);
	check_error(q, EXIT_DATAERR, multi, 5, 7, "\"oops\" is not a number (column value)");
	qfree(q);

	/* a field after a quoted newline in the same row: its own line and column */
	q = qagg(inrow, NULL, NULL, "value", AGG_MEAN);
	check_error(q, EXIT_DATAERR, inrow, 4, 6, "\"bad\" is not a number (column value)");
	qfree(q);

	/* only matching rows are converted */
	q = qagg(multi, NULL, NULL, "value", AGG_SUM);
	qwhere(q, "name != c");
	check_groups(q, "(null)=3");
	qfree(q);

	/* count needs no number */
	q = qagg(multi, NULL, NULL, "value", AGG_COUNT);
	check_groups(q, "(null)=3");
	qfree(q);

	/* ordered where: conditions need numbers in the cells */
	q = qagg(TRADE, NULL, NULL, NULL, AGG_COUNT);
	qwhere(q, "flow > 3");
	check_error(q, EXIT_DATAERR, TRADE, 2, 6,
		    "\"export\" is not a number (column flow, in where:)");
	qfree(q);

	/* an empty cell is no error there: the condition is false */
	q = qagg(TRADE, NULL, NULL, NULL, AGG_COUNT);
	qwhere(q, "value_usd_m <= 1000");
	check_groups(q, "(null)=7");
	qfree(q);

	/* a long cell is cut in the message */
	{
		char text[400];
		const char *p;

		memset(text, 0, sizeof text);
		strcpy(text, "v\n");
		memset(text + 2, 'a', 300);
		text[302] = '\n';
		p = tmpfile_text("long_text.csv", text);
		q = qagg(p, NULL, NULL, "v", AGG_SUM);
		memset(buf, 0, sizeof buf);
		strcpy(buf, "\"");
		memset(buf + 1, 'a', 100);
		strcat(buf, "...\" is not a number (column v)");
		check_error(q, EXIT_DATAERR, p, 2, 1, buf);
		qfree(q);
	}
}

/* Every query's spec-level problems are found; the first one is reported. */
static void test_error_query(void **state)
{
	struct query *q;

	(void)state;
	q = qagg(TRADE, NULL, NULL, NULL, AGG_SUM);
	check_error(q, EXIT_DATAERR, "brief.md", 12, 1, "this aggregate needs a value column");
	qfree(q);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_where_ops),
		cmocka_unit_test(test_trimmed),
		cmocka_unit_test(test_aggregates_one_group),
		cmocka_unit_test(test_no_group),
		cmocka_unit_test(test_sorts),
		cmocka_unit_test(test_top_other),
		cmocka_unit_test(test_two_groups),
		cmocka_unit_test(test_many_groups),
		cmocka_unit_test(test_rows_mode),
		cmocka_unit_test(test_sources_illustrative),
		cmocka_unit_test(test_one_pass),
		cmocka_unit_test(test_missing_values),
		cmocka_unit_test(test_error_unknown_column_quotes_no_file),
		cmocka_unit_test(test_error_unknown_column),
		cmocka_unit_test(test_error_not_number),
		cmocka_unit_test(test_error_query),
		cmocka_unit_test(test_exact_sums),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
