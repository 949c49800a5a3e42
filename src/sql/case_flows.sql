/* src/sql/case_flows.sql -- the value flows of each case, kept as its documents, lines and deliveries are written */

-- What each case offered, had accepted and delivered, by day and USML
-- category: a document's line versions add their value under their
-- category on its offer and acceptance and take the replaced version's off
-- under that one's; a delivery counts under the category of its line's
-- version in force on the day; a document without lines counts its total
-- under no category.  An accepted document's line versions are its lines
-- ordered.  The reports sum these rows (fms.category_flows and
-- the views built on it): derived at every read, they took seconds at ten
-- times the real portfolio, so they are kept, recomputed for the cases a
-- statement touched when it ends (src/sql/case_keeping.sql).  The body is in
-- SQL-standard form, parsed when it is created (so no search_path at call
-- time can redirect a name in it), so that the planner inlines it into its
-- callers: the recomputation's plan is then cached with the trigger's
-- function instead of planned again for every statement.  NULL or unknown
-- cases derive no flows.
CREATE FUNCTION fms.case_flows_of(case_ids fms.case_id[])
	RETURNS TABLE (case_id fms.case_id, customer_code pg_catalog.text, on_date pg_catalog.date,
	               usml_category pg_catalog.int4, offered_usd pg_catalog.numeric, accepted_usd pg_catalog.numeric,
	               delivered_usd pg_catalog.numeric, lines_ordered pg_catalog.int4)
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
WITH ranked AS (
	-- Every line version with the rank of its document among its case's
	-- (fms.document_rank), and whether that document is in force: the
	-- basic LOA, or a change once implemented.
	SELECT l.case_id, l.line_no, l.change_no, fms.usml_category(l.usml) AS usml_category, l.value_usd,
	       x.implemented_on, fms.document_rank(x.implemented_on, l.change_no) AS rank,
	       l.change_no IS NULL OR x.implemented_on IS NOT NULL AS in_force
	  FROM fms.case_lines AS l
	  LEFT JOIN fms.case_changes AS x
	    ON x.case_id OPERATOR(fms.=) l.case_id AND x.change_no OPERATOR(pg_catalog.=) l.change_no
	 WHERE l.case_id OPERATOR(fms.=) ANY (case_ids)
), versions AS (
	-- Each line version with the version it replaces, as the document's
	-- values are derived (fms.document_line_values): the latest version in
	-- force ranked before it.
	SELECT r.case_id, r.change_no, r.usml_category, r.value_usd,
	       p.usml_category AS replaced_category, p.value_usd AS replaced_value
	  FROM (SELECT r.*, pg_catalog.max(r.rank) FILTER (WHERE r.in_force)
	                        OVER (PARTITION BY r.case_id, r.line_no ORDER BY r.rank
	                              ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS replaced_rank
	          FROM ranked AS r) AS r
	  LEFT JOIN ranked AS p
	    ON r.change_no IS NOT NULL AND p.case_id OPERATOR(fms.=) r.case_id AND p.line_no OPERATOR(pg_catalog.=) r.line_no
	   AND p.rank OPERATOR(pg_catalog.=) r.replaced_rank
), in_force AS (
	-- The days each version in force holds its line: from its document's
	-- implementation (the basic LOA's always) to the next one's.
	SELECT r.case_id, r.line_no, r.usml_category,
	       COALESCE(r.implemented_on, '-infinity'::pg_catalog.date) AS valid_from,
	       pg_catalog.lead(COALESCE(r.implemented_on, '-infinity'::pg_catalog.date))
	           OVER (PARTITION BY r.case_id, r.line_no ORDER BY r.rank) AS valid_to
	  FROM ranked AS r
	 WHERE r.in_force
), touched_documents AS (
	SELECT d.case_id, d.change_no, d.customer_code, d.offered_on, d.accepted_on, d.total_value_usd
	  FROM fms.documents AS d
	 WHERE d.case_id OPERATOR(fms.=) ANY (case_ids)
), documents AS (
	-- A version adds its value under its category (and is one line of its
	-- document) and takes the replaced one's off under that one's
	-- category.  (Documents and versions are matched on a change number
	-- that is never empty, so that the join can hash.)
	SELECT d.case_id, d.customer_code, d.offered_on, d.accepted_on, v.usml_category, v.value_usd AS added_usd,
	       1 AS lines
	  FROM touched_documents AS d
	  JOIN versions AS v ON v.case_id OPERATOR(fms.=) d.case_id
	   AND COALESCE(v.change_no, '') OPERATOR(pg_catalog.=) COALESCE(d.change_no, '')
	UNION ALL
	SELECT d.case_id, d.customer_code, d.offered_on, d.accepted_on, v.replaced_category, OPERATOR(pg_catalog.-) v.replaced_value, 0
	  FROM touched_documents AS d
	  JOIN versions AS v ON v.case_id OPERATOR(fms.=) d.case_id
	   AND COALESCE(v.change_no, '') OPERATOR(pg_catalog.=) COALESCE(d.change_no, '')
	 WHERE v.replaced_value IS NOT NULL
	UNION ALL
	SELECT d.case_id, d.customer_code, d.offered_on, d.accepted_on, NULL, d.total_value_usd, 0
	  FROM touched_documents AS d
	 WHERE NOT EXISTS (SELECT FROM fms.case_lines AS l
	                    WHERE l.case_id OPERATOR(fms.=) d.case_id
	                      AND COALESCE(l.change_no, '') OPERATOR(pg_catalog.=) COALESCE(d.change_no, ''))
), events AS (
	SELECT d.case_id, d.customer_code, d.offered_on AS on_date, d.usml_category,
	       d.added_usd AS offered_usd, 0::pg_catalog.numeric AS accepted_usd, 0::pg_catalog.numeric AS delivered_usd,
	       0 AS lines_ordered
	  FROM documents AS d WHERE d.offered_on IS NOT NULL
	UNION ALL
	SELECT d.case_id, d.customer_code, d.accepted_on, d.usml_category, 0, d.added_usd, 0, d.lines
	  FROM documents AS d WHERE d.accepted_on IS NOT NULL
	UNION ALL
	-- A delivery counts under the category of its line's version in force
	-- on the day.
	SELECT e.case_id, fms.customer_code(e.case_id), e.delivered_on, v.usml_category, 0, 0, e.value_usd, 0
	  FROM fms.deliveries AS e
	  LEFT JOIN in_force AS v
	    ON v.case_id OPERATOR(fms.=) e.case_id AND v.line_no OPERATOR(pg_catalog.=) e.line_no
	   AND v.valid_from OPERATOR(pg_catalog.<=) e.delivered_on
	   AND (v.valid_to IS NULL OR e.delivered_on OPERATOR(pg_catalog.<) v.valid_to)
	 WHERE e.delivered_on IS NOT NULL AND e.case_id OPERATOR(fms.=) ANY (case_ids)
)
SELECT e.case_id, e.customer_code, e.on_date, e.usml_category,
       pg_catalog.sum(e.offered_usd), pg_catalog.sum(e.accepted_usd), pg_catalog.sum(e.delivered_usd),
       pg_catalog.sum(e.lines_ordered)::pg_catalog.int4
  FROM events AS e
 GROUP BY e.case_id, e.customer_code, e.on_date, e.usml_category;
END;
COMMENT ON FUNCTION fms.case_flows_of(fms.case_id[]) IS 'the value flows of the cases given, derived from their documents, lines and deliveries: what fms.case_flows keeps for them';

CREATE TABLE fms.case_flows (
	case_id fms.case_id NOT NULL,
	customer_code pg_catalog.text NOT NULL,
	on_date pg_catalog.date NOT NULL,
	usml_category pg_catalog.int4,
	offered_usd pg_catalog.numeric NOT NULL,
	accepted_usd pg_catalog.numeric NOT NULL,
	delivered_usd pg_catalog.numeric NOT NULL,
	lines_ordered pg_catalog.int4 NOT NULL
);
CREATE INDEX case_flows_case ON fms.case_flows (case_id);
COMMENT ON TABLE fms.case_flows IS 'value offered, accepted and delivered, and lines ordered, per case, day and USML category (fms.case_flows_of), kept by the triggers of the case tables: not dumped, a restore rebuilds it; SELECT fms.recompute_case_flows(NULL) rebuilds it whole';
COMMENT ON COLUMN fms.case_flows.case_id IS 'the case';
COMMENT ON COLUMN fms.case_flows.customer_code IS 'customer code';
COMMENT ON COLUMN fms.case_flows.on_date IS 'day of the offers, acceptances or deliveries';
COMMENT ON COLUMN fms.case_flows.usml_category IS 'USML category (1 to 21); NULL for documents without lines or lines without a USML entry';
COMMENT ON COLUMN fms.case_flows.offered_usd IS 'value offered that day, U.S. dollars (negative where a change offers less under a category)';
COMMENT ON COLUMN fms.case_flows.accepted_usd IS 'value accepted that day, U.S. dollars';
COMMENT ON COLUMN fms.case_flows.delivered_usd IS 'value delivered that day, U.S. dollars';
COMMENT ON COLUMN fms.case_flows.lines_ordered IS 'line versions of the documents accepted that day';

CREATE FUNCTION fms.recompute_case_flows(case_ids fms.case_id[]) RETURNS void
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	removed fms.demand_event[];
	added fms.demand_event[];
BEGIN
	IF case_ids IS NULL THEN
		DELETE FROM fms.case_flows;
		INSERT INTO fms.case_flows SELECT * FROM fms.case_flows_of(ARRAY(SELECT c.case_id FROM fms.cases AS c));
		PERFORM fms.recompute_demand_quarters();
		RETURN;
	END IF;
	-- Only the rows that moved are replaced, and their demand events move
	-- the demand kept by quarter.  Only a case with an offered or accepted
	-- document, or a delivery, has flows: the lines of a case still being
	-- prepared are written many times, and need not be derived each time.
	WITH fresh AS MATERIALIZED (
		SELECT n.*
		  FROM fms.case_flows_of(ARRAY(
		           SELECT c.case_id FROM fms.cases AS c
		            WHERE c.case_id OPERATOR(fms.=) ANY (case_ids)
		              AND (c.offered_on IS NOT NULL OR c.accepted_on IS NOT NULL
		                   OR EXISTS (SELECT FROM fms.case_changes AS x
		                               WHERE x.case_id OPERATOR(fms.=) c.case_id
		                                 AND (x.offered_on IS NOT NULL OR x.accepted_on IS NOT NULL))
		                   OR EXISTS (SELECT FROM fms.deliveries AS e
		                               WHERE e.case_id OPERATOR(fms.=) c.case_id AND e.delivered_on IS NOT NULL)))) AS n
	), kept AS (
		SELECT f.* FROM fms.case_flows AS f WHERE f.case_id OPERATOR(fms.=) ANY (case_ids)
	), moved AS (
		-- rows compared as text, so that a sum written 25000 where it was
		-- 25000.00 is written again, as a fresh derivation would write it
		SELECT k.case_id, k.on_date, k.usml_category, k::pg_catalog.text AS image, false AS fresh FROM kept AS k
		EXCEPT ALL
		SELECT n.case_id, n.on_date, n.usml_category, n::pg_catalog.text, false FROM fresh AS n
		UNION ALL
		(SELECT n.case_id, n.on_date, n.usml_category, n::pg_catalog.text, true FROM fresh AS n
		 EXCEPT ALL
		 SELECT k.case_id, k.on_date, k.usml_category, k::pg_catalog.text, true FROM kept AS k)
	), gone AS (
		DELETE FROM fms.case_flows AS f
		 USING moved AS k
		 WHERE NOT k.fresh AND f.case_id OPERATOR(fms.=) k.case_id AND f.on_date OPERATOR(pg_catalog.=) k.on_date
		   AND COALESCE(f.usml_category, 0) OPERATOR(pg_catalog.=) COALESCE(k.usml_category, 0)
		RETURNING f.*
	), made AS (
		INSERT INTO fms.case_flows
		SELECT n.* FROM fresh AS n
		 WHERE n::pg_catalog.text OPERATOR(pg_catalog.=) ANY (SELECT m.image FROM moved AS m WHERE m.fresh)
		RETURNING *
	)
	SELECT ARRAY(SELECT e FROM gone AS f CROSS JOIN LATERAL fms.flow_demand(f::fms.case_flows) AS e),
	       ARRAY(SELECT e FROM made AS f CROSS JOIN LATERAL fms.flow_demand(f::fms.case_flows) AS e)
	  INTO removed, added;
	IF removed OPERATOR(pg_catalog.<>) '{}' OR added OPERATOR(pg_catalog.<>) '{}' THEN
		PERFORM fms.add_demand(removed, added);
	END IF;
END
$$;
COMMENT ON FUNCTION fms.recompute_case_flows(fms.case_id[]) IS 'replaces the rows of fms.case_flows of the cases given (NULL: of every case) with their flows derived afresh, and moves fms.demand_quarters by their demand events (NULL: rebuilds it); needs the rights to write both, which the triggers use as the owner of schema fms';

-- The flows of FMS documents by customer, day and USML category, as the
-- reports read them.
CREATE VIEW fms.category_flows AS
SELECT f.customer_code, f.on_date, f.usml_category, f.offered_usd, f.accepted_usd, f.delivered_usd, f.case_id,
       f.lines_ordered
  FROM fms.case_flows AS f;
COMMENT ON VIEW fms.category_flows IS 'FMS value offered, accepted and delivered by customer, day and USML category: a document''s lines add their value under their category on its offer and acceptance and take the replaced version''s off under that one''s; a delivery counts under its line''s category in force on the day; documents without lines under no category (one row per case, day and category)';
COMMENT ON COLUMN fms.category_flows.customer_code IS 'customer code';
COMMENT ON COLUMN fms.category_flows.on_date IS 'day of the offer, acceptance or delivery';
COMMENT ON COLUMN fms.category_flows.usml_category IS 'USML category (1 to 21); NULL for documents without lines or lines without a USML entry';
COMMENT ON COLUMN fms.category_flows.offered_usd IS 'value offered that day, U.S. dollars (negative where a change offers less under a category)';
COMMENT ON COLUMN fms.category_flows.accepted_usd IS 'value accepted that day, U.S. dollars';
COMMENT ON COLUMN fms.category_flows.delivered_usd IS 'value delivered that day, U.S. dollars';
COMMENT ON COLUMN fms.category_flows.case_id IS 'the case';
COMMENT ON COLUMN fms.category_flows.lines_ordered IS 'line versions of the documents accepted that day';
