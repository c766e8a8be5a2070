/* data — CSV files read with libcsv, streaming, and the queries (query.h)
 * answered on them.
 *
 * data_run() answers every query on one file in a single streaming pass:
 * memory grows with the number of groups (and with the rows a rows-query
 * keeps), never with the size of the file; a where: with latest keeps a
 * partial aggregate per group and period (src/data_defer.c) until the end.
 */
#ifndef BRIEFING_DATA_H
#define BRIEFING_DATA_H

#include <stddef.h>
#include "diag.h"
#include "query.h"

/* Progress of a long pass (main prints it; the data layer never prints). */
struct data_progress {
	/* Called in the thread that called data_run_opts(), after every read
	 * (every 256 KiB or so), with the bytes read so far and the file's size
	 * (0 when unknown: not a regular file); then once with done = -1 when
	 * the pass ends, whether it succeeded or not. */
	void (*fn)(void *ctx, const char *path, long long done, long long total);
	void *ctx;
};

/* How a dataset's files are read: a ```data block's keys (issue 14).  A
 * query's dialect (query.dialect) is NULL for a plain data: path, which
 * reads as data_dialect_init() leaves one.  The strings are the caller's. */
struct data_dialect {
	const char *encoding;  /* an iconv(3) name ("windows-1251"); NULL: UTF-8,
				  where a UTF-8 BOM is skipped and a UTF-16 BOM
				  makes the file read as UTF-16 */
	char delimiter;        /* ',', ';', '\t' or '|'; 0: detected from the
				  header line (the one that splits it into the
				  most fields, ',' on a tie) */
	char decimal;          /* '.' or ',': then "1 234,5" and "1234,5" are
				  numbers (a space, no-break space or '.' may
				  group the thousands) */
	char comment;          /* lines that start with it are skipped; 0: none */
	long skip;             /* lines before the header, in every file */
	int ragged_pad;        /* short rows padded with empty cells (long ones
				  are still an error) */
	const char *spec_file; /* where the dataset's file: is written: errors */
	int spec_line, spec_col; /* about the file itself go there (0: at the
				  first query's data: line) */
};

/* The defaults: UTF-8, delimiter detected, decimal point, no skip. */
void data_dialect_init(struct data_dialect *dd);

/* Whether iconv(3) converts from the encoding called name to UTF-8 (the
 * spec checks encoding: with it). */
int data_encoding_known(const char *name);

struct data_options {
	const struct data_progress *progress; /* NULL: none */
	int threads;   /* 0: worker threads for a regular file of 32 MiB or more
			  when cpus is 2 or more (one per CPU, at most 8), else
			  one thread; 1: one; n >= 2: n workers for any
			  regular file (for tests).  Results never depend on it. */
	int cpus;      /* the CPUs the run may use (main: cpus_usable()); 0 = 1 */
	size_t chunk;  /* bytes the reading thread hands to a worker at a time
			  (0: 2 MiB); tests make it small to cross many chunk
			  boundaries */
	const char *const *roots; /* the folders data files must lie in, after
			  resolving symlinks and "..": the spec's folder first,
			  then those the user allows (--data-root); a file
			  under /proc, /dev or /sys is refused whatever they
			  are.  nroots 0: no confinement (tests).  Either way
			  only a regular file is read (not a FIFO, a device or
			  a folder). */
	size_t nroots;
	int libcsv_only; /* every line parsed by libcsv, the reference, never by
			  the faster splitter of simple lines (src/data_split.c):
			  tests compare the two.  Results never depend on it. */
};

/* Defaults: no progress, threads 0, cpus 0 (one thread). */
void data_options_defaults(struct data_options *o);

/* Read the CSV at path once and answer all nq queries (each with q->path equal
 * to path and the same q->dialect).  path may name a folder: its *.csv and
 * *.csv.gz files, in name order, are one table (src/data_input.c).  A file
 * may be gzip-compressed (found by its magic bytes) and in any encoding
 * iconv knows (the dialect's).  Errors: file missing/unreadable/not a
 * regular file, an empty folder (EXIT_NOINPUT, at the dialect's file: line,
 * else the first query's spec location), outside the roots of data_options
 * (EXIT_DATAERR, there too), a read error (EXIT_IOERR, there too); CSV
 * syntax, ragged rows, invalid UTF-8 or text invalid in its encoding, a
 * corrupt gzip stream, NUL bytes, an empty file, duplicate header names, a
 * part whose header differs, a given delimiter that makes the header one
 * column, cells over 1 MiB, non-numbers where numbers are needed, cells
 * that are not dates where dates are needed (year(month), latest), a column
 * compared with latest or a value column that mixes dates and numbers
 * (EXIT_DATAERR, at the file's line and column), unknown columns
 * (EXIT_DATAERR, at the query's spec line; a where: column at its
 * condition), year(latest) of a column of numbers (at the condition).
 * Returns 0 or -1.  Every query's res.sha256 is the digest of the bytes the
 * pass read (as stored: compressed for a .gz); a folder's parts each have
 * theirs (res.parts). */
int data_run(const char *path, struct query **qs, size_t nq, struct diag *d,
	     struct diag_list *warn);

/* data_run() with options (NULL: the defaults).  A large file is read once
 * by the calling thread, which hashes it and hands chunks of whole records
 * to worker threads (see src/data_pipe.c); the results are those of one thread. */
int data_run_opts(const char *path, struct query **qs, size_t nq, const struct data_options *o,
		  struct diag *d, struct diag_list *warn);

#endif
