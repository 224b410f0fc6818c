"""The arrays of a Result: 1-D float64 views on the run's memory, read-only, that keep the Result alive."""

import gc

import neurodyn as nd
import numpy as np
import pytest


@pytest.fixture(scope="module")
def result():
    return nd.simulate(preset="izh2007-RS", method="rk4", dt=0.1, t_end=500)


def test_shapes_and_dtypes(result):
    samples = result.t.shape[0]
    assert samples > 1000
    for array in (result.t, result.v, result.state["v"], result.state["u"]):
        assert array.dtype == np.float64
        assert array.shape == (samples,)
    assert result.spikes.dtype == np.float64 and result.spikes.ndim == 1
    assert list(result.state) == result.variables == ["v", "u"]
    assert np.all(np.diff(result.t) >= 0)  # a spike adds the samples before and after the reset


def test_arrays_are_views_not_copies(result):
    assert np.shares_memory(result.t, result.t)  # two accesses, one buffer
    assert np.shares_memory(result.v, result.state["v"])
    assert result.v.base is result and result.spikes.base is result
    assert not result.v.flags.owndata


def test_arrays_are_read_only(result):
    assert not result.t.flags.writeable
    with pytest.raises(ValueError):
        result.v[0] = 0.0


def test_a_view_keeps_the_result_alive():
    v = nd.simulate(preset="izh2007-RS", t_end=200).v
    gc.collect()
    assert v.max() > 30.0  # the spike peaks are still there: the Solution was not freed
    assert np.isfinite(v).all()


def test_record_spikes_keeps_no_trace():
    result = nd.simulate(preset="izh2007-RS", record="spikes")
    assert result.t.shape == (0,) and result.v.shape == (0,)
    assert result.spikes.tolist() == nd.simulate(preset="izh2007-RS").spikes.tolist()


def test_statistics_and_pattern(result):
    assert result.status == "ok" and result.message == ""
    assert result.stats["steps"] >= 5000 and result.stats["rejected_steps"] == 0
    assert result.spike_statistics["spike_count"] == len(result.spikes)
    assert result.firing_pattern == result.spike_statistics["firing_pattern"] == "tonic spiking"
