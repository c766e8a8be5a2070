/* diag — located diagnostics (see include/diag.h). */
#include "diag.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grow.h"

static void set_location(struct diag *d, const char *file, int line, int col)
{
	snprintf(d->file, sizeof d->file, "%s", file ? file : "");
	d->line = line > 0 ? line : 0;
	d->col = (line > 0 && col > 0) ? col : 0;
}

void diag_error(struct diag *d, int code, const char *file, int line, int col,
		const char *fmt, ...)
{
	va_list ap;

	if (!d)
		return;
	d->level = DIAG_ERROR;
	d->code = code;
	set_location(d, file, line, col);
	va_start(ap, fmt);
	vsnprintf(d->msg, sizeof d->msg, fmt, ap);
	va_end(ap);
}

int diag_oom(struct diag *d)
{
	diag_error(d, EXIT_SOFTWARE, NULL, 0, 0, "out of memory");
	return -1;
}

void diag_warn(struct diag_list *list, const char *file, int line, int col,
	       const char *fmt, ...)
{
	struct diag *d;
	va_list ap;

	if (!list)
		return;
	if (grow_array(&list->items, &list->cap, list->n + 1, sizeof *list->items) < 0)
		return; /* a warning lost to OOM is not worth failing the run */
	d = &list->items[list->n++];
	memset(d, 0, sizeof *d);
	d->level = DIAG_WARNING;
	set_location(d, file, line, col);
	va_start(ap, fmt);
	vsnprintf(d->msg, sizeof d->msg, fmt, ap);
	va_end(ap);
}

void diag_format(const struct diag *d, char *buf, size_t size)
{
	const char *level = d->level == DIAG_WARNING ? "warning" : "error";

	if (!d->file[0])
		snprintf(buf, size, "briefing: %s: %s", level, d->msg);
	else if (d->line && d->col)
		snprintf(buf, size, "%s:%d:%d: %s: %s", d->file, d->line, d->col, level, d->msg);
	else if (d->line)
		snprintf(buf, size, "%s:%d: %s: %s", d->file, d->line, level, d->msg);
	else
		snprintf(buf, size, "%s: %s: %s", d->file, level, d->msg);
}

void diag_list_free(struct diag_list *list)
{
	if (!list)
		return;
	free(list->items);
	list->items = NULL;
	list->n = list->cap = 0;
}
