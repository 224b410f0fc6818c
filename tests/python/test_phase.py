"""nd.phase_plane gives the fixed_points.json of `neurodyn phase` for the same input, and nullclines equal to their
closed form for the 2003 Izhikevich model."""

import json

import neurodyn as nd
import numpy as np
import pytest


def phase_json(cli, *args):
    done = cli.run("phase", *args, "--no-figures", "--out", "phase")
    assert done.returncode == 0, done.stderr
    document = json.loads((cli.folder / "phase" / "fixed_points.json").read_text())
    del document["program"]
    return document


@pytest.mark.parametrize("flags, keywords", [
    ((), {}),
    (("--preset", "izh2004-G", "--current", "20"), {"preset": "izh2004-G", "current": 20.0}),
    (("--model", "hh", "--current", "10", "--reference-current", "2"),
     {"model": "hh", "current": 10.0, "reference_current": 2.0}),
    (("--model", "fhn",), {"model": "fhn"}),
])
def test_fixed_points_equal_the_command_lines(cli, flags, keywords):
    written = phase_json(cli, *flags)
    analysis = nd.phase_plane(**keywords)
    # JSON numbers written at full precision read back equal
    assert analysis == written


def test_reduced_plane_of_hodgkin_huxley_is_under_plane():
    analysis = nd.phase_plane(model="hh", current=0.0)
    assert analysis["plane"]["model"] == "hh-reduced"
    assert analysis["plane"]["reduction"]


def test_nullclines_of_the_2003_model_are_its_closed_form():
    a, b, current = 0.02, 0.2, 5.0
    analysis = nd.phase_plane(model="izh2003", params={"a": a, "b": b}, current=current, v_range=(-80.0, 20.0),
                              points=101)
    curves = analysis["nullclines"]
    v = np.linspace(-80.0, 20.0, 101)
    np.testing.assert_allclose(curves["v"], v, rtol=0, atol=1e-12)
    np.testing.assert_allclose(curves["first"], 0.04 * v**2 + 5.0 * v + 140.0 + current, rtol=1e-12, atol=1e-9)
    np.testing.assert_allclose(curves["second"], b * v, rtol=1e-12, atol=1e-12)


def test_a_model_without_a_plane_refuses_nullclines():
    with pytest.raises(ValueError, match="no phase plane"):
        nd.phase_plane(model="lif", v_range=(-80.0, -50.0))


def test_an_array_stimulus_sets_the_current_at_t_end():
    # the table (t_ms, I) is linear between rows: 7.5 at t_end = 75 ms
    analysis = nd.phase_plane(preset="izh2003-RS", stimulus=([0.0, 100.0], [0.0, 10.0]), t_end=75.0)
    assert analysis["current"] == pytest.approx(7.5)
    assert analysis == nd.phase_plane(preset="izh2003-RS", current=analysis["current"])
