/* src/sql/forecasting.sql -- demand forecasts in C, and their measured accuracy */

-- The methods (src/forecast.h has the formulas): exponential smoothing
-- with additive errors, ETS(A,N,N), (A,A,N), (A,Ad,N), (A,N,A), (A,A,A)
-- and (A,Ad,A) with a season of four quarters, fitted by least squares
-- and chosen by AICc; Croston's method with the Syntetos-Boylan correction
-- (SBA) for intermittent series.  Method auto: an all-zero series
-- forecasts zero, one value itself, two or three their mean; a series
-- with a quarter with demand in fewer than one in 1.32 (average inter-
-- demand interval of 1.32 or more) goes to SBA, unless simple exponential
-- smoothing, ETS(A,N,N), has the smaller in-sample mean absolute error
-- after the first demand; any other to ETS.
CREATE FUNCTION fms.forecast(series pg_catalog.float8[], horizon pg_catalog.int4 DEFAULT 8,
		method pg_catalog.text DEFAULT 'auto')
	RETURNS TABLE (step pg_catalog.int4, point pg_catalog.float8, lower_80 pg_catalog.float8, upper_80 pg_catalog.float8,
	               lower_95 pg_catalog.float8, upper_95 pg_catalog.float8, model pg_catalog.text)
	AS 'MODULE_PATHNAME', 'fms_forecast'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 8;
COMMENT ON FUNCTION fms.forecast(pg_catalog.float8[], pg_catalog.int4, pg_catalog.text) IS 'forecasts a quarterly series (oldest first, no NULLs) 1 to 12 quarters ahead with 80% and 95% prediction intervals: method auto (zero, naive, mean, SBA for intermittent series unless simple exponential smoothing fits them better in absolute error, else the ETS model of least AICc), or ets, sba, croston, naive_seasonal; no rows for an empty series; model names the model fitted';

CREATE FUNCTION fms.forecast_backtest(series pg_catalog.float8[], origins pg_catalog.int4 DEFAULT 8,
		horizon pg_catalog.int4 DEFAULT 1, method pg_catalog.text DEFAULT 'auto',
		OUT forecasts pg_catalog.int4, OUT intervals pg_catalog.int4, OUT mean_error pg_catalog.float8, OUT mae pg_catalog.float8, OUT mase pg_catalog.float8,
		OUT naive_mae pg_catalog.float8, OUT naive_mase pg_catalog.float8,
		OUT rmsse pg_catalog.float8, OUT naive_rmsse pg_catalog.float8,
		OUT coverage_80 pg_catalog.float8, OUT coverage_95 pg_catalog.float8)
	RETURNS record
	AS 'MODULE_PATHNAME', 'fms_forecast_backtest'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION fms.forecast_backtest(pg_catalog.float8[], pg_catalog.int4, pg_catalog.int4, pg_catalog.text) IS 'rolling-origin backtest of fms.forecast on a series: from each of the last origins quarters, forecasts horizon quarters ahead from the history before it and scores the forecast: forecasts scored, those with an interval, mean error (forecast minus actual), mean absolute error, MASE (scaled by the mean absolute seasonal difference of the history before the first origin), RMSSE (root mean squared error over the root mean squared seasonal difference), the same for the seasonal naive forecast, and the share of actuals inside the 80% and 95% intervals';

-- Whether fms.forecast takes a series (src/forecast_fmgr.c): the views and
-- the refresh leave out the series it cannot forecast, a quarter beyond
-- its range (one licence valued at 1e101 dollars) or not finite, instead
-- of failing for every reader.
CREATE FUNCTION fms.forecastable(series pg_catalog.float8[]) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'fms_forecastable'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION fms.forecastable(pg_catalog.float8[]) IS 'whether fms.forecast and fms.forecast_backtest take a series: one dimension, at most 10,000 quarters, no NULL, every value finite and at most 1e100 in magnitude';

-- A sum of dollars as the forecasts' float8: beyond float8's range, the
-- infinity of its sign (which fms.forecastable refuses), not an error that
-- would fail the view for every reader.  Inlined where it is called.
CREATE FUNCTION fms.saturated_float8(amount pg_catalog.numeric) RETURNS pg_catalog.float8
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
BEGIN ATOMIC
	SELECT CASE WHEN $1 OPERATOR(pg_catalog.>) 1e308 THEN 'Infinity'::pg_catalog.float8
	            WHEN $1 OPERATOR(pg_catalog.<) -1e308 THEN '-Infinity'::pg_catalog.float8
	            ELSE $1::pg_catalog.float8 END;
