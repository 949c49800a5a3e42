--
-- The workflow engine on fms.cases: edges, refusals, reasons, guards,
-- milestone dates, settings, the transition log and time travel.
--
SET DateStyle = ISO;
-- Customer JA was loaded by reference_data.
INSERT INTO fms.customers VALUES ('KS', 'Korea, Republic of', 'country', 'KR');
-- The actor defaults to the session user, whatever its name here.
CREATE VIEW log AS
SELECT row_key, machine, from_state, to_state, effective_on,
       CASE WHEN actor = session_user THEN '(session user)' ELSE actor END AS actor, reason
  FROM fms.transition_log ORDER BY id;

-- A case starts in development, as of the effective date.
SET fms.effective_date = '2024-01-10';
INSERT INTO fms.cases (case_id, title, lor_received_on, lor_complete_on, total_value_usd, mde_value_usd)
VALUES ('ja d qab', 'F-15 sustainment', '2024-01-02', '2024-01-09', 120000000, 80000000);
SELECT case_id, customer_code, agency_code, status, status_since FROM fms.cases;
SELECT * FROM log;

-- ... and nowhere else.
SELECT * FROM error_of($$INSERT INTO fms.cases (case_id, title, status) VALUES ('JA-D-QAC', 'x', 'offered')$$);
SELECT * FROM error_of($$INSERT INTO fms.cases (case_id, title, status) VALUES ('JA-D-QAC', 'x', 'shipped')$$);
SELECT * FROM error_of($$INSERT INTO fms.cases (case_id, title, status) VALUES ('JA-D-QAC', 'x', NULL)$$);
SELECT count(*) AS cases_after_refusals FROM fms.cases;

-- An update that leaves the status alone passes and logs nothing.
UPDATE fms.cases SET title = 'F-15E sustainment' WHERE case_id = 'JA-D-QAB';
SELECT count(*) AS log_rows FROM fms.transition_log;

-- Entering write stamps MILAP, from which the OED defaults to 85 days later.
SET fms.effective_date = '2024-02-01';
UPDATE fms.cases SET status = 'write' WHERE case_id = 'JA-D-QAB';
SELECT status, status_since, milap_on, oed_on, oed_on - milap_on AS oed_days FROM fms.cases;

-- A change with no edge is refused, naming the allowed next states.
SELECT * FROM error_of($$UPDATE fms.cases SET status = 'offered' WHERE case_id = 'JA-D-QAB'$$);
SELECT * FROM error_of($$UPDATE fms.cases SET status = 'Review' WHERE case_id = 'JA-D-QAB'$$);

-- A change cannot take effect before the case entered its current state.
SET fms.effective_date = '2024-01-31';
SELECT * FROM error_of($$UPDATE fms.cases SET status = 'review' WHERE case_id = 'JA-D-QAB'$$);

SET fms.effective_date = '2024-02-10';
UPDATE fms.cases SET status = 'review' WHERE case_id = 'JA-D-QAB';
SET fms.effective_date = '2024-02-20';
UPDATE fms.cases SET status = 'proposed' WHERE case_id = 'JA-D-QAB';

-- The sale ($120M, $80M of MDE, to Japan) needs congressional
-- notification: no offer until its 15-day formal review has ended.
SET fms.effective_date = '2024-03-04';
SELECT * FROM error_of($$UPDATE fms.cases SET status = 'offered' WHERE case_id = 'JA-D-QAB'$$);
INSERT INTO fms.congressional_notifications (case_id, transmittal_no, section, informal_sent_on, formal_sent_on, review_days, status)
VALUES ('JA-D-QAB', '24-01', '36(b)(1)', '2024-02-01', '2024-02-20', 15, 'formal_review');
SELECT * FROM error_of($$UPDATE fms.cases SET status = 'offered' WHERE case_id = 'JA-D-QAB'$$);
UPDATE fms.congressional_notifications SET formal_sent_on = '2024-02-14' WHERE case_id = 'JA-D-QAB';
SELECT transmittal_no, formal_sent_on, review_ends_on FROM fms.congressional_notifications;
-- A milestone given with a guarded change must be the day it takes effect
-- (a backdated offer would be judged on the wrong day); left out, it is
-- stamped.
SELECT state, detail FROM error_of($$UPDATE fms.cases SET status = 'offered', offered_on = '2024-03-01' WHERE case_id = 'JA-D-QAB'$$);
UPDATE fms.cases SET status = 'offered' WHERE case_id = 'JA-D-QAB';
SELECT status, status_since, offered_on FROM fms.cases;

