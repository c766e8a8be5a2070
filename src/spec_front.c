/* spec_front — the front matter between "---" lines: title and the
 * document's switches (src/spec_int.h). */
#include "spec_int.h"

#include <string.h>

#include "date.h"
#include "lang.h"

static const char *const front_keys[] = {
	"title", "short-title", "subtitle", "author", "keywords", "date", "paper", "cover",
	"toc", "h1-new-page", "sources", "locale", NULL
};

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

/* Interpret the front matter keys into doc->front (a spec_kv_apply_fn). */
static int front_apply(struct spec_parser *p, struct spec_kv_set *s, int line)
{
	struct front_matter *f = &p->doc->front;
	struct spec_kv_entry *e;
	struct report_date date;

	(void)line; /* the front matter's errors name their own lines */
	f->title = spec_kvset_take(s, "title");
	f->short_title = spec_kvset_take(s, "short-title");
	f->subtitle = spec_kvset_take(s, "subtitle");
	f->author = spec_kvset_take(s, "author");
	f->keywords = spec_kvset_take(s, "keywords");
	if (!f->title)
		return spec_fail(p, 1, 1, "missing title in front matter");
	if (spec_set_yes_no(p, &f->cover, "cover", spec_kvset_get(s, "cover")) < 0 ||
	    spec_set_yes_no(p, &f->toc, "toc", spec_kvset_get(s, "toc")) < 0 ||
	    spec_set_yes_no(p, &f->h1_new_page, "h1-new-page",
			    spec_kvset_get(s, "h1-new-page")) < 0 ||
	    spec_set_yes_no(p, &f->sources, "sources", spec_kvset_get(s, "sources")) < 0)
		return -1;
	if ((e = spec_kvset_get(s, "date")) != NULL) {
		if (date_parse(e->val, &date) < 0)
			return spec_fail(p, e->line, e->col, "bad date \"%s\": expected YYYY-MM-DD",
					 e->val);
		f->date_line = e->line;
		f->date = spec_kvset_take(s, "date");
	}
	if ((e = spec_kvset_get(s, "locale")) != NULL && !(f->lang = lang_find(e->val)))
		return spec_fail(p, e->line, e->col, "unknown locale \"%s\": expected %s", e->val,
				 lang_codes());
	if ((e = spec_kvset_get(s, "paper")) != NULL) {
		if (strcmp(e->val, "a4") == 0)
			f->paper = PAPER_A4;
		else if (strcmp(e->val, "letter") == 0)
			f->paper = PAPER_LETTER;
		else
			return spec_fail(p, e->line, e->col,
					 "unknown paper size \"%s\": expected a4 or letter", e->val);
	}
	return 0;
}

/* Read the front matter if the spec starts with "---"; *body = where the
 * Markdown starts.  A spec without a title is an error. */
int spec_front_matter(struct spec_parser *p, size_t *body)
{
	const char *text = p->src.text;
	size_t len = p->src.len, open = dash_line(text, len, 0), i, close = 0;
	struct spec_kv_set set;

	*body = 0;
	if (!open)
		return spec_fail(p, 1, 1, "missing title in front matter");
	for (i = open; i < len; i++) {
		if ((close = dash_line(text, len, i)) != 0)
			break;
		while (i < len && text[i] != '\n')
			i++;
	}
	if (!close)
		return spec_fail(p, 1, 1, "unterminated front matter");
	*body = i + close;
	spec_kvset_init(&set, front_keys, "front matter");
	set.front = 1;
	return spec_kv_block(p, &set, text + open, i - open, 2, front_apply);
}
