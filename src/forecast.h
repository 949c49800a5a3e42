/*-------------------------------------------------------------------------
 * forecast.h
 *	  Demand forecasting for quarterly series: exponential smoothing with
 *	  additive errors, Croston's method with the Syntetos-Boylan correction
 *	  for intermittent demand, the rule that chooses between them, and a
 *	  rolling-origin backtest.
 *
 * Pure C: no PostgreSQL headers.  Nothing is allocated: every function
 * works in O(1) memory on its own stack, keeps no state between calls and
 * is re-entrant.  Results are written to caller-supplied structs; strings
 * returned are static.
 *
 * The seasonal period is FORECAST_PERIOD (m = 4, quarters).  A series is
 * y[0..n), oldest first; a forecast is for y[n], ..., y[n + horizon - 1].
 * Cost: the automatic choice fits six forms, about 0.4 ms for 40 points on
 * one x86-64 core (test/forecast/check_forecast.c measures it); time is
 * linear in n.  A backtest costs one forecast per origin.
 *
 * Exponential smoothing
 *	  The additive-error state-space forms of Hyndman, Koehler, Ord and
 *	  Snyder (2008), "error-correction" parameterisation, with phi = 1
 *	  without damping, b = 0 without trend and s = 0 without season:
 *
 *		yhat_t = l_{t-1} + phi b_{t-1} + s_{t-m}
 *		e_t    = y_t - yhat_t
 *		l_t    = l_{t-1} + phi b_{t-1} + alpha e_t
 *		b_t    = phi b_{t-1} + beta e_t
 *		s_t    = s_{t-m} + gamma e_t
 *
 *	  beta here is Hyndman's beta.  statsmodels' Holt-Winters
 *	  smoothing_trend is beta* with beta = alpha beta*; statsmodels' ETSModel
 *	  smoothing_trend is beta itself.  gamma is the same in all three.
 *
 *	  Candidates: ETS(A,N,N), (A,A,N), (A,Ad,N), (A,N,A), (A,A,A),
 *	  (A,Ad,A).  A candidate has k = (its smoothing parameters) + 1 (level)
 *	  + 1 (trend, if any) + m - 1 (seasonal states, which sum to zero, if
 *	  any) parameters: 2, 4, 5, 6, 8 and 9.  It is fitted when k < n - 1
 *	  (R's forecast::ets has the same rule), and, if seasonal, n >= 2 m + 2
 *	  = 10.
 *
 *	  Fitting: the smoothing parameters minimise the sum of squared one-step
 *	  errors (SSE) within alpha, beta / alpha and gamma / (1 - alpha) in
 *	  [1e-4, 1 - 1e-4] (so 0 < beta < alpha and 0 < gamma < 1 - alpha) and
 *	  0.8 <= phi <= 0.98: the bounds of R's forecast::ets and statsmodels'
 *	  ETSModel.  Nelder-Mead works on a logistic transform of them, clamped
 *	  at the bounds.  It starts from the best of a grid (alpha 0.02 .. 0.9,
 *	  the shares 0.02, 0.3, 0.95, phi 0.85, 0.95) and of the optima of the
 *	  nested forms (fitted first, in the order above); the next two starts
 *	  get a coarse look and are refined if they lead to a lower minimum.
 *	  The initial states are not guessed: for given smoothing parameters
 *	  the one-step errors are affine in the initial state, so the
 *	  SSE-minimising initial state is found exactly by linear least
 *	  squares.  The seasonals are constrained to sum to zero, which loses
 *	  nothing: a constant moved from the seasonals to the level gives the
 *	  same errors.  The least squares run around a simple baseline (level =
 *	  mean of the first season, trend = 0, seasonals = first season minus
 *	  that mean), with a ridge of 1e-10 of the largest diagonal so that
 *	  near-singular directions stay at the baseline.  The SSE is thus
 *	  concentrated over the initial states, and the fit reaches the SSE of
 *	  statsmodels, which optimises them numerically
 *	  (test/forecast/statsmodels_reference.py).
 *
 *	  Choice: the smallest AICc = n log(SSE/n) + 2k + 2k(k+1)/(n-k-1), in
 *	  the order above on ties.  The SSE used in the AICc is floored at n
 *	  (1e-10 s)^2, where 2^e = s is the power of two just above max |y|,
 *	  so that models fitting a series exactly are told apart by k alone.
 *
 *	  Intervals: var_h = sigma^2 (1 + sum_{j=1}^{h-1} c_j^2) with c_j =
 *	  alpha + beta (phi + ... + phi^j) + gamma [j mod m = 0] and
 *	  sigma^2 = SSE / (n - k), the residual variance with the parameters
 *	  counted (as R's forecast::ets does).  statsmodels' ETSModel uses
 *	  SSE / n, so for the same fit its intervals are narrower by
 *	  sqrt((n - k) / n).  Bounds are point -+ z sigma_h, z the normal
 *	  quantile of (1 + level) / 2; they are not clipped at zero.
 *
 * Croston and SBA (intermittent demand)
 *	  z (demand size) and p (periods between demands) are smoothed with the
 *	  same alpha, updated only in periods with demand.  Start: z = the first
 *	  non-zero value, p = its position counted from 1.  Forecast: z / p
 *	  (Croston) or (1 - alpha / 2) z / p (SBA, Syntetos & Boylan 2005), flat.
 *	  alpha in [0.05, 0.3] minimises the sum of squared one-step errors of
 *	  the method's own forecast over the periods after the first demand
 *	  (a 0.01 grid, then golden section around the best point); with no
 *	  such period alpha is 0.1 and there is no interval.
 *	  Intervals: there is no standard analytic one.  We use the simple
 *	  exponential smoothing variance with Croston's alpha:
 *	  var_h = MSE (1 + (h - 1) alpha^2), MSE the mean squared in-sample
 *	  one-step error.  This is a heuristic: intermittent demand is far from
 *	  normal, so take the coverage from a backtest.
 *
 * Other methods
 *	  zero: forecast 0, interval [0, 0].
 *	  naive (1 observation): forecast y[0], no interval.
 *	  mean (2 or 3 observations): forecast the mean, var = s^2 (1 + 1/n),
 *	  s^2 the sample variance (n - 1 denominator), flat.
 *	  naive_seasonal: forecast y[n - m + (h - 1) mod m]; var_h = MSE
 *	  (floor((h - 1) / m) + 1), MSE the mean of (y_t - y_{t-m})^2 over
 *	  t = m .. n - 1; no interval when n = m.
 *	  For these and for Croston/SBA (not ETS) the lower bound is clipped at
 *	  0 when no observation is negative.
 *
 * Method rule (FORECAST_AUTO), in order
 *	  1. an all-zero series: zero (whatever method is asked);
 *	  2. n = 1: naive;  n = 2 or 3: mean;
 *	  3. ADI = n / (number of non-zero values) >= 1.32 (Syntetos, Boylan
 *		 and Croston 2005), an intermittent series: sba, unless simple
 *		 exponential smoothing, ETS(A,N,N) (what Croston's method set out
 *		 to improve on), has the smaller in-sample mean absolute one-step
 *		 error over the periods after the first demand (each with its
 *		 fitted parameters), then ETS(A,N,N);
 *	  4. otherwise ETS, the AICc choice among the candidates above.
 *	  A method can be forced: ets and naive_seasonal need n >= m = 4
 *	  (else FORECAST_TOO_SHORT); sba and croston need n >= 1.
 *
 * Errors
 *	  Arguments are checked first (horizon 1..12, up to 4 levels, each
 *	  0 < level < 1, a known method, origins >= 1), then n = 0
 *	  (FORECAST_EMPTY), then the values:
 *	  the first NaN or infinity (FORECAST_NOT_FINITE) or |y| > 1e100
 *	  (FORECAST_OUT_OF_RANGE, so that results cannot overflow) sets
 *	  bad_index.
 *
 * IDENTIFICATION
 *	  src/forecast.h
 *-------------------------------------------------------------------------
 */
