/* src/sql/cases.sql -- FMS cases and their amendments and modifications */

CREATE TABLE fms.cases (
	case_id fms.case_id PRIMARY KEY,
	customer_code pg_catalog.text NOT NULL
		GENERATED ALWAYS AS (fms.customer_code(case_id)) STORED
		REFERENCES fms.customers,
	agency_code pg_catalog.text NOT NULL
		GENERATED ALWAYS AS (fms.agency_code(case_id)) STORED
		REFERENCES fms.implementing_agencies,
	title pg_catalog.text NOT NULL,
	category pg_catalog.text NOT NULL DEFAULT 'defined_order'
		CONSTRAINT category_is_known
		CHECK (category OPERATOR(pg_catalog.=) ANY (ARRAY['defined_order', 'blanket_order', 'clssa', 'bpc'])),
	aod_group pg_catalog.text
		CONSTRAINT aod_group_is_a_to_d
		CHECK (aod_group OPERATOR(pg_catalog.=) ANY (ARRAY['A', 'B', 'C', 'D'])),
	status pg_catalog.text NOT NULL DEFAULT 'development',
	status_since pg_catalog.date,
	status_log_id pg_catalog.int8,
	lor_received_on pg_catalog.date,
	lor_complete_on pg_catalog.date,
	aod_on pg_catalog.date,
	milap_on pg_catalog.date,
	offered_on pg_catalog.date,
	oed_on pg_catalog.date,
	accepted_on pg_catalog.date,
	deposit_received_on pg_catalog.date,
	implemented_on pg_catalog.date,
	supply_complete_on pg_catalog.date,
	closed_on pg_catalog.date,
	cancelled_on pg_catalog.date,
	emergency_implementation pg_catalog.bool NOT NULL DEFAULT false,
	total_value_usd pg_catalog.numeric NOT NULL DEFAULT 0
		CONSTRAINT total_value_is_not_negative CHECK (total_value_usd OPERATOR(pg_catalog.>=) 0),
	mde_value_usd pg_catalog.numeric NOT NULL DEFAULT 0
		CONSTRAINT mde_value_is_within_total
		CHECK (mde_value_usd OPERATOR(pg_catalog.>=) 0 AND mde_value_usd OPERATOR(pg_catalog.<=) total_value_usd),
	design_construction_usd pg_catalog.numeric NOT NULL DEFAULT 0
		CONSTRAINT design_construction_is_within_total
		CHECK (design_construction_usd OPERATOR(pg_catalog.>=) 0 AND design_construction_usd OPERATOR(pg_catalog.<=) total_value_usd),
	usml fms.usml[],
	mtcr_category pg_catalog.int4
		CONSTRAINT mtcr_category_is_1_or_2 CHECK (mtcr_category OPERATOR(pg_catalog.=) ANY (ARRAY[1, 2])),
	CONSTRAINT dates_within_the_calendar
		CHECK (LEAST(lor_received_on, lor_complete_on, aod_on, milap_on, offered_on, oed_on, accepted_on, deposit_received_on, implemented_on, supply_complete_on, closed_on, cancelled_on, status_since) OPERATOR(pg_catalog.>=) '1900-01-01'
		       AND GREATEST(lor_received_on, lor_complete_on, aod_on, milap_on, offered_on, oed_on, accepted_on, deposit_received_on, implemented_on, supply_complete_on, closed_on, cancelled_on, status_since) OPERATOR(pg_catalog.<=) '2200-12-31'),
	interim_closed_on pg_catalog.date
		CONSTRAINT interim_closed_within_the_calendar
		CHECK (interim_closed_on OPERATOR(pg_catalog.>=) '1900-01-01' AND interim_closed_on OPERATOR(pg_catalog.<=) '2200-12-31'),
	funding_source pg_catalog.text REFERENCES fms.funding_sources ON UPDATE CASCADE,
	-- Checked at commit: fms.verify_workflow() writes the entry after the row.
	CONSTRAINT status_log_id_names_an_entry FOREIGN KEY (case_id, status_log_id)
		REFERENCES fms.transition_log (case_id, id) DEFERRABLE INITIALLY DEFERRED,
	-- NaN sorts above 'Infinity', so this keeps both out.
	CONSTRAINT values_are_finite
		CHECK (total_value_usd OPERATOR(pg_catalog.<) 'Infinity' AND mde_value_usd OPERATOR(pg_catalog.<) 'Infinity'
		       AND design_construction_usd OPERATOR(pg_catalog.<) 'Infinity')
);
SELECT pg_catalog.pg_extension_config_dump('fms.cases', '');
CREATE INDEX cases_status ON fms.cases (status);
CREATE INDEX cases_customer ON fms.cases (customer_code);
COMMENT ON TABLE fms.cases IS 'FMS cases (basic LOAs); status governed by workflow machine ''loa''';
COMMENT ON COLUMN fms.cases.case_id IS 'case identifier, e.g. ''JA-D-QAB''';
COMMENT ON COLUMN fms.cases.customer_code IS 'Security Cooperation customer code, from the case identifier';
COMMENT ON COLUMN fms.cases.agency_code IS 'implementing agency code, from the case identifier';
COMMENT ON COLUMN fms.cases.title IS 'short description of what the case sells';
COMMENT ON COLUMN fms.cases.category IS 'LOA category: defined_order, blanket_order, clssa or bpc';
COMMENT ON COLUMN fms.cases.aod_group IS 'Anticipated Offer Date group, A to D';
COMMENT ON COLUMN fms.cases.status IS 'life-cycle state (workflow machine ''loa''): development, write, review, proposed, offered, accepted, implemented, supply_complete, interim_closed, closed or cancelled';
COMMENT ON COLUMN fms.cases.status_since IS 'effective date the case entered its status';
COMMENT ON COLUMN fms.cases.status_log_id IS 'fms.transition_log entry of the latest status change, set by the workflow (a restored row brings it along)';
COMMENT ON COLUMN fms.cases.lor_received_on IS 'Letter of Request received';
COMMENT ON COLUMN fms.cases.lor_complete_on IS 'Letter of Request complete (validated)';
COMMENT ON COLUMN fms.cases.aod_on IS 'Anticipated Offer Date';
COMMENT ON COLUMN fms.cases.milap_on IS 'MILDEP approval (MILAP); the OED counts from it';
COMMENT ON COLUMN fms.cases.offered_on IS 'offered to the purchaser (document sent)';
COMMENT ON COLUMN fms.cases.oed_on IS 'offer expiration date; defaults to MILAP plus the OED period in fms.policy_settings';
COMMENT ON COLUMN fms.cases.accepted_on IS 'purchaser signed the LOA';
COMMENT ON COLUMN fms.cases.deposit_received_on IS 'initial deposit received';
COMMENT ON COLUMN fms.cases.implemented_on IS 'case implemented';
COMMENT ON COLUMN fms.cases.supply_complete_on IS 'Supply/Services Complete (SSC) posted';
COMMENT ON COLUMN fms.cases.closed_on IS 'case closed (final closure)';
COMMENT ON COLUMN fms.cases.interim_closed_on IS 'interim closure (cases of ACCP participants)';
COMMENT ON COLUMN fms.cases.funding_source IS 'how the case is paid for (fms.funding_sources): NATIONAL, FMF, BPC_TITLE_10, ...; NULL if not recorded';
COMMENT ON COLUMN fms.cases.cancelled_on IS 'case cancelled';
COMMENT ON COLUMN fms.cases.emergency_implementation IS 'DSCA approved implementation before the initial deposit';
COMMENT ON COLUMN fms.cases.total_value_usd IS 'value of the basic LOA, U.S. dollars: the sum of its lines (fms.case_lines) once it has any, else as typed';
COMMENT ON COLUMN fms.cases.mde_value_usd IS 'value of major defense equipment, U.S. dollars: that of its MDE lines once it has lines';
COMMENT ON COLUMN fms.cases.design_construction_usd IS 'value of design and construction services, U.S. dollars: that of its design-and-construction lines once it has lines';
COMMENT ON COLUMN fms.cases.usml IS 'U.S. Munitions List entries of the articles';
COMMENT ON COLUMN fms.cases.mtcr_category IS 'MTCR category of the items, 1 or 2; NULL if not MTCR items';

