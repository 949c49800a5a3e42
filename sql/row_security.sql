--
-- Row-level security: a partner role sees its customers' cases and all hung
-- on them, an industry role its applicants' licences, through every table,
-- view and function, and nothing else leaks: not through a condition or a
-- function of the user's, an error, EXPLAIN or the planner's statistics.
-- Everything here is rolled back, the roles included.
--
BEGIN;
SELECT count(*) AS roles FROM fms.create_roles();
CREATE ROLE regress_partner_qa;
GRANT fms_partner TO regress_partner_qa;
CREATE ROLE regress_industry_acme;
GRANT fms_industry TO regress_industry_acme;
CREATE ROLE regress_staff;
GRANT fms_reader TO regress_staff;

-- Two customers, each with cases, an amendment, a notification not yet
-- sent (so a finding); two applicants, each with a licence and a
-- notification.
INSERT INTO fms.customers VALUES ('QA', 'Qatar', 'country', 'QA'), ('BE', 'Belgium', 'country', 'BE') ON CONFLICT DO NOTHING;
SET LOCAL fms.effective_date = '2024-01-10';
INSERT INTO fms.cases (case_id, title, total_value_usd) VALUES
	('QA-D-RSA', 'Qatar case one', 500000000), ('QA-D-RSB', 'Qatar case two', 1000000), ('BE-D-RSA', 'Belgian case', 500000000);
UPDATE fms.cases SET status = 'write', status_since = '2024-02-01' WHERE case_id IN ('QA-D-RSA', 'BE-D-RSA');
UPDATE fms.cases SET status = 'review', status_since = '2024-02-05' WHERE case_id IN ('QA-D-RSA', 'BE-D-RSA');
UPDATE fms.cases SET status = 'proposed', status_since = '2024-02-10' WHERE case_id IN ('QA-D-RSA', 'BE-D-RSA');
INSERT INTO fms.case_changes (case_id, change_no, title) VALUES ('QA-D-RSA', 'A1', 'more'), ('BE-D-RSA', 'A1', 'more');
INSERT INTO fms.congressional_notifications (case_id, section, status) VALUES
	('QA-D-RSA', '36(b)(1)', 'drafted'), ('BE-D-RSA', '36(b)(1)', 'drafted');
INSERT INTO fms.dcs_licenses (license_no, form, applicant, country_code, value_usd) VALUES
	('RLS-ACME', 'DSP-5', 'Acme', 'QA', 1000000), ('RLS-OTHER', 'DSP-5', 'Other Corp', 'BE', 2000000);
INSERT INTO fms.congressional_notifications (license_no, section, formal_sent_on, status) VALUES
	('RLS-ACME', '36(c)', '2024-03-01', 'formal_review'), ('RLS-OTHER', '36(c)', '2024-03-01', 'formal_review');
ANALYZE fms.cases;

-- Rows are granted only to partner (industry) roles: any other role would
-- see every row anyway.  Granting twice is harmless.
SELECT state, message, detail, hint FROM error_of($$SELECT fms.grant_customer_access('regress_staff', 'QA')$$);
SELECT state, message FROM error_of($$SELECT fms.grant_customer_access('regress_no_such_role', 'QA')$$);
SELECT state, message FROM error_of($$SELECT fms.grant_customer_access('regress_partner_qa', 'XX')$$);
SELECT state, message FROM error_of($$SELECT fms.grant_licence_access('regress_partner_qa', 'Acme')$$);
SELECT fms.grant_customer_access('regress_partner_qa', 'QA'), fms.grant_customer_access('regress_partner_qa', 'QA');
SELECT fms.grant_licence_access('regress_industry_acme', 'Acme');

-- What each view shows, read as whoever queries it.
CREATE TEMP VIEW seen_through_views WITH (security_invoker = true) AS
SELECT 'case_pipeline' AS view, string_agg(DISTINCT customer, ',') AS customers FROM fms.case_pipeline
UNION ALL SELECT 'documents', string_agg(DISTINCT left(case_id::text, 2), ',') FROM fms.documents
UNION ALL SELECT 'case_aging', string_agg(DISTINCT left(case_id::text, 2), ',') FROM fms.case_aging
UNION ALL SELECT 'open_findings', string_agg(DISTINCT customer, ',') FROM fms.open_findings
UNION ALL SELECT 'notification_queue', string_agg(DISTINCT customer, ',') FROM fms.notification_queue
UNION ALL SELECT 'case_status_history', string_agg(DISTINCT left(case_id::text, 2), ',') FROM fms.case_status_history
UNION ALL SELECT 'customer_exposure', string_agg(DISTINCT customer, ',') FROM fms.customer_exposure
UNION ALL SELECT 'dcs_license_clock', string_agg(DISTINCT license_no, ',') FROM fms.dcs_license_clock;
GRANT SELECT ON seen_through_views TO PUBLIC;

