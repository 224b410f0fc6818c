"""nd.simulate and `neurodyn simulate` resolve and solve the same run: the same spike times, bit for bit, and
the same effective config.toml, byte for byte."""

import neurodyn as nd
import pytest

RUNS = [
    # (keyword arguments, the same run as flags): a fixed-step method and adaptive ones.
    (
        dict(preset="izh2007-RS", method="rk4", dt=0.01, t_end=1000, params={"d": 90},
             stimulus="step:amp=70,start=100"),
        ["--preset", "izh2007-RS", "--method", "rk4", "--dt", "0.01", "--t-end", "1000", "--param", "d=90",
         "--stimulus", "step:amp=70,start=100"],
    ),
    (
        dict(model="izh2003", params={"a": 0.02, "d": 8}, stimulus="step:amp=10,start=20", t_end=300,
             method="dopri5", rtol=1e-9, atol=1e-9),
        ["--model", "izh2003", "--param", "a=0.02", "--param", "d=8", "--stimulus", "step:amp=10,start=20",
         "--t-end", "300", "--method", "dopri5", "--rtol", "1e-9", "--atol", "1e-9"],
    ),
    (
        dict(preset="adex-adaptation", method="cvode-adams", v0=-65.0),
        ["--preset", "adex-adaptation", "--method", "cvode-adams", "--v0", "-65"],
    ),
]


@pytest.mark.parametrize("keywords, flags", RUNS, ids=["rk4", "dopri5", "cvode-adams"])
def test_spikes_and_config_equal_the_command_lines(cli, keywords, flags):
    spikes, config = cli.simulate(*flags)
    result = nd.simulate(**keywords)
    assert result.ok
    assert len(spikes) > 0
    assert result.spikes.tolist() == spikes  # exact: spikes.csv holds each time in shortest round-trip form
    assert result.config == config


def test_config_repeats_the_run(tmp_path):
    first = nd.simulate(preset="izh2004-F", method="izhikevich-published")
    path = tmp_path / "config.toml"
    path.write_text(first.config)
    again = nd.simulate(config=path)
    assert again.spikes.tolist() == first.spikes.tolist()
    assert again.config == first.config


def test_arguments_override_the_config_file(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text(nd.simulate(preset="izh2007-RS").config)
    expected = nd.simulate(preset="izh2007-RS", t_end=150).spikes.tolist()
    assert nd.simulate(config=path, t_end=150).spikes.tolist() == expected
