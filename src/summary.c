/* summary — a plain-text summary for an e-mail body (include/summary.h). */
#include "summary.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart.h"
#include "lang.h"
#include "num.h"

/* A growing string. */
struct text {
	char *s;
	size_t n, cap;
	int oom;
};

static void text_add(struct text *t, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void text_add(struct text *t, const char *fmt, ...)
{
	va_list ap;
	int k;

	if (t->oom)
		return;
	va_start(ap, fmt);
	k = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (k < 0) {
		t->oom = 1;
		return;
	}
	if (t->n + (size_t)k + 1 > t->cap) {
		size_t cap = (t->n + (size_t)k + 1) * 2;
		char *s = realloc(t->s, cap);

		if (!s) {
			t->oom = 1;
			return;
		}
		t->s = s;
		t->cap = cap;
	}
	va_start(ap, fmt);
	vsnprintf(t->s + t->n, t->cap - t->n, fmt, ap);
	va_end(ap);
	t->n += (size_t)k;
}

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
 * others): its value, or with series every series' value in it. */
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
	if (!r->groups[first].key[1]) {
		value_with_unit(c, r->groups[first].value, v, sizeof v);
		snprintf(buf, size, "%s: %s", cat, v);
		return;
	}
	used = (size_t)snprintf(buf, size, "%s:", cat);
	for (size_t g = first; g < r->ngroups && used < size &&
			       strcmp(r->groups[g].key[0], cat) == 0; g++) {
		if (r->groups[g].missing)
			continue;
		chart_value_text(c, r->groups[g].value, v, sizeof v);
		used += (size_t)snprintf(buf + used, size - used, "%s %s %s", g > first ? "," : "",
					 r->groups[g].key[1], v);
	}
	if (used < size && c->unit && *c->unit)
		snprintf(buf + used, size - used, " (%s)", c->unit);
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

static void add_figures(struct text *t, const struct doc *doc, const struct lang *l)
{
	int any = 0;

	for (size_t i = 0; i < doc->nblocks; i++) {
		const struct figures_block *f = doc->blocks[i].figures;

		if (doc->blocks[i].type != BLOCK_FIGURES)
			continue;
		for (size_t k = 0; k < f->n; k++) {
			if (!any++)
				text_add(t, "\n%s\n", l->sum_figures);
			text_add(t, "- %s: %s\n", f->items[k].caption,
				 f->items[k].text ? f->items[k].text : "");
		}
	}
}

static void add_charts(struct text *t, const struct doc *doc, const struct summary_files *f,
		       const struct lang *l)
{
	int any = 0;

	for (size_t i = 0; i < doc->nblocks; i++) {
		const struct chart_block *c = doc->blocks[i].chart;
		char head[512];

		if (doc->blocks[i].type != BLOCK_CHART)
			continue;
		if (!any++)
			text_add(t, "\n%s\n", l->sum_charts);
		summary_chart_headline(c, head, sizeof head);
		text_add(t, "- %s: %s\n", c->title, head);
		if (f->pngs && f->pngs[i])
			text_add(t, "  %s%s\n", l->sum_image, f->pngs[i]);
	}
}

int summary_text(const struct doc *doc, const char *date_text, const struct summary_files *f,
		 char **out, size_t *len, struct diag *d)
{
	struct text t = { 0 };
	const struct front_matter *fm = &doc->front;
	const struct lang *l = lang_or_default(fm->lang);
	char kb[32];

	text_add(&t, "%s\n", fm->title);
	if (fm->subtitle)
		text_add(&t, "%s\n", fm->subtitle);
	text_add(&t, "%s%s\n", l->sum_date, date_text);
	add_figures(&t, doc, l);
	add_charts(&t, doc, f, l);
	num_format_auto_style(kb, sizeof kb, &l->num, (double)((f->pdf_bytes + 1023) / 1024), 0, 1);
	text_add(&t, "\nPDF: %s %s%d%s%s%s\n", f->pdf, l->sum_pdf[0], f->pages,
		 l->sum_pdf[f->pages == 1 ? 2 : 1], kb, l->sum_kb);
	if (t.oom || !t.s) {
		free(t.s);
		return diag_oom(d);
	}
	*out = t.s;
	*len = t.n;
	return 0;
}
