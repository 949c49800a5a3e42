/*-------------------------------------------------------------------------
 * case_lines.c
 *	  The values a document's lines give it, kept in fms.cases and
 *	  fms.case_changes (see src/sql/case_lines.sql):
 *
 *	  fms.document_line_values(case_id, change_no): the lines a document
 *		sets and the values they give it;
 *	  fms.apply_line_changes(): statement trigger of fms.case_lines, which
 *		refuses line changes of a document no longer prepared (but for
 *		itemizing one without lines), writes the values of every document of
 *		the touched cases that the change moves, refuses a change that would
 *		move the values of a document no longer prepared, and keeps a line's
 *		deliveries within its quantity in force; it also refuses TRUNCATE;
 *	  fms.recheck_line_values(): row trigger of fms.case_changes, which does
 *		the same for a case when one of its changes is implemented (the
 *		lines in force move) or becomes prepared again;
 *	  fms.check_line_values(): row trigger of the case tables, which refuses
 *		values that are not the lines'.
 *
 * A change's values are the differences its versions make to the versions
 * in force before it: the basic LOA's, and those of changes implemented
 * before it (a change not yet implemented is judged against all that are).
 *
 * In C with saved plans, because they run on every write of lines and of
 * values: as PL/pgSQL functions with a pinned search_path they made a
 * ten-line insert cost several times its plain cost (test/bench).  The
 * queries name every object and operator with its schema.
 *
 * IDENTIFICATION
 *	  src/case_lines.c
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "catalog/namespace.h"
#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "executor/tuptable.h"
#include "funcapi.h"
#include "tcop/tcopprot.h"
#include "utils/builtins.h"
#include "utils/hsearch.h"
#include "utils/lsyscache.h"
#include "utils/numeric.h"
#include "utils/syscache.h"

#include "case_id.h"
#include "fms.h"

/* The values a document's lines give it. */
typedef struct LineValues
{
	int32		lines;
	Datum		total;			/* numerics */
	Datum		mde;
	Datum		design_construction;
} LineValues;

/* A document: its case and change number ("" for the basic LOA). */
typedef struct DocumentKey
{
	int32		case_id;
	char		change_no[8];	/* A1 ... M999 */
} DocumentKey;

typedef struct TouchedDocument
{
	DocumentKey key;
	int64		inserted;		/* lines this statement inserted */
} TouchedDocument;

/*
 * Saved plans, made for the OID fms.case_id had then: a dropped and
 * recreated extension gets new ones.
 */
enum
{
	PLAN_LOA_VALUES,
	PLAN_CHANGE_VALUES,
	PLAN_LOA_UPDATE,
	PLAN_CHANGE_UPDATE,
	PLAN_CASE_DOCUMENTS,
	PLAN_OVER_DELIVERED,
	PLAN_COUNT
};

