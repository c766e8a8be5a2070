/* spec_int — what the spec files share.  Private to src/spec*.c.
 *
 * The spec reader, file by file (each names its one job at its top):
 *   spec.c             entry points: spec_read, spec_parse; whole-text checks
 *   spec_src.c         the parser's base: the text's line index, located
 *                      errors, the document's list of blocks
 *   spec_md.c          md4c's block events: containers, lists, headings,
 *                      paragraphs, pipe tables; runs md4c
 *   spec_inline.c      md4c's span and text events: inline runs, entities
 *   spec_fence.c       fenced and indented code blocks, and which of ours
 *                      (values, table, chart, figures) a fence opens
 *   spec_kv.c          key: value lines with inih, and the sets of known keys
 *   spec_keys.c        the keys blocks share (data:, where:, agg:, sort:, …)
 *   spec_format.c      format: and formats: (number or date formats)
 *   spec_front.c       front matter
 *   spec_values.c      ```values
 *   spec_table.c       ```table, and its widths: against the text width
 *   spec_chart.c       ```chart
 *   spec_figures.c     ```figures
 *   spec_dataset.c     ```data: datasets by name; every data: resolved to
 *                      a dataset or a path once the spec is read
 *   spec_placeholder.c {{name}}: syntax, locations, the end-of-parse check
 *   spec_anchor.c      heading anchors, unique in the document
 *   spec_expand.c      spec_expand: values computed and formatted, {{name}}
 *                      substituted
 *   spec_rows.c        a table's rows once read: sort:, top:, formats:
 *
 * Naming (pdfio's convention, without its leading underscore, which C
 * reserves for the implementation): a function of include/spec.h is
 * spec_verb (spec_parse); a function one spec file offers the others has
 * the spec_ prefix too, is declared here and is called by no file outside
 * src/spec*.c (spec_set_target); a function of one file is static and
 * bare (close_run).  Types shared here are spec_ too (struct spec_parser);
 * constants of the parser's own enums are not (TGT_ITEM, CODE_CHART).
 *
 * Calls go down this list's layers, never back up: spec.c; spec_md.c;
 * spec_fence.c; the blocks (front, values, table, chart, figures);
 * spec_inline.c, spec_anchor.c, spec_keys.c, spec_format.c, spec_kv.c;
 * spec_placeholder.c; spec_src.c.  spec_expand.c runs later, on the
 * placeholder syntax, and calls spec_rows.c and spec_format.c.
 *
 * Errors: a function that can fail returns -1 (or NULL) after spec_fail()
 * or spec_oom() recorded the first error in the parser; p->failed then
 * stops md4c and every later step.
 */
#ifndef BRIEFING_SPEC_INT_H
#define BRIEFING_SPEC_INT_H

#include <stddef.h>
#include <string.h>

#include <md4c.h>

#include "diag.h"
#include "doc.h"
#include "expr.h"
#include "spec.h"
#include "strbuf.h"
#include "strset.h"

#define SPEC_LINE_MAX 65536          /* longest spec line, in bytes */
#define SPEC_NO_INDEX ((size_t)-1)   /* "no block" for a size_t index */

static inline int spec_is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static inline int spec_is_blank(int c)
{
	return c == ' ' || c == '\t';
}

/* s[0..n) is a name of a value or a chart: letters, digits, '_' and '-'
 * (ASCII), at least one. */
static inline int spec_is_name(const char *s, size_t n)
{
	if (n == 0)
		return 0;
	for (size_t i = 0; i < n; i++) {
		int c = (unsigned char)s[i];

		if (!(c >= 'a' && c <= 'z') && !(c >= 'A' && c <= 'Z') && !spec_is_digit(c) &&
		    c != '_' && c != '-')
			return 0;
	}
	return 1;
}

/* The spec's names (heading anchors, value names) are kept in strsets
 * (strset.h), with a number per name in the entry's val.  Add the C string
 * key, which must not be there yet, with val.  0, or -1 when out of
 * memory. */
static inline int spec_name_add(struct strset *s, const char *key, size_t val)
{
	int added;
	long id = strset_add(s, key, strlen(key), &added);

	if (id < 0)
		return -1;
	s->ents[id].val = val;
	return 0;
}

/* The entry of the C string key in s, or NULL. */
static inline struct strset_ent *spec_name_find(const struct strset *s, const char *key)
{
	long id = strset_find(s, key, strlen(key));

	return id < 0 ? NULL : &s->ents[id];
}

/* ---- the parser --------------------------------------------------------- */

