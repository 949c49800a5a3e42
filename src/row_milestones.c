/*-------------------------------------------------------------------------
 * row_milestones.c
 *	  The guards' checks of a row's milestone dates, read by column name
 *	  from a row of any table:
 *
 *	  fms.guard_dates_in_order(anyelement): the milestones along the life
 *	  cycle do not run backwards;
 *	  fms.milestone_problem(anyelement, text): the milestone given with a
 *	  change is the day the change takes effect (its status_since).
 *
 * A guard serves fms.cases, fms.case_changes and any user table with the
 * same column names, so a column the row lacks reads as NULL; a column of
 * another type than date is read as its text cast to date, as the guards
 * in PL/pgSQL that these replace read it.  Every status change of a
 * governed row runs one of them, so the columns are looked up once per row
 * type and call site (fn_extra), not by name on every row.
 *
 * IDENTIFICATION
 *	  src/row_milestones.c
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "funcapi.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/lsyscache.h"
#include "utils/typcache.h"

#include "fms.h"

/* The milestones in life-cycle order, and the column every change stamps. */
static const char *const milestone_columns[] = {
	"lor_received_on", "lor_complete_on", "milap_on", "offered_on", "accepted_on",
	"implemented_on", "supply_complete_on", "interim_closed_on", "closed_on"
};
#define MILESTONES lengthof(milestone_columns)
#define STATUS_SINCE "status_since"

/* A column read as a date: its number (0: the row has none), its reader. */
typedef struct DateColumn
{
	AttrNumber	attnum;
	Oid			type;
	FmgrInfo	output;			/* for a column that is not a date */
} DateColumn;

/* What one call site knows about the row type it is given. */
typedef struct RowDates
{
	Oid			row_type;
	int32		row_typmod;
	TupleDesc	desc;			/* a copy, in fn_mcxt */
	DateColumn	milestones[MILESTONES];
	DateColumn	status_since;
	char	   *named;			/* the column in "named" (milestone_problem) */
	DateColumn	named_column;
} RowDates;

static void
find_date_column(const RowDates *rows, const char *name, DateColumn *column, MemoryContext memory)
{
	int			i;

	column->attnum = 0;
	for (i = 0; i < rows->desc->natts; i++)
	{
		Form_pg_attribute attr = TupleDescAttr(rows->desc, i);

		if (attr->attisdropped || strcmp(NameStr(attr->attname), name) != 0)
			continue;
		column->attnum = attr->attnum;
		column->type = attr->atttypid;
		if (column->type != DATEOID)
		{
			Oid			output;
			bool		varlena;

			getTypeOutputInfo(column->type, &output, &varlena);
			fmgr_info_cxt(output, &column->output, memory);
		}
		return;
	}
}

/*
 * The row's header, and the call site's knowledge of its type: worked out
 * again when a call site meets another row type (a polymorphic call in a
 * PL/pgSQL function may pass the rows of several tables).
 */
static RowDates *
row_dates(FunctionCallInfo fcinfo, HeapTupleHeader row)
{
	RowDates   *rows = (RowDates *) fcinfo->flinfo->fn_extra;
	Oid			type = HeapTupleHeaderGetTypeId(row);
	int32		typmod = HeapTupleHeaderGetTypMod(row);
	MemoryContext memory = fcinfo->flinfo->fn_mcxt;
	MemoryContext old_context;
	TupleDesc	desc;
	int			i;

	if (rows != NULL && rows->row_type == type && rows->row_typmod == typmod)
		return rows;
	if (rows != NULL)
	{
		FreeTupleDesc(rows->desc);
		if (rows->named != NULL)
			pfree(rows->named);
	}
	else
		rows = MemoryContextAllocZero(memory, sizeof(RowDates));
	desc = lookup_rowtype_tupdesc(type, typmod);
	old_context = MemoryContextSwitchTo(memory);
	rows->desc = CreateTupleDescCopy(desc);
	MemoryContextSwitchTo(old_context);
	ReleaseTupleDesc(desc);
	rows->row_type = type;
	rows->row_typmod = typmod;
	for (i = 0; i < (int) MILESTONES; i++)
		find_date_column(rows, milestone_columns[i], &rows->milestones[i], memory);
	find_date_column(rows, STATUS_SINCE, &rows->status_since, memory);
	rows->named = NULL;
	fcinfo->flinfo->fn_extra = rows;
	return rows;
}

/*
 * The argument as a row, or NULL when it is not one (a scalar has no
 * columns, so every milestone reads as NULL).
 */
