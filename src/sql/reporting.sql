/* src/sql/reporting.sql -- reporting views for BI tools (plain column types only) */

-- The group a customer is reported under today: the most restrictive
-- export group it belongs to, else NATO_PLUS, else 'other'.
CREATE FUNCTION fms.reporting_group(customer_code pg_catalog.text) RETURNS pg_catalog.text
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
	AS $$
	SELECT CASE WHEN 'ITAR_126_1_DENIAL' OPERATOR(pg_catalog.=) ANY (g) THEN 'ITAR_126_1_DENIAL'
	            WHEN 'ITAR_126_1_EXCEPTIONS' OPERATOR(pg_catalog.=) ANY (g) THEN 'ITAR_126_1_EXCEPTIONS'
	            WHEN 'NATO_PLUS' OPERATOR(pg_catalog.=) ANY (g) THEN 'NATO_PLUS'
	            ELSE 'other' END
	  FROM (SELECT fms.country_groups_of($1, fms.today()) AS g) AS x
	$$;
COMMENT ON FUNCTION fms.reporting_group(pg_catalog.text) IS 'the export group a customer is reported under today: ITAR_126_1_DENIAL, ITAR_126_1_EXCEPTIONS, NATO_PLUS or other';

-- percentile_cont(fraction) of the elements of a sorted array after its
-- first skip, with percentile_cont's interpolation: the forecast asks it of
-- the lead times longer than the days a document has already spent, a tail
-- of the sorted lead times, without sorting them again for every document.
CREATE FUNCTION fms.percentile_of_sorted(sorted pg_catalog.int4[], skip pg_catalog.int4, fraction pg_catalog.float8)
	RETURNS pg_catalog.float8
	AS 'MODULE_PATHNAME', 'fms_percentile_of_sorted'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION fms.percentile_of_sorted(pg_catalog.int4[], pg_catalog.int4, pg_catalog.float8) IS 'percentile_cont(fraction) of the elements of an ascending one-dimensional array after its first skip, NULL if none are left; the array is trusted to be sorted';

-- The group is looked up once per customer, not once per case: the CTE is
-- materialized so that the planner cannot move the call above the join.
CREATE VIEW fms.case_pipeline AS
WITH customer_groups AS MATERIALIZED (
	SELECT d.customer_code, fms.reporting_group(d.customer_code) AS country_group, d.region, d.combatant_command
	  FROM fms.customer_dimension AS d
)
SELECT c.status, c.agency_code AS agency, c.customer_code AS customer,
       g.country_group,
       pg_catalog.count(*)::pg_catalog.int4 AS cases,
       pg_catalog.sum(c.total_value_usd) AS total_value_usd,
       g.region, g.combatant_command
  FROM fms.cases AS c
  JOIN customer_groups AS g ON g.customer_code OPERATOR(pg_catalog.=) c.customer_code
 GROUP BY 1, 2, 3, 4, 7, 8;
COMMENT ON VIEW fms.case_pipeline IS 'cases and their value by status, implementing agency, customer and country group';
COMMENT ON COLUMN fms.case_pipeline.status IS 'life-cycle state';
COMMENT ON COLUMN fms.case_pipeline.agency IS 'implementing agency code';
COMMENT ON COLUMN fms.case_pipeline.customer IS 'customer code';
COMMENT ON COLUMN fms.case_pipeline.country_group IS 'export group of the customer today: ITAR_126_1_DENIAL, ITAR_126_1_EXCEPTIONS, NATO_PLUS or other';
COMMENT ON COLUMN fms.case_pipeline.cases IS 'number of cases';
COMMENT ON COLUMN fms.case_pipeline.total_value_usd IS 'total case value, U.S. dollars';
COMMENT ON COLUMN fms.case_pipeline.region IS 'State Department region of the customer today (fms.country_regions)';
COMMENT ON COLUMN fms.case_pipeline.combatant_command IS 'combatant command of the customer today (fms.country_regions)';

-- Each open document against its own clock: before the offer the
-- anticipated offer date, while offered the offer expiration date, after
-- supply complete the closure timer; accepted and implemented documents
-- run on no clock here.  The median of the state is kept for comparison.
CREATE VIEW fms.case_aging AS
WITH aged AS (
	SELECT fms.text(d.case_id) AS case_id, d.change_no, d.kind, d.agency_code AS agency, d.status, d.status_since,
	       fms.today() OPERATOR(pg_catalog.-) d.status_since AS days_in_status,
	       CASE WHEN d.status OPERATOR(pg_catalog.=) ANY (ARRAY['development', 'write', 'review', 'proposed']) THEN 'AOD'
	            WHEN d.status OPERATOR(pg_catalog.=) 'offered' THEN 'OED'
	            WHEN d.status OPERATOR(pg_catalog.=) ANY (ARRAY['supply_complete', 'interim_closed']) THEN 'closure' END AS clock,
	       CASE WHEN d.status OPERATOR(pg_catalog.=) ANY (ARRAY['development', 'write', 'review', 'proposed']) THEN d.aod_on
	            WHEN d.status OPERATOR(pg_catalog.=) 'offered' THEN d.oed_on
	            WHEN d.status OPERATOR(pg_catalog.=) ANY (ARRAY['supply_complete', 'interim_closed']) THEN k.due_on END AS due_on
	  FROM fms.documents AS d
	  LEFT JOIN LATERAL (SELECT t.due_on FROM fms.closure_timer(d.case_id, d.supply_complete_on) AS t
	                      WHERE d.status OPERATOR(pg_catalog.=) ANY (ARRAY['supply_complete', 'interim_closed'])) AS k ON true
	 WHERE d.is_open
), norms AS (
	SELECT a.kind, a.status,
	       pg_catalog.percentile_cont(0.5) WITHIN GROUP (ORDER BY a.days_in_status) AS median_days
	  FROM aged AS a GROUP BY 1, 2
)
SELECT a.case_id, a.change_no, a.kind, a.agency, a.status, a.status_since,
       a.days_in_status,
       fms.business_days_between(a.status_since, fms.today()) AS business_days_in_status,
       n.median_days::pg_catalog.numeric AS median_days_in_status,
       COALESCE(a.due_on OPERATOR(pg_catalog.<) fms.today(), false) AS stalled,
       a.clock, a.due_on
  FROM aged AS a JOIN norms AS n USING (kind, status);
