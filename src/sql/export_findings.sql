/* src/sql/export_findings.sql -- export findings for a sale or a stored case */

-- The findings are made of three parts, each a function of its own so that
-- callers who need one part (a guard asking only whether a destination is
-- denied, a report over many cases) evaluate only that part, and the
-- messages are written once.

-- Deny (126.1(d)(1) destination, or a (d)(2) destination no recorded
-- exception covers) or review (a (d)(2) destination under an exception):
-- what the destination alone decides for a program on a date.
CREATE FUNCTION fms.destination_findings(country_code pg_catalog.text, program pg_catalog.text, on_date pg_catalog.date)
	RETURNS TABLE (severity pg_catalog.text, rule_code pg_catalog.text, message pg_catalog.text, citation pg_catalog.text)
	LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	day text := CASE WHEN isfinite(on_date) THEN to_char(on_date, 'YYYY-MM-DD') ELSE on_date::text END;
	member record;
	exception record;
BEGIN
	FOR member IN SELECT m.group_code, m.source FROM fms.country_group_members AS m
	               WHERE m.country_code = destination_findings.country_code
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
		 WHERE e.country_code = destination_findings.country_code
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
END
$$;
COMMENT ON FUNCTION fms.destination_findings(pg_catalog.text, pg_catalog.text, pg_catalog.date) IS 'the export findings a destination alone decides for a program on a date: deny (22 CFR 126.1(d)(1), or (d)(2) with no exception recorded for the program) or review ((d)(2) under an exception); no rows when it decides nothing';

-- Review (MTCR Category I) or info (Category II): what the item's MTCR
-- category alone decides.
CREATE FUNCTION fms.mtcr_findings(mtcr_category pg_catalog.int4)
	RETURNS TABLE (severity pg_catalog.text, rule_code pg_catalog.text, message pg_catalog.text, citation pg_catalog.text)
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
	AS $$
	SELECT f.severity, f.rule_code, f.message, f.citation
	  FROM (VALUES (1, 'review', 'MTCR_CATEGORY_I',
	                'MTCR Category I items (rocket or UAV systems carrying 500 kg or more to 300 km or more, their major subsystems, production facilities): a strong presumption to deny, whatever the purpose; production facilities are not transferred.',
	                'MTCR Guidelines; BIS FAQ 240; CRS IF11069'),
	               (2, 'info', 'MTCR_CATEGORY_II', 'MTCR Category II items: reviewed case by case.', 'MTCR Guidelines'))
	       AS f(category, severity, rule_code, message, citation)
	 WHERE f.category OPERATOR(pg_catalog.=) $1
	$$;
COMMENT ON FUNCTION fms.mtcr_findings(pg_catalog.int4) IS 'the export findings an MTCR category alone decides: review for Category I (strong presumption of denial), info for Category II; no rows for none';

