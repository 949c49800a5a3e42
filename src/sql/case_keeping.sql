/* src/sql/case_keeping.sql -- the triggers that keep the value flows and the balances of each case current */

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
CREATE FUNCTION fms.applying_replicated_changes() RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'fms_applying_replicated_changes'
	LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION fms.applying_replicated_changes() IS 'whether this session applies a logical replication subscription''s changes, where no statement trigger fires (a table''s initial copy, which fires them, is not counted): the kept data is then recomputed row by row';
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
