#!/usr/bin/env bash
# Makes .venv, the one documented way to run Python with neurodyn: a virtual environment of Debian's
# interpreter (/usr/bin/python3, whose numpy, matplotlib, pytest and brian2 come from apt, whatever python3 comes
# first on PATH) that sees the system's packages. `scripts/python-venv.sh BUILD` also makes it import neurodyn
# from BUILD/python (a .pth file; setup.sh links build/release) and checks that it does; without BUILD the
# link is left as it is (scripts/test.sh sets PYTHONPATH to the ci build instead). Idempotent.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if [[ ! -x .venv/bin/python ]]; then
  /usr/bin/python3 -m venv --system-site-packages --without-pip .venv
fi
[[ $# -eq 0 ]] && exit 0
site=$(.venv/bin/python -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
echo "$(pwd)/$1/python" >"$site/neurodyn-build.pth"
if ! .venv/bin/python -c 'import neurodyn'; then
  echo "python-venv: .venv cannot import neurodyn from $1/python (is it built?)" >&2
  exit 1
fi
echo "python-venv: .venv/bin/python imports neurodyn from $1/python" >&2