END;
COMMENT ON FUNCTION fms.saturated_float8(pg_catalog.numeric) IS 'an amount as float8, Infinity (or -Infinity) where it is beyond 1e308 in magnitude, instead of an error';

-- The series the views forecast: requests and value accepted per complete
-- quarter, for each partner and category and summed over partners (by
-- region and category), over categories (by region), over regions (by
-- category) and over all (by program).  Each sum is forecast on its own,
-- so the forecasts of the parts need not add up to the forecast of the
-- whole.  A partner and category's quarters are the rows of
-- fms.demand_series as they are (one per quarter); only the other levels
-- are sums.  Values are summed exactly, as numeric, before they become
-- the forecasts' float8.
CREATE VIEW fms.demand_history AS
WITH complete AS MATERIALIZED (
	SELECT s.program, s.region, s.country_code, s.customer_code, s.usml_category, s.quarter_start,
	       s.requests, s.value_accepted_usd
	  FROM fms.demand_series AS s
	 WHERE s.complete
), quarters AS (
	SELECT 'partner and category'::pg_catalog.text AS level, c.program, c.region, c.country_code, c.customer_code,
	       c.usml_category, c.quarter_start, c.requests::pg_catalog.float8 AS requests,
	       fms.saturated_float8(c.value_accepted_usd) AS value_accepted_usd
	  FROM complete AS c
	UNION ALL
	-- GROUPING is syntax, not a function: no search_path can redirect it
	SELECT CASE GROUPING(c.region, c.usml_category) WHEN 0 THEN 'region and category' WHEN 1 THEN 'region'
	                                                WHEN 2 THEN 'category' ELSE 'program' END,
	       c.program, c.region, NULL, NULL, c.usml_category, c.quarter_start,
	       pg_catalog.sum(c.requests)::pg_catalog.float8, fms.saturated_float8(pg_catalog.sum(c.value_accepted_usd))
	  FROM complete AS c
	 GROUP BY GROUPING SETS ((c.program, c.region, c.usml_category, c.quarter_start), (c.program, c.region, c.quarter_start),
	                         (c.program, c.usml_category, c.quarter_start), (c.program, c.quarter_start))
)
SELECT q.level, q.program, q.region, q.country_code, q.customer_code, q.usml_category,
       pg_catalog.min(q.quarter_start) AS first_quarter, pg_catalog.max(q.quarter_start) AS last_quarter,
       pg_catalog.array_agg(q.requests ORDER BY q.quarter_start) AS requests,
       pg_catalog.array_agg(q.value_accepted_usd ORDER BY q.quarter_start) AS value_accepted_usd
  FROM quarters AS q
 GROUP BY q.level, q.program, q.region, q.country_code, q.customer_code, q.usml_category;
COMMENT ON VIEW fms.demand_history IS 'the quarterly series fms.demand_forecast and fms.forecast_accuracy read: requests and value accepted per complete quarter of fms.demand_series (at most the last 400, from fms.forecast_history_start()), oldest first, for each partner and category and summed by region and category, by region, by category and by program';
COMMENT ON COLUMN fms.demand_history.level IS 'what the series sums over: partner and category (one series per partner and category), region and category, region, category, or program (all)';
COMMENT ON COLUMN fms.demand_history.program IS 'FMS or DCS';
COMMENT ON COLUMN fms.demand_history.region IS 'State Department region; NULL at levels category and program, and for partners without one';
COMMENT ON COLUMN fms.demand_history.country_code IS 'destination country at level partner and category; else NULL';
COMMENT ON COLUMN fms.demand_history.customer_code IS 'FMS customer at level partner and category; else NULL';
COMMENT ON COLUMN fms.demand_history.usml_category IS 'USML category at the levels with a category (NULL there for no category); else NULL';
COMMENT ON COLUMN fms.demand_history.first_quarter IS 'first day of the series'' first quarter';
COMMENT ON COLUMN fms.demand_history.last_quarter IS 'first day of its last quarter, the last complete one';
COMMENT ON COLUMN fms.demand_history.requests IS 'requests per quarter (fms.demand_series.requests), oldest first';
COMMENT ON COLUMN fms.demand_history.value_accepted_usd IS 'value accepted per quarter, U.S. dollars, oldest first';

