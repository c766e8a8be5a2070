/* hpdf_tag — tagged PDF on top of libharu (src/hpdf_tag.h).
 *
 * Checked against libharu 2.3.0 (Debian libhpdf-dev 2.3.0+dfsg-1+b1):
 *  - a page's current content stream is ((HPDF_PageAttr)page->attr)->stream
 *    (hpdf_pages.h), and the marked-content operators written there are
 *    bytes libharu neither sees nor minds; its gmode says whether a path
 *    is being built;
 *  - the elements are written by a dictionary's write_fn, which libharu
 *    calls while saving after the dictionary's own entries: the tree root
 *    is a real dictionary that writes its /K and /ParentTree that way, and
 *    all elements share one more dictionary (never added to the xref
 *    itself) that hpdf_tag_finish lists in the cross-reference table once
 *    per element, at the end, so that libharu, writing the table's objects
 *    in order, writes element after element through it.  hpdf_tag_free
 *    takes those entries out again before HPDF_Free would free the shared
 *    dictionary once per entry.
 * Checked against PDFBox Preflight 2.0.27, poppler 22.12 (pdfinfo
 * -struct-text), MuPDF 1.21 and tests/tools/PdfCheck.java.
 *
 * The parent tree is one flat number tree: keys are handed out in the
 * order pages and annotations are registered, so /Nums is sorted as it
 * grows.  A page's value lists the element of each of its MCIDs, in the
 * order MCIDs are taken (whatever the order of its content streams). */
#include "hpdf_tag.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hpdf_pages.h>

#include "grow.h"
#include "hpdf_fix.h"

/* A kid of an element: its kind in the value's top two bits. */
enum { KID_ELEM = 0, KID_MCID = 1, KID_MCR = 2, KID_OBJR = 3 };
#define KID(kind, v) ((uint32_t)(kind) << 30 | (uint32_t)(v))
#define KID_MAX 0x3FFFFFFFu

struct tag_kid {
	uint32_t next;  /* 1 + the element's next kid, 0 = the last */
	uint32_t value; /* KID(kind, element id | MCID | annotation index) */
	uint32_t page;  /* MCR and OBJR: their page */
};

/* What few elements have (figures, headers, lists, spans). */
struct tag_extra {
	char *text[3];          /* /Alt, /T, /Lang (UTF-8), or NULL */
	const char *attr[3];    /* /A << /O [0] /[1] /[2] >>, or NULL */
	double bbox[4];         /* /A << /O /Layout /BBox >> when has_bbox */
	int has_bbox;
};

static const char *const TEXT_KEYS[3] = { "Alt", "T", "Lang" };

/* 20 bytes: a 20,000-row table of 8 columns has 180,000 of them, and
 * most of them (its cells) have one kid, an MCID, kept in the element */
struct tag_elem {
	uint32_t parent;      /* id; 0: the tree root (the Document's parent) */
	uint32_t page;        /* 1 + the page of its /Pg, 0 = none yet */
	uint32_t first, last; /* its kids: 1 + index into kids, 0 = none; or,
				 with last 0, first = ONE_MCID | its one kid, an
				 MCID of its own page */
	uint32_t type_extra;  /* its type (index into types) in the top 6 bits;
				 1 + index into extras below, 0 = none */
};

#define ONE_MCID 0x80000000u
#define TYPE_OF(e) ((e)->type_extra >> 26)
#define EXTRA_OF(e) ((e)->type_extra & 0x03FFFFFFu)
#define EXTRAS_MAX 0x03FFFFFFu

struct tag_page {
	HPDF_Page page;
	uint32_t *mcids;      /* the element of MCID i */
	size_t n, cap;
};

struct tag_annot {
	HPDF_Annotation annot;
	hpdf_tag_id elem;
};

