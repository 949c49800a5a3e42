/* src/sql/usml.sql -- the fms.usml type */

CREATE TYPE fms.usml;

CREATE FUNCTION fms.usml_in(pg_catalog.cstring) RETURNS fms.usml
	AS 'MODULE_PATHNAME', 'fms_usml_in'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION fms.usml_in(pg_catalog.cstring) IS 'I/O: reads ''XI(a)(3)(i)(A)'', ''Cat. XI(a)'' or ''category xi''';

CREATE FUNCTION fms.usml_out(fms.usml) RETURNS pg_catalog.cstring
	AS 'MODULE_PATHNAME', 'fms_usml_out'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION fms.usml_out(fms.usml) IS 'I/O: writes the canonical ''XI(a)(3)(i)''';

CREATE FUNCTION fms.usml_recv(pg_catalog.internal) RETURNS fms.usml
	AS 'MODULE_PATHNAME', 'fms_usml_recv'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION fms.usml_recv(pg_catalog.internal) IS 'I/O: binary input, an 8-byte integer';

CREATE FUNCTION fms.usml_send(fms.usml) RETURNS pg_catalog.bytea
	AS 'MODULE_PATHNAME', 'fms_usml_send'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION fms.usml_send(fms.usml) IS 'I/O: binary output, an 8-byte integer';

-- Eight bytes laid out like int8 (by value where int8 is); the packed
-- integer orders as the USML reads (src/usml.h).
CREATE TYPE fms.usml (
	INPUT = fms.usml_in,
	OUTPUT = fms.usml_out,
	RECEIVE = fms.usml_recv,
	SEND = fms.usml_send,
	LIKE = pg_catalog.int8
);
COMMENT ON TYPE fms.usml IS 'U.S. Munitions List reference (22 CFR 121.1): category I-XXI and up to four paragraph levels, as in ''XI(a)(3)(i)(A)''';

-- Comparison and hashing are the server's int8 functions: they cannot
-- fail, so they are leakproof.
CREATE FUNCTION fms.usml_eq(fms.usml, fms.usml) RETURNS boolean
	AS 'int8eq' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
COMMENT ON FUNCTION fms.usml_eq(fms.usml, fms.usml) IS 'implementation of = operator';
CREATE FUNCTION fms.usml_ne(fms.usml, fms.usml) RETURNS boolean
	AS 'int8ne' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
COMMENT ON FUNCTION fms.usml_ne(fms.usml, fms.usml) IS 'implementation of <> operator';
CREATE FUNCTION fms.usml_lt(fms.usml, fms.usml) RETURNS boolean
	AS 'int8lt' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
COMMENT ON FUNCTION fms.usml_lt(fms.usml, fms.usml) IS 'implementation of < operator';
CREATE FUNCTION fms.usml_le(fms.usml, fms.usml) RETURNS boolean
	AS 'int8le' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
COMMENT ON FUNCTION fms.usml_le(fms.usml, fms.usml) IS 'implementation of <= operator';
CREATE FUNCTION fms.usml_gt(fms.usml, fms.usml) RETURNS boolean
	AS 'int8gt' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
COMMENT ON FUNCTION fms.usml_gt(fms.usml, fms.usml) IS 'implementation of > operator';
CREATE FUNCTION fms.usml_ge(fms.usml, fms.usml) RETURNS boolean
	AS 'int8ge' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
COMMENT ON FUNCTION fms.usml_ge(fms.usml, fms.usml) IS 'implementation of >= operator';
CREATE FUNCTION fms.usml_cmp(fms.usml, fms.usml) RETURNS integer
	AS 'btint8cmp' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
COMMENT ON FUNCTION fms.usml_cmp(fms.usml, fms.usml) IS 'btree comparison: -1, 0 or 1';
CREATE FUNCTION fms.usml_sortsupport(pg_catalog.internal) RETURNS void
	AS 'btint8sortsupport' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION fms.usml_sortsupport(pg_catalog.internal) IS 'btree sort support';
CREATE FUNCTION fms.usml_hash(fms.usml) RETURNS integer
	AS 'hashint8' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION fms.usml_hash(fms.usml) IS 'hash of a USML reference';
CREATE FUNCTION fms.usml_hash_extended(fms.usml, bigint) RETURNS bigint
	AS 'hashint8extended' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION fms.usml_hash_extended(fms.usml, bigint) IS 'seeded 64-bit hash of a USML reference';

