-- The schema contract of fms: the objects other code relies on, and the
-- labels (volatility, strictness, parallel safety, leakproofness) of every
-- function.  Run by pg_prove against a database with fms and pgtap installed.
BEGIN;
SET LOCAL search_path = public, fms;
SELECT plan(240);

SELECT has_extension('fms', 'extension fms is installed');
SELECT has_schema('fms', 'schema fms exists');
SELECT is((SELECT extnamespace::regnamespace::text FROM pg_extension WHERE extname = 'fms'),
          'pg_catalog', 'the extension is installed with an unwritable install-time search_path');
SELECT is((SELECT extrelocatable FROM pg_extension WHERE extname = 'fms'), false, 'fms is not relocatable');

SELECT types_are('fms', ARRAY['case_id', 'usml', 'demand_event'], 'fms defines exactly the types case_id and usml, and the composite demand_event');
SELECT is((SELECT typlen::int FROM pg_type WHERE oid = 'fms.case_id'::regtype), 4, 'case_id is 4 bytes');
SELECT is((SELECT typbyval FROM pg_type WHERE oid = 'fms.case_id'::regtype), true, 'case_id is passed by value');
SELECT is((SELECT typlen::int FROM pg_type WHERE oid = 'fms.usml'::regtype), 8, 'usml is 8 bytes');
SELECT is((SELECT typreceive::text || ' ' || typsend::text FROM pg_type WHERE oid = 'fms.case_id'::regtype),
          'case_id_recv case_id_send', 'case_id has binary I/O');
SELECT is((SELECT typreceive::text || ' ' || typsend::text FROM pg_type WHERE oid = 'fms.usml'::regtype),
          'usml_recv usml_send', 'usml has binary I/O');

SELECT tables_are('fms', ARRAY['countries', 'customers', 'implementing_agencies', 'deleted_shipped_rows',
                              'policy_settings', 'workflow_states', 'workflow_transitions', 'transition_log',
                              'row_transition_log', 'cases', 'case_changes', 'holiday_rules', 'calendar_closures', 'fiscal_year_rules', 'lead_time_targets',
                              'country_groups', 'country_group_members', 'itar_126_1_exceptions', 'notification_rules',
                              'congressional_notifications', 'dcs_licenses', 'offer_restatements',
                              'country_regions', 'funding_sources', 'items', 'case_lines', 'deliveries', 'line_closeouts',
                              'payment_schedule', 'collections', 'customer_access', 'licence_access', 'production_capacity',
                              'case_flows', 'case_balances', 'demand_quarters', 'kept_forecasts', 'kept_backtests', 'kept_data_due'],
                  'fms has exactly its tables');
SELECT views_are('fms', ARRAY['case_status_history', 'documents', 'date_dimension', 'document_lead_times', 'lead_time_summary',
                              'dcs_license_clock', 'case_pipeline', 'case_aging', 'notification_queue',
                              'open_findings', 'customer_dimension', 'customer_exposure', 'quarterly_metrics', 'section_36a_report',
                              'offer_forecast', 'section_36b5a_deliveries', 'case_financials', 'sales_by_category',
                              'section_36a_report_lines', 'section_36a_country_totals', 'category_flows', 'demand_series',
                              'demand_history', 'demand_forecast', 'forecast_accuracy', 'supply_load'],
                 'fms has exactly its views');
