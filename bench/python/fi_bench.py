"""nd.fi_curve against Brian2's C++ standalone f-I binary, in one script: the f-I curve of the 2003 RS cell, 41
currents I = 0..40, each 1000 ms with classical Runge-Kutta at dt 0.01 ms from v = -63, u = b v (preset
izh2003-RS, start='given'), on 1 thread and on every core.

    .venv/bin/python bench/python/fi_bench.py [--repeat 5] [--work /tmp/neurodyn-bench-brian2]

(.venv is Debian's /usr/bin/python3, whose python3-brian 2.5.1 this needs, with g++.) Brian2's side is
bench/brian2/fi_curve.py, generated and compiled once into --work and reused (bench/brian2/compare.py's
Brian2Case: its binary `main` timed alone, and the loop time it writes). neurodyn's side is the whole
nd.fi_curve call: argument conversion, resolution, the runs in lanes and the arrays returned. Times are medians
over --repeat; the spike counts of both are compared.
"""

import argparse
import datetime
import os
import re
import sys

import neurodyn as nd

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "brian2"))
from compare import Brian2Case  # noqa: E402  (bench/brian2/compare.py)
from simulate_bench import median_seconds  # noqa: E402  (this folder)


def nd_fi_curve(threads):
    return nd.fi_curve(range(41), preset="izh2003-RS", method="rk4", dt=0.01, t_end=1000, start="given",
                       threads=threads)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--work", default="/tmp/neurodyn-bench-brian2")
    parser.add_argument("--python", default="/usr/bin/python3", help="the interpreter with Brian2")
    args = parser.parse_args()
    cores = len(os.sched_getaffinity(0))
    print(f"date: {datetime.datetime.now():%Y-%m-%d %H:%M}, cores: {cores}, load: {os.getloadavg()[0]:.2f}, "
          f"repeat: {args.repeat}")
    for threads in sorted({1, cores}):
        brian2 = Brian2Case(args.python, "fi_curve.py", os.path.join(args.work, f"fi_curve-t{threads}"),
                            ["--threads", str(0 if threads == 1 else threads)]).measure(args.repeat)
        counts = [int(x) for x in re.search(r"^counts: (.*)$", brian2["stdout"], re.MULTILINE).group(1).split()]
        seconds = median_seconds(lambda: nd_fi_curve(threads), args.repeat)
        mine = nd_fi_curve(threads)["spike_count"].astype(int).tolist()
        same = "the same" if mine == counts else f"differ at I = {[i for i in range(41) if mine[i] != counts[i]]}"
        print(f"threads {threads}: nd.fi_curve {seconds:.3f} s; Brian2 standalone main {brian2['binary_s']:.3f} s "
              f"(its loop {brian2['loop_s']:.3f} s); ratio main / nd.fi_curve {brian2['binary_s'] / seconds:.2f}; "
              f"spike counts {same}")


if __name__ == "__main__":
    main()
