--
-- Least privilege: PUBLIC gets what the types need and nothing else; the
-- roles fms_reader, fms_writer and fms_admin from fms.create_roles().
--

-- Roles belong to the cluster: this test removes its own at the end.
SELECT role_name FROM fms.create_roles();
SELECT count(*) FILTER (WHERE created) AS created_again FROM fms.create_roles();
SELECT r.rolname, r.rolcanlogin, r.rolsuper, r.rolcreaterole,
       ARRAY(SELECT m.rolname FROM pg_auth_members AS a JOIN pg_roles AS m ON m.oid = a.roleid
              WHERE a.member = r.oid ORDER BY 1) AS member_of
  FROM pg_roles AS r WHERE r.rolname LIKE 'fms\_%' AND r.rolname <> 'fms_clerk' ORDER BY 1;

-- Who may do what on each table of the schema (views: SELECT for readers).
SELECT c.relname,
       has_table_privilege('public', c.oid, 'SELECT') AS public_reads,
       has_table_privilege('fms_reader', c.oid, 'SELECT') AS reader_reads,
       has_table_privilege('fms_reader', c.oid, 'INSERT') OR has_table_privilege('fms_reader', c.oid, 'UPDATE')
         OR has_table_privilege('fms_reader', c.oid, 'DELETE') AS reader_writes,
       has_table_privilege('fms_writer', c.oid, 'INSERT') AND has_table_privilege('fms_writer', c.oid, 'UPDATE')
         AND has_table_privilege('fms_writer', c.oid, 'DELETE') AS writer_writes,
       has_table_privilege('fms_admin', c.oid, 'INSERT') AND has_table_privilege('fms_admin', c.oid, 'UPDATE')
         AND has_table_privilege('fms_admin', c.oid, 'DELETE') AS admin_writes,
       has_table_privilege('fms_admin', c.oid, 'TRUNCATE') OR has_table_privilege('fms_admin', c.oid, 'TRIGGER')
         OR has_table_privilege('fms_admin', c.oid, 'REFERENCES') AS admin_alters
  FROM pg_class AS c
 WHERE c.relnamespace = 'fms'::regnamespace AND c.relkind = 'r'
 ORDER BY writer_writes, admin_writes, c.relname;
SELECT count(*) AS views, count(*) FILTER (WHERE has_table_privilege('fms_reader', c.oid, 'SELECT')) AS reader_reads,
       count(*) FILTER (WHERE has_table_privilege('public', c.oid, 'SELECT')) AS public_reads
  FROM pg_class AS c WHERE c.relnamespace = 'fms'::regnamespace AND c.relkind IN ('v', 'm');

-- PUBLIC executes the types' functions only (input, output, operators,
-- casts, accessors, aggregates); the readers execute every function but
-- fms.create_roles().
SELECT count(*) FILTER (WHERE has_function_privilege('public', p.oid, 'EXECUTE')) AS public_executes,
       count(*) FILTER (WHERE has_function_privilege('fms_reader', p.oid, 'EXECUTE')) AS reader_executes,
       count(*) AS functions,
       string_agg(p.oid::regprocedure::text, ', ' ORDER BY p.oid::regprocedure::text)
         FILTER (WHERE NOT has_function_privilege('fms_reader', p.oid, 'EXECUTE')) AS reader_may_not
  FROM pg_proc AS p WHERE p.pronamespace = 'fms'::regnamespace;
SELECT DISTINCT regexp_replace(p.proname, '_(in|out|recv|send|eq|ne|lt|le|gt|ge|cmp|sortsupport|hash|hash_extended|smaller|larger)$', '_*') AS public_executes
  FROM pg_proc AS p
 WHERE p.pronamespace = 'fms'::regnamespace AND has_function_privilege('public', p.oid, 'EXECUTE')
 ORDER BY 1;

-- A role with no grant at all uses the types, and nothing else.
CREATE ROLE regress_nobody;
SET ROLE regress_nobody;
SELECT 'ja-d-qab'::fms.case_id AS id, 'JA-D-QAB'::fms.case_id < 'JA-D-QAC' AS ordered,
       fms.customer_code('JA-D-QAB'), 'XI(a)(1)'::fms.usml @> 'XI(a)(1)(i)'::fms.usml AS contains,
       fms.max(x) FROM (VALUES ('JA-D-QAB'::fms.case_id), ('JA-D-QAC')) AS v(x);
SELECT state, message FROM error_of('SELECT fms.today()');
SELECT state, message FROM error_of('SELECT fms.business_days_between(''2026-01-02'', ''2026-01-30'')');
SELECT state, message FROM error_of('SELECT count(*) FROM fms.cases');
SELECT state, message FROM error_of('SELECT * FROM fms.verify_transition_log()');
RESET ROLE;

-- A reader reads and reports, and writes nothing.
BEGIN;
SET LOCAL ROLE fms_reader;
SELECT count(*) >= 0 AS reads_cases, (SELECT count(*) >= 0 FROM fms.case_pipeline) AS reads_a_view,
       fms.is_business_day('2026-11-26') AS thanksgiving_is_business_day;
