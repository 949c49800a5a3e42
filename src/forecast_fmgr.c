/*-------------------------------------------------------------------------
 * forecast_fmgr.c
 *	  fms.forecast() and fms.forecast_backtest(): the forecasting core
 *	  (forecast.c) over a float8[] series, oldest quarter first, with its
 *	  bad inputs turned into errors.
 *
 * Both take a whole series as an array so that SQL forecasts many series
 * at once: array_agg(value ORDER BY quarter) per slice, then one lateral
 * call per slice.  Intervals are given at the two conventional levels, 80
 * and 95 percent, from one fit.
 *
 * IDENTIFICATION
 *	  src/forecast_fmgr.c
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <math.h>
#ifdef __GLIBC__
#include <gnu/libc-version.h>
#endif

#include "catalog/pg_type.h"
#include "common/shortest_dec.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"

#include "fms.h"
#include "forecast.h"

/*
 * Longer series are refused: a fit costs time linear in the length and
 * cannot be interrupted, and 10,000 quarters is 2,500 years.
 */
#define FORECAST_MAX_LENGTH 10000

static const double interval_levels[2] = {0.80, 0.95};

PG_FUNCTION_INFO_V1(fms_forecast);
PG_FUNCTION_INFO_V1(fms_forecast_backtest);
PG_FUNCTION_INFO_V1(fms_forecastable);

/*
 * The series as a palloc'd C array; *n = 0 for an empty array.  Its lower
 * bound is returned so that errors can name the SQL subscript.
 */
static double *
series_from_array(ArrayType *array, size_t *n, int *lower_bound)
{
	Datum	   *values;
	bool	   *nulls;
	int			count;
	double	   *y;
	int			i;

	if (ARR_NDIM(array) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("cannot forecast an array of %d dimensions", ARR_NDIM(array)),
				 errhint("Pass one series as a one-dimensional array, oldest quarter first, "
						 "such as array_agg(value ORDER BY quarter_start).")));
	*lower_bound = ARR_NDIM(array) == 1 ? ARR_LBOUND(array)[0] : 1;
	deconstruct_array(array, FLOAT8OID, sizeof(float8), FLOAT8PASSBYVAL, TYPALIGN_DOUBLE,
					  &values, &nulls, &count);
	if (count > FORECAST_MAX_LENGTH)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("cannot forecast a series of %d values", count),
				 errdetail("A series holds at most %d quarters.", FORECAST_MAX_LENGTH),
				 errhint("Forecast from the recent history only.")));
	y = palloc(sizeof(double) * Max(count, 1));
	for (i = 0; i < count; i++)
	{
		if (nulls[i])
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("cannot forecast a series with NULL at subscript %d", *lower_bound + i),
					 errhint("A quarter without demand is 0: COALESCE(value, 0).")));
		y[i] = DatumGetFloat8(values[i]);
	}
	pfree(values);
	pfree(nulls);
	*n = count;
	return y;
}

/*
 * fms.forecastable(series): whether fms.forecast would take the series
 * (one dimension, at most FORECAST_MAX_LENGTH quarters, no NULL, every
 * value finite and within FORECAST_MAX_ABS), so that a view can leave out
 * the series it cannot forecast instead of failing on them.
 */
Datum
fms_forecastable(PG_FUNCTION_ARGS)
{
	ArrayType  *array = PG_GETARG_ARRAYTYPE_P(0);
	Datum	   *values;
	bool	   *nulls;
	int			count;
	double	   *y;
	size_t		bad_index;

	if (ARR_NDIM(array) > 1)
		PG_RETURN_BOOL(false);
	deconstruct_array(array, FLOAT8OID, sizeof(float8), FLOAT8PASSBYVAL, TYPALIGN_DOUBLE,
					  &values, &nulls, &count);
	if (count > FORECAST_MAX_LENGTH)
		PG_RETURN_BOOL(false);
	y = palloc(sizeof(double) * Max(count, 1));
	for (int i = 0; i < count; i++)
	{
		if (nulls[i])
			PG_RETURN_BOOL(false);
		y[i] = DatumGetFloat8(values[i]);
	}
	PG_RETURN_BOOL(forecast_check_values(y, count, &bad_index) == FORECAST_OK);
}