-- Fits kept between reads.  A forecast and a backtest are functions of
-- their series alone (and of the method, horizon and origins), so their
-- results are kept under a digest of the series: the views take a series'
-- fit from here when it is kept and fit it on the spot when it is not, and
-- answer the same either way.  A series that moved has another digest and
-- is fitted on the spot until fms.refresh_kept_forecasts() keeps its fit:
-- a fit kept here never goes stale, only missing.  A fit is read only
-- under the build that made it (fms.forecast_build()): another library
-- may fit differently in the last bits.  The tables are derived data: a
-- dump leaves them out (a restored database fits on the spot until the
-- next refresh).
CREATE FUNCTION fms.forecast_build() RETURNS pg_catalog.text
	AS 'MODULE_PATHNAME', 'fms_forecast_build'
	LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION fms.forecast_build() IS 'what fits the forecasts: the digest of the forecasting core''s source, the compiler that built it and the C library it calls; kept fits are read only under the build that made them';

CREATE FUNCTION fms.series_digest(series pg_catalog.float8[]) RETURNS pg_catalog.bytea
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
	RETURN pg_catalog.sha256(pg_catalog.array_send(series));
COMMENT ON FUNCTION fms.series_digest(pg_catalog.float8[]) IS 'SHA-256 of a series'' binary form (array_send): the key under which its fits are kept';

CREATE TABLE fms.kept_forecasts (
	series_digest pg_catalog.bytea NOT NULL,
	horizon pg_catalog.int4 NOT NULL,
	method pg_catalog.text NOT NULL,
	fitted_by pg_catalog.text NOT NULL,
	model pg_catalog.text,
	point pg_catalog.float8[] NOT NULL,
	lower_80 pg_catalog.float8[] NOT NULL,
	upper_80 pg_catalog.float8[] NOT NULL,
	lower_95 pg_catalog.float8[] NOT NULL,
	upper_95 pg_catalog.float8[] NOT NULL,
	PRIMARY KEY (series_digest, horizon, method, fitted_by)
);
COMMENT ON TABLE fms.kept_forecasts IS 'fms.forecast(series, horizon, method) kept under fms.series_digest(series) and the build that fitted it by fms.refresh_kept_forecasts() for fms.demand_forecast: one row per series, the forecast''s rows as arrays by step; derived data, not dumped';
COMMENT ON COLUMN fms.kept_forecasts.series_digest IS 'fms.series_digest of the series forecast';
COMMENT ON COLUMN fms.kept_forecasts.horizon IS 'quarters forecast';
COMMENT ON COLUMN fms.kept_forecasts.method IS 'method asked of fms.forecast';
COMMENT ON COLUMN fms.kept_forecasts.fitted_by IS 'fms.forecast_build() of the library that fitted it';
COMMENT ON COLUMN fms.kept_forecasts.model IS 'model fitted; NULL for an empty series (no steps)';
COMMENT ON COLUMN fms.kept_forecasts.point IS 'point forecast of each step, the first quarter first';
COMMENT ON COLUMN fms.kept_forecasts.lower_80 IS 'lower bound of the 80% interval of each step (NULL where there is none)';
COMMENT ON COLUMN fms.kept_forecasts.upper_80 IS 'upper bound of the 80% interval of each step';
COMMENT ON COLUMN fms.kept_forecasts.lower_95 IS 'lower bound of the 95% interval of each step';
COMMENT ON COLUMN fms.kept_forecasts.upper_95 IS 'upper bound of the 95% interval of each step';

CREATE TABLE fms.kept_backtests (
	series_digest pg_catalog.bytea NOT NULL,
	origins pg_catalog.int4 NOT NULL,
	horizon pg_catalog.int4 NOT NULL,
	method pg_catalog.text NOT NULL,
	fitted_by pg_catalog.text NOT NULL,
	forecasts pg_catalog.int4,
	intervals pg_catalog.int4,
	mean_error pg_catalog.float8,
	mae pg_catalog.float8,
	mase pg_catalog.float8,
	naive_mae pg_catalog.float8,
	naive_mase pg_catalog.float8,
	rmsse pg_catalog.float8,
	naive_rmsse pg_catalog.float8,
	coverage_80 pg_catalog.float8,
	coverage_95 pg_catalog.float8,
	PRIMARY KEY (series_digest, origins, horizon, method, fitted_by)
);
COMMENT ON TABLE fms.kept_backtests IS 'fms.forecast_backtest(series, origins, horizon, method) kept under fms.series_digest(series) and the build that fitted it by fms.refresh_kept_forecasts() for fms.forecast_accuracy; derived data, not dumped';
COMMENT ON COLUMN fms.kept_backtests.series_digest IS 'fms.series_digest of the series backtested';
COMMENT ON COLUMN fms.kept_backtests.origins IS 'origins asked of fms.forecast_backtest';
COMMENT ON COLUMN fms.kept_backtests.horizon IS 'quarters ahead asked of fms.forecast_backtest';
COMMENT ON COLUMN fms.kept_backtests.method IS 'method asked of fms.forecast_backtest';
COMMENT ON COLUMN fms.kept_backtests.fitted_by IS 'fms.forecast_build() of the library that fitted it';
COMMENT ON COLUMN fms.kept_backtests.forecasts IS 'fms.forecast_backtest''s forecasts';
COMMENT ON COLUMN fms.kept_backtests.intervals IS 'fms.forecast_backtest''s intervals';
COMMENT ON COLUMN fms.kept_backtests.mean_error IS 'fms.forecast_backtest''s mean_error';
COMMENT ON COLUMN fms.kept_backtests.mae IS 'fms.forecast_backtest''s mae';
COMMENT ON COLUMN fms.kept_backtests.mase IS 'fms.forecast_backtest''s mase';
COMMENT ON COLUMN fms.kept_backtests.naive_mae IS 'fms.forecast_backtest''s naive_mae';
COMMENT ON COLUMN fms.kept_backtests.naive_mase IS 'fms.forecast_backtest''s naive_mase';
COMMENT ON COLUMN fms.kept_backtests.rmsse IS 'fms.forecast_backtest''s rmsse';
COMMENT ON COLUMN fms.kept_backtests.naive_rmsse IS 'fms.forecast_backtest''s naive_rmsse';
COMMENT ON COLUMN fms.kept_backtests.coverage_80 IS 'fms.forecast_backtest''s coverage_80';
COMMENT ON COLUMN fms.kept_backtests.coverage_95 IS 'fms.forecast_backtest''s coverage_95';

