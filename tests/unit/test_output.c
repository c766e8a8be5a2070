/* Unit tests for writing output: the output set (src/outfile.c) and the
 * error paths of the cairo renderer's in-memory painting.  Every error
 * message is checked exactly, with its exit code and the file it names
 * (always the final path, never a temporary).  Run from the repository
 * root: fonts come from "fonts/". */
#include "testutil.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fonts.h"
#include "outfile.h"
#include "render.h"
#include "scene.h"

/* A fresh scratch folder. */
static void scratch(char *dir, size_t size)
{
	snprintf(dir, size, "/tmp/test_output_XXXXXX");
	assert_non_null(mkdtemp(dir));
}

/* Number of entries in dir whose name starts with '.' (temporaries), and
 * of all entries, "." and ".." aside. */
static int count_entries(const char *dir, int *hidden)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	*hidden = 0;
	assert_non_null(d);
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		n++;
		*hidden += e->d_name[0] == '.';
	}
	closedir(d);
	return n;
}

static void remove_tree(const char *dir)
{
	char cmd[300];

	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

static void write_text(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void assert_file_is(const char *path, const char *text)
{
	char buf[256] = "";
	FILE *f = fopen(path, "r");
	size_t n;

	assert_non_null(f);
	n = fread(buf, 1, sizeof buf - 1, f);
	buf[n] = '\0';
	fclose(f);
	assert_string_equal(buf, text);
}

/* Two files written, nothing visible before the commit, both in place
 * after it, and no temporary left; the mode is that of a new file. */
static void test_commit(void **state)
{
	char dir[64], a[128], b[128];
	struct diag d = { 0 };
	struct outset *o = outset_new();
	struct stat st;
	int hidden;
	mode_t mask = umask(022);

	(void)state;
	scratch(dir, sizeof dir);
	snprintf(a, sizeof a, "%s/a.pdf", dir);
	snprintf(b, sizeof b, "%s/b.png", dir);
	write_text(a, "old");
	assert_int_equal(outset_write(o, a, "new a", 5, &d), 0);
	assert_int_equal(outset_write(o, b, "new b", 5, &d), 0);
	assert_file_is(a, "old");
	assert_int_equal(count_entries(dir, &hidden), 3);
	assert_int_equal(hidden, 2);
	assert_int_equal(outset_commit(o, &d), 0);
	assert_file_is(a, "new a");
	assert_file_is(b, "new b");
	assert_int_equal(count_entries(dir, &hidden), 2);
	assert_int_equal(hidden, 0);
	assert_int_equal(stat(b, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0644);
	outset_free(o);
	assert_file_is(a, "new a");
	umask(mask);
	remove_tree(dir);
}

/* A set freed without a commit removes its temporaries and leaves the
 * earlier file as it was. */
static void test_free_without_commit(void **state)
{
	char dir[64], a[128];
	struct diag d = { 0 };
	struct outset *o = outset_new();
	int hidden;

	(void)state;
	scratch(dir, sizeof dir);
	snprintf(a, sizeof a, "%s/a.pdf", dir);
	write_text(a, "old");
	assert_int_equal(outset_write(o, a, "new", 3, &d), 0);
	outset_free(o);
	outset_free(NULL);
	assert_file_is(a, "old");
	assert_int_equal(count_entries(dir, &hidden), 1);
	assert_int_equal(hidden, 0);
	remove_tree(dir);
}

/* Targets that cannot be created: 73, naming the path. */
static void test_cannot_create(void **state)
{
	char dir[64], p[256], sub[128];
	struct diag d = { 0 };
	struct outset *o = outset_new();

	(void)state;
	scratch(dir, sizeof dir);
	/* a folder */
	assert_int_equal(outset_write(o, dir, "x", 1, &d), -1);
	assert_int_equal(d.code, EXIT_CANTCREAT);
	assert_string_equal(d.file, dir);
	assert_string_equal(d.msg, "cannot create output: Is a directory");
	/* a device */
	assert_int_equal(outset_write(o, "/dev/null", "x", 1, &d), -1);
	assert_int_equal(d.code, EXIT_CANTCREAT);
	assert_string_equal(d.file, "/dev/null");
	assert_string_equal(d.msg, "cannot create output: not a regular file (output is "
				   "written beside it and renamed)");
	/* a missing folder */
	snprintf(p, sizeof p, "%s/no/x.pdf", dir);
	assert_int_equal(outset_write(o, p, "x", 1, &d), -1);
	assert_int_equal(d.code, EXIT_CANTCREAT);
	assert_string_equal(d.file, p);
	assert_string_equal(d.msg, "cannot create output: No such file or directory");
	/* a file where a folder is expected */
	snprintf(sub, sizeof sub, "%s/f", dir);
	write_text(sub, "");
	snprintf(p, sizeof p, "%s/f/x.pdf", dir);
	assert_int_equal(outset_write(o, p, "x", 1, &d), -1);
	assert_string_equal(d.msg, "cannot create output: Not a directory");
	/* a name too long for a temporary beside it */
	{
		static char longp[5000];
		memset(longp, 'b', sizeof longp - 1);
		longp[0] = '/';
		longp[sizeof longp - 1] = '\0';
		assert_int_equal(outset_write(o, longp, "x", 1, &d), -1);
		assert_int_equal(d.code, EXIT_CANTCREAT);
		assert_string_equal(d.msg, "cannot create output: File name too long");
	}
	assert_int_equal(outset_commit(o, &d), 0); /* nothing to commit */
	outset_free(o);
	remove_tree(dir);
}

/* More temporaries at once than the signal handler's table holds. */
static void test_too_many_files(void **state)
{
	char dir[64], p[128];
	struct diag d = { 0 };
	struct outset *o = outset_new();
	int hidden;

	(void)state;
	scratch(dir, sizeof dir);
	for (int i = 0; i < OUTFILE_MAX_TEMPS; i++) {
		snprintf(p, sizeof p, "%s/%d.png", dir, i);
		assert_int_equal(outset_write(o, p, "x", 1, &d), 0);
	}
	snprintf(p, sizeof p, "%s/last.png", dir);
	assert_int_equal(outset_write(o, p, "x", 1, &d), -1);
	assert_int_equal(d.code, EXIT_CANTCREAT);
	assert_string_equal(d.file, p);
	assert_string_equal(d.msg, "cannot create output: more than 512 output files");
	outset_free(o);
	assert_int_equal(count_entries(dir, &hidden), 0);
	/* the slots are free again */
	o = outset_new();
	assert_int_equal(outset_write(o, p, "x", 1, &d), 0);
	assert_int_equal(outset_commit(o, &d), 0);
	outset_free(o);
	remove_tree(dir);
}

/* A write error (a file-size limit: EFBIG once SIGXFSZ is ignored) is 74,
 * names the final path, and leaves no temporary. */
static void test_write_error(void **state)
{
	char dir[64], a[128];
	static char big[64 * 1024];
	struct diag d = { 0 };
	struct outset *o = outset_new();
	struct rlimit old, lim;
	int hidden;

	(void)state;
	scratch(dir, sizeof dir);
	snprintf(a, sizeof a, "%s/a.pdf", dir);
	write_text(a, "old");
	signal(SIGXFSZ, SIG_IGN);
	assert_int_equal(getrlimit(RLIMIT_FSIZE, &old), 0);
	lim = old;
	lim.rlim_cur = 4096;
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &lim), 0);
	assert_int_equal(outset_write(o, a, big, sizeof big, &d), -1);
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &old), 0);
	signal(SIGXFSZ, SIG_DFL);
	assert_int_equal(d.code, EXIT_IOERR);
	assert_string_equal(d.file, a);
	assert_string_equal(d.msg, "cannot write output: File too large");
	outset_free(o);
	assert_file_is(a, "old");
	assert_int_equal(count_entries(dir, &hidden), 1);
	assert_int_equal(hidden, 0);
	remove_tree(dir);
}

