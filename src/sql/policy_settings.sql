/* src/sql/policy_settings.sql -- numbers set by policy, with their validity */

-- Values that law or policy sets change over time, so each has a validity
-- period, half-open [valid_from, valid_to), and its source.
CREATE TABLE fms.policy_settings (
	setting pg_catalog.text NOT NULL,
	valid_from pg_catalog.date NOT NULL,
	valid_to pg_catalog.date,
	value pg_catalog.numeric NOT NULL
		CONSTRAINT value_is_finite
		CHECK (value OPERATOR(pg_catalog.>) '-Infinity' AND value OPERATOR(pg_catalog.<) 'Infinity'),
	unit pg_catalog.text NOT NULL,
	source pg_catalog.text NOT NULL,
	origin pg_catalog.text NOT NULL DEFAULT 'added'
		CONSTRAINT origin_is_shipped_edited_or_added
		CHECK (origin OPERATOR(pg_catalog.=) ANY (ARRAY['shipped', 'edited', 'added'])),
	PRIMARY KEY (setting, valid_from),
	CONSTRAINT validity_is_not_empty CHECK (valid_to IS NULL OR valid_to OPERATOR(pg_catalog.>) valid_from),
	-- Checked at commit, so that one period can be closed and the next
	-- opened in either order; a constraint, unlike a trigger, also sees
	-- what concurrent transactions insert.
	CONSTRAINT policy_settings_periods_do_not_overlap EXCLUDE USING gist (
		setting WITH OPERATOR(pg_catalog.=),
		pg_catalog.daterange(valid_from, valid_to) WITH OPERATOR(pg_catalog.&&)) DEFERRABLE INITIALLY DEFERRED
);
SELECT pg_catalog.pg_extension_config_dump('fms.policy_settings', $$WHERE origin OPERATOR(pg_catalog.<>) 'shipped'$$);
COMMENT ON TABLE fms.policy_settings IS 'numbers set by law or policy (e.g. the standard offer expiration period), each valid over [valid_from, valid_to); user edits survive pg_dump';
COMMENT ON COLUMN fms.policy_settings.setting IS 'name of the setting, e.g. ''standard_oed_days''';
COMMENT ON COLUMN fms.policy_settings.valid_from IS 'first day the value applies';
COMMENT ON COLUMN fms.policy_settings.valid_to IS 'first day it no longer applies; NULL while current';
COMMENT ON COLUMN fms.policy_settings.value IS 'the value';
COMMENT ON COLUMN fms.policy_settings.unit IS 'unit of the value, e.g. ''calendar days''';
COMMENT ON COLUMN fms.policy_settings.source IS 'where the value comes from and how certain it is';
COMMENT ON COLUMN fms.policy_settings.origin IS '''shipped'' (as seeded), ''edited'' (seeded, changed here) or ''added'' (entered here); maintained automatically';

-- The value in force on a date, as a table of at most one row (the periods
-- of a setting do not overlap).  Its body is parsed when it is created, so
-- it needs no pinned search_path, and the planner inlines it into a query
-- that joins it, where a call per row ran a query per row.
CREATE FUNCTION fms.policy_setting_in_force(setting pg_catalog.text, on_date pg_catalog.date)
	RETURNS TABLE (value pg_catalog.numeric)
	LANGUAGE sql STABLE PARALLEL SAFE ROWS 1
BEGIN ATOMIC
	SELECT s.value FROM fms.policy_settings AS s
	 WHERE s.setting OPERATOR(pg_catalog.=) $1
	   AND s.valid_from OPERATOR(pg_catalog.<=) $2
	   AND (s.valid_to IS NULL OR s.valid_to OPERATOR(pg_catalog.>) $2);
END;
COMMENT ON FUNCTION fms.policy_setting_in_force(pg_catalog.text, pg_catalog.date) IS 'value of a policy setting in force on a date, as a table of one row or none, for joins (inlined by the planner); STABLE because it reads fms.policy_settings';

-- PL/pgSQL, not SQL: the guards call it, and Citus cannot plan the
-- parameterized query of a SQL function over a reference table, where it
-- plans PL/pgSQL's.  Queries join the table form above instead.
CREATE FUNCTION fms.policy_setting(setting pg_catalog.text, on_date pg_catalog.date) RETURNS pg_catalog.numeric
	LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
	AS $$
BEGIN
	RETURN (SELECT p.value FROM fms.policy_setting_in_force(setting, on_date) AS p);
END
$$;
COMMENT ON FUNCTION fms.policy_setting(pg_catalog.text, pg_catalog.date) IS 'value of a policy setting on a date, or NULL if none applies; STABLE because it reads fms.policy_settings';

INSERT INTO fms.policy_settings (setting, valid_from, valid_to, value, unit, source, origin) VALUES
	('standard_oed_days', '2008-01-01', NULL, 85, 'calendar days after MILAP',
	 'DSCA LOA Standardization Guide section 4 (citing SAMM Figure C5.F6 para 5 and DSCA 08-30): standard OED is 85 days from the MILAP milestone. Confirmed; calendar days presumed (unconfirmed). Start date is the policy memo year, approximate.', 'shipped'),
	('bpc_oed_days', '2008-01-01', NULL, 30, 'calendar days after MILAP',
	 'DSCA LOA Standardization Guide section 4 and SAMM Table C15.T5: recommended OED for BPC cases is 30 days (25 administrative + 5 DSCA review). Confirmed; start date approximate.', 'shipped');
-- The NSPD-56 clock of DCS licences (fms.dcs_license_clock).
INSERT INTO fms.policy_settings (setting, valid_from, valid_to, value, unit, source, origin) VALUES
	('nspd56_adjudication_days', '2008-01-22', NULL, 60, 'calendar days from receipt',
	 'NSPD-56 (2008-01-22): DDTC adjudicates license applications within 60 days, except in six published national-security exceptions (73 FR 20357; 74 FR 63497). Confirmed; calendar days presumed.', 'shipped');
-- The validity of an approved DCS licence (fms.dcs_licenses.expires_on).
INSERT INTO fms.policy_settings (setting, valid_from, valid_to, value, unit, source, origin) VALUES
	('dcs_license_validity_months', '1984-11-01', '1993-07-22', 36, 'months from approval',
	 'Three years until the 1993 rewrite raised it (58 FR 39280, 1993-07-22). Confirmed; the start, the ITAR''s previous substantial revision (November 1984, named in that rule), is approximate.', 'shipped'),
	('dcs_license_validity_months', '1993-07-22', NULL, 48, 'months from approval',
	 '22 CFR 123.21(a): a license is valid for four years, since the rewrite of 58 FR 39280 (1993-07-22) raised it from three. Confirmed.', 'shipped');
-- Closure timers after supply complete (fms.guard_closure, fms.case_aging).
-- Before the dates below no timer is recorded, and closure is not timed.
INSERT INTO fms.policy_settings (setting, valid_from, valid_to, value, unit, source, origin) VALUES
	('closure_months_after_ssc', '2025-01-30', NULL, 12, 'months after supply complete',
	 'DSCA Policy 25-100 (E-Change 793, dated 2025-01-30): a case is closed 12 months after posting the SSC milestone. Confirmed. Earlier timers not recorded.', 'shipped'),
	('accp_closure_months', '2021-12-01', NULL, 24, 'months after supply complete',
	 'DSCA Policy 21-72: the ACCP timeline is 24 months (36 for training cases, which fms does not tell apart yet). Partial: the month counts are confirmed, the start point of the timeline and the memo''s day (2021, 12-01 a stand-in) are not.', 'shipped');
-- The AECA 36(a) report (fms.section_36a_report).
INSERT INTO fms.policy_settings (setting, valid_from, valid_to, value, unit, source, origin) VALUES
	('aeca_36a_mde_threshold_usd', '1976-06-30', NULL, 1000000, 'U.S. dollars of major defense equipment',
	 'AECA 36(a) (22 U.S.C. 2776(a)): the quarterly report lists letters of offer for major defense equipment of $1,000,000 or more. Confirmed; start date (the 1976 act) approximate.', 'shipped');
