/* data_pipe — worker threads for one large file.  SHA-256 is sequential
 * and the file is read once, so one thread (the caller's) reads it: read(),
 * hash, inflate and convert (data_source.c), and cut
 * the text into chunks of whole records, which worker threads parse,
 * each chunk with a context of its own, as if a file began there after the
 * header.  A record ends at a '\n' outside quotes: RFC 4180 quotes toggle
 * (an escaped "" toggles twice), so the parity of the quotes seen since the
 * last cut says where; libcsv in strict mode agrees with that parity up to
 * the first syntax error, which is then inside a chunk cut right and found
 * there.  The reading thread merges the chunks' results in chunk order
 * (merge_chunk()), which gives what one pass would: groups and sources in
 * first-seen order, kept rows in file order, exact sums (the sum of short
 * decimals does not depend on the order; see struct data_acc), line numbers
 * shifted by the lines before the chunk; the first error of the file, at
 * its line and column in the file.  A fixed number of chunk buffers is in
 * flight, so memory stays bounded.
 *
 * What cannot be made identical is read again in one thread (the file is
 * then read twice; rare): sums that are not exact (double sums depend on
 * the order), an error whose report depends on what came before (a sum's
 * overflow), or found near a line the one-thread reader would have fed in
 * pieces (lines of DATA_CHUNK bytes or more), or after the reading thread
 * had to go on alone (a record longer than a chunk).  See data_run_opts().
 */
#include "data_int.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "grow.h"

enum slot_state { SLOT_FREE, SLOT_FILLING, SLOT_QUEUED, SLOT_DONE };

/* A chunk buffer and the context that parses it. */
struct chunk_slot {
	char *buf;             /* cap bytes */
	size_t len;            /* bytes read into buf */
	size_t cut;            /* the chunk: whole records buf[0..cut) */
	unsigned long seq;     /* chunk number: merge order */
	enum slot_state state; /* under the pipe's mutex */
	struct data_ctx c;     /* the worker's context for this chunk */
	struct diag d;         /* its error, lines counted from the chunk's start */
};

/* The worker threads and their chunks. */
struct chunk_pipe {
	const struct data_ctx *c0; /* the header and the queries (read-only) */
	struct chunk_slot *slots;
	size_t nslots;         /* workers + 2: one filling, one waiting to merge */
	size_t cap;            /* bytes per chunk buffer */
	size_t *queue;         /* ring of slots waiting for a worker, in order */
	size_t qhead, qlen;
	pthread_mutex_t mu;
	pthread_cond_t work;   /* a chunk is queued, or stop */
	pthread_cond_t done;   /* a chunk is parsed */
	int sync;              /* mu and the conditions are initialised */
	pthread_t *tids;
	size_t nthreads;       /* started */
	int stop;              /* workers: exit (queued chunks are dropped) */
	unsigned long next_seq;  /* chunks queued */
	unsigned long merge_seq; /* chunks merged (the next to merge) */
};

/* Feed c the complete lines s[0..n) (n is just past a '\n'), at most
 * DATA_CHUNK bytes at a time as the one-thread reader does: each piece
 * ends at a '\n'.  A line of DATA_CHUNK bytes or more goes whole, where one
 * thread would have fed it in pieces: c->redo. */
static void feed_span(struct data_ctx *c, const char *s, size_t n)
{
	size_t p = 0;

	while (p < n && !c->failed) {
		size_t want = n - p < DATA_CHUNK ? n - p : DATA_CHUNK, e;
		const char *nl = memrchr(s + p, '\n', want);

		if (!nl) {
			c->redo = 1;
			nl = memchr(s + p + want, '\n', n - p - want);
		}
		e = nl ? (size_t)(nl - s) + 1 : n;
		data_feed_lines(c, s + p, e - p);
		p = e;
	}
}

/* Where to cut s[0..n), which starts outside quotes and holds an odd
 * number of quotes when `odd`: just past its last '\n' outside quotes,
 * found backwards from the end; 0 when there is none. */
