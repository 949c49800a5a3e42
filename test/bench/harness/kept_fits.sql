-- The forecasting views with every series' fit kept (after
-- fms.refresh_kept_forecasts()) against with none kept (each fit made on
-- the spot), in one session: the server's time of each (EXPLAIN ANALYZE
-- without per-node timing), best of 2.  Prints tab-separated rows: what,
-- milliseconds kept, milliseconds on the spot.  The refresh's own time is
-- the first row (against reading both views on the spot).
\set QUIET on
\pset footer off
\pset tuples_only on
\pset format unaligned
\pset fieldsep '\t'
SET jit = off;
CREATE FUNCTION pg_temp.read_ms(view_name regclass) RETURNS numeric
LANGUAGE plpgsql AS $$
DECLARE
	plan json;
	ms numeric;
BEGIN
	FOR i IN 1 .. 2 LOOP
		EXECUTE format('EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON) SELECT * FROM %s', view_name) INTO plan;
		ms := least(ms, (plan -> 0 ->> 'Planning Time')::numeric + (plan -> 0 ->> 'Execution Time')::numeric);
	END LOOP;
	RETURN round(ms, 1);
END
$$;
CREATE TEMP TABLE spot AS
SELECT v AS view_name, pg_temp.read_ms(v) AS ms
  FROM unnest('{fms.demand_forecast,fms.forecast_accuracy}'::regclass[]) AS v;
CREATE TEMP TABLE refresh (ms numeric);
CREATE FUNCTION pg_temp.refresh_ms() RETURNS numeric
LANGUAGE plpgsql AS $$
DECLARE
	started timestamptz := clock_timestamp();
BEGIN
	PERFORM fms.refresh_kept_forecasts();
	RETURN round(extract(epoch FROM clock_timestamp() - started) * 1000, 1);
END
$$;
SELECT 'fms.refresh_kept_forecasts()', pg_temp.refresh_ms(), (SELECT sum(ms) FROM spot);
SELECT s.view_name, pg_temp.read_ms(s.view_name), s.ms FROM spot AS s ORDER BY 1;
