/* data_input — the files one pass reads: the dataset's file, or, when its
 * path names a folder (what Spark, DuckDB, Hive or Dask write), every
 * *.csv and *.csv.gz file in it, in name order, read one after the other as
 * one table.  A folder's markers (_SUCCESS, _committed_*, _started_*, .crc
 * checksums, dotfiles) are passed over; any other file is too, with a
 * warning.  Every part must have the first part's header: a later part's
 * header row is compared with it, name by name, instead of being kept.  Each
 * part has its own lines (errors name the part and its line) and its own
 * rows and SHA-256 for the sources page. */
#include "data_int.h" /* strverscmp: _GNU_SOURCE is the Makefile's */

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "grow.h"

/* Whether name ends with suffix (ASCII letters in any case: .CSV). */
static int ends_with(const char *name, const char *suffix)
{
	size_t n = strlen(name), k = strlen(suffix);

	return n > k && strcasecmp(name + n - k, suffix) == 0;
}

/* A marker the writers leave beside their parts, passed over silently. */
static int is_marker(const char *name)
{
	return name[0] == '.' || strcmp(name, "_SUCCESS") == 0 ||
	       strncmp(name, "_committed_", 11) == 0 || strncmp(name, "_started_", 9) == 0 ||
	       ends_with(name, ".crc");
}

/* Name order as people read numbered names (data_2.csv before data_10.csv;
 * zero-padded names, part-00000 …, sort as they are). */
static int by_name(const void *a, const void *b)
{
	const struct data_infile *x = a, *y = b;

	return strverscmp(x->path, y->path);
}

void data_input_free(struct data_input *in)
{
	for (size_t i = 0; in->files && i < in->n; i++)
		free(in->files[i].path);
	free(in->files);
	memset(in, 0, sizeof *in);
}

/* Add the part dir/name to in (its size from st).  0 or -1 (OOM). */
static int add_part(struct data_input *in, size_t *cap, const char *dir, const char *name,
		    long long size)
{
	size_t dl = strlen(dir);
	struct data_infile *f;

	if (grow_array(&in->files, cap, in->n + 1, sizeof *in->files) < 0)
		return -1;
	f = &in->files[in->n];
	memset(f, 0, sizeof *f);
	if (asprintf(&f->path, "%s%s%s", dir, dl && dir[dl - 1] == '/' ? "" : "/", name) < 0) {
		f->path = NULL;
		return -1;
	}
	f->size = size;
	in->total += size;
	in->n++;
	return 0;
}

/* The files of the folder path (resolved and confined: data_open_dir()):
 * its parts, sorted; the other files counted into *others, the first few
 * named in *names.  0, or -1 with d filled. */
static int list_parts(struct data_input *in, const char *path, struct query **qs, size_t nq,
		      const struct data_options *o, size_t *others, char *names, size_t size,
		      struct diag *d)
{
	char *real = data_open_dir(path, qs, nq, o, d);
	const char *file;
	struct dirent *e;
	size_t cap = 0;
	int line, col, rc = 0;
	DIR *dir;

	if (!real)
		return -1;
	data_file_where(path, qs, nq, &file, &line, &col);
	if (!(dir = opendir(real))) {
		diag_error(d, EXIT_NOINPUT, file, line, col, "cannot open %s: %s", path,
			   strerror(errno));
		free(real);
		return -1;
	}
	while (rc == 0 && (e = readdir(dir)) != NULL) {
		struct stat st;
		char *p = NULL;

		if (is_marker(e->d_name))
			continue;
		if (!ends_with(e->d_name, ".csv") && !ends_with(e->d_name, ".csv.gz")) {
			if ((*others)++ < 3)
				snprintf(names + strlen(names), size - strlen(names), "%s%.60s",
					 *others > 1 ? ", " : "", e->d_name);
			continue;
		}
		/* the size, for progress; data_open() checks the part itself */
		if (asprintf(&p, "%s/%s", real, e->d_name) < 0)
			p = NULL;
		rc = !p ? -1 : add_part(in, &cap, path, e->d_name,
					stat(p, &st) == 0 ? (long long)st.st_size : 0);
		free(p);
	}
	closedir(dir);
	free(real);
	if (rc < 0)
		return diag_oom(d);
	if (in->n)
		qsort(in->files, in->n, sizeof *in->files, by_name);
	return 0;
}

/* The files of path: the file itself, or a folder's parts.  An empty
 * folder is an error; a folder with other files than parts and markers
 * gets a warning.  0, or -1 with d filled. */
