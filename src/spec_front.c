/* spec_front — the front matter between "---" lines: title and the
 * document's switches (src/spec_int.h). */
#include "spec_int.h"

#include <string.h>

#include "date.h"
#include "lang.h"
#include "mime.h"
#include "utf8.h"

static const char *const front_keys[] = {
	"title", "short-title", "subtitle", "author", "keywords", "date", "paper", "cover",
	"toc", "h1-new-page", "sources", "locale", "mail-to", "mail-cc", "mail-from",
	"mail-subject", NULL
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

/* The addresses of mail-to:, mail-cc: (lists) and mail-from: (one), each
 * checked where it is written: an error names its column in the line. */
static int front_mail_addresses(struct spec_parser *p, struct spec_kv_set *s)
{
	static const char *const keys[] = { "mail-to", "mail-cc", "mail-from" };

	for (size_t k = 0; k < sizeof keys / sizeof *keys; k++) {
		struct spec_kv_entry *e = spec_kvset_get(s, keys[k]);
		struct diag d = { 0 };
		char **v = NULL;
		size_t n = 0;
		int rc;

		if (!e || !e->val)
			continue;
		if (k == 2)
			rc = mime_mailbox_check(e->val, &d);
		else
			rc = mime_mailbox_list(e->val, &v, &n, &d);
		mime_mailbox_list_free(v, n);
		if (rc < 0 && d.code == EXIT_SOFTWARE)
			return spec_oom(p);
		if (rc < 0)
			return spec_fail(p, e->line, e->col + (d.col > 0 ? d.col - 1 : 0), "%s: %s",
					 keys[k], d.msg);
	}
	return 0;
}

/* The placeholders of mail-subject:: {{title}} and {{date}} are the
 * briefing's, any other must name a value (noted for the end-of-parse
 * check).  A malformed one is an error at its column. */
static int front_mail_subject(struct spec_parser *p, const struct spec_kv_entry *e)
{
	const char *t = e && e->val ? e->val : NULL;

	while (t && (t = strstr(t, "{{")) != NULL) {
		const char *name;
		size_t nlen, len = spec_placeholder_parse(t, &name, &nlen);
		int col = e->col + (int)utf8_count(e->val, (size_t)(t - e->val));

		if (!len)
			return spec_fail(p, e->line, col, "malformed placeholder \"%.*s\"",
					 (int)utf8_cut(t, spec_placeholder_extent(t), 80), t);
		if (!(nlen == 5 && memcmp(name, "title", 5) == 0) &&
		    !(nlen == 4 && memcmp(name, "date", 4) == 0) &&
		    spec_note_placeholder(p, name, nlen, e->line, col) < 0)
			return -1;
		t += len;
	}
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
	if (front_mail_addresses(p, s) < 0 ||
	    front_mail_subject(p, spec_kvset_get(s, "mail-subject")) < 0)
		return -1;
	f->mail_to = spec_kvset_take(s, "mail-to");
	f->mail_cc = spec_kvset_take(s, "mail-cc");
	f->mail_from = spec_kvset_take(s, "mail-from");
	f->mail_subject = spec_kvset_take(s, "mail-subject");
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
