"""nd.fit gives the fit `neurodyn fit` writes for the same config (parameters.csv, fit.toml); its progress callback
sees every evaluation and can stop the fit; `import neurodyn` does not load the fit's libraries."""

import csv

import neurodyn as nd
import pytest
from conftest import ROOT, assert_loaded_on_first_use

ABF = ROOT / "tests/data/recordings/171116sh_0018.abf"

# The small fit of tests/cli/fit_test.cpp: sweeps 8 and 10 trained, 9 held out, the first 700 ms, a, b and d free.
SMALL_FIT = f"""preset = "izh2007-RS"
[method]
name = "dopri5"
[data]
recording = "{ABF}"
training = [8, 10]
held_out = [9]
window = [0.0, 700.0]
[free]
a = "default"
b = [-5.0, 10.0]
d = "default"
[optimizer]
name = "cmaes"
evaluations = 14
seed = 4
"""


def test_fit_equals_the_command_lines(cli):
    (cli.folder / "fit.toml").write_text(SMALL_FIT)
    done = cli.run("fit", "--config", "fit.toml", "--out", "out")
    assert done.returncode == 0, done.stderr
    seen = []
    result = nd.fit(text=SMALL_FIT, threads=1, progress=lambda n, budget, best: seen.append((n, budget)))
    assert seen[-1] == (14, 14) and result["evaluations"] == 14
    rows = list(csv.DictReader(line for line in (cli.folder / "out/parameters.csv").read_text().splitlines()
                               if not line.startswith("#")))
    written = {row["name"]: float(row["fitted"]) for row in rows}  # 10 significant digits
    assert result["fitted"] == pytest.approx(written, rel=1e-9)
    assert result["config"] == (cli.folder / "out/fit.toml").read_text()
    printed = dict(line.split(": ", 1) for line in done.stdout.splitlines() if ": " in line)
    assert float(printed["held_out_features"]) == pytest.approx(result["held_out"]["features"], rel=1e-5)


def test_an_exception_in_progress_stops_the_fit():
    count = []

    def stop(evaluations, budget, best):
        count.append(evaluations)
        raise KeyboardInterrupt("enough")

    with pytest.raises(KeyboardInterrupt, match="enough"):
        nd.fit(text=SMALL_FIT.replace("evaluations = 14", "evaluations = 400"), progress=stop)
    assert count == [1]


def test_import_does_not_load_the_fit():
    assert_loaded_on_first_use("fit", "libpagmo")
