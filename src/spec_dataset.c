/* spec_dataset — a ```data block: "[name]" sections, each a dataset named
 * once (a file, a .csv.gz or a folder of parts, and how to read it: its
 * encoding, delimiter, decimal mark, lines to skip, comment character and
 * what to do with short rows); and, once the whole spec is read, every
 * query's data: resolved: a dataset's name reads its file with its
 * dialect, anything else is a path with the defaults (src/spec_int.h). */
#include "spec_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grow.h"
#include "utf8.h"

static const char *const dataset_keys[] = { "file", "encoding", "delimiter", "decimal", "skip",
					     "comment", "ragged", NULL };

#define MAX_SKIP 1000000L /* largest skip: accepted */

/* One data block being read: the section in progress. */
struct dataset_state {
	struct spec_kv_set set;
	size_t cur;      /* index in doc->datasets of the open section, or SPEC_NO_INDEX */
};

/* path as a data file's path: relative to the spec's folder (absolute
 * paths kept).  Malloc'ed, NULL when out of memory. */
static char *spec_relative(const struct doc *doc, const char *path)
{
	const char *dir = doc->dir;
	size_t dl = strlen(dir);
	char *s;

	if (path[0] == '/' || strcmp(dir, ".") == 0)
		return strdup(path);
	if (asprintf(&s, "%s%s%s", dir, dl && dir[dl - 1] == '/' ? "" : "/", path) < 0)
		return NULL;
	return s;
}

/* delimiter: , ; tab | (or a literal \t). */
static int set_delimiter(struct spec_parser *p, struct data_dialect *dd,
			 const struct spec_kv_entry *e)
{
	const char *v = e->val;

	if (!strcmp(v, ",") || !strcmp(v, ";") || !strcmp(v, "|"))
		dd->delimiter = v[0];
	else if (!strcmp(v, "tab") || !strcmp(v, "\\t"))
		dd->delimiter = '\t';
	else
		return spec_fail(p, e->line, e->col, "bad delimiter \"%s\": expected , ; tab or |",
				 v);
	return 0;
}

/* comment: one character that starts the lines to skip: a punctuation
 * mark other than a quote (which starts a field) or the delimiter. */
static int set_comment(struct spec_parser *p, struct data_dialect *dd,
		       const struct spec_kv_entry *e)
{
	char c = e->val[0];

	if (e->val[1] || !((c >= '!' && c <= '/') || (c >= ':' && c <= '@') ||
			   (c >= '[' && c <= '`') || (c >= '{' && c <= '~')) || c == '"')
		return spec_fail(p, e->line, e->col, "bad comment \"%s\": expected one character "
				 "such as # or %% that starts the lines to skip", e->val);
	if (c == dd->delimiter)
		return spec_fail(p, e->line, e->col, "comment \"%s\" is the delimiter", e->val);
	dd->comment = c;
	return 0;
}

/* skip: a whole number of lines, 0 to MAX_SKIP. */
static int set_skip(struct spec_parser *p, struct data_dialect *dd, const struct spec_kv_entry *e)
{
	long v = 0;
	size_t i;

	for (i = 0; spec_is_digit((unsigned char)e->val[i]) && v <= MAX_SKIP; i++)
		v = v * 10 + (e->val[i] - '0');
	if (e->val[i] || i == 0 || v > MAX_SKIP)
		return spec_fail(p, e->line, e->col, "bad skip \"%s\": expected the number of lines "
				 "before the header (0 to %ld)", e->val, MAX_SKIP);
	dd->skip = v;
	return 0;
}

/* The keys of one section, checked, into its dataset. */
static int dataset_keys_apply(struct spec_parser *p, struct spec_kv_set *set, struct dataset *ds)
{
	struct data_dialect *dd = &ds->dialect;
	struct spec_kv_entry *e;

	if (!(e = spec_kvset_get(set, "file")))
		return spec_missing(p, ds->line, "file", "data block");
	if (!(ds->path = spec_relative(p->doc, e->val)))
		return spec_oom(p);
	dd->spec_file = p->doc->path;
	dd->spec_line = e->line;
	dd->spec_col = e->col;
	if ((e = spec_kvset_get(set, "encoding")) != NULL) {
		if (!data_encoding_known(e->val))
			return spec_fail(p, e->line, e->col, "unknown encoding \"%s\": expected a name "
					 "iconv knows, such as windows-1251, koi8-r or iso-8859-1 "
					 "(iconv -l lists them)", e->val);
		if (!(ds->encoding = strdup(e->val)))
			return spec_oom(p);
		dd->encoding = ds->encoding;
	}
	if ((e = spec_kvset_get(set, "delimiter")) != NULL && set_delimiter(p, dd, e) < 0)
		return -1;
	if ((e = spec_kvset_get(set, "decimal")) != NULL) {
		if (strcmp(e->val, ".") != 0 && strcmp(e->val, ",") != 0)
			return spec_fail(p, e->line, e->col, "bad decimal \"%s\": expected . or ,",
					 e->val);
		dd->decimal = e->val[0];
	}
	if ((e = spec_kvset_get(set, "skip")) != NULL && set_skip(p, dd, e) < 0)
		return -1;
	if ((e = spec_kvset_get(set, "comment")) != NULL && set_comment(p, dd, e) < 0)
		return -1;
	if ((e = spec_kvset_get(set, "ragged")) != NULL) {
		if (strcmp(e->val, "error") != 0 && strcmp(e->val, "pad") != 0)
			return spec_fail(p, e->line, e->col, "bad ragged \"%s\": expected error or pad",
					 e->val);
		dd->ragged_pad = e->val[0] == 'p';
	}
	return 0;
}