COMMENT ON VIEW fms.case_aging IS 'every open document with its days in the current status, the median for that status, and whether it is past its own clock: the AOD before the offer, the OED while offered, supply complete plus the closure timer after';
COMMENT ON COLUMN fms.case_aging.case_id IS 'case identifier';
COMMENT ON COLUMN fms.case_aging.change_no IS 'amendment or modification number; NULL for the basic LOA';
COMMENT ON COLUMN fms.case_aging.kind IS 'loa, amendment or modification';
COMMENT ON COLUMN fms.case_aging.agency IS 'implementing agency code';
COMMENT ON COLUMN fms.case_aging.status IS 'current state';
COMMENT ON COLUMN fms.case_aging.status_since IS 'effective date it entered the state';
COMMENT ON COLUMN fms.case_aging.days_in_status IS 'calendar days in the state until today';
COMMENT ON COLUMN fms.case_aging.business_days_in_status IS 'business days in the state until today';
COMMENT ON COLUMN fms.case_aging.median_days_in_status IS 'median days in this state of the open documents of the same kind';
COMMENT ON COLUMN fms.case_aging.stalled IS 'past its own clock today: the clock''s due date (due_on) is before today';
COMMENT ON COLUMN fms.case_aging.clock IS 'the clock the document runs on in its state: AOD (before the offer), OED (offered), closure (after supply complete), NULL (none)';
COMMENT ON COLUMN fms.case_aging.due_on IS 'the date the clock runs out: the anticipated offer date, the offer expiration date, or supply complete plus the closure timer (NULL if none is recorded)';

-- Basic LOAs and amendments that need congressional notification, and
-- where each stands.
CREATE VIEW fms.notification_queue AS
WITH judged AS (
	SELECT d.case_id, d.change_no, d.customer_code, d.status,
	       n.section, n.review_days, n.rule_codes, n.required
	  FROM fms.documents AS d
	 CROSS JOIN LATERAL fms.document_requirement(d.case_id, d.change_no, d.total_value_usd, d.mde_value_usd,
	                                             d.design_construction_usd, d.usml, fms.today()) AS n
	 WHERE d.kind OPERATOR(pg_catalog.<>) 'modification'
	   AND d.status OPERATOR(pg_catalog.=) ANY (ARRAY['development', 'write', 'review', 'proposed'])
)
SELECT fms.text(j.case_id) AS case_id, j.change_no, j.customer_code AS customer, j.status,
       j.section, j.review_days,
       pg_catalog.array_to_string(j.rule_codes, ' ') AS rules,
       CASE WHEN s.emergency_justification IS NOT NULL THEN 'waived (emergency)'
            WHEN s.formal_sent_on IS NULL AND s.informal_sent_on IS NULL THEN 'not sent'
            WHEN s.formal_sent_on IS NULL THEN 'informal review'
            WHEN s.review_ends_on OPERATOR(pg_catalog.>) fms.today() THEN 'formal review'
            ELSE 'cleared' END AS stands,
       s.informal_sent_on, s.formal_sent_on, s.review_ends_on,
       CASE WHEN s.emergency_justification IS NOT NULL THEN fms.today()
            WHEN s.formal_sent_on IS NULL THEN NULL
            ELSE GREATEST(s.review_ends_on, fms.today()) END AS earliest_offer_on
  FROM judged AS j
  -- The notification the offer guard weighs.
 CROSS JOIN LATERAL fms.governing_notification(j.section, j.case_id, j.change_no, NULL) AS s
 WHERE j.required;
