/* Unit tests for mime (src/mime*.c): base64 (RFC 4648 vectors), quoted-
 * printable edge cases and a round trip, RFC 2047 headers with Cyrillic and
 * Azerbaijani text, mailboxes accepted and refused (with the column of the
 * fault), dates, file names, the message's layout and its determinism.
 * main() calls setlocale(LC_ALL, ""): run under another locale, nothing may
 * change. */
#include "testutil.h"

#include <locale.h>

#include "mime.h"
#include "sha256.h"
#include "utf8.h"

/* ---- decoders, written here independently of the encoders ---- */

static int b64_value(int c)
{
	const char *digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	const char *p = c ? strchr(digits, c) : NULL;

	return p ? (int)(p - digits) : -1;
}

/* Base64 in s[0..n) (CRLFs skipped) into out; its length, or -1 when s is
 * not canonical base64. */
static long b64_decode(const char *s, size_t n, unsigned char *out)
{
	unsigned v = 0;
	int bits = 0, pad = 0;
	long k = 0;

	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\r' || s[i] == '\n')
			continue;
		if (s[i] == '=') {
			pad++;
			continue;
		}
		if (pad || b64_value(s[i]) < 0)
			return -1;
		v = (v << 6) | (unsigned)b64_value(s[i]);
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			out[k++] = (unsigned char)(v >> bits);
		}
	}
	return k;
}

static int hexval(int c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* Quoted-printable (or Q encoding when q: '_' is a space) into out. */
static long qp_decode(const char *s, size_t n, char *out, int q)
{
	long k = 0;

	for (size_t i = 0; i < n; i++) {
		if (s[i] == '=' && i + 2 < n && s[i + 1] == '\r' && s[i + 2] == '\n') {
			i += 2;
		} else if (s[i] == '=') {
			if (i + 2 >= n || hexval(s[i + 1]) < 0 || hexval(s[i + 2]) < 0)
				return -1;
			out[k++] = (char)(hexval(s[i + 1]) * 16 + hexval(s[i + 2]));
			i += 2;
		} else {
			out[k++] = q && s[i] == '_' ? ' ' : s[i];
		}
	}
	return k;
}

/* Check the lines of s: each ends in CRLF (unless it is the last and
 * last_open), none longer than max characters. */
static void assert_lines(const char *s, size_t n, size_t max, int last_open)
{
	size_t start = 0;

	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\n')
			fail_msg("bare LF at %zu", i);
		if (s[i] != '\r')
			continue;
		assert_true(i + 1 < n && s[i + 1] == '\n');
		if (i - start > max)
			fail_msg("line of %zu > %zu: %.*s", i - start, max, (int)(i - start), s + start);
		start = i + 2;
		i++;
	}
	if (!last_open)
		assert_int_equal(start, n);
	assert_true(n - start <= max);
}

/* The text with every LF, CR or CRLF as CRLF. */
static char *crlf(const char *s, size_t n, size_t *len)
{
	char *o = malloc(2 * n + 1);
	size_t k = 0;

	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\r' || s[i] == '\n') {
			o[k++] = '\r';
			o[k++] = '\n';
			if (s[i] == '\r' && i + 1 < n && s[i + 1] == '\n')
				i++;
		} else {
			o[k++] = s[i];
		}
	}
	o[k] = '\0';
	*len = k;
	return o;
}

/* ---- base64 ---- */

static void test_base64_vectors(void **state)
{
	/* RFC 4648 section 10 */
	static const char *const v[][2] = {
		{ "", "" },	    { "f", "Zg==" },	 { "fo", "Zm8=" },	    { "foo", "Zm9v" },
		{ "foob", "Zm9vYg==" }, { "fooba", "Zm9vYmE=" }, { "foobar", "Zm9vYmFy" },
	};
	struct diag d = { 0 };
	char *out;
	size_t n;
	(void)state;

	for (size_t i = 0; i < sizeof v / sizeof *v; i++) {
		assert_int_equal(mime_base64(v[i][0], strlen(v[i][0]), &out, &n, &d), 0);
		assert_string_equal(out, v[i][1]);
		assert_int_equal(n, strlen(v[i][1]));
		free(out);
	}
}

/* 57 bytes fill one line of 76; the 58th starts a second; every byte value
 * and every length round-trips. */
static void test_base64_lines(void **state)
{
	unsigned char data[1000], back[1000];
	struct diag d = { 0 };
	char *out;
	size_t n;
	(void)state;

	for (size_t i = 0; i < sizeof data; i++)
		data[i] = (unsigned char)(i * 7 + i / 256);
	assert_int_equal(mime_base64(data, 57, &out, &n, &d), 0);
	assert_int_equal(n, 76);
	assert_null(strchr(out, '\r'));
	free(out);
	assert_int_equal(mime_base64(data, 58, &out, &n, &d), 0);
	assert_int_equal(n, 76 + 2 + 4);
	assert_memory_equal(out + 76, "\r\n", 2);
	free(out);
	for (size_t len = 0; len <= sizeof data; len += 37) {
		assert_int_equal(mime_base64(data, len, &out, &n, &d), 0);
		assert_lines(out, n, 76, 1);
		for (size_t i = 0; i + 2 < n; i += 78)
			assert_true(n - i <= 76 || out[i + 76] == '\r');
		assert_int_equal(b64_decode(out, n, back), (long)len);
		assert_memory_equal(back, data, len);
		free(out);
	}
}

/* ---- quoted-printable ---- */

static void qp_is(const char *in, const char *want)
{
	struct diag d = { 0 };
	char *out;
	size_t n;

	assert_int_equal(mime_qp(in, strlen(in), &out, &n, &d), 0);
	assert_string_equal(out, want);
	assert_int_equal(n, strlen(want));
	free(out);
}

