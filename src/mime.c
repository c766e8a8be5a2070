/* mime — e-mail messages built in memory (include/mime.h). */
#include "mime.h"
#include "mime_int.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grow.h"
#include "sha256.h"
#include "utf8.h"

#define BODY_LINE 76 /* RFC 2045 6.8: base64 lines */

/* ---- dates (RFC 5322 3.3) ---- */

/* Days from 1970-01-01 to a civil date (Howard Hinnant's algorithm, the
 * inverse of date_from_epoch's). */
static long long days_from_civil(int y, int m, int d)
{
	long long era, yoe, doy;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
}

int mime_date_format(time_t t, int utc_offset_min, char buf[MIME_DATE_SIZE])
{
	static const char *const wday[7] = { "Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed" };
	static const char *const mon[12] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
					     "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	long long local, days;
	int off = utc_offset_min < 0 ? -utc_offset_min : utc_offset_min, sec;
	struct report_date rd;
	char tmp[64];

	/* 1900-01-01 and 10000-01-01 UTC, a day's margin for the offset: the
	 * sums below cannot overflow */
	if (off > 1439 || (long long)t < -2209075200LL || (long long)t > 253402387200LL)
		return -1;
	local = (long long)t + 60LL * utc_offset_min;
	days = (local >= 0 ? local : local - 86399) / 86400;
	sec = (int)(local - days * 86400);
	date_from_epoch((time_t)(days * 86400), &rd);
	if (rd.year < 1900 || rd.year > 9999)
		return -1;
	snprintf(tmp, sizeof tmp, "%s, %02d %s %04d %02d:%02d:%02d %c%02d%02d",
		 wday[((days % 7) + 7) % 7], rd.day, mon[rd.month - 1], rd.year, sec / 3600,
		 sec / 60 % 60, sec % 60, utc_offset_min < 0 ? '-' : '+', off / 60, off % 60);
	if (strlen(tmp) >= MIME_DATE_SIZE)
		return -1;
	memcpy(buf, tmp, strlen(tmp) + 1);
	return 0;
}

/* ---- the message ---- */

/* An inline image or an attachment. */
struct blob {
	char *type;                 /* "image/png", "application/pdf" */
	char *filename;             /* UTF-8, or NULL */
	char cid[MIME_CID_MAX + 1]; /* inline images: the Content-ID, without <> */
	unsigned char *data;        /* the bytes (a copy) */
	size_t len;
};

struct mime_msg {
	struct mime_mailbox from;       /* addr NULL until set */
	struct mime_mailbox *to, *cc;   /* in the order added */
	size_t nto, cap_to, ncc, cap_cc;
	char *subject;             /* trimmed, or NULL */
	char date[MIME_DATE_SIZE]; /* the Date header's value, "" until set */
	char *lang;                /* Content-Language, or NULL */
	char *text, *html;         /* the bodies as given, NULL until set */
	size_t text_len, html_len;
	struct blob *inl, *att;    /* inline images, attachments */
	size_t ninl, cap_inl, natt, cap_att;
};

struct mime_msg *mime_msg_new(void)
{
	return calloc(1, sizeof(struct mime_msg));
}

static void blob_clear(struct blob *x)
{
	free(x->type);
	free(x->filename);
	free(x->data);
}

void mime_msg_free(struct mime_msg *m)
{
	if (!m)
		return;
	mime_mailbox_clear(&m->from);
	for (size_t i = 0; i < m->nto; i++)
		mime_mailbox_clear(&m->to[i]);
	for (size_t i = 0; i < m->ncc; i++)
		mime_mailbox_clear(&m->cc[i]);
	for (size_t i = 0; i < m->ninl; i++)
		blob_clear(&m->inl[i]);
	for (size_t i = 0; i < m->natt; i++)
		blob_clear(&m->att[i]);
	free(m->to);
	free(m->cc);
	free(m->subject);
	free(m->lang);
	free(m->text);
	free(m->html);
	free(m->inl);
	free(m->att);
	free(m);
}

