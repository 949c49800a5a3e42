-- The demo's second half: the enterprise at scale, from fms.generate_sample_data.
\pset footer off
SET search_path = public, fms;
\echo '==> generating 16,000 sample cases through the workflow engine (about 20 s)'
\timing on
SELECT * FROM fms.generate_sample_data();
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
