/* textflow — greedy line breaking of styled UTF-8 runs (see textflow.h). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "textflow.h"
#include "grow.h"
#include "utf8.h"

/* Slack for comparing sums of widths with the line width. */
#define TF_EPS 1e-6

enum tok_kind { TOK_WORD, TOK_SPACE, TOK_NEWLINE };

/* A token: a piece of a word, a stretch of spaces, or a hard break.  Tokens
 * never cross a run; one word may be several tokens (bold inside a word). */
struct tok {
	enum tok_kind kind;
	size_t run, off, len; /* bytes of runs[run].text */
	int face;             /* enum tf_face */
	double w;             /* width in points */
	int brk;              /* WORD: a line may break after it (hyphen) */
};

struct toks {
	struct tok *v;
	size_t n, cap;
};

int textflow_face(unsigned base, unsigned style)
{
	unsigned s = base | style;
	int face = 0;

	if (s & RUN_BOLD)
		face |= TF_BOLD;
	if (s & RUN_CODE)
		return s & RUN_BOLD ? TF_MONO_BOLD : TF_MONO;
	if (s & RUN_ITALIC)
		face |= TF_ITALIC;
	return face;
}

static int is_dash(uint32_t cp)
{
	return cp == '-' || cp == 0x2010 || cp == 0x2013 || cp == 0x2014;
}

static int is_digit(uint32_t cp)
{
	return cp >= '0' && cp <= '9';
}

/* A line may break after cp, between prev and next (all inside one word):
 * after a dash (not a hyphen between digits: "2022-06-14" stays whole), or
 * after a slash that is not part of "//" (paths, URLs). */
static int breaks_after(uint32_t prev, uint32_t cp, uint32_t next)
{
	if (cp == '-' && is_digit(prev) && is_digit(next))
		return 0;
	if (is_dash(cp))
		return !is_dash(next);
	return cp == '/' && prev != '/' && next != '/';
}

static int toks_push(struct toks *t, struct tok k)
{
	if (grow_array(&t->v, &t->cap, t->n + 1, sizeof *t->v) < 0)
		return -1;
	t->v[t->n++] = k;
	return 0;
}

/* Push a token after measuring it. */
static int push_tok(struct toks *t, enum tok_kind kind, size_t run, const char *text,
		    size_t off, size_t len, int face, int brk, double size,
		    const struct tf_measurer *m)
{
	struct tok k = { kind, run, off, len, face, 0, brk };

	if (kind != TOK_NEWLINE)
		k.w = m->fn(m->ctx, face, text + off, len) * size / 1000.0;
	return toks_push(t, k);
}

/* Split the word text[start..end) where a line may break inside it
 * (breaks_after), pushing the parts. */
static int push_word(struct toks *t, size_t run, const char *text, size_t start,
		     size_t end, int face, double size, const struct tf_measurer *m)
{
	size_t piece = start, pos = start;
	uint32_t prev = 0, cp, next;

	pos += (size_t)utf8_decode(text + pos, end - pos, &cp);
	while (pos < end) {
		int n = utf8_decode(text + pos, end - pos, &next);
		if (prev && breaks_after(prev, cp, next)) {
			if (push_tok(t, TOK_WORD, run, text, piece, pos - piece, face, 1,
				     size, m))
				return -1;
			piece = pos;
		}
		prev = cp;
		cp = next;
		pos += (size_t)n;
	}
	return push_tok(t, TOK_WORD, run, text, piece, end - piece, face, 0, size, m);
}

/* Cut the runs into measured tokens. */
static int tokenize(struct toks *t, const struct inlines *in, unsigned base,
		    double size, const struct tf_measurer *m)
{
	for (size_t r = 0; r < in->n; r++) {
		const char *s = in->runs[r].text;
		size_t n = s ? strlen(s) : 0, pos = 0;
		int face = textflow_face(base, in->runs[r].style);

		while (pos < n) {
			size_t end = pos;
			int rc;
			if (s[pos] == '\n' || s[pos] == '\r') {
				rc = s[pos] == '\n' ? push_tok(t, TOK_NEWLINE, r, s, pos, 1,
							       face, 0, size, m) : 0;
				pos++;
			} else if (s[pos] == ' ') {
				while (end < n && s[end] == ' ')
					end++;
				rc = push_tok(t, TOK_SPACE, r, s, pos, end - pos, face, 0, size, m);
				pos = end;
			} else {
				while (end < n && s[end] != ' ' && s[end] != '\n' && s[end] != '\r')
					end++;
				rc = push_word(t, r, s, pos, end, face, size, m);
				pos = end;
			}
			if (rc)
				return -1;
		}
	}
	return 0;
}

/* End of the word starting at token i: tokens i..j-1 with no break inside. */
static size_t word_end(const struct toks *t, size_t i, double *w)
{
	size_t j = i;

	*w = 0;
	while (j < t->n && t->v[j].kind == TOK_WORD) {
		*w += t->v[j].w;
		if (t->v[j++].brk)
			break;
	}
	return j;
}

/* State of the line being filled. */
struct builder {
	struct textflow *tf;
	double lw;        /* width of the current line so far */
};

static int line_begin(struct builder *b)
{
	struct textflow *tf = b->tf;

	if (grow_array(&tf->lines, &tf->lcap, tf->nlines + 1, sizeof *tf->lines) < 0)
		return -1;
	tf->lines[tf->nlines++] = (struct tf_line){ tf->nfrags, 0, 0 };
	b->lw = 0;
	return 0;
}