int mime_msg_set_from(struct mime_msg *m, const char *mailbox, struct diag *d)
{
	struct mime_mailbox mb;

	if (mime_mailbox_parse(mailbox, &mb, d) < 0)
		return -1;
	mime_mailbox_clear(&m->from);
	m->from = mb;
	return 0;
}

/* Parse mailbox onto the end of the list *v (*n of them, *cap allocated). */
static int mailbox_append(struct mime_mailbox **v, size_t *n, size_t *cap, const char *mailbox,
			  struct diag *d)
{
	struct mime_mailbox mb;

	if (mime_mailbox_parse(mailbox, &mb, d) < 0)
		return -1;
	if (grow_array(v, cap, *n + 1, sizeof **v) < 0) {
		mime_mailbox_clear(&mb);
		return diag_oom(d);
	}
	(*v)[(*n)++] = mb;
	return 0;
}

int mime_msg_add_to(struct mime_msg *m, const char *mailbox, struct diag *d)
{
	return mailbox_append(&m->to, &m->nto, &m->cap_to, mailbox, d);
}

int mime_msg_add_cc(struct mime_msg *m, const char *mailbox, struct diag *d)
{
	return mailbox_append(&m->cc, &m->ncc, &m->cap_cc, mailbox, d);
}

int mime_msg_set_subject(struct mime_msg *m, const char *subject, struct diag *d)
{
	char *s;

	if (mime_check_text("the subject", subject, d) < 0)
		return -1;
	if (!(s = mime_trim_dup(subject)))
		return diag_oom(d);
	free(m->subject);
	m->subject = s;
	return 0;
}

int mime_msg_set_date(struct mime_msg *m, time_t t, int utc_offset_min, struct diag *d)
{
	char date[MIME_DATE_SIZE];

	if (mime_date_format(t, utc_offset_min, date) < 0) {
		diag_error(d, EXIT_SOFTWARE, NULL, 0, 0,
			   "no Date header for time %lld at UTC offset %d minutes",
			   (long long)t, utc_offset_min);
		return -1;
	}
	memcpy(m->date, date, sizeof date);
	return 0;
}

int mime_msg_set_report_date(struct mime_msg *m, const struct report_date *date,
			     struct diag *d)
{
	if (date->month < 1 || date->month > 12 || date->day < 1 || date->day > 31) {
		diag_error(d, EXIT_SOFTWARE, NULL, 0, 0, "no Date header for %d-%d-%d",
			   date->year, date->month, date->day);
		return -1;
	}
	return mime_msg_set_date(
		m, (time_t)(days_from_civil(date->year, date->month, date->day) * 86400), 0, d);
}

/* A BCP 47 tag's shape (RFC 5646 2.1): subtags of 1-8 letters or digits
 * joined by '-', the first of letters only, at most 35 characters in all
 * (which keeps the header line short). */
static int language_ok(const char *tag)
{
	size_t sub = 0, n = strlen(tag), first = strcspn(tag, "-");

	if (n == 0 || n > 35)
		return 0;
	for (size_t i = 0; i < n; i++) {
		if (tag[i] == '-') {
			if (sub == 0 || i + 1 == n)
				return 0;
			sub = 0;
		} else if (!mime_is_alnum(tag[i]) || ++sub > 8 ||
			   (i < first && tag[i] >= '0' && tag[i] <= '9')) {
			return 0;
		}
	}
	return 1;
}

int mime_msg_set_language(struct mime_msg *m, const char *tag, struct diag *d)
{
	char *s;

	if (!language_ok(tag)) {
		diag_error(d, EXIT_DATAERR, NULL, 0, 0, "\"%.100s\" is not a language tag", tag);
		return -1;
	}
	if (!(s = strdup(tag)))
		return diag_oom(d);
	free(m->lang);
	m->lang = s;
	return 0;
}