/* The open section is complete: its keys become the dataset. */
static int dataset_finish(struct spec_parser *p, struct dataset_state *st)
{
	int rc;

	if (st->cur == SPEC_NO_INDEX)
		return 0;
	rc = dataset_keys_apply(p, &st->set, &p->doc->datasets[st->cur]);
	spec_kvset_clear(&st->set);
	st->cur = SPEC_NO_INDEX;
	return rc;
}

/* The line of the dataset at index i (spec_section_name's duplicate error). */
static int dataset_first_line(const struct doc *doc, size_t i)
{
	return doc->datasets[i].line;
}

/* "[name]" opens a dataset: the name must be new and well formed. */
static int dataset_section(struct spec_kv_reader *r, const char *name, size_t len, int closed)
{
	struct spec_parser *p = r->p;
	struct dataset_state *st = r->user;
	struct doc *doc = p->doc;
	struct dataset *ds;
	char *nm;

	if (dataset_finish(p, st) < 0)
		return -1;
	if (spec_section_name(r, name, len, closed, "dataset", &p->names.datasets, dataset_first_line,
			      &nm) < 0)
		return -1;
	if (grow_array(&doc->datasets, &p->datasets_cap, doc->ndatasets + 1,
		       sizeof *doc->datasets) < 0) {
		free(nm);
		return spec_oom(p);
	}
	ds = &doc->datasets[doc->ndatasets];
	memset(ds, 0, sizeof *ds);
	data_dialect_init(&ds->dialect);
	ds->name = nm;
	ds->line = r->line;
	if (spec_name_add(&p->names.datasets, nm, doc->ndatasets) < 0)
		return spec_oom(p);
	st->cur = doc->ndatasets++;
	return 0;
}

static int dataset_key(struct spec_kv_reader *r, const char *key, const char *val,
		       int key_col, int val_col)
{
	struct dataset_state *st = r->user;

	if (st->cur == SPEC_NO_INDEX)
		return spec_fail(r->p, r->line, key_col,
				 "key outside a [name] section in data block");
	return spec_kvset_put(r->p, &st->set, key, val, r->line, key_col, val_col);
}

int spec_data_block(struct spec_parser *p, const char *body, size_t len, int fence_line)
{
	struct dataset_state st;
	int rc;

	spec_kvset_init(&st.set, dataset_keys, "data block");
	st.cur = SPEC_NO_INDEX;
	rc = spec_kv_read(p, body, len, fence_line + 1, "data block", dataset_section,
			  dataset_key, &st);
	if (rc == 0)
		rc = dataset_finish(p, &st);
	spec_kvset_clear(&st.set);
	return rc;
}

int spec_resolve_data(struct spec_parser *p)
{
	struct doc *doc = p->doc;
	size_t n;
	struct query **qs = doc_queries(doc, &n);

	if (!qs)
		return spec_oom(p);
	for (size_t i = 0; i < n; i++) {
		struct query *q = qs[i];
		struct strset_ent *e = q->path ? spec_name_find(&p->names.datasets, q->path) : NULL;
		char *path;

		if (!q->path)
			continue;
		if (e) {
			struct dataset *ds = &doc->datasets[e->val];

			path = strdup(ds->path);
			q->dialect = &ds->dialect;
			ds->used = 1;
		} else {
			path = spec_relative(doc, q->path);
		}
		if (!path) {
			free(qs);
			return spec_oom(p);
		}
		free(q->path);
		q->path = path;
	}
	free(qs);
	for (size_t i = 0; i < doc->ndatasets; i++)
		if (!doc->datasets[i].used)
			diag_warn(p->warn, doc->path, doc->datasets[i].line, 1,
				  "dataset \"%s\" is not used: no data: names it",
				  doc->datasets[i].name);
	return 0;
}
