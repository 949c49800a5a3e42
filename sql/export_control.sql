--
-- Export control as a compliance officer checks it: ITAR 126.1 true
-- through history, its (d)(2) exceptions, the offer guard and the licence
-- guard, every notification section, the OED enforced, closure as DSCA
-- closes.  Dates on both sides of every membership and rule change.
--
SET DateStyle = ISO;

-- A sale's 126.1 finding on a date, for FMS and DCS.
CREATE FUNCTION proscription(country text, on_date date) RETURNS text
LANGUAGE sql AS $$
	SELECT coalesce(string_agg(program || ' ' || severity || ' ' || rule_code, ', ' ORDER BY program), 'none')
	  FROM unnest(ARRAY['FMS', 'DCS']) AS program,
	       LATERAL fms.export_findings(country, program, NULL, NULL, NULL, NULL, NULL, on_date) AS f
	 WHERE f.rule_code LIKE 'ITAR%'
$$;

-- 126.1 memberships and exceptions, the day before and the day they begin
-- or end (sources in fms.country_group_members and fms.itar_126_1_exceptions).
SELECT v.country, v.on_date, proscription(v.country, v.on_date::date)
  FROM (VALUES ('CN', '1990-02-15'), ('CN', '1990-02-16'),       -- Pub. L. 101-246 section 902
               ('HK', '2020-07-13'), ('HK', '2020-07-14'),       -- EO 13936
               ('VE', '2006-08-16'), ('VE', '2006-08-17'),       -- 71 FR 47554
               ('CU', '1993-07-21'), ('CU', '1993-07-22'),       -- 58 FR 39312 (approximate start)
               ('RU', '1996-04-02'), ('RU', '1996-04-03'),       -- 126.1(a) until 61 FR 19841
               ('RU', '2021-03-17'), ('RU', '2021-03-18'),       -- 86 FR 14802; space cooperation licences only
               ('KH', '2021-12-08'), ('KH', '2021-12-09'),       -- 86 FR 70053, with the demining exception
               ('KH', '2025-11-06'), ('KH', '2025-11-07'),       -- removed
               ('IQ', '2004-04-08'), ('IQ', '2004-04-09'),       -- the Government of Iraq exception
               ('LY', '2007-02-06'), ('LY', '2007-02-07'), ('LY', '2011-05-24'),  -- 72 FR 5614, until 2011
               ('CF', '2025-01-01'),                             -- missions: licences only
               ('CY', '2020-09-30'), ('CY', '2020-10-01'),       -- first suspension, 85 FR 60698
               ('CY', '2026-09-30'), ('CY', '2026-10-01'),       -- the latest renewal recorded ends
               ('SO', '2026-01-01'),                             -- no exception recorded
               ('NI', '2024-03-14'), ('NI', '2024-03-15'),       -- 89 FR 18796
               ('FR', '2026-01-01')) AS v(country, on_date);

-- Each shipped membership and exception names its source and how sure it is.
SELECT count(*) FILTER (WHERE source !~ '(Confirmed|confirmed|Approximate|approximate|Partial|stand-in)') AS without_certainty,
       count(*) AS rows
  FROM (SELECT source FROM fms.country_group_members WHERE group_code LIKE 'ITAR%'
        UNION ALL SELECT source FROM fms.itar_126_1_exceptions) AS s;

-- A renewal of Cyprus's suspension is a row, not code.
BEGIN;
INSERT INTO fms.itar_126_1_exceptions (exception_code, country_code, programs, covers, valid_from, valid_to, source)
VALUES ('CY_SUSPENSION', 'CY', '{FMS,DCS}', 'policy of denial suspended for every USML item', '2026-10-01', '2027-10-01',
        'renewal for fiscal year 2027 (entered by the user)');
