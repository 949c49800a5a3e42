/* src/sql/demand_keeping.sql -- demand summed by quarter, kept as cases and licences are written */

-- The events fms.demand_series counts, each on its day, under the partner
-- (the FMS customer, the DCS destination) and the USML category it counts
-- under.  Each kind of row says which events it makes (the three functions
-- below), so that the kept sums, their deltas and the reports' reading of
-- the current quarter all count alike.
CREATE TYPE fms.demand_event AS (
	program pg_catalog.text,
	partner pg_catalog.text,
	on_date pg_catalog.date,
	usml_category pg_catalog.int4,
	requests pg_catalog.int4,
	value_offered_usd pg_catalog.numeric,
	value_accepted_usd pg_catalog.numeric,
	lines_ordered pg_catalog.int4
);
COMMENT ON TYPE fms.demand_event IS 'one event of demand (fms.flow_demand, fms.request_demand, fms.licence_demand): program FMS or DCS, partner (FMS customer, DCS destination), day, USML category (NULL for none), and what it adds to requests, value offered, value accepted and lines ordered';

-- A flow counts when it offers, accepts or orders something (a delivery is
-- supply, not demand).
CREATE FUNCTION fms.flow_demand(flow fms.case_flows)
	RETURNS SETOF fms.demand_event
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
BEGIN ATOMIC
	SELECT 'FMS', (flow).customer_code, (flow).on_date, (flow).usml_category, 0,
	       (flow).offered_usd, (flow).accepted_usd, (flow).lines_ordered
	 WHERE (flow).offered_usd OPERATOR(pg_catalog.<>) 0 OR (flow).accepted_usd OPERATOR(pg_catalog.<>) 0
	    OR (flow).lines_ordered OPERATOR(pg_catalog.<>) 0;
END;
COMMENT ON FUNCTION fms.flow_demand(fms.case_flows) IS 'the demand event of a row of fms.case_flows: its value offered and accepted and its lines ordered, none if all are zero';

-- A case's Letter of Request is one request, on its day, under the
-- category of the basic LOA's largest line (fms.case_balances keeps both).
CREATE FUNCTION fms.request_demand(balance fms.case_balances)
	RETURNS SETOF fms.demand_event
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
BEGIN ATOMIC
	SELECT 'FMS', fms.customer_code((balance).case_id), (balance).lor_received_on, (balance).loa_usml_category, 1,
	       0::pg_catalog.numeric, 0::pg_catalog.numeric, 0
	 WHERE (balance).lor_received_on IS NOT NULL;
END;
COMMENT ON FUNCTION fms.request_demand(fms.case_balances) IS 'the demand event of a case (its row of fms.case_balances): one request on the day of its LOR, under the category of its basic LOA''s largest line; none without an LOR date';

-- A licence is applied for on submission, its value under the category of
-- its first USML entry, and accepted (one line ordered) on approval.
CREATE FUNCTION fms.licence_demand(licence fms.dcs_licenses)
	RETURNS SETOF fms.demand_event
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
BEGIN ATOMIC
	SELECT 'DCS', (licence).country_code, e.on_date,
	       fms.usml_category((licence).usml[pg_catalog.array_lower((licence).usml, 1)]),
	       e.requests, e.applied, e.approved, e.lines
	  FROM (VALUES ((licence).submitted_on, 1, (licence).value_usd, 0::pg_catalog.numeric, 0),
	               (CASE WHEN (licence).status OPERATOR(pg_catalog.=) ANY (ARRAY['approved', 'approved_with_provisos'])
	                     THEN (licence).decided_on END, 0, 0::pg_catalog.numeric, (licence).value_usd, 1))
	       AS e(on_date, requests, applied, approved, lines)
	 WHERE e.on_date IS NOT NULL;
END;
COMMENT ON FUNCTION fms.licence_demand(fms.dcs_licenses) IS 'the demand events of a DCS licence: its application on submission (one request, its value applied for) and, if approved, its approval on the decision (its value accepted, one line ordered), under the category of its first USML entry';

-- The first day of a date's calendar quarter, for any date (a cast to
-- timestamp, as date_trunc needs, fails beyond the year 294276); infinite
-- dates stay as they are, and the first days there are (4714-11-24 BC on)
-- have the first of them.  In C (src/calendar_quarter.c): it is called
-- once per demand event kept and per event the reports count.
CREATE FUNCTION fms.quarter_start(on_date pg_catalog.date) RETURNS pg_catalog.date
	AS 'MODULE_PATHNAME', 'fms_quarter_start'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION fms.quarter_start(pg_catalog.date) IS 'the first day of the date''s calendar quarter, for any date (infinity stays infinity; the quarter of 4714-11-24 BC starts then)';

