/* src/sql/calendar.sql -- the federal business-day calendar and fiscal periods */

-- The holidays of 5 U.S.C. 6103 as rules with the years each applies, so
-- that history is counted by the law of its day.  Every holiday is
-- observed on the Friday before when it falls on a Saturday and on the
-- Monday after when it falls on a Sunday (5 U.S.C. 6103(b); EO 11582).
CREATE TABLE fms.holiday_rules (
	holiday pg_catalog.text NOT NULL,
	rule pg_catalog.text NOT NULL
		CONSTRAINT rule_is_fixed_nth_or_last_weekday
		CHECK (rule OPERATOR(pg_catalog.=) ANY (ARRAY['fixed', 'nth_weekday', 'last_weekday'])),
	month pg_catalog.int4 NOT NULL
		CONSTRAINT month_is_1_to_12 CHECK (month OPERATOR(pg_catalog.>=) 1 AND month OPERATOR(pg_catalog.<=) 12),
	day pg_catalog.int4
		CONSTRAINT day_is_1_to_31 CHECK (day OPERATOR(pg_catalog.>=) 1 AND day OPERATOR(pg_catalog.<=) 31),
	weekday pg_catalog.int4
		CONSTRAINT weekday_is_iso_1_to_7 CHECK (weekday OPERATOR(pg_catalog.>=) 1 AND weekday OPERATOR(pg_catalog.<=) 7),
	nth pg_catalog.int4
		CONSTRAINT nth_is_1_to_5 CHECK (nth OPERATOR(pg_catalog.>=) 1 AND nth OPERATOR(pg_catalog.<=) 5),
	first_year pg_catalog.int4 NOT NULL,
	last_year pg_catalog.int4,
	source pg_catalog.text NOT NULL,
	origin pg_catalog.text NOT NULL DEFAULT 'added'
		CONSTRAINT origin_is_shipped_edited_or_added
		CHECK (origin OPERATOR(pg_catalog.=) ANY (ARRAY['shipped', 'edited', 'added'])),
	PRIMARY KEY (holiday, first_year),
	CONSTRAINT fields_fit_the_rule CHECK (
		CASE WHEN rule OPERATOR(pg_catalog.=) 'fixed'
		     THEN day IS NOT NULL AND weekday IS NULL AND nth IS NULL
		     WHEN rule OPERATOR(pg_catalog.=) 'nth_weekday'
		     THEN day IS NULL AND weekday IS NOT NULL AND nth IS NOT NULL
		     ELSE day IS NULL AND weekday IS NOT NULL AND nth IS NULL END),
	CONSTRAINT years_in_order CHECK (last_year IS NULL OR last_year OPERATOR(pg_catalog.>=) first_year)
);
SELECT pg_catalog.pg_extension_config_dump('fms.holiday_rules', $$WHERE origin OPERATOR(pg_catalog.<>) 'shipped'$$);
COMMENT ON TABLE fms.holiday_rules IS 'federal holidays (5 U.S.C. 6103) as date rules with the years each applies; user edits survive pg_dump';
COMMENT ON COLUMN fms.holiday_rules.holiday IS 'statutory name of the holiday';
COMMENT ON COLUMN fms.holiday_rules.rule IS '''fixed'' (month and day), ''nth_weekday'' (nth weekday of the month) or ''last_weekday'' (last weekday of the month)';
COMMENT ON COLUMN fms.holiday_rules.month IS 'month, 1-12';
COMMENT ON COLUMN fms.holiday_rules.day IS 'day of the month, for fixed rules';
COMMENT ON COLUMN fms.holiday_rules.weekday IS 'ISO weekday, 1 = Monday ... 7 = Sunday, for weekday rules';
COMMENT ON COLUMN fms.holiday_rules.nth IS 'which occurrence of the weekday, 1-5, for nth_weekday rules';
COMMENT ON COLUMN fms.holiday_rules.first_year IS 'first year the rule applies';
COMMENT ON COLUMN fms.holiday_rules.last_year IS 'last year the rule applies; NULL while current';
COMMENT ON COLUMN fms.holiday_rules.source IS 'the law or practice behind the rule, and how certain it is';
COMMENT ON COLUMN fms.holiday_rules.origin IS '''shipped'' (as seeded), ''edited'' (seeded, changed here) or ''added'' (entered here); maintained automatically';

