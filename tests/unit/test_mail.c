/* Unit tests for the e-mail (src/mail.c, src/mail_html.c) and the summary
 * it carries (src/summary.c): the subject's placeholders, the Date header,
 * the HTML's escaping and links, the summary's wrapping and cover prose. */
#include "testutil.h"

#include "diag.h"
#include "mail.h"
#include "spec.h"
#include "summary.h"

static const char spec_text[] =
	"---\n"
	"title: A & B <Trade>\n"
	"subtitle: \"Quoted\" it's\n"
	"---\n"
	"Cover text with a [web link](https://example.org/?a=1&b=2), a [place](#two) and\n"
	"**bold** words that go on long enough to need wrapping at seventy-two columns,\n"
	"then a https://example.org/a/very/long/address/that/cannot/be/broken/anywhere/at/all/x.html\n"
	"word.  \n"
	"After a hard break.\n"
	"\n"
	"- one item\n"
	"  - nested item that is long enough to wrap onto a second line of the summary text\n"
	"1. first\n"
	"\n"
	"> Quoted words\n"
	"\n"
	"# Two\n"
	"\n"
	"Body text, not on the cover.\n";

static struct doc *parse(void)
{
	struct diag d = { 0 };
	struct diag_list warn = { 0 };
	struct doc *doc = spec_parse("t.md", spec_text, strlen(spec_text), &d, &warn);

	if (!doc)
		fail_msg("%s", d.msg);
	diag_list_free(&warn);
	/* one value, as spec_expand would leave it */
	doc->values = calloc(1, sizeof *doc->values);
	assert_non_null(doc->values);
	doc->nvalues = 1;
	doc->values[0].name = strdup("turnover");
	doc->values[0].text = strdup("424.4");
	return doc;
}

static void test_subject(void **state)
{
	struct doc *doc = parse();
	struct diag d = { 0 };
	char *s = NULL;

	(void)state;
	assert_int_equal(mail_subject(doc, NULL, "14 June 2024", &s, &d), 0);
	assert_string_equal(s, "A & B <Trade> \xe2\x80\x94 14 June 2024");
	free(s);
	assert_int_equal(mail_subject(doc, "{{ title }}: {{turnover}} ({{date}}) {x}", "1 May 2025",
				      &s, &d), 0);
	assert_string_equal(s, "A & B <Trade>: 424.4 (1 May 2025) {x}");
	free(s);
	s = NULL;
	assert_int_equal(mail_subject(doc, "Ёж {{turnover}} {{nope}}", "d", &s, &d), -1);
	assert_null(s);
	assert_int_equal(d.code, EXIT_DATAERR);
	assert_string_equal(d.msg, "undefined value \"nope\"");
	assert_int_equal(d.col, 17);
	assert_int_equal(mail_subject(doc, "ab {{x y}}", "d", &s, &d), -1);
	assert_string_equal(d.msg, "malformed placeholder \"{{x y}}\"");
	assert_int_equal(d.col, 4);
	doc_free(doc);
}

/* The summary: the cover's prose wrapped at 72 characters (a link's web
 * address after its text, none for a place in the document; a word longer
 * than a line alone on its line; the hard break kept), lists and quotes,
 * nothing from after the first heading; no line over 72 or ending in a
 * space. */
static void test_summary_cover(void **state)
{
	struct doc *doc = parse();
	struct diag d = { 0 };
	struct summary_files f = { "b.pdf", 2048, 1, NULL };
	char *text;
	size_t len;
	const char *want =
		"A & B <Trade>\n"
		"\"Quoted\" it's\n"
		"Report date: 14 June 2024\n"
		"\n"
		"Cover text with a web link <https://example.org/?a=1&b=2>, a place and\n"
		"bold words that go on long enough to need wrapping at seventy-two\n"
		"columns, then a\n"
		"https://example.org/a/very/long/address/that/cannot/be/broken/anywhere/at/all/x.html\n"
		"word.\n"
		"After a hard break.\n"
		"\n"
		"- one item\n"
		"  - nested item that is long enough to wrap onto a second line of the\n"
		"    summary text\n"
		"\n"
		"1. first\n"
		"\n"
		"> Quoted words\n"
		"\n"
		"PDF: b.pdf (1 page, 2 KB)\n";

	(void)state;
	assert_int_equal(summary_text(doc, "14 June 2024", &f, &text, &len, &d), 0);
	assert_string_equal(text, want);
	assert_int_equal(len, strlen(want));
	free(text);
	assert_int_equal(summary_cover_blocks(doc), 4);
	doc_free(doc);
}

