/*-------------------------------------------------------------------------
 * kept_case_data.c
 *	  Keeps what fms derives per case and keeps for the reports current:
 *	  the value flows (fms.case_flows, src/sql/case_flows.sql) and the
 *	  balances (fms.case_balances, src/sql/case_money.sql).
 *
 *	  fms.note_case_change(kind): row trigger of the case tables; notes the
 *		case of the row (both cases, if an update moves the row to another)
 *		for the kind of kept data named by its argument, 'flows' or
 *		'balances';
 *	  fms.recompute_noted_cases(): statement trigger of the same tables;
 *		makes the recomputation due, by inserting a row into
 *		fms.kept_data_due;
 *	  fms.recompute_kept_data(): that table's constraint trigger, which
 *		recomputes each kind's data of the cases noted for it, as the owner
 *		of schema fms, so that writers need no rights on the kept tables.
 *
 * Rows note and statements recompute: a statement that writes many rows
 * of a case, or many cases, recomputes each case once.  The constraint is
 * INITIALLY IMMEDIATE, so its trigger fires as the statement trigger
 * inserts the row; a transaction that defers it (a bulk load of many
 * statements) has every case it noted recomputed once, at commit (or at
 * SET CONSTRAINTS ... IMMEDIATE): the row stays due, and the statements
 * after the first only note.  Which row changes
 * can move a kind's data is said in SQL, by the row triggers' WHEN
 * conditions (src/sql/case_keeping.sql), so that a change that moves none
 * (a status change) does not even call the row trigger.  The noted cases
 * wait in a set per kind that lives until the transaction ends.  A case
 * noted by a statement that then fails is recomputed by the next statement
 * trigger or forgotten with the transaction: recomputing is idempotent, so
 * either is right.  The recomputations are fixed here, so that no trigger
 * argument can name a function to run with the schema owner's rights.
 *
 * A logical replication subscriber's apply worker fires row triggers but
 * never statement triggers: there each row's cases are recomputed at once
 * (fms.applying_replicated_changes tells the licences' demand trigger the
 * same).  The worker that copies a table fires both, as COPY does, but
 * then applies the changes made during the copy firing only row triggers,
 * as this does not recompute for: the README says to rebuild the kept
 * tables once a table's copy is done.
 *
 * Two transactions that write rows of one case (a payment, a delivery)
 * each recompute it from what they see, which is not the other's rows:
 * the later would overwrite, or collide with, the earlier's result.  So a
 * recomputation first locks the cases' rows (FOR NO KEY UPDATE, as an
 * UPDATE of their status does, in the order of their keys) and reads with
 * a snapshot taken after the lock: the second waits for the first to end,
 * then sees its rows.  (Under REPEATABLE READ the second fails instead, to
 * be retried.)
 *
 * IDENTIFICATION
 *	  src/kept_case_data.c
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "access/xact.h"
#include "catalog/namespace.h"
#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "miscadmin.h"
#include "replication/logicalworker.h"
#include "replication/worker_internal.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/datum.h"
#include "utils/hsearch.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/syscache.h"

#include "cache_load.h"
#include "fms.h"

/*
 * A kind of kept data: the cases noted for it in this transaction (int32
 * keys, or NULL), and its recomputation, prepared once per backend and
 * again if fms.case_id[] is another type (the extension was dropped and
 * created again).
 */
typedef struct KeptKind
{
	const char *name;
	const char *recompute;
	HTAB	   *noted;
	SPIPlanPtr	plan;
	Oid			plan_argtype;
} KeptKind;

/* Locks the cases' rows before a recomputation reads them. */
static const char *lock_cases_sql =
"SELECT FROM fms.cases AS c WHERE c.case_id OPERATOR(fms.=) ANY ($1) ORDER BY c.case_id FOR NO KEY UPDATE";
static SPIPlanPtr lock_plan = NULL;
static Oid	lock_plan_argtype = InvalidOid;

