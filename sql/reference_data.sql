--
-- Reference tables: seeds, constraints, and tracking of user changes
--

-- All of ISO 3166-1 as the iso-codes package lists it.
SELECT count(*) AS countries, count(DISTINCT alpha3) AS alpha3_codes,
       bool_and(origin = 'shipped') AS all_shipped
  FROM fms.countries;
SELECT * FROM fms.countries
 WHERE country_code IN ('AU', 'CI', 'FI', 'IL', 'JP', 'KR', 'NZ', 'SE', 'TW', 'US')
 ORDER BY country_code;

SELECT agency_code, name FROM fms.implementing_agencies ORDER BY agency_code;

-- Which rows a dump keeps: everything but untouched shipped rows, plus the
-- record of deleted shipped rows.
SELECT c.relname, x.condition
  FROM pg_extension AS e,
       unnest(e.extconfig, e.extcondition) AS x(reloid, condition)
  JOIN pg_class AS c ON c.oid = x.reloid
 WHERE e.extname = 'fms'
 ORDER BY c.relname;

-- Customers: shipped empty; codes are not ISO codes.
SELECT count(*) AS customers FROM fms.customers;
INSERT INTO fms.customers VALUES
	('JA', 'Japan', 'country', 'JP'),
	('NA', 'North Atlantic Treaty Organization', 'organization', NULL),
	('B1', 'Illustrative building partner capacity program', 'program', NULL);
SELECT * FROM fms.customers ORDER BY customer_code;
-- Bad rows name the rule they break.
SELECT row_values, e.state, e.message
  FROM (VALUES ($$('ja', 'Japan', 'country', 'JP')$$),
               ($$('JAP', 'Japan', 'country', 'JP')$$),
               ($$('XX', 'Nowhere', 'country', 'XX')$$),
               ($$('XY', 'Nowhere', 'country', NULL)$$),
               ($$('XZ', 'NATO', 'organization', 'BE')$$),
               ($$('XW', 'Someone', 'person', NULL)$$),
               ($$('JA', 'Japan again', 'country', 'JP')$$)) AS v(row_values),
       LATERAL error_of('INSERT INTO fms.customers VALUES ' || row_values) AS e;
SELECT * FROM error_of($$INSERT INTO fms.countries VALUES ('xx', 'XXX', 'Nowhere')$$);
SELECT * FROM error_of($$INSERT INTO fms.implementing_agencies VALUES ('1', 'Nobody', 'none')$$);

-- origin follows what the user does.
BEGIN;
UPDATE fms.countries SET name = 'Czech Republic' WHERE country_code = 'CZ';
UPDATE fms.countries SET name = name WHERE country_code = 'FR';
INSERT INTO fms.countries (country_code, alpha3, name) VALUES ('XK', 'XKX', 'Kosovo');
DELETE FROM fms.countries WHERE country_code = 'AQ';
DELETE FROM fms.countries WHERE country_code = 'XK';
INSERT INTO fms.countries (country_code, alpha3, name, origin) VALUES ('QZ', 'QZZ', 'Test', 'shipped');
SELECT country_code, name, origin FROM fms.countries
 WHERE country_code IN ('CZ', 'FR', 'XK', 'AQ', 'QZ') ORDER BY country_code;
-- Only the deleted shipped row is remembered, not the user's own row.
SELECT table_name, row_key FROM fms.deleted_shipped_rows ORDER BY row_key::text;
-- Inserting a deleted shipped key brings it back as edited, and forgets the deletion.
INSERT INTO fms.countries (country_code, alpha3, name) VALUES ('AQ', 'ATA', 'Antarctica (restored)');
SELECT country_code, name, origin FROM fms.countries WHERE country_code = 'AQ';
SELECT count(*) AS remembered_deletions FROM fms.deleted_shipped_rows;
-- Inserting over an untouched shipped row replaces it (this is how a
-- restore brings back edits); over the user's own row it is a duplicate.
INSERT INTO fms.implementing_agencies (agency_code, name, source)
	VALUES ('B', 'U.S. Army Security Assistance Command', 'local naming');
SELECT agency_code, name, source, origin FROM fms.implementing_agencies WHERE agency_code = 'B';
INSERT INTO fms.implementing_agencies (agency_code, name, source) VALUES ('Q', 'Local agency', 'local');
SELECT * FROM error_of($$INSERT INTO fms.implementing_agencies (agency_code, name, source) VALUES ('Q', 'Again', 'local')$$);
-- Renaming a shipped key remembers the old key as deleted.
UPDATE fms.implementing_agencies SET agency_code = 'S' WHERE agency_code = 'R';
SELECT agency_code, origin FROM fms.implementing_agencies WHERE agency_code IN ('R', 'S');
SELECT table_name, row_key FROM fms.deleted_shipped_rows ORDER BY row_key::text;
-- Recording a deletion deletes the row (this is how a restore replays it).
INSERT INTO fms.deleted_shipped_rows (table_name, row_key) VALUES ('fms.countries', '{"country_code": "BV"}');
SELECT count(*) AS bouvet FROM fms.countries WHERE country_code = 'BV';
ROLLBACK;
-- Deletions recorded together are applied in any order: a group's deletion
-- listed before its members' (as a dump lists them after VACUUM has reused
-- space) waits until the members are gone.
BEGIN;
INSERT INTO fms.deleted_shipped_rows (table_name, row_key)
SELECT 'fms.country_groups', '{"group_code": "ITAR_126_1_EXCEPTIONS"}'
UNION ALL
SELECT 'fms.country_group_members', jsonb_build_object('group_code', group_code, 'country_code', country_code, 'valid_from', valid_from)
  FROM fms.country_group_members WHERE group_code = 'ITAR_126_1_EXCEPTIONS';
SELECT (SELECT count(*) FROM fms.country_groups WHERE group_code = 'ITAR_126_1_EXCEPTIONS') AS group_left,
       (SELECT count(*) FROM fms.country_group_members WHERE group_code = 'ITAR_126_1_EXCEPTIONS') AS members_left,
       (SELECT count(*) FROM fms.deleted_shipped_rows WHERE table_name = 'fms.country_group_members'::regclass) > 0 AS members_remembered;
ROLLBACK;
-- A deletion that can never apply (a row still referenced by one not
-- deleted) is refused, naming it.
SELECT state, message, detail FROM error_of($$INSERT INTO fms.deleted_shipped_rows (table_name, row_key) VALUES ('fms.country_groups', '{"group_code": "NATO"}')$$);

-- TRUNCATE would forget deletions, so it is refused.
SELECT * FROM error_of('TRUNCATE fms.policy_settings');
SELECT count(*) AS policy_settings FROM fms.policy_settings;

-- Without Citus nothing is a shard, not even a table named as one beside
-- a seeded table, and the triggers write the tables themselves.
BEGIN;
CREATE TABLE fms.countries_102008 (LIKE fms.countries INCLUDING ALL);
SELECT fms.distributed_table_of('fms.countries_102008') AS shard_of, fms.distributed_table_of('fms.countries') AS countries_shard_of,
       fms.colocated_shard('fms.deleted_shipped_rows', 'fms.countries_102008') AS beside_lookalike,
       fms.colocated_shard('fms.deleted_shipped_rows', 'fms.countries') AS beside_countries,
       fms.distributed_table_of(NULL) AS of_null, fms.colocated_shard(NULL, 'fms.countries') AS beside_null;
ROLLBACK;
