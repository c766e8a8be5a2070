/* failwrite.so — an LD_PRELOAD shim that makes write() fail the way a full
 * or failing disk does, without root, a tmpfs or a disk of the right size
 * (tests/cases/atomic_output.sh):
 *
 *   FAILWRITE_AFTER=N     the first N bytes written to regular files go
 *                         through; the write that would pass N writes what
 *                         still fits (a short write, as a disk that fills
 *                         up gives) and every write after it fails
 *   FAILWRITE_ERRNO=NAME  how it fails: ENOSPC (the default), EIO or EFBIG
 *   FAILWRITE_STALL=1     instead of failing, the write stops for good, as
 *                         on a hung disk, until a signal ends the process:
 *                         a test can then signal a run that is certainly in
 *                         the middle of writing (tests/cases/signal_cleanup.sh)
 *
 * Only regular files on descriptors above 2 count: standard error redirected
 * to a file must still carry the diagnostic.  Without FAILWRITE_AFTER the
 * shim changes nothing.  Under AddressSanitizer, run with
 * ASAN_OPTIONS=verify_asan_link_order=0 (the shim comes before libasan). */
#include <dlfcn.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

ssize_t write(int fd, const void *buf, size_t count);

static long long failwrite_left = -1; /* bytes still allowed; -1 = no limit */
static int failwrite_errno = ENOSPC;
static int failwrite_stall;

/* Read the environment once, before main (and before any thread). */
__attribute__((constructor)) static void failwrite_init(void)
{
	const char *after = getenv("FAILWRITE_AFTER"), *e = getenv("FAILWRITE_ERRNO");
	const char *stall = getenv("FAILWRITE_STALL");

	if (after && *after)
		failwrite_left = atoll(after);
	if (e && strcmp(e, "EIO") == 0)
		failwrite_errno = EIO;
	else if (e && strcmp(e, "EFBIG") == 0)
		failwrite_errno = EFBIG;
	failwrite_stall = stall && strcmp(stall, "1") == 0;
}

static int failwrite_counts(int fd)
{
	struct stat st;

	return fd > 2 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
}

ssize_t write(int fd, const void *buf, size_t count)
{
	static ssize_t (*real_write)(int, const void *, size_t);
	long long left, take;

	if (!real_write)
		real_write = (ssize_t (*)(int, const void *, size_t))dlsym(RTLD_NEXT, "write");
	if (__atomic_load_n(&failwrite_left, __ATOMIC_SEQ_CST) < 0 || count == 0 ||
	    !failwrite_counts(fd))
		return real_write(fd, buf, count);
	/* take what fits from the budget, atomically (chart workers never
	 * write files, but a shim should not rely on it) */
	do {
		left = __atomic_load_n(&failwrite_left, __ATOMIC_SEQ_CST);
		if (left == 0 && failwrite_stall)
			for (;;)
				pause();
		if (left == 0) {
			errno = failwrite_errno;
			return -1;
		}
		take = (long long)count < left ? (long long)count : left;
	} while (!__atomic_compare_exchange_n(&failwrite_left, &left, left - take, 0,
					      __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST));
	return real_write(fd, buf, (size_t)take);
}
