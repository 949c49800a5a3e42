/* src/sql/congressional_notifications.sql -- notifications sent, and the offer they hold back */

CREATE FUNCTION fms.check_transmittal_no(transmittal_no pg_catalog.text, section pg_catalog.text) RETURNS pg_catalog.bool
	AS 'MODULE_PATHNAME', 'fms_check_transmittal_no'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION fms.check_transmittal_no(pg_catalog.text, pg_catalog.text) IS 'true for a transmittal number of the form its section uses (20-76, 0G-23, 20-0J); otherwise ERROR 22P02 saying which form';

CREATE TABLE fms.congressional_notifications (
	id pg_catalog.int8 GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	case_id fms.case_id REFERENCES fms.cases,
	change_no pg_catalog.text,
	transmittal_no pg_catalog.text,
	section pg_catalog.text NOT NULL
		CONSTRAINT section_is_known
		CHECK (section OPERATOR(pg_catalog.=) ANY (ARRAY['36(b)(1)', '36(b)(5)(A)', '36(b)(5)(C)', '36(c)', '36(d)'])),
	informal_sent_on pg_catalog.date,
	formal_sent_on pg_catalog.date,
	-- Filled from the rule in force when not given (fms.fill_review_days).
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
	UNIQUE (section, transmittal_no),
	license_no pg_catalog.text REFERENCES fms.dcs_licenses ON UPDATE CASCADE,
	CONSTRAINT notifies_a_case_or_a_licence
		CHECK ((case_id IS NULL) OPERATOR(pg_catalog.<>) (license_no IS NULL)),
	CONSTRAINT change_no_only_with_a_case
		CHECK (change_no IS NULL OR case_id IS NOT NULL)
);
-- The notification queue and the guards look notifications up by document.
CREATE INDEX congressional_notifications_document ON fms.congressional_notifications (case_id, change_no);
CREATE INDEX congressional_notifications_license ON fms.congressional_notifications (license_no);
SELECT pg_catalog.pg_extension_config_dump('fms.congressional_notifications', '');
SELECT pg_catalog.pg_extension_config_dump('fms.congressional_notifications_id_seq', '');
COMMENT ON TABLE fms.congressional_notifications IS 'congressional notifications of cases, amendments and DCS licences, with their review clocks';
COMMENT ON SEQUENCE fms.congressional_notifications_id_seq IS 'numbers fms.congressional_notifications';
COMMENT ON COLUMN fms.congressional_notifications.id IS 'identifies the notification';
COMMENT ON COLUMN fms.congressional_notifications.case_id IS 'the case notified; NULL for a licence';
COMMENT ON COLUMN fms.congressional_notifications.change_no IS 'the amendment notified, NULL for the basic LOA';
COMMENT ON COLUMN fms.congressional_notifications.transmittal_no IS 'transmittal number, e.g. 20-76 (36(b)(1)), 0G-23 (36(b)(5)(A)), 20-0J (36(b)(5)(C))';
COMMENT ON COLUMN fms.congressional_notifications.section IS 'AECA section notified under';
COMMENT ON COLUMN fms.congressional_notifications.informal_sent_on IS 'informal (advance) notification sent';
COMMENT ON COLUMN fms.congressional_notifications.formal_sent_on IS 'formal notification sent to Congress';
COMMENT ON COLUMN fms.congressional_notifications.review_days IS 'formal review period, calendar days; defaults to the review period of the rule of its section in force for the destination on the day it is sent';
COMMENT ON COLUMN fms.congressional_notifications.review_ends_on IS 'formal_sent_on plus review_days: the first day the offer may be made';
COMMENT ON COLUMN fms.congressional_notifications.emergency_justification IS 'the President''s emergency justification when the review period is waived (AECA 36(b)(1)); lets the offer through';
COMMENT ON COLUMN fms.congressional_notifications.status IS 'drafted, informal_review, formal_review, cleared, blocked or withdrawn';
COMMENT ON COLUMN fms.congressional_notifications.license_no IS 'the DCS licence or agreement notified (36(c), 36(d)); NULL for a case';

-- The review period of a notification defaults from the rules: that of the
-- rule of its section in force, on the day it is sent (or, before, today),
-- for the destination's group, else for every other destination.
CREATE FUNCTION fms.fill_review_days() RETURNS trigger
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	on_date date := COALESCE(NEW.formal_sent_on, NEW.informal_sent_on, fms.today());
	country text;
