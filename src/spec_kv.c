/* spec_kv — key: value text read with inih, one line at a time so that
 * every key and value has its spec line and column; and the sets of known
 * keys a front matter or block collects them in (src/spec_int.h). */
#include "spec_int.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <ini.h>

#include "utf8.h"

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

/* Columns the spec line has before the text inih reads: that text is the
 * spec line minus what md4c stripped (indentation, "> " of a quote). */
static int kv_shift(const struct spec_kv_reader *r)
{
	size_t n;
	const char *t = spec_src_line_text(&r->p->src, r->line, &n);

	if (!t || n < r->cur_len || memcmp(t + n - r->cur_len, r->cur, r->cur_len) != 0)
		return 0;
	return (int)utf8_count(t, n - r->cur_len);
}

/* A section line where none may be. */
static int no_section(struct spec_kv_reader *r, const char *name, size_t len)
{
	return spec_fail(r->p, r->line, r->shift + 1, "unexpected section \"[%.*s]\" in %s",
			 (int)utf8_cut(name, len, 80), name, r->what);
}

/* A new line starts: remember it, and hand a "[section]" line to on_section. */
static int kv_start_line(struct spec_kv_reader *r)
{
	size_t i = 0, n = 0, len;
	const char *name, *close;
	int closed;

	r->line++;
	r->cur = r->pos;
	while (r->pos + n < r->end && r->pos[n] != '\n')
		n++;
	if (n && r->pos[n - 1] == '\r')
		n--;
	r->cur_len = n;
	r->shift = kv_shift(r);
	while (i < n && spec_is_blank((unsigned char)r->cur[i]))
		i++;
	if (i == n || r->cur[i] != '[')
		return 0;
	/* "[name]" with nothing after it is closed; else name is all the rest */
	name = r->cur + i + 1;
	close = memchr(r->cur + i, ']', n - i);
	closed = close != NULL;
	for (const char *t = close ? close + 1 : name; closed && t < r->cur + n; t++)
		if (!spec_is_blank((unsigned char)*t))
			closed = 0;
	len = closed ? (size_t)(close - name) : n - i - 1;
	if (!r->on_section)
		return no_section(r, name, len);
	return r->on_section(r, name, len, closed);
}

/* inih's fgets-like reader. */
static char *kv_read(char *str, int num, void *stream)
{
	struct spec_kv_reader *r = stream;
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
	struct spec_kv_reader *r = user;
	size_t i = 0, j;

	(void)section;
	while (i < r->cur_len && spec_is_blank((unsigned char)r->cur[i]))
		i++;
	for (j = i; j < r->cur_len && r->cur[j] != '=' && r->cur[j] != ':'; j++)
		;
	if (j < r->cur_len)
		j++;
	while (j < r->cur_len && spec_is_blank((unsigned char)r->cur[j]))
		j++;
	if (!*name) {
		spec_fail(r->p, r->line, r->shift + 1, "expected \"key: value\"");
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

/* Read text[0..len) as key: value lines whose first is spec line first_line. */
static int kv_parse(struct spec_kv_reader *r, const char *text, size_t len)
{
	int rc;

	if (spec_check_line_lengths(r->p, text, len, r->first_line) < 0)
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
		return spec_oom(r->p);
	if (rc > 0)
		return spec_fail(r->p, r->first_line + rc - 1, 1, "expected \"key: value\"");
	return 0;
}

void spec_kvset_init(struct spec_kv_set *s, const char *const *keys, const char *what)
{
	memset(s, 0, sizeof *s);
	s->keys = keys;
	s->what = what;
}

void spec_kvset_clear(struct spec_kv_set *s)
{
	for (int i = 0; i < SPEC_KV_MAX; i++)
		free(s->e[i].val);
	spec_kvset_init(s, s->keys, s->what);
}

/* Store one key line: unknown and duplicate keys are errors at the key. */
int spec_kvset_put(struct spec_parser *p, struct spec_kv_set *s, const char *key, const char *val,
		   int line, int key_col, int val_col)
{
	int i;

	for (i = 0; s->keys[i] && strcmp(s->keys[i], key) != 0; i++)
		;
	if (!s->keys[i]) {
		if (s->front)
			return spec_fail(p, line, key_col, "unknown front matter key \"%s\"", key);
		return spec_fail(p, line, key_col, "unknown key \"%s\" in %s", key, s->what);
	}
	if (s->e[i].seen)
		return spec_fail(p, line, key_col, "duplicate key \"%s\" in %s", key, s->what);
	s->e[i].seen = 1;
	s->e[i].line = line;
	s->e[i].col = val_col;
	if (*val && !(s->e[i].val = strdup(val)))
		return spec_oom(p);
	return 0;
}

/* The entry of key if it has a non-empty value, else NULL. */
struct spec_kv_entry *spec_kvset_get(struct spec_kv_set *s, const char *key)
{
	for (int i = 0; s->keys[i]; i++)
		if (strcmp(s->keys[i], key) == 0)
			return s->e[i].val ? &s->e[i] : NULL;
	return NULL;
}

/* The value of key, taken over by the caller (NULL when absent). */
char *spec_kvset_take(struct spec_kv_set *s, const char *key)
{
	struct spec_kv_entry *e = spec_kvset_get(s, key);
	char *v = e ? e->val : NULL;

	if (e)
		e->val = NULL;
	return v;
}

static int kv_set_key(struct spec_kv_reader *r, const char *key, const char *val,
		      int key_col, int val_col)
{
	return spec_kvset_put(r->p, r->user, key, val, r->line, key_col, val_col);
}

int spec_kv_read(struct spec_parser *p, const char *text, size_t len, int first_line,
		 const char *what, spec_kv_section_fn on_section, spec_kv_key_fn on_key,
		 void *user)
{
	struct spec_kv_reader r;

	memset(&r, 0, sizeof r);
	r.p = p;
	r.first_line = first_line;
	r.what = what;
	r.on_section = on_section;
	r.on_key = on_key;
	r.user = user;
	return kv_parse(&r, text, len);
}

int spec_kv_block(struct spec_parser *p, struct spec_kv_set *set, const char *text, size_t len,
		  int first_line, spec_kv_apply_fn apply)
{
	int rc = spec_kv_read(p, text, len, first_line, set->what, NULL, kv_set_key, set);

	if (rc == 0)
		rc = apply(p, set, first_line - 1);
	spec_kvset_clear(set);
	return rc;
}

int spec_section_name(struct spec_kv_reader *r, const char *name, size_t len, int closed,
		      const char *kind, const struct strset *names,
		      int (*first_line)(const struct doc *doc, size_t index), char **out)
{
	struct spec_parser *p = r->p;
	struct strset_ent *e;

	if (!closed || !spec_is_name(name, len))
		return spec_fail(p, r->line, r->shift + 1,
				 "bad %s name \"%.*s\": expected letters, digits, _ and -", kind,
				 (int)utf8_cut(name, len, 80), name);
	if (!(*out = strndup(name, len)))
		return spec_oom(p);
	if ((e = spec_name_find(names, *out)) != NULL) {
		spec_fail(p, r->line, r->shift + 1, "%s \"%s\" defined twice (first at line %d)",
			  kind, *out, first_line(p->doc, e->val));
		free(*out);
		*out = NULL;
		return -1;
	}
	return 0;
}
