/*-------------------------------------------------------------------------
 * usml_fmgr.c
 *	  SQL interface of the fms.usml type: I/O, casts, category and
 *	  containment.
 *
 * Comparison and hashing reuse the server's int8 functions (see
 * src/sql/usml.sql): the packed value orders as a reader of the USML would.
 *
 * IDENTIFICATION
 *	  src/usml_fmgr.c
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "libpq/pqformat.h"
#include "utils/builtins.h"

#include "fms.h"
#include "usml.h"

static const char *
usml_problem(UsmlStatus status)
{
	switch (status)
	{
		case USML_EMPTY:
			return "A USML reference is a category from I to XXI, optionally followed by up to four paragraph levels.";
		case USML_BAD_CATEGORY:
			return "The category must be a Roman numeral from I to XXI.";
		case USML_BAD_LETTER:
			return "The first paragraph level must be a lowercase letter, as in \"(a)\".";
		case USML_BAD_NUMBER:
			return "The second paragraph level must be a number from 1 to 9999 without leading zeros, as in \"(3)\".";
		case USML_BAD_ROMAN:
			return "The third paragraph level must be a lowercase Roman numeral, as in \"(iv)\".";
		case USML_BAD_UPPER:
			return "The fourth paragraph level must be an uppercase letter, as in \"(A)\".";
		case USML_TOO_DEEP:
			return "A USML reference has at most four paragraph levels.";
		case USML_UNCLOSED:
			return "A paragraph is missing its closing parenthesis.";
		case USML_NOT_PARAGRAPH:
			return "Paragraphs must be written in parentheses, each directly after the category or the paragraph before it.";
		case USML_OK:
			break;
	}
	elog(ERROR, "unexpected USML parse status %d", (int) status);
	return NULL;				/* keep compiler quiet */
}

/*
 * Parse str (len bytes) or report why not: thrown, or saved in escontext
 * when the caller asked for a soft error.  Returns false on a saved error.
 */
static bool
parse_usml(const char *str, size_t len, Node *escontext, int64 *result)
{
	UsmlStatus	status = usml_parse(str, len, result);

	if (status == USML_OK)
		return true;
	fms_syntax_error(escontext, "fms.usml", str, len, usml_problem(status),
					 "Write a USML reference as in \"XI(a)(3)(i)(A)\", optionally after \"Cat.\" or \"Category\".");
	return false;
}

PG_FUNCTION_INFO_V1(fms_usml_in);
Datum
fms_usml_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	int64		ref = 0;

	if (!parse_usml(str, strlen(str), fcinfo->context, &ref))
		PG_RETURN_DATUM((Datum) 0);
	PG_RETURN_USML(ref);
}

int64
fms_usml_datum(Datum value)
{
	int64		ref = DatumGetInt64(value);

	if (!usml_is_valid(ref))
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("invalid stored value for type %s: " INT64_FORMAT, "fms.usml", ref),
				 errdetail("The value does not encode a category from I to XXI with up to four paragraph levels; it was not made by the type's input."),
				 errhint("Find the row holding it and restore it from a backup, or delete it.")));
	return ref;
}

PG_FUNCTION_INFO_V1(fms_usml_out);
Datum
fms_usml_out(PG_FUNCTION_ARGS)
{
	char	   *buf = palloc(USML_TEXT_MAX);

	usml_format(PG_GETARG_USML(0), buf);
	PG_RETURN_CSTRING(buf);
}

/* Binary format: the packed value as an 8-byte integer. */
PG_FUNCTION_INFO_V1(fms_usml_recv);
Datum
fms_usml_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int64		ref = pq_getmsgint64(buf);

	if (!usml_is_valid(ref))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid external binary value for type %s: " INT64_FORMAT,
						"fms.usml", ref),
				 errdetail("The value does not encode a category from I to XXI with up to four paragraph levels.")));
	PG_RETURN_USML(ref);
}

PG_FUNCTION_INFO_V1(fms_usml_send);
Datum
fms_usml_send(PG_FUNCTION_ARGS)
{
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendint64(&buf, PG_GETARG_USML(0));
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

PG_FUNCTION_INFO_V1(fms_usml_from_text);
Datum
fms_usml_from_text(PG_FUNCTION_ARGS)
{
	text	   *txt = PG_GETARG_TEXT_PP(0);
	int64		ref = 0;

	parse_usml(VARDATA_ANY(txt), VARSIZE_ANY_EXHDR(txt), NULL, &ref);
	PG_RETURN_USML(ref);
}

PG_FUNCTION_INFO_V1(fms_usml_to_text);
Datum
fms_usml_to_text(PG_FUNCTION_ARGS)
{
	char		buf[USML_TEXT_MAX];

	usml_format(PG_GETARG_USML(0), buf);
	PG_RETURN_TEXT_P(cstring_to_text(buf));
}

PG_FUNCTION_INFO_V1(fms_usml_category);
Datum
fms_usml_category(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(usml_category(PG_GETARG_USML(0)));
}

PG_FUNCTION_INFO_V1(fms_usml_contains);
Datum
fms_usml_contains(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(usml_contains(PG_GETARG_USML(0), PG_GETARG_USML(1)));
}

PG_FUNCTION_INFO_V1(fms_usml_contained_by);
Datum
fms_usml_contained_by(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(usml_contains(PG_GETARG_USML(1), PG_GETARG_USML(0)));
}
