#!/bin/bash
# Benchmark of fms.enforce_workflow(): status changes per second with pgbench
# (1 client, synchronous_commit off, ROWS rows per statement, best of ROUNDS
# runs of SECONDS_EACH seconds), for
#   plain         an UPDATE of the status, no trigger
#   log by hand   the same UPDATE feeding an INSERT into fms.row_transition_log
#   C trigger     the UPDATE on a table governed by fms.enforce_workflow()
#   PL/pgSQL      the UPDATE on a table governed by an equivalent PL/pgSQL trigger
# and for an UPDATE that leaves the status alone, on the same table with the
# C trigger disabled and enabled.
# Prints the rates and their ratios; asserts nothing.
#
# Run test/check.sh or test/demo.sh once first, so that fms is installed.
set -eu
cd "$(dirname "$0")/../.."
export FMS_BENCH_SECONDS=${SECONDS_EACH:-8} FMS_BENCH_ROUNDS=${ROUNDS:-2} FMS_BENCH_ROWS=${ROWS:-100}
pg_virtualenv -v "${PG_MAJOR:-15}" bash -c '
set -eu
createdb fms_bench
psql -X -q -v ON_ERROR_STOP=1 -d fms_bench -c "CREATE EXTENSION fms CASCADE" -c "ALTER DATABASE fms_bench SET synchronous_commit = off"
psql -X -q -v ON_ERROR_STOP=1 -d fms_bench -f test/bench/workflow/setup.sql
dir=$(mktemp -d)
# Each transaction changes ROWS rows (one statement), so that per-row
# costs dominate the client round trip.
rows=$FMS_BENCH_ROWS
flip="SET status = CASE WHEN status = '\''a'\'' THEN '\''b'\'' ELSE '\''a'\'' END WHERE id BETWEEN :lo AND :lo + $rows - 1"
pick="\\set lo random(1, 10001 - $rows)"
printf "%s\nUPDATE plain_rows %s;\n" "$pick" "$flip" >"$dir/plain.sql"
printf "%s\nWITH moved AS (UPDATE plain_rows %s RETURNING id, status) INSERT INTO fms.row_transition_log (id, table_name, row_key, machine, from_state, to_state, effective_on, actor) SELECT nextval('\''fms.transition_log_id_seq'\''), '\''public.plain_rows'\'', id::text, '\''bench'\'', CASE WHEN status = '\''a'\'' THEN '\''b'\'' ELSE '\''a'\'' END, status, current_date, session_user FROM moved;\n" "$pick" "$flip" >"$dir/log.sql"
printf "%s\nUPDATE c_rows %s;\n" "$pick" "$flip" >"$dir/c.sql"
printf "%s\nUPDATE log_only_rows %s;\n" "$pick" "$flip" >"$dir/log_trigger.sql"
printf "%s\nUPDATE plpgsql_rows %s;\n" "$pick" "$flip" >"$dir/plpgsql.sql"
# Untouched status: the same table with the trigger disabled and enabled.
printf "%s\nUPDATE c_rows SET n = n + 1 WHERE id BETWEEN :lo AND :lo + $rows - 1;\n" "$pick" >"$dir/plain_other.sql"
printf "%s\nUPDATE c_rows SET n = n + 1 WHERE id BETWEEN :lo AND :lo + $rows - 1;\n" "$pick" >"$dir/c_other.sql"
declare -A best
for round in $(seq "$FMS_BENCH_ROUNDS"); do
	for v in plain log log_trigger c plpgsql plain_other c_other; do
		[ "$v" = plain_other ] && psql -X -q -d fms_bench -c "ALTER TABLE c_rows DISABLE TRIGGER workflow"
		tps=$(pgbench -n -M prepared -c 1 -T "$FMS_BENCH_SECONDS" -f "$dir/$v.sql" fms_bench 2>/dev/null |
			sed -n "s/^tps = \([0-9.]*\).*/\1/p")
		[ "$v" = plain_other ] && psql -X -q -d fms_bench -c "ALTER TABLE c_rows ENABLE TRIGGER workflow"
		rate=$(awk -v t="$tps" -v r="$rows" "BEGIN{print t * r}")
		if [ -z "${best[$v]:-}" ] || awk -v a="$rate" -v b="${best[$v]}" "BEGIN{exit !(a>b)}"; then best[$v]=$rate; fi
	done
done
psql -X -q -At -d fms_bench -c "SELECT count(*) FROM fms.row_transition_log" | xargs printf "log rows written: %s\n"
awk -v plain="${best[plain]}" -v by_hand="${best[log]}" -v log_trigger="${best[log_trigger]}" -v c="${best[c]}" -v plpgsql="${best[plpgsql]}" \
	-v plain_other="${best[plain_other]}" -v c_other="${best[c_other]}" "BEGIN {
	printf \"\nrows changed per second (best of %d x %d s, 1 client, %d rows per statement)\n\", $FMS_BENCH_ROUNDS, $FMS_BENCH_SECONDS, $FMS_BENCH_ROWS
	printf \"  %-34s %10.0f\n\", \"plain UPDATE, no trigger\", plain
	printf \"  %-34s %10.0f\n\", \"UPDATE + log INSERT by hand\", by_hand
	printf \"  %-34s %10.0f\n\", \"PL/pgSQL trigger that only logs\", log_trigger
	printf \"  %-34s %10.0f\n\", \"C trigger fms.enforce_workflow()\", c
	printf \"  %-34s %10.0f\n\", \"PL/pgSQL reference trigger\", plpgsql
	printf \"updates that leave the status alone, per second\n\"
	printf \"  %-34s %10.0f\n\", \"same table, trigger disabled\", plain_other
	printf \"  %-34s %10.0f\n\", \"C trigger\", c_other
	printf \"ratios (time per change)\n\"
	printf \"  C trigger / log-only trigger      %6.2f   (goal <= 1.25)\n\", log_trigger / c
	printf \"  C trigger / set-based log insert  %6.2f\n\", by_hand / c
	printf \"  PL/pgSQL / C trigger              %6.2f   (goal >= 1.5)\n\", c / plpgsql
	printf \"  status untouched, C / no trigger  %6.2f   (goal <= 1.05)\n\", plain_other / c_other
}"
' 2>&1 | grep -v "cluster 15/regress\|^\*\*\*\|LOG: "
