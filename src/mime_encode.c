/* mime_encode — header folding, RFC 2047 encoded-words,
 * RFC 2231 parameters, base64 and quoted-printable (include/mime.h,
 * src/mime_int.h). */
#include "mime.h"
#include "mime_int.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grow.h"
#include "utf8.h"

#define BODY_LINE 76   /* RFC 2045 6.7 and 6.8: QP and base64 lines */
#define WORD_MAX 75    /* RFC 2047 2: the longest encoded-word */
#define WORD_ROOM 20   /* fold before an encoded-word with less room than this */
#define PLAIN_WORD 900 /* a longer ASCII word in a header is encoded, to fold it */
#define QUOTED_MAX 70  /* a longer quoted display name is encoded, to fold it */
#define PARAM_PLAIN 60 /* a longer parameter value takes RFC 2231 sections */

static void add_hex(struct strbuf *b, char lead, unsigned char c)
{
	static const char hex[] = "0123456789ABCDEF";
	char t[3] = { lead, hex[c >> 4], hex[c & 15] };

	strbuf_add(b, t, 3);
}

/* ---- character classes ---- */

/* The text's first control character or invalid UTF-8 byte, or -1. */
static long text_bad_at(const char *s, size_t n)
{
	long bad = utf8_invalid_at(s, n);

	for (size_t i = 0; i < n && (bad < 0 || (long)i < bad); i++)
		if (mime_is_control((unsigned char)s[i]))
			return (long)i;
	return bad;
}

/* ---- headers: folding and RFC 2047 encoded-words ---- */

void mime_fold_begin(struct mime_fold *f, struct strbuf *b, const char *name)
{
	f->b = b;
	strbuf_str(b, name);
	strbuf_str(b, ":");
	f->col = strlen(name) + 1;
	f->first = 1;
}

/* Put a token after a space, folding first when it would not fit.  An
 * empty token (from two spaces in a row) never folds, so no line holds
 * only white space. */
void mime_fold_token(struct mime_fold *f, const char *t, size_t n)
{
	if (!f->first && n > 0 && f->col + 1 + n > MIME_HDR_LINE) {
		strbuf_str(f->b, "\r\n ");
		f->col = 1;
	} else {
		strbuf_str(f->b, " ");
		f->col++;
	}
	strbuf_add(f->b, t, n);
	f->col += n;
	f->first = 0;
}

void mime_fold_end(struct mime_fold *f)
{
	strbuf_str(f->b, "\r\n");
}

void mime_fold_buf(struct mime_fold *f, struct strbuf *t)
{
	if (t->oom)
		f->b->oom = 1; /* the field is incomplete: so is the message */
	else
		mime_fold_token(f, t->s ? t->s : "", t->n);
	strbuf_free(t);
}

/* s as an RFC 5322 quoted-string: '"' and '\\' escaped. */
static void buf_quoted(struct strbuf *b, const char *s)
{
	strbuf_str(b, "\"");
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			strbuf_str(b, "\\");
		strbuf_add(b, s, 1);
	}
	strbuf_str(b, "\"");
}

/* How long the next token may be to stay on this line, or on a fresh one
 * when less than WORD_ROOM is left here; at most WORD_MAX. */
static size_t fold_room(const struct mime_fold *f)
{
	size_t room = f->col + 1 < MIME_HDR_LINE ? MIME_HDR_LINE - f->col - 1 : 0;

	if (room < WORD_ROOM && !f->first)
		room = MIME_HDR_LINE - 1 - 1;
	return room < WORD_MAX ? room : WORD_MAX;
}

/* Bytes written literally in Q encoding: the characters RFC 2047 5(3)
 * allows in a phrase, so one rule serves Subject and display names. */
static int q_literal(int c)
{
	return mime_is_alnum(c) || c == '!' || c == '*' || c == '+' || c == '-' || c == '/';
}

static size_t q_cost(const unsigned char *s, size_t n)
{
	size_t k = 0;

	for (size_t i = 0; i < n; i++)
		k += q_literal(s[i]) || s[i] == ' ' ? 1 : 3;
	return k;
}

