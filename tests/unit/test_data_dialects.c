/* Unit tests for data's dialects (issue 14): decimal commas, the delimiter
 * detected or checked, skip: and comment: lines, ragged: pad, encodings
 * through iconv and UTF-16 by its byte order mark, gzip through zlib,
 * folders of parts; each read to its exact results and each bad dialect to
 * its exact error, line and column. */
#include "data_fixture.h"

#include "sha256.h"

/* A dialect: encoding (NULL: UTF-8), delimiter (0: detected), decimal,
 * skip, comment (0: none), ragged: pad. */
static struct data_dialect dia(const char *enc, char delim, char dec, long skip, char comment,
			       int pad)
{
	struct data_dialect dd;

	data_dialect_init(&dd);
	dd.encoding = enc;
	dd.delimiter = delim;
	dd.decimal = dec;
	dd.skip = skip;
	dd.comment = comment;
	dd.ragged_pad = pad;
	return dd;
}

/* q reading with dialect dd (which must outlive it). */
static struct query *with(struct query *q, const struct data_dialect *dd)
{
	q->dialect = dd;
	return q;
}

/* A file `name` holding the UTF-8 text in encoding `to`. */
static const char *tmpfile_recoded(const char *name, const char *to, const char *text)
{
	size_t n;
	char *b = recode(to, text, strlen(text), &n);
	const char *path = tmpfile_bytes(name, b, n);

	free(b);
	return path;
}

/* A file `name` holding text gzipped. */
static const char *tmpfile_gz(const char *name, const char *text, size_t len)
{
	size_t n;
	char *b = gzip_bytes(text, len, &n);
	const char *path = tmpfile_bytes(name, b, n);

	free(b);
	return path;
}

/* The SHA-256 of the file at path, in hex (static). */
static const char *digest_of(const char *path)
{
	static char hex[65];

	assert_int_equal(sha256_file(path, hex), 0);
	return hex;
}

/* ---- decimal: , -------------------------------------------------------- */

/* Numbers with a decimal comma, grouped by spaces, no-break spaces or
 * points; sums exact. */
static void test_decimal_comma(void **state)
{
	struct data_dialect dd = dia(NULL, ';', ',', 0, 0, 0);
	const char *path = tmpfile_text("comma.csv",
		"k;v\n"
		"a;1234,5\n"
		"a;1 234,5\n"
		"b;1\xc2\xa0" "234\xc2\xa0" "567,25\n"       /* no-break spaces */
		"b;-1\xe2\x80\xaf" "000,25\n"                 /* narrow no-break space */
		"c;1.234.567,89\n"
		"c;-0,5\n"
		"d;1,5E+03\n"
		"d;,5\n"
		"e; 7 \n");
	struct query *q = with(qagg(path, "k", NULL, "v", AGG_SUM), &dd);

	(void)state;
	check_groups(q, "a=2469; b=1233567; c=1234567.39; d=1500.5; e=7");
	qfree(q);
}

/* latest over numbers written with a decimal comma: the numbers the sums
 * read, not text (issue 13's latest in a dataset of issue 14). */
static void test_decimal_comma_latest(void **state)
{
	struct data_dialect dd = dia(NULL, ';', ',', 0, 0, 0);
	const char *path = tmpfile_text("comma_latest.csv",
		"k;v\n"
		"a;1 234,5\n"
		"b;2,5\n"
		"c;1234,5\n"
		"d;1 233,5\n");
	struct query *q = with(qagg(path, "k", NULL, "v", AGG_SUM), &dd);

	(void)state;
	qwhere(q, "v = latest");
	check_groups(q, "a=1234.5; c=1234.5");
	qfree(q);
	q = with(qagg(path, "k", NULL, "v", AGG_SUM), &dd);
	qwhere(q, "v > latest - 2");
	check_groups(q, "a=1234.5; c=1234.5; d=1233.5");
	qfree(q);
}

/* With decimal: , a point is a thousands separator only between groups
 * of three digits; and without it, commas and spaces are not numbers. */
static void test_decimal_comma_errors(void **state)
{
	static const struct { const char *cell; int col; } bad[] = { /* col: where the cell is */
		{ "1.5", 3 }, { "12 34,5", 3 }, { "1 234.5", 3 }, { "1234 567", 3 },
		{ "1.234 567", 3 }, { "\"1,2,3\"", 3 }, { "1 ,5", 3 }, { "one", 3 },
	};
	struct data_dialect dd = dia(NULL, 0, ',', 0, 0, 0), dot = dia(NULL, ';', '.', 0, 0, 0);
	char text[128], msg[128];

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		const char *path;
		struct query *q;

		/* the delimiter is detected as ';' from the header */
		snprintf(text, sizeof text, "k;v\nx;1\ny;%s\n", bad[i].cell);
		path = tmpfile_text("comma_bad.csv", text);
		q = with(qagg(path, "k", NULL, "v", AGG_SUM), &dd);
		snprintf(msg, sizeof msg, "\"%.*s\" is not a number (column v)",
			 (int)strcspn(bad[i].cell + (bad[i].cell[0] == '"'), "\""),
			 bad[i].cell + (bad[i].cell[0] == '"'));
		check_error(q, EXIT_DATAERR, path, 3, bad[i].col, msg);
		qfree(q);
	}
	/* decimal: . (the default): a comma is not a decimal mark */
	{
		const char *path = tmpfile_text("dot_bad.csv", "k;v\nx;1 234,5\n");
		struct query *q = with(qagg(path, "k", NULL, "v", AGG_SUM), &dot);

		check_error(q, EXIT_DATAERR, path, 2, 3, "\"1 234,5\" is not a number (column v)");
		qfree(q);
	}
}

