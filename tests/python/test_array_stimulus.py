"""stimulus=(t_ms, I) is the table a `file:` stimulus reads: the same rows give the same spikes."""

import neurodyn as nd
import numpy as np
import pytest

T_MS = np.array([0.0, 50.0, 50.5, 120.0, 300.0, 301.0])
CURRENT = np.array([0.0, 0.0, 150.0, 90.0, 90.0, 0.0])


def test_same_spikes_as_the_table_read_from_a_file(tmp_path):
    table = tmp_path / "current.txt"
    table.write_text("".join(f"{t!r} {i!r}\n" for t, i in zip(T_MS, CURRENT)))
    from_file = nd.simulate(preset="izh2007-RS", t_end=400, stimulus=f"file:{table}")
    from_arrays = nd.simulate(preset="izh2007-RS", t_end=400, stimulus=(T_MS, CURRENT))
    assert len(from_file.spikes) > 2
    assert from_arrays.spikes.tolist() == from_file.spikes.tolist()
    assert 'stimulus = "file:(array),' in from_arrays.config


def test_lists_are_arrays_too():
    spikes = nd.simulate(preset="izh2007-RS", t_end=400, stimulus=(T_MS.tolist(), CURRENT.tolist())).spikes
    assert spikes.tolist() == nd.simulate(preset="izh2007-RS", t_end=400, stimulus=(T_MS, CURRENT)).spikes.tolist()


def test_times_must_increase():
    with pytest.raises(ValueError, match="time"):
        nd.simulate(preset="izh2007-RS", stimulus=(np.array([0.0, 10.0, 5.0]), np.zeros(3)))


def test_columns_must_be_one_dimensional():
    with pytest.raises(ValueError, match="1-D"):
        nd.simulate(preset="izh2007-RS", stimulus=(np.zeros((2, 2)), np.zeros(2)))