/* A target that became a folder between the write and the commit: the
 * rename fails with 73, naming it; the temporary goes at the free. */
static void test_commit_error(void **state)
{
	char dir[64], a[128];
	struct diag d = { 0 };
	struct outset *o = outset_new();
	int hidden;

	(void)state;
	scratch(dir, sizeof dir);
	snprintf(a, sizeof a, "%s/a.pdf", dir);
	assert_int_equal(outset_write(o, a, "new", 3, &d), 0);
	assert_int_equal(mkdir(a, 0755), 0);
	assert_int_equal(outset_commit(o, &d), -1);
	assert_int_equal(d.code, EXIT_CANTCREAT);
	assert_string_equal(d.file, a);
	assert_string_equal(d.msg, "cannot create output: Is a directory");
	outset_free(o);
	assert_int_equal(count_entries(dir, &hidden), 1);
	assert_int_equal(hidden, 0);
	remove_tree(dir);
}

/* SIGTERM (and SIGINT, SIGHUP) while temporaries exist: the handler removes
 * them and the process dies of that signal.  Run in a child process. */
static void test_signal_removes_temporaries(void **state)
{
	static const int sigs[] = { SIGTERM, SIGINT, SIGHUP };
	char dir[64], a[128];
	int hidden;

	(void)state;
	scratch(dir, sizeof dir);
	snprintf(a, sizeof a, "%s/a.pdf", dir);
	for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
		int status;
		pid_t pid = fork();

		assert_true(pid >= 0);
		if (pid == 0) {
			struct diag d = { 0 };
			struct outset *o = outset_new();

			signal(sigs[i], SIG_DFL);
			outfile_catch_signals();
			if (outset_write(o, a, "x", 1, &d) < 0 || outset_write(o, a, "y", 1, &d) < 0)
				_exit(2);
			raise(sigs[i]);
			_exit(3); /* not reached */
		}
		assert_int_equal(waitpid(pid, &status, 0), pid);
		assert_true(WIFSIGNALED(status));
		assert_int_equal(WTERMSIG(status), sigs[i]);
		assert_int_equal(count_entries(dir, &hidden), 0);
	}
	remove_tree(dir);
}

