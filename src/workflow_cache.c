/*-------------------------------------------------------------------------
 * workflow_cache.c
 *	  Per-backend cache of the workflow machines, read from
 *	  fms.workflow_states and fms.workflow_transitions, and of the prepared
 *	  statements on the transition logs.
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
#include "citus_shard.h"
#include "fms.h"
#include "workflow_cache.h"

static WorkflowCache cache;
static bool cache_valid = false;
static bool callback_registered = false;

static void
invalidate_cache(Datum arg, Oid relid)
{
	if (relid == InvalidOid || relid == cache.states_relid ||
		relid == cache.transitions_relid || workflow_cache_is_log(&cache, relid))
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
					 "FROM %s ORDER BY machine, position, state", "workflow_states");
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
					 "FROM %s ORDER BY machine, from_state, to_state", "workflow_transitions");
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

static void
forget_plan(SPIPlanPtr *slot)
{
	if (*slot != NULL)
		SPI_freeplan(*slot);
	*slot = NULL;
}

/*
 * The entries to write, as rows: for many, the parameters are arrays, one
 * element an entry; for one, the parameters are the values.  (With arrays
 * alone, the plan cache, finding the custom plan for a one-element array
 * cheaper than its generic plan, planned a one-row write anew every time:
 * 40% of a one-row update.  Always generic plans would not do either: made
 * while the log is small, they scan it whole.)
 */
static char *
log_rows(bool many, int nparams, const int *params, bool ordinality, const char *alias)
{
	StringInfoData buf;
	int			i;

	initStringInfo(&buf);
	appendStringInfoString(&buf, many ? "ROWS FROM (" : "(VALUES (");
	for (i = 0; i < nparams; i++)
		appendStringInfo(&buf, many ? "%spg_catalog.unnest($%d)" : "%s$%d", i > 0 ? ", " : "", params[i]);
	appendStringInfo(&buf, many ? ")%s AS %s" : "))%s AS %s", ordinality ? " WITH ORDINALITY" : "", alias);
	return buf.data;
}

/*
 * Prepare and keep the statements on one log, named name; with_case_id if
 * its entries carry the row's case.
 */
