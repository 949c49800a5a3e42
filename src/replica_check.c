/*-------------------------------------------------------------------------
 * replica_check.c
 *	  Rows written under session_replication_role = replica (a logical
 *	  replication subscriber's apply worker, a replica-mode load) arrive
 *	  with their history: they are not moved along the machine but must
 *	  agree with their latest fms.transition_log entry.
 *
 * The check waits for the commit.  A transition replicates as the row's
 * UPDATE followed, in the same transaction, by the INSERT of its log entry
 * (the workflow writes the entry after the row), so a check at the row
 * would always find the log one entry behind.  At commit every row the
 * transaction wrote must agree with the log; if one does not, the commit
 * fails (23514) and nothing of the transaction stays.  A row written twice
 * is checked as last written; one written in a subtransaction that rolled
 * back is not checked.
 *
 * IDENTIFICATION
 *	  src/replica_check.c
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/xact.h"
#include "nodes/pg_list.h"
#include "utils/elog.h"
#include "utils/memutils.h"
#include "utils/snapmgr.h"

#include "fms.h"
#include "replica_check.h"
#include "transition_log.h"
#include "workflow_cache.h"

typedef struct ReplicaCheck
{
	SubTransactionId subxid;	/* written in */
	Oid			relid;			/* the table the log names */
	Oid			log_relid;		/* the log (or its shard) it is in */
	char	   *key;			/* as the log files it */
	bool		has_case_id;
	Datum		case_id;		/* fms.case_id, passed by value */
	char	   *describe;		/* "(case_id)=(JA-D-QAB)", for messages */
	char	   *table;			/* schema-qualified, for messages */
	char	   *machine;
	char	   *status;			/* NULL if the row's status is NULL */
	bool		has_log_id;
	int64		log_id;
	char	   *log_id_column;	/* NULL if the table has none */
	bool		has_since;
	DateADT		since;
	char	   *since_column;	/* NULL if the table has none */
} ReplicaCheck;

static List *pending = NIL;		/* of ReplicaCheck, in TopTransactionContext */
static bool callbacks_registered = false;

/* How the row disagrees with its latest log entry, or NULL. */
static char *
disagreement(const ReplicaCheck *check)
{
	const WorkflowCache *cache = workflow_cache();
	const char *log = workflow_cache_log(cache, check->log_relid)->shown_as;
	LogEntry	entry;

	if (!transition_log_latest(cache, check->log_relid, check->relid, check->key, check->has_case_id,
							   check->case_id, &entry))
		return psprintf("%s has no entry for the row.", log);
	if (strcmp(entry.machine, check->machine) != 0)
		return psprintf("The row's latest %s entry, " INT64_FORMAT ", is under workflow machine \"%s\", not \"%s\".",
						log, entry.id, entry.machine, check->machine);
	if (check->status == NULL || strcmp(entry.to_state, check->status) != 0)
		return psprintf("The row's status is \"%s\", but its latest %s entry, " INT64_FORMAT ", records it entering \"%s\".",
						check->status ? fms_cut_value(check->status) : "null", log, entry.id, entry.to_state);
	if (check->log_id_column != NULL && (!check->has_log_id || check->log_id != entry.id))
		return psprintf("The row's %s is %s, but its latest %s entry is " INT64_FORMAT ".",
						check->log_id_column, check->has_log_id ? psprintf(INT64_FORMAT, check->log_id) : "null",
						log, entry.id);
	if (check->since_column != NULL && (!check->has_since || check->since != entry.effective_on))
		return psprintf("The row's %s is %s, but its latest %s entry, " INT64_FORMAT ", took effect on %s.",
						check->since_column, check->has_since ? fms_iso_date(check->since) : "null",
						log, entry.id, fms_iso_date(entry.effective_on));
	return NULL;
}

static void
run_checks(void)
{
	List	   *checks = pending;
	ListCell   *cell;

	pending = NIL;
	/* At commit no statement holds a snapshot: the log is read in one. */
	PushActiveSnapshot(GetTransactionSnapshot());
	foreach(cell, checks)
	{
		ReplicaCheck *check = lfirst(cell);
		char	   *problem = disagreement(check);

		if (problem != NULL)
			ereport(ERROR,
					(errcode(ERRCODE_CHECK_VIOLATION),
					 errmsg("replicated row %s of %s does not agree with its transition log at commit",
							check->describe, check->table),
					 errdetail_internal("%s", problem),
					 errhint("A row written under session_replication_role = replica must arrive with the "
							 "transition log entries of its history, in its transaction or before it.")));
	}
	PopActiveSnapshot();
}

static void
at_transaction_end(XactEvent event, void *arg)
{
	switch (event)
	{
		case XACT_EVENT_PRE_COMMIT:
		case XACT_EVENT_PARALLEL_PRE_COMMIT:
		case XACT_EVENT_PRE_PREPARE:
			if (pending != NIL)
				run_checks();
			break;
		case XACT_EVENT_ABORT:
		case XACT_EVENT_PARALLEL_ABORT:
		case XACT_EVENT_COMMIT:
		case XACT_EVENT_PARALLEL_COMMIT:
		case XACT_EVENT_PREPARE:
			pending = NIL;		/* its memory went with the transaction */
			break;
	}
}

static void
at_subtransaction_end(SubXactEvent event, SubTransactionId subxid,
					  SubTransactionId parent_subxid, void *arg)
{
	ListCell   *cell;

	if (event == SUBXACT_EVENT_ABORT_SUB)
	{
		foreach(cell, pending)
		{
			if (((ReplicaCheck *) lfirst(cell))->subxid == subxid)
				pending = foreach_delete_current(pending, cell);
		}
	}
	else if (event == SUBXACT_EVENT_COMMIT_SUB)
	{
		foreach(cell, pending)
		{
			ReplicaCheck *check = lfirst(cell);

			if (check->subxid == subxid)
				check->subxid = parent_subxid;
		}
	}
}

void
replica_check_at_commit(Oid relid, Oid log_relid, const char *key, bool has_case_id, Datum case_id,
						const char *describe, const char *table,
						const char *machine, const char *status,
						const char *log_id_column, bool has_log_id, int64 log_id,
						const char *since_column, bool has_since, DateADT since)
{
	MemoryContext old = MemoryContextSwitchTo(TopTransactionContext);
	ReplicaCheck *check = palloc0(sizeof(ReplicaCheck));
	ListCell   *cell;

	if (!callbacks_registered)
	{
		RegisterXactCallback(at_transaction_end, NULL);
		RegisterSubXactCallback(at_subtransaction_end, NULL);
		callbacks_registered = true;
	}
	/* A row written again is checked as last written. */
	foreach(cell, pending)
	{
		ReplicaCheck *earlier = lfirst(cell);

		if (earlier->relid == relid && strcmp(earlier->key, key) == 0)
			pending = foreach_delete_current(pending, cell);
	}
	check->subxid = GetCurrentSubTransactionId();
	check->log_relid = log_relid;
	check->relid = relid;
	check->key = pstrdup(key);
	check->has_case_id = has_case_id;
	check->case_id = case_id;
	check->describe = pstrdup(describe);
	check->table = pstrdup(table);
	check->machine = pstrdup(machine);
	check->status = status ? pstrdup(status) : NULL;
	check->log_id_column = log_id_column ? pstrdup(log_id_column) : NULL;
	check->has_log_id = has_log_id;
	check->log_id = log_id;
	check->since_column = since_column ? pstrdup(since_column) : NULL;
	check->has_since = has_since;
	check->since = since;
	pending = lappend(pending, check);
	MemoryContextSwitchTo(old);
}
