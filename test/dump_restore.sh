#!/bin/bash
# pg_dump / restore round trip of fms data, printed as TAP.
#
# A database gets user edits of every kind: shipped rows edited, deleted and
# renamed, rows added, customers loaded, and a user table of fms types.  It
# is dumped in custom and in plain format and restored into fresh databases
# (where CREATE EXTENSION seeds the shipped rows again); each restore must
# succeed and give back exactly the same rows.
#
# Needs a running server reachable through the usual PG* variables.
set -u
src=fms_dump_source
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
n=0
failed=0

ok() {
	n=$((n + 1))
	if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; failed=$((failed + 1)); fi
}

psql_quiet() { psql -X -q -v ON_ERROR_STOP=1 "$@"; }

# Everything a user can see in the fms tables and in the user table.
snapshot() {
	psql -X -A -t -v ON_ERROR_STOP=1 -d "$1" <<'SQL'
SELECT 'countries', country_code, alpha3, name, origin FROM fms.countries ORDER BY 2;
SELECT 'agencies', agency_code, name, source, origin FROM fms.implementing_agencies ORDER BY 2;
SELECT 'customers', customer_code, name, kind, country_code FROM fms.customers ORDER BY 2;
SELECT 'deleted', table_name::text, row_key::text FROM fms.deleted_shipped_rows ORDER BY 2, 3;
SELECT 'cases', id::text, ref::text FROM public.user_cases ORDER BY id;
SELECT 'fms.cases', c.* FROM fms.cases AS c ORDER BY case_id;
SELECT 'fms.case_changes', c.* FROM fms.case_changes AS c ORDER BY case_id, change_no;
SELECT 'log', l.id, l.table_name, l.row_key, l.case_id, l.machine, l.from_state, l.to_state,
       l.effective_on, l.recorded_at, l.actor, l.reason FROM fms.transition_log AS l ORDER BY id;
SELECT 'log sequence', last_value FROM fms.transition_log_id_seq;
SELECT 'notifications', n.* FROM fms.congressional_notifications AS n ORDER BY id;
-- not dumped: rebuilt by the triggers of the tables they are derived from
SELECT 'flows', f.case_id, f.on_date, f.usml_category, f.offered_usd, f.accepted_usd, f.delivered_usd
  FROM fms.case_flows AS f ORDER BY 2, 3, 4 NULLS FIRST;
SELECT 'balances', b.* FROM fms.case_balances AS b ORDER BY case_id;
SELECT 'demand', d.* FROM fms.demand_quarters AS d ORDER BY program, partner, category_key, quarter_start;
SQL
}

echo "1..19"
dropdb --if-exists "$src" >/dev/null 2>&1
createdb "$src"
psql_quiet -o /dev/null -d "$src" <<'SQL' || { echo "Bail out! could not prepare the source database"; exit 1; }
CREATE EXTENSION fms CASCADE;
SET search_path = public, fms;
UPDATE fms.countries SET name = 'Czech Republic' WHERE country_code = 'CZ';
UPDATE fms.countries SET name = 'Türkiye (edited)' WHERE country_code = 'TR';
DELETE FROM fms.countries WHERE country_code IN ('AQ', 'BV');
INSERT INTO fms.countries (country_code, alpha3, name) VALUES ('XK', 'XKX', 'Kosovo');
UPDATE fms.implementing_agencies SET agency_code = 'S' WHERE agency_code = 'R';
INSERT INTO fms.implementing_agencies (agency_code, name, source) VALUES ('Q', 'Local agency', 'entered by hand');
-- A shipped period re-dated (its key changes, so the shipped row counts as
-- deleted and the new one as added: the restore must not let the fresh seed's
-- row and the restored one overlap), and a shipped period extended.
UPDATE fms.country_group_members SET valid_from = '1979-11-04'
 WHERE group_code = 'ITAR_126_1_DENIAL' AND country_code = 'IR';
