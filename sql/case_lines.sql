--
-- A case as its owners see it: lines set by the documents that write them,
-- values derived from them, deliveries and supply complete, money.  Every
-- figure below is worked by hand in the comments.
--
-- A database of its own, so that the views show this case alone.
CREATE DATABASE fms_lines;
ALTER DATABASE fms_lines SET fms.as_of_date = '2026-11-30';
\c fms_lines
CREATE EXTENSION fms CASCADE;
SET search_path = public, fms;
SET DateStyle = ISO;
CREATE FUNCTION error_of(sql text, OUT state text, OUT message text, OUT detail text, OUT hint text) LANGUAGE plpgsql AS $$
BEGIN EXECUTE sql; EXCEPTION WHEN OTHERS THEN
	GET STACKED DIAGNOSTICS state = RETURNED_SQLSTATE, message = MESSAGE_TEXT, detail = PG_EXCEPTION_DETAIL, hint = PG_EXCEPTION_HINT;
END $$;
INSERT INTO fms.customers (customer_code, name, kind, country_code) VALUES ('JL', 'Japan (lines test)', 'country', 'JP');
INSERT INTO fms.items (item_code, description, usml, sme, sme_source, mde, mde_source) VALUES
	('F100-PW-229', 'F100 engine', 'XIX(a)', true, 'USML XIX(a), asterisked', true, 'production cost above $200M (illustrative)');
SELECT * FROM error_of($$INSERT INTO fms.items (item_code, description, mde) VALUES ('X', 'x', true)$$);

-- The basic LOA: four engines ($40M, MDE from the item), a hangar (design
-- and construction, $10M), 12 months of training ($2M): total $52M, MDE
-- $40M, design and construction $10M.
SET fms.effective_date = '2024-01-10';
INSERT INTO fms.cases (case_id, title, lor_received_on, lor_complete_on, funding_source)
VALUES ('JL-D-AAA', 'F-15 sustainment', '2024-01-02', '2024-01-09', 'NATIONAL');
INSERT INTO fms.case_lines (case_id, line_no, item_code, quantity, value_usd)
VALUES ('JL-D-AAA', 1, 'F100-PW-229', 4, 40000000);
INSERT INTO fms.case_lines (case_id, line_no, description, quantity, unit, value_usd, design_construction) VALUES
	('JL-D-AAA', 2, 'hangar', 1, 'lot', 10000000, true),
	('JL-D-AAA', 3, 'training', 12, 'month', 2000000, false);
SELECT line_no, document, description, usml, sme, mde, design_construction, quantity, unit, value_usd
  FROM fms.case_lines ORDER BY line_no;
SELECT total_value_usd, mde_value_usd, design_construction_usd FROM fms.cases WHERE case_id = 'JL-D-AAA';
-- A value typed by hand that disagrees with the lines is refused.
SELECT * FROM error_of($$UPDATE fms.cases SET total_value_usd = 60000000 WHERE case_id = 'JL-D-AAA'$$);
-- Lines refuse what a line cannot be.
SELECT state, message FROM error_of($$INSERT INTO fms.case_lines (case_id, line_no, description, quantity, value_usd) VALUES ('JL-D-AAA', 4, 'x', 1, 0.001)$$);
SELECT state, message FROM error_of($$INSERT INTO fms.case_lines (case_id, line_no, description, quantity, value_usd) VALUES ('JL-D-AAA', 1000, 'x', 1, 1)$$);
SELECT state, message FROM error_of($$INSERT INTO fms.case_lines (case_id, line_no, quantity, value_usd) VALUES ('JL-D-AAA', 5, 1, 1)$$);
SELECT state, message FROM error_of($$INSERT INTO fms.case_lines (case_id, line_no, description, quantity, value_usd, mde, sme) VALUES ('JL-D-AAA', 5, 'x', 1, 1, true, false)$$);

-- $40M of MDE to Japan (NATO+, $25M) needs 36(b)(1): the queue reads the derived values.
SELECT case_id, section, review_days, rules FROM fms.notification_queue WHERE case_id = 'JL-D-AAA';
INSERT INTO fms.congressional_notifications (case_id, transmittal_no, section, formal_sent_on, status)
VALUES ('JL-D-AAA', '24-07', '36(b)(1)', '2024-02-01', 'cleared');
SELECT (fms.transition('JL-D-AAA', s, d::date)).status
  FROM (VALUES ('write', '2024-01-20'), ('review', '2024-01-25'), ('proposed', '2024-02-01')) AS v(s, d);
