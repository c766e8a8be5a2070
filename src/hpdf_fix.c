/* hpdf_fix — every workaround for libharu in one place (src/hpdf_fix.h).
 *
 * Checked against libharu 2.3.0, as Debian ships it (libhpdf-dev
 * 2.3.0+dfsg-1+b1, bookworm): the font workarounds reach into its font
 * structures through its installed headers (hpdf_fontdef.h, hpdf_font.h,
 * hpdf_streams.h) and are the only code that does; another version may
 * lay them out differently, so check them again (tests/cases/pdf_size.sh,
 * the regression goldens and the pages rendered by poppler and MuPDF)
 * before building with one.  Why each exists:
 *
 *  - hpdf_fix_check_ttf: libharu reads a truncated or foreign font file
 *    past its end and crashes, so it never sees one we did not check.
 *  - write_tounicode: the ToUnicode CMap of its UTF-8 fonts uses
 *    "begincidrange", which poppler and MuPDF reject ("Invalid
 *    'begincidrange' operator in ToUnicode CMap") before falling back;
 *    rewritten as the identity in bfranges, over the code points used.
 *  - For every UTF-8 TrueType font libharu embeds things no reader uses,
 *    about half of each font's bytes in the PDF: the 'post' table's glyph
 *    names (Liberation Sans: 27 KB, 12 KB deflated), a W array with the
 *    width of each of the font's 2 600 glyphs (10 KB, uncompressed), a
 *    CIDToGIDMap of 65 536 entries (128 KB to deflate, 4.5 KB after) and,
 *    though it keeps only the glyphs used, the metrics of all of them
 *    (4.5 KB deflated), and its hinting (programs and per-glyph
 *    instructions, 3 KB deflated) that PDF viewers do not run.
 *    shrink_post (with the font file callbacks), hpdf_fix_trim_font,
 *    blank_unused_metrics and strip_hinting cut these down, and
 *    get_font spares libharu building the full W array and map (50 million
 *    instructions a face).  Pages render pixel for pixel as with libharu's
 *    own fonts (poppler and MuPDF, every regression spec, when this was
 *    written).
 *  - write_descriptor: PDF/A-1 wants CapHeight and a CIDSet in the
 *    descriptor of a subset CID font; libharu 2.3.0 writes neither.
 *  - hpdf_fix_text_width, hpdf_fix_show, hpdf_fix_text_out: libharu
 *    refuses strings over HPDF_LIMIT_MAX_STRING_LEN (65,535 bytes, error
 *    0x105B) both to measure and to show, and a line's width is no guard
 *    (a run of zero-width characters can be that long): long text goes in
 *    slices cut at code points.  Measuring UTF-8 itself is right: its UTF-8
 *    encoder hands whole code points to the glyph width lookup (checked for
 *    Cyrillic and ə ğ ı ş in test_layout.c).
 *  - hpdf_fix_dots: PDF draws a zero-length dash with round caps as a dot,
 *    but libharu refuses a 0 in a dash pattern and a dash over 100.
 *  - hpdf_fix_save: HPDF_SaveToStream saves into libharu's own memory
 *    stream, which the caller then copies out: the whole PDF twice in
 *    memory at the end of a run, the peak (a 30,000-row table: 30 MB of
 *    121 MB).  Given a callback writer as its stream, it writes into one
 *    buffer of ours instead.
 */
#include "hpdf_fix.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "slurp.h"
#include "strbuf.h"
#include "utf8.h"

/* Text is measured and shown in slices of at most this many bytes: far
 * below HPDF_LIMIT_MAX_STRING_LEN. */
#define HPDF_FIX_SLICE 4096

/* ---- checking a font file ------------------------------------------------ */

static unsigned long be(const unsigned char *p, int n)
{
	unsigned long v = 0;
	while (n-- > 0)
		v = v << 8 | *p++;
	return v;
}

/* Check that f looks like a TrueType-outline font whose table directory
 * points inside the file: libharu 2.3.0 reads a truncated or foreign file
 * past its end and crashes, so it must never see one.  NULL if fine, else
 * the reason. */