#ifndef FMS_FORECAST_H
#define FMS_FORECAST_H

#include <stdbool.h>
#include <stddef.h>

#define FORECAST_PERIOD			4		/* m: quarters */
#define FORECAST_MAX_HORIZON	12
#define FORECAST_MAX_ABS		1e100	/* larger |y| is refused */
#define FORECAST_ADI_CUTOFF		1.32
#define FORECAST_ETS_FORMS		6
#define FORECAST_MAX_LEVELS		4		/* interval levels per call */

typedef enum ForecastStatus
{
	FORECAST_OK = 0,
	FORECAST_EMPTY,				/* no observations */
	FORECAST_NOT_FINITE,		/* y[bad_index] is NaN or infinite */
	FORECAST_OUT_OF_RANGE,		/* |y[bad_index]| > FORECAST_MAX_ABS */
	FORECAST_BAD_HORIZON,		/* horizon not in 1..FORECAST_MAX_HORIZON */
	FORECAST_BAD_LEVEL,			/* level not in (0, 1) */
	FORECAST_BAD_METHOD,		/* not a method one may ask for */
	FORECAST_BAD_ORIGINS,		/* backtest origins < 1 */
	FORECAST_TOO_SHORT			/* the forced method needs more observations */
} ForecastStatus;

typedef enum ForecastMethod
{
	FORECAST_AUTO = 0,			/* the method rule */
	FORECAST_ETS,				/* the AICc choice among the ETS candidates */
	FORECAST_SBA,
	FORECAST_CROSTON,
	FORECAST_NAIVE_SEASONAL,
	/* chosen by the rule only */
	FORECAST_ZERO,
	FORECAST_NAIVE,
	FORECAST_MEAN
} ForecastMethod;

