--
-- fms.usml: USML reading order, containment, category, index support
--

-- A reader's order: by category number, a parent before its children,
-- (b) after (a), (10) after (9), (ii) after (i), (ix) before (x).
SELECT ref FROM (VALUES ('XI(b)'::fms.usml), ('XI(a)(10)'), ('II'), ('XI(a)(9)'), ('XI'),
                        ('XI(a)(10)(x)'), ('XI(a)(10)(ix)'), ('XI(a)(10)(ii)'), ('XI(a)(10)(i)'),
                        ('XI(a)(10)(iv)'), ('XI(a)(10)(i)(B)'), ('XI(a)(10)(i)(A)'), ('XXI'),
                        ('XI(a)'), ('IX(z)'), ('XII'), ('I'), ('XI(a)(1)'), ('IV'), ('V')) AS v(ref)
 ORDER BY ref;

-- Comparison operators.
SELECT a, b, a = b AS eq, a <> b AS ne, a < b AS lt, a <= b AS le, a > b AS gt, a >= b AS ge
  FROM (VALUES ('XI(a)'::fms.usml, 'XI(a)(1)'::fms.usml),
               ('XI(a)(10)', 'XI(a)(9)'),
               ('Cat. XI(a)', 'xi(a)')) AS v(a, b);

-- Containment: a reference contains itself and everything under it.
SELECT a, b, a @> b AS contains, a <@ b AS contained_by
  FROM (VALUES ('XI'::fms.usml, 'XI(a)(3)'::fms.usml),
               ('XI(a)(3)', 'XI'),
               ('XI(a)', 'XI(b)'),
               ('XI(a)', 'XI(a)'),
               ('XI', 'XII(a)'),
               ('XI(a)(3)', 'XI(a)(3)(i)(A)'),
               ('XI(a)(3)', 'XI(a)(30)'),
               ('XI(a)(3)(i)', 'XI(a)(3)(ii)(A)'),
               ('I', 'XI'),
               ('XI(a)(3)(i)(A)', 'XI(a)(3)(i)(B)')) AS v(a, b);

-- The category as a number, for all 21.
SELECT string_agg(fms.usml_category(c::fms.usml)::text, ' ' ORDER BY c::fms.usml) AS categories
  FROM unnest(ARRAY['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII',
                    'XIII', 'XIV', 'XV', 'XVI', 'XVII', 'XVIII', 'XIX', 'XX', 'XXI']) AS c;
SELECT fms.usml_category('XIX(f)(1)(i)') AS xix, fms.usml_category('Cat. viii(h)') AS viii;

-- The binary form is the packed 8-byte value of src/usml.h.
SELECT ref, fms.usml_send(ref) AS binary
  FROM (VALUES ('I'::fms.usml), ('XI(a)(3)(i)(A)'), ('XXI(z)(9999)(mmmcmxcix)(Z)')) AS v(ref);

-- Btree index: equality and ranges use it; hash: joins and aggregation.
CREATE TABLE items (ref fms.usml NOT NULL, n int NOT NULL);
INSERT INTO items
SELECT format('%s(%s)(%s)', (ARRAY['I', 'IV', 'VIII', 'XI', 'XII', 'XXI'])[1 + i % 6],
              chr(97 + i / 6 % 26), 1 + i / 156 % 40)::fms.usml, i
  FROM generate_series(0, 9999) AS i;
CREATE INDEX items_ref ON items (ref);
VACUUM ANALYZE items;
SET enable_seqscan = off;
SET enable_bitmapscan = off;
EXPLAIN (COSTS OFF) SELECT n FROM items WHERE ref = 'XI(a)(3)';
EXPLAIN (COSTS OFF) SELECT ref FROM items WHERE ref >= 'XI' AND ref < 'XII';
RESET enable_bitmapscan;
RESET enable_seqscan;
-- A range over a category finds what containment finds.
SELECT (SELECT count(*) FROM items WHERE ref >= 'XI' AND ref < 'XII') AS by_range,
       (SELECT count(*) FROM items WHERE ref <@ 'XI') AS by_containment;
SET enable_mergejoin = off;
SET enable_nestloop = off;
EXPLAIN (COSTS OFF) SELECT count(*) FROM items AS a JOIN items AS b USING (ref);
RESET enable_nestloop;
RESET enable_mergejoin;
SELECT fms.usml_category(ref) AS category, count(*) FROM items GROUP BY 1 ORDER BY 1;
DROP TABLE items;

-- min() and max() in reading order, a parent before its children.
SELECT min(ref), max(ref) FROM unnest(ARRAY['XI(a)(3)', 'IV', 'XI(a)', 'XXI', 'IV(h)(1)']::fms.usml[]) AS ref;

-- Stored bits that the input could not have made raise XX001.
BEGIN;
CREATE CAST (bigint AS fms.usml) WITHOUT FUNCTION;
SELECT state, message FROM error_of($$SELECT format('%s', (-1)::bigint::fms.usml)$$);
SELECT state, message FROM error_of($$SELECT 9223372036854775807::bigint::fms.usml::text$$);
SELECT state, message FROM error_of($$SELECT fms.usml_category(1::bigint::fms.usml)$$);
ROLLBACK;
