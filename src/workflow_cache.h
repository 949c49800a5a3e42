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

typedef struct WorkflowCache
{
	MemoryContext memory;		/* holds machines */
	int			nmachines;
	WorkflowMachine *machines;
	Oid			states_relid;
	Oid			transitions_relid;
	Oid			log_relid;
	Oid			log_owner;		/* the log is written as its owner */
	Oid			case_id_type;
	Oid			log_sequence;	/* transition_log_id_seq */
	bool		log_sealed;		/* the log has its seals (release 1.2) */
	/*
	 * The entries to write: [0] for one entry, with its values as the
	 * parameters; [1] for many, with arrays of them.
	 */
	SPIPlanPtr	log_insert[2];	/* $1..$10 id, table_name, row_key, case_id,
								 * machine, from_state, to_state,
								 * effective_on, actor, reason; if sealed,
								 * $11 recorded_at, $12 db_user, $13
								 * previous_hash, $14 hash */
	SPIPlanPtr	log_heads[2];	/* $1, $2: table_name, row_key; returns, in
								 * order, the seal of each row's entry
								 * written last, or NULL */
	SPIPlanPtr	log_last_id;	/* the log's last id (0 if it is empty) and
								 * its sequence's last value */
	SPIPlanPtr	log_latest;		/* $1, $2: table_name, row_key; returns the
								 * row's latest entry: id, machine, to_state,
								 * effective_on */
	Oid			verify_oid;		/* fms.verify_workflow(), the AFTER trigger */
} WorkflowCache;

/* The cache, (re)loaded if a definition changed.  Call inside a transaction. */
extern const WorkflowCache *workflow_cache(void);

/* The machine named name, or NULL. */
extern const WorkflowMachine *workflow_cache_machine(const WorkflowCache *cache, const char *name);

#endif							/* FMS_WORKFLOW_CACHE_H */