-- Proposed is the last state that takes line changes.
UPDATE fms.case_lines SET value_usd = 2100000 WHERE case_id = 'JL-D-AAA' AND line_no = 3;
UPDATE fms.case_lines SET value_usd = 2000000 WHERE case_id = 'JL-D-AAA' AND line_no = 3;
SELECT (fms.transition('JL-D-AAA', 'offered', '2024-02-20')).status;
SELECT state, message, hint FROM error_of($$UPDATE fms.case_lines SET value_usd = 1 WHERE case_id = 'JL-D-AAA' AND line_no = 3$$);
SELECT state, message FROM error_of($$DELETE FROM fms.case_lines WHERE case_id = 'JL-D-AAA' AND line_no = 3$$);
UPDATE fms.cases SET deposit_received_on = '2024-03-10' WHERE case_id = 'JL-D-AAA';
SELECT (fms.transition('JL-D-AAA', s, d::date)).status
  FROM (VALUES ('accepted', '2024-03-05'), ('implemented', '2024-03-15')) AS v(s, d);

-- Amendment A1: training doubled to 24 months ($2M -> $4M) and spares
-- added ($6M): it changes the case by $8M, no MDE, no design and
-- construction.
SET fms.effective_date = '2024-07-01';
INSERT INTO fms.case_changes (case_id, change_no, title) VALUES ('JL-D-AAA', 'A1', 'more training, spares');
INSERT INTO fms.case_lines (case_id, change_no, line_no, description, quantity, unit, value_usd) VALUES
	('JL-D-AAA', 'A1', 3, 'training', 24, 'month', 4000000),
	('JL-D-AAA', 'A1', 4, 'spares', 1, 'lot', 6000000);
SELECT change_no, total_value_usd, mde_value_usd, design_construction_usd FROM fms.case_changes WHERE case_id = 'JL-D-AAA';
-- What fms.document_line_values says, NULLs and unknown documents included.
SELECT a.c, a.n, v.* FROM (VALUES (NULL, NULL), ('JL-D-AAA', NULL), ('JL-D-AAA', 'A1'), ('JL-D-AAA', 'A9'), ('ZZ-Z-ZZZ', NULL)) AS a(c, n),
       LATERAL fms.document_line_values(a.c::fms.case_id, a.n) AS v;
SET fms.effective_date = '2024-07-10';
UPDATE fms.case_changes SET status = 'write' WHERE case_id = 'JL-D-AAA' AND change_no = 'A1';
UPDATE fms.case_changes SET status = 'review' WHERE case_id = 'JL-D-AAA' AND change_no = 'A1';
UPDATE fms.case_changes SET status = 'proposed' WHERE case_id = 'JL-D-AAA' AND change_no = 'A1';
SET fms.effective_date = '2024-08-01';
UPDATE fms.case_changes SET status = 'offered' WHERE case_id = 'JL-D-AAA' AND change_no = 'A1';
UPDATE fms.case_changes SET status = 'accepted' WHERE case_id = 'JL-D-AAA' AND change_no = 'A1';
SET fms.effective_date = '2024-09-01';
UPDATE fms.case_changes SET status = 'implemented' WHERE case_id = 'JL-D-AAA' AND change_no = 'A1';
-- Modification M1: the engines' price falls to $38M: -$2M, all MDE.
SET fms.effective_date = '2024-09-15';
INSERT INTO fms.case_changes (case_id, change_no, title) VALUES ('JL-D-AAA', 'M1', 'engine price');
INSERT INTO fms.case_lines (case_id, change_no, line_no, item_code, quantity, value_usd)
VALUES ('JL-D-AAA', 'M1', 1, 'F100-PW-229', 4, 38000000);
SELECT change_no, total_value_usd, mde_value_usd FROM fms.case_changes WHERE case_id = 'JL-D-AAA' ORDER BY 1;
SET fms.effective_date = '2024-10-01';
UPDATE fms.case_changes SET status = 'write' WHERE change_no = 'M1' AND case_id = 'JL-D-AAA';
UPDATE fms.case_changes SET status = 'review' WHERE change_no = 'M1' AND case_id = 'JL-D-AAA';
UPDATE fms.case_changes SET status = 'proposed' WHERE change_no = 'M1' AND case_id = 'JL-D-AAA';
UPDATE fms.case_changes SET status = 'implemented' WHERE change_no = 'M1' AND case_id = 'JL-D-AAA';
RESET fms.effective_date;
-- The case through time: $52M, then 52 + 8 = $60M from A1's
-- implementation (2024-09-01), then 60 - 2 = $58M from M1's (2024-10-01).
SELECT d AS as_of, v.total_value_usd, v.mde_value_usd, v.design_construction_usd
  FROM unnest(ARRAY['2024-08-31', '2024-09-01', '2024-10-01']::date[]) AS d,
       LATERAL fms.case_values_as_of(d) AS v WHERE v.case_id = 'JL-D-AAA';
