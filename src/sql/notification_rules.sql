/* src/sql/notification_rules.sql -- AECA congressional notification rules as data */

-- One row per rule and period: a threshold on one measure of a sale, for
-- destinations in a country group (NULL: every destination no other rule
-- of the same program and measure covers), with its review periods.
-- "or more" in the statute: a value at the threshold triggers.
CREATE TABLE fms.notification_rules (
	rule_code pg_catalog.text NOT NULL,
	program pg_catalog.text NOT NULL
		CONSTRAINT program_is_known
		CHECK (program OPERATOR(pg_catalog.=) ANY (ARRAY['FMS', 'FMS_AMENDMENT', 'DCS', 'MLA'])),
	section pg_catalog.text NOT NULL
		CONSTRAINT section_is_known CHECK (section OPERATOR(pg_catalog.=) ANY (ARRAY['36(b)(1)', '36(b)(5)(C)', '36(c)', '36(d)'])),
	country_group pg_catalog.text REFERENCES fms.country_groups ON UPDATE CASCADE,
	measure pg_catalog.text NOT NULL
		CONSTRAINT measure_is_known
		CHECK (measure OPERATOR(pg_catalog.=) ANY (ARRAY['mde', 'articles_services', 'design_construction', 'firearms'])),
	threshold_usd pg_catalog.numeric NOT NULL
		-- 0: every sale of the program notifies (36(d) has no threshold).
		CONSTRAINT threshold_is_whole_cents_not_negative
		CHECK (threshold_usd OPERATOR(pg_catalog.>=) 0 AND threshold_usd OPERATOR(pg_catalog.=) pg_catalog.round(threshold_usd, 2)),
	review_days pg_catalog.int4 NOT NULL
		CONSTRAINT review_days_is_positive CHECK (review_days OPERATOR(pg_catalog.>) 0),
	informal_review_days pg_catalog.int4
		CONSTRAINT informal_review_days_is_positive CHECK (informal_review_days OPERATOR(pg_catalog.>) 0),
	valid_from pg_catalog.date NOT NULL,
	valid_to pg_catalog.date,
	source pg_catalog.text NOT NULL,
	origin pg_catalog.text NOT NULL DEFAULT 'added'
		CONSTRAINT origin_is_shipped_edited_or_added
		CHECK (origin OPERATOR(pg_catalog.=) ANY (ARRAY['shipped', 'edited', 'added'])),
	PRIMARY KEY (rule_code, valid_from),
	CONSTRAINT validity_is_not_empty CHECK (valid_to IS NULL OR valid_to OPERATOR(pg_catalog.>) valid_from),
	-- Checked at commit, so that one period can be closed and the next
	-- opened in either order; a constraint, unlike a trigger, also sees
	-- what concurrent transactions insert.
	CONSTRAINT notification_rules_periods_do_not_overlap EXCLUDE USING gist (
		rule_code WITH OPERATOR(pg_catalog.=),
		pg_catalog.daterange(valid_from, valid_to) WITH OPERATOR(pg_catalog.&&)) DEFERRABLE INITIALLY DEFERRED
);
SELECT pg_catalog.pg_extension_config_dump('fms.notification_rules', $$WHERE origin OPERATOR(pg_catalog.<>) 'shipped'$$);
COMMENT ON TABLE fms.notification_rules IS 'AECA section 36 congressional notification thresholds and review periods, valid over [valid_from, valid_to); user edits survive pg_dump';
COMMENT ON COLUMN fms.notification_rules.rule_code IS 'name of the rule; a later period of the same rule keeps its code';
COMMENT ON COLUMN fms.notification_rules.program IS 'what is notified: FMS (a basic LOA), FMS_AMENDMENT (an amendment enhancing or upgrading a sale), DCS (a licence), MLA (an agreement for manufacture abroad of significant military equipment)';
COMMENT ON COLUMN fms.notification_rules.section IS 'AECA section: 36(b)(1) (FMS), 36(b)(5)(C) (enhancement or upgrade of a notified sale), 36(c) (DCS licences), 36(d) (manufacturing abroad)';
COMMENT ON COLUMN fms.notification_rules.country_group IS 'destinations the rule is for; NULL: all destinations no other rule of the program and measure covers';
COMMENT ON COLUMN fms.notification_rules.measure IS 'value compared: mde (major defense equipment), articles_services (total), design_construction, firearms (total of USML Category I(a)-(g) sales)';
COMMENT ON COLUMN fms.notification_rules.threshold_usd IS 'notification is required at this value or more, U.S. dollars; 0 for every sale';
COMMENT ON COLUMN fms.notification_rules.review_days IS 'formal review period, calendar days';
COMMENT ON COLUMN fms.notification_rules.informal_review_days IS 'informal (advance) review period before the formal one, calendar days';
COMMENT ON COLUMN fms.notification_rules.valid_from IS 'first day the rule applies';
COMMENT ON COLUMN fms.notification_rules.valid_to IS 'first day it no longer applies; NULL while current';
COMMENT ON COLUMN fms.notification_rules.source IS 'where the values come from and how certain they are';
COMMENT ON COLUMN fms.notification_rules.origin IS '''shipped'' (as seeded), ''edited'' (seeded, changed here) or ''added'' (entered here); maintained automatically';

-- The values in force today.  The statute set earlier values that are not
-- recorded here; 1976-06-30 (the AECA's date) is a stand-in start.
INSERT INTO fms.notification_rules (rule_code, program, section, country_group, measure, threshold_usd, review_days, informal_review_days, valid_from, source, origin) VALUES
	('FMS_MDE', 'FMS', '36(b)(1)', NULL, 'mde', 14000000, 30, 20, '1976-06-30',
	 'AECA 36(b)(1): MDE of $14,000,000 or more, 30-day review (CRS RL31675, 2025). Confirmed. Informal review: the 20-day advance notification for non-NATO+5 destinations (archived eSAMM C5.5.3), confirmed; the "tiered review" of 40 days is commonly described but unconfirmed. Start date is a stand-in.', 'shipped'),
	('FMS_ARTICLES_SERVICES', 'FMS', '36(b)(1)', NULL, 'articles_services', 50000000, 30, 20, '1976-06-30',
	 'AECA 36(b)(1): defense articles or services of $50,000,000 or more, 30-day review (CRS RL31675). Confirmed; informal review as for FMS_MDE. Start date is a stand-in.', 'shipped'),
	('FMS_DESIGN_CONSTRUCTION', 'FMS', '36(b)(1)', NULL, 'design_construction', 200000000, 30, 20, '1976-06-30',
	 'AECA 36(b)(1): design and construction services of $200,000,000 or more, 30-day review (CRS RL31675). Confirmed; informal review as for FMS_MDE. Start date is a stand-in.', 'shipped'),
	('FMS_MDE_NATO_PLUS', 'FMS', '36(b)(1)', 'NATO_PLUS', 'mde', 25000000, 15, 20, '1976-06-30',
	 'AECA 36(b)(1) for NATO, its members, Australia, Israel, Japan, Korea and New Zealand: MDE of $25,000,000 or more, 15-day review (CRS IF10392, RL31675). Confirmed. Informal review of 20 days ("tiered review") unconfirmed. Start date is a stand-in.', 'shipped'),
	('FMS_ARTICLES_SERVICES_NATO_PLUS', 'FMS', '36(b)(1)', 'NATO_PLUS', 'articles_services', 100000000, 15, 20, '1976-06-30',
	 'AECA 36(b)(1) for NATO+5: articles or services of $100,000,000 or more, 15-day review. Partial: one copy of CRS IF10392 reads $50,000,000; $100,000,000 matches 22 U.S.C. 2776(b)(1) as commonly quoted and 22 CFR 123.15 for DCS. Informal review unconfirmed. Start date is a stand-in.', 'shipped'),
	('FMS_DESIGN_CONSTRUCTION_NATO_PLUS', 'FMS', '36(b)(1)', 'NATO_PLUS', 'design_construction', 300000000, 15, 20, '1976-06-30',
	 'AECA 36(b)(1) for NATO+5: design and construction of $300,000,000 or more, 15-day review (CRS IF10392). Confirmed; informal review unconfirmed. Start date is a stand-in.', 'shipped'),
	('DCS_MDE', 'DCS', '36(c)', NULL, 'mde', 14000000, 30, NULL, '1976-06-30',
	 '22 CFR 123.15(a)(1), (b): MDE of $14,000,000 or more, 30 days. Confirmed. Start date is a stand-in.', 'shipped'),
	('DCS_ARTICLES_SERVICES', 'DCS', '36(c)', NULL, 'articles_services', 50000000, 30, NULL, '1976-06-30',
	 '22 CFR 123.15(a)(1), (b): defense articles or services of $50,000,000 or more, 30 days. Confirmed. Start date is a stand-in.', 'shipped'),
	('DCS_MDE_NATO_PLUS', 'DCS', '36(c)', 'NATO_PLUS', 'mde', 25000000, 15, NULL, '1976-06-30',
	 '22 CFR 123.15(a)(2), (b): for NATO+5 (when the transfer includes no other country), MDE of $25,000,000 or more, 15 days. Confirmed. Start date is a stand-in.', 'shipped'),
	('DCS_ARTICLES_SERVICES_NATO_PLUS', 'DCS', '36(c)', 'NATO_PLUS', 'articles_services', 100000000, 15, NULL, '1976-06-30',
	 '22 CFR 123.15(a)(2), (b): for NATO+5, articles or services of $100,000,000 or more, 15 days. Confirmed. Start date is a stand-in.', 'shipped'),
	('DCS_FIREARMS_NATO_PLUS', 'DCS', '36(c)', 'NATO_PLUS', 'firearms', 1000000, 15, NULL, '1976-06-30',
	 '22 U.S.C. 2776(c)(2)(A): firearms of USML Category I of $1,000,000 or more to NATO+5 destinations, 15 days, like every 36(c) licence to them. Confirmed in review. Start date is a stand-in, as for DCS_FIREARMS.', 'shipped'),
	('DCS_FIREARMS', 'DCS', '36(c)', NULL, 'firearms', 1000000, 30, NULL, '1976-06-30',
	 '22 CFR 123.15(a)(3): firearms of USML Category I(a)-(g) of $1,000,000 or more, 30 days (CRS RL31675). Confirmed; that it applies to every destination is assumed. Start date is a stand-in.', 'shipped');
-- 36(b)(5)(C): an amendment that enhances or upgrades the technology or
-- capability of a notified sale is notified anew when it costs as much as
-- the 36(b)(1) thresholds; its own value is judged, not the case's.
INSERT INTO fms.notification_rules (rule_code, program, section, country_group, measure, threshold_usd, review_days, informal_review_days, valid_from, source, origin)
SELECT 'FMS_AMENDMENT_' || r.suffix, 'FMS_AMENDMENT', '36(b)(5)(C)', r.country_group, r.measure, r.threshold_usd, r.review_days, NULL, '2000-10-06',
       format('AECA 36(b)(5)(C) (22 U.S.C. 2776(b)(5)(C)): an enhancement or upgrade costing %s or more %s (the 36(b)(1) threshold), %s-day review, as the statute text reads (confirmed in review). Start date approximate: the paragraph is believed to come from the Security Assistance Act of 2000 (Pub. L. 106-280, 2000-10-06), unconfirmed. No informal review is recorded.',
              to_char(r.threshold_usd, 'FM$999,999,999'), r.what, r.review_days),
       'shipped'
  FROM (VALUES ('MDE', NULL, 'mde', 14000000, 30, 'of major defense equipment'),
               ('ARTICLES_SERVICES', NULL, 'articles_services', 50000000, 30, 'of defense articles or services'),
               ('DESIGN_CONSTRUCTION', NULL, 'design_construction', 200000000, 30, 'of design and construction services'),
               ('MDE_NATO_PLUS', 'NATO_PLUS', 'mde', 25000000, 15, 'of major defense equipment for NATO+5'),
               ('ARTICLES_SERVICES_NATO_PLUS', 'NATO_PLUS', 'articles_services', 100000000, 15, 'of defense articles or services for NATO+5'),
               ('DESIGN_CONSTRUCTION_NATO_PLUS', 'NATO_PLUS', 'design_construction', 300000000, 15, 'of design and construction services for NATO+5'))
       AS r(suffix, country_group, measure, threshold_usd, review_days, what);
-- 36(d): an agreement for manufacture abroad of significant military
-- equipment is notified whatever its value.
INSERT INTO fms.notification_rules (rule_code, program, section, country_group, measure, threshold_usd, review_days, informal_review_days, valid_from, source, origin) VALUES
	('MLA_SME', 'MLA', '36(d)', NULL, 'articles_services', 0, 30, NULL, '1976-06-30',
	 'AECA 36(d) (22 U.S.C. 2776(d)); 22 CFR 124.11: a manufacturing licence or technical assistance agreement for manufacture abroad of significant military equipment, any value, 30 days (statute text, confirmed in review). Start date is a stand-in.', 'shipped'),
	('MLA_SME_NATO_PLUS', 'MLA', '36(d)', 'NATO_PLUS', 'articles_services', 0, 15, NULL, '1976-06-30',
	 'AECA 36(d) (22 U.S.C. 2776(d)): for NATO+5, 15 days (statute text, confirmed in review). Start date is a stand-in.', 'shipped');

-- The notification evaluator caches the rules (and the groups, memberships
-- and country codes, whose tables tell it of changes too).
CREATE TRIGGER invalidate_cache AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON fms.notification_rules
	FOR EACH STATEMENT EXECUTE FUNCTION fms.invalidate_cached_definitions();
ALTER TABLE fms.notification_rules ENABLE ALWAYS TRIGGER invalidate_cache;

-- One row: whether the sale needs congressional notification on the date,
-- under which section, the review periods, and which measures and rules
-- triggered it.  Amounts and the USML list may be NULL (none).
CREATE FUNCTION fms.notification_requirement(country_code pg_catalog.text, program pg_catalog.text,
		total_usd pg_catalog.numeric, mde_usd pg_catalog.numeric, design_construction_usd pg_catalog.numeric,
		usml fms.usml[] DEFAULT NULL, on_date pg_catalog.date DEFAULT CURRENT_DATE,
		OUT required pg_catalog.bool, OUT section pg_catalog.text, OUT review_days pg_catalog.int4,
		OUT informal_review_days pg_catalog.int4, OUT triggered_by pg_catalog.text[], OUT rule_codes pg_catalog.text[])
	AS 'MODULE_PATHNAME', 'fms_notification_requirement'
	LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION fms.notification_requirement(pg_catalog.text, pg_catalog.text, pg_catalog.numeric, pg_catalog.numeric, pg_catalog.numeric, fms.usml[], pg_catalog.date) IS 'AECA section 36 notification a sale needs on a date: the destination''s country groups and the thresholds in force that day; STABLE because it reads the rule and group tables';
