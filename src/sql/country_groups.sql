/* src/sql/country_groups.sql -- country groups as effective-dated data */

CREATE TABLE fms.country_groups (
	group_code pg_catalog.text PRIMARY KEY
		CONSTRAINT group_code_is_an_uppercase_name
		CHECK (group_code OPERATOR(pg_catalog.~) '^[A-Z][A-Z0-9_]*$'),
	name pg_catalog.text NOT NULL,
	source pg_catalog.text NOT NULL,
	origin pg_catalog.text NOT NULL DEFAULT 'added'
		CONSTRAINT origin_is_shipped_edited_or_added
		CHECK (origin OPERATOR(pg_catalog.=) ANY (ARRAY['shipped', 'edited', 'added']))
);
SELECT pg_catalog.pg_extension_config_dump('fms.country_groups', $$WHERE origin OPERATOR(pg_catalog.<>) 'shipped'$$);
COMMENT ON TABLE fms.country_groups IS 'groups of destinations that export rules name (NATO, NATO+, ITAR 126.1 lists); user edits survive pg_dump';
COMMENT ON COLUMN fms.country_groups.group_code IS 'group code, e.g. NATO_PLUS';
COMMENT ON COLUMN fms.country_groups.name IS 'what the group is';
COMMENT ON COLUMN fms.country_groups.source IS 'the law or regulation that defines it';
COMMENT ON COLUMN fms.country_groups.origin IS '''shipped'' (as seeded), ''edited'' (seeded, changed here) or ''added'' (entered here); maintained automatically';

CREATE TABLE fms.country_group_members (
	group_code pg_catalog.text NOT NULL REFERENCES fms.country_groups ON UPDATE CASCADE,
	country_code pg_catalog.text NOT NULL REFERENCES fms.countries,
	valid_from pg_catalog.date NOT NULL,
	valid_to pg_catalog.date,
	source pg_catalog.text NOT NULL,
	origin pg_catalog.text NOT NULL DEFAULT 'added'
		CONSTRAINT origin_is_shipped_edited_or_added
		CHECK (origin OPERATOR(pg_catalog.=) ANY (ARRAY['shipped', 'edited', 'added'])),
	PRIMARY KEY (group_code, country_code, valid_from),
	CONSTRAINT validity_is_not_empty CHECK (valid_to IS NULL OR valid_to OPERATOR(pg_catalog.>) valid_from),
	-- Checked at commit, so that one period can be closed and the next
	-- opened in either order; a constraint, unlike a trigger, also sees
	-- what concurrent transactions insert.
	CONSTRAINT country_group_members_periods_do_not_overlap EXCLUDE USING gist (
		group_code WITH OPERATOR(pg_catalog.=),
		country_code WITH OPERATOR(pg_catalog.=),
		pg_catalog.daterange(valid_from, valid_to) WITH OPERATOR(pg_catalog.&&)) DEFERRABLE INITIALLY DEFERRED
);
SELECT pg_catalog.pg_extension_config_dump('fms.country_group_members', $$WHERE origin OPERATOR(pg_catalog.<>) 'shipped'$$);
CREATE INDEX country_group_members_country ON fms.country_group_members (country_code);
COMMENT ON TABLE fms.country_group_members IS 'which countries belong to each country group, and when, [valid_from, valid_to); user edits survive pg_dump';
COMMENT ON COLUMN fms.country_group_members.group_code IS 'the group';
COMMENT ON COLUMN fms.country_group_members.country_code IS 'ISO 3166-1 code of the member country';
COMMENT ON COLUMN fms.country_group_members.valid_from IS 'first day of membership';
COMMENT ON COLUMN fms.country_group_members.valid_to IS 'first day no longer a member; NULL while a member';
COMMENT ON COLUMN fms.country_group_members.source IS 'where the membership and its dates come from, and how certain they are';
COMMENT ON COLUMN fms.country_group_members.origin IS '''shipped'' (as seeded), ''edited'' (seeded, changed here) or ''added'' (entered here); maintained automatically';

