-- Benchmark: fms.case_id against the same identifiers stored as text.
-- 1,000,000 distinct identifiers; btree index size, index build time, and
-- the time of 200,000 index lookups (an index nested loop join), each the
-- best of 3 runs.  Run by test/bench/case_id_vs_text.sh; prints, asserts nothing.
\set QUIET on
\pset footer off
-- As the README asks of every database using fms types.
SET search_path = public, fms;
SET max_parallel_workers_per_gather = 0;
SET work_mem = '256MB';

-- Realistic shape: 180 customers, most cases with the three military
-- departments, designators spread over letters and digits.  Identifier i
-- is customer i % 180 with designator number i / 180, so all are distinct.
CREATE TEMP TABLE ids AS
SELECT fms.make_case_id(substr(a, 1 + cust / 36, 1) || substr(a, 1 + cust % 36, 1),
                        (ARRAY['B', 'B', 'B', 'D', 'D', 'D', 'P', 'P', 'P', 'F'])[1 + i * 7 % 10],
                        substr(a, 1 + d / 1296, 1) || substr(a, 1 + d / 36 % 36, 1) || substr(a, 1 + d % 36, 1)) AS id
  FROM generate_series(0, 999999) AS i,
       LATERAL (SELECT (i % 180 * 37 + 11) % 1296 AS cust, i / 180 AS d) AS parts,
       (VALUES ('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ')) AS v(a);

CREATE TABLE bench_case (id fms.case_id NOT NULL);
CREATE TABLE bench_text (id text NOT NULL);
CREATE TABLE bench_text_c (id text COLLATE "C" NOT NULL);
INSERT INTO bench_case SELECT id FROM ids ORDER BY random();
INSERT INTO bench_text SELECT id::text FROM bench_case;
INSERT INTO bench_text_c SELECT id::text FROM bench_case;
CREATE TABLE probe_case AS SELECT id FROM bench_case ORDER BY random() LIMIT 200000;
CREATE TABLE probe_text AS SELECT id::text AS id FROM probe_case;
CREATE TABLE probe_text_c AS SELECT id::text COLLATE "C" AS id FROM probe_case;

-- Milliseconds of the fastest of n runs of a statement.
CREATE FUNCTION pg_temp.best_ms(sql text, n int DEFAULT 3) RETURNS numeric
LANGUAGE plpgsql AS $$
DECLARE
	best numeric;
	t0 timestamptz;
	ms numeric;
BEGIN
	FOR i IN 1..n LOOP
		t0 := clock_timestamp();
		EXECUTE sql;
		ms := extract(epoch FROM clock_timestamp() - t0) * 1000;
		best := least(best, ms);
	END LOOP;
	RETURN round(best, 1);
END
$$;

VACUUM ANALYZE bench_case, bench_text, bench_text_c, probe_case, probe_text, probe_text_c;
SET client_min_messages = warning;

CREATE TEMP TABLE results (kind text, build_ms numeric, index_mb numeric, table_mb numeric, lookup_ms numeric);
SET enable_hashjoin = off;
SET enable_mergejoin = off;
SET enable_seqscan = on;
DO $$
DECLARE
	k record;
	build numeric;
BEGIN
	FOR k IN SELECT * FROM (VALUES ('fms.case_id', 'bench_case', 'probe_case'),
	                               ('text (C collation)', 'bench_text_c', 'probe_text_c'),
	                               ('text (database collation)', 'bench_text', 'probe_text')) AS v(kind, tbl, probe)
	LOOP
		build := pg_temp.best_ms(format('DROP INDEX IF EXISTS %1$s_idx; CREATE INDEX %1$s_idx ON %1$s (id)', k.tbl));
		EXECUTE format('ANALYZE %s', k.tbl);
		INSERT INTO results VALUES (k.kind, build,
			round(pg_relation_size(k.tbl || '_idx') / 1048576.0, 1),
			round(pg_relation_size(k.tbl) / 1048576.0, 1),
			pg_temp.best_ms(format('SELECT count(*) FROM %s AS p JOIN %s AS t USING (id)', k.probe, k.tbl)));
	END LOOP;
END
$$;

\echo
\echo 'fms.case_id against text: 1,000,000 distinct identifiers, 200,000 index lookups (best of 3)'
SELECT r.kind AS "stored as",
       r.table_mb AS "table MB", r.index_mb AS "index MB",
       r.build_ms AS "index build ms", r.lookup_ms AS "200k lookups ms",
       round(r.index_mb / c.index_mb, 2) AS "index size / case_id",
       round(r.lookup_ms / c.lookup_ms, 2) AS "lookup time / case_id"
  FROM results AS r, (SELECT * FROM results WHERE kind = 'fms.case_id') AS c
 ORDER BY r.lookup_ms;
SELECT (SELECT count(DISTINCT id) FROM bench_case) AS "distinct identifiers",
       (SELECT count(*) FROM probe_case JOIN bench_case USING (id)) AS "lookups found (case_id)",
       (SELECT count(*) FROM probe_text JOIN bench_text USING (id)) AS "lookups found (text)";
