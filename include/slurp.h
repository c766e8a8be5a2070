/* slurp — a whole (small) file in memory: the spec, the template's files,
 * a font to embed.  CSV files never come through here: they are streamed
 * (data.c). */
#ifndef BRIEFING_SLURP_H
#define BRIEFING_SLURP_H

#include <stddef.h>

/* The bytes of the file at path in *data (malloc'ed, with a NUL after the
 * last byte so text can be used as a string) and their number in *len.
 * 0, or -1 with errno set (ENOENT, EACCES …, EISDIR for a folder, ENOMEM)
 * and nothing allocated. */
int slurp_file(const char *path, char **data, size_t *len);

#endif