CREATE OPERATOR fms.= (
	LEFTARG = fms.usml, RIGHTARG = fms.usml, FUNCTION = fms.usml_eq,
	COMMUTATOR = OPERATOR(fms.=), NEGATOR = OPERATOR(fms.<>),
	RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel, HASHES, MERGES
);
COMMENT ON OPERATOR fms.= (fms.usml, fms.usml) IS 'equal';
CREATE OPERATOR fms.<> (
	LEFTARG = fms.usml, RIGHTARG = fms.usml, FUNCTION = fms.usml_ne,
	COMMUTATOR = OPERATOR(fms.<>), NEGATOR = OPERATOR(fms.=),
	RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel
);
COMMENT ON OPERATOR fms.<> (fms.usml, fms.usml) IS 'not equal';
CREATE OPERATOR fms.< (
	LEFTARG = fms.usml, RIGHTARG = fms.usml, FUNCTION = fms.usml_lt,
	COMMUTATOR = OPERATOR(fms.>), NEGATOR = OPERATOR(fms.>=),
	RESTRICT = pg_catalog.scalarltsel, JOIN = pg_catalog.scalarltjoinsel
);
COMMENT ON OPERATOR fms.< (fms.usml, fms.usml) IS 'comes before in USML order';
CREATE OPERATOR fms.<= (
	LEFTARG = fms.usml, RIGHTARG = fms.usml, FUNCTION = fms.usml_le,
	COMMUTATOR = OPERATOR(fms.>=), NEGATOR = OPERATOR(fms.>),
	RESTRICT = pg_catalog.scalarlesel, JOIN = pg_catalog.scalarlejoinsel
);
COMMENT ON OPERATOR fms.<= (fms.usml, fms.usml) IS 'comes before or equal in USML order';
CREATE OPERATOR fms.> (
	LEFTARG = fms.usml, RIGHTARG = fms.usml, FUNCTION = fms.usml_gt,
	COMMUTATOR = OPERATOR(fms.<), NEGATOR = OPERATOR(fms.<=),
	RESTRICT = pg_catalog.scalargtsel, JOIN = pg_catalog.scalargtjoinsel
);
COMMENT ON OPERATOR fms.> (fms.usml, fms.usml) IS 'comes after in USML order';
CREATE OPERATOR fms.>= (
	LEFTARG = fms.usml, RIGHTARG = fms.usml, FUNCTION = fms.usml_ge,
	COMMUTATOR = OPERATOR(fms.<=), NEGATOR = OPERATOR(fms.<),
	RESTRICT = pg_catalog.scalargesel, JOIN = pg_catalog.scalargejoinsel
);
COMMENT ON OPERATOR fms.>= (fms.usml, fms.usml) IS 'comes after or equal in USML order';

CREATE OPERATOR CLASS fms.usml_ops
	DEFAULT FOR TYPE fms.usml USING btree AS
		OPERATOR 1 fms.<,
		OPERATOR 2 fms.<=,
		OPERATOR 3 fms.=,
		OPERATOR 4 fms.>=,
		OPERATOR 5 fms.>,
		FUNCTION 1 fms.usml_cmp(fms.usml, fms.usml),
		FUNCTION 2 fms.usml_sortsupport(pg_catalog.internal);
COMMENT ON OPERATOR CLASS fms.usml_ops USING btree IS 'btree: USML reading order, a parent before its children';
COMMENT ON OPERATOR FAMILY fms.usml_ops USING btree IS 'btree operators of fms.usml';

CREATE OPERATOR CLASS fms.usml_hash_ops
	DEFAULT FOR TYPE fms.usml USING hash AS
		OPERATOR 1 fms.=,
		FUNCTION 1 fms.usml_hash(fms.usml),
		FUNCTION 2 fms.usml_hash_extended(fms.usml, bigint);
COMMENT ON OPERATOR CLASS fms.usml_hash_ops USING hash IS 'hash: for hash joins and hash aggregation';
COMMENT ON OPERATOR FAMILY fms.usml_hash_ops USING hash IS 'hash operators of fms.usml';