UPDATE fms.itar_126_1_exceptions SET valid_to = '2027-10-01'
 WHERE exception_code = 'CY_SUSPENSION' AND valid_from = '2025-10-01';
INSERT INTO fms.customers VALUES
	('JA', 'Japan', 'country', 'JP'),
	('KS', 'Korea, Republic of', 'country', 'KR'),
	('KV', 'Kosovo', 'country', 'XK'),
	('NA', 'North Atlantic Treaty Organization', 'organization', NULL);
CREATE TABLE public.user_cases (id fms.case_id PRIMARY KEY, ref fms.usml);
INSERT INTO public.user_cases VALUES ('ja-d-qab', 'cat xi(a)(3)(i)'), ('KS P AAA', 'XXI'), ('00-A-000', NULL);
-- Cases in every kind of state, with their history.
SET fms.effective_date = '2024-01-10';
INSERT INTO fms.cases (case_id, title, total_value_usd, usml) VALUES
	('JA-D-QAB', 'F-15 sustainment', 120000000, '{XI(a)(3)}'),
	('JA-P-AAA', 'SM-3 missiles', 400000000, '{IV(a)}'),
	('KS-B-ABC', 'Patriot training', 5000000, NULL);
INSERT INTO fms.congressional_notifications (case_id, transmittal_no, section, formal_sent_on, review_days, status)
VALUES ('JA-D-QAB', '24-01', '36(b)(1)', '2024-02-05', 15, 'cleared');
SELECT fms.transition('JA-D-QAB', s, d)
  FROM (VALUES ('write', '2024-02-01'::date), ('review', '2024-02-10'), ('proposed', '2024-02-20'),
               ('offered', '2024-03-01'), ('accepted', '2024-04-01')) AS v(s, d);
UPDATE fms.cases SET deposit_received_on = '2024-04-05' WHERE case_id = 'JA-D-QAB';
SELECT fms.transition('JA-D-QAB', 'implemented', '2024-04-10');
SELECT fms.transition('JA-P-AAA', 'cancelled', '2024-02-01', 'withdrawn');
SET fms.effective_date = '2024-06-01';
INSERT INTO fms.case_changes (case_id, change_no, title) VALUES ('JA-D-QAB', 'A1', 'more spares'), ('JA-D-QAB', 'M1', 'price change');
UPDATE fms.case_changes SET status = 'write' WHERE change_no = 'M1';
-- Lines (the implemented case itemized, the amendment written), an item,
-- deliveries, a closeout, a payment schedule and collections.
INSERT INTO fms.items (item_code, description, usml, sme, sme_source, mde, mde_source)
VALUES ('F15-SPARES', 'F-15 spares', 'VIII(h)', false, NULL, false, NULL);
INSERT INTO fms.case_lines (case_id, line_no, item_code, description, quantity, value_usd, sme, mde) VALUES
	('JA-D-QAB', 1, 'F15-SPARES', NULL, 100, 100000000, NULL, NULL),
	('JA-D-QAB', 2, NULL, 'support', 1, 20000000, false, false);
INSERT INTO fms.case_lines (case_id, change_no, line_no, description, quantity, value_usd, sme, mde)
VALUES ('JA-D-QAB', 'A1', 3, 'more spares', 10, 5000000, false, false);
INSERT INTO fms.deliveries (case_id, line_no, delivered_on, quantity, value_usd, reference) VALUES
	('JA-D-QAB', 1, '2024-05-01', 40, 40000000, 'TCN 1'), ('JA-D-QAB', 2, '2024-05-02', 1, 20000000, 'DD 1149 7');