struct hpdf_tag {
	HPDF_Doc pdf;
	HPDF_Dict root;           /* /StructTreeRoot (an indirect libharu dictionary) */
	HPDF_Dict writer;         /* writes the elements, one a call */
	struct tag_elem *elems;   /* element id i at i - 1 */
	size_t nelems, elems_cap;
	struct tag_kid *kids;
	size_t nkids, kids_cap;
	struct tag_extra *extras;
	size_t nextras, extras_cap;
	struct tag_page *pages;
	size_t npages, pages_cap;
	struct tag_annot *annots;
	size_t nannots, annots_cap;
	uint32_t *keys;           /* parent-tree key k: KID(KID_MCID, page) or
				     KID(KID_OBJR, annotation) */
	size_t nkeys, keys_cap;
	const char *types[64];    /* the element types met, by index */
	int ntypes;
	HPDF_XrefEntry entries;   /* the elements' xref entries (hpdf_tag_finish) */
	HPDF_UINT first_obj;      /* the object number of element 1 */
	size_t cursor;            /* the element the writer writes next */
};

static HPDF_Stream page_stream(HPDF_Page page)
{
	return ((HPDF_PageAttr)page->attr)->stream;
}

/* Marked-content operators go between graphics objects: not while a path
 * is being built (between m/re and its painting operator). */
static int between_objects(HPDF_Page page)
{
	HPDF_UINT16 m = ((HPDF_PageAttr)page->attr)->gmode;

	return m == HPDF_GMODE_PAGE_DESCRIPTION || m == HPDF_GMODE_TEXT_OBJECT;
}

/* ---- writing, while libharu saves ------------------------------------------ */

static HPDF_UINT obj_num(const void *obj)
{
	return ((const HPDF_Obj_Header *)obj)->obj_id & 0x00FFFFFF;
}

static HPDF_STATUS write_ref(HPDF_Stream s, HPDF_UINT num)
{
	char buf[32];

	snprintf(buf, sizeof buf, "%u 0 R", num);
	return HPDF_Stream_WriteStr(s, buf);
}

static HPDF_STATUS write_elem_ref(struct hpdf_tag *t, HPDF_Stream s, hpdf_tag_id e)
{
	return write_ref(s, e ? t->first_obj + e - 1 : obj_num(t->root));
}

/* A PDF text string: a literal for printable ASCII (( ) \ escaped), else
 * UTF-16BE with its byte order mark, in hex. */
static HPDF_STATUS write_text(HPDF_Stream s, const char *utf8)
{
	void *obj = NULL;
	HPDF_STATUS st;
	size_t n = strlen(utf8);
	int ascii = 1;
	char buf[8];

	for (size_t i = 0; i < n; i++)
		ascii &= utf8[i] >= 0x20 && utf8[i] <= 0x7E;
	if (ascii) {
		st = HPDF_Stream_WriteChar(s, '(');
		for (size_t i = 0; i < n && st == HPDF_OK; i++) {
			if (utf8[i] == '(' || utf8[i] == ')' || utf8[i] == '\\')
				st = HPDF_Stream_WriteChar(s, '\\');
			if (st == HPDF_OK)
				st = HPDF_Stream_WriteChar(s, utf8[i]);
		}
		return st ? st : HPDF_Stream_WriteChar(s, ')');
	}
	if (!(obj = hpdf_fix_utf16(utf8, &n)))
		return HPDF_FAILD_TO_ALLOC_MEM;
	st = HPDF_Stream_WriteChar(s, '<');
	for (size_t i = 0; i < n && st == HPDF_OK; i++) {
		snprintf(buf, sizeof buf, "%02X", ((unsigned char *)obj)[i]);
		st = HPDF_Stream_WriteStr(s, buf);
	}
	free(obj);
	return st ? st : HPDF_Stream_WriteChar(s, '>');
}

