-- The load test's database: fms with 400 cases (each with an amendment)
-- and 200 DCS licences, and schema "load" with what the pgbench clients
-- call (test/load/step.sql) and the outcome of every change they tried.
CREATE EXTENSION fms CASCADE;
SET search_path = fms, public;
CREATE SCHEMA load;
CREATE SEQUENCE load.new_cases START 401;

-- The n-th case of the test: four customers, designators in base 36.
CREATE FUNCTION load.case_id(n int) RETURNS fms.case_id LANGUAGE sql IMMUTABLE AS $$
	SELECT fms.make_case_id((ARRAY['JA', 'KS', 'AT', 'BE'])[1 + n % 4], 'D',
	                        substr('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ', 1 + n / 4 / 1296 % 36, 1)
	                        || substr('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ', 1 + n / 4 / 36 % 36, 1)
	                        || substr('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ', 1 + n / 4 % 36, 1))
$$;

-- Every change tried, with its outcome: 00000, or the SQLSTATE of the
-- refusal, and the log entries it wrote.  Written in the change's own
-- transaction, so that a crash keeps or loses both together.
CREATE TABLE load.outcomes (op text NOT NULL, target text NOT NULL, state text NOT NULL, logged int NOT NULL);
CREATE TABLE load.baseline AS SELECT 0::bigint AS log_entries;

-- Run one change; a rule's refusal (23514) is recorded.  Serialization
-- failures and deadlocks go up to pgbench, which retries them; any other
-- error ends the client, and the test fails.
CREATE FUNCTION load.attempt(op text, target text, sql text, logged int) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
	EXECUTE sql;
	INSERT INTO load.outcomes VALUES (op, target, '00000', logged);
	RETURN '00000';
EXCEPTION WHEN check_violation THEN
	INSERT INTO load.outcomes VALUES (op, target, '23514', 0);
	RETURN '23514';
END
$$;

-- One random step: n picks what (a case, an amendment, a licence moved to
-- a random other state of its machine, on a random later day; a
-- notification; a new case), pick which row, state_pick the state, days the
-- day.  The row is locked first, so the state it is moved from is current.
CREATE FUNCTION load.step(n int, pick int, state_pick int, days int) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	target text;
	doc_machine text;
	current text;
	since date;
	states text[];
	to_state text;
BEGIN
	PERFORM set_config('fms.reason', 'load test', true);
	PERFORM set_config('fms.effective_date', '2024-01-10', true);
	IF n <= 55 THEN
		SELECT c.case_id::text, 'loa', c.status, c.status_since INTO target, doc_machine, current, since
		  FROM fms.cases AS c WHERE c.case_id = load.case_id(pick) FOR UPDATE;
	ELSIF n <= 70 THEN
		SELECT x.case_id::text, 'amendment', x.status, x.status_since INTO target, doc_machine, current, since
		  FROM fms.case_changes AS x WHERE x.case_id = load.case_id(pick) AND x.change_no = 'A1' FOR UPDATE;
	ELSIF n <= 85 THEN
		SELECT l.license_no, 'dcs_license', l.status, l.status_since INTO target, doc_machine, current, since
		  FROM fms.dcs_licenses AS l WHERE l.license_no = 'LOAD' || (1 + pick % 200) FOR UPDATE;
	ELSIF n <= 92 THEN
		SELECT c.case_id::text, c.status_since INTO target, since FROM fms.cases AS c WHERE c.case_id = load.case_id(pick);
		RETURN load.attempt('notification', target,
			format($q$INSERT INTO fms.congressional_notifications (case_id, section, formal_sent_on, status)
			          VALUES (%L, '36(b)(1)', %L, 'formal_review')$q$, target, since + days), 0);
	ELSE
		target := load.case_id(nextval('load.new_cases')::int);
		RETURN load.attempt('new case', target,
			format($q$INSERT INTO fms.cases (case_id, title, lor_received_on, lor_complete_on, total_value_usd)
			          VALUES (%L, 'load case', '2024-01-02', '2024-01-05', 2000000)$q$, target), 1);
	END IF;
	states := ARRAY(SELECT s.state FROM fms.workflow_states AS s WHERE s.machine = doc_machine AND s.state <> current
	                 ORDER BY s.position);
	to_state := states[1 + state_pick % cardinality(states)];
	IF doc_machine = 'loa' THEN
		RETURN load.attempt('case', target, format('SELECT fms.transition(%L, %L, %L, %L)', target, to_state, since + days, 'load test'), 1);
	ELSIF doc_machine = 'amendment' THEN
		RETURN load.attempt('amendment', target,
			format($q$UPDATE fms.case_changes SET status = %L, status_since = %L WHERE case_id = %L AND change_no = 'A1'$q$,
			       to_state, since + days, target), 1);
	END IF;
	RETURN load.attempt('licence', target,
		format('UPDATE fms.dcs_licenses SET status = %L, status_since = %L WHERE license_no = %L', to_state, since + days, target), 1);
END
$$;

SET fms.effective_date = '2024-01-10';
INSERT INTO fms.customers (customer_code, name, kind, country_code) VALUES
	('JA', 'Japan', 'country', 'JP'), ('KS', 'Korea, Republic of', 'country', 'KR'),
	('AT', 'Australia', 'country', 'AU'), ('BE', 'Belgium', 'country', 'BE');
INSERT INTO fms.cases (case_id, title, lor_received_on, lor_complete_on, total_value_usd)
SELECT load.case_id(i), 'load case ' || i, '2024-01-02', '2024-01-05', 1000000 * (1 + i % 50)
  FROM generate_series(1, 400) AS i;
INSERT INTO fms.case_changes (case_id, change_no, title)
SELECT load.case_id(i), 'A1', 'load amendment ' || i FROM generate_series(1, 400) AS i;
INSERT INTO fms.dcs_licenses (license_no, form, applicant, country_code, value_usd)
SELECT 'LOAD' || i, 'DSP-5', 'Acme', (ARRAY['JP', 'KR', 'AU', 'BE'])[1 + i % 4], 500000 * i
  FROM generate_series(1, 200) AS i;
UPDATE load.baseline SET log_entries = (SELECT count(*) FROM fms.transition_log) + (SELECT count(*) FROM fms.row_transition_log);
