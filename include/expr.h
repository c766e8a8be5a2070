/* expr — computed values (issue 13's `expr:`): arithmetic over the names
 * of other values and numbers, parsed once when the spec is read and
 * evaluated after the data pass.
 *
 *   expr    := term (('+' | '-') term)*
 *   term    := unary (('*' | '/') unary)*
 *   unary   := ('-' | '+') unary | primary
 *   primary := NUMBER | NAME | FUNC '(' expr (',' expr)* ')' | '(' expr ')'
 *   FUNC    := abs (1 argument) | min, max (1 or more) | round (x, decimals)
 *
 * Operators are left-associative (8 - 3 - 2 is 3, 8 / 4 / 2 is 1).  There is
 * no power operator: '^' and '**' are errors at their column.  Numbers are
 * read with num_parse() ("1234.5", "2.5e3"; never "12,5"), whatever the C
 * locale.  A NAME starts with a letter or '_' and goes on with letters,
 * digits, '_' and '-' (the characters of value names, spec_is_name); a '-'
 * belongs to a name only between two name characters, so "a-b" is the one
 * name "a-b" while "a - b" and "a -b" subtract (an undefined "a-b" whose
 * parts are defined gets a hint saying so).  A value whose name starts with
 * a digit or '-' cannot be named in an expression.  A name followed by '('
 * is a function call; otherwise abs, min, max and round are names like any
 * other.
 *
 * Every error is a struct diag (EXIT_DATAERR; EXIT_SOFTWARE when out of
 * memory) at FILE:LINE:COL, COL pointing into the expression's text: the
 * caller gives the column where that text starts in the file.
 */
#ifndef BRIEFING_EXPR_H
#define BRIEFING_EXPR_H

#include <stddef.h>
#include "diag.h"

/* A parsed expression (opaque): its tree, its text and its location. */
struct expr;

/* A name an expression uses: each distinct name once, in order of first use. */
struct expr_ref {
	char *name;     /* the name as written (owned by the expr) */
	int col;        /* file column of its first use */
};

/* Parse text (a NUL-terminated line, UTF-8) written at file:line, starting at
 * column col0 (1-based; < 1 means 1).  file may be NULL.  Returns 0 and a new
 * expression in *out (free it with expr_free), or -1 with d filled and *out
 * NULL. */
int expr_parse(const char *text, const char *file, int line, int col0, struct expr **out,
	       struct diag *d);

/* Free an expression; NULL is fine. */
void expr_free(struct expr *e);

/* The names e uses (each once, first use first); *n gets their count. */
const struct expr_ref *expr_refs(const struct expr *e, size_t *n);

/* The text e was parsed from. */
const char *expr_text(const struct expr *e);

/* The value of a name that is not itself computed.  Returns 0 when name is a
 * value with a number (and, when out is not NULL, sets *out to it), 1 when it
 * is a value without one (a date: an error "is not a number" where it is
 * used), -1 when there is no such value.  out is NULL when only existence is
 * asked (expr_order(), e.g. under --check, before any data is read): then 0
 * or 1 both mean "defined". */
typedef int (*expr_lookup_fn)(void *ctx, const char *name, double *out);

/* Evaluate e, asking lookup for every name.  Errors at e's location: an
 * undefined name, a name that is not a number or not finite, division by zero (at the
 * divisor), a result too large for a double (at the operation), round()'s
 * decimals not a whole number from -15 to 15.  Returns 0 and *out (never -0),
 * or -1 with d filled. */
int expr_eval(const struct expr *e, expr_lookup_fn lookup, void *ctx, double *out,
	      struct diag *d);

/* One computed value of a set evaluated together. */
struct expr_item {
	const char *name;       /* the value's name (not owned) */
	const struct expr *e;   /* its expression (not owned) */
	double value;           /* expr_eval_all(): the result */
};

/* Check a set of computed values before evaluating it, in any order of
 * definition: every name used is an item of the set or known to lookup
 * (called with out NULL; lookup may be NULL: then only items are defined),
 * and no item depends on itself.  Errors: the first undefined name (items in
 * order, names in order of use), then a cycle, named from its member defined
 * first, at that member's use of the next one:
 *   "cycle in expr: a -> b -> c -> a"
 * On success order[0..n) (the caller's array of n) holds every item's index
 * once, each after all the items it uses.  When two items share a name the
 * first is the one used.  Returns 0 or -1 with d filled. */
int expr_order(const struct expr_item *items, size_t n, expr_lookup_fn lookup, void *ctx,
	       size_t *order, struct diag *d);

/* expr_order(), then every item evaluated in that order (a name that is an
 * item takes that item's result; any other goes to lookup), results in
 * items[i].value.  Returns 0, or -1 with d filled at the failing item. */
int expr_eval_all(struct expr_item *items, size_t n, expr_lookup_fn lookup, void *ctx,
		  struct diag *d);

#endif
