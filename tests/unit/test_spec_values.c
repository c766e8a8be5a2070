/* Unit tests for issue 13's values and tables in the spec: computed values
 * (expr:) parsed, ordered, evaluated and their errors at line:col, under
 * spec_parse (names, cycles) and spec_expand (division by zero, values
 * without a number); sign-dependent and date formats; date values from a
 * query result made by hand (query_result.value_is_date, as the data
 * engine fills it); a table's sort:, top:, formats: and source:, its
 * rows put in order by spec_expand; a chart's other: no. */
#include "testutil.h"

#include "spec_fixture.h"

#include "lang.h"

/* The values block of a spec, its sections given. */
#define VALUES(body) FM "```values\n" body "```\n"

/* ---- computed values: parsing ---- */

static void test_expr_parse(void **state)
{
	struct doc *doc = ok(VALUES("[share]\nexpr: exp / (exp + imp) * 100\nformat: %.1f %%\n"
				    "[exp]\ndata: t.csv\nvalue: v\nwhere: flow = export\n"
				    "[imp]\ndata: t.csv\nvalue: v\nwhere: flow = import\n"
				    "source: Customs, 2024\n"
				    "[twice]\nexpr: share * 2 + imp\n")
			     "{{share}} {{twice}}\n");
	struct query **qs;
	size_t n;

	(void)state;
	assert_int_equal(doc->nvalues, 4);
	assert_non_null(doc->values[0].expr);
	assert_int_equal(doc->values[0].expr_line, 6);
	assert_null(doc->values[0].q.path);
	assert_string_equal(doc->values[0].format, "%.1f %%");
	assert_int_equal(doc->values[0].format_date, 0);
	/* its inputs: the values read from data, first use first */
	assert_int_equal(doc->values[0].ninputs, 2);
	assert_int_equal(doc->values[0].inputs[0], 1);
	assert_int_equal(doc->values[0].inputs[1], 2);
	/* through another computed value, each input once */
	assert_int_equal(doc->values[3].ninputs, 2);
	assert_int_equal(doc->values[3].inputs[0], 1);
	assert_int_equal(doc->values[3].inputs[1], 2);
	assert_null(doc->values[1].expr);
	assert_int_equal(doc->values[1].ninputs, 0);
	assert_null(doc->values[1].source);
	assert_string_equal(doc->values[2].source, "Customs, 2024");
	/* a computed value has no query for the data pass */
	qs = doc_queries(doc, &n);
	assert_non_null(qs);
	assert_int_equal(n, 2);
	assert_ptr_equal(qs[0], &doc->values[1].q);
	assert_ptr_equal(qs[1], &doc->values[2].q);
	free(qs);
	doc_free(doc);
}

static void test_expr_parse_errors(void **state)
{
	(void)state;
	/* an undefined name at its column, on the expr: line, found once every
	 * value is known (a value may use one defined later) */
	expect_error(VALUES("[a]\nexpr: b + 1\n[b]\nexpr: c * 2\n"),
		     "input/b.md:8:7: error: undefined name \"c\" in expr:");
	expect_error(VALUES("[a]\ndata: t.csv\nvalue: v\n[g]\nexpr: (a - a_prev) / a_prev\n"),
		     "input/b.md:9:12: error: undefined name \"a_prev\" in expr:");
	/* a cycle names its members, from the one defined first */
	expect_error(VALUES("[a]\nexpr: b + 1\n[b]\nexpr: 2 * c\n[c]\nexpr: a\n"),
		     "input/b.md:6:7: error: cycle in expr: a -> b -> c -> a");
	expect_error(VALUES("[a]\nexpr: a + 1\n"),
		     "input/b.md:6:7: error: cycle in expr: a -> a");
	/* syntax, at the column (in a block quote too) */
	expect_error(VALUES("[a]\nexpr: 2 ^ 3\n"),
		     "input/b.md:6:9: error: no power operator \"^\" in expr: (multiply instead: x * x)");
	expect_error(FM "> ```values\n> [a]\n> expr: (1 + 2\n> ```\n",
		     "input/b.md:6:9: error: \"(\" is not closed in expr:");
	/* a value is read or computed, not both */
	expect_error(VALUES("[a]\ndata: t.csv\nexpr: 1 + 1\n"),
		     "input/b.md:6:7: error: data: and expr: in one value: a value is read from "
		     "data: or computed by expr:, not both");
	expect_error(VALUES("[a]\nexpr: 1 + 1\nwhere: x = 1\n"),
		     "input/b.md:7:8: error: where: and expr: in one value: a value is read from "
		     "data: or computed by expr:, not both");
	expect_error(VALUES("[a]\nexpr: 1 + 1\nsource: Own work\n"),
		     "input/b.md:7:9: error: source: in a computed value: its sources are those "
		     "of the values its expr: uses");
	expect_error(VALUES("[a]\nexpr: 1 + 1\nformat: %B %Y\n"),
		     "input/b.md:7:9: error: date format \"%B %Y\" for a computed value: expr: "
		     "gives a number; use a number format such as %.1f");
}

