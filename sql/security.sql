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
CREATE FUNCTION hostile.to_jsonb(record) RETURNS jsonb
	LANGUAGE plpgsql AS $$BEGIN RAISE EXCEPTION 'hostile to_jsonb called'; END$$;
CREATE FUNCTION hostile.to_char(date, text) RETURNS text
	LANGUAGE plpgsql AS $$BEGIN RAISE EXCEPTION 'hostile to_char called'; END$$;
CREATE FUNCTION hostile.set_config(text, text, boolean) RETURNS text
	LANGUAGE plpgsql AS $$BEGIN RAISE EXCEPTION 'hostile set_config called'; END$$;
CREATE FUNCTION hostile.date_trap(date, date) RETURNS boolean
	LANGUAGE plpgsql AS $$BEGIN RAISE EXCEPTION 'hostile date operator called'; END$$;
CREATE OPERATOR hostile.< (LEFTARG = date, RIGHTARG = date, FUNCTION = hostile.date_trap);
CREATE OPERATOR hostile.> (LEFTARG = date, RIGHTARG = date, FUNCTION = hostile.date_trap);
CREATE OPERATOR hostile.<= (LEFTARG = date, RIGHTARG = date, FUNCTION = hostile.date_trap);

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
INSERT INTO fms.customers VALUES ('QA', 'Qatar', 'country', 'QA');
SET LOCAL fms.effective_date = '2024-01-10';
INSERT INTO fms.cases (case_id, title, lor_complete_on) VALUES ('QA-D-AAA', 'Patriot', '2024-01-02');
SELECT status, milap_on, oed_on FROM fms.transition('QA-D-AAA', 'write', '2024-02-01');
SELECT status FROM fms.transition('QA-D-AAA', 'review', '2024-02-10');
SELECT status FROM fms.transition('QA-D-AAA', 'proposed', '2024-02-20');
SELECT status FROM fms.transition('QA-D-AAA', 'offered', '2024-03-01');
SELECT status FROM fms.transition('QA-D-AAA', 'accepted', '2024-03-10');
SELECT status, fms.status_as_of('QA-D-AAA', '2024-02-15') FROM fms.transition('QA-D-AAA', 'cancelled', '2024-03-20', 'test');
SELECT 'ja d qab'::fms.case_id, 'cat xi(a)'::text::fms.usml, fms.make_case_id('JA', 'D', 'QAB');
-- The caches load here for the first time in this session, under the hostile path.
SELECT fms.is_business_day('2026-11-26') AS thanksgiving,
       (fms.notification_requirement('JP', 'FMS', 100000000, 0, 0, NULL, '2026-01-01')).rule_codes;
SELECT country_code, origin FROM fms.countries
 WHERE country_code OPERATOR(pg_catalog.=) ANY (ARRAY['FR', 'XK', 'AQ', 'BV']) ORDER BY 1;
ROLLBACK;
RESET search_path;

-- No silent loss: TRUNCATE of a table of case data is refused (it fires no
-- row trigger), also with CASCADE (without it, most stop at their foreign
-- keys first).
SET client_min_messages = warning;
SELECT t AS truncated, e.state, e.message
  FROM unnest(ARRAY['fms.customers', 'fms.items', 'fms.cases', 'fms.case_changes', 'fms.case_lines',
                    'fms.deliveries', 'fms.line_closeouts', 'fms.payment_schedule', 'fms.collections',
                    'fms.congressional_notifications', 'fms.dcs_licenses', 'fms.offer_restatements',
                    'fms.transition_log']) AS t
 CROSS JOIN LATERAL error_of('TRUNCATE ' || t || ' CASCADE') AS e;
