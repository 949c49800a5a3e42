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
	db_user pg_catalog.text NOT NULL DEFAULT SESSION_USER,
	previous_hash pg_catalog.bytea,
	hash pg_catalog.bytea
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
COMMENT ON COLUMN fms.transition_log.previous_hash IS 'hash of the entry before this one for the same governed row (NULL for its first entry): the link of its chain';
COMMENT ON COLUMN fms.transition_log.hash IS 'SHA-256 seal over this entry''s content and previous_hash (fms.transition_log_hash); fms.verify_transition_log() lists every entry whose seal or link no longer holds';
-- Each write looks for the entry no other is chained to (the head of its
-- row's chain): the links are indexed so that it need not read the row's
-- whole history.
CREATE INDEX transition_log_chain ON fms.transition_log (previous_hash);

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

-- Tamper evidence: each entry is sealed with a hash over its content and the
-- seal of the entry written before it for the same governed row, so each
-- row's entries form a chain.  The workflow seals what it writes; a dump
-- carries the seals, so a restored log verifies as the original did.
CREATE FUNCTION fms.transition_log_hash(entry fms.transition_log) RETURNS pg_catalog.bytea
	AS 'MODULE_PATHNAME', 'fms_transition_log_hash'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION fms.transition_log_hash(fms.transition_log) IS 'SHA-256 over a transition log entry''s content (dates and times as numbers, so that it reads the same after a restore; the table left out, so that a renamed one still verifies) and its previous_hash';

-- Every entry whose seal or link does not hold, and every governed row
-- whose latest entry is gone or is followed by others: what an edit, a
-- deletion or an insertion behind the log's guard leaves.  The links are
-- followed as written (a chain's order is the order its entries were
-- written, which a trigger's nested change can make differ from the ids).
CREATE FUNCTION fms.verify_transition_log()
	RETURNS TABLE (entry_id pg_catalog.int8, table_name pg_catalog.regclass, row_key pg_catalog.text, problem pg_catalog.text)
	LANGUAGE plpgsql STABLE PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	governed record;
BEGIN
	RETURN QUERY
	SELECT l.id, l.table_name, l.row_key, p.problem
	  FROM (SELECT x.id, x.table_name, x.row_key, x.hash, x.previous_hash, fms.transition_log_hash(x) AS computed,
	               pg_catalog.row_number() OVER (PARTITION BY x.table_name, x.row_key, x.previous_hash ORDER BY x.id) AS nth
	          FROM fms.transition_log AS x) AS l
	 CROSS JOIN LATERAL (VALUES
		(CASE WHEN l.hash IS NULL THEN 'not sealed: the entry has no hash'
		      WHEN l.hash OPERATOR(pg_catalog.<>) l.computed THEN 'altered: its content does not match its hash' END),
		(CASE WHEN l.previous_hash IS NOT NULL
		       AND NOT EXISTS (SELECT FROM fms.transition_log AS b
		                        WHERE b.table_name OPERATOR(pg_catalog.=) l.table_name AND b.row_key OPERATOR(pg_catalog.=) l.row_key
		                          AND b.hash OPERATOR(pg_catalog.=) l.previous_hash)
		      THEN 'broken link: the entry it was sealed after is gone or was sealed again'
		      WHEN l.nth OPERATOR(pg_catalog.>) 1 AND l.previous_hash IS NULL
		      THEN 'broken link: the row''s chain already has a first entry'
		      WHEN l.nth OPERATOR(pg_catalog.>) 1
		      THEN 'broken link: another entry is sealed after the same entry' END))
	       AS p(problem)
	 WHERE p.problem IS NOT NULL;
	-- Each governed table's rows against their latest entries.
	FOR governed IN
		SELECT DISTINCT t.tgrelid::pg_catalog.regclass AS relid,
		       -- fms.enforce_workflow(machine [, status column])
		       CASE WHEN t.tgnargs OPERATOR(pg_catalog.<) 2 THEN 'status'
		            ELSE pg_catalog.split_part(pg_catalog.encode(t.tgargs, 'escape'), '\000', 2) END || '_log_id' AS log_id
		  FROM pg_catalog.pg_trigger AS t
		 WHERE t.tgfoid OPERATOR(pg_catalog.=) 'fms.enforce_workflow()'::pg_catalog.regprocedure
	LOOP
		CONTINUE WHEN NOT EXISTS (SELECT FROM pg_catalog.pg_attribute AS a
		                           WHERE a.attrelid OPERATOR(pg_catalog.=) governed.relid
		                             AND a.attname OPERATOR(pg_catalog.=) governed.log_id AND NOT a.attisdropped);
		RETURN QUERY EXECUTE pg_catalog.format(
			'SELECT g.%1$I, %2$L::pg_catalog.regclass, l.row_key,'
			'       CASE WHEN l.id IS NULL THEN ''missing: the latest entry of a row of the table is gone'''
			'            ELSE ''followed: entries were added after the row''''s latest entry'' END'
			'  FROM %2$s AS g LEFT JOIN fms.transition_log AS l ON l.id OPERATOR(pg_catalog.=) g.%1$I'
			' WHERE g.%1$I IS NOT NULL'
			'   AND (l.id IS NULL OR EXISTS (SELECT FROM fms.transition_log AS m'
			'         WHERE m.table_name OPERATOR(pg_catalog.=) l.table_name AND m.row_key OPERATOR(pg_catalog.=) l.row_key'
			'           AND m.id OPERATOR(pg_catalog.>) l.id))',
			governed.log_id, governed.relid);
	END LOOP;
END
$$;
COMMENT ON FUNCTION fms.verify_transition_log() IS 'every broken link of the transition log''s hash chains: entries not sealed or altered, links to entries gone or sealed again, second first entries and forks, and governed rows whose latest entry is missing or followed by others; no rows means the log is as written';