static const char *const plan_sql[PLAN_COUNT] = {
	"SELECT pg_catalog.count(*)::pg_catalog.int4,"
	" COALESCE(pg_catalog.sum(l.value_usd), 0),"
	" COALESCE(pg_catalog.sum(l.value_usd) FILTER (WHERE l.mde), 0),"
	" COALESCE(pg_catalog.sum(l.value_usd) FILTER (WHERE l.design_construction), 0)"
	" FROM fms.case_lines AS l"
	" WHERE l.case_id OPERATOR(fms.=) $1 AND l.document OPERATOR(pg_catalog.=) 'LOA'",
	/* A change: what its versions change from those they replace. */
	"WITH this AS (SELECT fms.document_rank((SELECT x.implemented_on FROM fms.case_changes AS x"
	"   WHERE x.case_id OPERATOR(fms.=) $1 AND x.change_no OPERATOR(pg_catalog.=) $2), $2) AS rank)"
	" SELECT pg_catalog.count(*)::pg_catalog.int4,"
	" COALESCE(pg_catalog.sum(l.value_usd OPERATOR(pg_catalog.-) COALESCE(p.value_usd, 0)), 0),"
	" COALESCE(pg_catalog.sum(CASE WHEN l.mde THEN l.value_usd ELSE 0 END"
	"   OPERATOR(pg_catalog.-) CASE WHEN p.mde THEN p.value_usd ELSE 0 END), 0),"
	" COALESCE(pg_catalog.sum(CASE WHEN l.design_construction THEN l.value_usd ELSE 0 END"
	"   OPERATOR(pg_catalog.-) CASE WHEN p.design_construction THEN p.value_usd ELSE 0 END), 0)"
	" FROM fms.case_lines AS l CROSS JOIN this"
	" LEFT JOIN LATERAL (SELECT v.value_usd, v.mde, v.design_construction FROM fms.case_lines AS v"
	"   LEFT JOIN fms.case_changes AS vc"
	"     ON vc.case_id OPERATOR(fms.=) v.case_id AND vc.change_no OPERATOR(pg_catalog.=) v.change_no"
	"   WHERE v.case_id OPERATOR(fms.=) l.case_id AND v.line_no OPERATOR(pg_catalog.=) l.line_no"
	"     AND (v.change_no IS NULL OR vc.implemented_on IS NOT NULL)"
	"     AND fms.document_rank(vc.implemented_on, v.change_no) OPERATOR(pg_catalog.<) this.rank"
	"   ORDER BY fms.document_rank(vc.implemented_on, v.change_no) DESC LIMIT 1) AS p ON true"
	" WHERE l.case_id OPERATOR(fms.=) $1 AND l.document OPERATOR(pg_catalog.=) $2",
	"UPDATE fms.cases AS c SET total_value_usd = $3, mde_value_usd = $4, design_construction_usd = $5"
	" WHERE c.case_id OPERATOR(fms.=) $1",
	"UPDATE fms.case_changes AS x SET total_value_usd = $3, mde_value_usd = $4, design_construction_usd = $5"
	" WHERE x.case_id OPERATOR(fms.=) $1 AND x.change_no OPERATOR(pg_catalog.=) $2",
	/*
	 * Every document of a case, the basic LOA first with the values its
	 * lines give it (saving a query for the commonest case).
	 */
	"SELECT NULL::pg_catalog.text, c.status, c.total_value_usd, c.mde_value_usd, c.design_construction_usd,"
	" l.lines, l.total, l.mde, l.dc"
	" FROM fms.cases AS c,"
	" (SELECT pg_catalog.count(*)::pg_catalog.int4 AS lines, COALESCE(pg_catalog.sum(e.value_usd), 0) AS total,"
	"   COALESCE(pg_catalog.sum(e.value_usd) FILTER (WHERE e.mde), 0) AS mde,"
	"   COALESCE(pg_catalog.sum(e.value_usd) FILTER (WHERE e.design_construction), 0) AS dc"
	"   FROM fms.case_lines AS e WHERE e.case_id OPERATOR(fms.=) $1 AND e.document OPERATOR(pg_catalog.=) 'LOA') AS l"
	" WHERE c.case_id OPERATOR(fms.=) $1"
	" UNION ALL"
	" SELECT x.change_no, x.status, x.total_value_usd, x.mde_value_usd, x.design_construction_usd,"
	" NULL, NULL, NULL, NULL"
	" FROM fms.case_changes AS x WHERE x.case_id OPERATOR(fms.=) $1",
	/* A line of the case delivered beyond its quantity in force, or not in force. */
	"SELECT d.line_no, d.delivered, l.quantity"
	" FROM (SELECT e.line_no, pg_catalog.sum(e.quantity) AS delivered FROM fms.deliveries AS e"
	"       WHERE e.case_id OPERATOR(fms.=) $1 AND e.delivered_on IS NOT NULL GROUP BY 1) AS d"
	" LEFT JOIN (SELECT DISTINCT ON (v.line_no) v.line_no, v.quantity FROM fms.case_lines AS v"
	"            LEFT JOIN fms.case_changes AS vc"
	"              ON vc.case_id OPERATOR(fms.=) v.case_id AND vc.change_no OPERATOR(pg_catalog.=) v.change_no"
	"            WHERE v.case_id OPERATOR(fms.=) $1 AND (v.change_no IS NULL OR vc.implemented_on IS NOT NULL)"
	"            ORDER BY v.line_no, fms.document_rank(vc.implemented_on, v.change_no) DESC) AS l"
	"   ON l.line_no OPERATOR(pg_catalog.=) d.line_no"
	" WHERE l.quantity IS NULL OR d.delivered OPERATOR(pg_catalog.>) l.quantity"
	" ORDER BY d.line_no LIMIT 1",
};

