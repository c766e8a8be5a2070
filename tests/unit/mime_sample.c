/* mime_sample — a test program: one e-mail message built with src/mime.c
 * from files and options, for tests/cases/mime_message.sh (which parses it
 * with Python's email package).  Built as $(B)/tests/mime_sample beside
 * the unit tests; not installed.
 *
 *   mime_sample -o OUT --from ADDR [--to ADDR]… [--cc ADDR]… [--subject TEXT]
 *               (--date YYYY-MM-DD | --time UNIXTIME,OFFSET_MINUTES)
 *               [--lang TAG] [--text FILE] [--html FILE]
 *               [--inline CID,TYPE,FILE[,NAME]]… [--attach TYPE,FILE,NAME]…
 *
 * CID "-" lets the module derive the Content-ID from the bytes.  An error
 * prints "mime_sample: MESSAGE" (with " (column N)" when the message has a
 * column) and exits with the diagnostic's code. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "mime.h"
#include "slurp.h"

static int fail(const struct diag *d)
{
	fprintf(stderr, "mime_sample: %s", d->msg);
	if (d->col)
		fprintf(stderr, " (column %d)", d->col);
	fprintf(stderr, "\n");
	return d->code ? d->code : 70;
}

static char *read_or_die(const char *path, size_t *len)
{
	char *data;

	if (slurp_file(path, &data, len) < 0) {
		fprintf(stderr, "mime_sample: %s: %s\n", path, strerror(errno));
		exit(66);
	}
	return data;
}

/* Split s at its first n-1 commas into v[0..n) (the last takes the rest);
 * the number of fields found. */
static int split(char *s, char **v, int n)
{
	int k = 0;

	v[k++] = s;
	while (k < n && (s = strchr(s, ','))) {
		*s++ = '\0';
		v[k++] = s;
	}
	return k;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "from", 1, NULL, 'f' },   { "to", 1, NULL, 't' },	  { "cc", 1, NULL, 'c' },
		{ "subject", 1, NULL, 's' }, { "date", 1, NULL, 'd' },	  { "time", 1, NULL, 'T' },
		{ "lang", 1, NULL, 'l' },   { "text", 1, NULL, 'x' },	  { "html", 1, NULL, 'h' },
		{ "inline", 1, NULL, 'i' }, { "attach", 1, NULL, 'a' }, { NULL, 0, NULL, 0 },
	};
	struct mime_msg *m = mime_msg_new();
	struct diag d = { 0 };
	const char *outpath = NULL;
	char *msg, *data, *f[4];
	size_t len;
	int c, rc = 0;

	if (!m)
		return 70;
	while (rc == 0 && (c = getopt_long(argc, argv, "o:", opts, NULL)) != -1) {
		struct report_date rd;
		long long t;
		int off, n;

		switch (c) {
		case 'o': outpath = optarg; break;
		case 'f': rc = mime_msg_set_from(m, optarg, &d); break;
		case 't': rc = mime_msg_add_to(m, optarg, &d); break;
		case 'c': rc = mime_msg_add_cc(m, optarg, &d); break;
		case 's': rc = mime_msg_set_subject(m, optarg, &d); break;
		case 'l': rc = mime_msg_set_language(m, optarg, &d); break;
		case 'd':
			if (date_parse(optarg, &rd) < 0) {
				fprintf(stderr, "mime_sample: bad --date %s\n", optarg);
				return 64;
			}
			rc = mime_msg_set_report_date(m, &rd, &d);
			break;
		case 'T':
			if (sscanf(optarg, "%lld,%d", &t, &off) != 2) {
				fprintf(stderr, "mime_sample: bad --time %s\n", optarg);
				return 64;
			}
			rc = mime_msg_set_date(m, (time_t)t, off, &d);
			break;
		case 'x':
		case 'h':
			data = read_or_die(optarg, &len);
			rc = (c == 'x' ? mime_msg_set_text : mime_msg_set_html)(m, data, len, &d);
			free(data);
			break;
		case 'i':
			n = split(optarg, f, 4);
			if (n < 3) {
				fprintf(stderr, "mime_sample: --inline CID,TYPE,FILE[,NAME]\n");
				return 64;
			}
			data = read_or_die(f[2], &len);
			rc = mime_msg_add_inline(m, f[1], data, len, n > 3 ? f[3] : NULL,
						 strcmp(f[0], "-") ? f[0] : NULL, NULL, 0, &d);
			free(data);
			break;
		case 'a':
			if (split(optarg, f, 3) != 3) {
				fprintf(stderr, "mime_sample: --attach TYPE,FILE,NAME\n");
				return 64;
			}
			data = read_or_die(f[1], &len);
			rc = mime_msg_add_attachment(m, f[0], data, len, f[2], &d);
			free(data);
			break;
		default: return 64;
		}
	}
	if (rc == 0 && (!outpath || optind != argc)) {
		fprintf(stderr, "mime_sample: usage: mime_sample -o OUT OPTIONS (see its source)\n");
		return 64;
	}
	if (rc == 0)
		rc = mime_msg_write(m, &msg, &len, &d);
	mime_msg_free(m);
	if (rc < 0)
		return fail(&d);
	FILE *out = fopen(outpath, "wb");

	if (!out || fwrite(msg, 1, len, out) != len || fclose(out) != 0) {
		fprintf(stderr, "mime_sample: %s: %s\n", outpath, strerror(errno));
		free(msg);
		return 74;
	}
	free(msg);
	return 0;
}