static size_t b_cost(size_t n)
{
	return (n + 2) / 3 * 4;
}

static const char b64_digits[] =
	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/* Base64 of s[0..n) without line breaks. */
static void b64_run(struct strbuf *b, const unsigned char *s, size_t n)
{
	for (size_t i = 0; i < n; i += 3) {
		unsigned v = (unsigned)s[i] << 16;
		char t[4];

		if (i + 1 < n)
			v |= (unsigned)s[i + 1] << 8;
		if (i + 2 < n)
			v |= s[i + 2];
		t[0] = b64_digits[v >> 18];
		t[1] = b64_digits[(v >> 12) & 63];
		t[2] = i + 1 < n ? b64_digits[(v >> 6) & 63] : '=';
		t[3] = i + 2 < n ? b64_digits[v & 63] : '=';
		strbuf_add(b, t, 4);
	}
}

/* Where an encoded-word of s from i, with avail characters of payload,
 * ends: after as many whole characters as fit (RFC 2047 5: each word must
 * decode on its own), or before a space of the text when one is in the
 * last two thirds, the space then starting the next word.  Decoders that
 * wrongly keep the white space between two words (CPython's address parser
 * before gh-128110, for one) then show a double space between two words,
 * not a space inside a word. */
static size_t ew_end(const char *s, size_t n, size_t i, size_t avail, int use_b)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t j = i, k;

	while (j < n) {
		uint32_t cp;
		size_t len = (size_t)utf8_decode(s + j, n - j, &cp);
		size_t cost = use_b ? b_cost(j + len - i) : q_cost(u + i, j + len - i);

		if (cost > avail && j > i)
			break;
		j += len;
	}
	if (j == n)
		return j;
	for (k = j; k > i && s[k] != ' '; k--)
		;
	return k > i && (k - i) * 3 >= j - i ? k : j;
}

/* The whole of s[0..n) as encoded-words, B or Q whichever is shorter
 * (Q on a tie: it stays readable), each as long as the line allows and at
 * most WORD_MAX.  The white space between words is no part of the text
 * (RFC 2047 6.2), so the text's own spaces are encoded inside the words.
 * A word that would have to end inside a word of the text goes to a fresh
 * line instead, where it has all of WORD_MAX. */
static void fold_encoded(struct mime_fold *f, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	int use_b = b_cost(n) < q_cost(u, n);
	size_t i = 0;

	while (i < n) {
		size_t room = fold_room(f), j = ew_end(s, n, i, room - 12, use_b);
		struct strbuf w = { 0 };

		if (j < n && s[j] != ' ' && room < WORD_MAX && !f->first)
			j = ew_end(s, n, i, WORD_MAX - 12, use_b);
		strbuf_str(&w, use_b ? "=?UTF-8?B?" : "=?UTF-8?Q?");
		if (use_b)
			b64_run(&w, u + i, j - i);
		for (size_t k = i; !use_b && k < j; k++) {
			if (q_literal(u[k]))
				strbuf_add(&w, s + k, 1);
			else if (u[k] == ' ')
				strbuf_str(&w, "_");
			else
				add_hex(&w, '=', u[k]);
		}
		strbuf_str(&w, "?=");
		mime_fold_buf(f, &w);
		i = j;
	}
}

/* Whether s can go into a header as it is: printable ASCII (and tabs),
 * nothing a decoder would take for an encoded-word, no word too long to
 * fold within MIME_ANY_LINE. */
static int header_plain(const char *s)
{
	size_t word = 0;

	if (strstr(s, "=?"))
		return 0;
	for (const char *p = s; *p; p++) {
		if ((unsigned char)*p > 126)
			return 0;
		word = *p == ' ' ? 0 : word + 1;
		if (word > PLAIN_WORD)
			return 0;
	}
	return 1;
}

/* An unstructured value (Subject): its space-separated words, or
 * encoded-words when it is not plain ASCII. */
