--
-- Reporting views: plain types and comments for BI tools, and every view
-- agreeing with the tables it summarizes.
--
-- Every column of every view reaches a BI tool as a plain type.
SELECT c.relname AS view_name, a.attname AS column_name, format_type(a.atttypid, a.atttypmod) AS type
  FROM pg_class AS c JOIN pg_attribute AS a ON a.attrelid = c.oid AND a.attnum > 0
 WHERE c.relnamespace = 'fms'::regnamespace AND c.relkind = 'v'
   AND c.relname IN ('case_pipeline', 'case_aging', 'notification_queue', 'open_findings',
                     'customer_exposure', 'quarterly_metrics', 'section_36a_report', 'offer_forecast')
   AND a.atttypid NOT IN ('text'::regtype, 'int4'::regtype, 'int8'::regtype, 'numeric'::regtype,
                          'date'::regtype, 'timestamptz'::regtype, 'bool'::regtype);
-- ... and every view and column has a description.
SELECT c.relname AS view_name, a.attname AS column_name
  FROM pg_class AS c JOIN pg_attribute AS a ON a.attrelid = c.oid AND a.attnum > 0
 WHERE c.relnamespace = 'fms'::regnamespace AND c.relkind = 'v'
   AND col_description(c.oid, a.attnum) IS NULL
UNION ALL
SELECT c.relname, NULL FROM pg_class AS c
 WHERE c.relnamespace = 'fms'::regnamespace AND c.relkind = 'v' AND obj_description(c.oid, 'pg_class') IS NULL;

CREATE DATABASE fms_by_hand;
ALTER DATABASE fms_by_hand SET fms.as_of_date = '2026-11-30';
\c fms_by_hand
CREATE EXTENSION fms CASCADE;
SET DateStyle = ISO;

-- Every view by hand on five cases in an empty database. The forecast:
-- three Army LOAs of AOD
-- group A, LOR complete 120 days ago, offered after 20, 40 and 100 days;
-- one pending, LOR complete 30 days ago with its AOD at day 45; one whose
-- LOR is not complete. Of the lead times longer than the 30 days spent
-- (40 and 100) the median is 70 days, the 80th percentile 88, and one of
-- the two came within 45 days: 0.5. Without LOR complete all three count,
-- and there are no dates or probability.
INSERT INTO fms.customers (customer_code, name, kind, country_code) VALUES ('FR', 'France', 'country', 'FR');
SELECT set_config('fms.effective_date', (fms.today() - 200)::text, false) IS NOT NULL AS backdated;
-- (The offered ones have long OEDs, approved case by case; the first
-- expired ten days ago.)
INSERT INTO fms.cases (case_id, title, aod_group, total_value_usd, lor_received_on, lor_complete_on, aod_on, oed_on)
VALUES ('FR-B-AAA', 'offered after 20 days', 'A', 1000, fms.today() - 130, fms.today() - 120, fms.today() - 75, fms.today() - 10),
       ('FR-B-AAB', 'offered after 40 days', 'A', 1000, fms.today() - 130, fms.today() - 120, fms.today() - 75, fms.today() + 30),
       ('FR-B-AAC', 'offered after 100 days', 'A', 1000, fms.today() - 130, fms.today() - 120, fms.today() - 75, fms.today() + 30),
       ('FR-B-PAA', 'pending', 'A', 1000, fms.today() - 40, fms.today() - 30, fms.today() + 15, NULL),
       ('FR-B-PAB', 'LOR incomplete', 'A', 1000, fms.today() - 10, NULL, NULL, NULL);
SELECT count(*) AS moves
  FROM (VALUES ('FR-B-AAA', 100), ('FR-B-AAB', 80), ('FR-B-AAC', 20)) AS v(id, offered_days_ago),
       unnest(ARRAY['write', 'review', 'proposed', 'offered']) WITH ORDINALITY AS s(state, step),
       LATERAL fms.transition(v.id::fms.case_id, s.state,
                              fms.today() - CASE s.state WHEN 'offered' THEN v.offered_days_ago ELSE 119 - s.step::int END) AS t;