INSERT INTO fms.country_groups (group_code, name, source, origin) VALUES
	('NATO', 'Members of the North Atlantic Treaty Organization', 'North Atlantic Treaty; accession dates as commonly published. 22 CFR 120.23 lists NATO members (Finland and Sweden added by 90 FR 29720, 2025).', 'shipped'),
	('NATO_PLUS', 'NATO, its members, Australia, Israel, Japan, the Republic of Korea and New Zealand: higher AECA notification thresholds and 15-day review', 'AECA 36(b)(1), (c), (d) (22 U.S.C. 2776); 22 CFR 123.15; CRS RL31675 and IF10392. Republic of Korea from 2008-10-15 (Pub. L. 110-429 section 3; DSCA Policy 08-40).', 'shipped'),
	('ITAR_126_1_DENIAL', 'ITAR 126.1(d)(1): policy of denial (before 2016, the countries of 126.1(a) without exceptions)', '22 CFR 126.1(d)(1), as listed in 2024-2025 compliance summaries (cmmccompliance.us; Baker McKenzie, Mar 2024). Confirmed; each membership''s dates carry their own source and certainty.', 'shipped'),
	('ITAR_126_1_EXCEPTIONS', 'ITAR 126.1(d)(2) and other lettered paragraphs: denial unless a country-specific exception (fms.itar_126_1_exceptions) covers the sale', '22 CFR 126.1(d)(2) table (cmmccompliance.us) and 126.1(p) (Nicaragua, 89 FR 18796). Confirmed; each membership''s dates carry their own source and certainty.', 'shipped');

-- NATO members with the dates they joined.
INSERT INTO fms.country_group_members (group_code, country_code, valid_from, source, origin)
SELECT 'NATO', c, d::date,
       CASE WHEN c = ANY (ARRAY['FI', 'SE']) THEN 'Accession date confirmed (90 FR 29720 lists them as NATO members).'
            ELSE 'Accession date as commonly published; not checked against a primary source. Unconfirmed.' END,
       'shipped'
  FROM (VALUES ('BE', '1949-08-24'), ('CA', '1949-08-24'), ('DK', '1949-08-24'), ('FR', '1949-08-24'),
               ('IS', '1949-08-24'), ('IT', '1949-08-24'), ('LU', '1949-08-24'), ('NL', '1949-08-24'),
               ('NO', '1949-08-24'), ('PT', '1949-08-24'), ('GB', '1949-08-24'), ('US', '1949-08-24'),
               ('GR', '1952-02-18'), ('TR', '1952-02-18'), ('DE', '1955-05-09'), ('ES', '1982-05-30'),
               ('CZ', '1999-03-12'), ('HU', '1999-03-12'), ('PL', '1999-03-12'),
               ('BG', '2004-03-29'), ('EE', '2004-03-29'), ('LV', '2004-03-29'), ('LT', '2004-03-29'),
               ('RO', '2004-03-29'), ('SK', '2004-03-29'), ('SI', '2004-03-29'),
               ('AL', '2009-04-01'), ('HR', '2009-04-01'), ('ME', '2017-06-05'), ('MK', '2020-03-27'),
               ('FI', '2023-04-04'), ('SE', '2024-03-07')) AS v(c, d);
-- NATO+: the NATO members (same dates) and the five partners.
INSERT INTO fms.country_group_members (group_code, country_code, valid_from, source, origin)
SELECT 'NATO_PLUS', m.country_code, m.valid_from, 'As a NATO member: ' || m.source, 'shipped'
  FROM fms.country_group_members AS m WHERE m.group_code = 'NATO';
INSERT INTO fms.country_group_members (group_code, country_code, valid_from, source, origin) VALUES
	('NATO_PLUS', 'AU', '1976-06-30', 'Named in AECA 36(b)(1) (CRS RL31675). Start date approximate (the statute''s NATO-plus wording of the 1970s); unconfirmed.', 'shipped'),
	('NATO_PLUS', 'JP', '1976-06-30', 'Named in AECA 36(b)(1) (CRS RL31675). Start date approximate; unconfirmed.', 'shipped'),
	('NATO_PLUS', 'NZ', '1976-06-30', 'Named in AECA 36(b)(1) (CRS RL31675). Start date approximate; unconfirmed.', 'shipped'),
	('NATO_PLUS', 'IL', '2008-10-15', 'Named in AECA 36(b)(1) (CRS RL31675). The year Israel was added is unconfirmed; 2008-10-15 assumed.', 'shipped'),
	('NATO_PLUS', 'KR', '2008-10-15', 'Pub. L. 110-429 section 3 (2008-10-15); DSCA Policy 08-40. Confirmed.', 'shipped');