static ForecastMethod
method_from_text(text *name)
{
	ForecastMethod method;

	if (!forecast_method_parse(VARDATA_ANY(name), VARSIZE_ANY_EXHDR(name), &method))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown forecasting method \"%s\"", fms_cut_value_len(VARDATA_ANY(name), VARSIZE_ANY_EXHDR(name))),
				 errhint("Use auto (the documented rule), ets, sba, croston or naive_seasonal.")));
	return method;
}

/* Reports a status of forecast_series or forecast_backtest other than OK and EMPTY. */
static void
report_status(ForecastStatus status, const double *y, size_t bad_index, int lower_bound,
			  int horizon, int origins, ForecastMethod method)
{
	char		shortest[DOUBLE_SHORTEST_DECIMAL_LEN];

	switch (status)
	{
		case FORECAST_OK:
		case FORECAST_EMPTY:
			return;
		case FORECAST_NOT_FINITE:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("cannot forecast a series with %s at subscript %d",
							isnan(y[bad_index]) ? "NaN" : (y[bad_index] > 0 ? "Infinity" : "-Infinity"),
							lower_bound + (int) bad_index),
					 errhint("Every value must be a finite number; a quarter without demand is 0.")));
			break;
		case FORECAST_OUT_OF_RANGE:
			/* the value exactly, whatever extra_float_digits says */
			double_to_shortest_decimal_buf(y[bad_index], shortest);
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("cannot forecast a series with %s at subscript %d",
							shortest, lower_bound + (int) bad_index),
					 errdetail("Values are at most %g in magnitude.", FORECAST_MAX_ABS),
					 errhint("Forecast in a larger unit, such as millions of dollars.")));
			break;
		case FORECAST_BAD_HORIZON:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("cannot forecast %d quarters ahead", horizon),
					 errhint("Ask for 1 to %d quarters.", FORECAST_MAX_HORIZON)));
			break;
		case FORECAST_BAD_ORIGINS:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("cannot backtest from %d origins", origins),
					 errhint("Ask for 1 origin or more, such as 8 for the last two years.")));
			break;
		case FORECAST_TOO_SHORT:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("method %s needs at least %d values",
							method == FORECAST_ETS ? "ets" : "naive_seasonal", FORECAST_PERIOD),
					 errhint("Use method auto, which forecasts a shorter series by its mean.")));
			break;
		case FORECAST_BAD_LEVEL:
		case FORECAST_BAD_METHOD:
			/* the levels are ours and the method was parsed */
			elog(ERROR, "forecasting core refused its arguments: %s", forecast_status_message(status));
			break;
	}
}

/*
 * Between the origins of a backtest: a query cancel or statement_timeout
 * takes effect there (the core allocates nothing, so leaving it by longjmp
 * leaks nothing).
 */
static void
check_for_interrupts(void)
{
	CHECK_FOR_INTERRUPTS();
}

/* float8 or SQL NULL for NaN (no value) */
static Datum
float8_or_null(double v, bool *isnull)
{
	*isnull = isnan(v);
	return Float8GetDatum(*isnull ? 0 : v);
}

/*
 * fms.forecast(series float8[], horizon int4, method text)
 *	  RETURNS TABLE (step, point, lower_80, upper_80, lower_95, upper_95, model)
 */
