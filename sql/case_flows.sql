--
-- fms.case_flows: the value flows of each case, kept as its documents,
-- lines and deliveries are written, always equal to the flows derived
-- afresh (fms.case_flows_of).  Every figure is worked by hand in the
-- comments.  A database of its own, so that the flows are this case's.
CREATE DATABASE fms_flows;
ALTER DATABASE fms_flows SET fms.as_of_date = '2026-11-30';
\c fms_flows
CREATE EXTENSION fms CASCADE;
SET search_path = public, fms;
SET DateStyle = ISO;
CREATE FUNCTION error_of(sql text, OUT state text, OUT message text, OUT detail text, OUT hint text) LANGUAGE plpgsql AS $$
BEGIN EXECUTE sql; EXCEPTION WHEN OTHERS THEN
	GET STACKED DIAGNOSTICS state = RETURNED_SQLSTATE, message = MESSAGE_TEXT, detail = PG_EXCEPTION_DETAIL, hint = PG_EXCEPTION_HINT;
END $$;
-- Whether the kept flows and balances are those derived afresh, row for
-- row, and the values in force and the financial figures read from the
-- balances those summed from every row, on every day a change takes
-- effect, the days around it, and the ends of time.
CREATE FUNCTION values_summed(as_of date) RETURNS TABLE (case_id fms.case_id, total numeric, mde numeric, dc numeric)
LANGUAGE sql AS $$
	SELECT c.case_id,
	       COALESCE(l.total, 0) + CASE WHEN h.case_id IS NOT NULL THEN 0 ELSE c.total_value_usd END + COALESCE(x.total, 0),
	       COALESCE(l.mde, 0) + CASE WHEN h.case_id IS NOT NULL THEN 0 ELSE c.mde_value_usd END + COALESCE(x.mde, 0),
	       COALESCE(l.dc, 0) + CASE WHEN h.case_id IS NOT NULL THEN 0 ELSE c.design_construction_usd END + COALESCE(x.dc, 0)
	  FROM fms.cases AS c
	  LEFT JOIN (SELECT DISTINCT e.case_id FROM fms.case_lines AS e WHERE e.change_no IS NULL) AS h ON h.case_id = c.case_id
	  LEFT JOIN (SELECT f.case_id, sum(f.value_usd) AS total, sum(f.value_usd) FILTER (WHERE f.mde) AS mde,
	                    sum(f.value_usd) FILTER (WHERE f.design_construction) AS dc
	               FROM fms.case_lines_as_of(as_of) AS f GROUP BY 1) AS l ON l.case_id = c.case_id
	  LEFT JOIN (SELECT y.case_id, sum(y.total_value_usd) AS total, sum(y.mde_value_usd) AS mde,
	                    sum(y.design_construction_usd) AS dc
	               FROM fms.case_changes AS y
	              WHERE y.implemented_on <= as_of
	                AND NOT EXISTS (SELECT FROM fms.case_lines AS e WHERE e.case_id = y.case_id AND e.change_no = y.change_no)
	              GROUP BY 1) AS x ON x.case_id = c.case_id
$$;
CREATE FUNCTION figures_summed(as_of date)
	RETURNS TABLE (case_id text, delivered numeric, billed numeric, collected numeric, due_next_quarter numeric)
LANGUAGE sql AS $$
	SELECT fms.text(c.case_id),
	       COALESCE((SELECT sum(e.value_usd) FROM fms.deliveries AS e WHERE e.case_id = c.case_id AND e.delivered_on <= as_of), 0),
	       COALESCE((SELECT sum(p.amount_usd) FROM fms.payment_schedule AS p WHERE p.case_id = c.case_id AND p.due_on <= as_of), 0),
	       COALESCE((SELECT sum(r.amount_usd) FROM fms.collections AS r WHERE r.case_id = c.case_id AND r.received_on <= as_of), 0),
	       COALESCE((SELECT sum(p.amount_usd) FROM fms.payment_schedule AS p WHERE p.case_id = c.case_id
	                    AND p.due_on >= (date_trunc('quarter', as_of) + interval '3 months')::date
	                    AND p.due_on < (date_trunc('quarter', as_of) + interval '6 months')::date), 0)
	  FROM fms.cases AS c
$$;
CREATE FUNCTION flows_agree() RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE
	day date;