RESET fms.effective_date;
SELECT case_id, status, comparable_documents AS comparables,
       expected_offer_on - lor_complete_on AS median_days, expected_offer_p80_on - lor_complete_on AS p80_days,
       probability_by_aod
  FROM fms.offer_forecast ORDER BY case_id;
-- The pipeline: France is NATO-plus; 2 cases in development, 3 offered.
SELECT * FROM fms.case_pipeline ORDER BY status;
-- Aging: days since each status began (the pending LOAs were entered 200
-- days ago), each against its own clock: the offer that expired ten days
-- ago is stalled, the others not yet (OED in 30 days); the pending LOA's AOD
-- is in 15 days; the incomplete one has no AOD yet.
SELECT case_id, kind, status, days_in_status, median_days_in_status, clock, due_on - fms.today() AS due_in_days, stalled
  FROM fms.case_aging ORDER BY case_id;
-- $1,000 sales need no notification and no 36(a) listing.
SELECT count(*) AS queued FROM fms.notification_queue;
SELECT count(*) AS in_36a_report FROM fms.section_36a_report;
-- The $1,000 sales need no notification, and nothing else is found: no
-- open findings.
SELECT case_id, severity, rule_code FROM fms.open_findings ORDER BY case_id;
-- Exposure: $5,000 open, nothing implemented, no DCS licences.
SELECT * FROM fms.customer_exposure;
-- Quarterly metrics: five LORs and three offers, none accepted.
SELECT sum(lors_received) AS lors, sum(loas_offered) AS offered, sum(loas_accepted) AS accepted,
       sum(value_accepted_usd) AS value_accepted, sum(closure_backlog) AS closure_backlog
  FROM fms.quarterly_metrics;
\c contrib_regression
DROP DATABASE fms_by_hand;

CREATE DATABASE fms_reporting;
ALTER DATABASE fms_reporting SET fms.as_of_date = '2026-11-30';
\c fms_reporting
CREATE EXTENSION fms CASCADE;
SET DateStyle = ISO;

SELECT how_many FROM fms.generate_sample_data(600, 3, '2026-11-30') WHERE what = 'open cases';

-- Reporting groups (DOMAIN: ITAR 126.1, AECA 36(b)): China is under a
-- policy of denial, Iraq under denial with exceptions, France
-- NATO-plus, Egypt none of them. The sample's customers are real
-- partners, none under a policy of denial: add China.
INSERT INTO fms.customers (customer_code, name, kind, country_code) VALUES ('CH', 'China', 'country', 'CN');
SELECT country_code, fms.reporting_group(customer_code) AS reporting_group
  FROM fms.customers WHERE country_code IN ('CN', 'IQ', 'FR', 'EG') ORDER BY 1;
SELECT fms.reporting_group('no such customer') AS unknown_customer;
DELETE FROM fms.customers WHERE customer_code = 'CH';

-- The pipeline adds up to the cases table, group by group.
SELECT (SELECT sum(cases) FROM fms.case_pipeline) = (SELECT count(*) FROM fms.cases) AS pipeline_counts_every_case,
       (SELECT sum(total_value_usd) FROM fms.case_pipeline) = (SELECT sum(total_value_usd) FROM fms.cases) AS pipeline_value_adds_up,
       (SELECT count(*) FROM fms.case_pipeline WHERE country_group NOT IN
            ('ITAR_126_1_DENIAL', 'ITAR_126_1_EXCEPTIONS', 'NATO_PLUS', 'other')) = 0 AS groups_known;