-- The events on the days from..upto, the FMS ones from fms_from, the DCS
-- ones from dcs_from: read from the rows by their days' indexes.
CREATE FUNCTION fms.demand_events(fms_from pg_catalog.date, dcs_from pg_catalog.date, upto pg_catalog.date)
	RETURNS SETOF fms.demand_event
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	SELECT e.*
	  FROM fms.case_flows AS f
	 CROSS JOIN LATERAL fms.flow_demand(f) AS e
	 WHERE f.on_date OPERATOR(pg_catalog.>=) fms_from AND f.on_date OPERATOR(pg_catalog.<=) upto
	UNION ALL
	SELECT e.*
	  FROM fms.case_balances AS b
	 CROSS JOIN LATERAL fms.request_demand(b) AS e
	 WHERE b.lor_received_on OPERATOR(pg_catalog.>=) fms_from AND b.lor_received_on OPERATOR(pg_catalog.<=) upto
	UNION ALL
	SELECT e.*
	  FROM fms.dcs_licenses AS l
	 CROSS JOIN LATERAL fms.licence_demand(l) AS e
	 WHERE ((l.submitted_on OPERATOR(pg_catalog.>=) dcs_from AND l.submitted_on OPERATOR(pg_catalog.<=) upto)
	        OR (l.decided_on OPERATOR(pg_catalog.>=) dcs_from AND l.decided_on OPERATOR(pg_catalog.<=) upto))
	   AND e.on_date OPERATOR(pg_catalog.>=) dcs_from AND e.on_date OPERATOR(pg_catalog.<=) upto;
END;
COMMENT ON FUNCTION fms.demand_events(pg_catalog.date, pg_catalog.date, pg_catalog.date) IS 'every demand event of the FMS cases from fms_from and of the DCS licences from dcs_from, to upto (all days inclusive)';
CREATE INDEX case_flows_on_date ON fms.case_flows (on_date);
CREATE INDEX case_balances_lor_received ON fms.case_balances (lor_received_on);
CREATE INDEX dcs_licenses_submitted ON fms.dcs_licenses (submitted_on);
CREATE INDEX dcs_licenses_decided ON fms.dcs_licenses (decided_on);

-- The events summed by program, partner, category and quarter, whatever
-- their day: fms.demand_series reads the quarters before the current one
-- here and the current one from the rows, where summing every flow, case
-- and licence took seconds at ten times the real portfolio.  Kept by
-- deltas, not recomputed: two transactions that write cases (licences) of
-- one partner in one quarter each add what they moved, and the second
-- waits for the first's row, then adds to what it left.  A row without
-- events goes.  The sums are kept without trailing zeros (trim_scale), so
-- that their text is the same whatever order the events came in.
CREATE TABLE fms.demand_quarters (
	program pg_catalog.text NOT NULL,
	partner pg_catalog.text NOT NULL,
	category_key pg_catalog.int4 NOT NULL,
	quarter_start pg_catalog.date NOT NULL,
	events pg_catalog.int8 NOT NULL,
	requests pg_catalog.int8 NOT NULL,
	value_offered_usd pg_catalog.numeric NOT NULL,
	value_accepted_usd pg_catalog.numeric NOT NULL,
	lines_ordered pg_catalog.int8 NOT NULL,
	PRIMARY KEY (program, partner, category_key, quarter_start)
);
COMMENT ON TABLE fms.demand_quarters IS 'the demand events (fms.demand_events) summed by program, partner, USML category and quarter, kept by the triggers of the cases'' kept data and of the licences: not dumped, a restore rebuilds it; SELECT fms.recompute_demand_quarters() rebuilds it whole';
COMMENT ON COLUMN fms.demand_quarters.program IS 'FMS or DCS';
COMMENT ON COLUMN fms.demand_quarters.partner IS 'FMS customer code, DCS destination country';
COMMENT ON COLUMN fms.demand_quarters.category_key IS 'USML category (1 to 21), 0 for none (a key cannot be NULL)';
COMMENT ON COLUMN fms.demand_quarters.quarter_start IS 'first day of the quarter';
COMMENT ON COLUMN fms.demand_quarters.events IS 'events summed (a row exists while it has one)';
COMMENT ON COLUMN fms.demand_quarters.requests IS 'FMS Letters of Request, DCS applications';
COMMENT ON COLUMN fms.demand_quarters.value_offered_usd IS 'FMS value offered, DCS value applied for, U.S. dollars';
COMMENT ON COLUMN fms.demand_quarters.value_accepted_usd IS 'FMS value accepted, DCS value approved, U.S. dollars';
COMMENT ON COLUMN fms.demand_quarters.lines_ordered IS 'FMS line versions accepted, DCS licences approved';