static size_t record_cut(const char *s, size_t n, int odd)
{
	for (size_t i = n; i > 0; i--) {
		if (s[i - 1] == '"')
			odd ^= 1;
		else if (s[i - 1] == '\n' && !odd)
			return i;
	}
	return 0;
}

/* Set up a chunk's context: c0's header, columns and query plans. */
static int chunk_ctx_init(struct data_ctx *c, const struct data_ctx *c0, struct diag *d)
{
	if (data_ctx_init(c, c0->path, c0->qs, c0->nq, d) < 0)
		return -1;
	for (size_t i = 0; i < c->nq; i++)
		c->qst[i].res = &c->qst[i].part;
	if (!(c->hdr.names = calloc(c0->hdr.ncols + 1, sizeof *c->hdr.names)))
		return -1;
	c->hdr.names_cap = c0->hdr.ncols + 1;
	for (; c->hdr.nnames < c0->hdr.ncols; c->hdr.nnames++)
		if (!(c->hdr.names[c->hdr.nnames] = strdup(c0->hdr.names[c->hdr.nnames])))
			return -1;
	c->hdr.ncols = c->hdr.nnames;
	c->chunk = 1;
	data_text_copy(c, c0); /* the delimiter, decimal comma, ragged: pad */
	data_setup_columns(c);
	return c->failed || !c->hdr.done ? -1 : 0;
}

/* Ready a chunk's context for its slot's next chunk, its results merged:
 * results go and the touched groups' accumulators are zeroed; the header,
 * the query plans, the column dictionaries, the groups and the sources
 * (with their ids, and the groups' indices in c0) stay, so that a chunk
 * neither copies nor hashes every label anew, and merging one is mostly
 * array lookups. */
static void chunk_ctx_reset(struct data_ctx *c)
{
	for (size_t i = 0; i < c->nq; i++) {
		struct data_qstate *s = &c->qst[i];
		struct query_result *r = &s->part;

		for (size_t k = 0; k < s->norder; k++)
			memset(&s->acc[s->order[k]], 0, sizeof *s->acc);
		s->norder = 0;
		s->vdates = 0;
		s->fast = data_qstate_fast(s);
		data_defer_reset(s->defer);
		if (s->src_seen)
			memset(s->src_seen, 0, s->seen_cap);
		s->nsrc = 0;
		for (size_t k = 0; r->cells && k < r->nrows * c->qs[i]->ncolumns; k++)
			free(r->cells[k]);
		free(r->cells);
		free(r->lines);
		memset(r, 0, sizeof *r);
		s->rows_cap = 0;
	}
	c->rows_read = 0;
	c->loc.line = c->loc.base_line = c->loc.row_line = 1;
	c->loc.at_line_start = 1;
	c->loc.rb_len = 0;
	c->loc.rb_lost = 0;
	c->loc.row_skip = 0;
	c->bytes = 0;
	c->redo = 0;
}

/* A worker: parse queued chunks, in the order queued, until told to stop. */
static void *worker_main(void *arg)
{
	struct chunk_pipe *pp = arg;

	for (;;) {
		struct chunk_slot *sl;

		pthread_mutex_lock(&pp->mu);
		while (!pp->stop && pp->qlen == 0)
			pthread_cond_wait(&pp->work, &pp->mu);
		if (pp->stop) {
			pthread_mutex_unlock(&pp->mu);
			return NULL;
		}
		sl = &pp->slots[pp->queue[pp->qhead]];
		pp->qhead = (pp->qhead + 1) % pp->nslots;
		pp->qlen--;
		pthread_mutex_unlock(&pp->mu);

		memset(&sl->d, 0, sizeof sl->d);
		if (!sl->c.hdr.done && chunk_ctx_init(&sl->c, pp->c0, &sl->d) < 0)
			data_oom(&sl->c);
		else
			feed_span(&sl->c, sl->buf, sl->cut);

		pthread_mutex_lock(&pp->mu);
		sl->state = SLOT_DONE;
		pthread_cond_signal(&pp->done);
		pthread_mutex_unlock(&pp->mu);
	}
}

