--
-- Sample data: generated through the workflow engine and its guards, the
-- same for a seed and an as-of date; every row consistent with the rules.
-- (Its shape against the public figures, at full size: test/sample/.)
--
SET DateStyle = ISO;
-- Bad arguments.
SELECT * FROM error_of('SELECT fms.generate_sample_data(0)');
SELECT * FROM error_of('SELECT fms.generate_sample_data(1000001)');
SELECT * FROM error_of('SELECT fms.generate_sample_data(NULL)');
SELECT * FROM error_of('SELECT fms.generate_sample_data(10, NULL)');
SELECT * FROM error_of($$SELECT fms.generate_sample_data(10, 1, 'infinity')$$);
SELECT * FROM error_of($$SELECT fms.generate_sample_data(10, 1, '1800-01-01')$$);
SELECT * FROM error_of('SELECT fms.generate_sample_data(10, 1, NULL)');

CREATE DATABASE fms_sample;
\c fms_sample
CREATE EXTENSION fms CASCADE;
SET search_path = public, fms;
SET DateStyle = ISO;
CREATE FUNCTION error_of(sql text, OUT state text, OUT message text) LANGUAGE plpgsql AS $$
BEGIN EXECUTE sql; EXCEPTION WHEN OTHERS THEN GET STACKED DIAGNOSTICS state = RETURNED_SQLSTATE, message = MESSAGE_TEXT; END $$;
-- The as-of date is the argument: the reports' day and the effective date
-- are set to other days, and change nothing.
SET fms.as_of_date = '2031-01-01';
SET fms.effective_date = '2019-05-05';

