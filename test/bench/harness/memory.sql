-- The memory of this backend after filling every cache fms keeps (use_fms
-- true: the workflow machines, the business calendar, the notification
-- rules with the country groups) or after a query that uses nothing of fms
-- (false).  Prints one tab-separated row: private memory (RssAnon, kB),
-- peak resident memory (VmHWM, kB), the fms caches' memory contexts (kB).
\set QUIET on
\pset tuples_only on
\pset format unaligned
\pset fieldsep '\t'
\if :use_fms
SELECT fms.business_days_between('1990-01-01', '2040-01-01') \g /dev/null
SELECT fms.notification_requirement('FR', 'FMS', 1e9, 1e8, 0, NULL, '2026-01-01') \g /dev/null
-- A status change, undone: the machines are read on the way.
DO $$
BEGIN
	UPDATE fms.cases SET status = 'review' WHERE case_id = (SELECT c.case_id FROM fms.cases AS c WHERE c.status = 'write' LIMIT 1);
	RAISE EXCEPTION 'undone';
EXCEPTION WHEN OTHERS THEN
	NULL;
END
$$;
\else
SELECT count(*) FROM pg_class \g /dev/null
\endif
SELECT (regexp_match(s, 'RssAnon:\s+(\d+)'))[1], (regexp_match(s, 'VmHWM:\s+(\d+)'))[1],
       (SELECT (COALESCE(sum(m.total_bytes), 0) / 1024)::bigint FROM pg_backend_memory_contexts AS m WHERE m.name = 'fms cache')
  FROM pg_read_file('/proc/' || pg_backend_pid() || '/status') AS s;
