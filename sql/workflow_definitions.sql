--
-- Workflow definitions: validation when they are written, the cache, and
-- the engine on a user's own table.
--
SET DateStyle = ISO;

-- An edge must join defined states.
SELECT * FROM error_of($$INSERT INTO fms.workflow_transitions (machine, from_state, to_state, description)
                          VALUES ('loa', 'offered', 'shipped', 'x')$$);
-- No self-edges: an unchanged status is not a transition.
SELECT * FROM error_of($$INSERT INTO fms.workflow_transitions (machine, from_state, to_state, description)
                          VALUES ('loa', 'offered', 'offered', 'restatement')$$);
-- Checked at commit: every machine keeps an initial state ...
BEGIN;
UPDATE fms.workflow_states SET is_initial = false WHERE machine = 'modification';
SELECT * FROM error_of('SET CONSTRAINTS ALL IMMEDIATE');
ROLLBACK;
-- ... no edge leaves a terminal state ...
BEGIN;
INSERT INTO fms.workflow_transitions (machine, from_state, to_state, requires_reason, description)
VALUES ('amendment', 'implemented', 'development', true, 'rework');
SELECT * FROM error_of('SET CONSTRAINTS ALL IMMEDIATE');
ROLLBACK;
-- ... and every guard is a function of one row returning text.
BEGIN;
UPDATE fms.workflow_transitions SET guard = 'fms.no_such_guard(anyelement)'
 WHERE machine = 'loa' AND from_state = 'write' AND to_state = 'review';
SELECT * FROM error_of('SET CONSTRAINTS ALL IMMEDIATE');
ROLLBACK;
BEGIN;
UPDATE fms.workflow_transitions SET guard = 'pg_catalog.upper(text)'
 WHERE machine = 'loa' AND from_state = 'write' AND to_state = 'review';
SELECT * FROM error_of('SET CONSTRAINTS ALL IMMEDIATE');
ROLLBACK;
BEGIN;
UPDATE fms.workflow_transitions SET guard = 'not a signature ((('
 WHERE machine = 'loa' AND from_state = 'write' AND to_state = 'review';
SELECT * FROM error_of('SET CONSTRAINTS ALL IMMEDIATE');
ROLLBACK;
-- A consistent change within a transaction passes: replace the initial state.
BEGIN;
UPDATE fms.workflow_states SET is_initial = false WHERE machine = 'modification' AND state = 'development';
UPDATE fms.workflow_states SET is_initial = true WHERE machine = 'modification' AND state = 'write';
SET CONSTRAINTS ALL IMMEDIATE;
SELECT state FROM fms.workflow_states WHERE machine = 'modification' AND is_initial;
ROLLBACK;

-- The shipped machines, as a reader sees them.
SELECT machine, string_agg(state || CASE WHEN is_initial THEN ' (initial)' WHEN is_terminal THEN ' (terminal)' ELSE '' END,
                           ', ' ORDER BY position) AS states
  FROM fms.workflow_states GROUP BY machine ORDER BY machine;
SELECT machine, from_state, string_agg(to_state || CASE WHEN requires_reason THEN ' (reason)' ELSE '' END
                                       || coalesce(' [' || guard || ']', ''), ', ' ORDER BY to_state) AS to_states
  FROM fms.workflow_transitions GROUP BY machine, from_state ORDER BY machine, from_state;

-- A user's own table, its own machine and status column.
INSERT INTO fms.workflow_states (machine, state, is_initial, is_terminal, position, milestone_column, description) VALUES
	('ticket', 'open', true, false, 1, NULL, 'new'),
	('ticket', 'doing', false, false, 2, 'started_on', 'in work'),
	('ticket', 'done', false, true, 3, 'done_on', 'finished');
INSERT INTO fms.workflow_transitions (machine, from_state, to_state, description) VALUES
	('ticket', 'open', 'doing', 'start'), ('ticket', 'doing', 'done', 'finish');
CREATE TABLE tickets (id int PRIMARY KEY, phase text NOT NULL DEFAULT 'open', phase_since date, started_on date, done_on date);
CREATE TRIGGER workflow BEFORE INSERT OR UPDATE ON tickets
	FOR EACH ROW EXECUTE FUNCTION fms.enforce_workflow('ticket', 'phase');
SET fms.effective_date = '2025-03-01';
-- The workflow's trigger needs its AFTER companion, which checks each row
-- as finally written.
SELECT * FROM error_of($$INSERT INTO tickets (id) VALUES (1)$$);
CREATE TRIGGER verify_workflow AFTER UPDATE ON tickets
	FOR EACH ROW EXECUTE FUNCTION fms.verify_workflow('phase');
