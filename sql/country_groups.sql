--
-- Country groups as effective-dated data: membership on a date.
--
SET DateStyle = ISO;

SELECT g.group_code, count(m.country_code) AS members, min(m.valid_from) AS first_joined
  FROM fms.country_groups AS g LEFT JOIN fms.country_group_members AS m USING (group_code)
 GROUP BY g.group_code ORDER BY g.group_code;
SELECT country_code, valid_from FROM fms.country_group_members
 WHERE group_code = 'NATO' AND valid_from > '2000-01-01' ORDER BY valid_from, country_code;

-- Customers (illustrative codes) and an organization.
INSERT INTO fms.customers (customer_code, name, kind, country_code, country_group) VALUES
	('FI', 'Finland (illustrative code)', 'country', 'FI', NULL),
	('SW', 'Sweden (illustrative code)', 'country', 'SE', NULL),
	('KO', 'Korea, Republic of (illustrative code)', 'country', 'KR', NULL),
	('CH', 'China (illustrative code)', 'country', 'CN', NULL),
	('NU', 'Nicaragua (illustrative code)', 'country', 'NI', NULL),
	('NO', 'NATO Support and Procurement Agency (illustrative code)', 'organization', NULL, 'NATO_PLUS');
-- Judged on different days, the same customer is in different groups.
SELECT c, d, fms.country_groups_of(c, d)
  FROM (VALUES ('FI', '2023-04-03'::date), ('FI', '2023-04-04'), ('SW', '2024-03-06'), ('SW', '2024-03-07'),
               ('KO', '2008-10-14'), ('KO', '2008-10-15'), ('CH', '2026-01-01'),
               ('NU', '2024-03-14'), ('NU', '2024-03-15'), ('NO', '1990-01-01'), ('JA', '2026-01-01'),
               ('ZZ', '2026-01-01')) AS v(c, d);

-- Only customers that are not countries carry a group of their own.
SELECT * FROM error_of($$UPDATE fms.customers SET country_group = 'NATO' WHERE customer_code = 'FI'$$);
-- Periods of one membership do not overlap (checked at commit).
BEGIN;
INSERT INTO fms.country_group_members (group_code, country_code, valid_from, valid_to, source)
VALUES ('NATO', 'FI', '2020-01-01', '2023-06-01', 'test');
SELECT state, message, detail FROM error_of('SET CONSTRAINTS ALL IMMEDIATE');
ROLLBACK;
-- Leaving a group: close the period; the day after, the country is out.
BEGIN;
UPDATE fms.country_group_members SET valid_to = '2030-01-01'
 WHERE group_code = 'ITAR_126_1_EXCEPTIONS' AND country_code = 'NI';
SET CONSTRAINTS ALL IMMEDIATE;
SELECT fms.country_groups_of('NU', '2029-12-31') AS last_day, fms.country_groups_of('NU', '2030-01-01') AS day_after;
ROLLBACK;
DELETE FROM fms.customers WHERE customer_code IN ('FI', 'SW', 'KO', 'CH', 'NU', 'NO');

-- The notification rules in force: AECA 36(b)(1) and 22 CFR 123.15.
SELECT program, section, coalesce(country_group, '(all others)') AS destinations, measure,
       threshold_usd, review_days, informal_review_days
  FROM fms.notification_rules
 WHERE valid_from <= '2026-01-01' AND (valid_to IS NULL OR valid_to > '2026-01-01')
 ORDER BY program, measure, country_group NULLS FIRST;
