"""nd.fi_curve gives the points `neurodyn fi` writes to fi.csv, bit for bit."""

import csv

import neurodyn as nd
import numpy as np
import pytest


def test_points_equal_the_command_lines(cli):
    done = cli.run("fi", "--range", "0:20:2", "--no-figures", "--out", "fi")
    assert done.returncode == 0, done.stderr
    lines = [line for line in (cli.folder / "fi" / "fi.csv").read_text().splitlines() if not line.startswith("#")]
    rows = list(csv.DictReader(lines))
    curve = nd.fi_curve(np.arange(0.0, 20.5, 2.0))
    for field in ("current", "steady_rate_hz", "first_isi_rate_hz", "spike_count", "window_spike_count"):
        assert curve[field].tolist() == [float(row[field]) for row in rows], field
    assert curve["status"] == [row["status"] for row in rows]
    assert curve["window_ms"] == (500.0, 1000.0)


def test_invalid_start_is_value_error():
    with pytest.raises(ValueError, match="start 'resting' is not allowed"):
        nd.fi_curve([1.0], start="resting")


def test_no_currents_is_value_error():
    with pytest.raises(ValueError, match="the currents are empty"):
        nd.fi_curve([])
