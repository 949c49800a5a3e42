/*-------------------------------------------------------------------------
 * business_calendar.c
 *	  SQL interface of the federal business-day calendar: the per-backend
 *	  sorted array of closed days, and the functions over it.
 *
 * The closed days are the observed dates of the holidays in
 * fms.holiday_rules and the days in fms.calendar_closures, for 1900-2200,
 * kept only where they fall on a weekday.  The array is built on first use
 * and rebuilt after a change to either table (their statement triggers send
 * a relcache invalidation; see cache_invalidation.c).
 *
 * IDENTIFICATION
 *	  src/business_calendar.c
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "catalog/namespace.h"
#include "executor/spi.h"
#include "funcapi.h"
#include "lib/stringinfo.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"

#include "business_days.h"
#include "cache_load.h"
#include "civil_date.h"
#include "fms.h"

#define FIRST_YEAR 1900
#define LAST_YEAR 2200
/* 1900-01-01 and 2200-12-31 as day numbers (civil_date.h). */
#define FIRST_DAY (-36524)
#define LAST_DAY 73413

/* One holiday rule as read from fms.holiday_rules. */
typedef struct NamedRule
{
	char	   *name;
	HolidayRule rule;
	int			first_year;
	int			last_year;		/* inclusive; LAST_YEAR + 1 if open */
} NamedRule;

/* A rule of fms.fiscal_year_rules; days as numbers from 2000-01-01. */
typedef struct FiscalRule
{
	int32		valid_from;
	int32		valid_to;		/* PG_INT32_MAX while current */
	int			first_month;	/* 0 for a named period */
	char	   *period_name;	/* or NULL */
} FiscalRule;

typedef struct Calendar
{
	MemoryContext memory;
	NamedRule  *rules;
	int			nrules;
	FiscalRule *fiscal;			/* in date order */
	int			nfiscal;
	int32	   *closed;			/* sorted weekday closed days */
	size_t		nclosed;
	Oid			rules_relid;
	Oid			closures_relid;
	Oid			fiscal_relid;
} Calendar;

static Calendar calendar;
static bool calendar_valid = false;
static bool callback_registered = false;

static void
invalidate_calendar(Datum arg, Oid relid)
{
	if (relid == InvalidOid || relid == calendar.rules_relid || relid == calendar.closures_relid ||
		relid == calendar.fiscal_relid)
		calendar_valid = false;
}

static int
compare_days(const void *a, const void *b)
{
	int32		x = *(const int32 *) a;
	int32		y = *(const int32 *) b;

	return (x > y) - (x < y);
}

static bool
rule_applies(const NamedRule *r, int year)
{
	return year >= r->first_year && year <= r->last_year;
}

/* False when the rule names a day its month lacks that year (e.g. a fifth Monday). */
static bool
rule_fits(const HolidayRule *rule, int year)
{
	int			y,
				m,
				d;

	civil_ymd_from_days(holiday_date(rule, year), &y, &m, &d);
	return m == rule->month;
}

