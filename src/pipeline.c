/* pipeline — one run of the program once its options are read
 * (include/pipeline.h): the queries batched by file, the limits on what
 * they gave, the charts' sizes, the output set and every file written
 * through it. */
#include "pipeline.h"

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart.h"
#include "chartfiles.h"
#include "layout.h"
#include "mail.h"
#include "mime.h"
#include "outfile.h"
#include "summary.h"
#include "template.h"

struct pipeline {
	struct outset *out;          /* every file the run reads and writes */
	struct doc *doc;             /* the spec, its data answered (pipeline_read) */
	struct pipeline_files files;      /* its data files */
	struct fonts *fonts;         /* the faces charts are measured and painted with */
	struct scene **scenes;       /* per block: a chart's scene, else NULL */
	const char *fonts_dir;       /* where the fonts are (the PDF embeds them) */
	int cpus;                    /* CPUs the chart painters may use */
	struct chart_files *charts;  /* the chart files and e-mail PNGs being painted
					(pipeline_write) */
	unsigned char *pdf;          /* the PDF's bytes, kept for the e-mail */
	size_t pdf_len;
};

struct pipeline *pipeline_new(struct diag *d)
{
	struct pipeline *p = calloc(1, sizeof *p);

	if (p && !(p->out = outset_new())) {
		free(p);
		p = NULL;
	}
	if (!p)
		diag_oom(d);
	return p;
}

void pipeline_free(struct pipeline *p)
{
	if (!p)
		return;
	chart_files_free(p->charts);
	free(p->pdf);
	outset_free(p->out);
	if (p->doc)
		pipeline_scenes_free(p->scenes, p->doc->nblocks);
	fonts_free(p->fonts);
	doc_free(p->doc);
	pipeline_files_free(&p->files);
	free(p);
}

const struct doc *pipeline_doc(const struct pipeline *p)
{
	return p->doc;
}

/* ---- the queries, one pass per file -------------------------------------- */

void pipeline_files_free(struct pipeline_files *files)
{
	free(files->v);
	free(files->qs);
	free(files->first);
	memset(files, 0, sizeof *files);
}

/* The queries of doc grouped by the file they read, files in the order of
 * their first query, queries in document order within each.  0 or -1. */
static int group_by_file(struct doc *doc, struct pipeline_files *f)
{
	size_t n, k = 0;
	struct query **all = doc_queries(doc, &n);
	char *taken = all ? calloc(n ? n : 1, 1) : NULL;

	f->v = calloc(n ? n : 1, sizeof *f->v);
	f->qs = malloc((n ? n : 1) * sizeof *f->qs);
	f->first = malloc((n ? n : 1) * sizeof *f->first);
	if (!all || !taken || !f->v || !f->qs || !f->first) {
		free(all);
		free(taken);
		pipeline_files_free(f);
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		struct pipeline_file *file = &f->v[f->n];

		if (taken[i])
			continue;
		*file = (struct pipeline_file){ all[i]->path, &f->qs[k], 0 };
		for (size_t j = i; j < n; j++) {
			/* one pass per file and dialect (a ```data block's dataset) */
			if (!taken[j] && strcmp(all[j]->path, all[i]->path) == 0 &&
			    all[j]->dialect == all[i]->dialect) {
				f->qs[k++] = all[j];
				file->n++;
				taken[j] = 1;
			}
		}
		f->first[f->n++] = all[i];
	}
	free(taken);
	free(all);
	return 0;
}

/* Pies and donuts without top: show at most PIPELINE_PIE_MAX_SLICES slices:
 * the data layer folds the rest into "Other" (pipeline_check_blocks warns). */
static void limit_pies(struct doc *doc)
{
	for (size_t i = 0; i < doc->nblocks; i++) {
		struct chart_block *c = doc->blocks[i].chart;

		if (doc->blocks[i].type == BLOCK_CHART &&
		    (c->type == CHART_PIE || c->type == CHART_DONUT))
			c->q.auto_top = PIPELINE_PIE_MAX_SLICES;
	}
}

int pipeline_queries(struct doc *doc, const struct pipeline_options *o,
		     struct pipeline_files *files, struct diag *d, struct diag_list *warn)
{
	const char **roots = malloc((o->nroots + 1) * sizeof *roots);
	struct data_options dopt;
	int rc = 0;

