/* Unit tests for sha256: the FIPS 180-2 test vectors, updates of every
 * split, and files (read in chunks; a missing file is an error). */
#include "testutil.h"

#include <errno.h>
#include <unistd.h>

#include "sha256.h"

static const char abc[] = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
static const char empty[] = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
static const char two_blocks[] =
	"248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1";
static const char msg2[] = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
static const char million_a[] =
	"cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0";

static void test_vectors(void **state)
{
	char hex[65];
	(void)state;

	sha256_hex("abc", 3, hex);
	assert_string_equal(hex, abc);
	sha256_hex("", 0, hex);
	assert_string_equal(hex, empty);
	sha256_hex(msg2, strlen(msg2), hex);
	assert_string_equal(hex, two_blocks);
}

/* One million 'a' fed in uneven pieces, and msg2 split at every point:
 * the digest does not depend on how the data arrives. */
static void test_updates(void **state)
{
	static char buf[2048];
	struct sha256 s;
	unsigned char d[32];
	char hex[65];
	size_t left = 1000000, piece = 1;
	(void)state;

	memset(buf, 'a', sizeof buf);
	sha256_init(&s);
	while (left > 0) {
		size_t n = piece < left ? piece : left;
		sha256_update(&s, buf, n);
		left -= n;
		piece = piece % 997 + 63;
	}
	sha256_final(&s, d);
	for (int i = 0; i < 32; i++)
		snprintf(hex + 2 * i, 3, "%02x", d[i]);
	assert_string_equal(hex, million_a);
	for (size_t cut = 0; cut <= strlen(msg2); cut++) {
		sha256_init(&s);
		sha256_update(&s, msg2, cut);
		sha256_update(&s, msg2 + cut, strlen(msg2) - cut);
		sha256_final(&s, d);
		for (int i = 0; i < 32; i++)
			snprintf(hex + 2 * i, 3, "%02x", d[i]);
		assert_string_equal(hex, two_blocks);
	}
}

static void test_file(void **state)
{
	char path[] = "/tmp/test_sha256_XXXXXX", hex[65];
	int fd = mkstemp(path);
	(void)state;

	assert_true(fd >= 0);
	assert_int_equal(write(fd, "abc", 3), 3);
	close(fd);
	assert_int_equal(sha256_file(path, hex), 0);
	assert_string_equal(hex, abc);
	unlink(path);
	errno = 0;
	assert_int_equal(sha256_file(path, hex), -1);
	assert_int_equal(errno, ENOENT);
	assert_int_equal(sha256_file("/tmp", hex), -1);
}

/* A hash abandoned half-way frees its context (ASan and valgrind check);
 * clearing twice, or after final, is harmless. */
static void test_clear(void **state)
{
	struct sha256 s;
	unsigned char d[32];
	char hex[65];
	(void)state;

	assert_int_equal(sha256_init(&s), 0);
	sha256_update(&s, "abc", 3);
	sha256_clear(&s);
	sha256_clear(&s);
	assert_int_equal(sha256_init(&s), 0);
	sha256_update(&s, "ab", 2);
	sha256_update(&s, "", 0);
	sha256_update(&s, "c", 1);
	assert_int_equal(sha256_final(&s, d), 0);
	sha256_clear(&s);
	sha256_to_hex(d, hex);
	assert_string_equal(hex, abc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vectors),
		cmocka_unit_test(test_updates),
		cmocka_unit_test(test_file),
		cmocka_unit_test(test_clear),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