BEGIN
	IF EXISTS (SELECT * FROM fms.case_flows EXCEPT ALL SELECT * FROM fms.case_flows_of(ARRAY(SELECT case_id FROM fms.cases)))
	   OR EXISTS (SELECT * FROM fms.case_flows_of(ARRAY(SELECT case_id FROM fms.cases)) EXCEPT ALL SELECT * FROM fms.case_flows)
	   OR EXISTS (SELECT * FROM fms.case_balances EXCEPT ALL SELECT * FROM fms.case_balances_of(ARRAY(SELECT case_id FROM fms.cases)))
	   OR EXISTS (SELECT * FROM fms.case_balances_of(ARRAY(SELECT case_id FROM fms.cases)) EXCEPT ALL SELECT * FROM fms.case_balances) THEN
		RETURN false;
	END IF;
	FOR day IN SELECT DISTINCT d FROM (SELECT x.implemented_on + k FROM fms.case_changes AS x, generate_series(-1, 1) AS k
	                                     UNION ALL SELECT e.delivered_on + k FROM fms.deliveries AS e, generate_series(-1, 1) AS k
	                                     UNION ALL SELECT p.due_on + k FROM fms.payment_schedule AS p, generate_series(-1, 1) AS k
	                                     UNION ALL SELECT r.received_on + k FROM fms.collections AS r, generate_series(-1, 1) AS k
	                                     UNION ALL VALUES (date '2026-11-30')) AS t(d)
	                  WHERE d IS NOT NULL LOOP
		PERFORM set_config('fms.as_of_date', day::text, true);
		IF EXISTS (SELECT * FROM fms.case_values_as_of(day) EXCEPT ALL SELECT * FROM values_summed(day))
		   OR EXISTS (SELECT * FROM values_summed(day) EXCEPT ALL SELECT * FROM fms.case_values_as_of(day))
		   OR EXISTS (SELECT f.case_id, f.delivered_value_usd, f.billed_usd, f.collected_usd, f.due_next_quarter_usd
		                FROM fms.case_financials AS f EXCEPT ALL SELECT * FROM figures_summed(day))
		   OR EXISTS (SELECT * FROM figures_summed(day) EXCEPT ALL
		              SELECT f.case_id, f.delivered_value_usd, f.billed_usd, f.collected_usd, f.due_next_quarter_usd
		                FROM fms.case_financials AS f) THEN
			RAISE NOTICE 'kept balances disagree on %', day;
			RETURN false;
		END IF;
	END LOOP;
	PERFORM set_config('fms.as_of_date', '2026-11-30', true);
	RETURN NOT EXISTS (SELECT * FROM fms.case_values_as_of('-infinity') EXCEPT ALL SELECT * FROM values_summed('-infinity'))
	   AND NOT EXISTS (SELECT * FROM fms.case_values_as_of('infinity') EXCEPT ALL SELECT * FROM values_summed('infinity'));
END
$$;
CREATE VIEW flows AS
SELECT case_id, on_date, usml_category, offered_usd, accepted_usd, delivered_usd FROM fms.category_flows
 ORDER BY case_id, on_date, usml_category NULLS FIRST;
GRANT SELECT ON flows TO PUBLIC;
INSERT INTO fms.customers (customer_code, name, kind, country_code) VALUES ('JF', 'Japan (flows test)', 'country', 'JP');

-- The basic LOA: missiles under USML IV ($20M, MDE, below Japan's 36(b)
-- thresholds) and training without a USML entry ($5M).  Nothing flows
-- until it is offered.
SET fms.effective_date = '2024-01-10';
INSERT INTO fms.cases (case_id, title, lor_received_on, lor_complete_on, funding_source)
VALUES ('JF-D-AAA', 'missiles', '2024-01-02', '2024-01-09', 'NATIONAL');
INSERT INTO fms.case_lines (case_id, line_no, description, usml, quantity, value_usd, sme, mde) VALUES
	('JF-D-AAA', 1, 'missiles', 'IV(a)', 10, 20000000, true, true),
	('JF-D-AAA', 2, 'training', NULL, 12, 5000000, false, false);
SELECT count(*) AS flows_before_the_offer FROM fms.case_flows;
SELECT (fms.transition('JF-D-AAA', s, d::date)).status
  FROM (VALUES ('write', '2024-01-20'), ('review', '2024-01-25'), ('proposed', '2024-02-01'),
               ('offered', '2024-02-20'), ('accepted', '2024-03-05')) AS v(s, d);
