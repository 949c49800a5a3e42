/*-------------------------------------------------------------------------
 * workflow_cache.c
 *	  Per-backend cache of the workflow machines, read from
 *	  fms.workflow_states and fms.workflow_transitions, and of the prepared
 *	  insert into fms.transition_log.
 *
 * The cache is read once and kept until a relcache invalidation names one of
 * the workflow tables.  Plain DML sends none, so the statement trigger
 * fms.invalidate_cached_definitions() sends one: every session then reloads
 * before its next statement, and the writing session after the statement.
 * A replaced cache is handed to the current transaction's memory, so a
 * trigger still running on the old one (a guard that writes another
 * governed table reloads the cache) keeps valid pointers.
 *
 * IDENTIFICATION
 *	  src/workflow_cache.c
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/xact.h"
#include "catalog/namespace.h"
#include "catalog/pg_class.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "nodes/makefuncs.h"
#include "nodes/value.h"
#include "parser/parse_func.h"
#include "utils/builtins.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/rel.h"
#include "utils/syscache.h"

#include "cache_load.h"
#include "fms.h"
#include "workflow_cache.h"

static WorkflowCache cache;
static bool cache_valid = false;
static bool callback_registered = false;

static void
invalidate_cache(Datum arg, Oid relid)
{
	if (relid == InvalidOid || relid == cache.states_relid ||
		relid == cache.transitions_relid || relid == cache.log_relid)
		cache_valid = false;
}

static void
invalidate_on_function_change(Datum arg, int cacheid, uint32 hashvalue)
{
	cache_valid = false;
}

static Oid
fms_relation(Oid nsp, const char *name)
{
	Oid			relid = get_relname_relid(name, nsp);

	if (!OidIsValid(relid))
		elog(ERROR, "relation fms.%s is missing", name);
	return relid;
}

/*
 * Read both definition tables into cache.machines, allocated in memory.
 * (Every SPI call returns to SPI's own context, so allocate explicitly.)
 */
static void
load_machines(MemoryContext memory)
{
	SPITupleTable *tuptable;
	uint64		i;
	int			m = -1;

	cache_load_query("SELECT machine, state, is_initial, is_terminal, milestone_column::pg_catalog.text "
					 "FROM fms.workflow_states ORDER BY machine, position, state");
	tuptable = SPI_tuptable;
	cache.machines = MemoryContextAllocZero(memory, sizeof(WorkflowMachine) * Max(SPI_processed, 1));
	cache.nmachines = 0;
	for (i = 0; i < SPI_processed; i++)
	{
		HeapTuple	tuple = tuptable->vals[i];
		TupleDesc	desc = tuptable->tupdesc;
		char	   *machine = cache_load_text(tuple, desc, 1, memory);
		WorkflowState *state;
		bool		isnull;

		if (m < 0 || strcmp(cache.machines[m].name, machine) != 0)
		{
			m = cache.nmachines++;
			cache.machines[m].name = machine;
			cache.machines[m].states = MemoryContextAllocZero(memory, sizeof(WorkflowState) * SPI_processed);
			cache.machines[m].edges = NULL;
		}
		state = &cache.machines[m].states[cache.machines[m].nstates++];
		state->name = cache_load_text(tuple, desc, 2, memory);
		state->is_initial = DatumGetBool(SPI_getbinval(tuple, desc, 3, &isnull));
		state->is_terminal = DatumGetBool(SPI_getbinval(tuple, desc, 4, &isnull));
		state->milestone_column = cache_load_text(tuple, desc, 5, memory);
	}

	cache_load_query("SELECT machine, from_state, to_state, requires_reason, guard, "
					 "fms.resolve_guard(guard)::pg_catalog.oid "
					 "FROM fms.workflow_transitions ORDER BY machine, from_state, to_state");
	tuptable = SPI_tuptable;
	for (i = 0; i < SPI_processed; i++)
	{
		HeapTuple	tuple = tuptable->vals[i];
		TupleDesc	desc = tuptable->tupdesc;
		bool		isnull;
		char	   *machine_name = TextDatumGetCString(SPI_getbinval(tuple, desc, 1, &isnull));
		char	   *from = TextDatumGetCString(SPI_getbinval(tuple, desc, 2, &isnull));
		char	   *to = TextDatumGetCString(SPI_getbinval(tuple, desc, 3, &isnull));
		WorkflowMachine *machine = NULL;
		WorkflowEdge *edge;
		Datum		guard_oid;

		for (m = 0; m < cache.nmachines; m++)
			if (strcmp(cache.machines[m].name, machine_name) == 0)
				machine = &cache.machines[m];
		if (machine == NULL)
			continue;			/* foreign keys make this impossible */
		if (machine->edges == NULL)
			machine->edges = MemoryContextAllocZero(memory, sizeof(WorkflowEdge) * SPI_processed);
		edge = &machine->edges[machine->nedges++];
		edge->from = workflow_find_state(machine, from, strlen(from));
		edge->to = workflow_find_state(machine, to, strlen(to));
		edge->requires_reason = DatumGetBool(SPI_getbinval(tuple, desc, 4, &isnull));
		edge->guard = cache_load_text(tuple, desc, 5, memory);
		guard_oid = SPI_getbinval(tuple, desc, 6, &isnull);
		edge->guard_oid = isnull ? InvalidOid : DatumGetObjectId(guard_oid);
	}
}

