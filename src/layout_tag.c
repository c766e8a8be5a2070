/* layout_tag — the structure tree as the layout builds it (tagged PDF in
 * the PDF/UA-1 model, through hpdf_tag.h), below layout_page (see
 * layout_int.h).
 *
 * The block files say what the text drawn next is: an element they made
 * (lay_tag_block, lay_tag_use) or an artifact (lay_tag_artifact).  The
 * drawing primitives then mark what they paint: text inside its text
 * object (lay_mark_text: a sequence opened after BT closes before ET, so a
 * line can switch to a link and back), paths between text objects as
 * artifacts (lay_mark_path: every path the layout draws — rules, stripes,
 * backgrounds, leaders — is decoration; charts mark their own, in
 * render_pdf).  A sequence stays open while what is drawn belongs to the
 * same element, so a paragraph's lines are one MCID per page; it closes
 * when the element changes, at a new page, and before a text object that
 * may switch inside. */
#include <string.h>

#include "hpdf_tag.h"
#include "layout_int.h"

int lay_tag_start(struct lay *L)
{
	L->tags.tree = hpdf_tag_new(L->pdf, lay_lang(L)->code);
	if (!L->tags.tree)
		L->oom = 1;
	return L->tags.tree ? 0 : -1;
}

void lay_tag_free(struct lay *L)
{
	hpdf_tag_free(L->tags.tree);
	L->tags.tree = NULL;
}

int lay_tag_page(struct lay *L, HPDF_Page page)
{
	if (hpdf_tag_page(L->tags.tree, page) != (int)L->pages.n - 1) {
		L->oom = 1;
		return -1;
	}
	return 0;
}

hpdf_tag_id lay_tag_elem(struct lay *L, hpdf_tag_id parent, const char *type)
{
	hpdf_tag_id e = hpdf_tag_elem(L->tags.tree, parent, type);

	if (!e) /* memory is the only way it fails */
		L->oom = 1;
	return e;
}

hpdf_tag_id lay_tag_block(struct lay *L, const char *type)
{
	hpdf_tag_id e = lay_tag_elem(L, 0, type);

	lay_tag_use(L, e);
	return e;
}

void lay_tag_use(struct lay *L, hpdf_tag_id elem)
{
	L->tags.cur = elem;
	L->tags.inl = 0;
	L->tags.inl_run = NULL;
}

void lay_tag_artifact(struct lay *L, const char *type, const char *subtype)
{
	lay_tag_use(L, 0);
	L->tags.art[0] = type;
	L->tags.art[1] = subtype;
}

void lay_tag_set(struct lay *L, hpdf_tag_id elem, const char *key, const char *value)
{
	if (elem && hpdf_tag_text(L->tags.tree, elem, key, value))
		L->oom = 1;
}

void lay_tag_attr(struct lay *L, hpdf_tag_id elem, const char *owner, const char *key,
		  const char *value)
{
	if (elem && hpdf_tag_attr(L->tags.tree, elem, owner, key, value))
		L->oom = 1;
}

void lay_tag_bbox(struct lay *L, hpdf_tag_id elem, double x0, double y0, double x1, double y1)
{
	if (elem && hpdf_tag_bbox(L->tags.tree, elem, x0, y0, x1, y1))
		L->oom = 1;
}

void lay_mark_close(struct lay *L)
{
	struct lay_tags *T = &L->tags;

	if (T->open)
		hpdf_tag_end(T->tree, (int)T->open_page);
	T->open = 0;
}

/* Open what elem (NULL: the artifact of kind art) needs on the current
 * page, closing what was open unless it is that already. */
