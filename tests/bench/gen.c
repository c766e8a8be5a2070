/* gen — write the benchmark CSV: N rows (default 10 000 000) of
 *   year,month,flow,hs_code,commodity,partner,value_usd,net_kg
 * customs lines, deterministic (fixed seed, no floating point in the output
 * path), about 50 bytes a row.  Commodity names are always quoted and some
 * hold commas; a few partner names are UTF-8.
 *   gen OUT [ROWS]     writes OUT.tmp, then renames it to OUT
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t rng_state = 0x2545f4914f6cdd1dULL;

/* splitmix64: small, fast, the same on every platform. */
static uint64_t rnd(void)
{
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static uint32_t below(uint32_t n)
{
	return (uint32_t)(((rnd() >> 32) * n) >> 32);
}

/* HS chapters with a short commodity name each (quoted in the file). */
static const char *const commodity[] = {
	"Tractors", "Tyres", "Milk, cream", "Cheese", "Butter", "Meat, beef",
	"Sugar", "Potash", "Trucks", "Buses", "Furniture", "Glass",
	"Steel pipes", "Fertilisers", "Wheat", "Barley", "Cotton", "Crude oil",
	"Petroleum gas", "Fuel oil", "Aluminium", "Copper", "Tomatoes", "Apples",
	"Persimmons", "Hazelnuts", "Tea", "Wine", "Cognac", "Juices",
	"Pharmaceuticals", "Plastics", "Rubber, synthetic", "Paper", "Textiles",
	"Shoes", "Machines, parts", "Engines", "Pumps", "Cables, wire",
	"Lifts, cranes", "Sleepers, concrete", "Rails", "Wagons", "Cars",
	"Motorcycles", "Optics", "Instruments", "Toys", "Soap, detergents",
};
#define NCOMM (sizeof commodity / sizeof commodity[0])

static const char *const partner[] = {
	"Azerbaijan", "Belarus", "Russia", "Georgia", "Kazakhstan", "China",
	"T\xc3\xbcrkiye", "Germany", "Poland", "Lithuania", "Uzbekistan", "Iran",
	"India", "Ukraine", "Latvia", "Italy", "C\xc3\xb4te d'Ivoire", "Brazil",
	"Israel", "Netherlands",
};
#define NPART (sizeof partner / sizeof partner[0])

static char *put_uint(char *p, uint64_t v)
{
	char t[24];
	int n = 0;

	do
		t[n++] = (char)('0' + v % 10);
	while ((v /= 10) != 0);
	while (n)
		*p++ = t[--n];
	return p;
}

static char *put_str(char *p, const char *s)
{
	size_t n = strlen(s);

	memcpy(p, s, n);
	return p + n;
}

int main(int argc, char **argv)
{
	static char buf[1 << 20];
	char tmp[4096];
	long long rows = argc > 2 ? atoll(argv[2]) : 10000000LL;
	uint32_t hs[5000];
	FILE *f;
	char *p = buf;

	if (argc < 2 || rows <= 0) {
		fprintf(stderr, "usage: gen OUT [ROWS]\n");
		return 64;
	}
	snprintf(tmp, sizeof tmp, "%s.tmp", argv[1]);
	if (!(f = fopen(tmp, "wb"))) {
		perror(tmp);
		return 73;
	}
	/* 5000 six-digit HS codes, 100 per commodity chapter */
	for (int i = 0; i < 5000; i++)
		hs[i] = (uint32_t)(100000 + (i / 100) * 17000 + below(17000));
	p = put_str(p, "year,month,flow,hs_code,commodity,partner,value_usd,net_kg\n");
	for (long long r = 0; r < rows; r++) {
		/* skewed choices: a few codes and partners carry most lines */
		uint32_t h = below(5000), u = below(100);
		uint32_t k = u < 60 ? below(500) : h;         /* 60 % on 500 codes */
		uint32_t ci = k / 100;
		uint32_t pi = below(4) ? below(6) : below(NPART);
		uint64_t kg = 1 + below(below(2) ? 1000 : 100000);
		uint64_t cents = kg * (50 + below(2000 + ci * 40)) + below(100);

		if (p - buf > (long)sizeof buf - 256) {
			if (fwrite(buf, 1, (size_t)(p - buf), f) != (size_t)(p - buf))
				goto fail;
			p = buf;
		}
		p = put_uint(p, 2015 + r * 10 / rows);          /* years in order */
		*p++ = ',';
		p = put_uint(p, 1 + below(12));
		p = put_str(p, below(3) ? ",export," : ",import,");
		p = put_uint(p, hs[k]);
		*p++ = ',';
		*p++ = '"';
		p = put_str(p, commodity[ci]);
		*p++ = '"';
		*p++ = ',';
		p = put_str(p, partner[pi]);
		*p++ = ',';
		p = put_uint(p, cents / 100);
		*p++ = '.';
		*p++ = (char)('0' + cents / 10 % 10);
		*p++ = (char)('0' + cents % 10);
		*p++ = ',';
		p = put_uint(p, kg);
		*p++ = '\n';
	}
	if (fwrite(buf, 1, (size_t)(p - buf), f) != (size_t)(p - buf) || fclose(f) != 0)
		goto fail;
	if (rename(tmp, argv[1]) != 0) {
		perror(argv[1]);
		return 73;
	}
	return 0;
fail:
	perror(tmp);
	remove(tmp);
	return 74;
}