/* Stop the workers (a chunk being parsed is finished first) and wait. */
static void pipe_stop(struct chunk_pipe *pp)
{
	if (!pp->sync)
		return;
	pthread_mutex_lock(&pp->mu);
	pp->stop = 1;
	pthread_cond_broadcast(&pp->work);
	pthread_mutex_unlock(&pp->mu);
	for (size_t i = 0; i < pp->nthreads; i++)
		pthread_join(pp->tids[i], NULL);
	pp->nthreads = 0;
}

static void pipe_free(struct chunk_pipe *pp)
{
	pipe_stop(pp);
	for (size_t i = 0; pp->slots && i < pp->nslots; i++) {
		data_ctx_free(&pp->slots[i].c);
		free(pp->slots[i].buf);
	}
	free(pp->slots);
	free(pp->queue);
	free(pp->tids);
	if (pp->sync) {
		pthread_mutex_destroy(&pp->mu);
		pthread_cond_destroy(&pp->work);
		pthread_cond_destroy(&pp->done);
	}
	memset(pp, 0, sizeof *pp);
}

/* Buffers and workers threads: -1 when not even one thread could start
 * (then the caller reads on alone; pp is freeable either way). */
static int pipe_start(struct chunk_pipe *pp, const struct data_ctx *c0, size_t workers,
		      size_t cap)
{
	memset(pp, 0, sizeof *pp);
	pp->c0 = c0;
	pp->cap = cap;
	pp->nslots = workers + 2;
	if (pthread_mutex_init(&pp->mu, NULL) != 0)
		return -1;
	if (pthread_cond_init(&pp->work, NULL) != 0) {
		pthread_mutex_destroy(&pp->mu);
		return -1;
	}
	if (pthread_cond_init(&pp->done, NULL) != 0) {
		pthread_cond_destroy(&pp->work);
		pthread_mutex_destroy(&pp->mu);
		return -1;
	}
	pp->sync = 1;
	pp->slots = calloc(pp->nslots, sizeof *pp->slots);
	pp->queue = calloc(pp->nslots, sizeof *pp->queue);
	pp->tids = calloc(workers, sizeof *pp->tids);
	if (!pp->slots || !pp->queue || !pp->tids)
		return -1;
	for (size_t i = 0; i < pp->nslots; i++)
		if (!(pp->slots[i].buf = malloc(cap)))
			return -1;
	while (pp->nthreads < workers &&
	       pthread_create(&pp->tids[pp->nthreads], NULL, worker_main, pp) == 0)
		pp->nthreads++;
	return pp->nthreads ? 0 : -1;
}

/* Hand chunk sl (buf[0..cut)) to the workers. */
static void pipe_queue(struct chunk_pipe *pp, struct chunk_slot *sl)
{
	pthread_mutex_lock(&pp->mu);
	sl->seq = pp->next_seq++;
	sl->state = SLOT_QUEUED;
	pp->queue[(pp->qhead + pp->qlen) % pp->nslots] = (size_t)(sl - pp->slots);
	pp->qlen++;
	pthread_cond_signal(&pp->work);
	pthread_mutex_unlock(&pp->mu);
}

/* Whether every accumulator of c still has its exact sum. */
int data_all_exact(const struct data_ctx *c)
{
	for (size_t i = 0; i < c->nq; i++) {
		for (size_t g = 0; c->qst[i].acc && g < c->qst[i].groups.n; g++)
			if (c->qst[i].acc[g].inexact)
				return 0;
		if (!data_defer_exact(&c->qst[i]))
			return 0;
	}
	return 1;
}

/* Whether the chunk's query s1 has numbers in its value column where s0
 * has dates, or the other way round: a mix one thread reports at its cell
 * (the chunk alone could not see it). */
