/* src/sql/deliveries.sql -- what is delivered against each line, and when a line is supply complete */

-- A delivery is planned (planned_on) and then made (delivered_on, with the
-- transportation control number, bill of lading or service-performance
-- reference that shows it).  A line is supply complete when its delivered
-- quantity reaches the quantity in force, or when it is closed out with a
-- reason; a case reaches supply complete only when all its lines are
-- (DSCA Case Reconciliation and Closure Guide A7.C3.1.1).
CREATE TABLE fms.deliveries (
	id pg_catalog.int8 GENERATED ALWAYS AS IDENTITY,
	case_id fms.case_id NOT NULL REFERENCES fms.cases,
	line_no pg_catalog.int4 NOT NULL,
	planned_on pg_catalog.date,
	delivered_on pg_catalog.date,
	quantity pg_catalog.numeric NOT NULL
		CONSTRAINT quantity_is_finite_positive
		CHECK (quantity OPERATOR(pg_catalog.>) 0 AND quantity OPERATOR(pg_catalog.<) 'Infinity'),
	value_usd pg_catalog.numeric NOT NULL
		CONSTRAINT value_is_finite_whole_cents_not_negative
		CHECK (value_usd OPERATOR(pg_catalog.>=) 0 AND value_usd OPERATOR(pg_catalog.<) 'Infinity'
		       AND value_usd OPERATOR(pg_catalog.=) pg_catalog.round(value_usd, 2)),
	reference pg_catalog.text,
	CONSTRAINT planned_or_delivered CHECK (planned_on IS NOT NULL OR delivered_on IS NOT NULL),
	CONSTRAINT a_delivery_names_its_reference CHECK (delivered_on IS NULL OR reference IS NOT NULL),
	-- Kept by case, so that it can be sharded with the cases.
	PRIMARY KEY (case_id, id)
);
SELECT pg_catalog.pg_extension_config_dump('fms.deliveries', '');
SELECT pg_catalog.pg_extension_config_dump('fms.deliveries_id_seq', '');
CREATE INDEX deliveries_line ON fms.deliveries (case_id, line_no);
-- what was delivered after a day (fms.case_financials)
CREATE INDEX deliveries_delivered ON fms.deliveries (delivered_on);
COMMENT ON TABLE fms.deliveries IS 'deliveries against case lines: planned, and made with their transportation or service-performance reference';
COMMENT ON SEQUENCE fms.deliveries_id_seq IS 'numbers fms.deliveries';
COMMENT ON COLUMN fms.deliveries.id IS 'identifies the delivery';
COMMENT ON COLUMN fms.deliveries.case_id IS 'the case';
COMMENT ON COLUMN fms.deliveries.line_no IS 'the line delivered against';
COMMENT ON COLUMN fms.deliveries.planned_on IS 'planned delivery date';
COMMENT ON COLUMN fms.deliveries.delivered_on IS 'date delivered (title transferred, or service performed); NULL while planned';
COMMENT ON COLUMN fms.deliveries.quantity IS 'quantity, in the line''s unit';
COMMENT ON COLUMN fms.deliveries.value_usd IS 'value delivered, U.S. dollars';
COMMENT ON COLUMN fms.deliveries.reference IS 'transportation control number, bill of lading or service-performance reference; required once delivered';

CREATE TABLE fms.line_closeouts (
	case_id fms.case_id NOT NULL REFERENCES fms.cases,
	line_no pg_catalog.int4 NOT NULL,
	closed_out_on pg_catalog.date NOT NULL,
	reason pg_catalog.text NOT NULL
		CONSTRAINT reason_is_given CHECK (reason OPERATOR(pg_catalog.<>) ''),
	PRIMARY KEY (case_id, line_no)
);
SELECT pg_catalog.pg_extension_config_dump('fms.line_closeouts', '');
COMMENT ON TABLE fms.line_closeouts IS 'lines closed out without being fully delivered, with the reason: supply complete from that day';
COMMENT ON COLUMN fms.line_closeouts.case_id IS 'the case';
COMMENT ON COLUMN fms.line_closeouts.line_no IS 'the line';
COMMENT ON COLUMN fms.line_closeouts.closed_out_on IS 'day the line was closed out';
COMMENT ON COLUMN fms.line_closeouts.reason IS 'why it is complete short of its quantity';

