/* chart_describe — a chart's data in one sentence, for readers who cannot
 * see it (include/chart.h).
 *
 * A minimal version written for the e-mail summary (issue 16) with the
 * signature agreed for issue 15, which writes the full one: the chart's
 * kind, then each category with the values the chart labels, in the
 * chart's language. */
#include "chart.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lang.h"
#include "num.h"
#include "strbuf.h"

/* The words of a description in one language. */
struct describe_words {
	const char *code;
	const char *kind[5]; /* by enum chart_type */
	const char *more;    /* "; and N more" after the items: a printf format */
};

static const struct describe_words describe_words[] = {
	{ "en", { "Pie chart", "Donut chart", "Bar chart", "Horizontal bar chart", "Line chart" },
	  "; and %zu more" },
	{ "ru", { "Круговая диаграмма", "Кольцевая диаграмма", "Столбчатая диаграмма",
		  "Линейчатая диаграмма", "Линейный график" },
	  "; и ещё %zu" },
	{ "az", { "Dairəvi diaqram", "Halqa diaqramı", "Sütun diaqramı", "Üfüqi sütun diaqramı",
		  "Xətt qrafiki" },
	  "; və daha %zu" },
};

static const struct describe_words *describe_words_for(const struct lang *l)
{
	for (size_t i = 0; i < sizeof describe_words / sizeof *describe_words; i++)
		if (l && strcmp(describe_words[i].code, l->code) == 0)
			return &describe_words[i];
	return &describe_words[0];
}

/* "424.4 USD million": a value as the chart labels it, then the unit. */
static void describe_value(const struct chart_block *c, double v, struct strbuf *out)
{
	char num[64];

	chart_value_text(c, v, num, sizeof num);
	strbuf_str(out, num);
	if (c->unit && *c->unit) {
		strbuf_str(out, " ");
		strbuf_str(out, c->unit);
	}
}

/* Whether slice a comes before slice b as the pie draws them (chart_pie.c):
 * the query's order when the block wrote a sort:, else "Other" last and
 * the largest first. */
static int pie_before(const struct chart_block *c, size_t a, size_t b)
{
	const struct group *x = &c->q.res.groups[a], *y = &c->q.res.groups[b];

	if (c->sort_set)
		return a < b;
	if (x->is_other != y->is_other)
		return y->is_other;
	if (x->value != y->value)
		return x->value > y->value;
	return a < b;
}

/* Pie and donut: "label: 58 %" per slice, as the slices are labelled
 * (groups without a positive value have no slice).  Returns how many
 * slices were left out for max_items. */
static size_t describe_pie(const struct chart_block *c, size_t max_items, struct strbuf *out)
{
	const struct query_result *r = &c->q.res;
	const struct lang *l = lang_or_default(c->lang);
	size_t *order = malloc((r->ngroups ? r->ngroups : 1) * sizeof *order), shown = 0;
	size_t slices = 0;
	char pct[32];

	if (!order) {
		out->oom = 1;
		return 0;
	}
	for (size_t i = 0; i < r->ngroups; i++) { /* insertion sort: a pie has few slices */
		size_t j = slices;

		if (r->groups[i].missing || !(r->groups[i].value > 0))
			continue;
		slices++;
		while (j > 0 && pie_before(c, i, order[j - 1])) {
			order[j] = order[j - 1];
			j--;
		}
		order[j] = i;
	}
	for (size_t i = 0; i < slices && shown < max_items; i++) {
		const struct group *g = &r->groups[order[i]];

		num_format_percent(pct, sizeof pct, &l->num, chart_pie_share(c, order[i]));
		strbuf_str(out, shown++ ? "; " : ". ");
		strbuf_str(out, g->key[0]);
		strbuf_str(out, ": ");
		strbuf_str(out, pct);
	}
	free(order);
	return slices - shown;
}

/* Bars and lines: "category: value unit", or with series "category: series
 * value unit, series value unit"; categories in the chart's order. */
static size_t describe_axes(const struct chart_block *c, size_t max_items, struct strbuf *out)
{
	const struct query_result *r = &c->q.res;
	size_t shown = 0, cats = 0;

	for (size_t g = 0; g < r->ngroups; g++) {
		const struct group *grp = &r->groups[g];
		int first = g == 0 || strcmp(r->groups[g - 1].key[0], grp->key[0]) != 0;

		if (first)
			cats++;
		if (first && shown >= max_items)
			continue;
		if (first) {
			strbuf_str(out, shown++ ? "; " : ". ");
			strbuf_str(out, grp->key[0]);
			strbuf_str(out, ":");
		} else {
			strbuf_str(out, ",");
		}
		if (grp->key[1]) {
			strbuf_str(out, " ");
			strbuf_str(out, grp->key[1]);
		}
		strbuf_str(out, " ");
		if (grp->missing)
			strbuf_str(out, "–");
		else
			describe_value(c, grp->value, out);
	}
	return cats - shown;
}

int chart_describe(const struct chart_block *c, size_t max_items, struct strbuf *out)
{
	const struct describe_words *w = describe_words_for(c->lang);
	size_t rest;
	char more[64];

	strbuf_str(out, w->kind[c->type <= CHART_LINE ? c->type : CHART_BAR]);
	if (c->type == CHART_PIE || c->type == CHART_DONUT)
		rest = describe_pie(c, max_items, out);
	else
		rest = describe_axes(c, max_items, out);
	if (rest) {
		snprintf(more, sizeof more, w->more, rest);
		strbuf_str(out, more);
	}
	strbuf_str(out, ".");
	return out->oom ? -1 : 0;
}
