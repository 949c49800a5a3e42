/*-------------------------------------------------------------------------
 * transition_log.c
 *	  Reading and writing the transition logs for the workflow's triggers:
 *	  fms.transition_log for the rows of a case, fms.row_transition_log for
 *	  the others, or on a Citus node their shards (see workflow_cache_log_of()).
 *
 * The triggers work with the rights of the logs' owner, so that users need
 * no privilege on the logs and cannot write entries of their own.
 *
 * A status change checked during a statement waits here until the
 * statement ends (see statement_end.c); the waiting entries are then
 * written with two statements a log, whatever their number: one finds the seal
 * of each row's entry written last, the other inserts them all, each
 * sealed here after the entry before it.  Until then the engine's own
 * reads of a row's latest entry see the waiting ones too.  Waiting entries
 * live in the transaction's memory; a subtransaction's go when it aborts,
 * with the rows they belong to.
 *
 * IDENTIFICATION
 *	  src/transition_log.c
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/xact.h"
#include "catalog/pg_type.h"
#include "commands/sequence.h"
#include "common/hashfn.h"
#include "executor/spi.h"
#include "miscadmin.h"
#include "storage/lmgr.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/fmgrprotos.h"
#include "utils/hsearch.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/timestamp.h"

#include "fms.h"
#include "log_seal.h"
#include "statement_end.h"
#include "transition_log.h"

/*
 * Whether this session has made sure that the log's sequence is ahead of
 * the log.  It lags after pg_restore, which sets it only after the tables'
 * data: a restored row logged in between took an id beyond it.
 */
static bool sequence_checked = false;

typedef struct OwnerScope
{
	Oid			userid;
	int			sec_context;
} OwnerScope;

static void
become_log_owner(const WorkflowCache *cache, OwnerScope *saved)
{
	GetUserIdAndSecContext(&saved->userid, &saved->sec_context);
	SetUserIdAndSecContext(cache->log_owner, saved->sec_context | SECURITY_LOCAL_USERID_CHANGE);
}

static void
restore_user(const OwnerScope *saved)
{
	SetUserIdAndSecContext(saved->userid, saved->sec_context);
}

/*
 * Run a kept plan on the log as its owner.  Returns whether a row came
 * back; its first ncolumns columns (none of them NULL) are copied into
 * columns, in the caller's memory.  Not read-only: a fresh snapshot sees
 * what the statement's triggers wrote before.
 */
static bool
query_log(const WorkflowCache *cache, SPIPlanPtr plan, Datum *values, const char *nulls,
		  Datum *columns, int ncolumns)
{
	OwnerScope	saved;
	int			ret;
	bool		found = false;
	int			i;

	become_log_owner(cache, &saved);
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	ret = SPI_execute_plan(plan, values, nulls, false, 1);
	if (ret < 0)
		elog(ERROR, "could not use the transition log: %s", SPI_result_code_string(ret));
	if (SPI_processed > 0 && ncolumns > 0)
	{
		found = true;
		for (i = 0; i < ncolumns; i++)
		{
			Form_pg_attribute attr = TupleDescAttr(SPI_tuptable->tupdesc, i);
			bool		isnull;
			Datum		value = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, i + 1, &isnull);

			if (isnull)
				elog(ERROR, "the transition log returned NULL in column %d", i + 1);
			columns[i] = SPI_datumTransfer(value, attr->attbyval, attr->attlen);
		}
	}
	SPI_finish();
	restore_user(&saved);
	return found;
}

/*
 * Whether restored entries outran the sequence: an entry at or beyond its
 * last value.  (Entries of concurrent sessions never are: they took their
 * ids from the sequence, which is past them.)
 */
static bool
sequence_lags(const WorkflowCache *cache, int64 *last_entry)
{
	Datum		columns[2];

	if (!query_log(cache, cache->log_last_id, NULL, NULL, columns, 2))
		return false;
	*last_entry = DatumGetInt64(columns[0]);
	return *last_entry >= DatumGetInt64(columns[1]);
}

