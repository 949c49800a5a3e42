/*-------------------------------------------------------------------------
 * workflow_cache.h
 *	  Per-backend cache of workflow definitions and of the transition log
 *	  insert; see workflow_cache.c.
 *
 * IDENTIFICATION
 *	  src/workflow_cache.h
 *-------------------------------------------------------------------------
 */
#ifndef FMS_WORKFLOW_CACHE_H
#define FMS_WORKFLOW_CACHE_H

#include "executor/spi.h"

#include "workflow.h"

/* The two logs (see transition_log.sql). */
typedef enum LogKind
{
	CASE_LOG,					/* fms.transition_log: the rows of a case */
	ROW_LOG						/* fms.row_transition_log: the others */
} LogKind;

/* A log, or on a Citus node a shard of one, and the statements kept on it. */
typedef struct LogTable
{
	Oid			relid;
	const char *name;			/* "fms.transition_log" (or its shard's
								 * name), for statements */
	const char *shown_as;		/* "fms.transition_log", for messages */
	bool		with_case_id;	/* its entries carry the row's case */
	bool		sealed;			/* it has its seals (release 1.2) */
	/*
	 * The entries to write: [0] for one entry, with its values as the
	 * parameters; [1] for many, with arrays of them.
	 */
	SPIPlanPtr	insert[2];		/* $1..$10 id, table_name, row_key, case_id
								 * (left out where the log has none),
								 * machine, from_state, to_state,
								 * effective_on, actor, reason; if sealed,
								 * $11 recorded_at, $12 db_user, $13
								 * previous_hash, $14 hash */
	SPIPlanPtr	heads[2];		/* $1, $2: table_name, row_key; returns, in
								 * order, the seal of each row's entry
								 * written last, or NULL */
	SPIPlanPtr	latest;			/* $1, $2: table_name, row_key; returns the
								 * row's latest entry: id, machine, to_state,
								 * effective_on */
} LogTable;

typedef struct WorkflowCache
{
	MemoryContext memory;		/* holds machines */
	int			nmachines;
	WorkflowMachine *machines;
	Oid			states_relid;
	Oid			transitions_relid;
	/*
	 * The logs: two, or, before the update to release 1.2, only
	 * fms.transition_log, for every row.
	 */
	int			nlogs;
	LogTable	logs[2];		/* by LogKind */
	List	   *shard_logs;		/* of LogTable: the logs' shards written
								 * here, on a Citus node */
	Oid			log_owner;		/* the logs are written as their owner */
	Oid			case_id_type;
	Oid			log_sequence;	/* transition_log_id_seq, for both logs */
	SPIPlanPtr	log_last_id;	/* the logs' last id (0 if they are empty)
								 * and the sequence's last value */
	Oid			verify_oid;		/* fms.verify_workflow(), the AFTER trigger */
} WorkflowCache;

/* The cache, (re)loaded if a definition changed.  Call inside a transaction. */
extern const WorkflowCache *workflow_cache(void);

/* The machine named name, or NULL. */
extern const WorkflowMachine *workflow_cache_machine(const WorkflowCache *cache, const char *name);

/*
 * The log a governed table's rows are written to: fms.transition_log if
 * they belong to a case (the table has a case_id column of type
 * fms.case_id), else fms.row_transition_log; for a Citus shard of the
 * table, that log's shard on the same node.
 */
extern Oid	workflow_cache_log_of(const WorkflowCache *cache, Oid relid, bool of_a_case);

/* A log (or log shard) that workflow_cache_log_of() gave, with its statements. */
extern const LogTable *workflow_cache_log(const WorkflowCache *cache, Oid log_relid);

/* Whether relid is one of the logs or of their shards written here. */
extern bool workflow_cache_is_log(const WorkflowCache *cache, Oid relid);

/* Whether relid is one of the logs themselves (not a shard). */
extern bool workflow_cache_is_base_log(const WorkflowCache *cache, Oid relid);

#endif							/* FMS_WORKFLOW_CACHE_H */
