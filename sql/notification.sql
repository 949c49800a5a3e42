--
-- fms.notification_requirement: AECA section 36 thresholds, judged as of a
-- date, checked at and just below every threshold.
--
SET DateStyle = ISO;
CREATE FUNCTION notice(country text, program text, total numeric, mde numeric, dc numeric,
                       usml fms.usml[] DEFAULT NULL, on_date date DEFAULT '2026-01-01')
RETURNS text LANGUAGE sql AS $$
	SELECT CASE WHEN n.required
	            THEN format('%s, %s days (informal %s): %s', n.section, n.review_days,
	                        coalesce(n.informal_review_days::text, 'none'), array_to_string(n.rule_codes, ' '))
	            ELSE 'not required' END
	  FROM fms.notification_requirement(country, program, total, mde, dc, usml, on_date) AS n
$$;

-- FMS to a destination outside NATO+ (Saudi Arabia): $14M MDE, $50M
-- articles and services, $200M design and construction, 30 days.
SELECT label, notice('SA', 'FMS', total, mde, dc)
  FROM (VALUES ('MDE exactly $14,000,000', 14000000, 14000000, 0),
               ('MDE one cent below', 13999999.99, 13999999.99, 0),
               ('MDE a fraction of a cent below', 13999999.999, 13999999.999, 0),
               ('total exactly $50,000,000', 50000000, 0, 0),
               ('total one cent below', 49999999.99, 0, 0),
               ('D&C exactly $200,000,000', 200000000, 0, 200000000),
               ('D&C one cent below (total triggers)', 199999999.99, 0, 199999999.99),
               ('all three', 300000000, 20000000, 250000000),
               ('none', 1000000, 500000, 0)) AS v(label, total, mde, dc);
-- FMS to NATO+ (Japan): $25M, $100M, $300M, 15 days.
SELECT label, notice('JP', 'FMS', total, mde, dc)
  FROM (VALUES ('MDE exactly $25,000,000', 25000000, 25000000, 0),
               ('MDE one cent below', 24999999.99, 24999999.99, 0),
               ('total exactly $100,000,000', 100000000, 0, 0),
               ('total one cent below', 99999999.99, 0, 0),
               ('D&C exactly $300,000,000', 300000000, 0, 300000000),
               ('D&C one cent below (total triggers)', 299999999.99, 0, 299999999.99)) AS v(label, total, mde, dc);
-- DCS licences (36(c)): the same thresholds without design and construction;
-- firearms of USML Category I(a)-(g) from $1M.
SELECT label, notice(country, 'DCS', total, mde, 0, usml)
  FROM (VALUES ('Mexico, MDE $14M', 'MX', 20000000, 14000000, NULL::fms.usml[]),
               ('Mexico, total $50M', 'MX', 50000000, 0, NULL),
               ('Norway, MDE $14M', 'NO', 20000000, 14000000, NULL),
               ('Norway, MDE $25M', 'NO', 30000000, 25000000, NULL),
               ('Mexico, rifles I(a), $1M', 'MX', 1000000, 0, '{I(a)}'),
               ('Mexico, rifles I(a), one cent below', 'MX', 999999.99, 0, '{I(a)}'),
               ('Mexico, I(g) parts, $1M', 'MX', 1000000, 0, '{I(g)(1)}'),
               ('Norway, rifles I(a), $1M (NATO+: 15 days)', 'NO', 1000000, 0, '{I(a)}'),
               ('Mexico, I(h) accessories, $1M', 'MX', 1000000, 0, '{I(h)}'),
               ('Mexico, XI electronics, $1M', 'MX', 1000000, 0, '{XI(a)}')) AS v(label, country, total, mde, usml);

-- As of a date: Finland before and after it joined NATO (2023-04-04).
SELECT d, notice('FI', 'FMS', 60000000, 20000000, 0, NULL, d)
  FROM unnest(ARRAY['2023-04-03', '2023-04-04']::date[]) AS d;
