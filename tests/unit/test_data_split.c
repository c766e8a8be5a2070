/* Unit tests for the splitter of simple blocks (src/data_split.c): the same
 * bytes read with every line through libcsv (the reference) and through the
 * splitter, in one thread and over 64-byte chunks, give the same rows,
 * cells, groups, errors and line:col locations (split_diff.h) — for CRLF,
 * empty and blank-padded fields, quotes, a missing last newline, a BOM,
 * blank lines, ragged rows, invalid UTF-8, NUL bytes, every delimiter, and
 * a few thousand generated files; and the splitter does split the lines it
 * should (white box: data_int.h's counter). */
#include "data_fixture.h"
#include "split_diff.h"

#include "../../src/data_int.h"

/* Write header + body as a file and require the three ways to agree. */
static void check_same_as(const char *name, const char *file, const char *header,
			  const char *body, size_t blen, const struct data_dialect *dd)
{
	size_t hl = strlen(header);
	char *all = malloc(hl + blen + 1), *report;
	const char *path;

	assert_non_null(all);
	memcpy(all, header, hl);
	memcpy(all + hl, body, blen);
	path = tmpfile_bytes(file, all, hl + blen);
	free(all);
	/* a header without a delimiter names one column */
	report = split_diff(path, dd, header[strcspn(header, ",;\t|")] == '\0');
	if (report) {
		print_error("%s:\n%s\n", name, report);
		free(report);
		fail_msg("%s: the splitter and libcsv differ", name);
	}
}

static void check_same(const char *name, const char *header, const char *body, size_t blen,
		       const struct data_dialect *dd)
{
	check_same_as(name, name, header, body, blen, dd);
}

#define SAME(name, body) check_same(name, "a,b,c\n", body, sizeof(body) - 1, NULL)
#define SAME_HDR(name, header, body) check_same(name, header, body, sizeof(body) - 1, NULL)

/* Hand-written cases: each shape the splitter takes or gives to libcsv. */
static void test_split_cases(void **state)
{
	(void)state;
	SAME("plain.csv", "x,1,2\ny,3,4\nx,5,6\n");
	SAME("no-final-newline.csv", "x,1,2\ny,3,4");
	SAME("crlf.csv", "x,1,2\r\ny,3,4\r\n");
	SAME("crlf-no-final.csv", "x,1,2\r\ny,3,4\r");
	SAME("empty-fields.csv", ",,\nx,,\n,1,\n,,2\n");
	SAME("blanks.csv", " x , 1 ,\t2\t\n  y,3 ,4  \n");
	SAME("quoted.csv", "\"x, y\",1,2\n\"\",\"3\",\"4\"\n");
	SAME("quoted-blanks.csv", "  \"x\"  ,1,2\n\" x \",1,2\n\"\t\", 1 , 2 \n");
	SAME("quoted-crlf.csv", "\"x\",1,\"2\"\r\n\"y\",\"\",3\r\n");
	SAME("doubled-quotes.csv", "\"x \"\"y\"\"\",1,2\nz,3,4\n");
	SAME("quote-inside.csv", "x,1,2\nab\"c,1,2\n");
	SAME("after-quote.csv", "x,1,2\n\"ab\"c,1,2\n");
	SAME("after-quote-blank.csv", "x,1,2\n\"ab\" c,1,2\n");
	SAME("quote-blank-quote.csv", "x,1,2\n\"ab\" \"c\",1,2\n");
	SAME("blank-lines.csv", "x,1,2\n\n   \n\t\ny,3,4\n\r\n");
	SAME("empty-quoted-line.csv", "x,1,2\n\"\"\ny,3,4\n");
	SAME("ragged-short.csv", "x,1,2\ny,3\n");
	SAME("ragged-long.csv", "x,1,2\ny,3,4,5\n");
	SAME("one-field.csv", "x,1,2\ny\n");
	SAME("newline-in-quotes.csv", "\"x\ny\",1,2\nz,3,4\n");
	SAME("lone-cr.csv", "x,1,2\ry,3,4\n");
	SAME("not-a-number.csv", "x,1,2\ny, 3x ,4\n");
	SAME("quoted-not-a-number.csv", "x,1,2\n\"y\",\"  3x\",4\n");
	SAME("utf8.csv", "Caf\xc3\xa9,1,2\n\"T\xc3\xbcrkiye, X\",3,4\n");
	SAME("bad-utf8.csv", "x,1,2\ny\xff,3,4\n");
	SAME("nul.csv", "x,1,2\ny,3\0,4\n");
	SAME("long-keys.csv", "Sleepers, concrete,1,2\n\"Sleepers, concrete\",1,2\n"
	     "\"Rubber, synthetic\",2,3\n\"Rubber, synthetic\",4,5\n");
	SAME("unterminated.csv", "x,1,2\n\"y,3,4\n");
	SAME_HDR("one-column.csv", "a\n", "x\n\n  \n\"\"\n \"y\" \r\n\r\nz");
	SAME_HDR("one-column-bad.csv", "a\n", "x\n\"y\"z\n");
	SAME_HDR("bom.csv", "\xef\xbb\xbf" "a,b,c\n", "x,1,2\n\"y\",3,4\n");
}

