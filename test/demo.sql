-- The demo of fms, run by test/demo.sh against a throwaway database.
\pset footer off
\echo '==> CREATE EXTENSION fms'
CREATE EXTENSION fms;
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
\echo '==> 100,000 cases, indexed, looked up by any spelling'
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
