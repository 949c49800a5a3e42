-- One session on the standby: its caches loaded, then changes committed on
-- the primary, replayed; the same session's answers follow them.
SELECT fms.is_business_day('2031-01-09');
SELECT count(*) FROM fms.export_findings('JP', 'FMS', 100000000, 0, 0, NULL, NULL, '2031-06-01') WHERE severity = 'deny';
\! psql -X -q -d fms_primary -f test/replication/primary_changes.sql
DO $$
BEGIN
	FOR i IN 1 .. 400 LOOP
		EXIT WHEN EXISTS (SELECT FROM fms.calendar_closures WHERE closed_on = '2031-01-09')
		      AND EXISTS (SELECT FROM fms.country_group_members WHERE source = 'replication test');
		PERFORM pg_sleep(0.05);
	END LOOP;
END
$$;
SELECT fms.is_business_day('2031-01-09');
SELECT count(*) FROM fms.export_findings('JP', 'FMS', 100000000, 0, 0, NULL, NULL, '2031-06-01') WHERE severity = 'deny';
