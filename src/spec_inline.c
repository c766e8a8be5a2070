/* spec_inline — md4c's span and text events turned into inline runs: one
 * run per stretch of one style, link and language, with the spec location
 * of each piece (for placeholders); entities decoded; images warned about
 * and read as their alt text; a link to "lang:TAG" marks its text as
 * written in that language rather than linking (src/spec_int.h). */
#include "spec_int.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "grow.h"
#include "utf8.h"

static struct inlines *target_inlines(struct spec_parser *p, const struct spec_target *t)
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
int spec_close_run(struct spec_parser *p)
{
	struct inlines *in;
	int rc = 0;

	if (!p->in.open)
		return 0;
	p->in.open = 0;
	in = target_inlines(p, &p->in.tgt);
	if (in && in->n)
		rc = spec_scan_placeholders(p, in->runs[in->n - 1].text, p->in.segs, p->in.nsegs);
	p->in.nsegs = 0;
	return rc;
}

int spec_set_target(struct spec_parser *p, enum spec_target_kind kind, size_t block,
		    size_t index)
{
	int rc = spec_close_run(p);

	p->in.tgt.kind = kind;
	p->in.tgt.block = block;
	p->in.tgt.index = index;
	return rc;
}

static int add_seg(struct spec_parser *p, size_t off, int line, int col)
{
	if (grow_array(&p->in.segs, &p->in.segs_cap, p->in.nsegs + 1, sizeof *p->in.segs) < 0)
		return spec_oom(p);
	p->in.segs[p->in.nsegs].off = off;
	p->in.segs[p->in.nsegs].line = line;
	p->in.segs[p->in.nsegs++].col = col;
	return 0;
}

static unsigned cur_style(const struct spec_parser *p)
{
	if (p->in.img)
		return 0;
	return (p->in.bold ? RUN_BOLD : 0) | (p->in.italic ? RUN_ITALIC : 0) |
	       (p->in.code ? RUN_CODE : 0);
}

static const char *cur_href(const struct spec_parser *p)
{
	return p->in.img ? NULL : p->in.href;
}

static const char *cur_lang(const struct spec_parser *p)
{
	return p->in.img ? NULL : p->in.lang;
}

