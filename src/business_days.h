/*-------------------------------------------------------------------------
 * business_days.h
 *	  Federal business-day arithmetic: holiday rules, the observed-day rule,
 *	  and counting and stepping over weekdays minus a sorted set of closed
 *	  days.
 *
 * Pure C: no PostgreSQL headers.  Days are day numbers from 2000-01-01
 * (civil_date.h).  Every operation costs O(log n) in the number of closed
 * days, whatever the span: weekdays are counted in closed form and the
 * closed days found by binary search.
 *
 * IDENTIFICATION
 *	  src/business_days.h
 *-------------------------------------------------------------------------
 */
#ifndef FMS_BUSINESS_DAYS_H
#define FMS_BUSINESS_DAYS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* How a holiday's date is found in a year. */
typedef enum HolidayKind
{
	HOLIDAY_FIXED,				/* month and day */
	HOLIDAY_NTH_WEEKDAY,		/* nth weekday of the month */
	HOLIDAY_LAST_WEEKDAY		/* last weekday of the month */
} HolidayKind;

typedef struct HolidayRule
{
	HolidayKind kind;
	int			month;			/* 1-12 */
	int			day;			/* HOLIDAY_FIXED: 1-31 */
	int			weekday;		/* otherwise: 0 = Monday ... 6 = Sunday */
	int			nth;			/* HOLIDAY_NTH_WEEKDAY: 1-5 */
} HolidayRule;

/* The holiday's own date in year. */
extern int32_t holiday_date(const HolidayRule *rule, int year);

/* Its observed date: a Saturday is observed the Friday before, a Sunday the Monday after. */
extern int32_t observed_date(int32_t day);

/*
 * closed[0..nclosed) is sorted, holds no duplicates and only weekdays (the
 * observed holidays and closures that fall on a weekday).
 */
extern bool is_business_day(const int32_t *closed, size_t nclosed, int32_t day);

/* Business days d with from < d <= to; negative (and mirrored) when to < from. */
extern int64_t business_days_between(const int32_t *closed, size_t nclosed, int32_t from, int32_t to);

/*
 * The nth business day after day (n > 0) or before it (n < 0); for n = 0,
 * day itself if it is a business day, else the next one.
 */
extern int32_t add_business_days(const int32_t *closed, size_t nclosed, int32_t day, int32_t n);

#endif							/* FMS_BUSINESS_DAYS_H */
