/* spec_map — a string map with a number per key (open addressing,
 * FNV-1a), for heading anchors and value names (src/spec_int.h).  Kept in
 * its own file so that one shared string map can replace it. */
#include "spec_int.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static size_t map_hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return (size_t)h;
}

struct spec_map_ent *spec_map_find(const struct spec_map *m, const char *key)
{
	if (!m->cap)
		return NULL;
	for (size_t i = map_hash(key) & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
		if (!m->e[i].key)
			return NULL;
		if (strcmp(m->e[i].key, key) == 0)
			return &m->e[i];
	}
}

/* Insert key (copied) with val; the key must not be present.  0 or -1. */
int spec_map_put(struct spec_map *m, const char *key, size_t val)
{
	size_t i;

	if (2 * (m->n + 1) > m->cap) {
		struct spec_map big = { NULL, m->cap ? 2 * m->cap : 16, 0 };

		big.e = calloc(big.cap, sizeof *big.e);
		if (!big.e)
			return -1;
		for (size_t j = 0; j < m->cap; j++) {
			if (!m->e[j].key)
				continue;
			for (i = map_hash(m->e[j].key) & (big.cap - 1); big.e[i].key;
			     i = (i + 1) & (big.cap - 1))
				;
			big.e[i] = m->e[j];
		}
		big.n = m->n;
		free(m->e);
		*m = big;
	}
	for (i = map_hash(key) & (m->cap - 1); m->e[i].key; i = (i + 1) & (m->cap - 1))
		;
	m->e[i].key = strdup(key);
	if (!m->e[i].key)
		return -1;
	m->e[i].val = val;
	m->n++;
	return 0;
}

void spec_map_free(struct spec_map *m)
{
	for (size_t i = 0; i < m->cap; i++)
		free(m->e[i].key);
	free(m->e);
	memset(m, 0, sizeof *m);
}