/* A copy of a UTF-8 body into *dst. */
static int body_set(char **dst, size_t *dst_len, const char *what, const char *s, size_t len,
		    struct diag *d)
{
	long bad = utf8_invalid_at(s, len);
	char *copy;

	if (bad >= 0) {
		diag_error(d, EXIT_DATAERR, NULL, 0, 0, "the %s is not UTF-8 (byte %ld)", what,
			   bad + 1);
		return -1;
	}
	if (!(copy = malloc(len + 1)))
		return diag_oom(d);
	memcpy(copy, s, len);
	copy[len] = '\0';
	free(*dst);
	*dst = copy;
	*dst_len = len;
	return 0;
}

int mime_msg_set_text(struct mime_msg *m, const char *text, size_t len, struct diag *d)
{
	return body_set(&m->text, &m->text_len, "text", text, len, d);
}

int mime_msg_set_html(struct mime_msg *m, const char *html, size_t len, struct diag *d)
{
	return body_set(&m->html, &m->html_len, "HTML", html, len, d);
}

/* "type/subtype" of RFC 2045 tokens. */
static int type_ok(const char *t)
{
	size_t n = strlen(t), slash = 0;

	if (n == 0 || n > 127)
		return 0;
	for (size_t i = 0; i < n; i++) {
		if (t[i] == '/' && !slash && i > 0 && i + 1 < n)
			slash = i;
		else if (t[i] < 33 || t[i] > 126 || strchr("()<>@,;:\\\"/[]?=", t[i]))
			return 0;
	}
	return slash > 0;
}

/* Dot-atom-text '@' dot-atom-text of letters, digits, '-' and '_'. */
static int cid_ok(const char *cid)
{
	size_t n = strlen(cid), at = 0;

	if (n == 0 || n > MIME_CID_MAX)
		return 0;
	for (size_t i = 0; i < n; i++) {
		char c = cid[i];
		int edge = i == 0 || i + 1 == n || cid[i - 1] == '@' || cid[i + 1] == '@';

		if (c == '@' && !at && !edge)
			at = i;
		else if (c == '.' && (edge || cid[i + 1] == '.'))
			return 0;
		else if (!mime_is_alnum(c) && c != '.' && c != '-' && c != '_')
			return 0;
	}
	return at > 0;
}

/* A file name for a part: UTF-8, no control character, no '/'. */
static int filename_check(const char *name, struct diag *d)
{
	if (mime_check_text("the file name", name, d) < 0)
		return -1;
	if (!*name || strchr(name, '/') || strlen(name) > 255) {
		diag_error(d, EXIT_DATAERR, NULL, 0, 0,
			   "\"%.300s\" is not a file name for an attachment%s", name,
			   *name && !strchr(name, '/') ? " (longer than 255 bytes)" : "");
		return -1;
	}
	return 0;
}

/* A new blob at the end of *v with copies of its parts. */
static int blob_append(struct blob **v, size_t *n, size_t *cap, const char *type,
		       const void *data, size_t len, const char *filename, struct diag *d)
{
	struct blob x = { 0 };

	if (!type_ok(type)) {
		diag_error(d, EXIT_SOFTWARE, NULL, 0, 0, "\"%.100s\" is not a content type", type);
		return -1;
	}
	if (filename && filename_check(filename, d) < 0)
		return -1;
	x.type = strdup(type);
	x.filename = filename ? strdup(filename) : NULL;
	x.data = malloc(len ? len : 1);
	x.len = len;
	if (!x.type || (filename && !x.filename) || !x.data ||
	    grow_array(v, cap, *n + 1, sizeof **v) < 0) {
		blob_clear(&x);
		return diag_oom(d);
	}
	if (len)
		memcpy(x.data, data, len);
	(*v)[(*n)++] = x;
	return 0;
}

int mime_msg_add_inline(struct mime_msg *m, const char *type, const void *data, size_t len,
			const char *filename, const char *cid, char *cid_out, size_t cid_size,
			struct diag *d)
{
	char id[MIME_CID_MAX + 1], hex[65];