static int values_mixed(const struct data_qstate *s0, const struct data_qstate *s1)
{
	if (s0->vdates == s1->vdates)
		return 0;
	return s0->vdates ? data_numbers_seen(s1) : data_numbers_seen(s0);
}

/* Append a chunk's results (c1) to those of everything before it (c0),
 * lines shifted by off; *inexact is set when a sum it merged is not exact
 * (only the groups the chunk touched are looked at).  -1 on OOM,
 * DATA_REDO when the chunk's values or latest columns mix dates and
 * numbers with what came before. */
static int merge_chunk(struct data_ctx *c0, struct data_ctx *c1, long off, int *inexact)
{
	if (data_latest_merge(c0, c1) != 0)
		return DATA_REDO;
	c0->rows_read += c1->rows_read;
	for (size_t i = 0; i < c0->nq; i++) {
		struct data_qstate *s0 = &c0->qst[i], *s1 = &c1->qst[i];
		struct query_result *r0 = s0->res, *r1 = s1->res;
		const struct query *q = s0->q;
		int added;

		if (values_mixed(s0, s1))
			return DATA_REDO;
		s0->vdates |= s1->vdates;
		r0->rows_matched += r1->rows_matched;
		r0->illustrative |= r1->illustrative;
		for (size_t k = 0; k < s1->nsrc; k++) {
			const struct strset_ent *e = &c1->src.set.ents[s1->src_order[k]];
			long id = strset_add(&c0->src.set, e->key, e->len, &added);

			if (id < 0 ||
			    grow_array(&c0->src.illus, &c0->src.illus_cap, (size_t)id + 1, 1) < 0)
				return -1;
			if (added)
				c0->src.illus[id] = c1->src.illus[s1->src_order[k]];
			data_note_source_id(c0, s0, id);
			if (c0->failed)
				return -1;
		}
		for (size_t k = 0; k < s1->norder; k++) {
			size_t g = s1->order[k];
			struct data_acc a = s1->acc[g];
			long g0;

			if (g < s1->g0_cap && s1->g0[g]) {
				g0 = (long)s1->g0[g] - 1;
				added = 0;
			} else {
				const struct strset_ent *e = &s1->groups.ents[g];

				g0 = strset_add(&s0->groups, e->key, e->len, &added);
				if (g0 < 0 || grow_array_zero(&s1->g0, &s1->g0_cap, g + 1,
							     sizeof *s1->g0) < 0)
					return -1;
				s1->g0[g] = (size_t)g0 + 1;
			}
			if (grow_array(&s0->acc, &s0->acc_cap, (size_t)g0 + 1, sizeof *s0->acc) < 0)
				return -1;
			a.line += off;
			if (added)
				s0->acc[g0] = a;
			else
				data_acc_merge(&s0->acc[g0], &a);
			*inexact |= s0->acc[g0].inexact;
		}
		if (s0->defer) {
			if (data_defer_merge(c0, s0, c1, s1, off) < 0)
				return -1;
			*inexact |= !data_defer_exact(s0);
			continue;
		}
		if (q->mode == QUERY_ROWS && r1->nrows) {
			size_t nc = q->ncolumns, keep = r1->nrows, cap = s0->rows_cap;

			if (q->max_rows && r0->nrows + keep > q->max_rows)
				keep = q->max_rows > r0->nrows ? q->max_rows - r0->nrows : 0;
			if (grow_array(&r0->lines, &cap, r0->nrows + keep + 1, sizeof *r0->lines) < 0)
				return -1;
			if (cap != s0->rows_cap) {
				char **cells = realloc(r0->cells, (cap * nc + 1) * sizeof *cells);

				if (!cells)
					return -1;
				r0->cells = cells;
				s0->rows_cap = cap;
			}
			for (size_t k = 0; k < keep; k++) {
				memcpy(&r0->cells[(r0->nrows + k) * nc], &r1->cells[k * nc],
				       nc * sizeof *r1->cells);
				r0->lines[r0->nrows + k] = r1->lines[k] + off;
			}
			for (size_t k = keep * nc; k < r1->nrows * nc; k++)
				free(r1->cells[k]);
			r0->nrows += keep;
			r1->nrows = 0;
		}
	}
	return 0;
}

