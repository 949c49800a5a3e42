/*-------------------------------------------------------------------------
 * governed_names.c
 *	  fms.keep_governed_names(): ddl_command_start event trigger that
 *	  refuses to rename a governed table, move it to another schema, or
 *	  rename its schema while the transition logs hold its rows' history.
 *
 * The logs file a row's history under its table's schema-qualified name
 * (the same on every node of a Citus cluster, where OIDs differ), so a new
 * name would start every row's history anew and leave the old one behind
 * under the old name.  The command is judged from its parse tree, before
 * it runs: afterwards the old name is gone.
 *
 * IDENTIFICATION
 *	  src/governed_names.c
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "catalog/namespace.h"
#include "catalog/pg_type.h"
#include "commands/event_trigger.h"
#include "executor/spi.h"
#include "nodes/parsenodes.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"

#include "cache_load.h"
#include "fms.h"

/*
 * The governed tables (with a trigger calling fms.enforce_workflow()) of
 * relation $1 or of schema $2 whose rows have entries in either log, by
 * name.
 */
static const char *const logged_tables_sql =
	"SELECT pg_catalog.format('%I.%I', n.nspname, c.relname)"
	"  FROM pg_catalog.pg_class AS c JOIN pg_catalog.pg_namespace AS n ON n.oid OPERATOR(pg_catalog.=) c.relnamespace"
	" WHERE (c.oid OPERATOR(pg_catalog.=) $1 OR c.relnamespace OPERATOR(pg_catalog.=) $2)"
	"   AND EXISTS (SELECT FROM pg_catalog.pg_trigger AS t"
	"                WHERE t.tgrelid OPERATOR(pg_catalog.=) c.oid"
	"                  AND t.tgfoid OPERATOR(pg_catalog.=) 'fms.enforce_workflow()'::pg_catalog.regprocedure)"
	"   AND (EXISTS (SELECT FROM fms.transition_log AS l"
	"                 WHERE l.table_name OPERATOR(pg_catalog.=) pg_catalog.format('%I.%I', n.nspname, c.relname))"
	"        OR EXISTS (SELECT FROM fms.row_transition_log AS l"
	"                    WHERE l.table_name OPERATOR(pg_catalog.=) pg_catalog.format('%I.%I', n.nspname, c.relname)))"
	" ORDER BY 1 LIMIT 1";

/* The table or schema whose name the command changes, if any. */
static void
renamed_object(Node *parsetree, Oid *relid, Oid *schema)
{
	*relid = InvalidOid;
	*schema = InvalidOid;
	if (IsA(parsetree, RenameStmt))
	{
		RenameStmt *stmt = (RenameStmt *) parsetree;

		if (stmt->renameType == OBJECT_TABLE && stmt->relation != NULL)
			*relid = RangeVarGetRelid(stmt->relation, NoLock, true);
		else if (stmt->renameType == OBJECT_SCHEMA)
			*schema = get_namespace_oid(stmt->subname, true);
	}
	else if (IsA(parsetree, AlterObjectSchemaStmt))
	{
		AlterObjectSchemaStmt *stmt = (AlterObjectSchemaStmt *) parsetree;

		if (stmt->objectType == OBJECT_TABLE && stmt->relation != NULL)
			*relid = RangeVarGetRelid(stmt->relation, NoLock, true);
	}
}

PG_FUNCTION_INFO_V1(fms_keep_governed_names);
Datum
fms_keep_governed_names(PG_FUNCTION_ARGS)
{
	EventTriggerData *trigdata = (EventTriggerData *) fcinfo->context;
	Oid			relid;
	Oid			schema;
	Oid			types[2] = {OIDOID, OIDOID};
	Datum		values[2];
	char	   *table = NULL;
	CacheLoad	load;
	MemoryContext caller = CurrentMemoryContext;

	if (!CALLED_AS_EVENT_TRIGGER(fcinfo) || strcmp(trigdata->event, "ddl_command_start") != 0)
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("function \"%s\" must be fired as an event trigger ON ddl_command_start",
						"fms.keep_governed_names")));
	if (trigdata->parsetree == NULL)
		PG_RETURN_VOID();
	/* Named as the user named them, with the user's search_path. */
	renamed_object(trigdata->parsetree, &relid, &schema);
	if (!OidIsValid(relid) && !OidIsValid(schema))
		PG_RETURN_VOID();

	/* The logs are read as the owner of schema fms: the user need not read them. */
	cache_load_begin(&load);
	values[0] = ObjectIdGetDatum(relid);
	values[1] = ObjectIdGetDatum(schema);
	if (SPI_execute_with_args(logged_tables_sql, 2, types, values, NULL, true, 1) != SPI_OK_SELECT)
		elog(ERROR, "could not read the transition logs");
	if (SPI_processed == 1)
		table = MemoryContextStrdup(caller, SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1));
	cache_load_end(&load);
	if (table == NULL)
		PG_RETURN_VOID();
	ereport(ERROR,
			(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
			 errmsg("cannot rename %s or move it to another schema", table),
			 errdetail("The transition log files the history of its rows under the table's schema-qualified name; "
					   "under a new one every row's history would start anew."),
			 errhint("Keep the name. To move the rows, insert them into a governed table of the new name "
					 "and cancel or delete them here.")));
	PG_RETURN_VOID();			/* keep compiler quiet */
}
