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

/* Number of code points in s[0..len) (for 1-based column numbers). */
size_t utf8_count(const char *s, size_t len);

/* A malloc'ed, NUL-terminated copy of s[0..len) with every invalid byte
 * replaced by U+FFFD, for consumers that must never see invalid UTF-8 (cairo
 * puts a font in a lasting error state when handed it).  NULL when out of
 * memory. */
char *utf8_sanitize(const char *s, size_t len);

#endif
