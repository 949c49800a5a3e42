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
-- what falls due after a day (fms.case_financials)
CREATE INDEX payment_schedule_due ON fms.payment_schedule (due_on);
COMMENT ON TABLE fms.payment_schedule IS 'payment schedule of each case: the amount due on each date';
COMMENT ON COLUMN fms.payment_schedule.case_id IS 'the case';
COMMENT ON COLUMN fms.payment_schedule.due_on IS 'date the amount is due';
COMMENT ON COLUMN fms.payment_schedule.amount_usd IS 'amount due, U.S. dollars';

CREATE TABLE fms.collections (
	id pg_catalog.int8 GENERATED ALWAYS AS IDENTITY,
	case_id fms.case_id NOT NULL REFERENCES fms.cases,
	received_on pg_catalog.date NOT NULL,
	amount_usd pg_catalog.numeric NOT NULL
		CONSTRAINT amount_is_finite_whole_cents_not_zero
		CHECK (amount_usd OPERATOR(pg_catalog.<>) 0 AND amount_usd OPERATOR(pg_catalog.>) '-Infinity'
		       AND amount_usd OPERATOR(pg_catalog.<) 'Infinity' AND amount_usd OPERATOR(pg_catalog.=) pg_catalog.round(amount_usd, 2)),
	reference pg_catalog.text,
	-- Kept by case, so that it can be sharded with the cases.
	PRIMARY KEY (case_id, id)
);
SELECT pg_catalog.pg_extension_config_dump('fms.collections', '');
SELECT pg_catalog.pg_extension_config_dump('fms.collections_id_seq', '');
CREATE INDEX collections_case ON fms.collections (case_id, received_on);
CREATE INDEX collections_received ON fms.collections (received_on);
COMMENT ON TABLE fms.collections IS 'payments received from the purchaser for each case (a refund is negative)';
COMMENT ON SEQUENCE fms.collections_id_seq IS 'numbers fms.collections';
COMMENT ON COLUMN fms.collections.id IS 'identifies the collection';
COMMENT ON COLUMN fms.collections.case_id IS 'the case';
COMMENT ON COLUMN fms.collections.received_on IS 'date received';
COMMENT ON COLUMN fms.collections.amount_usd IS 'amount received, U.S. dollars; negative for a refund';
COMMENT ON COLUMN fms.collections.reference IS 'the payment''s reference';

-- The value of the cases given in force on a date: their lines in force
-- (for each line number the version of the latest document in force: the
-- basic LOA from the start, a change from its implementation), and the
-- typed values of the documents without lines (a basic LOA without lines,
-- and changes without lines implemented by then).  The body is in
-- SQL-standard form, so that callers inline it.
CREATE FUNCTION fms.case_values_of(case_ids fms.case_id[], as_of pg_catalog.date)
	RETURNS TABLE (case_id fms.case_id, total_value_usd pg_catalog.numeric, mde_value_usd pg_catalog.numeric,
	               design_construction_usd pg_catalog.numeric)
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	SELECT c.case_id,
	       COALESCE(l.total, 0) OPERATOR(pg_catalog.+) CASE WHEN h.case_id IS NOT NULL THEN 0 ELSE c.total_value_usd END
	           OPERATOR(pg_catalog.+) COALESCE(x.total, 0),
	       COALESCE(l.mde, 0) OPERATOR(pg_catalog.+) CASE WHEN h.case_id IS NOT NULL THEN 0 ELSE c.mde_value_usd END
	           OPERATOR(pg_catalog.+) COALESCE(x.mde, 0),
	       COALESCE(l.dc, 0) OPERATOR(pg_catalog.+) CASE WHEN h.case_id IS NOT NULL THEN 0 ELSE c.design_construction_usd END
	           OPERATOR(pg_catalog.+) COALESCE(x.dc, 0)
	  FROM fms.cases AS c
	  -- the cases whose basic LOA has lines (its typed values then count not)
	  LEFT JOIN (SELECT DISTINCT e.case_id FROM fms.case_lines AS e
	              WHERE e.change_no IS NULL AND e.case_id OPERATOR(fms.=) ANY (case_ids)) AS h
	    ON h.case_id OPERATOR(fms.=) c.case_id
	  LEFT JOIN (SELECT f.case_id, pg_catalog.sum(f.value_usd) AS total,
	                    pg_catalog.sum(f.value_usd) FILTER (WHERE f.mde) AS mde,
	                    pg_catalog.sum(f.value_usd) FILTER (WHERE f.design_construction) AS dc
	               FROM fms.case_lines_of(case_ids, as_of) AS f
	              GROUP BY 1) AS l
	    ON l.case_id OPERATOR(fms.=) c.case_id
	  LEFT JOIN (SELECT y.case_id, pg_catalog.sum(y.total_value_usd) AS total, pg_catalog.sum(y.mde_value_usd) AS mde,
	                    pg_catalog.sum(y.design_construction_usd) AS dc
	               FROM fms.case_changes AS y
	              WHERE y.case_id OPERATOR(fms.=) ANY (case_ids) AND y.implemented_on OPERATOR(pg_catalog.<=) as_of
	                AND NOT EXISTS (SELECT FROM fms.case_lines AS e
	                                 WHERE e.case_id OPERATOR(fms.=) y.case_id AND e.change_no OPERATOR(pg_catalog.=) y.change_no)
	              GROUP BY 1) AS x
	    ON x.case_id OPERATOR(fms.=) c.case_id
	 WHERE c.case_id OPERATOR(fms.=) ANY (case_ids);
