/* src/sql/lead_times.sql -- lead-time targets, the date dimension and lead-time views */

CREATE TABLE fms.lead_time_targets (
	aod_group pg_catalog.text NOT NULL
		CONSTRAINT aod_group_is_a_to_d_or_any
		CHECK (aod_group OPERATOR(pg_catalog.=) ANY (ARRAY['A', 'B', 'C', 'D', 'any'])),
	document_kind pg_catalog.text NOT NULL
		CONSTRAINT document_kind_is_known
		CHECK (document_kind OPERATOR(pg_catalog.=) ANY (ARRAY['loa', 'amendment', 'modification', 'lor_validation', 'lor_to_offer'])),
	target_days pg_catalog.int4 NOT NULL
		CONSTRAINT target_days_is_positive CHECK (target_days OPERATOR(pg_catalog.>) 0),
	goal_pct pg_catalog.numeric
		CONSTRAINT goal_pct_is_a_percentage CHECK (goal_pct OPERATOR(pg_catalog.>) 0 AND goal_pct OPERATOR(pg_catalog.<=) 100),
	valid_from pg_catalog.date NOT NULL,
	valid_to pg_catalog.date,
	source pg_catalog.text NOT NULL,
	origin pg_catalog.text NOT NULL DEFAULT 'added'
		CONSTRAINT origin_is_shipped_edited_or_added
		CHECK (origin OPERATOR(pg_catalog.=) ANY (ARRAY['shipped', 'edited', 'added'])),
	PRIMARY KEY (aod_group, document_kind, valid_from),
	CONSTRAINT validity_is_not_empty CHECK (valid_to IS NULL OR valid_to OPERATOR(pg_catalog.>) valid_from),
	-- Checked at commit, so that one period can be closed and the next
	-- opened in either order; a constraint, unlike a trigger, also sees
	-- what concurrent transactions insert.
	CONSTRAINT lead_time_targets_periods_do_not_overlap EXCLUDE USING gist (
		aod_group WITH OPERATOR(pg_catalog.=),
		document_kind WITH OPERATOR(pg_catalog.=),
		pg_catalog.daterange(valid_from, valid_to) WITH OPERATOR(pg_catalog.&&)) DEFERRABLE INITIALLY DEFERRED
);
SELECT pg_catalog.pg_extension_config_dump('fms.lead_time_targets', $$WHERE origin OPERATOR(pg_catalog.<>) 'shipped'$$);
COMMENT ON TABLE fms.lead_time_targets IS 'lead-time targets by AOD group and document kind, valid over [valid_from, valid_to); user edits survive pg_dump';
COMMENT ON COLUMN fms.lead_time_targets.aod_group IS 'Anticipated Offer Date group A to D, or ''any'' for metrics of every document';
COMMENT ON COLUMN fms.lead_time_targets.document_kind IS '''loa'', ''amendment'', ''modification'' (AOD targets), ''lor_validation'' or ''lor_to_offer'' (other metrics)';
COMMENT ON COLUMN fms.lead_time_targets.target_days IS 'target in calendar days: from LOR complete to offer (modifications: to implementation), or as the metric says';
COMMENT ON COLUMN fms.lead_time_targets.goal_pct IS 'share of documents that should meet the target, in percent';
COMMENT ON COLUMN fms.lead_time_targets.valid_from IS 'first day the target applies (by LOR-complete date)';
COMMENT ON COLUMN fms.lead_time_targets.valid_to IS 'first day it no longer applies; NULL while current';
COMMENT ON COLUMN fms.lead_time_targets.source IS 'where the target comes from and how certain it is';
COMMENT ON COLUMN fms.lead_time_targets.origin IS '''shipped'' (as seeded), ''edited'' (seeded, changed here) or ''added'' (entered here); maintained automatically';

INSERT INTO fms.lead_time_targets (aod_group, document_kind, target_days, goal_pct, valid_from, valid_to, source, origin)
SELECT g.aod_group, k.kind, g.target_days, 85, '2011-01-01', NULL, g.source || ' ' ||
       'Goal: 85% offered on or before the AOD (DSCA Policy 11-46, 2011); the current goal after DSCA 15-14 and 21-66 (80% or 85%) is unconfirmed. Start date approximate.', 'shipped'
  FROM (VALUES ('A', 45, 'AOD Group A, 45 days: the commonly quoted figure, not seen in any source. Unconfirmed.'),
               ('B', 100, 'AOD Group B, 100 days: the commonly quoted figure, not seen in any source. Unconfirmed.'),
               ('C', 150, 'AOD Group C, 150 days for purchaser-unique Defined Order LOAs and their amendments: seen only in copies of the DSCA Foreign Customer Guide. Partial.'))
       AS g(aod_group, target_days, source),
       unnest(ARRAY['loa', 'amendment', 'modification']) AS k(kind);