-- Offered 2024-02-20 and accepted 2024-03-05: $20M under IV, $5M under none.
SELECT * FROM flows;

-- A status change that moves no flow writes none; one that does rewrites
-- the rows it moves: a day later, the two acceptance rows are deleted and
-- inserted again.  (The server's counts of the rows written to
-- fms.case_flows only grow inside a transaction.)
UPDATE fms.cases SET deposit_received_on = '2024-03-10' WHERE case_id = 'JF-D-AAA';
CREATE FUNCTION flow_rows_written() RETURNS bigint LANGUAGE sql AS $$
	SELECT n_tup_ins + n_tup_del FROM pg_stat_xact_user_tables WHERE relid = 'fms.case_flows'::regclass
$$;
BEGIN;
CREATE TEMP TABLE written_before AS SELECT flow_rows_written() AS n;
SELECT (fms.transition('JF-D-AAA', 'implemented', '2024-03-15')).status;
SELECT flow_rows_written() - n AS rows_written FROM written_before;
UPDATE fms.cases SET accepted_on = '2024-03-06' WHERE case_id = 'JF-D-AAA';
SELECT flow_rows_written() - n AS rows_written FROM written_before;
SELECT on_date, usml_category, accepted_usd FROM flows WHERE accepted_usd <> 0;
ROLLBACK;
SELECT (fms.transition('JF-D-AAA', 'implemented', '2024-03-15')).status;

-- Amendment A1: the missiles' line to $24M (+$4M under IV) and the
-- training given a USML entry, IX(a), at $6M: +$6M under IX and the
-- replaced $5M off under none.  Offered 2024-08-01, accepted 2024-08-10,
-- implemented 2024-09-01.
SET fms.effective_date = '2024-07-01';
INSERT INTO fms.case_changes (case_id, change_no, title) VALUES ('JF-D-AAA', 'A1', 'more missiles, training itemized');
INSERT INTO fms.case_lines (case_id, change_no, line_no, description, usml, quantity, value_usd, sme, mde) VALUES
	('JF-D-AAA', 'A1', 1, 'missiles', 'IV(a)', 12, 24000000, true, true),
	('JF-D-AAA', 'A1', 2, 'training', 'IX(a)', 12, 6000000, false, false);
SET fms.effective_date = '2024-07-10';
UPDATE fms.case_changes SET status = 'write' WHERE case_id = 'JF-D-AAA' AND change_no = 'A1';
UPDATE fms.case_changes SET status = 'review' WHERE case_id = 'JF-D-AAA' AND change_no = 'A1';
UPDATE fms.case_changes SET status = 'proposed' WHERE case_id = 'JF-D-AAA' AND change_no = 'A1';
SET fms.effective_date = '2024-08-01';
UPDATE fms.case_changes SET status = 'offered' WHERE case_id = 'JF-D-AAA' AND change_no = 'A1';
SET fms.effective_date = '2024-08-10';
UPDATE fms.case_changes SET status = 'accepted' WHERE case_id = 'JF-D-AAA' AND change_no = 'A1';
SET fms.effective_date = '2024-09-01';
UPDATE fms.case_changes SET status = 'implemented' WHERE case_id = 'JF-D-AAA' AND change_no = 'A1';
RESET fms.effective_date;

-- Deliveries count under the category of their line's version in force on
-- the day: training delivered 2024-08-20 (the basic LOA's version, no
-- USML entry) and 2024-10-01 (A1's, IX); missiles 2024-08-15 (IV either
-- way).  A planned delivery flows nothing.
INSERT INTO fms.deliveries (case_id, line_no, delivered_on, quantity, value_usd, reference) VALUES
	('JF-D-AAA', 1, '2024-08-15', 5, 10000000, 'TCN 1'),
	('JF-D-AAA', 2, '2024-08-20', 4, 1500000, 'DD 1149 1'),
	('JF-D-AAA', 2, '2024-10-01', 4, 2000000, 'DD 1149 2');
INSERT INTO fms.deliveries (case_id, line_no, planned_on, quantity, value_usd) VALUES ('JF-D-AAA', 1, '2025-06-01', 7, 14000000);
SELECT * FROM flows;
SELECT flows_agree();

