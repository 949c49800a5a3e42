/*-------------------------------------------------------------------------
 * workflow_trigger.c
 *	  fms.enforce_workflow(): the BEFORE INSERT OR UPDATE row trigger that
 *	  keeps a status column on the edges of a workflow machine.
 *
 *	  CREATE TRIGGER ... BEFORE INSERT OR UPDATE ON t FOR EACH ROW
 *		  EXECUTE FUNCTION fms.enforce_workflow('machine' [, 'status column']);
 *
 * An UPDATE that leaves the status alone returns at once, before any
 * lookup.  Otherwise the new state must be initial (INSERT) or reachable by
 * an edge (UPDATE); the edge's reason requirement and guard are checked; the
 * entered state's milestone column and the "<status>_since" column are
 * stamped with the effective date; and the change is logged in
 * fms.transition_log, written as the log's owner so that users need no
 * privilege on it and cannot forge entries.
 *
 * IDENTIFICATION
 *	  src/workflow_trigger.c
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "catalog/pg_index.h"
#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "nodes/makefuncs.h"
#include "nodes/pg_list.h"
#include "utils/relcache.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/lsyscache.h"
#include "utils/rel.h"
#include "utils/syscache.h"

#include "fms.h"
#include "workflow_cache.h"

/* A guard already looked up in this statement. */
typedef struct GuardCall
{
	Oid			guard_oid;
	FmgrInfo	flinfo;
} GuardCall;

/*
 * What the trigger needs to know about its table, worked out on the first
 * row of a statement and kept in fn_extra for the others: a table cannot
 * change shape while a statement writes it.
 */
typedef struct TableLayout
{
	Oid			trigger_oid;	/* the trigger and table it was worked out for */
	Oid			relid;
	int			status_attnum;
	int			log_id_attnum;	/* "<status>_log_id" bigint column, or 0 */
	int			since_attnum;	/* "<status>_since" date column, or 0 */
	int			case_id_attnum; /* "case_id" of type fms.case_id, 0 if none,
								 * -1 until known */
	/* The primary key, loaded with the first row that needs it. */
	int			nkeys;			/* 0 until loaded */
	AttrNumber	key_attnums[INDEX_MAX_KEYS];
	FmgrInfo	key_output[INDEX_MAX_KEYS];
	char	   *key_names;		/* "a" or "a, b", quoted as needed */
	List	   *guards;			/* of GuardCall */
	MemoryContext memory;		/* the statement's: fn_mcxt */
} TableLayout;

/* What one firing works on. */
typedef struct Firing
{
	Relation	rel;
	TupleDesc	desc;
	TableLayout *layout;
	const WorkflowMachine *machine;
	const char *status_column;
	HeapTuple	old_tuple;		/* NULL on INSERT */
	HeapTuple	new_tuple;
	int			from;			/* state index, -1 on INSERT */
	int			to;
	const char *from_name;		/* NULL on INSERT */
	char	   *to_name;
	DateADT		effective;
} Firing;

/* Attribute number of a column of type want_type, or 0 if there is none. */
static int
column_of_type(TupleDesc desc, const char *name, Oid want_type)
{
	int			attnum = SPI_fnumber(desc, name);

	if (attnum <= 0 || TupleDescAttr(desc, attnum - 1)->atttypid != want_type)
		return 0;
	return attnum;
}

/* The status column's attribute number; it must be a text column. */
static int
status_attnum(Relation rel, const char *column)
{
	int			attnum = SPI_fnumber(RelationGetDescr(rel), column);

	if (attnum <= 0)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_COLUMN),
				 errmsg("status column \"%s\" of fms.enforce_workflow() does not exist in %s",
						column, fms_relation_name(rel)),
				 errhint("Pass the status column as the trigger's second argument.")));
	if (TupleDescAttr(RelationGetDescr(rel), attnum - 1)->atttypid != TEXTOID)
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("status column \"%s\" of %s must be of type text", column, fms_relation_name(rel)),
				 errdetail("It is of type %s.",
						   format_type_be(TupleDescAttr(RelationGetDescr(rel), attnum - 1)->atttypid)),
				 errhint("Status columns are plain text; change the column's type or name another column.")));
	return attnum;
}

