/* src/sql/reference_tables.sql -- countries, implementing agencies, customers */

-- Seeded tables carry "origin": 'shipped' rows come from this script,
-- 'edited' ones are shipped rows a user changed, 'added' ones are the
-- user's own.  Only edited and added rows are dumped; see
-- reference_rows.sql for how a restore puts them back over the seed.

CREATE TABLE fms.countries (
	country_code pg_catalog.text PRIMARY KEY
		CONSTRAINT country_code_is_2_uppercase_letters
		CHECK (country_code OPERATOR(pg_catalog.~) '^[A-Z]{2}$'),
	alpha3 pg_catalog.text NOT NULL UNIQUE
		CONSTRAINT alpha3_is_3_uppercase_letters
		CHECK (alpha3 OPERATOR(pg_catalog.~) '^[A-Z]{3}$'),
	name pg_catalog.text NOT NULL,
	origin pg_catalog.text NOT NULL DEFAULT 'added'
		CONSTRAINT origin_is_shipped_edited_or_added
		CHECK (origin OPERATOR(pg_catalog.=) ANY (ARRAY['shipped', 'edited', 'added']))
);
SELECT pg_catalog.pg_extension_config_dump('fms.countries', $$WHERE origin OPERATOR(pg_catalog.<>) 'shipped'$$);
COMMENT ON TABLE fms.countries IS 'ISO 3166-1 countries, seeded from the iso-codes list; user edits and additions survive pg_dump';
COMMENT ON COLUMN fms.countries.country_code IS 'ISO 3166-1 alpha-2 code, e.g. ''JP''';
COMMENT ON COLUMN fms.countries.alpha3 IS 'ISO 3166-1 alpha-3 code, e.g. ''JPN''';
COMMENT ON COLUMN fms.countries.name IS 'English short name';
COMMENT ON COLUMN fms.countries.origin IS '''shipped'' (as seeded), ''edited'' (seeded, changed here) or ''added'' (entered here); maintained automatically';

-- The notification evaluator caches the country codes.
CREATE TRIGGER invalidate_cache AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON fms.countries
	FOR EACH STATEMENT EXECUTE FUNCTION fms.invalidate_cached_definitions();
ALTER TABLE fms.countries ENABLE ALWAYS TRIGGER invalidate_cache;

CREATE TABLE fms.implementing_agencies (
	agency_code pg_catalog.text PRIMARY KEY
		CONSTRAINT agency_code_is_1_uppercase_letter
		CHECK (agency_code OPERATOR(pg_catalog.~) '^[A-Z]$'),
	name pg_catalog.text NOT NULL,
	source pg_catalog.text NOT NULL,
	origin pg_catalog.text NOT NULL DEFAULT 'added'
		CONSTRAINT origin_is_shipped_edited_or_added
		CHECK (origin OPERATOR(pg_catalog.=) ANY (ARRAY['shipped', 'edited', 'added']))
);
SELECT pg_catalog.pg_extension_config_dump('fms.implementing_agencies', $$WHERE origin OPERATOR(pg_catalog.<>) 'shipped'$$);
COMMENT ON TABLE fms.implementing_agencies IS 'FMS implementing agencies by the 1-letter code of the case identifier; user edits and additions survive pg_dump';
COMMENT ON COLUMN fms.implementing_agencies.agency_code IS 'implementing agency code, the middle part of a case identifier';
COMMENT ON COLUMN fms.implementing_agencies.name IS 'name of the implementing agency';
COMMENT ON COLUMN fms.implementing_agencies.source IS 'where the code comes from and how certain it is';
COMMENT ON COLUMN fms.implementing_agencies.origin IS '''shipped'' (as seeded), ''edited'' (seeded, changed here) or ''added'' (entered here); maintained automatically';
