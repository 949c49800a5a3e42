-- What must hold after the load, and after a crash: one line,
-- "disagree|logged|expected|breaks|other_outcomes|ok_changes|refused".
WITH governed AS (
	SELECT 'fms.cases'::text AS t, c.status, c.status_log_id FROM fms.cases AS c
	UNION ALL SELECT 'fms.case_changes', x.status, x.status_log_id FROM fms.case_changes AS x
	UNION ALL SELECT 'fms.dcs_licenses', l.status, l.status_log_id FROM fms.dcs_licenses AS l),
-- Both logs: the cases' and the licences'.
entries AS (
	SELECT e.id, e.table_name, e.row_key, e.to_state FROM fms.transition_log AS e
	UNION ALL SELECT e.id, e.table_name, e.row_key, e.to_state FROM fms.row_transition_log AS e)
SELECT (SELECT count(*) FROM governed AS g LEFT JOIN entries AS l ON l.id = g.status_log_id
         WHERE l.id IS NULL OR l.table_name <> g.t OR l.to_state <> g.status
            OR EXISTS (SELECT FROM entries AS m
                        WHERE m.table_name = l.table_name AND m.row_key = l.row_key AND m.id > l.id)),
       (SELECT count(*) FROM entries) - (SELECT log_entries FROM load.baseline),
       (SELECT COALESCE(sum(logged), 0) FROM load.outcomes WHERE state = '00000'),
       (SELECT count(*) FROM fms.verify_transition_log()),
       (SELECT count(*) FROM load.outcomes WHERE state NOT IN ('00000', '23514')),
       (SELECT count(*) FROM load.outcomes WHERE state = '00000'),
       (SELECT count(*) FROM load.outcomes WHERE state = '23514');