int64
transition_log_reserve_id(const WorkflowCache *cache, Oid log_relid)
{
	int64		id = nextval_internal(cache->log_sequence, false);
	int64		last_entry;

	/*
	 * On a Citus node writing a log's shard, the logs are not this node's
	 * to read (each node numbers its entries in a range of its own).
	 */
	if (sequence_checked || !workflow_cache_is_base_log(cache, log_relid))
		return id;
	if (sequence_lags(cache, &last_entry))
	{
		OwnerScope	saved;

		/*
		 * Moved past the log under a lock that two sessions repairing it at
		 * once take in turn (nextval does not wait for it); the second finds
		 * it repaired.
		 */
		become_log_owner(cache, &saved);
		LockRelationOid(cache->log_sequence, ShareUpdateExclusiveLock);
		if (sequence_lags(cache, &last_entry))
			DirectFunctionCall2(setval_oid, ObjectIdGetDatum(cache->log_sequence), Int64GetDatum(last_entry));
		restore_user(&saved);
		id = nextval_internal(cache->log_sequence, false);
	}
	sequence_checked = true;
	return id;
}

void
transition_log_sequence_may_lag(void)
{
	sequence_checked = false;
}

/* An entry waiting for the end of the statement whose triggers made it. */
typedef struct WaitingEntry
{
	PendingChange change;		/* its texts in waiting_memory */
	int			depth;			/* statement_end_depth() when it was made */
	SubTransactionId subid;		/* the subtransaction that made it */
} WaitingEntry;

/*
 * Written before its statement ends once this many wait, so that a
 * statement changing a million rows holds a bounded number in memory
 * (writing them early changes nothing: they are certain).
 */
#define WRITE_BATCH 1000

static MemoryContext waiting_memory = NULL;
static WaitingEntry *waiting = NULL;
static int	nwaiting = 0;
static int	waiting_room = 0;
static bool writing = false;	/* write_waiting() is running */

/* A one-dimensional array of n values of type, NULL where nulls says. */
static Datum
array_of(Datum *values, bool *nulls, int n, Oid type)
{
	int			dims[1];
	int			lbs[1];
	int16		typlen;
	bool		typbyval;
	char		typalign;

	dims[0] = n;
	lbs[0] = 1;
	get_typlenbyvalalign(type, &typlen, &typbyval, &typalign);
	return PointerGetDatum(construct_md_array(values, nulls, 1, dims, lbs, type, typlen, typbyval, typalign));
}

static Datum
optional_text(const char *s, bool *isnull)
{
	*isnull = s == NULL;
	return s ? CStringGetTextDatum(s) : (Datum) 0;
}

/*
 * The seal of each row's entry written last (NULL where a row has none),
 * into heads[], for the n rows of changes[]: asked once for each row,
 * whose later changes in changes[] follow its first (same[i] is the index
 * of the change before change i of the same row, or -1).
 */
static void
read_chain_heads(const WorkflowCache *cache, const LogTable *log, const PendingChange *changes, int n,
				 const int *same, bytea **heads)
{
	Datum	   *tables = palloc(n * sizeof(Datum));
	Datum	   *keys = palloc(n * sizeof(Datum));
	int		   *asked_for = palloc(n * sizeof(int));
	Datum		values[2];
	MemoryContext caller = CurrentMemoryContext;
	OwnerScope	saved;
	int			nasked = 0;
	int			ret;
	int			i;

	for (i = 0; i < n; i++)
	{
		heads[i] = NULL;
		if (same[i] >= 0)
			continue;
		tables[nasked] = CStringGetTextDatum(fms_table_name(changes[i].relid));
		keys[nasked] = CStringGetTextDatum(changes[i].row_key);
		asked_for[nasked++] = i;
	}
	if (nasked == 1)
	{
		values[0] = tables[0];
		values[1] = keys[0];
	}
	else
	{
		values[0] = array_of(tables, NULL, nasked, TEXTOID);
		values[1] = array_of(keys, NULL, nasked, TEXTOID);
	}

	become_log_owner(cache, &saved);
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	ret = SPI_execute_plan(log->heads[nasked > 1], values, NULL, false, 0);
	if (ret != SPI_OK_SELECT || SPI_processed != (uint64) nasked)
		elog(ERROR, "could not read the chains of %s: %s", log->name, SPI_result_code_string(ret));
	for (i = 0; i < nasked; i++)
	{
		bool		isnull;
		Datum		hash = SPI_getbinval(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 1, &isnull);

		if (!isnull)
		{
			MemoryContext spi = MemoryContextSwitchTo(caller);

			heads[asked_for[i]] = DatumGetByteaPCopy(hash);
			MemoryContextSwitchTo(spi);
		}
	}
	SPI_finish();
	restore_user(&saved);
}

