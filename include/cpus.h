/* cpus — how many CPUs this process may run on: its affinity mask
 * (taskset, cgroup cpusets, a scheduler's --cpus-per-task), not the
 * machine's count, so worker threads never outnumber what the run was
 * given. */
#ifndef BRIEFING_CPUS_H
#define BRIEFING_CPUS_H

/* At least 1. */
int cpus_usable(void);

#endif
