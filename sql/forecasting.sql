--
-- Forecasting: the C functions on series worked by hand and against
-- statsmodels, their bad inputs, and the demand, forecast, accuracy and
-- supply views on a sample portfolio.
--
SET extra_float_digits = 0;

-- By hand.  A constant series is fitted exactly by every form: the fewest
-- parameters win (ETS(A,N,N)), the forecast is the constant and, with no
-- error, the intervals have no width.
SELECT step, point, lower_80, upper_80, lower_95, upper_95, model
  FROM fms.forecast(array_fill(5::float8, ARRAY[12]), 3);
-- A straight line 1..12: Holt's linear trend fits it exactly and goes on
-- (13, 14, 15); a repeating year 10, 20, 30, 40: the seasonal form repeats
-- it.
SELECT step, round(point::numeric, 6) AS point, round((upper_95 - lower_95)::numeric, 6) AS width_95, model
  FROM fms.forecast(ARRAY(SELECT g::float8 FROM generate_series(1, 12) AS g), 3);
SELECT step, round(point::numeric, 6) AS point, round((upper_95 - lower_95)::numeric, 6) AS width_95, model
  FROM fms.forecast('{10,20,30,40,10,20,30,40,10,20,30,40}', 5);
-- Intermittent: 3 quarters with demand in 12, an average interval of 4
-- (above 1.32).  SBA gives a flat forecast below the mean demand size (5)
-- over the mean interval, bounds not below zero.
SELECT count(DISTINCT point) AS flat, min(point) > 0 AND max(point) < 5.0 / 4 * 1.0001 AS below_croston,
       min(lower_95) >= 0 AS not_negative, min(model) AS model
  FROM fms.forecast('{0,0,6,0,0,0,4,0,0,0,0,5}', 8, 'sba');
-- The rule takes SBA for an intermittent series unless simple exponential
-- smoothing has the smaller in-sample absolute error: here it has; on
-- orders of 5 every fourth quarter SBA forecasts about 1.22 a quarter (its
-- errors average about 1.86), simple smoothing about the mean, 1.25
-- (about 1.88): SBA.
SELECT (SELECT min(model) FROM fms.forecast('{0,0,6,0,0,0,4,0,0,0,0,5}', 1)) AS late_demand,
       (SELECT min(model) FROM fms.forecast('{0,0,0,5,0,0,0,5,0,0,0,5,0,0,0,5}', 1)) AS rare_equal_orders;
-- Croston without the correction forecasts more than SBA, by 1/(1 - alpha/2).
SELECT c.point > s.point AS croston_above_sba, c.model, s.model
  FROM fms.forecast('{0,0,6,0,0,0,4,0,0,0,0,5}', 1, 'croston') AS c, fms.forecast('{0,0,6,0,0,0,4,0,0,0,0,5}', 1, 'sba') AS s;
-- The rule's short cases: all zeros forecast zero; one value itself, with
-- no interval; two or three their mean.
SELECT model, point, lower_80, upper_95 FROM fms.forecast('{0,0,0,0,0,0}', 1);
SELECT model, point, lower_80, upper_95 FROM fms.forecast('{7}', 1);
SELECT model, point FROM fms.forecast('{2,4,9}', 1);
-- An empty series: no history, no forecast.
SELECT count(*) AS rows_for_empty FROM fms.forecast('{}', 4);
-- Intervals widen with the horizon, the 95% one around the 80% one.
SELECT bool_and(lower_95 <= lower_80 AND lower_80 <= point AND point <= upper_80 AND upper_80 <= upper_95) AS nested,
       bool_and(upper_95 - lower_95 >= prior) AS widening
  FROM (SELECT *, lag(upper_95 - lower_95, 1, 0::float8) OVER (ORDER BY step) AS prior
          FROM fms.forecast('{12,15,11,19,14,18,13,22,17,21,15,25,18,24,19,28}', 12)) AS f;

