/* Unit tests for which files data reads: a missing file or a folder, the
 * confinement to the roots (links and ".." resolved; never /proc, /dev or
 * /sys), only regular files (a FIFO refused, not waited on), and a read
 * error, each at the data: line with its exit code. */
#include "data_fixture.h"

static void test_error_open(void **state)
{
	char dir[128], missing[128], msg[512];
	struct query *q, *q2;
	struct query *qs[2];

	(void)state;
	snprintf(missing, sizeof missing, "%s/missing.csv", tmpdir);
	q = qagg(missing, NULL, NULL, NULL, AGG_COUNT);
	q2 = qagg(missing, NULL, NULL, NULL, AGG_COUNT);
	q2->spec_line = 40;
	qs[0] = q;
	qs[1] = q2;
	snprintf(msg, sizeof msg, "cannot open %s: No such file or directory", missing);
	check_error_n(qs, 2, EXIT_NOINPUT, "brief.md", 12, 1, msg);
	qfree(q);
	qfree(q2);

	snprintf(dir, sizeof dir, "%s/adir.csv", tmpdir);
	assert_int_equal(mkdir(dir, 0700), 0);
	q = qagg(dir, NULL, NULL, NULL, AGG_COUNT);
	/* a folder is read as its parts (data_input.c): it has none */
	snprintf(msg, sizeof msg, "%s is a folder without *.csv or *.csv.gz files", dir);
	check_error(q, EXIT_NOINPUT, "brief.md", 12, 1, msg);
	qfree(q);
	assert_int_equal(rmdir(dir), 0);
}

/* Run q with options o and expect exactly this error (see check_error). */
static void check_error_opts(struct query *q, const struct data_options *o, int code,
			     const char *msg)
{
	struct diag d = { 0 };
	struct query *qs[1] = { q };

	alarm(20); /* a FIFO read would block: fail rather than hang */
	assert_int_equal(data_run_opts(q->path, qs, 1, o, &d, NULL), -1);
	alarm(0);
	assert_string_equal(d.msg, msg);
	assert_string_equal(d.file, "brief.md");
	assert_int_equal(d.line, 12);
	assert_int_equal(d.col, 1);
	assert_int_equal(d.code, code);
	assert_int_equal(q->res.ngroups, 0);
}

/* Run q with options o, which must succeed; its count. */
static double run_opts_count(struct query *q, const struct data_options *o)
{
	struct diag d = { 0 };
	struct query *qs[1] = { q };

	if (data_run_opts(q->path, qs, 1, o, &d, NULL) != 0)
		fail_msg("data_run_opts %s: %s", q->path, d.msg);
	assert_int_equal(q->res.ngroups, 1);
	return q->res.groups[0].value;
}

/* Issue 11: with roots, a data file must lie in one of them once links and
 * ".." are resolved, and never under /proc, /dev or /sys; whatever the
 * roots, only a regular file is read (a FIFO is refused, not waited on). */
