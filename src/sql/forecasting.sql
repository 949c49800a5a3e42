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

-- How far back the views' forecasts read: the 100 years (400 quarters)
-- before the current quarter, far more than any history recorded, so that
-- a reports' day set far ahead cannot hand fms.forecast a series beyond its
-- limit.
CREATE FUNCTION fms.forecast_history_start() RETURNS pg_catalog.date
	LANGUAGE sql STABLE PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
	AS $$
	SELECT (pg_catalog.date_trunc('quarter', fms.today()::pg_catalog.timestamp) OPERATOR(pg_catalog.-) '100 years'::pg_catalog.interval)::pg_catalog.date
	$$;
COMMENT ON FUNCTION fms.forecast_history_start() IS 'first day of the history the forecasting views read: the 400 quarters before the current one';

-- The series the views forecast: requests and value accepted per complete
-- quarter, for each partner and category and summed over partners (by
-- region and category), over categories (by region), over regions (by
-- category) and over all (by program).  Each sum is forecast on its own,
-- so the forecasts of the parts need not add up to the forecast of the
-- whole.
CREATE VIEW fms.demand_history AS
WITH sums AS (
	-- GROUPING is syntax, not a function: no search_path can redirect it
	SELECT GROUPING(s.region, s.country_code, s.customer_code, s.usml_category) AS rolled_up,
	       s.program, s.region, s.country_code, s.customer_code, s.usml_category, s.quarter_start,
	       pg_catalog.sum(s.requests)::pg_catalog.float8 AS requests,
	       pg_catalog.sum(s.value_accepted_usd)::pg_catalog.float8 AS value_accepted_usd
	  FROM fms.demand_series AS s
	 WHERE s.complete AND s.quarter_start OPERATOR(pg_catalog.>=) fms.forecast_history_start()
	 GROUP BY GROUPING SETS (
		(s.program, s.region, s.country_code, s.customer_code, s.usml_category, s.quarter_start),
		(s.program, s.region, s.usml_category, s.quarter_start),
		(s.program, s.region, s.quarter_start),
		(s.program, s.usml_category, s.quarter_start),
		(s.program, s.quarter_start))
)
SELECT CASE x.rolled_up WHEN 0 THEN 'partner and category' WHEN 6 THEN 'region and category' WHEN 7 THEN 'region'
                        WHEN 14 THEN 'category' ELSE 'program' END AS level,
       x.program, x.region, x.country_code, x.customer_code, x.usml_category,
       pg_catalog.min(x.quarter_start) AS first_quarter, pg_catalog.max(x.quarter_start) AS last_quarter,
       pg_catalog.array_agg(x.requests ORDER BY x.quarter_start) AS requests,
       pg_catalog.array_agg(x.value_accepted_usd ORDER BY x.quarter_start) AS value_accepted_usd
  FROM sums AS x
 GROUP BY x.rolled_up, x.program, x.region, x.country_code, x.customer_code, x.usml_category;
COMMENT ON VIEW fms.demand_history IS 'the quarterly series fms.demand_forecast and fms.forecast_accuracy read: requests and value accepted per complete quarter (at most the last 400, fms.forecast_history_start()), oldest first, for each partner and category and summed by region and category, by region, by category and by program';
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
 CROSS JOIN LATERAL fms.forecast(m.history, 8, 'auto') AS f
 CROSS JOIN LATERAL (SELECT (h.last_quarter OPERATOR(pg_catalog.+)
                             pg_catalog.make_interval(months => 3 OPERATOR(pg_catalog.*) f.step))::pg_catalog.date AS quarter_start) AS q;
COMMENT ON VIEW fms.demand_forecast IS 'demand forecast for the next 8 quarters (the current one first) by program, region, partner and USML category, and summed by region and category, region, category and program: requests and value accepted, with 80% and 95% prediction intervals (fms.forecast, method auto)';
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
	 CROSS JOIN LATERAL fms.forecast_backtest(m.history, 8, 1, 'auto') AS b
)
SELECT false AS overall, s.level, s.program, s.region, s.country_code, s.customer_code, s.usml_category, s.measure,
       1 AS series, s.forecasts, s.intervals, s.mean_error, s.mae, s.mase, s.naive_mae, s.naive_mase, s.rmsse, s.naive_rmsse,
       s.coverage_80, s.coverage_95
  FROM scored AS s
UNION ALL
SELECT true, s.level, s.program, NULL, NULL, NULL, NULL, s.measure,
       pg_catalog.count(*)::pg_catalog.int4, pg_catalog.sum(s.forecasts)::pg_catalog.int4, pg_catalog.sum(s.intervals)::pg_catalog.int4,
       pg_catalog.sum(s.mean_error OPERATOR(pg_catalog.*) s.forecasts) OPERATOR(pg_catalog./) NULLIF(pg_catalog.sum(s.forecasts), 0),
       pg_catalog.avg(s.mae),
       pg_catalog.percentile_cont(0.5) WITHIN GROUP (ORDER BY s.mase),
       pg_catalog.avg(s.naive_mae),
       pg_catalog.percentile_cont(0.5) WITHIN GROUP (ORDER BY s.naive_mase),
       pg_catalog.percentile_cont(0.5) WITHIN GROUP (ORDER BY s.rmsse),
       pg_catalog.percentile_cont(0.5) WITHIN GROUP (ORDER BY s.naive_rmsse),
       pg_catalog.sum(s.coverage_80 OPERATOR(pg_catalog.*) s.intervals) OPERATOR(pg_catalog./) NULLIF(pg_catalog.sum(s.intervals), 0),
       pg_catalog.sum(s.coverage_95 OPERATOR(pg_catalog.*) s.intervals) OPERATOR(pg_catalog./) NULLIF(pg_catalog.sum(s.intervals), 0)
  FROM scored AS s
 GROUP BY s.level, s.program, s.measure;
COMMENT ON VIEW fms.forecast_accuracy IS 'rolling-origin backtest of the demand forecasts over the last 8 complete quarters, one quarter ahead: per series of fms.demand_history and overall per level, program and measure, the MASE and RMSSE against the seasonal naive forecast and the coverage of the 80% and 95% intervals';
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
