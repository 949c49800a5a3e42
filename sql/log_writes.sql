--
-- When the workflow writes the log: the entries of a statement's rows are
-- written together once its rows are checked, and whatever reads the log
-- meanwhile sees them as if each had been written with its row.
--
SET fms.effective_date = '2025-06-02';
INSERT INTO fms.workflow_states (machine, state, is_initial, is_terminal, position, milestone_column, description) VALUES
	('lamp', 'off', true, false, 1, NULL, 'dark'),
	('lamp', 'on', false, false, 2, NULL, 'lit');
INSERT INTO fms.workflow_transitions (machine, from_state, to_state, description) VALUES
	('lamp', 'off', 'on', 'switch on'), ('lamp', 'on', 'off', 'switch off');
CREATE TABLE lamps (id int PRIMARY KEY, status text NOT NULL DEFAULT 'off', status_since date, status_log_id int8);
CREATE TRIGGER workflow BEFORE INSERT OR UPDATE ON lamps
	FOR EACH ROW EXECUTE FUNCTION fms.enforce_workflow('lamp');
CREATE TRIGGER verify_workflow AFTER INSERT OR UPDATE ON lamps
	FOR EACH ROW EXECUTE FUNCTION fms.verify_workflow();
CREATE VIEW lamp_log AS
SELECT l.* FROM fms.row_transition_log AS l WHERE l.table_name = 'public.lamps';

-- 2,500 rows in one statement, more than one write takes (1,000): each row
-- has its entry, the one its status_log_id names, first in its chain.
INSERT INTO lamps (id) SELECT g FROM generate_series(1, 2500) AS g;
SELECT count(*) AS entries, count(DISTINCT row_key) AS rows_logged,
       count(*) FILTER (WHERE previous_hash IS NULL) AS first_in_chain
  FROM lamp_log;
SELECT count(*) AS rows_pointing_to_their_entry
  FROM lamps AS s JOIN lamp_log AS l ON l.row_key = s.id::text AND l.id = s.status_log_id AND l.to_state = s.status;
-- The entries were written in the order of the rows.
SELECT bool_and(row_key::int = ord) AS in_row_order
  FROM (SELECT row_key, row_number() OVER (ORDER BY id) AS ord FROM lamp_log) AS o;

-- In one transaction, all switched on, then ten switched off again: each
-- change chained to the one before it.
BEGIN;
UPDATE lamps SET status = 'on';
UPDATE lamps SET status = 'off' WHERE id <= 10;
COMMIT;
SELECT to_state, count(*) FROM lamp_log GROUP BY to_state ORDER BY to_state;
SELECT count(*) AS chained_to_the_entry_before
  FROM (SELECT previous_hash, lag(hash) OVER (PARTITION BY row_key ORDER BY id) AS before FROM lamp_log) AS c
 WHERE previous_hash = before;
SELECT count(*) AS breaks FROM fms.verify_transition_log();

-- A trigger of the user's that fires after the workflow's check of each
-- row finds the row's entry in the log, and a statement trigger finds
-- every entry of the statement.
CREATE TABLE seen (what text, agrees boolean);
CREATE FUNCTION latest_entry(t text, k text) RETURNS int8 STABLE LANGUAGE sql
	AS $$ SELECT max(l.id) FROM fms.row_transition_log AS l WHERE l.table_name = t AND l.row_key = k $$;
CREATE FUNCTION note_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO seen SELECT 'row ' || NEW.id || ', read in a query', l.id = NEW.status_log_id AND l.to_state = NEW.status
	  FROM fms.row_transition_log AS l
	 WHERE l.table_name = format('%I.%I', TG_TABLE_SCHEMA, TG_TABLE_NAME) AND l.row_key = NEW.id::text ORDER BY l.id DESC LIMIT 1;
	INSERT INTO seen VALUES ('row ' || NEW.id || ', read in a function', latest_entry(format('%I.%I', TG_TABLE_SCHEMA, TG_TABLE_NAME), NEW.id::text) = NEW.status_log_id);
	RETURN NULL;
