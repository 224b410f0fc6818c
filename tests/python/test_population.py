"""nd.network and nd.sweep give the spikes `neurodyn network` and `neurodyn sweep` write to spikes.csv (and the runs
of runs.csv, the rates of groups.csv) for the same input; their progress callback sees the run and can stop it."""

import csv
import math
import os
import pathlib
import signal
import subprocess
import threading

import neurodyn as nd
import numpy as np
import pytest
from conftest import ROOT

SWEEP = ('preset = "izh2004-A"\nduration_ms = 300\nstimulus_start_ms = 20\n[method]\nname = "rk4"\n'
         'dt = 0.03125\n[[axis]]\nname = "I"\nrange = [0, 20, 11]\n[[axis]]\nname = "d"\nvalues = [2, 8]\n')


# 324 runs (21 pairs of lane blocks) of 10 s: about a second on two threads, so a progress call comes before the end.
LONG_SWEEP = ('preset = "izh2004-A"\nduration_ms = 10000\nstimulus_start_ms = 20\n[method]\nname = "rk4"\n'
              'dt = 0.0078125\n[[axis]]\nname = "I"\nrange = [0, 20, 81]\n[[axis]]\nname = "d"\n'
              'values = [2, 4, 6, 8]\n')


def rows(path):
    return list(csv.DictReader(line for line in path.read_text().splitlines() if not line.startswith("#")))


