/*-------------------------------------------------------------------------
 * syntax_error.c
 *	  The one way fms reports a malformed literal of one of its types.
 *
 * IDENTIFICATION
 *	  src/syntax_error.c
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "nodes/nodes.h"

#include "fms.h"

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
					pnstrdup(str, len)),
			 errdetail("%s", detail),
			 errhint("%s", hint)));
}
