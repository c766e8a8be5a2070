/* numfmt — sign-dependent number formats (include/numfmt.h).  The number
 * itself is always printed by num_format_style(); this module only splits
 * the format, picks the section and decides what counts as zero. */
#include "numfmt.h"

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"

#define NUMFMT_MAX 3

static const char *const numfmt_names[NUMFMT_MAX] = { "positive", "negative", "zero" };

static int numfmt_is_space(char c)
{
	return c == ' ' || c == '\t';
}

/* The end of the conversion that starts at s[i] == '%' (not "%%"): flags,
 * width, precision and one character, whatever it is (num_format_check()
 * judges it).  Never past the end of s. */
static size_t numfmt_conv_end(const char *s, size_t i)
{
	uint32_t cp;

	for (i++; s[i] && strchr("-+ #0'", s[i]); i++)
		;
	while (s[i] >= '0' && s[i] <= '9')
		i++;
	if (s[i] == '.')
		for (i++; s[i] >= '0' && s[i] <= '9'; i++)
			;
	if (s[i])
		i += (size_t)utf8_decode(s + i, strlen(s + i), &cp);
	return i;
}

/* The sections of a format, unescaped and trimmed, in one buffer. */
struct numfmt_split {
	char *text;                     /* the sections, each NUL-terminated */
	const char *sec[NUMFMT_MAX];    /* into text */
	size_t n;                       /* how many (0 when more than NUMFMT_MAX) */
};

/* Split fmt at its unescaped ';' into sp; -1 when out of memory or when
 * there are more than three sections. */
static int numfmt_split(const char *fmt, struct numfmt_split *sp)
{
	size_t len = strlen(fmt), o = 0, start = 0;

	memset(sp, 0, sizeof *sp);
	if (!(sp->text = malloc(len + 1)))
		return -1;
	for (size_t i = 0;; i++) {
		if (fmt[i] == '\\' && (fmt[i + 1] == ';' || fmt[i + 1] == '\\')) {
			sp->text[o++] = fmt[++i];
			continue;
		}
		if (fmt[i] && fmt[i] != ';') {
			sp->text[o++] = fmt[i];
			continue;
		}
		if (sp->n == NUMFMT_MAX) {
			free(sp->text);
			sp->text = NULL;
			return -1;
		}
		/* trim the section text[start..o) */
		while (o > start && numfmt_is_space(sp->text[o - 1]))
			o--;
		while (start < o && numfmt_is_space(sp->text[start]))
			start++;
		sp->text[o] = '\0';
		sp->sec[sp->n++] = sp->text + start;
		if (!fmt[i])
			return 0;
		start = ++o;
	}
}

/* The conversion of section s: its offset and end in *at and *end; 0 when
 * there is none (only text and "%%"). */
static int numfmt_find_conv(const char *s, size_t *at, size_t *end)
{
	for (size_t i = 0; s[i]; i++) {
		if (s[i] != '%')
			continue;
		if (s[i + 1] == '%') {
			i++;
			continue;
		}
		*at = i;
		*end = numfmt_conv_end(s, i);
		return 1;
	}
	return 0;
}

/* Does v print as zero in section s?  Its conversion alone, of |v|: zero
 * when no digit 1-9 shows before an exponent.  Without a conversion, only
 * an exact 0 is zero. */
static int numfmt_prints_zero(const char *s, double v)
{
	char conv[64], num[512];
	size_t at, end;

	if (!isfinite(v))
		return 0;
	if (v == 0)
		return 1;
	if (!numfmt_find_conv(s, &at, &end) || end - at >= sizeof conv)
		return 0;
	memcpy(conv, s + at, end - at);
	conv[end - at] = '\0';
	if (num_format(num, sizeof num, conv, fabs(v)) < 0)
		return 0;
	for (const char *p = num; *p && *p != 'e' && *p != 'E'; p++)
		if (*p >= '1' && *p <= '9')
			return 0;
	return 1;
}

/* Section s of v into buf: its number, or its text alone ("%%" as '%'). */
static int numfmt_put(char *buf, size_t size, const struct num_style *st, const char *s,
		      double v)
{
	size_t at, end, o = 0;

	if (numfmt_find_conv(s, &at, &end))
		return num_format_style(buf, size, st, s, v);
	for (size_t i = 0; s[i] && o + 1 < size; i++) {
		if (s[i] == '%' && s[i + 1] == '%')
			i++;
		buf[o++] = s[i];
	}
	buf[o] = '\0';
	return 0;
}

