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
 * stamped with the effective date (the "<status>_since" the statement
 * gives, else fms.effective_date, else today); and the change is recorded
 * for fms.transition_log.
 *
 * fms.verify_workflow(), the AFTER trigger every governed table needs,
 * logs the change once the row is written (an INSERT ... ON CONFLICT, or a
 * trigger firing later, may write nothing), after checking the row as
 * finally written; the entry is written when the statement ends (see
 * statement_end.c).  So a row's status and its latest log entry always
 * agree:
 *  - an UPDATE may change neither the primary key (the log files history
 *    under it) nor "<status>_log_id" and "<status>_since" except through a
 *    status change;
 *  - a row that arrives with its history is not moved along the machine
 *    but checked against its log: a restored row ("<status>_log_id" set on
 *    INSERT, or a row the table's owner loads with COPY that is not a new
 *    row), and every row under session_replication_role = replica.  For
 *    the table's owner, who could disable the triggers anyway, a restored
 *    or loaded row that disagrees is kept, and a log entry records its
 *    status.
 *  - only tables whose owner could write the log are governed: the
 *    triggers write and read it with the log owner's rights, so that users
 *    need no privilege on it and cannot forge entries.
 *
 * A new row under a key that has history (a row deleted, then inserted
 * again) continues that history, unless the table's verify trigger says
 * its keys are not reused ('keys_not_reused', as a licence number names
 * one application for good): then the new row is refused, since it would
 * show the deleted row's history as its own, and only the table's owner
 * may insert a row with its history (a writer could name the deleted
 * row's entry).  Checked after the row is written, when the unique index
 * has waited for any concurrent delete of the key to end.
 *
 * IDENTIFICATION
 *	  src/workflow_trigger.c
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <ctype.h>

#include "access/htup_details.h"
#include "catalog/namespace.h"
#include "catalog/pg_class.h"
#include "catalog/pg_index.h"
#include "catalog/pg_trigger.h"
#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "nodes/bitmapset.h"
#include "nodes/makefuncs.h"
#include "nodes/pg_list.h"
#include "tcop/pquery.h"
#include "utils/acl.h"
#include "utils/relcache.h"
#include "utils/builtins.h"
#include "utils/datum.h"
#include "utils/date.h"
#include "utils/lsyscache.h"
#include "utils/rel.h"
#include "utils/syscache.h"

#include "citus_shard.h"
#include "fms.h"
#include "replica_check.h"
#include "transition_log.h"
#include "workflow_cache.h"
#include "workflow_pending.h"

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
	Oid			table;			/* the table the log names: relid, or for a
								 * Citus shard the table it belongs to */
	Oid			log_relid;		/* the log written: see workflow_cache_log_of() */
	int			status_attnum;
	int			log_id_attnum;	/* "<status>_log_id" bigint column, or 0 */
	int			since_attnum;	/* "<status>_since" date column, or 0 */
	int			case_id_attnum; /* "case_id" of type fms.case_id, or 0 */
	int			nkeys;			/* the primary key */
	AttrNumber	key_attnums[INDEX_MAX_KEYS];
	FmgrInfo	key_output[INDEX_MAX_KEYS];
	char	   *key_names;		/* "a" or "a, b", quoted as needed */
	bool		owner_may_reconcile;	/* the current user owns the table */
	List	   *guards;			/* of GuardCall */
	MemoryContext memory;		/* the statement's: fn_mcxt */
} TableLayout;

/* What one firing works on. */
typedef struct Firing
{
	Relation	rel;
	TupleDesc	desc;
	TableLayout *layout;
	const WorkflowMachine *machine; /* NULL in fms.verify_workflow() */
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
 * The trigger writes and reads the log with its owner's rights, so only a
 * table whose owner has them may be governed: otherwise any role that can
 * create a table (a TEMP one will do) could write the log.  A temporary
 * table is refused too: its entries would outlive it.
 */
static void
check_governable(Relation rel, const WorkflowCache *cache)
{
	Oid			owner = rel->rd_rel->relowner;

	if (rel->rd_rel->relpersistence == RELPERSISTENCE_TEMP)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("temporary table %s cannot be governed by fms.enforce_workflow()", fms_relation_name(rel)),
				 errdetail("The transition log keeps its entries after the table is gone."),
				 errhint("Govern a permanent table.")));
	if (!has_privs_of_role(owner, cache->log_owner))
		ereport(ERROR,
				(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
				 errmsg("table %s cannot be governed by fms.enforce_workflow(): its owner %s may not write the transition logs",
						fms_relation_name(rel), GetUserNameFromId(owner, false)),
				 errdetail("The workflow writes the log with the rights of its owner, %s.",
						   GetUserNameFromId(cache->log_owner, false)),
				 errhint("An administrator puts a table under the workflow by giving it to that role: ALTER TABLE %s OWNER TO %s.",
						 fms_relation_name(rel), quote_identifier(GetUserNameFromId(cache->log_owner, false)))));
}

/* Whether the table's rows belong to a case, which their log says. */
static bool
of_a_case(const Firing *f)
{
	return f->layout->case_id_attnum > 0;
}

/* The log of the table's rows, as messages name it. */
static const char *
rows_log(const Firing *f, const WorkflowCache *cache)
{
	return workflow_cache_log(cache, f->layout->log_relid)->shown_as;
}