SELECT proscription('CY', '2026-10-01');
SELECT origin FROM fms.itar_126_1_exceptions WHERE exception_code = 'CY_SUSPENSION' AND valid_from = '2026-10-01';
-- An overlapping period is refused at commit.
INSERT INTO fms.itar_126_1_exceptions (exception_code, country_code, programs, covers, valid_from, source)
VALUES ('CY_SUSPENSION', 'CY', '{FMS}', 'x', '2027-01-01', 'x');
SELECT state, message FROM error_of('SET CONSTRAINTS ALL IMMEDIATE');
ROLLBACK;
SELECT * FROM error_of($$INSERT INTO fms.itar_126_1_exceptions (exception_code, country_code, programs, covers, valid_from, source)
                         VALUES ('X', 'CY', '{FMS,BOGUS}', 'x', '2027-01-01', 'x')$$);

-- The offer guard: cases for Russia, Iraq, Cyprus and Hong Kong, proposed
-- and then offered on either side of the dates that matter.
INSERT INTO fms.customers (customer_code, name, kind, country_code) VALUES
	('RS', 'Russia', 'country', 'RU'), ('IZ', 'Iraq', 'country', 'IQ'),
	('CY', 'Cyprus', 'country', 'CY'), ('HK', 'Hong Kong', 'country', 'HK'),
	('EG', 'Egypt', 'country', 'EG'), ('JA', 'Japan', 'country', 'JP')
ON CONFLICT DO NOTHING;
CREATE FUNCTION proposed(id text, on_date date) RETURNS text
LANGUAGE plpgsql AS $$
BEGIN
	PERFORM set_config('fms.effective_date', (on_date - 30)::text, true);
	INSERT INTO fms.cases (case_id, title, total_value_usd) VALUES (id::fms.case_id, 'sale', 1000000);
	PERFORM fms.transition(id::fms.case_id, s, on_date - 20 + i::int)
	   FROM unnest(ARRAY['write', 'review', 'proposed']) WITH ORDINALITY AS t(s, i);
	RETURN id;
END
$$;
BEGIN;
SELECT proposed(id, '2020-07-01') FROM unnest(ARRAY['RS-D-AAA', 'IZ-D-AAA', 'CY-D-AAA', 'HK-D-AAA', 'HK-D-AAB']) AS id;
SELECT proposed('CY-D-AAB', '2020-09-25');
-- Hong Kong: offered the day before EO 13936, refused from that day.
SELECT status FROM fms.transition('HK-D-AAA', 'offered', '2020-07-13');
SELECT state, detail FROM error_of($$SELECT fms.transition('HK-D-AAB', 'offered', '2020-07-14')$$);
-- Russia: outside 126.1 in 2020; in (d)(2) from 2021-03-18 with no FMS exception.
SELECT status FROM fms.transition('RS-D-AAA', 'offered', '2020-07-20');
-- Iraq: (d)(2), but the government exception covers an FMS sale.
SELECT status FROM fms.transition('IZ-D-AAA', 'offered', '2020-07-20');
-- Cyprus: denied before the first suspension (2020-10-01), offered under it.
SELECT state, message, detail FROM error_of($$SELECT fms.transition('CY-D-AAA', 'offered', '2020-07-20')$$);
SELECT status FROM fms.transition('CY-D-AAB', 'offered', '2020-10-01');
ROLLBACK;
BEGIN;
SELECT proposed('RS-D-AAB', '2025-01-01');
SELECT state, detail FROM error_of($$SELECT fms.transition('RS-D-AAB', 'offered', '2025-01-10')$$);
-- The findings of the case say the same.
SELECT severity, rule_code, citation FROM fms.case_findings('RS-D-AAB', '2025-01-10') WHERE rule_code LIKE 'ITAR%';
ROLLBACK;

-- DCS licences are governed like cases.
BEGIN;
SET LOCAL fms.effective_date = '2025-01-06';
INSERT INTO fms.dcs_licenses (license_no, form, applicant, country_code, usml, value_usd) VALUES
	('L-KP', 'DSP-5', 'Example Corp.', 'KP', '{IV(a)}', 1000),
	('L-EG', 'DSP-5', 'Example Corp.', 'EG', '{IV(a)}', 60000000),
	('L-JP', 'MLA', 'Example Corp.', 'JP', '{VIII(a)}', 1000),
	('L-RU', 'DSP-5', 'Example Corp.', 'RU', '{XV(a)}', 1000);
