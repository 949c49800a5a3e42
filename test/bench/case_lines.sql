-- Setup of test/bench/case_lines.sh: what the line triggers of
-- fms.case_lines cost (values derived in the same statement, the
-- document's state checked, an item's flags inherited), timed against the
-- same inserts with those triggers disabled.
SET fms.effective_date = '2026-01-05';
INSERT INTO fms.customers (customer_code, name, kind, country_code) VALUES ('JB', 'Japan (bench)', 'country', 'JP');
INSERT INTO fms.items (item_code, description, usml, sme, sme_source, mde, mde_source)
VALUES ('BENCH-ENGINE', 'engine', 'XIX(a)', true, 'bench', true, 'bench');
CREATE SCHEMA bench;

CREATE FUNCTION bench.set_triggers(enabled boolean) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
	EXECUTE format('ALTER TABLE fms.case_lines %s TRIGGER inherit_item, %1$s TRIGGER apply_line_inserts, '
	               '%1$s TRIGGER note_flows_insert, %1$s TRIGGER note_balances_insert, %1$s TRIGGER recompute_noted_cases',
	               CASE WHEN enabled THEN 'ENABLE' ELSE 'DISABLE' END);
END $$;

-- Cases of 10 lines, each inserted as an application does: the case, then
-- its lines in one statement, every column given (so that the inserts run
-- without the triggers too; a line leaving a field to its item adds a row
-- trigger).  The time includes the case inserts, which the workflow governs.
CREATE FUNCTION bench.ten_line_cases(cases int) RETURNS float8 LANGUAGE plpgsql AS $$
DECLARE
	started timestamptz := clock_timestamp();
	id fms.case_id;
BEGIN
	FOR i IN 1 .. cases LOOP
		id := fms.make_case_id('JB', 'D', lpad(upper(to_hex(i)), 3, '0'));
		INSERT INTO fms.cases (case_id, title) VALUES (id, 'bench');
		INSERT INTO fms.case_lines (case_id, line_no, item_code, description, usml, quantity, value_usd, sme, mde)
		SELECT id, n, CASE WHEN n = 1 THEN 'BENCH-ENGINE' END, CASE WHEN n = 1 THEN 'engine' ELSE 'support ' || n END,
		       CASE WHEN n = 1 THEN 'XIX(a)' ELSE 'XIX(f)' END::fms.usml, n, 1000 * n, n = 1, n = 1
		  FROM generate_series(1, 10) AS n;
	END LOOP;
	RETURN extract(epoch FROM clock_timestamp() - started) * 1000;
END $$;

-- One statement of many lines into one case (the case insert not timed).
CREATE FUNCTION bench.bulk_lines(lines int) RETURNS float8 LANGUAGE plpgsql AS $$
DECLARE
	started timestamptz;
BEGIN
	INSERT INTO fms.cases (case_id, title) VALUES ('JB-P-AAA', 'bench');
	started := clock_timestamp();
	INSERT INTO fms.case_lines (case_id, line_no, description, usml, quantity, value_usd, sme, mde)
	SELECT 'JB-P-AAA', n, 'line ' || n, 'XIX(f)', 1, 1000, false, false FROM generate_series(1, lines) AS n;
	RETURN extract(epoch FROM clock_timestamp() - started) * 1000;
END $$;
