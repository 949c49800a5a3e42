#!/bin/bash
# Read replicas: a primary and a streaming hot standby on loopback
# (pg_basebackup).  Every reporting view and a set of read functions give
# the standby the primary's results (reads.sql), and one session on the
# standby sees a calendar closure and a 126.1 membership committed on the
# primary once replayed: its caches are invalidated by the WAL
# (standby_session.sql).  Prints TAP.
#
#   bash test/replication/run.sh
#
# Run test/check.sh (or make install) first, so that fms is installed.
set -u -o pipefail
cd "$(dirname "$0")/../.."
pg_virtualenv -v "${PG_MAJOR:-15}" bash -c '
set -u
n=0
failed=0
ok() { n=$((n + 1)); if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; failed=1; fi; }
bin=$(pg_config --bindir)
work=$(mktemp -d)
chown postgres "$work"
standby_port=$((PGPORT + 1))
trap "su postgres -c \"$bin/pg_ctl -D $work/standby stop -m immediate\" >/dev/null 2>&1; rm -rf $work" EXIT
echo "1..3"

createdb fms_primary
psql -X -q -d fms_primary -c "ALTER DATABASE fms_primary SET fms.as_of_date = '"'"'2026-11-30'"'"'"
psql -X -q -v ON_ERROR_STOP=1 -d fms_primary -c "CREATE EXTENSION fms CASCADE" \
	-c "SELECT fms.generate_sample_data(400, 7, '"'"'2026-11-30'"'"')" >"$work/fill" 2>&1 || sed "s/^/# /" "$work/fill"

# The standby: a base backup of the primary, streaming from it.
su postgres -c "PGPASSWORD=$PGPASSWORD $bin/pg_basebackup -h localhost -p $PGPORT -U $PGUSER -D $work/standby -R -X stream -c fast" \
	>"$work/basebackup" 2>&1 || sed "s/^/# /" "$work/basebackup"
# Debian keeps the configuration outside the data directory: the standby
# gets its own, minimal.
printf "hot_standby = on\nlisten_addresses = '"'"''"'"'\n" >"$work/standby/postgresql.conf"
printf "local all all trust\n" >"$work/standby/pg_hba.conf"
: >"$work/standby/pg_ident.conf"
chown postgres "$work/standby/postgresql.conf" "$work/standby/pg_hba.conf" "$work/standby/pg_ident.conf"
su postgres -c "$bin/pg_ctl -D $work/standby -l $work/standby.log -o \"-p $standby_port -k $work -c cluster_name=standby\" -w start" \
	>"$work/start" 2>&1 || sed "s/^/# /" "$work/start" "$work/standby.log"
standby() { psql -X -At -h "$work" -p "$standby_port" -d fms_primary "$@"; }
lsn=$(psql -X -At -d fms_primary -c "SELECT pg_current_wal_lsn()")
for i in $(seq 1 150); do
	[ "$(standby -c "SELECT pg_last_wal_replay_lsn() >= '"'"'$lsn'"'"'::pg_lsn" 2>/dev/null)" = t ] && break
	sleep 0.2
done

psql -X -At -d fms_primary -f test/replication/reads.sql >"$work/primary.out" 2>&1
standby -f test/replication/reads.sql >"$work/standby.out" 2>&1
[ "$(standby -c "SELECT pg_is_in_recovery()")" = t ] && ! grep -q ERROR "$work/primary.out" "$work/standby.out" &&
	diff "$work/primary.out" "$work/standby.out" >"$work/diff"
ok $? "on a hot standby every reporting view and read function gives the primary'"'"'s results ($(grep -c . "$work/primary.out") results compared)"
cat "$work/diff" "$work/standby.out" 2>/dev/null | grep -m 10 "ERROR\|^[<>]" | sed "s/^/# /"

standby -f test/replication/standby_session.sql >"$work/session.out" 2>&1
read -r before_day before_deny after_day after_deny < <(grep -v "^DO$" "$work/session.out" | tr "\n" " ")
[ "$before_day" = t ] && [ "$after_day" = f ]
ok $? "a standby session'"'"'s calendar cache follows a closure committed on the primary (2031-01-09 a business day: $before_day, then $after_day)"
[ "$before_deny" = 0 ] && [ "$after_deny" = 1 ]
ok $? "a standby session'"'"'s country-group cache follows a 126.1 membership committed on the primary (deny findings: $before_deny, then $after_deny)"
grep -m 5 ERROR "$work/session.out" | sed "s/^/# /"
exit $failed
' 2>&1 | grep -v "cluster 15/regress\|^Creating\|^Dropping"