/* ---- computed values: evaluation ---- */

static void test_expr_eval(void **state)
{
	/* the default briefing's figures: growth 313.1 -> 424.4, shares of a
	 * turnover of 273.1 (188.7 + 84.4) */
	struct doc *doc = ok(VALUES("[growth]\nexpr: (t21 - t20) / t20 * 100\nformat: %+.1f %%\n"
				    "[change]\nexpr: (t20 - t21) / t21 * 100\n"
				    "format: up %.1f %%;down %.1f %%;unchanged\n"
				    "[t20]\ndata: t.csv\nvalue: v\n"
				    "[t21]\ndata: t.csv\nvalue: v\n"
				    "[exp]\ndata: t.csv\nvalue: v\n"
				    "[imp]\ndata: t.csv\nvalue: v\n"
				    "[share_exp]\nexpr: exp / (exp + imp) * 100\nformat: %.1f %%\n"
				    "[share_imp]\nexpr: round(imp / (exp + imp) * 100, 1)\n"
				    "[same]\nexpr: t20 - t20\nformat: up %.1f;down %.1f;unchanged\n"
				    "[most]\nexpr: max(t20, t21, -abs(exp)) + min(1, 2)\n")
			     "Up {{growth}}, {{change}}, {{share_exp}} and {{share_imp}} %, "
			     "{{same}}, {{most}}.\n");

	(void)state;
	fake_result(&doc->values[2].q, 313.1);
	fake_result(&doc->values[3].q, 424.4);
	fake_result(&doc->values[4].q, 188.7);
	fake_result(&doc->values[5].q, 84.4);
	assert_int_equal(spec_expand(doc, &d), 0);
	assert_string_equal(doc->values[0].text, "+35.5 %");
	assert_true(fabs(doc->values[0].number - 35.54774832) < 1e-6);
	assert_string_equal(doc->values[1].text, "down 26.2 %");
	assert_string_equal(doc->values[6].text, "69.1 %");
	assert_string_equal(doc->values[7].text, "30.9");
	assert_string_equal(doc->values[8].text, "unchanged");
	assert_string_equal(doc->values[9].text, "425.4");
	assert_string_equal(doc->blocks[0].text.runs[0].text,
			    "Up +35.5 %, down 26.2 %, 69.1 % and 30.9 %, unchanged, 425.4.");
	doc_free(doc);
}

static void test_expr_eval_errors(void **state)
{
	struct doc *doc = ok(VALUES("[rate]\nexpr: (a - b) / b\n"
				    "[a]\ndata: t.csv\nvalue: v\n"
				    "[b]\ndata: t.csv\nvalue: v\nmissing: n/a\n")
			     "{{rate}}\n");

	(void)state;
	/* division by zero: at the divisor, the expr: line, exit 65 */
	fake_result(&doc->values[1].q, 5);
	fake_result(&doc->values[2].q, 0);
	assert_int_equal(spec_expand(doc, &d), -1);
	assert_int_equal(d.code, EXIT_DATAERR);
	assert_string_equal(formatted(&d),
			    "input/b.md:6:17: error: division by zero in expr: \"b\" is 0");
	/* an input without a number (its missing: text printed): an error at
	 * its name, unless the computed value has a missing: text too */
	doc->values[2].q.res.groups[0].missing = 1;
	assert_int_equal(spec_expand(doc, &d), -1);
	assert_string_equal(formatted(&d),
			    "input/b.md:6:12: error: value \"b\" has no number to compute with: it "
			    "printed its missing: text (set missing: on \"rate\" too to print a "
			    "text instead)");
	doc_free(doc);

	doc = ok(VALUES("[rate]\nexpr: (a - b) / b\nmissing: not known\n"
			"[twice]\nexpr: rate * 2\nmissing: not known either\n"
			"[a]\ndata: t.csv\nvalue: v\n"
			"[b]\ndata: t.csv\nvalue: v\nmissing: n/a\n") "{{rate}}, {{twice}}\n");
	fake_result(&doc->values[2].q, 5);
	assert_int_equal(spec_expand(doc, &d), 0);
	assert_string_equal(doc->values[3].text, "n/a");
	assert_string_equal(doc->values[0].text, "not known");
	assert_true(isnan(doc->values[0].number));
	assert_string_equal(doc->blocks[0].text.runs[0].text, "not known, not known either");
	doc_free(doc);
}