const char *hpdf_fix_check_ttf(FILE *f)
{
	static const char *const need[] = { "cmap", "glyf", "head", "hhea", "hmtx",
					    "loca", "maxp", "name", "post" };
	unsigned char hd[12], e[16];
	unsigned found = 0;
	long size;

	if (fseek(f, 0, SEEK_END) || (size = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) ||
	    fread(hd, 1, sizeof hd, f) != sizeof hd)
		return ferror(f) ? strerror(errno) : "not a TrueType font";
	if (!memcmp(hd, "OTTO", 4))
		return "OpenType-CFF fonts cannot be embedded, use a TrueType-outline .ttf";
	if (be(hd, 4) != 0x00010000UL && memcmp(hd, "true", 4))
		return "not a TrueType font";
	for (unsigned long i = 0, n = be(hd + 4, 2); i < n; i++) {
		if (fread(e, 1, sizeof e, f) != sizeof e ||
		    be(e + 8, 4) + be(e + 12, 4) > (unsigned long)size)
			return "truncated or damaged TrueType font";
		for (unsigned k = 0; k < sizeof need / sizeof *need; k++)
			if (!memcmp(e, need[k], 4))
				found |= 1u << k;
	}
	if (found != (1u << (sizeof need / sizeof *need)) - 1)
		return "TrueType font without the tables PDF embedding needs";
	return NULL;
}

/* ---- the ToUnicode map --------------------------------------------------- */

/* Text is shown with Identity-H and two-byte codes that are the UCS-2 code
 * points, so the right map is the identity.  libharu's own map uses
 * "begincidrange", which poppler and MuPDF reject ("Invalid
 * 'begincidrange' operator in ToUnicode CMap") before falling back, and
 * covers all 65,536 codes (1.4 KB a face deflated): it is rewritten once
 * the last text is drawn, as bfranges over the code points used (gids[c]
 * != 0 for c < n): runs of consecutive ones, none crossing a multiple of
 * 256 as a CMap range may not, 100 to a section.  Surrogates are never
 * codes.  0, or -1 when writing the stream failed. */