UPDATE fms.dcs_licenses SET status = 'in_review';
SET LOCAL fms.effective_date = '2025-02-03';
-- North Korea: denied (126.1(d)(1)), whatever the value.
SELECT state, detail FROM error_of($$UPDATE fms.dcs_licenses SET status = 'approved' WHERE license_no = 'L-KP'$$);
-- Russia: a licence may fit the space cooperation exception: approved, with a review finding.
UPDATE fms.dcs_licenses SET status = 'approved_with_provisos' WHERE license_no = 'L-RU';
SELECT severity, rule_code FROM fms.export_findings('RU', 'DCS', 1000, NULL, NULL, '{XV(a)}', NULL, '2025-02-03') WHERE rule_code LIKE 'ITAR%';
-- Egypt, $60M: 36(c) notification first (30 days).
SELECT state, detail FROM error_of($$UPDATE fms.dcs_licenses SET status = 'approved' WHERE license_no = 'L-EG'$$);
-- Japan, a manufacturing licence agreement: 36(d) whatever the value, 15 days for NATO+.
SELECT state, detail FROM error_of($$UPDATE fms.dcs_licenses SET status = 'approved' WHERE license_no = 'L-JP'$$);
-- Notifications of licences; review_days from the rules.
INSERT INTO fms.congressional_notifications (license_no, section, formal_sent_on, status) VALUES
	('L-EG', '36(c)', '2025-02-03', 'formal_review'),
	('L-JP', '36(d)', '2025-02-03', 'formal_review');
SELECT license_no, section, review_days, review_ends_on FROM fms.congressional_notifications WHERE license_no IS NOT NULL ORDER BY 1;
-- During the review: refused, naming the last day and the first allowed one.
SET LOCAL fms.effective_date = '2025-02-17';
SELECT state, detail FROM error_of($$UPDATE fms.dcs_licenses SET status = 'approved' WHERE license_no = 'L-JP'$$);
-- On the day the review has run (15 days after sending), approved.
SET LOCAL fms.effective_date = '2025-02-18';
UPDATE fms.dcs_licenses SET status = 'approved' WHERE license_no = 'L-JP';
SET LOCAL fms.effective_date = '2025-03-04';
SELECT state, detail FROM error_of($$UPDATE fms.dcs_licenses SET status = 'approved' WHERE license_no = 'L-EG'$$);
SET LOCAL fms.effective_date = '2025-03-05';
UPDATE fms.dcs_licenses SET status = 'approved' WHERE license_no = 'L-EG';
-- A licence's validity follows the decision; an agreement keeps its own term.
SELECT license_no, form, status, decided_on, expires_on FROM fms.dcs_licenses ORDER BY 1;
-- Held for congressional review: not over the NSPD-56 standard.
SELECT license_no, days_in_review, held_for_congress, over_standard FROM fms.dcs_license_clock ORDER BY 1;
-- A notification names exactly one case or licence, and an amendment only with its case.
SELECT state, message FROM error_of($$INSERT INTO fms.congressional_notifications (section, review_days) VALUES ('36(c)', 30)$$);
SELECT state, message FROM error_of($$INSERT INTO fms.congressional_notifications (case_id, license_no, section, review_days) VALUES ('RS-D-AAA', 'L-EG', '36(c)', 30)$$);
SELECT state, message FROM error_of($$INSERT INTO fms.congressional_notifications (license_no, change_no, section, review_days) VALUES ('L-EG', 'A1', '36(c)', 30)$$);
-- No rule gives a 36(b)(5)(A) report a review period: it must be typed.
SELECT state, message, hint FROM error_of($$INSERT INTO fms.congressional_notifications (license_no, section) VALUES ('L-EG', '36(b)(5)(A)')$$);
ROLLBACK;

