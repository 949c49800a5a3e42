-- The default sample portfolio (16,000 open cases as of 2026-11-30, seed 1)
-- against the public figures of DOMAIN.md sections 7 and 10, each within
-- the tolerance its line states.  Every line prints what it measured.
\set ON_ERROR_STOP 1
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pgtap;
SET search_path = public, fms;
SELECT count(*) AS kinds_written FROM fms.generate_sample_data(16000, 1, '2026-11-30') \gset
SET fms.as_of_date = '2026-11-30';
SELECT plan(27);

CREATE TEMP TABLE open_cases AS
SELECT c.*, fms.customer_code(c.case_id) AS customer FROM fms.cases AS c WHERE c.status NOT IN ('closed', 'cancelled');
CREATE TEMP TABLE shares AS
SELECT customer, 100 * sum(total_value_usd) / sum(sum(total_value_usd)) OVER () AS pct FROM open_cases GROUP BY 1;
CREATE FUNCTION measured(what text, value numeric, low numeric, high numeric) RETURNS text LANGUAGE sql AS $$
	SELECT ok(value BETWEEN low AND high, format('%s: %s (%s to %s)', what, value, low, high))
$$;

-- 16,000 open cases worth $903 billion, by construction.
SELECT measured('open cases', (SELECT count(*) FROM open_cases), 16000, 16016);
SELECT measured('open value, $ billion', (SELECT round(sum(total_value_usd) / 1e9, 1) FROM open_cases), 900.7, 905.3);
-- Real partners, about 180; none a territory, the United States, an
-- uninhabited place or a 126.1(d)(1) destination.
SELECT measured('customers', (SELECT count(*) FROM fms.customers), 150, 190);
SELECT measured('customers with open cases', (SELECT count(DISTINCT customer) FROM open_cases), 145, 190);
SELECT is((SELECT count(*)::int FROM fms.customers
            WHERE country_code IN ('US', 'UM', 'PR', 'GU', 'VI', 'AS', 'MP', 'AQ', 'BV', 'HM', 'TF', 'VA', 'HK', 'MO',
                                   'GL', 'AX', 'CX', 'CC', 'NF', 'PN', 'SH', 'GS', 'IO')), 0,
          'no territory, United States or uninhabited place among the customers');
SELECT is((SELECT count(*)::int FROM fms.customers
            WHERE 'ITAR_126_1_DENIAL' = ANY (fms.country_groups_of(customer_code, '2026-11-30'))), 0,
          'no 126.1(d)(1) destination among the customers');
-- The largest partners first, NATO and NATO+ holding most.
SELECT ok(bool_and(customer IN ('SR', 'PL', 'JA', 'IS', 'AT', 'TW', 'GY')),
          'the five largest by open value are among Saudi Arabia, Poland, Japan, Israel, Australia, Taiwan, Germany: '
          || string_agg(customer, ', ' ORDER BY pct DESC))
  FROM (SELECT customer, pct FROM shares ORDER BY pct DESC LIMIT 5) AS top;
SELECT measured('largest customer''s share of open value, %', (SELECT round(max(pct), 2) FROM shares), 7, 13);
SELECT is((SELECT string_agg(customer, ', ' ORDER BY customer)
             FROM (VALUES ('SR'), ('PL'), ('JA'), ('TW'), ('IS'), ('AT'), ('UK'), ('KS'), ('QA'), ('AE'), ('EG'), ('GY'), ('KU'),
                          ('GR'), ('TK'), ('FI'), ('EZ'), ('IQ'), ('N4')) AS named(customer)
            WHERE NOT EXISTS (SELECT FROM shares AS s WHERE s.customer = named.customer AND s.pct >= 0.5)), NULL,
          'every partner DOMAIN.md names holds at least 0.5% of the open value');
SELECT measured('NATO and NATO+ share of open value, %',
                (SELECT round(100 * sum(total_value_usd) FILTER (WHERE 'NATO_PLUS' = ANY (fms.country_groups_of(customer, '2026-11-30')))
                              / sum(total_value_usd), 1) FROM open_cases), 55, 75);
