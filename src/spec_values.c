/* spec_values — a ```values block: "[name]" sections, each a query for one
 * number and how to show it (src/spec_int.h). */
#include "spec_int.h"

#include <stdlib.h>
#include <string.h>

#include "grow.h"
#include "num.h"
#include "utf8.h"

static const char *const value_keys[] = { "data", "value", "agg", "where", "format", "missing",
					   NULL };

/* One values block being read: the section in progress. */
struct values_state {
	struct spec_kv_set set;
	size_t cur;      /* index in doc->values of the open section, or SPEC_NO_INDEX */
};

/* format: and missing: give a value's text, which is not expanded again: a
 * {{name}} in them would be printed as is, or, were it expanded, could
 * refer back to the value itself.  0, or -1 at the placeholder. */
static int value_no_placeholder(struct spec_parser *p, const struct spec_kv_entry *e,
				const char *key)
{
	const char *ph = e ? strstr(e->val, "{{") : NULL;

	if (!ph)
		return 0;
	return spec_fail(p, e->line, e->col + (int)utf8_count(e->val, (size_t)(ph - e->val)),
			 "placeholder in %s: a value cannot use another value", key);
}

/* The open section is complete: its keys become the value's query. */
static int value_finish(struct spec_parser *p, struct values_state *vs)
{
	struct value_def *v;
	struct spec_kv_entry *data, *val, *fmt, *miss;
	int rc = -1;

	if (vs->cur == SPEC_NO_INDEX)
		return 0;
	v = &p->doc->values[vs->cur];
	data = spec_kvset_get(&vs->set, "data");
	val = spec_kvset_get(&vs->set, "value");
	fmt = spec_kvset_get(&vs->set, "format");
	miss = spec_kvset_get(&vs->set, "missing");
	if (!data)
		spec_missing(p, v->line, "data", "values block");
	else if (spec_set_data(p, &v->q, data) == 0 &&
		 spec_set_agg(p, &v->q, spec_kvset_get(&vs->set, "agg")) == 0) {
		if (!val && v->q.agg != AGG_COUNT)
			spec_missing(p, v->line, "value", "values block");
		else if (spec_set_string(p, &v->q.value, val) == 0 &&
			 spec_set_where(p, &v->q, spec_kvset_get(&vs->set, "where")) == 0) {
			if (fmt && num_format_check(fmt->val) < 0)
				spec_fail(p, fmt->line, fmt->col, "bad format \"%s\": expected one "
					  "number conversion such as %%.1f", fmt->val);
			else if (value_no_placeholder(p, fmt, "format") == 0 &&
				 value_no_placeholder(p, miss, "missing") == 0 &&
				 spec_set_string(p, &v->missing, miss) == 0)
				rc = spec_set_string(p, &v->format, fmt);
		}
	}
	spec_kvset_clear(&vs->set);
	vs->cur = SPEC_NO_INDEX;
	return rc;
}

/* "[name]" opens a value: the name must be new and well formed. */
static int value_section(struct spec_kv_reader *r, const char *name, size_t len, int closed)
{
	struct spec_parser *p = r->p;
	struct values_state *vs = r->user;
	struct doc *doc = p->doc;
	struct strset_ent *e;
	struct value_def *v;
	char *nm;

	if (value_finish(p, vs) < 0)
		return -1;
	if (!closed || !spec_is_name(name, len))
		return spec_fail(p, r->line, r->shift + 1,
				 "bad value name \"%.*s\": expected letters, digits, _ and -",
				 (int)utf8_cut(name, len, 80), name);
	if (!(nm = strndup(name, len)))
		return spec_oom(p);
	if ((e = spec_name_find(&p->names.values, nm)) != NULL) {
		spec_fail(p, r->line, r->shift + 1, "value \"%s\" defined twice (first at line %d)",
			  nm, doc->values[e->val].line);
		free(nm);
		return -1;
	}
	if (grow_array(&doc->values, &p->values_cap, doc->nvalues + 1, sizeof *doc->values) < 0) {
		free(nm);
		return spec_oom(p);
	}
	v = &doc->values[doc->nvalues];
	memset(v, 0, sizeof *v);
	query_init(&v->q);
	v->name = nm;
	v->line = r->line;
	if (spec_name_add(&p->names.values, nm, doc->nvalues) < 0)
		return spec_oom(p);
	vs->cur = doc->nvalues++;
	return 0;
}

static int value_key(struct spec_kv_reader *r, const char *key, const char *val,
		     int key_col, int val_col)
{
	struct values_state *vs = r->user;

	if (vs->cur == SPEC_NO_INDEX)
		return spec_fail(r->p, r->line, key_col,
				 "key outside a [name] section in values block");
	return spec_kvset_put(r->p, &vs->set, key, val, r->line, key_col, val_col);
}

int spec_values_block(struct spec_parser *p, const char *body, size_t len, int fence_line)
{
	struct values_state vs;
	int rc;

	spec_kvset_init(&vs.set, value_keys, "values block");
	vs.cur = SPEC_NO_INDEX;
	rc = spec_kv_read(p, body, len, fence_line + 1, "values block", value_section, value_key,
			  &vs);
	if (rc == 0)
		rc = value_finish(p, &vs);
	spec_kvset_clear(&vs.set);
	return rc;
}
