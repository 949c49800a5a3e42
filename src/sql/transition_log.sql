/* src/sql/transition_log.sql -- the append-only logs of every status change */

-- Two logs, by what a governed row belongs to: the rows of a case (a
-- case_id column of type fms.case_id: the cases, their changes) are logged
-- in fms.transition_log, kept by case, so that a case's history lives
-- beside the case (on Citus, on the case's shard); every other governed
-- row (a DCS licence, a table of your own) in fms.row_transition_log, kept
-- by the row's key.  Entries of both take their ids from one sequence, so
-- ids are unique across the two and give the order of recording.
CREATE TABLE fms.transition_log (
	id pg_catalog.int8 GENERATED ALWAYS AS IDENTITY,
	table_name pg_catalog.text NOT NULL,
	row_key pg_catalog.text NOT NULL,
	case_id fms.case_id NOT NULL,
	machine pg_catalog.text NOT NULL,
	from_state pg_catalog.text,
	to_state pg_catalog.text NOT NULL,
	effective_on pg_catalog.date NOT NULL,
	recorded_at pg_catalog.timestamptz NOT NULL DEFAULT pg_catalog.now(),
	actor pg_catalog.text NOT NULL,
	reason pg_catalog.text,
	db_user pg_catalog.text NOT NULL DEFAULT SESSION_USER,
	previous_hash pg_catalog.bytea,
	hash pg_catalog.bytea,
	PRIMARY KEY (case_id, id)
);
SELECT pg_catalog.pg_extension_config_dump('fms.transition_log', '');
SELECT pg_catalog.pg_extension_config_dump('fms.transition_log_id_seq', '');
CREATE INDEX transition_log_case ON fms.transition_log (case_id, effective_on);
CREATE INDEX transition_log_row ON fms.transition_log (table_name, row_key, id);
COMMENT ON TABLE fms.transition_log IS 'every insert and status change of the governed rows of a case (fms.cases, fms.case_changes, a table of your own with a case_id column), written in the same transaction, kept by case; append-only. Other governed rows are logged in fms.row_transition_log';
COMMENT ON COLUMN fms.transition_log.id IS 'order in which the changes were recorded (one sequence numbers both logs)';
COMMENT ON SEQUENCE fms.transition_log_id_seq IS 'numbers the entries of fms.transition_log and fms.row_transition_log';
COMMENT ON COLUMN fms.transition_log.table_name IS 'the governed table, by its schema-qualified name (the same on every node of a Citus cluster, where OIDs differ)';
COMMENT ON COLUMN fms.transition_log.row_key IS 'primary key of the row: its value, or (a,b) for a composite key';
COMMENT ON COLUMN fms.transition_log.case_id IS 'the case the row belongs to (its case_id column): the log is kept by case, so that it can be sharded with the case tables';
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

CREATE TABLE fms.row_transition_log (
	id pg_catalog.int8 NOT NULL,
	table_name pg_catalog.text NOT NULL,
	row_key pg_catalog.text NOT NULL,
	machine pg_catalog.text NOT NULL,
	from_state pg_catalog.text,
	to_state pg_catalog.text NOT NULL,
	effective_on pg_catalog.date NOT NULL,
	recorded_at pg_catalog.timestamptz NOT NULL DEFAULT pg_catalog.now(),
	actor pg_catalog.text NOT NULL,
	reason pg_catalog.text,
	db_user pg_catalog.text NOT NULL DEFAULT SESSION_USER,
	previous_hash pg_catalog.bytea,
	hash pg_catalog.bytea,
	PRIMARY KEY (row_key, id)
);
SELECT pg_catalog.pg_extension_config_dump('fms.row_transition_log', '');
CREATE INDEX row_transition_log_row ON fms.row_transition_log (table_name, row_key, id);
CREATE INDEX row_transition_log_chain ON fms.row_transition_log (previous_hash);
COMMENT ON TABLE fms.row_transition_log IS 'every insert and status change of the governed rows that belong to no case (fms.dcs_licenses, a table of your own without a case_id column), written in the same transaction, kept by the row''s key; append-only. Its columns mean what fms.transition_log''s do';
COMMENT ON COLUMN fms.row_transition_log.id IS 'order in which the changes were recorded (from fms.transition_log_id_seq, which numbers both logs)';
COMMENT ON COLUMN fms.row_transition_log.table_name IS 'the governed table, by its schema-qualified name';
COMMENT ON COLUMN fms.row_transition_log.row_key IS 'primary key of the row: its value (a licence number), or (a,b) for a composite key';
COMMENT ON COLUMN fms.row_transition_log.machine IS 'workflow machine that allowed the change';
COMMENT ON COLUMN fms.row_transition_log.from_state IS 'state left; NULL when the row was inserted';
COMMENT ON COLUMN fms.row_transition_log.to_state IS 'state entered';
COMMENT ON COLUMN fms.row_transition_log.effective_on IS 'date the change took effect (fms.effective_date, default the current date)';
COMMENT ON COLUMN fms.row_transition_log.recorded_at IS 'when the change was written';
COMMENT ON COLUMN fms.row_transition_log.actor IS 'application user (fms.actor, default the session user)';
COMMENT ON COLUMN fms.row_transition_log.reason IS 'reason given (fms.reason), if any';
COMMENT ON COLUMN fms.row_transition_log.db_user IS 'the database session user who made the change (actor is what the application says)';
COMMENT ON COLUMN fms.row_transition_log.previous_hash IS 'hash of the entry before this one for the same governed row (NULL for its first entry): the link of its chain';
COMMENT ON COLUMN fms.row_transition_log.hash IS 'SHA-256 seal over this entry''s content and previous_hash (fms.transition_log_hash); fms.verify_transition_log() lists every entry whose seal or link no longer holds';

CREATE FUNCTION fms.refuse_log_change() RETURNS trigger
	AS 'MODULE_PATHNAME', 'fms_refuse_log_change'
	LANGUAGE C;
COMMENT ON FUNCTION fms.refuse_log_change() IS 'trigger keeping a table append-only: refuses UPDATE, DELETE and TRUNCATE with SQLSTATE 55000';
CREATE TRIGGER append_only BEFORE UPDATE OR DELETE ON fms.transition_log
	FOR EACH ROW EXECUTE FUNCTION fms.refuse_log_change();
CREATE TRIGGER append_only_truncate BEFORE TRUNCATE ON fms.transition_log
	FOR EACH STATEMENT EXECUTE FUNCTION fms.refuse_log_change();
CREATE TRIGGER append_only BEFORE UPDATE OR DELETE ON fms.row_transition_log
	FOR EACH ROW EXECUTE FUNCTION fms.refuse_log_change();
CREATE TRIGGER append_only_truncate BEFORE TRUNCATE ON fms.row_transition_log
	FOR EACH STATEMENT EXECUTE FUNCTION fms.refuse_log_change();
-- Also under session_replication_role = replica.
ALTER TABLE fms.transition_log ENABLE ALWAYS TRIGGER append_only;
ALTER TABLE fms.transition_log ENABLE ALWAYS TRIGGER append_only_truncate;
ALTER TABLE fms.row_transition_log ENABLE ALWAYS TRIGGER append_only;
ALTER TABLE fms.row_transition_log ENABLE ALWAYS TRIGGER append_only_truncate;

-- Tamper evidence: each entry is sealed with a hash over its content and the
-- seal of the entry written before it for the same governed row, so each
-- row's entries form a chain.  The workflow seals what it writes; a dump
-- carries the seals, so a restored log verifies as the original did.
CREATE FUNCTION fms.transition_log_hash(entry fms.transition_log) RETURNS pg_catalog.bytea
	AS 'MODULE_PATHNAME', 'fms_transition_log_hash'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION fms.transition_log_hash(fms.transition_log) IS 'SHA-256 over a transition log entry''s content (dates and times as numbers, so that it reads the same after a restore; the table left out, so that a renamed one still verifies) and its previous_hash';
CREATE FUNCTION fms.transition_log_hash(entry fms.row_transition_log) RETURNS pg_catalog.bytea
	AS 'MODULE_PATHNAME', 'fms_transition_log_hash'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION fms.transition_log_hash(fms.row_transition_log) IS 'SHA-256 over an fms.row_transition_log entry''s content, as for fms.transition_log''s (its case_id taken as NULL)';

-- Every entry whose seal or link does not hold, and every governed row
-- whose latest entry is gone or is followed by others: what an edit, a
-- deletion or an insertion behind the log's guard leaves.  The links are
-- followed as written (a chain's order is the order its entries were
-- written, which a trigger's nested change can make differ from the ids).
-- A row's entries are all in one of the two logs: the one its table's
-- case_id column (or its lack of one) chooses.
CREATE FUNCTION fms.verify_transition_log()
	RETURNS TABLE (entry_id pg_catalog.int8, table_name pg_catalog.text, row_key pg_catalog.text, problem pg_catalog.text)
	LANGUAGE plpgsql STABLE PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	log pg_catalog.regclass;
	entry pg_catalog.text;
	governed record;
BEGIN
	FOREACH log IN ARRAY ARRAY['fms.transition_log', 'fms.row_transition_log']::pg_catalog.regclass[] LOOP
		-- The entry as a row of its log, column by column: on a Citus
		-- shard a whole-row reference would be of the shard's row type.
		SELECT pg_catalog.format('ROW(%s)::%s', pg_catalog.string_agg('x.' || pg_catalog.quote_ident(a.attname), ', ' ORDER BY a.attnum), log)
		  INTO entry
		  FROM pg_catalog.pg_attribute AS a
		 WHERE a.attrelid OPERATOR(pg_catalog.=) log AND a.attnum OPERATOR(pg_catalog.>) 0 AND NOT a.attisdropped;
		RETURN QUERY EXECUTE pg_catalog.format(
			'SELECT l.id, l.table_name, l.row_key, p.problem'
			'  FROM (SELECT x.id, x.table_name, x.row_key, x.hash, x.previous_hash, fms.transition_log_hash(%2$s) AS computed,'
			'               pg_catalog.row_number() OVER (PARTITION BY x.table_name, x.row_key, x.previous_hash ORDER BY x.id) AS nth'
			'          FROM %1$s AS x) AS l'
			' CROSS JOIN LATERAL (VALUES'
			'   (CASE WHEN l.hash IS NULL THEN ''not sealed: the entry has no hash'''
			'         WHEN l.hash OPERATOR(pg_catalog.<>) l.computed THEN ''altered: its content does not match its hash'' END),'
			'   (CASE WHEN l.previous_hash IS NOT NULL'
			'          AND NOT EXISTS (SELECT FROM %1$s AS b'
			'                           WHERE b.table_name OPERATOR(pg_catalog.=) l.table_name AND b.row_key OPERATOR(pg_catalog.=) l.row_key'
			'                             AND b.hash OPERATOR(pg_catalog.=) l.previous_hash)'
			'         THEN ''broken link: the entry it was sealed after is gone or was sealed again'''
			'         WHEN l.nth OPERATOR(pg_catalog.>) 1 AND l.previous_hash IS NULL'
			'         THEN ''broken link: the row''''s chain already has a first entry'''
			'         WHEN l.nth OPERATOR(pg_catalog.>) 1'
			'         THEN ''broken link: another entry is sealed after the same entry'' END))'
			'       AS p(problem)'
			' WHERE p.problem IS NOT NULL', log, entry);
	END LOOP;
	-- Each governed table's rows against their latest entries, each row
	-- named by its key as the logs file it.
	FOR governed IN
		SELECT g.relid, g.status, g.status || '_log_id' AS log_id, g.of_a_case,
		       (SELECT CASE WHEN pg_catalog.count(*) OPERATOR(pg_catalog.=) 1
		                    THEN pg_catalog.format('(g.%I)::pg_catalog.text', pg_catalog.min(a.attname))
		                    ELSE pg_catalog.format('ROW(%s)::pg_catalog.text',
		                                           pg_catalog.string_agg('g.' || pg_catalog.quote_ident(a.attname), ', ' ORDER BY k.n)) END
		          FROM pg_catalog.pg_index AS i
		         CROSS JOIN LATERAL pg_catalog.unnest(i.indkey) WITH ORDINALITY AS k(attnum, n)
		          JOIN pg_catalog.pg_attribute AS a
		            ON a.attrelid OPERATOR(pg_catalog.=) i.indrelid AND a.attnum OPERATOR(pg_catalog.=) k.attnum
		         WHERE i.indrelid OPERATOR(pg_catalog.=) g.relid AND i.indisprimary
		           AND k.n OPERATOR(pg_catalog.<=) i.indnkeyatts) AS row_key
		  FROM (SELECT DISTINCT t.tgrelid::pg_catalog.regclass AS relid,
		               -- fms.enforce_workflow(machine [, status column])
		               CASE WHEN t.tgnargs OPERATOR(pg_catalog.<) 2 THEN 'status'
		                    ELSE pg_catalog.split_part(pg_catalog.encode(t.tgargs, 'escape'), '\000', 2) END AS status,
		               EXISTS (SELECT FROM pg_catalog.pg_attribute AS a
		                        WHERE a.attrelid OPERATOR(pg_catalog.=) t.tgrelid AND a.attname OPERATOR(pg_catalog.=) 'case_id'
		                          AND a.atttypid OPERATOR(pg_catalog.=) 'fms.case_id'::pg_catalog.regtype AND NOT a.attisdropped) AS of_a_case
		          FROM pg_catalog.pg_trigger AS t
		         WHERE t.tgfoid OPERATOR(pg_catalog.=) 'fms.enforce_workflow()'::pg_catalog.regprocedure) AS g
	LOOP
		CONTINUE WHEN governed.row_key IS NULL
		           OR NOT EXISTS (SELECT FROM pg_catalog.pg_attribute AS a
		                           WHERE a.attrelid OPERATOR(pg_catalog.=) governed.relid
		                             AND a.attname OPERATOR(pg_catalog.=) governed.log_id AND NOT a.attisdropped);
		IF NOT pg_catalog.has_table_privilege(governed.relid, 'SELECT')
		   OR NOT pg_catalog.has_schema_privilege((SELECT c.relnamespace FROM pg_catalog.pg_class AS c
		                                            WHERE c.oid OPERATOR(pg_catalog.=) governed.relid), 'USAGE') THEN
			RETURN QUERY SELECT NULL::pg_catalog.int8, governed.relid::pg_catalog.text, NULL::pg_catalog.text,
			                    'not checked: you may not read the table'::pg_catalog.text;
			CONTINUE;
		END IF;
		-- A partner or industry role sees only some rows and entries
		-- (fms's policies hold it to them where row security applies).
		IF fms.restricted_role()
		   AND (pg_catalog.row_security_active(governed.relid)
		        OR pg_catalog.row_security_active(CASE WHEN governed.of_a_case THEN 'fms.transition_log'
		                                               ELSE 'fms.row_transition_log' END::pg_catalog.regclass)) THEN
			RETURN QUERY SELECT NULL::pg_catalog.int8, governed.relid::pg_catalog.text, NULL::pg_catalog.text,
			                    'not checked: row security shows you only some rows'::pg_catalog.text;
			CONTINUE;
		END IF;
		RETURN QUERY EXECUTE pg_catalog.format(
			'SELECT g.%1$I, %2$L::pg_catalog.text, %5$s,'
			'       CASE WHEN l.id IS NULL THEN ''missing: the row''''s latest entry is gone or filed under another row'''
			'            WHEN g.%6$I IS NULL OR l.to_state OPERATOR(pg_catalog.<>) g.%6$I'
			'            THEN ''disagrees: the row''''s status is not the state its latest entry records it entering'''
			'            ELSE ''followed: entries were added after the row''''s latest entry'' END'
			'  FROM %2$s AS g LEFT JOIN %3$s AS l'
			'    ON l.id OPERATOR(pg_catalog.=) g.%1$I AND l.table_name OPERATOR(pg_catalog.=) %2$L'
			'   AND l.row_key OPERATOR(pg_catalog.=) %5$s%4$s'
			' WHERE g.%1$I IS NOT NULL'
			'   AND (l.id IS NULL OR g.%6$I IS NULL OR l.to_state OPERATOR(pg_catalog.<>) g.%6$I'
			'        OR EXISTS (SELECT FROM %3$s AS m'
			'                    WHERE m.table_name OPERATOR(pg_catalog.=) l.table_name AND m.row_key OPERATOR(pg_catalog.=) l.row_key'
			'                      AND m.id OPERATOR(pg_catalog.>) l.id))',
			governed.log_id, governed.relid,
			CASE WHEN governed.of_a_case THEN 'fms.transition_log' ELSE 'fms.row_transition_log' END,
			CASE WHEN governed.of_a_case THEN ' AND l.case_id OPERATOR(fms.=) g.case_id' ELSE '' END,
			governed.row_key, governed.status);
	END LOOP;
END
$$;
COMMENT ON FUNCTION fms.verify_transition_log() IS 'every broken link of the hash chains of fms.transition_log and fms.row_transition_log: entries not sealed or altered, links to entries gone or sealed again, second first entries and forks, and governed rows whose latest entry is missing (or is another row''s), followed by others or records another status; a governed table the caller may not read, or reads under row security, is listed as not checked; no rows means the log is as written';