/* ---- delimiters -------------------------------------------------------- */

/* The delimiter of the header line: the candidate giving the most fields
 * outside quotes, ',' on a tie; the result says which, and that it was
 * detected. */
static void test_delimiter_detected(void **state)
{
	static const struct { const char *text, *groups; char delim; } cases[] = {
		{ "k;v\na;1\nb;2\n", "a=1; b=2", ';' },
		{ "k\tv\na\t1\n\t2\n", "a=1; =2", '\t' },   /* a row with an empty first field */
		{ "k|v\na|1\n", "a=1", '|' },
		{ "\"k,x\";v\na;1\n", NULL, ';' },          /* the ',' inside quotes does not count */
		{ "k,v;w\na,1;2\n", NULL, ',' },            /* a tie goes to ',' */
		{ "k;v;w,x\na;1;2,3\n", NULL, ';' },
		{ "\n \nk;v\na;1\n", "a=1", ';' },           /* blank lines before the header */
	};
	struct data_dialect dd = dia(NULL, 0, '.', 0, 0, 0);

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *path = tmpfile_text("detect.csv", cases[i].text);
		struct query *q = with(qagg(path, NULL, NULL, NULL, AGG_COUNT), &dd);

		run_ok(q);
		assert_int_equal(q->res.delimiter, cases[i].delim);
		assert_int_equal(q->res.delimiter_detected, 1);
		qfree(q);
		if (cases[i].groups) {
			q = with(qagg(path, "k", NULL, "v", AGG_SUM), &dd);
			check_groups(q, cases[i].groups);
			qfree(q);
		}
	}
	/* a given delimiter is not "detected"; one column is fine when no other
	 * delimiter would split the header */
	{
		struct data_dialect semi = dia(NULL, ';', '.', 0, 0, 0);
		const char *path = tmpfile_text("one.csv", "value\n1\n2\n");
		struct query *q = with(qagg(path, NULL, NULL, "value", AGG_SUM), &semi);

		check_groups(q, "(null)=3");
		assert_int_equal(q->res.delimiter, ';');
		assert_int_equal(q->res.delimiter_detected, 0);
		qfree(q);
	}
}

/* A tab-separated file's errors point at the right column: a tab is a
 * delimiter there, not a blank to skip. */
static void test_tab_locations(void **state)
{
	struct data_dialect dd = dia(NULL, '\t', '.', 0, 0, 0);
	const char *path = tmpfile_text("loc.tsv", "a\tb\tc\n1\t2\t3\n\t \tx\n");
	struct query *q = with(qagg(path, NULL, NULL, "c", AGG_SUM), &dd);

	(void)state;
	check_error(q, EXIT_DATAERR, path, 3, 4, "\"x\" is not a number (column c)");
	qfree(q);
	/* and in blocks of many lines (the fast path's row walker) */
	{
		size_t cap = 1u << 20, o = 0;
		char *text = malloc(cap);

		assert_non_null(text);
		o += (size_t)snprintf(text, cap, "a\tb\tc\n");
		for (int i = 0; i < 20000; i++)
			o += (size_t)snprintf(text + o, cap - o, i % 1000 == 7 ? "\t\t\n" : "%d\t%d\t1\n",
					      i, i);
		o += (size_t)snprintf(text + o, cap - o, "9\t9\tzz\n");
		path = tmpfile_bytes("loc_big.tsv", text, o);
		free(text);
		q = with(qagg(path, NULL, NULL, "c", AGG_SUM), &dd);
		check_error(q, EXIT_DATAERR, path, 20002, 5, "\"zz\" is not a number (column c)");
		qfree(q);
	}
}

/* A given delimiter that makes the header one column, where another would
 * split it: an error at the header's line. */
static void test_delimiter_one_column(void **state)
{
	struct data_dialect semi = dia(NULL, ';', '.', 2, 0, 0), comma = dia(NULL, ',', '.', 0, 0, 0);
	const char *path = tmpfile_text("wrongdelim.csv", "Title\nunit: USD\na,b,c\n1,2,3\n");
	struct query *q = with(qagg(path, NULL, NULL, NULL, AGG_COUNT), &semi);

	(void)state;
	check_error(q, EXIT_DATAERR, path, 3, 1, "the header is one column with delimiter \";\" but 3 "
		    "with \",\": set delimiter: , (or leave delimiter: out to detect it)");
	qfree(q);
	path = tmpfile_text("wrongdelim2.csv", "a\tb\n1\t2\n");
	q = with(qagg(path, NULL, NULL, NULL, AGG_COUNT), &comma);
	check_error(q, EXIT_DATAERR, path, 1, 1, "the header is one column with delimiter \",\" but 2 "
		    "with tab: set delimiter: tab (or leave delimiter: out to detect it)");
	qfree(q);
}

/* ---- skip:, comment:, ragged: -------------------------------------------- */

/* skip: lines go before the header whatever they hold (quotes, other
 * fields); comment lines anywhere outside a quoted field; line numbers
 * stay the file's. */