END $$;
CREATE FUNCTION note_statement() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO seen SELECT 'statement', count(*) = 3
	  FROM fms.row_transition_log AS l JOIN lamps AS s ON l.id = s.status_log_id
	 WHERE l.table_name = format('%I.%I', TG_TABLE_SCHEMA, TG_TABLE_NAME) AND s.id BETWEEN 11 AND 13 AND l.to_state = 'off';
	RETURN NULL;
END $$;
CREATE TRIGGER zz_note_row AFTER UPDATE ON lamps FOR EACH ROW EXECUTE FUNCTION note_row();
CREATE TRIGGER note_statement AFTER UPDATE ON lamps FOR EACH STATEMENT EXECUTE FUNCTION note_statement();
UPDATE lamps SET status = 'off' WHERE id BETWEEN 11 AND 13;
SELECT * FROM seen ORDER BY what;
DROP TRIGGER zz_note_row ON lamps;
DROP TRIGGER note_statement ON lamps;

-- A statement that fails after some of its rows were checked leaves no
-- entry behind, though the error was caught and the transaction went on.
CREATE FUNCTION refuse_lamp_17() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF NEW.id = 17 THEN
		RAISE EXCEPTION 'lamp 17 is fused';
	END IF;
	RETURN NULL;
END $$;
CREATE TRIGGER zz_refuse AFTER UPDATE ON lamps FOR EACH ROW EXECUTE FUNCTION refuse_lamp_17();
SELECT count(*) AS entries_before FROM lamp_log \gset
DO $$
BEGIN
	UPDATE lamps SET status = 'off' WHERE id BETWEEN 14 AND 20;
EXCEPTION WHEN raise_exception THEN
	RAISE NOTICE 'refused: %', SQLERRM;
END $$;
SELECT (SELECT count(*) FROM lamp_log) - :entries_before AS entries_added,
       (SELECT count(*) FROM lamps WHERE id BETWEEN 14 AND 20 AND status = 'on') AS lamps_still_on;
DROP TRIGGER zz_refuse ON lamps;
UPDATE lamps SET status = 'off' WHERE id BETWEEN 14 AND 20;
SELECT count(*) - :entries_before AS entries_added_after FROM lamp_log;

-- COPY writes its rows' entries when it ends.
COPY lamps (id) FROM stdin;
3001
3002
3003
\.
SELECT row_key, from_state, to_state FROM lamp_log WHERE row_key::int > 3000 ORDER BY id;

-- A check deferred to commit writes the entry then.
CREATE TABLE bulbs (id int PRIMARY KEY, status text NOT NULL DEFAULT 'off');
CREATE TRIGGER workflow BEFORE INSERT OR UPDATE ON bulbs
	FOR EACH ROW EXECUTE FUNCTION fms.enforce_workflow('lamp');
CREATE CONSTRAINT TRIGGER verify_workflow AFTER INSERT OR UPDATE ON bulbs
	DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION fms.verify_workflow();
BEGIN;
INSERT INTO bulbs (id) VALUES (1), (2);
SELECT count(*) AS entries_before_commit FROM fms.row_transition_log WHERE table_name = 'public.bulbs';
COMMIT;
SELECT row_key, to_state FROM fms.row_transition_log WHERE table_name = 'public.bulbs' ORDER BY id;

SELECT count(*) AS breaks FROM fms.verify_transition_log();

DROP VIEW lamp_log;
DROP TABLE lamps, bulbs, seen;
DROP FUNCTION note_row(), note_statement(), refuse_lamp_17(), latest_entry(text, text);
DELETE FROM fms.workflow_transitions WHERE machine = 'lamp';
DELETE FROM fms.workflow_states WHERE machine = 'lamp';
RESET fms.effective_date;
