/*-------------------------------------------------------------------------
 * row_security.c
 *	  What the row security policies ask of the current role: whether it is
 *	  restricted (fms.restricted_role(), fms.restricted_login()), and which
 *	  customers and licence applicants are granted to it
 *	  (fms.customer_granted(), fms.applicant_granted(), and the lists
 *	  fms.visible_customers(), fms.visible_applicants()).
 *
 * The policies call these at every row, with no sub-select: Citus pushes a
 * distributed table's policies down to its shards and refuses sub-selects
 * in them.  So each answers from what its first call in the query found,
 * kept with the call (fn_extra) for the role and the command it was found
 * for.  The grants are read from this node's own copy of the grant tables
 * (its shard of the reference table, on a Citus cluster), as the current
 * role, whose row security on those tables applies.
 *
 * IDENTIFICATION
 *	  src/row_security.c
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/xact.h"
#include "catalog/namespace.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "miscadmin.h"
#include "utils/acl.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/datum.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"

#include "citus_shard.h"
#include "fms.h"

/* Roles whose members see only the rows granted to them (need not exist). */
static const char *const restricting_roles[] = {"fms_partner", "fms_industry"};

/* A member, as pg_has_role(..., 'MEMBER') says (a superuser is of every role). */
static bool
is_restricted_member(Oid role)
{
	for (size_t i = 0; i < lengthof(restricting_roles); i++)
	{
		Oid			restricting = get_role_oid(restricting_roles[i], true);

		if (OidIsValid(restricting) && is_member_of_role(role, restricting))
			return true;
	}
	return false;
}

static bool
restricted_login(void)
{
	Oid			login = GetSessionUserId();

	return is_restricted_member(login) && !superuser_arg(login);
}

/*
 * An answer holds for one role, login and command: PL/pgSQL keeps a simple
 * expression's state, and so fn_extra, from one statement to the next.
 */
typedef struct RestrictedAnswer
{
	Oid			user;
	Oid			login;
	CommandId	command;
	bool		restricted;
} RestrictedAnswer;

PG_FUNCTION_INFO_V1(fms_restricted_login);
Datum
fms_restricted_login(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(restricted_login());
}

PG_FUNCTION_INFO_V1(fms_restricted_role);
Datum
fms_restricted_role(PG_FUNCTION_ARGS)
{
	RestrictedAnswer *answer = (RestrictedAnswer *) fcinfo->flinfo->fn_extra;
	Oid			user = GetUserId();
	Oid			login = GetSessionUserId();
	CommandId	command = GetCurrentCommandId(false);

	if (answer == NULL)
		answer = fcinfo->flinfo->fn_extra =
			MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(RestrictedAnswer));
	else if (answer->user == user && answer->login == login && answer->command == command)
		PG_RETURN_BOOL(answer->restricted);
	answer->restricted = is_restricted_member(user) || restricted_login();
	answer->user = user;
	answer->login = login;
	answer->command = command;
	PG_RETURN_BOOL(answer->restricted);
}

typedef struct GrantedAnswer
{
	Oid			user;
	CommandId	command;
	MemoryContext memory;		/* what follows, for one user */
	Datum		granted;		/* text[] */
	int			count;			/* its elements, sorted bytewise, for lookups */
	char	  **values;
} GrantedAnswer;

/*
 * The distinct values of a grant table's column in the rows naming a role
 * the current role is a member of, as a text[] allocated in memory.
 */
