#!/usr/bin/python3
"""Brian2 against neurodyn on the same problems, in one run, with the wall times and their ratios.

Run with Debian's interpreter (python3-brian 2.5.1 and g++ needed):

    /usr/bin/python3 bench/brian2/compare.py --neurodyn build/release/neurodyn

Cases (see README.md): net.m (Izhikevich 2003, 1000 neurons, 1000 ms), 100,000 uncoupled RS neurons
(forward Euler, dt 0.1 ms, 1000 ms; 1 and 2 threads) and the f-I curve of the RS cell (41 currents, RK4 at
dt 0.01 ms, 1000 ms; 1 and 2 threads).

Every Brian2 script is run once to generate and compile its standalone code into a directory under --work
(default /tmp/neurodyn-bench-brian2), then timed again with the compiled code reused (the whole script:
Python, Brian2's code generation, a make that rebuilds nothing, the binary), and its binary `main` is run
--repeat times on its own in that directory (its wall time, and the loop time Brian2's code writes to
results/last_run_info.txt). neurodyn's commands are run --repeat times each. Times are medians over the
repeats. The ratio is Brian2's time / neurodyn's time (above 1: neurodyn is faster).
"""

import argparse
import datetime
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))

SWEEP_TOML = """model = "izh2003"
v0 = -65
duration_ms = 1000
current = 10
samples = {samples}
threads = {threads}
[parameters]
a = 0.02
b = 0.2
c = -65
d = 8
[method]
name = "euler"
dt = 0.1
[[axis]]
name = "d"
values = [8, 8]
"""

UNCOUPLED_NEURONS = 100_000
UNCOUPLED_STEPS = 10_000  # 1000 ms at dt 0.1 ms


def log(message):
    print(message, file=sys.stderr, flush=True)


def run(command, cwd=None, check=True):
    """Runs a command; returns (wall seconds, stdout, stderr)."""
    start = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    wall = time.perf_counter() - start
    if check and result.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed with exit status {result.returncode}:\n"
                           f"{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return wall, result.stdout, result.stderr


def field(text, name):
    """The number after `name:` on a line of its own in text."""
    match = re.search(rf"^{re.escape(name)}:\s*([-+0-9.eE]+|nan|inf)", text, re.MULTILINE)
    if not match:
        raise RuntimeError(f"no '{name}:' in the output:\n{text[-3000:]}")
    return float(match.group(1))


def median(values):
    return statistics.median(values)


class Brian2Case:
    """One Brian2 script: compiled once, then timed with the compiled code reused."""

    def __init__(self, python, script, directory, extra=()):
        self.python = python
        self.script = os.path.join(HERE, script)
        self.directory = directory
        self.command = [python, self.script, "--dir", directory, *extra]

    def measure(self, repeat):
        log(f"brian2: {os.path.basename(self.script)} {' '.join(self.command[4:])}: generating and compiling "
            f"into {self.directory}")
        compile_wall, _, _ = run(self.command)
        log(f"brian2:   first run (compiles unless already built) {compile_wall:.1f} s; timing a second run")
        script_wall, out, _ = run(self.command)
        binary_walls, loops = [], []
        for _ in range(repeat):
            wall, _, _ = run(["./main"], cwd=self.directory)
            binary_walls.append(wall)
            with open(os.path.join(self.directory, "results", "last_run_info.txt")) as f:
                loops.append(float(f.read().split()[0]))
        return {
            "script_s": script_wall,
            "compile_run_s": compile_wall,
            "binary_s": median(binary_walls),
            "loop_s": median(loops),
            "script_loop_s": field(out, "brian2_run_s"),
            "stdout": out,
        }


def fi_spike_counts(path):
    """The spike_count column of neurodyn's fi.csv."""
    import csv
    with open(path) as f:
        rows = list(csv.DictReader(line for line in f if not line.startswith("#")))
    return [int(row["spike_count"]) for row in rows]


def default_neurodyn():
    for candidate in ("build/release/neurodyn", "build/ci/neurodyn"):
        path = os.path.join(REPO, candidate)
        if os.path.isfile(path) and os.access(path, os.X_OK):
            return path
    return os.path.join(REPO, "build/release/neurodyn")


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def tool_version(command):
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=60)
        return (result.stdout or result.stderr).strip().splitlines()[0]
    except (OSError, IndexError, subprocess.SubprocessError):
        return "unknown"


def fmt_s(seconds):
    if seconds is None:
        return "—"
    return f"{seconds:.3f} s" if seconds < 100 else f"{seconds:.0f} s"