COMMENT ON VIEW fms.notification_queue IS 'LOAs (36(b)(1)) and amendments (36(b)(5)(C)) not yet offered that need congressional notification today, where the notification of the required section stands (as the offer guard judges it) and the earliest offer date';
COMMENT ON COLUMN fms.notification_queue.case_id IS 'case identifier';
COMMENT ON COLUMN fms.notification_queue.change_no IS 'amendment number; NULL for the basic LOA';
COMMENT ON COLUMN fms.notification_queue.customer IS 'customer code';
COMMENT ON COLUMN fms.notification_queue.status IS 'state of the document';
COMMENT ON COLUMN fms.notification_queue.section IS 'AECA section';
COMMENT ON COLUMN fms.notification_queue.review_days IS 'formal review period, calendar days';
COMMENT ON COLUMN fms.notification_queue.rules IS 'notification rules reached';
COMMENT ON COLUMN fms.notification_queue.stands IS 'not sent, informal review, formal review, cleared or waived (emergency)';
COMMENT ON COLUMN fms.notification_queue.informal_sent_on IS 'informal notification sent';
COMMENT ON COLUMN fms.notification_queue.formal_sent_on IS 'formal notification sent';
COMMENT ON COLUMN fms.notification_queue.review_ends_on IS 'first day after the formal review';
COMMENT ON COLUMN fms.notification_queue.earliest_offer_on IS 'earliest day the offer can be made; NULL until the formal notification is sent';

CREATE VIEW fms.open_findings AS
-- Set-based, part by part (fms.export_findings gives the same rows case by
-- case): the destination's findings once per customer, the MTCR findings
-- of the cases with a category, and the notification findings only of the
-- cases that still wait for their offer.
WITH destination AS (
	SELECT d.customer_code, d.country_code AS country FROM fms.customer_dimension AS d),
open_case AS (
	SELECT c.case_id, c.customer_code, c.status, c.total_value_usd, c.mde_value_usd, c.design_construction_usd,
	       c.usml, c.mtcr_category, d.country
	  FROM fms.cases AS c
	  JOIN destination AS d ON d.customer_code OPERATOR(pg_catalog.=) c.customer_code
	 WHERE d.country IS NOT NULL
	   AND c.status OPERATOR(pg_catalog.<>) ALL (ARRAY['closed', 'interim_closed', 'cancelled']))
SELECT fms.text(c.case_id) AS case_id, c.customer_code AS customer, c.status, f.severity, f.rule_code, f.message, f.citation
  FROM open_case AS c
  JOIN (SELECT d.customer_code, x.severity, x.rule_code, x.message, x.citation
          FROM destination AS d
         CROSS JOIN LATERAL fms.destination_findings(d.country, 'FMS', fms.today()) AS x) AS f
    ON f.customer_code OPERATOR(pg_catalog.=) c.customer_code
UNION ALL
SELECT fms.text(c.case_id), c.customer_code, c.status, f.severity, f.rule_code, f.message, f.citation
  FROM open_case AS c
 CROSS JOIN LATERAL fms.mtcr_findings(c.mtcr_category) AS f
 WHERE c.mtcr_category IS NOT NULL
UNION ALL
-- A notification finding only while the LOA still waits for it: not yet
-- offered, and its 36(b)(1) notification not formally sent, or in review,
-- and not waived.
SELECT fms.text(c.case_id), c.customer_code, c.status, f.severity, f.rule_code, f.message, f.citation
  FROM open_case AS c
 CROSS JOIN LATERAL fms.notification_findings(c.country, 'FMS', c.total_value_usd, c.mde_value_usd, c.design_construction_usd,
                                              c.usml, fms.today()) AS f
 WHERE c.status OPERATOR(pg_catalog.=) ANY (ARRAY['development', 'write', 'review', 'proposed'])
   AND f.severity OPERATOR(pg_catalog.=) 'notify'
   AND (SELECT g.emergency_justification IS NULL
               AND (g.formal_sent_on IS NULL OR g.review_ends_on OPERATOR(pg_catalog.>) fms.today())
          FROM fms.governing_notification('36(b)(1)', c.case_id, NULL, NULL) AS g);
COMMENT ON VIEW fms.open_findings IS 'the export findings of open cases that need attention today: deny and review findings, and a notification finding only while the case waits for its notification (not yet offered, no review ended or waived); not the "no notification needed" information';
COMMENT ON COLUMN fms.open_findings.case_id IS 'case identifier';
COMMENT ON COLUMN fms.open_findings.customer IS 'customer code';
COMMENT ON COLUMN fms.open_findings.status IS 'state of the case';
COMMENT ON COLUMN fms.open_findings.severity IS 'deny, review, notify or info';
COMMENT ON COLUMN fms.open_findings.rule_code IS 'the rule';
COMMENT ON COLUMN fms.open_findings.message IS 'what, why, which rule, as of which date';
COMMENT ON COLUMN fms.open_findings.citation IS 'law or regulation';

