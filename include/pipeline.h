/* pipeline — one run of the program once its options are read: the policy
 * that main used to hold, where tests can call it.
 *
 *   pipeline_new    the output set, made first (its cleanup of stale
 *                   temporaries takes older files for stale);
 *   pipeline_read   the spec, every CSV it uses (one pass per file, batched
 *                   by file and CPUs), the expansion of {{name}}, the
 *                   limits on what the queries gave tables and charts, the
 *                   fonts and every chart's scene at its size: all that
 *                   --check checks;
 *   pipeline_write  every output declared to the output set and checked
 *                   before any is written, then the PDF, the chart files,
 *                   the summary and the e-mail (mail.h) written through it
 *                   and committed all or nothing.
 *
 * Nothing here prints, exits, reads the environment or the clock: main
 * passes the values (fonts folder, data roots, CPUs, report date, the
 * run's time, version, whether to show progress) down, and prints what
 * comes back (a diag and warnings, the summary for --summary -, the
 * message for --mail -, the figures of the written PDF). */
#ifndef BRIEFING_PIPELINE_H
#define BRIEFING_PIPELINE_H

#include <stddef.h>
#include <time.h>

#include "data.h"
#include "date.h"
#include "diag.h"
#include "fonts.h"
#include "scene.h"
#include "spec.h"

/* The limits on what a chart's query may give.  A pie or donut without
 * top: shows at most PIPELINE_PIE_MAX_SLICES slices: more are grouped into
 * the largest PIPELINE_PIE_MAX_SLICES - 1 and "Other" (the data layer folds
 * them, told so by the query's auto_top), with a warning.  A bar or hbar
 * chart has at most PIPELINE_BAR_MAX_GROUPS bars: more is an error
 * suggesting top:. */
#define PIPELINE_PIE_MAX_SLICES 12
#define PIPELINE_BAR_MAX_GROUPS 1000

/* One data file the spec reads, and every query that reads it. */
struct pipeline_file {
	const char *path;        /* as the queries name it */
	struct query **queries;  /* in document order (into pipeline_files.qs) */
	size_t n;                /* how many */
};

/* The distinct data files of a document, in the order it first uses them. */
struct pipeline_files {
	struct pipeline_file *v;     /* the files */
	size_t n;                    /* how many */
	struct query **qs;           /* every query, grouped by file */
	const struct query **first;  /* per file, its first query: what the sources
					page lists (layout_options.files) */
};

/* What pipeline_read needs besides the spec's own contents. */
struct pipeline_options {
	const char *spec;        /* the spec's path */
	const char *fonts_dir;   /* the folder of the TrueType fonts */
	const char *const *roots; /* folders data files may also lie in, besides
				     the spec's own (--data-root, BRIEFING_DATA_ROOT) */
	size_t nroots;
	int cpus;                /* CPUs the run may use (cpus_usable()) */
	const struct data_progress *progress; /* progress of long reads, or NULL */
	/* Called after each data file's pass, or NULL (main: -v says so). */
	void (*file_read)(void *ctx, const struct pipeline_file *f);
	void *ctx;               /* for file_read */
};

/* The e-mail (--mail): where it goes and what the options say of its
 * headers.  What an option leaves unset comes from the front matter
 * (mail-to:, mail-cc:, mail-from:, mail-subject:); the subject defaults to
 * "TITLE — DATE".  A sender is required. */
struct pipeline_mail {
	const char *path;        /* --mail FILE, "-" to hand the message back, or
				    NULL for no e-mail */
	const char *from;        /* --mail-from, or NULL */
	const char *const *to;   /* every --mail-to, each a list of mailboxes
				    (mime_mailbox_list), checked by the caller */
	size_t nto;
	const char *const *cc;   /* every --mail-cc, likewise */
	size_t ncc;
	const char *subject;     /* --mail-subject, or NULL */
	time_t now;              /* the run's time and its offset from UTC where it
				    runs (minutes east): the Date header when the */
	int utc_offset_min;      /*   report date is that day there */
};

