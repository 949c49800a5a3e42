#!/bin/bash
# Load and crash: pgbench clients move random cases, amendments and DCS
# licences along random edges, allowed and refused, and file notifications
# and new cases (test/load/step.sql, setup.sql).  Afterwards every row's
# status is its last log entry's to_state, the log holds exactly one entry
# per change that succeeded, the hash chains verify, and nothing but a
# rule's refusal (23514) was refused; pgbench retried serialization
# failures and deadlocks (40001, 40P01), and no client met another error.
# Then the same load again, with the postmaster killed (SIGKILL) halfway:
# after the restart the same invariants hold.  Prints TAP.
#
#   bash test/load/run.sh                                  # 16 clients, 20 s
#   LOAD_CLIENTS=16 LOAD_SECONDS=60 bash test/load/run.sh  # the longer soak
#
# Run test/check.sh (or make install) first, so that fms is installed.
set -u -o pipefail
cd "$(dirname "$0")/../.."
export LOAD_CLIENTS=${LOAD_CLIENTS:-16} LOAD_SECONDS=${LOAD_SECONDS:-20}
pg_virtualenv -v "${PG_MAJOR:-15}" bash -c '
set -u
n=0
failed=0
ok() { n=$((n + 1)); if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; failed=1; fi; }
work=$(mktemp -d)
trap "rm -rf $work" EXIT
echo "1..10"
createdb fms_load
psql -X -q -d fms_load -c "ALTER DATABASE fms_load SET search_path = fms, public"
psql -X -q -v ON_ERROR_STOP=1 -d fms_load -f test/load/setup.sql >"$work/setup" 2>&1 || { sed "s/^/# /" "$work/setup"; exit 1; }
load() {
	pgbench -n -d fms_load -c "$LOAD_CLIENTS" -j 2 -T "$1" --max-tries=20 -f test/load/step.sql >"$2" 2>&1
}
# pgbench reports: transactions, retried, failed, aborted clients.
summary() {
	local tx retried failed aborted
	tx=$(sed -n "s/^number of transactions actually processed: \([0-9]*\).*/\1/p" "$1")
	retried=$(sed -n "s/^number of transactions retried: \([0-9]*\).*/\1/p" "$1")
	failed=$(sed -n "s/^number of failed transactions: \([0-9]*\).*/\1/p" "$1")
	aborted=$(grep -c "aborted in command" "$1")
	echo "${tx:-0} ${retried:-0} ${failed:-0} $aborted"
}
invariants() {
	IFS="|" read -r disagree logged expected breaks other changes refused \
		< <(psql -X -At -d fms_load -f test/load/invariants.sql 2>&1)
	[ "$disagree" = 0 ]
	ok $? "$1: every row'"'"'s status is its last log entry'"'"'s to_state ($disagree disagree)"
	[ -n "$logged" ] && [ "$logged" = "$expected" ]
	ok $? "$1: the log holds one entry per change that succeeded ($logged entries, $expected expected; $changes changes succeeded, $refused refused with 23514)"
	[ "$breaks" = 0 ]
	ok $? "$1: every hash chain of the log verifies ($breaks breaks)"
	[ "$other" = 0 ]
	ok $? "$1: nothing was refused but by a rule (23514): $other other refusals"
}

load "$LOAD_SECONDS" "$work/load"
read -r tx retried failed aborted < <(summary "$work/load")
[ "$failed" = 0 ] && [ "$aborted" = 0 ] && [ "$tx" -gt 0 ]
ok $? "$LOAD_CLIENTS clients for $LOAD_SECONDS s: $tx transactions, $retried retried after 40001 or 40P01, $failed failed, $aborted clients ended by another error"
[ "$aborted" != 0 ] && grep "aborted in command" "$work/load" | head -5 | sed "s/^/# /"
invariants "after the load"

# The crash: the same load, the postmaster killed halfway.
before=$(psql -X -At -d fms_load -c "SELECT count(*) FROM load.outcomes")
data=$(psql -X -At -d fms_load -c "SHOW data_directory")
load "$LOAD_SECONDS" "$work/crash" &
sleep $((LOAD_SECONDS / 2))
postmaster=$(head -1 "$data/postmaster.pid")
kill -9 "$postmaster"
wait
# The orphaned backends exit when they notice; a postmaster nobody reaped
# (a container without an init) stays a zombie, whose lock files are stale.
for i in $(seq 1 30); do pgrep -f "postgres: ${PG_MAJOR:-15}/regress" >/dev/null || break; sleep 1; done
case "$(ps -o stat= -p "$postmaster" 2>/dev/null)" in
Z*) rm -f "$data/postmaster.pid" "/var/run/postgresql/.s.PGSQL.$PGPORT.lock" ;;
esac
pg_ctlcluster "${PG_MAJOR:-15}" regress start >"$work/restart" 2>&1 || sed "s/^/# /" "$work/restart"
for i in $(seq 1 30); do pg_isready -q -d fms_load && break; sleep 1; done
after=$(psql -X -At -d fms_load -c "SELECT count(*) FROM load.outcomes" 2>&1)
[ -n "$after" ] && [ "$after" -gt "$before" ] 2>/dev/null
ok $? "killed with SIGKILL after $((LOAD_SECONDS / 2)) s of load, the server recovers: $((after - before)) changes committed before the kill survive"
invariants "after the crash"
exit $failed
' 2>&1 | grep -v "cluster 15/regress\|^Creating\|^Dropping"
