/* spec_figures — a ```figures block: "value_name: caption" lines, each a
 * key-figure tile, and "value_name: caption; change_name" for a tile that
 * also shows a change (src/spec_int.h). */
#include "spec_int.h"

#include <stdlib.h>
#include <string.h>

#include "grow.h"
#include "utf8.h"

/* The change named after the caption's last ";" when what follows it is a
 * value name (a caption may hold a ";" of its own): the caption is cut
 * there.  0, or -1 out of memory. */
static int figure_change(struct spec_parser *p, struct figure *f, int val_col)
{
	char *semi = strrchr(f->caption, ';');
	const char *name;
	size_t n;

	if (!semi)
		return 0;
	name = semi + 1 + strspn(semi + 1, " \t");
	n = strlen(name);
	while (n && (name[n - 1] == ' ' || name[n - 1] == '\t'))
		n--;
	if (!n || !spec_is_name(name, n))
		return 0;
	if (!(f->change = strndup(name, n)))
		return spec_oom(p);
	f->change_col = val_col + (int)utf8_count(f->caption, (size_t)(name - f->caption));
	while (semi > f->caption && (semi[-1] == ' ' || semi[-1] == '\t'))
		semi--;
	*semi = '\0';
	return spec_note_placeholder(p, f->change, n, f->line, f->change_col);
}

/* "value_name: caption": the name is checked like a {{placeholder}} once
 * the whole spec is read (a values block may come later). */
static int figure_key(struct spec_kv_reader *r, const char *key, const char *val, int key_col,
		      int val_col)
{
	struct spec_parser *p = r->p;
	struct figures_block *fb = r->user;
	struct figure *f;

	if (!spec_is_name(key, strlen(key)))
		return spec_fail(p, r->line, key_col, "bad value name \"%s\" in figures block: "
				 "expected letters, digits, _ and -", key);
	if (grow_array(&fb->items, &fb->cap, fb->n + 1, sizeof *fb->items) < 0)
		return spec_oom(p);
	f = &fb->items[fb->n++];
	memset(f, 0, sizeof *f);
	f->line = r->line;
	f->col = key_col;
	if (!(f->name = strdup(key)) || !(f->caption = strdup(val)))
		return spec_oom(p);
	if (spec_note_placeholder(p, key, strlen(key), r->line, key_col) < 0 ||
	    figure_change(p, f, val_col) < 0)
		return -1;
	return spec_scan_string(p, f->caption, r->line, val_col);
}

int spec_figures_block(struct spec_parser *p, const char *body, size_t len, int fence_line)
{
	struct figures_block *fb = calloc(1, sizeof *fb);
	struct block *b;

	if (!fb)
		return spec_oom(p);
	if (!(b = spec_add_block(p, BLOCK_FIGURES, fence_line))) {
		free(fb);
		return -1;
	}
	b->figures = fb;
	if (spec_kv_read(p, body, len, fence_line + 1, "figures block", NULL, figure_key, fb) < 0)
		return -1;
	if (fb->n == 0)
		return spec_fail(p, fence_line, 1,
				 "empty figures block: expected \"value_name: caption\" lines");
	return 0;
}
