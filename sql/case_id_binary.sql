--
-- fms.case_id: binary send/receive
--

-- The binary form is the packed value as a big-endian 4-byte integer:
-- ((customer * 26 + agency) * 36^3 + designator), with the base-36 digits
-- 0-9 = 0-9 and A-Z = 10-35, agency A-Z = 0-25.
SELECT id, fms.case_id_send(id) AS binary
  FROM (VALUES ('00-A-000'::fms.case_id), ('00-A-001'), ('00-B-000'), ('01-A-000'),
               ('ZZ-Z-ZZZ')) AS v(id);

-- A binary COPY round trip keeps every value.
CREATE TABLE binary_cases (id fms.case_id);
INSERT INTO binary_cases VALUES ('JA-D-QAB'), ('00-A-000'), ('ZZ-Z-ZZZ'), (NULL);
\copy binary_cases TO 'results/case_id.bin' WITH (FORMAT binary)
CREATE TABLE binary_copy (LIKE binary_cases);
\copy binary_copy FROM 'results/case_id.bin' WITH (FORMAT binary)
SELECT id FROM binary_copy ORDER BY id NULLS LAST;

-- A 4-byte integer has the same binary layout, so it can forge bad input:
-- anything outside 0 .. 36^2*26*36^3 - 1 is refused with 22P03.
TRUNCATE binary_copy;
\copy (SELECT v FROM (VALUES (1572120575), (1572120576)) AS t(v) ORDER BY v) TO 'results/case_id_too_big.bin' WITH (FORMAT binary)
\copy binary_copy FROM 'results/case_id_too_big.bin' WITH (FORMAT binary)
\copy (SELECT -1) TO 'results/case_id_negative.bin' WITH (FORMAT binary)
\copy binary_copy FROM 'results/case_id_negative.bin' WITH (FORMAT binary)
SELECT count(*) AS rows_after_bad_copy FROM binary_copy;
\copy (SELECT 1572120575) TO 'results/case_id_max.bin' WITH (FORMAT binary)
\copy binary_copy FROM 'results/case_id_max.bin' WITH (FORMAT binary)
SELECT id FROM binary_copy;
DROP TABLE binary_cases, binary_copy;