-- Each delivery names a line of an implemented case, is made no earlier
-- than the case's implementation, and a line's deliveries do not exceed
-- its quantity in force.
CREATE FUNCTION fms.check_deliveries() RETURNS trigger
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	bad record;
BEGIN
	-- A restore (a COPY) may load deliveries before the lines they name;
	-- they were checked when first written.
	IF pg_catalog.current_query() ~* '^\s*copy\s' THEN
		RETURN NULL;
	END IF;
	-- Each line delivered against, with its version in force (the basic
	-- LOA's or an implemented change's) and what has been delivered on it.
	SELECT n.case_id, n.line_no, n.first_delivered, c.implemented_on, l.quantity,
	       (SELECT sum(e.quantity) FROM fms.deliveries AS e
	         WHERE e.case_id OPERATOR(fms.=) n.case_id AND e.line_no = n.line_no AND e.delivered_on IS NOT NULL) AS delivered
	  INTO bad
	  FROM (SELECT d.case_id, d.line_no, min(d.delivered_on) AS first_delivered
	          FROM new_deliveries AS d GROUP BY 1, 2) AS n
	  JOIN fms.cases AS c ON c.case_id OPERATOR(fms.=) n.case_id
	  LEFT JOIN LATERAL (SELECT v.quantity FROM fms.case_lines AS v
	                       LEFT JOIN fms.case_changes AS vc
	                         ON vc.case_id OPERATOR(fms.=) v.case_id AND vc.change_no = v.change_no
	                      WHERE v.case_id OPERATOR(fms.=) n.case_id AND v.line_no = n.line_no
	                        AND (v.change_no IS NULL OR vc.implemented_on IS NOT NULL)
	                      ORDER BY fms.document_rank(vc.implemented_on, v.change_no) DESC
	                      LIMIT 1) AS l ON true
	 WHERE l.quantity IS NULL
	    OR (n.first_delivered IS NOT NULL AND (c.implemented_on IS NULL OR n.first_delivered < c.implemented_on))
	    OR (SELECT sum(e.quantity) FROM fms.deliveries AS e
	         WHERE e.case_id OPERATOR(fms.=) n.case_id AND e.line_no = n.line_no AND e.delivered_on IS NOT NULL) > l.quantity
	 ORDER BY n.case_id, n.line_no
	 LIMIT 1;
	IF NOT FOUND THEN
		RETURN NULL;
	ELSIF bad.quantity IS NULL THEN
		RAISE EXCEPTION 'case % has no line % in force', fms.text(bad.case_id), lpad(bad.line_no::text, 3, '0')
			USING ERRCODE = 'foreign_key_violation',
			      HINT = 'Deliver against a line of the basic LOA or of an implemented amendment or modification (fms.case_lines).';
	ELSIF bad.first_delivered IS NOT NULL AND (bad.implemented_on IS NULL OR bad.first_delivered < bad.implemented_on) THEN
		RAISE EXCEPTION 'a delivery of % line % on % comes before the case was implemented%',
			fms.text(bad.case_id), lpad(bad.line_no::text, 3, '0'), bad.first_delivered,
			COALESCE(' (' || bad.implemented_on || ')', ' (it is not implemented)')
			USING ERRCODE = 'check_violation',
			      HINT = 'Deliveries follow implementation (SAMM C6.1); record it as planned (planned_on) until then.';
	END IF;
	RAISE EXCEPTION 'deliveries of % line % exceed its quantity', fms.text(bad.case_id), lpad(bad.line_no::text, 3, '0')
		USING ERRCODE = 'check_violation',
		      DETAIL = format('%s delivered, %s in force.', bad.delivered, bad.quantity),
		      HINT = 'Raise the line''s quantity through an amendment or modification first.';
	RETURN NULL;
END
$$;
COMMENT ON FUNCTION fms.check_deliveries() IS 'statement trigger of fms.deliveries: each names a line of its case in force, none is delivered before the case was implemented, and a line''s deliveries stay within its quantity in force (not checked again when a COPY restores them)';
CREATE TRIGGER check_delivery_inserts AFTER INSERT ON fms.deliveries
	REFERENCING NEW TABLE AS new_deliveries
	FOR EACH STATEMENT EXECUTE FUNCTION fms.check_deliveries();
CREATE TRIGGER check_delivery_updates AFTER UPDATE ON fms.deliveries
	REFERENCING NEW TABLE AS new_deliveries
	FOR EACH STATEMENT EXECUTE FUNCTION fms.check_deliveries();

