/* src/sql/country_regions.sql -- the region and combatant command of each country, over time */

-- Two dimensions reports slice by: the State Department regional bureau
-- (AF, EAP, EUR, NEA, SCA, WHA) and the geographic combatant command of
-- the Unified Command Plan.  Both change (AFRICOM took most of Africa in
-- 2008, PACOM became INDOPACOM in 2018, Israel moved to CENTCOM in 2021),
-- so each assignment is a dated row with its source.
CREATE TABLE fms.country_regions (
	country_code pg_catalog.text NOT NULL REFERENCES fms.countries,
	dimension pg_catalog.text NOT NULL
		CONSTRAINT dimension_is_region_or_combatant_command
		CHECK (dimension OPERATOR(pg_catalog.=) ANY (ARRAY['region', 'combatant_command'])),
	value pg_catalog.text NOT NULL,
	valid_from pg_catalog.date NOT NULL,
	valid_to pg_catalog.date,
	source pg_catalog.text NOT NULL,
	origin pg_catalog.text NOT NULL DEFAULT 'added'
		CONSTRAINT origin_is_shipped_edited_or_added
		CHECK (origin OPERATOR(pg_catalog.=) ANY (ARRAY['shipped', 'edited', 'added'])),
	PRIMARY KEY (country_code, dimension, valid_from),
	CONSTRAINT validity_is_not_empty CHECK (valid_to IS NULL OR valid_to OPERATOR(pg_catalog.>) valid_from),
	-- Checked at commit, as for the other effective-dated tables.
	CONSTRAINT country_regions_periods_do_not_overlap EXCLUDE USING gist (
		country_code WITH OPERATOR(pg_catalog.=),
		dimension WITH OPERATOR(pg_catalog.=),
		pg_catalog.daterange(valid_from, valid_to) WITH OPERATOR(pg_catalog.&&)) DEFERRABLE INITIALLY DEFERRED
);
SELECT pg_catalog.pg_extension_config_dump('fms.country_regions', $$WHERE origin OPERATOR(pg_catalog.<>) 'shipped'$$);
COMMENT ON TABLE fms.country_regions IS 'the State Department region and the combatant command of each country, valid over [valid_from, valid_to); user edits survive pg_dump';
COMMENT ON COLUMN fms.country_regions.country_code IS 'ISO 3166-1 code';
COMMENT ON COLUMN fms.country_regions.dimension IS '''region'' (State Department regional bureau) or ''combatant_command''';
COMMENT ON COLUMN fms.country_regions.value IS 'the bureau (AF, EAP, EUR, NEA, SCA, WHA) or command (AFRICOM, CENTCOM, EUCOM, INDOPACOM, PACOM, NORTHCOM, SOUTHCOM)';
COMMENT ON COLUMN fms.country_regions.valid_from IS 'first day of the assignment';
COMMENT ON COLUMN fms.country_regions.valid_to IS 'first day no longer; NULL while current';
COMMENT ON COLUMN fms.country_regions.source IS 'where the assignment and its dates come from, and how certain they are';
COMMENT ON COLUMN fms.country_regions.origin IS '''shipped'' (as seeded), ''edited'' (seeded, changed here) or ''added'' (entered here); maintained automatically';

-- State Department regional bureaus, as published in 2025.  Recorded from
-- 2006-01-01, after the Central Asian states moved from EUR to SCA (a
-- stand-in start: earlier assignments are not recorded).
INSERT INTO fms.country_regions (country_code, dimension, value, valid_from, source, origin)
SELECT c, 'region', b.bureau, '2006-01-01',
       'U.S. Department of State regional bureau (state.gov country pages, 2025). Confirmed as current; the start is a stand-in.', 'shipped'
  FROM (VALUES
	('AF', ARRAY['AO', 'BJ', 'BW', 'BF', 'BI', 'CV', 'CM', 'CF', 'TD', 'KM', 'CD', 'CG', 'CI', 'DJ', 'GQ', 'ER', 'SZ', 'ET', 'GA', 'GM',
	             'GH', 'GN', 'GW', 'KE', 'LS', 'LR', 'MG', 'MW', 'ML', 'MR', 'MU', 'MZ', 'NA', 'NE', 'NG', 'RW', 'ST', 'SN', 'SC', 'SL',
	             'SO', 'ZA', 'SS', 'SD', 'TZ', 'TG', 'UG', 'ZM', 'ZW']),
	('EAP', ARRAY['AU', 'BN', 'KH', 'CN', 'FJ', 'ID', 'JP', 'KI', 'KP', 'KR', 'LA', 'MY', 'MH', 'FM', 'MN', 'MM', 'NR', 'NZ', 'PW', 'PG',
	              'PH', 'WS', 'SG', 'SB', 'TW', 'TH', 'TL', 'TO', 'TV', 'VU', 'VN', 'HK', 'MO']),
	('EUR', ARRAY['AL', 'AD', 'AM', 'AT', 'AZ', 'BY', 'BE', 'BA', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'GE', 'DE', 'GR', 'HU',
	              'IS', 'IE', 'IT', 'LV', 'LI', 'LT', 'LU', 'MT', 'MD', 'MC', 'ME', 'NL', 'MK', 'NO', 'PL', 'PT', 'RO', 'RU', 'SM', 'RS',
	              'SK', 'SI', 'ES', 'SE', 'CH', 'TR', 'UA', 'GB', 'VA']),
	('NEA', ARRAY['DZ', 'BH', 'EG', 'IR', 'IQ', 'IL', 'JO', 'KW', 'LB', 'LY', 'MA', 'OM', 'QA', 'SA', 'SY', 'TN', 'AE', 'YE', 'PS']),
	('SCA', ARRAY['AF', 'BD', 'BT', 'IN', 'KZ', 'KG', 'MV', 'NP', 'PK', 'LK', 'TJ', 'TM', 'UZ']),
	('WHA', ARRAY['AG', 'AR', 'BS', 'BB', 'BZ', 'BO', 'BR', 'CA', 'CL', 'CO', 'CR', 'CU', 'DM', 'DO', 'EC', 'SV', 'GD', 'GT', 'GY', 'HT',
	              'HN', 'JM', 'MX', 'NI', 'PA', 'PY', 'PE', 'KN', 'LC', 'VC', 'SR', 'TT', 'UY', 'VE'])) AS b(bureau, members),
       unnest(b.members) AS c;

-- Combatant commands under the Unified Command Plan, recorded from UCP
-- 2002 (2002-10-01, when NORTHCOM began; earlier assignments are not
-- recorded).
INSERT INTO fms.country_regions (country_code, dimension, value, valid_from, valid_to, source, origin)
SELECT c, 'combatant_command', a.command, a.valid_from::date, a.valid_to::date, a.source, 'shipped'
  FROM (VALUES
	('NORTHCOM', '2002-10-01', NULL, ARRAY['CA', 'MX', 'BS'],
	 'Unified Command Plan 2002: U.S. Northern Command, established 2002-10-01. Confirmed for Canada and Mexico; the Bahamas'' date is approximate.'),
	('SOUTHCOM', '2002-10-01', NULL,
	 ARRAY['AG', 'AR', 'BB', 'BZ', 'BO', 'BR', 'CL', 'CO', 'CR', 'CU', 'DM', 'DO', 'EC', 'SV', 'GD', 'GT', 'GY', 'HT', 'HN', 'JM',
	       'NI', 'PA', 'PY', 'PE', 'KN', 'LC', 'VC', 'SR', 'TT', 'UY', 'VE'],
	 'Unified Command Plan: U.S. Southern Command (Central and South America, the Caribbean). Confirmed as current; the start is the stand-in of UCP 2002.'),
	('EUCOM', '2002-10-01', NULL,
	 ARRAY['AL', 'AD', 'AM', 'AT', 'AZ', 'BY', 'BE', 'BA', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'GE', 'DE', 'GR', 'HU',
	       'IS', 'IE', 'IT', 'LV', 'LI', 'LT', 'LU', 'MT', 'MD', 'MC', 'ME', 'NL', 'MK', 'NO', 'PL', 'PT', 'RO', 'RU', 'SM', 'RS',
	       'SK', 'SI', 'ES', 'SE', 'CH', 'TR', 'UA', 'GB', 'VA'],
	 'Unified Command Plan: U.S. European Command. Confirmed as current; the start is the stand-in of UCP 2002.'),
	('EUCOM', '2002-10-01', '2021-09-01', ARRAY['IL'],
	 'Israel was in U.S. European Command until it moved to U.S. Central Command on 2021-09-01 (UCP change announced 2021-01-15). Confirmed.'),
	('CENTCOM', '2021-09-01', NULL, ARRAY['IL'],
	 'Israel moved to U.S. Central Command on 2021-09-01. Confirmed.'),
	('CENTCOM', '2002-10-01', NULL,
	 ARRAY['AF', 'BH', 'EG', 'IR', 'IQ', 'JO', 'KZ', 'KW', 'KG', 'LB', 'OM', 'PK', 'QA', 'SA', 'SY', 'TJ', 'TM', 'AE', 'UZ', 'YE'],
	 'Unified Command Plan: U.S. Central Command. Confirmed as current; the start is the stand-in of UCP 2002.'),
	('AFRICOM', '2008-10-01', NULL,
	 ARRAY['DZ', 'AO', 'BJ', 'BW', 'BF', 'BI', 'CV', 'CM', 'CF', 'TD', 'KM', 'CD', 'CG', 'CI', 'DJ', 'GQ', 'ER', 'SZ', 'ET', 'GA',
	       'GM', 'GH', 'GN', 'GW', 'KE', 'LS', 'LR', 'LY', 'MG', 'MW', 'ML', 'MR', 'MU', 'MA', 'MZ', 'NA', 'NE', 'NG', 'RW', 'ST',
	       'SN', 'SC', 'SL', 'SO', 'ZA', 'SS', 'SD', 'TZ', 'TG', 'TN', 'UG', 'ZM', 'ZW'],
	 'U.S. Africa Command, a unified command from 2008-10-01: every African country but Egypt. Confirmed.'),
	('EUCOM', '2002-10-01', '2008-10-01',
	 ARRAY['DZ', 'AO', 'BJ', 'BW', 'BF', 'BI', 'CV', 'CM', 'CF', 'TD', 'CD', 'CG', 'CI', 'GQ', 'GA', 'GM', 'GH', 'GN', 'GW', 'LS',
	       'LR', 'LY', 'MW', 'ML', 'MR', 'MA', 'MZ', 'NA', 'NE', 'NG', 'RW', 'ST', 'SN', 'SL', 'ZA', 'SZ', 'TZ', 'TG', 'TN', 'UG',
	       'ZM', 'ZW'],
	 'Before AFRICOM, most of Africa was in U.S. European Command. Approximate: the split among EUCOM, CENTCOM and PACOM is as commonly described.'),
	('CENTCOM', '2002-10-01', '2008-10-01', ARRAY['DJ', 'ER', 'ET', 'KE', 'SO', 'SD', 'SC'],
	 'Before AFRICOM, the Horn of Africa was in U.S. Central Command. Approximate.'),
	('PACOM', '2002-10-01', '2008-10-01', ARRAY['MG', 'KM', 'MU'],
	 'Before AFRICOM, Madagascar, the Comoros and Mauritius were in U.S. Pacific Command. Approximate.'),
	('PACOM', '2002-10-01', '2018-05-30',
	 ARRAY['AU', 'BD', 'BT', 'BN', 'KH', 'CN', 'FJ', 'IN', 'ID', 'JP', 'KI', 'KP', 'KR', 'LA', 'MY', 'MV', 'MH', 'FM', 'MN', 'MM',
	       'NR', 'NP', 'NZ', 'PW', 'PG', 'PH', 'WS', 'SG', 'SB', 'LK', 'TW', 'TH', 'TL', 'TO', 'TV', 'VU', 'VN', 'HK', 'MO'],
	 'U.S. Pacific Command, renamed U.S. Indo-Pacific Command on 2018-05-30. Confirmed; the start is the stand-in of UCP 2002.'),
	('INDOPACOM', '2018-05-30', NULL,
	 ARRAY['AU', 'BD', 'BT', 'BN', 'KH', 'CN', 'FJ', 'IN', 'ID', 'JP', 'KI', 'KP', 'KR', 'LA', 'MY', 'MV', 'MH', 'FM', 'MN', 'MM',
	       'NR', 'NP', 'NZ', 'PW', 'PG', 'PH', 'WS', 'SG', 'SB', 'LK', 'TW', 'TH', 'TL', 'TO', 'TV', 'VU', 'VN', 'HK', 'MO'],
	 'U.S. Indo-Pacific Command (renamed from PACOM on 2018-05-30). Confirmed.')) AS a(command, valid_from, valid_to, members, source),
       unnest(a.members) AS c;

-- A country's region or command on a date.
CREATE FUNCTION fms.country_dimension(country_code pg_catalog.text, dimension pg_catalog.text, on_date pg_catalog.date)
	RETURNS pg_catalog.text
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
	AS $$
	SELECT r.value FROM fms.country_regions AS r
	 WHERE r.country_code OPERATOR(pg_catalog.=) $1 AND r.dimension OPERATOR(pg_catalog.=) $2
	   AND r.valid_from OPERATOR(pg_catalog.<=) $3 AND (r.valid_to IS NULL OR r.valid_to OPERATOR(pg_catalog.>) $3)
	$$;
COMMENT ON FUNCTION fms.country_dimension(pg_catalog.text, pg_catalog.text, pg_catalog.date) IS 'a country''s State Department region (dimension ''region'') or combatant command (''combatant_command'') on a date, or NULL if none is recorded';

-- Each customer as the reports see it on their day (fms.today()): the
-- country its sales are judged by, and that country's region and command.
-- The reports read it as a MATERIALIZED CTE, so that the lookups run once
-- per customer rather than once per row joined to it.
CREATE VIEW fms.customer_dimension AS
SELECT cu.customer_code, d.country_code,
       fms.country_dimension(d.country_code, 'region', fms.today()) AS region,
       fms.country_dimension(d.country_code, 'combatant_command', fms.today()) AS combatant_command
  FROM fms.customers AS cu
 CROSS JOIN LATERAL (SELECT fms.destination_country(cu.customer_code, fms.today()) AS country_code) AS d;
COMMENT ON VIEW fms.customer_dimension IS 'every customer on the reports'' day (fms.today()): the country its sales are judged by (fms.destination_country) and that country''s State Department region and combatant command';
COMMENT ON COLUMN fms.customer_dimension.customer_code IS 'customer code';
COMMENT ON COLUMN fms.customer_dimension.country_code IS 'the country the customer''s sales are judged by: its own, or an organization''s most restricted member; NULL if none is known';
COMMENT ON COLUMN fms.customer_dimension.region IS 'State Department region of that country';
COMMENT ON COLUMN fms.customer_dimension.combatant_command IS 'combatant command of that country';
