/*-------------------------------------------------------------------------
 * append_only.c
 *	  fms.refuse_log_change(): keeps a table append-only.
 *
 * Fired BEFORE UPDATE OR DELETE (row) and BEFORE TRUNCATE (statement), and
 * enabled ALWAYS, so it holds for everyone, the table owner included, and
 * under session_replication_role = replica.  Only a superuser who disables
 * the trigger deliberately can change history.
 *
 * IDENTIFICATION
 *	  src/append_only.c
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "commands/trigger.h"

#include "fms.h"

PG_FUNCTION_INFO_V1(fms_refuse_log_change);
Datum
fms_refuse_log_change(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = (TriggerData *) fcinfo->context;
	const char *action;
	char	   *name;

	if (!CALLED_AS_TRIGGER(fcinfo) || !TRIGGER_FIRED_BEFORE(trigdata->tg_event))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("function \"%s\" must be fired BEFORE UPDATE, DELETE or TRUNCATE", "fms.refuse_log_change")));
	if (TRIGGER_FIRED_BY_UPDATE(trigdata->tg_event))
		action = "UPDATE";
	else if (TRIGGER_FIRED_BY_DELETE(trigdata->tg_event))
		action = "DELETE";
	else if (TRIGGER_FIRED_BY_TRUNCATE(trigdata->tg_event))
		action = "TRUNCATE";
	else
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("function \"%s\" must be fired BEFORE UPDATE, DELETE or TRUNCATE", "fms.refuse_log_change")));

	name = fms_relation_name(trigdata->tg_relation);
	ereport(ERROR,
			(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
			 errmsg("%s is append-only: %s is not allowed", name, action),
			 errdetail("History is corrected by new entries, never by changing old ones."),
			 errhint("A superuser who must repair it can run ALTER TABLE %s DISABLE TRIGGER %s, and enable it again after.",
					 name, trigdata->tg_trigger->tgname)));
	PG_RETURN_NULL();			/* keep compiler quiet */
}
