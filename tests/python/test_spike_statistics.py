"""nd.spike_statistics of a spike train gives what `neurodyn stats --window` prints for the same train."""

import neurodyn as nd
import pytest


def stats_lines(cli, *args):
    done = cli.run("stats", *args)
    assert done.returncode == 0, done.stderr
    return dict(line.split(": ", 1) for line in done.stdout.splitlines())


def value(text):
    return None if text == "none" else float(text)


@pytest.mark.parametrize("preset, window, burst_ratio", [("izh2004-C", (10.0, 200.0), 3.0),
                                                         ("izh2003-CH", (0.0, 500.0), 2.0),
                                                         ("izh2004-F", (0.0, 300.0), 3.0)])
def test_statistics_equal_the_command_lines(cli, preset, window, burst_ratio):
    spikes, _ = cli.simulate("--preset", preset, "--t-end", str(window[1]))
    printed = stats_lines(cli, str(cli.folder / "run"), "--window", f"{window[0]}:{window[1]}", "--burst-ratio",
                          str(burst_ratio))
    stats = nd.spike_statistics(spikes, *window, burst_ratio=burst_ratio)
    assert stats["spike_count"] == int(printed["spike_count"]) > 2
    assert stats["burst_count"] == int(printed["burst_count"])
    for name in ("rate_hz", "first_spike_latency_ms", "mean_isi_ms", "isi_cv", "adaptation_index",
                 "mean_spikes_per_burst"):
        want = value(printed[name])
        assert stats[name] == (None if want is None else pytest.approx(want, rel=1e-8)), name
    assert stats["firing_pattern"] == printed["firing_pattern"]
    assert stats["firing_pattern_reason"] == printed["firing_pattern_reason"]
    assert stats["window_ms"] == list(window)


def test_closed_form_of_a_regular_train():
    stats = nd.spike_statistics([10.0, 20.0, 30.0, 40.0], 0.0, 100.0)
    assert stats["rate_hz"] == pytest.approx(40.0)
    assert stats["mean_isi_ms"] == pytest.approx(10.0)
    assert stats["isi_cv"] == pytest.approx(0.0)
    assert stats["first_spike_latency_ms"] == pytest.approx(10.0)


def test_unsorted_spikes_are_value_error():
    with pytest.raises(ValueError, match="does not follow the previous one"):
        nd.spike_statistics([5.0, 3.0], 0.0, 10.0)