static void test_qp_cases(void **state)
{
	char a76[77], a77[100], want[100];
	(void)state;

	qp_is("", "");
	qp_is("a=b", "a=3Db");
	qp_is("trailing \n", "trailing=20\r\n");
	qp_is("tab\t", "tab=09");
	qp_is("x \r\ny\rz\n\n", "x=20\r\ny\r\nz\r\n\r\n");
	qp_is("in the  middle", "in the  middle");
	qp_is("From me\nFrom\nxFrom y\n From z", "=46rom me\r\nFrom\r\nxFrom y\r\n From z");
	qp_is(".\n..\n", ".\r\n..\r\n"); /* dots are SMTP's business (RFC 5321 4.5.2) */
	qp_is("ə ğ ı İ ş", "=C9=99 =C4=9F =C4=B1 =C4=B0 =C5=9F");
	qp_is("\x01\x7f~!", "=01=7F~!");
	/* 76 characters fit a line when nothing follows; 77 need a soft break */
	memset(a76, 'a', 76);
	a76[76] = '\0';
	qp_is(a76, a76);
	memset(a77, 'a', 77);
	a77[77] = '\0';
	snprintf(want, sizeof want, "%.75s=\r\naa", a77);
	qp_is(a77, want);
	/* an escape is never split: "=3D" would start at column 75 */
	snprintf(a77, sizeof a77, "%.74s=bc", a76);
	snprintf(want, sizeof want, "%.74s=\r\n=3Dbc", a76);
	qp_is(a77, want);
	/* a space before a soft break stays a space: it is not at a line's end */
	snprintf(a77, sizeof a77, "%.74s bcd", a76);
	snprintf(want, sizeof want, "%.74s =\r\nbcd", a76);
	qp_is(a77, want);
	/* "From " after a soft break starts a line too */
	snprintf(a77, sizeof a77, "%.75sFrom x", a76);
	snprintf(want, sizeof want, "%.75s=\r\n=46rom x", a76);
	qp_is(a77, want);
}

/* Random texts of awkward pieces: lines of at most 76, no white space at
 * a line's end, printable ASCII only, no character split by a soft break,
 * and decoding gives the text back with CRLF line ends. */
static void test_qp_roundtrip(void **state)
{
	static const char *const pieces[] = {
		"a", " ", "\t", "=", "\n", "\r\n", "\r", "ə", "Ж", "€", "😀", "From ", ".", "x=y",
		"İş", "   ", "==",
	};
	unsigned seed = 12345;
	struct diag d = { 0 };
	(void)state;

	for (int round = 0; round < 400; round++) {
		char in[2000], dec[4000], *out, *want;
		size_t n = 0, on, wn;
		int count = (int)((seed = seed * 1103515245 + 12345) >> 16) % 200;

		for (int k = 0; k < count; k++) {
			const char *p = pieces[((seed = seed * 1103515245 + 12345) >> 16) %
					       (sizeof pieces / sizeof *pieces)];
			memcpy(in + n, p, strlen(p));
			n += strlen(p);
		}
		in[n] = '\0';
		assert_int_equal(mime_qp(in, n, &out, &on, &d), 0);
		assert_lines(out, on, 76, 1);
		for (size_t i = 0; i < on; i++) {
			unsigned char c = (unsigned char)out[i];

			assert_true((c >= 32 && c < 127) || c == '\t' || c == '\r' || c == '\n');
			if (c == '\r')
				assert_true(i == 0 || (out[i - 1] != ' ' && out[i - 1] != '\t'));
			/* a soft break between two bytes of one character? */
			if (c == '\r' && i >= 4 && out[i - 1] == '=' && i + 4 < on &&
			    out[i + 2] == '=' && hexval(out[i + 3]) >= 0)
				assert_true((hexval(out[i + 3]) & 0xc) != 0x8);
		}
		assert_true(on == 0 || out[on - 1] != ' ');
		wn = 0;
		want = crlf(in, n, &wn);
		assert_int_equal(qp_decode(out, on, dec, 0), (long)wn);
		assert_memory_equal(dec, want, wn);
		free(want);
		free(out);
	}
}

/* ---- headers (RFC 2047) ---- */

/* Whether every encoded-word after the first, in the last header_decoded(),
 * started with a space of the text (the split fell between two words). */
static int split_at_spaces;

/* The header's encoded-words decoded and joined (the white space between
 * two words dropped, RFC 2047 6.2), after "Name: "; checks that each word
 * is at most 75 characters, holds whole UTF-8 characters, and that each
 * line is at most 78.  Returns the text (static). */
static const char *header_decoded(const char *h, size_t n)
{
	static char text[4000];
	const char *p = strchr(h, ':') + 2, *end = h + n - 2;
	size_t k = 0;

	assert_lines(h, n, 78, 0);
	split_at_spaces = 1;
	while (p < end) {
		const char *q;
		char piece[200];
		long pn;

		if (*p == '\r') {
			p += 3; /* CRLF SP */
			continue;
		}
		if (*p == ' ') {
			p++;
			continue;
		}
		assert_memory_equal(p, "=?UTF-8?", 8);
		q = strstr(p + 10, "?=");
		assert_non_null(q);
		assert_true(q + 2 - p <= 75);
		if (p[8] == 'B')
			pn = b64_decode(p + 10, (size_t)(q - p - 10), (unsigned char *)piece);
		else
			pn = qp_decode(p + 10, (size_t)(q - p - 10), piece, 1);
		assert_true(pn >= 0);
		assert_int_equal(utf8_invalid_at(piece, (size_t)pn), -1);
		if (k > 0 && piece[0] != ' ')
			split_at_spaces = 0;
		memcpy(text + k, piece, (size_t)pn);
		k += (size_t)pn;
		p = q + 2;
	}
	text[k] = '\0';
	return text;
}