-- A threshold change is a new period of the rule: raise the non-NATO+ MDE
-- threshold to $30M from 2027-01-01 (as H.R. 3613 proposes).
BEGIN;
UPDATE fms.notification_rules SET valid_to = '2027-01-01' WHERE rule_code = 'FMS_MDE';
INSERT INTO fms.notification_rules (rule_code, program, section, country_group, measure, threshold_usd, review_days, informal_review_days, valid_from, source)
VALUES ('FMS_MDE', 'FMS', '36(b)(1)', NULL, 'mde', 30000000, 30, 20, '2027-01-01', 'test: a proposed change');
SET CONSTRAINTS ALL IMMEDIATE;
SELECT d, notice('SA', 'FMS', 20000000, 20000000, 0, NULL, d)
  FROM unnest(ARRAY['2026-12-31', '2027-01-01']::date[]) AS d;
ROLLBACK;
SELECT notice('SA', 'FMS', 20000000, 20000000, 0, NULL, '2027-01-01') AS after_rollback;

-- Bad input names the problem.
SELECT input, e.state, e.message, e.detail
  FROM (VALUES ($$SELECT fms.notification_requirement('XX', 'FMS', 1, 0, 0)$$),
               ($$SELECT fms.notification_requirement('JP', 'FMX', 1, 0, 0)$$),
               ($$SELECT fms.notification_requirement('JP', 'FMS', -1, 0, 0)$$),
               ($$SELECT fms.notification_requirement('JP', 'FMS', 10, -1, 0)$$),
               ($$SELECT fms.notification_requirement('JP', 'FMS', 10, 20, 0)$$),
               ($$SELECT fms.notification_requirement('JP', 'FMS', 10, 0, 11)$$),
               ($$SELECT fms.notification_requirement('JP', 'FMS', 'NaN', 0, 0)$$),
               ($$SELECT fms.notification_requirement('JP', 'FMS', 'Infinity', 0, 0)$$),
               ($$SELECT fms.notification_requirement('JP', 'FMS', 1e20, 0, 0)$$),
               ($$SELECT fms.notification_requirement(NULL, 'FMS', 1, 0, 0)$$),
               ($$SELECT fms.notification_requirement('JP', 'FMS', 1, 0, 0, NULL, NULL)$$)) AS v(input),
       LATERAL error_of(input) AS e;
-- NULL amounts count as none.
SELECT notice('SA', 'FMS', NULL, NULL, NULL) AS all_null;
DROP FUNCTION notice;

-- Transmittal numbers, in the forms of the Congressional Record.
SELECT n, s, fms.check_transmittal_no(n, s)
  FROM (VALUES ('20-76', '36(b)(1)'), ('24-1', '36(b)(1)'), ('24-120', '36(b)(1)'),
               ('0G-23', '36(b)(5)(A)'), ('20-0J', '36(b)(5)(C)')) AS v(n, s);
SELECT n, s, e.state, e.message, e.detail
  FROM (VALUES ('2076', '36(b)(1)'), ('20-00', '36(b)(1)'), ('20-7a', '36(b)(1)'), ('0G-23', '36(b)(1)'),
               ('20-76', '36(b)(5)(A)'), ('0g-23', '36(b)(5)(A)'), ('20-01', '36(b)(5)(C)'), (' 20-0J', '36(b)(5)(C)')) AS v(n, s),
       LATERAL error_of(format('SELECT fms.check_transmittal_no(%L, %L)', n, s)) AS e;
-- No number form is recorded for 36(c) and 36(d) (DOMAIN: unconfirmed).
SELECT n, s, e.state, e.message, e.hint
  FROM (VALUES ('20-76', '36(c)'), ('DDTC 23-045', '36(d)')) AS v(n, s),
       LATERAL error_of(format('SELECT fms.check_transmittal_no(%L, %L)', n, s)) AS e;
-- The table refuses them too.
SET DateStyle = ISO;
SELECT * FROM error_of($$INSERT INTO fms.congressional_notifications (case_id, transmittal_no, section, formal_sent_on, review_days)
                         VALUES ('JA-D-QAB', '2076', '36(b)(1)', '2024-01-01', 30)$$);