static SPIPlanPtr plans[PLAN_COUNT];

/*
 * The values the derivation is writing, while it writes them: the check of
 * the row written needs not derive them again when the row holds exactly
 * these (anything else, a value another trigger changed, is derived and
 * checked).
 */
static const DocumentKey *writing_document = NULL;
static const LineValues *writing_values = NULL;
static Oid	planned_case_id_type = InvalidOid;

/* The saved plan of a query, made (again) for the current fms.case_id. */
static SPIPlanPtr
plan_for(int which)
{
	Oid			case_id_type = GetSysCacheOid2(TYPENAMENSP, Anum_pg_type_oid,
											   CStringGetDatum("case_id"),
											   ObjectIdGetDatum(get_namespace_oid("fms", false)));
	Oid			types[5] = {case_id_type, TEXTOID, NUMERICOID, NUMERICOID, NUMERICOID};

	if (case_id_type != planned_case_id_type)
	{
		int			i;

		for (i = 0; i < PLAN_COUNT; i++)
		{
			if (plans[i] != NULL)
				SPI_freeplan(plans[i]);
			plans[i] = NULL;
		}
		planned_case_id_type = case_id_type;
	}
	if (plans[which] == NULL)
	{
		int			nargs = (which == PLAN_LOA_UPDATE || which == PLAN_CHANGE_UPDATE) ? 5 :
			(which == PLAN_LOA_VALUES || which == PLAN_CASE_DOCUMENTS ||
			 which == PLAN_OVER_DELIVERED) ? 1 : 2;
		SPIPlanPtr	plan = SPI_prepare(plan_sql[which], nargs, types);

		if (plan == NULL)
			elog(ERROR, "could not prepare a query of fms case lines: %s", SPI_result_code_string(SPI_result));
		SPI_keepplan(plan);
		plans[which] = plan;
	}
	return plans[which];
}

/* Run a saved plan on a document (and values); one row back, or none. */
static bool
run_plan(int which, const DocumentKey *doc, const LineValues *values, bool read_only)
{
	Datum		args[5];
	char		nulls[5] = {' ', ' ', ' ', ' ', ' '};
	int			rc;

	args[0] = Int32GetDatum(doc->case_id);
	args[1] = CStringGetTextDatum(doc->change_no);
	if (values != NULL)
	{
		args[2] = values->total;
		args[3] = values->mde;
		args[4] = values->design_construction;
	}
	rc = SPI_execute_plan(plan_for(which), args, nulls, read_only, 0);
	if (rc < 0)
		elog(ERROR, "could not run a query of fms case lines: %s", SPI_result_code_string(rc));
	return SPI_processed > 0;
}

static Datum
column(int attnum)
{
	bool		isnull;
	Datum		value = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, attnum, &isnull);

	return isnull ? (Datum) 0 : value;
}

/*
 * The values a document's lines give it (inside SPI).  A trigger reads them
 * as of now (read_only false: the statement's own rows included), the
 * STABLE function with its caller's snapshot.
 */
static LineValues
derive(const DocumentKey *doc, bool read_only)
{
	LineValues	v;

	run_plan(doc->change_no[0] == '\0' ? PLAN_LOA_VALUES : PLAN_CHANGE_VALUES, doc, NULL, read_only);
	v.lines = DatumGetInt32(column(1));
	v.total = column(2);
	v.mde = column(3);
	v.design_construction = column(4);
	return v;
}

static bool
numerics_equal(Datum a, Datum b)
{
	if (a == (Datum) 0 || b == (Datum) 0)
		return a == b;
	return DatumGetBool(DirectFunctionCall2(numeric_eq, a, b));
}

static bool
same_values(const LineValues *a, const LineValues *b)
{
	return numerics_equal(a->total, b->total) && numerics_equal(a->mde, b->mde) &&
		numerics_equal(a->design_construction, b->design_construction);
}

static char *
numeric_text(Datum value)
{
	return value == (Datum) 0 ? "NULL" : DatumGetCString(DirectFunctionCall1(numeric_out, value));
}