SELECT line_no, document, quantity, value_usd FROM fms.case_lines_as_of('2024-10-01') WHERE case_id = 'JL-D-AAA' ORDER BY 1;

-- Deliveries: against a line, after implementation, within its quantity.
INSERT INTO fms.deliveries (case_id, line_no, delivered_on, quantity, value_usd, reference) VALUES
	('JL-D-AAA', 1, '2025-01-10', 2, 19000000, 'TCN FB2500-5010-0001'),
	('JL-D-AAA', 2, '2025-03-01', 1, 10000000, 'DD 1149 0012'),
	('JL-D-AAA', 4, '2025-02-01', 1, 6000000, 'TCN FB2500-5032-0007'),
	('JL-D-AAA', 3, '2026-06-30', 24, 4000000, 'training completion 26-031');
INSERT INTO fms.deliveries (case_id, line_no, planned_on, quantity, value_usd) VALUES ('JL-D-AAA', 1, '2026-09-01', 1, 9500000);
SELECT state, message, detail FROM error_of($$INSERT INTO fms.deliveries (case_id, line_no, delivered_on, quantity, value_usd, reference) VALUES ('JL-D-AAA', 1, '2025-02-01', 3, 1, 'x')$$);
SELECT state, message FROM error_of($$INSERT INTO fms.deliveries (case_id, line_no, delivered_on, quantity, value_usd, reference) VALUES ('JL-D-AAA', 9, '2025-02-01', 1, 1, 'x')$$);
SELECT state, message FROM error_of($$INSERT INTO fms.deliveries (case_id, line_no, delivered_on, quantity, value_usd, reference) VALUES ('JL-D-AAA', 2, '2024-03-01', 1, 1, 'x')$$);
SELECT state, message FROM error_of($$INSERT INTO fms.deliveries (case_id, line_no, delivered_on, quantity, value_usd) VALUES ('JL-D-AAA', 2, '2025-03-01', 1, 1)$$);
-- The engine planned within ten years of the 36(b)(1) certification of
-- 2024-02-01: a 36(b)(5)(A) report would be due 45 days before.
SELECT case_id, line_no, planned_on, certification, certified_on, report_due_on, report_recorded FROM fms.section_36b5a_deliveries;
-- Supply complete waits for every line: two engines are undelivered.
SELECT state, detail FROM error_of($$SELECT fms.transition('JL-D-AAA', 'supply_complete', '2026-07-01')$$);
INSERT INTO fms.line_closeouts (case_id, line_no, closed_out_on, reason)
VALUES ('JL-D-AAA', 1, '2026-07-01', 'purchaser declined the last two engines');
SELECT line_no, quantity, delivered_quantity, delivered_value_usd, closed_out_on, supply_complete
  FROM fms.line_status('2026-07-01') WHERE case_id = 'JL-D-AAA' ORDER BY 1;
SELECT status, supply_complete_on FROM fms.transition('JL-D-AAA', 'supply_complete', '2026-07-02');

-- Money: due 2024-05-01 $10M, 2024-11-01 $20M, 2025-05-01 $20M,
-- 2027-01-15 $10M; received $10M, $20M, $15M.  On 2026-11-30: value $58M,
-- delivered 19 + 10 + 6 + 4 = $39M, undelivered $19M, billed $50M,
-- collected $45M, due next quarter (January-March 2027) $10M, cash
-- position 45 - 39 = $6M.
INSERT INTO fms.payment_schedule (case_id, due_on, amount_usd) VALUES
	('JL-D-AAA', '2024-05-01', 10000000), ('JL-D-AAA', '2024-11-01', 20000000),
	('JL-D-AAA', '2025-05-01', 20000000), ('JL-D-AAA', '2027-01-15', 10000000);
INSERT INTO fms.collections (case_id, received_on, amount_usd, reference) VALUES
	('JL-D-AAA', '2024-05-10', 10000000, 'wire 1'), ('JL-D-AAA', '2024-11-05', 20000000, 'wire 2'),
	('JL-D-AAA', '2025-05-20', 15000000, 'wire 3');