-- A fit tells of its series: a partner or industry role, whose series are
-- only its own, sees no kept fit and fits its series on the spot (a role
-- the policies do not restrict sees every series anyway).
DO $$
DECLARE
	kept regclass;
BEGIN
	FOREACH kept IN ARRAY ARRAY['fms.kept_forecasts', 'fms.kept_backtests']::regclass[] LOOP
		EXECUTE pg_catalog.format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', kept);
		EXECUTE pg_catalog.format('CREATE POLICY granted_rows ON %s USING (NOT fms.restricted_role())', kept);
		EXECUTE pg_catalog.format('COMMENT ON POLICY granted_rows ON %s IS %L', kept,
		                          'members of fms_partner and fms_industry see no kept fit (they fit their own series on the spot); other roles see all');
	END LOOP;
END
$$;

-- Keeps the fits of every series the views read on the reports' day, and
-- drops every other (those of other days, and those of another build): run
-- it after a load, and on a schedule (each day, as the quarters close), at
-- READ COMMITTED (two refreshes at once under REPEATABLE READ fail with a
-- serialization error, to be retried).  It runs as its owner, so that no
-- reader can keep a fit of its own making, and refuses a partner or
-- industry login, which its counts would tell of every partner's series.
-- A fit is looked for before it is made (NOT EXISTS), and a refresh that
-- runs alongside may keep it first (ON CONFLICT).
CREATE FUNCTION fms.refresh_kept_forecasts()
	RETURNS TABLE (fits pg_catalog.text, series pg_catalog.int8, fitted pg_catalog.int8, dropped pg_catalog.int8)
	LANGUAGE plpgsql SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp
	AS $$
#variable_conflict use_column
DECLARE
	build constant text := fms.forecast_build();