INSERT INTO fms.lead_time_targets (aod_group, document_kind, target_days, goal_pct, valid_from, valid_to, source, origin) VALUES
	('any', 'lor_validation', 5, NULL, '2016-01-01', NULL,
	 'DSCA Policy 16-11: the IA validates the LOR within 5 days of receipt. Confirmed; superseded by DSCA 21-66, whose text was not seen. Start date approximate.', 'shipped'),
	('any', 'lor_to_offer', 120, 80, '2001-01-01', NULL,
	 'DSCA Policy 01-06: 80% of initial LOAs and amendments transmitted within 120 days of LOR receipt; kept by DSCA 07-26, since replaced by the AOD metric. Confirmed; kept for comparison. Start date approximate.', 'shipped');


-- The target in force on a date, as a table of at most one row (the
-- periods of a group and kind do not overlap).  Its body is parsed when it
-- is created, so it needs no pinned search_path, and the planner inlines
-- it: a view that joins it finds each row's target by hash, where a call
-- per row ran a query per row (7 microseconds each).
CREATE FUNCTION fms.lead_time_target_in_force(aod_group pg_catalog.text, document_kind pg_catalog.text, on_date pg_catalog.date)
	RETURNS TABLE (target_days pg_catalog.int4)
	LANGUAGE sql STABLE PARALLEL SAFE ROWS 1
BEGIN ATOMIC
	SELECT t.target_days FROM fms.lead_time_targets AS t
	 WHERE t.aod_group OPERATOR(pg_catalog.=) $1 AND t.document_kind OPERATOR(pg_catalog.=) $2
	   AND t.valid_from OPERATOR(pg_catalog.<=) $3
	   AND (t.valid_to IS NULL OR t.valid_to OPERATOR(pg_catalog.>) $3);
END;
COMMENT ON FUNCTION fms.lead_time_target_in_force(pg_catalog.text, pg_catalog.text, pg_catalog.date) IS 'the target days of an AOD group and document kind in force on a date, as a table of one row or none, for joins (inlined by the planner); STABLE because it reads fms.lead_time_targets';

-- PL/pgSQL, not SQL: the guards call it, and Citus cannot plan the
-- parameterized query of a SQL function over a reference table, where it
-- plans PL/pgSQL's.  Queries join the table form above instead.
CREATE FUNCTION fms.lead_time_target(aod_group pg_catalog.text, document_kind pg_catalog.text, on_date pg_catalog.date)
	RETURNS pg_catalog.int4
	LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
	AS $$
BEGIN
	RETURN (SELECT t.target_days FROM fms.lead_time_target_in_force(aod_group, document_kind, on_date) AS t);
END
$$;
COMMENT ON FUNCTION fms.lead_time_target(pg_catalog.text, pg_catalog.text, pg_catalog.date) IS 'target days of an AOD group and document kind in force on a date, or NULL; STABLE because it reads fms.lead_time_targets';

-- The date dimension for BI tools: one row per day of a span.  The span is
-- checked before any row is made: an unbounded one would never end.
CREATE FUNCTION fms.date_dimension_rows(from_date pg_catalog.date, to_date pg_catalog.date)
	RETURNS TABLE (day pg_catalog.date, fiscal_year pg_catalog.int4, fiscal_quarter pg_catalog.text,
	               calendar_year pg_catalog.int4, calendar_month pg_catalog.int4, month_name pg_catalog.text,
	               iso_weekday pg_catalog.int4, is_business_day pg_catalog.bool, holiday_or_closure pg_catalog.text,
	               business_day_index pg_catalog.int4)
	LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE ROWS 3653
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	-- The span as the message shows it, whatever DateStyle is.
	span text[] := ARRAY(SELECT CASE WHEN isfinite(d) THEN to_char(d, 'YYYY-MM-DD') ELSE d::text END
	                       FROM unnest(ARRAY[from_date, to_date]) AS d);