-- Wired into the workflow: proposed -> offered.
BEGIN;
INSERT INTO fms.customers (customer_code, name, kind, country_code) VALUES
	('CH', 'China (illustrative code)', 'country', 'CN'), ('EG', 'Egypt (illustrative code)', 'country', 'EG');
SET LOCAL fms.effective_date = '2025-01-10';
INSERT INTO fms.cases (case_id, title, total_value_usd) VALUES ('CH-D-AAA', 'spares', 1000);
INSERT INTO fms.cases (case_id, title, total_value_usd, mde_value_usd) VALUES ('EG-B-AAA', 'tanks', 300000000, 250000000);
SELECT count(*) AS moves FROM (VALUES ('write', '2025-02-03'::date), ('review', '2025-02-10'), ('proposed', '2025-03-03')) AS v(state, d),
       LATERAL fms.transition('CH-D-AAA', v.state, v.d) AS a, LATERAL fms.transition('EG-B-AAA', v.state, v.d) AS b;
-- A 126.1(d)(1) destination: never offered, whatever the value.
SELECT state, detail FROM error_of($$SELECT fms.transition('CH-D-AAA', 'offered', '2025-04-01')$$);
-- Egypt, $250M of MDE: 30-day review; formally notified 2025-03-10, so the
-- review runs through 2025-04-08 and the offer can come on 2025-04-09.
INSERT INTO fms.congressional_notifications (case_id, transmittal_no, section, informal_sent_on, formal_sent_on, review_days, status)
VALUES ('EG-B-AAA', '25-07', '36(b)(1)', '2025-02-10', '2025-03-10', 30, 'formal_review');
SELECT state, detail FROM error_of($$SELECT fms.transition('EG-B-AAA', 'offered', '2025-04-08')$$);
SAVEPOINT before_offer;
SELECT status, offered_on FROM fms.transition('EG-B-AAA', 'offered', '2025-04-09');
ROLLBACK TO before_offer;
-- An emergency declared under AECA 36(b)(1) waives the review.
UPDATE fms.congressional_notifications SET emergency_justification = 'Presidential emergency determination (illustrative)'
 WHERE case_id = 'EG-B-AAA';
SELECT status, offered_on FROM fms.transition('EG-B-AAA', 'offered', '2025-03-12');
ROLLBACK;

-- Findings, as a compliance officer reads them.
SELECT * FROM fms.export_findings('CN', 'FMS', 1000, 0, 0, NULL, NULL, '2026-01-01');
-- The policy of denial is true through history: China from 1990, Hong Kong
-- (as China) from 2020-07-14, not before.
SELECT country, on_date, (SELECT string_agg(severity || ' ' || rule_code, ', ' ORDER BY rule_code)
                            FROM fms.export_findings(country, 'FMS', 1000, 0, 0, NULL, NULL, on_date)
                           WHERE severity = 'deny') AS denials
  FROM (VALUES ('CN', '1990-02-15'::date), ('CN', '1990-02-16'), ('CN', '2015-06-01'),
               ('HK', '2020-07-13'), ('HK', '2020-07-14'), ('HK', '2025-01-01')) AS v(country, on_date);
SELECT * FROM fms.export_findings('NI', 'FMS', 1000, 0, 0, NULL, NULL, '2024-03-14');
SELECT severity, rule_code, citation FROM fms.export_findings('NI', 'FMS', 1000, 0, 0, NULL, NULL, '2024-03-15');
SELECT severity, rule_code, citation FROM fms.export_findings('SA', 'FMS', 60000000, 20000000, 0, NULL, 1, '2026-01-01');
SELECT severity, rule_code, message FROM fms.export_findings('JP', 'FMS', 60000000, 20000000, 0, NULL, 2, '2026-01-01');
SELECT severity, rule_code FROM fms.case_findings('JA-D-QAB', '2024-03-01');

