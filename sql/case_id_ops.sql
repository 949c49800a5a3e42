--
-- fms.case_id: comparison, ordering, btree and hash support
--

-- Digits sort before letters, as in the canonical text's byte order.
SELECT id FROM (VALUES ('JA-D-QAB'::fms.case_id), ('0A-A-000'), ('A0-A-000'), ('00-A-000'),
                       ('JA-D-QAA'), ('JA-D-9ZZ'), ('JA-B-ZZZ'), ('ZZ-Z-ZZZ'), ('J9-Z-ZZZ')) AS v(id)
 ORDER BY id;

-- Every operator on a pair and on equal values.
SELECT a, b, a = b AS eq, a <> b AS ne, a < b AS lt, a <= b AS le, a > b AS gt, a >= b AS ge
  FROM (VALUES ('JA-D-QAB'::fms.case_id, 'JA-D-QAC'::fms.case_id),
               ('JA-D-QAC', 'JA-D-QAB'),
               ('JA-D-QAB', 'ja d qab')) AS v(a, b);

-- 10,000 identifiers spread over customers, agencies and designators.
CREATE TABLE cases (id fms.case_id NOT NULL, n int NOT NULL);
INSERT INTO cases
SELECT fms.make_case_id(substr(alnum, 1 + i % 36, 1) || substr(alnum, 1 + i / 36 % 36, 1),
                        substr('BDFP', 1 + i % 4, 1),
                        substr(alnum, 1 + i * 7 % 36, 1) || substr(alnum, 1 + i / 7 % 36, 1) ||
                        substr(alnum, 1 + i / 11 % 36, 1)),
       i
  FROM generate_series(0, 9999) AS i,
       (VALUES ('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ')) AS a(alnum);

-- Sort order equals the byte order of the canonical text.
SELECT (SELECT array_agg(id::text ORDER BY id, n) FROM cases)
     = (SELECT array_agg(id::text ORDER BY id::text COLLATE "C", n) FROM cases) AS same_order;

-- The btree operator class is the default and serves equality, ranges and ORDER BY.
CREATE UNIQUE INDEX cases_id_n ON cases (id, n);
CREATE INDEX cases_id ON cases (id);
VACUUM ANALYZE cases;
SET enable_seqscan = off;
SET enable_bitmapscan = off;
EXPLAIN (COSTS OFF) SELECT n FROM cases WHERE id = 'JA-D-QAB';
EXPLAIN (COSTS OFF) SELECT id FROM cases WHERE id >= 'JA-A-000' AND id < 'JB-A-000';
EXPLAIN (COSTS OFF) SELECT id FROM cases ORDER BY id DESC LIMIT 3;
-- The index gives the same answers as the text.
SELECT (SELECT count(*) FROM cases WHERE id >= 'JA-A-000' AND id < 'JB-A-000')
     = (SELECT count(*) FROM cases WHERE id::text COLLATE "C" >= 'JA-A-000'
                                     AND id::text COLLATE "C" < 'JB-A-000') AS same_range_count,
       (SELECT count(*) FROM cases WHERE id >= 'JA-A-000' AND id < 'JB-A-000') > 0 AS range_not_empty;
SELECT id FROM cases ORDER BY id DESC LIMIT 3;
RESET enable_bitmapscan;
RESET enable_seqscan;

-- Differently spelled duplicates are duplicates.
CREATE TABLE unique_cases (id fms.case_id PRIMARY KEY);
INSERT INTO unique_cases VALUES ('JA-D-QAB');
SELECT * FROM error_of($$INSERT INTO unique_cases VALUES ('ja d qab')$$);
DROP TABLE unique_cases;

-- The hash operator class is the default: hash indexes, joins and aggregation.
CREATE INDEX cases_id_hash ON cases USING hash (id);
DROP INDEX cases_id, cases_id_n;
SET enable_seqscan = off;
SET enable_bitmapscan = off;
EXPLAIN (COSTS OFF) SELECT n FROM cases WHERE id = 'JA-D-QAB';
RESET enable_bitmapscan;
RESET enable_seqscan;
SET enable_mergejoin = off;
SET enable_nestloop = off;
EXPLAIN (COSTS OFF) SELECT count(*) FROM cases AS a JOIN cases AS b USING (id);
RESET enable_nestloop;
RESET enable_mergejoin;
SET enable_sort = off;
EXPLAIN (COSTS OFF) SELECT id, count(*) FROM cases GROUP BY id;
RESET enable_sort;
SELECT count(DISTINCT id) AS distinct_ids,
       (SELECT count(*) FROM (SELECT DISTINCT id::text FROM cases) AS d) AS distinct_texts
  FROM cases;
-- Equal values hash alike, whatever their spelling was.
SELECT fms.case_id_hash('JA-D-QAB') = fms.case_id_hash('ja d qab') AS same_hash,
       fms.case_id_hash_extended('JA-D-QAB', 7) = fms.case_id_hash_extended('JADQAB', 7) AS same_extended_hash;
DROP TABLE cases;

-- min() and max() order like the canonical text, and use an index.
CREATE TABLE ids (id fms.case_id PRIMARY KEY);
INSERT INTO ids VALUES ('JA-D-QAB'), ('AT-B-0ZZ'), ('ZZ-Q-999'), ('JA-D-QAA');
SELECT min(id), max(id), min(id) FILTER (WHERE id > 'JA-D-QAA') AS next_after FROM ids;
SELECT bool_or(line ~ 'Index Only Scan Backward using ids_pkey') AS max_reads_the_index_backward
  FROM explain_lines('SELECT max(id) FROM ids') AS line;
SELECT min(id) AS none FROM ids WHERE false;
DROP TABLE ids;

-- Stored bits that the input could not have made (a superuser's cast
-- WITHOUT FUNCTION, a damaged page) raise XX001, never crash or misread.
BEGIN;
CREATE CAST (integer AS fms.case_id) WITHOUT FUNCTION;
SELECT state, message FROM error_of($$SELECT format('%s', (-1)::fms.case_id)$$);
SELECT state, message FROM error_of($$SELECT 2147483647::fms.case_id::text$$);
SELECT state, message FROM error_of($$SELECT fms.customer_code((-5)::fms.case_id)$$);
SELECT state, message FROM error_of($$SELECT fms.designator(2000000000::fms.case_id)$$);
ROLLBACK;
