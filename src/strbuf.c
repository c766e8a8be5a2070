/* strbuf — a growing byte string (include/strbuf.h). */
#include "strbuf.h"

#include <stdlib.h>
#include <string.h>

#include "grow.h"

void strbuf_add(struct strbuf *b, const void *p, size_t n)
{
	if (b->oom)
		return;
	if (grow_array(&b->s, &b->cap, b->n + n + 1, 1) < 0) {
		b->oom = 1;
		return;
	}
	memcpy(b->s + b->n, p, n);
	b->n += n;
	b->s[b->n] = '\0';
}

void strbuf_str(struct strbuf *b, const char *s)
{
	strbuf_add(b, s, strlen(s));
}

void strbuf_free(struct strbuf *b)
{
	free(b->s);
	memset(b, 0, sizeof *b);
}

int strbuf_take(struct strbuf *b, char **out, size_t *len, struct diag *d)
{
	if (!b->oom && !b->s)
		strbuf_add(b, "", 0);
	if (b->oom) {
		strbuf_free(b);
		return diag_oom(d);
	}
	*out = b->s;
	if (len)
		*len = b->n;
	memset(b, 0, sizeof *b);
	return 0;
}