-- DCS licences follow machine dcs_license and run against the NSPD-56 clock.
BEGIN;
SET LOCAL fms.effective_date = '2025-01-06';
INSERT INTO fms.dcs_licenses (license_no, form, applicant, country_code, usml, value_usd) VALUES
	('050012345', 'DSP-5', 'Example Corp.', 'MX', '{I(a)}', 1500000),
	('050012346', 'DSP-5', 'Example Corp.', 'SA', '{XI(a)}', 80000000),
	('050012347', 'TAA', 'Example Corp.', 'JP', '{VIII(h)}', 5000000);
SET LOCAL fms.effective_date = '2025-01-08';
UPDATE fms.dcs_licenses SET status = 'in_review';
-- The rifles (36(c)(2)(A)) and the $80M licence (36(c)(1)) are notified;
-- review_days comes from the rule (30 days for both destinations).
INSERT INTO fms.congressional_notifications (license_no, section, formal_sent_on, status) VALUES
	('050012345', '36(c)', '2025-03-01', 'cleared'),
	('050012346', '36(c)', '2025-03-20', 'cleared');
SELECT license_no, section, formal_sent_on, review_days, review_ends_on
  FROM fms.congressional_notifications WHERE license_no IS NOT NULL ORDER BY 1;
SET LOCAL fms.effective_date = '2025-03-06';
UPDATE fms.dcs_licenses SET status = 'approved' WHERE license_no = '050012347';
SET LOCAL fms.effective_date = '2025-04-07';
UPDATE fms.dcs_licenses SET status = 'approved_with_provisos' WHERE license_no = '050012345';
UPDATE fms.dcs_licenses SET nspd56_exception = 'congressional_notification' WHERE license_no = '050012346';
SET LOCAL fms.effective_date = '2025-05-01';
UPDATE fms.dcs_licenses SET status = 'approved' WHERE license_no = '050012346';
SELECT * FROM error_of($$UPDATE fms.dcs_licenses SET status = 'denied' WHERE license_no = '050012346'$$);
-- 2025-01-06 to 2025-03-06: 59 days; to 2025-04-07: 91 days and to
-- 2025-05-01: 115 days, over the 60, but both held for congressional review
-- (one also says so in nspd56_exception).  Licences expire four years on.
SELECT license_no, status, submitted_on, decided_on, days_in_review, standard_days, nspd56_exception, over_standard, held_for_congress
  FROM fms.dcs_license_clock ORDER BY license_no;
SELECT license_no, form, decided_on, expires_on FROM fms.dcs_licenses ORDER BY 1;
-- Findings with program DCS: the firearms threshold for the Mexican rifles.
SELECT l.license_no, f.severity, f.rule_code
  FROM fms.dcs_licenses AS l,
       LATERAL fms.export_findings(l.country_code, 'DCS', l.value_usd, 0, 0, l.usml, NULL, l.submitted_on) AS f
 ORDER BY 1, 3;
ROLLBACK;

-- An organization customer is judged like a member country of its group:
-- NATO's agency buying $30M of MDE needs the NATO+ notification.
BEGIN;
INSERT INTO fms.customers (customer_code, name, kind, country_group) VALUES ('NS', 'NATO Support and Procurement Agency (illustrative code)', 'organization', 'NATO_PLUS');
SET LOCAL fms.effective_date = '2025-01-10';
INSERT INTO fms.cases (case_id, title, total_value_usd, mde_value_usd) VALUES ('NS-D-AAA', 'missiles', 40000000, 30000000);
SELECT count(*) AS moves FROM (VALUES ('write', '2025-02-03'::date), ('review', '2025-02-10'), ('proposed', '2025-03-03')) AS v(state, d),
       LATERAL fms.transition('NS-D-AAA', v.state, v.d) AS t;
SELECT severity, rule_code FROM fms.case_findings('NS-D-AAA', '2025-03-03');
SELECT state, detail FROM error_of($$SELECT fms.transition('NS-D-AAA', 'offered', '2025-04-01')$$);
ROLLBACK;