SELECT case_id, funding_source, as_of, total_value_usd, delivered_value_usd, undelivered_value_usd, billed_usd,
       collected_usd, due_next_quarter_usd, cash_position_usd
  FROM fms.case_financials WHERE case_id = 'JL-D-AAA';
SELECT state, message FROM error_of($$INSERT INTO fms.payment_schedule (case_id, due_on, amount_usd) VALUES ('JL-D-AAA', '2027-04-01', 0)$$);

-- Itemizing a case carried over with typed values: lines that add up to
-- them are taken whatever its state; lines that do not are refused.
SET fms.effective_date = '2024-01-10';
INSERT INTO fms.cases (case_id, title, total_value_usd, mde_value_usd) VALUES ('JL-D-AAB', 'typed', 30000000, 25000000);
SELECT (fms.transition('JL-D-AAB', 'cancelled', '2024-02-01', 'purchaser withdrew')).status;
SELECT state, message, detail FROM error_of($$INSERT INTO fms.case_lines (case_id, line_no, description, quantity, value_usd, mde, sme) VALUES ('JL-D-AAB', 1, 'missiles', 10, 25000000, true, true)$$);
INSERT INTO fms.case_lines (case_id, line_no, description, quantity, value_usd, mde, sme) VALUES
	('JL-D-AAB', 1, 'missiles', 10, 25000000, true, true),
	('JL-D-AAB', 2, 'support', 1, 5000000, false, false);
SELECT total_value_usd, mde_value_usd FROM fms.cases WHERE case_id = 'JL-D-AAB';
RESET fms.effective_date;

-- Sales by USML category, region and command (Japan: EAP, INDOPACOM).
-- Offered and accepted in FY2024 Q2: the engines, category XIX ($40M),
-- and $12M without a USML entry; A1 in FY2024 Q4 adds $8M without one.
-- Delivered: FY2025 Q2 engines $19M, hangar and spares $16M; FY2026 Q3
-- (April-June) training $4M.
SELECT fiscal_quarter, usml_category, region, combatant_command, offered_usd, accepted_usd, delivered_usd
  FROM fms.sales_by_category ORDER BY fiscal_quarter, usml_category NULLS LAST;
-- The 36(a) report: the listed LOA's lines and this fiscal year's totals
-- (JL-D-AAA was accepted in FY2024, so it is not listed on 2026-11-30; on
-- 2024-03-31 it is, and FY2024 has its $52M, A1 not yet accepted).
SELECT count(*) AS listed_lines FROM fms.section_36a_report_lines;
SET fms.as_of_date = '2024-03-31';
SELECT part, case_id, country_code, line_no, usml_category, description, quantity, value_usd, mde
  FROM fms.section_36a_report_lines ORDER BY line_no;
SELECT * FROM fms.section_36a_country_totals;
RESET fms.as_of_date;
-- Regions and commands through history, on both sides of each change.
SELECT c, d, fms.country_dimension(c, 'combatant_command', d::date) AS command, fms.country_dimension(c, 'region', d::date) AS region
  FROM (VALUES ('KE', '2008-09-30'), ('KE', '2008-10-01'), ('JP', '2018-05-29'), ('JP', '2018-05-30'),
               ('IL', '2021-08-31'), ('IL', '2021-09-01'), ('DE', '2002-09-30'), ('DE', '2026-01-01')) AS v(c, d);

-- What an attacker tried, refused.
-- The triggers work for their own tables only (a table of one's own with a
-- change_no of another type must not crash the server).
CREATE TABLE public.not_lines (case_id int, change_no int);
CREATE TRIGGER apply AFTER INSERT ON public.not_lines REFERENCING NEW TABLE AS n
	FOR EACH STATEMENT EXECUTE FUNCTION fms.apply_line_changes();