BEGIN
	IF NOT (from_date BETWEEN '1900-01-01' AND '2200-12-31' AND to_date BETWEEN '1900-01-01' AND '2200-12-31') THEN
		RAISE EXCEPTION 'date % is outside the federal business calendar',
			CASE WHEN from_date BETWEEN '1900-01-01' AND '2200-12-31' THEN span[2] ELSE span[1] END
			USING ERRCODE = 'datetime_field_overflow',
				  DETAIL = format('fms.date_dimension_rows(%s, %s) must span days from 1900-01-01 to 2200-12-31.', span[1], span[2]),
				  HINT = 'Give a finite span within the calendar, e.g. one fiscal year.';
	END IF;
	RETURN QUERY
	SELECT d.day,
	       fms.fiscal_year(d.day),
	       fms.fiscal_quarter(d.day),
	       pg_catalog.date_part('year', d.day)::pg_catalog.int4,
	       pg_catalog.date_part('month', d.day)::pg_catalog.int4,
	       pg_catalog.to_char(d.day, 'FMMonth'),
	       pg_catalog.date_part('isodow', d.day)::pg_catalog.int4,
	       fms.is_business_day(d.day),
	       (SELECT pg_catalog.string_agg(n.name, '; ' ORDER BY n.name)
	          FROM (SELECT h.name FROM fms.federal_holidays(pg_catalog.date_part('year', d.day)::pg_catalog.int4,
	                                                        LEAST(pg_catalog.date_part('year', d.day)::pg_catalog.int4 OPERATOR(pg_catalog.+) 1, 2200)) AS h
	                 WHERE h.observed_on OPERATOR(pg_catalog.=) d.day
	                UNION ALL
	                SELECT c.reason FROM fms.calendar_closures AS c WHERE c.closed_on OPERATOR(pg_catalog.=) d.day) AS n),
	       fms.business_days_between('1900-01-01'::pg_catalog.date, d.day)
	  FROM pg_catalog.generate_series(from_date::pg_catalog.timestamp, to_date::pg_catalog.timestamp, '1 day'::pg_catalog.interval) AS g(ts)
	 CROSS JOIN LATERAL (SELECT g.ts::pg_catalog.date AS day) AS d;
END
$$;
COMMENT ON FUNCTION fms.date_dimension_rows(pg_catalog.date, pg_catalog.date) IS 'the date dimension over any span: fiscal year and quarter, month, business day, holiday or closure, business-day index';

-- Default span: the data's, and at least the current and previous ten fiscal years.
CREATE VIEW fms.date_dimension AS
SELECT r.*
  FROM (SELECT LEAST(
	               pg_catalog.make_date(fms.fiscal_year(fms.today()) OPERATOR(pg_catalog.-) 11, 10, 1),
	               (SELECT pg_catalog.min(c.lor_received_on) FROM fms.cases AS c)) AS first_day,
	           GREATEST(
	               pg_catalog.make_date(fms.fiscal_year(fms.today()), 9, 30),
	               (SELECT pg_catalog.max(GREATEST(c.closed_on, c.supply_complete_on, c.implemented_on, c.oed_on, c.aod_on))
	                  FROM fms.cases AS c)) AS last_day) AS span,
       LATERAL fms.date_dimension_rows(span.first_day, span.last_day) AS r;
COMMENT ON VIEW fms.date_dimension IS 'date dimension for BI tools, one row per day from the first LOR on record (or 11 fiscal years ago) to the last date on record (or the end of this fiscal year)';
COMMENT ON COLUMN fms.date_dimension.day IS 'the date';
COMMENT ON COLUMN fms.date_dimension.fiscal_year IS 'U.S. federal fiscal year';
COMMENT ON COLUMN fms.date_dimension.fiscal_quarter IS 'fiscal quarter, e.g. FY2026 Q1';
COMMENT ON COLUMN fms.date_dimension.calendar_year IS 'calendar year';
COMMENT ON COLUMN fms.date_dimension.calendar_month IS 'calendar month, 1-12';
COMMENT ON COLUMN fms.date_dimension.month_name IS 'English month name';
COMMENT ON COLUMN fms.date_dimension.iso_weekday IS 'ISO weekday, 1 = Monday ... 7 = Sunday';
COMMENT ON COLUMN fms.date_dimension.is_business_day IS 'a weekday that is not an observed federal holiday or a closure';
COMMENT ON COLUMN fms.date_dimension.holiday_or_closure IS 'name of the holiday observed, or reason of the closure, that day';
COMMENT ON COLUMN fms.date_dimension.business_day_index IS 'business days since 1900-01-01: subtract two to count business days between them';

