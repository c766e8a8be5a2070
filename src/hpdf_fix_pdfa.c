/* hpdf_fix_pdfa — the document-level parts of PDF/A-1b that libharu 2.3.0
 * lacks or gets wrong (src/hpdf_fix.h; the font parts are in hpdf_fix.c).
 *
 * Checked against libharu 2.3.0 (Debian libhpdf-dev 2.3.0+dfsg-1+b1) and
 * Apache PDFBox Preflight 2.0.27 (Debian libpdfbox2-java), the validator
 * the tests run.  libharu has HPDF_PDFA_SetPDFAConformance, but in 2.3.0
 * it fails on dates with the zone 'Z', writes Info values into the XMP
 * unescaped (an '&' in a title breaks it), makes the trailer /ID from the
 * clock (never the same bytes twice), and adds no output intent;
 * HPDF_PDFA_AppendOutputIntents writes the key "DestOutputProfile " with a
 * trailing blank and HPDF_LoadIccProfileFromFile stores the profile
 * uncompressed.  So each part is built here, as objects, before saving:
 *
 *  - hpdf_fix_pdfa_start: PDF 1.4 (PDF/A-1's version; libharu writes 1.3)
 *    and /ViewerPreferences /DisplayDocTitle (not in libharu's enum);
 *  - hpdf_fix_set_dates: libharu writes the zone 'Z' as "Z00'00'", which
 *    PDFBox reads as a date without a zone, then finds the XMP's different
 *    (7.2); '+' with 00'00' is the same instant, read with its zone;
 *  - hpdf_fix_link: the Print flag PDF/A wants on every annotation (5.2.2)
 *    and the /Contents PDF/UA wants on a link;
 *  - hpdf_fix_outline_dest: HPDF_Page_CreateDestination makes an indirect
 *    array, which PDFBox cannot read as an outline item's /Dest ("1.2.3 :
 *    Body Syntax error, can't convert to Destination"), and every item
 *    gets the outline root's /Type /Outlines;
 *  - hpdf_fix_pdfa_finish: the sRGB output intent (2.4.1, 2.4.3), the XMP
 *    metadata made from the Info dictionary as it stands (7.1) and a
 *    trailer /ID made from the content (1.4.1).
 */
#include "hpdf_fix.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hpdf_info.h>

#include "strbuf.h"
#include "utf8.h"

HPDF_STATUS hpdf_fix_pdfa_start(HPDF_Doc pdf)
{
	HPDF_Dict vp = HPDF_Dict_New(pdf->mmgr);

	pdf->pdf_version = HPDF_VER_14;
	if (!vp || HPDF_Dict_Add(pdf->catalog, "ViewerPreferences", vp) != HPDF_OK)
		return HPDF_FAILD_TO_ALLOC_MEM;
	return HPDF_Dict_AddBoolean(vp, "DisplayDocTitle", HPDF_TRUE);
}

HPDF_STATUS hpdf_fix_set_dates(HPDF_Doc pdf, int year, int month, int day)
{
	HPDF_Date date = { year, month, day, 0, 0, 0, '+', 0, 0 };
	HPDF_STATUS st = HPDF_SetInfoDateAttr(pdf, HPDF_INFO_CREATION_DATE, date);

	return st ? st : HPDF_SetInfoDateAttr(pdf, HPDF_INFO_MOD_DATE, date);
}

unsigned char *hpdf_fix_utf16(const char *utf8, size_t *len)
{
	size_t n = strlen(utf8), i = 0;
	unsigned char *buf = malloc(2 + 4 * n);

	if (!buf)
		return NULL;
	*len = 2;
	buf[0] = 0xFE, buf[1] = 0xFF; /* UTF-16BE, pairs above U+FFFF */
	while (i < n) {
		uint32_t c;
		i += (size_t)utf8_decode(utf8 + i, n - i, &c);
		if (c >= 0x10000) {
			uint32_t hi = 0xD800 + ((c - 0x10000) >> 10), lo = 0xDC00 + (c & 0x3FF);
			buf[(*len)++] = (unsigned char)(hi >> 8), buf[(*len)++] = (unsigned char)hi;
			c = lo;
		}
		buf[(*len)++] = (unsigned char)(c >> 8), buf[(*len)++] = (unsigned char)c;
	}
	return buf;
}