Datum
fms_forecast(PG_FUNCTION_ARGS)
{
	ArrayType  *array = PG_GETARG_ARRAYTYPE_P(0);
	int32		horizon = PG_GETARG_INT32(1);
	ForecastMethod method = method_from_text(PG_GETARG_TEXT_PP(2));
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	ForecastResult *result;
	ForecastStatus status;
	double	   *y;
	size_t		n;
	int			lower_bound;
	int			h;

	InitMaterializedSRF(fcinfo, 0);
	y = series_from_array(array, &n, &lower_bound);
	result = palloc(sizeof(ForecastResult));
	status = forecast_series(y, n, method, horizon, interval_levels, 2, result);
	report_status(status, y, result->bad_index, lower_bound, horizon, 0, method);
	if (status == FORECAST_EMPTY)
		PG_RETURN_NULL();		/* no history, no forecast: no rows */

	for (h = 0; h < result->horizon; h++)
	{
		Datum		values[7];
		bool		nulls[7];

		values[0] = Int32GetDatum(h + 1);
		nulls[0] = false;
		values[1] = float8_or_null(result->point[h], &nulls[1]);
		values[2] = float8_or_null(result->lower[0][h], &nulls[2]);
		values[3] = float8_or_null(result->upper[0][h], &nulls[3]);
		values[4] = float8_or_null(result->lower[1][h], &nulls[4]);
		values[5] = float8_or_null(result->upper[1][h], &nulls[5]);
		values[6] = CStringGetTextDatum(result->model);
		nulls[6] = false;
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	PG_RETURN_NULL();
}

/*
 * fms.forecast_backtest(series float8[], origins int4, horizon int4, method text)
 *	  RETURNS (forecasts, intervals, mean_error, mae, mase, naive_mae, naive_mase, rmsse, naive_rmsse,
 *			   coverage_80, coverage_95)
 */
Datum
fms_forecast_backtest(PG_FUNCTION_ARGS)
{
	ArrayType  *array = PG_GETARG_ARRAYTYPE_P(0);
	int32		origins = PG_GETARG_INT32(1);
	int32		horizon = PG_GETARG_INT32(2);
	ForecastMethod method = method_from_text(PG_GETARG_TEXT_PP(3));
	ForecastBacktest backtest;
	ForecastStatus status;
	TupleDesc	desc;
	Datum		values[11];
	bool		nulls[11];
	double	   *y;
	size_t		n;
	int			lower_bound;

	if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "fms.forecast_backtest must return a record");
	desc = BlessTupleDesc(desc);
	y = series_from_array(array, &n, &lower_bound);
	status = forecast_backtest(y, n, method, origins, horizon, interval_levels, 2,
							   check_for_interrupts, &backtest);
	report_status(status, y, backtest.bad_index, lower_bound, horizon, origins, method);
	if (status == FORECAST_EMPTY)
		backtest.forecasts = 0;

	values[0] = Int32GetDatum(backtest.forecasts);
	values[1] = Int32GetDatum(backtest.forecasts == 0 ? 0 : backtest.intervals);
	nulls[0] = nulls[1] = false;
	if (backtest.forecasts == 0)
	{
		memset(nulls + 2, true, sizeof(bool) * 9);
		memset(values + 2, 0, sizeof(Datum) * 9);
	}
	else
	{
		values[2] = float8_or_null(backtest.mean_error, &nulls[2]);
		values[3] = float8_or_null(backtest.mae, &nulls[3]);
		values[4] = float8_or_null(backtest.mase, &nulls[4]);
		values[5] = float8_or_null(backtest.snaive_mae, &nulls[5]);
		values[6] = float8_or_null(backtest.snaive_mase, &nulls[6]);
		values[7] = float8_or_null(backtest.rmsse, &nulls[7]);
		values[8] = float8_or_null(backtest.snaive_rmsse, &nulls[8]);
		values[9] = float8_or_null(backtest.coverage[0], &nulls[9]);
		values[10] = float8_or_null(backtest.coverage[1], &nulls[10]);
	}
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(desc, values, nulls)));
}

/*
 * fms.forecast_build(): what fits a forecast, as text: the digest of the
 * forecasting core's source (src/forecast.c and forecast.h, from the
 * build), the compiler that built it and the C library whose mathematics
 * it calls.  Another build may fit a series differently in the last bits,
 * so fits kept by fms.refresh_kept_forecasts() are read only under the
 * build that made them.
 */
PG_FUNCTION_INFO_V1(fms_forecast_build);
Datum
fms_forecast_build(PG_FUNCTION_ARGS)
{
#ifdef __GLIBC__
	const char *libc = gnu_get_libc_version();
#else
	const char *libc = "unknown";
#endif

	PG_RETURN_TEXT_P(cstring_to_text(psprintf("source %s; compiler %s; C library %s",
											  FMS_FORECAST_SOURCE, __VERSION__, libc)));
}