BEGIN
	IF NEW.review_days IS NOT NULL THEN
		RETURN NEW;
	END IF;
	country := CASE WHEN NEW.license_no IS NOT NULL
	                THEN (SELECT l.country_code FROM fms.dcs_licenses AS l WHERE l.license_no = NEW.license_no)
	                ELSE fms.destination_country(fms.customer_code(NEW.case_id), on_date) END;
	SELECT max(r.review_days) INTO NEW.review_days
	  FROM fms.notification_rules AS r
	 WHERE r.section = NEW.section
	   AND r.valid_from <= on_date AND (r.valid_to IS NULL OR r.valid_to > on_date)
	   AND r.country_group IS NOT DISTINCT FROM
	       (SELECT min(g.country_group) FROM fms.notification_rules AS g
	          JOIN fms.country_group_members AS m ON m.group_code = g.country_group
	         WHERE g.section = NEW.section AND m.country_code = country
	           AND g.valid_from <= on_date AND (g.valid_to IS NULL OR g.valid_to > on_date)
	           AND m.valid_from <= on_date AND (m.valid_to IS NULL OR m.valid_to > on_date));
	IF NEW.review_days IS NULL THEN
		RAISE EXCEPTION 'no review period for a % notification of % on %', NEW.section,
			COALESCE(fms.text(NEW.case_id), NEW.license_no), to_char(on_date, 'YYYY-MM-DD')
			USING ERRCODE = 'not_null_violation',
			      DETAIL = 'No rule of that section in fms.notification_rules is in force for the destination on that day.',
			      HINT = 'Give review_days.';
	END IF;
	RETURN NEW;
END
$$;
COMMENT ON FUNCTION fms.fill_review_days() IS 'trigger of fms.congressional_notifications: review_days defaults to the review period of the rule of its section in force for the destination on the day the notification is sent';
CREATE TRIGGER fill_review_days BEFORE INSERT OR UPDATE ON fms.congressional_notifications
	FOR EACH ROW EXECUTE FUNCTION fms.fill_review_days();

-- Once its document has gone ahead (offered, or a licence decided), a
-- notification is part of the record the decision rested on: it can no
-- longer be deleted or re-dated, only its status can move on.
CREATE FUNCTION fms.keep_relied_notifications() RETURNS trigger
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	document_status text;
BEGIN
	IF OLD.license_no IS NOT NULL THEN
		SELECT l.status INTO document_status FROM fms.dcs_licenses AS l WHERE l.license_no = OLD.license_no;
	ELSIF OLD.change_no IS NOT NULL THEN
		SELECT x.status INTO document_status FROM fms.case_changes AS x
		 WHERE x.case_id OPERATOR(fms.=) OLD.case_id AND x.change_no = OLD.change_no;
	ELSE
		SELECT c.status INTO document_status FROM fms.cases AS c WHERE c.case_id OPERATOR(fms.=) OLD.case_id;
	END IF;
	IF document_status IS NULL OR document_status IN ('development', 'write', 'review', 'proposed', 'submitted', 'in_review') THEN
		RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
	END IF;
	IF TG_OP = 'DELETE'
	   OR (NEW.case_id, NEW.change_no, NEW.license_no, NEW.section, NEW.transmittal_no, NEW.informal_sent_on,
	       NEW.formal_sent_on, NEW.review_days, NEW.emergency_justification)::text
	      IS DISTINCT FROM
	      (OLD.case_id, OLD.change_no, OLD.license_no, OLD.section, OLD.transmittal_no, OLD.informal_sent_on,
	       OLD.formal_sent_on, OLD.review_days, OLD.emergency_justification)::text THEN
		RAISE EXCEPTION 'notification % of % cannot be % now: its document is %', OLD.id,
			COALESCE(fms.text(OLD.case_id) || COALESCE(' ' || OLD.change_no, ''), OLD.license_no),
			CASE WHEN TG_OP = 'DELETE' THEN 'deleted' ELSE 'changed' END, document_status
			USING ERRCODE = 'check_violation',
			      DETAIL = 'The offer or licence decision rested on it, so it stays as it was.',
			      HINT = 'Only its status can still change; record a correction as a new notification.';
	END IF;
	RETURN NEW;
