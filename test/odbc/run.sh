#!/bin/bash
# The reporting views through a real BI client path: psqlODBC, printed as
# TAP. Builds test/odbc/odbc_views.c, loads sample data into a fresh
# database, and checks every reporting view's types, remarks and rows.
#
# Needs a running server reachable through the usual PG* variables.
set -u
cd "$(dirname "$0")" || exit 1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
db=fms_odbc

cc -std=c99 -Wall -Werror -o "$work/odbc_views" odbc_views.c -lodbc || { echo "not ok 1 - build the ODBC client"; exit 1; }
dropdb --if-exists "$db" && createdb "$db" &&
	psql -X -q -v ON_ERROR_STOP=1 -d "$db" \
		-c "CREATE EXTENSION fms CASCADE" -c "SELECT fms.generate_sample_data(600, 3)" >/dev/null ||
	{ echo "not ok 1 - load sample data"; exit 1; }
PGDATABASE=$db "$work/odbc_views" case_pipeline case_aging notification_queue open_findings \
	customer_exposure quarterly_metrics section_36a_report offer_forecast
status=$?
dropdb "$db"
exit $status
