/* mime — one e-mail message (RFC 5322, MIME RFC 2045-2049) built in memory.
 *
 * The builder collects the headers and the parts, then mime_msg_write()
 * lays them out as
 *
 *   multipart/mixed                      (only with attachments)
 *     multipart/alternative              (only with both text and HTML)
 *       text/plain; charset=UTF-8        quoted-printable
 *       multipart/related                (only with inline images)
 *         text/html; charset=UTF-8       quoted-printable
 *         image/png …                    base64, Content-ID, inline
 *     application/pdf …                  base64, attachment; filename
 *
 * leaving out a multipart that would hold one part only.
 *
 * The bytes depend on the inputs alone: the boundaries and the Message-ID
 * are SHA-256 digests of the content, the Date is given, nothing comes from
 * the clock, the environment or the C locale.  Same inputs, same bytes.
 *
 * Line ends are CRLF throughout, as RFC 5322 and RFC 2045 define the
 * message: mail APIs that take a raw RFC 5322 message want exactly that,
 * and `sendmail -t` accepts it (Postfix converts CRLF to its own LF by
 * default, Exim drops the CRs, msmtp sends the lines as they are).  A
 * caller that wants the local LF convention can drop every CR: the message
 * has no other CR or LF.
 *
 * Header lines are folded to at most 78 characters (an address, a
 * Content-ID or a word of a plain ASCII subject longer than that stays on
 * one line); base64 and quoted-printable lines have at most 76.  No line
 * exceeds 998 octets: mime_msg_write() checks that before it returns.
 *
 * Errors: every function returns 0, or -1 with d filled (never prints, never
 * exits).  Codes: EXIT_DATAERR for text that a user wrote (an address, a
 * subject, a language tag, text that is not UTF-8, a file name);
 * EXIT_SOFTWARE for misuse by the program (a malformed content type or
 * Content-ID, an HTML part whose cid: references and inline images do not
 * match, no Date) and for memory running out; EXIT_USAGE for a message
 * without a From address.  Errors in an address or subject carry the column
 * (1-based, in characters) within that text in d->col, with d->file empty
 * and d->line 0: the caller knows where the text came from and puts its own
 * file and line (and adds its own column) before printing, or turns the
 * code into EXIT_USAGE for a command-line option. */
#ifndef BRIEFING_MIME_H
#define BRIEFING_MIME_H

#include <stddef.h>
#include <time.h>

#include "date.h"
#include "diag.h"

/* Room for "Fri, 14 Jun 2024 00:00:00 +0000" and its NUL. */
#define MIME_DATE_SIZE 32

/* The longest Content-ID accepted, in characters (without the <>). */
#define MIME_CID_MAX 200

struct mime_msg;

/* An empty message; NULL when out of memory. */
struct mime_msg *mime_msg_new(void);

/* Free m and everything it holds (NULL is ok). */
void mime_msg_free(struct mime_msg *m);

/* The sender, and each recipient: one mailbox per call, as
 * "a@example.org", "<a@example.org>", "Name <a@example.org>" or
 * "\"Name, Title\" <a@example.org>" (see mime_mailbox_check).  A display
 * name may hold any UTF-8 text: it is written as RFC 2047 encoded-words
 * where it is not plain ASCII.  The Message-ID's domain is From's domain.
 * Setting From again replaces it; To and Cc keep the order of the calls. */
int mime_msg_set_from(struct mime_msg *m, const char *mailbox, struct diag *d);
int mime_msg_add_to(struct mime_msg *m, const char *mailbox, struct diag *d);
int mime_msg_add_cc(struct mime_msg *m, const char *mailbox, struct diag *d);

/* The subject, UTF-8 (leading and trailing white space dropped).  Written
 * as it is when it is plain ASCII, else as RFC 2047 encoded-words (Q or B,
 * whichever is shorter), each of at most 75 characters and holding whole
 * characters only.  A control character (a line break, say) is an error at
 * its column. */
int mime_msg_set_subject(struct mime_msg *m, const char *subject, struct diag *d);

/* The Date header: the moment t written in the time zone utc_offset_min
 * minutes east of UTC (-1439 .. 1439), or a report date at midnight UTC. */
int mime_msg_set_date(struct mime_msg *m, time_t t, int utc_offset_min, struct diag *d);
int mime_msg_set_report_date(struct mime_msg *m, const struct report_date *date,
			     struct diag *d);

/* Content-Language, a BCP 47 tag such as "en", "ru", "az" or "az-Latn". */
int mime_msg_set_language(struct mime_msg *m, const char *tag, struct diag *d);

/* The text/plain and text/html bodies, UTF-8 (len bytes, copied).  Line
 * ends may be LF, CRLF or CR: they become CRLF.  Text that is not UTF-8 is
 * an error naming the byte offset. */
int mime_msg_set_text(struct mime_msg *m, const char *text, size_t len, struct diag *d);
int mime_msg_set_html(struct mime_msg *m, const char *html, size_t len, struct diag *d);

