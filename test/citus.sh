#!/bin/bash
# fms on a real Citus cluster: a coordinator and two workers on loopback,
# each with Citus and fms installed in one database, then every fms table
# tried as a reference or distributed table (test/citus/distribute.sql).
# For now exploratory: it prints what each step gave and fails only when
# the cluster cannot be set up.
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

# --- Exploration: each table as reference or distributed table ------------
step "fms tables"
on coordinator -d "$database" -c '\dt fms.*'
unlisted=$(on coordinator -d "$database" -At -c "SELECT string_agg(format('%I.%I', schemaname, tablename), ' ' ORDER BY tablename)
	FROM pg_tables WHERE schemaname = 'fms'" | tr ' ' '\n' | while read -r table; do
	grep -q "'$table'" test/citus/distribute.sql || echo "$table"
done)
[ -z "$unlisted" ] || echo "tables test/citus/distribute.sql does not try: $unlisted"

# One statement a line; each runs on its own, so that one failing does not
# stop the others.  Without citus.enable_unsafe_triggers Citus refuses every
# table with a trigger, so the steps that fail are tried again with it on.
try_steps() {
	local statement output
	: >"$work/failed"
	while IFS= read -r statement; do
		if output=$(on coordinator -d "$database" -v ON_ERROR_STOP=1 -At -c "$statement" 2>&1); then
			echo "ok    $statement"
		else
			echo "FAIL  $statement"
			echo "$output" | grep -v '^\(NOTICE\|HINT\|DETAIL\):  \(Copying\|copying\|The local data\|To remove\)' | sed 's/^/      /'
			echo "$statement" >>"$work/failed"
		fi
	done <"$1"
	echo "-- $(($(wc -l <"$1") - $(wc -l <"$work/failed"))) of $(wc -l <"$1") steps succeeded"
}
grep -v '^\s*\(--\|$\)' test/citus/distribute.sql >"$work/steps"
step "distributing fms (one line a step: ok, or the error)"
try_steps "$work/steps"
if [ -s "$work/failed" ]; then
	step "the steps that failed, again with citus.enable_unsafe_triggers = on"
	mv "$work/failed" "$work/retry"
	PGOPTIONS="-c citus.enable_unsafe_triggers=on" try_steps "$work/retry"
fi

step "where the tables ended up"
on coordinator -d "$database" -c "SELECT c.relname AS table, CASE WHEN p.partmethod = 'n' THEN 'reference'
	WHEN p.partmethod = 'h' THEN 'distributed by ' || column_to_column_name(p.logicalrelid, p.partkey) || ' (colocation ' || p.colocationid || ')'
	ELSE 'local' END AS kind
	FROM pg_class AS c JOIN pg_namespace AS n ON n.oid = c.relnamespace AND n.nspname = 'fms'
	LEFT JOIN pg_dist_partition AS p ON p.logicalrelid = c.oid WHERE c.relkind IN ('r', 'p') ORDER BY 2, 1"