static void header_is(const char *value, const char *want)
{
	struct diag d = { 0 };
	char *out;
	size_t n;

	assert_int_equal(mime_header("Subject", value, &out, &n, &d), 0);
	assert_string_equal(out, want);
	free(out);
}

static void test_header_plain(void **state)
{
	char words[400] = "", *out, *p;
	struct diag d = { 0 };
	size_t n, k = 0;
	(void)state;

	header_is("Hello world", "Subject: Hello world\r\n");
	header_is("  trimmed\t ", "Subject: trimmed\r\n");
	header_is("two  spaces", "Subject: two  spaces\r\n");
	header_is(" ", "Subject:\r\n");
	/* plain ASCII folds at spaces; unfolding gives the value back */
	for (int i = 0; i < 40; i++)
		k += (size_t)snprintf(words + k, sizeof words - k, "%sword%d", i ? " " : "", i);
	assert_int_equal(mime_header("Subject", words, &out, &n, &d), 0);
	assert_lines(out, n, 78, 0);
	assert_non_null(strstr(out, "\r\n "));
	while ((p = strstr(out, "\r\n ")))
		memmove(p, p + 2, strlen(p + 2) + 1);
	assert_int_equal(strncmp(out, "Subject: ", 9), 0);
	assert_int_equal(strncmp(out + 9, words, strlen(words)), 0);
	free(out);
	/* something a decoder would take for an encoded-word is encoded */
	assert_int_equal(mime_header("Subject", "=?UTF-8?Q?x?=", &out, &n, &d), 0);
	assert_string_equal(header_decoded(out, n), "=?UTF-8?Q?x?=");
	free(out);
}

static void test_header_cyrillic(void **state)
{
	const char *v = "Сотрудничество Беларуси и Азербайджана: торговля, промышленность и "
			"совместные проекты с 1993 года — отчёт за июнь 2024";
	struct diag d = { 0 };
	char *out;
	size_t n;
	(void)state;

	assert_int_equal(mime_header("Subject", v, &out, &n, &d), 0);
	assert_memory_equal(out, "Subject: =?UTF-8?B?", 19); /* B: shorter for Cyrillic */
	assert_string_equal(header_decoded(out, n), v);
	assert_true(split_at_spaces);
	assert_true(strstr(out, "\r\n =?UTF-8?B?") != NULL);
	free(out);
}

static void test_header_azerbaijani(void **state)
{
	const char *v = "Azərbaycan Respublikası ilə Belarus Respublikası arasında ticarət "
			"dövriyyəsi: İyun 2024, ərzaq və sənaye məhsulları (ş, ğ, ı)";
	struct diag d = { 0 };
	char *out;
	size_t n;
	(void)state;

	header_is("Azərbaycan Respublikası", "Subject: =?UTF-8?Q?Az=C9=99rbaycan_Respublikas=C4=B1?=\r\n");
	/* letters alone: base64 is shorter than =XX for each byte */
	header_is("ə ğ ı İ ş", "Subject: =?UTF-8?B?yZkgxJ8gxLEgxLAgxZ8=?=\r\n");
	/* running text: a letter in eight needs two =XX, so B is shorter */
	assert_int_equal(mime_header("Subject", v, &out, &n, &d), 0);
	assert_memory_equal(out, "Subject: =?UTF-8?B?", 19);
	assert_string_equal(header_decoded(out, n), v);
	assert_true(split_at_spaces);
	free(out);
}

/* Words longer than a line: a long ASCII word stays whole (lines up to 998
 * are allowed), one too long for that is encoded and folded. */
static void test_header_long_words(void **state)
{
	char word[1200];
	struct diag d = { 0 };
	char *out;
	size_t n;
	(void)state;

	memset(word, 'x', 200);
	word[200] = '\0';
	assert_int_equal(mime_header("Subject", word, &out, &n, &d), 0);
	assert_int_equal(n, 9 + 200 + 2);
	free(out);
	memset(word, 'x', 1100);
	word[1100] = '\0';
	assert_int_equal(mime_header("Subject", word, &out, &n, &d), 0);
	assert_string_equal(header_decoded(out, n), word);
	free(out);
}

static void test_header_errors(void **state)
{
	struct diag d = { 0 };
	char *out = NULL;
	size_t n;
	(void)state;

	assert_int_equal(mime_header("Subject", "Hə\nBcc: x@y.z", &out, &n, &d), -1);
	assert_int_equal(d.code, EXIT_DATAERR);
	assert_int_equal(d.col, 3);
	assert_string_equal(d.msg, "Subject has a control character (U+000A)");
	assert_null(out);
	assert_int_equal(mime_header("Subject", "a\xff", &out, &n, &d), -1);
	assert_int_equal(d.col, 2);
	assert_string_equal(d.msg, "Subject is not UTF-8");
	assert_int_equal(mime_header("Bad Name", "x", &out, &n, &d), -1);
	assert_int_equal(d.code, EXIT_SOFTWARE);
}

/* ---- mailboxes ---- */

static void test_mailbox_accept(void **state)
{
	static const char *const ok[] = {
		"a@b.c",
		"ann.lee@example.org",
		"<a@b.c>",
		"Ann Lee <ann@example.org>",
		"\"Lee, Ann\" <ann@example.org>",
		"\"john doe\"@example.org",
		"\"a\\\"b\"@example.org",
		"user+tag@example.org",
		"a!#$%&'*+-/=?^_`{|}~@example.org",
		"a@[192.0.2.1]",
		"a@[IPv6:2001:db8::1]",
		"a@localhost",
		"Aytən Məmmədova <aytan@example.az>",
		"Иван Петров <ivan@example.by>",
		"  a@b.c\t ",
		"Ann<a@b.c>",
		"J. R. Smith <j@x.org>",
		"\"<odd>\" <odd@x.org>",
	};
	struct diag d = { 0 };
	(void)state;

	for (size_t i = 0; i < sizeof ok / sizeof *ok; i++)
		if (mime_mailbox_check(ok[i], &d) != 0)
			fail_msg("refused %s: %s", ok[i], d.msg);
}