-- Moves the sums by the events added less those removed (an event both
-- removed and added, as most are when a statement rewrites a row, cancels
-- out first), in the order of the keys (so that two writers lock rows in
-- one order), and drops the rows left without events.
CREATE FUNCTION fms.add_demand(removed fms.demand_event[], added fms.demand_event[]) RETURNS void
	LANGUAGE sql
BEGIN ATOMIC
	INSERT INTO fms.demand_quarters AS k
	SELECT d.program, d.partner, d.category_key, d.quarter_start, pg_catalog.sum(d.sign),
	       pg_catalog.sum(d.sign OPERATOR(pg_catalog.*) d.requests),
	       pg_catalog.trim_scale(pg_catalog.sum(d.sign OPERATOR(pg_catalog.*) d.value_offered_usd)),
	       pg_catalog.trim_scale(pg_catalog.sum(d.sign OPERATOR(pg_catalog.*) d.value_accepted_usd)),
	       pg_catalog.sum(d.sign OPERATOR(pg_catalog.*) d.lines_ordered)
	  FROM (SELECT -1 AS sign, r.*
	          FROM (SELECT e.* FROM pg_catalog.unnest(removed) AS e
	                EXCEPT ALL
	                SELECT e.* FROM pg_catalog.unnest(added) AS e) AS r
	        UNION ALL
	        SELECT 1, a.*
	          FROM (SELECT e.* FROM pg_catalog.unnest(added) AS e
	                EXCEPT ALL
	                SELECT e.* FROM pg_catalog.unnest(removed) AS e) AS a) AS x
	 CROSS JOIN LATERAL (SELECT x.program, x.partner, COALESCE(x.usml_category, 0) AS category_key,
	                            fms.quarter_start(x.on_date) AS quarter_start,
	                            x.sign::pg_catalog.int8 AS sign, x.requests, x.value_offered_usd, x.value_accepted_usd,
	                            x.lines_ordered) AS d
	 GROUP BY 1, 2, 3, 4
	HAVING pg_catalog.sum(d.sign) OPERATOR(pg_catalog.<>) 0
	    OR pg_catalog.sum(d.sign OPERATOR(pg_catalog.*) d.requests) OPERATOR(pg_catalog.<>) 0
	    OR pg_catalog.sum(d.sign OPERATOR(pg_catalog.*) d.value_offered_usd) OPERATOR(pg_catalog.<>) 0
	    OR pg_catalog.sum(d.sign OPERATOR(pg_catalog.*) d.value_accepted_usd) OPERATOR(pg_catalog.<>) 0
	    OR pg_catalog.sum(d.sign OPERATOR(pg_catalog.*) d.lines_ordered) OPERATOR(pg_catalog.<>) 0
	 ORDER BY 1, 2, 3, 4
	ON CONFLICT (program, partner, category_key, quarter_start) DO UPDATE
	   SET events = k.events OPERATOR(pg_catalog.+) excluded.events,
	       requests = k.requests OPERATOR(pg_catalog.+) excluded.requests,
	       value_offered_usd = pg_catalog.trim_scale(k.value_offered_usd OPERATOR(pg_catalog.+) excluded.value_offered_usd),
	       value_accepted_usd = pg_catalog.trim_scale(k.value_accepted_usd OPERATOR(pg_catalog.+) excluded.value_accepted_usd),
	       lines_ordered = k.lines_ordered OPERATOR(pg_catalog.+) excluded.lines_ordered;
	DELETE FROM fms.demand_quarters AS k
	 USING (SELECT DISTINCT e.program, e.partner, COALESCE(e.usml_category, 0) AS category_key,
	               fms.quarter_start(e.on_date) AS quarter_start
	          FROM pg_catalog.unnest(removed) AS e) AS r
	 WHERE k.program OPERATOR(pg_catalog.=) r.program AND k.partner OPERATOR(pg_catalog.=) r.partner
	   AND k.category_key OPERATOR(pg_catalog.=) r.category_key AND k.quarter_start OPERATOR(pg_catalog.=) r.quarter_start
	   AND k.events OPERATOR(pg_catalog.=) 0;
END;
COMMENT ON FUNCTION fms.add_demand(fms.demand_event[], fms.demand_event[]) IS 'moves fms.demand_quarters by the events added less the events removed, and drops the rows left without events; needs the rights to write fms.demand_quarters, which the triggers use as the owner of schema fms';

CREATE FUNCTION fms.recompute_demand_quarters() RETURNS void
	LANGUAGE sql
