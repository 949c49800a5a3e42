/*-------------------------------------------------------------------------
 * case_flows.c
 *	  Keeps fms.case_flows, the value flows of each case, current (see
 *	  src/sql/case_flows.sql):
 *
 *	  fms.note_flow_change(): row trigger of the case tables; notes the case
 *		of the row (both cases, if an update moves the row to another);
 *	  fms.recompute_noted_flows(): statement trigger of the same tables;
 *		recomputes the flows of the noted cases (fms.recompute_case_flows)
 *		as the owner of schema fms, so that writers need no rights on
 *		fms.case_flows.
 *
 * Rows note and statements recompute: a statement that writes many rows
 * of a case, or many cases, recomputes each case once.  Which row changes
 * can move a flow is said in SQL, by the row triggers' WHEN conditions
 * (src/sql/case_flows.sql), so that a change that moves none (a status
 * change) does not even call the row trigger.  The noted cases wait in a
 * set that lives until the transaction ends.  A case noted by a statement
 * that then fails is recomputed by the next statement trigger or forgotten
 * with the transaction: recomputing is idempotent, so either is right.
 *
 * IDENTIFICATION
 *	  src/case_flows.c
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "access/xact.h"
#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/datum.h"
#include "utils/hsearch.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"

#include "cache_load.h"
#include "fms.h"

/* The cases noted in this transaction (int32 keys), or NULL. */
static HTAB *noted_cases = NULL;
static bool callback_registered = false;

/*
 * The recomputation, prepared once per backend, and again if fms.case_id[]
 * is another type (the extension was dropped and created again).
 */
static SPIPlanPtr recompute_plan = NULL;
static Oid	recompute_plan_argtype = InvalidOid;

static void
forget_noted_cases(XactEvent event, void *arg)
{
	/* The set lives in TopTransactionContext, which goes with the transaction. */
	if (event == XACT_EVENT_COMMIT || event == XACT_EVENT_ABORT ||
		event == XACT_EVENT_PARALLEL_COMMIT || event == XACT_EVENT_PARALLEL_ABORT ||
		event == XACT_EVENT_PREPARE)
		noted_cases = NULL;
}

static void
note_case(HeapTuple row, TupleDesc desc, int case_attnum)
{
	bool		isnull;
	Datum		value = heap_getattr(row, case_attnum, desc, &isnull);
	int32		case_id;

	if (isnull)
		return;
	case_id = fms_case_id_datum(value);
	if (noted_cases == NULL)
	{
		HASHCTL		ctl;

		if (!callback_registered)
		{
			RegisterXactCallback(forget_noted_cases, NULL);
			callback_registered = true;
		}
		memset(&ctl, 0, sizeof(ctl));
		ctl.keysize = sizeof(int32);
		ctl.entrysize = sizeof(int32);
		ctl.hcxt = TopTransactionContext;
		noted_cases = hash_create("fms cases whose flows moved", 256, &ctl, HASH_ELEM | HASH_BLOBS | HASH_CONTEXT);
	}
	(void) hash_search(noted_cases, &case_id, HASH_ENTER, NULL);
}

static int
column_number(Relation rel, const char *column, const char *function)
{
	int			attnum = SPI_fnumber(RelationGetDescr(rel), column);

	if (attnum <= 0)
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("function \"%s\" needs column \"%s\", which %s does not have",
						function, fms_cut_value(column), fms_relation_name(rel)),
				 errhint("Fire it on a table of case data, whose rows name their case in column case_id.")));
	return attnum;
}

PG_FUNCTION_INFO_V1(fms_note_flow_change);
Datum
fms_note_flow_change(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = (TriggerData *) fcinfo->context;
	TupleDesc	desc;
	int			case_attnum;

	if (!CALLED_AS_TRIGGER(fcinfo) || !TRIGGER_FIRED_AFTER(trigdata->tg_event) ||
		!TRIGGER_FIRED_FOR_ROW(trigdata->tg_event))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("function \"%s\" must be fired AFTER INSERT, UPDATE or DELETE FOR EACH ROW",
						"fms.note_flow_change")));
	desc = RelationGetDescr(trigdata->tg_relation);
	case_attnum = column_number(trigdata->tg_relation, "case_id", "fms.note_flow_change");
	note_case(trigdata->tg_trigtuple, desc, case_attnum);
	if (TRIGGER_FIRED_BY_UPDATE(trigdata->tg_event))
	{
		note_case(trigdata->tg_newtuple, desc, case_attnum);
		return PointerGetDatum(trigdata->tg_newtuple);
	}
	return PointerGetDatum(trigdata->tg_trigtuple);
}

