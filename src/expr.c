/* expr — computed values: a recursive-descent parser into a small tree and
 * its evaluation (include/expr.h; sets of them: expr_set.c). */
#include "expr.h"

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "expr_int.h"
#include "grow.h"
#include "num.h"
#include "utf8.h"

#define EXPR_NONE ((size_t)-1)
/* Deepest nesting of parentheses, unary signs and calls: the parser and the
 * evaluator recurse, and a spec line may be 64 KiB of "((((". */
#define EXPR_MAX_DEPTH 64
/* round()'s decimals: a double holds about 15 significant digits. */
#define EXPR_ROUND_MAX 15

enum expr_op { EXPR_NUM, EXPR_REF, EXPR_NEG, EXPR_ADD, EXPR_SUB, EXPR_MUL, EXPR_DIV, EXPR_CALL };

enum expr_fn { EXPR_ABS, EXPR_MIN, EXPR_MAX, EXPR_ROUND };

/* One node of the tree; children are indices into expr.nodes. */
struct expr_node {
	enum expr_op op;
	enum expr_fn fn;        /* EXPR_CALL: which function */
	double num;             /* EXPR_NUM: the number */
	size_t ref;             /* EXPR_REF: index into expr.refs */
	size_t kid[2];          /* operands: NEG kid[0]; binary both; CALL kid[0] = first argument */
	size_t next;            /* a call's next argument, or EXPR_NONE */
	size_t at, end;         /* the node's text: text[at..end), for messages */
};

struct expr {
	char *text;             /* as given */
	char *file;             /* for diagnostics; "" when none */
	int line, col0;         /* where text starts */
	struct expr_node *nodes;
	size_t nnodes, capnodes;
	struct expr_ref *refs;  /* distinct names, first use first */
	size_t nrefs, caprefs;
	size_t root;
};

static const char *const expr_fn_names[] = { "abs", "min", "max", "round" };

/* The file column of byte offset off in e's text. */
static int expr_col(const struct expr *e, size_t off)
{
	return e->col0 + (int)utf8_count(e->text, off);
}

/* An error (EXIT_DATAERR) at file column col of e's line. */
static void expr_verror(const struct expr *e, int col, struct diag *d, const char *fmt,
			va_list ap)
{
	char msg[sizeof d->msg];

	vsnprintf(msg, sizeof msg, fmt, ap);
	diag_error(d, EXIT_DATAERR, e->file, e->line, col, "%s", msg);
}

void expr_error_col(const struct expr *e, int col, struct diag *d, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	expr_verror(e, col, d, fmt, ap);
	va_end(ap);
}

