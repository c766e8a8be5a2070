/* slug — text made into a name (include/slug.h). */
#include "slug.h"

#include <stdint.h>
#include <string.h>

#include "utf8.h"

/* Lower case for the scripts briefings are written in (Latin-1, Latin
 * Extended-A, Azerbaijani schwa, Greek, Cyrillic); other code points as is. */
static uint32_t fold_case(uint32_t c)
{
	if (c >= 'A' && c <= 'Z')
		return c + 32;
	if (c >= 0xc0 && c <= 0xde && c != 0xd7)
		return c + 32;
	if (c == 0x130)
		return 'i';
	if ((c >= 0x100 && c <= 0x137) || (c >= 0x14a && c <= 0x177))
		return c | 1;
	if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17e))
		return (c & 1) ? c + 1 : c;
	if (c == 0x18f)
		return 0x259;
	if (c >= 0x391 && c <= 0x3ab && c != 0x3a2)
		return c + 32;
	if (c >= 0x410 && c <= 0x42f)
		return c + 32;
	if (c >= 0x400 && c <= 0x40f)
		return c + 80;
	return c;
}

static int is_ascii_alnum(uint32_t c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* Non-ASCII punctuation and symbols that GitHub's slugs drop (an
 * approximation of "not a letter, mark or number"). */
static int is_symbol(uint32_t c)
{
	if (c < 0xc0)
		return c != 0xaa && c != 0xb5 && c != 0xba;
	return c == 0xd7 || c == 0xf7 || (c >= 0x2000 && c <= 0x206f) ||
	       (c >= 0x20a0 && c <= 0x20cf) || (c >= 0x2190 && c <= 0x2bff) ||
	       (c >= 0x2e00 && c <= 0x2e7f) || (c >= 0x3000 && c <= 0x3004) ||
	       (c >= 0x3008 && c <= 0x303f) || (c >= 0xfe10 && c <= 0xfe4f) ||
	       (c >= 0xff01 && c <= 0xff0f) || (c >= 0xff1a && c <= 0xff20) ||
	       (c >= 0x1f000 && c <= 0x1faff);
}

/* Lower-case letters with marks and Cyrillic letters as ASCII, for file
 * names ("" = dropped: the hard and soft signs). */
static const struct {
	uint32_t cp;
	const char *ascii;
} translit[] = {
	/* Azerbaijani and Turkish Latin */
	{ 0x0259, "e" }, { 0x011F, "g" }, { 0x0131, "i" }, { 0x015F, "s" }, { 0x00E7, "c" },
	{ 0x00F6, "o" }, { 0x00FC, "u" },
	/* other common Latin-1 letters */
	{ 0x00E0, "a" }, { 0x00E1, "a" }, { 0x00E2, "a" }, { 0x00E3, "a" }, { 0x00E4, "a" },
	{ 0x00E5, "a" }, { 0x00E6, "ae" }, { 0x00E8, "e" }, { 0x00E9, "e" }, { 0x00EA, "e" },
	{ 0x00EB, "e" }, { 0x00EC, "i" }, { 0x00ED, "i" }, { 0x00EE, "i" }, { 0x00EF, "i" },
	{ 0x00F1, "n" }, { 0x00F2, "o" }, { 0x00F3, "o" }, { 0x00F4, "o" }, { 0x00F5, "o" },
	{ 0x00F8, "o" }, { 0x00F9, "u" }, { 0x00FA, "u" }, { 0x00FB, "u" }, { 0x00FD, "y" },
	{ 0x00FF, "y" }, { 0x00DF, "ss" },
	/* Russian / Belarusian / Ukrainian Cyrillic */
	{ 0x0430, "a" }, { 0x0431, "b" }, { 0x0432, "v" }, { 0x0433, "g" }, { 0x0434, "d" },
	{ 0x0435, "e" }, { 0x0451, "e" }, { 0x0436, "zh" }, { 0x0437, "z" }, { 0x0438, "i" },
	{ 0x0439, "y" }, { 0x043A, "k" }, { 0x043B, "l" }, { 0x043C, "m" }, { 0x043D, "n" },
	{ 0x043E, "o" }, { 0x043F, "p" }, { 0x0440, "r" }, { 0x0441, "s" }, { 0x0442, "t" },
	{ 0x0443, "u" }, { 0x0444, "f" }, { 0x0445, "kh" }, { 0x0446, "ts" }, { 0x0447, "ch" },
	{ 0x0448, "sh" }, { 0x0449, "shch" }, { 0x044A, "" }, { 0x044B, "y" }, { 0x044C, "" },
	{ 0x044D, "e" }, { 0x044E, "yu" }, { 0x044F, "ya" }, { 0x0456, "i" }, { 0x045E, "u" },
	{ 0x0454, "ye" }, { 0x0457, "yi" }, { 0x0491, "g" },
	/* Azerbaijani Cyrillic */
	{ 0x04D9, "e" }, { 0x0493, "gh" }, { 0x04B9, "j" }, { 0x04BB, "h" }, { 0x0458, "y" },
	{ 0x04E9, "o" }, { 0x04AF, "u" }, { 0x049D, "g" },
};

