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
SQL
}

echo "1..9"
dropdb --if-exists "$src" >/dev/null 2>&1
createdb "$src"
psql_quiet -o /dev/null -d "$src" <<'SQL' || { echo "Bail out! could not prepare the source database"; exit 1; }
CREATE EXTENSION fms;
SET search_path = public, fms;
UPDATE fms.countries SET name = 'Czech Republic' WHERE country_code = 'CZ';
UPDATE fms.countries SET name = 'Türkiye (edited)' WHERE country_code = 'TR';
DELETE FROM fms.countries WHERE country_code IN ('AQ', 'BV');
INSERT INTO fms.countries (country_code, alpha3, name) VALUES ('XK', 'XKX', 'Kosovo');
UPDATE fms.implementing_agencies SET agency_code = 'S' WHERE agency_code = 'R';
INSERT INTO fms.implementing_agencies (agency_code, name, source) VALUES ('Q', 'Local agency', 'entered by hand');
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
	[ "$(psql -X -A -t -d fms_dump_custom -c "SELECT string_agg(to_state, ',' ORDER BY id) FROM fms.transition_log WHERE case_id OPERATOR(fms.=) 'JA-D-QAB' AND table_name = 'fms.cases'::regclass")" = \
	  "development,write,review,proposed,offered,accepted,implemented,supply_complete" ]
ok $? "a restored case moves on, its log continuing the restored history"

for db in "$src" fms_dump_custom fms_dump_plain fms_dump_again; do dropdb --if-exists "$db"; done
[ "$failed" = 0 ]
