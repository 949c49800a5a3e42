/*-------------------------------------------------------------------------
 * transition_log.h
 *	  Reading and writing fms.transition_log; see transition_log.c.
 *
 * IDENTIFICATION
 *	  src/transition_log.h
 *-------------------------------------------------------------------------
 */
#ifndef FMS_TRANSITION_LOG_H
#define FMS_TRANSITION_LOG_H

#include "workflow_cache.h"
#include "workflow_pending.h"

/* What a log entry says of its row. */
typedef struct LogEntry
{
	int64		id;
	char	   *machine;
	char	   *to_state;
	DateADT		effective_on;
} LogEntry;

/* A new entry's id, from the log's sequence. */
extern int64 transition_log_reserve_id(const WorkflowCache *cache, Oid log_relid);

/*
 * The sequence may now lag behind the log (a restored row was logged before
 * pg_restore sets it): check again at the next reservation.
 */
extern void transition_log_sequence_may_lag(void);

/* Append the change, with its reserved id. */
/*
 * Log a checked change: at once, or (can_wait) at the end of the running
 * statement, if this module saw it begin.
 */
extern void transition_log_write(const WorkflowCache *cache, const PendingChange *change, bool can_wait);

/* At the end of the statement at depth: write the entries it made. */
extern void transition_log_flush(int depth);

/*
 * Whether entries wait that the current subtransaction made (and none is
 * being written), and writing them, for a statement about to read the log.
 */
extern bool transition_log_waiting(void);
extern void transition_log_flush_subtransaction(void);

/* When the statement at depth fails: forget the entries it made. */
extern void transition_log_discard(int depth);


/*
 * The latest entry of the row of table relid, written or waiting, in the
 * log log_relid (filed under the row's case, if it has one); false if it
 * has none.
 */
extern bool transition_log_latest(const WorkflowCache *cache, Oid log_relid, Oid relid, const char *row_key,
								  bool has_case_id, Datum case_id, LogEntry *entry);

#endif							/* FMS_TRANSITION_LOG_H */
