/* spec — the briefing spec read into a document model (include/spec.h).
 *
 * Three readers meet here: md4c for the Markdown, inih for the key: value text
 * of the front matter and of the ```values, ```table and ```chart blocks, and
 * data.h's where: parser.  Every diagnostic points at a spec line and column,
 * computed from md4c's text pointers into our own buffer.
 *
 * Placeholders ({{name}}) are checked while parsing, when each run's source
 * location is still known (a run may merge text from several lines), so an
 * undefined or malformed one is reported by spec_parse() at its exact
 * line:col; spec_expand() then only substitutes them.
 */
#include "spec.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <ini.h>
#include <md4c.h>

#include "date.h"
#include "grow.h"
#include "num.h"
#include "sha256.h"
#include "slug.h"
#include "slurp.h"
#include "strbuf.h"
#include "utf8.h"

#define SPEC_LINE_MAX 65536          /* longest key: value line, in bytes */
#define NO_INDEX ((size_t)-1)
#define MAX_TOP 1000000000UL         /* largest top: accepted */

/* ------------------------------------------------------------------------ */
/* Small helpers                                                            */

static int is_alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static int is_blank(int c)
{
	return c == ' ' || c == '\t';
}

/* Letters, digits, '_' and '-': the characters of value and chart names. */
static int is_name_char(int c)
{
	return is_alpha(c) || is_digit(c) || c == '_' || c == '-';
}

static int is_name(const char *s, size_t n)
{
	if (n == 0)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!is_name_char((unsigned char)s[i]))
			return 0;
	return 1;
}

/* ------------------------------------------------------------------------ */
/* A string set with a number per key (open addressing, FNV-1a).  Used for
 * heading anchors and value names, so big specs stay linear. */

struct smap_ent {
	char *key;   /* NULL = empty slot */
	size_t val;
};

struct smap {
	struct smap_ent *e;
	size_t cap, n;
};

static size_t smap_hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return (size_t)h;
}

static struct smap_ent *smap_find(const struct smap *m, const char *key)
{
	if (!m->cap)
		return NULL;
	for (size_t i = smap_hash(key) & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
		if (!m->e[i].key)
			return NULL;
		if (strcmp(m->e[i].key, key) == 0)
			return &m->e[i];
	}
}

/* Insert key (copied) with val; the key must not be present.  0 or -1. */
static int smap_put(struct smap *m, const char *key, size_t val)
{
	size_t i;

	if (2 * (m->n + 1) > m->cap) {
		struct smap big = { NULL, m->cap ? 2 * m->cap : 16, 0 };

		big.e = calloc(big.cap, sizeof *big.e);
		if (!big.e)
			return -1;
		for (size_t j = 0; j < m->cap; j++) {
			if (!m->e[j].key)
				continue;
			for (i = smap_hash(m->e[j].key) & (big.cap - 1); big.e[i].key;
			     i = (i + 1) & (big.cap - 1))
				;
			big.e[i] = m->e[j];
		}
		big.n = m->n;
		free(m->e);
		*m = big;
	}
	for (i = smap_hash(key) & (m->cap - 1); m->e[i].key; i = (i + 1) & (m->cap - 1))
		;
	m->e[i].key = strdup(key);
	if (!m->e[i].key)
		return -1;
	m->e[i].val = val;
	m->n++;
	return 0;
}

static void smap_free(struct smap *m)
{
	for (size_t i = 0; i < m->cap; i++)
		free(m->e[i].key);
	free(m->e);
	memset(m, 0, sizeof *m);
}

/* ------------------------------------------------------------------------ */
/* The source text and its lines                                            */

struct src {
	const char *text;  /* the spec after any BOM */
	size_t len;
	size_t *starts;    /* byte offset where each line starts */
	int nstarts;
	int nlines;        /* lines that exist (a final "\n" opens no new line) */
};

static int src_init(struct src *s, const char *text, size_t len)
{
	size_t n = 1;

	for (size_t i = 0; i < len; i++)
		n += text[i] == '\n';
	if (n > (size_t)INT32_MAX)
		return -1;
	s->text = text;
	s->len = len;
	s->starts = malloc(n * sizeof *s->starts);
	if (!s->starts)
		return -1;
	s->starts[0] = 0;
	s->nstarts = 1;
	for (size_t i = 0; i < len; i++)
		if (text[i] == '\n')
			s->starts[s->nstarts++] = i + 1;
	s->nlines = (len > 0 && text[len - 1] == '\n') ? s->nstarts - 1 : s->nstarts;
	return 0;
}

/* 1-based line of byte offset off. */
static int src_line(const struct src *s, size_t off)
{
	int lo = 0, hi = s->nstarts - 1;

	while (lo < hi) {
		int mid = lo + (hi - lo + 1) / 2;

		if (s->starts[mid] <= off)
			lo = mid;
		else
			hi = mid - 1;
	}
	return lo + 1;
}

/* Line and 1-based character column of p, if p points into the source
 * (md4c hands out pointers into our buffer for ordinary text).  1 or 0. */
static int src_where(const struct src *s, const char *p, int *line, int *col)
{
	size_t off, start;

	if (!p || p < s->text || p >= s->text + s->len)
		return 0;
	off = (size_t)(p - s->text);
	*line = src_line(s, off);
	start = s->starts[*line - 1];
	*col = (int)utf8_count(s->text + start, off - start) + 1;
	return 1;
}

/* The text of line (1-based) without its line ending, or NULL past the end. */
static const char *src_line_text(const struct src *s, int line, size_t *len)
{
	size_t a, b;

	if (line < 1 || line > s->nlines)
		return NULL;
	a = s->starts[line - 1];
	b = line < s->nstarts ? s->starts[line] : s->len;
	if (b > a && s->text[b - 1] == '\n')
		b--;
	if (b > a && s->text[b - 1] == '\r')
		b--;
	*len = b - a;
	return s->text + a;
}

/* Skip what container blocks put before a line's content: indentation and
 * block-quote markers. */
static size_t skip_prefix(const char *t, size_t n)
{
	size_t i = 0;

	while (i < n && (is_blank((unsigned char)t[i]) || t[i] == '>'))
		i++;
	return i;
}

/* A thematic break line (***, ___ or ---, spaces allowed between). */
static int is_break_line(const char *t, size_t n)
{
	size_t i = skip_prefix(t, n);
	int count = 0;
	char c = i < n ? t[i] : 0;

	if (c != '*' && c != '_' && c != '-')
		return 0;
	for (; i < n; i++) {
		if (t[i] == c)
			count++;
		else if (!is_blank((unsigned char)t[i]))
			return 0;
	}
	return count >= 3;
}

/* The length of the run of fence characters (` or ~) starting a line's
 * content, or 0. */
static int fence_run(const char *t, size_t n, char fc, size_t *after)
{
	size_t i = skip_prefix(t, n), j;

	for (j = i; j < n && t[j] == fc; j++)
		;
	*after = j;
	return j - i >= 3 ? (int)(j - i) : 0;
}

/* ------------------------------------------------------------------------ */
/* The parser state                                                         */

enum target_kind { TGT_NONE, TGT_BLOCK, TGT_ITEM, TGT_CELL };

/* Where inline text goes: a block's text, a list item or a table cell. */
struct target {
	enum target_kind kind;
	size_t block;  /* index in doc->blocks */
	size_t index;  /* item or cell index */
};

/* A piece of the open run: from byte off on, text came from line:col. */
struct seg {
	size_t off;
	int line, col;  /* col 0 = unknown */
};

enum ctr_kind { CTR_QUOTE, CTR_LIST, CTR_ITEM };

/* An open container block (block quote, list or list item). */
struct ctr {
	enum ctr_kind kind;
	int ordered;     /* list: numbered */
	unsigned next;   /* list: the next item's number */
	size_t block;    /* item: its list block */
	size_t item;     /* item: its index in that block */
};

enum code_kind { CODE_PLAIN, CODE_VALUES, CODE_TABLE, CODE_CHART, CODE_FIGURES };

/* A {{name}} seen while parsing, checked against the values at the end. */
struct placeholder {
	char *name;
	int line, col;
};

/* Inline text being gathered: where it goes, the run still open, and the
 * spans it is inside. */
struct inline_state {
	struct target tgt;       /* where text goes now */
	int open;                /* the target's last run may still grow */
	size_t open_len;         /* that run's text length */
	size_t open_cap;         /* and its allocation */
	struct seg *segs;        /* source pieces of the open run */
	size_t nsegs, segs_cap;
	int bold, italic, code;  /* open emphasis, strong and code spans */
	int img;                 /* inside an image (its alt text is plain) */
	char *href;              /* inside a link: its target */
};

/* What md4c's block events have opened: containers, a heading, a pipe
 * table, raw HTML. */
struct md_state {
	struct ctr *ctrs;        /* open containers, innermost last */
	size_t nctrs, ctrs_cap;
	int list_depth;          /* lists open */
	size_t cur_list;         /* list block being filled, or NO_INDEX */
	int heading_level;       /* as written (1-6) */
	long row;                /* pipe table: current row (-1 before the first) */
	size_t col;              /* and column */
	int in_html;             /* inside a raw HTML block */
	int html_warned;         /* that block was warned about */
};

/* The code block being read: its text arrives in pieces. */
struct code_state {
	int in;                  /* inside a code block */
	enum code_kind kind;     /* ours (values, table, chart, figures) or plain */
	struct strbuf buf;       /* its text so far */
	int line;                /* fence line (0 until known) */
	int body_line;           /* first located body line */
	int nl;                  /* body lines seen */
	char fence_char;         /* 0 = indented code */
};

/* The names of the document: to make anchors unique, find values, and
 * check each {{name}} once all values are known. */
struct names_state {
	struct smap anchors;     /* heading anchors given, with the next suffix */
	struct smap values;      /* value name -> index in doc->values */
	struct placeholder *phs; /* every {{name}} (and figure name) used */
	size_t nphs, phs_cap;
};

struct parser {
	struct doc *doc;         /* what is being built */
	struct src src;          /* the spec text and its lines */
	struct diag *d;          /* the first error */
	struct diag_list *warn;  /* warnings (may be NULL) */
	int failed;              /* d holds an error; stop */
	int last_line;           /* the furthest spec line located so far */
	size_t blocks_cap;       /* allocated doc->blocks */
	size_t values_cap;       /* allocated doc->values */
	struct inline_state in;
	struct md_state md;
	struct code_state code;
	struct names_state names;
};