static char *
document_name(const DocumentKey *doc)
{
	char	   *id = palloc(CASE_ID_TEXT_LEN + 1);

	case_id_format(doc->case_id, id);

	return doc->change_no[0] == '\0' ? id : psprintf("%s %s", id, doc->change_no);
}

/* A document key from a case id and a change number text (or NULL). */
static DocumentKey
document_key(int32 case_id, text *change_no)
{
	DocumentKey key;

	memset(&key, 0, sizeof(key));
	key.case_id = case_id;
	if (change_no != NULL)
		text_to_cstring_buffer(change_no, key.change_no, sizeof(key.change_no));
	return key;
}

PG_FUNCTION_INFO_V1(fms_document_line_values);
Datum
fms_document_line_values(PG_FUNCTION_ARGS)
{
	TupleDesc	desc;
	Datum		values[4];
	bool		nulls[4] = {false, false, false, false};
	LineValues	v;
	DocumentKey doc;

	if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "fms.document_line_values must return a row type");
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	/* No change is numbered '': no lines, no values. */
	if (!PG_ARGISNULL(1) && VARSIZE_ANY_EXHDR(PG_GETARG_TEXT_PP(1)) == 0)
	{
		values[0] = Int32GetDatum(0);
		values[1] = values[2] = values[3] = NumericGetDatum(int64_to_numeric(0));
		PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(BlessTupleDesc(desc), values, nulls)));
	}
	doc = document_key(PG_GETARG_CASE_ID(0), PG_ARGISNULL(1) ? NULL : PG_GETARG_TEXT_PP(1));
	SPI_connect();
	v = derive(&doc, true);
	values[0] = Int32GetDatum(v.lines);
	values[1] = SPI_datumTransfer(v.total, false, -1);
	values[2] = SPI_datumTransfer(v.mde, false, -1);
	values[3] = SPI_datumTransfer(v.design_construction, false, -1);
	SPI_finish();
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(BlessTupleDesc(desc), values, nulls)));
}

/* Whether a table is fms.<name>: the triggers work only for theirs. */
static bool
is_fms_table(Relation rel, const char *name)
{
	return RelationGetRelid(rel) == get_relname_relid(name, get_namespace_oid("fms", false));
}

/* Whether the client's statement is a COPY: a restore, checked before. */
static bool
statement_is_copy(void)
{
	const char *sql = debug_query_string;

	if (sql == NULL)
		return false;
	while (*sql == ' ' || *sql == '\t' || *sql == '\n' || *sql == '\r')
		sql++;
	return pg_strncasecmp(sql, "copy", 4) == 0 && (sql[4] == ' ' || sql[4] == '\t' || sql[4] == '\n');
}

static bool
is_prepared_state(const char *status)
{
	return status != NULL &&
		(strcmp(status, "development") == 0 || strcmp(status, "write") == 0 ||
		 strcmp(status, "review") == 0 || strcmp(status, "proposed") == 0);
}

/* Add the documents of a transition table's rows to the set. */
static void
collect_documents(HTAB *documents, Tuplestorestate *rows, TupleDesc desc, bool count_inserted)
{
	TupleTableSlot *slot = MakeSingleTupleTableSlot(desc, &TTSOpsMinimalTuple);
	int			case_attnum = SPI_fnumber(desc, "case_id");
	int			change_attnum = SPI_fnumber(desc, "change_no");

	tuplestore_rescan(rows);
	while (tuplestore_gettupleslot(rows, true, false, slot))
	{
		bool		case_null;
		bool		change_null;
		Datum		case_id = slot_getattr(slot, case_attnum, &case_null);
		Datum		change_no = slot_getattr(slot, change_attnum, &change_null);
		DocumentKey key;
		TouchedDocument *entry;
		bool		found;

		if (case_null)
			continue;
		key = document_key(fms_case_id_datum(case_id), change_null ? NULL : DatumGetTextPP(change_no));
		entry = hash_search(documents, &key, HASH_ENTER, &found);
		if (!found)
			entry->inserted = 0;
		if (count_inserted)
			entry->inserted++;
	}
	ExecDropSingleTupleTableSlot(slot);
}

