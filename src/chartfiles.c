/* chartfiles — every chart as a PNG and an SVG file, painted in worker
 * threads while main lays out the PDF (include/chartfiles.h). */
#include "chartfiles.h"

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "chart.h"
#include "render.h"

/* At most this many threads paint chart files besides the caller. */
#define CHART_WORKERS_MAX 8

/* The file names of a document's charts: each chart's own stem (name: or
 * the title's slug), and the stem its files get, unique in the document. */
struct chart_stems {
	char (*own)[256];      /* per block; "" for blocks that are not charts */
	char (*name)[272];     /* per block: own, or own-N */
};

/* Is s the own stem of a chart, or the name already given to one of the
 * charts before block bi? */
static int stem_taken(const struct chart_stems *S, size_t nblocks, size_t bi, const char *s)
{
	for (size_t i = 0; i < nblocks; i++)
		if ((S->own[i][0] && strcmp(S->own[i], s) == 0) ||
		    (i < bi && strcmp(S->name[i], s) == 0))
			return 1;
	return 0;
}

/* Name every chart's files: the first chart with a stem gets it as it is;
 * a later one with the same stem gets STEM-2, STEM-3 …, skipping any name
 * that another chart has as its own or was given before, so two charts
 * never share a file ("x", "x" and "x-2" give x, x-3 and x-2).  Names stay
 * stable: they depend only on the charts before and the stems of all. */
static int chart_stems_make(const struct doc *doc, struct chart_stems *S)
{
	size_t n = doc->nblocks ? doc->nblocks : 1;

	S->own = calloc(n, sizeof *S->own);
	S->name = calloc(n, sizeof *S->name);
	if (!S->own || !S->name)
		return -1;
	for (size_t i = 0; i < doc->nblocks; i++)
		if (doc->blocks[i].type == BLOCK_CHART)
			chart_file_stem(doc->blocks[i].chart, S->own[i], sizeof S->own[i]);
	for (size_t i = 0; i < doc->nblocks; i++) {
		int copy = 1;

		if (!S->own[i][0])
			continue;
		for (size_t j = 0; j < i; j++)
			copy += strcmp(S->own[j], S->own[i]) == 0;
		if (copy == 1) {
			snprintf(S->name[i], sizeof S->name[i], "%s", S->own[i]);
			continue;
		}
		do
			snprintf(S->name[i], sizeof S->name[i], "%s-%d", S->own[i], copy++);
		while (stem_taken(S, doc->nblocks, i, S->name[i]));
	}
	return 0;
}

static void chart_stems_free(struct chart_stems *S)
{
	free(S->own);
	free(S->name);
}

/* One chart file to paint: a scene as PNG or SVG bytes, in memory.  Jobs
 * are painted by worker threads (and by main once the PDF is written) while
 * main writes them, in order, through the output set: only main touches the
 * output set, libharu and the file system; a job touches only its scene
 * (read-only), the cairo faces (cairo locks the FreeType faces under them:
 * see fonts.h) and its own fields. */
enum chart_job_kind {
	JOB_PNG,  /* DIR/NAME.png at the files' dpi */
	JOB_SVG,  /* DIR/NAME.svg */
	JOB_MAIL  /* NAME.png for the e-mail, in memory only (render_png_small_data) */
};

struct chart_job {
	const struct scene *scene; /* what to paint */
	size_t block;              /* the chart's block in the document */
	enum chart_job_kind kind;
	char path[PATH_MAX];       /* DIR/NAME.EXT; for JOB_MAIL NAME.png */
	unsigned char *data;       /* the file's bytes, once done */
	size_t len;
	struct diag d;             /* why painting failed */
	int rc;                    /* 0 or -1, once done */
	int done;                  /* painted (under chart_files.mu) */
};

/* The jobs of one run and the threads painting them. */
struct chart_files {
	struct chart_job *v;       /* in file order: NAME.png, NAME.svg, ... */
	size_t n;
	size_t next;               /* first job nobody took yet (under mu) */
	int stop;                  /* take no more jobs (under mu) */
	size_t nfiles;             /* the jobs v[0, nfiles) are files, the rest
				      e-mail PNGs */
	struct fonts *fonts;
	double dpi, mail_dpi;
	char dir[PATH_MAX];        /* the charts folder ("" for no files) */
	pthread_mutex_t mu;
	pthread_cond_t done_cv;    /* a job is done */
	pthread_t worker[CHART_WORKERS_MAX];
	int nworkers;              /* started */
};

/* Paint job j (outside the lock). */
static void chart_job_paint(struct chart_files *J, struct chart_job *j)
{
	if (j->kind == JOB_SVG)
		j->rc = render_svg_data(j->scene, J->fonts, j->path, &j->data, &j->len, &j->d);
	else if (j->kind == JOB_PNG)
		j->rc = render_png_data(j->scene, J->fonts, J->dpi, j->path, &j->data, &j->len,
					&j->d);
	else
		j->rc = render_png_small_data(j->scene, J->fonts, J->mail_dpi, j->path, &j->data,
					      &j->len, &j->d);
}

