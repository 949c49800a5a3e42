/* src/sql/cache_invalidation.sql -- telling every session to reload what it caches */

-- Every backend caches what some tables hold (workflow definitions, the
-- calendar, the notification rules and country groups); a statement
-- trigger on each tells them all to reload after a change, also one applied
-- under session_replication_role = replica (a logical replication
-- subscriber): the triggers are ENABLE ALWAYS.
CREATE FUNCTION fms.invalidate_cached_definitions() RETURNS trigger
	AS 'MODULE_PATHNAME', 'fms_invalidate_cached_definitions'
	LANGUAGE C;
COMMENT ON FUNCTION fms.invalidate_cached_definitions() IS 'statement trigger of the tables fms caches per session (workflow definitions, holiday rules, closures, notification rules, country groups, countries): makes every session reload them';