static KeptKind kinds[] = {
	{"flows", "SELECT fms.recompute_case_flows($1)", NULL, NULL, InvalidOid},
	{"balances", "SELECT fms.recompute_case_balances($1)", NULL, NULL, InvalidOid}
};

/*
 * Whether a row of fms.kept_data_due waits for its trigger, inserted in
 * subtransaction due_in.
 */
static bool recompute_due = false;
static SubTransactionId due_in = InvalidSubTransactionId;

/*
 * A recomputation run inside a subtransaction (SET CONSTRAINTS ...
 * IMMEDIATE after a SAVEPOINT) that may yet be rolled back: then its
 * writes are undone, and the due row it deleted, inserted before, comes
 * back with its trigger event, which fires again; the cases it took must
 * be noted again for that.  Kept in TopTransactionContext, latest first:
 * those fired in a subtransaction and its children are always the latest.
 */
typedef struct Recomputation
{
	SubTransactionId fired_in;
	SubTransactionId row_in;
	HTAB	   *cases[lengthof(kinds)];	/* per kind */
	struct Recomputation *earlier;
} Recomputation;

static Recomputation *undoable = NULL;

static SPIPlanPtr make_due_plan = NULL;
static SPIPlanPtr forget_due_plan = NULL;

static bool callback_registered = false;

static void
forget_noted_cases(XactEvent event, void *arg)
{
	size_t		k;

	/* The sets live in TopTransactionContext, which goes with the transaction. */
	if (event == XACT_EVENT_COMMIT || event == XACT_EVENT_ABORT ||
		event == XACT_EVENT_PARALLEL_COMMIT || event == XACT_EVENT_PARALLEL_ABORT ||
		event == XACT_EVENT_PREPARE)
	{
		for (k = 0; k < lengthof(kinds); k++)
			kinds[k].noted = NULL;
		recompute_due = false;
		undoable = NULL;
	}
}

/* Note the cases of a set again, for a recomputation still to come. */
static void
note_again(KeptKind *kind, HTAB *cases)
{
	HASH_SEQ_STATUS scan;
	int32	   *case_id;

	if (cases == NULL)
		return;
	if (kind->noted == NULL)
	{
		kind->noted = cases;
		return;
	}
	hash_seq_init(&scan, cases);
	while ((case_id = hash_seq_search(&scan)) != NULL)
		(void) hash_search(kind->noted, case_id, HASH_ENTER, NULL);
}

/*
 * A row made due in a subtransaction rolled back is gone, with its trigger
 * event; a row deleted by a recomputation rolled back is due again, for
 * the cases that recomputation took.  (Subtransactions are numbered in the
 * order they start: those from subxid on are subxid and its children.)
 */
static void
forget_due_row(SubXactEvent event, SubTransactionId subxid, SubTransactionId parent_subxid, void *arg)
{
	size_t		k;

	if (event == SUBXACT_EVENT_COMMIT_SUB)
	{
		if (recompute_due && due_in == subxid)
			due_in = parent_subxid;
		return;
	}
	if (event != SUBXACT_EVENT_ABORT_SUB)
		return;
	if (recompute_due && due_in == subxid)
		recompute_due = false;
	while (undoable != NULL && undoable->fired_in >= subxid)
	{
		if (undoable->row_in < subxid)
		{
			for (k = 0; k < lengthof(kinds); k++)
				note_again(&kinds[k], undoable->cases[k]);
			recompute_due = true;
			due_in = undoable->row_in;
		}
		undoable = undoable->earlier;
	}
}