static Oid
relation_owner(Oid relid)
{
	HeapTuple	tuple = SearchSysCache1(RELOID, ObjectIdGetDatum(relid));
	Oid			owner;

	if (!HeapTupleIsValid(tuple))
		elog(ERROR, "cache lookup failed for relation %u", relid);
	owner = ((Form_pg_class) GETSTRUCT(tuple))->relowner;
	ReleaseSysCache(tuple);
	return owner;
}

/* Prepare and keep a plan in *slot, freeing the one it replaces. */
static void
replace_plan(SPIPlanPtr *slot, const char *sql, int nargs, Oid *argtypes)
{
	SPIPlanPtr	plan = SPI_prepare(sql, nargs, argtypes);

	if (plan == NULL)
		elog(ERROR, "could not prepare \"%s\": %s", sql, SPI_result_code_string(SPI_result));
	if (SPI_keepplan(plan) != 0)
		elog(ERROR, "could not keep the plan of \"%s\"", sql);
	if (*slot != NULL)
		SPI_freeplan(*slot);
	*slot = plan;
}

/* Prepare and keep the statements on fms.transition_log. */
static void
prepare_log_statements(Oid nsp)
{
	Oid			argtypes[10];

	cache.case_id_type = GetSysCacheOid2(TYPENAMENSP, Anum_pg_type_oid,
										 CStringGetDatum("case_id"), ObjectIdGetDatum(nsp));
	argtypes[0] = INT8OID;
	argtypes[1] = REGCLASSOID;
	argtypes[2] = TEXTOID;
	argtypes[3] = cache.case_id_type;
	argtypes[4] = TEXTOID;
	argtypes[5] = TEXTOID;
	argtypes[6] = TEXTOID;
	argtypes[7] = DATEOID;
	argtypes[8] = TEXTOID;
	argtypes[9] = TEXTOID;
	/*
	 * The entry is sealed as it is written, chained to the seal of the
	 * row's entry written last: the one no other entry is chained to (see
	 * log_seal.c).  That is usually the one with the highest id, which is
	 * tried first with one probe of the links' index; only when something
	 * is chained to it are the row's entries searched: a change made by a
	 * trigger while an earlier change of the same row waits for its check
	 * is written first.  (One search alone, whatever the plan, read the
	 * row's whole history on every write.)  A log not yet updated to 1.2
	 * (the library is new, ALTER EXTENSION UPDATE not yet run) has no
	 * seals.
	 */
	if (get_attnum(cache.log_relid, "hash") == InvalidAttrNumber)
		replace_plan(&cache.log_insert,
					 "INSERT INTO fms.transition_log (id, table_name, row_key, case_id, machine, "
					 "from_state, to_state, effective_on, actor, reason) OVERRIDING SYSTEM VALUE "
					 "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)", 10, argtypes);
	else
		replace_plan(&cache.log_insert,
					 "INSERT INTO fms.transition_log (id, table_name, row_key, case_id, machine, from_state, to_state,"
					 " effective_on, recorded_at, actor, reason, db_user, previous_hash, hash) OVERRIDING SYSTEM VALUE"
					 " SELECT (e.r).id, (e.r).table_name, (e.r).row_key, (e.r).case_id, (e.r).machine, (e.r).from_state,"
					 " (e.r).to_state, (e.r).effective_on, (e.r).recorded_at, (e.r).actor, (e.r).reason, (e.r).db_user,"
					 " (e.r).previous_hash, fms.transition_log_hash(e.r)"
					 " FROM (SELECT ROW($1, $2, $3, $4, $5, $6, $7, $8, pg_catalog.now(), $9, $10,"
					 "  SESSION_USER::pg_catalog.text,"
					 "  COALESCE("
					 "   (SELECT n.hash FROM (SELECT p.hash FROM fms.transition_log AS p"
					 "      WHERE p.table_name OPERATOR(pg_catalog.=) $2 AND p.row_key OPERATOR(pg_catalog.=) $3"
					 "      ORDER BY p.id DESC LIMIT 1) AS n"
					 "     WHERE NOT EXISTS (SELECT FROM fms.transition_log AS q"
					 "       WHERE q.previous_hash OPERATOR(pg_catalog.=) n.hash"
					 "         AND q.table_name OPERATOR(pg_catalog.=) $2 AND q.row_key OPERATOR(pg_catalog.=) $3)),"
					 "   (SELECT p.hash FROM fms.transition_log AS p"
					 "     WHERE p.table_name OPERATOR(pg_catalog.=) $2 AND p.row_key OPERATOR(pg_catalog.=) $3"
					 "       AND NOT EXISTS (SELECT FROM fms.transition_log AS q"
					 "         WHERE q.table_name OPERATOR(pg_catalog.=) $2 AND q.row_key OPERATOR(pg_catalog.=) $3"
					 "           AND q.previous_hash OPERATOR(pg_catalog.=) p.hash)"
					 "     ORDER BY p.id DESC LIMIT 1)),"
					 "  NULL)::fms.transition_log AS r OFFSET 0) AS e", 10, argtypes);
	replace_plan(&cache.log_last_id,
				 "SELECT COALESCE(pg_catalog.max(l.id), 0),"
				 " COALESCE(pg_catalog.pg_sequence_last_value('fms.transition_log_id_seq'::pg_catalog.regclass), 0)"
				 " FROM fms.transition_log AS l", 0, NULL);
	argtypes[0] = REGCLASSOID;
	argtypes[1] = TEXTOID;
	replace_plan(&cache.log_latest,
				 "SELECT l.id, l.machine, l.to_state, l.effective_on FROM fms.transition_log AS l "
				 "WHERE l.table_name OPERATOR(pg_catalog.=) $1 AND l.row_key OPERATOR(pg_catalog.=) $2 "
				 "ORDER BY l.id DESC LIMIT 1", 2, argtypes);
	cache.log_owner = relation_owner(cache.log_relid);
	cache.log_sequence = fms_relation(nsp, "transition_log_id_seq");
	cache.verify_oid = LookupFuncName(list_make2(makeString("fms"), makeString("verify_workflow")),
									  0, NULL, false);
}