SELECT * FROM error_of($$INSERT INTO tickets (id) VALUES (1)$$);
DROP TRIGGER verify_workflow ON tickets;
CREATE TRIGGER verify_workflow AFTER INSERT OR UPDATE ON tickets
	FOR EACH ROW EXECUTE FUNCTION fms.verify_workflow('phase');
INSERT INTO tickets (id) VALUES (1);
UPDATE tickets SET phase = 'doing';
SELECT * FROM error_of($$UPDATE tickets SET phase = 'open'$$);
SELECT * FROM tickets;
-- A row that belongs to no case is logged in fms.row_transition_log.
SELECT table_name, row_key, machine, from_state, to_state FROM fms.row_transition_log
 WHERE table_name = 'public.tickets' ORDER BY id;
SELECT count(*) AS in_the_case_log FROM fms.transition_log WHERE table_name = 'public.tickets';

-- A definition change takes effect at the next statement of this session
-- (and of every other: see the isolation test).
INSERT INTO fms.workflow_transitions (machine, from_state, to_state, description)
VALUES ('ticket', 'doing', 'open', 'put back');
UPDATE tickets SET phase = 'open';
DELETE FROM fms.workflow_transitions WHERE machine = 'ticket' AND from_state = 'doing' AND to_state = 'open';
UPDATE tickets SET phase = 'doing';
SELECT * FROM error_of($$UPDATE tickets SET phase = 'open'$$);

-- A guard may take the table's own row type.
CREATE FUNCTION ticket_started_in_2025(t tickets) RETURNS text LANGUAGE sql
	AS $$ SELECT CASE WHEN t.started_on < '2025-01-01' THEN 'started before 2025' END $$;
-- Unqualified, it would depend on the search_path of whoever moves a ticket.
BEGIN;
UPDATE fms.workflow_transitions SET guard = 'ticket_started_in_2025(tickets)'
 WHERE machine = 'ticket' AND from_state = 'doing';
SELECT state, detail FROM error_of('SET CONSTRAINTS ALL IMMEDIATE');
ROLLBACK;
UPDATE fms.workflow_transitions SET guard = 'public.ticket_started_in_2025(public.tickets)'
 WHERE machine = 'ticket' AND from_state = 'doing';
UPDATE tickets SET started_on = '2024-12-31';
SELECT * FROM error_of($$UPDATE tickets SET phase = 'done'$$);
UPDATE tickets SET started_on = '2025-01-02', phase = 'done';
SELECT * FROM tickets;

-- One statement moving many rows: the key and the guard are looked up once
-- for the statement, and every row still gets its own answer.
INSERT INTO tickets (id, started_on) VALUES (10, '2025-02-01'), (11, '2025-02-01'), (12, '2025-02-01'), (13, '2025-02-01');
UPDATE tickets SET phase = 'doing' WHERE id >= 10;
UPDATE tickets SET started_on = '2024-06-30' WHERE id = 12;
SELECT * FROM error_of($$UPDATE tickets SET phase = 'done' WHERE id >= 10$$);
SELECT count(*) FILTER (WHERE phase = 'done') AS done_after_refusal FROM tickets WHERE id >= 10;
UPDATE tickets SET started_on = '2025-02-01' WHERE id = 12;
UPDATE tickets SET phase = 'done' WHERE id >= 10;
SELECT row_key, from_state, to_state FROM fms.row_transition_log
 WHERE table_name = 'public.tickets' AND row_key IN ('10', '11', '12', '13') ORDER BY id;
-- The shipped guards' milestone checks read any row's columns by name: a
-- column the row lacks reads as NULL, one of another type as its text cast
-- to date, and a value that is no date is refused with its text.
CREATE TABLE milestones (n int, lor_received_on text, offered_on timestamp, accepted_on date,
                         status_since date, closed_on date);
INSERT INTO milestones VALUES
	(1, '2024-01-02', '2024-02-01 10:30', '2024-03-01', '2024-03-01', NULL),
	(2, '2024-01-02', '2024-02-01 10:30', '2024-01-15', '2024-02-01', NULL),
	(3, NULL, NULL, '2024-03-01', NULL, '-infinity'),
	(4, NULL, NULL, NULL, NULL, NULL);
SELECT m.n, fms.guard_dates_in_order(m) AS out_of_order FROM milestones AS m ORDER BY m.n;
SELECT m.n, fms.milestone_problem(m, 'accepted_on') AS accepted_not_on_the_day,
       fms.milestone_problem(m, 'no_such_column') AS missing_not_on_the_day
  FROM milestones AS m ORDER BY m.n;