/* The spec's text and where its lines start. */
struct spec_src {
	const char *text;  /* the spec after any BOM */
	size_t len;
	size_t *starts;    /* byte offset where each line starts */
	int nstarts;
	int nlines;        /* lines that exist (a final "\n" opens no new line) */
};

enum spec_target_kind { TGT_NONE, TGT_BLOCK, TGT_ITEM, TGT_CELL };

/* Where inline text goes: a block's text, a list item or a table cell. */
struct spec_target {
	enum spec_target_kind kind;
	size_t block;  /* index in doc->blocks */
	size_t index;  /* item or cell index */
};

/* A piece of the open run: from byte off on, text came from line:col. */
struct spec_seg {
	size_t off;
	int line, col;  /* col 0 = unknown */
};

enum spec_ctr_kind { CTR_QUOTE, CTR_LIST, CTR_ITEM };

/* An open container block (block quote, list or list item). */
struct spec_ctr {
	enum spec_ctr_kind kind;
	int ordered;     /* list: numbered */
	unsigned next;   /* list: the next item's number */
	size_t block;    /* item: its list block */
	size_t item;     /* item: its index in that block */
};

enum spec_code_kind { CODE_PLAIN, CODE_VALUES, CODE_TABLE, CODE_CHART, CODE_FIGURES, CODE_DATA };

/* A {{name}} seen while parsing, checked against the values at the end. */
struct spec_placeholder {
	char *name;
	int line, col;
};

/* Inline text being gathered: where it goes, the run still open, and the
 * spans it is inside. */
struct spec_inline_state {
	struct spec_target tgt;  /* where text goes now */
	int open;                /* the target's last run may still grow */
	size_t open_len;         /* that run's text length */
	size_t open_cap;         /* and its allocation */
	struct spec_seg *segs;   /* source pieces of the open run */
	size_t nsegs, segs_cap;
	int bold, italic, code;  /* open emphasis, strong and code spans */
	int img;                 /* inside an image (its alt text is plain) */
	char *href;              /* inside a link: its target */
	char *lang;              /* inside a [text](lang:ru) span: its language */
	int lang_span;           /* the link open is such a span */
};

/* What md4c's block events have opened: containers, a heading, a pipe
 * table, raw HTML. */
struct spec_md_state {
	struct spec_ctr *ctrs;   /* open containers, innermost last */
	size_t nctrs, ctrs_cap;
	int list_depth;          /* lists open */
	size_t cur_list;         /* list block being filled, or SPEC_NO_INDEX */
	int heading_level;       /* as written (1-6) */
	long row;                /* pipe table: current row (-1 before the first) */
	size_t col;              /* and column */
	int in_html;             /* inside a raw HTML block */
	int html_warned;         /* that block was warned about */
};

/* The code block being read: its text arrives in pieces. */
struct spec_code_state {
	int in;                  /* inside a code block */
	enum spec_code_kind kind; /* ours (values, table, chart, figures) or plain */
	struct strbuf buf;       /* its text so far */
	int line;                /* fence line (0 until known) */
	int body_line;           /* first located body line */
	int nl;                  /* body lines seen */
	char fence_char;         /* 0 = indented code */
};

/* The names of the document: to make anchors unique, find values, and
 * check each {{name}} once all values are known. */
struct spec_names_state {
	struct strset anchors;   /* heading anchors given, val the next suffix */
	struct strset values;    /* value names, val the index in doc->values */
	struct strset datasets;  /* dataset names, val the index in doc->datasets */
	struct spec_placeholder *phs; /* every {{name}} (and figure name) used */
	size_t nphs, phs_cap;
};

/* One spec being read into a document. */
struct spec_parser {
	struct doc *doc;         /* what is being built */
	struct spec_src src;     /* the spec text and its lines */
	struct diag *d;          /* the first error */
	struct diag_list *warn;  /* warnings (may be NULL) */
	int failed;              /* d holds an error; stop */
	int last_line;           /* the furthest spec line located so far */
	size_t blocks_cap;       /* allocated doc->blocks */
	size_t values_cap;       /* allocated doc->values */
	size_t datasets_cap;     /* allocated doc->datasets */
	struct spec_inline_state in;
	struct spec_md_state md;
	struct spec_code_state code;
	struct spec_names_state names;
};

/* ---- spec_src.c: lines and located errors ------------------------------- */

/* Index the lines of text[0..len).  0, or -1 when out of memory (or more
 * lines than an int counts). */