/*
 * The layout of the trigger's table, from fn_extra when an earlier row of
 * the statement worked it out.
 */
static TableLayout *
table_layout(FunctionCallInfo fcinfo, const Trigger *trigger, Relation rel, const char *status_column)
{
	TableLayout *layout = (TableLayout *) fcinfo->flinfo->fn_extra;
	TupleDesc	desc = RelationGetDescr(rel);

	if (layout != NULL && layout->trigger_oid == trigger->tgoid && layout->relid == RelationGetRelid(rel))
		return layout;
	layout = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(TableLayout));
	layout->memory = fcinfo->flinfo->fn_mcxt;
	layout->trigger_oid = trigger->tgoid;
	layout->relid = RelationGetRelid(rel);
	layout->status_attnum = status_attnum(rel, status_column);
	layout->log_id_attnum = column_of_type(desc, psprintf("%s_log_id", status_column), INT8OID);
	layout->since_attnum = column_of_type(desc, psprintf("%s_since", status_column), DATEOID);
	layout->case_id_attnum = -1;
	fcinfo->flinfo->fn_extra = layout;
	return layout;
}

/*
 * The table's primary key index, deferrable or not, or InvalidOid.  (Read
 * from pg_index: RelationGetPrimaryKeyIndex skips deferrable keys and
 * changes its signature in PostgreSQL 18.)
 */
static Oid
primary_key_index(Relation rel)
{
	List	   *indexes = RelationGetIndexList(rel);
	ListCell   *cell;
	Oid			pk = InvalidOid;

	foreach(cell, indexes)
	{
		Oid			index_oid = lfirst_oid(cell);
		HeapTuple	tuple = SearchSysCache1(INDEXRELID, ObjectIdGetDatum(index_oid));

		if (!HeapTupleIsValid(tuple))
			continue;
		if (((Form_pg_index) GETSTRUCT(tuple))->indisprimary)
			pk = index_oid;
		ReleaseSysCache(tuple);
		if (OidIsValid(pk))
			break;
	}
	list_free(indexes);
	return pk;
}

/*
 * One key value; in a composite key quoted as record output quotes it, so
 * that ("a,b", c) and (a, "b,c") stay apart.
 */
static void
append_key_value(StringInfo buf, const char *value, bool composite)
{
	const char *p;
	bool		quote = composite && value[0] == '\0';

	for (p = value; composite && *p && !quote; p++)
		quote = (*p == '"' || *p == '\\' || *p == ',' || *p == '(' || *p == ')' ||
				 *p == ' ' || *p == '\t' || *p == '\n' || *p == '\r');
	if (!quote)
	{
		appendStringInfoString(buf, value);
		return;
	}
	appendStringInfoChar(buf, '"');
	for (p = value; *p; p++)
	{
		if (*p == '"' || *p == '\\')
			appendStringInfoChar(buf, *p);
		appendStringInfoChar(buf, *p);
	}
	appendStringInfoChar(buf, '"');
}

/*
 * Load the table's primary key into the layout: a governed table needs one,
 * because the transition log identifies rows by it.
 */
static void
load_primary_key(TableLayout *layout, Relation rel)
{
	Oid			pk = primary_key_index(rel);
	HeapTuple	index_tuple;
	Form_pg_index index;
	StringInfoData names;
	MemoryContext old_context;
	int			i;

	if (!OidIsValid(pk))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_OBJECT_DEFINITION),
				 errmsg("table %s governed by fms.enforce_workflow() has no primary key", fms_relation_name(rel)),
				 errhint("The transition log identifies rows by their primary key; add one.")));
	index_tuple = SearchSysCache1(INDEXRELID, ObjectIdGetDatum(pk));
	if (!HeapTupleIsValid(index_tuple))
		elog(ERROR, "cache lookup failed for index %u", pk);
	index = (Form_pg_index) GETSTRUCT(index_tuple);

	old_context = MemoryContextSwitchTo(layout->memory);
	initStringInfo(&names);
	for (i = 0; i < index->indnkeyatts; i++)
	{
		AttrNumber	attnum = index->indkey.values[i];
		Form_pg_attribute attr = TupleDescAttr(RelationGetDescr(rel), attnum - 1);
		Oid			output;
		bool		varlena;

		if (i > 0)
			appendStringInfoString(&names, ", ");
		appendStringInfoString(&names, quote_identifier(NameStr(attr->attname)));
		getTypeOutputInfo(attr->atttypid, &output, &varlena);
		fmgr_info_cxt(output, &layout->key_output[i], layout->memory);
		layout->key_attnums[i] = attnum;
	}
	layout->key_names = names.data;
	layout->nkeys = index->indnkeyatts;
	MemoryContextSwitchTo(old_context);
	ReleaseSysCache(index_tuple);
}

