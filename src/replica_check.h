/*-------------------------------------------------------------------------
 * replica_check.h
 *	  The check, at commit, of rows written under session_replication_role
 *	  = replica against their transition log (see replica_check.c).
 *
 * IDENTIFICATION
 *	  src/replica_check.h
 *-------------------------------------------------------------------------
 */
#ifndef FMS_REPLICA_CHECK_H
#define FMS_REPLICA_CHECK_H

#include "utils/date.h"

/*
 * Check at commit that the row (its key as the log files it, and its case,
 * fms.case_id by value, if it has one) agrees with its latest log entry:
 * the machine, the status, and, where the table has the columns, the log
 * id and the since date the row was written with.
 */
extern void replica_check_at_commit(Oid relid, Oid log_relid, const char *key, bool has_case_id, Datum case_id,
									const char *describe, const char *table,
									const char *machine, const char *status,
									const char *log_id_column, bool has_log_id, int64 log_id,
									const char *since_column, bool has_since, DateADT since);

#endif							/* FMS_REPLICA_CHECK_H */
