/* layout_sources — the sources page, generated, never written by hand: every
 * distinct source named by the data a block used (the CSV's source column
 * over the rows each query matched, or a block's or value's source:), with
 * the blocks and values that used it (a computed value under the sources
 * of the values it is computed from); every input file (the spec and each
 * CSV, as the pipeline lists them, a folder as its parts) with its data
 * rows and SHA-256; the program version, the report date and the command
 * that made the PDF. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout_int.h"
#include "num.h"
#include "sha256.h"
#include "strset.h"

int lay_sources_wanted(const struct lay *L)
{
	const struct doc *doc = L->doc;

	if (doc->front.sources != FM_AUTO)
		return doc->front.sources;
	if (doc->nvalues)
		return 1;
	for (size_t i = 0; i < doc->nblocks; i++)
		if (doc->blocks[i].type == BLOCK_DATA_TABLE || doc->blocks[i].type == BLOCK_CHART)
			return 1;
	return 0;
}

enum user_kind { USER_CHART, USER_TABLE, USER_VALUE };

/* A block or value that used a source: what the reader sees of it. */
struct user {
	enum user_kind kind;
	const char *label;  /* chart title, table caption (or file), or the value's name */
};

/* One distinct source and who used it. */
struct use {
	const char *source;
	VEC(struct user) users;
};

typedef VEC(struct use) use_list;

/* Record that `label` used each of the n sources.  ix finds a source's
 * entry by name (the one string map; each entry's value is 1 + its index
 * in uses), so that a CSV naming 80,000 distinct sources is listed in
 * linear time, not by comparing each with every one before it (8 s). */
static int add_uses(struct lay *L, use_list *uses, struct strset *ix, char *const *sources,
		    size_t n, enum user_kind kind, const char *label)
{
	for (size_t i = 0; i < n; i++) {
		int added;
		long id = strset_add(ix, sources[i], strlen(sources[i]), &added);
		size_t k, j;

		if (id < 0) {
			L->oom = 1;
			return -1;
		}
		if (added) {
			if (VEC_PUSH(L, *uses, ((struct use){ sources[i], { 0 } })))
				return -1;
			ix->ents[id].val = uses->n;
		}
		k = ix->ents[id].val - 1;
		struct use *u = &uses->v[k];
		for (j = 0; j < u->users.n; j++)
			if (u->users.v[j].kind == kind && !strcmp(u->users.v[j].label, label))
				break;
		if (j == u->users.n && VEC_PUSH(L, u->users, ((struct user){ kind, label })))
			return -1;
	}
	return 0;
}

/* A printf into a new owned string. */
static const char *own_printf(struct lay *L, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static const char *own_printf(struct lay *L, const char *fmt, ...)
{
	va_list ap;
	char *s = NULL;

	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) < 0)
		s = NULL;
	va_end(ap);
	return lay_own(L, s);
}

/* "charts “A”, “B”; table “C”; values x, y" for one source (words and
 * quotation marks of the document's language). */
static const char *users_text(struct lay *L, const struct use *u)
{
	const struct lang *lg = lay_lang(L);
	char *s = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&s, &len);

	if (!f)
		return lay_own(L, NULL);
	for (int kind = USER_CHART; kind <= USER_VALUE; kind++) {
		size_t n = 0, k = 0;
		for (size_t i = 0; i < u->users.n; i++)
			n += u->users.v[i].kind == (enum user_kind)kind;
		for (size_t i = 0; i < u->users.n; i++) {
			const struct user *us = &u->users.v[i];
			if (us->kind != (enum user_kind)kind)
				continue;
			if (k++)
				fputs(", ", f);
			else
				fprintf(f, "%s%s", ftell(f) ? "; " : "", lg->users[kind][n > 1]);
			if (kind == USER_VALUE)
				fputs(us->label, f);
			else
				fprintf(f, "%s%s%s", lg->quote[0], us->label, lg->quote[1]);
		}
	}
	if (fclose(f)) {
		free(s);
		s = NULL;
	}
	return lay_own(L, s);
}

/* The sources of a value read from data: its source:, else its CSV's. */
static void value_sources(const struct value_def *v, char *const **src, size_t *n)
{
	*src = v->source ? &v->source : v->q.res.sources;
	*n = v->source ? 1 : v->q.res.nsources;
}

/* A value's sources, under its name: a computed value (expr:) has those
 * of the values read from data that it rests on. */
static int value_uses(struct lay *L, use_list *uses, struct strset *ix, const struct value_def *v)
{
	const struct doc *doc = L->doc;
	char *const *src;
	size_t n;
	int rc = 0;

	if (!v->expr) {
		value_sources(v, &src, &n);
		return add_uses(L, uses, ix, src, n, USER_VALUE, v->name);
	}
	for (size_t k = 0; rc == 0 && k < v->ninputs; k++) {
		value_sources(&doc->values[v->inputs[k]], &src, &n);
		rc = add_uses(L, uses, ix, src, n, USER_VALUE, v->name);
	}
	return rc;
}

