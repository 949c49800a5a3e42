/* src/sql/offer_restatements.sql -- a new offer expiration date for an offered document, logged */

-- Once a basic LOA or amendment is offered, its OED changes only by a
-- restatement (DSCA Policy 12-08): with a reason (fms.reason), before it
-- is accepted, to a date not before the restatement takes effect or the
-- offer; each one is logged here.  An expired offer is restated the same
-- way, and can then be accepted by its new OED.  The offer date itself
-- cannot be changed while the document stays offered.
CREATE TABLE fms.offer_restatements (
	id pg_catalog.int8 GENERATED ALWAYS AS IDENTITY,
	case_id fms.case_id NOT NULL REFERENCES fms.cases,
	change_no pg_catalog.text,
	restated_on pg_catalog.date NOT NULL,
	previous_oed_on pg_catalog.date,
	oed_on pg_catalog.date NOT NULL,
	reason pg_catalog.text NOT NULL,
	actor pg_catalog.text NOT NULL,
	db_user pg_catalog.text NOT NULL DEFAULT SESSION_USER,
	recorded_at pg_catalog.timestamptz NOT NULL DEFAULT pg_catalog.now(),
	FOREIGN KEY (case_id, change_no) REFERENCES fms.case_changes,
	-- Kept by case, so that it can be sharded with the cases.
	PRIMARY KEY (case_id, id)
);
SELECT pg_catalog.pg_extension_config_dump('fms.offer_restatements', '');
SELECT pg_catalog.pg_extension_config_dump('fms.offer_restatements_id_seq', '');
CREATE INDEX offer_restatements_document ON fms.offer_restatements (case_id, change_no);
COMMENT ON TABLE fms.offer_restatements IS 'restatements of offered LOAs and amendments: each new offer expiration date, with its reason; append-only';
COMMENT ON SEQUENCE fms.offer_restatements_id_seq IS 'numbers fms.offer_restatements';
COMMENT ON COLUMN fms.offer_restatements.id IS 'order in which the restatements were recorded';
COMMENT ON COLUMN fms.offer_restatements.case_id IS 'the case';
COMMENT ON COLUMN fms.offer_restatements.change_no IS 'the amendment restated; NULL for the basic LOA';
COMMENT ON COLUMN fms.offer_restatements.restated_on IS 'effective date of the restatement (fms.effective_date, default today)';
COMMENT ON COLUMN fms.offer_restatements.previous_oed_on IS 'the offer expiration date before';
COMMENT ON COLUMN fms.offer_restatements.oed_on IS 'the new offer expiration date';
COMMENT ON COLUMN fms.offer_restatements.reason IS 'why (fms.reason)';
COMMENT ON COLUMN fms.offer_restatements.actor IS 'application user (fms.actor, default the session user)';
COMMENT ON COLUMN fms.offer_restatements.db_user IS 'the database session user';
COMMENT ON COLUMN fms.offer_restatements.recorded_at IS 'when it was written';
CREATE TRIGGER append_only BEFORE UPDATE OR DELETE ON fms.offer_restatements
	FOR EACH ROW EXECUTE FUNCTION fms.refuse_log_change();
CREATE TRIGGER append_only_truncate BEFORE TRUNCATE ON fms.offer_restatements
	FOR EACH STATEMENT EXECUTE FUNCTION fms.refuse_log_change();
ALTER TABLE fms.offer_restatements ENABLE ALWAYS TRIGGER append_only;
ALTER TABLE fms.offer_restatements ENABLE ALWAYS TRIGGER append_only_truncate;

-- Runs with the rights of its owner, so that writing a case is enough to
-- log its restatement; it works only for the two case tables.
CREATE FUNCTION fms.protect_offer() RETURNS trigger
	LANGUAGE plpgsql SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	reason text := NULLIF(current_setting('fms.reason', true), '');
	restated_on date := COALESCE(NULLIF(current_setting('fms.effective_date', true), '')::date, fms.today());
	change_no text := to_jsonb(NEW) ->> 'change_no';
	document text := fms.text(NEW.case_id) || COALESCE(' ' || (to_jsonb(NEW) ->> 'change_no'), '');
