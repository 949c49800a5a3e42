--
-- Install the extension as a user would, and the helpers the other tests use.
--
CREATE EXTENSION fms CASCADE;
SELECT extname, extversion, extnamespace::regnamespace, extrelocatable
  FROM pg_extension WHERE extname = 'fms';

-- What the README asks users to do, so that operators on fms types resolve.
DO $$
BEGIN
	EXECUTE format('ALTER DATABASE %I SET search_path = public, fms', current_database());
END
$$;
-- Tests never depend on the day they run: the reports' today is pinned.
DO $$
BEGIN
	EXECUTE format('ALTER DATABASE %I SET fms.as_of_date = %L', current_database(), '2026-11-30');
END
$$;

-- error_of(sql): run sql and show the error it raises, if any, with its
-- SQLSTATE, message, detail and hint (psql prints the SQLSTATE only with
-- version-dependent LOCATION lines).
CREATE FUNCTION public.error_of(sql text,
	OUT state text, OUT message text, OUT detail text, OUT hint text)
LANGUAGE plpgsql AS $$
BEGIN
	EXECUTE sql;
EXCEPTION WHEN OTHERS THEN
	GET STACKED DIAGNOSTICS state = RETURNED_SQLSTATE, message = MESSAGE_TEXT,
		detail = PG_EXCEPTION_DETAIL, hint = PG_EXCEPTION_HINT;
END
$$;

-- explain_lines(sql): the lines of sql's plan, for tests that look for one
-- node without depending on how each server version prints the rest.
CREATE FUNCTION public.explain_lines(sql text) RETURNS SETOF text
LANGUAGE plpgsql AS $$
DECLARE
	line text;
BEGIN
	FOR line IN EXECUTE 'EXPLAIN (COSTS OFF) ' || sql LOOP
		RETURN NEXT line;
	END LOOP;
END
$$;
