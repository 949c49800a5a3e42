/*-------------------------------------------------------------------------
 * cache_invalidation.c
 *	  fms.invalidate_cached_definitions(): the statement trigger of every
 *	  table that a per-backend cache of fms is built from.
 *
 * Plain DML sends no invalidation message, so this trigger sends a relcache
 * invalidation for its table.  The writing session sees it at the end of
 * the statement, every other session before its next statement; each
 * cache's relcache callback then drops what was built from that table.
 * On a Citus cluster the trigger fires on each node's shard of a reference
 * table, and the caches there are built from the table the shard belongs
 * to: that table is named too.
 *
 * IDENTIFICATION
 *	  src/cache_invalidation.c
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "commands/trigger.h"
#include "utils/inval.h"

#include "citus_shard.h"
#include "fms.h"

PG_FUNCTION_INFO_V1(fms_invalidate_cached_definitions);
Datum
fms_invalidate_cached_definitions(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = (TriggerData *) fcinfo->context;
	Oid			table;

	if (!CALLED_AS_TRIGGER(fcinfo) || !TRIGGER_FIRED_FOR_STATEMENT(trigdata->tg_event))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("function \"%s\" must be fired as a statement trigger", "fms.invalidate_cached_definitions")));
	CacheInvalidateRelcache(trigdata->tg_relation);
	table = fms_shard_table(RelationGetRelid(trigdata->tg_relation));
	if (OidIsValid(table))
		CacheInvalidateRelcacheByRelid(table);
	return PointerGetDatum(NULL);
}
