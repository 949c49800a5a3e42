#!/bin/bash
# The default sample portfolio against the public figures, printed as TAP
# (test/sample/shape.sql).  Needs a running server reachable through the
# usual PG* variables and pgTAP; about a minute and a half.
set -u
cd "$(dirname "$0")" || exit 1
db=fms_sample_shape
dropdb --if-exists "$db" && createdb "$db" &&
	psql -X -q -v ON_ERROR_STOP=1 -d "$db" -c "CREATE EXTENSION fms CASCADE" >/dev/null ||
	{ echo "not ok 1 - create the database"; exit 1; }
psql -X -q -At -v ON_ERROR_STOP=1 -d "$db" -f shape.sql
status=$?
dropdb --if-exists "$db"
exit $status
