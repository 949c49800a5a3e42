#!/bin/bash
# Builds the libFuzzer targets of the pure C code and runs each for a
# bounded time (default 20 seconds).  Prints one line per target:
#   fuzz <target>: ok|FAILED, <executions> executions in <seconds> s
# and exits non-zero if any target crashed or broke a round-trip check.
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
seconds=${1:-20}
build="$here/build"
mkdir -p "$build"

status=0
# target:the pure C files it links
for spec in case_id:case_id usml:usml business_days:business_days,civil_date transmittal:transmittal notification:notification workflow:workflow forecast:forecast; do
	target=${spec%%:*}
	sources=()
	IFS=, read -ra names <<<"${spec#*:}"
	for name in "${names[@]}"; do sources+=("$top/src/$name.c"); done
	bin="$build/fuzz_$target"
	if ! clang -g -O1 -std=c99 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
			-I"$top/src" "$here/fuzz_$target.c" "${sources[@]}" -o "$bin" -lm 2>"$build/$target.build.log"; then
		echo "fuzz $target: FAILED to build"; cat "$build/$target.build.log"
		status=1; continue
	fi
	corpus="$here/corpus-$target"
	mkdir -p "$corpus"
	log="$build/$target.log"
	if "$bin" -max_total_time="$seconds" -print_final_stats=1 -max_len=256 \
			-artifact_prefix="$build/$target-" "$corpus" "$here/seeds/$target" >"$log" 2>&1; then
		runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
		echo "fuzz $target: ok, ${runs:-?} executions in $seconds s"
	else
		echo "fuzz $target: FAILED (see below)"; tail -40 "$log"
		status=1
	fi
done
exit $status