static void
note_case(KeptKind *kind, HeapTuple row, TupleDesc desc, int case_attnum)
{
	bool		isnull;
	Datum		value = heap_getattr(row, case_attnum, desc, &isnull);
	int32		case_id;

	if (isnull)
		return;
	case_id = fms_case_id_datum(value);
	if (kind->noted == NULL)
	{
		HASHCTL		ctl;

		if (!callback_registered)
		{
			RegisterXactCallback(forget_noted_cases, NULL);
			RegisterSubXactCallback(forget_due_row, NULL);
			callback_registered = true;
		}
		memset(&ctl, 0, sizeof(ctl));
		ctl.keysize = sizeof(int32);
		ctl.entrysize = sizeof(int32);
		ctl.hcxt = TopTransactionContext;
		kind->noted = hash_create("fms cases whose kept data moved", 256, &ctl,
								  HASH_ELEM | HASH_BLOBS | HASH_CONTEXT);
	}
	(void) hash_search(kind->noted, &case_id, HASH_ENTER, NULL);
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

/* The kind the trigger's argument names. */
static KeptKind *
trigger_kind(const Trigger *trigger)
{
	size_t		k;

	for (k = 0; trigger->tgnargs == 1 && k < lengthof(kinds); k++)
		if (strcmp(trigger->tgargs[0], kinds[k].name) == 0)
			return &kinds[k];
	ereport(ERROR,
			(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
			 errmsg("trigger \"%s\" must name what fms.note_case_change() notes cases for",
					fms_cut_value(trigger->tgname)),
			 trigger->tgnargs == 0 ? errdetail("It has no argument.") :
			 errdetail("Its first of %d arguments is %s.", trigger->tgnargs,
					   quote_literal_cstr(fms_cut_value(trigger->tgargs[0]))),
			 errhint("Pass one argument, 'flows' or 'balances'.")));
	return NULL;				/* keep compiler quiet */
}

/*
 * Whether this process applies a subscription's changes, which fires no
 * statement trigger (the initial copy of a table, which does, is not).
 */
static bool
applying_replicated_changes(void)
{
	return IsLogicalWorker() && !am_tablesync_worker();
}

PG_FUNCTION_INFO_V1(fms_applying_replicated_changes);
Datum
fms_applying_replicated_changes(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(applying_replicated_changes());
}

static void recompute_kind(KeptKind *kind, HTAB *cases, Oid case_type);

PG_FUNCTION_INFO_V1(fms_note_case_change);
Datum
fms_note_case_change(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = (TriggerData *) fcinfo->context;
	KeptKind   *kind;
	TupleDesc	desc;
	int			case_attnum;

	if (!CALLED_AS_TRIGGER(fcinfo) || !TRIGGER_FIRED_AFTER(trigdata->tg_event) ||
		!TRIGGER_FIRED_FOR_ROW(trigdata->tg_event))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("function \"%s\" must be fired AFTER INSERT, UPDATE or DELETE FOR EACH ROW",
						"fms.note_case_change")));
	kind = trigger_kind(trigdata->tg_trigger);
	desc = RelationGetDescr(trigdata->tg_relation);
	case_attnum = column_number(trigdata->tg_relation, "case_id", "fms.note_case_change");
	note_case(kind, trigdata->tg_trigtuple, desc, case_attnum);
	if (TRIGGER_FIRED_BY_UPDATE(trigdata->tg_event))
		note_case(kind, trigdata->tg_newtuple, desc, case_attnum);
	/* no statement trigger will come */
	if (applying_replicated_changes() && kind->noted != NULL)
	{
		HTAB	   *cases = kind->noted;

		kind->noted = NULL;
		recompute_kind(kind, cases, TupleDescAttr(desc, case_attnum - 1)->atttypid);
		hash_destroy(cases);
	}
	return PointerGetDatum(TRIGGER_FIRED_BY_UPDATE(trigdata->tg_event) ?
						   trigdata->tg_newtuple : trigdata->tg_trigtuple);
}

static SPIPlanPtr
recompute_statement(KeptKind *kind, Oid array_type)
{
	if (kind->plan != NULL && kind->plan_argtype != array_type)
	{
		SPI_freeplan(kind->plan);
		kind->plan = NULL;
	}
	if (kind->plan == NULL)
	{
		SPIPlanPtr	plan = SPI_prepare(kind->recompute, 1, &array_type);

		if (plan == NULL || SPI_keepplan(plan) != 0)
			elog(ERROR, "could not prepare the recomputation of %s: %s", kind->name,
				 SPI_result_code_string(SPI_result));
		kind->plan = plan;
		kind->plan_argtype = array_type;
	}
	return kind->plan;
}

