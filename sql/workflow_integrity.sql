--
-- A row's status and its latest transition log entry always agree, whatever
-- the path: the key, the log id and the since date change only with the
-- status; triggers that fire before or after the workflow's, replication
-- and restores are all checked; only tables an administrator governs can
-- write the log.
--
SET DateStyle = ISO;
-- A value set before the fms library is loaded in the session is checked
-- only when it loads, which warns and falls back to the default; the next
-- write that needs the date fails instead of stamping today.
SET fms.effective_date = '2024-13-01';
SELECT * FROM error_of($$INSERT INTO fms.cases (case_id, title) VALUES ('JA-P-001', 'AMRAAM')$$);
-- So it does when a good value set in a savepoint hid the bad one while
-- the library loaded, once the savepoint is rolled back.
\c -
SET fms.effective_date = 'yesterday';
BEGIN;
SAVEPOINT s;
SET fms.effective_date = '2024-01-01';
SELECT 'XI'::fms.usml AS loads_the_library, current_setting('fms.effective_date') AS in_the_savepoint;
ROLLBACK TO SAVEPOINT s;
COMMIT;
SELECT state, message FROM error_of($$INSERT INTO fms.cases (case_id, title) VALUES ('JA-P-001', 'AMRAAM')$$);
RESET fms.effective_date;
-- The library first loaded while the session starts a parallel plan (one
-- that calls fms, read as the session's first use of it) takes over the
-- values set before, as any load does: PostgreSQL refuses to set a
-- parameter in parallel mode, and the session once fell back to the
-- defaults silently (today, the session user).
\c -
SET DateStyle = ISO;
SET fms.as_of_date = '2020-01-01';
SET fms.actor = 'nightly loader';
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SELECT count(*) > 0 AS read FROM pg_catalog.pg_class WHERE fms.today() OPERATOR(pg_catalog.=) '2020-01-01';
SELECT fms.today(), current_setting('fms.as_of_date') AS as_of_date, current_setting('fms.actor') AS actor;
SELECT bool_or(l LIKE '%Gather%') AS the_plan_is_parallel
  FROM explain_lines($$SELECT count(*) FROM pg_catalog.pg_class WHERE fms.today() OPERATOR(pg_catalog.=) '2020-01-01'$$) AS l;
\c -
SET DateStyle = ISO;
SET fms.effective_date = '2024-01-10';
INSERT INTO fms.cases (case_id, title) VALUES ('JA-P-001', 'AMRAAM'), ('JA-P-002', 'JASSM');
INSERT INTO fms.case_changes (case_id, change_no, title) VALUES ('JA-P-001', 'A1', 'more missiles');
SELECT count(*) AS log_rows_before FROM fms.transition_log \gset

-- The log files a row's history under its primary key, so the key cannot
-- change: not the case, not the change number, and not in a status change.
SELECT * FROM error_of($$UPDATE fms.cases SET case_id = 'JA-P-003' WHERE case_id = 'JA-P-002'$$);
SELECT * FROM error_of($$UPDATE fms.case_changes SET change_no = 'A2' WHERE case_id = 'JA-P-001'$$);
SELECT state, message FROM error_of($$UPDATE fms.cases SET case_id = 'JA-P-003', status = 'write' WHERE case_id = 'JA-P-002'$$);

-- The since date is the log's too: clearing or moving it is refused, so a
-- back-dated change cannot slip in behind it.
SELECT * FROM error_of($$UPDATE fms.cases SET status_since = NULL WHERE case_id = 'JA-P-002'$$);
SELECT state, message FROM error_of($$UPDATE fms.cases SET status_since = '2020-01-01' WHERE case_id = 'JA-P-002'$$);
SET fms.effective_date = '2023-06-01';
SELECT state, detail FROM error_of($$UPDATE fms.cases SET status = 'write' WHERE case_id = 'JA-P-002'$$);
SET fms.effective_date = '2024-02-01';

-- A user trigger that fires earlier (by name) and sets the status in an
-- UPDATE that does not name it: the workflow's trigger is not called, and
-- the AFTER check refuses a status its log does not record.
CREATE FUNCTION public.close_quietly() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN NEW.status := 'closed'; RETURN NEW; END $$;
CREATE TRIGGER a_close_quietly BEFORE UPDATE ON fms.cases
	FOR EACH ROW WHEN (NEW.title = 'close me') EXECUTE FUNCTION public.close_quietly();
SELECT state, message, detail FROM error_of($$UPDATE fms.cases SET title = 'close me' WHERE case_id = 'JA-P-002'$$);
-- When the UPDATE names the status, the workflow judges the status the
-- earlier trigger set.
SELECT state, message, detail FROM error_of($$UPDATE fms.cases SET title = 'close me', status = 'write' WHERE case_id = 'JA-P-002'$$);
DROP TRIGGER a_close_quietly ON fms.cases;
-- One that fires later and rewrites the status after the workflow checked
-- it: the AFTER check refuses the row as finally written.
CREATE FUNCTION public.rewrite_status() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN NEW.status := 'closed'; RETURN NEW; END $$;
CREATE TRIGGER z_rewrite_status BEFORE UPDATE ON fms.cases
	FOR EACH ROW WHEN (NEW.title = 'rewrite me') EXECUTE FUNCTION public.rewrite_status();
SELECT * FROM error_of($$UPDATE fms.cases SET title = 'rewrite me', status = 'write' WHERE case_id = 'JA-P-002'$$);
-- ... and so it does when the later trigger moves the pointer or the date.
CREATE OR REPLACE FUNCTION public.rewrite_status() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN NEW.status_since := NEW.status_since - 1; RETURN NEW; END $$;
SELECT state, message, detail FROM error_of($$UPDATE fms.cases SET title = 'rewrite me' WHERE case_id = 'JA-P-002'$$);
SELECT state, message, detail FROM error_of($$UPDATE fms.cases SET title = 'rewrite me', status = 'write' WHERE case_id = 'JA-P-002'$$);
DROP TRIGGER z_rewrite_status ON fms.cases;
DROP FUNCTION public.close_quietly(), public.rewrite_status();
SELECT count(*) - :log_rows_before AS log_rows_added, (SELECT status FROM fms.cases WHERE case_id = 'JA-P-002') AS status
  FROM fms.transition_log;

-- A change is logged only once its row is written.  INSERT ... ON CONFLICT
-- that writes nothing, or updates another column, logs nothing ...
SELECT count(*) AS log_rows_at_upserts FROM fms.transition_log \gset
SET fms.effective_date = '2024-02-01';
INSERT INTO fms.cases (case_id, title) VALUES ('JA-P-002', 'again') ON CONFLICT DO NOTHING;
INSERT INTO fms.cases (case_id, title) VALUES ('JA-P-002', 'again') ON CONFLICT (case_id) DO UPDATE SET title = 'JASSM-ER';
INSERT INTO fms.case_changes (case_id, change_no, title) VALUES ('JA-P-001', 'A1', 'again') ON CONFLICT DO NOTHING;
-- (An insert dated before its key's history is refused before the
-- conflict is known, even one that would have done nothing.)
SET fms.effective_date = '1900-01-02';
SELECT state, message FROM error_of($$INSERT INTO fms.cases (case_id, title) VALUES ('JA-P-002', 'again') ON CONFLICT DO NOTHING$$);
SET fms.effective_date = '2024-02-01';
SELECT count(*) - :log_rows_at_upserts AS log_rows_added, fms.status_as_of('JA-P-002', '1950-01-01') AS status_in_1950
  FROM fms.transition_log;
-- ... and an upsert that moves the status is logged like an UPDATE.
INSERT INTO fms.cases (case_id, title) VALUES ('JA-P-002', 'again') ON CONFLICT (case_id) DO UPDATE SET status = 'write';
SELECT c.status, c.status_since, l.from_state, l.to_state, l.effective_on
  FROM fms.cases AS c JOIN fms.transition_log AS l ON l.id = c.status_log_id WHERE c.case_id = 'JA-P-002';
-- A trigger firing later that skips the row, or puts the old status back,
-- leaves the row unchanged and the log without an entry.
CREATE FUNCTION public.skip_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RETURN NULL; END $$;
CREATE TRIGGER z_skip BEFORE UPDATE ON fms.cases
	FOR EACH ROW WHEN (NEW.title = 'skip me') EXECUTE FUNCTION public.skip_row();
UPDATE fms.cases SET title = 'skip me', status = 'review' WHERE case_id = 'JA-P-002';
DROP TRIGGER z_skip ON fms.cases;
CREATE FUNCTION public.put_back() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN NEW.status := OLD.status; NEW.status_log_id := OLD.status_log_id; NEW.status_since := OLD.status_since; RETURN NEW; END $$;
CREATE TRIGGER z_put_back BEFORE UPDATE ON fms.cases
	FOR EACH ROW WHEN (NEW.title = 'put back') EXECUTE FUNCTION public.put_back();
UPDATE fms.cases SET title = 'put back', status = 'review' WHERE case_id = 'JA-P-002';
DROP TRIGGER z_put_back ON fms.cases;
DROP FUNCTION public.skip_row(), public.put_back();
SELECT status, fms.status_as_of(case_id, '2030-01-01') AS status_by_the_log,
       (SELECT count(*) - :log_rows_at_upserts - 1 FROM fms.transition_log) AS log_rows_added
  FROM fms.cases WHERE case_id = 'JA-P-002';
-- A trigger firing later that catches an error of its own (its
-- subtransaction aborts) does not lose the change.
CREATE FUNCTION public.catch_an_error() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	BEGIN
		PERFORM 1 / 0;
	EXCEPTION WHEN division_by_zero THEN
		NULL;
	END;
	RETURN NEW;
END $$;
CREATE TRIGGER z_catch BEFORE UPDATE ON fms.cases FOR EACH ROW EXECUTE FUNCTION public.catch_an_error();
SET fms.effective_date = '2024-02-10';
UPDATE fms.cases SET status = 'review' WHERE case_id = 'JA-P-002';
DROP TRIGGER z_catch ON fms.cases;
DROP FUNCTION public.catch_an_error();
SELECT c.status, l.from_state, l.to_state, l.effective_on
  FROM fms.cases AS c JOIN fms.transition_log AS l ON l.id = c.status_log_id WHERE c.case_id = 'JA-P-002';

-- Each change is told apart by its reserved log id: two rows whose keys
-- hash alike in one statement, the same key tried twice in one upsert, and
-- an AFTER trigger of the user's that moves a row on in an UPDATE of its
-- own while the first change waits for its check.
SET fms.effective_date = '2024-03-01';
INSERT INTO fms.dcs_licenses (license_no, form, applicant, country_code)
VALUES ('L10090', 'DSP-5', 'Acme', 'JP'), ('L209081', 'DSP-5', 'Acme', 'JP');
SELECT hashtext('L10090') = hashtext('L209081') AS keys_hash_alike,
       (SELECT count(*) FROM fms.dcs_licenses AS l JOIN fms.row_transition_log AS t ON t.id = l.status_log_id
         WHERE l.license_no IN ('L10090', 'L209081') AND t.row_key = l.license_no) AS licences_logged;
INSERT INTO fms.cases (case_id, title) VALUES ('JA-P-007', 'twice'), ('JA-P-007', 'twice') ON CONFLICT DO NOTHING;
SELECT count(*) AS entries_of_ja_p_007 FROM fms.transition_log WHERE case_id = 'JA-P-007';
CREATE FUNCTION public.move_on() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	UPDATE fms.cases SET status = 'review', title = 'moved on' WHERE case_id = NEW.case_id;
	RETURN NULL;
END $$;
CREATE TRIGGER a_move_on AFTER UPDATE ON fms.cases
	FOR EACH ROW WHEN (NEW.title = 'move on') EXECUTE FUNCTION public.move_on();
UPDATE fms.cases SET title = 'move on', status = 'write' WHERE case_id = 'JA-P-007';
DROP TRIGGER a_move_on ON fms.cases;
DROP FUNCTION public.move_on();
SELECT c.status, (SELECT string_agg(l.to_state, ', ' ORDER BY l.id) FROM fms.transition_log AS l WHERE l.case_id = c.case_id) AS logged,
       fms.status_as_of(c.case_id, '2030-01-01') = c.status AS agrees
  FROM fms.cases AS c WHERE c.case_id = 'JA-P-007';
-- Only a COPY into the table itself loads rows as restored: an insert run
-- from inside another COPY is an ordinary one.
CREATE FUNCTION public.insert_closed() RETURNS int LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO fms.cases (case_id, title, status, status_since) VALUES ('JA-P-009', 'closed long ago', 'closed', '1901-01-01');
	RETURN 1;
END $$;
COPY (SELECT public.insert_closed()) TO STDOUT;
DROP FUNCTION public.insert_closed();
-- A change decided for a row that was never written cannot be claimed by a
-- later write: here an insert that met its conflict, then a trigger that
-- sets the status and the pointer to the unused entry's id.
BEGIN;
INSERT INTO fms.cases (case_id, title) VALUES ('JA-P-002', 'again') ON CONFLICT DO NOTHING;
CREATE FUNCTION public.claim() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	NEW.status := 'development';
	NEW.status_log_id := currval('fms.transition_log_id_seq');
	NEW.status_since := fms.today();
	RETURN NEW;
END $$;
CREATE TRIGGER z_claim BEFORE UPDATE ON fms.cases
	FOR EACH ROW WHEN (NEW.title = 'claim') EXECUTE FUNCTION public.claim();
SELECT state, detail FROM error_of($$UPDATE fms.cases SET title = 'claim' WHERE case_id = 'JA-P-002'$$);
ROLLBACK;
-- A key deleted and inserted again continues its history: the new row
-- cannot start before the key's last entry.
SET fms.effective_date = '2024-03-01';
INSERT INTO fms.cases (case_id, title) VALUES ('JA-P-010', 'deleted and again');
SELECT status FROM fms.transition('JA-P-010', 'write', '2024-03-05');
DELETE FROM fms.cases WHERE case_id = 'JA-P-010';
SET fms.effective_date = '2020-01-01';
SELECT state, detail FROM error_of($$INSERT INTO fms.cases (case_id, title) VALUES ('JA-P-010', 'deleted and again')$$);
SET fms.effective_date = '2024-03-05';
INSERT INTO fms.cases (case_id, title) VALUES ('JA-P-010', 'deleted and again');
SELECT state, entered_on, left_on FROM fms.case_status_history WHERE case_id = 'JA-P-010' ORDER BY entered_on, left_on NULLS LAST;
DELETE FROM fms.cases WHERE case_id = 'JA-P-010';
-- (An upsert of a licence that exists is no reuse.)
INSERT INTO fms.dcs_licenses (license_no, form, applicant, country_code) VALUES ('L10090', 'DSP-5', 'Acme', 'JP')
ON CONFLICT (license_no) DO UPDATE SET value_usd = 2000 RETURNING license_no, value_usd;
DELETE FROM fms.dcs_licenses WHERE license_no IN ('L10090', 'L209081');
-- A licence number is not used again: its history would pass to the new
-- licence, and to its applicant.
SELECT state, message, detail, hint FROM error_of($$INSERT INTO fms.dcs_licenses (license_no, form, applicant, country_code, value_usd) VALUES ('L10090', 'DSP-5', 'Another Corp', 'JP', 1000)$$);
-- Nor can a writer take it by giving the deleted licence's entry as its
-- history: only the table's owner restores rows with theirs.
CREATE ROLE regress_licence_writer;
GRANT USAGE ON SCHEMA fms TO regress_licence_writer;
GRANT SELECT, INSERT ON fms.dcs_licenses TO regress_licence_writer;
SELECT format($$INSERT INTO fms.dcs_licenses (license_no, form, applicant, country_code, status, status_since, status_log_id) VALUES ('L10090', 'DSP-5', 'Another Corp', 'JP', %L, %L, %s)$$,
              to_state, effective_on, id) AS taking_history
  FROM fms.row_transition_log WHERE row_key = 'L10090' ORDER BY id DESC LIMIT 1 \gset
SET ROLE regress_licence_writer;
SELECT state, message, detail, hint FROM error_of(:'taking_history');
RESET ROLE;
DROP OWNED BY regress_licence_writer;
DROP ROLE regress_licence_writer;
DELETE FROM fms.cases WHERE case_id = 'JA-P-007';

SELECT count(*) AS log_rows_before FROM fms.transition_log \gset

-- Under session_replication_role = replica (a logical replication
-- subscriber) the triggers still fire: a row must arrive with the history
-- its log holds, and is then taken as it is.  A transition replicates as
-- the row's UPDATE and then its log entry's INSERT, so the check waits for
-- the commit: a transaction whose rows disagree with the log then fails,
-- and keeps nothing.
BEGIN;
SET LOCAL session_replication_role = replica;
UPDATE fms.cases SET status = 'closed' WHERE case_id = 'JA-P-002';
COMMIT;
BEGIN;
SET LOCAL session_replication_role = replica;
INSERT INTO fms.cases (case_id, title, status) VALUES ('JA-P-004', 'x', 'implemented');
COMMIT;
-- A row citing another row's entry is refused too ...
BEGIN;
SET LOCAL session_replication_role = replica;
INSERT INTO fms.cases (case_id, title, status, status_since, status_log_id)
SELECT 'KS-P-R15', 'replicated', 'development', '2024-01-10', id FROM fms.transition_log WHERE case_id = 'JA-P-002' ORDER BY id LIMIT 1;
COMMIT;
-- ... and so is a row whose entry is filed under another case (the
-- log's foreign key is not checked under replica).
BEGIN;
SET LOCAL session_replication_role = replica;
SELECT nextval('fms.transition_log_id_seq') AS forged_entry \gset
INSERT INTO fms.cases (case_id, title, status, status_since, status_log_id)
VALUES ('KS-P-R17', 'replicated', 'development', '2024-01-10', :forged_entry);
INSERT INTO fms.transition_log (id, table_name, row_key, case_id, machine, from_state, to_state, effective_on,
                                recorded_at, actor, reason, db_user, previous_hash, hash) OVERRIDING SYSTEM VALUE
SELECT (e.r).id, (e.r).table_name, (e.r).row_key, (e.r).case_id, (e.r).machine, (e.r).from_state, (e.r).to_state,
       (e.r).effective_on, (e.r).recorded_at, (e.r).actor, (e.r).reason, (e.r).db_user, (e.r).previous_hash,
       fms.transition_log_hash(e.r)
  FROM (SELECT ROW(:forged_entry, 'fms.cases', 'KS-P-R17', 'JA-P-002', 'loa', NULL, 'development', '2024-01-10',
                   now(), 'a forger', NULL, session_user, NULL, NULL)::fms.transition_log AS r) AS e;
COMMIT;
SELECT count(*) AS forged_case_kept FROM fms.cases WHERE case_id = 'KS-P-R17';
-- A write that a savepoint rolled back is not judged at commit.
BEGIN;
SET LOCAL session_replication_role = replica;
SAVEPOINT s;
UPDATE fms.cases SET status = 'cancelled' WHERE case_id = 'JA-P-002';
ROLLBACK TO s;
COMMIT;
SELECT status FROM fms.cases WHERE case_id = 'JA-P-002';
-- A row arriving with its own history is taken ...
BEGIN;
SET LOCAL session_replication_role = replica;
CREATE TEMP TABLE saved ON COMMIT DROP AS SELECT * FROM fms.cases WHERE case_id = 'JA-P-002';
DELETE FROM fms.cases WHERE case_id = 'JA-P-002';
INSERT INTO fms.cases (case_id, title, status, status_since, status_log_id)
SELECT case_id, title, status, status_since, status_log_id FROM saved;
ROLLBACK;
-- ... and so is a row whose (sealed) log entry arrives after it in its
-- transaction, as a subscriber applies a change.
BEGIN;
SET LOCAL session_replication_role = replica;
SELECT nextval('fms.transition_log_id_seq') AS new_entry \gset
INSERT INTO fms.cases (case_id, title, status, status_since, status_log_id)
VALUES ('KS-P-R16', 'replicated', 'development', '2024-01-10', :new_entry);
INSERT INTO fms.transition_log (id, table_name, row_key, case_id, machine, from_state, to_state, effective_on,
                                recorded_at, actor, reason, db_user, previous_hash, hash) OVERRIDING SYSTEM VALUE
SELECT (e.r).id, (e.r).table_name, (e.r).row_key, (e.r).case_id, (e.r).machine, (e.r).from_state, (e.r).to_state,
       (e.r).effective_on, (e.r).recorded_at, (e.r).actor, (e.r).reason, (e.r).db_user, (e.r).previous_hash,
       fms.transition_log_hash(e.r)
  FROM (SELECT ROW(:new_entry, 'fms.cases', 'KS-P-R16', 'KS-P-R16', 'loa', NULL, 'development', '2024-01-10',
                   now(), 'the publisher', NULL, session_user, NULL, NULL)::fms.transition_log AS r) AS e;
COMMIT;
SELECT status, status_log_id = :new_entry AS points_to_its_entry FROM fms.cases WHERE case_id = 'KS-P-R16';
DELETE FROM fms.cases WHERE case_id = 'KS-P-R16';
SELECT count(*) - :log_rows_before AS log_rows_added FROM fms.transition_log;

-- The workflow writes the log with its owner's rights, so it governs only
-- tables whose owner has them.  A role with SELECT only tries a TEMP table
-- of its own, then a table in its own schema: the triggers are refused.
CREATE ROLE regress_reader;
GRANT SELECT ON fms.cases TO regress_reader;
CREATE SCHEMA regress_reader_schema AUTHORIZATION regress_reader;
SET ROLE regress_reader;
SET fms.effective_date = '2024-01-10';
CREATE TEMP TABLE forged (LIKE fms.cases INCLUDING DEFAULTS, PRIMARY KEY (case_id));
CREATE TABLE regress_reader_schema.forged (LIKE forged INCLUDING ALL);
-- PUBLIC may not execute the workflow's trigger functions at all; granted
-- them, the role meets the checks behind.
SELECT state, message FROM error_of($$CREATE TRIGGER enforce BEFORE INSERT OR UPDATE ON forged FOR EACH ROW EXECUTE FUNCTION fms.enforce_workflow('loa')$$);
RESET ROLE;
GRANT EXECUTE ON FUNCTION fms.enforce_workflow(), fms.verify_workflow() TO regress_reader;
SET ROLE regress_reader;
SELECT state, message, detail FROM error_of($$CREATE TRIGGER enforce BEFORE INSERT OR UPDATE ON forged FOR EACH ROW EXECUTE FUNCTION fms.enforce_workflow('loa')$$);
SELECT state, message, detail FROM error_of($$CREATE TRIGGER enforce BEFORE INSERT OR UPDATE ON regress_reader_schema.forged FOR EACH ROW EXECUTE FUNCTION fms.enforce_workflow('loa')$$);
RESET ROLE;
-- With that check switched off, the triggers get created, and the workflow
-- itself refuses to write: nothing is logged, whatever the settings say.
ALTER EVENT TRIGGER fms_check_workflow_triggers DISABLE;
SET ROLE regress_reader;
CREATE TRIGGER enforce BEFORE INSERT OR UPDATE ON forged FOR EACH ROW EXECUTE FUNCTION fms.enforce_workflow('loa');
CREATE TRIGGER verify AFTER INSERT OR UPDATE ON forged FOR EACH ROW EXECUTE FUNCTION fms.verify_workflow();
CREATE TRIGGER enforce BEFORE INSERT OR UPDATE ON regress_reader_schema.forged FOR EACH ROW EXECUTE FUNCTION fms.enforce_workflow('loa');
CREATE TRIGGER verify AFTER INSERT OR UPDATE ON regress_reader_schema.forged FOR EACH ROW EXECUTE FUNCTION fms.verify_workflow();
SET fms.effective_date = '2001-01-01';
SET fms.actor = 'someone else';
SELECT state, regexp_replace(message, 'pg_temp_\d+', 'pg_temp_N') AS message, detail
  FROM error_of($$INSERT INTO forged (case_id, title) VALUES ('JA-P-001', 'forged')$$);
SELECT * FROM error_of($$INSERT INTO regress_reader_schema.forged (case_id, title) VALUES ('JA-P-001', 'forged')$$);
RESET ROLE;
RESET fms.actor;
SELECT count(*) - :log_rows_before AS log_rows_added FROM fms.transition_log;
-- A superuser's own temporary table is refused as well.
CREATE TEMP TABLE scratch (LIKE regress_reader_schema.forged INCLUDING ALL);
CREATE TRIGGER enforce BEFORE INSERT OR UPDATE ON scratch FOR EACH ROW EXECUTE FUNCTION fms.enforce_workflow('loa');
CREATE TRIGGER verify AFTER INSERT OR UPDATE ON scratch FOR EACH ROW EXECUTE FUNCTION fms.verify_workflow();
SELECT state, regexp_replace(message, 'pg_temp_\d+', 'pg_temp_N') AS message
  FROM error_of($$INSERT INTO scratch (case_id, title) VALUES ('JA-P-001', 'scratch')$$);
ALTER EVENT TRIGGER fms_check_workflow_triggers ENABLE ALWAYS;
DROP TABLE scratch;
DROP SCHEMA regress_reader_schema CASCADE;
DROP OWNED BY regress_reader;
DROP ROLE regress_reader;

-- fms.verify_workflow() is an AFTER row trigger and nothing else.
SELECT * FROM error_of('SELECT fms.verify_workflow()');
CREATE TABLE misfired (id int PRIMARY KEY, status text);
CREATE TRIGGER v BEFORE INSERT ON misfired FOR EACH ROW EXECUTE FUNCTION fms.verify_workflow();
SELECT state, message FROM error_of($$INSERT INTO misfired VALUES (1, 'open')$$);
DROP TABLE misfired;

-- The trigger check cannot be bypassed by creating the trigger inside
-- CREATE SCHEMA.
SELECT state, message, detail FROM error_of($$
	CREATE SCHEMA sneaky
		CREATE TABLE t (id int PRIMARY KEY, phase text)
		CREATE TRIGGER w BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION fms.enforce_workflow('nosuch', 'phase')$$);
SELECT count(*) AS sneaky_schemas FROM pg_namespace WHERE nspname = 'sneaky';

DELETE FROM fms.case_changes WHERE case_id = 'JA-P-001';
DELETE FROM fms.cases WHERE case_id IN ('JA-P-001', 'JA-P-002');
RESET fms.effective_date;