/* Read the rules and closures; build the closed-day array in memory. */
static void
load_calendar(MemoryContext memory)
{
	SPITupleTable *tuptable;
	uint64		i;
	int32		lo = FIRST_DAY;
	int32		hi = LAST_DAY;
	size_t		capacity;
	size_t		n = 0;
	size_t		k;
	int			year;
	int			r;

	cache_load_query("SELECT holiday, CASE WHEN rule OPERATOR(pg_catalog.=) 'fixed' THEN 0 "
					 "WHEN rule OPERATOR(pg_catalog.=) 'nth_weekday' THEN 1 ELSE 2 END, "
					 "month, day, weekday OPERATOR(pg_catalog.-) 1, nth, first_year, last_year "
					 "FROM %s ORDER BY month, day, holiday, first_year", "holiday_rules");
	tuptable = SPI_tuptable;
	calendar.nrules = (int) SPI_processed;
	calendar.rules = MemoryContextAllocZero(memory, sizeof(NamedRule) * Max(SPI_processed, 1));
	for (i = 0; i < SPI_processed; i++)
	{
		HeapTuple	tuple = tuptable->vals[i];
		TupleDesc	desc = tuptable->tupdesc;
		NamedRule  *nr = &calendar.rules[i];

		nr->name = cache_load_text(tuple, desc, 1, memory);
		nr->rule.kind = (HolidayKind) cache_load_int(tuple, desc, 2, 0);
		nr->rule.month = cache_load_int(tuple, desc, 3, 1);
		nr->rule.day = cache_load_int(tuple, desc, 4, 1);
		nr->rule.weekday = cache_load_int(tuple, desc, 5, 0);
		nr->rule.nth = cache_load_int(tuple, desc, 6, 1);
		nr->first_year = cache_load_int(tuple, desc, 7, FIRST_YEAR);
		nr->last_year = cache_load_int(tuple, desc, 8, LAST_YEAR + 1);
	}

	cache_load_query("SELECT closed_on OPERATOR(pg_catalog.-) '2000-01-01'::pg_catalog.date "
					 "FROM %s", "calendar_closures");
	tuptable = SPI_tuptable;

	capacity = (size_t) calendar.nrules * (LAST_YEAR - FIRST_YEAR + 2) + SPI_processed + 1;
	calendar.closed = MemoryContextAlloc(memory, sizeof(int32) * capacity);
	/* The year after the range: its New Year's Day may be observed on Dec 31. */
	for (year = FIRST_YEAR; year <= LAST_YEAR + 1; year++)
		for (r = 0; r < calendar.nrules; r++)
			if (rule_applies(&calendar.rules[r], year) && rule_fits(&calendar.rules[r].rule, year))
				calendar.closed[n++] = observed_date(holiday_date(&calendar.rules[r].rule, year));
	for (i = 0; i < SPI_processed; i++)
		calendar.closed[n++] = cache_load_int(tuptable->vals[i], tuptable->tupdesc, 1, 0);

	/* Keep weekdays in range, sorted, once each. */
	qsort(calendar.closed, n, sizeof(int32), compare_days);
	calendar.nclosed = 0;
	for (k = 0; k < n; k++)
	{
		int32		day = calendar.closed[k];

		if (day < lo || day > hi || civil_weekday(day) > 4)
			continue;
		if (calendar.nclosed > 0 && calendar.closed[calendar.nclosed - 1] == day)
			continue;
		calendar.closed[calendar.nclosed++] = day;
	}
}

/* Read fms.fiscal_year_rules into the calendar. */
static void
load_fiscal_rules(MemoryContext memory)
{
	SPITupleTable *tuptable;
	uint64		i;

	cache_load_query("SELECT valid_from OPERATOR(pg_catalog.-) '2000-01-01'::pg_catalog.date, "
					 "valid_to OPERATOR(pg_catalog.-) '2000-01-01'::pg_catalog.date, first_month, period_name "
					 "FROM %s ORDER BY valid_from", "fiscal_year_rules");
	tuptable = SPI_tuptable;
	calendar.nfiscal = (int) SPI_processed;
	calendar.fiscal = MemoryContextAllocZero(memory, sizeof(FiscalRule) * Max(SPI_processed, 1));
	for (i = 0; i < SPI_processed; i++)
	{
		FiscalRule *fr = &calendar.fiscal[i];

		fr->valid_from = cache_load_int(tuptable->vals[i], tuptable->tupdesc, 1, PG_INT32_MIN);
		fr->valid_to = cache_load_int(tuptable->vals[i], tuptable->tupdesc, 2, PG_INT32_MAX);
		fr->first_month = cache_load_int(tuptable->vals[i], tuptable->tupdesc, 3, 0);
		fr->period_name = cache_load_text(tuptable->vals[i], tuptable->tupdesc, 4, memory);
	}
}

/* Read the rules and closures (a CacheLoader). */
static void
load_calendar_tables(MemoryContext memory)
{
	Oid			nsp = get_namespace_oid("fms", false);

	calendar.rules_relid = get_relname_relid("holiday_rules", nsp);
	calendar.closures_relid = get_relname_relid("calendar_closures", nsp);
	calendar.fiscal_relid = get_relname_relid("fiscal_year_rules", nsp);
	load_calendar(memory);
	load_fiscal_rules(memory);
}