BEGIN ATOMIC
	DELETE FROM fms.demand_quarters;
	INSERT INTO fms.demand_quarters
	SELECT e.program, e.partner, COALESCE(e.usml_category, 0),
	       fms.quarter_start(e.on_date),
	       pg_catalog.count(*), pg_catalog.sum(e.requests), pg_catalog.trim_scale(pg_catalog.sum(e.value_offered_usd)),
	       pg_catalog.trim_scale(pg_catalog.sum(e.value_accepted_usd)), pg_catalog.sum(e.lines_ordered)
	  FROM fms.demand_events('-infinity', '-infinity', 'infinity') AS e
	 GROUP BY 1, 2, 3, 4;
END;
COMMENT ON FUNCTION fms.recompute_demand_quarters() IS 'rebuilds fms.demand_quarters whole from every flow, case and licence (fms.recompute_case_flows(NULL) and fms.recompute_case_balances(NULL) call it)';

-- The licences keep their events' sums themselves, once per statement from
-- the rows it changed (the cases' come with their kept flows and
-- balances), and row by row where no statement trigger fires: in a logical
-- replication subscriber's apply worker.  As the owner of the function, so
-- that writers need no rights on the sums.  ALWAYS: a replica-mode load and
-- a subscriber keep them too.
CREATE FUNCTION fms.keep_licence_demand() RETURNS trigger
	LANGUAGE plpgsql SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp
	AS $$
BEGIN
	-- It runs as its owner: only on the licences, whose triggers only
	-- their owner creates (on a table of a caller's own it would write
	-- what that table holds into the sums, converted by the caller's casts).
	IF TG_RELID OPERATOR(pg_catalog.<>) 'fms.dcs_licenses'::pg_catalog.regclass OR TG_WHEN OPERATOR(pg_catalog.<>) 'AFTER' THEN
		RAISE EXCEPTION 'fms.keep_licence_demand() is an AFTER trigger of fms.dcs_licenses only'
			USING ERRCODE = 'triggered_action_exception';
	END IF;
	IF TG_LEVEL = 'ROW' THEN
		PERFORM fms.add_demand(ARRAY(SELECT e FROM fms.licence_demand(OLD) AS e),
		                       ARRAY(SELECT e FROM fms.licence_demand(NEW) AS e));
	ELSIF TG_OP = 'INSERT' THEN
		PERFORM fms.add_demand('{}', ARRAY(SELECT e FROM added_licences AS l CROSS JOIN LATERAL fms.licence_demand(l) AS e));
	ELSIF TG_OP = 'UPDATE' THEN
		PERFORM fms.add_demand(ARRAY(SELECT e FROM removed_licences AS l CROSS JOIN LATERAL fms.licence_demand(l) AS e),
		                       ARRAY(SELECT e FROM added_licences AS l CROSS JOIN LATERAL fms.licence_demand(l) AS e));
	ELSE
		PERFORM fms.add_demand(ARRAY(SELECT e FROM removed_licences AS l CROSS JOIN LATERAL fms.licence_demand(l) AS e),
		                       '{}');
	END IF;
	RETURN NULL;
END
$$;
COMMENT ON FUNCTION fms.keep_licence_demand() IS 'statement trigger of fms.dcs_licenses (and row trigger where no statement trigger fires, fms.applying_replicated_changes()): moves fms.demand_quarters by the demand events of the licences removed and added';
CREATE TRIGGER keep_demand_insert AFTER INSERT ON fms.dcs_licenses
	REFERENCING NEW TABLE AS added_licences
	FOR EACH STATEMENT EXECUTE FUNCTION fms.keep_licence_demand();
CREATE TRIGGER keep_demand_update AFTER UPDATE ON fms.dcs_licenses
	REFERENCING OLD TABLE AS removed_licences NEW TABLE AS added_licences
	FOR EACH STATEMENT EXECUTE FUNCTION fms.keep_licence_demand();
CREATE TRIGGER keep_demand_delete AFTER DELETE ON fms.dcs_licenses
	REFERENCING OLD TABLE AS removed_licences
	FOR EACH STATEMENT EXECUTE FUNCTION fms.keep_licence_demand();
CREATE TRIGGER keep_demand_applied AFTER INSERT OR UPDATE OR DELETE ON fms.dcs_licenses
	FOR EACH ROW WHEN (fms.applying_replicated_changes()) EXECUTE FUNCTION fms.keep_licence_demand();
ALTER TABLE fms.dcs_licenses ENABLE ALWAYS TRIGGER keep_demand_insert, ENABLE ALWAYS TRIGGER keep_demand_update,
	ENABLE ALWAYS TRIGGER keep_demand_delete, ENABLE ALWAYS TRIGGER keep_demand_applied;