static void test_skip_and_comment(void **state)
{
	struct data_dialect dd = dia(NULL, ';', '.', 2, '#', 0);
	const char *path = tmpfile_text("skip.csv",
		"Report \"2022;;;\n"
		"unit;USD;x;y;z\n"
		"# a note before the header\n"
		"k;v\n"
		"a;1\n"
		"#b;100\n"
		"a;\"2\n#3\"\n"   /* a '#' inside a quoted field is data */
		"b;4\n"
		"# the end; \"\n");
	struct query *q = with(qagg(path, "k", NULL, NULL, AGG_COUNT), &dd);
	struct query *r;
	static const char *const cols[] = { "k", "v", NULL };

	(void)state;
	check_groups(q, "a=2; b=1");
	assert_int_equal(q->res.rows_read, 3);
	assert_int_equal(q->res.groups[1].line, 9);
	qfree(q);
	r = with(qrows(path, cols), &dd);
	run_ok(r);
	assert_int_equal(r->res.nrows, 3);
	assert_string_equal(r->res.cells[3], "2\n#3");
	assert_int_equal(r->res.lines[1], 7);
	qfree(r);
	/* errors after skipped and comment lines are at the file's lines */
	path = tmpfile_text("skip_bad.csv", "t\nt\n#\nk;v\n#\na;x\n");
	q = with(qagg(path, "k", NULL, "v", AGG_SUM), &dd);
	check_error(q, EXIT_DATAERR, path, 6, 3, "\"x\" is not a number (column v)");
	qfree(q);
	/* a skip: longer than the file: no header */
	path = tmpfile_text("skip_all.csv", "t\nt\n");
	q = with(qagg(path, NULL, NULL, NULL, AGG_COUNT), &dd);
	check_error(q, EXIT_DATAERR, path, 1, 1, "empty file: no header row");
	qfree(q);
}

/* Comment lines among many rows: blocks with one go line by line, the
 * others whole; the counts and lines are those of the file. */
static void test_comment_blocks(void **state)
{
	struct data_dialect dd = dia(NULL, 0, '.', 0, '#', 0);
	size_t cap = 4u << 20, o = 0;
	char *text = malloc(cap);
	const char *path;
	struct query *q;
	long line = 2, line_last = 0;

	(void)state;
	assert_non_null(text);
	o += (size_t)snprintf(text, cap, "id,g,v\n");
	for (int i = 0; i < 100000; i++, line++) {
		if (i % 5000 == 17) {
			o += (size_t)snprintf(text + o, cap - o, "# comment \"with a quote\n");
			line++;
		}
		if (i == 99999)
			line_last = line;
		o += (size_t)snprintf(text + o, cap - o, "%d,g%d,1\n", i, i == 99999 ? 9 : i % 3);
	}
	path = tmpfile_bytes("comments.csv", text, o);
	free(text);
	q = with(qagg(path, "g", NULL, "v", AGG_SUM), &dd);
	run_ok(q);
	assert_int_equal(q->res.rows_read, 100000);
	assert_int_equal(q->res.ngroups, 4);
	assert_int_equal(q->res.groups[3].line, line_last);
	qfree(q);
}

/* ragged: pad: short rows get empty cells (missing values, not zeros);
 * long rows are still an error; without it a short row's message says what
 * to set. */
static void test_ragged(void **state)
{
	struct data_dialect pad = dia(NULL, 0, '.', 0, 0, 1), strict = dia(NULL, 0, '.', 0, 0, 0);
	const char *path = tmpfile_text("ragged.csv", "k,v,w\na,1,2\nb,3\nc\na,,4\n");
	static const char *const cols[] = { "k", "v", "w", NULL };
	struct query *q = with(qagg(path, "k", NULL, "w", AGG_SUM), &pad);
	struct query *r;

	(void)state;
	check_groups(q, "a=6; b=-; c=-");
	qfree(q);
	r = with(qrows(path, cols), &pad);
	run_ok(r);
	assert_int_equal(r->res.nrows, 4);
	assert_string_equal(r->res.cells[2 * 3 + 1], "");
	assert_string_equal(r->res.cells[2 * 3 + 2], "");
	qfree(r);
	q = with(qagg(path, "k", NULL, "w", AGG_SUM), &strict);
	check_error(q, EXIT_DATAERR, path, 3, 1, "row has 2 fields, header has 3 (ragged: pad in a "
		    "data block pads short rows)");
	qfree(q);
	path = tmpfile_text("ragged_long.csv", "k,v\na,1\nb,2,3\n");
	q = with(qagg(path, "k", NULL, "v", AGG_SUM), &pad);
	check_error(q, EXIT_DATAERR, path, 3, 1, "row has 3 fields, header has 2");
	qfree(q);
}

/* ---- encodings ---------------------------------------------------------- */

#define CYRILLIC "Год;Поток;Стоимость\n2020;экспорт;148\xc2\xa0" "200,0\n" \
		 "2020;импорт;164\xc2\xa0" "900,0\n2021;экспорт;200,5\n"

/* Windows-1251, KOI8-R and ISO-8859-1 read through iconv: the same groups
 * as the UTF-8 text; the digest is of the bytes as stored. */