-- Lead times of every document: basic LOAs, amendments, modifications.
-- A document is measured from LOR complete to its offer (DOCMNTSENT), a
-- modification to its implementation (archived eSAMM C5.4.2).
CREATE VIEW fms.document_lead_times AS
WITH measured AS (
	SELECT d.case_id, d.change_no, d.kind, d.customer_code, d.agency_code, d.aod_group,
	       d.lor_received_on, d.lor_complete_on, d.aod_on, d.offered_on, d.accepted_on, d.implemented_on,
	       CASE WHEN d.kind OPERATOR(pg_catalog.=) 'modification' THEN d.implemented_on ELSE d.offered_on END AS measured_on,
	       t.target_days
	  FROM fms.documents AS d
	  LEFT JOIN LATERAL fms.lead_time_target_in_force(d.aod_group, d.kind, d.lor_complete_on) AS t ON true
)
SELECT fms.text(m.case_id) AS case_id,
       m.change_no,
       m.kind,
       m.customer_code AS customer,
       m.agency_code AS agency,
       m.aod_group,
       m.lor_received_on, m.lor_complete_on, m.aod_on, m.offered_on, m.accepted_on, m.implemented_on,
       m.lor_complete_on OPERATOR(pg_catalog.-) m.lor_received_on AS lor_to_complete_days,
       fms.business_days_between(m.lor_received_on, m.lor_complete_on) AS lor_to_complete_business_days,
       m.measured_on OPERATOR(pg_catalog.-) m.lor_complete_on AS complete_to_offer_days,
       fms.business_days_between(m.lor_complete_on, m.measured_on) AS complete_to_offer_business_days,
       m.accepted_on OPERATOR(pg_catalog.-) m.offered_on AS offer_to_accept_days,
       fms.business_days_between(m.offered_on, m.accepted_on) AS offer_to_accept_business_days,
       m.implemented_on OPERATOR(pg_catalog.-) m.accepted_on AS accept_to_implement_days,
       fms.business_days_between(m.accepted_on, m.implemented_on) AS accept_to_implement_business_days,
       m.target_days,
       m.measured_on OPERATOR(pg_catalog.<=) m.aod_on AS offered_by_aod,
       GREATEST(m.measured_on OPERATOR(pg_catalog.-) m.aod_on, 0) AS days_late,
       fms.fiscal_year(m.measured_on) AS offer_fiscal_year,
       fms.fiscal_quarter(m.measured_on) AS offer_fiscal_quarter
  FROM measured AS m;
COMMENT ON VIEW fms.document_lead_times IS 'lead times of every basic LOA, amendment and modification, in calendar and business days, against its AOD; plain column types for BI tools';
COMMENT ON COLUMN fms.document_lead_times.case_id IS 'case identifier as text, e.g. JA-D-QAB';
COMMENT ON COLUMN fms.document_lead_times.change_no IS 'A1, M1, ... for amendments and modifications; NULL for the basic LOA';
COMMENT ON COLUMN fms.document_lead_times.kind IS 'loa, amendment or modification';
COMMENT ON COLUMN fms.document_lead_times.customer IS 'Security Cooperation customer code';
COMMENT ON COLUMN fms.document_lead_times.agency IS 'implementing agency code';
COMMENT ON COLUMN fms.document_lead_times.aod_group IS 'AOD group, A to D';
COMMENT ON COLUMN fms.document_lead_times.lor_received_on IS 'Letter of Request received';
COMMENT ON COLUMN fms.document_lead_times.lor_complete_on IS 'Letter of Request complete';
COMMENT ON COLUMN fms.document_lead_times.aod_on IS 'Anticipated Offer Date (default: LOR complete plus the AOD target)';
COMMENT ON COLUMN fms.document_lead_times.offered_on IS 'offered to the purchaser';
COMMENT ON COLUMN fms.document_lead_times.accepted_on IS 'accepted by the purchaser';
COMMENT ON COLUMN fms.document_lead_times.implemented_on IS 'implemented';
COMMENT ON COLUMN fms.document_lead_times.lor_to_complete_days IS 'calendar days from LOR received to LOR complete';
COMMENT ON COLUMN fms.document_lead_times.lor_to_complete_business_days IS 'business days from LOR received to LOR complete';
COMMENT ON COLUMN fms.document_lead_times.complete_to_offer_days IS 'calendar days from LOR complete to offer (modifications: to implementation)';
COMMENT ON COLUMN fms.document_lead_times.complete_to_offer_business_days IS 'business days from LOR complete to offer (modifications: to implementation)';
COMMENT ON COLUMN fms.document_lead_times.offer_to_accept_days IS 'calendar days from offer to acceptance';
COMMENT ON COLUMN fms.document_lead_times.offer_to_accept_business_days IS 'business days from offer to acceptance';
COMMENT ON COLUMN fms.document_lead_times.accept_to_implement_days IS 'calendar days from acceptance to implementation';
COMMENT ON COLUMN fms.document_lead_times.accept_to_implement_business_days IS 'business days from acceptance to implementation';
COMMENT ON COLUMN fms.document_lead_times.target_days IS 'AOD target of the group and kind in force at LOR complete (fms.lead_time_targets)';
COMMENT ON COLUMN fms.document_lead_times.offered_by_aod IS 'offered (modifications: implemented) on or before the AOD';
COMMENT ON COLUMN fms.document_lead_times.days_late IS 'calendar days after the AOD, 0 if on time';
COMMENT ON COLUMN fms.document_lead_times.offer_fiscal_year IS 'fiscal year of the offer (modifications: implementation)';
COMMENT ON COLUMN fms.document_lead_times.offer_fiscal_quarter IS 'fiscal quarter of the offer (modifications: implementation)';