-- Every section as data: what each program asks (fms.notification_requirement).
SELECT v.country, v.program, v.total, n.required, n.section, n.review_days, n.rule_codes
  FROM (VALUES ('JP', 'MLA', 0), ('EG', 'MLA', 0),
               ('EG', 'FMS_AMENDMENT', 49999999.99), ('EG', 'FMS_AMENDMENT', 50000000),
               ('JP', 'FMS_AMENDMENT', 60000000), ('JP', 'FMS_AMENDMENT', 100000000)) AS v(country, program, total),
       LATERAL fms.notification_requirement(v.country, v.program, v.total, 0, 0, NULL, '2026-01-01') AS n;
-- 36(b)(5)(C) before its (approximate) start in 2000 asks nothing.
SELECT required FROM fms.notification_requirement('EG', 'FMS_AMENDMENT', 60000000, 0, 0, NULL, '2000-10-05');
SELECT state, message, hint FROM error_of($$SELECT fms.notification_requirement('EG', 'TAA', 1, 0, 0, NULL, '2026-01-01')$$);

-- An amendment is offered on the section its rule requires: 36(b)(5)(C).
BEGIN;
SET LOCAL fms.effective_date = '2026-01-02';
INSERT INTO fms.cases (case_id, title, total_value_usd, oed_on) VALUES ('EG-D-AAA', 'basic', 10000000, '2026-12-31');
INSERT INTO fms.case_changes (case_id, change_no, title, total_value_usd, milap_on)
VALUES ('EG-D-AAA', 'A1', 'enhancement', 60000000, '2026-03-01');
SELECT (fms.transition('EG-D-AAA', s, '2026-01-10')).status FROM unnest(ARRAY['write', 'review', 'proposed', 'offered', 'accepted']) AS s;
SET LOCAL fms.effective_date = '2026-03-02';
UPDATE fms.case_changes SET status = 'write' WHERE case_id = 'EG-D-AAA';
UPDATE fms.case_changes SET status = 'review' WHERE case_id = 'EG-D-AAA';
UPDATE fms.case_changes SET status = 'proposed' WHERE case_id = 'EG-D-AAA';
SELECT case_id, change_no, section, review_days, stands FROM fms.notification_queue;
-- A 36(b)(1) notification does not serve for it.
INSERT INTO fms.congressional_notifications (case_id, change_no, section, formal_sent_on, status)
VALUES ('EG-D-AAA', 'A1', '36(b)(1)', '2026-03-02', 'formal_review');
SET LOCAL fms.effective_date = '2026-04-10';
SELECT state, detail FROM error_of($$UPDATE fms.case_changes SET status = 'offered' WHERE case_id = 'EG-D-AAA'$$);
INSERT INTO fms.congressional_notifications (case_id, change_no, section, transmittal_no, formal_sent_on, status)
VALUES ('EG-D-AAA', 'A1', '36(b)(5)(C)', '26-0A', '2026-03-05', 'cleared');
SELECT case_id, change_no, section, review_days, stands, earliest_offer_on FROM fms.notification_queue;
UPDATE fms.case_changes SET status = 'offered' WHERE case_id = 'EG-D-AAA';
SELECT change_no, status, offered_on, oed_on FROM fms.case_changes WHERE case_id = 'EG-D-AAA';
ROLLBACK;