/*
 * same[i]: the index of the change before changes[i] of the same row, or
 * -1 (rows told apart by table and key, through a hash of the key).
 */
static void
link_same_rows(const PendingChange *changes, int n, int *same)
{
	typedef struct RowSlot
	{
		Oid			relid;
		uint32		key_hash;
		int			last;		/* the latest change with this hash */
	} RowSlot;
	HASHCTL		ctl;
	HTAB	   *rows;
	int		   *before = palloc(n * sizeof(int));	/* the change before with the same hash */
	int			i;

	ctl.keysize = offsetof(RowSlot, last);
	ctl.entrysize = sizeof(RowSlot);
	ctl.hcxt = CurrentMemoryContext;
	rows = hash_create("fms transition log rows", n, &ctl, HASH_ELEM | HASH_BLOBS | HASH_CONTEXT);
	for (i = 0; i < n; i++)
	{
		RowSlot		key;
		RowSlot    *slot;
		bool		found;
		int			j;

		memset(&key, 0, sizeof(key));
		key.relid = changes[i].relid;
		key.key_hash = DatumGetUInt32(hash_any((const unsigned char *) changes[i].row_key,
											   strlen(changes[i].row_key)));
		slot = hash_search(rows, &key, HASH_ENTER, &found);
		before[i] = found ? slot->last : -1;
		slot->last = i;
		for (j = before[i]; j >= 0 && strcmp(changes[j].row_key, changes[i].row_key) != 0; j = before[j])
			;
		same[i] = j;
	}
	hash_destroy(rows);
	pfree(before);
}

/*
 * Write n changes to a log, in order, with one INSERT: each sealed after
 * the entry its row had last, which for a row changed twice here is the
 * first of the two.
 */
