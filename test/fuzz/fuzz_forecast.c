/*
 * libFuzzer target for the forecasting core (src/forecast.c).
 *
 * The input is five header bytes and a series.  Header: the method (auto,
 * ets, sba, croston, naive_seasonal), the horizon (0..13, so 0 and 13 must
 * be refused), two interval levels derived from one byte, flags (raw
 * doubles or scaled 16-bit integers, their scale, whether to backtest) and
 * the backtest's origins (and whether to ask for one level or two).  The rest is the series: eight bytes per raw double (any bit
 * pattern: NaN, infinities, huge, subnormal) or two per integer.
 *
 * Oracle: the status is the one the arguments and values call for (the
 * first value that is not finite or too large, with its index); a forecast
 * is finite, with lower <= point <= upper at each level, a half-width
 * upper - point that does not shrink with the horizon and the interval at
 * the higher level holding the other, or has no interval and NaN bounds;
 * forecast_interval agrees with the bounds filled in; the backtest's
 * figures are finite or NaN where forecast.h says.
 * Any breach aborts, which the fuzzer reports as a crash.
 */
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "forecast.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_N 48

static const ForecastMethod methods[5] = {
	FORECAST_AUTO, FORECAST_ETS, FORECAST_SBA, FORECAST_CROSTON, FORECAST_NAIVE_SEASONAL
};

/* Scales for the integer series: plain, small, large, near the limit. */
static const double scales[4] = {1.0, 1e-3, 1e6, 3e95};

/* The status the values alone call for, and the index it names. */
static ForecastStatus
expected_status(const double *y, size_t n, size_t *index)
{
	size_t		t;

	for (t = 0; t < n; t++)
	{
		*index = t;
		if (!isfinite(y[t]))
			return FORECAST_NOT_FINITE;
		if (fabs(y[t]) > FORECAST_MAX_ABS)
			return FORECAST_OUT_OF_RANGE;
	}
	return FORECAST_OK;
}

