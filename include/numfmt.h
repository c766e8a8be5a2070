/* numfmt — number formats with a section per sign, as spreadsheets have
 * (issue 13):
 *
 *   format: up %.1f %%;down %.1f %%;unchanged
 *
 * Up to three sections separated by ';': positive; negative; zero.
 *   - One section: num_format_style() as before, except that a value that
 *     prints as zero prints as +0 ("0.0", never "-0.0").
 *   - Two or more: a positive value takes the first section; a negative
 *     value the second, printed as its absolute value ("down 3.2 %", the
 *     section's words carry the sign); zero the third, or the first when
 *     there are two (0 printed as "0.0", never "-0.0").
 *   - "Zero" is a value that prints as zero in the section its sign would
 *     take: with "up %.1f %%;down %.1f %%;unchanged", 0.04 and -0.04 are
 *     "unchanged", not "up 0.0 %" or "down 0.0 %", so the word always
 *     agrees with the number beside it.  (Excel takes the zero section for
 *     an exact 0 only and prints "up 0.0 %"; an analyst reading a briefing
 *     expects the words to match the figure.)  A section without a number
 *     decides by the exact value.
 *   - A section holds at most one conversion (%f %e %g with flags, width and
 *     precision, as num_format()), or none: "rising;falling;flat" is a
 *     format of words only.  With one section the conversion is required
 *     (as before: a format without a number is a mistake).
 *   - Spaces around each section are dropped: "up %.1f ; down %.1f" is
 *     "up %.1f" and "down %.1f".  No section may be empty.
 *   - "\;" is a literal ';' and "\\" a literal '\'; any other '\' is itself.
 *     (Backslash, not quotes: '"' is common in formats as text, and
 *     spreadsheets take "\;" as well; ";;" would be an empty section.)
 * Nothing here depends on the C locale; the number's look comes from the
 * num_style (decimal point, thousands separator).
 */
#ifndef BRIEFING_NUMFMT_H
#define BRIEFING_NUMFMT_H

#include <stddef.h>
#include "diag.h"
#include "num.h"

/* Check fmt, written at file:line from column col0 (the column of its first
 * character), as numfmt_format() will read it.  Errors (EXIT_DATAERR):
 *   - one section without exactly one valid conversion: the message of
 *     earlier versions, at col0:
 *       bad format "%d": expected one number conversion such as %.1f
 *   - more than three sections (at the third ';'), an empty section (at its
 *     ';'), a bad conversion (at its '%'), two conversions in a section (at
 *     the second '%').
 * Columns count characters.  Returns 0 or -1 with d filled. */
int numfmt_check(const char *fmt, const char *file, int line, int col0, struct diag *d);

/* Format v by fmt (see above) in style st (NULL = English) into buf.
 * A value that is not finite takes the first section as it is.  Returns 0,
 * or -1 when fmt does not pass numfmt_check() (buf then ""). */
int numfmt_format(char *buf, size_t size, const struct num_style *st, const char *fmt,
		  double v);

/* How many sections fmt has (1 to 3; more when it is invalid). */
size_t numfmt_sections(const char *fmt);

#endif