-- Every line in force on a date, with what was delivered by then.
CREATE FUNCTION fms.line_status(as_of pg_catalog.date)
	RETURNS TABLE (case_id fms.case_id, line_no pg_catalog.int4, document pg_catalog.text, item_code pg_catalog.text,
	               description pg_catalog.text, usml fms.usml, quantity pg_catalog.numeric, unit pg_catalog.text,
	               value_usd pg_catalog.numeric, mde pg_catalog.bool, sme pg_catalog.bool,
	               delivered_quantity pg_catalog.numeric, delivered_value_usd pg_catalog.numeric,
	               closed_out_on pg_catalog.date, supply_complete pg_catalog.bool)
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
	AS $$
	SELECT l.case_id, l.line_no, l.document, l.item_code, l.description, l.usml, l.quantity, l.unit, l.value_usd,
	       l.mde, l.sme,
	       COALESCE(d.quantity, 0), COALESCE(d.value_usd, 0), o.closed_out_on,
	       COALESCE(d.quantity, 0) OPERATOR(pg_catalog.>=) l.quantity OR o.closed_out_on IS NOT NULL
	  FROM fms.case_lines_as_of($1) AS l
	  LEFT JOIN (SELECT e.case_id, e.line_no, pg_catalog.sum(e.quantity) AS quantity, pg_catalog.sum(e.value_usd) AS value_usd
	               FROM fms.deliveries AS e WHERE e.delivered_on OPERATOR(pg_catalog.<=) $1
	              GROUP BY 1, 2) AS d
	    ON d.case_id OPERATOR(fms.=) l.case_id AND d.line_no OPERATOR(pg_catalog.=) l.line_no
	  LEFT JOIN fms.line_closeouts AS o
	    ON o.case_id OPERATOR(fms.=) l.case_id AND o.line_no OPERATOR(pg_catalog.=) l.line_no
	   AND o.closed_out_on OPERATOR(pg_catalog.<=) $1
	$$;
COMMENT ON FUNCTION fms.line_status(pg_catalog.date) IS 'every line in force on a date with the quantity and value delivered by then, its closeout, and whether it is supply complete';

-- Guard of implemented -> supply_complete: every line in force on the day
-- is delivered or closed out.
CREATE FUNCTION fms.guard_supply_complete(new_row anyelement) RETURNS pg_catalog.text
	LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	r jsonb := to_jsonb(new_row);
	ssc date := (r ->> 'supply_complete_on')::date;
	open_lines text;
	how_many int;
BEGIN
	-- Read for this case alone: fms.line_status(ssc) would read every case.
	SELECT string_agg(lpad(l.line_no::text, 3, '0') || ' (' || COALESCE(d.quantity, 0) || ' of ' || l.quantity || ')', ', ' ORDER BY l.line_no),
	       count(*)
	  INTO open_lines, how_many
	  FROM fms.case_lines_as_of((r ->> 'case_id')::fms.case_id, ssc) AS l
	  LEFT JOIN LATERAL (SELECT sum(e.quantity) AS quantity FROM fms.deliveries AS e
	                      WHERE e.case_id OPERATOR(fms.=) l.case_id AND e.line_no = l.line_no AND e.delivered_on <= ssc) AS d ON true
	 WHERE COALESCE(d.quantity, 0) < l.quantity
	   AND NOT EXISTS (SELECT FROM fms.line_closeouts AS o
	                    WHERE o.case_id OPERATOR(fms.=) l.case_id AND o.line_no = l.line_no AND o.closed_out_on <= ssc);
	IF how_many > 0 THEN
		RETURN format('%s of its lines %s not supply complete on %s: %s. Record their deliveries (fms.deliveries) or close them out with a reason (fms.line_closeouts) first (DSCA Case Reconciliation and Closure Guide A7.C3.1.1).',
		              how_many, CASE WHEN how_many = 1 THEN 'is' ELSE 'are' END, to_char(ssc, 'YYYY-MM-DD'), open_lines);
	END IF;
	RETURN fms.guard_dates_in_order(new_row);
END
$$;
COMMENT ON FUNCTION fms.guard_supply_complete(anyelement) IS 'workflow guard of implemented -> supply_complete: every line in force is delivered or closed out (a case without lines passes), dates in order';

