/* src/sql/itar_126_1_exceptions.sql -- the country-specific exceptions of ITAR 126.1(d)(2) */

-- A destination in the (d)(2) table (group ITAR_126_1_EXCEPTIONS) is denied
-- unless one of these rows covers it, for the program, on the date.  Each
-- row is one exception over one period; a renewal (Cyprus's suspension is
-- renewed each fiscal year) is a new period of the same exception.  What
-- the exception lets through (an end user, a kind of article) is in
-- "covers": a sale under a covering exception still gets a review finding,
-- since whether it fits the exception is a judgement on the sale.
CREATE TABLE fms.itar_126_1_exceptions (
	exception_code pg_catalog.text NOT NULL
		CONSTRAINT exception_code_is_an_uppercase_name
		CHECK (exception_code OPERATOR(pg_catalog.~) '^[A-Z][A-Z0-9_]*$'),
	country_code pg_catalog.text NOT NULL REFERENCES fms.countries,
	programs pg_catalog.text[] NOT NULL
		CONSTRAINT programs_are_fms_or_dcs
		CHECK (pg_catalog.cardinality(programs) OPERATOR(pg_catalog.>) 0
		       AND programs OPERATOR(pg_catalog.<@) ARRAY['FMS', 'DCS']::pg_catalog.text[]),
	covers pg_catalog.text NOT NULL,
	valid_from pg_catalog.date NOT NULL,
	valid_to pg_catalog.date,
	source pg_catalog.text NOT NULL,
	origin pg_catalog.text NOT NULL DEFAULT 'added'
		CONSTRAINT origin_is_shipped_edited_or_added
		CHECK (origin OPERATOR(pg_catalog.=) ANY (ARRAY['shipped', 'edited', 'added'])),
	PRIMARY KEY (exception_code, valid_from),
	CONSTRAINT validity_is_not_empty CHECK (valid_to IS NULL OR valid_to OPERATOR(pg_catalog.>) valid_from),
	-- Checked at commit, as for the other effective-dated tables.
	CONSTRAINT itar_126_1_exceptions_periods_do_not_overlap EXCLUDE USING gist (
		exception_code WITH OPERATOR(pg_catalog.=),
		pg_catalog.daterange(valid_from, valid_to) WITH OPERATOR(pg_catalog.&&)) DEFERRABLE INITIALLY DEFERRED
);
SELECT pg_catalog.pg_extension_config_dump('fms.itar_126_1_exceptions', $$WHERE origin OPERATOR(pg_catalog.<>) 'shipped'$$);
CREATE INDEX itar_126_1_exceptions_country ON fms.itar_126_1_exceptions (country_code);
COMMENT ON TABLE fms.itar_126_1_exceptions IS 'country-specific exceptions of the ITAR 126.1(d)(2) table (and suspensions of a listing), each valid over [valid_from, valid_to); user edits survive pg_dump';
COMMENT ON COLUMN fms.itar_126_1_exceptions.exception_code IS 'name of the exception; a renewal keeps the code with a new period';
COMMENT ON COLUMN fms.itar_126_1_exceptions.country_code IS 'ISO 3166-1 code of the destination';
COMMENT ON COLUMN fms.itar_126_1_exceptions.programs IS 'the programs it can cover: FMS (sales to the government), DCS (licences and agreements)';
COMMENT ON COLUMN fms.itar_126_1_exceptions.covers IS 'what the exception lets through (end users, kinds of articles)';
COMMENT ON COLUMN fms.itar_126_1_exceptions.valid_from IS 'first day the exception applies';
COMMENT ON COLUMN fms.itar_126_1_exceptions.valid_to IS 'first day it no longer applies; NULL while current';
COMMENT ON COLUMN fms.itar_126_1_exceptions.source IS 'the rule or notice, and how certain the dates are';
COMMENT ON COLUMN fms.itar_126_1_exceptions.origin IS '''shipped'' (as seeded), ''edited'' (seeded, changed here) or ''added'' (entered here); maintained automatically';

-- Only exceptions a source shows are shipped.  Destinations of the table
-- without one here (Somalia, Sudan, the Democratic Republic of the Congo,
-- Zimbabwe, ...) are denied until an exception is recorded for them.
INSERT INTO fms.itar_126_1_exceptions (exception_code, country_code, programs, covers, valid_from, valid_to, source, origin) VALUES
	('IQ_GOVERNMENT', 'IQ', '{FMS,DCS}', 'lethal and non-lethal defense articles for the reconstituted Iraqi military and police forces (the Government of Iraq); small arms for private security', '2004-04-09', NULL,
	 '22 CFR 126.1(f), final rule effective 2004-04-09 (International Trade Today; FR page not seen). Date confirmed.', 'shipped'),
	('AF_GOVERNMENT', 'AF', '{FMS,DCS}', 'defense articles and services for the Government of Afghanistan', '2011-08-08', NULL,
	 '22 CFR 126.1(g) as amended by 76 FR 47990 (2011-08-08), which deleted the "Afghan Interim Authority" wording. The 2011 wording is confirmed; the exception is older (start approximate).', 'shipped'),
	('LB_GOVERNMENT', 'LB', '{FMS,DCS}', 'defense articles and services for the Government of Lebanon or UNIFIL', '2006-08-11', NULL,
	 'DDTC notice implementing UNSCR 1701 (2006-08-11). Confirmed.', 'shipped'),
	('HT_GOVERNMENT', 'HT', '{FMS,DCS}', 'security units of the Government of Haiti (its Coast Guard from 2012-02-29, 77 FR 12201), UN missions, protective gear', '2006-10-04', NULL,
	 '71 FR 58496 (2006-10-04). Confirmed.', 'shipped'),
	('LY_NON_LETHAL', 'LY', '{FMS,DCS}', 'case by case: non-lethal defense articles and non-lethal safety-of-use spare parts', '2007-02-07', '2011-05-24',
	 '72 FR 5614 (2007-02-07); revised after UNSCR 1970 (2011). Confirmed.', 'shipped'),
	('RU_SPACE', 'RU', '{DCS}', 'case by case: government space cooperation (and the 126.4(a)(2), (b)(2) exemptions)', '2021-03-18', NULL,
	 '86 FR 14802 (2021-03-18). Confirmed.', 'shipped'),
	('CF_MISSIONS', 'CF', '{DCS}', 'UN, African Union and French or EU missions; non-lethal humanitarian equipment; protective gear', '2014-04-17', NULL,
	 '22 CFR 126.1(u) (2014-04-17, 79 FR 21616 approximate citation); updated by 90 FR 29720 (2025-07-07). Date confirmed.', 'shipped'),
	('SS_MISSIONS', 'SS', '{DCS}', 'UN and African Union monitoring and peacekeeping missions; personal protective equipment', '2018-02-14', NULL,
	 '83 FR 6457 (2018-02-14). Confirmed.', 'shipped'),
	('KH_DEMINING', 'KH', '{FMS,DCS}', 'conventional weapons destruction and humanitarian demining', '2021-12-09', '2025-11-07',
	 '86 FR 70053 (2021-12-09); ended with Cambodia''s removal from 126.1, effective 2025-11-07. Confirmed.', 'shipped'),
	('NI_HUMANITARIAN', 'NI', '{FMS,DCS}', 'case by case: non-lethal equipment solely for humanitarian assistance, including disaster relief', '2024-03-15', NULL,
	 '22 CFR 126.1(p), 89 FR 18796 (2024-03-15). Confirmed.', 'shipped'),
	-- Cyprus: the policy of denial suspended one fiscal year at a time
	-- (NDAA FY2020 section 1250A(d)); the latest renewal seen ends 2026-09-30.
	('CY_SUSPENSION', 'CY', '{FMS,DCS}', 'policy of denial suspended for non-lethal defense articles and services (lethal items stay denied)', '2020-10-01', '2021-10-01',
	 '85 FR 60698 (2020-09-28), fiscal year 2021. Confirmed.', 'shipped'),
	('CY_SUSPENSION', 'CY', '{FMS,DCS}', 'policy of denial suspended for non-lethal defense articles and services (lethal items stay denied)', '2021-10-01', '2022-10-01',
	 '86 FR 54044 (2021-09-30), fiscal year 2022. Confirmed.', 'shipped'),
	('CY_SUSPENSION', 'CY', '{FMS,DCS}', 'policy of denial suspended for every USML item', '2022-10-01', '2023-10-01',
	 '87 FR 71250 (published 2022-11-22; State said effective 10-01), fiscal year 2023. Partial: the rule''s own effective date was not seen.', 'shipped'),
	('CY_SUSPENSION', 'CY', '{FMS,DCS}', 'policy of denial suspended for every USML item', '2023-10-01', '2024-10-01',
	 '88 FR 63016 (2023-09-14), fiscal year 2024. Confirmed.', 'shipped'),
	('CY_SUSPENSION', 'CY', '{FMS,DCS}', 'policy of denial suspended for every USML item', '2024-10-01', '2025-10-01',
	 'Renewed each year since 2020 (press); no Federal Register notice seen for fiscal year 2025. Approximate.', 'shipped'),
	('CY_SUSPENSION', 'CY', '{FMS,DCS}', 'policy of denial and proscribed status suspended for every USML item: exports, reexports, retransfers, temporary imports, brokering', '2025-10-01', '2026-10-01',
	 'Certified 2025-07-07 for fiscal year 2026 (FR page not seen). Dates confirmed. Record the next renewal as a new period.', 'shipped');