SELECT col_is_pk('fms', 'countries', 'country_code', 'countries is keyed by country_code');
SELECT col_is_pk('fms', 'customers', 'customer_code', 'customers is keyed by customer_code');
SELECT col_is_pk('fms', 'implementing_agencies', 'agency_code', 'implementing_agencies is keyed by agency_code');
SELECT col_is_pk('fms', 'deleted_shipped_rows', ARRAY['table_name', 'row_key'], 'deleted_shipped_rows is keyed by table and key');
SELECT fk_ok('fms', 'customers', 'country_code', 'fms', 'countries', 'country_code', 'customers.country_code references countries');
-- The log of a case's rows is kept by case, the other log by the row's key,
-- and so are the case tables with ids of their own (so that each can be
-- sharded with its rows); each status_log_id
-- names an entry of its own row's log.
SELECT col_is_pk('fms', 'transition_log', ARRAY['case_id', 'id'], 'transition_log is keyed by case and id');
SELECT col_is_pk('fms', 'row_transition_log', ARRAY['row_key', 'id'], 'row_transition_log is keyed by row key and id');
SELECT col_is_pk('fms', 'deliveries', ARRAY['case_id', 'id'], 'deliveries is keyed by case and id');
SELECT col_is_pk('fms', 'collections', ARRAY['case_id', 'id'], 'collections is keyed by case and id');
SELECT col_is_pk('fms', 'offer_restatements', ARRAY['case_id', 'id'], 'offer_restatements is keyed by case and id');
SELECT fk_ok('fms', 'cases', ARRAY['case_id', 'status_log_id'], 'fms', 'transition_log', ARRAY['case_id', 'id'],
             'a case''s status_log_id names an entry of its case in transition_log');
SELECT fk_ok('fms', 'dcs_licenses', ARRAY['license_no', 'status_log_id'], 'fms', 'row_transition_log', ARRAY['row_key', 'id'],
             'a licence''s status_log_id names an entry of the licence in row_transition_log');
SELECT set_eq($$SELECT c.relname::text FROM pg_extension e, unnest(e.extconfig) AS t(oid) JOIN pg_class c ON c.oid = t.oid WHERE e.extname = 'fms'$$,
              ARRAY['countries', 'customers', 'implementing_agencies', 'deleted_shipped_rows',
                    'policy_settings', 'workflow_states', 'workflow_transitions', 'transition_log',
                    'row_transition_log', 'transition_log_id_seq', 'cases', 'case_changes', 'holiday_rules', 'calendar_closures', 'fiscal_year_rules',
                    'lead_time_targets', 'country_groups', 'country_group_members', 'notification_rules',
                    'congressional_notifications', 'congressional_notifications_id_seq', 'dcs_licenses',
                    'itar_126_1_exceptions', 'offer_restatements', 'offer_restatements_id_seq',
                    'country_regions', 'funding_sources', 'items', 'case_lines', 'deliveries', 'deliveries_id_seq',
                    'line_closeouts', 'payment_schedule', 'collections', 'collections_id_seq', 'customer_access', 'licence_access',
                    'production_capacity'],
              'every table and sequence but the derived fms.case_flows, fms.case_balances, fms.demand_quarters, fms.kept_forecasts and fms.kept_backtests is marked for pg_dump');
SELECT col_is_pk('fms', 'workflow_states', ARRAY['machine', 'state'], 'workflow_states is keyed by machine and state');
SELECT col_is_pk('fms', 'workflow_transitions', ARRAY['machine', 'from_state', 'to_state'], 'workflow_transitions is keyed by its edge');
SELECT col_is_pk('fms', 'cases', 'case_id', 'cases is keyed by case_id');
SELECT col_is_pk('fms', 'case_changes', ARRAY['case_id', 'change_no'], 'case_changes is keyed by case and change number');
SELECT col_type_is('fms', 'cases', 'status', 'text', 'cases.status is plain text');
SELECT col_type_is('fms', 'case_changes', 'status', 'text', 'case_changes.status is plain text');
SELECT col_type_is('fms', 'workflow_transitions', 'guard', 'text', 'guards are signatures as text (a regprocedure column would block pg_upgrade)');
SELECT fk_ok('fms', 'cases', 'customer_code', 'fms', 'customers', 'customer_code', 'cases.customer_code references customers');
SELECT fk_ok('fms', 'cases', 'agency_code', 'fms', 'implementing_agencies', 'agency_code', 'cases.agency_code references implementing_agencies');
SELECT fk_ok('fms', 'case_changes', 'case_id', 'fms', 'cases', 'case_id', 'case_changes.case_id references cases');
SELECT triggers_are('fms', 'cases', ARRAY['enforce_workflow', 'verify_workflow_insert', 'verify_workflow_update', 'fill_default_dates', 'fill_default_dates_on_update', 'protect_offer', 'check_line_values', 'refuse_truncate', 'note_flows_insert', 'note_flows_update', 'note_flows_delete', 'note_balances_insert', 'note_balances_update', 'note_balances_delete', 'recompute_noted_cases'], 'cases has the workflow, its AFTER check, the default-date, offer-protection, line-value, TRUNCATE-refusing, flow- and balance-keeping triggers');
SELECT triggers_are('fms', 'transition_log', ARRAY['append_only', 'append_only_truncate'], 'transition_log has its append-only guards');
SELECT is((SELECT string_agg(tgname || ':' || tgenabled::text, ',' ORDER BY tgname) FROM pg_trigger WHERE tgrelid = 'fms.transition_log'::regclass AND NOT tgisinternal),
          'append_only:A,append_only_truncate:A', 'the append-only guards fire ALWAYS, even for replicas');
