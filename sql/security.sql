--
-- Security: the extension's own SQL resolves nothing through the caller's
-- search_path, and the schema cannot be prepared by someone else.
--

-- A hostile schema placed before pg_catalog: operators and functions that
-- fail loudly if the extension ever resolves one of them.
CREATE SCHEMA hostile;
CREATE FUNCTION hostile.trap(text, text) RETURNS boolean
	LANGUAGE plpgsql AS $$BEGIN RAISE EXCEPTION 'hostile operator called'; END$$;
CREATE OPERATOR hostile.= (LEFTARG = text, RIGHTARG = text, FUNCTION = hostile.trap);
CREATE OPERATOR hostile.<> (LEFTARG = text, RIGHTARG = text, FUNCTION = hostile.trap);
CREATE OPERATOR hostile.~ (LEFTARG = text, RIGHTARG = text, FUNCTION = hostile.trap);
CREATE FUNCTION hostile.jsonb_each(jsonb, OUT key text, OUT value jsonb) RETURNS SETOF record
	LANGUAGE plpgsql AS $$BEGIN RAISE EXCEPTION 'hostile jsonb_each called'; END$$;
CREATE FUNCTION hostile.format(text, VARIADIC text[]) RETURNS text
	LANGUAGE plpgsql AS $$BEGIN RAISE EXCEPTION 'hostile format called'; END$$;
CREATE FUNCTION hostile.quote_ident(text) RETURNS text
	LANGUAGE plpgsql AS $$BEGIN RAISE EXCEPTION 'hostile quote_ident called'; END$$;

-- The statements below qualify their own operators; only the extension's
-- checks, triggers and functions could meet the hostile ones.
SET search_path = hostile, pg_catalog, public, fms;
BEGIN;
UPDATE fms.countries SET name = 'Renamed' WHERE country_code OPERATOR(pg_catalog.=) 'FR';
INSERT INTO fms.countries (country_code, alpha3, name) VALUES ('XK', 'XKX', 'Kosovo');
DELETE FROM fms.countries WHERE country_code OPERATOR(pg_catalog.=) 'AQ';
INSERT INTO fms.countries (country_code, alpha3, name) VALUES ('AQ', 'ATA', 'Antarctica');
INSERT INTO fms.implementing_agencies (agency_code, name, source) VALUES ('B', 'Army', 'local');
INSERT INTO fms.deleted_shipped_rows (table_name, row_key) VALUES ('fms.countries', '{"country_code": "BV"}');
INSERT INTO fms.customers VALUES ('KS', 'Korea, Republic of', 'country', 'KR');
SELECT 'ja d qab'::fms.case_id, 'cat xi(a)'::text::fms.usml, fms.make_case_id('JA', 'D', 'QAB');
SELECT country_code, origin FROM fms.countries
 WHERE country_code OPERATOR(pg_catalog.=) ANY (ARRAY['FR', 'XK', 'AQ', 'BV']) ORDER BY 1;
ROLLBACK;
RESET search_path;
DROP SCHEMA hostile CASCADE;

-- CREATE EXTENSION creates schema fms itself: a schema prepared in advance
-- (which could hold planted objects) makes it fail.
DROP EXTENSION fms;
CREATE SCHEMA fms;
SELECT * FROM error_of('CREATE EXTENSION fms');
DROP SCHEMA fms;
CREATE EXTENSION fms;
SELECT count(*) AS countries FROM fms.countries;