/* One kid: an element's reference, an MCID, or a reference dictionary. */
static HPDF_STATUS write_kid(struct hpdf_tag *t, HPDF_Stream s, const struct tag_kid *k)
{
	uint32_t v = k->value & KID_MAX;
	char buf[48];
	HPDF_STATUS st = HPDF_OK;

	switch (k->value >> 30) {
	case KID_ELEM:
		return write_elem_ref(t, s, v);
	case KID_MCID:
		snprintf(buf, sizeof buf, "%u", v);
		return HPDF_Stream_WriteStr(s, buf);
	case KID_MCR:
		st += HPDF_Stream_WriteStr(s, "<</Type /MCR /Pg ");
		st += write_ref(s, obj_num(t->pages[k->page].page));
		snprintf(buf, sizeof buf, " /MCID %u>>", v);
		return st + HPDF_Stream_WriteStr(s, buf);
	default:
		st += HPDF_Stream_WriteStr(s, "<</Type /OBJR /Obj ");
		st += write_ref(s, obj_num(t->annots[v].annot));
		st += HPDF_Stream_WriteStr(s, " /Pg ");
		st += write_ref(s, obj_num(t->pages[k->page].page));
		return st + HPDF_Stream_WriteStr(s, ">>");
	}
}

/* The attributes and texts of an element that has them. */
static HPDF_STATUS write_extra(HPDF_Stream s, const struct tag_extra *x)
{
	HPDF_STATUS st = HPDF_OK;

	for (int i = 0; i < 3; i++)
		if (x->text[i]) {
			st += HPDF_Stream_WriteStr(s, "/");
			st += HPDF_Stream_WriteStr(s, TEXT_KEYS[i]);
			st += HPDF_Stream_WriteChar(s, ' ');
			st += write_text(s, x->text[i]);
			st += HPDF_Stream_WriteChar(s, '\n');
		}
	if (x->attr[0]) {
		st += HPDF_Stream_WriteStr(s, "/A <</O /");
		st += HPDF_Stream_WriteStr(s, x->attr[0]);
		st += HPDF_Stream_WriteStr(s, " /");
		st += HPDF_Stream_WriteStr(s, x->attr[1]);
		st += HPDF_Stream_WriteStr(s, " /");
		st += HPDF_Stream_WriteStr(s, x->attr[2]);
		st += HPDF_Stream_WriteStr(s, ">>\n");
	} else if (x->has_bbox) {
		st += HPDF_Stream_WriteStr(s, "/A <</O /Layout /BBox [");
		for (int i = 0; i < 4; i++) {
			st += HPDF_Stream_WriteReal(s, (HPDF_REAL)x->bbox[i]);
			st += HPDF_Stream_WriteChar(s, i < 3 ? ' ' : ']');
		}
		st += HPDF_Stream_WriteStr(s, ">>\n");
	}
	return st ? HPDF_FILE_IO_ERROR : HPDF_OK;
}

/* libharu writes the element objects one after another in number order:
 * each call writes the next ("/S /TD /P 12 0 R /Pg 5 0 R /K 3").  A single
 * kid goes without its array. */
static HPDF_STATUS write_elem(HPDF_Dict writer, HPDF_Stream s)
{
	struct hpdf_tag *t = writer->attr;
	const struct tag_elem *e = &t->elems[t->cursor++];
	HPDF_STATUS st = HPDF_OK;

	st += HPDF_Stream_WriteStr(s, "/S/");
	st += HPDF_Stream_WriteStr(s, t->types[TYPE_OF(e)]);
	st += HPDF_Stream_WriteStr(s, "/P ");
	st += write_elem_ref(t, s, e->parent);
	if (e->page) {
		st += HPDF_Stream_WriteStr(s, "/Pg ");
		st += write_ref(s, obj_num(t->pages[e->page - 1].page));
	}
	if (e->first & ONE_MCID) {
		char buf[24];
		snprintf(buf, sizeof buf, "/K %u", e->first & ~ONE_MCID);
		st += HPDF_Stream_WriteStr(s, buf);
	} else if (e->first) {
		int many = t->kids[e->first - 1].next != 0, n = 0;
		st += HPDF_Stream_WriteStr(s, many ? "/K[" : "/K ");
		for (uint32_t k = e->first; k; k = t->kids[k - 1].next, n++) {
			if (n)
				st += HPDF_Stream_WriteStr(s, n % 8 ? " " : "\n");
			st += write_kid(t, s, &t->kids[k - 1]);
		}
		st += HPDF_Stream_WriteStr(s, many ? "]" : "");
	}
	st += HPDF_Stream_WriteChar(s, '\n');
	if (EXTRA_OF(e))
		st += write_extra(s, &t->extras[EXTRA_OF(e) - 1]);
	return st ? HPDF_FILE_IO_ERROR : HPDF_OK;
}