-- ITAR 126.1.  Before the 2016 reorganization (81 FR 66804, 2016-09-29;
-- approximate) the list was 126.1(a), a policy of denial for every
-- country on it; the dates below are when each listing began, as far as a
-- source shows.  58 FR 39312 (1993-07-22, the rewritten ITAR) is the
-- earliest text the listings can be tied to; most are older.
INSERT INTO fms.country_group_members (group_code, country_code, valid_from, valid_to, source, origin)
SELECT 'ITAR_126_1_DENIAL', c, '1993-07-22', NULL,
       '22 CFR 126.1(d)(1); in 126.1(a) since at least the ITAR rewrite of 58 FR 39312 (1993-07-22), the earliest text seen. Approximate: the policy of denial is older.',
       'shipped'
  FROM unnest(ARRAY['BY', 'MM', 'CU', 'IR', 'KP', 'SY']) AS c;
INSERT INTO fms.country_group_members (group_code, country_code, valid_from, valid_to, source, origin) VALUES
	('ITAR_126_1_DENIAL', 'CN', '1990-02-16', NULL,
	 '22 CFR 126.1(d)(1). Policy of denial since the 1989 Tiananmen sanctions, in law from the Foreign Relations Authorization Act FY1990-91 (Pub. L. 101-246, section 902, enacted 1990-02-16). The start in 1989-1990 is confirmed; the day is approximate.', 'shipped'),
	('ITAR_126_1_DENIAL', 'HK', '2020-07-14', NULL,
	 'Executive Order 13936 (2020-07-14): Hong Kong treated as China; DDTC applies 126.1(d)(1) to it since July 2020. Confirmed.', 'shipped'),
	('ITAR_126_1_DENIAL', 'VE', '2006-08-17', NULL,
	 '22 CFR 126.1(d)(1): policy of denial and licences revoked, 71 FR 47554 (2006-08-17); written into 126.1(a) by 72 FR 5614 (2007-02-07). Confirmed.', 'shipped'),
	('ITAR_126_1_DENIAL', 'KH', '1993-07-22', '1994-04-04',
	 '22 CFR 126.1(a) (then a policy of denial): listed in 1993 (58 FR 39312, approximate start), removed by FR Doc 94-8003 effective 1994-04-04 (confirmed).', 'shipped'),
	('ITAR_126_1_DENIAL', 'RU', '1993-07-22', '1996-04-03',
	 '22 CFR 126.1(a) (then a policy of denial): listed in the 1993 rewrite (58 FR 39312, approximate start), removed by 61 FR 19841 effective 1996-04-03 (confirmed).', 'shipped');
