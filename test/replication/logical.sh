#!/bin/bash
# Logical replication of the case tables to a reporting database on a
# second cluster: the initial copy and later changes (transitions of cases,
# amendments and licences, a calendar closure) arrive, the log stays
# append-only and its hash chains verify on the subscriber, and a session on
# the subscriber sees the closure through its calendar cache.  Prints TAP.
#
#   bash test/replication/logical.sh
#
# Run test/check.sh (or make install) first, so that fms is installed.
set -u -o pipefail
cd "$(dirname "$0")/../.."
pg_virtualenv -v "${PG_MAJOR:-15}" bash -c '
set -u
n=0
failed=0
ok() { n=$((n + 1)); if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; failed=1; fi; }
bin=$(pg_config --bindir)
work=$(mktemp -d)
chown postgres "$work"
sub_port=$((PGPORT + 2))
trap "su postgres -c \"$bin/pg_ctl -D $work/sub stop -m immediate\" >/dev/null 2>&1; rm -rf $work" EXIT
echo "1..6"
tables="fms.transition_log, fms.row_transition_log, fms.customers, fms.items, fms.cases, fms.case_changes, fms.case_lines, fms.deliveries,
        fms.line_closeouts, fms.payment_schedule, fms.collections, fms.congressional_notifications, fms.dcs_licenses,
        fms.offer_restatements, fms.calendar_closures, fms.production_capacity"
counts="SELECT string_agg(t || '"'"' '"'"' || (xpath('"'"'/row/n/text()'"'"', query_to_xml('"'"'SELECT count(*) AS n FROM '"'"' || t, false, true, '"'"''"'"')))[1]::text, '"'"', '"'"' ORDER BY t)
          FROM unnest(string_to_array(regexp_replace('"'"'$tables'"'"', '"'"'\s'"'"', '"'"''"'"', '"'"'g'"'"'), '"'"','"'"')) AS t"

psql -X -q -c "ALTER SYSTEM SET wal_level = logical" && pg_ctlcluster "${PG_MAJOR:-15}" regress restart
createdb fms_pub
psql -X -q -d fms_pub -c "ALTER DATABASE fms_pub SET fms.as_of_date = '"'"'2026-11-30'"'"'"
psql -X -q -v ON_ERROR_STOP=1 -d fms_pub -c "CREATE EXTENSION fms CASCADE" \
	-c "SELECT fms.generate_sample_data(200, 7, '"'"'2026-11-30'"'"')" -c "CREATE PUBLICATION fms_case_data FOR TABLE $tables" \
	>"$work/pub" 2>&1 || sed "s/^/# /" "$work/pub"

# The subscriber: a cluster of its own, fms installed, subscribed.
su postgres -c "$bin/initdb -D $work/sub -E UTF8 --locale=C.UTF-8 -A trust" >"$work/initdb" 2>&1
su postgres -c "$bin/pg_ctl -D $work/sub -l $work/sub.log -o \"-p $sub_port -k $work -c listen_addresses='"'"''"'"'\" -w start" \
	>"$work/start" 2>&1 || sed "s/^/# /" "$work/start" "$work/sub.log"
sub() { psql -X -At -h "$work" -p "$sub_port" -U postgres -d fms_report "$@"; }
psql -X -q -h "$work" -p "$sub_port" -U postgres -d postgres -c "CREATE DATABASE fms_report"
sub -q -c "ALTER DATABASE fms_report SET fms.as_of_date = '"'"'2026-11-30'"'"'" -c "CREATE EXTENSION fms CASCADE" \
	-c "CREATE SUBSCRIPTION fms_reporting CONNECTION '"'"'host=localhost port=$PGPORT dbname=fms_pub user=$PGUSER password=$PGPASSWORD'"'"' PUBLICATION fms_case_data" \
	>"$work/sub.out" 2>&1 || sed "s/^/# /" "$work/sub.out"
# The initial copy: each table in its own transaction, so a case copied
# before its log entries is refused at commit and copied again after them.
for i in $(seq 1 120); do
	[ "$(sub -c "SELECT count(*) FROM pg_subscription_rel WHERE srsubstate <> '"'"'r'"'"'")" = 0 ] && break
	sleep 0.5
