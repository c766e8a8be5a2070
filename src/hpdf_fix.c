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
 *  - fix_tounicode: the ToUnicode CMap of its UTF-8 fonts uses
 *    "begincidrange", which poppler and MuPDF reject ("Invalid
 *    'begincidrange' operator in ToUnicode CMap") before falling back;
 *    rewritten as the identity in bfranges.
 *  - For every UTF-8 TrueType font libharu embeds things no reader uses,
 *    about half of each font's bytes in the PDF: the 'post' table's glyph
 *    names (Liberation Sans: 27 KB, 12 KB deflated), a W array with the
 *    width of each of the font's 2 600 glyphs (10 KB, uncompressed), a
 *    CIDToGIDMap of 65 536 entries (128 KB to deflate, 4.5 KB after) and,
 *    though it keeps only the glyphs used, the metrics of all of them
 *    (4.5 KB deflated).  shrink_post (with the font file callbacks),
 *    hpdf_fix_trim_font and blank_unused_metrics cut these down, and
 *    get_font spares libharu building the full W array and map (50 million
 *    instructions a face).  Pages render pixel for pixel as with libharu's
 *    own fonts (poppler and MuPDF, every regression spec, when this was
 *    written).
 *  - hpdf_fix_text_width, hpdf_fix_show, hpdf_fix_text_out: libharu
 *    refuses strings over HPDF_LIMIT_MAX_STRING_LEN (65,535 bytes, error
 *    0x105B) both to measure and to show, and a line's width is no guard
 *    (a run of zero-width characters can be that long): long text goes in
 *    slices cut at code points.  Measuring UTF-8 itself is right: its UTF-8
 *    encoder hands whole code points to the glyph width lookup (checked for
 *    Cyrillic and ə ğ ı ş in test_layout.c).
 *  - hpdf_fix_dots: PDF draws a zero-length dash with round caps as a dot,
 *    but libharu refuses a 0 in a dash pattern and a dash over 100.
 */
#include "hpdf_fix.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "slurp.h"
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
 * points, so the right map is the identity: rewrite the stream as
 * bfranges, one per high byte (surrogates left out), at most 100 to a
 * section.  0, or -1 when writing the stream failed. */
static int fix_tounicode(HPDF_Font font)
{
	HPDF_Dict cmap = HPDF_Dict_GetItem(font, "ToUnicode", HPDF_OCLASS_DICT);
	HPDF_Stream st = cmap ? cmap->stream : NULL;
	char line[64];
	int ranges[256], n = 0, ret = 0;

	if (!st)
		return 0; /* nothing to fix: leave libharu's font alone */
	for (int hi = 0; hi < 256; hi++)
		if (hi < 0xD8 || hi > 0xDF)
			ranges[n++] = hi;
	HPDF_MemStream_FreeData(st);
	ret += HPDF_Stream_WriteStr(st,
		"/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
		"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
		"/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
		"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
	for (int i = 0; i < n; i += 100) {
		int k = n - i < 100 ? n - i : 100;
		snprintf(line, sizeof line, "%d beginbfrange\n", k);
		ret += HPDF_Stream_WriteStr(st, line);
		for (int j = i; j < i + k; j++) {
			snprintf(line, sizeof line, "<%02X00> <%02XFF> <%02X00>\n", ranges[j],
				 ranges[j], ranges[j]);
			ret += HPDF_Stream_WriteStr(st, line);
		}
		ret += HPDF_Stream_WriteStr(st, "endbfrange\n");
	}
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
	if (!font || fix_tounicode(font))
		return NULL;
	return font;
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
	struct hpdf_font_file *f = a->stream && a->stream->read_fn == font_file_read ?
		a->stream->attr : NULL;
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

/* Rebuild a face's W array and CIDToGIDMap for the code points whose
 * glyphs the document used, by libharu's own marks (every glyph measured
 * or shown, and the parts of composite glyphs), found through the font's
 * real cmap: other code points map to glyph 0 with the default width,
 * which no reader asks for since no text uses them, and the map ends at
 * the last code point kept. */
HPDF_STATUS hpdf_fix_trim_font(HPDF_Doc pdf, HPDF_Font font)
{
	HPDF_FontAttr fa = (HPDF_FontAttr)font->attr;
	HPDF_FontDef def = fa->fontdef;
	HPDF_TTFontDefAttr a = (HPDF_TTFontDefAttr)def->attr;
	const HPDF_TTF_CmapRange *cm = &a->cmap;
	HPDF_Stream st = fa->map_stream ? fa->map_stream->stream : NULL;
	HPDF_Array w = fa->descendant_font ?
		HPDF_Dict_GetItem(fa->descendant_font, "W", HPDF_OCLASS_ARRAY) : NULL;
	HPDF_Array run = NULL;
	HPDF_UINT16 *gids;
	HPDF_UINT keep = 0;
	HPDF_STATUS ret = HPDF_OK;
	unsigned char be2[2];

	if (!st || !w || cm->format != 4)
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
	HPDF_Array_Clear(w);
	HPDF_MemStream_FreeData(st);
	for (HPDF_UINT c = 0; c < (keep ? keep : 1) && ret == HPDF_OK; c++) {
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
	free(gids);
	blank_unused_metrics(def);
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
