/*-------------------------------------------------------------------------
 * messages.c
 *	  How fms names things in its error messages: a malformed literal, a
 *	  value quoted from the user, a table, a date.
 *
 * IDENTIFICATION
 *	  src/messages.c
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "mb/pg_wchar.h"
#include "nodes/nodes.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/rel.h"

#include "citus_shard.h"
#include "civil_date.h"
#include "fms.h"

/* Longest part of a value quoted in a message, in bytes. */
#define QUOTED_VALUE_MAX 64

char *
fms_cut_value_len(const char *str, size_t len)
{
	int			keep;

	if (len <= QUOTED_VALUE_MAX)
		return pnstrdup(str, len);
	keep = pg_mbcliplen(str, (int) len, QUOTED_VALUE_MAX);
	return psprintf("%s...", pnstrdup(str, keep));
}

char *
fms_cut_value(const char *str)
{
	return fms_cut_value_len(str, strlen(str));
}

/*
 * ERROR 22P02 naming the type and quoting the input (len bytes of str),
 * with what is wrong as DETAIL and how to write it as HINT.  Thrown, or
 * saved in escontext when the caller asked for a soft error (PG16+).
 */
void
fms_syntax_error(Node *escontext, const char *type_name, const char *str, size_t len,
				 const char *detail, const char *hint)
{
	errsave(escontext,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("invalid input syntax for type %s: \"%s\"", type_name,
					fms_cut_value_len(str, len)),
			 errdetail("%s", detail),
			 errhint("%s", hint)));
}

char *
fms_table_name(Oid relid)
{
	char	   *name = get_rel_name(relid);

	if (name == NULL)
		elog(ERROR, "cache lookup failed for relation %u", relid);
	return quote_qualified_identifier(get_namespace_name(get_rel_namespace(relid)), name);
}

char *
fms_relation_name(Relation rel)
{
	Oid			table = fms_shard_table(RelationGetRelid(rel));

	/* On a Citus node, a shard is named as the table it belongs to. */
	if (OidIsValid(table))
		return fms_table_name(table);
	return quote_qualified_identifier(get_namespace_name(RelationGetNamespace(rel)),
									  RelationGetRelationName(rel));
}

char *
fms_iso_date(int32 day)
{
	int			year,
				month,
				mday;

	civil_ymd_from_days(day, &year, &month, &mday);
	return psprintf("%04d-%02d-%02d", year, month, mday);
}