BEGIN
	IF fms.restricted_login() THEN
		RAISE EXCEPTION 'fms.refresh_kept_forecasts() is not for a partner or industry login'
			USING ERRCODE = 'insufficient_privilege',
			      DETAIL = 'It fits every partner''s series, and its counts would tell of them.',
			      HINT = 'Run it as a role that sees every row, e.g. in a scheduled job.';
	END IF;
	RETURN QUERY
	WITH wanted AS MATERIALIZED (
		SELECT DISTINCT ON (d.digest) d.digest, m.history
		  FROM fms.demand_history AS h
		 CROSS JOIN LATERAL (VALUES (h.requests), (h.value_accepted_usd)) AS m(history)
		 CROSS JOIN LATERAL (SELECT fms.series_digest(m.history) AS digest) AS d
		 WHERE fms.forecastable(m.history)
		 ORDER BY d.digest
	), forecasts_dropped AS (
		DELETE FROM fms.kept_forecasts AS k
		 WHERE k.horizon OPERATOR(pg_catalog.=) 8 AND k.method OPERATOR(pg_catalog.=) 'auto'
		   AND (k.fitted_by OPERATOR(pg_catalog.<>) build
		        OR NOT EXISTS (SELECT FROM wanted AS w WHERE w.digest OPERATOR(pg_catalog.=) k.series_digest))
		RETURNING 1
	), forecasts_fitted AS (
		INSERT INTO fms.kept_forecasts (series_digest, horizon, method, fitted_by, model, point, lower_80, upper_80, lower_95, upper_95)
		SELECT w.digest, 8, 'auto', build, f.model, f.point, f.lower_80, f.upper_80, f.lower_95, f.upper_95
		  FROM wanted AS w
		 CROSS JOIN LATERAL (
			SELECT pg_catalog.min(f.model) AS model,
			       COALESCE(pg_catalog.array_agg(f.point ORDER BY f.step), '{}') AS point,
			       COALESCE(pg_catalog.array_agg(f.lower_80 ORDER BY f.step), '{}') AS lower_80,
			       COALESCE(pg_catalog.array_agg(f.upper_80 ORDER BY f.step), '{}') AS upper_80,
			       COALESCE(pg_catalog.array_agg(f.lower_95 ORDER BY f.step), '{}') AS lower_95,
			       COALESCE(pg_catalog.array_agg(f.upper_95 ORDER BY f.step), '{}') AS upper_95
			  FROM fms.forecast(w.history, 8, 'auto') AS f) AS f
		 WHERE NOT EXISTS (SELECT FROM fms.kept_forecasts AS k
		                    WHERE k.series_digest OPERATOR(pg_catalog.=) w.digest AND k.horizon OPERATOR(pg_catalog.=) 8
		                      AND k.method OPERATOR(pg_catalog.=) 'auto' AND k.fitted_by OPERATOR(pg_catalog.=) build)
		ON CONFLICT DO NOTHING
		RETURNING 1
	), backtests_dropped AS (
		DELETE FROM fms.kept_backtests AS k
		 WHERE k.origins OPERATOR(pg_catalog.=) 8 AND k.horizon OPERATOR(pg_catalog.=) 1 AND k.method OPERATOR(pg_catalog.=) 'auto'
		   AND (k.fitted_by OPERATOR(pg_catalog.<>) build
		        OR NOT EXISTS (SELECT FROM wanted AS w WHERE w.digest OPERATOR(pg_catalog.=) k.series_digest))
		RETURNING 1
	), backtests_fitted AS (
		INSERT INTO fms.kept_backtests (series_digest, origins, horizon, method, fitted_by, forecasts, intervals, mean_error, mae,
		                                mase, naive_mae, naive_mase, rmsse, naive_rmsse, coverage_80, coverage_95)
		SELECT w.digest, 8, 1, 'auto', build, b.forecasts, b.intervals, b.mean_error, b.mae, b.mase,
		       b.naive_mae, b.naive_mase, b.rmsse, b.naive_rmsse, b.coverage_80, b.coverage_95
		  FROM wanted AS w
		 CROSS JOIN LATERAL fms.forecast_backtest(w.history, 8, 1, 'auto') AS b
		 WHERE NOT EXISTS (SELECT FROM fms.kept_backtests AS k
		                    WHERE k.series_digest OPERATOR(pg_catalog.=) w.digest AND k.origins OPERATOR(pg_catalog.=) 8
		                      AND k.horizon OPERATOR(pg_catalog.=) 1 AND k.method OPERATOR(pg_catalog.=) 'auto'
		                      AND k.fitted_by OPERATOR(pg_catalog.=) build)
		ON CONFLICT DO NOTHING
		RETURNING 1
	)
	SELECT x.kind, (SELECT pg_catalog.count(*) FROM wanted), x.fitted_now, x.dropped_now
	  FROM (VALUES ('forecasts', (SELECT pg_catalog.count(*) FROM forecasts_fitted), (SELECT pg_catalog.count(*) FROM forecasts_dropped)),
	               ('backtests', (SELECT pg_catalog.count(*) FROM backtests_fitted), (SELECT pg_catalog.count(*) FROM backtests_dropped)))
	       AS x(kind, fitted_now, dropped_now);
END
$$;
COMMENT ON FUNCTION fms.refresh_kept_forecasts() IS 'keeps the forecast and the backtest of every series of fms.demand_history on the reports'' day (fms.kept_forecasts, fms.kept_backtests), so that fms.demand_forecast and fms.forecast_accuracy read them instead of fitting, and drops the fits of other series; per kind of fit: the distinct series, those fitted now, those dropped (other days'' and other builds'').  The views answer the same without it, only slower; refused to a partner or industry login (42501)';

