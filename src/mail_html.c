/* mail_html — the HTML body of the e-mail (include/mail.h).
 *
 * Written for mail clients, not browsers: Outlook renders HTML with Word,
 * Gmail drops <style> blocks in some views, and many clients strip
 * scripts, forms and anything loaded from the network.  So: one column of
 * nested tables MAIL_HTML_WIDTH pixels wide, every style inline, widths
 * also as attributes, system fonts, images only by cid: (the message
 * carries them), no script, no external resource, and every image with
 * its size and alt text, so the body reads in order with images blocked.
 * Colours are the PDF's (doc/LOOK.md's accent and tile tint). */
#include "mail.h"

#include <stdio.h>
#include <string.h>

#include "chart.h"
#include "lang.h"
#include "strbuf.h"
#include "summary.h"

#define FONT "font-family:Arial,Helvetica,sans-serif;"
#define INK "#1a1a1a"
#define GREY "#555555"
#define ACCENT "#0b4f8a"
#define TILE_BG "#f2f6fa"
#define PAGE_BG "#f4f4f4"

/* A row of space between two rows of tiles. */
#define TILE_GAP "<tr><td colspan=\"3\" height=\"12\" style=\"height:12px;font-size:0;" \
		 "line-height:0;\">&nbsp;</td></tr>\n"

/* The body's side padding as CSS ("24px"). */
#define STR_(x) #x
#define STR(x) STR_(x)
#define PAD STR(MAIL_HTML_PAD) "px"

/* The inner width: the body less its padding. */
#define INNER (MAIL_HTML_WIDTH - 2 * MAIL_HTML_PAD)

/* s with &, <, >, " and ' as entities. */
static void esc(struct strbuf *b, const char *s)
{
	for (; s && *s; s++) {
		size_t n = strcspn(s, "&<>\"'");

		strbuf_add(b, s, n);
		s += n;
		switch (*s) {
		case '&': strbuf_str(b, "&amp;"); break;
		case '<': strbuf_str(b, "&lt;"); break;
		case '>': strbuf_str(b, "&gt;"); break;
		case '"': strbuf_str(b, "&quot;"); break;
		case '\'': strbuf_str(b, "&#39;"); break;
		default: return;
		}
	}
}

/* Whether a link target may be followed from a mail: a web or mail
 * address, not a place in the PDF ("#…") or a local file. */
static int href_external(const char *h)
{
	return h && (strncmp(h, "https://", 8) == 0 || strncmp(h, "http://", 7) == 0 ||
		     strncmp(h, "mailto:", 7) == 0);
}

/* Inline runs: bold, italic, code and web links kept, hard breaks as <br>. */
static void inlines_html(struct strbuf *b, const struct inlines *in)
{
	for (size_t i = 0; i < in->n; i++) {
		const struct run *r = &in->runs[i];
		int link = href_external(r->href);

		if (strcmp(r->text, "\n") == 0) {
			strbuf_str(b, "<br>");
			continue;
		}
		if (link) {
			strbuf_str(b, "<a href=\"");
			esc(b, r->href);
			strbuf_str(b, "\" style=\"color:" ACCENT ";\">");
		}
		if (r->style & RUN_BOLD)
			strbuf_str(b, "<strong>");
		if (r->style & RUN_ITALIC)
			strbuf_str(b, "<em>");
		if (r->style & RUN_CODE)
			strbuf_str(b, "<code style=\"font-family:Consolas,Menlo,monospace;\">");
		esc(b, r->text);
		if (r->style & RUN_CODE)
			strbuf_str(b, "</code>");
		if (r->style & RUN_ITALIC)
			strbuf_str(b, "</em>");
		if (r->style & RUN_BOLD)
			strbuf_str(b, "</strong>");
		if (link)
			strbuf_str(b, "</a>");
	}
}

/* A row of the body's table, its cell padded; closed by row_end. */
static void row_begin(struct strbuf *b, const char *padding)
{
	strbuf_str(b, "<tr><td style=\"padding:");
	strbuf_str(b, padding);
	strbuf_str(b, ";\">\n");
}

static void row_end(struct strbuf *b)
{
	strbuf_str(b, "</td></tr>\n");
}

#define P_STYLE "margin:0 0 12px 0;" FONT "font-size:15px;line-height:22px;color:" INK ";"

/* The cover's prose: paragraphs, quotes and lists (tables, charts and key
 * figures have their own place, or none in a mail). */