static void test_mailbox_reject(void **state)
{
	static char long_local[100], long_domain[300];
	static const struct {
		const char *text;
		int col;
		const char *why;
	} bad[] = {
		{ "", 1, "it is empty" },
		{ "   ", 4, "it is empty" },
		{ "ann", 4, "no '@'" },
		{ "ann@", 5, "nothing after '@'" },
		{ "@x.org", 1, "nothing before '@'" },
		{ "ann@@x.org", 5, "'@' is not allowed in the domain" },
		{ "ann..lee@x.org", 5, "two dots in a row" },
		{ ".ann@x.org", 1, "'.' at the start of the local part" },
		{ "ann.@x.org", 4, "'.' at the end of the local part" },
		{ "ann@x..org", 7, "two dots in a row" },
		{ "ann@x.org.", 10, "'.' at the end of the domain" },
		{ "ann@.x.org", 5, "'.' at the start of the domain" },
		{ "ann lee@x.org", 4, "white space in the local part (a display name goes before "
				      "the address in <>)" },
		{ "ann@x.org bob@y.org", 11, "text after the address" },
		{ "ann@x.org,bob@y.org", 10, "',' is not allowed in the domain" },
		{ "ann@x.org>", 10, "'>' is not allowed in the domain" },
		{ "Ann <ann@x.org", 15, "no closing '>'" },
		{ "Ann <ann@x.org> x", 17, "text after '>'" },
		{ "Ann <ann@x.org>>", 16, "text after '>'" },
		{ "Ann <ann@x org>", 11, "white space is not allowed in the domain" },
		{ "Ann, Lee <ann@x.org>", 4, "',' is not allowed in a display name (put the name "
					     "in double quotes)" },
		{ "Ann (work) <ann@x.org>", 5, "comments in parentheses are not supported" },
		{ "Aytən <aytən@x.az>", 11, "only ASCII is allowed in the address itself (an "
					   "internationalised domain goes in its xn-- form)" },
		{ "ann@экзамен.рф", 5, "only ASCII is allowed" },
		{ "\"ann@x.org", 1, "the quoted local part has no closing '\"'" },
		{ "ann@[1.2.3.4", 5, "the domain literal has no closing ']'" },
		{ "ann@[1.2[3]", 9, "'[' is not allowed in a domain literal" },
		{ "Ann <>", 6, "nothing in <>" },
		{ "a\nb@x.org", 2, "the e-mail address has a control character (U+000A)" },
		{ "ann(x)@x.org", 4, "'(' is not allowed in the local part" },
		{ long_local, 65, "the local part is longer than 64 characters" },
		{ long_domain, 258, "the domain is longer than 255 characters" },
	};
	struct diag d;
	(void)state;

	memset(long_local, 'l', 65);
	strcpy(long_local + 65, "@x.org");
	strcpy(long_domain, "a@");
	for (int i = 0; i < 64; i++)
		memcpy(long_domain + 2 + 4 * i, "abc.", 4);
	strcpy(long_domain + 2 + 256, "org");
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		memset(&d, 0, sizeof d);
		if (mime_mailbox_check(bad[i].text, &d) != -1)
			fail_msg("accepted %s", bad[i].text);
		if (d.col != bad[i].col || !strstr(d.msg, bad[i].why))
			fail_msg("%s: column %d \"%s\", expected column %d \"%s\"", bad[i].text, d.col,
				 d.msg, bad[i].col, bad[i].why);
		assert_int_equal(d.code, EXIT_DATAERR);
		assert_string_equal(d.file, "");
		assert_int_equal(d.line, 0);
	}
	mime_mailbox_check("ann@@x.org", &d);
	assert_string_equal(d.msg, "\"ann@@x.org\" is not an e-mail address: "
				   "'@' is not allowed in the domain");
}

/* Lists of mailboxes: split at the commas that separate them, not those
 * in quotes, <> or [], each piece trimmed; errors at their column in the
 * whole list. */
static void test_mailbox_list(void **state)
{
	static const struct {
		const char *text;
		size_t n;
		const char *items[3];
	} ok[] = {
		{ "", 0, { NULL } },
		{ " , ", 0, { NULL } },
		{ "a@b.c", 1, { "a@b.c" } },
		{ "a@b.c, d@e.f,", 2, { "a@b.c", "d@e.f" } },
		{ "\"Doe, John\" <j@x.org>,Ann <a@y.org>", 2,
		  { "\"Doe, John\" <j@x.org>", "Ann <a@y.org>" } },
		{ "a@[1.2.3.4], \"x,y\"@z.org ,  Иван Петров <ivan@example.by>", 3,
		  { "a@[1.2.3.4]", "\"x,y\"@z.org", "Иван Петров <ivan@example.by>" } },
	};
	static const struct {
		const char *text;
		int col;
		const char *msg;
	} bad[] = {
		{ "a@b.c, ann@@x.org", 12,
		  "\"ann@@x.org\" is not an e-mail address: '@' is not allowed in the domain" },
		{ "a@b.c, Ann, Lee <ann@x.org>", 11,
		  "\"Ann, Lee <ann@x.org>\" is not an e-mail address: ',' is not allowed in a "
		  "display name (put the name in double quotes)" },
		{ "Аня <a@b.c>, ann", 17, "\"ann\" is not an e-mail address: no '@'" },
		{ "a@b.c,\nb@c.d", 7, "the e-mail address has a control character (U+000A)" },
	};
	struct diag d;
	char **v;
	size_t n;
	(void)state;

	for (size_t i = 0; i < sizeof ok / sizeof *ok; i++) {
		memset(&d, 0, sizeof d);
		if (mime_mailbox_list(ok[i].text, &v, &n, &d) != 0)
			fail_msg("refused %s: %s", ok[i].text, d.msg);
		assert_int_equal(n, ok[i].n);
		for (size_t k = 0; k < n; k++)
			assert_string_equal(v[k], ok[i].items[k]);
		mime_mailbox_list_free(v, n);
	}
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		memset(&d, 0, sizeof d);
		if (mime_mailbox_list(bad[i].text, &v, &n, &d) != -1)
			fail_msg("accepted %s", bad[i].text);
		assert_null(v);
		assert_int_equal(n, 0);
		assert_string_equal(d.msg, bad[i].msg);
		assert_int_equal(d.col, bad[i].col);
		assert_int_equal(d.code, EXIT_DATAERR);
	}
	mime_mailbox_list_free(NULL, 0);
}