END
$$;
COMMENT ON FUNCTION fms.keep_relied_notifications() IS 'trigger of fms.congressional_notifications: once the document is offered or decided, a notification cannot be deleted and only its status can change';
CREATE TRIGGER keep_relied_notifications BEFORE UPDATE OR DELETE ON fms.congressional_notifications
	FOR EACH ROW EXECUTE FUNCTION fms.keep_relied_notifications();

-- The notification of a section that governs a document: an emergency
-- waiver first, else the latest formally sent, else any other; withdrawn
-- and blocked ones never.  NULL if there is none.
CREATE FUNCTION fms.governing_notification(section pg_catalog.text, case_id fms.case_id, change_no pg_catalog.text,
		license_no pg_catalog.text)
	RETURNS fms.congressional_notifications
	LANGUAGE sql STABLE PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
	AS $$
	SELECT n.* FROM fms.congressional_notifications AS n
	 -- Either index finds the document's notifications (a notification is
	 -- of a case or of a licence); the conditions after it pick them.
	 WHERE (n.case_id OPERATOR(fms.=) $2 OR n.license_no OPERATOR(pg_catalog.=) $4)
	   AND (n.case_id OPERATOR(fms.=) $2 OR (n.case_id IS NULL AND $2 IS NULL))
	   AND n.change_no IS NOT DISTINCT FROM $3
	   AND n.license_no IS NOT DISTINCT FROM $4
	   AND n.section OPERATOR(pg_catalog.=) $1
	   AND n.status OPERATOR(pg_catalog.<>) ALL (ARRAY['withdrawn', 'blocked'])
	 ORDER BY n.emergency_justification IS NOT NULL DESC, n.formal_sent_on DESC NULLS LAST, n.id DESC
	 LIMIT 1
	$$;
COMMENT ON FUNCTION fms.governing_notification(pg_catalog.text, fms.case_id, pg_catalog.text, pg_catalog.text) IS 'the notification of a section that governs a case, amendment or licence: an emergency waiver, else the latest formally sent, else any other not withdrawn or blocked; NULL if none';

-- Why a document may not yet go ahead, or NULL: the notification a
-- requirement asks for is not recorded for it, or its formal review has not
-- ended on the day.  An emergency waiver lets it through, with a notice.
CREATE FUNCTION fms.notification_hold(section pg_catalog.text, rule_codes pg_catalog.text[], review_days pg_catalog.int4,
		case_id fms.case_id, change_no pg_catalog.text, license_no pg_catalog.text, on_date pg_catalog.date)
	RETURNS pg_catalog.text
	LANGUAGE plpgsql STABLE PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	sent fms.congressional_notifications := fms.governing_notification(section, case_id, change_no, license_no);
	what text := CASE WHEN license_no IS NOT NULL THEN 'approval' ELSE 'offer' END;
	-- A review recorded shorter than the rule's does not end sooner.
	review_ends date := sent.formal_sent_on + GREATEST(sent.review_days, review_days);
	blocked fms.congressional_notifications;
BEGIN
	-- A joint resolution blocking the sale holds it until a notification
	-- sent after the block has run its course.
	SELECT n.* INTO blocked FROM fms.congressional_notifications AS n
	 WHERE (n.case_id OPERATOR(fms.=) notification_hold.case_id OR (n.case_id IS NULL AND notification_hold.case_id IS NULL))
	   AND n.change_no IS NOT DISTINCT FROM notification_hold.change_no
	   AND n.license_no IS NOT DISTINCT FROM notification_hold.license_no
	   AND n.section = notification_hold.section AND n.status = 'blocked'
	 ORDER BY n.formal_sent_on DESC NULLS FIRST, n.id DESC
	 LIMIT 1;
	IF FOUND AND (sent.formal_sent_on IS NULL OR blocked.formal_sent_on IS NULL OR sent.formal_sent_on <= blocked.formal_sent_on) THEN
		RETURN format('Congress blocked the %s notified under AECA %s%s; a new notification, sent after the block, must run its review first.',
		              CASE WHEN license_no IS NOT NULL THEN 'licence' ELSE 'sale' END, section,
		              COALESCE(' on ' || to_char(blocked.formal_sent_on, 'YYYY-MM-DD'), ''));
	END IF;
	IF sent.emergency_justification IS NOT NULL THEN
		RAISE NOTICE '% of % made under an emergency waiver of the AECA % review: %', what,
			COALESCE(fms.text(case_id) || COALESCE(' ' || change_no, ''), license_no), section, sent.emergency_justification;
		RETURN NULL;
	ELSIF sent.formal_sent_on IS NULL THEN
		RETURN format('The %s needs congressional notification under AECA %s (rules %s, %s-day formal review), and no formal notification is recorded in fms.congressional_notifications; the %s can be made %s days after it is sent.',
		              CASE WHEN license_no IS NOT NULL THEN 'licence' ELSE 'sale' END, section,
		              array_to_string(rule_codes, ', '), review_days, what, review_days);
	ELSIF review_ends > on_date THEN
		RETURN format('The formal review under AECA %s (rules %s, %s days) runs until %s; the %s can be made from %s.',
		              section, array_to_string(rule_codes, ', '), GREATEST(sent.review_days, review_days),
		              to_char(review_ends - 1, 'YYYY-MM-DD'), what, to_char(review_ends, 'YYYY-MM-DD'));
	END IF;
	RETURN NULL;