/* Two links (or languages) that are the same: none, or equal strings. */
static int same_href(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* Grow the open run r by s[0..n); a located piece starts a new segment. */
static int run_extend(struct spec_parser *p, struct run *r, const char *s, size_t n,
		      int located, int line, int col)
{
	if (grow_array(&r->text, &p->in.open_cap, p->in.open_len + n + 1, 1) < 0)
		return spec_oom(p);
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
static int run_push(struct spec_parser *p, struct inlines *in, const char *s, size_t n,
		    int line, int col, int hard)
{
	const char *href = cur_href(p), *lang = cur_lang(p);
	struct run *r;

	if (grow_array(&in->runs, &in->cap, in->n + 1, sizeof *in->runs) < 0)
		return spec_oom(p);
	r = &in->runs[in->n];
	memset(r, 0, sizeof *r);
	r->text = strndup(s, n);
	r->href = href ? strdup(href) : NULL;
	r->lang = lang ? strdup(lang) : NULL;
	if (!r->text || (href && !r->href) || (lang && !r->lang)) {
		free(r->text);
		free(r->href);
		free(r->lang);
		return spec_oom(p);
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
int spec_inline_add(struct spec_parser *p, const char *s, size_t n, const char *at, int hard)
{
	struct inlines *in = target_inlines(p, &p->in.tgt);
	int line = 0, col = 0, located;

	if (!in || p->failed || n == 0)
		return p->failed ? -1 : 0;
	located = spec_src_where(&p->src, at, &line, &col);
	if (located) {
		struct block *b = &p->doc->blocks[p->in.tgt.block];

		spec_note_line(p, line);
		if (b->line == 0)
			b->line = line;
	} else {
		line = p->last_line;
	}
	if (!hard && p->in.open && in->n) {
		struct run *last = &in->runs[in->n - 1];

		if (last->style == cur_style(p) && same_href(last->href, cur_href(p)) &&
		    same_href(last->lang, cur_lang(p)))
			return run_extend(p, last, s, n, located, line, col);
	}
	if (spec_close_run(p) < 0)
		return -1;
	return run_push(p, in, s, n, line, col, hard);
}

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

			if (spec_is_digit(c))
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

/* A language tag as BCP 47 writes one: a language of 2 to 8 letters,
 * then subtags of 1 to 8 letters or digits after hyphens ("ru", "az-Latn",
 * "en-GB"). */
static int is_lang_tag(const char *s)
{
	size_t n = 0;

	while ((s[n] | 32) >= 'a' && (s[n] | 32) <= 'z')
		n++;
	if (n < 2 || n > 8)
		return 0;
	for (s += n; *s == '-'; s += n) {
		for (n = 1; s[n] && s[n] != '-' && n <= 8; n++)
			if (!spec_is_digit((unsigned char)s[n]) && ((s[n] | 32) < 'a' || (s[n] | 32) > 'z'))
				return 0;
		if (n < 2 || n > 9)
			return 0;
	}
	return *s == '\0';
}

/* A link: its target, or, for "lang:TAG", the language of its text (a
 * span in another language than the document's, tagged with /Lang in the
 * PDF).  A bad tag is an error at the target. */
static void enter_link(struct spec_parser *p, const MD_ATTRIBUTE *href)
{
	char *t = attr_string(href);
	int line = p->last_line, col = 0;

	if (!t) {
		spec_oom(p);
		return;
	}
	if (strncmp(t, "lang:", 5)) {
		free(p->in.href);
		p->in.href = t;
		return;
	}
	p->in.lang_span = 1;
	if (!is_lang_tag(t + 5)) {
		spec_src_where(&p->src, href->text, &line, &col);
		spec_fail(p, line, col, "bad language \"%.*s\" in a (lang:...) span: expected a "
			  "language tag such as ru, az or en-GB", (int)utf8_cut(t + 5, strlen(t + 5), 80),
			  t + 5);
		free(t);
		return;
	}
	free(p->in.lang);
	p->in.lang = strdup(t + 5);
	free(t);
	if (!p->in.lang)
		spec_oom(p);
}

int spec_on_enter_span(MD_SPANTYPE type, void *detail, void *user)
{
	struct spec_parser *p = user;

	switch (type) {
	case MD_SPAN_EM: p->in.italic++; break;
	case MD_SPAN_STRONG: p->in.bold++; break;
	case MD_SPAN_CODE: p->in.code++; break;
	case MD_SPAN_A:
		enter_link(p, &((MD_SPAN_A_DETAIL *)detail)->href);
		break;
	case MD_SPAN_IMG: {
		const MD_ATTRIBUTE *src = &((MD_SPAN_IMG_DETAIL *)detail)->src;
		int line = p->last_line, col = 0;

		spec_src_where(&p->src, src->text, &line, &col);
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

int spec_on_leave_span(MD_SPANTYPE type, void *detail, void *user)
{
	struct spec_parser *p = user;

	(void)detail;
	switch (type) {
	case MD_SPAN_EM: p->in.italic--; break;
	case MD_SPAN_STRONG: p->in.bold--; break;
	case MD_SPAN_CODE: p->in.code--; break;
	case MD_SPAN_A:
		if (p->in.lang_span) {
			free(p->in.lang);
			p->in.lang = NULL;
			p->in.lang_span = 0;
		} else {
			free(p->in.href);
			p->in.href = NULL;
		}
		break;
	case MD_SPAN_IMG: p->in.img--; break;
	default: break;
	}
	return p->failed;
}

/* Raw HTML is not shown: one warning for each HTML block (inline HTML
 * warns at each tag). */
static void html_warn(struct spec_parser *p, const char *at)
{
	int line = p->last_line, col = 0;

	if (p->md.in_html && p->md.html_warned)
		return;
	p->md.html_warned = 1;
	if (spec_src_where(&p->src, at, &line, &col))
		spec_note_line(p, line);
	diag_warn(p->warn, p->doc->path, line, col, "raw HTML is ignored");
}

int spec_on_text(MD_TEXTTYPE type, const MD_CHAR *text, MD_SIZE size, void *user)
{
	struct spec_parser *p = user;
	char u[4];
	int k;

	switch (type) {
	case MD_TEXT_NULLCHAR: spec_inline_add(p, "\xef\xbf\xbd", 3, NULL, 0); break;
	case MD_TEXT_BR: spec_inline_add(p, "\n", 1, text, 1); break;
	case MD_TEXT_SOFTBR: spec_inline_add(p, " ", 1, NULL, 0); break;
	case MD_TEXT_HTML: html_warn(p, text); break;
	case MD_TEXT_ENTITY:
		k = entity_decode(text, size, u);
		spec_inline_add(p, k ? u : text, k ? (size_t)k : size, text, 0);
		break;
	default: spec_inline_add(p, text, size, text, 0); break;
	}
	return p->failed;
}