-- Aging lists exactly the open documents, with the days since their status.
SELECT (SELECT count(*) FROM fms.case_aging WHERE kind = 'loa')
         = (SELECT count(*) FROM fms.cases WHERE status NOT IN ('closed', 'cancelled')) AS every_open_case,
       (SELECT count(*) FROM fms.case_aging WHERE kind <> 'loa')
         = (SELECT count(*) FROM fms.case_changes WHERE status NOT IN ('implemented', 'cancelled')) AS every_open_change,
       (SELECT bool_and(days_in_status = fms.today() - status_since
                        AND business_days_in_status = fms.business_days_between(status_since, fms.today())
                        AND business_days_in_status <= days_in_status)
          FROM fms.case_aging) AS days_right,
       -- Stalled means past its own clock: the AOD before the offer, the OED
       -- while offered, the closure timer after supply complete (and in
       -- interim closure).
       (SELECT bool_and(stalled = COALESCE(due_on < fms.today(), false)
                        AND clock IS NOT DISTINCT FROM CASE WHEN status IN ('development', 'write', 'review', 'proposed') THEN 'AOD'
                                                            WHEN status = 'offered' THEN 'OED'
                                                            WHEN status IN ('supply_complete', 'interim_closed') THEN 'closure' END)
          FROM fms.case_aging) AS stalled_past_its_clock,
       (SELECT bool_and(a.due_on = CASE a.clock WHEN 'AOD' THEN d.aod_on WHEN 'OED' THEN d.oed_on END)
          FROM fms.case_aging AS a JOIN fms.documents AS d
            ON d.case_id::text = a.case_id AND d.change_no IS NOT DISTINCT FROM a.change_no
         WHERE a.clock IN ('AOD', 'OED')) AS due_from_the_document,
       (SELECT count(*) > 0 AND bool_and(a.due_on IS NOT DISTINCT FROM (fms.closure_due(d.case_id, d.supply_complete_on)).due_on)
          FROM fms.case_aging AS a JOIN fms.documents AS d
            ON d.case_id::text = a.case_id AND d.change_no IS NOT DISTINCT FROM a.change_no
         WHERE a.clock = 'closure') AS due_from_the_closure_timer,
       (SELECT count(*) FILTER (WHERE stalled)::numeric / count(*) BETWEEN 0.05 AND 0.25 FROM fms.case_aging) AS some_stalled;

-- The notification queue: every open LOA that the rules say needs
-- notification, nothing else, and a consistent standing.
SELECT (SELECT count(*) FROM fms.notification_queue WHERE change_no IS NULL)
         = (SELECT count(*) FROM fms.cases AS c,
                   fms.notification_requirement(fms.destination_country(c.customer_code, fms.today()), 'FMS', c.total_value_usd, c.mde_value_usd,
                                                c.design_construction_usd, c.usml, fms.today()) AS n
             WHERE n.required AND c.status IN ('development', 'write', 'review', 'proposed')) AS every_notifiable_loa,
       (SELECT count(*) FROM fms.notification_queue) > 0 AS some_queued,
       (SELECT bool_and(CASE stands WHEN 'not sent' THEN earliest_offer_on IS NULL AND formal_sent_on IS NULL
                                    WHEN 'informal review' THEN earliest_offer_on IS NULL AND informal_sent_on IS NOT NULL
                                    WHEN 'formal review' THEN earliest_offer_on = review_ends_on AND review_ends_on > fms.today()
                                    WHEN 'cleared' THEN earliest_offer_on = fms.today()
                                    WHEN 'waived (emergency)' THEN earliest_offer_on = fms.today() END)
          FROM fms.notification_queue) AS standing_consistent;

-- Open findings are the evaluator's deny and review findings of every open
-- case, and its notification findings exactly for the LOAs the queue shows
-- still waiting (not sent, or in review): the queue, the findings and the
-- offer guard judge a notification alike.
SELECT (SELECT count(*) FROM fms.open_findings WHERE severity IN ('deny', 'review'))
         = (SELECT count(*) FROM fms.cases AS c, fms.case_findings(c.case_id, fms.today()) AS f
             WHERE c.status NOT IN ('closed', 'interim_closed', 'cancelled') AND f.severity IN ('deny', 'review')) AS deny_and_review_match,
       (SELECT array_agg(DISTINCT case_id ORDER BY case_id) FROM fms.open_findings WHERE severity = 'notify')
         IS NOT DISTINCT FROM
       (SELECT array_agg(DISTINCT case_id ORDER BY case_id) FROM fms.notification_queue
         WHERE change_no IS NULL AND stands IN ('not sent', 'informal review', 'formal review')) AS notify_matches_queue,
       (SELECT count(*) FROM fms.open_findings WHERE severity = 'notify') > 0 AS some_waiting,
       (SELECT count(*) FROM fms.open_findings WHERE rule_code = 'NO_NOTIFICATION' OR status IN ('closed', 'cancelled')) = 0 AS only_what_needs_attention;

