#!/bin/bash
# fms on a real Citus cluster: a coordinator and two workers on loopback,
# each with Citus and fms installed in one database, its reference tables
# distributed by test/citus/distribute.sql.  Then regression files (the
# calendar, the rules, the workflow) and test/citus/reference.sql run on the
# cluster and on a single-node database, and the answers must be equal (but
# for the known differences test/citus/<file>.diff holds); every node's
# copy of the reference tables must hold the same rows.
#
#   bash test/citus.sh
#
# Citus is built from its source tarball, $CITUS_TARBALL or the newest
# ../shared/vendor/citus-*.tar.gz beside the repository (skipped, with a
# line saying why, when there is none), unless that version is installed;
# the build is kept under $CITUS_BUILD_CACHE.  Run as root (or with sudo)
# for the build and the install; fms must be installed already.
#
# Environment: CITUS_TARBALL, CITUS_BUILD_CACHE (/var/cache/fms-citus),
# PG_MAJOR (15) or PG_CONFIG, CITUS_PORT (first port tried, 5701).
set -eu
# A relative $CITUS_TARBALL names a file from where the script was started.
CITUS_TARBALL=${CITUS_TARBALL:+$(realpath -m "$CITUS_TARBALL")}
cd "$(dirname "$0")/.."

PG_MAJOR=${PG_MAJOR:-15}
PG_CONFIG=${PG_CONFIG:-/usr/lib/postgresql/$PG_MAJOR/bin/pg_config}
CITUS_BUILD_CACHE=${CITUS_BUILD_CACHE:-/var/cache/fms-citus}
bin=$("$PG_CONFIG" --bindir)
database=fms_citus
# Build dependencies of Citus on Debian (see shared/vendor/README.md).
CITUS_PACKAGES="make gcc postgresql-server-dev-$PG_MAJOR libcurl4-openssl-dev liblz4-dev libzstd-dev libkrb5-dev
	libssl-dev libselinux1-dev libxslt1-dev libpam0g-dev libreadline-dev autoconf flex bison"

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
# The servers run as postgres when started by root (initdb refuses root).
as_server_user() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
step() { printf '\n==> %s\n' "$*"; }

# --- The tarball -----------------------------------------------------------
tarball=${CITUS_TARBALL:-$(ls -1 ../shared/vendor/citus-*.tar.gz 2>/dev/null | sort -V | tail -n 1 || true)}
if [ -n "${CITUS_TARBALL:-}" ] && [ ! -f "$tarball" ]; then
	echo "citus: skipped, CITUS_TARBALL=$CITUS_TARBALL is not a file"
	exit 0
elif [ -z "$tarball" ]; then
	echo "citus: skipped, no Citus source tarball (CITUS_TARBALL unset and no ../shared/vendor/citus-*.tar.gz)"
	exit 0