/*
 * The primary key of tuple: as "(a, b)=(1, x)" for messages (describe, if
 * not NULL) and as "1" or "(1,x)" for the log (key).
 */
static void
primary_key_text(const Firing *f, HeapTuple tuple, char **describe, char **key)
{
	TableLayout *layout = f->layout;
	StringInfoData values;
	int			i;

	if (layout->nkeys == 0)
		load_primary_key(layout, f->rel);
	initStringInfo(&values);
	for (i = 0; i < layout->nkeys; i++)
	{
		bool		isnull;
		Datum		value = heap_getattr(tuple, layout->key_attnums[i], f->desc, &isnull);

		if (i > 0)
			appendStringInfoChar(&values, ',');
		if (isnull)
			appendStringInfoString(&values, "null");
		else
			append_key_value(&values, OutputFunctionCall(&layout->key_output[i], value), layout->nkeys > 1);
	}
	if (describe != NULL)
		*describe = psprintf("(%s)=(%s)", layout->key_names, values.data);
	*key = layout->nkeys == 1 ? values.data : psprintf("(%s)", values.data);
}

/* Comma-separated names of the states reachable from from (-1: initial). */
static char *
state_list(const WorkflowMachine *machine, int from)
{
	StringInfoData list;
	int			cursor = 0;
	int			next;

	initStringInfo(&list);
	while ((next = workflow_next_state(machine, from, &cursor)) >= 0)
	{
		if (list.len > 0)
			appendStringInfoString(&list, ", ");
		appendStringInfoString(&list, machine->states[next].name);
	}
	return list.data;
}

/* Comma-separated names of all states, in position order. */
static char *
state_list_all(const WorkflowMachine *machine)
{
	StringInfoData list;
	int			i;

	initStringInfo(&list);
	for (i = 0; i < machine->nstates; i++)
		appendStringInfo(&list, "%s%s", i > 0 ? ", " : "", machine->states[i].name);
	return list.data;
}

static void refuse(const Firing *f, const char *detail, const char *hint) pg_attribute_noreturn();
static void refuse_edge(const Firing *f) pg_attribute_noreturn();

static void
refuse(const Firing *f, const char *detail, const char *hint)
{
	const char *to_name = f->to_name ? f->to_name : "null";
	char	   *describe;
	char	   *key;

	primary_key_text(f, f->new_tuple, &describe, &key);
	if (f->from_name == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_CHECK_VIOLATION),
				 errmsg("new row %s of %s cannot start in state \"%s\"",
						describe, fms_relation_name(f->rel), to_name),
				 errdetail_internal("%s", detail),
				 hint ? errhint("%s", hint) : 0,
				 errtable(f->rel)));
	ereport(ERROR,
			(errcode(ERRCODE_CHECK_VIOLATION),
			 errmsg("row %s of %s cannot move from \"%s\" to \"%s\"",
					describe, fms_relation_name(f->rel), f->from_name, to_name),
			 errdetail_internal("%s", detail),
			 hint ? errhint("%s", hint) : 0,
			 errtable(f->rel)));
}