static Datum
read_granted(const char *table_name, const char *column, MemoryContext memory)
{
	Oid			nsp = get_namespace_oid("fms", false);
	Oid			table = get_relname_relid(table_name, nsp);
	Oid			source;
	char	   *sql;
	bool		isnull;
	Datum		granted;
	int			ret;
	MemoryContext spi;

	if (!OidIsValid(table))
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_TABLE),
				 errmsg("table fms.%s does not exist", table_name),
				 errhint("Reinstall the extension fms.")));
	/*
	 * A role that may not read the grants has none.  The planner calls this
	 * to estimate a policy's selectivity before the executor checks the
	 * privileges on the table the query names: a role without them gets
	 * their error, not this table's.
	 */
	if (pg_class_aclcheck(table, GetUserId(), ACL_SELECT) != ACLCHECK_OK)
	{
		MemoryContext caller = MemoryContextSwitchTo(memory);

		granted = PointerGetDatum(construct_empty_array(TEXTOID));
		MemoryContextSwitchTo(caller);
		return granted;
	}
	source = fms_local_shard(table);
	/* a role named in a grant may since have been dropped: no one is its member */
	sql = psprintf("SELECT COALESCE(pg_catalog.array_agg(DISTINCT g.%s), '{}')"
				   "  FROM %s AS g"
				   " WHERE pg_catalog.pg_has_role(CURRENT_USER,"
				   "       pg_catalog.to_regrole(pg_catalog.quote_ident(g.role_name))::pg_catalog.oid, 'MEMBER')",
				   quote_identifier(column),
				   quote_qualified_identifier("fms", get_rel_name(source)));
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	ret = SPI_execute(sql, true, 1);
	if (ret != SPI_OK_SELECT || SPI_processed != 1)
		elog(ERROR, "could not run \"%s\": %s", sql, SPI_result_code_string(ret));
	granted = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull);
	if (isnull)
		elog(ERROR, "\"%s\" returned NULL", sql);
	spi = MemoryContextSwitchTo(memory);
	granted = datumCopy(granted, false, -1);
	MemoryContextSwitchTo(spi);
	SPI_finish();
	return granted;
}

static int
compare_values(const void *a, const void *b)
{
	return strcmp(*(char *const *) a, *(char *const *) b);
}

/* The grants of the current role, read at the first call in the query. */
static GrantedAnswer *
granted_to_current_role(FunctionCallInfo fcinfo, const char *table_name, const char *column)
{
	GrantedAnswer *answer = (GrantedAnswer *) fcinfo->flinfo->fn_extra;
	Oid			user = GetUserId();
	CommandId	command = GetCurrentCommandId(false);
	Datum	   *elements;
	bool	   *nulls;
	MemoryContext caller;

	if (answer != NULL && answer->user == user && answer->command == command)
		return answer;
	if (answer == NULL)
	{
		answer = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(GrantedAnswer));
		answer->memory = AllocSetContextCreate(fcinfo->flinfo->fn_mcxt, "fms grants", ALLOCSET_SMALL_SIZES);
		fcinfo->flinfo->fn_extra = answer;
	}
	answer->user = InvalidOid;
	MemoryContextReset(answer->memory);
	answer->granted = read_granted(table_name, column, answer->memory);
	caller = MemoryContextSwitchTo(answer->memory);
	deconstruct_array(DatumGetArrayTypeP(answer->granted), TEXTOID, -1, false, TYPALIGN_INT,
					  &elements, &nulls, &answer->count);
	answer->values = palloc(sizeof(char *) * Max(answer->count, 1));
	for (int i = 0; i < answer->count; i++)
		answer->values[i] = TextDatumGetCString(elements[i]);	/* grant columns are NOT NULL */
	qsort(answer->values, answer->count, sizeof(char *), compare_values);
	MemoryContextSwitchTo(caller);
	answer->user = user;
	answer->command = command;
	return answer;
}

PG_FUNCTION_INFO_V1(fms_visible_customers);
Datum
fms_visible_customers(PG_FUNCTION_ARGS)
{
	return granted_to_current_role(fcinfo, "customer_access", "customer_code")->granted;
}

PG_FUNCTION_INFO_V1(fms_visible_applicants);
Datum
fms_visible_applicants(PG_FUNCTION_ARGS)
{
	return granted_to_current_role(fcinfo, "licence_access", "applicant")->granted;
}

/*
 * Whether a value is among the grants: what a policy asks at every row, a
 * binary search where "= ANY (array)" would take the array apart each time.
 * Values compare bytewise, as text's equality does.
 */
static bool
is_granted(FunctionCallInfo fcinfo, const char *table_name, const char *column)
{
	GrantedAnswer *answer = granted_to_current_role(fcinfo, table_name, column);
	char	   *value = TextDatumGetCString(PG_GETARG_DATUM(0));
	return bsearch(&value, answer->values, answer->count, sizeof(char *), compare_values) != NULL;
}

PG_FUNCTION_INFO_V1(fms_customer_granted);
Datum
fms_customer_granted(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(is_granted(fcinfo, "customer_access", "customer_code"));
}

PG_FUNCTION_INFO_V1(fms_applicant_granted);
Datum
fms_applicant_granted(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(is_granted(fcinfo, "licence_access", "applicant"));
}