-- Against statsmodels 0.13.5 (Debian bookworm's python3-statsmodels): the
-- forms the rule picks, fitted by ETSModel, from
--   /usr/bin/python3 test/forecast/statsmodels_reference.py   (section d)
-- The point forecasts agree within 0.001; the intervals are wider by
-- exactly sqrt(n / (n - k)) (k parameters: 8 for ETS(A,A,A), 9 for
-- ETS(A,Ad,A), 6 for ETS(A,N,A)), because fms estimates the error variance
-- by SSE / (n - k) as R's forecast::ets does and ETSModel by SSE / n.
WITH series (name, y) AS (VALUES
	('s1', '{131.4,117.4,116.4,125.6,144.9,130.0,125.8,143.3,150.1,142.5,137.8,156.2,169.3,152.2,149.2,162.6,
	         177.6,168.0,166.6,179.7,192.1,176.4,176.6,188.6,204.7,190.4,190.6,203.6,220.1,201.8,202.3,215.7}'::float8[]),
	('s2', '{97.8,77.3,80.8,95.8,111.8,97.4,89.9,107.2,122.5,105.3,96.3,114.0,128.4,110.1,102.6,118.9,130.4,115.0,
	         104.2,120.7,131.9,115.6,104.9,123.2,131.2,111.8,106.3,122.1}'),
	('s4', '{57.5,46.8,41.8,51.6,55.3,49.2,44.2,52.4,57.4,49.5,43.3,51.3,59.3,45.7,44.3,52.7,55.6,46.6,42.1,53.0,
	         56.9,47.1,41.9,49.6}')),
statsmodels (name, h, point, half_95) AS (VALUES
	('s1', 1, 229.6245488241, 3.9000669815), ('s1', 2, 215.6870528322, 3.9000670010),
	('s1', 3, 214.0120581595, 3.9000670205), ('s1', 4, 227.7620567282, 3.9000670400),
	('s2', 1, 134.0248231507, 3.1487782553), ('s2', 2, 115.0807647073, 3.1487782711),
	('s2', 3, 106.9172342757, 3.1487782868), ('s2', 4, 122.4218203323, 3.1487783026),
	('s4', 1, 56.9999997068, 2.4184685123), ('s4', 2, 47.4833311564, 2.4184685244),
	('s4', 3, 42.9333331593, 2.4184685365), ('s4', 4, 51.7666647254, 2.4184685485)),
k (model, k) AS (VALUES ('ETS(A,A,A)', 8), ('ETS(A,Ad,A)', 9), ('ETS(A,N,A)', 6))
SELECT s.name, min(f.model) AS model, max(abs(f.point - m.point)) < 0.001 AS points_agree,
       max(abs((f.upper_95 - f.point) / m.half_95 - sqrt(cardinality(s.y)::float8 / (cardinality(s.y) - k.k)))) < 1e-4 AS widths_agree
  FROM series AS s
 CROSS JOIN LATERAL fms.forecast(s.y, 4) AS f
  JOIN statsmodels AS m ON m.name = s.name AND m.h = f.step
  JOIN k ON k.model = f.model
 GROUP BY s.name ORDER BY 1;

-- The backtest.  A straight line: the forecast from each of the last 8
-- origins is exact (MASE and RMSSE 0); the seasonal naive forecast is off
-- by 4, the seasonal difference, every time (MASE and RMSSE 1); the exact
-- intervals have no width, but cover.
SELECT forecasts, intervals, round(mae::numeric, 6) AS mae, round(mase::numeric, 6) AS mase, naive_mae, naive_mase,
       round(rmsse::numeric, 6) AS rmsse, naive_rmsse, coverage_80, coverage_95
  FROM fms.forecast_backtest(ARRAY(SELECT g::float8 FROM generate_series(1, 20) AS g));
-- A repeating year has no seasonal difference to scale by: MASE and RMSSE
-- are NULL.  Where the errors are uneven the RMSSE weighs the large ones
-- more: errors 0, 0, 0 and 8 against seasonal differences of 2 give MASE
-- 2/2 = 1 and RMSSE sqrt(64/4)/2 = 2 (the seasonal naive method, forced).
SELECT forecasts, round(mae::numeric, 6) AS mae, mase, rmsse, naive_mae FROM fms.forecast_backtest('{1,2,3,4,1,2,3,4,1,2,3,4,1,2,3,4}', 4);
SELECT forecasts, mae, mase, rmsse FROM fms.forecast_backtest('{0,0,0,0,2,2,2,2,2,2,2,10}', 4, 1, 'naive_seasonal');
-- Origins need four quarters of history before them (the seasonal naive
-- forecast needs a year): 6 values leave 2 origins; 4 or fewer none.
SELECT forecasts FROM fms.forecast_backtest('{1,2,3,4,5,6}');
SELECT forecasts, intervals, mae, mase, coverage_80 FROM fms.forecast_backtest('{1,2,3,4}');
SELECT forecasts, intervals, mae FROM fms.forecast_backtest('{}');
-- Two quarters ahead from each origin.
SELECT forecasts FROM fms.forecast_backtest(ARRAY(SELECT g::float8 FROM generate_series(1, 20) AS g), 8, 2);

-- Bad input: an error naming the value, with a hint; never a crash.
SELECT * FROM error_of($$SELECT fms.forecast('{1,2,NaN,4}')$$);
SELECT * FROM error_of($$SELECT fms.forecast('{1,2,3,-Infinity}')$$);
SELECT * FROM error_of($$SELECT fms.forecast_backtest('{1,Infinity}')$$);
SELECT * FROM error_of($$SELECT fms.forecast('{1,NULL,3}')$$);
SELECT * FROM error_of($$SELECT fms.forecast('[0:2]={1,2,NULL}')$$);
SELECT * FROM error_of($$SELECT fms.forecast('{{1,2},{3,4}}')$$);
SELECT * FROM error_of($$SELECT fms.forecast('{1,2,1e300}')$$);
SELECT * FROM error_of($$SELECT fms.forecast('{1,2,3}', 0)$$);
SELECT * FROM error_of($$SELECT fms.forecast('{1,2,3}', 13)$$);
SELECT * FROM error_of($$SELECT fms.forecast('{1,2,3}', 4, 'arima')$$);
SELECT * FROM error_of($$SELECT fms.forecast('{1,2,3}', 4, 'ets')$$);
SELECT * FROM error_of($$SELECT fms.forecast_backtest('{1,2,3}', 0)$$);
SELECT * FROM error_of($$SELECT fms.forecast(ARRAY(SELECT 1::float8 FROM generate_series(1, 10001)))$$);
-- A value beyond the limit is named exactly, not rounded into it.
SELECT * FROM error_of($$SELECT fms.forecast(ARRAY[1, 1.0000000000000002e100]::float8[])$$);
-- Tiny values score as their multiples do: the RMSSE does not underflow.
SELECT round(a.mase::numeric, 6) = round(b.mase::numeric, 6) AS same_mase, round(a.rmsse::numeric, 6) = round(b.rmsse::numeric, 6) AS same_rmsse,
       a.rmsse IS NOT NULL AS tiny_rmsse_defined
  FROM fms.forecast_backtest('{1e-170,2e-170,1e-170,3e-170,5e-170,1e-170,2e-170,4e-170,1e-170,3e-170,1e-170,2e-170,1e-170,3e-170,2e-170,1e-170}', 6) AS a,
       fms.forecast_backtest('{1,2,1,3,5,1,2,4,1,3,1,2,1,3,2,1}', 6) AS b;
-- A long backtest can be cancelled: statement_timeout (1 s) stops one
-- that would run for many minutes (10,000 origins over 10,000 quarters)
-- between two origins, long before it could end.
CREATE FUNCTION cancelled_in_time(sql text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	started timestamptz := clock_timestamp();
BEGIN
	EXECUTE sql;
	RETURN 'ran to the end';
EXCEPTION WHEN query_canceled THEN
	RETURN CASE WHEN clock_timestamp() - started < interval '60 seconds' THEN 'cancelled in time' ELSE 'cancelled late' END;
END $$;
SET statement_timeout = '1s';
SELECT cancelled_in_time($$SELECT fms.forecast_backtest(ARRAY(SELECT 100 + 10 * sin(i) + (i % 4) * 5 + (i * 7919) % 13
                                                              FROM generate_series(1, 10000) AS i)::float8[], 10000)$$);
RESET statement_timeout;
DROP FUNCTION cancelled_in_time(text);
-- NULL in, NULL out (STRICT).
SELECT count(*) AS rows_for_null FROM fms.forecast(NULL);
SELECT fms.forecast_backtest(NULL) IS NULL AS null_backtest;

-- The views, on a sample portfolio.
CREATE DATABASE fms_forecasting;
ALTER DATABASE fms_forecasting SET fms.as_of_date = '2026-11-30';
\c fms_forecasting
CREATE EXTENSION fms CASCADE;
SET search_path = public, fms;
SET DateStyle = ISO;
SET extra_float_digits = 0;
CREATE FUNCTION error_of(sql text, OUT state text, OUT message text, OUT detail text, OUT hint text) LANGUAGE plpgsql AS $$
BEGIN EXECUTE sql;
EXCEPTION WHEN OTHERS THEN GET STACKED DIAGNOSTICS state = RETURNED_SQLSTATE, message = MESSAGE_TEXT, detail = PG_EXCEPTION_DETAIL, hint = PG_EXCEPTION_HINT; END $$;
SELECT how_many FROM fms.generate_sample_data(200, 5, '2026-11-30') WHERE what = 'open cases';

-- The demand series add up to what they count, every slice has every
-- quarter of its program up to the current one, and only that one is
-- incomplete.
SELECT (SELECT sum(requests) FROM fms.demand_series WHERE program = 'FMS') = (SELECT count(*) FROM fms.cases) AS every_lor,
       (SELECT sum(requests) FROM fms.demand_series WHERE program = 'DCS') = (SELECT count(*) FROM fms.dcs_licenses) AS every_application,
       (SELECT sum(value_accepted_usd) FROM fms.demand_series WHERE program = 'FMS')
         = (SELECT sum(accepted_usd) FROM fms.category_flows) AS fms_value_accepted,
       (SELECT sum(value_accepted_usd) FROM fms.demand_series WHERE program = 'DCS')
         = (SELECT sum(value_usd) FROM fms.dcs_licenses WHERE status IN ('approved', 'approved_with_provisos')) AS dcs_value_approved,
       (SELECT sum(lines_ordered) FROM fms.demand_series WHERE program = 'FMS')
         = (SELECT count(*) FROM fms.case_lines AS l JOIN fms.documents AS d
                ON d.case_id = l.case_id AND d.change_no IS NOT DISTINCT FROM l.change_no WHERE d.accepted_on IS NOT NULL) AS lines_ordered;
SELECT program, count(DISTINCT quarter_start) AS quarters, max(quarter_start) AS current_quarter,
       count(*) = count(DISTINCT quarter_start) * count(DISTINCT (country_code, customer_code, usml_category)) AS zeros_filled,
       count(*) FILTER (WHERE NOT complete) = count(DISTINCT (country_code, customer_code, usml_category)) AS one_incomplete
  FROM fms.demand_series GROUP BY 1 ORDER BY 1;
-- A customer's region is its country's today (Poland: EUR), and its series
-- counts what its own cases count.
SELECT DISTINCT region, country_code FROM fms.demand_series WHERE customer_code = 'PL';
SELECT (SELECT sum(requests) FROM fms.demand_series WHERE customer_code = 'PL')
       = (SELECT count(*) FROM fms.cases WHERE customer_code = 'PL') AS poland_adds_up;

-- The series reads the quarters before the current one from the sums kept
-- in fms.demand_quarters and the current one from the rows.  Checked
-- against the events summed afresh from the cases, their lines, the flows
-- and the licences (the view's own definition before the sums were kept),
-- on the reports' day, the first and last days of a quarter and a day long
-- past: the same slices, the same sums where a quarter has any.
CREATE FUNCTION demand_afresh()
	RETURNS TABLE (program text, partner text, category int, quarter_start date, requests bigint,
	               offered numeric, accepted numeric, lines bigint)
	LANGUAGE sql STABLE AS $$
	SELECT e.program, e.partner, coalesce(e.category, 0), date_trunc('quarter', e.on_date)::date,
	       sum(e.requests), sum(e.offered), sum(e.accepted), sum(e.lines)
	  FROM (SELECT 'FMS', c.customer_code, c.lor_received_on,
	               (SELECT fms.usml_category(l.usml) FROM fms.case_lines AS l
	                 WHERE l.case_id = c.case_id AND l.change_no IS NULL ORDER BY l.value_usd DESC, l.line_no LIMIT 1),
	               1, 0, 0, 0
	          FROM fms.cases AS c WHERE c.lor_received_on <= fms.today()
	        UNION ALL
	        SELECT 'FMS', f.customer_code, f.on_date, f.usml_category, 0, f.offered_usd, f.accepted_usd, f.lines_ordered
	          FROM fms.category_flows AS f
	         WHERE f.on_date <= fms.today() AND (f.offered_usd <> 0 OR f.accepted_usd <> 0 OR f.lines_ordered <> 0)
	        UNION ALL
	        SELECT 'DCS', l.country_code, l.submitted_on, fms.usml_category(l.usml[array_lower(l.usml, 1)]), 1, l.value_usd, 0, 0
	          FROM fms.dcs_licenses AS l WHERE l.submitted_on <= fms.today()
	        UNION ALL
	        SELECT 'DCS', l.country_code, l.decided_on, fms.usml_category(l.usml[array_lower(l.usml, 1)]), 0, 0, l.value_usd, 1
	          FROM fms.dcs_licenses AS l
	         WHERE l.status IN ('approved', 'approved_with_provisos') AND l.decided_on <= fms.today())
	       AS e(program, partner, on_date, category, requests, offered, accepted, lines)
	 GROUP BY 1, 2, 3, 4
	$$;
CREATE FUNCTION demand_matches(OUT reports_day date, OUT same_slices bool, OUT same_sums bool, OUT quarters_with_demand bigint)
	LANGUAGE sql STABLE AS $$
	WITH afresh AS (SELECT * FROM demand_afresh()),
	series AS (SELECT program, coalesce(customer_code, country_code) AS partner, coalesce(usml_category, 0) AS category,
	                  quarter_start, requests::bigint, value_offered_usd AS offered, value_accepted_usd AS accepted,
	                  lines_ordered::bigint AS lines
	             FROM fms.demand_series)
	SELECT fms.today(),
	       (SELECT count(*) FROM (SELECT DISTINCT program, partner, category FROM afresh) AS a)
	         = (SELECT count(*) FROM (SELECT DISTINCT program, partner, category FROM series) AS s)
	       AND NOT EXISTS (SELECT program, partner, category FROM afresh EXCEPT SELECT program, partner, category FROM series),
	       NOT EXISTS (SELECT * FROM afresh WHERE (requests, offered, accepted, lines) <> (0, 0, 0, 0)
	                   EXCEPT ALL
	                   SELECT * FROM series WHERE (requests, offered, accepted, lines) <> (0, 0, 0, 0))
	       AND NOT EXISTS (SELECT * FROM series WHERE (requests, offered, accepted, lines) <> (0, 0, 0, 0)
	                       EXCEPT ALL
	                       SELECT * FROM afresh WHERE (requests, offered, accepted, lines) <> (0, 0, 0, 0)),
	       (SELECT count(*) FROM afresh WHERE (requests, offered, accepted, lines) <> (0, 0, 0, 0))
	$$;
-- (With the roles of fms.create_roles() there: a superuser is a member of
-- every role, fms_partner and fms_industry too, but no policy binds it.)
SELECT count(*) > 0 AS roles FROM fms.create_roles();
SELECT * FROM demand_matches();
SET fms.as_of_date = '2026-10-01';
SELECT * FROM demand_matches();
SET fms.as_of_date = '2026-09-30';
SELECT * FROM demand_matches();
SET fms.as_of_date = '2019-05-15';
SELECT * FROM demand_matches();
RESET fms.as_of_date;
-- The kept sums are what a rebuild from every row gives, after the
-- generator's writes and after writes that move demand: a licence's
-- destination and value, a licence deleted, a case's LOR a quarter
-- earlier, a basic LOA's largest line growing under another category.
CREATE FUNCTION kept_demand_right() RETURNS bool LANGUAGE plpgsql AS $$
DECLARE same bool;
BEGIN
	CREATE TEMP TABLE kept_before AS SELECT * FROM fms.demand_quarters;
	PERFORM fms.recompute_demand_quarters();
	same := NOT EXISTS (SELECT * FROM kept_before EXCEPT ALL SELECT * FROM fms.demand_quarters)
	        AND NOT EXISTS (SELECT * FROM fms.demand_quarters EXCEPT ALL SELECT * FROM kept_before);
	DROP TABLE kept_before;
	RETURN same;
END $$;
SELECT kept_demand_right() AS after_the_generator, (SELECT count(*) > 0 FROM fms.demand_quarters) AS kept;
BEGIN;
UPDATE fms.dcs_licenses SET country_code = 'FR', value_usd = value_usd + 1 WHERE license_no = '000000001';
UPDATE fms.dcs_licenses SET value_usd = value_usd * 2 WHERE license_no = '000000002';
DELETE FROM fms.dcs_licenses WHERE license_no = (SELECT max(license_no) FROM fms.dcs_licenses WHERE status = 'approved');
UPDATE fms.cases SET lor_received_on = '2026-07-31' WHERE case_id = 'BL-B-001';
UPDATE fms.case_lines SET value_usd = 900000000, usml = 'XI(a)' WHERE case_id = 'AL-B-000' AND line_no = 3;
-- a licence dated beyond the years a timestamp holds
INSERT INTO fms.dcs_licenses (license_no, form, applicant, country_code, value_usd, submitted_on)
VALUES ('FAR-AHEAD', 'DSP-5', 'Acme', 'JP', 1000, '300000-05-01');
SELECT loa_usml_category AS now_under_xi FROM fms.case_balances WHERE case_id = 'AL-B-000';
SELECT kept_demand_right() AS after_writes, (SELECT same_sums FROM demand_matches()) AS series_right;
ROLLBACK;
-- A partner role reads its customers' kept sums; the licences' sums are
-- over every applicant, so an industry role's series sums its own
-- licences from their rows, every quarter.
CREATE ROLE regress_forecasting_partner IN ROLE fms_partner;
CREATE ROLE regress_forecasting_industry IN ROLE fms_industry;
SELECT fms.grant_customer_access('regress_forecasting_partner', 'PL');
SELECT fms.grant_licence_access('regress_forecasting_industry', (SELECT min(applicant) FROM fms.dcs_licenses));
SET ROLE regress_forecasting_partner;
SELECT same_slices, same_sums, quarters_with_demand,
       (SELECT array_agg(DISTINCT coalesce(customer_code, program)) FROM fms.demand_series) AS partners_seen
  FROM demand_matches();
SET ROLE regress_forecasting_industry;
SELECT same_slices, same_sums, quarters_with_demand > 0 AS has_demand,
       (SELECT array_agg(DISTINCT program) FROM fms.demand_series) AS programs_seen
  FROM demand_matches();
-- The licences' demand trigger runs as its owner: on a table of a reader's
-- own it would write what that table holds into the sums, so it refuses
-- any table but the licences.
SET ROLE regress_forecasting_partner;
CREATE TEMP TABLE bait (LIKE fms.dcs_licenses);
CREATE TRIGGER bait AFTER INSERT ON bait REFERENCING NEW TABLE AS added_licences
	FOR EACH STATEMENT EXECUTE FUNCTION fms.keep_licence_demand();
SELECT * FROM error_of($$INSERT INTO bait (license_no, form, applicant, country_code, value_usd, status, submitted_on)
                         VALUES ('x', 'DSP-5', 'x', 'ZZ', 1e12, 'approved', '2026-01-15')$$);
DROP TABLE bait;
RESET ROLE;
SELECT count(*) AS fake_sums FROM fms.demand_quarters WHERE partner = 'ZZ';
DROP ROLE regress_forecasting_partner, regress_forecasting_industry;
-- The quarter of any date.
SELECT d, fms.quarter_start(d)
  FROM unnest('{2026-11-30,2026-10-01,2026-09-30,2026-12-31,300000-05-01,4714-11-24 BC,4713-02-01 BC,infinity,-infinity}'::date[]) AS d;

-- Licences submitted on -infinity and in 4713 BC: their demand is kept
-- under their quarters, but the series read the last 400 quarters only
-- (fms.forecast_history_start()), for a superuser and for an industry role
-- that sums its licences itself: from -infinity the grid of quarters would
-- never end (the view once ran until cancelled), from 4713 BC it would
-- hold 27,000 quarters a slice (32 s at the sample's size).
BEGIN;
SET LOCAL statement_timeout = '120s';
INSERT INTO fms.dcs_licenses (license_no, form, applicant, country_code, value_usd, submitted_on)
SELECT v.license_no, 'DSP-5', min(l.applicant), 'JP', 1000, v.submitted_on
  FROM fms.dcs_licenses AS l, (VALUES ('NEG-INF', '-infinity'::date), ('ANCIENT', '4713-01-01 BC')) AS v(license_no, submitted_on)
 GROUP BY v.license_no, v.submitted_on;
CREATE ROLE regress_forecasting_applicant IN ROLE fms_industry;
SELECT fms.grant_licence_access('regress_forecasting_applicant', (SELECT min(applicant) FROM fms.dcs_licenses));
SELECT (SELECT array_agg(quarter_start ORDER BY quarter_start) FROM fms.demand_quarters WHERE quarter_start < '1900-01-01') AS kept,
       (SELECT min(quarter_start) FROM fms.demand_series WHERE program = 'DCS') AS first_dcs_quarter,
       fms.forecast_history_start() AS history_start;
SET ROLE regress_forecasting_applicant;
SELECT min(s.quarter_start) AS first_quarter_applicant_sees,
       sum(s.requests) = (SELECT count(*) FROM fms.dcs_licenses AS l
                           WHERE l.submitted_on >= fms.forecast_history_start() AND l.submitted_on <= fms.today()) AS requests_in_the_window
  FROM fms.demand_series AS s;
RESET ROLE;
ROLLBACK;

-- The history the forecasts read: each rolled-up series is the sum of the
-- series below it, over the complete quarters.
SELECT level, program, count(*) AS series, min(cardinality(requests)) = max(cardinality(requests)) AS same_length,
       max(last_quarter) AS last_quarter
  FROM fms.demand_history GROUP BY 1, 2 ORDER BY 2, 1;
SELECT h.program, h.requests = (SELECT array_agg(x.r ORDER BY x.q)
                                  FROM (SELECT s.quarter_start AS q, sum(s.requests)::float8 AS r FROM fms.demand_series AS s
                                         WHERE s.complete AND s.program = h.program GROUP BY 1) AS x) AS program_total_adds_up
  FROM fms.demand_history AS h WHERE h.level = 'program' ORDER BY 1;

-- The two forecasting views read once (each fits every series), then
-- checked.
CREATE TEMP TABLE forecasts AS SELECT * FROM fms.demand_forecast;
CREATE TEMP TABLE accuracy AS SELECT * FROM fms.forecast_accuracy;

-- Forecasts: 8 quarters for each series and measure, from the current
-- quarter, never below zero, the intervals around the forecast.
SELECT (SELECT count(*) FROM forecasts) = 16 * (SELECT count(*) FROM fms.demand_history) AS eight_each,
       (SELECT min(quarter_start) FROM forecasts) AS first_quarter,
       (SELECT max(quarter_start) FROM forecasts) AS last_quarter,
       (SELECT bool_and(forecast >= 0 AND lower_95 <= lower_80 AND lower_80 <= forecast AND forecast <= upper_80
                        AND upper_80 <= upper_95) FROM forecasts WHERE lower_80 IS NOT NULL) AS ordered,
       (SELECT count(*) FROM forecasts WHERE model NOT IN ('zero', 'naive', 'mean', 'sba')
                                                   AND model NOT LIKE 'ETS(%') AS unknown_models;
-- The program's forecast is the series' own (not the sum of the parts).
SELECT f.forecast = round(greatest(x.point, 0)::numeric, 2) AS program_forecast_is_its_own
  FROM forecasts AS f, fms.demand_history AS h, fms.forecast(h.value_accepted_usd, 8) AS x
 WHERE f.level = 'program' AND f.program = 'FMS' AND f.measure = 'value_accepted_usd' AND f.step = 1
   AND h.level = 'program' AND h.program = 'FMS' AND x.step = 1;

-- Accuracy: a row per series and measure, and an overall row per level,
-- program and measure that summarizes them.
SELECT (SELECT count(*) FROM accuracy WHERE NOT overall) = 2 * (SELECT count(*) FROM fms.demand_history) AS every_series,
       (SELECT count(*) FROM accuracy WHERE overall) AS overall_rows,
       (SELECT bool_and(forecasts <= 8 AND intervals <= forecasts AND coverage_80 <= coverage_95)
          FROM accuracy WHERE NOT overall) AS sane;
SELECT a.level, a.program, a.measure, a.series, a.forecasts = s.forecasts AS forecasts_add_up,
       a.mase = s.median_mase AS median_mase
  FROM accuracy AS a
  JOIN (SELECT level, program, measure, sum(forecasts) AS forecasts,
               percentile_cont(0.5) WITHIN GROUP (ORDER BY mase) AS median_mase
          FROM accuracy WHERE NOT overall GROUP BY 1, 2, 3) AS s USING (level, program, measure)
 WHERE a.overall AND a.level = 'program' ORDER BY 2, 3;

-- Fits kept between reads.  Above, nothing was kept and every series was
-- fitted on the spot; with every series' fit kept, both views read the
-- same rows, and a second refresh has nothing to fit or drop.
SELECT * FROM fms.refresh_kept_forecasts();
SELECT * FROM fms.refresh_kept_forecasts();
SELECT (SELECT count(*) FROM (SELECT * FROM fms.demand_forecast EXCEPT ALL SELECT * FROM forecasts) AS x) AS forecasts_not_fitted,
       (SELECT count(*) FROM (SELECT * FROM forecasts EXCEPT ALL SELECT * FROM fms.demand_forecast) AS x) AS forecasts_missing,
       (SELECT count(*) FROM (SELECT * FROM fms.forecast_accuracy EXCEPT ALL SELECT * FROM accuracy) AS x) AS scores_not_fitted,
       (SELECT count(*) FROM (SELECT * FROM accuracy EXCEPT ALL SELECT * FROM fms.forecast_accuracy) AS x) AS scores_missing;
-- The views do read the kept fits: one altered by hand shows through.
BEGIN;
UPDATE fms.kept_forecasts SET point = array_fill(42::float8, ARRAY[8])
 WHERE series_digest = (SELECT fms.series_digest(h.requests) FROM fms.demand_history AS h
                         WHERE h.level = 'program' AND h.program = 'FMS');
UPDATE fms.kept_backtests SET mae = 42
 WHERE series_digest = (SELECT fms.series_digest(h.requests) FROM fms.demand_history AS h
                         WHERE h.level = 'program' AND h.program = 'FMS');
SELECT (SELECT forecast FROM fms.demand_forecast
         WHERE level = 'program' AND program = 'FMS' AND measure = 'requests' AND step = 3) AS kept_forecast_read,
       (SELECT mae FROM fms.forecast_accuracy
         WHERE NOT overall AND level = 'program' AND program = 'FMS' AND measure = 'requests') AS kept_score_read;
ROLLBACK;
-- A fit is read only under the build that made it: one altered and
-- marked as another build's is not read (the view fits the series on the
-- spot), and the next refresh drops it and fits the series again.
BEGIN;
UPDATE fms.kept_forecasts SET point = array_fill(42::float8, ARRAY[8]), fitted_by = 'another build'
 WHERE series_digest = (SELECT fms.series_digest(h.requests) FROM fms.demand_history AS h
                         WHERE h.level = 'program' AND h.program = 'FMS');
SELECT f.forecast = o.forecast AS fitted_on_the_spot
  FROM fms.demand_forecast AS f JOIN forecasts AS o USING (level, program, measure, step)
 WHERE f.level = 'program' AND f.program = 'FMS' AND f.measure = 'requests' AND f.step = 3;
SELECT fits, fitted, dropped FROM fms.refresh_kept_forecasts();
SELECT count(*) AS other_builds_kept FROM fms.kept_forecasts WHERE fitted_by <> fms.forecast_build();
ROLLBACK;
SELECT fms.forecast_build() ~ '^source [0-9a-f]{16}; compiler .+; C library .+$' AS build_named;
-- A series that moves has another digest: it is fitted on the spot until
-- the next refresh keeps its fit and drops the old one.  A DCS licence
-- approved in the last complete quarter grown by $1 billion moves the DCS
-- program series of value approved and the four that sum the licence
-- under it: its partner and category, region and category, region, and
-- category.
BEGIN;
UPDATE fms.dcs_licenses SET value_usd = value_usd + 1e9
 WHERE license_no = (SELECT min(license_no) FROM fms.dcs_licenses
                      WHERE status = 'approved' AND decided_on BETWEEN '2026-07-01' AND '2026-09-30');
SELECT f.forecast = round(greatest(x.point, 0)::numeric, 2) AS moved_series_fitted_anew,
       f.forecast <> o.forecast AS forecast_moved
  FROM fms.demand_forecast AS f, fms.demand_history AS h, fms.forecast(h.value_accepted_usd, 8) AS x, forecasts AS o
 WHERE f.level = 'program' AND f.program = 'DCS' AND f.measure = 'value_accepted_usd' AND f.step = 1
   AND h.level = 'program' AND h.program = 'DCS' AND x.step = 1
   AND o.level = 'program' AND o.program = 'DCS' AND o.measure = 'value_accepted_usd' AND o.step = 1;
SELECT l.country_code, l.usml, r.* FROM fms.dcs_licenses AS l, fms.refresh_kept_forecasts() AS r
 WHERE l.value_usd > 1e9 AND l.decided_on BETWEEN '2026-07-01' AND '2026-09-30';
ROLLBACK;

-- What fms.forecast takes: one dimension, no NULL, finite values of at
-- most 1e100; an empty series (which it forecasts as no rows) too.
SELECT fms.forecastable('{1,2,3}') AS plain, fms.forecastable('{}') AS empty, fms.forecastable('{1e100,-1e100}') AS at_the_limit,
       fms.forecastable('{1,1e101}') AS too_large, fms.forecastable('{1,Infinity}') AS infinite, fms.forecastable('{NaN}') AS nan,
       fms.forecastable('{1,NULL}') AS with_null, fms.forecastable('{{1,2},{3,4}}') AS two_dimensions,
       fms.forecastable(NULL) AS of_null;
-- A licence valued at 1e101 dollars (the approval guard refuses the value,
-- a later edit does not; the column takes any finite amount): the five
-- series that sum it (the program's, its
-- partner and category, region and category, region, category) cannot be
-- forecast and are left out of the views and the refresh, which answer for
-- every other series instead of failing for every reader.
BEGIN;
UPDATE fms.dcs_licenses SET value_usd = 1e101
 WHERE license_no = (SELECT min(license_no) FROM fms.dcs_licenses
                      WHERE status = 'approved' AND decided_on BETWEEN '2026-07-01' AND '2026-09-30');
SELECT (SELECT count(*) FROM fms.demand_history AS h WHERE NOT fms.forecastable(h.value_accepted_usd)) AS refused_series,
       (SELECT count(*) FROM fms.demand_history AS h WHERE NOT fms.forecastable(h.requests)) AS refused_request_series,
       NOT EXISTS (SELECT FROM fms.demand_forecast
                    WHERE level = 'program' AND program = 'DCS' AND measure = 'value_accepted_usd') AS dcs_value_left_out,
       EXISTS (SELECT FROM fms.demand_forecast
                WHERE level = 'program' AND program = 'DCS' AND measure = 'requests') AS dcs_requests_forecast,
       EXISTS (SELECT FROM fms.demand_forecast
                WHERE level = 'program' AND program = 'FMS' AND measure = 'value_accepted_usd') AS fms_value_forecast,
       (SELECT count(*) FROM fms.forecast_accuracy WHERE NOT overall AND level = 'program') AS program_series_scored,
       (SELECT count(*) > 0 FROM fms.supply_load) AS supply_load_reads;
-- One beyond float8's range (1e309 dollars) enters the series as Infinity,
-- which is refused the same way.
UPDATE fms.dcs_licenses SET value_usd = 1e309 WHERE value_usd = 1e101;
SELECT fms.saturated_float8(1e309) AS beyond, fms.saturated_float8(-1e309) AS below, fms.saturated_float8(1.5) AS within,
       fms.saturated_float8(NULL) AS no_amount,
       (SELECT count(*) FROM fms.demand_history AS h WHERE NOT fms.forecastable(h.value_accepted_usd)) AS refused_series,
       (SELECT max(v) FROM fms.demand_history AS h, unnest(h.value_accepted_usd) AS v
         WHERE h.level = 'program' AND h.program = 'DCS') AS dcs_program_peak,
       NOT EXISTS (SELECT FROM fms.demand_forecast
                    WHERE level = 'program' AND program = 'DCS' AND measure = 'value_accepted_usd') AS dcs_value_left_out,
       (SELECT count(*) FROM fms.forecast_accuracy WHERE NOT overall AND level = 'program') AS program_series_scored;
SELECT r.fits, r.series = (SELECT count(DISTINCT fms.series_digest(m.history))
                             FROM fms.demand_history AS h, LATERAL (VALUES (h.requests), (h.value_accepted_usd)) AS m(history)
                            WHERE fms.forecastable(m.history)) AS every_forecastable_series
  FROM fms.refresh_kept_forecasts() AS r;
ROLLBACK;
-- A fit tells of its series: a partner role sees no kept fit and fits its
-- own series (here, Poland's and the sums over them) on the spot; a reader
-- may neither keep fits nor write them.
CREATE ROLE regress_forecasting_partner IN ROLE fms_partner;
CREATE ROLE regress_forecasting_reader IN ROLE fms_reader;
SELECT fms.grant_customer_access('regress_forecasting_partner', 'PL');
SET ROLE regress_forecasting_partner;
SELECT (SELECT count(*) FROM fms.kept_forecasts) AS kept_forecasts_seen, (SELECT count(*) FROM fms.kept_backtests) AS kept_backtests_seen,
       (SELECT array_agg(DISTINCT coalesce(customer_code, level)) FROM fms.demand_forecast) AS series_forecast,
       (SELECT bool_and(f.forecast = round(greatest(x.point, 0)::numeric, 2))
          FROM fms.demand_forecast AS f, fms.demand_history AS h, fms.forecast(h.requests, 8) AS x
         WHERE f.level = 'program' AND f.measure = 'requests' AND h.level = 'program' AND h.program = f.program
           AND x.step = f.step) AS own_series_fitted;
-- A partner's login stays restricted whatever role it sets: as
-- fms_reader it still sees no kept fit, and it may not refresh them even
-- as a writer, for the counts would tell of every partner's series.
RESET ROLE;
GRANT fms_writer TO regress_forecasting_partner;
SET SESSION AUTHORIZATION regress_forecasting_partner;
SET ROLE fms_reader;
SELECT current_user, (SELECT count(*) FROM fms.kept_forecasts) AS kept_forecasts_seen,
       (SELECT count(*) FROM fms.cases) AS cases_seen;
SET ROLE fms_writer;
SELECT * FROM error_of('SELECT fms.refresh_kept_forecasts()');
RESET ROLE;
RESET SESSION AUTHORIZATION;
SET ROLE regress_forecasting_reader;
SELECT * FROM error_of('SELECT fms.refresh_kept_forecasts()');
SELECT * FROM error_of($$INSERT INTO fms.kept_forecasts VALUES ('\x00', 8, 'auto', fms.forecast_build(), 'naive', '{1}', '{1}', '{1}', '{1}', '{1}')$$);
SELECT * FROM error_of('DELETE FROM fms.kept_backtests');
RESET ROLE;
DROP ROLE regress_forecasting_partner, regress_forecasting_reader;

-- Supply: a capacity per category the sample delivers under; 16 quarters
-- per category; the load is the delivered value behind, and ahead the
-- larger of delivered plus scheduled and the forecast.
SELECT count(*) > 0 AS has_capacity, bool_and(source LIKE 'sample: %') AS marked_as_sample FROM fms.production_capacity;
SELECT count(DISTINCT quarter_start) AS quarters, count(*) FILTER (WHERE ahead) / count(DISTINCT usml_category) AS ahead_each,
       bool_and(load_usd = CASE WHEN ahead THEN greatest(delivered_usd + scheduled_usd, forecast_usd) ELSE delivered_usd END) AS load_rule,
       bool_and(over_capacity = (load_usd > capacity_usd)) AS flag_rule
  FROM fms.supply_load;
-- Scheduled is every planned delivery not yet made within the 8 quarters
-- (those planned past today count in the current quarter).
SELECT (SELECT sum(scheduled_usd) FROM fms.supply_load WHERE ahead)
       = (SELECT sum(e.value_usd) FROM fms.deliveries AS e JOIN fms.case_lines_as_of('2026-11-30') AS l USING (case_id, line_no)
           WHERE e.delivered_on IS NULL AND l.usml IS NOT NULL AND e.planned_on < '2028-10-01') AS scheduled_adds_up;
-- On an earlier reports' day, what was delivered after it counts as
-- scheduled then, nothing is lost between the two.
SET fms.as_of_date = '2025-11-30';
SELECT (SELECT sum(scheduled_usd) FROM fms.supply_load WHERE ahead)
       = (SELECT sum(e.value_usd) FROM fms.deliveries AS e JOIN fms.case_lines_as_of('2025-11-30') AS l USING (case_id, line_no)
           WHERE (e.delivered_on IS NULL OR e.delivered_on > '2025-11-30') AND l.usml IS NOT NULL
             AND COALESCE(e.planned_on, e.delivered_on) < '2027-10-01') AS scheduled_as_of_then;
-- A reports' day far ahead: the forecasts read the last 400 quarters only.
SET fms.as_of_date = '4600-01-01';
SELECT count(*) > 0 AS supply_load_far_ahead FROM fms.supply_load;
RESET fms.as_of_date;
-- Capacity by hand: category XII at $100 million a quarter from the start
-- of the current quarter, $300 million from 2027-02-15, and nothing to
-- deliver: the quarter of the change weighs the two by their days (45 and
-- 45 of 90: $200 million), the load is zero, nothing is over.
INSERT INTO fms.production_capacity VALUES (12, '2026-10-01', '2027-02-15', 100e6, 'test'), (12, '2027-02-15', NULL, 300e6, 'test');
SELECT fiscal_quarter, capacity_usd, load_usd, over_capacity, at_risk
  FROM fms.supply_load WHERE usml_category = 12 AND ahead ORDER BY quarter_start LIMIT 3;
-- Periods of one category may not overlap (checked at commit, here at
-- once); a capacity is a finite amount of a category on the list.
BEGIN;
SET CONSTRAINTS fms.production_capacity_periods_do_not_overlap IMMEDIATE;
SELECT * FROM error_of($$INSERT INTO fms.production_capacity VALUES (12, '2027-01-01', '2027-06-01', 1, 'overlap')$$);
ROLLBACK;
SELECT * FROM error_of($$INSERT INTO fms.production_capacity VALUES (13, '2027-01-01', NULL, 'NaN', 'not a number')$$);
SELECT * FROM error_of($$INSERT INTO fms.production_capacity VALUES (22, '2027-01-01', NULL, 1, 'no such category')$$);
\c contrib_regression
DROP DATABASE fms_forecasting;
