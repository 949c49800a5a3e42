/*-------------------------------------------------------------------------
 * settings.c
 *	  The fms.* settings through which any client tells fms why, for whom
 *	  and as of when.
 *
 *	  fms.reason          reason recorded with a status change; required by
 *	                      some edges
 *	  fms.actor           application user; empty means session_user
 *	  fms.effective_date  date a status change takes effect, YYYY-MM-DD;
 *	                      empty means fms.today() (loaders replay history
 *	                      with it)
 *	  fms.as_of_date      date the reports count as today, YYYY-MM-DD;
 *	                      empty means the current date (tests and what-if
 *	                      reports pin it); read through fms.today()
 *	  fms.confirm_drop    on: DROP EXTENSION fms may drop case data (see
 *	                      data_loss_guard.c); meant for SET LOCAL
 *
 * IDENTIFICATION
 *	  src/settings.c
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/xact.h"
#include "miscadmin.h"
#include "utils/date.h"
#include "utils/guc.h"

#include "civil_date.h"
#include "fms.h"

char	   *fms_reason = NULL;
bool		fms_confirm_drop = false;
static char *fms_actor = NULL;

/*
 * A date setting, parsed by its assign hook.  A value set before the
 * library was loaded (a placeholder, at any transaction or savepoint level)
 * is only checked when the setting is defined; it is then accepted as it
 * is and marked not a date, so that whatever needs the date while it is in
 * force fails, rather than using today as the server's fallback to the
 * default would.
 */
typedef struct DateSetting
{
	const char *name;
	char	   *text;
	bool		given;
	bool		invalid;
	int32		days;
} DateSetting;

static DateSetting effective_date = {.name = "fms.effective_date"};
static DateSetting as_of_date = {.name = "fms.as_of_date"};
static bool defining_settings = false;

static bool
check_date(char **newval, const char *name)
{
	int32		days;

	if (**newval == '\0' || civil_date_parse_iso(*newval, strlen(*newval), &days) || defining_settings)
		return true;
	GUC_check_errdetail("%s must be a date written YYYY-MM-DD, or empty for the current date.", name);
	return false;
}

static void
assign_date(DateSetting *setting, const char *newval)
{
	bool		parsed = civil_date_parse_iso(newval, strlen(newval), &setting->days);

	setting->given = newval[0] != '\0' && parsed;
	setting->invalid = newval[0] != '\0' && !parsed;
}

static bool
check_effective_date(char **newval, void **extra, GucSource source)
{
	return check_date(newval, effective_date.name);
}

static void
assign_effective_date(const char *newval, void *extra)
{
	assign_date(&effective_date, newval);
}

static bool
check_as_of_date(char **newval, void **extra, GucSource source)
{
	return check_date(newval, as_of_date.name);
}

static void
assign_as_of_date(const char *newval, void *extra)
{
	assign_date(&as_of_date, newval);
}

static void define_settings(void);

/* The setting's date, or the current date when it is empty. */
static DateADT
date_setting_value(const DateSetting *setting)
{
	if (setting->invalid)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_DATETIME_FORMAT),
				 errmsg("%s is \"%s\", which is not a date", setting->name, fms_cut_value(setting->text)),
				 errdetail("The value was set before the fms library was loaded, so it could not be checked when it was set."),
				 errhint("SET %s to a date written YYYY-MM-DD, or RESET it for the current date.", setting->name)));
	return setting->given ? (DateADT) setting->days : GetSQLCurrentDate();
}

/*
 * Define the settings.  A library first loaded during a parallel operation
 * (the leader starting a parallel plan that is the session's first use of
 * fms, or a worker calling fms first) takes over the values set before it
 * was loaded (placeholders: SET, ALTER DATABASE or ROLE ... SET) like any
 * other load: PostgreSQL refuses to set a parameter in parallel mode, so
 * the session would silently fall back to the defaults, and report on
 * today, record the session user as the actor and date its status changes
 * today.  Taking a placeholder's value over changes no value the leader
 * and its workers see, so parallel mode is left while the settings are
 * defined, and nothing else runs meanwhile.
 */
void
fms_define_settings(void)
{
	int			parallel_levels = 0;

	while (IsInParallelMode())
	{
		ExitParallelMode();
		parallel_levels++;
	}
	PG_TRY();
	{
		define_settings();
	}
	PG_FINALLY();
	{
		while (parallel_levels-- > 0)
			EnterParallelMode();
	}
	PG_END_TRY();
}

static void
define_settings(void)
{
	DefineCustomStringVariable("fms.reason",
							   "Reason recorded with the status changes that follow.",
							   "Edges with requires_reason refuse a change while it is empty.",
							   &fms_reason, "", PGC_USERSET, 0, NULL, NULL, NULL);
	DefineCustomStringVariable("fms.actor",
							   "Application user recorded with the status changes that follow.",
							   "Empty means the session user.",
							   &fms_actor, "", PGC_USERSET, 0, NULL, NULL, NULL);
	DefineCustomBoolVariable("fms.confirm_drop",
							 "Lets DROP EXTENSION fms drop the case data its tables hold.",
							 "Set it with SET LOCAL in the transaction that drops the extension.",
							 &fms_confirm_drop, false, PGC_USERSET, 0, NULL, NULL, NULL);
	defining_settings = true;
	PG_TRY();
	{
		DefineCustomStringVariable(effective_date.name,
								   "Date (YYYY-MM-DD) the status changes that follow take effect.",
								   "Empty means the current date; loaders set it to replay history.",
								   &effective_date.text, "", PGC_USERSET, 0,
								   check_effective_date, assign_effective_date, NULL);
		DefineCustomStringVariable(as_of_date.name,
								   "Date (YYYY-MM-DD) the reports count as today.",
								   "Empty means the current date; set it to see the reports as of another day.",
								   &as_of_date.text, "", PGC_USERSET, 0,
								   check_as_of_date, assign_as_of_date, NULL);
	}
	PG_FINALLY();
	{
		defining_settings = false;
	}
	PG_END_TRY();
	MarkGUCPrefixReserved("fms");
}

/* The date status changes take effect: fms.effective_date, else fms.today(). */
DateADT
fms_effective_date(void)
{
	if (effective_date.given || effective_date.invalid)
		return date_setting_value(&effective_date);
	return date_setting_value(&as_of_date);
}

/* fms.today(): the date the reports count as today. */
PG_FUNCTION_INFO_V1(fms_today);
Datum
fms_today(PG_FUNCTION_ARGS)
{
	PG_RETURN_DATEADT(date_setting_value(&as_of_date));
}

const char *
fms_current_actor(void)
{
	if (fms_actor != NULL && fms_actor[0] != '\0')
		return fms_actor;
	return GetUserNameFromId(GetSessionUserId(), false);
}
