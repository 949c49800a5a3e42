--
-- Sample data: generated through the workflow engine, the same for a seed
-- and a day, at the shape of the real enterprise.
--
SET DateStyle = ISO;
-- Another test's data would be in the way: generate into an empty schema.
SELECT * FROM error_of('SELECT fms.generate_sample_data(10)');
SELECT * FROM error_of('SELECT fms.generate_sample_data(0)');
SELECT * FROM error_of('SELECT fms.generate_sample_data(10000001)');
SELECT * FROM error_of('SELECT fms.generate_sample_data(NULL)');
SELECT * FROM error_of('SELECT fms.generate_sample_data(10, NULL)');

CREATE DATABASE fms_sample;
ALTER DATABASE fms_sample SET fms.as_of_date = '2026-11-30';
\c fms_sample
CREATE EXTENSION fms CASCADE;
SET search_path = public, fms;
SET DateStyle = ISO;
CREATE FUNCTION error_of(sql text, OUT state text, OUT message text) LANGUAGE plpgsql AS $$
BEGIN EXECUTE sql; EXCEPTION WHEN OTHERS THEN GET STACKED DIAGNOSTICS state = RETURNED_SQLSTATE, message = MESSAGE_TEXT; END $$;
CREATE TEMP TABLE runs (run int, fingerprint text);

-- Twice with the same seed and day: the same data.
SET fms.effective_date = '2026-06-30';
BEGIN;
SELECT * FROM fms.generate_sample_data(400, 7);
INSERT INTO runs SELECT 1, md5(string_agg(case_id::text || status || total_value_usd || coalesce(offered_on::text, ''), ',' ORDER BY case_id)) FROM fms.cases;
ROLLBACK;
BEGIN;
SELECT how_many FROM fms.generate_sample_data(400, 7) WHERE what = 'cases';
INSERT INTO runs SELECT 2, md5(string_agg(case_id::text || status || total_value_usd || coalesce(offered_on::text, ''), ',' ORDER BY case_id)) FROM fms.cases;
SELECT count(DISTINCT fingerprint) = 1 AS same_data FROM runs;
-- The settings are as they were.
SELECT current_setting('fms.effective_date') AS effective_date, current_setting('fms.reason') AS reason;

-- Every case is where its last logged change put it, on the day it says.
SELECT count(*) AS cases_disagreeing_with_their_log
  FROM fms.cases AS c
  JOIN LATERAL (SELECT l.to_state, l.effective_on FROM fms.transition_log AS l
                 WHERE l.table_name = 'fms.cases'::regclass AND l.case_id = c.case_id
                 ORDER BY l.id DESC LIMIT 1) AS last ON true
 WHERE last.to_state <> c.status OR last.effective_on <> c.status_since;
SELECT count(*) AS log_entries_without_their_row
  FROM fms.transition_log AS l WHERE l.table_name = 'fms.cases'::regclass
   AND NOT EXISTS (SELECT FROM fms.cases AS c WHERE c.case_id = l.case_id);
-- Nothing after the day it runs to; no offer without its notification cleared.
SELECT max(effective_on) <= '2026-06-30' AS nothing_in_the_future FROM fms.transition_log;
SELECT count(*) AS offers_before_review_ended
  FROM fms.cases AS c JOIN fms.congressional_notifications AS n USING (case_id)
 WHERE c.offered_on < n.review_ends_on;
-- A notification stands where its dates put it on the day the history runs to.
SELECT count(*) FILTER (WHERE status <> CASE WHEN formal_sent_on IS NULL THEN 'informal_review'
                                             WHEN review_ends_on > '2026-06-30' THEN 'formal_review'
                                             ELSE 'cleared' END) AS notifications_at_odds_with_their_dates,
       count(*) FILTER (WHERE status <> 'cleared') AS notifications_in_review,
       count(*) FILTER (WHERE informal_sent_on > '2026-06-30' OR formal_sent_on > '2026-06-30') AS sent_after_the_day
  FROM fms.congressional_notifications;
