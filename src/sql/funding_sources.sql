/* src/sql/funding_sources.sql -- how a case is paid for */

CREATE TABLE fms.funding_sources (
	funding_source pg_catalog.text PRIMARY KEY
		CONSTRAINT funding_source_is_an_uppercase_name
		CHECK (funding_source OPERATOR(pg_catalog.~) '^[A-Z][A-Z0-9_]*$'),
	name pg_catalog.text NOT NULL,
	source pg_catalog.text NOT NULL,
	origin pg_catalog.text NOT NULL DEFAULT 'added'
		CONSTRAINT origin_is_shipped_edited_or_added
		CHECK (origin OPERATOR(pg_catalog.=) ANY (ARRAY['shipped', 'edited', 'added']))
);
SELECT pg_catalog.pg_extension_config_dump('fms.funding_sources', $$WHERE origin OPERATOR(pg_catalog.<>) 'shipped'$$);
COMMENT ON TABLE fms.funding_sources IS 'sources of the money that pays for a case (fms.cases.funding_source); user edits survive pg_dump';
COMMENT ON COLUMN fms.funding_sources.funding_source IS 'code, e.g. FMF';
COMMENT ON COLUMN fms.funding_sources.name IS 'what it is';
COMMENT ON COLUMN fms.funding_sources.source IS 'the law that provides it, and how certain that is';
COMMENT ON COLUMN fms.funding_sources.origin IS '''shipped'' (as seeded), ''edited'' (seeded, changed here) or ''added'' (entered here); maintained automatically';

INSERT INTO fms.funding_sources (funding_source, name, source, origin) VALUES
	('NATIONAL', 'National funds: the purchaser pays from its own budget', 'AECA sections 21 and 22 (22 U.S.C. 2761, 2762): sales from stock and procurement for cash. Confirmed.', 'shipped'),
	('FMF', 'Foreign Military Financing: U.S. appropriated grants or loans', 'AECA section 23 (22 U.S.C. 2763). Confirmed. FMF-funded customers take part in ACCP (DSCA Policy 20-45).', 'shipped'),
	('BPC_TITLE_10', 'Building Partner Capacity programs paid from Department of Defense appropriations (Title 10, e.g. 10 U.S.C. 333), on pseudo LOAs', 'SAMM chapter 15; 10 U.S.C. 333. Confirmed.', 'shipped'),
	('MAP', 'Military Assistance Program grant aid', 'Foreign Assistance Act section 503 (22 U.S.C. 2311). Confirmed that it exists; historical (its funds were merged into FMF around 1990, approximate).', 'shipped');