done
caught_up() {
	local lsn
	lsn=$(psql -X -At -d fms_pub -c "SELECT pg_current_wal_lsn()")
	for i in $(seq 1 120); do
		[ "$(psql -X -At -d fms_pub -c "SELECT bool_and(confirmed_flush_lsn >= '"'"'$lsn'"'"') FROM pg_replication_slots WHERE slot_name = '"'"'fms_reporting'"'"'")" = t ] && return 0
		sleep 0.5
	done
	return 1
}
caught_up
# The tables were copied in parallel, each without the rows of the others:
# the kept flows and balances are rebuilt once, as the README tells; from
# then on the changes arrive in commit order and keep them.
sub -q -c "SELECT fms.recompute_case_flows(NULL)" -c "SELECT fms.recompute_case_balances(NULL)"
pub_counts=$(psql -X -At -d fms_pub -c "$counts")
sub_counts=$(sub -c "$counts")
[ -n "$pub_counts" ] && [ "$pub_counts" = "$sub_counts" ]
ok $? "the initial copy brings every published row ($(echo "$pub_counts" | sed "s/fms\.//g"))"

# A subscriber session with its calendar cache loaded; then changes on the
# publisher: transitions of cases, amendments and licences, a closure.
sub -c "SELECT fms.is_business_day('"'"'2031-01-09'"'"')" >"$work/before_day"
psql -X -v ON_ERROR_STOP=1 -d fms_pub -f test/replication/publisher_changes.sql >"$work/changes" 2>&1 || sed "s/^/# /" "$work/changes"
caught_up
read_state="SELECT md5(string_agg(x, '"'"','"'"' ORDER BY x)) FROM (SELECT case_id || '"'"' '"'"' || status || '"'"' '"'"' || status_log_id AS x FROM fms.cases
             UNION ALL SELECT case_id || change_no || '"'"' '"'"' || status || '"'"' '"'"' || status_log_id FROM fms.case_changes
             UNION ALL SELECT license_no || '"'"' '"'"' || status || '"'"' '"'"' || status_log_id FROM fms.dcs_licenses
             UNION ALL SELECT id || '"'"' '"'"' || encode(hash, '"'"'hex'"'"') FROM fms.transition_log
             UNION ALL SELECT id || '"'"' '"'"' || encode(hash, '"'"'hex'"'"') FROM fms.row_transition_log) AS s"
moved=$(grep -E "^(UPDATE|INSERT) |^ *[0-9]+$" "$work/changes" | tr -s " \n" " ")
[ "$moved" = " 5 INSERT 0 5 UPDATE 5 INSERT 0 5 UPDATE 5 INSERT 0 1 INSERT 0 5 " ] &&
	[ "$(psql -X -At -d fms_pub -c "$read_state")" = "$(sub -c "$read_state")" ] && [ "$(psql -X -At -d fms_pub -c "$counts")" = "$(sub -c "$counts")" ]
ok $? "changes on the publisher arrive: every status, log id and log entry with its seal (moved:$moved; subscriber errors: $(grep -c "ERROR" "$work/sub.log"), each a copy retried)"
breaks=$(sub -c "SELECT count(*) FROM fms.verify_transition_log()")
[ "$breaks" = 0 ]
ok $? "on the subscriber the log'"'"'s hash chains verify ($breaks breaks)"
sub -q -c "CREATE FUNCTION public.state_of(sql text) RETURNS text LANGUAGE plpgsql AS \$\$BEGIN EXECUTE sql; RETURN '"'"'00000'"'"'; EXCEPTION WHEN OTHERS THEN RETURN SQLSTATE; END\$\$"
states=$(sub -c "SELECT public.state_of('"'"'DELETE FROM fms.transition_log'"'"') || '"'"' '"'"' || public.state_of('"'"'UPDATE fms.transition_log SET reason = NULL'"'"')")
[ "$states" = "55000 55000" ]
ok $? "the log stays append-only on the subscriber (DELETE, UPDATE: $states)"
after_day=$(sub -c "SELECT fms.is_business_day('"'"'2031-01-09'"'"')")
[ "$(cat "$work/before_day")" = t ] && [ "$after_day" = f ]
ok $? "a closure replicated to the subscriber reaches its calendar (2031-01-09 a business day: $(cat "$work/before_day"), then $after_day)"
# The subscriber is a reporting database: its views answer as the publisher'"'"'s.
psql -X -At -d fms_pub -f test/replication/reads.sql >"$work/pub.reads" 2>&1
sub -f test/replication/reads.sql >"$work/sub.reads" 2>&1
! grep -q ERROR "$work/pub.reads" "$work/sub.reads" && diff -q "$work/pub.reads" "$work/sub.reads" >/dev/null
ok $? "every reporting view and read function gives the subscriber the publisher'"'"'s results ($(grep -c . "$work/pub.reads") compared)"
grep -h -m 5 "ERROR" "$work/pub.reads" "$work/sub.reads" | sed "s/^/# /"
exit $failed
' 2>&1 | grep -v "cluster 15/regress\|^Creating\|^Dropping\|^Restarting\|^Redirecting"
