/* src/sql/demand.sql -- demand by fiscal quarter: the series the forecasts read */

-- One row per slice (program, partner, USML category) and fiscal quarter,
-- from the program's first quarter with demand (in the last 400,
-- fms.forecast_history_start()) to the current one, zeros
-- where nothing happened: a forecast needs the quiet quarters too.  What
-- counts, and under which partner and category, is said by the demand
-- events (src/sql/demand_keeping.sql): an FMS case's LOR, its flows
-- (fms.category_flows), a DCS licence's application and approval.  Each
-- quarter is its sums kept in fms.demand_quarters, the current one less
-- the events after the reports' day (few, by index, on the days reports
-- ask about).  A partner or industry role, whose licences the kept sums do
-- not tell apart, sums its licences from their rows.
-- A slice keeps one country and region through its history: the customer's
-- destination country and the country's region as of today.
-- How far back the demand series, and so the forecasts, read: the 100
-- years (400 quarters) before the current quarter, far more than any
-- history recorded, so that neither a reports' day set far ahead nor a day
-- of demand typed far back (4713 BC, -infinity) makes a grid of quarters
-- beyond measure, or hands fms.forecast a series beyond its limit.
CREATE FUNCTION fms.forecast_history_start() RETURNS pg_catalog.date
	LANGUAGE sql STABLE PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
	AS $$
	SELECT (pg_catalog.date_trunc('quarter', fms.today()::pg_catalog.timestamp) OPERATOR(pg_catalog.-) '100 years'::pg_catalog.interval)::pg_catalog.date
	$$;
COMMENT ON FUNCTION fms.forecast_history_start() IS 'first day of the history the demand series and the forecasting views read: the 400 quarters before the current one';

