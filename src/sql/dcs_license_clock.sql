/* src/sql/dcs_license_clock.sql -- DCS licences against the NSPD-56 adjudication standard */

CREATE VIEW fms.dcs_license_clock AS
-- The standard in force on each day of receipt, looked up once a day.
WITH standard AS MATERIALIZED (
	SELECT d.submitted_on, p.value::pg_catalog.int4 AS standard_days
	  FROM (SELECT DISTINCT x.submitted_on FROM fms.dcs_licenses AS x) AS d
	  LEFT JOIN LATERAL fms.policy_setting_in_force('nspd56_adjudication_days', d.submitted_on) AS p ON true
)
SELECT l.license_no, l.form, l.applicant, l.country_code, l.status, l.value_usd,
       l.submitted_on, l.decided_on,
       COALESCE(l.decided_on, fms.today()) OPERATOR(pg_catalog.-) l.submitted_on AS days_in_review,
       s.standard_days,
       l.nspd56_exception,
       (COALESCE(l.decided_on, fms.today()) OPERATOR(pg_catalog.-) l.submitted_on) OPERATOR(pg_catalog.>) s.standard_days
           AND l.nspd56_exception IS NULL AND h.license_no IS NULL AS over_standard,
       h.license_no IS NOT NULL AS held_for_congress
  FROM fms.dcs_licenses AS l
  LEFT JOIN standard AS s ON s.submitted_on OPERATOR(pg_catalog.=) l.submitted_on
 -- A licence notified to Congress is held for its review: the first of
 -- NSPD-56's exceptions, whether or not nspd56_exception says so.
  LEFT JOIN (SELECT DISTINCT n.license_no FROM fms.congressional_notifications AS n
              WHERE n.license_no IS NOT NULL AND n.status OPERATOR(pg_catalog.<>) 'withdrawn') AS h
    ON h.license_no OPERATOR(pg_catalog.=) l.license_no;
COMMENT ON VIEW fms.dcs_license_clock IS 'each DCS licence against the NSPD-56 60-day adjudication standard and its exceptions';
COMMENT ON COLUMN fms.dcs_license_clock.license_no IS 'licence number';
COMMENT ON COLUMN fms.dcs_license_clock.form IS 'application form';
COMMENT ON COLUMN fms.dcs_license_clock.applicant IS 'applicant';
COMMENT ON COLUMN fms.dcs_license_clock.country_code IS 'destination';
COMMENT ON COLUMN fms.dcs_license_clock.status IS 'status';
COMMENT ON COLUMN fms.dcs_license_clock.value_usd IS 'value, U.S. dollars';
COMMENT ON COLUMN fms.dcs_license_clock.submitted_on IS 'received';
COMMENT ON COLUMN fms.dcs_license_clock.decided_on IS 'decided';
COMMENT ON COLUMN fms.dcs_license_clock.days_in_review IS 'calendar days from receipt to decision, or to today while open';
COMMENT ON COLUMN fms.dcs_license_clock.standard_days IS 'the NSPD-56 standard in force at receipt (fms.policy_settings)';
COMMENT ON COLUMN fms.dcs_license_clock.nspd56_exception IS 'NSPD-56 exception that stops the clock, if any';
COMMENT ON COLUMN fms.dcs_license_clock.over_standard IS 'beyond the standard without an exception (a licence held for congressional review has one)';
COMMENT ON COLUMN fms.dcs_license_clock.held_for_congress IS 'a congressional notification (36(c) or 36(d)) is recorded for the licence: NSPD-56 exception (1), which stops the clock';
