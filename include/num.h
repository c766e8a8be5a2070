/* num — numbers read and written independently of the C locale. */
#ifndef BRIEFING_NUM_H
#define BRIEFING_NUM_H

#include <stddef.h>
#include <stdint.h>

/* How printed numbers look: the decimal point and the thousands separator,
 * each a UTF-8 string ("," and "\xc2\xa0" for Russian).  A NULL style means
 * English: "." and ",". */
struct num_style {
	const char *decimal;
	const char *group;
};

/* Parse a decimal number: optional spaces, optional sign (+ or -), digits with an
 * optional '.' fraction, optional exponent (1e3), optional spaces.  Rejects
 * "12,5", "", "nan", "inf", hex, and values that overflow a double ("1e999").
 * Returns 0 and sets *out, or -1.  Never depends on setlocale(). */
int num_parse(const char *s, size_t len, double *out);

/* num_parse() that also gives the number's exact decimal value when it is
 * small: *mant / 10^*scale with *scale in 0..18 and |*mant| < 10^18 (numbers
 * of at most 15 significant digits and a small exponent: "1234.56", "-3",
 * "2.5e-3"); else *scale is -1 ("1e30", "0.1234567890123456789", the
 * sign of "-0").  Sums of such numbers can be kept exactly, in any order. */
int num_parse_dec(const char *s, size_t len, double *out, int64_t *mant, int *scale);

/* printf-style formatting of one double with a single conversion (%f %e %g, with
 * flags/width/precision, e.g. "%.1f", "%'.0f" = thousands separated with ',')
 * always using '.' as decimal point whatever the locale.  Text around the
 * conversion is copied ("USD %.1f million").  Returns 0, or -1 when fmt is not
 * a valid single-number format. */
int num_format(char *buf, size_t size, const char *fmt, double v);

/* num_format() in style st: the number's '.' becomes st->decimal and the
 * ' flag groups with st->group ("%'.1f" of 1234.5 is "1 234,5" in Russian);
 * the text around the conversion is copied as it is.  Widths count
 * characters, not bytes.  st NULL = num_format(). */
int num_format_style(char *buf, size_t size, const struct num_style *st, const char *fmt,
		     double v);

/* Check a format as num_format would, without formatting. 0 ok, -1 bad. */
int num_format_check(const char *fmt);

/* Magnitudes from here on are written by num_format_auto in scientific
 * notation ("1.5e+18"): a double holds 15 significant digits, so more
 * integer digits would be binary noise (1e308 printed in full is 309
 * digits, "100,000,000,000,000,001,097,906,…"). */
#define NUM_SCI_FROM 1e15

/* Shortest natural rendering for tables: integers without decimals, others with up
 * to `maxdec` decimals and trailing zeros trimmed; thousands separated by ','
 * when `group` is non-zero.  Example: 1234.50 -> "1,234.5".  From
 * NUM_SCI_FROM on: up to 3 significant digits and an exponent, "1.23e+18". */
void num_format_auto(char *buf, size_t size, double v, int maxdec, int group);

/* num_format_auto() in style st (NULL = English). */
void num_format_auto_style(char *buf, size_t size, const struct num_style *st, double v,
			   int maxdec, int group);

/* A share (0..1) as a percentage the way charts print it: whole numbers
 * from 10 %, one decimal below, "<0.1 %" for a share that is not zero but
 * rounds to it ("58 %", "9.1 %"), in style st (NULL = English).  The pie's
 * labels and the summary both write shares with it. */
void num_format_percent(char *buf, size_t size, const struct num_style *st, double share);

/* A number as written in a CSV ("1234.5", "-3", "2.5e3") restyled for
 * print: its '.' becomes st->decimal, nothing else changes (no grouping: a
 * year stays "2022").  Returns buf, or s itself when st is NULL or English
 * or the result would not fit. */
const char *num_restyle(char *buf, size_t size, const struct num_style *st, const char *s);

#endif