/* Refuse a change to a state the machine has no edge to. */
static void
refuse_edge(const Firing *f)
{
	const WorkflowMachine *m = f->machine;
	char	   *detail;

	if (f->to_name == NULL)
		detail = psprintf("The status of a row governed by workflow machine \"%s\" cannot be NULL; its states are: %s.",
						  m->name, state_list_all(m));
	else if (f->to < 0)
		detail = psprintf("\"%s\" is not a state of workflow machine \"%s\", whose states are: %s.",
						  f->to_name, m->name, state_list_all(m));
	else if (f->from_name == NULL)
		detail = psprintf("Rows of workflow machine \"%s\" start in: %s.", m->name, state_list(m, -1));
	else if (f->from < 0)
		detail = psprintf("The row's current status \"%s\" is not a state of workflow machine \"%s\", whose states are: %s.",
						  f->from_name, m->name, state_list_all(m));
	else if (m->states[f->from].is_terminal)
		detail = psprintf("\"%s\" is a terminal state of workflow machine \"%s\".", f->from_name, m->name);
	else
		detail = psprintf("From \"%s\", workflow machine \"%s\" allows: %s.",
						  f->from_name, m->name, state_list(m, f->from));
	refuse(f, detail, NULL);
}

/*
 * History may be replayed with fms.effective_date, but not out of order:
 * a change cannot take effect before the row entered its current state.
 */
static void
check_effective_date_order(const Firing *f)
{
	bool		isnull;
	Datum		since;

	if (f->layout->since_attnum == 0)
		return;
	since = heap_getattr(f->old_tuple, f->layout->since_attnum, f->desc, &isnull);
	if (!isnull && DatumGetDateADT(since) > f->effective)
		refuse(f, psprintf("The change would take effect on %s, before the row entered \"%s\" on %s.",
						   fms_iso_date(f->effective), f->from_name, fms_iso_date(DatumGetDateADT(since))),
			   "Set fms.effective_date to a date on or after the last change.");
}

/*
 * Stamp the entered state's milestone column (if still NULL) and the
 * "<status>_since" column with the effective date.  A milestone column the
 * table lacks is a definition error.
 */
static HeapTuple
stamp_dates(const Firing *f)
{
	const char *milestone = f->machine->states[f->to].milestone_column;
	int			columns[2];
	Datum		values[2];
	bool		nulls[2] = {false, false};
	int			n = 0;
	int			attnum;

	if (milestone != NULL)
	{
		bool		isnull;

		attnum = column_of_type(f->desc, milestone, DATEOID);
		if (attnum == 0)
			ereport(ERROR,
					(errcode(ERRCODE_UNDEFINED_COLUMN),
					 errmsg("milestone column \"%s\" of state \"%s\" (workflow machine \"%s\") is not a date column of %s",
							milestone, f->to_name, f->machine->name, fms_relation_name(f->rel)),
					 errhint("Add the column to the table, or change milestone_column in fms.workflow_states.")));
		(void) heap_getattr(f->new_tuple, attnum, f->desc, &isnull);
		if (isnull)
		{
			columns[n] = attnum;
			values[n++] = DateADTGetDatum(f->effective);
		}
	}
	if (f->layout->since_attnum > 0)
	{
		columns[n] = f->layout->since_attnum;
		values[n++] = DateADTGetDatum(f->effective);
	}
	if (n == 0)
		return f->new_tuple;
	return heap_modify_tuple_by_cols(f->new_tuple, f->desc, n, columns, values, nulls);
}

/*
 * The guard's call info, set up on its first call in the statement; a
 * polymorphic guard learns the row type from the call expression.
 */
static FmgrInfo *
guard_call(const Firing *f, Oid guard_oid)
{
	TableLayout *layout = f->layout;
	ListCell   *cell;
	GuardCall  *call;
	MemoryContext old_context;

	foreach(cell, layout->guards)
	{
		call = (GuardCall *) lfirst(cell);
		if (call->guard_oid == guard_oid)
			return &call->flinfo;
	}
	old_context = MemoryContextSwitchTo(layout->memory);
	call = palloc0(sizeof(GuardCall));
	call->guard_oid = guard_oid;
	fmgr_info_cxt(guard_oid, &call->flinfo, layout->memory);
	fmgr_info_set_expr((Node *) makeFuncExpr(guard_oid, TEXTOID,
											 list_make1(makeNullConst(RelationGetForm(f->rel)->reltype, -1, InvalidOid)),
											 InvalidOid, InvalidOid, COERCE_EXPLICIT_CALL),
					   &call->flinfo);
	layout->guards = lappend(layout->guards, call);
	MemoryContextSwitchTo(old_context);
	return &call->flinfo;
}

