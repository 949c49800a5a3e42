/*-------------------------------------------------------------------------
 * check_forecast.c
 *	  Standalone checks of the forecasting core (src/forecast.c): the ETS
 *	  recursions worked by hand, Croston/SBA worked by hand, the error
 *	  paths, the backtest worked by hand, the numbers statsmodels gives for
 *	  the same models, properties on random series, and the time per fit.
 *
 * From the top directory:
 *	  gcc -std=c99 -Wall -Wextra -O2 -Isrc test/forecast/check_forecast.c \
 *		  src/forecast.c -lm -o /tmp/check_forecast && /tmp/check_forecast
 *
 * Prints each failure, a few measured figures, then "N passed, M failed";
 * exits non-zero if anything failed.
 *
 * IDENTIFICATION
 *	  test/forecast/check_forecast.c
 *-------------------------------------------------------------------------
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "forecast.h"

static int	passed;
static int	failed;

static void
check(bool ok, const char *fmt,...)
{
	va_list		ap;

	if (ok)
	{
		passed++;
		return;
	}
	failed++;
	printf("FAILED: ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
}

/* |got - want| <= tol max(1, |want|) */
static void
check_near(double got, double want, double tol, const char *what, int i)
{
	double		scale = fabs(want) > 1.0 ? fabs(want) : 1.0;

	check(fabs(got - want) <= tol * scale, "%s [%d]: got %.17g, want %.17g", what, i, got, want);
}

static const EtsForm AAA = {ETS_TREND_ADDITIVE, true};

/* One interval level, as the levels and nlevels arguments. */
#define LEVEL(x) (const double[1]) {x}, 1

/* ---------------------------------------------------------------------
 * (a) ETS(A,A,A) by hand
 * ---------------------------------------------------------------------
 *
 * alpha = 1/2, beta = 1/4, gamma = 1/4, phi = 1; l0 = 10, b0 = 1,
 * seasonals [2, -1, -2, 1] (season[0] belongs to y[0]); y below.
 * Each step: yhat = l + b + s, e = y - yhat, l' = l + b + e/2,
 * b' = b + e/4, the seasonal used comes back as s + e/4 at the end.
 *
 * t=0  y=13  yhat = 10 + 1 + 2 = 13, e = 0:  l = 11, b = 1,
 *			  seasons [-1, -2, 1, 2]
 * t=1  y=11  yhat = 11 + 1 - 1 = 11, e = 0:  l = 12, b = 1,
 *			  seasons [-2, 1, 2, -1]
 * t=2  y=12  yhat = 12 + 1 - 2 = 11, e = 1:  l = 13 + 1/2 = 13.5,
 *			  b = 1 + 1/4 = 1.25, s = -2 + 1/4 = -1.75:
 *			  seasons [1, 2, -1, -1.75]
 * t=3  y=14  yhat = 13.5 + 1.25 + 1 = 15.75, e = -1.75:
 *			  l = 14.75 - 0.875 = 13.875, b = 1.25 - 0.4375 = 0.8125,
 *			  s = 1 - 0.4375 = 0.5625: seasons [2, -1, -1.75, 0.5625]
 * t=4  y=17  yhat = 13.875 + 0.8125 + 2 = 16.6875, e = 0.3125:
 *			  l = 14.6875 + 0.15625 = 14.84375,
 *			  b = 0.8125 + 0.078125 = 0.890625,
 *			  s = 2 + 0.078125 = 2.078125:
 *			  seasons [-1, -1.75, 0.5625, 2.078125]
 * and so on; every value is a dyadic fraction, exact in binary, so the
 * table (steps 5-9 done the same way with exact fractions) is asserted to
 * 1e-12.  SSE = 2236647889 / 2^28.  Forecasts from the final state:
 * h = 1: l + b + s[0] = 591583/32768 + 25541/65536 - 1619/1024
 *		  = 1105091/65536.
 * Variance factors 1 + sum c_j^2 with c_j = 1/2 + j/4 + [j = 4] 1/4:
 * c_1 = 3/4, c_2 = 1, c_3 = 5/4, c_4 = 7/4, so h = 5: 1 + 9/16 + 1 +
 * 25/16 + 49/16 = 115/16.
 */
static void
check_ets_by_hand(void)
{
	static const double y[10] = {13, 11, 12, 14, 17, 14, 15, 18, 20, 16};
	static const struct
	{
		double		yhat,
					level,
					trend,
					season[4];
	}			want[10] = {
		{13, 11, 1, {-1, -2, 1, 2}},
		{11, 12, 1, {-2, 1, 2, -1}},
		{11, 27.0 / 2, 5.0 / 4, {1, 2, -1, -7.0 / 4}},
		{63.0 / 4, 111.0 / 8, 13.0 / 16, {2, -1, -7.0 / 4, 9.0 / 16}},
		{267.0 / 16, 475.0 / 32, 57.0 / 64, {-1, -7.0 / 4, 9.0 / 16, 133.0 / 64}},
		{943.0 / 64, 1967.0 / 128, 181.0 / 256, {-7.0 / 4, 9.0 / 16, 133.0 / 64, -303.0 / 256}},
		{3667.0 / 256, 8403.0 / 512, 897.0 / 1024, {9.0 / 16, 133.0 / 64, -303.0 / 256, -1619.0 / 1024}},
		{18279.0 / 1024, 35559.0 / 2048, 3741.0 / 4096, {133.0 / 64, -303.0 / 256, -1619.0 / 1024, 2457.0 / 4096}},
		{83371.0 / 4096, 148267.0 / 8192, 13513.0 / 16384, {-303.0 / 256, -1619.0 / 1024, 2457.0 / 4096, 32597.0 / 16384}},
		{290655.0 / 16384, 591583.0 / 32768, 25541.0 / 65536, {-1619.0 / 1024, 2457.0 / 4096, 32597.0 / 16384, -106079.0 / 65536}}
	};
	static const double want_fc[8] = {
		1105091.0 / 65536, 159195.0 / 8192, 1390177.0 / 65536, 1179251.0 / 65536,
		1207255.0 / 65536, 343931.0 / 16384, 1492341.0 / 65536, 1281415.0 / 65536
	};
	static const double want_factor[8] = {
		1, 25.0 / 16, 41.0 / 16, 33.0 / 8, 115.0 / 16, 41.0 / 4, 57.0 / 4, 309.0 / 16
	};
	EtsParams	p = {0.5, 0.25, 0.25, 1.0};
	EtsState	init = {10, 1, {2, -1, -2, 1}};
	EtsState	st = init,
				st2 = init;
	double		fitted[10];
	double		point[8],
				lower[8],
				upper[8];
	double		sse = 0.0,
				sse2,
				e;
	int			t,
				j;

	for (t = 0; t < 10; t++)
	{
		double		yhat = ets_step(AAA, &p, &st, y[t], &e);

		sse += e * e;
		check_near(yhat, want[t].yhat, 1e-12, "hand AAA yhat", t);
		check_near(st.level, want[t].level, 1e-12, "hand AAA level", t);
		check_near(st.trend, want[t].trend, 1e-12, "hand AAA trend", t);
		for (j = 0; j < 4; j++)
			check_near(st.season[j], want[t].season[j], 1e-12, "hand AAA season", t * 10 + j);
	}
	check_near(sse, 2236647889.0 / 268435456.0, 1e-12, "hand AAA SSE", 0);

	/* the filter used by the fitting gives the same, to the bit */
	sse2 = ets_filter(AAA, &p, &st2, y, 10, fitted);
	check(sse2 == sse, "ets_filter SSE %.17g equals ets_step's %.17g", sse2, sse);
	for (t = 0; t < 10; t++)
		check(fitted[t] == want[t].yhat, "ets_filter fitted[%d] = %.17g", t, fitted[t]);
	check(memcmp(&st, &st2, sizeof(st)) == 0, "ets_filter final state equals ets_step's");

	ets_forecast(AAA, &p, &st, 1.0, 0.95, 8, point, lower, upper);
	for (t = 0; t < 8; t++)
	{
		check_near(point[t], want_fc[t], 1e-12, "hand AAA forecast", t);
		check_near(ets_variance_factor(AAA, &p, t + 1), want_factor[t], 1e-12,
				   "hand AAA variance factor", t);
		check_near(upper[t] - point[t], 1.959963984540054 * sqrt(want_factor[t]), 1e-12,
				   "hand AAA half-width", t);
	}
}