/* Whether a chunk's error may come after one that only its merge into c0
 * would show: a column compared with latest, or a value column, mixing
 * dates with numbers across the two (the chunk alone saw one kind, maybe
 * on the very row it failed at). */
static int error_may_be_later(const struct data_ctx *c0, const struct data_ctx *c)
{
	if (c0->nlat)
		return 1;
	for (size_t i = 0; i < c0->nq; i++)
		if (c0->qst[i].vdates || (c->qst && c->qst[i].vdates))
			return 1;
	return 0;
}

/* Merge a parsed chunk into c0 (whose line is where the chunk starts):
 * 0 (the chunk's context is ready for the slot's next chunk); -1 with c0
 * failed (the chunk's error, at its line in the file); DATA_REDO. */
static int pipe_merge(struct data_ctx *c0, struct chunk_slot *sl)
{
	struct data_ctx *c = &sl->c;
	long off = c0->loc.line - 1;
	int rc = 0, inexact = 0;

	if (c->failed && (c->redo || error_may_be_later(c0, c))) {
		rc = DATA_REDO;
	} else if (c->failed) {
		*c0->d = sl->d;
		if (c0->d->line > 0)
			c0->d->line += (int)off;
		c0->failed = 1;
		rc = -1;
	} else if ((rc = merge_chunk(c0, c, off, &inexact)) != 0) {
		if (rc < 0)
			data_oom(c0);
	} else if (inexact) {
		/* a sum not kept exactly (in the chunk, or its exact sum overflowed
		 * in c0): double sums in chunk order are not one thread's */
		rc = DATA_REDO;
	} else {
		c0->loc.line += c->loc.line - 1;
		chunk_ctx_reset(c);
		return 0;
	}
	data_ctx_free(c); /* the pipe stops */
	memset(c, 0, sizeof *c);
	return rc;
}

/* The parsed chunk that is next in order, or NULL (under the mutex). */
static struct chunk_slot *pipe_next_done(struct chunk_pipe *pp)
{
	for (size_t i = 0; i < pp->nslots; i++)
		if (pp->slots[i].state == SLOT_DONE && pp->slots[i].seq == pp->merge_seq)
			return &pp->slots[i];
	return NULL;
}

/* Merge parsed chunks in order; with `all`, until every queued chunk is
 * merged, else until a slot is free, which is returned (as filling).
 * Stops at an error or a redo (*rc; NULL is returned then). */
static struct chunk_slot *pipe_wait(struct chunk_pipe *pp, struct data_ctx *c0, int all,
				    int *rc)
{
	struct chunk_slot *sl = NULL;

	pthread_mutex_lock(&pp->mu);
	for (;;) {
		struct chunk_slot *m;

		while (*rc == 0 && (m = pipe_next_done(pp)) != NULL) {
			pthread_mutex_unlock(&pp->mu);
			*rc = pipe_merge(c0, m);
			pthread_mutex_lock(&pp->mu);
			m->state = SLOT_FREE;
			pp->merge_seq++;
		}
		if (*rc != 0 || (all && pp->merge_seq == pp->next_seq))
			break;
		for (size_t i = 0; !all && !sl && i < pp->nslots; i++)
			if (pp->slots[i].state == SLOT_FREE)
				sl = &pp->slots[i];
		if (sl) {
			sl->state = SLOT_FILLING;
			break;
		}
		pthread_cond_wait(&pp->done, &pp->mu);
	}
	pthread_mutex_unlock(&pp->mu);
	return sl;
}

/* Read into sl after its first sl->len bytes until it is full (the
 * file's text: data_source.c hashes what it reads as stored), counting its
 * quotes into *quotes.  1 at the end of the file, 0 when
 * full, -1 on a read error (c0 failed). */
