/* src/sql/workflow_seed.sql -- the machines loa, amendment and modification */

-- States follow the DSAMS case-version statuses of SAMM Table C5.T9 and the
-- life cycle of SAMM chapters 5, 6 and 16.  Milestone columns name the
-- date columns of fms.cases and fms.case_changes.
INSERT INTO fms.workflow_states (machine, state, is_initial, is_terminal, position, milestone_column, description, origin)
SELECT m.machine, s.state, s.state = 'development', s.state = ANY (m.terminal), s.position, s.milestone_column, s.description, 'shipped'
  FROM (VALUES ('loa', ARRAY[]::text[]),
               ('amendment', ARRAY['implemented']),
               ('modification', ARRAY['implemented'])) AS m(machine, terminal),
       (VALUES
	(1, 'development', NULL, 'DSAMS "Development": created with the case version (milestone DSTATUS, SAMM C5.T9). Confirmed.'),
	(2, 'write', 'milap_on', 'DSAMS "Write": CWD writing the case (WSTATUS, SAMM C5.T9). Confirmed. MILAP (MILDEP approval) precedes it in C5.T9, so entering write stamps milap_on if not given: a choice, as DSAMS posts MILAP itself.'),
	(3, 'review', NULL, 'DSAMS "Review" (RSTATUS, SAMM C5.T9). Confirmed.'),
	(4, 'proposed', NULL, 'DSAMS "Proposed" (PSTATUS): on the State Department list for approval (STLST, SAMM C5.T9). Confirmed.'),
	(5, 'offered', 'offered_on', 'Document sent to the purchaser (DOCMNTSENT, archived eSAMM C5.4.2). Confirmed.'),
	(6, 'accepted', 'accepted_on', 'Purchaser signed the LOA on or before the OED (LOA Standardization Guide section 4; DSCA 21-34). Partial: exact DSCA 21-34 wording not seen.'),
	(7, 'implemented', 'implemented_on', 'Implemented once the initial deposit is in, or by DSCA-approved emergency implementation (SAMM C6.1.1, C6.1.2). Confirmed.'),
	(8, 'supply_complete', 'supply_complete_on', 'Supply/Services Complete: final delivery done (DSCA Policy 25-100). Confirmed.'),
	(9, 'interim_closed', 'interim_closed_on', 'Interim closure of a case of an ACCP participant, before final closure (Accelerated Case Closure Procedures; DSCA Case Reconciliation and Closure Guide, A7.C4.14). Confirmed in review.'),
	(10, 'closed', 'closed_on', 'Closed: final closure (SAMM C16.1.1.2). Confirmed. A closed case can be reopened (A7.C4.15), so not terminal.'),
	(11, 'cancelled', 'cancelled_on', 'Cancelled (SAMM C6.8, CWDRETD). Partial: the cancellation rules were not read. Reactivation is allowed (DSCA 07-40), so not terminal.'))
	   AS s(position, state, milestone_column, description)
 WHERE m.machine = 'loa'
    OR (m.machine = 'amendment' AND s.state <> ALL (ARRAY['supply_complete', 'interim_closed', 'closed']))
    OR (m.machine = 'modification' AND s.state <> ALL (ARRAY['offered', 'accepted', 'supply_complete', 'interim_closed', 'closed']));

