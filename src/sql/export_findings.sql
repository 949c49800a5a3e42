/* src/sql/export_findings.sql -- export findings for a sale or a stored case */

-- What a compliance officer must know about a sale on a date: deny
-- (126.1(d)(1) destination, or a (d)(2) destination no recorded exception
-- covers), review (a (d)(2) destination under an exception, MTCR
-- Category I), notify (AECA section 36 thresholds reached), info.  The
-- program is as for fms.notification_requirement.
CREATE FUNCTION fms.export_findings(country_code pg_catalog.text, program pg_catalog.text,
		total_usd pg_catalog.numeric, mde_usd pg_catalog.numeric, design_construction_usd pg_catalog.numeric,
		usml fms.usml[], mtcr_category pg_catalog.int4, on_date pg_catalog.date)
	RETURNS TABLE (severity pg_catalog.text, rule_code pg_catalog.text, message pg_catalog.text, citation pg_catalog.text)
	LANGUAGE plpgsql STABLE PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	day text := CASE WHEN isfinite(on_date) THEN to_char(on_date, 'YYYY-MM-DD') ELSE on_date::text END;
	member record;
	need record;
	exception record;
	code text;
BEGIN
	IF country_code IS NULL OR program IS NULL OR on_date IS NULL THEN
		RAISE EXCEPTION 'fms.export_findings() needs a country, a program and a date'
			USING ERRCODE = 'null_value_not_allowed',
			      DETAIL = format('The %s is NULL.', CASE WHEN country_code IS NULL THEN 'country'
			                                              WHEN program IS NULL THEN 'program' ELSE 'date' END),
			      HINT = 'Amounts, the USML list and the MTCR category may be NULL; they count as none.';
	END IF;
	need := fms.notification_requirement(country_code, program, total_usd, mde_usd, design_construction_usd, usml, on_date);
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
			CONTINUE;
		END IF;
		-- FMS sells to governments; licences and agreements are DCS.
		SELECT e.exception_code, e.covers, e.source INTO exception
		  FROM fms.itar_126_1_exceptions AS e
		 WHERE e.country_code = export_findings.country_code
		   AND CASE WHEN program LIKE 'FMS%' THEN 'FMS' ELSE 'DCS' END = ANY (e.programs)
		   AND e.valid_from <= on_date AND (e.valid_to IS NULL OR e.valid_to > on_date)
		 ORDER BY e.exception_code
		 LIMIT 1;
		IF FOUND THEN
			RETURN QUERY SELECT 'review', 'ITAR_126_1_EXCEPTIONS',
				format('%s is a proscribed destination on %s, but exception %s is in force (%s): the sale is allowed only if it fits the exception, judged case by case. %s',
				       country_code, day, exception.exception_code, exception.covers, exception.source),
				'22 CFR 126.1(d)(2), (p)';
		ELSE
			RETURN QUERY SELECT 'deny', 'ITAR_126_1_EXCEPTIONS',
				format('%s is a proscribed destination on %s and no exception recorded in fms.itar_126_1_exceptions covers %s sales: defense articles and services are denied. %s',
				       country_code, day, CASE WHEN program LIKE 'FMS%' THEN 'FMS' ELSE 'DCS' END, member.source),
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
				format('Congress must be notified under AECA %s before the %s (rule %s, in force on %s); the formal review lasts %s days%s, and the %s can follow on the day after the review''s last day.',
				       need.section, CASE WHEN program LIKE 'FMS%' THEN 'offer' ELSE 'approval' END, code, day, need.review_days,
				       CASE WHEN need.informal_review_days IS NOT NULL THEN format(', after an informal review of %s days', need.informal_review_days) ELSE '' END,
				       CASE WHEN program LIKE 'FMS%' THEN 'offer' ELSE 'approval' END),
				CASE need.section WHEN '36(b)(1)' THEN 'AECA 36(b)(1), 22 U.S.C. 2776(b)(1)'
				                  WHEN '36(b)(5)(C)' THEN 'AECA 36(b)(5)(C), 22 U.S.C. 2776(b)(5)(C)'
				                  WHEN '36(d)' THEN 'AECA 36(d), 22 U.S.C. 2776(d); 22 CFR 124.11'
				                  ELSE 'AECA 36(c), 22 U.S.C. 2776(c); 22 CFR 123.15' END;
		END LOOP;
	ELSE
		RETURN QUERY SELECT 'info', 'NO_NOTIFICATION',
			format('The sale stays below every AECA section 36 threshold in force on %s for %s.', day, country_code),
			'AECA 36(b)(1), (b)(5)(C), (c), (d)';
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
	 CROSS JOIN LATERAL (SELECT fms.destination_country(c.customer_code, $2) AS country) AS d
	 CROSS JOIN LATERAL fms.export_findings(d.country, 'FMS', c.total_value_usd, c.mde_value_usd,
	                                        c.design_construction_usd, c.usml, c.mtcr_category, $2) AS f
	 WHERE c.case_id OPERATOR(fms.=) $1 AND d.country IS NOT NULL
	$$;
COMMENT ON FUNCTION fms.case_findings(fms.case_id, pg_catalog.date) IS 'export findings of a stored case on a date (an organization customer is judged like a member country of its group)';