UPDATE milestones SET lor_received_on = 'soon' WHERE n = 4;
SELECT fms.guard_dates_in_order(m) FROM milestones AS m WHERE n = 4;
SELECT fms.guard_dates_in_order(42) AS scalar, fms.milestone_problem(DATE '2024-01-01', 'accepted_on') AS scalar_day;
DROP TABLE milestones;
-- A composite key, quoted as a record is when a part needs it.
CREATE TABLE team_tickets (team text, n int, phase text NOT NULL DEFAULT 'open', started_on date, done_on date,
                           PRIMARY KEY (team, n));
CREATE TRIGGER workflow BEFORE INSERT OR UPDATE ON team_tickets
	FOR EACH ROW EXECUTE FUNCTION fms.enforce_workflow('ticket', 'phase');
CREATE TRIGGER verify_workflow AFTER INSERT OR UPDATE ON team_tickets
	FOR EACH ROW EXECUTE FUNCTION fms.verify_workflow('phase');
INSERT INTO team_tickets (team, n) VALUES ('north', 1), ('north, east', 1), ('south', 2);
UPDATE team_tickets SET phase = 'doing';
SELECT * FROM error_of($$UPDATE team_tickets SET phase = 'open' WHERE n = 2$$);
SELECT row_key, from_state, to_state FROM fms.row_transition_log
 WHERE table_name = 'public.team_tickets' ORDER BY id;
DROP TABLE team_tickets;

-- A trigger that could not work is refused when it is created ...
CREATE TABLE no_key (status text);
CREATE TABLE misused (id int PRIMARY KEY, status text, stage int);
SELECT state, message, detail FROM error_of($$CREATE TRIGGER w BEFORE INSERT ON no_key FOR EACH ROW EXECUTE FUNCTION fms.enforce_workflow('ticket')$$);
SELECT state, detail FROM error_of($$CREATE TRIGGER w BEFORE INSERT ON misused FOR EACH ROW EXECUTE FUNCTION fms.enforce_workflow('tickets')$$);
SELECT state, detail FROM error_of($$CREATE TRIGGER w BEFORE INSERT ON misused FOR EACH ROW EXECUTE FUNCTION fms.enforce_workflow('ticket', 'phase')$$);
SELECT state, detail FROM error_of($$CREATE TRIGGER w BEFORE INSERT ON misused FOR EACH ROW EXECUTE FUNCTION fms.enforce_workflow('ticket', 'stage')$$);
SELECT state, detail FROM error_of($$CREATE TRIGGER w BEFORE INSERT ON misused FOR EACH ROW EXECUTE FUNCTION fms.enforce_workflow()$$);
SELECT state, detail FROM error_of($$CREATE TRIGGER w AFTER INSERT ON misused FOR EACH ROW EXECUTE FUNCTION fms.enforce_workflow('ticket')$$);
SELECT state, detail FROM error_of($$CREATE TRIGGER w BEFORE INSERT ON misused FOR EACH ROW EXECUTE FUNCTION fms.enforce_workflow('ticket')$$);
-- A key whose text depends on TimeZone or DateStyle would file one row's
-- history under several keys.
CREATE TABLE timed (at timestamptz, n int, status text, PRIMARY KEY (at, n));
SELECT state, detail FROM error_of($$CREATE TRIGGER w BEFORE INSERT ON timed FOR EACH ROW EXECUTE FUNCTION fms.enforce_workflow('ticket', 'status')$$);
DROP TABLE timed;
-- The rows of a table with a case_id column are logged by case: the
-- column may not be null.
CREATE TABLE case_notes (n int PRIMARY KEY, case_id fms.case_id, status text);
SELECT state, detail FROM error_of($$CREATE TRIGGER w BEFORE INSERT ON case_notes FOR EACH ROW EXECUTE FUNCTION fms.enforce_workflow('ticket', 'status')$$);
DROP TABLE case_notes;
-- ... and so is a change to a governed table that its trigger could not
-- work with.
SELECT state, detail FROM error_of('ALTER TABLE tickets DROP COLUMN phase_since, ALTER COLUMN phase TYPE varchar');
-- Arguments are read as text in the server encoding: a status column
-- "état" is found.
CREATE TABLE états (id int PRIMARY KEY, "état" text NOT NULL DEFAULT 'open', started_on date, done_on date);
CREATE TRIGGER w BEFORE INSERT OR UPDATE ON états FOR EACH ROW EXECUTE FUNCTION fms.enforce_workflow('ticket', 'état');
CREATE TRIGGER v AFTER INSERT OR UPDATE ON états FOR EACH ROW EXECUTE FUNCTION fms.verify_workflow('état');
INSERT INTO états (id) VALUES (1);
UPDATE états SET "état" = 'doing';
SELECT * FROM états;
DROP TABLE états;
-- ... and so is a definition change that a governed table cannot follow.
BEGIN;
UPDATE fms.workflow_states SET milestone_column = 'finished_on' WHERE machine = 'ticket' AND state = 'done';
SELECT state, message, detail FROM error_of('SET CONSTRAINTS ALL IMMEDIATE');
ROLLBACK;
DROP TABLE no_key, misused;

