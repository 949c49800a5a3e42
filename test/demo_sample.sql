-- The demo's second half: the enterprise at scale, from fms.generate_sample_data.
\pset footer off
SET search_path = public, fms;
\echo '==> generating the sample portfolio (16,000 open cases) through the workflow engine (about a minute)'
\timing on
SELECT * FROM fms.generate_sample_data();
\echo '==> keeping the forecasts'' fits, as a nightly job would (fms.refresh_kept_forecasts)'
SELECT * FROM fms.refresh_kept_forecasts();
\timing off

\echo
\echo '==> open cases and their value by implementing agency'
SELECT c.agency_code AS agency, a.name, count(*) AS open_cases,
       round(sum(c.total_value_usd) / 1e9, 1) AS "value, $ billions"
  FROM fms.cases AS c JOIN fms.implementing_agencies AS a USING (agency_code)
 WHERE c.status NOT IN ('closed', 'cancelled')
 GROUP BY 1, 2 ORDER BY 1;

\echo
\echo '==> the pipeline by status'
SELECT c.status, count(*) AS cases, round(sum(c.total_value_usd) / 1e9, 1) AS "value, $ billions"
  FROM fms.cases AS c
  JOIN fms.workflow_states AS s ON s.machine = 'loa' AND s.state = c.status
 GROUP BY c.status, s.position ORDER BY s.position;

\echo
\echo '==> lead times of the last four fiscal quarters (all agencies and AOD groups)'
SELECT fiscal_quarter, sum(documents_offered) AS offered,
       round(avg(median_days)) AS "median days", round(avg(p80_days)) AS "p80 days",
       round(100.0 * sum(documents_offered * pct_offered_by_aod / 100) / sum(documents_offered), 1) AS "% by AOD"
  FROM fms.lead_time_summary
 GROUP BY fiscal_year, fiscal_quarter ORDER BY fiscal_year DESC, fiscal_quarter DESC LIMIT 4;

\echo
\echo '==> congressional notifications and DCS licences'
SELECT section, count(*) AS notifications, min(formal_sent_on) AS first, max(formal_sent_on) AS last
  FROM fms.congressional_notifications GROUP BY 1;
SELECT fms.fiscal_year(submitted_on) AS fiscal_year, count(*) AS licences,
       round(sum(value_usd) / 1e9, 1) AS "value, $ billions", count(*) FILTER (WHERE over_standard) AS "over 60 days"
  FROM fms.dcs_license_clock GROUP BY 1 ORDER BY 1;

\echo
\echo '==> export findings of the cases held in proposed (126.1 destinations)'
SELECT c.case_id, f.severity, f.rule_code, f.citation
  FROM fms.cases AS c, LATERAL fms.case_findings(c.case_id) AS f
 WHERE c.customer_code IN ('CN', 'VE') AND f.severity = 'deny'
 ORDER BY 1 LIMIT 5;

\echo
\echo '==> quarterly metrics of the last four fiscal quarters (fms.quarterly_metrics)'
SELECT fiscal_quarter, lors_received AS lors, loas_offered AS offered, loas_accepted AS accepted,
       round(value_accepted_usd / 1e9, 1) AS "accepted, $ billions",
       median_complete_to_offer_days AS "median days", pct_offered_by_aod AS "% by AOD",
       cases_closed AS closed, closure_backlog AS "closure backlog"
  FROM fms.quarterly_metrics ORDER BY quarter_start DESC LIMIT 4;

\echo
\echo '==> the congressional notification queue (fms.notification_queue)'
SELECT stands, section, count(*) AS documents, min(earliest_offer_on) AS "first offer possible"
  FROM fms.notification_queue GROUP BY 1, 2 ORDER BY 1, 2;

\echo
\echo '==> documents past their own clock (fms.case_aging: AOD, OED, closure timer)'
SELECT kind, clock, count(*) FILTER (WHERE stalled) AS stalled, count(*) AS open
  FROM fms.case_aging WHERE clock IS NOT NULL GROUP BY kind, clock ORDER BY stalled DESC LIMIT 6;

\echo
\echo '==> top open findings (fms.open_findings)'
SELECT severity, rule_code, count(*) AS cases FROM fms.open_findings
 GROUP BY 1, 2 ORDER BY array_position(ARRAY['deny', 'review', 'notify', 'info'], severity), 3 DESC LIMIT 8;

\echo
\echo '==> largest customers by open case value (fms.customer_exposure), with their share'
SELECT customer, name, round(open_case_value_usd / 1e9, 1) AS "open, $ billions",
       round(100 * open_case_value_usd / sum(open_case_value_usd) OVER (), 1) AS "% of open",
       round(dcs_approved_last_fy_usd / 1e9, 1) AS "DCS last FY, $ billions"
  FROM fms.customer_exposure ORDER BY open_case_value_usd DESC LIMIT 10;
SELECT round(100 * sum(total_value_usd) FILTER (WHERE 'NATO_PLUS' = ANY (fms.country_groups_of(customer_code, fms.today())))
             / sum(total_value_usd), 1) AS "NATO and NATO+ share of open value, %"
  FROM fms.cases WHERE status NOT IN ('closed', 'cancelled');

