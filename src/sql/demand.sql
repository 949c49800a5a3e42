/* src/sql/demand.sql -- demand by fiscal quarter: the series the forecasts read */

-- One row per slice (program, partner, USML category) and fiscal quarter,
-- from the program's first quarter with demand to the current one, zeros
-- where nothing happened: a forecast needs the quiet quarters too.
--   FMS: a basic case's LOR counts once, under the category of its largest
--   LOA line (cases without lines under no category); value offered and
--   accepted are fms.category_flows (each line under its own category);
--   lines ordered are the line versions of the documents accepted.
--   DCS: an application counts on submission with its value under the
--   category of its first USML entry; an approval (with or without
--   provisos) counts its value as accepted and as one line ordered.
-- A slice keeps one country and region through its history: the customer's
-- destination country and the country's region as of today.
CREATE VIEW fms.demand_series AS
WITH events AS (
	-- partner: the FMS customer code, the DCS destination.  Each part is
	-- summed by quarter first (a million flows, 386,000 licences at ten
	-- times the real portfolio), so that the sum below hashes few rows;
	-- the reports' day is applied before, as the quarter's first day
	-- says nothing of it.
	SELECT 'FMS'::pg_catalog.text AS program, fms.customer_code(c.case_id) AS partner,
	       pg_catalog.date_trunc('quarter', c.lor_received_on)::pg_catalog.date AS on_date, p.usml_category,
	       pg_catalog.count(*) AS requests,
	       0::pg_catalog.numeric AS value_offered_usd, 0::pg_catalog.numeric AS value_accepted_usd, 0::pg_catalog.int8 AS lines_ordered
	  FROM fms.cases AS c
	  -- each case's largest LOA line, all cases' in one sort
	  LEFT JOIN (SELECT DISTINCT ON (l.case_id) l.case_id, fms.usml_category(l.usml) AS usml_category
	               FROM fms.case_lines AS l
	              WHERE l.change_no IS NULL
	              ORDER BY l.case_id, l.value_usd DESC, l.line_no) AS p
	    ON p.case_id OPERATOR(fms.=) c.case_id
	 WHERE c.lor_received_on OPERATOR(pg_catalog.<=) fms.today()
	 GROUP BY 2, 3, 4
	UNION ALL
	SELECT 'FMS', f.customer_code, pg_catalog.date_trunc('quarter', f.on_date)::pg_catalog.date, f.usml_category, 0,
	       pg_catalog.sum(f.offered_usd), pg_catalog.sum(f.accepted_usd), pg_catalog.sum(f.lines_ordered)
	  FROM fms.category_flows AS f
	 WHERE (f.offered_usd OPERATOR(pg_catalog.<>) 0 OR f.accepted_usd OPERATOR(pg_catalog.<>) 0
	        OR f.lines_ordered OPERATOR(pg_catalog.<>) 0)
	   AND f.on_date OPERATOR(pg_catalog.<=) fms.today()
	 GROUP BY 2, 3, 4
	UNION ALL
	-- a licence's submission and, if approved, its decision, in one pass
	SELECT 'DCS', l.country_code, pg_catalog.date_trunc('quarter', e.on_date)::pg_catalog.date,
	       fms.usml_category(l.usml[pg_catalog.array_lower(l.usml, 1)]),
	       pg_catalog.count(*) FILTER (WHERE e.submitted),
	       COALESCE(pg_catalog.sum(l.value_usd) FILTER (WHERE e.submitted), 0),
	       COALESCE(pg_catalog.sum(l.value_usd) FILTER (WHERE NOT e.submitted), 0),
	       pg_catalog.count(*) FILTER (WHERE NOT e.submitted)
	  FROM fms.dcs_licenses AS l
	 CROSS JOIN LATERAL (VALUES (true, l.submitted_on),
	                            (false, CASE WHEN l.status OPERATOR(pg_catalog.=) ANY (ARRAY['approved', 'approved_with_provisos'])
	                                         THEN l.decided_on END)) AS e(submitted, on_date)
	 WHERE e.on_date OPERATOR(pg_catalog.<=) fms.today()
	 GROUP BY 2, 3, 4
), by_quarter AS (
	-- keyed without NULLs, so that the slices join their quarters by hash
	SELECT e.program, e.partner, COALESCE(e.usml_category, 0) AS category_key,
	       pg_catalog.date_trunc('quarter', e.on_date)::pg_catalog.date AS quarter_start,
	       pg_catalog.sum(e.requests)::pg_catalog.int4 AS requests,
	       pg_catalog.sum(e.value_offered_usd) AS value_offered_usd,
	       pg_catalog.sum(e.value_accepted_usd) AS value_accepted_usd,
	       pg_catalog.sum(e.lines_ordered)::pg_catalog.int4 AS lines_ordered
	  FROM events AS e
	 GROUP BY 1, 2, 3, 4
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
	-- Every slice in every quarter of its program, zeros summed with the
	-- quarters that had demand: one hashed grouping, where a join of the
	-- grid to by_quarter lets the planner match each quarter against every
	-- quarter of its slice.
	SELECT x.program, x.partner, x.category_key, x.quarter_start,
	       pg_catalog.sum(x.requests)::pg_catalog.int4 AS requests,
	       pg_catalog.sum(x.value_offered_usd) AS value_offered_usd,
	       pg_catalog.sum(x.value_accepted_usd) AS value_accepted_usd,
	       pg_catalog.sum(x.lines_ordered)::pg_catalog.int4 AS lines_ordered
	  FROM (SELECT s.program, s.partner, s.category_key, q.quarter_start,
	               0 AS requests, 0::pg_catalog.numeric AS value_offered_usd, 0::pg_catalog.numeric AS value_accepted_usd,
	               0 AS lines_ordered
	          FROM slices AS s
	          JOIN quarters AS q ON q.program OPERATOR(pg_catalog.=) s.program
	        UNION ALL
	        SELECT b.program, b.partner, b.category_key, b.quarter_start,
	               b.requests, b.value_offered_usd, b.value_accepted_usd, b.lines_ordered
	          FROM by_quarter AS b) AS x
	 GROUP BY 1, 2, 3, 4
)
SELECT s.program, s.region, s.country_code,
       CASE s.program WHEN 'FMS' THEN s.partner END AS customer_code,
       NULLIF(s.category_key, 0) AS usml_category,
       fms.fiscal_year(q.quarter_start) AS fiscal_year, fms.fiscal_quarter(q.quarter_start) AS fiscal_quarter,
       q.quarter_start,
       (q.quarter_start OPERATOR(pg_catalog.+) '3 months'::pg_catalog.interval)::pg_catalog.date
           OPERATOR(pg_catalog.<=) fms.today() AS complete,
       q.requests, q.value_offered_usd, q.value_accepted_usd, q.lines_ordered
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
COMMENT ON COLUMN fms.demand_series.value_offered_usd IS 'FMS value offered (LOAs and changes); DCS value applied for; U.S. dollars';
COMMENT ON COLUMN fms.demand_series.value_accepted_usd IS 'FMS value accepted; DCS value approved; U.S. dollars';
COMMENT ON COLUMN fms.demand_series.lines_ordered IS 'FMS line versions of the documents accepted; DCS licences approved';
