-- Benchmark: fms.business_days_between() on 1,000,000 random spans of up to
-- ten years, against a PL/pgSQL function that walks the days (the common
-- approach) and against plain date subtraction (the floor).  The walker
-- runs on the first 500 spans only, and its time is scaled per span; on
-- those spans its answers must equal the C function's.  Best of 3 runs.
\set QUIET on
\pset footer off
SET max_parallel_workers_per_gather = 0;

SELECT setseed(0.42) \g /dev/null
CREATE TEMP TABLE spans AS
SELECT i, a, a + (random() * 3653)::int * (CASE WHEN random() < 0.1 THEN -1 ELSE 1 END) AS b
  FROM (SELECT i, '2000-01-01'::date + (random() * 10957)::int AS a FROM generate_series(1, 1000000) AS i) AS s;
ANALYZE spans;

-- The walking version, as commonly written: one day at a time.
CREATE TEMP TABLE holidays AS
SELECT observed_on AS day FROM fms.federal_holidays(1990, 2050)
UNION SELECT closed_on FROM fms.calendar_closures;
CREATE UNIQUE INDEX ON holidays (day);
ANALYZE holidays;
CREATE FUNCTION pg_temp.walk_business_days(a date, b date) RETURNS int
LANGUAGE plpgsql STABLE AS $$
DECLARE
	n int := 0;
	d date := least(a, b);
BEGIN
	WHILE d < greatest(a, b) LOOP
		d := d + 1;
		IF extract(isodow FROM d) < 6 AND NOT EXISTS (SELECT FROM holidays AS h WHERE h.day = d) THEN
			n := n + 1;
		END IF;
	END LOOP;
	RETURN CASE WHEN b < a THEN -n ELSE n END;
END
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

SELECT count(*) FILTER (WHERE fms.business_days_between(a, b) <> pg_temp.walk_business_days(a, b)) AS walker_disagreements,
       avg(abs(b - a))::int AS mean_span_days
  FROM spans WHERE i <= 500;

CREATE TEMP TABLE results AS
SELECT pg_temp.best_ms('SELECT sum(b - a) FROM spans') / 1e6 AS subtraction_ms_per_span,
       pg_temp.best_ms('SELECT sum(fms.business_days_between(a, b)) FROM spans') / 1e6 AS c_ms_per_span,
       pg_temp.best_ms('SELECT sum(pg_temp.walk_business_days(a, b)) FROM spans WHERE i <= 500', 1) / 500 AS walk_ms_per_span;

\echo
\echo 'business_days_between on 1,000,000 spans of up to 10 years (walker: 500 spans, scaled)'
SELECT round(subtraction_ms_per_span * 1e6) AS "subtraction, ms per 1M",
       round(c_ms_per_span * 1e6) AS "C, ms per 1M",
       round(walk_ms_per_span * 1e6) AS "PL/pgSQL walk, ms per 1M",
       round(walk_ms_per_span / c_ms_per_span) AS "walk / C",
       round(c_ms_per_span / subtraction_ms_per_span, 2) AS "C / subtraction"
  FROM results;
