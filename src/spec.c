/* spec — the briefing spec read into the document model (include/spec.h):
 * the entry points, and the checks of the whole text before any grammar
 * reads it (encoding, line lengths, front matter first).
 *
 * Three readers meet in the spec files (src/spec_int.h lists them): md4c
 * for the Markdown, inih for the key: value text of the front matter and
 * of the ```values, ```table and ```chart blocks, and data.h's where:
 * parser.  Every diagnostic points at a spec line and column, computed
 * from md4c's text pointers into our own buffer.
 *
 * Placeholders ({{name}}) are checked while parsing, when each run's source
 * location is still known (a run may merge text from several lines), so an
 * undefined or malformed one is reported by spec_parse() at its exact
 * line:col; spec_expand() then only substitutes them.
 */
#include "spec_int.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "lang.h"
#include "sha256.h"
#include "slurp.h"
#include "utf8.h"

/* Invalid UTF-8 and NUL bytes are errors at their line:col. */
static int check_encoding(struct spec_parser *p)
{
	long bad = utf8_invalid_at(p->src.text, p->src.len);
	const char *nul = memchr(p->src.text, '\0', p->src.len);
	int line, col;

	if (nul && (bad < 0 || nul - p->src.text < bad)) {
		spec_src_where(&p->src, nul, &line, &col);
		return spec_fail(p, line, col, "NUL byte in spec");
	}
	if (bad >= 0) {
		spec_src_where(&p->src, p->src.text + bad, &line, &col);
		return spec_fail(p, line, col, "invalid UTF-8");
	}
	return 0;
}

/* The folder of path: "input/b.md" → "input", "b.md" → ".", "/b.md" → "/". */
static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		return strdup(".");
	if (slash == path)
		return strdup("/");
	return strndup(path, (size_t)(slash - path));
}

static void parser_free(struct spec_parser *p)
{
	free(p->src.starts);
	free(p->in.segs);
	free(p->in.href);
	free(p->in.lang);
	free(p->md.ctrs);
	strbuf_free(&p->code.buf);
	strset_free(&p->names.anchors);
	strset_free(&p->names.values);
	strset_free(&p->names.datasets);
	for (size_t i = 0; i < p->names.nphs; i++)
		free(p->names.phs[i].name);
	free(p->names.phs);
}

/* Bytes of zeros after the text md4c reads.  md4c 0.4.8 reads past the end
 * of its input: an unfinished entity at the very end ("...(#x&$s-{") is
 * scanned beyond it (upstream mity/md4c#38), so garbage after the caller's
 * buffer changed the parse (a 4.5 GB allocation) or crashed at a page end.
 * The parser works on a copy followed by these zeros, which end any such
 * scan.  Found by fuzz_spec: tests/fuzz/regressions/fuzz_spec/md4c-overread. */
#define SPEC_MD_PAD 16

/* A copy of text[0..len) followed by SPEC_MD_PAD zero bytes, its line ends
 * made alike: a CR not followed by LF (old Mac files) becomes LF, so that
 * CR, LF and CRLF specs read the same (lines are counted at LF everywhere;
 * CRLF keeps its CR, which every reader here skips).  The length stays, so
 * lines and columns are those of the file.  NULL on OOM. */
static char *padded_copy(const char *text, size_t len)
{
	char *t = malloc(len + SPEC_MD_PAD);

	if (t) {
		memcpy(t, text, len);
		memset(t + len, 0, SPEC_MD_PAD);
		for (char *cr = memchr(t, '\r', len); cr; cr = memchr(cr + 1, '\r',
									(size_t)(t + len - cr - 1)))
			if (cr + 1 == t + len || cr[1] != '\n')
				*cr = '\n';
	}
	return t;
}

struct doc *spec_parse(const char *path, const char *text, size_t len,
		       struct diag *d, struct diag_list *warn)
{
	struct spec_parser p;
	struct doc *doc = calloc(1, sizeof *doc);
	size_t body = 0;
	int rc = -1;
	char *padded = NULL;

	memset(&p, 0, sizeof p);
	p.doc = doc;
	p.d = d;
	p.warn = warn;
	p.md.cur_list = SPEC_NO_INDEX;
	if (!path)
		path = "";
	/* the spec's checksum for the sources page, of the bytes as given */
	if (doc)
		sha256_hex(text, len, doc->sha256);
	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0) {
		text += 3;
		len -= 3;
	}
	if (doc) {
		doc->front.cover = FM_YES;
		doc->front.toc = FM_AUTO;
		doc->front.sources = FM_AUTO;
		doc->front.lang = lang_default();
	}
	if (!doc || !(doc->path = strdup(path)) || !(doc->dir = dir_of(path)) ||
	    !(padded = padded_copy(text, len)) || spec_src_init(&p.src, padded, len) < 0) {
		diag_oom(d);
	} else if (check_encoding(&p) == 0 &&
		   spec_check_line_lengths(&p, p.src.text, p.src.len, 1) == 0 &&
		   spec_front_matter(&p, &body) == 0 &&
		   spec_parse_markdown(&p, body) == 0 && spec_check_exprs(&p) == 0 &&
		   spec_check_placeholders(&p) == 0 && spec_resolve_data(&p) == 0) {
		rc = 0;
	}
	parser_free(&p);
	free(padded);
	if (rc < 0) {
		doc_free(doc);
		return NULL;
	}
	return doc;
}

/* Read the whole file at path. */
static char *read_file(const char *path, size_t *len, struct diag *d)
{
	char *text;

	if (slurp_file(path, &text, len) == 0)
		return text;
	if (errno == ENOMEM)
		diag_oom(d);
	else if (errno == EISDIR)
		diag_error(d, EXIT_NOINPUT, path, 0, 0, "cannot read %s: %s", path, strerror(errno));
	else
		diag_error(d, EXIT_NOINPUT, path, 0, 0, "cannot open %s: %s", path, strerror(errno));
	return NULL;
}

struct doc *spec_read(const char *path, struct diag *d, struct diag_list *warn)
{
	size_t len = 0;
	char *text = read_file(path, &len, d);
	struct doc *doc;

	if (!text)
		return NULL;
	doc = spec_parse(path, text, len, d, warn);
	free(text);
	return doc;
}
