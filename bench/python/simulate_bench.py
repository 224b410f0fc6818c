"""The cost of neurodyn's Python module: the overhead of a call to nd.simulate, and 1 s of the 2007 RS cell at
dt 0.1 ms against Brian2's Cython runtime on the same equations, in one process.

    .venv/bin/python bench/python/simulate_bench.py [--repeat 50]

(.venv is Debian's /usr/bin/python3, whose python3-brian 2.5.1 this needs.) Times are medians over --repeat
calls. Overhead: a call whose run is one step (t_end = dt, spikes only), so nearly all of it is the call,
argument conversion, resolution of the preset and the Result. The 1 s run: forward Euler at 0.1 ms, the input a
70 pA step from 100 ms, the whole trace of v kept; Brian2's run() is timed after a first run that compiled its
Cython code (its per-call set-up is part of the figure, as a user pays it).
"""

import argparse
import datetime
import platform
import statistics
import time

import neurodyn as nd

RS = dict(C=100.0, k=0.7, vr=-60.0, vt=-40.0, vpeak=35.0, a=0.03, b=-2.0, c=-50.0, d=100.0)


def median_seconds(call, repeat):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def neurodyn_rs():
    return nd.simulate(preset="izh2007-RS", method="euler", dt=0.1, t_end=1000)


def brian2_rs():
    """A function that runs the same cell for 1 s in Brian2 (Cython runtime) and returns its spike times (ms)."""
    import brian2 as b2

    b2.prefs.codegen.target = "cython"
    b2.defaultclock.dt = 0.1 * b2.ms
    equations = """
    dv/dt = (k*(v - vr)*(v - vt) - u + I)/C : volt
    du/dt = a*(b*(v - vr) - u) : amp
    I = 70*pA*int(t > 100*ms) : amp
    """
    namespace = dict(C=RS["C"] * b2.pF, k=RS["k"] * b2.nS / b2.mV, vr=RS["vr"] * b2.mV, vt=RS["vt"] * b2.mV,
                     vpeak=RS["vpeak"] * b2.mV, a=RS["a"] / b2.ms, b=RS["b"] * b2.nS, c=RS["c"] * b2.mV,
                     d=RS["d"] * b2.pA)

    def run():
        b2.start_scope()
        group = b2.NeuronGroup(1, equations, threshold="v >= vpeak", reset="v = c; u += d", method="euler",
                               namespace=namespace)
        group.v = RS["vr"] * b2.mV
        trace = b2.StateMonitor(group, "v", record=True)
        spikes = b2.SpikeMonitor(group)
        b2.run(1000 * b2.ms, namespace=namespace)
        return trace, [float(t / b2.ms) for t in spikes.t]

    return run


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=50)
    repeat = parser.parse_args().repeat
    print(f"date: {datetime.date.today()}, machine: {platform.processor() or platform.machine()}, repeat: {repeat}")

    call = median_seconds(lambda: nd.simulate(preset="izh2007-RS", method="rk4", dt=0.1, t_end=0.1, record="spikes"),
                          repeat * 20)
    print(f"call_overhead_us: {call * 1e6:.1f}  (target < 50)")

    neurodyn_s = median_seconds(neurodyn_rs, repeat)
    result = neurodyn_rs()
    print(f"neurodyn_rs_1s_ms: {neurodyn_s * 1e3:.3f}  ({result.t.size} samples, {result.spikes.size} spikes)")

    run = brian2_rs()
    _, brian2_spikes = run()  # compiles the Cython code once
    brian2_s = median_seconds(run, max(3, repeat // 10))
    print(f"brian2_cython_rs_1s_ms: {brian2_s * 1e3:.3f}  ({len(brian2_spikes)} spikes)")
    print(f"ratio_brian2_over_neurodyn: {brian2_s / neurodyn_s:.0f}")


if __name__ == "__main__":
    main()