int numfmt_format(char *buf, size_t size, const struct num_style *st, const char *fmt,
		  double v)
{
	struct numfmt_split sp;
	int rc, zero;
	size_t k;

	if (!buf || size == 0)
		return -1;
	buf[0] = '\0';
	if (!fmt || numfmt_check(fmt, NULL, 0, 1, NULL) < 0 || numfmt_split(fmt, &sp) < 0)
		return -1;
	if (sp.n == 1) {
		rc = num_format_style(buf, size, st, sp.sec[0],
				      numfmt_prints_zero(sp.sec[0], v) ? 0.0 : v);
	} else if (!isfinite(v)) {
		rc = numfmt_put(buf, size, st, sp.sec[0], v);
	} else {
		k = v < 0;
		zero = numfmt_prints_zero(sp.sec[k], v);
		if (zero)
			rc = numfmt_put(buf, size, st, sp.sec[sp.n == 3 ? 2 : 0], 0.0);
		else
			rc = numfmt_put(buf, size, st, sp.sec[k], fabs(v));
	}
	free(sp.text);
	if (rc < 0)
		buf[0] = '\0';
	return rc;
}

size_t numfmt_sections(const char *fmt)
{
	size_t n = 1;

	for (size_t i = 0; fmt && fmt[i]; i++) {
		if (fmt[i] == '\\' && (fmt[i + 1] == ';' || fmt[i + 1] == '\\'))
			i++;
		else if (fmt[i] == ';')
			n++;
	}
	return n;
}

/* Where the format being checked was written, for messages. */
struct numfmt_at {
	const char *fmt;
	const char *file;
	int line, col0;
	struct diag *d;         /* NULL: check only */
};

/* An error at byte offset off of the format; always -1. */
static int numfmt_fail(const struct numfmt_at *at, size_t off, const char *msg, ...)
	__attribute__((format(printf, 3, 4)));

static int numfmt_fail(const struct numfmt_at *at, size_t off, const char *msg, ...)
{
	char text[sizeof at->d->msg];
	va_list ap;

	if (!at->d)
		return -1;
	va_start(ap, msg);
	vsnprintf(text, sizeof text, msg, ap);
	va_end(ap);
	diag_error(at->d, EXIT_DATAERR, at->file, at->line,
		   at->col0 + (int)utf8_count(at->fmt, off), "%s", text);
	return -1;
}

/* Section k, fmt[a..b) (escapes and spaces included): each conversion
 * valid, at most one. */
static int numfmt_check_section(const struct numfmt_at *at, size_t a, size_t b, size_t k)
{
	const char *fmt = at->fmt;
	char conv[64];
	int nconv = 0;

	for (size_t i = a; i < b; i++) {
		size_t end;

		if (fmt[i] == '\\' && (fmt[i + 1] == ';' || fmt[i + 1] == '\\')) {
			i++;
			continue;
		}
		if (fmt[i] != '%')
			continue;
		if (fmt[i + 1] == '%') {
			i++;
			continue;
		}
		end = numfmt_conv_end(fmt, i);
		if (end > b)
			end = b;
		if (end - i < sizeof conv) {
			memcpy(conv, fmt + i, end - i);
			conv[end - i] = '\0';
		}
		if (end - i >= sizeof conv || num_format_check(conv) < 0)
			return numfmt_fail(at, i, "bad number conversion \"%.*s\" in the %s section "
					   "of format: expected one such as %%.1f",
					   (int)(end - i > 40 ? 40 : end - i), fmt + i, numfmt_names[k]);
		if (++nconv > 1)
			return numfmt_fail(at, i, "two numbers in the %s section of format: one "
					   "conversion per section", numfmt_names[k]);
		i = end - 1;
	}
	return 0;
}

int numfmt_check(const char *fmt, const char *file, int line, int col0, struct diag *d)
{
	struct numfmt_at at = { fmt, file, line, col0 < 1 ? 1 : col0, d };
	size_t a = 0, k = 0;

	if (!fmt)
		return -1;
	if (numfmt_sections(fmt) == 1) {
		if (num_format_check(fmt) == 0)
			return 0;
		if (d)
			diag_error(d, EXIT_DATAERR, file, line, at.col0, "bad format \"%s\": "
				   "expected one number conversion such as %%.1f", fmt);
		return -1;
	}
	for (size_t i = 0;; i++) {
		size_t p;

		if (fmt[i] == '\\' && (fmt[i + 1] == ';' || fmt[i + 1] == '\\')) {
			i++;
			continue;
		}
		if (fmt[i] && fmt[i] != ';')
			continue;
		if (k == NUMFMT_MAX)
			return numfmt_fail(&at, a - 1, "more than three sections in format "
					   "(positive;negative;zero)");
		for (p = a; p < i && numfmt_is_space(fmt[p]); p++)
			;
		if (p == i)
			return numfmt_fail(&at, k ? a - 1 : i, "empty %s section in format "
					   "(positive;negative;zero)", numfmt_names[k]);
		if (numfmt_check_section(&at, a, i, k) < 0)
			return -1;
		k++;
		if (!fmt[i])
			return 0;
		a = i + 1;
	}
}