/* ---- formats ---- */

static void test_format_errors(void **state)
{
	(void)state;
	expect_error(VALUES("[x]\ndata: t.csv\nvalue: v\nformat: up %.1f;down %d\n"),
		     "input/b.md:8:22: error: bad number conversion \"%d\" in the negative section "
		     "of format: expected one such as %.1f");
	expect_error(VALUES("[x]\ndata: t.csv\nvalue: v\nformat: a;b;c;d\n"),
		     "input/b.md:8:14: error: more than three sections in format "
		     "(positive;negative;zero)");
	expect_error(VALUES("[x]\nexpr: 1\nformat: up %.1f;;same\n"),
		     "input/b.md:7:16: error: empty negative section in format "
		     "(positive;negative;zero)");
	/* a date format is told by its conversions, and checked at them */
	expect_error(VALUES("[x]\ndata: t.csv\nvalue: m\nagg: max\nformat: %B %k\n"),
		     "input/b.md:9:12: error: unknown conversion \"%k\" in date format: expected "
		     "%Y %y %q %Q %m %B %b %d or %%");
}

/* A value's query answered with a date, as the data engine does for agg:
 * min or max over a column of ISO periods. */
static void fake_date(struct query *q, const char *iso)
{
	fake_result(q, 0);
	q->res.value_is_date = 1;
	assert_int_equal(period_parse(iso, strlen(iso), &q->res.value_period), 0);
}

static void test_date_values(void **state)
{
	static const char *const langs[][2] = {
		{ "en", "Data to June 2024, Jun 2024, 2024-06-14 and Q2 2024." },
		{ "ru", "Data to июнь 2024, июнь 2024, 2024-06-14 and 2-й кв. 2024." },
		{ "az", "Data to iyun 2024, iyn 2024, 2024-06-14 and 2-ci kv. 2024." },
	};
	char text[1024];

	(void)state;
	for (size_t i = 0; i < sizeof langs / sizeof *langs; i++) {
		struct doc *doc;

		snprintf(text, sizeof text, "---\ntitle: T\nlocale: %s\n---\n```values\n"
			 "[last]\ndata: t.csv\nvalue: month\nagg: max\n"
			 "[short]\ndata: t.csv\nvalue: month\nagg: max\nformat: %%b %%Y\n"
			 "[day]\ndata: t.csv\nvalue: day\nagg: max\nformat: %%Y-%%m-%%d\n"
			 "[quarter]\ndata: t.csv\nvalue: q\nagg: max\n"
			 "```\nData to {{last}}, {{short}}, {{day}} and {{quarter}}.\n",
			 langs[i][0]);
		doc = ok(text);
		assert_int_equal(doc->values[1].format_date, 1);
		fake_date(&doc->values[0].q, "2024-06");
		fake_date(&doc->values[1].q, "2024-06");
		fake_date(&doc->values[2].q, "2024-06-14");
		fake_date(&doc->values[3].q, "2024-Q2");
		assert_int_equal(spec_expand(doc, &d), 0);
		assert_string_equal(doc->blocks[0].text.runs[0].text, langs[i][1]);
		assert_true(isnan(doc->values[0].number));
		doc_free(doc);
	}
}