-- A condition of the user's that talks, run on every row it is given: it
-- keeps what it saw in a setting, printed sorted below (the order in which
-- a scan meets the rows is not what is tested).
CREATE FUNCTION public.tell(what text) RETURNS boolean LANGUAGE plpgsql COST 0.0001 AS $$
BEGIN
	PERFORM set_config('regress.told', concat_ws('|', nullif(current_setting('regress.told', true), ''), what), false);
	RETURN true;
END $$;

-- The partner.
SET LOCAL ROLE regress_partner_qa;
SELECT 'cases' AS what, string_agg(DISTINCT customer_code, ',') AS customers, count(*) FROM fms.cases
UNION ALL SELECT 'customers', string_agg(customer_code, ','), count(*) FROM fms.customers
UNION ALL SELECT 'changes', string_agg(DISTINCT fms.customer_code(case_id), ','), count(*) FROM fms.case_changes
UNION ALL SELECT 'notifications', string_agg(DISTINCT COALESCE(fms.customer_code(case_id), license_no), ','), count(*) FROM fms.congressional_notifications
UNION ALL SELECT 'log', string_agg(DISTINCT fms.customer_code(case_id), ','), count(*) FROM fms.transition_log
UNION ALL SELECT 'licence log', string_agg(DISTINCT row_key, ','), count(*) FROM fms.row_transition_log
UNION ALL SELECT 'licences', string_agg(license_no, ','), count(*) FROM fms.dcs_licenses
UNION ALL SELECT 'access', string_agg(customer_code, ','), count(*) FROM fms.customer_access;
-- The views read as the partner (the staff, below, see both customers in
-- each).
SELECT * FROM seen_through_views;
-- Functions read as the partner: another customer's case has no status.
SELECT fms.status_as_of('QA-D-RSA', '2030-01-01') AS own, fms.status_as_of('BE-D-RSA', '2030-01-01') AS other;
-- A talking condition sees only the partner's rows; a failing one fails
-- only on them.
SELECT count(*) AS told FROM fms.cases WHERE public.tell(title);
SELECT string_agg(w, ', ' ORDER BY w) AS seen FROM unnest(string_to_array(current_setting('regress.told'), '|')) AS w;
SELECT count(*) AS divided FROM fms.cases WHERE 1 / (CASE WHEN customer_code = 'BE' THEN 0 ELSE 1 END) = 1;
-- EXPLAIN shows the policy's test ahead of the user's condition, and no
-- value of another customer; the planner's statistics of the protected
-- table are hidden from the partner.
SELECT position('restricted_role' IN plan) < position('tell' IN plan) AS policy_first, plan LIKE '%BE%' AS names_belgium
  FROM (SELECT string_agg(l, ' ') AS plan FROM explain_lines('SELECT * FROM fms.cases WHERE public.tell(title)') AS l) AS p;
SELECT count(*) AS statistics_rows FROM pg_stats WHERE schemaname = 'fms' AND tablename = 'cases';
-- The log cannot be verified from a partner's share of it: its rows are
-- listed as not checked (not as missing their entries).
SELECT table_name, problem FROM fms.verify_transition_log() ORDER BY table_name;
-- Writes are refused, whatever row.
SELECT state, message FROM error_of($$SELECT fms.transition('BE-D-RSA', 'review', '2024-02-05')$$);
SELECT state, message FROM error_of($$UPDATE fms.cases SET title = 'mine' WHERE case_id = 'QA-D-RSA'$$);
RESET ROLE;

