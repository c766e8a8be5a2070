/* expr_set — a set of computed values evaluated together (expr_order and
 * expr_eval_all in include/expr.h): the names resolved through an index,
 * the dependency order by a depth-first walk, cycles named. */
#include "expr.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "expr_int.h"

#define EXPR_NONE ((size_t)-1)

/* One item in the name index. */
struct expr_named {
	const char *name;
	size_t item;            /* its index in the items */
};

/* The items sorted by name, to find an item by name in O(log n). */
struct expr_index {
	const struct expr_item *items;
	struct expr_named *by_name; /* by name, then by index: the first of a name first */
	size_t n;
	expr_lookup_fn lookup;  /* names that are not items */
	void *ctx;
};

static int expr_cmp_named(const void *a, const void *b)
{
	const struct expr_named *x = a, *y = b;
	int c = strcmp(x->name, y->name);

	return c ? c : (x->item > y->item) - (x->item < y->item);
}

static int index_build(struct expr_index *ix, const struct expr_item *items, size_t n,
		       expr_lookup_fn lookup, void *ctx)
{
	ix->items = items;
	ix->n = n;
	ix->lookup = lookup;
	ix->ctx = ctx;
	if (!(ix->by_name = malloc((n ? n : 1) * sizeof *ix->by_name)))
		return -1;
	for (size_t i = 0; i < n; i++) {
		ix->by_name[i].name = items[i].name;
		ix->by_name[i].item = i;
	}
	qsort(ix->by_name, n, sizeof *ix->by_name, expr_cmp_named);
	return 0;
}

/* The first item named name, or EXPR_NONE. */
static size_t index_find(const struct expr_index *ix, const char *name)
{
	size_t lo = 0, hi = ix->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(ix->by_name[mid].name, name) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < ix->n && strcmp(ix->by_name[lo].name, name) == 0)
		return ix->by_name[lo].item;
	return EXPR_NONE;
}

static int index_defined(void *ctx, const char *name)
{
	const struct expr_index *ix = ctx;

	return index_find(ix, name) != EXPR_NONE ||
	       (ix->lookup && ix->lookup(ix->ctx, name, NULL) >= 0);
}

/* The item that item i's k-th name refers to, or EXPR_NONE (not an item). */
static size_t index_dep(const struct expr_index *ix, size_t i, size_t k)
{
	size_t nrefs;
	const struct expr_ref *refs = expr_refs(ix->items[i].e, &nrefs);

	return index_find(ix, refs[k].name);
}

/* Append "name" or " -> name" to msg (of size bytes, *o used); when it
 * would not fit, " -> …" instead and -1: a cycle of thousands is cut. */
static int cycle_append(char *msg, size_t size, size_t *o, const char *name, int first)
{
	static const char more[] = " -> \xe2\x80\xa6";
	size_t need = (first ? 0 : 4) + strlen(name);

	if (*o + need + sizeof more > size) {
		snprintf(msg + *o, size - *o, "%s", more);
		return -1;
	}
	*o += (size_t)snprintf(msg + *o, size - *o, "%s%s", first ? "" : " -> ", name);
	return 0;
}

/* The cycle stack[from..top] (item indices, each using the next, the last
 * using stack[from]) as an error at its member defined first. */
static void cycle_report(const struct expr_index *ix, const size_t *stack, size_t from,
			 size_t top, struct diag *d)
{
	size_t len = top - from + 1, start = 0, first, next, nrefs;
	const struct expr_ref *refs;
	const struct expr *e;
	char msg[sizeof d->msg - 32];
	size_t o = 0;
	int col = 0;

	for (size_t k = 1; k < len; k++)
		if (stack[from + k] < stack[from + start])
			start = k;
	first = stack[from + start];
	next = stack[from + (start + 1) % len];
	msg[0] = '\0';
	for (size_t k = 0; k <= len; k++)
		if (cycle_append(msg, sizeof msg, &o, ix->items[stack[from + (start + k) % len]].name,
				 k == 0) < 0)
			break;
	e = ix->items[first].e;
	refs = expr_refs(e, &nrefs);
	for (size_t k = 0; k < nrefs; k++)
		if (strcmp(refs[k].name, ix->items[next].name) == 0) {
			col = refs[k].col;
			break;
		}
	expr_error_col(e, col, d, "cycle in expr: %s", msg);
}