	memset(files, 0, sizeof *files);
	if (!roots || group_by_file(doc, files) < 0) {
		free(roots);
		return diag_oom(d);
	}
	/* data files lie in the spec's folder, or in one the user allows */
	roots[0] = doc->dir;
	for (size_t i = 0; i < o->nroots; i++)
		roots[1 + i] = o->roots[i];
	limit_pies(doc);
	for (size_t i = 0; rc == 0 && i < files->n; i++) {
		const struct pipeline_file *f = &files->v[i];

		data_options_defaults(&dopt);
		dopt.cpus = o->cpus;
		dopt.roots = roots;
		dopt.nroots = o->nroots + 1;
		dopt.progress = o->progress;
		rc = data_run_opts(f->path, f->queries, f->n, &dopt, d, warn);
		if (rc == 0 && o->file_read)
			o->file_read(o->ctx, f);
	}
	free(roots);
	return rc;
}

/* ---- what the queries gave ----------------------------------------------- */

/* A data table: no rows is a warning; more rows than its max-rows: an
 * error (data_run kept only the first max_rows of them), rather than a PDF
 * of endless pages; but for top: without sort:, which needs no more. */
static int check_table(const struct doc *doc, const struct block *b, struct diag *d,
		       struct diag_list *warn)
{
	const struct query *q = &b->table->q;
	int first_rows = b->table->top && b->table->sort_col == DOC_NO_SORT;

	if (q->max_rows && q->res.rows_matched > q->max_rows && !first_rows) {
		diag_error(d, EXIT_DATAERR, doc->path, b->line, 1,
			   "table has %zu rows, more than max-rows (%zu); set max-rows: to raise it",
			   q->res.rows_matched, q->max_rows);
		return -1;
	}
	if (q->res.nrows == 0)
		diag_warn(warn, doc->path, b->line, 1, "table has no rows: no rows of %s match",
			  q->path);
	return 0;
}

/* A chart: nothing to draw is an error; so are more bars than anyone can
 * read (PIPELINE_BAR_MAX_GROUPS).  A pie whose slices the data layer grouped
 * (more than PIPELINE_PIE_MAX_SLICES without top:) gets a warning. */
static int check_chart(const struct doc *doc, const struct block *b, struct diag *d,
		       struct diag_list *warn)
{
	const struct chart_block *c = b->chart;
	const struct query_result *res = &c->q.res;
	int pie = c->type == CHART_PIE || c->type == CHART_DONUT;

	if (res->ngroups == 0) {
		diag_error(d, EXIT_DATAERR, doc->path, b->line, 1,
			   "chart \"%s\" has no data: no rows of %s match", c->title, c->q.path);
		return -1;
	}
	if ((c->type == CHART_BAR || c->type == CHART_HBAR) &&
	    res->ngroups > PIPELINE_BAR_MAX_GROUPS) {
		diag_error(d, EXIT_DATAERR, doc->path, b->line, 1,
			   "chart \"%s\" has %zu bars, more than %d; set top: to show the largest",
			   c->title, res->ngroups, PIPELINE_BAR_MAX_GROUPS);
		return -1;
	}
	if (pie && c->q.top == 0 && res->ncategories > PIPELINE_PIE_MAX_SLICES)
		diag_warn(warn, doc->path, b->line, 1,
			  "chart \"%s\" has %zu slices: showing the largest %d and \"Other\" "
			  "(set top: to choose)", c->title, res->ncategories,
			  PIPELINE_PIE_MAX_SLICES - 1);
	return 0;
}

int pipeline_check_blocks(const struct doc *doc, struct diag *d, struct diag_list *warn)
{
	for (size_t i = 0; i < doc->nblocks; i++) {
		const struct block *b = &doc->blocks[i];
		int rc = 0;

		if (b->type == BLOCK_DATA_TABLE)
			rc = check_table(doc, b, d, warn);
		else if (b->type == BLOCK_CHART)
			rc = check_chart(doc, b, d, warn);
		if (rc < 0)
			return -1;
	}
	return 0;
}

/* ---- the charts' scenes -------------------------------------------------- */