static void test_html(void **state)
{
	struct doc *doc = parse();
	struct diag d = { 0 };
	struct mail_input in = { .doc = doc, .date_text = "14 June 2024", .pdf_name = "b&c.pdf",
				 .pdf_len = 3000, .pages = 2 };
	char *html;
	size_t len;

	(void)state;
	assert_int_equal(mail_html(&in, NULL, &html, &len, &d), 0);
	assert_int_equal(strlen(html), len);
	assert_non_null(strstr(html, "<!DOCTYPE html>\n<html lang=\"en\">"));
	assert_non_null(strstr(html, "<title>A &amp; B &lt;Trade&gt;</title>"));
	assert_non_null(strstr(html, "&quot;Quoted&quot; it&#39;s"));
	assert_non_null(strstr(html, "<a href=\"https://example.org/?a=1&amp;b=2\""));
	assert_non_null(strstr(html, ", a place and"));   /* "#two": no link in a mail */
	assert_null(strstr(html, "href=\"#"));
	assert_non_null(strstr(html, "<strong>bold</strong>"));
	assert_non_null(strstr(html, "word.<br>After a hard break."));
	assert_non_null(strstr(html, "Quoted words"));
	assert_null(strstr(html, "Body text"));          /* after the first heading */
	assert_non_null(strstr(html, "width=\"600\""));
	assert_non_null(strstr(html, "The full briefing is attached: <strong>b&amp;c.pdf "
				     "(2 pages, 3 KB)</strong>"));
	assert_null(strstr(html, "<script"));
	assert_null(strstr(html, "<style"));
	assert_null(strstr(html, "Key figures"));        /* no figures block: no tiles */
	free(html);
	doc_free(doc);
}

/* The message's first header is its Date. */
static int has_date(const char *msg, const char *date)
{
	return strncmp(msg, "Date: ", 6) == 0 && strncmp(msg + 6, date, strlen(date)) == 0 &&
	       strncmp(msg + 6 + strlen(date), "\r\n", 2) == 0;
}

/* The Date header: the report date at midnight UTC, unless the run is on
 * the report date where it runs: then the run's time in its zone. */
static void test_date(void **state)
{
	struct doc *doc = parse();
	struct diag d = { 0 };
	struct report_date date = { 2024, 6, 14 };
	char *to[] = { "ann@example.org" };
	struct mail_input in = { .doc = doc, .date_text = "14 June 2024", .date = &date,
				 .from = "Desk <desk@example.org>", .to = to, .nto = 1,
				 .subject = "S", .text = "hello\n", .text_len = 6,
				 .pdf = (const unsigned char *)"%PDF-1.4\n", .pdf_len = 9,
				 .pdf_name = "b.pdf", .pages = 1 };
	char *msg;
	size_t len;

	(void)state;
	in.now = 1718323200 + 86400 + 3600; /* 15 June, 01:00 UTC: another day */
	assert_int_equal(mail_message(&in, &msg, &len, &d), 0);
	assert_true(has_date(msg, "Fri, 14 Jun 2024 00:00:00 +0000"));
	assert_non_null(strstr(msg, "\r\nContent-Language: en\r\n"));
	assert_non_null(strstr(msg, "filename=\"b.pdf\""));
	free(msg);
	in.now = 1718323200 - 3 * 3600; /* 13 June 21:00 UTC: 14 June 01:00 in Baku */
	in.utc_offset_min = 240;
	assert_int_equal(mail_message(&in, &msg, &len, &d), 0);
	assert_true(has_date(msg, "Fri, 14 Jun 2024 01:00:00 +0400"));
	free(msg);
	in.utc_offset_min = 0; /* the same moment is 13 June in London */
	assert_int_equal(mail_message(&in, &msg, &len, &d), 0);
	assert_true(has_date(msg, "Fri, 14 Jun 2024 00:00:00 +0000"));
	free(msg);
	in.from = "bad";
	assert_int_equal(mail_message(&in, &msg, &len, &d), -1);
	assert_int_equal(d.code, EXIT_DATAERR);
	doc_free(doc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_subject),
		cmocka_unit_test(test_summary_cover),
		cmocka_unit_test(test_html),
		cmocka_unit_test(test_date),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
