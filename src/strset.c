/* strset — byte strings to dense ids in insertion order (include/strset.h). */
#include "strset.h"

#include <stdlib.h>

#include "grow.h"

/* Hash of a byte string: eight bytes at a time, the tail read as two
 * overlapping loads, mixed by multiply-xorshift.  Group keys and sources
 * of a CSV are hashed once per row, so it must be cheap; it is good enough
 * for linear probing (the low bits pick the slot). */
static uint64_t hash_bytes(const char *s, size_t n)
{
	uint64_t h = 0x9e3779b97f4a7c15ULL ^ n, w;
	uint32_t a, b;

	for (; n >= 8; s += 8, n -= 8) {
		memcpy(&w, s, 8);
		h = (h ^ w) * 0xff51afd7ed558ccdULL;
		h ^= h >> 32;
	}
	if (n >= 4) {
		memcpy(&a, s, 4);
		memcpy(&b, s + n - 4, 4);
		w = a | (uint64_t)b << 32;
	} else if (n) {
		w = (unsigned char)s[0] | (uint64_t)(unsigned char)s[n / 2] << 8 |
		    (uint64_t)(unsigned char)s[n - 1] << 16;
	} else {
		w = 0;
	}
	h = (h ^ w) * 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	return h ^ (h >> 29);
}

void strset_free(struct strset *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->n; i++)
		free(s->ents[i].key);
	free(s->ents);
	free(s->slots);
	memset(s, 0, sizeof *s);
}

/* Double the slot table (64 slots at first) and reinsert every entry by
 * its kept hash.  -1 when out of memory (s unchanged). */
static int grow_slots(struct strset *s)
{
	size_t ns = s->nslots ? 2 * s->nslots : 64;
	uint32_t *slots = calloc(ns, sizeof *slots);

	if (!slots)
		return -1;
	for (size_t i = 0; i < s->n; i++) {
		size_t j = (size_t)s->ents[i].hash & (ns - 1);

		while (slots[j])
			j = (j + 1) & (ns - 1);
		slots[j] = (uint32_t)(i + 1);
	}
	free(s->slots);
	s->slots = slots;
	s->nslots = ns;
	return 0;
}

/* A NUL-terminated copy of key[0..len); unlike strndup it keeps NUL bytes
 * inside the key (the parts of a two-part key). */
static char *copy_key(const char *key, size_t len)
{
	char *r = malloc(len + 1);

	if (r) {
		memcpy(r, key, len);
		r[len] = '\0';
	}
	return r;
}

/* Look key (hashed h) up: its id, or -1 with *slot the empty slot where it
 * would go.  s has slots. */
static long probe(const struct strset *s, const char *key, size_t len, uint64_t h, size_t *slot)
{
	size_t j;

	for (j = (size_t)h & (s->nslots - 1); s->slots[j]; j = (j + 1) & (s->nslots - 1)) {
		const struct strset_ent *e = &s->ents[s->slots[j] - 1];

		if (e->hash == h && e->len == len && strset_bytes_eq(e->key, key, len))
			return (long)(s->slots[j] - 1);
	}
	*slot = j;
	return -1;
}

long strset_add(struct strset *s, const char *key, size_t len, int *added)
{
	uint64_t h = hash_bytes(key, len);
	size_t j;
	long id;

	*added = 0;
	if ((s->n + 1) * 2 > s->nslots && grow_slots(s) < 0)
		return -1;
	if ((id = probe(s, key, len, h, &j)) >= 0)
		return id;
	/* a slot holds id + 1 in 32 bits */
	if (s->n >= UINT32_MAX || grow_array(&s->ents, &s->cap, s->n + 1, sizeof *s->ents) < 0)
		return -1;
	s->ents[s->n].key = copy_key(key, len);
	if (!s->ents[s->n].key)
		return -1;
	s->ents[s->n].len = len;
	s->ents[s->n].hash = h;
	s->ents[s->n].val = 0;
	s->slots[j] = (uint32_t)(s->n + 1);
	*added = 1;
	return (long)s->n++;
}

long strset_find(const struct strset *s, const char *key, size_t len)
{
	size_t j;

	if (!s->nslots)
		return -1;
	return probe(s, key, len, hash_bytes(key, len), &j);
}