static void
write_log_entries(const WorkflowCache *cache, const LogTable *log, const PendingChange *changes, int n)
{
	Datum		columns[14];
	bool		column_nulls[14];
	char		nulls[14];
	Datum	   *fields[10];
	bool	   *field_nulls[10];
	Datum	   *previous = palloc(n * sizeof(Datum));
	bool	   *previous_nulls = palloc(n * sizeof(bool));
	Datum	   *seals = palloc(n * sizeof(Datum));
	Datum		recorded_at = TimestampTzGetDatum(GetCurrentTransactionStartTimestamp());
	Datum		db_user = CStringGetTextDatum(GetUserNameFromId(GetSessionUserId(), false));
	Oid			types[10] = {INT8OID, TEXTOID, TEXTOID, cache->case_id_type, TEXTOID,
	TEXTOID, TEXTOID, DATEOID, TEXTOID, TEXTOID};
	int			i;
	int			c;

	for (c = 0; c < 10; c++)
	{
		fields[c] = palloc(n * sizeof(Datum));
		field_nulls[c] = palloc0(n * sizeof(bool));
	}
	for (i = 0; i < n; i++)
	{
		const PendingChange *change = &changes[i];

		fields[0][i] = Int64GetDatum(change->id);
		/* The table by name: a statement's entries are mostly of one. */
		fields[1][i] = i > 0 && change->relid == changes[i - 1].relid
			? fields[1][i - 1] : CStringGetTextDatum(fms_table_name(change->relid));
		fields[2][i] = CStringGetTextDatum(change->row_key);
		fields[3][i] = change->case_id;
		field_nulls[3][i] = !change->has_case_id;
		fields[4][i] = CStringGetTextDatum(change->machine);
		fields[5][i] = optional_text(change->from_state, &field_nulls[5][i]);
		fields[6][i] = CStringGetTextDatum(change->to_state);
		fields[7][i] = DateADTGetDatum(change->effective_on);
		fields[8][i] = CStringGetTextDatum(change->actor);
		fields[9][i] = optional_text(change->reason, &field_nulls[9][i]);
	}
	if (log->sealed)
	{
		int		   *same = palloc(n * sizeof(int));
		bytea	  **heads = palloc(n * sizeof(bytea *));

		link_same_rows(changes, n, same);
		read_chain_heads(cache, log, changes, n, same, heads);
		for (i = 0; i < n; i++)
		{
			Datum		sealed[SEALED_COLUMNS];
			bool		sealed_nulls[SEALED_COLUMNS];

			if (same[i] >= 0)
			{
				previous[i] = seals[same[i]];
				previous_nulls[i] = false;
			}
			else
			{
				previous[i] = PointerGetDatum(heads[i]);
				previous_nulls[i] = heads[i] == NULL;
			}
			sealed[SEALED_ID] = fields[0][i];
			sealed[SEALED_ROW_KEY] = fields[2][i];
			sealed[SEALED_CASE_ID] = fields[3][i];
			sealed[SEALED_MACHINE] = fields[4][i];
			sealed[SEALED_FROM_STATE] = fields[5][i];
			sealed[SEALED_TO_STATE] = fields[6][i];
			sealed[SEALED_EFFECTIVE_ON] = fields[7][i];
			sealed[SEALED_RECORDED_AT] = recorded_at;
			sealed[SEALED_ACTOR] = fields[8][i];
			sealed[SEALED_REASON] = fields[9][i];
			sealed[SEALED_DB_USER] = db_user;
			sealed[SEALED_PREVIOUS_HASH] = previous[i];
			memset(sealed_nulls, false, sizeof(sealed_nulls));
			sealed_nulls[SEALED_CASE_ID] = field_nulls[3][i];
			sealed_nulls[SEALED_FROM_STATE] = field_nulls[5][i];
			sealed_nulls[SEALED_REASON] = field_nulls[9][i];
			sealed_nulls[SEALED_PREVIOUS_HASH] = previous_nulls[i];
			seals[i] = PointerGetDatum(transition_log_seal(sealed, sealed_nulls));
		}
	}

	/* One entry's values, or arrays of many entries' (see workflow_cache.c). */
	memset(column_nulls, false, sizeof(column_nulls));
	for (c = 0; c < 10; c++)
	{
		if (n == 1)
		{
			columns[c] = fields[c][0];
			column_nulls[c] = field_nulls[c][0];
		}
		else
			columns[c] = array_of(fields[c], field_nulls[c], n, types[c]);
	}
	columns[10] = recorded_at;
	columns[11] = db_user;
	if (!log->sealed)
		column_nulls[12] = column_nulls[13] = true;
	else if (n == 1)
	{
		columns[12] = previous[0];
		column_nulls[12] = previous_nulls[0];
		columns[13] = seals[0];
	}
	else
	{
		columns[12] = array_of(previous, previous_nulls, n, BYTEAOID);
		columns[13] = array_of(seals, NULL, n, BYTEAOID);
	}
	for (c = 0; c < 14; c++)
		nulls[c] = column_nulls[c] ? 'n' : ' ';
	(void) query_log(cache, log->insert[n > 1], columns, nulls, NULL, 0);
}

/*
 * Write n changes, in order, each to its row's log: the changes of one row
 * all go to one log, so each row's keep their order.
 */
