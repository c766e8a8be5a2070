/* lang — the languages a briefing can be written in (front matter
 * `locale: en`, `ru` or `az`): month names, number separators and every
 * fixed word the program puts on the page.  Constant tables only; the
 * document carries a pointer to one of them (doc->front.lang) down to
 * whatever prints.  Named lang, not locale: <locale.h> is the C header, and
 * nothing here depends on the C locale. */
#ifndef BRIEFING_LANG_H
#define BRIEFING_LANG_H

#include <stddef.h>
#include "num.h"

struct lang {
	const char *code;           /* "en", "ru", "az" */
	struct num_style num;       /* decimal point and thousands separator */
	const char *months[12];     /* as they follow the day: "ноября" (genitive) */
	const char *year_after;     /* after the year in a date: "" or " г." */
	const char *contents;       /* the contents list's heading */
	const char *sources;        /* the sources page's heading (and contents entry) */
	const char *other;          /* the top: remainder group, "Other" */
	const char *page[3];        /* page[0] N page[1] M page[2]: "page 3 of 10" */
	const char *source_one;     /* "Source: " before one source */
	const char *source_many;    /* "Sources: " before several */
	const char *more[2];        /* more[0] N more[1]: " and 2 more" (sources) */
	const char *illustrative;   /* the note for illustrative data */
	const char *cut_off;        /* before the values a line chart's y-min: or
				       y-max: cut off: "Cut off at the axis: " */
	const char *shares[2];      /* shares[0] SUM shares[1]: pie shares normalised */
	const char *quote[2];       /* opening and closing quotation marks */
	/* the sources page */
	const char *users[3][2];    /* what used a source: chart, table, value; each
				       singular and plural, followed by a space:
				       "chart ", "charts " */
	const char *table_of[2];    /* table_of[0] FILE table_of[1]: a table without
				       caption named by its file, "of FILE" */
	const char *col_source, *col_used_by, *sources_cited;
	const char *col_file, *col_rows, *input_files;
	const char *made_heading;   /* "How this document was made" */
	const char *made[6];        /* made[0] VERSION made[1] SPEC, then with a date
				       made[2] DATE made[3], then with a command
				       made[4], else made[5] (see layout_sources.c) */
	/* the plain-text summary (--summary, summary.c) */
	const char *sum_date;       /* "Report date: " */
	const char *sum_figures;    /* "Key figures" */
	const char *sum_charts;     /* "Charts" */
	const char *sum_largest;    /* "Largest: " before a group's label (a
				       headline, on its own line) */
	const char *sum_share[2];   /* share[0] P share[1]: " (45 % of the total)",
				       P the percentage as the pie prints it ("45 %") */
	const char *sum_published[2]; /* a pie of shares shown normalised: after the
				       share it shows, [0] VALUE [1]: " (published 60 %)" */
	const char *sum_image;      /* "Image: " before a chart's image file name */
	const char *sum_pdf[3];     /* after the PDF's name: sum_pdf[0] PAGES, then
				       sum_pdf[1] (several) or sum_pdf[2] (one page),
				       then KB sum_kb: "(9 pages, 266 KB)" */
	const char *sum_kb;
	/* the e-mail's HTML body (--mail, mail_html.c) */
	const char *mail_attached;  /* before the PDF's name: "The full briefing is
				       attached: " */
	/* a chart described in words (chart_describe.c): what the PDF's /Alt
	   and the SVG's <desc> say */
	const char *desc_type[5];   /* by enum chart_type: "Pie chart", … "Line chart" */
	const char *desc_largest;   /* a pie's largest slice, starting a sentence:
				       "Largest " LABEL "." */
	const char *desc_highest[2]; /* [0] starting a sentence, [1] inside one:
				       "Highest ", "highest " */
	const char *desc_lowest;    /* "lowest " */
	const char *desc_first;     /* "first " (the first value of a long series) */
	const char *desc_last;      /* "last " */
	const char *desc_count[3];  /* [0] N [1] FIRST [2] LAST: "120 values, 2010 to
				       2019" (the count, first and last labels) */
	const char *desc_series[2]; /* [0] N [1]: "2 series" */
};

/* The language of code ("en", "ru", "az"; exact, lower case), or NULL. */
const struct lang *lang_find(const char *code);

/* English, the default. */
const struct lang *lang_default(void);

/* l, or the default when l is NULL (callers that may get no language). */
const struct lang *lang_or_default(const struct lang *l);

/* The known codes for messages: "en, ru or az". */
const char *lang_codes(void);

/* "page 3 of 10" in l's words into buf. */
void lang_page(const struct lang *l, char *buf, size_t size, size_t page, size_t pages);

#endif
