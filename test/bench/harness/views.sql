-- Every view of fms read whole, as a report reads it: the server's time
-- (planning and execution, EXPLAIN ANALYZE without per-node timing), best
-- of 2, with JIT as the server is set (:jit) .  Prints tab-separated rows:
-- view, milliseconds, rows.  The reports' day is pinned by the caller
-- (fms.as_of_date).
\set QUIET on
\pset footer off
\pset tuples_only on
\pset format unaligned
\pset fieldsep '\t'
SET jit = :jit;
CREATE FUNCTION pg_temp.read_ms(view_name regclass, OUT ms numeric, OUT rows bigint)
LANGUAGE plpgsql AS $$
DECLARE
	plan json;
	took numeric;
BEGIN
	FOR i IN 1 .. 2 LOOP
		EXECUTE format('EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON) SELECT * FROM %s', view_name) INTO plan;
		took := (plan -> 0 ->> 'Planning Time')::numeric + (plan -> 0 ->> 'Execution Time')::numeric;
		ms := least(ms, took);
		rows := (plan -> 0 -> 'Plan' ->> 'Actual Rows')::bigint;
	END LOOP;
	ms := round(ms, 1);
END
$$;
SELECT c.oid::regclass, r.ms, r.rows
  FROM pg_class AS c CROSS JOIN LATERAL pg_temp.read_ms(c.oid::regclass) AS r
 WHERE c.relnamespace = 'fms'::regnamespace AND c.relkind = 'v'
 ORDER BY c.oid::regclass::text;