/* Read the machines and prepare the log statements (a CacheLoader). */
static void
load_workflow_tables(MemoryContext memory)
{
	Oid			nsp = get_namespace_oid("fms", false);

	cache.states_relid = fms_relation(nsp, "workflow_states");
	cache.transitions_relid = fms_relation(nsp, "workflow_transitions");
	cache.log_relid = fms_relation(nsp, "transition_log");
	load_machines(memory);
	prepare_log_statements(nsp);
}

static void
reload_cache(void)
{
	MemoryContext fresh;

	if (!callback_registered)
	{
		CacheRegisterRelcacheCallback(invalidate_cache, (Datum) 0);
		/* A guard function dropped or replaced changes its OID. */
		CacheRegisterSyscacheCallback(PROCOID, invalidate_on_function_change, (Datum) 0);
		callback_registered = true;
	}
	fresh = cache_load_into("fms workflow cache", &cache_valid, load_workflow_tables);

	/* Triggers of this transaction may still point into the old cache. */
	if (cache.memory != NULL)
		MemoryContextSetParent(cache.memory, TopTransactionContext);
	cache.memory = fresh;
}

const WorkflowCache *
workflow_cache(void)
{
	if (!cache_valid)
		reload_cache();
	return &cache;
}

const WorkflowMachine *
workflow_cache_machine(const WorkflowCache *c, const char *name)
{
	int			i;

	for (i = 0; i < c->nmachines; i++)
		if (strcmp(c->machines[i].name, name) == 0)
			return &c->machines[i];
	return NULL;
}
