-- Each scalar C function of fms against the cheapest built-in doing
-- comparable work, on the same 1,000,000 inputs: nanoseconds per call net
-- of reading the inputs (count of the bare column each side reads last,
-- which deforms the columns before it too), best of 3.  Prints
-- tab-separated rows for test/bench/run: measure, fms, reference, ratio.
\set QUIET on
\pset footer off
\pset tuples_only on
\pset format unaligned
\pset fieldsep '\t'
SET max_parallel_workers_per_gather = 0;
SET jit = off;

CREATE FUNCTION pg_temp.best_ns(query text, calls int) RETURNS float8
LANGUAGE plpgsql AS $$
DECLARE
	best float8;
	started timestamptz;
	took float8;
BEGIN
	FOR i IN 1 .. 3 LOOP
		started := clock_timestamp();
		EXECUTE query;
		took := extract(epoch FROM clock_timestamp() - started) * 1e9 / calls;
		best := least(best, took);
	END LOOP;
	RETURN best;
END
$$;

SELECT setseed(0.17) \g /dev/null
CREATE TEMP TABLE inputs AS
SELECT d, d + (random() * 3653)::int AS d2, (random() * 200)::int - 100 AS n,
       fms.text(fms.make_case_id(c.code, (ARRAY['B', 'D', 'P'])[1 + i % 3],
                                 substr(a, 1 + i / 1296 % 36, 1) || substr(a, 1 + i / 36 % 36, 1) || substr(a, 1 + i % 36, 1))) AS case_text,
       d::text AS date_text,
       (ARRAY['IV', 'VIII(a)', 'XI(a)(3)(i)', 'XII(c)', 'IV(h)(1)', 'XXI'])[1 + i % 6] AS usml_text,
       (i % 21) + 1 AS category,
       to_char(d, 'YY') || '-' || (1 + i % 150) AS transmittal
  FROM generate_series(1, 1000000) AS i,
       LATERAL (SELECT '2000-01-01'::date + (random() * 10957)::int AS d) AS dd,
       LATERAL (SELECT '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ' AS a) AS alphabet,
       LATERAL (SELECT (ARRAY['BE', 'JA', 'KS', 'QA', 'SA', 'UK', 'PL', 'AT'])[1 + i % 8] AS code) AS c;
ALTER TABLE inputs ADD COLUMN case_key fms.case_id, ADD COLUMN usml_value fms.usml;
UPDATE inputs SET case_key = fms.case_id(case_text), usml_value = fms.usml(usml_text);
VACUUM ANALYZE inputs;
-- Warm the caches the functions keep (the calendar, the rules).
SELECT count(fms.is_business_day(d)) FROM inputs WHERE d < '2000-02-01' \g /dev/null

CREATE TEMP TABLE pairs (measure text, fms_expr text, reference text, reference_expr text, baseline text,
                         reference_baseline text);
INSERT INTO pairs VALUES
	('fms.case_id(text): parse an identifier', 'fms.case_id(case_text)', 'date_in: parse a date', 'date_text::date', 'case_text', 'case_text'),
	('fms.text(case_id): print an identifier', 'fms.text(case_key)', 'date_out: print a date', 'd::text', 'case_key', 'case_key'),
	('fms.customer_code(case_id)', 'fms.customer_code(case_key)', 'left(text, 2)', 'left(case_text, 2)', 'case_key', 'case_text'),
	('fms.usml(text): parse a USML entry', 'fms.usml(usml_text)', 'date_in: parse a date', 'date_text::date', 'usml_text', 'usml_text'),
	('fms.usml_contains(usml, usml)', 'fms.usml_contains(usml_value, usml_value)', 'int4range @> int4', 'int4range(category, category + 2) @> category', 'usml_value', 'usml_value'),
	('fms.is_business_day(date)', 'fms.is_business_day(d)', 'extract(isodow) < 6', 'extract(isodow FROM d) < 6', 'd', 'd'),
	('fms.business_days_between(date, date)', 'fms.business_days_between(d, d2)', 'date - date', 'd2 - d', 'd2', 'd2'),
	('fms.add_business_days(date, int)', 'fms.add_business_days(d, n)', 'date + int', 'd + n', 'd', 'd'),
	('fms.fiscal_year(date)', 'fms.fiscal_year(d)', 'date_part(year)', 'date_part(''year'', d)', 'd', 'd'),
	('fms.fiscal_quarter(date)', 'fms.fiscal_quarter(d)', 'to_char(date, YYYY "Q"Q)', 'to_char(d, ''YYYY "Q"Q'')', 'd', 'd'),
	('fms.check_transmittal_no(text, text)', 'fms.check_transmittal_no(transmittal, ''36(b)(1)'')', 'regular expression match', 'transmittal ~ ''^[0-9]{2}-[0-9]{1,3}$''', 'transmittal', 'transmittal');

SELECT 'scalar', p.measure || ', ns per call (against ' || p.reference || ')',
       round(f.ns::numeric, 1), round(r.ns::numeric, 1), round((f.ns / nullif(r.ns, 0))::numeric, 2)
  FROM pairs AS p
 CROSS JOIN LATERAL (SELECT pg_temp.best_ns(format('SELECT count(%s) FROM inputs', p.baseline), 1000000) AS ns) AS b
 CROSS JOIN LATERAL (SELECT pg_temp.best_ns(format('SELECT count(%s) FROM inputs', p.reference_baseline), 1000000) AS ns) AS rb
 CROSS JOIN LATERAL (SELECT greatest(pg_temp.best_ns(format('SELECT count(%s) FROM inputs', p.fms_expr), 1000000) - b.ns, 0.1) AS ns) AS f
 CROSS JOIN LATERAL (SELECT greatest(pg_temp.best_ns(format('SELECT count(%s) FROM inputs', p.reference_expr), 1000000) - rb.ns, 0.1) AS ns) AS r;
