#!/usr/bin/env bash
# The README's first command: installs the dependencies, builds neurodyn in Release (with its Python module),
# runs the main job, the simulation gallery (one figure per model preset family) written under out/gallery/,
# and makes .venv, the Python that imports neurodyn (scripts/python-venv.sh).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

scripts/install-deps.sh
cmake --preset release
cmake --build --preset release -j"$(nproc)"
# A gallery written before result folders carried their marker is kept aside, not replaced.
if [[ -d out/gallery && ! -e out/gallery/.neurodyn-result ]] && [[ -n "$(ls -A out/gallery)" ]]; then
  kept="out/gallery.before-$(date +%Y%m%d-%H%M%S)"
  mv out/gallery "$kept"
  echo "an earlier out/gallery without neurodyn's marker was moved to $kept"
fi
build/release/neurodyn gallery --out out/gallery
# Python: .venv (Debian's interpreter) imports the module neurodyn just built.
scripts/python-venv.sh build/release

echo
echo "neurodyn is built: $(pwd)/build/release/neurodyn"
echo "Python: $(pwd)/.venv/bin/python, then import neurodyn"
echo "gallery figures (PNG and SVG, one per preset family): $(pwd)/out/gallery/"