RESET client_min_messages;
SELECT state, message, detail, hint FROM error_of('TRUNCATE fms.deliveries');
-- Dropping the extension, which drops its tables, is refused while they
-- hold rows of the user's (the rows pg_dump dumps); so is DROP OWNED BY its
-- owner.  Other extensions drop as before, and a confirmed drop goes through.
BEGIN;
INSERT INTO fms.customers VALUES ('QA', 'Qatar', 'country', 'QA') ON CONFLICT DO NOTHING;
INSERT INTO fms.calendar_closures (closed_on, reason) VALUES ('2031-01-09', 'test closure');
SELECT state, message, detail ~ 'fms\.customers [0-9]+' AND detail ~ 'fms\.calendar_closures 1\M' AS counts_named, hint
  FROM error_of('DROP EXTENSION IF EXISTS isn, fms CASCADE');
SELECT state, message FROM error_of('DROP OWNED BY CURRENT_USER');
SELECT state, message FROM error_of('SET LOCAL fms.confirm_drop = maybe');
CREATE EXTENSION isn;
DROP EXTENSION isn;
SAVEPOINT confirmed;
SET LOCAL fms.confirm_drop = on;
DROP EXTENSION fms CASCADE;
SELECT count(*) AS fms_installed FROM pg_extension WHERE extname = 'fms';
ROLLBACK TO confirmed;
SELECT current_setting('fms.confirm_drop') AS confirm_drop, count(*) AS fms_installed FROM pg_extension WHERE extname = 'fms';
ROLLBACK;

-- CREATE EXTENSION creates schema fms itself: a schema prepared in advance
-- (which could hold planted objects) makes it fail.
BEGIN;
SET LOCAL fms.confirm_drop = on;
DROP EXTENSION fms;
COMMIT;
CREATE SCHEMA fms;
SELECT * FROM error_of('CREATE EXTENSION fms CASCADE');
DROP SCHEMA fms;
-- The install script itself resolves nothing through the path of the one
-- who runs it: a schema owned by another user, first on the path, with
-- look-alikes of what the script calls (the traps above, and these), is
-- never used.
CREATE ROLE regress_hostile;
ALTER SCHEMA hostile OWNER TO regress_hostile;
CREATE FUNCTION hostile.pg_extension_config_dump(regclass, text) RETURNS void
	LANGUAGE plpgsql AS $$BEGIN RAISE EXCEPTION 'hostile pg_extension_config_dump called'; END$$;
CREATE FUNCTION hostile.left(text, integer) RETURNS text
	LANGUAGE plpgsql AS $$BEGIN RAISE EXCEPTION 'hostile left called'; END$$;
CREATE FUNCTION hostile.now() RETURNS timestamptz
	LANGUAGE plpgsql AS $$BEGIN RAISE EXCEPTION 'hostile now called'; END$$;
CREATE FUNCTION hostile.array_position(anyarray, anyelement) RETURNS integer
	LANGUAGE plpgsql AS $$BEGIN RAISE EXCEPTION 'hostile array_position called'; END$$;
CREATE FUNCTION hostile.concat_trap(text, text) RETURNS text
	LANGUAGE plpgsql AS $$BEGIN RAISE EXCEPTION 'hostile || called'; END$$;
CREATE OPERATOR hostile.|| (LEFTARG = text, RIGHTARG = text, FUNCTION = hostile.concat_trap);
CREATE FUNCTION hostile.numeric_trap(numeric, numeric) RETURNS boolean
	LANGUAGE plpgsql AS $$BEGIN RAISE EXCEPTION 'hostile numeric operator called'; END$$;
CREATE OPERATOR hostile.>= (LEFTARG = numeric, RIGHTARG = numeric, FUNCTION = hostile.numeric_trap);
CREATE OPERATOR hostile.< (LEFTARG = numeric, RIGHTARG = numeric, FUNCTION = hostile.numeric_trap);
SET search_path = hostile, pg_catalog, public;
CREATE EXTENSION fms CASCADE;
SELECT count(*) AS countries FROM fms.countries;
-- The same path for what a client reads: views, read functions, the seal.
SELECT count(*) >= 0 AS pipeline_reads FROM fms.case_pipeline;
SELECT count(*) AS log_breaks FROM fms.verify_transition_log();
SELECT fms.business_days_between('2026-01-02', '2026-01-30') AS business_days;
RESET search_path;
DROP SCHEMA hostile CASCADE;
DROP ROLE regress_hostile;
