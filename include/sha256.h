/* sha256 — SHA-256 (FIPS 180-4) of memory and of files, for the sources
 * page's input checksums.  A small self-contained implementation. */
#ifndef BRIEFING_SHA256_H
#define BRIEFING_SHA256_H

#include <stddef.h>
#include <stdint.h>

/* A hash in progress. */
struct sha256 {
	uint32_t h[8];         /* the chaining state */
	uint64_t len;          /* bytes hashed so far */
	unsigned char buf[64]; /* a block being filled */
	size_t nbuf;           /* bytes in buf */
};

void sha256_init(struct sha256 *s);
void sha256_update(struct sha256 *s, const void *data, size_t len);
/* The 32-byte digest; s must be initialised again before reuse. */
void sha256_final(struct sha256 *s, unsigned char out[32]);

/* The digest of data[0..len) as 64 lower-case hex digits and a NUL. */
void sha256_hex(const void *data, size_t len, char out[65]);

/* The digest of the file at path as hex.  Returns 0, or -1 with errno set
 * when it cannot be opened or read. */
int sha256_file(const char *path, char out[65]);

#endif
