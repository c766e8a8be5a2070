/* mail — a briefing as one e-mail message: the subject, the headers and
 * the parts handed to mime.h (include/mail.h). */
#include "mail.h"

#include <stdlib.h>
#include <string.h>

#include "lang.h"
#include "mime.h"
#include "spec.h"
#include "strbuf.h"
#include "utf8.h"

/* The text {{name}} stands for in a subject: the title, the report date,
 * else the value called name; NULL for none. */
static const char *subject_word(const struct doc *doc, const char *name, size_t n,
				const char *date_text)
{
	if (n == 5 && memcmp(name, "title", 5) == 0)
		return doc->front.title;
	if (n == 4 && memcmp(name, "date", 4) == 0)
		return date_text;
	for (size_t i = 0; i < doc->nvalues; i++)
		if (strlen(doc->values[i].name) == n && memcmp(doc->values[i].name, name, n) == 0)
			return doc->values[i].text ? doc->values[i].text : "";
	return NULL;
}

int mail_subject(const struct doc *doc, const char *template, const char *date_text, char **out,
		 struct diag *d)
{
	struct strbuf b = { 0 };
	const char *t = template, *ph;

	if (!template) { /* "Title — 14 June 2024" */
		strbuf_str(&b, doc->front.title);
		strbuf_str(&b, " \xe2\x80\x94 ");
		strbuf_str(&b, date_text);
		return strbuf_take(&b, out, NULL, d);
	}
	while ((ph = strstr(t, "{{")) != NULL) {
		const char *name, *word = NULL;
		size_t nlen, len = spec_placeholder_parse(ph, &name, &nlen);

		if (len)
			word = subject_word(doc, name, nlen, date_text);
		if (!word) {
			if (len)
				diag_error(d, EXIT_DATAERR, NULL, 0, 0, "undefined value \"%.*s\"",
					   (int)utf8_cut(name, nlen, 200), name);
			else
				diag_error(d, EXIT_DATAERR, NULL, 0, 0, "malformed placeholder \"%.*s\"",
					   (int)utf8_cut(ph, spec_placeholder_extent(ph), 80), ph);
			d->col = (int)utf8_count(template, (size_t)(ph - template)) + 1;
			strbuf_free(&b);
			return -1;
		}
		strbuf_add(&b, t, (size_t)(ph - t));
		strbuf_str(&b, word);
		t = ph + len;
	}
	strbuf_str(&b, t);
	return strbuf_take(&b, out, NULL, d);
}

/* The Date header: the run's time when the report date is the day the run
 * is in (where it runs), else the report date (midnight UTC): a report
 * dated today is sent now, one dated another day carries its date. */
static int mail_date(struct mime_msg *m, const struct mail_input *in, struct diag *d)
{
	struct report_date today;

	date_from_epoch(in->now + (time_t)in->utc_offset_min * 60, &today);
	if (today.year == in->date->year && today.month == in->date->month &&
	    today.day == in->date->day)
		return mime_msg_set_date(m, in->now, in->utc_offset_min, d);
	return mime_msg_set_report_date(m, in->date, d);
}

/* The headers: From, To, Cc, Subject, Date, Content-Language. */
static int mail_headers(struct mime_msg *m, const struct mail_input *in, struct diag *d)
{
	if (mime_msg_set_from(m, in->from, d) < 0)
		return -1;
	for (size_t i = 0; i < in->nto; i++)
		if (mime_msg_add_to(m, in->to[i], d) < 0)
			return -1;
	for (size_t i = 0; i < in->ncc; i++)
		if (mime_msg_add_cc(m, in->cc[i], d) < 0)
			return -1;
	if (mime_msg_set_subject(m, in->subject, d) < 0 || mail_date(m, in, d) < 0)
		return -1;
	return mime_msg_set_language(m, lang_or_default(in->doc->front.lang)->code, d);
}

/* The parts: the images first (their Content-IDs go into the HTML), the
 * HTML, the text, the PDF. */
static int mail_parts(struct mime_msg *m, const struct mail_input *in, struct diag *d)
{
	char(*cids)[MIME_CID_MAX + 1] = calloc(in->nimages ? in->nimages : 1, sizeof *cids);
	const char **cidp = calloc(in->nimages ? in->nimages : 1, sizeof *cidp);
	char *html = NULL;
	size_t len;
	int rc = -1;

	if (!cids || !cidp) {
		diag_oom(d);
		goto done;
	}
	for (size_t i = 0; i < in->nimages; i++) {
		const struct mail_image *im = &in->images[i];

		/* the Content-ID from the bytes: the same chart twice is one part */
		if (mime_msg_add_inline(m, "image/png", im->png, im->len, im->name, NULL, cids[i],
					sizeof cids[i], d) < 0)
			goto done;
		cidp[i] = cids[i];
	}
	if (mail_html(in, cidp, &html, &len, d) < 0 || mime_msg_set_html(m, html, len, d) < 0 ||
	    mime_msg_set_text(m, in->text, in->text_len, d) < 0 ||
	    mime_msg_add_attachment(m, "application/pdf", in->pdf, in->pdf_len, in->pdf_name, d) < 0)
		goto done;
	rc = 0;
done:
	free(html);
	free(cidp);
	free(cids);
	return rc;
}

int mail_message(const struct mail_input *in, char **out, size_t *len, struct diag *d)
{
	struct mime_msg *m = mime_msg_new();
	int rc;

	if (!m)
		return diag_oom(d);
	rc = mail_headers(m, in, d) == 0 && mail_parts(m, in, d) == 0 &&
			     mime_msg_write(m, out, len, d) == 0 ? 0 : -1;
	mime_msg_free(m);
	return rc;
}
