-- Row security's cost: each query read 5 times by a partner (10 customers
-- granted) and by staff (fms_reader), under the shipped policies (C calls
-- at every row: fms.restricted_role(), fms.customer_granted()) and under
-- the same tests as sub-selects run once per query (initplans), in one
-- session, alternately.  Prints the median milliseconds of each.
\set QUIET on
\o /dev/null
SET client_min_messages = warning;
SET jit = off;
SELECT count(*) FROM fms.create_roles();
CREATE ROLE bench_partner IN ROLE fms_partner;
CREATE ROLE bench_staff IN ROLE fms_reader;
SELECT count(*) FROM (SELECT fms.grant_customer_access('bench_partner', c.customer_code)
                        FROM (SELECT customer_code FROM fms.customers ORDER BY customer_code LIMIT 10) AS c) AS g;

CREATE TEMP TABLE timings (policies text, reader text, query text, ms float8);
GRANT INSERT ON timings TO PUBLIC;
CREATE FUNCTION pg_temp.time_query(policies text, reader text, query text) RETURNS void
	LANGUAGE plpgsql AS $$
DECLARE
	started timestamptz;
BEGIN
	EXECUTE format('SET LOCAL ROLE %I', reader);
	started := clock_timestamp();
	EXECUTE query;
	INSERT INTO timings VALUES (policies, reader, query, 1000 * extract(epoch FROM clock_timestamp() - started));
	RESET ROLE;
END
$$;
-- The policies of the case tables, in either form.
CREATE FUNCTION pg_temp.set_policies(form text) RETURNS void
	LANGUAGE plpgsql AS $$
DECLARE
	t text;
BEGIN
	FOREACH t IN ARRAY ARRAY['fms.cases', 'fms.case_lines', 'fms.case_changes', 'fms.deliveries', 'fms.case_flows', 'fms.case_balances'] LOOP
		EXECUTE format('ALTER POLICY granted_rows ON %s USING (%s)', t,
			CASE form
			WHEN 'shipped: C calls per row' THEN
				format('NOT fms.restricted_role() OR fms.customer_granted(%s)',
				       CASE WHEN t IN ('fms.cases', 'fms.case_flows') THEN 'customer_code' ELSE 'fms.customer_code(case_id)' END)
			ELSE
				format('(SELECT NOT fms.restricted_role()) OR %s OPERATOR(pg_catalog.=) ANY ((SELECT fms.visible_customers())::text[])',
				       CASE WHEN t IN ('fms.cases', 'fms.case_flows') THEN 'customer_code' ELSE 'fms.customer_code(case_id)' END)
			END);
	END LOOP;
END
$$;
SELECT pg_temp.set_policies(form), pg_temp.time_query(form, reader, query)
  FROM generate_series(1, 5) AS round,
       unnest(ARRAY['shipped: C calls per row', 'sub-selects once per query']) AS form,
       unnest(ARRAY['bench_partner', 'bench_staff']) AS reader,
       unnest(ARRAY['SELECT count(*) FROM fms.cases', 'SELECT count(*) FROM fms.case_lines',
                    'SELECT count(*) FROM fms.case_pipeline', 'SELECT count(*) FROM fms.customer_exposure']) AS query
 ORDER BY round, reader, query, form
\g
\o
\set QUIET off
\pset footer off
SELECT reader, query,
       round(percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) FILTER (WHERE policies LIKE 'shipped%')::numeric, 1) AS shipped_ms,
       round(percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) FILTER (WHERE policies LIKE 'sub-selects%')::numeric, 1) AS sub_select_ms,
       round((percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) FILTER (WHERE policies LIKE 'shipped%')
            / percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) FILTER (WHERE policies LIKE 'sub-selects%'))::numeric, 2) AS ratio
  FROM timings GROUP BY reader, query ORDER BY reader, query;