static void
write_entries(const WorkflowCache *cache, const PendingChange *changes, int n)
{
	PendingChange *of_log = palloc(n * sizeof(PendingChange));
	bool	   *written = palloc0(n * sizeof(bool));
	int			first;

	for (first = 0; first < n; first++)
	{
		Oid			log_relid = changes[first].log_relid;
		int			m = 0;
		int			i;

		if (written[first])
			continue;
		for (i = first; i < n; i++)
		{
			if (changes[i].log_relid != log_relid)
				continue;
			of_log[m++] = changes[i];
			written[i] = true;
		}
		write_log_entries(cache, workflow_cache_log(cache, log_relid), of_log, m);
	}
	pfree(of_log);
	pfree(written);
}

/* Write the waiting entries from index first on, and forget them. */
static void
write_waiting(int first)
{
	int			n = nwaiting - first;
	PendingChange *changes;
	MemoryContext memory;
	MemoryContext caller;
	int			i;

	if (n <= 0)
		return;
	changes = palloc(n * sizeof(PendingChange));
	for (i = 0; i < n; i++)
		changes[i] = waiting[first + i].change;
	/*
	 * Forgotten before the write, which runs statements: one that fires a
	 * governed table's triggers (a trigger on the log) adds entries anew.
	 * The texts stay in waiting_memory until no entry waits.
	 */
	nwaiting = first;
	memory = AllocSetContextCreate(CurrentMemoryContext, "fms transition log write", ALLOCSET_DEFAULT_SIZES);
	caller = MemoryContextSwitchTo(memory);
	writing = true;
	PG_TRY();
	{
		write_entries(workflow_cache(), changes, n);
	}
	PG_FINALLY();
	{
		writing = false;
	}
	PG_END_TRY();
	MemoryContextSwitchTo(caller);
	MemoryContextDelete(memory);
	pfree(changes);
	if (nwaiting == 0 && waiting_memory != NULL)
	{
		MemoryContextReset(waiting_memory);
		waiting = NULL;
		waiting_room = 0;
	}
}

/* The index of the first waiting entry made at depth or deeper. */
static int
first_waiting_at(int depth)
{
	int			first = nwaiting;

	/* Deeper statements end first: theirs are always the last entries. */
	while (first > 0 && waiting[first - 1].depth >= depth)
		first--;
	return first;
}

static void
at_xact_event(XactEvent event, void *arg)
{
	switch (event)
	{
		case XACT_EVENT_PRE_COMMIT:
		case XACT_EVENT_PARALLEL_PRE_COMMIT:
		case XACT_EVENT_PRE_PREPARE:
			if (nwaiting > 0)
				elog(ERROR, "%d status changes were not written to the transition log before commit", nwaiting);
			break;
		case XACT_EVENT_COMMIT:
		case XACT_EVENT_PARALLEL_COMMIT:
		case XACT_EVENT_ABORT:
		case XACT_EVENT_PARALLEL_ABORT:
		case XACT_EVENT_PREPARE:
			/* Freed with the transaction's memory. */
			waiting_memory = NULL;
			waiting = NULL;
			nwaiting = 0;
			waiting_room = 0;
			break;
	}
}

static void
at_subxact_event(SubXactEvent event, SubTransactionId subid, SubTransactionId parent_subid, void *arg)
{
	int			kept = 0;
	int			i;

	if (event != SUBXACT_EVENT_COMMIT_SUB && event != SUBXACT_EVENT_ABORT_SUB)
		return;
	for (i = 0; i < nwaiting; i++)
	{
		if (waiting[i].subid == subid)
		{
			if (event == SUBXACT_EVENT_ABORT_SUB)
				continue;
			waiting[i].subid = parent_subid;
		}
		waiting[kept++] = waiting[i];
	}
	nwaiting = kept;
}

static char *
copy_text(const char *s)
{
	return s ? MemoryContextStrdup(waiting_memory, s) : NULL;
}