/* ---- dates ---- */

static void test_dates(void **state)
{
	char buf[MIME_DATE_SIZE];
	(void)state;

	assert_int_equal(mime_date_format(0, 0, buf), 0);
	assert_string_equal(buf, "Thu, 01 Jan 1970 00:00:00 +0000");
	assert_int_equal(mime_date_format(1718323200, 0, buf), 0);
	assert_string_equal(buf, "Fri, 14 Jun 2024 00:00:00 +0000");
	assert_int_equal(mime_date_format(1718323200, 240, buf), 0); /* Baku */
	assert_string_equal(buf, "Fri, 14 Jun 2024 04:00:00 +0400");
	assert_int_equal(mime_date_format(1718323200, -330, buf), 0);
	assert_string_equal(buf, "Thu, 13 Jun 2024 18:30:00 -0530");
	assert_int_equal(mime_date_format(-1, 0, buf), 0);
	assert_string_equal(buf, "Wed, 31 Dec 1969 23:59:59 +0000");
	assert_int_equal(mime_date_format(1709251199, 0, buf), 0);
	assert_string_equal(buf, "Thu, 29 Feb 2024 23:59:59 +0000");
	assert_int_equal(mime_date_format(253402300799LL, 0, buf), 0);
	assert_string_equal(buf, "Fri, 31 Dec 9999 23:59:59 +0000");
	assert_int_equal(mime_date_format(253402300800LL, 0, buf), -1);
	assert_int_equal(mime_date_format(0, 1440, buf), -1);
	assert_int_equal(mime_date_format(0, -1440, buf), -1);
	assert_int_equal(mime_date_format((time_t)1 << 62, 0, buf), -1);
}

/* ---- messages ---- */

static const char text_body[] = "Belarus – Azerbaijan Cooperation\n"
				"Report date: 14 June 2024\n\nKey figures\n"
				"- Trade turnover in 2021, USD million: 424.4\n";
static const char html_body[] = "<html><body><p>Azərbaycan</p>"
				"<img src=\"cid:chart-1@briefing\" alt=\"a\">"
				"<img src='cid:%s'></body></html>\n";
static const unsigned char png1[] = "\x89PNG\r\n\x1a\n one", png2[] = "\x89PNG\r\n\x1a\n two";

/* A message with every part; pdf[0] is changed by the caller to see what
 * depends on it. */
static struct mime_msg *full_message(const unsigned char *pdf, size_t pdf_len)
{
	struct mime_msg *m = mime_msg_new();
	struct report_date rd = { 2024, 6, 14 };
	struct diag d = { 0 };
	char html[512], cid[MIME_CID_MAX + 1];

	assert_non_null(m);
	assert_int_equal(mime_msg_set_from(m, "Aytən Məmmədova <aytan@example.az>", &d), 0);
	assert_int_equal(mime_msg_add_to(m, "ann@example.org", &d), 0);
	assert_int_equal(mime_msg_add_to(m, "\"Doe, John\" <john@example.com>", &d), 0);
	assert_int_equal(mime_msg_add_cc(m, "Иван Петров <ivan@example.by>", &d), 0);
	assert_int_equal(mime_msg_set_subject(m, "Беларусь – Азербайджан, 14 June 2024", &d), 0);
	assert_int_equal(mime_msg_set_report_date(m, &rd, &d), 0);
	assert_int_equal(mime_msg_set_language(m, "az", &d), 0);
	assert_int_equal(mime_msg_set_text(m, text_body, strlen(text_body), &d), 0);
	assert_int_equal(mime_msg_add_inline(m, "image/png", png1, sizeof png1, "chart-1.png",
					     "chart-1@briefing", NULL, 0, &d), 0);
	assert_int_equal(mime_msg_add_inline(m, "image/png", png2, sizeof png2, NULL, NULL, cid,
					     sizeof cid, &d), 0);
	snprintf(html, sizeof html, html_body, cid);
	assert_int_equal(mime_msg_set_html(m, html, strlen(html), &d), 0);
	assert_int_equal(mime_msg_add_attachment(m, "application/pdf", pdf, pdf_len,
						 "брифинг-2024-06.pdf", &d), 0);
	return m;
}

static char *write_message(const struct mime_msg *m, size_t *n)
{
	struct diag d = { 0 };
	char *out = NULL;

	if (mime_msg_write(m, &out, n, &d) != 0)
		fail_msg("mime_msg_write: %s", d.msg);
	return out;
}

/* The value of header name in the top-level header block (unfolded up to
 * its first line only), or NULL. */
static const char *top_header(const char *msg, const char *name, char *buf, size_t size)
{
	const char *end = strstr(msg, "\r\n\r\n");
	size_t nl = strlen(name);

	for (const char *p = msg; p && p < end; p = strstr(p, "\r\n") + 2) {
		if (strncmp(p, name, nl) == 0 && p[nl] == ':') {
			size_t k = (size_t)(strstr(p, "\r\n") - p - nl - 2);

			snprintf(buf, size, "%.*s", (int)k, p + nl + 2);
			return buf;
		}
	}
	return NULL;
}