/*
 * ETS(A,Ad,N) by hand: alpha = 1/2, beta = 1/4, phi = 1/2 (outside the
 * fitting bounds, which is allowed with fixed parameters), l0 = 8, b0 = 4.
 * t=0 y=12: yhat = 8 + 2 = 10, e = 2: l = 10 + 1 = 11, b = 2 + 1/2 = 2.5
 * t=1 y=12: yhat = 11 + 1.25 = 12.25, e = -0.25: l = 12.25 - 0.125 =
 *			 12.125, b = 1.25 - 0.0625 = 1.1875
 * Forecasts: l + (phi + ... + phi^h) b: h=1: 12.125 + 0.59375 = 12.71875;
 * h=2: + 0.296875 = 13.015625.  c_1 = 1/2 + 1/4 * 1/2 = 5/8, so the factor
 * at h = 2 is 1 + 25/64.  The seasonals given are ignored for this form.
 */
static void
check_damped_by_hand(void)
{
	const EtsForm AAdN = {ETS_TREND_DAMPED, false};
	EtsParams	p = {0.5, 0.25, 0.9, 0.5};
	EtsState	st = {8, 4, {100, 100, 100, 100}};
	double		y[2] = {12, 12};
	double		point[2],
				lower[2],
				upper[2];
	double		sse = ets_filter(AAdN, &p, &st, y, 2, NULL);

	check_near(sse, 4.0625, 1e-12, "hand AAdN SSE", 0);
	check_near(st.level, 12.125, 1e-12, "hand AAdN level", 0);
	check_near(st.trend, 1.1875, 1e-12, "hand AAdN trend", 0);
	check(st.season[0] == 0.0 && st.season[3] == 0.0, "hand AAdN seasons zeroed");
	ets_forecast(AAdN, &p, &st, 4.0, 0.8, 2, point, lower, upper);
	check_near(point[0], 12.71875, 1e-12, "hand AAdN forecast", 1);
	check_near(point[1], 13.015625, 1e-12, "hand AAdN forecast", 2);
	check_near(upper[1] - point[1], 1.2815515655446004 * 2.0 * sqrt(1.0 + 25.0 / 64.0), 1e-12,
			   "hand AAdN half-width", 2);
}

/* ---------------------------------------------------------------------
 * (b) Croston and SBA by hand
 * ---------------------------------------------------------------------
 *
 * y = 0 0 6 0 0 0 3 0 9 0 0 0, alpha = 1/4.  First demand at t = 2:
 * z = 6, p = 3.  SBA forecast 0.875 z / p = 1.75 for t = 3..6.
 * t=6  y=3: e = 3 - 1.75 = 1.25; z = 6 + (3 - 6)/4 = 5.25, interval 4:
 *			 p = 3 + (4 - 3)/4 = 3.25; forecast 0.875 * 5.25 / 3.25
 *			 = 1.4134615...
 * t=8  y=9: e = 9 - 1.4134615; z = 5.25 + (9 - 5.25)/4 = 6.1875,
 *			 interval 2: p = 3.25 + (2 - 3.25)/4 = 2.9375;
 *			 forecast 0.875 * 6.1875 / 2.9375 = 693/376 = 1.8430851...
 * Nine one-step errors (t = 3..11); SSE = 3 (7/4)^2 + (5/4)^2
 * + (147/104)^2 + (789/104)^2 + 3 (693/376)^2 = 1923214261/23892544.
 * Croston: forecast z / p = 99/47, SSE = 31154593/373321.
 */
static void
check_croston_by_hand(void)
{
	static const double y[12] = {0, 0, 6, 0, 0, 0, 3, 0, 9, 0, 0, 0};
	static const double zeros[3] = {0, 0, 0};
	ForecastResult r;
	double		fcast,
				sse;
	size_t		nerr;
	int			i,
				h;

	sse = croston_filter(y, 12, 0.25, true, &fcast, &nerr);
	check_near(fcast, 693.0 / 376.0, 1e-12, "hand SBA forecast", 0);
	check_near(sse, 1923214261.0 / 23892544.0, 1e-12, "hand SBA SSE", 0);
	check(nerr == 9, "hand SBA: 9 one-step errors, got %zu", nerr);
	sse = croston_filter(y, 12, 0.25, false, &fcast, &nerr);
	check_near(fcast, 99.0 / 47.0, 1e-12, "hand Croston forecast", 0);
	check_near(sse, 31154593.0 / 373321.0, 1e-12, "hand Croston SSE", 0);
	sse = croston_filter(zeros, 3, 0.25, true, &fcast, &nerr);
	check(isnan(sse) && nerr == 0 && fcast == 0.0, "croston_filter without demand");

	/*
	 * The series is intermittent (ADI = 12/3 = 4): the rule takes SBA or
	 * ETS, whichever has the smaller in-sample mean absolute error, and
	 * gives what forcing that method gives.
	 */
	check(forecast_series(y, 12, FORECAST_AUTO, 4, LEVEL(0.9), &r) == FORECAST_OK, "auto on intermittent");
	check_near(r.adi, 4.0, 1e-15, "ADI", 0);
	{
		ForecastResult forced;

		check(forecast_series(y, 12, r.method, 4, LEVEL(0.9), &forced) == FORECAST_OK &&
			  (r.method == FORECAST_SBA || r.method == FORECAST_ETS) &&
			  strcmp(forced.model, r.model) == 0 && forced.point[0] == r.point[0],
			  "auto on intermittent gives the forced %s", r.model);
	}
	/* SBA itself, alpha fitted in [0.05, 0.3]. */
	check(forecast_series(y, 12, FORECAST_SBA, 4, LEVEL(0.9), &r) == FORECAST_OK &&
		  r.method == FORECAST_SBA && strcmp(r.model, "sba") == 0, "forced sba");
	check(r.croston_alpha >= 0.05 && r.croston_alpha <= 0.3, "SBA alpha %g in [0.05, 0.3]", r.croston_alpha);
	sse = croston_filter(y, 12, r.croston_alpha, true, &fcast, &nerr);
	for (h = 0; h < 4; h++)
	{
		double		half = 1.6448536269514729 * sqrt(sse / 9.0 * (1.0 + h * r.croston_alpha * r.croston_alpha));

		check_near(r.point[h], fcast, 1e-12, "SBA flat forecast", h);
		check_near(r.upper[0][h], fcast + half, 1e-12, "SBA upper", h);
		check(r.lower[0][h] == (fcast - half > 0 ? fcast - half : 0.0), "SBA lower clipped at 0 [%d]", h);
	}
	/* the fitted alpha is no worse than any point of the 0.01 grid */
	for (i = 0; i <= 25; i++)
	{
		double		f2;
		size_t		n2;

		check(croston_filter(y, 12, 0.05 + 0.01 * i, true, &f2, &n2) >= sse - 1e-12,
			  "SBA alpha %g beats the fitted one", 0.05 + 0.01 * i);
	}
	check(forecast_series(y, 12, FORECAST_CROSTON, 1, LEVEL(0.9), &r) == FORECAST_OK &&
		  r.method == FORECAST_CROSTON && strcmp(r.model, "croston") == 0, "forced croston");
}