/* Take the next job and paint it; 0 when there was none left. */
static int chart_files_step(struct chart_files *J)
{
	struct chart_job *j = NULL;

	pthread_mutex_lock(&J->mu);
	if (!J->stop && J->next < J->n)
		j = &J->v[J->next++];
	pthread_mutex_unlock(&J->mu);
	if (!j)
		return 0;
	chart_job_paint(J, j);
	pthread_mutex_lock(&J->mu);
	j->done = 1;
	pthread_cond_broadcast(&J->done_cv);
	pthread_mutex_unlock(&J->mu);
	return 1;
}

static void *chart_worker(void *arg)
{
	while (chart_files_step(arg))
		;
	return NULL;
}

/* Stop the workers (after the job each is painting) and wait for them. */
static void chart_files_join(struct chart_files *J)
{
	pthread_mutex_lock(&J->mu);
	J->stop = 1;
	pthread_mutex_unlock(&J->mu);
	for (int i = 0; i < J->nworkers; i++)
		pthread_join(J->worker[i], NULL);
	J->nworkers = 0;
}

void chart_files_free(struct chart_files *J)
{
	if (!J)
		return;
	chart_files_join(J);
	for (size_t i = 0; i < J->n; i++)
		free(J->v[i].data);
	free(J->v);
	pthread_cond_destroy(&J->done_cv);
	pthread_mutex_destroy(&J->mu);
	free(J);
}

/* Workers: one per processor but the one main runs on (at least one, so
 * painting overlaps the PDF layout even there), no more than jobs.  They
 * start with SIGINT, SIGTERM and SIGHUP blocked, so those reach main, the
 * only thread that changes outfile's list of temporaries. */
static void chart_files_start(struct chart_files *J, int cpus)
{
	long want = cpus > 1 ? cpus - 1 : 1;
	sigset_t block, old;

	if (want > CHART_WORKERS_MAX)
		want = CHART_WORKERS_MAX;
	if ((size_t)want > J->n)
		want = (long)J->n;
	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGHUP);
	pthread_sigmask(SIG_BLOCK, &block, &old);
	for (long i = 0; i < want; i++)
		if (pthread_create(&J->worker[J->nworkers], NULL, chart_worker, J) == 0)
			J->nworkers++;
	pthread_sigmask(SIG_SETMASK, &old, NULL);
}

/* Room in the output set for the files of every chart, else an error at
 * the first chart over the limit (its spec line): a run writes at most
 * OUTFILE_MAX_FILES files.  0 or -1 with d filled. */
static int chart_files_room(const struct doc *doc, struct scene *const *scenes,
			    const struct outset *out, struct diag *d)
{
	size_t room = outset_room(out), need = 0;

	for (size_t i = 0; i < doc->nblocks; i++) {
		const struct block *b = &doc->blocks[i];

		if (!scenes[i])
			continue;
		need += 2;
		if (need > room) {
			diag_error(d, EXIT_DATAERR, doc->path, b->line, 1,
				   "too many charts for chart files: chart \"%s\" would make output "
				   "file %zu, and a run writes at most %d (the PDF, the summary and "
				   "two per chart); --no-chart-files writes none",
				   b->chart->title, OUTFILE_MAX_FILES - room + need, OUTFILE_MAX_FILES);
			return -1;
		}
	}
	return 0;
}

/* The two jobs of the chart of block bi, named DIR/NAME.png and .svg,
 * declared to the output set.  0 or -1 with d filled. */
static int chart_files_add(struct chart_files *J, size_t bi, const struct scene *scene,
			   const char *name, struct outset *out, struct diag *d)
{
	for (int svg = 0; svg < 2; svg++) {
		struct chart_job *j = &J->v[J->n];
		int len = snprintf(j->path, sizeof j->path, "%s/%s.%s", J->dir, name,
				   svg ? "svg" : "png");

		if (len < 0 || (size_t)len >= sizeof j->path) {
			diag_error(d, EXIT_CANTCREAT, J->dir, 0, 0, "cannot create output: %s",
				   strerror(ENAMETOOLONG));
			return -1;
		}
		if (outset_output(out, j->path, "chart file", OUTSET_FILE, d) < 0)
			return -1;
		j->scene = scene;
		j->block = bi;
		j->kind = svg ? JOB_SVG : JOB_PNG;
		J->n++;
	}
	return 0;
}

/* The e-mail PNG job of the chart of block bi, named NAME.png. */
static void chart_files_add_mail(struct chart_files *J, size_t bi, const struct scene *scene,
				 const char *name)
{
	struct chart_job *j = &J->v[J->n++];

	snprintf(j->path, sizeof j->path, "%s.png", name);
	j->scene = scene;
	j->block = bi;
	j->kind = JOB_MAIL;
}

/* The jobs for every chart, declared to out, painting begun in the
 * background.  NULL with d filled (out of memory, too many files, or a PNG
 * too large: render_png_check, before anything is painted). */