SELECT is((SELECT evtenabled::text || ' ' || evtevent FROM pg_event_trigger WHERE evtname = 'fms_check_workflow_triggers'),
          'A ddl_command_end', 'new workflow triggers are checked when they are created, under replica role too');
SELECT is((SELECT evtenabled::text || ' ' || evtevent || ' ' || array_to_string(evttags, ',') FROM pg_event_trigger WHERE evtname = 'fms_refuse_drop_with_data'),
          'A ddl_command_start DROP EXTENSION,DROP OWNED', 'dropping the extension is judged before it drops anything, under replica role too');
SELECT is((SELECT evtenabled::text || ' ' || evtevent || ' ' || array_to_string(evttags, ',') FROM pg_event_trigger WHERE evtname = 'fms_keep_governed_names'),
          'A ddl_command_start ALTER TABLE,ALTER SCHEMA', 'a rename of a governed table is judged before the old name is gone, under replica role too');
SELECT is((SELECT has_table_privilege('public', 'fms.transition_log', 'INSERT')), false,
          'PUBLIC cannot write the transition log directly');

SELECT operators_are('fms', ARRAY[
	'=(case_id,case_id) RETURNS boolean', '<>(case_id,case_id) RETURNS boolean',
	'<(case_id,case_id) RETURNS boolean', '<=(case_id,case_id) RETURNS boolean',
	'>(case_id,case_id) RETURNS boolean', '>=(case_id,case_id) RETURNS boolean',
	'=(usml,usml) RETURNS boolean', '<>(usml,usml) RETURNS boolean',
	'<(usml,usml) RETURNS boolean', '<=(usml,usml) RETURNS boolean',
	'>(usml,usml) RETURNS boolean', '>=(usml,usml) RETURNS boolean',
	'@>(usml,usml) RETURNS boolean', '<@(usml,usml) RETURNS boolean'],
	'fms has exactly the comparison and containment operators');
SELECT is((SELECT oprcanhash AND oprcanmerge FROM pg_operator WHERE oid = 'fms.=(fms.case_id,fms.case_id)'::regoperator),
          true, 'case_id = supports hash and merge joins');
SELECT is((SELECT oprcanhash AND oprcanmerge FROM pg_operator WHERE oid = 'fms.=(fms.usml,fms.usml)'::regoperator),
          true, 'usml = supports hash and merge joins');

SELECT opclasses_are('fms', ARRAY['case_id_ops', 'case_id_hash_ops', 'usml_ops', 'usml_hash_ops'],
                     'fms has btree and hash operator classes for both types');
SELECT set_eq($$SELECT format('%s %s %s', am.amname, c.opcname, CASE WHEN c.opcdefault THEN 'default' ELSE 'not-default' END) FROM pg_opclass c JOIN pg_am am ON am.oid = c.opcmethod
                WHERE c.opcnamespace = 'fms'::regnamespace$$,
              ARRAY['btree case_id_ops default', 'hash case_id_hash_ops default', 'btree usml_ops default', 'hash usml_hash_ops default'],
              'all four operator classes are the defaults for their type and method');

SELECT has_cast('text', 'case_id', 'cast text to case_id');
SELECT has_cast('character varying', 'case_id', 'cast varchar to case_id');
SELECT has_cast('case_id', 'text', 'cast case_id to text');
SELECT has_cast('text', 'usml', 'cast text to usml');
SELECT has_cast('character varying', 'usml', 'cast varchar to usml');
SELECT has_cast('usml', 'text', 'cast usml to text');
SELECT cast_context_is('text', 'case_id', 'assignment', 'text to case_id is an assignment cast');
SELECT cast_context_is('case_id', 'text', 'assignment', 'case_id to text is an assignment cast');
SELECT cast_context_is('text', 'usml', 'assignment', 'text to usml is an assignment cast');
SELECT cast_context_is('usml', 'text', 'assignment', 'usml to text is an assignment cast');

