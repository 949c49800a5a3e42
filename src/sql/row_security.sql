/* src/sql/row_security.sql -- partners see their own cases, industry its own licences */

-- A partner role (a member of fms_partner, see fms.create_roles()) sees the
-- cases of the customers granted to it, and everything hung on them: their
-- changes, lines, deliveries, flows, money, notifications, restatements, log
-- entries, and so every view and function built on them.  An industry role
-- (a member of fms_industry) sees the licences of the applicants granted to
-- it.  Every other role sees every row its privileges let it read.  The
-- policies are on the tables and the views run as their invoker, so no way
-- around them leads through a view or a function; the policies' own tests
-- answer once per query, before any condition of the user's.
CREATE TABLE fms.customer_access (
	role_name pg_catalog.text NOT NULL,
	customer_code pg_catalog.text NOT NULL REFERENCES fms.customers ON UPDATE CASCADE ON DELETE CASCADE,
	PRIMARY KEY (role_name, customer_code)
);
SELECT pg_catalog.pg_extension_config_dump('fms.customer_access', '');
COMMENT ON TABLE fms.customer_access IS 'the customers whose cases a partner role sees (fms.grant_customer_access)';
COMMENT ON COLUMN fms.customer_access.role_name IS 'a role that is a member of fms_partner (by name, so that a dump restores on another cluster)';
COMMENT ON COLUMN fms.customer_access.customer_code IS 'a customer whose cases, and all hung on them, the role sees';

CREATE TABLE fms.licence_access (
	role_name pg_catalog.text NOT NULL,
	applicant pg_catalog.text NOT NULL,
	PRIMARY KEY (role_name, applicant)
);
SELECT pg_catalog.pg_extension_config_dump('fms.licence_access', '');
COMMENT ON TABLE fms.licence_access IS 'the applicants whose DCS licences an industry role sees (fms.grant_licence_access)';
COMMENT ON COLUMN fms.licence_access.role_name IS 'a role that is a member of fms_industry (by name)';
COMMENT ON COLUMN fms.licence_access.applicant IS 'an applicant whose licences, and their notifications and log entries, the role sees';

-- Whether the login is restricted: a member of fms_partner or fms_industry
-- (roles that need not exist) that is not a superuser, who is a member of
-- every role.  A restricted login stays restricted whatever role it sets
-- (it may set fms_reader, which fms_partner is a member of, or a role of
-- its own that is not restricted).  Whether the current role is: a member
-- of either, or set by a restricted login.  Then the customers and
-- applicants granted to the current role and the roles it is a member of.
-- The policies below call these at every row (Citus refuses sub-selects in
-- the policies of a distributed table): each answers from what its first
-- call in a query found (src/row_security.c); the tests of one value,
-- fms.customer_granted() and fms.applicant_granted(), look it up where
-- "= ANY (array)" would take the array apart at every row.
CREATE FUNCTION fms.restricted_login() RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'fms_restricted_login'
	LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION fms.restricted_login() IS 'whether the session''s login is a member of fms_partner or fms_industry and not a superuser: such a login sees only the rows granted to the role it is, whatever role it sets';
CREATE FUNCTION fms.restricted_role() RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'fms_restricted_role'
	LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION fms.restricted_role() IS 'whether the current role is a member of fms_partner or fms_industry, or was set by a login that is (fms.restricted_login()), and so sees only the rows granted to it';
CREATE FUNCTION fms.visible_customers() RETURNS pg_catalog.text[]
	AS 'MODULE_PATHNAME', 'fms_visible_customers'
	LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION fms.visible_customers() IS 'the customers granted to the current role and the roles it is a member of';
CREATE FUNCTION fms.visible_applicants() RETURNS pg_catalog.text[]
	AS 'MODULE_PATHNAME', 'fms_visible_applicants'
	LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION fms.visible_applicants() IS 'the licence applicants granted to the current role and the roles it is a member of';
CREATE FUNCTION fms.customer_granted(customer_code pg_catalog.text) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'fms_customer_granted'
	LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION fms.customer_granted(pg_catalog.text) IS 'whether a customer is granted to the current role or a role it is a member of (one of fms.visible_customers())';