/* TRIGGER_TYPE_INSERT and _UPDATE bits of the row triggers among them. */
#define ROW_WRITE_EVENTS(tgtype) ((tgtype) & (TRIGGER_TYPE_INSERT | TRIGGER_TYPE_UPDATE))

/*
 * A BEFORE trigger cannot see what triggers fired after it do to the row,
 * so the table needs fms.verify_workflow() AFTER the same events.
 */
static void
check_verify_trigger(Relation rel, const Trigger *trigger, const char *status_column,
					 const WorkflowCache *cache)
{
	int			needed = ROW_WRITE_EVENTS(trigger->tgtype);
	int			covered = 0;
	int			i;

	for (i = 0; rel->trigdesc != NULL && i < rel->trigdesc->numtriggers; i++)
	{
		const Trigger *t = &rel->trigdesc->triggers[i];
		const char *column = t->tgnargs > 0 ? t->tgargs[0] : "status";

		if (t->tgfoid == cache->verify_oid && t->tgenabled != TRIGGER_DISABLED &&
			TRIGGER_FOR_ROW(t->tgtype) && TRIGGER_FOR_AFTER(t->tgtype) &&
			strcmp(column, status_column) == 0)
			covered |= ROW_WRITE_EVENTS(t->tgtype);
	}
	if ((needed & ~covered) != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_OBJECT_DEFINITION),
				 errmsg("table %s governed by fms.enforce_workflow() has no enabled fms.verify_workflow() trigger for %s",
						fms_relation_name(rel), (needed & ~covered & TRIGGER_TYPE_INSERT) ? "INSERT" : "UPDATE"),
				 errdetail("Without it, a trigger that fires after the workflow's could change the status unchecked."),
				 errhint("CREATE TRIGGER verify_workflow AFTER INSERT OR UPDATE ON %s FOR EACH ROW EXECUTE FUNCTION fms.verify_workflow(%s);",
						 fms_relation_name(rel), quote_literal_cstr(status_column))));
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

/* The types whose text the session's settings shape (as fms.workflow_trigger_problem lists them). */
static bool
key_text_depends_on_settings(Oid type)
{
	switch (type)
	{
		case DATEOID:
		case TIMEOID:
		case TIMETZOID:
		case TIMESTAMPOID:
		case TIMESTAMPTZOID:
		case INTERVALOID:
		case FLOAT4OID:
		case FLOAT8OID:
		case CASHOID:
			return true;
		default:
			return false;
	}
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

		if (key_text_depends_on_settings(attr->atttypid))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_OBJECT_DEFINITION),
					 errmsg("table %s governed by fms.enforce_workflow() has a primary key column whose text depends on session settings: %s (%s)",
							fms_relation_name(rel), quote_identifier(NameStr(attr->attname)), format_type_be(attr->atttypid)),
					 errdetail("The transition log files rows under their key's text, which DateStyle, TimeZone, IntervalStyle, extra_float_digits or lc_monetary would change."),
					 errhint("Key the table by columns of other types.")));
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
 * The layout of the trigger's table, from fn_extra when an earlier row of
 * the statement worked it out.  A BEFORE trigger (fms.enforce_workflow())
 * also checks that the table has its AFTER companion.
 */
static TableLayout *
table_layout(FunctionCallInfo fcinfo, const Trigger *trigger, Relation rel, const char *status_column,
			 const WorkflowCache *cache, bool before)
{
	TableLayout *layout = (TableLayout *) fcinfo->flinfo->fn_extra;
	TupleDesc	desc = RelationGetDescr(rel);

	if (layout != NULL && layout->trigger_oid == trigger->tgoid && layout->relid == RelationGetRelid(rel))
		return layout;
	check_governable(rel, cache);
	layout = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(TableLayout));
	layout->memory = fcinfo->flinfo->fn_mcxt;
	layout->trigger_oid = trigger->tgoid;
	layout->relid = RelationGetRelid(rel);
	layout->status_attnum = status_attnum(rel, status_column);
	layout->log_id_attnum = column_of_type(desc, psprintf("%s_log_id", status_column), INT8OID);
	layout->since_attnum = column_of_type(desc, psprintf("%s_since", status_column), DATEOID);
	layout->case_id_attnum = column_of_type(desc, "case_id", cache->case_id_type);
	/* fms.transition_log keeps the rows of a case by case (from release 1.2). */
	if (layout->case_id_attnum > 0 && !TupleDescAttr(desc, layout->case_id_attnum - 1)->attnotnull &&
		cache->nlogs > 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_OBJECT_DEFINITION),
				 errmsg("table %s governed by fms.enforce_workflow() has a case_id column that may be null", fms_relation_name(rel)),
				 errdetail("The rows of a table with a case_id column belong to a case: fms.transition_log keeps their history by case."),
				 errhint("ALTER TABLE %s ALTER COLUMN case_id SET NOT NULL;", fms_relation_name(rel))));
	layout->table = fms_shard_table(layout->relid);
	if (!OidIsValid(layout->table))
		layout->table = layout->relid;
	layout->log_relid = workflow_cache_log_of(cache, layout->relid, layout->case_id_attnum > 0);
	layout->owner_may_reconcile = fms_owns_relation(RelationGetRelid(rel));
	load_primary_key(layout, rel);
	if (before)
		check_verify_trigger(rel, trigger, status_column, cache);
	fcinfo->flinfo->fn_extra = layout;
	return layout;
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
				 isspace((unsigned char) *p));
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
 * The primary key of tuple: as "(a, b)=(1, x)" for messages (describe, if
 * not NULL) and as "1" or "(1,x)" for the log (key).
 */