static SPIPlanPtr
lock_statement(Oid array_type)
{
	if (lock_plan != NULL && lock_plan_argtype != array_type)
	{
		SPI_freeplan(lock_plan);
		lock_plan = NULL;
	}
	if (lock_plan == NULL)
	{
		SPIPlanPtr	plan = SPI_prepare(lock_cases_sql, 1, &array_type);

		if (plan == NULL || SPI_keepplan(plan) != 0)
			elog(ERROR, "could not prepare the lock of the cases recomputed: %s",
				 SPI_result_code_string(SPI_result));
		lock_plan = plan;
		lock_plan_argtype = array_type;
	}
	return lock_plan;
}

/* Recompute the kind's data of the cases taken from its noted set, as the schema owner. */
static void
recompute_kind(KeptKind *kind, HTAB *cases, Oid case_type)
{
	HASH_SEQ_STATUS scan;
	int32	   *case_id;
	Datum	   *values;
	int			n = 0;
	Oid			array_type;
	int16		typlen;
	bool		typbyval;
	char		typalign;
	Datum		argument;
	Oid			save_userid;
	int			save_sec_context;

	if (cases == NULL)
		return;
	values = palloc(sizeof(Datum) * Max(hash_get_num_entries(cases), 1));
	hash_seq_init(&scan, cases);
	while ((case_id = hash_seq_search(&scan)) != NULL)
		values[n++] = CaseIdGetDatum(*case_id);
	if (n == 0)
		return;

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
		ret = SPI_execute_plan(lock_statement(array_type), &argument, NULL, false, 0);
		if (ret != SPI_OK_SELECT)
			elog(ERROR, "could not lock the %d cases to recompute: %s", n, SPI_result_code_string(ret));
		ret = SPI_execute_plan(recompute_statement(kind, array_type), &argument, NULL, false, 0);
		if (ret != SPI_OK_SELECT)
			elog(ERROR, "could not recompute the %s of %d cases: %s", kind->name, n, SPI_result_code_string(ret));
		SPI_finish();
	}
	PG_FINALLY();
	{
		SetUserIdAndSecContext(save_userid, save_sec_context);
	}
	PG_END_TRY();
}

/* Run one fixed statement on fms.kept_data_due as the owner of schema fms. */
static void
run_on_due_table(SPIPlanPtr *plan, const char *sql, int nargs, Oid *argtypes, Datum *values, int expect)
{
	Oid			save_userid;
	int			save_sec_context;

	GetUserIdAndSecContext(&save_userid, &save_sec_context);
	SetUserIdAndSecContext(fms_schema_owner(), save_sec_context | SECURITY_LOCAL_USERID_CHANGE);
	PG_TRY();
	{
		int			ret;

		if (SPI_connect() != SPI_OK_CONNECT)
			elog(ERROR, "SPI_connect failed");
		if (*plan == NULL)
		{
			SPIPlanPtr	prepared = SPI_prepare(sql, nargs, argtypes);

			if (prepared == NULL || SPI_keepplan(prepared) != 0)
				elog(ERROR, "could not prepare \"%s\": %s", sql, SPI_result_code_string(SPI_result));
			*plan = prepared;
		}
		ret = SPI_execute_plan(*plan, values, NULL, false, 0);
		if (ret != expect)
			elog(ERROR, "could not run \"%s\": %s", sql, SPI_result_code_string(ret));
		SPI_finish();
	}
	PG_FINALLY();
	{
		SetUserIdAndSecContext(save_userid, save_sec_context);
	}
	PG_END_TRY();
}

