/* utf8 — small UTF-8 helpers (include/utf8.h). */
#include "utf8.h"

#include <stdlib.h>
#include <string.h>

/* Length of the valid sequence starting at s (at most len bytes) and its code
 * point in *cp, or 0 when the bytes there are not well-formed UTF-8 (RFC 3629:
 * no overlongs, no surrogates, nothing above U+10FFFF). */
static int utf8_seq(const unsigned char *s, size_t len, uint32_t *cp)
{
	unsigned c = s[0];
	uint32_t v;
	int n;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xc2 && c <= 0xdf) {
		n = 2;
		v = c & 0x1f;
	} else if (c >= 0xe0 && c <= 0xef) {
		n = 3;
		v = c & 0x0f;
	} else if (c >= 0xf0 && c <= 0xf4) {
		n = 4;
		v = c & 0x07;
	} else {
		return 0;
	}
	if ((size_t)n > len)
		return 0;
	for (int i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		v = (v << 6) | (s[i] & 0x3f);
	}
	if ((n == 3 && v < 0x800) || (n == 4 && v < 0x10000) || v > 0x10ffff ||
	    (v >= 0xd800 && v <= 0xdfff))
		return 0;
	*cp = v;
	return n;
}

/* Scans ASCII eight bytes at a time and checks every multibyte sequence
 * exactly (this runs over every byte of every CSV file). */
long utf8_invalid_at(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;
	uint32_t cp;

	while (i < len) {
		int n;

		if (len - i >= 8) {
			uint64_t w;

			memcpy(&w, u + i, 8);
			if (!(w & 0x8080808080808080ULL)) {
				i += 8;
				continue;
			}
		}
		if (u[i] < 0x80) {
			i++;
			continue;
		}
		n = utf8_seq(u + i, len - i, &cp);
		if (n == 0)
			return (long)i;
		i += (size_t)n;
	}
	return -1;
}

int utf8_decode(const char *s, size_t len, uint32_t *cp)
{
	int n;

	if (len == 0) {
		*cp = 0xfffd;
		return 1;
	}
	n = utf8_seq((const unsigned char *)s, len, cp);
	if (n == 0) {
		*cp = 0xfffd;
		return 1;
	}
	return n;
}

int utf8_encode(uint32_t cp, char *out)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xc0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xe0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	out[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

/* Counts code points as utf8_decode() would step through them. */
size_t utf8_count(const char *s, size_t len)
{
	size_t i = 0, n = 0;
	uint32_t cp;

	while (i < len) {
		i += (size_t)utf8_decode(s + i, len - i, &cp);
		n++;
	}
	return n;
}

/* Each invalid byte becomes U+FFFD (3 bytes), every valid sequence is copied:
 * at most 3 * len + 1 bytes. */
char *utf8_sanitize(const char *s, size_t len)
{
	char *out = malloc(3 * len + 1), *o = out;

	if (!out)
		return NULL;
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		int n = utf8_decode(s + i, len - i, &cp);

		if (cp == 0xFFFD && n == 1) {
			memcpy(o, "\xEF\xBF\xBD", 3);
			o += 3;
		} else {
			memcpy(o, s + i, (size_t)n);
			o += n;
		}
		i += (size_t)n;
	}
	*o = '\0';
	return out;
}

size_t utf8_cut(const char *s, size_t len, size_t max)
{
	size_t n = max;

	if (len <= max)
		return len;
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	return n ? n : max;
}

/* The next code point boundary after i (i < len). */
static size_t next_boundary(const char *s, size_t len, size_t i)
{
	do
		i++;
	while (i < len && ((unsigned char)s[i] & 0xC0) == 0x80);
	return i;
}

size_t utf8_fit_prefix(const char *s, size_t len, size_t min_chars, utf8_fits_fn fits,
		       void *ctx)
{
	size_t good = 0, bad, step = 1;

	for (size_t k = 0; k < min_chars && good < len; k++)
		good = next_boundary(s, len, good);
	/* gallop: good fits (or is forced); try 1, 2, 4, ... characters more */
	for (;;) {
		size_t p = good;
		for (size_t k = 0; k < step && p < len; k++)
			p = next_boundary(s, len, p);
		if (p == good)
			return good; /* all of s fits */
		if (!fits(ctx, p)) {
			bad = p;
			break;
		}
		good = p;
		step *= 2;
	}
	/* bisect at boundaries: good fits, bad does not */
	for (;;) {
		size_t mid = good + (bad - good) / 2;
		while (mid > good && ((unsigned char)s[mid] & 0xC0) == 0x80)
			mid--;
		if (mid == good)
			mid = next_boundary(s, len, good);
		if (mid >= bad)
			return good;
		if (fits(ctx, mid))
			good = mid;
		else
			bad = mid;
	}
}
