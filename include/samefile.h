/* samefile — which of a run's paths name the same file.
 *
 * Two paths are the same when their names are equal once the folders on
 * the way are resolved (symlinks, ".", ".."; the last part is kept as
 * written, since a rename onto a symlink replaces the link), or when both
 * exist and are the same file (one a symlink or a hard link to the other).
 * Paths that do not exist yet compare by name only; a folder that does not
 * exist yet is taken as written, with "." and ".." resolved by name.
 * Used by the output set (outfile.h) to refuse an output that is an input
 * or another output.  Reads the file system (realpath, stat), writes
 * nothing. */
#ifndef BRIEFING_SAMEFILE_H
#define BRIEFING_SAMEFILE_H

#include <stddef.h>

/* The absolute name of path with its folders resolved (see above), as a
 * new malloc'ed string; NULL when out of memory. */
char *samefile_name(const char *path);

/* Among n paths (quiet[i] set for those that may be the same as each
 * other: the inputs), find the pair that is the same file and comes first:
 * the one whose later member has the lowest index, then the lowest earlier
 * one.  1 with *first < *second set, 0 when none is, -1 when out of
 * memory.  n log n: sorts names and file identities. */
int samefile_find(const char *const *paths, const unsigned char *quiet, size_t n,
		  size_t *first, size_t *second);

#endif
