/* Unit tests for the spec's ```data block (issue 14): datasets named once,
 * every key into the dialect, data: resolved to a dataset (wherever the
 * block is in the spec) or to a path with the defaults, the unused-dataset
 * warning, and every error with its exact location. */
#include "spec_fixture.h"

/* A data block with one dataset [d], file: f.csv, then the keys in extra
 * (each "key: value\n"), and a value that reads it. */
static void expect_key_error(const char *extra, const char *want)
{
	char text[1024];

	snprintf(text, sizeof text, FM "```data\n[d]\nfile: f.csv\n%s```\n"
		 "```values\n[v]\ndata: d\nvalue: x\n```\n", extra);
	expect_error(text, want);
}

/* Every key into the dialect; the defaults for keys left out. */
static void test_data_block_keys(void **state)
{
	struct doc *doc = ok(FM "```data\n"
			     "[belstat]\nfile: belstat-az.csv\nencoding: windows-1251\n"
			     "delimiter: ;\ndecimal: ,\nskip: 2\ncomment: #\nragged: pad\n\n"
			     "[parts]\nfile: exports/trade/\n"
			     "```\n"
			     "```values\n[a]\ndata: belstat\nvalue: x\n\n[b]\ndata: parts\nvalue: y\n```\n");
	const struct dataset *ds;

	(void)state;
	assert_int_equal(doc->ndatasets, 2);
	ds = &doc->datasets[0];
	assert_string_equal(ds->name, "belstat");
	assert_string_equal(ds->path, "input/belstat-az.csv");
	assert_int_equal(ds->line, 5);
	assert_string_equal(ds->dialect.encoding, "windows-1251");
	assert_int_equal(ds->dialect.delimiter, ';');
	assert_int_equal(ds->dialect.decimal, ',');
	assert_int_equal(ds->dialect.skip, 2);
	assert_int_equal(ds->dialect.comment, '#');
	assert_int_equal(ds->dialect.ragged_pad, 1);
	/* errors about the file itself go to its file: line */
	assert_string_equal(ds->dialect.spec_file, PATH);
	assert_int_equal(ds->dialect.spec_line, 6);
	assert_int_equal(ds->dialect.spec_col, 7);
	ds = &doc->datasets[1];
	assert_string_equal(ds->path, "input/exports/trade/");
	assert_null(ds->dialect.encoding);
	assert_int_equal(ds->dialect.delimiter, 0); /* detected */
	assert_int_equal(ds->dialect.decimal, '.');
	assert_int_equal(ds->dialect.skip, 0);
	assert_int_equal(ds->dialect.comment, 0);
	assert_int_equal(ds->dialect.ragged_pad, 0);
	/* the values read the datasets' files, with their dialects */
	assert_string_equal(doc->values[0].q.path, "input/belstat-az.csv");
	assert_ptr_equal(doc->values[0].q.dialect, &doc->datasets[0].dialect);
	assert_string_equal(doc->values[1].q.path, "input/exports/trade/");
	assert_ptr_equal(doc->values[1].q.dialect, &doc->datasets[1].dialect);
	assert_int_equal(warn.n, 0);
	doc_free(doc);

	/* tab as a word or as \t; | */
	doc = ok(FM "```data\n[t]\nfile: a.tsv\ndelimiter: tab\n\n[u]\nfile: b.tsv\n"
		 "delimiter: \\t\n\n[p]\nfile: c.txt\ndelimiter: |\n```\n"
		 "```values\n[a]\ndata: t\nvalue: x\n[b]\ndata: u\nvalue: x\n[c]\ndata: p\nvalue: x\n```\n");
	assert_int_equal(doc->datasets[0].dialect.delimiter, '\t');
	assert_int_equal(doc->datasets[1].dialect.delimiter, '\t');
	assert_int_equal(doc->datasets[2].dialect.delimiter, '|');
	doc_free(doc);
}

/* data: a dataset's name reads its file, wherever the data block is (a
 * chart before it, too); anything else stays a path with the defaults, and
 * one file may be read both ways. */
