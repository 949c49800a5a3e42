/* src/sql/seeded_tables.sql -- last part: track user changes of every seeded table */

-- Attached only now, after every seed row is in (see reference_rows.sql).
DO $$
DECLARE
	seeded regclass;
BEGIN
	FOREACH seeded IN ARRAY ARRAY['fms.countries', 'fms.implementing_agencies', 'fms.policy_settings',
	                              'fms.workflow_states', 'fms.workflow_transitions', 'fms.holiday_rules', 'fms.fiscal_year_rules',
	                              'fms.lead_time_targets', 'fms.country_groups', 'fms.country_group_members',
	                              'fms.itar_126_1_exceptions', 'fms.notification_rules', 'fms.country_regions',
	                              'fms.funding_sources']::regclass[]
	LOOP
		EXECUTE pg_catalog.format('CREATE TRIGGER track_shipped_rows BEFORE INSERT OR UPDATE ON %s '
		                          'FOR EACH ROW EXECUTE FUNCTION fms.track_shipped_rows()', seeded);
		EXECUTE pg_catalog.format('CREATE TRIGGER remember_deleted_shipped_rows AFTER UPDATE OR DELETE ON %s '
		                          'FOR EACH ROW EXECUTE FUNCTION fms.track_shipped_rows()', seeded);
		EXECUTE pg_catalog.format('CREATE TRIGGER refuse_truncate BEFORE TRUNCATE ON %s '
		                          'FOR EACH STATEMENT EXECUTE FUNCTION fms.track_shipped_rows()', seeded);
	END LOOP;
END
$$;
