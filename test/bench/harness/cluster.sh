#!/bin/bash
# The measurements of test/bench/run, inside its throwaway cluster
# (pg_virtualenv sets PGHOST, PGPORT, PGUSER).  FMS_SCALE and FMS_AS_OF
# come from test/bench/run.  Each measurement appends a tab-separated row
# (section, measure, fms, reference, fms / reference) to the table printed
# at the end.
set -eu
scale=$FMS_SCALE
as_of=$FMS_AS_OF
here=test/bench/harness
table=$(mktemp)
trap 'rm -f "$table"' EXIT
q() { psql -X -q -At -v ON_ERROR_STOP=1 "$@"; }
now() { date +%s.%N; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "-"; else printf "%.2f", a / b }'; }
row() { printf '%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" "$(ratio "$3" "$4")" >>"$table"; }
note() { printf '%s\n' "$*" >&2; }

note "fms benchmark: scale $scale (16,000 x $scale open cases), reports' day $as_of"
note "server: $(q -d postgres -c "SELECT version()" | cut -d, -f1); shared_buffers $(q -d postgres -c 'SHOW shared_buffers'), work_mem $(q -d postgres -c 'SHOW work_mem'), jit $(q -d postgres -c 'SHOW jit'); $(nproc) cores"

# --- Bulk load: the sample portfolio through the engine and its guards,
# against a plain INSERT of the same rows into copies without triggers.
generate() {
	local db=$1 cases=$2 start end
	createdb "$db"
	q -d "$db" -c "CREATE EXTENSION fms CASCADE" 2>/dev/null
	q -d "$db" -c "ALTER DATABASE $db SET fms.as_of_date = '$as_of'"
	start=$(now)
	q -d "$db" -c "SELECT count(*) FROM fms.generate_sample_data($cases, 1, '$as_of')" >/dev/null
	end=$(now)
	q -d "$db" -c "VACUUM ANALYZE"
	echo "$end - $start" | bc
}
rows_of() {
	q -d "$1" -c "SELECT sum(c.reltuples)::bigint FROM pg_class AS c
	               WHERE c.relnamespace = 'fms'::regnamespace AND c.relkind = 'r'"
}
note "generating scale 1"
t_1=$(generate fms_1 16000)
db=fms_1
if [ "$scale" != 1 ]; then
	note "generating scale $scale"
	t_s=$(generate "fms_$scale" $((16000 * scale)))
	db=fms_$scale
else
	t_s=$t_1
fi
log_entries=$(q -d "$db" -c "SELECT (SELECT count(*) FROM fms.transition_log) + (SELECT count(*) FROM fms.row_transition_log)")
tables="transition_log row_transition_log cases case_changes case_lines deliveries payment_schedule collections congressional_notifications dcs_licenses"
q -d "$db" -c "CREATE SCHEMA plain"
for t in $tables; do
	q -d "$db" -c "CREATE TABLE plain.$t (LIKE fms.$t INCLUDING DEFAULTS INCLUDING INDEXES INCLUDING CONSTRAINTS)"
done
copy=""
for t in $tables; do copy="$copy INSERT INTO plain.$t SELECT * FROM fms.$t;"; done
start=$(now)
q -d "$db" -c "BEGIN; $copy COMMIT;"
end=$(now)
t_plain=$(echo "$end - $start" | bc)
q -d "$db" -c "DROP SCHEMA plain CASCADE"
row load "bulk load at scale $scale, seconds (against a plain INSERT of the same rows)" "$t_s" "$t_plain"
row load "bulk load at scale $scale, logged changes per second (against a plain INSERT)" \
	"$(awk -v n="$log_entries" -v t="$t_s" 'BEGIN { printf "%.0f", n / t }')" \
	"$(awk -v n="$log_entries" -v t="$t_plain" 'BEGIN { printf "%.0f", n / t }')"

# --- Status changes per second: the C engine against the same rules as a
# PL/pgSQL trigger, 10 rows a statement, each client in its own rows; the
# better of two runs of each, taken in turn.
note "status changes at 1, 4 and 16 clients"
createdb fms_engine
q -d fms_engine -c "CREATE EXTENSION fms CASCADE" 2>/dev/null
q -d fms_engine -c "ALTER DATABASE fms_engine SET synchronous_commit = off"
q -d fms_engine -f test/bench/workflow/setup.sql >/dev/null
scripts=$(mktemp -d)
for kind in c plpgsql; do
	printf '%s\n' '\set lo :client_id * 600 + random(1, 590)' \
		"UPDATE ${kind}_rows SET status = CASE WHEN status = 'a' THEN 'b' ELSE 'a' END WHERE id BETWEEN :lo AND :lo + 9;" \
		>"$scripts/$kind.sql"
done
for clients in 1 4 16; do
	declare -A rate=()
	for round in 1 2; do
		for kind in c plpgsql; do
			tps=$(pgbench -n -M prepared -c "$clients" -j 2 -T "${SECONDS_EACH:-6}" -f "$scripts/$kind.sql" fms_engine 2>/dev/null |
				sed -n 's/^tps = \([0-9.]*\).*/\1/p')
			this=$(awk -v t="$tps" 'BEGIN { printf "%.0f", t * 10 }')
			[ "${rate[$kind]:-0}" -ge "$this" ] || rate[$kind]=$this
		done
	done
	row engine "status changes per second, $clients client(s) (against a PL/pgSQL trigger)" "${rate[c]}" "${rate[plpgsql]}"
done
rm -rf "$scripts"

# --- Scalar functions against built-ins.
note "scalar functions"
q -d fms_engine -f "$here/scalar.sql" >>"$table"

# --- fms.case_id against text keys (test/bench/case_id_vs_text.sql).
note "case_id against text"
keys=$(psql -X -q -A -F '|' -v ON_ERROR_STOP=1 -d fms_engine -f test/bench/case_id_vs_text.sql)
field() { echo "$keys" | awk -F'|' -v k="$1" -v c="$2" '$1 == k { print $c }'; }
row keys "fms.case_id index MB (against text in the database collation)" "$(field fms.case_id 3)" "$(field 'text (database collation)' 3)"
row keys "200,000 index lookups, ms (against text in the database collation)" "$(field fms.case_id 5)" "$(field 'text (database collation)' 5)"
row keys "200,000 index lookups, ms (against text in the C collation)" "$(field fms.case_id 5)" "$(field 'text (C collation)' 5)"

# --- Memory of a session that fills every cache of fms.
note "session memory"
mem_plain=$(q -d fms_1 -f "$here/memory.sql" -v use_fms=false)
mem_fms=$(q -d fms_1 -f "$here/memory.sql" -v use_fms=true)
row memory "backend private memory (RssAnon) after filling every cache, kB (against a session without fms)" \
	"$(echo "$mem_fms" | cut -f1)" "$(echo "$mem_plain" | cut -f1)"
row memory "backend peak resident memory (VmHWM), kB (against a session without fms)" \
	"$(echo "$mem_fms" | cut -f2)" "$(echo "$mem_plain" | cut -f2)"
row memory "fms caches (memory contexts \"fms cache\"), kB" "$(echo "$mem_fms" | cut -f3)" 0

# --- The forecasts' fits kept (test/bench/harness/kept_fits.sql): the
# refresh against reading both forecasting views with none kept, and each
# view with every fit kept against none.  The views below read them kept.
note "kept fits"
[ "$db" = fms_1 ] || q -d fms_1 -c "SELECT fms.refresh_kept_forecasts()" >/dev/null
q -d "$db" -f "$here/kept_fits.sql" | while IFS="$(printf '\t')" read -r what kept spot; do
	case $what in
	fms.refresh*) row views "keeping every fit at scale $scale, ms (against reading both views with none kept)" "$kept" "$spot" ;;
	*) row views "$what with every fit kept, ms at scale $scale (against none kept)" "$kept" "$spot" ;;
	esac