void pipeline_scenes_free(struct scene **scenes, size_t n)
{
	if (!scenes)
		return;
	for (size_t i = 0; i < n; i++)
		scene_free(scenes[i]);
	free(scenes);
}

struct scene **pipeline_scenes(const struct doc *doc, struct fonts *fonts, struct diag *d,
			       struct diag_list *warn)
{
	struct scene **scenes = calloc(doc->nblocks ? doc->nblocks : 1, sizeof *scenes);

	if (!scenes) {
		diag_oom(d);
		return NULL;
	}
	for (size_t i = 0; i < doc->nblocks; i++) {
		const struct chart_block *c = doc->blocks[i].chart;
		double w, h;

		if (doc->blocks[i].type != BLOCK_CHART)
			continue;
		w = c->width > 0 ? c->width : layout_text_width(doc->front.paper);
		h = c->height > 0 ? c->height : chart_default_height(c, w);
		scenes[i] = chart_build(c, w, h, fonts, d, warn);
		if (!scenes[i]) {
			pipeline_scenes_free(scenes, doc->nblocks);
			return NULL;
		}
	}
	return scenes;
}

/* ---- reading ------------------------------------------------------------- */

int pipeline_read(struct pipeline *p, const struct pipeline_options *o, struct diag *d,
		  struct diag_list *warn)
{
	p->fonts_dir = o->fonts_dir;
	p->cpus = o->cpus;
	p->doc = spec_read(o->spec, d, warn);
	if (!p->doc ||
	    spec_check_widths(p->doc, layout_text_width(p->doc->front.paper), d) < 0 ||
	    pipeline_queries(p->doc, o, &p->files, d, warn) < 0 || spec_expand(p->doc, d) < 0 ||
	    pipeline_check_blocks(p->doc, d, warn) < 0)
		return -1;
	if (!(p->fonts = fonts_load(o->fonts_dir, d)))
		return -1;
	p->scenes = pipeline_scenes(p->doc, p->fonts, d, warn);
	return p->scenes ? 0 : -1;
}

/* ---- writing ------------------------------------------------------------- */

/* Tell the output set what the run reads (the spec, every CSV file, the
 * fonts) and the files it writes besides the chart files (the PDF, the
 * summary), so outset_check can refuse an output that would overwrite an
 * input or another output before anything is written.  0 or -1 with d. */
static int declare_files(const struct pipeline *p, const struct pipeline_outputs *o,
			 struct diag *d)
{
	char font[PATH_MAX];
	int rc = outset_input(p->out, p->doc->path, "the spec", d);

	for (size_t i = 0; rc == 0 && i < p->files.n; i++) {
		/* a folder's inputs are its parts (read by now) */
		const struct query_result *r = &p->files.v[i].queries[0]->res;

		if (!r->nparts)
			rc = outset_input(p->out, p->files.v[i].path, "data file", d);
		for (size_t k = 0; rc == 0 && k < r->nparts; k++)
			rc = outset_input(p->out, r->parts[k].path, "data file", d);
	}
	for (int f = 0; rc == 0 && f < FONT_FACES; f++) {
		snprintf(font, sizeof font, "%s/%s", p->fonts_dir,
			 fonts_file_name((enum font_face)f));
		rc = outset_input(p->out, font, "font", d);
	}
	if (rc == 0)
		rc = outset_output(p->out, o->pdf, "-o", OUTSET_FILE, d);
	if (rc == 0 && o->summary && strcmp(o->summary, "-") != 0)
		rc = outset_output(p->out, o->summary, "--summary", OUTSET_FILE, d);
	if (rc == 0 && o->mail.path && strcmp(o->mail.path, "-") != 0)
		rc = outset_output(p->out, o->mail.path, "--mail", OUTSET_FILE, d);
	return rc;
}

/* Lay out the PDF into the output set; date_text is the report date as
 * the document's language writes it. */
