-- What distributing fms takes, tried a step a line by test/citus.sh: each
-- line is one statement, run on the coordinator on its own.

-- Reference tables: definitions and reference data, small, read by every
-- node (the workflow, the calendar, the export rules, row security).  A
-- table referenced by a foreign key comes before the tables referencing it.
SELECT create_reference_table('fms.countries');
SELECT create_reference_table('fms.country_groups');
SELECT create_reference_table('fms.country_group_members');
SELECT create_reference_table('fms.country_regions');
SELECT create_reference_table('fms.itar_126_1_exceptions');
SELECT create_reference_table('fms.implementing_agencies');
SELECT create_reference_table('fms.funding_sources');
SELECT create_reference_table('fms.customers');
SELECT create_reference_table('fms.customer_access');
SELECT create_reference_table('fms.licence_access');
SELECT create_reference_table('fms.items');
SELECT create_reference_table('fms.workflow_states');
SELECT create_reference_table('fms.workflow_transitions');
SELECT create_reference_table('fms.holiday_rules');
SELECT create_reference_table('fms.fiscal_year_rules');
SELECT create_reference_table('fms.calendar_closures');
SELECT create_reference_table('fms.lead_time_targets');
SELECT create_reference_table('fms.notification_rules');
SELECT create_reference_table('fms.policy_settings');
SELECT create_reference_table('fms.production_capacity');
-- The shipped rows a user deleted: written by the reference tables' triggers.
SELECT create_reference_table('fms.deleted_shipped_rows');

-- The case tables, by case_id, co-located with fms.cases; the log with them
-- (its case_id column is there for that).
SELECT create_distributed_table('fms.cases', 'case_id');
SELECT create_distributed_table('fms.transition_log', 'case_id', colocate_with => 'fms.cases');
SELECT create_distributed_table('fms.case_changes', 'case_id', colocate_with => 'fms.cases');
SELECT create_distributed_table('fms.case_lines', 'case_id', colocate_with => 'fms.cases');
SELECT create_distributed_table('fms.line_closeouts', 'case_id', colocate_with => 'fms.cases');
SELECT create_distributed_table('fms.offer_restatements', 'case_id', colocate_with => 'fms.cases');
SELECT create_distributed_table('fms.deliveries', 'case_id', colocate_with => 'fms.cases');
SELECT create_distributed_table('fms.payment_schedule', 'case_id', colocate_with => 'fms.cases');
SELECT create_distributed_table('fms.collections', 'case_id', colocate_with => 'fms.cases');
SELECT create_distributed_table('fms.congressional_notifications', 'case_id', colocate_with => 'fms.cases');

-- DCS licences have no case: by their own key, in a colocation group of
-- their own (congressional notifications reference them too).
SELECT create_distributed_table('fms.dcs_licenses', 'license_no');