static void test_message_full(void **state)
{
	unsigned char pdf[3000];
	char *msg, hex[65], want[100], buf[200];
	const char *p, *head_end;
	struct mime_msg *m;
	size_t n;
	(void)state;

	for (size_t i = 0; i < sizeof pdf; i++)
		pdf[i] = (unsigned char)(i * 31);
	m = full_message(pdf, sizeof pdf);
	msg = write_message(m, &n);
	assert_int_equal(strlen(msg), n);
	assert_lines(msg, n, 998, 0);
	/* headers: all there, in order, none over 78 */
	head_end = strstr(msg, "\r\n\r\n");
	assert_non_null(head_end);
	assert_lines(msg, (size_t)(head_end - msg) + 2, 78, 0);
	assert_string_equal(top_header(msg, "Date", buf, sizeof buf), "Fri, 14 Jun 2024 00:00:00 +0000");
	assert_string_equal(top_header(msg, "To", buf, sizeof buf),
			    "ann@example.org, \"Doe, John\" <john@example.com>");
	assert_string_equal(top_header(msg, "From", buf, sizeof buf),
			    "=?UTF-8?B?QXl0yZluIE3JmW1tyZlkb3Zh?= <aytan@example.az>");
	assert_string_equal(top_header(msg, "MIME-Version", buf, sizeof buf), "1.0");
	assert_string_equal(top_header(msg, "Content-Language", buf, sizeof buf), "az");
	assert_non_null(top_header(msg, "Cc", buf, sizeof buf));
	assert_non_null(top_header(msg, "Subject", buf, sizeof buf));
	assert_true(strstr(msg, "Date:") < strstr(msg, "From:"));
	assert_true(strstr(msg, "Subject:") < strstr(msg, "Message-ID:"));
	assert_true(strstr(msg, "Message-ID:") < strstr(msg, "MIME-Version:"));
	top_header(msg, "Message-ID", buf, sizeof buf);
	assert_int_equal(strlen(buf), 1 + 32 + strlen("@example.az") + 1);
	assert_string_equal(buf + 33, "@example.az>");
	/* the layout */
	assert_string_equal(top_header(msg, "Content-Type", buf, sizeof buf), "multipart/mixed;");
	p = strstr(msg, "Content-Type: multipart/alternative;");
	assert_non_null(p);
	assert_true(strstr(p, "Content-Type: text/plain; charset=UTF-8\r\n"
			      "Content-Transfer-Encoding: quoted-printable\r\n") != NULL);
	assert_true(strstr(msg, "Content-Type: multipart/related; type=\"text/html\";\r\n") != NULL);
	assert_true(strstr(msg, "Content-Type: text/plain") < strstr(msg, "multipart/related"));
	assert_true(strstr(msg, "multipart/related") < strstr(msg, "Content-Type: text/html"));
	assert_true(strstr(msg, "Content-ID: <chart-1@briefing>\r\n") != NULL);
	assert_true(strstr(msg, "Content-Type: image/png; name=\"chart-1.png\"\r\n") != NULL);
	assert_true(strstr(msg, "Content-Disposition: inline; filename=\"chart-1.png\"\r\n") != NULL);
	sha256_hex(png2, sizeof png2, hex);
	snprintf(want, sizeof want, "Content-ID: <%.32s@briefing>\r\n", hex);
	assert_true(strstr(msg, want) != NULL);
	assert_true(strstr(msg, "Content-Disposition: inline\r\n") != NULL);
	assert_true(strstr(msg, "Content-Disposition: attachment;\r\n filename*=UTF-8''"
				"%D0%B1%D1%80%D0%B8%D1%84%D0%B8%D0%BD%D0%B3-2024-06.pdf\r\n") != NULL);
	/* the text, quoted-printable, starts right after its headers */
	assert_true(strstr(msg, "quoted-printable\r\n\r\nBelarus =E2=80=93 Azerbaijan Cooperation\r\n"
				"Report date: 14 June 2024\r\n\r\nKey figures\r\n") != NULL);
	free(msg);
	mime_msg_free(m);
}

/* Same inputs, same bytes; one byte of the PDF changed: a new Message-ID
 * and mixed boundary, while the parts that did not change keep theirs. */
static void test_message_deterministic(void **state)
{
	unsigned char pdf[500];
	struct mime_msg *a, *b;
	char *ma, *mb, ha[200], hb[200];
	size_t na, nb;
	(void)state;

	memset(pdf, 'p', sizeof pdf);
	a = full_message(pdf, sizeof pdf);
	b = full_message(pdf, sizeof pdf);
	ma = write_message(a, &na);
	mb = write_message(b, &nb);
	assert_int_equal(na, nb);
	assert_memory_equal(ma, mb, na);
	free(mb);
	mb = write_message(a, &nb); /* writing does not change the builder */
	assert_int_equal(na, nb);
	assert_memory_equal(ma, mb, na);
	free(mb);
	mime_msg_free(b);
	pdf[0] = 'q';
	b = full_message(pdf, sizeof pdf);
	mb = write_message(b, &nb);
	assert_string_not_equal(top_header(ma, "Message-ID", ha, sizeof ha),
				top_header(mb, "Message-ID", hb, sizeof hb));
	assert_true(strstr(ma, "boundary=\"=_mixed_") != NULL);
	snprintf(ha, 60, "%s", strstr(ma, "boundary=\"=_mixed_"));
	assert_null(strstr(mb, ha));
	snprintf(ha, 60, "%s", strstr(ma, "boundary=\"=_alternative_"));
	assert_non_null(strstr(mb, ha));
	free(ma);
	free(mb);
	mime_msg_free(a);
	mime_msg_free(b);
}