	if (cid && !cid_ok(cid)) {
		diag_error(d, EXIT_SOFTWARE, NULL, 0, 0, "\"%.300s\" is not a Content-ID", cid);
		return -1;
	}
	if (!cid && sha256_hex(data, len, hex) < 0)
		return diag_oom(d);
	snprintf(id, sizeof id, cid ? "%s" : "%.32s@briefing", cid ? cid : hex);
	for (size_t i = 0; i < m->ninl; i++) {
		if (strcmp(m->inl[i].cid, id) != 0)
			continue;
		if (cid) {
			diag_error(d, EXIT_SOFTWARE, NULL, 0, 0, "two inline images are cid:%s", id);
			return -1;
		}
		goto done; /* the same bytes again: one part serves both */
	}
	if (blob_append(&m->inl, &m->ninl, &m->cap_inl, type, data, len, filename, d) < 0)
		return -1;
	memcpy(m->inl[m->ninl - 1].cid, id, sizeof id);
done:
	if (cid_out && cid_size > 0)
		snprintf(cid_out, cid_size, "%s", id);
	return 0;
}

int mime_msg_add_attachment(struct mime_msg *m, const char *type, const void *data,
			    size_t len, const char *filename, struct diag *d)
{
	if (!filename) {
		diag_error(d, EXIT_SOFTWARE, NULL, 0, 0, "an attachment needs a file name");
		return -1;
	}
	return blob_append(&m->att, &m->natt, &m->cap_att, type, data, len, filename, d);
}

/* ---- writing ---- */

/* 32 hex digits (128 bits) of the SHA-256 of salt and the pieces, each
 * preceded by its length, so moving bytes between pieces changes it. */
static int digest32(const struct strbuf *pieces, size_t n, const char *salt, char out[33],
		    struct diag *d)
{
	unsigned char dg[32];
	struct sha256 h;
	char hex[65];

	sha256_init(&h);
	sha256_update(&h, salt, strlen(salt) + 1);
	for (size_t i = 0; i < n; i++) {
		char len[32];

		snprintf(len, sizeof len, "%zu:", pieces[i].n);
		sha256_update(&h, len, strlen(len));
		sha256_update(&h, pieces[i].s, pieces[i].n);
	}
	if (sha256_final(&h, dg) < 0)
		return diag_oom(d);
	sha256_to_hex(dg, hex);
	memcpy(out, hex, 32);
	out[32] = '\0';
	return 0;
}

/* A text part, quoted-printable, after its headers. */
static int part_text(struct strbuf *b, const char *subtype, const char *s, size_t n,
		     struct diag *d)
{
	char *qp;
	size_t qn;

	if (mime_qp(s, n, &qp, &qn, d) < 0)
		return -1;
	strbuf_str(b, "Content-Type: text/");
	strbuf_str(b, subtype);
	strbuf_str(b, "; charset=UTF-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n");
	strbuf_add(b, qp, qn);
	free(qp);
	return b->oom ? diag_oom(d) : 0;
}

/* An image (inline, with its Content-ID) or an attachment, base64.  The
 * file name goes into Content-Disposition and, for older clients, into
 * Content-Type as name. */
