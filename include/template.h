/* template — `briefing --new DIR`: start a new briefing from the template
 * (the default briefing's spec and the CSV files it reads). */
#ifndef BRIEFING_TEMPLATE_H
#define BRIEFING_TEMPLATE_H

#include <stddef.h>
#include "diag.h"
#include "outfile.h"

/* Copy every visible regular file of the folder `from` into the folder `to`
 * through out (so nothing appears until outset_commit()), making `to` if it
 * is missing (its parent must exist; outset_make_folder(), so a run that
 * fails leaves no empty folder).  Never overwrites: a file of the
 * template that already exists in `to` is an error.  *nfiles = files
 * copied.  0, or -1 with d filled:
 *   EXIT_NOINPUT   "cannot read the template: REASON" (from is missing,
 *                  unreadable, or holds no briefing.md);
 *   EXIT_CANTCREAT "cannot create folder: REASON", "already exists: --new
 *                  never overwrites" (naming the file), or what
 *                  outset_write() reports. */
int template_copy(const char *from, const char *to, struct outset *out, size_t *nfiles,
		  struct diag *d);

#endif
