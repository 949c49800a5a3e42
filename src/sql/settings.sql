/* src/sql/settings.sql -- the dates the fms.* settings give (see src/settings.c) */

-- "Today" for reports and the default date of status changes, which tests
-- and what-if reports pin with the setting fms.as_of_date.
CREATE FUNCTION fms.today() RETURNS pg_catalog.date
	AS 'MODULE_PATHNAME', 'fms_today'
	LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION fms.today() IS 'the date the reports count as today: the setting fms.as_of_date (YYYY-MM-DD) if set, else the current date';

