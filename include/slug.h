/* slug — text made into a name: lower case, words joined by '-'.  Two
 * places make names from text, each in its own style:
 *
 *   SLUG_ANCHOR  a heading's anchor for #links, as GitHub makes them:
 *                letters and digits of any script kept (lower case for
 *                Latin, Greek and Cyrillic), '-' and '_' kept, each space
 *                a '-', other punctuation and symbols dropped.
 *                "Trade: 2021 – 2022" -> "trade-2021--2022".
 *   SLUG_FILE    a chart's file name: ASCII only, Latin letters with marks
 *                and Cyrillic (Russian, Belarusian, Ukrainian, Azerbaijani)
 *                transliterated, other letters dropped, each run of other
 *                characters one '-' (none at either end), apostrophes
 *                dropped.  "Gəncə: İstehsal" -> "gence-istehsal".
 *
 * Both styles fold case the same way; the file style also folds the
 * Cyrillic letters past U+0490 (Ә, Ғ, Ҹ …), which anchors keep as written.
 * What a caller does with an empty slug ("section", "chart") is its own. */
#ifndef BRIEFING_SLUG_H
#define BRIEFING_SLUG_H

#include <stddef.h>

enum slug_style { SLUG_ANCHOR, SLUG_FILE };

/* Write the slug of the UTF-8 text s[0..len) into buf, at most size - 1
 * bytes and a NUL (nothing when size is 0, so buf may then be NULL).
 * Returns the whole slug's length, as snprintf does: buf holds all of it
 * when that is less than size.  A SLUG_FILE slug cut short loses the '-'
 * it would end with; a cut SLUG_ANCHOR slug may end inside a letter, so an
 * anchor is sized first (slug_write(NULL, 0, ...)). */
size_t slug_write(char *buf, size_t size, const char *s, size_t len, enum slug_style style);

#endif