/* Record an error (the first one wins) and stop.  Returns -1. */
static int fail(struct parser *p, int line, int col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static int fail(struct parser *p, int line, int col, const char *fmt, ...)
{
	char msg[sizeof p->d->msg];
	va_list ap;

	if (p->failed)
		return -1;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	diag_error(p->d, EXIT_DATAERR, p->doc->path, line, col, "%s", msg);
	p->failed = 1;
	return -1;
}

static int oom(struct parser *p)
{
	if (!p->failed)
		diag_oom(p->d);
	p->failed = 1;
	return -1;
}

static void note_line(struct parser *p, int line)
{
	if (line > p->last_line)
		p->last_line = line;
}

/* Append a block of type t; returns it (valid until the next append) or NULL. */
static struct block *add_block(struct parser *p, enum block_type t, int line)
{
	struct doc *doc = p->doc;
	struct block *b;

	if (grow_array(&doc->blocks, &p->blocks_cap, doc->nblocks + 1, sizeof *doc->blocks) < 0) {
		oom(p);
		return NULL;
	}
	b = &doc->blocks[doc->nblocks++];
	memset(b, 0, sizeof *b);
	b->type = t;
	b->line = line;
	return b;
}

/* ------------------------------------------------------------------------ */
/* Placeholders                                                             */

/* Parse the placeholder starting at s ("{{"): "{{ name }}" with a name of
 * letters, digits, _ and -.  Sets the name span and returns the placeholder's
 * byte length, or 0 when it is malformed. */
static size_t placeholder_parse(const char *s, const char **name, size_t *nlen)
{
	const char *close = strstr(s + 2, "}}");
	const char *a = s + 2, *b;

	if (!close)
		return 0;
	b = close;
	while (a < b && is_blank((unsigned char)*a))
		a++;
	while (b > a && is_blank((unsigned char)b[-1]))
		b--;
	if (!is_name(a, (size_t)(b - a)))
		return 0;
	*name = a;
	*nlen = (size_t)(b - a);
	return (size_t)(close + 2 - s);
}

/* How much of a malformed placeholder at s to quote: through "}}" when there
 * is one, else "{{" and the word after it. */
static size_t placeholder_extent(const char *s)
{
	const char *close = strstr(s + 2, "}}");
	size_t i = 2;

	if (close)
		return (size_t)(close + 2 - s);
	while (is_blank((unsigned char)s[i]))
		i++;
	while (s[i] && !is_blank((unsigned char)s[i]) && s[i] != '\n' && s[i] != '{')
		i++;
	return i;
}

/* Spec location of byte off of a text made of segments. */
static void seg_locate(const char *text, const struct seg *segs, size_t nsegs,
		       size_t off, int *line, int *col)
{
	size_t lo = 0, hi = nsegs - 1;
	const struct seg *s;

	while (lo < hi) {  /* the last segment starting at or before off */
		size_t mid = lo + (hi - lo + 1) / 2;

		if (segs[mid].off <= off)
			lo = mid;
		else
			hi = mid - 1;
	}
	s = &segs[lo];
	*line = s->line;
	*col = s->col ? s->col + (int)utf8_count(text + s->off, off - s->off) : 0;
}

/* Remember a value name used at line:col, for the end-of-parse check that
 * it names a value. */
static int note_placeholder(struct parser *p, const char *name, size_t nlen, int line, int col)
{
	if (grow_array(&p->names.phs, &p->names.phs_cap, p->names.nphs + 1, sizeof *p->names.phs) < 0)
		return oom(p);
	p->names.phs[p->names.nphs].name = strndup(name, nlen);
	if (!p->names.phs[p->names.nphs].name)
		return oom(p);
	p->names.phs[p->names.nphs].line = line;
	p->names.phs[p->names.nphs++].col = col;
	return 0;
}

/* Check the syntax of every {{...}} in text and remember each name with its
 * location, for the end-of-parse check that it names a value. */
static int scan_placeholders(struct parser *p, const char *text,
			     const struct seg *segs, size_t nsegs)
{
	const char *s = text;

	while ((s = strstr(s, "{{")) != NULL) {
		const char *name;
		size_t nlen, len = placeholder_parse(s, &name, &nlen);
		int line, col;

		seg_locate(text, segs, nsegs, (size_t)(s - text), &line, &col);
		if (!len) {
			size_t ext = placeholder_extent(s);

			return fail(p, line, col, "malformed placeholder \"%.*s\"",
				    (int)utf8_cut(s, ext, 80), s);
		}
		if (note_placeholder(p, name, nlen, line, col) < 0)
			return -1;
		s += len;
	}
	return 0;
}

/* Placeholders in a one-line string (caption, chart title, ...) whose first
 * character is at line:col. */
static int scan_string(struct parser *p, const char *text, int line, int col)
{
	struct seg seg = { 0, line, col };

	return text ? scan_placeholders(p, text, &seg, 1) : 0;
}

/* Every placeholder must name a value defined somewhere in the spec; report
 * the first undefined one in document order. */
static int check_placeholders(struct parser *p)
{
	const struct placeholder *bad = NULL;

	for (size_t i = 0; i < p->names.nphs; i++) {
		const struct placeholder *ph = &p->names.phs[i];

		if (smap_find(&p->names.values, ph->name))
			continue;
		if (!bad || ph->line < bad->line || (ph->line == bad->line && ph->col < bad->col))
			bad = ph;
	}
	if (bad)
		return fail(p, bad->line, bad->col, "undefined value \"%s\"", bad->name);
	return 0;
}

/* ------------------------------------------------------------------------ */
/* Inline text: runs                                                        */

static struct inlines *target_inlines(struct parser *p, const struct target *t)
{
	struct block *b;

	if (t->kind == TGT_NONE)
		return NULL;
	b = &p->doc->blocks[t->block];
	if (t->kind == TGT_BLOCK)
		return &b->text;
	if (t->kind == TGT_ITEM)
		return &b->items[t->index].text;
	return &b->ptable->cells[t->index];
}

/* The open run is complete: check its placeholders while its pieces'
 * locations are known. */
static int close_run(struct parser *p)
{
	struct inlines *in;
	int rc = 0;

	if (!p->in.open)
		return 0;
	p->in.open = 0;
	in = target_inlines(p, &p->in.tgt);
	if (in && in->n)
		rc = scan_placeholders(p, in->runs[in->n - 1].text, p->in.segs, p->in.nsegs);
	p->in.nsegs = 0;
	return rc;
}

static int set_target(struct parser *p, enum target_kind kind, size_t block, size_t index)
{
	int rc = close_run(p);

	p->in.tgt.kind = kind;
	p->in.tgt.block = block;
	p->in.tgt.index = index;
	return rc;
}

/* Text after a paragraph or heading ends goes to the innermost list item, if
 * the innermost container is one (tight lists have no paragraphs). */
static int retarget(struct parser *p)
{
	if (p->md.nctrs && p->md.ctrs[p->md.nctrs - 1].kind == CTR_ITEM)
		return set_target(p, TGT_ITEM, p->md.ctrs[p->md.nctrs - 1].block,
				  p->md.ctrs[p->md.nctrs - 1].item);
	return set_target(p, TGT_NONE, 0, 0);
}

static int add_seg(struct parser *p, size_t off, int line, int col)
{
	if (grow_array(&p->in.segs, &p->in.segs_cap, p->in.nsegs + 1, sizeof *p->in.segs) < 0)
		return oom(p);
	p->in.segs[p->in.nsegs].off = off;
	p->in.segs[p->in.nsegs].line = line;
	p->in.segs[p->in.nsegs++].col = col;
	return 0;
}

static unsigned cur_style(const struct parser *p)
{
	if (p->in.img)
		return 0;
	return (p->in.bold ? RUN_BOLD : 0) | (p->in.italic ? RUN_ITALIC : 0) | (p->in.code ? RUN_CODE : 0);
}

static const char *cur_href(const struct parser *p)
{
	return p->in.img ? NULL : p->in.href;
}

static int same_href(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* Grow the open run r by s[0..n); a located piece starts a new segment. */
static int run_extend(struct parser *p, struct run *r, const char *s, size_t n,
		      int located, int line, int col)
{
	if (grow_array(&r->text, &p->in.open_cap, p->in.open_len + n + 1, 1) < 0)
		return oom(p);
	if (located && r->col == 0 && p->in.nsegs == 1)
		r->line = line;  /* the run began with a separator of no location */
	if (located && add_seg(p, p->in.open_len, line, col) < 0)
		return -1;
	memcpy(r->text + p->in.open_len, s, n);
	p->in.open_len += n;
	r->text[p->in.open_len] = '\0';
	return 0;
}

/* Start a new run in `in`; a hard break ("\n") never stays open. */
static int run_push(struct parser *p, struct inlines *in, const char *s, size_t n,
		    int line, int col, int hard)
{
	const char *href = cur_href(p);
	struct run *r;

	if (grow_array(&in->runs, &in->cap, in->n + 1, sizeof *in->runs) < 0)
		return oom(p);
	r = &in->runs[in->n];
	memset(r, 0, sizeof *r);
	r->text = strndup(s, n);
	r->href = href ? strdup(href) : NULL;
	if (!r->text || (href && !r->href)) {
		free(r->text);
		free(r->href);
		return oom(p);
	}
	in->n++;
	r->style = cur_style(p);
	r->line = line;
	r->col = col;
	if (hard)
		return 0;
	p->in.open = 1;
	p->in.open_len = p->in.open_cap = n;
	p->in.open_cap++;
	p->in.nsegs = 0;
	return add_seg(p, 0, line, col);
}

/* Add inline text s[0..n) to the current target.  at is md4c's pointer to it
 * (located when inside our buffer); hard marks a hard line break.  Text with
 * the same style and link as the open run joins it. */
static int inl_add(struct parser *p, const char *s, size_t n, const char *at, int hard)
{
	struct inlines *in = target_inlines(p, &p->in.tgt);
	int line = 0, col = 0, located;

	if (!in || p->failed || n == 0)
		return p->failed ? -1 : 0;
	located = src_where(&p->src, at, &line, &col);
	if (located) {
		struct block *b = &p->doc->blocks[p->in.tgt.block];

		note_line(p, line);
		if (b->line == 0)
			b->line = line;
	} else {
		line = p->last_line;
	}
	if (!hard && p->in.open && in->n) {
		struct run *last = &in->runs[in->n - 1];

		if (last->style == cur_style(p) && same_href(last->href, cur_href(p)))
			return run_extend(p, last, s, n, located, line, col);
	}
	if (close_run(p) < 0)
		return -1;
	return run_push(p, in, s, n, line, col, hard);
}

/* ------------------------------------------------------------------------ */
/* Entities and attributes                                                  */

static const struct {
	const char *name;
	uint32_t cp;
} entities[] = {
	{ "amp", '&' }, { "lt", '<' }, { "gt", '>' }, { "quot", '"' },
	{ "apos", '\'' }, { "nbsp", 0xa0 }, { "ndash", 0x2013 },
	{ "mdash", 0x2014 }, { "hellip", 0x2026 }, { "copy", 0xa9 },
	{ "reg", 0xae }, { "trade", 0x2122 }, { "euro", 0x20ac },
	{ "laquo", 0xab }, { "raquo", 0xbb }, { "lsquo", 0x2018 },
	{ "rsquo", 0x2019 }, { "ldquo", 0x201c }, { "rdquo", 0x201d },
	{ "bull", 0x2022 }, { "middot", 0xb7 }, { "deg", 0xb0 },
	{ "plusmn", 0xb1 }, { "times", 0xd7 }, { "divide", 0xf7 },
	{ "minus", 0x2212 }, { "thinsp", 0x2009 }, { "ensp", 0x2002 },
	{ "emsp", 0x2003 }, { "shy", 0xad }, { "pound", 0xa3 },
	{ "yen", 0xa5 }, { "cent", 0xa2 }, { "sect", 0xa7 }, { "para", 0xb6 },
	{ "permil", 0x2030 }, { "larr", 0x2190 }, { "rarr", 0x2192 },
};

/* Decode an entity as md4c reports it ("&amp;", "&#233;", "&#x2013;") into
 * out (4 bytes).  Returns the UTF-8 length, or 0 for a name we do not know
 * (the caller then keeps the entity as written). */
static int entity_decode(const char *s, size_t n, char *out)
{
	uint32_t cp = 0;

	if (n < 3 || s[0] != '&' || s[n - 1] != ';')
		return 0;
	if (s[1] == '#') {
		int hex = s[2] == 'x' || s[2] == 'X';

		for (size_t i = hex ? 3 : 2; i < n - 1; i++) {
			int c = (unsigned char)s[i], v;

			if (is_digit(c))
				v = c - '0';
			else if (hex && c >= 'a' && c <= 'f')
				v = c - 'a' + 10;
			else if (hex && c >= 'A' && c <= 'F')
				v = c - 'A' + 10;
			else
				return 0;
			cp = cp * (hex ? 16 : 10) + (uint32_t)v;
			if (cp > 0x10ffff)
				cp = 0x110000;
		}
		if (cp == 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			cp = 0xfffd;
		return utf8_encode(cp, out);
	}
	for (size_t i = 0; i < sizeof entities / sizeof entities[0]; i++)
		if (strlen(entities[i].name) == n - 2 &&
		    memcmp(entities[i].name, s + 1, n - 2) == 0)
			return utf8_encode(entities[i].cp, out);
	return 0;
}

/* An md4c attribute (link target) as a plain string, entities decoded. */
static char *attr_string(const MD_ATTRIBUTE *a)
{
	struct strbuf b = { 0 };

	strbuf_add(&b, "", 0);
	for (unsigned i = 0; a->substr_offsets && a->substr_offsets[i] < a->size; i++) {
		const char *s = a->text + a->substr_offsets[i];
		size_t n = a->substr_offsets[i + 1] - a->substr_offsets[i];
		char u[4];
		int k = 0;

		if (a->substr_types[i] == MD_TEXT_ENTITY)
			k = entity_decode(s, n, u);
		else if (a->substr_types[i] == MD_TEXT_NULLCHAR)
			k = utf8_encode(0xfffd, u);
		strbuf_add(&b, k ? u : s, k ? (size_t)k : n);
	}
	if (b.oom)
		strbuf_free(&b);
	return b.s;
}

/* ------------------------------------------------------------------------ */
/* Heading anchors                                                          */

/* The heading's anchor: the GitHub-style slug of its text (slug.h),
 * malloc'ed; NULL when out of memory. */
static char *heading_slug(const struct inlines *t)
{
	struct strbuf text = { 0 };
	char *slug = NULL;
	size_t n;

	strbuf_add(&text, "", 0);
	for (size_t i = 0; i < t->n; i++)
		strbuf_str(&text, t->runs[i].text);
	if (!text.oom) {
		n = slug_write(NULL, 0, text.s, text.n, SLUG_ANCHOR);
		if ((slug = malloc(n + 1)) != NULL)
			slug_write(slug, n + 1, text.s, text.n, SLUG_ANCHOR);
	}
	strbuf_free(&text);
	return slug;
}

/* Make slug unique among the document's anchors: "x", then "x-1", "x-2". */
static char *unique_anchor(struct parser *p, char *slug)
{
	struct smap_ent *e = smap_find(&p->names.anchors, slug);
	size_t k, n = strlen(slug) + 24;
	char *cand;

	if (!e) {
		if (smap_put(&p->names.anchors, slug, 1) < 0) {
			free(slug);
			return NULL;
		}
		return slug;
	}
	cand = malloc(n);
	if (!cand) {
		free(slug);
		return NULL;
	}
	for (k = e->val;; k++) {
		snprintf(cand, n, "%s-%zu", slug, k);
		if (!smap_find(&p->names.anchors, cand))
			break;
	}
	e->val = k + 1;
	free(slug);
	if (smap_put(&p->names.anchors, cand, 1) < 0) {
		free(cand);
		return NULL;
	}
	return cand;
}

/* ------------------------------------------------------------------------ */
/* key: value text with inih                                                */

/* inih is configured through globals in Debian's build: long lines on the
 * heap (we reject lines over SPEC_LINE_MAX ourselves first), no multi-line
 * values, no inline comments (values may hold ';' and '#'), whole-line
 * comments with ';' or '#', stop at the first error. */
static void kv_configure(void)
{
	ini_use_stack = false;
	ini_allow_realloc = true;
	ini_initial_alloc = 256;
	ini_max_line = SPEC_LINE_MAX + 3;
	ini_allow_multiline = false;
	ini_allow_inline_comments = false;
	ini_start_comment_prefixes = (char *)";#";
	ini_allow_bom = false;
	ini_allow_no_value = false;
	ini_stop_on_first_error = true;
}

struct kv_reader;

/* What to do with a section line ("[name]") and a key line. */
typedef int (*kv_section_fn)(struct kv_reader *r, const char *name, size_t len, int closed);
typedef int (*kv_key_fn)(struct kv_reader *r, const char *key, const char *val,
			 int key_col, int val_col);

/* Feeds inih one line at a time, so the handler knows the spec line (inih's
 * handler has no line number in this build) and its raw text (for columns). */
struct kv_reader {
	struct parser *p;
	const char *pos, *end;   /* what is left to read */
	int first_line;          /* spec line of the text's first line */
	int line;                /* spec line being read */
	int at_start;            /* the next read starts a new line */
	const char *cur;         /* that line, without its line ending */
	size_t cur_len;
	int shift;               /* columns before it in the spec (container prefix) */
	kv_section_fn on_section;
	kv_key_fn on_key;
	void *user;
	int failed;
};

/* Columns the spec line has before the text inih reads: that text is the
 * spec line minus what md4c stripped (indentation, "> " of a quote). */
static int kv_shift(const struct kv_reader *r)
{
	size_t n;
	const char *t = src_line_text(&r->p->src, r->line, &n);

	if (!t || n < r->cur_len || memcmp(t + n - r->cur_len, r->cur, r->cur_len) != 0)
		return 0;
	return (int)utf8_count(t, n - r->cur_len);
}

/* A new line starts: remember it, and hand a "[section]" line to on_section. */
static int kv_start_line(struct kv_reader *r)
{
	size_t i = 0, n = 0;
	const char *close;

	r->line++;
	r->cur = r->pos;
	while (r->pos + n < r->end && r->pos[n] != '\n')
		n++;
	if (n && r->pos[n - 1] == '\r')
		n--;
	r->cur_len = n;
	r->shift = kv_shift(r);
	while (i < n && is_blank((unsigned char)r->cur[i]))
		i++;
	if (i == n || r->cur[i] != '[')
		return 0;
	close = memchr(r->cur + i, ']', n - i);
	if (!close)
		return r->on_section(r, r->cur + i + 1, n - i - 1, 0);
	for (const char *t = close + 1; t < r->cur + n; t++)
		if (!is_blank((unsigned char)*t))
			return r->on_section(r, r->cur + i + 1, n - i - 1, 0);
	return r->on_section(r, r->cur + i + 1, (size_t)(close - r->cur - i - 1), 1);
}

/* inih's fgets-like reader. */
static char *kv_read(char *str, int num, void *stream)
{
	struct kv_reader *r = stream;
	size_t n = 0;

	if (r->failed || r->pos >= r->end)
		return NULL;
	if (r->at_start && kv_start_line(r) < 0) {
		r->failed = 1;
		return NULL;
	}
	while (n + 1 < (size_t)num && r->pos < r->end) {
		char c = *r->pos++;

		str[n++] = c;
		if (c == '\n')
			break;
	}
	str[n] = '\0';
	r->at_start = n > 0 && str[n - 1] == '\n';
	return str;
}

/* inih's handler: columns of key and value from the raw line, as inih splits
 * it (at the first '=' or ':'), then on_key. */
static int kv_handler(void *user, const char *section, const char *name, const char *value)
{
	struct kv_reader *r = user;
	size_t i = 0, j;

	(void)section;
	while (i < r->cur_len && is_blank((unsigned char)r->cur[i]))
		i++;
	for (j = i; j < r->cur_len && r->cur[j] != '=' && r->cur[j] != ':'; j++)
		;
	if (j < r->cur_len)
		j++;
	while (j < r->cur_len && is_blank((unsigned char)r->cur[j]))
		j++;
	if (!*name) {
		fail(r->p, r->line, r->shift + 1, "expected \"key: value\"");
		r->failed = 1;
		return 0;
	}
	if (r->on_key(r, name, value, r->shift + (int)utf8_count(r->cur, i) + 1,
		      r->shift + (int)utf8_count(r->cur, j) + 1) < 0) {
		r->failed = 1;
		return 0;
	}
	return 1;
}

/* Lines longer than SPEC_LINE_MAX bytes are an error (inih would split them). */
static int kv_check_lengths(struct parser *p, const char *text, size_t len, int first_line)
{
	size_t start = 0;
	int line = first_line;

	for (size_t i = 0; i <= len; i++) {
		if (i < len && text[i] != '\n')
			continue;
		if (i - start > SPEC_LINE_MAX)
			return fail(p, line, 1, "line too long (limit %d bytes)", SPEC_LINE_MAX);
		start = i + 1;
		line++;
	}
	return 0;
}

/* Read text[0..len) as key: value lines whose first is spec line first_line. */
static int kv_parse(struct kv_reader *r, const char *text, size_t len)
{
	int rc;

	if (kv_check_lengths(r->p, text, len, r->first_line) < 0)
		return -1;
	kv_configure();
	r->pos = text;
	r->end = text + len;
	r->line = r->first_line - 1;
	r->at_start = 1;
	rc = ini_parse_stream(kv_read, r, kv_handler, r);
	if (r->failed || r->p->failed)
		return -1;
	if (rc == -2)
		return oom(r->p);
	if (rc > 0)
		return fail(r->p, r->first_line + rc - 1, 1, "expected \"key: value\"");
	return 0;
}

/* ------------------------------------------------------------------------ */
/* Sets of known keys                                                       */

#define KV_MAX 20

struct kv_entry {
	char *val;      /* the value, NULL when absent or empty */
	int seen;       /* the key was given (maybe empty) */
	int line, col;  /* spec line, and column of the value */
};

/* The keys of one front matter, block or value section. */
struct kv_set {
	const char *const *keys;   /* allowed keys, NULL-terminated */
	const char *what;          /* "chart block", ... for messages */
	int front;                 /* front matter (its own unknown-key message) */
	struct kv_entry e[KV_MAX];
};

static void kvset_init(struct kv_set *s, const char *const *keys, const char *what)
{
	memset(s, 0, sizeof *s);
	s->keys = keys;
	s->what = what;
}

static void kvset_clear(struct kv_set *s)
{
	for (int i = 0; i < KV_MAX; i++)
		free(s->e[i].val);
	kvset_init(s, s->keys, s->what);
}

/* Store one key line: unknown and duplicate keys are errors at the key. */
static int kvset_put(struct parser *p, struct kv_set *s, const char *key, const char *val,
		     int line, int key_col, int val_col)
{
	int i;

	for (i = 0; s->keys[i] && strcmp(s->keys[i], key) != 0; i++)
		;
	if (!s->keys[i]) {
		if (s->front)
			return fail(p, line, key_col, "unknown front matter key \"%s\"", key);
		return fail(p, line, key_col, "unknown key \"%s\" in %s", key, s->what);
	}
	if (s->e[i].seen)
		return fail(p, line, key_col, "duplicate key \"%s\" in %s", key, s->what);
	s->e[i].seen = 1;
	s->e[i].line = line;
	s->e[i].col = val_col;
	if (*val && !(s->e[i].val = strdup(val)))
		return oom(p);
	return 0;
}

/* The entry of key if it has a non-empty value, else NULL. */
static struct kv_entry *kvset_get(struct kv_set *s, const char *key)
{
	for (int i = 0; s->keys[i]; i++)
		if (strcmp(s->keys[i], key) == 0)
			return s->e[i].val ? &s->e[i] : NULL;
	return NULL;
}

/* The value of key, taken over by the caller (NULL when absent). */
static char *kvset_take(struct kv_set *s, const char *key)
{
	struct kv_entry *e = kvset_get(s, key);
	char *v = e ? e->val : NULL;

	if (e)
		e->val = NULL;
	return v;
}

static int kv_set_key(struct kv_reader *r, const char *key, const char *val,
		      int key_col, int val_col)
{
	return kvset_put(r->p, r->user, key, val, r->line, key_col, val_col);
}

/* Front matter and table/chart blocks have no sections. */
static int kv_no_section(struct kv_reader *r, const char *name, size_t len, int closed)
{
	struct kv_set *s = r->user;

	(void)closed;
	return fail(r->p, r->line, r->shift + 1, "unexpected section \"[%.*s]\" in %s",
		    (int)utf8_cut(name, len, 80), name, s->what);
}

/* ------------------------------------------------------------------------ */
/* Front matter                                                             */

static const char *const front_keys[] = {
	"title", "short-title", "subtitle", "author", "keywords", "date", "paper", "cover",
	"toc", "h1-new-page", "sources", "locale", NULL
};

/* A yes/no key (also true/false) into *dst; absent leaves *dst alone. */
static int set_yes_no(struct parser *p, int *dst, const char *key, const struct kv_entry *e)
{
	if (!e)
		return 0;
	if (strcmp(e->val, "yes") == 0 || strcmp(e->val, "true") == 0)
		*dst = 1;
	else if (strcmp(e->val, "no") == 0 || strcmp(e->val, "false") == 0)
		*dst = 0;
	else
		return fail(p, e->line, e->col, "bad %s \"%s\": expected yes or no", key, e->val);
	return 0;
}

/* Length of the line at text[i] if it is exactly "---" (CRLF allowed), else 0. */
static size_t dash_line(const char *text, size_t len, size_t i)
{
	if (len - i < 3 || memcmp(text + i, "---", 3) != 0)
		return 0;
	if (i + 3 == len || text[i + 3] == '\n')
		return i + 3 == len ? 3 : 4;
	if (text[i + 3] == '\r' && (i + 4 == len || text[i + 4] == '\n'))
		return i + 4 == len ? 4 : 5;
	return 0;
}

/* Interpret the front matter keys into doc->front. */
static int front_apply(struct parser *p, struct kv_set *s)
{
	struct front_matter *f = &p->doc->front;
	struct kv_entry *e;
	struct report_date date;

	f->title = kvset_take(s, "title");
	f->short_title = kvset_take(s, "short-title");
	f->subtitle = kvset_take(s, "subtitle");
	f->author = kvset_take(s, "author");
	f->keywords = kvset_take(s, "keywords");
	if (!f->title)
		return fail(p, 1, 1, "missing title in front matter");
	if (set_yes_no(p, &f->cover, "cover", kvset_get(s, "cover")) < 0 ||
	    set_yes_no(p, &f->toc, "toc", kvset_get(s, "toc")) < 0 ||
	    set_yes_no(p, &f->h1_new_page, "h1-new-page", kvset_get(s, "h1-new-page")) < 0 ||
	    set_yes_no(p, &f->sources, "sources", kvset_get(s, "sources")) < 0)
		return -1;
	if ((e = kvset_get(s, "date")) != NULL) {
		if (date_parse(e->val, &date) < 0)
			return fail(p, e->line, e->col, "bad date \"%s\": expected YYYY-MM-DD", e->val);
		f->date_line = e->line;
		f->date = kvset_take(s, "date");
	}
	if ((e = kvset_get(s, "locale")) != NULL && !(f->lang = lang_find(e->val)))
		return fail(p, e->line, e->col, "unknown locale \"%s\": expected %s", e->val,
			    lang_codes());
	if ((e = kvset_get(s, "paper")) != NULL) {
		if (strcmp(e->val, "a4") == 0)
			f->paper = PAPER_A4;
		else if (strcmp(e->val, "letter") == 0)
			f->paper = PAPER_LETTER;
		else
			return fail(p, e->line, e->col,
				    "unknown paper size \"%s\": expected a4 or letter", e->val);
	}
	return 0;
}

/* Read the front matter if the spec starts with "---"; *body = where the
 * Markdown starts.  A spec without a title is an error. */
static int front_matter(struct parser *p, size_t *body)
{
	const char *text = p->src.text;
	size_t len = p->src.len, open = dash_line(text, len, 0), i, close = 0;
	struct kv_set set;
	struct kv_reader r;
	int rc;

	*body = 0;
	if (!open)
		return fail(p, 1, 1, "missing title in front matter");
	for (i = open; i < len; i++) {
		if ((close = dash_line(text, len, i)) != 0)
			break;
		while (i < len && text[i] != '\n')
			i++;
	}
	if (!close)
		return fail(p, 1, 1, "unterminated front matter");
	*body = i + close;
	kvset_init(&set, front_keys, "front matter");
	set.front = 1;
	memset(&r, 0, sizeof r);
	r.p = p;
	r.first_line = 2;
	r.on_section = kv_no_section;
	r.on_key = kv_set_key;
	r.user = &set;
	rc = kv_parse(&r, text + open, i - open);
	if (rc == 0)
		rc = front_apply(p, &set);
	kvset_clear(&set);
	return rc;
}

/* ------------------------------------------------------------------------ */
/* Queries from block keys                                                  */

static int missing(struct parser *p, int line, const char *key, const char *what)
{
	return fail(p, line, 1, "missing \"%s:\" in %s", key, what);
}

/* data: → q.path relative to the spec's folder (absolute paths kept); the
 * query's spec location is the data: line. */
static int set_data(struct parser *p, struct query *q, const struct kv_entry *e)
{
	const char *dir = p->doc->dir;
	size_t n = strlen(dir) + strlen(e->val) + 2;

	if (e->val[0] == '/' || strcmp(dir, ".") == 0) {
		q->path = strdup(e->val);
	} else if ((q->path = malloc(n)) != NULL) {
		size_t dl = strlen(dir);

		snprintf(q->path, n, "%s%s%s", dir, dl && dir[dl - 1] == '/' ? "" : "/", e->val);
	}
	q->spec_file = strdup(p->doc->path);
	q->spec_line = e->line;
	if (!q->path || !q->spec_file)
		return oom(p);
	return 0;
}

static int set_where(struct parser *p, struct query *q, const struct kv_entry *e)
{
	if (!e)
		return 0;
	if (query_parse_where(e->val, &q->where, &q->nwhere, p->doc->path, e->line,
			      e->col, p->d) < 0) {
		p->failed = 1;
		return -1;
	}
	return 0;
}

static int set_agg(struct parser *p, struct query *q, const struct kv_entry *e)
{
	if (e && query_agg_from_name(e->val, &q->agg) < 0)
		return fail(p, e->line, e->col,
			    "unknown aggregate \"%s\": expected sum, mean, count, min or max", e->val);
	return 0;
}

static int set_sort(struct parser *p, struct query *q, const struct kv_entry *e)
{
	if (e && query_sort_from_name(e->val, &q->sort) < 0)
		return fail(p, e->line, e->col,
			    "unknown sort \"%s\": expected none, value, -value or label", e->val);
	return 0;
}

static int set_top(struct parser *p, struct query *q, const struct kv_entry *e)
{
	unsigned long v = 0;
	size_t i;

	if (!e)
		return 0;
	for (i = 0; is_digit((unsigned char)e->val[i]) && v <= MAX_TOP; i++)
		v = v * 10 + (unsigned long)(e->val[i] - '0');
	if (e->val[i] || v == 0 || v > MAX_TOP)
		return fail(p, e->line, e->col, "bad top \"%s\": expected a positive whole number",
			    e->val);
	q->top = (size_t)v;
	return 0;
}

/* A copy of e's value into *dst (NULL when e is NULL). */
static int set_string(struct parser *p, char **dst, const struct kv_entry *e)
{
	if (!e)
		return 0;
	*dst = strdup(e->val);
	return *dst ? 0 : oom(p);
}

/* ------------------------------------------------------------------------ */
/* ```values                                                                */

static const char *const value_keys[] = { "data", "value", "agg", "where", "format", "missing",
					   NULL };

/* One values block being read: the section in progress. */
struct values_state {
	struct kv_set set;
	size_t cur;      /* index in doc->values of the open section, or NO_INDEX */
};

/* format: and missing: give a value's text, which is not expanded again: a
 * {{name}} in them would be printed as is, or, were it expanded, could
 * refer back to the value itself.  0, or -1 at the placeholder. */
static int value_no_placeholder(struct parser *p, const struct kv_entry *e, const char *key)
{
	const char *ph = e ? strstr(e->val, "{{") : NULL;

	if (!ph)
		return 0;
	return fail(p, e->line, e->col + (int)utf8_count(e->val, (size_t)(ph - e->val)),
		    "placeholder in %s: a value cannot use another value", key);
}

/* The open section is complete: its keys become the value's query. */
static int value_finish(struct parser *p, struct values_state *vs)
{
	struct value_def *v;
	struct kv_entry *data, *val, *fmt, *miss;
	int rc = -1;

	if (vs->cur == NO_INDEX)
		return 0;
	v = &p->doc->values[vs->cur];
	data = kvset_get(&vs->set, "data");
	val = kvset_get(&vs->set, "value");
	fmt = kvset_get(&vs->set, "format");
	miss = kvset_get(&vs->set, "missing");
	if (!data)
		missing(p, v->line, "data", "values block");
	else if (set_data(p, &v->q, data) == 0 && set_agg(p, &v->q, kvset_get(&vs->set, "agg")) == 0) {
		if (!val && v->q.agg != AGG_COUNT)
			missing(p, v->line, "value", "values block");
		else if (set_string(p, &v->q.value, val) == 0 &&
			 set_where(p, &v->q, kvset_get(&vs->set, "where")) == 0) {
			if (fmt && num_format_check(fmt->val) < 0)
				fail(p, fmt->line, fmt->col, "bad format \"%s\": expected one number "
				     "conversion such as %%.1f", fmt->val);
			else if (value_no_placeholder(p, fmt, "format") == 0 &&
				 value_no_placeholder(p, miss, "missing") == 0 &&
				 set_string(p, &v->missing, miss) == 0)
				rc = set_string(p, &v->format, fmt);
		}
	}
	kvset_clear(&vs->set);
	vs->cur = NO_INDEX;
	return rc;
}

/* "[name]" opens a value: the name must be new and well formed. */
static int value_section(struct kv_reader *r, const char *name, size_t len, int closed)
{
	struct parser *p = r->p;
	struct values_state *vs = r->user;
	struct doc *doc = p->doc;
	struct smap_ent *e;
	struct value_def *v;
	char *nm;

	if (value_finish(p, vs) < 0)
		return -1;
	if (!closed || !is_name(name, len))
		return fail(p, r->line, r->shift + 1,
			    "bad value name \"%.*s\": expected letters, digits, _ and -",
			    (int)utf8_cut(name, len, 80), name);
	if (!(nm = strndup(name, len)))
		return oom(p);
	if ((e = smap_find(&p->names.values, nm)) != NULL) {
		fail(p, r->line, r->shift + 1, "value \"%s\" defined twice (first at line %d)", nm,
		     doc->values[e->val].line);
		free(nm);
		return -1;
	}
	if (grow_array(&doc->values, &p->values_cap, doc->nvalues + 1, sizeof *doc->values) < 0) {
		free(nm);
		return oom(p);
	}
	v = &doc->values[doc->nvalues];
	memset(v, 0, sizeof *v);
	query_init(&v->q);
	v->name = nm;
	v->line = r->line;
	if (smap_put(&p->names.values, nm, doc->nvalues) < 0)
		return oom(p);
	vs->cur = doc->nvalues++;
	return 0;
}

static int value_key(struct kv_reader *r, const char *key, const char *val,
		     int key_col, int val_col)
{
	struct values_state *vs = r->user;

	if (vs->cur == NO_INDEX)
		return fail(r->p, r->line, key_col, "key outside a [name] section in values block");
	return kvset_put(r->p, &vs->set, key, val, r->line, key_col, val_col);
}

static int values_block(struct parser *p, const char *body, size_t len, int fence_line)
{
	struct values_state vs;
	struct kv_reader r;
	int rc;

	kvset_init(&vs.set, value_keys, "values block");
	vs.cur = NO_INDEX;
	memset(&r, 0, sizeof r);
	r.p = p;
	r.first_line = fence_line + 1;
	r.on_section = value_section;
	r.on_key = value_key;
	r.user = &vs;
	rc = kv_parse(&r, body, len);
	if (rc == 0)
		rc = value_finish(p, &vs);
	kvset_clear(&vs.set);
	return rc;
}

/* ------------------------------------------------------------------------ */
/* ```table                                                                 */

static const char *const table_keys[] = { "data", "columns", "where", "caption", "widths",
					   "headers", "max-rows", NULL };

/* max-rows: a positive whole number (default DOC_TABLE_MAX_ROWS): a table
 * with more matching rows is an error rather than a PDF of endless pages. */
static int set_max_rows(struct parser *p, struct query *q, const struct kv_entry *e)
{
	unsigned long long v = 0;
	size_t i;

	q->max_rows = DOC_TABLE_MAX_ROWS;
	if (!e)
		return 0;
	for (i = 0; is_digit((unsigned char)e->val[i]) && v <= DOC_TABLE_MAX_ROWS_LIMIT; i++)
		v = v * 10 + (unsigned long long)(e->val[i] - '0');
	if (e->val[i] || v == 0 || v > DOC_TABLE_MAX_ROWS_LIMIT)
		return fail(p, e->line, e->col,
			    "bad max-rows \"%s\": expected a whole number from 1 to %d", e->val,
			    DOC_TABLE_MAX_ROWS_LIMIT);
	q->max_rows = (size_t)v;
	return 0;
}

/* "a, b, c" → (*out)[0..n) (trimmed, none empty); what = the key's name. */
static int split_list(struct parser *p, const struct kv_entry *e, const char *what,
		      char ***out, size_t *nout)
{
	size_t n = 1;
	const char *s = e->val;

	for (const char *t = s; *t; t++)
		n += *t == ',';
	*out = calloc(n, sizeof **out);
	if (!*out)
		return oom(p);
	for (size_t i = 0; i < n; i++) {
		const char *end = strchr(s, ',');
		size_t a = 0, b = end ? (size_t)(end - s) : strlen(s);

		while (a < b && is_blank((unsigned char)s[a]))
			a++;
		while (b > a && is_blank((unsigned char)s[b - 1]))
			b--;
		if (a == b)
			return fail(p, e->line, e->col,
				    "bad %s \"%s\": expected %s separated by commas", what, e->val,
				    strcmp(what, "columns") ? "labels" : "column names");
		if (!((*out)[i] = strndup(s + a, b - a)))
			return oom(p);
		*nout = i + 1;
		s = end ? end + 1 : s + b;
	}
	return 0;
}

/* columns: a, b, c → q.columns. */
static int set_columns(struct parser *p, struct query *q, const struct kv_entry *e)
{
	return split_list(p, e, "columns", &q->columns, &q->ncolumns);
}

/* headers: one label per column for the header row. */
static int set_headers(struct parser *p, struct table_block *t, const struct kv_entry *e)
{
	char **h = NULL;
	size_t n = 0;
	int rc = split_list(p, e, "headers", &h, &n);

	if (rc == 0 && n != t->q.ncolumns)
		rc = fail(p, e->line, e->col, "headers: gives %zu label%s for %zu column%s", n,
			  n == 1 ? "" : "s", t->q.ncolumns, t->q.ncolumns == 1 ? "" : "s");
	if (rc == 0) {
		t->headers = h;
		return 0;
	}
	for (size_t i = 0; h && i < n; i++)
		free(h[i]);
	free(h);
	return -1;
}

/* widths: one entry per column, each a number of points ("120") or a
 * percentage of the text width ("25%"); percentages add up to 100 at most. */
static int set_widths(struct parser *p, struct table_block *t, const struct kv_entry *e)
{
	const char *s = e->val;
	size_t n = 1, i = 0;
	double pct = 0;

	for (const char *c = s; *c; c++)
		n += *c == ',';
	if (n != t->q.ncolumns)
		return fail(p, e->line, e->col, "widths: gives %zu width%s for %zu column%s", n,
			    n == 1 ? "" : "s", t->q.ncolumns, t->q.ncolumns == 1 ? "" : "s");
	if (!(t->widths = calloc(n, sizeof *t->widths)))
		return oom(p);
	t->widths_line = e->line;
	t->widths_col = e->col;
	for (;; i++) {
		const char *end = strchr(s, ',');
		size_t a = 0, b = end ? (size_t)(end - s) : strlen(s);
		struct col_width *w = &t->widths[i];

		while (a < b && is_blank((unsigned char)s[a]))
			a++;
		while (b > a && is_blank((unsigned char)s[b - 1]))
			b--;
		if (b > a && s[b - 1] == '%') {
			w->percent = 1;
			b--;
		} else if (b - a > 2 && memcmp(s + b - 2, "pt", 2) == 0) {
			b -= 2;
		}
		if (num_parse(s + a, b - a, &w->value) < 0 || !(w->value > 0))
			return fail(p, e->line, e->col, "bad widths \"%s\": expected a width per "
				    "column, in points (120) or percent (25%%)", e->val);
		if (w->percent)
			pct += w->value;
		if (!end)
			break;
		s = end + 1;
	}
	if (pct > 100.001)
		return fail(p, e->line, e->col, "bad widths \"%s\": the percentages add up to "
			    "more than 100", e->val);
	return 0;
}

static int table_apply(struct parser *p, struct kv_set *s, int fence_line)
{
	struct block *b;
	struct table_block *t;
	struct kv_entry *data = kvset_get(s, "data"), *cols = kvset_get(s, "columns");
	struct kv_entry *cap = kvset_get(s, "caption");

	if (!data)
		return missing(p, fence_line, "data", "table block");
	if (!cols)
		return missing(p, fence_line, "columns", "table block");
	if (!(t = calloc(1, sizeof *t)))
		return oom(p);
	query_init(&t->q);
	if (!(b = add_block(p, BLOCK_DATA_TABLE, fence_line))) {
		free(t);
		return -1;
	}
	b->table = t;
	t->q.mode = QUERY_ROWS;
	if (set_data(p, &t->q, data) < 0 || set_columns(p, &t->q, cols) < 0 ||
	    set_where(p, &t->q, kvset_get(s, "where")) < 0 || set_string(p, &t->caption, cap) < 0 ||
	    set_max_rows(p, &t->q, kvset_get(s, "max-rows")) < 0)
		return -1;
	if (kvset_get(s, "widths") && set_widths(p, t, kvset_get(s, "widths")) < 0)
		return -1;
	if (kvset_get(s, "headers") && set_headers(p, t, kvset_get(s, "headers")) < 0)
		return -1;
	if (cap) {
		t->caption_line = cap->line;
		return scan_string(p, t->caption, cap->line, cap->col);
	}
	return 0;
}

/* ------------------------------------------------------------------------ */
/* ```chart                                                                 */

static const char *const chart_keys[] = {
	"type", "data", "x", "y", "series", "stacked", "where", "agg", "sort", "top",
	"title", "subtitle", "unit", "source", "name", "colors", "width", "height", NULL
};

static int set_chart_type(struct parser *p, struct chart_block *c, const struct kv_entry *e)
{
	if (doc_chart_type_from_name(e->val, &c->type) == 0)
		return 0;
	return fail(p, e->line, e->col,
		    "unknown chart type \"%s\": expected pie, donut, bar, hbar or line", e->val);
}

static int set_stacked(struct parser *p, struct chart_block *c, const struct kv_entry *e)
{
	if (!e)
		return 0;
	if (strcmp(e->val, "yes") == 0 || strcmp(e->val, "true") == 0)
		c->stacked = 1;
	else if (strcmp(e->val, "no") == 0 || strcmp(e->val, "false") == 0)
		c->stacked = 0;
	else
		return fail(p, e->line, e->col, "bad stacked \"%s\": expected yes or no", e->val);
	return 0;
}

/* width:/height: a number of points from DOC_CHART_MIN_PT to
 * DOC_CHART_MAX_PT: a chart smaller than half an inch has no room for its
 * title, and a huge one cannot be painted (cairo images stop at 32767
 * pixels; width: 1e300 overflowed the pixel count). */
static int set_points(struct parser *p, double *dst, const char *key, const struct kv_entry *e)
{
	double v;

	if (!e)
		return 0;
	if (num_parse(e->val, strlen(e->val), &v) < 0 || !(v >= DOC_CHART_MIN_PT) ||
	    !(v <= DOC_CHART_MAX_PT))
		return fail(p, e->line, e->col, "bad %s \"%s\": expected a number of points "
			    "from %d to %d", key, e->val, DOC_CHART_MIN_PT, DOC_CHART_MAX_PT);
	*dst = v;
	return 0;
}

/* colors: comma-separated #rrggbb. */
static int check_colors(struct parser *p, const struct kv_entry *e)
{
	const char *s = e->val;

	for (;;) {
		const char *end = strchr(s, ',');
		size_t a = 0, b = end ? (size_t)(end - s) : strlen(s), i;

		while (a < b && is_blank((unsigned char)s[a]))
			a++;
		while (b > a && is_blank((unsigned char)s[b - 1]))
			b--;
		for (i = 1; i < 7 && a + i < b; i++) {
			int c = (unsigned char)s[a + i];

			if (!is_digit(c) && !((c | 32) >= 'a' && (c | 32) <= 'f'))
				break;
		}
		if (b - a != 7 || s[a] != '#' || i != 7)
			return fail(p, e->line, e->col, "bad color \"%.*s\" in colors: expected #rrggbb",
				    (int)utf8_cut(s + a, b - a, 80), s + a);
		if (!end)
			return 0;
		s = end + 1;
	}
}

/* name: names chart files, so it must be a plain file name. */
static int check_chart_name(struct parser *p, const struct kv_entry *e)
{
	if (!is_name(e->val, strlen(e->val)))
		return fail(p, e->line, e->col,
			    "bad chart name \"%s\": expected letters, digits, _ and -", e->val);
	return 0;
}

/* The query of a chart: aggregate y by x (and series). */
static int chart_query(struct parser *p, struct chart_block *c, struct kv_set *s)
{
	struct query *q = &c->q;
	struct kv_entry *series = kvset_get(s, "series");

	if (set_data(p, q, kvset_get(s, "data")) < 0 ||
	    set_string(p, &q->group[0], kvset_get(s, "x")) < 0 ||
	    set_string(p, &q->group[1], series) < 0 ||
	    set_string(p, &q->value, kvset_get(s, "y")) < 0 ||
	    set_where(p, q, kvset_get(s, "where")) < 0 ||
	    set_sort(p, q, kvset_get(s, "sort")) < 0 || set_top(p, q, kvset_get(s, "top")) < 0)
		return -1;
	q->ngroup = series ? 2 : 1;
	c->sort_set = kvset_get(s, "sort") != NULL;
	/* the front matter is read before any block: its locale names "Other" */
	c->lang = p->doc->front.lang;
	q->other_label = lang_or_default(c->lang)->other;
	if (c->type == CHART_PIE || c->type == CHART_DONUT) {
		/* a slice cannot be negative: an error at its CSV cell */
		q->nonneg_for = c->type == CHART_PIE ? "pie chart" : "donut chart";
		/* without top:, more slices than can be told apart are grouped
		 * (main warns when that happens) */
		q->auto_top = DOC_PIE_MAX_SLICES;
	}
	return 0;
}

/* The chart's text and look: title, subtitle, unit, source, name, colors,
 * stacked, width, height. */
static int chart_look(struct parser *p, struct chart_block *c, struct kv_set *s)
{
	struct kv_entry *title = kvset_get(s, "title"), *sub = kvset_get(s, "subtitle");
	struct kv_entry *unit = kvset_get(s, "unit"), *e;

	c->title_line = title->line;
	if (set_string(p, &c->title, title) < 0 || set_string(p, &c->subtitle, sub) < 0 ||
	    set_string(p, &c->unit, unit) < 0 ||
	    set_string(p, &c->source, kvset_get(s, "source")) < 0 ||
	    set_stacked(p, c, kvset_get(s, "stacked")) < 0 ||
	    set_points(p, &c->width, "width", kvset_get(s, "width")) < 0 ||
	    set_points(p, &c->height, "height", kvset_get(s, "height")) < 0)
		return -1;
	if ((e = kvset_get(s, "name")) && (check_chart_name(p, e) < 0 || set_string(p, &c->name, e) < 0))
		return -1;
	if ((e = kvset_get(s, "colors")) && (check_colors(p, e) < 0 || set_string(p, &c->colors, e) < 0))
		return -1;
	if (scan_string(p, c->title, title->line, title->col) < 0 ||
	    (sub && scan_string(p, c->subtitle, sub->line, sub->col) < 0) ||
	    (unit && scan_string(p, c->unit, unit->line, unit->col) < 0))
		return -1;
	return 0;
}

static int chart_apply(struct parser *p, struct kv_set *s, int fence_line)
{
	struct chart_block *c;
	struct block *b;
	enum agg_kind agg = AGG_SUM;
	struct kv_entry *agg_e = kvset_get(s, "agg");
	static const char *const required[] = { "type", "data", "x" };

	for (int i = 0; i < 3; i++)
		if (!kvset_get(s, required[i]))
			return missing(p, fence_line, required[i], "chart block");
	if (agg_e)
		query_agg_from_name(agg_e->val, &agg);
	if (!kvset_get(s, "y") && agg != AGG_COUNT)
		return missing(p, fence_line, "y", "chart block");
	if (!kvset_get(s, "title"))
		return missing(p, fence_line, "title", "chart block");
	if (!(c = calloc(1, sizeof *c)))
		return oom(p);
	query_init(&c->q);
	if (!(b = add_block(p, BLOCK_CHART, fence_line))) {
		free(c);
		return -1;
	}
	b->chart = c;
	if (set_chart_type(p, c, kvset_get(s, "type")) < 0 || set_agg(p, &c->q, agg_e) < 0 ||
	    chart_query(p, c, s) < 0)
		return -1;
	return chart_look(p, c, s);
}

/* ------------------------------------------------------------------------ */
/* ```figures                                                               */

static int figure_section(struct kv_reader *r, const char *name, size_t len, int closed)
{
	(void)closed;
	return fail(r->p, r->line, r->shift + 1, "unexpected section \"[%.*s]\" in figures block",
		    (int)utf8_cut(name, len, 80), name);
}

/* "value_name: caption": the name is checked like a {{placeholder}} once
 * the whole spec is read (a values block may come later). */
static int figure_key(struct kv_reader *r, const char *key, const char *val, int key_col,
		      int val_col)
{
	struct parser *p = r->p;
	struct figures_block *fb = r->user;
	struct figure *f;

	if (!is_name(key, strlen(key)))
		return fail(p, r->line, key_col, "bad value name \"%s\" in figures block: expected "
			    "letters, digits, _ and -", key);
	if (grow_array(&fb->items, &fb->cap, fb->n + 1, sizeof *fb->items) < 0)
		return oom(p);
	f = &fb->items[fb->n++];
	memset(f, 0, sizeof *f);
	f->line = r->line;
	f->col = key_col;
	if (!(f->name = strdup(key)) || !(f->caption = strdup(val)))
		return oom(p);
	if (note_placeholder(p, key, strlen(key), r->line, key_col) < 0)
		return -1;
	return scan_string(p, f->caption, r->line, val_col);
}

static int figures_block(struct parser *p, const char *body, size_t len, int fence_line)
{
	struct figures_block *fb = calloc(1, sizeof *fb);
	struct kv_reader r;
	struct block *b;

	if (!fb)
		return oom(p);
	if (!(b = add_block(p, BLOCK_FIGURES, fence_line))) {
		free(fb);
		return -1;
	}
	b->figures = fb;
	memset(&r, 0, sizeof r);
	r.p = p;
	r.first_line = fence_line + 1;
	r.on_section = figure_section;
	r.on_key = figure_key;
	r.user = fb;
	if (kv_parse(&r, body, len) < 0)
		return -1;
	if (fb->n == 0)
		return fail(p, fence_line, 1, "empty figures block: expected \"value_name: caption\" "
			    "lines");
	return 0;
}

/* A table or chart block body: keys, then the block. */
static int keyed_block(struct parser *p, enum code_kind kind, const char *body, size_t len,
		       int fence_line)
{
	struct kv_set set;
	struct kv_reader r;
	int rc;

	if (kind == CODE_TABLE)
		kvset_init(&set, table_keys, "table block");
	else
		kvset_init(&set, chart_keys, "chart block");
	memset(&r, 0, sizeof r);
	r.p = p;
	r.first_line = fence_line + 1;
	r.on_section = kv_no_section;
	r.on_key = kv_set_key;
	r.user = &set;
	rc = kv_parse(&r, body, len);
	if (rc == 0)
		rc = kind == CODE_TABLE ? table_apply(p, &set, fence_line)
					: chart_apply(p, &set, fence_line);
	kvset_clear(&set);
	return rc;
}

/* ------------------------------------------------------------------------ */
/* md4c block callbacks                                                     */

static int push_ctr(struct parser *p, enum ctr_kind kind)
{
	if (grow_array(&p->md.ctrs, &p->md.ctrs_cap, p->md.nctrs + 1, sizeof *p->md.ctrs) < 0)
		return oom(p);
	memset(&p->md.ctrs[p->md.nctrs++], 0, sizeof *p->md.ctrs);
	p->md.ctrs[p->md.nctrs - 1].kind = kind;
	return 0;
}

static int list_enter(struct parser *p, int ordered, unsigned start)
{
	if (push_ctr(p, CTR_LIST) < 0)
		return -1;
	p->md.ctrs[p->md.nctrs - 1].ordered = ordered;
	p->md.ctrs[p->md.nctrs - 1].next = start;
	if (p->md.list_depth++ == 0)
		p->md.cur_list = NO_INDEX;
	return 0;
}

/* A list item joins the current list block, or starts a new one when some
 * other block came in between (a list interrupted by a code block goes on in
 * a second list block). */
static int item_enter(struct parser *p)
{
	struct ctr *list = &p->md.ctrs[p->md.nctrs - 1];
	struct list_item *items;
	struct block *b;
	int number = list->ordered ? (int)list->next++ : 0;

	if (p->md.cur_list == NO_INDEX || p->md.cur_list != p->doc->nblocks - 1) {
		if (!add_block(p, BLOCK_LIST, 0))
			return -1;
		p->md.cur_list = p->doc->nblocks - 1;
	}
	b = &p->doc->blocks[p->md.cur_list];
	if (grow_array(&b->items, &b->items_cap, b->nitems + 1, sizeof *b->items) < 0)
		return oom(p);
	items = b->items;
	memset(&items[b->nitems], 0, sizeof *items);
	items[b->nitems].depth = p->md.list_depth - 1;
	items[b->nitems].number = number;
	if (push_ctr(p, CTR_ITEM) < 0)
		return -1;
	p->md.ctrs[p->md.nctrs - 1].block = p->md.cur_list;
	p->md.ctrs[p->md.nctrs - 1].item = b->nitems++;
	return set_target(p, TGT_ITEM, p->md.cur_list, b->nitems - 1);
}

/* A paragraph: more text of a list item (joined by a space), a quote
 * paragraph, or a plain paragraph. */
static int para_enter(struct parser *p)
{
	int in_item = p->md.nctrs && p->md.ctrs[p->md.nctrs - 1].kind == CTR_ITEM;
	int in_quote = p->md.nctrs && p->md.ctrs[p->md.nctrs - 1].kind == CTR_QUOTE;

	if (in_item) {
		struct ctr *c = &p->md.ctrs[p->md.nctrs - 1];

		if (set_target(p, TGT_ITEM, c->block, c->item) < 0)
			return -1;
		if (p->doc->blocks[c->block].items[c->item].text.n)
			return inl_add(p, " ", 1, NULL, 0);
		return 0;
	}
	if (!add_block(p, in_quote ? BLOCK_QUOTE : BLOCK_PARAGRAPH, 0))
		return -1;
	return set_target(p, TGT_BLOCK, p->doc->nblocks - 1, 0);
}

/* A paragraph ends; one that kept no text (only raw HTML) is dropped. */
static int para_leave(struct parser *p)
{
	struct doc *doc = p->doc;
	struct block *last = doc->nblocks ? &doc->blocks[doc->nblocks - 1] : NULL;
	int own = p->in.tgt.kind == TGT_BLOCK;

	if (close_run(p) < 0)
		return -1;
	if (own && last && (last->type == BLOCK_PARAGRAPH || last->type == BLOCK_QUOTE) &&
	    last->text.n == 0) {
		free(last->text.runs);
		doc->nblocks--;
	}
	return retarget(p);
}

static int heading_enter(struct parser *p, unsigned level)
{
	struct block *b = add_block(p, BLOCK_HEADING, 0);

	if (!b)
		return -1;
	p->md.heading_level = (int)level;
	b->level = level > 3 ? 3 : (int)level;
	return set_target(p, TGT_BLOCK, p->doc->nblocks - 1, 0);
}

/* The heading is complete: its line, the level warning, its anchor. */
static int heading_leave(struct parser *p)
{
	size_t bi = p->in.tgt.block;
	struct block *b;
	char *slug;

	if (close_run(p) < 0)
		return -1;
	b = &p->doc->blocks[bi];
	if (b->line == 0)
		b->line = p->last_line ? p->last_line : 1;
	if (p->md.heading_level > 3)
		diag_warn(p->warn, p->doc->path, b->line, 1,
			  "heading level %d is not supported: shown as level 3", p->md.heading_level);
	slug = heading_slug(&b->text);
	if (slug && !*slug) {
		free(slug);
		slug = strdup("section");
	}
	if (!slug || !(b->anchor = unique_anchor(p, slug)))
		return oom(p);
	return retarget(p);
}

/* The first spec line after the last located one that satisfies pred, or
 * last_line + 1: locates blocks that carry no text (page breaks). */
static int find_line(struct parser *p, int (*pred)(const char *, size_t))
{
	size_t n;

	for (int line = p->last_line + 1; line <= p->src.nlines; line++) {
		const char *t = src_line_text(&p->src, line, &n);

		if (t && pred(t, n))
			return line;
	}
	return p->last_line + 1;
}

static int page_break(struct parser *p)
{
	int line = find_line(p, is_break_line);

	note_line(p, line);
	return add_block(p, BLOCK_PAGE_BREAK, line) ? 0 : -1;
}

static enum cell_align cell_align(MD_ALIGN a)
{
	switch (a) {
	case MD_ALIGN_LEFT: return ALIGN_LEFT;
	case MD_ALIGN_CENTER: return ALIGN_CENTER;
	case MD_ALIGN_RIGHT: return ALIGN_RIGHT;
	default: return ALIGN_DEFAULT;
	}
}

static int table_enter(struct parser *p, const MD_BLOCK_TABLE_DETAIL *t)
{
	struct block *b;
	struct pipe_table *pt = calloc(1, sizeof *pt);

	if (!pt)
		return oom(p);
	if (!(b = add_block(p, BLOCK_PIPE_TABLE, 0))) {
		free(pt);
		return -1;
	}
	b->ptable = pt;
	pt->ncols = t->col_count;
	pt->nrows = t->body_row_count;
	pt->align = calloc(pt->ncols ? pt->ncols : 1, sizeof *pt->align);
	pt->cells = calloc((1 + pt->nrows) * (pt->ncols ? pt->ncols : 1), sizeof *pt->cells);
	if (!pt->align || !pt->cells)
		return oom(p);
	p->md.row = -1;
	return set_target(p, TGT_NONE, 0, 0);
}

/* A header or body cell: the header row sets the column alignments. */
static int cell_enter(struct parser *p, const MD_BLOCK_TD_DETAIL *td)
{
	size_t bi = p->doc->nblocks - 1;
	struct pipe_table *pt = p->doc->blocks[bi].ptable;
	size_t col = p->md.col++;

	if (p->md.row < 0 || (size_t)p->md.row > pt->nrows || col >= pt->ncols)
		return set_target(p, TGT_NONE, 0, 0);
	if (p->md.row == 0)
		pt->align[col] = cell_align(td->align);
	return set_target(p, TGT_CELL, bi, (size_t)p->md.row * pt->ncols + col);
}

/* The length of the opening fence on the fence line. */
static int open_fence_len(struct parser *p)
{
	size_t n, after;
	const char *t = src_line_text(&p->src, p->code.line, &n);

	return t ? fence_run(t, n, p->code.fence_char, &after) : 3;
}

static int is_fence_line(const char *t, size_t n)
{
	size_t after;

	return fence_run(t, n, '`', &after) || fence_run(t, n, '~', &after);
}

/* Was the fenced block at p->code.line closed by a fence line of its own
 * (and not by the end of the document or of its container)? */
static int fence_closed(struct parser *p)
{
	size_t n, after;
	int line = p->code.line + 1 + p->code.nl;
	const char *t = src_line_text(&p->src, line, &n);
	int len;

	if (!t)
		return 0;
	len = fence_run(t, n, p->code.fence_char, &after);
	if (!len || len < open_fence_len(p))
		return 0;
	for (; after < n; after++)
		if (!is_blank((unsigned char)t[after]))
			return 0;
	return 1;
}

static int code_enter(struct parser *p, const MD_BLOCK_CODE_DETAIL *c)
{
	static const char *const kinds[] = { "values", "table", "chart", "figures" };
	int col;

	p->code.in = 1;
	p->code.kind = CODE_PLAIN;
	p->code.buf.n = 0;
	p->code.line = p->code.body_line = p->code.nl = 0;
	p->code.fence_char = c->fence_char;
	for (int i = 0; c->fence_char && i < 4; i++)
		if (c->lang.size == strlen(kinds[i]) && memcmp(c->lang.text, kinds[i], c->lang.size) == 0)
			p->code.kind = (enum code_kind)(i + 1);
	if (c->info.size && !src_where(&p->src, c->info.text, &p->code.line, &col))
		p->code.line = 0;
	return set_target(p, TGT_NONE, 0, 0);
}

static int code_text(struct parser *p, const char *s, size_t n)
{
	int line, col;

	if (!p->code.body_line && src_where(&p->src, s, &line, &col))
		p->code.body_line = line;
	for (size_t i = 0; i < n; i++)
		p->code.nl += s[i] == '\n';
	strbuf_add(&p->code.buf, s, n);
	return p->code.buf.oom ? oom(p) : 0;
}

/* A code block ends: a plain code block, or one of ours read as keys. */
static int code_leave(struct parser *p)
{
	const char *body = p->code.buf.n ? p->code.buf.s : "";
	size_t len = p->code.buf.n;
	struct block *b;

	p->code.in = 0;
	if (!p->code.line) {
		if (!p->code.fence_char && p->code.body_line)
			p->code.line = p->code.body_line;
		else if (p->code.body_line)
			p->code.line = p->code.body_line - 1;
		else
			p->code.line = find_line(p, is_fence_line);
	}
	note_line(p, p->code.line + p->code.nl + (p->code.fence_char ? 1 : 0));
	if (p->code.kind == CODE_PLAIN) {
		if (!(b = add_block(p, BLOCK_CODE, p->code.line)))
			return -1;
		if (len && body[len - 1] == '\n')
			len--;
		if (!(b->code = strndup(body, len)))
			return oom(p);
		return 0;
	}
	if (!fence_closed(p))
		return fail(p, p->code.line, 1, "unterminated %.3s%s block",
			    p->code.fence_char == '~' ? "~~~" : "```",
			    p->code.kind == CODE_VALUES ? "values"
			    : p->code.kind == CODE_TABLE ? "table"
			    : p->code.kind == CODE_FIGURES ? "figures" : "chart");
	if (p->code.kind == CODE_VALUES)
		return values_block(p, body, len, p->code.line);
	if (p->code.kind == CODE_FIGURES)
		return figures_block(p, body, len, p->code.line);
	return keyed_block(p, p->code.kind, body, len, p->code.line);
}

static void html_warn(struct parser *p, const char *at)
{
	int line = p->last_line, col = 0;

	if (p->md.in_html && p->md.html_warned)
		return;
	p->md.html_warned = 1;
	if (src_where(&p->src, at, &line, &col))
		note_line(p, line);
	diag_warn(p->warn, p->doc->path, line, col, "raw HTML is ignored");
}

static int on_enter_block(MD_BLOCKTYPE type, void *detail, void *user)
{
	struct parser *p = user;

	switch (type) {
	case MD_BLOCK_QUOTE: push_ctr(p, CTR_QUOTE); break;
	case MD_BLOCK_UL: list_enter(p, 0, 0); break;
	case MD_BLOCK_OL: list_enter(p, 1, ((MD_BLOCK_OL_DETAIL *)detail)->start); break;
	case MD_BLOCK_LI: item_enter(p); break;
	case MD_BLOCK_HR: page_break(p); break;
	case MD_BLOCK_H: heading_enter(p, ((MD_BLOCK_H_DETAIL *)detail)->level); break;
	case MD_BLOCK_CODE: code_enter(p, detail); break;
	case MD_BLOCK_HTML: p->md.in_html = 1; p->md.html_warned = 0; break;
	case MD_BLOCK_P: para_enter(p); break;
	case MD_BLOCK_TABLE: table_enter(p, detail); break;
	case MD_BLOCK_TR: p->md.row++; p->md.col = 0; break;
	case MD_BLOCK_TH:
	case MD_BLOCK_TD: cell_enter(p, detail); break;
	default: break;
	}
	return p->failed;
}

static int on_leave_block(MD_BLOCKTYPE type, void *detail, void *user)
{
	struct parser *p = user;

	(void)detail;
	switch (type) {
	case MD_BLOCK_QUOTE:
	case MD_BLOCK_LI:
		if (close_run(p) == 0) {
			p->md.nctrs--;
			retarget(p);
		}
		break;
	case MD_BLOCK_UL:
	case MD_BLOCK_OL:
		p->md.nctrs--;
		if (--p->md.list_depth == 0)
			p->md.cur_list = NO_INDEX;
		retarget(p);
		break;
	case MD_BLOCK_H: heading_leave(p); break;
	case MD_BLOCK_P: para_leave(p); break;
	case MD_BLOCK_CODE: code_leave(p); break;
	case MD_BLOCK_HTML: p->md.in_html = 0; break;
	case MD_BLOCK_TH:
	case MD_BLOCK_TD: set_target(p, TGT_NONE, 0, 0); break;
	default: break;
	}
	return p->failed;
}

/* ------------------------------------------------------------------------ */
/* md4c span and text callbacks                                             */

static int on_enter_span(MD_SPANTYPE type, void *detail, void *user)
{
	struct parser *p = user;

	switch (type) {
	case MD_SPAN_EM: p->in.italic++; break;
	case MD_SPAN_STRONG: p->in.bold++; break;
	case MD_SPAN_CODE: p->in.code++; break;
	case MD_SPAN_A:
		free(p->in.href);
		if (!(p->in.href = attr_string(&((MD_SPAN_A_DETAIL *)detail)->href)))
			oom(p);
		break;
	case MD_SPAN_IMG: {
		const MD_ATTRIBUTE *src = &((MD_SPAN_IMG_DETAIL *)detail)->src;
		int line = p->last_line, col = 0;

		src_where(&p->src, src->text, &line, &col);
		diag_warn(p->warn, p->doc->path, line, col,
			  "image \"%.*s\" is not supported: its alt text is shown instead",
			  (int)utf8_cut(src->text, src->size, 200), src->text);
		p->in.img++;
		break;
	}
	default: break;
	}
	return p->failed;
}

static int on_leave_span(MD_SPANTYPE type, void *detail, void *user)
{
	struct parser *p = user;

	(void)detail;
	switch (type) {
	case MD_SPAN_EM: p->in.italic--; break;
	case MD_SPAN_STRONG: p->in.bold--; break;
	case MD_SPAN_CODE: p->in.code--; break;
	case MD_SPAN_A:
		free(p->in.href);
		p->in.href = NULL;
		break;
	case MD_SPAN_IMG: p->in.img--; break;
	default: break;
	}
	return p->failed;
}

static int on_text(MD_TEXTTYPE type, const MD_CHAR *text, MD_SIZE size, void *user)
{
	struct parser *p = user;
	char u[4];
	int k;

	if (p->code.in)
		return code_text(p, text, size) < 0;
	switch (type) {
	case MD_TEXT_NULLCHAR: inl_add(p, "\xef\xbf\xbd", 3, NULL, 0); break;
	case MD_TEXT_BR: inl_add(p, "\n", 1, text, 1); break;
	case MD_TEXT_SOFTBR: inl_add(p, " ", 1, NULL, 0); break;
	case MD_TEXT_HTML: html_warn(p, text); break;
	case MD_TEXT_ENTITY:
		k = entity_decode(text, size, u);
		inl_add(p, k ? u : text, k ? (size_t)k : size, text, 0);
		break;
	default: inl_add(p, text, size, text, 0); break;
	}
	return p->failed;
}

/* ------------------------------------------------------------------------ */
/* Parsing a whole spec                                                     */

/* Invalid UTF-8 and NUL bytes are errors at their line:col. */
static int check_encoding(struct parser *p)
{
	long bad = utf8_invalid_at(p->src.text, p->src.len);
	const char *nul = memchr(p->src.text, '\0', p->src.len);
	int line, col;

	if (nul && (bad < 0 || nul - p->src.text < bad)) {
		src_where(&p->src, nul, &line, &col);
		return fail(p, line, col, "NUL byte in spec");
	}
	if (bad >= 0) {
		src_where(&p->src, p->src.text + bad, &line, &col);
		return fail(p, line, col, "invalid UTF-8");
	}
	return 0;
}

/* Any line longer than SPEC_LINE_MAX bytes is an error at its start: the
 * limit the key: value lines have, for the whole spec, so that a runaway
 * line (a 10 MB paragraph) is refused instead of becoming thousands of
 * pages. */
static int check_line_lengths(struct parser *p)
{
	const char *s = p->src.text, *end = s + p->src.len;
	int line = 1;

	while (s < end) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		size_t n = (size_t)((nl ? nl : end) - s);

		if (n > SPEC_LINE_MAX)
			return fail(p, line, 1, "line too long (limit %d bytes)", SPEC_LINE_MAX);
		if (!nl)
			break;
		s = nl + 1;
		line++;
	}
	return 0;
}

/* The folder of path: "input/b.md" → "input", "b.md" → ".", "/b.md" → "/". */
static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		return strdup(".");
	if (slash == path)
		return strdup("/");
	return strndup(path, (size_t)(slash - path));
}

static int parse_markdown(struct parser *p, size_t off)
{
	MD_PARSER md;
	int rc;

	memset(&md, 0, sizeof md);
	md.abi_version = 0;
	md.flags = MD_FLAG_TABLES | MD_FLAG_PERMISSIVEAUTOLINKS;
	md.enter_block = on_enter_block;
	md.leave_block = on_leave_block;
	md.enter_span = on_enter_span;
	md.leave_span = on_leave_span;
	md.text = on_text;
	if (p->src.len - off > UINT32_MAX)
		return fail(p, 0, 0, "spec too large");
	rc = md_parse(p->src.text + off, (MD_SIZE)(p->src.len - off), &md, p);
	if (p->failed)
		return -1;
	if (rc != 0)
		return oom(p);
	for (size_t i = 0; i < p->doc->nblocks; i++)
		if (p->doc->blocks[i].line == 0)
			p->doc->blocks[i].line = i ? p->doc->blocks[i - 1].line : 1;
	return close_run(p);
}

static void parser_free(struct parser *p)
{
	free(p->src.starts);
	free(p->in.segs);
	free(p->in.href);
	free(p->md.ctrs);
	strbuf_free(&p->code.buf);
	smap_free(&p->names.anchors);
	smap_free(&p->names.values);
	for (size_t i = 0; i < p->names.nphs; i++)
		free(p->names.phs[i].name);
	free(p->names.phs);
}

/* Bytes of zeros after the text md4c reads.  md4c 0.4.8 reads past the end
 * of its input: an unfinished entity at the very end ("...(#x&$s-{") is
 * scanned beyond it (upstream mity/md4c#38), so garbage after the caller's
 * buffer changed the parse (a 4.5 GB allocation) or crashed at a page end.
 * The parser works on a copy followed by these zeros, which end any such
 * scan.  Found by fuzz_spec: tests/fuzz/regressions/fuzz_spec/md4c-overread. */
#define SPEC_MD_PAD 16

/* A copy of text[0..len) followed by SPEC_MD_PAD zero bytes, its line ends
 * made alike: a CR not followed by LF (old Mac files) becomes LF, so that
 * CR, LF and CRLF specs read the same (lines are counted at LF everywhere;
 * CRLF keeps its CR, which every reader here skips).  The length stays, so
 * lines and columns are those of the file.  NULL on OOM. */
static char *padded_copy(const char *text, size_t len)
{
	char *t = malloc(len + SPEC_MD_PAD);

	if (t) {
		memcpy(t, text, len);
		memset(t + len, 0, SPEC_MD_PAD);
		for (char *cr = memchr(t, '\r', len); cr; cr = memchr(cr + 1, '\r',
									(size_t)(t + len - cr - 1)))
			if (cr + 1 == t + len || cr[1] != '\n')
				*cr = '\n';
	}
	return t;
}

struct doc *spec_parse(const char *path, const char *text, size_t len,
		       struct diag *d, struct diag_list *warn)
{
	struct parser p;
	struct doc *doc = calloc(1, sizeof *doc);
	size_t body = 0;
	int rc = -1;
	char *padded = NULL;

	memset(&p, 0, sizeof p);
	p.doc = doc;
	p.d = d;
	p.warn = warn;
	p.md.cur_list = NO_INDEX;
	if (!path)
		path = "";
	/* the spec's checksum for the sources page, of the bytes as given */
	if (doc)
		sha256_hex(text, len, doc->sha256);
	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0) {
		text += 3;
		len -= 3;
	}
	if (doc) {
		doc->front.cover = FM_YES;
		doc->front.toc = FM_AUTO;
		doc->front.sources = FM_AUTO;
		doc->front.lang = lang_default();
	}
	if (!doc || !(doc->path = strdup(path)) || !(doc->dir = dir_of(path)) ||
	    !(padded = padded_copy(text, len)) || src_init(&p.src, padded, len) < 0) {
		diag_oom(d);
	} else if (check_encoding(&p) == 0 && check_line_lengths(&p) == 0 &&
		   front_matter(&p, &body) == 0 &&
		   parse_markdown(&p, body) == 0 && check_placeholders(&p) == 0) {
		rc = 0;
	}
	parser_free(&p);
	free(padded);
	if (rc < 0) {
		doc_free(doc);
		return NULL;
	}
	return doc;
}

