-- What fms answers from its reference tables, run by test/citus.sh on a
-- Citus cluster (distributed = true, after test/citus/distribute.sql) and
-- on a single node (distributed = false): the two outputs must be equal.
-- The tables of days and sales are distributed on the cluster, so that the
-- calendar and the notification rules are read on the workers, by
-- connections that stay open from one statement to the next.
\set ON_ERROR_STOP on
SET client_min_messages = warning;
CREATE TABLE public.days (d date PRIMARY KEY);
CREATE TABLE public.sales (country text PRIMARY KEY, total numeric, mde numeric);
\if :distributed
SELECT create_distributed_table('public.days', 'd'), create_distributed_table('public.sales', 'country') \g /dev/null
\endif
INSERT INTO public.days SELECT generate_series(date '2031-03-01', '2031-03-10', '1 day');
INSERT INTO public.sales VALUES ('QA', 60000000, 20000000), ('JP', 60000000, 20000000), ('DE', 60000000, 20000000);

-- The calendar, before and after a closure and after it is taken back: in
-- this session and on the workers.
SELECT d, fms.is_business_day(d) FROM public.days ORDER BY d;
INSERT INTO fms.calendar_closures (closed_on, reason) VALUES ('2031-03-04', 'a day of mourning (test)');
SELECT fms.is_business_day('2031-03-04') AS here, fms.add_business_days('2031-03-03', 1) AS next_after_monday;
SELECT d, fms.is_business_day(d) FROM public.days ORDER BY d;
DELETE FROM fms.calendar_closures WHERE closed_on = '2031-03-04';
SELECT d, fms.is_business_day(d) FROM public.days ORDER BY d;

-- The notification rules read the country groups: Qatar joins NATO+ in
-- 2031 and needs no notification for the same sale on the workers.
SELECT s.country, n.required, n.section, n.rule_codes
  FROM public.sales AS s, fms.notification_requirement(s.country, 'FMS', s.total, s.mde, 0, NULL, '2031-06-01') AS n
 ORDER BY s.country;
INSERT INTO fms.country_group_members (group_code, country_code, valid_from, source)
VALUES ('NATO_PLUS', 'QA', '2031-01-01', 'test');
SELECT s.country, n.required, n.section, n.rule_codes
  FROM public.sales AS s, fms.notification_requirement(s.country, 'FMS', s.total, s.mde, 0, NULL, '2031-06-01') AS n
 ORDER BY s.country;
SELECT severity, rule_code FROM fms.destination_findings('QA', 'FMS', '2031-06-01') ORDER BY rule_code;

-- Shipped rows: an edit is remembered as an edit, a deletion as a
-- deletion, a row added back as an edit of the deleted one.
SELECT origin, count(*) FROM fms.countries GROUP BY origin ORDER BY origin;
UPDATE fms.countries SET name = name || ' (renamed, test)' WHERE country_code = 'BV';
DELETE FROM fms.countries WHERE country_code = 'AQ';
DELETE FROM fms.countries WHERE country_code = 'HM';
INSERT INTO fms.countries (country_code, alpha3, name) VALUES ('HM', 'HMD', 'Heard Island and McDonald Islands (back, test)');
SELECT country_code, name, origin FROM fms.countries WHERE country_code IN ('AQ', 'BV', 'HM') ORDER BY country_code;
SELECT table_name, row_key FROM fms.deleted_shipped_rows ORDER BY row_key::text;
SELECT origin, count(*) FROM fms.countries GROUP BY origin ORDER BY origin;
-- Recording a deletion deletes the row, as a restore replays it.
INSERT INTO fms.deleted_shipped_rows (table_name, row_key) VALUES ('fms.countries', '{"country_code": "BV"}');
SELECT count(*) AS bouvet FROM fms.countries WHERE country_code = 'BV';
SELECT table_name, row_key FROM fms.deleted_shipped_rows ORDER BY row_key::text;

-- A partner sees the customers granted to it, and its own grants.
INSERT INTO fms.customers (customer_code, name, kind, country_code) VALUES ('QA', 'Qatar', 'country', 'QA'), ('JA', 'Japan', 'country', 'JP')
ON CONFLICT DO NOTHING;
SELECT fms.grant_customer_access('citus_partner', 'QA');
GRANT SELECT ON public.sales TO citus_partner;
SET ROLE citus_partner;
SELECT customer_code FROM fms.customers ORDER BY 1;
-- the same policies on the workers: the join runs there, on each shard of
-- the sales and the node's copy of the customers
SELECT s.country, c.customer_code, fms.customer_granted(s.country) AS granted
  FROM public.sales AS s LEFT JOIN fms.customers AS c ON c.country_code = s.country ORDER BY 1;
SELECT role_name, customer_code FROM fms.customer_access ORDER BY 1, 2;
SELECT fms.restricted_role() AS restricted, fms.visible_customers() AS visible;
RESET ROLE;
SELECT customer_code FROM fms.customers ORDER BY 1;