-- Going back to development needs a reason.
SELECT * FROM error_of($$UPDATE fms.cases SET status = 'development' WHERE case_id = 'JA-D-QAB'$$);

-- Acceptance after the offer expiration date is refused by the guard.
SET fms.effective_date = '2024-04-27';
SELECT * FROM error_of($$UPDATE fms.cases SET status = 'accepted' WHERE case_id = 'JA-D-QAB'$$);
-- On the OED itself it is allowed; the actor is the application user.
SET fms.effective_date = '2024-04-26';
SET fms.actor = 'case.manager@example.mil';
UPDATE fms.cases SET status = 'accepted' WHERE case_id = 'JA-D-QAB';
RESET fms.actor;

-- Implementation needs the initial deposit, or emergency implementation.
SET fms.effective_date = '2024-05-15';
SELECT * FROM error_of($$UPDATE fms.cases SET status = 'implemented' WHERE case_id = 'JA-D-QAB'$$);
UPDATE fms.cases SET status = 'implemented', deposit_received_on = '2024-05-10' WHERE case_id = 'JA-D-QAB';

-- fms.transition(): the same with arguments, returning the updated row.
SELECT case_id, status, status_since, supply_complete_on
  FROM fms.transition('JA-D-QAB', 'supply_complete', '2026-01-15');
SELECT * FROM error_of($$SELECT fms.transition('JA-D-QAB', 'development', '2026-02-01')$$);
SELECT * FROM error_of($$SELECT fms.transition('JA-D-ZZZ', 'closed', '2026-02-01')$$);
SELECT * FROM error_of($$SELECT fms.transition('JA-D-QAB', NULL, '2026-02-01')$$);
SELECT * FROM error_of($$SELECT fms.transition('JA-D-QAB', 'closed', NULL)$$);
-- It leaves the caller's settings as they were.
SELECT current_setting('fms.effective_date') AS effective_date, current_setting('fms.reason') AS reason;

-- Dates must not run backwards: closure before supply complete is refused,
-- and so is a closure date that is not the day of the change.
SET fms.effective_date = '2025-12-31';
SELECT * FROM error_of($$UPDATE fms.cases SET status = 'closed' WHERE case_id = 'JA-D-QAB'$$);
SET fms.effective_date = '2027-01-20';
SELECT state, detail FROM error_of($$UPDATE fms.cases SET status = 'closed', closed_on = '2027-01-19' WHERE case_id = 'JA-D-QAB'$$);
SELECT case_id, status FROM fms.transition('JA-D-QAB', 'closed', '2027-01-20');

-- A closed case leads only back to implemented: reopening, with a reason.
SELECT * FROM error_of($$SELECT fms.transition('JA-D-QAB', 'cancelled', '2027-02-01', 'too late')$$);

SELECT status, status_since, lor_received_on, lor_complete_on, milap_on, offered_on, oed_on,
       accepted_on, deposit_received_on, implemented_on, supply_complete_on, closed_on
  FROM fms.cases;
SELECT * FROM log;

-- Time travel: the status on any date, and the history as date ranges.
SELECT d AS as_of, fms.status_as_of('JA-D-QAB', d) AS status
  FROM unnest(ARRAY['2024-01-09', '2024-01-10', '2024-02-15', '2024-04-25', '2024-04-26',
                    '2025-06-30', '2027-01-20']::date[]) AS d;
