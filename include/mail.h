/* mail — a briefing as one e-mail message (--mail), ready for
 * `sendmail -t` or an API that takes RFC 5322:
 *
 *   multipart/mixed
 *     multipart/alternative
 *       text/plain     the summary (summary.h)
 *       multipart/related
 *         text/html    title, subtitle, date, the cover's prose, the key
 *                      figures as tiles, each chart's image with its title,
 *                      headline and description (alt text), a line naming
 *                      the attachment (mail_html.c)
 *         image/png …  every chart, inline, referred to by cid:
 *     application/pdf  the PDF, attached under its file name
 *
 * The message is laid out by mime.h (encodings, line lengths, folding,
 * Content-IDs and the Message-ID from the content).  Headers: From, To,
 * Cc, Subject, Date (the report date, or the run's time when the report
 * date is that day where the run is), Message-ID (from the content and
 * From's domain), MIME-Version, Content-Language (locale:).  Nothing here
 * reads the clock or the environment: same inputs, same bytes. */
#ifndef BRIEFING_MAIL_H
#define BRIEFING_MAIL_H

#include <stddef.h>
#include <time.h>

#include "date.h"
#include "diag.h"
#include "doc.h"

/* A chart as wide as the page's text is painted this many pixels across
 * for the e-mail: twice the width the HTML shows it at, sharp on a high
 * density screen, about 20 to 30 KB a chart as a palette PNG. */
#define MAIL_IMAGE_PX 1200

/* The HTML body's width in CSS pixels (the width mail clients and their
 * preview panes are built for), and its margins. */
#define MAIL_HTML_WIDTH 600
#define MAIL_HTML_PAD 24

/* One chart's image. */
struct mail_image {
	size_t block;              /* the chart's block in the document */
	const unsigned char *png;  /* its PNG bytes */
	size_t len;
	const char *name;          /* its file name ("trade-full-years.png") */
	int width, height;         /* its size in pixels (MAIL_IMAGE_PX wide for a
				      chart as wide as the page's text) */
};

/* Everything the message is made of. */
struct mail_input {
	const struct doc *doc;          /* after spec_expand() */
	const char *date_text;          /* the report date in the document's words */
	const struct report_date *date; /* the report date */
	time_t now;                     /* the run's time, and the UTC offset */
	int utc_offset_min;             /*   where it runs, in minutes east */
	const char *from;               /* one mailbox (mime.h) */
	char *const *to;                /* the recipients: mailboxes */
	size_t nto;
	char *const *cc;
	size_t ncc;
	const char *subject;            /* the subject as it is sent */
	const char *text;               /* the text part: the summary */
	size_t text_len;
	const struct mail_image *images; /* the charts, in document order */
	size_t nimages;
	const unsigned char *pdf;       /* the PDF, attached */
	size_t pdf_len;
	const char *pdf_name;           /* its file name */
	int pages;                      /* its pages */
};

/* The whole message into *out (malloc'ed, *len bytes, CRLF line ends).
 * 0, or -1 with d filled: what mime.h reports (an address or a subject it
 * refuses: EXIT_DATAERR; no From: EXIT_USAGE), or out of memory. */
int mail_message(const struct mail_input *in, char **out, size_t *len, struct diag *d);

/* The HTML body for in, the images referred to as cid:cids[i] (in's
 * images in order), into *out (malloc'ed, *len bytes).  0, or -1 with d
 * filled (out of memory). */
int mail_html(const struct mail_input *in, const char *const *cids, char **out, size_t *len,
	      struct diag *d);

/* The subject from a template: {{title}} is the briefing's title, {{date}}
 * the report date in its words (date_text), any other {{name}} a value's
 * text; with template NULL, "TITLE — DATE".  *out malloc'ed.  0, or -1
 * with d filled: EXIT_DATAERR "undefined value \"x\"" or "malformed
 * placeholder \"{{…\"" with d->col its column within template (the caller
 * says where the template came from), or out of memory. */
int mail_subject(const struct doc *doc, const char *template, const char *date_text, char **out,
		 struct diag *d);

#endif
