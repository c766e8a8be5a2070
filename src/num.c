/* num — numbers read and written independently of the C locale (include/num.h).
 *
 * Parsing checks the grammar itself, answers the common short cases exactly
 * with integer arithmetic, and hands the rest to strtod_l() with a "C"
 * locale_t.  Formatting runs snprintf() under uselocale() of that same C
 * locale, then adds ',' thousands separators itself for the ' flag; a
 * format with a section per sign (positive;negative;zero) is split here
 * and each section printed the same way.
 */
#include "num.h"

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "utf8.h"

/* The one piece of lazily created state: a "C" locale object, made on first
 * use and kept for the life of the process (race-free: the loser of a
 * concurrent first use frees its copy). */
static locale_t num_c_locale_cache;

static locale_t num_c_locale(void)
{
	locale_t l = __atomic_load_n(&num_c_locale_cache, __ATOMIC_ACQUIRE);
	locale_t expected = (locale_t)0;

	if (l)
		return l;
	l = newlocale(LC_ALL_MASK, "C", (locale_t)0);
	if (!l)
		return (locale_t)0;
	if (!__atomic_compare_exchange_n(&num_c_locale_cache, &expected, l, 0,
					 __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
		freelocale(l);
		return expected;
	}
	return l;
}

/* Powers of ten that are exact doubles (10^0 .. 10^22). */
static const double num_pow10[23] = {
	1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
	1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22
};

static int num_is_space(char c)
{
	return c == ' ' || c == '\t';
}

static int num_is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* The shape of a number found by num_scan(). */
struct num_scan {
	size_t start, end;  /* the number without surrounding spaces */
	int neg;            /* leading '-' */
	uint64_t mant;      /* significant digits as an integer (if sig <= 19) */
	int sig;            /* significant digits (leading zeros not counted) */
	long exp10;         /* value = mant * 10^exp10 when sig <= 19 */
	int exp_big;        /* the written exponent was too long to hold */
};

/* Check s[0..len) against the grammar of num_parse() and collect what the
 * fast path needs.  Returns 0 when the text is a number, -1 otherwise. */
static int num_scan(const char *s, size_t len, struct num_scan *sc)
{
	size_t i = 0;
	int ndig = 0;
	long fracdig = 0;

	memset(sc, 0, sizeof *sc);
	while (i < len && num_is_space(s[i]))
		i++;
	sc->start = i;
	if (i < len && (s[i] == '+' || s[i] == '-'))
		sc->neg = s[i++] == '-';
	for (int frac = 0;; i++) {
		if (i < len && num_is_digit(s[i])) {
			ndig++;
			if (frac)
				fracdig++;
			if (sc->sig == 0 && s[i] == '0')
				continue;
			if (++sc->sig <= 19)
				sc->mant = sc->mant * 10 + (uint64_t)(s[i] - '0');
			else if (!frac)
				sc->exp10++; /* digit dropped: fast path will not be used */
		} else if (i < len && s[i] == '.' && !frac) {
			frac = 1;
		} else {
			break;
		}
	}
	if (ndig == 0)
		return -1;
	sc->exp10 -= fracdig;
	if (i < len && (s[i] == 'e' || s[i] == 'E')) {
		int eneg = 0, edig = 0;
		long e = 0;

		i++;
		if (i < len && (s[i] == '+' || s[i] == '-'))
			eneg = s[i++] == '-';
		for (; i < len && num_is_digit(s[i]); i++, edig++) {
			if (e < 100000)
				e = e * 10 + (s[i] - '0');
			else
				sc->exp_big = 1;
		}
		if (edig == 0)
			return -1;
		sc->exp10 += eneg ? -e : e;
	}
	sc->end = i;
	while (i < len && num_is_space(s[i]))
		i++;
	return i == len ? 0 : -1;
}

/* Exact conversion with strtod_l() in the C locale of a scanned number. */
static int num_parse_slow(const char *s, const struct num_scan *sc, double *out)
{
	char small[128], *buf = small, *end;
	size_t n = sc->end - sc->start;
	locale_t c = num_c_locale();
	double v;
	int rc = 0;

	if (!c)
		return -1;
	if (n >= sizeof small && !(buf = malloc(n + 1)))
		return -1;
	memcpy(buf, s + sc->start, n);
	buf[n] = '\0';
	errno = 0;
	v = strtod_l(buf, &end, c);
	if (end != buf + n || !isfinite(v) || (errno == ERANGE && fabs(v) > 1.0))
		rc = -1;
	if (buf != small)
		free(buf);
	if (rc == 0)
		*out = v;
	return rc;
}

/* The common shape, "[spaces][-+]digits[.digits][spaces]" with at most 15
 * digits, converted directly: the digits are an integer below 2^53 and
 * 10^frac an exact double, so one division is correctly rounded.  Returns 1
 * with *out and the decimal form (*mant / 10^*scale), or 0 when the text has
 * another shape (then num_scan() decides). */
static inline int num_parse_plain(const char *s, size_t len, double *out, int64_t *mant,
				  int *scale)
{
	const char *p = s, *end = s + len;
	uint64_t m = 0;
	int nd = 0, frac = 0, neg = 0;
	double v;

	while (p < end && num_is_space(*p))
		p++;
	if (p < end && (*p == '-' || *p == '+'))
		neg = *p++ == '-';
	for (; p < end && num_is_digit(*p); p++, nd++)
		m = m * 10 + (uint64_t)(*p - '0');
	if (p < end && *p == '.')
		for (p++; p < end && num_is_digit(*p); p++, nd++, frac++)
			m = m * 10 + (uint64_t)(*p - '0');
	while (p < end && num_is_space(*p))
		p++;
	if (p != end || nd == 0 || nd > 15)
		return 0;
	v = frac ? (double)m / num_pow10[frac] : (double)m;
	*out = neg ? -v : v;
	*mant = neg ? -(int64_t)m : (int64_t)m;
	*scale = frac;
	return 1;
}

/* Any other shape: up to 15 significant digits and a small decimal exponent give
 * an exactly representable mantissa and power of ten, so one multiplication
 * or division is correctly rounded (Clinger).  Everything else goes slow. */
static __attribute__((noinline)) int num_parse_general(const char *s, size_t len, double *out,
							int64_t *mant, int *scale)
{
	struct num_scan sc;
	double v;

	*scale = -1;
	if (num_scan(s, len, &sc) < 0)
		return -1;
	if (sc.sig == 0) {
		*out = sc.neg ? -0.0 : 0.0;
		*mant = 0;
		*scale = 0;
		return 0;
	}
	if (sc.sig > 15 || sc.exp_big || sc.exp10 < -22 || sc.exp10 > 22)
		return num_parse_slow(s, &sc, out);
	v = (double)sc.mant;
	v = sc.exp10 < 0 ? v / num_pow10[-sc.exp10] : v * num_pow10[sc.exp10];
	*out = sc.neg ? -v : v;
	if (sc.exp10 >= -18 && sc.exp10 <= 3) {
		/* mant < 10^15, so mant * 10^3 < 10^18 */
		int64_t m = (int64_t)sc.mant;

		for (long e = sc.exp10; e > 0; e--)
			m *= 10;
		*mant = sc.neg ? -m : m;
		*scale = sc.exp10 < 0 ? (int)-sc.exp10 : 0;
	}
	return 0;
}

/* Plain decimals (nearly every CSV cell) take the short path. */
int num_parse(const char *s, size_t len, double *out)
{
	int64_t m;
	int k;

	if (!s)
		return -1;
	if (num_parse_plain(s, len, out, &m, &k))
		return 0;
	return num_parse_general(s, len, out, &m, &k);
}

int num_parse_dec(const char *s, size_t len, double *out, int64_t *mant, int *scale)
{
	*scale = -1;
	if (!s)
		return -1;
	if (num_parse_plain(s, len, out, mant, scale))
		return 0;
	return num_parse_general(s, len, out, mant, scale);
}

#if defined(__SSE2__) && defined(__SIZEOF_INT128__) && \
	__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#include <emmintrin.h>

/* The value of n ASCII digits (1 <= n <= 8) in the low n bytes of x, the
 * first digit lowest, with no branch per digit: pairs, then quads, then
 * the eight combined by multiplication (bytes past n are shifted out). */
static inline uint64_t num_swar8(uint64_t x, unsigned n)
{
	x <<= 8 * (8 - n); /* n digits right-aligned: zero bytes lead, worth 0 */
	x &= 0x0F0F0F0F0F0F0F0FULL;
	x = (x * 2561) >> 8;
	x = ((x & 0x00FF00FF00FF00FFULL) * 6553601) >> 16;
	return ((x & 0x0000FFFF0000FFFFULL) * 42949672960001ULL) >> 32;
}

/* num_parse_dec() where 16 bytes can be read at s whatever len (the data
 * layer's cells): the common shape, 1 to 15 digits with at most one '.'
 * and nothing else, is classified sixteen bytes at a time (SSE2) and its
 * digits combined without a branch per character, into the same *out,
 * *mant and *scale as num_parse_plain(); any other text goes to
 * num_parse_dec(). */
int num_parse_dec16(const char *s, size_t len, double *out, int64_t *mant, int *scale)
{
	__m128i v, d;
	unsigned dm, pm, lm, n, p, frac;
	unsigned __int128 x;
	uint64_t lo, m;

	if (len - 1 >= 16)
		return num_parse_dec(s, len, out, mant, scale);
	v = _mm_loadu_si128((const __m128i *)(const void *)s);
	d = _mm_sub_epi8(v, _mm_set1_epi8('0'));
	lm = (1u << len) - 1;
	dm = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_min_epu8(d, _mm_set1_epi8(9)), d)) & lm;
	pm = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8('.'))) & lm;
	if ((dm | pm) != lm || (pm & (pm - 1)) != 0 || dm == 0 || (n = (unsigned)len - (pm != 0)) > 15)
		return num_parse_dec(s, len, out, mant, scale);
	memcpy(&x, s, 16);
	frac = 0;
	if (pm) { /* take the '.' out: the bytes above it move down one */
		unsigned __int128 below;

		p = (unsigned)__builtin_ctz(pm);
		below = ((unsigned __int128)1 << (8 * p)) - 1;
		x = (x & below) | ((x >> 8) & ~below);
		frac = n - p;
	}
	lo = (uint64_t)x;
	if (n <= 8)
		m = num_swar8(lo, n);
	else
		m = num_swar8(lo, n - 8) * 100000000ULL + num_swar8((uint64_t)(x >> (8 * (n - 8))), 8);
	*out = frac ? (double)m / num_pow10[frac] : (double)m;
	*mant = (int64_t)m;
	*scale = (int)frac;
	return 0;
}