typedef enum EtsTrend
{
	ETS_TREND_NONE,
	ETS_TREND_ADDITIVE,
	ETS_TREND_DAMPED
} EtsTrend;

typedef struct EtsForm
{
	EtsTrend	trend;
	bool		seasonal;
} EtsForm;

/* Hyndman's parameters; unused ones are ignored (phi is 1 unless damped). */
typedef struct EtsParams
{
	double		alpha;
	double		beta;
	double		gamma;
	double		phi;
} EtsParams;

/*
 * The state after t observations: season[j] is the seasonal component of
 * y[t + j].  So an initial state's season[0] belongs to y[0], as
 * statsmodels' initial_seasonal[0] does.
 */
typedef struct EtsState
{
	double		level;
	double		trend;
	double		season[FORECAST_PERIOD];
} EtsState;

typedef struct EtsFit
{
	EtsForm		form;
	EtsParams	params;
	EtsState	initial;		/* the least-squares initial state */
	EtsState	final;			/* the state after y[n - 1] */
	size_t		n;
	int			k;				/* parameters counted in the AICc */
	double		sse;
	double		sigma2;			/* sse / (n - k) */
	double		aicc;
} EtsFit;

/*
 * A forecast.  Intervals at any level come from sd (forecast_interval);
 * those at the levels asked for are filled in lower[i] and upper[i].
 */
typedef struct ForecastResult
{
	ForecastMethod method;		/* the method used, never FORECAST_AUTO */
	const char *model;			/* "ETS(A,Ad,A)", "sba", "croston", "zero",
								 * "naive", "mean", "naive_seasonal" */
	int			horizon;
	bool		has_interval;	/* false: sd, lower and upper are NaN */
	bool		clip_at_zero;	/* lower bounds are clipped at 0 */
	double		point[FORECAST_MAX_HORIZON];
	double		sd[FORECAST_MAX_HORIZON];	/* of the h-step error */
	int			nlevels;
	double		levels[FORECAST_MAX_LEVELS];
	double		lower[FORECAST_MAX_LEVELS][FORECAST_MAX_HORIZON];
	double		upper[FORECAST_MAX_LEVELS][FORECAST_MAX_HORIZON];
	double		sigma2;			/* one-step error variance; NaN if none */
	double		adi;			/* n / non-zero values; NaN if all zero */
	double		croston_alpha;	/* sba, croston; else NaN */
	EtsFit		ets;			/* ETS: the chosen fit; else zeroed */
	size_t		bad_index;		/* FORECAST_NOT_FINITE, _OUT_OF_RANGE */
} ForecastResult;

typedef struct ForecastBacktest
{
	int			forecasts;		/* forecasts scored */
	double		mae;			/* of the method; NaN if no forecast */
	double		mean_error;		/* mean of forecast - actual: above 0
								 * over-forecasts; NaN if no forecast */
	double		mase;			/* mae / scale; NaN if scale undefined */
	double		snaive_mae;		/* of naive_seasonal on the same targets */
	double		snaive_mase;
	double		scale;			/* MASE denominator; NaN if undefined or 0 */
	double		rmsse;			/* root mean squared error over the root mean
								 * squared seasonal difference of the same
								 * history (M5's measure); NaN if undefined */
	double		snaive_rmsse;
	int			intervals;		/* forecasts that had an interval */
	double		coverage[FORECAST_MAX_LEVELS];	/* share of actuals inside the
												 * interval at levels[i]; NaN
												 * if none */
	size_t		bad_index;		/* FORECAST_NOT_FINITE, _OUT_OF_RANGE */
} ForecastBacktest;

/*
 * Forecast y[n .. n + horizon) by the method asked (FORECAST_AUTO for the
 * rule), with prediction intervals at the nlevels (0..4) coverage levels
 * levels[] (each 0 < level < 1, else FORECAST_BAD_LEVEL).
 */
extern ForecastStatus forecast_series(const double *y, size_t n, ForecastMethod method,
									  int horizon, const double *levels, int nlevels,
									  ForecastResult *result);

