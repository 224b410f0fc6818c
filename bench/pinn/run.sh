#!/usr/bin/env bash
# The PINN's accuracy and training time against the converged reference, one run each (docs/benchmarks.md, "PINN"):
#   event mode on 1000 ms of the 2003 RS cell at I = 10 (23 spikes) and on the earlier study's 2007 problem;
#   with --earlier-study also that study's pure (0-200 ms) and guided PINN at its own settings (about 20 minutes each).
# Usage: bash bench/pinn/run.sh [NEURODYN] [--earlier-study]
set -euo pipefail
neurodyn=${1:-build/release/neurodyn}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

run() {
  local name=$1
  shift
  "$neurodyn" pinn "$@" --out "$out/$name" >/dev/null 2>"$out/$name.log"
  echo "== $name: $*"
  grep -v '^#' "$out/$name/metrics.csv" | cut -d, -f1-10
}

run rs-event --mode event --model izh2003 --stimulus const:amp=10 --v0 -65 --u0 -13 --t-end 1000
run izh2007-event --mode event --preset izh2007-RS
if [[ ${2:-} == --earlier-study ]]; then
  run izh2007-pure --mode pure --preset izh2007-RS --t-end 200
  run izh2007-guided --mode guided --preset izh2007-RS
fi
