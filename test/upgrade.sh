#!/bin/bash
# The upgrade test: a database upgraded with ALTER EXTENSION fms UPDATE
# equals a fresh install of the current version.
#
# Each release's install script is kept, as released, in
# test/upgrade/releases/fms--<version>.sql.  For each kept release:
#   - if it is the current version (default_version in fms.control), the
#     install script built from src/sql must be that release's, byte for
#     byte: a change to the schema needs a new version and an upgrade script;
#   - otherwise the release is installed from its kept script, filled with
#     its own sample data generator, and updated through the scripts
#     src/sql/fms--A--B.sql, with a schema of look-alike operators and
#     functions owned by another user first on the path; its data is then dumped and restored into a
#     fresh install of the current version, and the two databases are
#     compared (test/upgrade/snapshot.sql: every object, definition,
#     comment, privilege and row).  Restoring runs the current version's
#     triggers over every row, so a column the update left unfilled, that
#     the current version derives, shows up as a difference; the updated
#     log's hash chains must verify, before and after the restore;
#   - if test/upgrade/edited/fms--<release>.sql exists, the release is also
#     installed with those edits of its shipped rows, updated, and checked
#     with fms--<release>.check.sql (one row of booleans, all true).
# Prints TAP.  Needs a running server (the PG* variables) with the current
# fms installed, and the right to write into its extension directory.
set -u
cd "$(dirname "$0")/.." || exit 1
PG_CONFIG=${PG_CONFIG:-pg_config}
current=$(sed -n "s/^default_version[[:space:]]*=[[:space:]]*'\([^']*\)'.*/\1/p" fms.control)
extdir="$("$PG_CONFIG" --sharedir)/extension"
work=$(mktemp -d)
planted=
# Put a kept script into the extension directory for the test, keeping any
# file of that name that was there, and take it away afterwards.
plant() {
	planted=$extdir/$(basename "$1")
	[ -e "$planted" ] && mv "$planted" "$work/kept-aside"
	cp "$1" "$planted"
}
unplant() {
	[ -n "$planted" ] || return 0
	rm -f "$planted"
	[ -e "$work/kept-aside" ] && mv "$work/kept-aside" "$planted"
	planted=
}
trap 'unplant; rm -rf "$work"' EXIT
releases=$(ls test/upgrade/releases/fms--*.sql 2>/dev/null | sed 's/.*fms--\(.*\)\.sql$/\1/' | sort -V)
n=0
failed=0
ok() {
	n=$((n + 1))
	if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; failed=1; fi
}
psql_quiet() { psql -X -q -v ON_ERROR_STOP=1 "$@"; }

# A database with fms at version $2 and that version's sample data.
filled() {
	local db=$1 version=$2
	dropdb --if-exists "$db" >/dev/null 2>&1
	createdb "$db" &&
		psql_quiet -d "$db" -c "ALTER DATABASE $db SET fms.as_of_date = '2026-11-30'" \
			-c "CREATE EXTENSION fms VERSION '$version' CASCADE" 2>/dev/null &&
		psql_quiet -d "$db" -c "SELECT fms.generate_sample_data(300, 3)" >/dev/null
}
# A fresh install of the current version holding the data of database $1
# (its dump creates the extension, at the default version, then loads it).
restored_from() {
	local from=$1 db=$2
	dropdb --if-exists "$db" >/dev/null 2>&1
	createdb "$db" &&
		psql_quiet -d "$db" -c "ALTER DATABASE $db SET fms.as_of_date = '2026-11-30'" &&
		pg_dump -Fc "$from" >"$work/dump" &&
		pg_restore --exit-on-error -d "$db" "$work/dump" 2>"$work/restore-errors"
}