-- Amendments (A1, A2, ...) change scope and are accepted by the purchaser;
-- modifications (M1, ...) are USG changes without acceptance (DSCA 08-42).
-- Values are the change's own, so a modification may lower them.
CREATE TABLE fms.case_changes (
	case_id fms.case_id NOT NULL REFERENCES fms.cases,
	change_no pg_catalog.text NOT NULL
		CONSTRAINT change_no_is_a_or_m_and_a_number
		CHECK (change_no OPERATOR(pg_catalog.~) '^[AM][1-9][0-9]{0,2}$'),
	kind pg_catalog.text NOT NULL
		GENERATED ALWAYS AS (CASE WHEN pg_catalog.left(change_no, 1) OPERATOR(pg_catalog.=) 'A'
		                          THEN 'amendment' ELSE 'modification' END) STORED,
	title pg_catalog.text NOT NULL,
	aod_group pg_catalog.text
		CONSTRAINT aod_group_is_a_to_d
		CHECK (aod_group OPERATOR(pg_catalog.=) ANY (ARRAY['A', 'B', 'C', 'D'])),
	status pg_catalog.text NOT NULL DEFAULT 'development',
	status_since pg_catalog.date,
	status_log_id pg_catalog.int8,
	lor_received_on pg_catalog.date,
	lor_complete_on pg_catalog.date,
	aod_on pg_catalog.date,
	milap_on pg_catalog.date,
	offered_on pg_catalog.date,
	oed_on pg_catalog.date,
	accepted_on pg_catalog.date,
	implemented_on pg_catalog.date,
	cancelled_on pg_catalog.date,
	total_value_usd pg_catalog.numeric NOT NULL DEFAULT 0,
	mde_value_usd pg_catalog.numeric NOT NULL DEFAULT 0,
	design_construction_usd pg_catalog.numeric NOT NULL DEFAULT 0,
	usml fms.usml[],
	PRIMARY KEY (case_id, change_no),
	-- Checked at commit: fms.verify_workflow() writes the entry after the row.
	CONSTRAINT status_log_id_names_an_entry FOREIGN KEY (case_id, status_log_id)
		REFERENCES fms.transition_log (case_id, id) DEFERRABLE INITIALLY DEFERRED,
	CONSTRAINT dates_within_the_calendar
		CHECK (LEAST(lor_received_on, lor_complete_on, aod_on, milap_on, offered_on, oed_on, accepted_on, implemented_on, cancelled_on, status_since) OPERATOR(pg_catalog.>=) '1900-01-01'
		       AND GREATEST(lor_received_on, lor_complete_on, aod_on, milap_on, offered_on, oed_on, accepted_on, implemented_on, cancelled_on, status_since) OPERATOR(pg_catalog.<=) '2200-12-31'),
	CONSTRAINT values_are_finite
		CHECK (total_value_usd OPERATOR(pg_catalog.<) 'Infinity' AND total_value_usd OPERATOR(pg_catalog.>) '-Infinity'
		       AND mde_value_usd OPERATOR(pg_catalog.<) 'Infinity' AND mde_value_usd OPERATOR(pg_catalog.>) '-Infinity'
		       AND design_construction_usd OPERATOR(pg_catalog.<) 'Infinity' AND design_construction_usd OPERATOR(pg_catalog.>) '-Infinity')
);
SELECT pg_catalog.pg_extension_config_dump('fms.case_changes', '');
COMMENT ON TABLE fms.case_changes IS 'amendments (A1, A2, ...) and modifications (M1, ...) of cases; status governed by workflow machine ''amendment'' or ''modification''';
COMMENT ON COLUMN fms.case_changes.case_id IS 'the case changed';
COMMENT ON COLUMN fms.case_changes.change_no IS 'A1, A2, ... for amendments, M1, M2, ... for modifications';
COMMENT ON COLUMN fms.case_changes.kind IS '''amendment'' or ''modification'', from change_no';
COMMENT ON COLUMN fms.case_changes.title IS 'what the change does';
COMMENT ON COLUMN fms.case_changes.aod_group IS 'Anticipated Offer Date group, A to D';
COMMENT ON COLUMN fms.case_changes.status IS 'life-cycle state: amendments development ... offered, accepted, implemented; modifications development ... proposed, implemented; or cancelled';
COMMENT ON COLUMN fms.case_changes.status_since IS 'effective date the change entered its status';
COMMENT ON COLUMN fms.case_changes.status_log_id IS 'fms.transition_log entry of the latest status change, set by the workflow (a restored row brings it along)';
COMMENT ON COLUMN fms.case_changes.lor_received_on IS 'Letter of Request received';
COMMENT ON COLUMN fms.case_changes.lor_complete_on IS 'Letter of Request complete';
COMMENT ON COLUMN fms.case_changes.aod_on IS 'Anticipated Offer Date';
COMMENT ON COLUMN fms.case_changes.milap_on IS 'MILDEP approval (MILAP)';
COMMENT ON COLUMN fms.case_changes.offered_on IS 'offered to the purchaser (amendments)';
COMMENT ON COLUMN fms.case_changes.oed_on IS 'offer expiration date (amendments); defaults to MILAP plus the standard OED period';
COMMENT ON COLUMN fms.case_changes.accepted_on IS 'purchaser accepted (amendments)';
COMMENT ON COLUMN fms.case_changes.implemented_on IS 'change implemented';
COMMENT ON COLUMN fms.case_changes.cancelled_on IS 'change cancelled';
COMMENT ON COLUMN fms.case_changes.total_value_usd IS 'change in total case value, U.S. dollars (negative for a price decrease): what its line versions change, once it has lines, else as typed';
COMMENT ON COLUMN fms.case_changes.mde_value_usd IS 'change in major defense equipment value, U.S. dollars';
COMMENT ON COLUMN fms.case_changes.design_construction_usd IS 'change in design and construction value, U.S. dollars';
COMMENT ON COLUMN fms.case_changes.usml IS 'U.S. Munitions List entries the change adds';

-- Triggers fire in name order: the workflow (which stamps milap_on) before
-- the defaults (which derive oed_on from it).  "UPDATE OF": an update that
-- names neither column does not call the workflow trigger at all.  Whatever
-- an update names, and whatever other triggers do, fms.verify_workflow()
-- checks the row as finally written against the log; its WHEN clause skips
-- updates that change none of what it checks.  All fire ALWAYS: under
-- session_replication_role = replica too, where replicated rows must
-- arrive with their history.
CREATE TRIGGER enforce_workflow BEFORE INSERT OR UPDATE OF status, status_log_id ON fms.cases
	FOR EACH ROW EXECUTE FUNCTION fms.enforce_workflow('loa');
CREATE TRIGGER verify_workflow_insert AFTER INSERT ON fms.cases
	FOR EACH ROW EXECUTE FUNCTION fms.verify_workflow();
CREATE TRIGGER verify_workflow_update AFTER UPDATE ON fms.cases
	FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.status_log_id IS DISTINCT FROM NEW.status_log_id
	                   OR OLD.status_since IS DISTINCT FROM NEW.status_since OR OLD.case_id OPERATOR(fms.<>) NEW.case_id)
	EXECUTE FUNCTION fms.verify_workflow();
CREATE TRIGGER enforce_workflow_amendment BEFORE INSERT OR UPDATE OF status, status_log_id ON fms.case_changes
	FOR EACH ROW WHEN (pg_catalog.left(NEW.change_no, 1) OPERATOR(pg_catalog.=) 'A')
	EXECUTE FUNCTION fms.enforce_workflow('amendment');
CREATE TRIGGER enforce_workflow_modification BEFORE INSERT OR UPDATE OF status, status_log_id ON fms.case_changes
	FOR EACH ROW WHEN (pg_catalog.left(NEW.change_no, 1) OPERATOR(pg_catalog.=) 'M')
	EXECUTE FUNCTION fms.enforce_workflow('modification');
CREATE TRIGGER verify_workflow_insert AFTER INSERT ON fms.case_changes
	FOR EACH ROW EXECUTE FUNCTION fms.verify_workflow();
CREATE TRIGGER verify_workflow_update AFTER UPDATE ON fms.case_changes
	FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.status_log_id IS DISTINCT FROM NEW.status_log_id
	                   OR OLD.status_since IS DISTINCT FROM NEW.status_since OR OLD.case_id OPERATOR(fms.<>) NEW.case_id OR OLD.change_no OPERATOR(pg_catalog.<>) NEW.change_no)
	EXECUTE FUNCTION fms.verify_workflow();
ALTER TABLE fms.cases ENABLE ALWAYS TRIGGER enforce_workflow;
ALTER TABLE fms.cases ENABLE ALWAYS TRIGGER verify_workflow_insert;
ALTER TABLE fms.cases ENABLE ALWAYS TRIGGER verify_workflow_update;
ALTER TABLE fms.case_changes ENABLE ALWAYS TRIGGER enforce_workflow_amendment;
ALTER TABLE fms.case_changes ENABLE ALWAYS TRIGGER enforce_workflow_modification;
ALTER TABLE fms.case_changes ENABLE ALWAYS TRIGGER verify_workflow_insert;
ALTER TABLE fms.case_changes ENABLE ALWAYS TRIGGER verify_workflow_update;

-- Dates DSAMS derives: the offer expiration date from MILAP (not for
-- modifications, which are not offered) and the anticipated offer date from
-- LOR complete and the AOD group's target.  Until the offer, a defaulted
-- OED (one that is MILAP plus the period in force) follows a corrected
-- MILAP; any other OED was entered by hand and is kept.  Returning an
-- offered document to development clears the dates of that offer.
CREATE FUNCTION fms.fill_default_dates() RETURNS trigger
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	kind text := CASE WHEN TG_TABLE_NAME = 'cases' THEN 'loa'
	                  WHEN left(to_jsonb(NEW) ->> 'change_no', 1) = 'A' THEN 'amendment'
	                  ELSE 'modification' END;
BEGIN
	IF kind <> 'modification' AND NEW.milap_on IS NOT NULL
	   AND (NEW.oed_on IS NULL
	        OR (TG_OP = 'UPDATE' AND OLD.offered_on IS NULL AND OLD.milap_on IS NOT NULL
	            AND NEW.milap_on <> OLD.milap_on AND NEW.oed_on IS NOT DISTINCT FROM OLD.oed_on
	            AND OLD.oed_on = fms.offer_expiration(jsonb_populate_record(OLD, '{"oed_on": null}')))) THEN
		NEW.oed_on := fms.offer_expiration(jsonb_populate_record(NEW, '{"oed_on": null}'));
	END IF;
	-- A document returned for rework (or reactivated) will be offered and
	-- accepted anew: the dates of the earlier offer no longer hold.
	IF TG_OP = 'UPDATE' AND NEW.status = 'development' AND OLD.status IN ('offered', 'cancelled') THEN
		NEW.offered_on := NULL;
		NEW.accepted_on := NULL;
	END IF;
	IF NEW.aod_on IS NULL AND NEW.lor_complete_on IS NOT NULL AND NEW.aod_group IS NOT NULL THEN
		NEW.aod_on := NEW.lor_complete_on + fms.lead_time_target(NEW.aod_group, kind, NEW.lor_complete_on);
	END IF;
	RETURN NEW;
END
$$;
COMMENT ON FUNCTION fms.fill_default_dates() IS 'trigger of the case tables: oed_on defaults to MILAP plus the OED period (fms.policy_settings) and follows a corrected MILAP until the offer, aod_on defaults to LOR complete plus the AOD target (fms.lead_time_targets), in calendar days as DSAMS counts; a return to development clears the earlier offer''s dates';
-- On update, only when a date it derives from (or derives) moves or the
-- document returns to development from an offer: a write of the values
-- alone (the lines' derivation) or a step along the workflow does not call
-- it.
CREATE TRIGGER fill_default_dates BEFORE INSERT ON fms.cases
	FOR EACH ROW EXECUTE FUNCTION fms.fill_default_dates();
CREATE TRIGGER fill_default_dates_on_update BEFORE UPDATE ON fms.cases
	FOR EACH ROW WHEN (OLD.milap_on IS DISTINCT FROM NEW.milap_on OR OLD.oed_on IS DISTINCT FROM NEW.oed_on
	                   OR (NEW.status OPERATOR(pg_catalog.=) 'development'
	                       AND OLD.status OPERATOR(pg_catalog.=) ANY (ARRAY['offered', 'cancelled']::pg_catalog.text[]))
	                   OR OLD.lor_complete_on IS DISTINCT FROM NEW.lor_complete_on
	                   OR OLD.aod_group IS DISTINCT FROM NEW.aod_group OR OLD.aod_on IS DISTINCT FROM NEW.aod_on)
	EXECUTE FUNCTION fms.fill_default_dates();
CREATE TRIGGER fill_default_dates BEFORE INSERT ON fms.case_changes
	FOR EACH ROW EXECUTE FUNCTION fms.fill_default_dates();
CREATE TRIGGER fill_default_dates_on_update BEFORE UPDATE ON fms.case_changes
	FOR EACH ROW WHEN (OLD.milap_on IS DISTINCT FROM NEW.milap_on OR OLD.oed_on IS DISTINCT FROM NEW.oed_on
	                   OR (NEW.status OPERATOR(pg_catalog.=) 'development'
	                       AND OLD.status OPERATOR(pg_catalog.=) ANY (ARRAY['offered', 'cancelled']::pg_catalog.text[]))
	                   OR OLD.lor_complete_on IS DISTINCT FROM NEW.lor_complete_on
	                   OR OLD.aod_group IS DISTINCT FROM NEW.aod_group OR OLD.aod_on IS DISTINCT FROM NEW.aod_on)
	EXECUTE FUNCTION fms.fill_default_dates();

-- Every document in one place, for the views that treat them alike: basic
-- LOAs (a row of fms.cases each), amendments and modifications.
CREATE VIEW fms.documents AS
SELECT c.case_id, NULL::pg_catalog.text AS change_no, 'loa'::pg_catalog.text AS kind,
       c.customer_code, c.agency_code, c.aod_group, c.status, c.status_since,
       c.status OPERATOR(pg_catalog.<>) ALL (ARRAY['closed', 'cancelled']) AS is_open,
       c.lor_received_on, c.lor_complete_on, c.aod_on, c.offered_on, c.accepted_on, c.implemented_on,
       c.total_value_usd, c.mde_value_usd, c.design_construction_usd, c.usml,
       c.oed_on, c.supply_complete_on
  FROM fms.cases AS c
UNION ALL
SELECT x.case_id, x.change_no, x.kind,
       fms.customer_code(x.case_id), fms.agency_code(x.case_id), x.aod_group, x.status, x.status_since,
       x.status OPERATOR(pg_catalog.<>) ALL (ARRAY['implemented', 'cancelled']),
       x.lor_received_on, x.lor_complete_on, x.aod_on, x.offered_on, x.accepted_on, x.implemented_on,
       x.total_value_usd, x.mde_value_usd, x.design_construction_usd, x.usml,
       x.oed_on, NULL
  FROM fms.case_changes AS x;
COMMENT ON VIEW fms.documents IS 'every basic LOA, amendment and modification, with the columns they share';
COMMENT ON COLUMN fms.documents.case_id IS 'the case';
COMMENT ON COLUMN fms.documents.change_no IS 'amendment or modification number; NULL for the basic LOA';
COMMENT ON COLUMN fms.documents.kind IS 'loa, amendment or modification';
COMMENT ON COLUMN fms.documents.customer_code IS 'customer code, from the case identifier';
COMMENT ON COLUMN fms.documents.agency_code IS 'implementing agency code, from the case identifier';
COMMENT ON COLUMN fms.documents.aod_group IS 'AOD group, A to D';
COMMENT ON COLUMN fms.documents.status IS 'state of the document';
COMMENT ON COLUMN fms.documents.status_since IS 'day the document entered its status';
COMMENT ON COLUMN fms.documents.is_open IS 'neither finished (a closed case, an implemented change) nor cancelled';
COMMENT ON COLUMN fms.documents.lor_received_on IS 'Letter of Request received';
COMMENT ON COLUMN fms.documents.lor_complete_on IS 'Letter of Request complete';
COMMENT ON COLUMN fms.documents.aod_on IS 'Anticipated Offer Date';
COMMENT ON COLUMN fms.documents.offered_on IS 'offered to the purchaser';
COMMENT ON COLUMN fms.documents.accepted_on IS 'accepted by the purchaser';
COMMENT ON COLUMN fms.documents.implemented_on IS 'implemented';
COMMENT ON COLUMN fms.documents.total_value_usd IS 'total value, U.S. dollars (a change: the change in value)';
COMMENT ON COLUMN fms.documents.mde_value_usd IS 'major defense equipment value, U.S. dollars';
COMMENT ON COLUMN fms.documents.design_construction_usd IS 'design and construction services value, U.S. dollars';
COMMENT ON COLUMN fms.documents.usml IS 'U.S. Munitions List entries';
COMMENT ON COLUMN fms.documents.oed_on IS 'offer expiration date (basic LOAs and amendments)';
COMMENT ON COLUMN fms.documents.supply_complete_on IS 'supply complete (basic LOAs)';