CREATE VIEW fms.customer_exposure AS
SELECT cu.customer_code AS customer, cu.name, cu.country_code,
       COALESCE(o.open_value_usd, 0) AS open_case_value_usd,
       COALESCE(o.implemented_value_usd, 0) AS implemented_case_value_usd,
       COALESCE(l.this_fy_usd, 0) AS dcs_approved_this_fy_usd,
       COALESCE(l.last_fy_usd, 0) AS dcs_approved_last_fy_usd,
       d.region, d.combatant_command
  FROM fms.customers AS cu
  JOIN fms.customer_dimension AS d ON d.customer_code OPERATOR(pg_catalog.=) cu.customer_code
  LEFT JOIN (SELECT c.customer_code,
                    pg_catalog.sum(c.total_value_usd) FILTER (WHERE c.status OPERATOR(pg_catalog.<>) ALL (ARRAY['closed', 'cancelled'])) AS open_value_usd,
                    pg_catalog.sum(c.total_value_usd) FILTER (WHERE c.status OPERATOR(pg_catalog.=) ANY (ARRAY['implemented', 'supply_complete'])) AS implemented_value_usd
               FROM fms.cases AS c GROUP BY 1) AS o ON o.customer_code OPERATOR(pg_catalog.=) cu.customer_code
  LEFT JOIN (SELECT d.country_code,
                    pg_catalog.sum(d.value_usd) FILTER (WHERE fms.fiscal_year(d.decided_on) OPERATOR(pg_catalog.=) fms.fiscal_year(fms.today())) AS this_fy_usd,
                    pg_catalog.sum(d.value_usd) FILTER (WHERE fms.fiscal_year(d.decided_on) OPERATOR(pg_catalog.=) (fms.fiscal_year(fms.today()) OPERATOR(pg_catalog.-) 1)) AS last_fy_usd
               FROM fms.dcs_licenses AS d
              WHERE d.status OPERATOR(pg_catalog.=) ANY (ARRAY['approved', 'approved_with_provisos'])
              GROUP BY 1) AS l ON l.country_code OPERATOR(pg_catalog.=) cu.country_code;
COMMENT ON VIEW fms.customer_exposure IS 'by customer: open and implemented FMS case value, and DCS licence value approved in this and the previous fiscal year';
COMMENT ON COLUMN fms.customer_exposure.customer IS 'customer code';
COMMENT ON COLUMN fms.customer_exposure.name IS 'customer name';
COMMENT ON COLUMN fms.customer_exposure.country_code IS 'ISO country code (NULL for organizations)';
COMMENT ON COLUMN fms.customer_exposure.open_case_value_usd IS 'value of cases not closed or cancelled, U.S. dollars';
COMMENT ON COLUMN fms.customer_exposure.implemented_case_value_usd IS 'value of cases implemented and not yet closed, U.S. dollars';
COMMENT ON COLUMN fms.customer_exposure.dcs_approved_this_fy_usd IS 'DCS licences to the country approved this fiscal year, U.S. dollars';
COMMENT ON COLUMN fms.customer_exposure.dcs_approved_last_fy_usd IS 'DCS licences to the country approved last fiscal year, U.S. dollars';
COMMENT ON COLUMN fms.customer_exposure.region IS 'State Department region of the customer today';
COMMENT ON COLUMN fms.customer_exposure.combatant_command IS 'combatant command of the customer today';

