/*-------------------------------------------------------------------------
 * cache_load.c
 *	  How the per-backend caches of fms (workflow definitions, the business
 *	  calendar, the notification rules) read their tables.
 *
 * A cache outlives the statement that loads it and serves every role of
 * the session, so a load must not depend on who, when or where it runs:
 *	- it reads as the owner of schema fms, so a role without SELECT on the
 *	  definition tables can still use the functions built on them;
 *	- with search_path pinned to pg_catalog, so no caller's object is used;
 *	- from the latest snapshot, not the caller's (a REPEATABLE READ caller
 *	  would otherwise freeze an old version into the cache for the session).
 *	  Parallel mode forbids the latest snapshot; a cache loaded then is
 *	  dropped at the end of the transaction.
 *
 * IDENTIFICATION
 *	  src/cache_load.c
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/xact.h"
#include "catalog/namespace.h"
#include "catalog/pg_namespace.h"
#include "executor/spi.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/guc.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/snapmgr.h"
#include "utils/syscache.h"

#include "cache_load.h"
#include "citus_shard.h"

#define MAX_TRANSIENT 8

static bool *transient[MAX_TRANSIENT];
static int	ntransient = 0;
static bool callback_registered = false;

static void
drop_transient_caches(XactEvent event, void *arg)
{
	int			i;

	if (event != XACT_EVENT_COMMIT && event != XACT_EVENT_ABORT && event != XACT_EVENT_PREPARE &&
		event != XACT_EVENT_PARALLEL_COMMIT && event != XACT_EVENT_PARALLEL_ABORT)
		return;
	for (i = 0; i < ntransient; i++)
		*transient[i] = false;
	ntransient = 0;
}

/*
 * The caches' relcache callbacks.  PostgreSQL gives a backend ten slots for
 * them, and Citus takes several: fms takes one and calls each cache's.
 */
#define MAX_RELATION_CALLBACKS 8

static RelcacheCallbackFunction relation_callbacks[MAX_RELATION_CALLBACKS];
static int	nrelation_callbacks = 0;

static void
call_relation_callbacks(Datum arg, Oid relid)
{
	int			i;

	for (i = 0; i < nrelation_callbacks; i++)
		relation_callbacks[i] (arg, relid);
}

void
cache_on_relation_change(RelcacheCallbackFunction callback)
{
	if (nrelation_callbacks == 0)
		CacheRegisterRelcacheCallback(call_relation_callbacks, (Datum) 0);
	if (nrelation_callbacks == MAX_RELATION_CALLBACKS)
		elog(FATAL, "out of fms relcache callback slots");
	relation_callbacks[nrelation_callbacks++] = callback;
}

static void
note_transient(bool *valid_flag)
{
	if (!IsInParallelMode())
		return;
	if (!callback_registered)
	{
		RegisterXactCallback(drop_transient_caches, NULL);
		callback_registered = true;
	}
	for (int i = 0; i < ntransient; i++)
		if (transient[i] == valid_flag)
			return;
	if (ntransient < MAX_TRANSIENT)
		transient[ntransient++] = valid_flag;
}

Oid
fms_schema_owner(void)
{
	Oid			nsp = get_namespace_oid("fms", false);
	HeapTuple	tuple = SearchSysCache1(NAMESPACEOID, ObjectIdGetDatum(nsp));
	Oid			owner;

	if (!HeapTupleIsValid(tuple))
		elog(ERROR, "cache lookup failed for schema %u", nsp);
	owner = ((Form_pg_namespace) GETSTRUCT(tuple))->nspowner;
	ReleaseSysCache(tuple);
	return owner;
}

void
cache_load_begin(CacheLoad *load)
{
	Oid			owner = fms_schema_owner();

	GetUserIdAndSecContext(&load->save_userid, &load->save_sec_context);
	SetUserIdAndSecContext(owner, load->save_sec_context |
						   SECURITY_LOCAL_USERID_CHANGE | SECURITY_RESTRICTED_OPERATION);
	load->save_nestlevel = NewGUCNestLevel();
	(void) set_config_option("search_path", "pg_catalog, pg_temp", PGC_USERSET, PGC_S_SESSION,
							 GUC_ACTION_SAVE, true, 0, false);
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
}

void
cache_load_query(const char *sql_format, const char *table_name)
{
	Oid			nsp = get_namespace_oid("fms", false);
	Oid			table = get_relname_relid(table_name, nsp);
	char	   *sql;
	int			ret;

	if (!OidIsValid(table))
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_TABLE),
				 errmsg("table fms.%s does not exist", table_name),
				 errhint("Reinstall the extension fms.")));
	sql = psprintf(sql_format, quote_qualified_identifier("fms", get_rel_name(fms_local_shard(table))));

	if (IsInParallelMode())
		ret = SPI_execute(sql, true, 0);
	else
	{
		SPIPlanPtr	plan = SPI_prepare(sql, 0, NULL);

		if (plan == NULL)
			elog(ERROR, "could not prepare \"%s\": %s", sql, SPI_result_code_string(SPI_result));
		ret = SPI_execute_snapshot(plan, NULL, NULL, GetLatestSnapshot(), InvalidSnapshot,
								   true, false, 0);
	}
	if (ret != SPI_OK_SELECT)
		elog(ERROR, "could not run \"%s\": %s", sql, SPI_result_code_string(ret));
}

void
cache_load_end(CacheLoad *load)
{
	SPI_finish();
	AtEOXact_GUC(true, load->save_nestlevel);
	SetUserIdAndSecContext(load->save_userid, load->save_sec_context);
}

char *
cache_load_text(HeapTuple tuple, TupleDesc desc, int attnum, MemoryContext memory)
{
	char	   *value = SPI_getvalue(tuple, desc, attnum);

	return value ? MemoryContextStrdup(memory, value) : NULL;
}

int32
cache_load_int(HeapTuple tuple, TupleDesc desc, int attnum, int32 if_null)
{
	bool		isnull;
	Datum		value = SPI_getbinval(tuple, desc, attnum, &isnull);

	return isnull ? if_null : DatumGetInt32(value);
}

MemoryContext
cache_load_into(const char *name, bool *valid, CacheLoader load)
{
	MemoryContext caller = CurrentMemoryContext;
	MemoryContext fresh = AllocSetContextCreate(CacheMemoryContext, "fms cache", ALLOCSET_DEFAULT_SIZES);
	CacheLoad	state;

	MemoryContextSetIdentifier(fresh, name);	/* a string constant */
	PG_TRY();
	{
		cache_load_begin(&state);
		do
		{
			*valid = true;
			MemoryContextReset(fresh);
			load(fresh);
		} while (!*valid);
		cache_load_end(&state);
		note_transient(valid);
	}
	PG_CATCH();
	{
		*valid = false;
		MemoryContextSwitchTo(caller);
		MemoryContextDelete(fresh);
		PG_RE_THROW();
	}
	PG_END_TRY();
	return fresh;
}
