/* mime_addr — mailboxes: RFC 5322 3.4 addresses with display names
 * (include/mime.h, src/mime_int.h). */
#include "mime.h"
#include "mime_int.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"

void mime_mailbox_clear(struct mime_mailbox *mb)
{
	free(mb->name);
	free(mb->addr);
	memset(mb, 0, sizeof *mb);
}

static int addr_fail(struct diag *d, const char *text, size_t at, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* d for text, which is no address because of fmt…, at byte at. */
static int addr_fail(struct diag *d, const char *text, size_t at, const char *fmt, ...)
{
	char why[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof why, fmt, ap);
	va_end(ap);
	diag_error(d, EXIT_DATAERR, NULL, 0, 0, "\"%.400s\" is not an e-mail address: %s", text, why);
	d->col = (int)utf8_count(text, at) + 1;
	return -1;
}

/* A character that is not allowed where it is, where = "in the domain". */
static int addr_bad_char(struct diag *d, const char *text, size_t at, const char *where)
{
	unsigned char c = (unsigned char)text[at];

	if (c >= 0x80)
		return addr_fail(d, text, at, "only ASCII is allowed in the address itself "
				 "(an internationalised domain goes in its xn-- form)");
	if (mime_is_wsp(c))
		return addr_fail(d, text, at, "white space is not allowed %s", where);
	return addr_fail(d, text, at, "'%c' is not allowed %s", c, where);
}

/* A dot-atom (RFC 5322 3.2.3) from s + *i: atext runs joined by single
 * dots.  Stops before the first character that cannot continue it, which
 * may be the first (an empty dot-atom: the caller says why that is
 * wrong); -1 with d filled for a dot out of place. */
static int dot_atom(const char *s, size_t *i, const char *what, struct diag *d)
{
	size_t p = *i;

	if (s[p] == '.')
		return addr_fail(d, s, p, "'.' at the start of the %s", what);
	while (mime_is_atext((unsigned char)s[p])) {
		while (mime_is_atext((unsigned char)s[p]))
			p++;
		if (s[p] != '.')
			break;
		if (s[p + 1] == '.')
			return addr_fail(d, s, p + 1, "two dots in a row");
		if (!mime_is_atext((unsigned char)s[p + 1]))
			return addr_fail(d, s, p, "'.' at the end of the %s", what);
		p++;
	}
	*i = p;
	return 0;
}

/* A quoted-string local part from the '"' at s + *i to past its end. */
static int quoted_local(const char *s, size_t *i, struct diag *d)
{
	size_t p = *i + 1;

	for (;;) {
		unsigned char c = (unsigned char)s[p];

		if (c == '\0' || (c == '\\' && s[p + 1] == '\0'))
			return addr_fail(d, s, *i, "the quoted local part has no closing '\"'");
		if (c == '"')
			break;
		if (c >= 0x80 || (c == '\\' && (unsigned char)s[p + 1] >= 0x80))
			return addr_bad_char(d, s, c == '\\' ? p + 1 : p, "");
		p += c == '\\' ? 2 : 1;
	}
	*i = p + 1;
	return 0;
}

/* An addr-spec from s + *i; *i ends past it, *at is its '@'. */
static int addr_spec(const char *s, size_t *i, size_t *at, struct diag *d)
{
	size_t start = *i, p = *i, dom;

	if (s[p] == '"' ? quoted_local(s, &p, d) < 0 : dot_atom(s, &p, "local part", d) < 0)
		return -1;
	if (s[p] != '@') {
		if (s[p] == '\0' || s[p] == '>')
			return addr_fail(d, s, p, "no '@'");
		if (mime_is_wsp((unsigned char)s[p]) && s[start] != '"')
			return addr_fail(d, s, p, "white space in the local part (a display name "
					 "goes before the address in <>)");
		return addr_bad_char(d, s, p, "in the local part");
	}
	if (p == start)
		return addr_fail(d, s, p, "nothing before '@'");
	if (p - start > 64)
		return addr_fail(d, s, start + 64, "the local part is longer than 64 characters");
	*at = p;
	dom = ++p;
	if (s[p] == '[') {
		for (p++; s[p] != ']'; p++) {
			unsigned char c = (unsigned char)s[p];

			if (c == '\0')
				return addr_fail(d, s, dom, "the domain literal has no closing ']'");
			if (c < 33 || c > 126 || c == '[' || c == '\\')
				return addr_bad_char(d, s, p, "in a domain literal");
		}
		p++;
	} else {
		if (dot_atom(s, &p, "domain", d) < 0)
			return -1;
		if (p == dom && (s[p] == '\0' || s[p] == '>' || mime_is_wsp((unsigned char)s[p])))
			return addr_fail(d, s, p, "nothing after '@'");
	}
	if (p - dom > 255)
		return addr_fail(d, s, dom + 255, "the domain is longer than 255 characters");
	*i = p;
	return 0;
}

/* The display name in s[*i..end): words (atoms, which may hold UTF-8 and
 * dots as people write them, and quoted strings) into name, white space
 * between them as one space. */
static int phrase(const char *s, size_t *i, size_t end, struct strbuf *name, struct diag *d)
{
	size_t p = *i;
	int space = 0;

	while (p < end) {
		unsigned char c = (unsigned char)s[p];

		if (mime_is_wsp(c)) {
			space = 1;
			p++;
			continue;
		}
		if (space && name->n)
			strbuf_str(name, " ");
		space = 0;
		if (c == '"') {
			for (p++; p < end && s[p] != '"'; p++) {
				if (s[p] == '\\')
					p++;
				strbuf_add(name, s + p, 1);
			}
			p++;
		} else if (c == '(') {
			return addr_fail(d, s, p, "comments in parentheses are not supported");
		} else if (mime_is_atext(c) || c == '.' || c >= 0x80) {
			size_t q = p;

			while (q < end && (mime_is_atext((unsigned char)s[q]) || s[q] == '.' ||
					   (unsigned char)s[q] >= 0x80))
				q++;
			strbuf_add(name, s + p, q - p);
			p = q;
		} else {
			return addr_fail(d, s, p, "'%c' is not allowed in a display name "
					 "(put the name in double quotes)", c);
		}
	}
	*i = p;
	return 0;
}

/* Where the first '<' outside a quoted string is, or -1. */
static long find_angle(const char *s)
{
	int quoted = 0;

	for (size_t i = 0; s[i]; i++) {
		if (quoted && s[i] == '\\' && s[i + 1])
			i++;
		else if (s[i] == '"')
			quoted = !quoted;
		else if (!quoted && s[i] == '<')
			return (long)i;
	}
	return -1;
}

/* Parse one mailbox (see mime_mailbox_check) into mb. */
int mime_mailbox_parse(const char *text, struct mime_mailbox *mb, struct diag *d)
{
	long open = find_angle(text);
	struct strbuf name = { 0 };
	size_t p = 0, start, at = 0, end;

	memset(mb, 0, sizeof *mb);
	if (mime_check_text("the e-mail address", text, d) < 0)
		return -1;
	while (mime_is_wsp((unsigned char)text[p]))
		p++;
	if (!text[p])
		return addr_fail(d, text, p, "it is empty");
	if (open >= 0) {
		if (phrase(text, &p, (size_t)open, &name, d) < 0)
			goto fail;
		p = (size_t)open + 1;
		if (text[p] == '>') {
			addr_fail(d, text, p, "nothing in <>");
			goto fail;
		}
	}
	start = p;
	if (addr_spec(text, &p, &at, d) < 0)
		goto fail;
	end = p;
	if (open >= 0 && text[p] != '>') {
		if (text[p] == '\0')
			addr_fail(d, text, p, "no closing '>'");
		else
			addr_bad_char(d, text, p, "in the domain");
		goto fail;
	}
	if (open < 0 && text[p] && !mime_is_wsp((unsigned char)text[p])) {
		addr_bad_char(d, text, p, "in the domain");
		goto fail;
	}
	p += open >= 0;
	while (mime_is_wsp((unsigned char)text[p]))
		p++;
	if (text[p]) {
		addr_fail(d, text, p, open >= 0 ? "text after '>'" : "text after the address");
		goto fail;
	}
	mb->addr = strndup(text + start, end - start);
	mb->domain = at + 1 - start;
	if (name.oom || !mb->addr) {
		strbuf_free(&name);
		mime_mailbox_clear(mb);
		return diag_oom(d);
	}
	mb->name = name.s; /* NULL when there was no name */
	return 0;
fail:
	strbuf_free(&name);
	return -1;
}

int mime_mailbox_check(const char *text, struct diag *d)
{
	struct mime_mailbox mb;

	if (mime_mailbox_parse(text, &mb, d) < 0)
		return -1;
	mime_mailbox_clear(&mb);
	return 0;
}

void mime_mailbox_list_free(char **v, size_t n)
{
	for (size_t i = 0; v && i < n; i++)
		free(v[i]);
	free(v);
}

/* Where the comma ending the list item at s + i is (or the NUL): the first
 * comma outside a quoted string, <> and a [domain literal]. */
static size_t list_item_end(const char *s, size_t i)
{
	int quoted = 0, angle = 0, literal = 0;

	for (; s[i]; i++) {
		if (quoted && s[i] == '\\' && s[i + 1])
			i++;
		else if (s[i] == '"' && !literal)
			quoted = !quoted;
		else if (quoted)
			continue;
		else if (s[i] == '<')
			angle = 1;
		else if (s[i] == '>')
			angle = 0;
		else if (s[i] == '[')
			literal = 1;
		else if (s[i] == ']')
			literal = 0;
		else if (s[i] == ',' && !angle && !literal)
			break;
	}
	return i;
}

/* Whether text[a, b) is white space only. */
static int blank_span(const char *text, size_t a, size_t b)
{
	while (a < b && mime_is_wsp((unsigned char)text[a]))
		a++;
	return a == b;
}

int mime_mailbox_list(const char *text, char ***out, size_t *n, struct diag *d)
{
	char **v = NULL;
	size_t nv = 0, i = 0;

	*out = NULL;
	*n = 0;
	if (mime_check_text("the e-mail address", text, d) < 0)
		return -1;
	while (text[i]) {
		size_t start = i, end = list_item_end(text, i);
		char *item, **grown;

		/* "Ann, Lee <ann@x.org>": a piece without '@' is a display name
		 * cut at its comma; checked whole, it gets the advice to quote it */
		while (text[end] && !blank_span(text, start, end) &&
		       !memchr(text + start, '@', end - start))
			end = list_item_end(text, end + 1);
		i = text[end] ? end + 1 : end;
		if (blank_span(text, start, end))
			continue;
		while (mime_is_wsp((unsigned char)text[start]))
			start++;
		while (mime_is_wsp((unsigned char)text[end - 1]))
			end--;
		if (!(item = strndup(text + start, end - start)))
			goto oom;
		if (mime_mailbox_check(item, d) < 0) {
			d->col += (int)utf8_count(text, start);
			free(item);
			mime_mailbox_list_free(v, nv);
			return -1;
		}
		if (!(grown = realloc(v, (nv + 1) * sizeof *v))) {
			free(item);
			goto oom;
		}
		v = grown;
		v[nv++] = item;
	}
	*out = v;
	*n = nv;
	return 0;
oom:
	mime_mailbox_list_free(v, nv);
	return diag_oom(d);
}