-- Forecasts start with the current quarter (the first after the last
-- complete one).  Demand is never negative: a forecast or bound below zero
-- is shown as zero (a missing bound stays NULL, which GREATEST would not
-- keep).
CREATE VIEW fms.demand_forecast AS
SELECT h.level, h.program, h.region, h.country_code, h.customer_code, h.usml_category, m.measure, f.step,
       q.quarter_start, fms.fiscal_year(q.quarter_start) AS fiscal_year, fms.fiscal_quarter(q.quarter_start) AS fiscal_quarter,
       f.model,
       pg_catalog.round((CASE WHEN f.point OPERATOR(pg_catalog.<) 0 THEN 0 ELSE f.point END)::pg_catalog.numeric, 2) AS forecast,
       pg_catalog.round((CASE WHEN f.lower_80 OPERATOR(pg_catalog.<) 0 THEN 0 ELSE f.lower_80 END)::pg_catalog.numeric, 2) AS lower_80,
       pg_catalog.round((CASE WHEN f.upper_80 OPERATOR(pg_catalog.<) 0 THEN 0 ELSE f.upper_80 END)::pg_catalog.numeric, 2) AS upper_80,
       pg_catalog.round((CASE WHEN f.lower_95 OPERATOR(pg_catalog.<) 0 THEN 0 ELSE f.lower_95 END)::pg_catalog.numeric, 2) AS lower_95,
       pg_catalog.round((CASE WHEN f.upper_95 OPERATOR(pg_catalog.<) 0 THEN 0 ELSE f.upper_95 END)::pg_catalog.numeric, 2) AS upper_95
  FROM fms.demand_history AS h
 CROSS JOIN LATERAL (VALUES ('requests'::pg_catalog.text, h.requests), ('value_accepted_usd', h.value_accepted_usd))
       AS m(measure, history)
  LEFT JOIN fms.kept_forecasts AS k
    ON k.series_digest OPERATOR(pg_catalog.=) fms.series_digest(m.history)
   AND k.horizon OPERATOR(pg_catalog.=) 8 AND k.method OPERATOR(pg_catalog.=) 'auto'
   AND k.fitted_by OPERATOR(pg_catalog.=) (SELECT fms.forecast_build())
 CROSS JOIN LATERAL (
	SELECT u.step::pg_catalog.int4 AS step, u.point, u.lower_80, u.upper_80, u.lower_95, u.upper_95, k.model
	  FROM ROWS FROM (pg_catalog.unnest(k.point), pg_catalog.unnest(k.lower_80), pg_catalog.unnest(k.upper_80),
	                  pg_catalog.unnest(k.lower_95), pg_catalog.unnest(k.upper_95)) WITH ORDINALITY
	       AS u(point, lower_80, upper_80, lower_95, upper_95, step)
	 WHERE k.series_digest IS NOT NULL
	UNION ALL
	SELECT f.step, f.point, f.lower_80, f.upper_80, f.lower_95, f.upper_95, f.model
	  FROM fms.forecast(m.history, 8, 'auto') AS f
	 WHERE k.series_digest IS NULL AND fms.forecastable(m.history)) AS f
 CROSS JOIN LATERAL (SELECT (h.last_quarter OPERATOR(pg_catalog.+)
                             pg_catalog.make_interval(months => 3 OPERATOR(pg_catalog.*) f.step))::pg_catalog.date AS quarter_start) AS q;
COMMENT ON VIEW fms.demand_forecast IS 'demand forecast for the next 8 quarters (the current one first) by program, region, partner and USML category, and summed by region and category, region, category and program: requests and value accepted, with 80% and 95% prediction intervals (fms.forecast, method auto; a series'' fit is read from fms.kept_forecasts when kept there); a series fms.forecastable refuses has no rows';
COMMENT ON COLUMN fms.demand_forecast.level IS 'what the series sums over (fms.demand_history.level)';
COMMENT ON COLUMN fms.demand_forecast.program IS 'FMS or DCS';
COMMENT ON COLUMN fms.demand_forecast.region IS 'State Department region, where the level has one';
COMMENT ON COLUMN fms.demand_forecast.country_code IS 'destination country at level partner and category';
COMMENT ON COLUMN fms.demand_forecast.customer_code IS 'FMS customer at level partner and category';
COMMENT ON COLUMN fms.demand_forecast.usml_category IS 'USML category, where the level has one (NULL there for no category)';
COMMENT ON COLUMN fms.demand_forecast.measure IS 'requests (FMS LORs, DCS applications) or value_accepted_usd (FMS value accepted, DCS value approved)';
COMMENT ON COLUMN fms.demand_forecast.step IS 'quarters ahead: 1 is the current quarter';
COMMENT ON COLUMN fms.demand_forecast.quarter_start IS 'first day of the quarter forecast';
COMMENT ON COLUMN fms.demand_forecast.fiscal_year IS 'fiscal year of the quarter';
COMMENT ON COLUMN fms.demand_forecast.fiscal_quarter IS 'fiscal quarter, e.g. FY2027 Q2';
COMMENT ON COLUMN fms.demand_forecast.model IS 'the model fitted: ETS(A,N,N) ... ETS(A,Ad,A), sba, zero, naive or mean';
COMMENT ON COLUMN fms.demand_forecast.forecast IS 'point forecast (the mean), at least 0';
COMMENT ON COLUMN fms.demand_forecast.lower_80 IS 'lower bound of the 80% prediction interval, at least 0; NULL where the history cannot give one';
COMMENT ON COLUMN fms.demand_forecast.upper_80 IS 'upper bound of the 80% prediction interval';
COMMENT ON COLUMN fms.demand_forecast.lower_95 IS 'lower bound of the 95% prediction interval, at least 0';
COMMENT ON COLUMN fms.demand_forecast.upper_95 IS 'upper bound of the 95% prediction interval';