static void
prepare_log(LogTable *log, Oid relid, const char *name, const char *shown_as, bool with_case_id)
{
	static const int entry_params[12] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 13, 14};
	static const int key_params[2] = {1, 2};
	Oid			types[14] = {INT8OID, TEXTOID, TEXTOID, cache.case_id_type, TEXTOID, TEXTOID, TEXTOID, DATEOID,
	TEXTOID, TEXTOID, TIMESTAMPTZOID, TEXTOID, BYTEAOID, BYTEAOID};
	Oid			array_types[14];
	const char *case_id = with_case_id ? " case_id," : "";
	const char *case_id_value = with_case_id ? " e.case_id," : "";
	bool		by_oid;
	int			many;
	int			i;

	log->relid = relid;
	log->name = name;
	log->shown_as = shown_as;
	log->with_case_id = with_case_id;
	for (i = 0; i < 14; i++)
		array_types[i] = (i == 10 || i == 11) ? types[i] : get_array_type(types[i]);
	/* A log not yet updated to 1.2 (the library is new, ALTER EXTENSION UPDATE not yet run) has no seals. */
	log->sealed = get_attnum(relid, "hash") != InvalidAttrNumber;

	for (many = 0; many <= 1; many++)
	{
		Oid		   *argtypes = many ? array_types : types;

		if (!log->sealed)
		{
			replace_plan(&log->insert[many],
						 psprintf("INSERT INTO %s (id, table_name, row_key, case_id, machine, from_state,"
								  " to_state, effective_on, actor, reason) OVERRIDING SYSTEM VALUE SELECT e.* FROM %s",
								  name, log_rows(many, 10, entry_params, false, "e")), 10, argtypes);
			forget_plan(&log->heads[many]);
			continue;
		}
		replace_plan(&log->insert[many],
					 psprintf("INSERT INTO %s (id, table_name, row_key,%s machine, from_state, to_state,"
							  " effective_on, recorded_at, actor, reason, db_user, previous_hash, hash) OVERRIDING SYSTEM VALUE"
							  " SELECT e.id, e.table_name, e.row_key,%s e.machine, e.from_state, e.to_state,"
							  " e.effective_on, $11, e.actor, e.reason, $12, e.previous_hash, e.hash FROM %s",
							  name, case_id, case_id_value,
							  log_rows(many, 12, entry_params, false,
									   "e(id, table_name, row_key, case_id, machine, from_state, to_state, effective_on,"
									   " actor, reason, previous_hash, hash)")), 14, argtypes);

		/*
		 * The seal of each row's entry written last: the one no other entry
		 * of the row is chained to (see log_seal.c), NULL for a row without
		 * entries.  That is usually the one with the highest id, found with
		 * one probe of the row's entries and checked with one of the links'
		 * index (any entry chained to it sends the search on: a seal names
		 * one entry, unless the log was forged); only then are the row's
		 * entries searched: a change made by a trigger while an earlier
		 * change of the same row waits is written first.  (One search
		 * alone, whatever the plan, read the row's whole history on every
		 * write.)
		 */
		replace_plan(&log->heads[many],
					 psprintf("SELECT CASE WHEN n.hash IS NULL THEN NULL"
							  "  WHEN NOT EXISTS (SELECT FROM %1$s AS q"
							  "   WHERE q.previous_hash OPERATOR(pg_catalog.=) n.hash)"
							  "  THEN n.hash"
							  "  ELSE (SELECT p.hash FROM %1$s AS p"
							  "    WHERE p.table_name OPERATOR(pg_catalog.=) k.table_name AND p.row_key OPERATOR(pg_catalog.=) k.row_key"
							  "      AND NOT EXISTS (SELECT FROM %1$s AS q"
							  "        WHERE q.table_name OPERATOR(pg_catalog.=) k.table_name"
							  "          AND q.row_key OPERATOR(pg_catalog.=) k.row_key"
							  "          AND q.previous_hash OPERATOR(pg_catalog.=) p.hash)"
							  "    ORDER BY p.id DESC LIMIT 1) END"
							  " FROM %2$s"
							  " LEFT JOIN LATERAL (SELECT p.hash FROM %1$s AS p"
							  "   WHERE p.table_name OPERATOR(pg_catalog.=) k.table_name"
							  "     AND p.row_key OPERATOR(pg_catalog.=) k.row_key"
							  "   ORDER BY p.id DESC LIMIT 1) AS n ON true%3$s",
							  name,
							  log_rows(many, 2, key_params, many, many ? "k(table_name, row_key, i)" : "k(table_name, row_key)"),
							  many ? " ORDER BY k.i" : ""),
					 2, many ? &array_types[1] : &types[1]);
	}
	/* A log not yet updated to 1.2 files a table by its OID. */
	by_oid = get_atttype(relid, get_attnum(relid, "table_name")) == REGCLASSOID;
	/*
	 * The case, where the log keeps one, is compared too: an entry filed
	 * under another case (forged while the triggers were off) is not the
	 * row's.  NULL for a row without a case (the licences, in a log not
	 * yet updated to 1.2).
	 */
	replace_plan(&log->latest,
				 psprintf("SELECT l.id, l.machine, l.to_state, l.effective_on FROM %s AS l "
						  "WHERE l.table_name OPERATOR(pg_catalog.=) $1%s AND l.row_key OPERATOR(pg_catalog.=) $2%s "
						  "ORDER BY l.id DESC LIMIT 1", name, by_oid ? "::pg_catalog.regclass" : "",
						  with_case_id ? " AND ($3 IS NULL OR l.case_id OPERATOR(fms.=) $3)" : ""),
				 with_case_id ? 3 : 2, &types[1]);
}

/*
 * Prepare and keep the statements on the logs: fms.transition_log for the
 * rows of a case, fms.row_transition_log for the others, or, before the
 * update to release 1.2 made the second, the first for all.
 */