static HeapTupleHeader
row_argument(FunctionCallInfo fcinfo)
{
	Oid			type = get_fn_expr_argtype(fcinfo->flinfo, 0);

	if (!OidIsValid(type))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("could not determine the type of the row given to a milestone check"),
				 errhint("Call the function from SQL with a row of the table, as a workflow guard is called.")));
	if (!type_is_rowtype(type))
		return NULL;
	return PG_GETARG_HEAPTUPLEHEADER(0);
}

static void
reading_column_context(void *column)
{
	errcontext("reading column \"%s\" of the row as a milestone date", (const char *) column);
}

/* The column's value as a date; false if the row has no value there. */
static bool
read_date(const RowDates *rows, HeapTupleHeader row, DateColumn *column, DateADT *day)
{
	HeapTupleData tuple;
	bool		isnull;
	Datum		value;

	if (column->attnum == 0)
		return false;
	tuple.t_len = HeapTupleHeaderGetDatumLength(row);
	ItemPointerSetInvalid(&tuple.t_self);
	tuple.t_tableOid = InvalidOid;
	tuple.t_data = row;
	value = heap_getattr(&tuple, column->attnum, rows->desc, &isnull);
	if (isnull)
		return false;
	if (column->type == DATEOID)
		*day = DatumGetDateADT(value);
	else
	{
		ErrorContextCallback context;

		context.callback = reading_column_context;
		context.arg = NameStr(TupleDescAttr(rows->desc, column->attnum - 1)->attname);
		context.previous = error_context_stack;
		error_context_stack = &context;
		*day = DatumGetDateADT(DirectFunctionCall1(date_in,
												   CStringGetDatum(OutputFunctionCall(&column->output, value))));
		error_context_stack = context.previous;
	}
	return true;
}

/* A date as the messages show it: ISO, or infinity. */
static const char *
date_text(DateADT day)
{
	if (DATE_IS_NOBEGIN(day))
		return "-infinity";
	if (DATE_IS_NOEND(day))
		return "infinity";
	return fms_iso_date(day);
}

PG_FUNCTION_INFO_V1(fms_guard_dates_in_order);
Datum
fms_guard_dates_in_order(PG_FUNCTION_ARGS)
{
	HeapTupleHeader row = row_argument(fcinfo);
	RowDates   *rows;
	const char *previous_column = NULL;
	DateADT		previous = 0;
	int			i;

	if (row == NULL)
		PG_RETURN_NULL();
	rows = row_dates(fcinfo, row);
	for (i = 0; i < (int) MILESTONES; i++)
	{
		DateADT		day;

		if (!read_date(rows, row, &rows->milestones[i], &day))
			continue;
		if (previous_column != NULL && day < previous)
			PG_RETURN_TEXT_P(cstring_to_text(psprintf("%s %s is before %s %s: milestone dates must not run backwards along the life cycle.",
													  milestone_columns[i], date_text(day),
													  previous_column, date_text(previous))));
		previous_column = milestone_columns[i];
		previous = day;
	}
	PG_RETURN_NULL();
}

PG_FUNCTION_INFO_V1(fms_milestone_problem);
Datum
fms_milestone_problem(PG_FUNCTION_ARGS)
{
	HeapTupleHeader row = row_argument(fcinfo);
	char	   *milestone = text_to_cstring(PG_GETARG_TEXT_PP(1));
	RowDates   *rows;
	DateADT		given = 0;
	DateADT		since = 0;
	bool		has_given;
	bool		has_since;

	if (row == NULL)
		PG_RETURN_NULL();
	rows = row_dates(fcinfo, row);
	if (rows->named == NULL || strcmp(rows->named, milestone) != 0)
	{
		if (rows->named != NULL)
			pfree(rows->named);
		find_date_column(rows, milestone, &rows->named_column, fcinfo->flinfo->fn_mcxt);
		rows->named = MemoryContextStrdup(fcinfo->flinfo->fn_mcxt, milestone);
	}
	has_given = read_date(rows, row, &rows->named_column, &given);
	has_since = read_date(rows, row, &rows->status_since, &since);
	if (has_given == has_since && (!has_given || given == since))
		PG_RETURN_NULL();
	PG_RETURN_TEXT_P(cstring_to_text(psprintf("%s %s is not the day this change takes effect (%s): a milestone is the day of its change. Leave %s NULL, and it is stamped; to record a past change, set fms.effective_date to its day.",
											  milestone, has_given ? date_text(given) : "NULL",
											  has_since ? date_text(since) : "NULL", milestone)));
}