edited=$(ls test/upgrade/edited/fms--*.check.sql 2>/dev/null | wc -l)
older=$(for r in $releases; do [ "$r" = "$current" ] || echo "$r"; done | wc -l)
echo "1..$(( $(echo $releases | wc -w) + older + edited ))"
make -s PG_CONFIG="$PG_CONFIG" "fms--$current.sql" >/dev/null || { echo "Bail out! could not build the install script"; exit 1; }
for release in $releases; do
	kept=test/upgrade/releases/fms--$release.sql
	if [ "$release" = "$current" ]; then
		cmp -s "$kept" "fms--$current.sql"
		ok $? "the install script built from src/sql is release $release's, as kept in $kept"
		[ "$failed" = 1 ] && diff -u "$kept" "fms--$current.sql" | head -40 | sed 's/^/# /'
		continue
	fi
	plant "$kept"
	if filled fms_upgrade_old "$release" &&
		psql_quiet -d fms_upgrade_old -f test/upgrade/hostile_path.sql \
			-c "SET search_path = hostile, pg_catalog, public" -c "ALTER EXTENSION fms UPDATE" \
			-c "RESET search_path" -c "DROP SCHEMA hostile CASCADE" -c "DROP ROLE regress_hostile_updater" &&
		restored_from fms_upgrade_old fms_upgrade_new; then
		psql -X -d fms_upgrade_old -f test/upgrade/snapshot.sql >"$work/old" 2>&1
		psql -X -d fms_upgrade_new -f test/upgrade/snapshot.sql >"$work/new" 2>&1
		diff -u "$work/new" "$work/old" >"$work/diff"
		ok $? "release $release updated to $current (under a hostile search_path) equals a fresh install of $current ($(wc -l <"$work/new") lines compared)"
		head -${UPGRADE_DIFF_LINES:-60} "$work/diff" | sed 's/^/# /'
		# The log written before the update is sealed by it, and what the
		# restore brought along verifies as the original does.
		entries=$(psql -X -At -d fms_upgrade_old -c "SELECT count(*) FROM fms.transition_log" 2>&1)
		breaks_old=$(psql -X -At -d fms_upgrade_old -c "SELECT count(*) FROM fms.verify_transition_log()" 2>&1)
		breaks_new=$(psql -X -At -d fms_upgrade_new -c "SELECT count(*) FROM fms.verify_transition_log()" 2>&1)
		[ "$breaks_old" = 0 ] && [ "$breaks_new" = 0 ]
		ok $? "release $release updated to $current has its log sealed: every chain verifies ($entries entries; breaks $breaks_old, after a restore $breaks_new)"
	else
		ok 1 "release $release could be installed, filled, updated to $current, dumped and restored"
		ok 1 "release $release updated to $current has its log sealed (not checked: the update failed)"
		sed 's/^/# /' "$work/restore-errors" 2>/dev/null | head -20
	fi
	# The same release with a user's edits of its shipped rows.
	if [ -f "test/upgrade/edited/fms--$release.sql" ]; then
		dropdb --if-exists fms_upgrade_edited >/dev/null 2>&1
		createdb fms_upgrade_edited &&
			psql_quiet -d fms_upgrade_edited -c "CREATE EXTENSION fms VERSION '$release' CASCADE" \
				-f "test/upgrade/edited/fms--$release.sql" -c "ALTER EXTENSION fms UPDATE" 2>"$work/edited-errors" &&
			checks=$(psql -X -At -d fms_upgrade_edited -f "test/upgrade/edited/fms--$release.check.sql" 2>>"$work/edited-errors")
		[ "$checks" = "$(echo "$checks" | sed 's/[^|]*/t/g')" ] && [ -n "$checks" ]
		ok $? "release $release with its shipped rows edited updates to $current, keeping the edits and the new rules ($checks)"
		grep -v NOTICE "$work/edited-errors" | head -5 | sed 's/^/# /'
		dropdb --if-exists fms_upgrade_edited >/dev/null 2>&1
	fi
	unplant
	dropdb --if-exists fms_upgrade_old >/dev/null 2>&1
	dropdb --if-exists fms_upgrade_new >/dev/null 2>&1
done
[ "$failed" = 0 ]
