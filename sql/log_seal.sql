--
-- Tamper evidence: every transition log entry is sealed with a SHA-256 hash
-- over its content and the seal of the entry before it for the same row;
-- fms.verify_transition_log() lists every break.
--

-- Everything the earlier tests wrote through the workflow is sealed and
-- chained, and reads the same whatever the session's DateStyle and TimeZone.
SELECT count(*) AS entries, count(*) FILTER (WHERE hash IS NULL) AS unsealed,
       count(*) FILTER (WHERE length(hash) <> 32) AS not_sha256
  FROM fms.transition_log;
-- So is the log of the rows that belong to no case (licences, tables of
-- one's own): sealed alike, with no case.
SELECT count(*) AS entries, count(*) FILTER (WHERE hash IS NULL) AS unsealed,
       bool_and(hash = fms.transition_log_hash(l)) AS seals_hold
  FROM fms.row_transition_log AS l;
SELECT count(*) AS breaks FROM fms.verify_transition_log();
SET DateStyle = 'SQL, DMY';
SET TimeZone = 'Asia/Tokyo';
SELECT count(*) AS breaks_under_other_settings FROM fms.verify_transition_log();
RESET DateStyle;
RESET TimeZone;

-- Three cases with short histories.
BEGIN;
INSERT INTO fms.customers VALUES ('BE', 'Belgium', 'country', 'BE') ON CONFLICT DO NOTHING;
SET LOCAL fms.effective_date = '2024-01-10';
INSERT INTO fms.cases (case_id, title) VALUES ('BE-D-SAA', 'sealed one'), ('BE-D-SAB', 'sealed two'), ('BE-D-SAC', 'sealed three');
SELECT count(*) FROM fms.transition('BE-D-SAA', 'write', '2024-02-01');
SELECT count(*) FROM fms.transition('BE-D-SAA', 'review', '2024-02-05');
SELECT count(*) FROM fms.transition('BE-D-SAA', 'proposed', '2024-02-10');
SELECT count(*) FROM fms.transition('BE-D-SAB', 'write', '2024-02-01');
SELECT count(*) FROM fms.transition('BE-D-SAB', 'review', '2024-02-05');
SELECT count(*) FROM fms.transition('BE-D-SAC', 'write', '2024-02-01');
-- Each entry links to the seal of the one before it for its row; the first
-- links to none.
SELECT row_key, to_state,
       previous_hash IS NOT DISTINCT FROM lag(hash) OVER (PARTITION BY row_key ORDER BY id) AS linked,
       hash = fms.transition_log_hash(l) AS seal_holds
  FROM fms.transition_log AS l
 WHERE row_key LIKE 'BE-D-SA_' ORDER BY row_key, id;
SELECT count(*) AS breaks FROM fms.verify_transition_log();

-- A superuser disables the guard and edits history: each kind of edit is
-- reported, even when the forger seals his entries as the workflow would.
-- SAA: a reason rewritten in its second entry, and an entry forged after
-- its first (a fork); SAB: its middle entry deleted, and a second first
-- entry forged; SAC: its first entry's date moved, and an entry forged after
-- its latest.
ALTER TABLE fms.transition_log DISABLE TRIGGER append_only;
UPDATE fms.transition_log SET reason = 'rewritten'
 WHERE id = (SELECT id FROM fms.transition_log WHERE row_key = 'BE-D-SAA' ORDER BY id OFFSET 1 LIMIT 1);
INSERT INTO fms.transition_log (table_name, row_key, case_id, machine, from_state, to_state, effective_on, actor, previous_hash)
SELECT table_name, row_key, case_id, machine, 'development', 'write', '2024-01-20', 'forger', hash
  FROM fms.transition_log WHERE row_key = 'BE-D-SAA' ORDER BY id LIMIT 1;
DELETE FROM fms.transition_log
 WHERE id = (SELECT id FROM fms.transition_log WHERE row_key = 'BE-D-SAB' ORDER BY id OFFSET 1 LIMIT 1);
INSERT INTO fms.transition_log (table_name, row_key, case_id, machine, from_state, to_state, effective_on, actor)
SELECT table_name, row_key, case_id, machine, NULL, 'development', '2024-01-09', 'forger'
  FROM fms.transition_log WHERE row_key = 'BE-D-SAB' ORDER BY id LIMIT 1;
UPDATE fms.transition_log SET effective_on = '2023-01-10'
 WHERE id = (SELECT min(id) FROM fms.transition_log WHERE row_key = 'BE-D-SAC');
INSERT INTO fms.transition_log (table_name, row_key, case_id, machine, from_state, to_state, effective_on, actor, previous_hash)
SELECT table_name, row_key, case_id, machine, 'write', 'review', '2024-03-01', 'forger', hash
  FROM fms.transition_log WHERE row_key = 'BE-D-SAC' ORDER BY id DESC LIMIT 1;
UPDATE fms.transition_log AS l SET hash = fms.transition_log_hash(l) WHERE actor = 'forger';
-- And in the other log, a licence's first entry given another actor.
ALTER TABLE fms.row_transition_log DISABLE TRIGGER append_only;
UPDATE fms.row_transition_log SET actor = 'forger'
 WHERE id = (SELECT min(id) FROM fms.row_transition_log WHERE table_name = 'fms.dcs_licenses');
SELECT v.row_key, v.problem
  FROM fms.verify_transition_log() AS v ORDER BY v.row_key, v.entry_id, v.problem;
-- The latest entry of a row deleted (its foreign key skipped as a replica
-- skips it) is reported from the row that points to it.
SET LOCAL session_replication_role = replica;
DELETE FROM fms.transition_log
 WHERE id = (SELECT status_log_id FROM fms.cases WHERE case_id = 'BE-D-SAA');
RESET session_replication_role;
SELECT v.table_name, v.row_key, v.problem, v.entry_id = (SELECT status_log_id FROM fms.cases WHERE case_id = 'BE-D-SAA') AS names_the_entry
  FROM fms.verify_transition_log() AS v WHERE v.problem LIKE 'missing%';
-- A status changed behind the workflow's back disagrees with its entry.
-- (Under replica the row is taken as written, and checked at a commit
-- that does not come.)
SET LOCAL session_replication_role = replica;
UPDATE fms.cases SET status = 'proposed' WHERE case_id = 'BE-D-SAB';
RESET session_replication_role;
SELECT v.table_name, v.row_key, v.problem, v.entry_id = (SELECT status_log_id FROM fms.cases WHERE case_id = 'BE-D-SAB') AS names_the_entry
  FROM fms.verify_transition_log() AS v WHERE v.problem LIKE 'disagrees%';
-- A row citing another row's entry, though in the state it records, has
-- lost its own.
SET LOCAL fms.effective_date = '2024-03-01';
INSERT INTO fms.dcs_licenses (license_no, form, applicant, country_code) VALUES ('SEAL-B', 'DSP-5', 'Acme', 'JP');
SET LOCAL session_replication_role = replica;
INSERT INTO fms.dcs_licenses (license_no, form, applicant, country_code, status, status_since, status_log_id)
SELECT 'SEAL-A', form, applicant, country_code, status, status_since, status_log_id FROM fms.dcs_licenses WHERE license_no = 'SEAL-B';
RESET session_replication_role;
SELECT v.table_name, v.row_key, v.problem FROM fms.verify_transition_log() AS v WHERE v.row_key LIKE 'SEAL-%';
ROLLBACK;

-- NULL in, NULL out.
SELECT fms.transition_log_hash(NULL::fms.transition_log) IS NULL AS strict,
       fms.transition_log_hash(NULL::fms.row_transition_log) IS NULL AS strict_too;
