/* spec_format — the format: of a value and the formats: of a table's
 * columns: which kind a format is (a number format, num.h, or a date
 * format, period.h), checked where it is written as the spec is read, and
 * a date written by one once the data has said its granularity
 * (src/spec_int.h). */
#include "spec_int.h"

#include <string.h>

#include "lang.h"
#include "num.h"
#include "utf8.h"

/* Is the conversion at fmt[i] == '%' one of period_format()'s (not "%%")?
 * Asked of period.c itself, so the two lists cannot drift apart. */
static int is_date_conversion(const char *fmt, size_t i)
{
	char conv[4] = { '%', 0, 0, 0 };
	size_t n = fmt[i + 1] == '-' ? 2 : 1;

	if (fmt[i + 1] == '%' || !fmt[i + n])
		return 0;
	memcpy(conv + 1, fmt + i + 1, n);
	return period_format_check(conv, PERIOD_DAY, NULL, 0, 1, NULL) == 0;
}

enum col_format spec_format_kind(const char *fmt)
{
	if (num_format_has_number(fmt))
		return COL_NUMBER;
	for (size_t i = 0; fmt[i]; i++) {
		if (fmt[i] != '%')
			continue;
		if (fmt[i + 1] == '%') {
			i++;
			continue;
		}
		if (is_date_conversion(fmt, i))
			return COL_DATE;
	}
	return COL_NUMBER;
}

int spec_check_format(struct spec_parser *p, const char *fmt, int line, int col,
		      enum col_format *kind)
{
	int rc;

	*kind = spec_format_kind(fmt);
	/* the granularity is the data's: any conversion may fit it yet */
	if (*kind == COL_DATE)
		rc = period_format_check(fmt, PERIOD_DAY, p->doc->path, line, col, p->d);
	else
		rc = num_format_check_at(fmt, p->doc->path, line, col, p->d);
	if (rc < 0)
		p->failed = 1;
	return rc;
}

int spec_format_period(const struct period *pr, const char *fmt, const struct lang *l,
		       const struct spec_format_at *at, char *buf, size_t size, struct diag *d)
{
	if (!fmt)
		fmt = period_default_format(pr->gran, l);
	else if (period_format_check(fmt, pr->gran, at->file, at->line, at->col, d) < 0)
		return -1;
	if (period_format(pr, fmt, l, buf, size) == 0)
		return 0;
	diag_error(d, EXIT_DATAERR, at->file, at->line, at->col,
		   "date format \"%.*s\" makes a text too long to print", (int)utf8_cut(fmt,
		   strlen(fmt), 80), fmt);
	return -1;
}
