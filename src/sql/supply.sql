/* src/sql/supply.sql -- production capacity by USML category, and the load on it */

-- What industry can deliver per quarter under a USML category, in U.S.
-- dollars, as the user estimates it (from the services' production plans,
-- industry surveys, contract ceilings): effective-dated, so that a plan
-- raised next year is recorded beside this year's.
CREATE TABLE fms.production_capacity (
	usml_category pg_catalog.int4 NOT NULL
		CONSTRAINT category_is_on_the_usml CHECK (usml_category OPERATOR(pg_catalog.>=) 1 AND usml_category OPERATOR(pg_catalog.<=) 21),
	valid_from pg_catalog.date NOT NULL
		CONSTRAINT valid_from_is_a_day CHECK (pg_catalog.isfinite(valid_from)),
	valid_to pg_catalog.date,
	capacity_usd_per_quarter pg_catalog.numeric NOT NULL
		CONSTRAINT capacity_is_finite_not_negative
		CHECK (capacity_usd_per_quarter OPERATOR(pg_catalog.>=) 0 AND capacity_usd_per_quarter OPERATOR(pg_catalog.<) 'Infinity'),
	source pg_catalog.text NOT NULL,
	PRIMARY KEY (usml_category, valid_from),
	CONSTRAINT validity_is_not_empty CHECK (valid_to IS NULL OR valid_to OPERATOR(pg_catalog.>) valid_from),
	-- Checked at commit, as for the other effective-dated tables.
	CONSTRAINT production_capacity_periods_do_not_overlap EXCLUDE USING gist (
		usml_category WITH OPERATOR(pg_catalog.=),
		pg_catalog.daterange(valid_from, valid_to) WITH OPERATOR(pg_catalog.&&)) DEFERRABLE INITIALLY DEFERRED
);
SELECT pg_catalog.pg_extension_config_dump('fms.production_capacity', '');
COMMENT ON TABLE fms.production_capacity IS 'what industry can deliver per quarter under each USML category, U.S. dollars, valid over [valid_from, valid_to); entered by the user';
COMMENT ON COLUMN fms.production_capacity.usml_category IS 'USML category, 1 to 21';
COMMENT ON COLUMN fms.production_capacity.valid_from IS 'first day the capacity holds';
COMMENT ON COLUMN fms.production_capacity.valid_to IS 'first day it no longer holds; NULL while current';
COMMENT ON COLUMN fms.production_capacity.capacity_usd_per_quarter IS 'value industry can deliver in a quarter, U.S. dollars';
COMMENT ON COLUMN fms.production_capacity.source IS 'where the figure comes from';

