"""Invalid input raises ValueError with the library's message, the one `neurodyn simulate` prints; a numerical
failure is no exception but a Result whose status and message say what happened."""

import neurodyn as nd
import pytest

BAD_INPUTS = [
    (dict(preset="izh2007-XX"), ["--preset", "izh2007-XX"]),
    (dict(preset="izh2007-RS", params={"d": 1e9}), ["--preset", "izh2007-RS", "--param", "d=1e9"]),
    (
        dict(preset="izh2007-RS", stimulus="step:amp=70,begin=3"),
        ["--preset", "izh2007-RS", "--stimulus", "step:amp=70,begin=3"],
    ),
    (dict(model="izh2003", method="rk5"), ["--model", "izh2003", "--method", "rk5"]),
    (dict(model="izh2003", method="rk4", rtol=1e-8), ["--model", "izh2003", "--method", "rk4", "--rtol", "1e-8"]),
]


@pytest.mark.parametrize("keywords, flags", BAD_INPUTS, ids=["preset", "parameter", "stimulus", "method", "option"])
def test_value_error_with_the_command_lines_message(cli, keywords, flags):
    message = cli.error(*flags)
    with pytest.raises(ValueError) as raised:
        nd.simulate(**keywords)
    assert str(raised.value) == message


def test_unreadable_file_is_os_error(tmp_path):
    with pytest.raises(OSError):
        nd.simulate(preset="izh2007-RS", stimulus=f"file:{tmp_path / 'missing.txt'}")


def test_blow_up_is_a_status_not_an_exception():
    # FitzHugh-Nagumo under forward Euler far beyond its stability limit (as tests/cli/simulate_test.cpp).
    result = nd.simulate(model="fhn", v0=2, method="euler", dt=5, t_end=200)
    assert not result.ok
    assert result.status == "unstable"
    assert result.message
    assert result.t.size > 0  # what was computed until then


def test_runaway_burst_is_a_status():
    result = nd.simulate(preset="izh2004-T", max_rate_hz=100)
    assert result.status == "runaway-burst"
    assert "max_rate_hz = 100" in result.message
