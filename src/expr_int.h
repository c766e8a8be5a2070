/* expr_int — what expr.c lends expr_set.c: the errors both report the
 * same way.  Not for other modules. */
#ifndef BRIEFING_EXPR_INT_H
#define BRIEFING_EXPR_INT_H

#include "expr.h"

/* An error (EXIT_DATAERR) at file column col of e's line. */
void expr_error_col(const struct expr *e, int col, struct diag *d, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* "undefined name" for r, a name e uses, at its first use; with a hint when
 * the name has a '-' between parts that defined() knows (or numbers): "a-b"
 * meant "a - b". */
void expr_error_undefined(const struct expr *e, const struct expr_ref *r,
			  int (*defined)(void *ctx, const char *name), void *ctx, struct diag *d);

#endif
