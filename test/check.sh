#!/bin/bash
# Runs every test suite of fms and ends with "N passed, N failed".
#
#   bash test/check.sh            # from the top of the repository
#
# On a fresh Debian 12 machine it installs what is missing (apt-get), builds
# and installs the extension, then, against a throwaway cluster:
#   - pg_regress (sql/, expected/) and the isolation tests (test/isolation/):
#     one count per test file;
#   - pgTAP (test/pgtap/) through pg_prove: one count per assertion;
#   - the pg_dump/restore round trip (test/dump_restore.sh): one per assertion;
#   - the upgrade test (test/upgrade.sh): one per kept release;
#   - the reporting views through psqlODBC (test/odbc/): one per assertion;
#   - the default sample portfolio against the public figures
#     (test/sample/): one per figure;
#   - load and crash (test/load/): pgbench clients moving random rows along
#     allowed and refused edges, then the postmaster killed under that load;
#     one count per invariant checked;
#   - a streaming hot standby and a logical replication subscriber
#     (test/replication/): the views and read functions against the
#     primary's, the log append-only and verified, and the caches against
#     changes committed on the primary; one count per check;
#   - the same suites on a server whose clock libfaketime moves to four
#     other days (test/faketime.sh): one count per day;
#   - the version matrix (test/matrix.sh): PostgreSQL 17 and 18 in Debian
#     roots made with debootstrap, one count per version;
# and without a server:
#   - the libFuzzer targets of the pure C code (test/fuzz/), FUZZ_SECONDS each
#     (default 20): one count per target;
#   - the forecasting core (test/forecast/): its recursions worked by hand,
#     statsmodels' numbers and its error paths, under ASan and UBSan: one
#     count per check;
#   - the countries seed against the iso-codes list: one count.
# Exits non-zero if anything failed.
set -u
cd "$(dirname "$0")/.." || exit 1
. test/lib/prepare.sh

ensure_packages || exit 1
build_and_install || exit 1
clear_stale_throwaway_clusters || exit 1

passed=0
failed=0
tally() {
	passed=$((passed + $1))
	failed=$((failed + $2))
	printf '%-28s %s passed, %s failed\n' "$3:" "$1" "$2"
}
# Count "ok"/"not ok" lines of a TAP stream; a non-zero exit with no failed
# line (a bad plan, a crash) counts as one failure.
tally_tap() {
	local log=$1 status=$2 name=$3 ok bad
	[ -f "$log" ] || : >"$log"
	ok=$(grep -c '^ok ' "$log")
	bad=$(grep -c '^not ok ' "$log")
	[ "$status" != 0 ] && [ "$bad" = 0 ] && bad=1
	[ "$bad" != 0 ] && grep -v '^ok ' "$log" | sed 's/^/    /' | head -60
	tally "$ok" "$bad" "$name"
}

logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT

step "running the suites against a throwaway PostgreSQL $PG_MAJOR cluster"
FMS_LOGS=$logs pg_virtualenv -v "$PG_MAJOR" bash -c '
	make -s PG_CONFIG="$PG_CONFIG" installcheck >"$FMS_LOGS/regress" 2>&1
	echo $? >"$FMS_LOGS/regress.status"
	make -s PG_CONFIG="$PG_CONFIG" installcheck-pgtap >"$FMS_LOGS/pgtap" 2>&1
	echo $? >"$FMS_LOGS/pgtap.status"
	make -s PG_CONFIG="$PG_CONFIG" installcheck-dump >"$FMS_LOGS/dump" 2>&1
	echo $? >"$FMS_LOGS/dump.status"
	make -s PG_CONFIG="$PG_CONFIG" installcheck-upgrade >"$FMS_LOGS/upgrade" 2>&1
	echo $? >"$FMS_LOGS/upgrade.status"
	make -s PG_CONFIG="$PG_CONFIG" installcheck-odbc >"$FMS_LOGS/odbc" 2>&1
	echo $? >"$FMS_LOGS/odbc.status"
	make -s PG_CONFIG="$PG_CONFIG" installcheck-sample >"$FMS_LOGS/sample" 2>&1
	echo $? >"$FMS_LOGS/sample.status"
' >"$logs/cluster" 2>&1 || { cat "$logs/cluster"; echo "could not run the throwaway cluster" >&2; }

