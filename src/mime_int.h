/* mime_int — what the mime files share (mime_encode.c: header folding,
 * encoded-words, parameters, base64 and quoted-printable; mime_addr.c:
 * mailboxes; mime.c: dates, the message and its layout).
 * Private to src/mime*.c. */
#ifndef BRIEFING_MIME_INT_H
#define BRIEFING_MIME_INT_H

#include <stddef.h>
#include <string.h>

#include "diag.h"
#include "strbuf.h"

#define MIME_HDR_LINE 78 /* RFC 5322 2.1.1: a header line SHOULD be no longer */
#define MIME_ANY_LINE 998 /* RFC 5322 2.1.1: no line MUST be longer */

static inline int mime_is_wsp(int c)
{
	return c == ' ' || c == '\t';
}

static inline int mime_is_alnum(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* RFC 5322 3.2.3 atext. */
static inline int mime_is_atext(int c)
{
	return mime_is_alnum(c) || (c && strchr("!#$%&'*+-/=?^_`{|}~", c));
}

/* A control character other than tab (RFC 5322 allows none in a field). */
static inline int mime_is_control(int c)
{
	return (c >= 0 && c < 0x20 && c != '\t') || c == 0x7f;
}

/* 0 when s is UTF-8 without control characters; else -1 with d saying
 * "WHAT has a control character (U+000A)" or "WHAT is not UTF-8"
 * (EXIT_DATAERR) and d->col its column (1-based, in characters). */
int mime_check_text(const char *what, const char *s, struct diag *d);

/* s without leading and trailing white space, malloc'ed (NULL: no memory). */
char *mime_trim_dup(const char *s);

/* A header field being written: tokens joined by single spaces, a fold
 * (CRLF before the space) wherever the next token would pass MIME_HDR_LINE. */
struct mime_fold {
	struct strbuf *b; /* where the field goes */
	size_t col;         /* characters on the current line */
	int first;          /* no token yet: the first never folds (no empty line) */
};

/* "Name:" */
void mime_fold_begin(struct mime_fold *f, struct strbuf *b, const char *name);
/* A space (or a fold) and the token t[0..n). */
void mime_fold_token(struct mime_fold *f, const char *t, size_t n);
/* The CRLF that ends the field. */
void mime_fold_end(struct mime_fold *f);
/* t's bytes as one token, then t freed (memory that ran out in t marks
 * the field's buffer). */
void mime_fold_buf(struct mime_fold *f, struct strbuf *t);
/* Unstructured text (Subject): plain words, or encoded-words for anything
 * but plain ASCII. */
void mime_fold_unstructured(struct mime_fold *f, const char *s);
/* A display name: atoms, a quoted string, or encoded-words. */
void mime_fold_phrase(struct mime_fold *f, const char *name);
/* A parameter attr=value, then ';' unless last; RFC 2231 for non-ASCII or
 * long values. */
void mime_fold_param(struct mime_fold *f, const char *attr, const char *value, int last);

/* One mailbox, parsed. */
struct mime_mailbox {
	char *name;    /* the display name as meant (quotes, escapes gone), or NULL */
	char *addr;    /* the addr-spec as written; NULL for no mailbox */
	size_t domain; /* where the domain starts in addr */
};

/* Parse text (see mime_mailbox_check) into mb: 0, or -1 with d filled and
 * mb empty. */
int mime_mailbox_parse(const char *text, struct mime_mailbox *mb, struct diag *d);
/* Free what mb holds and empty it. */
void mime_mailbox_clear(struct mime_mailbox *mb);

#endif
