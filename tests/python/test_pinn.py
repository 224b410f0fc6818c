"""nd.pinn gives the run `neurodyn pinn` writes for the same configuration (trace.csv, spikes.csv, metrics.csv,
training.csv, config.toml, to the ten significant digits the files hold); invalid input raises ValueError with the
command's message; the progress callback sees every window and an exception it raises stops the training; the
keyword arguments are the command's flags; `import neurodyn` does not load LibTorch."""

import ast
import csv
import math
import re

import neurodyn as nd
import pytest
from conftest import ROOT, assert_loaded_on_first_use

pytest.importorskip("neurodyn._neurodyn_pinn", reason="built without the PINN layer (NEURODYN_PINN=OFF)")

# A short event-driven run with spikes: the 2003 regular-spiking cell over its first 60 ms (3 spikes).
EVENT = dict(preset="izh2003-RS", t_end=60.0, seed=3)
EVENT_FLAGS = ["--mode", "event", "--preset", "izh2003-RS", "--t-end", "60", "--seed", "3"]


def printed(value):
    """A number as the command's files write it (fmt's {:.10g}; empty when not finite)."""
    return f"{value:.10g}" if math.isfinite(value) else ""


def table(path):
    """A result file's rows without its '#' lines: the header, then the rows, as text."""
    lines = [line for line in path.read_text().splitlines() if not line.startswith("#")]
    return list(csv.reader(lines))


@pytest.fixture(scope="module")
def event_run():
    """The run's result, and what its progress callback was given."""
    steps = []
    return nd.pinn("event", **EVENT, progress=steps.append), steps


def test_event_run_equals_the_command_lines(cli, event_run):
    done = cli.run("pinn", *EVENT_FLAGS, "--no-figures", "--out", "out")
    assert done.returncode == 0, done.stderr
    out = cli.folder / "out"
    r, _ = event_run
    assert r["ok"] and r["status"] == "ok" and r["message"] == ""
    assert len(r["spikes"]) >= 2

    header, *rows = table(out / "trace.csv")
    assert header == ["t_ms", "v_mV", "u_mV_per_ms", "v_reference_mV", "u_reference_mV_per_ms"]
    columns = [r["t"], r["state"]["v"], r["state"]["u"], r["reference"]["v"], r["reference"]["u"]]
    assert [[printed(c[i]) for c in columns] for i in range(len(r["t"]))] == rows
    assert r["v"].tolist() == r["state"]["v"].tolist()

    header, *rows = table(out / "spikes.csv")
    assert [printed(t) for t in r["spikes"]] == [row[1] for row in rows]
    assert [printed(t) for t in r["reference_spikes"]] == [row[2] for row in rows]

    header, *rows = table(out / "metrics.csv")
    assert len(rows) == len(r["metrics"]) == 2  # the PINN and Euler at 1 ms
    keys = ["method", "spike_count", "reference_spike_count", "max_spike_error_ms", "mean_spike_error_ms",
            "max_v_error", "max_u_error", "scored_points", "training_s", "trained_parameters", "note"]
    for row, metrics in zip(rows, r["metrics"]):
        assert sorted(metrics) == sorted(keys)
        for key, field in zip(keys, row):
            value = metrics[key]
            if key == "training_s":  # measured: another run's
                assert (field == "") == math.isnan(value)
            elif isinstance(value, str):
                assert value == field
            else:
                assert printed(value) == field, key

    header, *rows = table(out / "training.csv")
    assert list(r["training"]) == header
    assert [[printed(r["training"][name][i]) for name in header] for i in range(len(rows))] == rows

    assert r["config"] == (out / "config.toml").read_text()
    assert r["mode"] == "event" and r["parameters"] == {}
    assert re.search(r"^pinn event: \d+ windows", done.stderr, re.MULTILINE)


def test_the_config_repeats_the_run(tmp_path, event_run):
    first, _ = event_run
    path = tmp_path / "config.toml"
    path.write_text(first["config"])
    again = nd.pinn(config=path)
    assert again["spikes"].tolist() == first["spikes"].tolist()
    assert again["config"] == first["config"]