END;
COMMENT ON FUNCTION fms.case_values_of(fms.case_id[], pg_catalog.date) IS 'total, MDE and design-and-construction value in force on a date of the cases given: their lines in force, plus the typed values of their documents without lines (the basic LOA, and changes implemented by then)';

-- Each case's balances, kept: its value once every implemented document
-- counts, and all it has delivered, scheduled and collected.  The reports
-- read a case's figures on a day as these less what falls after the day
-- (few rows, by index, on the days reports ask about), where summing every
-- line version, delivery, payment and collection up to the day took
-- seconds at ten times the real portfolio.  Recomputed for the cases a
-- statement touched when it ends (src/sql/case_keeping.sql).
CREATE TABLE fms.case_balances (
	case_id fms.case_id PRIMARY KEY,
	total_value_usd pg_catalog.numeric NOT NULL,
	mde_value_usd pg_catalog.numeric NOT NULL,
	design_construction_usd pg_catalog.numeric NOT NULL,
	delivered_usd pg_catalog.numeric NOT NULL,
	scheduled_usd pg_catalog.numeric NOT NULL,
	collected_usd pg_catalog.numeric NOT NULL,
	lor_received_on pg_catalog.date,
	loa_usml_category pg_catalog.int4
);
COMMENT ON TABLE fms.case_balances IS 'each case''s value once every implemented document counts and all it has delivered, scheduled and collected (fms.case_balances_of), kept by the triggers of the case tables: not dumped, a restore rebuilds it; SELECT fms.recompute_case_balances(NULL) rebuilds it whole';
COMMENT ON COLUMN fms.case_balances.case_id IS 'the case';
COMMENT ON COLUMN fms.case_balances.total_value_usd IS 'value in force once every implemented document counts, U.S. dollars';
COMMENT ON COLUMN fms.case_balances.mde_value_usd IS 'of which major defense equipment';
COMMENT ON COLUMN fms.case_balances.design_construction_usd IS 'of which design and construction';
COMMENT ON COLUMN fms.case_balances.delivered_usd IS 'value of every delivery made';
COMMENT ON COLUMN fms.case_balances.scheduled_usd IS 'every amount on the payment schedule';
COMMENT ON COLUMN fms.case_balances.collected_usd IS 'every collection, refunds negative';
COMMENT ON COLUMN fms.case_balances.lor_received_on IS 'the day of the case''s Letter of Request (fms.request_demand counts it then)';
COMMENT ON COLUMN fms.case_balances.loa_usml_category IS 'USML category of the basic LOA''s largest line (the first of the largest); NULL without lines or USML entry';

CREATE FUNCTION fms.case_balances_of(case_ids fms.case_id[])
	RETURNS SETOF fms.case_balances
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	SELECT v.case_id, v.total_value_usd, v.mde_value_usd, v.design_construction_usd,
	       COALESCE(d.delivered, 0), COALESCE(s.scheduled, 0), COALESCE(k.collected, 0),
	       c.lor_received_on, p.usml_category
	  FROM fms.case_values_of(case_ids, 'infinity'::pg_catalog.date) AS v
	  JOIN fms.cases AS c ON c.case_id OPERATOR(fms.=) v.case_id
	  LEFT JOIN (SELECT DISTINCT ON (l.case_id) l.case_id, fms.usml_category(l.usml) AS usml_category
	               FROM fms.case_lines AS l
	              WHERE l.change_no IS NULL AND l.case_id OPERATOR(fms.=) ANY (case_ids)
	              ORDER BY l.case_id, l.value_usd DESC, l.line_no) AS p
	    ON p.case_id OPERATOR(fms.=) v.case_id
	  LEFT JOIN (SELECT e.case_id, pg_catalog.sum(e.value_usd) AS delivered FROM fms.deliveries AS e
	              WHERE e.case_id OPERATOR(fms.=) ANY (case_ids) AND e.delivered_on IS NOT NULL GROUP BY 1) AS d
	    ON d.case_id OPERATOR(fms.=) v.case_id
	  LEFT JOIN (SELECT p.case_id, pg_catalog.sum(p.amount_usd) AS scheduled FROM fms.payment_schedule AS p
	              WHERE p.case_id OPERATOR(fms.=) ANY (case_ids) GROUP BY 1) AS s
	    ON s.case_id OPERATOR(fms.=) v.case_id
	  LEFT JOIN (SELECT r.case_id, pg_catalog.sum(r.amount_usd) AS collected FROM fms.collections AS r
	              WHERE r.case_id OPERATOR(fms.=) ANY (case_ids) GROUP BY 1) AS k
	    ON k.case_id OPERATOR(fms.=) v.case_id;