void mime_fold_unstructured(struct mime_fold *f, const char *s)
{
	if (!*s)
		return; /* "Subject:" alone, not "Subject: " with a space at the end */
	if (!header_plain(s)) {
		fold_encoded(f, s, strlen(s));
		return;
	}
	for (;;) {
		const char *sp = strchr(s, ' ');
		size_t n = sp ? (size_t)(sp - s) : strlen(s);

		mime_fold_token(f, s, n);
		if (!sp)
			break;
		s = sp + 1;
	}
}

/* A display name (RFC 5322 phrase): atoms as they are, printable ASCII
 * as one quoted-string, anything else (UTF-8, or a quoted string too long
 * to stay on a line) as encoded-words. */
void mime_fold_phrase(struct mime_fold *f, const char *name)
{
	size_t n = strlen(name);
	int atoms = 1, ascii = 1;

	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)name[i];

		atoms &= mime_is_atext(c) || c == ' ';
		ascii &= c >= 32 && c <= 126;
	}
	if (atoms && header_plain(name)) {
		mime_fold_unstructured(f, name);
	} else if (ascii && n + 2 <= QUOTED_MAX) {
		struct strbuf q = { 0 };

		buf_quoted(&q, name);
		mime_fold_buf(f, &q);
	} else {
		fold_encoded(f, name, n);
	}
}

/* RFC 2231 attribute-char: kept as it is in an extended parameter value. */
static int is_attr_char(int c)
{
	return mime_is_alnum(c) || (c && strchr("!#$&+-.^_`|~", c));
}

/* One parameter, ";" after it unless it is the last: attr="value" for
 * short printable ASCII, else RFC 2231 attr*=UTF-8''%XX… split into
 * numbered sections (attr*0*=, attr*1*= …) of whole characters so that
 * each fits on a folded line. */
void mime_fold_param(struct mime_fold *f, const char *attr, const char *value, int last)
{
	const unsigned char *u = (const unsigned char *)value;
	size_t n = strlen(value), i = 0, sections = 0;
	int plain = n <= PARAM_PLAIN;
	struct strbuf t = { 0 };

	for (size_t k = 0; k < n; k++)
		plain &= u[k] >= 32 && u[k] <= 126;
	if (plain) {
		strbuf_str(&t, attr);
		strbuf_str(&t, "=");
		buf_quoted(&t, value);
		strbuf_str(&t, last ? "" : ";");
		mime_fold_buf(f, &t);
		return;
	}
	while (i < n) {
		/* the room on a folded line: " ATTR*NN*=UTF-8''…;" */
		size_t j = i, piece = 0, room = MIME_HDR_LINE - 2 - strlen(attr) - 1 -
						  (sections == 0 ? 12 : 5);
		char label[32];

		while (j < n) {
			uint32_t cp;
			size_t k = (size_t)utf8_decode(value + j, n - j, &cp), c = 0;

			for (size_t m = j; m < j + k; m++)
				c += is_attr_char(u[m]) ? 1 : 3;
			if (piece + c > room && j > i)
				break;
			piece += c;
			j += k;
		}
		if (sections == 0 && j == n)
			snprintf(label, sizeof label, "*=UTF-8''");
		else
			snprintf(label, sizeof label, "*%zu*=%s", sections, sections ? "" : "UTF-8''");
		strbuf_str(&t, attr);
		strbuf_str(&t, label);
		for (size_t m = i; m < j; m++) {
			if (is_attr_char(u[m]))
				strbuf_add(&t, value + m, 1);
			else
				add_hex(&t, '%', u[m]);
		}
		strbuf_str(&t, last && j == n ? "" : ";");
		mime_fold_buf(f, &t); /* and t is empty again */
		sections++;
		i = j;
	}
}

/* ---- the encoders alone ---- */

int mime_base64(const void *data, size_t len, char **out, size_t *outlen, struct diag *d)
{
	const unsigned char *u = data;
	struct strbuf b = { 0 };

	/* 57 bytes are one line of 76 characters */
	for (size_t i = 0; i < len; i += 57) {
		if (i)
			strbuf_str(&b, "\r\n");
		b64_run(&b, u + i, len - i < 57 ? len - i : 57);
	}
	return strbuf_take(&b, out, outlen, d);
}

