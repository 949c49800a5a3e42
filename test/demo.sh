#!/bin/bash
# The main job of fms: installs what is missing, builds and installs the
# extension, starts a throwaway PostgreSQL cluster, creates the extension and
# shows it at work.
#
#   bash test/demo.sh           # print the demo, then drop the cluster
#   bash test/demo.sh --psql    # ...then open psql on the cluster; it is
#                               # dropped when psql exits
set -u
cd "$(dirname "$0")/.." || exit 1
. test/lib/prepare.sh

keep=
[ "${1:-}" = --psql ] && keep=1

ensure_packages || exit 1
build_and_install || exit 1
clear_stale_throwaway_clusters || exit 1

step "starting a throwaway PostgreSQL $PG_MAJOR cluster and running the demo"
FMS_KEEP=$keep pg_virtualenv -v "$PG_MAJOR" bash -c '
	set -e
	createdb fms_demo
	psql -X -q -v ON_ERROR_STOP=1 -d fms_demo -f test/demo.sql
	echo
	createdb fms_sample
	psql -X -q -v ON_ERROR_STOP=1 -d fms_sample -c "CREATE EXTENSION fms CASCADE" -f test/demo_sample.sql
	if [ -n "$FMS_KEEP" ]; then
		echo
		echo "==> psql on database fms_sample (port $PGPORT; fms_demo holds the walk-through); the cluster is dropped when you quit"
		psql -X -d fms_sample
	fi
'