CREATE FUNCTION fms.applicant_granted(applicant pg_catalog.text) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'fms_applicant_granted'
	LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION fms.applicant_granted(pg_catalog.text) IS 'whether a licence applicant is granted to the current role or a role it is a member of (one of fms.visible_applicants())';

-- Granting and revoking: the role must be a partner (industry) role, or it
-- would see every row whatever it was granted.
CREATE FUNCTION fms.grant_customer_access(role_name pg_catalog.text, customer_code pg_catalog.text) RETURNS void
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
	AS $$
BEGIN
	PERFORM fms.check_restricted_role(role_name, 'fms_partner');
	INSERT INTO fms.customer_access (role_name, customer_code) VALUES (role_name, customer_code) ON CONFLICT DO NOTHING;
END
$$;
COMMENT ON FUNCTION fms.grant_customer_access(pg_catalog.text, pg_catalog.text) IS 'lets a partner role (a member of fms_partner) see one customer''s cases and all hung on them';
CREATE FUNCTION fms.revoke_customer_access(role_name pg_catalog.text, customer_code pg_catalog.text) RETURNS pg_catalog.bool
	LANGUAGE sql
	SET search_path = pg_catalog, pg_temp
	AS $$
	WITH gone AS (DELETE FROM fms.customer_access AS a
	               WHERE a.role_name OPERATOR(pg_catalog.=) $1 AND a.customer_code OPERATOR(pg_catalog.=) $2 RETURNING 1)
	SELECT EXISTS (SELECT FROM gone)
	$$;
COMMENT ON FUNCTION fms.revoke_customer_access(pg_catalog.text, pg_catalog.text) IS 'takes a customer from a partner role; returns whether it had been granted';
CREATE FUNCTION fms.grant_licence_access(role_name pg_catalog.text, applicant pg_catalog.text) RETURNS void
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
	AS $$
BEGIN
	PERFORM fms.check_restricted_role(role_name, 'fms_industry');
	INSERT INTO fms.licence_access (role_name, applicant) VALUES (role_name, applicant) ON CONFLICT DO NOTHING;
END
$$;
COMMENT ON FUNCTION fms.grant_licence_access(pg_catalog.text, pg_catalog.text) IS 'lets an industry role (a member of fms_industry) see one applicant''s licences, their notifications and log entries';
CREATE FUNCTION fms.revoke_licence_access(role_name pg_catalog.text, applicant pg_catalog.text) RETURNS pg_catalog.bool
	LANGUAGE sql
	SET search_path = pg_catalog, pg_temp
	AS $$
	WITH gone AS (DELETE FROM fms.licence_access AS a
	               WHERE a.role_name OPERATOR(pg_catalog.=) $1 AND a.applicant OPERATOR(pg_catalog.=) $2 RETURNING 1)
	SELECT EXISTS (SELECT FROM gone)
	$$;
COMMENT ON FUNCTION fms.revoke_licence_access(pg_catalog.text, pg_catalog.text) IS 'takes an applicant from an industry role; returns whether it had been granted';

CREATE FUNCTION fms.check_restricted_role(role_name pg_catalog.text, restricted_by pg_catalog.text) RETURNS void
	LANGUAGE plpgsql STABLE PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	role_oid oid := (SELECT r.oid FROM pg_catalog.pg_roles AS r WHERE r.rolname OPERATOR(pg_catalog.=) role_name);
BEGIN
	IF role_oid IS NULL THEN
		RAISE EXCEPTION 'role "%" does not exist', left(role_name, 64)
			USING ERRCODE = 'undefined_object', HINT = 'Create the role first (CREATE ROLE ... LOGIN).';
	END IF;
	IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles AS r WHERE r.rolname OPERATOR(pg_catalog.=) restricted_by)
	   OR NOT EXISTS (SELECT FROM pg_catalog.pg_auth_members AS m JOIN pg_catalog.pg_roles AS r ON r.oid OPERATOR(pg_catalog.=) m.roleid
	                   WHERE m.member OPERATOR(pg_catalog.=) role_oid AND r.rolname OPERATOR(pg_catalog.=) restricted_by) THEN
		RAISE EXCEPTION 'role "%" is not a member of %', left(role_name, 64), restricted_by
			USING ERRCODE = 'invalid_grant_operation',
			      DETAIL = 'Only members of ' || restricted_by || ' see just the rows granted to them; any other role sees every row its privileges allow.',
			      HINT = format('Run SELECT fms.create_roles(); then GRANT %s TO %I; first.', restricted_by, role_name);
	END IF;