END
$$;
COMMENT ON FUNCTION fms.notification_hold(pg_catalog.text, pg_catalog.text[], pg_catalog.int4, fms.case_id, pg_catalog.text, pg_catalog.text, pg_catalog.date) IS 'why a document may not yet be offered or approved because of a required congressional notification (none recorded, blocked by Congress, or its formal review, never shorter than the rule''s, not ended on the day), or NULL';

-- The notification a basic LOA or amendment needs on a date: a basic LOA
-- under 36(b)(1), an amendment under 36(b)(5)(C) on its own values (each
-- measure on its own increase); a modification, or a customer with no
-- country to judge by, needs none (the offer guard refuses the latter).
CREATE FUNCTION fms.document_requirement(case_id fms.case_id, change_no pg_catalog.text,
		total_usd pg_catalog.numeric, mde_usd pg_catalog.numeric, design_construction_usd pg_catalog.numeric,
		usml fms.usml[], on_date pg_catalog.date,
		OUT country_code pg_catalog.text, OUT program pg_catalog.text,
		OUT required pg_catalog.bool, OUT section pg_catalog.text, OUT review_days pg_catalog.int4,
		OUT informal_review_days pg_catalog.int4, OUT triggered_by pg_catalog.text[], OUT rule_codes pg_catalog.text[])
	LANGUAGE plpgsql STABLE PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	mde numeric := greatest(coalesce(mde_usd, 0), 0);
	dc numeric := greatest(coalesce(design_construction_usd, 0), 0);
	-- An amendment's values are changes, each measure judged on its own
	-- increase: a total lowered by other lines does not hide added MDE.
	total numeric := greatest(coalesce(total_usd, 0), mde, dc);
BEGIN
	country_code := fms.destination_country(fms.customer_code(case_id), on_date);
	program := CASE WHEN change_no IS NULL THEN 'FMS' WHEN left(change_no, 1) = 'A' THEN 'FMS_AMENDMENT' END;
	required := false;
	IF country_code IS NULL OR program IS NULL OR on_date IS NULL THEN
		RETURN;
	END IF;
	SELECT n.required, n.section, n.review_days, n.informal_review_days, n.triggered_by, n.rule_codes
	  INTO required, section, review_days, informal_review_days, triggered_by, rule_codes
	  FROM fms.notification_requirement(country_code, program, total, mde, dc, usml, on_date) AS n;
END
$$;
COMMENT ON FUNCTION fms.document_requirement(fms.case_id, pg_catalog.text, pg_catalog.numeric, pg_catalog.numeric, pg_catalog.numeric, fms.usml[], pg_catalog.date) IS 'the congressional notification a basic LOA (36(b)(1)) or amendment (36(b)(5)(C), on its own values) needs on a date, with the country judged and the program asked';

-- Guard of proposed -> offered: no deny finding for the destination (ITAR
-- 126.1), not after the offer expiration date, and not before the formal
-- review of a required notification has ended (unless an emergency waived
-- it).  Then the dates must be in order.
CREATE FUNCTION fms.guard_offer(new_row anyelement) RETURNS pg_catalog.text
	LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	r jsonb := to_jsonb(new_row);
	doc_case fms.case_id := (r ->> 'case_id')::fms.case_id;
	doc_change text := r ->> 'change_no';
	offer_on date := (r ->> 'status_since')::date;
	oed date := fms.offer_expiration(new_row);
	need record;
	finding record;
	hold text := fms.milestone_problem(new_row, 'offered_on');