static int write_tounicode(HPDF_Font font, const HPDF_UINT16 *gids, HPDF_UINT n)
{
	HPDF_Dict cmap = HPDF_Dict_GetItem(font, "ToUnicode", HPDF_OCLASS_DICT);
	HPDF_Stream st = cmap ? cmap->stream : NULL;
	char line[64];
	HPDF_UINT runs = 0, done = 0;
	int ret = 0;

	if (!st)
		return 0; /* nothing to fix: leave libharu's font alone */
	for (int pass = 0; pass < 2; pass++) {
		HPDF_UINT start = 0, run = 0;
		for (HPDF_UINT c = 1; c <= n; c++) {
			int used = c < n && gids[c] && (c < 0xD800 || c > 0xDFFF);
			if (used && run && c == start + run && (c & 0xFF))
				run++;
			else if (used || run) {
				if (run && pass == 1) {
					if (done % 100 == 0) {
						HPDF_UINT k = runs - done < 100 ? runs - done : 100;
						snprintf(line, sizeof line, "%s%u beginbfrange\n",
							 done ? "endbfrange\n" : "", k);
						ret += HPDF_Stream_WriteStr(st, line);
					}
					snprintf(line, sizeof line, "<%04X> <%04X> <%04X>\n", start,
						 start + run - 1, start);
					ret += HPDF_Stream_WriteStr(st, line);
					done++;
				} else if (run) {
					runs++;
				}
				start = c, run = used ? 1 : 0;
			}
		}
		if (pass == 0) {
			HPDF_MemStream_FreeData(st);
			ret += HPDF_Stream_WriteStr(st,
				"/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
				"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
				"/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
				"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
		}
	}
	ret += HPDF_Stream_WriteStr(st, runs ? "endbfrange\n" : "");
	ret += HPDF_Stream_WriteStr(st, "endcmap\nCMapName currentdict /CMap defineresource pop\n"
				    "end\nend\n");
	return ret ? -1 : 0;
}

/* ---- the font file in memory --------------------------------------------- */

/* A font file in memory that libharu reads through the callbacks below,
 * as it would read the file (the caller frees it after HPDF_Free). */
struct hpdf_font_file {
	unsigned char *data; /* the file's bytes, 'post' and 'hmtx' edited */
	HPDF_UINT len;       /* its size */
	HPDF_UINT pos;       /* libharu's read position (may pass the end) */
};

void hpdf_font_file_free(struct hpdf_font_file *f)
{
	if (!f)
		return;
	free(f->data);
	free(f);
}

static HPDF_STATUS font_file_read(HPDF_Stream st, HPDF_BYTE *p, HPDF_UINT *n)
{
	struct hpdf_font_file *f = st->attr;
	HPDF_UINT left = f->pos < f->len ? f->len - f->pos : 0;

	if (*n <= left) {
		memcpy(p, f->data + f->pos, *n);
		f->pos += *n;
		return HPDF_OK;
	}
	memcpy(p, f->data + f->pos, left); /* as a short fread at the end */
	f->pos += left;
	*n = left;
	return HPDF_STREAM_EOF;
}

static HPDF_STATUS font_file_seek(HPDF_Stream st, HPDF_INT pos, HPDF_WhenceMode mode)
{
	struct hpdf_font_file *f = st->attr;
	long long to = pos;

	if (mode == HPDF_SEEK_CUR)
		to += f->pos;
	else if (mode == HPDF_SEEK_END)
		to += f->len;
	if (to < 0 || to > 0x7FFFFFFF)
		return HPDF_SetError(st->error, HPDF_FILE_IO_ERROR, 0);
	f->pos = (HPDF_UINT)to;
	return HPDF_OK;
}

static HPDF_INT32 font_file_tell(HPDF_Stream st)
{
	return (HPDF_INT32)((struct hpdf_font_file *)st->attr)->pos;
}

static HPDF_UINT32 font_file_size(HPDF_Stream st)
{
	return ((struct hpdf_font_file *)st->attr)->len;
}

/* Give libharu the font file in memory to read from, its 'post' table cut
 * to the 32-byte header marked version 3.0 ("no glyph names"), the form
 * font subsetters (cairo's, for one) embed: the header layout is the same
 * in versions 2.0 and 3.0, so only the version and the table's length
 * change; libharu copies the tables from this stream when it saves.  It
 * also reads faster than libharu's fseek and fread per field, and
 * blank_unused_metrics() edits it.  Best effort: on failure libharu keeps
 * its file and embeds the table whole (*kept NULL).  -1 only when out of
 * memory. */
static int shrink_post(HPDF_Doc pdf, const char *name, const char *path,
		       struct hpdf_font_file **kept)
{
	HPDF_FontDef def = HPDF_Doc_FindFontDef(pdf, name);
	HPDF_TTFontDefAttr a = def ? (HPDF_TTFontDefAttr)def->attr : NULL;
	HPDF_TTFTable *post = NULL;
	struct hpdf_font_file *f;
	char *text;
	size_t len = 0;
	HPDF_Stream st;

	*kept = NULL;
	for (unsigned i = 0; a && i < a->offset_tbl.num_tables; i++)
		if (!memcmp(a->offset_tbl.table[i].tag, "post", 4))
			post = &a->offset_tbl.table[i];
	if (!post || post->length <= 32 || slurp_file(path, &text, &len) < 0)
		return 0;
	if ((size_t)post->offset + 32 > len || len > 0x7FFFFFFF) {
		free(text);
		return 0;
	}
	if (!(f = calloc(1, sizeof *f))) {
		free(text);
		return -1;
	}
	f->data = (unsigned char *)text;
	f->len = (HPDF_UINT)len;
	st = HPDF_CallbackReader_New(pdf->mmgr, font_file_read, font_file_seek, font_file_tell,
				     font_file_size, f);
	if (!st) {
		hpdf_font_file_free(f);
		return -1;
	}
	memcpy(f->data + post->offset, "\x00\x03\x00\x00", 4);
	post->length = 32;
	HPDF_Stream_Free(a->stream);
	a->stream = st;
	*kept = f;
	return 0;
}

/* ---- the W array and the CIDToGIDMap ------------------------------------- */

/* libharu's HPDF_GetFont builds a W array and a CIDToGIDMap for all 65 536
 * code points (CIDs here are the code points: the UTF-8 encoder shows text
 * as UCS-2), looking each one up in the cmap by a linear search over its
 * segments: 50 million instructions a face, more than half of what laying
 * out the default briefing cost.
 * hpdf_fix_trim_font() rebuilds both from the glyphs used anyway, so while
 * GetFont runs the font definition gets a cmap of one segment that maps
 * every code point to glyph 0 at once (its W array is then empty, every
 * width being the default); the real cmap is back before any text is
 * measured. */
static HPDF_Font get_font(HPDF_Doc pdf, const char *name)
{
	HPDF_FontDef def = HPDF_Doc_FindFontDef(pdf, name);
	HPDF_TTFontDefAttr a = def ? (HPDF_TTFontDefAttr)def->attr : NULL;
	HPDF_UINT16 end = 0xFFFF, start = 0xFFFF, range = 0;
	HPDF_INT16 delta = 1; /* 0xFFFF + 1: glyph 0 */
	HPDF_TTF_CmapRange real;
	HPDF_Font font;

	if (!a || a->cmap.format != 4)
		return HPDF_GetFont(pdf, name, "UTF-8");
	real = a->cmap;
	a->cmap.seg_count_x2 = 2;
	a->cmap.end_count = &end;
	a->cmap.start_count = &start;
	a->cmap.id_delta = &delta;
	a->cmap.id_range_offset = &range;
	font = HPDF_GetFont(pdf, name, "UTF-8");
	a->cmap = real;
	return font;
}

HPDF_Font hpdf_fix_load_font(HPDF_Doc pdf, const char *path, struct hpdf_font_file **kept,
			     int *oom)
{
	const char *name = HPDF_LoadTTFontFromFile(pdf, path, HPDF_TRUE);
	HPDF_Font font;

	*kept = NULL;
	if (name && shrink_post(pdf, name, path, kept)) {
		*oom = 1;
		return NULL;
	}
	font = name ? get_font(pdf, name) : NULL;
	return font;
}

/* The copy of the font file libharu embeds from (shrink_post's), or NULL
 * when libharu kept its own file. */
static struct hpdf_font_file *font_copy(HPDF_TTFontDefAttr a)
{
	return a->stream && a->stream->read_fn == font_file_read ? a->stream->attr : NULL;
}

/* Take the TrueType instructions out of glyph g of the font copy f (its
 * bytes at glyf + loca offset, `len` of them): a simple glyph's program
 * (its length set to 0, the outline moved up over it), a composite's
 * (WE_HAVE_INSTRUCTIONS cleared on its last component).  The glyph keeps
 * its length, the freed bytes zeroed after it (glyph data may be padded),
 * so loca stays as it is; zeros deflate to almost nothing.  A glyph whose
 * structure does not fit its length is left alone. */
static void unhint_glyph(unsigned char *g, size_t len)
{
	int contours = len >= 10 ? (int16_t)be(g, 2) : 0;
	size_t at, n;

	if (len < 10)
		return;
	if (contours >= 0) {
		at = 10 + 2 * (size_t)contours; /* endPtsOfContours, then the length */
		if (at + 2 > len || (n = be(g + at, 2)) == 0 || at + 2 + n > len)
			return;
		memmove(g + at + 2, g + at + 2 + n, len - at - 2 - n);
		memset(g + len - n, 0, n);
		g[at] = g[at + 1] = 0;
		return;
	}
	for (at = 10;;) { /* components: flags, glyph, arguments, transform */
		unsigned flags;
		if (at + 4 > len)
			return;
		flags = be(g + at, 2);
		n = 4 + (flags & 1 ? 4 : 2) + (flags & 8 ? 2 : flags & 64 ? 4 : flags & 128 ? 8 : 0);
		if (!(flags & 32)) { /* the last: are instructions after it? */
			size_t end = at + n;
			if (!(flags & 0x100) || end + 2 > len || end + 2 + be(g + end, 2) > len)
				return;
			g[at] = (unsigned char)((flags & ~0x100u) >> 8);
			memset(g + end, 0, 2 + be(g + end, 2));
			return;
		}
		at += n;
	}
}

/* Embed the face unhinted: the TrueType hinting programs (cvt, fpgm and
 * prep: 2.5 KB a face deflated) become empty tables, as libharu writes a
 * table the font lacks, and every used glyph's own instructions go too
 * (unhint_glyph), so no glyph calls a function fpgm no longer defines.
 * PDF viewers render outlines unhinted anyway (poppler and MuPDF by
 * default), so pages render the same.  Only the font copy is edited;
 * libharu's own file is left as it is. */
static void strip_hinting(HPDF_FontDef def)
{
	HPDF_TTFontDefAttr a = (HPDF_TTFontDefAttr)def->attr;
	struct hpdf_font_file *f = font_copy(a);
	HPDF_TTFTable *glyf = NULL;
	int shift = a->header.index_to_loc_format == 0 ? 1 : 0; /* short loca: words */

	for (unsigned i = 0; f && i < a->offset_tbl.num_tables; i++) {
		HPDF_TTFTable *t = &a->offset_tbl.table[i];
		if (!memcmp(t->tag, "glyf", 4))
			glyf = t;
	}
	if (!glyf || glyf->offset > f->len || f->len - glyf->offset < glyf->length)
		return;
	for (unsigned i = 0; i < a->offset_tbl.num_tables; i++) {
		HPDF_TTFTable *t = &a->offset_tbl.table[i];
		if (!memcmp(t->tag, "cvt ", 4) || !memcmp(t->tag, "fpgm", 4) ||
		    !memcmp(t->tag, "prep", 4))
			t->length = 0;
	}
	for (HPDF_UINT g = 0; g < a->num_glyphs; g++) {
		size_t from = (size_t)a->glyph_tbl.offsets[g] << shift;
		size_t to = (size_t)a->glyph_tbl.offsets[g + 1] << shift;
		if (a->glyph_tbl.flgs[g] && from < to && to <= glyf->length)
			unhint_glyph(f->data + glyf->offset + from, to - from);
	}
}

/* Zero the 'hmtx' metrics of the glyphs the document did not use in the
 * copy of the font libharu embeds from (shrink_post's font file): libharu
 * keeps the metrics of all 2 600 glyphs, 4.5 KB a face deflated, and zeros
 * deflate to nothing.  No reader looks at an unused glyph's metrics (PDF
 * takes advances from W); the last full entry stays, as its advance also
 * serves the glyphs after it. */
static void blank_unused_metrics(HPDF_FontDef def)
{
	HPDF_TTFontDefAttr a = (HPDF_TTFontDefAttr)def->attr;
	struct hpdf_font_file *f = font_copy(a);
	HPDF_TTFTable *hmtx = NULL;
	HPDF_UINT nlong = a->num_h_metric;
	unsigned char *m;

	for (unsigned i = 0; f && i < a->offset_tbl.num_tables; i++)
		if (!memcmp(a->offset_tbl.table[i].tag, "hmtx", 4))
			hmtx = &a->offset_tbl.table[i];
	if (!hmtx || !nlong || nlong > a->num_glyphs ||
	    hmtx->length < 4 * nlong + 2 * (a->num_glyphs - nlong) ||
	    hmtx->offset > f->len || f->len - hmtx->offset < hmtx->length)
		return; /* libharu's own file (shrink_post gave up) or an odd table */
	m = f->data + hmtx->offset;
	for (HPDF_UINT g = 1; g < a->num_glyphs; g++) {
		if (a->glyph_tbl.flgs[g] || g == nlong - 1)
			continue;
		if (g < nlong)
			memset(m + 4 * g, 0, 4);
		else
			memset(m + 4 * nlong + 2 * (g - nlong), 0, 2);
	}
}

/* Rebuild the W array and the CIDToGIDMap for the code points whose glyphs
 * are used (gids[c], c < n): other code points map to glyph 0 with the
 * default width, which no reader asks for since no text uses them, and the
 * map ends at the last code point kept. */
static HPDF_STATUS write_widths(HPDF_Doc pdf, HPDF_Font font, const HPDF_UINT16 *gids,
				HPDF_UINT n)
{
	HPDF_FontAttr fa = (HPDF_FontAttr)font->attr;
	HPDF_FontDef def = fa->fontdef;
	HPDF_Stream st = fa->map_stream->stream;
	HPDF_Array w = HPDF_Dict_GetItem(fa->descendant_font, "W", HPDF_OCLASS_ARRAY);
	HPDF_Array run = NULL;
	HPDF_STATUS ret = HPDF_OK;
	unsigned char be2[2];

	HPDF_Array_Clear(w);
	HPDF_MemStream_FreeData(st);
	for (HPDF_UINT c = 0; c < (n ? n : 1) && ret == HPDF_OK; c++) {
		HPDF_INT16 gw = gids[c] ? HPDF_TTFontDef_GetGidWidth(def, gids[c]) : 0;

		be2[0] = (unsigned char)(gids[c] >> 8);
		be2[1] = (unsigned char)gids[c];
		ret = HPDF_Stream_Write(st, be2, 2);
		if (!gids[c] || gw == def->missing_width) {
			run = NULL; /* the default width, DW */
			continue;
		}
		if (!run && ret == HPDF_OK) {
			run = HPDF_Array_New(pdf->mmgr);
			ret = run ? HPDF_Array_AddNumber(w, (HPDF_INT32)c) : HPDF_FAILD_TO_ALLOC_MEM;
			if (ret == HPDF_OK)
				ret = HPDF_Array_Add(w, run);
		}
		if (ret == HPDF_OK)
			ret = HPDF_Array_AddNumber(run, gw);
	}
	return ret;
}

/* What PDF/A-1 asks of the font descriptor that libharu 2.3.0 does not
 * write: CapHeight (it computes cap_height from 'H' but never writes it)
 * and, for a subset, a CIDSet naming the CIDs the embedded program has:
 * bit c (0x80 >> c % 8 of byte c / 8) for CID 0 (.notdef) and each code
 * point used (the CIDs are the code points, Identity-H).  libharu makes
 * the descriptor, and the subset program, while saving, in the font's
 * before-write hook; it is run here, once every glyph is marked used, and
 * when saving it finds the descriptor made and only sets BaseFont and
 * FontDescriptor again. */
static HPDF_STATUS write_descriptor(HPDF_Doc pdf, HPDF_Font font, const HPDF_UINT16 *gids,
				    HPDF_UINT n)
{
	HPDF_FontDef def = ((HPDF_FontAttr)font->attr)->fontdef;
	HPDF_Dict set;
	unsigned char *bits;
	HPDF_STATUS ret;

	if (!def->descriptor && (ret = font->before_write_fn(font)) != HPDF_OK)
		return ret;
	if (!(bits = calloc(n / 8 + 1, 1)))
		return HPDF_FAILD_TO_ALLOC_MEM;
	bits[0] = 0x80;
	for (HPDF_UINT c = 1; c < n; c++)
		if (gids[c])
			bits[c >> 3] |= (unsigned char)(0x80 >> (c & 7));
	set = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
	ret = set ? HPDF_Stream_Write(set->stream, bits, n / 8 + 1) : HPDF_FAILD_TO_ALLOC_MEM;
	free(bits);
	if (ret != HPDF_OK)
		return ret;
	set->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
	ret = HPDF_Dict_Add(def->descriptor, "CIDSet", set);
	return ret ? ret : HPDF_Dict_AddNumber(def->descriptor, "CapHeight", def->cap_height);
}

/* Finish a face once the last text is drawn with it, from libharu's own
 * marks of the glyphs used (every glyph measured or shown, and the parts
 * of composite glyphs), found through the font's real cmap: widths, glyph
 * map and ToUnicode map for the code points used, unused metrics blanked,
 * hinting stripped, then the descriptor with its PDF/A entries. */
HPDF_STATUS hpdf_fix_trim_font(HPDF_Doc pdf, HPDF_Font font)
{
	HPDF_FontAttr fa = (HPDF_FontAttr)font->attr;
	HPDF_FontDef def = fa->fontdef;
	HPDF_TTFontDefAttr a = (HPDF_TTFontDefAttr)def->attr;
	const HPDF_TTF_CmapRange *cm = &a->cmap;
	HPDF_UINT16 *gids;
	HPDF_UINT keep = 0;
	HPDF_STATUS ret;

	if (!fa->map_stream || !fa->descendant_font || cm->format != 4 || !font->before_write_fn ||
	    !HPDF_Dict_GetItem(fa->descendant_font, "W", HPDF_OCLASS_ARRAY))
		return HPDF_INVALID_FONTDEF_DATA; /* not the structure get_font() assumed */
	if (!(gids = calloc(65536, sizeof *gids)))
		return HPDF_FAILD_TO_ALLOC_MEM;
	for (HPDF_UINT i = 0; i < cm->seg_count_x2 / 2u; i++) {
		for (HPDF_UINT c = cm->start_count[i]; c <= cm->end_count[i] && c < 0xFFFF; c++) {
			HPDF_UINT16 gid = HPDF_TTFontDef_GetGlyphid(def, (HPDF_UINT16)c);
			if (gid && gid < a->num_glyphs && a->glyph_tbl.flgs[gid]) {
				gids[c] = gid;
				keep = c + 1 > keep ? c + 1 : keep;
			}
		}
	}
	ret = write_widths(pdf, font, gids, keep);
	if (ret == HPDF_OK && write_tounicode(font, gids, keep))
		ret = HPDF_FAILD_TO_ALLOC_MEM;
	blank_unused_metrics(def);
	strip_hinting(def);
	if (ret == HPDF_OK)
		ret = write_descriptor(pdf, font, gids, keep);
	free(gids);
	return ret;
}

/* ---- strings longer than libharu takes ----------------------------------- */

double hpdf_fix_text_width(HPDF_Font font, const char *s, size_t len)
{
	double w = 0;

	while (len > 0) {
		size_t n = utf8_cut(s, len, HPDF_FIX_SLICE);
		HPDF_TextWidth tw = HPDF_Font_TextWidth(font, (const HPDF_BYTE *)s, (HPDF_UINT)n);
		w += tw.width;
		s += n;
		len -= n;
	}
	return w;
}

HPDF_STATUS hpdf_fix_show(HPDF_Page page, const char *s, size_t len)
{
	char buf[HPDF_FIX_SLICE + 1];
	HPDF_STATUS st = HPDF_OK;

	while (len > 0 && st == HPDF_OK) {
		size_t n = utf8_cut(s, len, HPDF_FIX_SLICE);
		memcpy(buf, s, n);
		buf[n] = '\0';
		st = HPDF_Page_ShowText(page, buf);
		s += n;
		len -= n;
	}
	return st;
}

void hpdf_fix_text_out(HPDF_Page page, double x, double y, const char *s, size_t len)
{
	char buf[HPDF_FIX_SLICE + 1];
	size_t n = utf8_cut(s, len, HPDF_FIX_SLICE);

	memcpy(buf, s, n);
	buf[n] = '\0';
	HPDF_Page_TextOut(page, (HPDF_REAL)x, (HPDF_REAL)y, buf);
	if (n < len)
		hpdf_fix_show(page, s + n, len - n);
}

/* ---- dots ---------------------------------------------------------------- */

/* The line is drawn in units of step/100 with dashes one unit long: the
 * dots are longer than wide by 1 % of the step, which no one can see. */
void hpdf_fix_dots(HPDF_Page page, double first, double last, double y, double step,
		   double dot, float r, float g, float b)
{
	static const HPDF_UINT16 dash[2] = { 1, 99 };
	const double unit = step / 100.0;

	HPDF_Page_GSave(page);
	HPDF_Page_Concat(page, (HPDF_REAL)unit, 0, 0, (HPDF_REAL)unit, 0, 0);
	HPDF_Page_SetRGBStroke(page, r, g, b);
	HPDF_Page_SetLineWidth(page, (HPDF_REAL)(dot / unit));
	HPDF_Page_SetLineCap(page, HPDF_ROUND_END);
	HPDF_Page_SetDash(page, dash, 2, 0);
	HPDF_Page_MoveTo(page, (HPDF_REAL)((first - unit / 2) / unit), (HPDF_REAL)(y / unit));
	HPDF_Page_LineTo(page, (HPDF_REAL)((last + unit / 2) / unit), (HPDF_REAL)(y / unit));
	HPDF_Page_Stroke(page);
	HPDF_Page_GRestore(page);
}

/* ---- saving ------------------------------------------------------------------ */

static HPDF_STATUS save_write(HPDF_Stream st, const HPDF_BYTE *p, HPDF_UINT n)
{
	struct strbuf *b = st->attr;

	strbuf_add(b, p, n);
	return b->oom ? HPDF_FAILD_TO_ALLOC_MEM : HPDF_OK;
}

HPDF_STATUS hpdf_fix_save(HPDF_Doc pdf, unsigned char **data, size_t *len)
{
	struct strbuf b = { 0 };
	HPDF_Stream out = HPDF_CallbackWriter_New(pdf->mmgr, save_write, &b);
	HPDF_STATUS st;

	if (!out)
		return HPDF_FAILD_TO_ALLOC_MEM;
	/* HPDF_SaveToStream writes to pdf->stream, made only when it is NULL */
	if (pdf->stream)
		HPDF_Stream_Free(pdf->stream);
	pdf->stream = out;
	st = HPDF_SaveToStream(pdf);
	out->attr = NULL;
	if (st == HPDF_OK && b.oom)
		st = HPDF_FAILD_TO_ALLOC_MEM;
	if (st != HPDF_OK) {
		strbuf_free(&b);
		return st;
	}
	*data = (unsigned char *)b.s;
	*len = b.n;
	return HPDF_OK;
}
