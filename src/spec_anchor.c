/* spec_anchor — a heading's anchor for #links: the GitHub-style slug of its
 * text, unique in the document (src/spec_int.h). */
#include "spec_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "slug.h"

/* The GitHub-style slug of a heading's text (slug.h), malloc'ed; NULL
 * when out of memory.  The text's runs are joined first: a slug is made
 * code point by code point, so that is the slug of each run in turn. */
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
static char *unique_anchor(struct spec_parser *p, char *slug)
{
	struct strset_ent *e = spec_name_find(&p->names.anchors, slug);
	size_t k, n = strlen(slug) + 24;
	char *cand;

	if (!e) {
		if (spec_name_add(&p->names.anchors, slug, 1) < 0) {
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
		if (!spec_name_find(&p->names.anchors, cand))
			break;
	}
	e->val = k + 1; /* before the add below, which may move the entries */
	free(slug);
	if (spec_name_add(&p->names.anchors, cand, 1) < 0) {
		free(cand);
		return NULL;
	}
	return cand;
}

char *spec_anchor_make(struct spec_parser *p, const struct inlines *text)
{
	char *slug = heading_slug(text);

	if (slug && !*slug) {
		free(slug);
		slug = strdup("section");
	}
	return slug ? unique_anchor(p, slug) : NULL;
}
