/* sha256 — SHA-256 (FIPS 180-4) of memory and of files, for the sources
 * page's input checksums.  A thin wrapper over OpenSSL's libcrypto (EVP),
 * which uses the CPU's SHA instructions where it has them: the data layer
 * hashes every CSV while it parses it, so the hash must keep up. */
#ifndef BRIEFING_SHA256_H
#define BRIEFING_SHA256_H

#include <stddef.h>

struct evp_md_ctx_st; /* OpenSSL's EVP_MD_CTX */

/* A hash in progress. */
struct sha256 {
	struct evp_md_ctx_st *ctx; /* the digest context; NULL after final/clear */
	int failed;                /* out of memory (or libcrypto failed): no digest */
};

/* Start a hash: 0, or -1 when libcrypto cannot (out of memory); then
 * update does nothing and final fails.  Either way final or clear must
 * follow. */
int sha256_init(struct sha256 *s);
void sha256_update(struct sha256 *s, const void *data, size_t len);
/* The 32-byte digest: 0, or -1 (out is then zeroed).  Frees the context:
 * s must be initialised again before reuse. */
int sha256_final(struct sha256 *s, unsigned char out[32]);
/* Abandon a hash (free its context); harmless after final or clear. */
void sha256_clear(struct sha256 *s);

/* The 32 bytes of d as 64 lower-case hex digits and a NUL. */
void sha256_to_hex(const unsigned char d[32], char out[65]);

/* The digest of data[0..len) as hex: 0, or -1 (out is then "") when out of
 * memory. */
int sha256_hex(const void *data, size_t len, char out[65]);

/* The digest of the file at path as hex.  Returns 0, or -1 with errno set
 * when it cannot be opened or read (ENOMEM when libcrypto fails). */
int sha256_file(const char *path, char out[65]);

#endif