struct chart_files *chart_files_new(const struct doc *doc, struct scene *const *scenes,
				    struct fonts *fonts, const struct chart_files_want *want,
				    int cpus, struct outset *out, struct diag *d)
{
	struct chart_files *J = calloc(1, sizeof *J);
	struct chart_stems S = { 0 };
	const char *dir = want->dir;
	double dpi = want->dpi;
	int rc = 0;

	if (J)
		J->v = calloc(3 * (doc->nblocks ? doc->nblocks : 1), sizeof *J->v);
	if (!J || !J->v || chart_stems_make(doc, &S) < 0) {
		if (J)
			free(J->v);
		free(J);
		chart_stems_free(&S);
		diag_oom(d);
		return NULL;
	}
	J->fonts = fonts;
	J->dpi = dpi;
	J->mail_dpi = want->mail_dpi;
	snprintf(J->dir, sizeof J->dir, "%s", dir ? dir : "");
	pthread_mutex_init(&J->mu, NULL);
	pthread_cond_init(&J->done_cv, NULL);
	rc = dir ? chart_files_room(doc, scenes, out, d) : 0;
	for (size_t i = 0; dir && rc == 0 && i < doc->nblocks; i++) {
		if (!scenes[i])
			continue;
		rc = render_png_check(scenes[i], dpi, doc->blocks[i].chart->title, doc->path,
				      doc->blocks[i].line, d);
		if (rc == 0 && J->n == 0)
			rc = outset_output(out, dir, "charts folder", OUTSET_FOLDER, d);
		if (rc == 0)
			rc = chart_files_add(J, i, scenes[i], S.name[i], out, d);
	}
	J->nfiles = J->n;
	/* the e-mail's PNGs are about 1,200 pixels across a page's text width
	 * (mail.h), so no chart (DOC_CHART_MAX_PT a side at most) comes near
	 * RENDER_PNG_MAX_PIXELS: no check */
	for (size_t i = 0; want->mail_dpi > 0 && rc == 0 && i < doc->nblocks; i++)
		if (scenes[i])
			chart_files_add_mail(J, i, scenes[i], S.name[i]);
	chart_stems_free(&S);
	if (rc < 0) {
		chart_files_free(J);
		return NULL;
	}
	chart_files_start(J, cpus);
	return J;
}

/* Job i, painted.  While it is not, this thread paints the next job
 * nobody took (i itself, or one after it, whose file is written later);
 * it waits only when every job is taken. */
static struct chart_job *chart_files_get(struct chart_files *J, size_t i)
{
	struct chart_job *j = &J->v[i];

	for (;;) {
		pthread_mutex_lock(&J->mu);
		while (!j->done && J->next >= J->n)
			pthread_cond_wait(&J->done_cv, &J->mu);
		int done = j->done;
		pthread_mutex_unlock(&J->mu);
		if (done)
			return j;
		chart_files_step(J);
	}
}

/* Write each chart's PNG and SVG (painted by the jobs) through the output
 * set, in chart order, each as soon as it is painted. */
int chart_files_write(struct chart_files *J, struct outset *out, struct diag *d)
{
	if (J->nfiles && outset_make_folder(out, J->dir, "charts folder", d) < 0)
		return -1;
	for (size_t i = 0; i < J->nfiles; i++) {
		struct chart_job *j = chart_files_get(J, i);
		int rc;

		if (j->rc < 0) {
			*d = j->d;
			return -1;
		}
		rc = outset_write_owned(out, j->path, j->data, j->len, d);
		j->data = NULL;
		if (rc < 0)
			return -1;
	}
	return 0;
}

/* The job of kind k for block bi, or NULL. */
static struct chart_job *chart_files_job(const struct chart_files *J, size_t bi,
					 enum chart_job_kind k)
{
	for (size_t i = 0; J && i < J->n; i++)
		if (J->v[i].block == bi && J->v[i].kind == k)
			return &J->v[i];
	return NULL;
}

const char *chart_files_png(const struct chart_files *J, size_t bi)
{
	const struct chart_job *j = chart_files_job(J, bi, JOB_PNG);

	return j ? j->path : NULL;
}

const char *chart_files_image_name(const struct chart_files *J, size_t bi)
{
	const struct chart_job *j = chart_files_job(J, bi, JOB_MAIL);
	const char *slash;

	if (j)
		return j->path;
	if (!(j = chart_files_job(J, bi, JOB_PNG)))
		return NULL;
	slash = strrchr(j->path, '/');
	return slash ? slash + 1 : j->path;
}

int chart_files_mail_png(struct chart_files *J, size_t bi, const unsigned char **data,
			 size_t *len, struct diag *d)
{
	struct chart_job *j = chart_files_job(J, bi, JOB_MAIL);

	if (!j) {
		diag_error(d, EXIT_SOFTWARE, NULL, 0, 0, "no e-mail image for block %zu", bi);
		return -1;
	}
	j = chart_files_get(J, (size_t)(j - J->v));
	if (j->rc < 0) {
		*d = j->d;
		return -1;
	}
	*data = j->data;
	*len = j->len;
	return 0;
}