/* ---------------------------------------------------------------------
 * (c) Error paths and short series
 * ---------------------------------------------------------------------
 */
static void
check_errors(void)
{
	double		y[8] = {5, 6, 7, 8, 5, 6, 7, 8};
	double		one[1] = {42};
	double		zeros[5] = {0, 0, 0, 0, 0};
	double		three[3] = {4, 6, 8};
	ForecastResult r;
	ForecastBacktest bt;
	ForecastMethod m;
	ForecastStatus s;
	int			h;

	y[3] = NAN;
	s = forecast_series(y, 8, FORECAST_AUTO, 4, LEVEL(0.95), &r);
	check(s == FORECAST_NOT_FINITE && r.bad_index == 3, "NaN at 3 reported, bad_index %zu", r.bad_index);
	y[3] = 8;
	y[6] = INFINITY;
	check(forecast_series(y, 8, FORECAST_AUTO, 4, LEVEL(0.95), &r) == FORECAST_NOT_FINITE && r.bad_index == 6,
		  "+Inf at 6 reported");
	y[6] = -INFINITY;
	check(forecast_series(y, 8, FORECAST_ETS, 4, LEVEL(0.95), &r) == FORECAST_NOT_FINITE && r.bad_index == 6,
		  "-Inf at 6 reported");
	check(forecast_backtest(y, 8, FORECAST_AUTO, 8, 1, LEVEL(0.95), NULL, &bt) == FORECAST_NOT_FINITE && bt.bad_index == 6,
		  "backtest reports -Inf at 6");
	y[6] = 1e101;
	check(forecast_series(y, 8, FORECAST_AUTO, 4, LEVEL(0.95), &r) == FORECAST_OUT_OF_RANGE && r.bad_index == 6,
		  "1e101 out of range");
	y[6] = 7;
	check(forecast_series(y, 0, FORECAST_AUTO, 4, LEVEL(0.95), &r) == FORECAST_EMPTY, "empty");
	check(forecast_series(NULL, 0, FORECAST_AUTO, 4, LEVEL(0.95), &r) == FORECAST_EMPTY, "empty, NULL");
	check(forecast_series(y, 8, FORECAST_AUTO, 0, LEVEL(0.95), &r) == FORECAST_BAD_HORIZON, "horizon 0");
	check(forecast_series(y, 8, FORECAST_AUTO, 13, LEVEL(0.95), &r) == FORECAST_BAD_HORIZON, "horizon 13");
	check(forecast_series(y, 8, FORECAST_AUTO, 4, LEVEL(1.0), &r) == FORECAST_BAD_LEVEL, "level 1");
	check(forecast_series(y, 8, FORECAST_AUTO, 4, LEVEL(0.0), &r) == FORECAST_BAD_LEVEL, "level 0");
	check(forecast_series(y, 8, FORECAST_AUTO, 4, LEVEL(NAN), &r) == FORECAST_BAD_LEVEL, "level NaN");
	check(forecast_series(y, 8, FORECAST_ZERO, 4, LEVEL(0.9), &r) == FORECAST_BAD_METHOD, "zero is not forceable");
	check(forecast_series(y, 8, (ForecastMethod) 99, 4, LEVEL(0.9), &r) == FORECAST_BAD_METHOD, "method 99");
	check(forecast_backtest(y, 8, FORECAST_AUTO, 0, 1, LEVEL(0.9), NULL, &bt) == FORECAST_BAD_ORIGINS, "0 origins");
	check(forecast_series(three, 3, FORECAST_ETS, 4, LEVEL(0.9), &r) == FORECAST_TOO_SHORT, "ets on 3 points");
	check(forecast_series(three, 3, FORECAST_NAIVE_SEASONAL, 4, LEVEL(0.9), &r) == FORECAST_TOO_SHORT,
		  "naive_seasonal on 3 points");

	/* all zero: method zero, [0, 0], whatever is asked */
	check(forecast_series(zeros, 5, FORECAST_AUTO, 3, LEVEL(0.9), &r) == FORECAST_OK &&
		  r.method == FORECAST_ZERO && strcmp(r.model, "zero") == 0 && r.has_interval && isnan(r.adi),
		  "all zero: zero");
	for (h = 0; h < 3; h++)
		check(r.point[h] == 0 && r.lower[0][h] == 0 && r.upper[0][h] == 0, "zero forecast [%d]", h);
	check(isnan(r.point[3]), "points past the horizon are NaN");
	check(forecast_series(zeros, 5, FORECAST_ETS, 3, LEVEL(0.9), &r) == FORECAST_OK && r.method == FORECAST_ZERO,
		  "all zero, ets asked: zero");

	/* one point: naive, no interval */
	check(forecast_series(one, 1, FORECAST_AUTO, 2, LEVEL(0.9), &r) == FORECAST_OK &&
		  r.method == FORECAST_NAIVE && !r.has_interval, "one point: naive");
	check(r.point[0] == 42 && r.point[1] == 42 && isnan(r.lower[0][0]) && isnan(r.upper[0][1]) && isnan(r.sd[0]),
		  "one point: 42, NaN bounds");

	/* three points: the mean, s^2 = 4, var = 4 (1 + 1/3) */
	check(forecast_series(three, 3, FORECAST_AUTO, 2, LEVEL(0.95), &r) == FORECAST_OK &&
		  r.method == FORECAST_MEAN, "three points: mean");
	check_near(r.point[1], 6.0, 1e-15, "mean forecast", 1);
	check_near(r.upper[0][1], 6.0 + 1.959963984540054 * sqrt(16.0 / 3.0), 1e-12, "mean upper", 1);

	/* naive_seasonal with n = m: no interval */
	check(forecast_series(y, 4, FORECAST_NAIVE_SEASONAL, 6, LEVEL(0.9), &r) == FORECAST_OK &&
		  !r.has_interval && r.point[4] == y[0] && r.point[5] == y[1], "naive_seasonal on 4 points");

	/* a constant series: ETS(A,N,N) chosen on ties, a zero-width interval */
	check(forecast_series(zeros, 5, FORECAST_AUTO, 1, LEVEL(0.9), &r) == FORECAST_OK, "zeros again");
	{
		double		c[12] = {7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7};

		check(forecast_series(c, 12, FORECAST_AUTO, 3, LEVEL(0.9), &r) == FORECAST_OK &&
			  strcmp(r.model, "ETS(A,N,N)") == 0, "constant: ETS(A,N,N), got %s", r.model);
		check_near(r.point[2], 7.0, 1e-9, "constant forecast", 2);
		check_near(r.upper[0][2] - r.lower[0][2], 0.0, 1e-9, "constant: zero width", 2);
	}

	/* levels: several at once, none, too many; forecast_interval at any */
	{
		static const double two[2] = {0.8, 0.95};
		static const double five[5] = {0.5, 0.6, 0.7, 0.8, 0.9};
		double		lo[12],
					up[12];

		check(forecast_series(three, 3, FORECAST_AUTO, 2, two, 2, &r) == FORECAST_OK && r.nlevels == 2 &&
			  r.levels[1] == 0.95, "two levels");
		check_near(r.sd[0], sqrt(16.0 / 3.0), 1e-12, "mean sd", 0);
		check_near(r.upper[0][0], 6.0 + 1.2815515655446004 * sqrt(16.0 / 3.0), 1e-12, "mean upper 80", 0);
		check_near(r.upper[1][0], 6.0 + 1.959963984540054 * sqrt(16.0 / 3.0), 1e-12, "mean upper 95", 0);
		forecast_interval(&r, 0.99, lo, up);
		check_near(up[1], 6.0 + 2.5758293035489004 * sqrt(16.0 / 3.0), 1e-12, "forecast_interval 99", 1);
		check_near(lo[1], 6.0 - 2.5758293035489004 * sqrt(16.0 / 3.0), 1e-12, "forecast_interval 99", 1);
		forecast_interval(&r, 1.5, lo, up);
		check(isnan(lo[0]) && isnan(up[1]), "forecast_interval at level 1.5: NaN");
		check(forecast_series(three, 3, FORECAST_AUTO, 2, NULL, 0, &r) == FORECAST_OK && r.nlevels == 0 &&
			  isnan(r.lower[0][0]) && r.sd[0] > 0, "no level: sd only");
		check(forecast_series(three, 3, FORECAST_AUTO, 2, five, 5, &r) == FORECAST_BAD_LEVEL, "five levels");
		check(forecast_series(three, 3, FORECAST_AUTO, 2, NULL, 1, &r) == FORECAST_BAD_LEVEL, "NULL levels");
	}

	check(forecast_method_parse("naive_seasonal", 14, &m) && m == FORECAST_NAIVE_SEASONAL, "parse naive_seasonal");
	check(forecast_method_parse("sba", 3, &m) && m == FORECAST_SBA, "parse sba");
	check(forecast_method_parse("auto", 4, &m) && m == FORECAST_AUTO, "parse auto");
	check(!forecast_method_parse("zero", 4, &m), "zero does not parse");
	check(!forecast_method_parse("ets2", 4, &m) && !forecast_method_parse("et", 2, &m), "ets2, et do not parse");
	check(strcmp(forecast_status_message(FORECAST_NOT_FINITE), "the series holds a value that is not finite") == 0,
		  "status message");
	check(isnan(forecast_normal_quantile(0.0)) && isnan(forecast_normal_quantile(1.0)) &&
		  forecast_normal_quantile(0.5) == 0.0, "quantile edges");
}

