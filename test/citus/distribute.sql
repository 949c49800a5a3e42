-- fms on a Citus cluster: the reference tables.  Run on the coordinator,
-- as a superuser, once fms is installed on every node (CREATE EXTENSION on
-- the coordinator reaches the workers) and the workers are added.
--
-- Definitions and reference data (the workflow, the calendar, the export
-- rules, customers and who sees them) are small and read by every node:
-- each becomes a reference table, a copy on every node.  The case tables,
-- the log and the licences are not distributed yet: they stay on the
-- coordinator.
--
-- Two settings, for this session only:
--  * citus.enable_unsafe_triggers: fms's triggers stay on the tables, and
--    Citus runs them on each node's shard; they write the shards beside
--    their own (fms.colocated_shard), so every copy changes alike.
--  * citus.enable_local_reference_table_foreign_keys = off: the tables
--    that reference these are fms's own, and must not be turned into
--    Citus local tables (the extension's tables exist on every node).
\set ON_ERROR_STOP on
SET client_min_messages = warning;
SET citus.enable_unsafe_triggers = on;
SET citus.enable_local_reference_table_foreign_keys = off;

-- First, in a transaction of its own, the table the others' triggers
-- write (remembered deletions), so that the nodes see it as a reference
-- table while the rows of the others are copied; then each table before
-- the tables that reference it.
SELECT create_reference_table('fms.deleted_shipped_rows');
BEGIN;
SELECT create_reference_table(t)
  FROM unnest(ARRAY[
	'fms.countries', 'fms.country_groups', 'fms.country_group_members', 'fms.country_regions',
	'fms.itar_126_1_exceptions', 'fms.implementing_agencies', 'fms.funding_sources',
	'fms.customers', 'fms.customer_access', 'fms.licence_access', 'fms.items',
	'fms.workflow_states', 'fms.workflow_transitions',
	'fms.holiday_rules', 'fms.fiscal_year_rules', 'fms.calendar_closures',
	'fms.lead_time_targets', 'fms.notification_rules', 'fms.policy_settings', 'fms.production_capacity'
  ]::regclass[]) WITH ORDINALITY AS r(t, n)
 ORDER BY n;
COMMIT;