/* An image for the HTML (multipart/related): type such as "image/png",
 * data copied, filename (may be NULL) a name for clients that list it.  The
 * HTML refers to it as src="cid:CID", CID being cid when given (letters,
 * digits, '.', '-' and '_' on both sides of one '@', at most MIME_CID_MAX,
 * so the cid: URL needs no escaping) or else derived from the bytes
 * ("HEX@briefing", 32 hex digits of their SHA-256; the same bytes added
 * twice are one part).  The CID is copied into cid_out (cid_size bytes;
 * MIME_CID_MAX + 1 always suffice) when cid_out is not NULL.  Two images
 * with the same given CID are an error. */
int mime_msg_add_inline(struct mime_msg *m, const char *type, const void *data, size_t len,
			const char *filename, const char *cid, char *cid_out, size_t cid_size,
			struct diag *d);

/* An attachment (data copied) with its file name: UTF-8, no '/', no
 * control character, at most 255 bytes (EXIT_DATAERR otherwise).  Written
 * as filename="…" (and name="…" in Content-Type, for older clients) when
 * it is printable ASCII of at most 60 characters, else as RFC 2231
 * filename*=UTF-8''%XX… in numbered sections (filename*0*=, filename*1*=
 * …) when one line cannot hold it. */
int mime_msg_add_attachment(struct mime_msg *m, const char *type, const void *data,
			    size_t len, const char *filename, struct diag *d);

/* The whole message into *out (malloc'ed, NUL-terminated, *len bytes, the
 * caller frees).  Needs From, Date and a text or HTML body; every image
 * must be referenced by a cid: in the HTML and every cid: there must name
 * an image.  On error *out is untouched. */
int mime_msg_write(const struct mime_msg *m, char **out, size_t *len, struct diag *d);

/* Whether text is one mailbox that the functions above accept: an RFC 5322
 * addr-spec (a dot-atom or quoted-string local part, '@', a dot-atom domain
 * or a [domain literal]), alone, in <>, or after a display name (atoms,
 * quoted strings, UTF-8 welcome; comments in parentheses are not taken).
 * ASCII only in the address itself (an internationalised domain goes in its
 * xn-- form), at most 64 characters before the '@' and 255 after it
 * (RFC 5321).  0, or -1 with d->msg saying what is wrong, e.g.
 * "\"ann@@x.org\" is not an e-mail address: '@' is not allowed in the domain",
 * and d->col the column of the fault within text. */
int mime_mailbox_check(const char *text, struct diag *d);

/* The mailboxes of a comma-separated list, as a header or an option
 * gives them ("ann@x.org, \"Doe, John\" <john@y.org>"): split at the
 * commas outside quoted strings, <> and [domain literals], each piece
 * checked by mime_mailbox_check (a piece without '@' is first joined to
 * the next, so an unquoted display name with a comma is checked whole and
 * told to be quoted); empty pieces are skipped.  *out gets a malloc'ed
 * array of *n malloc'ed pieces, trimmed (mime_mailbox_list_free), none
 * for text with none.  0, or -1 with d from mime_mailbox_check, d->col the
 * column of the fault within text. */
int mime_mailbox_list(const char *text, char ***out, size_t *n, struct diag *d);

/* Free what mime_mailbox_list made (NULL is ok). */
void mime_mailbox_list_free(char **v, size_t n);

/* "Fri, 14 Jun 2024 00:00:00 +0000" for the moment t in the time zone
 * utc_offset_min minutes east of UTC; English names whatever the locale.
 * 0, or -1 for an offset beyond ±23:59 or a year outside 1900..9999. */
int mime_date_format(time_t t, int utc_offset_min, char buf[MIME_DATE_SIZE]);

/* The encoders, for anyone who needs one alone.  Each fills *out
 * (malloc'ed, NUL-terminated, *outlen bytes, the caller frees) and returns
 * 0, or -1 with d filled. */

/* Base64 (RFC 4648) in lines of 76 characters joined by CRLF, no CRLF after
 * the last; "" for no data.  Fails only when out of memory. */
int mime_base64(const void *data, size_t len, char **out, size_t *outlen, struct diag *d);

/* Quoted-printable (RFC 2045 6.7) of UTF-8 text: hard line breaks (LF,
 * CRLF or CR) become CRLF; lines of at most 76 characters with soft breaks
 * ("=" CRLF) between characters, never inside one; '=', control
 * characters but tab, non-ASCII bytes and white space at a line's end are
 * =XX; an
 * 'F' starting "From " at a line's start is =46, so mbox files cannot
 * mangle it.  Fails only when out of memory. */
int mime_qp(const char *text, size_t len, char **out, size_t *outlen, struct diag *d);

/* The header field "Name: value" CRLF, folded: value (UTF-8, no control
 * characters; leading and trailing white space dropped) as it is when it
 * is plain ASCII, else as RFC 2047 encoded-words, so that no encoded-word
 * exceeds 75 characters and no line 78 unless one word of the value is
 * longer.  A control character is an error at its column (EXIT_DATAERR). */
int mime_header(const char *name, const char *value, char **out, size_t *outlen,
		struct diag *d);

#endif