static void cover_html(struct strbuf *b, const struct doc *doc)
{
	size_t n = summary_cover_blocks(doc);
	int any = 0;

	for (size_t i = 0; i < n; i++) {
		const struct block *bl = &doc->blocks[i];

		if (bl->type != BLOCK_PARAGRAPH && bl->type != BLOCK_QUOTE && bl->type != BLOCK_LIST)
			continue;
		if (!any++)
			row_begin(b, "16px " PAD " 4px " PAD);
		if (bl->type == BLOCK_PARAGRAPH) {
			strbuf_str(b, "<p style=\"" P_STYLE "\">");
			inlines_html(b, &bl->text);
			strbuf_str(b, "</p>\n");
		} else if (bl->type == BLOCK_QUOTE) {
			strbuf_str(b, "<p style=\"" P_STYLE "border-left:3px solid #cccccc;"
				      "padding-left:12px;\">");
			inlines_html(b, &bl->text);
			strbuf_str(b, "</p>\n");
		} else {
			/* flattened lists: nesting shown by indentation */
			for (size_t k = 0; k < bl->nitems; k++) {
				const struct list_item *it = &bl->items[k];
				char lead[48];

				if (it->number)
					snprintf(lead, sizeof lead, "%d.", it->number);
				else
					snprintf(lead, sizeof lead, "&#8226;");
				strbuf_str(b, "<p style=\"" P_STYLE "margin-bottom:6px;");
				if (it->depth > 0) {
					char pad[32];

					snprintf(pad, sizeof pad, "padding-left:%dpx;",
						 18 * (it->depth < 6 ? it->depth : 6));
					strbuf_str(b, pad);
				}
				strbuf_str(b, "\">");
				strbuf_str(b, lead);
				strbuf_str(b, "&nbsp; ");
				inlines_html(b, &it->text);
				strbuf_str(b, "</p>\n");
			}
		}
	}
	if (any)
		row_end(b);
}

/* One tile: the number big in the accent colour, the caption under it,
 * as on the PDF's cover. */
static void tile_html(struct strbuf *b, const struct figure *f)
{
	char cell[200];
	int w = (INNER - 12) / 2 - 24; /* half the row less the gap and padding */

	snprintf(cell, sizeof cell, "<td width=\"%d\" valign=\"top\" bgcolor=\"" TILE_BG "\" "
		 "style=\"width:%dpx;padding:12px;background-color:" TILE_BG ";\">", w, w);
	strbuf_str(b, cell);
	strbuf_str(b, "<div style=\"" FONT "font-size:26px;line-height:32px;font-weight:bold;"
		      "color:" ACCENT ";\">");
	esc(b, f->text ? f->text : "");
	strbuf_str(b, "</div><div style=\"" FONT "font-size:13px;line-height:18px;color:" GREY
		      ";padding-top:4px;\">");
	esc(b, f->caption);
	strbuf_str(b, "</div></td>");
}

/* The key figures of every figures block as tiles, two to a row. */
static void figures_html(struct strbuf *b, const struct doc *doc, const struct lang *l)
{
	size_t k = 0;

	for (size_t i = 0; i < doc->nblocks; i++) {
		const struct figures_block *f = doc->blocks[i].figures;

		if (doc->blocks[i].type != BLOCK_FIGURES)
			continue;
		for (size_t j = 0; j < f->n; j++, k++) {
			if (k == 0) {
				row_begin(b, "12px " PAD " 4px " PAD);
				strbuf_str(b, "<h2 style=\"margin:0 0 10px 0;" FONT "font-size:18px;"
					      "line-height:24px;color:" INK ";\">");
				esc(b, l->sum_figures);
				strbuf_str(b, "</h2>\n<table role=\"presentation\" width=\"100%\" "
					      "cellpadding=\"0\" cellspacing=\"0\" border=\"0\">\n");
			}
			if (k % 2 == 0) {
				strbuf_str(b, "<tr>");
				tile_html(b, &f->items[j]);
				continue;
			}
			strbuf_str(b, "<td width=\"12\" style=\"width:12px;\"></td>");
			tile_html(b, &f->items[j]);
			strbuf_str(b, "</tr>\n" TILE_GAP);
		}
	}
	if (k % 2 == 1)
		strbuf_str(b, "<td width=\"12\" style=\"width:12px;\"></td><td></td></tr>\n" TILE_GAP);
	if (k) {
		strbuf_str(b, "</table>\n");
		row_end(b);
	}
}

/* One chart: its title, its headline, its image (cid:) at the share of
 * the body's width that the chart takes of the page's, with its
 * description as alt text. */
