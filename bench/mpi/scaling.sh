#!/usr/bin/env bash
# Wall time of a sparse 100,000-neuron network and a 10,000-run sweep under `mpirun -n R` with T threads per rank,
# for R, T in {1, 2}, and the share of the network's simulation spent exchanging spikes between ranks. Each case
# runs once after one warm-up of the first; on a shared machine compare ratios within one run.
#
#   bash bench/mpi/scaling.sh [NEURODYN] [WORK_DIR]
#
# NEURODYN defaults to build/release/neurodyn (scripts/setup.sh builds it), WORK_DIR to a temporary folder.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
neurodyn=${1:-$here/../../build/release/neurodyn}
work=${2:-$(mktemp -d)}
mpirun=(mpirun --oversubscribe --bind-to none)
[[ $(id -u) == 0 ]] && mpirun+=(--allow-run-as-root)

# Runs one case; prints its wall time (s) and, for the network, the stderr lines about the run and the exchange.
run_case() {
  local ranks=$1 threads=$2 command=$3 config=$4 out=$work/$3-r$1-t$2
  local start end
  start=$(date +%s%N)
  "${mpirun[@]}" -n "$ranks" "$neurodyn" "$command" --config "$config" --threads "$threads" --no-figures \
      --out "$out" 2>"$out.err" >"$out.out"
  end=$(date +%s%N)
  printf '%-8s ranks %d threads %d: wall %6.2f s' "$command" "$ranks" "$threads" "$(awk "BEGIN { print ($end - $start) / 1e9 }")"
  if [[ $command == network ]]; then
    printf '; %s; %s\n' "$(grep -o 'built in .*' "$out.err")" \
        "$(grep -o 'exchanging spikes, by rank: .*' "$out.err" || echo 'one rank: no exchange')"
  else
    printf '; %s\n' "$(grep -o '[0-9]* runs of .*' "$out.err")"
  fi
}

"${mpirun[@]}" -n 1 "$neurodyn" network --config "$here/sparse-100k.toml" --no-figures --out "$work/warm-up" \
    >/dev/null 2>&1
for command in network sweep; do
  config=$here/sparse-100k.toml
  [[ $command == sweep ]] && config=$here/sweep-10k.toml
  for ranks in 1 2; do
    for threads in 1 2; do run_case "$ranks" "$threads" "$command" "$config"; done
  done
done
echo "results in $work"