END
$$;
COMMENT ON FUNCTION fms.check_restricted_role(pg_catalog.text, pg_catalog.text) IS 'refuses a grant of rows to a role that is not a direct member of fms_partner (fms_industry), which would see every row anyway';

-- The policies.  A restricted role sees a row when its customer (or its
-- licence's applicant) is granted to it; every other role sees every row.
-- The tests are calls, not sub-selects, except where the row's licence
-- decides (a licence's notifications and log entries).
DO $$
DECLARE
	protected record;
BEGIN
	FOR protected IN
		SELECT t.name::regclass AS tbl, t.visible
		  FROM (VALUES
			('fms.customers', 'fms.customer_granted(customer_code)'),
			('fms.cases', 'fms.customer_granted(customer_code)'),
			('fms.case_changes', 'fms.customer_granted(fms.customer_code(case_id))'),
			('fms.case_lines', 'fms.customer_granted(fms.customer_code(case_id))'),
			('fms.deliveries', 'fms.customer_granted(fms.customer_code(case_id))'),
			('fms.case_flows', 'fms.customer_granted(customer_code)'),
			('fms.case_balances', 'fms.customer_granted(fms.customer_code(case_id))'),
			-- the licences' sums are over every applicant: a restricted role
			-- reads its licences' demand from the licences themselves
			('fms.demand_quarters', 'program OPERATOR(pg_catalog.=) ''FMS'' '
			                        'AND fms.customer_granted(partner)'),
			('fms.line_closeouts', 'fms.customer_granted(fms.customer_code(case_id))'),
			('fms.payment_schedule', 'fms.customer_granted(fms.customer_code(case_id))'),
			('fms.collections', 'fms.customer_granted(fms.customer_code(case_id))'),
			('fms.offer_restatements', 'fms.customer_granted(fms.customer_code(case_id))'),
			('fms.dcs_licenses', 'fms.applicant_granted(applicant)'),
			('fms.congressional_notifications',
			 'fms.customer_granted(fms.customer_code(case_id)) '
			 'OR license_no OPERATOR(pg_catalog.=) ANY (ARRAY(SELECT l.license_no FROM fms.dcs_licenses AS l))'),
			('fms.transition_log', 'fms.customer_granted(fms.customer_code(case_id))'),
			('fms.row_transition_log',
			 'table_name OPERATOR(pg_catalog.=) ''fms.dcs_licenses'' '
			 'AND row_key OPERATOR(pg_catalog.=) ANY (ARRAY(SELECT l.license_no FROM fms.dcs_licenses AS l))'),
			-- a role named in a grant may since have been dropped
			('fms.customer_access', 'pg_catalog.pg_has_role(CURRENT_USER, '
			                        'pg_catalog.to_regrole(pg_catalog.quote_ident(role_name))::pg_catalog.oid, ''MEMBER'')'),
			('fms.licence_access', 'pg_catalog.pg_has_role(CURRENT_USER, '
			                       'pg_catalog.to_regrole(pg_catalog.quote_ident(role_name))::pg_catalog.oid, ''MEMBER'')'))
		       AS t(name, visible)
	LOOP
		EXECUTE pg_catalog.format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', protected.tbl);
		EXECUTE pg_catalog.format('CREATE POLICY granted_rows ON %s USING (NOT fms.restricted_role() OR %s)',
		                          protected.tbl, protected.visible);
		EXECUTE pg_catalog.format('COMMENT ON POLICY granted_rows ON %s IS %L', protected.tbl,
		                          'members of fms_partner and fms_industry see only the rows granted to them (fms.grant_customer_access, fms.grant_licence_access); other roles see all');
	END LOOP;
END
$$;