static void
primary_key_text(const Firing *f, HeapTuple tuple, char **describe, char **key)
{
	TableLayout *layout = f->layout;
	StringInfoData values;
	int			i;

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
		*describe = psprintf("(%s)=(%s)", layout->key_names, fms_cut_value(values.data));
	if (key != NULL)
		*key = layout->nkeys == 1 ? values.data : psprintf("(%s)", values.data);
}

/*
 * The latest entry of the row in tuple, written or waiting, filed under
 * its key (and its case, for a row of a case); false if it has none.
 */
static bool
latest_entry(const Firing *f, const WorkflowCache *cache, HeapTuple tuple, LogEntry *entry)
{
	bool		no_case = true;
	Datum		case_id = (Datum) 0;
	char	   *key;

	primary_key_text(f, tuple, NULL, &key);
	if (of_a_case(f))
		case_id = heap_getattr(tuple, f->layout->case_id_attnum, f->desc, &no_case);
	return transition_log_latest(cache, f->layout->log_relid, f->layout->table, key, !no_case, case_id, entry);
}

/* True if the column has the same value (the same image) in both tuples. */
static bool
column_kept(const Firing *f, int attnum)
{
	Form_pg_attribute attr = TupleDescAttr(f->desc, attnum - 1);
	bool		old_null;
	bool		new_null;
	Datum		old_value = heap_getattr(f->old_tuple, attnum, f->desc, &old_null);
	Datum		new_value = heap_getattr(f->new_tuple, attnum, f->desc, &new_null);

	if (old_null || new_null)
		return old_null == new_null;
	return datum_image_eq(old_value, new_value, attr->attbyval, attr->attlen);
}

static bool
key_kept(const Firing *f)
{
	int			i;

	for (i = 0; i < f->layout->nkeys; i++)
		if (!column_kept(f, f->layout->key_attnums[i]))
			return false;
	return true;
}

/*
 * The history of a row is filed under its key, and a case's row's under
 * its case too (fms.transition_log), so neither can change.
 */
static void
check_key_kept(const Firing *f)
{
	char	   *old_key;
	char	   *new_key;

	if (key_kept(f))
	{
		if (of_a_case(f) && !column_kept(f, f->layout->case_id_attnum))
		{
			primary_key_text(f, f->new_tuple, &new_key, NULL);
			ereport(ERROR,
					(errcode(ERRCODE_CHECK_VIOLATION),
					 errmsg("row %s of %s cannot move to another case", new_key, fms_relation_name(f->rel)),
					 errdetail("fms.transition_log keeps the row's history under its case; under another case the row would have none."),
					 errhint("Insert a row for the other case, and cancel or delete this one."),
					 errtable(f->rel)));
		}
		return;
	}
	primary_key_text(f, f->old_tuple, &old_key, NULL);
	primary_key_text(f, f->new_tuple, &new_key, NULL);
	ereport(ERROR,
			(errcode(ERRCODE_CHECK_VIOLATION),
			 errmsg("row %s of %s cannot change its primary key to %s",
					old_key, fms_relation_name(f->rel), new_key),
			 errdetail("The transition log records the row's history under its key; under a new key the row would have none."),
			 errhint("Insert a row under the new key, and cancel or delete the old one."),
			 errtable(f->rel)));
}

/*
 * An update that keeps the status must keep the columns the workflow sets
 * with it: "<status>_log_id" and "<status>_since".
 */
static void
check_workflow_columns_kept(const Firing *f)
{
	int			attnums[2] = {f->layout->log_id_attnum, f->layout->since_attnum};
	static const char *const suffixes[2] = {"log_id", "since"};
	static const char *const meanings[2] = {
		"It points to the transition log entry of the row's latest status change.",
		"It is the date the row's latest status change took effect, as the transition log records it."
	};
	int			i;
	char	   *describe;

	for (i = 0; i < 2; i++)
	{
		if (attnums[i] == 0 || column_kept(f, attnums[i]))
			continue;
		primary_key_text(f, f->new_tuple, &describe, NULL);
		ereport(ERROR,
				(errcode(ERRCODE_CHECK_VIOLATION),
				 errmsg("%s_%s of row %s of %s is set by the workflow and cannot be changed",
						f->status_column, suffixes[i], describe, fms_relation_name(f->rel)),
				 errdetail("%s", meanings[i]),
				 errhint("It changes with the status; to record a change, change %s.", f->status_column),
				 errtable(f->rel)));
	}
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

pg_noreturn static void refuse(const Firing *f, const char *detail, const char *hint);
pg_noreturn static void refuse_edge(const Firing *f);

static void
refuse(const Firing *f, const char *detail, const char *hint)
{
	const char *to_name = f->to_name ? fms_cut_value(f->to_name) : "null";
	char	   *describe;

	primary_key_text(f, f->new_tuple, &describe, NULL);
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
					describe, fms_relation_name(f->rel), fms_cut_value(f->from_name), to_name),
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
						  fms_cut_value(f->to_name), m->name, state_list_all(m));
	else if (f->from_name == NULL)
		detail = psprintf("Rows of workflow machine \"%s\" start in: %s.", m->name, state_list(m, -1));
	else if (f->from < 0)
		detail = psprintf("The row's current status \"%s\" is not a state of workflow machine \"%s\", whose states are: %s.",
						  fms_cut_value(f->from_name), m->name, state_list_all(m));
	else if (m->states[f->from].is_terminal)
		detail = psprintf("\"%s\" is a terminal state of workflow machine \"%s\".", f->from_name, m->name);
	else
		detail = psprintf("From \"%s\", workflow machine \"%s\" allows: %s.",
						  f->from_name, m->name, state_list(m, f->from));
	refuse(f, detail, NULL);
}

