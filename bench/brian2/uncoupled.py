#!/usr/bin/python3
"""100,000 uncoupled Izhikevich 2003 RS neurons in Brian2's C++ standalone mode.

a = 0.02, b = 0.2, c = -65, d = 8, constant I = 10, v = -65, u = b*v; 1000 ms at dt = 0.1 ms (10,000 steps)
with Brian2's forward Euler (method 'euler': v and u both from the old values) and the reset v = c,
u = u + d at the end of the step where v >= 30 (Brian2's threshold and reset slots).

Prints `brian2_run_s: X` (the simulation loop as Brian2's standalone code measures it: process CPU time
without OpenMP, omp_get_wtime with it), `neuron_steps_per_s`, the mean rate and the build directory.
--threads 0 (the default) is Brian2's serial code without OpenMP; N > 0 builds with OpenMP and N threads.
Each thread count needs its own --dir (the compiled code differs).

Run with Debian's interpreter: /usr/bin/python3 bench/brian2/uncoupled.py [--threads N] [--dir DIR]
"""

import argparse
import os
import time

T_SCRIPT_START = time.perf_counter()

NEURONS = 100_000
DURATION_MS = 1000.0
DT_MS = 0.1


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--threads", type=int, default=0,
                        help="OpenMP threads (default 0: Brian2's serial code, no OpenMP)")
    parser.add_argument("--dir", default=None,
                        help="standalone build directory (default /tmp/neurodyn-bench-brian2/uncoupled-tN)")
    parser.add_argument("--neurons", type=int, default=NEURONS, help="number of neurons (default %(default)s)")
    args = parser.parse_args()
    directory = args.dir or f"/tmp/neurodyn-bench-brian2/uncoupled-t{args.threads}"

    import brian2 as b2
    from brian2 import ms, second

    b2.set_device("cpp_standalone", directory=directory)
    b2.prefs.codegen.cpp.extra_compile_args_gcc = ["-O3", "-ffast-math", "-march=native"]
    b2.prefs.devices.cpp_standalone.openmp_threads = args.threads
    b2.defaultclock.dt = DT_MS * ms

    a, b, c, d, current = 0.02, 0.2, -65.0, 8.0, 10.0
    equations = """
    dv/dt = (0.04*v**2 + 5*v + 140 - u + current)/ms : 1
    du/dt = a*(b*v - u)/ms : 1
    nspikes : integer
    """
    group = b2.NeuronGroup(args.neurons, equations, threshold="v >= 30", reset="v = c\nu = u + d\nnspikes += 1",
                           method="euler", name="rs",
                           namespace={"a": a, "b": b, "c": c, "d": d, "current": current})
    group.v = -65.0
    group.u = b * -65.0

    duration = DURATION_MS * ms
    b2.run(duration)

    run_s = b2.device._last_run_time
    steps = int(round(DURATION_MS / DT_MS))
    print(f"neurons: {args.neurons}")
    print(f"steps: {steps}")
    print(f"threads: {args.threads}")
    print(f"rate_hz: {group.nspikes[:].mean() / float(duration / second):.3f}")
    print(f"brian2_run_s: {run_s:.4f}")
    print(f"neuron_steps_per_s: {args.neurons * steps / run_s:.4g}")
    print(f"directory: {os.path.abspath(directory)}")
    print(f"script_s: {time.perf_counter() - T_SCRIPT_START:.3f}")


if __name__ == "__main__":
    main()