/* Where pipeline_write writes, and what the PDF says of its making. */
struct pipeline_outputs {
	const char *pdf;         /* the PDF's path */
	const char *charts;      /* the chart files' folder, or NULL for none */
	double dpi;              /* the chart PNGs' resolution */
	const char *summary;     /* the summary's path, "-" to hand its text back,
				    or NULL for none */
	const struct report_date *date; /* the report date */
	const char *version;     /* the program's version (the PDF's Creator and
				    sources page) */
	int argc;                /* the command the sources page quotes */
	char *const *argv;
	struct pipeline_mail mail; /* the e-mail, if mail.path */
};

/* What pipeline_write wrote. */
struct pipeline_written {
	int pages;               /* the PDF's pages */
	long long pdf_bytes;     /* its size */
	size_t stale;            /* stale temporaries of killed runs removed */
	char *summary_text;      /* with summary "-": the summary (malloc'ed,
				    the caller frees it), else NULL */
	char *mail_text;         /* with mail.path "-": the message (malloc'ed,
				    mail_len bytes, the caller frees it), else NULL */
	size_t mail_len;
};

struct pipeline;

/* A run's pipeline and its output set.  NULL with d filled (out of
 * memory). */
struct pipeline *pipeline_new(struct diag *d);

/* Read, check and build everything (see above).  0, or -1 with d filled;
 * warnings (such as a table without rows) are added to warn. */
int pipeline_read(struct pipeline *p, const struct pipeline_options *o, struct diag *d,
		  struct diag_list *warn);

/* The document pipeline_read read (NULL before). */
const struct doc *pipeline_doc(const struct pipeline *p);

/* Declare, check and write every output, after a successful
 * pipeline_read.  0 with *w filled, or -1 with d filled (nothing written
 * then: the output set is committed all or nothing). */
int pipeline_write(struct pipeline *p, const struct pipeline_outputs *o,
		   struct pipeline_written *w, struct diag *d);

/* Check o->mail against the document pipeline_read read, as
 * pipeline_write would before writing anything (for --check): a sender
 * (EXIT_USAGE "--mail needs a sender: …"), a subject whose placeholders
 * name values (EXIT_USAGE "--mail-subject: undefined value …"), addresses
 * mime.h accepts.  0, or -1 with d filled. */
int pipeline_check_mail(const struct pipeline *p, const struct pipeline_outputs *o,
			struct diag *d);

/* Free p and remove what it did not commit (NULL is ok). */
void pipeline_free(struct pipeline *p);

/* Answer every query of doc, one pass (data_run_opts) per distinct file,
 * files in the order doc first uses them: pies and donuts get their
 * PIPELINE_PIE_MAX_SLICES limit first.  The files into *files
 * (pipeline_files_free).  0, or -1 with d filled. */
int pipeline_queries(struct doc *doc, const struct pipeline_options *o,
		     struct pipeline_files *files, struct diag *d, struct diag_list *warn);

void pipeline_files_free(struct pipeline_files *files);

/* Check what the queries gave each table and chart block: a chart with no
 * data, a bar chart over PIPELINE_BAR_MAX_GROUPS bars, a table over its
 * max-rows: errors (EXIT_DATAERR at the block's line); a table without
 * rows, a pie whose slices were grouped: warnings.  0 or -1 with d filled. */
int pipeline_check_blocks(const struct doc *doc, struct diag *d, struct diag_list *warn);

/* Every chart block's scene (NULL for other blocks), at its width: and
 * height:, else the text width of its paper and the chart's default height:
 * a new array of doc->nblocks (pipeline_scenes_free).  NULL with d filled. */
struct scene **pipeline_scenes(const struct doc *doc, struct fonts *fonts, struct diag *d,
			       struct diag_list *warn);

void pipeline_scenes_free(struct scene **scenes, size_t n);

/* --new DIR: copy the template folder `from` into dir through an output
 * set, committed all or nothing.  *nfiles gets the files copied.  0, or -1
 * with d filled. */
int pipeline_copy_template(const char *from, const char *dir, size_t *nfiles,
			   struct diag *d);

#endif
