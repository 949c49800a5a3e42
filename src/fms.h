/*-------------------------------------------------------------------------
 * fms.h
 *	  Declarations shared by the fmgr glue files of the fms extension.
 *
 * IDENTIFICATION
 *	  src/fms.h
 *-------------------------------------------------------------------------
 */
#ifndef FMS_H
#define FMS_H

#include "fmgr.h"
#include "nodes/nodes.h"
#include "utils/relcache.h"

/*
 * Soft errors (PG16+): input functions report bad input through errsave()
 * so that pg_input_is_valid() can ask without an exception.  Older servers
 * simply throw.
 */
#if PG_VERSION_NUM < 150000
#define MarkGUCPrefixReserved(prefix) EmitWarningsOnPlaceholders(prefix)
#endif

#if PG_VERSION_NUM < 160000
#define errsave(context, ...) ereport(ERROR, __VA_ARGS__)
#endif

/* 22P02 for a malformed literal; see syntax_error.c. */
extern void fms_syntax_error(Node *escontext, const char *type_name,
							 const char *str, size_t len,
							 const char *detail, const char *hint);

/* A table's schema-qualified, quoted name, for messages. */
extern char *fms_relation_name(Relation rel);

/* A day number (a DateADT) as YYYY-MM-DD, whatever DateStyle is. */
extern char *fms_iso_date(int32 day);

/* The fms.* settings; see settings.c. */
extern char *fms_reason;
extern void fms_define_settings(void);
extern int32 fms_effective_date(void);	/* a DateADT */
extern const char *fms_current_actor(void);

/* fms.case_id is a pass-by-value int4 (see case_id.h). */
#define DatumGetCaseId(X)		DatumGetInt32(X)
#define CaseIdGetDatum(X)		Int32GetDatum(X)
#define PG_GETARG_CASE_ID(n)	DatumGetCaseId(PG_GETARG_DATUM(n))
#define PG_RETURN_CASE_ID(x)	return CaseIdGetDatum(x)

/* fms.usml is an int8-like value (see usml.h). */
#define DatumGetUsml(X)			DatumGetInt64(X)
#define UsmlGetDatum(X)			Int64GetDatum(X)
#define PG_GETARG_USML(n)		DatumGetUsml(PG_GETARG_DATUM(n))
#define PG_RETURN_USML(x)		return UsmlGetDatum(x)

#endif							/* FMS_H */