static void test_date_value_errors(void **state)
{
	struct doc *doc = ok(VALUES("[last]\ndata: t.csv\nvalue: month\nagg: max\n"
				    "format: %-d %B %Y\n") "{{last}}\n");

	(void)state;
	/* a day's conversion on a month: at the conversion, once the data says */
	fake_date(&doc->values[0].q, "2024-06");
	assert_int_equal(spec_expand(doc, &d), -1);
	assert_int_equal(d.code, EXIT_DATAERR);
	assert_string_equal(formatted(&d),
			    "input/b.md:9:9: error: \"%-d\" needs a day, but the values are months");
	doc_free(doc);

	/* a number format on a date, a date format on a number */
	doc = ok(VALUES("[last]\ndata: t.csv\nvalue: month\nagg: max\nformat: %.0f\n"
			"[n]\ndata: t.csv\nvalue: v\nformat: %B %Y\n") "{{last}} {{n}}\n");
	fake_date(&doc->values[0].q, "2024-06");
	fake_result(&doc->values[1].q, 3);
	assert_int_equal(spec_expand(doc, &d), -1);
	assert_string_equal(formatted(&d),
			    "input/b.md:9:9: error: number format \"%.0f\" for value \"last\", which "
			    "is a date (the latest of the months in month): use a date format such as "
			    "%B %Y");
	free(doc->values[0].format);
	doc->values[0].format = NULL;
	assert_int_equal(spec_expand(doc, &d), -1);
	assert_string_equal(formatted(&d),
			    "input/b.md:13:9: error: date format \"%B %Y\" for value \"n\", which is "
			    "a number: use a number format such as %.1f (a date comes from agg: min "
			    "or max over a column of dates)");
	doc_free(doc);

	/* "%d" is a day: on a number it is that error, with the number format
	 * to use instead */
	doc = ok(VALUES("[n]\ndata: t.csv\nvalue: v\nformat: %d\n") "{{n}}\n");
	fake_result(&doc->values[0].q, 3);
	assert_int_equal(spec_expand(doc, &d), -1);
	assert_string_equal(formatted(&d),
			    "input/b.md:8:9: error: date format \"%d\" for value \"n\", which is a "
			    "number: use a number format such as %.1f (a date comes from agg: min or "
			    "max over a column of dates)");
	doc_free(doc);

	/* a date is not a number to compute with */
	doc = ok(VALUES("[last]\ndata: t.csv\nvalue: month\nagg: max\n[next]\nexpr: last + 1\n")
		 "{{next}}\n");
	fake_date(&doc->values[0].q, "2024-06");
	assert_int_equal(spec_expand(doc, &d), -1);
	assert_string_equal(formatted(&d),
			    "input/b.md:10:7: error: value \"last\" is not a number");
	doc_free(doc);
}

/* ---- tables: sort:, top:, formats:, source: ---- */

#define TABLE(keys) FM "```table\ndata: t.csv\ncolumns: month, region, sales\n" keys "```\n"

static void test_table_keys(void **state)
{
	struct doc *doc = ok(TABLE("sort: -sales\ntop: 3\nformats: %B %Y, -, %'.1f\n"
				   "source: Sales ledger\\, 2024\n"));
	const struct table_block *t = doc->blocks[0].table;

	(void)state;
	assert_int_equal(t->sort_col, 2);
	assert_int_equal(t->sort_desc, 1);
	assert_int_equal(t->top, 3);
	/* sorted: every row is read (up to max-rows), then cut */
	assert_int_equal(t->q.max_rows, DOC_TABLE_MAX_ROWS);
	assert_int_equal(t->col_fmt[0], COL_DATE);
	assert_int_equal(t->col_fmt[1], COL_AS_WRITTEN);
	assert_int_equal(t->col_fmt[2], COL_NUMBER);
	assert_string_equal(t->formats[0], "%B %Y");
	assert_null(t->formats[1]);
	assert_string_equal(t->formats[2], "%'.1f");
	assert_int_equal(t->formats_line, 9);
	assert_int_equal(t->format_cols[0], 10);
	assert_int_equal(t->format_cols[1], 17);
	assert_int_equal(t->format_cols[2], 20);
	assert_string_equal(t->source, "Sales ledger\\, 2024");
	doc_free(doc);

	/* top: without sort: needs the file's first rows only */
	doc = ok(TABLE("top: 2\nsort: none\nformats: -, -, up %.1f;down %.1f;0\\, flat\n"));
	t = doc->blocks[0].table;
	assert_int_equal(t->sort_col, DOC_NO_SORT);
	assert_int_equal(t->q.max_rows, 2);
	assert_string_equal(t->formats[2], "up %.1f;down %.1f;0, flat");
	assert_null(t->source);
	doc_free(doc);

	doc = ok(TABLE("sort: month\n"));
	assert_int_equal(doc->blocks[0].table->sort_col, 0);
	assert_int_equal(doc->blocks[0].table->sort_desc, 0);
	assert_null(doc->blocks[0].table->col_fmt);
	doc_free(doc);
}