/* Every delimiter, detected or given, ragged: pad and decimal commas. */
static void test_split_dialects(void **state)
{
	static const char body[] = " x ;\t1,5\t; 2 \n\"y;z\";3;\n\"t\"\t;\"4,5\";6\r\n;;\nw;7\n";
	struct data_dialect dd;
	char hdr[16], buf[sizeof body], name[32];
	const char delims[] = { ';', '\t', '|', ',' };

	(void)state;
	for (size_t i = 0; i < sizeof delims; i++) {
		for (int mode = 0; mode < 4; mode++) {
			data_dialect_init(&dd);
			dd.delimiter = mode == 0 ? 0 : delims[i];
			dd.ragged_pad = mode >= 2;
			dd.decimal = mode == 3 && delims[i] != ',' ? ',' : '.';
			snprintf(hdr, sizeof hdr, "a%cb%cc\n", delims[i], delims[i]);
			memcpy(buf, body, sizeof body);
			for (size_t k = 0; k < sizeof body - 1; k++)
				if (buf[k] == ';')
					buf[k] = delims[i];
			snprintf(name, sizeof name, "dialect-%zu-%d.csv", i, mode);
			check_same(name, hdr, buf, sizeof body - 1, &dd);
		}
	}
}

/* A file over several 256 KiB blocks, each line's cells near a block's
 * end at some point: long keys, short keys, quoted, CRLF. */
static void test_split_blocks(void **state)
{
	size_t cap = 700000, n = 0;
	char *body = malloc(cap);

	(void)state;
	assert_non_null(body);
	for (int r = 0; n + 64 < cap; r++) {
		static const char *const keys[] = { "x", "\"Rubber, synthetic\"", "Sleepers concrete",
						    "\"q\"", "abcdefghijklmnop", "" };

		n += (size_t)snprintf(body + n, cap - n, "%s,%d.%02d,%d%s", keys[r % 6], r % 97,
				      r % 100, r % 13, r % 7 == 0 ? "\r\n" : "\n");
	}
	check_same("blocks.csv", "a,b,c\n", body, n, NULL);
	free(body);
}

/* Generated files: lines of random fields drawn from the shapes above,
 * blanks, quotes in good and bad places, CRs, blank lines, UTF-8 and an
 * invalid byte now and then; a fixed seed, so every run checks the same. */
static void test_split_generated(void **state)
{
	static const char *const pieces[] = {
		"x", "yy", "12", "3.25", "-7", "", " ", "\t", "\"q\"", "\"a,b\"", "\"\"",
		"\"x\"\"y\"", "a\"b", "\"c\"d", "Caf\xc3\xa9", "Sleepers, concrete",
		"\"Sleepers, concrete\"", "\r", "1e3", " 4 ", "\" 5 \"",
	};
	uint64_t seed = 0x9e3779b97f4a7c15ULL;
	char body[2048], name[32];

	(void)state;
	for (int f = 0; f < 400; f++) {
		size_t n = 0;
		int lines = 1 + (int)(seed % 12);

		for (int l = 0; l < lines; l++) {
			int fields = 1 + (int)((seed >> 7) % 4 == 0 ? (seed >> 9) % 5 : 2);

			for (int k = 0; k < fields; k++) {
				seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
				n += (size_t)snprintf(body + n, sizeof body - n, "%s%s", k ? "," : "",
						      pieces[(seed >> 33) % (sizeof pieces / sizeof *pieces)]);
			}
			if ((seed >> 50) % 61 == 0)
				body[n++] = (char)0xfe;
			if (l + 1 < lines || (seed >> 40) % 3)
				body[n++] = '\n';
		}
		snprintf(name, sizeof name, "generated #%d", f);
		check_same_as(name, "gen.csv", "a,b,c\n", body, n, NULL);
	}
}

/* White box: the splitter itself splits the simple lines of a block (the
 * counter of data_int.h), gives the others to libcsv, and slices cells in
 * place as libcsv would give them. */
static void test_split_used(void **state)
{
	static const char block[] = "x,1,2\n \"y, z\" ,3, 4\r\n\n\"q\"\"r\",5,6\n  ,7,8\n";
	struct query *q = qrows("mem.csv", (const char *const[]){ "a", "b", "c", NULL });
	struct query *qs[1] = { q };
	struct data_ctx c;
	struct diag d = { 0 };

	(void)state;
	assert_int_equal(data_ctx_init(&c, "mem.csv", qs, 1, &d), 0);
	data_text_init(&c, NULL);
	data_text_file_start(&c);
	data_feed_lines(&c, "a,b,c\n", 6);
	assert_true(c.hdr.done);
	assert_true(data_split_usable(&c));
	data_feed_lines(&c, block, sizeof block - 1);
	assert_false(c.failed);
	assert_int_equal(c.rows_read, 4);
	assert_int_equal(c.fast.split_rows, 3); /* "q""r" went to libcsv */
	assert_int_equal(q->res.nrows, 4);
	assert_string_equal(q->res.cells[3], "y, z");
	assert_string_equal(q->res.cells[5], "4");
	assert_string_equal(q->res.cells[6], "q\"r");
	assert_string_equal(q->res.cells[9], "");
	assert_int_equal(q->res.lines[3], 6);
	data_ctx_free(&c);
	qfree(q);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_split_cases),
		cmocka_unit_test(test_split_dialects),
		cmocka_unit_test(test_split_blocks),
		cmocka_unit_test(test_split_generated),
		cmocka_unit_test(test_split_used),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