-- Basic LOAs only: amendments and modifications have their own lead times
-- in fms.lead_time_summary. Fiscal quarters coincide with calendar quarters
-- (Q1 is October-December), so fms.quarter_start finds their start.
CREATE VIEW fms.quarterly_metrics AS
WITH events AS (
	-- each case's milestones, one row each: arrays unnested side by side
	-- (a lateral list of rows let the planner cache them case by case,
	-- each case a miss)
	SELECT e.event, fms.quarter_start(e.on_date) AS quarter_start, e.value_usd
	  FROM (SELECT pg_catalog.unnest(ARRAY['lor', 'offered', 'accepted', 'implemented', 'supply_complete', 'closed']) AS event,
	               pg_catalog.unnest(ARRAY[c.lor_received_on, c.offered_on, c.accepted_on, c.implemented_on,
	                                       c.supply_complete_on, c.closed_on]) AS on_date,
	               pg_catalog.unnest(ARRAY[NULL, NULL, c.total_value_usd, NULL, NULL, NULL]::pg_catalog.numeric[]) AS value_usd
	          FROM fms.cases AS c) AS e
	 WHERE e.on_date IS NOT NULL
), offers AS (
	-- the lead times of the offers, sorted only for their median
	SELECT fms.quarter_start(c.offered_on) AS quarter_start,
	       (pg_catalog.percentile_cont(0.5) WITHIN GROUP (ORDER BY c.offered_on OPERATOR(pg_catalog.-) c.lor_complete_on))::pg_catalog.numeric
	           AS median_complete_to_offer_days,
	       pg_catalog.round(100 OPERATOR(pg_catalog.*) pg_catalog.avg(CASE WHEN c.offered_on OPERATOR(pg_catalog.<=) c.aod_on THEN 1 ELSE 0 END)
	            FILTER (WHERE c.aod_on IS NOT NULL), 1) AS pct_offered_by_aod
	  FROM fms.cases AS c
	 WHERE c.offered_on IS NOT NULL
	 GROUP BY 1
), quarters AS (
	SELECT q.quarter_start, q.lors_received, q.loas_offered, q.loas_accepted, q.loas_implemented, q.value_accepted_usd,
	       o.median_complete_to_offer_days, o.pct_offered_by_aod, q.cases_supply_complete, q.cases_closed
	  FROM (SELECT e.quarter_start,
	               pg_catalog.count(*) FILTER (WHERE e.event OPERATOR(pg_catalog.=) 'lor')::pg_catalog.int4 AS lors_received,
	               pg_catalog.count(*) FILTER (WHERE e.event OPERATOR(pg_catalog.=) 'offered')::pg_catalog.int4 AS loas_offered,
	               pg_catalog.count(*) FILTER (WHERE e.event OPERATOR(pg_catalog.=) 'accepted')::pg_catalog.int4 AS loas_accepted,
	               pg_catalog.count(*) FILTER (WHERE e.event OPERATOR(pg_catalog.=) 'implemented')::pg_catalog.int4 AS loas_implemented,
	               COALESCE(pg_catalog.sum(e.value_usd), 0) AS value_accepted_usd,
	               pg_catalog.count(*) FILTER (WHERE e.event OPERATOR(pg_catalog.=) 'supply_complete')::pg_catalog.int4 AS cases_supply_complete,
	               pg_catalog.count(*) FILTER (WHERE e.event OPERATOR(pg_catalog.=) 'closed')::pg_catalog.int4 AS cases_closed
	          FROM events AS e
	         GROUP BY 1) AS q
	  LEFT JOIN offers AS o ON o.quarter_start OPERATOR(pg_catalog.=) q.quarter_start
), backlog_entries AS (
	-- A case is in the closure backlog from 12 months after supply complete
	-- until the day it closes.
	SELECT b.entered_on, c.closed_on
	  FROM fms.cases AS c,
	       LATERAL (SELECT (c.supply_complete_on OPERATOR(pg_catalog.+) '12 months'::pg_catalog.interval)::pg_catalog.date AS entered_on) AS b
	 WHERE c.supply_complete_on IS NOT NULL
	   AND (c.closed_on IS NULL OR c.closed_on OPERATOR(pg_catalog.>) b.entered_on)
), backlog_changes AS (
	SELECT e.entered_on AS on_date, 1 AS change FROM backlog_entries AS e
	UNION ALL
	SELECT e.closed_on, -1 FROM backlog_entries AS e WHERE e.closed_on IS NOT NULL
), backlog AS (
	-- The backlog at the end of each quarter (today for the current one):
	-- a running sum of the changes up to that day, in one pass.
	SELECT r.quarter_start, r.cases
	  FROM (SELECT x.quarter_start,
	               pg_catalog.sum(x.change) OVER (ORDER BY x.on_date, x.quarter_start NULLS FIRST
	                                              ROWS UNBOUNDED PRECEDING)::pg_catalog.int4 AS cases
	          FROM (SELECT bc.on_date, bc.change, NULL::pg_catalog.date AS quarter_start FROM backlog_changes AS bc
	                UNION ALL
	                SELECT LEAST((q.quarter_start OPERATOR(pg_catalog.+) '3 months'::pg_catalog.interval)::pg_catalog.date
	                             OPERATOR(pg_catalog.-) 1, fms.today()), 0, q.quarter_start
	                  FROM quarters AS q) AS x) AS r
	 WHERE r.quarter_start IS NOT NULL
)
SELECT fms.fiscal_year(q.quarter_start) AS fiscal_year,
       fms.fiscal_quarter(q.quarter_start) AS fiscal_quarter,
       q.quarter_start,
       q.lors_received, q.loas_offered, q.loas_accepted, q.loas_implemented, q.value_accepted_usd,
       q.median_complete_to_offer_days, q.pct_offered_by_aod,
       q.cases_supply_complete, q.cases_closed,
       b.cases AS closure_backlog
  FROM quarters AS q
  JOIN backlog AS b USING (quarter_start);
COMMENT ON VIEW fms.quarterly_metrics IS 'by fiscal quarter, basic LOAs: LORs received, offered, accepted, implemented, value accepted, lead time and share offered by the AOD, supply complete, closed, and the closure backlog';
COMMENT ON COLUMN fms.quarterly_metrics.fiscal_year IS 'U.S. federal fiscal year';
COMMENT ON COLUMN fms.quarterly_metrics.fiscal_quarter IS 'fiscal quarter, e.g. FY2026 Q1';
COMMENT ON COLUMN fms.quarterly_metrics.quarter_start IS 'first day of the quarter';
COMMENT ON COLUMN fms.quarterly_metrics.lors_received IS 'Letters of Request received';
COMMENT ON COLUMN fms.quarterly_metrics.loas_offered IS 'LOAs offered';
COMMENT ON COLUMN fms.quarterly_metrics.loas_accepted IS 'LOAs accepted';
COMMENT ON COLUMN fms.quarterly_metrics.loas_implemented IS 'cases implemented';
COMMENT ON COLUMN fms.quarterly_metrics.value_accepted_usd IS 'value of the LOAs accepted, U.S. dollars';
COMMENT ON COLUMN fms.quarterly_metrics.median_complete_to_offer_days IS 'median calendar days from LOR complete to offer of the LOAs offered';
COMMENT ON COLUMN fms.quarterly_metrics.pct_offered_by_aod IS 'percent of the LOAs offered on or before their AOD';
COMMENT ON COLUMN fms.quarterly_metrics.cases_supply_complete IS 'cases reaching supply complete';
COMMENT ON COLUMN fms.quarterly_metrics.cases_closed IS 'cases closed';
COMMENT ON COLUMN fms.quarterly_metrics.closure_backlog IS 'cases supply complete 12 months or more before the end of the quarter (today for the current quarter) and not closed by then';