/* What one code point adds to a slug. */
enum piece {
	PIECE_TEXT,  /* out[0..*n) */
	PIECE_BREAK, /* a word break: one '-' before the next text, if any came before */
	PIECE_NONE   /* nothing */
};

static enum piece anchor_piece(uint32_t c, char *out, size_t *n)
{
	if (c == ' ')
		c = '-';
	if (c < 0x80 ? !is_ascii_alnum(c) && c != '-' && c != '_' : is_symbol(c))
		return PIECE_NONE;
	*n = (size_t)utf8_encode(fold_case(c), out);
	return PIECE_TEXT;
}

static enum piece file_piece(uint32_t c, char *out, size_t *n)
{
	if (c == '\'' || c == 0x2019)
		return PIECE_NONE; /* "Azerbaijan's" -> "azerbaijans" */
	c = fold_case(c);
	if (c >= 0x490 && c <= 0x4ff && (c & 1) == 0)
		c++; /* the Cyrillic pairs past U+0490: Ә ә, Ғ ғ, Ҹ ҹ … */
	if (is_ascii_alnum(c)) {
		out[0] = (char)c;
		*n = 1;
		return PIECE_TEXT;
	}
	for (size_t i = 0; i < sizeof translit / sizeof translit[0]; i++) {
		if (translit[i].cp == c) {
			*n = strlen(translit[i].ascii);
			memcpy(out, translit[i].ascii, *n);
			return *n ? PIECE_TEXT : PIECE_NONE;
		}
	}
	return PIECE_BREAK;
}

/* Bytes go to buf while there is room; n counts them all. */
struct slug_out {
	char *buf;
	size_t size, n;
};

static void put(struct slug_out *o, const char *s, size_t k)
{
	for (size_t i = 0; i < k; i++, o->n++)
		if (o->n + 1 < o->size)
			o->buf[o->n] = s[i];
}

size_t slug_write(char *buf, size_t size, const char *s, size_t len, enum slug_style style)
{
	struct slug_out o = { buf, size, 0 };
	int brk = 0;
	size_t end;

	for (size_t i = 0; i < len;) {
		uint32_t c;
		char text[8];
		size_t k = 0;
		enum piece what;

		i += (size_t)utf8_decode(s + i, len - i, &c);
		what = style == SLUG_FILE ? file_piece(c, text, &k) : anchor_piece(c, text, &k);
		if (what == PIECE_NONE)
			continue;
		if (what == PIECE_BREAK) {
			brk = o.n > 0;
			continue;
		}
		if (brk)
			put(&o, "-", 1);
		brk = 0;
		put(&o, text, k);
	}
	if (size == 0)
		return o.n;
	end = o.n < size ? o.n : size - 1;
	if (style == SLUG_FILE)
		while (end > 0 && buf[end - 1] == '-')
			end--;
	buf[end] = '\0';
	return o.n;
}