INSERT INTO fms.country_group_members (group_code, country_code, valid_from, valid_to, source, origin) VALUES
	('ITAR_126_1_EXCEPTIONS', 'AF', '2011-08-08', NULL, '22 CFR 126.1(d)(2) table. Listed at the latest by 76 FR 47990 (2011-08-08), which amends an existing entry; the first listing was not seen. Approximate.', 'shipped'),
	('ITAR_126_1_EXCEPTIONS', 'KH', '2021-12-09', '2025-11-07', '22 CFR 126.1(d)(2) table: added by 86 FR 70053 (2021-12-09), removed by the final rule effective 2025-11-07 (DLA Piper, Crowell summaries). Confirmed.', 'shipped'),
	('ITAR_126_1_EXCEPTIONS', 'CF', '2014-04-17', NULL, '22 CFR 126.1(d)(2) table: listed 2014-04-17 (79 FR 21616, citation approximate); entry updated by 85 FR 44188 and 90 FR 29720. Date confirmed.', 'shipped'),
	('ITAR_126_1_EXCEPTIONS', 'CY', '1987-01-01', NULL, '22 CFR 126.1(d)(2) table, 126.1(r): embargoed since 1987 (press reports; year only, day a stand-in). Approximate. Suspensions: fms.itar_126_1_exceptions.', 'shipped'),
	('ITAR_126_1_EXCEPTIONS', 'CD', '2005-08-29', NULL, '22 CFR 126.1(d)(2) table, 126.1(i): the whole country from 70 FR 50966 (2005-08-29, UNSCR 1596). Confirmed.', 'shipped'),
	('ITAR_126_1_EXCEPTIONS', 'ER', '2011-08-08', NULL, '22 CFR 126.1(d)(2) table. Listed at the latest by 76 FR 47990 (2011-08-08); its exceptions were narrowed by 86 FR 60165 (2021-11-01). Approximate start.', 'shipped'),
	('ITAR_126_1_EXCEPTIONS', 'ET', '2021-11-01', NULL, '22 CFR 126.1(d)(2) table, 126.1(n): 86 FR 60165 (2021-11-01); covers the armed forces, police, intelligence and internal security forces. Confirmed.', 'shipped'),
	('ITAR_126_1_EXCEPTIONS', 'HT', '1994-04-04', NULL, '22 CFR 126.1(d)(2) table: added for the UN arms embargo by FR Doc 94-8003, effective 1994-04-04. Confirmed.', 'shipped'),
	('ITAR_126_1_EXCEPTIONS', 'IQ', '1993-07-22', NULL, '22 CFR 126.1(d)(2) table: listed in the 1993 rewrite (58 FR 39312); the embargo is probably older (UNSCR 661, 1990). Approximate.', 'shipped'),
	('ITAR_126_1_EXCEPTIONS', 'LB', '2006-08-11', NULL, '22 CFR 126.1(d)(2) table: DDTC notice implementing UNSCR 1701 (2006-08-11); when it was written into 126.1 was not seen. Confirmed (notice).', 'shipped'),
	('ITAR_126_1_EXCEPTIONS', 'LY', '1993-07-22', NULL, '22 CFR 126.1(d)(2) table: listed in the 1993 rewrite (58 FR 39312); changed 2007-02-07 (72 FR 5614) and 2011 (UNSCR 1970). Approximate start.', 'shipped'),
	('ITAR_126_1_EXCEPTIONS', 'RU', '2021-03-18', NULL, '22 CFR 126.1(d)(2) table: 86 FR 14802, effective 2021-03-18, in (d)(2) from the start. Confirmed.', 'shipped'),
	('ITAR_126_1_EXCEPTIONS', 'SO', '1993-07-22', NULL, '22 CFR 126.1(d)(2) table: an arms-embargo example in the 1990s text (UNSCR 733, 1992); 1993-07-22 (58 FR 39312) is the earliest text seen. Approximate.', 'shipped'),
	('ITAR_126_1_EXCEPTIONS', 'SS', '2018-02-14', NULL, '22 CFR 126.1(d)(2) table, 126.1(w): 83 FR 6457 (2018-02-14). Confirmed.', 'shipped'),
	('ITAR_126_1_EXCEPTIONS', 'SD', '1994-04-04', NULL, '22 CFR 126.1(d)(2) table, 126.1(v): added by FR Doc 94-8003, effective 1994-04-04; renamed Republic of the Sudan 2011-11-09. Confirmed.', 'shipped'),
	('ITAR_126_1_EXCEPTIONS', 'ZW', '2011-08-08', NULL, '22 CFR 126.1(d)(2) table. Listed at the latest by 76 FR 47990 (2011-08-08); the start (about 2002) was not seen. Approximate.', 'shipped'),
	('ITAR_126_1_EXCEPTIONS', 'NI', '2024-03-15', NULL, '22 CFR 126.1(p), 89 FR 18796, effective 2024-03-15: denial except case-by-case humanitarian and disaster relief. Confirmed; whether it sits in the (d)(2) table is unconfirmed.', 'shipped');

-- The notification evaluator caches the groups and their memberships.
CREATE TRIGGER invalidate_cache AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON fms.country_groups
	FOR EACH STATEMENT EXECUTE FUNCTION fms.invalidate_cached_definitions();
ALTER TABLE fms.country_groups ENABLE ALWAYS TRIGGER invalidate_cache;
CREATE TRIGGER invalidate_cache AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON fms.country_group_members
	FOR EACH STATEMENT EXECUTE FUNCTION fms.invalidate_cached_definitions();
ALTER TABLE fms.country_group_members ENABLE ALWAYS TRIGGER invalidate_cache;