-- With that check switched off, the trigger itself still says what is wrong.
ALTER EVENT TRIGGER fms_check_workflow_triggers DISABLE;
CREATE TABLE no_key (status text);
CREATE TRIGGER workflow BEFORE INSERT ON no_key FOR EACH ROW EXECUTE FUNCTION fms.enforce_workflow('ticket');
SELECT * FROM error_of($$INSERT INTO no_key VALUES ('open')$$);
CREATE TABLE misused (id int PRIMARY KEY, status text, stage int);
CREATE TRIGGER verify_workflow AFTER INSERT OR UPDATE ON misused FOR EACH ROW EXECUTE FUNCTION fms.verify_workflow();
CREATE TRIGGER unknown_machine BEFORE INSERT ON misused FOR EACH ROW EXECUTE FUNCTION fms.enforce_workflow('tickets');
SELECT * FROM error_of($$INSERT INTO misused VALUES (1, 'open')$$);
DROP TRIGGER unknown_machine ON misused;
CREATE TRIGGER no_column BEFORE INSERT ON misused FOR EACH ROW EXECUTE FUNCTION fms.enforce_workflow('ticket', 'phase');
SELECT * FROM error_of($$INSERT INTO misused VALUES (1, 'open')$$);
DROP TRIGGER no_column ON misused;
CREATE TABLE case_notes (n int PRIMARY KEY, case_id fms.case_id, status text);
CREATE TRIGGER w BEFORE INSERT ON case_notes FOR EACH ROW EXECUTE FUNCTION fms.enforce_workflow('ticket', 'status');
CREATE TRIGGER v AFTER INSERT OR UPDATE ON case_notes FOR EACH ROW EXECUTE FUNCTION fms.verify_workflow('status');
SELECT * FROM error_of($$INSERT INTO case_notes VALUES (1, NULL, 'open')$$);
DROP TABLE case_notes;
CREATE TABLE timed (at timestamptz, n int, status text, PRIMARY KEY (at, n));
CREATE TRIGGER w BEFORE INSERT ON timed FOR EACH ROW EXECUTE FUNCTION fms.enforce_workflow('ticket', 'status');
CREATE TRIGGER v AFTER INSERT OR UPDATE ON timed FOR EACH ROW EXECUTE FUNCTION fms.verify_workflow('status');
SELECT * FROM error_of($$INSERT INTO timed VALUES ('2025-01-02 10:00+00', 1, 'open')$$);
DROP TABLE timed;
CREATE TRIGGER not_text BEFORE INSERT ON misused FOR EACH ROW EXECUTE FUNCTION fms.enforce_workflow('ticket', 'stage');
SELECT * FROM error_of($$INSERT INTO misused VALUES (1, 'open', 1)$$);
DROP TRIGGER not_text ON misused;
CREATE TRIGGER no_args BEFORE INSERT ON misused FOR EACH ROW EXECUTE FUNCTION fms.enforce_workflow();
SELECT * FROM error_of($$INSERT INTO misused VALUES (1, 'open')$$);
DROP TRIGGER no_args ON misused;
CREATE TRIGGER after_row AFTER INSERT ON misused FOR EACH ROW EXECUTE FUNCTION fms.enforce_workflow('ticket');
SELECT * FROM error_of($$INSERT INTO misused VALUES (1, 'open')$$);
DROP TRIGGER after_row ON misused;
SELECT * FROM error_of('SELECT fms.enforce_workflow()');
SELECT count(*) AS misused_rows FROM misused;
-- A milestone column the table lacks is reported when a row enters the state.
INSERT INTO tickets (id) VALUES (3);
UPDATE tickets SET phase = 'doing' WHERE id = 3;
ALTER TABLE tickets RENAME COLUMN done_on TO finished_on;
SELECT * FROM error_of($$UPDATE tickets SET phase = 'done' WHERE id = 3$$);
ALTER TABLE tickets RENAME COLUMN finished_on TO done_on;
ALTER EVENT TRIGGER fms_check_workflow_triggers ENABLE ALWAYS;