/* ---------------------------------------------------------------------
 * The backtest by hand
 * ---------------------------------------------------------------------
 *
 * y = 10 20 30 40 | 12 22 28 44 | 11 25 30 41, origins 4, horizon 1:
 * origins t = 8..11 forecast y[8..11] = 11 25 30 41; the seasonal naive
 * forecasts are y[4..7] = 12 22 28 44, absolute errors 1 3 2 3, MAE 9/4.
 * Scale: mean |y_i - y_{i-4}| over i = 4..7 = (2 + 2 + 2 + 4)/4 = 2.5,
 * so MASE = 0.9.  Forcing naive_seasonal gives the same.  Its intervals:
 * at t = 8 the residuals 2 2 -2 4 give MSE 7; at t = 9 one more (-1): 29/5;
 * t = 10 (3): 38/6; t = 11 (2): 42/7.  At level 0.8 (z = 1.2816) the
 * half-widths 3.39, 3.09, 3.23, 3.14 hold every error: coverage 1; at 0.5
 * (z = 0.6745) 1.78, 1.62, 1.70, 1.65 hold only the first: 0.25.
 */
static void
check_backtest_by_hand(void)
{
	static const double y[12] = {10, 20, 30, 40, 12, 22, 28, 44, 11, 25, 30, 41};
	ForecastBacktest bt;

	check(forecast_backtest(y, 12, FORECAST_NAIVE_SEASONAL, 4, 1, LEVEL(0.8), NULL, &bt) == FORECAST_OK, "backtest ok");
	check(bt.forecasts == 4 && bt.intervals == 4, "4 forecasts, got %d", bt.forecasts);
	check_near(bt.mae, 2.25, 1e-15, "backtest MAE", 0);
	check_near(bt.snaive_mae, 2.25, 1e-15, "backtest seasonal naive MAE", 0);
	check_near(bt.scale, 2.5, 1e-15, "backtest scale", 0);
	check_near(bt.mase, 0.9, 1e-15, "backtest MASE", 0);
	check_near(bt.snaive_mase, 0.9, 1e-15, "backtest seasonal naive MASE", 0);
	check_near(bt.coverage[0], 1.0, 1e-15, "backtest coverage 0.8", 0);
	check(forecast_backtest(y, 12, FORECAST_NAIVE_SEASONAL, 4, 1, LEVEL(0.5), NULL, &bt) == FORECAST_OK, "backtest ok");
	check_near(bt.coverage[0], 0.25, 1e-15, "backtest coverage 0.5", 0);
	/* both levels in one call */
	{
		static const double two[2] = {0.8, 0.5};

		check(forecast_backtest(y, 12, FORECAST_NAIVE_SEASONAL, 4, 1, two, 2, NULL, &bt) == FORECAST_OK &&
			  bt.coverage[0] == 1.0 && bt.coverage[1] == 0.25 && isnan(bt.coverage[2]),
			  "backtest coverage at 0.8 and 0.5 in one call");
	}

	/* horizon 2: origins 8..10 (t + 1 < 12), targets y[9..11] */
	check(forecast_backtest(y, 12, FORECAST_NAIVE_SEASONAL, 4, 2, LEVEL(0.8), NULL, &bt) == FORECAST_OK &&
		  bt.forecasts == 3, "horizon 2: 3 forecasts");
	check_near(bt.mae, (3.0 + 2.0 + 3.0) / 3.0, 1e-15, "horizon 2 MAE", 0);

	/* origins before m are skipped: the first origin is 4, the scale undefined */
	check(forecast_backtest(y, 6, FORECAST_AUTO, 8, 1, LEVEL(0.8), NULL, &bt) == FORECAST_OK &&
		  bt.forecasts == 2 && isnan(bt.mase) && isnan(bt.scale) && !isnan(bt.mae),
		  "short backtest: 2 forecasts, no MASE");
	check(forecast_backtest(y, 4, FORECAST_AUTO, 8, 1, LEVEL(0.8), NULL, &bt) == FORECAST_OK &&
		  bt.forecasts == 0 && isnan(bt.mae) && isnan(bt.coverage[0]), "no origin at all");
}