SELECT state, message FROM error_of($$INSERT INTO public.not_lines VALUES (1, 12345)$$);
CREATE TRIGGER check_values AFTER UPDATE ON public.not_lines FOR EACH ROW EXECUTE FUNCTION fms.check_line_values();
DROP TRIGGER apply ON public.not_lines;
INSERT INTO public.not_lines VALUES (1, 12345);
SELECT state, message FROM error_of($$UPDATE public.not_lines SET change_no = 1$$);
DROP TABLE public.not_lines;
-- TRUNCATE, NaN and Infinity are refused.
SELECT state, message FROM error_of($$TRUNCATE fms.case_lines$$);
SELECT state, message FROM error_of($$INSERT INTO fms.case_lines (case_id, line_no, description, quantity, value_usd, sme, mde) VALUES ('JL-D-AAA', 9, 'x', 'NaN', 1, false, false)$$);
SELECT state, message FROM error_of($$INSERT INTO fms.collections (case_id, received_on, amount_usd) VALUES ('JL-D-AAA', '2026-01-01', 'Infinity')$$);
-- Two changes of the same line: each is judged against the lines in force.
SET fms.effective_date = '2025-01-10';
INSERT INTO fms.cases (case_id, title, deposit_received_on, oed_on) VALUES ('JL-D-AAC', 'order', '2025-01-05', '2025-12-31');
INSERT INTO fms.case_lines (case_id, line_no, description, quantity, value_usd, sme, mde) VALUES ('JL-D-AAC', 1, 'widgets', 10, 1000000, false, false);
SELECT (fms.transition('JL-D-AAC', s, '2025-01-10')).status FROM unnest(ARRAY['write', 'review', 'proposed', 'offered', 'accepted', 'implemented']) AS s;
SET fms.effective_date = '2025-02-01';
INSERT INTO fms.case_changes (case_id, change_no, title) VALUES ('JL-D-AAC', 'A1', 'more'), ('JL-D-AAC', 'M1', 'price');
INSERT INTO fms.case_lines (case_id, change_no, line_no, description, quantity, value_usd, sme, mde) VALUES ('JL-D-AAC', 'A1', 1, 'widgets', 20, 2000000, false, false);
INSERT INTO fms.case_lines (case_id, change_no, line_no, description, quantity, value_usd, sme, mde) VALUES ('JL-D-AAC', 'M1', 1, 'widgets', 10, 1200000, false, false);
-- Both against the LOA's $1M: A1 +$1M, M1 +$0.2M.
SELECT change_no, total_value_usd FROM fms.case_changes WHERE case_id = 'JL-D-AAC' ORDER BY 1;
-- M1 implemented first: A1, still being prepared, is now judged against M1's $1.2M.
SET fms.effective_date = '2025-03-01';
UPDATE fms.case_changes SET status = 'write' WHERE case_id = 'JL-D-AAC' AND change_no = 'M1';
UPDATE fms.case_changes SET status = 'review' WHERE case_id = 'JL-D-AAC' AND change_no = 'M1';
UPDATE fms.case_changes SET status = 'proposed' WHERE case_id = 'JL-D-AAC' AND change_no = 'M1';
UPDATE fms.case_changes SET status = 'implemented' WHERE case_id = 'JL-D-AAC' AND change_no = 'M1';
SELECT change_no, status, total_value_usd FROM fms.case_changes WHERE case_id = 'JL-D-AAC' ORDER BY 1;
-- Offered, A1 keeps its value: a modification M2 that would move it is refused.
SET fms.effective_date = '2025-03-10';
UPDATE fms.case_changes SET status = 'write' WHERE case_id = 'JL-D-AAC' AND change_no = 'A1';
UPDATE fms.case_changes SET status = 'review' WHERE case_id = 'JL-D-AAC' AND change_no = 'A1';
UPDATE fms.case_changes SET status = 'proposed' WHERE case_id = 'JL-D-AAC' AND change_no = 'A1';
UPDATE fms.case_changes SET status = 'offered' WHERE case_id = 'JL-D-AAC' AND change_no = 'A1';
INSERT INTO fms.case_changes (case_id, change_no, title) VALUES ('JL-D-AAC', 'M2', 'price again');
INSERT INTO fms.case_lines (case_id, change_no, line_no, description, quantity, value_usd, sme, mde) VALUES ('JL-D-AAC', 'M2', 1, 'widgets', 10, 1100000, false, false);
UPDATE fms.case_changes SET status = 'write' WHERE case_id = 'JL-D-AAC' AND change_no = 'M2';
UPDATE fms.case_changes SET status = 'review' WHERE case_id = 'JL-D-AAC' AND change_no = 'M2';
UPDATE fms.case_changes SET status = 'proposed' WHERE case_id = 'JL-D-AAC' AND change_no = 'M2';
SELECT state, message, hint FROM error_of($$UPDATE fms.case_changes SET status = 'implemented' WHERE case_id = 'JL-D-AAC' AND change_no = 'M2'$$);
-- Every stored value is what the lines give, and the documents add up to the case in force.
SELECT x.change_no, x.total_value_usd = v.total_value_usd AS stored_is_derived
  FROM fms.case_changes AS x, fms.document_line_values(x.case_id, x.change_no) AS v
 WHERE x.case_id = 'JL-D-AAC' ORDER BY 1;