static void mark(struct lay *L, hpdf_tag_id elem, const char *const art[2])
{
	struct lay_tags *T = &L->tags;
	int same = T->open && T->open_page == L->page_no &&
		   (elem ? T->open == 1 && T->open_elem == elem
			 : T->open == 2 && T->open_art[0] == art[0] && T->open_art[1] == art[1]);
	int rc;

	if (same)
		return;
	lay_mark_close(L);
	rc = elem ? hpdf_tag_begin(T->tree, (int)L->page_no, elem)
		  : hpdf_tag_artifact(T->tree, (int)L->page_no, art[0], art[1]);
	if (rc) { /* out of memory, or a path open: a bug of ours */
		if (!L->err)
			L->err = HPDF_FAILD_TO_ALLOC_MEM;
		return;
	}
	T->open = elem ? 1 : 2;
	T->open_elem = elem;
	T->open_art[0] = art ? art[0] : NULL;
	T->open_art[1] = art ? art[1] : NULL;
	T->open_page = L->page_no;
	T->open_in_text = T->in_text;
}

void lay_mark_text(struct lay *L, hpdf_tag_id elem)
{
	mark(L, elem, L->tags.art);
}

void lay_mark_path(struct lay *L)
{
	static const char *const plain[2] = { NULL, NULL };

	if (L->tags.in_text)
		return; /* no path inside a text object */
	mark(L, 0, L->tags.cur ? plain : L->tags.art);
}

void lay_mark_text_begin(struct lay *L)
{
	lay_mark_close(L);
	L->tags.in_text = 1;
}

void lay_mark_text_end(struct lay *L)
{
	if (L->tags.open && L->tags.open_in_text)
		lay_mark_close(L);
	L->tags.in_text = 0;
}

/* Runs i and j (i before j, adjacent) belong to one link or one span. */
static int same_inline(const struct run *a, const struct run *b)
{
	if (a->href || b->href)
		return a->href && b->href && !strcmp(a->href, b->href);
	return a->lang && b->lang && !strcmp(a->lang, b->lang);
}

hpdf_tag_id lay_tag_inline(struct lay *L, const struct inlines *in, size_t run)
{
	struct lay_tags *T = &L->tags;
	const struct run *r = &in->runs[run];
	hpdf_tag_id e;

	if (!T->cur || (!r->href && !r->lang))
		return T->cur;
	if (T->inl && T->inl_run && T->inl_in == in && T->inl_run <= r &&
	    (T->inl_run == r || (T->inl_run + 1 == r && same_inline(T->inl_run, r)))) {
		T->inl_run = r;
		return T->inl;
	}
	/* made when its text starts, so the block's kids stay in reading order */
	e = lay_tag_elem(L, T->cur, r->href ? "Link" : "Span");
	if (e && !r->href)
		lay_tag_set(L, e, "Lang", r->lang);
	T->inl = e, T->inl_run = r, T->inl_in = in;
	return e ? e : T->cur;
}

void lay_tag_retype(struct lay *L, hpdf_tag_id elem, const char *type)
{
	if (elem)
		hpdf_tag_retype(L->tags.tree, elem, type);
}

void lay_tag_link(struct lay *L, size_t page, hpdf_tag_id elem, HPDF_Annotation a)
{
	if (elem && hpdf_tag_annot(L->tags.tree, (int)page, elem, a))
		L->oom = 1;
}

HPDF_Dict lay_tag_slot(struct lay *L)
{
	HPDF_Dict slot;

	lay_mark_close(L);
	slot = hpdf_tag_slot(L->page);
	if (!slot && !L->err)
		L->err = HPDF_FAILD_TO_ALLOC_MEM;
	return slot;
}

void lay_tag_slot_enter(struct lay *L, HPDF_Dict slot)
{
	lay_mark_close(L);
	hpdf_tag_slot_enter(L->page, slot, &L->tags.saved);
}

void lay_tag_slot_leave(struct lay *L)
{
	lay_mark_close(L);
	hpdf_tag_slot_leave(L->page, &L->tags.saved);
}

int lay_tag_finish(struct lay *L)
{
	if (hpdf_tag_finish(L->tags.tree))
		L->oom = 1;
	return L->oom || L->err ? -1 : 0;
}