SELECT state, entered_on, left_on, held FROM fms.case_status_history ORDER BY entered_on;

-- A second case: cancelled with a reason, then reactivated.
SET fms.effective_date = '2024-03-01';
INSERT INTO fms.cases (case_id, title) VALUES ('KS-P-AAA', 'P-8A training');
BEGIN;
SET LOCAL fms.reason = 'purchaser withdrew the LOR';
SET LOCAL fms.effective_date = '2024-04-01';
UPDATE fms.cases SET status = 'cancelled' WHERE case_id = 'KS-P-AAA';
COMMIT;
SELECT current_setting('fms.reason') AS reason_after_commit;
SELECT case_id, status, cancelled_on FROM fms.cases WHERE case_id = 'KS-P-AAA';
SELECT case_id, status FROM fms.transition('KS-P-AAA', 'development', '2024-05-01', 'new LOR received');
SELECT from_state, to_state, effective_on, reason FROM fms.transition_log
 WHERE case_id = 'KS-P-AAA' ORDER BY id;

-- A row that arrives with its status_log_id is a copy of an existing row
-- (this is how pg_restore brings cases back): the log must already record
-- it entering its state, on its status_since; it is not checked or logged again.
BEGIN;
CREATE TEMP TABLE saved ON COMMIT DROP AS SELECT * FROM fms.cases WHERE case_id = 'KS-P-AAA';
DELETE FROM fms.cases WHERE case_id = 'KS-P-AAA';
INSERT INTO fms.cases (case_id, title, status, status_since, status_log_id)
SELECT case_id, title, status, status_since, status_log_id FROM saved;
SELECT case_id, status, status_since, status_log_id = (SELECT max(id) FROM fms.transition_log WHERE case_id = 'KS-P-AAA') AS points_to_latest
  FROM fms.cases WHERE case_id = 'KS-P-AAA';
SELECT count(*) AS log_rows_of_ks_p_aaa FROM fms.transition_log WHERE case_id = 'KS-P-AAA';
COMMIT;
-- A role that may write cases but does not own the table cannot bring a
-- row in a state its log does not record: not another state, not an older
-- entry (cancelled, since reactivated), not another date.
CREATE ROLE regress_case_writer;
GRANT USAGE ON SCHEMA fms TO regress_case_writer;
GRANT SELECT, INSERT, DELETE ON fms.cases TO regress_case_writer;
BEGIN;
CREATE TEMP TABLE saved ON COMMIT DROP AS SELECT * FROM fms.cases WHERE case_id = 'KS-P-AAA';
GRANT SELECT ON saved TO regress_case_writer;
DELETE FROM fms.cases WHERE case_id = 'KS-P-AAA';
SET LOCAL ROLE regress_case_writer;
SELECT * FROM error_of($$INSERT INTO fms.cases (case_id, title, status, status_since, status_log_id)
                         SELECT case_id, title, 'closed', status_since, status_log_id FROM saved$$);
SELECT * FROM error_of($$INSERT INTO fms.cases (case_id, title, status, status_since, status_log_id)
                         SELECT 'KS-P-AAA', 'P-8A training', 'cancelled', '2024-04-01', 11$$);
SELECT * FROM error_of($$INSERT INTO fms.cases (case_id, title, status, status_since, status_log_id)
                         SELECT case_id, title, status, '2024-01-01', status_log_id FROM saved$$);