END;
COMMENT ON FUNCTION fms.case_balances_of(fms.case_id[]) IS 'the balances of the cases given, derived afresh: what fms.case_balances keeps for them';

CREATE FUNCTION fms.recompute_case_balances(case_ids fms.case_id[]) RETURNS void
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	fresh fms.case_balances[];
	removed fms.demand_event[];
	added fms.demand_event[];
BEGIN
	IF case_ids IS NULL THEN
		DELETE FROM fms.case_balances;
		INSERT INTO fms.case_balances SELECT * FROM fms.case_balances_of(ARRAY(SELECT c.case_id FROM fms.cases AS c));
		PERFORM fms.recompute_demand_quarters();
		RETURN;
	END IF;
	-- Only the rows that moved are replaced, and their requests move the
	-- demand kept by quarter.
	fresh := ARRAY(SELECT n FROM fms.case_balances_of(case_ids) AS n);
	WITH gone AS (
		-- rows compared as text, so that a value written 25000 where it was
		-- 25000.00 is written again, as a fresh derivation would write it
		DELETE FROM fms.case_balances AS b
		 USING (SELECT k.case_id, k::pg_catalog.text FROM fms.case_balances AS k
		         WHERE k.case_id OPERATOR(fms.=) ANY (case_ids)
		        EXCEPT ALL
		        SELECT n.case_id, n::pg_catalog.text FROM pg_catalog.unnest(fresh) AS n) AS k
		 WHERE b.case_id OPERATOR(fms.=) k.case_id
		RETURNING b.*
	)
	SELECT ARRAY(SELECT e FROM gone AS b CROSS JOIN LATERAL fms.request_demand(b::fms.case_balances) AS e) INTO removed;
	WITH made AS (
		INSERT INTO fms.case_balances
		SELECT n.* FROM pg_catalog.unnest(fresh) AS n
		 WHERE NOT EXISTS (SELECT FROM fms.case_balances AS b WHERE b.case_id OPERATOR(fms.=) n.case_id)
		RETURNING *
	)
	SELECT ARRAY(SELECT e FROM made AS b CROSS JOIN LATERAL fms.request_demand(b::fms.case_balances) AS e) INTO added;
	IF removed OPERATOR(pg_catalog.<>) added THEN
		PERFORM fms.add_demand(removed, added);
	END IF;
END
$$;
COMMENT ON FUNCTION fms.recompute_case_balances(fms.case_id[]) IS 'replaces the rows of fms.case_balances of the cases given (NULL: of every case) with their balances derived afresh, and moves fms.demand_quarters by their requests (NULL: rebuilds it); needs the rights to write both, which the triggers use as the owner of schema fms';

-- The value of every case in force on a date.  A case's value moves only
-- on the days its changes are implemented, so it is its kept balance, but
-- for the cases with a change implemented after the day, derived afresh.
CREATE FUNCTION fms.case_values_as_of(as_of pg_catalog.date)
	RETURNS TABLE (case_id fms.case_id, total_value_usd pg_catalog.numeric, mde_value_usd pg_catalog.numeric,
	               design_construction_usd pg_catalog.numeric)
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
	AS $$
	WITH later AS MATERIALIZED (
		SELECT DISTINCT x.case_id FROM fms.case_changes AS x WHERE x.implemented_on OPERATOR(pg_catalog.>) $1
	)
	SELECT b.case_id, b.total_value_usd, b.mde_value_usd, b.design_construction_usd
	  FROM fms.case_balances AS b
	 WHERE NOT EXISTS (SELECT FROM later AS l WHERE l.case_id OPERATOR(fms.=) b.case_id)
	UNION ALL
	SELECT v.case_id, v.total_value_usd, v.mde_value_usd, v.design_construction_usd
	  FROM fms.case_values_of(ARRAY(SELECT l.case_id FROM later AS l), $1) AS v
	$$;