/* ---------------------------------------------------------------------
 * (d) statsmodels
 * ---------------------------------------------------------------------
 */
typedef struct RefFixed
{
	const char *name;
	const double *y;
	size_t		n;
	EtsForm		form;
	EtsParams	params;			/* Hyndman's beta */
	EtsState	init;
	double		scale;			/* ETSModel's sigma^2 = SSE / n */
	double		fitted[40];		/* Holt-Winters fitted values */
	double		fc[12];			/* ETSModel forecasts */
	double		lower[12];		/* ETSModel 95% interval */
	double		upper[12];
} RefFixed;

typedef struct RefFitted
{
	const char *name;
	const double *y;
	size_t		n;
	EtsForm		form;
	double		sse_etsmodel;	/* ETSModel fit: forecast.c's bounds */
	double		sse_hw;			/* ExponentialSmoothing, phi <= 0.995 */
	double		sse_hw98;		/* ExponentialSmoothing, phi <= 0.98 */
	double		half[2];		/* ETSModel 95% half-width at h = 1, 12 */
} RefFitted;

/*
 * Produced by: /usr/bin/python3 test/forecast/statsmodels_reference.py
 * (Debian python3-statsmodels 0.13.5), pasted unchanged.
 */
/* BEGIN statsmodels_reference.py output (statsmodels 0.13.5+dfsg) */
static const double s1_y[32] = {131.40000000000001, 117.40000000000001, 116.40000000000001, 125.59999999999999, 144.90000000000001, 130, 125.8, 143.30000000000001, 150.09999999999999, 142.5, 137.80000000000001, 156.19999999999999, 169.30000000000001, 152.19999999999999, 149.19999999999999, 162.59999999999999, 177.59999999999999, 168, 166.59999999999999, 179.69999999999999, 192.09999999999999, 176.40000000000001, 176.59999999999999, 188.59999999999999, 204.69999999999999, 190.40000000000001, 190.59999999999999, 203.59999999999999, 220.09999999999999, 201.80000000000001, 202.30000000000001, 215.69999999999999};
static const double s2_y[28] = {97.799999999999997, 77.299999999999997, 80.799999999999997, 95.799999999999997, 111.8, 97.400000000000006, 89.900000000000006, 107.2, 122.5, 105.3, 96.299999999999997, 114, 128.40000000000001, 110.09999999999999, 102.59999999999999, 118.90000000000001, 130.40000000000001, 115, 104.2, 120.7, 131.90000000000001, 115.59999999999999, 104.90000000000001, 123.2, 131.19999999999999, 111.8, 106.3, 122.09999999999999};
static const double s3_y[40] = {191.30000000000001, 191.19999999999999, 193, 202.69999999999999, 222.09999999999999, 208.69999999999999, 199, 216.09999999999999, 224.90000000000001, 188, 223.19999999999999, 206.5, 208.30000000000001, 210.5, 193.09999999999999, 216.59999999999999, 203.19999999999999, 214, 185.80000000000001, 215.59999999999999, 217, 201.30000000000001, 204.80000000000001, 206.19999999999999, 212.30000000000001, 214, 228.19999999999999, 203.09999999999999, 237.5, 224.30000000000001, 193.59999999999999, 219.40000000000001, 231.90000000000001, 202.40000000000001, 222, 229.59999999999999, 248, 220, 222.40000000000001, 242.80000000000001};
static const double s4_y[24] = {57.5, 46.799999999999997, 41.799999999999997, 51.600000000000001, 55.299999999999997, 49.200000000000003, 44.200000000000003, 52.399999999999999, 57.399999999999999, 49.5, 43.299999999999997, 51.299999999999997, 59.299999999999997, 45.700000000000003, 44.299999999999997, 52.700000000000003, 55.600000000000001, 46.600000000000001, 42.100000000000001, 53, 56.899999999999999, 47.100000000000001, 41.899999999999999, 49.600000000000001};
static const RefFixed ref_fixed[4] = {
	{"s1", s1_y, 32, {ETS_TREND_ADDITIVE, true}, {0.29999999999999999, 0.029999999999999999, 0.20000000000000001, 1},
		{125, 3, {10, -5, -9, 4}}, 13.155321018508886,
		{138, 123.822, 120.50474, 134.75951580000003, 138.90307338600005, 128.12907149462001, 127.60125002581539, 141.44333033687769, 152.160730287315, 138.14020023947768, 137.69523911429209, 152.96852163726007, 163.48394346914483, 153.51591834252076, 150.75232533456287, 166.33920422335135, 175.25659517194438, 162.69245826763387, 161.93940439380884, 179.20995392536366, 190.99668942087186, 179.00019644251483, 175.85504456551377, 191.1089356086182, 202.02080351892286, 189.70582550275483, 188.26629700720767, 203.44197826005797, 216.36751266420143, 204.17906910465678, 202.26082751656475, 216.35953173967346},
		{229.77668498835069, 215.15620108914862, 214.41671777238489, 228.34414345365107, 242.09106257216504, 227.47057867296297, 226.73109535619923, 240.65852103746542, 254.40544015597939, 239.78495625677732, 239.04547294001358, 252.97289862127977},
		{222.66784373498078, 207.67028408349935, 206.50543656884949, 219.96113452567167, 232.62001550550104, 217.47386939480543, 216.16806529121888, 229.49062419217111, 242.06059395885305, 226.79210238023686, 225.37041986937601, 238.58315694059954},
		{236.88552624172061, 222.64211809479789, 222.32799897592028, 236.72715238163048, 251.56210963882904, 237.46728795112051, 237.29412542117959, 251.82641788275973, 266.75028635310576, 252.77781013331779, 252.72052601065116, 267.36264030195997}},
	{"s2", s2_y, 28, {ETS_TREND_DAMPED, true}, {0.40000000000000002, 0.12, 0.14999999999999999, 0.90000000000000002},
		{85, 5, {12, -5, -11, 3}}, 9.3181147613682622,
		{101.5, 86.670400000000015, 79.195596800000018, 96.0566547456, 106.36864113387519, 93.049894895730262, 93.029311962563938, 107.49430188435463, 118.43928462765186, 104.07743128227878, 101.04675182382542, 114.54188133824839, 125.34102393033791, 109.41451015866622, 104.55117811344894, 119.44700898610043, 130.47024251538494, 112.31547481489443, 107.51366332660012, 121.6196430314416, 132.11515922981349, 113.89482817842169, 107.3170462665166, 121.80155976085466, 133.27504035999937, 114.34849202224635, 104.76623312166802, 121.21387180530223},
		{131.73550505595256, 113.58874907498291, 105.93217752270108, 121.76807336347758, 131.79565300193497, 113.64288222636709, 105.98089735894683, 121.81192121609875, 131.83511606929403, 113.67839898699025, 106.01286244350767, 121.84068979220351},
		{125.75259989689327, 106.87811610924292, 98.307009986514103, 113.08948507186801, 121.51421422899313, 102.19291344510124, 93.312567870772384, 107.89386874717378, 116.26905617432492, 96.866436254676998, 87.951175249636947, 102.5318192257669},
		{137.71841021501186, 120.2993820407229, 113.55734505888806, 130.44666165508715, 142.07709177487681, 125.09285100763294, 118.64922684712128, 135.72997368502371, 147.40117596426313, 130.49036171930348, 124.0745496373784, 141.14956035864012}},
	{"s3", s3_y, 40, {ETS_TREND_DAMPED, false}, {0.20000000000000001, 0.040000000000000008, 0, 0.94999999999999996},
		{195, 0.5, {0, 0, 0, 0}}, 183.86803334184256,
		{195.47499999999999, 194.93259999999998, 194.3222112, 194.1368495744, 196.2500059593728, 202.78280452590226, 205.48575681922134, 205.38568423482121, 209.0729162274057, 214.30691256285448, 210.0110179747785, 214.06720922505139, 213.61368853245634, 213.35595575652619, 213.44099297050599, 209.22325359054639, 210.83685548943083, 209.15062386909037, 210.15385789191529, 204.38933057045028, 206.20840193875529, 208.37489288560684, 206.69883114670492, 205.99888033009762, 205.74257145363137, 207.02153327774272, 208.6515106667357, 213.52662097036708, 211.9622269945493, 218.5351006771894, 221.29919984349084, 216.23735361739236, 217.44415751192264, 221.43020891119338, 217.94115794690185, 219.20830363258901, 222.11413577934698, 229.0610896934744, 228.58584236292447, 228.38373395828611},
		{232.79811234076325, 234.2526812561909, 235.63452172584715, 236.94727017202058, 238.19438119588534, 239.37913666855687, 240.50465436759481, 241.57389618168088, 242.58967590506262, 243.55466664227529, 244.47140784262731, 245.34231198296175},
		{206.22140301615531, 206.93363382853971, 207.36091464864151, 207.50965290701515, 207.39351828322424, 207.03105913042165, 206.44349723922016, 205.65295011332449, 204.68116065223211, 203.54869368849774, 202.27450131948495, 200.87574879939027},
		{259.3748216653712, 261.57172868384208, 263.90812880305276, 266.38488743702601, 268.99524410854644, 271.72721420669211, 274.56581149596946, 277.49484225003727, 280.49819115789313, 283.56063959605285, 286.66831436576967, 289.80887516653326}},
	{"s4", s4_y, 24, {ETS_TREND_NONE, true}, {0.25, 0, 0.29999999999999999, 1},
		{50, 0, {7, -3, -8, 2}}, 2.3170751665349654,
		{57, 47.125, 42.043750000000003, 51.982812500000009, 57.037109375, 46.355332031250001, 42.090874023437493, 52.576436767578123, 57.276038513183586, 48.434062088012695, 43.50425896835327, 52.725806653022765, 57.203185403585429, 49.137015183365342, 42.700414725765583, 52.00645916568115, 58.070461162910426, 47.202323068925118, 42.985375777215339, 51.3983666222938, 56.740191156201128, 47.090061992088735, 42.941264157100989, 52.061385653684496},
		{55.954908069571943, 46.219865443743558, 41.753222457274312, 50.707623544158018, 55.954908069571943, 46.219865443743558, 41.753222457274312, 50.707623544158018, 55.954908069571943, 46.219865443743558, 41.753222457274312, 50.707623544158018},
		{52.971462270383185, 43.144599904153424, 38.588800323410979, 47.456488858609333, 52.313148362139472, 42.502511133353956, 37.961780466254837, 46.843514115899119, 51.756827711043755, 41.95604227680127, 37.424654876509599, 46.315265794208585},
		{58.9383538687607, 49.295130983333692, 44.917644591137645, 53.958758229706703, 59.596667777004413, 49.93721975413316, 45.544664448293787, 54.571732972416918, 60.15298842810013, 50.483688610685846, 46.081790038039024, 55.099981294107451}},
};
static const RefFitted ref_fitted[24] = {
	{"s1", s1_y, 32, {ETS_TREND_NONE, false}, 4463.6288905299425, 4463.6288881583841, 4463.6288881583841, {NAN, NAN}},
	{"s1", s1_y, 32, {ETS_TREND_ADDITIVE, false}, 2242.0346103451602, 2241.7283563515739, 2241.7283563515739, {NAN, NAN}},
	{"s1", s1_y, 32, {ETS_TREND_DAMPED, false}, 2535.4244770462901, 2272.1302897210408, 2501.4543452884523, {NAN, NAN}},
	{"s1", s1_y, 32, {ETS_TREND_NONE, true}, 569.80538776770391, 569.75854046223151, 569.75854046223151, {8.2705878209307286, 28.647835230984356}},
	{"s1", s1_y, 32, {ETS_TREND_ADDITIVE, true}, 126.70621798803985, 126.68088033717156, 126.68088033717156, {3.9000669815039259, 3.9000673132982797}},
	{"s1", s1_y, 32, {ETS_TREND_DAMPED, true}, 174.77378888232832, 164.61775130125986, 195.97999169805945, {4.5804827561082675, 10.289574840894886}},
	{"s2", s2_y, 28, {ETS_TREND_NONE, false}, 4263.1023790862228, 4263.1023790692871, 4263.1023790692871, {NAN, NAN}},
	{"s2", s2_y, 28, {ETS_TREND_ADDITIVE, false}, 3367.1867720626078, 3836.9630925850192, 3836.9630925850192, {NAN, NAN}},
	{"s2", s2_y, 28, {ETS_TREND_DAMPED, false}, 2856.0260569014276, 2855.7404827306787, 2855.7404827342648, {NAN, NAN}},
	{"s2", s2_y, 28, {ETS_TREND_NONE, true}, 273.79816363906065, 273.79720836272287, 273.79720836272287, {6.1289254791204257, 20.399630205746831}},
	{"s2", s2_y, 28, {ETS_TREND_ADDITIVE, true}, 132.04721604166303, 149.85483045045021, 149.85483045045021, {4.2563143966655446, 27.629479697814659}},
	{"s2", s2_y, 28, {ETS_TREND_DAMPED, true}, 72.267994788741888, 72.253543958253687, 72.25354387930112, {3.1487782553322461, 3.1487785231091152}},
	{"s3", s3_y, 40, {ETS_TREND_NONE, false}, 7431.8102816966866, 7431.8102817107983, 7431.8102817107983, {NAN, NAN}},
	{"s3", s3_y, 40, {ETS_TREND_ADDITIVE, false}, 6037.685523309412, 6037.0816247629627, 6037.0816247629627, {NAN, NAN}},
	{"s3", s3_y, 40, {ETS_TREND_DAMPED, false}, 6202.657647637584, 6076.2015165080666, 6202.0374859421045, {NAN, NAN}},
	{"s3", s3_y, 40, {ETS_TREND_NONE, true}, 5773.8314854110231, 5773.5095248205052, 5773.5095248205052, {23.547789646182082, 29.927680039646674}},
	{"s3", s3_y, 40, {ETS_TREND_ADDITIVE, true}, 4684.6564007319266, 4683.7201902789802, 4683.7201902789802, {21.210795984894588, 21.210797789382326}},
	{"s3", s3_y, 40, {ETS_TREND_DAMPED, true}, 4850.0963703633988, 4723.0164322305727, 4849.1900063149069, {21.58207907220077, 21.582080908138352}},
	{"s4", s4_y, 24, {ETS_TREND_NONE, false}, 685.95817030167541, 685.88960223192407, 685.88960223192407, {NAN, NAN}},
	{"s4", s4_y, 24, {ETS_TREND_ADDITIVE, false}, 676.45227449387085, 676.38463488460127, 676.38463488460127, {NAN, NAN}},
	{"s4", s4_y, 24, {ETS_TREND_DAMPED, false}, 680.07336059144473, 676.57192106626462, 677.12093672323306, {NAN, NAN}},
	{"s4", s4_y, 24, {ETS_TREND_NONE, true}, 36.542304688902384, 36.535000555158867, 36.535000555158867, {2.4184685122655338, 2.4184687178256681}},
	{"s4", s4_y, 24, {ETS_TREND_ADDITIVE, true}, 34.829072934079051, 34.822108844409541, 34.822108844409541, {2.3610948152571183, 2.3610950161249491}},
	{"s4", s4_y, 24, {ETS_TREND_DAMPED, true}, 37.407188855478054, 36.526743339640269, 36.526743181283351, {2.4469213274562591, 3.712005529502953}},
};
static const double ref_z[3][2] = {{0.80, 1.2815515655446004}, {0.95, 1.959963984540054}, {0.99, 2.5758293035489004}};
/* END statsmodels_reference.py output */