static int pipe_fill(struct data_ctx *c0, struct data_reader *rd, struct chunk_slot *sl,
		     size_t cap, size_t *quotes, const struct data_options *o,
		     long long size)
{
	while (sl->len < cap) {
		size_t want = cap - sl->len < DATA_CHUNK ? cap - sl->len : DATA_CHUNK;
		ssize_t r = data_source_read(c0, rd->src, sl->buf + sl->len, want);

		if (r < 0)
			return -1;
		if (r == 0)
			return 1;
		*quotes += data_count_byte(sl->buf + sl->len, (size_t)r, '"');
		sl->len += (size_t)r;
		data_report(o, c0, size);
	}
	return 0;
}

/* c0 reads on alone from s[0..n), the rest of the file from a record start
 * on: all of it at the end of the file; else (a record longer than a chunk)
 * the bytes rd reads next follow, and from here reads are not cut where one
 * thread cuts them: c0->redo. */
static void pipe_rest(struct data_ctx *c0, struct data_reader *rd, const char *s,
		      size_t n, int eof)
{
	const char *nl = memrchr(s, '\n', n);
	size_t p0 = nl ? (size_t)(nl - s) + 1 : 0, rest = n - p0, k;

	feed_span(c0, s, p0);
	if (c0->failed)
		return;
	if (eof) {
		if (rest >= DATA_CHUNK)
			c0->redo = 1;
		if (rest)
			data_feed(c0, s + p0, rest, 0);
		rd->done = 1;
		return;
	}
	c0->redo = 1;
	k = data_utf8_cut(s + p0, rest);
	if (k)
		data_feed(c0, s + p0, k, 0);
	memcpy(rd->buf, s + p0 + k, rest - k);
	rd->have = rest - k;
}

/* Read the rest of the file (from rd->buf[0..rd->have), at a record start)
 * with `workers` threads parsing chunks of cap bytes; see above.  Returns
 * 0 (c0 failed on an error; rd->done unless c0 must read on alone) or
 * DATA_REDO; *merged when some chunk was merged into c0.  When no thread
 * starts, nothing is read: c0 reads on alone. */
int data_pipe_run(struct data_ctx *c0, struct data_reader *rd, size_t workers,
		  size_t cap, const struct data_options *o, long long size, int *merged)
{
	struct chunk_pipe pp;
	const char *carry = rd->buf;
	size_t ncarry = rd->have;
	int rc = 0, eof = 0;

	if (pipe_start(&pp, c0, workers, cap) < 0) {
		pipe_free(&pp);
		return 0;
	}
	while (rc == 0 && !c0->failed) {
		struct chunk_slot *sl = pipe_wait(&pp, c0, 0, &rc);
		size_t quotes, cut;

		if (!sl)
			break;
		memmove(sl->buf, carry, ncarry); /* carry may be in sl->buf itself */
		sl->len = ncarry;
		rd->have = 0;
		quotes = data_count_byte(sl->buf, ncarry, '"');
		if ((eof = pipe_fill(c0, rd, sl, cap, &quotes, o, size)) < 0)
			break;
		cut = c0->text.comment ? data_comment_cut(sl->buf, sl->len, c0->text.comment)
				       : record_cut(sl->buf, sl->len, (int)(quotes & 1));
		carry = sl->buf + cut;
		ncarry = sl->len - cut;
		if (cut > 0) {
			sl->cut = cut;
			pipe_queue(&pp, sl);
		}
		if (cut == 0 || eof) {
			/* the end, or a record longer than a chunk: c0 goes on */
			pipe_wait(&pp, c0, 1, &rc);
			if (rc == 0 && !c0->failed)
				pipe_rest(c0, rd, carry, ncarry, eof);
			break;
		}
	}
	*merged = pp.merge_seq > 0;
	pipe_free(&pp);
	return rc == DATA_REDO ? DATA_REDO : 0;
}