static void test_encodings(void **state)
{
	static const char *const encs[] = { "windows-1251", "koi8-r", "CP1251" };
	struct data_dialect latin = dia("iso-8859-1", 0, '.', 0, 0, 0);
	struct query *q;
	const char *path;

	(void)state;
	for (size_t i = 0; i < 3; i++) {
		struct data_dialect dd = dia(encs[i], ';', ',', 0, 0, 0);

		path = tmpfile_recoded("cyr.csv", encs[i], CYRILLIC);
		q = with(qagg(path, "Поток", NULL, "Стоимость", AGG_SUM), &dd);
		check_groups(q, "экспорт=148400.5; импорт=164900");
		assert_string_equal(q->res.sha256, digest_of(path));
		qfree(q);
	}
	path = tmpfile_recoded("latin1.csv", "ISO-8859-1", "city,n\nM\xc3\xbcnchen,1\nK\xc3\xb6ln,2\n");
	q = with(qagg(path, "city", NULL, "n", AGG_SUM), &latin);
	check_groups(q, "München=1; Köln=2");
	qfree(q);
}

/* UTF-16 with a byte order mark is read as UTF-16 when no encoding is
 * given (Excel's "Unicode text"); without one, encoding: says which. */
static void test_utf16(void **state)
{
	struct data_dialect none = dia(NULL, 0, '.', 0, 0, 0), le = dia("utf-16le", 0, '.', 0, 0, 0);
	const char *text = "\xef\xbb\xbf" "name\tqty\r\nGəncə\t426\r\nМинск\t2\r\n";
	const char *path;
	struct query *q;

	(void)state;
	path = tmpfile_recoded("u16le.txt", "UTF-16LE", text);   /* BOM FF FE */
	q = with(qagg(path, "name", NULL, "qty", AGG_SUM), &none);
	check_groups(q, "Gəncə=426; Минск=2");
	assert_int_equal(q->res.delimiter, '\t');
	assert_string_equal(q->res.sha256, digest_of(path));
	qfree(q);
	path = tmpfile_recoded("u16be.txt", "UTF-16BE", text);   /* BOM FE FF */
	q = qagg(path, "name", NULL, "qty", AGG_SUM);               /* no dialect at all */
	check_groups(q, "Gəncə=426; Минск=2");
	qfree(q);
	path = tmpfile_recoded("u16nobom.txt", "UTF-16LE", text + 3);
	q = with(qagg(path, "name", NULL, "qty", AGG_SUM), &le);
	check_groups(q, "Gəncə=426; Минск=2");
	qfree(q);
}

/* UTF-16 longer than the reading buffers: characters split between reads
 * are whole in the text; the results are those of the UTF-8 file. */
static void test_utf16_large(void **state)
{
	size_t cap = 2u << 20, o = 0, n;
	char *text = malloc(cap), *u16;
	const char *p8, *p16;
	struct query *a, *b;

	(void)state;
	assert_non_null(text);
	o += (size_t)snprintf(text, cap, "\xef\xbb\xbfгород,число\n");
	for (int i = 0; i < 40000; i++)
		o += (size_t)snprintf(text + o, cap - o, "%s,%d\n",
				      i % 3 ? "Баку" : i % 2 ? "Гянджа 😀" : "Минск", i % 10);
	p8 = tmpfile_bytes("big8.csv", text, o);
	u16 = recode("UTF-16LE", text, o, &n);
	p16 = tmpfile_bytes("big16.csv", u16, n);
	free(u16);
	free(text);
	a = qagg(p8, "город", NULL, "число", AGG_SUM);
	b = qagg(p16, "город", NULL, "число", AGG_SUM);
	run_ok(a);
	check_groups(b, groups_str(a));
	assert_int_equal(b->res.rows_read, 40000);
	assert_int_equal(b->res.bytes_read, (long long)n);
	qfree(a);
	qfree(b);
}

/* A wrong encoding is an error at the line and column of the first
 * character it cannot read, or at 1:1 when the file says otherwise. */
