#!/usr/bin/env bash
# The PINN's accuracy and training time against the converged reference, one run each (docs/benchmarks.md, "PINN"):
#   event mode on 1000 ms of the 2003 RS cell at I = 10 (23 spikes), on the earlier study's 2007 problem and on
#   FitzHugh-Nagumo; a network over the span on FitzHugh-Nagumo (about 2 minutes); the inverse mode on 200 ms of the
#   RS cell (a and b; I alone; a, b and I: about 1 minute each);
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
run fhn-event --mode event --preset fhn-classic --t-end 100
run fhn-pure --mode pure --preset fhn-classic --t-end 100 --hidden-layers 4 --hidden-width 64 --uniform-points 1000 \
  --epochs 6000 --first-epochs 3000 --period-ms 20
rs=(--model izh2003 --stimulus const:amp=10 --v0 -65 --u0 -13 --t-end 200)
run rs-inverse-ab --mode inverse "${rs[@]}"
run rs-inverse-I --mode inverse "${rs[@]}" --identify I --start I=8
run rs-inverse-abI --mode inverse "${rs[@]}" --identify a,b,I --start I=5
grep -h 'pinn inverse: [a-zA-Z]* =' "$out"/rs-inverse-*.log
if [[ ${2:-} == --earlier-study ]]; then
  run izh2007-pure --mode pure --preset izh2007-RS --t-end 200
  run izh2007-guided --mode guided --preset izh2007-RS
fi
