/*-------------------------------------------------------------------------
 * transition_log.c
 *	  Reading and writing fms.transition_log for the workflow's triggers.
 *
 * The triggers work with the rights of the log's owner, so that users need
 * no privilege on the log and cannot write entries of their own.
 *
 * IDENTIFICATION
 *	  src/transition_log.c
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "commands/sequence.h"
#include "executor/spi.h"
#include "miscadmin.h"
#include "storage/lmgr.h"
#include "utils/builtins.h"
#include "utils/fmgrprotos.h"

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
		elog(ERROR, "could not use fms.transition_log: %s", SPI_result_code_string(ret));
	if (SPI_processed > 0 && ncolumns > 0)
	{
		found = true;
		for (i = 0; i < ncolumns; i++)
		{
			Form_pg_attribute attr = TupleDescAttr(SPI_tuptable->tupdesc, i);
			bool		isnull;
			Datum		value = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, i + 1, &isnull);

			if (isnull)
				elog(ERROR, "fms.transition_log returned NULL in column %d", i + 1);
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
transition_log_reserve_id(const WorkflowCache *cache)
{
	int64		id = nextval_internal(cache->log_sequence, false);
	int64		last_entry;

	if (sequence_checked)
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

void
transition_log_write(const WorkflowCache *cache, const PendingChange *change)
{
	Datum		values[10];
	char		nulls[10];

	memset(nulls, ' ', sizeof(nulls));
	values[0] = Int64GetDatum(change->id);
	values[1] = ObjectIdGetDatum(change->relid);
	values[2] = CStringGetTextDatum(change->row_key);
	values[3] = change->case_id;
	nulls[3] = change->has_case_id ? ' ' : 'n';
	values[4] = CStringGetTextDatum(change->machine);
	values[5] = change->from_state ? CStringGetTextDatum(change->from_state) : (Datum) 0;
	nulls[5] = change->from_state ? ' ' : 'n';
	values[6] = CStringGetTextDatum(change->to_state);
	values[7] = DateADTGetDatum(change->effective_on);
	values[8] = CStringGetTextDatum(change->actor);
	values[9] = change->reason ? CStringGetTextDatum(change->reason) : (Datum) 0;
	nulls[9] = change->reason ? ' ' : 'n';
	(void) query_log(cache, cache->log_insert, values, nulls, NULL, 0);
}

bool
transition_log_latest(const WorkflowCache *cache, Oid relid, const char *row_key, LogEntry *entry)
{
	Datum		values[2];
	Datum		columns[4];

	values[0] = ObjectIdGetDatum(relid);
	values[1] = CStringGetTextDatum(row_key);
	if (!query_log(cache, cache->log_latest, values, NULL, columns, 4))
		return false;
	entry->id = DatumGetInt64(columns[0]);
	entry->machine = TextDatumGetCString(columns[1]);
	entry->to_state = TextDatumGetCString(columns[2]);
	entry->effective_on = DatumGetDateADT(columns[3]);
	return true;
}