PG_FUNCTION_INFO_V1(fms_recompute_noted_cases);
Datum
fms_recompute_noted_cases(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = (TriggerData *) fcinfo->context;
	size_t		k;

	if (!CALLED_AS_TRIGGER(fcinfo) || !TRIGGER_FIRED_AFTER(trigdata->tg_event) ||
		!TRIGGER_FIRED_FOR_STATEMENT(trigdata->tg_event))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("function \"%s\" must be fired AFTER INSERT, UPDATE or DELETE FOR EACH STATEMENT",
						"fms.recompute_noted_cases")));
	for (k = 0; k < lengthof(kinds) && kinds[k].noted == NULL; k++)
		;
	/* Nothing noted, or the recomputation already due covers these cases too. */
	if (k == lengthof(kinds) || recompute_due)
		return PointerGetDatum(NULL);
	/* Set first: where the constraint is immediate, the trigger fires within the INSERT. */
	recompute_due = true;
	due_in = GetCurrentSubTransactionId();
	PG_TRY();
	{
		run_on_due_table(&make_due_plan, "INSERT INTO fms.kept_data_due DEFAULT VALUES", 0, NULL, NULL,
						 SPI_OK_INSERT);
	}
	PG_CATCH();
	{
		recompute_due = false;
		PG_RE_THROW();
	}
	PG_END_TRY();
	return PointerGetDatum(NULL);
}

PG_FUNCTION_INFO_V1(fms_recompute_kept_data);
Datum
fms_recompute_kept_data(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = (TriggerData *) fcinfo->context;
	Oid			tid_type = TIDOID;
	Oid			nsp = get_namespace_oid("fms", false);
	Oid			case_type;
	Datum		row;
	Recomputation *taken;
	size_t		k;

	if (!CALLED_AS_TRIGGER(fcinfo) || !TRIGGER_FIRED_AFTER(trigdata->tg_event) ||
		!TRIGGER_FIRED_FOR_ROW(trigdata->tg_event) || !TRIGGER_FIRED_BY_INSERT(trigdata->tg_event))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("function \"%s\" must be fired AFTER INSERT FOR EACH ROW", "fms.recompute_kept_data")));
	if (RelationGetRelid(trigdata->tg_relation) != get_relname_relid("kept_data_due", nsp))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("function \"%s\" must be fired on fms.kept_data_due, not on %s",
						"fms.recompute_kept_data", fms_relation_name(trigdata->tg_relation))));
	/*
	 * Take the noted sets before recomputing, which may note again; cases
	 * noted from here on need a row of their own.
	 */
	taken = MemoryContextAllocZero(TopTransactionContext, sizeof(Recomputation));
	taken->fired_in = GetCurrentSubTransactionId();
	/* (A row inserted by hand is due for no one: none to restore.) */
	taken->row_in = recompute_due ? due_in : taken->fired_in;
	for (k = 0; k < lengthof(kinds); k++)
	{
		taken->cases[k] = kinds[k].noted;
		kinds[k].noted = NULL;
	}
	recompute_due = false;
	if (taken->fired_in != TopSubTransactionId)
	{
		taken->earlier = undoable;
		undoable = taken;
	}
	row = PointerGetDatum(&trigdata->tg_trigtuple->t_self);
	run_on_due_table(&forget_due_plan, "DELETE FROM fms.kept_data_due WHERE ctid OPERATOR(pg_catalog.=) $1", 1,
					 &tid_type, &row, SPI_OK_DELETE);
	case_type = GetSysCacheOid2(TYPENAMENSP, Anum_pg_type_oid, CStringGetDatum("case_id"), ObjectIdGetDatum(nsp));
	for (k = 0; k < lengthof(kinds); k++)
		recompute_kind(&kinds[k], taken->cases[k], case_type);
	/* In the transaction itself, nothing can undo it but the transaction's end. */
	if (taken->fired_in == TopSubTransactionId)
	{
		for (k = 0; k < lengthof(kinds); k++)
			if (taken->cases[k] != NULL)
				hash_destroy(taken->cases[k]);
		pfree(taken);
	}
	return PointerGetDatum(NULL);
}
