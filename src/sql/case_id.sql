/* src/sql/case_id.sql -- the fms.case_id type */

CREATE TYPE fms.case_id;

CREATE FUNCTION fms.case_id_in(pg_catalog.cstring) RETURNS fms.case_id
	AS 'MODULE_PATHNAME', 'fms_case_id_in'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION fms.case_id_in(pg_catalog.cstring) IS 'I/O: reads ''JA-D-QAB'', ''ja d qab'' or ''JADQAB''';

CREATE FUNCTION fms.case_id_out(fms.case_id) RETURNS pg_catalog.cstring
	AS 'MODULE_PATHNAME', 'fms_case_id_out'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION fms.case_id_out(fms.case_id) IS 'I/O: writes the canonical ''JA-D-QAB''';

CREATE FUNCTION fms.case_id_recv(pg_catalog.internal) RETURNS fms.case_id
	AS 'MODULE_PATHNAME', 'fms_case_id_recv'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION fms.case_id_recv(pg_catalog.internal) IS 'I/O: binary input, a 4-byte integer';

CREATE FUNCTION fms.case_id_send(fms.case_id) RETURNS pg_catalog.bytea
	AS 'MODULE_PATHNAME', 'fms_case_id_send'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION fms.case_id_send(fms.case_id) IS 'I/O: binary output, a 4-byte integer';

-- Four bytes, passed by value on every platform; the packed integer orders
-- like the canonical text (src/case_id.h).
CREATE TYPE fms.case_id (
	INPUT = fms.case_id_in,
	OUTPUT = fms.case_id_out,
	RECEIVE = fms.case_id_recv,
	SEND = fms.case_id_send,
	INTERNALLENGTH = 4,
	PASSEDBYVALUE,
	ALIGNMENT = int4,
	STORAGE = plain
);
COMMENT ON TYPE fms.case_id IS 'FMS case identifier: customer code, implementing agency code and case designator, as in ''JA-D-QAB''';

-- Comparison and hashing are the server's int4 functions (as contrib/isn
-- reuses int8's): they cannot fail, so they are leakproof.
CREATE FUNCTION fms.case_id_eq(fms.case_id, fms.case_id) RETURNS boolean
	AS 'int4eq' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
COMMENT ON FUNCTION fms.case_id_eq(fms.case_id, fms.case_id) IS 'implementation of = operator';
CREATE FUNCTION fms.case_id_ne(fms.case_id, fms.case_id) RETURNS boolean
	AS 'int4ne' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
COMMENT ON FUNCTION fms.case_id_ne(fms.case_id, fms.case_id) IS 'implementation of <> operator';
CREATE FUNCTION fms.case_id_lt(fms.case_id, fms.case_id) RETURNS boolean
	AS 'int4lt' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
COMMENT ON FUNCTION fms.case_id_lt(fms.case_id, fms.case_id) IS 'implementation of < operator';
CREATE FUNCTION fms.case_id_le(fms.case_id, fms.case_id) RETURNS boolean
	AS 'int4le' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
COMMENT ON FUNCTION fms.case_id_le(fms.case_id, fms.case_id) IS 'implementation of <= operator';
CREATE FUNCTION fms.case_id_gt(fms.case_id, fms.case_id) RETURNS boolean
	AS 'int4gt' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
COMMENT ON FUNCTION fms.case_id_gt(fms.case_id, fms.case_id) IS 'implementation of > operator';
CREATE FUNCTION fms.case_id_ge(fms.case_id, fms.case_id) RETURNS boolean
	AS 'int4ge' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
COMMENT ON FUNCTION fms.case_id_ge(fms.case_id, fms.case_id) IS 'implementation of >= operator';
CREATE FUNCTION fms.case_id_cmp(fms.case_id, fms.case_id) RETURNS integer
	AS 'btint4cmp' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
COMMENT ON FUNCTION fms.case_id_cmp(fms.case_id, fms.case_id) IS 'btree comparison: -1, 0 or 1';
CREATE FUNCTION fms.case_id_sortsupport(pg_catalog.internal) RETURNS void
	AS 'btint4sortsupport' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION fms.case_id_sortsupport(pg_catalog.internal) IS 'btree sort support';
CREATE FUNCTION fms.case_id_hash(fms.case_id) RETURNS integer
	AS 'hashint4' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION fms.case_id_hash(fms.case_id) IS 'hash of a case identifier';