-- Notify (AECA section 36 thresholds reached: one row per rule) or info
-- (below every threshold): what fms.notification_requirement() decides.
CREATE FUNCTION fms.notification_findings(country_code pg_catalog.text, program pg_catalog.text,
		total_usd pg_catalog.numeric, mde_usd pg_catalog.numeric, design_construction_usd pg_catalog.numeric,
		usml fms.usml[], on_date pg_catalog.date)
	RETURNS TABLE (severity pg_catalog.text, rule_code pg_catalog.text, message pg_catalog.text, citation pg_catalog.text)
	LANGUAGE sql STABLE PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
	AS $$
	SELECT CASE WHEN need.required THEN 'notify' ELSE 'info' END,
	       COALESCE(code.rule_code, 'NO_NOTIFICATION'),
	       CASE WHEN need.required
	            THEN pg_catalog.format('Congress must be notified under AECA %s before the %s (rule %s, in force on %s); the formal review lasts %s days%s, and the %s can follow on the day after the review''s last day.',
	                                   need.section, sale.step, code.rule_code, sale.day, need.review_days,
	                                   CASE WHEN need.informal_review_days IS NOT NULL
	                                        THEN pg_catalog.format(', after an informal review of %s days', need.informal_review_days) ELSE '' END,
	                                   sale.step)
	            ELSE pg_catalog.format('The sale stays below every AECA section 36 threshold in force on %s for %s.', sale.day, $1) END,
	       CASE WHEN NOT need.required THEN 'AECA 36(b)(1), (b)(5)(C), (c), (d)'
	            WHEN need.section OPERATOR(pg_catalog.=) '36(b)(1)' THEN 'AECA 36(b)(1), 22 U.S.C. 2776(b)(1)'
	            WHEN need.section OPERATOR(pg_catalog.=) '36(b)(5)(C)' THEN 'AECA 36(b)(5)(C), 22 U.S.C. 2776(b)(5)(C)'
	            WHEN need.section OPERATOR(pg_catalog.=) '36(d)' THEN 'AECA 36(d), 22 U.S.C. 2776(d); 22 CFR 124.11'
	            ELSE 'AECA 36(c), 22 U.S.C. 2776(c); 22 CFR 123.15' END
	  FROM fms.notification_requirement($1, $2, $3, $4, $5, $6, $7) AS need
	 CROSS JOIN LATERAL (SELECT CASE WHEN $2 OPERATOR(pg_catalog.~~) 'FMS%' THEN 'offer' ELSE 'approval' END AS step,
	                            CASE WHEN pg_catalog.isfinite($7) THEN pg_catalog.to_char($7, 'YYYY-MM-DD') ELSE $7::pg_catalog.text END AS day) AS sale
	  LEFT JOIN LATERAL pg_catalog.unnest(need.rule_codes) WITH ORDINALITY AS code(rule_code, nth) ON need.required
	 ORDER BY code.nth
	$$;
COMMENT ON FUNCTION fms.notification_findings(pg_catalog.text, pg_catalog.text, pg_catalog.numeric, pg_catalog.numeric, pg_catalog.numeric, fms.usml[], pg_catalog.date) IS 'the export findings the AECA section 36 thresholds decide for a sale on a date: notify, one row per rule reached, with its section, review period and citation; else info NO_NOTIFICATION';

-- What a compliance officer must know about a sale on a date: the three
-- parts above, in that order.  The program is as for
-- fms.notification_requirement.
CREATE FUNCTION fms.export_findings(country_code pg_catalog.text, program pg_catalog.text,
		total_usd pg_catalog.numeric, mde_usd pg_catalog.numeric, design_construction_usd pg_catalog.numeric,
		usml fms.usml[], mtcr_category pg_catalog.int4, on_date pg_catalog.date)
	RETURNS TABLE (severity pg_catalog.text, rule_code pg_catalog.text, message pg_catalog.text, citation pg_catalog.text)
	LANGUAGE plpgsql STABLE PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
	AS $$
BEGIN
	IF country_code IS NULL OR program IS NULL OR on_date IS NULL THEN
		RAISE EXCEPTION 'fms.export_findings() needs a country, a program and a date'
			USING ERRCODE = 'null_value_not_allowed',
			      DETAIL = format('The %s is NULL.', CASE WHEN country_code IS NULL THEN 'country'
			                                              WHEN program IS NULL THEN 'program' ELSE 'date' END),
			      HINT = 'Amounts, the USML list and the MTCR category may be NULL; they count as none.';
	END IF;
	RETURN QUERY SELECT * FROM fms.destination_findings(country_code, program, on_date);
	RETURN QUERY SELECT * FROM fms.mtcr_findings(mtcr_category);
	RETURN QUERY SELECT * FROM fms.notification_findings(country_code, program, total_usd, mde_usd, design_construction_usd, usml, on_date);
END
$$;
COMMENT ON FUNCTION fms.export_findings(pg_catalog.text, pg_catalog.text, pg_catalog.numeric, pg_catalog.numeric, pg_catalog.numeric, fms.usml[], pg_catalog.int4, pg_catalog.date) IS 'export findings for a sale on a date: deny, review, notify and info, each with its rule, message and citation (fms.destination_findings, fms.mtcr_findings, fms.notification_findings in turn); STABLE because it reads the rule tables';

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
