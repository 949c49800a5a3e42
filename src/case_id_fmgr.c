/*-------------------------------------------------------------------------
 * case_id_fmgr.c
 *	  SQL interface of the fms.case_id type: I/O, casts and accessors.
 *
 * Comparison and hashing reuse the server's int4 functions (see
 * src/sql/case_id.sql): the packed value orders like the canonical text.
 *
 * IDENTIFICATION
 *	  src/case_id_fmgr.c
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "libpq/pqformat.h"
#include "utils/builtins.h"

#include "case_id.h"
#include "fms.h"

#define CASE_ID_HINT \
	"Write the customer code, agency code and designator as in \"JA-D-QAB\"; blanks or nothing may replace the hyphens."

static const char *
case_id_problem(CaseIdStatus status)
{
	switch (status)
	{
		case CASE_ID_EMPTY:
			return "A case identifier is a 2-character customer code, a 1-letter implementing agency code and a 3-character case designator.";
		case CASE_ID_BAD_CUSTOMER:
			return "The customer code must be 2 letters or digits.";
		case CASE_ID_BAD_AGENCY:
			return "The implementing agency code must be 1 letter.";
		case CASE_ID_BAD_DESIGNATOR:
			return "The case designator must be 3 letters or digits.";
		case CASE_ID_TRAILING:
			return "Nothing may follow the 3-character case designator.";
		case CASE_ID_OK:
			break;
	}
	elog(ERROR, "unexpected case identifier parse status %d", (int) status);
	return NULL;				/* keep compiler quiet */
}

/*
 * Parse str (len bytes) or report why not: thrown, or saved in escontext
 * when the caller asked for a soft error.  Returns false on a saved error.
 */
static bool
parse_case_id(const char *str, size_t len, Node *escontext, int32 *result)
{
	CaseIdStatus status = case_id_parse(str, len, result);

	if (status == CASE_ID_OK)
		return true;
	fms_syntax_error(escontext, "fms.case_id", str, len,
					 case_id_problem(status), CASE_ID_HINT);
	return false;
}

int32
fms_case_id_datum(Datum value)
{
	int32		id = DatumGetInt32(value);

	if (!case_id_is_valid(id))
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("invalid stored value for type %s: %d", "fms.case_id", id),
				 errdetail("A case identifier is stored as an integer from 0 to %d; this value was not made by the type's input.",
						   CASE_ID_LIMIT - 1),
				 errhint("Find the row holding it and restore it from a backup, or delete it.")));
	return id;
}

static text *
case_id_to_text(int32 id)
{
	char		buf[CASE_ID_TEXT_LEN + 1];

	case_id_format(id, buf);
	return cstring_to_text_with_len(buf, CASE_ID_TEXT_LEN);
}

PG_FUNCTION_INFO_V1(fms_case_id_in);
Datum
fms_case_id_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	int32		id = 0;

	if (!parse_case_id(str, strlen(str), fcinfo->context, &id))
		PG_RETURN_DATUM((Datum) 0);
	PG_RETURN_CASE_ID(id);
}

PG_FUNCTION_INFO_V1(fms_case_id_out);
Datum
fms_case_id_out(PG_FUNCTION_ARGS)
{
	char	   *buf = palloc(CASE_ID_TEXT_LEN + 1);

	case_id_format(PG_GETARG_CASE_ID(0), buf);
	PG_RETURN_CSTRING(buf);
}

/* Binary format: the packed value as a 4-byte integer. */
PG_FUNCTION_INFO_V1(fms_case_id_recv);
Datum
fms_case_id_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int32		id = pq_getmsgint(buf, sizeof(int32));

	if (!case_id_is_valid(id))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid external binary value for type %s: %d", "fms.case_id", id),
				 errdetail("A binary case identifier is an integer from 0 to %d.",
						   CASE_ID_LIMIT - 1)));
	PG_RETURN_CASE_ID(id);
}

PG_FUNCTION_INFO_V1(fms_case_id_send);
Datum
fms_case_id_send(PG_FUNCTION_ARGS)
{
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendint32(&buf, PG_GETARG_CASE_ID(0));
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

PG_FUNCTION_INFO_V1(fms_case_id_from_text);
Datum
fms_case_id_from_text(PG_FUNCTION_ARGS)
{
	text	   *txt = PG_GETARG_TEXT_PP(0);
	int32		id = 0;

	parse_case_id(VARDATA_ANY(txt), VARSIZE_ANY_EXHDR(txt), NULL, &id);
	PG_RETURN_CASE_ID(id);
}

PG_FUNCTION_INFO_V1(fms_case_id_to_text);
Datum
fms_case_id_to_text(PG_FUNCTION_ARGS)
{
	PG_RETURN_TEXT_P(case_id_to_text(PG_GETARG_CASE_ID(0)));
}

PG_FUNCTION_INFO_V1(fms_case_id_customer_code);
Datum
fms_case_id_customer_code(PG_FUNCTION_ARGS)
{
	char		buf[CASE_ID_CUSTOMER_LEN + 1];

	case_id_customer(PG_GETARG_CASE_ID(0), buf);
	PG_RETURN_TEXT_P(cstring_to_text_with_len(buf, CASE_ID_CUSTOMER_LEN));
}

PG_FUNCTION_INFO_V1(fms_case_id_agency_code);
Datum
fms_case_id_agency_code(PG_FUNCTION_ARGS)
{
	char		buf[CASE_ID_AGENCY_LEN + 1];

	case_id_agency(PG_GETARG_CASE_ID(0), buf);
	PG_RETURN_TEXT_P(cstring_to_text_with_len(buf, CASE_ID_AGENCY_LEN));
}

PG_FUNCTION_INFO_V1(fms_case_id_designator);
Datum
fms_case_id_designator(PG_FUNCTION_ARGS)
{
	char		buf[CASE_ID_DESIGNATOR_LEN + 1];

	case_id_designator(PG_GETARG_CASE_ID(0), buf);
	PG_RETURN_TEXT_P(cstring_to_text_with_len(buf, CASE_ID_DESIGNATOR_LEN));
}

/* fms.make_case_id(customer, agency, designator): names the bad part. */
PG_FUNCTION_INFO_V1(fms_make_case_id);
Datum
fms_make_case_id(PG_FUNCTION_ARGS)
{
	static const char *const part_names[] = {
		"customer code", "implementing agency code", "case designator"
	};
	text	   *parts[3];
	CaseIdStatus status;
	int32		id = 0;
	int			bad;

	for (bad = 0; bad < 3; bad++)
		parts[bad] = PG_GETARG_TEXT_PP(bad);
	status = case_id_from_parts(VARDATA_ANY(parts[0]), VARSIZE_ANY_EXHDR(parts[0]),
								VARDATA_ANY(parts[1]), VARSIZE_ANY_EXHDR(parts[1]),
								VARDATA_ANY(parts[2]), VARSIZE_ANY_EXHDR(parts[2]),
								&id);
	if (status == CASE_ID_OK)
		PG_RETURN_CASE_ID(id);

	bad = status == CASE_ID_BAD_CUSTOMER ? 0 : status == CASE_ID_BAD_AGENCY ? 1 : 2;
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("invalid %s for a case identifier: \"%s\"", part_names[bad],
					fms_cut_value(text_to_cstring(parts[bad]))),
			 errdetail("%s", case_id_problem(status)),
			 errhint("Pass the three parts separately, as in fms.make_case_id('JA', 'D', 'QAB').")));
	PG_RETURN_NULL();			/* keep compiler quiet */
}
