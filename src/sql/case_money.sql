/* src/sql/case_money.sql -- what the purchaser owes and has paid, and where each case stands */

-- The payment schedule of a case: amounts due by date (the LOA's payment
-- schedule, billed quarterly).  Collections: what the purchaser paid.
CREATE TABLE fms.payment_schedule (
	case_id fms.case_id NOT NULL REFERENCES fms.cases,
	due_on pg_catalog.date NOT NULL,
	amount_usd pg_catalog.numeric NOT NULL
		CONSTRAINT amount_is_finite_positive_whole_cents
		CHECK (amount_usd OPERATOR(pg_catalog.>) 0 AND amount_usd OPERATOR(pg_catalog.<) 'Infinity'
		       AND amount_usd OPERATOR(pg_catalog.=) pg_catalog.round(amount_usd, 2)),
	PRIMARY KEY (case_id, due_on)
);
SELECT pg_catalog.pg_extension_config_dump('fms.payment_schedule', '');
COMMENT ON TABLE fms.payment_schedule IS 'payment schedule of each case: the amount due on each date';
COMMENT ON COLUMN fms.payment_schedule.case_id IS 'the case';
COMMENT ON COLUMN fms.payment_schedule.due_on IS 'date the amount is due';
COMMENT ON COLUMN fms.payment_schedule.amount_usd IS 'amount due, U.S. dollars';

CREATE TABLE fms.collections (
	id pg_catalog.int8 GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	case_id fms.case_id NOT NULL REFERENCES fms.cases,
	received_on pg_catalog.date NOT NULL,
	amount_usd pg_catalog.numeric NOT NULL
		CONSTRAINT amount_is_finite_whole_cents_not_zero
		CHECK (amount_usd OPERATOR(pg_catalog.<>) 0 AND amount_usd OPERATOR(pg_catalog.>) '-Infinity'
		       AND amount_usd OPERATOR(pg_catalog.<) 'Infinity' AND amount_usd OPERATOR(pg_catalog.=) pg_catalog.round(amount_usd, 2)),
	reference pg_catalog.text
);
SELECT pg_catalog.pg_extension_config_dump('fms.collections', '');
SELECT pg_catalog.pg_extension_config_dump('fms.collections_id_seq', '');
CREATE INDEX collections_case ON fms.collections (case_id, received_on);
COMMENT ON TABLE fms.collections IS 'payments received from the purchaser for each case (a refund is negative)';
COMMENT ON SEQUENCE fms.collections_id_seq IS 'numbers fms.collections';
COMMENT ON COLUMN fms.collections.id IS 'identifies the collection';
COMMENT ON COLUMN fms.collections.case_id IS 'the case';
COMMENT ON COLUMN fms.collections.received_on IS 'date received';
COMMENT ON COLUMN fms.collections.amount_usd IS 'amount received, U.S. dollars; negative for a refund';
COMMENT ON COLUMN fms.collections.reference IS 'the payment''s reference';

-- The value of every case in force on a date: its lines in force, and the
-- typed values of the documents without lines (a basic LOA without lines,
-- and changes without lines implemented by then).
CREATE FUNCTION fms.case_values_as_of(as_of pg_catalog.date)
	RETURNS TABLE (case_id fms.case_id, total_value_usd pg_catalog.numeric, mde_value_usd pg_catalog.numeric,
	               design_construction_usd pg_catalog.numeric)
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
	AS $$
	SELECT c.case_id,
	       COALESCE(l.total, 0) OPERATOR(pg_catalog.+) CASE WHEN h.case_id IS NOT NULL THEN 0 ELSE c.total_value_usd END
	           OPERATOR(pg_catalog.+) COALESCE(x.total, 0),
	       COALESCE(l.mde, 0) OPERATOR(pg_catalog.+) CASE WHEN h.case_id IS NOT NULL THEN 0 ELSE c.mde_value_usd END
	           OPERATOR(pg_catalog.+) COALESCE(x.mde, 0),
	       COALESCE(l.dc, 0) OPERATOR(pg_catalog.+) CASE WHEN h.case_id IS NOT NULL THEN 0 ELSE c.design_construction_usd END
	           OPERATOR(pg_catalog.+) COALESCE(x.dc, 0)
	  FROM fms.cases AS c
	  -- the cases whose basic LOA has lines (its typed values then count not)
	  LEFT JOIN (SELECT DISTINCT e.case_id FROM fms.case_lines AS e WHERE e.change_no IS NULL) AS h
	    ON h.case_id OPERATOR(fms.=) c.case_id
	  LEFT JOIN (SELECT f.case_id, pg_catalog.sum(f.value_usd) AS total,
	                    pg_catalog.sum(f.value_usd) FILTER (WHERE f.mde) AS mde,
	                    pg_catalog.sum(f.value_usd) FILTER (WHERE f.design_construction) AS dc
	               FROM fms.case_lines_as_of($1) AS f GROUP BY 1) AS l
	    ON l.case_id OPERATOR(fms.=) c.case_id
	  LEFT JOIN (SELECT y.case_id, pg_catalog.sum(y.total_value_usd) AS total, pg_catalog.sum(y.mde_value_usd) AS mde,
	                    pg_catalog.sum(y.design_construction_usd) AS dc
	               FROM fms.case_changes AS y
	              WHERE y.implemented_on OPERATOR(pg_catalog.<=) $1
	                AND NOT EXISTS (SELECT FROM fms.case_lines AS e
	                                 WHERE e.case_id OPERATOR(fms.=) y.case_id AND e.change_no OPERATOR(pg_catalog.=) y.change_no)
	              GROUP BY 1) AS x
	    ON x.case_id OPERATOR(fms.=) c.case_id
	$$;
