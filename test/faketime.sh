#!/bin/bash
# The regression suites on other days: a server whose clock libfaketime
# moves to each date below runs pg_regress and the isolation tests, whose
# expected output must not change.  The dates are a quarter apart, the
# last is the first day of a fiscal year.  Prints TAP, a line per date.
#
#   bash test/faketime.sh      # after fms is installed (test/check.sh does it)
#
# pg_virtualenv does not pass LD_PRELOAD to the server, so the server is
# started here, and its current_date checked before the run is trusted.
set -u
cd "$(dirname "$0")/.." || exit 1
. test/lib/prepare.sh

dates="2026-12-30 2027-03-29 2027-06-28 2027-10-01"
library=$(dpkg -L libfaketime 2>/dev/null | grep '/libfaketime\.so\.1$' | head -1)
bin=$("$PG_CONFIG" --bindir)
work=$(mktemp -d)
as_root chown postgres "$work"
as_postgres() { as_root runuser -u postgres -- "$@"; }
trap 'as_postgres "$bin/pg_ctl" -D "$work/data" stop -m immediate >/dev/null 2>&1; as_root rm -rf "$work"' EXIT

echo "1..$(echo $dates | wc -w)"
[ -n "$library" ] || { echo "Bail out! libfaketime is not installed"; exit 1; }
as_postgres "$bin/initdb" -D "$work/data" -E UTF8 --locale=C.UTF-8 >"$work/initdb.log" 2>&1 ||
	{ echo "Bail out! initdb failed"; exit 1; }
n=0
failed=0
for day in $dates; do
	n=$((n + 1))
	port=$((54300 + n))
	as_postgres env LD_PRELOAD="$library" FAKETIME="@$day 12:00:00" \
		"$bin/pg_ctl" -D "$work/data" -l "$work/server.log" -w -o "-p $port -k $work" start >/dev/null 2>&1
	seen=$(as_postgres "$bin/psql" -X -At -h "$work" -p "$port" -d postgres -c "SELECT current_date" 2>&1)
	if [ "$seen" != "$day" ]; then
		echo "not ok $n - the server's clock is not at $day (it says $seen)"
		failed=1
	else
		rm -rf results output_iso regression.diffs
		PGHOST="$work" PGPORT="$port" PGUSER=postgres make -s PG_CONFIG="$PG_CONFIG" installcheck >"$work/regress.log" 2>&1
		if [ $? = 0 ]; then
			echo "ok $n - on $day, pg_regress and isolation give the expected output ($(grep -cE '^(ok|test) .*\.\.\. ok|^ok [0-9]+ ' "$work/regress.log") files)"
		else
			echo "not ok $n - on $day, pg_regress and isolation differ"
			grep -E '^not ok' "$work/regress.log" | sed 's/^/# /'
			cat regression.diffs output_iso/regression.diffs 2>/dev/null | head -60 | sed 's/^/# /'
			failed=1
		fi
	fi
	as_postgres "$bin/pg_ctl" -D "$work/data" stop -m fast >/dev/null 2>&1
done
[ "$failed" = 0 ]
