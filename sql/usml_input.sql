--
-- fms.usml: input, output and casts
--

-- Accepted spellings give the canonical text: category in any case, with or
-- without a "Cat", "Cat." or "Category" prefix; eCFR-style paragraphs.
SELECT input, input::fms.usml AS usml
  FROM (VALUES ('XI'), ('xi'), ('Xi'), ('I'), ('XXI'), ('Cat. XI'), ('cat xi(a)'), ('Cat.XI(a)'),
               ('Category XI(a)'), ('CATEGORY   viii(h)(1)'), ('  XIX(f)(1)(i)  '),
               ('XI(a)(3)(i)(A)'), ('IV(b)(12)(xiv)(Z)'), ('XI(c)(9999)'),
               ('XII(a)(1)(mmmcmxcix)'), ('XV(e)(4)(xxxix)'), ('XVIII(a)(9999)(mmmdccclxxxviii)(A)'))
       AS v(input);

-- Output then input gives the same value.
SELECT ref, ref::text::fms.usml = ref AS round_trip
  FROM (VALUES ('XI(a)(3)(i)(A)'::fms.usml), ('XXI'), ('IV(b)(12)(xiv)'),
               ('XVIII(a)(9999)(mmmdccclxxxviii)(A)')) AS v(ref);

-- Every kind of bad input: 22P02, the input named, the problem explained.
SELECT input, e.state, e.message, e.detail
  FROM (VALUES (''), ('   '), ('Cat.'), ('Category'), ('XXII'), ('0'), ('11'), ('IIII'), ('IIX'),
               ('VX'), ('XIa'), ('XI (a)'), ('XI(A)'), ('XI(aa)'), ('XI()'), ('XI(a'),
               ('XI(a)x'), ('XI(a)(0)'), ('XI(a)(03)'), ('XI(a)(10000)'), ('XI(a)(-1)'),
               ('XI(a)(3)(I)'), ('XI(a)(3)(iiii)'), ('XI(a)(3)(3)'), ('XI(a)(3)(mmmm)'),
               ('XI(a)(3)(i)(a)'), ('XI(a)(3)(i)(AB)'), ('XI(a)(3)(i)(A)(1)'),
               ('*XI(a)'), ('Cat XI*'), ('XI(a)(3)(ⅰ)'))
       AS v(input),
       LATERAL error_of(format('SELECT %L::fms.usml', input)) AS e;

-- The same parser serves the casts from text and varchar.
SELECT 'cat xi(a)'::text::fms.usml AS from_text,
       'XI(a)(3)'::varchar::fms.usml AS from_varchar,
       'XI(a)'::fms.usml::text AS to_text;
SELECT * FROM error_of($$SELECT 'XI(A)'::text::fms.usml$$);

-- Assignment casts both ways.
CREATE TABLE usml_assign (ref fms.usml, label text);
INSERT INTO usml_assign VALUES ('category xi(a)'::text, 'XI(b)'::fms.usml);
SELECT * FROM usml_assign;
DROP TABLE usml_assign;

-- NULL in, NULL out.
SELECT NULL::fms.usml IS NULL AS null_input,
       usml_category(NULL) IS NULL AS null_category,
       (NULL::fms.usml @> 'XI') IS NULL AS null_contains;

-- Crafted binary input: a binary COPY round trip keeps every value; an
-- int8 that encodes no reference (negative, too large) or a field of the
-- wrong size is refused, and nothing of the COPY is loaded (the first file
-- holds a good value before the bad one).
CREATE TABLE binary_usml (u fms.usml);
\copy (SELECT u FROM (VALUES ('XI(a)(1)'::fms.usml), ('IV(h)'), ('XXI'), (NULL)) AS v(u)) TO 'results/usml.bin' WITH (FORMAT binary)
\copy binary_usml FROM 'results/usml.bin' WITH (FORMAT binary)
SELECT u FROM binary_usml ORDER BY u NULLS LAST;
TRUNCATE binary_usml;
\copy (SELECT v FROM (VALUES (('x' || encode(fms.usml_send('XI(a)'), 'hex'))::bit(64)::int8), (-1)) AS t(v)) TO 'results/usml_negative.bin' WITH (FORMAT binary)
\copy binary_usml FROM 'results/usml_negative.bin' WITH (FORMAT binary)
\copy (SELECT 9223372036854775807::int8) TO 'results/usml_too_big.bin' WITH (FORMAT binary)
\copy binary_usml FROM 'results/usml_too_big.bin' WITH (FORMAT binary)
\copy (SELECT 7::int4) TO 'results/usml_short.bin' WITH (FORMAT binary)
\copy binary_usml FROM 'results/usml_short.bin' WITH (FORMAT binary)
SELECT count(*) AS rows_after_bad_copies FROM binary_usml;
DROP TABLE binary_usml;