int spec_src_init(struct spec_src *s, const char *text, size_t len);
/* Line and 1-based character column of p, if p points into the source
 * (md4c hands out pointers into our buffer for ordinary text).  1 or 0. */
int spec_src_where(const struct spec_src *s, const char *p, int *line, int *col);
/* The text of line (1-based) without its line ending, or NULL past the end. */
const char *spec_src_line_text(const struct spec_src *s, int line, size_t *len);
/* Any line of text[0..len) (whose first line is spec line first_line)
 * longer than SPEC_LINE_MAX bytes is an error at its start: the limit the
 * key: value lines have (inih would split them), for the whole spec, so
 * that a runaway line (a 10 MB paragraph) is refused instead of becoming
 * thousands of pages.  0 or -1. */
int spec_check_line_lengths(struct spec_parser *p, const char *text, size_t len,
			    int first_line);
/* Where a line's content starts, after the indentation and block-quote
 * markers that container blocks put before it. */
size_t spec_skip_prefix(const char *t, size_t n);
/* The first spec line after the last located one that satisfies pred, or
 * last_line + 1: locates blocks that carry no text (page breaks, fences). */
int spec_find_line(struct spec_parser *p, int (*pred)(const char *, size_t));
/* Record an error at line:col (the first one wins) and stop.  Returns -1. */
int spec_fail(struct spec_parser *p, int line, int col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* Record the one out-of-memory error (diag_oom) and stop.  Returns -1. */
int spec_oom(struct spec_parser *p);
/* line has been reached (blocks without text are located after it). */
void spec_note_line(struct spec_parser *p, int line);
/* Append a block of type t; returns it (valid until the next append), or
 * NULL when out of memory. */
struct block *spec_add_block(struct spec_parser *p, enum block_type t, int line);

/* ---- spec_md.c: md4c's block events -------------------------------------- */

/* Run md4c over the text from byte off on (after the front matter). */
int spec_parse_markdown(struct spec_parser *p, size_t off);

/* ---- spec_inline.c: inline runs ------------------------------------------- */

/* md4c's span and text callbacks (spec_md.c hands the text of code blocks
 * to spec_code_text instead). */
int spec_on_enter_span(MD_SPANTYPE type, void *detail, void *user);
int spec_on_leave_span(MD_SPANTYPE type, void *detail, void *user);
int spec_on_text(MD_TEXTTYPE type, const MD_CHAR *text, MD_SIZE size, void *user);
/* Close the open run (checking its placeholders), then send text to the
 * target kind (block, item or cell index). */
int spec_set_target(struct spec_parser *p, enum spec_target_kind kind, size_t block,
		    size_t index);
/* The open run is complete: check its placeholders. */
int spec_close_run(struct spec_parser *p);
/* Add inline text s[0..n) to the current target; at is md4c's pointer to
 * it (located when inside our buffer), hard marks a hard line break. */
int spec_inline_add(struct spec_parser *p, const char *s, size_t n, const char *at, int hard);

/* ---- spec_fence.c: code blocks -------------------------------------------- */

int spec_code_enter(struct spec_parser *p, const MD_BLOCK_CODE_DETAIL *c);
int spec_code_text(struct spec_parser *p, const char *s, size_t n);
/* A code block ends: a plain code block, or one of ours read as keys. */
int spec_code_leave(struct spec_parser *p);

/* ---- spec_kv.c: key: value lines ------------------------------------------ */

struct spec_kv_reader;

/* What to do with a section line ("[name]", closed when the ']' is there
 * and nothing follows it) and with a key line (columns of key and value). */
typedef int (*spec_kv_section_fn)(struct spec_kv_reader *r, const char *name, size_t len,
				  int closed);
typedef int (*spec_kv_key_fn)(struct spec_kv_reader *r, const char *key, const char *val,
			      int key_col, int val_col);

/* Feeds inih one line at a time, so the handler knows the spec line (inih's
 * handler has no line number in this build) and its raw text (for columns). */
struct spec_kv_reader {
	struct spec_parser *p;
	const char *pos, *end;   /* what is left to read */
	int first_line;          /* spec line of the text's first line */
	int line;                /* spec line being read */
	int at_start;            /* the next read starts a new line */
	const char *cur;         /* that line, without its line ending */
	size_t cur_len;
	int shift;               /* columns before it in the spec (container prefix) */
	const char *what;        /* "values block", ... for messages */
	spec_kv_section_fn on_section; /* NULL: a section line is an error */
	spec_kv_key_fn on_key;
	void *user;              /* the caller's, for its callbacks */
	int failed;
};

/* Entries of a key set: more than the longest keys list (a chart block
 * has 21), which indexes e[] unchecked. */
#define SPEC_KV_MAX 32

struct spec_kv_entry {
	char *val;      /* the value, NULL when absent or empty */
	int seen;       /* the key was given (maybe empty) */
	int line, col;  /* spec line, and column of the value */
};

/* The keys of one front matter, block or value section. */
struct spec_kv_set {
	const char *const *keys;   /* allowed keys, NULL-terminated */
	const char *what;          /* "chart block", ... for messages */
	int front;                 /* front matter (its own unknown-key message) */
	struct spec_kv_entry e[SPEC_KV_MAX];
};

/* Read text[0..len), whose first line is spec line first_line, as key:
 * value lines of a what ("values block"), handing each section line and
 * key line to the callbacks (user is theirs; on_section NULL: sections
 * are an error).  0 or -1. */
int spec_kv_read(struct spec_parser *p, const char *text, size_t len, int first_line,
		 const char *what, spec_kv_section_fn on_section, spec_kv_key_fn on_key,
		 void *user);

/* What a front matter or block does with its keys, once all are read:
 * line is the line before the first key (the fence line). */
typedef int (*spec_kv_apply_fn)(struct spec_parser *p, struct spec_kv_set *set, int line);

/* Read text as key: value lines without sections into set (which the
 * caller has set up with spec_kvset_init), then apply(p, set, first_line -
 * 1); the set is cleared after.  0 or -1. */
/* The name of a "[name]" section that opens a new KIND ("value",
 * "dataset"): closed, made of letters, digits, _ and -, and not yet in
 * names, whose entry's value is the index first_line(doc, index) reads
 * the line of.  0 with *out a copy of the name to own, or -1 with the
 * located error (the same messages for every kind of section). */
int spec_section_name(struct spec_kv_reader *r, const char *name, size_t len, int closed,
		      const char *kind, const struct strset *names,
		      int (*first_line)(const struct doc *doc, size_t index), char **out);
int spec_kv_block(struct spec_parser *p, struct spec_kv_set *set, const char *text, size_t len,
		  int first_line, spec_kv_apply_fn apply);
void spec_kvset_init(struct spec_kv_set *s, const char *const *keys, const char *what);
/* Free the values and make s empty again (same keys). */
void spec_kvset_clear(struct spec_kv_set *s);
/* Store one key line: unknown and duplicate keys are errors at the key. */
int spec_kvset_put(struct spec_parser *p, struct spec_kv_set *s, const char *key,
		   const char *val, int line, int key_col, int val_col);
/* The entry of key if it has a non-empty value, else NULL. */
struct spec_kv_entry *spec_kvset_get(struct spec_kv_set *s, const char *key);
/* The value of key, taken over by the caller (NULL when absent). */
char *spec_kvset_take(struct spec_kv_set *s, const char *key);

/* ---- spec_keys.c: keys blocks share --------------------------------------- */

/* The error for a missing required key of a block (what) at line. */
int spec_missing(struct spec_parser *p, int line, const char *key, const char *what);
/* data: → q->path as written (a dataset's name or a path: resolved by
 * spec_resolve_data() once every ```data block is read); the query's spec
 * location is the data: line. */
int spec_set_data(struct spec_parser *p, struct query *q, const struct spec_kv_entry *e);
/* The others leave their destination alone when e is NULL (key absent). */
int spec_set_where(struct spec_parser *p, struct query *q, const struct spec_kv_entry *e);
int spec_set_agg(struct spec_parser *p, struct query *q, const struct spec_kv_entry *e);
int spec_set_sort(struct spec_parser *p, struct query *q, const struct spec_kv_entry *e);
int spec_set_top(struct spec_parser *p, struct query *q, const struct spec_kv_entry *e);
/* A copy of e's value into *dst. */
int spec_set_string(struct spec_parser *p, char **dst, const struct spec_kv_entry *e);
/* The first item of the comma-separated list s: its span s[*a..*b),
 * without the blanks around it.  Returns the ',' after it, or NULL when it
 * is the last. */
const char *spec_list_item(const char *s, size_t *a, size_t *b);
/* A yes/no key (also true/false) into *dst. */
int spec_set_yes_no(struct spec_parser *p, int *dst, const char *key,
		    const struct spec_kv_entry *e);

/* ---- spec_format.c: format: and formats: ---------------------------------- */

/* Where a format is written (its first character), for the errors only the
 * data can show (a day's conversion on months). */
struct spec_format_at {
	const char *file;
	int line, col;
};

/* COL_DATE when fmt holds a date conversion of period_format() (%Y %B
 * …) and no number conversion, else COL_NUMBER: "%B %Y" is a date format,
 * "%.1f %%" a number's, and so is "%.1f;%d" (with a bad conversion). */
enum col_format spec_format_kind(const char *fmt);
/* Check fmt, written at line:col, as its kind reads it: errors at the
 * column of a bad conversion (a date format for any granularity: the data
 * has not said which yet).  *kind gets its kind.  0 or -1. */
int spec_check_format(struct spec_parser *p, const char *fmt, int line, int col,
		      enum col_format *kind);
/* Period pr written by fmt (NULL: the default of its granularity, "%B %Y"
 * for a month) in language l into buf; fmt must suit pr's granularity
 * ("%d" needs a day), else an error at `at`.  0 or -1 with d filled. */
int spec_format_period(const struct period *pr, const char *fmt, const struct lang *l,
		       const struct spec_format_at *at, char *buf, size_t size, struct diag *d);

/* ---- the parts of a spec -------------------------------------------------- */

/* Read the front matter (the spec must start with it); *body = where the
 * Markdown starts. */
int spec_front_matter(struct spec_parser *p, size_t *body);
/* Once the blocks are read: cover-chart: names a chart block of the spec,
 * and the document has a cover to put it on. */
int spec_front_check(struct spec_parser *p);
/* The body of a fenced block of ours, whose fence is spec line fence_line. */
int spec_values_block(struct spec_parser *p, const char *body, size_t len, int fence_line);
int spec_table_block(struct spec_parser *p, const char *body, size_t len, int fence_line);
int spec_chart_block(struct spec_parser *p, const char *body, size_t len, int fence_line);
int spec_figures_block(struct spec_parser *p, const char *body, size_t len, int fence_line);
int spec_data_block(struct spec_parser *p, const char *body, size_t len, int fence_line);
/* Every query's data: (spec_set_data()) made the path it reads: a
 * dataset's file: with its dialect, else the path relative to the spec's
 * folder.  A dataset no query uses gets a warning.  0 or -1. */
int spec_resolve_data(struct spec_parser *p);
/* Once every value is known: each computed value's names are values, no
 * computed value depends on itself, and each learns the values read from
 * data that it rests on (value_def.inputs).  Errors at the expr: line. */
int spec_check_exprs(struct spec_parser *p);
/* The computed values of doc in an order that puts each after those it
 * uses (expr_order(), names that are not computed asked of lookup):
 * *order (malloc'ed, the caller frees it; NULL when *n is 0) holds their
 * indices in doc->values.  0, or -1 with d filled (an undefined name, a
 * cycle, out of memory). */
int spec_exprs_order(struct doc *doc, expr_lookup_fn lookup, void *ctx, size_t **order,
		     size_t *n, struct diag *d);

/* ---- spec_rows.c: a data table's rows, once data_run has read them -------- */

/* Every data table's rows sorted by its sort:, cut to its top: and each
 * cell written by its column's formats: (spec_expand calls it).  A cell a
 * format cannot read is an error at its CSV line.  0 or -1 with d filled. */
int spec_rows_finish(struct doc *doc, struct diag *d);

/* ---- spec_placeholder.c: {{name}} ----------------------------------------- */

/* spec_placeholder_parse and spec_placeholder_extent: see spec.h. */
/* Remember a value name used at line:col, for spec_check_placeholders. */
int spec_note_placeholder(struct spec_parser *p, const char *name, size_t nlen, int line,
			  int col);
/* Check the syntax of every {{...}} in text (made of nsegs located pieces)
 * and note each name. */
int spec_scan_placeholders(struct spec_parser *p, const char *text,
			   const struct spec_seg *segs, size_t nsegs);
/* The same for a one-line string whose first character is at line:col. */
int spec_scan_string(struct spec_parser *p, const char *text, int line, int col);
/* Every noted name must be a value of the spec: the first undefined one in
 * document order is the error. */
int spec_check_placeholders(struct spec_parser *p);

/* ---- spec_anchor.c --------------------------------------------------------- */

/* The anchor of a heading with this text: its slug ("section" when it has
 * none), made unique in the document ("x", "x-1", "x-2" …).  Malloc'ed;
 * NULL when out of memory. */
char *spec_anchor_make(struct spec_parser *p, const struct inlines *text);

#endif
