"""nd.read_recording gives the sweeps, command and epochs `neurodyn recording show` writes to sweep_NNN.csv and
`neurodyn recording info` prints, for an ABF2 file, an NWB 2 file and a text table of tests/data/recordings."""

import neurodyn as nd
import numpy as np
import pytest
from conftest import ROOT

RECORDINGS = ROOT / "tests/data/recordings"


def shown_sweep(cli, path, sweep, *flags):
    """The columns and '#' lines of the sweep_NNN.csv that `neurodyn recording show` writes."""
    done = cli.run("recording", "show", str(path), "--sweeps", str(sweep), *flags, "--out", "shown")
    assert done.returncode == 0, done.stderr
    text = (cli.folder / "shown" / f"sweep_{sweep:03}.csv").read_text().splitlines()
    comments = [line for line in text if line.startswith("#")]
    rows = [line for line in text if not line.startswith("#")]
    return rows[0].split(","), np.loadtxt(rows[1:], delimiter=",", ndmin=2), comments


def assert_sweep_equals_shown(sweep, columns, values):
    shown = [sweep["time_ms"], *(channel["samples"] for channel in sweep["channels"])]
    if sweep["command"] is not None:
        shown.append(sweep["command"]["samples"])
    assert len(columns) == len(shown)
    for column, name in zip(shown, columns):
        np.testing.assert_allclose(column, values[:, columns.index(name)], rtol=1e-9, atol=1e-12, err_msg=name)


def test_abf_sweep_command_and_epochs_equal_the_command_lines(cli):
    path = RECORDINGS / "171116sh_0018.abf"
    recording = nd.read_recording(path)
    assert recording["format"] == "ABF2"
    assert len(recording["sweeps"]) == 17
    sweep = recording["sweeps"][16]
    columns, values, comments = shown_sweep(cli, path, 16)
    assert columns == ["time_ms", "IN_0_mV", "I_pA"]
    assert_sweep_equals_shown(sweep, columns, values)
    epochs = [line for line in comments if line.startswith("# epoch ")]
    assert len(epochs) == len(sweep["epochs"])
    for line, epoch in zip(epochs, sweep["epochs"]):
        assert line == (f"# epoch {epoch['name']} ({epoch['type']}): {epoch['start_ms']:.9g} to "
                        f"{epoch['end_ms']:.9g} ms, {epoch['level_pA']:.6g} pA")
    assert ("B", "step", 300.0) in [(e["name"], e["type"], e["level_pA"]) for e in sweep["epochs"]]


def test_nwb_sweeps_equal_the_command_lines(cli):
    path = RECORDINGS / "efel_step_current.nwb"
    recording = nd.read_recording(path)
    assert recording["format"] == "NWB 2"
    columns, values, _ = shown_sweep(cli, path, 0)
    assert_sweep_equals_shown(recording["sweeps"][0], columns, values)


def test_text_table_in_seconds_with_a_current_column(cli):
    path = RECORDINGS / "efel_step_current.txt"
    recording = nd.read_recording(path, time_scale_ms=1000.0, current_column=1)
    (sweep,) = recording["sweeps"]
    columns, values, _ = shown_sweep(cli, path, 0, "--time-unit", "s", "--current-col", "1")
    assert_sweep_equals_shown(sweep, columns, values)
    assert sweep["command"]["unit"] == "pA"
    assert [e["type"] for e in sweep["epochs"] if e["type"] != "holding"] == ["step"]


def test_a_file_that_is_not_a_recording_is_value_error(tmp_path):
    (tmp_path / "x.bin").write_bytes(b"\x00\x01\x02binary")
    with pytest.raises(ValueError):
        nd.read_recording(tmp_path / "x.bin")
    with pytest.raises(OSError):
        nd.read_recording(tmp_path / "missing.abf")