static int qp_literal(int c)
{
	return c >= 33 && c <= 126 && c != '=';
}

/* One line of text (no line break in it) as quoted-printable lines. */
static void qp_line(struct strbuf *b, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t col = 0;

	for (size_t k = 0; k < n;) {
		uint32_t cp;
		size_t len = (size_t)utf8_decode(s + k, n - k, &cp), el = 0;
		int last = k + len == n;

		/* the character as a whole: a soft break never splits it */
		for (size_t m = k; m < k + len; m++)
			el += qp_literal(u[m]) || (mime_is_wsp(u[m]) && !last) ? 1 : 3;
		if (col + el > BODY_LINE - 1 && !(last && col + el <= BODY_LINE)) {
			strbuf_str(b, "=\r\n");
			col = 0;
		}
		if (col == 0 && n - k >= 5 && memcmp(s + k, "From ", 5) == 0) {
			strbuf_str(b, "=46"); /* mbox readers would turn it into ">From " */
			col += 3;
			k++;
			continue;
		}
		for (size_t m = k; m < k + len; m++) {
			if (qp_literal(u[m]) || (mime_is_wsp(u[m]) && !last))
				strbuf_add(b, s + m, 1);
			else
				add_hex(b, '=', u[m]);
		}
		col += el;
		k += len;
	}
}

int mime_qp(const char *text, size_t len, char **out, size_t *outlen, struct diag *d)
{
	struct strbuf b = { 0 };
	size_t i = 0;

	for (;;) {
		size_t e = i;

		while (e < len && text[e] != '\n' && text[e] != '\r')
			e++;
		qp_line(&b, text + i, e - i);
		if (e == len)
			break;
		strbuf_str(&b, "\r\n");
		i = e + (text[e] == '\r' && e + 1 < len && text[e + 1] == '\n' ? 2 : 1);
		if (i == len)
			break;
	}
	return strbuf_take(&b, out, outlen, d);
}

/* value without its leading and trailing white space, malloc'ed. */
char *mime_trim_dup(const char *value)
{
	size_t n;

	while (mime_is_wsp(*value))
		value++;
	n = strlen(value);
	while (n > 0 && mime_is_wsp(value[n - 1]))
		n--;
	return strndup(value, n);
}

/* Fill d for a control character or invalid UTF-8 in s, with its column. */
int mime_check_text(const char *what, const char *s, struct diag *d)
{
	long bad = text_bad_at(s, strlen(s));
	unsigned char c;

	if (bad < 0)
		return 0;
	c = (unsigned char)s[bad];
	if (mime_is_control(c))
		diag_error(d, EXIT_DATAERR, NULL, 0, 0, "%s has a control character (U+%04X)", what, c);
	else
		diag_error(d, EXIT_DATAERR, NULL, 0, 0, "%s is not UTF-8", what);
	d->col = (int)utf8_count(s, (size_t)bad) + 1;
	return -1;
}

static int header_name_ok(const char *name)
{
	size_t n = strlen(name);

	for (size_t i = 0; i < n; i++)
		if (name[i] < 33 || name[i] > 126 || name[i] == ':')
			return 0;
	return n > 0 && n <= BODY_LINE;
}

int mime_header(const char *name, const char *value, char **out, size_t *outlen,
		struct diag *d)
{
	struct strbuf b = { 0 };
	struct mime_fold f;
	char *v;

	if (!header_name_ok(name)) {
		diag_error(d, EXIT_SOFTWARE, NULL, 0, 0, "\"%s\" is not a header field name", name);
		return -1;
	}
	if (mime_check_text(name, value, d) < 0)
		return -1;
	if (!(v = mime_trim_dup(value)))
		return diag_oom(d);
	mime_fold_begin(&f, &b, name);
	mime_fold_unstructured(&f, v);
	mime_fold_end(&f);
	free(v);
	return strbuf_take(&b, out, outlen, d);
}
