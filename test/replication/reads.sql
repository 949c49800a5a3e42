-- What a reporting client reads: every view of fms in full, and read
-- functions over every case; one line per result (a digest), compared
-- between the primary and the standby (test/replication/run.sh).
SET search_path = fms, public;
SELECT format('SELECT %L || '': '' || count(*) || '' rows, '' || COALESCE(md5(string_agg(v::text, ''|'' ORDER BY v::text)), ''-'') FROM %s AS v',
              c.oid::regclass, c.oid::regclass)
  FROM pg_class AS c WHERE c.relnamespace = 'fms'::regnamespace AND c.relkind = 'v' ORDER BY c.relname \gexec
SELECT 'status_as_of: ' || md5(string_agg(fms.status_as_of(c.case_id, '2025-06-30')::text, ',' ORDER BY c.case_id)) FROM fms.cases AS c;
SELECT 'case_findings: ' || md5(string_agg(f::text, ',' ORDER BY c.case_id, f::text))
  FROM fms.cases AS c CROSS JOIN LATERAL fms.case_findings(c.case_id, '2026-11-30') AS f;
SELECT 'case_lines_as_of: ' || count(*) || ', ' || md5(string_agg(l::text, ',' ORDER BY l::text)) FROM fms.case_lines_as_of('2026-11-30') AS l;
SELECT 'line_status: ' || count(*) || ', ' || md5(string_agg(l::text, ',' ORDER BY l::text)) FROM fms.line_status('2026-11-30') AS l;
SELECT 'business days 2020-2030: ' || fms.business_days_between('2020-01-01', '2030-12-31');
SELECT 'notification_requirement: ' || (fms.notification_requirement('SA', 'FMS', 500000000, 100000000, 0, NULL, '2026-11-30'))::text;
SELECT 'verify_transition_log: ' || count(*) FROM fms.verify_transition_log();