static int write_pdf(struct pipeline *p, const struct pipeline_outputs *o,
		     const char *date_text, struct pipeline_written *w, struct diag *d)
{
	struct layout_options lo;
	char date_iso[16];
	unsigned char *data;
	size_t len;

	date_format_iso(o->date, date_iso, sizeof date_iso);
	layout_options_defaults(&lo);
	lo.fonts_dir = p->fonts_dir;
	lo.date_text = date_text;
	lo.date_iso = date_iso;
	lo.version = o->version;
	lo.scenes = (const struct scene *const *)p->scenes;
	lo.files = p->files.first;
	lo.nfiles = p->files.n;
	lo.argc = o->argc;
	lo.argv = o->argv;
	if (layout_document_data(p->doc, &lo, &data, &len, &w->pages, d) < 0)
		return -1;
	w->pdf_bytes = (long long)len;
	if (!o->mail.path)
		return outset_write_owned(p->out, o->pdf, data, len, d);
	p->pdf = data; /* attached to the e-mail too */
	p->pdf_len = len;
	return outset_write(p->out, o->pdf, data, len, d);
}

/* The file name of path: what a recipient sees. */
static const char *file_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

/* The summary's text, for --summary and the e-mail's text part alike. */
static int make_summary(struct pipeline *p, const struct pipeline_outputs *o,
			const char *date_text, const struct pipeline_written *w, char **text,
			size_t *len, struct diag *d)
{
	const struct doc *doc = p->doc;
	const char **images = calloc(doc->nblocks ? doc->nblocks : 1, sizeof *images);
	struct summary_files f = { file_name(o->pdf), w->pdf_bytes, w->pages, images };
	int rc;

	if (!images)
		return diag_oom(d);
	for (size_t i = 0; i < doc->nblocks; i++)
		images[i] = chart_files_image_name(p->charts, i);
	rc = summary_text(doc, date_text, &f, text, len, d);
	free(images);
	return rc;
}

/* The summary into the output set, or (for "-") handed back in w to print
 * once everything is committed. */
static int write_summary(struct pipeline *p, const struct pipeline_outputs *o, const char *text,
			 size_t len, struct pipeline_written *w, struct diag *d)
{
	if (strcmp(o->summary, "-") != 0)
		return outset_write(p->out, o->summary, text, len, d);
	if (!(w->summary_text = strdup(text)))
		return diag_oom(d);
	return 0;
}

/* ---- the e-mail ------------------------------------------------------------ */

/* The e-mail's sender, recipients and subject: the options, else the
 * front matter's mail-* keys, else (the subject) "TITLE — DATE". */
struct mail_plan {
	const char *from;
	char **to, **cc;
	size_t nto, ncc;
	char *subject;
};

static void mail_plan_free(struct mail_plan *m)
{
	mime_mailbox_list_free(m->to, m->nto);
	mime_mailbox_list_free(m->cc, m->ncc);
	free(m->subject);
	memset(m, 0, sizeof *m);
}

/* A refusal of text an option or a front-matter key gave (d from mime.h or
 * mail.h, EXIT_DATAERR, no place): said as the option's, EXIT_USAGE
 * "OPT: MESSAGE", or as the key's, "SPEC: error: KEY: MESSAGE".  Other
 * errors (memory) are left as they are.  Always -1. */
static int mail_blame(struct diag *d, int from_option, const char *opt, const char *key,
		      const char *spec)
{
	char msg[sizeof d->msg];

	if (d->code != EXIT_DATAERR)
		return -1;
	snprintf(msg, sizeof msg, "%s", d->msg);
	if (from_option)
		diag_error(d, EXIT_USAGE, NULL, 0, 0, "%s: %s", opt, msg);
	else
		diag_error(d, EXIT_DATAERR, spec, 0, 0, "%s: %s", key, msg);
	return -1;
}

/* The mailboxes of the lists opt[0, n) (options), or when there are none
 * of the front matter's list front, into *v, *nv.  main and the spec
 * reader checked them: an error here is one of memory. */
static int mail_list(const char *const *opt, size_t n, const char *what, const char *front,
		     const char *key, const char *spec, char ***v, size_t *nv, struct diag *d)
{
	for (size_t i = 0; i < (n ? n : 1); i++) {
		const char *text = n ? opt[i] : front;
		char **items, **grown;
		size_t k;

		if (!text)
			return 0;
		if (mime_mailbox_list(text, &items, &k, d) < 0)
			return mail_blame(d, n > 0, what, key, spec);
		if (!(grown = realloc(*v, (*nv + k + 1) * sizeof **v))) {
			mime_mailbox_list_free(items, k);
			return diag_oom(d);
		}
		*v = grown;
		memcpy(*v + *nv, items, k * sizeof *items);
		*nv += k;
		free(items);
	}
	return 0;
}