static void
check_statsmodels(void)
{
	double		max_fixed = 0.0,
				max_interval = 0.0,
				worst_ratio = 0.0;
	size_t		i;
	int			t;

	for (i = 0; i < sizeof(ref_fixed) / sizeof(ref_fixed[0]); i++)
	{
		const RefFixed *r = &ref_fixed[i];
		EtsState	st = r->init;
		double		fitted[40],
					point[12],
					lower[12],
					upper[12];

		(void) ets_filter(r->form, &r->params, &st, r->y, r->n, fitted);
		ets_forecast(r->form, &r->params, &st, r->scale, 0.95, 12, point, lower, upper);
		for (t = 0; t < (int) r->n; t++)
		{
			check_near(fitted[t], r->fitted[t], 1e-10, r->name, t);
			if (fabs(fitted[t] - r->fitted[t]) > max_fixed)
				max_fixed = fabs(fitted[t] - r->fitted[t]);
		}
		for (t = 0; t < 12; t++)
		{
			check_near(point[t], r->fc[t], 1e-10, r->name, 100 + t);
			check_near(lower[t], r->lower[t], 1e-10, r->name, 200 + t);
			check_near(upper[t], r->upper[t], 1e-10, r->name, 300 + t);
			if (fabs(point[t] - r->fc[t]) > max_fixed)
				max_fixed = fabs(point[t] - r->fc[t]);
			if (fabs(lower[t] - r->lower[t]) > max_interval)
				max_interval = fabs(lower[t] - r->lower[t]);
			if (fabs(upper[t] - r->upper[t]) > max_interval)
				max_interval = fabs(upper[t] - r->upper[t]);
		}
	}
	printf("statsmodels, fixed parameters: max |diff| fitted and forecasts %.3g, "
		   "interval bounds (sigma^2 = SSE/n as ETSModel) %.3g\n", max_fixed, max_interval);

	printf("statsmodels, fitted SSE (ours / ETSModel / HW phi<=0.98 / HW phi<=0.995):\n");
	for (i = 0; i < sizeof(ref_fitted) / sizeof(ref_fitted[0]); i++)
	{
		const RefFitted *r = &ref_fitted[i];
		EtsFit		fit;
		double		best = r->sse_etsmodel < r->sse_hw98 ? r->sse_etsmodel : r->sse_hw98;
		double		point[12],
					lower[12],
					upper[12];

		check(ets_fit(r->y, r->n, r->form, &fit) == FORECAST_OK, "fit %s %s", r->name, ets_form_name(r->form));
		check(fit.sse <= 1.001 * best, "%s %s: SSE %.6f above 1.001 x statsmodels' %.6f",
			  r->name, ets_form_name(r->form), fit.sse, best);
		if (fit.sse / best > worst_ratio)
			worst_ratio = fit.sse / best;
		printf("  %s %-12s %11.4f %11.4f %11.4f %11.4f  ratio %.5f", r->name, ets_form_name(r->form),
			   fit.sse, r->sse_etsmodel, r->sse_hw98, r->sse_hw, fit.sse / best);
		if (r->form.seasonal)
		{
			ets_forecast(r->form, &fit.params, &fit.final, fit.sigma2, 0.95, 12, point, lower, upper);
			printf("  95%% width ratio h=1 %.3f h=12 %.3f", (upper[0] - point[0]) / r->half[0],
				   (upper[11] - point[11]) / r->half[1]);
		}
		printf("\n");
		/* the fitted initial state and parameters reproduce the SSE */
		{
			EtsState	st = fit.initial;
			double		sse = ets_filter(r->form, &fit.params, &st, r->y, r->n, NULL);

			check_near(sse, fit.sse, 1e-9, "fit SSE reproduced", (int) i);
			check_near(st.level, fit.final.level, 1e-9, "fit final level", (int) i);
		}
	}
	printf("statsmodels, fitted SSE: worst ours / min(ETSModel, HW phi<=0.98) = %.6f\n", worst_ratio);

	for (i = 0; i < 3; i++)
	{
		double		level = ref_z[i][0];
		double		z = forecast_normal_quantile(0.5 + level / 2.0);

		check_near(z, ref_z[i][1], 1e-13, "normal quantile", (int) i);
	}
}

