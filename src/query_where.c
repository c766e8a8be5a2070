/* query_where — the where: parser and the grouping-key parser (the
 * grammar is in include/query.h and briefing(1)).  A hand-written scanner
 * over the text: every error names the file column of the place it is
 * about, so that "firm = IBM or" points at "or" and an unterminated quote
 * at its opening quote. */
#include "query.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "grow.h"
#include "num.h"
#include "utf8.h"

#define GROUPS_MAX 64 /* groups joined by "or" (a row's groups are a 64-bit mask) */

/* The parse of one where: text. */
struct wparse {
	const char *s;            /* the text */
	size_t n;                 /* its length */
	const char *file;         /* where it is, for errors */
	int line, col0;
	struct diag *d;
	struct cond *v;           /* the conditions so far */
	size_t nv, cap;
};

/* Whether a value ends a list (in's values) or a condition. */
enum vmode { V_SINGLE, V_LIST };

static const char *const part_names[] = { "", "year", "quarter", "month" };

static int is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static int is_op_char(char c)
{
	return c == '=' || c == '!' || c == '<' || c == '>';
}

/* A byte that continues a word: keywords are whole words ("order" holds no
 * "or", "in-house" no "in"). */
static int is_word_char(char c)
{
	unsigned char u = (unsigned char)c;

	return (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') ||
	       u == '_' || u == '-' || u == '.' || u == '\'' || u >= 0x80;
}

static size_t skip_blank(const struct wparse *w, size_t i)
{
	while (i < w->n && is_blank(w->s[i]))
		i++;
	return i;
}

/* The file column of byte off. */
static int col_of(const struct wparse *w, size_t off)
{
	return w->col0 + (int)utf8_count(w->s, off);
}

/* Report an error at byte off; returns -1. */
static int fail(struct wparse *w, size_t off, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int fail(struct wparse *w, size_t off, const char *fmt, ...)
{
	char msg[sizeof w->d->msg];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	diag_error(w->d, EXIT_DATAERR, w->file, w->line, col_of(w, off), "%s", msg);
	return -1;
}

/* Does keyword kw (lower case) stand at i as a whole word?  Returns the
 * byte after it, or 0. */
static size_t word_at(const struct wparse *w, size_t i, const char *kw)
{
	size_t k = strlen(kw);

	if (i + k > w->n || strncasecmp(w->s + i, kw, k) != 0)
		return 0;
	if (i > 0 && is_word_char(w->s[i - 1]))
		return 0;
	if (i + k < w->n && is_word_char(w->s[i + k]))
		return 0;
	return i + k;
}

/* Does the word "latest" stand at i?  The byte after it, or 0.  Unlike
 * other words it may touch a minus: "latest-12". */
static size_t latest_at(const struct wparse *w, size_t i)
{
	if (i + 6 < w->n && w->s[i + 6] == '-' && strncasecmp(w->s + i, "latest", 6) == 0 &&
	    (i == 0 || !is_word_char(w->s[i - 1])))
		return i + 6;
	return word_at(w, i, "latest");
}

/* The part named by a function word at i followed by "(": its part and
 * *after = the byte after the "(", or PART_WHOLE. */
static enum col_part function_at(const struct wparse *w, size_t i, size_t *after)
{
	for (int p = PART_YEAR; p <= PART_MONTH; p++) {
		size_t e = word_at(w, i, part_names[p]);

		if (e && (e = skip_blank(w, e)) < w->n && w->s[e] == '(') {
			*after = e + 1;
			return (enum col_part)p;
		}
	}
	return PART_WHOLE;
}

/* Is "or" at i, as the word that starts a new group? */
static int or_at(const struct wparse *w, size_t i)
{
	return word_at(w, i, "or") != 0;
}

/* The operator keywords that can follow a column: "in (", "not in (",
 * "not contains", "contains", "is empty", "is not empty".  Returns the
 * byte after the keyword(s) (at the "(" of in, the value of contains) and
 * the operator, or 0 when none stands at i. */
static size_t keyword_op_at(const struct wparse *w, size_t i, enum cond_op *op)
{
	size_t e, f;
	int neg = 0;

	if ((e = word_at(w, i, "not"))) {
		neg = 1;
		i = skip_blank(w, e);
	}
	if ((e = word_at(w, i, "in")) && (f = skip_blank(w, e)) < w->n && w->s[f] == '(') {
		*op = neg ? COND_NOT_IN : COND_IN;
		return f;
	}
	if ((e = word_at(w, i, "contains"))) {
		*op = neg ? COND_NOT_CONTAINS : COND_CONTAINS;
		return e;
	}
	if (neg)
		return 0;
	if ((e = word_at(w, i, "is"))) {
		e = skip_blank(w, e);
		if ((f = word_at(w, e, "not"))) {
			neg = 1;
			e = skip_blank(w, f);
		}
		if ((f = word_at(w, e, "empty"))) {
			*op = neg ? COND_NOT_EMPTY : COND_EMPTY;
			return f;
		}
	}
	return 0;
}

/* The end of the condition that starts at a, for quoting it in a message:
 * the next comma or "or" outside quotes. */
static size_t cond_end(const struct wparse *w, size_t a)
{
	char q = 0;

	for (size_t i = a; i < w->n; i++) {
		if (q) {
			if (w->s[i] == q)
				q = 0;
		} else if (w->s[i] == '"') {
			q = '"';
		} else if (w->s[i] == ',' || (i > a && or_at(w, i))) {
			return i;
		}
	}
	return w->n;
}

/* The quoted text at i (w->s[i] is the quote): *out malloc'ed, *end past
 * the closing quote.  A doubled quote stands for one. */
static int quoted(struct wparse *w, size_t i, char **out, size_t *end)
{
	char q = w->s[i];
	size_t o = 0;
	char *t = malloc(w->n - i + 1);

	if (!t)
		return diag_oom(w->d);
	for (size_t k = i + 1; k < w->n; k++) {
		if (w->s[k] != q) {
			t[o++] = w->s[k];
			continue;
		}
		if (k + 1 < w->n && w->s[k + 1] == q) {
			t[o++] = q;
			k++;
			continue;
		}
		t[o] = '\0';
		*out = t;
		*end = k + 1;
		return 0;
	}
	free(t);
	return fail(w, i, "unterminated quote in where: a quoted value ends with a %c", q);
}

/* ---- the left side: a column, or a part of one -------------------------- */

/* The column of the condition starting at i (after blanks): a quoted name,
 * year(name) …, or the words up to an operator.  *end is after it. */
static int parse_lhs(struct wparse *w, size_t i, struct cond *c, size_t *end)
{
	size_t a = i, b, after;
	enum cond_op op;

	c->part = function_at(w, i, &after);
	if (c->part != PART_WHOLE) {
		a = skip_blank(w, after);
		if (a < w->n && w->s[a] == '"') {
			if (quoted(w, a, &c->column, &b) < 0)
				return -1;
			b = skip_blank(w, b);
		} else {
			for (b = a; b < w->n && w->s[b] != ')' && w->s[b] != ',' &&
				    !is_op_char(w->s[b]); b++)
				;
		}
		if (b >= w->n || w->s[b] != ')') {
			free(c->column);
			c->column = NULL;
			while (b > a && is_blank(w->s[b - 1]))
				b--; /* just after the name */
			return fail(w, b, "expected \")\" to close %s(", part_names[c->part]);
		}
		*end = b + 1;
		if (c->column)
			return 0;
		{
			size_t e = b;

			while (e > a && is_blank(w->s[e - 1]))
				e--;
			if (e == a)
				return fail(w, a, "%s() needs a column name", part_names[c->part]);
			if (strncasecmp(w->s + a, "latest", 6) == 0 && e - a == 6)
				return fail(w, a, "latest belongs on the right: write \"%s(column) = "
					    "%s(latest)\"", part_names[c->part], part_names[c->part]);
			c->column = strndup(w->s + a, e - a);
		}
		return c->column ? 0 : diag_oom(w->d);
	}
	if (w->s[i] == '"') {
		if (quoted(w, i, &c->column, end) < 0)
			return -1;
		return 0;
	}
	/* bare words up to an operator, a keyword operator, a comma or "or" */
	for (b = i; b < w->n && !is_op_char(w->s[b]) && w->s[b] != ','; b++) {
		if (b > i && is_blank(w->s[b - 1]) && (keyword_op_at(w, b, &op) || or_at(w, b)))
			break;
	}
	*end = b;
	while (b > a && is_blank(w->s[b - 1]))
		b--;
	if (b == a)
		return 0; /* no column: the caller reports the condition */
	if (b - a == 6 && strncasecmp(w->s + a, "latest", 6) == 0)
		return fail(w, a, "latest belongs on the right: write \"column = latest\"");
	/* "flow not = total": not goes with in and contains only */
	if (b - a > 4 && strncasecmp(w->s + b - 3, "not", 3) == 0 && is_blank(w->s[b - 4]))
		return fail(w, b - 3, "\"not\" goes before in or contains; to compare, write "
			    "!= (\"flow != total\")");
	c->column = strndup(w->s + a, b - a);
	return c->column ? 0 : diag_oom(w->d);
}

/* ---- values ------------------------------------------------------------- */

/* Does a reference to latest start at i: "latest", or year( … ) around one? */
static int ref_at(const struct wparse *w, size_t i)
{
	size_t after;

	for (;;) {
		if (latest_at(w, i))
			return 1;
		if (function_at(w, i, &after) == PART_WHOLE)
			return 0;
		i = skip_blank(w, after);
	}
}

/* Append a step to v; -1 (at off) when there are too many. */
static int add_step(struct wparse *w, struct cond_value *v, size_t off, struct cond_step st)
{
	if (v->nsteps == COND_STEPS_MAX)
		return fail(w, off, "too many steps from latest (at most %d)", COND_STEPS_MAX);
	v->steps[v->nsteps++] = st;
	return 0;
}

/* Parse a reference at i (ref_at() holds): latest, or part(ref), then an
 * optional "- N".  *end is after it. */
static int parse_ref(struct wparse *w, size_t i, struct cond_value *v, size_t *end)
{
	size_t e, after;
	enum col_part part = PART_WHOLE;

	if ((e = latest_at(w, i)) == 0) {
		part = function_at(w, i, &after);
		if (parse_ref(w, skip_blank(w, after), v, &e) < 0)
			return -1;
		e = skip_blank(w, e);
		if (e >= w->n || w->s[e] != ')')
			return fail(w, e, "expected \")\" to close %s(", part_names[part]);
		if (add_step(w, v, i, (struct cond_step){ .part = part }) < 0)
			return -1;
		e++;
	}
	*end = e;
	e = skip_blank(w, e);
	if (e < w->n && w->s[e] == '-') {
		size_t k = skip_blank(w, e + 1), d0 = k;
		long n = 0;

		for (; k < w->n && w->s[k] >= '0' && w->s[k] <= '9'; k++) {
			if (n > 100000000L)
				return fail(w, d0, "\"latest - N\": N is too large");
			n = n * 10 + (w->s[k] - '0');
		}
		if (k == d0 || (k < w->n && is_word_char(w->s[k])))
			return fail(w, d0, "expected a whole number after \"latest -\" (periods "
				    "back: latest - 12)");
		if (add_step(w, v, e, (struct cond_step){ .back = 1, .n = n }) < 0)
			return -1;
		*end = k;
	}
	return 0;
}

/* Is i the end of a value: the end, a comma, "or" (one value) or ")" (a
 * list)? */
static int value_ends(const struct wparse *w, size_t i, enum vmode m)
{
	if (i >= w->n || w->s[i] == ',')
		return 1;
	return m == V_LIST ? w->s[i] == ')' : or_at(w, i);
}

/* "and" inside a bare value followed by what reads as a second condition
 * ("period >= 2020 and flow = total"): 1 and its offset.  "Trinidad and
 * Tobago" is a value. */
static int and_joins(const struct wparse *w, size_t a, size_t b, size_t *at)
{
	enum cond_op op;

	for (size_t i = a; i < b; i++) {
		if (!word_at(w, i, "and"))
			continue;
		for (size_t k = i + 3; k < b; k++)
			if (is_op_char(w->s[k]) ||
			    (is_blank(w->s[k - 1]) && keyword_op_at(w, k, &op)))
				goto found;
		continue;
found:
		*at = i;
		return 1;
	}
	return 0;
}

/* Parse one value at i (after blanks): quoted, a reference or bare text.
 * *end is where it stops (a terminator, checked). */
static int parse_value(struct wparse *w, size_t i, enum vmode m, struct cond_value *v,
		       size_t *end)
{
	size_t e, a = i, b, at;

	v->col = col_of(w, i);
	if (w->s[i] == '"' || w->s[i] == '\'') {
		if (quoted(w, i, &v->text, &e) < 0)
			return -1;
	} else if (ref_at(w, i)) {
		v->latest = 1;
		if (parse_ref(w, i, v, &e) < 0)
			return -1;
		if (!value_ends(w, skip_blank(w, e), m))
			return fail(w, skip_blank(w, e), "unexpected text after latest: a value "
				    "relative to latest is \"latest - N\" (N periods back)");
		if (!(v->text = strdup("")))
			return diag_oom(w->d);
	} else {
		for (b = i; b < w->n && !(m == V_LIST && w->s[b] == ')') && w->s[b] != ',' &&
			    !(m == V_SINGLE && b > i && is_blank(w->s[b - 1]) && or_at(w, b));
		     b++)
			;
		e = b;
		while (b > a && is_blank(w->s[b - 1]))
			b--;
		if (m == V_SINGLE && and_joins(w, a, b, &at))
			return fail(w, at, "\"and\" does not join conditions in where: write a "
				    "comma (\"a = 1, b = 2\"), or quote a value that holds it");
		if (!(v->text = strndup(w->s + a, b - a)))
			return diag_oom(w->d);
	}
	e = skip_blank(w, e);
	if (!value_ends(w, e, m))
		return fail(w, e, "unexpected text after the closing quote: a quoted value "
			    "ends the condition%s", m == V_LIST ? "'s item" : "");
	*end = e;
	v->len = strlen(v->text);
	if (!v->latest) {
		v->is_number = num_parse(v->text, v->len, &v->number) == 0;
		v->is_period = period_parse(v->text, v->len, &v->period) == 0;
	}
	return 0;
}

/* Grow c's values by one (zeroed); NULL on OOM. */
static struct cond_value *new_value(struct wparse *w, struct cond *c, size_t *cap)
{
	if (grow_array(&c->vals, cap, c->nvals + 1, sizeof *c->vals) < 0) {
		diag_oom(w->d);
		return NULL;
	}
	memset(&c->vals[c->nvals], 0, sizeof *c->vals);
	return &c->vals[c->nvals++];
}

/* Check what a value (at byte off) may be for its operator and column. */
static int check_value(struct wparse *w, const struct cond *c, const struct cond_value *v,
		       size_t off)
{
	if (v->latest) {
		if (c->op == COND_CONTAINS || c->op == COND_NOT_CONTAINS)
			return fail(w, off, "latest is a date or a number: compare it with = != < "
				    "<= > >= or in, not contains");
		return 0;
	}
	if (c->part != PART_WHOLE && !v->is_period)
		return fail(w, off, "\"%s\" is not a date: %s(%s) compares with a year, quarter, "
			    "month or day such as 2024, 2024-Q2, 2024-06 or 2024-06-14", v->text,
			    part_names[c->part], c->column);
	if (c->op >= COND_LT && c->op <= COND_GE && !v->is_number && !v->is_period)
		return fail(w, off, "\"%s\" is not a number or a date (operator %s compares "
			    "numbers and dates, in where:)", v->text, query_op_name(c->op));
	return 0;
}

/* The operator and values of condition c, from i (after the column). */
static int parse_rest(struct wparse *w, size_t a, size_t i, struct cond *c, size_t *end)
{
	size_t cap = 0, k;
	struct cond_value *v;

	i = skip_blank(w, i);
	if (i < w->n && is_op_char(w->s[i])) {
		size_t oa = i;

		while (i < w->n && is_op_char(w->s[i]))
			i++;
		c->op = (enum cond_op)-1;
		for (int o = COND_EQ; o <= COND_GE; o++)
			if (strlen(query_op_name((enum cond_op)o)) == i - oa &&
			    memcmp(query_op_name((enum cond_op)o), w->s + oa, i - oa) == 0)
				c->op = (enum cond_op)o;
		if ((int)c->op < 0)
			return fail(w, oa, "unknown operator \"%.*s\" in where:", (int)(i - oa),
				    w->s + oa);
	} else if ((k = keyword_op_at(w, i, &c->op)) != 0) {
		i = k;
	} else {
		goto bad;
	}
	if (c->op == COND_EMPTY || c->op == COND_NOT_EMPTY) {
		if (c->part != PART_WHOLE)
			return fail(w, a, "is empty looks at the column itself: write \"%s is "
				    "empty\"", c->column);
		*end = i;
		return 0;
	}
	if ((c->op == COND_CONTAINS || c->op == COND_NOT_CONTAINS) && c->part != PART_WHOLE)
		return fail(w, a, "%s() gives a date: compare it with = != < <= > >= or in, "
			    "not contains", part_names[c->part]);
	i = skip_blank(w, i);
	if (c->op != COND_IN && c->op != COND_NOT_IN) {
		if (value_ends(w, i, V_SINGLE))
			goto bad;
		if (!(v = new_value(w, c, &cap)) || parse_value(w, i, V_SINGLE, v, end) < 0 ||
		    check_value(w, c, v, i) < 0)
			return -1;
		c->latest = v->latest;
		return 0;
	}
	for (i = skip_blank(w, i + 1);; i = skip_blank(w, i + 1)) { /* after "(" or "," */
		if (i >= w->n || w->s[i] == ',' || w->s[i] == ')')
			return fail(w, i, i < w->n && w->s[i] == ')' && c->nvals == 0 ?
				    "empty list after in: write the values, \"in (a, b)\"" :
				    "missing value in the list after in");
		size_t at = i;

		if (!(v = new_value(w, c, &cap)) || parse_value(w, i, V_LIST, v, &i) < 0 ||
		    check_value(w, c, v, at) < 0)
			return -1;
		c->latest |= v->latest;
		if (i >= w->n)
			return fail(w, i, "expected \")\" to close the list after in");
		if (w->s[i] == ')')
			break;
	}
	*end = i + 1;
	return 0;
bad:
	k = cond_end(w, a);
	while (k > a && is_blank(w->s[k - 1]))
		k--;
	return fail(w, a, "bad condition \"%.*s\": expected column, operator (= != < <= > >=, "
		    "in, not in, contains, is empty) and value", (int)(k - a), w->s + a);
}

static void cond_free(struct cond *c)
{
	free(c->column);
	for (size_t i = 0; i < c->nvals; i++)
		free(c->vals[i].text);
	free(c->vals);
}

void query_free_where(struct cond *w, size_t n)
{
	for (size_t i = 0; w && i < n; i++)
		cond_free(&w[i]);
	free(w);
}

/* One condition at i (after the joining comma or "or") into a new entry of
 * w->v; *end after it. */
static int parse_cond(struct wparse *w, size_t i, size_t group, size_t *end)
{
	struct cond *c;
	size_t e;

	i = skip_blank(w, i);
	if (i >= w->n || w->s[i] == ',' || or_at(w, i))
		return fail(w, i, "empty condition in where:");
	if (grow_array(&w->v, &w->cap, w->nv + 1, sizeof *w->v) < 0)
		return diag_oom(w->d);
	c = &w->v[w->nv++];
	memset(c, 0, sizeof *c);
	c->group = group;
	c->line = w->line;
	c->col = col_of(w, i);
	if (parse_lhs(w, i, c, &e) < 0)
		return -1;
	if (!c->column) {
		size_t k = cond_end(w, i);

		while (k > i && is_blank(w->s[k - 1]))
			k--;
		return fail(w, i, "bad condition \"%.*s\": expected column, operator (= != < <= "
			    "> >=, in, not in, contains, is empty) and value", (int)(k - i),
			    w->s + i);
	}
	return parse_rest(w, i, e, c, end);
}

/* Start a parse of text at file:line from column col0. */
static void wparse_init(struct wparse *w, const char *text, const char *file, int line,
			int col0, struct diag *d)
{
	memset(w, 0, sizeof *w);
	w->s = text;
	w->n = strlen(text);
	w->file = file;
	w->line = line;
	w->col0 = col0 < 1 ? 1 : col0;
	w->d = d;
}

int query_parse_where(const char *text, struct cond **out, size_t *nout,
		      const char *file, int line, int col0, struct diag *d)
{
	struct wparse w;
	size_t i = 0, group = 0;

	*out = NULL;
	*nout = 0;
	if (!text)
		return 0;
	wparse_init(&w, text, file, line, col0, d);
	for (;;) {
		if (parse_cond(&w, i, group, &i) < 0)
			goto fail;
		i = skip_blank(&w, i);
		if (i >= w.n)
			break;
		if (w.s[i] == ',') {
			i++;
		} else if (or_at(&w, i)) {
			if (++group == GROUPS_MAX) {
				fail(&w, i, "too many \"or\": at most %d groups of conditions",
				     GROUPS_MAX);
				goto fail;
			}
			i += 2;
		} else {
			fail(&w, i, "unexpected \"%.*s\" after a condition: conditions are joined "
			     "by commas (and) or by \"or\"", (int)utf8_cut(w.s + i, w.n - i, 40),
			     w.s + i);
			goto fail;
		}
	}
	*out = w.v;
	*nout = w.nv;
	return 0;
fail:
	query_free_where(w.v, w.nv);
	return -1;
}

int query_parse_column(const char *text, char **name, enum col_part *part, const char *file,
		       int line, int col0, struct diag *d)
{
	struct wparse w;
	size_t after, a, b;

	*name = NULL;
	*part = PART_WHOLE;
	wparse_init(&w, text, file, line, col0, d);
	a = skip_blank(&w, 0);
	*part = function_at(&w, a, &after);
	b = w.n;
	while (b > a && is_blank(text[b - 1]))
		b--;
	if (*part == PART_WHOLE || b == a || text[b - 1] != ')') {
		*part = PART_WHOLE;
		*name = strndup(text + a, b - a);
		return *name ? 0 : diag_oom(d);
	}
	a = skip_blank(&w, after);
	b--;
	while (b > a && is_blank(text[b - 1]))
		b--;
	if (b == a)
		return fail(&w, a, "%s() needs a column name", part_names[*part]);
	*name = strndup(text + a, b - a);
	return *name ? 0 : diag_oom(d);
}

const char *query_op_name(enum cond_op op)
{
	static const char *const op_names[] = { "=", "!=", "<", "<=", ">", ">=", "in", "not in",
						"contains", "not contains", "is empty",
						"is not empty" };

	return (unsigned)op <= COND_NOT_EMPTY ? op_names[op] : "?";
}

int query_part_gran(enum col_part part)
{
	switch (part) {
	case PART_YEAR: return PERIOD_YEAR;
	case PART_QUARTER: return PERIOD_QUARTER;
	case PART_MONTH: return PERIOD_MONTH;
	case PART_WHOLE: break;
	}
	return -1;
}

const char *query_part_name(enum col_part part)
{
	return (unsigned)part <= PART_MONTH ? part_names[part] : "";
}

int query_period_cmp(const struct period *a, const struct period *b)
{
	struct period x = *a, y = *b;

	if (a->gran == b->gran)
		return (a->ord > b->ord) - (a->ord < b->ord);
	/* the finer one cut to the coarser: "month < 2024" is before 2024 */
	if (a->gran > b->gran)
		period_truncate(a, b->gran, &x);
	else
		period_truncate(b, a->gran, &y);
	return (x.ord > y.ord) - (x.ord < y.ord);
}
