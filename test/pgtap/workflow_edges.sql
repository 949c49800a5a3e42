-- Every edge of the shipped case machines, and every pair of states that is not
-- one: each move is tried on a real row and must succeed exactly when the
-- edge is in the expected list below (written from the life cycle, not
-- read from the table).
BEGIN;
SET LOCAL search_path = public, fms;
SELECT plan(222);

CREATE TEMP TABLE expected_edges (machine text, from_state text, to_state text);
INSERT INTO expected_edges
SELECT m, f, t FROM unnest(ARRAY['loa', 'amendment', 'modification']) AS m,
       (VALUES ('development', 'write'), ('write', 'review'), ('review', 'proposed'),
               ('write', 'development'), ('review', 'development'), ('proposed', 'development'),
               ('development', 'cancelled'), ('write', 'cancelled'), ('review', 'cancelled'),
               ('proposed', 'cancelled'), ('cancelled', 'development')) AS e(f, t)
UNION ALL
SELECT m, f, t FROM unnest(ARRAY['loa', 'amendment']) AS m,
       (VALUES ('proposed', 'offered'), ('offered', 'accepted'), ('accepted', 'implemented'),
               ('offered', 'development'), ('offered', 'cancelled'), ('accepted', 'cancelled')) AS e(f, t)
UNION ALL
VALUES ('loa', 'implemented', 'supply_complete'), ('loa', 'supply_complete', 'closed'),
       ('loa', 'supply_complete', 'interim_closed'), ('loa', 'interim_closed', 'closed'),
       ('loa', 'interim_closed', 'implemented'), ('loa', 'closed', 'implemented'),
       ('modification', 'proposed', 'implemented');

SELECT set_eq($$SELECT machine, from_state, to_state FROM fms.workflow_transitions
                 WHERE machine = ANY (ARRAY['loa', 'amendment', 'modification'])$$,
              $$SELECT machine, from_state, to_state FROM expected_edges$$,
              'the shipped edges are exactly the life cycle''s');

-- Programs judged like NATO+ members (an offer needs a country to judge by).
INSERT INTO fms.customers (customer_code, name, kind, country_group) VALUES ('T1', 'Test program', 'program', 'NATO_PLUS');
-- Interim closure is for ACCP participants: the moves into it use this one.
INSERT INTO fms.customers (customer_code, name, kind, country_group, accp_participant)
VALUES ('T2', 'Test program in ACCP', 'program', 'NATO_PLUS', true);
SET LOCAL fms.reason = 'edge test';
SET LOCAL fms.effective_date = '2024-01-01';
CREATE SEQUENCE pg_temp.designators;

-- A row of the machine's table placed in state from_state (triggers off),
-- then moved to to_state: 'ok' or the SQLSTATE of the refusal.
CREATE FUNCTION pg_temp.try_move(machine text, from_state text, to_state text) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
	id fms.case_id := fms.make_case_id(CASE WHEN to_state = 'interim_closed' THEN 'T2' ELSE 'T1' END, 'D',
	                                   lpad(upper(to_hex(nextval('pg_temp.designators')::int)), 3, '0'));
	change text := CASE machine WHEN 'amendment' THEN 'A1' WHEN 'modification' THEN 'M1' END;
BEGIN
	-- The log id's foreign key is checked at commit; ALTER TABLE needs
	-- nothing pending, so check it now.
	SET CONSTRAINTS ALL IMMEDIATE;
	ALTER TABLE fms.cases DISABLE TRIGGER enforce_workflow, DISABLE TRIGGER verify_workflow_insert;
	ALTER TABLE fms.case_changes DISABLE TRIGGER enforce_workflow_amendment, DISABLE TRIGGER enforce_workflow_modification,
		DISABLE TRIGGER verify_workflow_insert;
	INSERT INTO fms.cases (case_id, title, status, status_since, lor_received_on, deposit_received_on)
	VALUES (id, 'edge test', CASE WHEN change IS NULL THEN from_state ELSE 'implemented' END,
	        '2023-12-01', '2023-11-01', '2023-12-15');
	IF change IS NOT NULL THEN
		INSERT INTO fms.case_changes (case_id, change_no, title, status, status_since)
		VALUES (id, change, 'edge test', from_state, '2023-12-01');
	END IF;
	ALTER TABLE fms.cases ENABLE ALWAYS TRIGGER enforce_workflow, ENABLE ALWAYS TRIGGER verify_workflow_insert;
	ALTER TABLE fms.case_changes ENABLE ALWAYS TRIGGER enforce_workflow_amendment, ENABLE ALWAYS TRIGGER enforce_workflow_modification,
		ENABLE ALWAYS TRIGGER verify_workflow_insert;
	SET CONSTRAINTS ALL DEFERRED;
	BEGIN
		IF change IS NULL THEN
			UPDATE fms.cases SET status = to_state WHERE case_id = id;
		ELSE
			UPDATE fms.case_changes SET status = to_state WHERE case_id = id;
		END IF;
	EXCEPTION WHEN OTHERS THEN
		RETURN SQLSTATE;
	END;
	RETURN 'ok';
END
$$;

-- New rows: 'ok' or the SQLSTATE of the refusal.
CREATE FUNCTION pg_temp.try_insert(machine text, state text) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
	id fms.case_id := fms.make_case_id('T1', 'P', lpad(upper(to_hex(nextval('pg_temp.designators')::int)), 3, '0'));
BEGIN
	BEGIN
		IF machine = 'loa' THEN
			INSERT INTO fms.cases (case_id, title, status) VALUES (id, 'edge test', state);
		ELSE
			INSERT INTO fms.cases (case_id, title) VALUES (id, 'edge test');
			INSERT INTO fms.case_changes (case_id, change_no, title, status)
			VALUES (id, CASE machine WHEN 'amendment' THEN 'A1' ELSE 'M1' END, 'edge test', state);
		END IF;
	EXCEPTION WHEN OTHERS THEN
		RETURN SQLSTATE;
	END;
	RETURN 'ok';
END
$$;

SELECT is(pg_temp.try_move(a.machine, a.state, b.state),
          CASE WHEN e.machine IS NULL THEN '23514' ELSE 'ok' END,
          format('%s: %s -> %s is %s', a.machine, a.state, b.state,
                 CASE WHEN e.machine IS NULL THEN 'refused' ELSE 'allowed' END))
  FROM fms.workflow_states AS a
  JOIN fms.workflow_states AS b ON b.machine = a.machine AND b.state <> a.state
  LEFT JOIN expected_edges AS e ON (e.machine, e.from_state, e.to_state) = (a.machine, a.state, b.state)
 WHERE a.machine = ANY (ARRAY['loa', 'amendment', 'modification'])
 ORDER BY a.machine, a.position, b.position;

SELECT is(pg_temp.try_insert(s.machine, s.state),
          CASE WHEN s.state = 'development' THEN 'ok' ELSE '23514' END,
          format('%s: a new row may %sstart in %s', s.machine,
                 CASE WHEN s.state = 'development' THEN '' ELSE 'not ' END, s.state))
  FROM fms.workflow_states AS s
 WHERE s.machine = ANY (ARRAY['loa', 'amendment', 'modification'])
 ORDER BY s.machine, s.position;

SELECT * FROM finish();
ROLLBACK;