-- The industry role.
SET LOCAL ROLE regress_industry_acme;
SELECT 'cases' AS what, count(*), string_agg(license_no, ',') AS rows FROM fms.cases LEFT JOIN (SELECT NULL::text AS license_no) AS x ON false
UNION ALL SELECT 'licences', count(*), string_agg(license_no, ',') FROM fms.dcs_licenses
UNION ALL SELECT 'notifications', count(*), string_agg(license_no, ',') FROM fms.congressional_notifications
UNION ALL SELECT 'log', count(*), string_agg(DISTINCT row_key, ',') FROM fms.transition_log
UNION ALL SELECT 'licence log', count(*), string_agg(DISTINCT row_key, ',') FROM fms.row_transition_log
UNION ALL SELECT 'customers', count(*), NULL FROM fms.customers;
RESET ROLE;

-- Staff (any role that is not a partner or industry role) see every row;
-- a revoked customer is gone from the partner's view.
SET LOCAL ROLE regress_staff;
SELECT count(DISTINCT customer_code) > 1 AS staff_sees_several_customers, count(*) FILTER (WHERE customer_code = 'BE') > 0 AS sees_belgium
  FROM fms.cases;
SELECT * FROM seen_through_views;
SELECT count(*) AS log_breaks_staff_see FROM fms.verify_transition_log();
-- The planner's statistics stay hidden from every role the policies apply
-- to (PostgreSQL hides them while row-level security is active).
SELECT count(*) AS staff_statistics_rows FROM pg_stats WHERE schemaname = 'fms' AND tablename = 'cases';
RESET ROLE;
-- A partner's or industry login stays restricted whatever role it sets:
-- fms_reader (which fms_partner and fms_industry are members of) shows it
-- the rows granted to fms_reader, none.
SET LOCAL SESSION AUTHORIZATION regress_partner_qa;
SET LOCAL ROLE fms_reader;
SELECT current_user, fms.restricted_login() AS restricted_login, fms.restricted_role() AS restricted_role,
       (SELECT count(*) FROM fms.cases) AS cases_seen, (SELECT count(*) FROM fms.case_pipeline) AS pipeline_seen;
RESET ROLE;
RESET SESSION AUTHORIZATION;
SET LOCAL SESSION AUTHORIZATION regress_industry_acme;
SET LOCAL ROLE fms_reader;
SELECT current_user, (SELECT count(*) FROM fms.dcs_licenses) AS licences_seen;
RESET ROLE;
RESET SESSION AUTHORIZATION;
-- A superuser's session that sets a role is that role: staff see every row.
SET LOCAL ROLE regress_staff;
SELECT fms.restricted_login() AS restricted_login, fms.restricted_role() AS restricted_role,
       (SELECT count(*) FILTER (WHERE customer_code = 'BE') > 0 FROM fms.cases) AS sees_belgium;
RESET ROLE;
-- The policies' tests of one value: the role's own grants, not another's
-- (NULL for NULL, which a policy reads as not granted).
SET LOCAL ROLE regress_partner_qa;
SELECT fms.customer_granted('QA') AS qatar, fms.customer_granted('BE') AS belgium, fms.customer_granted(NULL) AS no_customer,
       fms.applicant_granted('Acme') AS acme, fms.visible_customers() AS visible;
RESET ROLE;
SET LOCAL ROLE regress_industry_acme;
SELECT fms.applicant_granted('Acme') AS acme, fms.applicant_granted('Other Corp') AS other, fms.applicant_granted(NULL) AS no_applicant,
       fms.customer_granted('QA') AS qatar;
RESET ROLE;
-- PL/pgSQL keeps a simple expression's state from one statement to the
-- next: the answers follow the grants statement by statement.
DO $$
DECLARE
	round int;
BEGIN
	FOR round IN 1 .. 2 LOOP
		PERFORM set_config('role', 'regress_partner_qa', true);
		RAISE NOTICE 'round %: QA granted %, visible %, cases %', round, fms.customer_granted('QA'), fms.visible_customers(),
			(SELECT count(*) FROM fms.cases);
		PERFORM set_config('role', 'none', true);
		PERFORM fms.revoke_customer_access('regress_partner_qa', 'QA');
	END LOOP;
	PERFORM fms.grant_customer_access('regress_partner_qa', 'QA');
END
$$;
SELECT fms.revoke_customer_access('regress_partner_qa', 'QA') AS revoked, fms.revoke_customer_access('regress_partner_qa', 'QA') AS again;
SET LOCAL ROLE regress_partner_qa;
SELECT count(*) AS cases_after_revoke FROM fms.cases;
RESET ROLE;
ROLLBACK;
