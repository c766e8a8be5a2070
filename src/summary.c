/* summary — the plain-text summary, the body of an e-mail
 * (include/summary.h). */
#include "summary.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart.h"
#include "lang.h"
#include "num.h"
#include "strbuf.h"
#include "utf8.h"

/* ---- wrapping ------------------------------------------------------------ */

/* The length of the word at p (up to a space, a line break or the end),
 * and a word that ends in a digit takes the next one with it, so a number
 * and its unit ("313.1 USD", "58 %") never part at a line's end. */
static size_t word_len(const char *p)
{
	size_t n = strcspn(p, " \n"), k;

	if (n == 0 || p[n - 1] < '0' || p[n - 1] > '9' || p[n] != ' ')
		return n;
	k = n + strspn(p + n, " ");
	if (!p[k] || p[k] == '\n')
		return n;
	return k + strcspn(p + k, " \n");
}

/* Append text to out wrapped at SUMMARY_WIDTH characters: words (runs
 * between spaces; see word_len) filled greedily, a word wider than the line on a line of
 * its own; first before the first line, indent before the others; "\n" in
 * text ends a line (a hard break).  Every line ends with "\n"; no line
 * ends in white space; text without a word adds nothing. */
static void wrap(struct strbuf *out, const char *text, const char *first, const char *indent)
{
	const char *p = text, *lead = first;
	size_t col = 0;
	int open = 0; /* the current line has its lead and a word */

	for (;;) {
		size_t n, w;

		while (*p == ' ')
			p++;
		if (!*p)
			break;
		if (*p == '\n') {
			if (open)
				strbuf_str(out, "\n");
			open = 0;
			p++;
			continue;
		}
		n = word_len(p);
		w = utf8_count(p, n);
		if (open && col + 1 + w > SUMMARY_WIDTH) {
			strbuf_str(out, "\n");
			open = 0;
		}
		if (open) {
			strbuf_str(out, " ");
			col++;
		} else {
			strbuf_str(out, lead);
			col = utf8_count(lead, strlen(lead));
			lead = indent;
			open = 1;
		}
		strbuf_add(out, p, n);
		col += w;
		p += n;
	}
	if (open)
		strbuf_str(out, "\n");
}

/* ---- the cover's prose ---------------------------------------------------- */

size_t summary_cover_blocks(const struct doc *doc)
{
	size_t n = 0;

	while (n < doc->nblocks && doc->blocks[n].type != BLOCK_HEADING)
		n++;
	return n;
}

/* Inline text as plain text: styles dropped, a link's target after its
 * text in <> (RFC 3986, appendix C) unless it is a place in the document
 * ("#…") or the text itself; hard breaks kept as "\n". */
static void inlines_plain(struct strbuf *b, const struct inlines *in)
{
	for (size_t i = 0; i < in->n; i++) {
		const struct run *r = &in->runs[i];
		const char *href = r->href;

		strbuf_str(b, r->text);
		/* the link ends here: the next run has another target */
		if (href && *href && href[0] != '#' &&
		    (i + 1 == in->n || !in->runs[i + 1].href ||
		     strcmp(in->runs[i + 1].href, href) != 0) &&
		    strcmp(r->text, href) != 0) {
			strbuf_str(b, " <");
			strbuf_str(b, href);
			strbuf_str(b, ">");
		}
	}
}

/* One block of the cover: paragraphs and quotes wrapped, lists as "- "
 * or "1. " items indented by depth; other blocks (tables, charts, key
 * figures, code) have their own place in the summary or none. */
static void add_cover_block(struct strbuf *out, const struct block *b)
{
	struct strbuf t = { 0 };
	char lead[64], indent[64];

	switch (b->type) {
	case BLOCK_PARAGRAPH:
	case BLOCK_QUOTE:
		inlines_plain(&t, &b->text);
		strbuf_str(out, "\n");
		wrap(out, t.s ? t.s : "", b->type == BLOCK_QUOTE ? "> " : "",
		     b->type == BLOCK_QUOTE ? "> " : "");
		break;
	case BLOCK_LIST:
		strbuf_str(out, "\n");
		for (size_t i = 0; i < b->nitems; i++) {
			const struct list_item *it = &b->items[i];
			int depth = it->depth < 8 ? it->depth : 8;
			int k;

			t.n = 0;
			if (t.s)
				t.s[0] = '\0';
			inlines_plain(&t, &it->text);
			if (it->number)
				k = snprintf(lead, sizeof lead, "%*s%d. ", 2 * depth, "", it->number);
			else
				k = snprintf(lead, sizeof lead, "%*s- ", 2 * depth, "");
			snprintf(indent, sizeof indent, "%*s", k, "");
			wrap(out, t.s ? t.s : "", lead, indent);
		}
		break;
	default:
		break;
	}
	if (t.oom)
		out->oom = 1;
	strbuf_free(&t);
}