-- AECA 36(b)(5)(A): a report at least 45 days before the delivery of
-- major defense equipment or sensitive items sold under a 36(b)(1)
-- certification, if the sensitivity of technology or the capability was
-- enhanced or upgraded, within ten years of the certification (Pub. L.
-- 99-83 section 118).  Whether an upgrade happened is a judgement the
-- data does not hold: the view lists the planned deliveries it would
-- concern, and whether a report is recorded for the case.
CREATE VIEW fms.section_36b5a_deliveries AS
WITH certified AS MATERIALIZED (
	-- the governing certification of each case that has one, asked only
	-- for the cases with a 36(b)(1) notification (not for every delivery)
	SELECT c.case_id, n.transmittal_no, n.formal_sent_on
	  FROM (SELECT DISTINCT x.case_id FROM fms.congressional_notifications AS x
	         WHERE x.section OPERATOR(pg_catalog.=) '36(b)(1)' AND x.case_id IS NOT NULL) AS c
	 CROSS JOIN LATERAL fms.governing_notification('36(b)(1)', c.case_id, NULL, NULL) AS n
	 WHERE n.formal_sent_on IS NOT NULL
)
SELECT fms.text(d.case_id) AS case_id, d.line_no, l.description, l.usml, l.mde, l.sme,
       d.planned_on, d.quantity, d.value_usd,
       n.transmittal_no AS certification, n.formal_sent_on AS certified_on,
       d.planned_on OPERATOR(pg_catalog.-) 45 AS report_due_on,
       EXISTS (SELECT FROM fms.congressional_notifications AS r
                WHERE r.case_id OPERATOR(fms.=) d.case_id AND r.section OPERATOR(pg_catalog.=) '36(b)(5)(A)'
                  AND r.status OPERATOR(pg_catalog.<>) 'withdrawn') AS report_recorded
  FROM fms.deliveries AS d
  -- the lines in force of the certified cases only
  JOIN fms.case_lines_of(ARRAY(SELECT c.case_id FROM certified AS c), fms.today()) AS l
    ON l.case_id OPERATOR(fms.=) d.case_id AND l.line_no OPERATOR(pg_catalog.=) d.line_no
  JOIN certified AS n ON n.case_id OPERATOR(fms.=) d.case_id
 WHERE d.delivered_on IS NULL AND (l.mde OR l.sme)
   AND d.planned_on OPERATOR(pg_catalog.<) (n.formal_sent_on OPERATOR(pg_catalog.+) '10 years'::pg_catalog.interval);
COMMENT ON VIEW fms.section_36b5a_deliveries IS 'planned deliveries of MDE or SME lines within ten years of the case''s 36(b)(1) certification: a 36(b)(5)(A) report is due 45 days before each if the technology or capability was enhanced or upgraded (Pub. L. 99-83 section 118)';
COMMENT ON COLUMN fms.section_36b5a_deliveries.case_id IS 'case identifier';
COMMENT ON COLUMN fms.section_36b5a_deliveries.line_no IS 'line';
COMMENT ON COLUMN fms.section_36b5a_deliveries.description IS 'what the line sells';
COMMENT ON COLUMN fms.section_36b5a_deliveries.usml IS 'U.S. Munitions List entry';
COMMENT ON COLUMN fms.section_36b5a_deliveries.mde IS 'major defense equipment';
COMMENT ON COLUMN fms.section_36b5a_deliveries.sme IS 'significant military equipment';
COMMENT ON COLUMN fms.section_36b5a_deliveries.planned_on IS 'planned delivery date';
COMMENT ON COLUMN fms.section_36b5a_deliveries.quantity IS 'quantity planned';
COMMENT ON COLUMN fms.section_36b5a_deliveries.value_usd IS 'value planned, U.S. dollars';
COMMENT ON COLUMN fms.section_36b5a_deliveries.certification IS 'transmittal number of the 36(b)(1) certification';
COMMENT ON COLUMN fms.section_36b5a_deliveries.certified_on IS 'day the certification was formally sent';
COMMENT ON COLUMN fms.section_36b5a_deliveries.report_due_on IS 'latest day to send a 36(b)(5)(A) report: 45 days before the delivery';
COMMENT ON COLUMN fms.section_36b5a_deliveries.report_recorded IS 'a 36(b)(5)(A) report is recorded for the case';