INSERT INTO fms.holiday_rules (holiday, rule, month, day, weekday, nth, first_year, last_year, source, origin) VALUES
	('New Year''s Day', 'fixed', 1, 1, NULL, NULL, 1900, NULL, '5 U.S.C. 6103(a): January 1. Confirmed.', 'shipped'),
	('Birthday of Martin Luther King, Jr.', 'nth_weekday', 1, NULL, 1, 3, 1986, NULL, '5 U.S.C. 6103(a): third Monday in January; observed from 1986 (Pub. L. 98-144). Rule confirmed; first year unconfirmed.', 'shipped'),
	('Washington''s Birthday', 'fixed', 2, 22, NULL, NULL, 1900, 1970, 'February 22 before the Uniform Monday Holiday Act took effect in 1971. Unconfirmed.', 'shipped'),
	('Washington''s Birthday', 'nth_weekday', 2, NULL, 1, 3, 1971, NULL, '5 U.S.C. 6103(a): third Monday in February, from 1971. Confirmed.', 'shipped'),
	('Memorial Day', 'fixed', 5, 30, NULL, NULL, 1900, 1970, 'May 30 (Decoration Day) before 1971. Unconfirmed.', 'shipped'),
	('Memorial Day', 'last_weekday', 5, NULL, 1, NULL, 1971, NULL, '5 U.S.C. 6103(a): last Monday in May, from 1971. Confirmed.', 'shipped'),
	('Juneteenth National Independence Day', 'fixed', 6, 19, NULL, NULL, 2021, NULL, '5 U.S.C. 6103(a): June 19, from 2021 (Pub. L. 117-17; first observed Friday 2021-06-18). Rule confirmed; enacting law unconfirmed.', 'shipped'),
	('Independence Day', 'fixed', 7, 4, NULL, NULL, 1900, NULL, '5 U.S.C. 6103(a): July 4. Confirmed.', 'shipped'),
	('Labor Day', 'nth_weekday', 9, NULL, 1, 1, 1900, NULL, '5 U.S.C. 6103(a): first Monday in September (a holiday since 1894). Confirmed.', 'shipped'),
	('Columbus Day', 'nth_weekday', 10, NULL, 1, 2, 1971, NULL, '5 U.S.C. 6103(a): second Monday in October, from 1971 (Uniform Monday Holiday Act, Pub. L. 90-363); before that it was proclaimed, not a federal holiday. Confirmed.', 'shipped'),
	('Veterans Day', 'fixed', 11, 11, NULL, NULL, 1938, 1970, 'November 11 (Armistice Day until 1954) from 1938 until 1970. Unconfirmed.', 'shipped'),
	('Veterans Day', 'nth_weekday', 10, NULL, 1, 4, 1971, 1977, 'Fourth Monday in October from 1971 to 1977 (Uniform Monday Holiday Act). Unconfirmed.', 'shipped'),
	('Veterans Day', 'fixed', 11, 11, NULL, NULL, 1978, NULL, '5 U.S.C. 6103(a): November 11, again from 1978. Confirmed.', 'shipped'),
	('Thanksgiving Day', 'last_weekday', 11, NULL, 4, NULL, 1900, 1938, 'Last Thursday in November by presidential proclamation until 1938. Unconfirmed.', 'shipped'),
	('Thanksgiving Day', 'nth_weekday', 11, NULL, 4, 3, 1939, 1941, 'Third Thursday in November by proclamation, 1939 to 1941. Unconfirmed.', 'shipped'),
	('Thanksgiving Day', 'nth_weekday', 11, NULL, 4, 4, 1942, NULL, '5 U.S.C. 6103(a): fourth Thursday in November, from 1942. Confirmed.', 'shipped'),
	('Christmas Day', 'fixed', 12, 25, NULL, NULL, 1900, NULL, '5 U.S.C. 6103(a): December 25. Confirmed.', 'shipped');