void *hpdf_fix_text(HPDF_Doc pdf, const char *utf8)
{
	size_t n = strlen(utf8), len;
	unsigned char *buf;
	void *obj;
	int ascii = 1;

	for (size_t k = 0; k < n; k++)
		ascii &= utf8[k] >= 0x20 && utf8[k] <= 0x7E;
	if (ascii) /* a literal, ( ) and \ escaped by libharu */
		return HPDF_String_New(pdf->mmgr, utf8, NULL);
	if (!(buf = hpdf_fix_utf16(utf8, &len)))
		return NULL;
	obj = HPDF_Binary_New(pdf->mmgr, buf, (HPDF_UINT)len);
	free(buf);
	return obj;
}

HPDF_STATUS hpdf_fix_link(HPDF_Doc pdf, HPDF_Annotation a, const char *contents)
{
	HPDF_STATUS st = HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0);
	void *text = contents && *contents ? hpdf_fix_text(pdf, contents) : NULL;

	if (st == HPDF_OK)
		st = HPDF_Dict_AddNumber(a, "F", 4); /* Print; not Hidden, not NoView */
	if (st == HPDF_OK && contents && *contents)
		st = text ? HPDF_Dict_Add(a, "Contents", text) : HPDF_FAILD_TO_ALLOC_MEM;
	return st;
}

HPDF_STATUS hpdf_fix_outline_dest(HPDF_Doc pdf, HPDF_Outline o, HPDF_Page page, double top)
{
	HPDF_Array d = HPDF_Array_New(pdf->mmgr);
	HPDF_STATUS st;

	if (!d)
		return HPDF_FAILD_TO_ALLOC_MEM;
	st = HPDF_Array_Add(d, page);
	if (st == HPDF_OK)
		st = HPDF_Array_AddName(d, "FitH");
	if (st == HPDF_OK)
		st = HPDF_Array_AddReal(d, (HPDF_REAL)top);
	if (st == HPDF_OK)
		st = HPDF_Dict_Add(o, "Dest", d);
	return st ? st : HPDF_Dict_RemoveElement(o, "Type");
}

/* ---- the output intent ---------------------------------------------------- */

/* /OutputIntents [<< /S /GTS_PDFA1 ... /DestOutputProfile N 0 R >>] with the
 * sRGB profile compiled in (icc/README.md), deflated.  PDFBox wants the
 * profile indirect; the intent itself may be direct. */
static HPDF_STATUS output_intent(HPDF_Doc pdf)
{
	static const char ident[] = "sRGB IEC61966-2.1";
	HPDF_Dict prof = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
	HPDF_Dict intent = HPDF_Dict_New(pdf->mmgr);
	HPDF_Array list = HPDF_Array_New(pdf->mmgr);
	HPDF_STATUS st = HPDF_OK;

	if (!prof || !intent || !list)
		return HPDF_FAILD_TO_ALLOC_MEM;
	prof->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
	st += HPDF_Dict_AddNumber(prof, "N", 3);
	st += HPDF_Stream_Write(prof->stream, icc_srgb, (HPDF_UINT)icc_srgb_len);
	st += HPDF_Dict_AddName(intent, "Type", "OutputIntent");
	st += HPDF_Dict_AddName(intent, "S", "GTS_PDFA1");
	st += HPDF_Dict_Add(intent, "OutputConditionIdentifier", HPDF_String_New(pdf->mmgr, ident, NULL));
	st += HPDF_Dict_Add(intent, "Info", HPDF_String_New(pdf->mmgr, ident, NULL));
	st += HPDF_Dict_Add(intent, "RegistryName",
			    HPDF_String_New(pdf->mmgr, "http://www.color.org", NULL));
	st += HPDF_Dict_Add(intent, "DestOutputProfile", prof);
	st += HPDF_Array_Add(list, intent);
	st += HPDF_Dict_Add(pdf->catalog, "OutputIntents", list);
	return st ? HPDF_FAILD_TO_ALLOC_MEM : HPDF_OK;
}

