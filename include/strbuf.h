/* strbuf — a growing byte string, the one the modules build text in (a
 * MIME message, a link target, a code block's body, a substituted text).
 *
 * Running out of memory is sticky: once an addition fails, later ones do
 * nothing and oom stays set, so a caller adds freely and checks once at
 * the end (strbuf_take, or oom itself). */
#ifndef BRIEFING_STRBUF_H
#define BRIEFING_STRBUF_H

#include <stddef.h>

#include "diag.h"

struct strbuf {
	char *s;    /* the bytes, NUL-terminated once any were added (NULL before) */
	size_t n;   /* how many (the NUL not counted) */
	size_t cap; /* allocated bytes */
	int oom;    /* memory ran out: later additions do nothing */
};

/* Append p[0..n).  Adding 0 bytes to an empty string allocates it: s is
 * then "" rather than NULL. */
void strbuf_add(struct strbuf *b, const void *p, size_t n);

/* Append the NUL-terminated s. */
void strbuf_str(struct strbuf *b, const char *s);

/* Free the bytes and zero b (b's own storage is the caller's). */
void strbuf_free(struct strbuf *b);

/* Hand over b's bytes as *out (malloc'ed; an empty string for none) and
 * their count as *len (len may be NULL); b no longer owns them.  0, or -1
 * with d filled by diag_oom() when memory ran out on the way (b is freed
 * then). */
int strbuf_take(struct strbuf *b, char **out, size_t *len, struct diag *d);

#endif
