#!/bin/bash
# What the sample generator costs, three ways in one run: the generator of
# release 1.1 (the kept install script; one PL/pgSQL loop replaying every
# case row by row), this one (set-based, each step one UPDATE through the
# workflow and its guards), and a plain INSERT of the same rows into
# unguarded copies of the tables (no triggers, no foreign keys: the floor).
# Prints logged changes per second and the ratios; asserts nothing.
#
#   bash test/bench/sample_data.sh            # 16,000 open cases
#   CASES=4000 bash test/bench/sample_data.sh
#
# Run test/check.sh or test/demo.sh once first, so that fms is installed.
set -eu
cd "$(dirname "$0")/../.."
export FMS_BENCH_CASES=${CASES:-16000}
export FMS_OLD_SCRIPT=$PWD/test/upgrade/releases/fms--1.1.sql
# 1.1 is installed from its kept script, planted beside the current one
# for the run (as test/upgrade.sh does).
extdir="$(pg_config --sharedir)/extension"
planted=
if [ ! -e "$extdir/fms--1.1.sql" ]; then
	cp "$FMS_OLD_SCRIPT" "$extdir/fms--1.1.sql" && planted=$extdir/fms--1.1.sql
fi
trap '[ -n "$planted" ] && rm -f "$planted"' EXIT
pg_virtualenv -v "${PG_MAJOR:-15}" bash -c '
set -eu
q() { psql -X -q -At -v ON_ERROR_STOP=1 "$@"; }
seconds() { local s e; s=$(date +%s.%N); "$@" >/dev/null; e=$(date +%s.%N); echo "$e - $s" | bc; }
createdb fms_old && createdb fms_new
q -d fms_new -c "CREATE EXTENSION fms CASCADE" >/dev/null
old_ok=1
q -d fms_old -c "CREATE EXTENSION fms VERSION '"'"'1.1'"'"' CASCADE" >/dev/null 2>&1 || old_ok=0
asof=$(date +%F)
t_new=$(seconds q -d fms_new -c "SET fms.as_of_date = '"'"'$asof'"'"'" -c "SELECT * FROM fms.generate_sample_data($FMS_BENCH_CASES, 1, '"'"'$asof'"'"')")
n_new=$(q -d fms_new -c "SELECT (SELECT count(*) FROM fms.transition_log) + (SELECT count(*) FROM fms.row_transition_log)")
rows_new=$(q -d fms_new -c "SELECT (SELECT count(*) FROM fms.cases) + (SELECT count(*) FROM fms.case_changes) + (SELECT count(*) FROM fms.case_lines)
       + (SELECT count(*) FROM fms.deliveries) + (SELECT count(*) FROM fms.payment_schedule) + (SELECT count(*) FROM fms.collections)
       + (SELECT count(*) FROM fms.congressional_notifications) + (SELECT count(*) FROM fms.dcs_licenses) + (SELECT count(*) FROM fms.transition_log) + (SELECT count(*) FROM fms.row_transition_log)")
# The floor: the same rows into copies without triggers or foreign keys.
q -d fms_new -c "CREATE SCHEMA plain" >/dev/null
for t in transition_log row_transition_log cases case_changes case_lines deliveries payment_schedule collections congressional_notifications dcs_licenses; do
	q -d fms_new -c "CREATE TABLE plain.$t (LIKE fms.$t INCLUDING DEFAULTS INCLUDING INDEXES INCLUDING CONSTRAINTS)" >/dev/null
done
t_plain=$(seconds q -d fms_new -c "BEGIN" \
	-c "INSERT INTO plain.transition_log SELECT * FROM fms.transition_log" \
	-c "INSERT INTO plain.row_transition_log SELECT * FROM fms.row_transition_log" \
	-c "INSERT INTO plain.cases SELECT * FROM fms.cases" -c "INSERT INTO plain.case_changes SELECT * FROM fms.case_changes" \
	-c "INSERT INTO plain.case_lines SELECT * FROM fms.case_lines" -c "INSERT INTO plain.deliveries SELECT * FROM fms.deliveries" \
	-c "INSERT INTO plain.payment_schedule SELECT * FROM fms.payment_schedule" -c "INSERT INTO plain.collections SELECT * FROM fms.collections" \
	-c "INSERT INTO plain.congressional_notifications SELECT * FROM fms.congressional_notifications" \
	-c "INSERT INTO plain.dcs_licenses SELECT * FROM fms.dcs_licenses" -c "COMMIT")
printf "%-46s %9s %12s %14s\n" "generator" "seconds" "log entries" "entries per s"
if [ "$old_ok" = 1 ]; then
	t_old=$(seconds q -d fms_old -c "SET fms.as_of_date = '"'"'$asof'"'"'" -c "SELECT * FROM fms.generate_sample_data($FMS_BENCH_CASES, 1)")
	n_old=$(q -d fms_old -c "SELECT count(*) FROM fms.transition_log")
	printf "%-46s %9.1f %12d %14.0f\n" "1.1: PL/pgSQL, row by row ($FMS_BENCH_CASES cases)" "$t_old" "$n_old" "$(echo "$n_old / $t_old" | bc -l)"
else
	echo "1.1: could not install the kept script; skipped"
fi
printf "%-46s %9.1f %12d %14.0f\n" "this release: set-based ($FMS_BENCH_CASES open)" "$t_new" "$n_new" "$(echo "$n_new / $t_new" | bc -l)"
printf "%-46s %9.1f %12d %14.0f\n" "plain INSERT of the same $rows_new rows" "$t_plain" "$n_new" "$(echo "$n_new / $t_plain" | bc -l)"
[ "$old_ok" = 1 ] && printf "throughput, this release / 1.1: %.2f\n" "$(echo "($n_new / $t_new) / ($n_old / $t_old)" | bc -l)"
printf "time, this release / plain INSERT: %.2f\n" "$(echo "$t_new / $t_plain" | bc -l)"
' 2>&1 | grep -v "cluster 15/regress"