/* The root's /K (the Document), /ParentTree and /ParentTreeNextKey. */
static HPDF_STATUS write_root(HPDF_Dict root, HPDF_Stream s)
{
	struct hpdf_tag *t = root->attr;
	HPDF_STATUS st = HPDF_OK;
	char buf[32];

	st += HPDF_Stream_WriteStr(s, "/K ");
	st += write_elem_ref(t, s, 1);
	st += HPDF_Stream_WriteStr(s, "\n/ParentTree <</Nums [");
	for (size_t k = 0; k < t->nkeys; k++) {
		uint32_t v = t->keys[k] & KID_MAX;
		snprintf(buf, sizeof buf, "\n%zu ", k);
		st += HPDF_Stream_WriteStr(s, buf);
		if (t->keys[k] >> 30 == KID_OBJR) {
			st += write_elem_ref(t, s, t->annots[v].elem);
			continue;
		}
		st += HPDF_Stream_WriteChar(s, '[');
		for (size_t i = 0; i < t->pages[v].n; i++) {
			if (i)
				st += HPDF_Stream_WriteStr(s, i % 8 ? " " : "\n");
			st += write_elem_ref(t, s, t->pages[v].mcids[i]);
		}
		st += HPDF_Stream_WriteChar(s, ']');
	}
	snprintf(buf, sizeof buf, "\n]>>\n/ParentTreeNextKey %zu\n", t->nkeys);
	st += HPDF_Stream_WriteStr(s, buf);
	return st ? HPDF_FILE_IO_ERROR : HPDF_OK;
}

/* ---- building the tree ------------------------------------------------------ */

struct hpdf_tag *hpdf_tag_new(HPDF_Doc pdf, const char *lang)
{
	struct hpdf_tag *t = calloc(1, sizeof *t);
	HPDF_Dict mark = HPDF_Dict_New(pdf->mmgr), roles = HPDF_Dict_New(pdf->mmgr);
	HPDF_STATUS st = HPDF_OK;
	void *l = lang ? hpdf_fix_text(pdf, lang) : NULL;

	if (!t || !mark || !roles || (lang && !l) || !(t->root = HPDF_Dict_New(pdf->mmgr)) ||
	    !(t->writer = HPDF_Dict_New(pdf->mmgr))) {
		/* out of memory: what no container owns yet is freed here */
		void *own[] = { mark, roles, l, t ? t->root : NULL };
		for (size_t i = 0; i < sizeof own / sizeof *own; i++)
			if (own[i])
				HPDF_Obj_Free(pdf->mmgr, own[i]);
		hpdf_tag_free(t);
		return NULL;
	}
	t->pdf = pdf;
	t->root->attr = t->writer->attr = t;
	t->root->write_fn = write_root;
	t->writer->write_fn = write_elem;
	st += HPDF_Dict_AddBoolean(mark, "Marked", HPDF_TRUE);
	st += HPDF_Dict_Add(pdf->catalog, "MarkInfo", mark);
	st += HPDF_Xref_Add(pdf->xref, t->root);
	st += HPDF_Dict_AddName(t->root, "Type", "StructTreeRoot");
	st += HPDF_Dict_Add(pdf->catalog, "StructTreeRoot", t->root);
	st += HPDF_Dict_AddName(roles, "Title", "P"); /* the document's title: no heading */
	st += HPDF_Dict_Add(t->root, "RoleMap", roles);
	if (l)
		st += HPDF_Dict_Add(pdf->catalog, "Lang", l);
	if (st != HPDF_OK || hpdf_tag_elem(t, 0, "Document") != 1) {
		hpdf_tag_free(t);
		return NULL;
	}
	return t;
}

