--
-- Catalog lint: every query lists violations and must return no rows.
--
-- The extension's members, without the row and array types that come with
-- each table, view and type (PostgreSQL 17 records those as members too).
CREATE TEMP VIEW members AS
SELECT d.classid, d.objid, o.type, o.schema, o.identity
  FROM pg_depend AS d
 CROSS JOIN LATERAL pg_identify_object(d.classid, d.objid, 0) AS o
 WHERE d.refclassid = 'pg_extension'::regclass
   AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'fms')
   AND d.deptype = 'e'
   AND NOT EXISTS (SELECT FROM pg_type AS t
                    WHERE d.classid = 'pg_type'::regclass AND t.oid = d.objid
                      AND (t.typrelid <> 0 OR EXISTS (SELECT FROM pg_type AS e WHERE e.typarray = t.oid)));

-- Everything lives in schema fms (schema = pg_catalog must not leak objects
-- there); casts and event triggers belong to no schema.
SELECT type, identity FROM members
 WHERE schema IS DISTINCT FROM 'fms'
   AND NOT (type = 'schema' AND identity = 'fms')
   AND type <> ALL (ARRAY['cast', 'event trigger']);

-- Every member has a COMMENT, so BI tools can show it.
SELECT m.type, m.identity FROM members AS m
 WHERE NOT EXISTS (SELECT FROM pg_description AS c
                    WHERE c.classoid = m.classid AND c.objoid = m.objid AND c.objsubid = 0);

-- Every column of every member table has a COMMENT.
SELECT a.attrelid::regclass, a.attname
  FROM members AS m
  JOIN pg_class AS c ON c.oid = m.objid AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
  JOIN pg_attribute AS a ON a.attrelid = m.objid AND a.attnum > 0 AND NOT a.attisdropped
 WHERE m.classid = 'pg_class'::regclass
   AND col_description(a.attrelid, a.attnum) IS NULL;

-- Every member table is dumped (pg_extension_config_dump), but those
-- derived from the others, which their triggers rebuild as they are
-- restored, the forecasts' kept fits, refitted after a restore, and the
-- table where a recomputation waits, empty between transactions.
SELECT m.identity FROM members AS m
  JOIN pg_class AS c ON c.oid = m.objid AND m.classid = 'pg_class'::regclass
 WHERE c.relkind IN ('r', 'p', 'S')
   AND c.oid <> ALL (SELECT unnest(extconfig) FROM pg_extension WHERE extname = 'fms')
   AND c.oid <> ALL (ARRAY['fms.case_flows'::regclass, 'fms.case_balances'::regclass, 'fms.demand_quarters'::regclass,
                         'fms.kept_forecasts'::regclass, 'fms.kept_backtests'::regclass, 'fms.kept_data_due'::regclass]);

-- Functions are PARALLEL SAFE, except (event) trigger functions and the
-- reviewed ones that write.
SELECT p.oid::regprocedure, p.proparallel FROM members AS m
  JOIN pg_proc AS p ON p.oid = m.objid AND m.classid = 'pg_proc'::regclass
 WHERE p.proparallel <> 's' AND p.prorettype <> ALL (ARRAY['trigger'::regtype, 'event_trigger'::regtype])
   AND p.oid <> ALL (ARRAY['fms.transition(fms.case_id, text, date, text)'::regprocedure,
                           'fms.resolve_guard(text)'::regprocedure, 'fms.guard_problem(text)'::regprocedure,
                           'fms.generate_sample_data(integer, integer, date)'::regprocedure,
                           'fms.sample_plan_dates(date)'::regprocedure,
                           'fms.sample_step(regclass, text, text, text, date, text, text)'::regprocedure,
                           'fms.sample_write_cases(date)'::regprocedure,
                           'fms.sample_notifications(date)'::regprocedure,
                           'fms.sample_write_changes(date)'::regprocedure,
                           'fms.sample_write_licences(numeric, date)'::regprocedure,
                           'fms.sample_write_capacity(date)'::regprocedure,
                           'fms.create_roles()'::regprocedure,
                           'fms.grant_customer_access(text, text)'::regprocedure,
                           'fms.revoke_customer_access(text, text)'::regprocedure,
                           'fms.grant_licence_access(text, text)'::regprocedure,
                           'fms.revoke_licence_access(text, text)'::regprocedure,
                           'fms.recompute_case_flows(fms.case_id[])'::regprocedure,
                           'fms.recompute_case_balances(fms.case_id[])'::regprocedure,
                           'fms.add_demand(fms.demand_event[], fms.demand_event[])'::regprocedure,
                           'fms.recompute_demand_quarters()'::regprocedure,
                           'fms.refresh_kept_forecasts()'::regprocedure]);

