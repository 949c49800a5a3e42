/*-------------------------------------------------------------------------
 * forecast.c
 *	  Demand forecasting: exponential smoothing, Croston/SBA, the method
 *	  rule and the rolling-origin backtest; see forecast.h.
 *
 * Every fit works on the series multiplied by a power of two (exact) that
 * brings max |y| into [0.5, 1), so that neither huge nor tiny values
 * overflow or underflow on the way; results are scaled back at the end.
 *
 * IDENTIFICATION
 *	  src/forecast.c
 *-------------------------------------------------------------------------
 */
#include "forecast.h"

#include <float.h>
#include <math.h>
#include <string.h>

#define M FORECAST_PERIOD

#define PHI_LO		0.8
#define PHI_HI		0.98

/* Free initial-state directions: level, trend, m - 1 seasonals. */
#define MAX_FREE	(2 + M - 1)
#define MAX_RUNS	(MAX_FREE + 1)
#define MAX_DIM		4			/* alpha, beta, gamma, phi */

/* SSE floor per observation in the scaled series (max |y| < 1). */
#define SSE_FLOOR	1e-20

/* Optimiser settings (ets_fit_scaled) */
#define STARTS		3			/* Nelder-Mead starts */
#define FTOL		1e-8		/* Nelder-Mead: values agree to this */
#define COARSE_FTOL	1e-4		/* the coarse look from the other starts */
#define COARSE_EVALS(dim) (20 + 15 * (dim))
#define COARSE_GAIN	1e-6		/* a basin this much lower is refined */
#define RESTART_STEP 0.1

#define CROSTON_ALPHA_LO	0.05
#define CROSTON_ALPHA_HI	0.30
#define CROSTON_ALPHA_NONE	0.10

static const EtsForm ets_forms[FORECAST_ETS_FORMS] = {
	{ETS_TREND_NONE, false},
	{ETS_TREND_ADDITIVE, false},
	{ETS_TREND_DAMPED, false},
	{ETS_TREND_NONE, true},
	{ETS_TREND_ADDITIVE, true},
	{ETS_TREND_DAMPED, true}
};

/* ---------------------------------------------------------------------
 * The normal quantile
 * ---------------------------------------------------------------------
 */

/*
 * Acklam's rational approximation (relative error 1.15e-9) for the lower
 * half, then one Halley step on erfc, which brings it to about 1e-15.
 */