-- The offer expiration date: defaulted from MILAP and following a
-- corrected MILAP until the offer; entered by hand, kept.
BEGIN;
SET LOCAL fms.effective_date = '2026-01-02';
INSERT INTO fms.cases (case_id, title, milap_on) VALUES ('JA-D-OAA', 'defaulted', '2026-01-05');
INSERT INTO fms.cases (case_id, title, milap_on, oed_on) VALUES ('JA-D-OAB', 'by hand', '2026-01-05', '2026-06-30');
UPDATE fms.cases SET milap_on = '2026-01-20' WHERE case_id IN ('JA-D-OAA', 'JA-D-OAB');
SELECT case_id, milap_on, oed_on, oed_on - milap_on AS days FROM fms.cases WHERE case_id::text LIKE 'JA-D-OA%' ORDER BY 1;
SELECT (fms.transition('JA-D-OAA', s, '2026-01-21')).status FROM unnest(ARRAY['write', 'review', 'proposed']) AS s;
-- Offered after its OED (2026-04-15): refused, naming both dates.
SELECT state, detail FROM error_of($$SELECT fms.transition('JA-D-OAA', 'offered', '2026-04-16')$$);
SELECT status, offered_on FROM fms.transition('JA-D-OAA', 'offered', '2026-04-15');
-- After the offer the OED no longer follows MILAP.
UPDATE fms.cases SET milap_on = '2026-01-25' WHERE case_id = 'JA-D-OAA';
SELECT oed_on FROM fms.cases WHERE case_id = 'JA-D-OAA';
-- The offer expired unaccepted: acceptance is refused ...
SELECT state FROM error_of($$SELECT fms.transition('JA-D-OAA', 'accepted', '2026-05-01')$$);
-- ... a new OED without a reason is refused, one before the restatement too ...
SET LOCAL fms.effective_date = '2026-05-01';
SELECT state, message, hint FROM error_of($$UPDATE fms.cases SET oed_on = '2026-07-31' WHERE case_id = 'JA-D-OAA'$$);
SET LOCAL fms.reason = 'purchaser asked for more time';
SELECT state, message FROM error_of($$UPDATE fms.cases SET oed_on = '2026-04-30' WHERE case_id = 'JA-D-OAA'$$);
-- ... a restatement with a reason is logged, and the offer can be accepted.
UPDATE fms.cases SET oed_on = '2026-07-31' WHERE case_id = 'JA-D-OAA';
SELECT case_id, change_no, restated_on, previous_oed_on, oed_on, reason FROM fms.offer_restatements;
SELECT status FROM fms.transition('JA-D-OAA', 'accepted', '2026-05-02');
-- Once accepted, the OED is fixed; the log cannot be edited.
SELECT state, message FROM error_of($$UPDATE fms.cases SET oed_on = '2026-08-31' WHERE case_id = 'JA-D-OAA'$$);
SELECT state FROM error_of($$UPDATE fms.offer_restatements SET reason = 'x'$$);
SELECT state FROM error_of($$DELETE FROM fms.offer_restatements$$);
ROLLBACK;

CREATE FUNCTION supply_complete(id text, ssc date) RETURNS text
LANGUAGE plpgsql AS $$
BEGIN
	PERFORM set_config('fms.effective_date', (ssc - 400)::text, true);
	INSERT INTO fms.cases (case_id, title, oed_on, deposit_received_on) VALUES (id::fms.case_id, 'sale', ssc - 300, ssc - 380);
	PERFORM fms.transition(id::fms.case_id, s, ssc - 390 + i::int)
	   FROM unnest(ARRAY['write', 'review', 'proposed', 'offered', 'accepted', 'implemented']) WITH ORDINALITY AS t(s, i);
	PERFORM fms.transition(id::fms.case_id, 'supply_complete', ssc);
	RETURN id;
