#!/usr/bin/python3
"""The f-I curve of the Izhikevich 2003 RS cell in Brian2's C++ standalone mode.

41 neurons, one per current I = 0, 1, ..., 40 (a = 0.02, b = 0.2, c = -65, d = 8), all from v = -63, u = b*v
(the initial state of neurodyn's preset izh2003-RS, which `neurodyn fi --start given` uses; --v0 changes it), each
1000 ms with Brian2's classical Runge-Kutta (method 'rk4') at dt = 0.01 ms (100,000 steps); the reset
v = c, u = u + d at the end of the step where v >= 30.

Prints `brian2_run_s: X` (the simulation loop as Brian2's standalone code measures it), the spike count of
every current (`counts: ...`), and the build directory. The time of the whole binary (`main` in the build
directory, with its set-up and its writing of results) is measured by compare.py.

Run with Debian's interpreter: /usr/bin/python3 bench/brian2/fi_curve.py [--dir DIR]
"""

import argparse
import os
import time

T_SCRIPT_START = time.perf_counter()

DEFAULT_DIR = "/tmp/neurodyn-bench-brian2/fi_curve"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dir", default=DEFAULT_DIR, help="standalone build directory (default %(default)s)")
    parser.add_argument("--threads", type=int, default=0,
                        help="OpenMP threads (default 0: Brian2's serial code, no OpenMP)")
    parser.add_argument("--v0", type=float, default=-63.0, help="initial v; u = b*v (default %(default)s)")
    args = parser.parse_args()

    import brian2 as b2
    from brian2 import ms

    b2.set_device("cpp_standalone", directory=args.dir)
    b2.prefs.codegen.cpp.extra_compile_args_gcc = ["-O3", "-ffast-math", "-march=native"]
    b2.prefs.devices.cpp_standalone.openmp_threads = args.threads
    b2.defaultclock.dt = 0.01 * ms

    a, b, c, d = 0.02, 0.2, -65.0, 8.0
    currents = 41
    equations = """
    dv/dt = (0.04*v**2 + 5*v + 140 - u + I)/ms : 1
    du/dt = a*(b*v - u)/ms : 1
    I : 1 (constant)
    """
    group = b2.NeuronGroup(currents, equations, threshold="v >= 30", reset="v = c\nu = u + d", method="rk4",
                           name="fi", namespace={"a": a, "b": b, "c": c, "d": d})
    group.I = "1.0*i"
    group.v = args.v0
    group.u = b * args.v0
    monitor = b2.SpikeMonitor(group, record=False, name="fi_spikes")

    b2.run(1000 * ms)

    counts = monitor.count[:]
    print(f"currents: {currents} (I = 0..40)")
    print("counts: " + " ".join(str(int(n)) for n in counts))
    print(f"brian2_run_s: {b2.device._last_run_time:.4f}")
    print(f"directory: {os.path.abspath(args.dir)}")
    print(f"script_s: {time.perf_counter() - T_SCRIPT_START:.3f}")


if __name__ == "__main__":
    main()
