"""The Python examples run and draw their figure (the fit with a small budget)."""

import pathlib
import subprocess
import sys

from conftest import ROOT


def run_example(name, out, *args):
    done = subprocess.run([sys.executable, str(ROOT / "examples/python" / name), str(out), *args],
                          capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert f"figure: {out}" in done.stdout
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    return done.stdout


def test_fi_and_trace_draws_its_figure(tmp_path):
    run_example("fi_and_trace.py", tmp_path / "fi.png")


def test_fit_recording_fits_and_draws_a_held_out_sweep(tmp_path):
    stdout = run_example("fit_recording.py", tmp_path / "fit.png", "60")
    fitted = stdout.splitlines()[0]
    assert fitted.startswith("fitted: C = ") and " d = " in fitted