/* Call the edge's guard on the new row; its text, if any, refuses. */
static void
check_guard(const Firing *f, const WorkflowEdge *edge)
{
	LOCAL_FCINFO(fcinfo, 1);
	Datum		result;

	if (edge->guard_oid == InvalidOid)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_FUNCTION),
				 errmsg("guard %s of workflow machine \"%s\", edge \"%s\" to \"%s\", does not exist",
						edge->guard, f->machine->name, f->from_name, f->to_name),
				 errhint("Create the function, or change the guard in fms.workflow_transitions.")));
	InitFunctionCallInfoData(*fcinfo, guard_call(f, edge->guard_oid), 1, InvalidOid, NULL, NULL);
	fcinfo->args[0].value = heap_copy_tuple_as_datum(f->new_tuple, f->desc);
	fcinfo->args[0].isnull = false;
	result = FunctionCallInvoke(fcinfo);
	if (!fcinfo->isnull)
		refuse(f, psprintf("%s (guard %s)", TextDatumGetCString(result), edge->guard), NULL);
}

/*
 * Run a kept plan on fms.transition_log as the log's owner, so that users
 * need no privilege on the log and cannot write it themselves.  Returns
 * whether a row came back, and its first column in *first.
 */
static bool
query_log(const WorkflowCache *cache, SPIPlanPtr plan, Datum *values, const char *nulls,
		  bool read_only, Datum *first)
{
	Oid			save_userid;
	int			save_sec_context;
	int			ret;
	bool		found = false;

	GetUserIdAndSecContext(&save_userid, &save_sec_context);
	SetUserIdAndSecContext(cache->log_owner, save_sec_context | SECURITY_LOCAL_USERID_CHANGE);
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	ret = SPI_execute_plan(plan, values, nulls, read_only, 1);
	if (ret < 0)
		elog(ERROR, "could not use fms.transition_log: %s", SPI_result_code_string(ret));
	if (SPI_processed > 0)
	{
		Form_pg_attribute attr = TupleDescAttr(SPI_tuptable->tupdesc, 0);
		bool		isnull;
		Datum		value = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull);

		if (!isnull)
		{
			*first = SPI_datumTransfer(value, attr->attbyval, attr->attlen);
			found = true;
		}
	}
	SPI_finish();
	SetUserIdAndSecContext(save_userid, save_sec_context);
	return found;
}

/* Append the change to fms.transition_log; returns the entry's id. */
static int64
log_change(const Firing *f, const WorkflowCache *cache)
{
	char	   *key;
	Datum		values[9];
	char		nulls[9];
	int			case_id_attnum;
	const char *reason = (fms_reason != NULL && fms_reason[0] != '\0') ? fms_reason : NULL;
	bool		isnull;
	Datum		id;

	if (f->layout->case_id_attnum < 0)
		f->layout->case_id_attnum = column_of_type(f->desc, "case_id", cache->case_id_type);
	case_id_attnum = f->layout->case_id_attnum;
	primary_key_text(f, f->new_tuple, NULL, &key);
	memset(nulls, ' ', sizeof(nulls));
	values[0] = ObjectIdGetDatum(RelationGetRelid(f->rel));
	values[1] = CStringGetTextDatum(key);
	values[2] = case_id_attnum > 0 ? heap_getattr(f->new_tuple, case_id_attnum, f->desc, &isnull) : (Datum) 0;
	nulls[2] = (case_id_attnum == 0 || isnull) ? 'n' : ' ';
	values[3] = CStringGetTextDatum(f->machine->name);
	values[4] = f->from_name ? CStringGetTextDatum(f->from_name) : (Datum) 0;
	nulls[4] = f->from_name ? ' ' : 'n';
	values[5] = CStringGetTextDatum(f->to_name);
	values[6] = DateADTGetDatum(f->effective);
	values[7] = CStringGetTextDatum(fms_current_actor());
	values[8] = reason ? CStringGetTextDatum(reason) : (Datum) 0;
	nulls[8] = reason ? ' ' : 'n';

	if (!query_log(cache, cache->log_insert, values, nulls, false, &id))
		elog(ERROR, "the insert into fms.transition_log returned no id");
	return DatumGetInt64(id);
}

