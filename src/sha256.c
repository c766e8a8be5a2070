/* sha256 — SHA-256 through libcrypto's EVP interface (see include/sha256.h). */
#include "sha256.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <openssl/evp.h>

int sha256_init(struct sha256 *s)
{
	s->failed = 0;
	s->ctx = EVP_MD_CTX_new();
	if (!s->ctx || EVP_DigestInit_ex(s->ctx, EVP_sha256(), NULL) != 1) {
		s->failed = 1;
		return -1;
	}
	return 0;
}

void sha256_update(struct sha256 *s, const void *data, size_t len)
{
	if (!s->failed && len > 0 && EVP_DigestUpdate(s->ctx, data, len) != 1)
		s->failed = 1;
}

int sha256_final(struct sha256 *s, unsigned char out[32])
{
	unsigned int n = 0;
	int ok = !s->failed && EVP_DigestFinal_ex(s->ctx, out, &n) == 1 && n == 32;

	sha256_clear(s);
	if (!ok) {
		memset(out, 0, 32);
		return -1;
	}
	return 0;
}

void sha256_clear(struct sha256 *s)
{
	EVP_MD_CTX_free(s->ctx); /* NULL is fine */
	s->ctx = NULL;
}

void sha256_to_hex(const unsigned char d[32], char out[65])
{
	static const char hex[] = "0123456789abcdef";

	for (int i = 0; i < 32; i++) {
		out[2 * i] = hex[d[i] >> 4];
		out[2 * i + 1] = hex[d[i] & 15];
	}
	out[64] = '\0';
}

int sha256_hex(const void *data, size_t len, char out[65])
{
	struct sha256 s;
	unsigned char d[32];

	sha256_init(&s);
	sha256_update(&s, data, len);
	if (sha256_final(&s, d) < 0) {
		out[0] = '\0';
		return -1;
	}
	sha256_to_hex(d, out);
	return 0;
}

int sha256_file(const char *path, char out[65])
{
	FILE *f = fopen(path, "rb");
	unsigned char buf[65536], d[32];
	struct sha256 s;
	size_t n;
	int err;

	if (!f)
		return -1;
	sha256_init(&s);
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		sha256_update(&s, buf, n);
	err = ferror(f) ? (errno ? errno : EIO) : 0;
	fclose(f);
	if (err) {
		sha256_clear(&s);
		errno = err;
		return -1;
	}
	if (sha256_final(&s, d) < 0) {
		errno = ENOMEM;
		return -1;
	}
	sha256_to_hex(d, out);
	return 0;
}
