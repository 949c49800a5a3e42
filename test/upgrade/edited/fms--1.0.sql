-- A user's edits of release 1.0's shipped rows, made before updating it:
-- the update must succeed, keep them, and still leave every rule of the new
-- release in force (test/upgrade.sh runs the checks in fms--1.0.check.sql).
UPDATE fms.workflow_states SET description = description || ' (our note)'
 WHERE machine = 'loa' AND state = 'closed';
UPDATE fms.workflow_transitions SET description = description || ' (our note)'
 WHERE machine = 'dcs_license' AND from_state = 'in_review' AND to_state = 'approved';
UPDATE fms.workflow_transitions SET description = description || ' (our note)'
 WHERE machine = 'loa' AND from_state = 'supply_complete' AND to_state = 'closed';
INSERT INTO fms.policy_settings (setting, valid_from, value, unit, source)
VALUES ('closure_months_after_ssc', '2025-01-30', 18, 'months after supply complete', 'our own rule');
UPDATE fms.country_group_members SET source = source || ' (checked)'
 WHERE group_code = 'ITAR_126_1_DENIAL' AND country_code = 'IR';
DELETE FROM fms.country_group_members WHERE group_code = 'ITAR_126_1_DENIAL' AND country_code = 'SY';