CREATE VIEW fms.demand_series AS
WITH day AS (
	SELECT fms.today() AS today,
	       pg_catalog.date_trunc('quarter', fms.today()::pg_catalog.timestamp)::pg_catalog.date AS current_quarter,
	       (pg_catalog.date_trunc('quarter', fms.today()::pg_catalog.timestamp) OPERATOR(pg_catalog.+)
	        '3 months - 1 day'::pg_catalog.interval)::pg_catalog.date AS quarter_end,
	       -- whether the policies hide the licences' kept sums from the
	       -- reader (never from a superuser or the tables' owner, whom
	       -- the policies do not bind)
	       pg_catalog.row_security_active('fms.demand_quarters'::pg_catalog.regclass)
	           AND fms.restricted_role() AS restricted,
	       fms.forecast_history_start() AS history_start
), by_quarter AS (
	SELECT k.program, k.partner, k.category_key, k.quarter_start,
	       k.requests::pg_catalog.int4 AS requests, k.value_offered_usd, k.value_accepted_usd,
	       k.lines_ordered::pg_catalog.int4 AS lines_ordered
	  FROM fms.demand_quarters AS k, day
	 WHERE k.quarter_start OPERATOR(pg_catalog.<) day.current_quarter
	   AND k.quarter_start OPERATOR(pg_catalog.>=) day.history_start
	UNION ALL
	-- the current quarter: its kept sums less the events after the day (a
	-- slice whose events all come later has none yet), and a partner or
	-- industry role's licences up to the day
	SELECT x.program, x.partner, x.category_key, x.quarter_start,
	       pg_catalog.sum(x.requests)::pg_catalog.int4, pg_catalog.sum(x.value_offered_usd),
	       pg_catalog.sum(x.value_accepted_usd), pg_catalog.sum(x.lines_ordered)::pg_catalog.int4
	  FROM (SELECT k.program, k.partner, k.category_key, k.quarter_start, k.events, k.requests,
	               k.value_offered_usd, k.value_accepted_usd, k.lines_ordered
	          FROM fms.demand_quarters AS k, day
	         WHERE k.quarter_start OPERATOR(pg_catalog.=) day.current_quarter
	        UNION ALL
	        SELECT e.program, e.partner, COALESCE(e.usml_category, 0), day.current_quarter, -1,
	               OPERATOR(pg_catalog.-) e.requests, OPERATOR(pg_catalog.-) e.value_offered_usd,
	               OPERATOR(pg_catalog.-) e.value_accepted_usd, OPERATOR(pg_catalog.-) e.lines_ordered
	          FROM day
	         CROSS JOIN LATERAL fms.demand_events(day.today OPERATOR(pg_catalog.+) 1,
	                                              CASE WHEN day.restricted THEN 'infinity'::pg_catalog.date
	                                                   ELSE day.today OPERATOR(pg_catalog.+) 1 END,
	                                              day.quarter_end) AS e
	        UNION ALL
	        SELECT e.program, e.partner, COALESCE(e.usml_category, 0),
	               fms.quarter_start(e.on_date), 1,
	               e.requests, e.value_offered_usd, e.value_accepted_usd, e.lines_ordered
	          FROM day
	         CROSS JOIN LATERAL fms.demand_events('infinity', '-infinity', day.today) AS e
	         WHERE day.restricted AND e.on_date OPERATOR(pg_catalog.>=) day.history_start) AS x
	 GROUP BY 1, 2, 3, 4
	HAVING pg_catalog.sum(x.events) OPERATOR(pg_catalog.>) 0
), slices AS (
	SELECT s.program, s.partner, s.category_key, g.country_code,
	       fms.country_dimension(g.country_code, 'region', fms.today()) AS region
	  FROM (SELECT DISTINCT b.program, b.partner, b.category_key FROM by_quarter AS b) AS s
	 CROSS JOIN LATERAL (SELECT CASE s.program WHEN 'DCS' THEN s.partner
	                                 ELSE fms.destination_country(s.partner, fms.today()) END AS country_code) AS g
), quarters AS (
	SELECT b.program, q::pg_catalog.date AS quarter_start
	  FROM (SELECT b.program, pg_catalog.min(b.quarter_start) AS first_quarter FROM by_quarter AS b GROUP BY 1) AS b
	 CROSS JOIN LATERAL pg_catalog.generate_series(b.first_quarter::pg_catalog.timestamp,
	                                               pg_catalog.date_trunc('quarter', fms.today()::pg_catalog.timestamp),
	                                               '3 months'::pg_catalog.interval) AS q
), series AS (
	-- The quarters with demand, and zeros for every other quarter of each
	-- slice's program: a hashed set difference, where a join of the grid
	-- to by_quarter lets the planner match each quarter against every
	-- quarter of its slice.  (Each slice's quarters with demand are unique
	-- and lie in its program's grid.)
	SELECT b.program, b.partner, b.category_key, b.quarter_start,
	       b.requests, b.value_offered_usd, b.value_accepted_usd, b.lines_ordered
	  FROM by_quarter AS b
	UNION ALL
	SELECT z.program, z.partner, z.category_key, z.quarter_start, 0, 0, 0, 0
	  FROM (SELECT s.program, s.partner, s.category_key, q.quarter_start
	          FROM slices AS s
	          JOIN quarters AS q ON q.program OPERATOR(pg_catalog.=) s.program
	        EXCEPT ALL
	        SELECT b.program, b.partner, b.category_key, b.quarter_start
	          FROM by_quarter AS b) AS z
)
SELECT s.program, s.region, s.country_code,
       CASE s.program WHEN 'FMS' THEN s.partner END AS customer_code,
       NULLIF(s.category_key, 0) AS usml_category,
       fms.fiscal_year(q.quarter_start) AS fiscal_year, fms.fiscal_quarter(q.quarter_start) AS fiscal_quarter,
       q.quarter_start,
       (q.quarter_start OPERATOR(pg_catalog.+) '3 months'::pg_catalog.interval)::pg_catalog.date
           OPERATOR(pg_catalog.<=) fms.today() AS complete,
       q.requests, pg_catalog.trim_scale(q.value_offered_usd) AS value_offered_usd,
       pg_catalog.trim_scale(q.value_accepted_usd) AS value_accepted_usd, q.lines_ordered
  FROM series AS q
  JOIN slices AS s
    ON s.program OPERATOR(pg_catalog.=) q.program AND s.partner OPERATOR(pg_catalog.=) q.partner
   AND s.category_key OPERATOR(pg_catalog.=) q.category_key;
COMMENT ON VIEW fms.demand_series IS 'demand by fiscal quarter, one row per program (FMS, DCS), partner, USML category and quarter from the program''s first quarter with demand to the current one, zeros where nothing happened: requests (LORs, licence applications), value offered or applied for, value accepted or approved, lines ordered';
COMMENT ON COLUMN fms.demand_series.program IS 'FMS or DCS';
COMMENT ON COLUMN fms.demand_series.region IS 'State Department region of the partner''s country as of today; NULL for organizations and countries without one';
COMMENT ON COLUMN fms.demand_series.country_code IS 'ISO 3166-1 code of the destination: the FMS customer''s country as of today, the DCS licence''s destination; NULL for organizations';
COMMENT ON COLUMN fms.demand_series.customer_code IS 'FMS customer code; NULL for DCS';
COMMENT ON COLUMN fms.demand_series.usml_category IS 'USML category (1 to 21): FMS requests under the category of the LOA''s largest line, values and lines under each line''s own; DCS under the licence''s first entry; NULL for no category';
COMMENT ON COLUMN fms.demand_series.fiscal_year IS 'fiscal year';
COMMENT ON COLUMN fms.demand_series.fiscal_quarter IS 'fiscal quarter, e.g. FY2026 Q1';
COMMENT ON COLUMN fms.demand_series.quarter_start IS 'first day of the quarter';
COMMENT ON COLUMN fms.demand_series.complete IS 'the quarter ended on or before today; the current quarter is partial (the forecasts read complete quarters only)';
COMMENT ON COLUMN fms.demand_series.requests IS 'FMS Letters of Request received (basic cases); DCS licence applications submitted';
COMMENT ON COLUMN fms.demand_series.value_offered_usd IS 'FMS value offered (LOAs and changes); DCS value applied for; U.S. dollars, without trailing zeros';
COMMENT ON COLUMN fms.demand_series.value_accepted_usd IS 'FMS value accepted; DCS value approved; U.S. dollars, without trailing zeros';
COMMENT ON COLUMN fms.demand_series.lines_ordered IS 'FMS line versions of the documents accepted; DCS licences approved';