static void test_encoding_errors(void **state)
{
	struct data_dialect w1251 = dia("windows-1251", 0, '.', 0, 0, 0);
	struct data_dialect koi = dia("koi8-r", 0, '.', 0, 0, 0);
	struct data_dialect le = dia("utf-16le", 0, '.', 0, 0, 0);
	struct data_dialect none = dia(NULL, 0, '.', 0, 0, 0);
	struct query *q;
	const char *path;

	(void)state;
	/* 0x98 is no character of windows-1251 */
	path = tmpfile_bytes("w1251_bad.csv", "k,v\n\xc0\xc1,1\nx\xc2,\x98z\n", 13);
	q = with(qagg(path, "k", NULL, "v", AGG_SUM), &w1251);
	check_error(q, EXIT_DATAERR, path, 3, 4, "byte 0x98 is not windows-1251 text: is encoding: "
		    "right?");
	qfree(q);
	/* UTF-8 text said to be windows-1251: at its first non-ASCII character */
	path = tmpfile_text("utf8_as_1251.csv", "k,v\nx,1\nab,Минск\n");
	q = with(qagg(path, NULL, NULL, NULL, AGG_COUNT), &w1251);
	check_error(q, EXIT_DATAERR, path, 3, 4, "this is UTF-8 text (\"Минск\"), but encoding: is "
		    "windows-1251: leave encoding: out");
	qfree(q);
	/* byte order marks that contradict encoding: */
	path = tmpfile_text("bom8.csv", "\xef\xbb\xbfk,v\n");
	q = with(qagg(path, NULL, NULL, NULL, AGG_COUNT), &koi);
	check_error(q, EXIT_DATAERR, path, 1, 1, "the file starts with a UTF-8 byte order mark, but "
		    "encoding: is koi8-r: leave encoding: out");
	qfree(q);
	path = tmpfile_bytes("bom16.csv", "\xff\xfek\0,\0v\0\n\0", 10);
	q = with(qagg(path, NULL, NULL, NULL, AGG_COUNT), &w1251);
	check_error(q, EXIT_DATAERR, path, 1, 1, "the file starts with a UTF-16 byte order mark, but "
		    "encoding: is windows-1251: leave encoding: out");
	qfree(q);
	/* UTF-16 cut in the middle of a character */
	path = tmpfile_bytes("u16cut.csv", "k\0,\0v\0\n\0a\0,\0" "1", 13);
	q = with(qagg(path, NULL, NULL, NULL, AGG_COUNT), &le);
	check_error(q, EXIT_DATAERR, path, 2, 3, "the file ends inside a utf-16le character "
		    "(byte 0x31)");
	qfree(q);
	/* Windows-1251 without encoding: the UTF-8 error says what to set */
	path = tmpfile_recoded("cyr_noenc.csv", "windows-1251", "k;v\nМинск;1\n");
	q = with(qagg(path, NULL, NULL, NULL, AGG_COUNT), &none);
	check_error(q, EXIT_DATAERR, path, 2, 1, "invalid UTF-8 byte 0xcc: set encoding: in a data "
		    "block if the file is not UTF-8 (windows-1251, iso-8859-1, ...)");
	qfree(q);
	/* an encoding iconv does not know (the spec checks it first) */
	{
		struct data_dialect nope = dia("no-such-encoding", 0, '.', 0, 0, 0);

		assert_false(data_encoding_known("no-such-encoding"));
		assert_false(data_encoding_known("UTF-8//IGNORE"));
		assert_true(data_encoding_known("windows-1251"));
		assert_true(data_encoding_known("UTF8"));
		path = tmpfile_text("plain.csv", "k,v\n");
		q = with(qagg(path, NULL, NULL, NULL, AGG_COUNT), &nope);
		check_error(q, EXIT_DATAERR, path, 1, 1, "iconv cannot read encoding no-such-encoding");
		qfree(q);
	}
}

/* ---- gzip ---------------------------------------------------------------- */

#define TRADE_TEXT "year,flow,value\n2020,export,148.2\n2020,import,164.9\n2021,total,424.4\n"

/* A .csv.gz reads as its text; gzip is known by its magic bytes whatever
 * the name; the digest and the bytes read are of the compressed file;
 * concatenated members are one text; gzip and an encoding together. */
static void test_gzip(void **state)
{
	const char *path = tmpfile_gz("t.csv.gz", TRADE_TEXT, strlen(TRADE_TEXT));
	struct query *q = qagg(path, "flow", NULL, "value", AGG_SUM);
	struct stat st;
	size_t n1, n2;
	char *a, *b, *both;

	(void)state;
	check_groups(q, "export=148.2; import=164.9; total=424.4");
	assert_string_equal(q->res.sha256, digest_of(path));
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(q->res.bytes_read, st.st_size);
	qfree(q);
	path = tmpfile_gz("gzipped.csv", TRADE_TEXT, strlen(TRADE_TEXT));
	q = qagg(path, "flow", NULL, "value", AGG_SUM);
	check_groups(q, "export=148.2; import=164.9; total=424.4");
	qfree(q);
	/* two members: the second holds the last line */
	a = gzip_bytes(TRADE_TEXT, strlen(TRADE_TEXT) - 17, &n1);
	b = gzip_bytes(TRADE_TEXT + strlen(TRADE_TEXT) - 17, 17, &n2);
	both = malloc(n1 + n2);
	assert_non_null(both);
	memcpy(both, a, n1);
	memcpy(both + n1, b, n2);
	path = tmpfile_bytes("members.csv.gz", both, n1 + n2);
	q = qagg(path, "flow", NULL, "value", AGG_SUM);
	check_groups(q, "export=148.2; import=164.9; total=424.4");
	qfree(q);
	free(a);
	free(b);
	free(both);
	/* Windows-1251 inside gzip */
	{
		struct data_dialect dd = dia("windows-1251", ';', ',', 0, 0, 0);
		size_t n;
		char *cyr = recode("windows-1251", CYRILLIC, strlen(CYRILLIC), &n);

		path = tmpfile_gz("cyr.csv.gz", cyr, n);
		free(cyr);
		q = with(qagg(path, "Поток", NULL, "Стоимость", AGG_SUM), &dd);
		check_groups(q, "экспорт=148400.5; импорт=164900");
		qfree(q);
	}
}

/* A large gzip file: many reads and inflated buffers, the same results as
 * the plain file. */
static void test_gzip_large(void **state)
{
	size_t cap = 8u << 20, o = 0;
	char *text = malloc(cap);
	const char *plain, *gz;
	struct query *a, *b;

	(void)state;
	assert_non_null(text);
	o += (size_t)snprintf(text, cap, "id,g,v\n");
	for (int i = 0; i < 200000; i++)
		o += (size_t)snprintf(text + o, cap - o, "%d,\"g, %d\",%d.%d\n", i, i % 11, i % 97, i % 10);
	plain = tmpfile_bytes("big.csv", text, o);
	gz = tmpfile_gz("big.csv.gz", text, o);
	free(text);
	a = qagg(plain, "g", NULL, "v", AGG_SUM);
	b = qagg(gz, "g", NULL, "v", AGG_SUM);
	run_ok(a);
	check_groups(b, groups_str(a));
	assert_int_equal(b->res.rows_read, 200000);
	qfree(a);
	qfree(b);
}

