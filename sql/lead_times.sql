--
-- Lead-time targets, default AODs, the date dimension and the lead-time
-- views, checked against answers worked out by hand.
--
SET DateStyle = ISO;

SELECT aod_group, document_kind, target_days, goal_pct, valid_from, valid_to
  FROM fms.lead_time_targets ORDER BY aod_group, document_kind;
SELECT fms.lead_time_target('B', 'loa', '2025-01-09') AS b_loa, fms.lead_time_target('C', 'amendment', '2025-01-09') AS c_amendment,
       fms.lead_time_target('B', 'loa', '2010-12-31') AS before_2011, fms.lead_time_target('D', 'loa', '2025-01-09') AS d_unknown;
-- The same lookups as tables of one row or none, for joins (what the
-- views join, inlined), and the scalar read from them, on the edges: a
-- day before the first period, at the ends of time, NULL.
SELECT v.aod_group, v.on_date,
       (SELECT array_agg(t.target_days) FROM fms.lead_time_target_in_force(v.aod_group, 'loa', v.on_date) AS t) AS in_force,
       fms.lead_time_target(v.aod_group, 'loa', v.on_date) AS target,
       (SELECT array_agg(p.value) FROM fms.policy_setting_in_force('standard_oed_days', v.on_date) AS p) AS oed_days_in_force,
       fms.policy_setting('standard_oed_days', v.on_date) AS oed_days
  FROM (VALUES ('B', '2025-01-09'::date), ('B', '2010-12-31'), ('B', '2007-12-31'), ('B', 'infinity'), ('B', '-infinity'),
               ('B', NULL), (NULL, '2025-01-09')) AS v(aod_group, on_date);

-- Three Air Force LOAs of AOD group B with LOR complete on Thursday
-- 2025-01-09: the AOD defaults to 100 calendar days later, 2025-04-19.
INSERT INTO fms.customers VALUES ('SA', 'Saudi Arabia', 'country', 'SA');
SET fms.effective_date = '2025-01-10';
INSERT INTO fms.cases (case_id, title, aod_group, lor_received_on, lor_complete_on, oed_on, deposit_received_on)
VALUES ('SA-D-AAA', 'on time', 'B', '2025-01-02', '2025-01-09', '2025-06-30', '2025-05-10'),
       ('SA-D-AAB', 'late', 'B', '2025-01-02', '2025-01-09', '2025-06-30', NULL),
       ('SA-D-AAC', 'on the AOD', 'B', '2025-01-02', '2025-01-09', '2025-06-30', NULL);
SELECT case_id, aod_on, aod_on - lor_complete_on AS days FROM fms.cases WHERE customer_code = 'SA' ORDER BY 1;
-- Walk them: offered 2025-04-15, 2025-05-01 and Saturday 2025-04-19.
SELECT count(*) AS moves FROM (VALUES
	('SA-D-AAA', 'write', '2025-02-03'::date), ('SA-D-AAA', 'review', '2025-02-10'), ('SA-D-AAA', 'proposed', '2025-03-03'),
	('SA-D-AAA', 'offered', '2025-04-15'), ('SA-D-AAA', 'accepted', '2025-05-01'), ('SA-D-AAA', 'implemented', '2025-05-20'),
	('SA-D-AAB', 'write', '2025-02-03'), ('SA-D-AAB', 'review', '2025-02-10'), ('SA-D-AAB', 'proposed', '2025-03-03'),
	('SA-D-AAB', 'offered', '2025-05-01'),
	('SA-D-AAC', 'write', '2025-02-03'), ('SA-D-AAC', 'review', '2025-02-10'), ('SA-D-AAC', 'proposed', '2025-03-03'),
	('SA-D-AAC', 'offered', '2025-04-19')) AS v(id, state, effective),
	LATERAL fms.transition(v.id::fms.case_id, v.state, v.effective) AS t;
-- A modification of AOD group A: LOR complete Monday 2025-06-02, AOD 45
-- days later (2025-07-17), implemented 2025-07-10.
SET fms.effective_date = '2025-06-03';
INSERT INTO fms.case_changes (case_id, change_no, title, aod_group, lor_received_on, lor_complete_on)
VALUES ('SA-D-AAA', 'M1', 'price change', 'A', '2025-05-28', '2025-06-02');
SET fms.effective_date = '2025-06-10';
UPDATE fms.case_changes SET status = 'write' WHERE case_id = 'SA-D-AAA';
SET fms.effective_date = '2025-06-20';
UPDATE fms.case_changes SET status = 'review' WHERE case_id = 'SA-D-AAA';
SET fms.effective_date = '2025-06-30';
UPDATE fms.case_changes SET status = 'proposed' WHERE case_id = 'SA-D-AAA';
SET fms.effective_date = '2025-07-10';
UPDATE fms.case_changes SET status = 'implemented' WHERE case_id = 'SA-D-AAA';
RESET fms.effective_date;