/*
 * How the row in tuple disagrees with its latest log entry, or NULL if it
 * agrees: the entry records it entering its status (under machine, unless
 * NULL), "<status>_log_id" points to it and "<status>_since" is its date.
 */
static char *
log_disagreement(const Firing *f, const WorkflowCache *cache, HeapTuple tuple,
				 const char *machine, LogEntry *entry, bool *found)
{
	TableLayout *layout = f->layout;
	bool		isnull;
	Datum		value;

	const char *log = rows_log(f, cache);

	*found = latest_entry(f, cache, tuple, entry);
	if (!*found)
		return psprintf("%s has no entry for the row.", log);
	if (machine != NULL && strcmp(entry->machine, machine) != 0)
		return psprintf("The row's latest %s entry, " INT64_FORMAT ", is under workflow machine \"%s\", not \"%s\".",
						log, entry->id, entry->machine, machine);
	if (f->to_name == NULL || strcmp(entry->to_state, f->to_name) != 0)
		return psprintf("The row's status is \"%s\", but its latest %s entry, " INT64_FORMAT ", records it entering \"%s\".",
						f->to_name ? fms_cut_value(f->to_name) : "null", log, entry->id, entry->to_state);
	if (layout->log_id_attnum > 0)
	{
		value = heap_getattr(tuple, layout->log_id_attnum, f->desc, &isnull);
		if (isnull || DatumGetInt64(value) != entry->id)
			return psprintf("The row's %s_log_id is %s, but its latest %s entry is " INT64_FORMAT ".",
							f->status_column, isnull ? "null" : psprintf(INT64_FORMAT, DatumGetInt64(value)), log, entry->id);
	}
	if (layout->since_attnum > 0)
	{
		value = heap_getattr(tuple, layout->since_attnum, f->desc, &isnull);
		if (isnull || DatumGetDateADT(value) != entry->effective_on)
			return psprintf("The row's %s_since is %s, but its latest %s entry, " INT64_FORMAT ", took effect on %s.",
							f->status_column, isnull ? "null" : fms_iso_date(DatumGetDateADT(value)),
							log, entry->id, fms_iso_date(entry->effective_on));
	}
	return NULL;
}

/*
 * The date a change takes effect: the row's own "<status>_since" when the
 * statement gives it (an INSERT with the column set, an UPDATE that sets
 * it), so that one statement can replay many rows' histories, each on its
 * own date; otherwise fms.effective_date, else today.  Either way the
 * checks below keep each row's history in order.
 */
static DateADT
change_date(const Firing *f, const TriggerData *trigdata)
{
	int			attnum = f->layout->since_attnum;
	bool		isnull;
	Datum		since;

	if (attnum == 0 ||
		(f->old_tuple != NULL &&
		 !bms_is_member(attnum - FirstLowInvalidHeapAttributeNumber, trigdata->tg_updatedcols)))
		return fms_effective_date();
	since = heap_getattr(f->new_tuple, attnum, f->desc, &isnull);
	if (isnull)
		return fms_effective_date();
	if (DATE_NOT_FINITE(DatumGetDateADT(since)))
		refuse(f, psprintf("A change cannot take effect on %s.",
						   DATE_IS_NOBEGIN(DatumGetDateADT(since)) ? "-infinity" : "infinity"),
			   psprintf("Give %s_since a finite date, or leave it out to use fms.effective_date.", f->status_column));
	return DatumGetDateADT(since);
}

/*
 * History may be replayed with fms.effective_date, but not out of order:
 * a change cannot take effect before the row entered its current state.
 * "<status>_since" says when (the workflow keeps it); the log says it for
 * tables without the column.
 */
static void
check_effective_date_order(const Firing *f, const WorkflowCache *cache)
{
	bool		isnull = true;
	Datum		since_datum;
	DateADT		since;
	LogEntry	entry;

	if (f->layout->since_attnum > 0)
		since_datum = heap_getattr(f->old_tuple, f->layout->since_attnum, f->desc, &isnull);
	if (!isnull)
		since = DatumGetDateADT(since_datum);
	else
	{
		if (!latest_entry(f, cache, f->old_tuple, &entry))
			return;
		since = entry.effective_on;
	}
	if (since > f->effective)
		refuse(f, psprintf("The change would take effect on %s, before the row entered \"%s\" on %s.",
						   fms_iso_date(f->effective), fms_cut_value(f->from_name), fms_iso_date(since)),
			   "Set fms.effective_date to a date on or after the last change.");
}