-- NULL amounts count as 0 wherever they stand, and never crash the server:
-- a NULL total under a positive part is refused, naming both.
SELECT * FROM error_of($$SELECT fms.notification_requirement('JP', 'FMS', NULL, 1, 0)$$);
SELECT * FROM error_of($$SELECT * FROM fms.notification_requirement('JP', 'FMS', NULL, 0, 2.5)$$);
SELECT state, detail FROM error_of($$SELECT * FROM fms.export_findings('JP', 'FMS', NULL, 1, 0, NULL, NULL, '2025-01-01')$$);
SELECT required, section FROM fms.notification_requirement('JP', 'FMS', NULL, NULL, NULL, NULL, '2025-01-01');
-- A part above the total by a fraction of a cent is above it.
SELECT state, detail FROM error_of($$SELECT fms.notification_requirement('JP', 'FMS', 100, 100.009, 0)$$);
SELECT required FROM fms.notification_requirement('JP', 'FMS', 100.009, 100.009, 0);
-- 'infinity' lies within every open-ended rule and membership, as
-- daterange(valid_from, NULL) @> 'infinity' does; '-infinity' before all.
SELECT on_date, required, section, rule_codes
  FROM unnest(ARRAY['infinity', '-infinity']::date[]) AS on_date,
       LATERAL fms.notification_requirement('JP', 'FMS', 100000000, 30000000, 0, NULL, on_date);
-- Values quoted in messages are cut after 64 bytes, on a character boundary.
SELECT message FROM error_of($$SELECT fms.notification_requirement(repeat('é', 500), 'FMS', 1, 0, 0)$$);
SELECT message FROM error_of($$SELECT fms.check_transmittal_no(repeat('9', 500), '36(b)(1)')$$);
-- Every combination of NULL arguments gets an answer or an error, never a
-- crash: NULL country, program or date is 22004; a NULL total under a
-- positive MDE is 22023; the rest count NULL as none.
SELECT coalesce(e.state, 'answered') AS outcome, count(*) AS combinations
  FROM generate_series(0, 127) AS m,
       LATERAL error_of(format('SELECT * FROM fms.notification_requirement(%s, %s, %s, %s, %s, %s, %s)',
           CASE WHEN m & 1 = 0 THEN '''JP''' ELSE 'NULL' END,
           CASE WHEN m & 2 = 0 THEN '''FMS''' ELSE 'NULL' END,
           CASE WHEN m & 4 = 0 THEN '100000000' ELSE 'NULL' END,
           CASE WHEN m & 8 = 0 THEN '50000000' ELSE 'NULL' END,
           CASE WHEN m & 16 = 0 THEN '0' ELSE 'NULL' END,
           CASE WHEN m & 32 = 0 THEN '''{I(a)}''::fms.usml[]' ELSE 'NULL' END,
           CASE WHEN m & 64 = 0 THEN '''2025-01-01''::date' ELSE 'NULL' END)) AS e
 GROUP BY 1 ORDER BY 1;
SELECT coalesce(e.state, 'answered') AS outcome, count(*) AS combinations
  FROM generate_series(0, 255) AS m,
       LATERAL error_of(format('SELECT * FROM fms.export_findings(%s, %s, %s, %s, %s, %s, %s, %s)',
           CASE WHEN m & 1 = 0 THEN '''CN''' ELSE 'NULL' END,
           CASE WHEN m & 2 = 0 THEN '''DCS''' ELSE 'NULL' END,
           CASE WHEN m & 4 = 0 THEN '100000000' ELSE 'NULL' END,
           CASE WHEN m & 8 = 0 THEN '50000000' ELSE 'NULL' END,
           CASE WHEN m & 16 = 0 THEN '0' ELSE 'NULL' END,
           CASE WHEN m & 32 = 0 THEN '''{I(a)}''::fms.usml[]' ELSE 'NULL' END,
           CASE WHEN m & 64 = 0 THEN '1' ELSE 'NULL' END,
           CASE WHEN m & 128 = 0 THEN '''2025-01-01''::date' ELSE 'NULL' END)) AS e
 GROUP BY 1 ORDER BY 1;
