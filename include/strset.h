/* strset — a set of byte strings, each with a dense id in insertion order
 * (0, 1, 2 …), found by hash: the one string map of the program.
 *
 * What it is for: the distinct values of something, in first-seen order,
 * each looked up in constant time (group labels and sources of a CSV, the
 * names of a spec, the categories of a chart), with an array of the
 * caller's indexed by id, or the entry's own value, beside it.
 *
 * Keys are copied.  A key is compared by its length and bytes, so it may
 * hold NUL bytes ("a\0b", a two-part key); it is stored NUL-terminated, so
 * a key without NULs reads as a C string.  Each entry has a value for the
 * caller (0 when the key is added): a counter, an index elsewhere.
 *
 * A zeroed struct strset is an empty set; strset_free() empties it again.
 * The struct is open so that hot loops read keys by id without a call
 * (strset_key(), s->ents[id]); only strset.c changes it.
 */
#ifndef BRIEFING_STRSET_H
#define BRIEFING_STRSET_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

struct strset_ent {
	char *key;      /* owned copy of the key, NUL-terminated after len bytes */
	size_t len;     /* key length in bytes */
	uint64_t hash;  /* the key's hash, kept so that growing never rehashes */
	size_t val;     /* the caller's value: 0 when added */
};

struct strset {
	struct strset_ent *ents; /* the entries by id: insertion order */
	size_t n;                /* entries (ids 0 .. n-1) */
	size_t cap;              /* entries allocated */
	uint32_t *slots;         /* open addressing, linear probing: id + 1, 0 = empty */
	size_t nslots;           /* a power of two, more than 2 * n (0 before the first add) */
};

/* The id of key[0..len) in s, adding a copy of it (id s->n, *added = 1)
 * when it is new; *added = 0 when it was there.  -1 when out of memory
 * (s is unchanged and still usable). */
long strset_add(struct strset *s, const char *key, size_t len, int *added);

/* The id of key[0..len) in s, or -1 when it is not there. */
long strset_find(const struct strset *s, const char *key, size_t len);

/* Free every key and the tables, leaving s empty (zeroed); s NULL is fine. */
void strset_free(struct strset *s);

/* The key of id (id < s->n): NUL-terminated, strset_len() bytes before it. */
static inline const char *strset_key(const struct strset *s, size_t id)
{
	return s->ents[id].key;
}

static inline size_t strset_len(const struct strset *s, size_t id)
{
	return s->ents[id].len;
}

/* memcmp(a, b, n) == 0, inline and eight bytes at a time, for the short
 * strings of hot loops (a library call costs more than the compare): how
 * the set compares keys, for callers that check a key they hold (the last
 * one found) before asking the set. */
static inline int strset_bytes_eq(const char *a, const char *b, size_t n)
{
	uint64_t x, y;

	for (; n >= 8; a += 8, b += 8, n -= 8) {
		memcpy(&x, a, 8);
		memcpy(&y, b, 8);
		if (x != y)
			return 0;
	}
	for (; n; a++, b++, n--)
		if (*a != *b)
			return 0;
	return 1;
}

#endif