static int part_blob(struct strbuf *b, const struct blob *x, int is_inline, struct diag *d)
{
	struct mime_fold f;
	char *enc, tok[160];
	size_t en;

	if (mime_base64(x->data, x->len, &enc, &en, d) < 0)
		return -1;
	mime_fold_begin(&f, b, "Content-Type");
	snprintf(tok, sizeof tok, "%s%s", x->type, x->filename ? ";" : "");
	mime_fold_token(&f, tok, strlen(tok));
	if (x->filename)
		mime_fold_param(&f, "name", x->filename, 1);
	mime_fold_end(&f);
	strbuf_str(b, "Content-Transfer-Encoding: base64\r\n");
	if (is_inline) {
		strbuf_str(b, "Content-ID: <");
		strbuf_str(b, x->cid);
		strbuf_str(b, ">\r\n");
	}
	mime_fold_begin(&f, b, "Content-Disposition");
	snprintf(tok, sizeof tok, "%s%s", is_inline ? "inline" : "attachment",
		 x->filename ? ";" : "");
	mime_fold_token(&f, tok, strlen(tok));
	if (x->filename)
		mime_fold_param(&f, "filename", x->filename, 1);
	mime_fold_end(&f);
	strbuf_str(b, "\r\n");
	strbuf_add(b, enc, en);
	free(enc);
	return b->oom ? diag_oom(d) : 0;
}

static int buf_holds(const struct strbuf *kids, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (memmem(kids[i].s, kids[i].n, s, strlen(s)))
			return 1;
	return 0;
}

/* multipart/SUBTYPE of the parts kids[0..n).  The boundary is "=_" and a
 * digest of the parts: the same parts give the same bytes, and "=_" can
 * start no line of base64 or quoted-printable (RFC 2045 6.7 makes "=_"
 * invalid there), so only a header could hold it: checked, and another
 * digest taken if one does. */
static int part_multi(struct strbuf *b, const char *subtype, const char *type_param,
		      const struct strbuf *kids, size_t n, struct diag *d)
{
	char hex[33], bnd[64], salt[64], tok[40];
	struct mime_fold f;

	for (size_t i = 0; i < n; i++)
		if (kids[i].oom)
			return diag_oom(d);
	for (int k = 0;; k++) {
		snprintf(salt, sizeof salt, "multipart/%s %d", subtype, k);
		if (digest32(kids, n, salt, hex, d) < 0)
			return -1;
		snprintf(bnd, sizeof bnd, "=_%s_%s", subtype, hex);
		if (!buf_holds(kids, n, bnd))
			break;
		if (k == 9) {
			diag_error(d, EXIT_SOFTWARE, NULL, 0, 0, "no MIME boundary found");
			return -1;
		}
	}
	mime_fold_begin(&f, b, "Content-Type");
	snprintf(tok, sizeof tok, "multipart/%s;", subtype);
	mime_fold_token(&f, tok, strlen(tok));
	if (type_param)
		mime_fold_param(&f, "type", type_param, 0);
	mime_fold_param(&f, "boundary", bnd, 1);
	mime_fold_end(&f);
	strbuf_str(b, "\r\n"); /* the blank line, then the first delimiter */
	for (size_t i = 0; i < n; i++) {
		if (i > 0)
			strbuf_str(b, "\r\n"); /* a delimiter's CRLF ends no part */
		strbuf_str(b, "--");
		strbuf_str(b, bnd);
		strbuf_str(b, "\r\n");
		strbuf_add(b, kids[i].s, kids[i].n);
	}
	strbuf_str(b, "\r\n--");
	strbuf_str(b, bnd);
	strbuf_str(b, "--");
	return b->oom ? diag_oom(d) : 0;
}

/* Every cid: URL in the HTML (after a quote, '(' or '=', as in src="cid:…"
 * or url(cid:…), so prose mentioning "cid:" is no reference) names an
 * inline image, and every inline image is named: else a client shows a
 * broken image, or an image twice. */
