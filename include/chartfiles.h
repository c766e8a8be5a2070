/* chartfiles — each chart of a document also as DIR/NAME.png (opaque, at a
 * given dpi) and DIR/NAME.svg, for slides and documents, and as NAME.png
 * in memory for an e-mail (a palette PNG at its own dpi: render.h's
 * render_png_small_data).  NAME is the chart's name: or a slug of its
 * title, with -2, -3 … when two charts would share one (skipping a name
 * another chart has: no two charts share a file).  Painting starts in
 * worker threads at chart_files_new(), so it overlaps the PDF layout;
 * chart_files_write() then hands the files, in chart order, to the output
 * set (painting what no worker took yet), and chart_files_mail_png() hands
 * out an e-mail PNG likewise.  Only the calling thread touches the output
 * set and the file system; the workers touch only their scene and the
 * cairo faces (see fonts.h), and block SIGINT, SIGTERM and SIGHUP so those
 * reach the caller. */
#ifndef BRIEFING_CHARTFILES_H
#define BRIEFING_CHARTFILES_H

#include <stddef.h>
#include "diag.h"
#include "fonts.h"
#include "outfile.h"
#include "scene.h"
#include "doc.h"

struct chart_files;

/* What to paint. */
struct chart_files_want {
	const char *dir;  /* the folder of the chart files, or NULL for none */
	double dpi;       /* their PNGs' resolution */
	double mail_dpi;  /* the e-mail PNGs' resolution, or 0 for none */
};

/* The files of every block with a scene (scenes[i], NULL for blocks that
 * are not charts): with want->dir, NAME.png and NAME.svg in that folder,
 * declared to out (the folder as "charts folder", each file as "chart
 * file": see outset_output); with want->mail_dpi, NAME.png for the e-mail,
 * in memory.  Painting is begun by one worker thread per CPU but the
 * caller's (cpus: the CPUs the run may use; at least one worker, so
 * painting overlaps the caller's work even on one CPU).  NULL with d
 * filled: EXIT_DATAERR at the spec line of the first chart whose files
 * would not fit in out (OUTFILE_MAX_FILES), EXIT_DATAERR at the chart's
 * block when a file's PNG would have more than RENDER_PNG_MAX_PIXELS,
 * EXIT_CANTCREAT for a path too long, or out of memory. */
struct chart_files *chart_files_new(const struct doc *doc, struct scene *const *scenes,
				    struct fonts *fonts, const struct chart_files_want *want,
				    int cpus, struct outset *out, struct diag *d);

/* Make dir if missing (its parent must exist), then write every file
 * through out as soon as it is painted.  0, or -1 with d filled (a painting
 * error, EXIT_CANTCREAT for the folder, or what outset_write() says). */
int chart_files_write(struct chart_files *J, struct outset *out, struct diag *d);

/* The PNG path of block bi's chart file, or NULL (not a chart, no files;
 * J NULL). */
const char *chart_files_png(const struct chart_files *J, size_t bi);

/* The file name of block bi's chart image ("NAME.png", the same for the
 * file and the e-mail's image), or NULL (not a chart, no image; J NULL). */
const char *chart_files_image_name(const struct chart_files *J, size_t bi);

/* Block bi's e-mail PNG, painted (by this thread if no worker has taken
 * it): *data (J's; valid until chart_files_free) and *len.  0, or -1 with
 * d filled (painting failed; no e-mail PNG for bi: EXIT_SOFTWARE). */
int chart_files_mail_png(struct chart_files *J, size_t bi, const unsigned char **data,
			 size_t *len, struct diag *d);

/* Stop the workers and free (NULL is ok). */
void chart_files_free(struct chart_files *J);

#endif