-- min() and max(), which use an index on the column (SORTOP).
CREATE FUNCTION fms.usml_smaller(fms.usml, fms.usml) RETURNS fms.usml
	AS 'int8smaller' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION fms.usml_smaller(fms.usml, fms.usml) IS 'the smaller of two values; state function of fms.min';
CREATE FUNCTION fms.usml_larger(fms.usml, fms.usml) RETURNS fms.usml
	AS 'int8larger' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION fms.usml_larger(fms.usml, fms.usml) IS 'the larger of two values; state function of fms.max';
CREATE AGGREGATE fms.min(fms.usml) (
	SFUNC = fms.usml_smaller, STYPE = fms.usml, COMBINEFUNC = fms.usml_smaller,
	SORTOP = OPERATOR(fms.<), PARALLEL = SAFE
);
COMMENT ON AGGREGATE fms.min(fms.usml) IS 'the smallest value, in the type''s order';
CREATE AGGREGATE fms.max(fms.usml) (
	SFUNC = fms.usml_larger, STYPE = fms.usml, COMBINEFUNC = fms.usml_larger,
	SORTOP = OPERATOR(fms.>), PARALLEL = SAFE
);
COMMENT ON AGGREGATE fms.max(fms.usml) IS 'the largest value, in the type''s order';

-- Containment: a category or paragraph contains itself and everything
-- under it.
CREATE FUNCTION fms.usml_contains(fms.usml, fms.usml) RETURNS boolean
	AS 'MODULE_PATHNAME', 'fms_usml_contains'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION fms.usml_contains(fms.usml, fms.usml) IS 'implementation of @> operator';
CREATE FUNCTION fms.usml_contained_by(fms.usml, fms.usml) RETURNS boolean
	AS 'MODULE_PATHNAME', 'fms_usml_contained_by'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION fms.usml_contained_by(fms.usml, fms.usml) IS 'implementation of <@ operator';

CREATE OPERATOR fms.@> (
	LEFTARG = fms.usml, RIGHTARG = fms.usml, FUNCTION = fms.usml_contains,
	COMMUTATOR = OPERATOR(fms.<@),
	RESTRICT = pg_catalog.contsel, JOIN = pg_catalog.contjoinsel
);
COMMENT ON OPERATOR fms.@> (fms.usml, fms.usml) IS 'contains: equal to, or a category or paragraph above, the right operand';
CREATE OPERATOR fms.<@ (
	LEFTARG = fms.usml, RIGHTARG = fms.usml, FUNCTION = fms.usml_contained_by,
	COMMUTATOR = OPERATOR(fms.@>),
	RESTRICT = pg_catalog.contsel, JOIN = pg_catalog.contjoinsel
);
COMMENT ON OPERATOR fms.<@ (fms.usml, fms.usml) IS 'is contained by: equal to, or a paragraph under, the right operand';

CREATE FUNCTION fms.usml_category(fms.usml) RETURNS integer
	AS 'MODULE_PATHNAME', 'fms_usml_category'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION fms.usml_category(fms.usml) IS 'the category as a number, 1 (I) to 21 (XXI)';

CREATE FUNCTION fms.usml(pg_catalog.text) RETURNS fms.usml
	AS 'MODULE_PATHNAME', 'fms_usml_from_text'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION fms.usml(pg_catalog.text) IS 'reads a USML reference from text, with the tolerance of the type''s input';
CREATE FUNCTION fms.text(fms.usml) RETURNS pg_catalog.text
	AS 'MODULE_PATHNAME', 'fms_usml_to_text'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION fms.text(fms.usml) IS 'canonical text of a USML reference, ''XI(a)(3)(i)''';
CREATE CAST (pg_catalog.text AS fms.usml)
	WITH FUNCTION fms.usml(pg_catalog.text) AS ASSIGNMENT;
COMMENT ON CAST (pg_catalog.text AS fms.usml) IS 'parse a USML reference';
CREATE CAST (pg_catalog.varchar AS fms.usml)
	WITH FUNCTION fms.usml(pg_catalog.text) AS ASSIGNMENT;
COMMENT ON CAST (pg_catalog.varchar AS fms.usml) IS 'parse a USML reference';
CREATE CAST (fms.usml AS pg_catalog.text)
	WITH FUNCTION fms.text(fms.usml) AS ASSIGNMENT;
COMMENT ON CAST (fms.usml AS pg_catalog.text) IS 'canonical text of a USML reference';
