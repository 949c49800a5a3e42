/* src/sql/reference_rows.sql -- keeping user edits of seeded rows across pg_dump */

-- The problem: when a dump is restored, CREATE EXTENSION seeds the shipped
-- rows again before the dumped rows are loaded.  Dumping every row would
-- collide with the fresh seed; dumping only the user's own rows would lose
-- the user's edits and deletions of shipped rows.
--
-- The answer: seeded tables dump their non-shipped rows (origin 'edited'
-- or 'added'), and deletions of shipped rows are remembered in
-- fms.deleted_shipped_rows, which is dumped whole.  On restore, triggers
-- put the dumped rows back over the fresh seed:
--   * an INSERT whose key matches an untouched shipped row updates that
--     row instead (it becomes 'edited');
--   * an INSERT into fms.deleted_shipped_rows deletes the row it names.
-- The same rules apply outside a restore, so there is one behaviour to
-- learn.  TRUNCATE is refused: it fires no row triggers, so the deletions
-- would be forgotten.
--
-- On a Citus cluster the seeded tables are reference tables, whose triggers
-- fire on each node's shard: each trigger writes the shards beside its own
-- (fms.colocated_shard), naming the table they belong to, so that every
-- node's copy changes alike.  A row inserted into a shard as shipped or
-- edited keeps that origin: Citus copies rows, origin and all, into shards
-- when it distributes a table or adds a node.  A new row comes as 'added',
-- the column's default, and is judged as on a single node.

CREATE TABLE fms.deleted_shipped_rows (
	table_name pg_catalog.regclass NOT NULL,
	row_key pg_catalog.jsonb NOT NULL,
	deleted_at pg_catalog.timestamptz NOT NULL DEFAULT pg_catalog.now(),
	PRIMARY KEY (table_name, row_key)
);
SELECT pg_catalog.pg_extension_config_dump('fms.deleted_shipped_rows', '');
COMMENT ON TABLE fms.deleted_shipped_rows IS 'shipped reference rows the user deleted, so that a restore deletes them again; maintained automatically';
COMMENT ON COLUMN fms.deleted_shipped_rows.table_name IS 'the seeded table the row was deleted from';
COMMENT ON COLUMN fms.deleted_shipped_rows.row_key IS 'the primary key of the deleted row, as a JSON object';
COMMENT ON COLUMN fms.deleted_shipped_rows.deleted_at IS 'when the row was deleted';

CREATE FUNCTION fms.primary_key_columns(pg_catalog.regclass) RETURNS pg_catalog.text[]
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
	AS $$
	SELECT pg_catalog.array_agg(a.attname::pg_catalog.text ORDER BY k.ord)
	  FROM pg_catalog.pg_index AS i
	 CROSS JOIN LATERAL pg_catalog.unnest(i.indkey::pg_catalog.int2[]) WITH ORDINALITY AS k(attnum, ord)
	  JOIN pg_catalog.pg_attribute AS a
	    ON a.attrelid OPERATOR(pg_catalog.=) i.indrelid
	   AND a.attnum OPERATOR(pg_catalog.=) k.attnum
	 WHERE i.indrelid OPERATOR(pg_catalog.=) $1
	   AND i.indisprimary
	$$;
COMMENT ON FUNCTION fms.primary_key_columns(pg_catalog.regclass) IS 'names of the primary key columns of a table, in key order';

-- The primary key of row (of table tbl) as a JSON object.
CREATE FUNCTION fms.row_key(tbl pg_catalog.regclass, row_data pg_catalog.jsonb) RETURNS pg_catalog.jsonb
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
	AS $$
	SELECT pg_catalog.jsonb_object_agg(e.key, e.value)
	  FROM pg_catalog.jsonb_each(row_data) AS e
	 WHERE e.key OPERATOR(pg_catalog.=) ANY (fms.primary_key_columns(tbl))
	$$;
COMMENT ON FUNCTION fms.row_key(pg_catalog.regclass, pg_catalog.jsonb) IS 'the primary key part of a row given as JSON';