/* A damaged gzip file is an error where its text ends (or, when the damage
 * first makes a CSV error, there): truncated, corrupt, its CRC wrong, data
 * after it, compressed twice. */
static void test_gzip_errors(void **state)
{
	size_t n, n2;
	char *g = gzip_bytes(TRADE_TEXT, strlen(TRADE_TEXT), &n), *g2;
	char *bad = malloc(n + 8), msg[256];
	const char *path;
	struct query *q;

	(void)state;
	assert_non_null(bad);
	/* truncated: the file ends inside the stream (its trailer is 8 bytes) */
	path = tmpfile_bytes("trunc.csv.gz", g, n - 6);
	q = qagg(path, NULL, NULL, NULL, AGG_COUNT);
	snprintf(msg, sizeof msg, "truncated gzip stream: the file ends inside it (%zu bytes "
		 "read)", n - 6);
	check_error(q, EXIT_DATAERR, path, 5, 1, msg);
	qfree(q);
	/* the CRC-32 in the trailer is wrong: all the text read, then the error */
	memcpy(bad, g, n);
	bad[n - 8] ^= 0x55;
	path = tmpfile_bytes("crc.csv.gz", bad, n);
	q = qagg(path, NULL, NULL, NULL, AGG_COUNT);
	/* the CRC-32 is bytes n - 7 to n - 4 (1-based), the size after it */
	snprintf(msg, sizeof msg, "corrupt gzip stream (zlib: incorrect data check) at byte %zu "
		 "of the file", n - 4);
	check_error(q, EXIT_DATAERR, path, 5, 1, msg);
	qfree(q);
	/* a bad block type right after the header */
	memcpy(bad, g, n);
	bad[10] = (char)0x07;
	path = tmpfile_bytes("block.csv.gz", bad, n);
	q = qagg(path, NULL, NULL, NULL, AGG_COUNT);
	check_error(q, EXIT_DATAERR, path, 1, 1, "corrupt gzip stream (zlib: invalid block type) at "
		    "byte 11 of the file");
	qfree(q);
	/* bytes after the stream that start no other member */
	memcpy(bad, g, n);
	memcpy(bad + n, "garbage", 7);
	path = tmpfile_bytes("trailing.csv.gz", bad, n + 7);
	q = qagg(path, NULL, NULL, NULL, AGG_COUNT);
	check_error(q, EXIT_DATAERR, path, 5, 1, "data after the end of the gzip stream (7 bytes "
		    "before the end of the file)");
	qfree(q);
	/* gzip joined after text (cat header.csv rows.csv.gz): at its magic */
	{
		char *joined = malloc(n + 16);

		assert_non_null(joined);
		memcpy(joined, "year,flow,value\n", 16);
		memcpy(joined + 16, g, n);
		path = tmpfile_bytes("joined.csv", joined, n + 16);
		free(joined);
		q = qagg(path, NULL, NULL, NULL, AGG_COUNT);
		check_error(q, EXIT_DATAERR, path, 2, 1, "gzip data inside the text (bytes 0x1f 0x8b): "
			    "a .gz file joined to another? Only a whole file is read as gzip");
		qfree(q);
	}
	/* compressed twice */
	g2 = gzip_bytes(g, n, &n2);
	path = tmpfile_bytes("twice.csv.gz", g2, n2);
	q = qagg(path, NULL, NULL, NULL, AGG_COUNT);
	check_error(q, EXIT_DATAERR, path, 1, 1, "gzip-compressed twice: gunzip it once");
	qfree(q);
	free(g2);
	free(g);
	free(bad);
}

/* Damage that inflates to text zlib cannot tell from good makes a CSV
 * error first; the error then says the stream is corrupt, at that place. */
static void test_gzip_damage_first(void **state)
{
	size_t cap = 1u << 20, o = 0, n;
	char *text = malloc(cap), *g;
	const char *path;
	struct query *q;
	struct diag d = { 0 };

	(void)state;
	assert_non_null(text);
	o += (size_t)snprintf(text, cap, "k,v\n");
	for (int i = 0; i < 5000; i++)
		o += (size_t)snprintf(text + o, cap - o, "k%d,%d\n", i % 7, i);
	/* stored (level 0): a flipped byte is a flipped byte of the text */
	g = gzip_bytes_level(text, o, 0, &n);
	{
		/* the ',' of line 1001 becomes a ';': one field */
		char *at = memmem(g, n, "\nk6,1000\n", 9);

		assert_non_null(at);
		at[3] = ';';
	}
	path = tmpfile_bytes("damaged.csv.gz", g, n);
	q = qagg(path, "k", NULL, "v", AGG_SUM);
	{
		struct query *qs[1] = { q };

		assert_int_equal(data_run(path, qs, 1, &d, NULL), -1);
	}
	assert_string_equal(d.file, path);
	assert_int_equal(d.line, 1002);
	assert_int_equal(d.col, 1);
	assert_int_equal(d.code, EXIT_DATAERR);
	assert_non_null(strstr(d.msg, "corrupt gzip stream (zlib: incorrect data check)"));
	assert_non_null(strstr(d.msg, ": the text is damaged at or before this point"));
	qfree(q);
	free(g);
	free(text);
}

