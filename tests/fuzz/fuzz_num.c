/* fuzz_num — the locale-free number parser and formatter (src/num.c).
 *
 * Input: FORMAT '\n' NUMBER-TEXT.  Checks, beyond "no crash, no sanitizer
 * report": a parsed number is finite; printed with %.17g and parsed again it
 * is the same double; num_format accepts exactly what num_format_check
 * accepts; formatted text is NUL-terminated within the buffer, in the
 * English, Russian (U+00A0 groups) and Azerbaijani styles too. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "num.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Stop with a message a fuzzer (or the replay) shows as a crash. */
static void fuzz_assert(int ok, const char *what)
{
	if (!ok) {
		fprintf(stderr, "fuzz_num: %s\n", what);
		abort();
	}
}

/* Every way a value may be printed, each checked to end inside buf. */
static void fuzz_print(const char *fmt, double v)
{
	char buf[128];
	int ok = num_format(buf, sizeof buf, fmt, v) == 0;

	fuzz_assert(ok == (num_format_check(fmt) == 0), "num_format and num_format_check disagree");
	if (ok)
		fuzz_assert(memchr(buf, '\0', sizeof buf) != NULL, "num_format: no NUL");
	for (int dec = 0; dec <= 3; dec++) {
		num_format_auto(buf, sizeof buf, v, dec, dec & 1);
		fuzz_assert(memchr(buf, '\0', sizeof buf) != NULL, "num_format_auto: no NUL");
	}
	num_format_auto(buf, 4, v, 2, 1); /* a buffer too small */
	fuzz_assert(memchr(buf, '\0', 4) != NULL, "num_format_auto: small buffer not ended");
}

/* The same in the styles of the spec's locale: */
static void fuzz_print_styled(const char *fmt, double v)
{
	static const struct num_style styles[2] = { { ",", "\xc2\xa0" }, { ",", "." } };
	char buf[128];

	for (int i = 0; i < 2; i++) {
		int ok = num_format_style(buf, sizeof buf, &styles[i], fmt, v) == 0;

		fuzz_assert(ok == (num_format_check(fmt) == 0),
			    "num_format_style and num_format_check disagree");
		if (ok)
			fuzz_assert(memchr(buf, '\0', sizeof buf) != NULL, "num_format_style: no NUL");
		num_format_auto_style(buf, 5, &styles[i], v, 2, 1); /* a buffer too small */
		fuzz_assert(memchr(buf, '\0', 5) != NULL, "num_format_auto_style: not ended");
		num_format_auto_style(buf, sizeof buf, &styles[i], v, 2, 1);
		fuzz_assert(!strchr(buf, '.') || i == 1, "num_format_auto_style: '.' left");
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *nl = memchr(data, '\n', size);
	size_t flen = nl ? (size_t)(nl - (const char *)data) : 0;
	const char *text = nl ? nl + 1 : (const char *)data;
	size_t tlen = size - (size_t)(text - (const char *)data);
	char *fmt = malloc(flen + 1), *copy = malloc(tlen + 1);
	double v = 0, again;
	char buf[64];

	if (!fmt || !copy)
		goto done;
	memcpy(fmt, data, flen);
	fmt[flen] = '\0';
	memcpy(copy, text, tlen); /* num_parse must not read past len: */
	copy[tlen] = '\0';        /* the NUL is only for the %s below */
	if (num_parse(copy, tlen, &v) == 0) {
		fuzz_assert(isfinite(v), "num_parse gave a non-finite number");
		fuzz_assert(num_format(buf, sizeof buf, "%.17g", v) == 0, "%.17g refused");
		fuzz_assert(num_parse(buf, strlen(buf), &again) == 0 && again == v,
			    "%.17g does not parse back to the same number");
	}
	fuzz_print(fmt, v);
	fuzz_print(fmt, -v);
	fuzz_print(fmt, 1e300);
	fuzz_print_styled(fmt, v);
done:
	free(fmt);
	free(copy);
	return 0;
}