static void test_table_key_errors(void **state)
{
	(void)state;
	expect_error(TABLE("sort: -value\n"),
		     "input/b.md:7:7: error: unknown sort \"-value\": expected none or a column of "
		     "columns: (with - before it for the largest first)");
	expect_error(TABLE("top: 0\n"),
		     "input/b.md:7:6: error: bad top \"0\": expected a positive whole number");
	expect_error(TABLE("max-rows: 10\ntop: 11\n"),
		     "input/b.md:8:6: error: bad top \"11\": more than max-rows (10); set max-rows: "
		     "to raise it");
	expect_error(TABLE("formats: %.1f, -\n"),
		     "input/b.md:7:10: error: formats: gives 2 formats for 3 columns");
	expect_error(TABLE("formats: %.1f, -, -, -\n"),
		     "input/b.md:7:22: error: formats: gives more than 3 formats for 3 columns");
	expect_error(TABLE("formats: %.1f, , -\n"),
		     "input/b.md:7:16: error: empty format in formats: (- shows a column as written)");
	expect_error(TABLE("formats: -, %B %Q %k, -\n"),
		     "input/b.md:7:19: error: unknown conversion \"%k\" in date format: expected "
		     "%Y %y %q %Q %m %B %b %d or %%");
	expect_error(TABLE("formats: -, -, %.1f;%d\n"),
		     "input/b.md:7:21: error: bad number conversion \"%d\" in the negative section "
		     "of format: expected one such as %.1f");
	expect_error(TABLE("formats: -, -, USD\n"),
		     "input/b.md:7:16: error: bad format \"USD\": expected one number conversion "
		     "such as %.1f");
}

/* Answer a table's query with rows (nrows * ncolumns cells), CSV lines
 * 2, 3, … as data_run would. */
static void fake_rows(struct table_block *t, const char *const *cells, size_t nrows)
{
	struct query_result *r = &t->q.res;
	size_t nc = t->q.ncolumns;

	r->cells = calloc(nrows * nc + 1, sizeof *r->cells);
	r->lines = calloc(nrows + 1, sizeof *r->lines);
	assert_non_null(r->cells);
	assert_non_null(r->lines);
	for (size_t i = 0; i < nrows * nc; i++)
		assert_non_null(r->cells[i] = strdup(cells[i]));
	for (size_t i = 0; i < nrows; i++)
		r->lines[i] = (long)i + 2;
	r->nrows = r->rows_matched = nrows;
}

/* Row i of table t as "a|b|c". */
static const char *row_text(const struct table_block *t, size_t i)
{
	static char buf[512];
	size_t o = 0;

	for (size_t c = 0; c < t->q.ncolumns; c++)
		o += (size_t)snprintf(buf + o, sizeof buf - o, "%s%s", c ? "|" : "",
				      t->q.res.cells[i * t->q.ncolumns + c]);
	return buf;
}

static const char *const sales[] = {
	"2024-02", "North", "1100", "2023-12", "South", "",   "2024-01", "North", "1200.5",
	"2023-11", "East",  "-40",  "2024-03", "South", "1500.25",
};

static void test_table_rows(void **state)
{
	struct doc *doc = ok(TABLE("sort: -sales\ntop: 3\nformats: %b %Y, -, %'.1f;(%'.1f)\n"));
	struct table_block *t = doc->blocks[0].table;

	(void)state;
	fake_rows(t, sales, 5);
	assert_int_equal(spec_expand(doc, &d), 0);
	assert_int_equal(t->q.res.nrows, 3);
	assert_string_equal(row_text(t, 0), "Mar 2024|South|1,500.2");
	assert_string_equal(row_text(t, 1), "Jan 2024|North|1,200.5");
	assert_string_equal(row_text(t, 2), "Feb 2024|North|1,100.0");
	assert_int_equal(t->q.res.lines[0], 6);
	assert_int_equal(t->q.res.lines[2], 2);
	doc_free(doc);

	/* smallest first, the empty cell last; dates chronologically */
	doc = ok(TABLE("sort: sales\nformats: -, -, %.0f;minus %.0f\n"));
	t = doc->blocks[0].table;
	fake_rows(t, sales, 5);
	assert_int_equal(spec_expand(doc, &d), 0);
	assert_int_equal(t->q.res.nrows, 5);
	assert_string_equal(row_text(t, 0), "2023-11|East|minus 40");
	assert_string_equal(row_text(t, 3), "2024-03|South|1500");
	assert_string_equal(row_text(t, 4), "2023-12|South|");
	doc_free(doc);
	doc = ok(TABLE("sort: -month\n"));
	t = doc->blocks[0].table;
	fake_rows(t, sales, 5);
	assert_int_equal(spec_expand(doc, &d), 0);
	assert_string_equal(row_text(t, 0), "2024-03|South|1500.25");
	assert_string_equal(row_text(t, 4), "2023-11|East|-40");
	doc_free(doc);

	/* top: without sort: the file's first rows; in Russian */
	doc = ok("---\ntitle: T\nlocale: ru\n---\n```table\ndata: t.csv\n"
		 "columns: month, region, sales\ntop: 2\nformats: %B %Y, -, %'.2f\n```\n");
	t = doc->blocks[0].table;
	fake_rows(t, sales, 5);
	assert_int_equal(spec_expand(doc, &d), 0);
	assert_int_equal(t->q.res.nrows, 2);
	assert_string_equal(row_text(t, 0), "февраль 2024|North|1\xc2\xa0" "100,00");
	assert_string_equal(row_text(t, 1), "декабрь 2023|South|");
	doc_free(doc);
}