-- The load on industry by category over the 8 complete quarters before the
-- current one and the 8 from it:
--   past quarters: the value delivered;
--   the current and later ones: the larger of what is scheduled (planned
--   and not delivered by today, at the line's category in force today; a planned
--   day already past counts in the current quarter; the current quarter
--   also counts what it has delivered so far) and the forecast of the
--   value delivered (fms.forecast of each category's quarterly deliveries
--   since fms.forecast_history_start(), method auto).
-- Capacity in a quarter is the day-weighted mean of the capacities in
-- force over the days of it that have one.  A quarter is over capacity
-- when its load exceeds that, at risk when the upper bound of the 80%
-- interval of the forecast does.
CREATE VIEW fms.supply_load AS
WITH current_quarter AS (
	SELECT pg_catalog.date_trunc('quarter', fms.today()::pg_catalog.timestamp)::pg_catalog.date AS quarter_start
), delivered AS (
	SELECT f.usml_category, pg_catalog.date_trunc('quarter', f.on_date)::pg_catalog.date AS quarter_start,
	       pg_catalog.sum(f.delivered_usd) AS delivered_usd
	  FROM fms.category_flows AS f
	 WHERE f.delivered_usd OPERATOR(pg_catalog.<>) 0 AND f.usml_category IS NOT NULL
	   AND f.on_date OPERATOR(pg_catalog.<=) fms.today()
	 GROUP BY 1, 2
), history AS (
	-- each category's value delivered per complete quarter, zeros included
	SELECT d.usml_category, pg_catalog.array_agg(fms.saturated_float8(COALESCE(x.delivered_usd, 0)) ORDER BY q.q) AS series
	  FROM (SELECT d.usml_category, GREATEST(pg_catalog.min(d.quarter_start), fms.forecast_history_start()) AS first_quarter
	          FROM delivered AS d GROUP BY 1) AS d
	 CROSS JOIN current_quarter AS c
	 CROSS JOIN LATERAL pg_catalog.generate_series(d.first_quarter::pg_catalog.timestamp,
	                                               c.quarter_start OPERATOR(pg_catalog.-) '3 months'::pg_catalog.interval,
	                                               '3 months'::pg_catalog.interval) AS q
	  LEFT JOIN delivered AS x
	    ON x.usml_category OPERATOR(pg_catalog.=) d.usml_category AND x.quarter_start OPERATOR(pg_catalog.=) q.q::pg_catalog.date
	 GROUP BY d.usml_category
), forecast AS (
	SELECT h.usml_category,
	       (c.quarter_start OPERATOR(pg_catalog.+) pg_catalog.make_interval(months => 3 OPERATOR(pg_catalog.*) (f.step OPERATOR(pg_catalog.-) 1)))::pg_catalog.date
	           AS quarter_start,
	       (CASE WHEN f.point OPERATOR(pg_catalog.<) 0 THEN 0 ELSE f.point END)::pg_catalog.numeric AS forecast_usd,
	       (CASE WHEN f.upper_80 OPERATOR(pg_catalog.<) 0 THEN 0 ELSE f.upper_80 END)::pg_catalog.numeric AS upper_80
	  FROM history AS h
	 CROSS JOIN current_quarter AS c
	 CROSS JOIN LATERAL fms.forecast(h.series, 8, 'auto') AS f
	 WHERE fms.forecastable(h.series)
), scheduled AS (
	-- not delivered by today (a delivery recorded after the reports' day
	-- counts as planned then, on its planned day or else its delivery day)
	SELECT fms.usml_category(l.usml) AS usml_category,
	       GREATEST(pg_catalog.date_trunc('quarter', COALESCE(e.planned_on, e.delivered_on))::pg_catalog.date, c.quarter_start)
	           AS quarter_start,
	       pg_catalog.sum(e.value_usd) AS scheduled_usd
	  FROM fms.deliveries AS e
	  JOIN fms.case_lines_as_of(fms.today()) AS l
	    ON l.case_id OPERATOR(fms.=) e.case_id AND l.line_no OPERATOR(pg_catalog.=) e.line_no
	 CROSS JOIN current_quarter AS c
	 WHERE (e.delivered_on IS NULL OR e.delivered_on OPERATOR(pg_catalog.>) fms.today()) AND l.usml IS NOT NULL
	 GROUP BY 1, 2
), quarters AS (
	SELECT (c.quarter_start OPERATOR(pg_catalog.+) pg_catalog.make_interval(months => 3 OPERATOR(pg_catalog.*) k))::pg_catalog.date AS quarter_start,
	       (c.quarter_start OPERATOR(pg_catalog.+) pg_catalog.make_interval(months => 3 OPERATOR(pg_catalog.*) (k OPERATOR(pg_catalog.+) 1)))::pg_catalog.date
	           AS quarter_end,
	       k OPERATOR(pg_catalog.>=) 0 AS ahead
	  FROM current_quarter AS c, pg_catalog.generate_series(-8, 7) AS k
), categories AS (
	SELECT d.usml_category FROM delivered AS d
	UNION
	SELECT s.usml_category FROM scheduled AS s
	UNION
	SELECT p.usml_category FROM fms.production_capacity AS p
), capacity AS (
	SELECT p.usml_category, q.quarter_start,
	       pg_catalog.sum(p.capacity_usd_per_quarter OPERATOR(pg_catalog.*) (pg_catalog.upper(o.days) OPERATOR(pg_catalog.-) pg_catalog.lower(o.days)))
	       OPERATOR(pg_catalog./) pg_catalog.sum(pg_catalog.upper(o.days) OPERATOR(pg_catalog.-) pg_catalog.lower(o.days)) AS capacity_usd
	  FROM fms.production_capacity AS p
	  JOIN quarters AS q
	    ON pg_catalog.daterange(p.valid_from, p.valid_to) OPERATOR(pg_catalog.&&) pg_catalog.daterange(q.quarter_start, q.quarter_end)
	 CROSS JOIN LATERAL (SELECT pg_catalog.daterange(p.valid_from, p.valid_to) OPERATOR(pg_catalog.*)
	                            pg_catalog.daterange(q.quarter_start, q.quarter_end) AS days) AS o
	 GROUP BY 1, 2
), loads AS (
	SELECT g.usml_category, q.quarter_start, q.ahead,
	       COALESCE(d.delivered_usd, 0) AS delivered_usd,
	       CASE WHEN q.ahead THEN COALESCE(s.scheduled_usd, 0) END AS scheduled_usd,
	       pg_catalog.round(f.forecast_usd, 2) AS forecast_usd,
	       pg_catalog.round(f.upper_80, 2) AS forecast_upper_80,
	       c.capacity_usd
	  FROM categories AS g
	 CROSS JOIN quarters AS q
	  LEFT JOIN delivered AS d
	    ON d.usml_category OPERATOR(pg_catalog.=) g.usml_category AND d.quarter_start OPERATOR(pg_catalog.=) q.quarter_start
	  LEFT JOIN scheduled AS s
	    ON s.usml_category OPERATOR(pg_catalog.=) g.usml_category AND s.quarter_start OPERATOR(pg_catalog.=) q.quarter_start
	  LEFT JOIN forecast AS f
	    ON f.usml_category OPERATOR(pg_catalog.=) g.usml_category AND f.quarter_start OPERATOR(pg_catalog.=) q.quarter_start
	  LEFT JOIN capacity AS c
	    ON c.usml_category OPERATOR(pg_catalog.=) g.usml_category AND c.quarter_start OPERATOR(pg_catalog.=) q.quarter_start
)
SELECT l.usml_category, l.quarter_start, fms.fiscal_year(l.quarter_start) AS fiscal_year,
       fms.fiscal_quarter(l.quarter_start) AS fiscal_quarter, l.ahead,
       l.delivered_usd, l.scheduled_usd, l.forecast_usd, l.forecast_upper_80,
       x.load_usd, pg_catalog.round(l.capacity_usd, 2) AS capacity_usd,
       pg_catalog.round(x.load_usd OPERATOR(pg_catalog./) NULLIF(l.capacity_usd, 0), 3) AS load_ratio,
       x.load_usd OPERATOR(pg_catalog.>) l.capacity_usd AS over_capacity,
       l.ahead AND GREATEST(x.load_usd, l.forecast_upper_80) OPERATOR(pg_catalog.>) l.capacity_usd AS at_risk
  FROM loads AS l
 CROSS JOIN LATERAL (SELECT CASE WHEN l.ahead THEN GREATEST(l.delivered_usd OPERATOR(pg_catalog.+) l.scheduled_usd, l.forecast_usd)
                                 ELSE l.delivered_usd END AS load_usd) AS x;