static int chart_html(struct strbuf *b, const struct chart_block *c, const struct mail_image *im,
		      const char *cid)
{
	struct strbuf alt = { 0 };
	char head[1024], attrs[160];
	int w = (int)((double)INNER * im->width / MAIL_IMAGE_PX + 0.5), h;

	if (w > INNER)
		w = INNER;
	if (w < 1)
		w = 1;
	h = (int)((double)w * im->height / (im->width ? im->width : 1) + 0.5);
	if (chart_describe(c, SUMMARY_DESCRIBE_ITEMS, &alt) < 0) {
		strbuf_free(&alt);
		return -1;
	}
	row_begin(b, "16px " PAD " 4px " PAD);
	strbuf_str(b, "<h2 style=\"margin:0 0 4px 0;" FONT "font-size:18px;line-height:24px;"
		      "color:" INK ";\">");
	esc(b, c->title);
	strbuf_str(b, "</h2>\n");
	summary_chart_headline(c, head, sizeof head);
	if (*head) {
		strbuf_str(b, "<p style=\"margin:0 0 10px 0;" FONT "font-size:15px;line-height:21px;"
			      "color:" GREY ";\">");
		esc(b, head);
		strbuf_str(b, "</p>\n");
	}
	strbuf_str(b, "<img src=\"cid:");
	strbuf_str(b, cid); /* letters, digits, '.', '-', '_' and '@' only (mime.h) */
	snprintf(attrs, sizeof attrs, "\" width=\"%d\" height=\"%d\" alt=\"", w, h);
	strbuf_str(b, attrs);
	esc(b, alt.s ? alt.s : "");
	snprintf(attrs, sizeof attrs, "\" style=\"display:block;width:100%%;max-width:%dpx;"
		 "height:auto;border:0;\">\n", w);
	strbuf_str(b, attrs);
	row_end(b);
	strbuf_free(&alt);
	return 0;
}

/* The head: title, subtitle, author and date over an accent rule. */
static void head_html(struct strbuf *b, const struct mail_input *in)
{
	const struct front_matter *f = &in->doc->front;

	strbuf_str(b, "<tr><td height=\"6\" bgcolor=\"" ACCENT "\" style=\"height:6px;"
		      "background-color:" ACCENT ";font-size:0;line-height:0;\">&nbsp;</td></tr>\n");
	row_begin(b, "24px " PAD " 8px " PAD);
	strbuf_str(b, "<h1 style=\"margin:0;" FONT "font-size:26px;line-height:32px;color:" INK
		      ";\">");
	esc(b, f->title);
	strbuf_str(b, "</h1>\n");
	if (f->subtitle) {
		strbuf_str(b, "<p style=\"margin:8px 0 0 0;" FONT "font-size:17px;line-height:24px;"
			      "color:" GREY ";\">");
		esc(b, f->subtitle);
		strbuf_str(b, "</p>\n");
	}
	strbuf_str(b, "<p style=\"margin:12px 0 0 0;" FONT "font-size:13px;line-height:18px;"
		      "color:" GREY ";\">");
	if (f->author && *f->author) {
		esc(b, f->author);
		strbuf_str(b, "<br>");
	}
	esc(b, in->date_text);
	strbuf_str(b, "</p>\n");
	row_end(b);
}

int mail_html(const struct mail_input *in, const char *const *cids, char **out, size_t *len,
	      struct diag *d)
{
	const struct doc *doc = in->doc;
	const struct lang *l = lang_or_default(doc->front.lang);
	struct strbuf b = { 0 };
	char line[600], width[256];

	strbuf_str(&b, "<!DOCTYPE html>\n<html lang=\"");
	strbuf_str(&b, l->code);
	strbuf_str(&b, "\">\n<head>\n<meta http-equiv=\"Content-Type\" "
		       "content=\"text/html; charset=UTF-8\">\n"
		       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
		       "<title>");
	esc(&b, doc->front.title);
	strbuf_str(&b, "</title>\n</head>\n<body style=\"margin:0;padding:0;background-color:"
		       PAGE_BG ";\">\n<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" "
		       "cellspacing=\"0\" border=\"0\" bgcolor=\"" PAGE_BG "\" style=\"background-color:"
		       PAGE_BG ";\">\n<tr><td align=\"center\" style=\"padding:16px 8px;\">\n");
	snprintf(width, sizeof width, "<table role=\"presentation\" width=\"%d\" cellpadding=\"0\" "
		 "cellspacing=\"0\" border=\"0\" bgcolor=\"#ffffff\" style=\"width:100%%;"
		 "max-width:%dpx;background-color:#ffffff;\">\n", MAIL_HTML_WIDTH, MAIL_HTML_WIDTH);
	strbuf_str(&b, width);
	head_html(&b, in);
	cover_html(&b, doc);
	figures_html(&b, doc, l);
	for (size_t i = 0; i < in->nimages; i++)
		if (chart_html(&b, doc->blocks[in->images[i].block].chart, &in->images[i],
			       cids[i]) < 0)
			b.oom = 1;
	row_begin(&b, "20px " PAD " 24px " PAD);
	strbuf_str(&b, "<p style=\"margin:0;" FONT "font-size:14px;line-height:20px;color:" INK
		       ";border-top:1px solid #dddddd;padding-top:16px;\">");
	esc(&b, l->mail_attached);
	summary_pdf_phrase(l, in->pdf_name, in->pages, (long long)in->pdf_len, line, sizeof line);
	strbuf_str(&b, "<strong>");
	esc(&b, line);
	strbuf_str(&b, "</strong></p>\n");
	row_end(&b);
	strbuf_str(&b, "</table>\n</td></tr></table>\n</body>\n</html>\n");
	return strbuf_take(&b, out, len, d);
}