#else

int num_parse_dec16(const char *s, size_t len, double *out, int64_t *mant, int *scale)
{
	return num_parse_dec(s, len, out, mant, scale);
}

#endif


/* snprintf() with '.' as decimal point whatever the process locale. */
static int num_snprintf_c(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int num_snprintf_c(char *buf, size_t size, const char *fmt, ...)
{
	locale_t c = num_c_locale(), old = (locale_t)0;
	va_list ap;
	int n;

	if (c)
		old = uselocale(c);
	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	if (c)
		uselocale(old);
	return n;
}

/* One parsed conversion of a num_format() format. */
struct num_conv {
	size_t at, end;     /* fmt[at..end) is the conversion, '%' to letter */
	int minus, plus, space, alt, zero, group; /* flags - + space # 0 ' */
	int width;          /* minimum width, 0 = none */
	int prec;           /* precision, -1 = none */
	char letter;        /* f F e E g G */
};

#define NUM_MAX_WIDTH 200

/* Read a decimal field of at most 3 digits at fmt[*i]; -1 if too long. */
static int num_read_field(const char *fmt, size_t *i)
{
	int v = 0, n = 0;

	while (num_is_digit(fmt[*i])) {
		if (++n > 3)
			return -1;
		v = v * 10 + (fmt[(*i)++] - '0');
	}
	return v;
}

/* Parse the conversion starting at fmt[i] == '%' (not "%%") into cv. */
static int num_parse_conv(const char *fmt, size_t i, struct num_conv *cv)
{
	memset(cv, 0, sizeof *cv);
	cv->at = i++;
	cv->prec = -1;
	for (;; i++) {
		switch (fmt[i]) {
		case '-': cv->minus = 1; continue;
		case '+': cv->plus = 1; continue;
		case ' ': cv->space = 1; continue;
		case '#': cv->alt = 1; continue;
		case '0': cv->zero = 1; continue;
		case '\'': cv->group = 1; continue;
		default: break;
		}
		break;
	}
	cv->width = num_read_field(fmt, &i);
	if (cv->width < 0 || cv->width > NUM_MAX_WIDTH)
		return -1;
	if (fmt[i] == '.') {
		i++;
		cv->prec = num_read_field(fmt, &i);
		if (cv->prec < 0 || cv->prec > NUM_MAX_WIDTH)
			return -1;
	}
	if (!fmt[i] || !strchr("fFeEgG", fmt[i]))
		return -1;
	cv->letter = fmt[i];
	cv->end = i + 1;
	return 0;
}

/* A backslash escape of a format: "\;" (a literal ';') or "\\" (a '\'). */
static int num_is_escape(const char *s)
{
	return s[0] == '\\' && (s[1] == ';' || s[1] == '\\');
}

/* The conversions of s[a..b): 1 with the one in *cv, 0 when there is none
 * (only text and "%%"), -1 when a '%' starts no valid conversion, -2 at a
 * second conversion; *fault (when not NULL) gets the offending '%'.  Escapes
 * are skipped, so this reads a format as written or its sections as split. */
static int num_find_conv(const char *s, size_t a, size_t b, struct num_conv *cv,
			 size_t *fault)
{
	struct num_conv c;
	int found = 0;

	for (size_t i = a; i < b; i++) {
		if (num_is_escape(s + i)) {
			i++;
			continue;
		}
		if (s[i] != '%')
			continue;
		if (s[i + 1] == '%') {
			i++;
			continue;
		}
		if (fault)
			*fault = i;
		if (num_parse_conv(s, i, &c) < 0 || c.end > b)
			return -1;
		if (found)
			return -2;
		*cv = c;
		found = 1;
		i = c.end - 1;
	}
	return found;
}

/* Insert ',' between groups of three in the integer digits of a formatted
 * number (the first run of digits), in place; buf has room for size bytes. */
static void num_group_digits(char *buf, size_t size)
{
	size_t len = strlen(buf), a = 0, b, ncomma, newlen;

	while (buf[a] && !num_is_digit(buf[a]))
		a++;
	if (!buf[a])
		return;
	for (b = a; num_is_digit(buf[b]); b++)
		;
	ncomma = (b - a - 1) / 3;
	newlen = len + ncomma;
	if (ncomma == 0 || newlen + 1 > size)
		return;
	memmove(buf + b + ncomma, buf + b, len - b + 1);
	/* copy integer digits from the right, a comma after every third */
	for (size_t src = b, dst = b + ncomma, k = 0; src > a; k++) {
		if (k > 0 && k % 3 == 0)
			buf[--dst] = ',';
		buf[--dst] = buf[--src];
	}
}

/* Characters (not bytes) in UTF-8 text: a group separator may be U+00A0. */
static size_t num_chars(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

/* Pad a grouped number to the conversion's width as printf would: spaces on
 * the left, on the right with '-', or zeros after the sign with '0' (finite
 * numbers only, as printf pads inf and nan with spaces). */
static void num_pad(char *buf, size_t size, const struct num_conv *cv, int finite)
{
	size_t len = strlen(buf), chars = num_chars(buf), w = (size_t)cv->width, pad, at = 0;
	int zero = cv->zero && finite;

	if (w <= chars || len + (w - chars) + 1 > size)
		return;
	pad = w - chars;
	if (cv->minus) {
		memset(buf + len, ' ', pad);
		buf[len + pad] = '\0';
		return;
	}
	if (zero)
		while (buf[at] == '-' || buf[at] == '+' || buf[at] == ' ')
			at++;
	memmove(buf + at + pad, buf + at, len - at + 1);
	memset(buf + at, zero ? '0' : ' ', pad);
}

/* Is st English ('.' and ',', what snprintf and num_group_digits make)? */
static int num_style_is_c(const struct num_style *st)
{
	return !st || (!strcmp(st->decimal, ".") && !strcmp(st->group, ","));
}

/* Turn the '.' and ',' of a number formatted in the C locale (and grouped
 * with ',') into st's decimal point and group separator, in place.  Left
 * as it is when the result would not fit. */
static void num_apply_style(char *num, size_t size, const struct num_style *st)
{
	char out[512];
	size_t o = 0, dl, gl;

	if (num_style_is_c(st))
		return;
	dl = strlen(st->decimal);
	gl = strlen(st->group);
	for (const char *p = num; *p; p++) {
		const char *put = *p == '.' ? st->decimal : *p == ',' ? st->group : p;
		size_t n = *p == '.' ? dl : *p == ',' ? gl : 1;

		if (o + n + 1 > sizeof out)
			return;
		memcpy(out + o, put, n);
		o += n;
	}
	if (o + 1 > size)
		return;
	memcpy(num, out, o + 1);
	num[o] = '\0';
}

/* Format v by conversion cv into num (C locale, grouping, style, width). */
static void num_format_one(char *num, size_t size, const struct num_conv *cv, double v,
			   const struct num_style *st)
{
	char f[32];
	int n = 0;

	f[n++] = '%';
	if (cv->minus && !cv->group) f[n++] = '-';
	if (cv->plus) f[n++] = '+';
	if (cv->space) f[n++] = ' ';
	if (cv->alt) f[n++] = '#';
	if (cv->zero && !cv->group) f[n++] = '0';
	if (cv->width && !cv->group)
		n += snprintf(f + n, sizeof f - (size_t)n, "%d", cv->width);
	if (cv->prec >= 0)
		n += snprintf(f + n, sizeof f - (size_t)n, ".%d", cv->prec);
	f[n++] = cv->letter;
	f[n] = '\0';
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	num_snprintf_c(num, size, f, v);
#pragma GCC diagnostic pop
	if (cv->group)
		num_group_digits(num, size);
	num_apply_style(num, size, st);
	if (cv->group)
		num_pad(num, size, cv, isfinite(v));
}

/* Copy literal text fmt[a..b) to the output, turning "%%" into '%'. */
static void num_put_literal(char *buf, size_t size, size_t *o, const char *fmt,
			    size_t a, size_t b)
{
	for (size_t i = a; i < b; i++) {
		if (fmt[i] == '%' && fmt[i + 1] == '%')
			i++;
		if (*o + 1 < size)
			buf[(*o)++] = fmt[i];
	}
}

/* ---- sign-dependent formats: positive;negative;zero ----------------------- */

#define NUM_SECTIONS_MAX 3

static const char *const num_section_names[NUM_SECTIONS_MAX] = { "positive", "negative",
								  "zero" };

/* One section s (split, unescaped) of v into buf: its number with the text
 * around it, or its text alone when it has no conversion.  0, or -1 when
 * s is not a valid section. */
static int num_put_section(char *buf, size_t size, const struct num_style *st, const char *s,
			   double v)
{
	struct num_conv cv;
	char num[512];
	size_t o = 0, len = strlen(s);
	int n = num_find_conv(s, 0, len, &cv, NULL);

	if (n < 0)
		return -1;
	if (n == 0) {
		num_put_literal(buf, size, &o, s, 0, len);
	} else {
		num_format_one(num, sizeof num, &cv, v, st);
		num_put_literal(buf, size, &o, s, 0, cv.at);
		for (size_t i = 0; num[i] && o + 1 < size; i++)
			buf[o++] = num[i];
		num_put_literal(buf, size, &o, s, cv.end, len);
	}
	buf[o] = '\0';
	return 0;
}

/* Does v print as zero in section s?  Its conversion alone, of |v|: zero
 * when no digit 1-9 shows before an exponent.  Without a conversion, only
 * an exact 0 is zero. */
static int num_prints_zero(const char *s, double v)
{
	struct num_conv cv;
	char num[512];

	if (!isfinite(v))
		return 0;
	if (v == 0)
		return 1;
	if (num_find_conv(s, 0, strlen(s), &cv, NULL) != 1)
		return 0;
	num_format_one(num, sizeof num, &cv, fabs(v), NULL);
	for (const char *p = num; *p && *p != 'e' && *p != 'E'; p++)
		if (*p >= '1' && *p <= '9')
			return 0;
	return 1;
}

/* The sections of a format, unescaped and trimmed, in one buffer. */
struct num_split {
	char *text;                          /* the sections, each NUL-terminated */
	const char *sec[NUM_SECTIONS_MAX];   /* into text */
	size_t n;                            /* how many */
};

/* Split fmt at its unescaped ';' into sp; -1 when out of memory or when
 * there are more than three sections. */
static int num_split(const char *fmt, struct num_split *sp)
{
	size_t len = strlen(fmt), o = 0, start = 0;

	memset(sp, 0, sizeof *sp);
	if (!(sp->text = malloc(len + 1)))
		return -1;
	for (size_t i = 0;; i++) {
		if (num_is_escape(fmt + i)) {
			sp->text[o++] = fmt[++i];
			continue;
		}
		if (fmt[i] && fmt[i] != ';') {
			sp->text[o++] = fmt[i];
			continue;
		}
		if (sp->n == NUM_SECTIONS_MAX) {
			free(sp->text);
			sp->text = NULL;
			return -1;
		}
		while (o > start && num_is_space(sp->text[o - 1]))
			o--;
		while (start < o && num_is_space(sp->text[start]))
			start++;
		sp->text[o] = '\0';
		sp->sec[sp->n++] = sp->text + start;
		if (!fmt[i])
			return 0;
		start = ++o;
	}
}

size_t num_format_sections(const char *fmt)
{
	size_t n = 1;

	for (size_t i = 0; fmt && fmt[i]; i++) {
		if (num_is_escape(fmt + i))
			i++;
		else if (fmt[i] == ';')
			n++;
	}
	return n;
}

/* Where a format being checked was written, for messages. */
struct num_at {
	const char *fmt;
	const char *file;
	int line, col0;
	struct diag *d;         /* NULL: check only */
};

/* An error at byte offset off of the format; always -1. */
static int num_fail(const struct num_at *at, size_t off, const char *msg, ...)
	__attribute__((format(printf, 3, 4)));

static int num_fail(const struct num_at *at, size_t off, const char *msg, ...)
{
	char text[sizeof at->d->msg];
	va_list ap;

	if (!at->d)
		return -1;
	va_start(ap, msg);
	vsnprintf(text, sizeof text, msg, ap);
	va_end(ap);
	diag_error(at->d, EXIT_DATAERR, at->file, at->line,
		   at->col0 + (int)utf8_count(at->fmt, off), "%s", text);
	return -1;
}

/* How much of a bad conversion at s[i] == '%' to quote: its flags, width,
 * precision and one character, whatever that is (never past the end). */
static size_t num_conv_extent(const char *s, size_t i)
{
	uint32_t cp;

	for (i++; s[i] && strchr("-+ #0'", s[i]); i++)
		;
	while (num_is_digit(s[i]))
		i++;
	if (s[i] == '.')
		for (i++; num_is_digit(s[i]); i++)
			;
	if (s[i])
		i += (size_t)utf8_decode(s + i, strlen(s + i), &cp);
	return i;
}

/* Section k, fmt[a..b) as written (escapes and spaces included): not
 * empty, each conversion valid, at most one. */
static int num_check_section(const struct num_at *at, size_t a, size_t b, size_t k)
{
	const char *fmt = at->fmt;
	struct num_conv cv;
	size_t p, fault = a, end;
	int n;

	for (p = a; p < b && num_is_space(fmt[p]); p++)
		;
	if (p == b)
		return num_fail(at, k ? a - 1 : b, "empty %s section in format "
				"(positive;negative;zero)", num_section_names[k]);
	n = num_find_conv(fmt, a, b, &cv, &fault);
	if (n == -2)
		return num_fail(at, fault, "two numbers in the %s section of format: one "
				"conversion per section", num_section_names[k]);
	if (n == -1) {
		end = num_conv_extent(fmt, fault);
		if (end > b)
			end = b;
		return num_fail(at, fault, "bad number conversion \"%.*s\" in the %s section of "
				"format: expected one such as %%.1f",
				(int)(end - fault > 40 ? 40 : end - fault), fmt + fault,
				num_section_names[k]);
	}
	return 0;
}

int num_format_check_at(const char *fmt, const char *file, int line, int col0,
			struct diag *d)
{
	struct num_at at = { fmt, file, line, col0 < 1 ? 1 : col0, d };
	struct num_conv cv;
	size_t a = 0, k = 0;

	if (!fmt)
		return -1;
	if (num_format_sections(fmt) == 1) {
		/* one section needs its number: a format without one is a mistake */
		if (num_find_conv(fmt, 0, strlen(fmt), &cv, NULL) == 1)
			return 0;
		if (d)
			diag_error(d, EXIT_DATAERR, file, line, at.col0, "bad format \"%s\": "
				   "expected one number conversion such as %%.1f", fmt);
		return -1;
	}
	for (size_t i = 0;; i++) {
		if (num_is_escape(fmt + i)) {
			i++;
			continue;
		}
		if (fmt[i] && fmt[i] != ';')
			continue;
		if (k == NUM_SECTIONS_MAX)
			return num_fail(&at, a - 1, "more than three sections in format "
					"(positive;negative;zero)");
		if (num_check_section(&at, a, i, k) < 0)
			return -1;
		k++;
		if (!fmt[i])
			return 0;
		a = i + 1;
	}
}

int num_format_has_number(const char *fmt)
{
	struct num_conv cv;

	for (size_t i = 0; fmt && fmt[i]; i++) {
		if (num_is_escape(fmt + i) || (fmt[i] == '%' && fmt[i + 1] == '%')) {
			i++;
			continue;
		}
		if (fmt[i] == '%' && num_parse_conv(fmt, i, &cv) == 0)
			return 1;
	}
	return 0;
}

int num_format_check(const char *fmt)
{
	return num_format_check_at(fmt, NULL, 0, 1, NULL);
}

int num_format(char *buf, size_t size, const char *fmt, double v)
{
	return num_format_style(buf, size, NULL, fmt, v);
}

/* The section v takes, by its sign, and the value it prints (see num.h). */
int num_format_style(char *buf, size_t size, const struct num_style *st, const char *fmt,
		     double v)
{
	struct num_split sp;
	size_t k;
	int rc;

	if (!buf || size == 0)
		return -1;
	buf[0] = '\0';
	if (num_format_check(fmt) < 0 || num_split(fmt, &sp) < 0)
		return -1;
	if (sp.n == 1) {
		rc = num_put_section(buf, size, st, sp.sec[0],
				     num_prints_zero(sp.sec[0], v) ? 0.0 : v);
	} else if (!isfinite(v)) {
		rc = num_put_section(buf, size, st, sp.sec[0], v);
	} else {
		k = v < 0;
		if (num_prints_zero(sp.sec[k], v))
			rc = num_put_section(buf, size, st, sp.sec[sp.n == 3 ? 2 : 0], 0.0);
		else
			rc = num_put_section(buf, size, st, sp.sec[k], fabs(v));
	}
	free(sp.text);
	if (rc < 0)
		buf[0] = '\0';
	return rc;
}

/* v (finite) in scientific notation, C locale: a mantissa of up to 3
 * significant digits, trailing zeros trimmed, then the exponent: "1e+308",
 * "-2.5e+15". */
static void num_format_sci(char *buf, size_t size, double v)
{
	char m[64], *e, *end;

	num_snprintf_c(m, sizeof m, "%.2e", v);
	e = strchr(m, 'e');
	if (!e) {
		snprintf(buf, size, "%s", m);
		return;
	}
	end = e;
	while (end > m && end[-1] == '0')
		end--;
	if (end > m && end[-1] == '.')
		end--;
	snprintf(buf, size, "%.*s%s", (int)(end - m), m, e);
}

/* Fixed notation with at most maxdec decimals (and at most 15 significant
 * digits), trailing zeros and a bare '.' trimmed, "-0" shown as "0", then
 * grouped if asked. */
void num_format_auto(char *buf, size_t size, double v, int maxdec, int group)
{
	num_format_auto_style(buf, size, NULL, v, maxdec, group);
}

void num_format_auto_style(char *buf, size_t size, const struct num_style *st, double v,
			   int maxdec, int group)
{
	char num[512];
	char *dot;
	size_t len;

	if (!buf || size == 0)
		return;
	if (!isfinite(v)) {
		snprintf(buf, size, "%s", isnan(v) ? "nan" : v < 0 ? "-inf" : "inf");
		return;
	}
	if (fabs(v) >= NUM_SCI_FROM) {
		num_format_sci(num, sizeof num, v);
		num_apply_style(num, sizeof num, st);
		snprintf(buf, size, "%s", num);
		return;
	}
	/* no more than 15 significant digits: beyond, binary noise shows */
	if (v != 0) {
		int intdig = (int)floor(log10(fabs(v))) + 1;

		if (maxdec > 15 - intdig)
			maxdec = 15 - intdig;
	}
	if (maxdec > 15)
		maxdec = 15;
	if (maxdec < 0)
		maxdec = 0;
	num_snprintf_c(num, sizeof num, "%.*f", maxdec, v);
	dot = strchr(num, '.');
	if (dot) {
		len = strlen(num);
		while (len > 0 && num[len - 1] == '0')
			num[--len] = '\0';
		if (num[len - 1] == '.')
			num[--len] = '\0';
	}
	if (strcmp(num, "-0") == 0)
		strcpy(num, "0");
	if (group)
		num_group_digits(num, sizeof num);
	num_apply_style(num, sizeof num, st);
	snprintf(buf, size, "%s", num);
}

int num_percent_decimals(double share)
{
	double p = share * 100;

	return p > 0 && p < 9.95 ? 1 : 0;
}

void num_format_percent(char *buf, size_t size, const struct num_style *st, double share,
			int decimals)
{
	double p = share * 100;
	char num[64];

	if (p > 0 && p < 0.05) {
		snprintf(buf, size, "<0%s1 %%", st ? st->decimal : ".");
		return;
	}
	if (decimals < 0)
		decimals = num_percent_decimals(share);
	/* fixed decimals (58.0 beside 9.7): p is at most 100, never scientific */
	num_snprintf_c(num, sizeof num, "%.*f", decimals > 0 ? 1 : 0, p);
	if (strcmp(num, "-0") == 0)
		strcpy(num, "0");
	num_apply_style(num, sizeof num, st);
	snprintf(buf, size, "%s %%", num);
}

const char *num_restyle(char *buf, size_t size, const struct num_style *st, const char *s)
{
	size_t o = 0, dl;

	if (!s || !buf || size == 0 || num_style_is_c(st))
		return s;
	dl = strlen(st->decimal);
	for (const char *p = s; *p; p++) {
		size_t n = *p == '.' ? dl : 1;

		if (o + n + 1 > size)
			return s;
		memcpy(buf + o, *p == '.' ? st->decimal : p, n);
		o += n;
	}
	buf[o] = '\0';
	return buf;
}
