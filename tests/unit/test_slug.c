/* Unit tests for slug.c: heading anchors (GitHub's style) and chart file
 * names (ASCII), the difference between the two, and cutting to a size. */
#include "testutil.h"

#include "slug.h"

static void check(const char *text, enum slug_style style, const char *want)
{
	char buf[256];
	size_t n = slug_write(buf, sizeof buf, text, strlen(text), style);

	assert_string_equal(buf, want);
	assert_int_equal(n, strlen(want));
}

static void test_anchor(void **state)
{
	(void)state;
	check("Trade turnover", SLUG_ANCHOR, "trade-turnover");
	check("Belarus – Azerbaijan cooperation", SLUG_ANCHOR, "belarus--azerbaijan-cooperation");
	check("Əməkdaşlıq: ÖLKƏ 2021!", SLUG_ANCHOR, "əməkdaşlıq-ölkə-2021");
	check("Товарооборот, 2021", SLUG_ANCHOR, "товарооборот-2021");
	check("snake_case and-dash", SLUG_ANCHOR, "snake_case-and-dash");
	check("Ελλάδα", SLUG_ANCHOR, "ελλάδα");
	check("日本", SLUG_ANCHOR, "日本");           /* letters of any script stay */
	check("Azerbaijan's €", SLUG_ANCHOR, "azerbaijans-"); /* the space stays a '-' */
	check(" ?! ", SLUG_ANCHOR, "--");
	check("", SLUG_ANCHOR, "");
}

static void test_file(void **state)
{
	(void)state;
	check("Trade turnover in full years", SLUG_FILE, "trade-turnover-in-full-years");
	check("Gəncə avtomobil zavodu: İstehsal", SLUG_FILE, "gence-avtomobil-zavodu-istehsal");
	check("Товарооборот 2021", SLUG_FILE, "tovarooborot-2021");
	check("Ağ şəhər — ÇÖL", SLUG_FILE, "ag-seher-col");
	check("Щука, объём", SLUG_FILE, "shchuka-obem");    /* ъ dropped, not a break */
	check("Әлиев Ғ", SLUG_FILE, "eliev-gh");           /* Azerbaijani Cyrillic capitals */
	check("Azerbaijan’s exports, 2020", SLUG_FILE, "azerbaijans-exports-2020");
	check("  ---  ", SLUG_FILE, "");
	check("日本", SLUG_FILE, "");
}

/* The two styles of one heading: where they part. */
static void test_styles_differ(void **state)
{
	(void)state;
	check("Ә", SLUG_ANCHOR, "Ә"); /* anchors keep the Cyrillic past U+0490 as written */
	check("Ә", SLUG_FILE, "e");
	check("a - b", SLUG_ANCHOR, "a---b");
	check("a - b", SLUG_FILE, "a-b");
}

/* Cut to the buffer: the whole length is returned, a file slug never ends
 * in '-', and size 0 writes nothing (sizing an anchor first). */
static void test_cut(void **state)
{
	char buf[8];
	const char *t = "Trade turnover";

	(void)state;
	assert_int_equal(slug_write(NULL, 0, t, strlen(t), SLUG_ANCHOR), strlen("trade-turnover"));
	assert_int_equal(slug_write(buf, 7, t, strlen(t), SLUG_FILE), strlen("trade-turnover"));
	assert_string_equal(buf, "trade"); /* "trade-" loses its '-' */
	slug_write(buf, 7, t, strlen(t), SLUG_ANCHOR);
	assert_string_equal(buf, "trade-");
	slug_write(buf, 1, t, strlen(t), SLUG_FILE);
	assert_string_equal(buf, "");
	slug_write(buf, sizeof buf, "Щ", strlen("Щ"), SLUG_FILE);
	assert_string_equal(buf, "shch");
	slug_write(buf, 3, "Щ", strlen("Щ"), SLUG_FILE);
	assert_string_equal(buf, "sh"); /* ASCII is cut anywhere */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_anchor),
		cmocka_unit_test(test_file),
		cmocka_unit_test(test_styles_differ),
		cmocka_unit_test(test_cut),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