static double
lower_quantile(double p)
{
	static const double a[6] = {-3.969683028665376e+01, 2.209460984245205e+02,
		-2.759285104469687e+02, 1.383577518672690e+02,
	-3.066479806614716e+01, 2.506628277459239e+00};
	static const double b[5] = {-5.447609879822406e+01, 1.615858368580409e+02,
		-1.556989798598866e+02, 6.680131188771972e+01,
	-1.328068155288572e+01};
	static const double c[6] = {-7.784894002430293e-03, -3.223964580411365e-01,
		-2.400758277161838e+00, -2.549732539343734e+00,
	4.374664141464968e+00, 2.938163982698783e+00};
	static const double d[4] = {7.784695709041462e-03, 3.224671290700398e-01,
	2.445134137142996e+00, 3.754408661907416e+00};
	double		x,
				q,
				r,
				e,
				u;

	if (p < 0.02425)
	{
		q = sqrt(-2.0 * log(p));
		x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
			((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1.0);
	}
	else
	{
		q = p - 0.5;
		r = q * q;
		x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
			(((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1.0);
	}
	/* Halley: Phi(x) - p over the density. */
	e = 0.5 * erfc(-x / sqrt(2.0)) - p;
	u = e * sqrt(2.0 * 3.14159265358979323846) * exp(x * x / 2.0);
	return x - u / (1.0 + x * u / 2.0);
}

double
forecast_normal_quantile(double p)
{
	if (!(p > 0.0 && p < 1.0))
		return NAN;
	if (p == 0.5)
		return 0.0;
	/* 1 - p is exact for p >= 0.5 */
	return p < 0.5 ? lower_quantile(p) : -lower_quantile(1.0 - p);
}

/* z for a central interval of coverage level, computed from the tail. */
static double
interval_z(double level)
{
	return -forecast_normal_quantile((1.0 - level) / 2.0);
}

/* ---------------------------------------------------------------------
 * ETS recursions
 * ---------------------------------------------------------------------
 */

const char *
ets_form_name(EtsForm form)
{
	static const char *const names[2][3] = {
		{"ETS(A,N,N)", "ETS(A,A,N)", "ETS(A,Ad,N)"},
		{"ETS(A,N,A)", "ETS(A,A,A)", "ETS(A,Ad,A)"}
	};

	return names[form.seasonal ? 1 : 0][form.trend];
}

int
ets_parameter_count(EtsForm form)
{
	int			k = 2;			/* alpha, level */

	if (form.trend != ETS_TREND_NONE)
		k += 2;					/* beta, trend */
	if (form.trend == ETS_TREND_DAMPED)
		k += 1;					/* phi */
	if (form.seasonal)
		k += 1 + (M - 1);		/* gamma, seasonals */
	return k;
}

/* Whether the form may be fitted to n observations (forecast.h). */
static bool
ets_form_allowed(EtsForm form, size_t n)
{
	size_t		k = (size_t) ets_parameter_count(form);

	if (form.seasonal && n < 2 * M + 2)
		return false;
	return n >= k + 2;
}

/* The parameters with those outside the form neutralised. */
static EtsParams
ets_effective(EtsForm form, const EtsParams *params)
{
	EtsParams	c;

	c.alpha = params->alpha;
	c.beta = form.trend == ETS_TREND_NONE ? 0.0 : params->beta;
	c.gamma = form.seasonal ? params->gamma : 0.0;
	c.phi = form.trend == ETS_TREND_DAMPED ? params->phi : 1.0;
	return c;
}

static inline double
square(double x)
{
	return x * x;
}

/* The state with components outside the form set to zero. */
static void
ets_clean_state(EtsForm form, EtsState *state)
{
	if (form.trend == ETS_TREND_NONE)
		state->trend = 0.0;
	if (!form.seasonal)
		memset(state->season, 0, sizeof(state->season));
}

double
ets_step(EtsForm form, const EtsParams *params, EtsState *state, double y, double *error)
{
	EtsParams	c = ets_effective(form, params);
	double		bd,
				f,
				e,
				s;
	int			j;

	ets_clean_state(form, state);
	bd = c.phi * state->trend;
	f = state->level + bd + state->season[0];
	e = y - f;
	state->level = state->level + bd + c.alpha * e;
	state->trend = bd + c.beta * e;
	s = state->season[0] + c.gamma * e;
	for (j = 0; j < M - 1; j++)
		state->season[j] = state->season[j + 1];
	state->season[M - 1] = s;
	if (error)
		*error = e;
	return f;
}

/*
 * The recursions over y[0..n) times scale, with the seasonals in a ring
 * (slot t mod m holds the component of y[t]).  The same arithmetic as
 * ets_step, in the same order.
 */
static double
filter_core(const EtsParams *c, EtsState *state, const double *y, size_t n,
			double scale, double *fitted)
{
	double		l = state->level;
	double		b = state->trend;
	double		s[M];
	double		sse = 0.0;
	size_t		t;
	int			j = 0,
				i;

	memcpy(s, state->season, sizeof(s));
	for (t = 0; t < n; t++)
	{
		double		bd = c->phi * b;
		double		f = l + bd + s[j];
		double		e = y[t] * scale - f;

		if (fitted)
			fitted[t] = f;
		l = l + bd + c->alpha * e;
		b = bd + c->beta * e;
		s[j] = s[j] + c->gamma * e;
		sse += e * e;
		if (++j == M)
			j = 0;
	}
	state->level = l;
	state->trend = b;
	for (i = 0; i < M; i++)
		state->season[i] = s[(j + i) % M];
	return sse;
}

double
ets_filter(EtsForm form, const EtsParams *params, EtsState *state,
		   const double *y, size_t n, double *fitted)
{
	EtsParams	c = ets_effective(form, params);

	ets_clean_state(form, state);
	return filter_core(&c, state, y, n, 1.0, fitted);
}

double
ets_variance_factor(EtsForm form, const EtsParams *params, int h)
{
	EtsParams	c = ets_effective(form, params);
	double		factor = 1.0;
	double		phisum = 0.0;
	double		phipow = 1.0;
	int			j;

	for (j = 1; j < h; j++)
	{
		double		cj;

		phipow *= c.phi;
		phisum += phipow;
		cj = c.alpha + c.beta * phisum + (j % M == 0 ? c.gamma : 0.0);
		factor += cj * cj;
	}
	return factor;
}

/* Forecasts with half-widths z sigma_h, from a clean state. */
static void
ets_forecast_core(const EtsParams *c, const EtsState *state, double sigma2,
				  double z, int horizon, double *point, double *half)
{
	double		phisum = 0.0;
	double		phipow = 1.0;
	double		factor = 1.0;
	int			h;

	for (h = 1; h <= horizon; h++)
	{
		double		cj;

		if (h > 1)
		{
			/* c_{h-1}: phisum holds phi + ... + phi^(h-1) */
			cj = c->alpha + c->beta * phisum + ((h - 1) % M == 0 ? c->gamma : 0.0);
			factor += cj * cj;
		}
		phipow *= c->phi;
		phisum += phipow;
		point[h - 1] = state->level + phisum * state->trend + state->season[(h - 1) % M];
		half[h - 1] = z * sqrt(sigma2 * factor);
	}
}

void
ets_forecast(EtsForm form, const EtsParams *params, const EtsState *state,
			 double sigma2, double level, int horizon,
			 double *point, double *lower, double *upper)
{
	EtsParams	c = ets_effective(form, params);
	EtsState	st = *state;
	double		half[FORECAST_MAX_HORIZON];
	double		z = (level > 0.0 && level < 1.0) ? interval_z(level) : NAN;
	int			h;

	if (horizon > FORECAST_MAX_HORIZON)
		horizon = FORECAST_MAX_HORIZON;
	ets_clean_state(form, &st);
	ets_forecast_core(&c, &st, sigma2, z, horizon, point, half);
	for (h = 0; h < horizon; h++)
	{
		lower[h] = point[h] - half[h];
		upper[h] = point[h] + half[h];
	}
}

/* ---------------------------------------------------------------------
 * ETS fitting
 * ---------------------------------------------------------------------
 */

/* The series y times scale, and what the least squares need. */
typedef struct EtsProblem
{
	const double *y;
	size_t		n;
	double		scale;
	EtsForm		form;
	int			nfree;			/* free initial-state directions */
	EtsState	base;			/* the baseline initial state */
	EtsState	dir[MAX_FREE];	/* the directions */
} EtsProblem;

static void
ets_problem_init(EtsProblem *pr, const double *y, size_t n, double scale, EtsForm form)
{
	size_t		first = n < M ? n : M;
	size_t		t;
	double		mean = 0.0;
	int			j;

	memset(pr, 0, sizeof(*pr));
	pr->y = y;
	pr->n = n;
	pr->scale = scale;
	pr->form = form;

	/* Baseline: the first season's mean and its deviations from it. */
	for (t = 0; t < first; t++)
		mean += y[t] * scale;
	mean = first > 0 ? mean / (double) first : 0.0;
	pr->base.level = mean;
	if (form.seasonal)
	{
		double		sum = 0.0;

		for (j = 0; j < M; j++)
		{
			pr->base.season[j] = (size_t) j < first ? y[j] * scale - mean : 0.0;
			sum += pr->base.season[j];
		}
		for (j = 0; j < M; j++)
			pr->base.season[j] -= sum / M;
	}

	pr->dir[pr->nfree++].level = 1.0;
	if (form.trend != ETS_TREND_NONE)
		pr->dir[pr->nfree++].trend = 1.0;
	if (form.seasonal)
		for (j = 0; j < M - 1; j++)
		{
			pr->dir[pr->nfree].season[j] = 1.0;
			pr->dir[pr->nfree].season[M - 1] = -1.0;
			pr->nfree++;
		}
}

/*
 * Solve (A + ridge) x = rhs for the symmetric p x p matrix whose upper
 * triangle is in a, by Cholesky.  False if it is not positive definite
 * or not finite.
 */
static bool
solve_spd(double a[MAX_FREE][MAX_FREE], const double *rhs, int p, double *x)
{
	double		l[MAX_FREE][MAX_FREE];
	double		w[MAX_FREE];
	double		maxdiag = 0.0;
	double		ridge;
	int			i,
				j,
				k;

	for (i = 0; i < p; i++)
		if (a[i][i] > maxdiag)
			maxdiag = a[i][i];
	if (!(maxdiag > 0.0) || !isfinite(maxdiag))
		return false;
	ridge = 1e-10 * maxdiag;
	for (j = 0; j < p; j++)
	{
		double		d = a[j][j] + ridge;

		for (k = 0; k < j; k++)
			d -= l[j][k] * l[j][k];
		if (!(d > 0.0) || !isfinite(d))
			return false;
		l[j][j] = sqrt(d);
		for (i = j + 1; i < p; i++)
		{
			double		s = a[j][i];

			for (k = 0; k < j; k++)
				s -= l[i][k] * l[j][k];
			l[i][j] = s / l[j][j];
		}
	}
	for (i = 0; i < p; i++)
	{
		double		s = rhs[i];

		for (k = 0; k < i; k++)
			s -= l[i][k] * w[k];
		w[i] = s / l[i][i];
	}
	for (i = p - 1; i >= 0; i--)
	{
		double		s = w[i];

		for (k = i + 1; k < p; k++)
			s -= l[k][i] * x[k];
		x[i] = s / l[i][i];
	}
	for (i = 0; i < p; i++)
		if (!isfinite(x[i]))
			return false;
	return true;
}

/*
 * The SSE at the best initial state for the (effective) parameters c,
 * which it writes to *init (scaled).  The one-step errors are affine in the
 * initial state: run 0 starts from the baseline with the data, run i + 1
 * from direction i with zero data, so e(base + sum d_i dir_i) = r + E d,
 * and d solves E'E d = -E'r, accumulated on the way.  The SSE comes from
 * the normal equations, or if exact (or they cancel) from a plain run from
 * *init.  DBL_MAX if anything is not finite.
 */
static double
ets_concentrated_sse(const EtsProblem *pr, const EtsParams *c, bool exact, EtsState *init)
{
	double		l[MAX_RUNS],
				b[MAX_RUNS],
				s[MAX_RUNS][M],
				e[MAX_RUNS];
	double		a[MAX_FREE][MAX_FREE];
	double		g[MAX_FREE],
				d[MAX_FREE];
	int			runs = pr->nfree + 1;
	int			p = pr->nfree;
	int			i,
				k,
				j = 0;
	size_t		t;
	EtsState	st;
	double		sse,
				rr = 0.0;
	bool		solved;

	memset(a, 0, sizeof(a));
	memset(g, 0, sizeof(g));
	for (k = 0; k < runs; k++)
	{
		const EtsState *from = k == 0 ? &pr->base : &pr->dir[k - 1];

		l[k] = from->level;
		b[k] = from->trend;
		memcpy(s[k], from->season, sizeof(s[k]));
	}
	for (t = 0; t < pr->n; t++)
	{
		for (k = 0; k < runs; k++)
		{
			double		bd = c->phi * b[k];
			double		f = l[k] + bd + s[k][j];
			double		ek = (k == 0 ? pr->y[t] * pr->scale : 0.0) - f;

			l[k] = l[k] + bd + c->alpha * ek;
			b[k] = bd + c->beta * ek;
			s[k][j] = s[k][j] + c->gamma * ek;
			e[k] = ek;
		}
		rr += e[0] * e[0];
		for (i = 0; i < p; i++)
		{
			g[i] -= e[i + 1] * e[0];
			for (k = i; k < p; k++)
				a[i][k] += e[i + 1] * e[k + 1];
		}
		if (++j == M)
			j = 0;
	}

	st = pr->base;
	solved = solve_spd(a, g, p, d);
	if (solved)
		for (i = 0; i < p; i++)
		{
			const EtsState *dir = &pr->dir[i];

			st.level += d[i] * dir->level;
			st.trend += d[i] * dir->trend;
			for (k = 0; k < M; k++)
				st.season[k] += d[i] * dir->season[k];
		}
	*init = st;
	if (!exact && solved)
	{
		/*
		 * |r + E d|^2 = r'r + d'(2 E'r + E'E d) = r'r - d'g + ridge term;
		 * trusted unless it cancels to under 1e-6 of r'r.
		 */
		sse = rr;
		for (i = 0; i < p; i++)
			sse -= d[i] * g[i];
		if (sse > 1e-6 * rr && isfinite(sse))
			return sse;
	}
	/* the SSE from a plain run */
	sse = filter_core(c, &st, pr->y, pr->n, pr->scale, NULL);
	if (!isfinite(sse) || !isfinite(st.level) || !isfinite(st.trend))
		return DBL_MAX;
	for (k = 0; k < M; k++)
		if (!isfinite(st.season[k]))
			return DBL_MAX;
	return sse;
}

/*
 * The logistic function, flat beyond |u| = logit(1 - SHARE_EPS): so a
 * share lies in [SHARE_EPS, 1 - SHARE_EPS], and the objective is exactly
 * flat past the bounds, where the simplex then stops chasing it.
 */
#define SHARE_EPS	1e-4

#define U_BOUND		9.2102403669758495	/* logit(1 - SHARE_EPS) */

static double
clamp_u(double u)
{
	return u > U_BOUND ? U_BOUND : u < -U_BOUND ? -U_BOUND : u;
}

static double
logistic(double u)
{
	return 1.0 / (1.0 + exp(-clamp_u(u)));
}

static double
logit(double x)
{
	return log(x / (1.0 - x));
}

static int
ets_dim(EtsForm form)
{
	return 1 + (form.trend != ETS_TREND_NONE) + (form.seasonal ? 1 : 0) +
		(form.trend == ETS_TREND_DAMPED);
}

/*
 * u (unbounded) to parameters within the bounds of forecast.h: alpha,
 * beta / alpha and gamma / (1 - alpha) in [1e-4, 1 - 1e-4] (ETSModel's
 * box), phi in [0.8, 0.98].
 */
static EtsParams
ets_params_from_u(EtsForm form, const double *u)
{
	EtsParams	p;
	int			i = 0;

	p.alpha = logistic(u[i++]);
	p.beta = 0.0;
	p.gamma = 0.0;
	p.phi = 1.0;
	if (form.trend != ETS_TREND_NONE)
		p.beta = p.alpha * logistic(u[i++]);
	if (form.seasonal)
		p.gamma = (1.0 - p.alpha) * logistic(u[i++]);
	if (form.trend == ETS_TREND_DAMPED)
		p.phi = PHI_LO + (PHI_HI - PHI_LO) *
			(logistic(u[i++]) - SHARE_EPS) / (1.0 - 2.0 * SHARE_EPS);
	return p;
}

static double
ets_objective(const EtsProblem *pr, const double *u)
{
	EtsParams	c = ets_params_from_u(pr->form, u);
	EtsState	init;

	return ets_concentrated_sse(pr, &c, false, &init);
}

/*
 * Nelder-Mead (reflection 1, expansion 2, contraction 1/2, shrink 1/2)
 * from u, whose value is fu, with an axis simplex of the given step.
 * Stops when the values on the simplex agree to ftol or after max_evals.
 * Leaves the best point in u and returns its value.
 */
static double
nelder_mead(const EtsProblem *pr, int dim, double *u, double fu, double step,
			double ftol, int max_evals)
{
	double		x[MAX_DIM + 1][MAX_DIM];
	double		f[MAX_DIM + 1];
	double		cen[MAX_DIM],
				xr[MAX_DIM],
				xe[MAX_DIM],
				xc[MAX_DIM];
	double		fr,
				fe,
				fc;
	int			evals = 0;
	int			i,
				j;

	memcpy(x[0], u, sizeof(double) * dim);
	f[0] = fu;
	for (i = 1; i <= dim; i++)
	{
		/* step inwards: beyond the bounds the objective is flat */
		memcpy(x[i], u, sizeof(double) * dim);
		x[i][i - 1] += u[i - 1] > 0.0 ? -step : step;
		f[i] = ets_objective(pr, x[i]);
		evals++;
	}
	for (;;)
	{
		/* order the vertices by value (insertion sort, at most 5) */
		for (i = 1; i <= dim; i++)
		{
			double		fv = f[i];
			double		xv[MAX_DIM];

			memcpy(xv, x[i], sizeof(double) * dim);
			for (j = i - 1; j >= 0 && f[j] > fv; j--)
			{
				f[j + 1] = f[j];
				memcpy(x[j + 1], x[j], sizeof(double) * dim);
			}
			f[j + 1] = fv;
			memcpy(x[j + 1], xv, sizeof(double) * dim);
		}
		if (evals >= max_evals ||
			f[dim] - f[0] <= ftol * (f[0] + SSE_FLOOR * (double) pr->n))
			break;

		for (j = 0; j < dim; j++)
		{
			cen[j] = 0.0;
			for (i = 0; i < dim; i++)
				cen[j] += x[i][j];
			cen[j] /= dim;
			xr[j] = cen[j] + (cen[j] - x[dim][j]);
		}
		fr = ets_objective(pr, xr);
		evals++;
		if (fr < f[0])
		{
			for (j = 0; j < dim; j++)
				xe[j] = cen[j] + 2.0 * (cen[j] - x[dim][j]);
			fe = ets_objective(pr, xe);
			evals++;
			if (fe < fr)
			{
				memcpy(x[dim], xe, sizeof(double) * dim);
				f[dim] = fe;
			}
			else
			{
				memcpy(x[dim], xr, sizeof(double) * dim);
				f[dim] = fr;
			}
			continue;
		}
		if (fr < f[dim - 1])
		{
			memcpy(x[dim], xr, sizeof(double) * dim);
			f[dim] = fr;
			continue;
		}
		if (fr < f[dim])
		{
			/* outside contraction */
			for (j = 0; j < dim; j++)
				xc[j] = cen[j] + 0.5 * (xr[j] - cen[j]);
			fc = ets_objective(pr, xc);
			evals++;
			if (fc <= fr)
			{
				memcpy(x[dim], xc, sizeof(double) * dim);
				f[dim] = fc;
				continue;
			}
		}
		else
		{
			/* inside contraction */
			for (j = 0; j < dim; j++)
				xc[j] = cen[j] + 0.5 * (x[dim][j] - cen[j]);
			fc = ets_objective(pr, xc);
			evals++;
			if (fc < f[dim])
			{
				memcpy(x[dim], xc, sizeof(double) * dim);
				f[dim] = fc;
				continue;
			}
		}
		/* shrink towards the best */
		for (i = 1; i <= dim; i++)
		{
			for (j = 0; j < dim; j++)
				x[i][j] = x[0][j] + 0.5 * (x[i][j] - x[0][j]);
			f[i] = ets_objective(pr, x[i]);
			evals++;
		}
	}
	/* a point beyond the bounds is the same as its projection on them */
	for (j = 0; j < dim; j++)
		u[j] = clamp_u(x[0][j]);
	return f[0];
}

/* Parameters back to u (the inverse of ets_params_from_u, clamped). */
static double
clamp_share(double x)
{
	return x < SHARE_EPS ? SHARE_EPS : x > 1.0 - SHARE_EPS ? 1.0 - SHARE_EPS : x;
}

static void
ets_u_from_params(EtsForm form, const EtsParams *p, double *u)
{
	int			i = 0;

	u[i++] = logit(clamp_share(p->alpha));
	if (form.trend != ETS_TREND_NONE)
		u[i++] = logit(clamp_share(p->beta / p->alpha));
	if (form.seasonal)
		u[i++] = logit(clamp_share(p->gamma / (1.0 - p->alpha)));
	if (form.trend == ETS_TREND_DAMPED)
	{
		double		phi = p->phi < PHI_LO ? PHI_LO : p->phi > PHI_HI ? PHI_HI : p->phi;

		u[i++] = logit(SHARE_EPS + (1.0 - 2.0 * SHARE_EPS) * (phi - PHI_LO) / (PHI_HI - PHI_LO));
	}
}

/* The best starts so far, in order. */
typedef struct EtsStarts
{
	int			count;
	double		f[STARTS];
	double		u[STARTS][MAX_DIM];
} EtsStarts;

static void
offer_start(const EtsProblem *pr, EtsStarts *starts, const double *u)
{
	double		f = ets_objective(pr, u);
	int			i;

	if (f == DBL_MAX)
		return;
	if (starts->count < STARTS)
		starts->count++;
	else if (f >= starts->f[STARTS - 1])
		return;
	for (i = starts->count - 1; i > 0 && starts->f[i - 1] > f; i--)
	{
		starts->f[i] = starts->f[i - 1];
		memcpy(starts->u[i], starts->u[i - 1], sizeof(starts->u[i]));
	}
	starts->f[i] = f;
	memcpy(starts->u[i], u, sizeof(starts->u[i]));
}

/*
 * Fit form to y[0..n) times scale.  The fit is left in scaled units (the
 * caller scales it back).  False if the form needs more observations or
 * (which the bounds make unlikely) no parameters gave a finite SSE.
 *
 * Starts: a grid of alpha and of the shares beta / alpha and gamma /
 * (1 - alpha), of phi (0.85, 0.95), and the optima of the nested forms already
 * fitted (seeds; a missing share at its lower bound, a missing damping at
 * phi = 0.98).  Nelder-Mead (restarted from its answer until it stops
 * improving) from the best start, and a coarse Nelder-Mead from the next
 * STARTS - 1, refined only if it finds a lower basin: the SSE often has
 * minima in more than one corner of the parameter box.
 */
static bool
ets_fit_scaled(const double *y, size_t n, double scale, EtsForm form,
			   const EtsParams *seeds, int nseeds, EtsFit *fit)
{
	static const double alphas[5] = {0.02, 0.1, 0.3, 0.6, 0.9};
	static const double shares[3] = {0.02, 0.3, 0.95};
	static const double phis[2] = {0.85, 0.95};
	EtsProblem	pr;
	EtsStarts	starts;
	int			dim = ets_dim(form);
	int			k = ets_parameter_count(form);
	int			nb = form.trend != ETS_TREND_NONE ? 3 : 1;
	int			ng = form.seasonal ? 3 : 1;
	int			np = form.trend == ETS_TREND_DAMPED ? 2 : 1;
	double		u[MAX_DIM],
				best_u[MAX_DIM];
	double		best = DBL_MAX;
	double		f,
				sse_floor;
	int			ia,
				ib,
				ig,
				ip,
				i,
				run;
	EtsParams	p;

	memset(fit, 0, sizeof(*fit));
	if (!ets_form_allowed(form, n))
		return false;
	ets_problem_init(&pr, y, n, scale, form);

	starts.count = 0;
	for (ia = 0; ia < 5; ia++)
		for (ib = 0; ib < nb; ib++)
			for (ig = 0; ig < ng; ig++)
				for (ip = 0; ip < np; ip++)
				{
					i = 0;
					u[i++] = logit(alphas[ia]);
					if (form.trend != ETS_TREND_NONE)
						u[i++] = logit(shares[ib]);
					if (form.seasonal)
						u[i++] = logit(shares[ig]);
					if (form.trend == ETS_TREND_DAMPED)
						u[i++] = logit(SHARE_EPS + (1.0 - 2.0 * SHARE_EPS) *
									   (phis[ip] - PHI_LO) / (PHI_HI - PHI_LO));
					offer_start(&pr, &starts, u);
				}
	for (i = 0; i < nseeds; i++)
	{
		ets_u_from_params(form, &seeds[i], u);
		offer_start(&pr, &starts, u);
	}
	if (starts.count == 0)
		return false;

	for (i = 0; i < (dim == 1 ? 1 : starts.count); i++)
	{
		double		fi = starts.f[i];

		memcpy(u, starts.u[i], sizeof(u));
		if (i > 0)
		{
			/* a coarse look first: refine only a better basin */
			fi = nelder_mead(&pr, dim, u, fi, 1.0, COARSE_FTOL, COARSE_EVALS(dim));
			if (fi >= best * (1.0 - COARSE_GAIN))
				continue;
		}
		for (run = 0; run < 4; run++)
		{
			f = nelder_mead(&pr, dim, u, fi, run == 0 && i == 0 ? 1.0 : RESTART_STEP,
							FTOL, 100 + 60 * dim);
			if (f >= fi * (1.0 - 1e-7))
			{
				fi = f < fi ? f : fi;
				break;
			}
			fi = f;
		}
		if (fi < best)
		{
			best = fi;
			memcpy(best_u, u, sizeof(u));
		}
	}

	p = ets_params_from_u(form, best_u);
	fit->form = form;
	fit->params = p;
	fit->n = n;
	fit->k = k;
	fit->sse = ets_concentrated_sse(&pr, &p, true, &fit->initial);
	if (fit->sse == DBL_MAX)
		return false;
	fit->final = fit->initial;
	(void) filter_core(&p, &fit->final, y, n, scale, NULL);
	fit->sigma2 = fit->sse / (double) (n - (size_t) k);
	sse_floor = SSE_FLOOR * (double) n;
	fit->aicc = (double) n * log((fit->sse > sse_floor ? fit->sse : sse_floor) / (double) n) +
		2.0 * k + 2.0 * k * (k + 1) / (double) (n - (size_t) k - 1);
	return true;
}

/* ---------------------------------------------------------------------
 * Scaling
 * ---------------------------------------------------------------------
 */

/* A power of two bringing max |y[0..n)| into [0.5, 1); 1 for zeros. */
static double
series_scale(const double *y, size_t n)
{
	double		maxabs = 0.0;
	size_t		t;
	int			e;

	for (t = 0; t < n; t++)
		if (fabs(y[t]) > maxabs)
			maxabs = fabs(y[t]);
	if (maxabs == 0.0)
		return 1.0;
	(void) frexp(maxabs, &e);
	if (e < -1000)
		e = -1000;
	return ldexp(1.0, -e);
}

static void
state_times(EtsState *st, double factor)
{
	int			j;

	st->level *= factor;
	st->trend *= factor;
	for (j = 0; j < M; j++)
		st->season[j] *= factor;
}

/* From scaled units back to the series' own. */
static void
ets_fit_unscale(EtsFit *fit, double scale)
{
	double		inv = 1.0 / scale;

	state_times(&fit->initial, inv);
	state_times(&fit->final, inv);
	fit->sse *= inv * inv;
	fit->sigma2 *= inv * inv;
	/* n log(SSE/n) moves by -2 n log(scale) */
	fit->aicc -= 2.0 * (double) fit->n * log(scale);
}

/* Whether a is nested in b (b with some parameters at a bound is a). */
static bool
ets_nested(EtsForm a, EtsForm b)
{
	return a.trend <= b.trend && (!a.seasonal || b.seasonal);
}

/*
 * Fit the allowed forms of ets_forms[] (only those nested in *only, if
 * only is not NULL) in order, each seeded with the optima of the forms
 * fitted before that are nested in it.  Scaled units.
 */
static void
ets_fit_forms(const double *y, size_t n, double scale, const EtsForm *only,
			  EtsFit fits[FORECAST_ETS_FORMS], bool ok[FORECAST_ETS_FORMS])
{
	EtsParams	seeds[FORECAST_ETS_FORMS];
	int			i,
				j,
				nseeds;

	for (i = 0; i < FORECAST_ETS_FORMS; i++)
	{
		ok[i] = false;
		if (only && !ets_nested(ets_forms[i], *only))
			continue;
		nseeds = 0;
		for (j = 0; j < i; j++)
			if (ok[j] && ets_nested(ets_forms[j], ets_forms[i]))
				seeds[nseeds++] = fits[j].params;
		ok[i] = ets_fit_scaled(y, n, scale, ets_forms[i], seeds, nseeds, &fits[i]);
	}
}

ForecastStatus
ets_fit(const double *y, size_t n, EtsForm form, EtsFit *fit)
{
	EtsFit		fits[FORECAST_ETS_FORMS];
	bool		ok[FORECAST_ETS_FORMS];
	double		scale = series_scale(y, n);
	int			i;

	memset(fit, 0, sizeof(*fit));
	ets_fit_forms(y, n, scale, &form, fits, ok);
	for (i = 0; i < FORECAST_ETS_FORMS; i++)
		if (ets_forms[i].trend == form.trend && ets_forms[i].seasonal == form.seasonal)
		{
			if (!ok[i])
				return FORECAST_TOO_SHORT;
			*fit = fits[i];
			ets_fit_unscale(fit, scale);
			return FORECAST_OK;
		}
	return FORECAST_TOO_SHORT;
}

/* ---------------------------------------------------------------------
 * Croston and SBA
 * ---------------------------------------------------------------------
 */

static double croston_run_abs(const double *y, size_t n, double scale, size_t first,
							  double alpha, bool sba, size_t *nerr, double *forecast,
							  double *abs_sum);

/*
 * Run Croston's recursions from the first demand (at index first) with
 * alpha; factor is 1 (Croston) or 1 - alpha / 2 (SBA).  Returns the sum of
 * squared one-step errors over the periods after the first demand, their
 * number in *nerr, and the final forecast in *forecast.
 */
static double
croston_run(const double *y, size_t n, double scale, size_t first, double alpha,
			bool sba, size_t *nerr, double *forecast)
{
	return croston_run_abs(y, n, scale, first, alpha, sba, nerr, forecast, NULL);
}

/* croston_run, also summing the absolute one-step errors into *abs_sum. */
static double
croston_run_abs(const double *y, size_t n, double scale, size_t first, double alpha,
				bool sba, size_t *nerr, double *forecast, double *abs_sum)
{
	double		factor = sba ? 1.0 - alpha / 2.0 : 1.0;
	double		z = y[first] * scale;
	double		p = (double) (first + 1);
	size_t		last = first;
	size_t		t;
	double		sse = 0.0;

	for (t = first + 1; t < n; t++)
	{
		double		v = y[t] * scale;
		double		e = v - factor * z / p;

		sse += e * e;
		if (abs_sum)
			*abs_sum += fabs(e);
		if (y[t] != 0.0)
		{
			z += alpha * (v - z);
			p += alpha * ((double) (t - last) - p);
			last = t;
		}
	}
	*nerr = n - first - 1;
	*forecast = factor * z / p;
	return sse;
}

double
croston_filter(const double *y, size_t n, double alpha, bool sba,
			   double *forecast, size_t *nerr)
{
	size_t		first;

	for (first = 0; first < n && y[first] == 0.0; first++)
		;
	if (first == n)
	{
		*forecast = 0.0;
		*nerr = 0;
		return NAN;
	}
	return croston_run(y, n, 1.0, first, alpha, sba, nerr, forecast);
}

/* alpha in [0.05, 0.3] minimising the one-step SSE (forecast.h). */
static double
croston_alpha(const double *y, size_t n, double scale, size_t first, bool sba)
{
	const double golden = 0.6180339887498949;
	double		best_alpha = CROSTON_ALPHA_LO;
	double		best = DBL_MAX;
	double		lo,
				hi,
				x1,
				x2,
				f1,
				f2,
				fcast;
	size_t		nerr;
	int			i;

	if (first + 1 >= n)
		return CROSTON_ALPHA_NONE;
	for (i = 0; i <= 25; i++)
	{
		double		alpha = CROSTON_ALPHA_LO + 0.01 * i;
		double		sse = croston_run(y, n, scale, first, alpha, sba, &nerr, &fcast);

		if (sse < best)
		{
			best = sse;
			best_alpha = alpha;
		}
	}
	lo = best_alpha - 0.01 > CROSTON_ALPHA_LO ? best_alpha - 0.01 : CROSTON_ALPHA_LO;
	hi = best_alpha + 0.01 < CROSTON_ALPHA_HI ? best_alpha + 0.01 : CROSTON_ALPHA_HI;
	x1 = hi - golden * (hi - lo);
	x2 = lo + golden * (hi - lo);
	f1 = croston_run(y, n, scale, first, x1, sba, &nerr, &fcast);
	f2 = croston_run(y, n, scale, first, x2, sba, &nerr, &fcast);
	for (i = 0; i < 40; i++)
	{
		if (f1 <= f2)
		{
			hi = x2;
			x2 = x1;
			f2 = f1;
			x1 = hi - golden * (hi - lo);
			f1 = croston_run(y, n, scale, first, x1, sba, &nerr, &fcast);
		}
		else
		{
			lo = x1;
			x1 = x2;
			f1 = f2;
			x2 = lo + golden * (hi - lo);
			f2 = croston_run(y, n, scale, first, x2, sba, &nerr, &fcast);
		}
	}
	if (f1 < best)
	{
		best = f1;
		best_alpha = x1;
	}
	if (f2 < best)
		best_alpha = x2;
	return best_alpha;
}

/* ---------------------------------------------------------------------
 * The driver
 * ---------------------------------------------------------------------
 */

static const char *
method_name(ForecastMethod method)
{
	switch (method)
	{
		case FORECAST_SBA:
			return "sba";
		case FORECAST_CROSTON:
			return "croston";
		case FORECAST_NAIVE_SEASONAL:
			return "naive_seasonal";
		case FORECAST_ZERO:
			return "zero";
		case FORECAST_NAIVE:
			return "naive";
		case FORECAST_MEAN:
			return "mean";
		case FORECAST_ETS:
			return "ets";
		case FORECAST_AUTO:
		default:
			return "auto";
	}
}

bool
forecast_method_parse(const char *name, size_t len, ForecastMethod *method)
{
	static const ForecastMethod forceable[] = {
		FORECAST_AUTO, FORECAST_ETS, FORECAST_SBA, FORECAST_CROSTON,
		FORECAST_NAIVE_SEASONAL
	};
	size_t		i;

	for (i = 0; i < sizeof(forceable) / sizeof(forceable[0]); i++)
	{
		const char *candidate = method_name(forceable[i]);

		if (strlen(candidate) == len && memcmp(candidate, name, len) == 0)
		{
			*method = forceable[i];
			return true;
		}
	}
	return false;
}

const char *
forecast_status_message(ForecastStatus status)
{
	switch (status)
	{
		case FORECAST_OK:
			return "ok";
		case FORECAST_EMPTY:
			return "the series is empty";
		case FORECAST_NOT_FINITE:
			return "the series holds a value that is not finite";
		case FORECAST_OUT_OF_RANGE:
			return "the series holds a value larger than 1e100 in magnitude";
		case FORECAST_BAD_HORIZON:
			return "the horizon must be between 1 and 12";
		case FORECAST_BAD_LEVEL:
			return "the interval level must be strictly between 0 and 1";
		case FORECAST_BAD_METHOD:
			return "unknown forecasting method";
		case FORECAST_BAD_ORIGINS:
			return "the number of origins must be at least 1";
		case FORECAST_TOO_SHORT:
			return "the series is too short for the method";
	}
	return "unknown status";
}

ForecastStatus
forecast_check_values(const double *y, size_t n, size_t *bad_index)
{
	size_t		t;

	for (t = 0; t < n; t++)
	{
		if (!isfinite(y[t]))
		{
			*bad_index = t;
			return FORECAST_NOT_FINITE;
		}
		if (fabs(y[t]) > FORECAST_MAX_ABS)
		{
			*bad_index = t;
			return FORECAST_OUT_OF_RANGE;
		}
	}
	return FORECAST_OK;
}

static ForecastStatus
check_arguments(ForecastMethod method, int horizon, const double *levels, int nlevels)
{
	int			i;

	if (horizon < 1 || horizon > FORECAST_MAX_HORIZON)
		return FORECAST_BAD_HORIZON;
	if (nlevels < 0 || nlevels > FORECAST_MAX_LEVELS || (nlevels > 0 && levels == NULL))
		return FORECAST_BAD_LEVEL;
	for (i = 0; i < nlevels; i++)
		if (!(levels[i] > 0.0 && levels[i] < 1.0))
			return FORECAST_BAD_LEVEL;
	if (method != FORECAST_AUTO && method != FORECAST_ETS && method != FORECAST_SBA &&
		method != FORECAST_CROSTON && method != FORECAST_NAIVE_SEASONAL)
		return FORECAST_BAD_METHOD;
	return FORECAST_OK;
}

static void
result_reset(ForecastResult *r, int horizon)
{
	int			h,
				i;

	memset(r, 0, sizeof(*r));
	r->horizon = horizon;
	for (h = 0; h < FORECAST_MAX_HORIZON; h++)
	{
		r->point[h] = r->sd[h] = NAN;
		for (i = 0; i < FORECAST_MAX_LEVELS; i++)
			r->lower[i][h] = r->upper[i][h] = NAN;
	}
	for (i = 0; i < FORECAST_MAX_LEVELS; i++)
		r->levels[i] = NAN;
	r->sigma2 = NAN;
	r->adi = NAN;
	r->croston_alpha = NAN;
}

void
forecast_interval(const ForecastResult *result, double level, double *lower, double *upper)
{
	bool		ok = result->has_interval && level > 0.0 && level < 1.0;
	double		z = ok ? interval_z(level) : NAN;
	int			h;

	for (h = 0; h < result->horizon; h++)
	{
		if (!ok)
		{
			lower[h] = upper[h] = NAN;
			continue;
		}
		lower[h] = result->point[h] - z * result->sd[h];
		upper[h] = result->point[h] + z * result->sd[h];
		if (result->clip_at_zero && lower[h] < 0.0)
			lower[h] = 0.0;
	}
}

/*
 * Points and error standard deviations in scaled units, back to the
 * series' own, and the intervals at the levels asked for.
 */
static void
result_set(ForecastResult *r, const double *point, const double *sd, bool clip,
		   double scale, const double *levels, int nlevels)
{
	double		inv = 1.0 / scale;
	int			h,
				i;

	r->clip_at_zero = clip;
	for (h = 0; h < r->horizon; h++)
	{
		r->point[h] = point[h] * inv;
		if (r->has_interval)
			r->sd[h] = sd[h] * inv;
	}
	r->nlevels = nlevels;
	for (i = 0; i < nlevels; i++)
	{
		r->levels[i] = levels[i];
		forecast_interval(r, levels[i], r->lower[i], r->upper[i]);
	}
}

static bool
all_finite(const double *v, int count)
{
	int			i;

	for (i = 0; i < count; i++)
		if (!isfinite(v[i]))
			return false;
	return true;
}

/* ETS: the AICc choice among the allowed forms, in scaled units. */
static bool
forecast_ets(const double *y, size_t n, double scale, const EtsForm *only, ForecastResult *r,
			 double *point, double *sd)
{
	EtsFit		fits[FORECAST_ETS_FORMS];
	bool		ok[FORECAST_ETS_FORMS];
	int			i;

	ets_fit_forms(y, n, scale, only, fits, ok);
	for (;;)
	{
		int			best = -1;

		for (i = 0; i < FORECAST_ETS_FORMS; i++)
			if (ok[i] && (best < 0 || fits[i].aicc < fits[best].aicc))
				best = i;
		if (best < 0)
			return false;
		ets_forecast_core(&fits[best].params, &fits[best].final, fits[best].sigma2,
						  1.0, r->horizon, point, sd);
		if (all_finite(point, r->horizon) && all_finite(sd, r->horizon))
		{
			r->ets = fits[best];
			ets_fit_unscale(&r->ets, scale);
			r->model = ets_form_name(r->ets.form);
			r->sigma2 = r->ets.sigma2;
			r->has_interval = true;
			return true;
		}
		ok[best] = false;
	}
}

/* Simple exponential smoothing: what Croston's method set out to improve on. */
static const EtsForm ses_form = {ETS_TREND_NONE, false};

/*
 * The rule's choice for an intermittent series: whether simple exponential
 * smoothing (ETS(A,N,N)) has a smaller mean absolute one-step error than
 * SBA over the periods after the first demand (in-sample, each with its
 * fitted parameters).
 */
static bool
ses_beats_sba(const double *y, size_t n, double scale, size_t first)
{
	EtsFit		fits[FORECAST_ETS_FORMS];
	bool		ok[FORECAST_ETS_FORMS];
	double		sba_abs = 0.0,
				ses_abs = 0.0,
				fcast;
	size_t		nerr,
				t;
	EtsState	state;

	if (first + 1 >= n)
		return false;
	(void) croston_run_abs(y, n, scale, first, croston_alpha(y, n, scale, first, true), true,
						   &nerr, &fcast, &sba_abs);
	ets_fit_forms(y, n, scale, &ses_form, fits, ok);
	if (!ok[0])
		return false;
	state = fits[0].initial;
	for (t = 0; t < n; t++)
	{
		double		error;

		(void) ets_step(ses_form, &fits[0].params, &state, y[t] * scale, &error);
		if (t > first)
			ses_abs += fabs(error);
	}
	return isfinite(ses_abs) && ses_abs < sba_abs;
}

ForecastStatus
forecast_series(const double *y, size_t n, ForecastMethod method, int horizon,
				const double *levels, int nlevels, ForecastResult *result)
{
	ForecastStatus status;
	double		point[FORECAST_MAX_HORIZON];
	double		sd[FORECAST_MAX_HORIZON];
	double		scale,
				inv;
	size_t		nonzero = 0,
				first = 0,
				t;
	bool		nonnegative = true;
	bool		clip = false;
	const EtsForm *ets_only = NULL;	/* the forms the ETS method may take */
	int			h;

	result_reset(result, horizon);
	status = check_arguments(method, horizon, levels, nlevels);
	if (status != FORECAST_OK)
		return status;
	if (n == 0)
		return FORECAST_EMPTY;
	status = forecast_check_values(y, n, &result->bad_index);
	if (status != FORECAST_OK)
		return status;

	for (t = n; t-- > 0;)
	{
		if (y[t] != 0.0)
		{
			nonzero++;
			first = t;
		}
		if (y[t] < 0.0)
			nonnegative = false;
	}
	if (nonzero > 0)
		result->adi = (double) n / (double) nonzero;
	scale = series_scale(y, n);
	inv = 1.0 / scale;

	if (method == FORECAST_AUTO)
	{
		if (nonzero == 0)
			method = FORECAST_ZERO;
		else if (n == 1)
			method = FORECAST_NAIVE;
		else if (n < M)
			method = FORECAST_MEAN;
		else if (result->adi < FORECAST_ADI_CUTOFF)
			method = FORECAST_ETS;
		else if (ses_beats_sba(y, n, scale, first))
		{
			method = FORECAST_ETS;
			ets_only = &ses_form;
		}
		else
			method = FORECAST_SBA;
	}
	else if (nonzero == 0)
		method = FORECAST_ZERO;
	else if ((method == FORECAST_ETS || method == FORECAST_NAIVE_SEASONAL) && n < M)
		return FORECAST_TOO_SHORT;

	/* from here on in scaled units */
	result->method = method;
	result->model = method_name(method);
	switch (method)
	{
		case FORECAST_ZERO:
			for (h = 0; h < horizon; h++)
				point[h] = sd[h] = 0.0;
			result->has_interval = true;
			break;

		case FORECAST_NAIVE:
			for (h = 0; h < horizon; h++)
				point[h] = y[0] * scale;
			break;

		case FORECAST_MEAN:
			{
				double		mean = 0.0,
							ss = 0.0;

				for (t = 0; t < n; t++)
					mean += y[t] * scale;
				mean /= (double) n;
				for (t = 0; t < n; t++)
					ss += (y[t] * scale - mean) * (y[t] * scale - mean);
				result->sigma2 = ss / (double) (n - 1) * inv * inv;
				for (h = 0; h < horizon; h++)
				{
					point[h] = mean;
					sd[h] = sqrt(ss / (double) (n - 1) * (1.0 + 1.0 / (double) n));
				}
				result->has_interval = true;
				clip = nonnegative;
			}
			break;

		case FORECAST_SBA:
		case FORECAST_CROSTON:
			{
				bool		sba = method == FORECAST_SBA;
				double		alpha = croston_alpha(y, n, scale, first, sba);
				double		fcast;
				size_t		nerr;
				double		sse = croston_run(y, n, scale, first, alpha, sba, &nerr, &fcast);

				result->croston_alpha = alpha;
				for (h = 0; h < horizon; h++)
					point[h] = fcast;
				if (nerr > 0)
				{
					double		mse = sse / (double) nerr;

					result->sigma2 = mse * inv * inv;
					for (h = 0; h < horizon; h++)
						sd[h] = sqrt(mse * (1.0 + h * alpha * alpha));
					result->has_interval = true;
				}
				clip = nonnegative;
			}
			break;

		case FORECAST_NAIVE_SEASONAL:
			{
				double		ss = 0.0;

				for (t = M; t < n; t++)
				{
					double		d = (y[t] - y[t - M]) * scale;

					ss += d * d;
				}
				for (h = 0; h < horizon; h++)
				{
					point[h] = y[n - M + h % M] * scale;
					if (n > M)
						sd[h] = sqrt(ss / (double) (n - M) * (double) (h / M + 1));
				}
				if (n > M)
				{
					result->sigma2 = ss / (double) (n - M) * inv * inv;
					result->has_interval = true;
				}
				clip = nonnegative;
			}
			break;

		case FORECAST_ETS:
			if (!forecast_ets(y, n, scale, ets_only, result, point, sd))
				return FORECAST_TOO_SHORT;	/* cannot happen for n >= m */
			break;

		case FORECAST_AUTO:
			break;
	}
	result_set(result, point, sd, clip, scale, levels, nlevels);
	return FORECAST_OK;
}

/* ---------------------------------------------------------------------
 * The backtest
 * ---------------------------------------------------------------------
 */

ForecastStatus
forecast_backtest(const double *y, size_t n, ForecastMethod method,
				  int origins, int horizon, const double *levels, int nlevels,
				  void (*between_origins) (void), ForecastBacktest *result)
{
	ForecastStatus status;
	ForecastResult fr;
	size_t		t,
				t0,
				i;
	double		abs_sum = 0.0,
				snaive_sum = 0.0,
				scale_sum = 0.0,
				sq_sum = 0.0,
				error_sum = 0.0,
				snaive_sq_sum = 0.0,
				scale_sq_sum = 0.0,
				unit;
	int			inside[FORECAST_MAX_LEVELS] = {0};
	int			k;

	memset(result, 0, sizeof(*result));
	result->mae = result->mase = result->snaive_mae = result->snaive_mase = NAN;
	result->rmsse = result->snaive_rmsse = result->mean_error = NAN;
	result->scale = NAN;
	for (k = 0; k < FORECAST_MAX_LEVELS; k++)
		result->coverage[k] = NAN;
	status = check_arguments(method, horizon, levels, nlevels);
	if (status != FORECAST_OK)
		return status;
	if (origins < 1)
		return FORECAST_BAD_ORIGINS;
	if (n == 0)
		return FORECAST_EMPTY;
	status = forecast_check_values(y, n, &result->bad_index);
	if (status != FORECAST_OK)
		return status;
	unit = series_scale(y, n);

	t0 = n > (size_t) origins ? n - (size_t) origins : 0;
	if (t0 < M)
		t0 = M;
	for (t = t0; t < n && t + (size_t) horizon - 1 < n; t++)
	{
		double		actual = y[t + horizon - 1];
		double		snaive = y[t - M + (size_t) (horizon - 1) % M];

		if (between_origins)
			between_origins();
		status = forecast_series(y, t, method, horizon, levels, nlevels, &fr);
		if (status != FORECAST_OK)
			return status;		/* cannot happen: t >= m */
		result->forecasts++;
		abs_sum += fabs(actual - fr.point[horizon - 1]);
		snaive_sum += fabs(actual - snaive);
		/* squares in the series' scale, so that tiny values cannot underflow */
		sq_sum += square((actual - fr.point[horizon - 1]) * unit);
		error_sum += fr.point[horizon - 1] - actual;
		snaive_sq_sum += square((actual - snaive) * unit);
		if (fr.has_interval && fr.method != FORECAST_ZERO)
		{
			result->intervals++;
			for (k = 0; k < nlevels; k++)
				if (fr.lower[k][horizon - 1] <= actual && actual <= fr.upper[k][horizon - 1])
					inside[k]++;
		}
	}
	if (result->forecasts == 0)
		return FORECAST_OK;
	result->mae = abs_sum / result->forecasts;
	result->mean_error = error_sum / result->forecasts + 0.0;	/* never -0 */
	result->snaive_mae = snaive_sum / result->forecasts;
	if (result->intervals > 0)
		for (k = 0; k < nlevels; k++)
			result->coverage[k] = (double) inside[k] / result->intervals;
	if (t0 > M)
	{
		for (i = M; i < t0; i++)
		{
			scale_sum += fabs(y[i] - y[i - M]);
			scale_sq_sum += square((y[i] - y[i - M]) * unit);
		}
		if (scale_sq_sum > 0.0)
		{
			double		scale = sqrt(scale_sq_sum / (double) (t0 - M));
			double		rmsse = sqrt(sq_sum / result->forecasts) / scale;
			double		snaive_rmsse = sqrt(snaive_sq_sum / result->forecasts) / scale;

			if (isfinite(rmsse) && isfinite(snaive_rmsse))
			{
				result->rmsse = rmsse;
				result->snaive_rmsse = snaive_rmsse;
			}
		}
		if (scale_sum > 0.0)
		{
			double		scale = scale_sum / (double) (t0 - M);

			/* a scale so small that the quotients overflow counts as 0 */
			if (isfinite(result->mae / scale) && isfinite(result->snaive_mae / scale))
			{
				result->scale = scale;
				result->mase = result->mae / scale;
				result->snaive_mase = result->snaive_mae / scale;
			}
		}
	}
	return FORECAST_OK;
}