END
$$;
-- Closure as DSCA closes: the timer after supply complete (12 months since
-- DSCA 25-100), ACCP participants through interim closure (24 months), and
-- reopening with a reason.
BEGIN;
INSERT INTO fms.customers (customer_code, name, kind, country_code, accp_participant) VALUES ('IS', 'Israel', 'country', 'IL', true);
SELECT supply_complete(id, '2025-03-01') FROM unnest(ARRAY['JA-D-CAA', 'IS-D-CAA']) AS id;
SELECT state, detail FROM error_of($$SELECT fms.transition('JA-D-CAA', 'closed', '2026-02-28')$$);
SELECT status, closed_on FROM fms.transition('JA-D-CAA', 'closed', '2026-03-01');
SELECT state, detail FROM error_of($$SELECT fms.transition('JA-D-CAA', 'implemented', '2026-04-01')$$);
SELECT status FROM fms.transition('JA-D-CAA', 'implemented', '2026-04-01', 'a supply discrepancy report reopened the case');
-- Interim closure is for ACCP participants; theirs close only through it.
SELECT supply_complete('JA-D-CAB', '2025-03-01');
SELECT state, detail FROM error_of($$SELECT fms.transition('JA-D-CAB', 'interim_closed', '2025-04-01')$$);
SELECT state, detail FROM error_of($$SELECT fms.transition('IS-D-CAA', 'closed', '2027-03-01')$$);
SELECT status, interim_closed_on FROM fms.transition('IS-D-CAA', 'interim_closed', '2025-03-15');
SELECT state, detail FROM error_of($$SELECT fms.transition('IS-D-CAA', 'closed', '2027-02-28')$$);
SELECT status, closed_on FROM fms.transition('IS-D-CAA', 'closed', '2027-03-01');
-- Before DSCA 25-100 no timer is recorded: closure is not timed.
SELECT supply_complete('JA-D-CAC', '2020-03-01');
SELECT status FROM fms.transition('JA-D-CAC', 'closed', '2020-03-02');
-- Aging: a supply-complete case runs on the closure clock.
SELECT supply_complete('JA-D-CAD', '2025-06-01');
SELECT case_id, status, clock, due_on, stalled FROM fms.case_aging WHERE case_id = 'JA-D-CAD';
ROLLBACK;

-- What an attacker tried, refused.
BEGIN;
INSERT INTO fms.customers (customer_code, name, kind, country_code) VALUES ('IN', 'India', 'country', 'IN');
-- A backdated offer would be judged on the wrong day (China, before 1990).
SET LOCAL fms.effective_date = '2026-11-01';
INSERT INTO fms.customers (customer_code, name, kind, country_code) VALUES ('CH', 'China', 'country', 'CN');
INSERT INTO fms.cases (case_id, title, total_value_usd, oed_on) VALUES ('CH-D-BAA', 'x', 1000, '2027-01-01');
SELECT (fms.transition('CH-D-BAA', s, '2026-11-02')).status FROM unnest(ARRAY['write', 'review', 'proposed']) AS s;
SET LOCAL fms.effective_date = '2026-11-03';
SELECT state, detail FROM error_of($$UPDATE fms.cases SET status = 'offered', offered_on = '1989-07-01' WHERE case_id = 'CH-D-BAA'$$);
-- An offered $1,000 case cannot grow to $10 billion after its offer, nor
-- lose the notification it rested on.
SELECT proposed('IN-D-BAA', '2024-01-01');
SELECT status FROM fms.transition('IN-D-BAA', 'offered', '2024-01-05');
SELECT state, message, hint FROM error_of($$UPDATE fms.cases SET total_value_usd = 1e10, mde_value_usd = 1e10 WHERE case_id = 'IN-D-BAA'$$);
SELECT state, message FROM error_of($$UPDATE fms.cases SET offered_on = NULL WHERE case_id = 'IN-D-BAA'$$);
-- Returned for rework, the earlier offer's dates go; the next offer is judged anew.
SET LOCAL fms.reason = 'rework';
SELECT status, offered_on FROM fms.transition('IN-D-BAA', 'development', '2024-01-10', 'rework');
RESET fms.reason;
-- A $900M sale to India: a review recorded as 1 day still lasts the rule's 30 ...
SELECT proposed('IN-D-BAB', '2024-01-20');
UPDATE fms.cases SET total_value_usd = 900000000 WHERE case_id = 'IN-D-BAB';
INSERT INTO fms.congressional_notifications (case_id, transmittal_no, section, formal_sent_on, review_days, status)
VALUES ('IN-D-BAB', '24-50', '36(b)(1)', '2024-01-14', 1, 'formal_review');
SELECT state, detail FROM error_of($$SELECT fms.transition('IN-D-BAB', 'offered', '2024-01-20')$$);
-- ... and a block by Congress after it holds the offer even once it has run.
INSERT INTO fms.congressional_notifications (case_id, transmittal_no, section, formal_sent_on, review_days, status)
VALUES ('IN-D-BAB', '24-51', '36(b)(1)', '2024-02-01', 30, 'blocked');
SELECT state, detail FROM error_of($$SELECT fms.transition('IN-D-BAB', 'offered', '2024-03-15')$$);
-- The notification an offer rested on stays.
SELECT proposed('IN-D-BAC', '2024-01-20');
UPDATE fms.cases SET total_value_usd = 900000000 WHERE case_id = 'IN-D-BAC';
INSERT INTO fms.congressional_notifications (case_id, transmittal_no, section, formal_sent_on, status)
VALUES ('IN-D-BAC', '24-52', '36(b)(1)', '2024-01-02', 'cleared');
SELECT status FROM fms.transition('IN-D-BAC', 'offered', '2024-02-05');
SELECT state, regexp_replace(message, 'notification [0-9]+', 'notification N') AS message
  FROM error_of($$DELETE FROM fms.congressional_notifications WHERE case_id = 'IN-D-BAC'$$);