-- By hand, SA-D-AAA: LOR 2025-01-02 -> complete 01-09: 7 days, 5 business
-- days (Jan 3, 6, 7, 8, 9).  Complete -> offer 04-15: 96 days, 68 weekdays
-- less MLK Day (Jan 20) and Washington's Birthday (Feb 17): 66.  Offer ->
-- acceptance 05-01: 16 days, 12 business days.  Acceptance -> implementation
-- 05-20: 19 days, 13 business days.  Offered 4 days before the AOD, in
-- FY2025 Q3.  SA-D-AAB: offered 05-01, 12 days after the AOD.  SA-D-AAC:
-- offered on the AOD itself.  M1: implemented 7 days before its AOD, FY2025 Q4.
SELECT case_id, change_no, kind, customer, agency, aod_group, aod_on, offered_on, implemented_on,
       lor_to_complete_days AS lor_d, lor_to_complete_business_days AS lor_bd,
       complete_to_offer_days AS offer_d, complete_to_offer_business_days AS offer_bd,
       offer_to_accept_days AS accept_d, offer_to_accept_business_days AS accept_bd,
       accept_to_implement_days AS impl_d, accept_to_implement_business_days AS impl_bd,
       target_days, offered_by_aod, days_late, offer_fiscal_year, offer_fiscal_quarter
  FROM fms.document_lead_times WHERE customer = 'SA' ORDER BY case_id, change_no NULLS FIRST;
-- Only plain types, for BI tools.
SELECT DISTINCT format_type(a.atttypid, a.atttypmod) AS column_types
  FROM pg_attribute AS a
 WHERE a.attrelid IN ('fms.document_lead_times'::regclass, 'fms.lead_time_summary'::regclass, 'fms.date_dimension'::regclass)
   AND a.attnum > 0
 ORDER BY 1;

-- FY2025 Q3, agency D, group B: 96, 100 and 112 days; median 100; 80th
-- percentile 100 + 0.6 * (112 - 100) = 107.2; 2 of 3 by the AOD, 66.7%,
-- short of the 85% goal.  Q4, group A: one modification, 38 days, on time.
SELECT * FROM fms.lead_time_summary
 WHERE (fiscal_year, agency) = (2025, 'D') AND fiscal_quarter IN ('FY2025 Q3', 'FY2025 Q4')
 ORDER BY fiscal_quarter, aod_group;

-- Case dates lie within the calendar, so the views can always count them.
SELECT state, message FROM error_of($$INSERT INTO fms.cases (case_id, title, lor_received_on) VALUES ('SA-D-ZZZ', 'typo', '0224-03-01')$$);

-- The date dimension over a fortnight: MLK Day 2025-01-20 is named, and
-- the business-day index counts business days.
SELECT day, fiscal_year, fiscal_quarter, calendar_year, calendar_month, month_name, iso_weekday,
       is_business_day, holiday_or_closure,
       business_day_index - first_value(business_day_index) OVER (ORDER BY day) AS business_days_since_first
  FROM fms.date_dimension_rows('2025-01-14', '2025-01-22') ORDER BY day;
-- Spans are checked before any row is made: an unbounded one is refused
-- at once instead of filling the disk.
SELECT * FROM error_of($$SELECT count(*) FROM fms.date_dimension_rows('-infinity', 'infinity')$$);
SELECT state, message FROM error_of($$SELECT count(*) FROM fms.date_dimension_rows('2024-01-01', '2201-01-01')$$);
SELECT count(*) AS whole_calendar, min(day), max(day) FROM fms.date_dimension_rows('1900-01-01', '2200-12-31');
SELECT count(*) AS backwards FROM fms.date_dimension_rows('2025-01-22', '2025-01-14');
SELECT fms.business_days_between('2025-01-14', '2025-01-22') AS check_by_function;
-- Its default span covers the data and at least this and the ten previous fiscal years.
SELECT min(day) <= make_date(fms.fiscal_year(fms.today()) - 11, 10, 1) AS starts_early_enough,
       max(day) >= make_date(fms.fiscal_year(fms.today()), 9, 30) AS ends_late_enough,
       min(day) <= '2024-01-02' AS covers_the_oldest_lor,
       count(*) = max(day) - min(day) + 1 AS one_row_per_day
  FROM fms.date_dimension;
