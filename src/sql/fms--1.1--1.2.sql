/* src/sql/fms--1.1--1.2.sql -- update fms from 1.1 to 1.2 */

-- complain if script is sourced in psql, rather than via ALTER EXTENSION
\echo Use "ALTER EXTENSION fms UPDATE TO '1.2'" to load this file. \quit

-- The lines in force on a date of the cases given: for each line number
-- the version of the latest document in force (the basic LOA from the
-- start, a change from the day it was implemented).  What the functions
-- below and fms.case_values_of read; the body is in SQL-standard form, so
-- that callers inline it.
CREATE FUNCTION fms.case_lines_of(case_ids fms.case_id[], as_of pg_catalog.date)
	RETURNS SETOF fms.case_lines
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	SELECT DISTINCT ON (l.case_id, l.line_no) l.*
	  FROM fms.case_lines AS l
	  LEFT JOIN fms.case_changes AS x
	    ON x.case_id OPERATOR(fms.=) l.case_id AND x.change_no OPERATOR(pg_catalog.=) l.change_no
	 WHERE l.case_id OPERATOR(fms.=) ANY (case_ids)
	   AND (l.change_no IS NULL OR x.implemented_on OPERATOR(pg_catalog.<=) as_of)
	 ORDER BY l.case_id, l.line_no, fms.document_rank(x.implemented_on, l.change_no) DESC;
END;
COMMENT ON FUNCTION fms.case_lines_of(fms.case_id[], pg_catalog.date) IS 'the lines in force on a date of the cases given: for each line number the version of the latest document in force (the basic LOA from the start, a change from the day it was implemented)';

-- The supply-complete guard reads the lines of the case it judges, not of
-- every case (case_lines.sql, deliveries.sql).
-- The same for one case, by its index: what a guard judging one case reads
-- (fms.case_lines_as_of would read every case's lines).  Its body is parsed
-- when it is created, so the query that calls it inlines it and plans it
-- once, where a function with a pinned search_path planned it again at
-- every call (330 microseconds); no day, no lines.
CREATE FUNCTION fms.case_lines_as_of(case_id fms.case_id, as_of pg_catalog.date)
	RETURNS SETOF fms.case_lines
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	SELECT l.* FROM fms.case_lines_of(ARRAY[$1], $2) AS l WHERE $2 IS NOT NULL;
END;
COMMENT ON FUNCTION fms.case_lines_as_of(fms.case_id, pg_catalog.date) IS 'one case''s lines in force on a date, as fms.case_lines_as_of(date) gives them for every case';

-- Guard of implemented -> supply_complete: every line in force on the day
-- is delivered or closed out.
CREATE OR REPLACE FUNCTION fms.guard_supply_complete(new_row anyelement) RETURNS pg_catalog.text
	LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	r jsonb := to_jsonb(new_row);
	ssc date := (r ->> 'supply_complete_on')::date;
	open_lines text;
	how_many int;
BEGIN
	-- Read for this case alone: fms.line_status(ssc) would read every case.
	SELECT string_agg(lpad(l.line_no::text, 3, '0') || ' (' || COALESCE(d.quantity, 0) || ' of ' || l.quantity || ')', ', ' ORDER BY l.line_no),
	       count(*)
	  INTO open_lines, how_many
	  FROM fms.case_lines_as_of((r ->> 'case_id')::fms.case_id, ssc) AS l
	  LEFT JOIN LATERAL (SELECT sum(e.quantity) AS quantity FROM fms.deliveries AS e
	                      WHERE e.case_id OPERATOR(fms.=) l.case_id AND e.line_no = l.line_no AND e.delivered_on <= ssc) AS d ON true
	 WHERE COALESCE(d.quantity, 0) < l.quantity
	   AND NOT EXISTS (SELECT FROM fms.line_closeouts AS o
	                    WHERE o.case_id OPERATOR(fms.=) l.case_id AND o.line_no = l.line_no AND o.closed_out_on <= ssc);
	IF how_many > 0 THEN
		RETURN format('%s of its lines %s not supply complete on %s: %s. Record their deliveries (fms.deliveries) or close them out with a reason (fms.line_closeouts) first (DSCA Case Reconciliation and Closure Guide A7.C3.1.1).',
		              how_many, CASE WHEN how_many = 1 THEN 'is' ELSE 'are' END, to_char(ssc, 'YYYY-MM-DD'), open_lines);
	END IF;
	RETURN fms.guard_dates_in_order(new_row);
END
$$;
COMMENT ON FUNCTION fms.guard_supply_complete(anyelement) IS 'workflow guard of implemented -> supply_complete: every line in force is delivered or closed out (a case without lines passes), dates in order';

-- Triggers fired only when what they look after moves (a step along the
-- workflow alone calls none of them): the lines' values are rechecked when a
-- change is implemented or becomes prepared again, the default dates when a
-- date they derive from moves or an offer returns to development, the offer
-- protection when the OED, or the offer date or values without a change of
-- state, move.
DROP TRIGGER recheck_line_values ON fms.case_changes;
CREATE TRIGGER recheck_line_values AFTER UPDATE ON fms.case_changes
	FOR EACH ROW WHEN (OLD.implemented_on IS DISTINCT FROM NEW.implemented_on
	                   OR (NEW.status OPERATOR(pg_catalog.=) ANY (ARRAY['development', 'write', 'review', 'proposed']::pg_catalog.text[])
	                       AND (OLD.status OPERATOR(pg_catalog.=) ANY (ARRAY['development', 'write', 'review', 'proposed']::pg_catalog.text[])) IS NOT TRUE))
	EXECUTE FUNCTION fms.recheck_line_values();
ALTER TABLE fms.case_changes ENABLE ALWAYS TRIGGER recheck_line_values;
COMMENT ON FUNCTION fms.recheck_line_values() IS 'row trigger of fms.case_changes: when a change''s implementation date moves or it becomes prepared again, the values of its case''s documents follow the lines in force, and a document no longer prepared keeps its values (or the move is refused)';
DROP TRIGGER fill_default_dates_on_update ON fms.cases;
CREATE TRIGGER fill_default_dates_on_update BEFORE UPDATE ON fms.cases
	FOR EACH ROW WHEN (OLD.milap_on IS DISTINCT FROM NEW.milap_on OR OLD.oed_on IS DISTINCT FROM NEW.oed_on
	                   OR (NEW.status OPERATOR(pg_catalog.=) 'development'
	                       AND OLD.status OPERATOR(pg_catalog.=) ANY (ARRAY['offered', 'cancelled']::pg_catalog.text[]))
	                   OR OLD.lor_complete_on IS DISTINCT FROM NEW.lor_complete_on
	                   OR OLD.aod_group IS DISTINCT FROM NEW.aod_group OR OLD.aod_on IS DISTINCT FROM NEW.aod_on)
	EXECUTE FUNCTION fms.fill_default_dates();
DROP TRIGGER protect_offer ON fms.cases;
CREATE TRIGGER protect_offer BEFORE UPDATE ON fms.cases
	FOR EACH ROW WHEN ((OLD.offered_on IS NOT NULL OR OLD.status OPERATOR(pg_catalog.=) ANY
	                    (ARRAY['offered', 'accepted', 'implemented', 'supply_complete', 'interim_closed', 'closed']))
	                   AND (OLD.oed_on IS DISTINCT FROM NEW.oed_on
	                        OR (OLD.status OPERATOR(pg_catalog.=) NEW.status
	                            AND (OLD.offered_on, OLD.total_value_usd, OLD.mde_value_usd, OLD.design_construction_usd)
	                                IS DISTINCT FROM (NEW.offered_on, NEW.total_value_usd, NEW.mde_value_usd, NEW.design_construction_usd))))
	EXECUTE FUNCTION fms.protect_offer();
DROP TRIGGER fill_default_dates_on_update ON fms.case_changes;
CREATE TRIGGER fill_default_dates_on_update BEFORE UPDATE ON fms.case_changes
	FOR EACH ROW WHEN (OLD.milap_on IS DISTINCT FROM NEW.milap_on OR OLD.oed_on IS DISTINCT FROM NEW.oed_on
	                   OR (NEW.status OPERATOR(pg_catalog.=) 'development'
	                       AND OLD.status OPERATOR(pg_catalog.=) ANY (ARRAY['offered', 'cancelled']::pg_catalog.text[]))
	                   OR OLD.lor_complete_on IS DISTINCT FROM NEW.lor_complete_on
	                   OR OLD.aod_group IS DISTINCT FROM NEW.aod_group OR OLD.aod_on IS DISTINCT FROM NEW.aod_on)
	EXECUTE FUNCTION fms.fill_default_dates();
DROP TRIGGER protect_offer ON fms.case_changes;
CREATE TRIGGER protect_offer BEFORE UPDATE ON fms.case_changes
	FOR EACH ROW WHEN ((OLD.offered_on IS NOT NULL OR OLD.status OPERATOR(pg_catalog.=) ANY
	                    (ARRAY['offered', 'accepted', 'implemented', 'supply_complete', 'interim_closed', 'closed']))
	                   AND (OLD.oed_on IS DISTINCT FROM NEW.oed_on
	                        OR (OLD.status OPERATOR(pg_catalog.=) NEW.status
	                            AND (OLD.offered_on, OLD.total_value_usd, OLD.mde_value_usd, OLD.design_construction_usd)
	                                IS DISTINCT FROM (NEW.offered_on, NEW.total_value_usd, NEW.mde_value_usd, NEW.design_construction_usd))))
	EXECUTE FUNCTION fms.protect_offer();

-- Tamper evidence: the log's entries are sealed in hash chains
-- (transition_log.sql).
ALTER TABLE fms.transition_log ADD COLUMN previous_hash pg_catalog.bytea, ADD COLUMN hash pg_catalog.bytea;
COMMENT ON COLUMN fms.transition_log.previous_hash IS 'hash of the entry before this one for the same governed row (NULL for its first entry): the link of its chain';
COMMENT ON COLUMN fms.transition_log.hash IS 'SHA-256 seal over this entry''s content and previous_hash (fms.transition_log_hash); fms.verify_transition_log() lists every entry whose seal or link no longer holds';
-- Each write looks for the entry no other is chained to (the head of its
-- row's chain): the links are indexed so that it need not read the row's
-- whole history.
CREATE INDEX transition_log_chain ON fms.transition_log (previous_hash);

-- Two logs (transition_log.sql): the rows of a case are logged in
-- fms.transition_log, kept by case; the others (DCS licences, tables of
-- your own) in fms.row_transition_log, kept by key.  The entries of the
-- others move there once sealed, below.
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

CREATE TRIGGER append_only BEFORE UPDATE OR DELETE ON fms.row_transition_log
	FOR EACH ROW EXECUTE FUNCTION fms.refuse_log_change();
CREATE TRIGGER append_only_truncate BEFORE TRUNCATE ON fms.row_transition_log
	FOR EACH STATEMENT EXECUTE FUNCTION fms.refuse_log_change();
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

-- The entries written before 1.2 are sealed now, each row's in the order of
-- their ids: one pass per position in the chains.
ALTER TABLE fms.transition_log DISABLE TRIGGER append_only;
DO $$
DECLARE
	position pg_catalog.int8 := 1;
BEGIN
	LOOP
		UPDATE fms.transition_log AS l
		   SET previous_hash = b.hash,
		       hash = fms.transition_log_hash(ROW(l.id, l.table_name, l.row_key, l.case_id, l.machine, l.from_state, l.to_state,
		                                          l.effective_on, l.recorded_at, l.actor, l.reason, l.db_user, b.hash,
		                                          NULL)::fms.transition_log)
		  FROM (SELECT x.id, pg_catalog.lag(x.id) OVER w AS before_id, pg_catalog.row_number() OVER w AS n
		          FROM fms.transition_log AS x
		        WINDOW w AS (PARTITION BY x.table_name, x.row_key ORDER BY x.id)) AS o
		  LEFT JOIN fms.transition_log AS b ON b.id OPERATOR(pg_catalog.=) o.before_id
		 WHERE o.id OPERATOR(pg_catalog.=) l.id AND o.n OPERATOR(pg_catalog.=) position;
		EXIT WHEN NOT FOUND;
		position := position OPERATOR(pg_catalog.+) 1;
	END LOOP;
END
$$;
ALTER TABLE fms.transition_log ENABLE ALWAYS TRIGGER append_only;

-- The logs file a governed table by its schema-qualified name, the same on
-- every node of a Citus cluster, not by its OID, which is each node's own
-- (transition_log.sql); the history view and the readers of the log by
-- table follow.
DROP VIEW fms.case_status_history;
CREATE FUNCTION fms.qualified_table_name(tbl pg_catalog.regclass) RETURNS pg_catalog.text
	LANGUAGE sql STABLE STRICT
	SET search_path = pg_catalog, pg_temp
	AS $$ SELECT $1::pg_catalog.text $$;
ALTER TABLE fms.transition_log ALTER COLUMN table_name TYPE pg_catalog.text USING fms.qualified_table_name(table_name);
DROP FUNCTION fms.qualified_table_name(pg_catalog.regclass);
COMMENT ON COLUMN fms.transition_log.table_name IS 'the governed table, by its schema-qualified name (the same on every node of a Citus cluster, where OIDs differ)';
CREATE VIEW fms.case_status_history WITH (security_barrier = false) AS
SELECT l.case_id,
       l.to_state AS state,
       l.effective_on AS entered_on,
       pg_catalog.lead(l.effective_on) OVER w AS left_on,
       pg_catalog.daterange(l.effective_on, pg_catalog.lead(l.effective_on) OVER w) AS held,
       l.actor,
       l.reason
  FROM fms.transition_log AS l
 WHERE l.table_name OPERATOR(pg_catalog.=) 'fms.cases'
WINDOW w AS (PARTITION BY l.case_id ORDER BY l.effective_on, l.id);
COMMENT ON VIEW fms.case_status_history IS 'one row per case and state it entered, with the date range [entered_on, left_on) it held that state';
COMMENT ON COLUMN fms.case_status_history.case_id IS 'the case';
COMMENT ON COLUMN fms.case_status_history.state IS 'state entered';
COMMENT ON COLUMN fms.case_status_history.entered_on IS 'effective date the case entered the state';
COMMENT ON COLUMN fms.case_status_history.left_on IS 'effective date it left the state; NULL while it is still there';
COMMENT ON COLUMN fms.case_status_history.held IS 'the dates it held the state, [entered_on, left_on); empty if it left the same day';
COMMENT ON COLUMN fms.case_status_history.actor IS 'who moved it into the state';
COMMENT ON COLUMN fms.case_status_history.reason IS 'reason given, if any';
CREATE OR REPLACE FUNCTION fms.status_as_of(case_id fms.case_id, as_of pg_catalog.date) RETURNS pg_catalog.text
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
	AS $$
	SELECT l.to_state FROM fms.transition_log AS l
	 WHERE l.table_name OPERATOR(pg_catalog.=) 'fms.cases'
	   AND l.case_id OPERATOR(fms.=) $1
	   AND l.effective_on OPERATOR(pg_catalog.<=) $2
	 ORDER BY l.effective_on DESC, l.id DESC
	 LIMIT 1
	$$;
COMMENT ON FUNCTION fms.status_as_of(fms.case_id, pg_catalog.date) IS 'status a case had on a date, from fms.transition_log; NULL before it existed';
CREATE OR REPLACE FUNCTION fms.guard_closure(new_row anyelement) RETURNS pg_catalog.text
	LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	r jsonb := to_jsonb(new_row);
	ssc date := (r ->> 'supply_complete_on')::date;
	closing date := (r ->> 'status_since')::date;
	timer record := fms.closure_due((r ->> 'case_id')::fms.case_id, ssc);
	problem text := fms.milestone_problem(new_row, CASE WHEN r ->> 'status' = 'closed' THEN 'closed_on' ELSE 'interim_closed_on' END);
BEGIN
	IF problem IS NOT NULL THEN
		RETURN problem;
	END IF;
	IF r ->> 'status' = 'interim_closed' AND NOT timer.accp THEN
		RETURN 'Interim closure is for cases of ACCP participants (fms.customers.accp_participant); this customer''s cases close directly (DSCA Case Reconciliation and Closure Guide A7.C4.14).';
	END IF;
	IF r ->> 'status' = 'closed' THEN
		-- Interim closure is the state it leaves, as its log says (a date
		-- typed into interim_closed_on is not the state).
		IF timer.accp AND (SELECT l.to_state FROM fms.transition_log AS l
		                    WHERE l.case_id OPERATOR(fms.=) (r ->> 'case_id')::fms.case_id
		                      AND l.table_name = pg_typeof(new_row)::text
		                      AND l.row_key = fms.text((r ->> 'case_id')::fms.case_id)
		                    ORDER BY l.id DESC LIMIT 1) IS DISTINCT FROM 'interim_closed' THEN
			RETURN 'A case of an ACCP participant passes through interim closure before final closure (DSCA Case Reconciliation and Closure Guide A7.C4.14).';
		END IF;
		IF closing < timer.due_on THEN
			RETURN format('Final closure on %s comes before the closure timer after supply complete (%s) has run: the case can be closed from %s (%s in fms.policy_settings).',
			              to_char(closing, 'YYYY-MM-DD'), to_char(ssc, 'YYYY-MM-DD'), to_char(timer.due_on, 'YYYY-MM-DD'),
			              CASE WHEN timer.accp THEN 'accp_closure_months' ELSE 'closure_months_after_ssc' END);
		END IF;
	END IF;
	RETURN fms.guard_dates_in_order(new_row);
END
$$;
COMMENT ON FUNCTION fms.guard_closure(anyelement) IS 'workflow guard of closure: interim closure only for ACCP participants, whose cases pass through it; final closure not before supply complete plus the closure timer in force (fms.policy_settings); dates in order';

-- The entries of rows that belong to no case move to fms.row_transition_log,
-- seals and all (a seal reads a missing case_id as NULL); fms.transition_log
-- is then keyed by case, and each governed table's log id refers to its own
-- log.  A table of your own with a case_id column whose entries lack one
-- would have its history split between the two: refused.
DO $$
DECLARE
	split pg_catalog.text;
BEGIN
	SELECT pg_catalog.string_agg(DISTINCT l.table_name, ', ') INTO split
	  FROM fms.transition_log AS l
	  JOIN pg_catalog.pg_attribute AS a
	    ON a.attrelid OPERATOR(pg_catalog.=) l.table_name::pg_catalog.regclass AND a.attname OPERATOR(pg_catalog.=) 'case_id'
	   AND a.atttypid OPERATOR(pg_catalog.=) 'fms.case_id'::pg_catalog.regtype AND NOT a.attisdropped
	 WHERE l.case_id IS NULL;
	IF split IS NOT NULL THEN
		RAISE EXCEPTION 'fms.transition_log holds entries without a case of rows of tables with a case_id column: %', split
			USING ERRCODE = 'not_null_violation',
			      HINT = 'From release 1.2 the rows of a table with a case_id column are logged by case: give those rows their case_id (or drop the column) before updating.';
	END IF;
END
$$;
INSERT INTO fms.row_transition_log (id, table_name, row_key, machine, from_state, to_state, effective_on, recorded_at,
                                    actor, reason, db_user, previous_hash, hash)
SELECT l.id, l.table_name, l.row_key, l.machine, l.from_state, l.to_state, l.effective_on, l.recorded_at,
       l.actor, l.reason, l.db_user, l.previous_hash, l.hash
  FROM fms.transition_log AS l
 WHERE l.case_id IS NULL;
ALTER TABLE fms.cases DROP CONSTRAINT cases_status_log_id_fkey;
ALTER TABLE fms.case_changes DROP CONSTRAINT case_changes_status_log_id_fkey;
ALTER TABLE fms.dcs_licenses DROP CONSTRAINT dcs_licenses_status_log_id_fkey;
ALTER TABLE fms.transition_log DISABLE TRIGGER append_only;
DELETE FROM fms.transition_log AS l WHERE l.case_id IS NULL;
ALTER TABLE fms.transition_log ENABLE ALWAYS TRIGGER append_only;
ALTER TABLE fms.transition_log ALTER COLUMN case_id SET NOT NULL,
	DROP CONSTRAINT transition_log_pkey, ADD PRIMARY KEY (case_id, id);
ALTER TABLE fms.cases ADD CONSTRAINT status_log_id_names_an_entry FOREIGN KEY (case_id, status_log_id)
	REFERENCES fms.transition_log (case_id, id) DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE fms.case_changes ADD CONSTRAINT status_log_id_names_an_entry FOREIGN KEY (case_id, status_log_id)
	REFERENCES fms.transition_log (case_id, id) DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE fms.dcs_licenses ADD CONSTRAINT status_log_id_names_an_entry FOREIGN KEY (license_no, status_log_id)
	REFERENCES fms.row_transition_log (row_key, id) DEFERRABLE INITIALLY DEFERRED;

-- A licence number names one application for good (see dcs_licenses.sql).
CREATE OR REPLACE TRIGGER verify_workflow_insert AFTER INSERT ON fms.dcs_licenses
	FOR EACH ROW EXECUTE FUNCTION fms.verify_workflow('status', 'keys_not_reused');
ALTER TABLE fms.dcs_licenses ENABLE ALWAYS TRIGGER verify_workflow_insert;
COMMENT ON TABLE fms.transition_log IS 'every insert and status change of the governed rows of a case (fms.cases, fms.case_changes, a table of your own with a case_id column), written in the same transaction, kept by case; append-only. Other governed rows are logged in fms.row_transition_log';
COMMENT ON COLUMN fms.transition_log.id IS 'order in which the changes were recorded (one sequence numbers both logs)';
COMMENT ON SEQUENCE fms.transition_log_id_seq IS 'numbers the entries of fms.transition_log and fms.row_transition_log';
COMMENT ON COLUMN fms.transition_log.case_id IS 'the case the row belongs to (its case_id column): the log is kept by case, so that it can be sharded with the case tables';
COMMENT ON COLUMN fms.dcs_licenses.status_log_id IS 'fms.row_transition_log entry of the latest status change, set by the workflow';

-- The case tables with ids of their own are keyed by case as well
-- (deliveries.sql, case_money.sql, offer_restatements.sql), so that they can
-- be sharded with the cases.
ALTER TABLE fms.deliveries DROP CONSTRAINT deliveries_pkey, ADD PRIMARY KEY (case_id, id);
ALTER TABLE fms.collections DROP CONSTRAINT collections_pkey, ADD PRIMARY KEY (case_id, id);
ALTER TABLE fms.offer_restatements DROP CONSTRAINT offer_restatements_pkey, ADD PRIMARY KEY (case_id, id);

-- The logs file a governed table's rows under its schema-qualified name:
-- the table keeps it while they hold its rows' history (governed_names.c).
CREATE FUNCTION fms.keep_governed_names() RETURNS event_trigger
	AS 'MODULE_PATHNAME', 'fms_keep_governed_names'
	LANGUAGE C;
COMMENT ON FUNCTION fms.keep_governed_names() IS 'event trigger: refuses to rename a table governed by fms.enforce_workflow(), move it to another schema or rename its schema while the transition logs hold its rows'' history (SQLSTATE 55000)';
CREATE EVENT TRIGGER fms_keep_governed_names ON ddl_command_start
	WHEN TAG IN ('ALTER TABLE', 'ALTER SCHEMA')
	EXECUTE FUNCTION fms.keep_governed_names();
COMMENT ON EVENT TRIGGER fms_keep_governed_names IS 'keeps the names of governed tables whose rows have history in the transition logs';
-- also under session_replication_role = replica, where event triggers
-- enabled the default way stay quiet
ALTER EVENT TRIGGER fms_keep_governed_names ENABLE ALWAYS;
ALTER EVENT TRIGGER fms_check_workflow_triggers ENABLE ALWAYS;

-- A log of its own for licences, and the cases' keyed by case: the
-- governability check and the triggers' descriptions name both.
CREATE OR REPLACE FUNCTION fms.workflow_trigger_problem(trigger_oid pg_catalog.oid) RETURNS pg_catalog.text
	LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	t record;
	args text[];
	status_column text;
	col record;
	missing text;
	of_a_case boolean;
BEGIN
	SELECT tg.tgrelid::regclass AS tbl, tg.tgtype, tg.tgnargs,
	       fms.trigger_arguments(tg.oid) AS args
	  INTO t
	  FROM pg_catalog.pg_trigger AS tg WHERE tg.oid = trigger_oid;
	IF NOT FOUND THEN
		RETURN NULL;
	END IF;
	-- tgtype bits: 1 row, 2 before, 4 insert, 16 update.
	IF t.tgtype & 3 <> 3 OR t.tgtype & (8 | 32) <> 0 OR t.tgtype & (4 | 16) = 0 THEN
		RETURN format('A trigger calling fms.enforce_workflow() on %s must be BEFORE INSERT OR UPDATE ... FOR EACH ROW.', t.tbl);
	END IF;
	IF t.tgnargs NOT IN (1, 2) THEN
		RETURN format('A trigger calling fms.enforce_workflow() on %s must pass a machine name and optionally a status column.', t.tbl);
	END IF;
	-- The workflow writes the log with the log owner's rights (see
	-- workflow_trigger.c): only tables whose owner has them are governed.
	SELECT c.relpersistence = 't' AS is_temporary,
	       pg_catalog.pg_has_role(c.relowner, l.relowner, 'USAGE') AS owner_may_write_log,
	       c.relowner::regrole AS table_owner, l.relowner::regrole AS log_owner
	  INTO col
	  FROM pg_catalog.pg_class AS c, pg_catalog.pg_class AS l
	 WHERE c.oid = t.tbl AND l.oid = 'fms.transition_log'::regclass;
	IF col.is_temporary THEN
		RETURN format('%s is a temporary table; the transition log would keep its entries after it is gone.', t.tbl);
	END IF;
	IF NOT col.owner_may_write_log THEN
		RETURN format('The owner of %s, %s, may not write the transition logs (owned by %s); an administrator governs a table by giving it to %s.',
		              t.tbl, col.table_owner, col.log_owner, col.log_owner);
	END IF;
	args := t.args;
	IF NOT EXISTS (SELECT FROM fms.workflow_states AS s WHERE s.machine = args[1]) THEN
		RETURN format('Workflow machine "%s" (trigger on %s) has no states in fms.workflow_states.', args[1], t.tbl);
	END IF;
	status_column := coalesce(args[2], 'status');
	SELECT a.atttypid INTO col FROM pg_catalog.pg_attribute AS a
	 WHERE a.attrelid = t.tbl AND a.attname = status_column AND a.attnum > 0 AND NOT a.attisdropped;
	IF NOT FOUND OR col.atttypid <> 'pg_catalog.text'::regtype THEN
		RETURN format('%s has no text column "%s" for the status.', t.tbl, status_column);
	END IF;
	IF NOT EXISTS (SELECT FROM pg_catalog.pg_index AS i WHERE i.indrelid = t.tbl AND i.indisprimary) THEN
		RETURN format('%s has no primary key, by which the transition log identifies rows.', t.tbl);
	END IF;
	-- The rows of a case are logged by case (fms.transition_log), the others
	-- in fms.row_transition_log: a table whose rows have history in one log
	-- cannot turn into a table of the other (a case_id column added,
	-- dropped, renamed or retyped), or each row's history would be split.
	SELECT a.attnotnull AS case_id_not_null INTO col FROM pg_catalog.pg_attribute AS a
	 WHERE a.attrelid = t.tbl AND a.attname = 'case_id' AND a.atttypid = 'fms.case_id'::regtype AND NOT a.attisdropped;
	of_a_case := FOUND;
	IF of_a_case AND NOT col.case_id_not_null THEN
		RETURN format('%s has a case_id column that may be null; the rows of a case are logged in fms.transition_log by their case.', t.tbl);
	END IF;
	IF (of_a_case AND EXISTS (SELECT FROM fms.row_transition_log AS l WHERE l.table_name = t.tbl::text))
	   OR (NOT of_a_case AND EXISTS (SELECT FROM fms.transition_log AS l WHERE l.table_name = t.tbl::text)) THEN
		RETURN format('The history of the rows of %s is in %s, but with%s a case_id column of type fms.case_id their changes would go to %s; the table keeps the columns its history was written with.',
		              t.tbl, CASE WHEN of_a_case THEN 'fms.row_transition_log' ELSE 'fms.transition_log' END,
		              CASE WHEN of_a_case THEN '' ELSE 'out' END,
		              CASE WHEN of_a_case THEN 'fms.transition_log' ELSE 'fms.row_transition_log' END);
	END IF;
	-- The log files a row under its key's text, which must not depend on
	-- session settings (DateStyle, TimeZone, IntervalStyle, extra_float_digits, lc_monetary).
	SELECT string_agg(format('%I (%s)', a.attname, format_type(a.atttypid, NULL)), ', ') INTO missing
	  FROM pg_catalog.pg_index AS i
	  JOIN pg_catalog.pg_attribute AS a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey::int2[])
	 WHERE i.indrelid = t.tbl AND i.indisprimary
	   AND a.atttypid = ANY (ARRAY['pg_catalog.date', 'pg_catalog.time', 'pg_catalog.timetz', 'pg_catalog.timestamp',
	                               'pg_catalog.timestamptz', 'pg_catalog.interval', 'pg_catalog.float4',
	                               'pg_catalog.float8', 'pg_catalog.money']::regtype[]);
	IF missing IS NOT NULL THEN
		RETURN format('The primary key of %s has columns whose text depends on session settings: %s; the transition log files rows under that text.', t.tbl, missing);
	END IF;
	SELECT string_agg(format('"%s" (state "%s")', s.milestone_column, s.state), ', ' ORDER BY s.position) INTO missing
	  FROM fms.workflow_states AS s
	 WHERE s.machine = args[1] AND s.milestone_column IS NOT NULL
	   AND NOT EXISTS (SELECT FROM pg_catalog.pg_attribute AS a
	                    WHERE a.attrelid = t.tbl AND a.attname = s.milestone_column
	                      AND a.atttypid = 'pg_catalog.date'::regtype AND NOT a.attisdropped);
	IF missing IS NOT NULL THEN
		RETURN format('%s lacks the date columns that machine "%s" stamps: %s.', t.tbl, args[1], missing);
	END IF;
	RETURN NULL;
END
$$;
COMMENT ON FUNCTION fms.workflow_trigger_problem(pg_catalog.oid) IS 'what is wrong with a trigger calling fms.enforce_workflow() (timing, arguments, table owner, machine, status column, primary key, milestone columns), or NULL';
COMMENT ON FUNCTION fms.enforce_workflow() IS 'BEFORE INSERT OR UPDATE row trigger; arguments: machine [, status column (default status)]. Allows only defined edges, stamps milestone dates, logs every change to fms.transition_log (rows of a case) or fms.row_transition_log (other rows); checks restored and replicated rows against the log';
COMMENT ON FUNCTION fms.verify_workflow() IS 'AFTER INSERT OR UPDATE row trigger every table under fms.enforce_workflow() needs; arguments: status column (default status), then keys_not_reused if a new row may not take a deleted row''s key (23505). Checks the row as finally written against its latest transition log entry';

-- A licence's value is a finite amount (NaN passed ">= 0"), its USML list
-- a list without holes (dcs_licenses.sql); a policy setting's value a
-- finite number (policy_settings.sql).
ALTER TABLE fms.policy_settings ADD CONSTRAINT value_is_finite
	CHECK (value OPERATOR(pg_catalog.>) '-Infinity' AND value OPERATOR(pg_catalog.<) 'Infinity');
ALTER TABLE fms.dcs_licenses DROP CONSTRAINT value_is_not_negative,
	ADD CONSTRAINT value_is_finite_not_negative
		CHECK (value_usd OPERATOR(pg_catalog.>=) 0 AND value_usd OPERATOR(pg_catalog.<) 'Infinity'),
	ADD CONSTRAINT usml_is_a_list
		CHECK (pg_catalog.array_ndims(usml) OPERATOR(pg_catalog.=) 1 AND pg_catalog.array_position(usml, NULL) IS NULL);

-- TRUNCATE fires no row trigger: it would empty a case table behind the
-- workflow, the lines' derivation and the log.  Refused on every table of
-- case data (fms.case_lines, fms.offer_restatements and fms.transition_log
-- refuse it through their own triggers).
CREATE FUNCTION fms.refuse_truncate() RETURNS trigger
	AS 'MODULE_PATHNAME', 'fms_refuse_truncate'
	LANGUAGE C;
COMMENT ON FUNCTION fms.refuse_truncate() IS 'BEFORE TRUNCATE trigger of the case tables: refuses TRUNCATE (SQLSTATE 55000); rows are deleted with DELETE, which the rules check';
DO $$
DECLARE
	case_table regclass;
BEGIN
	FOREACH case_table IN ARRAY ARRAY['fms.customers', 'fms.items', 'fms.cases', 'fms.case_changes', 'fms.deliveries',
	                                  'fms.line_closeouts', 'fms.payment_schedule', 'fms.collections',
	                                  'fms.congressional_notifications', 'fms.dcs_licenses']::regclass[]
	LOOP
		EXECUTE pg_catalog.format('CREATE TRIGGER refuse_truncate BEFORE TRUNCATE ON %s '
		                          'FOR EACH STATEMENT EXECUTE FUNCTION fms.refuse_truncate()', case_table);
		EXECUTE pg_catalog.format('ALTER TABLE %s ENABLE ALWAYS TRIGGER refuse_truncate', case_table);
	END LOOP;
END
$$;

-- DROP EXTENSION fms drops its tables with every row: refused while they
-- hold data of the user's, unless confirmed in the transaction.
CREATE FUNCTION fms.refuse_drop_with_data() RETURNS event_trigger
	AS 'MODULE_PATHNAME', 'fms_refuse_drop_with_data'
	LANGUAGE C;
COMMENT ON FUNCTION fms.refuse_drop_with_data() IS 'event trigger: refuses DROP EXTENSION fms (and DROP OWNED BY its owner) while its tables hold rows pg_dump would dump, unless fms.confirm_drop is on';
CREATE EVENT TRIGGER fms_refuse_drop_with_data ON ddl_command_start
	WHEN TAG IN ('DROP EXTENSION', 'DROP OWNED')
	EXECUTE FUNCTION fms.refuse_drop_with_data();
COMMENT ON EVENT TRIGGER fms_refuse_drop_with_data IS 'refuses DROP EXTENSION fms while its tables hold data, unless SET LOCAL fms.confirm_drop = on';
-- also under session_replication_role = replica, where event triggers
-- enabled the default way stay quiet
ALTER EVENT TRIGGER fms_refuse_drop_with_data ENABLE ALWAYS;

-- The sample generator, rewritten set-based with real customers and an
-- as-of date (sample_data.sql): the 1.1 functions go.
DROP FUNCTION fms.generate_sample_data(pg_catalog.int4, pg_catalog.int4);
DROP FUNCTION fms.sample_change(fms.case_id, pg_catalog.text, pg_catalog.date, pg_catalog.date);
DROP FUNCTION fms.sample_lines_and_money(pg_catalog.date);
DROP FUNCTION fms.sample_fraction(pg_catalog.text, pg_catalog.text);

-- Speed at scale: the sort key of documents and the percentile of a
-- sorted array in C (case_lines.sql, reporting.sql); each
-- customer's country, region and command looked up once per customer by
-- the reports (country_regions.sql, reporting.sql, case_money.sql); the
-- governing notification found by index (congressional_notifications.sql);
-- the export findings in three parts, which the guards ask one by one and
-- open_findings reads set-based (export_findings.sql, reporting.sql); the
-- governing certification asked only for the cases with one
-- (deliveries.sql).

CREATE OR REPLACE FUNCTION fms.document_rank(implemented_on pg_catalog.date, change_no pg_catalog.text) RETURNS pg_catalog.text
	AS 'MODULE_PATHNAME', 'fms_document_rank'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION fms.document_rank(pg_catalog.date, pg_catalog.text) IS 'sort key of a document among its case''s: the basic LOA (change_no NULL), then changes by implementation date and number, unimplemented ones last';

CREATE OR REPLACE FUNCTION fms.percentile_of_sorted(sorted pg_catalog.int4[], skip pg_catalog.int4, fraction pg_catalog.float8)
	RETURNS pg_catalog.float8
	AS 'MODULE_PATHNAME', 'fms_percentile_of_sorted'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION fms.percentile_of_sorted(pg_catalog.int4[], pg_catalog.int4, pg_catalog.float8) IS 'percentile_cont(fraction) of the elements of an ascending one-dimensional array after its first skip, NULL if none are left; the array is trusted to be sorted';

-- Each customer as the reports see it on their day (fms.today()): the
-- country its sales are judged by, and that country's region and command.
-- The reports read it as a MATERIALIZED CTE, so that the lookups run once
-- per customer rather than once per row joined to it.
CREATE VIEW fms.customer_dimension AS
SELECT cu.customer_code, d.country_code,
       fms.country_dimension(d.country_code, 'region', fms.today()) AS region,
       fms.country_dimension(d.country_code, 'combatant_command', fms.today()) AS combatant_command
  FROM fms.customers AS cu
 CROSS JOIN LATERAL (SELECT fms.destination_country(cu.customer_code, fms.today()) AS country_code) AS d;
COMMENT ON VIEW fms.customer_dimension IS 'every customer on the reports'' day (fms.today()): the country its sales are judged by (fms.destination_country) and that country''s State Department region and combatant command';
COMMENT ON COLUMN fms.customer_dimension.customer_code IS 'customer code';
COMMENT ON COLUMN fms.customer_dimension.country_code IS 'the country the customer''s sales are judged by: its own, or an organization''s most restricted member; NULL if none is known';
COMMENT ON COLUMN fms.customer_dimension.region IS 'State Department region of that country';
COMMENT ON COLUMN fms.customer_dimension.combatant_command IS 'combatant command of that country';

-- Each case's entries in order, readable from the index alone: the history
-- below reads them all, sorted (at ten times the real portfolio the sort of
-- 1.8 million entries spilled to disk and took 2.2 s; the index scan 1.0 s),
-- and fms.status_as_of the latest one on a date.
CREATE INDEX transition_log_case_history ON fms.transition_log (case_id, effective_on, id)
	INCLUDE (to_state, actor, reason)
	WHERE table_name OPERATOR(pg_catalog.=) 'fms.cases';
COMMENT ON INDEX fms.transition_log_case_history IS 'the cases'' log entries by case, effective date and id, with what fms.case_status_history shows';

CREATE OR REPLACE FUNCTION fms.governing_notification(section pg_catalog.text, case_id fms.case_id, change_no pg_catalog.text,
		license_no pg_catalog.text)
	RETURNS fms.congressional_notifications
	LANGUAGE sql STABLE PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
	AS $$
	SELECT n.* FROM fms.congressional_notifications AS n
	 -- Either index finds the document's notifications (a notification is
	 -- of a case or of a licence); the conditions after it pick them.
	 WHERE (n.case_id OPERATOR(fms.=) $2 OR n.license_no OPERATOR(pg_catalog.=) $4)
	   AND (n.case_id OPERATOR(fms.=) $2 OR (n.case_id IS NULL AND $2 IS NULL))
	   AND n.change_no IS NOT DISTINCT FROM $3
	   AND n.license_no IS NOT DISTINCT FROM $4
	   AND n.section OPERATOR(pg_catalog.=) $1
	   AND n.status OPERATOR(pg_catalog.<>) ALL (ARRAY['withdrawn', 'blocked'])
	 ORDER BY n.emergency_justification IS NOT NULL DESC, n.formal_sent_on DESC NULLS LAST, n.id DESC
	 LIMIT 1
	$$;
COMMENT ON FUNCTION fms.governing_notification(pg_catalog.text, fms.case_id, pg_catalog.text, pg_catalog.text) IS 'the notification of a section that governs a case, amendment or licence: an emergency waiver, else the latest formally sent, else any other not withdrawn or blocked; NULL if none';

-- The findings are made of three parts, each a function of its own so that
-- callers who need one part (a guard asking only whether a destination is
-- denied, a report over many cases) evaluate only that part, and the
-- messages are written once.

-- Deny (126.1(d)(1) destination, or a (d)(2) destination no recorded
-- exception covers) or review (a (d)(2) destination under an exception):
-- what the destination alone decides for a program on a date.
CREATE FUNCTION fms.destination_findings(country_code pg_catalog.text, program pg_catalog.text, on_date pg_catalog.date)
	RETURNS TABLE (severity pg_catalog.text, rule_code pg_catalog.text, message pg_catalog.text, citation pg_catalog.text)
	LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	day text := CASE WHEN isfinite(on_date) THEN to_char(on_date, 'YYYY-MM-DD') ELSE on_date::text END;
	member record;
	exception record;
BEGIN
	FOR member IN SELECT m.group_code, m.source FROM fms.country_group_members AS m
	               WHERE m.country_code = destination_findings.country_code
	                 AND m.group_code = ANY (ARRAY['ITAR_126_1_DENIAL', 'ITAR_126_1_EXCEPTIONS'])
	                 AND m.valid_from <= on_date AND (m.valid_to IS NULL OR m.valid_to > on_date)
	               ORDER BY m.group_code
	LOOP
		IF member.group_code = 'ITAR_126_1_DENIAL' THEN
			RETURN QUERY SELECT 'deny', 'ITAR_126_1_DENIAL',
				format('%s is a proscribed destination on %s: defense articles and services are denied (policy of denial, no exceptions). %s', country_code, day, member.source),
				'22 CFR 126.1(d)(1)';
			CONTINUE;
		END IF;
		-- FMS sells to governments; licences and agreements are DCS.
		SELECT e.exception_code, e.covers, e.source INTO exception
		  FROM fms.itar_126_1_exceptions AS e
		 WHERE e.country_code = destination_findings.country_code
		   AND CASE WHEN program LIKE 'FMS%' THEN 'FMS' ELSE 'DCS' END = ANY (e.programs)
		   AND e.valid_from <= on_date AND (e.valid_to IS NULL OR e.valid_to > on_date)
		 ORDER BY e.exception_code
		 LIMIT 1;
		IF FOUND THEN
			RETURN QUERY SELECT 'review', 'ITAR_126_1_EXCEPTIONS',
				format('%s is a proscribed destination on %s, but exception %s is in force (%s): the sale is allowed only if it fits the exception, judged case by case. %s',
				       country_code, day, exception.exception_code, exception.covers, exception.source),
				'22 CFR 126.1(d)(2), (p)';
		ELSE
			RETURN QUERY SELECT 'deny', 'ITAR_126_1_EXCEPTIONS',
				format('%s is a proscribed destination on %s and no exception recorded in fms.itar_126_1_exceptions covers %s sales: defense articles and services are denied. %s',
				       country_code, day, CASE WHEN program LIKE 'FMS%' THEN 'FMS' ELSE 'DCS' END, member.source),
				'22 CFR 126.1(d)(2), (p)';
		END IF;
	END LOOP;
END
$$;
COMMENT ON FUNCTION fms.destination_findings(pg_catalog.text, pg_catalog.text, pg_catalog.date) IS 'the export findings a destination alone decides for a program on a date: deny (22 CFR 126.1(d)(1), or (d)(2) with no exception recorded for the program) or review ((d)(2) under an exception); no rows when it decides nothing';

-- Review (MTCR Category I) or info (Category II): what the item's MTCR
-- category alone decides.
CREATE FUNCTION fms.mtcr_findings(mtcr_category pg_catalog.int4)
	RETURNS TABLE (severity pg_catalog.text, rule_code pg_catalog.text, message pg_catalog.text, citation pg_catalog.text)
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
	AS $$
	SELECT f.severity, f.rule_code, f.message, f.citation
	  FROM (VALUES (1, 'review', 'MTCR_CATEGORY_I',
	                'MTCR Category I items (rocket or UAV systems carrying 500 kg or more to 300 km or more, their major subsystems, production facilities): a strong presumption to deny, whatever the purpose; production facilities are not transferred.',
	                'MTCR Guidelines; BIS FAQ 240; CRS IF11069'),
	               (2, 'info', 'MTCR_CATEGORY_II', 'MTCR Category II items: reviewed case by case.', 'MTCR Guidelines'))
	       AS f(category, severity, rule_code, message, citation)
	 WHERE f.category OPERATOR(pg_catalog.=) $1
	$$;
COMMENT ON FUNCTION fms.mtcr_findings(pg_catalog.int4) IS 'the export findings an MTCR category alone decides: review for Category I (strong presumption of denial), info for Category II; no rows for none';

-- Notify (AECA section 36 thresholds reached: one row per rule) or info
-- (below every threshold): what fms.notification_requirement() decides.
CREATE FUNCTION fms.notification_findings(country_code pg_catalog.text, program pg_catalog.text,
		total_usd pg_catalog.numeric, mde_usd pg_catalog.numeric, design_construction_usd pg_catalog.numeric,
		usml fms.usml[], on_date pg_catalog.date)
	RETURNS TABLE (severity pg_catalog.text, rule_code pg_catalog.text, message pg_catalog.text, citation pg_catalog.text)
	LANGUAGE sql STABLE PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
	AS $$
	SELECT CASE WHEN need.required THEN 'notify' ELSE 'info' END,
	       COALESCE(code.rule_code, 'NO_NOTIFICATION'),
	       CASE WHEN need.required
	            THEN pg_catalog.format('Congress must be notified under AECA %s before the %s (rule %s, in force on %s); the formal review lasts %s days%s, and the %s can follow on the day after the review''s last day.',
	                                   need.section, sale.step, code.rule_code, sale.day, need.review_days,
	                                   CASE WHEN need.informal_review_days IS NOT NULL
	                                        THEN pg_catalog.format(', after an informal review of %s days', need.informal_review_days) ELSE '' END,
	                                   sale.step)
	            ELSE pg_catalog.format('The sale stays below every AECA section 36 threshold in force on %s for %s.', sale.day, $1) END,
	       CASE WHEN NOT need.required THEN 'AECA 36(b)(1), (b)(5)(C), (c), (d)'
	            WHEN need.section OPERATOR(pg_catalog.=) '36(b)(1)' THEN 'AECA 36(b)(1), 22 U.S.C. 2776(b)(1)'
	            WHEN need.section OPERATOR(pg_catalog.=) '36(b)(5)(C)' THEN 'AECA 36(b)(5)(C), 22 U.S.C. 2776(b)(5)(C)'
	            WHEN need.section OPERATOR(pg_catalog.=) '36(d)' THEN 'AECA 36(d), 22 U.S.C. 2776(d); 22 CFR 124.11'
	            ELSE 'AECA 36(c), 22 U.S.C. 2776(c); 22 CFR 123.15' END
	  FROM fms.notification_requirement($1, $2, $3, $4, $5, $6, $7) AS need
	 CROSS JOIN LATERAL (SELECT CASE WHEN $2 OPERATOR(pg_catalog.~~) 'FMS%' THEN 'offer' ELSE 'approval' END AS step,
	                            CASE WHEN pg_catalog.isfinite($7) THEN pg_catalog.to_char($7, 'YYYY-MM-DD') ELSE $7::pg_catalog.text END AS day) AS sale
	  LEFT JOIN LATERAL pg_catalog.unnest(need.rule_codes) WITH ORDINALITY AS code(rule_code, nth) ON need.required
	 ORDER BY code.nth
	$$;
COMMENT ON FUNCTION fms.notification_findings(pg_catalog.text, pg_catalog.text, pg_catalog.numeric, pg_catalog.numeric, pg_catalog.numeric, fms.usml[], pg_catalog.date) IS 'the export findings the AECA section 36 thresholds decide for a sale on a date: notify, one row per rule reached, with its section, review period and citation; else info NO_NOTIFICATION';

-- What a compliance officer must know about a sale on a date: the three
-- parts above, in that order.  The program is as for
-- fms.notification_requirement.
CREATE OR REPLACE FUNCTION fms.export_findings(country_code pg_catalog.text, program pg_catalog.text,
		total_usd pg_catalog.numeric, mde_usd pg_catalog.numeric, design_construction_usd pg_catalog.numeric,
		usml fms.usml[], mtcr_category pg_catalog.int4, on_date pg_catalog.date)
	RETURNS TABLE (severity pg_catalog.text, rule_code pg_catalog.text, message pg_catalog.text, citation pg_catalog.text)
	LANGUAGE plpgsql STABLE PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
	AS $$
BEGIN
	IF country_code IS NULL OR program IS NULL OR on_date IS NULL THEN
		RAISE EXCEPTION 'fms.export_findings() needs a country, a program and a date'
			USING ERRCODE = 'null_value_not_allowed',
			      DETAIL = format('The %s is NULL.', CASE WHEN country_code IS NULL THEN 'country'
			                                              WHEN program IS NULL THEN 'program' ELSE 'date' END),
			      HINT = 'Amounts, the USML list and the MTCR category may be NULL; they count as none.';
	END IF;
	RETURN QUERY SELECT * FROM fms.destination_findings(country_code, program, on_date);
	RETURN QUERY SELECT * FROM fms.mtcr_findings(mtcr_category);
	RETURN QUERY SELECT * FROM fms.notification_findings(country_code, program, total_usd, mde_usd, design_construction_usd, usml, on_date);
END
$$;
COMMENT ON FUNCTION fms.export_findings(pg_catalog.text, pg_catalog.text, pg_catalog.numeric, pg_catalog.numeric, pg_catalog.numeric, fms.usml[], pg_catalog.int4, pg_catalog.date) IS 'export findings for a sale on a date: deny, review, notify and info, each with its rule, message and citation (fms.destination_findings, fms.mtcr_findings, fms.notification_findings in turn); STABLE because it reads the rule tables';

-- Guard of proposed -> offered: no deny finding for the destination (ITAR
-- 126.1), not after the offer expiration date, and not before the formal
-- review of a required notification has ended (unless an emergency waived
-- it).  Then the dates must be in order.
CREATE OR REPLACE FUNCTION fms.guard_offer(new_row anyelement) RETURNS pg_catalog.text
	LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	r jsonb := to_jsonb(new_row);
	doc_case fms.case_id := (r ->> 'case_id')::fms.case_id;
	doc_change text := r ->> 'change_no';
	offer_on date := (r ->> 'status_since')::date;
	oed date := fms.offer_expiration(new_row);
	need record;
	finding record;
	hold text := fms.milestone_problem(new_row, 'offered_on');
BEGIN
	IF hold IS NOT NULL THEN
		RETURN hold;
	END IF;
	IF offer_on > oed THEN
		RETURN format('The offer on %s comes after the offer expiration date %s; no offer can be made after its OED (DSCA LOA Standardization Guide section 4). Restate the document with a new OED first (set oed_on, with fms.reason).',
		              to_char(offer_on, 'YYYY-MM-DD'), to_char(oed, 'YYYY-MM-DD'));
	END IF;
	need := fms.document_requirement(doc_case, doc_change, (r ->> 'total_value_usd')::numeric,
	                                 (r ->> 'mde_value_usd')::numeric, (r ->> 'design_construction_usd')::numeric,
	                                 NULL, offer_on);
	IF need.country_code IS NULL THEN
		RETURN format('Customer %s has no country to judge the sale by on %s, so the export rules cannot clear it: give the customer its country_code, or an organization its country_group (fms.customers).',
		              fms.customer_code(doc_case), to_char(offer_on, 'YYYY-MM-DD'));
	END IF;
	FOR finding IN SELECT f.rule_code, f.citation, f.message
	                 FROM fms.destination_findings(need.country_code, need.program, offer_on) AS f
	                WHERE f.severity = 'deny'
	LOOP
		RETURN format('No offer on %s: %s (rule %s, %s)', to_char(offer_on, 'YYYY-MM-DD'), finding.message,
		              finding.rule_code, finding.citation);
	END LOOP;
	IF need.required THEN
		hold := fms.notification_hold(need.section, need.rule_codes, need.review_days, doc_case, doc_change, NULL, offer_on);
		IF hold IS NOT NULL THEN
			RETURN hold;
		END IF;
	END IF;
	RETURN fms.guard_dates_in_order(new_row);
END
$$;
COMMENT ON FUNCTION fms.guard_offer(anyelement) IS 'workflow guard of proposed -> offered: offered_on is the day of the change, a customer with a country to judge by, no deny finding for the destination on the offer date (ITAR 126.1), not after the offer expiration date, the formal review of the notification the rules require (36(b)(1), or 36(b)(5)(C) for an amendment) ended or waived in an emergency, dates in order';

-- Guard of in_review -> approved (with or without provisos): no deny
-- finding for the destination on the decision date, and the formal review
-- of a required 36(c) or 36(d) notification ended (or waived).
CREATE OR REPLACE FUNCTION fms.guard_license_approval(new_row anyelement) RETURNS pg_catalog.text
	LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	r jsonb := to_jsonb(new_row);
	decided date := (r ->> 'status_since')::date;
	country text := r ->> 'country_code';
	program text := CASE WHEN r ->> 'form' = 'MLA' THEN 'MLA' ELSE 'DCS' END;
	usml fms.usml[] := CASE WHEN jsonb_typeof(r -> 'usml') = 'array'
	                        THEN ARRAY(SELECT u::fms.usml FROM jsonb_array_elements_text(r -> 'usml') AS u) END;
	need record;
	finding record;
	hold text := fms.milestone_problem(new_row, 'decided_on');
BEGIN
	IF hold IS NOT NULL THEN
		RETURN hold;
	END IF;
	FOR finding IN SELECT f.rule_code, f.citation, f.message
	                 FROM fms.destination_findings(country, program, decided) AS f
	                WHERE f.severity = 'deny'
	LOOP
		RETURN format('No approval on %s: %s (rule %s, %s)', to_char(decided, 'YYYY-MM-DD'), finding.message,
		              finding.rule_code, finding.citation);
	END LOOP;
	need := fms.notification_requirement(country, program, (r ->> 'value_usd')::numeric, NULL, NULL, usml, decided);
	IF need.required THEN
		hold := fms.notification_hold(need.section, need.rule_codes, need.review_days, NULL, NULL, r ->> 'license_no', decided);
		IF hold IS NOT NULL THEN
			RETURN hold;
		END IF;
	END IF;
	RETURN NULL;
END
$$;
COMMENT ON FUNCTION fms.guard_license_approval(anyelement) IS 'workflow guard of a DCS licence''s approval: decided_on is the day of the change, no deny finding for the destination on it (ITAR 126.1), the formal review of a required 36(c) or 36(d) notification ended or waived in an emergency';

-- The group is looked up once per customer, not once per case: the CTE is
-- materialized so that the planner cannot move the call above the join.
CREATE OR REPLACE VIEW fms.case_pipeline AS
WITH customer_groups AS MATERIALIZED (
	SELECT d.customer_code, fms.reporting_group(d.customer_code) AS country_group, d.region, d.combatant_command
	  FROM fms.customer_dimension AS d
)
SELECT c.status, c.agency_code AS agency, c.customer_code AS customer,
       g.country_group,
       pg_catalog.count(*)::pg_catalog.int4 AS cases,
       pg_catalog.sum(c.total_value_usd) AS total_value_usd,
       g.region, g.combatant_command
  FROM fms.cases AS c
  JOIN customer_groups AS g ON g.customer_code OPERATOR(pg_catalog.=) c.customer_code
 GROUP BY 1, 2, 3, 4, 7, 8;
COMMENT ON VIEW fms.case_pipeline IS 'cases and their value by status, implementing agency, customer and country group';
COMMENT ON COLUMN fms.case_pipeline.status IS 'life-cycle state';
COMMENT ON COLUMN fms.case_pipeline.agency IS 'implementing agency code';
COMMENT ON COLUMN fms.case_pipeline.customer IS 'customer code';
COMMENT ON COLUMN fms.case_pipeline.country_group IS 'export group of the customer today: ITAR_126_1_DENIAL, ITAR_126_1_EXCEPTIONS, NATO_PLUS or other';
COMMENT ON COLUMN fms.case_pipeline.cases IS 'number of cases';
COMMENT ON COLUMN fms.case_pipeline.total_value_usd IS 'total case value, U.S. dollars';
COMMENT ON COLUMN fms.case_pipeline.region IS 'State Department region of the customer today (fms.country_regions)';
COMMENT ON COLUMN fms.case_pipeline.combatant_command IS 'combatant command of the customer today (fms.country_regions)';

CREATE OR REPLACE VIEW fms.open_findings AS
-- Set-based, part by part (fms.export_findings gives the same rows case by
-- case): the destination's findings once per customer, the MTCR findings
-- of the cases with a category, and the notification findings only of the
-- cases that still wait for their offer.
WITH destination AS (
	SELECT d.customer_code, d.country_code AS country FROM fms.customer_dimension AS d),
open_case AS (
	SELECT c.case_id, c.customer_code, c.status, c.total_value_usd, c.mde_value_usd, c.design_construction_usd,
	       c.usml, c.mtcr_category, d.country
	  FROM fms.cases AS c
	  JOIN destination AS d ON d.customer_code OPERATOR(pg_catalog.=) c.customer_code
	 WHERE d.country IS NOT NULL
	   AND c.status OPERATOR(pg_catalog.<>) ALL (ARRAY['closed', 'interim_closed', 'cancelled']))
SELECT fms.text(c.case_id) AS case_id, c.customer_code AS customer, c.status, f.severity, f.rule_code, f.message, f.citation
  FROM open_case AS c
  JOIN (SELECT d.customer_code, x.severity, x.rule_code, x.message, x.citation
          FROM destination AS d
         CROSS JOIN LATERAL fms.destination_findings(d.country, 'FMS', fms.today()) AS x) AS f
    ON f.customer_code OPERATOR(pg_catalog.=) c.customer_code
UNION ALL
SELECT fms.text(c.case_id), c.customer_code, c.status, f.severity, f.rule_code, f.message, f.citation
  FROM open_case AS c
 CROSS JOIN LATERAL fms.mtcr_findings(c.mtcr_category) AS f
 WHERE c.mtcr_category IS NOT NULL
UNION ALL
-- A notification finding only while the LOA still waits for it: not yet
-- offered, and its 36(b)(1) notification not formally sent, or in review,
-- and not waived.
SELECT fms.text(c.case_id), c.customer_code, c.status, f.severity, f.rule_code, f.message, f.citation
  FROM open_case AS c
 CROSS JOIN LATERAL fms.notification_findings(c.country, 'FMS', c.total_value_usd, c.mde_value_usd, c.design_construction_usd,
                                              c.usml, fms.today()) AS f
 WHERE c.status OPERATOR(pg_catalog.=) ANY (ARRAY['development', 'write', 'review', 'proposed'])
   AND f.severity OPERATOR(pg_catalog.=) 'notify'
   AND (SELECT g.emergency_justification IS NULL
               AND (g.formal_sent_on IS NULL OR g.review_ends_on OPERATOR(pg_catalog.>) fms.today())
          FROM fms.governing_notification('36(b)(1)', c.case_id, NULL, NULL) AS g);
COMMENT ON VIEW fms.open_findings IS 'the export findings of open cases that need attention today: deny and review findings, and a notification finding only while the case waits for its notification (not yet offered, no review ended or waived); not the "no notification needed" information';
COMMENT ON COLUMN fms.open_findings.case_id IS 'case identifier';
COMMENT ON COLUMN fms.open_findings.customer IS 'customer code';
COMMENT ON COLUMN fms.open_findings.status IS 'state of the case';
COMMENT ON COLUMN fms.open_findings.severity IS 'deny, review, notify or info';
COMMENT ON COLUMN fms.open_findings.rule_code IS 'the rule';
COMMENT ON COLUMN fms.open_findings.message IS 'what, why, which rule, as of which date';
COMMENT ON COLUMN fms.open_findings.citation IS 'law or regulation';

CREATE OR REPLACE VIEW fms.customer_exposure AS
SELECT cu.customer_code AS customer, cu.name, cu.country_code,
       COALESCE(o.open_value_usd, 0) AS open_case_value_usd,
       COALESCE(o.implemented_value_usd, 0) AS implemented_case_value_usd,
       COALESCE(l.this_fy_usd, 0) AS dcs_approved_this_fy_usd,
       COALESCE(l.last_fy_usd, 0) AS dcs_approved_last_fy_usd,
       d.region, d.combatant_command
  FROM fms.customers AS cu
  JOIN fms.customer_dimension AS d ON d.customer_code OPERATOR(pg_catalog.=) cu.customer_code
  LEFT JOIN (SELECT c.customer_code,
                    pg_catalog.sum(c.total_value_usd) FILTER (WHERE c.status OPERATOR(pg_catalog.<>) ALL (ARRAY['closed', 'cancelled'])) AS open_value_usd,
                    pg_catalog.sum(c.total_value_usd) FILTER (WHERE c.status OPERATOR(pg_catalog.=) ANY (ARRAY['implemented', 'supply_complete'])) AS implemented_value_usd
               FROM fms.cases AS c GROUP BY 1) AS o ON o.customer_code OPERATOR(pg_catalog.=) cu.customer_code
  LEFT JOIN (SELECT d.country_code,
                    pg_catalog.sum(d.value_usd) FILTER (WHERE fms.fiscal_year(d.decided_on) OPERATOR(pg_catalog.=) fms.fiscal_year(fms.today())) AS this_fy_usd,
                    pg_catalog.sum(d.value_usd) FILTER (WHERE fms.fiscal_year(d.decided_on) OPERATOR(pg_catalog.=) (fms.fiscal_year(fms.today()) OPERATOR(pg_catalog.-) 1)) AS last_fy_usd
               FROM fms.dcs_licenses AS d
              WHERE d.status OPERATOR(pg_catalog.=) ANY (ARRAY['approved', 'approved_with_provisos'])
              GROUP BY 1) AS l ON l.country_code OPERATOR(pg_catalog.=) cu.country_code;
COMMENT ON VIEW fms.customer_exposure IS 'by customer: open and implemented FMS case value, and DCS licence value approved in this and the previous fiscal year';
COMMENT ON COLUMN fms.customer_exposure.customer IS 'customer code';
COMMENT ON COLUMN fms.customer_exposure.name IS 'customer name';
COMMENT ON COLUMN fms.customer_exposure.country_code IS 'ISO country code (NULL for organizations)';
COMMENT ON COLUMN fms.customer_exposure.open_case_value_usd IS 'value of cases not closed or cancelled, U.S. dollars';
COMMENT ON COLUMN fms.customer_exposure.implemented_case_value_usd IS 'value of cases implemented and not yet closed, U.S. dollars';
COMMENT ON COLUMN fms.customer_exposure.dcs_approved_this_fy_usd IS 'DCS licences to the country approved this fiscal year, U.S. dollars';
COMMENT ON COLUMN fms.customer_exposure.dcs_approved_last_fy_usd IS 'DCS licences to the country approved last fiscal year, U.S. dollars';
COMMENT ON COLUMN fms.customer_exposure.region IS 'State Department region of the customer today';
COMMENT ON COLUMN fms.customer_exposure.combatant_command IS 'combatant command of the customer today';


-- The value in force on a date, as a table of at most one row (the periods
-- of a setting do not overlap).  Its body is parsed when it is created, so
-- it needs no pinned search_path, and the planner inlines it into a query
-- that joins it, where a call per row ran a query per row.
CREATE FUNCTION fms.policy_setting_in_force(setting pg_catalog.text, on_date pg_catalog.date)
	RETURNS TABLE (value pg_catalog.numeric)
	LANGUAGE sql STABLE PARALLEL SAFE ROWS 1
BEGIN ATOMIC
	SELECT s.value FROM fms.policy_settings AS s
	 WHERE s.setting OPERATOR(pg_catalog.=) $1
	   AND s.valid_from OPERATOR(pg_catalog.<=) $2
	   AND (s.valid_to IS NULL OR s.valid_to OPERATOR(pg_catalog.>) $2);
END;
COMMENT ON FUNCTION fms.policy_setting_in_force(pg_catalog.text, pg_catalog.date) IS 'value of a policy setting in force on a date, as a table of one row or none, for joins (inlined by the planner); STABLE because it reads fms.policy_settings';

CREATE OR REPLACE VIEW fms.dcs_license_clock AS
-- The standard in force on each day of receipt, looked up once a day.
WITH standard AS MATERIALIZED (
	SELECT d.submitted_on, p.value::pg_catalog.int4 AS standard_days
	  FROM (SELECT DISTINCT x.submitted_on FROM fms.dcs_licenses AS x) AS d
	  LEFT JOIN LATERAL fms.policy_setting_in_force('nspd56_adjudication_days', d.submitted_on) AS p ON true
)
SELECT l.license_no, l.form, l.applicant, l.country_code, l.status, l.value_usd,
       l.submitted_on, l.decided_on,
       COALESCE(l.decided_on, fms.today()) OPERATOR(pg_catalog.-) l.submitted_on AS days_in_review,
       s.standard_days,
       l.nspd56_exception,
       (COALESCE(l.decided_on, fms.today()) OPERATOR(pg_catalog.-) l.submitted_on) OPERATOR(pg_catalog.>) s.standard_days
           AND l.nspd56_exception IS NULL AND h.license_no IS NULL AS over_standard,
       h.license_no IS NOT NULL AS held_for_congress
  FROM fms.dcs_licenses AS l
  LEFT JOIN standard AS s ON s.submitted_on OPERATOR(pg_catalog.=) l.submitted_on
 -- A licence notified to Congress is held for its review: the first of
 -- NSPD-56's exceptions, whether or not nspd56_exception says so.
  LEFT JOIN (SELECT DISTINCT n.license_no FROM fms.congressional_notifications AS n
              WHERE n.license_no IS NOT NULL AND n.status OPERATOR(pg_catalog.<>) 'withdrawn') AS h
    ON h.license_no OPERATOR(pg_catalog.=) l.license_no;
COMMENT ON VIEW fms.dcs_license_clock IS 'each DCS licence against the NSPD-56 60-day adjudication standard and its exceptions';
COMMENT ON COLUMN fms.dcs_license_clock.license_no IS 'licence number';
COMMENT ON COLUMN fms.dcs_license_clock.form IS 'application form';
COMMENT ON COLUMN fms.dcs_license_clock.applicant IS 'applicant';
COMMENT ON COLUMN fms.dcs_license_clock.country_code IS 'destination';
COMMENT ON COLUMN fms.dcs_license_clock.status IS 'status';
COMMENT ON COLUMN fms.dcs_license_clock.value_usd IS 'value, U.S. dollars';
COMMENT ON COLUMN fms.dcs_license_clock.submitted_on IS 'received';
COMMENT ON COLUMN fms.dcs_license_clock.decided_on IS 'decided';
COMMENT ON COLUMN fms.dcs_license_clock.days_in_review IS 'calendar days from receipt to decision, or to today while open';
COMMENT ON COLUMN fms.dcs_license_clock.standard_days IS 'the NSPD-56 standard in force at receipt (fms.policy_settings)';
COMMENT ON COLUMN fms.dcs_license_clock.nspd56_exception IS 'NSPD-56 exception that stops the clock, if any';
COMMENT ON COLUMN fms.dcs_license_clock.over_standard IS 'beyond the standard without an exception (a licence held for congressional review has one)';
COMMENT ON COLUMN fms.dcs_license_clock.held_for_congress IS 'a congressional notification (36(c) or 36(d)) is recorded for the licence: NSPD-56 exception (1), which stops the clock';


-- AECA 36(b)(5)(A): a report at least 45 days before the delivery of
-- major defense equipment or sensitive items sold under a 36(b)(1)
-- certification, if the sensitivity of technology or the capability was
-- enhanced or upgraded, within ten years of the certification (Pub. L.
-- 99-83 section 118).  Whether an upgrade happened is a judgement the
-- data does not hold: the view lists the planned deliveries it would
-- concern, and whether a report is recorded for the case.
CREATE OR REPLACE VIEW fms.section_36b5a_deliveries AS
WITH certified AS MATERIALIZED (
	-- the governing certification of each case that has one, asked only
	-- for the cases with a 36(b)(1) notification (not for every delivery)
	SELECT c.case_id, n.transmittal_no, n.formal_sent_on
	  FROM (SELECT DISTINCT x.case_id FROM fms.congressional_notifications AS x
	         WHERE x.section OPERATOR(pg_catalog.=) '36(b)(1)' AND x.case_id IS NOT NULL) AS c
	 CROSS JOIN LATERAL fms.governing_notification('36(b)(1)', c.case_id, NULL, NULL) AS n
	 WHERE n.formal_sent_on IS NOT NULL
)
SELECT fms.text(d.case_id) AS case_id, d.line_no, l.description, l.usml, l.mde, l.sme,
       d.planned_on, d.quantity, d.value_usd,
       n.transmittal_no AS certification, n.formal_sent_on AS certified_on,
       d.planned_on OPERATOR(pg_catalog.-) 45 AS report_due_on,
       EXISTS (SELECT FROM fms.congressional_notifications AS r
                WHERE r.case_id OPERATOR(fms.=) d.case_id AND r.section OPERATOR(pg_catalog.=) '36(b)(5)(A)'
                  AND r.status OPERATOR(pg_catalog.<>) 'withdrawn') AS report_recorded
  FROM fms.deliveries AS d
  -- the lines in force of the certified cases only
  JOIN fms.case_lines_of(ARRAY(SELECT c.case_id FROM certified AS c), fms.today()) AS l
    ON l.case_id OPERATOR(fms.=) d.case_id AND l.line_no OPERATOR(pg_catalog.=) d.line_no
  JOIN certified AS n ON n.case_id OPERATOR(fms.=) d.case_id
 WHERE d.delivered_on IS NULL AND (l.mde OR l.sme)
   AND d.planned_on OPERATOR(pg_catalog.<) (n.formal_sent_on OPERATOR(pg_catalog.+) '10 years'::pg_catalog.interval);
COMMENT ON VIEW fms.section_36b5a_deliveries IS 'planned deliveries of MDE or SME lines within ten years of the case''s 36(b)(1) certification: a 36(b)(5)(A) report is due 45 days before each if the technology or capability was enhanced or upgraded (Pub. L. 99-83 section 118)';
COMMENT ON COLUMN fms.section_36b5a_deliveries.case_id IS 'case identifier';
COMMENT ON COLUMN fms.section_36b5a_deliveries.line_no IS 'line';
COMMENT ON COLUMN fms.section_36b5a_deliveries.description IS 'what the line sells';
COMMENT ON COLUMN fms.section_36b5a_deliveries.usml IS 'U.S. Munitions List entry';
COMMENT ON COLUMN fms.section_36b5a_deliveries.mde IS 'major defense equipment';
COMMENT ON COLUMN fms.section_36b5a_deliveries.sme IS 'significant military equipment';
COMMENT ON COLUMN fms.section_36b5a_deliveries.planned_on IS 'planned delivery date';
COMMENT ON COLUMN fms.section_36b5a_deliveries.quantity IS 'quantity planned';
COMMENT ON COLUMN fms.section_36b5a_deliveries.value_usd IS 'value planned, U.S. dollars';
COMMENT ON COLUMN fms.section_36b5a_deliveries.certification IS 'transmittal number of the 36(b)(1) certification';
COMMENT ON COLUMN fms.section_36b5a_deliveries.certified_on IS 'day the certification was formally sent';
COMMENT ON COLUMN fms.section_36b5a_deliveries.report_due_on IS 'latest day to send a 36(b)(5)(A) report: 45 days before the delivery';
COMMENT ON COLUMN fms.section_36b5a_deliveries.report_recorded IS 'a 36(b)(5)(A) report is recorded for the case';

-- Demand series, forecasts and the load on industry: the value flows by
-- category, kept per case, that sales_by_category now reads
-- (case_flows.sql, reporting.sql), the demand
-- series (demand.sql), the forecasts (forecasting.sql) and production
-- capacity (supply.sql).

-- What each case offered, had accepted and delivered, by day and USML
-- category: a document's line versions add their value under their
-- category on its offer and acceptance and take the replaced version's off
-- under that one's; a delivery counts under the category of its line's
-- version in force on the day; a document without lines counts its total
-- under no category.  An accepted document's line versions are its lines
-- ordered.  The reports sum these rows (fms.category_flows and
-- the views built on it): derived at every read, they took seconds at ten
-- times the real portfolio, so they are kept, recomputed for the cases a
-- statement touched when it ends (src/case_flows.c).  The body is in
-- SQL-standard form, parsed when it is created (so no search_path at call
-- time can redirect a name in it), so that the planner inlines it into its
-- callers: the recomputation's plan is then cached with the trigger's
-- function instead of planned again for every statement.  NULL or unknown
-- cases derive no flows.
CREATE FUNCTION fms.case_flows_of(case_ids fms.case_id[])
	RETURNS TABLE (case_id fms.case_id, customer_code pg_catalog.text, on_date pg_catalog.date,
	               usml_category pg_catalog.int4, offered_usd pg_catalog.numeric, accepted_usd pg_catalog.numeric,
	               delivered_usd pg_catalog.numeric, lines_ordered pg_catalog.int4)
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
WITH ranked AS (
	-- Every line version with the rank of its document among its case's
	-- (fms.document_rank), and whether that document is in force: the
	-- basic LOA, or a change once implemented.
	SELECT l.case_id, l.line_no, l.change_no, fms.usml_category(l.usml) AS usml_category, l.value_usd,
	       x.implemented_on, fms.document_rank(x.implemented_on, l.change_no) AS rank,
	       l.change_no IS NULL OR x.implemented_on IS NOT NULL AS in_force
	  FROM fms.case_lines AS l
	  LEFT JOIN fms.case_changes AS x
	    ON x.case_id OPERATOR(fms.=) l.case_id AND x.change_no OPERATOR(pg_catalog.=) l.change_no
	 WHERE l.case_id OPERATOR(fms.=) ANY (case_ids)
), versions AS (
	-- Each line version with the version it replaces, as the document's
	-- values are derived (fms.document_line_values): the latest version in
	-- force ranked before it.
	SELECT r.case_id, r.change_no, r.usml_category, r.value_usd,
	       p.usml_category AS replaced_category, p.value_usd AS replaced_value
	  FROM (SELECT r.*, pg_catalog.max(r.rank) FILTER (WHERE r.in_force)
	                        OVER (PARTITION BY r.case_id, r.line_no ORDER BY r.rank
	                              ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS replaced_rank
	          FROM ranked AS r) AS r
	  LEFT JOIN ranked AS p
	    ON r.change_no IS NOT NULL AND p.case_id OPERATOR(fms.=) r.case_id AND p.line_no OPERATOR(pg_catalog.=) r.line_no
	   AND p.rank OPERATOR(pg_catalog.=) r.replaced_rank
), in_force AS (
	-- The days each version in force holds its line: from its document's
	-- implementation (the basic LOA's always) to the next one's.
	SELECT r.case_id, r.line_no, r.usml_category,
	       COALESCE(r.implemented_on, '-infinity'::pg_catalog.date) AS valid_from,
	       pg_catalog.lead(COALESCE(r.implemented_on, '-infinity'::pg_catalog.date))
	           OVER (PARTITION BY r.case_id, r.line_no ORDER BY r.rank) AS valid_to
	  FROM ranked AS r
	 WHERE r.in_force
), touched_documents AS (
	SELECT d.case_id, d.change_no, d.customer_code, d.offered_on, d.accepted_on, d.total_value_usd
	  FROM fms.documents AS d
	 WHERE d.case_id OPERATOR(fms.=) ANY (case_ids)
), documents AS (
	-- A version adds its value under its category (and is one line of its
	-- document) and takes the replaced one's off under that one's
	-- category.  (Documents and versions are matched on a change number
	-- that is never empty, so that the join can hash.)
	SELECT d.case_id, d.customer_code, d.offered_on, d.accepted_on, v.usml_category, v.value_usd AS added_usd,
	       1 AS lines
	  FROM touched_documents AS d
	  JOIN versions AS v ON v.case_id OPERATOR(fms.=) d.case_id
	   AND COALESCE(v.change_no, '') OPERATOR(pg_catalog.=) COALESCE(d.change_no, '')
	UNION ALL
	SELECT d.case_id, d.customer_code, d.offered_on, d.accepted_on, v.replaced_category, OPERATOR(pg_catalog.-) v.replaced_value, 0
	  FROM touched_documents AS d
	  JOIN versions AS v ON v.case_id OPERATOR(fms.=) d.case_id
	   AND COALESCE(v.change_no, '') OPERATOR(pg_catalog.=) COALESCE(d.change_no, '')
	 WHERE v.replaced_value IS NOT NULL
	UNION ALL
	SELECT d.case_id, d.customer_code, d.offered_on, d.accepted_on, NULL, d.total_value_usd, 0
	  FROM touched_documents AS d
	 WHERE NOT EXISTS (SELECT FROM fms.case_lines AS l
	                    WHERE l.case_id OPERATOR(fms.=) d.case_id
	                      AND COALESCE(l.change_no, '') OPERATOR(pg_catalog.=) COALESCE(d.change_no, ''))
), events AS (
	SELECT d.case_id, d.customer_code, d.offered_on AS on_date, d.usml_category,
	       d.added_usd AS offered_usd, 0::pg_catalog.numeric AS accepted_usd, 0::pg_catalog.numeric AS delivered_usd,
	       0 AS lines_ordered
	  FROM documents AS d WHERE d.offered_on IS NOT NULL
	UNION ALL
	SELECT d.case_id, d.customer_code, d.accepted_on, d.usml_category, 0, d.added_usd, 0, d.lines
	  FROM documents AS d WHERE d.accepted_on IS NOT NULL
	UNION ALL
	-- A delivery counts under the category of its line's version in force
	-- on the day.
	SELECT e.case_id, fms.customer_code(e.case_id), e.delivered_on, v.usml_category, 0, 0, e.value_usd, 0
	  FROM fms.deliveries AS e
	  LEFT JOIN in_force AS v
	    ON v.case_id OPERATOR(fms.=) e.case_id AND v.line_no OPERATOR(pg_catalog.=) e.line_no
	   AND v.valid_from OPERATOR(pg_catalog.<=) e.delivered_on
	   AND (v.valid_to IS NULL OR e.delivered_on OPERATOR(pg_catalog.<) v.valid_to)
	 WHERE e.delivered_on IS NOT NULL AND e.case_id OPERATOR(fms.=) ANY (case_ids)
)
SELECT e.case_id, e.customer_code, e.on_date, e.usml_category,
       pg_catalog.sum(e.offered_usd), pg_catalog.sum(e.accepted_usd), pg_catalog.sum(e.delivered_usd),
       pg_catalog.sum(e.lines_ordered)::pg_catalog.int4
  FROM events AS e
 GROUP BY e.case_id, e.customer_code, e.on_date, e.usml_category;
END;
COMMENT ON FUNCTION fms.case_flows_of(fms.case_id[]) IS 'the value flows of the cases given, derived from their documents, lines and deliveries: what fms.case_flows keeps for them';

CREATE TABLE fms.case_flows (
	case_id fms.case_id NOT NULL,
	customer_code pg_catalog.text NOT NULL,
	on_date pg_catalog.date NOT NULL,
	usml_category pg_catalog.int4,
	offered_usd pg_catalog.numeric NOT NULL,
	accepted_usd pg_catalog.numeric NOT NULL,
	delivered_usd pg_catalog.numeric NOT NULL,
	lines_ordered pg_catalog.int4 NOT NULL
);
CREATE INDEX case_flows_case ON fms.case_flows (case_id);
COMMENT ON TABLE fms.case_flows IS 'value offered, accepted and delivered, and lines ordered, per case, day and USML category (fms.case_flows_of), kept by the triggers of the case tables: not dumped, a restore rebuilds it; SELECT fms.recompute_case_flows(NULL) rebuilds it whole';
COMMENT ON COLUMN fms.case_flows.case_id IS 'the case';
COMMENT ON COLUMN fms.case_flows.customer_code IS 'customer code';
COMMENT ON COLUMN fms.case_flows.on_date IS 'day of the offers, acceptances or deliveries';
COMMENT ON COLUMN fms.case_flows.usml_category IS 'USML category (1 to 21); NULL for documents without lines or lines without a USML entry';
COMMENT ON COLUMN fms.case_flows.offered_usd IS 'value offered that day, U.S. dollars (negative where a change offers less under a category)';
COMMENT ON COLUMN fms.case_flows.accepted_usd IS 'value accepted that day, U.S. dollars';
COMMENT ON COLUMN fms.case_flows.delivered_usd IS 'value delivered that day, U.S. dollars';
COMMENT ON COLUMN fms.case_flows.lines_ordered IS 'line versions of the documents accepted that day';

CREATE FUNCTION fms.recompute_case_flows(case_ids fms.case_id[]) RETURNS void
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	removed fms.demand_event[];
	added fms.demand_event[];
BEGIN
	IF case_ids IS NULL THEN
		DELETE FROM fms.case_flows;
		INSERT INTO fms.case_flows SELECT * FROM fms.case_flows_of(ARRAY(SELECT c.case_id FROM fms.cases AS c));
		PERFORM fms.recompute_demand_quarters();
		RETURN;
	END IF;
	-- Only the rows that moved are replaced, and their demand events move
	-- the demand kept by quarter.  Only a case with an offered or accepted
	-- document, or a delivery, has flows: the lines of a case still being
	-- prepared are written many times, and need not be derived each time.
	WITH fresh AS MATERIALIZED (
		SELECT n.*
		  FROM fms.case_flows_of(ARRAY(
		           SELECT c.case_id FROM fms.cases AS c
		            WHERE c.case_id OPERATOR(fms.=) ANY (case_ids)
		              AND (c.offered_on IS NOT NULL OR c.accepted_on IS NOT NULL
		                   OR EXISTS (SELECT FROM fms.case_changes AS x
		                               WHERE x.case_id OPERATOR(fms.=) c.case_id
		                                 AND (x.offered_on IS NOT NULL OR x.accepted_on IS NOT NULL))
		                   OR EXISTS (SELECT FROM fms.deliveries AS e
		                               WHERE e.case_id OPERATOR(fms.=) c.case_id AND e.delivered_on IS NOT NULL)))) AS n
	), kept AS (
		SELECT f.* FROM fms.case_flows AS f WHERE f.case_id OPERATOR(fms.=) ANY (case_ids)
	), moved AS (
		-- rows compared as text, so that a sum written 25000 where it was
		-- 25000.00 is written again, as a fresh derivation would write it
		SELECT k.case_id, k.on_date, k.usml_category, k::pg_catalog.text AS image, false AS fresh FROM kept AS k
		EXCEPT ALL
		SELECT n.case_id, n.on_date, n.usml_category, n::pg_catalog.text, false FROM fresh AS n
		UNION ALL
		(SELECT n.case_id, n.on_date, n.usml_category, n::pg_catalog.text, true FROM fresh AS n
		 EXCEPT ALL
		 SELECT k.case_id, k.on_date, k.usml_category, k::pg_catalog.text, true FROM kept AS k)
	), gone AS (
		DELETE FROM fms.case_flows AS f
		 USING moved AS k
		 WHERE NOT k.fresh AND f.case_id OPERATOR(fms.=) k.case_id AND f.on_date OPERATOR(pg_catalog.=) k.on_date
		   AND COALESCE(f.usml_category, 0) OPERATOR(pg_catalog.=) COALESCE(k.usml_category, 0)
		RETURNING f.*
	), made AS (
		INSERT INTO fms.case_flows
		SELECT n.* FROM fresh AS n
		 WHERE n::pg_catalog.text OPERATOR(pg_catalog.=) ANY (SELECT m.image FROM moved AS m WHERE m.fresh)
		RETURNING *
	)
	SELECT ARRAY(SELECT e FROM gone AS f CROSS JOIN LATERAL fms.flow_demand(f::fms.case_flows) AS e),
	       ARRAY(SELECT e FROM made AS f CROSS JOIN LATERAL fms.flow_demand(f::fms.case_flows) AS e)
	  INTO removed, added;
	IF removed OPERATOR(pg_catalog.<>) '{}' OR added OPERATOR(pg_catalog.<>) '{}' THEN
		PERFORM fms.add_demand(removed, added);
	END IF;
END
$$;
COMMENT ON FUNCTION fms.recompute_case_flows(fms.case_id[]) IS 'replaces the rows of fms.case_flows of the cases given (NULL: of every case) with their flows derived afresh, and moves fms.demand_quarters by their demand events (NULL: rebuilds it); needs the rights to write both, which the triggers use as the owner of schema fms';

-- What falls due, is received or delivered after a day (fms.case_financials).
CREATE INDEX payment_schedule_due ON fms.payment_schedule (due_on);
CREATE INDEX collections_received ON fms.collections (received_on);
CREATE INDEX deliveries_delivered ON fms.deliveries (delivered_on);

-- The value of the cases given in force on a date: their lines in force
-- (for each line number the version of the latest document in force: the
-- basic LOA from the start, a change from its implementation), and the
-- typed values of the documents without lines (a basic LOA without lines,
-- and changes without lines implemented by then).  The body is in
-- SQL-standard form, so that callers inline it.
CREATE FUNCTION fms.case_values_of(case_ids fms.case_id[], as_of pg_catalog.date)
	RETURNS TABLE (case_id fms.case_id, total_value_usd pg_catalog.numeric, mde_value_usd pg_catalog.numeric,
	               design_construction_usd pg_catalog.numeric)
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	SELECT c.case_id,
	       COALESCE(l.total, 0) OPERATOR(pg_catalog.+) CASE WHEN h.case_id IS NOT NULL THEN 0 ELSE c.total_value_usd END
	           OPERATOR(pg_catalog.+) COALESCE(x.total, 0),
	       COALESCE(l.mde, 0) OPERATOR(pg_catalog.+) CASE WHEN h.case_id IS NOT NULL THEN 0 ELSE c.mde_value_usd END
	           OPERATOR(pg_catalog.+) COALESCE(x.mde, 0),
	       COALESCE(l.dc, 0) OPERATOR(pg_catalog.+) CASE WHEN h.case_id IS NOT NULL THEN 0 ELSE c.design_construction_usd END
	           OPERATOR(pg_catalog.+) COALESCE(x.dc, 0)
	  FROM fms.cases AS c
	  -- the cases whose basic LOA has lines (its typed values then count not)
	  LEFT JOIN (SELECT DISTINCT e.case_id FROM fms.case_lines AS e
	              WHERE e.change_no IS NULL AND e.case_id OPERATOR(fms.=) ANY (case_ids)) AS h
	    ON h.case_id OPERATOR(fms.=) c.case_id
	  LEFT JOIN (SELECT f.case_id, pg_catalog.sum(f.value_usd) AS total,
	                    pg_catalog.sum(f.value_usd) FILTER (WHERE f.mde) AS mde,
	                    pg_catalog.sum(f.value_usd) FILTER (WHERE f.design_construction) AS dc
	               FROM fms.case_lines_of(case_ids, as_of) AS f
	              GROUP BY 1) AS l
	    ON l.case_id OPERATOR(fms.=) c.case_id
	  LEFT JOIN (SELECT y.case_id, pg_catalog.sum(y.total_value_usd) AS total, pg_catalog.sum(y.mde_value_usd) AS mde,
	                    pg_catalog.sum(y.design_construction_usd) AS dc
	               FROM fms.case_changes AS y
	              WHERE y.case_id OPERATOR(fms.=) ANY (case_ids) AND y.implemented_on OPERATOR(pg_catalog.<=) as_of
	                AND NOT EXISTS (SELECT FROM fms.case_lines AS e
	                                 WHERE e.case_id OPERATOR(fms.=) y.case_id AND e.change_no OPERATOR(pg_catalog.=) y.change_no)
	              GROUP BY 1) AS x
	    ON x.case_id OPERATOR(fms.=) c.case_id
	 WHERE c.case_id OPERATOR(fms.=) ANY (case_ids);
END;
COMMENT ON FUNCTION fms.case_values_of(fms.case_id[], pg_catalog.date) IS 'total, MDE and design-and-construction value in force on a date of the cases given: their lines in force, plus the typed values of their documents without lines (the basic LOA, and changes implemented by then)';

-- Each case's balances, kept: its value once every implemented document
-- counts, and all it has delivered, scheduled and collected.  The reports
-- read a case's figures on a day as these less what falls after the day
-- (few rows, by index, on the days reports ask about), where summing every
-- line version, delivery, payment and collection up to the day took
-- seconds at ten times the real portfolio.  Recomputed for the cases a
-- statement touched when it ends (src/sql/case_keeping.sql).
CREATE TABLE fms.case_balances (
	case_id fms.case_id PRIMARY KEY,
	total_value_usd pg_catalog.numeric NOT NULL,
	mde_value_usd pg_catalog.numeric NOT NULL,
	design_construction_usd pg_catalog.numeric NOT NULL,
	delivered_usd pg_catalog.numeric NOT NULL,
	scheduled_usd pg_catalog.numeric NOT NULL,
	collected_usd pg_catalog.numeric NOT NULL,
	lor_received_on pg_catalog.date,
	loa_usml_category pg_catalog.int4
);
COMMENT ON TABLE fms.case_balances IS 'each case''s value once every implemented document counts and all it has delivered, scheduled and collected (fms.case_balances_of), kept by the triggers of the case tables: not dumped, a restore rebuilds it; SELECT fms.recompute_case_balances(NULL) rebuilds it whole';
COMMENT ON COLUMN fms.case_balances.case_id IS 'the case';
COMMENT ON COLUMN fms.case_balances.total_value_usd IS 'value in force once every implemented document counts, U.S. dollars';
COMMENT ON COLUMN fms.case_balances.mde_value_usd IS 'of which major defense equipment';
COMMENT ON COLUMN fms.case_balances.design_construction_usd IS 'of which design and construction';
COMMENT ON COLUMN fms.case_balances.delivered_usd IS 'value of every delivery made';
COMMENT ON COLUMN fms.case_balances.scheduled_usd IS 'every amount on the payment schedule';
COMMENT ON COLUMN fms.case_balances.collected_usd IS 'every collection, refunds negative';
COMMENT ON COLUMN fms.case_balances.lor_received_on IS 'the day of the case''s Letter of Request (fms.request_demand counts it then)';
COMMENT ON COLUMN fms.case_balances.loa_usml_category IS 'USML category of the basic LOA''s largest line (the first of the largest); NULL without lines or USML entry';

CREATE FUNCTION fms.case_balances_of(case_ids fms.case_id[])
	RETURNS SETOF fms.case_balances
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	SELECT v.case_id, v.total_value_usd, v.mde_value_usd, v.design_construction_usd,
	       COALESCE(d.delivered, 0), COALESCE(s.scheduled, 0), COALESCE(k.collected, 0),
	       c.lor_received_on, p.usml_category
	  FROM fms.case_values_of(case_ids, 'infinity'::pg_catalog.date) AS v
	  JOIN fms.cases AS c ON c.case_id OPERATOR(fms.=) v.case_id
	  LEFT JOIN (SELECT DISTINCT ON (l.case_id) l.case_id, fms.usml_category(l.usml) AS usml_category
	               FROM fms.case_lines AS l
	              WHERE l.change_no IS NULL AND l.case_id OPERATOR(fms.=) ANY (case_ids)
	              ORDER BY l.case_id, l.value_usd DESC, l.line_no) AS p
	    ON p.case_id OPERATOR(fms.=) v.case_id
	  LEFT JOIN (SELECT e.case_id, pg_catalog.sum(e.value_usd) AS delivered FROM fms.deliveries AS e
	              WHERE e.case_id OPERATOR(fms.=) ANY (case_ids) AND e.delivered_on IS NOT NULL GROUP BY 1) AS d
	    ON d.case_id OPERATOR(fms.=) v.case_id
	  LEFT JOIN (SELECT p.case_id, pg_catalog.sum(p.amount_usd) AS scheduled FROM fms.payment_schedule AS p
	              WHERE p.case_id OPERATOR(fms.=) ANY (case_ids) GROUP BY 1) AS s
	    ON s.case_id OPERATOR(fms.=) v.case_id
	  LEFT JOIN (SELECT r.case_id, pg_catalog.sum(r.amount_usd) AS collected FROM fms.collections AS r
	              WHERE r.case_id OPERATOR(fms.=) ANY (case_ids) GROUP BY 1) AS k
	    ON k.case_id OPERATOR(fms.=) v.case_id;
END;
COMMENT ON FUNCTION fms.case_balances_of(fms.case_id[]) IS 'the balances of the cases given, derived afresh: what fms.case_balances keeps for them';

CREATE FUNCTION fms.recompute_case_balances(case_ids fms.case_id[]) RETURNS void
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	fresh fms.case_balances[];
	removed fms.demand_event[];
	added fms.demand_event[];
BEGIN
	IF case_ids IS NULL THEN
		DELETE FROM fms.case_balances;
		INSERT INTO fms.case_balances SELECT * FROM fms.case_balances_of(ARRAY(SELECT c.case_id FROM fms.cases AS c));
		PERFORM fms.recompute_demand_quarters();
		RETURN;
	END IF;
	-- Only the rows that moved are replaced, and their requests move the
	-- demand kept by quarter.
	fresh := ARRAY(SELECT n FROM fms.case_balances_of(case_ids) AS n);
	WITH gone AS (
		-- rows compared as text, so that a value written 25000 where it was
		-- 25000.00 is written again, as a fresh derivation would write it
		DELETE FROM fms.case_balances AS b
		 USING (SELECT k.case_id, k::pg_catalog.text FROM fms.case_balances AS k
		         WHERE k.case_id OPERATOR(fms.=) ANY (case_ids)
		        EXCEPT ALL
		        SELECT n.case_id, n::pg_catalog.text FROM pg_catalog.unnest(fresh) AS n) AS k
		 WHERE b.case_id OPERATOR(fms.=) k.case_id
		RETURNING b.*
	)
	SELECT ARRAY(SELECT e FROM gone AS b CROSS JOIN LATERAL fms.request_demand(b::fms.case_balances) AS e) INTO removed;
	WITH made AS (
		INSERT INTO fms.case_balances
		SELECT n.* FROM pg_catalog.unnest(fresh) AS n
		 WHERE NOT EXISTS (SELECT FROM fms.case_balances AS b WHERE b.case_id OPERATOR(fms.=) n.case_id)
		RETURNING *
	)
	SELECT ARRAY(SELECT e FROM made AS b CROSS JOIN LATERAL fms.request_demand(b::fms.case_balances) AS e) INTO added;
	IF removed OPERATOR(pg_catalog.<>) added THEN
		PERFORM fms.add_demand(removed, added);
	END IF;
END
$$;
COMMENT ON FUNCTION fms.recompute_case_balances(fms.case_id[]) IS 'replaces the rows of fms.case_balances of the cases given (NULL: of every case) with their balances derived afresh, and moves fms.demand_quarters by their requests (NULL: rebuilds it); needs the rights to write both, which the triggers use as the owner of schema fms';

CREATE FUNCTION fms.applying_replicated_changes() RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'fms_applying_replicated_changes'
	LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION fms.applying_replicated_changes() IS 'whether this session applies a logical replication subscription''s changes, where no statement trigger fires (a table''s initial copy, which fires them, is not counted): the kept data is then recomputed row by row';
-- The events fms.demand_series counts, each on its day, under the partner
-- (the FMS customer, the DCS destination) and the USML category it counts
-- under.  Each kind of row says which events it makes (the three functions
-- below), so that the kept sums, their deltas and the reports' reading of
-- the current quarter all count alike.
CREATE TYPE fms.demand_event AS (
	program pg_catalog.text,
	partner pg_catalog.text,
	on_date pg_catalog.date,
	usml_category pg_catalog.int4,
	requests pg_catalog.int4,
	value_offered_usd pg_catalog.numeric,
	value_accepted_usd pg_catalog.numeric,
	lines_ordered pg_catalog.int4
);
COMMENT ON TYPE fms.demand_event IS 'one event of demand (fms.flow_demand, fms.request_demand, fms.licence_demand): program FMS or DCS, partner (FMS customer, DCS destination), day, USML category (NULL for none), and what it adds to requests, value offered, value accepted and lines ordered';

-- A flow counts when it offers, accepts or orders something (a delivery is
-- supply, not demand).
CREATE FUNCTION fms.flow_demand(flow fms.case_flows)
	RETURNS SETOF fms.demand_event
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
BEGIN ATOMIC
	SELECT 'FMS', (flow).customer_code, (flow).on_date, (flow).usml_category, 0,
	       (flow).offered_usd, (flow).accepted_usd, (flow).lines_ordered
	 WHERE (flow).offered_usd OPERATOR(pg_catalog.<>) 0 OR (flow).accepted_usd OPERATOR(pg_catalog.<>) 0
	    OR (flow).lines_ordered OPERATOR(pg_catalog.<>) 0;
END;
COMMENT ON FUNCTION fms.flow_demand(fms.case_flows) IS 'the demand event of a row of fms.case_flows: its value offered and accepted and its lines ordered, none if all are zero';

-- A case's Letter of Request is one request, on its day, under the
-- category of the basic LOA's largest line (fms.case_balances keeps both).
CREATE FUNCTION fms.request_demand(balance fms.case_balances)
	RETURNS SETOF fms.demand_event
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
BEGIN ATOMIC
	SELECT 'FMS', fms.customer_code((balance).case_id), (balance).lor_received_on, (balance).loa_usml_category, 1,
	       0::pg_catalog.numeric, 0::pg_catalog.numeric, 0
	 WHERE (balance).lor_received_on IS NOT NULL;
END;
COMMENT ON FUNCTION fms.request_demand(fms.case_balances) IS 'the demand event of a case (its row of fms.case_balances): one request on the day of its LOR, under the category of its basic LOA''s largest line; none without an LOR date';

-- A licence is applied for on submission, its value under the category of
-- its first USML entry, and accepted (one line ordered) on approval.
CREATE FUNCTION fms.licence_demand(licence fms.dcs_licenses)
	RETURNS SETOF fms.demand_event
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
BEGIN ATOMIC
	SELECT 'DCS', (licence).country_code, e.on_date,
	       fms.usml_category((licence).usml[pg_catalog.array_lower((licence).usml, 1)]),
	       e.requests, e.applied, e.approved, e.lines
	  FROM (VALUES ((licence).submitted_on, 1, (licence).value_usd, 0::pg_catalog.numeric, 0),
	               (CASE WHEN (licence).status OPERATOR(pg_catalog.=) ANY (ARRAY['approved', 'approved_with_provisos'])
	                     THEN (licence).decided_on END, 0, 0::pg_catalog.numeric, (licence).value_usd, 1))
	       AS e(on_date, requests, applied, approved, lines)
	 WHERE e.on_date IS NOT NULL;
END;
COMMENT ON FUNCTION fms.licence_demand(fms.dcs_licenses) IS 'the demand events of a DCS licence: its application on submission (one request, its value applied for) and, if approved, its approval on the decision (its value accepted, one line ordered), under the category of its first USML entry';

-- The first day of a date's calendar quarter, for any date (a cast to
-- timestamp, as date_trunc needs, fails beyond the year 294276); infinite
-- dates stay as they are, and the first days there are (4714-11-24 BC on)
-- have the first of them.  In C (src/calendar_quarter.c): it is called
-- once per demand event kept and per event the reports count.
CREATE FUNCTION fms.quarter_start(on_date pg_catalog.date) RETURNS pg_catalog.date
	AS 'MODULE_PATHNAME', 'fms_quarter_start'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION fms.quarter_start(pg_catalog.date) IS 'the first day of the date''s calendar quarter, for any date (infinity stays infinity; the quarter of 4714-11-24 BC starts then)';

-- The events on the days from..upto, the FMS ones from fms_from, the DCS
-- ones from dcs_from: read from the rows by their days' indexes.
CREATE FUNCTION fms.demand_events(fms_from pg_catalog.date, dcs_from pg_catalog.date, upto pg_catalog.date)
	RETURNS SETOF fms.demand_event
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	SELECT e.*
	  FROM fms.case_flows AS f
	 CROSS JOIN LATERAL fms.flow_demand(f) AS e
	 WHERE f.on_date OPERATOR(pg_catalog.>=) fms_from AND f.on_date OPERATOR(pg_catalog.<=) upto
	UNION ALL
	SELECT e.*
	  FROM fms.case_balances AS b
	 CROSS JOIN LATERAL fms.request_demand(b) AS e
	 WHERE b.lor_received_on OPERATOR(pg_catalog.>=) fms_from AND b.lor_received_on OPERATOR(pg_catalog.<=) upto
	UNION ALL
	SELECT e.*
	  FROM fms.dcs_licenses AS l
	 CROSS JOIN LATERAL fms.licence_demand(l) AS e
	 WHERE ((l.submitted_on OPERATOR(pg_catalog.>=) dcs_from AND l.submitted_on OPERATOR(pg_catalog.<=) upto)
	        OR (l.decided_on OPERATOR(pg_catalog.>=) dcs_from AND l.decided_on OPERATOR(pg_catalog.<=) upto))
	   AND e.on_date OPERATOR(pg_catalog.>=) dcs_from AND e.on_date OPERATOR(pg_catalog.<=) upto;
END;
COMMENT ON FUNCTION fms.demand_events(pg_catalog.date, pg_catalog.date, pg_catalog.date) IS 'every demand event of the FMS cases from fms_from and of the DCS licences from dcs_from, to upto (all days inclusive)';
CREATE INDEX case_flows_on_date ON fms.case_flows (on_date);
CREATE INDEX case_balances_lor_received ON fms.case_balances (lor_received_on);
CREATE INDEX dcs_licenses_submitted ON fms.dcs_licenses (submitted_on);
CREATE INDEX dcs_licenses_decided ON fms.dcs_licenses (decided_on);

-- The events summed by program, partner, category and quarter, whatever
-- their day: fms.demand_series reads the quarters before the current one
-- here and the current one from the rows, where summing every flow, case
-- and licence took seconds at ten times the real portfolio.  Kept by
-- deltas, not recomputed: two transactions that write cases (licences) of
-- one partner in one quarter each add what they moved, and the second
-- waits for the first's row, then adds to what it left.  A row without
-- events goes.  The sums are kept without trailing zeros (trim_scale), so
-- that their text is the same whatever order the events came in.
CREATE TABLE fms.demand_quarters (
	program pg_catalog.text NOT NULL,
	partner pg_catalog.text NOT NULL,
	category_key pg_catalog.int4 NOT NULL,
	quarter_start pg_catalog.date NOT NULL,
	events pg_catalog.int8 NOT NULL,
	requests pg_catalog.int8 NOT NULL,
	value_offered_usd pg_catalog.numeric NOT NULL,
	value_accepted_usd pg_catalog.numeric NOT NULL,
	lines_ordered pg_catalog.int8 NOT NULL,
	PRIMARY KEY (program, partner, category_key, quarter_start)
);
COMMENT ON TABLE fms.demand_quarters IS 'the demand events (fms.demand_events) summed by program, partner, USML category and quarter, kept by the triggers of the cases'' kept data and of the licences: not dumped, a restore rebuilds it; SELECT fms.recompute_demand_quarters() rebuilds it whole';
COMMENT ON COLUMN fms.demand_quarters.program IS 'FMS or DCS';
COMMENT ON COLUMN fms.demand_quarters.partner IS 'FMS customer code, DCS destination country';
COMMENT ON COLUMN fms.demand_quarters.category_key IS 'USML category (1 to 21), 0 for none (a key cannot be NULL)';
COMMENT ON COLUMN fms.demand_quarters.quarter_start IS 'first day of the quarter';
COMMENT ON COLUMN fms.demand_quarters.events IS 'events summed (a row exists while it has one)';
COMMENT ON COLUMN fms.demand_quarters.requests IS 'FMS Letters of Request, DCS applications';
COMMENT ON COLUMN fms.demand_quarters.value_offered_usd IS 'FMS value offered, DCS value applied for, U.S. dollars';
COMMENT ON COLUMN fms.demand_quarters.value_accepted_usd IS 'FMS value accepted, DCS value approved, U.S. dollars';
COMMENT ON COLUMN fms.demand_quarters.lines_ordered IS 'FMS line versions accepted, DCS licences approved';

-- Moves the sums by the events added less those removed (an event both
-- removed and added, as most are when a statement rewrites a row, cancels
-- out first), in the order of the keys (so that two writers lock rows in
-- one order), and drops the rows left without events.
CREATE FUNCTION fms.add_demand(removed fms.demand_event[], added fms.demand_event[]) RETURNS void
	LANGUAGE sql
BEGIN ATOMIC
	INSERT INTO fms.demand_quarters AS k
	SELECT d.program, d.partner, d.category_key, d.quarter_start, pg_catalog.sum(d.sign),
	       pg_catalog.sum(d.sign OPERATOR(pg_catalog.*) d.requests),
	       pg_catalog.trim_scale(pg_catalog.sum(d.sign OPERATOR(pg_catalog.*) d.value_offered_usd)),
	       pg_catalog.trim_scale(pg_catalog.sum(d.sign OPERATOR(pg_catalog.*) d.value_accepted_usd)),
	       pg_catalog.sum(d.sign OPERATOR(pg_catalog.*) d.lines_ordered)
	  FROM (SELECT -1 AS sign, r.*
	          FROM (SELECT e.* FROM pg_catalog.unnest(removed) AS e
	                EXCEPT ALL
	                SELECT e.* FROM pg_catalog.unnest(added) AS e) AS r
	        UNION ALL
	        SELECT 1, a.*
	          FROM (SELECT e.* FROM pg_catalog.unnest(added) AS e
	                EXCEPT ALL
	                SELECT e.* FROM pg_catalog.unnest(removed) AS e) AS a) AS x
	 CROSS JOIN LATERAL (SELECT x.program, x.partner, COALESCE(x.usml_category, 0) AS category_key,
	                            fms.quarter_start(x.on_date) AS quarter_start,
	                            x.sign::pg_catalog.int8 AS sign, x.requests, x.value_offered_usd, x.value_accepted_usd,
	                            x.lines_ordered) AS d
	 GROUP BY 1, 2, 3, 4
	HAVING pg_catalog.sum(d.sign) OPERATOR(pg_catalog.<>) 0
	    OR pg_catalog.sum(d.sign OPERATOR(pg_catalog.*) d.requests) OPERATOR(pg_catalog.<>) 0
	    OR pg_catalog.sum(d.sign OPERATOR(pg_catalog.*) d.value_offered_usd) OPERATOR(pg_catalog.<>) 0
	    OR pg_catalog.sum(d.sign OPERATOR(pg_catalog.*) d.value_accepted_usd) OPERATOR(pg_catalog.<>) 0
	    OR pg_catalog.sum(d.sign OPERATOR(pg_catalog.*) d.lines_ordered) OPERATOR(pg_catalog.<>) 0
	 ORDER BY 1, 2, 3, 4
	ON CONFLICT (program, partner, category_key, quarter_start) DO UPDATE
	   SET events = k.events OPERATOR(pg_catalog.+) excluded.events,
	       requests = k.requests OPERATOR(pg_catalog.+) excluded.requests,
	       value_offered_usd = pg_catalog.trim_scale(k.value_offered_usd OPERATOR(pg_catalog.+) excluded.value_offered_usd),
	       value_accepted_usd = pg_catalog.trim_scale(k.value_accepted_usd OPERATOR(pg_catalog.+) excluded.value_accepted_usd),
	       lines_ordered = k.lines_ordered OPERATOR(pg_catalog.+) excluded.lines_ordered;
	DELETE FROM fms.demand_quarters AS k
	 USING (SELECT DISTINCT e.program, e.partner, COALESCE(e.usml_category, 0) AS category_key,
	               fms.quarter_start(e.on_date) AS quarter_start
	          FROM pg_catalog.unnest(removed) AS e) AS r
	 WHERE k.program OPERATOR(pg_catalog.=) r.program AND k.partner OPERATOR(pg_catalog.=) r.partner
	   AND k.category_key OPERATOR(pg_catalog.=) r.category_key AND k.quarter_start OPERATOR(pg_catalog.=) r.quarter_start
	   AND k.events OPERATOR(pg_catalog.=) 0;
END;
COMMENT ON FUNCTION fms.add_demand(fms.demand_event[], fms.demand_event[]) IS 'moves fms.demand_quarters by the events added less the events removed, and drops the rows left without events; needs the rights to write fms.demand_quarters, which the triggers use as the owner of schema fms';

CREATE FUNCTION fms.recompute_demand_quarters() RETURNS void
	LANGUAGE sql
BEGIN ATOMIC
	DELETE FROM fms.demand_quarters;
	INSERT INTO fms.demand_quarters
	SELECT e.program, e.partner, COALESCE(e.usml_category, 0),
	       fms.quarter_start(e.on_date),
	       pg_catalog.count(*), pg_catalog.sum(e.requests), pg_catalog.trim_scale(pg_catalog.sum(e.value_offered_usd)),
	       pg_catalog.trim_scale(pg_catalog.sum(e.value_accepted_usd)), pg_catalog.sum(e.lines_ordered)
	  FROM fms.demand_events('-infinity', '-infinity', 'infinity') AS e
	 GROUP BY 1, 2, 3, 4;
END;
COMMENT ON FUNCTION fms.recompute_demand_quarters() IS 'rebuilds fms.demand_quarters whole from every flow, case and licence (fms.recompute_case_flows(NULL) and fms.recompute_case_balances(NULL) call it)';

-- The licences keep their events' sums themselves, once per statement from
-- the rows it changed (the cases' come with their kept flows and
-- balances), and row by row where no statement trigger fires: in a logical
-- replication subscriber's apply worker.  As the owner of the function, so
-- that writers need no rights on the sums.  ALWAYS: a replica-mode load and
-- a subscriber keep them too.
CREATE FUNCTION fms.keep_licence_demand() RETURNS trigger
	LANGUAGE plpgsql SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp
	AS $$
BEGIN
	-- It runs as its owner: only on the licences, whose triggers only
	-- their owner creates (on a table of a caller's own it would write
	-- what that table holds into the sums, converted by the caller's casts).
	IF TG_RELID OPERATOR(pg_catalog.<>) 'fms.dcs_licenses'::pg_catalog.regclass OR TG_WHEN OPERATOR(pg_catalog.<>) 'AFTER' THEN
		RAISE EXCEPTION 'fms.keep_licence_demand() is an AFTER trigger of fms.dcs_licenses only'
			USING ERRCODE = 'triggered_action_exception';
	END IF;
	IF TG_LEVEL = 'ROW' THEN
		PERFORM fms.add_demand(ARRAY(SELECT e FROM fms.licence_demand(OLD) AS e),
		                       ARRAY(SELECT e FROM fms.licence_demand(NEW) AS e));
	ELSIF TG_OP = 'INSERT' THEN
		PERFORM fms.add_demand('{}', ARRAY(SELECT e FROM added_licences AS l CROSS JOIN LATERAL fms.licence_demand(l) AS e));
	ELSIF TG_OP = 'UPDATE' THEN
		PERFORM fms.add_demand(ARRAY(SELECT e FROM removed_licences AS l CROSS JOIN LATERAL fms.licence_demand(l) AS e),
		                       ARRAY(SELECT e FROM added_licences AS l CROSS JOIN LATERAL fms.licence_demand(l) AS e));
	ELSE
		PERFORM fms.add_demand(ARRAY(SELECT e FROM removed_licences AS l CROSS JOIN LATERAL fms.licence_demand(l) AS e),
		                       '{}');
	END IF;
	RETURN NULL;
END
$$;
COMMENT ON FUNCTION fms.keep_licence_demand() IS 'statement trigger of fms.dcs_licenses (and row trigger where no statement trigger fires, fms.applying_replicated_changes()): moves fms.demand_quarters by the demand events of the licences removed and added';
CREATE TRIGGER keep_demand_insert AFTER INSERT ON fms.dcs_licenses
	REFERENCING NEW TABLE AS added_licences
	FOR EACH STATEMENT EXECUTE FUNCTION fms.keep_licence_demand();
CREATE TRIGGER keep_demand_update AFTER UPDATE ON fms.dcs_licenses
	REFERENCING OLD TABLE AS removed_licences NEW TABLE AS added_licences
	FOR EACH STATEMENT EXECUTE FUNCTION fms.keep_licence_demand();
CREATE TRIGGER keep_demand_delete AFTER DELETE ON fms.dcs_licenses
	REFERENCING OLD TABLE AS removed_licences
	FOR EACH STATEMENT EXECUTE FUNCTION fms.keep_licence_demand();
CREATE TRIGGER keep_demand_applied AFTER INSERT OR UPDATE OR DELETE ON fms.dcs_licenses
	FOR EACH ROW WHEN (fms.applying_replicated_changes()) EXECUTE FUNCTION fms.keep_licence_demand();
ALTER TABLE fms.dcs_licenses ENABLE ALWAYS TRIGGER keep_demand_insert, ENABLE ALWAYS TRIGGER keep_demand_update,
	ENABLE ALWAYS TRIGGER keep_demand_delete, ENABLE ALWAYS TRIGGER keep_demand_applied;

-- The balances of the cases already written.
SELECT fms.recompute_case_balances(NULL);

-- The value of every case in force on a date.  A case's value moves only
-- on the days its changes are implemented, so it is its kept balance, but
-- for the cases with a change implemented after the day, derived afresh.
CREATE OR REPLACE FUNCTION fms.case_values_as_of(as_of pg_catalog.date)
	RETURNS TABLE (case_id fms.case_id, total_value_usd pg_catalog.numeric, mde_value_usd pg_catalog.numeric,
	               design_construction_usd pg_catalog.numeric)
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
	AS $$
	WITH later AS MATERIALIZED (
		SELECT DISTINCT x.case_id FROM fms.case_changes AS x WHERE x.implemented_on OPERATOR(pg_catalog.>) $1
	)
	SELECT b.case_id, b.total_value_usd, b.mde_value_usd, b.design_construction_usd
	  FROM fms.case_balances AS b
	 WHERE NOT EXISTS (SELECT FROM later AS l WHERE l.case_id OPERATOR(fms.=) b.case_id)
	UNION ALL
	SELECT v.case_id, v.total_value_usd, v.mde_value_usd, v.design_construction_usd
	  FROM fms.case_values_of(ARRAY(SELECT l.case_id FROM later AS l), $1) AS v
	$$;
COMMENT ON FUNCTION fms.case_values_as_of(pg_catalog.date) IS 'total, MDE and design-and-construction value of every case in force on a date: its lines in force, plus the typed values of its documents without lines (the basic LOA, and changes implemented by then); read from fms.case_balances but for the cases with a change implemented after the date';

-- Where each case stands on the reports' day (fms.today(), which the
-- setting fms.as_of_date moves).  Billed is what the schedule made due by
-- then; the cash position is what was collected less what was delivered.
-- Each is the case's kept balance less what falls after the day: one
-- pass over the balances, 0.8 to 0.9 s at ten times the real portfolio
-- (2.0 s joining fms.case_values_as_of, 4.0 to 4.5 s deriving every value).
CREATE OR REPLACE VIEW fms.case_financials AS
WITH customer AS MATERIALIZED (SELECT * FROM fms.customer_dimension),
day AS (
	SELECT fms.today() AS as_of,
	       (pg_catalog.date_trunc('quarter', fms.today()::pg_catalog.timestamp) OPERATOR(pg_catalog.+) '3 months'::pg_catalog.interval)::pg_catalog.date AS next_quarter_from,
	       (pg_catalog.date_trunc('quarter', fms.today()::pg_catalog.timestamp) OPERATOR(pg_catalog.+) '6 months'::pg_catalog.interval)::pg_catalog.date AS next_quarter_to
),
figures AS (
	SELECT b.case_id,
	       COALESCE(v.total_value_usd, b.total_value_usd) AS total,
	       b.delivered_usd OPERATOR(pg_catalog.-) COALESCE(d.later, 0) AS delivered,
	       b.scheduled_usd OPERATOR(pg_catalog.-) COALESCE(s.later, 0) AS billed,
	       b.collected_usd OPERATOR(pg_catalog.-) COALESCE(k.later, 0) AS collected
	  FROM fms.case_balances AS b
	  -- the value of a case with a change implemented after the day is
	  -- derived again (as fms.case_values_as_of does), few cases but for
	  -- days long past
	  LEFT JOIN fms.case_values_of(ARRAY(SELECT DISTINCT x.case_id FROM fms.case_changes AS x, day
	                                      WHERE x.implemented_on OPERATOR(pg_catalog.>) day.as_of), fms.today()) AS v
	    ON v.case_id OPERATOR(fms.=) b.case_id
	  LEFT JOIN (SELECT e.case_id, pg_catalog.sum(e.value_usd) AS later FROM fms.deliveries AS e, day
	              WHERE e.delivered_on OPERATOR(pg_catalog.>) day.as_of GROUP BY 1) AS d
	    ON d.case_id OPERATOR(fms.=) b.case_id
	  LEFT JOIN (SELECT p.case_id, pg_catalog.sum(p.amount_usd) AS later FROM fms.payment_schedule AS p, day
	              WHERE p.due_on OPERATOR(pg_catalog.>) day.as_of GROUP BY 1) AS s
	    ON s.case_id OPERATOR(fms.=) b.case_id
	  LEFT JOIN (SELECT r.case_id, pg_catalog.sum(r.amount_usd) AS later FROM fms.collections AS r, day
	              WHERE r.received_on OPERATOR(pg_catalog.>) day.as_of GROUP BY 1) AS k
	    ON k.case_id OPERATOR(fms.=) b.case_id
)
SELECT fms.text(c.case_id) AS case_id, c.customer_code AS customer, c.funding_source, c.status, day.as_of,
       f.total AS total_value_usd,
       f.delivered AS delivered_value_usd,
       f.total OPERATOR(pg_catalog.-) f.delivered AS undelivered_value_usd,
       f.billed AS billed_usd,
       f.collected AS collected_usd,
       COALESCE(q.due, 0) AS due_next_quarter_usd,
       f.collected OPERATOR(pg_catalog.-) f.delivered AS cash_position_usd,
       g.region, g.combatant_command
  FROM fms.cases AS c
 CROSS JOIN day
  JOIN customer AS g ON g.customer_code OPERATOR(pg_catalog.=) c.customer_code
  JOIN figures AS f ON f.case_id OPERATOR(fms.=) c.case_id
  LEFT JOIN (SELECT p.case_id, pg_catalog.sum(p.amount_usd) AS due FROM fms.payment_schedule AS p, day
              WHERE p.due_on OPERATOR(pg_catalog.>=) day.next_quarter_from
                AND p.due_on OPERATOR(pg_catalog.<) day.next_quarter_to GROUP BY 1) AS q
    ON q.case_id OPERATOR(fms.=) c.case_id;
COMMENT ON VIEW fms.case_financials IS 'every case as of the reports'' day (fms.today(), set with fms.as_of_date): value in force, delivered and undelivered value, billed, collected, due next fiscal quarter, cash position';
COMMENT ON COLUMN fms.case_financials.case_id IS 'case identifier';
COMMENT ON COLUMN fms.case_financials.customer IS 'customer code';
COMMENT ON COLUMN fms.case_financials.funding_source IS 'how the case is paid for';
COMMENT ON COLUMN fms.case_financials.status IS 'state of the case';
COMMENT ON COLUMN fms.case_financials.as_of IS 'the day the figures are for';
COMMENT ON COLUMN fms.case_financials.total_value_usd IS 'value in force that day (fms.case_values_as_of), U.S. dollars';
COMMENT ON COLUMN fms.case_financials.delivered_value_usd IS 'value delivered by that day';
COMMENT ON COLUMN fms.case_financials.undelivered_value_usd IS 'value in force less value delivered';
COMMENT ON COLUMN fms.case_financials.billed_usd IS 'payments the schedule made due by that day';
COMMENT ON COLUMN fms.case_financials.collected_usd IS 'payments received by that day';
COMMENT ON COLUMN fms.case_financials.due_next_quarter_usd IS 'payments due in the next fiscal quarter';
COMMENT ON COLUMN fms.case_financials.cash_position_usd IS 'collected less delivered: negative when more was delivered than paid for';
COMMENT ON COLUMN fms.case_financials.region IS 'State Department region of the customer that day';
COMMENT ON COLUMN fms.case_financials.combatant_command IS 'combatant command of the customer that day';

-- Each case table notes the cases whose kept data a row's change may move,
-- for each kind it moves (the flows, src/sql/case_flows.sql; the balances,
-- src/sql/case_money.sql; both move the demand kept by quarter,
-- src/sql/demand_keeping.sql), and recomputes them once its statement ends
-- (src/kept_case_data.c).  The WHEN conditions say which changes can move
-- a kind, so that no other calls the trigger: a row is inserted or
-- deleted, or one of the columns the kind reads changes, and the row counts
-- at all (for the flows a document once it has an offer, acceptance or
-- implementation date; for the balances a change once implemented; for
-- both a delivery once delivered; a row that has no such date always).
-- ALWAYS: a replica-mode load or a logical replication subscriber keeps
-- them too.
CREATE FUNCTION fms.note_case_change() RETURNS trigger
	AS 'MODULE_PATHNAME', 'fms_note_case_change'
	LANGUAGE C;
COMMENT ON FUNCTION fms.note_case_change() IS 'row trigger of the case tables: notes the case of the row (both, if an update moves it to another case) for the kind of kept data its argument names, ''flows'' or ''balances'', for fms.recompute_noted_cases; the triggers'' WHEN conditions say which changes can move it';
CREATE FUNCTION fms.recompute_noted_cases() RETURNS trigger
	AS 'MODULE_PATHNAME', 'fms_recompute_noted_cases'
	LANGUAGE C;
COMMENT ON FUNCTION fms.recompute_noted_cases() IS 'statement trigger of the case tables: has the fms.case_flows and fms.case_balances of the cases noted for each by fms.note_case_change recomputed, through constraint fms.recompute_kept_data: when the statement ends, or at commit where that constraint is deferred';

-- The recomputation waits here as a row whose constraint trigger does it:
-- at once (the constraint is INITIALLY IMMEDIATE), or at commit, once for
-- the whole transaction, in a transaction that defers the constraint
-- (SET CONSTRAINTS fms.recompute_kept_data DEFERRED, or ALL DEFERRED), as a
-- bulk load of many statements does.  The trigger deletes the row: the
-- table is always empty between transactions, and unlogged, so that the
-- row is neither written to the WAL nor published.
CREATE UNLOGGED TABLE fms.kept_data_due ();
COMMENT ON TABLE fms.kept_data_due IS 'internal: a row waits here, within a transaction, while the recomputation of the kept data of the cases noted in it is due (constraint recompute_kept_data); always empty between transactions';
REVOKE ALL ON fms.kept_data_due FROM PUBLIC;
CREATE FUNCTION fms.recompute_kept_data() RETURNS trigger
	AS 'MODULE_PATHNAME', 'fms_recompute_kept_data'
	LANGUAGE C;
COMMENT ON FUNCTION fms.recompute_kept_data() IS 'constraint trigger of fms.kept_data_due: recomputes the fms.case_flows and fms.case_balances of every case noted by fms.note_case_change, as the owner of schema fms, and deletes the row that made it due';
CREATE CONSTRAINT TRIGGER recompute_kept_data AFTER INSERT ON fms.kept_data_due
	DEFERRABLE INITIALLY IMMEDIATE FOR EACH ROW EXECUTE FUNCTION fms.recompute_kept_data();
ALTER TABLE fms.kept_data_due ENABLE ALWAYS TRIGGER recompute_kept_data;
DO $$
DECLARE
	source record;
	rows_old text;
	rows_new text;
	read_changed text;
BEGIN
	FOR source IN
		SELECT t.name::regclass AS tbl, t.kind, t.dated, t.read
		  FROM (VALUES ('fms.cases', 'flows', ARRAY['offered_on', 'accepted_on'],
		                ARRAY['case_id', 'offered_on', 'accepted_on', 'total_value_usd']),
		               ('fms.case_changes', 'flows', ARRAY['offered_on', 'accepted_on', 'implemented_on'],
		                ARRAY['case_id', 'change_no', 'offered_on', 'accepted_on', 'implemented_on', 'total_value_usd']),
		               ('fms.case_lines', 'flows', ARRAY[]::pg_catalog.text[],
		                ARRAY['case_id', 'change_no', 'line_no', 'usml', 'value_usd']),
		               ('fms.deliveries', 'flows', ARRAY['delivered_on'],
		                ARRAY['case_id', 'line_no', 'delivered_on', 'value_usd']),
		               ('fms.cases', 'balances', ARRAY[]::pg_catalog.text[],
		                ARRAY['case_id', 'total_value_usd', 'mde_value_usd', 'design_construction_usd', 'lor_received_on']),
		               ('fms.case_changes', 'balances', ARRAY['implemented_on'],
		                ARRAY['case_id', 'change_no', 'implemented_on', 'total_value_usd', 'mde_value_usd',
		                      'design_construction_usd']),
		               ('fms.case_lines', 'balances', ARRAY[]::pg_catalog.text[],
		                ARRAY['case_id', 'change_no', 'line_no', 'value_usd', 'mde', 'design_construction', 'usml']),
		               ('fms.deliveries', 'balances', ARRAY['delivered_on'],
		                ARRAY['case_id', 'delivered_on', 'value_usd']),
		               ('fms.payment_schedule', 'balances', ARRAY[]::pg_catalog.text[],
		                ARRAY['case_id', 'amount_usd']),
		               ('fms.collections', 'balances', ARRAY[]::pg_catalog.text[],
		                ARRAY['case_id', 'amount_usd'])) AS t(name, kind, dated, read)
	LOOP
		SELECT COALESCE(pg_catalog.string_agg(pg_catalog.format('OLD.%I IS NOT NULL', d), ' OR '), 'true'),
		       COALESCE(pg_catalog.string_agg(pg_catalog.format('NEW.%I IS NOT NULL', d), ' OR '), 'true')
		  INTO rows_old, rows_new
		  FROM pg_catalog.unnest(source.dated) AS d;
		-- each column compared with its type's own equality, named with its
		-- schema (IS DISTINCT FROM would look "=" up on the search_path)
		SELECT pg_catalog.string_agg(pg_catalog.format('(OLD.%1$I IS NULL) OPERATOR(pg_catalog.<>) (NEW.%1$I IS NULL) '
		                                               'OR NOT (OLD.%1$I OPERATOR(%2$I.=) NEW.%1$I)', a.attname, n.nspname),
		                             ' OR ' ORDER BY a.attnum)
		  INTO read_changed
		  FROM pg_catalog.pg_attribute AS a
		  JOIN pg_catalog.pg_type AS t ON t.oid OPERATOR(pg_catalog.=) a.atttypid
		  JOIN pg_catalog.pg_namespace AS n ON n.oid OPERATOR(pg_catalog.=) t.typnamespace
		 WHERE a.attrelid OPERATOR(pg_catalog.=) source.tbl AND a.attname OPERATOR(pg_catalog.=) ANY (source.read);
		EXECUTE pg_catalog.format('CREATE TRIGGER %I AFTER INSERT ON %s FOR EACH ROW WHEN (%s) '
		                          'EXECUTE FUNCTION fms.note_case_change(%L)',
		                          'note_' || source.kind || '_insert', source.tbl, rows_new, source.kind);
		EXECUTE pg_catalog.format('CREATE TRIGGER %I AFTER UPDATE ON %s FOR EACH ROW '
		                          'WHEN ((%s) AND (%s OR %s)) EXECUTE FUNCTION fms.note_case_change(%L)',
		                          'note_' || source.kind || '_update', source.tbl, read_changed, rows_old, rows_new,
		                          source.kind);
		EXECUTE pg_catalog.format('CREATE TRIGGER %I AFTER DELETE ON %s FOR EACH ROW WHEN (%s) '
		                          'EXECUTE FUNCTION fms.note_case_change(%L)',
		                          'note_' || source.kind || '_delete', source.tbl, rows_old, source.kind);
		EXECUTE pg_catalog.format('ALTER TABLE %s ENABLE ALWAYS TRIGGER %I, ENABLE ALWAYS TRIGGER %I, '
		                          'ENABLE ALWAYS TRIGGER %I', source.tbl, 'note_' || source.kind || '_insert',
		                          'note_' || source.kind || '_update', 'note_' || source.kind || '_delete');
	END LOOP;
	FOR source IN
		SELECT t.name::regclass AS tbl
		  FROM (VALUES ('fms.cases'), ('fms.case_changes'), ('fms.case_lines'), ('fms.deliveries'),
		               ('fms.payment_schedule'), ('fms.collections')) AS t(name)
	LOOP
		EXECUTE pg_catalog.format('CREATE TRIGGER recompute_noted_cases AFTER INSERT OR UPDATE OR DELETE ON %s '
		                          'FOR EACH STATEMENT EXECUTE FUNCTION fms.recompute_noted_cases()', source.tbl);
		EXECUTE pg_catalog.format('ALTER TABLE %s ENABLE ALWAYS TRIGGER recompute_noted_cases', source.tbl);
	END LOOP;
END
$$;

-- The flows of the cases already written.
INSERT INTO fms.case_flows SELECT * FROM fms.case_flows_of(ARRAY(SELECT c.case_id FROM fms.cases AS c));

-- The demand of the cases and licences already written.
SELECT fms.recompute_demand_quarters();

-- The flows of FMS documents by customer, day and USML category, as the
-- reports read them.
CREATE VIEW fms.category_flows AS
SELECT f.customer_code, f.on_date, f.usml_category, f.offered_usd, f.accepted_usd, f.delivered_usd, f.case_id,
       f.lines_ordered
  FROM fms.case_flows AS f;
COMMENT ON VIEW fms.category_flows IS 'FMS value offered, accepted and delivered by customer, day and USML category: a document''s lines add their value under their category on its offer and acceptance and take the replaced version''s off under that one''s; a delivery counts under its line''s category in force on the day; documents without lines under no category (one row per case, day and category)';
COMMENT ON COLUMN fms.category_flows.customer_code IS 'customer code';
COMMENT ON COLUMN fms.category_flows.on_date IS 'day of the offer, acceptance or delivery';
COMMENT ON COLUMN fms.category_flows.usml_category IS 'USML category (1 to 21); NULL for documents without lines or lines without a USML entry';
COMMENT ON COLUMN fms.category_flows.offered_usd IS 'value offered that day, U.S. dollars (negative where a change offers less under a category)';
COMMENT ON COLUMN fms.category_flows.accepted_usd IS 'value accepted that day, U.S. dollars';
COMMENT ON COLUMN fms.category_flows.delivered_usd IS 'value delivered that day, U.S. dollars';
COMMENT ON COLUMN fms.category_flows.case_id IS 'the case';
COMMENT ON COLUMN fms.category_flows.lines_ordered IS 'line versions of the documents accepted that day';

-- Value offered, accepted and delivered by fiscal quarter, USML category,
-- region and combatant command (fms.category_flows summed).  Flows are
-- summed per customer and quarter first, so that a customer's region is
-- looked up once per quarter (on the quarter's first event), by joins the
-- planner can hash (fms.destination_country and fms.country_dimension
-- inline: as calls they cost more than the sums).  Only an organization's
-- country needs the call, made once per row in a materialized step: left
-- in the join conditions, it was made once per join.  A country has one
-- value of a dimension on a day (country_regions_periods_do_not_overlap),
-- so the joins add no rows.
CREATE OR REPLACE VIEW fms.sales_by_category AS
WITH by_customer AS MATERIALIZED (
	SELECT e.customer_code, fms.fiscal_quarter(e.on_date) AS fiscal_quarter, fms.fiscal_year(e.on_date) AS fiscal_year,
	       e.usml_category, pg_catalog.min(e.on_date) AS first_event,
	       pg_catalog.sum(e.offered_usd) AS offered_usd, pg_catalog.sum(e.accepted_usd) AS accepted_usd,
	       pg_catalog.sum(e.delivered_usd) AS delivered_usd
	  FROM fms.category_flows AS e
	 GROUP BY 1, 2, 3, 4
), located AS MATERIALIZED (
	SELECT b.*, COALESCE(cu.country_code, fms.destination_country(b.customer_code, b.first_event)) AS country
	  FROM by_customer AS b
	  LEFT JOIN fms.customers AS cu ON cu.customer_code OPERATOR(pg_catalog.=) b.customer_code
)
SELECT b.fiscal_quarter, b.fiscal_year, b.usml_category, r.value AS region, k.value AS combatant_command,
       pg_catalog.sum(b.offered_usd) AS offered_usd, pg_catalog.sum(b.accepted_usd) AS accepted_usd,
       pg_catalog.sum(b.delivered_usd) AS delivered_usd
  FROM located AS b
  LEFT JOIN fms.country_regions AS r
    ON r.country_code OPERATOR(pg_catalog.=) b.country AND r.dimension OPERATOR(pg_catalog.=) 'region'
   AND r.valid_from OPERATOR(pg_catalog.<=) b.first_event
   AND (r.valid_to IS NULL OR r.valid_to OPERATOR(pg_catalog.>) b.first_event)
  LEFT JOIN fms.country_regions AS k
    ON k.country_code OPERATOR(pg_catalog.=) b.country AND k.dimension OPERATOR(pg_catalog.=) 'combatant_command'
   AND k.valid_from OPERATOR(pg_catalog.<=) b.first_event
   AND (k.valid_to IS NULL OR k.valid_to OPERATOR(pg_catalog.>) b.first_event)
 GROUP BY 1, 2, 3, 4, 5;
COMMENT ON VIEW fms.sales_by_category IS 'FMS value offered, accepted and delivered by fiscal quarter, USML category, region and combatant command (itemized documents by their lines; documents without lines under no category)';
COMMENT ON COLUMN fms.sales_by_category.fiscal_quarter IS 'fiscal quarter, e.g. FY2026 Q1';
COMMENT ON COLUMN fms.sales_by_category.fiscal_year IS 'fiscal year';
COMMENT ON COLUMN fms.sales_by_category.usml_category IS 'USML category (1 to 21) of the lines; NULL for documents without lines or lines without a USML entry';
COMMENT ON COLUMN fms.sales_by_category.region IS 'State Department region of the customers';
COMMENT ON COLUMN fms.sales_by_category.combatant_command IS 'combatant command of the customers';
COMMENT ON COLUMN fms.sales_by_category.offered_usd IS 'value offered in the quarter (basic LOAs and amendments), U.S. dollars';
COMMENT ON COLUMN fms.sales_by_category.accepted_usd IS 'value accepted in the quarter, U.S. dollars';
COMMENT ON COLUMN fms.sales_by_category.delivered_usd IS 'value delivered in the quarter, U.S. dollars';

-- Whether the login is restricted: a member of fms_partner or fms_industry
-- (roles that need not exist) that is not a superuser, who is a member of
-- every role.  A restricted login stays restricted whatever role it sets
-- (it may set fms_reader, which fms_partner is a member of, or a role of
-- its own that is not restricted).  Whether the current role is: a member
-- of either, or set by a restricted login.  Then the customers and
-- applicants granted to the current role and the roles it is a member of.
-- The policies below call these at every row (Citus refuses sub-selects in
-- the policies of a distributed table): each answers from what its first
-- call in a query found (src/row_security.c); the tests of one value,
-- fms.customer_granted() and fms.applicant_granted(), look it up where
-- "= ANY (array)" would take the array apart at every row.
CREATE FUNCTION fms.restricted_login() RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'fms_restricted_login'
	LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION fms.restricted_login() IS 'whether the session''s login is a member of fms_partner or fms_industry and not a superuser: such a login sees only the rows granted to the role it is, whatever role it sets';
CREATE FUNCTION fms.restricted_role() RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'fms_restricted_role'
	LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION fms.restricted_role() IS 'whether the current role is a member of fms_partner or fms_industry, or was set by a login that is (fms.restricted_login()), and so sees only the rows granted to it';

-- One row per slice (program, partner, USML category) and fiscal quarter,
-- from the program's first quarter with demand (in the last 400,
-- fms.forecast_history_start()) to the current one, zeros
-- where nothing happened: a forecast needs the quiet quarters too.  What
-- counts, and under which partner and category, is said by the demand
-- events (src/sql/demand_keeping.sql): an FMS case's LOR, its flows
-- (fms.category_flows), a DCS licence's application and approval.  Each
-- quarter is its sums kept in fms.demand_quarters, the current one less
-- the events after the reports' day (few, by index, on the days reports
-- ask about).  A partner or industry role, whose licences the kept sums do
-- not tell apart, sums its licences from their rows.
-- A slice keeps one country and region through its history: the customer's
-- destination country and the country's region as of today.
-- How far back the demand series, and so the forecasts, read: the 100
-- years (400 quarters) before the current quarter, far more than any
-- history recorded, so that neither a reports' day set far ahead nor a day
-- of demand typed far back (4713 BC, -infinity) makes a grid of quarters
-- beyond measure, or hands fms.forecast a series beyond its limit.
CREATE FUNCTION fms.forecast_history_start() RETURNS pg_catalog.date
	LANGUAGE sql STABLE PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
	AS $$
	SELECT (pg_catalog.date_trunc('quarter', fms.today()::pg_catalog.timestamp) OPERATOR(pg_catalog.-) '100 years'::pg_catalog.interval)::pg_catalog.date
	$$;
COMMENT ON FUNCTION fms.forecast_history_start() IS 'first day of the history the demand series and the forecasting views read: the 400 quarters before the current one';

CREATE VIEW fms.demand_series AS
WITH day AS (
	SELECT fms.today() AS today,
	       pg_catalog.date_trunc('quarter', fms.today()::pg_catalog.timestamp)::pg_catalog.date AS current_quarter,
	       (pg_catalog.date_trunc('quarter', fms.today()::pg_catalog.timestamp) OPERATOR(pg_catalog.+)
	        '3 months - 1 day'::pg_catalog.interval)::pg_catalog.date AS quarter_end,
	       -- whether the policies hide the licences' kept sums from the
	       -- reader (never from a superuser or the tables' owner, whom
	       -- the policies do not bind)
	       pg_catalog.row_security_active('fms.demand_quarters'::pg_catalog.regclass)
	           AND fms.restricted_role() AS restricted,
	       fms.forecast_history_start() AS history_start
), by_quarter AS (
	SELECT k.program, k.partner, k.category_key, k.quarter_start,
	       k.requests::pg_catalog.int4 AS requests, k.value_offered_usd, k.value_accepted_usd,
	       k.lines_ordered::pg_catalog.int4 AS lines_ordered
	  FROM fms.demand_quarters AS k, day
	 WHERE k.quarter_start OPERATOR(pg_catalog.<) day.current_quarter
	   AND k.quarter_start OPERATOR(pg_catalog.>=) day.history_start
	UNION ALL
	-- the current quarter: its kept sums less the events after the day (a
	-- slice whose events all come later has none yet), and a partner or
	-- industry role's licences up to the day
	SELECT x.program, x.partner, x.category_key, x.quarter_start,
	       pg_catalog.sum(x.requests)::pg_catalog.int4, pg_catalog.sum(x.value_offered_usd),
	       pg_catalog.sum(x.value_accepted_usd), pg_catalog.sum(x.lines_ordered)::pg_catalog.int4
	  FROM (SELECT k.program, k.partner, k.category_key, k.quarter_start, k.events, k.requests,
	               k.value_offered_usd, k.value_accepted_usd, k.lines_ordered
	          FROM fms.demand_quarters AS k, day
	         WHERE k.quarter_start OPERATOR(pg_catalog.=) day.current_quarter
	        UNION ALL
	        SELECT e.program, e.partner, COALESCE(e.usml_category, 0), day.current_quarter, -1,
	               OPERATOR(pg_catalog.-) e.requests, OPERATOR(pg_catalog.-) e.value_offered_usd,
	               OPERATOR(pg_catalog.-) e.value_accepted_usd, OPERATOR(pg_catalog.-) e.lines_ordered
	          FROM day
	         CROSS JOIN LATERAL fms.demand_events(day.today OPERATOR(pg_catalog.+) 1,
	                                              CASE WHEN day.restricted THEN 'infinity'::pg_catalog.date
	                                                   ELSE day.today OPERATOR(pg_catalog.+) 1 END,
	                                              day.quarter_end) AS e
	        UNION ALL
	        SELECT e.program, e.partner, COALESCE(e.usml_category, 0),
	               fms.quarter_start(e.on_date), 1,
	               e.requests, e.value_offered_usd, e.value_accepted_usd, e.lines_ordered
	          FROM day
	         CROSS JOIN LATERAL fms.demand_events('infinity', '-infinity', day.today) AS e
	         WHERE day.restricted AND e.on_date OPERATOR(pg_catalog.>=) day.history_start) AS x
	 GROUP BY 1, 2, 3, 4
	HAVING pg_catalog.sum(x.events) OPERATOR(pg_catalog.>) 0
), slices AS (
	SELECT s.program, s.partner, s.category_key, g.country_code,
	       fms.country_dimension(g.country_code, 'region', fms.today()) AS region
	  FROM (SELECT DISTINCT b.program, b.partner, b.category_key FROM by_quarter AS b) AS s
	 CROSS JOIN LATERAL (SELECT CASE s.program WHEN 'DCS' THEN s.partner
	                                 ELSE fms.destination_country(s.partner, fms.today()) END AS country_code) AS g
), quarters AS (
	SELECT b.program, q::pg_catalog.date AS quarter_start
	  FROM (SELECT b.program, pg_catalog.min(b.quarter_start) AS first_quarter FROM by_quarter AS b GROUP BY 1) AS b
	 CROSS JOIN LATERAL pg_catalog.generate_series(b.first_quarter::pg_catalog.timestamp,
	                                               pg_catalog.date_trunc('quarter', fms.today()::pg_catalog.timestamp),
	                                               '3 months'::pg_catalog.interval) AS q
), series AS (
	-- The quarters with demand, and zeros for every other quarter of each
	-- slice's program: a hashed set difference, where a join of the grid
	-- to by_quarter lets the planner match each quarter against every
	-- quarter of its slice.  (Each slice's quarters with demand are unique
	-- and lie in its program's grid.)
	SELECT b.program, b.partner, b.category_key, b.quarter_start,
	       b.requests, b.value_offered_usd, b.value_accepted_usd, b.lines_ordered
	  FROM by_quarter AS b
	UNION ALL
	SELECT z.program, z.partner, z.category_key, z.quarter_start, 0, 0, 0, 0
	  FROM (SELECT s.program, s.partner, s.category_key, q.quarter_start
	          FROM slices AS s
	          JOIN quarters AS q ON q.program OPERATOR(pg_catalog.=) s.program
	        EXCEPT ALL
	        SELECT b.program, b.partner, b.category_key, b.quarter_start
	          FROM by_quarter AS b) AS z
)
SELECT s.program, s.region, s.country_code,
       CASE s.program WHEN 'FMS' THEN s.partner END AS customer_code,
       NULLIF(s.category_key, 0) AS usml_category,
       fms.fiscal_year(q.quarter_start) AS fiscal_year, fms.fiscal_quarter(q.quarter_start) AS fiscal_quarter,
       q.quarter_start,
       (q.quarter_start OPERATOR(pg_catalog.+) '3 months'::pg_catalog.interval)::pg_catalog.date
           OPERATOR(pg_catalog.<=) fms.today() AS complete,
       q.requests, pg_catalog.trim_scale(q.value_offered_usd) AS value_offered_usd,
       pg_catalog.trim_scale(q.value_accepted_usd) AS value_accepted_usd, q.lines_ordered
  FROM series AS q
  JOIN slices AS s
    ON s.program OPERATOR(pg_catalog.=) q.program AND s.partner OPERATOR(pg_catalog.=) q.partner
   AND s.category_key OPERATOR(pg_catalog.=) q.category_key;
COMMENT ON VIEW fms.demand_series IS 'demand by fiscal quarter, one row per program (FMS, DCS), partner, USML category and quarter from the program''s first quarter with demand to the current one, zeros where nothing happened: requests (LORs, licence applications), value offered or applied for, value accepted or approved, lines ordered';
COMMENT ON COLUMN fms.demand_series.program IS 'FMS or DCS';
COMMENT ON COLUMN fms.demand_series.region IS 'State Department region of the partner''s country as of today; NULL for organizations and countries without one';
COMMENT ON COLUMN fms.demand_series.country_code IS 'ISO 3166-1 code of the destination: the FMS customer''s country as of today, the DCS licence''s destination; NULL for organizations';
COMMENT ON COLUMN fms.demand_series.customer_code IS 'FMS customer code; NULL for DCS';
COMMENT ON COLUMN fms.demand_series.usml_category IS 'USML category (1 to 21): FMS requests under the category of the LOA''s largest line, values and lines under each line''s own; DCS under the licence''s first entry; NULL for no category';
COMMENT ON COLUMN fms.demand_series.fiscal_year IS 'fiscal year';
COMMENT ON COLUMN fms.demand_series.fiscal_quarter IS 'fiscal quarter, e.g. FY2026 Q1';
COMMENT ON COLUMN fms.demand_series.quarter_start IS 'first day of the quarter';
COMMENT ON COLUMN fms.demand_series.complete IS 'the quarter ended on or before today; the current quarter is partial (the forecasts read complete quarters only)';
COMMENT ON COLUMN fms.demand_series.requests IS 'FMS Letters of Request received (basic cases); DCS licence applications submitted';
COMMENT ON COLUMN fms.demand_series.value_offered_usd IS 'FMS value offered (LOAs and changes); DCS value applied for; U.S. dollars, without trailing zeros';
COMMENT ON COLUMN fms.demand_series.value_accepted_usd IS 'FMS value accepted; DCS value approved; U.S. dollars, without trailing zeros';
COMMENT ON COLUMN fms.demand_series.lines_ordered IS 'FMS line versions of the documents accepted; DCS licences approved';

-- The methods (src/forecast.h has the formulas): exponential smoothing
-- with additive errors, ETS(A,N,N), (A,A,N), (A,Ad,N), (A,N,A), (A,A,A)
-- and (A,Ad,A) with a season of four quarters, fitted by least squares
-- and chosen by AICc; Croston's method with the Syntetos-Boylan correction
-- (SBA) for intermittent series.  Method auto: an all-zero series
-- forecasts zero, one value itself, two or three their mean; a series
-- with a quarter with demand in fewer than one in 1.32 (average inter-
-- demand interval of 1.32 or more) goes to SBA, unless simple exponential
-- smoothing, ETS(A,N,N), has the smaller in-sample mean absolute error
-- after the first demand; any other to ETS.
CREATE FUNCTION fms.forecast(series pg_catalog.float8[], horizon pg_catalog.int4 DEFAULT 8,
		method pg_catalog.text DEFAULT 'auto')
	RETURNS TABLE (step pg_catalog.int4, point pg_catalog.float8, lower_80 pg_catalog.float8, upper_80 pg_catalog.float8,
	               lower_95 pg_catalog.float8, upper_95 pg_catalog.float8, model pg_catalog.text)
	AS 'MODULE_PATHNAME', 'fms_forecast'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 8;
COMMENT ON FUNCTION fms.forecast(pg_catalog.float8[], pg_catalog.int4, pg_catalog.text) IS 'forecasts a quarterly series (oldest first, no NULLs) 1 to 12 quarters ahead with 80% and 95% prediction intervals: method auto (zero, naive, mean, SBA for intermittent series unless simple exponential smoothing fits them better in absolute error, else the ETS model of least AICc), or ets, sba, croston, naive_seasonal; no rows for an empty series; model names the model fitted';

CREATE FUNCTION fms.forecast_backtest(series pg_catalog.float8[], origins pg_catalog.int4 DEFAULT 8,
		horizon pg_catalog.int4 DEFAULT 1, method pg_catalog.text DEFAULT 'auto',
		OUT forecasts pg_catalog.int4, OUT intervals pg_catalog.int4, OUT mean_error pg_catalog.float8, OUT mae pg_catalog.float8, OUT mase pg_catalog.float8,
		OUT naive_mae pg_catalog.float8, OUT naive_mase pg_catalog.float8,
		OUT rmsse pg_catalog.float8, OUT naive_rmsse pg_catalog.float8,
		OUT coverage_80 pg_catalog.float8, OUT coverage_95 pg_catalog.float8)
	RETURNS record
	AS 'MODULE_PATHNAME', 'fms_forecast_backtest'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION fms.forecast_backtest(pg_catalog.float8[], pg_catalog.int4, pg_catalog.int4, pg_catalog.text) IS 'rolling-origin backtest of fms.forecast on a series: from each of the last origins quarters, forecasts horizon quarters ahead from the history before it and scores the forecast: forecasts scored, those with an interval, mean error (forecast minus actual), mean absolute error, MASE (scaled by the mean absolute seasonal difference of the history before the first origin), RMSSE (root mean squared error over the root mean squared seasonal difference), the same for the seasonal naive forecast, and the share of actuals inside the 80% and 95% intervals';

-- Whether fms.forecast takes a series (src/forecast_fmgr.c): the views and
-- the refresh leave out the series it cannot forecast, a quarter beyond
-- its range (one licence valued at 1e101 dollars) or not finite, instead
-- of failing for every reader.
CREATE FUNCTION fms.forecastable(series pg_catalog.float8[]) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'fms_forecastable'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION fms.forecastable(pg_catalog.float8[]) IS 'whether fms.forecast and fms.forecast_backtest take a series: one dimension, at most 10,000 quarters, no NULL, every value finite and at most 1e100 in magnitude';

-- A sum of dollars as the forecasts' float8: beyond float8's range, the
-- infinity of its sign (which fms.forecastable refuses), not an error that
-- would fail the view for every reader.  Inlined where it is called.
CREATE FUNCTION fms.saturated_float8(amount pg_catalog.numeric) RETURNS pg_catalog.float8
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
BEGIN ATOMIC
	SELECT CASE WHEN $1 OPERATOR(pg_catalog.>) 1e308 THEN 'Infinity'::pg_catalog.float8
	            WHEN $1 OPERATOR(pg_catalog.<) -1e308 THEN '-Infinity'::pg_catalog.float8
	            ELSE $1::pg_catalog.float8 END;
END;
COMMENT ON FUNCTION fms.saturated_float8(pg_catalog.numeric) IS 'an amount as float8, Infinity (or -Infinity) where it is beyond 1e308 in magnitude, instead of an error';

-- The series the views forecast: requests and value accepted per complete
-- quarter, for each partner and category and summed over partners (by
-- region and category), over categories (by region), over regions (by
-- category) and over all (by program).  Each sum is forecast on its own,
-- so the forecasts of the parts need not add up to the forecast of the
-- whole.  A partner and category's quarters are the rows of
-- fms.demand_series as they are (one per quarter); only the other levels
-- are sums.  Values are summed exactly, as numeric, before they become
-- the forecasts' float8.
CREATE VIEW fms.demand_history AS
WITH complete AS MATERIALIZED (
	SELECT s.program, s.region, s.country_code, s.customer_code, s.usml_category, s.quarter_start,
	       s.requests, s.value_accepted_usd
	  FROM fms.demand_series AS s
	 WHERE s.complete
), quarters AS (
	SELECT 'partner and category'::pg_catalog.text AS level, c.program, c.region, c.country_code, c.customer_code,
	       c.usml_category, c.quarter_start, c.requests::pg_catalog.float8 AS requests,
	       fms.saturated_float8(c.value_accepted_usd) AS value_accepted_usd
	  FROM complete AS c
	UNION ALL
	-- GROUPING is syntax, not a function: no search_path can redirect it
	SELECT CASE GROUPING(c.region, c.usml_category) WHEN 0 THEN 'region and category' WHEN 1 THEN 'region'
	                                                WHEN 2 THEN 'category' ELSE 'program' END,
	       c.program, c.region, NULL, NULL, c.usml_category, c.quarter_start,
	       pg_catalog.sum(c.requests)::pg_catalog.float8, fms.saturated_float8(pg_catalog.sum(c.value_accepted_usd))
	  FROM complete AS c
	 GROUP BY GROUPING SETS ((c.program, c.region, c.usml_category, c.quarter_start), (c.program, c.region, c.quarter_start),
	                         (c.program, c.usml_category, c.quarter_start), (c.program, c.quarter_start))
)
SELECT q.level, q.program, q.region, q.country_code, q.customer_code, q.usml_category,
       pg_catalog.min(q.quarter_start) AS first_quarter, pg_catalog.max(q.quarter_start) AS last_quarter,
       pg_catalog.array_agg(q.requests ORDER BY q.quarter_start) AS requests,
       pg_catalog.array_agg(q.value_accepted_usd ORDER BY q.quarter_start) AS value_accepted_usd
  FROM quarters AS q
 GROUP BY q.level, q.program, q.region, q.country_code, q.customer_code, q.usml_category;
COMMENT ON VIEW fms.demand_history IS 'the quarterly series fms.demand_forecast and fms.forecast_accuracy read: requests and value accepted per complete quarter of fms.demand_series (at most the last 400, from fms.forecast_history_start()), oldest first, for each partner and category and summed by region and category, by region, by category and by program';
COMMENT ON COLUMN fms.demand_history.level IS 'what the series sums over: partner and category (one series per partner and category), region and category, region, category, or program (all)';
COMMENT ON COLUMN fms.demand_history.program IS 'FMS or DCS';
COMMENT ON COLUMN fms.demand_history.region IS 'State Department region; NULL at levels category and program, and for partners without one';
COMMENT ON COLUMN fms.demand_history.country_code IS 'destination country at level partner and category; else NULL';
COMMENT ON COLUMN fms.demand_history.customer_code IS 'FMS customer at level partner and category; else NULL';
COMMENT ON COLUMN fms.demand_history.usml_category IS 'USML category at the levels with a category (NULL there for no category); else NULL';
COMMENT ON COLUMN fms.demand_history.first_quarter IS 'first day of the series'' first quarter';
COMMENT ON COLUMN fms.demand_history.last_quarter IS 'first day of its last quarter, the last complete one';
COMMENT ON COLUMN fms.demand_history.requests IS 'requests per quarter (fms.demand_series.requests), oldest first';
COMMENT ON COLUMN fms.demand_history.value_accepted_usd IS 'value accepted per quarter, U.S. dollars, oldest first';

-- Fits kept between reads.  A forecast and a backtest are functions of
-- their series alone (and of the method, horizon and origins), so their
-- results are kept under a digest of the series: the views take a series'
-- fit from here when it is kept and fit it on the spot when it is not, and
-- answer the same either way.  A series that moved has another digest and
-- is fitted on the spot until fms.refresh_kept_forecasts() keeps its fit:
-- a fit kept here never goes stale, only missing.  A fit is read only
-- under the build that made it (fms.forecast_build()): another library
-- may fit differently in the last bits.  The tables are derived data: a
-- dump leaves them out (a restored database fits on the spot until the
-- next refresh).
CREATE FUNCTION fms.forecast_build() RETURNS pg_catalog.text
	AS 'MODULE_PATHNAME', 'fms_forecast_build'
	LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION fms.forecast_build() IS 'what fits the forecasts: the digest of the forecasting core''s source, the compiler that built it and the C library it calls; kept fits are read only under the build that made them';

CREATE FUNCTION fms.series_digest(series pg_catalog.float8[]) RETURNS pg_catalog.bytea
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
	RETURN pg_catalog.sha256(pg_catalog.array_send(series));
COMMENT ON FUNCTION fms.series_digest(pg_catalog.float8[]) IS 'SHA-256 of a series'' binary form (array_send): the key under which its fits are kept';

CREATE TABLE fms.kept_forecasts (
	series_digest pg_catalog.bytea NOT NULL,
	horizon pg_catalog.int4 NOT NULL,
	method pg_catalog.text NOT NULL,
	fitted_by pg_catalog.text NOT NULL,
	model pg_catalog.text,
	point pg_catalog.float8[] NOT NULL,
	lower_80 pg_catalog.float8[] NOT NULL,
	upper_80 pg_catalog.float8[] NOT NULL,
	lower_95 pg_catalog.float8[] NOT NULL,
	upper_95 pg_catalog.float8[] NOT NULL,
	PRIMARY KEY (series_digest, horizon, method, fitted_by)
);
COMMENT ON TABLE fms.kept_forecasts IS 'fms.forecast(series, horizon, method) kept under fms.series_digest(series) and the build that fitted it by fms.refresh_kept_forecasts() for fms.demand_forecast: one row per series, the forecast''s rows as arrays by step; derived data, not dumped';
COMMENT ON COLUMN fms.kept_forecasts.series_digest IS 'fms.series_digest of the series forecast';
COMMENT ON COLUMN fms.kept_forecasts.horizon IS 'quarters forecast';
COMMENT ON COLUMN fms.kept_forecasts.method IS 'method asked of fms.forecast';
COMMENT ON COLUMN fms.kept_forecasts.fitted_by IS 'fms.forecast_build() of the library that fitted it';
COMMENT ON COLUMN fms.kept_forecasts.model IS 'model fitted; NULL for an empty series (no steps)';
COMMENT ON COLUMN fms.kept_forecasts.point IS 'point forecast of each step, the first quarter first';
COMMENT ON COLUMN fms.kept_forecasts.lower_80 IS 'lower bound of the 80% interval of each step (NULL where there is none)';
COMMENT ON COLUMN fms.kept_forecasts.upper_80 IS 'upper bound of the 80% interval of each step';
COMMENT ON COLUMN fms.kept_forecasts.lower_95 IS 'lower bound of the 95% interval of each step';
COMMENT ON COLUMN fms.kept_forecasts.upper_95 IS 'upper bound of the 95% interval of each step';

CREATE TABLE fms.kept_backtests (
	series_digest pg_catalog.bytea NOT NULL,
	origins pg_catalog.int4 NOT NULL,
	horizon pg_catalog.int4 NOT NULL,
	method pg_catalog.text NOT NULL,
	fitted_by pg_catalog.text NOT NULL,
	forecasts pg_catalog.int4,
	intervals pg_catalog.int4,
	mean_error pg_catalog.float8,
	mae pg_catalog.float8,
	mase pg_catalog.float8,
	naive_mae pg_catalog.float8,
	naive_mase pg_catalog.float8,
	rmsse pg_catalog.float8,
	naive_rmsse pg_catalog.float8,
	coverage_80 pg_catalog.float8,
	coverage_95 pg_catalog.float8,
	PRIMARY KEY (series_digest, origins, horizon, method, fitted_by)
);
COMMENT ON TABLE fms.kept_backtests IS 'fms.forecast_backtest(series, origins, horizon, method) kept under fms.series_digest(series) and the build that fitted it by fms.refresh_kept_forecasts() for fms.forecast_accuracy; derived data, not dumped';
COMMENT ON COLUMN fms.kept_backtests.series_digest IS 'fms.series_digest of the series backtested';
COMMENT ON COLUMN fms.kept_backtests.origins IS 'origins asked of fms.forecast_backtest';
COMMENT ON COLUMN fms.kept_backtests.horizon IS 'quarters ahead asked of fms.forecast_backtest';
COMMENT ON COLUMN fms.kept_backtests.method IS 'method asked of fms.forecast_backtest';
COMMENT ON COLUMN fms.kept_backtests.fitted_by IS 'fms.forecast_build() of the library that fitted it';
COMMENT ON COLUMN fms.kept_backtests.forecasts IS 'fms.forecast_backtest''s forecasts';
COMMENT ON COLUMN fms.kept_backtests.intervals IS 'fms.forecast_backtest''s intervals';
COMMENT ON COLUMN fms.kept_backtests.mean_error IS 'fms.forecast_backtest''s mean_error';
COMMENT ON COLUMN fms.kept_backtests.mae IS 'fms.forecast_backtest''s mae';
COMMENT ON COLUMN fms.kept_backtests.mase IS 'fms.forecast_backtest''s mase';
COMMENT ON COLUMN fms.kept_backtests.naive_mae IS 'fms.forecast_backtest''s naive_mae';
COMMENT ON COLUMN fms.kept_backtests.naive_mase IS 'fms.forecast_backtest''s naive_mase';
COMMENT ON COLUMN fms.kept_backtests.rmsse IS 'fms.forecast_backtest''s rmsse';
COMMENT ON COLUMN fms.kept_backtests.naive_rmsse IS 'fms.forecast_backtest''s naive_rmsse';
COMMENT ON COLUMN fms.kept_backtests.coverage_80 IS 'fms.forecast_backtest''s coverage_80';
COMMENT ON COLUMN fms.kept_backtests.coverage_95 IS 'fms.forecast_backtest''s coverage_95';

-- A fit tells of its series: a partner or industry role, whose series are
-- only its own, sees no kept fit and fits its series on the spot (a role
-- the policies do not restrict sees every series anyway).
DO $$
DECLARE
	kept regclass;
BEGIN
	FOREACH kept IN ARRAY ARRAY['fms.kept_forecasts', 'fms.kept_backtests']::regclass[] LOOP
		EXECUTE pg_catalog.format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', kept);
		EXECUTE pg_catalog.format('CREATE POLICY granted_rows ON %s USING (NOT fms.restricted_role())', kept);
		EXECUTE pg_catalog.format('COMMENT ON POLICY granted_rows ON %s IS %L', kept,
		                          'members of fms_partner and fms_industry see no kept fit (they fit their own series on the spot); other roles see all');
	END LOOP;
END
$$;

-- Keeps the fits of every series the views read on the reports' day, and
-- drops every other (those of other days, and those of another build): run
-- it after a load, and on a schedule (each day, as the quarters close), at
-- READ COMMITTED (two refreshes at once under REPEATABLE READ fail with a
-- serialization error, to be retried).  It runs as its owner, so that no
-- reader can keep a fit of its own making, and refuses a partner or
-- industry login, which its counts would tell of every partner's series.
-- A fit is looked for before it is made (NOT EXISTS), and a refresh that
-- runs alongside may keep it first (ON CONFLICT).
CREATE FUNCTION fms.refresh_kept_forecasts()
	RETURNS TABLE (fits pg_catalog.text, series pg_catalog.int8, fitted pg_catalog.int8, dropped pg_catalog.int8)
	LANGUAGE plpgsql SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp
	AS $$
#variable_conflict use_column
DECLARE
	build constant text := fms.forecast_build();
BEGIN
	IF fms.restricted_login() THEN
		RAISE EXCEPTION 'fms.refresh_kept_forecasts() is not for a partner or industry login'
			USING ERRCODE = 'insufficient_privilege',
			      DETAIL = 'It fits every partner''s series, and its counts would tell of them.',
			      HINT = 'Run it as a role that sees every row, e.g. in a scheduled job.';
	END IF;
	RETURN QUERY
	WITH wanted AS MATERIALIZED (
		SELECT DISTINCT ON (d.digest) d.digest, m.history
		  FROM fms.demand_history AS h
		 CROSS JOIN LATERAL (VALUES (h.requests), (h.value_accepted_usd)) AS m(history)
		 CROSS JOIN LATERAL (SELECT fms.series_digest(m.history) AS digest) AS d
		 WHERE fms.forecastable(m.history)
		 ORDER BY d.digest
	), forecasts_dropped AS (
		DELETE FROM fms.kept_forecasts AS k
		 WHERE k.horizon OPERATOR(pg_catalog.=) 8 AND k.method OPERATOR(pg_catalog.=) 'auto'
		   AND (k.fitted_by OPERATOR(pg_catalog.<>) build
		        OR NOT EXISTS (SELECT FROM wanted AS w WHERE w.digest OPERATOR(pg_catalog.=) k.series_digest))
		RETURNING 1
	), forecasts_fitted AS (
		INSERT INTO fms.kept_forecasts (series_digest, horizon, method, fitted_by, model, point, lower_80, upper_80, lower_95, upper_95)
		SELECT w.digest, 8, 'auto', build, f.model, f.point, f.lower_80, f.upper_80, f.lower_95, f.upper_95
		  FROM wanted AS w
		 CROSS JOIN LATERAL (
			SELECT pg_catalog.min(f.model) AS model,
			       COALESCE(pg_catalog.array_agg(f.point ORDER BY f.step), '{}') AS point,
			       COALESCE(pg_catalog.array_agg(f.lower_80 ORDER BY f.step), '{}') AS lower_80,
			       COALESCE(pg_catalog.array_agg(f.upper_80 ORDER BY f.step), '{}') AS upper_80,
			       COALESCE(pg_catalog.array_agg(f.lower_95 ORDER BY f.step), '{}') AS lower_95,
			       COALESCE(pg_catalog.array_agg(f.upper_95 ORDER BY f.step), '{}') AS upper_95
			  FROM fms.forecast(w.history, 8, 'auto') AS f) AS f
		 WHERE NOT EXISTS (SELECT FROM fms.kept_forecasts AS k
		                    WHERE k.series_digest OPERATOR(pg_catalog.=) w.digest AND k.horizon OPERATOR(pg_catalog.=) 8
		                      AND k.method OPERATOR(pg_catalog.=) 'auto' AND k.fitted_by OPERATOR(pg_catalog.=) build)
		ON CONFLICT DO NOTHING
		RETURNING 1
	), backtests_dropped AS (
		DELETE FROM fms.kept_backtests AS k
		 WHERE k.origins OPERATOR(pg_catalog.=) 8 AND k.horizon OPERATOR(pg_catalog.=) 1 AND k.method OPERATOR(pg_catalog.=) 'auto'
		   AND (k.fitted_by OPERATOR(pg_catalog.<>) build
		        OR NOT EXISTS (SELECT FROM wanted AS w WHERE w.digest OPERATOR(pg_catalog.=) k.series_digest))
		RETURNING 1
	), backtests_fitted AS (
		INSERT INTO fms.kept_backtests (series_digest, origins, horizon, method, fitted_by, forecasts, intervals, mean_error, mae,
		                                mase, naive_mae, naive_mase, rmsse, naive_rmsse, coverage_80, coverage_95)
		SELECT w.digest, 8, 1, 'auto', build, b.forecasts, b.intervals, b.mean_error, b.mae, b.mase,
		       b.naive_mae, b.naive_mase, b.rmsse, b.naive_rmsse, b.coverage_80, b.coverage_95
		  FROM wanted AS w
		 CROSS JOIN LATERAL fms.forecast_backtest(w.history, 8, 1, 'auto') AS b
		 WHERE NOT EXISTS (SELECT FROM fms.kept_backtests AS k
		                    WHERE k.series_digest OPERATOR(pg_catalog.=) w.digest AND k.origins OPERATOR(pg_catalog.=) 8
		                      AND k.horizon OPERATOR(pg_catalog.=) 1 AND k.method OPERATOR(pg_catalog.=) 'auto'
		                      AND k.fitted_by OPERATOR(pg_catalog.=) build)
		ON CONFLICT DO NOTHING
		RETURNING 1
	)
	SELECT x.kind, (SELECT pg_catalog.count(*) FROM wanted), x.fitted_now, x.dropped_now
	  FROM (VALUES ('forecasts', (SELECT pg_catalog.count(*) FROM forecasts_fitted), (SELECT pg_catalog.count(*) FROM forecasts_dropped)),
	               ('backtests', (SELECT pg_catalog.count(*) FROM backtests_fitted), (SELECT pg_catalog.count(*) FROM backtests_dropped)))
	       AS x(kind, fitted_now, dropped_now);
END
$$;
COMMENT ON FUNCTION fms.refresh_kept_forecasts() IS 'keeps the forecast and the backtest of every series of fms.demand_history on the reports'' day (fms.kept_forecasts, fms.kept_backtests), so that fms.demand_forecast and fms.forecast_accuracy read them instead of fitting, and drops the fits of other series; per kind of fit: the distinct series, those fitted now, those dropped (other days'' and other builds'').  The views answer the same without it, only slower; refused to a partner or industry login (42501)';

-- Forecasts start with the current quarter (the first after the last
-- complete one).  Demand is never negative: a forecast or bound below zero
-- is shown as zero (a missing bound stays NULL, which GREATEST would not
-- keep).
CREATE VIEW fms.demand_forecast AS
SELECT h.level, h.program, h.region, h.country_code, h.customer_code, h.usml_category, m.measure, f.step,
       q.quarter_start, fms.fiscal_year(q.quarter_start) AS fiscal_year, fms.fiscal_quarter(q.quarter_start) AS fiscal_quarter,
       f.model,
       pg_catalog.round((CASE WHEN f.point OPERATOR(pg_catalog.<) 0 THEN 0 ELSE f.point END)::pg_catalog.numeric, 2) AS forecast,
       pg_catalog.round((CASE WHEN f.lower_80 OPERATOR(pg_catalog.<) 0 THEN 0 ELSE f.lower_80 END)::pg_catalog.numeric, 2) AS lower_80,
       pg_catalog.round((CASE WHEN f.upper_80 OPERATOR(pg_catalog.<) 0 THEN 0 ELSE f.upper_80 END)::pg_catalog.numeric, 2) AS upper_80,
       pg_catalog.round((CASE WHEN f.lower_95 OPERATOR(pg_catalog.<) 0 THEN 0 ELSE f.lower_95 END)::pg_catalog.numeric, 2) AS lower_95,
       pg_catalog.round((CASE WHEN f.upper_95 OPERATOR(pg_catalog.<) 0 THEN 0 ELSE f.upper_95 END)::pg_catalog.numeric, 2) AS upper_95
  FROM fms.demand_history AS h
 CROSS JOIN LATERAL (VALUES ('requests'::pg_catalog.text, h.requests), ('value_accepted_usd', h.value_accepted_usd))
       AS m(measure, history)
  LEFT JOIN fms.kept_forecasts AS k
    ON k.series_digest OPERATOR(pg_catalog.=) fms.series_digest(m.history)
   AND k.horizon OPERATOR(pg_catalog.=) 8 AND k.method OPERATOR(pg_catalog.=) 'auto'
   AND k.fitted_by OPERATOR(pg_catalog.=) (SELECT fms.forecast_build())
 CROSS JOIN LATERAL (
	SELECT u.step::pg_catalog.int4 AS step, u.point, u.lower_80, u.upper_80, u.lower_95, u.upper_95, k.model
	  FROM ROWS FROM (pg_catalog.unnest(k.point), pg_catalog.unnest(k.lower_80), pg_catalog.unnest(k.upper_80),
	                  pg_catalog.unnest(k.lower_95), pg_catalog.unnest(k.upper_95)) WITH ORDINALITY
	       AS u(point, lower_80, upper_80, lower_95, upper_95, step)
	 WHERE k.series_digest IS NOT NULL
	UNION ALL
	SELECT f.step, f.point, f.lower_80, f.upper_80, f.lower_95, f.upper_95, f.model
	  FROM fms.forecast(m.history, 8, 'auto') AS f
	 WHERE k.series_digest IS NULL AND fms.forecastable(m.history)) AS f
 CROSS JOIN LATERAL (SELECT (h.last_quarter OPERATOR(pg_catalog.+)
                             pg_catalog.make_interval(months => 3 OPERATOR(pg_catalog.*) f.step))::pg_catalog.date AS quarter_start) AS q;
COMMENT ON VIEW fms.demand_forecast IS 'demand forecast for the next 8 quarters (the current one first) by program, region, partner and USML category, and summed by region and category, region, category and program: requests and value accepted, with 80% and 95% prediction intervals (fms.forecast, method auto; a series'' fit is read from fms.kept_forecasts when kept there); a series fms.forecastable refuses has no rows';
COMMENT ON COLUMN fms.demand_forecast.level IS 'what the series sums over (fms.demand_history.level)';
COMMENT ON COLUMN fms.demand_forecast.program IS 'FMS or DCS';
COMMENT ON COLUMN fms.demand_forecast.region IS 'State Department region, where the level has one';
COMMENT ON COLUMN fms.demand_forecast.country_code IS 'destination country at level partner and category';
COMMENT ON COLUMN fms.demand_forecast.customer_code IS 'FMS customer at level partner and category';
COMMENT ON COLUMN fms.demand_forecast.usml_category IS 'USML category, where the level has one (NULL there for no category)';
COMMENT ON COLUMN fms.demand_forecast.measure IS 'requests (FMS LORs, DCS applications) or value_accepted_usd (FMS value accepted, DCS value approved)';
COMMENT ON COLUMN fms.demand_forecast.step IS 'quarters ahead: 1 is the current quarter';
COMMENT ON COLUMN fms.demand_forecast.quarter_start IS 'first day of the quarter forecast';
COMMENT ON COLUMN fms.demand_forecast.fiscal_year IS 'fiscal year of the quarter';
COMMENT ON COLUMN fms.demand_forecast.fiscal_quarter IS 'fiscal quarter, e.g. FY2027 Q2';
COMMENT ON COLUMN fms.demand_forecast.model IS 'the model fitted: ETS(A,N,N) ... ETS(A,Ad,A), sba, zero, naive or mean';
COMMENT ON COLUMN fms.demand_forecast.forecast IS 'point forecast (the mean), at least 0';
COMMENT ON COLUMN fms.demand_forecast.lower_80 IS 'lower bound of the 80% prediction interval, at least 0; NULL where the history cannot give one';
COMMENT ON COLUMN fms.demand_forecast.upper_80 IS 'upper bound of the 80% prediction interval';
COMMENT ON COLUMN fms.demand_forecast.lower_95 IS 'lower bound of the 95% prediction interval, at least 0';
COMMENT ON COLUMN fms.demand_forecast.upper_95 IS 'upper bound of the 95% prediction interval';

-- Rolling origin over the last 8 quarters, one quarter ahead: from each of
-- the last 8 complete quarters' starts, the method rule forecasts that
-- quarter from the history before it.  A slice's MASE is its mean absolute
-- error over the mean absolute seasonal (4-quarter) difference of its
-- history before the first origin: below 1 beats that naive forecast in
-- sample; naive_mase is the seasonal naive forecast's own over the same 8
-- quarters.  The MASE rewards forecasting the median, and the median of
-- intermittent demand is zero: a forecast of the mean (what planning
-- needs, and what the methods give) is judged fairly by the RMSSE, the
-- root mean squared error over the root mean squared seasonal difference
-- (the measure of the M5 competition, for the same reason).  Overall rows give the median of the slices' MASE (those
-- defined: a mean would be ruled by the intermittent series, whose scale
-- is near zero) and pool their coverage over the forecasts with an
-- interval.
CREATE VIEW fms.forecast_accuracy AS
WITH scored AS (
	SELECT h.level, h.program, h.region, h.country_code, h.customer_code, h.usml_category, m.measure, b.*
	  FROM fms.demand_history AS h
	 CROSS JOIN LATERAL (VALUES ('requests'::pg_catalog.text, h.requests), ('value_accepted_usd', h.value_accepted_usd))
	       AS m(measure, history)
	  LEFT JOIN fms.kept_backtests AS k
	    ON k.series_digest OPERATOR(pg_catalog.=) fms.series_digest(m.history) AND k.origins OPERATOR(pg_catalog.=) 8
	   AND k.horizon OPERATOR(pg_catalog.=) 1 AND k.method OPERATOR(pg_catalog.=) 'auto'
	   AND k.fitted_by OPERATOR(pg_catalog.=) (SELECT fms.forecast_build())
	 CROSS JOIN LATERAL (
		SELECT k.forecasts, k.intervals, k.mean_error, k.mae, k.mase, k.naive_mae, k.naive_mase, k.rmsse, k.naive_rmsse,
		       k.coverage_80, k.coverage_95
		 WHERE k.series_digest IS NOT NULL
		UNION ALL
		SELECT b.*
		  FROM fms.forecast_backtest(m.history, 8, 1, 'auto') AS b
		 WHERE k.series_digest IS NULL AND fms.forecastable(m.history)) AS b
)
SELECT false AS overall, s.level, s.program, s.region, s.country_code, s.customer_code, s.usml_category, s.measure,
       1 AS series, s.forecasts, s.intervals, s.mean_error, s.mae, s.mase, s.naive_mae, s.naive_mase, s.rmsse, s.naive_rmsse,
       s.coverage_80, s.coverage_95
  FROM scored AS s
UNION ALL
-- A sum of float8 depends on the order of its terms: each is taken in
-- the order of the series, so that every plan gives the same digits.
SELECT true, s.level, s.program, NULL, NULL, NULL, NULL, s.measure,
       pg_catalog.count(*)::pg_catalog.int4, pg_catalog.sum(s.forecasts)::pg_catalog.int4, pg_catalog.sum(s.intervals)::pg_catalog.int4,
       pg_catalog.sum(s.mean_error OPERATOR(pg_catalog.*) s.forecasts ORDER BY s.region, s.country_code, s.customer_code, s.usml_category)
           OPERATOR(pg_catalog./) NULLIF(pg_catalog.sum(s.forecasts), 0),
       pg_catalog.avg(s.mae ORDER BY s.region, s.country_code, s.customer_code, s.usml_category),
       pg_catalog.percentile_cont(0.5) WITHIN GROUP (ORDER BY s.mase),
       pg_catalog.avg(s.naive_mae ORDER BY s.region, s.country_code, s.customer_code, s.usml_category),
       pg_catalog.percentile_cont(0.5) WITHIN GROUP (ORDER BY s.naive_mase),
       pg_catalog.percentile_cont(0.5) WITHIN GROUP (ORDER BY s.rmsse),
       pg_catalog.percentile_cont(0.5) WITHIN GROUP (ORDER BY s.naive_rmsse),
       pg_catalog.sum(s.coverage_80 OPERATOR(pg_catalog.*) s.intervals ORDER BY s.region, s.country_code, s.customer_code, s.usml_category)
           OPERATOR(pg_catalog./) NULLIF(pg_catalog.sum(s.intervals), 0),
       pg_catalog.sum(s.coverage_95 OPERATOR(pg_catalog.*) s.intervals ORDER BY s.region, s.country_code, s.customer_code, s.usml_category)
           OPERATOR(pg_catalog./) NULLIF(pg_catalog.sum(s.intervals), 0)
  FROM scored AS s
 GROUP BY s.level, s.program, s.measure;
COMMENT ON VIEW fms.forecast_accuracy IS 'rolling-origin backtest of the demand forecasts over the last 8 complete quarters, one quarter ahead: per series of fms.demand_history and overall per level, program and measure, the MASE and RMSSE against the seasonal naive forecast and the coverage of the 80% and 95% intervals (a series'' backtest is read from fms.kept_backtests when kept there); a series fms.forecastable refuses has no rows';
COMMENT ON COLUMN fms.forecast_accuracy.overall IS 'true for the summary of every series of a level, program and measure';
COMMENT ON COLUMN fms.forecast_accuracy.level IS 'what the series sums over (fms.demand_history.level)';
COMMENT ON COLUMN fms.forecast_accuracy.program IS 'FMS or DCS';
COMMENT ON COLUMN fms.forecast_accuracy.region IS 'State Department region, where the level has one; NULL in overall rows';
COMMENT ON COLUMN fms.forecast_accuracy.country_code IS 'destination country at level partner and category; NULL in overall rows';
COMMENT ON COLUMN fms.forecast_accuracy.customer_code IS 'FMS customer at level partner and category; NULL in overall rows';
COMMENT ON COLUMN fms.forecast_accuracy.usml_category IS 'USML category, where the level has one; NULL in overall rows';
COMMENT ON COLUMN fms.forecast_accuracy.measure IS 'requests or value_accepted_usd';
COMMENT ON COLUMN fms.forecast_accuracy.series IS 'series summarized: 1, or the number in an overall row';
COMMENT ON COLUMN fms.forecast_accuracy.forecasts IS 'one-quarter-ahead forecasts scored (up to 8 per series; fewer for a short history)';
COMMENT ON COLUMN fms.forecast_accuracy.intervals IS 'forecasts scored that had an interval (a history too short for one has none)';
COMMENT ON COLUMN fms.forecast_accuracy.mean_error IS 'mean of forecast minus actual: above 0 the forecasts ran high, below 0 low (over every forecast of the series in an overall row)';
COMMENT ON COLUMN fms.forecast_accuracy.mae IS 'mean absolute error of the forecasts (mean over the series in an overall row)';
COMMENT ON COLUMN fms.forecast_accuracy.mase IS 'mean absolute scaled error: mae over the mean absolute 4-quarter difference of the history before the first origin; NULL where that is 0 or too short to tell (an overall row gives the median of the defined ones)';
COMMENT ON COLUMN fms.forecast_accuracy.naive_mae IS 'mean absolute error of the seasonal naive forecast (the same quarter a year before) on the same quarters';
COMMENT ON COLUMN fms.forecast_accuracy.naive_mase IS 'its MASE (the median in an overall row): the forecast beats the seasonal naive one where mase < naive_mase';
COMMENT ON COLUMN fms.forecast_accuracy.rmsse IS 'root mean squared scaled error: the root mean squared error over the root mean squared 4-quarter difference of the history before the first origin (the median in an overall row); fair to forecasts of the mean of intermittent demand, which the MASE is not';
COMMENT ON COLUMN fms.forecast_accuracy.naive_rmsse IS 'the seasonal naive forecast''s RMSSE (the median in an overall row)';
COMMENT ON COLUMN fms.forecast_accuracy.coverage_80 IS 'share of the actuals inside the 80% interval (pooled over the series in an overall row); near 0.8 when the intervals are honest';
COMMENT ON COLUMN fms.forecast_accuracy.coverage_95 IS 'share of the actuals inside the 95% interval';

-- What industry can deliver per quarter under a USML category, in U.S.
-- dollars, as the user estimates it (from the services' production plans,
-- industry surveys, contract ceilings): effective-dated, so that a plan
-- raised next year is recorded beside this year's.
CREATE TABLE fms.production_capacity (
	usml_category pg_catalog.int4 NOT NULL
		CONSTRAINT category_is_on_the_usml CHECK (usml_category OPERATOR(pg_catalog.>=) 1 AND usml_category OPERATOR(pg_catalog.<=) 21),
	valid_from pg_catalog.date NOT NULL
		CONSTRAINT valid_from_is_a_day CHECK (pg_catalog.isfinite(valid_from)),
	valid_to pg_catalog.date,
	capacity_usd_per_quarter pg_catalog.numeric NOT NULL
		CONSTRAINT capacity_is_finite_not_negative
		CHECK (capacity_usd_per_quarter OPERATOR(pg_catalog.>=) 0 AND capacity_usd_per_quarter OPERATOR(pg_catalog.<) 'Infinity'),
	source pg_catalog.text NOT NULL,
	PRIMARY KEY (usml_category, valid_from),
	CONSTRAINT validity_is_not_empty CHECK (valid_to IS NULL OR valid_to OPERATOR(pg_catalog.>) valid_from),
	-- Checked at commit, as for the other effective-dated tables.
	CONSTRAINT production_capacity_periods_do_not_overlap EXCLUDE USING gist (
		usml_category WITH OPERATOR(pg_catalog.=),
		pg_catalog.daterange(valid_from, valid_to) WITH OPERATOR(pg_catalog.&&)) DEFERRABLE INITIALLY DEFERRED
);
SELECT pg_catalog.pg_extension_config_dump('fms.production_capacity', '');
COMMENT ON TABLE fms.production_capacity IS 'what industry can deliver per quarter under each USML category, U.S. dollars, valid over [valid_from, valid_to); entered by the user';
COMMENT ON COLUMN fms.production_capacity.usml_category IS 'USML category, 1 to 21';
COMMENT ON COLUMN fms.production_capacity.valid_from IS 'first day the capacity holds';
COMMENT ON COLUMN fms.production_capacity.valid_to IS 'first day it no longer holds; NULL while current';
COMMENT ON COLUMN fms.production_capacity.capacity_usd_per_quarter IS 'value industry can deliver in a quarter, U.S. dollars';
COMMENT ON COLUMN fms.production_capacity.source IS 'where the figure comes from';

-- The load on industry by category over the 8 complete quarters before the
-- current one and the 8 from it:
--   past quarters: the value delivered;
--   the current and later ones: the larger of what is scheduled (planned
--   and not delivered by today, at the line's category in force today; a planned
--   day already past counts in the current quarter; the current quarter
--   also counts what it has delivered so far) and the forecast of the
--   value delivered (fms.forecast of each category's quarterly deliveries
--   since fms.forecast_history_start(), method auto).
-- Capacity in a quarter is the day-weighted mean of the capacities in
-- force over the days of it that have one.  A quarter is over capacity
-- when its load exceeds that, at risk when the upper bound of the 80%
-- interval of the forecast does.
CREATE VIEW fms.supply_load AS
WITH current_quarter AS (
	SELECT pg_catalog.date_trunc('quarter', fms.today()::pg_catalog.timestamp)::pg_catalog.date AS quarter_start
), delivered AS (
	SELECT f.usml_category, pg_catalog.date_trunc('quarter', f.on_date)::pg_catalog.date AS quarter_start,
	       pg_catalog.sum(f.delivered_usd) AS delivered_usd
	  FROM fms.category_flows AS f
	 WHERE f.delivered_usd OPERATOR(pg_catalog.<>) 0 AND f.usml_category IS NOT NULL
	   AND f.on_date OPERATOR(pg_catalog.<=) fms.today()
	 GROUP BY 1, 2
), history AS (
	-- each category's value delivered per complete quarter, zeros included
	SELECT d.usml_category, pg_catalog.array_agg(fms.saturated_float8(COALESCE(x.delivered_usd, 0)) ORDER BY q.q) AS series
	  FROM (SELECT d.usml_category, GREATEST(pg_catalog.min(d.quarter_start), fms.forecast_history_start()) AS first_quarter
	          FROM delivered AS d GROUP BY 1) AS d
	 CROSS JOIN current_quarter AS c
	 CROSS JOIN LATERAL pg_catalog.generate_series(d.first_quarter::pg_catalog.timestamp,
	                                               c.quarter_start OPERATOR(pg_catalog.-) '3 months'::pg_catalog.interval,
	                                               '3 months'::pg_catalog.interval) AS q
	  LEFT JOIN delivered AS x
	    ON x.usml_category OPERATOR(pg_catalog.=) d.usml_category AND x.quarter_start OPERATOR(pg_catalog.=) q.q::pg_catalog.date
	 GROUP BY d.usml_category
), forecast AS (
	SELECT h.usml_category,
	       (c.quarter_start OPERATOR(pg_catalog.+) pg_catalog.make_interval(months => 3 OPERATOR(pg_catalog.*) (f.step OPERATOR(pg_catalog.-) 1)))::pg_catalog.date
	           AS quarter_start,
	       (CASE WHEN f.point OPERATOR(pg_catalog.<) 0 THEN 0 ELSE f.point END)::pg_catalog.numeric AS forecast_usd,
	       (CASE WHEN f.upper_80 OPERATOR(pg_catalog.<) 0 THEN 0 ELSE f.upper_80 END)::pg_catalog.numeric AS upper_80
	  FROM history AS h
	 CROSS JOIN current_quarter AS c
	 CROSS JOIN LATERAL fms.forecast(h.series, 8, 'auto') AS f
	 WHERE fms.forecastable(h.series)
), scheduled AS (
	-- not delivered by today (a delivery recorded after the reports' day
	-- counts as planned then, on its planned day or else its delivery day)
	SELECT fms.usml_category(l.usml) AS usml_category,
	       GREATEST(pg_catalog.date_trunc('quarter', COALESCE(e.planned_on, e.delivered_on))::pg_catalog.date, c.quarter_start)
	           AS quarter_start,
	       pg_catalog.sum(e.value_usd) AS scheduled_usd
	  FROM fms.deliveries AS e
	  JOIN fms.case_lines_as_of(fms.today()) AS l
	    ON l.case_id OPERATOR(fms.=) e.case_id AND l.line_no OPERATOR(pg_catalog.=) e.line_no
	 CROSS JOIN current_quarter AS c
	 WHERE (e.delivered_on IS NULL OR e.delivered_on OPERATOR(pg_catalog.>) fms.today()) AND l.usml IS NOT NULL
	 GROUP BY 1, 2
), quarters AS (
	SELECT (c.quarter_start OPERATOR(pg_catalog.+) pg_catalog.make_interval(months => 3 OPERATOR(pg_catalog.*) k))::pg_catalog.date AS quarter_start,
	       (c.quarter_start OPERATOR(pg_catalog.+) pg_catalog.make_interval(months => 3 OPERATOR(pg_catalog.*) (k OPERATOR(pg_catalog.+) 1)))::pg_catalog.date
	           AS quarter_end,
	       k OPERATOR(pg_catalog.>=) 0 AS ahead
	  FROM current_quarter AS c, pg_catalog.generate_series(-8, 7) AS k
), categories AS (
	SELECT d.usml_category FROM delivered AS d
	UNION
	SELECT s.usml_category FROM scheduled AS s
	UNION
	SELECT p.usml_category FROM fms.production_capacity AS p
), capacity AS (
	SELECT p.usml_category, q.quarter_start,
	       pg_catalog.sum(p.capacity_usd_per_quarter OPERATOR(pg_catalog.*) (pg_catalog.upper(o.days) OPERATOR(pg_catalog.-) pg_catalog.lower(o.days)))
	       OPERATOR(pg_catalog./) pg_catalog.sum(pg_catalog.upper(o.days) OPERATOR(pg_catalog.-) pg_catalog.lower(o.days)) AS capacity_usd
	  FROM fms.production_capacity AS p
	  JOIN quarters AS q
	    ON pg_catalog.daterange(p.valid_from, p.valid_to) OPERATOR(pg_catalog.&&) pg_catalog.daterange(q.quarter_start, q.quarter_end)
	 CROSS JOIN LATERAL (SELECT pg_catalog.daterange(p.valid_from, p.valid_to) OPERATOR(pg_catalog.*)
	                            pg_catalog.daterange(q.quarter_start, q.quarter_end) AS days) AS o
	 GROUP BY 1, 2
), loads AS (
	SELECT g.usml_category, q.quarter_start, q.ahead,
	       COALESCE(d.delivered_usd, 0) AS delivered_usd,
	       CASE WHEN q.ahead THEN COALESCE(s.scheduled_usd, 0) END AS scheduled_usd,
	       pg_catalog.round(f.forecast_usd, 2) AS forecast_usd,
	       pg_catalog.round(f.upper_80, 2) AS forecast_upper_80,
	       c.capacity_usd
	  FROM categories AS g
	 CROSS JOIN quarters AS q
	  LEFT JOIN delivered AS d
	    ON d.usml_category OPERATOR(pg_catalog.=) g.usml_category AND d.quarter_start OPERATOR(pg_catalog.=) q.quarter_start
	  LEFT JOIN scheduled AS s
	    ON s.usml_category OPERATOR(pg_catalog.=) g.usml_category AND s.quarter_start OPERATOR(pg_catalog.=) q.quarter_start
	  LEFT JOIN forecast AS f
	    ON f.usml_category OPERATOR(pg_catalog.=) g.usml_category AND f.quarter_start OPERATOR(pg_catalog.=) q.quarter_start
	  LEFT JOIN capacity AS c
	    ON c.usml_category OPERATOR(pg_catalog.=) g.usml_category AND c.quarter_start OPERATOR(pg_catalog.=) q.quarter_start
)
SELECT l.usml_category, l.quarter_start, fms.fiscal_year(l.quarter_start) AS fiscal_year,
       fms.fiscal_quarter(l.quarter_start) AS fiscal_quarter, l.ahead,
       l.delivered_usd, l.scheduled_usd, l.forecast_usd, l.forecast_upper_80,
       x.load_usd, pg_catalog.round(l.capacity_usd, 2) AS capacity_usd,
       pg_catalog.round(x.load_usd OPERATOR(pg_catalog./) NULLIF(l.capacity_usd, 0), 3) AS load_ratio,
       x.load_usd OPERATOR(pg_catalog.>) l.capacity_usd AS over_capacity,
       l.ahead AND GREATEST(x.load_usd, l.forecast_upper_80) OPERATOR(pg_catalog.>) l.capacity_usd AS at_risk
  FROM loads AS l
 CROSS JOIN LATERAL (SELECT CASE WHEN l.ahead THEN GREATEST(l.delivered_usd OPERATOR(pg_catalog.+) l.scheduled_usd, l.forecast_usd)
                                 ELSE l.delivered_usd END AS load_usd) AS x;
COMMENT ON VIEW fms.supply_load IS 'the load on industry by USML category and quarter, 8 complete quarters back and 8 ahead (the current one first): value delivered, scheduled and forecast against fms.production_capacity, flagging the quarters where demand exceeds capacity; a category whose history fms.forecastable refuses has no forecast';
COMMENT ON COLUMN fms.supply_load.usml_category IS 'USML category';
COMMENT ON COLUMN fms.supply_load.quarter_start IS 'first day of the quarter';
COMMENT ON COLUMN fms.supply_load.fiscal_year IS 'fiscal year';
COMMENT ON COLUMN fms.supply_load.fiscal_quarter IS 'fiscal quarter, e.g. FY2027 Q1';
COMMENT ON COLUMN fms.supply_load.ahead IS 'the current quarter or a later one (scheduled and forecast); false for the complete quarters before';
COMMENT ON COLUMN fms.supply_load.delivered_usd IS 'value delivered in the quarter (so far, in the current one), U.S. dollars';
COMMENT ON COLUMN fms.supply_load.scheduled_usd IS 'value planned for the quarter and not delivered by today (planned days already past count in the current quarter); NULL for past quarters';
COMMENT ON COLUMN fms.supply_load.forecast_usd IS 'forecast of the value delivered in the quarter (fms.forecast of the category''s quarterly deliveries); NULL for past quarters';
COMMENT ON COLUMN fms.supply_load.forecast_upper_80 IS 'upper bound of the forecast''s 80% prediction interval';
COMMENT ON COLUMN fms.supply_load.load_usd IS 'the load: the value delivered for past quarters; for the current and later ones the larger of delivered plus scheduled and the forecast';
COMMENT ON COLUMN fms.supply_load.capacity_usd IS 'capacity in the quarter (fms.production_capacity, day-weighted over the days with one); NULL if none is recorded';
COMMENT ON COLUMN fms.supply_load.load_ratio IS 'load over capacity';
COMMENT ON COLUMN fms.supply_load.over_capacity IS 'the load exceeds the capacity; NULL without a capacity';
COMMENT ON COLUMN fms.supply_load.at_risk IS 'ahead, and the load or the forecast''s 80% upper bound exceeds the capacity; false for past quarters, NULL ahead without a capacity';

-- fms.generate_sample_data(cases, seed, as_of) fills an empty database with
-- a portfolio whose shape follows the public figures (DOMAIN.md sections 7
-- and 10; each figure below names its source): `cases` open FMS cases on
-- as_of (default 16,000, the size of the real open portfolio) worth $903
-- billion per 16,000, with the closed and cancelled history behind them,
-- for real Security Cooperation customers weighted as the largest partners
-- are; their lines, deliveries, payments and congressional notifications;
-- and the DCS licences of the last full fiscal year and of the current one
-- (about $200 billion of approvals a year per 16,000 cases).
--
-- Every row goes through the workflow engine and its guards: each step of
-- the life cycle (write, review, ..., closed) is one UPDATE of all the
-- documents that take it, each on its own date (the "<status>_since" the
-- statement gives, see workflow_trigger.c).  The plan is drawn first, from
-- the seed alone (setseed and random() in one ordered pass), so the same
-- seed and as_of give the same portfolio, byte for byte.
--
-- Shape, by construction:
--   customers  fms.sample_customer_profile(): each case's customer drawn by
--              the customer's share of open value (every customer gets at
--              least three cases);
--   time       LORs over the 20 fiscal years to as_of, as many a year as
--              that year's FMS sales (fms.sample_annual_figures);
--   scale      values scaled in turn so that each customer holds its share
--              of the open value and the cases accepted in each fiscal year
--              that year's FMS sales, then by one factor so that the open
--              cases total $903 billion per 16,000;
--   values     log-normal with a heavy tail (most cases small, a few very
--              large), so that about a hundred sales a year need a
--              36(b)(1) notification; MDE for 60% of cases, design and
--              construction for 8%;
--   timeline   LOR complete 3-30 days after receipt; MILAP at 50-85% of the
--              AOD target after it (15% late, up to 1.8 times); review,
--              proposed and offer a few days apart; a required 36(b)
--              notification sent just after proposed (the informal review
--              before it), the offer after its formal review; acceptance
--              on or before the OED the rules derive (MILAP plus the
--              period in force); implementation 5-45 days later; supply
--              complete 3-18 years on; closure after the timers in force
--              (ACCP participants through interim closure);
--   outcomes   3% cancelled in development, 3% stalled in review and
--              withdrawn one to three years later, 2% withdrawn when
--              proposed, 2% offers that expire unaccepted; a sale the
--              export rules would deny on its offer date is cancelled when
--              proposed;
--   changes    10% of implemented cases get an amendment (2% of them large
--              enough for a 36(b)(5)(C) notification), 15% a modification;
--   lines      the MDE as one line of an item of the implementing agency's
--              kind, design and construction as one, the rest as support;
--              deliveries complete before supply complete, half the
--              equipment delivered on implemented cases; 30% paid on
--              acceptance and three half-yearly instalments;
--   DCS        30,000 licences a full fiscal year per 16,000 cases, most of
--              small value and a few very large, 2% denied and 3% returned
--              without action, 36(c) and 36(d) notifications where the
--              rules require them, decided no earlier than their review
--              ends.

-- The sample's customers: Security Cooperation customer codes (SAMM Table
-- C4.T2; not ISO codes) of real partners, with each one's share of the
-- value of open cases and where the code and the share come from.  No
-- territory, no United States, no 126.1(d)(1) destination.  Codes seen in
-- a source are marked confirmed; the others follow the FIPS 10-4 pattern
-- that most SC codes share, and are marked unconfirmed.  The shares are
-- estimates from the programs notified to Congress (no public breakdown of
-- open case value by customer was found).  fmf_share is the share of a
-- customer's cases paid with Foreign Military Financing (illustrative);
-- those customers, and France (DSCA Policy 20-45), take part in ACCP.
CREATE FUNCTION fms.sample_customer_profile()
	RETURNS TABLE (customer_code pg_catalog.text, name pg_catalog.text, country_code pg_catalog.text,
	               kind pg_catalog.text, country_group pg_catalog.text, open_value_percent pg_catalog.numeric,
	               fmf_share pg_catalog.float8, accp_participant pg_catalog.bool, source pg_catalog.text)
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
	AS $$
	SELECT * FROM (VALUES
	('SR', 'Saudi Arabia', 'SA', 'country', NULL, 9.884, 0.0, false,
	 'weight: largest open FMS portfolio: THAAD, Patriot, F-15SA sustainment, Apache, munitions, RSAF/RSLF support cases; code confirmed: https://votesmart.org/public-statement/1675424 (Cong. Rec. 2024-05-01, Transmittal 24-12: ''FMS case SR-P-TDD'')'),
	('PL', 'Poland', 'PL', 'country', NULL, 9.260, 0.05, true,
	 'weight: Patriot phase II, Abrams M1A2/M1A1, HIMARS, AH-64E, IBCS, F-16 upgrade notifications FY2018-2025; code unconfirmed: FIPS 10-4 pattern'),
	('JA', 'Japan', 'JP', 'country', NULL, 8.231, 0.0, false,
	 'weight: F-35A/B, Aegis/SM-3/SM-6, Tomahawk, E-2D, KC-46 notifications FY2017-2025; code unconfirmed: FIPS 10-4 pattern'),
	('IS', 'Israel', 'IL', 'country', NULL, 6.585, 0.9, true,
	 'weight: F-35I, F-15IA, KC-46, munitions, FMF-funded cases FY2020-2025; code confirmed: https://votesmart.org/public-statement/1459076 (Cong. Rec. 2020-08-10, Transmittal 20-44: ''Army (IS-B-ZMI, IS-B-ZMJ)'')'),
	('AT', 'Australia', 'AU', 'country', NULL, 6.482, 0.0, false,
	 'weight: F-35A, MQ-4C, P-8A, Tomahawk, HIMARS, Abrams, UH-60M, SM-2/SM-6; code unconfirmed: recalled from public case identifiers; differs from FIPS 10-4 (AS)'),
	('GY', 'Germany', 'DE', 'country', NULL, 4.733, 0.0, false,
	 'weight: F-35A, CH-47F, P-8A, Patriot, AMRAAM notifications FY2022-2025; code unconfirmed: recalled from public case identifiers; differs from FIPS 10-4 (GM)'),
	('TW', 'Taiwan (TECRO)', 'TW', 'country', NULL, 4.733, 0.1, true,
	 'weight: F-16V Block 70, HIMARS, Harpoon coastal defense, M1A2T, NASAMS, 2025 packages; code unconfirmed: FIPS 10-4 pattern'),
	('KS', 'South Korea', 'KR', 'country', NULL, 3.704, 0.0, false,
	 'weight: F-35A second batch, P-8A, SM-6, AH-64E, CH-47F, Patriot upgrades; code unconfirmed: FIPS 10-4 pattern'),
	('UK', 'United Kingdom', 'GB', 'country', NULL, 3.704, 0.0, false,
	 'weight: P-8A, AH-64E, E-7/CH-47 support, Tomahawk, MQ-9B, C-17 CLS; code unconfirmed: FIPS 10-4 pattern'),
	('CN', 'Canada', 'CA', 'country', NULL, 3.292, 0.0, false,
	 'weight: F-35A (88), P-8A, MQ-9B, C-17/C-130J support; code unconfirmed: recalled from public case identifiers; differs from FIPS 10-4 (CA)'),
	('QA', 'Qatar', 'QA', 'country', NULL, 2.881, 0.0, false,
	 'weight: F-15QA, AH-64E, Patriot, NASAMS, MQ-9B notifications FY2016-2025; code unconfirmed: FIPS 10-4 pattern'),
	('AE', 'United Arab Emirates', 'AE', 'country', NULL, 2.366, 0.0, false,
	 'weight: THAAD, Patriot, CH-47F, munitions, sustainment; code unconfirmed: FIPS 10-4 pattern'),
	('FI', 'Finland', 'FI', 'country', NULL, 2.161, 0.0, false,
	 'weight: F-35A HX program, AMRAAM, JASSM-ER, GMLRS; code unconfirmed: FIPS 10-4 pattern'),
	('GR', 'Greece', 'GR', 'country', NULL, 2.058, 0.0, false,
	 'weight: F-35A, F-16V upgrade, MH-60R, Black Hawk; code unconfirmed: FIPS 10-4 pattern'),
	('KU', 'Kuwait', 'KW', 'country', NULL, 2.058, 0.0, false,
	 'weight: Patriot, M1A2K Abrams, F/A-18E/F, NASAMS, AH-64E sustainment; code unconfirmed: FIPS 10-4 pattern'),
	('NE', 'Netherlands', 'NL', 'country', NULL, 2.058, 0.0, false,
	 'weight: F-35A, Patriot, CH-47F, AH-64E, MQ-9A, Tomahawk; code unconfirmed: recalled from public case identifiers; differs from FIPS 10-4 (NL)'),
	('EG', 'Egypt', 'EG', 'country', NULL, 1.852, 0.9, true,
	 'weight: FMF-funded F-16, AH-64, M1A1 coproduction, C-130J, sustainment; code unconfirmed: FIPS 10-4 pattern'),
	('TK', 'Turkey', 'TR', 'country', NULL, 1.852, 0.0, false,
	 'weight: F-16 Block 70 and modernization kits (2024), sustainment; code unconfirmed: recalled from public case identifiers; differs from FIPS 10-4 (TU)'),
	('N4', 'NATO Support and Procurement Agency (NSPA)', NULL, 'organization', 'NATO', 1.338, 0.0, false,
	 'weight: C-17 SAC CLS, multinational Stinger/Javelin/AMRAAM and sustainment buys as Lead Nation; code confirmed: https://samm.dsca.mil/node/16832 (SAMM blanket retransfer step-by-step: Lead Nation NSPA, example case ''N4-D-YAB'')'),
	('RO', 'Romania', 'RO', 'country', NULL, 1.338, 0.0, false,
	 'weight: F-35A, Patriot, HIMARS, Abrams, F-16 sustainment; code unconfirmed: FIPS 10-4 pattern'),
	('EZ', 'Czechia', 'CZ', 'country', NULL, 1.235, 0.0, false,
	 'weight: F-35A, AH-1Z/UH-1Y, Javelin; code unconfirmed: FIPS 10-4 pattern'),
	('NO', 'Norway', 'NO', 'country', NULL, 1.235, 0.0, false,
	 'weight: F-35A, P-8A, HIMARS, MH-60R; code unconfirmed: FIPS 10-4 pattern'),
	('SZ', 'Switzerland', 'CH', 'country', NULL, 1.132, 0.0, false,
	 'weight: F-35A (Air2030), Patriot; code unconfirmed: FIPS 10-4 pattern'),
	('BE', 'Belgium', 'BE', 'country', NULL, 0.926, 0.0, false,
	 'weight: F-35A (34+11), MQ-9B; code unconfirmed: FIPS 10-4 pattern'),
	('DA', 'Denmark', 'DK', 'country', NULL, 0.926, 0.0, false,
	 'weight: F-35A, MH-60R, AMRAAM; code unconfirmed: FIPS 10-4 pattern'),
	('IQ', 'Iraq', 'IQ', 'country', NULL, 0.926, 0.3, true,
	 'weight: F-16IQ sustainment, Abrams/armor sustainment, Bell 505 (FMF/national); code unconfirmed: recalled from public case identifiers; differs from FIPS 10-4 (IZ)'),
	('MO', 'Morocco', 'MA', 'country', NULL, 0.926, 0.1, true,
	 'weight: F-16V, AH-64E, HIMARS, Javelin; code unconfirmed: FIPS 10-4 pattern'),
	('IN', 'India', 'IN', 'country', NULL, 0.823, 0.0, false,
	 'weight: MQ-9B, MH-60R, P-8I, AH-64E; code unconfirmed: FIPS 10-4 pattern'),
	('JO', 'Jordan', 'JO', 'country', NULL, 0.720, 0.8, true,
	 'weight: F-16 Block 70, FMF-funded sustainment; code unconfirmed: FIPS 10-4 pattern'),
	('SN', 'Singapore', 'SG', 'country', NULL, 0.720, 0.0, false,
	 'weight: F-35B, F-16 upgrade, CH-47F; code unconfirmed: FIPS 10-4 pattern'),
	('BA', 'Bahrain', 'BH', 'country', NULL, 0.617, 0.0, false,
	 'weight: F-16 Block 70, AH-1Z, Patriot; code unconfirmed: FIPS 10-4 pattern'),
	('IT', 'Italy', 'IT', 'country', NULL, 0.617, 0.0, false,
	 'weight: MQ-9, munitions, KC-767/C-130J support (F-35 is cooperative, not FMS); code unconfirmed: FIPS 10-4 pattern'),
	('UP', 'Ukraine', 'UA', 'country', NULL, 0.617, 0.6, true,
	 'weight: partner-funded FMS (HAWK, air defense sustainment) 2022-2025; code unconfirmed: FIPS 10-4 pattern'),
	('BU', 'Bulgaria', 'BG', 'country', NULL, 0.514, 0.0, false,
	 'weight: F-16 Block 70 (two tranches), Javelin; code unconfirmed: FIPS 10-4 pattern'),
	('LO', 'Slovakia', 'SK', 'country', NULL, 0.514, 0.0, false,
	 'weight: F-16 Block 70, AH-1Z; code unconfirmed: FIPS 10-4 pattern'),
	('SP', 'Spain', 'ES', 'country', NULL, 0.514, 0.0, false,
	 'weight: SM-2, MH-60R, Aegis equipment for F-110; code unconfirmed: FIPS 10-4 pattern'),
	('SW', 'Sweden', 'SE', 'country', NULL, 0.514, 0.0, false,
	 'weight: Patriot, AMRAAM, GMLRS; code unconfirmed: FIPS 10-4 pattern'),
	('FR', 'France', 'FR', 'country', NULL, 0.412, 0.0, true,
	 'weight: E-2D, KC-130J, MQ-9 sustainment; code unconfirmed: FIPS 10-4 pattern'),
	('NZ', 'New Zealand', 'NZ', 'country', NULL, 0.412, 0.0, false,
	 'weight: P-8A, MH-60R/C-130 support; code unconfirmed: FIPS 10-4 pattern'),
	('MU', 'Oman', 'OM', 'country', NULL, 0.412, 0.0, false,
	 'weight: F-16 sustainment, munitions; code unconfirmed: FIPS 10-4 pattern'),
	('LH', 'Lithuania', 'LT', 'country', NULL, 0.360, 0.0, false,
	 'weight: HIMARS, JLTV, UH-60M, AMRAAM; code unconfirmed: FIPS 10-4 pattern'),
	('HU', 'Hungary', 'HU', 'country', NULL, 0.309, 0.0, false,
	 'weight: AMRAAM, JAGM, sustainment; code unconfirmed: FIPS 10-4 pattern'),
	('ID', 'Indonesia', 'ID', 'country', NULL, 0.309, 0.0, false,
	 'weight: C-130J/F-16 sustainment (F-15ID notified 2022, largely DCS); code unconfirmed: FIPS 10-4 pattern'),
	('RP', 'Philippines', 'PH', 'country', NULL, 0.257, 0.4, true,
	 'weight: F-16 notification 2025 (estimate of accepted share), FMF-funded cases; code unconfirmed: FIPS 10-4 pattern'),
	('CO', 'Colombia', 'CO', 'country', NULL, 0.206, 0.3, true,
	 'weight: UH-60, C-130 support, FMF; code unconfirmed: FIPS 10-4 pattern'),
	('HR', 'Croatia', 'HR', 'country', NULL, 0.206, 0.0, false,
	 'weight: HIMARS, Bradley, UH-60M; code unconfirmed: FIPS 10-4 pattern'),
	('NI', 'Nigeria', 'NG', 'country', NULL, 0.206, 0.0, false,
	 'weight: A-29 Super Tucano, munitions (2025 notification); code unconfirmed: FIPS 10-4 pattern'),
	('PK', 'Pakistan', 'PK', 'country', NULL, 0.206, 0.0, false,
	 'weight: F-16 sustainment and technical support; code unconfirmed: FIPS 10-4 pattern'),
	('TH', 'Thailand', 'TH', 'country', NULL, 0.206, 0.0, false,
	 'weight: UH-60M, Stryker (EDA), F-16 sustainment; code unconfirmed: FIPS 10-4 pattern'),
	('BR', 'Brazil', 'BR', 'country', NULL, 0.154, 0.0, false,
	 'weight: Javelin, C-130/H-60 sustainment; code unconfirmed: FIPS 10-4 pattern'),
	('CI', 'Chile', 'CL', 'country', NULL, 0.154, 0.0, false,
	 'weight: F-16 sustainment, KC-135 (EDA); code unconfirmed: FIPS 10-4 pattern'),
	('EN', 'Estonia', 'EE', 'country', NULL, 0.154, 0.0, false,
	 'weight: HIMARS, Javelin; code unconfirmed: FIPS 10-4 pattern'),
	('LG', 'Latvia', 'LV', 'country', NULL, 0.154, 0.0, false,
	 'weight: HIMARS, NSM coastal defense support, UH-60M; code unconfirmed: FIPS 10-4 pattern'),
	('MX', 'Mexico', 'MX', 'country', NULL, 0.154, 0.0, false,
	 'weight: MH-60R, UH-60M; code unconfirmed: FIPS 10-4 pattern'),
	('PO', 'Portugal', 'PT', 'country', NULL, 0.154, 0.0, false,
	 'weight: F-16 and P-3 sustainment; code unconfirmed: FIPS 10-4 pattern'),
	('TS', 'Tunisia', 'TN', 'country', NULL, 0.154, 0.5, true,
	 'weight: FMF-funded aircraft and patrol craft sustainment; code unconfirmed: FIPS 10-4 pattern'),
	('AR', 'Argentina', 'AR', 'country', NULL, 0.103, 0.0, false,
	 'weight: F-16 support (ex-Danish aircraft), Stryker; code unconfirmed: FIPS 10-4 pattern'),
	('AU', 'Austria', 'AT', 'country', NULL, 0.103, 0.0, false,
	 'weight: UH-60M, Javelin; code unconfirmed: FIPS 10-4 pattern'),
	('LE', 'Lebanon', 'LB', 'country', NULL, 0.103, 0.7, true,
	 'weight: FMF-funded A-29, HMMWV, munitions; code unconfirmed: FIPS 10-4 pattern'),
	('MY', 'Malaysia', 'MY', 'country', NULL, 0.103, 0.0, false,
	 'weight: F/A-18D sustainment, ScanEagle; code unconfirmed: FIPS 10-4 pattern'),
	('KE', 'Kenya', 'KE', 'country', NULL, 0.082, 0.3, true,
	 'weight: FMF-funded helicopters and sustainment; code unconfirmed: FIPS 10-4 pattern'),
	('GG', 'Georgia', 'GE', 'country', NULL, 0.051, 0.5, true,
	 'weight: Javelin, training (FMF); code unconfirmed: FIPS 10-4 pattern'),
	('PE', 'Peru', 'PE', 'country', NULL, 0.051, 0.0, false,
	 'weight: small sustainment cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('AL', 'Albania', 'AL', 'country', NULL, 0.031, 0.0, false,
	 'weight: Black Hawk, FMF cases; code unconfirmed: FIPS 10-4 pattern'),
	('EC', 'Ecuador', 'EC', 'country', NULL, 0.031, 0.0, false,
	 'weight: small sustainment cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('LU', 'Luxembourg', 'LU', 'country', NULL, 0.031, 0.0, false,
	 'weight: MRTT/ISR support, small national cases; code unconfirmed: FIPS 10-4 pattern'),
	('MK', 'North Macedonia', 'MK', 'country', NULL, 0.031, 0.0, false,
	 'weight: Stryker (FMF), JLTV; code unconfirmed: FIPS 10-4 pattern'),
	('SI', 'Slovenia', 'SI', 'country', NULL, 0.031, 0.0, false,
	 'weight: JLTV, small cases; code unconfirmed: FIPS 10-4 pattern'),
	('VM', 'Vietnam', 'VN', 'country', NULL, 0.031, 0.5, true,
	 'weight: T-6, patrol boats (FMF); code unconfirmed: FIPS 10-4 pattern'),
	('BG', 'Bangladesh', 'BD', 'country', NULL, 0.021, 0.3, true,
	 'weight: small cases, EDA cutters (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('CS', 'Costa Rica', 'CR', 'country', NULL, 0.021, 0.0, false,
	 'weight: small sustainment cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('DR', 'Dominican Republic', 'DO', 'country', NULL, 0.021, 0.0, false,
	 'weight: small sustainment cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('ES', 'El Salvador', 'SV', 'country', NULL, 0.021, 0.0, false,
	 'weight: small sustainment cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('GT', 'Guatemala', 'GT', 'country', NULL, 0.021, 0.0, false,
	 'weight: small sustainment cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('HO', 'Honduras', 'HN', 'country', NULL, 0.021, 0.0, false,
	 'weight: small sustainment cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('KZ', 'Kazakhstan', 'KZ', 'country', NULL, 0.021, 0.0, false,
	 'weight: small training/sustainment cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('MD', 'Moldova', 'MD', 'country', NULL, 0.021, 0.0, false,
	 'weight: small FMF cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('PM', 'Panama', 'PA', 'country', NULL, 0.021, 0.0, false,
	 'weight: small sustainment cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('CE', 'Sri Lanka', 'LK', 'country', NULL, 0.021, 0.0, false,
	 'weight: EDA cutters, small cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('UY', 'Uruguay', 'UY', 'country', NULL, 0.021, 0.0, false,
	 'weight: small sustainment cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('UZ', 'Uzbekistan', 'UZ', 'country', NULL, 0.021, 0.0, false,
	 'weight: small training/sustainment cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('AO', 'Angola', 'AO', 'country', NULL, 0.010, 0.0, false,
	 'weight: small cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('BF', 'Bahamas', 'BS', 'country', NULL, 0.010, 0.0, false,
	 'weight: small cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('BK', 'Bosnia and Herzegovina', 'BA', 'country', NULL, 0.010, 0.0, false,
	 'weight: small FMF cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('BC', 'Botswana', 'BW', 'country', NULL, 0.010, 0.0, false,
	 'weight: C-130 sustainment (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('CM', 'Cameroon', 'CM', 'country', NULL, 0.010, 0.0, false,
	 'weight: small FMF cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('DJ', 'Djibouti', 'DJ', 'country', NULL, 0.010, 0.0, false,
	 'weight: small FMF cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('GH', 'Ghana', 'GH', 'country', NULL, 0.010, 0.0, false,
	 'weight: small FMF cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('JM', 'Jamaica', 'JM', 'country', NULL, 0.010, 0.0, false,
	 'weight: small FMF cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('KV', 'Kosovo', 'XK', 'country', NULL, 0.010, 0.0, false,
	 'weight: small FMF cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('KG', 'Kyrgyzstan', 'KG', 'country', NULL, 0.010, 0.0, false,
	 'weight: small cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('MG', 'Mongolia', 'MN', 'country', NULL, 0.010, 0.0, false,
	 'weight: small FMF cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('MJ', 'Montenegro', 'ME', 'country', NULL, 0.010, 0.0, false,
	 'weight: small FMF cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('NP', 'Nepal', 'NP', 'country', NULL, 0.010, 0.0, false,
	 'weight: small cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('PA', 'Paraguay', 'PY', 'country', NULL, 0.010, 0.0, false,
	 'weight: small cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('SG', 'Senegal', 'SN', 'country', NULL, 0.010, 0.0, false,
	 'weight: small FMF cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('SF', 'South Africa', 'ZA', 'country', NULL, 0.010, 0.0, false,
	 'weight: small sustainment cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('TI', 'Tajikistan', 'TJ', 'country', NULL, 0.010, 0.0, false,
	 'weight: small border-security cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('TD', 'Trinidad and Tobago', 'TT', 'country', NULL, 0.010, 0.0, false,
	 'weight: small cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('UG', 'Uganda', 'UG', 'country', NULL, 0.010, 0.0, false,
	 'weight: small FMF cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('BB', 'Barbados', 'BB', 'country', NULL, 0.005, 0.0, false,
	 'weight: small cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('BH', 'Belize', 'BZ', 'country', NULL, 0.005, 0.0, false,
	 'weight: small cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('BN', 'Benin', 'BJ', 'country', NULL, 0.005, 0.0, false,
	 'weight: small FMF cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('BX', 'Brunei', 'BN', 'country', NULL, 0.005, 0.0, false,
	 'weight: small cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('CD', 'Chad', 'TD', 'country', NULL, 0.005, 0.0, false,
	 'weight: small FMF cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('IV', 'Cote d''Ivoire', 'CI', 'country', NULL, 0.005, 0.0, false,
	 'weight: small FMF cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('CY', 'Cyprus', 'CY', 'country', NULL, 0.005, 0.0, false,
	 'weight: tiny (126.1(d)(2) suspension renewed yearly); code unconfirmed: FIPS 10-4 pattern'),
	('EI', 'Ireland', 'IE', 'country', NULL, 0.005, 0.0, false,
	 'weight: small cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('MV', 'Maldives', 'MV', 'country', NULL, 0.005, 0.0, false,
	 'weight: small cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('MT', 'Malta', 'MT', 'country', NULL, 0.005, 0.0, false,
	 'weight: small cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('MR', 'Mauritania', 'MR', 'country', NULL, 0.005, 0.0, false,
	 'weight: small FMF cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('MZ', 'Mozambique', 'MZ', 'country', NULL, 0.005, 0.0, false,
	 'weight: small FMF cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('RI', 'Serbia', 'RS', 'country', NULL, 0.005, 0.0, false,
	 'weight: small cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('TO', 'Togo', 'TG', 'country', NULL, 0.005, 0.0, false,
	 'weight: small FMF cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('AG', 'Algeria', 'DZ', 'country', NULL, 0.003, 0.0, false,
	 'weight: small cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('AM', 'Armenia', 'AM', 'country', NULL, 0.003, 0.0, false,
	 'weight: small cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('FJ', 'Fiji', 'FJ', 'country', NULL, 0.003, 0.0, false,
	 'weight: small cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('LI', 'Liberia', 'LR', 'country', NULL, 0.003, 0.0, false,
	 'weight: small FMF cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('MP', 'Mauritius', 'MU', 'country', NULL, 0.003, 0.0, false,
	 'weight: small cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('PP', 'Papua New Guinea', 'PG', 'country', NULL, 0.003, 0.0, false,
	 'weight: small cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('RW', 'Rwanda', 'RW', 'country', NULL, 0.003, 0.0, false,
	 'weight: small peacekeeping-support cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('NS', 'Suriname', 'SR', 'country', NULL, 0.003, 0.0, false,
	 'weight: small cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('TZ', 'Tanzania', 'TZ', 'country', NULL, 0.003, 0.0, false,
	 'weight: small cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('ZA', 'Zambia', 'ZM', 'country', NULL, 0.003, 0.0, false,
	 'weight: small cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('AC', 'Antigua and Barbuda', 'AG', 'country', NULL, 0.002, 0.0, false,
	 'weight: small cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('AJ', 'Azerbaijan', 'AZ', 'country', NULL, 0.002, 0.0, false,
	 'weight: small maritime-security cases (Sec. 907 waiver; estimate); code unconfirmed: FIPS 10-4 pattern'),
	('BL', 'Bolivia', 'BO', 'country', NULL, 0.002, 0.0, false,
	 'weight: small legacy cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('CV', 'Cabo Verde', 'CV', 'country', NULL, 0.002, 0.0, false,
	 'weight: small maritime cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('DO', 'Dominica', 'DM', 'country', NULL, 0.002, 0.0, false,
	 'weight: small cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('GJ', 'Grenada', 'GD', 'country', NULL, 0.002, 0.0, false,
	 'weight: small cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('IC', 'Iceland', 'IS', 'country', NULL, 0.002, 0.0, false,
	 'weight: small coast guard cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('MA', 'Madagascar', 'MG', 'country', NULL, 0.002, 0.0, false,
	 'weight: small cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('MI', 'Malawi', 'MW', 'country', NULL, 0.002, 0.0, false,
	 'weight: small cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('WA', 'Namibia', 'NA', 'country', NULL, 0.002, 0.0, false,
	 'weight: small cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('SC', 'Saint Kitts and Nevis', 'KN', 'country', NULL, 0.002, 0.0, false,
	 'weight: small cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('ST', 'Saint Lucia', 'LC', 'country', NULL, 0.002, 0.0, false,
	 'weight: small cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('VC', 'Saint Vincent and the Grenadines', 'VC', 'country', NULL, 0.002, 0.0, false,
	 'weight: small cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('SE', 'Seychelles', 'SC', 'country', NULL, 0.002, 0.0, false,
	 'weight: small maritime cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('SL', 'Sierra Leone', 'SL', 'country', NULL, 0.002, 0.0, false,
	 'weight: small cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('TT', 'Timor-Leste', 'TL', 'country', NULL, 0.002, 0.0, false,
	 'weight: small cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('TN', 'Tonga', 'TO', 'country', NULL, 0.002, 0.0, false,
	 'weight: small cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('TX', 'Turkmenistan', 'TM', 'country', NULL, 0.002, 0.0, false,
	 'weight: small cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('UV', 'Burkina Faso', 'BF', 'country', NULL, 0.001, 0.0, false,
	 'weight: legacy open cases; assistance restricted after 2022 coups (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('BY', 'Burundi', 'BI', 'country', NULL, 0.001, 0.0, false,
	 'weight: small peacekeeping-support cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('WZ', 'Eswatini', 'SZ', 'country', NULL, 0.001, 0.0, false,
	 'weight: small cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('GB', 'Gabon', 'GA', 'country', NULL, 0.001, 0.0, false,
	 'weight: legacy open cases; assistance restricted after 2023 coup (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('GA', 'Gambia', 'GM', 'country', NULL, 0.001, 0.0, false,
	 'weight: small cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('GV', 'Guinea', 'GN', 'country', NULL, 0.001, 0.0, false,
	 'weight: legacy open cases; assistance restricted after 2021 coup (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('PU', 'Guinea-Bissau', 'GW', 'country', NULL, 0.001, 0.0, false,
	 'weight: small cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('LT', 'Lesotho', 'LS', 'country', NULL, 0.001, 0.0, false,
	 'weight: small cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('ML', 'Mali', 'ML', 'country', NULL, 0.001, 0.0, false,
	 'weight: legacy open cases; assistance restricted after 2020-21 coups (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('NG', 'Niger', 'NE', 'country', NULL, 0.001, 0.0, false,
	 'weight: legacy C-130/ISR cases; assistance restricted after 2023 coup (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('CF', 'Republic of the Congo', 'CG', 'country', NULL, 0.001, 0.0, false,
	 'weight: small cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('WS', 'Samoa', 'WS', 'country', NULL, 0.001, 0.0, false,
	 'weight: small cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('TP', 'Sao Tome and Principe', 'ST', 'country', NULL, 0.001, 0.0, false,
	 'weight: small maritime cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('BP', 'Solomon Islands', 'SB', 'country', NULL, 0.001, 0.0, false,
	 'weight: small cases (estimate); code unconfirmed: FIPS 10-4 pattern'),
	('NH', 'Vanuatu', 'VU', 'country', NULL, 0.001, 0.0, false,
	 'weight: small cases (estimate); code unconfirmed: FIPS 10-4 pattern')
	) AS p(customer_code, name, country_code, kind, country_group, open_value_percent, fmf_share, accp_participant, source)
	$$;
COMMENT ON FUNCTION fms.sample_customer_profile() IS 'sample data: real Security Cooperation customers (codes per SAMM Table C4.T2, confirmed or following the FIPS 10-4 pattern), each with its estimated share of open FMS case value, FMF share and ACCP participation, and the source of each';

-- Public yearly figures the sample follows: FMS sales and DCS
-- authorizations by fiscal year, in U.S. dollars, each with its source.
-- Years between two figures are interpolated and years outside them carry
-- the nearest figure.
CREATE FUNCTION fms.sample_annual_figures()
	RETURNS TABLE (fiscal_year pg_catalog.int4, fms_sales_usd pg_catalog.numeric, dcs_authorized_usd pg_catalog.numeric,
	               source pg_catalog.text)
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
	AS $$
	SELECT * FROM (VALUES
		(2017, 41.93e9, NULL::numeric, 'DSCA FY2017 sales (DSCA release via defense-aerospace.com)'),
		(2020, 50.78e9, NULL, 'implemented FMS, State Department FY2021 fact sheet (thefederalnewswire.com)'),
		(2021, 34.81e9, 103.4e9, 'implemented FMS and DCS authorized, State Department FY2021 fact sheet (thefederalnewswire.com)'),
		(2022, 51.9e9, NULL, 'FMS, State Department FY2023 report (vietnam.vn, citing it)'),
		(2023, 80.9e9, 157.5e9, 'FMS and DCS, State Department FY2024 report (TASS; European Pravda citing Reuters)'),
		(2024, 117.9e9, 200.8e9, 'FMS and DCS, State Department FY2024 report (TASS; European Pravda citing Reuters)')
	) AS f(fiscal_year, fms_sales_usd, dcs_authorized_usd, source)
	$$;
COMMENT ON FUNCTION fms.sample_annual_figures() IS 'sample data: FMS sales and DCS authorizations by fiscal year (public figures, each with its source) that the sample portfolio follows';

-- The figure for a fiscal year: interpolated between the nearest years
-- that have one, the nearest one outside them.
CREATE FUNCTION fms.sample_annual_figure(fiscal_year pg_catalog.int4, dcs pg_catalog.bool) RETURNS pg_catalog.numeric
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
	AS $$
	WITH known AS (
		SELECT f.fiscal_year AS fy, CASE WHEN $2 THEN f.dcs_authorized_usd ELSE f.fms_sales_usd END AS v
		  FROM fms.sample_annual_figures() AS f
		 WHERE CASE WHEN $2 THEN f.dcs_authorized_usd ELSE f.fms_sales_usd END IS NOT NULL),
	     lo AS (SELECT k.fy, k.v FROM known AS k WHERE k.fy OPERATOR(pg_catalog.<=) $1 ORDER BY k.fy DESC LIMIT 1),
	     hi AS (SELECT k.fy, k.v FROM known AS k WHERE k.fy OPERATOR(pg_catalog.>=) $1 ORDER BY k.fy LIMIT 1)
	SELECT CASE WHEN lo.fy IS NULL THEN hi.v
	            WHEN hi.fy IS NULL OR hi.fy OPERATOR(pg_catalog.=) lo.fy THEN lo.v
	            ELSE lo.v OPERATOR(pg_catalog.+) (((hi.v OPERATOR(pg_catalog.-) lo.v)
	                 OPERATOR(pg_catalog.*) ($1 OPERATOR(pg_catalog.-) lo.fy)) OPERATOR(pg_catalog./) (hi.fy OPERATOR(pg_catalog.-) lo.fy)) END
	  FROM (SELECT 1) AS one LEFT JOIN lo ON true LEFT JOIN hi ON true
	$$;
COMMENT ON FUNCTION fms.sample_annual_figure(pg_catalog.int4, pg_catalog.bool) IS 'sample data: the FMS sales (or, with dcs, DCS authorizations) the sample gives a fiscal year: the public figure, interpolated between years that have one, the nearest outside them';

-- The dates of every planned case from its gaps, its notification delay
-- and its outcome (a document cancelled takes no step after the state it
-- is cancelled from), and its status on as_of: the last step before it.
-- The policy periods in force (OED, closure timers) are read as
-- fms.policy_setting reads them, joined rather than called per row; each
-- step is kept a subquery of its own (OFFSET 0) so that the planner does
-- not copy its lookups into every expression that uses it.
CREATE FUNCTION fms.sample_plan_dates(as_of pg_catalog.date) RETURNS void
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
	AS $$
BEGIN
	UPDATE sample_plan AS p
	   SET milap_on = CASE WHEN x.cut > 1 THEN a.milap END,
	       review_on = CASE WHEN x.cut > 1 THEN b.review END,
	       proposed_on = CASE WHEN x.cut > 3 THEN b.proposed END,
	       formal_on = CASE WHEN x.cut > 3 AND q.section IS NOT NULL AND NOT q.denied THEN b.proposed + q.g_formal END,
	       offered_on = CASE WHEN x.cut > 4 THEN c.offered END,
	       oed_on = CASE WHEN x.cut > 1 THEN b.oed END,
	       accepted_on = CASE WHEN x.cut > 5 THEN e.accepted END,
	       implemented_on = CASE WHEN x.cut > 5 THEN f.implemented END,
	       supply_complete_on = CASE WHEN x.cut > 5 THEN g.ssc END,
	       interim_closed_on = CASE WHEN x.cut > 5 THEN h.interim END,
	       closed_on = CASE WHEN x.cut > 5 THEN h.closed END,
	       cancelled_on = y.cancelled,
	       cancelled_from = x.cancelled_from,
	       -- the fiscal year whose FMS sales its value counts toward
	       fy = fms.fiscal_year(COALESCE(least(CASE WHEN x.cut > 5 THEN e.accepted END, as_of - 1), q.lor)),
	       status = CASE WHEN y.cancelled < as_of THEN 'cancelled'
	                     WHEN x.cut > 5 AND h.closed < as_of THEN 'closed'
	                     WHEN x.cut > 5 AND h.interim < as_of THEN 'interim_closed'
	                     WHEN x.cut > 5 AND g.ssc < as_of THEN 'supply_complete'
	                     WHEN x.cut > 5 AND f.implemented < as_of THEN 'implemented'
	                     WHEN x.cut > 5 AND e.accepted < as_of THEN 'accepted'
	                     WHEN x.cut > 4 AND c.offered < as_of THEN 'offered'
	                     WHEN x.cut > 3 AND b.proposed < as_of THEN 'proposed'
	                     WHEN x.cut > 1 AND b.review < as_of THEN 'review'
	                     WHEN x.cut > 1 AND a.milap < as_of THEN 'write'
	                     ELSE 'development' END
	  FROM sample_plan AS q
	 CROSS JOIN LATERAL (SELECT q.complete_on + round(q.target * q.milap_share)::int AS milap OFFSET 0) AS a
	 CROSS JOIN LATERAL (SELECT a.milap + q.g_review AS review, a.milap + q.g_review + q.g_proposed AS proposed,
	                            a.milap + COALESCE((SELECT s.value::int FROM fms.policy_settings AS s
	                                                 WHERE s.setting = 'standard_oed_days' AND s.valid_from <= a.milap
	                                                   AND (s.valid_to IS NULL OR s.valid_to > a.milap)), 85) AS oed OFFSET 0) AS b
	 CROSS JOIN LATERAL (SELECT b.proposed + q.g_offer + q.notice_delay AS offered OFFSET 0) AS c
	 CROSS JOIN LATERAL (SELECT c.offered + least(b.oed - c.offered,
	                                              10 + floor(q.accept_share * greatest(b.oed - c.offered - 10, 0))::int) AS accepted OFFSET 0) AS e
	 CROSS JOIN LATERAL (SELECT e.accepted + q.g_implement AS implemented OFFSET 0) AS f
	 CROSS JOIN LATERAL (SELECT f.implemented + q.g_supply AS ssc OFFSET 0) AS g
	 CROSS JOIN LATERAL (SELECT CASE WHEN q.accp THEN g.ssc + q.g_interim END AS interim OFFSET 0) AS h0
	 CROSS JOIN LATERAL (
		SELECT h0.interim,
		       greatest((g.ssc + make_interval(months => COALESCE(
		                    (SELECT s.value::int FROM fms.policy_settings AS s
		                      WHERE s.setting = CASE WHEN q.accp THEN 'accp_closure_months' ELSE 'closure_months_after_ssc' END
		                        AND s.valid_from <= g.ssc AND (s.valid_to IS NULL OR s.valid_to > g.ssc)), 0)))::date,
		                h0.interim + 10) + q.g_close AS closed OFFSET 0) AS h
	 CROSS JOIN LATERAL (
		SELECT c0.cancelled_from,
		       CASE c0.cancelled_from WHEN 'development' THEN 1 WHEN 'review' THEN 3 WHEN 'proposed' THEN 4 WHEN 'offered' THEN 5 ELSE 99 END AS cut
		  FROM (SELECT CASE WHEN q.denied THEN 'proposed'
		                    ELSE CASE q.outcome WHEN 'cancel_in_development' THEN 'development' WHEN 'stall_in_review' THEN 'review'
		                                        WHEN 'withdraw_when_proposed' THEN 'proposed' WHEN 'offer_expires' THEN 'offered' END
		               END AS cancelled_from) AS c0 OFFSET 0) AS x
	 CROSS JOIN LATERAL (
		SELECT CASE x.cancelled_from
		            WHEN 'development' THEN q.complete_on + 1 + floor(q.cancel_share * (a.milap - q.complete_on - 1))::int
		            WHEN 'review' THEN b.review + 365 + floor(q.cancel_share * 730)::int
		            WHEN 'proposed' THEN CASE WHEN q.denied THEN c.offered ELSE b.proposed + 20 + floor(q.cancel_share * 60)::int END
		            WHEN 'offered' THEN b.oed + 1 + floor(q.cancel_share * 30)::int END AS cancelled OFFSET 0) AS y
	 WHERE q.i = p.i;
END
$$;
COMMENT ON FUNCTION fms.sample_plan_dates(pg_catalog.date) IS 'used by fms.generate_sample_data: the dates and status on as_of of every planned case, from its gaps, notification delay and outcome';

-- Move every sample document that takes a step to its next state, each on
-- its own day: one UPDATE through the workflow (and its guards) per step.
CREATE FUNCTION fms.sample_step(document_table pg_catalog.regclass, to_state pg_catalog.text, date_column pg_catalog.text,
		condition pg_catalog.text, as_of pg_catalog.date, reason pg_catalog.text DEFAULT NULL,
		extra pg_catalog.text DEFAULT '')
	RETURNS void
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	plan_table text := CASE document_table WHEN 'fms.cases'::regclass THEN 'sample_plan'
	                                       WHEN 'fms.case_changes'::regclass THEN 'sample_changes'
	                                       WHEN 'fms.dcs_licenses'::regclass THEN 'sample_licences' END;
	key_match text := CASE document_table WHEN 'fms.cases'::regclass THEN 'd.case_id OPERATOR(fms.=) p.case_id'
	                                      WHEN 'fms.case_changes'::regclass THEN 'd.case_id OPERATOR(fms.=) p.case_id AND d.change_no = p.change_no'
	                                      WHEN 'fms.dcs_licenses'::regclass THEN 'd.license_no = p.license_no' END;
BEGIN
	PERFORM set_config('fms.reason', COALESCE(reason, ''), true);
	EXECUTE format('UPDATE %s AS d SET status = %L, status_since = p.%I%s FROM pg_temp.%I AS p WHERE %s AND p.%I < $1 AND (%s)',
	               document_table, to_state, date_column, extra, plan_table, key_match, date_column, condition)
	  USING as_of;
	PERFORM set_config('fms.reason', '', true);
END
$$;
COMMENT ON FUNCTION fms.sample_step(pg_catalog.regclass, pg_catalog.text, pg_catalog.text, pg_catalog.text, pg_catalog.date, pg_catalog.text, pg_catalog.text) IS 'used by fms.generate_sample_data: moves the sample documents a plan condition picks to a state, each on the date its plan gives, in one UPDATE through the workflow';

-- The planned cases written through the workflow: inserted in development
-- and itemized, then moved step by step; notifications before the offers
-- that wait for them, deliveries before supply complete, amendments and
-- modifications once implemented, payments once accepted.
CREATE FUNCTION fms.sample_write_cases(as_of pg_catalog.date) RETURNS void
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
	AS $$
BEGIN
	ALTER TABLE sample_plan ADD COLUMN item_code text;
	UPDATE sample_plan AS p
	   SET item_code = (CASE p.agency WHEN 'D' THEN ARRAY['SAMPLE-FIGHTER', 'SAMPLE-AAM', 'SAMPLE-TANKER']
	                                  WHEN 'P' THEN ARRAY['SAMPLE-FRIGATE', 'SAMPLE-NAVAL-SAM', 'SAMPLE-HELICOPTER']
	                                  WHEN 'B' THEN ARRAY['SAMPLE-TANK', 'SAMPLE-ROCKET', 'SAMPLE-SAM', 'SAMPLE-HOWITZER']
	                                  ELSE ARRAY['SAMPLE-RADAR', 'SAMPLE-SATCOM'] END)
	                   [1 + floor(p.r_item * CASE p.agency WHEN 'B' THEN 4 WHEN 'F' THEN 2 ELSE 3 END)::int];

	INSERT INTO fms.cases (case_id, title, category, aod_group, lor_received_on, lor_complete_on,
	                       total_value_usd, mde_value_usd, design_construction_usd, funding_source, status_since)
	SELECT p.case_id, CASE WHEN p.mde > 0 THEN i.description ELSE 'Training, support and services (sample)' END,
	       CASE WHEN p.r_category < 0.85 THEN 'defined_order' ELSE 'blanket_order' END,
	       p.aod_group, p.lor, p.complete_on, p.total, p.mde, p.dc,
	       CASE WHEN p.r_funding < c.fmf_share THEN 'FMF' ELSE 'NATIONAL' END, p.complete_on
	  FROM sample_plan AS p
	  JOIN sample_customers AS c ON c.customer_code = p.customer_code
	  JOIN fms.items AS i ON i.item_code = p.item_code
	 ORDER BY p.case_id;
	INSERT INTO fms.case_lines (case_id, line_no, item_code, description, usml, quantity, unit, value_usd, sme, mde, design_construction)
	SELECT p.case_id, l.line_no, l.item_code, l.description, l.usml, l.quantity, l.unit, l.value_usd, l.sme, l.mde, l.dc
	  FROM sample_plan AS p
	  JOIN fms.items AS i ON i.item_code = p.item_code
	 CROSS JOIN LATERAL (VALUES
		(1, p.item_code, i.description, i.usml, (1 + floor(p.r_quantity * 24))::numeric, 'each', p.mde, true, true, false),
		(2, NULL, 'Design and construction', NULL, 1, 'lot', p.dc, false, false, true),
		(3, NULL, 'Spares, support, training and services', NULL, 1, 'lot', p.total - p.mde - p.dc, false, false, false))
	       AS l(line_no, item_code, description, usml, quantity, unit, value_usd, sme, mde, dc)
	 WHERE l.value_usd > 0
	 ORDER BY p.case_id, l.line_no;
	-- Statistics for the bulk statements that follow, which join these
	-- tables to the plan (an empty table's would make them quadratic).
	ANALYZE fms.cases, fms.case_lines;

	PERFORM fms.sample_step('fms.cases', 'write', 'milap_on', 'true', as_of);
	PERFORM fms.sample_step('fms.cases', 'cancelled', 'cancelled_on', $c$p.cancelled_from = 'development'$c$, as_of,
	                        'the purchaser withdrew the LOR (sample)');
	PERFORM fms.sample_step('fms.cases', 'review', 'review_on', 'true', as_of);
	PERFORM fms.sample_step('fms.cases', 'cancelled', 'cancelled_on', $c$p.cancelled_from = 'review'$c$, as_of,
	                        'stalled in review; the purchaser withdrew the LOR (sample)');
	PERFORM fms.sample_step('fms.cases', 'proposed', 'proposed_on', 'true', as_of);
	PERFORM fms.sample_notifications(as_of);
	PERFORM fms.sample_step('fms.cases', 'cancelled', 'cancelled_on', $c$p.cancelled_from = 'proposed' AND NOT p.denied$c$, as_of,
	                        'the purchaser withdrew the request (sample)');
	PERFORM fms.sample_step('fms.cases', 'cancelled', 'cancelled_on', 'p.denied', as_of,
	                        'not approved: the export rules deny the sale on its offer date (sample)');
	PERFORM fms.sample_step('fms.cases', 'offered', 'offered_on', 'true', as_of);
	PERFORM fms.sample_step('fms.cases', 'accepted', 'accepted_on', 'true', as_of);
	PERFORM fms.sample_step('fms.cases', 'cancelled', 'cancelled_on', $c$p.cancelled_from = 'offered'$c$, as_of,
	                        'the offer expired unaccepted (sample)');
	PERFORM fms.sample_step('fms.cases', 'implemented', 'implemented_on', 'true', as_of, NULL,
	                        ', deposit_received_on = greatest(p.accepted_on, p.implemented_on - 3)');
	PERFORM fms.sample_write_changes(as_of);

	-- Deliveries: every line of a supply-complete case delivered before it;
	-- half the equipment of an implemented case delivered, the rest planned.
	INSERT INTO fms.deliveries (case_id, line_no, planned_on, delivered_on, quantity, value_usd, reference)
	SELECT l.case_id, l.line_no, NULL, d.on_date, d.quantity, d.value_usd,
	       'SAMPLE-TCN-' || l.case_id::text || '-' || lpad(l.line_no::text, 3, '0')
	  FROM sample_plan AS p
	  JOIN fms.case_lines AS l ON l.case_id OPERATOR(fms.=) p.case_id AND l.change_no IS NULL
	 CROSS JOIN LATERAL (
		SELECT CASE WHEN p.supply_complete_on < as_of
		            THEN p.implemented_on + floor((p.supply_complete_on - p.implemented_on) * ((p.r_quantity::numeric + 0.37 * l.line_no) % 1))::int
		            ELSE p.implemented_on + floor((as_of - p.implemented_on) * ((p.r_quantity::numeric + 0.37 * l.line_no) % 1))::int END AS on_date,
		       CASE WHEN p.supply_complete_on < as_of THEN l.quantity ELSE floor(l.quantity / 2) END AS quantity,
		       CASE WHEN p.supply_complete_on < as_of THEN l.value_usd
		            ELSE round(l.value_usd * floor(l.quantity / 2) / l.quantity, 2) END AS value_usd) AS d
	 WHERE p.implemented_on < as_of AND p.cancelled_from IS NULL AND d.quantity > 0
	   AND (p.supply_complete_on < as_of OR l.mde)
	 ORDER BY l.case_id, l.line_no;
	INSERT INTO fms.deliveries (case_id, line_no, planned_on, quantity, value_usd)
	SELECT l.case_id, l.line_no, as_of + 30 + floor(p.r_quantity * 700)::int,
	       l.quantity - floor(l.quantity / 2), l.value_usd - round(l.value_usd * floor(l.quantity / 2) / l.quantity, 2)
	  FROM sample_plan AS p
	  JOIN fms.case_lines AS l ON l.case_id OPERATOR(fms.=) p.case_id AND l.change_no IS NULL
	 WHERE p.status = 'implemented' AND l.mde
	 ORDER BY l.case_id, l.line_no;
	ANALYZE fms.deliveries;

	PERFORM fms.sample_step('fms.cases', 'supply_complete', 'supply_complete_on', 'p.cancelled_from IS NULL', as_of);
	PERFORM fms.sample_step('fms.cases', 'interim_closed', 'interim_closed_on', 'p.cancelled_from IS NULL', as_of);
	PERFORM fms.sample_step('fms.cases', 'closed', 'closed_on', 'p.cancelled_from IS NULL', as_of);

	-- 30% on acceptance, then three half-yearly instalments (the last takes
	-- the cents); collected ten days after they fall due, one case in twenty
	-- 20% short.
	INSERT INTO fms.payment_schedule (case_id, due_on, amount_usd)
	SELECT p.case_id, (p.accepted_on + make_interval(months => 6 * k))::date,
	       CASE k WHEN 0 THEN round(p.total * 0.3, 2)
	              WHEN 3 THEN p.total - round(p.total * 0.3, 2) - 2 * round(p.total * 0.7 / 3, 2)
	              ELSE round(p.total * 0.7 / 3, 2) END
	  FROM sample_plan AS p, generate_series(0, 3) AS k
	 WHERE p.accepted_on < as_of AND p.cancelled_from IS NULL AND p.total >= 1
	 ORDER BY p.case_id, k;
	INSERT INTO fms.collections (case_id, received_on, amount_usd, reference)
	SELECT s.case_id, s.due_on + 10,
	       CASE WHEN (p.r_funding::numeric * 20) % 1 < 0.05 THEN round(s.amount_usd * 0.8, 2) ELSE s.amount_usd END,
	       'SAMPLE-WIRE-' || s.case_id::text || '-' || to_char(s.due_on, 'YYYYMMDD')
	  FROM fms.payment_schedule AS s
	  JOIN sample_plan AS p ON p.case_id OPERATOR(fms.=) s.case_id
	 WHERE s.due_on + 10 < as_of
	 ORDER BY s.case_id, s.due_on;
END
$$;
COMMENT ON FUNCTION fms.sample_write_cases(pg_catalog.date) IS 'used by fms.generate_sample_data: writes the planned cases through the workflow, step by step, with their lines, notifications, changes, deliveries and payments';

-- The 36(b)(1) notifications of the planned cases that need one: the
-- informal review before the formal notification, as of as_of; transmittal
-- numbers count up through each calendar year.  The form has room for 999
-- a year: a portfolio scaled far beyond the real one (for benchmarks) sends
-- more, and those beyond it go without a number.
CREATE FUNCTION fms.sample_notifications(as_of pg_catalog.date) RETURNS void
	LANGUAGE sql
	SET search_path = pg_catalog, pg_temp
	AS $$
	INSERT INTO fms.congressional_notifications (case_id, transmittal_no, section, informal_sent_on, formal_sent_on, review_days, status)
	SELECT n.case_id,
	       CASE WHEN n.formal_on < as_of AND n.nth <= 999 THEN to_char(n.formal_on, 'YY') || '-' || n.nth END,
	       n.section, n.informal_on, CASE WHEN n.formal_on < as_of THEN n.formal_on END, n.review_days,
	       CASE WHEN n.formal_on >= as_of THEN 'informal_review'
	            WHEN n.formal_on + n.review_days > as_of THEN 'formal_review' ELSE 'cleared' END
	  FROM (SELECT p.case_id, p.section, p.formal_on, p.review_days,
	               CASE WHEN p.informal_days > 0 THEN p.formal_on - p.informal_days - floor(p.r_funding * 6)::int END AS informal_on,
	               row_number() OVER (PARTITION BY p.formal_on < as_of, extract(year FROM p.formal_on) ORDER BY p.formal_on, p.case_id) AS nth
	          FROM sample_plan AS p
	         WHERE p.formal_on IS NOT NULL) AS n
	 WHERE COALESCE(n.informal_on, n.formal_on) < as_of
	 ORDER BY n.case_id
	$$;
COMMENT ON FUNCTION fms.sample_notifications(pg_catalog.date) IS 'used by fms.generate_sample_data: the 36(b)(1) notifications of the planned cases that need one, as they stand on as_of';

-- Amendments (10% of implemented cases; 2% of them large enough to need a
-- 36(b)(5)(C) notification, the others below every threshold) and
-- modifications (15%), written through their machines while the case is
-- implemented.  Their values are typed: they have no lines of their own.
CREATE FUNCTION fms.sample_write_changes(as_of pg_catalog.date) RETURNS void
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
	AS $$
BEGIN
	CREATE TEMP TABLE sample_changes ON COMMIT DROP AS
	SELECT p.case_id, c.change_no, c.lor,
	       c.lor + 5 AS complete_on,
	       c.lor + 15 + floor(p.r_change_size * 20)::int AS milap_on,
	       CASE WHEN c.change_no = 'A1' AND p.r_change_size < 0.02
	            THEN greatest(round(p.total * 0.2, 2), 120e6)
	            WHEN c.change_no = 'A1' THEN round(least(p.total * (0.02 + 0.08 * p.r_change_day::numeric), 40e6), 2)
	            ELSE round((p.r_change_size::numeric - 0.5) * least(p.total * 0.04, 2e6), 2) END AS total,
	       CASE WHEN c.change_no = 'A1' AND p.r_change_size < 0.02 THEN round(greatest(round(p.total * 0.2, 2), 120e6) * 0.5, 2)
	            ELSE 0 END AS mde,
	       p.r_quantity AS r,
	       NULL::text AS section, NULL::int AS review_days,
	       NULL::date AS review_on, NULL::date AS proposed_on, NULL::date AS formal_on, NULL::date AS offered_on,
	       NULL::date AS accepted_on, NULL::date AS implemented_on
	  FROM sample_plan AS p
	 CROSS JOIN LATERAL (VALUES ('A1', p.r_amend < 0.10), ('M1', p.r_modify < 0.15)) AS w(change_no, wanted)
	 CROSS JOIN LATERAL (SELECT w.change_no, p.implemented_on + 30 + floor(p.r_change_day * 400)::int AS lor) AS c
	 WHERE w.wanted AND p.cancelled_from IS NULL AND p.implemented_on < as_of
	   AND c.lor + 5 < least(as_of, p.supply_complete_on);
	UPDATE sample_changes AS x
	   SET section = CASE WHEN n.required THEN n.section END, review_days = n.review_days
	  FROM sample_changes AS y
	 CROSS JOIN LATERAL fms.document_requirement(y.case_id, y.change_no, y.total, y.mde, 0, NULL, y.milap_on + 8) AS n
	 WHERE y.case_id OPERATOR(fms.=) x.case_id AND y.change_no = x.change_no AND y.change_no = 'A1' AND y.mde > 0;
	UPDATE sample_changes AS x
	   SET review_on = x.milap_on + 3, proposed_on = x.milap_on + 6,
	       formal_on = CASE WHEN x.section IS NOT NULL THEN x.milap_on + 7 END,
	       offered_on = CASE WHEN x.change_no = 'A1' THEN x.milap_on + 8 + COALESCE(x.review_days + 1, 0) END,
	       accepted_on = CASE WHEN x.change_no = 'A1' THEN x.milap_on + 18 + COALESCE(x.review_days + 1, 0) + floor(x.r * 30)::int END,
	       implemented_on = x.milap_on + 25 + COALESCE(x.review_days + 1, 0) + floor(x.r * 40)::int;

	INSERT INTO fms.case_changes (case_id, change_no, title, aod_group, lor_received_on, lor_complete_on, total_value_usd,
	                              mde_value_usd, status_since)
	SELECT x.case_id, x.change_no, CASE WHEN x.change_no = 'A1' THEN 'Added quantities and support (sample)' ELSE 'Administrative modification (sample)' END,
	       'B', x.lor, x.complete_on, x.total, x.mde, x.complete_on
	  FROM sample_changes AS x
	 ORDER BY x.case_id, x.change_no;
	ANALYZE sample_changes, fms.case_changes;
	PERFORM fms.sample_step('fms.case_changes', 'write', 'milap_on', 'true', as_of);
	PERFORM fms.sample_step('fms.case_changes', 'review', 'review_on', 'true', as_of);
	PERFORM fms.sample_step('fms.case_changes', 'proposed', 'proposed_on', 'true', as_of);
	INSERT INTO fms.congressional_notifications (case_id, change_no, transmittal_no, section, formal_sent_on, review_days, status)
	SELECT x.case_id, x.change_no,
	       -- 260 numbers a year (0A to 9Z); as for 36(b)(1), a scaled portfolio's surplus goes without.
	       CASE WHEN k.n < 260 THEN to_char(x.formal_on, 'YY') || '-' || substr('0123456789', 1 + k.n / 26, 1) || substr('ABCDEFGHIJKLMNOPQRSTUVWXYZ', 1 + k.n % 26, 1) END,
	       x.section, x.formal_on, x.review_days,
	       CASE WHEN x.formal_on + x.review_days > as_of THEN 'formal_review' ELSE 'cleared' END
	  FROM sample_changes AS x
	 CROSS JOIN LATERAL (SELECT (SELECT count(*) FROM sample_changes AS y
	                              WHERE y.formal_on < as_of AND extract(year FROM y.formal_on) = extract(year FROM x.formal_on)
	                                AND (y.formal_on, y.case_id::text) < (x.formal_on, x.case_id::text))::int AS n) AS k
	 WHERE x.formal_on < as_of
	 ORDER BY x.case_id;
	PERFORM fms.sample_step('fms.case_changes', 'offered', 'offered_on', 'true', as_of);
	PERFORM fms.sample_step('fms.case_changes', 'accepted', 'accepted_on', 'true', as_of);
	PERFORM fms.sample_step('fms.case_changes', 'implemented', 'implemented_on', 'true', as_of);
END
$$;
COMMENT ON FUNCTION fms.sample_write_changes(pg_catalog.date) IS 'used by fms.generate_sample_data: amendments and modifications of the implemented sample cases, through their machines, with the 36(b)(5)(C) notifications large amendments need';

-- DCS licences of the last full fiscal year and of the current one (the
-- views compare the two), and those received in the 45 days before, so
-- that the first decisions of the year are there too: 30,000 a full year
-- per 16,000 cases.  Most are small (log-normal, median $200,000); 0.4%
-- are very large (median $400 million), so that the 36(c) notifications
-- number about a hundred a year; the approvals decided in the last full
-- fiscal year are scaled to that year's DCS figure per 16,000 cases.
-- Destinations are the sample's country customers, by their share.
CREATE FUNCTION fms.sample_write_licences(per_16000 pg_catalog.numeric, as_of pg_catalog.date) RETURNS void
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	fy_now int := fms.fiscal_year(as_of);
	window_start date := make_date(fy_now - 2, 10, 1) - 45;
	last_fy_start date := make_date(fy_now - 2, 10, 1);
	last_fy_end date := make_date(fy_now - 1, 10, 1);
	how_many int := round(30000 * per_16000 * (as_of - window_start) / 365.0)::int;
	countries text[];
	country_upto float8[];
	country_from float8[];
BEGIN
	-- Destinations: the country customers by share, drawn by binary search.
	SELECT array_agg(c.country_code ORDER BY c.rank), array_agg(c.upto ORDER BY c.rank)
	  INTO countries, country_upto
	  FROM (SELECT c.country_code, row_number() OVER (ORDER BY c.weight DESC, c.customer_code) AS rank,
	               (sum(c.weight) OVER (ORDER BY c.weight DESC, c.customer_code) / sum(c.weight) OVER ())::float8 AS upto
	          FROM sample_customers AS c WHERE c.country_code IS NOT NULL) AS c;
	-- lower bounds: 0, then each country's predecessor's upper bound
	country_from := array_prepend(0::float8, country_upto[1:cardinality(country_upto) - 1]);
	CREATE TEMP TABLE sample_licences ON COMMIT DROP AS
	WITH draw AS (
		SELECT i, random() AS r_form, random() AS r_country, random() AS r_usml, random() AS r_value1, random() AS r_value2,
		       random() AS r_big, random() AS r_outcome, random() AS r_day, random() AS r1, random() AS r2, random() AS r3
		  FROM generate_series(1, how_many) AS i)
	SELECT d.i, lpad(d.i::text, 9, '0') AS license_no,
	       CASE WHEN d.r_form < 0.55 THEN 'DSP-5' WHEN d.r_form < 0.75 THEN 'TAA' WHEN d.r_form < 0.87 THEN 'DSP-73'
	            WHEN d.r_form < 0.91 THEN 'DSP-61' WHEN d.r_form < 0.94 THEN 'DSP-85' WHEN d.r_form < 0.998 THEN 'WDA'
	            ELSE 'MLA' END AS form,
	       'Sample exporter ' || (1 + floor(d.r1 * 300)::int) AS applicant,
	       countries[width_bucket(d.r_country, country_from)] AS country_code,
	       ARRAY[(ARRAY['IV(a)', 'VIII(h)', 'XI(a)', 'XII(c)', 'VII(g)', 'VI(f)', 'XIII(b)', 'III(a)', 'XV(e)', 'X(a)'])
	             [1 + floor(d.r_usml * 10)::int]::fms.usml] AS usml,
	       CASE WHEN d.r_big < 0.004
	            THEN exp(ln(4e8) + 1.2 * greatest(-4, least(4, sqrt(-2 * ln(greatest(d.r_value1, 1e-12))) * cos(2 * pi() * d.r_value2))))
	            ELSE exp(ln(2e5) + 1.8 * greatest(-4, least(4, sqrt(-2 * ln(greatest(d.r_value1, 1e-12))) * cos(2 * pi() * d.r_value2)))) END::numeric AS raw_value,
	       CASE WHEN d.r_outcome < 0.02 THEN 'denied' WHEN d.r_outcome < 0.05 THEN 'returned_without_action'
	            WHEN d.r_outcome < 0.25 THEN 'approved_with_provisos' ELSE 'approved' END AS outcome,
	       window_start + floor(d.r_day * (as_of - window_start))::int AS submitted_on,
	       1 + floor(d.r2 * 4)::int AS g_review,
	       5 + floor(d.r2 * d.r3 * 60)::int AS g_decide,
	       2 + floor(d.r3 * 8)::int AS g_formal,
	       NULL::numeric AS value_usd, NULL::text AS section, NULL::int AS review_days,
	       NULL::date AS in_review_on, NULL::date AS formal_on, NULL::date AS decided_on
	  FROM draw AS d;
	UPDATE sample_licences AS l
	   SET in_review_on = l.submitted_on + l.g_review, decided_on = l.submitted_on + l.g_review + l.g_decide;
	-- Scale: the approvals of the last full fiscal year make its DCS figure.
	UPDATE sample_licences AS l
	   SET value_usd = round(l.raw_value * s.factor, 2)
	  FROM (SELECT fms.sample_annual_figure(fy_now - 1, true) * per_16000 / sum(x.raw_value) AS factor
	          FROM sample_licences AS x
	         WHERE x.outcome IN ('approved', 'approved_with_provisos')
	           AND x.decided_on >= last_fy_start AND x.decided_on < last_fy_end) AS s;
	-- A destination the rules deny on the decision day is denied.
	UPDATE sample_licences AS l SET outcome = 'denied'
	 WHERE l.outcome IN ('approved', 'approved_with_provisos')
	   AND EXISTS (SELECT FROM fms.destination_findings(l.country_code, CASE WHEN l.form = 'MLA' THEN 'MLA' ELSE 'DCS' END,
	                                                    l.decided_on) AS f
	                WHERE f.severity = 'deny')
	   AND l.country_code IN (SELECT m.country_code FROM fms.country_group_members AS m WHERE m.group_code LIKE 'ITAR%');
	-- 36(c) and 36(d): notified a few days into the review, decided no
	-- earlier than the day the formal review has run.
	UPDATE sample_licences AS l
	   SET section = n.section, review_days = n.review_days,
	       formal_on = l.in_review_on + l.g_formal,
	       decided_on = greatest(l.decided_on, l.in_review_on + l.g_formal + n.review_days)
	  FROM sample_licences AS x
	 CROSS JOIN LATERAL fms.notification_requirement(x.country_code, CASE WHEN x.form = 'MLA' THEN 'MLA' ELSE 'DCS' END,
	                                                 x.value_usd, NULL, NULL, x.usml, x.decided_on) AS n
	 WHERE x.i = l.i AND n.required AND x.outcome IN ('approved', 'approved_with_provisos')
	   AND (x.value_usd >= 1e6 OR x.form = 'MLA');

	INSERT INTO fms.dcs_licenses (license_no, form, applicant, country_code, usml, value_usd, status_since)
	SELECT l.license_no, l.form, l.applicant, l.country_code, l.usml, l.value_usd, l.submitted_on
	  FROM sample_licences AS l
	 WHERE l.submitted_on < as_of
	 ORDER BY l.license_no;
	ANALYZE sample_licences, fms.dcs_licenses;
	PERFORM fms.sample_step('fms.dcs_licenses', 'in_review', 'in_review_on', 'true', as_of);
	INSERT INTO fms.congressional_notifications (license_no, section, formal_sent_on, review_days, status)
	SELECT l.license_no, l.section, l.formal_on, l.review_days,
	       CASE WHEN l.formal_on + l.review_days > as_of THEN 'formal_review' ELSE 'cleared' END
	  FROM sample_licences AS l
	 WHERE l.section IS NOT NULL AND l.formal_on < as_of
	 ORDER BY l.license_no;
	PERFORM fms.sample_step('fms.dcs_licenses', 'approved', 'decided_on', $c$p.outcome = 'approved'$c$, as_of);
	PERFORM fms.sample_step('fms.dcs_licenses', 'approved_with_provisos', 'decided_on', $c$p.outcome = 'approved_with_provisos'$c$, as_of);
	PERFORM fms.sample_step('fms.dcs_licenses', 'denied', 'decided_on', $c$p.outcome = 'denied'$c$, as_of,
	                        'denied: the destination or the end use is not approved (sample)');
	PERFORM fms.sample_step('fms.dcs_licenses', 'returned_without_action', 'decided_on', $c$p.outcome = 'returned_without_action'$c$, as_of,
	                        'returned without action: the application was incomplete (sample)');
END
$$;
COMMENT ON FUNCTION fms.sample_write_licences(pg_catalog.numeric, pg_catalog.date) IS 'used by fms.generate_sample_data: DCS licences of the last full and the current fiscal year, through their machine, with the 36(c) and 36(d) notifications the rules require';

-- Production capacity for the categories the sample delivers under, so
-- that fms.supply_load has something to weigh: a quarter's capacity is a
-- margin over the larger of the mean value the category delivered per
-- quarter in the two years before as_of and the mean scheduled per quarter
-- in the two years after, from the start of the fiscal year before.  The
-- margin is thin for missiles (IV) and vessels (VI), the munitions and
-- shipbuilding whose industrial base the reform names as at risk of
-- overheating, so that the demo shows what a shortfall looks like.  Not
-- real figures: the source says so.
CREATE FUNCTION fms.sample_write_capacity(as_of pg_catalog.date) RETURNS void
	LANGUAGE sql
	SET search_path = pg_catalog, pg_temp
	AS $$
	INSERT INTO fms.production_capacity (usml_category, valid_from, capacity_usd_per_quarter, source)
	SELECT d.usml_category, make_date(fms.fiscal_year(as_of) - 2, 10, 1),
	       round(greatest(d.delivered, d.scheduled) / 8 * CASE WHEN d.usml_category IN (4, 6) THEN 0.9 ELSE 1.5 END, -3),
	       'sample: ' || CASE WHEN d.usml_category IN (4, 6) THEN '90%' ELSE '150%' END
	       || ' of the larger of the mean quarterly deliveries of the two years before ' || as_of
	       || ' and the mean scheduled in the two years after'
	       || CASE WHEN d.usml_category IN (4, 6) THEN ' (a thin margin, to show overheating)' ELSE '' END
	  FROM (SELECT c.usml_category, sum(c.delivered) AS delivered, sum(c.scheduled) AS scheduled
	          FROM (SELECT f.usml_category, f.delivered_usd AS delivered, 0 AS scheduled
	                  FROM fms.category_flows AS f
	                 WHERE f.usml_category IS NOT NULL AND f.on_date >= as_of - 730 AND f.on_date < as_of
	                UNION ALL
	                SELECT fms.usml_category(l.usml), 0, e.value_usd
	                  FROM fms.deliveries AS e
	                  JOIN fms.case_lines_as_of(as_of) AS l ON l.case_id OPERATOR(fms.=) e.case_id AND l.line_no = e.line_no
	                 WHERE e.delivered_on IS NULL AND e.planned_on < as_of + 730 AND l.usml IS NOT NULL) AS c
	         GROUP BY 1) AS d
	 WHERE greatest(d.delivered, d.scheduled) > 0
	 ORDER BY d.usml_category
	$$;
COMMENT ON FUNCTION fms.sample_write_capacity(pg_catalog.date) IS 'used by fms.generate_sample_data: a production capacity for each category the sample delivers under, a margin over the larger of its deliveries of the two years before as_of and those scheduled in the two after (thin for categories IV and VI)';

CREATE FUNCTION fms.generate_sample_data(cases pg_catalog.int4 DEFAULT 16000, seed pg_catalog.int4 DEFAULT 1,
		as_of pg_catalog.date DEFAULT fms.today())
	RETURNS TABLE (what pg_catalog.text, how_many pg_catalog.int8)
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	round int;
	changed bigint;
	newly_denied bigint;
	open_factor numeric;
	customer_codes text[];
	customer_from float8[];
	per_16000 numeric := cases / 16000.0;
	fy_now int;
	pool int;
	open_target numeric;
	last_case int;
	licences int;
	saved_reason text := current_setting('fms.reason', true);
	agencies constant text := 'BPDF';
	base36 constant text := '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
BEGIN
	IF cases IS NULL OR seed IS NULL OR as_of IS NULL THEN
		RAISE EXCEPTION 'sample data needs a number of open cases, a seed and an as-of date, not NULL'
			USING ERRCODE = 'null_value_not_allowed',
			      HINT = 'Leave an argument out for its default: 16,000 open cases, seed 1, as of today (fms.today()).';
	END IF;
	IF cases < 1 OR cases > 1000000 THEN
		RAISE EXCEPTION 'cannot generate % open sample cases', cases
			USING ERRCODE = 'invalid_parameter_value',
			      DETAIL = 'The sample holds 1 to 1,000,000 open cases; 16,000 is the size of the real open portfolio.',
			      HINT = 'Ask for 1 to 1,000,000 open cases.';
	END IF;
	IF NOT isfinite(as_of) OR as_of < date '1996-01-01' OR as_of > date '2200-01-01' THEN
		RAISE EXCEPTION 'cannot generate sample data as of %', as_of
			USING ERRCODE = 'invalid_parameter_value',
			      DETAIL = 'The sample''s history runs over the twenty October-September fiscal years before its as-of date, which begin with FY1977.',
			      HINT = 'Give an as-of date from 1996 to 2200, e.g. current_date.';
	END IF;
	IF EXISTS (SELECT FROM fms.cases) OR EXISTS (SELECT FROM fms.dcs_licenses) OR EXISTS (SELECT FROM fms.production_capacity) THEN
		RAISE EXCEPTION 'fms.cases, fms.dcs_licenses or fms.production_capacity is not empty'
			USING ERRCODE = 'object_not_in_prerequisite_state',
			      HINT = 'Generate sample data into a database of its own.';
	END IF;
	-- The plan tables are rewritten whole many times over: with their dead
	-- versions some 200 MB per 16,000 open cases.  Local buffers that hold
	-- them spare writing them out (3 of the 16,000-case sample's 46 s, up
	-- to 1 GB for 65,536 cases and more).  A session sizes its local
	-- buffers at its first temporary table, and keeps the size; where it
	-- has had one, the sample is the same, only slower.
	IF pg_size_bytes(current_setting('temp_buffers')) < 16384 * least(cases, 65536)::bigint THEN
		BEGIN
			PERFORM set_config('temp_buffers', (16 * least(cases, 65536))::text || 'kB', false);
		EXCEPTION WHEN invalid_parameter_value THEN
			NULL;
		END;
	END IF;
	fy_now := fms.fiscal_year(as_of);
	pool := ceil(cases * 2.6)::int + 400;
	open_target := 903e9 * per_16000;
	PERFORM setseed(((seed % 1000000) + 0.5) / 1000001.0);

	-- Customers and the sample's items.
	INSERT INTO fms.customers (customer_code, name, kind, country_code, country_group, accp_participant)
	SELECT p.customer_code, p.name, p.kind, p.country_code, p.country_group, p.accp_participant
	  FROM fms.sample_customer_profile() AS p
	 WHERE p.country_code IS NULL OR p.country_code IN (SELECT c.country_code FROM fms.countries AS c)
	ON CONFLICT DO NOTHING;
	INSERT INTO fms.items (item_code, description, usml, sme, sme_source, mde, mde_source)
	SELECT i.item_code, i.description || ' (sample item)', i.usml::fms.usml, true, 'USML ' || i.usml || ', asterisked',
	       true, 'illustrative: production cost above $200 million'
	  FROM (VALUES ('SAMPLE-FIGHTER', 'Combat aircraft', 'VIII(a)'), ('SAMPLE-AAM', 'Air-to-air missile', 'IV(a)'),
	               ('SAMPLE-TANKER', 'Tanker aircraft', 'VIII(a)'), ('SAMPLE-FRIGATE', 'Frigate', 'VI(a)'),
	               ('SAMPLE-NAVAL-SAM', 'Naval air defense missile', 'IV(a)'), ('SAMPLE-HELICOPTER', 'Maritime helicopter', 'VIII(a)'),
	               ('SAMPLE-TANK', 'Main battle tank', 'VII(a)'), ('SAMPLE-ROCKET', 'Rocket artillery system', 'IV(a)'),
	               ('SAMPLE-SAM', 'Air and missile defense system', 'IV(a)'), ('SAMPLE-HOWITZER', 'Self-propelled howitzer', 'II(a)'),
	               ('SAMPLE-RADAR', 'Surveillance radar', 'XI(a)'), ('SAMPLE-SATCOM', 'Military satellite terminal', 'XI(a)'))
	       AS i(item_code, description, usml)
	ON CONFLICT DO NOTHING;

	-- The customers drawn from: cumulative shares over those loaded.
	CREATE TEMP TABLE sample_customers ON COMMIT DROP AS
	SELECT c.customer_code, p.fmf_share, c.accp_participant AS accp, p.country_code, p.open_value_percent AS weight,
	       row_number() OVER (ORDER BY p.open_value_percent DESC, c.customer_code)::int AS rank,
	       (sum(p.open_value_percent) OVER (ORDER BY p.open_value_percent DESC, c.customer_code)
	        / sum(p.open_value_percent) OVER ())::float8 AS upto,
	       fms.destination_country(c.customer_code, as_of) IN
	       (SELECT m.country_code FROM fms.country_group_members AS m WHERE m.group_code LIKE 'ITAR%') AS sensitive
	  FROM fms.sample_customer_profile() AS p
	  JOIN fms.customers AS c ON c.customer_code = p.customer_code;
	-- Drawn by binary search: a draw in [from, next from) picks a customer.
	SELECT array_agg(c.customer_code ORDER BY c.rank), array_agg(c.upto - c.weight / t.total ORDER BY c.rank)
	  INTO customer_codes, customer_from
	  FROM sample_customers AS c, (SELECT sum(weight) AS total FROM sample_customers) AS t;
	customer_from[1] := 0;

	-- The draws, in one ordered pass, and the plan of every candidate case:
	-- who, what, and the gaps between its steps, in days.
	CREATE TEMP TABLE sample_plan ON COMMIT DROP AS
	WITH draw AS (
		SELECT i, random() AS r_customer, random() AS r_agency, random() AS r_group, random() AS r_year,
		       random() AS r_day, random() AS r_value1, random() AS r_value2, random() AS r_mde, random() AS r_dc,
		       random() AS r_late, random() AS r_outcome, random() AS r1, random() AS r2, random() AS r3,
		       random() AS r4, random() AS r5, random() AS r6, random() AS r7, random() AS r8, random() AS r9,
		       random() AS r_funding, random() AS r_item, random() AS r_quantity, random() AS r_category,
		       random() AS r_amend, random() AS r_modify, random() AS r_change_day, random() AS r_change_size
		  FROM generate_series(1, pool) AS i),
	     years AS (
		SELECT y.fy, make_date(y.fy - 1, 10, 1) AS starts_on, least(make_date(y.fy, 10, 1), as_of) AS ends_on,
		       fms.sample_annual_figure(y.fy, false)
		       * (least(make_date(y.fy, 10, 1), as_of) - make_date(y.fy - 1, 10, 1)) / 365.0 AS weight
		  FROM generate_series(fy_now - 19, fy_now) AS y(fy)),
	     year_upto AS (
		SELECT y.*, sum(y.weight) OVER (ORDER BY y.fy) / sum(y.weight) OVER () AS upto FROM years AS y)
	SELECT d.i,
	       customer_codes[CASE WHEN d.i <= 3 * cardinality(customer_codes) THEN 1 + (d.i - 1) % cardinality(customer_codes)
	                           ELSE width_bucket(d.r_customer, customer_from) END] AS customer_code,
	       CASE WHEN d.r_agency < 0.34 THEN 'B' WHEN d.r_agency < 0.64 THEN 'P' WHEN d.r_agency < 0.94 THEN 'D' ELSE 'F' END AS agency,
	       CASE WHEN d.r_group < 0.3 THEN 'A' WHEN d.r_group < 0.8 THEN 'B' ELSE 'C' END AS aod_group,
	       y.starts_on + floor(d.r_day * (y.ends_on - y.starts_on))::int AS lor,
	       3 + floor(d.r1 * 28)::int AS g_complete,
	       -- log-normal (Box-Muller), median $150,000 before scaling, sigma 4.5, cut at 3 sigma
	       -- (no case below $25,000 once scaled)
	       exp(ln(1.5e5) + 4.5 * greatest(-3.0, least(3.0, sqrt(-2 * ln(greatest(d.r_value1, 1e-12))) * cos(2 * pi() * d.r_value2))))::numeric AS raw_total,
	       (CASE WHEN d.r_mde < 0.6 THEN 0.2 + 0.5 * d.r2 ELSE 0 END)::numeric AS mde_share,
	       (CASE WHEN d.r_dc < 0.08 THEN 0.15 * d.r3 ELSE 0 END)::numeric AS dc_share,
	       CASE WHEN d.r_late < 0.85 THEN 0.5 + 0.35 * d.r4 ELSE 0.9 + 0.9 * d.r4 END AS milap_share,
	       2 + floor(d.r5 * 6)::int AS g_review,
	       2 + floor(d.r6 * 8)::int AS g_proposed,
	       2 + floor(d.r7 * 9)::int AS g_offer,
	       d.r8 AS accept_share,
	       5 + floor(d.r9 * 40)::int AS g_implement,
	       floor(365 * (3 + 15 * d.r1 * sqrt(d.r1)))::int AS g_supply,
	       30 + floor(d.r2 * 150)::int AS g_interim,
	       10 + floor(d.r3 * 900)::int AS g_close,
	       CASE WHEN d.r_outcome < 0.03 THEN 'cancel_in_development' WHEN d.r_outcome < 0.06 THEN 'stall_in_review'
	            WHEN d.r_outcome < 0.08 THEN 'withdraw_when_proposed' WHEN d.r_outcome < 0.10 THEN 'offer_expires'
	            ELSE 'complete' END AS outcome,
	       d.r5 AS cancel_share,
	       d.r_funding, d.r_item, d.r_quantity, d.r_category, d.r_amend, d.r_modify, d.r_change_day, d.r_change_size,
	       0 AS notice_delay,
	       NULL::text AS section, NULL::int AS review_days, NULL::int AS informal_days, 1 + floor(d.r6 * 5)::int AS g_formal,
	       false AS denied
	  FROM draw AS d
	  JOIN year_upto AS y ON y.upto >= d.r_year AND y.upto - y.weight / (SELECT sum(weight) FROM years) < d.r_year;
	ALTER TABLE sample_plan ADD COLUMN case_id fms.case_id, ADD COLUMN accp bool, ADD COLUMN target int,
		ADD COLUMN complete_on date, ADD COLUMN milap_on date, ADD COLUMN review_on date, ADD COLUMN proposed_on date,
		ADD COLUMN formal_on date, ADD COLUMN offered_on date, ADD COLUMN oed_on date, ADD COLUMN accepted_on date,
		ADD COLUMN implemented_on date, ADD COLUMN supply_complete_on date, ADD COLUMN interim_closed_on date,
		ADD COLUMN closed_on date, ADD COLUMN cancelled_on date, ADD COLUMN cancelled_from text, ADD COLUMN status text,
		ADD COLUMN selected bool NOT NULL DEFAULT false, ADD COLUMN fy int,
		ADD COLUMN total numeric, ADD COLUMN mde numeric, ADD COLUMN dc numeric;
	UPDATE sample_plan AS p
	   SET accp = c.accp, complete_on = p.lor + p.g_complete,
	       target = COALESCE((SELECT t.target_days FROM fms.lead_time_targets AS t
	                         WHERE t.aod_group = p.aod_group AND t.document_kind = 'loa' AND t.valid_from <= p.lor + p.g_complete
	                           AND (t.valid_to IS NULL OR t.valid_to > p.lor + p.g_complete)), 100)
	  FROM sample_customers AS c WHERE c.customer_code = p.customer_code;
	DELETE FROM sample_plan AS p WHERE p.complete_on >= as_of;
	CREATE UNIQUE INDEX ON sample_plan (i);
	ANALYZE sample_plan;

	-- Dates from the gaps (run again once notifications delay some offers).
	PERFORM fms.sample_plan_dates(as_of);

	-- The cases: the first `cases` candidates open on as_of, and the closed
	-- and cancelled ones drawn among them.
	SELECT max(o.i) INTO last_case
	  FROM (SELECT p.i FROM sample_plan AS p WHERE p.status <> ALL (ARRAY['closed', 'cancelled']) ORDER BY p.i LIMIT cases) AS o;
	UPDATE sample_plan AS p SET selected = true WHERE p.i <= last_case;
	DELETE FROM sample_plan AS p WHERE NOT p.selected;
	-- Identifiers: designators count up in base 36 per customer and agency.
	UPDATE sample_plan AS p
	   SET case_id = fms.make_case_id(p.customer_code, p.agency,
	                                  substr(base36, 1 + n.k / 1296 % 36, 1) || substr(base36, 1 + n.k / 36 % 36, 1)
	                                  || substr(base36, 1 + n.k % 36, 1))
	  FROM (SELECT q.i, row_number() OVER (PARTITION BY q.customer_code, q.agency ORDER BY q.i)::int - 1 AS k
	          FROM sample_plan AS q) AS n
	 WHERE n.i = p.i;
	IF EXISTS (SELECT FROM sample_plan AS p GROUP BY p.customer_code, p.agency HAVING count(*) > 46656) THEN
		RAISE EXCEPTION 'a customer''s sample cases outrun its case designators'
			USING ERRCODE = 'program_limit_exceeded',
			      DETAIL = 'A customer has 46,656 designators per implementing agency.',
			      HINT = 'Ask for fewer open cases.';
	END IF;

	-- Values, then the notifications they call for (which delay offers, and
	-- so move acceptances between fiscal years), twice over so that both
	-- settle on the final dates.
	CREATE TEMP TABLE sample_cells (customer_code text, fy int, scale numeric, open_raw numeric, accepted_raw numeric) ON COMMIT DROP;
	CREATE TEMP TABLE sample_judged (i int PRIMARY KEY, offer_on date, total numeric, mde numeric, dc numeric) ON COMMIT DROP;
	CREATE TEMP TABLE sample_denial_judged (i int PRIMARY KEY, offer_on date) ON COMMIT DROP;
	FOR round IN 1 .. 2 LOOP
		-- Values: scaled in turn so that each customer holds its share of the
		-- open value and each fiscal year's accepted cases its year's FMS
		-- sales (three rounds bring both close), then all by one factor so
		-- that the open cases total $903 billion per 16,000.  The rounds
		-- work on the sums of each customer's cases of each fiscal year;
		-- each factor is held within 1/50 to 50, so that a small sample,
		-- whose sums are sparse, cannot run away, and no case passes $40
		-- billion (the largest LOAs notified are about $30 billion).
		TRUNCATE sample_cells;
		INSERT INTO sample_cells
		SELECT p.customer_code, p.fy, 1.0,
		       COALESCE(sum(p.raw_total) FILTER (WHERE p.status <> ALL (ARRAY['closed', 'cancelled'])), 0) AS open_raw,
		       COALESCE(sum(p.raw_total) FILTER (WHERE p.accepted_on < as_of), 0) AS accepted_raw
		  FROM sample_plan AS p GROUP BY p.customer_code, p.fy;
		FOR k IN 1 .. 3 LOOP
			UPDATE sample_cells AS x SET scale = x.scale * least(greatest(s.factor, 0.02), 50)
			  FROM (SELECT q.customer_code,
			               c.weight / sum(c.weight) OVER () / (sum(q.open_raw * q.scale) / sum(sum(q.open_raw * q.scale)) OVER ()) AS factor
			          FROM sample_cells AS q JOIN sample_customers AS c ON c.customer_code = q.customer_code
			         GROUP BY q.customer_code, c.weight HAVING sum(q.open_raw) > 0) AS s
			 WHERE s.customer_code = x.customer_code;
			UPDATE sample_cells AS x SET scale = x.scale * least(greatest(s.factor, 0.02), 50)
			  FROM (SELECT q.fy,
			               fms.sample_annual_figure(q.fy, false) * (least(make_date(q.fy, 10, 1), as_of) - make_date(q.fy - 1, 10, 1))
			               / sum(q.accepted_raw * q.scale) AS factor
			          FROM sample_cells AS q GROUP BY q.fy HAVING sum(q.accepted_raw) > 0) AS s
			 WHERE s.fy = x.fy;
		END LOOP;
		SELECT open_target / sum(y.open_raw * y.scale) INTO open_factor FROM sample_cells AS y;
		UPDATE sample_plan AS p SET total = least(greatest(round(p.raw_total * x.scale * open_factor, 2), 25000), 40e9)
		  FROM sample_cells AS x WHERE x.customer_code = p.customer_code AND x.fy = p.fy;
		-- What the $40 billion ceiling cut goes to the other cases.
		SELECT (open_target - COALESCE(sum(q.total) FILTER (WHERE q.total >= 40e9), 0))
		       / sum(q.total) FILTER (WHERE q.total < 40e9)
		  INTO open_factor
		  FROM sample_plan AS q WHERE q.status <> ALL (ARRAY['closed', 'cancelled']);
		UPDATE sample_plan AS p SET total = greatest(round(p.total * open_factor, 2), 25000) WHERE p.total < 40e9;
		UPDATE sample_plan AS p SET mde = round(p.total * p.mde_share, 2), dc = round(p.total * p.dc_share, 2);
		-- Congressional notification (36(b)(1)) where the rules require it on
		-- the offer date, and a sale the rules deny then: judged again until
		-- nothing changes, as the delay of a notification moves the offer.
		-- From the third judgement on, a notification once needed stays
		-- (with the longer review), so that an offer the delay moves across
		-- a change of the rules (a country joining NATO+) settles.
		FOR k IN 1 .. 8 LOOP
			-- A judgement is made again only where what it weighs moved (the
			-- offer date, the values; what it last weighed is kept aside, so
			-- that the plan's rows are written only where an answer moves):
			-- the same inputs give the same requirement and the same denial.
			-- The first judgement of each round weighs every case, as it
			-- forgets the notifications kept.
			WITH judgement AS (
				SELECT q.i, q.offer_on, q.total, q.mde, q.dc, r.section, r.review_days, r.informal_days,
				       (q.section, q.review_days, q.informal_days) IS DISTINCT FROM (r.section, r.review_days, r.informal_days) AS moved
				  FROM (SELECT q.i, q.case_id, q.proposed_on, COALESCE(q.offered_on, q.proposed_on + q.g_offer) AS offer_on,
				               q.total, q.mde, q.dc, q.section, q.review_days, q.informal_days
				          FROM sample_plan AS q) AS q
				  LEFT JOIN sample_judged AS w ON w.i = q.i
				  -- asked only where a notification can be needed (in the WHERE of
				  -- the subquery, not the ON, so that it is not called at all)
				  LEFT JOIN LATERAL (SELECT n.* FROM fms.document_requirement(q.case_id, NULL, q.total, q.mde, q.dc, NULL, q.offer_on) AS n
				                      WHERE q.proposed_on IS NOT NULL AND (q.total >= 14e6 OR q.dc >= 200e6)) AS n ON true
				 CROSS JOIN LATERAL (SELECT CASE WHEN n.required THEN n.section WHEN k > 2 THEN q.section END AS section,
				                            CASE WHEN n.required THEN greatest(n.review_days, CASE WHEN k > 2 THEN q.review_days END)
				                                 WHEN k > 2 THEN q.review_days END AS review_days,
				                            CASE WHEN n.required THEN greatest(n.informal_review_days, CASE WHEN k > 2 THEN q.informal_days END)
				                                 WHEN k > 2 THEN q.informal_days END AS informal_days) AS r
				 WHERE k = 1 OR (q.offer_on, q.total, q.mde, q.dc) IS DISTINCT FROM (w.offer_on, w.total, w.mde, w.dc)
			), weighed AS (
				INSERT INTO sample_judged AS w SELECT j.i, j.offer_on, j.total, j.mde, j.dc FROM judgement AS j
				ON CONFLICT (i) DO UPDATE SET offer_on = excluded.offer_on, total = excluded.total, mde = excluded.mde, dc = excluded.dc
			), moved AS (
				UPDATE sample_plan AS p
				   SET section = j.section, review_days = j.review_days, informal_days = j.informal_days,
				       notice_delay = CASE WHEN j.section IS NOT NULL THEN greatest(0, p.g_formal + j.review_days + 1 - p.g_offer) ELSE 0 END
				  FROM judgement AS j
				 WHERE j.i = p.i AND j.moved
				RETURNING p.i
			)
			SELECT count(*) INTO changed FROM moved;
			WITH judgement AS (
				SELECT q.i, q.offer_on,
				       EXISTS (SELECT FROM fms.destination_findings(fms.destination_country(q.customer_code, q.offer_on),
				                                                    'FMS', q.offer_on) AS f
				                WHERE f.severity = 'deny') AS denied
				  FROM (SELECT q.i, q.customer_code, COALESCE(q.offered_on, q.proposed_on + q.g_offer) AS offer_on
				          FROM sample_plan AS q JOIN sample_customers AS c ON c.customer_code = q.customer_code
				         WHERE c.sensitive AND q.proposed_on IS NOT NULL AND NOT q.denied) AS q
				  LEFT JOIN sample_denial_judged AS w ON w.i = q.i
				 WHERE q.offer_on IS DISTINCT FROM w.offer_on
			), weighed AS (
				INSERT INTO sample_denial_judged AS w SELECT j.i, j.offer_on FROM judgement AS j
				ON CONFLICT (i) DO UPDATE SET offer_on = excluded.offer_on
			), denied AS (
				UPDATE sample_plan AS p SET denied = true FROM judgement AS j WHERE j.i = p.i AND j.denied RETURNING p.i
			)
			SELECT count(*) INTO newly_denied FROM denied;
			EXIT WHEN changed + newly_denied = 0;
			PERFORM fms.sample_plan_dates(as_of);
		END LOOP;
	END LOOP;
	ANALYZE sample_plan;
	-- Each case is written by many statements: its flows and balances are
	-- derived once, when the capacity below first reads them.
	SET CONSTRAINTS fms.recompute_kept_data DEFERRED;
	PERFORM fms.sample_write_cases(as_of);
	PERFORM fms.sample_write_licences(per_16000, as_of);
	SET CONSTRAINTS fms.recompute_kept_data IMMEDIATE;
	PERFORM fms.sample_write_capacity(as_of);
	PERFORM set_config('fms.reason', COALESCE(saved_reason, ''), true);

	RETURN QUERY
	SELECT v.what, v.how_many FROM (VALUES
		(1, 'customers', (SELECT count(*) FROM fms.customers)),
		(2, 'cases', (SELECT count(*) FROM fms.cases)),
		(3, 'open cases', (SELECT count(*) FROM fms.cases AS c WHERE c.status <> ALL (ARRAY['closed', 'cancelled']))),
		(4, 'amendments and modifications', (SELECT count(*) FROM fms.case_changes)),
		(5, 'congressional notifications', (SELECT count(*) FROM fms.congressional_notifications)),
		(6, 'DCS licences', (SELECT count(*) FROM fms.dcs_licenses)),
		(7, 'status changes logged', (SELECT count(*) FROM fms.transition_log) + (SELECT count(*) FROM fms.row_transition_log)),
		(8, 'case lines', (SELECT count(*) FROM fms.case_lines)),
		(9, 'deliveries', (SELECT count(*) FROM fms.deliveries)),
		(10, 'payments due', (SELECT count(*) FROM fms.payment_schedule)),
		(11, 'collections', (SELECT count(*) FROM fms.collections)),
		(12, 'production capacities', (SELECT count(*) FROM fms.production_capacity))) AS v(n, what, how_many)
	 ORDER BY v.n;
END
$$;
COMMENT ON FUNCTION fms.generate_sample_data(pg_catalog.int4, pg_catalog.int4, pg_catalog.date) IS 'fills an empty database with a sample portfolio shaped like the public figures, through the workflow engine and its guards: cases open cases on as_of (default 16,000, $903 billion) with their history, lines, deliveries, payments and notifications, and the DCS licences of the last full and the current fiscal year; the same for a seed and as_of, byte for byte';

-- A partner role (a member of fms_partner, see fms.create_roles()) sees the
-- cases of the customers granted to it, and everything hung on them: their
-- changes, lines, deliveries, flows, money, notifications, restatements, log
-- entries, and so every view and function built on them.  An industry role
-- (a member of fms_industry) sees the licences of the applicants granted to
-- it.  Every other role sees every row its privileges let it read.  The
-- policies are on the tables and the views run as their invoker, so no way
-- around them leads through a view or a function; the policies' own tests
-- answer once per query, before any condition of the user's.
CREATE TABLE fms.customer_access (
	role_name pg_catalog.text NOT NULL,
	customer_code pg_catalog.text NOT NULL REFERENCES fms.customers ON UPDATE CASCADE ON DELETE CASCADE,
	PRIMARY KEY (role_name, customer_code)
);
SELECT pg_catalog.pg_extension_config_dump('fms.customer_access', '');
COMMENT ON TABLE fms.customer_access IS 'the customers whose cases a partner role sees (fms.grant_customer_access)';
COMMENT ON COLUMN fms.customer_access.role_name IS 'a role that is a member of fms_partner (by name, so that a dump restores on another cluster)';
COMMENT ON COLUMN fms.customer_access.customer_code IS 'a customer whose cases, and all hung on them, the role sees';

CREATE TABLE fms.licence_access (
	role_name pg_catalog.text NOT NULL,
	applicant pg_catalog.text NOT NULL,
	PRIMARY KEY (role_name, applicant)
);
SELECT pg_catalog.pg_extension_config_dump('fms.licence_access', '');
COMMENT ON TABLE fms.licence_access IS 'the applicants whose DCS licences an industry role sees (fms.grant_licence_access)';
COMMENT ON COLUMN fms.licence_access.role_name IS 'a role that is a member of fms_industry (by name)';
COMMENT ON COLUMN fms.licence_access.applicant IS 'an applicant whose licences, and their notifications and log entries, the role sees';

-- The customers and applicants granted to the current role (the functions
-- whether it is restricted are defined above).
CREATE FUNCTION fms.visible_customers() RETURNS pg_catalog.text[]
	AS 'MODULE_PATHNAME', 'fms_visible_customers'
	LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION fms.visible_customers() IS 'the customers granted to the current role and the roles it is a member of';
CREATE FUNCTION fms.visible_applicants() RETURNS pg_catalog.text[]
	AS 'MODULE_PATHNAME', 'fms_visible_applicants'
	LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION fms.visible_applicants() IS 'the licence applicants granted to the current role and the roles it is a member of';
CREATE FUNCTION fms.customer_granted(customer_code pg_catalog.text) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'fms_customer_granted'
	LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION fms.customer_granted(pg_catalog.text) IS 'whether a customer is granted to the current role or a role it is a member of (one of fms.visible_customers())';
CREATE FUNCTION fms.applicant_granted(applicant pg_catalog.text) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'fms_applicant_granted'
	LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION fms.applicant_granted(pg_catalog.text) IS 'whether a licence applicant is granted to the current role or a role it is a member of (one of fms.visible_applicants())';

-- Granting and revoking: the role must be a partner (industry) role, or it
-- would see every row whatever it was granted.
CREATE FUNCTION fms.grant_customer_access(role_name pg_catalog.text, customer_code pg_catalog.text) RETURNS void
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
	AS $$
BEGIN
	PERFORM fms.check_restricted_role(role_name, 'fms_partner');
	INSERT INTO fms.customer_access (role_name, customer_code) VALUES (role_name, customer_code) ON CONFLICT DO NOTHING;
END
$$;
COMMENT ON FUNCTION fms.grant_customer_access(pg_catalog.text, pg_catalog.text) IS 'lets a partner role (a member of fms_partner) see one customer''s cases and all hung on them';
CREATE FUNCTION fms.revoke_customer_access(role_name pg_catalog.text, customer_code pg_catalog.text) RETURNS pg_catalog.bool
	LANGUAGE sql
	SET search_path = pg_catalog, pg_temp
	AS $$
	WITH gone AS (DELETE FROM fms.customer_access AS a
	               WHERE a.role_name OPERATOR(pg_catalog.=) $1 AND a.customer_code OPERATOR(pg_catalog.=) $2 RETURNING 1)
	SELECT EXISTS (SELECT FROM gone)
	$$;
COMMENT ON FUNCTION fms.revoke_customer_access(pg_catalog.text, pg_catalog.text) IS 'takes a customer from a partner role; returns whether it had been granted';
CREATE FUNCTION fms.grant_licence_access(role_name pg_catalog.text, applicant pg_catalog.text) RETURNS void
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
	AS $$
BEGIN
	PERFORM fms.check_restricted_role(role_name, 'fms_industry');
	INSERT INTO fms.licence_access (role_name, applicant) VALUES (role_name, applicant) ON CONFLICT DO NOTHING;
END
$$;
COMMENT ON FUNCTION fms.grant_licence_access(pg_catalog.text, pg_catalog.text) IS 'lets an industry role (a member of fms_industry) see one applicant''s licences, their notifications and log entries';
CREATE FUNCTION fms.revoke_licence_access(role_name pg_catalog.text, applicant pg_catalog.text) RETURNS pg_catalog.bool
	LANGUAGE sql
	SET search_path = pg_catalog, pg_temp
	AS $$
	WITH gone AS (DELETE FROM fms.licence_access AS a
	               WHERE a.role_name OPERATOR(pg_catalog.=) $1 AND a.applicant OPERATOR(pg_catalog.=) $2 RETURNING 1)
	SELECT EXISTS (SELECT FROM gone)
	$$;
COMMENT ON FUNCTION fms.revoke_licence_access(pg_catalog.text, pg_catalog.text) IS 'takes an applicant from an industry role; returns whether it had been granted';

CREATE FUNCTION fms.check_restricted_role(role_name pg_catalog.text, restricted_by pg_catalog.text) RETURNS void
	LANGUAGE plpgsql STABLE PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	role_oid oid := (SELECT r.oid FROM pg_catalog.pg_roles AS r WHERE r.rolname OPERATOR(pg_catalog.=) role_name);
BEGIN
	IF role_oid IS NULL THEN
		RAISE EXCEPTION 'role "%" does not exist', left(role_name, 64)
			USING ERRCODE = 'undefined_object', HINT = 'Create the role first (CREATE ROLE ... LOGIN).';
	END IF;
	IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles AS r WHERE r.rolname OPERATOR(pg_catalog.=) restricted_by)
	   OR NOT EXISTS (SELECT FROM pg_catalog.pg_auth_members AS m JOIN pg_catalog.pg_roles AS r ON r.oid OPERATOR(pg_catalog.=) m.roleid
	                   WHERE m.member OPERATOR(pg_catalog.=) role_oid AND r.rolname OPERATOR(pg_catalog.=) restricted_by) THEN
		RAISE EXCEPTION 'role "%" is not a member of %', left(role_name, 64), restricted_by
			USING ERRCODE = 'invalid_grant_operation',
			      DETAIL = 'Only members of ' || restricted_by || ' see just the rows granted to them; any other role sees every row its privileges allow.',
			      HINT = format('Run SELECT fms.create_roles(); then GRANT %s TO %I; first.', restricted_by, role_name);
	END IF;
END
$$;
COMMENT ON FUNCTION fms.check_restricted_role(pg_catalog.text, pg_catalog.text) IS 'refuses a grant of rows to a role that is not a direct member of fms_partner (fms_industry), which would see every row anyway';

-- The policies.  A restricted role sees a row when its customer (or its
-- licence's applicant) is granted to it; every other role sees every row.
-- The tests are calls, not sub-selects, except where the row's licence
-- decides (a licence's notifications and log entries).
DO $$
DECLARE
	protected record;
BEGIN
	FOR protected IN
		SELECT t.name::regclass AS tbl, t.visible
		  FROM (VALUES
			('fms.customers', 'fms.customer_granted(customer_code)'),
			('fms.cases', 'fms.customer_granted(customer_code)'),
			('fms.case_changes', 'fms.customer_granted(fms.customer_code(case_id))'),
			('fms.case_lines', 'fms.customer_granted(fms.customer_code(case_id))'),
			('fms.deliveries', 'fms.customer_granted(fms.customer_code(case_id))'),
			('fms.case_flows', 'fms.customer_granted(customer_code)'),
			('fms.case_balances', 'fms.customer_granted(fms.customer_code(case_id))'),
			-- the licences' sums are over every applicant: a restricted role
			-- reads its licences' demand from the licences themselves
			('fms.demand_quarters', 'program OPERATOR(pg_catalog.=) ''FMS'' '
			                        'AND fms.customer_granted(partner)'),
			('fms.line_closeouts', 'fms.customer_granted(fms.customer_code(case_id))'),
			('fms.payment_schedule', 'fms.customer_granted(fms.customer_code(case_id))'),
			('fms.collections', 'fms.customer_granted(fms.customer_code(case_id))'),
			('fms.offer_restatements', 'fms.customer_granted(fms.customer_code(case_id))'),
			('fms.dcs_licenses', 'fms.applicant_granted(applicant)'),
			('fms.congressional_notifications',
			 'fms.customer_granted(fms.customer_code(case_id)) '
			 'OR license_no OPERATOR(pg_catalog.=) ANY (ARRAY(SELECT l.license_no FROM fms.dcs_licenses AS l))'),
			('fms.transition_log', 'fms.customer_granted(fms.customer_code(case_id))'),
			('fms.row_transition_log',
			 'table_name OPERATOR(pg_catalog.=) ''fms.dcs_licenses'' '
			 'AND row_key OPERATOR(pg_catalog.=) ANY (ARRAY(SELECT l.license_no FROM fms.dcs_licenses AS l))'),
			-- a role named in a grant may since have been dropped
			('fms.customer_access', 'pg_catalog.pg_has_role(CURRENT_USER, '
			                        'pg_catalog.to_regrole(pg_catalog.quote_ident(role_name))::pg_catalog.oid, ''MEMBER'')'),
			('fms.licence_access', 'pg_catalog.pg_has_role(CURRENT_USER, '
			                       'pg_catalog.to_regrole(pg_catalog.quote_ident(role_name))::pg_catalog.oid, ''MEMBER'')'))
		       AS t(name, visible)
	LOOP
		EXECUTE pg_catalog.format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', protected.tbl);
		EXECUTE pg_catalog.format('CREATE POLICY granted_rows ON %s USING (NOT fms.restricted_role() OR %s)',
		                          protected.tbl, protected.visible);
		EXECUTE pg_catalog.format('COMMENT ON POLICY granted_rows ON %s IS %L', protected.tbl,
		                          'members of fms_partner and fms_industry see only the rows granted to them (fms.grant_customer_access, fms.grant_licence_access); other roles see all');
	END LOOP;
END
$$;

-- Lookups of effective-dated rows as tables the planner inlines, for the
-- views that called a function per row (fms.document_lead_times, the
-- lead-time targets; fms.case_aging, the closure timers, and the policy
-- settings under them); fms.quarterly_metrics unnests each case's
-- milestones.  The views are replaced before they are made to read as
-- their invoker below.
CREATE OR REPLACE FUNCTION fms.policy_setting(setting pg_catalog.text, on_date pg_catalog.date) RETURNS pg_catalog.numeric
	LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
	AS $$
BEGIN
	RETURN (SELECT p.value FROM fms.policy_setting_in_force(setting, on_date) AS p);
END
$$;
COMMENT ON FUNCTION fms.policy_setting(pg_catalog.text, pg_catalog.date) IS 'value of a policy setting on a date, or NULL if none applies; STABLE because it reads fms.policy_settings';

-- The target in force on a date, as a table of at most one row (the
-- periods of a group and kind do not overlap).  Its body is parsed when it
-- is created, so it needs no pinned search_path, and the planner inlines
-- it: a view that joins it finds each row's target by hash, where a call
-- per row ran a query per row (7 microseconds each).
CREATE FUNCTION fms.lead_time_target_in_force(aod_group pg_catalog.text, document_kind pg_catalog.text, on_date pg_catalog.date)
	RETURNS TABLE (target_days pg_catalog.int4)
	LANGUAGE sql STABLE PARALLEL SAFE ROWS 1
BEGIN ATOMIC
	SELECT t.target_days FROM fms.lead_time_targets AS t
	 WHERE t.aod_group OPERATOR(pg_catalog.=) $1 AND t.document_kind OPERATOR(pg_catalog.=) $2
	   AND t.valid_from OPERATOR(pg_catalog.<=) $3
	   AND (t.valid_to IS NULL OR t.valid_to OPERATOR(pg_catalog.>) $3);
END;
COMMENT ON FUNCTION fms.lead_time_target_in_force(pg_catalog.text, pg_catalog.text, pg_catalog.date) IS 'the target days of an AOD group and document kind in force on a date, as a table of one row or none, for joins (inlined by the planner); STABLE because it reads fms.lead_time_targets';

CREATE OR REPLACE FUNCTION fms.lead_time_target(aod_group pg_catalog.text, document_kind pg_catalog.text, on_date pg_catalog.date)
	RETURNS pg_catalog.int4
	LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
	AS $$
BEGIN
	RETURN (SELECT t.target_days FROM fms.lead_time_target_in_force(aod_group, document_kind, on_date) AS t);
END
$$;

-- Which setting times a case's closure, by whether its customer takes part
-- in ACCP (inlined where it is called).
CREATE FUNCTION fms.closure_setting(accp pg_catalog.bool) RETURNS pg_catalog.text
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
BEGIN ATOMIC
	SELECT CASE WHEN $1 THEN 'accp_closure_months' ELSE 'closure_months_after_ssc' END;
END;
COMMENT ON FUNCTION fms.closure_setting(pg_catalog.bool) IS 'the policy setting that times a case''s closure after supply complete: accp_closure_months for ACCP participants, closure_months_after_ssc for the others';

-- When a case may close after supply complete: the closure timer in force
-- on the SSC date, from fms.policy_settings (none recorded: not timed).
-- ACCP participants' cases pass through interim closure, on the ACCP timer.
-- A table of one row, for joins: the planner inlines it (its body is
-- parsed when it is created, so it needs no pinned search_path).
CREATE FUNCTION fms.closure_timer(case_id fms.case_id, supply_complete_on pg_catalog.date)
	RETURNS TABLE (accp pg_catalog.bool, due_on pg_catalog.date)
	LANGUAGE sql STABLE PARALLEL SAFE ROWS 1
BEGIN ATOMIC
	SELECT a.accp, ($2 OPERATOR(pg_catalog.+) pg_catalog.make_interval(months => p.value::pg_catalog.int4))::pg_catalog.date
	  FROM (SELECT COALESCE((SELECT c.accp_participant FROM fms.customers AS c
	                          WHERE c.customer_code OPERATOR(pg_catalog.=) fms.customer_code($1)), false) AS accp) AS a
	  LEFT JOIN LATERAL fms.policy_setting_in_force(fms.closure_setting(a.accp), $2) AS p ON true;
END;
COMMENT ON FUNCTION fms.closure_timer(fms.case_id, pg_catalog.date) IS 'fms.closure_due as a table of one row, for joins (inlined by the planner)';

CREATE OR REPLACE FUNCTION fms.closure_due(case_id fms.case_id, supply_complete_on pg_catalog.date, OUT accp pg_catalog.bool, OUT due_on pg_catalog.date)
	LANGUAGE plpgsql STABLE PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
	AS $$
BEGIN
	-- one table a query: Citus plans neither a join of reference tables
	-- with PL/pgSQL's parameters nor fms.closure_timer's query in a SQL
	-- function
	accp := COALESCE((SELECT c.accp_participant FROM fms.customers AS c
	                   WHERE c.customer_code = fms.customer_code(closure_due.case_id)), false);
	due_on := (supply_complete_on + make_interval(months => fms.policy_setting(fms.closure_setting(accp), supply_complete_on)::int))::date;
END
$$;
CREATE OR REPLACE VIEW fms.document_lead_times AS
WITH measured AS (
	SELECT d.case_id, d.change_no, d.kind, d.customer_code, d.agency_code, d.aod_group,
	       d.lor_received_on, d.lor_complete_on, d.aod_on, d.offered_on, d.accepted_on, d.implemented_on,
	       CASE WHEN d.kind OPERATOR(pg_catalog.=) 'modification' THEN d.implemented_on ELSE d.offered_on END AS measured_on,
	       t.target_days
	  FROM fms.documents AS d
	  LEFT JOIN LATERAL fms.lead_time_target_in_force(d.aod_group, d.kind, d.lor_complete_on) AS t ON true
)
SELECT fms.text(m.case_id) AS case_id,
       m.change_no,
       m.kind,
       m.customer_code AS customer,
       m.agency_code AS agency,
       m.aod_group,
       m.lor_received_on, m.lor_complete_on, m.aod_on, m.offered_on, m.accepted_on, m.implemented_on,
       m.lor_complete_on OPERATOR(pg_catalog.-) m.lor_received_on AS lor_to_complete_days,
       fms.business_days_between(m.lor_received_on, m.lor_complete_on) AS lor_to_complete_business_days,
       m.measured_on OPERATOR(pg_catalog.-) m.lor_complete_on AS complete_to_offer_days,
       fms.business_days_between(m.lor_complete_on, m.measured_on) AS complete_to_offer_business_days,
       m.accepted_on OPERATOR(pg_catalog.-) m.offered_on AS offer_to_accept_days,
       fms.business_days_between(m.offered_on, m.accepted_on) AS offer_to_accept_business_days,
       m.implemented_on OPERATOR(pg_catalog.-) m.accepted_on AS accept_to_implement_days,
       fms.business_days_between(m.accepted_on, m.implemented_on) AS accept_to_implement_business_days,
       m.target_days,
       m.measured_on OPERATOR(pg_catalog.<=) m.aod_on AS offered_by_aod,
       GREATEST(m.measured_on OPERATOR(pg_catalog.-) m.aod_on, 0) AS days_late,
       fms.fiscal_year(m.measured_on) AS offer_fiscal_year,
       fms.fiscal_quarter(m.measured_on) AS offer_fiscal_quarter
  FROM measured AS m;
CREATE OR REPLACE VIEW fms.case_aging AS
WITH aged AS (
	SELECT fms.text(d.case_id) AS case_id, d.change_no, d.kind, d.agency_code AS agency, d.status, d.status_since,
	       fms.today() OPERATOR(pg_catalog.-) d.status_since AS days_in_status,
	       CASE WHEN d.status OPERATOR(pg_catalog.=) ANY (ARRAY['development', 'write', 'review', 'proposed']) THEN 'AOD'
	            WHEN d.status OPERATOR(pg_catalog.=) 'offered' THEN 'OED'
	            WHEN d.status OPERATOR(pg_catalog.=) ANY (ARRAY['supply_complete', 'interim_closed']) THEN 'closure' END AS clock,
	       CASE WHEN d.status OPERATOR(pg_catalog.=) ANY (ARRAY['development', 'write', 'review', 'proposed']) THEN d.aod_on
	            WHEN d.status OPERATOR(pg_catalog.=) 'offered' THEN d.oed_on
	            WHEN d.status OPERATOR(pg_catalog.=) ANY (ARRAY['supply_complete', 'interim_closed']) THEN k.due_on END AS due_on
	  FROM fms.documents AS d
	  LEFT JOIN LATERAL (SELECT t.due_on FROM fms.closure_timer(d.case_id, d.supply_complete_on) AS t
	                      WHERE d.status OPERATOR(pg_catalog.=) ANY (ARRAY['supply_complete', 'interim_closed'])) AS k ON true
	 WHERE d.is_open
), norms AS (
	SELECT a.kind, a.status,
	       pg_catalog.percentile_cont(0.5) WITHIN GROUP (ORDER BY a.days_in_status) AS median_days
	  FROM aged AS a GROUP BY 1, 2
)
SELECT a.case_id, a.change_no, a.kind, a.agency, a.status, a.status_since,
       a.days_in_status,
       fms.business_days_between(a.status_since, fms.today()) AS business_days_in_status,
       n.median_days::pg_catalog.numeric AS median_days_in_status,
       COALESCE(a.due_on OPERATOR(pg_catalog.<) fms.today(), false) AS stalled,
       a.clock, a.due_on
  FROM aged AS a JOIN norms AS n USING (kind, status);
CREATE OR REPLACE VIEW fms.quarterly_metrics AS
WITH events AS (
	-- each case's milestones, one row each: arrays unnested side by side
	-- (a lateral list of rows let the planner cache them case by case,
	-- each case a miss)
	SELECT e.event, fms.quarter_start(e.on_date) AS quarter_start, e.value_usd
	  FROM (SELECT pg_catalog.unnest(ARRAY['lor', 'offered', 'accepted', 'implemented', 'supply_complete', 'closed']) AS event,
	               pg_catalog.unnest(ARRAY[c.lor_received_on, c.offered_on, c.accepted_on, c.implemented_on,
	                                       c.supply_complete_on, c.closed_on]) AS on_date,
	               pg_catalog.unnest(ARRAY[NULL, NULL, c.total_value_usd, NULL, NULL, NULL]::pg_catalog.numeric[]) AS value_usd
	          FROM fms.cases AS c) AS e
	 WHERE e.on_date IS NOT NULL
), offers AS (
	-- the lead times of the offers, sorted only for their median
	SELECT fms.quarter_start(c.offered_on) AS quarter_start,
	       (pg_catalog.percentile_cont(0.5) WITHIN GROUP (ORDER BY c.offered_on OPERATOR(pg_catalog.-) c.lor_complete_on))::pg_catalog.numeric
	           AS median_complete_to_offer_days,
	       pg_catalog.round(100 OPERATOR(pg_catalog.*) pg_catalog.avg(CASE WHEN c.offered_on OPERATOR(pg_catalog.<=) c.aod_on THEN 1 ELSE 0 END)
	            FILTER (WHERE c.aod_on IS NOT NULL), 1) AS pct_offered_by_aod
	  FROM fms.cases AS c
	 WHERE c.offered_on IS NOT NULL
	 GROUP BY 1
), quarters AS (
	SELECT q.quarter_start, q.lors_received, q.loas_offered, q.loas_accepted, q.loas_implemented, q.value_accepted_usd,
	       o.median_complete_to_offer_days, o.pct_offered_by_aod, q.cases_supply_complete, q.cases_closed
	  FROM (SELECT e.quarter_start,
	               pg_catalog.count(*) FILTER (WHERE e.event OPERATOR(pg_catalog.=) 'lor')::pg_catalog.int4 AS lors_received,
	               pg_catalog.count(*) FILTER (WHERE e.event OPERATOR(pg_catalog.=) 'offered')::pg_catalog.int4 AS loas_offered,
	               pg_catalog.count(*) FILTER (WHERE e.event OPERATOR(pg_catalog.=) 'accepted')::pg_catalog.int4 AS loas_accepted,
	               pg_catalog.count(*) FILTER (WHERE e.event OPERATOR(pg_catalog.=) 'implemented')::pg_catalog.int4 AS loas_implemented,
	               COALESCE(pg_catalog.sum(e.value_usd), 0) AS value_accepted_usd,
	               pg_catalog.count(*) FILTER (WHERE e.event OPERATOR(pg_catalog.=) 'supply_complete')::pg_catalog.int4 AS cases_supply_complete,
	               pg_catalog.count(*) FILTER (WHERE e.event OPERATOR(pg_catalog.=) 'closed')::pg_catalog.int4 AS cases_closed
	          FROM events AS e
	         GROUP BY 1) AS q
	  LEFT JOIN offers AS o ON o.quarter_start OPERATOR(pg_catalog.=) q.quarter_start
), backlog_entries AS (
	-- A case is in the closure backlog from 12 months after supply complete
	-- until the day it closes.
	SELECT b.entered_on, c.closed_on
	  FROM fms.cases AS c,
	       LATERAL (SELECT (c.supply_complete_on OPERATOR(pg_catalog.+) '12 months'::pg_catalog.interval)::pg_catalog.date AS entered_on) AS b
	 WHERE c.supply_complete_on IS NOT NULL
	   AND (c.closed_on IS NULL OR c.closed_on OPERATOR(pg_catalog.>) b.entered_on)
), backlog_changes AS (
	SELECT e.entered_on AS on_date, 1 AS change FROM backlog_entries AS e
	UNION ALL
	SELECT e.closed_on, -1 FROM backlog_entries AS e WHERE e.closed_on IS NOT NULL
), backlog AS (
	-- The backlog at the end of each quarter (today for the current one):
	-- a running sum of the changes up to that day, in one pass.
	SELECT r.quarter_start, r.cases
	  FROM (SELECT x.quarter_start,
	               pg_catalog.sum(x.change) OVER (ORDER BY x.on_date, x.quarter_start NULLS FIRST
	                                              ROWS UNBOUNDED PRECEDING)::pg_catalog.int4 AS cases
	          FROM (SELECT bc.on_date, bc.change, NULL::pg_catalog.date AS quarter_start FROM backlog_changes AS bc
	                UNION ALL
	                SELECT LEAST((q.quarter_start OPERATOR(pg_catalog.+) '3 months'::pg_catalog.interval)::pg_catalog.date
	                             OPERATOR(pg_catalog.-) 1, fms.today()), 0, q.quarter_start
	                  FROM quarters AS q) AS x) AS r
	 WHERE r.quarter_start IS NOT NULL
)
SELECT fms.fiscal_year(q.quarter_start) AS fiscal_year,
       fms.fiscal_quarter(q.quarter_start) AS fiscal_quarter,
       q.quarter_start,
       q.lors_received, q.loas_offered, q.loas_accepted, q.loas_implemented, q.value_accepted_usd,
       q.median_complete_to_offer_days, q.pct_offered_by_aod,
       q.cases_supply_complete, q.cases_closed,
       b.cases AS closure_backlog
  FROM quarters AS q
  JOIN backlog AS b USING (quarter_start);

-- The 36(a) threshold joined in force on the offer day (src/sql/reporting.sql).
CREATE OR REPLACE VIEW fms.section_36a_report AS
SELECT CASE WHEN c.accepted_on IS NULL THEN 'offered, not accepted or cancelled'
            ELSE 'accepted this fiscal year' END AS part,
       fms.fiscal_quarter(fms.today()) AS report_quarter,
       fms.text(c.case_id) AS case_id, c.customer_code AS customer, cu.name AS customer_name,
       c.agency_code AS agency, c.status, c.offered_on, c.oed_on, c.accepted_on,
       c.mde_value_usd, c.total_value_usd
  FROM fms.cases AS c
  JOIN fms.customers AS cu ON cu.customer_code OPERATOR(pg_catalog.=) c.customer_code
  JOIN LATERAL fms.policy_setting_in_force('aeca_36a_mde_threshold_usd', c.offered_on) AS t ON true
 WHERE c.offered_on IS NOT NULL
   AND c.mde_value_usd OPERATOR(pg_catalog.>=) t.value
   AND ((c.accepted_on IS NULL AND c.status OPERATOR(pg_catalog.<>) 'cancelled')
        OR fms.fiscal_year(c.accepted_on) OPERATOR(pg_catalog.=) fms.fiscal_year(fms.today()));

-- The views read as the role that queries them, so the policies hold
-- through them.
DO $$
DECLARE
	view_name regclass;
BEGIN
	FOR view_name IN
		SELECT c.oid::regclass FROM pg_catalog.pg_class AS c
		 WHERE c.relnamespace OPERATOR(pg_catalog.=) 'fms'::regnamespace AND c.relkind OPERATOR(pg_catalog.=) 'v'
		 ORDER BY 1
	LOOP
		EXECUTE pg_catalog.format('ALTER VIEW %s SET (security_invoker = true)', view_name);
	END LOOP;
END
$$;

-- PUBLIC keeps what the types need (USAGE on the schema, granted with it,
-- and the functions behind the types' input and output, operators, casts,
-- accessors and aggregates) and the row-level security policies' tests,
-- and nothing else: every other function is executed by the roles below.  Tables and views
-- were never PUBLIC's.
REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA fms FROM PUBLIC;
DO $$
DECLARE
	type_function regprocedure;
BEGIN
	FOR type_function IN
		SELECT p.oid::regprocedure
		  FROM pg_catalog.pg_proc AS p
		 WHERE p.pronamespace OPERATOR(pg_catalog.=) 'fms'::regnamespace
		   AND (p.proname OPERATOR(pg_catalog.~) '^(case_id|usml)(_|$)'
		        OR p.proname OPERATOR(pg_catalog.=) ANY (ARRAY['text', 'customer_code', 'agency_code', 'designator',
		                                                        'make_case_id', 'min', 'max']))
		 ORDER BY 1
	LOOP
		EXECUTE pg_catalog.format('GRANT EXECUTE ON FUNCTION %s TO PUBLIC', type_function);
	END LOOP;
END
$$;

-- The row-level security policies' own tests run as whoever reads the
-- protected tables (row_security.sql); they tell a role only about itself.
GRANT EXECUTE ON FUNCTION fms.restricted_role(), fms.restricted_login(), fms.visible_customers(), fms.visible_applicants(),
	fms.customer_granted(pg_catalog.text), fms.applicant_granted(pg_catalog.text) TO PUBLIC;
-- And so is the test of a trigger's WHEN condition, as whoever writes.
GRANT EXECUTE ON FUNCTION fms.applying_replicated_changes() TO PUBLIC;

-- Roles are shared by every database of the cluster, so creating them is an
-- explicit step: fms.create_roles(), run again after an update, grants the
-- rights below (and so any object the update added).
--   fms_reader: SELECT on every table and view, EXECUTE on every function
--     (a function that writes still needs the rights to write);
--   fms_writer: a reader that writes the case data (customers, items, cases,
--     changes, lines, deliveries and closeouts, money, notifications,
--     licences); the log and the restatements are written for it by the
--     workflow, and the cases' flows by their triggers, as their owner;
--     it also refreshes the forecasts' kept fits;
--   fms_admin: a writer that also changes the rules, calendars, workflow
--     definitions and policy settings, which change everyone's answers,
--     and grants partners and industry their rows;
--   fms_partner, fms_industry: readers that see only the customers'
--     cases (the applicants' licences) granted to them (row_security.sql).
CREATE FUNCTION fms.create_roles()
	RETURNS TABLE (role_name pg_catalog.name, created pg_catalog.bool)
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	writer_tables constant regclass[] := ARRAY['fms.customers', 'fms.items', 'fms.cases', 'fms.case_changes',
		'fms.case_lines', 'fms.deliveries', 'fms.line_closeouts', 'fms.payment_schedule', 'fms.collections',
		'fms.congressional_notifications', 'fms.dcs_licenses'];
	written_by_fms constant regclass[] := ARRAY['fms.transition_log', 'fms.row_transition_log', 'fms.offer_restatements', 'fms.case_flows',
		'fms.case_balances', 'fms.demand_quarters', 'fms.kept_forecasts', 'fms.kept_backtests', 'fms.kept_data_due'];
	member_of constant text[][] := ARRAY[['fms_writer', 'fms_reader'], ['fms_admin', 'fms_writer'],
	                                     ['fms_partner', 'fms_reader'], ['fms_industry', 'fms_reader']];
	table_name regclass;
	i int;
BEGIN
	FOREACH role_name IN ARRAY ARRAY['fms_reader', 'fms_writer', 'fms_admin', 'fms_partner', 'fms_industry']::name[] LOOP
		created := NOT EXISTS (SELECT FROM pg_catalog.pg_roles AS r WHERE r.rolname OPERATOR(pg_catalog.=) role_name);
		IF created THEN
			EXECUTE format('CREATE ROLE %I NOLOGIN', role_name);
		END IF;
		RETURN NEXT;
	END LOOP;
	FOR i IN 1 .. array_length(member_of, 1) LOOP
		IF NOT pg_has_role(member_of[i][1], member_of[i][2], 'MEMBER') THEN
			EXECUTE format('GRANT %I TO %I', member_of[i][2], member_of[i][1]);
		END IF;
	END LOOP;
	GRANT USAGE ON SCHEMA fms TO fms_reader;
	GRANT SELECT ON ALL TABLES IN SCHEMA fms TO fms_reader;
	GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA fms TO fms_reader;
	REVOKE EXECUTE ON FUNCTION fms.create_roles() FROM fms_reader;
	-- keeping fits is work for whoever loads the data
	REVOKE EXECUTE ON FUNCTION fms.refresh_kept_forecasts() FROM fms_reader;
	GRANT EXECUTE ON FUNCTION fms.refresh_kept_forecasts() TO fms_writer;
	FOREACH table_name IN ARRAY writer_tables LOOP
		EXECUTE format('GRANT INSERT, UPDATE, DELETE ON %s TO fms_writer', table_name);
	END LOOP;
	FOR table_name IN
		SELECT c.oid::regclass FROM pg_catalog.pg_class AS c
		 WHERE c.relnamespace OPERATOR(pg_catalog.=) 'fms'::regnamespace AND c.relkind OPERATOR(pg_catalog.=) ANY ('{r,p}')
		   AND c.oid OPERATOR(pg_catalog.<>) ALL (writer_tables OPERATOR(pg_catalog.||) written_by_fms)
		 ORDER BY 1
	LOOP
		EXECUTE format('GRANT INSERT, UPDATE, DELETE ON %s TO fms_admin', table_name);
	END LOOP;
END
$$;
COMMENT ON FUNCTION fms.create_roles() IS 'creates the roles fms_reader, fms_writer, fms_admin, fms_partner and fms_industry if they do not exist (NOLOGIN; grant them to your login roles) and grants each its rights; idempotent, run it again after an update';
-- Creating roles is the administrator's call.
REVOKE EXECUTE ON FUNCTION fms.create_roles() FROM PUBLIC;

-- The guards' milestone checks are C: every status change of a governed row
-- runs one (src/row_milestones.c).
CREATE OR REPLACE FUNCTION fms.guard_dates_in_order(new_row anyelement) RETURNS pg_catalog.text
	AS 'MODULE_PATHNAME', 'fms_guard_dates_in_order'
	LANGUAGE C STABLE STRICT PARALLEL SAFE;
CREATE OR REPLACE FUNCTION fms.milestone_problem(new_row anyelement, milestone pg_catalog.text) RETURNS pg_catalog.text
	AS 'MODULE_PATHNAME', 'fms_milestone_problem'
	LANGUAGE C STABLE STRICT PARALLEL SAFE;

-- The lines in force rank the versions of only the cases with a change
-- with lines in force (src/sql/case_lines.sql).
CREATE OR REPLACE FUNCTION fms.case_lines_as_of(as_of pg_catalog.date)
	RETURNS SETOF fms.case_lines
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
	AS $$
	WITH versioned AS (
		SELECT DISTINCT x.case_id
		  FROM fms.case_changes AS x
		 WHERE x.implemented_on OPERATOR(pg_catalog.<=) $1
		   AND EXISTS (SELECT FROM fms.case_lines AS e
		                WHERE e.case_id OPERATOR(fms.=) x.case_id AND e.change_no OPERATOR(pg_catalog.=) x.change_no)
	)
	SELECT l.*
	  FROM fms.case_lines AS l
	 WHERE l.change_no IS NULL
	   AND NOT EXISTS (SELECT FROM versioned AS v WHERE v.case_id OPERATOR(fms.=) l.case_id)
	UNION ALL
	SELECT l.* FROM fms.case_lines_of(ARRAY(SELECT v.case_id FROM versioned AS v), $1) AS l
	$$;

-- On a Citus cluster the triggers of the seeded tables fire on each node's
-- shard: they write the shards beside their own, naming the table the
-- shard belongs to (src/sql/citus_shards.sql, src/sql/reference_rows.sql).
CREATE FUNCTION fms.distributed_table_of(shard pg_catalog.regclass) RETURNS pg_catalog.regclass
	AS 'MODULE_PATHNAME', 'fms_distributed_table_of'
	LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION fms.distributed_table_of(pg_catalog.regclass) IS 'the distributed or reference table a Citus shard belongs to (pg_dist_shard), NULL when the relation is not a shard (always, without Citus)';

CREATE FUNCTION fms.colocated_shard(tbl pg_catalog.regclass, beside pg_catalog.regclass) RETURNS pg_catalog.regclass
	AS 'MODULE_PATHNAME', 'fms_colocated_shard_of'
	LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION fms.colocated_shard(pg_catalog.regclass, pg_catalog.regclass) IS 'the shard of a table that Citus keeps on the same node as the shard "beside" (a reference table''s shard, or the one of the same hash range); the table itself when "beside" is not a shard';

-- The DDL check runs as its owner, whatever fms functions the user who
-- issued the DDL may execute, and leaves Citus's shards alone (workflow.sql).
CREATE OR REPLACE FUNCTION fms.check_workflow_triggers() RETURNS event_trigger
	LANGUAGE plpgsql SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	trigger_oid oid;
	problem text;
BEGIN
	-- What Citus sends a node (the triggers of a new shard, which may not
	-- be in the node's catalog yet) was checked where the user issued it.
	IF pg_catalog.current_setting('application_name') LIKE 'citus\_internal gpid=%' THEN
		RETURN;
	END IF;
	FOR trigger_oid IN
		SELECT DISTINCT tg.oid
		  FROM pg_catalog.pg_event_trigger_ddl_commands() AS c
		  JOIN pg_catalog.pg_trigger AS tg
		    ON (c.classid = 'pg_catalog.pg_trigger'::regclass AND tg.oid = c.objid)
		    OR (c.classid = 'pg_catalog.pg_class'::regclass
		        AND (tg.tgrelid = c.objid
		             OR tg.tgrelid IN (SELECT t.relid FROM pg_catalog.pg_partition_tree(c.objid) AS t)))
		 WHERE tg.tgfoid = 'fms.enforce_workflow()'::regprocedure
		   -- Citus makes a distributed table's triggers on its shards: the
		   -- table itself was checked where it was made.
		   AND fms.distributed_table_of(tg.tgrelid) IS NULL
		 ORDER BY tg.oid
	LOOP
		problem := fms.workflow_trigger_problem(trigger_oid);
		IF problem IS NOT NULL THEN
			RAISE EXCEPTION 'trigger calling fms.enforce_workflow() is not usable'
				USING ERRCODE = 'invalid_object_definition', DETAIL = problem,
					  HINT = 'Define the machine in fms.workflow_states first, and give the table the columns it needs.';
		END IF;
	END LOOP;
END
$$;
COMMENT ON FUNCTION fms.check_workflow_triggers() IS 'event trigger: refuses DDL that leaves a trigger calling fms.enforce_workflow() unable to work';
-- Executed by the roles fms.create_roles() grants, not by PUBLIC (roles.sql).
REVOKE EXECUTE ON FUNCTION fms.distributed_table_of(pg_catalog.regclass),
	fms.colocated_shard(pg_catalog.regclass, pg_catalog.regclass) FROM PUBLIC;

CREATE OR REPLACE FUNCTION fms.track_shipped_rows() RETURNS trigger
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	logical regclass := COALESCE(fms.distributed_table_of(TG_RELID), TG_RELID);
	old_key jsonb;
	new_key jsonb;
	cols text[];
	updated bigint;
BEGIN
	IF TG_OP = 'TRUNCATE' THEN
		RAISE EXCEPTION 'cannot truncate %', logical
			USING ERRCODE = 'feature_not_supported',
				  DETAIL = 'The table holds shipped reference rows, and TRUNCATE would not remember which ones were deleted, so a restore would bring them back.',
				  HINT = 'Use DELETE instead.';
	END IF;
	IF TG_OP = 'INSERT' AND logical <> TG_RELID AND NEW.origin <> 'added' THEN
		RETURN NEW;
	END IF;
	IF TG_OP IN ('UPDATE', 'DELETE') THEN
		old_key := fms.row_key(TG_RELID, to_jsonb(OLD));
	END IF;
	IF TG_OP IN ('INSERT', 'UPDATE') THEN
		new_key := fms.row_key(TG_RELID, to_jsonb(NEW));
	END IF;

	IF TG_WHEN = 'AFTER' THEN
		-- A shipped key went away (deleted, or renamed by an UPDATE).
		IF OLD.origin <> 'added' AND new_key IS DISTINCT FROM old_key THEN
			EXECUTE format('INSERT INTO %s (table_name, row_key) VALUES ($1, $2) ON CONFLICT DO NOTHING',
			               fms.colocated_shard('fms.deleted_shipped_rows', TG_RELID))
				USING logical, old_key;
		END IF;
		RETURN NULL;
	END IF;

	IF TG_OP = 'INSERT' THEN
		-- Over an untouched shipped row: update it instead (a restore).
		SELECT array_agg(a.attname::text ORDER BY a.attnum) INTO cols
		  FROM pg_attribute AS a
		 WHERE a.attrelid = TG_RELID AND a.attnum > 0 AND NOT a.attisdropped
		   AND a.attgenerated = '' AND a.attname <> 'origin';
		EXECUTE format('UPDATE %s AS t SET (%s) = (SELECT %s FROM (SELECT ($2).*) AS r) WHERE t.origin = ''shipped'' AND %s',
					   TG_RELID::regclass,
					   (SELECT string_agg(quote_ident(c), ', ') FROM unnest(cols) AS c),
					   (SELECT string_agg('r.' || quote_ident(c), ', ') FROM unnest(cols) AS c),
					   fms.row_key_condition(TG_RELID))
			USING new_key, NEW;
		GET DIAGNOSTICS updated = ROW_COUNT;
		IF updated > 0 THEN
			RETURN NULL;
		END IF;
	ELSIF new_key = old_key THEN
		NEW.origin := OLD.origin;
		IF OLD.origin <> 'added' AND NEW IS DISTINCT FROM OLD THEN
			NEW.origin := 'edited';
		END IF;
		RETURN NEW;
	END IF;

	-- A restore (a COPY) can bring a row whose period overlaps untouched
	-- shipped rows of the same thing: the source cannot have had both (its
	-- exclusion constraint saw to that), so those were deleted or re-dated
	-- there, and go here too, whether or not their remembered deletion has
	-- been restored yet.
	IF TG_OP = 'INSERT' AND 'valid_from' = ANY (cols) AND 'valid_to' = ANY (cols)
	   AND pg_catalog.current_query() ~* '^\s*copy\s' THEN
		EXECUTE format('DELETE FROM %s AS t WHERE t.origin = ''shipped''%s AND daterange(t.valid_from, t.valid_to) && daterange(($1).valid_from, ($1).valid_to)',
		               TG_RELID::regclass,
		               (SELECT string_agg(format(' AND t.%1$I = ($1).%1$I', k), '')
		                  FROM unnest(fms.primary_key_columns(TG_RELID)) AS k WHERE k <> 'valid_from'))
			USING NEW;
	END IF;

	-- A new key: a shipped row coming back after a deletion, or the user's own.
	EXECUTE format('DELETE FROM %s AS d WHERE d.table_name = $1 AND d.row_key = $2',
	               fms.colocated_shard('fms.deleted_shipped_rows', TG_RELID))
		USING logical, new_key;
	GET DIAGNOSTICS updated = ROW_COUNT;
	NEW.origin := CASE WHEN updated > 0 THEN 'edited' ELSE 'added' END;
	RETURN NEW;
END
$$;

CREATE OR REPLACE FUNCTION fms.apply_deleted_shipped_rows() RETURNS trigger
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	pending fms.deleted_shipped_rows[];
	waiting fms.deleted_shipped_rows[];
	entry fms.deleted_shipped_rows;
	last_error text;
BEGIN
	SELECT array_agg(a ORDER BY a.table_name, a.row_key) INTO pending FROM added AS a;
	WHILE cardinality(pending) > 0 LOOP
		waiting := '{}';
		FOREACH entry IN ARRAY pending LOOP
			BEGIN
				EXECUTE format('DELETE FROM %s WHERE %s', fms.colocated_shard(entry.table_name, TG_RELID),
				               fms.row_key_condition(entry.table_name))
					USING entry.row_key;
			EXCEPTION WHEN foreign_key_violation THEN
				waiting := waiting || entry;
				last_error := SQLERRM;
			END;
		END LOOP;
		IF cardinality(waiting) = cardinality(pending) THEN
			RAISE EXCEPTION 'cannot delete the shipped rows named in fms.deleted_shipped_rows: %', last_error
				USING ERRCODE = 'foreign_key_violation',
					  DETAIL = format('Still referenced: %s.', (SELECT string_agg(format('%s %s', w.table_name, w.row_key), ', ') FROM unnest(waiting) AS w)),
					  HINT = 'Delete the rows that reference them first.';
		END IF;
		pending := waiting;
	END LOOP;
	RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION fms.skip_remembered_deletions() RETURNS trigger
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	remembered bool;
BEGIN
	-- this table's own shard, on a Citus cluster
	EXECUTE format('SELECT EXISTS (SELECT FROM %s AS d WHERE d.table_name = $1 AND d.row_key = $2)', TG_RELID::regclass)
		INTO remembered USING NEW.table_name, NEW.row_key;
	IF remembered THEN
		RETURN NULL;
	END IF;
	RETURN NEW;
END
$$;
