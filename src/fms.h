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
#if PG_VERSION_NUM >= 160000
#include "varatt.h"				/* VARDATA_ANY and friends, since 16 */
#endif

/*
 * PostgreSQL 18 replaced the suffix pg_attribute_noreturn() with the prefix
 * pg_noreturn; older servers, built by gcc or clang, take the attribute as
 * a prefix too.
 */
#ifndef pg_noreturn
#define pg_noreturn __attribute__((noreturn))
#endif

/*
 * Soft errors (PG16+): input functions report bad input through errsave()
 * so that pg_input_is_valid() can ask without an exception.  Older servers
 * simply throw.
 */
#if PG_VERSION_NUM < 150000
#define MarkGUCPrefixReserved(prefix) EmitWarningsOnPlaceholders(prefix)
#endif

/* Whether the current user owns a table (or is a superuser). */
#if PG_VERSION_NUM >= 160000
#define fms_owns_relation(relid) object_ownercheck(RelationRelationId, (relid), GetUserId())
#else
#define fms_owns_relation(relid) pg_class_ownercheck((relid), GetUserId())
#endif

#if PG_VERSION_NUM < 160000
#define errsave(context, ...) ereport(ERROR, __VA_ARGS__)
#endif

/* Message helpers; see messages.c. */
/* 22P02 for a malformed literal of an fms type. */
extern void fms_syntax_error(Node *escontext, const char *type_name,
							 const char *str, size_t len,
							 const char *detail, const char *hint);
/* A user's value to quote in a message, cut after 64 bytes as "...". */
extern char *fms_cut_value(const char *str);
extern char *fms_cut_value_len(const char *str, size_t len);
/*
 * A table's schema-qualified, quoted name, as the logs file it (the same on
 * every node of a Citus cluster, where OIDs differ).
 */
extern char *fms_table_name(Oid relid);
/* A table's schema-qualified, quoted name (a Citus shard's, its table's). */
extern char *fms_relation_name(Relation rel);
/* A day number (a DateADT) as YYYY-MM-DD, whatever DateStyle is. */
extern char *fms_iso_date(int32 day);

/* The fms.* settings; see settings.c. */
extern char *fms_reason;
extern bool fms_confirm_drop;
extern void fms_define_settings(void);
extern int32 fms_effective_date(void);	/* a DateADT */
extern const char *fms_current_actor(void);

/*
 * fms.case_id is a pass-by-value int4 (see case_id.h), fms.usml an
 * int8-like value (see usml.h).  An argument is checked to be a value the
 * type's input could have made: stored bits from elsewhere (a cast WITHOUT
 * FUNCTION, a damaged page) get ERROR XX001, never a crash.
 */
extern int32 fms_case_id_datum(Datum value);
extern int64 fms_usml_datum(Datum value);
#define CaseIdGetDatum(X)		Int32GetDatum(X)
#define PG_GETARG_CASE_ID(n)	fms_case_id_datum(PG_GETARG_DATUM(n))
#define PG_RETURN_CASE_ID(x)	return CaseIdGetDatum(x)
#define UsmlGetDatum(X)			Int64GetDatum(X)
#define PG_GETARG_USML(n)		fms_usml_datum(PG_GETARG_DATUM(n))
#define PG_RETURN_USML(x)		return UsmlGetDatum(x)

#endif							/* FMS_H */