/*
 * A new row under a key that has history (a row deleted, then inserted
 * again) continues that history: it cannot start before its last entry.
 */
static void
check_key_history_order(const Firing *f, const WorkflowCache *cache)
{
	LogEntry	entry;

	if (latest_entry(f, cache, f->new_tuple, &entry) &&
		entry.effective_on > f->effective)
		refuse(f, psprintf("The row would start on %s, but %s already holds the history of its key up to %s (entry " INT64_FORMAT ", \"%s\").",
						   fms_iso_date(f->effective), rows_log(f, cache), fms_iso_date(entry.effective_on),
						   entry.id, entry.to_state),
			   "Set fms.effective_date to a date on or after the key's last change.");
}

/*
 * Stamp the entered state's milestone column (if still NULL) and the
 * "<status>_since" column with the effective date.  A milestone column the
 * table lacks is a definition error.
 */
static HeapTuple
stamp_dates(const Firing *f)
{
	const char *milestone = f->to >= 0 ? f->machine->states[f->to].milestone_column : NULL;
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
 * Record the change the new row makes: reserve its log entry, point
 * "<status>_log_id" to it, and remember it for fms.verify_workflow(), which
 * logs it once the row is written.
 */
static HeapTuple
record_change(const Firing *f, const WorkflowCache *cache, const char *reason, int64 *logged)
{
	PendingChange change;
	int			attnum = f->layout->log_id_attnum;
	bool		isnull;

	memset(&change, 0, sizeof(change));
	change.relid = f->layout->table;
	change.log_relid = f->layout->log_relid;
	primary_key_text(f, f->new_tuple, NULL, &change.row_key);
	change.by_insert = f->old_tuple == NULL;
	if (of_a_case(f))
	{
		change.case_id = heap_getattr(f->new_tuple, f->layout->case_id_attnum, f->desc, &isnull);
		change.has_case_id = !isnull;
	}
	change.id = transition_log_reserve_id(cache, f->layout->log_relid);
	change.machine = (char *) f->machine->name;
	change.from_state = (char *) f->from_name;
	change.to_state = f->to_name;
	change.effective_on = f->effective;
	change.actor = (char *) fms_current_actor();
	change.reason = (char *) reason;
	pending_change_remember(&change);
	if (logged != NULL)
		*logged = change.id;
	if (attnum == 0)
		return f->new_tuple;
	{
		Datum		value = Int64GetDatum(change.id);
		bool		null = false;

		return heap_modify_tuple_by_cols(f->new_tuple, f->desc, 1, &attnum, &value, &null);
	}
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
 * A restored row that disagrees with its log, inserted by the table's
 * owner: kept rather than lost with the rest of the table's restore, and
 * logged as entering its status, no earlier than its log's latest entry.
 */
static HeapTuple
reconcile(Firing *f, const WorkflowCache *cache, const LogEntry *entry, const char *disagreement)
{
	bool		isnull = true;
	Datum		since = (Datum) 0;
	int64		logged;
	char	   *describe;

	if (f->layout->since_attnum > 0)
		since = heap_getattr(f->new_tuple, f->layout->since_attnum, f->desc, &isnull);
	f->effective = isnull ? fms_effective_date() : DatumGetDateADT(since);
	if (entry != NULL && entry->effective_on > f->effective)
		f->effective = entry->effective_on;
	f->from_name = entry ? entry->to_state : NULL;
	f->new_tuple = stamp_dates(f);
	f->new_tuple = record_change(f, cache, psprintf("restored row did not agree with its log: %s", disagreement),
								 &logged);
	/* The restore sets the sequence later, behind this entry: check again. */
	transition_log_sequence_may_lag();
	primary_key_text(f, f->new_tuple, &describe, NULL);
	ereport(WARNING,
			(errcode(ERRCODE_DATA_EXCEPTION),
			 errmsg("restored row %s of %s did not agree with its transition log", describe, fms_relation_name(f->rel)),
			 errdetail("%s Entry " INT64_FORMAT " now records the row entering \"%s\" on %s.",
					   disagreement, logged, fms_cut_value(f->to_name), fms_iso_date(f->effective)),
			 errhint("The row was changed behind the workflow's back before it was dumped; check its history.")));
	return f->new_tuple;
}

/* True if the statement the client sent is a COPY FROM into rel. */
static bool
copying_into(Relation rel)
{
	PlannedStmt *statement;
	CopyStmt   *copy;

	if (ActivePortal == NULL || ActivePortal->commandTag != CMDTAG_COPY ||
		list_length(ActivePortal->stmts) != 1)
		return false;
	statement = linitial_node(PlannedStmt, ActivePortal->stmts);
	if (statement->utilityStmt == NULL || !IsA(statement->utilityStmt, CopyStmt))
		return false;
	copy = (CopyStmt *) statement->utilityStmt;
	return copy->is_from && copy->relation != NULL &&
		RangeVarGetRelid(copy->relation, NoLock, true) == RelationGetRelid(rel);
}

/*
 * A row the table's owner loads with COPY (as pg_restore and psql restore
 * a dump) that is not a new row, in an initial state without a since date:
 * a restored row, even if its history columns were lost.
 */
static bool
loaded_by_owner(const Firing *f)
{
	bool		since_null = true;

	if (f->old_tuple != NULL || !f->layout->owner_may_reconcile || !copying_into(f->rel))
		return false;
	if (f->layout->since_attnum > 0)
		(void) heap_getattr(f->new_tuple, f->layout->since_attnum, f->desc, &since_null);
	return !(f->to >= 0 && f->machine->states[f->to].is_initial && since_null);
}

/*
 * A row that arrives with its history: a restored row (its log id given,
 * or loaded by the table's owner) or a replicated one.  It must agree with
 * its latest log entry (a replicated one at commit: replica_check.c), and
 * is neither moved along the machine nor logged again.
 */
static HeapTuple
check_copied_row(Firing *f, const WorkflowCache *cache)
{
	LogEntry	entry;
	bool		found;
	char	   *disagreement;

	if (SessionReplicationRole == SESSION_REPLICATION_ROLE_REPLICA)
	{
		/* Its log entry may come later in the transaction: checked at commit. */
		char	   *key;
		char	   *describe;
		bool		log_id_null = true;
		bool		since_null = true;
		bool		no_case = true;
		Datum		case_id = (Datum) 0;
		Datum		log_id = (Datum) 0;
		Datum		since = (Datum) 0;

		primary_key_text(f, f->new_tuple, &describe, &key);
		if (of_a_case(f))
			case_id = heap_getattr(f->new_tuple, f->layout->case_id_attnum, f->desc, &no_case);
		if (f->layout->log_id_attnum > 0)
			log_id = heap_getattr(f->new_tuple, f->layout->log_id_attnum, f->desc, &log_id_null);
		if (f->layout->since_attnum > 0)
			since = heap_getattr(f->new_tuple, f->layout->since_attnum, f->desc, &since_null);
		replica_check_at_commit(f->layout->table, f->layout->log_relid, key, !no_case, case_id, describe,
								fms_relation_name(f->rel),
								f->machine->name, f->to_name,
								f->layout->log_id_attnum > 0 ? psprintf("%s_log_id", f->status_column) : NULL,
								!log_id_null, log_id_null ? 0 : DatumGetInt64(log_id),
								f->layout->since_attnum > 0 ? psprintf("%s_since", f->status_column) : NULL,
								!since_null, since_null ? 0 : DatumGetDateADT(since));
		return f->new_tuple;
	}
	disagreement = log_disagreement(f, cache, f->new_tuple, f->machine->name, &entry, &found);
	if (disagreement == NULL)
		return f->new_tuple;
	if (f->old_tuple == NULL && f->to_name != NULL && f->layout->owner_may_reconcile)
		return reconcile(f, cache, found ? &entry : NULL, disagreement);
	refuse(f, disagreement, psprintf("Leave %s_log_id out of a new row: the workflow sets it.", f->status_column));
	return NULL;				/* keep compiler quiet */
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
	bool		log_id_given = false;

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

	cache = workflow_cache();
	memset(&f, 0, sizeof(f));
	f.rel = trigdata->tg_relation;
	f.desc = RelationGetDescr(f.rel);
	f.status_column = trigger->tgnargs > 1 ? trigger->tgargs[1] : "status";
	f.layout = table_layout(fcinfo, trigger, f.rel, f.status_column, cache, true);
	attnum = f.layout->status_attnum;
	if (TRIGGER_FIRED_BY_UPDATE(trigdata->tg_event))
	{
		f.old_tuple = trigdata->tg_trigtuple;
		f.new_tuple = trigdata->tg_newtuple;
		old_status = heap_getattr(f.old_tuple, attnum, f.desc, &old_null);
		check_key_kept(&f);
	}
	else
		f.new_tuple = trigdata->tg_trigtuple;
	new_status = heap_getattr(f.new_tuple, attnum, f.desc, &new_null);

	/* The common case: an update that leaves the status alone. */
	if (f.old_tuple != NULL && old_null == new_null &&
		(new_null || column_kept(&f, attnum)))
	{
		check_workflow_columns_kept(&f);
		return PointerGetDatum(f.new_tuple);
	}

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

	if (f.old_tuple == NULL && f.layout->log_id_attnum > 0)
	{
		bool		log_id_null;

		(void) heap_getattr(f.new_tuple, f.layout->log_id_attnum, f.desc, &log_id_null);
		log_id_given = !log_id_null;
	}
	if (log_id_given || SessionReplicationRole == SESSION_REPLICATION_ROLE_REPLICA || loaded_by_owner(&f))
		return PointerGetDatum(check_copied_row(&f, cache));

	f.effective = change_date(&f, trigdata);
	if (f.to < 0)
		refuse_edge(&f);
	if (f.from_name == NULL)
	{
		if (!f.machine->states[f.to].is_initial)
			refuse_edge(&f);
		check_key_history_order(&f, cache);
	}
	else
	{
		edge = f.from < 0 ? NULL : workflow_find_edge(f.machine, f.from, f.to);
		if (edge == NULL)
			refuse_edge(&f);
		if (edge->requires_reason && (fms_reason == NULL || fms_reason[0] == '\0'))
			refuse(&f, psprintf("Moving from \"%s\" to \"%s\" requires a reason.", f.from_name, f.to_name),
				   "Set one for the transaction first, e.g. SET LOCAL fms.reason = 'purchaser withdrew the LOR'.");
		check_effective_date_order(&f, cache);
	}

	f.new_tuple = stamp_dates(&f);
	if (edge != NULL && edge->guard != NULL)
		check_guard(&f, edge);
	f.new_tuple = record_change(&f, cache, (fms_reason != NULL && fms_reason[0] != '\0') ? fms_reason : NULL, NULL);
	return PointerGetDatum(f.new_tuple);
}

/* The "<status>_log_id" the row was written with, 0 if none. */
static int64
written_log_id(const Firing *f)
{
	bool		isnull;
	Datum		value;

	if (f->layout->log_id_attnum == 0)
		return 0;
	value = heap_getattr(f->new_tuple, f->layout->log_id_attnum, f->desc, &isnull);
	return isnull ? 0 : DatumGetInt64(value);
}

/*
 * How the row, as finally written, differs from the change the workflow's
 * BEFORE trigger decided for it (its status, "<status>_log_id" and
 * "<status>_since"), or NULL if it is that change.
 */
static char *
change_disagreement(const Firing *f, const PendingChange *change)
{
	TableLayout *layout = f->layout;
	bool		isnull;
	Datum		value;

	/* The change must be the one this write makes: an insert, or an update from its status. */
	if (change->by_insert != (f->old_tuple == NULL))
		return psprintf("The workflow decided a change of the row by an %s, but it was written by an %s.",
						change->by_insert ? "INSERT" : "UPDATE", f->old_tuple == NULL ? "INSERT" : "UPDATE");
	if (!change->by_insert &&
		(f->from_name == NULL || change->from_state == NULL || strcmp(change->from_state, f->from_name) != 0))
		return psprintf("The workflow decided a change of the row from \"%s\", but it was written from \"%s\".",
						change->from_state ? change->from_state : "null",
						f->from_name ? fms_cut_value(f->from_name) : "null");
	if (f->to_name == NULL || strcmp(change->to_state, f->to_name) != 0)
		return psprintf("The workflow moved the row to \"%s\", but it was written in \"%s\".",
						change->to_state, f->to_name ? fms_cut_value(f->to_name) : "null");
	if (layout->log_id_attnum > 0)
	{
		value = heap_getattr(f->new_tuple, layout->log_id_attnum, f->desc, &isnull);
		if (isnull || DatumGetInt64(value) != change->id)
			return psprintf("The workflow gave the row %s_log_id " INT64_FORMAT ", but it was written with %s.",
							f->status_column, change->id,
							isnull ? "null" : psprintf(INT64_FORMAT, DatumGetInt64(value)));
	}
	if (layout->since_attnum > 0)
	{
		value = heap_getattr(f->new_tuple, layout->since_attnum, f->desc, &isnull);
		if (isnull || DatumGetDateADT(value) != change->effective_on)
			return psprintf("The workflow gave the row %s_since %s, but it was written with %s.",
							f->status_column, fms_iso_date(change->effective_on),
							isnull ? "null" : fms_iso_date(DatumGetDateADT(value)));
	}
	return NULL;
}

/* A new row under a key not reused: the key must have no history. */
static void
check_key_unused(const Firing *f, const WorkflowCache *cache)
{
	LogEntry	entry;
	char	   *describe;

	if (!latest_entry(f, cache, f->new_tuple, &entry))
		return;
	primary_key_text(f, f->new_tuple, &describe, NULL);
	ereport(ERROR,
			(errcode(ERRCODE_UNIQUE_VIOLATION),
			 errmsg("key %s of %s was used before", describe, fms_relation_name(f->rel)),
			 errdetail("%s holds the history of a row deleted under that key (its latest entry, " INT64_FORMAT ", entering \"%s\" on %s), which the new row would show as its own.",
					   rows_log(f, cache), entry.id, entry.to_state, fms_iso_date(entry.effective_on)),
			 errhint("The keys of %s are not reused: give the new row a key of its own.", fms_relation_name(f->rel)),
			 errtable(f->rel)));
}

/*
 * A row that arrives with its history under a key not reused is restored
 * by the table's owner, or not at all.
 */
static void
check_restored_by_owner(const Firing *f)
{
	Oid			owner = f->rel->rd_rel->relowner;
	char	   *describe;

	if (has_privs_of_role(GetUserId(), owner))
		return;
	primary_key_text(f, f->new_tuple, &describe, NULL);
	ereport(ERROR,
			(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
			 errmsg("new row %s of %s may not bring its history", describe, fms_relation_name(f->rel)),
			 errdetail("The row gives its %s_log_id; only the table's owner restores rows with their history, since the keys of %s are not reused.",
					   f->status_column, fms_relation_name(f->rel)),
			 errhint("Leave %s_log_id out: the workflow sets it.", f->status_column),
			 errtable(f->rel)));
}

/*
 * fms.verify_workflow(): the AFTER INSERT OR UPDATE row trigger that checks
 * the row as finally written against its latest log entry, after every
 * BEFORE trigger, whatever their names.
 *
 *	  CREATE TRIGGER ... AFTER INSERT OR UPDATE ON t FOR EACH ROW
 *		  EXECUTE FUNCTION fms.verify_workflow(['status column' [, 'keys_not_reused']]);
 */
PG_FUNCTION_INFO_V1(fms_verify_workflow);
Datum
fms_verify_workflow(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = (TriggerData *) fcinfo->context;
	Trigger    *trigger;
	const WorkflowCache *cache;
	Firing		f;
	bool		isnull;
	Datum		status;
	LogEntry	entry;
	bool		found;
	const PendingChange *change;
	char	   *row_key;
	char	   *disagreement;
	char	   *log_problem;
	char	   *describe;
	bool		keys_not_reused;

	if (!CALLED_AS_TRIGGER(fcinfo))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("function \"%s\" must be fired as a trigger", "fms.verify_workflow")));
	if (!TRIGGER_FIRED_AFTER(trigdata->tg_event) || !TRIGGER_FIRED_FOR_ROW(trigdata->tg_event) ||
		!(TRIGGER_FIRED_BY_INSERT(trigdata->tg_event) || TRIGGER_FIRED_BY_UPDATE(trigdata->tg_event)))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("function \"%s\" must be fired AFTER INSERT OR UPDATE FOR EACH ROW", "fms.verify_workflow")));
	trigger = trigdata->tg_trigger;
	keys_not_reused = trigger->tgnargs == 2 && strcmp(trigger->tgargs[1], "keys_not_reused") == 0;
	if (trigger->tgnargs > 2 || (trigger->tgnargs == 2 && !keys_not_reused))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("trigger \"%s\" may pass fms.verify_workflow() only the status column and 'keys_not_reused'",
						trigger->tgname)));

	cache = workflow_cache();
	memset(&f, 0, sizeof(f));
	f.rel = trigdata->tg_relation;
	f.desc = RelationGetDescr(f.rel);
	f.status_column = trigger->tgnargs > 0 ? trigger->tgargs[0] : "status";
	f.layout = table_layout(fcinfo, trigger, f.rel, f.status_column, cache, false);
	if (TRIGGER_FIRED_BY_UPDATE(trigdata->tg_event))
	{
		f.old_tuple = trigdata->tg_trigtuple;
		f.new_tuple = trigdata->tg_newtuple;
	}
	else
		f.new_tuple = trigdata->tg_trigtuple;
	status = heap_getattr(f.new_tuple, f.layout->status_attnum, f.desc, &isnull);
	f.to_name = isnull ? NULL : TextDatumGetCString(status);
	if (f.old_tuple != NULL)
	{
		status = heap_getattr(f.old_tuple, f.layout->status_attnum, f.desc, &isnull);
		f.from_name = isnull ? NULL : TextDatumGetCString(status);
	}

	/* An update that kept the status kept all the workflow keeps with it. */
	if (f.old_tuple != NULL && column_kept(&f, f.layout->status_attnum))
	{
		check_key_kept(&f);
		check_workflow_columns_kept(&f);
		return PointerGetDatum(NULL);
	}
	if (f.old_tuple != NULL)
		check_key_kept(&f);
	/*
	 * The change the BEFORE trigger decided for the row (the one its log id
	 * names, if the table has that column): log it if it holds.
	 */
	primary_key_text(&f, f.new_tuple, NULL, &row_key);
	change = pending_change_find(f.layout->table, row_key, written_log_id(&f));
	disagreement = change ? change_disagreement(&f, change) : NULL;
	if (change != NULL && disagreement == NULL)
	{
		if (keys_not_reused && change->by_insert)
			check_key_unused(&f, cache);
		/* A deferred check's statement is over: its entry is written now. */
		transition_log_write(cache, change, !trigger->tgdeferrable);
		pending_change_forget(change);
		return PointerGetDatum(NULL);
	}
	/*
	 * Otherwise the row must agree with the log as it stands; a replicated
	 * one, whose entry may come later in its transaction, at commit (the
	 * BEFORE trigger asked for that check).
	 */
	if (change == NULL && SessionReplicationRole == SESSION_REPLICATION_ROLE_REPLICA)
		return PointerGetDatum(NULL);
	if (change == NULL && keys_not_reused && f.old_tuple == NULL)
		check_restored_by_owner(&f);
	log_problem = log_disagreement(&f, cache, f.new_tuple, NULL, &entry, &found);
	if (log_problem == NULL)
		return PointerGetDatum(NULL);
	if (disagreement == NULL)
		disagreement = log_problem;
	primary_key_text(&f, f.new_tuple, &describe, NULL);
	ereport(ERROR,
			(errcode(ERRCODE_CHECK_VIOLATION),
			 errmsg("row %s of %s does not agree with its transition log", describe, fms_relation_name(f.rel)),
			 errdetail_internal("%s", disagreement),
			 errhint("A trigger or rule that acts after fms.enforce_workflow() changed the row; change the status in an UPDATE of its own, so that the workflow checks it."),
			 errtable(f.rel)));
	return PointerGetDatum(NULL);	/* keep compiler quiet */
}
