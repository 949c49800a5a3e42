/* src/sql/workflow_guards.sql -- the guards of the shipped machines */

-- Guards take the new row as anyelement and read its columns by name
-- (those in PL/pgSQL as JSON), so one guard serves fms.cases,
-- fms.case_changes and any user table with the same column names; a column
-- the table lacks reads as NULL.  (Not "record": PL/pgSQL would reuse a
-- plan made for one table's rows on another's.)

-- The two checks every guard makes are C (src/row_milestones.c): every
-- status change of a governed row runs one.
CREATE FUNCTION fms.guard_dates_in_order(new_row anyelement) RETURNS pg_catalog.text
	AS 'MODULE_PATHNAME', 'fms_guard_dates_in_order'
	LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION fms.guard_dates_in_order(anyelement) IS 'workflow guard: milestone dates (LOR received, LOR complete, MILAP, offered, accepted, implemented, supply complete, interim closed, closed) do not run backwards';

-- A guard judges the day its change takes effect: the "status_since" the
-- workflow stamps (fms.effective_date).  A milestone given with the change
-- must be that day, or a backdated or stale date would be judged instead.
CREATE FUNCTION fms.milestone_problem(new_row anyelement, milestone pg_catalog.text) RETURNS pg_catalog.text
	AS 'MODULE_PATHNAME', 'fms_milestone_problem'
	LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION fms.milestone_problem(anyelement, pg_catalog.text) IS 'for guards: why the milestone given with a change is not the day the change takes effect (its status_since), or NULL';

-- The offer expiration date: oed_on if set, else MILAP plus the standard
-- (or, for BPC cases, the BPC) period in force on the MILAP date.
CREATE FUNCTION fms.offer_expiration(new_row anyelement) RETURNS pg_catalog.date
	LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	r jsonb := to_jsonb(new_row);
	milap date := (r ->> 'milap_on')::date;
BEGIN
	IF r ->> 'oed_on' IS NOT NULL THEN
		RETURN (r ->> 'oed_on')::date;
	END IF;
	RETURN milap + fms.policy_setting(CASE WHEN r ->> 'category' = 'bpc' THEN 'bpc_oed_days' ELSE 'standard_oed_days' END,
	                                  milap)::int;
END
$$;
COMMENT ON FUNCTION fms.offer_expiration(anyelement) IS 'offer expiration date of a case or change row: oed_on, else milap_on plus the OED period in force (fms.policy_settings)';

CREATE FUNCTION fms.guard_acceptance(new_row anyelement) RETURNS pg_catalog.text
	LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	accepted date := (to_jsonb(new_row) ->> 'accepted_on')::date;
	oed date := fms.offer_expiration(new_row);
	problem text := fms.milestone_problem(new_row, 'accepted_on');
BEGIN
	IF problem IS NOT NULL THEN
		RETURN problem;
	END IF;
	IF accepted > oed THEN
		RETURN format('The purchaser accepted on %s, after the offer expiration date %s; an offer can be accepted only on or before its OED (DSCA LOA Standardization Guide, section 4). Restate the offer with a new OED first.',
		              to_char(accepted, 'YYYY-MM-DD'), to_char(oed, 'YYYY-MM-DD'));
	END IF;
	RETURN fms.guard_dates_in_order(new_row);
END
$$;
COMMENT ON FUNCTION fms.guard_acceptance(anyelement) IS 'workflow guard of offered -> accepted: accepted_on is the day of the change, on or before the offer expiration date, dates in order';

CREATE FUNCTION fms.guard_implementation(new_row anyelement) RETURNS pg_catalog.text
	LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	r jsonb := to_jsonb(new_row);
BEGIN
	IF r ->> 'deposit_received_on' IS NULL AND (r ->> 'emergency_implementation') IS DISTINCT FROM 'true' THEN
		RETURN 'Implementation needs the initial deposit (set deposit_received_on) or DSCA-approved emergency implementation (set emergency_implementation) (SAMM C6.1.1, C6.1.2).';
	END IF;
	RETURN fms.guard_dates_in_order(new_row);
END
$$;
COMMENT ON FUNCTION fms.guard_implementation(anyelement) IS 'workflow guard of accepted -> implemented: initial deposit received or emergency implementation approved, dates in order';

-- Which setting times a case's closure, by whether its customer takes part
-- in ACCP (inlined where it is called).
CREATE FUNCTION fms.closure_setting(accp pg_catalog.bool) RETURNS pg_catalog.text
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
BEGIN ATOMIC
	SELECT CASE WHEN $1 THEN 'accp_closure_months' ELSE 'closure_months_after_ssc' END;
END;
COMMENT ON FUNCTION fms.closure_setting(pg_catalog.bool) IS 'the policy setting that times a case''s closure after supply complete: accp_closure_months for ACCP participants, closure_months_after_ssc for the others';

