/*-------------------------------------------------------------------------
 * settings.c
 *	  The fms.* settings through which any client tells the workflow engine
 *	  why, for whom and as of when a status changes.
 *
 *	  fms.reason          reason recorded with the change; required by some edges
 *	  fms.actor           application user; empty means session_user
 *	  fms.effective_date  date the change takes effect, YYYY-MM-DD; empty
 *	                      means current_date (loaders replay history with it)
 *
 * IDENTIFICATION
 *	  src/settings.c
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "miscadmin.h"
#include "utils/date.h"
#include "utils/guc.h"

#include "civil_date.h"
#include "fms.h"

char	   *fms_reason = NULL;
static char *fms_actor = NULL;
static char *effective_date_text = NULL;

/*
 * The parsed value of fms.effective_date, kept by the assign hook.  A value
 * set before the library was loaded (a placeholder, in any transaction or
 * savepoint level) is only checked when the setting is defined.  It is
 * then accepted as it is, and marked not a date here, so that a write that
 * needs the date while it is in force fails, rather than stamping today as
 * the server's fallback to the default would.
 */
static bool effective_date_given = false;
static bool effective_date_invalid = false;
static int32 effective_date_days = 0;
static bool defining_settings = false;

static bool
check_effective_date(char **newval, void **extra, GucSource source)
{
	int32		days;

	if (**newval == '\0' || civil_date_parse_iso(*newval, strlen(*newval), &days) || defining_settings)
		return true;
	GUC_check_errdetail("fms.effective_date must be a date written YYYY-MM-DD, or empty for the current date.");
	return false;
}

static void
assign_effective_date(const char *newval, void *extra)
{
	bool		parsed = civil_date_parse_iso(newval, strlen(newval), &effective_date_days);

	effective_date_given = newval[0] != '\0' && parsed;
	effective_date_invalid = newval[0] != '\0' && !parsed;
}

void
fms_define_settings(void)
{
	DefineCustomStringVariable("fms.reason",
							   "Reason recorded with the status changes that follow.",
							   "Edges with requires_reason refuse a change while it is empty.",
							   &fms_reason, "", PGC_USERSET, 0, NULL, NULL, NULL);
	DefineCustomStringVariable("fms.actor",
							   "Application user recorded with the status changes that follow.",
							   "Empty means the session user.",
							   &fms_actor, "", PGC_USERSET, 0, NULL, NULL, NULL);
	defining_settings = true;
	PG_TRY();
	{
		DefineCustomStringVariable("fms.effective_date",
								   "Date (YYYY-MM-DD) the status changes that follow take effect.",
								   "Empty means the current date; loaders set it to replay history.",
								   &effective_date_text, "", PGC_USERSET, 0,
								   check_effective_date, assign_effective_date, NULL);
	}
	PG_FINALLY();
	{
		defining_settings = false;
	}
	PG_END_TRY();
	MarkGUCPrefixReserved("fms");
}

DateADT
fms_effective_date(void)
{
	if (effective_date_invalid)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_DATETIME_FORMAT),
				 errmsg("fms.effective_date is \"%s\", which is not a date", fms_cut_value(effective_date_text)),
				 errdetail("The value was set before the fms library was loaded, so it could not be checked when it was set."),
				 errhint("SET fms.effective_date to a date written YYYY-MM-DD, or RESET it for the current date.")));
	return effective_date_given ? (DateADT) effective_date_days : GetSQLCurrentDate();
}

const char *
fms_current_actor(void)
{
	if (fms_actor != NULL && fms_actor[0] != '\0')
		return fms_actor;
	return GetUserNameFromId(GetSessionUserId(), false);
}