REFUSED = [
    # (keyword arguments, the same as flags): no mode, an option of another mode, a fraction for an integer.
    (dict(preset="izh2003-RS"), ["--preset", "izh2003-RS"]),
    (dict(mode="event", preset="izh2003-RS", epochs=10),
     ["--mode", "event", "--preset", "izh2003-RS", "--epochs", "10"]),
    (dict(mode="event", preset="izh2003-RS", hidden_units=2.5),
     ["--mode", "event", "--preset", "izh2003-RS", "--hidden-units", "2.5"]),
]


@pytest.mark.parametrize("keywords, flags", REFUSED, ids=["no-mode", "epochs", "integer"])
def test_invalid_input_raises_the_command_lines_message(cli, keywords, flags):
    done = cli.run("pinn", *flags, "--no-figures", "--out", "refused")
    assert done.returncode == 2 and done.stderr.startswith("error: "), done.stderr
    with pytest.raises(ValueError) as raised:
        nd.pinn(**keywords)
    assert str(raised.value) == done.stderr[len("error: "):].rstrip("\n")


def test_a_failed_run_returns_the_command_lines_status_and_message(cli):
    """A window that cannot meet the bound ends the run: the command exits with the status and message."""
    done = cli.run("pinn", "--mode", "event", "--preset", "izh2003-RS", "--t-end", "30", "--min-window-ms", "1",
                   "--residual-tolerance", "1e-12", "--no-figures", "--out", "failed")
    assert done.returncode == 1
    r = nd.pinn("event", preset="izh2003-RS", t_end=30, min_window_ms=1, residual_tolerance=1e-12)
    assert not r["ok"] and r["status"] == "step-too-small"
    assert done.stderr.splitlines()[-1] == f"error: {r['status']}: {r['message']}"
    assert 0 < r["t"][-1] < 30 and r["reference"] == {} and r["metrics"][0]["scored_points"] == 0


def test_progress_sees_every_window_and_an_exception_stops_the_training(event_run):
    result, steps = event_run
    assert [s["step"] for s in steps] == list(range(1, len(result["training"]["tries"]) + 1))
    assert all(s["total"] == 0 for s in steps)
    assert [s["loss"] for s in steps] == result["training"]["validation_residual"].tolist()
    assert steps[-1]["t_ms"] == pytest.approx(EVENT["t_end"])
    assert steps[-1]["spikes"] == len(result["spikes"])

    count = []

    def stop(step):
        count.append(step["step"])
        raise KeyboardInterrupt("enough")

    with pytest.raises(KeyboardInterrupt, match="enough"):
        nd.pinn("event", **EVENT, progress=stop)
    assert count == [1]


def test_every_option_of_the_command_is_a_keyword(cli):
    """The stub's keyword arguments are `neurodyn pinn --help`'s flags ('_' for '-'), less those of the result
    folder, with params for --param."""
    done = cli.run("pinn", "--help")
    flags = {name.replace("-", "_") for name in re.findall(r"^\s+(?:-\w,\s*)?--([\w-]+)", done.stdout, re.MULTILINE)}
    stub = ast.parse((ROOT / "python/neurodyn/_neurodyn_pinn.pyi").read_text())
    function = next(node for node in stub.body if isinstance(node, ast.FunctionDef) and node.name == "pinn")
    keywords = {a.arg for a in function.args.args + function.args.kwonlyargs}
    only_flags = {"help", "out", "no_figures", "param"}
    assert flags - only_flags == keywords - {"params", "checkpoint", "progress"}


def test_import_does_not_load_libtorch():
    assert_loaded_on_first_use("pinn", "libtorch")


def test_inverse_returns_the_identified_constants():
    """One Levenberg-Marquardt iteration on 40 ms: recovering the constants takes tens of seconds, which
    tests/pinn/inverse_pinn_test.cpp spends."""
    r = nd.pinn("inverse", preset="izh2003-RS", t_end=40, identify="I", fit_iterations=1, sample_step_ms=0.5)
    assert r["ok"] and list(r["parameters"]) == ["I"]
    current = r["parameters"]["I"]
    assert current["start"] == current["truth"] == 14.0  # the preset's amplitude, which the data were simulated with
    assert current["standard_error"] > 0
    assert list(r["training"]) == ["iteration", "loss"] and len(r["training"]["loss"]) == 1
    assert "identify = \"I\"" in r["config"]