/*
 * Bring the values of every document of a case in line with the lines in
 * force (inside SPI).  touched: the documents whose lines this statement
 * changed, or NULL.  A document that is no longer prepared keeps its lines
 * (but for itemizing one) and its values; a cancelled one is left as it was.
 */
static void
recheck_case(int32 case_id, HTAB *touched, bool check_deliveries)
{
	DocumentKey probe;
	SPITupleTable *documents;
	uint64		n;
	uint64		i;

	memset(&probe, 0, sizeof(probe));
	probe.case_id = case_id;
	run_plan(PLAN_CASE_DOCUMENTS, &probe, NULL, false);
	documents = SPI_tuptable;
	n = SPI_processed;
	/* Twice: the documents whose own lines changed first, then the others. */
	for (i = 0; i < 2 * n; i++)
	{
		HeapTuple	row = documents->vals[i % n];
		TupleDesc	desc = documents->tupdesc;
		char	   *change_no = SPI_getvalue(row, desc, 1);
		char	   *status = SPI_getvalue(row, desc, 2);
		bool		isnull;
		DocumentKey doc;
		LineValues	stored;
		LineValues	derived;
		TouchedDocument *entry = NULL;
		bool		prepared = is_prepared_state(status);

		memset(&doc, 0, sizeof(doc));
		doc.case_id = case_id;
		if (change_no != NULL)
			strlcpy(doc.change_no, change_no, sizeof(doc.change_no));
		stored.lines = 0;
		stored.total = SPI_getbinval(row, desc, 3, &isnull);
		stored.mde = SPI_getbinval(row, desc, 4, &isnull);
		stored.design_construction = SPI_getbinval(row, desc, 5, &isnull);
		if (touched != NULL)
			entry = hash_search(touched, &doc, HASH_FIND, NULL);
		if ((i < n) != (entry != NULL))
			continue;
		/* A cancelled document's values stay as they were, unless its lines change. */
		if (entry == NULL && status != NULL && strcmp(status, "cancelled") == 0)
			continue;
		if (change_no == NULL)
		{
			/* The basic LOA's values came with it. */
			derived.lines = DatumGetInt32(SPI_getbinval(row, desc, 6, &isnull));
			derived.total = SPI_getbinval(row, desc, 7, &isnull);
			derived.mde = SPI_getbinval(row, desc, 8, &isnull);
			derived.design_construction = SPI_getbinval(row, desc, 9, &isnull);
		}
		else
			derived = derive(&doc, false);

		/* Itemizing: every line of the document inserted now, values kept. */
		if (!prepared && entry != NULL &&
			!(entry->inserted > 0 && entry->inserted == derived.lines && same_values(&stored, &derived)))
			ereport(ERROR,
					(errcode(ERRCODE_CHECK_VIOLATION),
					 errmsg("the lines of %s cannot change: it is %s",
							document_name(&doc), status ? fms_cut_value(status) : "in no state"),
					 errdetail("Lines are written while their document is prepared (development, write, review, proposed). "
							   "A document without lines can be itemized in one statement whose lines add up to its values "
							   "(total %s, MDE %s, design and construction %s); these lines give %s, %s and %s.",
							   numeric_text(stored.total), numeric_text(stored.mde), numeric_text(stored.design_construction),
							   numeric_text(derived.total), numeric_text(derived.mde), numeric_text(derived.design_construction)),
					 errhint("Change the lines of a case that is further along through a new amendment or modification.")));
		if (derived.lines == 0 && entry == NULL)
			continue;			/* values typed, as for a document without lines */
		if (same_values(&stored, &derived))
			continue;
		if (!prepared)
			ereport(ERROR,
					(errcode(ERRCODE_CHECK_VIOLATION),
					 errmsg("the values of %s, which is %s, would change", document_name(&doc), fms_cut_value(status)),
					 errdetail("Its lines replace versions in force that this change moves: it stands at total %s, MDE %s, "
							   "design and construction %s, and would come to %s, %s and %s. "
							   "A document offered or further along keeps its values.",
							   numeric_text(stored.total), numeric_text(stored.mde), numeric_text(stored.design_construction),
							   numeric_text(derived.total), numeric_text(derived.mde), numeric_text(derived.design_construction)),
					 errhint("Implement, cancel or rework %s first (return it to development with a reason), "
							 "or change the lines in the order the documents take effect.", document_name(&doc))));
		writing_document = &doc;
		writing_values = &derived;
		PG_TRY();
		{
			run_plan(change_no == NULL ? PLAN_LOA_UPDATE : PLAN_CHANGE_UPDATE, &doc, &derived, false);
		}
		PG_FINALLY();
		{
			writing_document = NULL;
			writing_values = NULL;
		}
		PG_END_TRY();
	}

	if (check_deliveries && run_plan(PLAN_OVER_DELIVERED, &probe, NULL, false))
	{
		bool		isnull;
		Datum		quantity = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 3, &isnull);

		ereport(ERROR,
				(errcode(ERRCODE_CHECK_VIOLATION),
				 errmsg("line %s of %s would have more delivered than it has in force",
						SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1), document_name(&probe)),
				 errdetail("%s delivered, %s in force.",
						   SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 2),
						   isnull ? "none" : numeric_text(quantity)),
				 errhint("A line's quantity in force cannot fall below what was delivered.")));
	}
}