/* Multiparts only where two parts meet. */
static void test_message_shapes(void **state)
{
	struct mime_msg *m = mime_msg_new();
	struct diag d = { 0 };
	char *msg;
	size_t n;
	(void)state;

	mime_msg_free(NULL);
	mime_msg_set_from(m, "a@b.c", &d);
	mime_msg_set_date(m, 0, 0, &d);
	mime_msg_set_text(m, "hi", 2, &d);
	msg = write_message(m, &n);
	assert_string_equal(msg, "Date: Thu, 01 Jan 1970 00:00:00 +0000\r\nFrom: a@b.c\r\n"
				 "Message-ID: <1655f31dd5d11f62c1abdff79adb57c4@b.c>\r\n"
				 "MIME-Version: 1.0\r\n"
				 "Content-Type: text/plain; charset=UTF-8\r\n"
				 "Content-Transfer-Encoding: quoted-printable\r\n\r\nhi\r\n");
	free(msg);
	mime_msg_set_html(m, "<p>hi</p>", 9, &d);
	msg = write_message(m, &n);
	assert_non_null(strstr(msg, "multipart/alternative"));
	assert_null(strstr(msg, "multipart/related"));
	assert_null(strstr(msg, "multipart/mixed"));
	free(msg);
	assert_int_equal(mime_msg_add_attachment(m, "text/csv", "a,b\n", 4, "data.csv", &d), 0);
	msg = write_message(m, &n);
	assert_non_null(strstr(msg, "Content-Type: multipart/mixed;"));
	assert_non_null(strstr(msg, "Content-Type: text/csv; name=\"data.csv\"\r\n"));
	assert_non_null(strstr(msg, "YSxiCg==\r\n--=_mixed_"));
	free(msg);
	mime_msg_free(m);
}

/* File names: plain, quoted with escapes, RFC 2231 for UTF-8, continued
 * over lines when long; refused with '/' or a control character. */
static void test_filenames(void **state)
{
	struct mime_msg *m = mime_msg_new();
	struct diag d = { 0 };
	char *msg, *p, name[300] = "";
	size_t n;
	(void)state;

	mime_msg_set_from(m, "a@b.c", &d);
	mime_msg_set_date(m, 0, 0, &d);
	mime_msg_set_text(m, "hi", 2, &d);
	for (int i = 0; i < 8; i++)
		strcat(name, "Ежемесячный ");
	strcat(name, "отчёт.pdf");
	assert_int_equal(mime_msg_add_attachment(m, "application/pdf", "%PDF", 4, "a \"b\".pdf", &d), 0);
	assert_int_equal(mime_msg_add_attachment(m, "application/pdf", "%PDF", 4, name, &d), 0);
	msg = write_message(m, &n);
	assert_non_null(strstr(msg, "attachment; filename=\"a \\\"b\\\".pdf\"\r\n"));
	p = strstr(msg, " filename*0*=UTF-8''%D0%95");
	assert_non_null(p);
	assert_non_null(strstr(p, ";\r\n filename*1*=%"));
	assert_non_null(strstr(p, "\r\n filename*7*="));
	assert_lines(msg, n, 78, 0);
	free(msg);
	assert_int_equal(mime_msg_add_attachment(m, "application/pdf", "x", 1, "a/b.pdf", &d), -1);
	assert_int_equal(d.code, EXIT_DATAERR);
	assert_int_equal(mime_msg_add_attachment(m, "application/pdf", "x", 1, "a\x01" "b.pdf", &d), -1);
	assert_string_equal(d.msg, "the file name has a control character (U+0001)");
	assert_int_equal(mime_msg_add_attachment(m, "application/pdf", "x", 1, "", &d), -1);
	assert_int_equal(mime_msg_add_attachment(m, "application/pdf", "x", 1, NULL, &d), -1);
	assert_int_equal(mime_msg_add_attachment(m, "pdf", "x", 1, "a.pdf", &d), -1);
	assert_int_equal(d.code, EXIT_SOFTWARE);
	mime_msg_free(m);
}

/* Display names: atoms as they are, quoted when they must be, encoded
 * when not ASCII or too long to quote; many recipients fold at commas. */
static void test_address_fields(void **state)
{
	struct mime_msg *m = mime_msg_new();
	struct diag d = { 0 };
	char *msg, addr[64];
	size_t n;
	(void)state;

	mime_msg_set_from(m, "Ann Lee <ann@example.org>", &d);
	mime_msg_set_date(m, 0, 0, &d);
	mime_msg_set_text(m, "hi", 2, &d);
	mime_msg_add_to(m, "J. R. Smith <j@x.org>", &d);
	mime_msg_add_to(m, "\"Dr \\\"Q\\\"\" <q@x.org>", &d);
	mime_msg_add_to(m, "\"Ministry of Foreign Affairs of the Republic of Belarus, Department "
			   "of Economic Diplomacy\" <mfa@example.by>", &d);
	mime_msg_add_cc(m, "Ann  \t Lee <ann@example.org>", &d);
	for (int i = 0; i < 10; i++) {
		snprintf(addr, sizeof addr, "recipient%d@trade-mission.example.org", i);
		assert_int_equal(mime_msg_add_cc(m, addr, &d), 0);
	}
	msg = write_message(m, &n);
	assert_non_null(strstr(msg, "From: Ann Lee <ann@example.org>\r\n"));
	assert_non_null(strstr(msg, "To: \"J. R. Smith\" <j@x.org>, \"Dr \\\"Q\\\"\" <q@x.org>, "
				    "=?UTF-8?Q?Ministry_of?=\r\n =?UTF-8?Q?_Foreign_Affairs"));
	assert_non_null(strstr(msg, "_Diplomacy?= <mfa@example.by>\r\nCc: "));
	assert_non_null(strstr(msg, "Cc: Ann Lee <ann@example.org>, recipient0@trade-mission.example.org,\r\n"
				    " recipient1@"));
	assert_lines(msg, n, 78, 0);
	free(msg);
	mime_msg_free(m);
}

