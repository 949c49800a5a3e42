#!/bin/bash
# Runs test/bench/business_days.sql against a throwaway cluster with fms
# installed (run test/check.sh or test/demo.sh once first to build it).
set -eu
cd "$(dirname "$0")/../.."
pg_virtualenv -v "${PG_MAJOR:-15}" bash -c '
	createdb fms_bench
	psql -X -q -v ON_ERROR_STOP=1 -d fms_bench -c "CREATE EXTENSION fms CASCADE"
	psql -X -v ON_ERROR_STOP=1 -d fms_bench -f test/bench/business_days.sql
' 2>&1 | grep -v "cluster 15/regress"
