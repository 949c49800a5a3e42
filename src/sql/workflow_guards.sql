/* src/sql/workflow_guards.sql -- the guards of the shipped machines */

-- Guards take the new row as anyelement and read it as JSON, so one guard
-- serves fms.cases, fms.case_changes and any user table with the same
-- column names; a column the table lacks reads as NULL.  (Not "record":
-- PL/pgSQL would reuse a plan made for one table's rows on another's.)

CREATE FUNCTION fms.guard_dates_in_order(new_row anyelement) RETURNS pg_catalog.text
	LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	r jsonb := to_jsonb(new_row);
	col text;
	d date;
	prev_col text;
	prev date;
BEGIN
	FOREACH col IN ARRAY ARRAY['lor_received_on', 'lor_complete_on', 'milap_on', 'offered_on',
	                           'accepted_on', 'implemented_on', 'supply_complete_on', 'closed_on']
	LOOP
		d := (r ->> col)::date;
		CONTINUE WHEN d IS NULL;
		IF prev IS NOT NULL AND d < prev THEN
			RETURN format('%s %s is before %s %s: milestone dates must not run backwards along the life cycle.',
			              col, to_char(d, 'YYYY-MM-DD'), prev_col, to_char(prev, 'YYYY-MM-DD'));
		END IF;
		prev_col := col;
		prev := d;
	END LOOP;
	RETURN NULL;
END
$$;
COMMENT ON FUNCTION fms.guard_dates_in_order(anyelement) IS 'workflow guard: milestone dates (LOR received, LOR complete, MILAP, offered, accepted, implemented, supply complete, closed) do not run backwards';

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
BEGIN
	IF accepted > oed THEN
		RETURN format('The purchaser accepted on %s, after the offer expiration date %s; an offer can be accepted only on or before its OED (DSCA LOA Standardization Guide, section 4). Restate the offer with a new OED first.',
		              to_char(accepted, 'YYYY-MM-DD'), to_char(oed, 'YYYY-MM-DD'));
	END IF;
	RETURN fms.guard_dates_in_order(new_row);
END
$$;
COMMENT ON FUNCTION fms.guard_acceptance(anyelement) IS 'workflow guard of offered -> accepted: accepted on or before the offer expiration date, dates in order';

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