-- Exposure: one row per customer, adding up to the cases and licences.
SELECT (SELECT count(*) FROM fms.customer_exposure) = (SELECT count(*) FROM fms.customers) AS one_row_per_customer,
       (SELECT sum(open_case_value_usd) FROM fms.customer_exposure)
         = (SELECT sum(total_value_usd) FROM fms.cases WHERE status NOT IN ('closed', 'cancelled')) AS open_value_adds_up,
       (SELECT sum(implemented_case_value_usd) FROM fms.customer_exposure)
         = (SELECT sum(total_value_usd) FROM fms.cases WHERE status IN ('implemented', 'supply_complete')) AS implemented_value_adds_up,
       (SELECT sum(dcs_approved_this_fy_usd) FROM fms.customer_exposure WHERE customer IN (SELECT customer_code FROM fms.customers WHERE country_code IS NOT NULL))
         = (SELECT coalesce(sum(value_usd), 0) FROM fms.dcs_licenses WHERE status IN ('approved', 'approved_with_provisos')
               AND fms.fiscal_year(decided_on) = fms.fiscal_year(fms.today())
               AND country_code IN (SELECT country_code FROM fms.customers)) AS dcs_this_fy_adds_up;

-- Quarterly metrics count each milestone once, in its fiscal quarter.
SELECT (SELECT sum(lors_received) FROM fms.quarterly_metrics) = (SELECT count(*) FROM fms.cases) AS every_lor,
       (SELECT sum(loas_offered) FROM fms.quarterly_metrics) = (SELECT count(offered_on) FROM fms.cases) AS every_offer,
       (SELECT sum(loas_accepted) FROM fms.quarterly_metrics) = (SELECT count(accepted_on) FROM fms.cases) AS every_acceptance,
       (SELECT sum(value_accepted_usd) FROM fms.quarterly_metrics)
         = (SELECT sum(total_value_usd) FROM fms.cases WHERE accepted_on IS NOT NULL) AS accepted_value_adds_up,
       (SELECT sum(cases_closed) FROM fms.quarterly_metrics) = (SELECT count(closed_on) FROM fms.cases) AS every_closure,
       (SELECT bool_and(fiscal_quarter = fms.fiscal_quarter(quarter_start)
                        AND extract(month FROM quarter_start) IN (1, 4, 7, 10)) FROM fms.quarterly_metrics) AS quarters_aligned,
       (SELECT closure_backlog FROM fms.quarterly_metrics ORDER BY quarter_start DESC LIMIT 1)
         = (SELECT count(*) FROM fms.cases WHERE supply_complete_on + interval '12 months' <= fms.today()
               AND (closed_on IS NULL OR closed_on > fms.today())) AS backlog_today;
-- ... each quarter's counts, median lead time and share by the AOD are
-- those of the cases whose milestone falls in it, counted case by case ...
SELECT count(*) AS quarters,
       count(*) FILTER (WHERE (q.lors_received, q.loas_offered, q.loas_accepted, q.loas_implemented, q.value_accepted_usd,
                               q.median_complete_to_offer_days, q.pct_offered_by_aod, q.cases_supply_complete, q.cases_closed)
                              IS DISTINCT FROM
                              (x.lors, x.offered, x.accepted, x.implemented, x.value_accepted, x.median_days, x.pct_by_aod,
                               x.supply_complete, x.closed)) AS quarters_wrong
  FROM fms.quarterly_metrics AS q
 CROSS JOIN LATERAL (
	SELECT count(*) FILTER (WHERE date_trunc('quarter', c.lor_received_on)::date = q.quarter_start)::int AS lors,
	       count(*) FILTER (WHERE date_trunc('quarter', c.offered_on)::date = q.quarter_start)::int AS offered,
	       count(*) FILTER (WHERE date_trunc('quarter', c.accepted_on)::date = q.quarter_start)::int AS accepted,
	       count(*) FILTER (WHERE date_trunc('quarter', c.implemented_on)::date = q.quarter_start)::int AS implemented,
	       coalesce(sum(c.total_value_usd) FILTER (WHERE date_trunc('quarter', c.accepted_on)::date = q.quarter_start), 0)
	           AS value_accepted,
	       (percentile_cont(0.5) WITHIN GROUP (ORDER BY c.offered_on - c.lor_complete_on)
	            FILTER (WHERE date_trunc('quarter', c.offered_on)::date = q.quarter_start))::numeric AS median_days,
	       round(100 * avg(CASE WHEN c.offered_on <= c.aod_on THEN 1 ELSE 0 END)
	                 FILTER (WHERE date_trunc('quarter', c.offered_on)::date = q.quarter_start AND c.aod_on IS NOT NULL), 1)
	           AS pct_by_aod,
	       count(*) FILTER (WHERE date_trunc('quarter', c.supply_complete_on)::date = q.quarter_start)::int AS supply_complete,
	       count(*) FILTER (WHERE date_trunc('quarter', c.closed_on)::date = q.quarter_start)::int AS closed
	  FROM fms.cases AS c) AS x;
