# Shared set-up of test/check.sh and test/demo.sh, sourced by both: on a
# Debian machine, install what is missing, then build and install fms for
# PostgreSQL $PG_MAJOR (default 15).

PG_MAJOR=${PG_MAJOR:-15}
PG_CONFIG=${PG_CONFIG:-/usr/lib/postgresql/$PG_MAJOR/bin/pg_config}
export PG_CONFIG

# Debian packages: the server, its headers and PGXS, pgTAP and pg_prove,
# clang's fuzzer runtime, the ISO 3166 list the countries seed comes from,
# psqlODBC with unixODBC for the BI-client test, faketime for the runs on
# other days, and debootstrap for the version matrix.
FMS_PACKAGES="make gcc perl postgresql-$PG_MAJOR postgresql-server-dev-$PG_MAJOR postgresql-common
	postgresql-$PG_MAJOR-pgtap libtap-parser-sourcehandler-pgtap-perl
	clang libclang-rt-dev iso-codes odbc-postgresql unixodbc unixodbc-dev faketime debootstrap"

as_root() {
	if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

step() { printf '\n==> %s\n' "$*"; }

ensure_packages() {
	local missing=() pkg
	for pkg in $FMS_PACKAGES; do
		dpkg-query -W -f '${Status}' "$pkg" 2>/dev/null | grep -q 'ok installed' || missing+=("$pkg")
	done
	if [ ${#missing[@]} -gt 0 ]; then
		step "installing ${missing[*]}"
		as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
			as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null ||
			{ echo "apt-get install failed" >&2; return 1; }
	fi
	# A package install starts Debian's default cluster; the tests use their own.
	return 0
}

build_and_install() {
	step "building fms for PostgreSQL $PG_MAJOR (warnings are errors)"
	make -s PG_CONFIG="$PG_CONFIG" PG_CFLAGS="-Wall -Wextra -Werror -Wno-unused-parameter" >/dev/null ||
		{ echo "build failed" >&2; return 1; }
	as_root make -s PG_CONFIG="$PG_CONFIG" install >/dev/null || { echo "make install failed" >&2; return 1; }
}

# pg_virtualenv, run as root, makes its throwaway cluster as <version>/regress
# in the system's directories and refuses to start while one exists.  A run
# that was killed (a machine stopped mid-suite) leaves its cluster behind,
# marked by pg_virtualenv; drop such a cluster when it is down, and stop with
# a clear message when one is running, since another run is using it.
clear_stale_throwaway_clusters() {
	local dir version
	for dir in /etc/postgresql/*/regress; do
		[ -f "$dir/.by_pg_virtualenv" ] || continue
		version=$(basename "$(dirname "$dir")")
		if as_root pg_ctlcluster "$version" regress status >/dev/null 2>&1; then
			echo "a throwaway cluster $version/regress is running: another test run is using it; wait for it or stop it (pg_dropcluster --stop $version regress)" >&2
			return 1
		fi
		step "dropping the throwaway cluster $version/regress an interrupted run left behind"
		# As pg_virtualenv does: its marker would keep the directory.
		as_root rm -f "$dir/.by_pg_virtualenv"
		as_root pg_dropcluster "$version" regress || return 1
	done
	return 0
}
