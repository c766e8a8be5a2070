/* Unit tests for writing output: the output set (src/outfile.c) and the
 * error paths of the cairo renderer's in-memory painting.  Every error
 * message is checked exactly, with its exit code and the file it names
 * (always the final path, never a temporary).  Run from the repository
 * root: fonts come from "fonts/". */
#include "testutil.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
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

/* More output files than a set may hold (OUTFILE_MAX_FILES): declared or
 * written, the next one is refused (73, naming it); outset_room counts
 * down.  Declaring writes nothing, so this is quick. */
static void test_too_many_files(void **state)
{
	char dir[64], p[128];
	struct diag d = { 0 };
	struct outset *o = outset_new();
	int hidden;

	(void)state;
	scratch(dir, sizeof dir);
	assert_int_equal(outset_room(o), OUTFILE_MAX_FILES);
	snprintf(p, sizeof p, "%s/first.png", dir);
	assert_int_equal(outset_write(o, p, "x", 1, &d), 0);
	for (int i = 1; i < OUTFILE_MAX_FILES; i++) {
		snprintf(p, sizeof p, "%s/%d.png", dir, i);
		assert_int_equal(outset_output(o, p, "chart file", OUTSET_FILE, &d), 0);
	}
	assert_int_equal(outset_room(o), 0);
	/* folders and inputs do not count */
	assert_int_equal(outset_output(o, dir, "charts folder", OUTSET_FOLDER, &d), 0);
	assert_int_equal(outset_input(o, "in.csv", "data file", &d), 0);
	snprintf(p, sizeof p, "%s/last.png", dir);
	assert_int_equal(outset_output(o, p, "chart file", OUTSET_FILE, &d), -1);
	assert_int_equal(d.code, EXIT_CANTCREAT);
	assert_string_equal(d.file, p);
	assert_string_equal(d.msg, "cannot create output: more than 10000 output files");
	memset(&d, 0, sizeof d);
	assert_int_equal(outset_write(o, p, "x", 1, &d), -1);
	assert_string_equal(d.msg, "cannot create output: more than 10000 output files");
	/* a file declared before is written without counting twice */
	snprintf(p, sizeof p, "%s/7.png", dir);
	assert_int_equal(outset_write(o, p, "x", 1, &d), 0);
	outset_free(o);
	assert_int_equal(count_entries(dir, &hidden), 0);
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

/* A declared output that is an input, or another output: 64, naming both,
 * whichever way the two names were written (.., a symlinked folder, a
 * symlink or a hard link to the file). */
static void expect_same(const char *in, const char *out1, const char *out2, const char *msg)
{
	struct diag d = { 0 };
	struct outset *o = outset_new();

	if (in)
		assert_int_equal(outset_input(o, in, "data file", &d), 0);
	assert_int_equal(outset_output(o, out1, "-o", OUTSET_FILE, &d), 0);
	if (out2)
		assert_int_equal(outset_output(o, out2, "--summary", OUTSET_FILE, &d), 0);
	if (msg) {
		assert_int_equal(outset_check(o, &d), -1);
		assert_int_equal(d.code, EXIT_USAGE);
		assert_string_equal(d.file, "");
		assert_string_equal(d.msg, msg);
	} else {
		assert_int_equal(outset_check(o, &d), 0);
	}
	outset_free(o);
}

static void test_check_collisions(void **state)
{
	char dir[64], in[128], p[256], q[256], msg[1024];

	(void)state;
	scratch(dir, sizeof dir);
	snprintf(in, sizeof in, "%s/data.csv", dir);
	write_text(in, "a,b\n");
	snprintf(p, sizeof p, "%s/sub", dir);
	assert_int_equal(mkdir(p, 0755), 0);
	/* the same name */
	snprintf(msg, sizeof msg, "-o %s would overwrite data file %s", in, in);
	expect_same(in, in, NULL, msg);
	/* through .. */
	snprintf(p, sizeof p, "%s/sub/../data.csv", dir);
	snprintf(msg, sizeof msg, "-o %s would overwrite data file %s", p, in);
	expect_same(in, p, NULL, msg);
	/* through a folder that does not exist yet, then .. */
	snprintf(p, sizeof p, "%s/new/../data.csv", dir);
	snprintf(msg, sizeof msg, "-o %s would overwrite data file %s", p, in);
	expect_same(in, p, NULL, msg);
	/* through a symlinked folder */
	snprintf(p, sizeof p, "%s/link", dir);
	assert_int_equal(symlink(dir, p), 0);
	snprintf(p, sizeof p, "%s/link/data.csv", dir);
	snprintf(msg, sizeof msg, "-o %s would overwrite data file %s", p, in);
	expect_same(in, p, NULL, msg);
	/* a symlink to the input, and a hard link to it */
	snprintf(p, sizeof p, "%s/sym.csv", dir);
	assert_int_equal(symlink("data.csv", p), 0);
	snprintf(msg, sizeof msg, "-o %s would overwrite data file %s", p, in);
	expect_same(in, p, NULL, msg);
	snprintf(p, sizeof p, "%s/hard.csv", dir);
	assert_int_equal(link(in, p), 0);
	snprintf(msg, sizeof msg, "-o %s would overwrite data file %s", p, in);
	expect_same(in, p, NULL, msg);
	/* the input named through a symlink, the output by its real name */
	snprintf(p, sizeof p, "%s/sym.csv", dir);
	snprintf(msg, sizeof msg, "-o %s would overwrite data file %s", in, p);
	expect_same(p, in, NULL, msg);
	/* two outputs, one not made yet, named two ways */
	snprintf(p, sizeof p, "%s/b.pdf", dir);
	snprintf(q, sizeof q, "%s/sub/./../b.pdf", dir);
	snprintf(msg, sizeof msg, "--summary %s and -o %s name the same file", q, p);
	expect_same(in, p, q, msg);
	/* different files: no error; nor for an input named twice */
	snprintf(q, sizeof q, "%s/b.txt", dir);
	expect_same(in, p, q, NULL);
	expect_same(NULL, p, NULL, NULL);
	remove_tree(dir);
}

/* A folder the set makes is the same as a file output: 64; the same as an
 * input it overwrites nothing (it cannot be made: 73).  The first pair
 * found is the one whose later member comes first. */
static void test_check_folder_collisions(void **state)
{
	char dir[64], in[128], pdf[128], charts[128], chart[160], msg[1024];
	struct diag d = { 0 };
	struct outset *o;

	(void)state;
	scratch(dir, sizeof dir);
	snprintf(in, sizeof in, "%s/data.csv", dir);
	write_text(in, "a,b\n");
	snprintf(pdf, sizeof pdf, "%s/b.pdf", dir);
	snprintf(charts, sizeof charts, "%s/charts", dir);
	snprintf(chart, sizeof chart, "%s/charts/a.png", dir);
	/* the PDF where the charts folder goes */
	o = outset_new();
	assert_int_equal(outset_output(o, charts, "-o", OUTSET_FILE, &d), 0);
	assert_int_equal(outset_output(o, charts, "charts folder", OUTSET_FOLDER, &d), 0);
	assert_int_equal(outset_output(o, chart, "chart file", OUTSET_FILE, &d), 0);
	assert_int_equal(outset_check(o, &d), -1);
	snprintf(msg, sizeof msg, "charts folder %s and -o %s name the same file", charts, charts);
	assert_string_equal(d.msg, msg);
	outset_free(o);
	/* the PDF named like a chart file, in a folder not made yet */
	o = outset_new();
	assert_int_equal(outset_input(o, in, "the spec", &d), 0);
	assert_int_equal(outset_output(o, chart, "-o", OUTSET_FILE, &d), 0);
	assert_int_equal(outset_output(o, pdf, "--summary", OUTSET_FILE, &d), 0);
	assert_int_equal(outset_output(o, charts, "charts folder", OUTSET_FOLDER, &d), 0);
	assert_int_equal(outset_output(o, chart, "chart file", OUTSET_FILE, &d), 0);
	assert_int_equal(outset_check(o, &d), -1);
	assert_int_equal(d.code, EXIT_USAGE);
	snprintf(msg, sizeof msg, "chart file %s and -o %s name the same file", chart, chart);
	assert_string_equal(d.msg, msg);
	outset_free(o);
	/* the charts folder where an input is: not made (73), nothing overwritten */
	o = outset_new();
	assert_int_equal(outset_input(o, in, "data file", &d), 0);
	assert_int_equal(outset_output(o, in, "charts folder", OUTSET_FOLDER, &d), 0);
	assert_int_equal(outset_check(o, &d), -1);
	assert_int_equal(d.code, EXIT_CANTCREAT);
	assert_string_equal(d.file, in);
	assert_string_equal(d.msg, "cannot create charts folder: not a folder");
	outset_free(o);
	remove_tree(dir);
}

/* Targets checked before anything is written: 73 as outset_write would
 * say it; a file in the folder the set makes is fine. */
static void test_check_targets(void **state)
{
	char dir[64], p[256], f[128];
	struct diag d = { 0 };
	struct outset *o;
	int hidden;

	(void)state;
	scratch(dir, sizeof dir);
	snprintf(f, sizeof f, "%s/b.pdf", dir);
	write_text(f, "old");
	static const struct {
		const char *rel, *msg;
	} bad[] = {
		{ "new.pdf/", "cannot create output: Is a directory" },
		{ "b.pdf/", "cannot create output: Not a directory" },
		{ "", "cannot create output: Is a directory" },
		{ "no/x.pdf", "cannot create output: No such file or directory" },
		{ "b.pdf/x.pdf", "cannot create output: Not a directory" },
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		o = outset_new();
		snprintf(p, sizeof p, "%s/%s", dir, bad[i].rel);
		assert_int_equal(outset_output(o, p, "-o", OUTSET_FILE, &d), 0);
		assert_int_equal(outset_check(o, &d), -1);
		assert_int_equal(d.code, EXIT_CANTCREAT);
		assert_string_equal(d.file, p);
		assert_string_equal(d.msg, bad[i].msg);
		/* and outset_write says the same, leaving nothing */
		memset(&d, 0, sizeof d);
		assert_int_equal(outset_write(o, p, "x", 1, &d), -1);
		assert_string_equal(d.msg, bad[i].msg);
		outset_free(o);
	}
	/* a charts folder to make, and files in it: fine; its parent missing: 73 */
	o = outset_new();
	snprintf(p, sizeof p, "%s/charts", dir);
	assert_int_equal(outset_output(o, p, "charts folder", OUTSET_FOLDER, &d), 0);
	snprintf(p, sizeof p, "%s/charts/a.png", dir);
	assert_int_equal(outset_output(o, p, "chart file", OUTSET_FILE, &d), 0);
	assert_int_equal(outset_check(o, &d), 0);
	snprintf(p, sizeof p, "%s/no/charts", dir);
	assert_int_equal(outset_output(o, p, "charts folder", OUTSET_FOLDER, &d), 0);
	assert_int_equal(outset_check(o, &d), -1);
	assert_string_equal(d.file, p);
	assert_string_equal(d.msg, "cannot create charts folder: No such file or directory");
	outset_free(o);
	assert_file_is(f, "old");
	assert_int_equal(count_entries(dir, &hidden), 1);
	remove_tree(dir);
}

/* A legal name of 250 or 255 bytes: the temporary's name is shortened (at
 * a UTF-8 boundary), not the user's, and the file is written. */
static void test_long_name(void **state)
{
	char dir[64], name[300], p[400], tmp[300];
	struct diag d = { 0 };
	struct outset *o;
	struct dirent *e;
	DIR *dd;
	int hidden;

	(void)state;
	scratch(dir, sizeof dir);
	/* 246 'a', an 'é' across the cut (bytes 247 and 248), then 4 more: 252 */
	memset(name, 'a', 246);
	memcpy(name + 246, "\xc3\xa9" "bcde", 7);
	snprintf(p, sizeof p, "%s/%s", dir, name);
	o = outset_new();
	assert_int_equal(outset_write(o, p, "new", 3, &d), 0);
	dd = opendir(dir);
	assert_non_null(dd);
	tmp[0] = '\0';
	while ((e = readdir(dd)) != NULL)
		if (e->d_name[0] == '.' && strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			snprintf(tmp, sizeof tmp, "%s", e->d_name);
	closedir(dd);
	assert_int_equal(strlen(tmp), 1 + 246 + 7);
	assert_memory_equal(tmp + 1, name, 246);
	assert_int_equal(tmp[247], '.');
	assert_int_equal(outset_commit(o, &d), 0);
	outset_free(o);
	assert_file_is(p, "new");
	/* 255 bytes, the most a name may have, replacing an earlier file */
	memset(name, 'z', 255);
	name[255] = '\0';
	snprintf(p, sizeof p, "%s/%s", dir, name);
	write_text(p, "old");
	o = outset_new();
	assert_int_equal(outset_write(o, p, "new", 3, &d), 0);
	assert_int_equal(outset_commit(o, &d), 0);
	outset_free(o);
	assert_file_is(p, "new");
	assert_int_equal(count_entries(dir, &hidden), 2);
	assert_int_equal(hidden, 0);
	/* 256: too long for any file */
	strcat(p, "z");
	o = outset_new();
	assert_int_equal(outset_write(o, p, "new", 3, &d), -1);
	assert_string_equal(d.msg, "cannot create output: File name too long");
	outset_free(o);
	remove_tree(dir);
}

/* Make a file dir/name with the given content and modification time
 * (seconds from now). */
static void make_aged(const char *dir, const char *name, const char *text, long age)
{
	char p[512];
	struct timespec ts[2];

	snprintf(p, sizeof p, "%s/%s", dir, name);
	write_text(p, text);
	clock_gettime(CLOCK_REALTIME, &ts[0]);
	ts[0].tv_sec -= age;
	ts[1] = ts[0];
	assert_int_equal(utimensat(AT_FDCWD, p, ts, 0), 0);
}

static int exists_in(const char *dir, const char *name)
{
	char p[512];
	struct stat st;

	snprintf(p, sizeof p, "%s/%s", dir, name);
	return lstat(p, &st) == 0;
}

/* Temporaries a killed run left: the next set writing the same target
 * removes those named exactly ".NAME.XXXXXX", regular files older than
 * the set; nothing else.  Not while another run holds the folder. */
static void test_stale_temporaries(void **state)
{
	static const char *const kept[] = {
		".b.pdf.AbC12",   /* five letters */
		".b.pdf.AbC1234", /* seven */
		".b.pdf.AbC12-",  /* not a letter or digit */
		".c.pdf.AbC123",  /* another target's (not written by this set) */
		"b.pdf.AbC123",   /* no dot in front */
		".b.pdf.Young1",  /* younger than the set */
		".b.pdfXAbC123",  /* no dot before the letters */
	};
	char dir[64], p[256], q[256];
	struct diag d = { 0 };
	struct outset *o;
	struct timespec old[2];
	int fd, hidden;

	(void)state;
	scratch(dir, sizeof dir);
	make_aged(dir, "b.pdf", "old", 3600);
	make_aged(dir, ".b.pdf.AbC123", "stale", 3600);
	make_aged(dir, ".b.pdf.Zz9Zz9", "stale", 1);
	for (size_t i = 0; i + 1 < sizeof kept / sizeof kept[0]; i++)
		make_aged(dir, kept[i], "keep", 3600);
	make_aged(dir, ".b.pdf.Young1", "keep", -3600);
	make_aged(dir, ".b.pdfXAbC123", "keep", 3600);
	/* a folder and a symlink of the pattern, old too */
	snprintf(p, sizeof p, "%s/.b.pdf.Folder", dir);
	assert_int_equal(mkdir(p, 0755), 0);
	snprintf(p, sizeof p, "%s/.b.pdf.SymLnk", dir);
	assert_int_equal(symlink("b.pdf", p), 0);
	clock_gettime(CLOCK_REALTIME, &old[0]);
	old[0].tv_sec -= 3600;
	old[1] = old[0];
	assert_int_equal(utimensat(AT_FDCWD, p, old, AT_SYMLINK_NOFOLLOW), 0);
	/* another run writing into the folder (a lock held on another open
	 * file description conflicts even within one process): nothing goes */
	fd = open(dir, O_RDONLY | O_DIRECTORY);
	assert_true(fd >= 0);
	assert_int_equal(flock(fd, LOCK_SH), 0);
	snprintf(p, sizeof p, "%s/b.pdf", dir);
	o = outset_new();
	assert_int_equal(outset_write(o, p, "new", 3, &d), 0);
	assert_int_equal(outset_stale_removed(o), 0);
	assert_true(exists_in(dir, ".b.pdf.AbC123"));
	outset_free(o);
	close(fd);
	/* alone: the two stale ones go, the rest stays */
	o = outset_new();
	snprintf(q, sizeof q, "%s/other.png", dir);
	assert_int_equal(outset_output(o, q, "chart file", OUTSET_FILE, &d), 0);
	assert_int_equal(outset_write(o, p, "new", 3, &d), 0);
	assert_int_equal(outset_stale_removed(o), 2);
	assert_false(exists_in(dir, ".b.pdf.AbC123"));
	assert_false(exists_in(dir, ".b.pdf.Zz9Zz9"));
	for (size_t i = 0; i < sizeof kept / sizeof kept[0]; i++)
		assert_true(exists_in(dir, kept[i]));
	assert_true(exists_in(dir, ".b.pdf.Folder"));
	assert_true(exists_in(dir, ".b.pdf.SymLnk"));
	assert_int_equal(outset_commit(o, &d), 0);
	outset_free(o);
	assert_file_is(p, "new");
	/* b.pdf, 7 kept, folder, symlink */
	assert_int_equal(count_entries(dir, &hidden), 10);
	remove_tree(dir);
}

/* A target's stale temporaries when its name is too long to keep whole in
 * ".NAME.XXXXXX": matched by the shortened name. */
static void test_stale_long_name(void **state)
{
	char dir[64], name[300], stale[300], p[400];
	struct diag d = { 0 };
	struct outset *o;

	(void)state;
	scratch(dir, sizeof dir);
	memset(name, 'n', 250);
	name[250] = '\0';
	snprintf(stale, sizeof stale, ".%.247s.Abc123", name);
	make_aged(dir, stale, "stale", 3600);
	snprintf(p, sizeof p, "%s/%s", dir, name);
	o = outset_new();
	assert_int_equal(outset_write(o, p, "new", 3, &d), 0);
	assert_int_equal(outset_stale_removed(o), 1);
	assert_false(exists_in(dir, stale));
	outset_free(o);
	remove_tree(dir);
}

/* All or nothing: a rename that fails halfway through the commit (the
 * last folder made read-only after the files were written) puts back the
 * files already replaced and removes those that were new; no backup or
 * temporary is left.  Run as an ordinary user (root ignores file modes):
 * in a child that drops to nobody when the tests run as root. */
static void test_commit_rolls_back(void **state)
{
	char dir[64], a[128], b[128], fa[160], fnew[160], fb[160];
	int hidden, status;
	pid_t pid;

	(void)state;
	scratch(dir, sizeof dir);
	snprintf(a, sizeof a, "%s/a", dir);
	snprintf(b, sizeof b, "%s/b", dir);
	assert_int_equal(mkdir(a, 0755), 0);
	assert_int_equal(mkdir(b, 0755), 0);
	snprintf(fa, sizeof fa, "%s/a.pdf", a);
	snprintf(fnew, sizeof fnew, "%s/new.png", a);
	snprintf(fb, sizeof fb, "%s/b.txt", b);
	write_text(fa, "old a");
	write_text(fb, "old b");
	if (geteuid() == 0)
		assert_int_equal(chown(dir, 65534, 65534) | chown(a, 65534, 65534) |
					 chown(b, 65534, 65534) | chown(fa, 65534, 65534) |
					 chown(fb, 65534, 65534),
				 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct diag d = { 0 };
		struct outset *o;
		char want[400];

		if (geteuid() == 0 && (setgid(65534) < 0 || setuid(65534) < 0))
			_exit(10);
		o = outset_new();
		/* written b first, so it is renamed last, after the other two */
		if (outset_write(o, fb, "new b", 5, &d) < 0 || outset_write(o, fa, "new a", 5, &d) < 0 ||
		    outset_write(o, fnew, "new", 3, &d) < 0)
			_exit(11);
		if (chmod(b, 0555) < 0)
			_exit(12);
		if (outset_commit(o, &d) != -1)
			_exit(13);
		snprintf(want, sizeof want, "cannot create output: Permission denied");
		if (d.code != EXIT_CANTCREAT || strcmp(d.file, fb) || strcmp(d.msg, want))
			_exit(14);
		chmod(b, 0755); /* so the free can remove b's temporary */
		outset_free(o);
		_exit(0);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	assert_file_is(fa, "old a");
	assert_file_is(fb, "old b");
	assert_false(exists_in(a, "new.png"));
	assert_int_equal(count_entries(a, &hidden), 1);
	assert_int_equal(hidden, 0);
	assert_int_equal(count_entries(b, &hidden), 1);
	assert_int_equal(hidden, 0);
	remove_tree(dir);
}

/* A successful commit over earlier files leaves no backup, and the new
 * files are single links (the backups were removed, not kept). */
static void test_commit_removes_backups(void **state)
{
	char dir[64], a[128], b[128];
	struct diag d = { 0 };
	struct outset *o = outset_new();
	struct stat st;
	int hidden;

	(void)state;
	scratch(dir, sizeof dir);
	snprintf(a, sizeof a, "%s/a.pdf", dir);
	snprintf(b, sizeof b, "%s/b.png", dir);
	write_text(a, "old a");
	write_text(b, "old b");
	assert_int_equal(outset_write(o, a, "new a", 5, &d), 0);
	assert_int_equal(outset_write(o, b, "new b", 5, &d), 0);
	assert_int_equal(outset_commit(o, &d), 0);
	outset_free(o);
	assert_file_is(a, "new a");
	assert_file_is(b, "new b");
	assert_int_equal(stat(a, &st), 0);
	assert_int_equal(st.st_nlink, 1);
	assert_int_equal(count_entries(dir, &hidden), 2);
	assert_int_equal(hidden, 0);
	remove_tree(dir);
}

/* What a folder of NFILES files holds: 1 all "old", 2 all "new", 0 mixed
 * or with anything else in it. */
#define NFILES 600
static int set_state(const char *dir)
{
	char p[256], buf[8];
	int olds = 0, news = 0, hidden;

	if (count_entries(dir, &hidden) != NFILES || hidden)
		return 0;
	for (int i = 0; i < NFILES; i++) {
		FILE *f;
		size_t n;

		snprintf(p, sizeof p, "%s/f%d", dir, i);
		if (!(f = fopen(p, "r")))
			return 0;
		n = fread(buf, 1, sizeof buf - 1, f);
		fclose(f);
		buf[n] = '\0';
		olds += strcmp(buf, "old") == 0;
		news += strcmp(buf, "new") == 0;
	}
	return olds == NFILES ? 1 : news == NFILES ? 2 : 0;
}

/* A child that writes NFILES files, tells the parent on fd, then
 * commits; killed by SIGTERM, it must leave the folder all old or all
 * new (the signals are blocked through the whole commit). */
static void commit_child(const char *dir, int fd)
{
	struct diag d = { 0 };
	struct outset *o = outset_new();
	char p[256];

	signal(SIGTERM, SIG_DFL);
	outfile_catch_signals();
	for (int i = 0; i < NFILES; i++) {
		snprintf(p, sizeof p, "%s/f%d", dir, i);
		if (outset_write(o, p, "new", 3, &d) < 0)
			_exit(2);
	}
	if (write(fd, "g", 1) != 1)
		_exit(3);
	outset_commit(o, &d);
	outset_free(o);
	_exit(0);
}

/* SIGTERM at moments spread over a commit (timed from one commit
 * measured first): the set is always all old or all new.  A folder on
 * tmpfs when there is one, so fsync costs nothing and the runs are quick. */
static void test_signal_during_commit(void **state)
{
	char dir[64], p[256];
	struct timespec t0, t1;
	long span_us;
	int mixed = 0, news = 0;

	(void)state;
	snprintf(dir, sizeof dir, "%s/test_output_XXXXXX",
		 access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp");
	assert_non_null(mkdtemp(dir));
	/* one commit timed, in a child like the rest */
	for (int i = 0; i < NFILES; i++) {
		snprintf(p, sizeof p, "%s/f%d", dir, i);
		write_text(p, "old");
	}
	span_us = 0;
	for (int attempt = 0; attempt < 41; attempt++) {
		int fds[2], status;
		char c;
		pid_t pid;

		for (int i = 0; i < NFILES; i++) {
			snprintf(p, sizeof p, "%s/f%d", dir, i);
			write_text(p, "old");
		}
		assert_int_equal(pipe(fds), 0);
		pid = fork();
		assert_true(pid >= 0);
		if (pid == 0) {
			close(fds[0]);
			commit_child(dir, fds[1]);
		}
		close(fds[1]);
		assert_int_equal(read(fds[0], &c, 1), 1);
		clock_gettime(CLOCK_MONOTONIC, &t0);
		if (attempt > 0) {
			/* a moment from the start to past the end of a commit */
			struct timespec wait = { 0, (attempt * span_us / 30) * 1000 };

			nanosleep(&wait, NULL);
			kill(pid, SIGTERM);
		}
		assert_int_equal(waitpid(pid, &status, 0), pid);
		clock_gettime(CLOCK_MONOTONIC, &t1);
		close(fds[0]);
		if (attempt == 0) {
			assert_true(WIFEXITED(status));
			span_us = (t1.tv_sec - t0.tv_sec) * 1000000L + (t1.tv_nsec - t0.tv_nsec) / 1000;
			assert_int_equal(set_state(dir), 2);
			continue;
		}
		switch (set_state(dir)) {
		case 0: mixed++; break;
		case 2: news++; break;
		}
	}
	assert_int_equal(mixed, 0);
	remove_tree(dir);
	(void)news;
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
		cmocka_unit_test(test_check_collisions),
		cmocka_unit_test(test_check_folder_collisions),
		cmocka_unit_test(test_check_targets),
		cmocka_unit_test(test_long_name),
		cmocka_unit_test(test_stale_temporaries),
		cmocka_unit_test(test_stale_long_name),
		cmocka_unit_test(test_commit_rolls_back),
		cmocka_unit_test(test_commit_removes_backups),
		cmocka_unit_test(test_signal_during_commit),
		cmocka_unit_test(test_render_data),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