INSERT INTO fms.workflow_transitions (machine, from_state, to_state, requires_reason, guard, description, origin)
SELECT e.machine, e.from_state, e.to_state, e.requires_reason, e.guard, e.description, 'shipped'
  FROM (
	-- The preparation path, the same for the three document kinds.
	SELECT m, 'development', 'write', false, 'fms.guard_dates_in_order(anyelement)', 'MILDEP approval and hand-over to CWD for writing (SAMM C5.T9 order). Partial: guard conditions unconfirmed.'
	  FROM unnest(ARRAY['loa', 'amendment', 'modification']) AS m
	UNION ALL
	SELECT m, 'write', 'review', false, NULL, 'Writing complete (WRITECOMP), to review (RSTATUS) (SAMM C5.T9).'
	  FROM unnest(ARRAY['loa', 'amendment', 'modification']) AS m
	UNION ALL
	SELECT m, 'review', 'proposed', false, NULL, 'Reviewed, to Proposed and the State Department list (PSTATUS, STLST; SAMM C5.T9).'
	  FROM unnest(ARRAY['loa', 'amendment', 'modification']) AS m
	UNION ALL
	SELECT m, f, 'development', true, NULL, 'Returned to development for rework, with a return reason (DSCA Policy 11-03). Confirmed.'
	  FROM unnest(ARRAY['loa', 'amendment', 'modification']) AS m,
	       unnest(ARRAY['write', 'review', 'proposed', 'offered']) AS f
	 WHERE NOT (m = 'modification' AND f = 'offered')
	UNION ALL
	SELECT m, f, 'cancelled', true, NULL, 'Cancelled before implementation, with a reason (SAMM C6.8). Partial: the rules were not read; any state before implemented is a choice.'
	  FROM unnest(ARRAY['loa', 'amendment', 'modification']) AS m,
	       unnest(ARRAY['development', 'write', 'review', 'proposed', 'offered', 'accepted']) AS f
	 WHERE NOT (m = 'modification' AND f = ANY (ARRAY['offered', 'accepted']))
	UNION ALL
	SELECT m, 'cancelled', 'development', true, NULL, 'Reactivation of a cancelled document, with a reason (DSCA Policy 07-40). Confirmed that it exists.'
	  FROM unnest(ARRAY['loa', 'amendment', 'modification']) AS m
	UNION ALL
	-- Offer, acceptance, implementation: basic LOAs and amendments, which the purchaser accepts.
	-- fms.guard_offer() is defined with the congressional notifications it reads.
	SELECT m, 'proposed', 'offered', false, 'fms.guard_offer(anyelement)', 'State Department approval and DSCA countersignature, then offered to the purchaser (archived eSAMM C5.4.2). Confirmed. The offer waits for the end of the formal congressional review when notification is required (AECA 36(b)(1)), and is never made to a destination a rule denies on the offer date (ITAR 126.1) nor after the offer expiration date.'
	  FROM unnest(ARRAY['loa', 'amendment']) AS m
	UNION ALL
	SELECT m, 'offered', 'accepted', false, 'fms.guard_acceptance(anyelement)', 'Purchaser signs on or before the offer expiration date (LOA Standardization Guide section 4). Confirmed.'
	  FROM unnest(ARRAY['loa', 'amendment']) AS m
	UNION ALL
	SELECT 'loa', 'accepted', 'implemented', false, 'fms.guard_implementation(anyelement)', 'Initial deposit received, or emergency implementation approved by DSCA (SAMM C6.1.1, C6.1.2). Confirmed.'
	UNION ALL
	SELECT 'amendment', 'accepted', 'implemented', false, 'fms.guard_dates_in_order(anyelement)', 'Amendment implemented after acceptance. Any additional deposit is not checked: a choice.'
	UNION ALL
	-- Modifications need no purchaser acceptance (DSCA Policy 08-42).
	SELECT 'modification', 'proposed', 'implemented', false, 'fms.guard_dates_in_order(anyelement)', 'Modifications need no purchaser acceptance and are measured to implementation (DSCA 08-42; archived eSAMM C5.4.2). Confirmed.'
	UNION ALL
	-- Execution and closure of the basic case.
	SELECT 'loa', 'implemented', 'supply_complete', false, 'fms.guard_supply_complete(anyelement)', 'Final delivery of articles and services: SSC posted (DSCA Policy 25-100) once every line is delivered or closed out (DSCA Case Reconciliation and Closure Guide A7.C3.1.1). Confirmed.'
	UNION ALL
	-- Closure: cases of ACCP participants through interim closure, others
	-- directly; each waits for the timer in force (fms.guard_closure).
	SELECT 'loa', 'supply_complete', 'closed', false, 'fms.guard_closure(anyelement)', 'Final closure of a case of a customer outside ACCP, the closure timer after SSC having run (DSCA Policy 25-100: closed 12 months after posting SSC). Confirmed.'
	UNION ALL
	SELECT 'loa', 'supply_complete', 'interim_closed', false, 'fms.guard_closure(anyelement)', 'Interim closure of a case of an ACCP participant after SSC, while financial activity may remain (DSCA Policy 21-72; Case Reconciliation and Closure Guide A7.C4.14). Partial: the exact start of the ACCP timeline was not seen.'
	UNION ALL
	SELECT 'loa', 'interim_closed', 'closed', false, 'fms.guard_closure(anyelement)', 'Final closure after interim closure, the ACCP timer after SSC having run (DSCA Policy 21-72: 24 months). Partial: see fms.policy_settings.'
	UNION ALL
	SELECT 'loa', f, 'implemented', true, NULL, 'Reopening a closed case, with a reason (Case Reconciliation and Closure Guide A7.C4.15). Confirmed that SAMM allows it; the conditions are the reason''s to state.'
	  FROM unnest(ARRAY['interim_closed', 'closed']) AS f
  ) AS e(machine, from_state, to_state, requires_reason, guard, description);

-- Machine dcs_license (fms.dcs_licenses): DDTC licence adjudication.
INSERT INTO fms.workflow_states (machine, state, is_initial, is_terminal, position, milestone_column, description, origin) VALUES
	('dcs_license', 'submitted', true, false, 1, 'submitted_on', 'Application filed with DDTC (DECCS). Confirmed.', 'shipped'),
	('dcs_license', 'in_review', false, false, 2, NULL, 'Under review ("In-Review", DDTC notice 2018). Partial: the full DECCS status list was not found.', 'shipped'),
	('dcs_license', 'approved', false, true, 3, 'decided_on', 'Approved. Confirmed.', 'shipped'),
	('dcs_license', 'approved_with_provisos', false, true, 4, 'decided_on', 'Approved with provisos. Unconfirmed as a separate outcome.', 'shipped'),
	('dcs_license', 'denied', false, true, 5, 'decided_on', 'Denied. Confirmed.', 'shipped'),
	('dcs_license', 'returned_without_action', false, true, 6, 'decided_on', 'Returned without action (RWA). Partial.', 'shipped');
INSERT INTO fms.workflow_transitions (machine, from_state, to_state, requires_reason, guard, description, origin) VALUES
	('dcs_license', 'submitted', 'in_review', false, NULL, 'Accepted for review.', 'shipped'),
	('dcs_license', 'submitted', 'returned_without_action', true, NULL, 'Returned at intake, with a reason: a choice.', 'shipped'),
	('dcs_license', 'in_review', 'approved', false, 'fms.guard_license_approval(anyelement)', 'Approved: never for a destination a rule denies on the decision date (22 CFR 126.1), nor before the formal review of a required 36(c) or 36(d) notification has ended (22 CFR 123.15(b), 124.11).', 'shipped'),
	('dcs_license', 'in_review', 'approved_with_provisos', false, 'fms.guard_license_approval(anyelement)', 'Approved with provisos: guarded as an approval.', 'shipped'),
	('dcs_license', 'in_review', 'denied', true, NULL, 'Denied, with a reason.', 'shipped'),
	('dcs_license', 'in_review', 'returned_without_action', true, NULL, 'Returned without action, with a reason.', 'shipped');
