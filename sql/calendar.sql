--
-- The federal business-day calendar and fiscal periods, checked against
-- answers worked out by hand from 5 U.S.C. 6103 and a printed calendar.
--
SET DateStyle = ISO;

-- 2021 to 2023 in full: each holiday's own date and the day it was observed.
SELECT holiday_on, to_char(holiday_on, 'Dy') AS dow, observed_on, to_char(observed_on, 'Dy') AS observed_dow, name
  FROM fms.federal_holidays(2021, 2023) ORDER BY holiday_on;

-- The observed-day edges: New Year's Day 2022 (Saturday) on Friday
-- 2021-12-31; Juneteenth 2022 (Sunday) on Monday 2022-06-20; New Year's Day
-- 2023 (Sunday) on Monday 2023-01-02; Veterans Day 2023 (Saturday) on Friday
-- 2023-11-10.  Juneteenth is a holiday from 2021 only: Friday 2020-06-19
-- was a business day, Friday 2021-06-18 was not.
SELECT d, to_char(d, 'Dy') AS dow, fms.is_business_day(d)
  FROM unnest(ARRAY['2021-12-31', '2022-01-03', '2022-06-20', '2023-01-02', '2023-11-10',
                    '2020-06-19', '2021-06-18', '2026-11-26', '2026-11-27', '2026-11-28']::date[]) AS d;

-- History follows the law of its day.
SELECT name, observed_on FROM fms.federal_holidays(1970, 1978)
 WHERE name IN ('Veterans Day', 'Washington''s Birthday', 'Birthday of Martin Luther King, Jr.')
 ORDER BY observed_on;
SELECT count(*) AS mlk_days_before_1986 FROM fms.federal_holidays(1900, 1985)
 WHERE name = 'Birthday of Martin Luther King, Jr.';
SELECT holiday_on FROM fms.federal_holidays(1938, 1942) WHERE name = 'Thanksgiving Day' ORDER BY 1;

-- Counting: the business days d with from < d <= to.
-- 2026 has 261 weekdays; without Thursday 2026-01-01, 260; minus the ten
-- other holidays observed on weekdays (Jan 19, Feb 16, May 25, Jun 19,
-- Jul 3, Sep 7, Oct 12, Nov 11, Nov 26, Dec 25), 250.
SELECT fms.business_days_between('2026-01-01', '2026-12-31') AS year_2026,
       fms.business_days_between('2026-12-31', '2026-01-01') AS backwards,
       fms.business_days_between('2026-11-25', '2026-11-25') AS same_day,
       fms.business_days_between('2026-11-25', '2026-11-30') AS over_thanksgiving,
       fms.business_days_between('2026-11-27', '2026-11-29') AS friday_to_sunday,
       fms.business_days_between('2021-12-30', '2022-01-03') AS over_new_year_2022;
-- Spans add up, however long.
SELECT fms.business_days_between('1900-01-01', '2200-12-31')
     = fms.business_days_between('1900-01-01', '2050-06-15') + fms.business_days_between('2050-06-15', '2200-12-31') AS additive,
       fms.business_days_between('2000-01-01', '2010-01-01') AS decade_2000s;

-- Stepping: the nth business day after or before.
SELECT fms.add_business_days('2026-11-25', 1) AS after_wednesday,
       fms.add_business_days('2026-11-25', -1) AS before_wednesday,
       fms.add_business_days('2026-11-30', -1) AS before_monday,
       fms.add_business_days('2026-11-28', 0) AS saturday_plus_0,
       fms.add_business_days('2026-11-30', 0) AS monday_plus_0,
       fms.add_business_days('2026-12-24', 1) AS after_christmas_eve,
       fms.add_business_days('2021-12-30', 1) AS after_2021_12_30;
-- Round trips from business days, over ten years in both directions.
SELECT bool_and(fms.add_business_days(fms.add_business_days(d, n), -n) = d) AS round_trip,
       bool_and(fms.business_days_between(d, fms.add_business_days(d, n)) = n) AS counts_back
  FROM generate_series('2016-01-01'::date, '2026-01-01', '97 days') AS g,
       LATERAL (SELECT g::date AS d) AS day,
       unnest(ARRAY[1, 5, 20, 250, 2500, -1, -5, -20, -250, -2500]) AS n
 WHERE fms.is_business_day(d);

