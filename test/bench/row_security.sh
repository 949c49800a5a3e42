#!/bin/bash
# Runs test/bench/row_security.sql against a throwaway cluster with fms
# installed (run test/check.sh or test/demo.sh once first to build it):
# the sample portfolio read by a partner and by staff under the shipped
# policies, against the same policies written with sub-selects (what a
# user would write, and what Citus refuses on a distributed table).
set -eu
cd "$(dirname "$0")/../.."
pg_virtualenv -v "${PG_MAJOR:-15}" bash -c '
	createdb fms_bench
	psql -X -q -v ON_ERROR_STOP=1 -d fms_bench -c "SET client_min_messages = warning" -c "CREATE EXTENSION fms CASCADE" \
		-c "SELECT count(*) FROM fms.generate_sample_data(16000, 1, '"'"'2026-11-30'"'"')" -c "VACUUM ANALYZE" >/dev/null
	psql -X -v ON_ERROR_STOP=1 -d fms_bench -f test/bench/row_security.sql
' 2>&1 | grep -v "cluster 15/regress"