void hpdf_tag_free(struct hpdf_tag *t)
{
	if (!t)
		return;
	if (t->entries) { /* out of libharu's table, which would free them */
		HPDF_List list = t->pdf->xref->entries;
		HPDF_UINT k = 0;
		for (HPDF_UINT i = 0; i < list->count; i++)
			if (((HPDF_XrefEntry)list->obj[i])->obj != t->writer)
				list->obj[k++] = list->obj[i];
		list->count = k;
		free(t->entries);
	}
	if (t->writer)
		HPDF_Dict_Free(t->writer);
	for (size_t i = 0; i < t->nextras; i++)
		for (int k = 0; k < 3; k++)
			free(t->extras[i].text[k]);
	for (size_t i = 0; i < t->npages; i++)
		free(t->pages[i].mcids);
	free(t->elems);
	free(t->kids);
	free(t->extras);
	free(t->pages);
	free(t->annots);
	free(t->keys);
	free(t);
}

static int new_key(struct hpdf_tag *t, uint32_t value)
{
	if (grow_array(&t->keys, &t->keys_cap, t->nkeys + 1, sizeof *t->keys) < 0)
		return -1;
	t->keys[t->nkeys] = value;
	return (int)t->nkeys++;
}

int hpdf_tag_page(struct hpdf_tag *t, HPDF_Page page)
{
	int key;

	if (t->npages >= KID_MAX ||
	    grow_array(&t->pages, &t->pages_cap, t->npages + 1, sizeof *t->pages) < 0 ||
	    (key = new_key(t, KID(KID_MCID, t->npages))) < 0 ||
	    HPDF_Dict_AddNumber(page, "StructParents", key) != HPDF_OK)
		return -1;
	t->pages[t->npages] = (struct tag_page){ page, NULL, 0, 0 };
	return (int)t->npages++;
}

/* Append a kid record to el's kids.  0 or -1. */
static int push_kid(struct hpdf_tag *t, struct tag_elem *el, uint32_t value, uint32_t page)
{
	if (t->nkids >= KID_MAX ||
	    grow_array(&t->kids, &t->kids_cap, t->nkids + 1, sizeof *t->kids) < 0)
		return -1;
	t->kids[t->nkids] = (struct tag_kid){ 0, value, page };
	if (el->last)
		t->kids[el->last - 1].next = (uint32_t)t->nkids + 1;
	else
		el->first = (uint32_t)t->nkids + 1;
	el->last = (uint32_t)++t->nkids;
	return 0;
}

/* Append kid value (and its page) to element e's kids: kept in the
 * element while it is its only kid, an MCID.  0 or -1. */
static int add_kid(struct hpdf_tag *t, hpdf_tag_id e, uint32_t value, uint32_t page)
{
	struct tag_elem *el = &t->elems[e - 1];

	if (!el->first && value >> 30 == KID_MCID) {
		el->first = ONE_MCID | (value & KID_MAX);
		return 0;
	}
	if (el->first & ONE_MCID) { /* a second kid: the first becomes a record */
		uint32_t mcid = el->first & KID_MAX;
		el->first = 0;
		if (push_kid(t, el, KID(KID_MCID, mcid), el->page - 1))
			return -1;
	}
	return push_kid(t, el, value, page);
}

/* The index of type in types (added when new), or -1. */
static int type_index(struct hpdf_tag *t, const char *type)
{
	for (int i = 0; i < t->ntypes; i++)
		if (t->types[i] == type || !strcmp(t->types[i], type))
			return i;
	if (t->ntypes == (int)(sizeof t->types / sizeof *t->types)) /* 6 bits */
		return -1;
	t->types[t->ntypes] = type;
	return t->ntypes++;
}