-- Closures: recorded, the cache follows at once; removed, it follows again.
SELECT fms.is_business_day('2025-01-09') AS before_closure,
       fms.business_days_between('2025-01-06', '2025-01-10') AS week_before;
INSERT INTO fms.calendar_closures (closed_on, reason) VALUES ('2025-01-09', 'National Day of Mourning for President Jimmy Carter');
SELECT fms.is_business_day('2025-01-09') AS with_closure,
       fms.business_days_between('2025-01-06', '2025-01-10') AS week_with,
       fms.add_business_days('2025-01-08', 1) AS after_wednesday;
DELETE FROM fms.calendar_closures WHERE closed_on = '2025-01-09';
SELECT fms.is_business_day('2025-01-09') AS after_removal;
-- A closure must lie within the calendar.
SELECT state, message FROM error_of($$INSERT INTO fms.calendar_closures (closed_on, reason) VALUES ('infinity', 'x')$$);
-- A closure on a weekend changes nothing.
INSERT INTO fms.calendar_closures (closed_on, reason) VALUES ('2025-01-11', 'a Saturday');
SELECT fms.business_days_between('2025-01-06', '2025-01-13') AS week_with_saturday_closure;
DELETE FROM fms.calendar_closures;

-- The holiday rules are data too: the cache follows their changes.
BEGIN;
INSERT INTO fms.holiday_rules (holiday, rule, month, day, first_year, source)
VALUES ('Test Day', 'fixed', 3, 3, 2027, 'test');
SELECT fms.is_business_day('2027-03-03') AS test_day, fms.is_business_day('2026-03-03') AS year_before;
ROLLBACK;
SELECT fms.is_business_day('2027-03-03') AS after_rollback;

-- The ends of the range, and beyond them.
SELECT fms.is_business_day('1900-01-01') AS first_day, to_char('2200-12-31'::date, 'Dy') AS last_dow,
       fms.is_business_day('2200-12-31') AS last_day,
       fms.add_business_days('2200-12-30', 1) AS last_step;
SELECT input, e.state, e.message, e.detail
  FROM (VALUES ($$SELECT fms.is_business_day('1899-12-31')$$),
               ($$SELECT fms.business_days_between('2026-01-01', '2201-01-01')$$),
               ($$SELECT fms.add_business_days('2200-12-31', 1)$$),
               ($$SELECT fms.add_business_days('1900-01-02', -1)$$),
               ($$SELECT fms.is_business_day('infinity')$$),
               ($$SELECT * FROM fms.federal_holidays(1899, 1900)$$),
               ($$SELECT fms.fiscal_year('-infinity')$$)) AS v(input),
       LATERAL error_of(input) AS e;
-- NULL in, NULL out.
SELECT fms.is_business_day(NULL) IS NULL AS a, fms.business_days_between(NULL, '2026-01-01') IS NULL AS b,
       fms.add_business_days('2026-01-01', NULL) IS NULL AS c, fms.fiscal_year(NULL) IS NULL AS d,
       (SELECT count(*) FROM fms.federal_holidays(NULL, 2026)) AS e;

-- Fiscal periods: FY2026 runs from 2025-10-01 to 2026-09-30.
SELECT d, fms.fiscal_year(d), fms.fiscal_quarter(d)
  FROM unnest(ARRAY['2025-09-30', '2025-10-01', '2025-12-31', '2026-01-01', '2026-03-31',
                    '2026-04-01', '2026-06-30', '2026-07-01', '2026-09-30', '2026-10-01']::date[]) AS d;
-- Before FY1977 fiscal years ran July to June; the transition quarter of
-- 1976 belonged to none (its fiscal year is NULL); before 1843-07-01 no
-- rule is recorded.
SELECT d, fms.fiscal_year(d), fms.fiscal_quarter(d)
  FROM unnest(ARRAY['1975-06-30', '1975-07-01', '1975-09-30', '1975-10-01', '1976-01-01',
                    '1976-06-30', '1976-07-01', '1976-09-30', '1976-10-01']::date[]) AS d;
SELECT * FROM error_of($$SELECT fms.fiscal_year('1843-06-30')$$);
-- Columbus Day is a federal holiday from 1971 (the Uniform Monday Holiday
-- Act), not before: 1970-10-12 was a Monday and a business day.
SELECT fms.is_business_day('1970-10-12') AS columbus_day_1970, fms.is_business_day('1971-10-11') AS columbus_day_1971;
