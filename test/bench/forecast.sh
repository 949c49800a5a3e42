#!/bin/bash
# Forecasting every demand series of the sample portfolio, two ways in one
# run: fms (C, inside the database: fms.demand_forecast and
# fms.forecast_accuracy, and the C functions alone on the series), and
# statsmodels' ETSModel (Debian's python3-statsmodels) on the same series
# moved out of the database, fitted and chosen as an analyst would automate
# it (test/bench/forecast_statsmodels.py).  Prints accuracy on the same
# backtest and the time of each, and their ratio; asserts nothing.
#
#   bash test/bench/forecast.sh                 # 16,000 open cases, 150 series through statsmodels
#   SAMPLE=0 bash test/bench/forecast.sh        # every series through statsmodels (hours)
#   CASES=4000 AS_OF=2026-06-30 bash test/bench/forecast.sh
#
# statsmodels is slow enough that by default only every k-th series goes
# through it (SAMPLE series in all) and its time for all of them is
# extrapolated linearly; fms's accuracy is given on the same series.
# Run test/check.sh or test/demo.sh once first, so that fms is installed.
set -eu
cd "$(dirname "$0")/../.."
if ! /usr/bin/python3 -c 'import statsmodels' 2>/dev/null; then
	apt-get install -y -qq python3-statsmodels >/dev/null
fi
export FMS_BENCH_CASES=${CASES:-16000} FMS_BENCH_SAMPLE=${SAMPLE:-150} FMS_BENCH_AS_OF=${AS_OF:-2026-11-30}
FMS_BENCH_DIR=$(mktemp -d)
export FMS_BENCH_DIR
trap 'rm -rf "$FMS_BENCH_DIR"' EXIT
chmod 777 "$FMS_BENCH_DIR"
pg_virtualenv bash -c '
set -eu
q() { psql -X -q -At -v ON_ERROR_STOP=1 -d bench "$@"; }
seconds() { local s e; s=$(date +%s.%N); "$@" >/dev/null; e=$(date +%s.%N); echo "$e - $s" | bc; }
createdb bench
q -c "CREATE EXTENSION fms CASCADE" >/dev/null
q -c "ALTER DATABASE bench SET fms.as_of_date = '"'"'$FMS_BENCH_AS_OF'"'"'"
q -c "SELECT count(*) FROM fms.generate_sample_data($FMS_BENCH_CASES, 1, '"'"'$FMS_BENCH_AS_OF'"'"')" >/dev/null
q -c "VACUUM ANALYZE" >/dev/null

# fms, end to end: from the case tables to forecasts, and to the backtest.
t_view_forecast=$(seconds q -c "SELECT count(*) FROM fms.demand_forecast")
t_view_accuracy=$(seconds q -c "SELECT count(*) FROM fms.forecast_accuracy")
# The series themselves (what both need), then the C functions alone.
t_history=$(seconds q -c "CREATE TABLE history AS SELECT * FROM fms.demand_history")
series=$(q -c "SELECT 2 * count(*) FROM history")
t_c_forecast=$(seconds q -c "SELECT count(*) FROM history AS h
	CROSS JOIN LATERAL (VALUES (h.requests), (h.value_accepted_usd)) AS m(y) CROSS JOIN LATERAL fms.forecast(m.y, 8) AS f")
t_c_backtest=$(seconds q -c "CREATE TABLE scored AS
	SELECT h.level, h.program, h.region, h.country_code, h.customer_code, h.usml_category, m.measure, m.y AS series, b.*
	  FROM history AS h
	 CROSS JOIN LATERAL (VALUES (1, '"'"'requests'"'"', h.requests), (2, '"'"'value_accepted_usd'"'"', h.value_accepted_usd)) AS m(k, measure, y)
	 CROSS JOIN LATERAL fms.forecast_backtest(m.y) AS b
	 ORDER BY h.program, h.level, h.region, h.country_code, h.customer_code, h.usml_category, m.k")
# Moving the series out, as the competitor must.
t_export=$(seconds q -c "\\copy scored TO '"'"'$FMS_BENCH_DIR/series.csv'"'"' WITH (FORMAT csv, HEADER)")

/usr/bin/python3 test/bench/forecast_statsmodels.py "$FMS_BENCH_DIR/series.csv" "$FMS_BENCH_SAMPLE" | tee "$FMS_BENCH_DIR/statsmodels.out"
t_py_forecast=$(sed -n "s/^STATSMODELS_FORECAST_SECONDS=//p" "$FMS_BENCH_DIR/statsmodels.out")
t_py_backtest=$(sed -n "s/^STATSMODELS_BACKTEST_SECONDS=//p" "$FMS_BENCH_DIR/statsmodels.out")

echo
echo "$series series ($FMS_BENCH_CASES open cases as of $FMS_BENCH_AS_OF), seconds:"
printf "%-58s %10s %12s %9s\n" "" "fms" "statsmodels" "ratio"
row() { printf "%-58s %10.2f %12.1f %9.0f\n" "$1" "$2" "$3" "$(echo "$3 / $2" | bc -l)"; }
row "forecast every series, 8 quarters, from the tables" "$t_view_forecast" "$(echo "$t_history + $t_export + $t_py_forecast" | bc -l)"
row "backtest every series, 8 origins, from the tables" "$t_view_accuracy" "$(echo "$t_history + $t_export + $t_py_backtest" | bc -l)"
row "the fits alone: forecast (series already built)" "$t_c_forecast" "$t_py_forecast"
row "the fits alone: backtest" "$t_c_backtest" "$t_py_backtest"
printf "%-58s %10.2f\n" "of which: building the series (fms.demand_history)" "$t_history"
printf "%-58s %10.2f\n" "of which: moving them out (psql \\copy to CSV)" "$t_export"
'
