/* runner — time a command: one warm-up run, then RUNS timed runs.  Prints
 * one line: the median and the fastest wall time in seconds, the largest
 * peak RSS in KiB (from wait4()) and the largest count of bytes read (rchar
 * of /proc/PID/io, read before the child is reaped; -1 if unavailable), then
 * the times of every run.
 *   runner RUNS CMD [ARG...]       (the command's stdout goes to /dev/null)
 * Exits non-zero when a run fails.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* The rchar line of /proc/pid/io, or -1. */
static long long read_rchar(pid_t pid)
{
	char path[64], line[128];
	long long v = -1;
	FILE *f;

	snprintf(path, sizeof path, "/proc/%d/io", (int)pid);
	if (!(f = fopen(path, "r")))
		return -1;
	while (fgets(line, sizeof line, f))
		if (sscanf(line, "rchar: %lld", &v) == 1)
			break;
	fclose(f);
	return v;
}

/* Run argv once: wall seconds in *sec, peak RSS in *rss_kb, bytes read in
 * *rchar; 0 or -1. */
static int run_once(char **argv, double *sec, long *rss_kb, long long *rchar)
{
	struct timespec a, b;
	struct rusage ru;
	siginfo_t si;
	int status;
	pid_t pid;

	clock_gettime(CLOCK_MONOTONIC, &a);
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		int null = open("/dev/null", O_WRONLY);

		if (null >= 0)
			dup2(null, STDOUT_FILENO);
		execvp(argv[0], argv);
		perror(argv[0]);
		_exit(127);
	}
	/* wait for the exit but leave the child unreaped, to read its /proc/PID/io */
	if (waitid(P_PID, (id_t)pid, &si, WEXITED | WNOWAIT) != 0)
		return -1;
	clock_gettime(CLOCK_MONOTONIC, &b);
	*rchar = read_rchar(pid);
	if (wait4(pid, &status, 0, &ru) != pid)
		return -1;
	*sec = (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) / 1e9;
	*rss_kb = ru.ru_maxrss;
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		fprintf(stderr, "runner: %s failed (status %d)\n", argv[0], status);
		return -1;
	}
	return 0;
}

static int cmp_double(const void *pa, const void *pb)
{
	double a = *(const double *)pa, b = *(const double *)pb;

	return a < b ? -1 : a > b;
}

int main(int argc, char **argv)
{
	int runs = argc > 2 ? atoi(argv[1]) : 0;
	double *t, *sorted, sec;
	long rss, max_rss = 0;
	long long rchar, max_rchar = -1;

	if (runs < 1) {
		fprintf(stderr, "usage: runner RUNS CMD [ARG...]\n");
		return 64;
	}
	t = calloc((size_t)runs, sizeof *t);
	sorted = calloc((size_t)runs, sizeof *sorted);
	if (!t || !sorted)
		return 70;
	if (run_once(argv + 2, &sec, &rss, &rchar) < 0) /* warm-up: page cache, fonts */
		return 1;
	for (int i = 0; i < runs; i++) {
		if (run_once(argv + 2, &t[i], &rss, &rchar) < 0)
			return 1;
		if (rss > max_rss)
			max_rss = rss;
		if (rchar > max_rchar)
			max_rchar = rchar;
		sorted[i] = t[i];
	}
	qsort(sorted, (size_t)runs, sizeof *sorted, cmp_double);
	printf("%.4f %.4f %ld %lld", runs % 2 ? sorted[runs / 2] :
	       (sorted[runs / 2 - 1] + sorted[runs / 2]) / 2, sorted[0], max_rss, max_rchar);
	for (int i = 0; i < runs; i++)
		printf(" %.3f", t[i]);
	printf("\n");
	free(t);
	free(sorted);
	return 0;
}