/* Every source with its users, in the order the document first uses them. */
static int sources_table(struct lay *L)
{
	const struct doc *doc = L->doc;
	use_list uses = { 0 };
	struct strset ix = { 0 };
	const char **cells = NULL;
	static const struct col_width w[2] = { { 42, 1 }, { 58, 1 } };
	int rc = 0;

	for (size_t i = 0, v = 0; !rc && (i < doc->nblocks || v < doc->nvalues);) {
		/* values and blocks in document order, by spec line */
		if (v < doc->nvalues && (i == doc->nblocks || doc->values[v].line <= doc->blocks[i].line)) {
			rc = value_uses(L, &uses, &ix, &doc->values[v++]);
			continue;
		}
		const struct block *b = &doc->blocks[i++];
		if (b->type == BLOCK_CHART) {
			const struct chart_block *c = b->chart;
			char *given[1] = { c->source };
			rc = c->source && *c->source
				? add_uses(L, &uses, &ix, given, 1, USER_CHART, c->title)
				: add_uses(L, &uses, &ix, c->q.res.sources, c->q.res.nsources,
					   USER_CHART, c->title);
		} else if (b->type == BLOCK_DATA_TABLE) {
			const struct table_block *t = b->table;
			const char *const *of = lay_lang(L)->table_of;
			const char *label = t->caption ? t->caption
						       : own_printf(L, "%s%s%s", of[0], t->q.path, of[1]);
			char *given[1] = { t->source };
			rc = !label ? -1 : t->source
				? add_uses(L, &uses, &ix, given, 1, USER_TABLE, label)
				: add_uses(L, &uses, &ix, t->q.res.sources, t->q.res.nsources,
					   USER_TABLE, label);
		}
	}
	if (!rc && uses.n) {
		cells = calloc(2 * (uses.n + 1), sizeof *cells);
		if (!cells) {
			L->oom = 1;
			rc = -1;
		}
	}
	if (!rc && uses.n) {
		cells[0] = lay_lang(L)->col_source;
		cells[1] = lay_lang(L)->col_used_by;
		for (size_t k = 0; k < uses.n; k++) {
			cells[2 * (k + 1)] = uses.v[k].source;
			cells[2 * (k + 1) + 1] = users_text(L, &uses.v[k]);
		}
		struct run r;
		struct inlines in;
		lay_one_run(&r, &in, lay_lang(L)->sources_cited, 0);
		rc = lay_heading(L, &in, 2, NULL, 60, KEY_NONE);
		if (!rc && !L->oom)
			rc = lay_string_table(L, 2, uses.n, cells, NULL, w, NULL, NULL);
	}
	for (size_t k = 0; k < uses.n; k++)
		free(uses.v[k].users.v);
	free(uses.v);
	strset_free(&ix);
	free(cells);
	return rc || L->oom ? -1 : lay_failed(L);
}

/* A row count as the document prints numbers ("12,345", "12 345"). */
static const char *row_count(struct lay *L, size_t rows)
{
	char buf[64];

	num_format_auto_style(buf, sizeof buf, &lay_lang(L)->num, (double)rows, 0, 1);
	return own_printf(L, "%s", buf);
}

/* One row of the files table: path, its rows (NULL: a dash) and its
 * digest: known (from the data pass or spec_parse, each read once), else
 * (out of memory then) read from the file again.  0 or -1 with d. */
static int file_row(struct lay *L, const char **row, const char *path, const size_t *rows,
		    const char *known, struct diag *d)
{
	char hex[65];

	if (known[0])
		memcpy(hex, known, sizeof hex);
	else if (sha256_file(path, hex) < 0) {
		diag_error(d, errno == ENOMEM ? EXIT_SOFTWARE : EXIT_NOINPUT, path, 0, 0,
			   "cannot read %s for its checksum: %s", path, strerror(errno));
		return -1;
	}
	row[0] = path;
	row[1] = rows ? row_count(L, *rows) : "\xe2\x80\x94";
	row[2] = own_printf(L, "%s", hex);
	return 0;
}

/* The spec and every CSV it reads, each once (opt->files: the pipeline
 * batched its queries by the same files), with rows and SHA-256; a folder
 * as its parts, each with its own (of its bytes as stored). */