-- AECA 36(a) (22 U.S.C. 2776(a)): the quarterly report lists letters of
-- offer for major defense equipment at or above a threshold not yet
-- accepted or cancelled, and those accepted in the fiscal year.
CREATE VIEW fms.section_36a_report AS
SELECT CASE WHEN c.accepted_on IS NULL THEN 'offered, not accepted or cancelled'
            ELSE 'accepted this fiscal year' END AS part,
       fms.fiscal_quarter(fms.today()) AS report_quarter,
       fms.text(c.case_id) AS case_id, c.customer_code AS customer, cu.name AS customer_name,
       c.agency_code AS agency, c.status, c.offered_on, c.oed_on, c.accepted_on,
       c.mde_value_usd, c.total_value_usd
  FROM fms.cases AS c
  JOIN fms.customers AS cu ON cu.customer_code OPERATOR(pg_catalog.=) c.customer_code
  JOIN LATERAL fms.policy_setting_in_force('aeca_36a_mde_threshold_usd', c.offered_on) AS t ON true
 WHERE c.offered_on IS NOT NULL
   AND c.mde_value_usd OPERATOR(pg_catalog.>=) t.value
   AND ((c.accepted_on IS NULL AND c.status OPERATOR(pg_catalog.<>) 'cancelled')
        OR fms.fiscal_year(c.accepted_on) OPERATOR(pg_catalog.=) fms.fiscal_year(fms.today()));
COMMENT ON VIEW fms.section_36a_report IS 'AECA 36(a) quarterly report as far as the case data allows: LOAs for major defense equipment at or above the threshold (fms.policy_settings) offered and not accepted or cancelled, and those accepted this fiscal year';
COMMENT ON COLUMN fms.section_36a_report.part IS 'offered, not accepted or cancelled; or accepted this fiscal year';
COMMENT ON COLUMN fms.section_36a_report.report_quarter IS 'fiscal quarter of the report (today''s)';
COMMENT ON COLUMN fms.section_36a_report.case_id IS 'case identifier';
COMMENT ON COLUMN fms.section_36a_report.customer IS 'customer code';
COMMENT ON COLUMN fms.section_36a_report.customer_name IS 'customer name';
COMMENT ON COLUMN fms.section_36a_report.agency IS 'implementing agency code';
COMMENT ON COLUMN fms.section_36a_report.status IS 'state of the case';
COMMENT ON COLUMN fms.section_36a_report.offered_on IS 'offered to the purchaser';
COMMENT ON COLUMN fms.section_36a_report.oed_on IS 'offer expiration date';
COMMENT ON COLUMN fms.section_36a_report.accepted_on IS 'accepted by the purchaser; NULL while not';
COMMENT ON COLUMN fms.section_36a_report.mde_value_usd IS 'major defense equipment value, U.S. dollars';
COMMENT ON COLUMN fms.section_36a_report.total_value_usd IS 'total case value, U.S. dollars';