static int cids_check(const struct mime_msg *m, struct diag *d)
{
	const char *h = m->html;
	unsigned char *used;

	if (!h) {
		if (m->ninl == 0)
			return 0;
		diag_error(d, EXIT_SOFTWARE, NULL, 0, 0, "inline images need an HTML body");
		return -1;
	}
	if (!(used = calloc(m->ninl + 1, 1)))
		return diag_oom(d);
	for (size_t i = 1; i + 4 <= m->html_len; i++) {
		size_t k, j = i + 4;

		if (!strchr("\"'(=", h[i - 1]) || h[i - 1] == '\0' || strncasecmp(h + i, "cid:", 4))
			continue;
		while (j < m->html_len && (mime_is_alnum((unsigned char)h[j]) || strchr(".-_@", h[j])) &&
		       h[j] != '\0')
			j++;
		for (k = 0; k < m->ninl; k++)
			if (strlen(m->inl[k].cid) == j - i - 4 && !memcmp(m->inl[k].cid, h + i + 4, j - i - 4))
				break;
		if (k == m->ninl) {
			diag_error(d, EXIT_SOFTWARE, NULL, 0, 0,
				   "the HTML refers to cid:%.*s, which is no inline image",
				   (int)(j - i - 4 < 300 ? j - i - 4 : 300), h + i + 4);
			free(used);
			return -1;
		}
		used[k] = 1;
	}
	for (size_t k = 0; k < m->ninl; k++) {
		if (!used[k]) {
			diag_error(d, EXIT_SOFTWARE, NULL, 0, 0,
				   "inline image cid:%s is not referred to in the HTML", m->inl[k].cid);
			free(used);
			return -1;
		}
	}
	free(used);
	return 0;
}

static void bufs_free(struct strbuf *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		strbuf_free(&v[i]);
}

/* The body as one part into *root: the HTML with its images (related),
 * text and HTML as alternatives, then the attachments (mixed), each
 * multipart only where it holds two parts or more. */
static int body_build(const struct mime_msg *m, struct strbuf *root, struct diag *d)
{
	size_t nk = 2 + (m->ninl > m->natt ? m->ninl : m->natt);
	struct strbuf html = { 0 }, alt = { 0 }, *kids = calloc(nk, sizeof *kids);
	int rc = -1;

	if (!kids)
		return diag_oom(d);
	if (m->html && m->ninl == 0 && part_text(&html, "html", m->html, m->html_len, d) < 0)
		goto out;
	if (m->html && m->ninl > 0) {
		if (part_text(&kids[0], "html", m->html, m->html_len, d) < 0)
			goto out;
		for (size_t i = 0; i < m->ninl; i++)
			if (part_blob(&kids[1 + i], &m->inl[i], 1, d) < 0)
				goto out;
		if (part_multi(&html, "related", "text/html", kids, 1 + m->ninl, d) < 0)
			goto out;
		bufs_free(kids, nk);
	}
	if (m->text && part_text(&kids[0], "plain", m->text, m->text_len, d) < 0)
		goto out;
	if (m->text && m->html) {
		kids[1] = html;
		memset(&html, 0, sizeof html);
		if (part_multi(&alt, "alternative", NULL, kids, 2, d) < 0)
			goto out;
		bufs_free(kids, nk);
	} else {
		alt = m->text ? kids[0] : html;
		memset(m->text ? &kids[0] : &html, 0, sizeof html);
	}
	if (m->natt == 0) {
		*root = alt;
		memset(&alt, 0, sizeof alt);
		rc = 0;
		goto out;
	}
	kids[0] = alt;
	memset(&alt, 0, sizeof alt);
	for (size_t i = 0; i < m->natt; i++)
		if (part_blob(&kids[1 + i], &m->att[i], 0, d) < 0)
			goto out;
	rc = part_multi(root, "mixed", NULL, kids, 1 + m->natt, d);
out:
	bufs_free(kids, nk);
	free(kids);
	strbuf_free(&html);
	strbuf_free(&alt);
	return rc;
}

/* "Name <addr>" or "addr", then ',' unless last. */
static void mailbox_fold(struct mime_fold *f, const struct mime_mailbox *mb, int last)
{
	struct strbuf t = { 0 };

	if (mb->name)
		mime_fold_phrase(f, mb->name);
	strbuf_str(&t, mb->name ? "<" : "");
	strbuf_str(&t, mb->addr);
	strbuf_str(&t, mb->name ? ">" : "");
	strbuf_str(&t, last ? "" : ",");
	mime_fold_buf(f, &t);
}