static void
prepare_log_statements(Oid nsp)
{
	Oid			case_log = fms_relation(nsp, "transition_log");
	Oid			row_log = get_relname_relid("row_transition_log", nsp);

	cache.case_id_type = GetSysCacheOid2(TYPENAMENSP, Anum_pg_type_oid,
										 CStringGetDatum("case_id"), ObjectIdGetDatum(nsp));
	prepare_log(&cache.logs[CASE_LOG], case_log, "fms.transition_log", "fms.transition_log", true);
	cache.nlogs = 1;
	if (OidIsValid(row_log))
	{
		prepare_log(&cache.logs[ROW_LOG], row_log, "fms.row_transition_log", "fms.row_transition_log", false);
		cache.nlogs = 2;
	}
	replace_plan(&cache.log_last_id,
				 OidIsValid(row_log)
				 ? "SELECT GREATEST(COALESCE((SELECT pg_catalog.max(l.id) FROM fms.transition_log AS l), 0),"
				 "                 COALESCE((SELECT pg_catalog.max(l.id) FROM fms.row_transition_log AS l), 0)),"
				 " COALESCE(pg_catalog.pg_sequence_last_value('fms.transition_log_id_seq'::pg_catalog.regclass), 0)"
				 : "SELECT COALESCE(pg_catalog.max(l.id), 0),"
				 " COALESCE(pg_catalog.pg_sequence_last_value('fms.transition_log_id_seq'::pg_catalog.regclass), 0)"
				 " FROM fms.transition_log AS l", 0, NULL);
	cache.log_owner = relation_owner(case_log);
	cache.log_sequence = fms_relation(nsp, "transition_log_id_seq");
	cache.verify_oid = LookupFuncName(list_make2(makeString("fms"), makeString("verify_workflow")),
									  0, NULL, false);
}

Oid
workflow_cache_log_of(const WorkflowCache *c, Oid relid, bool of_a_case)
{
	Oid			log = c->logs[of_a_case || c->nlogs == 1 ? CASE_LOG : ROW_LOG].relid;

	return fms_colocated_shard(log, relid);
}

/*
 * The statements on a shard of a log, kept like the logs' own: written
 * there directly, a shard is a table of this node, and a statement on the
 * log itself would be a distributed query inside the shard's (which Citus
 * refuses).
 */
static const LogTable *
shard_log(Oid shard)
{
	Oid			log = fms_shard_table(shard);
	MemoryContext old;
	LogTable   *kept;
	const char *name;
	ListCell   *cell;
	int			k;

	foreach(cell, cache.shard_logs)
	{
		kept = lfirst(cell);
		if (kept->relid == shard)
			return kept;
	}
	for (k = 0; k < cache.nlogs && cache.logs[k].relid != log; k++)
		;
	if (k == cache.nlogs)
		elog(ERROR, "relation %u is not a shard of a transition log", shard);
	old = MemoryContextSwitchTo(cache.memory);
	kept = palloc0(sizeof(LogTable));
	name = quote_qualified_identifier(get_namespace_name(get_rel_namespace(shard)), get_rel_name(shard));
	cache.shard_logs = lappend(cache.shard_logs, kept);
	MemoryContextSwitchTo(old);
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	prepare_log(kept, shard, name, cache.logs[k].shown_as, cache.logs[k].with_case_id);
	SPI_finish();
	return kept;
}

const LogTable *
workflow_cache_log(const WorkflowCache *c, Oid log_relid)
{
	int			k;

	for (k = 0; k < c->nlogs; k++)
		if (c->logs[k].relid == log_relid)
			return &c->logs[k];
	return shard_log(log_relid);
}

bool
workflow_cache_is_base_log(const WorkflowCache *c, Oid relid)
{
	int			k;

	for (k = 0; k < c->nlogs; k++)
		if (c->logs[k].relid == relid)
			return true;
	return false;
}

bool
workflow_cache_is_log(const WorkflowCache *c, Oid relid)
{
	ListCell   *cell;

	if (workflow_cache_is_base_log(c, relid))
		return true;
	foreach(cell, c->shard_logs)
		if (((const LogTable *) lfirst(cell))->relid == relid)
			return true;
	return false;
}

/* Read the machines and prepare the log statements (a CacheLoader). */
static void
load_workflow_tables(MemoryContext memory)
{
	Oid			nsp = get_namespace_oid("fms", false);
	ListCell   *cell;

	/* The statements on log shards are prepared again when next needed. */
	foreach(cell, cache.shard_logs)
	{
		LogTable   *log = lfirst(cell);

		forget_plan(&log->insert[0]);
		forget_plan(&log->insert[1]);
		forget_plan(&log->heads[0]);
		forget_plan(&log->heads[1]);
		forget_plan(&log->latest);
	}
	cache.shard_logs = NIL;

	cache.states_relid = fms_relation(nsp, "workflow_states");
	cache.transitions_relid = fms_relation(nsp, "workflow_transitions");
	load_machines(memory);
	prepare_log_statements(nsp);
}

static void
reload_cache(void)
{
	MemoryContext fresh;

	if (!callback_registered)
	{
		cache_on_relation_change(invalidate_cache);
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