ROLLBACK;
-- The table's owner (here a superuser), who could disable the triggers
-- anyway, is restoring a row that was changed behind the workflow's back:
-- the row is kept, not lost with the rest of the restore, and a new log
-- entry records its status, no earlier than its history.
BEGIN;
CREATE TEMP TABLE saved ON COMMIT DROP AS SELECT * FROM fms.cases WHERE case_id = 'KS-P-AAA';
DELETE FROM fms.cases WHERE case_id = 'KS-P-AAA';
INSERT INTO fms.cases (case_id, title, status, status_since, status_log_id)
SELECT case_id, title, 'closed', '2024-04-15', status_log_id FROM saved;
SELECT c.status, c.status_since, c.closed_on, l.from_state, l.to_state, l.effective_on, l.reason
  FROM fms.cases AS c JOIN fms.transition_log AS l ON l.id = c.status_log_id
 WHERE c.case_id = 'KS-P-AAA';
ROLLBACK;
-- A row without its history columns that its owner loads with COPY (as
-- pg_restore and psql restore a dump) and that is not a new row is kept the
-- same way; a new row is simply a new row.  Others may not COPY into the
-- case tables at all: row-level security (for partners) admits only INSERT.
BEGIN;
COPY fms.cases (case_id, title, status, status_since) FROM stdin;
KS-P-AAB	inserted with the triggers off	offered	2024-03-15
KS-P-AAC	a new case	development	\N
\.
SELECT c.case_id, c.status, c.status_since, l.from_state, l.to_state, l.effective_on, l.reason IS NOT NULL AS has_reason
  FROM fms.cases AS c JOIN fms.transition_log AS l ON l.id = c.status_log_id
 WHERE c.case_id IN ('KS-P-AAB', 'KS-P-AAC') ORDER BY 1;
ROLLBACK;
BEGIN;
SET LOCAL ROLE regress_case_writer;
COPY fms.cases (case_id, title, status, status_since) FROM stdin;
KS-P-AAB	inserted with the triggers off	offered	2024-03-15
\.
ROLLBACK;
DROP OWNED BY regress_case_writer;
DROP ROLE regress_case_writer;
-- The pointer is the workflow's to set.
SELECT * FROM error_of($$UPDATE fms.cases SET status_log_id = 1 WHERE case_id = 'KS-P-AAA'$$);

-- Settings are checked when set.
SELECT * FROM error_of($$SET fms.effective_date = '03/01/2024'$$);
SELECT * FROM error_of($$SET fms.effective_date = '2024-02-30'$$);
RESET fms.effective_date;
SELECT fms.status_as_of('KS-P-AAA', current_date) AS today;

-- The log is append-only, for its owner too.
SELECT * FROM error_of('UPDATE fms.transition_log SET reason = NULL');
SELECT * FROM error_of('DELETE FROM fms.transition_log');
SELECT * FROM error_of('TRUNCATE fms.transition_log CASCADE');
SET session_replication_role = replica;
SELECT * FROM error_of('DELETE FROM fms.transition_log');
RESET session_replication_role;
-- So is the log of the rows that belong to no case.
SELECT * FROM error_of('UPDATE fms.row_transition_log SET reason = NULL');
SELECT * FROM error_of('DELETE FROM fms.row_transition_log');
SELECT * FROM error_of('TRUNCATE fms.row_transition_log CASCADE');
-- Only deliberately disabling the guard lets a superuser change it.
BEGIN;
ALTER TABLE fms.transition_log DISABLE TRIGGER append_only;
DELETE FROM fms.transition_log WHERE case_id = 'KS-P-AAA' AND to_state = 'cancelled';
ROLLBACK;
SELECT count(*) AS log_rows FROM fms.transition_log;

-- Amendments and modifications follow their own machines.
SET fms.effective_date = '2024-06-01';
INSERT INTO fms.case_changes (case_id, change_no, title, total_value_usd)
VALUES ('JA-D-QAB', 'A1', 'adds two MIDS terminals', 4000000),
       ('JA-D-QAB', 'M1', 'price decrease', -250000);
