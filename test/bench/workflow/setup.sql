-- Tables for test/bench/workflow_trigger.sh: 10,000 rows each, a two-state
-- machine whose edges need no reason and have no guard, so every variant
-- does the same work: check the edge, stamp status_since, log the change.
SET search_path = public, fms;
INSERT INTO fms.workflow_states (machine, state, is_initial, is_terminal, position, description) VALUES
	('bench', 'a', true, false, 1, 'benchmark'), ('bench', 'b', false, false, 2, 'benchmark');
INSERT INTO fms.workflow_transitions (machine, from_state, to_state, description) VALUES
	('bench', 'a', 'b', 'benchmark'), ('bench', 'b', 'a', 'benchmark');

-- The reference: the same rules as a PL/pgSQL trigger, as a user would
-- write it against the definition tables, sealing the log entry as the
-- engine does.
CREATE FUNCTION plpgsql_workflow() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
	edge fms.workflow_transitions;
	entry fms.row_transition_log;
	milestone name;
	effective date := coalesce(nullif(current_setting('fms.effective_date', true), '')::date, current_date);
	reason text := nullif(current_setting('fms.reason', true), '');
	refusal text;
BEGIN
	IF TG_OP = 'UPDATE' AND NEW.status IS NOT DISTINCT FROM OLD.status THEN
		RETURN NEW;
	END IF;
	IF TG_OP = 'INSERT' THEN
		PERFORM FROM fms.workflow_states AS s
		 WHERE s.machine = TG_ARGV[0] AND s.state = NEW.status AND s.is_initial;
		IF NOT FOUND THEN
			RAISE EXCEPTION 'row % cannot start in state %', NEW.id, NEW.status USING ERRCODE = 'check_violation';
		END IF;
	ELSE
		SELECT * INTO edge FROM fms.workflow_transitions AS t
		 WHERE t.machine = TG_ARGV[0] AND t.from_state = OLD.status AND t.to_state = NEW.status;
		IF NOT FOUND THEN
			RAISE EXCEPTION 'row % cannot move from % to %', NEW.id, OLD.status, NEW.status USING ERRCODE = 'check_violation';
		END IF;
		IF edge.requires_reason AND reason IS NULL THEN
			RAISE EXCEPTION 'a reason is required' USING ERRCODE = 'check_violation';
		END IF;
		IF edge.guard IS NOT NULL THEN
			EXECUTE format('SELECT %s($1)', fms.resolve_guard(edge.guard)::oid::regproc) INTO refusal USING NEW;
			IF refusal IS NOT NULL THEN
				RAISE EXCEPTION '%', refusal USING ERRCODE = 'check_violation';
			END IF;
		END IF;
	END IF;
	SELECT s.milestone_column INTO milestone FROM fms.workflow_states AS s
	 WHERE s.machine = TG_ARGV[0] AND s.state = NEW.status;
	IF milestone IS NOT NULL AND to_jsonb(NEW) ->> milestone IS NULL THEN
		NEW := jsonb_populate_record(NEW, jsonb_build_object(milestone, effective));
	END IF;
	NEW.status_since := effective;
	-- Sealed as the engine seals: chained to the row's latest entry.
	entry := ROW(nextval('fms.transition_log_id_seq'), format('%I.%I', TG_TABLE_SCHEMA, TG_TABLE_NAME), NEW.id::text, TG_ARGV[0],
	             CASE WHEN TG_OP = 'UPDATE' THEN OLD.status END, NEW.status, effective, now(),
	             coalesce(nullif(current_setting('fms.actor', true), ''), session_user), reason, session_user,
	             (SELECT l.hash FROM fms.row_transition_log AS l WHERE l.table_name = format('%I.%I', TG_TABLE_SCHEMA, TG_TABLE_NAME) AND l.row_key = NEW.id::text
	               ORDER BY l.id DESC LIMIT 1),
	             NULL);
	entry.hash := fms.transition_log_hash(entry);
	INSERT INTO fms.row_transition_log SELECT entry.*;
	RETURN NEW;
END
$$;

-- The cost of the log insert alone, at the row level where a trigger works.
CREATE FUNCTION log_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO fms.row_transition_log (id, table_name, row_key, machine, from_state, to_state, effective_on, actor)
	VALUES (nextval('fms.transition_log_id_seq'), format('%I.%I', TG_TABLE_SCHEMA, TG_TABLE_NAME), NEW.id::text, TG_ARGV[0], OLD.status, NEW.status, current_date, session_user);
	RETURN NEW;
END
$$;

CREATE TABLE plain_rows (id int PRIMARY KEY, status text NOT NULL, status_since date, n int NOT NULL DEFAULT 0);
CREATE TABLE c_rows (LIKE plain_rows INCLUDING ALL);
CREATE TABLE plpgsql_rows (LIKE plain_rows INCLUDING ALL);
CREATE TABLE log_only_rows (LIKE plain_rows INCLUDING ALL);
-- As fms.cases is governed, with the AFTER check.
CREATE TRIGGER workflow BEFORE INSERT OR UPDATE OF status ON c_rows
	FOR EACH ROW EXECUTE FUNCTION fms.enforce_workflow('bench');
CREATE TRIGGER verify_workflow_insert AFTER INSERT ON c_rows
	FOR EACH ROW EXECUTE FUNCTION fms.verify_workflow();
CREATE TRIGGER verify_workflow_update AFTER UPDATE ON c_rows
	FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.status_since IS DISTINCT FROM NEW.status_since OR OLD.id <> NEW.id)
	EXECUTE FUNCTION fms.verify_workflow();
CREATE TRIGGER workflow BEFORE INSERT OR UPDATE OF status ON plpgsql_rows
	FOR EACH ROW EXECUTE FUNCTION plpgsql_workflow('bench');
CREATE TRIGGER log_only BEFORE UPDATE OF status ON log_only_rows
	FOR EACH ROW EXECUTE FUNCTION log_only('bench');
INSERT INTO plain_rows (id, status) SELECT i, 'a' FROM generate_series(1, 10000) AS i;
INSERT INTO c_rows (id, status) SELECT i, 'a' FROM generate_series(1, 10000) AS i;
INSERT INTO plpgsql_rows (id, status) SELECT i, 'a' FROM generate_series(1, 10000) AS i;
INSERT INTO log_only_rows (id, status) SELECT i, 'a' FROM generate_series(1, 10000) AS i;
VACUUM ANALYZE plain_rows, c_rows, plpgsql_rows, log_only_rows, fms.row_transition_log;