int data_input_open(struct data_input *in, const char *path, struct query **qs, size_t nq,
		    const struct data_options *o, struct diag *d, struct diag_list *warn)
{
	struct stat st;
	char names[256] = "";
	size_t others = 0, cap = 0;
	const char *file;
	int line, col;

	memset(in, 0, sizeof *in);
	if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode)) {
		/* one file (data_open() says what is wrong with it, if anything) */
		if (grow_array(&in->files, &cap, 1, sizeof *in->files) < 0 ||
		    !(in->files[0].path = strdup(path))) {
			data_input_free(in);
			return diag_oom(d);
		}
		in->files[0].size = in->total = S_ISREG(st.st_mode) ? (long long)st.st_size : 0;
		in->files[0].sha256[0] = '\0';
		in->files[0].rows = 0;
		in->n = 1;
		return 0;
	}
	in->folder = 1;
	if (list_parts(in, path, qs, nq, o, &others, names, sizeof names, d) < 0) {
		data_input_free(in);
		return -1;
	}
	data_file_where(path, qs, nq, &file, &line, &col);
	if (in->n == 0) {
		diag_error(d, EXIT_NOINPUT, file, line, col, "%s is a folder without *.csv or "
			   "*.csv.gz files%s%s%s", path, others ? " (it holds " : "", names,
			   others > 3 ? ", ...)" : others ? ")" : "");
		data_input_free(in);
		return -1;
	}
	if (others)
		diag_warn(warn, file, line, col, "%zu file%s in %s not read (neither *.csv nor "
			  "*.csv.gz): %s%s", others, others == 1 ? "" : "s", path, names,
			  others > 3 ? ", ..." : "");
	return 0;
}

/* File k of the input starts: its own lines, skip: lines and header
 * line; a later part's header row is checked against the names. */
void data_input_begin(struct data_ctx *c, const struct data_input *in, size_t k)
{
	struct data_loc *l = &c->loc;

	c->path = in->files[k].path;
	l->line = l->base_line = l->row_line = 1;
	l->at_line_start = 1;
	l->rb_len = 0;
	l->rb_lost = 0;
	l->row_skip = 0;
	data_text_file_start(c);
	if (c->hdr.done) {
		c->hdr.done = 0;
		c->hdr.check = 1;
	}
}

/* The name of a path, after its last '/'. */
static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

/* Field k of a later part's header row: the first part's name k. */
void data_part_header_field(struct data_ctx *c, size_t k, const char *t, size_t len)
{
	size_t a = 0, b = len;

	data_trim(t, &a, &b);
	if (k >= c->hdr.ncols)
		data_field_error(c, k, "this part's header has more columns than %s's (%zu): "
				 "column %zu is \"%.*s\"", base_name(c->hdr.from), c->hdr.ncols,
				 k + 1, (int)(b - a > 80 ? 80 : b - a), t + a);
	else if (strlen(c->hdr.names[k]) != b - a || memcmp(c->hdr.names[k], t + a, b - a) != 0)
		data_field_error(c, k, "this part's header differs from %s's: column %zu is "
				 "\"%.*s\", not \"%s\"", base_name(c->hdr.from), k + 1,
				 (int)(b - a > 80 ? 80 : b - a), t + a, c->hdr.names[k]);
}

/* A later part's header row is complete: as long as the first part's. */
void data_part_header_done(struct data_ctx *c)
{
	if (c->row.nfields < c->hdr.ncols)
		data_field_error(c, c->row.nfields, "this part's header has %zu column%s, %s's has "
				 "%zu: column %zu, \"%s\", is missing", c->row.nfields,
				 c->row.nfields == 1 ? "" : "s", base_name(c->hdr.from),
				 c->hdr.ncols, c->row.nfields + 1, c->hdr.names[c->row.nfields]);
	c->hdr.check = 0;
	c->hdr.done = 1;
}

/* File k has been read to its end (stored bytes, their digest) and libcsv
 * has its last row: its rows.  An empty file is an error, but for an empty
 * part of a folder (no rows). */
void data_input_end(struct data_ctx *c, struct data_input *in, size_t k, long long stored,
		    const char *sha256, size_t rows_before)
{
	struct data_infile *f = &in->files[k];

	if (c->failed)
		return;
	f->size = stored;
	memcpy(f->sha256, sha256, sizeof f->sha256);
	if (c->hdr.check) { /* an empty part: the header is still the first's */
		c->hdr.check = 0;
		c->hdr.done = 1;
	} else if (!c->hdr.done && !in->folder) {
		diag_error(c->d, EXIT_DATAERR, c->path, 1, 1, "empty file: no header row");
		c->failed = 1;
		return;
	} else if (c->hdr.done && !c->hdr.from) {
		c->hdr.from = f->path;
	}
	f->rows = c->rows_read - rows_before;
}

/* Every file has been read: a folder whose parts are all empty has no
 * header either. */
void data_input_finish(struct data_ctx *c, const char *path)
{
	const char *file;
	int line, col;

	if (c->failed || c->hdr.done)
		return;
	data_file_where(path, c->qs, c->nq, &file, &line, &col);
	diag_error(c->d, EXIT_DATAERR, file, line, col, "every file in %s is empty: no header "
		   "row", path);
	c->failed = 1;
}

/* A folder's parts into r (one allocation, paths after the array). */
int data_input_results(const struct data_input *in, struct query_result *r)
{
	size_t bytes = in->n * sizeof *r->parts;
	char *p;

	if (!in->folder)
		return 0;
	for (size_t i = 0; i < in->n; i++)
		bytes += strlen(in->files[i].path) + 1;
	if (!(r->parts = malloc(bytes)))
		return -1;
	p = (char *)(r->parts + in->n);
	for (size_t i = 0; i < in->n; i++) {
		struct query_part *q = &r->parts[i];
		size_t len = strlen(in->files[i].path) + 1;

		q->path = memcpy(p, in->files[i].path, len);
		p += len;
		q->rows = in->files[i].rows;
		q->bytes = in->files[i].size;
		memcpy(q->sha256, in->files[i].sha256, sizeof q->sha256);
	}
	r->nparts = in->n;
	return 0;
}
