/* src/sql/dcs_licenses.sql -- Direct Commercial Sales licences and their clock */

CREATE TABLE fms.dcs_licenses (
	license_no pg_catalog.text PRIMARY KEY,
	form pg_catalog.text NOT NULL
		CONSTRAINT form_is_known
		CHECK (form OPERATOR(pg_catalog.=) ANY (ARRAY['DSP-5', 'DSP-61', 'DSP-73', 'DSP-85', 'TAA', 'MLA', 'WDA'])),
	applicant pg_catalog.text NOT NULL,
	country_code pg_catalog.text NOT NULL REFERENCES fms.countries,
	usml fms.usml[]
		CONSTRAINT usml_is_a_list
		CHECK (pg_catalog.array_ndims(usml) OPERATOR(pg_catalog.=) 1 AND pg_catalog.array_position(usml, NULL) IS NULL),
	value_usd pg_catalog.numeric NOT NULL DEFAULT 0
		CONSTRAINT value_is_finite_not_negative
		CHECK (value_usd OPERATOR(pg_catalog.>=) 0 AND value_usd OPERATOR(pg_catalog.<) 'Infinity'),
	status pg_catalog.text NOT NULL DEFAULT 'submitted',
	status_since pg_catalog.date,
	status_log_id pg_catalog.int8,
	submitted_on pg_catalog.date,
	decided_on pg_catalog.date,
	nspd56_exception pg_catalog.text
		CONSTRAINT nspd56_exception_is_known
		CHECK (nspd56_exception OPERATOR(pg_catalog.=) ANY (ARRAY['congressional_notification', 'government_assurances',
		       'end_use_check', 'dod_review', 'waiver_required', 'policy_review'])),
	CONSTRAINT decided_after_submitted CHECK (decided_on OPERATOR(pg_catalog.>=) submitted_on),
	expires_on pg_catalog.date,
	CONSTRAINT expires_after_decided CHECK (expires_on OPERATOR(pg_catalog.>) decided_on),
	-- Checked at commit: fms.verify_workflow() writes the entry after the row.
	CONSTRAINT status_log_id_names_an_entry FOREIGN KEY (license_no, status_log_id)
		REFERENCES fms.row_transition_log (row_key, id) DEFERRABLE INITIALLY DEFERRED
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
COMMENT ON COLUMN fms.dcs_licenses.status_log_id IS 'fms.row_transition_log entry of the latest status change, set by the workflow';
COMMENT ON COLUMN fms.dcs_licenses.submitted_on IS 'application received';
COMMENT ON COLUMN fms.dcs_licenses.decided_on IS 'approved, denied or returned';
COMMENT ON COLUMN fms.dcs_licenses.expires_on IS 'first day the approved licence is no longer valid; a licence''s defaults to the decision plus the validity in fms.policy_settings, an agreement''s (TAA, MLA, WDA) is its own term, entered by hand';
COMMENT ON COLUMN fms.dcs_licenses.nspd56_exception IS 'NSPD-56 exception that stops the 60-day clock: congressional_notification, government_assurances, end_use_check, dod_review, waiver_required or policy_review';
-- As on the case tables (see cases.sql).
CREATE TRIGGER enforce_workflow BEFORE INSERT OR UPDATE OF status, status_log_id ON fms.dcs_licenses
	FOR EACH ROW EXECUTE FUNCTION fms.enforce_workflow('dcs_license');
-- A licence number names one application for good: the history of a
-- licence deleted stays in the log under its number, and a new licence
-- under that number would show it as its own, to the new applicant too.
CREATE TRIGGER verify_workflow_insert AFTER INSERT ON fms.dcs_licenses
	FOR EACH ROW EXECUTE FUNCTION fms.verify_workflow('status', 'keys_not_reused');
CREATE TRIGGER verify_workflow_update AFTER UPDATE ON fms.dcs_licenses
	FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.status_log_id IS DISTINCT FROM NEW.status_log_id
	                   OR OLD.status_since IS DISTINCT FROM NEW.status_since OR OLD.license_no OPERATOR(pg_catalog.<>) NEW.license_no)
	EXECUTE FUNCTION fms.verify_workflow();
ALTER TABLE fms.dcs_licenses ENABLE ALWAYS TRIGGER enforce_workflow;
ALTER TABLE fms.dcs_licenses ENABLE ALWAYS TRIGGER verify_workflow_insert;
ALTER TABLE fms.dcs_licenses ENABLE ALWAYS TRIGGER verify_workflow_update;

-- An approved licence is valid for the period in force on its decision
-- (22 CFR 123.21); agreements run for the term they state, entered by hand.
CREATE FUNCTION fms.fill_license_expiry() RETURNS trigger
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
	AS $$
BEGIN
	IF NEW.expires_on IS NULL AND NEW.decided_on IS NOT NULL
	   AND NEW.status IN ('approved', 'approved_with_provisos')
	   AND NEW.form IN ('DSP-5', 'DSP-61', 'DSP-73', 'DSP-85') THEN
		NEW.expires_on := NEW.decided_on
		                  + make_interval(months => fms.policy_setting('dcs_license_validity_months', NEW.decided_on)::int);
	END IF;
	RETURN NEW;
END
$$;
COMMENT ON FUNCTION fms.fill_license_expiry() IS 'trigger of fms.dcs_licenses: an approved licence''s expires_on defaults to its decision plus the validity in force then (fms.policy_settings dcs_license_validity_months)';
-- Named to fire after enforce_workflow, which stamps decided_on.
CREATE TRIGGER fill_license_expiry BEFORE INSERT OR UPDATE ON fms.dcs_licenses
	FOR EACH ROW EXECUTE FUNCTION fms.fill_license_expiry();