-- Nothing the export rules forbid.
SELECT is((SELECT count(*)::int FROM fms.cases AS c
            WHERE c.offered_on IS NOT NULL
              AND EXISTS (SELECT FROM fms.export_findings(fms.destination_country(c.customer_code, c.offered_on), 'FMS',
                                                          NULL, NULL, NULL, NULL, NULL, c.offered_on) AS f WHERE f.severity = 'deny')),
          0, 'no offer to a destination a rule denies on the offer date');
SELECT is((SELECT count(*)::int FROM fms.cases WHERE offered_on > oed_on OR (milap_on >= '2008-01-01' AND oed_on <> milap_on + 85)),
          0, 'every OED is MILAP plus 85 days (from 2008), and no offer comes after it');
SELECT is((SELECT count(*)::int FROM fms.cases AS c JOIN fms.congressional_notifications AS n USING (case_id)
            WHERE n.change_no IS NULL AND c.offered_on < n.review_ends_on), 0,
          'no offer before the formal review of its notification ended');
-- Notifications in the numbers Congress sees.
SELECT measured(format('36(b)(1) notifications in FY%s', fy), count(*), 24, 150)
  FROM fms.congressional_notifications
 CROSS JOIN LATERAL (SELECT fms.fiscal_year(formal_sent_on) AS fy) AS y
 WHERE section = '36(b)(1)' AND fy BETWEEN 2023 AND 2026 GROUP BY fy ORDER BY fy;
SELECT measured('36(b)(5)(C) notifications of amendments, FY2017-FY2026',
                (SELECT count(*) FROM fms.congressional_notifications WHERE section = '36(b)(5)(C)'
                    AND fms.fiscal_year(formal_sent_on) BETWEEN 2017 AND 2026), 5, 100);
SELECT measured('36(c) notifications in FY2026',
                (SELECT count(*) FROM fms.congressional_notifications WHERE section = '36(c)' AND fms.fiscal_year(formal_sent_on) = 2026), 24, 250);
SELECT measured('36(d) notifications in FY2026',
                (SELECT count(*) FROM fms.congressional_notifications WHERE section = '36(d)' AND fms.fiscal_year(formal_sent_on) = 2026), 5, 120);
-- Growth as published: $80.9 billion in FY2023, $117.9 billion in FY2024.
SELECT measured('accepted value FY2024 / FY2023 (published 1.457)',
                (SELECT round(sum(total_value_usd) FILTER (WHERE fms.fiscal_year(accepted_on) = 2024)
                              / sum(total_value_usd) FILTER (WHERE fms.fiscal_year(accepted_on) = 2023), 3) FROM fms.cases), 1.36, 1.56);
-- DCS: about $200 billion of approvals in FY2026 over tens of thousands of
-- licences, most of small value, a few percent denied or returned.
CREATE TEMP TABLE fy2026 AS SELECT * FROM fms.dcs_licenses WHERE fms.fiscal_year(decided_on) = 2026;
SELECT measured('DCS approvals in FY2026, $ billion',
                (SELECT round(sum(value_usd) / 1e9, 1) FROM fy2026 WHERE status IN ('approved', 'approved_with_provisos')), 180.7, 220.9);
SELECT measured('DCS licences decided in FY2026', (SELECT count(*) FROM fy2026), 20000, 40000);
SELECT measured('median DCS licence, $ thousand',
                (SELECT round(percentile_cont(0.5) WITHIN GROUP (ORDER BY value_usd)::numeric / 1e3) FROM fy2026), 20, 1000);
SELECT measured('DCS licences denied, %', (SELECT round(100.0 * count(*) FILTER (WHERE status = 'denied') / count(*), 2) FROM fy2026), 1, 4);
SELECT measured('DCS licences returned without action, %',
                (SELECT round(100.0 * count(*) FILTER (WHERE status = 'returned_without_action') / count(*), 2) FROM fy2026), 1.5, 5);
-- Lines sliced by category.
SELECT measured('USML categories among the lines', (SELECT count(DISTINCT fms.usml_category(usml)) FROM fms.case_lines), 5, 21);

SELECT * FROM finish();
