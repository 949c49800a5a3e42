/* src/sql/congressional_notifications.sql -- notifications sent, and the offer they hold back */

CREATE FUNCTION fms.check_transmittal_no(transmittal_no pg_catalog.text, section pg_catalog.text) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'fms_check_transmittal_no'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION fms.check_transmittal_no(pg_catalog.text, pg_catalog.text) IS 'true for a transmittal number of the form its section uses (20-76, 0G-23, 20-0J); otherwise ERROR 22P02 saying which form';

CREATE TABLE fms.congressional_notifications (
	id pg_catalog.int8 GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	case_id fms.case_id NOT NULL REFERENCES fms.cases,
	change_no pg_catalog.text,
	transmittal_no pg_catalog.text,
	section pg_catalog.text NOT NULL
		CONSTRAINT section_is_known
		CHECK (section OPERATOR(pg_catalog.=) ANY (ARRAY['36(b)(1)', '36(b)(5)(A)', '36(b)(5)(C)', '36(c)', '36(d)'])),
	informal_sent_on pg_catalog.date,
	formal_sent_on pg_catalog.date,
	review_days pg_catalog.int4 NOT NULL
		CONSTRAINT review_days_is_positive CHECK (review_days OPERATOR(pg_catalog.>) 0),
	review_ends_on pg_catalog.date GENERATED ALWAYS AS (formal_sent_on OPERATOR(pg_catalog.+) review_days) STORED,
	emergency_justification pg_catalog.text,
	status pg_catalog.text NOT NULL DEFAULT 'drafted'
		CONSTRAINT status_is_known
		CHECK (status OPERATOR(pg_catalog.=) ANY (ARRAY['drafted', 'informal_review', 'formal_review', 'cleared', 'blocked', 'withdrawn'])),
	CONSTRAINT transmittal_no_fits_section
		CHECK (transmittal_no IS NULL OR fms.check_transmittal_no(transmittal_no, section)),
	CONSTRAINT formal_after_informal
		CHECK (formal_sent_on OPERATOR(pg_catalog.>=) informal_sent_on),
	FOREIGN KEY (case_id, change_no) REFERENCES fms.case_changes,
	UNIQUE (section, transmittal_no)
);
-- The notification queue and the offer guard look notifications up by document.
CREATE INDEX congressional_notifications_document ON fms.congressional_notifications (case_id, change_no);
SELECT pg_catalog.pg_extension_config_dump('fms.congressional_notifications', '');
SELECT pg_catalog.pg_extension_config_dump('fms.congressional_notifications_id_seq', '');
COMMENT ON TABLE fms.congressional_notifications IS 'congressional notifications of cases and changes, with their review clocks';
COMMENT ON SEQUENCE fms.congressional_notifications_id_seq IS 'numbers fms.congressional_notifications';
COMMENT ON COLUMN fms.congressional_notifications.id IS 'identifies the notification';
COMMENT ON COLUMN fms.congressional_notifications.case_id IS 'the case notified';
COMMENT ON COLUMN fms.congressional_notifications.change_no IS 'the amendment notified, NULL for the basic LOA';
COMMENT ON COLUMN fms.congressional_notifications.transmittal_no IS 'transmittal number, e.g. 20-76 (36(b)(1)), 0G-23 (36(b)(5)(A)), 20-0J (36(b)(5)(C))';
COMMENT ON COLUMN fms.congressional_notifications.section IS 'AECA section notified under';
COMMENT ON COLUMN fms.congressional_notifications.informal_sent_on IS 'informal (advance) notification sent';
COMMENT ON COLUMN fms.congressional_notifications.formal_sent_on IS 'formal notification sent to Congress';
COMMENT ON COLUMN fms.congressional_notifications.review_days IS 'formal review period, calendar days';
COMMENT ON COLUMN fms.congressional_notifications.review_ends_on IS 'formal_sent_on plus review_days: the first day the offer may be made';
COMMENT ON COLUMN fms.congressional_notifications.emergency_justification IS 'the President''s emergency justification when the review period is waived (AECA 36(b)(1)); lets the offer through';
COMMENT ON COLUMN fms.congressional_notifications.status IS 'drafted, informal_review, formal_review, cleared, blocked or withdrawn';

