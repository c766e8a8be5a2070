/* grow — room in a malloc'ed array that doubles as it fills: the one
 * growth rule of the modules' lists (tokens, lines, scene items, groups,
 * output files, diagnostics …). */
#ifndef BRIEFING_GROW_H
#define BRIEFING_GROW_H

#include <stddef.h>

/* Make the array *pv (elements of size bytes, *cap of them allocated) hold
 * at least need elements: doubles from 16 until it does.  pv is the
 * address of the array pointer (void * so any element type will do).
 * 0, or -1 when out of memory (the array is left as it was). */
int grow_array(void *pv, size_t *cap, size_t need, size_t size);

/* grow_array() for an array whose new elements must read as 0 (maps from
 * an id, flags per id): the room it adds is zeroed. */
int grow_array_zero(void *pv, size_t *cap, size_t need, size_t size);

#endif
