-- The demo of fms, run by test/demo.sh against a throwaway database.
\pset footer off
\echo '==> CREATE EXTENSION fms CASCADE (and btree_gist, which it requires)'
CREATE EXTENSION fms CASCADE;
-- What the README asks every database to do, so fms operators resolve.
SELECT pg_catalog.set_config('search_path', 'public, fms', false) \gset

\echo
\echo '==> fms.case_id reads case identifiers however they are written'
SELECT input AS "as written", input::fms.case_id AS "case_id",
       fms.customer_code(input::fms.case_id) AS customer,
       fms.agency_code(input::fms.case_id) AS agency,
       fms.designator(input::fms.case_id) AS designator
  FROM (VALUES ('JA-D-QAB'), ('ja d qab'), ('TWDSAF'), (' ks-p-aaa ')) AS v(input);

\echo
\echo '==> ... and refuses what is not one, saying which part is wrong'
\set VERBOSITY default
\set SHOW_CONTEXT never
\set ON_ERROR_STOP off
SELECT 'JA-1-QAB'::fms.case_id;
\set ON_ERROR_STOP on

\echo
\echo '==> fms.usml orders the U.S. Munitions List as a reader does, and knows what contains what'
SELECT ref, fms.usml_category(ref) AS category, ref <@ 'XI(a)' AS "under XI(a)"
  FROM (VALUES ('XI(a)(10)'::fms.usml), ('Cat. XI(a)(9)'), ('xi'), ('XI(a)(3)(ii)'),
               ('XI(a)(3)(i)(A)'), ('Category XIX(f)(1)'), ('IV(b)')) AS v(ref)
 ORDER BY ref;

\echo
\echo '==> reference data: ISO 3166-1 countries and implementing agencies'
SELECT count(*) AS countries FROM fms.countries;
SELECT agency_code AS code, name FROM fms.implementing_agencies ORDER BY agency_code;

\echo
\echo '==> a case walked from its Letter of Request to closure, history replayed with effective dates'
INSERT INTO fms.customers VALUES ('JA', 'Japan', 'country', 'JP');
SET fms.effective_date = '2024-01-10';
INSERT INTO fms.cases (case_id, title, aod_group, lor_received_on, lor_complete_on, total_value_usd, mde_value_usd)
VALUES ('JA-D-QAB', 'F-15 sustainment', 'B', '2024-01-02', '2024-01-09', 120000000, 80000000);
RESET fms.effective_date;
-- $120M with $80M of major defense equipment to Japan: AECA 36(b)(1)
-- notification, 15-day formal review before the offer.
INSERT INTO fms.congressional_notifications (case_id, transmittal_no, section, informal_sent_on, formal_sent_on, review_days, status)
VALUES ('JA-D-QAB', '24-01', '36(b)(1)', '2024-01-25', '2024-02-12', 15, 'cleared');
SELECT t.status, t.status_since, t.milap_on, t.oed_on
  FROM (VALUES (1, 'write', '2024-02-01'::date), (2, 'review', '2024-02-10'), (3, 'proposed', '2024-02-20'),
               (4, 'offered', '2024-03-01'), (5, 'accepted', '2024-04-26')) AS v(n, state, effective),
       LATERAL fms.transition('JA-D-QAB', v.state, v.effective) AS t
 ORDER BY v.n;

\echo
\echo '==> the engine refuses what the life cycle does not allow'
\set ON_ERROR_STOP off
SELECT fms.transition('JA-D-QAB', 'implemented', '2024-05-15');
\set ON_ERROR_STOP on
UPDATE fms.cases SET deposit_received_on = '2024-05-10' WHERE case_id = 'JA-D-QAB';
SELECT status FROM fms.transition('JA-D-QAB', 'implemented', '2024-05-15');
SELECT status FROM fms.transition('JA-D-QAB', 'supply_complete', '2026-01-15');
SELECT status FROM fms.transition('JA-D-QAB', 'closed', '2027-01-20');

\echo
\echo '==> its history, from the append-only transition log'
SELECT state, held, actor FROM fms.case_status_history WHERE case_id = 'JA-D-QAB' ORDER BY entered_on;
SELECT fms.status_as_of('JA-D-QAB', '2024-04-01') AS "status on 2024-04-01";

\echo
\echo '==> the federal business-day calendar: observed holidays, business days, fiscal periods'
SELECT holiday_on, observed_on, name FROM fms.federal_holidays(2026, 2026) ORDER BY holiday_on;
SELECT fms.business_days_between('2026-01-01', '2026-12-31') AS "business days in 2026",
       fms.add_business_days('2026-11-25', 1) AS "next business day after 2026-11-25",
       fms.fiscal_quarter(current_date) AS "this fiscal quarter";
SELECT kind, aod_on, offered_on, complete_to_offer_days, complete_to_offer_business_days, offered_by_aod
  FROM fms.document_lead_times WHERE case_id = 'JA-D-QAB';

\echo
\echo '==> 100,000 cases, indexed, looked up by any spelling'
-- (identifiers only, in a plain table: the case tables need customers)
CREATE TABLE public.demo_cases AS
SELECT fms.make_case_id(substr(a, 1 + i % 36, 1) || substr(a, 1 + i / 36 % 36, 1),
                        substr('BDPF', 1 + i % 4, 1),
                        substr(a, 1 + i / 1296 % 36, 1) || substr(a, 1 + i / 7 % 36, 1) || substr(a, 1 + i / 11 % 36, 1)) AS case_id
  FROM generate_series(1, 100000) AS i, (VALUES ('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ')) AS v(a);
CREATE INDEX ON public.demo_cases (case_id);
ANALYZE public.demo_cases;
SELECT fms.agency_code(case_id) AS agency, count(*) AS "cases of customer JA"
  FROM public.demo_cases WHERE case_id BETWEEN 'ja a 000' AND 'JA-Z-ZZZ'
 GROUP BY 1 ORDER BY 1;
EXPLAIN (COSTS OFF) SELECT * FROM public.demo_cases WHERE case_id = 'ja d qab';