static void test_confinement(void **state)
{
	static const char *const outside_fmt = "data: %s is outside the spec's folder%s: data "
		"files must lie in it (links included), or under a folder given with "
		"--data-root or BRIEFING_DATA_ROOT";
	char root[128], p[256], msg[1024], target[256];
	const char *roots[2];
	struct data_options o;
	struct query *q;

	(void)state;
	snprintf(root, sizeof root, "%s/root", tmpdir);
	assert_int_equal(mkdir(root, 0700), 0);
	snprintf(p, sizeof p, "%s/sub", root);
	assert_int_equal(mkdir(p, 0700), 0);
	tmpfile_text("root/a.csv", "x\n1\n2\n");
	tmpfile_text("root/sub/b.csv", "x\n1\n");
	tmpfile_text("out.csv", "x\n1\n2\n3\n");
	snprintf(p, sizeof p, "%s/esc.csv", root);
	snprintf(target, sizeof target, "%s/out.csv", tmpdir);
	assert_int_equal(symlink(target, p), 0);
	snprintf(p, sizeof p, "%s/in.csv", root);
	assert_int_equal(symlink("sub/b.csv", p), 0);
	data_options_defaults(&o);
	roots[0] = root;
	o.roots = roots;
	o.nroots = 1;

	/* inside, also through ".." and through a link that stays inside */
	static const struct { const char *rel; double n; } ok[] = {
		{ "a.csv", 2 }, { "sub/b.csv", 1 }, { "sub/../a.csv", 2 }, { "in.csv", 1 } };
	for (size_t i = 0; i < 4; i++) {
		snprintf(p, sizeof p, "%s/%s", root, ok[i].rel);
		q = qagg(p, NULL, NULL, NULL, AGG_COUNT);
		assert_true(run_opts_count(q, &o) == ok[i].n);
		qfree(q);
	}
	/* outside: by "..", by an absolute path, by a link */
	static const char *const out[] = { "%s/../out.csv", "%s/esc.csv", "%s/sub/../../out.csv" };
	for (size_t i = 0; i < 3; i++) {
		snprintf(p, sizeof p, out[i], root);
		q = qagg(p, NULL, NULL, NULL, AGG_COUNT);
		snprintf(msg, sizeof msg, outside_fmt, p, "");
		check_error_opts(q, &o, EXIT_DATAERR, msg);
		qfree(q);
	}
	q = qagg(target, NULL, NULL, NULL, AGG_COUNT);
	snprintf(msg, sizeof msg, outside_fmt, target, "");
	check_error_opts(q, &o, EXIT_DATAERR, msg);
	/* a second root allows it; the message names the roots */
	roots[1] = tmpdir;
	o.nroots = 2;
	assert_true(run_opts_count(q, &o) == 3);
	qfree(q);
	roots[1] = "/nonexistent-briefing-root";
	q = qagg(target, NULL, NULL, NULL, AGG_COUNT);
	snprintf(msg, sizeof msg, outside_fmt, target, " and the --data-root folders");
	check_error_opts(q, &o, EXIT_DATAERR, msg);
	qfree(q);
	/* system files are never read, even when a root holds them */
	roots[1] = "/";
	q = qagg("/proc/self/status", NULL, NULL, NULL, AGG_COUNT);
	check_error_opts(q, &o, EXIT_DATAERR, "data: /proc/self/status is under /proc: system "
			 "files are never read as data");
	qfree(q);
	q = qagg("/dev/null", NULL, NULL, NULL, AGG_COUNT);
	check_error_opts(q, &o, EXIT_DATAERR, "data: /dev/null is under /dev: system files are "
			 "never read as data");
	qfree(q);
	/* a missing file is still "cannot open" (66), confined or not */
	snprintf(p, sizeof p, "%s/none.csv", root);
	q = qagg(p, NULL, NULL, NULL, AGG_COUNT);
	snprintf(msg, sizeof msg, "cannot open %s: No such file or directory", p);
	check_error_opts(q, &o, EXIT_NOINPUT, msg);
	qfree(q);
	snprintf(p, sizeof p, "%s/esc.csv", root);
	assert_int_equal(unlink(p), 0);
	snprintf(p, sizeof p, "%s/in.csv", root);
	assert_int_equal(unlink(p), 0);
}

/* Not regular files: refused with what they are, without blocking on a
 * FIFO, confined or not (exit 66 at the data: line). */
static void test_not_regular(void **state)
{
	char fifo[128], msg[512];
	struct data_options o;
	const char *roots[1] = { tmpdir };
	struct query *q;

	(void)state;
	snprintf(fifo, sizeof fifo, "%s/pipe.csv", tmpdir);
	assert_int_equal(mkfifo(fifo, 0600), 0);
	data_options_defaults(&o);
	q = qagg(fifo, NULL, NULL, NULL, AGG_COUNT);
	snprintf(msg, sizeof msg, "cannot read %s: it is a FIFO, not a regular file", fifo);
	check_error_opts(q, &o, EXIT_NOINPUT, msg);
	o.roots = roots;
	o.nroots = 1;
	check_error_opts(q, &o, EXIT_NOINPUT, msg);
	qfree(q);
	assert_int_equal(unlink(fifo), 0);
	data_options_defaults(&o);
	q = qagg("/dev/null", NULL, NULL, NULL, AGG_COUNT);
	check_error_opts(q, &o, EXIT_NOINPUT, "cannot read /dev/null: it is a device, not a "
			 "regular file");
	qfree(q);
}

/* A read() that fails (EIO: /proc/self/mem at offset 0 is unmapped, and
 * unconfined data_run reads it as the regular file it claims to be) is an
 * I/O error at the data: line, not an unlocated one. */
static void test_read_error(void **state)
{
	struct data_options o;
	struct query *q;

	(void)state;
	data_options_defaults(&o);
	q = qagg("/proc/self/mem", NULL, NULL, NULL, AGG_COUNT);
	check_error_opts(q, &o, EXIT_IOERR, "cannot read /proc/self/mem: Input/output error");
	o.threads = 2; /* the reading thread of the parallel pass: the same */
	check_error_opts(q, &o, EXIT_IOERR, "cannot read /proc/self/mem: Input/output error");
	qfree(q);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_error_open),
		cmocka_unit_test(test_confinement),
		cmocka_unit_test(test_not_regular),
		cmocka_unit_test(test_read_error),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