PG_FUNCTION_INFO_V1(fms_apply_line_changes);
Datum
fms_apply_line_changes(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = (TriggerData *) fcinfo->context;
	TupleDesc	desc;
	HASHCTL		ctl;
	HTAB	   *documents;
	HTAB	   *cases;
	HASH_SEQ_STATUS scan;
	TouchedDocument *entry;
	int32	   *case_id;
	bool		check_deliveries;

	if (!CALLED_AS_TRIGGER(fcinfo) || !TRIGGER_FIRED_FOR_STATEMENT(trigdata->tg_event) ||
		!is_fms_table(trigdata->tg_relation, "case_lines"))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("function \"%s\" must be fired FOR EACH STATEMENT on fms.case_lines", "fms.apply_line_changes")));
	if (TRIGGER_FIRED_BY_TRUNCATE(trigdata->tg_event))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("cannot truncate fms.case_lines"),
				 errdetail("The values of cases and changes are their lines'; TRUNCATE would leave them without."),
				 errhint("Delete the lines of documents that are still being prepared instead.")));
	if (!TRIGGER_FIRED_AFTER(trigdata->tg_event) ||
		(trigdata->tg_newtable == NULL && trigdata->tg_oldtable == NULL))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("function \"%s\" must be fired AFTER ... FOR EACH STATEMENT with transition tables",
						"fms.apply_line_changes")));
	desc = RelationGetDescr(trigdata->tg_relation);
	/*
	 * Inserted lines never lower a quantity in force (a new version of a
	 * line in force belongs to a change not yet implemented, or to the basic
	 * LOA, which a change in force overrides), and a restore was checked
	 * before.
	 */
	check_deliveries = !TRIGGER_FIRED_BY_INSERT(trigdata->tg_event) && !statement_is_copy();

	memset(&ctl, 0, sizeof(ctl));
	ctl.keysize = sizeof(DocumentKey);
	ctl.entrysize = sizeof(TouchedDocument);
	ctl.hcxt = CurrentMemoryContext;
	documents = hash_create("fms documents touched", 64, &ctl, HASH_ELEM | HASH_BLOBS | HASH_CONTEXT);
	if (trigdata->tg_newtable != NULL)
		collect_documents(documents, trigdata->tg_newtable, desc, TRIGGER_FIRED_BY_INSERT(trigdata->tg_event));
	if (trigdata->tg_oldtable != NULL)
		collect_documents(documents, trigdata->tg_oldtable, desc, false);

	memset(&ctl, 0, sizeof(ctl));
	ctl.keysize = sizeof(int32);
	ctl.entrysize = sizeof(int32);
	ctl.hcxt = CurrentMemoryContext;
	cases = hash_create("fms cases touched", 64, &ctl, HASH_ELEM | HASH_BLOBS | HASH_CONTEXT);
	hash_seq_init(&scan, documents);
	while ((entry = hash_seq_search(&scan)) != NULL)
		(void) hash_search(cases, &entry->key.case_id, HASH_ENTER, NULL);

	SPI_connect();
	hash_seq_init(&scan, cases);
	while ((case_id = hash_seq_search(&scan)) != NULL)
		recheck_case(*case_id, documents, check_deliveries);
	SPI_finish();
	hash_destroy(cases);
	hash_destroy(documents);
	return PointerGetDatum(NULL);
}

