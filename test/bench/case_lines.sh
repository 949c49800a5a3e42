#!/bin/bash
# What the line triggers of fms.case_lines cost: 500 cases of 10 lines
# (case insert included) and one 999-line statement, each with and without
# the triggers, best of 3 (every run rolled back).  Needs fms installed (run
# test/check.sh or test/demo.sh once first).
set -eu
cd "$(dirname "$0")/../.."
pg_virtualenv -v "${PG_MAJOR:-15}" bash -c '
	createdb fms_bench
	psql -X -q -v ON_ERROR_STOP=1 -d fms_bench -c "CREATE EXTENSION fms CASCADE" -f test/bench/case_lines.sql
	run() { psql -X -At -v ON_ERROR_STOP=1 -d fms_bench -c "BEGIN" -c "SELECT bench.set_triggers($2)" -c "SELECT $1" -c "ROLLBACK" | grep -E '^[0-9.]+$'; }
	best() { local b=; for r in 1 2 3; do t=$(run "$1" "$2"); b=$(echo "$t ${b:-$t}" | awk "{print (\$1 < \$2) ? \$1 : \$2}"); done; echo "$b"; }
	printf "%-40s %12s %12s %7s\n" "inserts" "triggers ms" "without ms" "ratio"
	for what in "bench.ten_line_cases(500)|500 cases of 10 lines" "bench.bulk_lines(999)|one statement of 999 lines"; do
		call=${what%%|*}; label=${what#*|}
		with=$(best "$call" true); without=$(best "$call" false)
		printf "%-40s %12.1f %12.1f %7.2f\n" "$label" "$with" "$without" "$(echo "$with $without" | awk "{print \$1 / \$2}")"
	done
' 2>&1 | grep -v "cluster 15/regress"
