/* Unit tests for strset: dense ids in insertion order, keys copied and
 * compared by length and bytes (NULs inside, the empty key), lookups across
 * many growths, the caller's value, and the inline byte compare. */
#include "testutil.h"

#include "strset.h"

static void test_empty(void **state)
{
	struct strset s = { 0 };
	(void)state;

	assert_int_equal(strset_find(&s, "a", 1), -1);
	assert_int_equal(strset_find(&s, "", 0), -1);
	assert_int_equal(s.n, 0);
	strset_free(&s);
	strset_free(NULL);
}

/* Ids are 0, 1, 2 … in the order keys are first added; adding a key again
 * gives its id and adds nothing; keys are copies. */
static void test_ids_in_order(void **state)
{
	struct strset s = { 0 };
	char buf[8] = "beta";
	int added = -1;
	(void)state;

	assert_int_equal(strset_add(&s, "alpha", 5, &added), 0);
	assert_int_equal(added, 1);
	assert_int_equal(strset_add(&s, buf, 4, &added), 1);
	assert_int_equal(added, 1);
	assert_int_equal(strset_add(&s, "gamma", 5, &added), 2);
	assert_int_equal(strset_add(&s, "alpha", 5, &added), 0);
	assert_int_equal(added, 0);
	assert_int_equal(strset_add(&s, "beta", 4, &added), 1);
	assert_int_equal(added, 0);
	assert_int_equal(s.n, 3);
	memcpy(buf, "XXXX", 4); /* the set kept its own copy */
	assert_string_equal(strset_key(&s, 1), "beta");
	assert_int_equal(strset_len(&s, 1), 4);
	assert_int_equal(strset_find(&s, "beta", 4), 1);
	assert_int_equal(strset_find(&s, "XXXX", 4), -1);
	/* a prefix or an extension is another key */
	assert_int_equal(strset_find(&s, "alph", 4), -1);
	assert_int_equal(strset_find(&s, "alphas", 6), -1);
	/* len counts, not the NUL: "gamma" within a longer buffer */
	assert_int_equal(strset_find(&s, "gammaray", 5), 2);
	strset_free(&s);
	assert_int_equal(s.n, 0);
	assert_null(s.ents);
	/* an emptied set is a new one */
	assert_int_equal(strset_add(&s, "gamma", 5, &added), 0);
	assert_int_equal(added, 1);
	strset_free(&s);
}

/* A key may hold NUL bytes (two-part keys "a\0b") and may be empty; it is
 * stored NUL-terminated after its length. */
static void test_nul_and_empty_keys(void **state)
{
	struct strset s = { 0 };
	int added;
	(void)state;

	assert_int_equal(strset_add(&s, "a\0b", 3, &added), 0);
	assert_int_equal(strset_add(&s, "a\0c", 3, &added), 1);
	assert_int_equal(strset_add(&s, "a", 1, &added), 2);
	assert_int_equal(strset_add(&s, "", 0, &added), 3);
	assert_int_equal(added, 1);
	assert_int_equal(strset_add(&s, "\0", 1, &added), 4);
	assert_int_equal(strset_add(&s, "", 0, &added), 3);
	assert_int_equal(added, 0);
	assert_int_equal(strset_find(&s, "a\0b", 3), 0);
	assert_int_equal(strset_find(&s, "a\0bx", 3), 0);
	assert_int_equal(strset_find(&s, "a\0", 2), -1);
	assert_memory_equal(strset_key(&s, 1), "a\0c", 4); /* NUL-terminated too */
	assert_int_equal(strset_len(&s, 1), 3);
	assert_string_equal(strset_key(&s, 3), "");
	assert_int_equal(strset_len(&s, 4), 1);
	strset_free(&s);
}

/* 100,000 keys of lengths 1 to 40 (every path of the hash: 1-3, 4-7
 * bytes, whole words and tails; the empty key is above), through many growths of both tables:
 * every id stays, every key is found, every value kept. */
static void test_many_keys(void **state)
{
	enum { N = 100000 };
	struct strset s = { 0 };
	char key[64];
	int added;
	(void)state;

	for (size_t i = 0; i < N; i++) {
		int len = snprintf(key, sizeof key, "%zu", i);

		while (len < (int)(i % 41))
			key[len++] = (char)('a' + i % 26);
		assert_int_equal(strset_add(&s, key, (size_t)len, &added), (long)i);
		assert_int_equal(added, 1);
		assert_int_equal(s.ents[i].val, 0);
		s.ents[i].val = 3 * i + 1;
	}
	assert_int_equal(s.n, N);
	assert_true(s.nslots > 2 * s.n);
	for (size_t i = 0; i < N; i++) {
		int len = snprintf(key, sizeof key, "%zu", i);

		while (len < (int)(i % 41))
			key[len++] = (char)('a' + i % 26);
		assert_int_equal(strset_find(&s, key, (size_t)len), (long)i);
		assert_int_equal(strset_add(&s, key, (size_t)len, &added), (long)i);
		assert_int_equal(added, 0);
		assert_int_equal(strset_len(&s, i), (size_t)len);
		assert_memory_equal(strset_key(&s, i), key, (size_t)len);
		assert_int_equal(strset_key(&s, i)[len], '\0');
		assert_int_equal(s.ents[i].val, 3 * i + 1);
	}
	assert_int_equal(strset_find(&s, "100000", 6), -1);
	assert_int_equal(strset_find(&s, "", 0), -1);
	strset_free(&s);
}

/* Keys that differ in one byte only, at every place, of every length up
 * to 24: distinct keys (a compare that skipped a byte would merge two). */
static void test_one_byte_apart(void **state)
{
	struct strset s = { 0 };
	char key[24];
	long want = 0;
	int added;
	(void)state;

	for (size_t len = 1; len <= sizeof key; len++) {
		memset(key, 'k', len);
		assert_int_equal(strset_add(&s, key, len, &added), want++);
		for (size_t at = 0; at < len; at++) {
			key[at] = 'K';
			assert_int_equal(strset_add(&s, key, len, &added), want++);
			assert_int_equal(added, 1);
			key[at] = 'k';
		}
	}
	assert_int_equal(s.n, (size_t)want);
	strset_free(&s);
}

/* The inline compare agrees with memcmp for every length up to 20 and a
 * difference at every place, on unaligned strings. */
static void test_bytes_eq(void **state)
{
	char a[32], b[32];
	(void)state;

	for (size_t n = 0; n <= 20; n++) {
		for (size_t i = 0; i < n; i++)
			a[1 + i] = b[3 + i] = (char)('A' + i);
		assert_true(strset_bytes_eq(a + 1, b + 3, n));
		for (size_t at = 0; at < n; at++) {
			b[3 + at] ^= 0x20;
			assert_false(strset_bytes_eq(a + 1, b + 3, n));
			assert_true(strset_bytes_eq(a + 1, b + 3, at)); /* the part before */
			b[3 + at] ^= 0x20;
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_ids_in_order),
		cmocka_unit_test(test_nul_and_empty_keys),
		cmocka_unit_test(test_many_keys),
		cmocka_unit_test(test_one_byte_apart),
		cmocka_unit_test(test_bytes_eq),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
