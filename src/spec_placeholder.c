/* spec_placeholder — {{name}} in text: its syntax, its spec location, and
 * the check, once the whole spec is read, that each names a value
 * (src/spec_int.h). */
#include "spec_int.h"

#include <string.h>

#include "grow.h"
#include "utf8.h"

/* Parse the placeholder starting at s ("{{"): "{{ name }}" with a name of
 * letters, digits, _ and -.  Sets the name span and returns the placeholder's
 * byte length, or 0 when it is malformed. */
size_t spec_placeholder_parse(const char *s, const char **name, size_t *nlen)
{
	const char *close = strstr(s + 2, "}}");
	const char *a = s + 2, *b;

	if (!close)
		return 0;
	b = close;
	while (a < b && spec_is_blank((unsigned char)*a))
		a++;
	while (b > a && spec_is_blank((unsigned char)b[-1]))
		b--;
	if (!spec_is_name(a, (size_t)(b - a)))
		return 0;
	*name = a;
	*nlen = (size_t)(b - a);
	return (size_t)(close + 2 - s);
}

/* How much of a malformed placeholder at s to quote: through "}}" when there
 * is one, else "{{" and the word after it. */
size_t spec_placeholder_extent(const char *s)
{
	const char *close = strstr(s + 2, "}}");
	size_t i = 2;

	if (close)
		return (size_t)(close + 2 - s);
	while (spec_is_blank((unsigned char)s[i]))
		i++;
	while (s[i] && !spec_is_blank((unsigned char)s[i]) && s[i] != '\n' && s[i] != '{')
		i++;
	return i;
}

/* Spec location of byte off of a text made of segments. */
static void seg_locate(const char *text, const struct spec_seg *segs, size_t nsegs,
		       size_t off, int *line, int *col)
{
	size_t lo = 0, hi = nsegs - 1;
	const struct spec_seg *s;

	while (lo < hi) {  /* the last segment starting at or before off */
		size_t mid = lo + (hi - lo + 1) / 2;

		if (segs[mid].off <= off)
			lo = mid;
		else
			hi = mid - 1;
	}
	s = &segs[lo];
	*line = s->line;
	*col = s->col ? s->col + (int)utf8_count(text + s->off, off - s->off) : 0;
}

/* Remember a value name used at line:col, for the end-of-parse check that
 * it names a value. */
int spec_note_placeholder(struct spec_parser *p, const char *name, size_t nlen, int line, int col)
{
	if (grow_array(&p->names.phs, &p->names.phs_cap, p->names.nphs + 1,
		       sizeof *p->names.phs) < 0)
		return spec_oom(p);
	p->names.phs[p->names.nphs].name = strndup(name, nlen);
	if (!p->names.phs[p->names.nphs].name)
		return spec_oom(p);
	p->names.phs[p->names.nphs].line = line;
	p->names.phs[p->names.nphs++].col = col;
	return 0;
}

/* Check the syntax of every {{...}} in text and remember each name with its
 * location, for the end-of-parse check that it names a value. */
int spec_scan_placeholders(struct spec_parser *p, const char *text,
			   const struct spec_seg *segs, size_t nsegs)
{
	const char *s = text;

	while ((s = strstr(s, "{{")) != NULL) {
		const char *name;
		size_t nlen, len = spec_placeholder_parse(s, &name, &nlen);
		int line, col;

		seg_locate(text, segs, nsegs, (size_t)(s - text), &line, &col);
		if (!len) {
			size_t ext = spec_placeholder_extent(s);

			return spec_fail(p, line, col, "malformed placeholder \"%.*s\"",
					 (int)utf8_cut(s, ext, 80), s);
		}
		if (spec_note_placeholder(p, name, nlen, line, col) < 0)
			return -1;
		s += len;
	}
	return 0;
}

/* Placeholders in a one-line string (caption, chart title, ...) whose first
 * character is at line:col. */
int spec_scan_string(struct spec_parser *p, const char *text, int line, int col)
{
	struct spec_seg seg = { 0, line, col };

	return text ? spec_scan_placeholders(p, text, &seg, 1) : 0;
}

/* Every placeholder must name a value defined somewhere in the spec; report
 * the first undefined one in document order. */
int spec_check_placeholders(struct spec_parser *p)
{
	const struct spec_placeholder *bad = NULL;

	for (size_t i = 0; i < p->names.nphs; i++) {
		const struct spec_placeholder *ph = &p->names.phs[i];

		if (spec_name_find(&p->names.values, ph->name))
			continue;
		if (!bad || ph->line < bad->line || (ph->line == bad->line && ph->col < bad->col))
			bad = ph;
	}
	if (bad)
		return spec_fail(p, bad->line, bad->col, "undefined value \"%s\"", bad->name);
	return 0;
}