static void test_message_errors(void **state)
{
	struct mime_msg *m = mime_msg_new();
	struct diag d = { 0 };
	char *msg = NULL, cid[MIME_CID_MAX + 1], cid2[MIME_CID_MAX + 1], html[600];
	size_t n;
	(void)state;

	assert_int_equal(mime_msg_write(m, &msg, &n, &d), -1);
	assert_int_equal(d.code, EXIT_USAGE);
	assert_string_equal(d.msg, "a message needs a From address");
	assert_int_equal(mime_msg_set_from(m, "a@b", &d), 0);
	assert_int_equal(mime_msg_write(m, &msg, &n, &d), -1);
	assert_string_equal(d.msg, "a message needs a Date");
	assert_int_equal(mime_msg_set_date(m, 0, 0, &d), 0);
	assert_int_equal(mime_msg_write(m, &msg, &n, &d), -1);
	assert_string_equal(d.msg, "a message needs a text or HTML body");
	assert_int_equal(mime_msg_set_date(m, 0, 5000, &d), -1);
	assert_int_equal(mime_msg_set_text(m, "a\xc3", 2, &d), -1);
	assert_string_equal(d.msg, "the text is not UTF-8 (byte 2)");
	assert_int_equal(mime_msg_set_subject(m, "a\rb", &d), -1);
	assert_int_equal(d.col, 2);
	assert_int_equal(mime_msg_set_language(m, "az-Latn", &d), 0);
	assert_int_equal(mime_msg_set_language(m, "en_GB", &d), -1);
	assert_string_equal(d.msg, "\"en_GB\" is not a language tag");
	assert_int_equal(mime_msg_set_language(m, "toolonglang", &d), -1);
	assert_int_equal(mime_msg_set_language(m, "", &d), -1);
	assert_int_equal(mime_msg_set_language(m, "a1-b", &d), -1);
	assert_int_equal(mime_msg_set_language(m, "az-", &d), -1);
	assert_int_equal(mime_msg_set_language(m, "az--x", &d), -1);
	assert_int_equal(mime_msg_set_language(m, "ru-RU-x-1a", &d), 0);
	assert_int_equal(mime_msg_add_to(m, "no address", &d), -1);
	assert_int_equal(mime_msg_set_from(m, "bad", &d), -1);
	assert_int_equal(d.col, 4);
	assert_int_equal(mime_msg_set_text(m, "hi", 2, &d), 0);
	/* Content-IDs: checked, unique, derived ones shared by the same bytes */
	assert_int_equal(mime_msg_add_inline(m, "image/png", "1", 1, NULL, "a b@c", NULL, 0, &d), -1);
	assert_int_equal(d.code, EXIT_SOFTWARE);
	assert_int_equal(mime_msg_add_inline(m, "image/png", "1", 1, NULL, "x.@c", NULL, 0, &d), -1);
	assert_int_equal(mime_msg_add_inline(m, "image/png", "1", 1, NULL, "nodomain", NULL, 0, &d), -1);
	assert_int_equal(mime_msg_add_inline(m, "image/png", "1", 1, NULL, NULL, cid, sizeof cid, &d), 0);
	assert_int_equal(mime_msg_add_inline(m, "image/png", "1", 1, "x.png", NULL, cid2, sizeof cid2, &d), 0);
	assert_string_equal(cid, cid2);
	assert_int_equal(mime_msg_add_inline(m, "image/png", "2", 1, NULL, "img@x", NULL, 0, &d), 0);
	assert_int_equal(mime_msg_add_inline(m, "image/png", "3", 1, NULL, "img@x", NULL, 0, &d), -1);
	assert_string_equal(d.msg, "two inline images are cid:img@x");
	/* images without HTML; HTML that misses one or names one too many */
	assert_int_equal(mime_msg_write(m, &msg, &n, &d), -1);
	assert_string_equal(d.msg, "inline images need an HTML body");
	mime_msg_set_html(m, "<img src=\"cid:img@x\">", 20, &d);
	assert_int_equal(mime_msg_write(m, &msg, &n, &d), -1);
	assert_true(strstr(d.msg, "is not referred to in the HTML") != NULL);
	snprintf(html, sizeof html, "<img src=\"cid:img@x\"><img src=\"cid:%s\"><img src=\"cid:zz@x\">", cid);
	mime_msg_set_html(m, html, strlen(html), &d);
	assert_int_equal(mime_msg_write(m, &msg, &n, &d), -1);
	assert_string_equal(d.msg, "the HTML refers to cid:zz@x, which is no inline image");
	assert_null(msg);
	/* prose that mentions cid: is no reference */
	snprintf(html, sizeof html, "<img src=\"cid:img@x\"><p>cid:zz@x</p><img src=\"cid:%s\">", cid);
	mime_msg_set_html(m, html, strlen(html), &d);
	assert_int_equal(mime_msg_write(m, &msg, &n, &d), 0);
	free(msg);
	mime_msg_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_base64_vectors),
		cmocka_unit_test(test_base64_lines),
		cmocka_unit_test(test_qp_cases),
		cmocka_unit_test(test_qp_roundtrip),
		cmocka_unit_test(test_header_plain),
		cmocka_unit_test(test_header_cyrillic),
		cmocka_unit_test(test_header_azerbaijani),
		cmocka_unit_test(test_header_long_words),
		cmocka_unit_test(test_header_errors),
		cmocka_unit_test(test_mailbox_accept),
		cmocka_unit_test(test_mailbox_reject),
		cmocka_unit_test(test_mailbox_list),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_message_full),
		cmocka_unit_test(test_message_deterministic),
		cmocka_unit_test(test_message_shapes),
		cmocka_unit_test(test_filenames),
		cmocka_unit_test(test_address_fields),
		cmocka_unit_test(test_message_errors),
	};

	setlocale(LC_ALL, "");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
