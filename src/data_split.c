/* data_split — the field splitter for plain blocks, in place of libcsv:
 * complete lines, every row one line (no '\n' inside quotes, every '\r'
 * just before a '\n'), valid UTF-8 without NULs, which it checks as it
 * goes, stopping at the first line that fails (data_feed.c takes it from
 * there).  Sixty-four bytes at a time it finds the delimiters, quotes,
 * line ends, NULs and high bytes (SSE2, else one byte at a time), follows
 * the quotes by the parity of their count, and slices each field in place:
 * no copy, the row's cells point into the block.
 *
 * A line it cannot prove it splits as libcsv would goes to libcsv, which
 * stays the reference: a doubled quote ("") or a quote anywhere but around
 * a whole field, a blank line (libcsv makes no row of it), a row whose
 * width is not the header's (ragged: pad, or the error).  What it does
 * split, it splits as libcsv 3.0 does with CSV_STRICT: blanks (a space,
 * and a tab unless tab is the delimiter) around an unquoted field and
 * around the quotes of a quoted one are dropped; tests/unit/test_data_split.c
 * and tests/fuzz/fuzz_split.c feed the same bytes to both paths and require
 * the same rows, cells, errors and locations. */
#include "data_int.h"

#include <string.h>

#include "utf8.h"

/* The bytes of interest in 64 bytes at s: bit i set when s[i] is one;
 * high: a byte of 0x80 or more (UTF-8 to check), nul: a NUL byte. */
struct split_masks {
	uint64_t delim, quote, lf, cr, high, nul;
};

#if defined(__SSE2__)
#include <emmintrin.h>

static inline void masks64(const char *s, char delim, struct split_masks *m)
{
	__m128i d = _mm_set1_epi8(delim), q = _mm_set1_epi8('"'), l = _mm_set1_epi8('\n'),
		r = _mm_set1_epi8('\r'), z = _mm_setzero_si128();
	uint64_t md = 0, mq = 0, ml = 0, mr = 0, mh = 0, mz = 0;

	for (int i = 0; i < 4; i++) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + 16 * i));

		md |= (uint64_t)(unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, d)) << (16 * i);
		mq |= (uint64_t)(unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, q)) << (16 * i);
		ml |= (uint64_t)(unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, l)) << (16 * i);
		mr |= (uint64_t)(unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, r)) << (16 * i);
		mh |= (uint64_t)(unsigned)_mm_movemask_epi8(v) << (16 * i);
		mz |= (uint64_t)(unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, z)) << (16 * i);
	}
	m->delim = md;
	m->quote = mq;
	m->lf = ml;
	m->cr = mr;
	m->high = mh;
	m->nul = mz;
}

#else

static inline void masks64(const char *s, char delim, struct split_masks *m)
{
	memset(m, 0, sizeof *m);
	for (int i = 0; i < 64; i++) {
		m->delim |= (uint64_t)(s[i] == delim) << i;
		m->quote |= (uint64_t)(s[i] == '"') << i;
		m->lf |= (uint64_t)(s[i] == '\n') << i;
		m->cr |= (uint64_t)(s[i] == '\r') << i;
		m->high |= (uint64_t)((unsigned char)s[i] >= 0x80) << i;
		m->nul |= (uint64_t)(s[i] == '\0') << i;
	}
}

#endif

/* Bit i of the result: an odd number of bits of x at or below i. */
static inline uint64_t prefix_xor(uint64_t x)
{
	x ^= x << 1;
	x ^= x << 2;
	x ^= x << 4;
	x ^= x << 8;
	x ^= x << 16;
	x ^= x << 32;
	return x;
}

/* The bits set in x, few as a rule (quotes): without a POPCNT
 * instruction in the baseline x86-64, a loop beats libgcc's call. */
static inline size_t sparse_count(uint64_t x)
{
	size_t n = 0;

	for (; x; x &= x - 1)
		n++;
	return n;
}

/* Whether the delimiter can be split on here: a single byte that is not a
 * quote, a line end or a blank (libcsv's rules for those differ). */
int data_split_usable(const struct data_ctx *c)
{
	char d = c->text.delim ? c->text.delim : ',';

	return !c->text.libcsv_only && c->hdr.done && d != '"' && d != '\n' && d != '\r' &&
	       d != ' ' && d != '\0' && (unsigned char)d < 0x80;
}

/* The state of the line being split. */
struct split_line {
	size_t start;   /* offset of the line in the block */
	size_t field;   /* offset of the field being read */
	size_t nf;      /* fields ended so far */
	size_t qfield;  /* quotes before the field's start */
	int libcsv;     /* the line goes to libcsv */
	int blank;      /* its first field is empty and unquoted */
	int high;       /* it has bytes of 0x80 or more before the window */
	size_t lines;   /* lines ended */
};

/* Bits lo..hi of a word (lo <= hi <= 63). */
static inline uint64_t bit_range(unsigned lo, unsigned hi)
{
	return (~(uint64_t)0 >> (63 - hi)) & (~(uint64_t)0 << lo);
}

/* Field nf of the line is s[a..e) (quotes and blanks included) holding nq
 * quotes: record it in the row's cells when a query needs it, or mark the
 * line for libcsv when it is not one of the two simple shapes. */