CREATE FUNCTION fms.case_id_hash_extended(fms.case_id, bigint) RETURNS bigint
	AS 'hashint4extended' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION fms.case_id_hash_extended(fms.case_id, bigint) IS 'seeded 64-bit hash of a case identifier';

CREATE OPERATOR fms.= (
	LEFTARG = fms.case_id, RIGHTARG = fms.case_id, FUNCTION = fms.case_id_eq,
	COMMUTATOR = OPERATOR(fms.=), NEGATOR = OPERATOR(fms.<>),
	RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel, HASHES, MERGES
);
COMMENT ON OPERATOR fms.= (fms.case_id, fms.case_id) IS 'equal';
CREATE OPERATOR fms.<> (
	LEFTARG = fms.case_id, RIGHTARG = fms.case_id, FUNCTION = fms.case_id_ne,
	COMMUTATOR = OPERATOR(fms.<>), NEGATOR = OPERATOR(fms.=),
	RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel
);
COMMENT ON OPERATOR fms.<> (fms.case_id, fms.case_id) IS 'not equal';
CREATE OPERATOR fms.< (
	LEFTARG = fms.case_id, RIGHTARG = fms.case_id, FUNCTION = fms.case_id_lt,
	COMMUTATOR = OPERATOR(fms.>), NEGATOR = OPERATOR(fms.>=),
	RESTRICT = pg_catalog.scalarltsel, JOIN = pg_catalog.scalarltjoinsel
);
COMMENT ON OPERATOR fms.< (fms.case_id, fms.case_id) IS 'less than';
CREATE OPERATOR fms.<= (
	LEFTARG = fms.case_id, RIGHTARG = fms.case_id, FUNCTION = fms.case_id_le,
	COMMUTATOR = OPERATOR(fms.>=), NEGATOR = OPERATOR(fms.>),
	RESTRICT = pg_catalog.scalarlesel, JOIN = pg_catalog.scalarlejoinsel
);
COMMENT ON OPERATOR fms.<= (fms.case_id, fms.case_id) IS 'less than or equal';
CREATE OPERATOR fms.> (
	LEFTARG = fms.case_id, RIGHTARG = fms.case_id, FUNCTION = fms.case_id_gt,
	COMMUTATOR = OPERATOR(fms.<), NEGATOR = OPERATOR(fms.<=),
	RESTRICT = pg_catalog.scalargtsel, JOIN = pg_catalog.scalargtjoinsel
);
COMMENT ON OPERATOR fms.> (fms.case_id, fms.case_id) IS 'greater than';
CREATE OPERATOR fms.>= (
	LEFTARG = fms.case_id, RIGHTARG = fms.case_id, FUNCTION = fms.case_id_ge,
	COMMUTATOR = OPERATOR(fms.<=), NEGATOR = OPERATOR(fms.<),
	RESTRICT = pg_catalog.scalargesel, JOIN = pg_catalog.scalargejoinsel
);
COMMENT ON OPERATOR fms.>= (fms.case_id, fms.case_id) IS 'greater than or equal';

CREATE OPERATOR CLASS fms.case_id_ops
	DEFAULT FOR TYPE fms.case_id USING btree AS
		OPERATOR 1 fms.<,
		OPERATOR 2 fms.<=,
		OPERATOR 3 fms.=,
		OPERATOR 4 fms.>=,
		OPERATOR 5 fms.>,
		FUNCTION 1 fms.case_id_cmp(fms.case_id, fms.case_id),
		FUNCTION 2 fms.case_id_sortsupport(pg_catalog.internal);
COMMENT ON OPERATOR CLASS fms.case_id_ops USING btree IS 'btree: orders case identifiers like their canonical text';
COMMENT ON OPERATOR FAMILY fms.case_id_ops USING btree IS 'btree operators of fms.case_id';

CREATE OPERATOR CLASS fms.case_id_hash_ops
	DEFAULT FOR TYPE fms.case_id USING hash AS
		OPERATOR 1 fms.=,
		FUNCTION 1 fms.case_id_hash(fms.case_id),
		FUNCTION 2 fms.case_id_hash_extended(fms.case_id, bigint);