SELECT function_returns('fms', 'customer_code', ARRAY['case_id'], 'text', 'customer_code(case_id) returns text');
SELECT function_returns('fms', 'agency_code', ARRAY['case_id'], 'text', 'agency_code(case_id) returns text');
SELECT function_returns('fms', 'designator', ARRAY['case_id'], 'text', 'designator(case_id) returns text');
SELECT function_returns('fms', 'make_case_id', ARRAY['text', 'text', 'text'], 'case_id', 'make_case_id(text, text, text) returns case_id');
SELECT function_returns('fms', 'usml_category', ARRAY['usml'], 'integer', 'usml_category(usml) returns integer');

-- Labels of every function: volatility, strictness, parallel safety, leakproofness.
SELECT is(format('%s %s %s %s',
                 CASE p.provolatile WHEN 'i' THEN 'immutable' WHEN 's' THEN 'stable' ELSE 'volatile' END,
                 CASE WHEN p.proisstrict THEN 'strict' ELSE 'called-on-null' END,
                 CASE p.proparallel WHEN 's' THEN 'parallel-safe' WHEN 'r' THEN 'parallel-restricted' ELSE 'parallel-unsafe' END,
                 CASE WHEN p.proleakproof THEN 'leakproof' ELSE 'not-leakproof' END),
          v.expected, format('%s is %s', v.fn, v.expected))
  FROM (VALUES
	('fms.case_id_in(cstring)', 'immutable strict parallel-safe not-leakproof'),
	('fms.case_id_out(fms.case_id)', 'immutable strict parallel-safe not-leakproof'),
	('fms.case_id_recv(internal)', 'immutable strict parallel-safe not-leakproof'),
	('fms.case_id_send(fms.case_id)', 'immutable strict parallel-safe not-leakproof'),
	('fms.case_id_eq(fms.case_id,fms.case_id)', 'immutable strict parallel-safe leakproof'),
	('fms.case_id_ne(fms.case_id,fms.case_id)', 'immutable strict parallel-safe leakproof'),
	('fms.case_id_lt(fms.case_id,fms.case_id)', 'immutable strict parallel-safe leakproof'),
	('fms.case_id_le(fms.case_id,fms.case_id)', 'immutable strict parallel-safe leakproof'),
	('fms.case_id_gt(fms.case_id,fms.case_id)', 'immutable strict parallel-safe leakproof'),
	('fms.case_id_ge(fms.case_id,fms.case_id)', 'immutable strict parallel-safe leakproof'),
	('fms.case_id_cmp(fms.case_id,fms.case_id)', 'immutable strict parallel-safe leakproof'),
	('fms.case_id_sortsupport(internal)', 'immutable strict parallel-safe not-leakproof'),
	('fms.case_id_hash(fms.case_id)', 'immutable strict parallel-safe not-leakproof'),
	('fms.case_id_hash_extended(fms.case_id,bigint)', 'immutable strict parallel-safe not-leakproof'),
	('fms.case_id(text)', 'immutable strict parallel-safe not-leakproof'),
	('fms.text(fms.case_id)', 'immutable strict parallel-safe not-leakproof'),
	('fms.customer_code(fms.case_id)', 'immutable strict parallel-safe not-leakproof'),
	('fms.agency_code(fms.case_id)', 'immutable strict parallel-safe not-leakproof'),
	('fms.designator(fms.case_id)', 'immutable strict parallel-safe not-leakproof'),
	('fms.make_case_id(text,text,text)', 'immutable strict parallel-safe not-leakproof'),
	('fms.usml_in(cstring)', 'immutable strict parallel-safe not-leakproof'),
	('fms.usml_out(fms.usml)', 'immutable strict parallel-safe not-leakproof'),
	('fms.usml_recv(internal)', 'immutable strict parallel-safe not-leakproof'),
	('fms.usml_send(fms.usml)', 'immutable strict parallel-safe not-leakproof'),
	('fms.usml_eq(fms.usml,fms.usml)', 'immutable strict parallel-safe leakproof'),
	('fms.usml_ne(fms.usml,fms.usml)', 'immutable strict parallel-safe leakproof'),
	('fms.usml_lt(fms.usml,fms.usml)', 'immutable strict parallel-safe leakproof'),
	('fms.usml_le(fms.usml,fms.usml)', 'immutable strict parallel-safe leakproof'),
	('fms.usml_gt(fms.usml,fms.usml)', 'immutable strict parallel-safe leakproof'),
	('fms.usml_ge(fms.usml,fms.usml)', 'immutable strict parallel-safe leakproof'),
	('fms.usml_cmp(fms.usml,fms.usml)', 'immutable strict parallel-safe leakproof'),
	('fms.usml_sortsupport(internal)', 'immutable strict parallel-safe not-leakproof'),
	('fms.usml_hash(fms.usml)', 'immutable strict parallel-safe not-leakproof'),
	('fms.usml_hash_extended(fms.usml,bigint)', 'immutable strict parallel-safe not-leakproof'),
	('fms.usml_contains(fms.usml,fms.usml)', 'immutable strict parallel-safe not-leakproof'),
	('fms.usml_contained_by(fms.usml,fms.usml)', 'immutable strict parallel-safe not-leakproof'),
	('fms.usml_category(fms.usml)', 'immutable strict parallel-safe not-leakproof'),
	('fms.usml_smaller(fms.usml,fms.usml)', 'immutable strict parallel-safe not-leakproof'),
	('fms.usml_larger(fms.usml,fms.usml)', 'immutable strict parallel-safe not-leakproof'),
	('fms.min(fms.usml)', 'immutable called-on-null parallel-safe not-leakproof'),
	('fms.max(fms.usml)', 'immutable called-on-null parallel-safe not-leakproof'),
	('fms.case_id_smaller(fms.case_id,fms.case_id)', 'immutable strict parallel-safe not-leakproof'),
	('fms.case_id_larger(fms.case_id,fms.case_id)', 'immutable strict parallel-safe not-leakproof'),
	('fms.min(fms.case_id)', 'immutable called-on-null parallel-safe not-leakproof'),
	('fms.max(fms.case_id)', 'immutable called-on-null parallel-safe not-leakproof'),
	('fms.usml(text)', 'immutable strict parallel-safe not-leakproof'),
	('fms.text(fms.usml)', 'immutable strict parallel-safe not-leakproof'),
	('fms.primary_key_columns(regclass)', 'stable strict parallel-safe not-leakproof'),
	('fms.row_key(regclass,jsonb)', 'stable strict parallel-safe not-leakproof'),
	('fms.row_key_condition(regclass)', 'stable strict parallel-safe not-leakproof'),
	('fms.track_shipped_rows()', 'volatile called-on-null parallel-unsafe not-leakproof'),
	('fms.policy_setting(text,date)', 'stable strict parallel-safe not-leakproof'),
	('fms.check_workflow_definition()', 'volatile called-on-null parallel-unsafe not-leakproof'),
	('fms.guard_problem(text)', 'stable strict parallel-restricted not-leakproof'),
	('fms.resolve_guard(text)', 'stable strict parallel-restricted not-leakproof'),
	('fms.trigger_arguments(oid)', 'stable strict parallel-safe not-leakproof'),
	('fms.workflow_trigger_problem(oid)', 'stable strict parallel-safe not-leakproof'),
	('fms.check_workflow_triggers()', 'volatile called-on-null parallel-unsafe not-leakproof'),
	('fms.keep_governed_names()', 'volatile called-on-null parallel-unsafe not-leakproof'),
	('fms.invalidate_cached_definitions()', 'volatile called-on-null parallel-unsafe not-leakproof'),
	('fms.enforce_workflow()', 'volatile called-on-null parallel-unsafe not-leakproof'),
	('fms.verify_workflow()', 'volatile called-on-null parallel-unsafe not-leakproof'),
	('fms.guard_dates_in_order(anyelement)', 'stable strict parallel-safe not-leakproof'),
	('fms.offer_expiration(anyelement)', 'stable strict parallel-safe not-leakproof'),
	('fms.guard_acceptance(anyelement)', 'stable strict parallel-safe not-leakproof'),
	('fms.guard_implementation(anyelement)', 'stable strict parallel-safe not-leakproof'),
	('fms.refuse_log_change()', 'volatile called-on-null parallel-unsafe not-leakproof'),
	('fms.fill_default_dates()', 'volatile called-on-null parallel-unsafe not-leakproof'),
	('fms.transition(fms.case_id,text,date,text)', 'volatile called-on-null parallel-unsafe not-leakproof'),
	('fms.status_as_of(fms.case_id,date)', 'stable strict parallel-safe not-leakproof'),
	('fms.today()', 'stable called-on-null parallel-safe not-leakproof'),
	('fms.is_business_day(date)', 'stable strict parallel-safe not-leakproof'),
	('fms.business_days_between(date,date)', 'stable strict parallel-safe not-leakproof'),
	('fms.add_business_days(date,integer)', 'stable strict parallel-safe not-leakproof'),
	('fms.federal_holidays(integer,integer)', 'stable strict parallel-safe not-leakproof'),
	('fms.fiscal_year(date)', 'stable strict parallel-safe not-leakproof'),
	('fms.fiscal_quarter(date)', 'stable strict parallel-safe not-leakproof'),
	('fms.lead_time_target(text,text,date)', 'stable strict parallel-safe not-leakproof'),
	('fms.lead_time_target_in_force(text,text,date)', 'stable called-on-null parallel-safe not-leakproof'),
	('fms.policy_setting_in_force(text,date)', 'stable called-on-null parallel-safe not-leakproof'),
	('fms.closure_timer(fms.case_id,date)', 'stable called-on-null parallel-safe not-leakproof'),
	('fms.date_dimension_rows(date,date)', 'stable strict parallel-safe not-leakproof'),
	('fms.country_groups_of(text,date)', 'stable strict parallel-safe not-leakproof'),
	('fms.check_transmittal_no(text,text)', 'immutable strict parallel-safe not-leakproof'),
	('fms.guard_offer(anyelement)', 'stable strict parallel-safe not-leakproof'),
	('fms.destination_findings(text,text,date)', 'stable strict parallel-safe not-leakproof'),
	('fms.mtcr_findings(integer)', 'immutable strict parallel-safe not-leakproof'),
	('fms.notification_findings(text,text,numeric,numeric,numeric,fms.usml[],date)', 'stable called-on-null parallel-safe not-leakproof'),
	('fms.export_findings(text,text,numeric,numeric,numeric,fms.usml[],integer,date)', 'stable called-on-null parallel-safe not-leakproof'),
	('fms.case_findings(fms.case_id,date)', 'stable strict parallel-safe not-leakproof'),
	('fms.generate_sample_data(integer,integer,date)', 'volatile called-on-null parallel-unsafe not-leakproof'),
	('fms.sample_customer_profile()', 'immutable called-on-null parallel-safe not-leakproof'),
	('fms.sample_annual_figures()', 'immutable called-on-null parallel-safe not-leakproof'),
	('fms.sample_annual_figure(integer,boolean)', 'immutable strict parallel-safe not-leakproof'),
	('fms.sample_plan_dates(date)', 'volatile called-on-null parallel-unsafe not-leakproof'),
	('fms.sample_step(regclass,text,text,text,date,text,text)', 'volatile called-on-null parallel-unsafe not-leakproof'),
	('fms.sample_write_cases(date)', 'volatile called-on-null parallel-unsafe not-leakproof'),
	('fms.sample_notifications(date)', 'volatile called-on-null parallel-unsafe not-leakproof'),
	('fms.sample_write_changes(date)', 'volatile called-on-null parallel-unsafe not-leakproof'),
	('fms.sample_write_licences(numeric,date)', 'volatile called-on-null parallel-unsafe not-leakproof'),
	('fms.sample_write_capacity(date)', 'volatile called-on-null parallel-unsafe not-leakproof'),
	('fms.forecast(double precision[],integer,text)', 'immutable strict parallel-safe not-leakproof'),
	('fms.forecast_backtest(double precision[],integer,integer,text)', 'immutable strict parallel-safe not-leakproof'),
	('fms.forecast_history_start()', 'stable called-on-null parallel-safe not-leakproof'),
	('fms.notification_requirement(text,text,numeric,numeric,numeric,fms.usml[],date)', 'stable called-on-null parallel-safe not-leakproof'),
	('fms.apply_deleted_shipped_rows()', 'volatile called-on-null parallel-unsafe not-leakproof'),
	('fms.reporting_group(text)', 'stable strict parallel-safe not-leakproof'),
	('fms.percentile_of_sorted(integer[],integer,double precision)', 'immutable strict parallel-safe not-leakproof'),
	('fms.destination_country(text,date)', 'stable strict parallel-safe not-leakproof'),
	('fms.fill_license_expiry()', 'volatile called-on-null parallel-unsafe not-leakproof'),
	('fms.fill_review_days()', 'volatile called-on-null parallel-unsafe not-leakproof'),
	('fms.governing_notification(text,fms.case_id,text,text)', 'stable called-on-null parallel-safe not-leakproof'),
	('fms.notification_hold(text,text[],integer,fms.case_id,text,text,date)', 'stable called-on-null parallel-safe not-leakproof'),
	('fms.document_requirement(fms.case_id,text,numeric,numeric,numeric,fms.usml[],date)', 'stable called-on-null parallel-safe not-leakproof'),
	('fms.guard_license_approval(anyelement)', 'stable strict parallel-safe not-leakproof'),
	('fms.closure_due(fms.case_id,date)', 'stable called-on-null parallel-safe not-leakproof'),
	('fms.guard_closure(anyelement)', 'stable strict parallel-safe not-leakproof'),
	('fms.protect_offer()', 'volatile called-on-null parallel-unsafe not-leakproof'),
	('fms.milestone_problem(anyelement,text)', 'stable strict parallel-safe not-leakproof'),
	('fms.keep_relied_notifications()', 'volatile called-on-null parallel-unsafe not-leakproof'),
	('fms.skip_remembered_deletions()', 'volatile called-on-null parallel-unsafe not-leakproof'),
	('fms.country_dimension(text,text,date)', 'stable strict parallel-safe not-leakproof'),
	('fms.inherit_item()', 'volatile called-on-null parallel-unsafe not-leakproof'),
	('fms.document_rank(date,text)', 'immutable called-on-null parallel-safe not-leakproof'),
	('fms.document_line_values(fms.case_id,text)', 'stable called-on-null parallel-safe not-leakproof'),
	('fms.apply_line_changes()', 'volatile called-on-null parallel-unsafe not-leakproof'),
	('fms.check_line_values()', 'volatile called-on-null parallel-unsafe not-leakproof'),
	('fms.recheck_line_values()', 'volatile called-on-null parallel-unsafe not-leakproof'),
	('fms.case_lines_as_of(date)', 'stable strict parallel-safe not-leakproof'),
	('fms.case_lines_as_of(fms.case_id,date)', 'stable called-on-null parallel-safe not-leakproof'),
	('fms.case_lines_of(fms.case_id[], date)', 'stable called-on-null parallel-safe not-leakproof'),
	('fms.check_deliveries()', 'volatile called-on-null parallel-unsafe not-leakproof'),
	('fms.line_status(date)', 'stable strict parallel-safe not-leakproof'),
	('fms.guard_supply_complete(anyelement)', 'stable strict parallel-safe not-leakproof'),
	('fms.case_values_as_of(date)', 'stable strict parallel-safe not-leakproof'),
	('fms.refuse_truncate()', 'volatile called-on-null parallel-unsafe not-leakproof'),
	('fms.refuse_drop_with_data()', 'volatile called-on-null parallel-unsafe not-leakproof'),
	('fms.transition_log_hash(fms.transition_log)', 'immutable strict parallel-safe not-leakproof'),
	('fms.transition_log_hash(fms.row_transition_log)', 'immutable strict parallel-safe not-leakproof'),
	('fms.verify_transition_log()', 'stable called-on-null parallel-safe not-leakproof'),
	('fms.create_roles()', 'volatile called-on-null parallel-unsafe not-leakproof'),
	('fms.restricted_role()', 'stable called-on-null parallel-safe not-leakproof'),
	('fms.visible_customers()', 'stable called-on-null parallel-safe not-leakproof'),
	('fms.visible_applicants()', 'stable called-on-null parallel-safe not-leakproof'),
	('fms.grant_customer_access(text,text)', 'volatile called-on-null parallel-unsafe not-leakproof'),
	('fms.revoke_customer_access(text,text)', 'volatile called-on-null parallel-unsafe not-leakproof'),
	('fms.grant_licence_access(text,text)', 'volatile called-on-null parallel-unsafe not-leakproof'),
	('fms.revoke_licence_access(text,text)', 'volatile called-on-null parallel-unsafe not-leakproof'),
	('fms.check_restricted_role(text,text)', 'stable called-on-null parallel-safe not-leakproof'),
	('fms.case_flows_of(fms.case_id[])', 'stable called-on-null parallel-safe not-leakproof'),
	('fms.recompute_case_flows(fms.case_id[])', 'volatile called-on-null parallel-unsafe not-leakproof'),
	('fms.note_case_change()', 'volatile called-on-null parallel-unsafe not-leakproof'),
	('fms.recompute_noted_cases()', 'volatile called-on-null parallel-unsafe not-leakproof'),
	('fms.recompute_kept_data()', 'volatile called-on-null parallel-unsafe not-leakproof'),
	('fms.case_values_of(fms.case_id[], date)', 'stable called-on-null parallel-safe not-leakproof'),
	('fms.case_balances_of(fms.case_id[])', 'stable called-on-null parallel-safe not-leakproof'),
	('fms.recompute_case_balances(fms.case_id[])', 'volatile called-on-null parallel-unsafe not-leakproof'),
	('fms.flow_demand(fms.case_flows)', 'immutable called-on-null parallel-safe not-leakproof'),
	('fms.request_demand(fms.case_balances)', 'immutable called-on-null parallel-safe not-leakproof'),
	('fms.licence_demand(fms.dcs_licenses)', 'immutable called-on-null parallel-safe not-leakproof'),
	('fms.demand_events(date, date, date)', 'stable called-on-null parallel-safe not-leakproof'),
	('fms.add_demand(fms.demand_event[], fms.demand_event[])', 'volatile called-on-null parallel-unsafe not-leakproof'),
	('fms.recompute_demand_quarters()', 'volatile called-on-null parallel-unsafe not-leakproof'),
	('fms.keep_licence_demand()', 'volatile called-on-null parallel-unsafe not-leakproof'),
	('fms.applying_replicated_changes()', 'stable called-on-null parallel-safe not-leakproof'),
	('fms.quarter_start(date)', 'immutable strict parallel-safe not-leakproof'),
	('fms.series_digest(double precision[])', 'immutable strict parallel-safe not-leakproof'),
	('fms.forecast_build()', 'stable strict parallel-safe not-leakproof'),
	('fms.restricted_login()', 'stable called-on-null parallel-safe not-leakproof'),
	('fms.refresh_kept_forecasts()', 'volatile called-on-null parallel-unsafe not-leakproof'),
	('fms.distributed_table_of(regclass)', 'stable strict parallel-safe not-leakproof'),
	('fms.colocated_shard(regclass,regclass)', 'stable strict parallel-safe not-leakproof'),
	('fms.customer_granted(text)', 'stable strict parallel-safe not-leakproof'),
	('fms.applicant_granted(text)', 'stable strict parallel-safe not-leakproof'),
	('fms.forecastable(double precision[])', 'immutable strict parallel-safe not-leakproof'),
	('fms.saturated_float8(numeric)', 'immutable called-on-null parallel-safe not-leakproof'),
	('fms.closure_setting(boolean)', 'immutable called-on-null parallel-safe not-leakproof')
  ) AS v(fn, expected)
  LEFT JOIN pg_proc AS p ON p.oid = to_regprocedure(v.fn);

SELECT is((SELECT count(*)::int FROM pg_proc WHERE pronamespace = 'fms'::regnamespace), 177,
          'the label list above covers every function in fms');

SELECT * FROM finish();
ROLLBACK;