/* ---- the XMP metadata --------------------------------------------------- */

/* s as XML character data: & < > escaped, the C0 controls XML 1.0 does not
 * allow dropped. */
static void xml_text(struct strbuf *b, const char *s)
{
	for (; *s; s++) {
		if (*s == '&')
			strbuf_add(b, "&amp;", 5);
		else if (*s == '<')
			strbuf_add(b, "&lt;", 4);
		else if (*s == '>')
			strbuf_add(b, "&gt;", 4);
		else if ((unsigned char)*s >= 0x20 || *s == '\t' || *s == '\n')
			strbuf_add(b, s, 1);
	}
}

/* <TAG>value</TAG>, or <TAG><rdf:KIND><rdf:li LI>value</rdf:li></rdf:KIND></TAG>
 * when kind is given; nothing when value is NULL. */
static void xmp_prop(struct strbuf *b, const char *tag, const char *kind, const char *li,
		     const char *value)
{
	if (!value)
		return;
	strbuf_str(b, "<"), strbuf_str(b, tag), strbuf_str(b, ">");
	if (kind)
		strbuf_str(b, "<rdf:"), strbuf_str(b, kind), strbuf_str(b, "><rdf:li"),
			strbuf_str(b, li), strbuf_str(b, ">");
	xml_text(b, value);
	if (kind)
		strbuf_str(b, "</rdf:li></rdf:"), strbuf_str(b, kind), strbuf_str(b, ">");
	strbuf_str(b, "</"), strbuf_str(b, tag), strbuf_str(b, ">\n");
}

/* An Info date "D:YYYYMMDDHHmmSS+HH'mm'" (hpdf_fix_set_dates) as an XMP
 * date into out; 0, or -1 when it is not one. */
static int xmp_date(char out[32], const char *d)
{
	int y, mo, da, h, mi, s, oh, om;
	char sign;

	if (!d || sscanf(d, "D:%4d%2d%2d%2d%2d%2d%c%2d'%2d", &y, &mo, &da, &h, &mi, &s, &sign, &oh,
			 &om) != 9 || (sign != '+' && sign != '-'))
		return -1;
	snprintf(out, 32, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", y, mo, da, h, mi, s, sign,
		 oh, om);
	return 0;
}

/* The XMP packet, unfiltered (as XMP readers that scan bytes expect), from
 * the Info dictionary as it is now, so the two agree as PDF/A requires:
 * title, author (one dc:creator), subject, keywords, creator tool,
 * producer (libharu's), the dates, the document's language, and the claim
 * pdfaid part 1, conformance B.  Read with HPDF_GetInfoAttr: the UTF-8
 * that was set (libharu converts it only when writing). */