static void test_table_row_errors(void **state)
{
	static const char *const bad[] = { "2024-01", "North", "12", "2024-02", "North", "n/a" };
	static const char *const months[] = { "2024-01", "North", "12", "Jan–Sep 2022", "N", "1" };
	struct doc *doc = ok(TABLE("formats: -, -, %.1f\n"));

	(void)state;
	fake_rows(doc->blocks[0].table, bad, 2);
	assert_int_equal(spec_expand(doc, &d), -1);
	assert_int_equal(d.code, EXIT_DATAERR);
	assert_string_equal(formatted(&d), "input/t.csv:3: error: \"n/a\" in column sales is not a "
			    "number, which its format \"%.1f\" (formats:, input/b.md:7:16) needs");
	doc_free(doc);

	doc = ok(TABLE("formats: %B %Y, -, -\n"));
	fake_rows(doc->blocks[0].table, months, 2);
	assert_int_equal(spec_expand(doc, &d), -1);
	assert_string_equal(formatted(&d), "input/t.csv:3: error: \"Jan–Sep 2022\" in column month is "
			    "not a date (YYYY, YYYY-Qn, YYYY-MM or YYYY-MM-DD), which its format "
			    "\"%B %Y\" (formats:, input/b.md:7:10) needs");
	doc_free(doc);

	/* a day's conversion on months: at the format, once the data says */
	doc = ok(TABLE("formats: %d %B, -, -\n"));
	fake_rows(doc->blocks[0].table, bad, 1);
	assert_int_equal(spec_expand(doc, &d), -1);
	assert_string_equal(formatted(&d),
			    "input/b.md:7:10: error: \"%d\" needs a day, but the values are months");
	doc_free(doc);
}

/* ---- charts: other: no ---- */

#define CHART(keys) FM "```chart\ntype: bar\ndata: t.csv\nx: a\ny: b\ntitle: T\n" keys "```\n"

static void test_chart_other(void **state)
{
	struct doc *doc = ok(CHART("top: 5\nother: no\n"));

	(void)state;
	assert_int_equal(doc->blocks[0].chart->q.top, 5);
	assert_int_equal(doc->blocks[0].chart->q.no_other, 1);
	doc_free(doc);
	doc = ok(CHART("other: yes\ntop: 5\n"));
	assert_int_equal(doc->blocks[0].chart->q.no_other, 0);
	doc_free(doc);
	expect_error(CHART("other: no\n"), "input/b.md:10:8: error: other: no without top: (it "
		     "drops what is left after the first N groups; set top: N)");
	expect_error(CHART("top: 2\nother: none\n"),
		     "input/b.md:11:8: error: bad other \"none\": expected yes or no");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_expr_parse, teardown),
		cmocka_unit_test_teardown(test_expr_parse_errors, teardown),
		cmocka_unit_test_teardown(test_expr_eval, teardown),
		cmocka_unit_test_teardown(test_expr_eval_errors, teardown),
		cmocka_unit_test_teardown(test_format_errors, teardown),
		cmocka_unit_test_teardown(test_date_values, teardown),
		cmocka_unit_test_teardown(test_date_value_errors, teardown),
		cmocka_unit_test_teardown(test_table_keys, teardown),
		cmocka_unit_test_teardown(test_table_key_errors, teardown),
		cmocka_unit_test_teardown(test_table_rows, teardown),
		cmocka_unit_test_teardown(test_table_row_errors, teardown),
		cmocka_unit_test_teardown(test_chart_other, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