-- The federal fiscal year as the law set it over time (31 U.S.C. 1102):
-- a rule names the month its fiscal years begin, FY N being the one that
-- ends in calendar year N; a period between fiscal years (the transition
-- quarter of 1976) has a name instead.
CREATE TABLE fms.fiscal_year_rules (
	valid_from pg_catalog.date PRIMARY KEY,
	valid_to pg_catalog.date,
	first_month pg_catalog.int4
		CONSTRAINT first_month_is_1_to_12 CHECK (first_month OPERATOR(pg_catalog.>=) 1 AND first_month OPERATOR(pg_catalog.<=) 12),
	period_name pg_catalog.text,
	source pg_catalog.text NOT NULL,
	origin pg_catalog.text NOT NULL DEFAULT 'added'
		CONSTRAINT origin_is_shipped_edited_or_added
		CHECK (origin OPERATOR(pg_catalog.=) ANY (ARRAY['shipped', 'edited', 'added'])),
	CONSTRAINT fiscal_years_or_a_named_period CHECK ((first_month IS NULL) OPERATOR(pg_catalog.=) (period_name IS NOT NULL)),
	CONSTRAINT validity_is_not_empty CHECK (valid_to IS NULL OR valid_to OPERATOR(pg_catalog.>) valid_from),
	CONSTRAINT fiscal_year_rules_periods_do_not_overlap EXCLUDE USING gist (
		pg_catalog.daterange(valid_from, valid_to) WITH OPERATOR(pg_catalog.&&)) DEFERRABLE INITIALLY DEFERRED
);
SELECT pg_catalog.pg_extension_config_dump('fms.fiscal_year_rules', $$WHERE origin OPERATOR(pg_catalog.<>) 'shipped'$$);
COMMENT ON TABLE fms.fiscal_year_rules IS 'how the federal fiscal year ran over [valid_from, valid_to): the month fiscal years began, or the name of a period between them; read by fms.fiscal_year and fms.fiscal_quarter; user edits survive pg_dump';
COMMENT ON COLUMN fms.fiscal_year_rules.valid_from IS 'first day the rule applies';
COMMENT ON COLUMN fms.fiscal_year_rules.valid_to IS 'first day it no longer applies; NULL while current';
COMMENT ON COLUMN fms.fiscal_year_rules.first_month IS 'month fiscal years begin in (FY N ends in calendar year N); NULL for a period between fiscal years';
COMMENT ON COLUMN fms.fiscal_year_rules.period_name IS 'name of a period between fiscal years, e.g. ''TQ 1976''; NULL otherwise';
COMMENT ON COLUMN fms.fiscal_year_rules.source IS 'the law that set it, and how certain it is';
COMMENT ON COLUMN fms.fiscal_year_rules.origin IS '''shipped'' (as seeded), ''edited'' (seeded, changed here) or ''added'' (entered here); maintained automatically';
INSERT INTO fms.fiscal_year_rules (valid_from, valid_to, first_month, period_name, source, origin) VALUES
	('1843-07-01', '1976-07-01', 7, NULL,
	 'July to June: Act of August 26, 1842 (5 Stat. 536), from 1843-07-01, until the Congressional Budget Act of 1974 moved the start. The 1843 start is unconfirmed; July to June before FY1977 is confirmed.', 'shipped'),
	('1976-07-01', '1976-10-01', NULL, 'TQ 1976',
	 'The transition quarter, 1976-07-01 to 1976-09-30, between FY1976 and FY1977 (Congressional Budget Act of 1974, section 501). Confirmed.', 'shipped'),
	('1976-10-01', NULL, 10, NULL,
	 '31 U.S.C. 1102: October to September, from FY1977. Confirmed.', 'shipped');

CREATE TABLE fms.calendar_closures (
	closed_on pg_catalog.date PRIMARY KEY
		CONSTRAINT closed_on_within_the_calendar
		CHECK (closed_on OPERATOR(pg_catalog.>=) '1900-01-01' AND closed_on OPERATOR(pg_catalog.<=) '2200-12-31'),
	reason pg_catalog.text NOT NULL,
	recorded_at pg_catalog.timestamptz NOT NULL DEFAULT pg_catalog.now()
);
SELECT pg_catalog.pg_extension_config_dump('fms.calendar_closures', '');
COMMENT ON TABLE fms.calendar_closures IS 'federal closures that are not 5 U.S.C. 6103 holidays: executive-order days off, national days of mourning (and, if you choose, lapses in appropriations)';
COMMENT ON COLUMN fms.calendar_closures.closed_on IS 'the day closed';
COMMENT ON COLUMN fms.calendar_closures.reason IS 'why, e.g. the executive order';
COMMENT ON COLUMN fms.calendar_closures.recorded_at IS 'when the closure was entered';

CREATE TRIGGER invalidate_cache AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON fms.holiday_rules
	FOR EACH STATEMENT EXECUTE FUNCTION fms.invalidate_cached_definitions();
ALTER TABLE fms.holiday_rules ENABLE ALWAYS TRIGGER invalidate_cache;
CREATE TRIGGER invalidate_cache AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON fms.calendar_closures
	FOR EACH STATEMENT EXECUTE FUNCTION fms.invalidate_cached_definitions();
ALTER TABLE fms.calendar_closures ENABLE ALWAYS TRIGGER invalidate_cache;
CREATE TRIGGER invalidate_cache AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON fms.fiscal_year_rules
	FOR EACH STATEMENT EXECUTE FUNCTION fms.invalidate_cached_definitions();
ALTER TABLE fms.fiscal_year_rules ENABLE ALWAYS TRIGGER invalidate_cache;

CREATE FUNCTION fms.is_business_day(pg_catalog.date) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'fms_is_business_day'
	LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION fms.is_business_day(pg_catalog.date) IS 'true on weekdays that are not an observed federal holiday or a recorded closure (1900-2200); STABLE, not IMMUTABLE, because it reads fms.holiday_rules and fms.calendar_closures';

CREATE FUNCTION fms.business_days_between("from" pg_catalog.date, "to" pg_catalog.date) RETURNS pg_catalog.int4
	AS 'MODULE_PATHNAME', 'fms_business_days_between'
	LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION fms.business_days_between(pg_catalog.date, pg_catalog.date) IS 'business days d with from < d <= to, negative when to < from; constant time; STABLE because it reads fms.holiday_rules and fms.calendar_closures';

CREATE FUNCTION fms.add_business_days(pg_catalog.date, pg_catalog.int4) RETURNS pg_catalog.date
	AS 'MODULE_PATHNAME', 'fms_add_business_days'
	LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION fms.add_business_days(pg_catalog.date, pg_catalog.int4) IS 'the nth business day after (n > 0) or before (n < 0) a date; n = 0 gives the date if it is a business day, else the next one; STABLE because it reads fms.holiday_rules and fms.calendar_closures';

CREATE FUNCTION fms.federal_holidays(from_year pg_catalog.int4, to_year pg_catalog.int4)
	RETURNS TABLE (holiday_on pg_catalog.date, observed_on pg_catalog.date, name pg_catalog.text)
	AS 'MODULE_PATHNAME', 'fms_federal_holidays'
	LANGUAGE C STABLE STRICT PARALLEL SAFE ROWS 11;
COMMENT ON FUNCTION fms.federal_holidays(pg_catalog.int4, pg_catalog.int4) IS 'the federal holidays of the years, with the date each is observed; STABLE because it reads fms.holiday_rules';

CREATE FUNCTION fms.fiscal_year(pg_catalog.date) RETURNS pg_catalog.int4
	AS 'MODULE_PATHNAME', 'fms_fiscal_year'
	LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION fms.fiscal_year(pg_catalog.date) IS 'U.S. federal fiscal year as fms.fiscal_year_rules record it: FY2026 runs from 2025-10-01 to 2026-09-30, FY1976 from 1975-07-01 to 1976-06-30; NULL in the 1976 transition quarter, which belongs to none; STABLE because it reads the rules';
CREATE FUNCTION fms.fiscal_quarter(pg_catalog.date) RETURNS pg_catalog.text
	AS 'MODULE_PATHNAME', 'fms_fiscal_quarter'
	LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION fms.fiscal_quarter(pg_catalog.date) IS 'U.S. federal fiscal quarter, e.g. ''FY2026 Q1'' for October to December 2025, ''FY1976 Q1'' for July to September 1975, ''TQ 1976'' for the transition quarter; STABLE because it reads fms.fiscal_year_rules';