/* Formats that are not CSV text, known by their first bytes. */
static void test_binary_formats(void **state)
{
	static const struct { const char *bytes; size_t n; const char *msg; } cases[] = {
		{ "PK\x03\x04\x14\x00\x06\x00", 8, "a zip archive (an Excel .xlsx workbook?), not CSV "
		  "text: save it as CSV" },
		{ "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8, "an Excel .xls workbook (or another OLE2 file), "
		  "not CSV text: save it as CSV" },
		{ "\xfd" "7zXZ\0\0\x04", 8, "xz-compressed: only gzip is read; gunzip-able .csv.gz or "
		  "plain CSV, please" },
		{ "BZh91AY&", 8, "bzip2-compressed: only gzip is read; recompress it with gzip" },
		{ "\x28\xb5\x2f\xfd\x04\x58", 6, "zstd-compressed: only gzip is read; recompress it "
		  "with gzip" },
		{ "%PDF-1.7\n", 9, "a PDF document, not CSV text" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *path = tmpfile_bytes("binary.csv", cases[i].bytes, cases[i].n);
		struct query *q = qagg(path, NULL, NULL, NULL, AGG_COUNT);

		check_error(q, EXIT_DATAERR, path, 1, 1, cases[i].msg);
		qfree(q);
	}
}

/* ---- folders -------------------------------------------------------------- */

/* A folder's *.csv and *.csv.gz parts in name order (numbers as numbers),
 * markers passed over, one table: each part's rows and digest; -v's
 * warning for another file. */
static void test_folder(void **state)
{
	const char *dir = tmpdir_make("parts");
	struct query *q;
	struct diag_list warn = { 0 };
	struct diag d = { 0 };
	char want[1024];
	const char *p2, *p10, *pgz;

	(void)state;
	p10 = tmpfile_text("parts/data_10.csv", "year,v\n2022,3\n");
	p2 = tmpfile_text("parts/data_2.csv", "year,v\n2020,1\n2021,2\n");
	pgz = tmpfile_gz("parts/data_11.csv.gz", "year,v\n2023,4\n", 14);
	tmpfile_text("parts/_SUCCESS", "");
	tmpfile_text("parts/.data_2.csv.crc", "crc\x01");
	tmpfile_text("parts/_committed_123", "{}");
	tmpfile_text("parts/_started_123", "");
	tmpfile_text("parts/data_2.csv.crc", "crc");
	tmpfile_text("parts/README.txt", "notes");
	q = qagg(dir, "year", NULL, "v", AGG_SUM);
	{
		struct query *qs[1] = { q };

		assert_int_equal(data_run(dir, qs, 1, &d, &warn), 0);
	}
	assert_string_equal(groups_str(q), "2020=1; 2021=2; 2022=3; 2023=4");
	assert_int_equal(q->res.rows_read, 4);
	assert_string_equal(q->res.sha256, "");
	assert_int_equal(q->res.nparts, 3);
	assert_string_equal(q->res.parts[0].path, p2);
	assert_string_equal(q->res.parts[1].path, p10);
	assert_string_equal(q->res.parts[2].path, pgz);
	assert_int_equal(q->res.parts[0].rows, 2);
	assert_int_equal(q->res.parts[1].rows, 1);
	assert_int_equal(q->res.parts[2].rows, 1);
	assert_string_equal(q->res.parts[0].sha256, digest_of(p2));
	assert_string_equal(q->res.parts[2].sha256, digest_of(pgz));
	assert_int_equal(warn.n, 1);
	snprintf(want, sizeof want, "1 file in %s not read (neither *.csv nor *.csv.gz): README.txt",
		 dir);
	assert_string_equal(warn.items[0].msg, want);
	assert_string_equal(warn.items[0].file, "brief.md");
	assert_int_equal(warn.items[0].line, 12);
	diag_list_free(&warn);
	qfree(q);
}

/* A folder with latest (issue 13): the groups and sources in the order of
 * their first chosen rows across the parts, not by line, which starts
 * again in each part (B at line 4 of the first part comes before A at line
 * 2 of the second). */
static void test_folder_latest(void **state)
{
	const char *dir = tmpdir_make("latest");
	struct query *q;

	(void)state;
	tmpfile_text("latest/part-00000.csv", "month,region,v,source\n2024-05,x,9,Old\n"
		     "2024-06,x,1,Belstat\n2024-06,B,2,Belstat\n");
	tmpfile_text("latest/part-00001.csv", "month,region,v,source\n2024-06,A,3,Azstat\n");
	q = qagg(dir, "region", NULL, "v", AGG_SUM);
	qwhere(q, "month = latest");
	check_groups(q, "x=1; B=2; A=3");
	assert_int_equal(q->res.rows_matched, 3);
	assert_int_equal(q->res.nsources, 2);
	assert_string_equal(q->res.sources[0], "Belstat");
	assert_string_equal(q->res.sources[1], "Azstat");
	qfree(q);
}

/* Every part must have the first part's header; errors in a part are at
 * its own lines; an empty part adds no rows; a folder without parts, or
 * whose parts are all empty, is an error. */
static void test_folder_errors(void **state)
{
	const char *dir = tmpdir_make("bad"), *empty = tmpdir_make("empty");
	const char *p, *e0, *e1;
	struct data_dialect skip1 = dia(NULL, 0, '.', 1, 0, 0);
	struct query *q;
	char msg[512];

	(void)state;
	tmpfile_text("bad/part-00000.csv", "year,flow,v\n2020,x,1\n");
	p = tmpfile_text("bad/part-00001.csv", "year, flw ,v\n2021,x,2\n");
	q = qagg(dir, NULL, NULL, "v", AGG_SUM);
	check_error(q, EXIT_DATAERR, p, 1, 7, "this part's header differs from part-00000.csv's: "
		    "column 2 is \"flw\", not \"flow\"");
	qfree(q);
	tmpfile_text("bad/part-00001.csv", "year,flow\n2021,x\n");
	q = qagg(dir, NULL, NULL, "v", AGG_SUM);
	check_error(q, EXIT_DATAERR, p, 1, 10, "this part's header has 2 columns, part-00000.csv's has "
		    "3: column 3, \"v\", is missing");
	qfree(q);
	tmpfile_text("bad/part-00001.csv", "year,flow,v,extra\n2021,x,2,9\n");
	q = qagg(dir, NULL, NULL, "v", AGG_SUM);
	check_error(q, EXIT_DATAERR, p, 1, 13, "this part's header has more columns than "
		    "part-00000.csv's (3): column 4 is \"extra\"");
	qfree(q);
	/* an error in a later part, at its line; an empty part and a part of
	 * only a header add nothing */
	tmpfile_text("bad/part-00001.csv", "");
	tmpfile_text("bad/part-00002.csv", "year,flow,v\n");
	p = tmpfile_text("bad/part-00003.csv", "year,flow,v\n2022,x,3\n2023,x,zz\n");
	q = qagg(dir, NULL, NULL, "v", AGG_SUM);
	check_error(q, EXIT_DATAERR, p, 3, 8, "\"zz\" is not a number (column v)");
	qfree(q);
	tmpfile_text("bad/part-00003.csv", "year,flow,v\n2022,x,3\n");
	q = qagg(dir, NULL, NULL, "v", AGG_SUM);
	check_groups(q, "(null)=4");
	assert_int_equal(q->res.nparts, 4);
	assert_int_equal(q->res.parts[1].rows, 0);
	qfree(q);
	/* skip: applies to every part */
	tmpfile_text("bad/part-00000.csv", "title\nyear,flow,v\n2020,x,1\n");
	tmpfile_text("bad/part-00002.csv", "title\nyear,flow,v\n");
	tmpfile_text("bad/part-00003.csv", "title\nyear,flow,v\n2022,x,3\n");
	q = with(qagg(dir, NULL, NULL, "v", AGG_SUM), &skip1);
	check_groups(q, "(null)=4");
	qfree(q);
	/* a folder without parts */
	q = qagg(empty, NULL, NULL, NULL, AGG_COUNT);
	snprintf(msg, sizeof msg, "%s is a folder without *.csv or *.csv.gz files", empty);
	check_error(q, EXIT_NOINPUT, "brief.md", 12, 1, msg);
	qfree(q);
	tmpfile_text("empty/_SUCCESS", "");
	tmpfile_text("empty/notes.txt", "");
	tmpfile_text("empty/part-0.csv.bz2", "BZh");
	q = qagg(empty, NULL, NULL, NULL, AGG_COUNT);
	snprintf(msg, sizeof msg, "%s is a folder without *.csv or *.csv.gz files (it holds ", empty);
	{
		struct diag d = { 0 };
		struct query *qs[1] = { q };

		assert_int_equal(data_run(empty, qs, 1, &d, NULL), -1);
		assert_int_equal(d.code, EXIT_NOINPUT);
		assert_memory_equal(d.msg, msg, strlen(msg));
		assert_non_null(strstr(d.msg, "notes.txt"));
		assert_non_null(strstr(d.msg, "part-0.csv.bz2"));
	}
	qfree(q);
	/* parts, all empty */
	e0 = tmpfile_text("empty/a.csv", "");
	e1 = tmpfile_text("empty/b.csv", "\n\n");
	(void)e0;
	(void)e1;
	q = qagg(empty, NULL, NULL, NULL, AGG_COUNT);
	snprintf(msg, sizeof msg, "every file in %s is empty: no header row", empty);
	check_error(q, EXIT_DATAERR, "brief.md", 12, 1, msg);
	qfree(q);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_decimal_comma),
		cmocka_unit_test(test_decimal_comma_errors),
		cmocka_unit_test(test_decimal_comma_latest),
		cmocka_unit_test(test_delimiter_detected),
		cmocka_unit_test(test_tab_locations),
		cmocka_unit_test(test_delimiter_one_column),
		cmocka_unit_test(test_skip_and_comment),
		cmocka_unit_test(test_comment_blocks),
		cmocka_unit_test(test_ragged),
		cmocka_unit_test(test_encodings),
		cmocka_unit_test(test_utf16),
		cmocka_unit_test(test_utf16_large),
		cmocka_unit_test(test_encoding_errors),
		cmocka_unit_test(test_gzip),
		cmocka_unit_test(test_gzip_large),
		cmocka_unit_test(test_gzip_errors),
		cmocka_unit_test(test_gzip_damage_first),
		cmocka_unit_test(test_binary_formats),
		cmocka_unit_test(test_folder),
		cmocka_unit_test(test_folder_errors),
		cmocka_unit_test(test_folder_latest),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