/* Resolve the e-mail's headers for o (see struct mail_plan): 0, or -1
 * with d filled (pipeline_check_mail says which). */
static int mail_plan_make(const struct pipeline *p, const struct pipeline_outputs *o,
			  const char *date_text, struct mail_plan *m, struct diag *d)
{
	const struct pipeline_mail *pm = &o->mail;
	const struct front_matter *f = &p->doc->front;
	const char *path = p->doc->path;

	memset(m, 0, sizeof *m);
	m->from = pm->from ? pm->from : f->mail_from;
	if (!m->from) {
		diag_error(d, EXIT_USAGE, NULL, 0, 0, "--mail needs a sender: give --mail-from or "
			   "mail-from: in the spec's front matter");
		return -1;
	}
	if (mail_list(pm->to, pm->nto, "--mail-to", f->mail_to, "mail-to", path, &m->to, &m->nto,
		      d) < 0 ||
	    mail_list(pm->cc, pm->ncc, "--mail-cc", f->mail_cc, "mail-cc", path, &m->cc, &m->ncc,
		      d) < 0)
		goto fail;
	if (mail_subject(p->doc, pm->subject ? pm->subject : f->mail_subject, date_text,
			 &m->subject, d) < 0) {
		mail_blame(d, pm->subject != NULL, "--mail-subject", "mail-subject", path);
		goto fail;
	}
	return 0;
fail:
	mail_plan_free(m);
	return -1;
}

int pipeline_check_mail(const struct pipeline *p, const struct pipeline_outputs *o,
			struct diag *d)
{
	const char *path = p->doc->path;
	struct mail_plan m;
	struct mime_msg *msg;
	char date_text[64];
	int rc = 0;

	if (!o->mail.path)
		return 0;
	date_format_long(o->date, p->doc->front.lang, date_text, sizeof date_text);
	if (mail_plan_make(p, o, date_text, &m, d) < 0)
		return -1;
	/* what mime.h would refuse when the message is made: the sender (main
	 * and the spec reader checked it) and the subject (a control character
	 * in --mail-subject) */
	if (!(msg = mime_msg_new()))
		rc = diag_oom(d);
	else if (mime_msg_set_from(msg, m.from, d) < 0)
		rc = mail_blame(d, o->mail.from != NULL, "--mail-from", "mail-from", path);
	else if (mime_msg_set_subject(msg, m.subject, d) < 0)
		rc = mail_blame(d, o->mail.subject != NULL, "--mail-subject", "mail-subject", path);
	mime_msg_free(msg);
	mail_plan_free(&m);
	return rc;
}

/* The resolution of the e-mail's chart images: a chart as wide as the
 * page's text is MAIL_IMAGE_PX across. */
static double mail_dpi(const struct doc *doc)
{
	return MAIL_IMAGE_PX * 72.0 / layout_text_width(doc->front.paper);
}

/* The charts' e-mail images, painted (chartfiles), in document order:
 * *v of *n (the PNGs are the chart files' own).  0 or -1 with d. */
static int mail_images(struct pipeline *p, struct mail_image **v, size_t *n, struct diag *d)
{
	const struct doc *doc = p->doc;

	*n = 0;
	if (!(*v = calloc(doc->nblocks ? doc->nblocks : 1, sizeof **v)))
		return diag_oom(d);
	for (size_t i = 0; i < doc->nblocks; i++) {
		struct mail_image *im = &(*v)[*n];
		double dpi = mail_dpi(doc);

		if (!p->scenes[i])
			continue;
		if (chart_files_mail_png(p->charts, i, &im->png, &im->len, d) < 0)
			return -1;
		im->block = i;
		im->name = chart_files_image_name(p->charts, i);
		/* the pixel size render_png_small_data painted */
		im->width = (int)lround(scene_width(p->scenes[i]) * dpi / 72.0);
		im->height = (int)lround(scene_height(p->scenes[i]) * dpi / 72.0);
		(*n)++;
	}
	return 0;
}