COMMENT ON OPERATOR CLASS fms.case_id_hash_ops USING hash IS 'hash: for hash joins, hash aggregation and hash partitioning';
COMMENT ON OPERATOR FAMILY fms.case_id_hash_ops USING hash IS 'hash operators of fms.case_id';

-- min() and max(), which use an index on the column (SORTOP).
CREATE FUNCTION fms.case_id_smaller(fms.case_id, fms.case_id) RETURNS fms.case_id
	AS 'int4smaller' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION fms.case_id_smaller(fms.case_id, fms.case_id) IS 'the smaller of two values; state function of fms.min';
CREATE FUNCTION fms.case_id_larger(fms.case_id, fms.case_id) RETURNS fms.case_id
	AS 'int4larger' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION fms.case_id_larger(fms.case_id, fms.case_id) IS 'the larger of two values; state function of fms.max';
CREATE AGGREGATE fms.min(fms.case_id) (
	SFUNC = fms.case_id_smaller, STYPE = fms.case_id, COMBINEFUNC = fms.case_id_smaller,
	SORTOP = OPERATOR(fms.<), PARALLEL = SAFE
);
COMMENT ON AGGREGATE fms.min(fms.case_id) IS 'the smallest value, in the type''s order';
CREATE AGGREGATE fms.max(fms.case_id) (
	SFUNC = fms.case_id_larger, STYPE = fms.case_id, COMBINEFUNC = fms.case_id_larger,
	SORTOP = OPERATOR(fms.>), PARALLEL = SAFE
);
COMMENT ON AGGREGATE fms.max(fms.case_id) IS 'the largest value, in the type''s order';

-- Casts from and to text; assignment casts so that clients sending
-- parameters as text or varchar can write case_id columns.
CREATE FUNCTION fms.case_id(pg_catalog.text) RETURNS fms.case_id
	AS 'MODULE_PATHNAME', 'fms_case_id_from_text'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION fms.case_id(pg_catalog.text) IS 'reads a case identifier from text, with the tolerance of the type''s input';
CREATE FUNCTION fms.text(fms.case_id) RETURNS pg_catalog.text
	AS 'MODULE_PATHNAME', 'fms_case_id_to_text'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION fms.text(fms.case_id) IS 'canonical text of a case identifier, ''JA-D-QAB''';
CREATE CAST (pg_catalog.text AS fms.case_id)
	WITH FUNCTION fms.case_id(pg_catalog.text) AS ASSIGNMENT;
COMMENT ON CAST (pg_catalog.text AS fms.case_id) IS 'parse a case identifier';
CREATE CAST (pg_catalog.varchar AS fms.case_id)
	WITH FUNCTION fms.case_id(pg_catalog.text) AS ASSIGNMENT;
COMMENT ON CAST (pg_catalog.varchar AS fms.case_id) IS 'parse a case identifier';
CREATE CAST (fms.case_id AS pg_catalog.text)
	WITH FUNCTION fms.text(fms.case_id) AS ASSIGNMENT;
COMMENT ON CAST (fms.case_id AS pg_catalog.text) IS 'canonical text of a case identifier';

CREATE FUNCTION fms.customer_code(fms.case_id) RETURNS pg_catalog.text
	AS 'MODULE_PATHNAME', 'fms_case_id_customer_code'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION fms.customer_code(fms.case_id) IS 'the 2-character Security Cooperation customer code: ''JA'' of ''JA-D-QAB''';
CREATE FUNCTION fms.agency_code(fms.case_id) RETURNS pg_catalog.text
	AS 'MODULE_PATHNAME', 'fms_case_id_agency_code'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION fms.agency_code(fms.case_id) IS 'the 1-letter implementing agency code: ''D'' of ''JA-D-QAB''';
CREATE FUNCTION fms.designator(fms.case_id) RETURNS pg_catalog.text
	AS 'MODULE_PATHNAME', 'fms_case_id_designator'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION fms.designator(fms.case_id) IS 'the 3-character case designator: ''QAB'' of ''JA-D-QAB''';
CREATE FUNCTION fms.make_case_id(customer pg_catalog.text, agency pg_catalog.text, designator pg_catalog.text)
	RETURNS fms.case_id
	AS 'MODULE_PATHNAME', 'fms_make_case_id'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION fms.make_case_id(pg_catalog.text, pg_catalog.text, pg_catalog.text) IS 'builds a case identifier from customer code, agency code and designator';
