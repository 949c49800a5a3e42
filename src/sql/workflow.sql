/* src/sql/workflow.sql -- workflow definitions as data, and the engine's trigger */

CREATE TABLE fms.workflow_states (
	machine pg_catalog.text NOT NULL
		CONSTRAINT machine_is_a_lowercase_name
		CHECK (machine OPERATOR(pg_catalog.~) '^[a-z][a-z0-9_]*$'),
	state pg_catalog.text NOT NULL
		CONSTRAINT state_is_a_lowercase_name
		CHECK (state OPERATOR(pg_catalog.~) '^[a-z][a-z0-9_]*$'),
	is_initial pg_catalog.bool NOT NULL DEFAULT false,
	is_terminal pg_catalog.bool NOT NULL DEFAULT false,
	position pg_catalog.int4 NOT NULL,
	milestone_column pg_catalog.name,
	description pg_catalog.text NOT NULL,
	origin pg_catalog.text NOT NULL DEFAULT 'added'
		CONSTRAINT origin_is_shipped_edited_or_added
		CHECK (origin OPERATOR(pg_catalog.=) ANY (ARRAY['shipped', 'edited', 'added'])),
	PRIMARY KEY (machine, state)
);
SELECT pg_catalog.pg_extension_config_dump('fms.workflow_states', $$WHERE origin OPERATOR(pg_catalog.<>) 'shipped'$$);
COMMENT ON TABLE fms.workflow_states IS 'states of each workflow machine; read by fms.enforce_workflow(); user edits survive pg_dump';
COMMENT ON COLUMN fms.workflow_states.machine IS 'machine name, the first argument of the fms.enforce_workflow() trigger';
COMMENT ON COLUMN fms.workflow_states.state IS 'state name, the value of the governed status column';
COMMENT ON COLUMN fms.workflow_states.is_initial IS 'a new row may start in this state';
COMMENT ON COLUMN fms.workflow_states.is_terminal IS 'no edge leaves this state';
COMMENT ON COLUMN fms.workflow_states.position IS 'order of the state along the normal path, for listings';
COMMENT ON COLUMN fms.workflow_states.milestone_column IS 'date column of the governed table stamped with the effective date when a row enters the state, if still NULL';
COMMENT ON COLUMN fms.workflow_states.description IS 'what the state means, with its source and certainty';
COMMENT ON COLUMN fms.workflow_states.origin IS '''shipped'' (as seeded), ''edited'' (seeded, changed here) or ''added'' (entered here); maintained automatically';

-- guard holds a function signature as text, not regprocedure: a
-- regprocedure column in a table would make pg_upgrade refuse the database.
CREATE TABLE fms.workflow_transitions (
	machine pg_catalog.text NOT NULL,
	from_state pg_catalog.text NOT NULL,
	to_state pg_catalog.text NOT NULL,
	requires_reason pg_catalog.bool NOT NULL DEFAULT false,
	guard pg_catalog.text,
	description pg_catalog.text NOT NULL,
	origin pg_catalog.text NOT NULL DEFAULT 'added'
		CONSTRAINT origin_is_shipped_edited_or_added
		CHECK (origin OPERATOR(pg_catalog.=) ANY (ARRAY['shipped', 'edited', 'added'])),
	PRIMARY KEY (machine, from_state, to_state),
	CONSTRAINT from_state_is_defined FOREIGN KEY (machine, from_state)
		REFERENCES fms.workflow_states ON UPDATE CASCADE ON DELETE CASCADE,
	CONSTRAINT to_state_is_defined FOREIGN KEY (machine, to_state)
		REFERENCES fms.workflow_states ON UPDATE CASCADE ON DELETE CASCADE,
	CONSTRAINT edge_changes_state CHECK (from_state OPERATOR(pg_catalog.<>) to_state)
);
SELECT pg_catalog.pg_extension_config_dump('fms.workflow_transitions', $$WHERE origin OPERATOR(pg_catalog.<>) 'shipped'$$);
COMMENT ON TABLE fms.workflow_transitions IS 'allowed status changes of each workflow machine; read by fms.enforce_workflow(); user edits survive pg_dump';
COMMENT ON COLUMN fms.workflow_transitions.machine IS 'machine name';
COMMENT ON COLUMN fms.workflow_transitions.from_state IS 'state the row leaves';
COMMENT ON COLUMN fms.workflow_transitions.to_state IS 'state the row enters';
COMMENT ON COLUMN fms.workflow_transitions.requires_reason IS 'the change is refused unless fms.reason is set';
COMMENT ON COLUMN fms.workflow_transitions.guard IS 'signature of a function taking the new row and returning NULL (allowed) or text (why not), e.g. ''fms.guard_dates_in_order(anyelement)''';
COMMENT ON COLUMN fms.workflow_transitions.description IS 'what the change means, with its source and certainty';
COMMENT ON COLUMN fms.workflow_transitions.origin IS '''shipped'' (as seeded), ''edited'' (seeded, changed here) or ''added'' (entered here); maintained automatically';

-- The arguments of a trigger as text (pg_trigger.tgargs holds them as
-- NUL-terminated bytes in the server encoding).
CREATE FUNCTION fms.trigger_arguments(trigger_oid pg_catalog.oid) RETURNS pg_catalog.text[]
	LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	raw bytea;
	n int;
	args text[] := '{}';
	nul int;
BEGIN
	SELECT tg.tgargs, tg.tgnargs INTO raw, n FROM pg_catalog.pg_trigger AS tg WHERE tg.oid = trigger_oid;
	FOR i IN 1 .. coalesce(n, 0) LOOP
		nul := position(decode('00', 'hex') IN raw);
		args := args || convert_from(substring(raw FROM 1 FOR nul - 1), current_setting('server_encoding'));
		raw := substring(raw FROM nul + 1);
	END LOOP;
	RETURN args;
END
$$;
COMMENT ON FUNCTION fms.trigger_arguments(pg_catalog.oid) IS 'the arguments of a trigger, as text';

-- Checked at commit, so that a definition may pass through inconsistent
-- states within a transaction (e.g. replacing the initial state).
CREATE FUNCTION fms.check_workflow_definition() RETURNS trigger
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	m text := CASE WHEN TG_OP = 'DELETE' THEN OLD.machine ELSE NEW.machine END;
	problem text;
	bad record;
BEGIN
	-- A machine that has states has an initial one.
	IF EXISTS (SELECT FROM fms.workflow_states AS s WHERE s.machine = m)
	   AND NOT EXISTS (SELECT FROM fms.workflow_states AS s WHERE s.machine = m AND s.is_initial) THEN
		RAISE EXCEPTION 'workflow machine "%" has no initial state', m
			USING ERRCODE = 'invalid_object_definition',
				  HINT = 'Set is_initial on the state new rows start in.';
	END IF;
	-- No edge leaves a terminal state.
	SELECT t.from_state, t.to_state INTO bad
	  FROM fms.workflow_transitions AS t
	  JOIN fms.workflow_states AS s ON s.machine = t.machine AND s.state = t.from_state
	 WHERE t.machine = m AND s.is_terminal
	 ORDER BY 1, 2 LIMIT 1;
	IF FOUND THEN
		RAISE EXCEPTION 'workflow machine "%" has an edge from terminal state "%" to "%"', m, bad.from_state, bad.to_state
			USING ERRCODE = 'invalid_object_definition',
				  HINT = 'Delete the edge, or clear is_terminal on the state.';
	END IF;
	-- Tables governed by the machine still have what it needs.
	FOR bad IN SELECT tg.oid FROM pg_catalog.pg_trigger AS tg
	            WHERE tg.tgfoid = 'fms.enforce_workflow()'::regprocedure
	              AND (fms.trigger_arguments(tg.oid))[1] = m
	LOOP
		problem := fms.workflow_trigger_problem(bad.oid);
		IF problem IS NOT NULL THEN
			RAISE EXCEPTION 'workflow machine "%" no longer fits a table it governs', m
				USING ERRCODE = 'invalid_object_definition', DETAIL = problem,
					  HINT = 'Add the column to the table, or change the definition.';
		END IF;
	END LOOP;
	-- Guards exist, take one row and return text.
	FOR bad IN SELECT t.from_state, t.to_state, t.guard FROM fms.workflow_transitions AS t
	            WHERE t.machine = m AND t.guard IS NOT NULL ORDER BY 1, 2
	LOOP
		problem := fms.guard_problem(bad.guard);
		IF problem IS NOT NULL THEN
			RAISE EXCEPTION 'guard "%" of workflow machine "%", edge "%" to "%", is not usable', bad.guard, m, bad.from_state, bad.to_state
				USING ERRCODE = 'invalid_object_definition', DETAIL = problem,
					  HINT = 'A guard is a function taking the new row (anyelement or the table''s row type) and returning text: NULL to allow, a reason to refuse.';
		END IF;
	END LOOP;
	RETURN NULL;
END
$$;
COMMENT ON FUNCTION fms.check_workflow_definition() IS 'constraint trigger of the workflow tables: every machine has an initial state, no edge leaves a terminal state, every guard is usable';

-- Guard signatures are resolved with a fixed search_path, so they mean the
-- same function in every session: write them schema-qualified.
-- PARALLEL RESTRICTED: the EXCEPTION block starts a subtransaction.
CREATE FUNCTION fms.resolve_guard(guard pg_catalog.text) RETURNS pg_catalog.regprocedure
	LANGUAGE plpgsql STABLE STRICT PARALLEL RESTRICTED
	SET search_path = pg_catalog, pg_temp
	AS $$
BEGIN
	RETURN pg_catalog.to_regprocedure(guard);
EXCEPTION WHEN OTHERS THEN
	RETURN NULL;			-- e.g. an argument type that does not exist
END
$$;
COMMENT ON FUNCTION fms.resolve_guard(pg_catalog.text) IS 'the function a guard signature names, resolved with search_path pg_catalog, or NULL if there is none';

-- Why a guard signature is not usable, or NULL if it is.
CREATE FUNCTION fms.guard_problem(guard pg_catalog.text) RETURNS pg_catalog.text
	LANGUAGE plpgsql STABLE STRICT PARALLEL RESTRICTED
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	fn regprocedure := fms.resolve_guard(guard);
	p record;
BEGIN
	IF fn IS NULL THEN
		RETURN format('No function matches %s; write the signature schema-qualified, as in fms.guard_dates_in_order(anyelement) or public.my_guard(public.my_table).', guard);
	END IF;
	SELECT f.pronargs, f.prorettype, f.proargtypes[0] AS argtype, f.proretset INTO p
	  FROM pg_catalog.pg_proc AS f WHERE f.oid = fn;
	IF p.pronargs <> 1 OR p.proretset OR p.prorettype <> 'pg_catalog.text'::regtype
	   OR NOT (p.argtype = ANY (ARRAY['pg_catalog.anyelement'::regtype, 'pg_catalog.record'::regtype])
	           OR EXISTS (SELECT FROM pg_catalog.pg_type AS t WHERE t.oid = p.argtype AND t.typtype = 'c')) THEN
		RETURN format('%s must take one row argument and return text.', fn);
	END IF;
	RETURN NULL;
END
$$;
COMMENT ON FUNCTION fms.guard_problem(pg_catalog.text) IS 'why a guard signature cannot serve in fms.workflow_transitions, or NULL if it can';

CREATE CONSTRAINT TRIGGER check_definition AFTER INSERT OR UPDATE OR DELETE ON fms.workflow_states
	DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION fms.check_workflow_definition();
CREATE CONSTRAINT TRIGGER check_definition AFTER INSERT OR UPDATE OR DELETE ON fms.workflow_transitions
	DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION fms.check_workflow_definition();

CREATE TRIGGER invalidate_cache AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON fms.workflow_states
	FOR EACH STATEMENT EXECUTE FUNCTION fms.invalidate_cached_definitions();
ALTER TABLE fms.workflow_states ENABLE ALWAYS TRIGGER invalidate_cache;
CREATE TRIGGER invalidate_cache AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON fms.workflow_transitions
	FOR EACH STATEMENT EXECUTE FUNCTION fms.invalidate_cached_definitions();
ALTER TABLE fms.workflow_transitions ENABLE ALWAYS TRIGGER invalidate_cache;

CREATE FUNCTION fms.enforce_workflow() RETURNS trigger
	AS 'MODULE_PATHNAME', 'fms_enforce_workflow'
	LANGUAGE C;
COMMENT ON FUNCTION fms.enforce_workflow() IS 'BEFORE INSERT OR UPDATE row trigger; arguments: machine [, status column (default status)]. Allows only defined edges, stamps milestone dates, logs every change to fms.transition_log (rows of a case) or fms.row_transition_log (other rows); checks restored and replicated rows against the log';

CREATE FUNCTION fms.verify_workflow() RETURNS trigger
	AS 'MODULE_PATHNAME', 'fms_verify_workflow'
	LANGUAGE C;
COMMENT ON FUNCTION fms.verify_workflow() IS 'AFTER INSERT OR UPDATE row trigger every table under fms.enforce_workflow() needs; arguments: status column (default status), then keys_not_reused if a new row may not take a deleted row''s key (23505). Checks the row as finally written against its latest transition log entry';

-- What is wrong with a trigger that calls fms.enforce_workflow(), or NULL:
-- checked when such a trigger is created and when a definition changes, so
-- that mistakes surface when they are made, not at a user's next write.
CREATE FUNCTION fms.workflow_trigger_problem(trigger_oid pg_catalog.oid) RETURNS pg_catalog.text
	LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	t record;
	args text[];
	status_column text;
	col record;
	missing text;
	of_a_case boolean;
BEGIN
	SELECT tg.tgrelid::regclass AS tbl, tg.tgtype, tg.tgnargs,
	       fms.trigger_arguments(tg.oid) AS args
	  INTO t
	  FROM pg_catalog.pg_trigger AS tg WHERE tg.oid = trigger_oid;
	IF NOT FOUND THEN
		RETURN NULL;
	END IF;
	-- tgtype bits: 1 row, 2 before, 4 insert, 16 update.
	IF t.tgtype & 3 <> 3 OR t.tgtype & (8 | 32) <> 0 OR t.tgtype & (4 | 16) = 0 THEN
		RETURN format('A trigger calling fms.enforce_workflow() on %s must be BEFORE INSERT OR UPDATE ... FOR EACH ROW.', t.tbl);
	END IF;
	IF t.tgnargs NOT IN (1, 2) THEN
		RETURN format('A trigger calling fms.enforce_workflow() on %s must pass a machine name and optionally a status column.', t.tbl);
	END IF;
	-- The workflow writes the log with the log owner's rights (see
	-- workflow_trigger.c): only tables whose owner has them are governed.
	SELECT c.relpersistence = 't' AS is_temporary,
	       pg_catalog.pg_has_role(c.relowner, l.relowner, 'USAGE') AS owner_may_write_log,
	       c.relowner::regrole AS table_owner, l.relowner::regrole AS log_owner
	  INTO col
	  FROM pg_catalog.pg_class AS c, pg_catalog.pg_class AS l
	 WHERE c.oid = t.tbl AND l.oid = 'fms.transition_log'::regclass;
	IF col.is_temporary THEN
		RETURN format('%s is a temporary table; the transition log would keep its entries after it is gone.', t.tbl);
	END IF;
	IF NOT col.owner_may_write_log THEN
		RETURN format('The owner of %s, %s, may not write the transition logs (owned by %s); an administrator governs a table by giving it to %s.',
		              t.tbl, col.table_owner, col.log_owner, col.log_owner);
	END IF;
	args := t.args;
	IF NOT EXISTS (SELECT FROM fms.workflow_states AS s WHERE s.machine = args[1]) THEN
		RETURN format('Workflow machine "%s" (trigger on %s) has no states in fms.workflow_states.', args[1], t.tbl);
	END IF;
	status_column := coalesce(args[2], 'status');
	SELECT a.atttypid INTO col FROM pg_catalog.pg_attribute AS a
	 WHERE a.attrelid = t.tbl AND a.attname = status_column AND a.attnum > 0 AND NOT a.attisdropped;
	IF NOT FOUND OR col.atttypid <> 'pg_catalog.text'::regtype THEN
		RETURN format('%s has no text column "%s" for the status.', t.tbl, status_column);
	END IF;
	IF NOT EXISTS (SELECT FROM pg_catalog.pg_index AS i WHERE i.indrelid = t.tbl AND i.indisprimary) THEN
		RETURN format('%s has no primary key, by which the transition log identifies rows.', t.tbl);
	END IF;
	-- The rows of a case are logged by case (fms.transition_log), the others
	-- in fms.row_transition_log: a table whose rows have history in one log
	-- cannot turn into a table of the other (a case_id column added,
	-- dropped, renamed or retyped), or each row's history would be split.
	SELECT a.attnotnull AS case_id_not_null INTO col FROM pg_catalog.pg_attribute AS a
	 WHERE a.attrelid = t.tbl AND a.attname = 'case_id' AND a.atttypid = 'fms.case_id'::regtype AND NOT a.attisdropped;
	of_a_case := FOUND;
	IF of_a_case AND NOT col.case_id_not_null THEN
		RETURN format('%s has a case_id column that may be null; the rows of a case are logged in fms.transition_log by their case.', t.tbl);
	END IF;
	IF (of_a_case AND EXISTS (SELECT FROM fms.row_transition_log AS l WHERE l.table_name = t.tbl::text))
	   OR (NOT of_a_case AND EXISTS (SELECT FROM fms.transition_log AS l WHERE l.table_name = t.tbl::text)) THEN
		RETURN format('The history of the rows of %s is in %s, but with%s a case_id column of type fms.case_id their changes would go to %s; the table keeps the columns its history was written with.',
		              t.tbl, CASE WHEN of_a_case THEN 'fms.row_transition_log' ELSE 'fms.transition_log' END,
		              CASE WHEN of_a_case THEN '' ELSE 'out' END,
		              CASE WHEN of_a_case THEN 'fms.transition_log' ELSE 'fms.row_transition_log' END);
	END IF;
	-- The log files a row under its key's text, which must not depend on
	-- session settings (DateStyle, TimeZone, IntervalStyle, extra_float_digits, lc_monetary).
	SELECT string_agg(format('%I (%s)', a.attname, format_type(a.atttypid, NULL)), ', ') INTO missing
	  FROM pg_catalog.pg_index AS i
	  JOIN pg_catalog.pg_attribute AS a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey::int2[])
	 WHERE i.indrelid = t.tbl AND i.indisprimary
	   AND a.atttypid = ANY (ARRAY['pg_catalog.date', 'pg_catalog.time', 'pg_catalog.timetz', 'pg_catalog.timestamp',
	                               'pg_catalog.timestamptz', 'pg_catalog.interval', 'pg_catalog.float4',
	                               'pg_catalog.float8', 'pg_catalog.money']::regtype[]);
	IF missing IS NOT NULL THEN
		RETURN format('The primary key of %s has columns whose text depends on session settings: %s; the transition log files rows under that text.', t.tbl, missing);
	END IF;
	SELECT string_agg(format('"%s" (state "%s")', s.milestone_column, s.state), ', ' ORDER BY s.position) INTO missing
	  FROM fms.workflow_states AS s
	 WHERE s.machine = args[1] AND s.milestone_column IS NOT NULL
	   AND NOT EXISTS (SELECT FROM pg_catalog.pg_attribute AS a
	                    WHERE a.attrelid = t.tbl AND a.attname = s.milestone_column
	                      AND a.atttypid = 'pg_catalog.date'::regtype AND NOT a.attisdropped);
	IF missing IS NOT NULL THEN
		RETURN format('%s lacks the date columns that machine "%s" stamps: %s.', t.tbl, args[1], missing);
	END IF;
	RETURN NULL;
END
$$;
COMMENT ON FUNCTION fms.workflow_trigger_problem(pg_catalog.oid) IS 'what is wrong with a trigger calling fms.enforce_workflow() (timing, arguments, table owner, machine, status column, primary key, milestone columns), or NULL';

-- Checked after every DDL command, whatever its tag: a trigger can also
-- arrive inside CREATE SCHEMA, or be cloned onto a new or attached
-- partition, and a table can lose a column its machine stamps.  It runs as
-- its owner, so that a user's DDL is judged by the same diagnosis whatever
-- fms functions the user may execute; it only reads the catalogs.
CREATE FUNCTION fms.check_workflow_triggers() RETURNS event_trigger
	LANGUAGE plpgsql SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	trigger_oid oid;
	problem text;
BEGIN
	-- What Citus sends a node (the triggers of a new shard, which may not
	-- be in the node's catalog yet) was checked where the user issued it.
	IF pg_catalog.current_setting('application_name') LIKE 'citus\_internal gpid=%' THEN
		RETURN;
	END IF;
	FOR trigger_oid IN
		SELECT DISTINCT tg.oid
		  FROM pg_catalog.pg_event_trigger_ddl_commands() AS c
		  JOIN pg_catalog.pg_trigger AS tg
		    ON (c.classid = 'pg_catalog.pg_trigger'::regclass AND tg.oid = c.objid)
		    OR (c.classid = 'pg_catalog.pg_class'::regclass
		        AND (tg.tgrelid = c.objid
		             OR tg.tgrelid IN (SELECT t.relid FROM pg_catalog.pg_partition_tree(c.objid) AS t)))
		 WHERE tg.tgfoid = 'fms.enforce_workflow()'::regprocedure
		   -- Citus makes a distributed table's triggers on its shards: the
		   -- table itself was checked where it was made.
		   AND fms.distributed_table_of(tg.tgrelid) IS NULL
		 ORDER BY tg.oid
	LOOP
		problem := fms.workflow_trigger_problem(trigger_oid);
		IF problem IS NOT NULL THEN
			RAISE EXCEPTION 'trigger calling fms.enforce_workflow() is not usable'
				USING ERRCODE = 'invalid_object_definition', DETAIL = problem,
					  HINT = 'Define the machine in fms.workflow_states first, and give the table the columns it needs.';
		END IF;
	END LOOP;
END
$$;
COMMENT ON FUNCTION fms.check_workflow_triggers() IS 'event trigger: refuses DDL that leaves a trigger calling fms.enforce_workflow() unable to work';
CREATE EVENT TRIGGER fms_check_workflow_triggers ON ddl_command_end
	EXECUTE FUNCTION fms.check_workflow_triggers();
COMMENT ON EVENT TRIGGER fms_check_workflow_triggers IS 'checks every trigger that calls fms.enforce_workflow() on a table a DDL command created or changed';
-- also under session_replication_role = replica, where event triggers
-- enabled the default way stay quiet
ALTER EVENT TRIGGER fms_check_workflow_triggers ENABLE ALWAYS;

-- The logs file a governed table's rows under its schema-qualified name:
-- the table keeps it while they hold its rows' history (governed_names.c).
CREATE FUNCTION fms.keep_governed_names() RETURNS event_trigger
	AS 'MODULE_PATHNAME', 'fms_keep_governed_names'
	LANGUAGE C;
COMMENT ON FUNCTION fms.keep_governed_names() IS 'event trigger: refuses to rename a table governed by fms.enforce_workflow(), move it to another schema or rename its schema while the transition logs hold its rows'' history (SQLSTATE 55000)';
CREATE EVENT TRIGGER fms_keep_governed_names ON ddl_command_start
	WHEN TAG IN ('ALTER TABLE', 'ALTER SCHEMA')
	EXECUTE FUNCTION fms.keep_governed_names();
COMMENT ON EVENT TRIGGER fms_keep_governed_names IS 'keeps the names of governed tables whose rows have history in the transition logs';
-- also under session_replication_role = replica, where event triggers
-- enabled the default way stay quiet
ALTER EVENT TRIGGER fms_keep_governed_names ENABLE ALWAYS;