INSERT INTO fms.deliveries (case_id, line_no, planned_on, quantity, value_usd) VALUES ('JA-D-QAB', 1, '2025-01-01', 60, 60000000);
INSERT INTO fms.line_closeouts VALUES ('JA-D-QAB', 1, '2024-05-03', 'the purchaser took 40');
INSERT INTO fms.payment_schedule VALUES ('JA-D-QAB', '2024-04-15', 36000000), ('JA-D-QAB', '2024-10-15', 84000000);
INSERT INTO fms.collections (case_id, received_on, amount_usd, reference) VALUES ('JA-D-QAB', '2024-04-20', 36000000, 'wire');
SQL
snapshot "$src" >"$work/before"

pg_dump -Fc -d "$src" -f "$work/custom.dump"
ok $? "pg_dump (custom format) succeeds"
createdb fms_dump_custom
pg_restore --exit-on-error -d fms_dump_custom "$work/custom.dump" 2>"$work/custom.err"
ok $? "pg_restore into a fresh database succeeds$( [ -s "$work/custom.err" ] && printf ' # %s' "$(head -1 "$work/custom.err")")"
snapshot fms_dump_custom >"$work/custom"
diff -u "$work/before" "$work/custom" >"$work/custom.diff"
ok $? "custom-format restore gives back every row"
[ -s "$work/custom.diff" ] && sed 's/^/# /' "$work/custom.diff"

pg_dump -Fp -d "$src" -f "$work/plain.sql"
ok $? "pg_dump (plain format) succeeds"
createdb fms_dump_plain
psql -X -q -v ON_ERROR_STOP=1 -d fms_dump_plain -f "$work/plain.sql" >/dev/null 2>"$work/plain.err"
ok $? "plain-format restore with ON_ERROR_STOP succeeds"
snapshot fms_dump_plain >"$work/plain"
diff -u "$work/before" "$work/plain" >"$work/plain.diff"
ok $? "plain-format restore gives back every row"

# The dump holds only what the user changed, not the whole seed.
rows=$(grep -c "^[A-Z][A-Z]	[A-Z][A-Z][A-Z]	" "$work/plain.sql")
[ "$rows" -eq 3 ]
ok $? "the dump holds only the 3 edited or added countries (found $rows)"

# A second dump of the restored database restores again (dump is stable).
pg_dump -Fc -d fms_dump_custom -f "$work/again.dump" && createdb fms_dump_again &&
	pg_restore --exit-on-error -d fms_dump_again "$work/again.dump" &&
	snapshot fms_dump_again | diff -q "$work/before" - >/dev/null
ok $? "a restored database dumps and restores again unchanged"

# The restored database keeps working: its cases move on, logged after the old history.
psql -X -q -v ON_ERROR_STOP=1 -d fms_dump_custom -c "SELECT fms.transition('JA-D-QAB', 'supply_complete', '2026-01-15')" >/dev/null &&
	[ "$(psql -X -A -t -d fms_dump_custom -c "SELECT string_agg(to_state, ',' ORDER BY id) FROM fms.transition_log WHERE case_id OPERATOR(fms.=) 'JA-D-QAB' AND table_name = 'fms.cases'")" = \
	  "development,write,review,proposed,offered,accepted,implemented,supply_complete" ]
ok $? "a restored case moves on, its log continuing the restored history"

# The log's seals travel with the dump: every hash chain of every restored
# database verifies, the entry written after the restore included.
breaks=""
for db in fms_dump_custom fms_dump_plain fms_dump_again; do
	breaks="$breaks $(psql -X -A -t -d "$db" -c "SELECT count(*) FROM fms.verify_transition_log()" 2>&1)"
done
[ "$breaks" = " 0 0 0" ]
ok $? "in every restored database the transition log's hash chains verify (breaks:$breaks)"

for db in "$src" fms_dump_custom fms_dump_plain fms_dump_again; do dropdb --if-exists "$db"; done