BEGIN
	IF hold IS NOT NULL THEN
		RETURN hold;
	END IF;
	IF offer_on > oed THEN
		RETURN format('The offer on %s comes after the offer expiration date %s; no offer can be made after its OED (DSCA LOA Standardization Guide section 4). Restate the document with a new OED first (set oed_on, with fms.reason).',
		              to_char(offer_on, 'YYYY-MM-DD'), to_char(oed, 'YYYY-MM-DD'));
	END IF;
	need := fms.document_requirement(doc_case, doc_change, (r ->> 'total_value_usd')::numeric,
	                                 (r ->> 'mde_value_usd')::numeric, (r ->> 'design_construction_usd')::numeric,
	                                 NULL, offer_on);
	IF need.country_code IS NULL THEN
		RETURN format('Customer %s has no country to judge the sale by on %s, so the export rules cannot clear it: give the customer its country_code, or an organization its country_group (fms.customers).',
		              fms.customer_code(doc_case), to_char(offer_on, 'YYYY-MM-DD'));
	END IF;
	FOR finding IN SELECT f.rule_code, f.citation, f.message
	                 FROM fms.destination_findings(need.country_code, need.program, offer_on) AS f
	                WHERE f.severity = 'deny'
	LOOP
		RETURN format('No offer on %s: %s (rule %s, %s)', to_char(offer_on, 'YYYY-MM-DD'), finding.message,
		              finding.rule_code, finding.citation);
	END LOOP;
	IF need.required THEN
		hold := fms.notification_hold(need.section, need.rule_codes, need.review_days, doc_case, doc_change, NULL, offer_on);
		IF hold IS NOT NULL THEN
			RETURN hold;
		END IF;
	END IF;
	RETURN fms.guard_dates_in_order(new_row);
END
$$;
COMMENT ON FUNCTION fms.guard_offer(anyelement) IS 'workflow guard of proposed -> offered: offered_on is the day of the change, a customer with a country to judge by, no deny finding for the destination on the offer date (ITAR 126.1), not after the offer expiration date, the formal review of the notification the rules require (36(b)(1), or 36(b)(5)(C) for an amendment) ended or waived in an emergency, dates in order';

-- Guard of in_review -> approved (with or without provisos): no deny
-- finding for the destination on the decision date, and the formal review
-- of a required 36(c) or 36(d) notification ended (or waived).
CREATE FUNCTION fms.guard_license_approval(new_row anyelement) RETURNS pg_catalog.text
	LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	r jsonb := to_jsonb(new_row);
	decided date := (r ->> 'status_since')::date;
	country text := r ->> 'country_code';
	program text := CASE WHEN r ->> 'form' = 'MLA' THEN 'MLA' ELSE 'DCS' END;
	usml fms.usml[] := CASE WHEN jsonb_typeof(r -> 'usml') = 'array'
	                        THEN ARRAY(SELECT u::fms.usml FROM jsonb_array_elements_text(r -> 'usml') AS u) END;
	need record;
	finding record;
	hold text := fms.milestone_problem(new_row, 'decided_on');
BEGIN
	IF hold IS NOT NULL THEN
		RETURN hold;
	END IF;
	FOR finding IN SELECT f.rule_code, f.citation, f.message
	                 FROM fms.destination_findings(country, program, decided) AS f
	                WHERE f.severity = 'deny'
	LOOP
		RETURN format('No approval on %s: %s (rule %s, %s)', to_char(decided, 'YYYY-MM-DD'), finding.message,
		              finding.rule_code, finding.citation);
	END LOOP;
	need := fms.notification_requirement(country, program, (r ->> 'value_usd')::numeric, NULL, NULL, usml, decided);
	IF need.required THEN
		hold := fms.notification_hold(need.section, need.rule_codes, need.review_days, NULL, NULL, r ->> 'license_no', decided);
		IF hold IS NOT NULL THEN
			RETURN hold;
		END IF;
	END IF;
	RETURN NULL;
END
$$;
COMMENT ON FUNCTION fms.guard_license_approval(anyelement) IS 'workflow guard of a DCS licence''s approval: decided_on is the day of the change, no deny finding for the destination on it (ITAR 126.1), the formal review of a required 36(c) or 36(d) notification ended or waived in an emergency';