BEGIN
	IF TG_RELID NOT IN ('fms.cases'::regclass, 'fms.case_changes'::regclass) OR TG_OP <> 'UPDATE' OR TG_WHEN <> 'BEFORE' THEN
		RAISE EXCEPTION 'fms.protect_offer() is a BEFORE UPDATE trigger of fms.cases and fms.case_changes only'
			USING ERRCODE = 'triggered_action_exception';
	END IF;
	-- What was offered stays what was offered: a document offered (or
	-- further along) changes its values only by going back to development
	-- (with a reason) and being offered again, or by a new amendment or
	-- modification.
	IF OLD.status IN ('offered', 'accepted', 'implemented', 'supply_complete', 'interim_closed', 'closed')
	   AND NEW.status = OLD.status
	   AND (NEW.total_value_usd, NEW.mde_value_usd, NEW.design_construction_usd)
	       IS DISTINCT FROM (OLD.total_value_usd, OLD.mde_value_usd, OLD.design_construction_usd) THEN
		RAISE EXCEPTION 'the values of % cannot change while it is %', document, OLD.status
			USING ERRCODE = 'check_violation',
			      DETAIL = format('It stands at total %s, MDE %s, design and construction %s.',
			                      OLD.total_value_usd, OLD.mde_value_usd, OLD.design_construction_usd),
			      HINT = 'Return it to development (with a reason) and offer it again, or write an amendment or modification.';
	END IF;
	-- Offered is a state, not a date someone may clear: while the document
	-- stays offered or further along, its offer date is the workflow's.
	IF OLD.status IN ('offered', 'accepted', 'implemented', 'supply_complete', 'interim_closed', 'closed')
	   AND NEW.status = OLD.status AND NEW.offered_on IS DISTINCT FROM OLD.offered_on THEN
		RAISE EXCEPTION 'the offer date of % cannot change while it is %', document, OLD.status
			USING ERRCODE = 'check_violation',
			      DETAIL = format('It was offered on %s.', COALESCE(OLD.offered_on::text, 'NULL')),
			      HINT = 'Return it to development (with a reason) and offer it again.';
	END IF;
	IF (OLD.offered_on IS NULL AND OLD.status NOT IN ('offered', 'accepted'))
	   OR NEW.oed_on IS NOT DISTINCT FROM OLD.oed_on THEN
		RETURN NEW;
	END IF;
	IF OLD.accepted_on IS NOT NULL THEN
		RAISE EXCEPTION 'the offer expiration date of % cannot change: the offer was accepted on %', document, OLD.accepted_on
			USING ERRCODE = 'check_violation',
			      DETAIL = format('Its OED stays %s.', OLD.oed_on),
			      HINT = 'A change of scope after acceptance is an amendment (DSCA Policy 08-42).';
	END IF;
	IF reason IS NULL THEN
		RAISE EXCEPTION 'restating the offer of % with a new offer expiration date % needs a reason', document, COALESCE(NEW.oed_on::text, 'NULL')
			USING ERRCODE = 'check_violation',
			      DETAIL = format('It was offered on %s with the OED %s; a new OED is a restatement (DSCA Policy 12-08), which is logged with its reason.', OLD.offered_on, OLD.oed_on),
			      HINT = 'SET LOCAL fms.reason = ''purchaser asked for more time'' first.';
	END IF;
	IF NEW.oed_on IS NULL OR NEW.oed_on < GREATEST(restated_on, OLD.offered_on) THEN
		RAISE EXCEPTION 'the new offer expiration date % of % is before the restatement (%) or the offer (%)',
			COALESCE(NEW.oed_on::text, 'NULL'), document, restated_on, COALESCE(OLD.offered_on::text, 'NULL')
			USING ERRCODE = 'check_violation',
			      HINT = 'Give an OED on or after both the restatement (fms.effective_date, default today) and the offer.';
	END IF;
	INSERT INTO fms.offer_restatements (case_id, change_no, restated_on, previous_oed_on, oed_on, reason, actor)
	VALUES (NEW.case_id, change_no, restated_on, OLD.oed_on, NEW.oed_on, reason,
	        COALESCE(NULLIF(current_setting('fms.actor', true), ''), session_user));
	RETURN NEW;
END
$$;
COMMENT ON FUNCTION fms.protect_offer() IS 'trigger of the case tables: while a document is offered or further along its offer date and values stay; a new OED before acceptance is a restatement, which needs fms.reason and is logged in fms.offer_restatements';
-- Named to fire after fill_default_dates; only for documents that have
-- been offered, and only when what it protects moves (the OED, or the
-- offer date or values without a change of state).
CREATE TRIGGER protect_offer BEFORE UPDATE ON fms.cases
	FOR EACH ROW WHEN ((OLD.offered_on IS NOT NULL OR OLD.status OPERATOR(pg_catalog.=) ANY
	                    (ARRAY['offered', 'accepted', 'implemented', 'supply_complete', 'interim_closed', 'closed']))
	                   AND (OLD.oed_on IS DISTINCT FROM NEW.oed_on
	                        OR (OLD.status OPERATOR(pg_catalog.=) NEW.status
	                            AND (OLD.offered_on, OLD.total_value_usd, OLD.mde_value_usd, OLD.design_construction_usd)
	                                IS DISTINCT FROM (NEW.offered_on, NEW.total_value_usd, NEW.mde_value_usd, NEW.design_construction_usd))))
	EXECUTE FUNCTION fms.protect_offer();
CREATE TRIGGER protect_offer BEFORE UPDATE ON fms.case_changes
	FOR EACH ROW WHEN ((OLD.offered_on IS NOT NULL OR OLD.status OPERATOR(pg_catalog.=) ANY
	                    (ARRAY['offered', 'accepted', 'implemented', 'supply_complete', 'interim_closed', 'closed']))
	                   AND (OLD.oed_on IS DISTINCT FROM NEW.oed_on
	                        OR (OLD.status OPERATOR(pg_catalog.=) NEW.status
	                            AND (OLD.offered_on, OLD.total_value_usd, OLD.mde_value_usd, OLD.design_construction_usd)
	                                IS DISTINCT FROM (NEW.offered_on, NEW.total_value_usd, NEW.mde_value_usd, NEW.design_construction_usd))))
	EXECUTE FUNCTION fms.protect_offer();