static int files_table(struct lay *L, struct diag *d)
{
	const struct doc *doc = L->doc;
	const struct query *const *qs = L->opt->files;
	size_t n = qs ? L->opt->nfiles : 0, nrows = 1, r = 1;
	const char **cells;
	static const enum cell_align al[3] = { ALIGN_LEFT, ALIGN_RIGHT, ALIGN_LEFT };
	int rc = 0;

	for (size_t k = 0; k < n; k++)
		nrows += qs[k]->res.nparts ? qs[k]->res.nparts : 1;
	if (!(cells = calloc(3 * (nrows + 1), sizeof *cells))) {
		L->oom = 1;
		return -1;
	}
	cells[0] = lay_lang(L)->col_file;
	cells[1] = lay_lang(L)->col_rows;
	cells[2] = "SHA-256";
	rc = file_row(L, cells + 3, doc->path, NULL, doc->sha256, d);
	for (size_t k = 0; !rc && k < n; k++) {
		const struct query_result *res = &qs[k]->res;

		for (size_t i = 0; !rc && i < res->nparts; i++)
			rc = file_row(L, cells + 3 * ++r, res->parts[i].path, &res->parts[i].rows,
				      res->parts[i].sha256, d);
		if (!res->nparts)
			rc = file_row(L, cells + 3 * ++r, qs[k]->path, &res->rows_read, res->sha256, d);
	}
	if (!rc && !L->oom) {
		struct run run;
		struct inlines in;
		lay_one_run(&run, &in, lay_lang(L)->input_files, 0);
		rc = lay_heading(L, &in, 2, NULL, 60, KEY_NONE);
		if (!rc)
			rc = lay_string_table(L, 3, nrows, cells, al, NULL, NULL, NULL);
	}
	free(cells);
	return rc || L->oom ? -1 : lay_failed(L);
}

char *layout_command_line(int argc, char *const *argv)
{
	char *s = NULL;
	size_t len = 0;
	FILE *f;

	if (!argv || argc < 1 || !argv[0])
		return NULL;
	if (!(f = open_memstream(&s, &len)))
		return NULL;
	const char *prog = strrchr(argv[0], '/');
	fputs(prog ? prog + 1 : argv[0], f);
	for (int i = 1; i < argc && argv[i]; i++) {
		const char *a = argv[i];

		fputc(' ', f);
		if (*a && !a[strcspn(a, " \t\n'\"\\$`!*?[]{}()<>|&;#~")]) {
			fputs(a, f);
			continue;
		}
		fputc('\'', f);
		for (; *a; a++) {
			if (*a == '\'')
				fputs("'\\''", f);
			else
				fputc(*a, f);
		}
		fputc('\'', f);
	}
	if (fclose(f)) {
		free(s);
		s = NULL;
	}
	return s;
}

/* Version, report date and command, in the pieces of lang's made[]: the
 * closing "." is left out after a date that ends in one ("2026 г."). */
static int made_by(struct lay *L)
{
	const char *const *m = lay_lang(L)->made;
	const char *cmd = L->opt->argv ? lay_own(L, layout_command_line(L->opt->argc, L->opt->argv))
				       : NULL;
	const char *date = L->opt->date_text && *L->opt->date_text ? L->opt->date_text : NULL;
	int dot_end = date && !cmd && !*m[3] && !strcmp(m[5], ".") &&
		      date[strlen(date) - 1] == '.';
	const char *text = own_printf(L, "%s%s%s%s%s%s%s%s", m[0],
				      L->opt->version ? L->opt->version : "", m[1], L->doc->path,
				      date ? m[2] : "", date ? date : "", date ? m[3] : "",
				      cmd ? m[4] : dot_end ? "" : m[5]);
	struct run r;
	struct inlines in;
	int rc;

	if (!text || L->oom)
		return -1;
	lay_one_run(&r, &in, lay_lang(L)->made_heading, 0);
	rc = lay_heading(L, &in, 2, NULL, 2 * lay_style.body.leading, KEY_NONE);
	lay_one_run(&r, &in, text, 0);
	lay_tag_block(L, "P");
	if (!rc)
		rc = lay_text_block(L, &in, 0, &lay_style.body, L->left, L->right - L->left,
				    lay_style.para_after, NULL);
	L->gap = lay_style.para_after;
	if (!rc && cmd)
		rc = lay_code_block(L, cmd, NULL);
	return rc ? -1 : lay_failed(L);
}

int lay_sources(struct lay *L, struct diag *d)
{
	struct run r;
	struct inlines in;
	const char *anchor = "sources";

	if (!lay_sources_wanted(L))
		return 0;
	for (size_t i = 0; anchor && i < L->anchors.n; i++)
		if (!strcmp(L->anchors.v[i].anchor, anchor))
			anchor = NULL;
	L->break_due = !L->at_top;
	lay_one_run(&r, &in, lay_lang(L)->sources, 0);
	if (lay_heading(L, &in, 1, anchor, 60, KEY_SOURCES) || sources_table(L) ||
	    files_table(L, d) || made_by(L))
		return -1;
	return 0;
}