SELECT (SELECT total_value_usd FROM fms.case_values_as_of('2025-03-10') WHERE case_id = 'JL-D-AAC')
       = (SELECT c.total_value_usd + sum(x.total_value_usd) FILTER (WHERE x.implemented_on <= '2025-03-10')
            FROM fms.cases AS c JOIN fms.case_changes AS x USING (case_id) WHERE c.case_id = 'JL-D-AAC' GROUP BY c.total_value_usd) AS documents_add_up;
-- An implemented change's lines stay: not deleted, not rewritten.
SELECT state, message FROM error_of($$DELETE FROM fms.case_lines WHERE case_id = 'JL-D-AAC' AND change_no = 'M1'$$);
-- Ten widgets delivered: a change may no longer bring the line below ten.
SET fms.effective_date = '2025-01-10';
INSERT INTO fms.cases (case_id, title, deposit_received_on, oed_on) VALUES ('JL-D-AAD', 'order', '2025-01-05', '2025-12-31');
INSERT INTO fms.case_lines (case_id, line_no, description, quantity, value_usd, sme, mde) VALUES ('JL-D-AAD', 1, 'widgets', 10, 1000000, false, false);
SELECT (fms.transition('JL-D-AAD', s, '2025-01-10')).status FROM unnest(ARRAY['write', 'review', 'proposed', 'offered', 'accepted', 'implemented']) AS s;
INSERT INTO fms.deliveries (case_id, line_no, delivered_on, quantity, value_usd, reference) VALUES ('JL-D-AAD', 1, '2025-03-15', 10, 1000000, 'TCN 9');
SET fms.effective_date = '2025-04-01';
INSERT INTO fms.case_changes (case_id, change_no, title) VALUES ('JL-D-AAD', 'M1', 'fewer');
INSERT INTO fms.case_lines (case_id, change_no, line_no, description, quantity, value_usd, sme, mde) VALUES ('JL-D-AAD', 'M1', 1, 'widgets', 5, 500000, false, false);
UPDATE fms.case_changes SET status = 'write' WHERE case_id = 'JL-D-AAD';
UPDATE fms.case_changes SET status = 'review' WHERE case_id = 'JL-D-AAD';
UPDATE fms.case_changes SET status = 'proposed' WHERE case_id = 'JL-D-AAD';
SELECT state, message, detail FROM error_of($$UPDATE fms.case_changes SET status = 'implemented' WHERE case_id = 'JL-D-AAD'$$);
RESET fms.effective_date;
-- fms.document_rank in C gives what its definition in SQL gave (kept here
-- as the reference), for every kind of input: NULLs, the ends of the date
-- range, multibyte and over-long change numbers; an infinite date fails
-- alike.
CREATE FUNCTION pg_temp.document_rank_sql(implemented_on date, change_no text) RETURNS text
	LANGUAGE sql IMMUTABLE AS $$
	SELECT CASE WHEN $2 IS NULL THEN '0'
	            ELSE '1' || lpad(COALESCE(($1 - '0001-01-01'::date)::text, '9999999'), 7, '0')
	                 || left($2, 1) || lpad(substr($2, 2), 3, '0') END
	$$;
SELECT count(*) AS inputs,
       count(*) FILTER (WHERE fms.document_rank(d, n) IS NOT DISTINCT FROM pg_temp.document_rank_sql(d, n)) AS equal
  FROM unnest(ARRAY[NULL, '0001-01-01', '4713-01-01 BC', '5874897-12-31', '9999-12-31', '2020-02-29', '2025-03-10', '0001-12-31 BC']::date[]) AS d,
       unnest(ARRAY[NULL, '', 'A', 'A1', 'M12', 'A123', 'A1234', 'É7', 'Ω', '日本語テキスト', 'AB', ' 1', 'M1É']) AS n;
SELECT fms.document_rank('2025-03-10', 'A1') AS a1, fms.document_rank(NULL, 'M12') AS pending, fms.document_rank('2025-03-10', NULL) AS loa,
       fms.document_rank('4713-01-01 BC', 'A1234') AS cut;
SELECT state, message FROM error_of($$SELECT fms.document_rank('infinity', 'A1')$$);
SELECT state, message FROM error_of($$SELECT pg_temp.document_rank_sql('infinity', 'A1')$$);
\c contrib_regression
DROP DATABASE fms_lines;