/* Read the whole file at path. */
static char *read_file(const char *path, size_t *len, struct diag *d)
{
	char *text;

	if (slurp_file(path, &text, len) == 0)
		return text;
	if (errno == ENOMEM)
		diag_oom(d);
	else if (errno == EISDIR)
		diag_error(d, EXIT_NOINPUT, path, 0, 0, "cannot read %s: %s", path, strerror(errno));
	else
		diag_error(d, EXIT_NOINPUT, path, 0, 0, "cannot open %s: %s", path, strerror(errno));
	return NULL;
}

struct doc *spec_read(const char *path, struct diag *d, struct diag_list *warn)
{
	size_t len = 0;
	char *text = read_file(path, &len, d);
	struct doc *doc;

	if (!text)
		return NULL;
	doc = spec_parse(path, text, len, d, warn);
	free(text);
	return doc;
}

/* ------------------------------------------------------------------------ */
/* Expansion                                                                */

/* A value without a number (its query matched no row, or only rows whose
 * value cells are empty): the text of its missing: key, else an error at
 * its [name] line.  0 or -1. */
static int value_missing(struct doc *doc, struct value_def *v, struct diag *d)
{
	const struct query_result *r = &v->q.res;

	if (v->missing) {
		v->number = NAN;
		free(v->text);
		if (!(v->text = strdup(v->missing)))
			return diag_oom(d);
		return 0;
	}
	if (r->ngroups == 0)
		diag_error(d, EXIT_DATAERR, doc->path, v->line, 1,
			   "value \"%s\" matched no rows in %s", v->name, v->q.path ? v->q.path : "");
	else
		diag_error(d, EXIT_DATAERR, doc->path, v->line, 1,
			   "value \"%s\" has no number: the %s cells of its %zu matching row%s "
			   "in %s are empty (set missing: to print a text instead)", v->name,
			   v->q.value ? v->q.value : "", r->rows_matched,
			   r->rows_matched == 1 ? "" : "s", v->q.path ? v->q.path : "");
	return -1;
}

