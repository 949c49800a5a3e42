/* src/sql/data_loss_guard.sql -- no silent loss of case data */

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