/* Depth-first, without recursion (a chain of thousands of values must not
 * overflow the stack): post-order is a dependency order, and meeting an
 * item still on the stack is a cycle. */
static int order_walk(const struct expr_index *ix, size_t *order, struct diag *d)
{
	enum { WHITE, GREY, BLACK };
	size_t n = ix->n, top, norder = 0;
	unsigned char *color = calloc(n ? n : 1, 1);
	size_t *stack = malloc((n ? n : 1) * sizeof *stack);
	size_t *next = malloc((n ? n : 1) * sizeof *next);
	int rc = -1;

	if (!color || !stack || !next) {
		diag_oom(d);
		goto out;
	}
	for (size_t root = 0; root < n; root++) {
		if (color[root] != WHITE)
			continue;
		top = 0;
		stack[0] = root;
		next[0] = 0;
		color[root] = GREY;
		for (;;) {
			size_t i = stack[top], nrefs, dep;

			expr_refs(ix->items[i].e, &nrefs);
			if (next[top] == nrefs) {
				color[i] = BLACK;
				order[norder++] = i;
				if (top-- == 0)
					break;
				continue;
			}
			dep = index_dep(ix, i, next[top]++);
			if (dep == EXPR_NONE || color[dep] == BLACK)
				continue;
			if (color[dep] == GREY) {
				size_t from = top;

				while (stack[from] != dep)
					from--;
				cycle_report(ix, stack, from, top, d);
				goto out;
			}
			color[dep] = GREY;
			stack[++top] = dep;
			next[top] = 0;
		}
	}
	rc = 0;
out:
	free(color);
	free(stack);
	free(next);
	return rc;
}

int expr_order(const struct expr_item *items, size_t n, expr_lookup_fn lookup, void *ctx,
	       size_t *order, struct diag *d)
{
	struct expr_index ix;
	int rc = -1;

	for (size_t i = 0; i < n; i++)
		if (!items[i].e || !items[i].name) {
			diag_error(d, EXIT_SOFTWARE, "", 0, 0, "computed value without a name or "
				   "an expression");
			return -1;
		}
	if (index_build(&ix, items, n, lookup, ctx) < 0) {
		diag_oom(d);
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		size_t nrefs;
		const struct expr_ref *refs = expr_refs(items[i].e, &nrefs);

		for (size_t k = 0; k < nrefs; k++)
			if (!index_defined(&ix, refs[k].name)) {
				expr_error_undefined(items[i].e, &refs[k], index_defined, &ix, d);
				goto out;
			}
	}
	rc = order_walk(&ix, order, d);
out:
	free(ix.by_name);
	return rc;
}

/* The lookup of expr_eval_all(): items first (already evaluated, by the
 * order), then the caller's. */
static int eval_all_lookup(void *ctx, const char *name, double *out)
{
	const struct expr_index *ix = ctx;
	size_t i = index_find(ix, name);

	if (i != EXPR_NONE) {
		if (out)
			*out = ix->items[i].value;
		return 0;
	}
	return ix->lookup ? ix->lookup(ix->ctx, name, out) : -1;
}

int expr_eval_all(struct expr_item *items, size_t n, expr_lookup_fn lookup, void *ctx,
		  struct diag *d)
{
	struct expr_index ix;
	size_t *order = malloc((n ? n : 1) * sizeof *order);
	int rc = -1;

	if (!order) {
		diag_oom(d);
		return -1;
	}
	if (expr_order(items, n, lookup, ctx, order, d) < 0)
		goto out;
	if (index_build(&ix, items, n, lookup, ctx) < 0) {
		diag_oom(d);
		goto out;
	}
	rc = 0;
	for (size_t k = 0; k < n && rc == 0; k++)
		rc = expr_eval(items[order[k]].e, eval_all_lookup, &ix, &items[order[k]].value, d);
	free(ix.by_name);
out:
	free(order);
	return rc;
}