/* Each value's number and text from its answered query. */
static int format_values(struct doc *doc, struct diag *d)
{
	const struct num_style *ns = &lang_or_default(doc->front.lang)->num;

	for (size_t i = 0; i < doc->nvalues; i++) {
		struct value_def *v = &doc->values[i];
		char buf[1024];

		if (v->q.res.ngroups == 0 || v->q.res.groups[0].missing) {
			/* no number: missing: says what to print instead; no row
			 * or only empty cells is never a zero */
			if (value_missing(doc, v, d) < 0)
				return -1;
			continue;
		}
		v->number = v->q.res.groups[0].value;
		if (!v->format)
			num_format_auto_style(buf, sizeof buf, ns, v->number, 2, 1);
		else if (num_format_style(buf, sizeof buf, ns, v->format, v->number) < 0) {
			diag_error(d, EXIT_DATAERR, doc->path, v->line, 1,
				   "bad format \"%s\": expected one number conversion such as %%.1f",
				   v->format);
			return -1;
		}
		free(v->text);
		if (!(v->text = strdup(buf)))
			return diag_oom(d);
	}
	return 0;
}

/* Replace every {{name}} in *s by its value's text (once: substituted text
 * is not scanned again).  line:col locate *s for the (normally impossible
 * after spec_parse) errors. */
