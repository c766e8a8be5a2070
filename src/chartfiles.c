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

/* DIR/STEM.EXT, with -2, -3 … added when two charts would share a name. */
static void chart_path(const char *dir, const char *stem, int copy, const char *ext,
		       char *buf, size_t size)
{
	if (copy > 1)
		snprintf(buf, size, "%s/%s-%d.%s", dir, stem, copy, ext);
	else
		snprintf(buf, size, "%s/%s.%s", dir, stem, ext);
}

/* How many charts before block bi have the same file stem (so names stay
 * unique and stable). */
static int stem_copy(const struct doc *doc, size_t bi, const char *stem)
{
	char other[256];
	int copy = 1;

	for (size_t i = 0; i < bi; i++) {
		if (doc->blocks[i].type != BLOCK_CHART)
			continue;
		chart_file_stem(doc->blocks[i].chart, other, sizeof other);
		copy += strcmp(other, stem) == 0;
	}
	return copy;
}

/* One chart file to paint: a scene as PNG or SVG bytes, in memory.  Jobs
 * are painted by worker threads (and by main once the PDF is written) while
 * main writes them, in order, through the output set: only main touches the
 * output set, libharu and the file system; a job touches only its scene
 * (read-only), the cairo faces (cairo locks the FreeType faces under them:
 * see fonts.h) and its own fields. */
struct chart_job {
	const struct scene *scene; /* what to paint */
	size_t block;              /* the chart's block in the document */
	int svg;                   /* 1 SVG, 0 PNG */
	char path[PATH_MAX];       /* DIR/STEM.EXT */
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
	struct fonts *fonts;
	double dpi;
	char dir[PATH_MAX];        /* the charts folder */
	pthread_mutex_t mu;
	pthread_cond_t done_cv;    /* a job is done */
	pthread_t worker[CHART_WORKERS_MAX];
	int nworkers;              /* started */
};

/* Paint job j (outside the lock). */
static void chart_job_paint(struct chart_files *J, struct chart_job *j)
{
	if (j->svg)
		j->rc = render_svg_data(j->scene, J->fonts, j->path, &j->data, &j->len, &j->d);
	else
		j->rc = render_png_data(j->scene, J->fonts, J->dpi, j->path, &j->data, &j->len,
					&j->d);
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

/* The jobs for every chart (DIR/NAME.png and DIR/NAME.svg), painting begun
 * in the background.  NULL with d filled when out of memory or a PNG would
 * be too large (render_png_check, before anything is painted). */
struct chart_files *chart_files_new(const struct doc *doc, struct scene *const *scenes,
				    struct fonts *fonts, const char *dir, double dpi, int cpus,
				    struct diag *d)
{
	struct chart_files *J = calloc(1, sizeof *J);

	if (J)
		J->v = calloc(2 * (doc->nblocks ? doc->nblocks : 1), sizeof *J->v);
	if (!J || !J->v) {
		if (J)
			free(J);
		diag_error(d, EXIT_SOFTWARE, NULL, 0, 0, "out of memory");
		return NULL;
	}
	J->fonts = fonts;
	J->dpi = dpi;
	snprintf(J->dir, sizeof J->dir, "%s", dir);
	pthread_mutex_init(&J->mu, NULL);
	pthread_cond_init(&J->done_cv, NULL);
	for (size_t i = 0; i < doc->nblocks; i++) {
		char stem[256];
		int copy;

		if (!scenes[i])
			continue;
		if (render_png_check(scenes[i], dpi, doc->blocks[i].chart->title, doc->path,
				     doc->blocks[i].line, d) < 0) {
			chart_files_free(J);
			return NULL;
		}
		chart_file_stem(doc->blocks[i].chart, stem, sizeof stem);
		copy = stem_copy(doc, i, stem);
		for (int svg = 0; svg < 2; svg++) {
			struct chart_job *j = &J->v[J->n++];
			j->scene = scenes[i];
			j->block = i;
			j->svg = svg;
			chart_path(dir, stem, copy, svg ? "svg" : "png", j->path,
				   sizeof j->path);
		}
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
	if (J->n && outset_make_folder(out, J->dir, "charts folder", d) < 0)
		return -1;
	for (size_t i = 0; i < J->n; i++) {
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

const char *chart_files_png(const struct chart_files *J, size_t bi)
{
	for (size_t i = 0; J && i < J->n; i++)
		if (J->v[i].block == bi && !J->v[i].svg)
			return J->v[i].path;
	return NULL;
}