done

# --- Every view read whole at scale 1 and at the scale asked, without JIT;
# then with the server's JIT against without, summed.
note "views"
growth=$(awk -v a="$(rows_of "$db")" -v b="$(rows_of fms_1)" 'BEGIN { printf "%.1f", a / b }')
q -d fms_1 -v jit=off -f "$here/views.sql" >"$table.v1"
if [ "$scale" != 1 ]; then q -d "$db" -v jit=off -f "$here/views.sql" >"$table.vs"; else cp "$table.v1" "$table.vs"; fi
q -d "$db" -v jit=on -f "$here/views.sql" >"$table.vj"
LC_ALL=C join -t "$(printf '\t')" <(LC_ALL=C sort "$table.vs") <(LC_ALL=C sort "$table.v1") | while IFS="$(printf '\t')" read -r view ms_s rows_s ms_1 rows_1; do
	row views "$view, ms at scale $scale (against scale 1; the data grew x$growth)" "$ms_s" "$ms_1"
done
row views "every view at scale $scale, ms summed, with the server's JIT (against without)" \
	"$(awk -F'\t' '{ s += $2 } END { print s }' "$table.vj")" "$(awk -F'\t' '{ s += $2 } END { print s }' "$table.vs")"
rm -f "$table.v1" "$table.vs" "$table.vj"

echo
printf 'section\tmeasure\tfms\treference\tfms / reference\n' | cat - "$table" | column -t -s "$(printf '\t')"