SELECT count(*) AS log_breaks FROM fms.verify_transition_log();
-- A governed table of another owner it may not read is listed unchecked ...
RESET ROLE;
CREATE TABLE regress_private_tasks (n int PRIMARY KEY, status text NOT NULL DEFAULT 'development', status_log_id bigint,
                                    milap_on date, offered_on date, accepted_on date, implemented_on date,
                                    supply_complete_on date, interim_closed_on date, closed_on date, cancelled_on date);
CREATE TRIGGER w BEFORE INSERT OR UPDATE ON regress_private_tasks FOR EACH ROW EXECUTE FUNCTION fms.enforce_workflow('loa');
CREATE TRIGGER v AFTER INSERT OR UPDATE ON regress_private_tasks FOR EACH ROW EXECUTE FUNCTION fms.verify_workflow();
INSERT INTO regress_private_tasks (n) VALUES (1);
-- So is one it may read, in a schema it may not use.
CREATE SCHEMA regress_closed;
CREATE TABLE regress_closed.tasks (LIKE regress_private_tasks INCLUDING ALL);
CREATE TRIGGER w BEFORE INSERT OR UPDATE ON regress_closed.tasks FOR EACH ROW EXECUTE FUNCTION fms.enforce_workflow('loa');
CREATE TRIGGER v AFTER INSERT OR UPDATE ON regress_closed.tasks FOR EACH ROW EXECUTE FUNCTION fms.verify_workflow();
GRANT SELECT ON regress_closed.tasks TO fms_reader;
SET LOCAL ROLE fms_reader;
SELECT * FROM fms.verify_transition_log();
SELECT state, message FROM error_of($$INSERT INTO fms.customers VALUES ('QA', 'Qatar', 'country', 'QA')$$);
SELECT state, message FROM error_of($$SELECT fms.transition('KS-P-AAB', 'write', '2024-02-01')$$);
SELECT state, message FROM error_of($$UPDATE fms.policy_settings SET value = '30' WHERE setting = 'standard_oed_days'$$);
SELECT state, message FROM error_of('SELECT fms.create_roles()');
ROLLBACK;

-- A writer moves cases along, through the workflow and its log, and
-- changes no rule, calendar or definition, and no log entry.
BEGIN;
SET LOCAL ROLE fms_writer;
SET LOCAL fms.effective_date = '2024-01-10';
INSERT INTO fms.customers VALUES ('QA', 'Qatar', 'country', 'QA');
INSERT INTO fms.cases (case_id, title) VALUES ('QA-D-RAA', 'written by a writer');
SELECT status FROM fms.transition('QA-D-RAA', 'write', '2024-02-01');
SELECT l.to_state, l.db_user = session_user AS logged_as_session_user
  FROM fms.transition_log AS l WHERE l.case_id = 'QA-D-RAA' ORDER BY l.id;
SELECT state, message FROM error_of($$INSERT INTO fms.calendar_closures (closed_on, reason) VALUES ('2031-01-09', 'test')$$);
SELECT state, message FROM error_of($$UPDATE fms.workflow_transitions SET requires_reason = false$$);
SELECT state, message FROM error_of($$DELETE FROM fms.notification_rules$$);
SELECT state, message FROM error_of($$UPDATE fms.policy_settings SET value = '30' WHERE setting = 'standard_oed_days'$$);
SELECT state, message FROM error_of($$INSERT INTO fms.transition_log (table_name, row_key, machine, to_state, effective_on, actor)
                                      VALUES ('fms.cases', 'QA-D-RAA', 'loa', 'closed', '2024-03-01', 'forger')$$);
SELECT state, message FROM error_of($$UPDATE fms.transition_log SET reason = 'rewritten'$$);
SELECT state, message FROM error_of($$INSERT INTO fms.offer_restatements (case_id, restated_on, oed_on, reason, actor)
                                      VALUES ('QA-D-RAA', '2024-03-01', '2024-06-01', 'forged', 'forger')$$);
ROLLBACK;

-- An administrator changes the rules.
BEGIN;
SET LOCAL ROLE fms_admin;
INSERT INTO fms.calendar_closures (closed_on, reason) VALUES ('2031-01-09', 'test closure');
SELECT fms.is_business_day('2031-01-09') AS closure_is_business_day;
UPDATE fms.policy_settings SET source = source WHERE setting = 'standard_oed_days';
SELECT state, message FROM error_of('TRUNCATE fms.calendar_closures');
ROLLBACK;

-- The roles go with the test: DROP OWNED takes their grants (it is not the
-- extension owner's, so the drop guard lets it through).
DROP OWNED BY fms_reader, fms_writer, fms_admin, fms_partner, fms_industry, regress_nobody;
DROP ROLE fms_admin, fms_writer, fms_partner, fms_industry, fms_reader, regress_nobody;