/* ---- charts ---------------------------------------------------------------- */

/* "406.3 USD million", or "406.3" with no unit: the value as the chart
 * labels it (chart_value_text), so the summary says what the PDF shows. */
static void value_with_unit(const struct chart_block *c, double v, char *buf, size_t size)
{
	char num[64];

	chart_value_text(c, v, num, sizeof num);
	snprintf(buf, size, "%s%s%s", num, c->unit && *c->unit ? " " : "",
		 c->unit && *c->unit ? c->unit : "");
}

/* Whether the chart's headline is its largest group (pies, and bars ranked
 * by value) rather than its last category (time series in data order). */
static int headline_is_largest(const struct chart_block *c)
{
	if (c->type == CHART_PIE || c->type == CHART_DONUT)
		return 1;
	if (c->type == CHART_LINE)
		return 0;
	return c->q.sort == SORT_VALUE || c->q.sort == SORT_VALUE_DESC || c->q.top > 0;
}

/* The largest group that is not "Other"; -1 for none. */
static long largest_group(const struct query_result *r)
{
	long best = -1;

	for (size_t g = 0; g < r->ngroups; g++)
		if (!r->groups[g].is_other && !r->groups[g].missing &&
		    (best < 0 || r->groups[g].value > r->groups[best].value))
			best = (long)g;
	return best;
}

/* The largest group.  A pie's share is the one its slice shows
 * (chart_pie_share, num_format_percent): a pie of shares whose published
 * figures do not add up to 100 is drawn normalised, so the summary gives
 * the share drawn and the published figure in brackets, as the PDF's note
 * does; other pies give the value and its share of the total. */
static void headline_largest(const struct chart_block *c, const struct lang *l, char *buf,
			     size_t size)
{
	const struct query_result *r = &c->q.res;
	long g = largest_group(r);
	int pie = c->type == CHART_PIE || c->type == CHART_DONUT;
	const char *pct_unit = c->unit ? strchr(c->unit, '%') : NULL;
	char v[128], pct[32], note[160];

	if (g < 0) {
		*buf = '\0';
		return;
	}
	value_with_unit(c, r->groups[g].value, v, sizeof v);
	if (!pie) {
		snprintf(buf, size, "%s%s, %s", l->sum_largest, r->groups[g].key[0], v);
		return;
	}
	num_format_percent(pct, sizeof pct, &l->num, chart_pie_share(c, (size_t)g));
	if (!pct_unit) {
		snprintf(buf, size, "%s%s, %s%s%s%s", l->sum_largest, r->groups[g].key[0], v,
			 l->sum_share[0], pct, l->sum_share[1]);
		return;
	}
	/* "58 % of output": the share drawn, in the unit's words */
	snprintf(buf, size, "%s%s, %s%s", l->sum_largest, r->groups[g].key[0], pct, pct_unit + 1);
	if (chart_share_note(c, note, sizeof note)) {
		size_t used = strlen(buf);
		snprintf(buf + used, size - used, "%s%s%s", l->sum_published[0], v,
			 l->sum_published[1]);
	}
}

/* The last category with a value (the chart shows no number for the
 * others): its value, or with series every series' value in it, each with
 * the unit. */
static void headline_last(const struct chart_block *c, char *buf, size_t size)
{
	const struct query_result *r = &c->q.res;
	size_t first = r->ngroups, used;
	const char *cat;
	char v[128];

	while (first > 0 && r->groups[first - 1].missing)
		first--;
	if (first-- == 0)
		return;
	cat = r->groups[first].key[0];
	while (first > 0 && strcmp(r->groups[first - 1].key[0], cat) == 0)
		first--;
	while (r->groups[first].missing)
		first++;
	used = (size_t)snprintf(buf, size, "%s:", cat);
	for (size_t g = first; g < r->ngroups && used < size &&
			       strcmp(r->groups[g].key[0], cat) == 0; g++) {
		if (r->groups[g].missing)
			continue;
		value_with_unit(c, r->groups[g].value, v, sizeof v);
		used += (size_t)snprintf(buf + used, size - used, "%s%s%s %s",
					 g > first ? "," : "", r->groups[g].key[1] ? " " : "",
					 r->groups[g].key[1] ? r->groups[g].key[1] : "", v);
	}
}

