/*-------------------------------------------------------------------------
 * relation_name.c
 *	  A table's name as messages show it: schema-qualified and quoted.
 *
 * IDENTIFICATION
 *	  src/relation_name.c
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/rel.h"

#include "fms.h"

char *
fms_relation_name(Relation rel)
{
	return quote_qualified_identifier(get_namespace_name(RelationGetNamespace(rel)),
									  RelationGetRelationName(rel));
}
