/* src/sql/customers.sql -- Security Cooperation customers and their country groups */

CREATE TABLE fms.customers (
	customer_code pg_catalog.text PRIMARY KEY
		CONSTRAINT customer_code_is_2_uppercase_letters_or_digits
		CHECK (customer_code OPERATOR(pg_catalog.~) '^[A-Z0-9]{2}$'),
	name pg_catalog.text NOT NULL,
	kind pg_catalog.text NOT NULL
		CONSTRAINT kind_is_country_organization_or_program
		CHECK (kind OPERATOR(pg_catalog.=) ANY (ARRAY['country', 'organization', 'program'])),
	country_code pg_catalog.text REFERENCES fms.countries,
	-- Customers that are not countries (NATO itself, say) carry their group.
	country_group pg_catalog.text REFERENCES fms.country_groups ON UPDATE CASCADE,
	CONSTRAINT country_code_given_exactly_for_countries
		CHECK ((kind OPERATOR(pg_catalog.=) 'country') OPERATOR(pg_catalog.=) (country_code IS NOT NULL)),
	CONSTRAINT country_group_only_for_non_countries
		CHECK (country_group IS NULL OR kind OPERATOR(pg_catalog.<>) 'country'),
	accp_participant pg_catalog.bool NOT NULL DEFAULT false
);
SELECT pg_catalog.pg_extension_config_dump('fms.customers', '');
COMMENT ON TABLE fms.customers IS 'Security Cooperation customers (SAMM Table C4.T2 codes, which are not ISO codes); shipped empty, load your own';
COMMENT ON COLUMN fms.customers.customer_code IS '2-character Security Cooperation customer code, the first part of a case identifier';
COMMENT ON COLUMN fms.customers.name IS 'name of the country, organization or program';
COMMENT ON COLUMN fms.customers.kind IS '''country'', ''organization'' or ''program''';
COMMENT ON COLUMN fms.customers.country_code IS 'ISO 3166-1 alpha-2 code of a country customer; NULL for organizations and programs';
COMMENT ON COLUMN fms.customers.accp_participant IS 'takes part in the Accelerated Case Closure Procedures (mandatory for customers funded by FMF, DSCA Policy 20-45): its cases pass through interim closure';
COMMENT ON COLUMN fms.customers.country_group IS 'for organizations and programs: the country group the export rules treat them as (e.g. NATO_PLUS for NATO); countries take theirs from fms.country_group_members';

-- The groups a customer belongs to on a date: a country customer those of
-- its country, an organization or program its own.
CREATE FUNCTION fms.country_groups_of(customer_code pg_catalog.text, on_date pg_catalog.date) RETURNS pg_catalog.text[]
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
	AS $$
	SELECT COALESCE(pg_catalog.array_agg(g.group_code ORDER BY g.group_code), '{}')
	  FROM (SELECT m.group_code
	          FROM fms.customers AS c
	          JOIN fms.country_group_members AS m ON m.country_code OPERATOR(pg_catalog.=) c.country_code
	         WHERE c.customer_code OPERATOR(pg_catalog.=) $1
	           AND m.valid_from OPERATOR(pg_catalog.<=) $2
	           AND (m.valid_to IS NULL OR m.valid_to OPERATOR(pg_catalog.>) $2)
	        UNION
	        SELECT c.country_group FROM fms.customers AS c
	         WHERE c.customer_code OPERATOR(pg_catalog.=) $1 AND c.country_group IS NOT NULL) AS g
	$$;
COMMENT ON FUNCTION fms.country_groups_of(pg_catalog.text, pg_catalog.date) IS 'country groups of a customer on a date (its country''s memberships, or an organization''s own group); STABLE because it reads the group tables';

-- The country the export rules judge a customer's sales by on a date: a
-- country customer's own; for an organization or program, the most
-- restricted member country of its group that day (one under a 126.1
-- policy of denial, else one in the (d)(2) table, else one outside NATO+,
-- then by code), so that a group is never judged more leniently than its
-- strictest member; NULL if neither is known.
CREATE FUNCTION fms.destination_country(customer_code pg_catalog.text, on_date pg_catalog.date) RETURNS pg_catalog.text
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
	AS $$
	SELECT COALESCE(c.country_code,
	                (SELECT m.country_code FROM fms.country_group_members AS m
	                  CROSS JOIN LATERAL (SELECT pg_catalog.array_agg(o.group_code) AS groups
	                                        FROM fms.country_group_members AS o
	                                       WHERE o.country_code OPERATOR(pg_catalog.=) m.country_code
	                                         AND o.valid_from OPERATOR(pg_catalog.<=) $2
	                                         AND (o.valid_to IS NULL OR o.valid_to OPERATOR(pg_catalog.>) $2)) AS g
	                  WHERE m.group_code OPERATOR(pg_catalog.=) c.country_group
	                    AND m.valid_from OPERATOR(pg_catalog.<=) $2
	                    AND (m.valid_to IS NULL OR m.valid_to OPERATOR(pg_catalog.>) $2)
	                  ORDER BY 'ITAR_126_1_DENIAL' OPERATOR(pg_catalog.=) ANY (g.groups) DESC,
	                           'ITAR_126_1_EXCEPTIONS' OPERATOR(pg_catalog.=) ANY (g.groups) DESC,
	                           'NATO_PLUS' OPERATOR(pg_catalog.=) ANY (g.groups),
	                           m.country_code
	                  LIMIT 1))
	  FROM fms.customers AS c
	 WHERE c.customer_code OPERATOR(pg_catalog.=) $1
	$$;
COMMENT ON FUNCTION fms.destination_country(pg_catalog.text, pg_catalog.date) IS 'the country a customer''s sales are judged by on a date: its own, or for an organization the most restricted member country of its group (126.1(d)(1), then (d)(2), then outside NATO+); STABLE because it reads the customer and group tables';