-- Rolling origin over the last 8 quarters, one quarter ahead: from each of
-- the last 8 complete quarters' starts, the method rule forecasts that
-- quarter from the history before it.  A slice's MASE is its mean absolute
-- error over the mean absolute seasonal (4-quarter) difference of its
-- history before the first origin: below 1 beats that naive forecast in
-- sample; naive_mase is the seasonal naive forecast's own over the same 8
-- quarters.  The MASE rewards forecasting the median, and the median of
-- intermittent demand is zero: a forecast of the mean (what planning
-- needs, and what the methods give) is judged fairly by the RMSSE, the
-- root mean squared error over the root mean squared seasonal difference
-- (the measure of the M5 competition, for the same reason).  Overall rows give the median of the slices' MASE (those
-- defined: a mean would be ruled by the intermittent series, whose scale
-- is near zero) and pool their coverage over the forecasts with an
-- interval.
CREATE VIEW fms.forecast_accuracy AS
WITH scored AS (
	SELECT h.level, h.program, h.region, h.country_code, h.customer_code, h.usml_category, m.measure, b.*
	  FROM fms.demand_history AS h
	 CROSS JOIN LATERAL (VALUES ('requests'::pg_catalog.text, h.requests), ('value_accepted_usd', h.value_accepted_usd))
	       AS m(measure, history)
	  LEFT JOIN fms.kept_backtests AS k
	    ON k.series_digest OPERATOR(pg_catalog.=) fms.series_digest(m.history) AND k.origins OPERATOR(pg_catalog.=) 8
	   AND k.horizon OPERATOR(pg_catalog.=) 1 AND k.method OPERATOR(pg_catalog.=) 'auto'
	   AND k.fitted_by OPERATOR(pg_catalog.=) (SELECT fms.forecast_build())
	 CROSS JOIN LATERAL (
		SELECT k.forecasts, k.intervals, k.mean_error, k.mae, k.mase, k.naive_mae, k.naive_mase, k.rmsse, k.naive_rmsse,
		       k.coverage_80, k.coverage_95
		 WHERE k.series_digest IS NOT NULL
		UNION ALL
		SELECT b.*
		  FROM fms.forecast_backtest(m.history, 8, 1, 'auto') AS b
		 WHERE k.series_digest IS NULL AND fms.forecastable(m.history)) AS b
)
SELECT false AS overall, s.level, s.program, s.region, s.country_code, s.customer_code, s.usml_category, s.measure,
       1 AS series, s.forecasts, s.intervals, s.mean_error, s.mae, s.mase, s.naive_mae, s.naive_mase, s.rmsse, s.naive_rmsse,
       s.coverage_80, s.coverage_95
  FROM scored AS s