void summary_chart_headline(const struct chart_block *c, char *buf, size_t size)
{
	if (size == 0)
		return;
	*buf = '\0';
	if (c->q.res.ngroups == 0)
		return;
	if (headline_is_largest(c))
		headline_largest(c, lang_or_default(c->lang), buf, size);
	else
		headline_last(c, buf, size);
}

/* A chart: "- TITLE", then indented its headline, the description of its
 * data and its image's file name. */
static void add_chart(struct strbuf *out, const struct chart_block *c, const char *image,
		      const struct lang *l)
{
	struct strbuf t = { 0 };
	char head[1024];

	wrap(out, c->title, "- ", "  ");
	summary_chart_headline(c, head, sizeof head);
	if (*head)
		wrap(out, head, "  ", "  ");
	if (chart_describe(c, SUMMARY_DESCRIBE_ITEMS, &t) < 0)
		out->oom = 1;
	else
		wrap(out, t.s ? t.s : "", "  ", "  ");
	strbuf_free(&t);
	if (image) {
		strbuf_str(&t, l->sum_image);
		strbuf_str(&t, image);
		wrap(out, t.s ? t.s : "", "  ", "  ");
		if (t.oom)
			out->oom = 1;
		strbuf_free(&t);
	}
}

/* ---- the whole summary --------------------------------------------------- */

static void add_figures(struct strbuf *out, const struct doc *doc, const struct lang *l)
{
	int any = 0;

	for (size_t i = 0; i < doc->nblocks; i++) {
		const struct figures_block *f = doc->blocks[i].figures;

		if (doc->blocks[i].type != BLOCK_FIGURES)
			continue;
		for (size_t k = 0; k < f->n; k++) {
			struct strbuf t = { 0 };

			if (!any++) {
				strbuf_str(out, "\n");
				wrap(out, l->sum_figures, "", "");
			}
			strbuf_str(&t, f->items[k].caption);
			strbuf_str(&t, ": ");
			strbuf_str(&t, f->items[k].text ? f->items[k].text : "");
			wrap(out, t.s ? t.s : "", "- ", "  ");
			if (t.oom)
				out->oom = 1;
			strbuf_free(&t);
		}
	}
}

static void add_charts(struct strbuf *out, const struct doc *doc, const struct summary_files *f,
		       const struct lang *l)
{
	int any = 0;

	for (size_t i = 0; i < doc->nblocks; i++) {
		if (doc->blocks[i].type != BLOCK_CHART)
			continue;
		if (!any++) {
			strbuf_str(out, "\n");
			wrap(out, l->sum_charts, "", "");
		}
		add_chart(out, doc->blocks[i].chart, f->images ? f->images[i] : NULL, l);
	}
}

void summary_pdf_phrase(const struct lang *l, const char *name, int pages, long long bytes,
			char *buf, size_t size)
{
	char kb[32];

	num_format_auto_style(kb, sizeof kb, &l->num, (double)((bytes + 1023) / 1024), 0, 1);
	snprintf(buf, size, "%s %s%d%s%s%s", name, l->sum_pdf[0], pages,
		 l->sum_pdf[pages == 1 ? 2 : 1], kb, l->sum_kb);
}

int summary_text(const struct doc *doc, const char *date_text, const struct summary_files *f,
		 char **out, size_t *len, struct diag *d)
{
	const struct front_matter *fm = &doc->front;
	const struct lang *l = lang_or_default(fm->lang);
	size_t cover = summary_cover_blocks(doc);
	struct strbuf b = { 0 };
	char line[640], kb[512];

	wrap(&b, fm->title, "", "");
	if (fm->subtitle)
		wrap(&b, fm->subtitle, "", "");
	snprintf(line, sizeof line, "%s%s", l->sum_date, date_text);
	wrap(&b, line, "", "");
	for (size_t i = 0; i < cover; i++)
		add_cover_block(&b, &doc->blocks[i]);
	add_figures(&b, doc, l);
	add_charts(&b, doc, f, l);
	summary_pdf_phrase(l, f->pdf, f->pages, f->pdf_bytes, kb, sizeof kb);
	strbuf_str(&b, "\n");
	snprintf(line, sizeof line, "PDF: %s", kb);
	wrap(&b, line, "", "  ");
	return strbuf_take(&b, out, len, d);
}