-- ... and every quarter's backlog is the count at its end, case by case.
SELECT count(*) AS quarters, count(*) FILTER (WHERE q.closure_backlog > 0) AS with_backlog,
       count(*) FILTER (WHERE q.closure_backlog <> (
           SELECT count(*) FROM fms.cases AS c
            WHERE c.supply_complete_on + interval '12 months' <= a.as_of
              AND (c.closed_on IS NULL OR c.closed_on > a.as_of))) AS quarters_miscounted
  FROM fms.quarterly_metrics AS q,
       LATERAL (SELECT least((q.quarter_start + interval '3 months')::date - 1, fms.today()) AS as_of) AS a;

-- The 36(a) report: MDE of $1,000,000 or more (AECA 36(a)), offered and
-- neither accepted nor cancelled, or accepted this fiscal year.
SELECT (SELECT count(*) FROM fms.section_36a_report)
         = (SELECT count(*) FROM fms.cases WHERE offered_on IS NOT NULL AND mde_value_usd >= 1000000
               AND ((accepted_on IS NULL AND status <> 'cancelled')
                    OR fms.fiscal_year(accepted_on) = fms.fiscal_year(fms.today()))) AS lists_the_right_loas,
       (SELECT bool_and(CASE part WHEN 'accepted this fiscal year' THEN accepted_on IS NOT NULL
                                  ELSE accepted_on IS NULL AND status <> 'cancelled' END
                        AND mde_value_usd >= 1000000)
          FROM fms.section_36a_report) AS parts_consistent,
       (SELECT count(DISTINCT part) FROM fms.section_36a_report) = 2 AS both_parts_present;

-- The forecast: every LOA and amendment not yet offered, once.
SELECT (SELECT count(*) FROM fms.offer_forecast)
         = (SELECT count(*) FROM fms.cases WHERE status IN ('development', 'write', 'review', 'proposed'))
           + (SELECT count(*) FROM fms.case_changes WHERE kind = 'amendment'
                 AND status IN ('development', 'write', 'review', 'proposed')) AS every_pending_document,
       (SELECT bool_and(expected_offer_on <= expected_offer_p80_on AND probability_by_aod BETWEEN 0 AND 1)
          FROM fms.offer_forecast WHERE comparable_documents > 0) AS dates_ordered,
       (SELECT bool_and(expected_offer_on IS NULL) FROM fms.offer_forecast WHERE comparable_documents = 0) AS none_without_comparables;
