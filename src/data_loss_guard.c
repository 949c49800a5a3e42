/*-------------------------------------------------------------------------
 * data_loss_guard.c
 *	  The commands that would silently throw case data away, refused:
 *
 *	  fms.refuse_truncate(): BEFORE TRUNCATE trigger of the case tables.
 *		TRUNCATE fires no row trigger, so it would empty a table behind the
 *		workflow, the lines' derivation and the log's history;
 *	  fms.refuse_drop_with_data(): ddl_command_start event trigger.  DROP
 *		EXTENSION fms (or DROP OWNED BY its owner) drops the extension's
 *		tables and every row in them; while they hold data of the user's
 *		(the rows pg_dump dumps: cases, the log, edited reference rows) it
 *		is refused unless fms.confirm_drop is on in the transaction.
 *
 * The event trigger reads the parse tree, so it judges only commands that
 * would drop fms itself: DROP EXTENSION of other extensions goes through.
 * A superuser can still bypass both (ALTER TABLE ... DISABLE TRIGGER,
 * ALTER EVENT TRIGGER ... DISABLE); that is deliberate, never silent.
 *
 * IDENTIFICATION
 *	  src/data_loss_guard.c
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "commands/event_trigger.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "nodes/parsenodes.h"
#include "utils/acl.h"
#include "utils/builtins.h"

#include "fms.h"

/*
 * The extension's tables with user data: those pg_dump dumps
 * (pg_extension_config_dump), each with the condition that picks the rows
 * it dumps (empty: all of them; seeded tables: the user's own rows).
 */
static const char *const user_data_sql =
	"SELECT pg_catalog.format('%I.%I', n.nspname, c.relname), x.condition"
	"  FROM pg_catalog.pg_extension AS e,"
	"       unnest(e.extconfig, e.extcondition) AS x(relid, condition),"
	"       pg_catalog.pg_class AS c, pg_catalog.pg_namespace AS n"
	" WHERE e.extname OPERATOR(pg_catalog.=) 'fms' AND c.oid OPERATOR(pg_catalog.=) x.relid"
	"   AND n.oid OPERATOR(pg_catalog.=) c.relnamespace AND c.relkind OPERATOR(pg_catalog.=) ANY ('{r,p}')"
	" ORDER BY 1";

PG_FUNCTION_INFO_V1(fms_refuse_truncate);
Datum
fms_refuse_truncate(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = (TriggerData *) fcinfo->context;
	char	   *name;

	if (!CALLED_AS_TRIGGER(fcinfo) || !TRIGGER_FIRED_BEFORE(trigdata->tg_event) ||
		!TRIGGER_FIRED_BY_TRUNCATE(trigdata->tg_event))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("function \"%s\" must be fired BEFORE TRUNCATE", "fms.refuse_truncate")));
	name = fms_relation_name(trigdata->tg_relation);
	ereport(ERROR,
			(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
			 errmsg("cannot truncate %s", name),
			 errdetail("TRUNCATE fires no row triggers: it would empty the table behind the workflow, "
					   "the values derived from its rows and the history logged for them."),
			 errhint("Delete the rows instead (DELETE FROM %s ...), which the rules check; "
					 "to start afresh, drop and create the database.", name)));
	PG_RETURN_NULL();			/* keep compiler quiet */
}

/* Whether a DROP EXTENSION or DROP OWNED statement would drop fms. */
static bool
drops_fms(Node *parsetree)
{
	ListCell   *cell;

	if (IsA(parsetree, DropStmt) && ((DropStmt *) parsetree)->removeType == OBJECT_EXTENSION)
	{
		foreach(cell, ((DropStmt *) parsetree)->objects)
		{
			if (strcmp(strVal(lfirst(cell)), "fms") == 0)
				return true;
		}
		return false;
	}
	if (IsA(parsetree, DropOwnedStmt))
	{
		Oid			owner = InvalidOid;
		bool		isnull;

		if (SPI_execute("SELECT e.extowner FROM pg_catalog.pg_extension AS e "
						"WHERE e.extname OPERATOR(pg_catalog.=) 'fms'", true, 1) != SPI_OK_SELECT)
			elog(ERROR, "could not read pg_extension");
		if (SPI_processed == 1)
			owner = DatumGetObjectId(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull));
		foreach(cell, ((DropOwnedStmt *) parsetree)->roles)
		{
			if (OidIsValid(owner) && get_rolespec_oid(lfirst(cell), true) == owner)
				return true;
		}
	}
	return false;
}

PG_FUNCTION_INFO_V1(fms_refuse_drop_with_data);
Datum
fms_refuse_drop_with_data(PG_FUNCTION_ARGS)
{
	EventTriggerData *trigdata = (EventTriggerData *) fcinfo->context;
	StringInfoData held;
	SPITupleTable *tables;
	uint64		ntables;
	uint64		i;

	if (!CALLED_AS_EVENT_TRIGGER(fcinfo) || strcmp(trigdata->event, "ddl_command_start") != 0)
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("function \"%s\" must be fired as an event trigger ON ddl_command_start",
						"fms.refuse_drop_with_data")));
	if (trigdata->parsetree == NULL || fms_confirm_drop)
		PG_RETURN_VOID();

	SPI_connect();
	if (!drops_fms(trigdata->parsetree))
	{
		SPI_finish();
		PG_RETURN_VOID();
	}
	initStringInfo(&held);
	if (SPI_execute(user_data_sql, true, 0) != SPI_OK_SELECT)
		elog(ERROR, "could not read the tables of extension fms");
	tables = SPI_tuptable;
	ntables = SPI_processed;
	for (i = 0; i < ntables; i++)
	{
		char	   *table = SPI_getvalue(tables->vals[i], tables->tupdesc, 1);
		char	   *condition = SPI_getvalue(tables->vals[i], tables->tupdesc, 2);
		bool		isnull;
		int64		rows;

		if (SPI_execute(psprintf("SELECT pg_catalog.count(*) FROM %s %s", table, condition ? condition : ""),
						true, 0) != SPI_OK_SELECT)
			elog(ERROR, "could not count the rows of %s", table);
		rows = DatumGetInt64(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull));
		if (rows > 0)
			appendStringInfo(&held, "%s%s " INT64_FORMAT, held.len > 0 ? ", " : "", table, rows);
	}
	SPI_finish();
	if (held.len > 0)
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("cannot drop extension fms: its tables hold data"),
				 errdetail("Rows of yours that would be dropped with the extension: %s.", held.data),
				 errhint("Dump the data first (pg_dump). To drop it anyway, confirm in the same transaction: "
						 "BEGIN; SET LOCAL fms.confirm_drop = on; DROP EXTENSION fms CASCADE; COMMIT;")));
	PG_RETURN_VOID();
}