static const Calendar *
get_calendar(void)
{
	MemoryContext fresh;

	if (calendar_valid)
		return &calendar;
	if (!callback_registered)
	{
		cache_on_relation_change(invalidate_calendar);
		callback_registered = true;
	}
	fresh = cache_load_into("fms business calendar", &calendar_valid, load_calendar_tables);
	/* Nothing keeps pointers into the old array across calls. */
	if (calendar.memory != NULL)
		MemoryContextDelete(calendar.memory);
	calendar.memory = fresh;
	return &calendar;
}

/* A date inside the calendar's range, or ERROR 22008. */
static int32
calendar_day(DateADT date)
{
	if (DATE_NOT_FINITE(date) || date < FIRST_DAY || date > LAST_DAY)
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_FIELD_OVERFLOW),
				 errmsg("date %s is outside the federal business calendar",
						DATE_NOT_FINITE(date) ? (DATE_IS_NOBEGIN(date) ? "-infinity" : "infinity") : fms_iso_date(date)),
				 errdetail("fms counts business days from 1900-01-01 to 2200-12-31.")));
	return (int32) date;
}

PG_FUNCTION_INFO_V1(fms_is_business_day);
Datum
fms_is_business_day(PG_FUNCTION_ARGS)
{
	int32		day = calendar_day(PG_GETARG_DATEADT(0));
	const Calendar *c = get_calendar();

	PG_RETURN_BOOL(is_business_day(c->closed, c->nclosed, day));
}

PG_FUNCTION_INFO_V1(fms_business_days_between);
Datum
fms_business_days_between(PG_FUNCTION_ARGS)
{
	int32		from = calendar_day(PG_GETARG_DATEADT(0));
	int32		to = calendar_day(PG_GETARG_DATEADT(1));
	const Calendar *c = get_calendar();

	PG_RETURN_INT32((int32) business_days_between(c->closed, c->nclosed, from, to));
}

PG_FUNCTION_INFO_V1(fms_add_business_days);
Datum
fms_add_business_days(PG_FUNCTION_ARGS)
{
	int32		day = calendar_day(PG_GETARG_DATEADT(0));
	int32		n = PG_GETARG_INT32(1);
	const Calendar *c = get_calendar();
	int64		room = n >= 0
		? business_days_between(c->closed, c->nclosed, day, LAST_DAY)
		: business_days_between(c->closed, c->nclosed, FIRST_DAY - 1, day - 1);

	/* The answer must stay inside the calendar too. */
	if ((n > 0 && n > room) || (n < 0 && -(int64) n > room) ||
		(n == 0 && room == 0 && !is_business_day(c->closed, c->nclosed, day)))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_FIELD_OVERFLOW),
				 errmsg("%d business days from %s is outside the federal business calendar", n, fms_iso_date(day)),
				 errdetail("fms counts business days from 1900-01-01 to 2200-12-31.")));
	PG_RETURN_DATEADT(add_business_days(c->closed, c->nclosed, day, n));
}

