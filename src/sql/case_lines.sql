/* src/sql/case_lines.sql -- the lines of an LOA, set by the documents that write them */

-- A line is an item or service of a case.  Each document (the basic LOA,
-- an amendment, a modification) that sets a line writes a version of it;
-- a change that cancels a line writes it with quantity and value 0.  The
-- basic LOA's lines hold from the case's start, a change's from the day
-- the change is implemented: fms.case_lines_as_of gives the lines in force
-- on any date.
--
-- Lines are written while their document is being prepared (development,
-- write, review, proposed).  Outside those states one more thing is
-- allowed: itemizing a document that has no lines yet, in one statement,
-- with lines whose values add up to the values it already has (a case
-- carried over from typed values, a load of history).
--
-- The values of a document with lines are theirs: the basic LOA's total,
-- MDE and design-and-construction values are its lines' sums, a change's
-- are the differences its line versions make to the versions in force
-- before it (the basic LOA's, and those of changes implemented before it;
-- a change not yet implemented is judged against all implemented ones).
-- They are kept in fms.cases and fms.case_changes in the same statement,
-- for every document of the case the statement touches, and a hand-typed
-- value that disagrees is refused.  A document offered or further along
-- keeps its values: a line change, or an implementation, that would move
-- them is refused.  A document without lines keeps the values typed for it.
CREATE TABLE fms.case_lines (
	case_id fms.case_id NOT NULL REFERENCES fms.cases,
	change_no pg_catalog.text,
	document pg_catalog.text NOT NULL GENERATED ALWAYS AS (COALESCE(change_no, 'LOA')) STORED,
	line_no pg_catalog.int4 NOT NULL
		CONSTRAINT line_no_is_1_to_999 CHECK (line_no OPERATOR(pg_catalog.>=) 1 AND line_no OPERATOR(pg_catalog.<=) 999),
	item_code pg_catalog.text REFERENCES fms.items ON UPDATE CASCADE,
	description pg_catalog.text NOT NULL,
	usml fms.usml,
	-- 'Infinity' bounds the numerics: NaN sorts above it, so it is out too.
	quantity pg_catalog.numeric NOT NULL
		CONSTRAINT quantity_is_finite_not_negative
		CHECK (quantity OPERATOR(pg_catalog.>=) 0 AND quantity OPERATOR(pg_catalog.<) 'Infinity'),
	unit pg_catalog.text NOT NULL DEFAULT 'each',
	value_usd pg_catalog.numeric NOT NULL
		CONSTRAINT value_is_finite_whole_cents_not_negative
		CHECK (value_usd OPERATOR(pg_catalog.>=) 0 AND value_usd OPERATOR(pg_catalog.<) 'Infinity'
		       AND value_usd OPERATOR(pg_catalog.=) pg_catalog.round(value_usd, 2)),
	sme pg_catalog.bool NOT NULL,
	mde pg_catalog.bool NOT NULL,
	design_construction pg_catalog.bool NOT NULL DEFAULT false,
	PRIMARY KEY (case_id, document, line_no),
	FOREIGN KEY (case_id, change_no) REFERENCES fms.case_changes,
	CONSTRAINT mde_is_sme CHECK (NOT mde OR sme)
);
SELECT pg_catalog.pg_extension_config_dump('fms.case_lines', '');
CREATE INDEX case_lines_line ON fms.case_lines (case_id, line_no);
COMMENT ON TABLE fms.case_lines IS 'lines of cases: each version of a line, set by the basic LOA or by the amendment or modification that changed it; a document''s values follow from its lines';
COMMENT ON COLUMN fms.case_lines.case_id IS 'the case';
COMMENT ON COLUMN fms.case_lines.change_no IS 'the amendment or modification that set this version; NULL for the basic LOA';
COMMENT ON COLUMN fms.case_lines.document IS '''LOA'' or the change number: the document that set this version';
COMMENT ON COLUMN fms.case_lines.line_no IS 'line number, 1 to 999 (printed 001 to 999)';
COMMENT ON COLUMN fms.case_lines.item_code IS 'the item (fms.items), if any; the line inherits its description, USML entry and flags when not given';
COMMENT ON COLUMN fms.case_lines.description IS 'what the line sells';
COMMENT ON COLUMN fms.case_lines.usml IS 'U.S. Munitions List entry';
COMMENT ON COLUMN fms.case_lines.quantity IS 'quantity, in unit; 0 for a line a change cancels';
COMMENT ON COLUMN fms.case_lines.unit IS 'unit of the quantity, e.g. each, lot, month';
COMMENT ON COLUMN fms.case_lines.value_usd IS 'line value, U.S. dollars';
COMMENT ON COLUMN fms.case_lines.sme IS 'significant military equipment';
COMMENT ON COLUMN fms.case_lines.mde IS 'major defense equipment (22 U.S.C. 2794(6)); counts in the document''s MDE value';
COMMENT ON COLUMN fms.case_lines.design_construction IS 'design and construction services; counts in the document''s design-and-construction value';

-- A line naming an item takes what it does not give from the item.
CREATE FUNCTION fms.inherit_item() RETURNS trigger
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	item fms.items;
BEGIN
	SELECT * INTO item FROM fms.items AS i WHERE i.item_code = NEW.item_code;
	NEW.description := COALESCE(NEW.description, item.description);
	NEW.usml := COALESCE(NEW.usml, item.usml);
	NEW.sme := COALESCE(NEW.sme, item.sme, false);
	NEW.mde := COALESCE(NEW.mde, item.mde, false);
	RETURN NEW;
END
$$;
COMMENT ON FUNCTION fms.inherit_item() IS 'trigger of fms.case_lines: a line takes the description, USML entry and SME and MDE flags it does not give from its item (or false)';
CREATE TRIGGER inherit_item BEFORE INSERT OR UPDATE OF item_code, description, usml, sme, mde ON fms.case_lines
	FOR EACH ROW WHEN (NEW.description IS NULL OR NEW.usml IS NULL OR NEW.sme IS NULL OR NEW.mde IS NULL)
	EXECUTE FUNCTION fms.inherit_item();

-- Where a change stands among the documents of its case: the basic LOA
-- first, then the changes in the order they were implemented (by number on
-- the same day), then those not yet implemented.
CREATE FUNCTION fms.document_rank(implemented_on pg_catalog.date, change_no pg_catalog.text) RETURNS pg_catalog.text
	AS 'MODULE_PATHNAME', 'fms_document_rank'
	LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION fms.document_rank(pg_catalog.date, pg_catalog.text) IS 'sort key of a document among its case''s: the basic LOA (change_no NULL), then changes by implementation date and number, unimplemented ones last';

-- The values a document's lines give it: the basic LOA's sums; a change's
-- differences from the versions its lines replace (the latest set by a
-- document ranked before it).  This and the two triggers below are C
-- (src/case_lines.c): they run on every write of lines and of values.
CREATE FUNCTION fms.document_line_values(case_id fms.case_id, change_no pg_catalog.text,
		OUT lines pg_catalog.int4, OUT total_value_usd pg_catalog.numeric,
		OUT mde_value_usd pg_catalog.numeric, OUT design_construction_usd pg_catalog.numeric)
	AS 'MODULE_PATHNAME', 'fms_document_line_values'
	LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION fms.document_line_values(fms.case_id, pg_catalog.text) IS 'number of lines a document sets and the values they give it: the basic LOA''s sums, a change''s differences from the versions it replaces';

-- After each statement on the lines: the documents it touched may take
-- line changes, and get the values their lines give them.
CREATE FUNCTION fms.apply_line_changes() RETURNS trigger
	AS 'MODULE_PATHNAME', 'fms_apply_line_changes'
	LANGUAGE C;
COMMENT ON FUNCTION fms.apply_line_changes() IS 'statement trigger of fms.case_lines: refuses line changes of a document that is no longer prepared (except itemizing one without lines), writes the values of every document of the touched cases from the lines in force, refuses moving the values of a document no longer prepared or a quantity below what was delivered; refuses TRUNCATE';
-- Transition tables allow one event per trigger.  All fire ALWAYS: under
-- session_replication_role = replica too, as the workflow does.
CREATE TRIGGER apply_line_inserts AFTER INSERT ON fms.case_lines
	REFERENCING NEW TABLE AS new_lines
	FOR EACH STATEMENT EXECUTE FUNCTION fms.apply_line_changes();
CREATE TRIGGER apply_line_updates AFTER UPDATE ON fms.case_lines
	REFERENCING OLD TABLE AS old_lines NEW TABLE AS new_lines
	FOR EACH STATEMENT EXECUTE FUNCTION fms.apply_line_changes();
CREATE TRIGGER apply_line_deletes AFTER DELETE ON fms.case_lines
	REFERENCING OLD TABLE AS old_lines
	FOR EACH STATEMENT EXECUTE FUNCTION fms.apply_line_changes();
CREATE TRIGGER refuse_truncate BEFORE TRUNCATE ON fms.case_lines
	FOR EACH STATEMENT EXECUTE FUNCTION fms.apply_line_changes();
ALTER TABLE fms.case_lines ENABLE ALWAYS TRIGGER apply_line_inserts;
ALTER TABLE fms.case_lines ENABLE ALWAYS TRIGGER apply_line_updates;
ALTER TABLE fms.case_lines ENABLE ALWAYS TRIGGER apply_line_deletes;
ALTER TABLE fms.case_lines ENABLE ALWAYS TRIGGER refuse_truncate;

-- When a change is implemented (its implementation date moves), the lines
-- in force move: the values of the case's documents follow, as after a line
-- change, and a document no longer prepared whose values would move
-- refuses it.  A change that becomes prepared again (a rework) takes the
-- values of the lines in force.  Other state changes move nothing: a
-- prepared document already has its lines' values, and one that is no
-- longer prepared keeps its own.
CREATE FUNCTION fms.recheck_line_values() RETURNS trigger
	AS 'MODULE_PATHNAME', 'fms_recheck_line_values'
	LANGUAGE C;
COMMENT ON FUNCTION fms.recheck_line_values() IS 'row trigger of fms.case_changes: when a change''s implementation date moves or it becomes prepared again, the values of its case''s documents follow the lines in force, and a document no longer prepared keeps its values (or the move is refused)';
CREATE TRIGGER recheck_line_values AFTER UPDATE ON fms.case_changes
	FOR EACH ROW WHEN (OLD.implemented_on IS DISTINCT FROM NEW.implemented_on
	                   OR (NEW.status OPERATOR(pg_catalog.=) ANY (ARRAY['development', 'write', 'review', 'proposed']::pg_catalog.text[])
	                       AND (OLD.status OPERATOR(pg_catalog.=) ANY (ARRAY['development', 'write', 'review', 'proposed']::pg_catalog.text[])) IS NOT TRUE))
	EXECUTE FUNCTION fms.recheck_line_values();
ALTER TABLE fms.case_changes ENABLE ALWAYS TRIGGER recheck_line_values;

-- The values of a document with lines are its lines', as finally written
-- (an AFTER trigger sees what every BEFORE trigger made of the row).
CREATE FUNCTION fms.check_line_values() RETURNS trigger
	AS 'MODULE_PATHNAME', 'fms_check_line_values'
	LANGUAGE C;
COMMENT ON FUNCTION fms.check_line_values() IS 'trigger of the case tables: the total, MDE and design-and-construction values of a document with lines must be the values its lines give';
CREATE TRIGGER check_line_values AFTER UPDATE ON fms.cases
	FOR EACH ROW WHEN ((OLD.total_value_usd, OLD.mde_value_usd, OLD.design_construction_usd)
	                   IS DISTINCT FROM (NEW.total_value_usd, NEW.mde_value_usd, NEW.design_construction_usd))
	EXECUTE FUNCTION fms.check_line_values();
CREATE TRIGGER check_line_values AFTER UPDATE ON fms.case_changes
	FOR EACH ROW WHEN ((OLD.total_value_usd, OLD.mde_value_usd, OLD.design_construction_usd)
	                   IS DISTINCT FROM (NEW.total_value_usd, NEW.mde_value_usd, NEW.design_construction_usd))
	EXECUTE FUNCTION fms.check_line_values();
ALTER TABLE fms.cases ENABLE ALWAYS TRIGGER check_line_values;
ALTER TABLE fms.case_changes ENABLE ALWAYS TRIGGER check_line_values;

-- The lines in force on a date of the cases given: for each line number
-- the version of the latest document in force (the basic LOA from the
-- start, a change from the day it was implemented).  What the functions
-- below and fms.case_values_of read; the body is in SQL-standard form, so
-- that callers inline it.
CREATE FUNCTION fms.case_lines_of(case_ids fms.case_id[], as_of pg_catalog.date)
	RETURNS SETOF fms.case_lines
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	SELECT DISTINCT ON (l.case_id, l.line_no) l.*
	  FROM fms.case_lines AS l
	  LEFT JOIN fms.case_changes AS x
	    ON x.case_id OPERATOR(fms.=) l.case_id AND x.change_no OPERATOR(pg_catalog.=) l.change_no
	 WHERE l.case_id OPERATOR(fms.=) ANY (case_ids)
	   AND (l.change_no IS NULL OR x.implemented_on OPERATOR(pg_catalog.<=) as_of)
	 ORDER BY l.case_id, l.line_no, fms.document_rank(x.implemented_on, l.change_no) DESC;
END;
COMMENT ON FUNCTION fms.case_lines_of(fms.case_id[], pg_catalog.date) IS 'the lines in force on a date of the cases given: for each line number the version of the latest document in force (the basic LOA from the start, a change from the day it was implemented)';

-- Every case's lines in force on a date.  A case none of whose changes
-- with lines is in force on the day has its basic LOA's lines in force as
-- they are, so only the other cases' versions are ranked: most cases
-- never change a line, and ranking every line took a sort of them all.
CREATE FUNCTION fms.case_lines_as_of(as_of pg_catalog.date)
	RETURNS SETOF fms.case_lines
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
	AS $$
	WITH versioned AS (
		SELECT DISTINCT x.case_id
		  FROM fms.case_changes AS x
		 WHERE x.implemented_on OPERATOR(pg_catalog.<=) $1
		   AND EXISTS (SELECT FROM fms.case_lines AS e
		                WHERE e.case_id OPERATOR(fms.=) x.case_id AND e.change_no OPERATOR(pg_catalog.=) x.change_no)
	)
	SELECT l.*
	  FROM fms.case_lines AS l
	 WHERE l.change_no IS NULL
	   AND NOT EXISTS (SELECT FROM versioned AS v WHERE v.case_id OPERATOR(fms.=) l.case_id)
	UNION ALL
	SELECT l.* FROM fms.case_lines_of(ARRAY(SELECT v.case_id FROM versioned AS v), $1) AS l
	$$;
COMMENT ON FUNCTION fms.case_lines_as_of(pg_catalog.date) IS 'every case''s lines in force on a date: for each line number the version of the latest document in force (the basic LOA from the start, a change from the day it was implemented)';

-- The same for one case, by its index: what a guard judging one case reads
-- (fms.case_lines_as_of would read every case's lines).  Its body is parsed
-- when it is created, so the query that calls it inlines it and plans it
-- once, where a function with a pinned search_path planned it again at
-- every call (330 microseconds); no day, no lines.
CREATE FUNCTION fms.case_lines_as_of(case_id fms.case_id, as_of pg_catalog.date)
	RETURNS SETOF fms.case_lines
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	SELECT l.* FROM fms.case_lines_of(ARRAY[$1], $2) AS l WHERE $2 IS NOT NULL;
END;
COMMENT ON FUNCTION fms.case_lines_as_of(fms.case_id, pg_catalog.date) IS 'one case''s lines in force on a date, as fms.case_lines_as_of(date) gives them for every case';