COMMENT ON FUNCTION fms.case_values_as_of(pg_catalog.date) IS 'total, MDE and design-and-construction value of every case in force on a date: its lines in force, plus the typed values of its documents without lines (the basic LOA, and changes implemented by then); read from fms.case_balances but for the cases with a change implemented after the date';

-- Where each case stands on the reports' day (fms.today(), which the
-- setting fms.as_of_date moves).  Billed is what the schedule made due by
-- then; the cash position is what was collected less what was delivered.
-- Each is the case's kept balance less what falls after the day: one
-- pass over the balances, 0.8 to 0.9 s at ten times the real portfolio
-- (2.0 s joining fms.case_values_as_of, 4.0 to 4.5 s deriving every value).
CREATE VIEW fms.case_financials AS
WITH customer AS MATERIALIZED (SELECT * FROM fms.customer_dimension),
day AS (
	SELECT fms.today() AS as_of,
	       (pg_catalog.date_trunc('quarter', fms.today()::pg_catalog.timestamp) OPERATOR(pg_catalog.+) '3 months'::pg_catalog.interval)::pg_catalog.date AS next_quarter_from,
	       (pg_catalog.date_trunc('quarter', fms.today()::pg_catalog.timestamp) OPERATOR(pg_catalog.+) '6 months'::pg_catalog.interval)::pg_catalog.date AS next_quarter_to
),
figures AS (
	SELECT b.case_id,
	       COALESCE(v.total_value_usd, b.total_value_usd) AS total,
	       b.delivered_usd OPERATOR(pg_catalog.-) COALESCE(d.later, 0) AS delivered,
	       b.scheduled_usd OPERATOR(pg_catalog.-) COALESCE(s.later, 0) AS billed,
	       b.collected_usd OPERATOR(pg_catalog.-) COALESCE(k.later, 0) AS collected
	  FROM fms.case_balances AS b
	  -- the value of a case with a change implemented after the day is
	  -- derived again (as fms.case_values_as_of does), few cases but for
	  -- days long past
	  LEFT JOIN fms.case_values_of(ARRAY(SELECT DISTINCT x.case_id FROM fms.case_changes AS x, day
	                                      WHERE x.implemented_on OPERATOR(pg_catalog.>) day.as_of), fms.today()) AS v
	    ON v.case_id OPERATOR(fms.=) b.case_id
	  LEFT JOIN (SELECT e.case_id, pg_catalog.sum(e.value_usd) AS later FROM fms.deliveries AS e, day
	              WHERE e.delivered_on OPERATOR(pg_catalog.>) day.as_of GROUP BY 1) AS d
	    ON d.case_id OPERATOR(fms.=) b.case_id
	  LEFT JOIN (SELECT p.case_id, pg_catalog.sum(p.amount_usd) AS later FROM fms.payment_schedule AS p, day
	              WHERE p.due_on OPERATOR(pg_catalog.>) day.as_of GROUP BY 1) AS s
	    ON s.case_id OPERATOR(fms.=) b.case_id
	  LEFT JOIN (SELECT r.case_id, pg_catalog.sum(r.amount_usd) AS later FROM fms.collections AS r, day
	              WHERE r.received_on OPERATOR(pg_catalog.>) day.as_of GROUP BY 1) AS k
	    ON k.case_id OPERATOR(fms.=) b.case_id
)
SELECT fms.text(c.case_id) AS case_id, c.customer_code AS customer, c.funding_source, c.status, day.as_of,
       f.total AS total_value_usd,
       f.delivered AS delivered_value_usd,
       f.total OPERATOR(pg_catalog.-) f.delivered AS undelivered_value_usd,
       f.billed AS billed_usd,
       f.collected AS collected_usd,
       COALESCE(q.due, 0) AS due_next_quarter_usd,
       f.collected OPERATOR(pg_catalog.-) f.delivered AS cash_position_usd,
       g.region, g.combatant_command
  FROM fms.cases AS c
 CROSS JOIN day
  JOIN customer AS g ON g.customer_code OPERATOR(pg_catalog.=) c.customer_code
  JOIN figures AS f ON f.case_id OPERATOR(fms.=) c.case_id
  LEFT JOIN (SELECT p.case_id, pg_catalog.sum(p.amount_usd) AS due FROM fms.payment_schedule AS p, day
              WHERE p.due_on OPERATOR(pg_catalog.>=) day.next_quarter_from
                AND p.due_on OPERATOR(pg_catalog.<) day.next_quarter_to GROUP BY 1) AS q
    ON q.case_id OPERATOR(fms.=) c.case_id;
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