-- Guard of proposed -> offered: no offer to a 126.1(d)(1) destination, and
-- none before the formal review of a required notification has ended
-- (unless an emergency waived it).  Then the dates must be in order.
CREATE FUNCTION fms.guard_offer(new_row anyelement) RETURNS pg_catalog.text
	LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	r jsonb := to_jsonb(new_row);
	doc_case fms.case_id := (r ->> 'case_id')::fms.case_id;
	doc_change text := r ->> 'change_no';
	offer_on date := (r ->> 'offered_on')::date;
	country text;
	need record;
	sent record;
BEGIN
	-- An organization is judged like a member country of its group.
	SELECT COALESCE(c.country_code,
	                (SELECT min(m.country_code) FROM fms.country_group_members AS m
	                  WHERE m.group_code = c.country_group AND m.valid_from <= offer_on
	                    AND (m.valid_to IS NULL OR m.valid_to > offer_on)))
	  INTO country FROM fms.customers AS c
	 WHERE c.customer_code OPERATOR(pg_catalog.=) fms.customer_code(doc_case);
	IF country IS NOT NULL THEN
		IF EXISTS (SELECT FROM fms.country_group_members AS m
		            WHERE m.group_code = 'ITAR_126_1_DENIAL' AND m.country_code = country
		              AND m.valid_from <= offer_on AND (m.valid_to IS NULL OR m.valid_to > offer_on)) THEN
			RETURN format('%s is a 22 CFR 126.1(d)(1) destination on %s: a policy of denial applies, so no offer can be made (rule ITAR_126_1_DENIAL).',
			              country, to_char(offer_on, 'YYYY-MM-DD'));
		END IF;
		need := fms.notification_requirement(country, 'FMS', coalesce((r ->> 'total_value_usd')::numeric, 0),
		                                     coalesce((r ->> 'mde_value_usd')::numeric, 0),
		                                     coalesce((r ->> 'design_construction_usd')::numeric, 0),
		                                     NULL, offer_on);
		IF need.required THEN
			SELECT n.formal_sent_on, n.review_ends_on, n.emergency_justification INTO sent
			  FROM fms.congressional_notifications AS n
			 WHERE n.case_id OPERATOR(fms.=) doc_case AND n.change_no IS NOT DISTINCT FROM doc_change
			   AND n.section = need.section AND n.status <> 'withdrawn'
			 ORDER BY n.emergency_justification IS NOT NULL DESC, n.formal_sent_on DESC NULLS LAST
			 LIMIT 1;
			IF sent.emergency_justification IS NOT NULL THEN
				RAISE NOTICE 'offer of % made under an emergency waiver of the AECA % review: %',
					fms.text(doc_case), need.section, sent.emergency_justification;
			ELSE
				IF sent.formal_sent_on IS NULL THEN
					RETURN format('The sale needs congressional notification under AECA %s (rules %s, %s-day formal review), and no formal notification is recorded in fms.congressional_notifications; the offer can be made %s days after it is sent.',
					              need.section, array_to_string(need.rule_codes, ', '), need.review_days, need.review_days);
				ELSIF sent.review_ends_on > offer_on THEN
					RETURN format('The formal review under AECA %s (rules %s) runs until %s; the offer can be made from %s.',
					              need.section, array_to_string(need.rule_codes, ', '), to_char(sent.review_ends_on - 1, 'YYYY-MM-DD'),
					              to_char(sent.review_ends_on, 'YYYY-MM-DD'));
				END IF;
			END IF;
		END IF;
	END IF;
	RETURN fms.guard_dates_in_order(new_row);
END
$$;
COMMENT ON FUNCTION fms.guard_offer(anyelement) IS 'workflow guard of proposed -> offered: no 126.1(d)(1) destination, the formal review of a required congressional notification ended (or waived in an emergency), dates in order';