SELECT case_id, change_no, kind, status, status_since FROM fms.case_changes ORDER BY change_no;
SELECT * FROM error_of($$INSERT INTO fms.case_changes (case_id, change_no, title) VALUES ('JA-D-QAB', 'B1', 'x')$$);
SELECT * FROM error_of($$INSERT INTO fms.case_changes (case_id, change_no, title) VALUES ('JA-D-QAB', 'A01', 'x')$$);
SELECT * FROM error_of($$INSERT INTO fms.case_changes (case_id, change_no, title) VALUES ('JA-D-QZZ', 'A2', 'x')$$);
UPDATE fms.case_changes SET status = 'write' WHERE change_no IN ('A1', 'M1');
UPDATE fms.case_changes SET status = 'review' WHERE change_no IN ('A1', 'M1');
UPDATE fms.case_changes SET status = 'proposed' WHERE change_no IN ('A1', 'M1');
-- A modification is implemented without offer or acceptance; an amendment is not.
SELECT * FROM error_of($$UPDATE fms.case_changes SET status = 'offered' WHERE change_no = 'M1'$$);
SELECT * FROM error_of($$UPDATE fms.case_changes SET status = 'implemented' WHERE change_no = 'A1'$$);
SET fms.effective_date = '2024-07-01';
UPDATE fms.case_changes SET status = 'implemented' WHERE change_no = 'M1';
UPDATE fms.case_changes SET status = 'offered' WHERE change_no = 'A1';
SET fms.effective_date = '2024-07-15';
UPDATE fms.case_changes SET status = 'accepted' WHERE change_no = 'A1';
UPDATE fms.case_changes SET status = 'implemented' WHERE change_no = 'A1';
SELECT change_no, status, milap_on, offered_on, oed_on, accepted_on, implemented_on
  FROM fms.case_changes ORDER BY change_no;
SELECT row_key, machine, from_state, to_state FROM fms.transition_log
 WHERE table_name = 'fms.case_changes' ORDER BY id;
RESET fms.effective_date;
DROP VIEW log;

-- One statement, many rows, each on its own day: a status change takes
-- effect on the "status_since" the statement gives (an INSERT with it, an
-- UPDATE that sets it), else on fms.effective_date; the same checks hold.
BEGIN;
SET LOCAL fms.effective_date = '2030-01-01';
INSERT INTO fms.cases (case_id, title, lor_received_on, lor_complete_on, status_since)
VALUES ('KS-B-001', 'per-row dates', '2020-01-02', '2020-01-06', '2020-01-06'),
       ('KS-B-002', 'per-row dates', '2021-03-01', '2021-03-04', '2021-03-04'),
       ('KS-B-003', 'the setting''s date', '2021-03-01', '2021-03-04', NULL);
UPDATE fms.cases AS c SET status = 'write', status_since = v.day
  FROM (VALUES ('KS-B-001', date '2020-02-01'), ('KS-B-002', date '2021-04-15')) AS v(id, day)
 WHERE c.case_id = v.id::fms.case_id;
SELECT case_id, status, status_since, milap_on FROM fms.cases WHERE case_id::text LIKE 'KS-B-00%' ORDER BY case_id;
SELECT row_key, from_state, to_state, effective_on FROM fms.transition_log
 WHERE row_key LIKE 'KS-B-00%' ORDER BY row_key, id;
-- Not before the row's last change, not at infinity; and never without a
-- status change.
SELECT * FROM error_of($$UPDATE fms.cases SET status = 'review', status_since = '2020-01-31' WHERE case_id = 'KS-B-001'$$);
SELECT * FROM error_of($$UPDATE fms.cases SET status = 'review', status_since = 'infinity' WHERE case_id = 'KS-B-001'$$);
SELECT * FROM error_of($$UPDATE fms.cases SET status_since = '2020-03-01' WHERE case_id = 'KS-B-001'$$);
-- An UPDATE that does not set it takes fms.effective_date, whatever the row held.
UPDATE fms.cases SET status = 'review' WHERE case_id = 'KS-B-001';
SELECT status, status_since FROM fms.cases WHERE case_id = 'KS-B-001';
ROLLBACK;