hpdf_tag_id hpdf_tag_elem(struct hpdf_tag *t, hpdf_tag_id parent, const char *type)
{
	int ty = type_index(t, type);
	hpdf_tag_id id;

	if (ty < 0 || t->nelems >= KID_MAX ||
	    grow_array(&t->elems, &t->elems_cap, t->nelems + 1, sizeof *t->elems) < 0)
		return 0;
	t->elems[t->nelems] = (struct tag_elem){ 0, 0, 0, 0, (uint32_t)ty << 26 };
	id = (hpdf_tag_id)++t->nelems;
	if (id == 1) /* the Document, the root's kid */
		return id;
	parent = parent ? parent : 1;
	t->elems[id - 1].parent = parent;
	return add_kid(t, parent, KID(KID_ELEM, id), 0) ? 0 : id;
}

void hpdf_tag_retype(struct hpdf_tag *t, hpdf_tag_id e, const char *type)
{
	int ty = type_index(t, type);

	if (ty >= 0)
		t->elems[e - 1].type_extra = (uint32_t)ty << 26 | EXTRA_OF(&t->elems[e - 1]);
}

/* Element e's extra record, made on first use; NULL when out of memory. */
static struct tag_extra *extra(struct hpdf_tag *t, hpdf_tag_id e)
{
	struct tag_elem *el = &t->elems[e - 1];

	if (!EXTRA_OF(el)) {
		if (t->nextras >= EXTRAS_MAX ||
		    grow_array(&t->extras, &t->extras_cap, t->nextras + 1, sizeof *t->extras) < 0)
			return NULL;
		memset(&t->extras[t->nextras], 0, sizeof *t->extras);
		el->type_extra |= (uint32_t)++t->nextras;
	}
	return &t->extras[EXTRA_OF(el) - 1];
}

int hpdf_tag_text(struct hpdf_tag *t, hpdf_tag_id e, const char *key, const char *s)
{
	struct tag_extra *x = extra(t, e);
	int k = 0;
	char *copy;

	while (k < 2 && strcmp(TEXT_KEYS[k], key))
		k++;
	if (!x || !(copy = strdup(s)))
		return -1;
	free(x->text[k]);
	x->text[k] = copy;
	return 0;
}

int hpdf_tag_attr(struct hpdf_tag *t, hpdf_tag_id e, const char *owner, const char *key,
		  const char *value)
{
	struct tag_extra *x = extra(t, e);

	if (!x)
		return -1;
	x->attr[0] = owner, x->attr[1] = key, x->attr[2] = value;
	return 0;
}

int hpdf_tag_bbox(struct hpdf_tag *t, hpdf_tag_id e, double x0, double y0, double x1,
		  double y1)
{
	struct tag_extra *x = extra(t, e);

	if (!x)
		return -1;
	x->bbox[0] = x0, x->bbox[1] = y0, x->bbox[2] = x1, x->bbox[3] = y1;
	x->has_bbox = 1;
	return 0;
}

int hpdf_tag_begin(struct hpdf_tag *t, int page, hpdf_tag_id e)
{
	struct tag_page *p = &t->pages[page];
	struct tag_elem *el = &t->elems[e - 1];
	uint32_t mcid = (uint32_t)p->n;
	char op[96];

	if (!between_objects(p->page) || mcid >= KID_MAX ||
	    grow_array(&p->mcids, &p->cap, p->n + 1, sizeof *p->mcids) < 0)
		return -1;
	if (!el->page)
		el->page = (uint32_t)page + 1;
	if (add_kid(t, e, KID(el->page == (uint32_t)page + 1 ? KID_MCID : KID_MCR, mcid),
		    (uint32_t)page))
		return -1;
	p->mcids[p->n++] = e;
	snprintf(op, sizeof op, "/%.60s<</MCID %u>>BDC\n", t->types[TYPE_OF(el)], mcid);
	return HPDF_Stream_WriteStr(page_stream(p->page), op) == HPDF_OK ? 0 : -1;
}

int hpdf_tag_artifact(struct hpdf_tag *t, int page, const char *type, const char *subtype)
{
	HPDF_Page pg = t->pages[page].page;
	char op[96];

	if (!between_objects(pg))
		return -1;
	if (!type)
		snprintf(op, sizeof op, "/Artifact BMC\n");
	else if (!subtype)
		snprintf(op, sizeof op, "/Artifact <</Type /%.20s>> BDC\n", type);
	else
		snprintf(op, sizeof op, "/Artifact <</Type /%.20s /Subtype /%.20s>> BDC\n", type,
			 subtype);
	return HPDF_Stream_WriteStr(page_stream(pg), op) == HPDF_OK ? 0 : -1;
}

