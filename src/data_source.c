/* data_source — the bytes of one data file as UTF-8 text.  The file is read
 * once, front to back; every byte as stored is hashed (the sources page's
 * SHA-256) and counted (progress, -v), then, only when the file needs it,
 * inflated with zlib (gzip, recognised by its magic bytes whatever the
 * file's name) and converted to UTF-8 with iconv(3) (the dialect's
 * encoding:, or UTF-16 found by its byte order mark).  A plain UTF-8 file
 * is read straight into the caller's buffer, as before this module: the
 * fast path costs one call per read.
 *
 * A file that cannot be decoded (a corrupt or truncated gzip stream, a byte
 * its encoding does not have) gives its text up to that point, then ends
 * with an error that data_source_end() reports where the text ends: at the
 * line and column of the first character that could not be read. */
#include "data_int.h"

#include <errno.h>
#include <iconv.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "sha256.h"
#include "utf8.h"

#define HEAD 8                 /* bytes read first, to find what the file is */
#define BUF_CAP (256 * 1024)   /* the decoding buffers */

struct data_source {
	int fd;
	struct sha256 hash;      /* of the bytes as stored */
	long long size;          /* the file's size */
	long long stored;        /* bytes read so far */
	int eof;                 /* read() said the end */
	int direct;              /* plain UTF-8: reads go straight to the caller */
	unsigned char head[HEAD];/* direct: the first bytes, not handed out yet */
	size_t nhead, head_off;
	char *raw;               /* decoding: bytes read, not decoded yet */
	size_t raw_off, raw_len;
	int gzip;                /* inflating */
	z_stream z;
	int z_live;              /* inflateInit2 succeeded */
	int z_end;               /* a gzip member ended (another may follow) */
	char *mid;               /* gzip and iconv: inflated, not converted */
	size_t mid_off, mid_len;
	iconv_t cd;              /* (iconv_t)-1: the text is UTF-8 already */
	int converted;           /* iconv has converted all it will */
	char pend[32];           /* converted, for a read shorter than this */
	size_t npend, pend_off;
	char enc[64];            /* the encoding's name, for messages */
	int text_end;            /* no more text comes in: inflating stopped at
				    an error, or iconv met a byte it cannot read */
	char err[200];           /* why the text ended early ("" at a clean end) */
	int reported;            /* err is the pass's error (data_source_end()) */
};

/* Whether name is UTF-8 (then the file needs no conversion). */
static int is_utf8_name(const char *name)
{
	return !name || !strcasecmp(name, "utf-8") || !strcasecmp(name, "utf8");
}

int data_encoding_known(const char *name)
{
	iconv_t cd;

	if (is_utf8_name(name))
		return 1;
	if (strchr(name, '/') || (cd = iconv_open("UTF-8", name)) == (iconv_t)-1)
		return 0;
	iconv_close(cd);
	return 1;
}

/* One read() of up to want bytes into buf, hashed and counted: its length,
 * 0 at the end, -1 on a read error (c failed). */
static ssize_t read_some(struct data_ctx *c, struct data_source *s, void *buf, size_t want)
{
	ssize_t r;

	do
		r = read(s->fd, buf, want);
	while (r < 0 && errno == EINTR);
	if (r < 0) {
		data_read_error(c, errno);
		return -1;
	}
	if (r == 0)
		s->eof = 1;
	sha256_update(&s->hash, buf, (size_t)r);
	s->stored += r;
	c->bytes += r;
	return r;
}