# Last night's dump of a database whose data was changed behind the
# workflow's back (triggers disabled by a superuser, or by fms 0.1, whose
# trigger ignored key changes): a case's key and a change's number changed,
# a status changed with no log entry, a since date cleared, a case inserted
# in the middle of its life with no history at all.  And remembered
# deletions whose physical order, after VACUUM reused space, lists a group's
# deletion before its members'.  The restore must lose no row.
damaged=fms_dump_damaged
dropdb --if-exists "$damaged" >/dev/null 2>&1
createdb "$damaged"
psql_quiet -o /dev/null -d "$damaged" <<'SQL' || { echo "Bail out! could not prepare the damaged database"; exit 1; }
CREATE EXTENSION fms CASCADE;
SET search_path = public, fms;
INSERT INTO fms.customers VALUES ('JA', 'Japan', 'country', 'JP');
SET fms.effective_date = '2024-01-10';
INSERT INTO fms.cases (case_id, title) SELECT fms.make_case_id('JA', 'D', lpad(n::text, 3, '0')), 'case ' || n FROM generate_series(1, 40) AS n;
INSERT INTO fms.case_changes (case_id, change_no, title) VALUES ('JA-D-001', 'A1', 'more'), ('JA-D-002', 'M1', 'price');
SELECT fms.transition(fms.make_case_id('JA', 'D', lpad(n::text, 3, '0')), 'write', '2024-02-01') FROM generate_series(1, 20) AS n;
ALTER TABLE fms.cases DISABLE TRIGGER enforce_workflow, DISABLE TRIGGER verify_workflow_insert, DISABLE TRIGGER verify_workflow_update;
ALTER TABLE fms.case_changes DISABLE TRIGGER enforce_workflow_amendment, DISABLE TRIGGER verify_workflow_update;
-- A key changed behind the log (its entries stay under the old key: the
-- foreign key into the log skipped, as a replica skips it).
SET session_replication_role = replica;
UPDATE fms.cases SET case_id = 'JA-D-Z03' WHERE case_id = 'JA-D-003';
RESET session_replication_role;
UPDATE fms.case_changes SET change_no = 'A2' WHERE case_id = 'JA-D-001';
UPDATE fms.cases SET status = 'review' WHERE case_id = 'JA-D-004';
UPDATE fms.cases SET status_since = NULL WHERE case_id = 'JA-D-005';
INSERT INTO fms.cases (case_id, title, status, status_since) VALUES ('JA-D-041', 'inserted with the triggers off', 'offered', '2020-01-01');
ALTER TABLE fms.cases ENABLE ALWAYS TRIGGER enforce_workflow, ENABLE ALWAYS TRIGGER verify_workflow_insert, ENABLE ALWAYS TRIGGER verify_workflow_update;
ALTER TABLE fms.case_changes ENABLE ALWAYS TRIGGER enforce_workflow_amendment, ENABLE ALWAYS TRIGGER verify_workflow_update;
-- Remembered deletions: two placeholders first, then a group's members;
-- the placeholders come back (their entries die), VACUUM frees their
-- space, and the group's own deletion takes it.
DELETE FROM fms.countries WHERE country_code IN ('AQ', 'BV');
DELETE FROM fms.country_group_members WHERE group_code = 'ITAR_126_1_EXCEPTIONS';
INSERT INTO fms.countries (country_code, alpha3, name) VALUES ('AQ', 'ATA', 'Antarctica'), ('BV', 'BVT', 'Bouvet Island');
SQL
psql_quiet -d "$damaged" -c "VACUUM fms.deleted_shipped_rows" &&
	psql_quiet -d "$damaged" -c "DELETE FROM fms.country_groups WHERE group_code = 'ITAR_126_1_EXCEPTIONS'"
first=$(psql -X -A -t -d "$damaged" -c "SELECT table_name FROM fms.deleted_shipped_rows ORDER BY ctid LIMIT 1")
[ "$first" = "fms.country_groups" ]
ok $? "the group's deletion is stored before its members' (first in physical order: $first)"