void hpdf_tag_end(struct hpdf_tag *t, int page)
{
	HPDF_Stream_WriteStr(page_stream(t->pages[page].page), "EMC\n");
}

int hpdf_tag_annot(struct hpdf_tag *t, int page, hpdf_tag_id e, HPDF_Annotation a)
{
	uint32_t i = (uint32_t)t->nannots;
	int key;

	if (i >= KID_MAX ||
	    grow_array(&t->annots, &t->annots_cap, t->nannots + 1, sizeof *t->annots) < 0 ||
	    (key = new_key(t, KID(KID_OBJR, i))) < 0)
		return -1;
	t->annots[t->nannots++] = (struct tag_annot){ a, e };
	if (add_kid(t, e, KID(KID_OBJR, i), (uint32_t)page) ||
	    HPDF_Dict_AddNumber(a, "StructParent", key) != HPDF_OK ||
	    HPDF_Dict_AddName(t->pages[page].page, "Tabs", "S") != HPDF_OK)
		return -1;
	return 0;
}

HPDF_Dict hpdf_tag_slot(HPDF_Page page)
{
	HPDF_PageAttr a = page->attr;
	HPDF_Dict slot = a->contents;

	/* a new stream is the slot, another takes what follows; on a page
	 * with nothing drawn yet its first stream is the slot.  Each gets a
	 * newline: libharu deflates an empty stream to no bytes at all, which
	 * is no deflate data (MuPDF: "premature end of data in flate filter",
	 * Ghostscript: ioerror) */
	if ((a->stream->size && HPDF_Page_New_Content_Stream(page, &slot) != HPDF_OK) ||
	    HPDF_Stream_WriteStr(slot->stream, "\n") != HPDF_OK ||
	    HPDF_Page_New_Content_Stream(page, NULL) != HPDF_OK ||
	    HPDF_Stream_WriteStr(a->stream, "\n") != HPDF_OK)
		return NULL;
	return slot;
}

void hpdf_tag_slot_enter(HPDF_Page page, HPDF_Dict slot, struct hpdf_tag_saved *sv)
{
	HPDF_PageAttr a = page->attr;

	sv->contents = a->contents, sv->stream = a->stream;
	a->contents = slot, a->stream = slot->stream;
	HPDF_Page_GSave(page);
}

void hpdf_tag_slot_leave(HPDF_Page page, const struct hpdf_tag_saved *sv)
{
	HPDF_PageAttr a = page->attr;

	HPDF_Page_GRestore(page);
	a->contents = sv->contents, a->stream = sv->stream;
}

int hpdf_tag_finish(struct hpdf_tag *t)
{
	HPDF_List list = t->pdf->xref->entries;
	size_t n = t->nelems;
	void **obj;

	if (t->entries || !n || list->count + n > HPDF_LIMIT_MAX_XREF_ELEMENT ||
	    !(t->entries = calloc(n, sizeof *t->entries)))
		return -1;
	if (list->count + n > list->block_siz) { /* room for all at once */
		if (!(obj = HPDF_GetMem(list->mmgr, (HPDF_UINT)((list->count + n) * sizeof *obj))))
			return -1;
		memcpy(obj, list->obj, list->count * sizeof *obj);
		HPDF_FreeMem(list->mmgr, list->obj);
		list->obj = obj;
		list->block_siz = (HPDF_UINT)(list->count + n);
	}
	t->first_obj = t->pdf->xref->start_offset + list->count;
	for (size_t i = 0; i < n; i++) {
		t->entries[i].entry_typ = HPDF_IN_USE_ENTRY;
		t->entries[i].obj = t->writer;
		list->obj[list->count++] = &t->entries[i];
	}
	t->cursor = 0;
	return 0;
}
