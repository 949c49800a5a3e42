/*-------------------------------------------------------------------------
 * calendar_quarter.c
 *	  fms.quarter_start(date): the first day of a date's calendar quarter,
 *	  the key the demand series and the quarterly reports sum under.
 *
 * In C because the keeping of the demand and the reports call it once per
 * event; PostgreSQL's own Julian-day conversions (j2date, date2j) make it
 * true for every date the type holds, where date_trunc on a timestamp
 * fails beyond the year 294276.
 *
 * IDENTIFICATION
 *	  src/calendar_quarter.c
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "datatype/timestamp.h"
#include "fmgr.h"
#include "utils/date.h"
#include "utils/datetime.h"

/* The first day there is, 4714-11-24 BC (Julian day 0). */
#define FIRST_DATE ((DateADT) (0 - POSTGRES_EPOCH_JDATE))

PG_FUNCTION_INFO_V1(fms_quarter_start);
Datum
fms_quarter_start(PG_FUNCTION_ARGS)
{
	DateADT		date = PG_GETARG_DATEADT(0);
	int			year,
				month,
				day;
	DateADT		first;

	if (DATE_NOT_FINITE(date))
		PG_RETURN_DATEADT(date);
	j2date(date + POSTGRES_EPOCH_JDATE, &year, &month, &day);
	first = date2j(year, month - (month - 1) % 3, 1) - POSTGRES_EPOCH_JDATE;
	/* the quarter of the first days there are begins before them */
	PG_RETURN_DATEADT(first < FIRST_DATE ? FIRST_DATE : first);
}