-- The open cases total $903 billion scaled to the size: 400/16000 of it.
SELECT round(sum(total_value_usd) / 1e9, 3) AS open_billions
  FROM fms.cases WHERE status NOT IN ('closed', 'cancelled');
-- Shapes: the three military departments carry most cases; values are heavy-tailed.
SELECT sum(CASE WHEN agency_code IN ('B', 'P', 'D') THEN 1 ELSE 0 END) * 100 / count(*) >= 85 AS mildeps_carry_most,
       percentile_cont(0.99) WITHIN GROUP (ORDER BY total_value_usd) > 10 * percentile_cont(0.5) WITHIN GROUP (ORDER BY total_value_usd) AS heavy_tail,
       count(*) FILTER (WHERE status = 'cancelled') > 0 AS some_cancelled,
       count(*) FILTER (WHERE customer_code IN ('CN', 'VE')) > 0 AS some_to_proscribed,
       count(*) FILTER (WHERE customer_code IN ('CN', 'VE') AND offered_on IS NOT NULL) = 0 AS none_of_them_offered
  FROM fms.cases;
-- Designators count up in base 36 from 000 per customer and agency, without gaps.
SELECT count(*) AS customer_agencies_with_gaps
  FROM (SELECT customer_code, agency_code, count(*) AS n,
               max(36 * 36 * (strpos('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ', substr(fms.designator(case_id), 1, 1)) - 1)
                   + 36 * (strpos('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ', substr(fms.designator(case_id), 2, 1)) - 1)
                   + strpos('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ', substr(fms.designator(case_id), 3, 1)) - 1) AS highest
          FROM fms.cases GROUP BY customer_code, agency_code) AS per
 WHERE highest <> n - 1;
SELECT count(*) FILTER (WHERE fms.designator(case_id) = '000') AS first_designators,
       count(DISTINCT (customer_code, agency_code)) AS customer_agencies
  FROM fms.cases;
-- Every case is itemized, its values its lines'; supply-complete cases are
-- fully delivered, implemented ones partly; nothing is delivered before
-- implementation or beyond a line; collections never exceed what fell due.
-- (A typed price decrease can leave a case worth less than was delivered.)
SELECT (SELECT count(*) FROM fms.cases AS c
         WHERE NOT EXISTS (SELECT FROM fms.case_lines AS l WHERE l.case_id = c.case_id)) AS cases_without_lines,
       (SELECT count(*) FROM fms.cases AS c, fms.document_line_values(c.case_id, NULL) AS v
         WHERE (v.total_value_usd, v.mde_value_usd, v.design_construction_usd)
               <> (c.total_value_usd, c.mde_value_usd, c.design_construction_usd)) AS cases_not_their_lines,
       (SELECT count(*) FROM fms.line_status('2026-06-30') AS s JOIN fms.cases AS c USING (case_id)
         WHERE c.supply_complete_on IS NOT NULL AND NOT s.supply_complete) AS supply_complete_lines_open,
       (SELECT count(*) > 0 FROM fms.line_status('2026-06-30') AS s JOIN fms.cases AS c USING (case_id)
         WHERE c.status = 'implemented' AND s.delivered_quantity > 0 AND NOT s.supply_complete) AS implemented_partly_delivered,
       (SELECT count(*) FROM fms.deliveries AS d JOIN fms.cases AS c USING (case_id)
         WHERE d.delivered_on < c.implemented_on OR d.delivered_on > '2026-06-30') AS deliveries_out_of_time,
       (SELECT count(*) FROM fms.case_financials WHERE collected_usd > billed_usd) AS collected_beyond_billed;
SELECT count(*) > 0 AS some_36b5a_deliveries FROM fms.section_36b5a_deliveries;
ROLLBACK;
\c contrib_regression
DROP DATABASE fms_sample;