-- A delivery moved to another day moves its flow; one delivered from plan
-- flows from its day; a deleted one takes its flow with it.
UPDATE fms.deliveries SET delivered_on = '2024-10-02' WHERE reference = 'DD 1149 2';
UPDATE fms.deliveries SET delivered_on = '2025-06-03', reference = 'TCN 2' WHERE planned_on = '2025-06-01';
DELETE FROM fms.deliveries WHERE reference = 'TCN 1';
SELECT on_date, usml_category, delivered_usd FROM flows WHERE delivered_usd <> 0;
SELECT flows_agree();

-- COPY keeps them too.
COPY fms.deliveries (case_id, line_no, delivered_on, quantity, value_usd, reference) FROM stdin;
JF-D-AAA	1	2024-08-16	5	10000000	TCN 3
\.
SELECT on_date, usml_category, delivered_usd FROM flows WHERE on_date = '2024-08-16';

-- The balances, and the figures on a day read from them: value in force
-- $25M until A1 takes effect on 2024-09-01, $30M from then; delivered
-- $10M + $1.5M by 2024-08-31, $27.5M by 2026-11-30; payments due
-- 2024-09-01 ($6M), 2025-03-01 ($6M) and 2027-01-15 ($8M), collected
-- 2024-09-10 ($6M) and 2025-03-20 ($5M).  On 2024-08-31: nothing billed or
-- collected, nothing due in the next quarter (October to December), cash
-- -$11.5M.  On 2026-11-30: $12M billed, $11M collected, the $8M due in
-- January to March 2027, cash $11M - $27.5M = -$16.5M.
INSERT INTO fms.payment_schedule (case_id, due_on, amount_usd) VALUES
	('JF-D-AAA', '2024-09-01', 6000000), ('JF-D-AAA', '2025-03-01', 6000000), ('JF-D-AAA', '2027-01-15', 8000000);
INSERT INTO fms.collections (case_id, received_on, amount_usd) VALUES
	('JF-D-AAA', '2024-09-10', 6000000), ('JF-D-AAA', '2025-03-20', 5000000);
SELECT * FROM fms.case_balances;
SET fms.as_of_date = '2024-08-31';
SELECT as_of, total_value_usd, delivered_value_usd, undelivered_value_usd, billed_usd, collected_usd,
       due_next_quarter_usd, cash_position_usd FROM fms.case_financials;
RESET fms.as_of_date;
SELECT as_of, total_value_usd, delivered_value_usd, undelivered_value_usd, billed_usd, collected_usd,
       due_next_quarter_usd, cash_position_usd FROM fms.case_financials;
-- A collection refunded, a payment moved: the balances follow.
INSERT INTO fms.collections (case_id, received_on, amount_usd) VALUES ('JF-D-AAA', '2025-04-01', -1000000);
UPDATE fms.payment_schedule SET amount_usd = 7000000 WHERE due_on = '2027-01-15';
SELECT delivered_usd, scheduled_usd, collected_usd FROM fms.case_balances;
SELECT flows_agree();

-- A statement that fails leaves the flows as they were, and so does a
-- failing block that caught its error; the next statement finds nothing
-- stale.
CREATE TEMP TABLE flows_before AS SELECT * FROM fms.case_flows;
SELECT state, message FROM error_of($$INSERT INTO fms.deliveries (case_id, line_no, delivered_on, quantity, value_usd, reference) VALUES
	('JF-D-AAA', 2, '2024-11-01', 1, 500000, 'DD 1149 3'), ('JF-D-AAA', 1, '2024-11-01', 99, 1, 'TCN 9')$$);
DO $$
BEGIN
	BEGIN
		INSERT INTO fms.deliveries (case_id, line_no, delivered_on, quantity, value_usd, reference)
		VALUES ('JF-D-AAA', 2, '2024-11-01', 1, 500000, 'DD 1149 3');
		RAISE EXCEPTION 'changed my mind';
	EXCEPTION WHEN raise_exception THEN NULL;
	END;
END
$$;
SELECT NOT EXISTS (SELECT * FROM fms.case_flows EXCEPT ALL SELECT * FROM flows_before)
   AND NOT EXISTS (SELECT * FROM flows_before EXCEPT ALL SELECT * FROM fms.case_flows) AS unchanged;
UPDATE fms.cases SET title = 'missiles and training' WHERE case_id = 'JF-D-AAA';
SELECT flows_agree();