/* An error at byte offset off of e's text. */
static void expr_fail(const struct expr *e, struct diag *d, size_t off, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void expr_fail(const struct expr *e, struct diag *d, size_t off, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	expr_verror(e, expr_col(e, off), d, fmt, ap);
	va_end(ap);
}

static int expr_is_alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static int expr_is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static int expr_is_name_char(int c)
{
	return expr_is_alpha(c) || expr_is_digit(c);
}

/* ------------------------------------------------------------------------ */
/* Parsing                                                                  */

struct expr_parser {
	struct expr *e;
	const char *s;          /* e->text */
	size_t i, len;          /* position and length */
	int depth;              /* current nesting */
	struct diag *d;
};

static void parser_skip(struct expr_parser *p)
{
	while (p->i < p->len && (p->s[p->i] == ' ' || p->s[p->i] == '\t'))
		p->i++;
}

/* A new node of kind op spanning text[at..), or EXPR_NONE when out of memory. */
static size_t parser_node(struct expr_parser *p, enum expr_op op, size_t at)
{
	struct expr *e = p->e;
	struct expr_node *n;

	if (grow_array(&e->nodes, &e->capnodes, e->nnodes + 1, sizeof *e->nodes) < 0) {
		diag_oom(p->d);
		return EXPR_NONE;
	}
	n = &e->nodes[e->nnodes];
	memset(n, 0, sizeof *n);
	n->op = op;
	n->kid[0] = n->kid[1] = n->next = EXPR_NONE;
	n->at = at;
	n->end = p->i;
	return e->nnodes++;
}

/* The index of name text[a..b) in e->refs, added when new; EXPR_NONE when
 * out of memory. */
static size_t parser_ref(struct expr_parser *p, size_t a, size_t b)
{
	struct expr *e = p->e;
	size_t n = b - a;

	for (size_t i = 0; i < e->nrefs; i++)
		if (strlen(e->refs[i].name) == n && memcmp(e->refs[i].name, p->s + a, n) == 0)
			return i;
	if (grow_array(&e->refs, &e->caprefs, e->nrefs + 1, sizeof *e->refs) < 0 ||
	    !(e->refs[e->nrefs].name = strndup(p->s + a, n))) {
		diag_oom(p->d);
		return EXPR_NONE;
	}
	e->refs[e->nrefs].col = expr_col(e, a);
	return e->nrefs++;
}

/* What stands at the position, quoted for a message: the end, one
 * character, or the word it starts ("found end", "found \"%\""). */
static void parser_found(const struct expr_parser *p, char *buf, size_t size)
{
	size_t n = 1;
	uint32_t cp;

	if (p->i >= p->len) {
		snprintf(buf, size, "the end");
		return;
	}
	if (expr_is_name_char((unsigned char)p->s[p->i]))
		while (p->i + n < p->len && n < 40 && expr_is_name_char((unsigned char)p->s[p->i + n]))
			n++;
	else
		n = (size_t)utf8_decode(p->s + p->i, p->len - p->i, &cp);
	snprintf(buf, size, "\"%.*s\"", (int)n, p->s + p->i);
}

static size_t parse_sum(struct expr_parser *p);

/* Enter one more level of nesting; an error past EXPR_MAX_DEPTH. */
static int parser_enter(struct expr_parser *p)
{
	if (++p->depth <= EXPR_MAX_DEPTH)
		return 0;
	expr_fail(p->e, p->d, p->i, "expr: nested too deeply (more than %d levels)",
		  EXPR_MAX_DEPTH);
	return -1;
}

/* A number: digits with an optional fraction and exponent, not run into a
 * name ("2x" and "1.2.3" are errors, not 2 times x). */
static size_t parse_number(struct expr_parser *p)
{
	size_t a = p->i, i = p->i, k;
	double v;

	while (i < p->len && expr_is_digit(p->s[i]))
		i++;
	if (i < p->len && p->s[i] == '.')
		for (i++; i < p->len && expr_is_digit(p->s[i]); i++)
			;
	if (i < p->len && (p->s[i] == 'e' || p->s[i] == 'E')) {
		k = i + 1;
		if (k < p->len && (p->s[k] == '+' || p->s[k] == '-'))
			k++;
		if (k < p->len && expr_is_digit(p->s[k])) {
			for (i = k; i < p->len && expr_is_digit(p->s[i]); i++)
				;
		}
	}
	if (i < p->len && (expr_is_name_char((unsigned char)p->s[i]) || p->s[i] == '.')) {
		while (i < p->len && (expr_is_name_char((unsigned char)p->s[i]) || p->s[i] == '.'))
			i++;
		expr_fail(p->e, p->d, a, "bad number \"%.*s\" in expr: (a name cannot start "
			  "with a digit)", (int)(i - a), p->s + a);
		return EXPR_NONE;
	}
	if (num_parse(p->s + a, i - a, &v) < 0) {
		expr_fail(p->e, p->d, a, "bad number \"%.*s\" in expr:", (int)(i - a), p->s + a);
		return EXPR_NONE;
	}
	p->i = i;
	k = parser_node(p, EXPR_NUM, a);
	if (k != EXPR_NONE)
		p->e->nodes[k].num = v;
	return k;
}

/* The arguments of function fn, its name at text[a..), after the '(':
 * expressions separated by commas up to ')', their count checked. */
static size_t parse_call(struct expr_parser *p, enum expr_fn fn, size_t a)
{
	size_t node, first = EXPR_NONE, last = EXPR_NONE, nargs = 0, open = p->i - 1;
	char found[64];

	for (;;) {
		size_t arg = parse_sum(p);

		if (arg == EXPR_NONE)
			return EXPR_NONE;
		if (first == EXPR_NONE)
			first = arg;
		else
			p->e->nodes[last].next = arg;
		last = arg;
		nargs++;
		parser_skip(p);
		if (p->i < p->len && p->s[p->i] == ',') {
			p->i++;
			continue;
		}
		if (p->i < p->len && p->s[p->i] == ')')
			break;
		if (p->i >= p->len) {
			expr_fail(p->e, p->d, open, "\"(\" of %s() is not closed", expr_fn_names[fn]);
		} else {
			parser_found(p, found, sizeof found);
			expr_fail(p->e, p->d, p->i, "expected \",\" or \")\" in %s(), found %s",
				  expr_fn_names[fn], found);
		}
		return EXPR_NONE;
	}
	p->i++;
	if ((fn == EXPR_ABS && nargs != 1) || (fn == EXPR_ROUND && nargs != 2)) {
		expr_fail(p->e, p->d, a, "%s() takes %s, not %zu", expr_fn_names[fn],
			  fn == EXPR_ABS ? "1 argument" : "2 arguments (a number and its decimals)",
			  nargs);
		return EXPR_NONE;
	}
	if ((node = parser_node(p, EXPR_CALL, a)) == EXPR_NONE)
		return EXPR_NONE;
	p->e->nodes[node].fn = fn;
	p->e->nodes[node].kid[0] = first;
	return node;
}

/* A name or a function call starting at p->i (a letter or '_'). */
static size_t parse_name(struct expr_parser *p)
{
	size_t a = p->i, b = p->i, node, ref;

	while (b < p->len && (expr_is_name_char((unsigned char)p->s[b]) ||
			      (p->s[b] == '-' && b + 1 < p->len &&
			       expr_is_name_char((unsigned char)p->s[b + 1]))))
		b++;
	p->i = b;
	parser_skip(p);
	if (p->i < p->len && p->s[p->i] == '(') {
		for (int f = 0; f < 4; f++)
			if (strlen(expr_fn_names[f]) == b - a &&
			    memcmp(expr_fn_names[f], p->s + a, b - a) == 0) {
				p->i++;
				return parse_call(p, (enum expr_fn)f, a);
			}
		expr_fail(p->e, p->d, a, "unknown function \"%.*s\" in expr: expected abs, min, "
			  "max or round", (int)(b - a), p->s + a);
		return EXPR_NONE;
	}
	p->i = b;
	if ((ref = parser_ref(p, a, b)) == EXPR_NONE || (node = parser_node(p, EXPR_REF, a)) ==
	    EXPR_NONE)
		return EXPR_NONE;
	p->e->nodes[node].ref = ref;
	return node;
}

/* unary := ('-' | '+') unary | primary */
static size_t parse_unary(struct expr_parser *p)
{
	size_t a, node = EXPR_NONE, kid;
	char c, found[64];

	parser_skip(p);
	if (parser_enter(p) < 0)
		return EXPR_NONE;
	a = p->i;
	c = p->i < p->len ? p->s[p->i] : '\0';
	if (c == '-' || c == '+') {
		p->i++;
		if ((kid = parse_unary(p)) == EXPR_NONE)
			return EXPR_NONE;
		if (c == '+')
			node = kid;
		else if ((node = parser_node(p, EXPR_NEG, a)) != EXPR_NONE)
			p->e->nodes[node].kid[0] = kid;
	} else if (c == '(') {
		p->i++;
		if ((node = parse_sum(p)) == EXPR_NONE)
			return EXPR_NONE;
		parser_skip(p);
		if (p->i >= p->len || p->s[p->i] != ')') {
			if (p->i >= p->len) {
				expr_fail(p->e, p->d, a, "\"(\" is not closed in expr:");
			} else {
				parser_found(p, found, sizeof found);
				expr_fail(p->e, p->d, p->i, "expected \")\" in expr:, found %s", found);
			}
			return EXPR_NONE;
		}
		p->i++;
		/* a parenthesised operation spans its parentheses, so messages
		 * quote "(b - b)"; a name keeps its own place (undefined names
		 * are reported at the name) */
		if (p->e->nodes[node].op != EXPR_REF) {
			p->e->nodes[node].at = a;
			p->e->nodes[node].end = p->i;
		}
	} else if (expr_is_digit(c) || (c == '.' && p->i + 1 < p->len &&
					  expr_is_digit(p->s[p->i + 1]))) {
		node = parse_number(p);
	} else if (expr_is_alpha(c)) {
		node = parse_name(p);
	} else if (c == '*' && p->i > 0 && p->s[p->i - 1] == '*') {
		expr_fail(p->e, p->d, p->i - 1, "no power operator \"**\" in expr: (multiply "
			  "instead: x * x)");
	} else {
		parser_found(p, found, sizeof found);
		expr_fail(p->e, p->d, p->i, "expected a number, a name or \"(\" in expr:, found %s",
			  found);
	}
	p->depth--;
	return node;
}

/* A left-associative chain of operands joined by the operators in ops
 * (e.g. "+-"), each operand read by next. */
static size_t parse_chain(struct expr_parser *p, const char *ops,
			  size_t (*next)(struct expr_parser *))
{
	size_t left, a, right, node;

	parser_skip(p);
	a = p->i;
	if ((left = next(p)) == EXPR_NONE)
		return EXPR_NONE;
	for (;;) {
		char c;

		parser_skip(p);
		if (p->i < p->len && p->s[p->i] == '^') {
			expr_fail(p->e, p->d, p->i, "no power operator \"^\" in expr: (multiply "
				  "instead: x * x)");
			return EXPR_NONE;
		}
		if (p->i >= p->len || !strchr(ops, p->s[p->i]))
			return left;
		c = p->s[p->i++];
		if ((right = next(p)) == EXPR_NONE)
			return EXPR_NONE;
		node = parser_node(p, c == '+' ? EXPR_ADD : c == '-' ? EXPR_SUB :
				   c == '*' ? EXPR_MUL : EXPR_DIV, a);
		if (node == EXPR_NONE)
			return EXPR_NONE;
		p->e->nodes[node].kid[0] = left;
		p->e->nodes[node].kid[1] = right;
		left = node;
	}
}

static size_t parse_product(struct expr_parser *p)
{
	return parse_chain(p, "*/", parse_unary);
}

static size_t parse_sum(struct expr_parser *p)
{
	return parse_chain(p, "+-", parse_product);
}

int expr_parse(const char *text, const char *file, int line, int col0, struct expr **out,
	       struct diag *d)
{
	struct expr_parser p = { 0 };
	struct expr *e;
	char found[64];

	*out = NULL;
	if (!(e = calloc(1, sizeof *e)) || !(e->text = strdup(text ? text : "")) ||
	    !(e->file = strdup(file ? file : ""))) {
		diag_oom(d);
		expr_free(e);
		return -1;
	}
	e->line = line;
	e->col0 = col0 < 1 ? 1 : col0;
	p.e = e;
	p.s = e->text;
	p.len = strlen(e->text);
	p.d = d;
	parser_skip(&p);
	if (p.i == p.len) {
		expr_fail(e, d, p.i, "empty expr:");
		goto fail;
	}
	if ((e->root = parse_sum(&p)) == EXPR_NONE)
		goto fail;
	parser_skip(&p);
	if (p.i < p.len) {
		if (p.s[p.i] == ')') {
			expr_fail(e, d, p.i, "\")\" without a matching \"(\" in expr:");
		} else {
			parser_found(&p, found, sizeof found);
			expr_fail(e, d, p.i, "expected an operator (+ - * /) or the end of expr:, "
				  "found %s", found);
		}
		goto fail;
	}
	*out = e;
	return 0;
fail:
	expr_free(e);
	return -1;
}

void expr_free(struct expr *e)
{
	if (!e)
		return;
	for (size_t i = 0; i < e->nrefs; i++)
		free(e->refs[i].name);
	free(e->refs);
	free(e->nodes);
	free(e->text);
	free(e->file);
	free(e);
}

const struct expr_ref *expr_refs(const struct expr *e, size_t *n)
{
	*n = e ? e->nrefs : 0;
	return e ? e->refs : NULL;
}

const char *expr_text(const struct expr *e)
{
	return e ? e->text : "";
}

/* ------------------------------------------------------------------------ */
/* Evaluation                                                               */

/* x rounded to n decimals (n < 0: to tens, hundreds …), halves away from
 * zero, as a spreadsheet's ROUND: on x's 15 significant decimal digits, not
 * its binary value, so round(2.675, 2) is 2.68 as the analyst reads it
 * (2.675 is 2.67499999… in binary, and floor(x * 100 + 0.5) gives 2.67). */
static double expr_round(double x, int n)
{
	char buf[64], out[64];
	int k = 0, e10, keep;
	uint64_t m = 0;
	const char *p;
	double v;

	if (x == 0 || num_format(buf, sizeof buf, "%.14e", fabs(x)) < 0)
		return 0;
	for (p = buf; *p && *p != 'e' && k < 15; p++)
		if (expr_is_digit(*p))
			m = m * 10 + (uint64_t)(*p - '0'), k++;
	p = strchr(buf, 'e');
	if (!p || k != 15)
		return x;
	e10 = atoi(p + 1);
	/* buf's digit i (0..14) weighs 10^(e10 - i); keep those >= 10^-n */
	keep = e10 + n + 1;
	if (keep >= 15)
		return x;
	if (keep < 0)
		return 0;
	{
		uint64_t div = 1, rest;

		for (int i = keep; i < 15; i++)
			div *= 10;
		rest = m % div;
		m /= div;
		if (rest >= div / 2)
			m++;
	}
	if (m == 0)
		return 0;
	snprintf(out, sizeof out, "%llue%d", (unsigned long long)m, e10 - keep + 1);
	if (num_parse(out, strlen(out), &v) < 0)
		return x;
	return x < 0 ? -v : v;
}

struct expr_env {
	const struct expr *e;
	expr_lookup_fn lookup;
	void *ctx;
	struct diag *d;
};

/* The node's text, for messages: at most 60 bytes of it. */
#define EXPR_SPAN(e, n) (int)((n)->end - (n)->at > 60 ? 60 : (n)->end - (n)->at), (e)->text + (n)->at

static int eval_node(const struct expr_env *env, size_t i, double *out);

/* A finite result of node n, or an error naming the operation. */
static int eval_finite(const struct expr_env *env, const struct expr_node *n, double v,
		       double *out)
{
	if (!isfinite(v)) {
		expr_fail(env->e, env->d, n->at, "\"%.*s\" is too large for a number in expr:",
			  EXPR_SPAN(env->e, n));
		return -1;
	}
	*out = v;
	return 0;
}

/* round()'s second argument: a whole number of decimals in range. */
static int eval_decimals(const struct expr_env *env, const struct expr_node *n, double v,
			 int *out)
{
	if (v != floor(v) || v < -EXPR_ROUND_MAX || v > EXPR_ROUND_MAX) {
		char num[64];

		num_format_auto(num, sizeof num, v, 6, 0);
		expr_fail(env->e, env->d, n->at, "round(): decimals must be a whole number from "
			  "%d to %d, not %s", -EXPR_ROUND_MAX, EXPR_ROUND_MAX, num);
		return -1;
	}
	*out = (int)v;
	return 0;
}

static int eval_call(const struct expr_env *env, const struct expr_node *n, double *out)
{
	const struct expr_node *nodes = env->e->nodes;
	double acc, v;
	size_t a = n->kid[0];
	int dec;

	if (eval_node(env, a, &acc) < 0)
		return -1;
	switch (n->fn) {
	case EXPR_ABS:
		*out = fabs(acc);
		return 0;
	case EXPR_ROUND:
		if (eval_node(env, nodes[a].next, &v) < 0 ||
		    eval_decimals(env, &nodes[nodes[a].next], v, &dec) < 0)
			return -1;
		*out = expr_round(acc, dec);
		return 0;
	case EXPR_MIN:
	case EXPR_MAX:
		for (a = nodes[a].next; a != EXPR_NONE; a = nodes[a].next) {
			if (eval_node(env, a, &v) < 0)
				return -1;
			if (n->fn == EXPR_MIN ? v < acc : v > acc)
				acc = v;
		}
		*out = acc;
		return 0;
	}
	return -1;
}

void expr_error_undefined(const struct expr *e, const struct expr_ref *r,
			  int (*defined)(void *ctx, const char *name), void *dctx, struct diag *d)
{
	char part[256];
	const char *s = r->name, *dash;
	int all = strchr(s, '-') != NULL;
	double v;

	for (; all && *s; s = dash + 1) {
		size_t n;

		dash = strchr(s, '-');
		n = dash ? (size_t)(dash - s) : strlen(s);
		if (n >= sizeof part)
			n = sizeof part - 1;
		memcpy(part, s, n);
		part[n] = '\0';
		all = num_parse(part, n, &v) == 0 || defined(dctx, part);
		if (!dash)
			break;
	}
	diag_error(d, EXIT_DATAERR, e->file, e->line, r->col, "undefined name \"%s\" in expr:%s",
		   r->name, all ? " (to subtract, put spaces around the \"-\")" : "");
}

/* defined() for a lookup function alone. */
struct expr_lookup_only {
	expr_lookup_fn lookup;
	void *ctx;
};

static int expr_lookup_defined(void *ctx, const char *name)
{
	const struct expr_lookup_only *lo = ctx;

	return lo->lookup && lo->lookup(lo->ctx, name, NULL) >= 0;
}

static int eval_node(const struct expr_env *env, size_t i, double *out)
{
	const struct expr *e = env->e;
	const struct expr_node *n = &e->nodes[i];
	double a, b;

	switch (n->op) {
	case EXPR_NUM:
		*out = n->num;
		return 0;
	case EXPR_REF: {
		const struct expr_ref *r = &e->refs[n->ref];
		struct expr_lookup_only lo = { env->lookup, env->ctx };

		int rc = env->lookup ? env->lookup(env->ctx, r->name, &a) : -1;

		if (rc < 0) {
			expr_error_undefined(e, r, expr_lookup_defined, &lo, env->d);
			env->d->col = expr_col(e, n->at);
			return -1;
		}
		if (rc > 0) {
			expr_fail(e, env->d, n->at, "value \"%s\" is not a number", r->name);
			return -1;
		}
		if (!isfinite(a)) {
			expr_fail(e, env->d, n->at, "value \"%s\" is not a finite number", r->name);
			return -1;
		}
		*out = a;
		return 0;
	}
	case EXPR_NEG:
		if (eval_node(env, n->kid[0], &a) < 0)
			return -1;
		*out = -a;
		return 0;
	case EXPR_CALL:
		return eval_call(env, n, out);
	default:
		break;
	}
	if (eval_node(env, n->kid[0], &a) < 0 || eval_node(env, n->kid[1], &b) < 0)
		return -1;
	switch (n->op) {
	case EXPR_ADD:
		return eval_finite(env, n, a + b, out);
	case EXPR_SUB:
		return eval_finite(env, n, a - b, out);
	case EXPR_MUL:
		return eval_finite(env, n, a * b, out);
	default:
		if (b == 0) {
			const struct expr_node *dv = &e->nodes[n->kid[1]];

			expr_fail(e, env->d, dv->at, "division by zero in expr: \"%.*s\" is 0",
				  EXPR_SPAN(e, dv));
			return -1;
		}
		return eval_finite(env, n, a / b, out);
	}
}

int expr_eval(const struct expr *e, expr_lookup_fn lookup, void *ctx, double *out,
	      struct diag *d)
{
	struct expr_env env = { e, lookup, ctx, d };
	double v;

	if (!e) {
		diag_error(d, EXIT_SOFTWARE, "", 0, 0, "no expression to evaluate");
		return -1;
	}
	if (eval_node(&env, e->root, &v) < 0)
		return -1;
	*out = v == 0 ? 0 : v; /* never -0: it would print as "-0.0" */
	return 0;
}
