/* hpdf_tag — private to the program (layout and render_pdf): tagged PDF on
 * top of libharu 2.3.0, which has neither marked-content operators ("BDC
 * --not implemented yet" in hpdf.h) nor a structure tree.  One of the
 * libharu workarounds (with hpdf_fix.h): it reaches into libharu's objects
 * and page streams through its installed headers, and nothing here knows
 * about the document or the layout.
 *
 * The model is PDF/UA-1's: a structure tree of elements (Document, H1, P,
 * Table, Figure …) whose content is marked on the pages by marked-content
 * sequences ("/P <</MCID 3>> BDC … EMC"), every other painting an
 * artifact ("/Artifact BMC … EMC"), a parent tree that maps each page's
 * MCIDs (and each link annotation) back to its element.  The caller keeps
 * the rules PDF 1.7 §14.6 sets: a sequence opened inside BT … ET closes
 * before the ET, none is opened while a path is being built (refused
 * here), tagged content and artifacts do not nest.
 *
 * Elements are small records here, written as PDF objects only when the
 * document is saved (a libharu dictionary costs about 1.5 KB of memory an
 * element, and its arrays stop at 32,767 items: a 20,000-row table has
 * 200,000 elements and a TBody of 20,000 rows). */
#ifndef BRIEFING_HPDF_TAG_H
#define BRIEFING_HPDF_TAG_H

#include <stddef.h>
#include <stdint.h>

#include <hpdf.h>

struct hpdf_tag;

/* A structure element of a tree; 0 is none (for the Document: the root). */
typedef uint32_t hpdf_tag_id;

/* Start the structure tree of pdf: /MarkInfo, /StructTreeRoot (with the
 * role map of the custom type Title, as P) and a Document element, /Lang
 * `lang` on the catalog (NULL: none).  NULL when out of memory. */
struct hpdf_tag *hpdf_tag_new(HPDF_Doc pdf, const char *lang);

/* Free the tree: before HPDF_Free of its document, whose cross-reference
 * table then no longer lists the elements (NULL is ok). */
void hpdf_tag_free(struct hpdf_tag *t);

/* Register page (call right after HPDF_AddPage, pages in order): its
 * /StructParents and parent-tree entry.  Its number (0, 1, …), or -1. */
int hpdf_tag_page(struct hpdf_tag *t, HPDF_Page page);

/* A new element of `type` (a standard structure type, or Title; a string
 * that outlives the tree) as the last kid of parent (0: the Document):
 * kids are read in the order they are made.  0 when out of memory. */
hpdf_tag_id hpdf_tag_elem(struct hpdf_tag *t, hpdf_tag_id parent, const char *type);

/* Change an element's type (a link that links nowhere becomes a Span). */
void hpdf_tag_retype(struct hpdf_tag *t, hpdf_tag_id e, const char *type);

/* An element's text entry: key is "Alt", "T" or "Lang"; s UTF-8, copied.
 * 0, or -1 when out of memory. */
int hpdf_tag_text(struct hpdf_tag *t, hpdf_tag_id e, const char *key, const char *s);

/* The attribute /A << /O owner /key /value >>, names that outlive the tree
 * (/Table /Scope /Column, /List /ListNumbering /Disc).  0 or -1. */
int hpdf_tag_attr(struct hpdf_tag *t, hpdf_tag_id e, const char *owner, const char *key,
		  const char *value);

/* The Layout attribute /A << /O /Layout /BBox [x0 y0 x1 y1] >> (figures and
 * tables on one page).  0 or -1. */
int hpdf_tag_bbox(struct hpdf_tag *t, hpdf_tag_id e, double x0, double y0, double x1,
		  double y1);

/* Open a marked-content sequence of e on page `page`'s current content
 * stream (its next MCID, tagged with the element's type) and make it a
 * kid of e: an MCID of e's own page (/Pg, the page of its first), or a
 * marked-content reference to another (an element going on over the next
 * page).  0, or -1 when out of memory or a path is being built. */
int hpdf_tag_begin(struct hpdf_tag *t, int page, hpdf_tag_id e);

/* Open an artifact: "/Artifact BMC", or with type (Pagination, Layout)
 * and subtype (Header, Footer) as properties.  0 or -1 as above. */
int hpdf_tag_artifact(struct hpdf_tag *t, int page, const char *type, const char *subtype);

/* Close the sequence opened last on page (EMC). */
void hpdf_tag_end(struct hpdf_tag *t, int page);

/* Make annotation a (on page) a kid of e (an object reference) with its
 * /StructParent; the page gets /Tabs /S (PDF/UA: tab order follows the
 * structure).  0 or -1. */
int hpdf_tag_annot(struct hpdf_tag *t, int page, hpdf_tag_id e, HPDF_Annotation a);

/* A content-stream slot: an empty content stream inserted at the current
 * point of page's content, to draw into later (hpdf_tag_slot_enter) what
 * must be read here but can only be drawn at the end (the contents list,
 * once page numbers are known).  NULL on failure. */
HPDF_Dict hpdf_tag_slot(HPDF_Page page);

/* Draw into slot until hpdf_tag_slot_leave: the page's content and stream
 * are swapped, inside q … Q so the state the slot leaves is the one the
 * next stream expects. */
struct hpdf_tag_saved {
	HPDF_Dict contents;
	HPDF_Stream stream;
};
void hpdf_tag_slot_enter(HPDF_Page page, HPDF_Dict slot, struct hpdf_tag_saved *sv);
void hpdf_tag_slot_leave(HPDF_Page page, const struct hpdf_tag_saved *sv);

/* Number the elements as the document's last objects: call once, after
 * every other object is made and just before saving.  0 or -1. */
int hpdf_tag_finish(struct hpdf_tag *t);

#endif