/* The text ends here with the error fmt (the first one stands). */
static void text_error(struct data_source *s, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void text_error(struct data_source *s, const char *fmt, ...)
{
	va_list ap;

	if (!s->err[0]) {
		va_start(ap, fmt);
		vsnprintf(s->err, sizeof s->err, fmt, ap);
		va_end(ap);
	}
	s->text_end = 1;
}

/* Move raw's unread bytes to its start and read more after them (unless
 * it is full or the file ended).  0, or -1 on a read error. */
static int fill_raw(struct data_ctx *c, struct data_source *s)
{
	ssize_t r;

	if (s->raw_off) {
		memmove(s->raw, s->raw + s->raw_off, s->raw_len - s->raw_off);
		s->raw_len -= s->raw_off;
		s->raw_off = 0;
	}
	if (s->eof || s->raw_len == BUF_CAP)
		return 0;
	if ((r = read_some(c, s, s->raw + s->raw_len, BUF_CAP - s->raw_len)) < 0)
		return -1;
	s->raw_len += (size_t)r;
	return 0;
}

/* Inflate raw bytes into dst[0..cap): the bytes made, 0 at the end of the
 * text (s->err says when the end is an error), -1 on a read error or out
 * of memory (c failed).  Concatenated gzip members (pigz, cat a.gz b.gz)
 * are one text, as gzip -d reads them. */
static ssize_t inflate_some(struct data_ctx *c, struct data_source *s, char *dst, size_t cap)
{
	while (!s->text_end) {
		size_t avail = s->raw_len - s->raw_off;
		int zr;

		if (avail < 2 && !s->eof) {
			if (fill_raw(c, s) < 0)
				return -1;
			continue;
		}
		if (s->z_end) { /* a member ended: the end, or another member */
			if (avail == 0)
				return 0;
			if (avail < 2 || memcmp(s->raw + s->raw_off, "\x1f\x8b", 2) != 0) {
				text_error(s, "data after the end of the gzip stream (%lld bytes "
					   "before the end of the file)",
					   s->size - (s->stored - (long long)avail));
				return 0;
			}
			inflateReset(&s->z);
			s->z_end = 0;
		}
		if (avail == 0) {
			text_error(s, "truncated gzip stream: the file ends inside it "
				   "(%lld bytes read)", s->stored);
			return 0;
		}
		s->z.next_in = (unsigned char *)s->raw + s->raw_off;
		s->z.avail_in = (unsigned)avail;
		s->z.next_out = (unsigned char *)dst;
		s->z.avail_out = (unsigned)cap;
		zr = inflate(&s->z, Z_NO_FLUSH);
		if (zr == Z_BUF_ERROR && s->z.avail_in == avail && s->z.avail_out == cap) {
			/* no progress: zlib needs more than the file has */
			if (s->eof) {
				text_error(s, "truncated gzip stream: the file ends inside it "
					   "(%lld bytes read)", s->stored);
				return 0;
			}
			if (fill_raw(c, s) < 0)
				return -1;
			continue;
		}
		s->raw_off = s->raw_len - s->z.avail_in;
		if (zr == Z_STREAM_END)
			s->z_end = 1;
		else if (zr == Z_MEM_ERROR) {
			data_oom(c);
			return -1;
		} else if (zr == Z_DATA_ERROR || zr == Z_NEED_DICT || zr == Z_STREAM_ERROR) {
			text_error(s, "corrupt gzip stream (zlib: %s) at byte %lld of the file",
				   s->z.msg ? s->z.msg : "bad data",
				   s->stored - (long long)(s->raw_len - s->raw_off));
		}
		if (cap - s->z.avail_out > 0)
			return (ssize_t)(cap - s->z.avail_out);
	}
	return 0;
}

/* Bytes of the text before conversion, at *p: raw's (a plain file) or
 * mid's (inflated).  Reads or inflates more when fewer than `need` are
 * there (after moving the unread ones to the buffer's start).  Returns
 * how many there are (0: the end), or -1 (c failed). */
static ssize_t pre_text(struct data_ctx *c, struct data_source *s, size_t need, char **p)
{
	if (!s->gzip) {
		while (s->raw_len - s->raw_off < need && !s->eof &&
		       (s->raw_off || s->raw_len < BUF_CAP))
			if (fill_raw(c, s) < 0)
				return -1;
		*p = s->raw + s->raw_off;
		return (ssize_t)(s->raw_len - s->raw_off);
	}
	if (s->mid_len - s->mid_off < need) {
		if (s->mid_off) {
			memmove(s->mid, s->mid + s->mid_off, s->mid_len - s->mid_off);
			s->mid_len -= s->mid_off;
			s->mid_off = 0;
		}
		while (s->mid_len < need && s->mid_len < BUF_CAP && !s->text_end) {
			ssize_t r = inflate_some(c, s, s->mid + s->mid_len, BUF_CAP - s->mid_len);

			if (r < 0)
				return -1;
			if (r == 0)
				break;
			s->mid_len += (size_t)r;
		}
	}
	*p = s->mid + s->mid_off;
	return (ssize_t)(s->mid_len - s->mid_off);
}

/* The pre-conversion text's first n bytes are used up. */
static void pre_used(struct data_source *s, size_t n)
{
	if (s->gzip)
		s->mid_off += n;
	else
		s->raw_off += n;
}

/* Convert the text into dst[0..cap) with iconv: the bytes made, 0 at the
 * end (s->err when it is an error), -1 (c failed). */
static ssize_t convert_some(struct data_ctx *c, struct data_source *s, char *dst, size_t cap)
{
	char *out = dst;
	size_t outleft = cap, need = 1;

	while (out == dst && !s->converted) {
		char *in;
		size_t inleft;
		ssize_t have = pre_text(c, s, need, &in);

		if (have < 0)
			return -1;
		if ((size_t)have < need) { /* the end of the text */
			if (have > 0)
				text_error(s, "the file ends inside a %s character (byte 0x%02x)",
					   s->enc, (unsigned char)in[0]);
			else if (!s->err[0])
				iconv(s->cd, NULL, NULL, &out, &outleft); /* a final shift */
			s->converted = 1;
			break;
		}
		inleft = (size_t)have;
		if (iconv(s->cd, &in, &inleft, &out, &outleft) == (size_t)-1) {
			if (errno == EILSEQ) {
				text_error(s, "byte 0x%02x is not %s text: is encoding: right?",
					   (unsigned char)*in, s->enc);
				s->converted = 1;
			} else if (errno == EINVAL) { /* a character goes on past the buffer */
				need = inleft + 1;
			}
		} else {
			need = 1;
		}
		pre_used(s, (size_t)have - inleft);
	}
	return out - dst;
}

/* Whether the file's first bytes b[0..n) say it is a known binary format
 * that is not CSV text: its description, else NULL. */
static const char *binary_format(const unsigned char *b, size_t n)
{
	static const struct { const char *magic; size_t len; const char *what; } formats[] = {
		{ "PK\x03\x04", 4, "a zip archive (an Excel .xlsx workbook?), not CSV text: "
				   "save it as CSV" },
		{ "\xd0\xcf\x11\xe0", 4, "an Excel .xls workbook (or another OLE2 file), not CSV "
					 "text: save it as CSV" },
		{ "\xfd" "7zXZ", 5, "xz-compressed: only gzip is read; gunzip-able .csv.gz or "
				    "plain CSV, please" },
		{ "BZh", 3, "bzip2-compressed: only gzip is read; recompress it with gzip" },
		{ "\x28\xb5\x2f\xfd", 4, "zstd-compressed: only gzip is read; recompress it "
					 "with gzip" },
		{ "%PDF", 4, "a PDF document, not CSV text" },
	};

	for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++)
		if (n >= formats[i].len && memcmp(b, formats[i].magic, formats[i].len) == 0)
			return formats[i].what;
	return NULL;
}

