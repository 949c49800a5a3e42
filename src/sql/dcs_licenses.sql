/* src/sql/dcs_licenses.sql -- Direct Commercial Sales licences and their clock */

CREATE TABLE fms.dcs_licenses (
	license_no pg_catalog.text PRIMARY KEY,
	form pg_catalog.text NOT NULL
		CONSTRAINT form_is_known
		CHECK (form OPERATOR(pg_catalog.=) ANY (ARRAY['DSP-5', 'DSP-61', 'DSP-73', 'DSP-85', 'TAA', 'MLA', 'WDA'])),
	applicant pg_catalog.text NOT NULL,
	country_code pg_catalog.text NOT NULL REFERENCES fms.countries,
	usml fms.usml[],
	value_usd pg_catalog.numeric NOT NULL DEFAULT 0
		CONSTRAINT value_is_not_negative CHECK (value_usd OPERATOR(pg_catalog.>=) 0),
	status pg_catalog.text NOT NULL DEFAULT 'submitted',
	status_since pg_catalog.date,
	status_log_id pg_catalog.int8 REFERENCES fms.transition_log DEFERRABLE INITIALLY DEFERRED,
	submitted_on pg_catalog.date,
	decided_on pg_catalog.date,
	nspd56_exception pg_catalog.text
		CONSTRAINT nspd56_exception_is_known
		CHECK (nspd56_exception OPERATOR(pg_catalog.=) ANY (ARRAY['congressional_notification', 'government_assurances',
		       'end_use_check', 'dod_review', 'waiver_required', 'policy_review'])),
	CONSTRAINT decided_after_submitted CHECK (decided_on OPERATOR(pg_catalog.>=) submitted_on)
);
SELECT pg_catalog.pg_extension_config_dump('fms.dcs_licenses', '');
COMMENT ON TABLE fms.dcs_licenses IS 'Direct Commercial Sales licence applications and agreements; status governed by workflow machine ''dcs_license''';
COMMENT ON COLUMN fms.dcs_licenses.license_no IS 'DDTC licence or agreement number';
COMMENT ON COLUMN fms.dcs_licenses.form IS 'DSP-5, DSP-61, DSP-73, DSP-85, TAA, MLA or WDA';
COMMENT ON COLUMN fms.dcs_licenses.applicant IS 'the applicant (exporter)';
COMMENT ON COLUMN fms.dcs_licenses.country_code IS 'ISO 3166-1 code of the destination';
COMMENT ON COLUMN fms.dcs_licenses.usml IS 'U.S. Munitions List entries';
COMMENT ON COLUMN fms.dcs_licenses.value_usd IS 'value, U.S. dollars';
COMMENT ON COLUMN fms.dcs_licenses.status IS 'submitted, in_review, approved, approved_with_provisos, denied or returned_without_action';
COMMENT ON COLUMN fms.dcs_licenses.status_since IS 'effective date the licence entered its status';
COMMENT ON COLUMN fms.dcs_licenses.status_log_id IS 'fms.transition_log entry of the latest status change, set by the workflow';
COMMENT ON COLUMN fms.dcs_licenses.submitted_on IS 'application received';
COMMENT ON COLUMN fms.dcs_licenses.decided_on IS 'approved, denied or returned';
COMMENT ON COLUMN fms.dcs_licenses.nspd56_exception IS 'NSPD-56 exception that stops the 60-day clock: congressional_notification, government_assurances, end_use_check, dod_review, waiver_required or policy_review';
-- As on the case tables (see cases.sql).
CREATE TRIGGER enforce_workflow BEFORE INSERT OR UPDATE OF status, status_log_id ON fms.dcs_licenses
	FOR EACH ROW EXECUTE FUNCTION fms.enforce_workflow('dcs_license');
CREATE TRIGGER verify_workflow_insert AFTER INSERT ON fms.dcs_licenses
	FOR EACH ROW EXECUTE FUNCTION fms.verify_workflow();
CREATE TRIGGER verify_workflow_update AFTER UPDATE ON fms.dcs_licenses
	FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.status_log_id IS DISTINCT FROM NEW.status_log_id
	                   OR OLD.status_since IS DISTINCT FROM NEW.status_since OR OLD.license_no OPERATOR(pg_catalog.<>) NEW.license_no)
	EXECUTE FUNCTION fms.verify_workflow();
ALTER TABLE fms.dcs_licenses ENABLE ALWAYS TRIGGER enforce_workflow;
ALTER TABLE fms.dcs_licenses ENABLE ALWAYS TRIGGER verify_workflow_insert;
ALTER TABLE fms.dcs_licenses ENABLE ALWAYS TRIGGER verify_workflow_update;

CREATE VIEW fms.dcs_license_clock AS
SELECT l.license_no, l.form, l.applicant, l.country_code, l.status, l.value_usd,
       l.submitted_on, l.decided_on,
       COALESCE(l.decided_on, CURRENT_DATE) OPERATOR(pg_catalog.-) l.submitted_on AS days_in_review,
       fms.policy_setting('nspd56_adjudication_days', l.submitted_on)::pg_catalog.int4 AS standard_days,
       l.nspd56_exception,
       (COALESCE(l.decided_on, CURRENT_DATE) OPERATOR(pg_catalog.-) l.submitted_on)
           OPERATOR(pg_catalog.>) fms.policy_setting('nspd56_adjudication_days', l.submitted_on)
           AND l.nspd56_exception IS NULL AS over_standard
  FROM fms.dcs_licenses AS l;
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
COMMENT ON COLUMN fms.dcs_license_clock.over_standard IS 'beyond the standard without an exception';
