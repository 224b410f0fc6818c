#!/usr/bin/env bash
# Installs the Debian 12 packages neurodyn needs to build, test and draw figures, and the npm packages of the
# browser tests (playwright-core, uplot: package-lock.json) into node_modules/. Idempotent: when every package
# is already installed and node_modules matches the lockfile it changes nothing and needs no network.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config ccache
  libcli11-dev libtoml11-dev nlohmann-json3-dev libfmt-dev libeigen3-dev
  libsundials-dev libcpp-httplib-dev libopenblas0-pthread libhdf5-dev librandom123-dev libboost-dev
  libpagmo-dev libnlopt-cxx-dev libopenmpi-dev openmpi-bin libtorch-dev
  libgtest-dev libgmock-dev googletest libbenchmark-dev
  clang libclang-rt-14-dev libomp-14-dev
  gnuplot-nox fonts-dejavu-core
  python3-h5py python3-neo python3-brian
  python3-dev python3-venv pybind11-dev python3-numpy python3-matplotlib python3-pytest
  chromium
)

missing=()
for package in "${packages[@]}"; do
  if ! dpkg -s "$package" 2>/dev/null | grep -q '^Status: install ok installed'; then
    missing+=("$package")
  fi
done
# Node and npm may come from elsewhere than Debian (a newer release): only their absence asks for Debian's.
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)

# npm ci at the repository root when node_modules is missing or was installed from another lockfile.
install_node_packages() {
  local root lock_hash stamp
  root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
  lock_hash=$(sha256sum "$root/package-lock.json" | cut -d' ' -f1)
  stamp="$root/node_modules/.neurodyn-lock-sha256"
  if [[ -f $stamp && $(cat "$stamp") == "$lock_hash" ]]; then
    echo "install-deps: node_modules matches package-lock.json" >&2
    return 0
  fi
  echo "install-deps: npm ci (node_modules missing or from another lockfile)" >&2
  (cd "$root" && npm ci --no-audit --no-fund)
  echo "$lock_hash" >"$stamp"
}

if [[ ${#missing[@]} -eq 0 ]]; then
  echo "install-deps: all ${#packages[@]} packages are installed" >&2
  install_node_packages
  exit 0
fi

as_root=()
if [[ $(id -u) -ne 0 ]]; then
  if command -v sudo >/dev/null 2>&1; then
    as_root=(sudo)
  else
    echo "install-deps: missing packages (${missing[*]}) and neither root nor sudo; install them as root" >&2
    exit 1
  fi
fi

echo "install-deps: installing ${missing[*]}" >&2
"${as_root[@]}" apt-get update
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
install_node_packages
