/* src/sql/transition_log.sql -- the append-only log of every status change */

CREATE TABLE fms.transition_log (
	id pg_catalog.int8 GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	table_name pg_catalog.regclass NOT NULL,
	row_key pg_catalog.text NOT NULL,
	case_id fms.case_id,
	machine pg_catalog.text NOT NULL,
	from_state pg_catalog.text,
	to_state pg_catalog.text NOT NULL,
	effective_on pg_catalog.date NOT NULL,
	recorded_at pg_catalog.timestamptz NOT NULL DEFAULT pg_catalog.now(),
	actor pg_catalog.text NOT NULL,
	reason pg_catalog.text,
	db_user pg_catalog.text NOT NULL DEFAULT SESSION_USER
);
SELECT pg_catalog.pg_extension_config_dump('fms.transition_log', '');
SELECT pg_catalog.pg_extension_config_dump('fms.transition_log_id_seq', '');
CREATE INDEX transition_log_case ON fms.transition_log (case_id, effective_on);
CREATE INDEX transition_log_row ON fms.transition_log (table_name, row_key, id);
COMMENT ON TABLE fms.transition_log IS 'every insert and status change of rows governed by fms.enforce_workflow(), written in the same transaction; append-only';
COMMENT ON COLUMN fms.transition_log.id IS 'order in which the changes were recorded';
COMMENT ON SEQUENCE fms.transition_log_id_seq IS 'numbers fms.transition_log entries';
COMMENT ON COLUMN fms.transition_log.table_name IS 'the governed table';
COMMENT ON COLUMN fms.transition_log.row_key IS 'primary key of the row: its value, or (a,b) for a composite key';
COMMENT ON COLUMN fms.transition_log.case_id IS 'the row''s case_id column, if it has one (so the log can be sharded with the case tables)';
COMMENT ON COLUMN fms.transition_log.machine IS 'workflow machine that allowed the change';
COMMENT ON COLUMN fms.transition_log.from_state IS 'state left; NULL when the row was inserted';
COMMENT ON COLUMN fms.transition_log.to_state IS 'state entered';
COMMENT ON COLUMN fms.transition_log.effective_on IS 'date the change took effect (fms.effective_date, default the current date)';
COMMENT ON COLUMN fms.transition_log.recorded_at IS 'when the change was written';
COMMENT ON COLUMN fms.transition_log.actor IS 'application user (fms.actor, default the session user)';
COMMENT ON COLUMN fms.transition_log.reason IS 'reason given (fms.reason), if any';
COMMENT ON COLUMN fms.transition_log.db_user IS 'the database session user who made the change (actor is what the application says)';

CREATE FUNCTION fms.refuse_log_change() RETURNS trigger
	AS 'MODULE_PATHNAME', 'fms_refuse_log_change'
	LANGUAGE C;
COMMENT ON FUNCTION fms.refuse_log_change() IS 'trigger keeping a table append-only: refuses UPDATE, DELETE and TRUNCATE with SQLSTATE 55000';
CREATE TRIGGER append_only BEFORE UPDATE OR DELETE ON fms.transition_log
	FOR EACH ROW EXECUTE FUNCTION fms.refuse_log_change();
CREATE TRIGGER append_only_truncate BEFORE TRUNCATE ON fms.transition_log
	FOR EACH STATEMENT EXECUTE FUNCTION fms.refuse_log_change();
-- Also under session_replication_role = replica.
ALTER TABLE fms.transition_log ENABLE ALWAYS TRIGGER append_only;
ALTER TABLE fms.transition_log ENABLE ALWAYS TRIGGER append_only_truncate;