echo
if [ -f "$logs/regress.status" ]; then
	rp=$(grep -cE '^(ok|test) .*\.\.\. ok|^ok [0-9]+ ' "$logs/regress")
	rf=$(grep -cE '^(not ok|test) .*\.\.\. FAILED|^not ok [0-9]+ ' "$logs/regress")
	[ "$(cat "$logs/regress.status")" != 0 ] && [ "$rf" = 0 ] && rf=1
	if [ "$rf" != 0 ]; then sed 's/^/    /' "$logs/regress"; for d in regression.diffs output_iso/regression.diffs; do [ -f "$d" ] && sed "s/^/    /" "$d" | head -200; done; fi
	tally "$rp" "$rf" "pg_regress"
else
	tally 0 1 "pg_regress"
fi
tally_tap "$logs/pgtap" "$(cat "$logs/pgtap.status" 2>/dev/null || echo 1)" "pgTAP"
tally_tap "$logs/dump" "$(cat "$logs/dump.status" 2>/dev/null || echo 1)" "pg_dump/restore"
tally_tap "$logs/upgrade" "$(cat "$logs/upgrade.status" 2>/dev/null || echo 1)" "upgrades"
tally_tap "$logs/odbc" "$(cat "$logs/odbc.status" 2>/dev/null || echo 1)" "ODBC (psqlODBC)"
grep '^\(not \)\?ok ' "$logs/sample" 2>/dev/null | sed 's/^/    /'
tally_tap "$logs/sample" "$(cat "$logs/sample.status" 2>/dev/null || echo 1)" "sample portfolio shape"

step "load and crash: pgbench clients, then the postmaster killed (test/load)"
bash test/load/run.sh >"$logs/load" 2>&1
echo $? >"$logs/load.status"
grep '^ok ' "$logs/load" | sed 's/^/    /'
tally_tap "$logs/load" "$(cat "$logs/load.status")" "load and crash"

step "read replicas: a streaming hot standby (test/replication)"
bash test/replication/run.sh >"$logs/replication" 2>&1
echo $? >"$logs/replication.status"
grep '^ok ' "$logs/replication" | sed 's/^/    /'
tally_tap "$logs/replication" "$(cat "$logs/replication.status")" "hot standby"
step "logical replication to a reporting database (test/replication)"
bash test/replication/logical.sh >"$logs/logical" 2>&1
echo $? >"$logs/logical.status"
grep '^ok ' "$logs/logical" | sed 's/^/    /'
tally_tap "$logs/logical" "$(cat "$logs/logical.status")" "logical replication"

step "pg_regress and isolation on four other days (libfaketime)"
bash test/faketime.sh >"$logs/faketime" 2>&1
echo $? >"$logs/faketime.status"
grep '^ok ' "$logs/faketime" | sed 's/^/    /'
tally_tap "$logs/faketime" "$(cat "$logs/faketime.status")" "other days (faketime)"

step "the version matrix: PostgreSQL 17 and 18 in Debian roots"
bash test/matrix.sh >"$logs/matrix" 2>&1
echo $? >"$logs/matrix.status"
grep '^ok ' "$logs/matrix" | sed 's/^/    /'
tally_tap "$logs/matrix" "$(cat "$logs/matrix.status")" "versions 17, 18"

make -s PG_CONFIG="$PG_CONFIG" fuzz FUZZ_SECONDS="${FUZZ_SECONDS:-20}" >"$logs/fuzz" 2>&1
fuzz_ok=$(grep -c ': ok,' "$logs/fuzz")
fuzz_bad=$(grep -c ': FAILED' "$logs/fuzz")
sed 's/^/    /' "$logs/fuzz" | grep -v '^    fuzz .*: ok,' | head -60
grep ': ok,' "$logs/fuzz" | sed 's/^/    /'
tally "$fuzz_ok" "$fuzz_bad" "libFuzzer"

make -s PG_CONFIG="$PG_CONFIG" check-forecast >"$logs/forecast" 2>&1
forecast_line=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$logs/forecast" | tail -1)
if [ -n "$forecast_line" ]; then
	grep '^FAILED' "$logs/forecast" | sed 's/^/    /' | head -40
	set -- $forecast_line
	tally "$1" "$3" "forecasting core"
else
	sed 's/^/    /' "$logs/forecast" | tail -40
	tally 0 1 "forecasting core"
fi

if make -s PG_CONFIG="$PG_CONFIG" check-seed >"$logs/seed" 2>&1; then
	tally 1 0 "countries seed = iso-codes"
else
	sed 's/^/    /' "$logs/seed" | head -40
	tally 0 1 "countries seed = iso-codes"
fi

echo
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