static void mailboxes_field(struct strbuf *b, const char *name, const struct mime_mailbox *v,
			    size_t n)
{
	struct mime_fold f;

	if (n == 0)
		return;
	mime_fold_begin(&f, b, name);
	for (size_t i = 0; i < n; i++)
		mailbox_fold(&f, &v[i], i + 1 == n);
	mime_fold_end(&f);
}

/* Every line ends in CRLF, none is longer than 998 octets: a last guard
 * (RFC 5322 2.1.1, 2.3) so that no mistake above leaves here. */
static int lines_check(const char *s, size_t n, struct diag *d)
{
	size_t start = 0, line = 1;

	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\r' && i + 1 < n && s[i + 1] == '\n') {
			if (i - start > MIME_ANY_LINE)
				break;
			start = ++i + 1;
			line++;
		} else if (s[i] == '\r' || s[i] == '\n') {
			break;
		}
	}
	if (start == n)
		return 0;
	diag_error(d, EXIT_SOFTWARE, NULL, 0, 0,
		   "line %zu of the message is too long or has a bare CR or LF", line);
	return -1;
}

int mime_msg_write(const struct mime_msg *m, char **out, size_t *len, struct diag *d)
{
	struct strbuf h[3] = { { 0 } }, msg = { 0 };
	struct mime_fold f;
	char hex[33];
	int rc = -1;

	if (!m->from.addr) {
		diag_error(d, EXIT_USAGE, NULL, 0, 0, "a message needs a From address");
		return -1;
	}
	if (!m->date[0] || (!m->text && !m->html)) {
		diag_error(d, EXIT_SOFTWARE, NULL, 0, 0, "a message needs a %s",
			   m->date[0] ? "text or HTML body" : "Date");
		return -1;
	}
	if (cids_check(m, d) < 0)
		return -1;
	/* h[0]: the fields before Message-ID, h[1] those after, h[2] the body */
	strbuf_str(&h[0], "Date: ");
	strbuf_str(&h[0], m->date);
	strbuf_str(&h[0], "\r\n");
	mailboxes_field(&h[0], "From", &m->from, 1);
	mailboxes_field(&h[0], "To", m->to, m->nto);
	mailboxes_field(&h[0], "Cc", m->cc, m->ncc);
	if (m->subject) {
		mime_fold_begin(&f, &h[0], "Subject");
		mime_fold_unstructured(&f, m->subject);
		mime_fold_end(&f);
	}
	strbuf_str(&h[1], "MIME-Version: 1.0\r\n");
	if (m->lang) {
		strbuf_str(&h[1], "Content-Language: ");
		strbuf_str(&h[1], m->lang);
		strbuf_str(&h[1], "\r\n");
	}
	if (h[0].oom || h[1].oom) {
		diag_oom(d);
		goto out;
	}
	if (body_build(m, &h[2], d) < 0 || digest32(h, 3, "Message-ID", hex, d) < 0)
		goto out;
	/* Message-ID: the content's digest at the sender's domain (RFC 5322
	 * 3.6.4: unique, and here the same for the same message) */
	strbuf_add(&msg, h[0].s, h[0].n);
	strbuf_str(&msg, "Message-ID: <");
	strbuf_str(&msg, hex);
	strbuf_str(&msg, "@");
	strbuf_str(&msg, m->from.addr + m->from.domain);
	strbuf_str(&msg, ">\r\n");
	strbuf_add(&msg, h[1].s, h[1].n);
	strbuf_add(&msg, h[2].s, h[2].n);
	strbuf_str(&msg, "\r\n");
	if (msg.oom) {
		diag_oom(d);
		goto out;
	}
	if (lines_check(msg.s, msg.n, d) < 0)
		goto out;
	rc = strbuf_take(&msg, out, len, d);
out:
	bufs_free(h, 3);
	if (rc < 0)
		strbuf_free(&msg);
	return rc;
}
