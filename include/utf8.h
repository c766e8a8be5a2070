/* utf8 — small UTF-8 helpers shared by data, spec and layout. */
#ifndef BRIEFING_UTF8_H
#define BRIEFING_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* Return the byte offset of the first invalid UTF-8 sequence in s[0..len)
 * (overlongs, surrogates and > U+10FFFF are invalid), or -1 if all valid. */
long utf8_invalid_at(const char *s, size_t len);

/* Decode one code point at s (at most len bytes); sets *cp, returns its byte
 * length (>= 1).  Invalid bytes decode as U+FFFD with length 1. */
int utf8_decode(const char *s, size_t len, uint32_t *cp);

/* Write code point cp (at most U+10FFFF) as UTF-8 into out, which has room
 * for 4 bytes; no NUL is added.  Returns the length, 1 to 4.  The caller
 * chooses what a surrogate or an out-of-range value should be (U+FFFD). */
int utf8_encode(uint32_t cp, char *out);

/* Number of code points in s[0..len) (for 1-based column numbers). */
size_t utf8_count(const char *s, size_t len);

/* A malloc'ed, NUL-terminated copy of s[0..len) with every invalid byte
 * replaced by U+FFFD, for consumers that must never see invalid UTF-8 (cairo
 * puts a font in a lasting error state when handed it).  NULL when out of
 * memory. */
char *utf8_sanitize(const char *s, size_t len);

/* The length of the longest prefix of s[0..len) of at most max bytes that
 * ends at a code point boundary (for cutting long text into slices); max
 * itself when there is none (not UTF-8). */
size_t utf8_cut(const char *s, size_t len, size_t max);

/* Whether the first n bytes of a string fit (utf8_fit_prefix's question). */
typedef int (*utf8_fits_fn)(void *ctx, size_t n);

/* The byte length of the longest prefix of s[0..len), cut at a code point
 * boundary and at least min_chars code points long (or all of s), for which
 * fits(ctx, n) holds; fits must be monotone (a longer prefix never fits when
 * a shorter one does not).  Galloping, then bisecting: fits is asked about
 * O(log m) prefixes none longer than about 2m bytes, m the answer, so the
 * cost follows what fits, not the length of s (a running header cut from a
 * 60,000-character heading measures about a hundred characters). */
size_t utf8_fit_prefix(const char *s, size_t len, size_t min_chars, utf8_fits_fn fits,
		       void *ctx);

#endif
