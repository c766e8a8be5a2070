/* num — numbers read and written independently of the C locale. */
#ifndef BRIEFING_NUM_H
#define BRIEFING_NUM_H

#include <stddef.h>
#include <stdint.h>

struct diag;

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

/* num_parse_dec() when 16 bytes can be read at s, past len too (a cell of
 * the data layer's row): the same results, the common shape (digits with
 * at most one '.') faster. */
int num_parse_dec16(const char *s, size_t len, double *out, int64_t *mant, int *scale);

/* printf-style formatting of one double with a single conversion (%f %e %g, with
 * flags/width/precision, e.g. "%.1f", "%'.0f" = thousands separated with ',')
 * always using '.' as decimal point whatever the locale.  Text around the
 * conversion is copied ("USD %.1f million").  A format may have a section
 * per sign, as spreadsheets have (issue 13):
 *
 *   up %.1f %%;down %.1f %%;unchanged
 *
 *   - Up to three sections separated by ';': positive; negative; zero.
 *   - One section: the number as printf prints it, except that a value
 *     that prints as zero prints as +0 ("0.0", never "-0.0").
 *   - Two or more: a positive value takes the first section; a negative
 *     value the second, printed as its absolute value ("down 3.2 %": the
 *     section's words carry the sign); zero the third, or the first when
 *     there are two (0 printed as "0.0", never "-0.0").
 *   - "Zero" is a value that prints as zero in the section its sign would
 *     take: with "up %.1f %%;down %.1f %%;unchanged", 0.04 and -0.04 are
 *     "unchanged", not "up 0.0 %" or "down 0.0 %", so the word always
 *     agrees with the number beside it.  (Excel takes the zero section for
 *     an exact 0 only and prints "up 0.0 %"; an analyst reading a briefing
 *     expects the words to match the figure.)  A section without a number
 *     decides by the exact value.
 *   - A section holds at most one conversion, or none: "rising;falling;flat"
 *     is a format of words only.  With one section the conversion is
 *     required (a format without a number is a mistake).
 *   - Spaces around each section are dropped: "up %.1f ; down %.1f" is
 *     "up %.1f" and "down %.1f".  No section may be empty.
 *   - "\;" is a literal ';' and "\\" a literal '\'; any other '\' is itself.
 *     (Backslash, not quotes: '"' is common in formats as text, and
 *     spreadsheets take "\;" as well; ";;" would be an empty section.)
 *   - A value that is not finite takes the first section as it is.
 * Returns 0, or -1 when fmt is not a valid format (buf then ""). */
int num_format(char *buf, size_t size, const char *fmt, double v);

/* num_format() in style st: the number's '.' becomes st->decimal and the
 * ' flag groups with st->group ("%'.1f" of 1234.5 is "1 234,5" in Russian);
 * the text around the conversion is copied as it is.  Widths count
 * characters, not bytes.  st NULL = num_format().  Every format of the
 * program goes through here: values, table columns, chart labels. */
int num_format_style(char *buf, size_t size, const struct num_style *st, const char *fmt,
		     double v);

/* Check a format as num_format would, without formatting. 0 ok, -1 bad. */
int num_format_check(const char *fmt);

/* num_format_check() with the error located: fmt written at file:line from
 * column col0 (the column of its first character).  Errors (EXIT_DATAERR):
 *   - one section without exactly one valid conversion, at col0:
 *       bad format "%d": expected one number conversion such as %.1f
 *   - more than three sections (at the third ';'), an empty section (at its
 *     ';'), a bad conversion (at its '%'), two conversions in a section (at
 *     the second '%').
 * Columns count characters.  Returns 0 or -1 with d filled (d may be NULL). */
int num_format_check_at(const char *fmt, const char *file, int line, int col0,
			struct diag *d);

/* Does fmt hold a valid number conversion (%.1f, %'.0f, %e, …) in any
 * section?  A caller that takes date formats too (period.h) tells them
 * apart by it: "%.1f;%d" is a number format with a bad conversion, "%d %B"
 * a date's. */
int num_format_has_number(const char *fmt);

/* How many sections fmt has (1 to 3; more when it is invalid). */
size_t num_format_sections(const char *fmt);

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

/* The decimals a share (0..1) needs as a percentage: 0 from 10 %, 1
 * below ("58 %", "9.1 %").  A chart's shares take the most any of them
 * needs, so they read in one precision (chart_pie_decimals). */
int num_percent_decimals(double share);

/* A share (0..1) as a percentage the way charts print it, with decimals
 * decimals (0 or 1; -1: num_percent_decimals of the share itself),
 * "<0.1 %" for a share that is not zero but rounds to it ("58 %",
 * "9.1 %", "58.0 %"), in style st (NULL = English).  The pie's labels,
 * its description and the summary all write shares with it. */
void num_format_percent(char *buf, size_t size, const struct num_style *st, double share,
			int decimals);

/* A number as written in a CSV ("1234.5", "-3", "2.5e3") restyled for
 * print: its '.' becomes st->decimal, nothing else changes (no grouping: a
 * year stays "2022").  Returns buf, or s itself when st is NULL or English
 * or the result would not fit. */
const char *num_restyle(char *buf, size_t size, const struct num_style *st, const char *s);

#endif
