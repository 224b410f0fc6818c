"""nd.compare gives the runs `neurodyn compare` writes to compare.csv for the same short ladder (all but the wall
times), its summary and the first line of its verdict; the progress callback sees each method and can stop the
comparison."""

import csv
import math
import re

import neurodyn as nd
import pytest

LADDER = {"preset": "izh2007-RS", "t_end": 400.0, "methods": ["euler", "rk4", "dopri5"], "steps": [0.1, 0.05],
          "tolerances": [1e-6, 1e-8], "repeats": 1}


def table(path):
    return list(csv.DictReader(line for line in path.read_text().splitlines() if not line.startswith("#")))


def cell(text):
    return math.nan if text == "" else float(text)


@pytest.fixture(scope="module")
def comparison():
    return nd.compare(**LADDER)


def test_runs_equal_the_command_lines(cli, comparison):
    done = cli.run("compare", "--preset", "izh2007-RS", "--t-end", "400", "--methods", "euler,rk4,dopri5",
                   "--steps", "0.1,0.05", "--tolerances", "1e-6,1e-8", "--repeats", "1", "--out", "c")
    assert done.returncode == 0, done.stderr
    rows = table(cli.folder / "c" / "compare.csv")
    runs = comparison["runs"]
    assert runs["method"] == [row["method"] for row in rows]
    assert runs["status"] == [row["status"] for row in rows]
    assert runs["spike_count_right"] == [row["spike_count_right"] == "true" for row in rows]
    for name in ("setting", "spike_count", "max_spike_error_ms", "mean_spike_error_ms", "max_voltage_error_mV",
                 "steps", "rejected_steps", "rhs_evaluations", "jacobian_evaluations"):
        want = [cell(row[name]) for row in rows]
        got = runs[name].tolist()
        assert all(g == w or (math.isnan(g) and math.isnan(w)) for g, w in zip(got, want)), name
    summary = table(cli.folder / "c" / "summary.csv")
    for row, mine in zip(summary, comparison["summaries"]):
        assert row["method"] == mine["method"]
        for name in ("largest_reliable_step_ms", "fitted_order"):
            want, got = cell(row[name]), mine[name]
            assert got == want or (math.isnan(got) and math.isnan(want)), name
    # the verdict names wall times, and the fastest method by them: its first line (the references) is compared
    first_line = [re.sub(r"[0-9.e+-]+ ms wall", "ms wall", text.splitlines()[0])
                  for text in (comparison["verdict"], (cli.folder / "c" / "verdict.txt").read_text())]
    assert first_line[0] == first_line[1]


def test_reference_spikes_are_the_published_two(comparison):
    reference = comparison["reference"]
    assert reference["agree"]
    assert reference["spike_times"].tolist() == pytest.approx([200.022, 347.810], abs=1e-3)


def test_progress_sees_each_method_and_its_exception_stops_the_run():
    seen = []
    nd.compare(**LADDER, progress=lambda summary: seen.append(summary["method"]))
    assert seen == LADDER["methods"]

    def stop(summary):
        raise KeyboardInterrupt(summary["method"])

    with pytest.raises(KeyboardInterrupt, match="euler"):
        nd.compare(**LADDER, progress=stop)