def fmt_ratio(brian2, neurodyn):
    if brian2 is None or neurodyn is None or neurodyn <= 0:
        return "—"
    return f"{brian2 / neurodyn:.2f}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    parser.add_argument("--neurodyn", default=default_neurodyn(),
                        help="the neurodyn binary (default: build/release/neurodyn, else build/ci/neurodyn)")
    parser.add_argument("--python", default="/usr/bin/python3",
                        help="the interpreter with Brian2 (default %(default)s)")
    parser.add_argument("--work", default="/tmp/neurodyn-bench-brian2",
                        help="directory of the Brian2 builds and neurodyn outputs (default %(default)s)")
    parser.add_argument("--repeat", type=int, default=3,
                        help="runs of each binary and neurodyn command; medians are reported (default %(default)s)")
    parser.add_argument("--cases", default="netm,uncoupled,fi",
                        help="comma-separated subset of netm, uncoupled, fi (default all)")
    parser.add_argument("--clean", action="store_true", help="delete --work first (recompile everything)")
    args = parser.parse_args()

    neurodyn = os.path.abspath(args.neurodyn)
    if not (os.path.isfile(neurodyn) and os.access(neurodyn, os.X_OK)):
        sys.exit(f"compare.py: no neurodyn binary at {neurodyn} (give --neurodyn PATH)")
    if shutil.which("g++") is None:
        sys.exit("compare.py: g++ is needed by Brian2's standalone mode")
    cases = {c.strip() for c in args.cases.split(",") if c.strip()}
    unknown = cases - {"netm", "uncoupled", "fi"}
    if unknown:
        sys.exit(f"compare.py: unknown cases {sorted(unknown)}")
    if args.repeat < 1:
        sys.exit("compare.py: --repeat must be at least 1")
    if args.clean and os.path.isdir(args.work):
        shutil.rmtree(args.work)
    os.makedirs(args.work, exist_ok=True)
    out_dir = os.path.join(args.work, "neurodyn")
    os.makedirs(out_dir, exist_ok=True)

    load_before = os.getloadavg()
    rows = []      # (case, brian2 seconds, neurodyn seconds, notes)
    checks = []    # lines printed under the table
    failures = []  # neurodyn commands that failed

    def neurodyn_measure(label, command, parse):
        """Runs a neurodyn command --repeat times; returns (median wall, median of parse(stdout, stderr), the last
        stdout), or None after noting the failure when a run fails or its output lacks the time."""
        log(f"neurodyn: {label}")
        walls, values, stdout = [], [], ""
        for _ in range(args.repeat):
            start = time.perf_counter()
            result = subprocess.run(command, capture_output=True, text=True)
            wall = time.perf_counter() - start
            if result.returncode != 0:
                if result.returncode < 0:
                    why = f"killed by signal {-result.returncode}"
                else:
                    why = f"exit status {result.returncode}: " + (result.stderr.strip().splitlines() or ["-"])[-1]
                shown = " ".join(["neurodyn", *command[1:]])
                failures.append(f"{label}: `{shown}` failed ({why})")
                log(f"neurodyn:   {failures[-1]}")
                return None
            try:
                values.append(parse(result.stdout, result.stderr))
            except RuntimeError as error:
                failures.append(f"{label}: {error}")
                return None
            walls.append(wall)
            stdout = result.stdout
        return median(walls), median(values), stdout

    if "netm" in cases:
        b = Brian2Case(args.python, "netm.py", os.path.join(args.work, "netm")).measure(args.repeat)
        b_exc, b_inh = field(b["stdout"], "rate_hz exc"), field(b["stdout"], "rate_hz inh")
        results = {}
        for semantics in ("published", "converged"):
            command = [neurodyn, "network", "--preset", "izh2003-network", "--semantics", semantics,
                       "--no-figures", "--out", os.path.join(out_dir, f"network-{semantics}")]
            results[semantics] = neurodyn_measure(f"net.m --semantics {semantics}", command,
                                                  lambda out, err: field(out, "simulation_s"))
        pub, conv = results["published"], results["converged"]
        whole = lambda r: r[0] if r else None
        loop = lambda r: r[1] if r else None
        rows.append(("net.m, simulation loop", b["loop_s"], loop(pub),
                     "Brian2: results/last_run_info.txt of `main`; neurodyn: `simulation_s` "
                     "(--semantics published)"))
        rows.append(("net.m, whole binary / command", b["binary_s"], whole(pub),
                     "Brian2: `main` alone (set-up of 10^6 synapses, loop, results); neurodyn: the whole "
                     "`network` command (set-up, loop, spikes.csv and spikes.h5)"))
        rows.append(("net.m, whole script, compiled code reused", b["script_s"], whole(pub),
                     "Brian2: `python3 netm.py` with Python, code generation and make (nothing rebuilt)"))
        rows.append(("net.m converged, simulation loop", None, loop(conv),
                     "neurodyn --semantics converged; no Brian2 counterpart"))
        rows.append(("net.m converged, whole command", None, whole(conv), "no Brian2 counterpart"))
        rates = lambda r: ", ".join(f"{name} {value} Hz" for name, value in
                                    re.findall(r"^rate_hz (\S+): ([-0-9.]+)", r[2], re.MULTILINE)) if r else "failed"
        checks.append(f"net.m rates: Brian2 exc {b_exc:.3f} Hz, inh {b_inh:.3f} Hz (expected 7.3-7.8 and "
                      f"7.0-7.6 Hz); neurodyn published {rates(pub)}; converged {rates(conv)}")
        checks.append(f"net.m Brian2 first run (code generation, and compilation unless --work held it): "
                      f"{b['compile_run_s']:.1f} s")

    if "uncoupled" in cases:
        work = UNCOUPLED_NEURONS * UNCOUPLED_STEPS
        for threads in (1, 2):
            label = f"{threads} thread{'s' if threads > 1 else ''}"
            b = Brian2Case(args.python, "uncoupled.py", os.path.join(args.work, f"uncoupled-t{threads}"),
                           ["--threads", str(0 if threads == 1 else threads)]).measure(args.repeat)
            config = os.path.join(out_dir, f"sweep-uncoupled-t{threads}.toml")
            with open(config, "w") as f:
                f.write(SWEEP_TOML.format(samples=UNCOUPLED_NEURONS, threads=threads))
            command = [neurodyn, "sweep", "--config", config, "--no-figures",
                       "--out", os.path.join(out_dir, f"sweep-uncoupled-t{threads}")]
            n = neurodyn_measure(f"sweep of {UNCOUPLED_NEURONS} uncoupled RS neurons, {label}", command,
                                 lambda out, err: field(out, "seconds"))
            rate = (f"neurodyn {work / n[1]:.3g}" if n else "neurodyn failed")
            rows.append((f"100,000 uncoupled RS, Euler dt 0.1 ms, {label}, run loop", b["loop_s"],
                         n[1] if n else None,
                         f"neuron-steps/s: Brian2 {work / b['loop_s']:.3g}, {rate}"
                         + ("; Brian2 serial code (no OpenMP)" if threads == 1 else "; Brian2 OpenMP, 2 threads")))
            rows.append((f"100,000 uncoupled RS, {label}, whole binary / command", b["binary_s"],
                         n[0] if n else None, "Brian2: `main` alone; neurodyn: the whole `sweep` command"))
            summary = "; ".join(line for line in n[2].splitlines()
                                if line.startswith(("spiking_runs", "pattern"))) if n else "failed"
            checks.append(f"uncoupled, {label}: Brian2 mean rate {field(b['stdout'], 'rate_hz'):.3f} Hz; "
                          f"neurodyn sweep: {summary}")

    if "fi" in cases:
        fi_serial_binary_s = None
        for threads in (1, 2):
            label = f"{threads} thread{'s' if threads > 1 else ''}"
            b = Brian2Case(args.python, "fi_curve.py", os.path.join(args.work, f"fi_curve-t{threads}"),
                           ["--threads", str(0 if threads == 1 else threads)]).measure(args.repeat)
            if threads == 1:
                fi_serial_binary_s = b["binary_s"]
            command = [neurodyn, "fi", "--preset", "izh2003-RS", "--method", "rk4", "--dt", "0.01",
                       "--range", "0:40:1", "--t-end", "1000", "--start", "given", "--no-figures",
                       "--out", os.path.join(out_dir, f"fi-t{threads}"), "--threads", str(threads)]

            def fi_seconds(out, err):
                match = re.search(r"fi: 41 currents of 1000 ms in ([0-9.eE+-]+) s", err)
                if not match:
                    raise RuntimeError(f"no 'fi: 41 currents of 1000 ms in X s' on neurodyn's stderr: {err[-500:]}")
                return float(match.group(1))

            n = neurodyn_measure(f"fi, {label}", command, fi_seconds)
            serial_vs = ""
            if threads > 1 and n and fi_serial_binary_s:
                serial_vs = f" (Brian2 serial `main` / this: {fi_serial_binary_s / n[1]:.2f})"
            rows.append((f"f-I curve, 41 currents x 1000 ms, RK4 dt 0.01 ms, {label}, runs",
                         b["binary_s"], n[1] if n else None,
                         f"Brian2: `main` alone (its loop: {b['loop_s']:.3f} s); neurodyn: `fi: ... in X s`"
                         + ("; Brian2 serial code" if threads == 1 else "; Brian2 OpenMP, 2 threads" + serial_vs)))
            rows.append((f"f-I curve, {label}, whole script / command", b["script_s"], n[0] if n else None,
                         "Brian2: `python3 fi_curve.py`, compiled code reused; neurodyn: the whole `fi` command"))
            brian2_counts = [int(x) for x in re.search(r"^counts: (.*)$", b["stdout"], re.MULTILINE).group(1).split()]
            line = f"f-I spike counts ({label}), I = 0..40: Brian2 {' '.join(map(str, brian2_counts))}; "
            if n:
                neurodyn_counts = fi_spike_counts(os.path.join(out_dir, f"fi-t{threads}", "fi.csv"))
                differ = [i for i, (x, y) in enumerate(zip(brian2_counts, neurodyn_counts)) if x != y]
                if not differ and len(neurodyn_counts) == len(brian2_counts):
                    line += "neurodyn the same"
                else:
                    line += (f"neurodyn {' '.join(map(str, neurodyn_counts))} (differ at I = "
                             f"{', '.join(map(str, differ)) or 'none'})")
            else:
                line += "neurodyn failed"
            checks.append(line)

    # The report.
    brian2_version = tool_version([args.python, "-c", "import brian2; print(brian2.__version__)"])
    print(f"# Brian2 vs neurodyn, {datetime.datetime.now().strftime('%Y-%m-%d %H:%M')}")
    print()
    print(f"- machine: {cpu_model()}, nproc {len(os.sched_getaffinity(0))}, {platform.system()} "
          f"{platform.release()}")
    print(f"- Brian2 {brian2_version} (C++ standalone, g++ -O3 -ffast-math -march=native; "
          f"{tool_version(['g++', '--version'])})")
    print(f"- neurodyn: {neurodyn} ({tool_version([neurodyn, '--version'])})")
    print(f"- medians of {args.repeat} run(s); ratio = Brian2 / neurodyn (above 1: neurodyn faster)")
    load_after = os.getloadavg()
    print(f"- load average (1 min) before {load_before[0]:.2f}, after {load_after[0]:.2f}: other work on the "
          f"machine inflates the times, OpenMP's most of all")
    print()
    print("| case | Brian2 | neurodyn | ratio | notes |")
    print("|---|---:|---:|---:|---|")
    for case, brian2_s, neurodyn_s, notes in rows:
        print(f"| {case} | {fmt_s(brian2_s)} | {fmt_s(neurodyn_s)} | {fmt_ratio(brian2_s, neurodyn_s)} | {notes} |")
    print()
    print("Notes:")
    print("- Brian2's loop time is its standalone code's own: process CPU time (std::clock) in the serial "
          "code, omp_get_wtime with OpenMP. The other times are wall times (time.perf_counter).")
    print("- Uncoupled neurons: Brian2's 'euler' resets at the end of the step where v >= 30; neurodyn's Euler is "
          "explicit Euler with the spike located inside the step on the linear interpolant and the reset applied "
          "there, slightly more work per spike. neurodyn's `seconds` is the runs without set-up.")
    print("- f-I: Brian2 integrates the 41 currents as one group of 41 neurons (one loop over 100,000 steps); "
          "neurodyn runs 41 separate runs, split over the threads; both start from v = -63, u = b v (the preset "
          "izh2003-RS, --start given).")
    print("- Compilers: Brian2's code is built with -O3 -ffast-math -march=native (all the CPU's vector "
          "extensions); neurodyn is built without fast-math and, with NEURODYN_NATIVE, with -march=native -mno-avx "
          "(at most SSE4; the lane engine AVX2 without FMA where the machine has it, element by element: the same "
          "bits), so that its results do not depend on the machine.")
    print("- net.m: Brian2 follows net.m's order in each 1 ms step (input drawn, threshold, weights of the "
          "spikes added, reset, then two 0.5 ms Euler steps of v and one of u). Random streams differ, so spike "
          "counts differ between the two; the rates are checked against the expected ranges instead.")
    for line in checks:
        print(f"- {line}")
    for line in failures:
        print(f"- neurodyn FAILED: {line}")


if __name__ == "__main__":
    main()
