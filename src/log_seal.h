/*-------------------------------------------------------------------------
 * log_seal.h
 *	  The SHA-256 seal of a transition log entry (see log_seal.c).
 *
 * IDENTIFICATION
 *	  src/log_seal.h
 *-------------------------------------------------------------------------
 */
#ifndef FMS_LOG_SEAL_H
#define FMS_LOG_SEAL_H

#include "postgres.h"

/* The columns of fms.transition_log that are sealed, in sealed order. */
typedef enum SealedColumn
{
	SEALED_ID,					/* int8 */
	SEALED_ROW_KEY,				/* text */
	SEALED_CASE_ID,				/* fms.case_id (an int4) */
	SEALED_MACHINE,				/* text */
	SEALED_FROM_STATE,			/* text */
	SEALED_TO_STATE,			/* text */
	SEALED_EFFECTIVE_ON,		/* date */
	SEALED_RECORDED_AT,			/* timestamptz */
	SEALED_ACTOR,				/* text */
	SEALED_REASON,				/* text */
	SEALED_DB_USER,				/* text */
	SEALED_PREVIOUS_HASH,		/* bytea */
	SEALED_COLUMNS
} SealedColumn;

/* The seal of an entry given its sealed columns' values, in sealed order. */
extern bytea *transition_log_seal(const Datum *values, const bool *isnull);

#endif							/* FMS_LOG_SEAL_H */