PG_FUNCTION_INFO_V1(fms_recheck_line_values);
Datum
fms_recheck_line_values(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = (TriggerData *) fcinfo->context;
	TupleDesc	desc;
	bool		isnull;
	Datum		case_id;

	if (!CALLED_AS_TRIGGER(fcinfo) || !TRIGGER_FIRED_AFTER(trigdata->tg_event) ||
		!TRIGGER_FIRED_FOR_ROW(trigdata->tg_event) || !TRIGGER_FIRED_BY_UPDATE(trigdata->tg_event) ||
		!is_fms_table(trigdata->tg_relation, "case_changes"))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("function \"%s\" must be fired AFTER UPDATE FOR EACH ROW on fms.case_changes",
						"fms.recheck_line_values")));
	desc = RelationGetDescr(trigdata->tg_relation);
	case_id = heap_getattr(trigdata->tg_newtuple, SPI_fnumber(desc, "case_id"), desc, &isnull);
	if (isnull)
		return PointerGetDatum(NULL);
	SPI_connect();
	recheck_case(fms_case_id_datum(case_id), NULL, !statement_is_copy());
	SPI_finish();
	return PointerGetDatum(NULL);
}

PG_FUNCTION_INFO_V1(fms_check_line_values);
Datum
fms_check_line_values(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = (TriggerData *) fcinfo->context;
	TupleDesc	desc;
	HeapTuple	row;
	int			change_attnum;
	bool		isnull;
	bool		change_null = true;
	Datum		case_id;
	Datum		change_no = (Datum) 0;
	DocumentKey doc;
	LineValues	given;
	LineValues	derived;

	if (!CALLED_AS_TRIGGER(fcinfo) || !TRIGGER_FIRED_AFTER(trigdata->tg_event) ||
		!TRIGGER_FIRED_FOR_ROW(trigdata->tg_event) || !TRIGGER_FIRED_BY_UPDATE(trigdata->tg_event) ||
		!(is_fms_table(trigdata->tg_relation, "cases") || is_fms_table(trigdata->tg_relation, "case_changes")))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("function \"%s\" must be fired AFTER UPDATE FOR EACH ROW on fms.cases or fms.case_changes",
						"fms.check_line_values")));
	desc = RelationGetDescr(trigdata->tg_relation);
	row = trigdata->tg_newtuple;
	case_id = heap_getattr(row, SPI_fnumber(desc, "case_id"), desc, &isnull);
	if (isnull)
		return PointerGetDatum(NULL);
	change_attnum = SPI_fnumber(desc, "change_no");
	if (change_attnum > 0)
		change_no = heap_getattr(row, change_attnum, desc, &change_null);
	doc = document_key(fms_case_id_datum(case_id), change_null ? NULL : DatumGetTextPP(change_no));

	given.lines = 0;
	given.total = heap_getattr(row, SPI_fnumber(desc, "total_value_usd"), desc, &isnull);
	given.mde = heap_getattr(row, SPI_fnumber(desc, "mde_value_usd"), desc, &isnull);
	given.design_construction = heap_getattr(row, SPI_fnumber(desc, "design_construction_usd"), desc, &isnull);

	if (writing_document != NULL && memcmp(writing_document, &doc, sizeof(doc)) == 0 &&
		same_values(writing_values, &given))
		return PointerGetDatum(NULL);
	SPI_connect();
	derived = derive(&doc, false);
	if (derived.lines > 0 && !same_values(&given, &derived))
		ereport(ERROR,
				(errcode(ERRCODE_CHECK_VIOLATION),
				 errmsg("the values of %s are its lines'", document_name(&doc)),
				 errdetail("Given total %s, MDE %s, design and construction %s; its %d lines give %s, %s and %s.",
						   numeric_text(given.total), numeric_text(given.mde), numeric_text(given.design_construction),
						   derived.lines, numeric_text(derived.total), numeric_text(derived.mde),
						   numeric_text(derived.design_construction)),
				 errhint("Change the lines (fms.case_lines) instead; the values follow.")));
	SPI_finish();
	return PointerGetDatum(NULL);
}