-- The flows summed: offered 20 + 5 + 4 + 6 - 5 = $30M, the case's value;
-- accepted the same; delivered 10 + 1.5 + 2 + 14 = $27.5M.  By fiscal
-- quarter: the LOA in FY2024 Q2; A1, the missiles of 2024-08-16 and the
-- training of 2024-08-20 in Q4; the training of 2024-10-02 in FY2025 Q1;
-- the missiles of 2025-06-03 in FY2025 Q3.  Japan is in EAP.
SELECT sum(offered_usd) AS offered, sum(accepted_usd) AS accepted, sum(delivered_usd) AS delivered FROM fms.category_flows;
SELECT fiscal_quarter, usml_category, region, offered_usd, accepted_usd, delivered_usd
  FROM fms.sales_by_category ORDER BY fiscal_quarter, usml_category NULLS FIRST;

-- Writers keep the flows without any right on fms.case_flows, which they
-- cannot write; a partner sees only the flows of the customers granted to
-- it.  (Rolled back, the roles included.)
BEGIN;
SELECT count(*) AS roles FROM fms.create_roles();
CREATE ROLE regress_flows_clerk;
GRANT fms_writer TO regress_flows_clerk;
CREATE ROLE regress_flows_partner;
GRANT fms_partner TO regress_flows_partner;
SET LOCAL ROLE regress_flows_clerk;
INSERT INTO fms.deliveries (case_id, line_no, delivered_on, quantity, value_usd, reference)
VALUES ('JF-D-AAA', 2, '2024-12-01', 1, 500000, 'DD 1149 4');
SELECT on_date, usml_category, delivered_usd FROM flows WHERE on_date = '2024-12-01';
SELECT state, message FROM error_of($$INSERT INTO fms.case_flows VALUES ('JF-D-AAA', 'JF', '2024-12-02', 4, 1, 0, 0)$$);
SELECT state, message FROM error_of($$DELETE FROM fms.case_flows$$);
SELECT state, message FROM error_of($$SELECT fms.recompute_case_flows(NULL)$$);
SET LOCAL ROLE regress_flows_partner;
SELECT count(*) AS partner_sees_ungranted FROM fms.category_flows;
RESET ROLE;
SELECT fms.grant_customer_access('regress_flows_partner', 'JF');
SELECT count(*) AS staff_sees FROM fms.category_flows;
SET LOCAL ROLE regress_flows_partner;
SELECT count(*) AS partner_sees_granted FROM fms.category_flows;
RESET ROLE;
ROLLBACK;

-- A superuser who empties the table rebuilds it whole.
DELETE FROM fms.case_flows;
SELECT count(*) AS rows_left, flows_agree() FROM fms.case_flows;
SELECT fms.recompute_case_flows(NULL);
SELECT count(*) AS rows_rebuilt, flows_agree() FROM fms.case_flows;
-- NULL and unknown cases derive no flows.
SELECT count(*) FROM fms.case_flows_of(NULL);
SELECT count(*) FROM fms.case_flows_of(ARRAY[NULL, 'ZZ-Z-ZZZ']::fms.case_id[]);
SELECT fms.recompute_case_flows(ARRAY[NULL, 'ZZ-Z-ZZZ']::fms.case_id[]);
SELECT flows_agree();

-- A transaction that defers constraint fms.recompute_kept_data (a bulk
-- load of many statements) has the flows of the cases it wrote derived
-- once, at commit: until then it reads them as they were.
BEGIN;
SET CONSTRAINTS fms.recompute_kept_data DEFERRED;
UPDATE fms.deliveries SET delivered_on = '2025-06-01' WHERE case_id = 'JF-D-AAA' AND planned_on = '2025-06-01';
UPDATE fms.deliveries SET value_usd = value_usd WHERE case_id = 'JF-D-AAA' AND planned_on = '2025-06-01';
SELECT flows_agree() AS agree_before_commit, (SELECT count(*) FROM fms.kept_data_due) AS recomputations_due;
COMMIT;
SELECT flows_agree() AS agree_after_commit, (SELECT count(*) FROM fms.kept_data_due) AS recomputations_due,
       (SELECT delivered_usd FROM flows WHERE on_date = '2025-06-01') AS delivered_then;
