/* Unit tests for samefile (src/samefile.c): resolved names and the first
 * pair of paths that are the same file. */
#include "testutil.h"

#include <limits.h>
#include <sys/stat.h>
#include <unistd.h>

#include "samefile.h"

static char dir[PATH_MAX]; /* a scratch folder, resolved (mkdtemp under /tmp) */

static int setup(void **state)
{
	char tmpl[] = "/tmp/test_samefile_XXXXXX", p[PATH_MAX + 16];
	FILE *f;

	(void)state;
	if (!mkdtemp(tmpl) || !realpath(tmpl, dir))
		return -1;
	snprintf(p, sizeof p, "%s/a", dir);
	if (mkdir(p, 0755) < 0)
		return -1;
	snprintf(p, sizeof p, "%s/a/f.csv", dir);
	if (!(f = fopen(p, "w")))
		return -1;
	fclose(f);
	snprintf(p, sizeof p, "%s/link", dir);
	return symlink("a", p);
}

static int teardown(void **state)
{
	char cmd[PATH_MAX + 16];

	(void)state;
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

/* samefile_name(dir/rel) is dir/want (want NULL: dir itself). */
static void expect_name(const char *rel, const char *want)
{
	char p[PATH_MAX + 64], w[PATH_MAX + 64];
	char *got;

	snprintf(p, sizeof p, "%s/%s", dir, rel);
	if (want)
		snprintf(w, sizeof w, "%s/%s", dir, want);
	else
		snprintf(w, sizeof w, "%s", dir);
	got = samefile_name(p);
	assert_non_null(got);
	assert_string_equal(got, w);
	free(got);
}

static void test_name(void **state)
{
	char *s;

	(void)state;
	expect_name("a/f.csv", "a/f.csv");
	expect_name("a/../a/f.csv", "a/f.csv");
	expect_name("./a//f.csv", "a/f.csv");
	expect_name("link/f.csv", "a/f.csv");     /* a symlinked folder is resolved */
	expect_name("link", "link");              /* the last part is not */
	expect_name("link/", "link");
	expect_name("a/..", NULL);
	expect_name("new/x.pdf", "new/x.pdf");    /* folders not made yet: by name */
	expect_name("new/deeper/../x.pdf", "new/x.pdf");
	expect_name("new/./x.pdf/", "new/x.pdf");
	expect_name("new/..", NULL);
	expect_name("link/new/../f.csv", "a/f.csv");
	expect_name("a/f.csv/x", "a/f.csv/x");     /* under a file: by name too */
	s = samefile_name("/");
	assert_string_equal(s, "/");
	free(s);
	s = samefile_name("/..");
	assert_string_equal(s, "/");
	free(s);
}

/* A relative name resolves against the current folder. */
static void test_name_relative(void **state)
{
	char cwd[PATH_MAX], want[PATH_MAX + 16], *s;

	(void)state;
	assert_non_null(getcwd(cwd, sizeof cwd));
	assert_int_equal(chdir(dir), 0);
	s = samefile_name("a/../link/f.csv");
	snprintf(want, sizeof want, "%s/a/f.csv", dir);
	assert_string_equal(s, want);
	free(s);
	s = samefile_name("x.pdf");
	snprintf(want, sizeof want, "%s/x.pdf", dir);
	assert_string_equal(s, want);
	free(s);
	assert_int_equal(chdir(cwd), 0);
}

static void test_find(void **state)
{
	char p0[PATH_MAX + 32], p1[PATH_MAX + 32], p2[PATH_MAX + 32], p3[PATH_MAX + 32];
	const char *paths[] = { p0, p1, p2, p3 };
	unsigned char quiet[4] = { 1, 1, 0, 0 };
	size_t a = 99, b = 99;

	(void)state;
	/* two inputs the same file (quiet): no pair; outputs apart: none */
	snprintf(p0, sizeof p0, "%s/a/f.csv", dir);
	snprintf(p1, sizeof p1, "%s/link/f.csv", dir);
	snprintf(p2, sizeof p2, "%s/out.pdf", dir);
	snprintf(p3, sizeof p3, "%s/out.txt", dir);
	assert_int_equal(samefile_find(paths, quiet, 4, &a, &b), 0);
	/* an output that is the second input: paired with the first input seen */
	snprintf(p3, sizeof p3, "%s/a/./f.csv", dir);
	assert_int_equal(samefile_find(paths, quiet, 4, &a, &b), 1);
	assert_int_equal(a, 0);
	assert_int_equal(b, 3);
	/* two outputs the same (by name, not made yet) come earlier */
	snprintf(p2, sizeof p2, "%s/new/x.pdf", dir);
	snprintf(p3, sizeof p3, "%s/new/../new/x.pdf", dir);
	assert_int_equal(samefile_find(paths, quiet, 4, &a, &b), 1);
	assert_int_equal(a, 2);
	assert_int_equal(b, 3);
	/* an output that is the input through a symlink to the file */
	snprintf(p2, sizeof p2, "%s/sym.csv", dir);
	assert_int_equal(symlink("a/f.csv", p2), 0);
	snprintf(p3, sizeof p3, "%s/other.pdf", dir);
	quiet[1] = 0;
	snprintf(p1, sizeof p1, "%s/unrelated", dir);
	assert_int_equal(samefile_find(paths, quiet, 4, &a, &b), 1);
	assert_int_equal(a, 0);
	assert_int_equal(b, 2);
	assert_int_equal(samefile_find(paths, quiet, 0, &a, &b), 0);
	unlink(p2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_name),
		cmocka_unit_test(test_name_relative),
		cmocka_unit_test(test_find),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