CREATE VIEW fms.lead_time_summary AS
SELECT l.offer_fiscal_year AS fiscal_year,
       l.offer_fiscal_quarter AS fiscal_quarter,
       l.agency,
       l.aod_group,
       pg_catalog.count(*)::pg_catalog.int4 AS documents_offered,
       pg_catalog.percentile_cont(0.5) WITHIN GROUP (ORDER BY l.complete_to_offer_days)::pg_catalog.numeric AS median_days,
       pg_catalog.percentile_cont(0.8) WITHIN GROUP (ORDER BY l.complete_to_offer_days)::pg_catalog.numeric AS p80_days,
       pg_catalog.round(100 OPERATOR(pg_catalog.*) pg_catalog.avg(CASE WHEN l.offered_by_aod THEN 1 ELSE 0 END), 1) AS pct_offered_by_aod,
       pg_catalog.max(t.goal_pct) AS goal_pct,
       pg_catalog.round(100 OPERATOR(pg_catalog.*) pg_catalog.avg(CASE WHEN l.offered_by_aod THEN 1 ELSE 0 END), 1)
           OPERATOR(pg_catalog.>=) pg_catalog.max(t.goal_pct) AS goal_met
  FROM fms.document_lead_times AS l
  LEFT JOIN fms.lead_time_targets AS t
    ON t.aod_group OPERATOR(pg_catalog.=) l.aod_group AND t.document_kind OPERATOR(pg_catalog.=) l.kind
   AND t.valid_from OPERATOR(pg_catalog.<=) l.lor_complete_on
   AND (t.valid_to IS NULL OR t.valid_to OPERATOR(pg_catalog.>) l.lor_complete_on)
 WHERE l.offer_fiscal_year IS NOT NULL
 GROUP BY 1, 2, 3, 4;
COMMENT ON VIEW fms.lead_time_summary IS 'by fiscal year, quarter, agency and AOD group: documents offered, median and 80th-percentile days from LOR complete, share offered by the AOD against the goal';
COMMENT ON COLUMN fms.lead_time_summary.fiscal_year IS 'fiscal year of the offer';
COMMENT ON COLUMN fms.lead_time_summary.fiscal_quarter IS 'fiscal quarter of the offer';
COMMENT ON COLUMN fms.lead_time_summary.agency IS 'implementing agency code';
COMMENT ON COLUMN fms.lead_time_summary.aod_group IS 'AOD group, A to D (NULL if not set)';
COMMENT ON COLUMN fms.lead_time_summary.documents_offered IS 'documents offered (modifications: implemented) in the quarter';
COMMENT ON COLUMN fms.lead_time_summary.median_days IS 'median calendar days from LOR complete to offer';
COMMENT ON COLUMN fms.lead_time_summary.p80_days IS '80th percentile of calendar days from LOR complete to offer';
COMMENT ON COLUMN fms.lead_time_summary.pct_offered_by_aod IS 'percent offered on or before the AOD';
COMMENT ON COLUMN fms.lead_time_summary.goal_pct IS 'goal in percent (fms.lead_time_targets)';
COMMENT ON COLUMN fms.lead_time_summary.goal_met IS 'the share offered by the AOD reached the goal';
