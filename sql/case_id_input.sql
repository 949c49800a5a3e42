--
-- fms.case_id: input, output, casts and accessors
--

-- Every accepted spelling gives the canonical text.
SELECT input, input::fms.case_id AS case_id
  FROM (VALUES ('JA-D-QAB'), ('ja-d-qab'), ('Ja-d-QaB'), ('JA D QAB'), ('JADQAB'),
               ('  JA-D-QAB  '), (E'\tJA-D-QAB\n'), ('JA - D - QAB'), ('JA  D  QAB'), ('JA--D--QAB'),
               ('JAD-QAB'), ('JA-DQAB'), ('01-B-9Z9'), ('00-A-000'), ('ZZ-Z-ZZZ'))
       AS v(input);

-- Output then input gives the same value (dump and restore rely on it).
SELECT id, id::text::fms.case_id = id AS round_trip
  FROM (VALUES ('00-A-000'::fms.case_id), ('ZZ-Z-ZZZ'), ('JA-D-QAB'), ('9A-B-0Z1')) AS v(id);

-- Every kind of bad input: 22P02, the input named, the bad part explained.
SELECT input, e.state, e.message, e.detail
  FROM (VALUES (''), ('   '), ('J'), ('J-D-QAB'), ('JAX-D-QAB'), ('JA-1-QAB'), ('JA-DD-QAB'),
               ('JA-D'), ('J-ADQAB'), ('JADQ-AB'), ('JA-D-QA'), ('JA-D-QA B'), ('JA-D-Q@B'), ('JA_D_QAB'),
               ('JA-D-QABC'), ('JA-D-QAB-'), ('JA-D-QAB x'), ('ÉA-D-QAB'), ('JA-D-QAB;'))
       AS v(input),
       LATERAL error_of(format('SELECT %L::fms.case_id', input)) AS e;

-- The same parser serves the casts from text and varchar.
SELECT 'ja d qab'::text::fms.case_id AS from_text,
       'JADQAB'::varchar::fms.case_id AS from_varchar,
       'JA-D-QAB'::fms.case_id::text AS to_text,
       pg_typeof('JA-D-QAB'::fms.case_id::text) AS text_type;
SELECT * FROM error_of($$SELECT 'JA-D-QA'::text::fms.case_id$$);

-- Assignment casts: a client that sends text can write a case_id column,
-- and a case_id can be stored in a text column.
CREATE TABLE case_id_assign (id fms.case_id, label text);
INSERT INTO case_id_assign VALUES ('ja-d-qab'::text, 'JA-P-AAA'::fms.case_id);
INSERT INTO case_id_assign VALUES ('ja d qac'::varchar, NULL);
SELECT * FROM case_id_assign ORDER BY id;
SELECT * FROM error_of($$INSERT INTO case_id_assign VALUES ('JA-D-QA'::text, NULL)$$);
SELECT count(*) AS rows_after_bad_insert FROM case_id_assign;
DROP TABLE case_id_assign;

-- Accessors.
SELECT customer_code(id), agency_code(id), designator(id)
  FROM (VALUES ('JA-D-QAB'::fms.case_id), ('01-B-9Z9')) AS v(id);

-- The constructor takes each part in any case, with blanks around it.
SELECT make_case_id('JA', 'D', 'QAB') AS plain,
       make_case_id(' ja ', 'd', 'qab ') AS tolerant,
       make_case_id('01', 'b', '9z9') AS digits;
SELECT customer, agency, designator, e.state, e.message, e.detail
  FROM (VALUES ('JAP', 'D', 'QAB'), ('J', 'D', 'QAB'), ('J-', 'D', 'QAB'),
               ('JA', '1', 'QAB'), ('JA', 'DD', 'QAB'), ('JA', '', 'QAB'),
               ('JA', 'D', 'QA'), ('JA', 'D', 'QABC'), ('JA', 'D', 'Q B'))
       AS v(customer, agency, designator),
       LATERAL error_of(format('SELECT fms.make_case_id(%L, %L, %L)', customer, agency, designator)) AS e;

-- NULL in, NULL out.
SELECT NULL::fms.case_id IS NULL AS null_input,
       customer_code(NULL) IS NULL AS null_customer,
       make_case_id('JA', NULL, 'QAB') IS NULL AS null_part;