/* fms.federal_holidays(from_year, to_year): one row per holiday and year. */
PG_FUNCTION_INFO_V1(fms_federal_holidays);
Datum
fms_federal_holidays(PG_FUNCTION_ARGS)
{
	FuncCallContext *funcctx;
	int32	   *state;			/* [year, next rule index] */
	const Calendar *c;

	if (SRF_IS_FIRSTCALL())
	{
		int32		from_year = PG_GETARG_INT32(0);
		int32		to_year = PG_GETARG_INT32(1);
		MemoryContext old;
		TupleDesc	desc;

		if (from_year < FIRST_YEAR || to_year > LAST_YEAR || from_year > LAST_YEAR || to_year < FIRST_YEAR)
			ereport(ERROR,
					(errcode(ERRCODE_DATETIME_FIELD_OVERFLOW),
					 errmsg("years %d to %d are outside the federal business calendar", from_year, to_year),
					 errdetail("fms knows the federal holidays of %d to %d.", FIRST_YEAR, LAST_YEAR)));
		funcctx = SRF_FIRSTCALL_INIT();
		old = MemoryContextSwitchTo(funcctx->multi_call_memory_ctx);
		if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE)
			elog(ERROR, "fms.federal_holidays must return a row type");
		funcctx->tuple_desc = BlessTupleDesc(desc);
		state = palloc(sizeof(int32) * 3);
		state[0] = from_year;
		state[1] = 0;
		state[2] = to_year;
		funcctx->user_fctx = state;
		MemoryContextSwitchTo(old);
	}
	funcctx = SRF_PERCALL_SETUP();
	state = funcctx->user_fctx;
	c = get_calendar();
	while (state[0] <= state[2])
	{
		while (state[1] < c->nrules)
		{
			const NamedRule *r = &c->rules[state[1]++];

			if (rule_applies(r, state[0]) && rule_fits(&r->rule, state[0]))
			{
				Datum		values[3];
				bool		nulls[3] = {false, false, false};
				int32		day = holiday_date(&r->rule, state[0]);

				values[0] = DateADTGetDatum(day);
				values[1] = DateADTGetDatum(observed_date(day));
				values[2] = CStringGetTextDatum(r->name);
				SRF_RETURN_NEXT(funcctx, HeapTupleGetDatum(heap_form_tuple(funcctx->tuple_desc, values, nulls)));
			}
		}
		state[0]++;
		state[1] = 0;
	}
	SRF_RETURN_DONE(funcctx);
}

/*
 * The fiscal period of a date under the rule of fms.fiscal_year_rules in
 * force on it: the fiscal year (the calendar year it ends in) and quarter,
 * or the name of a period between fiscal years (*period_name, else NULL).
 */
static void
fiscal_period(DateADT date, int *year, int *quarter, const char **period_name)
{
	const Calendar *c;
	const FiscalRule *rule = NULL;
	int			month,
				day,
				i;

	if (DATE_NOT_FINITE(date))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_FIELD_OVERFLOW),
				 errmsg("date %s has no fiscal year", DATE_IS_NOBEGIN(date) ? "-infinity" : "infinity"),
				 errhint("Give a finite date; filter infinite dates out first.")));
	c = get_calendar();
	for (i = 0; i < c->nfiscal && rule == NULL; i++)
		if (c->fiscal[i].valid_from <= date && date < c->fiscal[i].valid_to)
			rule = &c->fiscal[i];
	if (rule == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_FIELD_OVERFLOW),
				 errmsg("date %s has no fiscal year in fms.fiscal_year_rules", fms_iso_date(date)),
				 errhint("The rules say how the fiscal year ran on each date; add one that covers this date.")));
	*period_name = rule->period_name;
	if (rule->period_name != NULL)
		return;
	civil_ymd_from_days(date, year, &month, &day);
	if (rule->first_month > 1 && month >= rule->first_month)
		(*year)++;
	*quarter = (month - rule->first_month + 12) % 12 / 3 + 1;
}

PG_FUNCTION_INFO_V1(fms_fiscal_year);
Datum
fms_fiscal_year(PG_FUNCTION_ARGS)
{
	int			year,
				quarter;
	const char *period_name;

	fiscal_period(PG_GETARG_DATEADT(0), &year, &quarter, &period_name);
	if (period_name != NULL)
		PG_RETURN_NULL();		/* a period that belongs to no fiscal year */
	PG_RETURN_INT32(year);
}

PG_FUNCTION_INFO_V1(fms_fiscal_quarter);
Datum
fms_fiscal_quarter(PG_FUNCTION_ARGS)
{
	int			year,
				quarter;
	const char *period_name;

	fiscal_period(PG_GETARG_DATEADT(0), &year, &quarter, &period_name);
	if (period_name != NULL)
		PG_RETURN_TEXT_P(cstring_to_text(period_name));
	PG_RETURN_TEXT_P(cstring_to_text(psprintf("FY%d Q%d", year, quarter)));
}
