#!/usr/bin/env bash
# Installs the Debian 12 packages neurodyn needs to build, test and draw figures. Idempotent: when every
# package is already installed it changes nothing and needs no network.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config
  libcli11-dev libtoml11-dev nlohmann-json3-dev libfmt-dev libeigen3-dev
  libsundials-dev libcpp-httplib-dev libopenblas0-pthread
  libgtest-dev libgmock-dev googletest libbenchmark-dev
  gnuplot-nox fonts-dejavu-core
)

missing=()
for package in "${packages[@]}"; do
  if ! dpkg -s "$package" 2>/dev/null | grep -q '^Status: install ok installed'; then
    missing+=("$package")
  fi
done

if [[ ${#missing[@]} -eq 0 ]]; then
  echo "install-deps: all ${#packages[@]} packages are installed" >&2
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
