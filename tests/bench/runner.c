/* runner — time a command: one warm-up run, then RUNS timed runs.  Prints
 * one line: the median and the fastest wall time in seconds, the largest
 * peak RSS in KiB (from wait4()), the largest count of bytes read (rchar
 * of /proc/PID/io, read before the child is reaped; -1 if unavailable), the
 * median CPU time in seconds (user + system of the child and every thread
 * and process it waited for, from wait4()), then the wall times of every
 * run.  CPU seconds are the stable figure on a shared machine: wall time
 * also counts the time the run waited for a core.
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

/* Run argv once: wall seconds in *sec, CPU seconds in *cpu, peak RSS in
 * *rss_kb, bytes read in *rchar; 0 or -1. */
static int run_once(char **argv, double *sec, double *cpu, long *rss_kb, long long *rchar)
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
	*cpu = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
	       (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
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

/* The median of n sorted values. */
static double median(const double *v, int n)
{
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

int main(int argc, char **argv)
{
	int runs = argc > 2 ? atoi(argv[1]) : 0;
	double *t, *sorted, *cpu, sec, c;
	long rss, max_rss = 0;
	long long rchar, max_rchar = -1;

	if (runs < 1) {
		fprintf(stderr, "usage: runner RUNS CMD [ARG...]\n");
		return 64;
	}
	t = calloc((size_t)runs, sizeof *t);
	sorted = calloc((size_t)runs, sizeof *sorted);
	cpu = calloc((size_t)runs, sizeof *cpu);
	if (!t || !sorted || !cpu)
		return 70;
	if (run_once(argv + 2, &sec, &c, &rss, &rchar) < 0) /* warm-up: page cache, fonts */
		return 1;
	for (int i = 0; i < runs; i++) {
		if (run_once(argv + 2, &t[i], &cpu[i], &rss, &rchar) < 0)
			return 1;
		if (rss > max_rss)
			max_rss = rss;
		if (rchar > max_rchar)
			max_rchar = rchar;
		sorted[i] = t[i];
	}
	qsort(sorted, (size_t)runs, sizeof *sorted, cmp_double);
	qsort(cpu, (size_t)runs, sizeof *cpu, cmp_double);
	printf("%.4f %.4f %ld %lld %.4f", median(sorted, runs), sorted[0], max_rss, max_rchar,
	       median(cpu, runs));
	for (int i = 0; i < runs; i++)
		printf(" %.3f", t[i]);
	printf("\n");
	free(t);
	free(sorted);
	free(cpu);
	return 0;
}