static void test_data_resolve(void **state)
{
	struct doc *doc = ok(FM "```chart\ntype: bar\ndata: trade\nx: a\ny: b\ntitle: C\n```\n"
			     "```table\ndata: trade.csv\ncolumns: a\n```\n"
			     "```values\n[v]\ndata: /srv/other.csv\nvalue: x\n```\n"
			     "```data\n[trade]\nfile: trade.csv\nencoding: koi8-r\n```\n");
	struct query **qs;
	size_t n;

	(void)state;
	qs = doc_queries(doc, &n);
	assert_int_equal(n, 3);
	assert_string_equal(qs[0]->path, "input/trade.csv");
	assert_ptr_equal(qs[0]->dialect, &doc->datasets[0].dialect);
	assert_string_equal(qs[1]->path, "input/trade.csv"); /* the same file, as a path */
	assert_null(qs[1]->dialect);
	assert_string_equal(qs[2]->path, "/srv/other.csv");
	assert_null(qs[2]->dialect);
	/* the query's own location is still its data: line */
	assert_int_equal(qs[0]->spec_line, 6);
	free(qs);
	doc_free(doc);

	/* an absolute file: stays as it is */
	doc = ok(FM "```data\n[x]\nfile: /data/x.csv.gz\n```\n```values\n[v]\ndata: x\nvalue: y\n```\n");
	assert_string_equal(doc->values[0].q.path, "/data/x.csv.gz");
	doc_free(doc);
}

/* A dataset nobody reads gets a warning at its [name]. */
static void test_data_unused(void **state)
{
	struct doc *doc = ok(FM "```data\n[used]\nfile: a.csv\n\n[spare]\nfile: b.csv\n```\n"
			     "```values\n[v]\ndata: used\nvalue: x\n```\n");

	(void)state;
	assert_int_equal(warn.n, 1);
	assert_string_equal(formatted(&warn.items[0]),
			    "input/b.md:8:1: warning: dataset \"spare\" is not used: no data: names it");
	doc_free(doc);
}

/* Every bad key, name and section is an error at its place. */
static void test_data_errors(void **state)
{
	(void)state;
	expect_key_error("encoding: windows-1215\n",
			 "input/b.md:7:11: error: unknown encoding \"windows-1215\": expected a name "
			 "iconv knows, such as windows-1251, koi8-r or iso-8859-1 (iconv -l lists them)");
	expect_key_error("delimiter: ::\n",
			 "input/b.md:7:12: error: bad delimiter \"::\": expected , ; tab or |");
	expect_key_error("decimal: ;\n", "input/b.md:7:10: error: bad decimal \";\": expected . or ,");
	expect_key_error("skip: -1\n", "input/b.md:7:7: error: bad skip \"-1\": expected the number "
			 "of lines before the header (0 to 1000000)");
	expect_key_error("skip: 1000001\n", "input/b.md:7:7: error: bad skip \"1000001\": expected the "
			 "number of lines before the header (0 to 1000000)");
	expect_key_error("comment: //\n", "input/b.md:7:10: error: bad comment \"//\": expected one "
			 "character such as # or % that starts the lines to skip");
	expect_key_error("comment: \"\n", "input/b.md:7:10: error: bad comment \"\"\": expected one "
			 "character such as # or % that starts the lines to skip");
	expect_key_error("delimiter: |\ncomment: |\n",
			 "input/b.md:8:10: error: comment \"|\" is the delimiter");
	expect_key_error("ragged: fill\n",
			 "input/b.md:7:9: error: bad ragged \"fill\": expected error or pad");
	expect_key_error("sheet: 1\n", "input/b.md:7:1: error: unknown key \"sheet\" in data block");
	expect_key_error("skip: 1\nskip: 2\n",
			 "input/b.md:8:1: error: duplicate key \"skip\" in data block");
	expect_error(FM "```data\n[d]\nencoding: koi8-r\n```\n",
		     "input/b.md:5:1: error: missing \"file:\" in data block");
	expect_error(FM "```data\nfile: f.csv\n```\n",
		     "input/b.md:5:1: error: key outside a [name] section in data block");
	expect_error(FM "```data\n[a b]\nfile: f.csv\n```\n",
		     "input/b.md:5:1: error: bad dataset name \"a b\": expected letters, digits, _ and -");
	expect_error(FM "```data\n[d]\nfile: f.csv\n```\n\n```data\n[d]\nfile: g.csv\n```\n",
		     "input/b.md:10:1: error: dataset \"d\" defined twice (first at line 5)");
	expect_error(FM "```data\n[d]\nfile: f.csv\n",
		     "input/b.md:4:1: error: unterminated ```data block");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_data_block_keys, teardown),
		cmocka_unit_test_teardown(test_data_resolve, teardown),
		cmocka_unit_test_teardown(test_data_unused, teardown),
		cmocka_unit_test_teardown(test_data_errors, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
