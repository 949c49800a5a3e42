/* src/sql/roles.sql -- last part: what PUBLIC may do, and the three roles */

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

-- The views read as the role that queries them, so that the row-level
-- security policies (row_security.sql) hold through them: here, last, so
-- that it reaches every view.
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