/*
 * lower[h], upper[h] for h < result->horizon at coverage level: point -+
 * z sd, z the normal quantile of (1 + level) / 2, the lower clipped at 0
 * if result->clip_at_zero.  NaN if there is no interval or level is not
 * in (0, 1).
 */
extern void forecast_interval(const ForecastResult *result, double level,
							  double *lower, double *upper);

/*
 * Rolling-origin backtest: for each origin t = max(n - origins, m) .. n - 1
 * with t + horizon - 1 < n, forecast_series(y, t, method, horizon, ...)
 * and score its last point against y[t + horizon - 1], and the seasonal
 * naive forecast likewise (origins before m are skipped so that both are
 * scored on the same targets); coverage[i] at levels[i].  The MASE scale
 * is the mean of |y_i - y_{i-m}| over i = m .. t0 - 1, t0 the first origin:
 * undefined (NaN, and the MASEs too) when t0 = m, when it is 0, or when it
 * is so small that a MASE overflows.  The RMSSE (the M5 competition's
 * measure, which unlike the MASE does not reward forecasting the median,
 * often zero, of intermittent demand) is the root mean squared error over
 * the root mean of (y_i - y_{i-m})^2 over the same i, undefined likewise.
 * Coverage counts only forecasts that have an estimated interval (not the
 * [0, 0] of an all-zero history, which would count as covered whatever
 * the method).  between_origins, if not NULL, is called before each
 * origin's forecast: a caller that must stay cancellable (the server)
 * checks for interrupts there, as one forecast of the longest series takes
 * a fraction of a second and a backtest one per origin.  No origin: forecasts = 0, the rest NaN, FORECAST_OK.
 */
extern ForecastStatus forecast_backtest(const double *y, size_t n, ForecastMethod method,
										int origins, int horizon,
										const double *levels, int nlevels,
										void (*between_origins) (void),
										ForecastBacktest *result);

/* "auto", "ets", "sba", "croston", "naive_seasonal": false if none of them. */
extern bool forecast_method_parse(const char *name, size_t len, ForecastMethod *method);

extern const char *forecast_status_message(ForecastStatus status);

/*
 * Whether every value can be forecast: FORECAST_OK, or FORECAST_NOT_FINITE
 * or FORECAST_OUT_OF_RANGE with *bad_index at the first value that cannot.
 */
extern ForecastStatus forecast_check_values(const double *y, size_t n, size_t *bad_index);

/* The inverse standard normal CDF (Acklam, one Halley step); NaN outside (0, 1). */
extern double forecast_normal_quantile(double p);

/* ETS building blocks, exposed for tests and for fitting a given form. */

/* "ETS(A,Ad,A)" and so on. */
extern const char *ets_form_name(EtsForm form);

/* k of the header comment. */
extern int	ets_parameter_count(EtsForm form);

/* One observation: returns yhat, sets *error, moves state on. */
extern double ets_step(EtsForm form, const EtsParams *params, EtsState *state,
					   double y, double *error);

/*
 * y[0..n) from state (moved on to the state after y[n - 1]); fitted[t] =
 * yhat_t if fitted is not NULL.  Returns the SSE.
 */
extern double ets_filter(EtsForm form, const EtsParams *params, EtsState *state,
						 const double *y, size_t n, double *fitted);

/* 1 + sum_{j=1}^{h-1} c_j^2: var_h / sigma^2. */
extern double ets_variance_factor(EtsForm form, const EtsParams *params, int h);

/* Point forecasts and bounds for h = 1..horizon from state, given sigma^2. */
extern void ets_forecast(EtsForm form, const EtsParams *params, const EtsState *state,
						 double sigma2, double level, int horizon,
						 double *point, double *lower, double *upper);

/*
 * Croston's recursions with a given alpha (sba: the SBA factor 1 - alpha/2)
 * over y[0..n): *forecast is the forecast after y[n - 1] and *nerr the
 * number of one-step errors (periods after the first demand); returns their
 * sum of squares.  NaN and *nerr = 0 if y has no demand.
 */
extern double croston_filter(const double *y, size_t n, double alpha, bool sba,
							 double *forecast, size_t *nerr);

/*
 * Fit one form to y[0..n) (the values must be finite, |y| <= 1e100): the
 * forms nested in it are fitted first to seed it, so the fit is the one
 * the automatic choice computes for that form.  FORECAST_TOO_SHORT if the
 * form needs more observations.
 */
extern ForecastStatus ets_fit(const double *y, size_t n, EtsForm form, EtsFit *fit);

#endif							/* FMS_FORECAST_H */