@pytest.fixture(scope="module")
def written_network(tmp_path_factory):
    """`neurodyn network` (net.m, published semantics, 200 ms), run once: its folder."""
    binary = pathlib.Path(os.environ.get("NEURODYN_BIN", ROOT / "build/ci/neurodyn")).resolve()
    folder = tmp_path_factory.mktemp("network") / "out"
    done = subprocess.run([str(binary), "network", "--semantics", "published", "--duration", "200", "--seed", "3",
                           "--no-figures", "--out", str(folder)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return folder


def assert_spikes_equal_the_files(result, folder):
    written = rows(folder / "spikes.csv")
    assert len(written) > 500
    spikes = result["spikes"]
    assert spikes["time_ms"].tolist() == [float(row["time_ms"]) for row in written]
    assert spikes["neuron"].tolist() == [int(row["neuron"]) for row in written]
    names = [group["name"] for group in result["groups"]]
    assert [names[g] for g in spikes["group"]] == [row["group"] for row in written]


def test_network_spikes_and_rates_equal_the_command_lines(written_network):
    result = nd.network(semantics="published", duration=200, seed=3)
    assert result["ok"]
    assert_spikes_equal_the_files(result, written_network)
    for group, row in zip(result["groups"], rows(written_network / "groups.csv")):
        assert group["name"] == row["group"] and group["count"] == int(row["neurons"])
        assert np.mean(group["neuron_rates_hz"]) == pytest.approx(float(row["mean_rate_hz"]), rel=1e-12)
    assert result["config"] == (written_network / "config.toml").read_text()


def test_network_from_config_text_and_its_progress(written_network):
    seen = []
    result = nd.network(text=(written_network / "config.toml").read_text(),
                        progress=lambda t, duration, spikes: seen.append((t, duration, spikes)))
    assert_spikes_equal_the_files(result, written_network)
    assert seen[-1] == (200.0, 200.0, len(result["spikes"]["time_ms"]))


def test_network_progress_exception_stops_the_run():
    def stop(t, duration, spikes):
        raise KeyboardInterrupt(f"at {t} ms")

    with pytest.raises(KeyboardInterrupt, match=r"at [0-9.]+ ms"):
        nd.network(semantics="published", duration=200, seed=3, progress=stop)


def test_network_refuses_two_sources_and_bad_semantics(tmp_path):
    with pytest.raises(ValueError, match="exclude each other"):
        nd.network(tmp_path / "x.toml", preset="izh2003-network")
    with pytest.raises(ValueError, match="semantics 'exact' is not allowed"):
        nd.network(semantics="exact")


def test_sweep_runs_and_spikes_equal_the_command_lines(cli):
    (cli.folder / "sweep.toml").write_text(SWEEP)
    done = cli.run("sweep", "--config", "sweep.toml", "--no-figures", "--out", "sweep")
    assert done.returncode == 0, done.stderr
    seen = []
    result = nd.sweep(text=SWEEP, progress=lambda done_runs, runs: seen.append((done_runs, runs)))
    assert seen[-1] == (22, 22)
    written = rows(cli.folder / "sweep" / "runs.csv")
    runs = result["runs"]
    assert len(written) == len(runs["I"]) == 22
    for name in ("I", "d", "spike_count", "window_spike_count", "steady_rate_hz", "first_spike_ms"):
        want = [float(row[name]) if row[name] else math.nan for row in written]
        assert runs[name].tolist() == pytest.approx(want, rel=0, abs=0, nan_ok=True), name
    assert runs["pattern"] == [row["pattern"] for row in written]
    spikes = rows(cli.folder / "sweep" / "spikes.csv")
    assert len(spikes) > 50
    assert result["spikes"]["run"].tolist() == [int(row["run"]) for row in spikes]
    assert result["spikes"]["time_ms"].tolist() == [float(row["time_ms"]) for row in spikes]
    assert nd.sweep(cli.folder / "sweep.toml")["spikes"]["time_ms"].tolist() == result["spikes"]["time_ms"].tolist()


class Stop(Exception):
    """Raised by a progress callback to stop a run, as Ctrl-C in a notebook would."""


def stop(*_):
    raise Stop


def test_network_stopped_resumes_from_its_checkpoint_to_the_uninterrupted_spikes(tmp_path):
    kept = tmp_path / "net.checkpoint"
    # Long enough (about a second on one thread) for a progress call before the end, which stops it there.
    arguments = dict(semantics="converged", duration=5000, seed=3, threads=1)
    whole = nd.network(**arguments)
    stopped_at = []

    def stop_at_first_call(time_ms, duration_ms, spikes):
        stopped_at.append(time_ms)
        raise Stop

    with pytest.raises(Stop):  # the checkpoint holds the bins done
        nd.network(**arguments, checkpoint=kept, checkpoint_interval_s=0, progress=stop_at_first_call)
    assert kept.exists()
    assert stopped_at[0] < 5000
    with pytest.raises(ValueError, match="another config"):
        nd.network(semantics="converged", duration=5000, seed=4, threads=1, checkpoint=kept, resume=True)
    resumed = nd.network(**arguments, checkpoint=kept, resume=True)
    assert not kept.exists()  # removed once the run completed
    assert len(whole["spikes"]["time_ms"]) > 1000
    assert resumed["spikes"]["time_ms"].tolist() == whole["spikes"]["time_ms"].tolist()
    assert resumed["spikes"]["neuron"].tolist() == whole["spikes"]["neuron"].tolist()
    with pytest.raises(ValueError, match="resume=True needs checkpoint="):
        nd.network(**arguments, resume=True)


def test_sweep_stopped_resumes_from_its_checkpoint_to_the_uninterrupted_runs(tmp_path):
    kept = tmp_path / "sweep.checkpoint"
    whole = nd.sweep(text=SWEEP)
    with pytest.raises(Stop):
        nd.sweep(text=SWEEP, checkpoint=kept, checkpoint_interval_s=0, progress=stop)
    assert kept.exists()
    resumed = nd.sweep(text=SWEEP, checkpoint=kept, resume=True)
    assert not kept.exists()
    assert resumed["spikes"]["time_ms"].tolist() == whole["spikes"]["time_ms"].tolist()
    assert resumed["runs"]["pattern"] == whole["runs"]["pattern"]


def test_ctrl_c_stops_a_network_without_callback_and_keeps_its_checkpoint(tmp_path):
    """SIGINT while the network runs with the GIL released: the run stops at its next progress point with the
    exception Python's handler raises there, its checkpoint written; resumed, it ends as the uninterrupted run."""

    class Interrupt(Exception):
        pass

    def handler(signum, frame):
        raise Interrupt

    kept = tmp_path / "net.checkpoint"
    arguments = dict(semantics="converged", duration=5000, seed=3, threads=1)
    previous = signal.signal(signal.SIGINT, handler)
    timer = threading.Timer(0.3, os.kill, (os.getpid(), signal.SIGINT))
    try:
        timer.start()
        with pytest.raises(Interrupt):
            nd.network(**arguments, checkpoint=kept)  # the default interval: the checkpoint is the interrupt's
    finally:
        timer.cancel()
        signal.signal(signal.SIGINT, previous)
    assert kept.exists()
    resumed = nd.network(**arguments, checkpoint=kept, resume=True)
    assert resumed["spikes"]["neuron"].tolist() == nd.network(**arguments)["spikes"]["neuron"].tolist()


def test_a_sweeps_callback_exception_stops_it_cleanly_with_its_checkpoint(tmp_path):
    """The callback is called on a thread of the sweep's parallel region: its exception waits for the runs under
    way, then the checkpoint is written and the exception raised."""
    kept = tmp_path / "sweep.checkpoint"
    with pytest.raises(Stop):
        nd.sweep(text=LONG_SWEEP, threads=2, checkpoint=kept, progress=stop)
    assert kept.exists()
    resumed = nd.sweep(text=LONG_SWEEP, threads=2, checkpoint=kept, resume=True)
    assert resumed["spikes"]["time_ms"].tolist() == nd.sweep(text=LONG_SWEEP, threads=2)["spikes"]["time_ms"].tolist()
