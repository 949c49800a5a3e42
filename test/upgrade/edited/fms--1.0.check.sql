-- After the update of the edited 1.0 database: one row, every column true.
SELECT (SELECT NOT is_terminal AND description LIKE '%(our note)' FROM fms.workflow_states
         WHERE machine = 'loa' AND state = 'closed') AS closed_reopenable_and_note_kept,
       (SELECT guard = 'fms.guard_license_approval(anyelement)' AND description LIKE '%(our note)'
          FROM fms.workflow_transitions
         WHERE machine = 'dcs_license' AND from_state = 'in_review' AND to_state = 'approved') AS approval_guarded_note_kept,
       (SELECT guard = 'fms.guard_closure(anyelement)' FROM fms.workflow_transitions
         WHERE machine = 'loa' AND from_state = 'supply_complete' AND to_state = 'closed') AS closure_guarded,
       (SELECT value = 18 AND origin = 'added' FROM fms.policy_settings
         WHERE setting = 'closure_months_after_ssc') AS own_timer_kept,
       (SELECT count(*) = 1 AND min(valid_from) = '2024-01-01' AND min(origin) = 'edited' FROM fms.country_group_members
         WHERE group_code = 'ITAR_126_1_DENIAL' AND country_code = 'IR') AS edited_membership_kept,
       NOT EXISTS (SELECT FROM fms.country_group_members
                    WHERE group_code = 'ITAR_126_1_DENIAL' AND country_code = 'SY') AS deletion_kept,
       EXISTS (SELECT FROM fms.deleted_shipped_rows
                WHERE row_key = '{"group_code": "ITAR_126_1_DENIAL", "country_code": "SY", "valid_from": "1993-07-22"}') AS deletion_renamed,
       (SELECT valid_from = '1993-07-22' FROM fms.country_group_members
         WHERE group_code = 'ITAR_126_1_DENIAL' AND country_code = 'CU') AS untouched_membership_redated;
