/* grow — a doubling array (include/grow.h). */
#include "grow.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int grow_array(void *pv, size_t *cap, size_t need, size_t size)
{
	void **v = pv;
	size_t nc;
	void *nv;

	if (need <= *cap)
		return 0;
	nc = *cap ? *cap : 16;
	while (nc < need) {
		if (nc > SIZE_MAX / 2)
			return -1;
		nc *= 2;
	}
	if (nc > SIZE_MAX / size || !(nv = realloc(*v, nc * size)))
		return -1;
	*v = nv;
	*cap = nc;
	return 0;
}

int grow_array_zero(void *pv, size_t *cap, size_t need, size_t size)
{
	size_t old = *cap;

	if (grow_array(pv, cap, need, size) < 0)
		return -1;
	memset(*(char **)pv + old * size, 0, (*cap - old) * size);
	return 0;
}