/* The normal quantile against the CDF, across the range. */
static void
check_quantile(void)
{
	double		worst = 0.0;
	int			i;

	for (i = 1; i < 2000; i++)
	{
		double		p = i / 2000.0;
		double		x = forecast_normal_quantile(p);
		double		back = 0.5 * erfc(-x / sqrt(2.0));

		if (fabs(back - p) / p > worst)
			worst = fabs(back - p) / p;
	}
	for (i = 1; i < 300; i++)
	{
		double		p = pow(10.0, -i);
		double		x = forecast_normal_quantile(p);
		double		back = 0.5 * erfc(-x / sqrt(2.0));

		if (fabs(back - p) / p > worst)
			worst = fabs(back - p) / p;
	}
	check(worst < 1e-12, "quantile round trip: worst relative error %.3g", worst);
}

/* ---------------------------------------------------------------------
 * Properties on random series (the fuzzer's oracle, deterministic here)
 * ---------------------------------------------------------------------
 */
static unsigned long long rng_state = 88172645463325252ULL;

static double
urand(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (double) (rng_state >> 11) * (1.0 / 9007199254740992.0);
}

static double
nrand(void)
{
	double		u1 = urand(),
				u2 = urand();

	return sqrt(-2.0 * log(u1 + 1e-300)) * cos(6.283185307179586 * u2);
}

