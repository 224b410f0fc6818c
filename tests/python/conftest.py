"""Fixtures of the Python module's tests: the command line it is checked against (NEURODYN_BIN, default
build/ci/neurodyn) run in a temporary folder."""

import os
import pathlib
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]


class Cli:
    """Runs `neurodyn ARGS...`; `simulate` also reads back the spikes it wrote (spikes.csv, full precision)."""

    def __init__(self, binary, folder):
        self.binary = binary
        self.folder = folder

    def run(self, *args):
        return subprocess.run([str(self.binary), *args], capture_output=True, text=True, cwd=self.folder)

    def simulate(self, *args):
        out = self.folder / "run"
        done = self.run("simulate", *args, "--no-figures", "--out", str(out))
        assert done.returncode == 0, done.stderr
        rows = [line for line in (out / "spikes.csv").read_text().splitlines() if not line.startswith("#")]
        assert rows[0] == "time_ms"
        spikes = [float(row) for row in rows[1:]]
        return spikes, (out / "config.toml").read_text()

    def error(self, *args):
        """The message `neurodyn simulate ARGS` prints for invalid input (exit status 2), without 'error: '."""
        done = self.run("simulate", *args, "--no-figures", "--out", str(self.folder / "refused"))
        assert done.returncode == 2, done.stderr
        assert done.stderr.startswith("error: ")
        return done.stderr[len("error: ") :].rstrip("\n")


def assert_loaded_on_first_use(name, library):
    """In a fresh interpreter, `import neurodyn` leaves `library` (a shared library's name, as /proc/self/maps
    shows it) and the extension _neurodyn_NAME unloaded, and neurodyn.NAME loads them."""
    code = (f"import sys, neurodyn\n"
            f"assert 'neurodyn._neurodyn_{name}' not in sys.modules\n"
            f"assert '{library}' not in open('/proc/self/maps').read()\n"
            f"neurodyn.{name}\n"
            f"assert '{library}' in open('/proc/self/maps').read()\n")
    subprocess.run([sys.executable, "-c", code], check=True)


@pytest.fixture
def cli(tmp_path):
    binary = pathlib.Path(os.environ.get("NEURODYN_BIN", ROOT / "build/ci/neurodyn")).resolve()
    if not binary.exists():
        pytest.fail(f"the command line {binary} is not built (NEURODYN_BIN names it)")
    return Cli(binary, tmp_path)
