#!/usr/bin/env bash
# scripts/fuzz.sh [SECONDS]: builds the libFuzzer harnesses of tests/fuzz/ (the `fuzz` preset: clang,
# AddressSanitizer, UndefinedBehaviorSanitizer, into build/fuzz), runs each once on the inputs of
# tests/fuzz/regressions/HARNESS/ (inputs that once crashed, too large to be good seeds), then for SECONDS
# (default 10) on a fresh copy of its seed corpus, tests/fuzz/corpus/HARNESS/. Prints one line per harness with
# its executions; exits non-zero when a harness crashes, leaks, times out on one input or runs out of memory.
# The input that did it is kept as build/fuzz/artifacts/HARNESS/crash-* (or leak-, timeout-, oom-), the log as
# build/fuzz/logs/HARNESS.log; reproduce with `build/fuzz/HARNESS FILE`.
#
# A long campaign: `scripts/fuzz.sh 3600` (an hour per harness, one core each, one after the other), or one
# harness on every core, keeping what it finds in its working corpus:
#   build/fuzz/run_config_fuzz -fork="$(nproc)" -max_total_time=28800 -max_len=4096 -timeout=10 \
#     -artifact_prefix=build/fuzz/artifacts/run_config_fuzz/ build/fuzz/corpus/run_config_fuzz
# (simulate_request_fuzz takes -max_len=65536: the API's body limit).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

seconds=${1:-10}
if ! [[ $seconds =~ ^[1-9][0-9]*$ ]]; then
  echo "fuzz.sh: SECONDS = '$seconds' is not allowed; allowed: a whole number of seconds >= 1" >&2
  exit 2
fi

cmake --preset fuzz >/dev/null  # ccache as CMakeLists.txt sets it up
cmake --build --preset fuzz -j"$(nproc)"

# The longest input a harness is given; the request harness takes anything the API's body limit lets through.
max_len_of() {
  case $1 in
    simulate_request_fuzz) echo 65536 ;;
    *) echo 4096 ;;
  esac
}

# run_harness NAME SECONDS: its regression inputs once, then SECONDS of fuzzing; the log goes to $log.
run_harness() {
  local harness=$1 seconds=$2 corpus=build/fuzz/corpus/$1 artifacts=build/fuzz/artifacts/$1
  rm -rf "$corpus"
  mkdir -p "$corpus" "$artifacts"
  cp tests/fuzz/corpus/"$harness"/* "$corpus"/
  local regressions=(tests/fuzz/regressions/"$harness"/*)
  if [[ -e ${regressions[0]} ]]; then
    "build/fuzz/$harness" "${regressions[@]}" >>"$log" 2>&1 || return
  fi
  "build/fuzz/$harness" -max_total_time="$seconds" -max_len="$(max_len_of "$harness")" -timeout=10 \
    -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$artifacts/" "$corpus" >>"$log" 2>&1
}

mkdir -p build/fuzz/logs
failed=()
for source in tests/fuzz/*_fuzz.cpp; do
  harness=$(basename "$source" .cpp)
  log=build/fuzz/logs/$harness.log
  : >"$log"
  status=0
  run_harness "$harness" "$seconds" || status=$?
  executions=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
  if [[ $status -eq 0 ]]; then
    echo "fuzz.sh: $harness: ${executions:-?} executions in ${seconds} s, no crash"
  else
    echo "fuzz.sh: $harness: FAILED (exit status $status) after ${executions:-?} executions; see $log" >&2
    grep -m 3 -E '^(SUMMARY|==[0-9]+==ERROR)|runtime error' "$log" >&2 || true
    failed+=("$harness")
  fi
done

if [[ ${#failed[@]} -gt 0 ]]; then
  echo "fuzz.sh: FAILED: ${failed[*]}" >&2
  exit 1
fi