static SPIPlanPtr
recompute_statement(Oid array_type)
{
	if (recompute_plan != NULL && recompute_plan_argtype != array_type)
	{
		SPI_freeplan(recompute_plan);
		recompute_plan = NULL;
	}
	if (recompute_plan == NULL)
	{
		SPIPlanPtr	plan = SPI_prepare("SELECT fms.recompute_case_flows($1)", 1, &array_type);

		if (plan == NULL || SPI_keepplan(plan) != 0)
			elog(ERROR, "could not prepare the recomputation of flows: %s", SPI_result_code_string(SPI_result));
		recompute_plan = plan;
		recompute_plan_argtype = array_type;
	}
	return recompute_plan;
}

PG_FUNCTION_INFO_V1(fms_recompute_noted_flows);
Datum
fms_recompute_noted_flows(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = (TriggerData *) fcinfo->context;
	HTAB	   *cases = noted_cases;
	HASH_SEQ_STATUS scan;
	int32	   *case_id;
	Datum	   *values;
	int			n = 0;
	Oid			case_type;
	Oid			array_type;
	int16		typlen;
	bool		typbyval;
	char		typalign;
	Datum		argument;
	Oid			save_userid;
	int			save_sec_context;

	if (!CALLED_AS_TRIGGER(fcinfo) || !TRIGGER_FIRED_AFTER(trigdata->tg_event) ||
		!TRIGGER_FIRED_FOR_STATEMENT(trigdata->tg_event))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("function \"%s\" must be fired AFTER INSERT, UPDATE or DELETE FOR EACH STATEMENT",
						"fms.recompute_noted_flows")));
	if (cases == NULL)
		return PointerGetDatum(NULL);

	/* Taken before recomputing, which may note again. */
	noted_cases = NULL;
	values = palloc(sizeof(Datum) * Max(hash_get_num_entries(cases), 1));
	hash_seq_init(&scan, cases);
	while ((case_id = hash_seq_search(&scan)) != NULL)
		values[n++] = CaseIdGetDatum(*case_id);
	hash_destroy(cases);
	if (n == 0)
		return PointerGetDatum(NULL);

	case_type = TupleDescAttr(RelationGetDescr(trigdata->tg_relation),
							  column_number(trigdata->tg_relation, "case_id", "fms.recompute_noted_flows") - 1)->atttypid;
	array_type = get_array_type(case_type);
	if (!OidIsValid(array_type))
		elog(ERROR, "type %u has no array type", case_type);
	get_typlenbyvalalign(case_type, &typlen, &typbyval, &typalign);
	argument = PointerGetDatum(construct_array(values, n, case_type, typlen, typbyval, typalign));

	GetUserIdAndSecContext(&save_userid, &save_sec_context);
	SetUserIdAndSecContext(fms_schema_owner(), save_sec_context |
						   SECURITY_LOCAL_USERID_CHANGE | SECURITY_RESTRICTED_OPERATION);
	PG_TRY();
	{
		int			ret;

		if (SPI_connect() != SPI_OK_CONNECT)
			elog(ERROR, "SPI_connect failed");
		ret = SPI_execute_plan(recompute_statement(array_type), &argument, NULL, false, 0);
		if (ret != SPI_OK_SELECT)
			elog(ERROR, "could not recompute the flows of %d cases: %s", n, SPI_result_code_string(ret));
		SPI_finish();
	}
	PG_FINALLY();
	{
		SetUserIdAndSecContext(save_userid, save_sec_context);
	}
	PG_END_TRY();
	return PointerGetDatum(NULL);
}