UNION ALL
-- A sum of float8 depends on the order of its terms: each is taken in
-- the order of the series, so that every plan gives the same digits.
SELECT true, s.level, s.program, NULL, NULL, NULL, NULL, s.measure,
       pg_catalog.count(*)::pg_catalog.int4, pg_catalog.sum(s.forecasts)::pg_catalog.int4, pg_catalog.sum(s.intervals)::pg_catalog.int4,
       pg_catalog.sum(s.mean_error OPERATOR(pg_catalog.*) s.forecasts ORDER BY s.region, s.country_code, s.customer_code, s.usml_category)
           OPERATOR(pg_catalog./) NULLIF(pg_catalog.sum(s.forecasts), 0),
       pg_catalog.avg(s.mae ORDER BY s.region, s.country_code, s.customer_code, s.usml_category),
       pg_catalog.percentile_cont(0.5) WITHIN GROUP (ORDER BY s.mase),
       pg_catalog.avg(s.naive_mae ORDER BY s.region, s.country_code, s.customer_code, s.usml_category),
       pg_catalog.percentile_cont(0.5) WITHIN GROUP (ORDER BY s.naive_mase),
       pg_catalog.percentile_cont(0.5) WITHIN GROUP (ORDER BY s.rmsse),
       pg_catalog.percentile_cont(0.5) WITHIN GROUP (ORDER BY s.naive_rmsse),
       pg_catalog.sum(s.coverage_80 OPERATOR(pg_catalog.*) s.intervals ORDER BY s.region, s.country_code, s.customer_code, s.usml_category)
           OPERATOR(pg_catalog./) NULLIF(pg_catalog.sum(s.intervals), 0),
       pg_catalog.sum(s.coverage_95 OPERATOR(pg_catalog.*) s.intervals ORDER BY s.region, s.country_code, s.customer_code, s.usml_category)
           OPERATOR(pg_catalog./) NULLIF(pg_catalog.sum(s.intervals), 0)
  FROM scored AS s
 GROUP BY s.level, s.program, s.measure;
COMMENT ON VIEW fms.forecast_accuracy IS 'rolling-origin backtest of the demand forecasts over the last 8 complete quarters, one quarter ahead: per series of fms.demand_history and overall per level, program and measure, the MASE and RMSSE against the seasonal naive forecast and the coverage of the 80% and 95% intervals (a series'' backtest is read from fms.kept_backtests when kept there); a series fms.forecastable refuses has no rows';
COMMENT ON COLUMN fms.forecast_accuracy.overall IS 'true for the summary of every series of a level, program and measure';
COMMENT ON COLUMN fms.forecast_accuracy.level IS 'what the series sums over (fms.demand_history.level)';
COMMENT ON COLUMN fms.forecast_accuracy.program IS 'FMS or DCS';
COMMENT ON COLUMN fms.forecast_accuracy.region IS 'State Department region, where the level has one; NULL in overall rows';
COMMENT ON COLUMN fms.forecast_accuracy.country_code IS 'destination country at level partner and category; NULL in overall rows';
COMMENT ON COLUMN fms.forecast_accuracy.customer_code IS 'FMS customer at level partner and category; NULL in overall rows';
COMMENT ON COLUMN fms.forecast_accuracy.usml_category IS 'USML category, where the level has one; NULL in overall rows';
COMMENT ON COLUMN fms.forecast_accuracy.measure IS 'requests or value_accepted_usd';
COMMENT ON COLUMN fms.forecast_accuracy.series IS 'series summarized: 1, or the number in an overall row';
COMMENT ON COLUMN fms.forecast_accuracy.forecasts IS 'one-quarter-ahead forecasts scored (up to 8 per series; fewer for a short history)';
COMMENT ON COLUMN fms.forecast_accuracy.intervals IS 'forecasts scored that had an interval (a history too short for one has none)';
COMMENT ON COLUMN fms.forecast_accuracy.mean_error IS 'mean of forecast minus actual: above 0 the forecasts ran high, below 0 low (over every forecast of the series in an overall row)';
COMMENT ON COLUMN fms.forecast_accuracy.mae IS 'mean absolute error of the forecasts (mean over the series in an overall row)';
COMMENT ON COLUMN fms.forecast_accuracy.mase IS 'mean absolute scaled error: mae over the mean absolute 4-quarter difference of the history before the first origin; NULL where that is 0 or too short to tell (an overall row gives the median of the defined ones)';
COMMENT ON COLUMN fms.forecast_accuracy.naive_mae IS 'mean absolute error of the seasonal naive forecast (the same quarter a year before) on the same quarters';
COMMENT ON COLUMN fms.forecast_accuracy.naive_mase IS 'its MASE (the median in an overall row): the forecast beats the seasonal naive one where mase < naive_mase';
COMMENT ON COLUMN fms.forecast_accuracy.rmsse IS 'root mean squared scaled error: the root mean squared error over the root mean squared 4-quarter difference of the history before the first origin (the median in an overall row); fair to forecasts of the mean of intermittent demand, which the MASE is not';
COMMENT ON COLUMN fms.forecast_accuracy.naive_rmsse IS 'the seasonal naive forecast''s RMSSE (the median in an overall row)';
COMMENT ON COLUMN fms.forecast_accuracy.coverage_80 IS 'share of the actuals inside the 80% interval (pooled over the series in an overall row); near 0.8 when the intervals are honest';
COMMENT ON COLUMN fms.forecast_accuracy.coverage_95 IS 'share of the actuals inside the 95% interval';