static void
check_result(const ForecastResult *r, int horizon, ForecastMethod asked,
			 const double *levels, int nlevels)
{
	double		lower[FORECAST_MAX_HORIZON],
				upper[FORECAST_MAX_HORIZON];
	int			h,
				i;

	if (r->method == FORECAST_AUTO || r->model == NULL || r->horizon != horizon ||
		r->nlevels != nlevels)
		abort();
	if (asked != FORECAST_AUTO && r->method != asked && r->method != FORECAST_ZERO)
		abort();
	for (h = 0; h < horizon; h++)
	{
		if (!isfinite(r->point[h]))
			abort();
		if (!r->has_interval)
		{
			if (!isnan(r->sd[h]))
				abort();
			for (i = 0; i < nlevels; i++)
				if (!isnan(r->lower[i][h]) || !isnan(r->upper[i][h]))
					abort();
			continue;
		}
		if (!(isfinite(r->sd[h]) && r->sd[h] >= 0) || (h > 0 && r->sd[h] < r->sd[h - 1]))
			abort();
		for (i = 0; i < nlevels; i++)
		{
			const double *lo = r->lower[i],
					   *up = r->upper[i];

			if (!isfinite(lo[h]) || !isfinite(up[h]) || !(lo[h] <= r->point[h] && r->point[h] <= up[h]))
				abort();
			if (h > 0)
			{
				double		slack = 4 * DBL_EPSILON *
					(fabs(up[h]) + fabs(r->point[h]) + fabs(up[h - 1]) + fabs(r->point[h - 1]));

				if (up[h] - r->point[h] < (up[h - 1] - r->point[h - 1]) - slack)
					abort();
			}
		}
		/* the interval at the higher level holds the other */
		if (nlevels == 2)
		{
			int			hi = levels[1] >= levels[0] ? 1 : 0;

			if (r->upper[hi][h] < r->upper[1 - hi][h] || r->lower[hi][h] > r->lower[1 - hi][h])
				abort();
		}
	}
	for (; h < FORECAST_MAX_HORIZON; h++)
		if (!isnan(r->point[h]))
			abort();
	/* forecast_interval gives what was filled in */
	for (i = 0; i < nlevels; i++)
	{
		forecast_interval(r, levels[i], lower, upper);
		for (h = 0; h < horizon; h++)
			if (memcmp(&lower[h], &r->lower[i][h], sizeof(double)) != 0 ||
				memcmp(&upper[h], &r->upper[i][h], sizeof(double)) != 0)
				abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	double		y[MAX_N];
	size_t		n = 0,
				pos = 5,
				bad = 0;
	ForecastMethod method;
	ForecastStatus want,
				got;
	ForecastResult r;
	ForecastBacktest bt;
	int			horizon,
				origins,
				nlevels,
				i;
	double		levels[2];
	bool		raw,
				backtest;

	if (size < 5)
		return 0;
	method = methods[data[0] % 5];
	horizon = data[1] % 14;
	levels[0] = (data[2] + 1) / 257.0;
	levels[1] = ((data[2] * 7 + 3) % 256 + 1) / 257.0;
	nlevels = data[4] >> 6 & 1 ? 1 : 2;
	raw = (data[3] & 1) != 0;
	backtest = (data[3] & 2) != 0;
	origins = 1 + data[4] % 4;
	while (n < MAX_N && pos + (raw ? 8 : 2) <= size)
	{
		if (raw)
		{
			memcpy(&y[n++], data + pos, sizeof(double));
			pos += 8;
		}
		else
		{
			int16_t		v = (int16_t) (data[pos] | (data[pos + 1] << 8));

			y[n++] = v * scales[(data[3] >> 2) & 3];
			pos += 2;
		}
	}

	if (horizon < 1 || horizon > FORECAST_MAX_HORIZON)
		want = FORECAST_BAD_HORIZON;
	else if (n == 0)
		want = FORECAST_EMPTY;
	else
		want = expected_status(y, n, &bad);

	got = forecast_series(y, n, method, horizon, levels, nlevels, &r);
	if (got == FORECAST_TOO_SHORT)
	{
		/* only a forced ets or naive_seasonal on fewer than m values */
		if (want != FORECAST_OK || n >= FORECAST_PERIOD ||
			(method != FORECAST_ETS && method != FORECAST_NAIVE_SEASONAL))
			abort();
	}
	else if (got != want)
		abort();
	else if ((got == FORECAST_NOT_FINITE || got == FORECAST_OUT_OF_RANGE) && r.bad_index != bad)
		abort();
	else if (got == FORECAST_OK)
		check_result(&r, horizon, method, levels, nlevels);

	if (!backtest)
		return 0;
	got = forecast_backtest(y, n, method, origins, horizon, levels, nlevels, NULL, &bt);
	if (got != want)
		abort();
	if (got == FORECAST_NOT_FINITE || got == FORECAST_OUT_OF_RANGE)
	{
		if (bt.bad_index != bad)
			abort();
		return 0;
	}
	if (got != FORECAST_OK)
		return 0;
	if (bt.forecasts < 0 || bt.forecasts > origins || bt.intervals > bt.forecasts)
		abort();
	if (bt.forecasts == 0)
	{
		if (!isnan(bt.mae) || !isnan(bt.coverage[0]))
			abort();
		return 0;
	}
	if (!isfinite(bt.mae) || bt.mae < 0 || !isfinite(bt.snaive_mae) || bt.snaive_mae < 0)
		abort();
	for (i = 0; i < FORECAST_MAX_LEVELS; i++)
		if (i < nlevels && bt.intervals > 0 ? !(bt.coverage[i] >= 0 && bt.coverage[i] <= 1)
			: !isnan(bt.coverage[i]))
			abort();
	if (!isnan(bt.mase) && !(isfinite(bt.mase) && bt.mase >= 0 && isfinite(bt.scale) && bt.scale > 0))
		abort();
	return 0;
}
