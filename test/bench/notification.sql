-- Benchmark: fms.notification_requirement on 1,000,000 generated sales
-- against the SQL a user would write, joining the rule and membership
-- tables (timed on the first 20,000 sales and scaled).  On those sales both
-- must agree.  Best of 3 (the SQL version: 1 run).
\set QUIET on
\pset footer off
SET max_parallel_workers_per_gather = 0;
SELECT setseed(0.7) \g /dev/null
CREATE TEMP TABLE sales AS
SELECT i,
       (ARRAY['JP', 'SA', 'FI', 'MX', 'KR', 'IN', 'DE', 'EG', 'AU', 'BR'])[1 + (random() * 9)::int] AS country,
       CASE WHEN random() < 0.8 THEN 'FMS' ELSE 'DCS' END AS program,
       total, round((total * random() * 0.6)::numeric, 2) AS mde, round((total * random() * 0.2)::numeric, 2) AS dc,
       '2015-01-01'::date + (random() * 4000)::int AS on_date
  FROM (SELECT i, round((exp(random() * 21))::numeric, 2) AS total FROM generate_series(1, 1000000) AS i) AS s;

CREATE FUNCTION pg_temp.sql_required(country text, program text, total numeric, mde numeric, dc numeric, on_date date)
RETURNS boolean LANGUAGE sql STABLE AS $$
	WITH groups AS (
		SELECT m.group_code FROM fms.country_group_members AS m
		 WHERE m.country_code = country AND m.valid_from <= on_date AND (m.valid_to IS NULL OR m.valid_to > on_date)
	), in_force AS (
		SELECT r.* FROM fms.notification_rules AS r
		 WHERE r.program = program AND r.valid_from <= on_date AND (r.valid_to IS NULL OR r.valid_to > on_date)
	), governing AS (
		SELECT r.* FROM in_force AS r
		 WHERE r.country_group IN (SELECT group_code FROM groups)
		    OR (r.country_group IS NULL AND NOT EXISTS (
		            SELECT FROM in_force AS o WHERE o.measure = r.measure AND o.country_group IN (SELECT group_code FROM groups)))
	)
	SELECT coalesce(bool_or(CASE g.measure WHEN 'mde' THEN mde WHEN 'articles_services' THEN total
	                                       WHEN 'design_construction' THEN dc ELSE 0 END >= g.threshold_usd), false)
	  FROM governing AS g
$$;

CREATE FUNCTION pg_temp.best_ms(sql text, n int DEFAULT 3) RETURNS numeric
LANGUAGE plpgsql AS $$
DECLARE
	best numeric;
	t0 timestamptz;
BEGIN
	FOR i IN 1..n LOOP
		t0 := clock_timestamp();
		EXECUTE sql;
		best := least(best, extract(epoch FROM clock_timestamp() - t0) * 1000);
	END LOOP;
	RETURN best;
END
$$;

SELECT count(*) FILTER (WHERE (fms.notification_requirement(country, program, total, mde, dc, NULL, on_date)).required
                              IS DISTINCT FROM pg_temp.sql_required(country, program, total, mde, dc, on_date)) AS disagreements,
       count(*) FILTER (WHERE (fms.notification_requirement(country, program, total, mde, dc, NULL, on_date)).required) AS required
  FROM sales WHERE i <= 20000;

CREATE TEMP TABLE results AS
SELECT pg_temp.best_ms($$SELECT count(*) FILTER (WHERE (fms.notification_requirement(country, program, total, mde, dc, NULL, on_date)).required) FROM sales$$) / 1e6 AS c_ms,
       pg_temp.best_ms($$SELECT count(*) FILTER (WHERE pg_temp.sql_required(country, program, total, mde, dc, on_date)) FROM sales WHERE i <= 20000$$, 1) / 20000 AS sql_ms;

\echo
\echo 'notification_requirement on 1,000,000 sales (SQL version: 20,000 sales, scaled)'
SELECT round(c_ms * 1e6) AS "C, ms per 1M", round(sql_ms * 1e6) AS "SQL joins, ms per 1M",
       round(sql_ms / c_ms, 1) AS "SQL / C" FROM results;
