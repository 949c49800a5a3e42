#!/bin/bash
# Benchmark of the sample generator and the reporting views: the time to
# generate CASES open sample cases (default 16,000), then for each reporting
# view the time to read all of it, with its EXPLAIN (ANALYZE, BUFFERS)
# plan kept in the output. Prints; asserts nothing.
#
#   bash test/bench/reporting_views.sh              # 16,000 cases
#   CASES=1000000 bash test/bench/reporting_views.sh  # the largest sample
#
# Run test/check.sh or test/demo.sh once first, so that fms is installed.
set -eu
cd "$(dirname "$0")/../.."
export FMS_BENCH_CASES=${CASES:-16000}
pg_virtualenv -v "${PG_MAJOR:-15}" bash -c '
set -eu
createdb fms_bench
psql -X -q -v ON_ERROR_STOP=1 -d fms_bench -c "CREATE EXTENSION fms CASCADE"
start=$(date +%s.%N)
psql -X -q -v ON_ERROR_STOP=1 -d fms_bench -c "SELECT * FROM fms.generate_sample_data($FMS_BENCH_CASES)"
end=$(date +%s.%N)
awk -v c="$FMS_BENCH_CASES" -v s="$start" -v e="$end" "BEGIN { printf \"generate_sample_data(%s): %.1f s\\n\", c, e - s }"
psql -X -q -d fms_bench -c "VACUUM ANALYZE"
psql -X -q -A -t -d fms_bench -c "SELECT format('"'"'database %s; most cases of one customer and agency: %s of 46,656 designators'"'"',
       pg_size_pretty(pg_database_size(current_database())),
       (SELECT max(n) FROM (SELECT count(*) AS n FROM fms.cases GROUP BY customer_code, agency_code) AS per))"
for view in case_pipeline case_aging notification_queue open_findings customer_exposure \
            quarterly_metrics section_36a_report offer_forecast; do
	plan=$(psql -X -q -A -t -d fms_bench -c "EXPLAIN (ANALYZE, BUFFERS) SELECT * FROM fms.$view")
	rows=$(psql -X -q -A -t -d fms_bench -c "SELECT count(*) FROM fms.$view")
	printf "%-20s %8s rows  %s\n" "$view" "$rows" "$(echo "$plan" | grep "Execution Time")"
	echo "$plan" | sed "s/^/    /"
done
'