-- A table whose rows have history in one log keeps the columns that chose
-- it: tickets, logged in fms.row_transition_log, cannot gain a case_id.
SELECT state, detail FROM error_of($$ALTER TABLE tickets ADD COLUMN case_id fms.case_id NOT NULL DEFAULT 'AM-D-000'$$);
-- And a row of a case stays with its case.
CREATE TABLE case_tasks (n int PRIMARY KEY, case_id fms.case_id NOT NULL, status text NOT NULL DEFAULT 'open', started_on date, done_on date);
CREATE TRIGGER w BEFORE INSERT OR UPDATE ON case_tasks FOR EACH ROW EXECUTE FUNCTION fms.enforce_workflow('ticket', 'status');
CREATE TRIGGER v AFTER INSERT OR UPDATE ON case_tasks FOR EACH ROW EXECUTE FUNCTION fms.verify_workflow('status');
INSERT INTO case_tasks (n, case_id) VALUES (1, 'AM-D-000');
SELECT * FROM error_of($$UPDATE case_tasks SET case_id = 'AO-P-001' WHERE n = 1$$);
SELECT table_name, row_key, case_id, to_state FROM fms.transition_log WHERE table_name = 'public.case_tasks';
SELECT state, detail FROM error_of($$ALTER TABLE case_tasks DROP COLUMN case_id$$);
DROP TABLE case_tasks;
-- The logs file a table's rows under its name: a governed table with
-- history keeps it, and its schema's (a table without history may move).
SELECT state, message, hint FROM error_of($$ALTER TABLE tickets RENAME TO jobs$$);
CREATE SCHEMA desk;
SELECT state, message FROM error_of($$ALTER TABLE tickets SET SCHEMA desk$$);
SELECT state, message FROM error_of($$ALTER SCHEMA public RENAME TO old_public$$);
-- The event triggers fire under session_replication_role = replica too.
SET session_replication_role = replica;
SELECT state, message FROM error_of($$ALTER TABLE tickets RENAME TO jobs$$);
RESET session_replication_role;
SELECT e.evtname, e.evtenabled FROM pg_event_trigger AS e WHERE e.evtname LIKE 'fms\_%' ORDER BY 1;
CREATE TABLE desk.fresh (id int PRIMARY KEY, phase text NOT NULL DEFAULT 'open', started_on date, done_on date);
CREATE TRIGGER w BEFORE INSERT OR UPDATE ON desk.fresh FOR EACH ROW EXECUTE FUNCTION fms.enforce_workflow('ticket', 'phase');
CREATE TRIGGER v AFTER INSERT OR UPDATE ON desk.fresh FOR EACH ROW EXECUTE FUNCTION fms.verify_workflow('phase');
ALTER TABLE desk.fresh RENAME TO fresher;
DROP SCHEMA desk CASCADE;

-- An unprivileged user moves what it may update; the log records it
-- although the user cannot write the log itself.  A new connection starts
-- with cold caches: they load as the owner of schema fms, so a user with no
-- right on the definition tables can still use them.
\c -
SET DateStyle = ISO;
SET fms.effective_date = '2025-03-01';
CREATE ROLE fms_clerk;
GRANT USAGE ON SCHEMA public TO fms_clerk;
GRANT SELECT, INSERT, UPDATE ON tickets TO fms_clerk;
GRANT EXECUTE ON FUNCTION fms.is_business_day(date) TO fms_clerk;
SET ROLE fms_clerk;
SELECT has_table_privilege('fms.workflow_states', 'SELECT') AS clerk_reads_definitions,
       has_table_privilege('fms.holiday_rules', 'SELECT') AS clerk_reads_holidays;
SELECT fms.is_business_day('2025-01-20') AS mlk_day_2025;
INSERT INTO tickets (id) VALUES (2);
UPDATE tickets SET phase = 'doing' WHERE id = 2;
SELECT * FROM error_of($$INSERT INTO fms.row_transition_log (id, table_name, row_key, machine, to_state, effective_on, actor)
                          VALUES (0, 'tickets', '3', 'ticket', 'done', '2025-03-01', 'forger')$$);
RESET ROLE;
SELECT row_key, from_state, to_state, actor = session_user AS actor_is_session_user FROM fms.row_transition_log
 WHERE table_name = 'public.tickets' AND row_key = '2' ORDER BY id;

DROP TABLE no_key, misused;
DROP TABLE tickets CASCADE;
DELETE FROM fms.workflow_states WHERE machine = 'ticket';
DROP OWNED BY fms_clerk;
DROP ROLE fms_clerk;
RESET fms.effective_date;