COMMENT ON VIEW fms.supply_load IS 'the load on industry by USML category and quarter, 8 complete quarters back and 8 ahead (the current one first): value delivered, scheduled and forecast against fms.production_capacity, flagging the quarters where demand exceeds capacity; a category whose history fms.forecastable refuses has no forecast';
COMMENT ON COLUMN fms.supply_load.usml_category IS 'USML category';
COMMENT ON COLUMN fms.supply_load.quarter_start IS 'first day of the quarter';
COMMENT ON COLUMN fms.supply_load.fiscal_year IS 'fiscal year';
COMMENT ON COLUMN fms.supply_load.fiscal_quarter IS 'fiscal quarter, e.g. FY2027 Q1';
COMMENT ON COLUMN fms.supply_load.ahead IS 'the current quarter or a later one (scheduled and forecast); false for the complete quarters before';
COMMENT ON COLUMN fms.supply_load.delivered_usd IS 'value delivered in the quarter (so far, in the current one), U.S. dollars';
COMMENT ON COLUMN fms.supply_load.scheduled_usd IS 'value planned for the quarter and not delivered by today (planned days already past count in the current quarter); NULL for past quarters';
COMMENT ON COLUMN fms.supply_load.forecast_usd IS 'forecast of the value delivered in the quarter (fms.forecast of the category''s quarterly deliveries); NULL for past quarters';
COMMENT ON COLUMN fms.supply_load.forecast_upper_80 IS 'upper bound of the forecast''s 80% prediction interval';
COMMENT ON COLUMN fms.supply_load.load_usd IS 'the load: the value delivered for past quarters; for the current and later ones the larger of delivered plus scheduled and the forecast';
COMMENT ON COLUMN fms.supply_load.capacity_usd IS 'capacity in the quarter (fms.production_capacity, day-weighted over the days with one); NULL if none is recorded';
COMMENT ON COLUMN fms.supply_load.load_ratio IS 'load over capacity';
COMMENT ON COLUMN fms.supply_load.over_capacity IS 'the load exceeds the capacity; NULL without a capacity';
COMMENT ON COLUMN fms.supply_load.at_risk IS 'ahead, and the load or the forecast''s 80% upper bound exceeds the capacity; false for past quarters, NULL ahead without a capacity';