static HPDF_STATUS metadata(HPDF_Doc pdf, const char *lang)
{
	char created[32], modified[32];
	int has_c = !xmp_date(created, HPDF_GetInfoAttr(pdf, HPDF_INFO_CREATION_DATE));
	int has_m = !xmp_date(modified, HPDF_GetInfoAttr(pdf, HPDF_INFO_MOD_DATE));
	struct strbuf b = { 0 };
	HPDF_Dict xmp;
	HPDF_STATUS st;

	strbuf_str(&b, "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
		    "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
		    "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
		    "<rdf:Description rdf:about=\"\""
		    " xmlns:dc=\"http://purl.org/dc/elements/1.1/\""
		    " xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\""
		    " xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\""
		    " xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\">\n"
		    "<dc:format>application/pdf</dc:format>\n");
	xmp_prop(&b, "dc:title", "Alt", " xml:lang=\"x-default\"",
		 HPDF_GetInfoAttr(pdf, HPDF_INFO_TITLE));
	xmp_prop(&b, "dc:creator", "Seq", "", HPDF_GetInfoAttr(pdf, HPDF_INFO_AUTHOR));
	xmp_prop(&b, "dc:description", "Alt", " xml:lang=\"x-default\"",
		 HPDF_GetInfoAttr(pdf, HPDF_INFO_SUBJECT));
	xmp_prop(&b, "dc:language", "Bag", "", lang);
	xmp_prop(&b, "pdf:Keywords", NULL, NULL, HPDF_GetInfoAttr(pdf, HPDF_INFO_KEYWORDS));
	xmp_prop(&b, "pdf:Producer", NULL, NULL, HPDF_GetInfoAttr(pdf, HPDF_INFO_PRODUCER));
	xmp_prop(&b, "xmp:CreatorTool", NULL, NULL, HPDF_GetInfoAttr(pdf, HPDF_INFO_CREATOR));
	xmp_prop(&b, "xmp:CreateDate", NULL, NULL, has_c ? created : NULL);
	xmp_prop(&b, "xmp:ModifyDate", NULL, NULL, has_m ? modified : NULL);
	xmp_prop(&b, "xmp:MetadataDate", NULL, NULL, has_m ? modified : has_c ? created : NULL);
	strbuf_str(&b, "<pdfaid:part>1</pdfaid:part>\n<pdfaid:conformance>B</pdfaid:conformance>\n"
		    "</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"r\"?>");
	if (b.oom)
		return strbuf_free(&b), HPDF_FAILD_TO_ALLOC_MEM;
	xmp = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
	st = xmp ? HPDF_OK : HPDF_FAILD_TO_ALLOC_MEM;
	if (st == HPDF_OK)
		st = HPDF_Dict_AddName(xmp, "Type", "Metadata");
	if (st == HPDF_OK)
		st = HPDF_Dict_AddName(xmp, "Subtype", "XML");
	if (st == HPDF_OK)
		st = HPDF_Stream_Write(xmp->stream, (const HPDF_BYTE *)b.s, (HPDF_UINT)b.n);
	if (st == HPDF_OK)
		st = HPDF_Dict_Add(pdf->catalog, "Metadata", xmp);
	strbuf_free(&b);
	return st;
}

/* ---- the trailer ID ------------------------------------------------------- */

/* /ID [<md5> <md5>]: the MD5 of every stream the document holds (page
 * contents, fonts and their maps, the XMP, the profile) in object order,
 * so equal inputs give equal bytes and any change to a page changes it.
 * Both halves equal: the file as first written.  Call last. */
static HPDF_STATUS trailer_id(HPDF_Doc pdf)
{
	HPDF_MD5_CTX md5;
	HPDF_BYTE digest[HPDF_MD5_KEY_LEN];
	HPDF_List entries = pdf->xref->entries;
	HPDF_Array id = HPDF_Array_New(pdf->mmgr);
	HPDF_STATUS st = HPDF_OK;

	if (!id)
		return HPDF_FAILD_TO_ALLOC_MEM;
	HPDF_MD5Init(&md5);
	for (HPDF_UINT i = 0; i < entries->count; i++) {
		HPDF_XrefEntry e = HPDF_List_ItemAt(entries, i);
		HPDF_Obj_Header *h = e ? e->obj : NULL;
		HPDF_Dict d = (HPDF_Dict)h;

		if (!h || (h->obj_class & HPDF_OCLASS_ANY) != HPDF_OCLASS_DICT || !d->stream ||
		    d->stream->type != HPDF_STREAM_MEMORY)
			continue;
		for (HPDF_UINT k = 0; k < HPDF_MemStream_GetBufCount(d->stream); k++) {
			HPDF_UINT len = 0;
			HPDF_BYTE *p = HPDF_MemStream_GetBufPtr(d->stream, k, &len);
			if (p)
				HPDF_MD5Update(&md5, p, len);
		}
	}
	HPDF_MD5Final(digest, &md5);
	st += HPDF_Array_Add(id, HPDF_Binary_New(pdf->mmgr, digest, sizeof digest));
	st += HPDF_Array_Add(id, HPDF_Binary_New(pdf->mmgr, digest, sizeof digest));
	st += HPDF_Dict_Add(pdf->trailer, "ID", id);
	return st ? HPDF_FAILD_TO_ALLOC_MEM : HPDF_OK;
}

HPDF_STATUS hpdf_fix_pdfa_finish(HPDF_Doc pdf, const char *lang)
{
	HPDF_STATUS st = output_intent(pdf);

	if (st == HPDF_OK)
		st = metadata(pdf, lang);
	return st ? st : trailer_id(pdf);
}
