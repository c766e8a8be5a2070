/* diag — located diagnostics, the one way modules report errors and warnings.
 *
 * Library code never prints or exits: it fills a struct diag and returns -1
 * (or NULL).  Only main prints, with diag_format(), as a compiler would:
 *   input/trade.csv:7:4: error: "12,5" is not a number (column value_usd_m)
 */
#ifndef BRIEFING_DIAG_H
#define BRIEFING_DIAG_H

#include <stddef.h>

/* Exit codes from sysexits.h, repeated here so no module depends on it. */
enum exit_code {
	EXIT_OK = 0,
	EXIT_USAGE = 64,     /* EX_USAGE: bad command line */
	EXIT_DATAERR = 65,   /* EX_DATAERR: bad data or spec */
	EXIT_NOINPUT = 66,   /* EX_NOINPUT: an input file is missing/unreadable */
	EXIT_SOFTWARE = 70,  /* EX_SOFTWARE: internal error */
	EXIT_CANTCREAT = 73, /* EX_CANTCREAT: output cannot be created */
	EXIT_IOERR = 74      /* EX_IOERR: I/O error while writing */
};

enum diag_level { DIAG_ERROR, DIAG_WARNING };

struct diag {
	enum diag_level level; /* error or warning */
	int code;              /* exit code this error maps to (enum exit_code) */
	char file[512];        /* file at fault; "" when none */
	int line;              /* 1-based line; 0 when unknown */
	int col;               /* 1-based column; 0 when unknown */
	char msg[1024];        /* the message, no trailing newline */
};

/* A growable list of warnings collected during a run. */
struct diag_list {
	struct diag *items; /* the warnings, in the order found */
	size_t n;           /* how many */
	size_t cap;         /* allocated slots */
};

/* Fill d as an error with exit code `code` at file:line:col (line/col 0 = unknown). */
void diag_error(struct diag *d, int code, const char *file, int line, int col,
		const char *fmt, ...) __attribute__((format(printf, 6, 7)));

/* Fill d as the one "out of memory" error (EXIT_SOFTWARE, no location):
 * every module reports an allocation failure this way.  Returns -1, so a
 * caller can `return diag_oom(d);`. */
int diag_oom(struct diag *d);

/* Append a warning to list (list may be NULL: the warning is dropped). */
void diag_warn(struct diag_list *list, const char *file, int line, int col,
	       const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* Write "FILE:LINE:COL: error: MSG" (parts that are unknown are left out:
 * "FILE:LINE: error:", "FILE: error:", "briefing: error:") into buf. */
void diag_format(const struct diag *d, char *buf, size_t size);

void diag_list_free(struct diag_list *list);

#endif