-- SQL condition "the row's key equals the key in parameter $1 (jsonb)".
CREATE FUNCTION fms.row_key_condition(tbl pg_catalog.regclass) RETURNS pg_catalog.text
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
	AS $$
	SELECT pg_catalog.format('(%1$s) = (SELECT %1$s FROM pg_catalog.jsonb_populate_record(NULL::%2$s, $1))',
		pg_catalog.array_to_string(ARRAY(SELECT pg_catalog.quote_ident(c)
			FROM pg_catalog.unnest(fms.primary_key_columns(tbl)) AS c), ', '),
		tbl)
	$$;
COMMENT ON FUNCTION fms.row_key_condition(pg_catalog.regclass) IS 'SQL text comparing a table''s primary key with a JSON key given as $1';

CREATE FUNCTION fms.track_shipped_rows() RETURNS trigger
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	logical regclass := COALESCE(fms.distributed_table_of(TG_RELID), TG_RELID);
	old_key jsonb;
	new_key jsonb;
	cols text[];
	updated bigint;
BEGIN
	IF TG_OP = 'TRUNCATE' THEN
		RAISE EXCEPTION 'cannot truncate %', logical
			USING ERRCODE = 'feature_not_supported',
				  DETAIL = 'The table holds shipped reference rows, and TRUNCATE would not remember which ones were deleted, so a restore would bring them back.',
				  HINT = 'Use DELETE instead.';
	END IF;
	IF TG_OP = 'INSERT' AND logical <> TG_RELID AND NEW.origin <> 'added' THEN
		RETURN NEW;
	END IF;
	IF TG_OP IN ('UPDATE', 'DELETE') THEN
		old_key := fms.row_key(TG_RELID, to_jsonb(OLD));
	END IF;
	IF TG_OP IN ('INSERT', 'UPDATE') THEN
		new_key := fms.row_key(TG_RELID, to_jsonb(NEW));
	END IF;

	IF TG_WHEN = 'AFTER' THEN
		-- A shipped key went away (deleted, or renamed by an UPDATE).
		IF OLD.origin <> 'added' AND new_key IS DISTINCT FROM old_key THEN
			EXECUTE format('INSERT INTO %s (table_name, row_key) VALUES ($1, $2) ON CONFLICT DO NOTHING',
			               fms.colocated_shard('fms.deleted_shipped_rows', TG_RELID))
				USING logical, old_key;
		END IF;
		RETURN NULL;
	END IF;

	IF TG_OP = 'INSERT' THEN
		-- Over an untouched shipped row: update it instead (a restore).
		SELECT array_agg(a.attname::text ORDER BY a.attnum) INTO cols
		  FROM pg_attribute AS a
		 WHERE a.attrelid = TG_RELID AND a.attnum > 0 AND NOT a.attisdropped
		   AND a.attgenerated = '' AND a.attname <> 'origin';
		EXECUTE format('UPDATE %s AS t SET (%s) = (SELECT %s FROM (SELECT ($2).*) AS r) WHERE t.origin = ''shipped'' AND %s',
					   TG_RELID::regclass,
					   (SELECT string_agg(quote_ident(c), ', ') FROM unnest(cols) AS c),
					   (SELECT string_agg('r.' || quote_ident(c), ', ') FROM unnest(cols) AS c),
					   fms.row_key_condition(TG_RELID))
			USING new_key, NEW;
		GET DIAGNOSTICS updated = ROW_COUNT;
		IF updated > 0 THEN
			RETURN NULL;
		END IF;
	ELSIF new_key = old_key THEN
		NEW.origin := OLD.origin;
		IF OLD.origin <> 'added' AND NEW IS DISTINCT FROM OLD THEN
			NEW.origin := 'edited';
		END IF;
		RETURN NEW;
	END IF;

	-- A restore (a COPY) can bring a row whose period overlaps untouched
	-- shipped rows of the same thing: the source cannot have had both (its
	-- exclusion constraint saw to that), so those were deleted or re-dated
	-- there, and go here too, whether or not their remembered deletion has
	-- been restored yet.
	IF TG_OP = 'INSERT' AND 'valid_from' = ANY (cols) AND 'valid_to' = ANY (cols)
	   AND pg_catalog.current_query() ~* '^\s*copy\s' THEN
		EXECUTE format('DELETE FROM %s AS t WHERE t.origin = ''shipped''%s AND daterange(t.valid_from, t.valid_to) && daterange(($1).valid_from, ($1).valid_to)',
		               TG_RELID::regclass,
		               (SELECT string_agg(format(' AND t.%1$I = ($1).%1$I', k), '')
		                  FROM unnest(fms.primary_key_columns(TG_RELID)) AS k WHERE k <> 'valid_from'))
			USING NEW;
	END IF;

	-- A new key: a shipped row coming back after a deletion, or the user's own.
	EXECUTE format('DELETE FROM %s AS d WHERE d.table_name = $1 AND d.row_key = $2',
	               fms.colocated_shard('fms.deleted_shipped_rows', TG_RELID))
		USING logical, new_key;
	GET DIAGNOSTICS updated = ROW_COUNT;
	NEW.origin := CASE WHEN updated > 0 THEN 'edited' ELSE 'added' END;
	RETURN NEW;