-- Value offered, accepted and delivered by fiscal quarter, USML category,
-- region and combatant command (fms.category_flows summed).  Flows are
-- summed per customer and quarter first, so that a customer's region is
-- looked up once per quarter (on the quarter's first event), by joins the
-- planner can hash (fms.destination_country and fms.country_dimension
-- inline: as calls they cost more than the sums).  Only an organization's
-- country needs the call, made once per row in a materialized step: left
-- in the join conditions, it was made once per join.  A country has one
-- value of a dimension on a day (country_regions_periods_do_not_overlap),
-- so the joins add no rows.
CREATE VIEW fms.sales_by_category AS
WITH by_customer AS MATERIALIZED (
	SELECT e.customer_code, fms.fiscal_quarter(e.on_date) AS fiscal_quarter, fms.fiscal_year(e.on_date) AS fiscal_year,
	       e.usml_category, pg_catalog.min(e.on_date) AS first_event,
	       pg_catalog.sum(e.offered_usd) AS offered_usd, pg_catalog.sum(e.accepted_usd) AS accepted_usd,
	       pg_catalog.sum(e.delivered_usd) AS delivered_usd
	  FROM fms.category_flows AS e
	 GROUP BY 1, 2, 3, 4
), located AS MATERIALIZED (
	SELECT b.*, COALESCE(cu.country_code, fms.destination_country(b.customer_code, b.first_event)) AS country
	  FROM by_customer AS b
	  LEFT JOIN fms.customers AS cu ON cu.customer_code OPERATOR(pg_catalog.=) b.customer_code
)
SELECT b.fiscal_quarter, b.fiscal_year, b.usml_category, r.value AS region, k.value AS combatant_command,
       pg_catalog.sum(b.offered_usd) AS offered_usd, pg_catalog.sum(b.accepted_usd) AS accepted_usd,
       pg_catalog.sum(b.delivered_usd) AS delivered_usd
  FROM located AS b
  LEFT JOIN fms.country_regions AS r
    ON r.country_code OPERATOR(pg_catalog.=) b.country AND r.dimension OPERATOR(pg_catalog.=) 'region'
   AND r.valid_from OPERATOR(pg_catalog.<=) b.first_event
   AND (r.valid_to IS NULL OR r.valid_to OPERATOR(pg_catalog.>) b.first_event)
  LEFT JOIN fms.country_regions AS k
    ON k.country_code OPERATOR(pg_catalog.=) b.country AND k.dimension OPERATOR(pg_catalog.=) 'combatant_command'
   AND k.valid_from OPERATOR(pg_catalog.<=) b.first_event
   AND (k.valid_to IS NULL OR k.valid_to OPERATOR(pg_catalog.>) b.first_event)
 GROUP BY 1, 2, 3, 4, 5;
COMMENT ON VIEW fms.sales_by_category IS 'FMS value offered, accepted and delivered by fiscal quarter, USML category, region and combatant command (itemized documents by their lines; documents without lines under no category)';
COMMENT ON COLUMN fms.sales_by_category.fiscal_quarter IS 'fiscal quarter, e.g. FY2026 Q1';
COMMENT ON COLUMN fms.sales_by_category.fiscal_year IS 'fiscal year';
COMMENT ON COLUMN fms.sales_by_category.usml_category IS 'USML category (1 to 21) of the lines; NULL for documents without lines or lines without a USML entry';
COMMENT ON COLUMN fms.sales_by_category.region IS 'State Department region of the customers';
COMMENT ON COLUMN fms.sales_by_category.combatant_command IS 'combatant command of the customers';
COMMENT ON COLUMN fms.sales_by_category.offered_usd IS 'value offered in the quarter (basic LOAs and amendments), U.S. dollars';
COMMENT ON COLUMN fms.sales_by_category.accepted_usd IS 'value accepted in the quarter, U.S. dollars';
COMMENT ON COLUMN fms.sales_by_category.delivered_usd IS 'value delivered in the quarter, U.S. dollars';

-- AECA 36(a)(1) and (2) in detail: the lines of the LOAs the report lists
-- (by country, category, quantity, description and value), and per
-- country the value of all LOAs and amendments accepted this fiscal year.
CREATE VIEW fms.section_36a_report_lines AS
SELECT r.part, r.report_quarter, r.case_id, r.customer, fms.destination_country(r.customer, fms.today()) AS country_code,
       l.line_no, fms.usml_category(l.usml) AS usml_category, l.usml, l.description, l.quantity, l.unit, l.value_usd, l.mde
  FROM fms.section_36a_report AS r
  JOIN fms.case_lines AS l ON l.case_id OPERATOR(fms.=) r.case_id::fms.case_id AND l.change_no IS NULL;
COMMENT ON VIEW fms.section_36a_report_lines IS 'the lines of the LOAs in fms.section_36a_report: country, USML category, quantity, description and value (AECA 36(a)(1), (2))';
COMMENT ON COLUMN fms.section_36a_report_lines.part IS 'offered, not accepted or cancelled; or accepted this fiscal year';
COMMENT ON COLUMN fms.section_36a_report_lines.report_quarter IS 'fiscal quarter of the report';
COMMENT ON COLUMN fms.section_36a_report_lines.case_id IS 'case identifier';
COMMENT ON COLUMN fms.section_36a_report_lines.customer IS 'customer code';
COMMENT ON COLUMN fms.section_36a_report_lines.country_code IS 'the country the sale is judged by';
COMMENT ON COLUMN fms.section_36a_report_lines.line_no IS 'line';
COMMENT ON COLUMN fms.section_36a_report_lines.usml_category IS 'USML category, 1 to 21';
COMMENT ON COLUMN fms.section_36a_report_lines.usml IS 'USML entry';
COMMENT ON COLUMN fms.section_36a_report_lines.description IS 'what the line sells';
COMMENT ON COLUMN fms.section_36a_report_lines.quantity IS 'quantity';
COMMENT ON COLUMN fms.section_36a_report_lines.unit IS 'unit';
COMMENT ON COLUMN fms.section_36a_report_lines.value_usd IS 'line value, U.S. dollars';
COMMENT ON COLUMN fms.section_36a_report_lines.mde IS 'major defense equipment';

CREATE VIEW fms.section_36a_country_totals AS
SELECT fms.fiscal_year(fms.today()) AS fiscal_year, d.customer_code AS customer,
       pg_catalog.count(*) FILTER (WHERE d.kind OPERATOR(pg_catalog.=) 'loa')::pg_catalog.int4 AS loas_accepted,
       pg_catalog.count(*) FILTER (WHERE d.kind OPERATOR(pg_catalog.=) 'amendment')::pg_catalog.int4 AS amendments_accepted,
       pg_catalog.sum(d.total_value_usd) AS value_accepted_usd
  FROM fms.documents AS d
 WHERE d.accepted_on OPERATOR(pg_catalog.<=) fms.today()
   AND fms.fiscal_year(d.accepted_on) OPERATOR(pg_catalog.=) fms.fiscal_year(fms.today())
 GROUP BY 1, 2;
COMMENT ON VIEW fms.section_36a_country_totals IS 'per customer, the value of all defense articles and services sold (LOAs and amendments accepted) in the current fiscal year (AECA 36(a)(2))';
COMMENT ON COLUMN fms.section_36a_country_totals.fiscal_year IS 'the current fiscal year';
COMMENT ON COLUMN fms.section_36a_country_totals.customer IS 'customer code';
COMMENT ON COLUMN fms.section_36a_country_totals.loas_accepted IS 'basic LOAs accepted';
COMMENT ON COLUMN fms.section_36a_country_totals.amendments_accepted IS 'amendments accepted';
COMMENT ON COLUMN fms.section_36a_country_totals.value_accepted_usd IS 'their value (an amendment: its change), U.S. dollars';

-- The forecast conditions on the time already spent: of the comparable
-- lead times longer than the days elapsed since LOR complete, the median
-- and 80th percentile give the expected offer dates, and the share within
-- the AOD the probability of making it.
CREATE VIEW fms.offer_forecast AS
WITH comparable AS (
	-- Each group's lead times, sorted once: a document's comparables are
	-- the tail longer than the days it has spent, found by binary search.
	SELECT l.kind, l.aod_group, l.agency,
	       pg_catalog.array_agg(l.complete_to_offer_days ORDER BY l.complete_to_offer_days) AS lead_days
	  FROM fms.document_lead_times AS l
	 WHERE l.kind OPERATOR(pg_catalog.<>) 'modification'
	   AND l.offered_on IS NOT NULL AND l.lor_complete_on IS NOT NULL
	   AND l.offer_fiscal_year OPERATOR(pg_catalog.>=) (fms.fiscal_year(fms.today()) OPERATOR(pg_catalog.-) 2)
	 GROUP BY 1, 2, 3
), pending AS (
	SELECT d.case_id, d.change_no, d.kind, d.agency_code AS agency, d.aod_group, d.status, d.lor_complete_on, d.aod_on
	  FROM fms.documents AS d
	 WHERE d.kind OPERATOR(pg_catalog.<>) 'modification'
	   AND d.status OPERATOR(pg_catalog.=) ANY (ARRAY['development', 'write', 'review', 'proposed'])
)
SELECT fms.text(p.case_id) AS case_id, p.change_no, p.kind, p.agency, p.aod_group, p.status,
       p.lor_complete_on, p.aod_on,
       (t.lead_times OPERATOR(pg_catalog.-) t.not_longer)::pg_catalog.int4 AS comparable_documents,
       p.lor_complete_on OPERATOR(pg_catalog.+)
           pg_catalog.ceil(fms.percentile_of_sorted(cmp.lead_days, t.not_longer, 0.5))::pg_catalog.int4 AS expected_offer_on,
       p.lor_complete_on OPERATOR(pg_catalog.+)
           pg_catalog.ceil(fms.percentile_of_sorted(cmp.lead_days, t.not_longer, 0.8))::pg_catalog.int4 AS expected_offer_p80_on,
       CASE WHEN t.lead_times OPERATOR(pg_catalog.>) t.not_longer
                 AND p.aod_on IS NOT NULL AND p.lor_complete_on IS NOT NULL THEN
           pg_catalog.round(GREATEST(pg_catalog.width_bucket(p.aod_on OPERATOR(pg_catalog.-) p.lor_complete_on, cmp.lead_days)
                                     OPERATOR(pg_catalog.-) t.not_longer, 0)::pg_catalog.numeric
                            OPERATOR(pg_catalog./) (t.lead_times OPERATOR(pg_catalog.-) t.not_longer), 3)
       END AS probability_by_aod
  FROM pending AS p
  LEFT JOIN comparable AS cmp
    ON cmp.kind OPERATOR(pg_catalog.=) p.kind AND cmp.aod_group OPERATOR(pg_catalog.=) p.aod_group
   AND cmp.agency OPERATOR(pg_catalog.=) p.agency
 CROSS JOIN LATERAL (
	-- width_bucket on a sorted array counts the elements not above a value:
	-- here the lead times no longer than the days already spent (none while
	-- the LOR is incomplete: then every comparable counts).
	SELECT COALESCE(pg_catalog.array_length(cmp.lead_days, 1), 0) AS lead_times,
	       COALESCE(pg_catalog.width_bucket(fms.today() OPERATOR(pg_catalog.-) p.lor_complete_on, cmp.lead_days), 0) AS not_longer) AS t;
COMMENT ON VIEW fms.offer_forecast IS 'every LOA and amendment not yet offered: expected offer dates at the median and 80th percentile of comparable lead times (same kind, AOD group and agency, offered this or the two previous fiscal years, longer than the time already spent), and the probability of making the AOD';
COMMENT ON COLUMN fms.offer_forecast.case_id IS 'case identifier';
COMMENT ON COLUMN fms.offer_forecast.change_no IS 'amendment number; NULL for the basic LOA';
COMMENT ON COLUMN fms.offer_forecast.kind IS 'loa or amendment';
COMMENT ON COLUMN fms.offer_forecast.agency IS 'implementing agency code';
COMMENT ON COLUMN fms.offer_forecast.aod_group IS 'AOD group, A to D';
COMMENT ON COLUMN fms.offer_forecast.status IS 'state of the document';
COMMENT ON COLUMN fms.offer_forecast.lor_complete_on IS 'Letter of Request complete; NULL while not';
COMMENT ON COLUMN fms.offer_forecast.aod_on IS 'Anticipated Offer Date';
COMMENT ON COLUMN fms.offer_forecast.comparable_documents IS 'comparable documents still unoffered after as many days as this one (all comparable documents while the LOR is incomplete)';
COMMENT ON COLUMN fms.offer_forecast.expected_offer_on IS 'expected offer date at the median of the comparable lead times; NULL without comparables or LOR complete';
COMMENT ON COLUMN fms.offer_forecast.expected_offer_p80_on IS 'offer date by which 80% of comparable documents were offered; NULL without comparables or LOR complete';
COMMENT ON COLUMN fms.offer_forecast.probability_by_aod IS 'share of the comparable documents offered within this one''s AOD period, 0 to 1; NULL without comparables or an AOD';