/* One quarterly demand series: trend, damping, season, noise, zeros. */
static size_t
random_series(double *y, size_t maxn)
{
	size_t		n = 1 + (size_t) (urand() * (double) maxn);
	double		level = 50 + urand() * 200,
				trend = (urand() - 0.5) * 6,
				phi = 0.7 + urand() * 0.3,
				sd = 1 + urand() * 15,
				amp = urand() * 20,
				zero = urand() < 0.3 ? urand() : 0.0,
				scale = pow(10.0, (urand() - 0.5) * 12),
				season[4];
	size_t		t;
	int			j;

	for (j = 0; j < 4; j++)
		season[j] = amp * nrand();
	for (t = 0; t < n; t++)
	{
		level += trend;
		trend *= phi;
		y[t] = urand() < zero ? 0.0 : (level + season[t % 4] + sd * nrand()) * scale;
	}
	return n;
}

static bool
result_sane(const ForecastResult *r)
{
	int			h,
				i;

	for (h = 0; h < r->horizon; h++)
	{
		if (!isfinite(r->point[h]))
			return false;
		if (!r->has_interval)
		{
			if (!isnan(r->sd[h]))
				return false;
			for (i = 0; i < r->nlevels; i++)
				if (!isnan(r->lower[i][h]) || !isnan(r->upper[i][h]))
					return false;
			continue;
		}
		if (!(r->sd[h] >= 0 && isfinite(r->sd[h])) || (h > 0 && r->sd[h] < r->sd[h - 1]))
			return false;
		for (i = 0; i < r->nlevels; i++)
		{
			const double *lo = r->lower[i],
					   *up = r->upper[i];

			if (!isfinite(lo[h]) || !isfinite(up[h]) || !(lo[h] <= r->point[h] && r->point[h] <= up[h]))
				return false;
			if (h > 0 && up[h] - r->point[h] <
				(up[h - 1] - r->point[h - 1]) - 1e-12 * (fabs(r->point[h]) + fabs(r->point[h - 1])))
				return false;
			/* a higher level gives a wider interval */
			if (i > 0 && r->levels[i] > r->levels[i - 1] &&
				(up[h] < r->upper[i - 1][h] || lo[h] > r->lower[i - 1][h]))
				return false;
		}
	}
	return true;
}

static void
check_random(void)
{
	static const ForecastMethod methods[5] = {
		FORECAST_AUTO, FORECAST_ETS, FORECAST_SBA, FORECAST_CROSTON, FORECAST_NAIVE_SEASONAL
	};
	int			counts[FORECAST_MEAN + 1] = {0};
	int			i,
				bad = 0;

	for (i = 0; i < 400; i++)
	{
		double		y[48];
		size_t		n = random_series(y, 48);
		ForecastMethod method = methods[i % 5];
		ForecastResult r;
		static const double levels[3] = {0.5, 0.8, 0.95};
		ForecastStatus s = forecast_series(y, n, method, 12, levels, 3, &r);

		if (s == FORECAST_TOO_SHORT && n < 4)
			continue;
		if (s != FORECAST_OK || !result_sane(&r))
		{
			bad++;
			printf("  random series %d (n %zu, %s): status %d\n", i, n, r.model ? r.model : "-", s);
			continue;
		}
		counts[r.method]++;
	}
	check(bad == 0, "%d random series broke the oracle", bad);
	printf("random series by method: ets %d, sba %d, croston %d, naive_seasonal %d, zero %d, "
		   "naive %d, mean %d\n", counts[FORECAST_ETS], counts[FORECAST_SBA], counts[FORECAST_CROSTON],
		   counts[FORECAST_NAIVE_SEASONAL], counts[FORECAST_ZERO], counts[FORECAST_NAIVE],
		   counts[FORECAST_MEAN]);
}

/* The fits of the reference series, and a backtest of the first. */
static void
check_reference_choices(void)
{
	ForecastResult r;
	ForecastBacktest bt;

	check(forecast_series(s1_y, 32, FORECAST_AUTO, 8, LEVEL(0.95), &r) == FORECAST_OK, "s1 auto");
	printf("s1 (trending, seasonal): %s, AICc %.3f, h=1 %.3f [%.3f, %.3f]\n", r.model, r.ets.aicc,
		   r.point[0], r.lower[0][0], r.upper[0][0]);
	check(r.ets.form.seasonal && r.ets.form.trend != ETS_TREND_NONE, "s1: a trended seasonal model");
	check(forecast_series(s4_y, 24, FORECAST_AUTO, 8, LEVEL(0.95), &r) == FORECAST_OK, "s4 auto");
	printf("s4 (level, seasonal): %s\n", r.model);
	check(r.ets.form.seasonal, "s4: a seasonal model");
	check(forecast_backtest(s1_y, 32, FORECAST_AUTO, 8, 1, LEVEL(0.8), NULL, &bt) == FORECAST_OK && bt.forecasts == 8,
		  "s1 backtest");
	printf("s1 backtest (8 origins, h=1, 80%%): MAE %.3f MASE %.3f, seasonal naive MAE %.3f MASE %.3f, "
		   "coverage %.3f\n", bt.mae, bt.mase, bt.snaive_mae, bt.snaive_mase, bt.coverage[0]);
	check(bt.mase < bt.snaive_mase, "s1: ETS beats the seasonal naive forecast in the backtest");
}

/* ---------------------------------------------------------------------
 * Time per fit
 * ---------------------------------------------------------------------
 */
static void
time_fits(void)
{
	ForecastResult r;
	double		y[40];
	clock_t		start;
	int			reps = 400,
				i;
	double		us;

	memcpy(y, s3_y, sizeof(y));
	start = clock();
	for (i = 0; i < reps; i++)
	{
		y[i % 40] += 1e-9;		/* not the same input twice */
		(void) forecast_series(y, 40, FORECAST_AUTO, 12, LEVEL(0.95), &r);
	}
	us = (double) (clock() - start) / CLOCKS_PER_SEC / reps * 1e6;
	printf("time: %.0f us per automatic fit of the 40-point series s3 (%s)\n", us, r.model);

	start = clock();
	for (i = 0; i < reps; i++)
	{
		double		z[40];
		int			t;

		for (t = 0; t < 40; t++)
			z[t] = 100 + 2.0 * t + ((t % 4) == 0 ? 15 : (t % 4) == 1 ? -5 : (t % 4) == 2 ? -12 : 2) +
				10 * nrand();
		(void) forecast_series(z, 40, FORECAST_AUTO, 12, LEVEL(0.95), &r);
	}
	us = (double) (clock() - start) / CLOCKS_PER_SEC / reps * 1e6;
	printf("time: %.0f us per automatic fit of random 40-point trended seasonal series\n", us);
}

int
main(void)
{
	check_ets_by_hand();
	check_damped_by_hand();
	check_croston_by_hand();
	check_errors();
	check_backtest_by_hand();
	check_statsmodels();
	check_quantile();
	check_random();
	check_reference_choices();
	time_fits();
	printf("%d passed, %d failed\n", passed, failed);
	return failed == 0 ? 0 : 1;
}