/* The e-mail into the output set, or (for "-") handed back in w. */
static int write_mail(struct pipeline *p, const struct pipeline_outputs *o, const char *date_text,
		      const char *text, size_t text_len, struct pipeline_written *w, struct diag *d)
{
	struct mail_plan m;
	struct mail_image *images = NULL;
	struct mail_input in = { .doc = p->doc, .date_text = date_text, .date = o->date,
				 .now = o->mail.now, .utc_offset_min = o->mail.utc_offset_min,
				 .text = text, .text_len = text_len, .pdf = p->pdf,
				 .pdf_len = p->pdf_len, .pdf_name = file_name(o->pdf),
				 .pages = w->pages };
	char *msg = NULL;
	size_t len = 0;
	int rc = -1;

	if (mail_plan_make(p, o, date_text, &m, d) < 0)
		return -1;
	if (mail_images(p, &images, &in.nimages, d) < 0)
		goto done;
	in.from = m.from;
	in.to = m.to;
	in.nto = m.nto;
	in.cc = m.cc;
	in.ncc = m.ncc;
	in.subject = m.subject;
	in.images = images;
	if (mail_message(&in, &msg, &len, d) < 0)
		goto done;
	if (strcmp(o->mail.path, "-") == 0) {
		w->mail_text = msg;
		w->mail_len = len;
		msg = NULL;
		rc = 0;
	} else {
		rc = outset_write(p->out, o->mail.path, msg, len, d);
	}
done:
	free(msg);
	free(images);
	mail_plan_free(&m);
	return rc;
}

/* The summary (for --summary and the e-mail's text part), the summary
 * file and the e-mail. */
static int write_texts(struct pipeline *p, const struct pipeline_outputs *o,
		       const char *date_text, struct pipeline_written *w, struct diag *d)
{
	char *text = NULL;
	size_t len = 0;
	int rc;

	if (!o->summary && !o->mail.path)
		return 0;
	rc = make_summary(p, o, date_text, w, &text, &len, d);
	if (rc == 0 && o->summary)
		rc = write_summary(p, o, text, len, w, d);
	if (rc == 0 && o->mail.path)
		rc = write_mail(p, o, date_text, text, len, w, d);
	free(text);
	return rc;
}

int pipeline_write(struct pipeline *p, const struct pipeline_outputs *o,
		   struct pipeline_written *w, struct diag *d)
{
	char date_text[64];
	struct chart_files_want want = {
		.dir = o->charts,
		.dpi = o->dpi,
		.mail_dpi = o->mail.path ? mail_dpi(p->doc) : 0,
	};

	memset(w, 0, sizeof *w);
	date_format_long(o->date, p->doc->front.lang, date_text, sizeof date_text);
	/* every output checked before any is written; the chart files and
	 * the e-mail's images are painted in the background while the PDF is
	 * laid out */
	if (pipeline_check_mail(p, o, d) < 0 || declare_files(p, o, d) < 0 ||
	    ((want.dir || want.mail_dpi > 0) &&
	     !(p->charts = chart_files_new(p->doc, p->scenes, p->fonts, &want, p->cpus, p->out,
					   d))) ||
	    outset_check(p->out, d) < 0)
		return -1;
	if (write_pdf(p, o, date_text, w, d) < 0 ||
	    (p->charts && chart_files_write(p->charts, p->out, d) < 0) ||
	    write_texts(p, o, date_text, w, d) < 0 || outset_commit(p->out, d) < 0) {
		free(w->summary_text);
		free(w->mail_text);
		w->summary_text = w->mail_text = NULL;
		w->mail_len = 0;
		return -1;
	}
	w->stale = outset_stale_removed(p->out);
	return 0;
}

/* ---- --new ---------------------------------------------------------------- */

int pipeline_copy_template(const char *from, const char *dir, size_t *nfiles,
			   struct diag *d)
{
	struct outset *out = outset_new();
	int rc;

	if (!out)
		return diag_oom(d);
	rc = template_copy(from, dir, out, nfiles, d) == 0 && outset_commit(out, d) == 0 ? 0 : -1;
	outset_free(out);
	return rc;
}