SELECT state, regexp_replace(message, 'notification [0-9]+', 'notification N') AS message
  FROM error_of($$UPDATE fms.congressional_notifications SET formal_sent_on = '2023-12-01' WHERE case_id = 'IN-D-BAC'$$);
UPDATE fms.congressional_notifications SET status = 'cleared' WHERE case_id = 'IN-D-BAC';
-- An amendment lowering its total while adding $20M of MDE needs 36(b)(5)(C).
SELECT required, section, rule_codes FROM fms.document_requirement('IN-D-BAC', 'A1', -1, 20000000, 0, NULL, '2024-06-01');
-- An organization is judged by its strictest member; one with no country or group cannot be offered.
INSERT INTO fms.country_groups (group_code, name, source) VALUES ('TEST_GROUP', 'a group with a proscribed member', 'test');
INSERT INTO fms.country_group_members (group_code, country_code, valid_from, source) VALUES
	('TEST_GROUP', 'AU', '2000-01-01', 'test'), ('TEST_GROUP', 'IR', '2000-01-01', 'test');
INSERT INTO fms.customers (customer_code, name, kind, country_group) VALUES ('X1', 'Test organization', 'organization', 'TEST_GROUP');
INSERT INTO fms.customers (customer_code, name, kind) VALUES ('X2', 'Organization without a group', 'organization');
SELECT fms.destination_country('X1', '2024-01-01') AS judged_as;
SELECT proposed(id, '2024-01-20') FROM unnest(ARRAY['X1-D-AAA', 'X2-D-AAA']) AS id;
SELECT state, left(detail, 60) AS detail FROM error_of($$SELECT fms.transition('X1-D-AAA', 'offered', '2024-01-25')$$);
SELECT state, detail FROM error_of($$SELECT fms.transition('X2-D-AAA', 'offered', '2024-01-25')$$);
-- A typed interim_closed_on is not interim closure.
INSERT INTO fms.customers (customer_code, name, kind, country_code, accp_participant) VALUES ('EY', 'Egypt (ACCP)', 'country', 'EG', true);
SELECT supply_complete('EY-D-AAA', '2020-03-01');
SET LOCAL fms.effective_date = '2020-03-05';
SELECT state, detail FROM error_of($$UPDATE fms.cases SET status = 'closed', interim_closed_on = '2020-03-02' WHERE case_id = 'EY-D-AAA'$$);
-- Arguments the findings need.
SELECT state, message, detail FROM error_of($$SELECT * FROM fms.export_findings('IN', NULL, 1, 0, 0, NULL, NULL, '2026-01-01')$$);
SELECT severity, rule_code, message FROM fms.export_findings('IN', 'FMS', 1, 0, 0, NULL, NULL, 'infinity');
ROLLBACK;