fi
version=$(basename "$tarball" .tar.gz)
version=${version#citus-}

# --- Citus installed -------------------------------------------------------
ensure_packages() {
	local missing=() pkg
	for pkg in $CITUS_PACKAGES; do
		dpkg-query -W -f '${Status}' "$pkg" 2>/dev/null | grep -q 'ok installed' || missing+=("$pkg")
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	step "installing ${missing[*]}"
	as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
	as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# The server's headers may declare have_createdb_privilege() (Debian's 15.20
# does), which Citus's compatibility header then defines again as static.
drop_duplicate_have_createdb_privilege() {
	local header=$1/src/include/pg_version_compat.h
	grep -q 'have_createdb_privilege' "$("$PG_CONFIG" --includedir-server)/commands/dbcommands.h" || return 0
	perl -0pi -e 's/static inline bool\nhave_createdb_privilege\(void\)\n\{.*?\n\}\n//s' "$header"
}

build_citus() {
	local checksum source marker
	checksum=$(sha256sum "$tarball" | cut -d' ' -f1)
	source=$CITUS_BUILD_CACHE/build/$(tar -tzf "$tarball" | head -n 1 | cut -d/ -f1)
	marker=$source/.built-for-fms
	if [ "$(cat "$marker" 2>/dev/null)" != "$checksum $PG_CONFIG" ]; then
		ensure_packages
		step "building Citus $version in $source"
		as_root mkdir -p "$CITUS_BUILD_CACHE/build"
		as_root rm -rf "$source"
		as_root tar -xzf "$tarball" -C "$CITUS_BUILD_CACHE/build"
		as_root chown -R "$(id -u):$(id -g)" "$source"
		drop_duplicate_have_createdb_privilege "$source"
		(cd "$source" && ./configure PG_CONFIG="$PG_CONFIG" >configure.log 2>&1 &&
			make -j"$(nproc)" with_llvm=no >make.log 2>&1) ||
			{ echo "citus: the build failed, see $source/configure.log and make.log" >&2; exit 1; }
		echo "$checksum $PG_CONFIG" >"$marker"
	fi
	step "installing Citus $version"
	(cd "$source" && as_root make install with_llvm=no >install.log 2>&1) ||
		{ echo "citus: make install failed, see $source/install.log" >&2; exit 1; }
}

if grep -aq "Citus $version on" "$("$PG_CONFIG" --pkglibdir)/citus.so" 2>/dev/null; then
	echo "citus: $version already installed"
else
	build_citus
fi
if [ ! -f "$("$PG_CONFIG" --sharedir)/extension/fms.control" ]; then
	echo "citus: fms is not installed for PostgreSQL $PG_MAJOR (run test/check.sh or make install first)" >&2
	exit 1
fi

# --- The cluster: a coordinator and two workers ------------------------------
work=$(mktemp -d)
nodes=(coordinator worker1 worker2)
declare -A port
stop_cluster() {
	local node
	for node in "${nodes[@]}"; do
		[ -f "$work/$node/postmaster.pid" ] && as_server_user "$bin/pg_ctl" -D "$work/$node" stop -m immediate >/dev/null 2>&1
	done
	rm -rf "$work"
}
trap stop_cluster EXIT
trap 'exit 1' INT TERM HUP
[ "$(id -u)" = 0 ] && chown postgres "$work"

port_in_use() { (echo >"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
next=${CITUS_PORT:-5701}
for node in "${nodes[@]}"; do
	while port_in_use "$next"; do next=$((next + 1)); done
	port[$node]=$next
	next=$((next + 1))
done

step "starting ${nodes[*]} on ports ${port[*]} in $work"
for node in "${nodes[@]}"; do
	as_server_user "$bin/initdb" -D "$work/$node" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$work/$node.initdb" 2>&1 ||
		{ cat "$work/$node.initdb"; exit 1; }
	cat >>"$work/$node/postgresql.conf" <<-CONF
		port = ${port[$node]}
		listen_addresses = '127.0.0.1'
		unix_socket_directories = '$work'
		shared_preload_libraries = 'citus'
		max_prepared_transactions = 100
		wal_level = logical
		fsync = off
	CONF
	as_server_user "$bin/pg_ctl" -D "$work/$node" -l "$work/$node.log" -w start >/dev/null ||
		{ cat "$work/$node.log"; exit 1; }
done

on() { local node=$1; shift; psql -X -q -h "$work" -p "${port[$node]}" -U postgres "$@"; }
for node in "${nodes[@]}"; do
	on "$node" -d postgres -c "CREATE DATABASE $database"
	on "$node" -d "$database" -v ON_ERROR_STOP=1 -f test/citus/node.sql
done
on coordinator -d "$database" -v ON_ERROR_STOP=1 -At \
	-c "SELECT citus_set_coordinator_host('127.0.0.1', ${port[coordinator]})" \
	-c "SELECT citus_add_node('127.0.0.1', ${port[worker1]})" \
	-c "SELECT citus_add_node('127.0.0.1', ${port[worker2]})" >/dev/null
on coordinator -d "$database" -At -c "SELECT citus_version()" \
	-c "SELECT 'nodes: ' || string_agg(nodename || ':' || nodeport || CASE WHEN groupid = 0 THEN ' (coordinator)' ELSE '' END, ', ' ORDER BY nodeid) FROM pg_dist_node"

# --- The layout, and the same script distributed and on a single node ------
failed=0
passed=0
check() {	# check DESCRIPTION COMMAND...: one line, ok or not ok
	local what=$1; shift
	if "$@"; then passed=$((passed + 1)); echo "ok - $what"
	else failed=$((failed + 1)); echo "not ok - $what"; return 1; fi
}
step "distributing fms (test/citus/distribute.sql)"
check "test/citus/distribute.sql makes the reference tables" \
	on coordinator -d "$database" -o /dev/null -f test/citus/distribute.sql
listed=$(grep -o "'fms\.[a-z0-9_]*'" test/citus/distribute.sql | tr -d "'" | sort)
reference=$(on coordinator -d "$database" -At -c "SELECT logicalrelid::regclass FROM pg_dist_partition WHERE partmethod = 'n' ORDER BY 1" | sort)
check "every table the layout lists is a reference table ($(echo "$listed" | wc -l) tables)" \
	test "$listed" = "$reference"

# Roles are the cluster's: made where Citus sends them to the workers.  A
# role whose queries run on the workers logs in there: it must be LOGIN.
on coordinator -d "$database" -v ON_ERROR_STOP=1 -q \
	-c "SELECT count(*) FROM fms.create_roles()" -c "CREATE ROLE citus_partner LOGIN IN ROLE fms_partner" >/dev/null
single=fms_single
on coordinator -d postgres -c "CREATE DATABASE $single"
on coordinator -d "$single" -v ON_ERROR_STOP=1 -q -c "SET client_min_messages = warning" -c "CREATE EXTENSION fms CASCADE" \
	-c "SELECT count(*) FROM fms.create_roles()" >/dev/null

# The regression files, run as pg_regress runs them (with the helpers of
# sql/setup.sql) on both databases; on the cluster the case tables stay on
# the coordinator and read the reference tables there.  Citus names the
# shard in a constraint's error ("countries_102009" for "countries") and
# the node in its own errors: both are taken out before comparing.
for db in "$database" "$single"; do
	sed '/^CREATE EXTENSION fms CASCADE;/d' sql/setup.sql | on coordinator -d "$db" -q -o /dev/null -f -
done
# The files that do not make databases of their own; not yet equal on the
# cluster: workflow_definitions (a user's guard function exists only on the
# coordinator, where the workers check the workflow tables' rows),
# workflow_integrity and log_writes (log ids and a Citus warning), security
# (its hostile search_path reaches Citus's own queries).
regression_files="calendar country_groups reference_data workflow lead_times notification export_control log_seal"
step "the regression files $regression_files on the cluster and on a single node"
# Unaligned, so that the longer names do not widen the columns.  Where the
# cluster is known to answer otherwise, test/citus/<file>.diff holds the
# difference (README, Running on Citus), and it must be exactly that.
for test in $regression_files; do
	on coordinator -d "$database" -a -q -A -f "sql/$test.sql" 2>&1 | sed -E 's/_10[0-9]{4}\b//g; s/127\.0\.0\.1:[0-9]+/a worker/' >"$work/$test.distributed"
	on coordinator -d "$single" -a -q -A -f "sql/$test.sql" 2>&1 | sed -E 's/_10[0-9]{4}\b//g; s/127\.0\.0\.1:[0-9]+/a worker/' >"$work/$test.single"
	diff "$work/$test.single" "$work/$test.distributed" >"$work/$test.diff" || true
	known=/dev/null
	[ -f "test/citus/$test.diff" ] && known=test/citus/$test.diff
	if ! check "sql/$test.sql answers on the cluster as on a single node ($(grep -c '^SELECT' "sql/$test.sql") queries$([ "$known" = /dev/null ] || echo ", but for $known"))" \
		cmp -s "$work/$test.diff" "$known"; then
		diff -u "$known" "$work/$test.diff" | sed 's/^/    /' | head -n 60
	fi
done

# compare_script NAME: test/citus/NAME.sql with distributed = true on the
# cluster and false on the single node; the answers must be equal, and the
# single node's free of errors.  Sets statements to its count.
compare_script() {
	local name=$1 script=test/citus/$1.sql
	step "$script on the cluster and on a single node"
	on coordinator -d "$database" -v distributed=true -f "$script" >"$work/$name.distributed" 2>&1 || true
	on coordinator -d "$single" -v distributed=false -f "$script" >"$work/$name.single" 2>&1 || true
	statements=$(grep -c '^SELECT\|^INSERT\|^UPDATE\|^DELETE\|^SET\|^RESET' "$script")
	if ! check "the $statements statements of $script answer on the cluster as on a single node" \
		cmp -s "$work/$name.distributed" "$work/$name.single"; then
		diff -u "$work/$name.single" "$work/$name.distributed" | sed 's/^/    /' | head -n 100
	fi
	check "$script runs to its end on a single node" eval '! grep -q "ERROR" "$work/$name.single"' ||
		grep -B2 -A3 ERROR "$work/$name.single" | sed 's/^/    /'
}
compare_script reference
reference_statements=$statements

# Every node's copy of the reference tables holds the same rows.
# (A remembered deletion's time is each node's own clock.)
for table in deleted_shipped_rows countries country_group_members calendar_closures customers customer_access; do
	shard=$(on coordinator -d "$database" -At -c "SELECT 'fms.$table' || '_' || shardid FROM pg_dist_shard WHERE logicalrelid = 'fms.$table'::regclass")
	row=t; [ "$table" = deleted_shipped_rows ] && row="(t.table_name, t.row_key)"
	copies=$(for node in "${nodes[@]}"; do
		on "$node" -d "$database" -At -c "SELECT md5(string_agg($row::text, '|' ORDER BY $row::text)) FROM $shard AS t"
	done | sort -u | wc -l)
	check "every node's copy of fms.$table ($shard) holds the same rows" test "$copies" = 1
done

# Last, as it distributes the log: the workflow engine on a distributed
# table of one's own, on the workers.
compare_script case_log

echo
echo "citus: test/citus/reference.sql ($reference_statements statements), test/citus/case_log.sql ($statements) and sql/{${regression_files// /,}}.sql ran distributed against a single node; $passed passed, $failed failed"
[ "$failed" = 0 ]