# What must come back: every row by key with its own columns, the log, and
# the remembered deletions.
rows() {
	psql -X -A -t -v ON_ERROR_STOP=1 -d "$1" <<'SQL'
SELECT 'case', case_id, title, status, lor_received_on, milap_on FROM fms.cases ORDER BY 2;
SELECT 'change', case_id, change_no, title, status FROM fms.case_changes ORDER BY 2, 3;
SELECT 'log', id, table_name, row_key, to_state, effective_on FROM fms.transition_log ORDER BY id;
SELECT 'deleted', table_name, row_key FROM fms.deleted_shipped_rows ORDER BY 2, row_key::text;
SELECT 'groups', string_agg(group_code, ',' ORDER BY group_code) FROM fms.country_groups;
SQL
}
rows "$damaged" >"$work/damaged.before"
pg_dump -Fc -d "$damaged" -f "$work/damaged.dump" && createdb fms_dump_damaged_restored &&
	pg_restore --verbose --exit-on-error -d fms_dump_damaged_restored "$work/damaged.dump" 2>"$work/damaged.err"
ok $? "pg_restore of the damaged database succeeds$(grep -m1 'error:' "$work/damaged.err" | sed 's/^/ # /')"
rows fms_dump_damaged_restored >"$work/damaged.after"
diff <(grep -v '^log' "$work/damaged.before") <(grep -v '^log' "$work/damaged.after") >"$work/damaged.diff"
ok $? "every case, change and remembered deletion comes back; the deleted group stays deleted"
[ -s "$work/damaged.diff" ] && sed 's/^/# /' "$work/damaged.diff"
diff <(grep '^log' "$work/damaged.before") <(grep '^log' "$work/damaged.after" | head -n "$(grep -c '^log' "$work/damaged.before")") >/dev/null
ok $? "the restored log begins with every entry of the old one, unchanged"
# (pg_restore shows the server's warnings only with --verbose.)
warnings=$(grep -c "WARNING:  restored row" "$work/damaged.err")
added=$(( $(grep -c '^log' "$work/damaged.after") - $(grep -c '^log' "$work/damaged.before") ))
[ "$warnings" = 5 ] && [ "$added" = 5 ]
ok $? "each of the 5 damaged rows is kept with a warning and one reconciling log entry (warnings $warnings, entries $added)"
disagree=$(psql -X -A -t -d fms_dump_damaged_restored <<'SQL'
SELECT count(*) FROM fms.cases AS c
  JOIN fms.transition_log AS l ON l.id = c.status_log_id
 WHERE l.to_state <> c.status OR l.effective_on <> c.status_since
    OR l.id <> (SELECT max(n.id) FROM fms.transition_log AS n WHERE n.table_name = 'fms.cases' AND n.row_key = c.case_id::text)
SQL
)
[ "$disagree" = 0 ]
ok $? "in the restored database every case agrees with its latest log entry ($disagree disagree)"
psql -X -q -v ON_ERROR_STOP=1 -d fms_dump_damaged_restored -c "SELECT fms.transition('JA-D-004', 'proposed', '2024-03-01')" >/dev/null
ok $? "a reconciled case moves on from the status it was restored in"
breaks=$(psql -X -A -t -d fms_dump_damaged_restored -c "SELECT count(*) FROM fms.verify_transition_log()" 2>&1)
[ "$breaks" = 0 ]
ok $? "the reconciling entries continue the restored hash chains ($breaks breaks)"
pg_dump -Fc -d fms_dump_damaged_restored -f "$work/damaged.again" && createdb fms_dump_damaged_again &&
	pg_restore --verbose --exit-on-error -d fms_dump_damaged_again "$work/damaged.again" 2>"$work/damaged.again.err" &&
	! grep -q WARNING "$work/damaged.again.err"
ok $? "the restored database dumps and restores again without a warning"
for db in "$damaged" fms_dump_damaged_restored fms_dump_damaged_again; do dropdb --if-exists "$db"; done
[ "$failed" = 0 ]