static void
wait_for_statement_end(const PendingChange *change, int depth)
{
	static bool callbacks_registered = false;
	WaitingEntry *entry;

	if (!callbacks_registered)
	{
		RegisterXactCallback(at_xact_event, NULL);
		RegisterSubXactCallback(at_subxact_event, NULL);
		callbacks_registered = true;
	}
	if (waiting_memory == NULL)
		waiting_memory = AllocSetContextCreate(TopTransactionContext, "fms transition log entries waiting",
											   ALLOCSET_DEFAULT_SIZES);
	if (nwaiting == waiting_room)
	{
		waiting_room = Max(64, waiting_room * 2);
		waiting = waiting == NULL
			? MemoryContextAlloc(waiting_memory, waiting_room * sizeof(WaitingEntry))
			: repalloc(waiting, waiting_room * sizeof(WaitingEntry));
	}
	entry = &waiting[nwaiting++];
	entry->depth = depth;
	entry->subid = GetCurrentSubTransactionId();
	entry->change = *change;
	entry->change.row_key = copy_text(change->row_key);
	entry->change.machine = copy_text(change->machine);
	entry->change.from_state = copy_text(change->from_state);
	entry->change.to_state = copy_text(change->to_state);
	entry->change.actor = copy_text(change->actor);
	entry->change.reason = copy_text(change->reason);
}

void
transition_log_write(const WorkflowCache *cache, const PendingChange *change, bool can_wait)
{
	int			depth = statement_end_depth();
	int			first;

	if (depth == 0 || !can_wait)
	{
		write_entries(cache, change, 1);
		return;
	}
	wait_for_statement_end(change, depth);
	first = first_waiting_at(depth);
	if (nwaiting - first >= WRITE_BATCH)
		write_waiting(first);
}

void
transition_log_flush(int depth)
{
	if (nwaiting > 0)
		write_waiting(first_waiting_at(depth));
}

bool
transition_log_waiting(void)
{
	return nwaiting > 0 && !writing && waiting[nwaiting - 1].subid == GetCurrentSubTransactionId();
}

void
transition_log_flush_subtransaction(void)
{
	SubTransactionId current = GetCurrentSubTransactionId();
	int			first = nwaiting;

	while (first > 0 && waiting[first - 1].subid == current)
		first--;
	write_waiting(first);
}

void
transition_log_discard(int depth)
{
	if (nwaiting > 0)
		nwaiting = first_waiting_at(depth);
}

/*
 * The waiting entry of the row with the highest id, or NULL.  (Scanned:
 * fewer than WRITE_BATCH wait for each running statement.)
 */
static const PendingChange *
latest_waiting(Oid relid, const char *row_key)
{
	const PendingChange *latest = NULL;
	int			i;

	for (i = 0; i < nwaiting; i++)
	{
		const PendingChange *change = &waiting[i].change;

		if (change->relid == relid && strcmp(change->row_key, row_key) == 0 &&
			(latest == NULL || change->id > latest->id))
			latest = change;
	}
	return latest;
}

bool
transition_log_latest(const WorkflowCache *cache, Oid log_relid, Oid relid, const char *row_key,
					  bool has_case_id, Datum case_id, LogEntry *entry)
{
	Datum		values[3];
	const char	nulls[3] = {' ', ' ', has_case_id ? ' ' : 'n'};
	Datum		columns[4];

	const PendingChange *unwritten = nwaiting > 0 ? latest_waiting(relid, row_key) : NULL;
	bool		found;

	values[0] = CStringGetTextDatum(fms_table_name(relid));
	values[1] = CStringGetTextDatum(row_key);
	values[2] = case_id;
	found = query_log(cache, workflow_cache_log(cache, log_relid)->latest, values, nulls, columns, 4);
	if (unwritten != NULL && (!found || unwritten->id > DatumGetInt64(columns[0])))
	{
		entry->id = unwritten->id;
		entry->machine = pstrdup(unwritten->machine);
		entry->to_state = pstrdup(unwritten->to_state);
		entry->effective_on = unwritten->effective_on;
		return true;
	}
	if (!found)
		return false;
	entry->id = DatumGetInt64(columns[0]);
	entry->machine = TextDatumGetCString(columns[1]);
	entry->to_state = TextDatumGetCString(columns[2]);
	entry->effective_on = DatumGetDateADT(columns[3]);
	return true;
}