/* A signal the caller ignores (nohup) stays ignored. */
static void test_ignored_signal_stays_ignored(void **state)
{
	int status;
	pid_t pid;

	(void)state;
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct sigaction sa;

		signal(SIGHUP, SIG_IGN);
		outfile_catch_signals();
		sigaction(SIGHUP, NULL, &sa);
		_exit(sa.sa_handler == SIG_IGN ? 0 : 1);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
}

/* The renderers' in-memory painting: bytes of the right kind, and a scene
 * too large for a cairo image is an error naming the chart (70). */
static void test_render_data(void **state)
{
	struct diag d = { 0 };
	struct fonts *f = fonts_load("fonts", &d);
	struct scene *s = scene_new(100, 50), *huge = scene_new(40000, 50);
	unsigned char *data = NULL;
	size_t len = 0;

	(void)state;
	assert_non_null(f);
	assert_non_null(s);
	assert_non_null(huge);
	assert_int_equal(render_png_data(s, f, 72, "c.png", &data, &len, &d), 0);
	assert_true(len > 8);
	assert_memory_equal(data, "\x89PNG\r\n\x1a\n", 8);
	free(data);
	assert_int_equal(render_svg_data(s, f, "c.svg", &data, &len, &d), 0);
	assert_true(len > 5);
	assert_memory_equal(data, "<?xml", 5);
	free(data);
	assert_int_equal(render_png_data(huge, f, 72, "charts/huge.png", &data, &len, &d), -1);
	assert_int_equal(d.code, EXIT_SOFTWARE);
	assert_string_equal(d.file, "charts/huge.png");
	assert_string_equal(d.msg, "cannot paint chart charts/huge.png: invalid value "
				   "(typically too big) for the size of the input (surface, "
				   "pattern, etc.)");
	scene_free(s);
	scene_free(huge);
	fonts_free(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_commit),
		cmocka_unit_test(test_free_without_commit),
		cmocka_unit_test(test_cannot_create),
		cmocka_unit_test(test_too_many_files),
		cmocka_unit_test(test_write_error),
		cmocka_unit_test(test_commit_error),
		cmocka_unit_test(test_signal_removes_temporaries),
		cmocka_unit_test(test_ignored_signal_stays_ignored),
		cmocka_unit_test(test_render_data),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
