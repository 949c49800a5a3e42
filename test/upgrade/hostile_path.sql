-- A schema of another user's, first on the path of whoever runs ALTER
-- EXTENSION fms UPDATE, with look-alikes of what the update scripts call:
-- any of them called fails the update (test/upgrade.sh).
CREATE ROLE regress_hostile_updater;
CREATE SCHEMA hostile AUTHORIZATION regress_hostile_updater;
SET ROLE regress_hostile_updater;
CREATE FUNCTION hostile.trap_text(text, text) RETURNS boolean
	LANGUAGE plpgsql AS $$BEGIN RAISE EXCEPTION 'hostile text operator called'; END$$;
CREATE OPERATOR hostile.= (LEFTARG = text, RIGHTARG = text, FUNCTION = hostile.trap_text);
CREATE OPERATOR hostile.<> (LEFTARG = text, RIGHTARG = text, FUNCTION = hostile.trap_text);
CREATE FUNCTION hostile.trap_int8(bigint, bigint) RETURNS boolean
	LANGUAGE plpgsql AS $$BEGIN RAISE EXCEPTION 'hostile bigint operator called'; END$$;
CREATE OPERATOR hostile.= (LEFTARG = bigint, RIGHTARG = bigint, FUNCTION = hostile.trap_int8);
CREATE FUNCTION hostile.trap_concat(text, text) RETURNS text
	LANGUAGE plpgsql AS $$BEGIN RAISE EXCEPTION 'hostile || called'; END$$;
CREATE OPERATOR hostile.|| (LEFTARG = text, RIGHTARG = text, FUNCTION = hostile.trap_concat);
CREATE FUNCTION hostile.format(text, VARIADIC text[]) RETURNS text
	LANGUAGE plpgsql AS $$BEGIN RAISE EXCEPTION 'hostile format called'; END$$;
CREATE FUNCTION hostile.lag(anyelement) RETURNS anyelement
	LANGUAGE plpgsql AS $$BEGIN RAISE EXCEPTION 'hostile lag called'; END$$;
CREATE FUNCTION hostile.pg_extension_config_dump(regclass, text) RETURNS void
	LANGUAGE plpgsql AS $$BEGIN RAISE EXCEPTION 'hostile pg_extension_config_dump called'; END$$;
CREATE FUNCTION hostile.set_config(text, text, boolean) RETURNS text
	LANGUAGE plpgsql AS $$BEGIN RAISE EXCEPTION 'hostile set_config called'; END$$;
RESET ROLE;