/* An error about the file as a whole, at its line and column. */
static void file_error(struct data_ctx *c, long line, int col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void file_error(struct data_ctx *c, long line, int col, const char *fmt, ...)
{
	char msg[sizeof c->d->msg];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	diag_error(c->d, EXIT_DATAERR, c->path, (int)line, col, "%s", msg);
	c->failed = 1;
}

/* Text that encoding: says is in a single-byte encoding (or any but
 * UTF-8) but reads as UTF-8, with a character beyond ASCII in its first
 * s[0..n) bytes, is UTF-8: a file in windows-1251 or latin-1 almost never
 * is (its letters would have to fall into UTF-8's byte patterns).  Then
 * reading it as encoding: says would turn every such letter into two
 * wrong ones: an error at the first of them. */
static int utf8_mistaken(struct data_ctx *c, const char *from, const char *s, size_t n)
{
	size_t cut = data_utf8_cut(s, n), hi = 0, ls = 0, word;
	long line = 1;

	if (memchr(s, '\0', n) || utf8_invalid_at(s, cut) >= 0)
		return 0;
	while (hi < cut && (unsigned char)s[hi] < 0x80)
		if (s[hi++] == '\n')
			line++, ls = hi;
	if (hi == cut)
		return 0;
	/* quote the word: its letters beyond ASCII and the ASCII ones after */
	for (word = hi; word < cut && word - hi < 40 && ((unsigned char)s[word] >= 0x80 ||
	     (s[word] >= 'a' && s[word] <= 'z') || (s[word] >= 'A' && s[word] <= 'Z')); word++)
		;
	file_error(c, line, (int)utf8_count(s + ls, hi - ls) + 1, "this is UTF-8 text (\"%.*s\"), "
		   "but encoding: is %s: leave encoding: out",
		   (int)data_utf8_cut(s + hi, word - hi), s + hi, from);
	return -1;
}

/* Decide how the text is read from its first bytes (after inflating): a
 * UTF-16 byte order mark makes a UTF-8 file UTF-16; a byte order mark
 * that contradicts encoding: is an error; so is gzip inside gzip.  Sets
 * up iconv when the text must be converted.  0, or -1 (c failed). */
static int choose_encoding(struct data_ctx *c, struct data_source *s, const char *encoding)
{
	char *p;
	ssize_t n = pre_text(c, s, 4, &p);
	const unsigned char *b = (const unsigned char *)p;
	const char *from = is_utf8_name(encoding) ? NULL : encoding;
	int bom16 = n >= 2 && ((b[0] == 0xff && b[1] == 0xfe) || (b[0] == 0xfe && b[1] == 0xff));

	if (n < 0)
		return -1;
	if (s->gzip && n >= 2 && b[0] == 0x1f && b[1] == 0x8b) {
		file_error(c, 1, 1, "gzip-compressed twice: gunzip it once");
		return -1;
	}
	if (from && n >= 3 && memcmp(b, "\xef\xbb\xbf", 3) == 0) {
		file_error(c, 1, 1, "the file starts with a UTF-8 byte order mark, but encoding: "
			   "is %s: leave encoding: out", from);
		return -1;
	}
	if (bom16 && from && strncasecmp(from, "utf-16", 6) != 0 &&
	    strncasecmp(from, "utf16", 5) != 0 && strncasecmp(from, "ucs-2", 5) != 0) {
		file_error(c, 1, 1, "the file starts with a UTF-16 byte order mark, but encoding: "
			   "is %s: leave encoding: out", from);
		return -1;
	}
	if (!from && bom16)
		from = b[0] == 0xff ? "UTF-16LE" : "UTF-16BE";
	else if (from && (n = pre_text(c, s, BUF_CAP, &p)) >= 0 && utf8_mistaken(c, from, p,
										  (size_t)n) < 0)
		return -1;
	if (n < 0)
		return -1;
	if (!from)
		return 0;
	snprintf(s->enc, sizeof s->enc, "%s", from);
	if ((s->cd = iconv_open("UTF-8", from)) == (iconv_t)-1) {
		if (errno == ENOMEM)
			data_oom(c);
		else
			file_error(c, 1, 1, "iconv cannot read encoding %s", from);
		return -1;
	}
	return 0;
}

/* The first bytes (up to HEAD) read: 0, or -1 (c failed). */
static int read_head(struct data_ctx *c, struct data_source *s)
{
	while (s->nhead < HEAD && !s->eof) {
		ssize_t r = read_some(c, s, s->head + s->nhead, HEAD - s->nhead);

		if (r < 0)
			return -1;
		s->nhead += (size_t)r;
	}
	return 0;
}

/* Set up decoding: the head goes into raw, zlib for gzip, then iconv. */
static int start_decoding(struct data_ctx *c, struct data_source *s, const char *encoding)
{
	if (!(s->raw = malloc(BUF_CAP)) || (s->gzip && !(s->mid = malloc(BUF_CAP)))) {
		data_oom(c);
		return -1;
	}
	memcpy(s->raw, s->head, s->nhead);
	s->raw_len = s->nhead;
	s->nhead = 0;
	if (s->gzip) {
		/* 16 + MAX_WBITS: a gzip header and trailer (CRC-32, size) */
		if (inflateInit2(&s->z, 16 + MAX_WBITS) != Z_OK) {
			data_oom(c);
			return -1;
		}
		s->z_live = 1;
	}
	return choose_encoding(c, s, encoding);
}

struct data_source *data_source_open(struct data_ctx *c, const char *path, const char *encoding,
				     const struct data_options *o)
{
	struct data_source *s = calloc(1, sizeof *s);
	struct stat st;
	const char *what;
	int plain_utf8 = is_utf8_name(encoding);

	if (!s) {
		data_oom(c);
		return NULL;
	}
	s->cd = (iconv_t)-1;
	sha256_init(&s->hash); /* on failure: no digest, "" */
	if ((s->fd = data_open(path, c->qs, c->nq, o, c->d)) < 0) {
		c->failed = 1;
		data_source_close(s);
		return NULL;
	}
	if (fstat(s->fd, &st) == 0)
		s->size = (long long)st.st_size;
	if (read_head(c, s) < 0)
		goto fail;
	if ((what = binary_format(s->head, s->nhead)) != NULL) {
		file_error(c, 1, 1, "%s", what);
		goto fail;
	}
	s->gzip = s->nhead >= 2 && s->head[0] == 0x1f && s->head[1] == 0x8b;
	/* a plain file in UTF-8 (or with a UTF-16 byte order mark) */
	if (!s->gzip && plain_utf8 &&
	    !(s->nhead >= 2 && ((s->head[0] == 0xff && s->head[1] == 0xfe) ||
				(s->head[0] == 0xfe && s->head[1] == 0xff)))) {
		s->direct = 1;
		return s;
	}
	if (start_decoding(c, s, encoding) == 0)
		return s;
fail:
	data_source_close(s);
	return NULL;
}

long long data_source_size(const struct data_source *s)
{
	return s->size;
}

int data_source_gzip(const struct data_source *s)
{
	return s->gzip;
}

ssize_t data_source_read(struct data_ctx *c, struct data_source *s, char *buf, size_t want)
{
	if (__builtin_expect(s->direct, 1)) {
		if (s->head_off < s->nhead) {
			size_t n = s->nhead - s->head_off < want ? s->nhead - s->head_off : want;

			memcpy(buf, s->head + s->head_off, n);
			s->head_off += n;
			return (ssize_t)n;
		}
		return s->eof ? 0 : read_some(c, s, buf, want);
	}
	if (s->cd != (iconv_t)-1 && s->pend_off == s->npend && want >= sizeof s->pend)
		return convert_some(c, s, buf, want);
	if (s->cd != (iconv_t)-1) {
		/* a character may need more room than a short read has: via pend */
		size_t n;

		if (s->pend_off == s->npend) {
			ssize_t r = convert_some(c, s, s->pend, sizeof s->pend);

			if (r <= 0)
				return r;
			s->npend = (size_t)r;
			s->pend_off = 0;
		}
		n = s->npend - s->pend_off < want ? s->npend - s->pend_off : want;
		memcpy(buf, s->pend + s->pend_off, n);
		s->pend_off += n;
		return (ssize_t)n;
	}
	if (s->mid_off < s->mid_len) { /* inflated while choosing the encoding */
		size_t n = s->mid_len - s->mid_off < want ? s->mid_len - s->mid_off : want;

		memcpy(buf, s->mid + s->mid_off, n);
		s->mid_off += n;
		return (ssize_t)n;
	}
	return inflate_some(c, s, buf, want);
}

/* Where the text fed so far ends: its line, and the column after its last
 * character (0 when the bytes were not kept: see data_loc.c). */
static void text_end_at(const struct data_ctx *c, long *line, int *col)
{
	const struct data_loc *l = &c->loc;
	const char *nl, *from;

	*line = l->line;
	if (l->at_line_start) {
		*col = 1;
		return;
	}
	if (l->rb_lost) {
		*col = 0;
		return;
	}
	nl = l->rb_len ? memrchr(l->rb, '\n', l->rb_len) : NULL;
	from = nl ? nl + 1 : l->rb;
	*col = (int)utf8_count(from, (size_t)(l->rb + l->rb_len - from)) + 1;
}

int data_source_end(struct data_ctx *c, struct data_source *s, char hex[65])
{
	unsigned char digest[32];
	long line;
	int col;

	hex[0] = '\0';
	if (c->failed)
		return -1;
	if (s->err[0]) {
		text_end_at(c, &line, &col);
		diag_error(c->d, EXIT_DATAERR, c->path, (int)line, col, "%s", s->err);
		c->failed = 1;
		s->reported = 1;
		return -1;
	}
	if (sha256_final(&s->hash, digest) == 0)
		sha256_to_hex(digest, hex);
	return 0;
}

/* The pass failed on an error in this file's text.  Damage inside a gzip
 * stream is found only at its end (the CRC-32 check) when it inflates to
 * text that zlib cannot tell from good: the damaged text then makes a CSV
 * error first.  So the rest is inflated (not parsed), and when the stream
 * is corrupt the error, at the same line and column, says so: that is
 * what to fix. */
void data_source_check(struct data_ctx *c, struct data_source *s)
{
	char scratch[4096];
	struct diag first;

	if (!s || !s->gzip || s->reported || c->d->code != EXIT_DATAERR ||
	    strcmp(c->d->file, c->path) != 0)
		return;
	first = *c->d;
	while (!s->text_end && inflate_some(c, s, scratch, sizeof scratch) > 0)
		;
	*c->d = first; /* not a read error met on the way */
	if (s->err[0])
		snprintf(c->d->msg, sizeof c->d->msg, "%s: the text is damaged at or before this "
			 "point", s->err);
}

long long data_source_stored(const struct data_source *s)
{
	return s->stored;
}

void data_source_close(struct data_source *s)
{
	if (!s)
		return;
	if (s->fd >= 0)
		close(s->fd);
	if (s->z_live)
		inflateEnd(&s->z);
	if (s->cd != (iconv_t)-1)
		iconv_close(s->cd);
	sha256_clear(&s->hash);
	free(s->raw);
	free(s->mid);
	free(s);
}