static int expand_string(struct doc *doc, const struct smap *names, char **s, int line,
			 int col, struct diag *d)
{
	struct strbuf b = { 0 };
	const char *t = *s, *ph;

	if (!t || !strstr(t, "{{"))
		return 0;
	while ((ph = strstr(t, "{{")) != NULL) {
		const char *name;
		size_t nlen, len = placeholder_parse(ph, &name, &nlen);
		const struct smap_ent *e = NULL;
		char key[256];

		if (len && nlen < sizeof key) {
			memcpy(key, name, nlen);
			key[nlen] = '\0';
			e = smap_find(names, key);
		}
		if (!e) {
			int c = col ? col + (int)utf8_count(*s, (size_t)(ph - *s)) : 0;

			if (len)
				diag_error(d, EXIT_DATAERR, doc->path, line, c, "undefined value \"%.*s\"",
					   (int)utf8_cut(name, nlen, 200), name);
			else
				diag_error(d, EXIT_DATAERR, doc->path, line, c,
					   "malformed placeholder \"%.*s\"",
					   (int)utf8_cut(ph, placeholder_extent(ph), 80), ph);
			strbuf_free(&b);
			return -1;
		}
		strbuf_add(&b, t, (size_t)(ph - t));
		strbuf_str(&b, doc->values[e->val].text);
		t = ph + len;
	}
	strbuf_str(&b, t);
	if (b.oom) {
		strbuf_free(&b);
		return diag_oom(d);
	}
	free(*s);
	*s = b.s;
	return 0;
}