END
$$;
COMMENT ON FUNCTION fms.track_shipped_rows() IS 'trigger of seeded reference tables: maintains origin, remembers deleted shipped rows, refuses TRUNCATE';

-- Deletions are applied once per statement, not row by row: a dump lists
-- them in the table's physical order, in which a group's deletion may come
-- before its members'.  Each pass deletes what it can; a row still
-- referenced waits for the next, after the rows referencing it are gone.
CREATE FUNCTION fms.apply_deleted_shipped_rows() RETURNS trigger
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	pending fms.deleted_shipped_rows[];
	waiting fms.deleted_shipped_rows[];
	entry fms.deleted_shipped_rows;
	last_error text;
BEGIN
	SELECT array_agg(a ORDER BY a.table_name, a.row_key) INTO pending FROM added AS a;
	WHILE cardinality(pending) > 0 LOOP
		waiting := '{}';
		FOREACH entry IN ARRAY pending LOOP
			BEGIN
				EXECUTE format('DELETE FROM %s WHERE %s', fms.colocated_shard(entry.table_name, TG_RELID),
				               fms.row_key_condition(entry.table_name))
					USING entry.row_key;
			EXCEPTION WHEN foreign_key_violation THEN
				waiting := waiting || entry;
				last_error := SQLERRM;
			END;
		END LOOP;
		IF cardinality(waiting) = cardinality(pending) THEN
			RAISE EXCEPTION 'cannot delete the shipped rows named in fms.deleted_shipped_rows: %', last_error
				USING ERRCODE = 'foreign_key_violation',
					  DETAIL = format('Still referenced: %s.', (SELECT string_agg(format('%s %s', w.table_name, w.row_key), ', ') FROM unnest(waiting) AS w)),
					  HINT = 'Delete the rows that reference them first.';
		END IF;
		pending := waiting;
	END LOOP;
	RETURN NULL;
END
$$;
COMMENT ON FUNCTION fms.apply_deleted_shipped_rows() IS 'statement trigger of fms.deleted_shipped_rows: deletes the rows the new entries name, referencing rows before the rows they reference, in whatever order the entries came';

-- A deletion already remembered (a restore may have replayed it while
-- loading the table it names) is not remembered twice.
CREATE FUNCTION fms.skip_remembered_deletions() RETURNS trigger
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	remembered bool;
BEGIN
	-- this table's own shard, on a Citus cluster
	EXECUTE format('SELECT EXISTS (SELECT FROM %s AS d WHERE d.table_name = $1 AND d.row_key = $2)', TG_RELID::regclass)
		INTO remembered USING NEW.table_name, NEW.row_key;
	IF remembered THEN
		RETURN NULL;
	END IF;
	RETURN NEW;
END
$$;
COMMENT ON FUNCTION fms.skip_remembered_deletions() IS 'trigger of fms.deleted_shipped_rows: an entry already present is skipped, not refused';
CREATE TRIGGER skip_remembered_deletions BEFORE INSERT ON fms.deleted_shipped_rows
	FOR EACH ROW EXECUTE FUNCTION fms.skip_remembered_deletions();

CREATE TRIGGER apply_deletions AFTER INSERT ON fms.deleted_shipped_rows
	REFERENCING NEW TABLE AS added
	FOR EACH STATEMENT EXECUTE FUNCTION fms.apply_deleted_shipped_rows();