-- ... and each document's figures are those of its comparables computed
-- the plain way: filter the lead times, percentile_cont, average.
SELECT count(*) AS documents,
       count(*) FILTER (WHERE f.comparable_documents > 0) AS with_comparables,
       count(*) FILTER (WHERE f.probability_by_aod IS NOT NULL) AS with_probability,
       count(*) FILTER (WHERE (f.comparable_documents, f.expected_offer_on, f.expected_offer_p80_on, f.probability_by_aod)
                              IS DISTINCT FROM (r.n, p.lor_complete_on + ceil(r.median)::int, p.lor_complete_on + ceil(r.p80)::int, r.by_aod))
         AS documents_differing
  FROM fms.offer_forecast AS f
  JOIN (SELECT case_id::text AS case_id, '' AS change_no, 'loa' AS kind, agency_code AS agency, aod_group,
               lor_complete_on, aod_on FROM fms.cases
        UNION ALL
        SELECT case_id::text, change_no, kind, fms.agency_code(case_id), aod_group, lor_complete_on, aod_on
          FROM fms.case_changes) AS p
    ON p.case_id = f.case_id AND p.change_no = coalesce(f.change_no, '')
 CROSS JOIN LATERAL (
       SELECT count(*)::int AS n, percentile_cont(0.5) WITHIN GROUP (ORDER BY l.complete_to_offer_days) AS median,
              percentile_cont(0.8) WITHIN GROUP (ORDER BY l.complete_to_offer_days) AS p80,
              round(avg(CASE WHEN l.complete_to_offer_days <= p.aod_on - p.lor_complete_on THEN 1
                             WHEN l.complete_to_offer_days > p.aod_on - p.lor_complete_on THEN 0 END), 3) AS by_aod
         FROM fms.document_lead_times AS l
        WHERE l.kind = p.kind AND l.aod_group = p.aod_group AND l.agency = p.agency
          AND l.offered_on IS NOT NULL AND l.lor_complete_on IS NOT NULL
          AND l.offer_fiscal_year >= fms.fiscal_year(fms.today()) - 2
          AND (p.lor_complete_on IS NULL OR l.complete_to_offer_days > fms.today() - p.lor_complete_on)) AS r;
-- percentile_of_sorted is percentile_cont of a sorted array's tail.
SELECT fms.percentile_of_sorted('{10,20,40,100}', 1, 0.5) AS median_of_20_40_100,
       fms.percentile_of_sorted('{10,20,40,100}', 1, 0.8) AS p80_of_20_40_100,
       fms.percentile_of_sorted('{10,20,40,100}', 3, 0.8) AS p80_of_100,
       fms.percentile_of_sorted('[0:3]={10,20,40,100}', 0, 1) AS max_of_any_lower_bound,
       fms.percentile_of_sorted('{10,20,40,100}', 4, 0.5) AS none_left,
       fms.percentile_of_sorted('{}', 0, 0.5) AS empty;
-- A NULL element gives NULL where it is one of the two read, nothing else.
SELECT fms.percentile_of_sorted('{10,NULL,40,100}', 0, 0.5) AS null_read,
       fms.percentile_of_sorted('{10,NULL,40,100}', 2, 0.5) AS null_skipped;
CREATE FUNCTION error_of(sql text, OUT state text, OUT message text, OUT hint text) LANGUAGE plpgsql AS $$
BEGIN EXECUTE sql; EXCEPTION WHEN OTHERS THEN GET STACKED DIAGNOSTICS state = RETURNED_SQLSTATE, message = MESSAGE_TEXT, hint = PG_EXCEPTION_HINT; END $$;
SELECT e.* FROM (VALUES ($$SELECT fms.percentile_of_sorted('{10,20,40,100}', 0, 1.5)$$),
                        ($$SELECT fms.percentile_of_sorted('{10,20,40,100}', 0, 'NaN')$$),
                        ($$SELECT fms.percentile_of_sorted('{10,20,40,100}', -1, 0.5)$$),
                        ($$SELECT fms.percentile_of_sorted('{{10,20},{40,100}}', 0, 0.5)$$)) AS t(sql),
       LATERAL error_of(t.sql) AS e;
SELECT count(*) AS arrays, count(*) FILTER (WHERE fms.percentile_of_sorted(a.sorted, a.skip, a.fraction) IS DISTINCT FROM
           (SELECT percentile_cont(a.fraction) WITHIN GROUP (ORDER BY v) FROM unnest(a.sorted[a.skip + 1:]) AS v)) AS differing
  FROM (SELECT array_agg(v ORDER BY v) AS sorted, (random() * count(*))::int AS skip, random() AS fraction
          FROM generate_series(1, 200) AS n, LATERAL (SELECT (random() * 500)::int + n * 0 AS v FROM generate_series(1, 1 + n % 37)) AS x
         GROUP BY n) AS a;

\c contrib_regression
DROP DATABASE fms_reporting;

