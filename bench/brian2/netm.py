#!/usr/bin/python3
"""Izhikevich's 2003 net.m network (1000 neurons, dense weights, 1000 ms) in Brian2's C++ standalone mode.

The published MATLAB code, step by step (t = 1..1000 ms):

    I = [5*randn(Ne,1); 2*randn(Ni,1)];           % thalamic input of this ms
    fired = find(v >= 30);                         % spikes, from the state left by the last ms
    v(fired) = c(fired); u(fired) = u(fired) + d(fired);
    I = I + sum(S(:, fired), 2);                   % the weights of this ms's spikes, at once
    v = v + 0.5*(0.04*v.^2 + 5*v + 140 - u + I);   % two half-ms Euler steps of v ...
    v = v + 0.5*(0.04*v.^2 + 5*v + 140 - u + I);
    u = u + a.*(b.*v - u);                         % ... and one of u, from the new v

Brian2 runs its objects in each time step in the order of their `when` slots: start, groups, thresholds,
synapses, resets, end. This script puts the net.m statements into those slots:

    start       run_regularly: I = sigma*randn() (sigma = 5 excitatory, 2 inhibitory)
    thresholds  v >= 30
    synapses    Synapses on_pre: I_post += w (no delay: delivered in the step of the spike)
    resets      v = c; u = u + d
    end         run_regularly: the two v half-steps and the u step, written out as in net.m

so every ms is net.m's: the reset and the synaptic input of the spikes come before the update. The model has
no differential equations (dt = 1 ms is the clock of the custom code only).

Prints `brian2_run_s: X` (the time of the simulation loop as Brian2's standalone code measures it, written
to results/last_run_info.txt), the mean excitatory and inhibitory rates (expected 7.3-7.8 and 7.0-7.6 Hz) and
the build directory. The first run compiles (a minute or so); a second run with the same --dir reuses the
compiled code (Brian2 rewrites only files whose contents changed, and make rebuilds nothing).

Run with Debian's interpreter: /usr/bin/python3 bench/brian2/netm.py [--dir DIR] [--seed N]
"""

import argparse
import os
import sys
import time

T_SCRIPT_START = time.perf_counter()

DEFAULT_DIR = "/tmp/neurodyn-bench-brian2/netm"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dir", default=DEFAULT_DIR, help="standalone build directory (default %(default)s)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default %(default)s)")
    parser.add_argument("--threads", type=int, default=0,
                        help="OpenMP threads (default 0: Brian2's serial code, no OpenMP)")
    args = parser.parse_args()

    import brian2 as b2
    from brian2 import ms, second

    b2.set_device("cpp_standalone", directory=args.dir)
    b2.prefs.codegen.cpp.extra_compile_args_gcc = ["-O3", "-ffast-math", "-march=native"]
    b2.prefs.devices.cpp_standalone.openmp_threads = args.threads
    b2.defaultclock.dt = 1 * ms
    b2.seed(args.seed)

    ne, ni = 800, 200
    model = """
    v : 1
    u : 1
    I : 1
    a : 1 (constant)
    b : 1 (constant)
    c : 1 (constant)
    d : 1 (constant)
    sigma : 1 (constant)
    r : 1 (constant)
    """
    group = b2.NeuronGroup(ne + ni, model, threshold="v >= 30", reset="v = c\nu = u + d", name="netm")
    exc = group[:ne]
    inh = group[ne:]
    group.r = "rand()"
    exc.a = 0.02
    exc.b = 0.2
    exc.c = "-65 + 15*r**2"
    exc.d = "8 - 6*r**2"
    exc.sigma = 5.0
    inh.a = "0.02 + 0.08*r"
    inh.b = "0.25 - 0.05*r"
    inh.c = -65.0
    inh.d = 2.0
    inh.sigma = 2.0
    group.v = -65.0
    group.u = "b*v"

    # This ms's thalamic input: drawn first, before the threshold (net.m's first statement).
    group.run_regularly("I = sigma*randn()", when="start", name="netm_input")
    # net.m's update, after the reset and the synaptic input: two half-ms steps of v, then u from the new v.
    group.run_regularly(
        """
        v = v + 0.5*(0.04*v**2 + 5*v + 140 - u + I)
        v = v + 0.5*(0.04*v**2 + 5*v + 140 - u + I)
        u = u + a*(b*v - u)
        """,
        when="end",
        name="netm_update",
    )

    # Dense weights, self-connections included: S(post, pre) = 0.5*rand from excitatory, -rand from inhibitory.
    synapses = b2.Synapses(group, group, "w : 1 (constant)", on_pre="I_post += w", name="netm_weights")
    synapses.connect()
    synapses.w["i < ne"] = "0.5*rand()"
    synapses.w["i >= ne"] = "-rand()"

    spikes = b2.SpikeMonitor(group, record=False, name="netm_spikes")

    duration = 1000 * ms
    b2.run(duration)

    counts = spikes.count[:]
    seconds = float(duration / second)
    rate_exc = counts[:ne].mean() / seconds
    rate_inh = counts[ne:].mean() / seconds
    print(f"neurons: {ne + ni}")
    print(f"synapses: {len(synapses)}")
    print(f"spikes: {int(counts.sum())}")
    print(f"rate_hz exc: {rate_exc:.3f}")
    print(f"rate_hz inh: {rate_inh:.3f}")
    print(f"brian2_run_s: {b2.device._last_run_time:.4f}")
    print(f"directory: {os.path.abspath(args.dir)}")
    print(f"script_s: {time.perf_counter() - T_SCRIPT_START:.3f}")
    ok = 7.3 <= rate_exc <= 7.8 and 7.0 <= rate_inh <= 7.6
    if not ok:
        print("warning: rates outside the expected 7.3-7.8 Hz (exc) and 7.0-7.6 Hz (inh)", file=sys.stderr)


if __name__ == "__main__":
    main()