/*
 * A row inserted with its "<status>_log_id" already set is a copy of an
 * existing row (pg_restore, a move between databases): its history is in
 * the log, whose latest entry for the row must record it entering, under
 * the same machine, the state it arrives in.
 * Such a row is neither checked against the machine again nor logged again.
 */
static void
check_history(const Firing *f, const WorkflowCache *cache, Datum log_id)
{
	char	   *key;
	Datum		values[4];
	Datum		state;

	primary_key_text(f, f->new_tuple, NULL, &key);
	values[0] = log_id;
	values[1] = ObjectIdGetDatum(RelationGetRelid(f->rel));
	values[2] = CStringGetTextDatum(key);
	values[3] = CStringGetTextDatum(f->machine->name);
	if (query_log(cache, cache->log_lookup, values, NULL, true, &state) &&
		f->to_name != NULL && strcmp(TextDatumGetCString(state), f->to_name) == 0)
		return;
	refuse(f, psprintf("The row arrives with %s_log_id " INT64_FORMAT ", but that is not the latest fms.transition_log entry of this row recording it entering \"%s\".",
					   f->status_column, DatumGetInt64(log_id), f->to_name ? f->to_name : "null"),
		   psprintf("Leave %s_log_id out of a new row: the workflow sets it.", f->status_column));
}

static bool
same_text(Datum a, Datum b)
{
	text	   *ta = DatumGetTextPP(a);
	text	   *tb = DatumGetTextPP(b);

	return VARSIZE_ANY_EXHDR(ta) == VARSIZE_ANY_EXHDR(tb) &&
		memcmp(VARDATA_ANY(ta), VARDATA_ANY(tb), VARSIZE_ANY_EXHDR(ta)) == 0;
}

/* An update that keeps the status must keep "<status>_log_id" too. */
static void
check_log_id_kept(const Firing *f, int attnum, Datum new_id, bool new_null)
{
	bool		old_null;
	Datum		old_id = heap_getattr(f->old_tuple, attnum, f->desc, &old_null);
	char	   *describe;
	char	   *key;

	if (old_null == new_null && (new_null || DatumGetInt64(old_id) == DatumGetInt64(new_id)))
		return;
	primary_key_text(f, f->new_tuple, &describe, &key);
	ereport(ERROR,
			(errcode(ERRCODE_CHECK_VIOLATION),
			 errmsg("%s_log_id of row %s of %s is set by the workflow and cannot be changed",
					f->status_column, describe, fms_relation_name(f->rel)),
			 errdetail("It points to the transition log entry of the row's latest status change."),
			 errtable(f->rel)));
}