COMMENT ON FUNCTION fms.case_values_as_of(pg_catalog.date) IS 'total, MDE and design-and-construction value of every case in force on a date: its lines in force, plus the typed values of its documents without lines (the basic LOA, and changes implemented by then)';

-- Where each case stands on the reports' day (fms.today(), which the
-- setting fms.as_of_date moves).  Billed is what the schedule made due by
-- then; the cash position is what was collected less what was delivered.
CREATE VIEW fms.case_financials AS
WITH customer AS MATERIALIZED (SELECT * FROM fms.customer_dimension),
day AS (
	SELECT fms.today() AS as_of,
	       (pg_catalog.date_trunc('quarter', fms.today()::pg_catalog.timestamp) OPERATOR(pg_catalog.+) '3 months'::pg_catalog.interval)::pg_catalog.date AS next_quarter_from,
	       (pg_catalog.date_trunc('quarter', fms.today()::pg_catalog.timestamp) OPERATOR(pg_catalog.+) '6 months'::pg_catalog.interval)::pg_catalog.date AS next_quarter_to
)
SELECT fms.text(c.case_id) AS case_id, c.customer_code AS customer, c.funding_source, c.status, day.as_of,
       v.total_value_usd,
       COALESCE(d.delivered, 0) AS delivered_value_usd,
       v.total_value_usd OPERATOR(pg_catalog.-) COALESCE(d.delivered, 0) AS undelivered_value_usd,
       COALESCE(s.billed, 0) AS billed_usd,
       COALESCE(k.collected, 0) AS collected_usd,
       COALESCE(s.due_next_quarter, 0) AS due_next_quarter_usd,
       COALESCE(k.collected, 0) OPERATOR(pg_catalog.-) COALESCE(d.delivered, 0) AS cash_position_usd,
       g.region, g.combatant_command
  FROM fms.cases AS c
 CROSS JOIN day
  JOIN customer AS g ON g.customer_code OPERATOR(pg_catalog.=) c.customer_code
  JOIN fms.case_values_as_of(fms.today()) AS v ON v.case_id OPERATOR(fms.=) c.case_id
  LEFT JOIN (SELECT e.case_id, pg_catalog.sum(e.value_usd) AS delivered FROM fms.deliveries AS e, day
              WHERE e.delivered_on OPERATOR(pg_catalog.<=) day.as_of GROUP BY 1) AS d
    ON d.case_id OPERATOR(fms.=) c.case_id
  LEFT JOIN (SELECT p.case_id,
                    pg_catalog.sum(p.amount_usd) FILTER (WHERE p.due_on OPERATOR(pg_catalog.<=) day.as_of) AS billed,
                    pg_catalog.sum(p.amount_usd) FILTER (WHERE p.due_on OPERATOR(pg_catalog.>=) day.next_quarter_from
                                                           AND p.due_on OPERATOR(pg_catalog.<) day.next_quarter_to) AS due_next_quarter
               FROM fms.payment_schedule AS p, day GROUP BY 1) AS s
    ON s.case_id OPERATOR(fms.=) c.case_id
  LEFT JOIN (SELECT r.case_id, pg_catalog.sum(r.amount_usd) AS collected FROM fms.collections AS r, day
              WHERE r.received_on OPERATOR(pg_catalog.<=) day.as_of GROUP BY 1) AS k
    ON k.case_id OPERATOR(fms.=) c.case_id;
COMMENT ON VIEW fms.case_financials IS 'every case as of the reports'' day (fms.today(), set with fms.as_of_date): value in force, delivered and undelivered value, billed, collected, due next fiscal quarter, cash position';
COMMENT ON COLUMN fms.case_financials.case_id IS 'case identifier';
COMMENT ON COLUMN fms.case_financials.customer IS 'customer code';
COMMENT ON COLUMN fms.case_financials.funding_source IS 'how the case is paid for';
COMMENT ON COLUMN fms.case_financials.status IS 'state of the case';
COMMENT ON COLUMN fms.case_financials.as_of IS 'the day the figures are for';
COMMENT ON COLUMN fms.case_financials.total_value_usd IS 'value in force that day (fms.case_values_as_of), U.S. dollars';
COMMENT ON COLUMN fms.case_financials.delivered_value_usd IS 'value delivered by that day';
COMMENT ON COLUMN fms.case_financials.undelivered_value_usd IS 'value in force less value delivered';
COMMENT ON COLUMN fms.case_financials.billed_usd IS 'payments the schedule made due by that day';
COMMENT ON COLUMN fms.case_financials.collected_usd IS 'payments received by that day';
COMMENT ON COLUMN fms.case_financials.due_next_quarter_usd IS 'payments due in the next fiscal quarter';
COMMENT ON COLUMN fms.case_financials.cash_position_usd IS 'collected less delivered: negative when more was delivered than paid for';
COMMENT ON COLUMN fms.case_financials.region IS 'State Department region of the customer that day';
COMMENT ON COLUMN fms.case_financials.combatant_command IS 'combatant command of the customer that day';
