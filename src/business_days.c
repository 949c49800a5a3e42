/*-------------------------------------------------------------------------
 * business_days.c
 *	  Federal business-day arithmetic; see business_days.h.
 *
 * IDENTIFICATION
 *	  src/business_days.c
 *-------------------------------------------------------------------------
 */
#include "business_days.h"

#include "civil_date.h"

/* A Monday, as a day number (1999-12-27), to count weeks from. */
#define MONDAY_EPOCH (-5)

static int64_t
floor_div(int64_t a, int64_t b)
{
	return (a >= 0) ? a / b : -((-a + b - 1) / b);
}

int32_t
holiday_date(const HolidayRule *rule, int year)
{
	switch (rule->kind)
	{
		case HOLIDAY_FIXED:
			return civil_days_from_ymd(year, rule->month, rule->day);
		case HOLIDAY_NTH_WEEKDAY:
			return civil_nth_weekday(year, rule->month, rule->weekday, rule->nth);
		case HOLIDAY_LAST_WEEKDAY:
		default:
			return civil_nth_weekday(year, rule->month, rule->weekday, -1);
	}
}

int32_t
observed_date(int32_t day)
{
	int			w = civil_weekday(day);

	return w == 5 ? day - 1 : w == 6 ? day + 1 : day;
}

/* Weekdays in [MONDAY_EPOCH, day], negative before it: a step function. */
static int64_t
weekdays_through(int32_t day)
{
	int64_t		k = (int64_t) day - MONDAY_EPOCH;
	int64_t		weeks = floor_div(k, 7);
	int64_t		rest = k - weeks * 7;	/* 0 = Monday ... 6 = Sunday */

	return weeks * 5 + (rest < 5 ? rest + 1 : 5);
}

/* Number of closed days <= day. */
static size_t
closed_through(const int32_t *closed, size_t nclosed, int32_t day)
{
	size_t		lo = 0;
	size_t		hi = nclosed;

	while (lo < hi)
	{
		size_t		mid = lo + (hi - lo) / 2;

		if (closed[mid] <= day)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

bool
is_business_day(const int32_t *closed, size_t nclosed, int32_t day)
{
	size_t		through = closed_through(closed, nclosed, day);

	return civil_weekday(day) < 5 && (through == 0 || closed[through - 1] != day);
}

int64_t
business_days_between(const int32_t *closed, size_t nclosed, int32_t from, int32_t to)
{
	if (to < from)
		return -business_days_between(closed, nclosed, to, from);
	return (weekdays_through(to) - weekdays_through(from)) -
		(int64_t) (closed_through(closed, nclosed, to) - closed_through(closed, nclosed, from));
}

/* The nth weekday after day (n >= 1). */
static int32_t
weekdays_after(int32_t day, int32_t n)
{
	int			w = civil_weekday(day);
	int64_t		total;

	if (w > 4)
	{
		day -= w - 4;			/* count from the Friday before */
		w = 4;
	}
	total = (int64_t) w + n;
	return (int32_t) (day - w + (total / 5) * 7 + total % 5);
}

/* The nth weekday before day (n >= 1). */
static int32_t
weekdays_before(int32_t day, int32_t n)
{
	int			w = civil_weekday(day);
	int64_t		total;

	if (w > 4)
	{
		day += 7 - w;			/* count from the Monday after */
		w = 0;
	}
	total = (int64_t) (4 - w) + n;
	return (int32_t) (day + (4 - w) - (total / 5) * 7 - total % 5);
}

int32_t
add_business_days(const int32_t *closed, size_t nclosed, int32_t day, int32_t n)
{
	int32_t		at;
	int64_t		missing;

	if (n == 0)
		return is_business_day(closed, nclosed, day) ? day : add_business_days(closed, nclosed, day, 1);
	if (n > 0)
	{
		/* Step over weekdays, then again over the closed days passed. */
		at = weekdays_after(day, n);
		missing = (int64_t) n - business_days_between(closed, nclosed, day, at);
		while (missing > 0)
		{
			int32_t		next = weekdays_after(at, (int32_t) missing);

			missing -= business_days_between(closed, nclosed, at, next);
			at = next;
		}
		return at;
	}
	at = weekdays_before(day, -n);
	/* Business days in [at, day) are those in (at - 1, day - 1]. */
	missing = (int64_t) (-n) - business_days_between(closed, nclosed, at - 1, day - 1);
	while (missing > 0)
	{
		int32_t		next = weekdays_before(at, (int32_t) missing);

		missing -= business_days_between(closed, nclosed, next - 1, at - 1);
		at = next;
	}
	return at;
}