\echo
\echo '==> the last five fiscal years: value accepted, notifications, DCS licences decided'
SELECT y.fy AS fiscal_year,
       (SELECT round(sum(c.total_value_usd) / 1e9, 1) FROM fms.cases AS c WHERE fms.fiscal_year(c.accepted_on) = y.fy) AS "FMS accepted, $ billions",
       (SELECT count(*) FROM fms.congressional_notifications AS n WHERE n.section = '36(b)(1)' AND fms.fiscal_year(n.formal_sent_on) = y.fy) AS "36(b)(1)",
       (SELECT count(*) FROM fms.congressional_notifications AS n WHERE n.section = '36(b)(5)(C)' AND fms.fiscal_year(n.formal_sent_on) = y.fy) AS "36(b)(5)(C)",
       (SELECT count(*) FROM fms.congressional_notifications AS n WHERE n.section IN ('36(c)', '36(d)') AND fms.fiscal_year(n.formal_sent_on) = y.fy) AS "36(c), 36(d)",
       (SELECT count(*) FROM fms.dcs_licenses AS l WHERE fms.fiscal_year(l.decided_on) = y.fy) AS "licences decided",
       (SELECT round(sum(l.value_usd) / 1e9, 1) FROM fms.dcs_licenses AS l
         WHERE fms.fiscal_year(l.decided_on) = y.fy AND l.status IN ('approved', 'approved_with_provisos')) AS "DCS approved, $ billions"
  FROM generate_series(fms.fiscal_year(fms.today()) - 4, fms.fiscal_year(fms.today())) AS y(fy)
 ORDER BY 1;

\echo
\echo '==> the AECA 36(a) quarterly report (fms.section_36a_report)'
SELECT part, count(*) AS loas, round(sum(mde_value_usd) / 1e9, 1) AS "MDE, $ billions"
  FROM fms.section_36a_report GROUP BY 1 ORDER BY 1;

\echo
\echo '==> offer forecast of documents not yet offered, by AOD group (fms.offer_forecast)'
SELECT aod_group, count(*) AS documents, count(expected_offer_on) AS forecast,
       round(avg(probability_by_aod), 2) AS "mean chance of the AOD",
       min(expected_offer_on) AS "next expected offer"
  FROM fms.offer_forecast GROUP BY 1 ORDER BY 1;

\echo
\echo '==> sales by combatant command this and last fiscal year (fms.sales_by_category)'
SELECT combatant_command, fiscal_year, round(sum(offered_usd) / 1e9, 1) AS "offered, $ billions",
       round(sum(accepted_usd) / 1e9, 1) AS "accepted", round(sum(delivered_usd) / 1e9, 1) AS "delivered"
  FROM fms.sales_by_category
 WHERE fiscal_year >= fms.fiscal_year(fms.today()) - 1
 GROUP BY 1, 2 ORDER BY 2 DESC, 3 DESC NULLS LAST LIMIT 10;

\echo
\echo '==> money by funding source today (fms.case_financials)'
SELECT funding_source, count(*) AS cases, round(sum(undelivered_value_usd) / 1e9, 1) AS "undelivered, $ billions",
       round(sum(billed_usd - collected_usd) / 1e9, 2) AS "billed, not collected", round(sum(due_next_quarter_usd) / 1e9, 2) AS "due next quarter"
  FROM fms.case_financials WHERE status NOT IN ('closed', 'cancelled') GROUP BY 1 ORDER BY 3 DESC;

\echo
\echo '==> FMS demand forecast by region for the next four quarters, value accepted (fms.demand_forecast)'
SELECT region, fiscal_quarter, model, round(forecast / 1e9, 1) AS "forecast, $ billions",
       round(lower_80 / 1e9, 1) AS "80% low", round(upper_80 / 1e9, 1) AS "80% high"
  FROM fms.demand_forecast
 WHERE level = 'region' AND program = 'FMS' AND measure = 'value_accepted_usd' AND step <= 4 AND region IS NOT NULL
 ORDER BY region, step;

\echo
\echo '==> how good the forecasts were over the last eight quarters (fms.forecast_accuracy, overall rows)'
SELECT level, program, measure, series, forecasts, round(mase::numeric, 2) AS mase, round(naive_mase::numeric, 2) AS "seasonal naive mase",
       round(coverage_80::numeric, 2) AS "80% coverage", round(coverage_95::numeric, 2) AS "95% coverage"
  FROM fms.forecast_accuracy WHERE overall ORDER BY program, measure, level;

\echo
\echo '==> industrial load: the quarters ahead where deliveries exceed capacity most (fms.supply_load)'
SELECT usml_category, fiscal_quarter, round(load_usd / 1e6) AS "load, $ millions", round(capacity_usd / 1e6) AS "capacity",
       load_ratio, over_capacity, at_risk
  FROM fms.supply_load WHERE ahead AND over_capacity ORDER BY load_ratio DESC LIMIT 10;
