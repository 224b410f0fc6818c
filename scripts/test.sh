#!/usr/bin/env bash
# The README's second command and what CI runs: installs the dependencies, builds with warnings as errors
# and runs every test, the explorer's browser tests and the Python module's tests, then builds the core tests
# with AddressSanitizer + UndefinedBehaviorSanitizer and runs them, and runs each fuzz harness briefly. Every
# stage runs even when an earlier test stage fails; a build failure skips that build's tests. Exits non-zero
# when any stage failed and ends with one summary line.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

failed=()

# stage NAME COMMAND...: runs COMMAND; records NAME as failed when it fails.
stage() {
  local name=$1
  shift
  echo "==> $name: $*" >&2
  if "$@"; then
    return 0
  fi
  failed+=("$name")
  return 1
}

scripts/install-deps.sh

jobs=$(nproc)
if stage "ci build" cmake --preset ci && stage "ci build" cmake --build --preset ci -j"$jobs"; then
  stage "all tests" ctest --preset ci -j2 || true
  # The explorer in headless Chromium; the screenshot goes to build/ci/artifacts/explorer.png.
  stage "browser tests" env NEURODYN_BIN=build/ci/neurodyn node --test tests/browser/ || true
  # The Python module against the command line it wraps, with .venv's interpreter importing the ci build's module.
  if stage "python tests" scripts/python-venv.sh; then
    stage "python tests" env NEURODYN_BIN=build/ci/neurodyn PYTHONPATH=build/ci/python .venv/bin/python -m pytest -q \
      -p no:cacheprovider tests/python || true
  fi
fi
if stage "sanitize build" cmake --preset sanitize &&
  stage "sanitize build" cmake --build --preset sanitize -j"$jobs" --target test_model test_stimulus test_solve; then
  stage "sanitized core tests" ctest --preset sanitize-core -j2 || true
fi

# The parsers under libFuzzer, 10 s a harness, with their own clang build (scripts/fuzz.sh; it documents a long
# campaign).
stage "fuzz" scripts/fuzz.sh 10 || true

if [[ ${#failed[@]} -eq 0 ]]; then
  echo "test.sh: PASSED (ci build, all tests, browser tests, python tests, sanitize build, sanitized core tests, fuzz)"
  exit 0
fi
echo "test.sh: FAILED: $(printf '%s, ' "${failed[@]}" | sed 's/, $//')"
exit 1