-- C and internal functions are STRICT: NULL in, NULL out (trigger functions
-- take no arguments; aggregates skip NULLs through their strict state
-- functions), except notification_requirement, whose NULL USML list and
-- amounts mean "none", and document_line_values and document_rank, whose
-- NULL change number means the basic LOA.
SELECT p.oid::regprocedure FROM members AS m
  JOIN pg_proc AS p ON p.oid = m.objid AND m.classid = 'pg_proc'::regclass
  JOIN pg_language AS l ON l.oid = p.prolang
 WHERE l.lanname IN ('c', 'internal') AND NOT p.proisstrict AND p.pronargs > 0 AND p.prokind <> 'a'
   AND p.proname <> ALL (ARRAY['notification_requirement', 'document_line_values', 'document_rank']);

-- SQL and PL/pgSQL functions pin search_path, but SQL functions with a
-- SQL-standard body, which is parsed when the function is created and so
-- never reads search_path; nothing is SECURITY DEFINER without it.
SELECT p.oid::regprocedure FROM members AS m
  JOIN pg_proc AS p ON p.oid = m.objid AND m.classid = 'pg_proc'::regclass
  JOIN pg_language AS l ON l.oid = p.prolang
 WHERE (l.lanname IN ('sql', 'plpgsql') OR p.prosecdef)
   AND NOT (l.lanname = 'sql' AND p.prosqlbody IS NOT NULL AND NOT p.prosecdef)
   AND NOT coalesce('search_path=pg_catalog, pg_temp' = ANY (p.proconfig), false);

-- SECURITY DEFINER only for trigger functions: they take no arguments (so
-- nothing steers them through one) and cannot be called directly; and for
-- fms.refresh_kept_forecasts(), which takes none either and writes only
-- fits of what it reads.
SELECT p.oid::regprocedure, p.pronargs, p.prorettype::regtype FROM members AS m
  JOIN pg_proc AS p ON p.oid = m.objid AND m.classid = 'pg_proc'::regclass
 WHERE p.prosecdef ORDER BY 1;

-- Only comparison functions that cannot fail are LEAKPROOF.
SELECT p.oid::regprocedure, p.prosrc FROM members AS m
  JOIN pg_proc AS p ON p.oid = m.objid AND m.classid = 'pg_proc'::regclass
 WHERE p.proleakproof
   AND p.prosrc NOT IN ('int4eq', 'int4ne', 'int4lt', 'int4le', 'int4gt', 'int4ge', 'btint4cmp',
                        'int8eq', 'int8ne', 'int8lt', 'int8le', 'int8gt', 'int8ge', 'btint8cmp');

-- Functions that read tables are not IMMUTABLE: an IMMUTABLE SQL or
-- PL/pgSQL function is one reviewed to read only its arguments.
SELECT p.oid::regprocedure FROM members AS m
  JOIN pg_proc AS p ON p.oid = m.objid AND m.classid = 'pg_proc'::regclass
  JOIN pg_language AS l ON l.oid = p.prolang
 WHERE l.lanname IN ('sql', 'plpgsql') AND p.provolatile = 'i'
   AND p.oid <> ALL (ARRAY['fms.sample_customer_profile()'::regprocedure,
                           'fms.sample_annual_figures()'::regprocedure,
                           'fms.sample_annual_figure(integer, boolean)'::regprocedure,
                           'fms.mtcr_findings(integer)'::regprocedure,
                           'fms.flow_demand(fms.case_flows)'::regprocedure,
                           'fms.request_demand(fms.case_balances)'::regprocedure,
                           'fms.licence_demand(fms.dcs_licenses)'::regprocedure,
                           'fms.series_digest(double precision[])'::regprocedure,
                           'fms.saturated_float8(numeric)'::regprocedure,
                           'fms.closure_setting(boolean)'::regprocedure]);