static int expand_inlines(struct doc *doc, const struct smap *names, struct inlines *in,
			  struct diag *d)
{
	for (size_t i = 0; i < in->n; i++)
		if (expand_string(doc, names, &in->runs[i].text, in->runs[i].line,
				  in->runs[i].col, d) < 0)
			return -1;
	return 0;
}

static int expand_block(struct doc *doc, const struct smap *names, struct block *b,
			struct diag *d)
{
	switch (b->type) {
	case BLOCK_HEADING:
	case BLOCK_PARAGRAPH:
	case BLOCK_QUOTE:
		return expand_inlines(doc, names, &b->text, d);
	case BLOCK_LIST:
		for (size_t i = 0; i < b->nitems; i++)
			if (expand_inlines(doc, names, &b->items[i].text, d) < 0)
				return -1;
		return 0;
	case BLOCK_PIPE_TABLE:
		for (size_t i = 0; i < (1 + b->ptable->nrows) * b->ptable->ncols; i++)
			if (expand_inlines(doc, names, &b->ptable->cells[i], d) < 0)
				return -1;
		return 0;
	case BLOCK_DATA_TABLE:
		return expand_string(doc, names, &b->table->caption, b->table->caption_line, 0, d);
	case BLOCK_FIGURES:
		for (size_t i = 0; i < b->figures->n; i++) {
			struct figure *f = &b->figures->items[i];
			const struct smap_ent *e = smap_find(names, f->name);

			if (!e) {
				diag_error(d, EXIT_DATAERR, doc->path, f->line, f->col,
					   "undefined value \"%s\"", f->name);
				return -1;
			}
			free(f->text);
			if (!(f->text = strdup(doc->values[e->val].text)))
				return diag_oom(d);
			if (expand_string(doc, names, &f->caption, f->line, 0, d) < 0)
				return -1;
		}
		return 0;
	case BLOCK_CHART:
		if (expand_string(doc, names, &b->chart->title, b->chart->title_line, 0, d) < 0 ||
		    expand_string(doc, names, &b->chart->subtitle, b->line, 0, d) < 0 ||
		    expand_string(doc, names, &b->chart->unit, b->line, 0, d) < 0)
			return -1;
		return 0;
	default:
		return 0;
	}
}