-- Twice with the same seed and as-of date: the same data (every row of
-- every table the generator writes, but the numbers sequences hand out,
-- which a rolled-back run uses up, and the log's clock).
CREATE FUNCTION fingerprint() RETURNS text LANGUAGE sql AS $$
	SELECT md5(concat_ws('|',
		(SELECT string_agg((to_jsonb(c) - 'status_log_id')::text, ',' ORDER BY c.case_id) FROM fms.cases AS c),
		(SELECT string_agg((to_jsonb(x) - 'status_log_id')::text, ',' ORDER BY x.case_id, x.change_no) FROM fms.case_changes AS x),
		(SELECT string_agg(l::text, ',' ORDER BY l.case_id, l.document, l.line_no) FROM fms.case_lines AS l),
		(SELECT string_agg((to_jsonb(d) - 'id')::text, ',' ORDER BY d.case_id, d.line_no, d.delivered_on, d.planned_on) FROM fms.deliveries AS d),
		(SELECT string_agg(p::text, ',' ORDER BY p.case_id, p.due_on) FROM fms.payment_schedule AS p),
		(SELECT string_agg((to_jsonb(k) - 'id')::text, ',' ORDER BY k.case_id, k.received_on) FROM fms.collections AS k),
		(SELECT string_agg((to_jsonb(n) - 'id')::text, ',' ORDER BY n.case_id, n.change_no, n.license_no) FROM fms.congressional_notifications AS n),
		(SELECT string_agg((to_jsonb(d) - 'status_log_id')::text, ',' ORDER BY d.license_no) FROM fms.dcs_licenses AS d),
		(SELECT string_agg(concat_ws(',', t.table_name, t.row_key, t.from_state, t.to_state, t.effective_on, t.reason), ';'
		                   ORDER BY t.table_name, t.row_key, t.id)
		   FROM fms.transition_log AS t)))
	$$;
BEGIN;
SELECT * FROM fms.generate_sample_data(300, 7, '2026-11-30');
SELECT fingerprint() AS first_run \gset
ROLLBACK;
BEGIN;
SELECT how_many FROM fms.generate_sample_data(300, 7, '2026-11-30') WHERE what = 'open cases';
SELECT fingerprint() = :'first_run' AS same_data;
-- A database that holds cases already is refused.
SELECT * FROM error_of('SELECT fms.generate_sample_data(10)');
ROLLBACK;

BEGIN;
SELECT * FROM fms.generate_sample_data(2000, 1, '2026-11-30');
-- The settings are as they were.
SELECT current_setting('fms.effective_date') AS effective_date, current_setting('fms.reason') AS reason;
SET fms.as_of_date = '2026-11-30';

-- Nothing the export rules forbid: no offer, acceptance or approval for a
-- destination a rule denies on its day, no offer after its OED, no offer
-- before the formal review of its notification ended.
SELECT count(*) AS offers_the_rules_deny
  FROM fms.cases AS c
 WHERE c.offered_on IS NOT NULL
   AND EXISTS (SELECT FROM fms.export_findings(fms.destination_country(c.customer_code, c.offered_on), 'FMS',
                                               NULL, NULL, NULL, NULL, NULL, c.offered_on) AS f WHERE f.severity = 'deny');
SELECT count(*) AS approvals_the_rules_deny
  FROM fms.dcs_licenses AS l
 WHERE l.status IN ('approved', 'approved_with_provisos')
   AND EXISTS (SELECT FROM fms.export_findings(l.country_code, 'DCS', NULL, NULL, NULL, NULL, NULL, l.decided_on) AS f
                WHERE f.severity = 'deny');
SELECT count(*) FILTER (WHERE offered_on > oed_on) AS offers_after_their_oed,
       count(*) FILTER (WHERE milap_on >= '2008-01-01' AND oed_on <> milap_on + 85) AS oeds_not_derived_from_milap,
       count(*) FILTER (WHERE offered_on IS NOT NULL AND milap_on >= '2008-01-01') > 500 AS many_offers
  FROM fms.cases;
SELECT count(*) AS offers_before_review_ended
  FROM fms.cases AS c JOIN fms.congressional_notifications AS n USING (case_id)
 WHERE n.change_no IS NULL AND c.offered_on < n.review_ends_on;

-- Each kind of notification is there.
SELECT section, count(*) > 0 AS some FROM fms.congressional_notifications GROUP BY section ORDER BY section;

-- Every document is where its last logged change put it, on the day it
-- says; nothing happens after the as-of date.
SELECT count(*) AS cases_disagreeing_with_their_log
  FROM fms.cases AS c
  JOIN LATERAL (SELECT l.to_state, l.effective_on FROM fms.transition_log AS l
                 WHERE l.table_name = 'fms.cases' AND l.case_id = c.case_id
                 ORDER BY l.id DESC LIMIT 1) AS last ON true
 WHERE last.to_state <> c.status OR last.effective_on <> c.status_since;
SELECT max(effective_on) < '2026-11-30' AS nothing_on_or_after_the_day FROM fms.transition_log;
SELECT count(*) FILTER (WHERE status <> CASE WHEN formal_sent_on IS NULL THEN 'informal_review'
                                             WHEN review_ends_on > '2026-11-30' THEN 'formal_review'
                                             ELSE 'cleared' END) AS notifications_at_odds_with_their_dates
  FROM fms.congressional_notifications;
SELECT status, count(*) > 0 AS some FROM fms.cases GROUP BY status ORDER BY status;

-- Designators count up in base 36 from 000 per customer and agency, without gaps.
SELECT count(*) AS customer_agencies_with_gaps
  FROM (SELECT customer_code, agency_code, count(*) AS n,
               max(36 * 36 * (strpos('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ', substr(fms.designator(case_id), 1, 1)) - 1)
                   + 36 * (strpos('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ', substr(fms.designator(case_id), 2, 1)) - 1)
                   + strpos('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ', substr(fms.designator(case_id), 3, 1)) - 1) AS highest
          FROM fms.cases GROUP BY customer_code, agency_code) AS per
 WHERE highest <> n - 1;

-- Lines with USML categories and MDE flags; every case its lines' values;
-- supply-complete cases fully delivered (the guard saw to it), implemented
-- ones partly; nothing delivered before implementation or after the day;
-- collections never beyond what fell due.
SELECT count(*) FILTER (WHERE mde) > 0 AS some_mde_lines,
       count(*) FILTER (WHERE mde AND usml IS NULL) AS mde_lines_without_usml,
       count(DISTINCT fms.usml_category(usml)) >= 5 AS five_categories_or_more
  FROM fms.case_lines;
SELECT (SELECT count(*) FROM fms.cases AS c
         WHERE NOT EXISTS (SELECT FROM fms.case_lines AS l WHERE l.case_id = c.case_id)) AS cases_without_lines,
       (SELECT count(*) FROM fms.cases AS c, fms.document_line_values(c.case_id, NULL) AS v
         WHERE (v.total_value_usd, v.mde_value_usd, v.design_construction_usd)
               <> (c.total_value_usd, c.mde_value_usd, c.design_construction_usd)) AS cases_not_their_lines,
       (SELECT count(*) FROM fms.line_status('2026-11-30') AS s JOIN fms.cases AS c USING (case_id)
         WHERE c.supply_complete_on IS NOT NULL AND NOT s.supply_complete) AS supply_complete_lines_open,
       (SELECT count(*) > 0 FROM fms.line_status('2026-11-30') AS s JOIN fms.cases AS c USING (case_id)
         WHERE c.status = 'implemented' AND s.delivered_quantity > 0 AND NOT s.supply_complete) AS implemented_partly_delivered,
       (SELECT count(*) FROM fms.deliveries AS d JOIN fms.cases AS c USING (case_id)
         WHERE d.delivered_on < c.implemented_on OR d.delivered_on >= '2026-11-30') AS deliveries_out_of_time,
       (SELECT count(*) FROM fms.case_financials WHERE collected_usd > billed_usd) AS collected_beyond_billed;
-- The 36(b)(5)(A) deliveries, which read the lines in force of the
-- certified cases only, are those of every case's lines in force.
CREATE TEMP VIEW certified_deliveries AS
SELECT d.case_id::text AS case_id, d.line_no, d.planned_on, d.quantity, d.value_usd
  FROM fms.deliveries AS d
  JOIN fms.case_lines_as_of(fms.today()) AS l USING (case_id, line_no)
 CROSS JOIN LATERAL fms.governing_notification('36(b)(1)', d.case_id, NULL, NULL) AS n
 WHERE d.delivered_on IS NULL AND (l.mde OR l.sme) AND n.formal_sent_on IS NOT NULL
   AND d.planned_on < n.formal_sent_on + interval '10 years';
SELECT (SELECT count(*) > 0 FROM fms.section_36b5a_deliveries) AS some_36b5a_deliveries,
       (SELECT count(*) FROM (SELECT case_id, line_no, planned_on, quantity, value_usd FROM fms.section_36b5a_deliveries
                              EXCEPT ALL SELECT * FROM certified_deliveries) AS x) AS not_certified,
       (SELECT count(*) FROM (SELECT * FROM certified_deliveries
                              EXCEPT ALL SELECT case_id, line_no, planned_on, quantity, value_usd FROM fms.section_36b5a_deliveries) AS x)
           AS missing;
ROLLBACK;
-- Its working tables are rewritten many times over: a session that has not
-- used a temporary table yet gets temp_buffers raised to hold them (16 kB
-- per open case asked, where that is more than it has).  This session had
-- used one before the 2,000 cases above, and kept its size.
SHOW temp_buffers;
\c fms_sample
BEGIN;
SELECT how_many FROM fms.generate_sample_data(600, 1, '2026-11-30') WHERE what = 'open cases';
SHOW temp_buffers;
ROLLBACK;
\c contrib_regression
DROP DATABASE fms_sample;