-- SET CONSTRAINTS ... IMMEDIATE brings it forward.  A savepoint rolled
-- back takes the row that made it due with it: the next statement makes it
-- due again.
BEGIN;
SET CONSTRAINTS fms.recompute_kept_data DEFERRED;
SAVEPOINT before_the_change;
UPDATE fms.deliveries SET delivered_on = '2025-06-02' WHERE case_id = 'JF-D-AAA' AND planned_on = '2025-06-01';
ROLLBACK TO SAVEPOINT before_the_change;
UPDATE fms.deliveries SET delivered_on = NULL WHERE case_id = 'JF-D-AAA' AND planned_on = '2025-06-01';
SELECT flows_agree() AS agree_while_deferred, (SELECT count(*) FROM fms.kept_data_due) AS recomputations_due;
SET CONSTRAINTS fms.recompute_kept_data IMMEDIATE;
SELECT flows_agree() AS agree_once_immediate, (SELECT count(*) FROM flows WHERE on_date = '2025-06-01') AS rows_then;
COMMIT;
-- A recomputation brought forward in a savepoint that is rolled back is
-- undone with it, and the row it took is due again: the cases are then
-- recomputed at commit.
BEGIN;
SET CONSTRAINTS fms.recompute_kept_data DEFERRED;
UPDATE fms.deliveries SET delivered_on = '2025-06-03' WHERE case_id = 'JF-D-AAA' AND planned_on = '2025-06-01';
SAVEPOINT brought_forward;
SET CONSTRAINTS fms.recompute_kept_data IMMEDIATE;
SELECT flows_agree() AS agree_in_savepoint;
ROLLBACK TO SAVEPOINT brought_forward;
SELECT flows_agree() AS agree_after_rollback_to, (SELECT count(*) FROM fms.kept_data_due) AS recomputations_due;
COMMIT;
SELECT flows_agree() AS agree_after_commit, (SELECT delivered_usd FROM flows WHERE on_date = '2025-06-03') AS delivered_then;
UPDATE fms.deliveries SET delivered_on = NULL WHERE case_id = 'JF-D-AAA' AND planned_on = '2025-06-01';

-- The triggers refuse to be fired otherwise than as they are meant to.
CREATE TABLE public.my_cases (case_id fms.case_id, note text);
CREATE TABLE public.no_case (note text);
CREATE TRIGGER noted_before BEFORE INSERT ON public.my_cases FOR EACH ROW EXECUTE FUNCTION fms.note_case_change('flows');
SELECT state, message FROM error_of($$INSERT INTO public.my_cases VALUES ('JF-D-AAA', 'x')$$);
DROP TRIGGER noted_before ON public.my_cases;
-- ... the recomputation fires on fms.kept_data_due only ...
CREATE TRIGGER recompute AFTER INSERT ON public.my_cases FOR EACH ROW EXECUTE FUNCTION fms.recompute_kept_data();
SELECT state, message FROM error_of($$INSERT INTO public.my_cases VALUES ('JF-D-AAA', 'x')$$);
DROP TRIGGER recompute ON public.my_cases;
-- ... it must name a kind of kept data, which fixes what it recomputes ...
CREATE TRIGGER noted AFTER INSERT ON public.my_cases FOR EACH ROW EXECUTE FUNCTION fms.note_case_change();
SELECT state, message, detail, hint FROM error_of($$INSERT INTO public.my_cases VALUES ('JF-D-AAA', 'x')$$);
DROP TRIGGER noted ON public.my_cases;
CREATE TRIGGER noted AFTER INSERT ON public.my_cases FOR EACH ROW EXECUTE FUNCTION fms.note_case_change('public.evil(fms.case_id[])');
SELECT state, message, detail, hint FROM error_of($$INSERT INTO public.my_cases VALUES ('JF-D-AAA', 'x')$$);
DROP TRIGGER noted ON public.my_cases;
CREATE TRIGGER noted AFTER INSERT ON public.no_case FOR EACH ROW EXECUTE FUNCTION fms.note_case_change('flows');
SELECT state, message, hint FROM error_of($$INSERT INTO public.no_case VALUES ('x')$$);
CREATE TRIGGER recomputed AFTER INSERT ON public.no_case FOR EACH ROW EXECUTE FUNCTION fms.recompute_noted_cases();
DROP TRIGGER noted ON public.no_case;
SELECT state, message FROM error_of($$INSERT INTO public.no_case VALUES ('x')$$);
SELECT flows_agree();

\c contrib_regression
DROP DATABASE fms_flows;