int spec_expand(struct doc *doc, struct diag *d)
{
	struct smap names = { NULL, 0, 0 };
	int rc = 0;

	if (format_values(doc, d) < 0)
		return -1;
	for (size_t i = 0; i < doc->nvalues; i++) {
		if (!smap_find(&names, doc->values[i].name) &&
		    smap_put(&names, doc->values[i].name, i) < 0) {
			rc = diag_oom(d);
			break;
		}
	}
	for (size_t i = 0; rc == 0 && i < doc->nblocks; i++)
		rc = expand_block(doc, &names, &doc->blocks[i], d);
	smap_free(&names);
	return rc;
}

/* widths: in points and percent must fit the text width together: a
 * column of 1e308pt is an error at its line, not a table scaled to
 * nothing.  The text width is the page's less its margins, which layout
 * knows: the caller passes it. */
int spec_check_widths(const struct doc *doc, double text_width, struct diag *d)
{
	for (size_t i = 0; i < doc->nblocks; i++) {
		const struct table_block *t = doc->blocks[i].table;
		double total = 0;

		if (doc->blocks[i].type != BLOCK_DATA_TABLE || !t->widths)
			continue;
		for (size_t c = 0; c < t->q.ncolumns; c++)
			total += t->widths[c].percent ? text_width * t->widths[c].value / 100
						      : t->widths[c].value;
		if (!(total <= text_width + 0.05)) {
			diag_error(d, EXIT_DATAERR, doc->path, t->widths_line, t->widths_col,
				   "bad widths: the columns add up to %.6g pt, more than the text "
				   "width (%.1f pt)", total, text_width);
			return -1;
		}
	}
	return 0;
}