/* Append bytes of one run to the current line, extending the last fragment
 * when it is the same run, face and contiguous (so a line is few fragments). */
static int line_add(struct builder *b, size_t run, size_t off, size_t len, int face,
		    double w)
{
	struct textflow *tf = b->tf;
	struct tf_line *ln = &tf->lines[tf->nlines - 1];

	if (ln->count) {
		struct tf_frag *f = &tf->frags[tf->nfrags - 1];
		if (f->run == run && f->face == face && f->off + f->len == off) {
			f->len += len;
			f->width += w;
			b->lw += w;
			ln->width = b->lw;
			return 0;
		}
	}
	if (grow_array(&tf->frags, &tf->fcap, tf->nfrags + 1, sizeof *tf->frags) < 0)
		return -1;
	tf->frags[tf->nfrags++] = (struct tf_frag){ run, off, len, face, b->lw, w };
	ln->count++;
	b->lw += w;
	ln->width = b->lw;
	return 0;
}

static int add_tokens(struct builder *b, const struct toks *t, size_t from, size_t to)
{
	for (size_t k = from; k < to; k++)
		if (line_add(b, t->v[k].run, t->v[k].off, t->v[k].len, t->v[k].face,
			     t->v[k].w))
			return -1;
	return 0;
}

/* Set a word wider than the line code point by code point, starting a new
 * line whenever the next one would overflow (at least one per line). */
static int split_word(struct builder *b, const struct toks *t, size_t from, size_t to,
		      const struct inlines *in, double size, double width,
		      const struct tf_measurer *m)
{
	for (size_t k = from; k < to; k++) {
		const struct tok *tk = &t->v[k];
		const char *s = in->runs[tk->run].text;
		size_t pos = tk->off, end = tk->off + tk->len;
		while (pos < end) {
			uint32_t cp;
			size_t n = (size_t)utf8_decode(s + pos, end - pos, &cp);
			double w = m->fn(m->ctx, tk->face, s + pos, n) * size / 1000.0;
			if (b->lw > 0 && b->lw + w > width + TF_EPS && line_begin(b))
				return -1;
			if (line_add(b, tk->run, pos, n, tk->face, w))
				return -1;
			pos += n;
		}
	}
	return 0;
}

/* Greedy filling: a word goes on the current line with the spaces before it
 * if it fits, else it starts the next line (those spaces dropped). */
static int fill(struct builder *b, const struct toks *t, const struct inlines *in,
		double size, double width, const struct tf_measurer *m)
{
	size_t ps = 0, pe = 0; /* pending spaces: tokens ps..pe-1 */
	double pw = 0;
	int soft = 0;          /* the current line began at a soft break */

	if (t->n && line_begin(b))
		return -1;
	for (size_t i = 0; i < t->n;) {
		const struct tok *k = &t->v[i];
		if (k->kind == TOK_NEWLINE) {
			if (line_begin(b))
				return -1;
			soft = 0, pe = ps, pw = 0, i++;
			continue;
		}
		if (k->kind == TOK_SPACE) {
			if (pe == ps)
				ps = pe = i;
			if (!(soft && b->lw == 0))
				pe = i + 1, pw += k->w;
			else
				ps = pe = i + 1;
			i++;
			continue;
		}
		double ww;
		size_t j = word_end(t, i, &ww);
		int empty = b->tf->lines[b->tf->nlines - 1].count == 0;
		if (b->lw + pw + ww <= width + TF_EPS) {
			if (add_tokens(b, t, ps, pe) || add_tokens(b, t, i, j))
				return -1;
		} else {
			if (!empty && line_begin(b))
				return -1;
			soft = 1;
			if (ww <= width + TF_EPS ? add_tokens(b, t, i, j)
						 : split_word(b, t, i, j, in, size, width, m))
				return -1;
		}
		ps = pe = j, pw = 0;
		i = j;
	}
	return 0;
}

int textflow_break(struct textflow *tf, const struct inlines *in, unsigned base,
		   double size, double width, const struct tf_measurer *m)
{
	struct toks t = { 0 };
	struct builder b = { tf, 0 };
	int rc;

	tf->nfrags = tf->nlines = 0;
	rc = tokenize(&t, in, base, size, m);
	if (!rc)
		rc = fill(&b, &t, in, size, width, m);
	free(t.v);
	return rc;
}

int textflow_measure(const struct inlines *in, unsigned base, double size,
		     const struct tf_measurer *m, double *natural, double *minimum)
{
	struct toks t = { 0 };
	double line = 0, pending = 0;

	*natural = *minimum = 0;
	if (tokenize(&t, in, base, size, m)) {
		free(t.v);
		return -1;
	}
	for (size_t i = 0; i < t.n;) {
		const struct tok *k = &t.v[i];
		if (k->kind == TOK_NEWLINE) {
			line = pending = 0, i++;
		} else if (k->kind == TOK_SPACE) {
			pending += k->w, i++;
		} else {
			double ww;
			i = word_end(&t, i, &ww);
			line += pending + ww, pending = 0;
			if (ww > *minimum)
				*minimum = ww;
			if (line > *natural)
				*natural = line;
		}
	}
	free(t.v);
	return 0;
}

void textflow_free(struct textflow *tf)
{
	if (!tf)
		return;
	free(tf->frags);
	free(tf->lines);
	memset(tf, 0, sizeof *tf);
}
