/* src/sql/export_findings.sql -- export findings for a sale or a stored case */

-- What a compliance officer must know about a sale on a date: deny
-- (126.1(d)(1) destination), review (126.1 destination with exceptions,
-- MTCR Category I), notify (AECA section 36 thresholds reached), info.
CREATE FUNCTION fms.export_findings(country_code pg_catalog.text, program pg_catalog.text,
		total_usd pg_catalog.numeric, mde_usd pg_catalog.numeric, design_construction_usd pg_catalog.numeric,
		usml fms.usml[], mtcr_category pg_catalog.int4, on_date pg_catalog.date)
	RETURNS TABLE (severity pg_catalog.text, rule_code pg_catalog.text, message pg_catalog.text, citation pg_catalog.text)
	LANGUAGE plpgsql STABLE PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	day text := to_char(on_date, 'YYYY-MM-DD');
	member record;
	need record := fms.notification_requirement(country_code, program, total_usd, mde_usd, design_construction_usd, usml, on_date);
	code text;
BEGIN
	FOR member IN SELECT m.group_code, m.source FROM fms.country_group_members AS m
	               WHERE m.country_code = export_findings.country_code
	                 AND m.group_code = ANY (ARRAY['ITAR_126_1_DENIAL', 'ITAR_126_1_EXCEPTIONS'])
	                 AND m.valid_from <= on_date AND (m.valid_to IS NULL OR m.valid_to > on_date)
	               ORDER BY m.group_code
	LOOP
		IF member.group_code = 'ITAR_126_1_DENIAL' THEN
			RETURN QUERY SELECT 'deny', 'ITAR_126_1_DENIAL',
				format('%s is a proscribed destination on %s: defense articles and services are denied (policy of denial, no exceptions). %s', country_code, day, member.source),
				'22 CFR 126.1(d)(1)';
		ELSE
			RETURN QUERY SELECT 'review', 'ITAR_126_1_EXCEPTIONS',
				format('%s is a proscribed destination on %s with country-specific exceptions: denial unless the sale fits an exception, to be reviewed case by case. %s', country_code, day, member.source),
				'22 CFR 126.1(d)(2), (p)';
		END IF;
	END LOOP;
	IF mtcr_category = 1 THEN
		RETURN QUERY SELECT 'review', 'MTCR_CATEGORY_I',
			'MTCR Category I items (rocket or UAV systems carrying 500 kg or more to 300 km or more, their major subsystems, production facilities): a strong presumption to deny, whatever the purpose; production facilities are not transferred.',
			'MTCR Guidelines; BIS FAQ 240; CRS IF11069';
	ELSIF mtcr_category = 2 THEN
		RETURN QUERY SELECT 'info', 'MTCR_CATEGORY_II', 'MTCR Category II items: reviewed case by case.', 'MTCR Guidelines';
	END IF;
	IF need.required THEN
		FOREACH code IN ARRAY need.rule_codes LOOP
			RETURN QUERY SELECT 'notify', code,
				format('Congress must be notified under AECA %s before the offer (rule %s, thresholds in force on %s); the formal review lasts %s days%s, and the offer can follow on the day the review ends.',
				       need.section, code, day, need.review_days,
				       CASE WHEN need.informal_review_days IS NOT NULL THEN format(', after an informal review of %s days', need.informal_review_days) ELSE '' END),
				CASE WHEN need.section = '36(b)(1)' THEN 'AECA 36(b)(1), 22 U.S.C. 2776(b)' ELSE 'AECA 36(c), 22 CFR 123.15' END;
		END LOOP;
	ELSE
		RETURN QUERY SELECT 'info', 'NO_NOTIFICATION',
			format('The sale stays below every AECA section 36 threshold in force on %s for %s.', day, country_code),
			'AECA 36(b)(1), 36(c)';
	END IF;
END
$$;
COMMENT ON FUNCTION fms.export_findings(pg_catalog.text, pg_catalog.text, pg_catalog.numeric, pg_catalog.numeric, pg_catalog.numeric, fms.usml[], pg_catalog.int4, pg_catalog.date) IS 'export findings for a sale on a date: deny, review, notify and info, each with its rule, message and citation; STABLE because it reads the rule tables';

-- The same for a stored case: its customer's country (an organization is
-- judged like a member country of its group), values, USML and MTCR category.
CREATE FUNCTION fms.case_findings(case_id fms.case_id, on_date pg_catalog.date DEFAULT fms.today())
	RETURNS TABLE (severity pg_catalog.text, rule_code pg_catalog.text, message pg_catalog.text, citation pg_catalog.text)
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
	AS $$
	SELECT f.*
	  FROM fms.cases AS c
	  JOIN fms.customers AS cu ON cu.customer_code OPERATOR(pg_catalog.=) c.customer_code
	 CROSS JOIN LATERAL (SELECT COALESCE(cu.country_code,
	                                     (SELECT pg_catalog.min(m.country_code) FROM fms.country_group_members AS m
	                                       WHERE m.group_code OPERATOR(pg_catalog.=) cu.country_group
	                                         AND m.valid_from OPERATOR(pg_catalog.<=) $2
	                                         AND (m.valid_to IS NULL OR m.valid_to OPERATOR(pg_catalog.>) $2))) AS country) AS d
	 CROSS JOIN LATERAL fms.export_findings(d.country, 'FMS', c.total_value_usd, c.mde_value_usd,
	                                        c.design_construction_usd, c.usml, c.mtcr_category, $2) AS f
	 WHERE c.case_id OPERATOR(fms.=) $1 AND d.country IS NOT NULL
	$$;
COMMENT ON FUNCTION fms.case_findings(fms.case_id, pg_catalog.date) IS 'export findings of a stored case on a date (an organization customer is judged like a member country of its group)';
