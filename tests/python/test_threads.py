"""simulate releases the GIL: four Python threads at once give what the same runs give one after another."""

from concurrent.futures import ThreadPoolExecutor

import neurodyn as nd

RUNS = [
    dict(preset="izh2007-RS", method="rk4", dt=0.01),
    dict(preset="izh2003-CH", method="dopri5", rtol=1e-8, atol=1e-8),
    dict(preset="adex-irregular", method="cvode-adams"),
    dict(preset="hh-squid", method="rk4", dt=0.005),
]


def outcome(keywords):
    result = nd.simulate(**keywords)
    return result.status, result.spikes.tolist(), result.v.tolist()


def test_four_threads_equal_one_after_another():
    one_after_another = [outcome(run) for run in RUNS]
    with ThreadPoolExecutor(max_workers=4) as pool:
        at_once = list(pool.map(outcome, RUNS))
    assert at_once == one_after_another