PG_FUNCTION_INFO_V1(fms_enforce_workflow);
Datum
fms_enforce_workflow(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = (TriggerData *) fcinfo->context;
	Trigger    *trigger;
	const WorkflowCache *cache;
	const WorkflowEdge *edge = NULL;
	Firing		f;
	int			attnum;
	bool		new_null;
	bool		old_null = true;
	Datum		new_status;
	Datum		old_status = (Datum) 0;
	int			log_id_attnum;
	Datum		new_log_id = (Datum) 0;
	bool		log_id_null = true;
	int64		logged;

	if (!CALLED_AS_TRIGGER(fcinfo))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("function \"%s\" must be fired as a trigger", "fms.enforce_workflow")));
	if (!TRIGGER_FIRED_BEFORE(trigdata->tg_event) || !TRIGGER_FIRED_FOR_ROW(trigdata->tg_event) ||
		!(TRIGGER_FIRED_BY_INSERT(trigdata->tg_event) || TRIGGER_FIRED_BY_UPDATE(trigdata->tg_event)))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("function \"%s\" must be fired BEFORE INSERT OR UPDATE FOR EACH ROW", "fms.enforce_workflow")));
	trigger = trigdata->tg_trigger;
	if (trigger->tgnargs < 1 || trigger->tgnargs > 2)
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("trigger \"%s\" must pass fms.enforce_workflow() a machine name and optionally a status column",
						trigger->tgname)));

	memset(&f, 0, sizeof(f));
	f.rel = trigdata->tg_relation;
	f.desc = RelationGetDescr(f.rel);
	f.status_column = trigger->tgnargs > 1 ? trigger->tgargs[1] : "status";
	f.layout = table_layout(fcinfo, trigger, f.rel, f.status_column);
	attnum = f.layout->status_attnum;
	if (TRIGGER_FIRED_BY_UPDATE(trigdata->tg_event))
	{
		f.old_tuple = trigdata->tg_trigtuple;
		f.new_tuple = trigdata->tg_newtuple;
		old_status = heap_getattr(f.old_tuple, attnum, f.desc, &old_null);
	}
	else
		f.new_tuple = trigdata->tg_trigtuple;
	new_status = heap_getattr(f.new_tuple, attnum, f.desc, &new_null);

	log_id_attnum = f.layout->log_id_attnum;
	if (log_id_attnum > 0)
		new_log_id = heap_getattr(f.new_tuple, log_id_attnum, f.desc, &log_id_null);

	/* The common case: an update that leaves the status alone. */
	if (f.old_tuple != NULL && old_null == new_null &&
		(new_null || same_text(old_status, new_status)))
	{
		if (log_id_attnum > 0)
			check_log_id_kept(&f, log_id_attnum, new_log_id, log_id_null);
		return PointerGetDatum(f.new_tuple);
	}

	cache = workflow_cache();
	f.machine = workflow_cache_machine(cache, trigger->tgargs[0]);
	if (f.machine == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_OBJECT),
				 errmsg("workflow machine \"%s\" of trigger \"%s\" on %s is not defined",
						trigger->tgargs[0], trigger->tgname, fms_relation_name(f.rel)),
				 errhint("Define its states in fms.workflow_states, or fix the trigger's argument.")));
	f.to_name = new_null ? NULL : TextDatumGetCString(new_status);
	f.to = new_null ? -1 : workflow_find_state(f.machine, f.to_name, strlen(f.to_name));
	f.from = -1;
	if (!old_null)
	{
		f.from_name = TextDatumGetCString(old_status);
		f.from = workflow_find_state(f.machine, f.from_name, strlen(f.from_name));
	}
	f.effective = fms_effective_date();

	if (f.old_tuple == NULL && log_id_attnum > 0 && !log_id_null)
	{
		check_history(&f, cache, new_log_id);
		return PointerGetDatum(f.new_tuple);
	}
	if (f.to < 0)
		refuse_edge(&f);
	if (f.from_name == NULL)
	{
		if (!f.machine->states[f.to].is_initial)
			refuse_edge(&f);
	}
	else
	{
		edge = f.from < 0 ? NULL : workflow_find_edge(f.machine, f.from, f.to);
		if (edge == NULL)
			refuse_edge(&f);
		if (edge->requires_reason && (fms_reason == NULL || fms_reason[0] == '\0'))
			refuse(&f, psprintf("Moving from \"%s\" to \"%s\" requires a reason.", f.from_name, f.to_name),
				   "Set one for the transaction first, e.g. SET LOCAL fms.reason = 'purchaser withdrew the LOR'.");
		check_effective_date_order(&f);
	}

	f.new_tuple = stamp_dates(&f);
	if (edge != NULL && edge->guard != NULL)
		check_guard(&f, edge);
	logged = log_change(&f, cache);
	if (log_id_attnum > 0)
	{
		Datum		value = Int64GetDatum(logged);
		bool		isnull = false;

		f.new_tuple = heap_modify_tuple_by_cols(f.new_tuple, f.desc, 1, &log_id_attnum, &value, &isnull);
	}
	return PointerGetDatum(f.new_tuple);
}
