/*-------------------------------------------------------------------------
 * workflow_pending.h
 *	  Status changes decided by the workflow's BEFORE trigger and logged by
 *	  its AFTER trigger; see workflow_pending.c.
 *
 * IDENTIFICATION
 *	  src/workflow_pending.h
 *-------------------------------------------------------------------------
 */
#ifndef FMS_WORKFLOW_PENDING_H
#define FMS_WORKFLOW_PENDING_H

#include "postgres.h"

#include "utils/date.h"

/* A change of one row, as fms.transition_log will record it. */
typedef struct PendingChange
{
	Oid			relid;			/* the governed table (not a shard of it) */
	Oid			log_relid;		/* the log written (or its shard) */
	char	   *row_key;		/* the log's form of the primary key */
	bool		by_insert;		/* made by an INSERT of the row (else an UPDATE) */
	int64		id;				/* reserved in the log's sequence */
	bool		has_case_id;
	Datum		case_id;		/* fms.case_id, passed by value */
	char	   *machine;
	char	   *from_state;		/* NULL for a new row */
	char	   *to_state;
	DateADT		effective_on;
	char	   *actor;
	char	   *reason;			/* or NULL */
} PendingChange;

/* Remember a copy of change. */
extern void pending_change_remember(const PendingChange *change);

/*
 * The change remembered for the row with log id id, or, if id is 0, the
 * latest remembered for the row; NULL if there is none.
 */
extern const PendingChange *pending_change_find(Oid relid, const char *row_key, int64 id);

/* Forget a change found above, once it is logged. */
extern void pending_change_forget(const PendingChange *change);

#endif							/* FMS_WORKFLOW_PENDING_H */