-- When a case may close after supply complete: the closure timer in force
-- on the SSC date, from fms.policy_settings (none recorded: not timed).
-- ACCP participants' cases pass through interim closure, on the ACCP timer.
-- A table of one row, for joins: the planner inlines it (its body is
-- parsed when it is created, so it needs no pinned search_path).
CREATE FUNCTION fms.closure_timer(case_id fms.case_id, supply_complete_on pg_catalog.date)
	RETURNS TABLE (accp pg_catalog.bool, due_on pg_catalog.date)
	LANGUAGE sql STABLE PARALLEL SAFE ROWS 1
BEGIN ATOMIC
	SELECT a.accp, ($2 OPERATOR(pg_catalog.+) pg_catalog.make_interval(months => p.value::pg_catalog.int4))::pg_catalog.date
	  FROM (SELECT COALESCE((SELECT c.accp_participant FROM fms.customers AS c
	                          WHERE c.customer_code OPERATOR(pg_catalog.=) fms.customer_code($1)), false) AS accp) AS a
	  LEFT JOIN LATERAL fms.policy_setting_in_force(fms.closure_setting(a.accp), $2) AS p ON true;
END;
COMMENT ON FUNCTION fms.closure_timer(fms.case_id, pg_catalog.date) IS 'fms.closure_due as a table of one row, for joins (inlined by the planner)';

-- PL/pgSQL, not SQL: the guards call it, and Citus cannot plan the
-- parameterized query of a SQL function over a reference table, where it
-- plans PL/pgSQL's.  Queries join the table form above instead.
CREATE FUNCTION fms.closure_due(case_id fms.case_id, supply_complete_on pg_catalog.date, OUT accp pg_catalog.bool, OUT due_on pg_catalog.date)
	LANGUAGE plpgsql STABLE PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
	AS $$
BEGIN
	-- one table a query: Citus plans neither a join of reference tables
	-- with PL/pgSQL's parameters nor fms.closure_timer's query in a SQL
	-- function
	accp := COALESCE((SELECT c.accp_participant FROM fms.customers AS c
	                   WHERE c.customer_code = fms.customer_code(closure_due.case_id)), false);
	due_on := (supply_complete_on + make_interval(months => fms.policy_setting(fms.closure_setting(accp), supply_complete_on)::int))::date;
END
$$;
COMMENT ON FUNCTION fms.closure_due(fms.case_id, pg_catalog.date) IS 'whether a case''s customer takes part in ACCP, and the first day the case may be finally closed: supply complete plus the closure timer in force then (fms.policy_settings), NULL if none is recorded';

CREATE FUNCTION fms.guard_closure(new_row anyelement) RETURNS pg_catalog.text
	LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	r jsonb := to_jsonb(new_row);
	ssc date := (r ->> 'supply_complete_on')::date;
	closing date := (r ->> 'status_since')::date;
	timer record := fms.closure_due((r ->> 'case_id')::fms.case_id, ssc);
	problem text := fms.milestone_problem(new_row, CASE WHEN r ->> 'status' = 'closed' THEN 'closed_on' ELSE 'interim_closed_on' END);
BEGIN
	IF problem IS NOT NULL THEN
		RETURN problem;
	END IF;
	IF r ->> 'status' = 'interim_closed' AND NOT timer.accp THEN
		RETURN 'Interim closure is for cases of ACCP participants (fms.customers.accp_participant); this customer''s cases close directly (DSCA Case Reconciliation and Closure Guide A7.C4.14).';
	END IF;
	IF r ->> 'status' = 'closed' THEN
		-- Interim closure is the state it leaves, as its log says (a date
		-- typed into interim_closed_on is not the state).
		IF timer.accp AND (SELECT l.to_state FROM fms.transition_log AS l
		                    WHERE l.case_id OPERATOR(fms.=) (r ->> 'case_id')::fms.case_id
		                      AND l.table_name = pg_typeof(new_row)::text
		                      AND l.row_key = fms.text((r ->> 'case_id')::fms.case_id)
		                    ORDER BY l.id DESC LIMIT 1) IS DISTINCT FROM 'interim_closed' THEN
			RETURN 'A case of an ACCP participant passes through interim closure before final closure (DSCA Case Reconciliation and Closure Guide A7.C4.14).';
		END IF;
		IF closing < timer.due_on THEN
			RETURN format('Final closure on %s comes before the closure timer after supply complete (%s) has run: the case can be closed from %s (%s in fms.policy_settings).',
			              to_char(closing, 'YYYY-MM-DD'), to_char(ssc, 'YYYY-MM-DD'), to_char(timer.due_on, 'YYYY-MM-DD'),
			              CASE WHEN timer.accp THEN 'accp_closure_months' ELSE 'closure_months_after_ssc' END);
		END IF;
	END IF;
	RETURN fms.guard_dates_in_order(new_row);
END
$$;
COMMENT ON FUNCTION fms.guard_closure(anyelement) IS 'workflow guard of closure: interim closure only for ACCP participants, whose cases pass through it; final closure not before supply complete plus the closure timer in force (fms.policy_settings); dates in order';