static inline void split_field(struct data_ctx *c, const char *s, size_t a, size_t e,
			       size_t nq, struct split_line *ln, char delim)
{
	size_t k = ln->nf++;
	struct data_cell *cl;

	if (__builtin_expect(a < e && data_is_blank(s[a], delim), 0))
		while (a < e && data_is_blank(s[a], delim))
			a++;
	if (__builtin_expect(e > a && data_is_blank(s[e - 1], delim), 0))
		while (e > a && data_is_blank(s[e - 1], delim))
			e--;
	if (nq) {
		if (nq != 2 || e - a < 2 || s[a] != '"' || s[e - 1] != '"') {
			ln->libcsv = 1;
			return;
		}
		a++;
		e--;
	} else if (k == 0 && a == e)
		ln->blank = 1;
	if (k < c->hdr.ncols && c->hdr.needed[k]) {
		cl = &c->row.cells[k];
		cl->off = cl->ta = a;
		cl->len = e - a;
		cl->tb = e;
		if (cl->len && (data_is_space(s[a]) || data_is_space(s[e - 1])))
			data_trim(s, &cl->ta, &cl->tb);
		cl->num = 0;
		cl->id = -1;
	}
}

/* The line s[ln->start..e] (e at its '\n') is split: hand the row on, or
 * give the line to libcsv.  0, or -1 when the pass failed. */
static int split_row(struct data_ctx *c, const char *s, size_t n, size_t e,
		     struct split_line *ln)
{
	if (ln->libcsv || (ln->nf == 1 && ln->blank) || ln->nf != c->hdr.ncols) {
		size_t len = e + 1 - ln->start,
		       done = csv_parse(&c->p, s + ln->start, len, data_on_field, data_on_row, c);

		if (!c->failed && done < len)
			data_byte_error(c, ln->start + done, "malformed CSV (libcsv: %s)",
					csv_strerror(csv_error(&c->p)));
	} else {
		c->row.nfields = ln->nf;
		c->row.base = s;
		c->row.base_end = s + n;
		c->fast.split_rows++;
		data_on_row('\n', c);
	}
	ln->start = ln->field = e + 1;
	ln->nf = 0;
	ln->libcsv = ln->blank = 0;
	return c->failed ? -1 : 0;
}

/* Split s[0..n), complete lines, no row open (data_split_usable(c)), and
 * hand the rows to data_on_row() as csv_parse() would.  The checks of
 * data_feed.c's scan are made on the way, line by line: the splitter stops
 * at the start of the first line where a '\n' is inside quotes, a '\r' is
 * not before a '\n', a NUL is, or a byte of 0x80 or more is not valid
 * UTF-8, so that the lines from there go the checked way.  Returns the
 * bytes taken (n, or that line's start; the pass may have failed) and the
 * lines in them in *lines. */
size_t data_split_block(struct data_ctx *c, const char *s, size_t n, size_t *lines)
{
	char delim = c->text.delim ? c->text.delim : ',';
	struct split_line ln = { 0 };
	uint64_t inq = 0;  /* all ones when the window starts inside quotes */
	size_t qbase = 0;  /* quotes before the window */
	size_t bad = n;    /* offset of the first byte that fails the checks */

	for (size_t w = 0; w < n; w += 64) {
		struct split_masks m;
		uint64_t ends, in = inq, fail;

		if (n - w >= 64)
			masks64(s + w, delim, &m);
		else {
			char tail[64] = { 0 };

			memcpy(tail, s + w, n - w);
			masks64(tail, delim, &m);
			m.nul &= bit_range(0, (unsigned)(n - w - 1)); /* the padding */
		}
		if (m.quote)
			in = prefix_xor(m.quote) ^ inq;
		ends = (m.delim | m.lf) & ~in;
		inq = (uint64_t)0 - (in >> 63);
		fail = (m.lf & in) | m.nul | (m.cr & ~(m.lf >> 1) & ~((uint64_t)1 << 63));
		if ((m.cr >> 63) && (w + 64 >= n || s[w + 64] != '\n'))
			fail |= (uint64_t)1 << 63;
		if (__builtin_expect(fail != 0, 0) && bad == n)
			bad = w + (size_t)__builtin_ctzll(fail);
		while (ends) {
			int b = __builtin_ctzll(ends);
			size_t e = w + (size_t)b,
			       q = qbase + sparse_count(m.quote & (((uint64_t)1 << b) - 1));
			size_t fe = e;

			ends &= ends - 1;
			if (__builtin_expect(bad <= e, 0))
				goto stop;
			if (s[e] == '\n' && fe > ln.field && s[fe - 1] == '\r')
				fe--;
			split_field(c, s, ln.field, fe, q - ln.qfield, &ln, delim);
			ln.field = e + 1;
			ln.qfield = q;
			if (s[e] != '\n')
				continue;
			if (__builtin_expect(ln.high || (m.high & bit_range(ln.start > w ?
						(unsigned)(ln.start - w) : 0, (unsigned)b)), 0) &&
			    utf8_invalid_at(s + ln.start, e - ln.start) >= 0)
				goto stop;
			ln.lines++;
			if (split_row(c, s, n, e, &ln) < 0)
				break;
			ln.high = 0;
		}
		/* the line still open has high bytes in this window */
		if (ln.start < w + 64 && (m.high & bit_range(ln.start > w ? (unsigned)(ln.start - w)
							      : 0, 63)))
			ln.high = 1;
		if (c->failed)
			break;
		qbase += sparse_count(m.quote);
	}
	*lines = ln.lines;
	return c->failed ? n : ln.start;
stop:
	*lines = ln.lines;
	return ln.start;
}
