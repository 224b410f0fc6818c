"""The 2007 simple model fitted to a whole-cell recording (examples/fit/izh2007-abf.toml: trained on the even
sweeps, scored on the odd ones), then driven by the recorded command of a held-out sweep and drawn over the
recorded voltage with matplotlib, with the fit's score history beside it.

    .venv/bin/python examples/python/fit_recording.py [OUT.png] [EVALUATIONS]
        (defaults out/python/fit_recording.png and 1000 evaluations, about 10 s on two cores)
"""

import pathlib
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import neurodyn as nd  # noqa: E402
import numpy as np  # noqa: E402

REPOSITORY = pathlib.Path(__file__).resolve().parents[2]
CONFIG = REPOSITORY / "examples/fit/izh2007-abf.toml"
RECORDING = REPOSITORY / "tests/data/recordings/171116sh_0018.abf"


def report(evaluations, budget, best):
    if evaluations % 100 == 0 or evaluations == budget:
        print(f"fit: {evaluations} of {budget} evaluations, best score {best:.4g}", file=sys.stderr)


def strongest_held_out_sweep(recording):
    """The odd (held-out) sweep with the largest command current."""
    held_out = [s for s in recording["sweeps"] if s["number"] % 2 == 1 and s["command"] is not None]
    return max(held_out, key=lambda s: s["command"]["samples"].max())


def main(out, evaluations):
    fit = nd.fit(CONFIG, evaluations=evaluations, progress=report)
    recording = nd.read_recording(RECORDING)
    sweep = strongest_held_out_sweep(recording)
    recorded_v = sweep["channels"][0]["samples"]
    command = sweep["command"]["samples"]
    time_ms = sweep["time_ms"] - sweep["time_ms"][0]
    # The fitted parameters (fit["parameters"] has every parameter of the model) under the recorded command,
    # from the sweep's first voltage sample, recorded on the sweep's own sample grid.
    model = nd.simulate(
        model="izh2007",
        params=fit["parameters"],
        stimulus=(time_ms, command),
        v0=float(recorded_v[0]),
        t_end=float(time_ms[-1]),
        method="dopri5",
        output_step=float(time_ms[1] - time_ms[0]),
    )
    held_out = fit["held_out"]

    figure, (trace_axes, history_axes) = plt.subplots(
        1, 2, figsize=(12, 4.2), gridspec_kw={"width_ratios": [2.2, 1]}, constrained_layout=True
    )
    trace_axes.plot(time_ms, recorded_v, lw=0.7, color="0.35", label="recorded")
    trace_axes.plot(model.t, model.v, lw=0.7, color="tab:red", label=f"fitted model ({len(model.spikes)} spikes)")
    trace_axes.set(
        xlabel="t (ms)",
        ylabel="v (mV)",
        title=(
            f"held-out sweep {sweep['number']} ({command.max():g} pA): features score {held_out['features']:.3g}, "
            f"spike coincidence {held_out['gamma_coincidence']:.2f} (mean of {held_out['sweeps']} held-out sweeps)"
        ),
    )
    trace_axes.legend(loc="upper right")
    history = fit["history_score"]
    history_axes.semilogy(np.arange(1, len(history) + 1), np.minimum.accumulate(history), color="tab:blue")
    history_axes.set(
        xlabel="evaluation", ylabel="best training score so far", title=f"{fit['optimizer']}, {fit['evaluations']} runs"
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(out, dpi=110)
    print(f"fitted: {', '.join(f'{k} = {v:.4g}' for k, v in fit['fitted'].items())}")
    print(f"figure: {out}")


if __name__ == "__main__":
    main(
        pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "out/python/fit_recording.png"),
        int(sys.argv[2]) if len(sys.argv) > 2 else 1000,
    )
